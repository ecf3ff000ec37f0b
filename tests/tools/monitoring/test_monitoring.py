"""Monitoringsrapportage: models (no names, no BSN), rules over a two-year contract, and the view."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handreiking_tools import api
from handreiking_tools.tools.monitoring.models import looks_like_bsn, passes_eleven_test
from handreiking_tools.tools.quota.letter import quota_letter

WEEK = quota_letter().hours_per_job_week.value
YEAR = quota_letter().hours_per_job_year.value
WEEKS_PER_YEAR = YEAR / WEEK


def run(payload: dict) -> dict:
    out = api.run("monitoring", payload)
    assert out["ok"], out.get("errors")
    return out


def errors(payload: dict) -> dict[str, dict]:
    out = api.run("monitoring", payload)
    assert out["ok"] is False
    return {e["field"]: e for e in out["errors"]}


TWO_YEARS = {
    "obligation_eur": "€ 50.000",
    "obligation_hours": "5.000",
    "contract_start": "01-01-2025",
    "contract_end": "31-12-2026",
    "placements": [
        {"year": "2025", "period": "jaar", "code": "P01", "group": "banenafspraak", "hours": "1.331", "costs_eur": "€ 18.000"},
        {"year": "2025", "period": "h2", "code": "P02", "group": "ww", "hours": "600", "costs_eur": "7.500"},
        {"year": "2026", "period": "k1", "code": "P01", "group": "banenafspraak", "hours": "330", "costs_eur": "4.500"},
        {"year": "2026", "period": "k2", "code": "p01", "group": "banenafspraak", "hours": "335,5", "costs_eur": "4.500"},
        {"year": "2026", "period": "jaar", "code": "P03", "group": "jongere", "hours": "800", "costs_eur": "6.000"},
    ],
    "purchases": [{"year": "2026", "description": "Drukwerk", "amount_eur": "€ 2.500"}],
}


def test_two_year_report_per_year_and_over_the_contract() -> None:
    out = run(TWO_YEARS)
    y25, y26 = out["per_year"]
    assert (y25["year"], y25["hours"], y25["placements"]) == (2025, 1931, 2)
    assert y25["jobs"] == pytest.approx(1931 / YEAR)
    assert y25["realised_eur"] == 25_500 and y25["cumulative_eur"] == 25_500
    assert (y26["hours"], y26["placements"]) == (1465.5, 2)  # P01 and p01 are one placement
    assert y26["purchases_eur"] == 2500 and y26["realised_eur"] == 17_500 and y26["cumulative_eur"] == 43_000
    assert out["placements"] == 3 and out["total_hours"] == 3396.5
    assert out["report_date"] == "2026-12-31"  # the end of the last period
    eur, hours = out["realisation"]
    assert (eur["unit"], eur["realised"], eur["shortfall"], eur["surplus"]) == ("eur", 43_000, 7_000, 0)
    assert eur["years_left"] == 0 and eur["needed_per_year"] is None and eur["expected"] == pytest.approx(50_000)
    assert hours["realised"] == 3396.5 and hours["shortfall"] == pytest.approx(1603.5)
    assert {g["group"]: g["placements"] for g in out["per_group"]} == {"banenafspraak": 1, "ww": 1, "jongere": 1}
    view = api.render("monitoring", out)
    assert view.text.startswith("# Monitoringsrapportage: samenvatting voor de opdrachtgever")
    assert "€ 43.000" in view.text and "86%" in view.text and "Over de hele looptijd ontbreekt nog € 7.000." in view.text
    assert "P01" in view.html and "Gerealiseerd per jaar" in view.html
    assert "Stand per 31-12-2026." in view.short


def test_halfway_shows_what_is_left_per_year_and_the_spread_is_labelled_an_estimate() -> None:
    payload = {**TWO_YEARS, "contract_end": "31-12-2027", "report_date": "31-12-2025",
               "placements": TWO_YEARS["placements"][:2], "purchases": []}
    out = run(payload)
    eur = out["realisation"][0]
    assert eur["realised"] == 25_500 and eur["shortfall"] == 24_500
    assert eur["years_left"] == 2 and eur["needed_per_year"] == pytest.approx(12_250)
    assert eur["expected"] == pytest.approx(50_000 / 3) and eur["behind"] == 0
    assert "schatting van deze site" in eur["message"]
    assert any(r["code"] == "verdeling" and r["estimate"] for r in out["reasons"])


@pytest.mark.parametrize("code", ["Jan Jansen", "Jansen", "j.de vries", "Anna", "Mohammed El Amrani"])
def test_a_name_is_refused_and_the_message_says_why(code: str) -> None:
    errs = errors({"obligation_eur": "1.000", "placements": [{"year": "2025", "code": code, "group": "ww", "hours": "10"}]})
    err = errs["placements.0.code"]
    assert err["kind"] == "looks_like_name"
    assert "geen naam" in err["message"] and "AVG" in err["message"]


@pytest.mark.parametrize("code", ["111222333", "111.222.333", "1112-22-333", "123456782", "BSN111222333"])
def test_a_bsn_is_refused(code: str) -> None:
    errs = errors({"obligation_eur": "1.000", "placements": [{"year": "2025", "code": code, "group": "ww", "hours": "10"}]})
    err = errs["placements.0.code"]
    assert err["kind"] == "looks_like_bsn" and "burgerservicenummer" in err["message"] and "AVG" in err["message"]


def test_a_bsn_in_a_purchase_description_is_refused() -> None:
    errs = errors({"obligation_eur": "1.000", "purchases": [{"year": "2025", "description": "loon 111222333",
                                                           "amount_eur": "10"}]})
    assert errs["purchases.0.description"]["kind"] == "looks_like_bsn"


def test_eleven_test() -> None:
    assert passes_eleven_test("111222333") and passes_eleven_test("123456782")
    assert not passes_eleven_test("123456789") and not passes_eleven_test("000000000")
    assert not looks_like_bsn("P01") and not looks_like_bsn("123456789")
    assert looks_like_bsn("12345672")  # 8 digits: a BSN written without its leading zero (012345672)
    assert not looks_like_bsn("11222333")


@pytest.mark.parametrize("code", ["P01", "2025-07", "K12", "team3.a", "123456789"])
def test_codes_are_accepted(code: str) -> None:
    run({"obligation_eur": "1.000", "placements": [{"year": "2025", "code": code, "group": "ww", "hours": "10"}]})


def test_a_birth_date_is_refused() -> None:
    errs = errors({"obligation_eur": "1.000", "placements": [{"year": "2025", "code": "01-02-1980", "group": "ww", "hours": "1"}]})
    assert errs["placements.0.code"]["kind"] == "looks_like_birth_date"


@pytest.mark.parametrize(
    ("payload", "field", "kind"),
    [
        ({"placements": [{"year": "2025", "code": "P1", "group": "ww", "hours": "1"}]}, "obligation_eur", "missing"),
        ({"obligation_eur": "1.000"}, "placements", "missing"),
        ({"obligation_eur": "1.000", "contract_start": "01-01-2026", "contract_end": "31-12-2025",
          "purchases": [{"year": "2026", "amount_eur": "1"}]}, "contract_end", "end_before_start"),
        ({"obligation_eur": "1.000", "placements": [
            {"year": "2025", "period": "jaar", "code": "P1", "group": "ww", "hours": "1"},
            {"year": "2025", "period": "k3", "code": "P1", "group": "ww", "hours": "1"}]}, "placements.1.period", "conflict"),
        ({"obligation_eur": "1.000", "placements": [{"year": "2025", "code": "P1", "group": "ww", "hours": "-1"}]},
         "placements.0.hours", "too_small"),
    ],
)
def test_combination_errors(payload: dict, field: str, kind: str) -> None:
    errs = errors(payload)
    assert errs[field]["kind"] == kind, errs


def test_quarters_of_one_placement_do_not_overlap() -> None:
    out = run({"obligation_hours": "1.331", "placements": [
        {"year": "2025", "period": p, "code": "P1", "group": "ww", "hours": "332,75"} for p in ("k1", "k2", "k3", "k4")]})
    assert out["total_job_years"] == pytest.approx(1) and out["realisation"][0]["shortfall"] == 0
    assert out["per_placement"] == [{"code": "P1", "label": out["per_placement"][0]["label"], "hours": 1331,
                                     "job_years": pytest.approx(1), "costs_eur": 0}]


rows = st.lists(st.tuples(st.integers(2020, 2030), st.sampled_from(["P1", "P2", "P3", "X9"]),
                          st.floats(0, 2000), st.floats(0, 50_000)), min_size=1, max_size=12,
                unique_by=lambda r: (r[0], r[1]))


@settings(max_examples=80, deadline=None)
@given(rows=rows, obligation=st.floats(1, 1e7), purchase=st.floats(0, 1e5))
def test_invariants(rows: list, obligation: float, purchase: float) -> None:
    out = run({"obligation_eur": obligation, "obligation_hours": obligation,
               "placements": [{"year": y, "code": c, "group": "ww", "hours": h, "costs_eur": k} for y, c, h, k in rows],
               "purchases": [{"year": rows[0][0], "amount_eur": purchase}]})
    for line in out["per_year"]:
        assert line["hours"] >= 0 and line["realised_eur"] >= 0
        assert line["jobs"] == pytest.approx(line["hours"] / (WEEK * WEEKS_PER_YEAR))
    assert out["total_job_years"] == pytest.approx(out["total_hours"] / (WEEK * WEEKS_PER_YEAR))
    assert out["per_year"][-1]["cumulative_eur"] == pytest.approx(out["realised_eur"])
    for r in out["realisation"]:
        assert r["realised"] >= 0 and r["shortfall"] >= 0 and r["surplus"] >= 0
        if r["shortfall"] > 0:
            assert r["shortfall"] + r["realised"] == pytest.approx(r["obligation"])
            assert r["surplus"] == 0
        else:
            assert r["realised"] - r["surplus"] == pytest.approx(r["obligation"])
