"""Contractselectie (step 2Ba): criteria at their boundaries, routing, ranking and row errors."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from handreiking_tools import api
from handreiking_tools.profile import load_profile
from handreiking_tools.tools.shortlist.rules import add_months

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


def test_route_boundary_of_the_2a_window():
    months = int(SP.route_2a_months.value)
    assert months == 12 and SP.route_2a_months.source.estimate  # disclosed as our own estimate
    edge = add_months(REF, months)
    out = run(contract(name="op", end_date=edge.isoformat()), contract(name="na", end_date=(edge + timedelta(days=1)).isoformat()),
              contract(name="voorbij", end_date="2020-01-01"), contract(name="open"))
    route = {r["name"]: r["route"] for r in out["ranking"]}
    assert route == {"op": "2A", "na": "2B", "voorbij": "2A", "open": "2B"}
    status = {r["name"]: r["status"] for r in out["ranking"]}
    assert status == {"op": "loopt_af", "na": "lopend", "voorbij": "verlopen", "open": "onbekend"}
    assert out["count_2a"] == 2 and out["count_2b"] == 2
    assert "op" not in out["top"] and "voorbij" not in out["top"]
    op = next(r for r in out["ranking"] if r["name"] == "op")
    assert op["route_reason"]["estimate"] and "schatting van deze site" in op["route_message"]


def test_expired_contract_is_reported_as_expired_never_as_extension_coming():
    out = run(contract(name="oud", category="schoonmaak", end_date=(REF - timedelta(days=1)).isoformat(),
                       extension_possible=True))
    r = out["ranking"][0]
    assert r["status"] == "verlopen" and "afgelopen" in r["route_message"]
    ext = crit(r, "verlenging")
    assert ext["points"] == 0 and "verlenging aan" not in ext["message"]
    assert "al afgelopen" in out["summary"]


def test_ending_soon_with_extension_option_means_use_the_extension():
    out = run(contract(name="kort", category="schoonmaak", end_date=add_months(REF, 3).isoformat(), extension_possible=True))
    r = out["ranking"][0]
    assert r["route"] == "2B" and r["status"] == "loopt_af"
    assert r["route_reason"]["code"] == "verlengen_gebruiken" and "Gebruik de verlenging" in r["route_message"]
    assert "stappen/stap-2b/" in r["route_reason"]["page"]


def test_annual_value_counts_in_proportion():
    limit = SP.annual_value_eur.value
    assert limit == 200_000
    pts = lambda v: crit(run(contract(annual_value_eur=v))["ranking"][0], "jaarwaarde")["points"]  # noqa: E731
    full = SP.weights.annual_value.value
    assert pts(limit) == full and pts(limit + 1) == full
    assert pts(limit - 1) == pytest.approx(full, abs=0.01) and pts(limit / 2) == pytest.approx(full / 2)


def test_annual_value_half_a_euro_under_the_limit_keeps_its_cents():
    """"€ 200.000 per jaar is minder dan € 200.000" was what € 199.999,50 read as: beside a limit an
    amount keeps its cents, in the reason and in the ranking's own value."""
    limit = SP.annual_value_eur.value
    r = run(contract(annual_value_eur=limit - 0.5))["ranking"][0]
    assert crit(r, "jaarwaarde")["message"].startswith("€ 199.999,50 per jaar is minder dan € 200.000")
    assert crit(run(contract(annual_value_eur=limit))["ranking"][0], "jaarwaarde")["message"].startswith(
        "Groot contract: € 200.000 per jaar")


def test_labour_intensive_default_and_override():
    w = SP.weights.labour_intensive.value
    assert crit(run(contract(category="glasbewassing"))["ranking"][0], "arbeidsintensief")["points"] == w
    assert crit(run(contract(category="ict"))["ranking"][0], "arbeidsintensief")["points"] == 0
    assert crit(run(contract(category="ict", labour_intensive=True))["ranking"][0], "arbeidsintensief")["points"] == w
    assert crit(run(contract(category="schoonmaak", labour_intensive=False))["ranking"][0], "arbeidsintensief")["points"] == 0


def test_multi_year_counts_in_proportion():
    edge = add_months(REF, int(SP.multi_year_min_months.value))
    w = SP.weights.multi_year.value
    assert crit(run(contract(end_date=edge.isoformat()))["ranking"][0], "looptijd")["points"] == w
    day_before = (edge - timedelta(days=1)).isoformat()
    assert w * 0.99 < crit(run(contract(end_date=day_before))["ranking"][0], "looptijd")["points"] < w
    assert crit(run(contract())["ranking"][0], "looptijd")["points"] == 0  # end date unknown
    msg = crit(run(contract(end_date=edge.isoformat()))["ranking"][0], "looptijd")["message"]
    assert "schatting van deze site" in msg  # "multi-year = 12 months" is our own estimate


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
    out = run(best, contract(name="worst", annual_value_eur=0))
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


@pytest.mark.parametrize("reference_date", ["", "gisteren", "31-02-2026"])
def test_bad_rows_are_named_also_while_the_reference_date_is_missing_or_wrong(reference_date):
    """A list imported before the Peildatum is filled in: its bad rows are named at once, as they will be once the
    date is there, beside the date's own error."""
    rows = [contract(name="goed"), contract(name="", annual_value_eur="veel"), 42, contract(name="cat", category="ruimtevaart")]
    out = api.run("contractselectie", {"reference_date": reference_date, "contracts": rows})
    assert out["ok"] is False and [e["field"] for e in out["errors"]] == ["reference_date"]
    assert out["row_errors"] == run(*rows)["row_errors"]
    assert {(e["row"], e["field"]) for e in out["row_errors"]} == {(2, "name"), (2, "annual_value_eur"), (3, ""), (4, "category")}
    # good rows, or a list refused whole (too long), give no row errors
    assert "row_errors" not in api.run("contractselectie", {"reference_date": "", "contracts": [contract()]})
    too_long = api.run("contractselectie", {"reference_date": "", "contracts": [contract(annual_value_eur="veel")] * 2001})
    assert "row_errors" not in too_long and {e["field"] for e in too_long["errors"]} == {"reference_date", "contracts"}


def test_dutch_dates_accepted():
    out = run(contract(end_date="15-09-2026"), reference_date="15-03-2026")
    assert out["reference_date"] == "2026-03-15"
    assert out["ranking"][0]["route"] == "2A" and out["ranking"][0]["status"] == "loopt_af"


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


def test_summary_uses_singular_and_plural():
    one = run(contract(name="a"))
    assert one["summary"].startswith("1 contract beoordeeld") and "contract(en)" not in one["summary"]
    two = run(contract(name="a"), contract(name="b"), contract(name="c", end_date=add_months(REF, 2).isoformat()),
              contract(name="", annual_value_eur="x"))
    assert two["summary"].startswith("3 contracten beoordeeld")
    assert "1 contract loopt binnenkort af" in two["summary"] and "1 regel konden we niet lezen" in two["summary"]
