"""The rules of Quotum (Wet banenafspraak; letter to parliament of 7 October 2022): how far is an
organisation from its target of jobs for the target group, and when does the trend reach it?
Pure functions; every figure (hours per job, the horizon, the letter's figures) comes from data.
"""

from __future__ import annotations

import math
from math import fsum

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from ...fmt import jobs as _jobs
from ...fmt import number, pct, round_half_up
from ...sources import Reason, Source, cite
from .letter import QuotaLetterData, quota_letter
from .models import MIN_TARGET_JOBS, QuotaInput, QuotaResult, QuotaSectorYear, QuotaSroi, QuotaTrend, QuotaTrendPoint

NAME = "quotum"


def _fail(errors: list[tuple[tuple[str | int, ...], str, str]]) -> None:
    """Raise the combination errors as one ValidationError; api.run turns it into field errors."""
    if errors:
        raise ValidationError.from_exception_data(
            "QuotaInput",
            [InitErrorDetails(type=PydanticCustomError(code, msg), loc=loc, input=None) for loc, code, msg in errors],
        )


def check(inp: QuotaInput) -> None:
    """Rules about which fields go together; each error names the field to fix."""
    errors: list[tuple[tuple[str | int, ...], str, str]] = []
    both = "Vul banen óf uren in, niet allebei."
    if inp.formal_jobs is not None and inp.formal_hours_per_year is not None:
        errors.append((("formal_hours_per_year",), "nl_jobs_and_hours", both))
    if inp.inleen_jobs is not None and inp.inleen_hours_per_year is not None:
        errors.append((("inleen_hours_per_year",), "nl_jobs_and_hours", both))
    if all(v is None for v in (inp.formal_jobs, inp.formal_hours_per_year, inp.inleen_jobs, inp.inleen_hours_per_year)):
        errors.append((("formal_jobs",), "nl_no_realised",
                       "Vul in hoeveel banen (of uren) je hebt gerealiseerd, in eigen dienst of ingeleend."))
    if inp.target_jobs is not None and (inp.quota_pct is not None or inp.workforce_jobs is not None):
        field = "quota_pct" if inp.quota_pct is not None else "workforce_jobs"
        errors.append(((field,), "nl_target_twice",
                       "Vul het doel in als aantal banen óf als quotumpercentage met de omvang van je personeel, niet allebei."))
    elif inp.target_jobs is None:
        if inp.quota_pct is None and inp.workforce_jobs is None:
            errors.append((("target_jobs",), "nl_no_target",
                           "Vul het doel in: een aantal banen, of een quotumpercentage met de omvang van je personeel."))
        elif inp.workforce_jobs is None:
            errors.append((("workforce_jobs",), "nl_no_workforce",
                           "Vul ook de omvang van je personeel in; daarover rekent de rekenhulp het quotumpercentage uit."))
        elif inp.quota_pct is None:
            errors.append((("quota_pct",), "nl_no_quota_pct", "Vul ook het quotumpercentage in."))
        elif inp.quota_pct / 100 * inp.workforce_jobs < MIN_TARGET_JOBS:
            errors.append((("quota_pct",), "nl_target_too_small",
                           f"Zo komt het doel uit op minder dan {number(MIN_TARGET_JOBS, 2)} baan. "
                           "Controleer het quotumpercentage en de omvang van je personeel."))
    seen: set[int] = set()
    for i, row in enumerate(inp.history):
        if row.year in seen:
            errors.append((("history", i, "year"), "nl_year_twice", "Dit jaar staat al bij de eerdere jaren."))
        seen.add(row.year)
        if inp.year is not None and row.year >= inp.year:
            errors.append((("history", i, "year"), "nl_year_not_before",
                           "Een eerder jaar moet vóór het jaar van de cijfers hierboven liggen."))
    _fail(errors)


