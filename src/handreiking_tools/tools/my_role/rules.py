"""Mijn rol: read the matrix of Bijlage II (data/roles.json) for one role, one step, or both."""

from __future__ import annotations

from pydantic_core import PydanticCustomError, ValidationError

from ...roles import RolesData, load_roles
from ...sources import cite
from .models import Cell, MyRoleInput, MyRoleResult, RoleRef, StepRef

# The page that explains which cells were reconstructed and why.
INFERRED_PAGE = "bijlagen/rollen/#plaats-afgeleid"


def cell(data: RolesData, step_code: str, role_code: str) -> Cell:
    step = next(s for s in data.steps if s.code == step_code)
    role = next(r for r in data.roles if r.code == role_code)
    task = next(row.tasks for row in data.matrix if row.step == step_code)[role_code]
    return Cell(step=step.code, step_title=step.title, step_page=step.page, role=role.code, role_label=role.label,
                task=task, inferred=task is not None and data.is_inferred(step_code, role_code))


def compute(inp: MyRoleInput, data: RolesData | None = None) -> MyRoleResult:
    data = data or load_roles()
    if inp.role is None and inp.step is None:
        raise ValidationError.from_exception_data("MyRoleInput", [{
            "type": PydanticCustomError("nl_missing", "Kies een rol, een stap of allebei."),
            "loc": ("role",), "input": None}])
    role = next((r for r in data.roles if r.code == inp.role), None)
    step = next((s for s in data.steps if s.code == inp.step), None)
    by_step = [cell(data, s.code, role.code) for s in data.steps] if role else []
    by_role = [cell(data, step.code, r.code) for r in data.roles] if step else []
    one = cell(data, step.code, role.code) if role and step else None
    shown = [*by_step, *by_role]
    if role and step:
        summary = (f"{role.label} in stap {step.code}: " + (one.task if one and one.task else "geen taak in het overzicht."))
    elif role:
        n = sum(1 for c in by_step if c.task)
        summary = f"{role.label}: een taak in {n} van de {len(by_step)} stappen."
    else:
        assert step is not None
        n = sum(1 for c in by_role if c.task)
        summary = f"Stap {step.code} ({step.title}): {n} van de {len(by_role)} rollen hebben een taak."
    return MyRoleResult(
        role=RoleRef(code=role.code, label=role.label, group=role.group, note=role.note) if role else None,
        step=StepRef(code=step.code, title=step.title, page=step.page) if step else None,
        by_step=by_step, by_role=by_role, cell=one,
        any_inferred=any(c.inferred for c in shown), inferred_page=INFERRED_PAGE,
        source=cite(data.source), summary=summary,
    )
