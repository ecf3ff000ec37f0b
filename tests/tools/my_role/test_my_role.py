"""Mijn rol reads the matrix of Bijlage II faithfully: every cell, and only the inferred cells marked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handreiking_tools import api
from handreiking_tools.roles import load_roles
from handreiking_tools.tools.my_role import view
from handreiking_tools.tools.my_role.models import MyRoleResult

DATA = json.loads((Path(api.__file__).parent / "data" / "roles.json").read_text(encoding="utf-8"))
ROLES = [r["code"] for r in DATA["roles"]]
STEPS = [s["code"] for s in DATA["steps"]]
TASKS = {row["step"]: row["tasks"] for row in DATA["matrix"]}


def _result(payload: dict) -> dict:
    out = api.run("mijn-rol", payload)
    assert out["ok"], out
    return out


@given(role=st.sampled_from(ROLES) | st.none(), step=st.sampled_from(STEPS) | st.none())
@settings(max_examples=60, deadline=None)
def test_every_cell_shown_is_the_cell_of_the_data_and_inferred_only_where_the_data_says(role, step):
    payload = {k: v for k, v in (("role", role), ("step", step)) if v}
    out = api.run("mijn-rol", payload)
    if not payload:
        assert out["ok"] is False and out["errors"] == [
            {"field": "role", "kind": "missing", "message": "Kies een rol, een stap of allebei."}]
        return
    cells = out["by_step"] + out["by_role"] + ([out["cell"]] if out["cell"] else [])
    assert cells
    for c in cells:
        assert c["task"] == TASKS[c["step"]][c["role"]]
        assert c["inferred"] == (c["task"] is not None and c["role"] in DATA["inferred"].get(c["step"], []))
    if role:
        assert [c["step"] for c in out["by_step"]] == STEPS and {c["role"] for c in out["by_step"]} == {role}
    if step:
        assert [c["role"] for c in out["by_role"]] == ROLES and {c["step"] for c in out["by_role"]} == {step}
    assert out["any_inferred"] == any(c["inferred"] for c in cells)


def test_the_ten_inferred_cells_are_all_reachable_and_marked_on_the_page():
    inferred = {(s, r) for s, roles in DATA["inferred"].items() for r in roles}
    assert len(inferred) == 10
    seen = set()
    for step in STEPS:
        out = _result({"step": step})
        html = view.render(MyRoleResult.model_validate({k: v for k, v in out.items() if k in MyRoleResult.model_fields})).html
        for c in out["by_role"]:
            if c["inferred"]:
                seen.add((step, c["role"]))
                row = html.split(f'data-role="{c["role"]}"', 1)[1].split("</tr>", 1)[0]
                assert row.startswith(" data-inferred") and "(plaats afgeleid)" in row
            else:
                row = html.split(f'data-role="{c["role"]}"', 1)[1].split("</tr>", 1)[0]
                assert "plaats afgeleid" not in row
    assert seen == inferred


def test_a_certain_role_shows_no_inferred_mark():
    out = _result({"role": "sr_coordinator"})
    assert out["any_inferred"] is False
    rendered = view.render(MyRoleResult.model_validate({k: v for k, v in out.items() if k in MyRoleResult.model_fields}))
    assert "plaats afgeleid" not in rendered.html and "plaats afgeleid" not in rendered.text
    assert out["summary"] == "Coördinator social return: een taak in 6 van de 6 stappen."


def test_role_and_step_give_the_one_cell():
    out = _result({"role": "executive", "step": "2A"})
    assert out["cell"]["task"] is None
    assert out["summary"] == "Bestuurder in stap 2A: geen taak in het overzicht."
    out = _result({"role": "hr_expert", "step": "1"})
    assert out["cell"]["task"] == TASKS["1"]["hr_expert"]


@pytest.mark.parametrize("payload, field", [({"role": "baas"}, "role"), ({"step": "6"}, "step"),
                                            ({"role": "hr_expert", "extra": 1}, "extra")])
def test_unknown_choices_are_refused_in_dutch(payload, field):
    out = api.run("mijn-rol", payload)
    assert out["ok"] is False and out["errors"][0]["field"] == field
    assert out["errors"][0]["message"].startswith(("Kies een", "Dit veld kennen we niet"))


def test_view_is_escaped_and_markdown_is_a_table():
    out = _result({"step": "4"})
    r = MyRoleResult.model_validate({k: v for k, v in out.items() if k in MyRoleResult.model_fields})
    v = view.render(r)
    assert v.text.startswith("# Mijn rol\n") and "| Rol | Taak |" in v.text
    assert v.text.count("(plaats afgeleid)") == 2  # step 4: procurement expert and executive
    assert 'href="../../stappen/stap-4/"' in v.html and 'href="../../bijlagen/rollen/#plaats-afgeleid"' in v.html
    assert v.short == out["summary"]
