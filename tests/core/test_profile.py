"""Policy profiles: shipped ones validate, a dict profile is accepted or rejected in Dutch."""

from __future__ import annotations

import copy

import pytest

from handreiking_tools import profile as policy
from handreiking_tools.data import load_json
from handreiking_tools.profile import PolicyProfile
from handreiking_tools.reference import categories, procurement


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
    own = policy.Profiles.with_own(data)
    assert own.names() == ["handreiking", "rijksoverheid", "testgemeente"] and own.default_name == "testgemeente"
    assert own.load("testgemeente").threshold_eur.value == 50_000 and own.load(None) == own.load("testgemeente")
    # Nothing global: the shipped profiles know no 'testgemeente'.
    assert "testgemeente" not in policy.SHIPPED_PROFILES.names()
    with pytest.raises(policy.ProfileError, match="Onbekend beleidsprofiel"):
        policy.load_profile("testgemeente")


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


# ---- bounds on every figure (issue 15): values that passed before and broke a calculator ----

@pytest.mark.parametrize("path, value, needle", [
    (("threshold_eur",), 1e30, "threshold_eur.value: Vul een getal in van hoogstens 1.000.000.000.000."),
    (("cost_per_job_year_eur",), 1e-300, "cost_per_job_year_eur.value: Vul een getal in van minstens 1."),
    (("cost_per_job_year_eur",), 5e-324, "cost_per_job_year_eur.value: Vul een getal in van minstens 1."),
    (("min_duration_months",), 1e9, "min_duration_months.value: Vul een getal in van hoogstens 1.200."),
    (("shortlist", "route_2a_months"), 1_000_000, "shortlist.route_2a_months.value: Vul een getal in van hoogstens 1.200."),
    (("shortlist", "multi_year_min_months"), 5000, "shortlist.multi_year_min_months.value"),
    (("shortlist", "extension_window_months"), 5000, "shortlist.extension_window_months.value"),
    (("shortlist", "annual_value_eur"), 1e300, "shortlist.annual_value_eur.value"),
    (("shortlist", "weights", "annual_value"), 1e308, "shortlist.weights.annual_value.value: Vul een getal in van hoogstens 1.000."),
    (("shortlist", "top_n"), -1, "shortlist.top_n.value: Vul een getal in van minstens 1."),
    (("shortlist", "top_n"), 2.5, "shortlist.top_n.value: Vul een heel getal in"),
])
def test_every_profile_figure_is_bounded(path, value, needle):
    data = copy.deepcopy(load_json("profile_handreiking"))
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = {"value": value, "source": {"document": "Eigen beleid"}}
    if path == ("shortlist", "weights", "annual_value"):
        data["shortlist"]["weights"]["labour_intensive"]["value"] = 1e308
    with pytest.raises(policy.ProfileError) as exc:
        policy.load_profile(data)
    assert needle in str(exc.value)
