"""The one door: api.run never raises, errors are Dutch, schemas carry Dutch titles and labels."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handreiking_tools import api

# Phrases of pydantic's English messages (and Python's) that must never reach a user.
ENGLISH = re.compile(
    r"Input should|Field required|should be|should have|Value error|Assertion failed|Extra inputs|"
    r"valid (integer|number|string|date|boolean|dictionary|list)|Unable to|not permitted|Traceback|object has no",
    re.IGNORECASE,
)
INTERNAL = "Er ging iets mis bij het rekenen"

json_scalars = st.none() | st.booleans() | st.integers(min_value=-10**20, max_value=10**20) | \
    st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20) | \
    st.sampled_from(["", "2026-01-01", "31-12-2026", "29-02-2025", "ja", "nee", "schoonmaak", "ict", "werk",
                     "levering", "dienst", "rijksoverheid", "1.234,56", "€ 100.000", "NaN", "1e400"])
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                           max_leaves=12)


def field_names(name: str) -> list[str]:
    schema = api.schema(name)
    names = list(schema.get("properties", {}))
    items = schema.get("properties", {}).get("contracts", {}).get("items", {})
    return names + list(items.get("properties", {}))


def payloads(name: str):
    keys = st.sampled_from(field_names(name)) | st.text(max_size=10)
    row = st.dictionaries(st.sampled_from(field_names(name)), json_values, max_size=10)
    value = json_values | st.lists(row | json_values, max_size=4)
    return st.dictionaries(keys, value, max_size=12)


def check(out):
    assert isinstance(out, dict) and isinstance(out["ok"], bool)
    json.dumps(out, allow_nan=False)  # JSON-ready for the browser
    messages = [e["message"] for e in out.get("errors", [])] + [e["message"] for e in out.get("row_errors", [])]
    if not out["ok"]:
        assert out["errors"], out
        for e in out["errors"]:
            assert isinstance(e["field"], str) and isinstance(e["message"], str) and e["message"]
    for m in messages:
        assert not ENGLISH.search(m), m
        assert INTERNAL not in m, m


@pytest.mark.parametrize("name", api.NAMES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_run_never_raises(name, data):
    payload = data.draw(payloads(name) | json_values)
    check(api.run(name, payload))


@settings(max_examples=50, deadline=None)
@given(name=st.text(max_size=20) | json_values, payload=json_values)
def test_run_never_raises_for_any_name(name, payload):
    out = api.run(name, payload)  # type: ignore[arg-type]
    check(out)
    if name not in api.NAMES:
        assert out["ok"] is False and "Onbekende rekenhulp" in out["errors"][0]["message"]


@pytest.mark.parametrize("payload", [None, [], "tekst", 3, True])
@pytest.mark.parametrize("name", api.NAMES)
def test_payload_must_be_an_object(name, payload):
    out = api.run(name, payload)
    assert out == {"ok": False, "errors": [{"field": "", "kind": "not_an_object", "message": "De invoer moet een groep velden zijn (een JSON-object)."}]}


@pytest.mark.parametrize("name", ["proportionaliteit", "contractselectie"])
def test_schema_dutch_titles_and_labels(name):
    schema = api.schema(name)
    props = schema["properties"]
    for field, prop in props.items():
        assert prop.get("title") and prop.get("description"), field
    if name == "proportionaliteit":
        assert props["contract_type"]["x-labels"] == {"werk": "Werk", "dienst": "Dienst", "levering": "Levering"}
        cat = props["category"]
        assert "schoonmaak" in cat["enum"] and cat["x-labels"]["zorg_welzijn"].startswith("Zorg")
        assert set(cat["enum"]) == set(cat["x-labels"])
        assert props["labour_share_pct"]["anyOf"][0]["maximum"] == 100
    else:
        contracts = props["contracts"]
        assert contracts["maxItems"] == 2000
        row = contracts["items"]["properties"]
        assert set(row) == {"name", "supplier", "category", "annual_value_eur", "start_date", "end_date",
                            "extension_possible", "has_sroi_clause", "labour_intensive"}
        for field, prop in row.items():
            assert prop.get("title") and prop.get("description"), field
        assert "catering" in row["category"]["x-labels"]
        assert contracts["items"]["required"] == ["name", "category", "annual_value_eur"]
    json.dumps(schema)


def test_unknown_schema_name():
    with pytest.raises(KeyError, match="Onbekende rekenhulp"):
        api.schema("bestaat_niet")


def test_success_shape():
    out = api.run("proportionaliteit", {"contract_value_eur": 500000, "duration_months": 12, "contract_type": "werk",
                                        "category": "bouw_infra"})
    assert out["ok"] is True and out["calculator"] == "proportionaliteit"
    assert "errors" not in out


def test_common_errors_have_dutch_templates():
    from pydantic import ValidationError

    from handreiking_tools.errors import FALLBACK, message_for
    from handreiking_tools.tools.shortlist.models import ContractRow

    bad = {"name": 5, "category": [], "annual_value_eur": "x", "end_date": "gisteren", "extension_possible": "misschien",
           "extra": 1}
    with pytest.raises(ValidationError) as exc:
        ContractRow.model_validate(bad)
    msgs = [message_for(e) for e in exc.value.errors(include_url=False)]
    assert FALLBACK not in msgs and len(msgs) == 6


def test_union_tags_do_not_reach_field_paths():
    out = api.run("proportionaliteit", {"contract_value_eur": 1, "duration_months": 12, "contract_type": "dienst",
                                        "category": "ict", "profile": 5})
    assert [e["field"] for e in out["errors"]] == ["profile"]


# ---- profiles in the payload: no internal error, never NaN or Infinity (issue 15) ----

import copy as _copy  # noqa: E402
import json as _json  # noqa: E402

from handreiking_tools.data import load_json as _load_json  # noqa: E402

_PROFILE = _load_json("profile_handreiking")
_FIGURES = [("threshold_eur",), ("min_duration_months",), ("percentage_pct",), ("low_labour_share_pct",),
            ("cost_per_job_year_eur",), ("shortlist", "annual_value_eur"), ("shortlist", "route_2a_months"),
            ("shortlist", "multi_year_min_months"), ("shortlist", "extension_window_months"), ("shortlist", "top_n"),
            *[("shortlist", "weights", w) for w in _PROFILE["shortlist"]["weights"]]]
_numbers = (st.floats(allow_nan=True, allow_infinity=True) | st.integers(min_value=-10**30, max_value=10**30)
            | st.sampled_from([0, 1, -1, 1e-300, 5e-324, 1e308, 1e30, 1_000_000, 1e12, 1200, 2000]))
_PAYLOADS = {
    "proportionaliteit": {"contract_value_eur": 1_000_000, "duration_months": 24, "contract_type": "dienst",
                          "category": "schoonmaak"},
    "contractselectie": {"reference_date": "31-12-9998", "contracts": [
        {"name": "A", "category": "ict", "annual_value_eur": 1e11, "end_date": "31-12-9999", "extension_possible": True},
        {"name": "B", "category": "schoonmaak", "annual_value_eur": 0}]},
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(_PAYLOADS)), changes=st.lists(st.tuples(st.sampled_from(_FIGURES), _numbers), max_size=4),
       ref=st.dates().map(lambda d: d.isoformat()))
def test_run_with_any_profile_figures_never_fails_inside_or_gives_nan(name, changes, ref):
    profile = _copy.deepcopy(_PROFILE)
    profile["name"] = "fuzz"
    for path, value in changes:
        node = profile
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = {"value": value, "source": {"document": "fuzz"}}
    payload = {**_copy.deepcopy(_PAYLOADS[name]), "profile": profile}
    if name == "contractselectie":
        payload["reference_date"] = ref
    out = api.run(name, payload)
    _json.dumps(out, allow_nan=False)  # raises on NaN or Infinity anywhere
    if not out["ok"]:
        assert out["errors"] and all(e["message"] for e in out["errors"])
        assert not any("Er ging iets mis" in e["message"] for e in out["errors"]), out["errors"]


def test_reference_date_in_year_9999():
    out = api.run("contractselectie", {"reference_date": "31-12-9999", "contracts": [
        {"name": "A", "category": "ict", "annual_value_eur": 5, "end_date": "31-12-9999"}]})
    assert out["ok"], out
    assert out["ranking"][0]["route"] == "2A"


def test_not_finite_result_is_refused_in_dutch(monkeypatch):
    calc = api.calculator("proportionaliteit")
    real = calc.compute

    def broken(inp):
        res = real(inp)
        return res.model_copy(update={"labour_cost_eur": float("nan")})

    monkeypatch.setattr(api, "calculator", lambda name: dataclasses.replace(calc, compute=broken))
    out = api.run("proportionaliteit", _PAYLOADS["proportionaliteit"])
    assert out["ok"] is False and "labour_cost_eur" in out["errors"][0]["message"]


def test_a_broken_tool_leaves_the_others_working(monkeypatch):
    """Each tool is imported on first use: one that fails to import is reported in Dutch, the rest still run."""
    from handreiking_tools import tools

    monkeypatch.setitem(tools.PACKAGES, "kapot", "bestaat_niet")
    out = api.run("kapot", {})
    assert out["ok"] is False and "nu niet beschikbaar" in out["errors"][0]["message"]
    assert api.run("proportionaliteit", _PAYLOADS["proportionaliteit"])["ok"]
