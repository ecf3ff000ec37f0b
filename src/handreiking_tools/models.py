"""pydantic models: the input and the result of every calculator, and the reference data.

Every input field has a Dutch ``title`` (the form label) and ``description`` (the help text),
and bounds; the site's forms are rendered from these models, so form and validation agree.
Validators raise ``ValueError`` with a Dutch message (see errors.py); pydantic's English never
reaches a user.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Annotated, Any, Callable, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .data import load_json
from .numbers import ReadError, Unit, parse_date, parse_number


class InputModel(BaseModel):
    """Base of every calculator input: unknown fields are an error, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# ---------------------------------------------------------------------------
# Input as a person types it: numbers and dates are read the Dutch way (numbers.py) before
# pydantic checks type and bounds, so api.run takes "1.234.000,50" or "01-03-2026" as typed.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadAs:
    """Marks a field read by numbers.py, and as what: api.run shows each value back as it read it."""

    unit: str  # eur | pct | count | int | date


def _blank(value: Any) -> bool:
    return isinstance(value, str) and not value.strip(" \t\r\n\u00a0\u202f\u2009")


def _number_reader(unit: Unit, optional: bool) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if _blank(value):
            if optional:
                return None
            raise PydanticCustomError("nl_missing", "Dit veld is verplicht.")
        if not isinstance(value, str):
            return value  # a JSON number; pydantic checks it
        try:
            return parse_number(value, unit)
        except ReadError as exc:
            raise PydanticCustomError(f"nl_{exc.kind}", exc.message) from None

    return read


def _date_reader(optional: bool) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if _blank(value) or value is None:
            if optional:
                return None
            raise PydanticCustomError("nl_missing", "Dit veld is verplicht.")
        try:
            return parse_date(value)
        except ReadError as exc:
            raise PydanticCustomError(f"nl_{exc.kind}", exc.message) from None

    return read


Eur = Annotated[float, BeforeValidator(_number_reader("eur", optional=False)), ReadAs("eur")]
Count = Annotated[float, BeforeValidator(_number_reader("count", optional=False)), ReadAs("count")]
Whole = Annotated[int, BeforeValidator(_number_reader("int", optional=False)), ReadAs("int")]
OptPct = Annotated[float | None, BeforeValidator(_number_reader("pct", optional=True)), ReadAs("pct")]
OptCount = Annotated[float | None, BeforeValidator(_number_reader("count", optional=True)), ReadAs("count")]
OptWhole = Annotated[int | None, BeforeValidator(_number_reader("int", optional=True)), ReadAs("int")]


class ResultModel(BaseModel):
    """Base of every calculator result."""

    model_config = ConfigDict(extra="forbid")


