"""Wat moet ik leveren?: the result drawn once, as HTML, plain text and one short line.

Used for the worked example at build time and for the live result in the browser. Every value is
escaped; the result dict is what api.run returns (data only).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any, Iterable

from ...fmt import eur, number, pct

SITE_PREFIX = "../../"  # a tool page lives at hulpmiddelen/<tool>/


@dataclass(frozen=True)
class View:
    html: str
    text: str
    short: str


def jobs(value: float) -> str:
    return number(value, 1).removesuffix(",0")


def e(value: Any) -> str:
    return escape(str(value), quote=True)


def reasons_html(items: Iterable[dict[str, Any]], heading: str) -> str:
    items = list(items)
    if not items:
        return ""
    out = [f"<h3>{e(heading)}</h3>", '<ul class="hr-reasons">']
    for r in items:
        source = e(r["source"])
        if r.get("page"):
            source = f'<a href="{e(SITE_PREFIX + r["page"])}">{source}</a>'
        out.append(f'<li>{e(r["message"])} <span class="hr-source">(Bron: {source})</span></li>')
    out.append("</ul>")
    return "\n".join(out)


def reasons_text(items: Iterable[dict[str, Any]], heading: str) -> list[str]:
    items = list(items)
    if not items:
        return []
    return ["", heading + ":", *(f"- {r['message']} (Bron: {r['source']})" for r in items)]


def table_html(caption: str, head: list[str], rows: list[list[str]], foot: list[str] | None = None,
               numeric: set[int] | None = None) -> str:
    numeric = numeric or set()

    def cells(row: list[str], tag: str) -> str:
        num = ' class="hr-num"'
        return "".join(f"<{tag}{num if i in numeric else ''}>{e(c)}</{tag}>" for i, c in enumerate(row))

    out = ['<div class="hr-table-wrap"><table class="hr-reference">', f"<caption>{e(caption)}</caption>",
           "<thead><tr>" + "".join(f'<th scope="col">{e(h)}</th>' for h in head) + "</tr></thead>", "<tbody>"]
    out += [f"<tr>{cells(r, 'td')}</tr>" for r in rows]
    out.append("</tbody>")
    if foot:
        out.append(f"<tfoot><tr>{cells(foot, 'td')}</tr></tfoot>")
    out.append("</table></div>")
    return "\n".join(out)


def table_text(caption: str, head: list[str], rows: list[list[str]], foot: list[str] | None = None) -> list[str]:
    lines = ["", caption + ":", " | ".join(head)]
    lines += [" | ".join(r) for r in rows]
    if foot:
        lines.append(" | ".join(foot))
    return lines


def figures_html(items: list[tuple[str, str]]) -> str:
    return '<dl class="hr-figures">' + "".join(f"<div><dt>{e(k)}</dt><dd>{e(v)}</dd></div>" for k, v in items) + "</dl>"


def render(result: dict[str, Any]) -> View:
    r = result
    week = jobs(r["hours_per_job_week"])
    figures = [("Verplichting", eur(r["obligation_eur"]))]
    if r["per_year_eur"] is not None:
        figures.append(("Per jaar", eur(r["per_year_eur"])))
    if r["options"]:
        first = r["options"][0]
        figures.append((f"Banen van {week} uur ({first['label']})", jobs(first["job_years"])))
        figures.append(("Uren", number(first["hours"])))
    html = [f"<p><strong>{e(r['summary'])}</strong></p>", figures_html(figures)]
    text = [r["summary"], ""] + [f"{k}: {v}" for k, v in figures]

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
    text += table_text(caption, head, rows)
    if r["table_example"]:
        html.append(f'<p class="hr-note">{e(r["table_note"])}</p>')
        text.append(r["table_note"])
    full = jobs(r["table_hours_per_week"])
    head = ["Doelgroep", f"Waarde per voltijd jaar ({full} uur per week)"]
    rows = [[t["label"], eur(t["value_eur"])] for t in r["table_values"]]
    if r["bonus_eur"]:
        rows.append([f"Toeslag per extra kenmerk ({', '.join(r['bonus_labels'])})", eur(r["bonus_eur"])])
    caption = f"De tabel die de rekenhulp gebruikt: {r['table_label']}"
    html.append(f"<details><summary>{e(caption)}</summary>\n{table_html(caption, head, rows, numeric={1})}\n</details>")
    text += table_text(caption, head, rows)

    mix = r.get("mix")
    if mix:
        head = ["Kandidaat", "Doelgroep", "Uren per week", "Maanden", "Waarde per voltijd jaar", "Uren", "Telt voor"]
        rows = [[str(m["row"]), m["label"], jobs(m["hours_per_week"]), jobs(m["months"]),
                 eur(m["value_per_year_eur"]) + (" (eigen waarde)" if m["own_value"] else ""),
                 number(m["hours"]), eur(m["value_eur"])] for m in mix["lines"]]
        foot = ["Samen", "", "", "", "", number(mix["hours"]), eur(mix["value_eur"])]
        html.append("<h3>Je kandidaten</h3>")
        html.append(table_html("Je kandidaten opgeteld", head, rows, foot, numeric={2, 3, 5, 6}))
        html.append(f"<p>{e(mix['message'])}</p>")
        text += table_text("Je kandidaten opgeteld", head, rows, foot) + [mix["message"]]

    html.append(reasons_html(r["warnings"], "Let op"))
    html.append(reasons_html(r["reasons"], "Hoe de rekenhulp rekent"))
    text += reasons_text(r["warnings"], "Let op") + reasons_text(r["reasons"], "Hoe de rekenhulp rekent")
    return View(html="\n".join(h for h in html if h), text="\n".join(text).strip() + "\n", short=r["summary"])
