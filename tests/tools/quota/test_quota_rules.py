"""Quotum calculator: jobs from counts or hours, the target from jobs or a quota percentage,
gap, trend and the reach year, social return shown apart, and Dutch field errors."""

from __future__ import annotations

import pytest

from handreiking_tools import api
from handreiking_tools.tools.quota.letter import quota_letter

DATA = quota_letter()
PER_YEAR = DATA.hours_per_job_year.value
PER_WEEK = DATA.hours_per_job_week.value
HORIZON = int(DATA.projection_horizon_years.value)


def ok(payload: dict) -> dict:
    res = api.run("quotum", payload)
    assert res["ok"], res
    return res


def errors(payload: dict) -> dict[str, str]:
    res = api.run("quotum", payload)
    assert res["ok"] is False, res
    return {e["field"]: e["message"] for e in res["errors"]}


def test_counts_gap_and_percentage():
    res = ok({"formal_jobs": 30, "inleen_jobs": 6, "target_jobs": 48})
    assert res["realised_jobs"] == 36
    assert res["realisation_pct"] == pytest.approx(75)
    assert res["realisation_pct_display"] == "75%"
    assert res["gap_jobs"] == 12 and res["surplus_jobs"] == 0
    assert res["gap_hours_per_week"] == pytest.approx(12 * PER_WEEK)
    assert res["gap_hours_per_year"] == pytest.approx(12 * PER_YEAR)
    assert "12 banen" in res["summary"]


def test_hours_convert_with_the_data_figure():
    res = ok({"formal_hours_per_year": 3 * PER_YEAR, "inleen_hours_per_year": PER_YEAR / 2, "target_jobs": 4})
    assert res["formal_jobs"] == pytest.approx(3) and res["inleen_jobs"] == pytest.approx(0.5)
    assert res["formal_from_hours"] and res["inleen_from_hours"]
    assert res["realised_jobs_display"] == "3,5"
    assert any(r["code"] == "uren_naar_banen" and "1.331" in r["message"] for r in res["reasons"])


def test_exact_and_rounded_realised_jobs():
    res = ok({"formal_hours_per_year": 1000, "target_jobs": 10})
    assert res["realised_jobs"] == pytest.approx(1000 / PER_YEAR)
    assert res["realised_jobs_rounded"] == pytest.approx(0.8)
    assert res["realised_jobs_display"] == "0,8"


def test_target_from_quota_percentage():
    res = ok({"formal_jobs": 10, "quota_pct": 2.5, "workforce_jobs": 1000})
    assert res["target_jobs"] == pytest.approx(25) and res["target_from_quota"]
    assert res["realisation_pct"] == pytest.approx(40)
    assert any(r["code"] == "doel_uit_quotum" and "2,5%" in r["message"] for r in res["reasons"])


def test_target_exactly_met_and_exceeded():
    met = ok({"formal_jobs": 20, "target_jobs": 20})
    assert met["gap_jobs"] == 0 and met["surplus_jobs"] == 0 and met["realisation_pct"] == pytest.approx(100)
    over = ok({"formal_jobs": 22, "target_jobs": 20})
    assert over["gap_jobs"] == 0 and over["surplus_jobs"] == pytest.approx(2)
    assert "2 banen extra" in over["summary"]


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"formal_jobs": 1, "formal_hours_per_year": 1331, "target_jobs": 5}, "formal_hours_per_year"),
        ({"inleen_jobs": 1, "inleen_hours_per_year": 1331, "target_jobs": 5}, "inleen_hours_per_year"),
        ({"target_jobs": 5}, "formal_jobs"),
        ({"formal_jobs": 1}, "target_jobs"),
        ({"formal_jobs": 1, "quota_pct": 2}, "workforce_jobs"),
        ({"formal_jobs": 1, "workforce_jobs": 200}, "quota_pct"),
        ({"formal_jobs": 1, "target_jobs": 5, "quota_pct": 2, "workforce_jobs": 100}, "quota_pct"),
        ({"formal_jobs": -1, "target_jobs": 5}, "formal_jobs"),
        ({"formal_jobs": 1, "target_jobs": 0}, "target_jobs"),
        ({"formal_jobs": 1, "target_jobs": 5, "quota_pct": 101}, "quota_pct"),
    ],
)
def test_invalid_combinations_name_the_field_in_dutch(payload, field):
    errs = errors(payload)
    assert field in errs
    assert not any(w in errs[field].lower() for w in ("input", "should", "field", "value error"))


