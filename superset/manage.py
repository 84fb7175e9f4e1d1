"""Superset lifecycle for the customs risk platform.

Run with the Superset virtualenv's python:
  manage.py setup                      migrate, admin user, roles, import + check the bundle
  manage.py serve --host H --port P    run the web server in the foreground
  manage.py verify --url URL           log in over REST and check every chart returns rows
  manage.py export --out DIR           write the dashboard back as an unzipped bundle

Environment: SUPERSET_HOME (state folder), WAREHOUSE_SQLALCHEMY_URI (setup),
SUPERSET_ADMIN_USER / SUPERSET_ADMIN_PASSWORD (default admin/admin).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from importlib.metadata import version
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ASSETS = HERE / "assets"
URI_PLACEHOLDER = "${WAREHOUSE_SQLALCHEMY_URI}"
# Datasets that every night fills: an empty chart on them is an error. The disposition-fed ones (evaluation, open
# alerts) fill up as cases are worked.
ALWAYS_DATA = {"rpt_alert_daily", "rpt_alert_detail", "rpt_night_status"}
HOME = Path(os.environ.get("SUPERSET_HOME") or Path.home() / ".superset")
# The config reads the same variables; set them before Superset is imported.
os.environ["SUPERSET_HOME"] = str(HOME)
os.environ.setdefault("SUPERSET_CONFIG_PATH", str(HERE / "superset_config.py"))
ADMIN_USER = os.environ.get("SUPERSET_ADMIN_USER", "admin")
ADMIN_PASSWORD = os.environ.get("SUPERSET_ADMIN_PASSWORD", "admin")


def die(msg: str) -> None:
    print(f"ERROR: {msg}", file=sys.stderr)
    sys.exit(1)


def dump_yaml(data: dict) -> str:
    # One dumper for the committed bundle and for exports, so `git diff` shows only real changes.
    return yaml.safe_dump(data, sort_keys=True, allow_unicode=True, width=100)


def bundle_files(root: Path) -> dict[str, dict]:
    """Relative path -> parsed YAML for every file of an unzipped bundle."""
    if not (root / "metadata.yaml").is_file():
        die(f"{root} is not a bundle (no metadata.yaml)")
    return {p.relative_to(root).as_posix(): yaml.safe_load(p.read_text()) for p in sorted(root.rglob("*.yaml"))}


def dashboard_chart_uuids(dashboard: dict) -> set[str]:
    return {
        c["meta"]["uuid"] for c in dashboard["position"].values() if isinstance(c, dict) and c.get("type") == "CHART"
    }


# ---------------------------------------------------------------- setup
def superset_app():
    from superset.app import create_app

    return create_app()


def stamp_current(name: str) -> bool:
    stamp = HOME / f".stamp-{name}"
    return (HOME / "superset.db").exists() and stamp.exists() and stamp.read_text() == version("apache-superset")


def write_stamp(name: str) -> None:
    (HOME / f".stamp-{name}").write_text(version("apache-superset"))


def render_bundle(uri: str, zip_path: Path) -> Path:
    """Zip the committed bundle with the warehouse URI filled in (never written to the repo)."""
    with zipfile.ZipFile(zip_path, "w") as zf:
        for rel, data in bundle_files(ASSETS).items():
            if rel.startswith("databases/"):
                if data.get("sqlalchemy_uri") != URI_PLACEHOLDER:
                    die(f"{rel}: sqlalchemy_uri must be the placeholder {URI_PLACEHOLDER}, not a real URI")
                data["sqlalchemy_uri"] = uri
            zf.writestr(f"bundle/{rel}", dump_yaml(data))
    return zip_path


def import_bundle(zip_path: Path, admin) -> None:
    # ImportAssetsCommand overwrites databases, datasets, charts and the dashboard. The CLI's
    # `import-dashboards` only overwrites the dashboard (edited charts would silently stay old)
    # and exits 0 when a chart's dataset is missing.
    from superset.commands.exceptions import CommandInvalidError
    from superset.commands.importers.v1.assets import ImportAssetsCommand
    from superset.commands.importers.v1.utils import get_contents_from_bundle
    from superset.utils.core import override_user

    with zipfile.ZipFile(zip_path) as zf:
        contents = get_contents_from_bundle(zf)
    try:
        with override_user(admin):
            ImportAssetsCommand(contents).run()
    except CommandInvalidError as exc:
        die(f"bundle rejected: {json.dumps(exc.normalized_messages(), ensure_ascii=False)}")


def bundle_dashboards() -> dict[str, dict]:
    """slug -> dashboard spec, for every dashboard of the committed bundle."""
    return {d["slug"]: d for r, d in bundle_files(ASSETS).items() if r.startswith("dashboards/")}


def check_import() -> None:
    """Fail loudly unless every bundle dashboard and exactly its charts exist and are wired up."""
    from superset.models.dashboard import Dashboard
    from superset.sql.parse import Table

    from superset import db

    for slug, spec in bundle_dashboards().items():
        dash = db.session.query(Dashboard).filter_by(slug=slug).one_or_none()
        if dash is None:
            die(f"dashboard '{slug}' missing after import")
        expected, found = dashboard_chart_uuids(spec), {str(s.uuid) for s in dash.slices}
        if expected != found:
            die(f"{slug}: charts differ from the bundle: missing {expected - found}, extra {found - expected}")
        for chart in dash.slices:
            if chart.datasource is None:
                die(f"chart '{chart.slice_name}' has no dataset")
            if not chart.query_context:
                die(f"chart '{chart.slice_name}' has no saved query_context (/chart/<id>/data/ would fail)")
        tables = {(s.datasource.schema, s.datasource.table_name, s.datasource.database) for s in dash.slices}
        for schema, table, database in tables:
            try:
                exists = database.has_table(Table(table, schema))
            except Exception as exc:
                die(f"cannot reach database '{database.database_name}': {exc}")
            if not exists:
                print(f"WARNING: {schema}.{table} not found in '{database.database_name}' (nightly run not done yet?)")
        print(f"dashboard '{dash.dashboard_title}' (id {dash.id}) with {len(found)} charts: OK")


def check_connection(uri: str) -> None:
    from sqlalchemy import create_engine

    try:
        create_engine(uri).connect().close()
    except Exception as exc:
        die(f"cannot connect with WAREHOUSE_SQLALCHEMY_URI: {exc}")


def cmd_setup(args: argparse.Namespace) -> None:
    uri = os.environ.get("WAREHOUSE_SQLALCHEMY_URI")
    if not uri:
        die("WAREHOUSE_SQLALCHEMY_URI is not set (e.g. postgresql+psycopg2://user:pw@127.0.0.1:55432/warehouse)")
    check_connection(uri)  # before touching Superset, so a typo cannot break a running instance
    started = time.monotonic()
    app = superset_app()
    with app.app_context():
        from flask_migrate import upgrade
        from superset.extensions import appbuilder

        from superset import db, security_manager

        if stamp_current("db-upgrade"):
            print("db upgrade: already at this Superset version, skipped")
        else:
            upgrade()
            write_stamp("db-upgrade")
        if stamp_current("init"):
            print("init: done before, skipped")
        else:  # same as `superset init`: permissions and built-in roles
            appbuilder.add_permissions(update_perms=True)
            security_manager.sync_role_definitions()
            db.session.commit()
            write_stamp("init")
        admin = security_manager.find_user(username=ADMIN_USER)
        if admin is None:
            role = security_manager.find_role(app.config["AUTH_ROLE_ADMIN"])
            admin = security_manager.add_user(
                ADMIN_USER, "Superset", "Admin", f"{ADMIN_USER}@localhost", role, password=ADMIN_PASSWORD
            )
            if not admin:
                die(f"could not create admin user '{ADMIN_USER}'")
            print(f"admin user '{ADMIN_USER}' created")
        with tempfile.TemporaryDirectory() as tmp:
            import_bundle(render_bundle(uri, Path(tmp) / "assets.zip"), admin)
        check_import()
        from access import sync_access

        sync_access(uri, security_manager, db)
    print(f"setup finished in {time.monotonic() - started:.1f}s")


# ---------------------------------------------------------------- serve
def cmd_serve(args: argparse.Namespace) -> None:
    bindir = Path(sys.executable).parent
    gunicorn = bindir / "gunicorn"
    if gunicorn.exists():
        # 2 cores: 2 processes x 4 threads; long timeout because dashboard queries can be slow.
        argv = [str(gunicorn), "--bind", f"{args.host}:{args.port}", "--workers", "2",
                "--worker-class", "gthread", "--threads", "4", "--timeout", "120",
                "--limit-request-line", "0", "--limit-request-field_size", "0",
                "superset.app:create_app()"]  # fmt: skip
    else:
        argv = [str(bindir / "superset"), "run", "--host", args.host, "--port", str(args.port), "--with-threads"]
    sys.stdout.flush()
    os.execv(argv[0], argv)  # replace this process so the caller's signals reach the server


# ---------------------------------------------------------------- verify
def api(url: str, token: str | None = None, body: dict | None = None) -> dict:
    req = urllib.request.Request(url, data=json.dumps(body).encode() if body is not None else None)
    if body is not None:  # a JSON content type on a bodiless GET makes Flask answer 400
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            return json.load(resp)
    except urllib.error.HTTPError as exc:
        raise RuntimeError(f"{url}: HTTP {exc.code} {exc.read()[:300]!r}") from exc


def cmd_verify(args: argparse.Namespace) -> None:
    base = args.url.rstrip("/")
    try:
        login = {"username": ADMIN_USER, "password": ADMIN_PASSWORD, "provider": "db", "refresh": False}
        token = api(f"{base}/api/v1/security/login", body=login)["access_token"]
        files = bundle_files(ASSETS)
        tables = {d["uuid"]: d["table_name"] for r, d in files.items() if r.startswith("datasets/")}
        chart_tables = {d["slice_name"]: tables[d["dataset_uuid"]] for r, d in files.items() if r.startswith("charts/")}
        charts = []
        for slug in bundle_dashboards():
            found = api(f"{base}/api/v1/dashboard/{slug}/charts", token)["result"]
            if not found:
                die(f"dashboard '{slug}' has no charts")
            charts += [{**c, "must_have_rows": chart_tables.get(c["slice_name"]) in ALWAYS_DATA} for c in found]
    except (RuntimeError, urllib.error.URLError) as exc:
        die(str(exc))
    failed = 0
    for chart in sorted(charts, key=lambda c: c["id"]):
        try:
            result = api(f"{base}/api/v1/chart/{chart['id']}/data/", token)["result"]
            rows = sum(len(r["data"]) for r in result)
        except (RuntimeError, KeyError) as exc:
            rows, failed = 0, failed + 1
            print(f"  {chart['slice_name']}: ERROR {exc}")
            continue
        failed += rows == 0 and chart["must_have_rows"]
        print(f"  {chart['slice_name']} (id {chart['id']}): {rows} rows")
    if failed:
        die(f"{failed} chart(s) returned no data")
    print(f"verify: {len(charts)} charts OK")


# ---------------------------------------------------------------- export
def normalise(rel: str, data: dict) -> dict:
    """Drop instance-specific values so an export diffs cleanly against the committed bundle."""
    if rel == "metadata.yaml":
        return {"version": data["version"], "type": "assets"}  # no timestamp; assets = full overwrite
    if rel.startswith("databases/"):
        data["sqlalchemy_uri"] = URI_PLACEHOLDER
        data.pop("password", None)
    if rel.startswith("datasets/"):  # Superset exports columns in no stable order
        data["columns"] = sorted(data.get("columns") or [], key=lambda c: c["column_name"])
        data["metrics"] = sorted(data.get("metrics") or [], key=lambda m: m["metric_name"])
    if rel.startswith("charts/"):
        params = data.get("params") or {}
        params["datasource"] = "0__table"
        params.pop("slice_id", None)
        params["dashboards"] = []
        if data.get("query_context"):
            qc = json.loads(data["query_context"])
            qc["datasource"] = {"id": 0, "type": "table"}
            for q in qc.get("queries", []):
                q.pop("datasource", None)
            if "form_data" in qc:
                qc["form_data"].update(datasource="0__table", dashboards=[])
                qc["form_data"].pop("slice_id", None)
            data["query_context"] = json.dumps(qc, ensure_ascii=False, sort_keys=True)
    return data


def cmd_export(args: argparse.Namespace) -> None:
    out = Path(args.out).resolve()
    app = superset_app()
    with app.app_context():
        from superset.commands.dashboard.export import ExportDashboardsCommand
        from superset.commands.dataset.export import ExportDatasetsCommand
        from superset.connectors.sqla.models import SqlaTable
        from superset.models.dashboard import Dashboard
        from superset.utils.core import override_user

        from superset import db, security_manager

        admin = security_manager.find_user(username=ADMIN_USER) or die(f"no user '{ADMIN_USER}'; run setup")
        slugs = list(bundle_dashboards())
        dashes = db.session.query(Dashboard).filter(Dashboard.slug.in_(slugs)).all()
        if len(dashes) != len(slugs):
            die(f"dashboards {sorted(set(slugs) - {d.slug for d in dashes})} not found; run setup")
        with override_user(admin):
            files = dict(ExportDashboardsCommand([d.id for d in dashes]).run())
            # Also datasets of the same database that no chart uses yet (e.g. fct_alert).
            db_ids = {s.datasource.database_id for d in dashes for s in d.slices}
            ds_ids = [i for (i,) in db.session.query(SqlaTable.id).filter(SqlaTable.database_id.in_(db_ids))]
            files.update((k, v) for k, v in ExportDatasetsCommand(ds_ids).run() if k != "metadata.yaml")
            exported = {rel: yaml.safe_load(content()) for rel, content in files.items()}

    # Keep the committed file names (Superset's own names drop Chinese characters and add ids).
    existing = bundle_files(out) if (out / "metadata.yaml").exists() else {}
    by_uuid = {d.get("uuid"): rel for rel, d in {**bundle_files(ASSETS), **existing}.items()}
    written = set()
    for rel, data in exported.items():
        target = by_uuid.get(data.get("uuid"), rel) if rel != "metadata.yaml" else rel
        path = out / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_yaml(normalise(target, data)))
        written.add(target)
    for rel in sorted(set(existing) - written):
        (out / rel).unlink()
        print(f"removed {rel} (no longer in Superset)")
    print(f"exported {len(written)} files to {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("setup", help="migrate, create admin, import and check the asset bundle").set_defaults(
        func=cmd_setup
    )
    serve = sub.add_parser("serve", help="run the web server in the foreground")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8088)
    serve.set_defaults(func=cmd_serve)
    verify = sub.add_parser("verify", help="check every dashboard chart returns data over REST")
    verify.add_argument("--url", default="http://127.0.0.1:8088")
    verify.set_defaults(func=cmd_verify)
    export = sub.add_parser("export", help="export the dashboard as an unzipped bundle")
    export.add_argument("--out", required=True)
    export.set_defaults(func=cmd_export)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
