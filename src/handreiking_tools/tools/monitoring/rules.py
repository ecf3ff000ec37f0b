"""Monitoringsrapportage: add anonymous placements and purchases up into jobs of 25,5 hours and
the realisation of the agreed obligation over the whole life of the contract.

Pure functions. Hours per job come from data/quota_letter_2022.json; the linear spread of an obligation
over the contract (what you would expect by a date) is this site's own estimate, from data.
"""

from __future__ import annotations

from datetime import date
from math import fsum

from ...fmt import date_nl, eur, number, pct
from ...sources import Reason
from ..delivery.models import social_return
from ..delivery.rules import Problem, _fail, jobs_text
from ..quota.letter import quota_letter
from .models import (
    PERIOD_MONTHS,
    GroupLine,
    MonitoringInput,
    MonitoringResult,
    PlacementLine,
    Realisation,
    YearLine,
)


def _years_between(start: date, end: date) -> float:
    """Calendar years from start to end (0 when end is past): 31-12-2026 to 31-12-2027 is exactly 1."""
    if end <= start:
        return 0.0
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day and not (end.day == _month_end(end.year, end.month).day):
        months -= 1
    return max(months, 0) / 12


def check(inp: MonitoringInput) -> None:
    problems: list[Problem] = []
    if inp.obligation_eur is None and inp.obligation_hours is None:
        problems.append((("obligation_eur",), "nl_missing",
                         "Vul de afspraak in: een bedrag, verloonde uren of allebei."))
    if inp.contract_start and inp.contract_end and inp.contract_end <= inp.contract_start:
        problems.append((("contract_end",), "nl_end_before_start", "Het einde moet na het begin van het contract liggen."))
    if not inp.placements and not inp.purchases:
        problems.append((("placements",), "nl_missing",
                         "Vul minstens één plaatsing of één inkoop bij een sociale onderneming in."))
    seen: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for i, p in enumerate(inp.placements):
        key = (p.year, p.code.casefold())
        for j, other in seen.get(key, []):
            if set(PERIOD_MONTHS[other]) & set(PERIOD_MONTHS[p.period]):
                problems.append((("placements", i, "period"), "nl_conflict",
                                 f"Code {p.code} staat in {p.year} al in regel {j + 1} voor een periode die hiermee "
                                 "overlapt. Tel uren van één periode op in één regel."))
                break
        seen.setdefault(key, []).append((i, p.period))
    _fail(problems)


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def realisation(unit: str, obligation: float, realised: float, inp: MonitoringInput, report: date | None) -> Realisation:
    """Obligation against realisation over the whole contract; with contract dates also what a linear spread
    expects by the report date (an estimate of this site) and what is needed per remaining year."""
    shortfall = max(obligation - realised, 0.0)
    surplus = max(realised - obligation, 0.0)
    show = eur if unit == "eur" else (lambda v: f"{number(v)} uur")
    expected = behind = years_left = needed = None
    if inp.contract_start and inp.contract_end and report is not None:
        # Both dates count as days of the contract: 01-01-2025 to 31-12-2027 is three whole years.
        span = (inp.contract_end - inp.contract_start).days + 1
        done = min(max((report - inp.contract_start).days + 1, 0), span)
        expected = obligation * done / span
        behind = max(expected - realised, 0.0)
        years_left = _years_between(report, inp.contract_end)
        needed = shortfall / years_left if years_left > 0 and shortfall > 0 else None
    message = f"Afgesproken {show(obligation)}, gerealiseerd {show(realised)}: {pct(realised / obligation * 100)}."
    if shortfall > 0:
        message += f" Over de hele looptijd ontbreekt nog {show(shortfall)}."
        if needed is not None and years_left is not None:
            message += (f" Het contract loopt nog {jobs_text(years_left)} jaar: dat is {show(needed)} per jaar.")
        elif years_left == 0:
            message += " Het contract is afgelopen."
    else:
        message += " De afspraak is gehaald" + (f", met {show(surplus)} extra." if surplus > 0 else ".")
    if expected is not None and behind is not None and shortfall > 0:
        if behind > 0:
            message += (f" Bij een gelijke verdeling over de looptijd verwacht je op deze datum {show(expected)}: je "
                        f"loopt {show(behind)} achter (een schatting van deze site).")
        else:
            message += (f" Bij een gelijke verdeling over de looptijd verwacht je op deze datum {show(expected)}: je "
                        "ligt op schema (een schatting van deze site).")
    return Realisation(unit=unit, obligation=obligation, realised=realised, pct=realised / obligation * 100,
                       shortfall=shortfall, surplus=surplus, expected=expected, behind=behind, years_left=years_left,
                       needed_per_year=needed, message=message)


