"""Add-on packs (外挂系统): a pack under models/checks/plugin/<pack>/ can be switched off as a whole."""

from __future__ import annotations

from pathlib import Path

import yaml

from customs_risk import checks_registry as reg

DBT_PROJECT = reg.CHECKS_DIR.parents[1] / "dbt_project.yml"


def _touch(root: Path, rel: str) -> None:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text("select 1\n")


def test_pack_checks_are_registered_under_their_switch(tmp_path: Path):
    _touch(tmp_path, "auto_prompt/clearance/chk_ap_clr_001__x.sql")
    _touch(tmp_path, "basic_info/x/chk_bi_001__y.sql")
    _touch(tmp_path, "plugin/site_pack/chk_sp_001__z.sql")
    checks = reg.check_model_names(tmp_path)
    packs = reg.pack_check_names(tmp_path)
    assert packs == {"site_pack": ["chk_sp_001__z"]}
    text = reg.registry_macro(checks, reg.prompt_model_names(tmp_path), packs)
    core, guarded = text.split("{%- if var('pack_site_pack', true) -%}")
    assert "'chk_ap_clr_001__x'" in core and "'chk_sp_001__z'" not in core
    assert "'chk_sp_001__z'" in guarded.split("{%- endif -%}")[0]
    assert "registered_prompts" in text and "'chk_bi_001__y'" in text


def test_without_packs_the_registry_is_a_plain_list():
    text = reg.registry_macro(["chk_a"], [], {})
    assert "if var(" not in text and "'chk_a'" in text


def test_every_pack_folder_is_enabled_by_its_var():
    """dbt_project.yml sets +enabled from var('pack_<pack>', true) on each of the pack's folders that exist."""
    models = yaml.safe_load(DBT_PROJECT.read_text())["models"]["customs_risk"]
    models_dir = reg.CHECKS_DIR.parent
    for pack in reg.pack_check_names():
        expected = f"{{{{ var('{reg.pack_var(pack)}', true) }}}}"
        assert models["checks"]["plugin"][pack]["+enabled"] == expected
        for layer in ("intermediate", "marts"):
            if (models_dir / layer / pack).is_dir():
                assert models[layer][pack]["+enabled"] == expected, (layer, pack)
