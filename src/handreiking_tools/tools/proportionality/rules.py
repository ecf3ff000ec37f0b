"""The rules of Proportionaliteit (guidance step 2Ac): should social return be required in a tender, and how
much? Pure functions; every figure comes from the profile or data, every reason cites a source
from data (data/rules.json, the profile, data/procurement.json).

Safety rules this module keeps (tests/tools/proportionality/):
- only "toepassen" names a percentage and an amount; "overwegen" gives at most an indication that
  says the buyer decides; "niet toepassen" names neither;
- the amount is continuous and never falls as the value or the labour share rises;
- a private procedure is never suggested: below the EU threshold the Gids Proportionaliteit decides.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ...fmt import eur, jobs, money, number, pct
from ...profile import ADVICE_LABELS, BASE_LABELS, Advice, PolicyProfile, ProfileRef
from ...reference import AUTHORITY_LABELS, Authority, Category, categories, procurement
from ...sources import Reason, Source, cite, source_of
from ..quota.letter import quota_letter
from .models import Alternative, ProportionalityInput, ProportionalityResult

NAME = "proportionaliteit"
# The contracting authority inside a sentence ("Voor de centrale overheid geldt ...").
AUTHORITY_PHRASES = {
    "centraal": "de centrale overheid (het Rijk)",
    "decentraal": "een decentrale overheid (gemeente, provincie, waterschap)",
    "publiekrechtelijk": "een publiekrechtelijke instelling",
}


def _src(code: str) -> Source:
    """The source of a rule of data/rules.json that carries its own source."""
    return source_of(NAME, code)


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


def ask_percentage(profile: PolicyProfile, category: str, share: float) -> tuple[float, bool]:
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




@dataclass
class Case:
    """What every step of ``compute`` reads: the input, the profile and the figures derived from them."""

    inp: ProportionalityInput
    profile: PolicyProfile
    cat: Category
    share: float  # the labour share used: typed in, or the category's estimate
    share_given: bool
    labour_cost: float
    reasons: list[Reason] = field(default_factory=list)
    instruments: list[Reason] = field(default_factory=list)
    warnings: list[Reason] = field(default_factory=list)

    @property
    def value(self) -> float:
        return self.inp.contract_value_eur

    @property
    def low_share(self) -> bool:
        return self.share < self.profile.low_labour_share_pct.value

    @property
    def base_label(self) -> str:
        return BASE_LABELS[self.profile.base].lower()

    @property
    def cat_phrase(self) -> str:
        return _category_phrase(self.cat.label)

    @property
    def share_sources(self) -> tuple[Source, ...]:
        """Sources a figure rests on: the category's labour share is our own estimate unless typed in."""
        return () if self.share_given else (_src("arbeidsaandeel_categorie"),)

    @property
    def measured(self) -> float:
        """The amount the profile's threshold is measured on: the contract value or the labour cost."""
        return self.value if self.profile.threshold_measure == "opdrachtwaarde" else self.labour_cost

    @property
    def limit_word(self) -> str:
        t = self.profile.threshold_eur.value
        return f"{eur(t)} of meer" if self.profile.threshold_inclusive else f"meer dan {eur(t)}"


@dataclass
class Ask:
    """What social return asks: percentage and amount (only for 'toepassen'), an indication, an alternative."""

    percentage: float  # the percentage the rules arrive at, also when it is not asked
    amount: float
    percentage_out: float | None
    amount_out: float | None
    indication: float | None
    alternative: Alternative | None


def case_of(inp: ProportionalityInput) -> Case:
    profile = inp.policy
    cat = categories().by_code()[inp.category]
    share_given = inp.labour_share_pct is not None
    share = inp.labour_share_pct if inp.labour_share_pct is not None else cat.labour_share_pct
    return Case(inp=inp, profile=profile, cat=cat, share=share, share_given=share_given,
                labour_cost=round(inp.contract_value_eur * share / 100, 2))


