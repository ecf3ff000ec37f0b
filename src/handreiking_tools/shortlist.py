"""Contractselectie (guidance step 2Ba): which existing contracts are the best start for a
partnership? Rows are validated one by one: bad rows come back as row errors, the rest is ranked.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from pydantic import ValidationError

from .api import Calculator
from .errors import translate
from .fmt import eur, number
from .models import (
    ContractRow,
    CriterionScore,
    ProfileRef,
    RankedContract,
    Reason,
    RowError,
    ShortlistInput,
    ShortlistResult,
    categories,
)
from .policy import load_profile

G = "Handreiking, stap 2Ba"


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later; the last day of the month when that day does not exist."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    if year > date.max.year:  # a reference date near 9999: every later day is past the calendar's end
        return date.max
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def validate_rows(rows: list[Any]) -> tuple[list[tuple[int, ContractRow]], list[RowError]]:
    """Valid rows with their number (counted from 1), and an error per bad field of the others."""
    valid: list[tuple[int, ContractRow]] = []
    errors: list[RowError] = []
    for i, raw in enumerate(rows, start=1):
        if not isinstance(raw, dict):
            errors.append(RowError(row=i, field="", message="Deze regel is geen contract (verwacht een groep velden)."))
            continue
        try:
            valid.append((i, ContractRow.model_validate(raw)))
        except ValidationError as exc:
            errors += [RowError(row=i, **e) for e in translate(exc)]
    return valid, errors


def score_contract(row: int, c: ContractRow, ref: date, profile: Any) -> RankedContract:
    sp = profile.shortlist
    w = sp.weights
    cat = categories().by_code()[c.category]
    crit: list[CriterionScore] = []

    def add(code: str, label: str, fig: Any, hit: bool, yes: str, no: str, source: str) -> None:
        crit.append(CriterionScore(code=code, label=label, points=fig.value if hit else 0.0, max_points=fig.value,
                                   message=yes if hit else no, source=source))

    limit = sp.annual_value_eur.value
    add("jaarwaarde", "Jaarwaarde", w.annual_value, c.annual_value_eur > limit,
        f"Groot contract: {eur(c.annual_value_eur)} per jaar, meer dan {eur(limit)}.",
        f"{eur(c.annual_value_eur)} per jaar is niet meer dan {eur(limit)}.", sp.annual_value_eur.cite())

    intensive = cat.labour_intensive if c.labour_intensive is None else c.labour_intensive
    add("arbeidsintensief", "Arbeidsintensief", w.labour_intensive, intensive,
        "Arbeidsintensief werk, zoals schoonmaak of catering: veel taken kunnen passen.",
        "Geen arbeidsintensief werk.", G)

    route_end = add_months(ref, int(sp.route_2a_months.value))
    multi_end = add_months(ref, int(sp.multi_year_min_months.value))
    ext_end = add_months(ref, int(sp.extension_window_months.value))
    if c.end_date is None:
        add("looptijd", "Resterende looptijd", w.multi_year, False, "", "De einddatum is onbekend.", G)
    else:
        add("looptijd", "Resterende looptijd", w.multi_year, c.end_date >= multi_end,
            f"Het contract loopt nog minstens {number(sp.multi_year_min_months.value)} maanden.",
            f"Het contract loopt nog korter dan {number(sp.multi_year_min_months.value)} maanden.",
            sp.multi_year_min_months.cite())

    add("sroi_clausule", "Afspraak over social return", w.sroi_clause, c.has_sroi_clause,
        "Er staat al een afspraak over social return in het contract: daar kun je op voortbouwen.",
        "Nog geen afspraak over social return: bespreek of er binnen het contract ruimte voor is.", G)

    soon = c.end_date is not None and c.end_date <= ext_end
    add("verlenging", "Verlenging op komst", w.extension, c.extension_possible and soon,
        "Er komt een verlenging aan: een goed moment voor het gesprek. Blijf binnen het contract en "
        "voorkom een wezenlijke wijziging.",
        "Geen verlenging binnen afzienbare tijd." if c.extension_possible else "Verlengen is niet mogelijk.",
        sp.extension_window_months.cite())

    total = sum(x.max_points for x in crit)
    score = round(100 * sum(x.points for x in crit) / total, 1) if total else 0.0
    if c.end_date is not None and c.end_date <= route_end:
        route = "2A"
        route_message = ("Het contract loopt binnen " f"{number(sp.route_2a_months.value)} maanden af (of is al "
                         "afgelopen). Neem social return mee in de nieuwe aanbesteding (stap 2A).")
    else:
        route = "2B"
        route_message = "Lopend contract: verken samen met de opdrachtnemer wat er kan (stap 2B)."
    return RankedContract(
        row=row, name=c.name, supplier=c.supplier, category=c.category, category_label=cat.label,
        annual_value_eur=c.annual_value_eur, end_date=c.end_date, route=route, route_message=route_message,
        score=score, criteria=crit,
    )


def compute(inp: ShortlistInput) -> ShortlistResult:
    profile = load_profile(inp.profile)
    valid, row_errors = validate_rows(inp.contracts)
    ranked = [score_contract(i, c, inp.reference_date, profile) for i, c in valid]
    # Highest score first; on equal scores the larger contract, then the order the user gave.
    ranked.sort(key=lambda r: (-r.score, -r.annual_value_eur, r.row))
    n_top = int(profile.shortlist.top_n.value)
    top = [r.name for r in ranked if r.route == "2B"][:n_top]
    n2a = sum(r.route == "2A" for r in ranked)
    n2b = len(ranked) - n2a
    parts = [f"{number(len(ranked))} contract(en) beoordeeld"]
    if top:
        parts.append(f"de beste kandidaten voor een partnership: {', '.join(top)}")
    if n2a:
        parts.append(f"{number(n2a)} contract(en) lopen binnenkort af: neem social return mee in de nieuwe aanbesteding")
    if row_errors:
        n_bad = len({e.row for e in row_errors})
        parts.append(f"{number(n_bad)} regel(s) konden we niet lezen: verbeter ze en probeer het opnieuw")
    summary = "; ".join(parts) + "."
    reasons = [
        Reason(code="top_3", message=f"Richt je eerst op {number(n_top)} opdrachtnemers: zo houd je de energie bij "
               "een paar kansrijke partnerships.", source=profile.shortlist.top_n.cite()),
    ]
    return ShortlistResult(
        reference_date=inp.reference_date, ranking=ranked, top=top, summary=summary, count_valid=len(ranked),
        count_2a=n2a, count_2b=n2b, row_errors=row_errors, reasons=reasons,
        profile=ProfileRef.of(profile),
    )


CALCULATOR = Calculator(
    name="contractselectie",
    title="Contractselectie voor een partnership",
    input_model=ShortlistInput,
    compute=compute,
)
