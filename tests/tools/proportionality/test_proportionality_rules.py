"""Proportionaliteit (step 2Ac, annex IV): every rule at its boundary, with the figures read from the profile."""

from __future__ import annotations

import pytest

from handreiking_tools import api
from handreiking_tools.profile import load_profile

HR = load_profile("handreiking")
RIJK = load_profile("rijksoverheid")


def run(**kw):
    payload = {"contract_value_eur": 1_200_000, "duration_months": 36, "contract_type": "dienst", "category": "schoonmaak"}
    payload.update(kw)
    out = api.run("proportionaliteit", payload)
    assert out["ok"], out
    return out


def codes(out, key="reasons"):
    return [r["code"] for r in out[key]]


def test_issue_example():
    out = run()
    assert out["advice"] == "toepassen"
    assert out["base"] == "opdrachtwaarde"
    assert out["percentage"] == HR.percentage_pct.value == 5
    assert out["amount_eur"] == pytest.approx(1_200_000 * 0.05)
    assert out["profile"] == {"name": "handreiking", "label": HR.label, "version": HR.version}
    assert all(r["source"] and r["code"] and r["message"] for r in out["reasons"])
    assert "€ 60.000" in out["summary"]


def test_duration_boundary():
    months = int(HR.min_duration_months.value)
    assert run(duration_months=months - 1)["advice"] == "niet_toepassen"
    assert run(duration_months=months)["advice"] == "toepassen"
    short = run(duration_months=months - 1)
    assert short["amount_eur"] is None and short["percentage"] is None
    assert "duur_kort" in codes(short)


def test_value_boundary():
    limit = HR.threshold_eur.value
    assert limit == 100_000
    assert run(contract_value_eur=limit)["advice"] == "toepassen"
    below = run(contract_value_eur=limit - 0.01)
    assert below["advice"] == "overwegen"
    assert "omvang_klein" in codes(below)
    # No amount where none is asked: only an indication that says the buyer decides.
    assert below["amount_eur"] is None and below["percentage"] is None
    assert below["indication_eur"] == pytest.approx((limit - 0.01) * 0.05)
    assert "beslist" in next(r["message"] for r in below["reasons"] if r["code"] == "indicatie")
    assert run(contract_value_eur=limit + 1)["advice"] == "toepassen"
    assert run(contract_value_eur=limit - 1)["advice"] == "overwegen"


def test_short_wins_over_small():
    assert run(contract_value_eur=10, duration_months=1)["advice"] == "niet_toepassen"


def test_supply_labour_share_boundary():
    edge = HR.low_labour_share_pct.value
    assert edge == 50
    at = run(contract_type="levering", category="leveringen", labour_share_pct=edge)
    assert at["advice"] == "toepassen"
    assert at["percentage"] == 5 and at["alternative"] is None
    below = run(contract_type="levering", category="leveringen", labour_share_pct=edge - 0.1)
    assert below["advice"] == "overwegen"
    assert "levering_weinig_arbeid" in codes(below)


def test_low_labour_share_percentage_and_alternative():
    out = run(contract_type="dienst", labour_share_pct=40)
    assert out["advice"] == "toepassen"  # only a supply is downgraded
    # 2% at a labour share of 20% or less, rising to 5% at 50%: 40% gives 4%, no cliff at 50%.
    assert HR.low_labour_percentage_pct.value == 2
    assert out["percentage"] == pytest.approx(4)
    assert out["amount_eur"] == pytest.approx(1_200_000 * 0.04)
    assert run(contract_type="dienst", labour_share_pct=10)["percentage"] == pytest.approx(2)
    low = next(r for r in out["reasons"] if r["code"] == "arbeidsaandeel_laag")
    assert low["estimate"] is True and "schatting van deze site" in low["message"]
    assert out["labour_cost_eur"] == pytest.approx(480_000)
    alt = out["alternative"]
    assert alt["base"] == "loonsom" and alt["percentage"] == 5
    assert alt["amount_eur"] == pytest.approx(480_000 * 0.05)
    assert "€ 24.000" in alt["message"]


def test_labour_share_default_from_category_and_warning():
    out = run(category="leveringen", contract_type="levering")
    assert out["labour_share_from_category"] is True
    assert out["labour_share_pct"] == 15
    assert out["advice"] == "overwegen"
    assert "arbeidsaandeel_schatting" in codes(out, "warnings")
    given = run(labour_share_pct=80)
    assert given["labour_share_from_category"] is False
    assert "arbeidsaandeel_schatting" not in codes(given, "warnings")