def decide_advice(c: Case) -> Advice:
    """Step 1, the advice: duration first, then size, then the kind of contract."""
    p, inp = c.profile, c.inp
    min_months, threshold = p.min_duration_months, p.threshold_eur
    measure_label = "opdrachtwaarde" if p.threshold_measure == "opdrachtwaarde" else "loonsom"
    reached = c.measured >= threshold.value if p.threshold_inclusive else c.measured > threshold.value
    measure_sources = c.share_sources if p.threshold_measure == "loonsom" else ()
    advice: Advice
    if inp.duration_months < min_months.value:
        advice = p.short_duration_advice
        c.reasons.append(Reason.of(
            "duur_kort",
            f"De opdracht loopt korter dan {number(min_months.value)} maanden. Bij zo'n korte opdracht is "
            "social return lastig uit te voeren en zijn doelen moeilijk te halen."
            + (" Daarom raden we het af." if advice == "niet_toepassen" else
               " Je kunt het wel bespreken met de leverancier." if advice == "overwegen" else ""),
            min_months.source,
        ))
    elif not reached:
        advice = p.below_threshold_advice
        c.reasons.append(Reason.of(
            "omvang_klein",
            f"Dit beleid meet de drempel op de {measure_label}. De {measure_label} ({money(c.measured)}) is niet "
            f"{c.limit_word}. Social return eisen is dan vaak niet in verhouding. Ga liever in gesprek met de "
            "leverancier over wat wel kan.",
            threshold.source, *measure_sources,
        ))
    elif inp.contract_type == "levering" and c.low_share and p.low_labour_supply_advice:
        advice = p.low_labour_supply_advice
        c.reasons.append(Reason.of(
            "levering_weinig_arbeid",
            f"Het is een levering met een arbeidsaandeel van {pct(c.share)}, minder dan "
            f"{pct(p.low_labour_share_pct.value)}. Bij leveringen zit er meestal weinig werk in de opdracht zelf; "
            "bekijk samen met de leverancier of er toch kansen zijn.",
            p.low_labour_share_pct.source, *c.share_sources,
        ))
    else:
        advice = "toepassen"
        c.reasons.append(Reason.of(
            "omvang_voldoende",
            f"De opdracht loopt minstens {number(min_months.value)} maanden. Dit beleid meet de drempel op de "
            f"{measure_label}: die is {money(c.measured)}, {c.limit_word}. Social return past bij deze omvang.",
            threshold.source, *measure_sources,
        ))
        if p.low_labour_supply_advice is None and inp.contract_type == "levering":
            c.reasons.append(Reason.of(
                "levering_kansen", "Ook bij een levering zoek je volgens dit beleid naar kansen voor social return.",
                threshold.source,
            ))
    return advice


def share_lever(c: Case, advice: Advice) -> None:
    """When the threshold rests on our estimate of the labour share: say so and offer the lever."""
    p = c.profile
    if (p.threshold_measure != "loonsom" or c.share_given or c.inp.duration_months < p.min_duration_months.value
            or c.value <= 0):
        return
    needed = p.threshold_eur.value / c.value * 100
    if needed > 100:
        return
    needed_txt = pct(math.ceil(needed * 10) / 10)
    other = "toepassen" if advice != "toepassen" else "overwegen"
    direction = (f"vanaf een arbeidsaandeel van {needed_txt}" if advice != "toepassen"
                 else f"onder een arbeidsaandeel van {needed_txt}")
    c.reasons.append(Reason.of(
        "arbeidsaandeel_hefboom",
        f"Dit advies hangt af van de geschatte loonsom: {pct(c.share)} arbeidsaandeel is onze ruwe schatting "
        f"voor {c.cat_phrase}. {direction[0].upper()}{direction[1:]} wordt het advies '{ADVICE_LABELS[other].lower()}'. "
        "Vul het arbeidsaandeel van deze opdracht in voor een betrouwbaar advies.",
        p.threshold_eur.source, _src("arbeidsaandeel_categorie"),
    ))


