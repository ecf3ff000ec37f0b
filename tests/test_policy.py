"""Policy profiles: shipped ones validate, a dict profile is accepted or rejected in Dutch."""

from __future__ import annotations

import copy

import pytest

from handreiking_tools import policy
from handreiking_tools.data import load_json
from handreiking_tools.models import PolicyProfile, categories, procurement


@pytest.mark.parametrize("name", policy.SHIPPED)
def test_shipped_profiles_validate(name):
    p = policy.load_profile(name)
    assert isinstance(p, PolicyProfile) and p.name == name
    assert p.percentage_pct.source.document


def test_default_is_handreiking():
    assert policy.load_profile().name == policy.load_profile(None).name == "handreiking"


def test_unknown_name_is_dutch_error():
    with pytest.raises(policy.ProfileError, match="Onbekend beleidsprofiel"):
        policy.load_profile("bestaat_niet")


def test_dict_profile_and_register():
    data = copy.deepcopy(load_json("profile_handreiking"))
    data["name"] = "testgemeente"
    data["threshold_eur"]["value"] = 50_000
    p = policy.load_profile(data)
    assert p.threshold_eur.value == 50_000
    try:
        policy.register_profile(data)
        assert "testgemeente" in policy.names()
        assert policy.load_profile("testgemeente").threshold_eur.value == 50_000
    finally:
        policy.unregister_profile("testgemeente")
    assert "testgemeente" not in policy.names()


@pytest.mark.parametrize("mutate, needle", [
    (lambda d: d.pop("percentage_pct"), "percentage_pct"),
    (lambda d: d["percentage_pct"].update(value=150), "percentage"),
    (lambda d: d["category_percentages"].update(onbekend={"value": 5, "source": {"document": "x"}}), "categorie"),
    (lambda d: d.update(base="omzet"), "base"),
    (lambda d: [w.update(value=0) for w in d["shortlist"]["weights"].values()], "gewichten"),
])
def test_bad_profile_rejected_in_dutch(mutate, needle):
    data = copy.deepcopy(load_json("profile_handreiking"))
    mutate(data)
    with pytest.raises(policy.ProfileError) as exc:
        policy.load_profile(data)
    msg = str(exc.value)
    assert msg.startswith("Het beleidsprofiel klopt niet.")
    assert needle in msg
    assert "Input should" not in msg and "Field required" not in msg


def test_not_a_dict():
    with pytest.raises(policy.ProfileError):
        policy.load_profile(["lijst"])  # type: ignore[arg-type]


def test_reference_data_validates():
    codes = {c.code for c in categories().categories}
    required = {"schoonmaak", "glasbewassing", "catering", "beveiliging", "groenvoorziening", "onderhoud", "zorg_welzijn",
                "ict", "inhuur", "onderzoek_advies", "bouw_infra", "leveringen", "overig"}
    assert required <= codes
    t = procurement().eu_thresholds
    assert (t.works_eur.value, t.central_supplies_services_eur.value, t.decentral_supplies_services_eur.value,
            t.social_services_eur.value) == (5_404_000, 140_000, 216_000, 750_000)  # facts.md D, 2026-2027
    assert procurement().reserved_contract_min_staff_pct.value == 30  # art. 2.82 Aw 2012
