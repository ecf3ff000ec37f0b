"""The view of Quotum (tools/quota/view.py): the key figures, the trend chart with its table, the text."""

from __future__ import annotations

from handreiking_tools import api, fmt

ROOT = "https://example.test/"
EXAMPLE = {"formal_jobs": 120, "inleen_jobs": 15, "target_jobs": 200, "sroi_jobs": 6, "history": [
    {"year": 2023, "realised_jobs": 95, "target_jobs": 190}, {"year": 2024, "realised_jobs": 110, "target_jobs": 195}]}


def test_quotum_view_draws_the_trend_chart_with_its_table() -> None:
    r = api.run("quotum", EXAMPLE)
    points = r["trend"]["points"]
    v = api.render("quotum", r)
    assert v.html.count("<svg") == 1 and v.html.count('class="hr-dot-realised"') == len(points)
    assert " id=" not in v.html  # the example and the live result share a page
    assert v.html.count("<tr") == len(points) + 1
    assert f'<dd data-key="realisation_pct">{r["realisation_pct_display"]}</dd>' in v.html
    assert "Per jaar:\n" + "\n".join(
        f"{p['year']}: {fmt.jobs(p['realised_jobs'])} van {fmt.jobs(p['target_jobs'])} banen ({fmt.pct(p['realisation_pct'])})"
        for p in points) in v.text
    bare = api.run("quotum", {"formal_jobs": "1", "target_jobs": "2"})
    bv = api.render("quotum", bare)
    assert "<svg" not in bv.html and "Gerealiseerd ()" not in bv.html
    assert bv.short == f"realisatie {bare['realisation_pct_display']}, {bare['realised_jobs_display']} van 2 banen"


def test_run_and_render_adds_the_view_in_the_same_round_trip() -> None:
    out = api.run_and_render("quotum", {"formal_jobs": "1", "target_jobs": "2"}, root=ROOT)
    assert out["ok"] and out["view"] == api.render("quotum", api.run("quotum", {"formal_jobs": "1", "target_jobs": "2"}), ROOT).as_dict()
    bad = api.run_and_render("quotum", {"formal_jobs": "x"})
    assert bad["ok"] is False and "view" not in bad
