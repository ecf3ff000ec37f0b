"""The Actieplan holds the five parts of step 1d, fills in each member's tasks from Bijlage II, and warns on
actions without owner or end date and on end dates that have passed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handreiking_tools import api
from handreiking_tools.roles import load_roles
from handreiking_tools.tools.action_plan import view
from handreiking_tools.tools.action_plan.models import ActionPlanInput, ActionPlanResult
from handreiking_tools.tools.action_plan.rules import compute

REF = "01-04-2027"


def _run(**payload) -> dict:
    out = api.run("actieplan", {"reference_date": REF, **payload})
    assert out["ok"], out
    return out


def _codes(out: dict) -> list[tuple[str, str]]:
    return [(w["code"], w["field"]) for w in out["warnings"]]


def test_an_empty_plan_lists_every_missing_part_of_step_1d():
    out = _run()
    assert [p["done"] for p in out["parts"]] == [False] * 5
    assert [c for c, _ in _codes(out)] == ["missing_goal", "missing_members", "missing_actions", "missing_meetings",
                                           "missing_partners"]
    assert all(w["source"] == "Handreiking, stap 1d" and w["page"] == "stappen/stap-1/#1d" for w in out["warnings"])


def test_action_without_owner_or_deadline_is_warned_at_its_cell():
    out = _run(actions=[{"action": "Bel het WSP"}, {"action": "Plan overleg", "owner": "Sam", "deadline": "02-04-2027"}])
    assert ("no_owner", "actions.0.owner") in _codes(out)
    assert ("no_deadline", "actions.0.deadline") in _codes(out)
    assert not any(f.startswith("actions.1") for _, f in _codes(out))
    assert next(p for p in out["parts"] if p["code"] == "actions")["done"] is False
    assert "missing_actions" not in [c for c, _ in _codes(out)]  # the gaps have their own warnings


@pytest.mark.parametrize("deadline, status, overdue", [
    ("31-03-2027", "open", True),     # one day before the reference date
    ("01-04-2027", "open", False),    # on the reference date: not yet late
    ("02-04-2027", "bezig", False),   # one day after
    ("31-03-2027", "klaar", False),   # done: never late
])
def test_a_deadline_is_past_only_before_the_reference_date_and_while_not_done(deadline, status, overdue):
    out = _run(actions=[{"action": "Actie", "owner": "Sam", "deadline": deadline, "status": status}])
    assert out["actions"][0]["overdue"] is overdue
    assert (("overdue", "actions.0.deadline") in _codes(out)) is overdue
    assert out["count_overdue"] == int(overdue)


def test_without_reference_date_today_is_used():
    inp = ActionPlanInput.model_validate({"actions": [{"action": "a", "owner": "b", "deadline": "01-01-2027"}]})
    assert compute(inp, today=date(2027, 1, 2)).actions[0].overdue is True
    assert compute(inp, today=date(2027, 1, 1)).actions[0].overdue is False
    assert api.run("actieplan", {})["reference_date"] == date.today().isoformat()


def test_members_get_the_tasks_of_their_role_with_inferred_cells_marked():
    data = load_roles()
    out = _run(members=[{"name": "Noor", "role": "category_manager"}, {"name": "Bas", "role": "sr_coordinator"}])
    noor, bas = out["members"]
    tasks = {row.step: row.tasks for row in data.matrix}
    assert [(t["step"], t["task"]) for t in noor["tasks"]] == [
        (s.code, tasks[s.code]["category_manager"]) for s in data.steps if tasks[s.code]["category_manager"]]
    assert [t["step"] for t in noor["tasks"] if t["inferred"]] == ["2A", "3", "5"]
    assert not any(t["inferred"] for t in bas["tasks"]) and len(bas["tasks"]) == 6
    assert out["any_inferred"] is True
    html = view.render(ActionPlanResult.model_validate({k: v for k, v in out.items() if k in ActionPlanResult.model_fields})).html
    noor_html = html.split('data-member="0"', 1)[1].split("</ul></div>", 1)[0]
    assert noor_html.count("(plaats afgeleid)") == 3
    assert "plaats afgeleid" not in html.split('data-member="1"', 1)[1].split("</ul></div>", 1)[0]


def test_a_working_group_without_a_coordinator_is_warned():
    out = _run(members=[{"name": "Noor", "role": "hr_expert"}])
    assert ("no_coordinator", "members") in _codes(out)
    out = _run(members=[{"name": "Noor", "role": "hr_expert"}, {"name": "Bas", "role": "project_coordinator"}])
    assert "no_coordinator" not in [c for c, _ in _codes(out)]


@pytest.mark.parametrize("row, field, kind", [
    ({"members": [{"name": "An", "role": "baas"}]}, "members.0.role", "invalid"),
    ({"members": [{"role": "hr_expert"}]}, "members.0.name", "missing"),
    ({"actions": [{"action": "x", "deadline": "31-02-2027"}]}, "actions.0.deadline", "not_a_date"),
    ({"actions": [{"action": "x", "status": "half"}]}, "actions.0.status", "not_a_choice"),
    ({"partners": [{"kind": "gemeente"}]}, "partners.0.kind", "not_a_choice"),
])
def test_bad_rows_are_refused_at_their_cell_in_dutch(row, field, kind):
    out = api.run("actieplan", row)
    assert out["ok"] is False
    assert (out["errors"][0]["field"], out["errors"][0]["kind"]) == (field, kind)


def test_a_full_plan_has_all_parts_and_no_warnings():
    out = _run(objective="Tien banen", policy_decision="Proeftuin", members=[{"name": "Bas", "role": "project_coordinator"}],
               actions=[{"project": "P", "action": "a", "owner": "Bas", "deadline": "01-05-2027"}],
               meetings=[{"meeting": "Werkgroep", "frequency": "maandelijks"}],
               partners=[{"kind": "uwv", "purpose": "kandidaten"}])
    assert all(p["done"] for p in out["parts"]) and out["warnings"] == []
    assert out["partners"][0]["kind_label"] == "UWV" and out["projects"] == ["P"]
    assert out["read"]["actions.0.deadline"] == "1 mei 2027"


action = st.fixed_dictionaries({
    "action": st.text(alphabet="abc xyz", min_size=1, max_size=10).filter(str.strip),
    "owner": st.sampled_from(["", "Sam"]),
    "deadline": st.sampled_from([None, -1, 0, 1, 30]),
    "status": st.sampled_from(["open", "bezig", "klaar"]),
})


@given(actions=st.lists(action, max_size=8))
@settings(max_examples=80, deadline=None)
def test_every_gap_is_warned_once_and_counts_add_up(actions):
    ref = date(2027, 4, 1)
    payload = [{**a, "deadline": (ref + timedelta(days=a["deadline"])).strftime("%d-%m-%Y") if a["deadline"] is not None else ""}
               for a in actions]
    out = _run(actions=payload)
    codes = _codes(out)
    for i, a in enumerate(actions):
        assert (("no_owner", f"actions.{i}.owner") in codes) == (not a["owner"])
        assert (("no_deadline", f"actions.{i}.deadline") in codes) == (a["deadline"] is None)
        late = a["deadline"] is not None and a["deadline"] < 0 and a["status"] != "klaar"
        assert (("overdue", f"actions.{i}.deadline") in codes) == late
    assert len(codes) == len(set(codes))
    assert out["count_actions"] == len(actions)
    assert out["count_done"] == sum(a["status"] == "klaar" for a in actions)
    assert out["count_overdue"] == sum(1 for a in out["actions"] if a["overdue"])


def test_view_markdown_has_the_tables_and_escapes_html():
    out = _run(title="Plan <x>", members=[{"name": "<img src=x>", "role": "executive"}],
               actions=[{"action": "a|b", "owner": "Sam", "deadline": "31-03-2027"}])
    v = view.render(ActionPlanResult.model_validate({k: v for k, v in out.items() if k in ActionPlanResult.model_fields}))
    assert "<img src=x>" not in v.html and "&lt;img src=x&gt;" in v.html
    assert v.text.startswith("# Plan <x>\n")
    assert "| Project | Actie | Eigenaar | Einddatum | Stand |" in v.text
    assert "| — | a\\|b | Sam | 31 maart 2027 (voorbij) | Nog niet begonnen |" in v.text
    assert "- [ ] Afspraken over vergaderingen en overleg" in v.text
    assert v.short == out["summary"]
