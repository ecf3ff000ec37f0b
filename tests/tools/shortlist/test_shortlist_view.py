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


def test_the_best_for_a_partnership_are_in_the_table_also_when_they_rank_below_the_cut() -> None:
    """150 contracts that end soon (a new tender, step 2A) outrank three running ones (step 2B): the cards name
    those three as the best for a partnership, so the table shows their rows too (with their reasons), at
    their own places after the first TABLE_ROWS, and says so."""
    soon = [{"name": f"Aanbesteding {i}", "category": "schoonmaak", "annual_value_eur": "900.000",
             "end_date": "31-03-2026"} for i in range(TABLE_ROWS + 50)]
    running = [{"name": f"Partner {i}", "category": "catering", "annual_value_eur": "50.000", "end_date": "31-12-2029",
                "extension_possible": True} for i in range(3)]
    r = api.run("contractselectie", {"reference_date": "01-01-2026", "contracts": soon + running})
    assert r["ok"] and r["top"] == ["Partner 0", "Partner 1", "Partner 2"]
    places = [i for i, c in enumerate(r["ranking"], start=1) if c["name"] in r["top"]]
    assert min(places) > TABLE_ROWS, places  # the case this test is about
    v = api.render("contractselectie", r, ROOT)
    ranks = [int(x) for x in re.findall(r'<tr data-rank="(\d+)"', v.html)]
    assert ranks == [*range(1, TABLE_ROWS + 1), *places]
    names = re.findall(r'<span data-key="name">([^<]*)</span>', v.html)
    assert names[TABLE_ROWS:] == r["top"]
    # each with its mark and its reasons; the first after the gap is marked for the double line
    assert v.html.count('data-key="top-place"') == 3
    assert re.search(rf'<tr data-rank="{places[0]}" class="hr-top hr-below">', v.html)
    assert v.html.count("hr-below") == 1
    assert v.html.count("<summary>Waarom deze score</summary>") == TABLE_ROWS + 3
    total = TABLE_ROWS + 53
    assert (f"<caption>De {TABLE_ROWS} kansrijkste van de {total} contracten, en de beste voor een partnership "
            "(peildatum 01-01-2026)</caption>") in v.html
    assert "Daaronder staan de beste voor een partnership, met hun eigen plaats in de ranglijst." in v.html
