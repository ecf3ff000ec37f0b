"""Wat moet ik leveren?: the result drawn once, as HTML, plain text and one short line.

Used for the worked example at build time and for the live result in the browser. Every value is
escaped; the result dict is what api.run returns (data only).
"""

from __future__ import annotations

from typing import Any

from ...fmt import eur, number
from ...view import Markup, View, figure_list, h, join, reason_list, text_blocks


def jobs(value: float) -> str:
    return number(value, 1).removesuffix(",0")


def table_html(caption: str, head: list[str], rows: list[list[str]], foot: list[str] | None = None,
               numeric: set[int] | None = None) -> Markup:
    """A table of the site's reference style; cells in ``numeric`` columns are right-aligned."""
    numeric = numeric or set()

    def cells(row: list[str]) -> Markup:
        return join(h('<td class="hr-num">{}</td>', c) if i in numeric else h("<td>{}</td>", c) for i, c in enumerate(row))

    heads = join(h('<th scope="col">{}</th>', c) for c in head)
    body = join(h("<tr>{}</tr>", cells(r)) for r in rows)
    tfoot = h("<tfoot><tr>{}</tr></tfoot>", cells(foot)) if foot else Markup("")
    return h('<div class="hr-table-wrap"><table class="hr-reference"><caption>{}</caption><thead><tr>{}</tr></thead>'
             "<tbody>{}</tbody>{}</table></div>", caption, heads, body, tfoot)


def _md_cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def table_text(caption: str, head: list[str], rows: list[list[str]], foot: list[str] | None = None,
               numeric: set[int] | None = None) -> str:
    """The same table as Markdown (readable as plain text too): a bold caption, then a pipe table."""
    numeric = numeric or set()
    lines = [f"**{_md_cell(caption)}**", "", "| " + " | ".join(_md_cell(c) for c in head) + " |",
             "| " + " | ".join("---:" if i in numeric else "---" for i in range(len(head))) + " |"]
    lines += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in [*rows, *([foot] if foot else [])]]
    return "\n".join(lines)


def render(result: dict[str, Any], root: str = "../../") -> View:
    """The result of "Wat moet ik leveren?"; ``root`` is the site root as seen from the page."""
    r = result
    week = jobs(r["hours_per_job_week"])
    figures: list[tuple[str, str | None, str]] = [("Verplichting", "obligation_eur", eur(r["obligation_eur"]))]
    if r["per_year_eur"] is not None:
        figures.append(("Per jaar", "per_year_eur", eur(r["per_year_eur"])))
    if r["options"]:
        first = r["options"][0]
        figures.append((f"Banen van {week} uur ({first['label']})", "job_years", jobs(first["job_years"])))
        figures.append(("Uren", "hours", number(first["hours"])))
    html: list[Markup] = [h('<p data-key="summary"><strong>{}</strong></p>', r["summary"]), figure_list(figures)]
    text: list[str] = [f"**{r['summary']}**", "\n".join(f"- {k}: {v}" for k, _, v in figures)]

    head = ["Doelgroep", f"Waarde van een baan van {week} uur per jaar", f"Banen van {week} uur voor een jaar", "Uren"]
    if r["years"]:
        head.append("Banen per jaar van de looptijd")
    rows = []
    for o in r["options"]:
        row = [o["label"], eur(o["value_per_job_year_eur"]), jobs(o["job_years"]), number(o["hours"])]
        if r["years"]:
            row.append(jobs(o["jobs_per_year"]))
        rows.append(row)
    caption = f"Wat de verplichting betekent per doelgroep ({r['table_label']})"
    html.append(table_html(caption, head, rows, numeric={1, 2, 3, 4}))
    text.append(table_text(caption, head, rows, numeric={1, 2, 3, 4}))
    if r["table_example"]:
        html.append(h('<p class="hr-note">{}</p>', r["table_note"]))
        text.append(r["table_note"])
    full = jobs(r["table_hours_per_week"])
    head = ["Doelgroep", f"Waarde per voltijd jaar ({full} uur per week)"]
    rows = [[t["label"], eur(t["value_eur"])] for t in r["table_values"]]
    if r["bonus_eur"]:
        rows.append([f"Toeslag per extra kenmerk ({', '.join(r['bonus_labels'])})", eur(r["bonus_eur"])])
    caption = f"De tabel die de rekenhulp gebruikt: {r['table_label']}"
    html.append(h("<details><summary>{}</summary>{}</details>", caption, table_html(caption, head, rows, numeric={1})))
    text.append(table_text(caption, head, rows, numeric={1}))

    mix = r.get("mix")
    if mix:
        head = ["Kandidaat", "Doelgroep", "Uren per week", "Maanden", "Waarde per voltijd jaar", "Uren", "Telt voor"]
        rows = [[str(m["row"]), m["label"], jobs(m["hours_per_week"]), jobs(m["months"]),
                 eur(m["value_per_year_eur"]) + (" (eigen waarde)" if m["own_value"] else ""),
                 number(m["hours"]), eur(m["value_eur"])] for m in mix["lines"]]
        foot = ["Samen", "", "", "", "", number(mix["hours"]), eur(mix["value_eur"])]
        html.append(h("<h3>Je kandidaten</h3>{}", table_html("Je kandidaten opgeteld", head, rows, foot,
                                                            numeric={2, 3, 5, 6})))
        html.append(h('<p data-key="mix">{}</p>', mix["message"]))
        text += [table_text("Je kandidaten opgeteld", head, rows, foot, numeric={2, 3, 5, 6}), mix["message"]]

    warnings = reason_list(r["warnings"], "Let op", root, "warnings")
    reasons = reason_list(r["reasons"], "Hoe de rekenhulp rekent", root, "reasons")
    html += [warnings.html, reasons.html]
    text += [warnings.text, reasons.text]
    return View(html=join(html, "\n"), text=text_blocks("# Wat moet ik leveren?", *text), short=r["summary"])
