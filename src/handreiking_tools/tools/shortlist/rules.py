"""The rules of Contractselectie (guidance step 2Ba): which existing contracts are the best start for a
partnership? Rows are validated one by one: bad rows come back as row errors, the rest is ranked.

Scores change smoothly with dates and values (no jump from one day or one euro to the next):
the remaining term and the annual value count in proportion up to their limit, an extension
counts fully inside its window and fades out over the same length beyond it and over the last
month before the end date. An expired contract is reported as expired.
"""

from __future__ import annotations

import calendar
from datetime import date
from math import fsum
from typing import Any

from ...fmt import date_nl, eur, money, number
from ...profile import PolicyProfile, ProfileRef
from ...reference import categories
from ...sources import Reason, Source, reason_fields, source_of
from .models import CONTRACT_ROWS, ContractRow, CriterionScore, RankedContract, Route, RowError, ShortlistInput, ShortlistResult, Status

NAME = "contractselectie"
FADE_DAYS = 30  # an extension fades out over the last month before the end date


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later; the last day of the month when that day does not exist."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    if year > date.max.year:  # a reference date near 9999: every later day is past the calendar's end
        return date.max
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def plural(n: int, one: str, many: str) -> str:
    """'1 contract', '3 contracten'."""
    return f"{number(n)} {one if n == 1 else many}"


def validate_rows(rows: list[Any]) -> tuple[list[tuple[int, ContractRow]], list[RowError]]:
    """Valid rows with their number (counted from 1), and an error per bad field of the others (the rule of
    the contracts field's RowsOf mark, which api.run also uses when another field is wrong)."""
    valid, errors = CONTRACT_ROWS.check(rows)
    return valid, [RowError(**e) for e in errors]


def _ramp(x: float, full: float) -> float:
    """0 at x <= 0, rising in proportion to 1 at x >= full."""
    if full <= 0:
        return 1.0 if x > 0 else 0.0
    return max(0.0, min(1.0, x / full))


def _dnl(d: date | None) -> str:
    """An end date in a sentence (called only where it is known)."""
    return date_nl(d) if d is not None else ""


def score_contract(row: int, c: ContractRow, ref: date, profile: PolicyProfile) -> RankedContract:
    sp = profile.shortlist
    w = sp.weights
    cat = categories().by_code()[c.category]
    crit: list[CriterionScore] = []

    def add(code: str, label: str, weight: float, share: float, message: str, *sources: Source) -> None:
        crit.append(CriterionScore(code=code, label=label, points=round(weight * share, 2), max_points=weight,
                                   **reason_fields(message, *sources)))

    limit = sp.annual_value_eur.value
    v_share = _ramp(c.annual_value_eur, limit)
    add("jaarwaarde", "Jaarwaarde", w.annual_value.value, v_share,
        f"Groot contract: {money(c.annual_value_eur)} per jaar, {eur(limit)} of meer." if v_share >= 1 else
        f"{money(c.annual_value_eur)} per jaar is minder dan {eur(limit)}: naar verhouding minder punten.",
        sp.annual_value_eur.source)

    intensive = cat.labour_intensive if c.labour_intensive is None else c.labour_intensive
    add("arbeidsintensief", "Arbeidsintensief", w.labour_intensive.value, 1.0 if intensive else 0.0,
        "Arbeidsintensief werk, zoals schoonmaak of catering: veel taken kunnen passen." if intensive else
        "Geen arbeidsintensief werk.", source_of(NAME, "arbeidsintensief"))

    multi_days = (add_months(ref, int(sp.multi_year_min_months.value)) - ref).days
    window_days = (add_months(ref, int(sp.extension_window_months.value)) - ref).days
    route_days = (add_months(ref, int(sp.route_2a_months.value)) - ref).days
    left = None if c.end_date is None else (c.end_date - ref).days
    expired = left is not None and left < 0
    months_txt = number(sp.multi_year_min_months.value)
    if left is None:
        add("looptijd", "Resterende looptijd", w.multi_year.value, 0.0, "De einddatum is onbekend.",
            sp.multi_year_min_months.source)
    elif expired:
        add("looptijd", "Resterende looptijd", w.multi_year.value, 0.0,
            f"Het contract is afgelopen op {_dnl(c.end_date)}.", sp.multi_year_min_months.source)
    else:
        share = _ramp(left, multi_days)
        add("looptijd", "Resterende looptijd", w.multi_year.value, share,
            f"Het contract loopt nog minstens {months_txt} maanden." if share >= 1 else
            f"Het contract loopt nog {plural(left, 'dag', 'dagen')}, korter dan {months_txt} maanden: naar "
            "verhouding minder punten.", sp.multi_year_min_months.source)

    add("sroi_clausule", "Afspraak over social return", w.sroi_clause.value, 1.0 if c.has_sroi_clause else 0.0,
        "Er staat al een afspraak over social return in het contract: daar kun je op voortbouwen." if c.has_sroi_clause
        else "Nog geen afspraak over social return: bespreek of er binnen het contract ruimte voor is.",
        source_of(NAME, "sroi_clausule"))

    ext_src = sp.extension_window_months.source
    if not c.extension_possible:
        add("verlenging", "Verlenging op komst", w.extension.value, 0.0, "Verlengen is niet mogelijk.", ext_src)
    elif left is None:
        add("verlenging", "Verlenging op komst", w.extension.value, 0.0,
            "Verlengen kan, maar zonder einddatum weten we niet wanneer.", ext_src)
    elif expired:
        add("verlenging", "Verlenging op komst", w.extension.value, 0.0,
            "De einddatum is voorbij: er komt geen verlenging meer aan. Kijk of het contract al verlengd is.", ext_src)
    else:
        # Full inside the window; fading out beyond it (over the same length) and in the last month.
        share = min(_ramp(2 * window_days - left, window_days), _ramp(left, FADE_DAYS))
        add("verlenging", "Verlenging op komst", w.extension.value, share,
            "Er komt een verlenging aan: een goed moment voor het gesprek. Blijf binnen het contract en voorkom een "
            "wezenlijke wijziging." if share > 0 else "Geen verlenging binnen afzienbare tijd.", ext_src)

    total = fsum(x.max_points for x in crit)
    score = round(100 * fsum(x.points for x in crit) / total, 1) if total else 0.0

    status: Status
    route: Route
    if left is None:
        status, route = "onbekend", "2B"
        rr = Reason.of("route_2b", "Lopend contract zonder bekende einddatum: verken samen met de opdrachtnemer wat "
                       "er kan (stap 2B).", source_of(NAME, "arbeidsintensief"))
    elif expired:
        status, route = "verlopen", "2A"
        rr = Reason.of("verlopen", f"Dit contract is afgelopen: de einddatum ({_dnl(c.end_date)}) ligt vóór de "
                       "peildatum. Kijk of het al verlengd is; dan loopt het nog en verken je de kansen met de "
                       "opdrachtnemer (stap 2B). Anders neem je social return mee in de volgende aanbesteding (stap 2A).",
                       source_of(NAME, "verlopen"))
    elif left <= route_days and c.extension_possible:
        status, route = "loopt_af", "2B"
        rr = Reason.of("verlengen_gebruiken", f"Het contract loopt af op {_dnl(c.end_date)}, maar kan nog verlengd "
                       "worden. Gebruik de verlenging: bespreek vóór het verlengen met de opdrachtnemer wat er binnen "
                       "het contract kan (stap 2B).", source_of(NAME, "verlengen_gebruiken"))
    elif left <= route_days:
        status, route = "loopt_af", "2A"
        rr = Reason.of("route_2a", f"Het contract loopt af op {_dnl(c.end_date)}, binnen "
                       f"{number(sp.route_2a_months.value)} maanden, en kan niet verlengd worden. Neem social return "
                       "mee in de nieuwe aanbesteding (stap 2A). Een aanbesteding voorbereiden kost tijd: begin nu.",
                       sp.route_2a_months.source)
    else:
        status, route = "lopend", "2B"
        rr = Reason.of("route_2b", "Lopend contract: verken samen met de opdrachtnemer wat er kan (stap 2B).",
                       source_of(NAME, "arbeidsintensief"))
    return RankedContract(
        row=row, name=c.name, supplier=c.supplier, category=c.category, category_label=cat.label,
        annual_value_eur=c.annual_value_eur, end_date=c.end_date, status=status, route=route,
        route_message=rr.message, route_reason=rr, score=score, criteria=crit,
    )


