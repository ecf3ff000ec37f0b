"""Monitoringsrapportage: the summary a buyer asks for, drawn once as HTML, plain text and one short line."""

from __future__ import annotations

from typing import Any

from ...fmt import eur, number, pct
from ..delivery.view import View, e, figures_html, jobs, reasons_html, reasons_text, table_html, table_text


def _amount(unit: str, value: float | None) -> str:
    if value is None:
        return "—"
    return eur(value) if unit == "eur" else f"{number(value)} uur"


def render(result: dict[str, Any]) -> View:
    r = result
    week = jobs(r["hours_per_job_week"])
    figures = [("Plaatsingen", number(r["placements"])), ("Verloonde uren", number(r["total_hours"])),
               (f"Banen van {week} uur (jaar)", jobs(r["total_job_years"]))]
    if any(x["unit"] == "eur" for x in r["realisation"]):
        figures.append(("Gerealiseerd bedrag", eur(r["realised_eur"])))
    html = [f"<p><strong>{e(r['summary'])}</strong></p>", figures_html(figures)]
    text = ["Samenvatting voor de opdrachtgever", "", r["summary"], ""] + [f"{k}: {v}" for k, v in figures]

    head = ["Afspraak", "Afgesproken", "Gerealiseerd", "Realisatie", "Tekort", "Nodig per jaar tot het einde"]
    rows = [["Bedrag" if x["unit"] == "eur" else "Verloonde uren", _amount(x["unit"], x["obligation"]),
             _amount(x["unit"], x["realised"]), pct(x["pct"]), _amount(x["unit"], x["shortfall"]),
             _amount(x["unit"], x["needed_per_year"])] for x in r["realisation"]]
    html.append(table_html("Afspraak en realisatie over de hele looptijd", head, rows, numeric={1, 2, 3, 4, 5}))
    html += [f"<p>{e(x['message'])}</p>" for x in r["realisation"]]
    text += table_text("Afspraak en realisatie over de hele looptijd", head, rows) + [x["message"] for x in r["realisation"]]

    head = ["Jaar", "Plaatsingen", "Verloonde uren", f"Banen van {week} uur", "Kosten of waarde",
            "Inkoop bij sociale ondernemingen", "Samen", "Opgeteld sinds de start"]
    rows = [[str(y["year"]), number(y["placements"]), number(y["hours"]), jobs(y["jobs"]), eur(y["costs_eur"]),
             eur(y["purchases_eur"]), eur(y["realised_eur"]), eur(y["cumulative_eur"])] for y in r["per_year"]]
    foot = ["Samen", number(r["placements"]), number(r["total_hours"]), jobs(r["total_job_years"]), eur(r["costs_eur"]),
            eur(r["purchases_eur"]), eur(r["realised_eur"]), ""]
    html.append(table_html("Gerealiseerd per jaar", head, rows, foot, numeric={1, 2, 3, 4, 5, 6, 7}))
    text += table_text("Gerealiseerd per jaar", head, rows, foot)

    if r["per_group"]:
        head = ["Doelgroep", "Plaatsingen", "Verloonde uren", f"Banen van {week} uur"]
        rows = [[g["label"], number(g["placements"]), number(g["hours"]), jobs(g["jobs"])] for g in r["per_group"]]
        html.append(table_html("Per doelgroep", head, rows, numeric={1, 2, 3}))
        text += table_text("Per doelgroep", head, rows)
    if r["per_placement"]:
        head = ["Code", "Doelgroep", "Verloonde uren", f"Banen van {week} uur", "Kosten of waarde"]
        rows = [[p["code"], p["label"], number(p["hours"]), jobs(p["job_years"]), eur(p["costs_eur"])]
                for p in r["per_placement"]]
        html.append(table_html("Per plaatsing (alleen codes, geen namen)", head, rows, numeric={2, 3, 4}))
        text += table_text("Per plaatsing (alleen codes, geen namen)", head, rows)

    html.append(reasons_html(r["warnings"], "Let op"))
    html.append(reasons_html(r["reasons"], "Hoe de rekenhulp telt"))
    text += reasons_text(r["warnings"], "Let op") + reasons_text(r["reasons"], "Hoe de rekenhulp telt")
    return View(html="\n".join(h for h in html if h), text="\n".join(text).strip() + "\n", short=r["summary"])
