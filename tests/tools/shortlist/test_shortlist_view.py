"""The view of Contractselectie (tools/shortlist/view.py): the best contracts, the ranking, the brainstorm links."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from handreiking_tools import api
from handreiking_tools.tools.shortlist.io import export_ranking_csv
from handreiking_tools.tools.shortlist.view import TABLE_ROWS

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


def _contracts(n: int) -> dict[str, object]:
    cats = ("schoonmaak", "catering", "beveiliging", "groenvoorziening", "ict")
    return {"reference_date": "01-01-2026", "contracts": [
        {"name": f"Contract {i}", "category": cats[i % len(cats)], "annual_value_eur": str(10_000 + (i * 7919) % 900_000),
         "end_date": f"31-12-{2026 + i % 4}"} for i in range(1, n + 1)]}


def test_a_long_ranking_shows_the_most_promising_on_the_page_and_says_where_the_rest_is() -> None:
    for n in (TABLE_ROWS - 1, TABLE_ROWS, TABLE_ROWS + 1, 2000):
        r = api.run("contractselectie", _contracts(n))
        assert r["ok"] and len(r["ranking"]) == n
        v = api.render("contractselectie", r, ROOT)
        ranks = [int(x) for x in re.findall(r'<tr data-rank="(\d+)"', v.html)]
        names = re.findall(r'<span data-key="name">([^<]*)</span>', v.html)
        shown = min(n, TABLE_ROWS)
        # The first `shown` of the ranking, in its order; nothing else.
        assert ranks == list(range(1, shown + 1))
        assert names == [c["name"] for c in r["ranking"][:shown]]
        if n <= TABLE_ROWS:
            assert "<caption>Alle contracten, van meest naar minst kansrijk" in v.html
            assert 'data-key="table-more"' not in v.html
        else:
            total = f"{n:,}".replace(",", ".")
            assert f"<caption>De {TABLE_ROWS} kansrijkste van de {total} contracten (peildatum 01-01-2026)</caption>" in v.html
            assert (f'<p data-key="table-more">De tabel toont de {TABLE_ROWS} kansrijkste contracten. Alle {total} staan '
                    "in de ranglijst die je downloadt") in v.html
        # The text version and the download keep every contract.
        assert v.text.count("\n") >= n and f"{n}. {r['ranking'][-1]['name']} " in v.text
        assert export_ranking_csv(r).count("\r\n") == n + 1
    # The last round was 2.000 contracts: the page's html stays small (it was 4 MB).
    assert len(v.html) < 400_000, len(v.html)
