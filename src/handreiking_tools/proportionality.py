"""Proportionaliteit (guidance step 2Ac; annex IV for the Rijk): should social return be
required in a tender, and how much? Pure functions; every figure comes from the profile or data.
"""

from __future__ import annotations

from .api import Calculator
from .fmt import eur, number, pct
from .models import (
    ADVICE_LABELS,
    BASE_LABELS,
    Alternative,
    ProfileRef,
    ProportionalityInput,
    ProportionalityResult,
    Reason,
    categories,
    cite,
    procurement,
)
from .policy import load_profile

G = "Handreiking"  # short name of the guidance in source strings


def _r(code: str, message: str, source: str) -> Reason:
    return Reason(code=code, message=message, source=source)


def _eu_threshold(inp: ProportionalityInput, authority: str, suitability_social: bool) -> tuple[float, str]:
    t = procurement().eu_thresholds
    if inp.contract_type == "werk":
        fig = t.works_eur
    elif suitability_social:
        fig = t.social_services_eur
    elif authority == "centraal":
        fig = t.central_supplies_services_eur
    else:
        fig = t.decentral_supplies_services_eur
    return fig.value, fig.cite()


def compute(inp: ProportionalityInput) -> ProportionalityResult:
    profile = load_profile(inp.profile)
    cat = categories().by_code()[inp.category]
    share_given = inp.labour_share_pct is not None
    share = inp.labour_share_pct if share_given else cat.labour_share_pct
    value = inp.contract_value_eur
    labour_cost = round(value * share / 100, 2)
    reasons: list[Reason] = []
    warnings: list[Reason] = []
    low_share = share < profile.low_labour_share_pct.value

    # 1. The advice: duration first, then size, then the kind of contract.
    min_months = profile.min_duration_months
    threshold = profile.threshold_eur
    measured = value if profile.threshold_measure == "opdrachtwaarde" else labour_cost
    measure_label = "opdrachtwaarde" if profile.threshold_measure == "opdrachtwaarde" else "loonsom"
    if inp.duration_months < min_months.value:
        advice = profile.short_duration_advice
        reasons.append(_r(
            "duur_kort",
            f"De opdracht loopt korter dan {number(min_months.value)} maanden. Bij zo'n korte opdracht is "
            "social return lastig uit te voeren en zijn doelen moeilijk te halen."
            + (" Daarom raden we het af." if advice == "niet_toepassen" else " Je kunt het wel bespreken met de leverancier."),
            min_months.cite(),
        ))
    elif measured < threshold.value:
        advice = profile.below_threshold_advice
        reasons.append(_r(
            "omvang_klein",
            f"De {measure_label} ({eur(measured)}) is lager dan {eur(threshold.value)}. Social return eisen is dan "
            "vaak niet in verhouding. Ga liever in gesprek met de leverancier over wat wel kan.",
            threshold.cite(),
        ))
    elif inp.contract_type == "levering" and low_share and profile.low_labour_supply_advice:
        advice = profile.low_labour_supply_advice
        reasons.append(_r(
            "levering_weinig_arbeid",
            f"Het is een levering met een arbeidsaandeel van {pct(share)}, minder dan "
            f"{pct(profile.low_labour_share_pct.value)}. Bij leveringen is er meestal weinig werk in de opdracht "
            "zelf; bekijk samen met de leverancier of er toch kansen zijn.",
            profile.low_labour_share_pct.cite(),
        ))
    else:
        advice = "toepassen"
        reasons.append(_r(
            "omvang_voldoende",
            f"De opdracht loopt minstens {number(min_months.value)} maanden en de {measure_label} "
            f"({eur(measured)}) is {eur(threshold.value)} of meer. Social return past bij deze omvang.",
            threshold.cite(),
        ))
        if profile.low_labour_supply_advice is None and inp.contract_type == "levering":
            reasons.append(_r(
                "levering_kansen",
                "Ook bij een levering zoek je volgens dit beleid naar kansen voor social return.",
                threshold.cite(),
            ))

    # 2. The percentage and its base.
    alternative = None
    if profile.base == "loonsom":
        fig = profile.percentage_pct
        base_amount = labour_cost
        reasons.append(_r(
            "grondslag_loonsom",
            f"Dit beleid rekent met {pct(fig.value)} van de loonsom. De loonsom schatten we op "
            f"{pct(share)} van {eur(value)} = {eur(labour_cost)}.",
            fig.cite(),
        ))
    elif low_share and profile.low_labour_percentage_pct is not None:
        fig = profile.low_labour_percentage_pct
        base_amount = value
        reasons.append(_r(
            "arbeidsaandeel_laag",
            f"Het arbeidsaandeel ({pct(share)}) is lager dan {pct(profile.low_labour_share_pct.value)}. "
            f"Vraag daarom een lager percentage: {pct(fig.value)} van de opdrachtwaarde.",
            fig.cite(),
        ))
        if profile.low_labour_alternative_pct is not None:
            alt = profile.low_labour_alternative_pct
            alt_amount = round(labour_cost * alt.value / 100, 2)
            alternative = Alternative(
                base="loonsom", percentage=alt.value, amount_eur=alt_amount,
                message=f"Of vraag {pct(alt.value)} van de loonsom ({eur(labour_cost)}): {eur(alt_amount)}.",
                source=alt.cite(),
            )
    else:
        fig = profile.percentage_pct
        base_amount = value
        reasons.append(_r(
            "percentage_standaard",
            f"Gebruikelijk is {pct(fig.value)} van de opdrachtwaarde.",
            fig.cite(),
        ))
    if inp.category in profile.category_percentages:
        fig = profile.category_percentages[inp.category]
        reasons.append(_r(
            "percentage_categorie",
            f"Dit beleid vraagt voor {cat.label.lower()} {pct(fig.value)} van de {BASE_LABELS[profile.base].lower()}.",
            fig.cite(),
        ))
    percentage = fig.value
    amount = round(base_amount * percentage / 100, 2)
    if advice == "niet_toepassen":
        percentage_out, amount_out, alternative = None, None, None
    else:
        percentage_out, amount_out = percentage, amount

    # 3. The nature of the work.
    if cat.suitability == "veel_geschikt":
        reasons.append(_r(
            "aard_veel_geschikt",
            f"Bij {cat.label.lower()} is veel werk geschikt voor mensen met een afstand tot de arbeidsmarkt. "
            "Daar is een hogere eis vaak gebruikelijk.",
            f"{G}, stap 2Ac (aard)",
        ))
    elif cat.suitability == "specialistisch":
        reasons.append(_r(
            "aard_specialistisch",
            f"{cat.label} is vaak specialistisch werk. Vraag dan eerder minder social return dan bij eenvoudiger werk. "
            "Let wel op kansen: sommige hoogwaardige ICT-taken passen bijvoorbeeld goed bij mensen met autisme.",
            f"{G}, stap 2Ac (aard)",
        ))
    if not share_given:
        warnings.append(_r(
            "arbeidsaandeel_schatting",
            f"Je vulde geen arbeidsaandeel in. We gebruiken {pct(share)}, een ruwe schatting voor "
            f"{cat.label.lower()}. Vul je eigen cijfer in voor een betere uitkomst.",
            cite(cat.source),
        ))

    # 4. Framework agreement.
    if inp.framework_agreement:
        reasons.append(_r(
            "raamovereenkomst",
            "Leg de verplichting vast op de raamovereenkomst als geheel, niet op elke nadere opdracht. "
            "Dat geeft de leverancier meer ruimte en scheelt werk bij elke minicompetitie.",
            f"{G}, stap 2Ac (praktijkvoorbeeld bundeling)",
        ))

    # 5. Instruments.
    instruments: list[Reason] = []
    law = procurement()
    if advice != "niet_toepassen":
        instruments += [
            _r("contractvoorwaarde", "Contractvoorwaarde: de leverancier belooft een deel van de "
               f"{BASE_LABELS[profile.base].lower()} aan social return te besteden. Dit wordt het meest gebruikt.",
               f"{G}, stap 2Ac (uitvragen)"),
            _r("gunningscriterium", "Gunningscriterium: inschrijvers krijgen punten voor hun plan voor social return.",
               f"{G}, stap 2Ac (uitvragen)"),
            _r("minimumeis", "Minimumeis of geschiktheidseis: een ondergrens waaraan elke inschrijver moet voldoen.",
               f"{G}, stap 2Ac (uitvragen)"),
            _r("combinatie", "Een combinatie, bijvoorbeeld een minimumeis met een gunningscriterium erbovenop.",
               f"{G}, stap 2Ac (uitvragen)"),
        ]
    if cat.suitability == "veel_geschikt":
        staff = law.reserved_contract_min_staff_pct
        instruments.append(_r(
            "voorbehouden_opdracht",
            "Spoor 1, voorbehouden opdracht: laat alleen sociale werkplaatsen of sociale ondernemingen inschrijven "
            f"waarvan minstens {pct(staff.value)} van het personeel een afstand tot de arbeidsmarkt heeft.",
            staff.cite(),
        ))
    eu_value, eu_source = _eu_threshold(inp, profile.authority, cat.code == "zorg_welzijn")
    if value >= eu_value:
        lot_fig = law.lots_exempt_works_eur if inp.contract_type == "werk" else law.lots_exempt_services_supplies_eur
        share_fig = law.lots_exempt_max_share_pct
        instruments.append(_r(
            "percelen",
            "Spoor 1, percelen: deel de opdracht op en gun een of meer kleine percelen direct aan een sociaal "
            f"ondernemer. Percelen tot {eur(lot_fig.value)} mogen, samen tot {pct(share_fig.value)} van de "
            "totale waarde, buiten de Europese procedure blijven.",
            lot_fig.cite(),
        ))
    else:
        instruments.append(_r(
            "onderhands",
            f"Spoor 1, onder de Europese drempel ({eur(eu_value)}): je kunt sociaal ondernemers zelf uitnodigen "
            "om een offerte te doen, binnen je eigen inkoopbeleid.",
            eu_source,
        ))

    # 6. Always: do not prescribe the target group.
    warnings.append(_r(
        "doelgroep_niet_voorschrijven",
        "Schrijf de doelgroep banenafspraak niet voor in het bestek: dat kan discrimineren en is niet altijd in "
        "verhouding. Leg je voorkeur uit in een leidraad met spelregels, in de marktconsultatie en in het gesprek na gunning.",
        f"{G}, stap 2Ad",
    ))

    jobs = None
    if profile.cost_per_job_year_eur is not None and amount_out is not None:
        years = inp.duration_months / 12
        cost = profile.cost_per_job_year_eur
        jobs = round(amount_out / (cost.value * years), 2) if years else None
        if jobs is not None:
            # The profile's own cost per job-year turns the amount into jobs; say how, with its source.
            reasons.append(_r(
                "banen_schatting",
                f"Dit beleid rekent met {eur(cost.value)} per baan per jaar. {eur(amount_out)} over "
                f"{number(years, 0 if years.is_integer() else 1)} jaar is dan ongeveer "
                f"{number(jobs, 1).removesuffix(',0')} {'baan' if jobs == 1 else 'banen'} per jaar.",
                cost.cite(),
            ))

    label = ADVICE_LABELS[advice]
    if amount_out is None:
        summary = f"{label}."
    else:
        summary = (f"{label}: {pct(percentage)} van de {BASE_LABELS[profile.base].lower()} is "
                   f"{eur(amount)} over de hele looptijd.")
    return ProportionalityResult(
        advice=advice, advice_label=label, base=profile.base, base_label=BASE_LABELS[profile.base],
        percentage=percentage_out, amount_eur=amount_out, labour_share_pct=share,
        labour_share_from_category=not share_given, labour_cost_eur=labour_cost, alternative=alternative,
        jobs_estimate=jobs, reasons=reasons, instruments=instruments, warnings=warnings, summary=summary,
        profile=ProfileRef.of(profile),
    )


CALCULATOR = Calculator(
    name="proportionaliteit",
    title="Proportionaliteit van social return",
    input_model=ProportionalityInput,
    compute=compute,
)
