"""Wat moet ik leveren?: turn a social-return obligation into jobs of 25,5 hours, hours and candidates.

Pure functions. Every figure (hours per job, the valuation table, a PSO discount) comes from data with
its source: data/quota_letter_2022.json, data/social_return.json and the policy profile.
"""

from __future__ import annotations

from math import fsum

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from ...fmt import eur, number, pct
from ...profile import PSO_STEP_LABELS
from ...sources import Reason, cite
from ..quota.letter import quota_letter
from .models import CandidateLine, DeliveryInput, DeliveryResult, GroupOption, Mix, TableValue, social_return

BASE_PHRASES = {"opdrachtwaarde": "de opdrachtwaarde", "loonsom": "de loonsom"}


def jobs_text(value: float) -> str:
    """Jobs with at most one decimal: 2.1176 -> '2,1', 3.0 -> '3'."""
    return number(value, 1).removesuffix(",0")


Problem = tuple[tuple[str | int, ...], str, str]


def _fail(problems: list[Problem]) -> None:
    """Raise the combination errors as one ValidationError; api.run turns it into field errors."""
    if problems:
        raise ValidationError.from_exception_data(
            "DeliveryInput",
            [InitErrorDetails(type=PydanticCustomError(kind, msg), loc=loc, input=None) for loc, kind, msg in problems],
        )


def check(inp: DeliveryInput) -> None:
    """Which fields go together: an amount, or a percentage with the amount it applies to."""
    problems: list[Problem] = []
    from_pct = inp.percentage_pct is not None or inp.base_amount_eur is not None
    if inp.obligation_eur is not None and from_pct:
        field = "percentage_pct" if inp.percentage_pct is not None else "base_amount_eur"
        problems.append(((field,), "nl_conflict",
                         "Vul het bedrag van de verplichting in óf een percentage met het bedrag waarover het gaat, "
                         "niet allebei."))
    elif inp.obligation_eur is None and not from_pct:
        problems.append((("obligation_eur",), "nl_missing",
                         "Vul het bedrag van de verplichting in, of een percentage met het bedrag waarover het gaat."))
    elif inp.obligation_eur is None:
        if inp.percentage_pct is None:
            problems.append((("percentage_pct",), "nl_missing", "Vul ook het percentage in, bijvoorbeeld 5%."))
        if inp.base_amount_eur is None:
            problems.append((("base_amount_eur",), "nl_missing",
                             "Vul ook het bedrag in waarover het percentage gaat, bijvoorbeeld € 1.200.000."))
    elif inp.obligation_eur <= 0:
        problems.append((("obligation_eur",), "nl_too_small", "Het bedrag van de verplichting moet groter zijn dan € 0."))
    table = social_return().valuation_example
    for i, c in enumerate(inp.candidates):
        if c.value_eur is None and c.group not in table.values_eur:
            problems.append((("candidates", i, "value_eur"), "nl_missing",
                             "Deze doelgroep staat niet in de voorbeeldtabel. Vul de waarde uit de tabel van je "
                             "opdrachtgever in."))
    _fail(problems)