def ask_of(c: Case, advice: Advice) -> Ask:
    """Step 2, the percentage and its base: only when social return is (or may be) asked."""
    p, inp = c.profile, c.inp
    percentage, lowered = ask_percentage(p, inp.category, c.share)
    base_amount = c.labour_cost if p.base == "loonsom" else c.value
    amount = round(base_amount * percentage / 100, 2)
    alternative = None
    pct_fig = p.category_percentages.get(inp.category, p.percentage_pct)
    low_edge = p.low_labour_share_pct
    if advice != "niet_toepassen":
        if inp.category in p.category_percentages:
            c.reasons.append(Reason.of(
                "percentage_categorie",
                f"Dit beleid vraagt voor {c.cat_phrase} {pct(pct_fig.value)} van de {c.base_label}.", pct_fig.source))
        elif p.base == "loonsom":
            c.reasons.append(Reason.of(
                "grondslag_loonsom",
                f"Dit beleid rekent met {pct(pct_fig.value)} van de loonsom. De loonsom is {pct(c.share)} van "
                f"{money(c.value)} = {eur(c.labour_cost)}.", pct_fig.source, *c.share_sources))
        else:
            c.reasons.append(Reason.of(
                "percentage_voorbeeld",
                f"De handreiking noemt {pct(pct_fig.value)} van de opdrachtwaarde als voorbeeld; het is geen "
                "vaste regel. Je eigen beleid kan een ander percentage noemen.", pct_fig.source))
        low = p.low_labour_percentage_pct
        if lowered and low is not None:
            c.reasons.append(Reason.of(
                "arbeidsaandeel_laag",
                f"Het arbeidsaandeel ({pct(c.share)}) is lager dan {pct(low_edge.value)}. Dan past een lager "
                f"percentage van de opdrachtwaarde (de handreiking noemt {pct(low.value)} als voorbeeld) of een "
                f"percentage van de loonsom. Wij laten het percentage geleidelijk oplopen van {pct(low.value)} "
                f"naar {pct(pct_fig.value)} met het arbeidsaandeel, zodat er geen sprong is bij "
                f"{pct(low_edge.value)}: hier {pct(percentage, 2)} van de opdrachtwaarde.",
                low.source, _src("overgang"), *c.share_sources))
            alt_fig = p.low_labour_alternative_pct
            if alt_fig is not None and advice == "toepassen":
                alt_amount = round(c.labour_cost * alt_fig.value / 100, 2)
                alternative = Alternative(
                    base="loonsom", percentage=alt_fig.value, amount_eur=alt_amount,
                    message=f"Of vraag {pct(alt_fig.value)} van de loonsom ({eur(c.labour_cost)}): {eur(alt_amount)}. "
                            "Ook die keuze noemt de handreiking bij weinig arbeid.",
                    source=cite(alt_fig.source))

    if advice == "toepassen":
        return Ask(percentage, amount, percentage, amount, None, alternative)
    indication = None
    if advice == "overwegen" and amount > 0:
        indication = amount
        c.reasons.append(Reason.of(
            "indicatie",
            f"Alleen ter indicatie: vraag je toch social return, dan is {pct(percentage, 2)} van de {c.base_label} "
            f"ongeveer {eur(amount)} over de hele looptijd. Dit is geen eis en geen belofte: jij als "
            "opdrachtgever beslist of je social return vraagt en hoeveel.",
            pct_fig.source, *c.share_sources))
    return Ask(percentage, amount, None, None, indication, alternative)


def nature_of_work(c: Case, advice: Advice) -> None:
    """Step 3, the nature of the work; and a warning when the labour share is our estimate."""
    if advice != "niet_toepassen" and c.cat.suitability == "veel_geschikt":
        c.reasons.append(Reason.of(
            "aard_veel_geschikt",
            f"Bij {c.cat_phrase} is veel werk geschikt voor mensen met een afstand tot de arbeidsmarkt. "
            "Daar is een hogere vraag vaak gangbaar.", _src("aard")))
    elif advice != "niet_toepassen" and c.cat.suitability == "specialistisch":
        c.reasons.append(Reason.of(
            "aard_specialistisch",
            f"{c.cat.label} is vaak specialistisch werk. Vraag dan eerder minder social return dan bij eenvoudiger "
            "werk. Let wel op kansen: sommige hoogwaardige ICT-taken passen bijvoorbeeld goed bij mensen met autisme.",
            _src("aard")))
    if not c.share_given:
        c.warnings.append(Reason.of(
            "arbeidsaandeel_schatting",
            f"Je vulde geen arbeidsaandeel in. We gebruiken {pct(c.share)}, een ruwe schatting voor {c.cat_phrase}. "
            "Vul je eigen cijfer in voor een betere uitkomst.", _src("arbeidsaandeel_categorie")))


