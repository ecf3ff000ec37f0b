"""Proportionaliteit (step 2Ac, annex IV): every rule at its boundary, with the figures read from the profile."""

from __future__ import annotations

import pytest

from handreiking_tools import api
from handreiking_tools.policy import load_profile

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
    assert below["amount_eur"] == pytest.approx((limit - 0.01) * 0.05)


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
    assert out["percentage"] == HR.low_labour_percentage_pct.value == 2
    assert out["amount_eur"] == pytest.approx(1_200_000 * 0.02)
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
    assert "onderhands" in small and "percelen" not in small and "voorbehouden_opdracht" not in small
    assert "contractvoorwaarde" not in codes(run(duration_months=2), "instruments")


def test_eu_threshold_boundary_for_lots():
    # decentral services threshold of the default profile, read from data
    from handreiking_tools.models import procurement

    t = procurement().eu_thresholds.decentral_supplies_services_eur.value
    assert "percelen" in codes(run(category="ict", contract_value_eur=t), "instruments")
    assert "onderhands" in codes(run(category="ict", contract_value_eur=t - 1), "instruments")


def test_rijk_labour_cost_boundary():
    limit = RIJK.threshold_eur.value
    assert limit == 250_000
    # labour share 50% -> labour cost is half the value
    at = run(profile="rijksoverheid", contract_value_eur=2 * limit, labour_share_pct=50)
    assert at["labour_cost_eur"] == limit
    assert at["advice"] == "toepassen"
    assert at["base"] == "loonsom"
    assert at["amount_eur"] == pytest.approx(limit * RIJK.percentage_pct.value / 100)
    below = run(profile="rijksoverheid", contract_value_eur=2 * limit - 1, labour_share_pct=50)
    assert below["advice"] == "overwegen"
    assert below["profile"]["name"] == "rijksoverheid"


def test_rijk_supplies_and_duration():
    sup = run(profile="rijksoverheid", contract_type="levering", category="leveringen", labour_share_pct=30,
              contract_value_eur=1_000_000)
    assert sup["advice"] == "toepassen"  # 300.000 labour cost: also supplies
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


def test_cost_per_job_year_gives_estimate():
    assert run()["jobs_estimate"] is None
    custom = HR.model_dump(mode="json")
    custom["cost_per_job_year_eur"] = {"value": 20_000, "source": {"document": "Beleid"}}
    out = run(profile=custom)  # 60.000 over 3 years = 20.000 a year
    assert out["jobs_estimate"] == pytest.approx(1.0)


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
