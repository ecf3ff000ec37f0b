"""Monitoringsrapportage (step 4): the input (anonymous placements and purchases per period) and the result.

A placement carries a code, never a name: the model refuses a value that looks like a name, a citizen
service number (BSN) or a date of birth, and says why (GDPR; the guidance, step 4a).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from ...fields import Count, Eur, InputModel, OptCount, OptDate, ResultModel, Whole, labels
from ...sources import Reason
from ..delivery.models import _WEEK, _YEAR, OptEur, _group_schema, check_group

MAX_ROWS = 2000

Period = Literal["jaar", "h1", "h2", "k1", "k2", "k3", "k4"]
PERIOD_LABELS: dict[str, str] = {"jaar": "Heel jaar", "h1": "1e halfjaar", "h2": "2e halfjaar", "k1": "1e kwartaal",
                                 "k2": "2e kwartaal", "k3": "3e kwartaal", "k4": "4e kwartaal"}
# The months each period covers: a period's share of a year, and which periods overlap.
PERIOD_MONTHS: dict[str, range] = {"jaar": range(1, 13), "h1": range(1, 7), "h2": range(7, 13), "k1": range(1, 4),
                                   "k2": range(4, 7), "k3": range(7, 10), "k4": range(10, 13)}

_CODE = re.compile(r"[A-Za-z0-9._-]{1,20}")
_DATE_LIKE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.](\d{2}|\d{4})(?!\d)")
_NINE_DIGITS = re.compile(r"(?<!\d)\d(?:[ .-]?\d){7,8}(?!\d)")


def passes_eleven_test(digits: str) -> bool:
    """True for 9 digits that pass the BSN '11-test' (weights 9..2 and -1); '000000000' does not count."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def looks_like_bsn(value: str) -> bool:
    """A run of 8 or 9 digits (dots, spaces or hyphens allowed) that passes the 11-test."""
    for match in _NINE_DIGITS.finditer(value):
        digits = re.sub(r"\D", "", match.group())
        if passes_eleven_test(digits.zfill(9)):
            return True
    return False


def check_code(value: str) -> str:
    """The code of a placement: short, letters and digits, at least one digit; never a name, BSN or birth date."""
    why = "Een rapportage mag niet te herleiden zijn tot een persoon (AVG)."
    if looks_like_bsn(value):
        raise PydanticCustomError(
            "nl_looks_like_bsn",
            f"Dit lijkt een burgerservicenummer (BSN). Vul dat nooit in. {why} Gebruik een eigen code, bijvoorbeeld P01.")
    if _DATE_LIKE.search(value):
        raise PydanticCustomError(
            "nl_looks_like_birth_date",
            f"Dit lijkt een datum, misschien een geboortedatum. {why} Gebruik een eigen code, bijvoorbeeld P01.")
    if not _CODE.fullmatch(value) or not any(ch.isdigit() for ch in value):
        raise PydanticCustomError(
            "nl_looks_like_name",
            f"Vul een code in, geen naam: letters en cijfers zonder spaties, met minstens één cijfer (bijvoorbeeld "
            f"P01). {why}")
    return value


class Placement(InputModel):
    """One placement in one period: paid hours, target group and costs (no name)."""

    year: Whole = Field(ge=2000, le=2100, title="Jaar", description="Over welk jaar gaat deze regel?")
    period: Period = Field(default="jaar", title="Periode", description="Het hele jaar, een halfjaar of een kwartaal.",
                           json_schema_extra=labels(PERIOD_LABELS))
    code: str = Field(min_length=1, max_length=40, title="Code van de plaatsing",
                      description="Een eigen code per persoon, bijvoorbeeld P01. Nooit een naam of BSN.")
    group: str = Field(title="Doelgroep", description="Uit welke groep komt deze persoon?",
                       json_schema_extra=_group_schema)
    hours: Count = Field(ge=0, le=5000, allow_inf_nan=False, title="Verloonde uren",
                         description="De uren waarover deze persoon in deze periode loon kreeg.")
    costs_eur: OptEur = Field(default=None, ge=0, le=10_000_000, allow_inf_nan=False, title="Kosten of waarde (€)",
                              description="Wat deze plaatsing in deze periode telt volgens je afspraak: loon- en "
                                          "begeleidingskosten, of de waarde uit de tabel van je opdrachtgever.")

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return check_code(value)

    @field_validator("group")
    @classmethod
    def _group(cls, value: str) -> str:
        return check_group(value)


