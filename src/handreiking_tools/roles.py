"""The roles and responsibilities matrix of Bijlage II of the guidance (step x role -> task).

The data lives in data/roles.json and is validated by RolesData below; the site's tables
(site/tables.py) and anything else that shows who does what read it through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import Field, model_validator

from .data import load_json
from .fields import DataModel
from .sources import Source

ROLE_STEPS: tuple[str, ...] = ("1", "2A", "2B", "3", "4", "5")


class RoleStep(DataModel):
    code: str = Field(pattern=r"^[1-5][AB]?$")
    title: str = Field(min_length=1)
    page: str = Field(pattern=r"^[a-z0-9/_-]+\.md$")


class Role(DataModel):
    code: str = Field(pattern=r"^[a-z_]+$")
    label: str = Field(min_length=1)
    group: Literal["werkgroep"] | None = None
    note: str | None = None


class RoleMatrixRow(DataModel):
    """One step of the matrix: every role's task in that step (None: no task in Bijlage II)."""

    step: str
    tasks: dict[str, str | None]


class RolesData(DataModel):
    version: str
    source: Source
    reconstruction_note: str = ""
    # Cells whose place in the matrix is inferred (the source text lost the column borders): step -> roles.
    inferred: dict[str, list[str]] = Field(default_factory=dict)
    steps: list[RoleStep] = Field(min_length=1)
    roles: list[Role] = Field(min_length=1)
    matrix: list[RoleMatrixRow]

    @model_validator(mode="after")
    def _complete(self) -> RolesData:
        steps = [s.code for s in self.steps]
        roles = [r.code for r in self.roles]
        if len(set(steps)) != len(steps) or len(set(roles)) != len(roles):
            raise ValueError("Elke stap en elke rol mag maar één keer voorkomen.")
        if [row.step for row in self.matrix] != steps:
            raise ValueError("Het overzicht moet precies één regel per stap hebben, in de volgorde van de stappen.")
        for row in self.matrix:
            if set(row.tasks) != set(roles):
                raise ValueError(f"Stap {row.step}: het overzicht moet voor elke rol zeggen wat die doet (of niets).")
            if any(t is not None and not t.strip() for t in row.tasks.values()):
                raise ValueError(f"Stap {row.step}: een taak mag niet leeg zijn; gebruik null als een rol niets doet.")
        for role in roles:
            if all(row.tasks[role] is None for row in self.matrix):
                raise ValueError(f"De rol '{role}' heeft in geen enkele stap een taak.")
        tasks = {row.step: row.tasks for row in self.matrix}
        for step, inferred_roles in self.inferred.items():
            for role in inferred_roles:
                if step not in tasks or role not in tasks[step] or tasks[step][role] is None:
                    raise ValueError(f"Afgeleide cel {step}/{role}: die cel bestaat niet of heeft geen taak.")
        return self

    def is_inferred(self, step: str, role: str) -> bool:
        return role in self.inferred.get(step, [])



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
    out: list[StepTask] = []
    for step in data.steps:
        task_text = by_step[step.code][role_code]
        if task_text is not None:
            out.append(StepTask(step, task_text, data.is_inferred(step.code, role_code)))
    return out


def task(step_code: str, role_code: str, data: RolesData | None = None) -> str | None:
    """The task of one cell of the matrix (None: no task for that role in that step)."""
    data = data or load_roles()
    return {row.step: row.tasks for row in data.matrix}[step_code][role_code]


def role(role_code: str, data: RolesData | None = None) -> Role:
    data = data or load_roles()
    return {r.code: r for r in data.roles}[role_code]
