"""How a Quotum result is drawn: the key figures, the trend as a chart and a table, the reasons."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ...fmt import jobs, number, pct
from ...view import Markup, View, figure_list, h, join, reason_list, source_note, text_blocks, when

# The chart's size and margins (left, right, top, bottom) in SVG units; CSS scales it to the page.
W, H, LEFT, RIGHT, TOP, BOTTOM = 640, 280, 56, 24, 16, 40
CHART_TITLE = "Gerealiseerde banen en doel per jaar; de tabel eronder geeft dezelfde cijfers."


def _c(v: float) -> str:
    """A coordinate with one decimal, the exact binary value rounded half up (as JavaScript's toFixed)."""
    return str(Decimal(v).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _step(max_data: float) -> float:
    """A round axis step (1, 2, 2,5, 5 × 10^n) that gives about four gridlines."""
    raw = max_data / 4
    mag = 10.0 ** math.floor(math.log10(raw))
    return next(f * mag for f in (1.0, 2.0, 2.5, 5.0, 10.0) if f * mag >= raw)


def trend_chart(points: list[dict[str, Any]]) -> Markup:
    """An SVG line chart of realised jobs against the target per year (the table beside it says the same)."""
    if not points:
        return Markup("")
    years = [p["year"] for p in points]
    values = [v for p in points for v in (p.get("realised_jobs"), p.get("target_jobs")) if v is not None]
    max_data = max(1.0, *values)
    step = _step(max_data)
    max_v = step * math.ceil(max_data / step)
    span = (years[-1] - years[0]) or 1

    def x(year: int) -> float:
        return LEFT + ((W - LEFT - RIGHT) / 2 if len(years) == 1 else (year - years[0]) / span * (W - LEFT - RIGHT))

    def y(v: float) -> float:
        return float(TOP + (1 - v / max_v) * (H - TOP - BOTTOM))

    def line(key: str) -> str:
        drawn = [p for p in points if p.get(key) is not None]
        return " ".join(f"{'L' if i else 'M'}{_c(x(p['year']))},{_c(y(p[key]))}" for i, p in enumerate(drawn))

    ticks = [i * step for i in range(round(max_v / step) + 1)]
    grid = join(h('<g class="hr-grid"><line x1="{}" x2="{}" y1="{y}" y2="{y}"/><text x="{}" y="{}" text-anchor="end">{}</text></g>',
                  LEFT, W - RIGHT, LEFT - 6, _c(y(v) + 4), number(v, 0 if float(v).is_integer() else 1), y=_c(y(v)))
                for v in ticks)
    axis = join(h('<text class="hr-axis" x="{}" y="{}" text-anchor="middle">{}</text>', _c(x(p["year"])), H - BOTTOM + 20, p["year"])
                for p in points)
    dots = join(h('<circle class="hr-dot-realised" cx="{}" cy="{}" r="4"/>', _c(x(p["year"])), _c(y(p["realised_jobs"])))
                for p in points if p.get("realised_jobs") is not None)
    # An accessible name without an id, so the worked example and the live result can share a page.
    return h('<svg class="hr-chart" viewBox="0 0 {w} {hh}" role="img" aria-label="{title}" focusable="false">'
             "<title>{title}</title>{grid}{axis}"
             '<path class="hr-line-target" d="{target}"/><path class="hr-line-realised" d="{realised}"/>{dots}</svg>'
             '<p class="hr-legend"><span class="hr-key-realised"></span> Gerealiseerd '
             '<span class="hr-key-target"></span> Doel</p>',
             w=W, hh=H, title=CHART_TITLE, grid=grid, axis=axis, target=line("target_jobs"),
             realised=line("realised_jobs"), dots=dots)


def render(r: dict[str, Any], root: str = "../../") -> View:
    """The result of api.run('quotum', ...) as html, text and a short line."""
    points: list[dict[str, Any]] = (r.get("trend") or {}).get("points") or []
    table = when(points, h(
        '<table class="hr-trend-table"><caption>De cijfers van de grafiek</caption>'
        '<thead><tr><th scope="col">Jaar</th><th scope="col">Gerealiseerd (banen)</th><th scope="col">Doel (banen)</th>'
        '<th scope="col">Realisatie</th></tr></thead><tbody>{}</tbody></table>',
        join(h('<tr{}><td>{}{}</td><td class="hr-num">{}</td><td class="hr-num">{}</td><td class="hr-num">{}</td></tr>',
               Markup(' class="hr-current"') if p["current"] else Markup(""), p["year"], " (nu)" if p["current"] else "",
               jobs(p["realised_jobs"]), jobs(p["target_jobs"]), pct(p["realisation_pct"])) for p in points)))
    reasons = reason_list(r["reasons"], "Hoe de rekenhulp telt", root, "reasons")
    warnings = reason_list(r["warnings"], "Let op", root, "warnings")
    sroi = r.get("sroi")
    sector: list[dict[str, Any]] = r.get("sector_reference") or []
    above = r["surplus_jobs"] > 0
    trend_message = (r.get("trend") or {}).get("message")
    html = h(
        '<div class="hr-key">{figures}</div><p data-key="summary">{summary}</p>{trend}{sroi}{reasons}{warnings}{sector}',
        figures=figure_list([
            (f"Gerealiseerd ({r['year']})" if r.get("year") else "Gerealiseerd", "realised_jobs",
             f"{r['realised_jobs_display']} banen"),
            ("Doel", "target_jobs", f"{jobs(r['target_jobs'])} banen"),
            ("Realisatie", "realisation_pct", r["realisation_pct_display"]),
            ("Boven het doel" if above else "Nog te gaan", "gap_jobs",
             f"{jobs(r['surplus_jobs'] if above else r['gap_jobs'])} banen"),
        ]),
        summary=r["summary"],
        trend=when(len(points) >= 2, h('<h3>Trend</h3><figure class="hr-figure">{}</figure>{}{}', trend_chart(points),
                                       when(trend_message, h('<p data-key="trend">{}</p>', trend_message)), table)),
        sroi=when(sroi, h('<h3>{}</h3><p data-key="sroi">{} {}</p>', (sroi or {}).get("title"), (sroi or {}).get("message"),
                          source_note(sroi or {}, root))),
        reasons=reasons.html, warnings=warnings.html,
        sector=when(sector, h('<h3>Ter vergelijking: het Rijk</h3><ul class="hr-reasons">{}</ul>',
                              join(h("<li>{} {}</li>", s["message"], source_note(s, root)) for s in sector))),
    )
    text = text_blocks(
        "Rekenhulp quotum",
        r["summary"],
        "Per jaar:\n" + "\n".join(f"{p['year']}: {jobs(p['realised_jobs'])} van {jobs(p['target_jobs'])} banen "
                                  f"({pct(p['realisation_pct'])})" for p in points) if points else "",
        f"{sroi['title']}: {sroi['message']}" if sroi else "",
        reasons.text, warnings.text,
    )
    short = f"realisatie {r['realisation_pct_display']}, {r['realised_jobs_display']} van {jobs(r['target_jobs'])} banen"
    return View(html=html, text=text, short=short)
