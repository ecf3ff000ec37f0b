"""Wat moet ik leveren?: models, rules and view, through the one door api.run / api.render."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handreiking_tools import api
from handreiking_tools.profile import Profiles, load_profile
from handreiking_tools.tools.delivery.models import social_return
from handreiking_tools.tools.quota.letter import quota_letter

WEEK = quota_letter().hours_per_job_week.value
YEAR = quota_letter().hours_per_job_year.value
TABLE = social_return().valuation_example


def run(payload: dict) -> dict:
    out = api.run("leveren", payload)
    assert out["ok"], out.get("errors")
    return out


def errors(payload: dict) -> dict[str, dict]:
    out = api.run("leveren", payload)
    assert out["ok"] is False
    return {e["field"]: e for e in out["errors"]}


def test_five_percent_of_1_200_000_is_60_000_and_its_jobs() -> None:
    out = run({"percentage_pct": "5%", "base_amount_eur": "€ 1.200.000"})
    assert out["obligation_eur"] == pytest.approx(60_000)
    assert out["read"] == {"percentage_pct": "5%", "base_amount_eur": "€ 1.200.000"}
    first = out["options"][0]
    assert first["group"] == "banenafspraak"
    per_job_year = TABLE.values_eur["banenafspraak"] * WEEK / TABLE.hours_per_week.value  # 40.000 x 25,5 / 36
    assert first["value_per_job_year_eur"] == pytest.approx(per_job_year)
    assert first["job_years"] == pytest.approx(60_000 / per_job_year)
    assert first["hours"] == pytest.approx(first["job_years"] * YEAR)
    view = api.render("leveren", out)
    assert "€ 60.000" in view.short and "2,1 banen van 25,5 uur" in view.short
    assert "5% van de opdrachtwaarde van € 1.200.000 is € 60.000." in view.text


def test_amount_direct_and_per_year() -> None:
    out = run({"obligation_eur": "€ 61.700", "duration_months": "36"})
    assert out["obligation_eur"] == 61_700 and out["years"] == 3
    assert out["per_year_eur"] == pytest.approx(61_700 / 3)
    assert all(o["jobs_per_year"] == pytest.approx(o["job_years"] / 3) for o in out["options"])


def test_loonsom_is_named() -> None:
    out = run({"percentage_pct": "2,5", "base_amount_eur": "400.000", "base": "loonsom"})
    assert out["obligation_eur"] == pytest.approx(10_000)
    assert "2,5% van de loonsom van € 400.000 is € 10.000." in out["how"]


@pytest.mark.parametrize(
    ("payload", "field", "kind"),
    [
        ({}, "obligation_eur", "missing"),
        ({"obligation_eur": "60.000", "percentage_pct": "5%"}, "percentage_pct", "conflict"),
        ({"percentage_pct": "5%"}, "base_amount_eur", "missing"),
        ({"base_amount_eur": "1.200.000"}, "percentage_pct", "missing"),
        ({"obligation_eur": "0"}, "obligation_eur", "too_small"),
        ({"obligation_eur": "zestig"}, "obligation_eur", "not_a_number"),
        ({"obligation_eur": "60.000", "candidates": [{"group": "onbekend"}]}, "candidates.0.group", "invalid"),
    ],
)
def test_errors_name_the_field_in_dutch(payload: dict, field: str, kind: str) -> None:
    errs = errors(payload)
    assert field in errs, errs
    assert errs[field]["kind"] == kind
    assert errs[field]["message"][0].isupper()


def test_candidate_mix_adds_up_with_defaults_and_bonus() -> None:
    out = run({"obligation_eur": "60.000", "candidates": [
        {"group": "banenafspraak"},  # 25,5 hours, 12 months
        {"group": "ww", "hours_per_week": "36", "months": "6", "bonuses": "1"},
        {"group": "anders", "hours_per_week": "18", "value_eur": "€ 20.000"},
    ]})
    full = TABLE.hours_per_week.value
    a, b, c = out["mix"]["lines"]
    assert a["hours"] == pytest.approx(YEAR) and a["job_years"] == pytest.approx(1)
    assert a["value_eur"] == pytest.approx(TABLE.values_eur["banenafspraak"] * WEEK / full)
    assert b["value_per_year_eur"] == TABLE.values_eur["ww"] + TABLE.bonus_eur
    assert b["value_eur"] == pytest.approx((TABLE.values_eur["ww"] + TABLE.bonus_eur) / 2)
    assert c["own_value"] and c["value_eur"] == pytest.approx(20_000 * 18 / full)
    total = a["value_eur"] + b["value_eur"] + c["value_eur"]
    assert out["mix"]["value_eur"] == pytest.approx(total)
    assert out["mix"]["left_eur"] == pytest.approx(60_000 - total)
    assert out["mix"]["covered_pct"] == pytest.approx(total / 60_000 * 100)
    codes = [r["code"] for r in out["reasons"]]
    assert "toeslag" in codes and any(r["estimate"] for r in out["reasons"] if r["code"] == "toeslag")


def test_group_without_a_value_in_the_table_needs_an_own_value(monkeypatch: pytest.MonkeyPatch) -> None:
    from handreiking_tools.tools.delivery import rules

    data = social_return()
    values = {k: v for k, v in TABLE.values_eur.items() if k != "anders"}
    table = TABLE.model_copy(update={"values_eur": values})
    monkeypatch.setattr(rules, "social_return", lambda: data.model_copy(update={"valuation_example": table}))
    errs = errors({"obligation_eur": "1.000", "candidates": [{"group": "anders"}]})
    assert errs["candidates.0.value_eur"]["kind"] == "missing"
    out = run({"obligation_eur": "1.000", "candidates": [{"group": "anders", "value_eur": "12.000"}]})
    assert out["mix"]["lines"][0]["own_value"] is True
    assert "anders" not in [o["group"] for o in out["options"]]


def test_example_table_is_labelled_as_this_sites_own_example() -> None:
    assert TABLE.example and TABLE.source.estimate
    out = run({"obligation_eur": "60.000"})
    assert out["table_example"] is True and "eigen voorbeeld" in out["table_label"]
    reason = next(r for r in out["reasons"] if r["code"] == "voorbeeldtabel")
    assert reason["estimate"] and "schatting van deze site" in reason["message"]
    assert "eigen voorbeeld" in api.render("leveren", out).html


def test_pso_step_gives_no_discount_unless_the_profile_says_so() -> None:
    out = run({"obligation_eur": "60.000", "pso_step": "trede_2"})
    assert out["obligation_eur"] == 60_000 and out["pso_reduction_pct"] == 0
    assert [w["code"] for w in out["warnings"]] == ["pso_geen_korting"]
    own = load_profile("handreiking").model_dump(mode="json")
    own.update(name="pso-test", label="Gemeente met PSO-korting",
               pso_reduction_pct={"trede_2": {"value": 10, "source": {"document": "Testbeleid"}}})
    profiles = Profiles.with_own(own)
    out = api.run("leveren", {"obligation_eur": "60.000", "pso_step": "trede_2"}, profiles)  # the site's own is default
    assert out["obligation_before_pso_eur"] == 60_000
    assert out["obligation_eur"] == pytest.approx(54_000)
    assert "pso_korting" in [r["code"] for r in out["reasons"]]
    out = api.run("leveren", {"obligation_eur": "60.000", "pso_step": "trede_1", "profile": "pso-test"}, profiles)
    assert out["obligation_eur"] == 60_000  # only the step the profile names
    # An own profile given in the input itself works as well.
    out = run({"obligation_eur": "60.000", "pso_step": "trede_2", "profile": own})
    assert out["obligation_eur"] == pytest.approx(54_000)


def test_view_escapes_and_has_text_and_short() -> None:
    out = run({"obligation_eur": "60.000", "candidates": [{"group": "banenafspraak"}]})
    out["summary"] = "<script>x</script>"
    view = api.render("leveren", out)
    assert "<script>" not in view.html and "&lt;script&gt;" in view.html
    assert view.short == "<script>x</script>"
    assert "Je kandidaten opgeteld" in view.text and "<" not in view.text.replace("<script>x</script>", "")


amounts = st.floats(min_value=1, max_value=1e9, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(amount=amounts, months=st.integers(1, 600))
def test_jobs_are_hours_over_a_job_year_for_every_group(amount: float, months: int) -> None:
    out = run({"obligation_eur": amount, "duration_months": months})
    for o in out["options"]:
        assert o["hours"] == pytest.approx(o["job_years"] * WEEK * (YEAR / WEEK))
        assert o["job_years"] * o["value_per_job_year_eur"] == pytest.approx(amount)
        assert o["jobs_per_year"] == pytest.approx(o["job_years"] / (months / 12))


@settings(max_examples=60, deadline=None)
@given(amount=amounts, rows=st.lists(st.tuples(
    st.sampled_from(sorted(TABLE.values_eur)), st.floats(0.5, 60), st.floats(0.5, 120), st.integers(0, 2)),
    min_size=1, max_size=6))
def test_mix_left_plus_value_is_the_obligation_when_short(amount: float, rows: list) -> None:
    out = run({"obligation_eur": amount, "candidates": [
        {"group": g, "hours_per_week": h, "months": m, "bonuses": b} for g, h, m, b in rows]})
    mix = out["mix"]
    assert mix["left_eur"] >= 0 and mix["surplus_eur"] >= 0 and not (mix["left_eur"] and mix["surplus_eur"])
    if mix["left_eur"] > 0:
        assert mix["left_eur"] + mix["value_eur"] == pytest.approx(amount)
    else:
        assert mix["value_eur"] - mix["surplus_eur"] == pytest.approx(amount)
    for line in mix["lines"]:
        assert line["job_years"] == pytest.approx(line["hours"] / (WEEK * YEAR / WEEK))
        assert math.isfinite(line["value_eur"])
