"""The view of Contractselectie (tools/shortlist/view.py): the best contracts, the ranking, the brainstorm links."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from handreiking_tools import api

ROOT = "https://example.test/"
EXAMPLE = {"reference_date": "01-01-2026", "contracts": [
    {"name": "Schoonmaak kantoren", "supplier": "Schoon BV", "category": "schoonmaak", "annual_value_eur": "850.000",
     "end_date": "31-12-2028", "extension_possible": True},
    {"name": "Bedrijfsrestaurant", "category": "catering", "annual_value_eur": "420.000", "end_date": "31-03-2027",
     "extension_possible": True, "has_sroi_clause": True},
    {"name": "Groenonderhoud terreinen", "category": "groenvoorziening", "annual_value_eur": "150.000", "end_date": "31-12-2029"},
    {"name": "Beveiliging hoofdgebouw", "category": "beveiliging", "annual_value_eur": "300.000", "end_date": "31-03-2026"},
]}


def test_contractselectie_view_escapes_names_and_links_the_brainstorm_after_the_hash() -> None:
    name = '<script>alert("x")</script> & Zoon'
    payload = {**EXAMPLE}
    payload["contracts"] = [{**payload["contracts"][0], "name": name}, *payload["contracts"][1:]]
    r = api.run("contractselectie", payload)
    v = api.render("contractselectie", r, ROOT)
    assert "<script>" not in v.html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Zoon" in v.html
    assert len(re.findall(r'<tr data-rank="\d+"', v.html)) == len(r["ranking"])
    assert v.html.count('data-key="top-place"') == len(r["top"])
    links = re.findall(r'<a href="([^"]*hulpmiddelen/brainstorm/[^"]*)"', v.html)
    assert len(links) == len(r["top"])
    for link, top in zip(links, r["top"], strict=True):
        parts = urlsplit(link.replace("&amp;", "&"))
        assert parts.path == "/hulpmiddelen/brainstorm/" and not parts.query  # nothing before '#' names the contract
        assert parse_qs(parts.fragment)["title"] == [top]
    assert v.short == "beste voor een partnership: " + ", ".join(r["top"])
    assert "Ranglijst:\n1. " in v.text
