"""Wat moet ik leveren?: the input, the result and the reference data (target groups, the example
valuation table) of the tool that turns a social-return obligation into jobs, hours and candidates.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator

from ...data import load_json
from ...fields import DataModel, InputModel, OptCount, OptPct, OptWhole, ReadAs, ResultModel, _number_reader, labels
from ...fmt import number
from ...profile import BASE_LABELS, PSO_STEP_LABELS, Base, ProfiledInput, check_profile, profile_field
from ...sources import Figure, Reason, Source
from ..quota.letter import quota_letter

# An amount that may be left empty (the calculators' fields have none yet).
OptEur = Annotated[float | None, BeforeValidator(_number_reader("eur", optional=True)), ReadAs("eur")]

MAX_CANDIDATES = 200
# The size of a job, from the data (used in help texts, so they cannot drift from the rules).
_WEEK = number(quota_letter().hours_per_job_week.value, 1).removesuffix(",0")
_YEAR = number(quota_letter().hours_per_job_year.value)
MAX_EUR = 100_000_000_000


# --------------------------------------------------------------------------- reference data


class TargetGroup(DataModel):
    code: str = Field(pattern=r"^[a-z_]+$")
    label: str = Field(min_length=1)


class TargetGroups(DataModel):
    source: Source
    groups: list[TargetGroup] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> TargetGroups:
        codes = [g.code for g in self.groups]
        if len(set(codes)) != len(codes):
            raise ValueError("Elke doelgroep mag maar één keer voorkomen.")
        return self

    def labels(self) -> dict[str, str]:
        return {g.code: g.label for g in self.groups}


class HoursFigure(Figure):
    value: float = Field(ge=1, le=168, allow_inf_nan=False)


class ValuationTable(DataModel):
    """A valuation table ("bouwblokken"): what one candidate of a target group is worth per full-time year."""

    name: str = Field(pattern=r"^[a-z0-9_-]{1,40}$")
    label: str = Field(min_length=1)
    # True for a table that only shows how the method works; the result then says so.
    example: bool
    note: str = ""
    hours_per_week: HoursFigure
    values_eur: dict[str, float]
    bonus_eur: float = Field(default=0, ge=0, le=10_000_000)
    bonus_labels: list[str] = Field(default_factory=list)
    source: Source

    @field_validator("values_eur")
    @classmethod
    def _values(cls, values: dict[str, float]) -> dict[str, float]:
        if not values:
            raise ValueError("De waardetabel moet minstens één doelgroep hebben.")
        if any(not 1 <= v <= 10_000_000 for v in values.values()):
            raise ValueError("Een waarde in de waardetabel moet tussen € 1 en € 10.000.000 liggen.")
        return values


class SocialReturnData(DataModel):
    version: str
    target_groups: TargetGroups
    method: Source
    valuation_example: ValuationTable
    pso_discount_practice: Source
    spread_over_time: Source
    privacy: Source
    monitoring_hours: Source

    @model_validator(mode="after")
    def _groups_known(self) -> SocialReturnData:
        known = set(self.target_groups.labels())
        unknown = set(self.valuation_example.values_eur) - known
        if unknown:
            raise ValueError(f"De waardetabel noemt onbekende doelgroepen: {', '.join(sorted(unknown))}.")
        return self


@lru_cache(maxsize=1)
def social_return() -> SocialReturnData:
    """data/social_return.json, validated."""
    return SocialReturnData.model_validate(load_json("social_return"))


def _group_schema(schema: dict[str, Any]) -> None:
    # The choices come from the data, with their Dutch labels.
    groups = social_return().target_groups.groups
    schema["enum"] = [g.code for g in groups]
    schema["x-labels"] = {g.code: g.label for g in groups}


def check_group(value: str) -> str:
    labels = social_return().target_groups.labels()
    if value not in labels:
        raise ValueError("Kies een doelgroep uit de lijst: " + ", ".join(labels.values()) + ".")
    return value


# --------------------------------------------------------------------------- input


PsoChoice = Literal["geen", "aspirant", "trede_1", "trede_2", "trede_3"]
PSO_CHOICE_LABELS: dict[str, str] = {"geen": "Geen trede of weet ik niet", **PSO_STEP_LABELS}


class Candidate(InputModel):
    """One person you plan to place (no name: a target group, hours and months are enough)."""

    group: str = Field(title="Doelgroep", description="Uit welke groep komt deze kandidaat?",
                       json_schema_extra=_group_schema)
    hours_per_week: OptCount = Field(default=None, gt=0, le=60, allow_inf_nan=False, title="Uren per week",
                                     description=f"Hoeveel uur per week werkt deze persoon? Leeg: een baan van {_WEEK} uur.")
    months: OptCount = Field(default=None, gt=0, le=600, allow_inf_nan=False, title="Maanden",
                             description="Hoeveel maanden werkt deze persoon voor de opdracht? Leeg: 12.")
    bonuses: OptWhole = Field(default=None, ge=0, le=10, title="Extra kenmerken",
                              description="Hoeveel extra kenmerken uit de tabel heeft deze persoon (bijvoorbeeld 50 jaar "
                                          "of ouder, vast contract)? Elk kenmerk telt de toeslag van de tabel.")
    value_eur: OptEur = Field(default=None, ge=0, le=10_000_000, allow_inf_nan=False,
                                  title="Eigen waarde per voltijd jaar (€)",
                                  description="De waarde uit de tabel van jouw opdrachtgever. Leeg: de waarde uit de "
                                              "voorbeeldtabel.")

    @field_validator("group")
    @classmethod
    def _group(cls, value: str) -> str:
        return check_group(value)


class DeliveryInput(ProfiledInput):
    """Input of "Wat moet ik leveren?": the obligation, and optionally the candidates you have in mind."""

    obligation_eur: OptEur = Field(
        default=None, ge=0, le=MAX_EUR, allow_inf_nan=False, title="Bedrag van de verplichting (€)",
        description="Het bedrag aan social return dat in de opdracht staat. Of vul hieronder een percentage en het "
                    "bedrag waarover het gaat in.")
    percentage_pct: OptPct = Field(
        default=None, gt=0, le=100, allow_inf_nan=False, title="Percentage (%)",
        description="Het percentage social return uit de opdracht, bijvoorbeeld 5%.")
    base_amount_eur: OptEur = Field(
        default=None, gt=0, le=MAX_EUR, allow_inf_nan=False, title="Waarover gaat het percentage? (€)",
        description="De waarde van de opdracht of de loonsom, zonder btw.")
    base: Base = Field(default="opdrachtwaarde", title="Soort bedrag",
                       description="Gaat het percentage over de waarde van de opdracht of over de loonsom?",
                       json_schema_extra=labels(BASE_LABELS))
    duration_months: OptWhole = Field(
        default=None, ge=1, le=600, title="Looptijd (maanden)",
        description="Hoe lang de opdracht loopt. Dan zie je ook wat je per jaar moet doen.")
    pso_step: PsoChoice = Field(
        default="geen", title="Trede op de Prestatieladder Socialer Ondernemen (PSO)",
        description="Sommige opdrachtgevers geven korting als je bedrijf een trede op de PSO heeft. De rekenhulp "
                    "rekent die korting alleen als het gekozen beleid dat zegt.",
        json_schema_extra=labels(PSO_CHOICE_LABELS))
    candidates: list[Candidate] = Field(
        default_factory=list, max_length=MAX_CANDIDATES, title="Kandidaten die je in gedachten hebt",
        description="Eén regel per persoon, zonder naam. De rekenhulp telt op hoeveel van de verplichting je daarmee "
                    "invult.")
    profile: str | dict[str, Any] | None = profile_field()

    @field_validator("profile")
    @classmethod
    def _profile(cls, value: str | dict[str, Any] | None, info: ValidationInfo) -> str | dict[str, Any]:
        return check_profile(value, info)  # raises ValueError with a Dutch message


# --------------------------------------------------------------------------- result


class GroupOption(ResultModel):
    """What the obligation means with candidates of one target group only."""

    group: str
    label: str
    value_per_job_year_eur: float  # one job of 25,5 hours for a year
    job_years: float
    hours: float
    jobs_per_year: float | None


class CandidateLine(ResultModel):
    row: int
    group: str
    label: str
    hours_per_week: float
    months: float
    bonuses: int
    value_per_year_eur: float
    own_value: bool
    hours: float
    job_years: float
    value_eur: float


class Mix(ResultModel):
    lines: list[CandidateLine]
    value_eur: float
    hours: float
    job_years: float
    covered_pct: float
    left_eur: float
    surplus_eur: float
    message: str


class TableValue(ResultModel):
    group: str
    label: str
    value_eur: float


class DeliveryResult(ResultModel):
    obligation_eur: float
    obligation_before_pso_eur: float
    pso_reduction_pct: float
    how: str
    years: float | None
    per_year_eur: float | None
    hours_per_job_week: float
    hours_per_job_year: float
    table_label: str
    table_example: bool
    table_note: str
    table_hours_per_week: float
    bonus_eur: float
    bonus_labels: list[str]
    table_values: list[TableValue]
    options: list[GroupOption]
    mix: Mix | None
    reasons: list[Reason]
    warnings: list[Reason]
    summary: str