def test_suitability_reasons():
    assert "aard_veel_geschikt" in codes(run(category="groenvoorziening"))
    assert "aard_specialistisch" in codes(run(category="onderzoek_advies"))
    neutral = codes(run(category="beveiliging"))
    assert "aard_veel_geschikt" not in neutral and "aard_specialistisch" not in neutral


def test_framework_agreement():
    assert "raamovereenkomst" in codes(run(framework_agreement=True))
    assert "raamovereenkomst" not in codes(run(framework_agreement=False))


def test_target_group_caution_always():
    for kw in ({}, {"duration_months": 1}, {"contract_value_eur": 5}):
        assert "doelgroep_niet_voorschrijven" in codes(run(**kw), "warnings")


def test_instruments():
    big = codes(run(), "instruments")
    assert big[0] == "contractvoorwaarde"
    assert {"gunningscriterium", "minimumeis", "combinatie", "voorbehouden_opdracht", "percelen"} <= set(big)
    small = codes(run(contract_value_eur=150_000, category="ict"), "instruments")
    assert "procedurekeuze" in small and "percelen" not in small and "voorbehouden_opdracht" not in small
    assert "onderhands" not in small
    assert "contractvoorwaarde" not in codes(run(duration_months=2), "instruments")


def test_eu_threshold_boundary_for_lots():
    # decentral services threshold of the default profile, read from data
    from handreiking_tools.reference import procurement

    t = procurement().eu_thresholds.decentral_supplies_services_eur.value
    assert "percelen" in codes(run(category="ict", contract_value_eur=t), "instruments")
    assert "procedurekeuze" in codes(run(category="ict", contract_value_eur=t - 1), "instruments")
    assert "percelen" in codes(run(category="ict", contract_value_eur=t + 1), "instruments")


def rijk_on_labour_cost():
    custom = RIJK.model_dump(mode="json")
    custom.update(name="rijk-loonsom", label="Rijk (loonsom)", threshold_measure="loonsom", threshold_inclusive=True)
    return custom


def test_rijk_threshold_on_contract_value_by_default():
    # The Rijk's own standard (facts A1/A2): contracts above EUR 250,000, measured on the contract value.
    limit = RIJK.threshold_eur.value
    assert limit == 250_000 and RIJK.threshold_measure == "opdrachtwaarde" and RIJK.threshold_inclusive is False
    assert run(profile="rijksoverheid", contract_value_eur=limit)["advice"] == "overwegen"
    assert run(profile="rijksoverheid", contract_value_eur=limit - 1)["advice"] == "overwegen"
    above = run(profile="rijksoverheid", contract_value_eur=limit + 1, labour_share_pct=50)
    assert above["advice"] == "toepassen" and above["base"] == "loonsom"
    assert above["threshold_measure"] == "opdrachtwaarde"
    assert above["amount_eur"] == pytest.approx((limit + 1) * 0.5 * RIJK.percentage_pct.value / 100)
    msg = next(r["message"] for r in above["reasons"] if r["code"] == "omvang_voldoende")
    assert "opdrachtwaarde" in msg
    # 5% of the loonsom cites the Rijk's standard, not annex IV / Maatwerk voor Mensen.
    src = next(r["source"] for r in above["reasons"] if r["code"] == "grondslag_loonsom")
    assert "standaard social return" in src and "bijlage IV" not in src.lower() and "Maatwerk" not in src


def test_rijk_labour_cost_boundary_as_a_setting():
    custom = rijk_on_labour_cost()
    limit = RIJK.threshold_eur.value
    at = run(profile=custom, contract_value_eur=2 * limit, labour_share_pct=50)
    assert at["labour_cost_eur"] == limit and at["advice"] == "toepassen" and at["threshold_measure"] == "loonsom"
    assert run(profile=custom, contract_value_eur=2 * limit - 2, labour_share_pct=50)["advice"] == "overwegen"
    assert run(profile=custom, contract_value_eur=2 * limit + 2, labour_share_pct=50)["advice"] == "toepassen"


def test_rijk_cleaning_flips_on_our_estimate_and_offers_the_lever():
    out = run(profile=rijk_on_labour_cost(), contract_value_eur=300_000, category="schoonmaak")
    assert out["advice"] == "overwegen"  # 80% (our estimate) of 300.000 = 240.000 < 250.000
    lever = next(r for r in out["reasons"] if r["code"] == "arbeidsaandeel_hefboom")
    assert lever["estimate"] is True and "83,4%" in lever["message"] and "toepassen" in lever["message"]
    assert run(profile=rijk_on_labour_cost(), contract_value_eur=300_000, labour_share_pct=83.4)["advice"] == "toepassen"


