// 风险处置工作台: a little vanilla JS — show the fields an action takes, post actions as JSON with the CSRF token,
// show the server's message (it says what is allowed instead), reload on success.
(function () {
  "use strict";
  const base = document.body.dataset.base || "";
  const csrf = document.body.dataset.csrf || "";

  function toast(message, ok) {
    const el = document.getElementById("toast");
    el.textContent = message;
    el.className = ok ? "ok" : "error";
    el.hidden = false;
  }

  async function post(url, body) {
    const response = await fetch(base + url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
    });
    let data = {};
    try { data = await response.json(); } catch (e) { data = { message: response.statusText }; }
    return { ok: response.ok, status: response.status, data: data };
  }

  function fieldsOf(form) {
    const get = (name) => (form.elements[name] ? form.elements[name].value.trim() : "");
    const body = { action: get("action") };
    for (const name of ["conclusion", "disposal_measure", "assignee_officer_id", "note"]) {
      if (get(name)) body[name] = get(name);
    }
    const refs = get("document_refs").split(/[;；]/).map((s) => s.trim()).filter(Boolean);
    if (refs.length) body.document_refs = refs;
    return body;
  }

  function showFieldsFor(form) {
    const select = form.elements.action;
    const update = () => {
      form.querySelectorAll("[data-for]").forEach((label) => {
        label.hidden = label.dataset.for !== select.value;
      });
    };
    select.addEventListener("change", update);
    update();
  }

  // one alert
  const act = document.getElementById("act-form");
  if (act) {
    showFieldsFor(act);
    act.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = fieldsOf(act);
      body.expected_seq = Number(act.dataset.seq);
      const result = await post(`/api/alerts/${act.dataset.alert}/actions`, body);
      if (result.ok) {
        toast(`已提交 done: ${body.action} → ${result.data.alert.status}`, true);
        window.setTimeout(() => window.location.reload(), 600);
      } else {
        toast(`${result.status}: ${result.data.message || JSON.stringify(result.data)}`, false);
      }
    });
  }

  // the queue: select rows, bulk action
  const bulk = document.getElementById("bulk-form");
  if (bulk) {
    showFieldsFor(bulk);
    const picks = () => Array.from(document.querySelectorAll("input.pick:checked")).map((el) => Number(el.value));
    const count = () => { document.getElementById("selected-count").textContent = picks().length; };
    document.querySelectorAll("input.pick").forEach((el) => el.addEventListener("change", count));
    const all = document.getElementById("select-all");
    all.addEventListener("change", () => {
      document.querySelectorAll("input.pick").forEach((el) => { el.checked = all.checked; });
      count();
    });
    bulk.addEventListener("submit", async (event) => {
      event.preventDefault();
      const ids = picks();
      if (!ids.length) { toast("请先勾选预警 — select alerts first", false); return; }
      const body = fieldsOf(bulk);
      body.alert_ids = ids;
      const result = await post("/api/bulk", body);
      if (result.ok) {
        toast(`已处理 ${result.data.applied} 条 — applied to ${result.data.applied}`, true);
        window.setTimeout(() => window.location.reload(), 600);
      } else {
        toast(`${result.status}: ${result.data.message || JSON.stringify(result.data)}`, false);
      }
    });
  }
})();