class DataModel(BaseModel):
    """Base of the reference data read from data/*.json: strict about unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(DataModel):
    """Where a figure or rule comes from."""

    document: str = Field(description="Short name of the source document")
    section: str | None = Field(default=None, description="Step, page, table or article")
    url: str | None = None
    # The page on this site that explains the rule, relative to the site root ("stappen/stap-2a/#2ac").
    page: str | None = Field(default=None, pattern=r"^[a-z0-9/_#.-]+$")
    # True when the figure or rule is this site's own estimate, not something a source says.
    estimate: bool = False


ESTIMATE_NOTE = "Dit is een schatting van deze site."


class Reason(ResultModel):
    """One reason behind a result, in Dutch, with where it comes from."""

    code: str
    message: str
    source: str
    # Page on this site that explains the source ("" when there is none), and whether the reason
    # rests on this site's own estimate (then the message says so).
    page: str = ""
    estimate: bool = False

    @classmethod
    def of(cls, code: str, message: str, *sources: "Source") -> "Reason":
        """A reason resting on ``sources``: cites the first, links its page, flags any estimate."""
        estimate = any(s.estimate for s in sources)
        if estimate and "schatting van deze site" not in message:
            message = f"{message} {ESTIMATE_NOTE}"
        first = sources[0]
        page = next((s.page for s in sources if s.estimate and s.page), None) if estimate else None
        return cls(code=code, message=message, source="; ".join(dict.fromkeys(cite(s) for s in sources)),
                   page=page or first.page or "", estimate=estimate)


# ---------------------------------------------------------------------------
# Proportionaliteit (step 2Ac)
# ---------------------------------------------------------------------------
# Reference data shared by Proportionaliteit and Contractselectie: figures with a source,
# contract categories, procurement-law figures and the policy profile.

Advice = Literal["toepassen", "overwegen", "niet_toepassen"]
ADVICE_LABELS: dict[str, str] = {
    "toepassen": "Social return toepassen",
    "overwegen": "Social return overwegen (in gesprek gaan)",
    "niet_toepassen": "Social return niet toepassen",
}
Base = Literal["opdrachtwaarde", "loonsom"]
BASE_LABELS: dict[str, str] = {"opdrachtwaarde": "Opdrachtwaarde", "loonsom": "Loonsom (arbeidskosten)"}
ContractType = Literal["werk", "dienst", "levering"]
CONTRACT_TYPE_LABELS: dict[str, str] = {"werk": "Werk", "dienst": "Dienst", "levering": "Levering"}
Suitability = Literal["veel_geschikt", "gemengd", "specialistisch"]
Authority = Literal["centraal", "decentraal", "publiekrechtelijk"]
AUTHORITY_LABELS: dict[str, str] = {
    "centraal": "Centrale overheid (Rijk)",
    "decentraal": "Decentrale overheid (gemeente, provincie, waterschap)",
    "publiekrechtelijk": "Publiekrechtelijke instelling",
}


class Figure(DataModel):
    """One figure of the reference data with where it comes from."""

    value: float = Field(allow_inf_nan=False)
    source: Source

    def cite(self) -> str:
        return cite(self.source)


class Amount(Figure):
    """A figure that cannot be negative: an amount in euro, a number of months."""

    value: float = Field(ge=0, allow_inf_nan=False)


class Percent(Figure):
    """A percentage from 0 to 100."""

    value: float = Field(ge=0, le=100, allow_inf_nan=False)


# Bounds on a profile's figures: wide enough for any real policy, narrow enough that no result can
# overflow, divide by almost nothing or turn into NaN (issue 15).
MAX_PROFILE_EUR = 1_000_000_000_000


class Euros(Figure):
    """An amount in euro in a profile: from 0 to a million million."""

    value: float = Field(ge=0, le=MAX_PROFILE_EUR, allow_inf_nan=False)


class CostPerJob(Figure):
    """What one job costs a year: at least one euro, so the number of jobs stays a real number."""

    value: float = Field(ge=1, le=MAX_PROFILE_EUR, allow_inf_nan=False)


class WeekHours(Figure):
    """Hours in a week: at least one, at most the 168 hours a week has."""

    value: float = Field(ge=1, le=168, allow_inf_nan=False)


class Months(Figure):
    """A number of months in a profile: at most 100 years."""

    value: float = Field(ge=0, le=1200, allow_inf_nan=False)


class Weight(Figure):
    """A weight of a selection criterion: from 0 to 1.000."""

    value: float = Field(ge=0, le=1000, allow_inf_nan=False)


class CountFigure(Figure):
    """A whole number of contracts: from 1 to the most a list can hold."""

    value: int = Field(ge=1, le=2000)  # MAX_CONTRACTS, defined with the contract list below


def cite(source: Source) -> str:
    """'Handreiking, stap 2Ac': the short source text a reason carries."""
    return f"{source.document}, {source.section}" if source.section else source.document


class Category(DataModel):
    code: str = Field(pattern=r"^[a-z_]+$")
    label: str
    labour_share_pct: float = Field(ge=0, le=100)
    suitability: Suitability
    labour_intensive: bool
    source: Source


class CategoriesData(DataModel):
    version: str
    note: str = ""
    categories: list[Category] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> "CategoriesData":
        codes = [c.code for c in self.categories]
        if len(set(codes)) != len(codes):
            raise ValueError("Elke categorie mag maar één keer voorkomen.")
        return self

    def by_code(self) -> dict[str, Category]:
        return {c.code: c for c in self.categories}


class EuThresholds(DataModel):
    period: str
    note: str = ""
    works_eur: Figure
    central_supplies_services_eur: Figure
    decentral_supplies_services_eur: Figure
    social_services_eur: Figure


class ProcurementData(DataModel):
    version: str
    eu_thresholds: EuThresholds
    reserved_contract_min_staff_pct: Figure
    lots_exempt_services_supplies_eur: Figure
    lots_exempt_works_eur: Figure
    lots_exempt_max_share_pct: Figure
    # The Gids Proportionaliteit guides the choice of procedure below the EU thresholds. Its guide
    # amounts are not in our checked sources, so only the document is cited, never figures.
    procedure_guide: Source


@lru_cache(maxsize=1)
def categories() -> CategoriesData:
    """The contract categories of data/categories.json, validated."""
    return CategoriesData.model_validate(load_json("categories"))


@lru_cache(maxsize=1)
def procurement() -> ProcurementData:
    """EU thresholds and Aanbestedingswet figures of data/procurement.json, validated."""
    return ProcurementData.model_validate(load_json("procurement"))


def _category_schema(schema: dict[str, Any]) -> None:
    # A form shows a select with Dutch labels; the choices come from the data, not from code.
    cats = categories().categories
    schema["enum"] = [c.code for c in cats]
    schema["x-labels"] = {c.code: c.label for c in cats}


def _profile_schema(schema: dict[str, Any]) -> None:
    # The usable profiles with their Dutch labels: the shipped ones (read from their data files) and a
    # hosting organisation's own profile once registered; its default is the site's default profile.
    from . import policy  # policy imports this module

    schema["x-labels"] = {n: policy.label_of(n) for n in policy.names()}
    schema["default"] = policy.default_name()
    if policy.default_name() != policy.DEFAULT:
        schema["description"] = f"Welke regels gebruikt de rekenhulp? Standaard die van {policy.label_of(policy.default_name())}."


def _default_profile() -> str:
    from . import policy

    return policy.default_name()


def _check_category(value: str) -> str:
    known = categories().by_code()
    if value not in known:
        raise ValueError("Kies een categorie uit de lijst: " + ", ".join(c.label for c in known.values()) + ".")
    return value


class ShortlistWeights(DataModel):
    annual_value: Weight
    labour_intensive: Weight
    multi_year: Weight
    sroi_clause: Weight
    extension: Weight


class ShortlistPolicy(DataModel):
    annual_value_eur: Euros
    multi_year_min_months: Months
    route_2a_months: Months
    extension_window_months: Months
    weights: ShortlistWeights
    top_n: CountFigure

    @model_validator(mode="after")
    def _weights(self) -> "ShortlistPolicy":
        w = [f.value for f in self.weights.__dict__.values()]
        if any(v < 0 for v in w) or sum(w) <= 0:
            raise ValueError("De gewichten voor contractselectie moeten 0 of meer zijn en samen meer dan 0.")
        return self


PsoStep = Literal["aspirant", "trede_1", "trede_2", "trede_3"]
PSO_STEP_LABELS: dict[str, str] = {"aspirant": "Aspirant-status", "trede_1": "Trede 1", "trede_2": "Trede 2",
                                   "trede_3": "Trede 3"}


class PolicyProfile(DataModel):
    """A policy profile: every threshold, percentage and weight the calculators use, each with a source."""

    name: str = Field(pattern=r"^[a-z0-9_-]{1,40}$")
    label: str = Field(min_length=1)
    version: str = Field(min_length=1)
    description: str = ""
    authority: Authority
    base: Base
    min_duration_months: Months
    short_duration_advice: Advice
    threshold_measure: Base
    threshold_eur: Euros
    # Whether a value exactly at the threshold counts as reaching it ("vanaf" / "of hoger": True;
    # "boven": False).
    threshold_inclusive: bool = True
    below_threshold_advice: Advice
    low_labour_share_pct: Percent
    low_labour_supply_advice: Advice | None = None
    percentage_pct: Percent
    low_labour_percentage_pct: Percent | None = None
    low_labour_alternative_pct: Percent | None = None
    category_percentages: dict[str, Percent] = Field(default_factory=dict)
    cost_per_job_year_eur: CostPerJob | None = None
    # The weekly hours the cost per job-year is for (e.g. 36 for a full-time year). Without it the
    # amount is not converted to jobs of 25,5 hours: a cost per full-time year is not a cost per job.
    cost_per_job_hours_per_week: WeekHours | None = None
    # Hours of a full-time week (1 fte) in this organisation, to turn fte into jobs of 25,5 hours.
    fte_hours_per_week: WeekHours | None = None
    # Discount on a social-return obligation per step on the PSO ladder ("aspirant", "trede_1" ..
    # "trede_3"); empty: this policy gives none (the tool "Wat moet ik leveren?" then says so).
    pso_reduction_pct: dict[PsoStep, Percent] = Field(default_factory=dict)
    shortlist: ShortlistPolicy

    @model_validator(mode="after")
    def _check(self) -> "PolicyProfile":
        for code in self.category_percentages:
            _check_category(code)
        for f in (self.percentage_pct, self.low_labour_percentage_pct, self.low_labour_alternative_pct,
                  self.low_labour_share_pct, *self.category_percentages.values()):
            if f is not None and not 0 <= f.value <= 100:
                raise ValueError("Een percentage in het profiel moet tussen 0 en 100 liggen.")
        if self.cost_per_job_year_eur is not None and self.cost_per_job_year_eur.value <= 0:
            raise ValueError("De kosten per baan per jaar moeten groter zijn dan 0.")
        return self


class ProfileRef(ResultModel):
    name: str
    label: str
    version: str

    @classmethod
    def of(cls, profile: PolicyProfile) -> ProfileRef:
        """Which rules a result used, for the reader and for a shared link."""
        return cls(name=profile.name, label=profile.label, version=profile.version)


# Input and result


class ProportionalityInput(InputModel):
    """Input of the Proportionaliteit calculator (step 2Ac)."""

    contract_value_eur: Eur = Field(
        ge=0, le=100_000_000_000, allow_inf_nan=False,
        title="Waarde van de opdracht (€)",
        description="De totale waarde over de hele looptijd, met verlengingen, zonder btw.",
    )
    duration_months: Whole = Field(
        ge=1, le=600, title="Looptijd (maanden)",
        description="Hoe lang de opdracht loopt, in maanden, met verlengingen.",
    )
    contract_type: ContractType = Field(
        title="Soort opdracht", description="Is het een werk, een dienst of een levering?",
        json_schema_extra={"x-labels": CONTRACT_TYPE_LABELS},
    )
    category: str = Field(
        title="Categorie", description="Het soort werk in de opdracht. Dit bepaalt het standaard arbeidsaandeel.",
        json_schema_extra=_category_schema,
    )
    labour_share_pct: OptPct = Field(
        default=None, ge=0, le=100, allow_inf_nan=False, title="Arbeidsaandeel (%)",
        description="Welk deel van de waarde bestaat uit loonkosten? Laat leeg om de schatting bij de categorie te gebruiken.",
    )
    framework_agreement: bool = Field(
        default=False, title="Raamovereenkomst",
        description="Kruis aan als het gaat om een raamovereenkomst met nadere opdrachten.",
    )
    authority_type: Authority | None = Field(
        default=None, title="Soort aanbestedende dienst",
        description="Bepaalt welke Europese drempel geldt. Laat leeg om de keuze van het beleid te gebruiken.",
        json_schema_extra={"x-labels": AUTHORITY_LABELS},
    )
    social_services: bool | None = Field(
        default=None, title="Sociale en andere specifieke diensten",
        description="Valt de opdracht onder de regels voor sociale en andere specifieke diensten (bijlage XIV)? "
                    "Laat leeg: dan alleen bij zorg en welzijn.",
    )
    profile: str | dict[str, Any] = Field(
        default_factory=_default_profile, title="Beleid",
        description="Welke regels gebruikt de rekenhulp? Standaard die van de handreiking.",
        json_schema_extra=_profile_schema,
    )

    @field_validator("category")
    @classmethod
    def _category(cls, value: str) -> str:
        return _check_category(value)

    @field_validator("profile")
    @classmethod
    def _profile(cls, value: str | dict[str, Any]) -> str | dict[str, Any]:
        from .policy import load_profile  # policy imports this module

        load_profile(value)  # raises ValueError with a Dutch message
        return value


class Alternative(ResultModel):
    base: Base
    percentage: float
    amount_eur: float
    message: str
    source: str


class ProportionalityResult(ResultModel):
    advice: Advice
    advice_label: str
    base: Base
    base_label: str
    # Percentage and amount only when the advice is "toepassen"; otherwise None, so nothing reads
    # as an obligation. For "overwegen" an indication (the buyer decides) may be given instead.
    percentage: float | None
    amount_eur: float | None
    indication_eur: float | None = None
    threshold_measure: Base
    threshold_measure_label: str
    authority: Authority
    authority_label: str
    eu_threshold_eur: float
    eu_threshold_label: str
    labour_share_pct: float
    labour_share_from_category: bool
    labour_cost_eur: float
    alternative: Alternative | None
    jobs_estimate: float | None = None
    reasons: list[Reason]
    instruments: list[Reason]
    warnings: list[Reason]
    summary: str
    profile: ProfileRef


# ---------------------------------------------------------------------------
# Contractselectie (step 2Ba)
# ---------------------------------------------------------------------------

MAX_CONTRACTS = 2000
Route = Literal["2A", "2B"]


DutchDate = Annotated[date, BeforeValidator(_date_reader(optional=False)), ReadAs("date")]
OptDate = Annotated[date | None, BeforeValidator(_date_reader(optional=True)), ReadAs("date")]


class ContractRow(InputModel):
    """One existing contract; rows are validated one by one so a bad row never hides the others."""

    name: str = Field(min_length=1, max_length=200, title="Naam van het contract",
                      description="Een naam waaraan je het contract herkent.")
    supplier: str | None = Field(default=None, max_length=200, title="Leverancier",
                                 description="De opdrachtnemer (mag leeg blijven).")
    category: str = Field(title="Categorie", description="Het soort werk in het contract.",
                          json_schema_extra=_category_schema)
    annual_value_eur: Eur = Field(ge=0, le=100_000_000_000, allow_inf_nan=False, title="Jaarwaarde (€)",
                                    description="Wat het contract per jaar kost, zonder btw.")
    start_date: OptDate = Field(default=None, title="Startdatum", description="Wanneer het contract begon (dd-mm-jjjj).")
    end_date: OptDate = Field(default=None, title="Einddatum",
                                  description="Wanneer het contract afloopt, zonder verlengingen (dd-mm-jjjj).")
    extension_possible: bool = Field(default=False, title="Verlenging mogelijk",
                                     description="Kan het contract nog verlengd worden?")
    has_sroi_clause: bool = Field(default=False, title="SROI-clausule",
                                  description="Staat er al een afspraak over social return in het contract?")
    labour_intensive: bool | None = Field(default=None, title="Arbeidsintensief",
                                          description="Laat leeg om de indeling van de categorie te gebruiken.")

    @field_validator("category")
    @classmethod
    def _category(cls, value: str) -> str:
        return _check_category(value)

    @field_validator("supplier")
    @classmethod
    def _supplier(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("end_date")
    @classmethod
    def _dates(cls, value: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("start_date")
        if start and value and value < start:
            raise PydanticCustomError("nl_end_before_start", "De einddatum ligt vóór de startdatum.")
        return value


class ShortlistInput(InputModel):
    """Input of the Contractselectie calculator (step 2Ba)."""

    reference_date: DutchDate = Field(title="Peildatum", description="De datum waarop je de contracten bekijkt (dd-mm-jjjj).")
    # Rows stay loose here and are validated one by one in compute, so one bad row does not
    # reject the whole list; the schema still documents a row's fields.
    contracts: Annotated[
        list[Any],
        WithJsonSchema({"type": "array", "maxItems": MAX_CONTRACTS, "items": ContractRow.model_json_schema(),
                        "title": "Contracten", "description": "De lopende contracten, één per regel."}),
    ] = Field(max_length=MAX_CONTRACTS, title="Contracten", description="De lopende contracten, één per regel.")
    profile: str | dict[str, Any] = Field(
        default_factory=_default_profile, title="Beleid",
        description="Welke regels gebruikt de rekenhulp? Standaard die van de handreiking.",
        json_schema_extra=_profile_schema,
    )

    @field_validator("profile")
    @classmethod
    def _profile(cls, value: str | dict[str, Any]) -> str | dict[str, Any]:
        from .policy import load_profile

        load_profile(value)
        return value


class CriterionScore(ResultModel):
    code: str
    label: str
    points: float
    max_points: float
    message: str
    source: str
    page: str = ""
    estimate: bool = False


class RankedContract(ResultModel):
    row: int
    name: str
    supplier: str | None
    category: str
    category_label: str
    annual_value_eur: float
    end_date: date | None
    # lopend: runs on; loopt_af: ends within the route-2A window; verlopen: ended before the
    # reference date; onbekend: no end date given.
    status: Literal["lopend", "loopt_af", "verlopen", "onbekend"]
    route: Route
    route_message: str
    route_reason: Reason
    score: float
    criteria: list[CriterionScore]


class RowError(ResultModel):
    row: int
    field: str
    kind: str = "invalid"
    message: str


class ShortlistResult(ResultModel):
    reference_date: date
    ranking: list[RankedContract]
    top: list[str]
    summary: str
    count_valid: int
    count_2a: int
    count_2b: int
    row_errors: list[RowError]
    reasons: list[Reason]
    profile: ProfileRef


# ---------------------------------------------------------------------------
# Quotum (letter of 7 October 2022)
# ---------------------------------------------------------------------------

# The smallest target the calculator can work with: it shows jobs with two decimals, and a target
# of (nearly) zero would make the realisation percentage infinite.
MIN_TARGET_JOBS = 0.01
# Input: realised jobs (as counts or as paid hours a year), the target (as jobs or as a quota
# percentage of the workforce), an optional history and jobs created via social return.
# Which of the alternatives is given is checked in quota.compute (errors then name the field).

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


class QuotaInput(InputModel):
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
        json_schema_extra={"x-labels": WORKFORCE_UNIT_LABELS},
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


# Reference data: the figures of the letter of 7 October 2022 (data/quota_letter_2022.json).


def round_half_up(value: float, decimals: int = 0) -> float:
    """Round like people (and the letter's tables) do: 68.5 -> 69, not banker's rounding."""
    from decimal import ROUND_HALF_UP, Decimal

    q = Decimal(1).scaleb(-decimals)
    return float(Decimal(str(value)).quantize(q, rounding=ROUND_HALF_UP))


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
    def _years(self) -> "SectorSeries":
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
    def _consistent(self) -> "Table1":
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
        return sum(getattr(r, column) for r in self.rows)

    def differences(self) -> list[RoundingDifference]:
        """Every published total or percentage that differs from the recomputed one, with why."""
        out: list[RoundingDifference] = []
        why = "Dat komt door afronding: de tabel toont afgeronde aantallen (zie de noot bij Tabel 1 in de brief)."
        for row in (*self.rows, self.total):
            if row.computed_total != row.total_jobs:
                out.append(RoundingDifference(
                    code=row.code, name=row.name, what="totaal", published=row.total_jobs,
                    computed=row.computed_total,
                    **_why(f"{row.name}: formeel plus inleen is {_n(row.computed_total)}, de brief noemt "
                           f"{_n(row.total_jobs)} banen.", why)))
            computed = round_half_up(row.computed_pct)
            if computed != row.realisation_pct:
                out.append(RoundingDifference(
                    code=row.code, name=row.name, what="percentage", published=row.realisation_pct,
                    computed=round_half_up(row.computed_pct, 1),
                    **_why(f"{row.name}: {_n(row.total_jobs)} van {_n(row.target_jobs)} is "
                           f"{_p(round_half_up(row.computed_pct, 1))}, de brief noemt {_p(row.realisation_pct)}.", why)))
        for col in TABLE1_COLUMNS:
            s = self.column_sum(col)
            published = getattr(self.total, col)
            if s != published:
                out.append(RoundingDifference(
                    code=self.total.code, name=self.total.name, what="totaal", published=published, computed=s,
                    **_why(f"{TABLE1_LABELS[col]}: de ministeries samen tellen op tot {_n(s)}, de brief noemt "
                           f"{_n(published)}.", why)))
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


def _n(value: float) -> str:
    from .fmt import number

    return number(value, 1).removesuffix(",0")


def _p(value: float) -> str:
    from .fmt import pct

    return pct(value)


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
    def _check(self) -> "QuotaLetterData":
        if self.hours_per_job_week.value <= 0 or self.hours_per_job_year.value <= 0:
            raise ValueError("De uren per baan moeten groter zijn dan 0.")
        if not 1 <= self.projection_horizon_years.value <= 100:
            raise ValueError("De vooruitblik moet tussen 1 en 100 jaar liggen.")
        return self


@lru_cache(maxsize=1)
def quota_letter() -> QuotaLetterData:
    """The figures of data/quota_letter_2022.json, validated."""
    return QuotaLetterData.model_validate(load_json("quota_letter_2022"))


# Result


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

ROLE_STEPS: tuple[str, ...] = ("1", "2A", "2B", "3", "4", "5")


class RoleStep(DataModel):
    code: str = Field(pattern=r"^[1-5][AB]?$")
    title: str = Field(min_length=1)
    page: str = Field(pattern=r"^[a-z0-9/_-]+\.md$")


class Role(DataModel):
    code: str = Field(pattern=r"^[a-z_]+$")
    label: str = Field(min_length=1)
    group: Literal["werkgroep"] | None = None
    note: str | None = None


class RoleMatrixRow(DataModel):
    """One step of the matrix: every role's task in that step (None: no task in Bijlage II)."""

    step: str
    tasks: dict[str, str | None]


class RolesData(DataModel):
    version: str
    source: Source
    reconstruction_note: str = ""
    # Cells whose place in the matrix is inferred (the source text lost the column borders): step -> roles.
    inferred: dict[str, list[str]] = Field(default_factory=dict)
    steps: list[RoleStep] = Field(min_length=1)
    roles: list[Role] = Field(min_length=1)
    matrix: list[RoleMatrixRow]

    @model_validator(mode="after")
    def _complete(self) -> "RolesData":
        steps = [s.code for s in self.steps]
        roles = [r.code for r in self.roles]
        if len(set(steps)) != len(steps) or len(set(roles)) != len(roles):
            raise ValueError("Elke stap en elke rol mag maar één keer voorkomen.")
        if [row.step for row in self.matrix] != steps:
            raise ValueError("Het overzicht moet precies één regel per stap hebben, in de volgorde van de stappen.")
        for row in self.matrix:
            if set(row.tasks) != set(roles):
                raise ValueError(f"Stap {row.step}: het overzicht moet voor elke rol zeggen wat die doet (of niets).")
            if any(t is not None and not t.strip() for t in row.tasks.values()):
                raise ValueError(f"Stap {row.step}: een taak mag niet leeg zijn; gebruik null als een rol niets doet.")
        for role in roles:
            if all(row.tasks[role] is None for row in self.matrix):
                raise ValueError(f"De rol '{role}' heeft in geen enkele stap een taak.")
        tasks = {row.step: row.tasks for row in self.matrix}
        for step, inferred_roles in self.inferred.items():
            for role in inferred_roles:
                if step not in tasks or role not in tasks[step] or tasks[step][role] is None:
                    raise ValueError(f"Afgeleide cel {step}/{role}: die cel bestaat niet of heeft geen taak.")
        return self

    def is_inferred(self, step: str, role: str) -> bool:
        return role in self.inferred.get(step, [])
