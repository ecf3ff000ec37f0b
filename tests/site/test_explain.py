"""The "Hoe rekent deze hulp?" sections are generated from the rule data the calculators cite, so
text and code cannot drift: every rule and every estimate a result rests on appears on the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from handreiking_tools import api, fmt
from handreiking_tools import profile as policy
from handreiking_tools.reference import categories, procurement
from handreiking_tools.site import explain as site_explain
from handreiking_tools.site.forms import EXAMPLES
from handreiking_tools.sources import cite, explain, rules
from handreiking_tools.tools.quota.letter import quota_letter

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _reasons(obj):
    if isinstance(obj, dict):
        if {"code", "message", "source"} <= set(obj):
            yield obj
        for v in obj.values():
            yield from _reasons(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _reasons(v)


@pytest.mark.parametrize("name", ["proportionaliteit", "contractselectie", "quotum"])
def test_section_lists_every_rule_with_its_source(name):
    text = site_explain.render_markdown(name)
    profile = policy.load_profile(None)
    for item in explain(name, profile, procurement(), quota_letter()):
        rule = next(r for r in rules().calculators[name] if r.code == item["code"])
        assert rule.text in text
        if item["source"] is None:
            continue
        if item["estimate"]:
            assert "eigen schatting" in text.split(rule.text, 1)[1].split("\n", 1)[0]
        else:
            assert cite(item["source"]) in text
    page = (DOCS / "hulpmiddelen" / f"{name}.md").read_text(encoding="utf-8")
    assert "## Hoe rekent deze hulp? {#hoe-rekent-deze-hulp}" in page and f'--8<-- "regels-{name}.md"' in page


def test_section_shows_the_figures_the_core_uses():
    text = site_explain.render_markdown("proportionaliteit")
    p = policy.load_profile(None)
    assert fmt.eur(p.threshold_eur.value) in text and fmt.pct(p.percentage_pct.value) in text
    for c in categories().categories:
        assert f"| {c.label} | {fmt.pct(c.labour_share_pct)} |" in text
    shortlist = site_explain.render_markdown("contractselectie")
    assert f"jaarwaarde {fmt.number(p.shortlist.weights.annual_value.value)}" in shortlist


@pytest.mark.parametrize("name", ["proportionaliteit", "contractselectie", "quotum"])
def test_every_estimate_a_result_rests_on_is_explained_on_its_page(name):
    payloads = [EXAMPLES[name]]
    if name == "proportionaliteit":
        payloads += [{"contract_value_eur": v, "duration_months": m, "contract_type": t, "category": c}
                     for v in (50_000, 1_000_000) for m in (3, 24) for t in ("werk", "dienst", "levering")
                     for c in ("schoonmaak", "bouw_infra", "zorg_welzijn")]
    text = site_explain.render_markdown(name)
    for payload in payloads:
        out = api.run(name, payload)
        assert out["ok"], out
        for r in _reasons(out):
            if r.get("estimate"):
                assert "schatting van deze site" in r["message"]
                assert r["page"].startswith("hulpmiddelen/"), r
                assert "eigen schatting" in text


def test_supplier_page_promises_no_answer_that_is_the_buyers_choice():
    text = (DOCS / "opdrachtnemers.md").read_text(encoding="utf-8")
    assert "wat je kunt verwachten" not in text
    assert "beslist de opdrachtgever" in text


def test_a_profile_without_an_optional_figure_still_renders():
    bare = policy.load_profile("handreiking").model_copy(update={"name": "kaal", "fte_hours_per_week": None})
    text = site_explain.render_markdown("quotum", policy.Profiles(own=bare))
    assert "Dit beleid stelt hier geen waarde voor in." in text


def test_view_counts_rows_and_links_pages_from_data():
    bad = {"reference_date": "2026-01-01", "contracts": [
        {"name": "", "category": "ict", "annual_value_eur": "x"}, {"name": "ok", "category": "ict", "annual_value_eur": 1},
        {"name": "b", "category": "ruimtevaart", "annual_value_eur": 1}]}
    out = api.run("contractselectie", bad)
    assert len(out["row_errors"]) == 3  # three field errors in two rows
    html = api.render("contractselectie", out, "https://example.test/").html
    assert "2 regels hebben een fout" in html and "fouten in de regels" not in html
    prop = api.run("proportionaliteit", {"contract_value_eur": 50_000, "duration_months": 24,
                                         "contract_type": "dienst", "category": "schoonmaak"})
    rendered = api.render("proportionaliteit", prop, "https://example.test/")
    assert 'data-key="amount_eur"' not in rendered.html and 'data-key="indication_eur"' in rendered.html
    assert 'href="https://example.test/stappen/stap-2a/#2ac"' in rendered.html
    assert "Bedrag:" not in rendered.text
    quota = api.run("quotum", {"formal_jobs": 1, "target_jobs": 2})
    assert "Gerealiseerd ()" not in api.render("quotum", quota).html