def compute(inp: DeliveryInput) -> DeliveryResult:
    check(inp)
    data = social_return()
    letter = quota_letter()
    week = letter.hours_per_job_week
    year = letter.hours_per_job_year
    table = data.valuation_example
    labels = data.target_groups.labels()
    profile = inp.policy
    reasons: list[Reason] = []
    warnings: list[Reason] = []

    # 1. The obligation in euros.
    if inp.obligation_eur is not None:
        before = inp.obligation_eur
        how = f"De verplichting is {eur(before)}."
    else:
        assert inp.percentage_pct is not None and inp.base_amount_eur is not None  # guaranteed by check()
        before = inp.percentage_pct / 100 * inp.base_amount_eur
        how = (f"{pct(inp.percentage_pct, 2)} van {BASE_PHRASES[inp.base]} van {eur(inp.base_amount_eur)} is "
               f"{eur(before)}.")
    reasons.append(Reason(code="verplichting", message=how, source="Jouw invoer (de opdracht)"))

    # 2. A discount for a step on the PSO ladder, only where the policy says so.
    reduction = 0.0
    if inp.pso_step != "geen":
        step = PSO_STEP_LABELS[inp.pso_step]
        fig = profile.pso_reduction_pct.get(inp.pso_step)
        if fig is not None and fig.value > 0:
            reduction = fig.value
            reasons.append(Reason.of(
                "pso_korting",
                f"Je bedrijf heeft {step} op de PSO. Het beleid '{profile.label}' geeft daarvoor {pct(reduction, 2)} "
                f"korting: je verplichting wordt {eur(before * (1 - reduction / 100))}.", fig.source))
        else:
            warnings.append(Reason.of(
                "pso_geen_korting",
                f"Je koos {step} op de PSO. Het beleid '{profile.label}' noemt geen korting voor de PSO, dus de "
                "rekenhulp rekent er geen. Sommige opdrachtgevers geven wel korting: vraag het na bij je opdrachtgever.",
                data.pso_discount_practice))
    obligation = before * (1 - reduction / 100)

    years = inp.duration_months / 12 if inp.duration_months is not None else None
    per_year = obligation / years if years else None

    reasons.append(Reason.of(
        "baan", f"Een baan is {jobs_text(week.value)} uur per week, zoals bij de banenafspraak. Dat is "
        f"{number(year.value)} uur per jaar.", week.source, year.source))
    reasons.append(Reason.of(
        "bouwblokken", "Veel gemeenten rekenen met bouwblokken: elke doelgroep heeft een vaste waarde per voltijd "
        "jaar.", data.method))
    reasons.append(Reason(
        code="voorbeeldtabel", source=cite(table.source), page=table.source.page or "", estimate=True,
        message=f"De bedragen per doelgroep zijn een eigen voorbeeld (een schatting van deze site), geen tabel van een "
                f"gemeente. Een voltijd jaar is in dit voorbeeld {jobs_text(table.hours_per_week.value)} uur per week. "
                "Vraag je opdrachtgever om de eigen tabel en vul die waarde per kandidaat in."))

    # 3. What the obligation means with candidates of one target group only.
    full = table.hours_per_week.value
    options: list[GroupOption] = []
    for group in data.target_groups.groups:
        value = table.values_eur.get(group.code)
        if value is None:
            continue
        per_job_year = value * week.value / full
        job_years = obligation / per_job_year
        options.append(GroupOption(
            group=group.code, label=group.label, value_per_job_year_eur=per_job_year, job_years=job_years,
            hours=job_years * year.value, jobs_per_year=job_years / years if years else None))

    # 4. The candidates you have in mind, added up.
    mix = None
    if inp.candidates:
        lines: list[CandidateLine] = []
        for i, c in enumerate(inp.candidates):
            hours_week = c.hours_per_week if c.hours_per_week is not None else week.value
            months = c.months if c.months is not None else 12.0
            bonuses = c.bonuses or 0
            own = c.value_eur is not None
            base_value = c.value_eur if c.value_eur is not None else table.values_eur[c.group]
            value_year = base_value if own else base_value + bonuses * table.bonus_eur
            hours = hours_week * (year.value / week.value) * months / 12
            lines.append(CandidateLine(
                row=i + 1, group=c.group, label=labels[c.group], hours_per_week=hours_week, months=months,
                bonuses=bonuses, value_per_year_eur=value_year, own_value=own, hours=hours,
                job_years=hours / year.value, value_eur=value_year * hours_week / full * months / 12))
            if own and bonuses:
                warnings.append(Reason(
                    code="toeslag_in_eigen_waarde", source="Rekenhulp Wat moet ik leveren?",
                    message=f"Kandidaat {i + 1}: je vulde een eigen waarde in. De rekenhulp telt de extra kenmerken dan "
                            "niet apart; tel de toeslag van je opdrachtgever op bij de eigen waarde."))
        total = fsum(line.value_eur for line in lines)
        left = max(obligation - total, 0.0)
        surplus = max(total - obligation, 0.0)
        covered = total / obligation * 100 if obligation > 0 else 100.0
        if left > 0:
            first = options[0] if options else None
            extra = (f" Dat is bijvoorbeeld nog {jobs_text(left / first.value_per_job_year_eur)} baan van "
                     f"{jobs_text(week.value)} uur voor een jaar met iemand uit de groep '{first.label}'."
                     if first else "")
            message = (f"Met deze kandidaten vul je {eur(total)} in: {pct(covered)} van de verplichting. Er blijft "
                       f"{eur(left)} over.{extra}")
        else:
            message = (f"Met deze kandidaten vul je {eur(total)} in: {pct(covered)} van de verplichting. Daarmee voldoe "
                       "je" + (f", met {eur(surplus)} extra." if surplus > 0 else "."))
        if any(line.bonuses for line in lines if not line.own_value):
            reasons.append(Reason(
                code="toeslag", source=cite(table.source), page=table.source.page or "", estimate=True,
                message=f"Elk extra kenmerk telt {eur(table.bonus_eur)} per voltijd jaar, naar verhouding van de uren en "
                        "maanden, net als de waarde van de doelgroep. Zo rekent deze site (een schatting van deze "
                        "site); controleer het bij je opdrachtgever."))
        mix = Mix(lines=lines, value_eur=total, hours=fsum(line.hours for line in lines),
                  job_years=fsum(line.job_years for line in lines), covered_pct=covered, left_eur=left,
                  surplus_eur=surplus, message=message)

    if options:
        first = options[0]
        summary = (f"Je verplichting is {eur(obligation)}. Met alleen mensen uit de groep '{first.label}' is dat "
                   f"{jobs_text(first.job_years)} {'baan' if jobs_text(first.job_years) == '1' else 'banen'} van "
                   f"{jobs_text(week.value)} uur voor een jaar ({number(first.hours)} uur), volgens de voorbeeldtabel.")
    else:
        summary = f"Je verplichting is {eur(obligation)}."
    if per_year is not None:
        summary += f" Over de looptijd is dat {eur(per_year)} per jaar."
    if mix is not None:
        summary += f" Met de kandidaten die je invulde, vul je {pct(mix.covered_pct)} van de verplichting in."

    return DeliveryResult(
        obligation_eur=obligation, obligation_before_pso_eur=before, pso_reduction_pct=reduction, how=how,
        years=years, per_year_eur=per_year, hours_per_job_week=week.value, hours_per_job_year=year.value,
        table_label=table.label, table_example=table.example, table_note=table.note,
        table_hours_per_week=full, bonus_eur=table.bonus_eur, bonus_labels=list(table.bonus_labels),
        table_values=[TableValue(group=g.code, label=g.label, value_eur=table.values_eur[g.code])
                      for g in data.target_groups.groups if g.code in table.values_eur],
        options=options, mix=mix, reasons=reasons, warnings=warnings, summary=summary)