def test_history_rows_must_precede_the_year_and_be_unique():
    errs = errors({"formal_jobs": 5, "target_jobs": 10, "year": 2024,
                   "history": [{"year": 2023, "realised_jobs": 4, "target_jobs": 9},
                               {"year": 2023, "realised_jobs": 4, "target_jobs": 9},
                               {"year": 2024, "realised_jobs": 4, "target_jobs": 9}]})
    assert "history.1.year" in errs and "history.2.year" in errs and "history.0.year" not in errs


def test_no_history_no_trend():
    assert ok({"formal_jobs": 5, "target_jobs": 10})["trend"] is None


def test_trend_reach_year():
    # Gap 10 now; realised grows 10/yr, target 5/yr: the gap closes 5 a year -> two years.
    res = ok({"formal_jobs": 90, "target_jobs": 100, "year": 2025,
              "history": [{"year": 2024, "realised_jobs": 80, "target_jobs": 95}]})
    tr = res["trend"]
    assert tr["realised_per_year"] == pytest.approx(10) and tr["target_per_year"] == pytest.approx(5)
    assert tr["reach_year"] == 2027 and not tr["reached"]
    assert "2027" in tr["message"]
    assert [p["year"] for p in tr["points"]] == [2024, 2025] and tr["points"][-1]["current"]


def test_trend_reach_year_exactly_on_a_whole_year():
    # Gap 10 closes 10 a year: reached after exactly one year, not two.
    res = ok({"formal_jobs": 90, "target_jobs": 100, "year": 2025,
              "history": [{"year": 2024, "realised_jobs": 80, "target_jobs": 100}]})
    assert res["trend"]["reach_year"] == 2026


def test_trend_horizon_boundary():
    # Gap closes 1 a year. A gap of HORIZON is reached at the horizon; one more is not.
    at = ok({"formal_jobs": 100 - HORIZON, "target_jobs": 100, "year": 2025,
             "history": [{"year": 2024, "realised_jobs": 100 - HORIZON - 1, "target_jobs": 100}]})
    assert at["trend"]["reach_year"] == 2025 + HORIZON
    beyond = ok({"formal_jobs": 99 - HORIZON, "target_jobs": 100, "year": 2025,
                 "history": [{"year": 2024, "realised_jobs": 98 - HORIZON, "target_jobs": 100}]})
    assert beyond["trend"]["reach_year"] is None
    assert f"niet binnen {HORIZON} jaar" in beyond["trend"]["message"]


def test_trend_not_closing_the_gap_is_never_reached():
    # The Rijk 2019-2021: jobs grow, but the target grows as fast (figures of the letter).
    s = {y.year: y for y in DATA.sector_series.years}
    res = ok({"formal_jobs": s[2021].realised_jobs, "target_jobs": s[2021].target_jobs, "year": 2021,
              "history": [{"year": y, "realised_jobs": s[y].implied_jobs, "target_jobs": s[y].target_jobs}
                          for y in (2019, 2020)]})
    tr = res["trend"]
    assert tr["reach_year"] is None and tr["gap_change_per_year"] >= 0
    assert "niet gehaald" in tr["message"]


def test_trend_already_reached():
    res = ok({"formal_jobs": 12, "target_jobs": 10, "year": 2025,
              "history": [{"year": 2024, "realised_jobs": 8, "target_jobs": 10}]})
    assert res["trend"]["reached"] and res["trend"]["reach_year"] == 2025


def test_year_defaults_to_after_history_with_a_warning():
    res = ok({"formal_jobs": 5, "target_jobs": 10,
              "history": [{"year": 2022, "realised_jobs": 4, "target_jobs": 10},
                          {"year": 2020, "realised_jobs": 2, "target_jobs": 10}]})
    assert res["year"] == 2023
    assert [p["year"] for p in res["trend"]["points"]] == [2020, 2022, 2023]
    assert any(w["code"] == "jaar_aangenomen" for w in res["warnings"])


def test_sroi_jobs_shown_apart_and_not_counted():
    base = ok({"formal_jobs": 10, "target_jobs": 20})
    res = ok({"formal_jobs": 10, "target_jobs": 20, "sroi_jobs": 7})
    assert res["realised_jobs"] == base["realised_jobs"] and res["gap_jobs"] == base["gap_jobs"]
    assert res["sroi"]["jobs"] == 7 and res["sroi"]["counts_for_quota"] is False
    assert "spoor 3" in res["sroi"]["source"].lower()
    assert DATA.track_3.reason in res["sroi"]["message"]
    assert base["sroi"] is None


def test_sector_reference_carries_the_letter_figures():
    res = ok({"formal_jobs": 1, "target_jobs": 2})
    ref = {r["year"]: r for r in res["sector_reference"]}
    assert set(ref) == {2019, 2020, 2021}
    assert ref[2021]["realisation_pct"] == 69 and ref[2021]["computed_pct"] == pytest.approx(68.5)
    assert "3.203" in ref[2021]["message"] and "4.674" in ref[2021]["message"]
    assert ref[2019]["computed_pct"] is None and "59%" in ref[2019]["message"]


