"""The view of Proportionaliteit (tools/proportionality/view.py): the html of the worked example and the live
result, the text for "Kopieer als tekst" and the short line of the summary bar."""

from __future__ import annotations

import re

from handreiking_tools import api, fmt

ROOT = "https://example.test/"
EXAMPLE = {"contract_value_eur": 1200000, "duration_months": 36, "contract_type": "dienst", "category": "schoonmaak"}


def test_proportionaliteit_view_shows_the_figures_only_when_social_return_is_advised() -> None:
    r = api.run("proportionaliteit", EXAMPLE)
    assert r["advice"] == "toepassen"
    v = api.render("proportionaliteit", r, ROOT)
    assert f'<dd data-key="amount_eur">{fmt.eur(r["amount_eur"])}</dd>' in v.html
    assert re.findall(r'<li data-code="([a-z_0-9]+)"', v.html.split('data-list="instruments"')[0]) == [x["code"] for x in r["reasons"]]
    assert f'href="{ROOT}stappen/stap-2a/#2ac"' in v.html
    assert v.short == f"{r['advice_label']}, {fmt.eur(r['amount_eur'])} ({fmt.pct(r['percentage'])})"
    assert v.text.startswith(f"Rekenhulp proportionaliteit ({r['profile']['label']})\n\nAdvies: ")
    small = api.run("proportionaliteit", {**EXAMPLE, "contract_value_eur": "50.000"})
    sv = api.render("proportionaliteit", small)
    assert small["amount_eur"] is None and 'data-key="amount_eur"' not in sv.html and "Bedrag:" not in sv.text
    assert sv.short == small["advice_label"]
    assert 'href="../../stappen/' in sv.html  # the build's worked example links from the calculator page
