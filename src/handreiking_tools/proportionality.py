"""Proportionaliteit (guidance step 2Ac): should social return be required in a tender, and how
much? Pure functions; every figure comes from the profile or data, every reason cites a source
from data (data/rules.json, the profile, data/procurement.json).

Safety rules this module keeps (tests/test_proportionality.py, tests/test_advice_properties.py):
- only "toepassen" names a percentage and an amount; "overwegen" gives at most an indication that
  says the buyer decides; "niet toepassen" names neither;
- the amount is continuous and never falls as the value or the labour share rises;
- a private procedure is never suggested: below the EU threshold the Gids Proportionaliteit decides.
"""

from __future__ import annotations

import math

from .api import Calculator
from .fmt import eur, number, pct
from .models import (
    ADVICE_LABELS,
    AUTHORITY_LABELS,
    BASE_LABELS,
    Alternative,
    ProfileRef,
    ProportionalityInput,
    ProportionalityResult,
    Reason,
    Source,
    categories,
    cite,
    procurement,
)
from .policy import load_profile
from .rules import source_of

NAME = "proportionaliteit"
# The contracting authority inside a sentence ("Voor de centrale overheid geldt ...").
AUTHORITY_PHRASES = {
    "centraal": "de centrale overheid (het Rijk)",
    "decentraal": "een decentrale overheid (gemeente, provincie, waterschap)",
    "publiekrechtelijk": "een publiekrechtelijke instelling",
}


def _src(code: str, profile=None) -> Source:
    return source_of(NAME, code, profile)


def _category_phrase(label: str) -> str:
    """A category label inside a sentence: lower case, but proper names (Wmo, ICT) kept."""
    words = label.split(" ")
    first = words[0]
    if not (first.isupper() or "-" in first and first.split("-")[0].isupper()):
        words[0] = first.lower()
    return " ".join(words)


def eu_threshold(contract_type: str, authority: str, social: bool) -> tuple[float, str, Source]:
    """The EU threshold (value, Dutch label, source) for this contract and contracting authority."""
    t = procurement().eu_thresholds
    if contract_type == "werk":
        return t.works_eur.value, "werken", t.works_eur.source
    if social:
        return t.social_services_eur.value, "sociale en andere specifieke diensten", t.social_services_eur.source
    if authority == "centraal":
        return (t.central_supplies_services_eur.value, "leveringen en diensten van de centrale overheid",
                t.central_supplies_services_eur.source)
    return (t.decentral_supplies_services_eur.value,
            "leveringen en diensten van decentrale overheden en publiekrechtelijke instellingen",
            t.decentral_supplies_services_eur.source)


def ask_percentage(profile, category: str, share: float) -> tuple[float, bool]:
    """The percentage of the profile's base to ask, and whether the low-labour rule lowered it.

    On the contract value, below the profile's low-labour edge the percentage runs from the low
    percentage up to the normal one in proportion to the labour share, so there is no cliff at the
    edge and the ask never falls as the labour share rises (the transition is our own choice).
    """
    fig = profile.category_percentages.get(category, profile.percentage_pct)
    normal = fig.value
    edge = profile.low_labour_share_pct.value
    low = profile.low_labour_percentage_pct
    if profile.base == "loonsom" or low is None or share >= edge or edge <= 0:
        return normal, False
    scaled = max(min(low.value, normal), normal * share / edge)
    return min(scaled, normal), scaled < normal


