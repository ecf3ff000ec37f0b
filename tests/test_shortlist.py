"""Contractselectie (step 2Ba): criteria at their boundaries, routing, ranking and row errors."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from handreiking_tools import api
from handreiking_tools.policy import load_profile
from handreiking_tools.shortlist import add_months

SP = load_profile("handreiking").shortlist
REF = date(2026, 3, 15)


def contract(**kw):
    c = {"name": "X", "category": "ict", "annual_value_eur": 10_000}
    c.update(kw)
    return c


def run(*contracts, **kw):
    out = api.run("contractselectie", {"reference_date": REF.isoformat(), "contracts": list(contracts), **kw})
    assert out["ok"], out
    return out


def crit(entry, code):
    return next(c for c in entry["criteria"] if c["code"] == code)


def test_add_months():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 15), 6) == date(2026, 9, 15)
    assert add_months(date(2026, 11, 1), 2) == date(2027, 1, 1)


def test_route_boundary_exactly_six_months():
    assert SP.route_2a_months.value == 6
    edge = add_months(REF, 6)
    out = run(contract(name="op", end_date=edge.isoformat()), contract(name="na", end_date=(edge + timedelta(days=1)).isoformat()),
              contract(name="voorbij", end_date="2020-01-01"), contract(name="open"))
    route = {r["name"]: r["route"] for r in out["ranking"]}
    assert route == {"op": "2A", "na": "2B", "voorbij": "2A", "open": "2B"}
    assert out["count_2a"] == 2 and out["count_2b"] == 2
    assert "op" not in out["top"] and "voorbij" not in out["top"]


def test_annual_value_boundary():
    limit = SP.annual_value_eur.value
    assert limit == 200_000
    at, above = run(contract(annual_value_eur=limit)), run(contract(annual_value_eur=limit + 0.01))
    assert crit(at["ranking"][0], "jaarwaarde")["points"] == 0
    assert crit(above["ranking"][0], "jaarwaarde")["points"] == SP.weights.annual_value.value


def test_labour_intensive_default_and_override():
    w = SP.weights.labour_intensive.value
    assert crit(run(contract(category="glasbewassing"))["ranking"][0], "arbeidsintensief")["points"] == w
    assert crit(run(contract(category="ict"))["ranking"][0], "arbeidsintensief")["points"] == 0
    assert crit(run(contract(category="ict", labour_intensive=True))["ranking"][0], "arbeidsintensief")["points"] == w
    assert crit(run(contract(category="schoonmaak", labour_intensive=False))["ranking"][0], "arbeidsintensief")["points"] == 0


def test_multi_year_boundary():
    edge = add_months(REF, int(SP.multi_year_min_months.value))
    w = SP.weights.multi_year.value
    assert crit(run(contract(end_date=edge.isoformat()))["ranking"][0], "looptijd")["points"] == w
    day_before = (edge - timedelta(days=1)).isoformat()
    assert crit(run(contract(end_date=day_before))["ranking"][0], "looptijd")["points"] == 0
    assert crit(run(contract())["ranking"][0], "looptijd")["points"] == 0  # end date unknown


def test_extension_and_sroi():
    soon = add_months(REF, 9).isoformat()
    w = SP.weights.extension.value
    assert crit(run(contract(end_date=soon, extension_possible=True))["ranking"][0], "verlenging")["points"] == w
    assert crit(run(contract(end_date=soon, extension_possible=False))["ranking"][0], "verlenging")["points"] == 0
    far = add_months(REF, 36).isoformat()
    assert crit(run(contract(end_date=far, extension_possible=True))["ranking"][0], "verlenging")["points"] == 0
    assert crit(run(contract(has_sroi_clause=True))["ranking"][0], "sroi_clausule")["points"] == SP.weights.sroi_clause.value


def test_score_range_and_full_marks():
    best = contract(name="best", category="schoonmaak", annual_value_eur=500_000, end_date=add_months(REF, 12).isoformat(),
                    extension_possible=True, has_sroi_clause=True)
    out = run(best, contract(name="worst"))
    scores = {r["name"]: r["score"] for r in out["ranking"]}
    assert scores == {"best": 100.0, "worst": 0.0}
    assert [r["name"] for r in out["ranking"]] == ["best", "worst"]


def test_ranking_sorted_and_top_three_of_route_2b():
    far = add_months(REF, 30).isoformat()
    rows = [contract(name=f"c{i}", annual_value_eur=1000 * i, category="schoonmaak" if i % 2 else "ict", end_date=far)
            for i in range(1, 8)]
    rows.append(contract(name="afloop", category="schoonmaak", annual_value_eur=900_000, end_date=add_months(REF, 1).isoformat(),
                         has_sroi_clause=True))
    out = run(*rows)
    scores = [r["score"] for r in out["ranking"]]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 100 for s in scores)
    assert len(out["top"]) == int(SP.top_n.value) == 3
    assert out["top"] == [r["name"] for r in out["ranking"] if r["route"] == "2B"][:3]
    assert out["top"] == ["c7", "c5", "c3"]  # labour-intensive first, larger value breaks the tie
    assert "afloop" not in out["top"]


def test_row_errors_keep_valid_rows():
    out = run(contract(name="goed"), contract(name="", annual_value_eur="veel"), 42,
              contract(name="data", start_date="01-02-2026", end_date="01-01-2026"), contract(name="cat", category="ruimtevaart"))
    assert [r["name"] for r in out["ranking"]] == ["goed"]
    errs = {(e["row"], e["field"]) for e in out["row_errors"]}
    assert errs == {(2, "name"), (2, "annual_value_eur"), (3, ""), (4, "end_date"), (5, "category")}
    for e in out["row_errors"]:
        assert e["message"] and "Input should" not in e["message"] and "String should" not in e["message"]
    assert "konden we niet lezen" in out["summary"]


def test_dutch_dates_accepted():
    out = run(contract(end_date="15-09-2026"), reference_date="15-03-2026")
    assert out["reference_date"] == "2026-03-15"
    assert out["ranking"][0]["route"] == "2A"  # exactly 6 months


def test_too_many_rows():
    out = api.run("contractselectie", {"reference_date": "2026-01-01", "contracts": [contract()] * 2001})
    assert out["ok"] is False and out["errors"][0]["field"] == "contracts"
    ok = run(*([contract()] * 2000))
    assert ok["count_valid"] == 2000


def test_rijk_profile_accepted():
    assert run(contract(), profile="rijksoverheid")["profile"]["name"] == "rijksoverheid"


@pytest.mark.parametrize("payload", [{}, {"reference_date": "gisteren", "contracts": []}, {"reference_date": "2026-01-01"}])
def test_invalid_top_level(payload):
    out = api.run("contractselectie", payload)
    assert out["ok"] is False and out["errors"]