class Purchase(InputModel):
    """A purchase from a social enterprise in one period."""

    year: Whole = Field(ge=2000, le=2100, title="Jaar", description="In welk jaar kocht je in?")
    description: str = Field(default="", max_length=200, title="Wat kocht je in?",
                             description="Bijvoorbeeld 'catering door een sociale onderneming'. Geen namen of nummers van personen.")
    amount_eur: Eur = Field(
        ge=0, le=100_000_000, allow_inf_nan=False, title="Bedrag (€)",
        description="Het bedrag zonder btw dat je bij de sociale onderneming uitgaf.")


    @field_validator("description")
    @classmethod
    def _description(cls, value: str) -> str:
        if looks_like_bsn(value):
            raise PydanticCustomError(
                "nl_looks_like_bsn", "Hier lijkt een burgerservicenummer (BSN) in te staan. Haal het weg: een rapportage "
                "mag niet te herleiden zijn tot een persoon (AVG).")
        return value


class MonitoringInput(InputModel):
    """Input of the monitoring report: the agreement, then placements and purchases per period."""

    obligation_eur: OptEur = Field(
        default=None, gt=0, le=100_000_000_000, allow_inf_nan=False, title="Afgesproken bedrag (€)",
        description="Het bedrag aan social return over de hele looptijd. Of vul hieronder de uren in, of allebei.")
    obligation_hours: OptCount = Field(
        default=None, gt=0, le=10_000_000_000, allow_inf_nan=False, title="Afgesproken verloonde uren",
        description=f"Als de afspraak in uren is: de uren over de hele looptijd. Een baan van {_WEEK} uur is {_YEAR} uur "
                    "per jaar.")
    contract_start: OptDate = Field(default=None, title="Begin van het contract",
                                    description="Bijvoorbeeld 01-01-2025. Nodig om te zien of je op schema ligt.")
    contract_end: OptDate = Field(default=None, title="Einde van het contract",
                                  description="Bijvoorbeeld 31-12-2027, met verlengingen.")
    report_date: OptDate = Field(default=None, title="Stand per",
                                 description="Tot welke datum loopt deze rapportage? Leeg: het einde van de laatste "
                                             "periode hieronder.")
    placements: list[Placement] = Field(
        default_factory=list, max_length=MAX_ROWS, title="Plaatsingen per periode",
        description="Eén regel per persoon per periode, met een code in plaats van een naam.")
    purchases: list[Purchase] = Field(
        default_factory=list, max_length=MAX_ROWS, title="Inkoop bij sociale ondernemingen",
        description="Eén regel per inkoop, als die volgens je afspraak meetelt.")


# --------------------------------------------------------------------------- result


class YearLine(ResultModel):
    year: int
    hours: float
    jobs: float
    placements: int
    costs_eur: float
    purchases_eur: float
    realised_eur: float
    cumulative_eur: float
    cumulative_hours: float


class GroupLine(ResultModel):
    group: str
    label: str
    placements: int
    hours: float
    jobs: float


class PlacementLine(ResultModel):
    code: str
    label: str
    hours: float
    job_years: float
    costs_eur: float


class Realisation(ResultModel):
    unit: Literal["eur", "uren"]
    obligation: float
    realised: float
    pct: float
    shortfall: float
    surplus: float
    expected: float | None
    behind: float | None
    years_left: float | None
    needed_per_year: float | None
    message: str


class MonitoringResult(ResultModel):
    report_date: date | None
    hours_per_job_week: float
    hours_per_job_year: float
    total_hours: float
    total_job_years: float
    placements: int
    costs_eur: float
    purchases_eur: float
    realised_eur: float
    per_year: list[YearLine]
    per_group: list[GroupLine]
    per_placement: list[PlacementLine]
    realisation: list[Realisation]
    reasons: list[Reason]
    warnings: list[Reason]
    summary: str