def framework_agreement(c: Case, advice: Advice) -> None:
    """Step 4, a framework agreement: the obligation on the agreement as a whole."""
    if c.inp.framework_agreement and advice != "niet_toepassen":
        c.reasons.append(Reason.of(
            "raamovereenkomst",
            "Leg de verplichting vast op de raamovereenkomst als geheel, niet op elke nadere opdracht. "
            "Dat geeft de leverancier meer ruimte en scheelt werk bij elke minicompetitie.", _src("bundeling")))


def instruments_of(c: Case, advice: Advice) -> None:
    """Step 5, the instruments that fit: how to ask, track 1 and the procedure by the EU threshold."""
    law = procurement()
    if advice != "niet_toepassen":
        uit = _src("uitvragen")
        c.instruments += [
            Reason.of("contractvoorwaarde", "Contractvoorwaarde: de leverancier belooft een deel van de "
                      f"{c.base_label} aan social return te besteden. Dit wordt het meest gebruikt.", uit),
            Reason.of("gunningscriterium", "Gunningscriterium: inschrijvers krijgen punten voor hun plan voor "
                      "social return.", uit),
            Reason.of("minimumeis", "Minimumeis of geschiktheidseis: een ondergrens waaraan elke inschrijver "
                      "moet voldoen.", uit),
            Reason.of("combinatie", "Een combinatie, bijvoorbeeld een minimumeis met een gunningscriterium "
                      "erbovenop.", uit),
        ]
    if c.cat.suitability == "veel_geschikt":
        staff = law.reserved_contract_min_staff_pct
        c.instruments.append(Reason.of(
            "voorbehouden_opdracht",
            "Spoor 1, voorbehouden opdracht: laat alleen sociale werkplaatsen of sociale ondernemingen inschrijven "
            f"waarvan minstens {pct(staff.value)} van het personeel een afstand tot de arbeidsmarkt heeft.",
            staff.source))


def eu_procedure(c: Case) -> tuple[Authority, float, str]:
    """Step 5b, the EU threshold for this contract and authority; returns (authority, threshold, its label)."""
    inp, law = c.inp, procurement()
    authority: Authority = inp.authority_type or c.profile.authority
    social = inp.social_services if inp.social_services is not None else c.cat.code == "zorg_welzijn"
    eu_value, eu_label, eu_source = eu_threshold(inp.contract_type, authority, social)
    authority_note = ("" if inp.authority_type else
                      " Die soort dienst volgt uit het beleid; kies bij de invoer een andere als die niet klopt.")
    implied_social = social and inp.social_services is None and inp.contract_type != "werk"
    eu_sources = (eu_source, _src("sociale_diensten")) if implied_social else (eu_source,)
    eu_intro = (f"Voor {AUTHORITY_PHRASES[authority]} geldt de Europese drempel voor {eu_label}: {eur(eu_value)}. "
                f"De opdracht ({money(c.value)}) ")
    if c.value >= eu_value:
        lot_fig = law.lots_exempt_works_eur if inp.contract_type == "werk" else law.lots_exempt_services_supplies_eur
        c.reasons.append(Reason.of(
            "eu_drempel_boven",
            eu_intro + f"is {eur(eu_value)} of meer: een Europese aanbesteding is verplicht.{authority_note}", *eu_sources))
        c.instruments.append(Reason.of(
            "percelen",
            "Spoor 1, percelen: deel de opdracht op en gun een of meer kleine percelen direct aan een sociaal "
            f"ondernemer. Percelen tot {eur(lot_fig.value)} mogen, samen tot {pct(law.lots_exempt_max_share_pct.value)} "
            "van de totale waarde, buiten de Europese procedure blijven.", lot_fig.source))
    else:
        c.reasons.append(Reason.of("eu_drempel_onder", eu_intro + f"ligt daaronder.{authority_note}", *eu_sources))
        c.instruments.append(Reason.of(
            "procedurekeuze",
            "Onder de Europese drempel kies je de procedure (openbaar of onderhands) met je eigen inkoopbeleid en de "
            "Gids Proportionaliteit. De bedragen in de Gids zijn richtbedragen, geen wet; deze rekenhulp noemt ze "
            "niet. Kijk in de Gids of sociaal ondernemers zelf uitnodigen (onderhands) past bij deze opdracht, "
            "voordat je dat doet.", law.procedure_guide))
    return authority, eu_value, eu_label