def _slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope (change per year) of ys over xs; at least two distinct xs."""
    mx, my = fsum(xs) / len(xs), fsum(ys) / len(ys)
    sxx = fsum((x - mx) ** 2 for x in xs)
    return fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx


def trend(points: list[QuotaTrendPoint], data: QuotaLetterData) -> QuotaTrend:
    """Trend over the years and the year the target is reached if it holds (within the horizon)."""
    horizon = int(data.projection_horizon_years.value)
    source = cite(data.projection_horizon_years.source)
    xs = [float(p.year) for p in points]
    r = _slope(xs, [p.realised_jobs for p in points])
    t = _slope(xs, [p.target_jobs for p in points])
    closing = r - t
    last = points[-1]
    gap = last.target_jobs - last.realised_jobs
    growth = (f"Het aantal banen groeit met gemiddeld {_jobs(r)} per jaar, het doel met {_jobs(t)} per jaar."
              if r >= 0 else f"Het aantal banen daalt met gemiddeld {_jobs(-r)} per jaar; het doel verandert met {_jobs(t)} per jaar.")
    common = dict(points=points, realised_per_year=r, target_per_year=t, gap_change_per_year=-closing,
                  horizon_years=horizon, source=source, page=data.projection_horizon_years.source.page or "")
    if gap <= 0:
        return QuotaTrend(**common, reached=True, reach_year=last.year,
                          message=f"{growth} In {last.year} is het doel al gehaald.")
    if closing <= 0:
        pace = ("Het aantal banen groeit zo niet sneller dan het doel." if r >= 0 else
                "Zo loopt de achterstand op in plaats van terug.")
        return QuotaTrend(**common, reached=False, reach_year=None,
                          message=f"{growth} {pace} Als deze trend doorzet, wordt het doel niet gehaald; de "
                                  "achterstand blijft of wordt groter.")
    years = math.ceil(gap / closing - 1e-9)
    if years > horizon:
        return QuotaTrend(**common, reached=False, reach_year=None,
                          message=f"{growth} De achterstand wordt elk jaar {_jobs(closing)} banen kleiner. Als deze "
                                  f"trend doorzet, is het doel niet binnen {horizon} jaar gehaald. Verder kijkt de "
                                  "rekenhulp niet vooruit; die grens is een schatting van deze site.")
    return QuotaTrend(**common, reached=False, reach_year=last.year + years,
                      message=f"{growth} De achterstand wordt elk jaar {_jobs(closing)} banen kleiner. Als deze "
                              f"trend doorzet, is het doel in {last.year + years} gehaald.")


def workforce_in_jobs(inp: QuotaInput, data: QuotaLetterData, reasons: list[Reason]) -> float:
    """The workforce in jobs of 25,5 hours, converted from fte or paid hours a year with the source."""
    week = data.hours_per_job_week
    size = inp.workforce_jobs or 0.0
    if inp.workforce_unit == "banen":
        return size
    if inp.workforce_unit == "uren_per_jaar":
        per_year = data.hours_per_job_year
        jobs = size / per_year.value
        reasons.append(Reason.of(
            "omvang_uit_uren",
            f"Je personeel is {number(size)} verloonde uren per jaar. Met {number(per_year.value)} uur per baan per "
            f"jaar is dat {_jobs(jobs)} banen van {_jobs(week.value)} uur.", per_year.source))
        return jobs
    fig = inp.policy.fte_hours_per_week
    sources: tuple[Source, ...]
    if inp.fte_hours_per_week is not None:
        hours, sources, basis = inp.fte_hours_per_week, (week.source,), "zoals je invulde"
    elif fig is not None:
        hours, sources, basis = fig.value, (week.source, fig.source), "volgens het beleid"
    else:
        raise ValidationError.from_exception_data("QuotaInput", [InitErrorDetails(
            type=PydanticCustomError("nl_fte_hours", "Vul in hoeveel uur per week 1 fte bij jou is."),
            loc=("fte_hours_per_week",), input=None)])
    jobs = size * hours / week.value
    reasons.append(Reason.of(
        "omvang_uit_fte",
        f"Je personeel is {_jobs(size)} fte. Eén fte is {_jobs(hours)} uur per week ({basis}); een baan is "
        f"{_jobs(week.value)} uur. Dat is {_jobs(size)} x {_jobs(hours)} / {_jobs(week.value)} = {_jobs(jobs)} banen.",
        *sources))
    return jobs


def sector_reference(data: QuotaLetterData) -> list[QuotaSectorYear]:
    """The Rijk's published series, with the percentage recomputed where the letter gives the jobs."""
    out = []
    src = cite(data.sector_series.source)
    for y in data.sector_series.years:
        if y.realised_jobs is None:
            computed = None
            msg = (f"In {y.year} haalde het Rijk {pct(y.realisation_pct)} van het doel van {_jobs(y.target_jobs)} banen "
                   "(het aantal banen zelf staat niet in de brief).")
        else:
            computed = round_half_up(y.realised_jobs / y.target_jobs * 100, 1)
            msg = (f"In {y.year} haalde het Rijk {_jobs(y.realised_jobs)} van {_jobs(y.target_jobs)} banen: "
                   f"{pct(y.realisation_pct)} volgens de brief.")
            if round_half_up(computed) != y.realisation_pct:
                msg += (f" Zelf uitgerekend is het {pct(computed)}; het verschil komt door afronding "
                        "(de brief noemt afgeronde aantallen).")
        out.append(QuotaSectorYear(year=y.year, target_jobs=y.target_jobs, realisation_pct=y.realisation_pct,
                                   realised_jobs=y.realised_jobs, computed_pct=computed, message=msg, source=src,
                                   page=data.sector_series.source.page or ""))
    return out


