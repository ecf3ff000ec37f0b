"""Input and result of the Actieplan (step 1d): what the plan holds, who is in the working group, the actions."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, field_validator

from ...fields import InputModel, OptDate, ResultModel
from ..my_role.models import Cell, check_role, role_choices

LONG_TEXT = 4000
TEXTAREA = {"x-widget": "textarea"}
MAX_ROWS = 200  # a working group's plan, not a register: 200 rows per table is plenty

ActionStatus = Literal["open", "bezig", "klaar"]
ACTION_STATUS_LABELS: dict[str, str] = {"open": "Nog niet begonnen", "bezig": "Bezig", "klaar": "Klaar"}
PartnerKind = Literal["uwv", "wsp", "sw_bedrijf", "anders"]
PARTNER_KIND_LABELS: dict[str, str] = {
    "uwv": "UWV",
    "wsp": "Werkgeversservicepunt (WSP)",
    "sw_bedrijf": "Sw-bedrijf of sociaal ontwikkelbedrijf",
    "anders": "Andere organisatie",
}


class MemberRow(InputModel):
    """One member of the working group."""

    name: str = Field(min_length=1, max_length=120, title="Naam", description="Wie zit er in de werkgroep?")
    role: str = Field(title="Rol", description="De rol van deze persoon, zoals bijlage II van de handreiking ze noemt.",
                      json_schema_extra=role_choices)
    department: str | None = Field(default=None, max_length=120, title="Afdeling",
                                   description="Namens welke afdeling doet deze persoon mee? (mag leeg blijven)")

    @field_validator("role")
    @classmethod
    def _role(cls, value: str) -> str:
        return check_role(value) or value


class ActionRow(InputModel):
    """One action of a project: what, who owns it, by when."""

    project: str | None = Field(default=None, max_length=120, title="Project",
                                description="Bij welk project hoort de actie? Bijvoorbeeld een proeftuin of een aanbesteding.")
    action: str = Field(min_length=1, max_length=300, title="Actie", description="Wat moet er gebeuren?")
    owner: str | None = Field(default=None, max_length=120, title="Eigenaar", description="Wie zorgt dat het gebeurt?")
    deadline: OptDate = Field(default=None, title="Einddatum", description="Wanneer is het klaar? (dd-mm-jjjj)")
    status: ActionStatus = Field(default="open", title="Stand", description="Hoe ver is de actie?",
                                 json_schema_extra={"x-labels": ACTION_STATUS_LABELS})


class MeetingRow(InputModel):
    """One agreement about meeting: which meeting, how often, who."""

    meeting: str = Field(min_length=1, max_length=200, title="Overleg", description="Welk overleg? Bijvoorbeeld de werkgroep.")
    frequency: str | None = Field(default=None, max_length=120, title="Hoe vaak",
                                  description="Bijvoorbeeld elke twee weken, of eens per kwartaal.")
    participants: str | None = Field(default=None, max_length=200, title="Wie", description="Wie zijn erbij?")
    next_date: OptDate = Field(default=None, title="Volgende keer", description="Datum van het volgende overleg (dd-mm-jjjj).")


class PartnerRow(InputModel):
    """One organisation from outside that the working group wants to involve."""

    kind: PartnerKind = Field(title="Soort organisatie", description="Wat voor organisatie is het?",
                              json_schema_extra={"x-labels": PARTNER_KIND_LABELS})
    name: str | None = Field(default=None, max_length=200, title="Naam van de organisatie",
                             description="Bijvoorbeeld het werkgeversservicepunt van jullie regio.")
    purpose: str | None = Field(default=None, max_length=300, title="Waarvoor",
                                description="Waarvoor wil je deze organisatie erbij halen?")


class ActionPlanInput(InputModel):
    """Input of the Actieplan (step 1d)."""

    title: str | None = Field(default=None, max_length=200, title="Naam van het actieplan",
                              description="Bijvoorbeeld: Actieplan partnerships 2027.")
    objective: str | None = Field(default=None, max_length=LONG_TEXT, title="Doel",
                                  description="Wat willen jullie bereiken? Zie tussenstap 1c.", json_schema_extra=TEXTAREA)
    policy_decision: str | None = Field(default=None, max_length=LONG_TEXT, title="Beleidsbesluit",
                                        description="Wat heeft het bestuur besloten (tussenstap 1a)? Schrijf de kern op.",
                                        json_schema_extra=TEXTAREA)
    decision_date: OptDate = Field(default=None, title="Datum van het besluit",
                                   description="Wanneer nam het bestuur het besluit? (dd-mm-jjjj, mag leeg blijven)")
    reference_date: OptDate = Field(default=None, title="Peildatum",
                                    description="Met deze datum kijkt de hulp welke einddatums al voorbij zijn. Laat leeg "
                                                "voor vandaag.")
    members: list[MemberRow] = Field(default_factory=list, max_length=MAX_ROWS, title="Werkgroep",
                                     description="Wie zitten er in de werkgroep, en met welke rol? De taken per stap komen "
                                                 "uit bijlage II.")
    actions: list[ActionRow] = Field(default_factory=list, max_length=MAX_ROWS, title="Projecten en acties",
                                     description="Elke actie met een eigenaar en een einddatum.")
    meetings: list[MeetingRow] = Field(default_factory=list, max_length=MAX_ROWS, title="Vergaderingen en overleg",
                                       description="Afspraken over wanneer en met wie jullie overleggen.")
    partners: list[PartnerRow] = Field(default_factory=list, max_length=MAX_ROWS, title="Organisaties van buiten",
                                       description="Welke organisaties van buiten willen jullie erbij halen?")


class Notice(ResultModel):
    """A warning about the plan, tied to the field or row it is about."""

    code: str
    field: str
    message: str
    source: str
    page: str


class Member(ResultModel):
    name: str
    department: str | None
    role: str
    role_label: str
    tasks: list[Cell]  # the role's tasks per step (steps without a task left out); inferred cells marked


class Action(ResultModel):
    row: int
    project: str | None
    action: str
    owner: str | None
    deadline: date | None
    status: ActionStatus
    status_label: str
    overdue: bool


class Meeting(ResultModel):
    meeting: str
    frequency: str | None
    participants: str | None
    next_date: date | None


class Partner(ResultModel):
    kind: PartnerKind
    kind_label: str
    name: str | None
    purpose: str | None


class Part(ResultModel):
    """One of the five parts an action plan holds (step 1d), and whether this plan has it."""

    code: str
    label: str
    done: bool


class ActionPlanResult(ResultModel):
    title: str
    objective: str | None
    policy_decision: str | None
    decision_date: date | None
    reference_date: date
    parts: list[Part]
    members: list[Member]
    actions: list[Action]
    projects: list[str]
    meetings: list[Meeting]
    partners: list[Partner]
    count_actions: int
    count_done: int
    count_overdue: int
    warnings: list[Notice]
    any_inferred: bool
    summary: str
