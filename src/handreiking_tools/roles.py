"""The roles and responsibilities matrix of Bijlage II of the guidance (step x role -> task).

The data lives in data/roles.json and is validated by models.RolesData; the site's tables
(site/tables.py) and anything else that shows who does what read it through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .data import load_json
from .models import Role, RolesData, RoleStep


@lru_cache(maxsize=1)
def load_roles() -> RolesData:
    """The matrix of data/roles.json, validated (cached)."""
    return RolesData.model_validate(load_json("roles"))


@dataclass(frozen=True)
class StepTask:
    step: RoleStep
    task: str
    inferred: bool = False  # the cell's place in the matrix is inferred, not read (see RolesData.inferred)


def tasks_for(role_code: str, data: RolesData | None = None) -> list[StepTask]:
    """What ``role_code`` does, step by step (steps without a task for this role are left out)."""
    data = data or load_roles()
    if role_code not in {r.code for r in data.roles}:
        raise KeyError(role_code)
    by_step = {row.step: row.tasks for row in data.matrix}
    return [StepTask(step, by_step[step.code][role_code], data.is_inferred(step.code, role_code))
            for step in data.steps if by_step[step.code][role_code] is not None]


def task(step_code: str, role_code: str, data: RolesData | None = None) -> str | None:
    """The task of one cell of the matrix (None: no task for that role in that step)."""
    data = data or load_roles()
    return {row.step: row.tasks for row in data.matrix}[step_code][role_code]


def role(role_code: str, data: RolesData | None = None) -> Role:
    data = data or load_roles()
    return {r.code: r for r in data.roles}[role_code]
