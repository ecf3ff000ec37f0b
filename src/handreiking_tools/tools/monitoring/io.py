"""The monitoring report out of the site (Markdown, CSV) and a saved report back in (see tools/delivery/io.py)."""

from __future__ import annotations

from typing import Any

from ...csvcell import csv_text, number_cell
from ..delivery.io import markdown, read_saved

__all__ = ["csv_tables", "markdown", "read_saved"]


def csv_tables(result: dict[str, Any]) -> dict[str, str]:
    """The tables of a monitoring report as CSV files: {file name: csv text}. Codes only, never names."""
    per_year = csv_text(
        ["Jaar", "Plaatsingen", "Verloonde uren", "Banen van 25,5 uur", "Kosten of waarde (€)",
         "Inkoop bij sociale ondernemingen (€)", "Samen (€)", "Opgeteld sinds de start (€)"],
        [[y["year"], y["placements"], number_cell(y["hours"]), number_cell(y["jobs"]), number_cell(y["costs_eur"]),
          number_cell(y["purchases_eur"]), number_cell(y["realised_eur"]), number_cell(y["cumulative_eur"])]
         for y in result["per_year"]])
    per_placement = csv_text(
        ["Code", "Doelgroep", "Verloonde uren", "Banen van 25,5 uur", "Kosten of waarde (€)"],
        [[p["code"], p["label"], number_cell(p["hours"]), number_cell(p["job_years"]), number_cell(p["costs_eur"])]
         for p in result["per_placement"]])
    realisation = csv_text(
        ["Afspraak", "Afgesproken", "Gerealiseerd", "Realisatie (%)", "Tekort", "Nodig per jaar tot het einde"],
        [["Bedrag (€)" if x["unit"] == "eur" else "Verloonde uren", number_cell(x["obligation"]),
          number_cell(x["realised"]), number_cell(x["pct"], 1), number_cell(x["shortfall"]),
          number_cell(x["needed_per_year"])] for x in result["realisation"]])
    return {"monitoring-realisatie.csv": realisation, "monitoring-per-jaar.csv": per_year,
            "monitoring-per-plaatsing.csv": per_placement}
