"""Monitoringsrapportage: the summary a buyer asks for, drawn once as HTML, plain text and one short line."""

from __future__ import annotations

from typing import Any

from ...fmt import eur, number, pct
from ...view import Markup, View, figure_list, h, join, reason_list, text_blocks
from ..delivery.view import jobs, table_html, table_text


def _amount(unit: str, value: float | None) -> str:
    if value is None:
        return "—"
    return eur(value) if unit == "eur" else f"{number(value)} uur"


def render(result: dict[str, Any], root: str = "../../") -> View:
    """The summary a buyer asks for; ``root`` is the site root as seen from the page."""
    r = result
    week = jobs(r["hours_per_job_week"])
    figures: list[tuple[str, str | None, str]] = [
        ("Plaatsingen", "placements", number(r["placements"])), ("Verloonde uren", "total_hours", number(r["total_hours"])),
        (f"Banen van {week} uur (jaar)", "total_job_years", jobs(r["total_job_years"]))]
    if any(x["unit"] == "eur" for x in r["realisation"]):
        figures.append(("Gerealiseerd bedrag", "realised_eur", eur(r["realised_eur"])))
    html: list[Markup] = [h('<p data-key="summary"><strong>{}</strong></p>', r["summary"]), figure_list(figures)]
    text: list[str] = [f"**{r['summary']}**", "\n".join(f"- {k}: {v}" for k, _, v in figures)]

    head = ["Afspraak", "Afgesproken", "Gerealiseerd", "Realisatie", "Tekort", "Nodig per jaar tot het einde"]
    rows = [["Bedrag" if x["unit"] == "eur" else "Verloonde uren", _amount(x["unit"], x["obligation"]),
             _amount(x["unit"], x["realised"]), pct(x["pct"]), _amount(x["unit"], x["shortfall"]),
             _amount(x["unit"], x["needed_per_year"])] for x in r["realisation"]]
    caption = "Afspraak en realisatie over de hele looptijd"
    html.append(table_html(caption, head, rows, numeric={1, 2, 3, 4, 5}))
    html += [h('<p data-key="realisation-{}">{}</p>', x["unit"], x["message"]) for x in r["realisation"]]
    text += [table_text(caption, head, rows, numeric={1, 2, 3, 4, 5}), "\n\n".join(x["message"] for x in r["realisation"])]

    head = ["Jaar", "Plaatsingen", "Verloonde uren", f"Banen van {week} uur", "Kosten of waarde",
            "Inkoop bij sociale ondernemingen", "Samen", "Opgeteld sinds de start"]
    rows = [[str(y["year"]), number(y["placements"]), number(y["hours"]), jobs(y["jobs"]), eur(y["costs_eur"]),
             eur(y["purchases_eur"]), eur(y["realised_eur"]), eur(y["cumulative_eur"])] for y in r["per_year"]]
    foot = ["Samen", number(r["placements"]), number(r["total_hours"]), jobs(r["total_job_years"]), eur(r["costs_eur"]),
            eur(r["purchases_eur"]), eur(r["realised_eur"]), ""]
    html.append(table_html("Gerealiseerd per jaar", head, rows, foot, numeric={1, 2, 3, 4, 5, 6, 7}))
    text.append(table_text("Gerealiseerd per jaar", head, rows, foot, numeric={1, 2, 3, 4, 5, 6, 7}))

    if r["per_group"]:
        head = ["Doelgroep", "Plaatsingen", "Verloonde uren", f"Banen van {week} uur"]
        rows = [[g["label"], number(g["placements"]), number(g["hours"]), jobs(g["jobs"])] for g in r["per_group"]]
        html.append(table_html("Per doelgroep", head, rows, numeric={1, 2, 3}))
        text.append(table_text("Per doelgroep", head, rows, numeric={1, 2, 3}))
    if r["per_placement"]:
        head = ["Code", "Doelgroep", "Verloonde uren", f"Banen van {week} uur", "Kosten of waarde"]
        rows = [[p["code"], p["label"], number(p["hours"]), jobs(p["job_years"]), eur(p["costs_eur"])]
                for p in r["per_placement"]]
        caption = "Per plaatsing (alleen codes, geen namen)"
        html.append(table_html(caption, head, rows, numeric={2, 3, 4}))
        text.append(table_text(caption, head, rows, numeric={2, 3, 4}))

    warnings = reason_list(r["warnings"], "Let op", root, "warnings")
    reasons = reason_list(r["reasons"], "Hoe de rekenhulp telt", root, "reasons")
    html += [warnings.html, reasons.html]
    text += [warnings.text, reasons.text]
    title = "# Monitoringsrapportage: samenvatting voor de opdrachtgever"
    return View(html=join(html, "\n"), text=text_blocks(title, *text), short=r["summary"])