def compute(inp: ProportionalityInput) -> ProportionalityResult:
    profile = load_profile(inp.profile)
    cat = categories().by_code()[inp.category]
    share_given = inp.labour_share_pct is not None
    share = inp.labour_share_pct if share_given else cat.labour_share_pct
    value = inp.contract_value_eur
    labour_cost = round(value * share / 100, 2)
    reasons: list[Reason] = []
    warnings: list[Reason] = []
    instruments: list[Reason] = []
    low_edge = profile.low_labour_share_pct
    low_share = share < low_edge.value
    base_label = BASE_LABELS[profile.base].lower()
    cat_phrase = _category_phrase(cat.label)
    share_src = _src("arbeidsaandeel_categorie")
    # Sources a figure rests on: the category's labour share is our own estimate unless typed in.
    share_sources = () if share_given else (share_src,)

    # 1. The advice: duration first, then size, then the kind of contract.
    min_months = profile.min_duration_months
    threshold = profile.threshold_eur
    measure = profile.threshold_measure
    measure_label = "opdrachtwaarde" if measure == "opdrachtwaarde" else "loonsom"
    measured = value if measure == "opdrachtwaarde" else labour_cost
    reached = measured >= threshold.value if profile.threshold_inclusive else measured > threshold.value
    limit_word = f"{eur(threshold.value)} of meer" if profile.threshold_inclusive else f"meer dan {eur(threshold.value)}"
    measure_sources = share_sources if measure == "loonsom" else ()
    if inp.duration_months < min_months.value:
        advice = profile.short_duration_advice
        reasons.append(Reason.of(
            "duur_kort",
            f"De opdracht loopt korter dan {number(min_months.value)} maanden. Bij zo'n korte opdracht is "
            "social return lastig uit te voeren en zijn doelen moeilijk te halen."
            + (" Daarom raden we het af." if advice == "niet_toepassen" else
               " Je kunt het wel bespreken met de leverancier." if advice == "overwegen" else ""),
            min_months.source,
        ))
    elif not reached:
        advice = profile.below_threshold_advice
        reasons.append(Reason.of(
            "omvang_klein",
            f"Dit beleid meet de drempel op de {measure_label}. De {measure_label} ({eur(measured)}) is niet "
            f"{limit_word}. Social return eisen is dan vaak niet in verhouding. Ga liever in gesprek met de "
            "leverancier over wat wel kan.",
            threshold.source, *measure_sources,
        ))
    elif inp.contract_type == "levering" and low_share and profile.low_labour_supply_advice:
        advice = profile.low_labour_supply_advice
        reasons.append(Reason.of(
            "levering_weinig_arbeid",
            f"Het is een levering met een arbeidsaandeel van {pct(share)}, minder dan {pct(low_edge.value)}. "
            "Bij leveringen zit er meestal weinig werk in de opdracht zelf; bekijk samen met de leverancier of "
            "er toch kansen zijn.",
            low_edge.source, *share_sources,
        ))
    else:
        advice = "toepassen"
        reasons.append(Reason.of(
            "omvang_voldoende",
            f"De opdracht loopt minstens {number(min_months.value)} maanden. Dit beleid meet de drempel op de "
            f"{measure_label}: die is {eur(measured)}, {limit_word}. Social return past bij deze omvang.",
            threshold.source, *measure_sources,
        ))
        if profile.low_labour_supply_advice is None and inp.contract_type == "levering":
            reasons.append(Reason.of(
                "levering_kansen", "Ook bij een levering zoek je volgens dit beleid naar kansen voor social return.",
                threshold.source,
            ))

    # The measure rests on our estimate of the labour share: say so and offer the lever.
    if measure == "loonsom" and not share_given and inp.duration_months >= min_months.value and value > 0:
        needed = threshold.value / value * 100
        if needed <= 100:
            needed_txt = pct(math.ceil(needed * 10) / 10)
            other = "toepassen" if advice != "toepassen" else "overwegen"
            direction = f"vanaf een arbeidsaandeel van {needed_txt}" if advice != "toepassen" else f"onder een arbeidsaandeel van {needed_txt}"
            reasons.append(Reason.of(
                "arbeidsaandeel_hefboom",
                f"Dit advies hangt af van de geschatte loonsom: {pct(share)} arbeidsaandeel is onze ruwe schatting "
                f"voor {cat_phrase}. {direction[0].upper()}{direction[1:]} wordt het advies '{ADVICE_LABELS[other].lower()}'. "
                "Vul het arbeidsaandeel van deze opdracht in voor een betrouwbaar advies.",
                threshold.source, share_src,
            ))

    # 2. The percentage and its base: only when social return is (or may be) asked.
    percentage, lowered = ask_percentage(profile, inp.category, share)
    base_amount = labour_cost if profile.base == "loonsom" else value
    amount = round(base_amount * percentage / 100, 2)
    alternative = None
    pct_fig = profile.category_percentages.get(inp.category, profile.percentage_pct)
    if advice != "niet_toepassen":
        if inp.category in profile.category_percentages:
            reasons.append(Reason.of(
                "percentage_categorie",
                f"Dit beleid vraagt voor {cat_phrase} {pct(pct_fig.value)} van de {base_label}.", pct_fig.source))
        elif profile.base == "loonsom":
            reasons.append(Reason.of(
                "grondslag_loonsom",
                f"Dit beleid rekent met {pct(pct_fig.value)} van de loonsom. De loonsom is {pct(share)} van "
                f"{eur(value)} = {eur(labour_cost)}.", pct_fig.source, *share_sources))
        else:
            reasons.append(Reason.of(
                "percentage_voorbeeld",
                f"De handreiking noemt {pct(pct_fig.value)} van de opdrachtwaarde als voorbeeld; het is geen "
                "vaste regel. Je eigen beleid kan een ander percentage noemen.", pct_fig.source))
        if lowered:
            low = profile.low_labour_percentage_pct
            reasons.append(Reason.of(
                "arbeidsaandeel_laag",
                f"Het arbeidsaandeel ({pct(share)}) is lager dan {pct(low_edge.value)}. Dan past een lager "
                f"percentage van de opdrachtwaarde (de handreiking noemt {pct(low.value)} als voorbeeld) of een "
                f"percentage van de loonsom. Wij laten het percentage geleidelijk oplopen van {pct(low.value)} "
                f"naar {pct(pct_fig.value)} met het arbeidsaandeel, zodat er geen sprong is bij "
                f"{pct(low_edge.value)}: hier {pct(percentage, 2)} van de opdrachtwaarde.",
                low.source, _src("overgang"), *share_sources))
            alt_fig = profile.low_labour_alternative_pct
            if alt_fig is not None and advice == "toepassen":
                alt_amount = round(labour_cost * alt_fig.value / 100, 2)
                alternative = Alternative(
                    base="loonsom", percentage=alt_fig.value, amount_eur=alt_amount,
                    message=f"Of vraag {pct(alt_fig.value)} van de loonsom ({eur(labour_cost)}): {eur(alt_amount)}. "
                            "Ook die keuze noemt de handreiking bij weinig arbeid.",
                    source=cite(alt_fig.source))

    indication = None
    if advice == "toepassen":
        percentage_out, amount_out = percentage, amount
    else:
        percentage_out, amount_out = None, None
        if advice == "overwegen" and amount > 0:
            indication = amount
            reasons.append(Reason.of(
                "indicatie",
                f"Alleen ter indicatie: vraag je toch social return, dan is {pct(percentage, 2)} van de {base_label} "
                f"ongeveer {eur(amount)} over de hele looptijd. Dit is geen eis en geen belofte: jij als "
                "opdrachtgever beslist of je social return vraagt en hoeveel.",
                pct_fig.source, *share_sources))

    # 3. The nature of the work.
    if advice != "niet_toepassen" and cat.suitability == "veel_geschikt":
        reasons.append(Reason.of(
            "aard_veel_geschikt",
            f"Bij {cat_phrase} is veel werk geschikt voor mensen met een afstand tot de arbeidsmarkt. "
            "Daar is een hogere vraag vaak gangbaar.", _src("aard")))
    elif advice != "niet_toepassen" and cat.suitability == "specialistisch":
        reasons.append(Reason.of(
            "aard_specialistisch",
            f"{cat.label} is vaak specialistisch werk. Vraag dan eerder minder social return dan bij eenvoudiger "
            "werk. Let wel op kansen: sommige hoogwaardige ICT-taken passen bijvoorbeeld goed bij mensen met autisme.",
            _src("aard")))
    if not share_given:
        warnings.append(Reason.of(
            "arbeidsaandeel_schatting",
            f"Je vulde geen arbeidsaandeel in. We gebruiken {pct(share)}, een ruwe schatting voor {cat_phrase}. "
            "Vul je eigen cijfer in voor een betere uitkomst.", share_src))

    # 4. Framework agreement.
    if inp.framework_agreement and advice != "niet_toepassen":
        reasons.append(Reason.of(
            "raamovereenkomst",
            "Leg de verplichting vast op de raamovereenkomst als geheel, niet op elke nadere opdracht. "
            "Dat geeft de leverancier meer ruimte en scheelt werk bij elke minicompetitie.", _src("bundeling")))

    # 5. Instruments.
    law = procurement()
    if advice != "niet_toepassen":
        uit = _src("uitvragen")
        instruments += [
            Reason.of("contractvoorwaarde", "Contractvoorwaarde: de leverancier belooft een deel van de "
                      f"{base_label} aan social return te besteden. Dit wordt het meest gebruikt.", uit),
            Reason.of("gunningscriterium", "Gunningscriterium: inschrijvers krijgen punten voor hun plan voor "
                      "social return.", uit),
            Reason.of("minimumeis", "Minimumeis of geschiktheidseis: een ondergrens waaraan elke inschrijver "
                      "moet voldoen.", uit),
            Reason.of("combinatie", "Een combinatie, bijvoorbeeld een minimumeis met een gunningscriterium "
                      "erbovenop.", uit),
        ]
    if cat.suitability == "veel_geschikt":
        staff = law.reserved_contract_min_staff_pct
        instruments.append(Reason.of(
            "voorbehouden_opdracht",
            "Spoor 1, voorbehouden opdracht: laat alleen sociale werkplaatsen of sociale ondernemingen inschrijven "
            f"waarvan minstens {pct(staff.value)} van het personeel een afstand tot de arbeidsmarkt heeft.",
            staff.source))
    authority = inp.authority_type or profile.authority
    social = inp.social_services if inp.social_services is not None else cat.code == "zorg_welzijn"
    eu_value, eu_label, eu_source = eu_threshold(inp.contract_type, authority, social)
    authority_note = ("" if inp.authority_type else
                      " Die soort dienst volgt uit het beleid; kies bij de invoer een andere als die niet klopt.")
    who = AUTHORITY_PHRASES[authority]
    eu_sources = (eu_source, _src("sociale_diensten")) if social and inp.social_services is None and inp.contract_type != "werk" else (eu_source,)
    eu_intro = f"Voor {who} geldt de Europese drempel voor {eu_label}: {eur(eu_value)}. De opdracht ({eur(value)}) "
    if value >= eu_value:
        lot_fig = law.lots_exempt_works_eur if inp.contract_type == "werk" else law.lots_exempt_services_supplies_eur
        share_fig = law.lots_exempt_max_share_pct
        reasons.append(Reason.of(
            "eu_drempel_boven",
            eu_intro + f"is {eur(eu_value)} of meer: een Europese aanbesteding is verplicht.{authority_note}", *eu_sources))
        instruments.append(Reason.of(
            "percelen",
            "Spoor 1, percelen: deel de opdracht op en gun een of meer kleine percelen direct aan een sociaal "
            f"ondernemer. Percelen tot {eur(lot_fig.value)} mogen, samen tot {pct(share_fig.value)} van de "
            "totale waarde, buiten de Europese procedure blijven.", lot_fig.source))
    else:
        reasons.append(Reason.of(
            "eu_drempel_onder",
            eu_intro + f"ligt daaronder.{authority_note}", *eu_sources))
        instruments.append(Reason.of(
            "procedurekeuze",
            "Onder de Europese drempel kies je de procedure (openbaar of onderhands) met je eigen inkoopbeleid en de "
            "Gids Proportionaliteit. De bedragen in de Gids zijn richtbedragen, geen wet; deze rekenhulp noemt ze "
            "niet. Kijk in de Gids of sociaal ondernemers zelf uitnodigen (onderhands) past bij deze opdracht, "
            "voordat je dat doet.", law.procedure_guide))

    # 6. Always: do not prescribe the target group.
    warnings.append(Reason.of(
        "doelgroep_niet_voorschrijven",
        "Schrijf de doelgroep banenafspraak niet voor in het bestek: dat kan discrimineren en is niet altijd in "
        "verhouding. Leg je voorkeur uit in een leidraad met spelregels, in de marktconsultatie en in het gesprek "
        "na gunning.", _src("doelgroep")))

    # 7. Jobs: only with a cost per job-year whose weekly hours are known, converted to jobs of 25,5 hours.
    jobs = None
    cost = profile.cost_per_job_year_eur
    if cost is not None and amount_out is not None:
        from .models import quota_letter

        job_week = quota_letter().hours_per_job_week
        years = inp.duration_months / 12
        basis = profile.cost_per_job_hours_per_week
        if basis is None or basis.value <= 0:
            reasons.append(Reason.of(
                "banen_niet_omgerekend",
                f"Dit beleid noemt {eur(cost.value)} per baan per jaar, maar niet voor hoeveel uur per week. "
                f"Een baan in de banenafspraak is {number(job_week.value, 1).removesuffix(',0')} uur per week; "
                "zonder urenbasis rekenen we het bedrag daarom niet om naar banen.", cost.source))
        else:
            cost_per_job = cost.value * job_week.value / basis.value
            jobs = round(amount_out / (cost_per_job * years), 2)
            hours = number(job_week.value, 1).removesuffix(",0")
            reasons.append(Reason.of(
                "banen_schatting",
                f"Dit beleid rekent met {eur(cost.value)} per jaar voor een baan van {number(basis.value, 1).removesuffix(',0')} "
                f"uur per week. Voor een baan van {hours} uur (de maat van de banenafspraak) is dat {eur(cost_per_job)}. "
                f"{eur(amount_out)} over {number(years, 0 if years.is_integer() else 1)} jaar is dan ongeveer "
                f"{number(jobs, 1).removesuffix(',0')} {'baan' if jobs == 1 else 'banen'} van {hours} uur per jaar.",
                cost.source, basis.source, job_week.source))

    label = ADVICE_LABELS[advice]
    if amount_out is None:
        summary = f"{label}."
        if indication is not None:
            summary += f" Ter indicatie, als je toch social return vraagt: ongeveer {eur(indication)}. Jij beslist."
    else:
        summary = f"{label}: {pct(percentage, 2)} van de {base_label} is {eur(amount)} over de hele looptijd."
    return ProportionalityResult(
        advice=advice, advice_label=label, base=profile.base, base_label=BASE_LABELS[profile.base],
        percentage=percentage_out, amount_eur=amount_out, indication_eur=indication,
        threshold_measure=measure, threshold_measure_label=BASE_LABELS[measure],
        authority=authority, authority_label=AUTHORITY_LABELS[authority], eu_threshold_eur=eu_value,
        eu_threshold_label=eu_label,
        labour_share_pct=share, labour_share_from_category=not share_given, labour_cost_eur=labour_cost,
        alternative=alternative, jobs_estimate=jobs, reasons=reasons, instruments=instruments, warnings=warnings,
        summary=summary, profile=ProfileRef.of(profile),
    )


CALCULATOR = Calculator(
    name=NAME,
    title="Proportionaliteit van social return",
    input_model=ProportionalityInput,
    compute=compute,
)