def target_group_warning(c: Case) -> None:
    """Step 6, always: do not prescribe the target group."""
    c.warnings.append(Reason.of(
        "doelgroep_niet_voorschrijven",
        "Schrijf de doelgroep banenafspraak niet voor in het bestek: dat kan discrimineren en is niet altijd in "
        "verhouding. Leg je voorkeur uit in een leidraad met spelregels, in de marktconsultatie en in het gesprek "
        "na gunning.", _src("doelgroep")))


def jobs_estimate(c: Case, amount: float | None) -> float | None:
    """Step 7, jobs: only with a cost per job-year whose weekly hours are known, in jobs of 25,5 hours."""
    cost = c.profile.cost_per_job_year_eur
    if cost is None or amount is None:
        return None
    job_week = quota_letter().hours_per_job_week
    years = c.inp.duration_months / 12
    basis = c.profile.cost_per_job_hours_per_week
    if basis is None or basis.value <= 0:
        c.reasons.append(Reason.of(
            "banen_niet_omgerekend",
            f"Dit beleid noemt {eur(cost.value)} per baan per jaar, maar niet voor hoeveel uur per week. "
            f"Een baan in de banenafspraak is {jobs(job_week.value)} uur per week; "
            "zonder urenbasis rekenen we het bedrag daarom niet om naar banen.", cost.source))
        return None
    cost_per_job = cost.value * job_week.value / basis.value
    n = round(amount / (cost_per_job * years), 2)
    hours = jobs(job_week.value)
    c.reasons.append(Reason.of(
        "banen_schatting",
        f"Dit beleid rekent met {eur(cost.value)} per jaar voor een baan van {jobs(basis.value)} "
        f"uur per week. Voor een baan van {hours} uur (de maat van de banenafspraak) is dat {eur(cost_per_job)}. "
        f"{eur(amount)} over {number(years, 0 if years.is_integer() else 1)} jaar is dan ongeveer "
        f"{jobs(n)} {'baan' if n == 1 else 'banen'} van {hours} uur per jaar.",
        cost.source, basis.source, job_week.source))
    return n


def summary_of(c: Case, advice: Advice, ask: Ask) -> str:
    label = ADVICE_LABELS[advice]
    if ask.amount_out is None:
        summary = f"{label}."
        if ask.indication is not None:
            summary += f" Ter indicatie, als je toch social return vraagt: ongeveer {eur(ask.indication)}. Jij beslist."
        return summary
    return f"{label}: {pct(ask.percentage, 2)} van de {c.base_label} is {eur(ask.amount)} over de hele looptijd."


def compute(inp: ProportionalityInput) -> ProportionalityResult:
    """The advice with its reasons, instruments and warnings, step by step (the order is the order shown)."""
    c = case_of(inp)
    advice = decide_advice(c)
    share_lever(c, advice)
    ask = ask_of(c, advice)
    nature_of_work(c, advice)
    framework_agreement(c, advice)
    instruments_of(c, advice)
    authority, eu_value, eu_label = eu_procedure(c)
    target_group_warning(c)
    n_jobs = jobs_estimate(c, ask.amount_out)
    p = c.profile
    return ProportionalityResult(
        advice=advice, advice_label=ADVICE_LABELS[advice], base=p.base, base_label=BASE_LABELS[p.base],
        percentage=ask.percentage_out, amount_eur=ask.amount_out, indication_eur=ask.indication,
        threshold_measure=p.threshold_measure, threshold_measure_label=BASE_LABELS[p.threshold_measure],
        authority=authority, authority_label=AUTHORITY_LABELS[authority], eu_threshold_eur=eu_value,
        eu_threshold_label=eu_label,
        labour_share_pct=c.share, labour_share_from_category=not c.share_given, labour_cost_eur=c.labour_cost,
        alternative=ask.alternative, jobs_estimate=n_jobs, reasons=c.reasons, instruments=c.instruments,
        warnings=c.warnings, summary=summary_of(c, advice, ask), profile=ProfileRef.of(p),
    )
