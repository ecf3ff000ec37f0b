"""Input and result of Mijn rol (Bijlage II): a role's tasks per step, and who does what in a step."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from ...fields import InputModel, ResultModel
from ...roles import load_roles


def role_choices(schema: dict[str, Any]) -> None:
    # The choices come from the roles data (data/roles.json), never from code.
    roles = load_roles().roles
    schema["enum"] = [r.code for r in roles]
    schema["x-labels"] = {r.code: r.label for r in roles}


def step_choices(schema: dict[str, Any]) -> None:
    steps = load_roles().steps
    schema["enum"] = [s.code for s in steps]
    schema["x-labels"] = {s.code: f"Stap {s.code}: {s.title}" for s in steps}


def check_role(value: str | None) -> str | None:
    if value is None:
        return None
    roles = load_roles().roles
    if value not in {r.code for r in roles}:
        raise ValueError("Kies een rol uit de lijst: " + ", ".join(r.label for r in roles) + ".")
    return value


def check_step(value: str | None) -> str | None:
    if value is None:
        return None
    steps = load_roles().steps
    if value not in {s.code for s in steps}:
        raise ValueError("Kies een stap uit de lijst: " + ", ".join(s.code for s in steps) + ".")
    return value


class MyRoleInput(InputModel):
    """Input of Mijn rol: a role, a step, or both."""

    role: str | None = Field(default=None, title="Mijn rol",
                             description="Kies je rol. Je ziet dan per stap wat die rol doet.",
                             json_schema_extra=role_choices)
    step: str | None = Field(default=None, title="Stap",
                             description="Kies een stap. Je ziet dan wie wat doet in die stap.",
                             json_schema_extra=step_choices)

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, value: Any) -> Any:
        return check_role(value or None) if isinstance(value, str) or value is None else value

    @field_validator("step", mode="before")
    @classmethod
    def _step(cls, value: Any) -> Any:
        return check_step(value or None) if isinstance(value, str) or value is None else value


class Cell(ResultModel):
    """One cell of the matrix: a role's task in a step."""

    step: str
    step_title: str
    step_page: str
    role: str
    role_label: str
    task: str | None
    # The cell's place in the matrix was reconstructed, not read from the source (roles.json: inferred).
    inferred: bool = False


class RoleRef(ResultModel):
    code: str
    label: str
    group: str | None
    note: str | None


class StepRef(ResultModel):
    code: str
    title: str
    page: str


class MyRoleResult(ResultModel):
    role: RoleRef | None
    step: StepRef | None
    # With a role: every step, in order (task None: no task for this role in that step).
    by_step: list[Cell]
    # With a step: every role, in order (task None: no task in this step).
    by_role: list[Cell]
    # With both: the one cell.
    cell: Cell | None
    any_inferred: bool
    inferred_page: str
    source: str
    summary: str
