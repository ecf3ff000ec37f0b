"""Input and result of Quotum (Wet banenafspraak; letter to parliament of 7 October 2022)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...fields import Count, InputModel, OptCount, OptPct, OptWhole, ResultModel, Whole, labels
from ...profile import ProfiledInput
from ...sources import Reason

# The smallest target the calculator can work with: it shows jobs with two decimals, and a target
# of (nearly) zero would make the realisation percentage infinite.
MIN_TARGET_JOBS = 0.01
# Input: realised jobs (as counts or as paid hours a year), the target (as jobs or as a quota
# percentage of the workforce), an optional history and jobs created via social return.
# Which of the alternatives is given is checked in rules.check (errors then name the field).

MAX_HISTORY = 30
WorkforceUnit = Literal["banen", "fte", "uren_per_jaar"]
WORKFORCE_UNIT_LABELS: dict[str, str] = {
    "banen": "Banen van 25,5 uur per week",
    "fte": "Fte (voltijdbanen)",
    "uren_per_jaar": "Verloonde uren per jaar",
}


class QuotaHistoryRow(InputModel):
    """One earlier year: realised jobs against the target of that year."""

    year: Whole = Field(ge=2013, le=2100, title="Jaar", description="Het jaar van de meting.")
    realised_jobs: Count = Field(ge=0, le=10_000_000, allow_inf_nan=False, title="Gerealiseerde banen",
                                 description="Aantal banen van 25,5 uur per week dat in dat jaar is gehaald.")
    target_jobs: Count = Field(ge=MIN_TARGET_JOBS, le=10_000_000, allow_inf_nan=False, title="Doel (banen)",
                               description="Aantal banen dat in dat jaar het doel was.")


class QuotaInput(ProfiledInput):
    """Input of the Quotum calculator (Wet banenafspraak; letter of 7 October 2022)."""

    formal_jobs: OptCount = Field(
        default=None, ge=0, le=10_000_000, allow_inf_nan=False, title="Banen in eigen dienst",
        description="Banen van 25,5 uur per week voor mensen uit de doelgroep die bij jou in dienst zijn. "
                    "Vul dit in óf de uren per jaar hieronder.",
    )
    formal_hours_per_year: OptCount = Field(
        default=None, ge=0, le=10_000_000_000, allow_inf_nan=False, title="Uren in eigen dienst per jaar",
        description="Verloonde uren per jaar van deze medewerkers in eigen dienst. De rekenhulp zet ze om naar banen.",
    )
    inleen_jobs: OptCount = Field(
        default=None, ge=0, le=10_000_000, allow_inf_nan=False, title="Ingeleende banen",
        description="Banen van 25,5 uur per week van ingeleende mensen uit de doelgroep (bijvoorbeeld via een "
                    "uitzendbureau of sw-bedrijf). Vul dit in óf de uren per jaar hieronder.",
    )
    inleen_hours_per_year: OptCount = Field(
        default=None, ge=0, le=10_000_000_000, allow_inf_nan=False, title="Ingeleende uren per jaar",
        description="Verloonde uren per jaar van deze ingeleende medewerkers. De rekenhulp zet ze om naar banen.",
    )
    target_jobs: OptCount = Field(
        default=None, ge=MIN_TARGET_JOBS, le=10_000_000, allow_inf_nan=False, title="Doel (banen)",
        description="Hoeveel banen je moet halen. Vul dit in óf het quotumpercentage en de omvang van je personeel.",
    )
    quota_pct: OptPct = Field(
        default=None, gt=0, le=100, allow_inf_nan=False, title="Quotumpercentage (%)",
        description="Het percentage van je personeel dat uit banen voor de doelgroep moet bestaan.",
    )
    workforce_jobs: OptCount = Field(
        default=None, gt=0, le=100_000_000, allow_inf_nan=False, title="Omvang personeel",
        description="Je hele personeel, in de eenheid die je hieronder kiest: banen van 25,5 uur per week, fte of "
                    "verloonde uren per jaar. Nodig bij een quotumpercentage.",
    )
    workforce_unit: WorkforceUnit = Field(
        default="banen", title="Eenheid van de omvang",
        description="Waarin je de omvang van je personeel invult. De rekenhulp zet fte en uren om naar banen van 25,5 uur.",
        json_schema_extra=labels(WORKFORCE_UNIT_LABELS),
    )
    fte_hours_per_week: OptCount = Field(
        default=None, gt=0, le=80, allow_inf_nan=False, title="Uren per week van 1 fte",
        description="Hoeveel uur een voltijdbaan bij jou telt (vaak 36 of 38). Alleen nodig bij fte; laat leeg voor de "
                    "waarde van het beleid.",
    )
    year: OptWhole = Field(
        default=None, ge=2013, le=2100, title="Jaar van deze cijfers",
        description="Over welk jaar gaan de cijfers hierboven? Laat leeg: dan het jaar na de laatste regel "
                    "van de eerdere jaren.",
    )
    history: list[QuotaHistoryRow] = Field(
        default_factory=list, max_length=MAX_HISTORY, title="Eerdere jaren",
        description="Cijfers van eerdere jaren, één jaar per regel. Daarmee berekent de rekenhulp de trend.",
    )
    sroi_jobs: OptCount = Field(
        default=None, ge=0, le=10_000_000, allow_inf_nan=False, title="Banen via social return",
        description="Banen die leveranciers via social return in jouw opdrachten hebben gemaakt. Ze worden apart "
                    "getoond: ze tellen niet mee voor het quotum.",
    )


class QuotaTrendPoint(ResultModel):
    year: int
    realised_jobs: float
    target_jobs: float
    realisation_pct: float
    current: bool


class QuotaTrend(ResultModel):
    points: list[QuotaTrendPoint]
    realised_per_year: float
    target_per_year: float
    gap_change_per_year: float
    reached: bool
    reach_year: int | None
    horizon_years: int
    message: str
    source: str
    page: str = ""


class QuotaSroi(ResultModel):
    jobs: float
    counts_for_quota: bool
    title: str
    message: str
    source: str
    page: str = ""


class QuotaSectorYear(ResultModel):
    year: int
    target_jobs: float
    realisation_pct: float
    realised_jobs: float | None
    computed_pct: float | None
    message: str
    source: str
    page: str = ""


class QuotaResult(ResultModel):
    year: int | None
    formal_jobs: float
    inleen_jobs: float
    formal_from_hours: bool
    inleen_from_hours: bool
    realised_jobs: float
    realised_jobs_rounded: float
    realised_jobs_display: str
    target_jobs: float
    target_from_quota: bool
    workforce_in_jobs: float | None = None
    realisation_pct: float
    realisation_pct_display: str
    gap_jobs: float
    surplus_jobs: float
    gap_hours_per_week: float
    gap_hours_per_year: float
    trend: QuotaTrend | None
    sroi: QuotaSroi | None
    sector_reference: list[QuotaSectorYear]
    reasons: list[Reason]
    warnings: list[Reason]
    summary: str


# Roles and responsibilities matrix of Bijlage II of the guidance (data/roles.json; loaded by roles.py).
