"""Policy profiles: the thresholds, percentages and weights of the tools, each with a source, as data.

Two profiles ship with the package (``handreiking``, the default, and ``rijksoverheid``).
A hosting organisation can supply its own profile as a dict (read from its own file by the
site build) and either pass it in a payload or make it the site's default: ``Profiles(own=...)``,
passed explicitly to api.run and the build steps (no global registry).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pydantic import Field, PrivateAttr, ValidationError, ValidationInfo, model_validator

from .data import load_json
from .errors import translate
from .fields import DataModel, InputModel, ResultModel
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
    def _weights(self) -> ShortlistPolicy:
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
    def _check(self) -> PolicyProfile:
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


@cache
def _shipped(name: str) -> PolicyProfile:
    return validate_profile(load_json(f"profile_{name}"))


@dataclass(frozen=True)
class Profiles:
    """The profiles a site offers: the shipped ones, plus at most one of the hosting organisation.

    An own profile is also the default (the profile an input that names none gets). The object is
    immutable and passed explicitly (``api.run(..., profiles=...)``, the build steps), so no result
    depends on what another caller registered before.
    """

    own: PolicyProfile | None = None

    def __post_init__(self) -> None:
        if self.own is not None and self.own.name in SHIPPED:
            raise ProfileError(f"De naam '{self.own.name}' is al in gebruik voor een meegeleverd profiel. "
                               "Kies een andere naam.")

    @classmethod
    def with_own(cls, data: dict[str, Any] | PolicyProfile | None) -> Profiles:
        """The shipped profiles plus ``data`` (validated; ProfileError in Dutch) as the default."""
        return cls(own=None if data is None else validate_profile(data))

    @property
    def default_name(self) -> str:
        """Name of the profile used when an input names none."""
        return self.own.name if self.own is not None else DEFAULT

    def names(self) -> list[str]:
        """Names of all usable profiles: shipped ones first, then the own one."""
        return [*SHIPPED, *([self.own.name] if self.own is not None else [])]

    def load(self, name_or_dict: str | dict[str, Any] | PolicyProfile | None = None) -> PolicyProfile:
        """The profile called ``name_or_dict``, or the profile that dict describes (validated).

        ``None`` gives the default profile. Raises ProfileError with a Dutch message.
        """
        if name_or_dict is None:
            name_or_dict = self.default_name
        if isinstance(name_or_dict, str):
            if self.own is not None and name_or_dict == self.own.name:
                return self.own
            if name_or_dict in SHIPPED:
                return _shipped(name_or_dict)
            raise ProfileError(f"Onbekend beleidsprofiel '{name_or_dict}'. Kies uit: {', '.join(self.names())}.")
        return validate_profile(name_or_dict)

    def label_of(self, name: str) -> str:
        """The Dutch label of a usable profile."""
        return self.load(name).label

    def schema_extra(self) -> dict[str, Any]:
        """What the JSON schema of an input's ``profile`` field says under these profiles."""
        out: dict[str, Any] = {"x-labels": {n: self.label_of(n) for n in self.names()}, "default": self.default_name}
        if self.own is not None:
            out["description"] = f"Welke regels gebruikt de rekenhulp? Standaard die van {self.own.label}."
        return out


SHIPPED_PROFILES = Profiles()


def load_profile(name_or_dict: str | dict[str, Any] | PolicyProfile | None = None) -> PolicyProfile:
    """A shipped profile by name, or the profile a dict describes (see Profiles.load for a site's own)."""
    return SHIPPED_PROFILES.load(name_or_dict)


def profiles_in(info: ValidationInfo) -> Profiles:
    """The profiles a validation runs under: ``context={"profiles": ...}`` of api.run, else the shipped ones."""
    context = info.context if isinstance(info.context, dict) else {}
    found = context.get("profiles")
    return found if isinstance(found, Profiles) else SHIPPED_PROFILES


def _profile_field_schema(schema: dict[str, Any]) -> None:
    # A name or a profile of its own; left out, the default (so the schema does not offer null).
    # The shipped profiles are listed; api.schema adds a site's own profile (Profiles.schema_extra).
    schema["anyOf"] = [v for v in schema.get("anyOf", []) if v.get("type") != "null"]
    schema.update(SHIPPED_PROFILES.schema_extra())


class ProfiledInput(InputModel):
    """Base of an input whose rules read a policy profile, resolved under the profiles of the run.

    ``policy`` is the profile the rules use: the one named in a ``profile`` field, or the default.
    """

    _policy: PolicyProfile | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _resolve_policy(self, info: ValidationInfo) -> ProfiledInput:
        self._policy = profiles_in(info).load(getattr(self, "profile", None))
        return self

    @property
    def policy(self) -> PolicyProfile:
        assert self._policy is not None, "validated inputs always carry their profile"
        return self._policy


def profile_field() -> Any:
    """The ``profile`` field of an input: a usable profile name or a profile of its own (a dict)."""
    return Field(
        default=None, validate_default=True, title="Beleid",
        description="Welke regels gebruikt de rekenhulp? Standaard die van de handreiking.",
        json_schema_extra=_profile_field_schema,
    )


def check_profile(value: str | dict[str, Any] | None, info: ValidationInfo) -> str | dict[str, Any]:
    """Field validator of an input's ``profile``: the default's name for none; else a usable name or a
    valid profile (ValueError in Dutch)."""
    profiles = profiles_in(info)
    if value is None:
        return profiles.default_name
    profiles.load(value)
    return value
