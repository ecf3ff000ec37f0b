"""Actieplan (step 1d): put the plan together, fill in each member's tasks from Bijlage II, and warn where an
action has no owner or end date, an end date has passed, or a part of the plan is missing."""

from __future__ import annotations

from datetime import date

from ...roles import load_roles
from ..my_role.rules import cell
from .models import (ACTION_STATUS_LABELS, PARTNER_KIND_LABELS, Action, ActionPlanInput, ActionPlanResult, Meeting,
                     Member, Notice, Part, Partner)

STEP_1D = ("Handreiking, stap 1d", "stappen/stap-1/#1d")
STEP_1B = ("Handreiking, stap 1b", "stappen/stap-1/#1b")
# The five parts of an action plan that step 1d lists, in its order.
PARTS: tuple[tuple[str, str], ...] = (
    ("goal", "Het doel en de inhoud van het beleidsbesluit"),
    ("members", "De leden van de werkgroep, met hun rol en taken"),
    ("actions", "Projecten en acties, elk met een eigenaar en een einddatum"),
    ("meetings", "Afspraken over vergaderingen en overleg"),
    ("partners", "Organisaties van buiten die je erbij haalt, zoals UWV en werkgeversservicepunten"),
)
COORDINATOR_ROLES = ("project_coordinator", "sr_coordinator")


def _notice(code: str, field: str, message: str, where: tuple[str, str] = STEP_1D) -> Notice:
    return Notice(code=code, field=field, message=message, source=where[0], page=where[1])


def compute(inp: ActionPlanInput, today: date | None = None) -> ActionPlanResult:
    ref = inp.reference_date or today or date.today()
    data = load_roles()
    members = [Member(name=m.name, department=m.department, role=m.role,
                      role_label=next(r.label for r in data.roles if r.code == m.role),
                      tasks=[c for c in (cell(data, s.code, m.role) for s in data.steps) if c.task])
               for m in inp.members]
    actions: list[Action] = []
    warnings: list[Notice] = []
    for i, a in enumerate(inp.actions):
        overdue = a.deadline is not None and a.deadline < ref and a.status != "klaar"
        actions.append(Action(row=i + 1, project=a.project, action=a.action, owner=a.owner, deadline=a.deadline,
                              status=a.status, status_label=ACTION_STATUS_LABELS[a.status], overdue=overdue))
        label = f"Actie {i + 1} ({a.action})"
        if not a.owner:
            warnings.append(_notice("no_owner", f"actions.{i}.owner", f"{label} heeft nog geen eigenaar."))
        if a.deadline is None:
            warnings.append(_notice("no_deadline", f"actions.{i}.deadline", f"{label} heeft nog geen einddatum."))
        elif overdue:
            warnings.append(_notice("overdue", f"actions.{i}.deadline",
                                    f"De einddatum van {label.lower()} is voorbij en de actie is nog niet klaar."))
    if inp.members and not any(m.role in COORDINATOR_ROLES for m in inp.members):
        warnings.append(_notice("no_coordinator", "members",
                                "Niemand in de werkgroep is coördinator. De organisatie wijst in elk geval één "
                                "coördinator aan die het werk bij elkaar houdt.", STEP_1B))
    has = {
        "goal": bool(inp.objective and inp.policy_decision),
        "members": bool(inp.members),
        "actions": bool(inp.actions) and all(a.owner and a.deadline for a in inp.actions),
        "meetings": bool(inp.meetings),
        "partners": bool(inp.partners),
    }
    parts = [Part(code=code, label=label, done=has[code]) for code, label in PARTS]
    for p in parts:
        if not p.done and not (p.code == "actions" and inp.actions):  # actions with gaps already have their own warning
            warnings.append(_notice(f"missing_{p.code}", _PART_FIELD[p.code], f"Nog niet in het plan: {p.label.lower()}."))
    projects = list(dict.fromkeys(a.project for a in inp.actions if a.project))
    done = sum(1 for a in actions if a.status == "klaar")
    overdue_n = sum(1 for a in actions if a.overdue)
    title = inp.title or "Actieplan"
    summary = (f"{title}: {len(members)} {'lid' if len(members) == 1 else 'leden'} in de werkgroep, "
               f"{len(actions)} {'actie' if len(actions) == 1 else 'acties'} ({done} klaar"
               + (f", {overdue_n} over de einddatum" if overdue_n else "") + f"), "
               f"{sum(p.done for p in parts)} van de {len(parts)} onderdelen ingevuld.")
    return ActionPlanResult(
        title=title, objective=inp.objective, policy_decision=inp.policy_decision, decision_date=inp.decision_date,
        reference_date=ref, parts=parts, members=members, actions=actions, projects=projects,
        meetings=[Meeting(**m.model_dump()) for m in inp.meetings],
        partners=[Partner(kind=p.kind, kind_label=PARTNER_KIND_LABELS[p.kind], name=p.name, purpose=p.purpose)
                  for p in inp.partners],
        count_actions=len(actions), count_done=done, count_overdue=overdue_n, warnings=warnings,
        any_inferred=any(c.inferred for m in members for c in m.tasks), summary=summary,
    )


_PART_FIELD = {"goal": "objective", "members": "members", "actions": "actions", "meetings": "meetings",
               "partners": "partners"}
