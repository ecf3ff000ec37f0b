"""The figures of the letter to parliament of 7 October 2022 (data/quota_letter_2022.json), validated.

The conversion figures (hours per job), the Rijk's published series and Table 1, each with its
source; Table 1 checks itself for transcription errors that rounding cannot explain.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, model_validator

from ...data import load_json
from ...fields import DataModel, ResultModel
from ...fmt import jobs, pct, round_half_up
from ...sources import Figure, Source


class Track3(DataModel):
    """Track 3 of the Rijk (jobs via social return) and why it does not count towards the quota."""

    counts_for_quota: bool
    title: str
    reason: str
    source: Source


class SectorYear(DataModel):
    year: int = Field(ge=2013, le=2100)
    realisation_pct: float = Field(ge=0, le=1000)
    target_jobs: float = Field(gt=0)
    realised_jobs: float | None = Field(default=None, ge=0)

    @property
    def implied_jobs(self) -> float:
        """Jobs implied by the published percentage of the published target (itself rounded)."""
        return self.target_jobs * self.realisation_pct / 100


class SectorSeries(DataModel):
    sector: str
    note: str = ""
    source: Source
    years: list[SectorYear] = Field(min_length=1)

    @model_validator(mode="after")
    def _years(self) -> SectorSeries:
        years = [y.year for y in self.years]
        if years != sorted(set(years)):
            raise ValueError("De jaren van de reeks moeten oplopen en mogen niet dubbel voorkomen.")
        return self


class Table1Row(DataModel):
    """One row of Table 1: jobs of 25.5 hours, as published (rounded)."""

    code: str = Field(min_length=1)
    name: str = Field(min_length=1)
    formal_jobs: float = Field(ge=0)
    inleen_jobs: float = Field(ge=0)
    total_jobs: float = Field(ge=0)
    target_jobs: float = Field(gt=0)
    realisation_pct: float = Field(ge=0)

    @property
    def computed_total(self) -> float:
        return self.formal_jobs + self.inleen_jobs

    @property
    def computed_pct(self) -> float:
        """The percentage recomputed from the published (rounded) total and target."""
        return self.total_jobs / self.target_jobs * 100

    def pct_range(self) -> tuple[float, float]:
        """Lowest and highest percentage the unrounded figures behind this row can give."""
        lo = max(self.total_jobs - 0.5, 0) / (self.target_jobs + 0.5) * 100
        hi = (self.total_jobs + 0.5) / max(self.target_jobs - 0.5, 0.5) * 100
        return lo - 0.5, hi + 0.5


class RoundingDifference(ResultModel):
    """A published figure that differs from the one recomputed from the rounded numbers."""

    code: str
    name: str
    what: Literal["totaal", "percentage"]
    published: float
    computed: float
    detail: str
    message: str


TABLE1_COLUMNS: tuple[str, ...] = ("formal_jobs", "inleen_jobs", "total_jobs", "target_jobs")


class Table1(DataModel):
    title: str
    period: str
    source: Source
    rounding_note: str
    notes: list[str] = Field(default_factory=list)
    rows: list[Table1Row] = Field(min_length=1)
    total: Table1Row

    @model_validator(mode="after")
    def _consistent(self) -> Table1:
        # A transcription error shows up as a sum or percentage that rounding cannot explain.
        codes = [r.code for r in self.rows]
        if len(set(codes)) != len(codes):
            raise ValueError("Elk ministerie mag maar één keer in Tabel 1 staan.")
        slack = 0.5 * len(self.rows) + 0.5
        for col in TABLE1_COLUMNS:
            if abs(self.column_sum(col) - getattr(self.total, col)) > slack:
                raise ValueError(f"De kolom '{col}' van Tabel 1 telt niet op tot het totaal, ook niet met afronding.")
        for row in (*self.rows, self.total):
            if abs(row.computed_total - row.total_jobs) > 1:
                raise ValueError(f"Bij {row.code} zijn formeel en inleen samen niet het totaal, ook niet met afronding.")
            lo, hi = row.pct_range()
            if not lo <= row.realisation_pct <= hi:
                raise ValueError(f"Het percentage bij {row.code} past niet bij het totaal en het doel.")
        return self

    def column_sum(self, column: str) -> float:
        return float(sum(getattr(r, column) for r in self.rows))

    def differences(self) -> list[RoundingDifference]:
        """Every published total or percentage that differs from the recomputed one, with why."""
        out: list[RoundingDifference] = []
        why = "Dat komt door afronding: de tabel toont afgeronde aantallen (zie de noot bij Tabel 1 in de brief)."
        for row in (*self.rows, self.total):
            if row.computed_total != row.total_jobs:
                out.append(RoundingDifference(
                    code=row.code, name=row.name, what="totaal", published=row.total_jobs,
                    computed=row.computed_total,
                    **_why(f"{row.name}: formeel plus inleen is {jobs(row.computed_total)}, de brief noemt "
                           f"{jobs(row.total_jobs)} banen.", why)))
            computed = round_half_up(row.computed_pct)
            if computed != row.realisation_pct:
                out.append(RoundingDifference(
                    code=row.code, name=row.name, what="percentage", published=row.realisation_pct,
                    computed=round_half_up(row.computed_pct, 1),
                    **_why(f"{row.name}: {jobs(row.total_jobs)} van {jobs(row.target_jobs)} is "
                           f"{pct(round_half_up(row.computed_pct, 1))}, de brief noemt {pct(row.realisation_pct)}.", why)))
        for col in TABLE1_COLUMNS:
            s = self.column_sum(col)
            published = getattr(self.total, col)
            if s != published:
                out.append(RoundingDifference(
                    code=self.total.code, name=self.total.name, what="totaal", published=published, computed=s,
                    **_why(f"{TABLE1_LABELS[col]}: de ministeries samen tellen op tot {jobs(s)}, de brief noemt "
                           f"{jobs(published)}.", why)))
        return out


TABLE1_LABELS: dict[str, str] = {
    "formal_jobs": "Formele dienstverbanden (met Binnenwerk)",
    "inleen_jobs": "Inleenverbanden",
    "total_jobs": "Banen gerealiseerd",
    "target_jobs": "Doel",
    "realisation_pct": "Realisatie",
}



def _why(detail: str, why: str) -> dict[str, str]:
    return {"detail": detail, "message": f"{detail} {why}"}


class QuotaLetterData(DataModel):
    """The figures of the letter of 7 October 2022 and the conversion figures, each with its source."""

    version: str
    letter: Source
    hours_per_job_week: Figure
    hours_per_job_year: Figure
    projection_horizon_years: Figure
    track_3: Track3
    sector_series: SectorSeries
    table_1: Table1

    @model_validator(mode="after")
    def _check(self) -> QuotaLetterData:
        if self.hours_per_job_week.value <= 0 or self.hours_per_job_year.value <= 0:
            raise ValueError("De uren per baan moeten groter zijn dan 0.")
        if not 1 <= self.projection_horizon_years.value <= 100:
            raise ValueError("De vooruitblik moet tussen 1 en 100 jaar liggen.")
        return self


@lru_cache(maxsize=1)
def quota_letter() -> QuotaLetterData:
    """The figures of data/quota_letter_2022.json, validated."""
    return QuotaLetterData.model_validate(load_json("quota_letter_2022"))