def compute(inp: QuotaInput) -> QuotaResult:
    check(inp)
    data = quota_letter()
    per_year = data.hours_per_job_year.value
    per_week = data.hours_per_job_week.value
    reasons: list[Reason] = []
    warnings: list[Reason] = []

    formal_from_hours = inp.formal_hours_per_year is not None
    inleen_from_hours = inp.inleen_hours_per_year is not None
    formal = inp.formal_hours_per_year / per_year if inp.formal_hours_per_year is not None else (inp.formal_jobs or 0.0)
    inleen = inp.inleen_hours_per_year / per_year if inp.inleen_hours_per_year is not None else (inp.inleen_jobs or 0.0)
    realised = formal + inleen
    reasons.append(Reason.of(
        "baan", f"Eén baan is {_jobs(per_week)} verloonde uren per week. Kleinere banen tellen naar verhouding mee.",
        data.hours_per_job_week.source))
    if formal_from_hours or inleen_from_hours:
        reasons.append(Reason.of(
            "uren_naar_banen", f"Uren per jaar zijn omgerekend naar banen: {_jobs(per_year)} verloonde uren per jaar "
            "is één baan.", data.hours_per_job_year.source))
    if inleen > 0:
        reasons.append(Reason(
            code="inleen", source=cite(data.table_1.source), page=data.table_1.source.page or "",
            message="Ingeleende medewerkers (bijvoorbeeld via een uitzendbureau of sw-bedrijf) tellen mee bij de "
                    "organisatie waar ze werken, net als in Tabel 1 van de Kamerbrief."))

    workforce = None
    if inp.target_jobs is not None:
        target, from_quota = inp.target_jobs, False
    else:
        assert inp.quota_pct is not None and inp.workforce_jobs is not None  # guaranteed by check()
        workforce = workforce_in_jobs(inp, data, reasons)
        target, from_quota = inp.quota_pct / 100 * workforce, True
        reasons.append(Reason.of(
            "doel_uit_quotum",
            f"Het doel is {pct(inp.quota_pct, 2)} van {_jobs(workforce)} banen: {_jobs(target)} banen.",
            data.hours_per_job_week.source))

    realisation = realised / target * 100
    gap = max(target - realised, 0.0)
    surplus = max(realised - target, 0.0)

    year = inp.year
    history = sorted(inp.history, key=lambda h: h.year)
    if year is None and history:
        year = history[-1].year + 1
        warnings.append(Reason(
            code="jaar_aangenomen", source="Rekenhulp quotum",
            message=f"Je gaf geen jaar op. De rekenhulp gaat ervan uit dat de cijfers over {year} gaan, het jaar na "
                    "de laatste regel van de eerdere jaren."))
    tr = None
    if history:
        points = [QuotaTrendPoint(year=h.year, realised_jobs=h.realised_jobs, target_jobs=h.target_jobs,
                                  realisation_pct=h.realised_jobs / h.target_jobs * 100, current=False) for h in history]
        assert year is not None
        points.append(QuotaTrendPoint(year=year, realised_jobs=realised, target_jobs=target,
                                      realisation_pct=realisation, current=True))
        tr = trend(points, data)

    sroi = None
    if inp.sroi_jobs is not None and inp.sroi_jobs > 0:
        t3 = data.track_3
        sroi = QuotaSroi(
            jobs=inp.sroi_jobs, counts_for_quota=t3.counts_for_quota, title=t3.title, source=cite(t3.source),
            page=t3.source.page or "",
            message=f"Je gaf {_jobs(inp.sroi_jobs)} banen via social return op. Die staan hier apart en tellen niet mee "
                    f"in de realisatie hierboven. {t3.reason}")

    if gap > 0:
        summary = (f"Je hebt {_jobs(realised)} van de {_jobs(target)} banen: {pct(realisation)} van het doel. "
                   f"Er ontbreken nog {_jobs(gap)} banen, samen {_jobs(gap * per_week)} uur per week.")
    else:
        summary = (f"Je hebt {_jobs(realised)} van de {_jobs(target)} banen: {pct(realisation)} van het doel. "
                   "Je haalt het doel" + (f", met {_jobs(surplus)} banen extra." if surplus > 0 else "."))
    if tr is not None:
        summary += " " + tr.message.split(". ", 1)[-1]

    return QuotaResult(
        year=year,
        formal_jobs=formal,
        inleen_jobs=inleen,
        formal_from_hours=formal_from_hours,
        inleen_from_hours=inleen_from_hours,
        realised_jobs=realised,
        realised_jobs_rounded=round_half_up(realised, 1),
        realised_jobs_display=_jobs(realised),
        target_jobs=target,
        target_from_quota=from_quota,
        workforce_in_jobs=workforce,
        realisation_pct=realisation,
        realisation_pct_display=pct(realisation),
        gap_jobs=gap,
        surplus_jobs=surplus,
        gap_hours_per_week=gap * per_week,
        gap_hours_per_year=gap * per_year,
        trend=tr,
        sroi=sroi,
        sector_reference=sector_reference(data),
        reasons=reasons,
        warnings=warnings,
        summary=summary,
    )



__all__ = ["NAME", "compute", "check", "trend", "sector_reference", "workforce_in_jobs"]
