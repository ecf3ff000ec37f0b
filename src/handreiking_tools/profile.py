"""Policy profiles: the thresholds, percentages and weights of the tools, each with a source, as data.

Two profiles ship with the package (``handreiking``, the default, and ``rijksoverheid``).
A hosting organisation can supply its own profile as a dict (read from its own file by the
site build) and either pass it in a payload or register it under its name.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from .data import load_json
from .errors import translate
from .fields import DataModel, ResultModel
from .reference import Authority, check_category
from .sources import Figure

Advice = Literal["toepassen", "overwegen", "niet_toepassen"]
ADVICE_LABELS: dict[str, str] = {
    "toepassen": "Social return toepassen",
    "overwegen": "Social return overwegen (in gesprek gaan)",
    "niet_toepassen": "Social return niet toepassen",
}
Base = Literal["opdrachtwaarde", "loonsom"]
BASE_LABELS: dict[str, str] = {"opdrachtwaarde": "Opdrachtwaarde", "loonsom": "Loonsom (arbeidskosten)"}


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

    value: int = Field(ge=1, le=2000)  # the most rows a contract list holds (tools/shortlist)



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
            check_category(code)
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


# --------------------------------------------------------------------------- loading


DEFAULT = "handreiking"
SHIPPED = ("handreiking", "rijksoverheid")

_registered: dict[str, PolicyProfile] = {}
# The profile a calculator uses when its input names none: the shipped default, unless the hosting
# organisation registered its own profile as the site's default (site build and browser worker).
_default: str = DEFAULT


class ProfileError(ValueError):
    """A profile that cannot be used; the message is Dutch and names the faulty fields."""


def validate_profile(data: Any) -> PolicyProfile:
    """Validate a profile given as a dict; ProfileError (Dutch) if it is wrong."""
    if isinstance(data, PolicyProfile):
        return data
    if not isinstance(data, dict):
        raise ProfileError("Het beleidsprofiel moet een groep velden zijn (een JSON-object).")
    try:
        return PolicyProfile.model_validate(data)
    except ValidationError as exc:
        parts = [f"{e['field'] or 'profiel'}: {e['message']}" for e in translate(exc)]
        raise ProfileError("Het beleidsprofiel klopt niet. " + " ".join(parts[:10])) from None


@lru_cache(maxsize=None)
def _shipped(name: str) -> PolicyProfile:
    return validate_profile(load_json(f"profile_{name}"))


def names() -> list[str]:
    """Names of all usable profiles: shipped ones first, then registered ones."""
    return [*SHIPPED, *(n for n in _registered if n not in SHIPPED)]


def load_profile(name_or_dict: str | dict[str, Any] | PolicyProfile | None = None) -> PolicyProfile:
    """The profile called ``name_or_dict``, or the profile that dict describes (validated).

    ``None`` gives the default profile. Raises ProfileError with a Dutch message.
    """
    if name_or_dict is None:
        name_or_dict = _default
    if isinstance(name_or_dict, str):
        if name_or_dict in _registered:
            return _registered[name_or_dict]
        if name_or_dict in SHIPPED:
            return _shipped(name_or_dict)
        raise ProfileError(f"Onbekend beleidsprofiel '{name_or_dict}'. Kies uit: {', '.join(names())}.")
    return validate_profile(name_or_dict)


def register_profile(data: dict[str, Any] | PolicyProfile, default: bool = False) -> PolicyProfile:
    """Validate a hosting organisation's profile and make it loadable by its name.

    With ``default=True`` it also becomes the profile used when an input names none.
    """
    global _default
    profile = validate_profile(data)
    if profile.name in SHIPPED:
        raise ProfileError(f"De naam '{profile.name}' is al in gebruik voor een meegeleverd profiel. Kies een andere naam.")
    _registered[profile.name] = profile
    if default:
        _default = profile.name
    return profile


def unregister_profile(name: str) -> None:
    """Forget a registered profile (the shipped ones cannot be removed)."""
    global _default
    _registered.pop(name, None)
    if _default == name:
        _default = DEFAULT


def default_name() -> str:
    """Name of the profile used when an input names none."""
    return _default


def label_of(name: str) -> str:
    """The Dutch label of a usable profile."""
    return load_profile(name).label


def profile_schema(schema: dict[str, Any]) -> None:
    """JSON-schema extra of an input's ``profile`` field: the usable profiles with their Dutch labels."""
    # The shipped ones (read from their data files) and a hosting organisation's own profile once
    # registered; the default is the site's default profile.
    schema["x-labels"] = {n: label_of(n) for n in names()}
    schema["default"] = default_name()
    if default_name() != DEFAULT:
        schema["description"] = f"Welke regels gebruikt de rekenhulp? Standaard die van {label_of(default_name())}."


def check_profile(value: str | dict[str, Any]) -> str | dict[str, Any]:
    """Field validator of an input's ``profile``: a usable name or a valid profile (ValueError in Dutch)."""
    load_profile(value)
    return value
