"""Reference data every tool may use: contract categories and procurement-law figures, with sources.

Read from data/categories.json and data/procurement.json and validated by the models here.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from pydantic import Field, model_validator

from .data import load_json
from .fields import DataModel
from .sources import Figure, Source

Suitability = Literal["veel_geschikt", "gemengd", "specialistisch"]
Authority = Literal["centraal", "decentraal", "publiekrechtelijk"]
AUTHORITY_LABELS: dict[str, str] = {
    "centraal": "Centrale overheid (Rijk)",
    "decentraal": "Decentrale overheid (gemeente, provincie, waterschap)",
    "publiekrechtelijk": "Publiekrechtelijke instelling",
}


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
    def _unique(self) -> CategoriesData:
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


def category_schema(schema: dict[str, Any]) -> None:
    """A form shows a select with Dutch labels; the choices come from the data, not from code."""
    cats = categories().categories
    schema["enum"] = [c.code for c in cats]
    schema["x-labels"] = {c.code: c.label for c in cats}


def check_category(value: str) -> str:
    """``value`` if it is a known category code; else ValueError with the Dutch list of choices."""
    known = categories().by_code()
    if value not in known:
        raise ValueError("Kies een categorie uit de lijst: " + ", ".join(c.label for c in known.values()) + ".")
    return value