def compute(inp: MonitoringInput) -> MonitoringResult:
    check(inp)
    data = social_return()
    letter = quota_letter()
    week = letter.hours_per_job_week
    per_year = letter.hours_per_job_year
    labels = data.target_groups.labels()
    reasons: list[Reason] = []
    warnings: list[Reason] = []

    report = inp.report_date
    if report is None and inp.placements:
        report = max(_month_end(p.year, PERIOD_MONTHS[p.period][-1]) for p in inp.placements)
    if report is None and inp.purchases:
        report = date(max(p.year for p in inp.purchases), 12, 31)
    if report is not None and inp.contract_end is not None and report > inp.contract_end:
        report = inp.contract_end

    years = sorted({p.year for p in inp.placements} | {p.year for p in inp.purchases})
    lines: list[YearLine] = []
    cum_eur = cum_hours = 0.0
    for y in years:
        rows = [p for p in inp.placements if p.year == y]
        hours = fsum(p.hours for p in rows)
        costs = fsum(p.costs_eur or 0.0 for p in rows)
        bought = fsum(p.amount_eur for p in inp.purchases if p.year == y)
        cum_eur += costs + bought
        cum_hours += hours
        lines.append(YearLine(year=y, hours=hours, jobs=hours / per_year.value,
                              placements=len({p.code.casefold() for p in rows}), costs_eur=costs, purchases_eur=bought,
                              realised_eur=costs + bought, cumulative_eur=cum_eur, cumulative_hours=cum_hours))

    groups: list[GroupLine] = []
    for code, label in labels.items():
        rows = [p for p in inp.placements if p.group == code]
        if rows:
            hours = fsum(p.hours for p in rows)
            groups.append(GroupLine(group=code, label=label, placements=len({p.code.casefold() for p in rows}),
                                    hours=hours, jobs=hours / per_year.value))

    by_code: dict[str, PlacementLine] = {}
    for p in inp.placements:
        key = p.code.casefold()
        old = by_code.get(key)
        hours = (old.hours if old else 0.0) + p.hours
        by_code[key] = PlacementLine(code=old.code if old else p.code, label=labels[p.group], hours=hours,
                                     job_years=hours / per_year.value,
                                     costs_eur=(old.costs_eur if old else 0.0) + (p.costs_eur or 0.0))

    total_hours = fsum(p.hours for p in inp.placements)
    costs = fsum(p.costs_eur or 0.0 for p in inp.placements)
    bought = fsum(p.amount_eur for p in inp.purchases)

    reasons.append(Reason.of(
        "uren", "De rekenhulp telt verloonde uren: zo meet je de inzet van mensen uit de doelgroep.", data.monitoring_hours))
    reasons.append(Reason.of(
        "baan", f"Een baan is {jobs_text(week.value)} uur per week, {number(per_year.value)} uur per jaar. De uren van een "
        f"jaar gedeeld door {number(per_year.value)} is het gemiddelde aantal banen in dat jaar.", week.source,
        per_year.source))
    reasons.append(Reason.of(
        "avg", "Elke plaatsing heeft een code, geen naam of burgerservicenummer: de opdrachtgever mag niet kunnen zien "
        "om wie het gaat.", data.privacy))
    if inp.contract_start and inp.contract_end:
        reasons.append(Reason.of("verdeling", "Wat je op een datum verwacht, is de afspraak gelijk verdeeld over de looptijd.",
                           data.spread_over_time))

    result_lines: list[Realisation] = []
    if inp.obligation_eur is not None:
        result_lines.append(realisation("eur", inp.obligation_eur, costs + bought, inp, report))
        if costs + bought == 0:
            warnings.append(Reason(code="geen_bedragen", source="Rekenhulp monitoringsrapportage",
                                   message="De afspraak is een bedrag, maar er staan geen kosten of inkoop bij de regels. "
                                           "Vul per plaatsing de kosten of de waarde in."))
    if inp.obligation_hours is not None:
        result_lines.append(realisation("uren", inp.obligation_hours, total_hours, inp, report))

    if inp.contract_start and inp.contract_end:
        outside = [y for y in years if not inp.contract_start.year <= y <= inp.contract_end.year]
        if outside:
            warnings.append(Reason(code="buiten_looptijd", source="Rekenhulp monitoringsrapportage",
                                   message="Er staan regels buiten de looptijd van het contract: "
                                           + ", ".join(str(y) for y in outside) + ". Ze tellen wel mee."))

    first = result_lines[0]
    summary = (f"{len(by_code)} {'plaatsing' if len(by_code) == 1 else 'plaatsingen'} met samen {number(total_hours)} "
               f"verloonde uren: {jobs_text(total_hours / per_year.value)} banen van {jobs_text(week.value)} uur voor een "
               f"jaar. {first.message}")
    if report is not None:
        summary = f"Stand per {date_nl(report)}. " + summary

    return MonitoringResult(
        report_date=report, hours_per_job_week=week.value, hours_per_job_year=per_year.value, total_hours=total_hours,
        total_job_years=total_hours / per_year.value, placements=len(by_code), costs_eur=costs, purchases_eur=bought,
        realised_eur=costs + bought, per_year=lines, per_group=groups, per_placement=list(by_code.values()),
        realisation=result_lines, reasons=reasons, warnings=warnings, summary=summary)


__all__ = ["check", "compute", "realisation"]
