"""Input and result of Proportionaliteit (guidance step 2Ac)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator

from ...fields import Eur, OptPct, ResultModel, Whole, labels
from ...profile import Advice, Base, ProfiledInput, ProfileRef, check_profile, profile_field
from ...reference import AUTHORITY_LABELS, Authority, category_schema, check_category
from ...sources import Reason

ContractType = Literal["werk", "dienst", "levering"]
CONTRACT_TYPE_LABELS: dict[str, str] = {"werk": "Werk", "dienst": "Dienst", "levering": "Levering"}


class ProportionalityInput(ProfiledInput):
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
        json_schema_extra=labels(CONTRACT_TYPE_LABELS),
    )
    category: str = Field(
        title="Categorie", description="Het soort werk in de opdracht. Dit bepaalt het standaard arbeidsaandeel.",
        json_schema_extra=category_schema,
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
        json_schema_extra=labels(AUTHORITY_LABELS),
    )
    social_services: bool | None = Field(
        default=None, title="Sociale en andere specifieke diensten",
        description="Valt de opdracht onder de regels voor sociale en andere specifieke diensten (bijlage XIV)? "
                    "Laat leeg: dan alleen bij zorg en welzijn.",
    )
    profile: str | dict[str, Any] | None = profile_field()

    @field_validator("category")
    @classmethod
    def _category(cls, value: str) -> str:
        return check_category(value)

    @field_validator("profile")
    @classmethod
    def _profile(cls, value: str | dict[str, Any] | None, info: ValidationInfo) -> str | dict[str, Any]:
        return check_profile(value, info)  # raises ValueError with a Dutch message


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