def test_no_english_in_any_message():
    res = ok({"formal_hours_per_year": 20000, "inleen_jobs": 3, "quota_pct": 3, "workforce_jobs": 900, "sroi_jobs": 2,
              "history": [{"year": 2023, "realised_jobs": 10, "target_jobs": 25}]})
    texts = [res["summary"], res["trend"]["message"], res["sroi"]["message"]]
    texts += [r["message"] for r in res["reasons"] + res["warnings"]]
    for t in texts:
        assert not any(w in f" {t.lower()} " for w in (" the ", " should ", " and ", " is not ")), t


# Whatever JSON arrives, the door answers with a result or Dutch field errors, never an exception.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_num = st.one_of(st.none(), st.integers(-5, 10**7), st.floats(allow_nan=True, allow_infinity=True),
                 st.floats(0, 5000), st.text(max_size=4), st.booleans())
_row = st.fixed_dictionaries({}, optional={"year": st.one_of(st.integers(2000, 2110), st.text(max_size=3)),
                                           "realised_jobs": _num, "target_jobs": _num})
_payload = st.fixed_dictionaries({}, optional={
    "formal_jobs": _num, "inleen_jobs": _num, "formal_hours_per_year": _num, "inleen_hours_per_year": _num,
    "target_jobs": _num, "quota_pct": _num, "workforce_jobs": _num, "sroi_jobs": _num,
    "year": st.one_of(st.none(), st.integers(2000, 2110)), "history": st.lists(_row, max_size=5),
})


@settings(max_examples=300, deadline=None)
@given(_payload)
def test_never_raises_and_errors_are_dutch(payload):
    res = api.run("quotum", payload)
    if res["ok"]:
        assert res["realised_jobs"] >= 0 and res["target_jobs"] > 0 and res["gap_jobs"] >= 0
        assert res["gap_jobs"] == pytest.approx(max(res["target_jobs"] - res["realised_jobs"], 0))
    else:
        assert res["errors"] and all(e["message"] for e in res["errors"])
        assert not any("Er ging iets mis" in e["message"] for e in res["errors"]), res["errors"]
        assert not any(w in e["message"] for e in res["errors"] for w in ("Input should", "Field required"))


def test_a_target_too_small_to_show_is_a_dutch_field_error_not_a_crash():
    # Found by hypothesis: a target of 5e-324 jobs made the realisation percentage infinite.
    res = api.run("quotum", {"formal_jobs": 1.0, "target_jobs": 5e-324})
    assert not res["ok"]
    assert [e["field"] for e in res["errors"]] == ["target_jobs"]
    assert res["errors"][0]["message"] == "Vul een getal in van minstens 0,01."
    res = api.run("quotum", {"formal_jobs": 1.0, "quota_pct": 1e-200, "workforce_jobs": 1e-200})
    assert not res["ok"]
    assert [e["field"] for e in res["errors"]] == ["quota_pct"]
    assert "minder dan 0,01 baan" in res["errors"][0]["message"]
    assert api.run("quotum", {"formal_jobs": 1.0, "target_jobs": 0.01})["ok"]


def test_workforce_in_fte_or_hours_converts_with_its_source():
    base = {"formal_jobs": 10, "quota_pct": 2.5}
    jobs = ok({**base, "workforce_jobs": 1000})
    fte = ok({**base, "workforce_jobs": 1000, "workforce_unit": "fte"})  # profile: 1 fte = 36 hours
    assert fte["workforce_in_jobs"] == pytest.approx(1000 * 36 / 25.5)
    assert fte["target_jobs"] == pytest.approx(0.025 * 1000 * 36 / 25.5)
    msg = next(r for r in fte["reasons"] if r["code"] == "omvang_uit_fte")
    assert "36 uur" in msg["message"] and "25,5 uur" in msg["message"] and msg["estimate"]
    own = ok({**base, "workforce_jobs": 1000, "workforce_unit": "fte", "fte_hours_per_week": 38})
    assert own["workforce_in_jobs"] == pytest.approx(1000 * 38 / 25.5)
    assert not next(r for r in own["reasons"] if r["code"] == "omvang_uit_fte")["estimate"]
    hours = ok({**base, "workforce_jobs": 1_331_000, "workforce_unit": "uren_per_jaar"})
    assert hours["workforce_in_jobs"] == pytest.approx(1000)
    assert hours["target_jobs"] == pytest.approx(jobs["target_jobs"])