def test_rijk_supplies_and_duration():
    sup = run(profile="rijksoverheid", contract_type="levering", category="leveringen", labour_share_pct=30,
              contract_value_eur=1_000_000)
    assert sup["advice"] == "toepassen"  # above 250.000: also supplies
    assert "levering_kansen" in codes(sup)
    months = int(RIJK.min_duration_months.value)
    assert run(profile="rijksoverheid", duration_months=months - 1)["advice"] == "overwegen"
    assert run(profile="rijksoverheid", duration_months=months)["advice"] == "toepassen"


def test_category_percentage_from_custom_profile():
    custom = HR.model_dump(mode="json")
    custom.update(name="gemeente", label="Gemeente", category_percentages={
        "schoonmaak": {"value": 7, "source": {"document": "Beleid gemeente", "section": "art. 3"}}})
    out = run(profile=custom)
    assert out["percentage"] == 7
    assert out["amount_eur"] == pytest.approx(1_200_000 * 0.07)
    assert "percentage_categorie" in codes(out)
    assert run(profile=custom, category="catering")["percentage"] == 5


def test_cost_per_job_year_gives_estimate_only_with_hours_basis():
    assert run()["jobs_estimate"] is None
    custom = HR.model_dump(mode="json")
    custom["cost_per_job_year_eur"] = {"value": 40_000, "source": {"document": "Beleid"}}
    out = run(profile=custom)  # no hours basis: no conversion, and the result says why
    assert out["jobs_estimate"] is None and "banen_niet_omgerekend" in codes(out)
    custom["cost_per_job_hours_per_week"] = {"value": 36, "source": {"document": "Bouwblokken, 36 uur"}}
    out = run(profile=custom)  # 60.000 over 3 years = 20.000 a year; a 25,5-hour job costs 40.000*25,5/36
    assert out["jobs_estimate"] == pytest.approx(round(20_000 / (40_000 * 25.5 / 36), 2))
    msg = next(r["message"] for r in out["reasons"] if r["code"] == "banen_schatting")
    assert "36 uur" in msg and "25,5 uur" in msg and "€ 28.333" in msg


@pytest.mark.parametrize("payload, field", [
    ({"duration_months": 0}, "duration_months"),
    ({"contract_value_eur": -1}, "contract_value_eur"),
    ({"labour_share_pct": 101}, "labour_share_pct"),
    ({"contract_type": "huur"}, "contract_type"),
    ({"category": "ruimtevaart"}, "category"),
    ({"profile": "onbekend"}, "profile"),
    ({"extra": 1}, "extra"),
])
def test_invalid_input_dutch(payload, field):
    base = {"contract_value_eur": 1, "duration_months": 12, "contract_type": "dienst", "category": "ict"}
    out = api.run("proportionaliteit", {**base, **payload})
    assert out["ok"] is False
    assert [e["field"] for e in out["errors"]] == [field]
    msg = out["errors"][0]["message"]
    assert msg and "Input should" not in msg and "Value error" not in msg


@pytest.mark.parametrize("typed", ["215.999,50", "€ 215.999,99"])
def test_an_amount_half_a_euro_under_a_limit_is_shown_with_its_cents(typed):
    """Whole euros alone showed € 215.999,50 as "€ 216.000", in the sentence that says it lies below
    € 216.000: a reader sees a contradiction. Amounts beside a limit keep their cents."""
    from handreiking_tools.reference import procurement

    t = procurement().eu_thresholds.decentral_supplies_services_eur.value
    out = run(category="ict", contract_value_eur=typed)
    below = next(r["message"] for r in out["reasons"] if r["code"] == "eu_drempel_onder")
    shown = "€ " + typed.removeprefix("€ ")
    assert f"De opdracht ({shown}) ligt daaronder." in below and f"€ {t:,.0f}".replace(",", ".") in below
    # a value set beside the policy's own limit as well (the Handreiking's € 100.000)
    low = run(contract_value_eur=f"{HR.threshold_eur.value - 0.5:.2f}".replace(".", ","))
    small = next(r["message"] for r in low["reasons"] if r["code"] == "omvang_klein")
    assert "(€ 99.999,50) is niet" in small
    # whole amounts stay bare, as before
    assert "De opdracht (€ 216.000) is € 216.000 of meer" in " ".join(r["message"] for r in run(category="ict", contract_value_eur=t)["reasons"])
