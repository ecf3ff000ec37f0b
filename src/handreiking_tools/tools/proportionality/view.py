"""How a Proportionaliteit result is drawn: the advice, its figures, the reasons with their sources."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ...fmt import eur, jobs, number, pct
from ...view import Markup, View, figure_list, h, reason_list, text_blocks, when


def render(r: dict[str, Any], root: str = "../../") -> View:
    """The result of api.run('proportionaliteit', ...) as html, text and a short line."""
    reasons = reason_list(r["reasons"], "Waarom dit advies", root, "reasons")
    instruments = reason_list(r["instruments"], "Instrumenten die passen", root, "instruments")
    warnings = reason_list(r["warnings"], "Let op", root, "warnings")
    # An amount only when social return is advised; "overwegen" shows at most an indication.
    applied = r["amount_eur"] is not None
    indicated = not applied and r.get("indication_eur") is not None
    has_jobs = r.get("jobs_estimate") is not None
    figures = Markup("")
    if applied:
        figures = figure_list([
            ("Percentage", "percentage", pct(r["percentage"], 2)),
            ("Grondslag", "base", r["base_label"]),
            ("Bedrag voor social return", "amount_eur", eur(r["amount_eur"])),
            *([("Banen (schatting)", "jobs_estimate", f"{jobs(r['jobs_estimate'])} per jaar")] if has_jobs else []),
        ])
        # The amount after "#" (Dutch notation, as typed): "Wat moet ik leveren?" opens with it; no server sees it.
        typed = quote(number(r["amount_eur"], 2).removesuffix(",00"))
        figures = h('{}<p><a data-key="to-leveren" href="{}">Wat betekent {} voor de leverancier? Reken het om naar '
                    "banen en kandidaten</a></p>", figures, f"{root}hulpmiddelen/leveren/#obligation_eur={typed}",
                    eur(r["amount_eur"]))
    elif indicated:
        figures = figure_list([("Indicatie (jij beslist)", "indication_eur", eur(r["indication_eur"]))])
    profile = r["profile"]
    html = h(
        '<div class="hr-key"><p class="hr-advice hr-advice--{advice}"><strong data-key="advice" data-value="{advice}">'
        "{label}</strong></p>{figures}</div>"
        '<p data-key="summary">{summary}</p>'
        '<p>Arbeidsaandeel: <span data-key="labour_share_pct">{share}</span>{estimate}; '
        'loonkosten: <span data-key="labour_cost_eur">{cost}</span>. '
        "Regels: {profile} (versie {version}); de drempel van het beleid telt op de "
        '<span data-key="threshold_measure">{measure}</span>. '
        'Aanbestedende dienst: <span data-key="authority">{authority}</span>; Europese drempel: '
        '<span data-key="eu_threshold_eur">{eu}</span>.</p>'
        "{alternative}{reasons}{instruments}{warnings}",
        advice=r["advice"], label=r["advice_label"], figures=figures, summary=r["summary"],
        share=pct(r["labour_share_pct"]),
        estimate=" (schatting bij de categorie)" if r["labour_share_from_category"] else "",
        cost=eur(r["labour_cost_eur"]), profile=profile["label"], version=profile["version"],
        measure=str(r["threshold_measure_label"]).lower(), authority=r["authority_label"],
        eu=eur(r["eu_threshold_eur"]),
        alternative=when(r.get("alternative"), h('<p data-key="alternative">Andere berekening: {}</p>',
                                                  (r.get("alternative") or {}).get("message"))),
        reasons=reasons.html, instruments=instruments.html, warnings=warnings.html,
    )
    text = text_blocks(
        f"Rekenhulp proportionaliteit ({profile['label']})",
        f"Advies: {r['advice_label']}",
        f"Percentage: {pct(r['percentage'], 2)} van de {str(r['base_label']).lower()}" if applied else "",
        f"Bedrag: {eur(r['amount_eur'])}" if applied else "",
        f"Indicatie (jij beslist): {eur(r['indication_eur'])}" if indicated else "",
        f"Aanbestedende dienst: {r['authority_label']}; Europese drempel: {eur(r['eu_threshold_eur'])}",
        f"Banen (schatting): {jobs(r['jobs_estimate'])} per jaar" if has_jobs else "",
        r["summary"],
        f"Andere berekening: {r['alternative']['message']}" if r.get("alternative") else "",
        reasons.text, instruments.text, warnings.text,
    )
    short = f"{r['advice_label']}, {eur(r['amount_eur'])} ({pct(r['percentage'])})" if applied else r["advice_label"]
    return View(html=html, text=text, short=short)