def compute(inp: ShortlistInput) -> ShortlistResult:
    profile = inp.policy
    valid, row_errors = validate_rows(inp.contracts)
    ranked = [score_contract(i, c, inp.reference_date, profile) for i, c in valid]
    # Highest score first; on equal scores the larger contract, then the order the user gave.
    ranked.sort(key=lambda r: (-r.score, -r.annual_value_eur, r.row))
    n_top = int(profile.shortlist.top_n.value)
    top = [r.name for r in ranked if r.route == "2B"][:n_top]
    n2a = sum(r.route == "2A" for r in ranked)
    n2b = len(ranked) - n2a
    n_expired = sum(r.status == "verlopen" for r in ranked)
    n_ending = n2a - n_expired
    parts = [f"{plural(len(ranked), 'contract', 'contracten')} beoordeeld"]
    if top:
        parts.append(f"de beste kandidaten voor een partnership: {', '.join(top)}")
    if n_ending:
        verb = "loopt" if n_ending == 1 else "lopen"
        parts.append(f"{plural(n_ending, 'contract', 'contracten')} {verb} binnenkort af zonder verlenging: "
                     "neem social return mee in de nieuwe aanbesteding")
    if n_expired:
        verb = "is" if n_expired == 1 else "zijn"
        parts.append(f"{plural(n_expired, 'contract', 'contracten')} {verb} al afgelopen: kijk of "
                     f"{'het' if n_expired == 1 else 'ze'} verlengd {'is' if n_expired == 1 else 'zijn'}")
    if row_errors:
        n_bad = len({e.row for e in row_errors})
        parts.append(f"{plural(n_bad, 'regel', 'regels')} konden we niet lezen: verbeter "
                     f"{'hem' if n_bad == 1 else 'ze'} en probeer het opnieuw")
    summary = "; ".join(parts) + "."
    sp = profile.shortlist
    reasons = [
        Reason.of("top_3", f"Richt je eerst op {number(n_top)} opdrachtnemers: zo houd je de energie bij een paar "
                  "kansrijke partnerships.", sp.top_n.source),
        Reason.of("gewichten", "De punten per kenmerk (" + ", ".join(
            number(f.value) for f in (sp.weights.annual_value, sp.weights.labour_intensive, sp.weights.multi_year,
                                      sp.weights.sroi_clause, sp.weights.extension))
                  + ") geven aan hoe zwaar elk kenmerk weegt. De handreiking noemt de kenmerken, maar geen weging.",
                  sp.weights.annual_value.source),
    ]
    return ShortlistResult(
        reference_date=inp.reference_date, ranking=ranked, top=top, summary=summary, count_valid=len(ranked),
        count_2a=n2a, count_2b=n2b, row_errors=row_errors, reasons=reasons,
        profile=ProfileRef.of(profile),
    )

