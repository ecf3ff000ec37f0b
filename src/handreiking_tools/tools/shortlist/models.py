"""Input and result of Contractselectie (guidance step 2Ba)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationInfo, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

from ...fields import DutchDate, Eur, InputModel, OptDate, ResultModel, RowsOf
from ...profile import ProfiledInput, ProfileRef, check_profile, profile_field
from ...reference import category_schema, check_category
from ...sources import Reason

MAX_CONTRACTS = 2000
Route = Literal["2A", "2B"]
# lopend: runs on; loopt_af: ends within the route-2A window; verlopen: ended before the reference date;
# onbekend: no end date given.
Status = Literal["lopend", "loopt_af", "verlopen", "onbekend"]


class ContractRow(InputModel):
    """One existing contract; rows are validated one by one so a bad row never hides the others."""

    name: str = Field(min_length=1, max_length=200, title="Naam van het contract",
                      description="Een naam waaraan je het contract herkent.")
    supplier: str | None = Field(default=None, max_length=200, title="Leverancier",
                                 description="De opdrachtnemer (mag leeg blijven).")
    category: str = Field(title="Categorie", description="Het soort werk in het contract.",
                          json_schema_extra=category_schema)
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
        return check_category(value)

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


# Rows of the contracts list, each checked on its own (see fields.RowsOf).
CONTRACT_ROWS = RowsOf(ContractRow, not_a_row="Deze regel is geen contract (verwacht een groep velden).")


class ShortlistInput(ProfiledInput):
    """Input of the Contractselectie calculator (step 2Ba)."""

    reference_date: DutchDate = Field(title="Peildatum", description="De datum waarop je de contracten bekijkt (dd-mm-jjjj).")
    # Rows stay loose here and are validated one by one in compute, so one bad row does not
    # reject the whole list; the schema still documents a row's fields.
    contracts: Annotated[
        list[Any],
        WithJsonSchema({"type": "array", "maxItems": MAX_CONTRACTS, "items": ContractRow.model_json_schema(),
                        "title": "Contracten", "description": "De lopende contracten, één per regel."}),
        CONTRACT_ROWS,
    ] = Field(max_length=MAX_CONTRACTS, title="Contracten", description="De lopende contracten, één per regel.")
    profile: str | dict[str, Any] | None = profile_field()

    @field_validator("profile")
    @classmethod
    def _profile(cls, value: str | dict[str, Any] | None, info: ValidationInfo) -> str | dict[str, Any]:
        return check_profile(value, info)


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
    status: Status
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

