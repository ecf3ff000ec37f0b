"""Fuzzing the one door, with policy profiles in the payload (issue 15).

For every tool in api.NAMES: a working payload, then hostile changes to its fields and rows (extreme
floats, 5.000-digit integers, NaN and Infinity as text and as numbers, Dutch number text, dates in year 1
and 9999, empty and very long text, wrong types, deep nesting) and a policy profile of its own with
hostile figures, in the payload and as the site's own profile. For each run:

- ``api.run`` never raises, and no input ends in an internal error: bad input is a Dutch message with
  a field and a kind;
- no NaN or Infinity anywhere in the result (every number, and no "€ nan" in the text), and the result
  is JSON with ``allow_nan=False``;
- the view of a result escapes every text that was typed.

Fixed counts and a fixed seed in ``make test`` (derandomize), so CI is never flaky. A long run by hand,
with fresh random examples:

    HANDREIKING_FUZZ_EXAMPLES=50000 .venv/bin/pytest tests/core/test_fuzz_api.py -q
"""

from __future__ import annotations

import copy
import json
import math
import os
import re
import sys
from datetime import date
from typing import Any, cast, get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from handreiking_tools import api
from handreiking_tools.data import load_json
from handreiking_tools.profile import PolicyProfile, ProfileError, Profiles
from handreiking_tools.reference import categories
from handreiking_tools.sources import Figure

# --------------------------------------------------------------------------- settings

_LONG_RUN = int(os.environ.get("HANDREIKING_FUZZ_EXAMPLES", "0") or 0)
# Inside Pyodide (tests/pyodide) the same tests run with fewer examples: it is several times slower.
_SCALE = 0.25 if sys.platform == "emscripten" else 1.0


def fuzz_settings(examples: int) -> settings:
    """``examples`` fixed examples (derandomized) in make test; HANDREIKING_FUZZ_EXAMPLES fresh random ones."""
    checks = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
    if _LONG_RUN:
        return settings(max_examples=_LONG_RUN, deadline=None, database=None, suppress_health_check=checks)
    return settings(max_examples=max(10, int(examples * _SCALE)), deadline=None, derandomize=True, database=None,
                    suppress_health_check=checks)


# --------------------------------------------------------------------------- hostile values

# Typed text that must never become markup in a view: every view escapes it.
MARK = "<fz\"'&>"
BIG_INT = 10**5000 - 1  # 5.000 nines: more digits than Python turns into text by default (4.300)

special_numbers = st.sampled_from([
    0, -0.0, 1, -1, 0.5, 1e308, -1e308, 1.7976931348623157e308, 5e-324, -5e-324, 1e-300, 1e30, -1e30, 10**30,
    -(10**30), 2**63, 2**64, BIG_INT, -BIG_INT, 1_000_000, 10**12, 10**12 + 1, 10**15, 10**15 + 1, 1200, 1201, 2000,
    2001, 168, 169, 1000, 1001, 100, 100.0000001, 99.99999999, 25.5, 0.01, 0.009999, float("nan"), float("inf"),
    float("-inf"),
])
special_number_texts = st.sampled_from([
    "NaN", "nan", "-NaN", "Infinity", "-Infinity", "inf", "-inf", "1e308", "1e400", "5e-324",
    "-0", "0,0", "-0,0", "1.234.000,50", "€ 1.234.000,-", "72,5%", "1,500", "1,234.50", "\u22125",
    "+5", "\u0663", "\uff11\uff12\uff13", "1_000", "0x10", "1.2.3", ",", ".", "-", "€", "%", "1.000.000.000.000.000",
    "999.999.999.999.999", "0,000000001", "100,0000001", "25,5", "2.000", "2.001", "1.200",
])


@st.composite
def dutch_numbers(draw: st.DrawFn) -> str:
    """Number text as a Dutch reader types it, and near misses: '€ 1.234.000,50', '-72,5 %', ' 14,'."""
    space = draw(st.sampled_from(["", " ", "\u00a0", "\u202f", "  "]))
    sign = draw(st.sampled_from(["", "", "-", "+", "\u2212"]))
    currency = draw(st.sampled_from(["", "", "€ ", "€", "EUR ", "euro "]))
    whole = draw(st.integers(min_value=0, max_value=10**20))
    whole_text = f"{whole:,}".replace(",", ".") if draw(st.booleans()) else str(whole)
    frac = draw(st.sampled_from(["", "", ",", ",5", ",50", ",505", ",-"]) | st.text("0123456789", max_size=8).map(lambda s: "," + s))
    suffix = draw(st.sampled_from(["", "", "%", " %", " €"]))
    return space + currency + sign + whole_text + frac + suffix + space


number_texts = (dutch_numbers() | special_number_texts | st.text("0123456789.,-+€% e\u00a0\u2212", max_size=25)
                | st.sampled_from(["", "-", "€ "]).map(lambda sign: sign + "9" * 5000))  # 5.000 digits as text
numbers = (special_numbers | st.integers(min_value=-(10**40), max_value=10**40)
           | st.floats(allow_nan=True, allow_infinity=True))


def _day(d: date) -> str:
    return f"{d.day:02d}-{d.month:02d}-{d.year:04d}"


dates = (st.sampled_from(["01-01-0001", "0001-01-01", "31-12-9999", "9999-12-31", "30-12-9999", "29-02-2024",
                          "29-02-2025", "00-01-2026", "32-01-2026", "1-1-1", "01-13-2026", "2026-02-30", "01/03/2026",
                          "1.3.2026", "01-03-26", "2026-3-1", "31-12-9998"])
         | st.dates().map(_day) | st.dates().map(date.isoformat)
         | st.dates(min_value=date(9990, 1, 1)).map(_day) | st.dates(max_value=date(10, 1, 1)).map(_day))
texts = (st.sampled_from(["", " ", "\t", MARK, f"Schoonmaak {MARK}", "<script>alert(1)</script>", "=1+1", "-1+1",
                          "@SUM(A1)", "\x00", "P01", "Xxxx", "123456782", "01-01-1990"])
         | st.sampled_from([200, 201, 10_000, 200_000]).map(lambda n: "x" * n) | st.text(max_size=30))
choices = st.sampled_from(["werk", "dienst", "levering", "schoonmaak", "ict", "catering", "bouw_infra", "banenafspraak",
                           "participatiewet", "jongere", "jaar", "h1", "k4", "opdrachtwaarde", "loonsom", "aspirant",
                           "trede_3", "geen", "banen", "fte", "uren_per_jaar", "category_manager", "open", "klaar", "wsp",
                           "anders", "potentie", "centraal", "decentraal", "toepassen", "niet_toepassen", "ja", "nee"])


def _deep(depth: int, kind: str) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value] if kind == "list" else {"a": value}
    return value


# Inside Pyodide, merely freeing a 10.000-deep list overflows the WebAssembly stack (a fatal error that ends
# the interpreter, seen in tests/pyodide): there the fuzz stops at 1.000 deep.
DEPTHS = [20, 1000] if sys.platform == "emscripten" else [20, 1000, 10_000]
wrong_types = st.sampled_from([None, True, False, [], {}, [1], {"a": 1}, [None], "null", "true"]) | st.builds(
    _deep, st.sampled_from(DEPTHS), st.sampled_from(["list", "dict"]))
scalars = numbers | number_texts | dates | texts | choices | st.booleans() | st.none()
values = scalars | wrong_types | st.lists(scalars, max_size=3) | st.dictionaries(st.text(max_size=8), scalars, max_size=3)


# --------------------------------------------------------------------------- working payloads

# One small working input per tool: the fuzz changes these, so most runs reach the rules, not only validation.
BASE: dict[str, dict[str, Any]] = {
    "proportionaliteit": {"contract_value_eur": "1.200.000", "duration_months": 36, "contract_type": "dienst",
                          "category": "schoonmaak", "labour_share_pct": "40", "framework_agreement": True},
    "contractselectie": {"reference_date": "01-01-2026", "contracts": [
        {"name": f"Schoonmaak {MARK}", "supplier": MARK, "category": "schoonmaak", "annual_value_eur": "850.000",
         "start_date": "01-01-2024", "end_date": "31-12-2028", "extension_possible": True},
        {"name": "Catering", "category": "catering", "annual_value_eur": 420000, "end_date": "31-03-2026",
         "has_sroi_clause": True},
        {"name": "Kantoorartikelen", "category": "leveringen", "annual_value_eur": 0}]},
    "quotum": {"formal_jobs": "120", "inleen_hours_per_year": "25.000", "quota_pct": "2,5", "workforce_jobs": 9000,
               "workforce_unit": "fte", "history": [{"year": 2024, "realised_jobs": 110, "target_jobs": 195}],
               "sroi_jobs": "6,5"},
    "actieplan": {"title": MARK, "objective": "Tien banen", "decision_date": "15-01-2027", "reference_date": "01-04-2027",
                  "members": [{"name": MARK, "role": "project_coordinator", "department": "HR"}],
                  "actions": [{"project": MARK, "action": "Gesprek", "owner": MARK, "deadline": "15-03-2027",
                               "status": "klaar"}],
                  "meetings": [{"meeting": MARK, "frequency": "elke week", "next_date": "08-04-2027"}],
                  "partners": [{"kind": "wsp", "name": MARK, "purpose": "kandidaten"}]},
    "brainstorm": {"title": MARK, "description": MARK, "assignment_kind": "bestaand_zonder_sr", "contract_type": "dienst",
                   "possibilities": MARK, "stage": "potentie"},
    "mijn-rol": {"role": "category_manager", "step": "2A"},
    "leveren": {"percentage_pct": "5", "base_amount_eur": "1.200.000", "base": "opdrachtwaarde", "duration_months": 36,
                "pso_step": "trede_2", "candidates": [
                    {"group": "banenafspraak", "hours_per_week": "25,5", "months": 12},
                    {"group": "participatiewet", "hours_per_week": 32, "months": 12, "bonuses": 1, "value_eur": "30.000"}]},
    "monitoring": {"obligation_eur": "60.000", "obligation_hours": 3000, "contract_start": "01-01-2025",
                   "contract_end": "31-12-2027", "report_date": "31-12-2026", "placements": [
                       {"year": 2025, "period": "jaar", "code": "P01", "group": "banenafspraak", "hours": 1250,
                        "costs_eur": "19.000"},
                       {"year": 2026, "period": "h1", "code": "P03", "group": "jongere", "hours": "400,5"}],
                   "purchases": [{"year": 2026, "description": MARK, "amount_eur": "4.000"}]},
}
assert set(BASE) == set(api.NAMES), "every tool needs a working payload here"


def _field_paths(name: str) -> list[tuple[Any, ...]]:
    """Where a change can go: every field of the schema and of its rows, at the top and in the first rows."""
    schema = api.schema(name)
    props = schema.get("properties", {})
    defs = schema.get("$defs", {})
    paths: list[tuple[Any, ...]] = [(key,) for key in props]
    for key, prop in props.items():
        item = prop.get("items", {})
        if "$ref" in item:
            item = defs.get(item["$ref"].rsplit("/", 1)[-1], {})
        for row_field in item.get("properties", {}):
            paths += [(key, 0, row_field), (key, 1, row_field)]
    return paths


PATHS = {name: _field_paths(name) for name in api.NAMES}
PATHS_TOP = {name: {p[0] for p in PATHS[name] if len(p) == 1} for name in api.NAMES}


def _apply(payload: dict[str, Any], path: tuple[Any, ...], value: Any, drop: bool) -> None:
    node: Any = payload
    for key in path[:-1]:
        if isinstance(node, dict):
            node = node.setdefault(key, [{}] if isinstance(path[path.index(key) + 1], int) else {})
        elif isinstance(node, list):
            while len(node) <= key:
                node.append({})
            node = node[key]
        if not isinstance(node, (dict, list)):
            return
    last = path[-1]
    if isinstance(node, dict):
        if drop:
            node.pop(last, None)
        else:
            node[last] = value
    elif isinstance(node, list) and isinstance(last, int):
        while len(node) <= last:
            node.append({})
        node[last] = value


@st.composite
def payload_changes(draw: st.DrawFn, name: str) -> dict[str, Any]:
    """The working payload of ``name`` with a few fields set to hostile values, dropped, or added."""
    payload = copy.deepcopy(BASE[name])
    for _ in range(draw(st.sampled_from([0, 1, 1, 2, 3, 4]))):
        path = draw(st.sampled_from(PATHS[name]))
        _apply(payload, path, draw(values), drop=draw(st.integers(0, 9)) == 0)
    if draw(st.integers(0, 9)) == 0:
        payload[draw(st.text(max_size=10))] = draw(values)
    return payload


# --------------------------------------------------------------------------- hostile profiles

PROFILES = {n: load_json(f"profile_{n}") for n in ("handreiking", "rijksoverheid")}
SRC = {"document": "Fuzz", "section": MARK}
CATEGORY_CODES = sorted(c.code for c in categories().categories)
FIGURES: list[tuple[str, ...]] = [
    ("min_duration_months",), ("threshold_eur",), ("low_labour_share_pct",), ("percentage_pct",),
    ("low_labour_percentage_pct",), ("low_labour_alternative_pct",), ("cost_per_job_year_eur",),
    ("cost_per_job_hours_per_week",), ("fte_hours_per_week",),
    *[("category_percentages", code) for code in CATEGORY_CODES[:4]], ("category_percentages", "bestaat_niet"),
    *[("pso_reduction_pct", step) for step in ("aspirant", "trede_1", "trede_2", "trede_3", "trede_9")],
    ("shortlist", "annual_value_eur"), ("shortlist", "multi_year_min_months"), ("shortlist", "route_2a_months"),
    ("shortlist", "extension_window_months"), ("shortlist", "top_n"),
    *[("shortlist", "weights", w) for w in ("annual_value", "labour_intensive", "multi_year", "sroi_clause", "extension")],
]
OTHER = [("name",), ("label",), ("version",), ("description",), ("authority",), ("base",), ("short_duration_advice",),
         ("threshold_measure",), ("threshold_inclusive",), ("below_threshold_advice",), ("low_labour_supply_advice",),
         ("category_percentages",), ("pso_reduction_pct",), ("shortlist",), ("shortlist", "weights"), ("extra",)]
top_n = st.sampled_from([-1, 0, 1, 2000, 2001, 10**9, BIG_INT, 1.5, "3", "-1", "1e3"])
figure_values = numbers | number_texts | top_n


def _put(profile: dict[str, Any], path: tuple[str, ...], value: Any, drop: bool) -> None:
    node: Any = profile
    for key in path[:-1]:
        if not isinstance(node, dict):
            return
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    if isinstance(node, dict):
        if drop:
            node.pop(path[-1], None)
        else:
            node[path[-1]] = value


@st.composite
def hostile_profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A shipped profile with hostile figures: values at and past every bound, wrong types, missing parts."""
    profile = copy.deepcopy(PROFILES[draw(st.sampled_from(sorted(PROFILES)))])
    profile["name"] = draw(st.sampled_from(["fuzz", "eigen-beleid"]) | texts)
    profile["label"] = draw(st.sampled_from([f"Beleid {MARK}", MARK]) | texts)
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        if draw(st.integers(0, 4)):
            path = draw(st.sampled_from(FIGURES))
            how = draw(st.integers(0, 9))
            if how == 0:
                _put(profile, path, None, drop=True)
            elif how == 1:
                _put(profile, path, draw(values), drop=False)  # not a figure at all
            else:
                _put(profile, path, {"value": draw(figure_values), "source": SRC}, drop=False)
        else:
            _put(profile, draw(st.sampled_from(OTHER)), draw(values | choices), drop=draw(st.integers(0, 4)) == 0)
    if draw(st.integers(0, 3)) == 0:  # every weight extreme at once: their sum and their shares
        big = draw(st.sampled_from([1e308, 1000, 1e-300, 5e-324, 0]))
        for w in ("annual_value", "labour_intensive", "multi_year", "sroi_clause", "extension"):
            _put(profile, ("shortlist", "weights", w), {"value": big, "source": SRC}, drop=False)
    return profile


def _figure_class(path: tuple[str, ...]) -> type[Figure]:
    """The Figure model a profile path holds (Euros, Percent, Months, ...), read from the profile's own models."""
    model: Any = PolicyProfile
    for key in path:
        if key not in model.model_fields:  # a key of a dict field (category_percentages): model is its value's
            continue
        annotation = model.model_fields[key].annotation
        args = [a for a in get_args(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
        model = args[-1] if args else annotation
    return cast(type[Figure], model)


def _bounds(path: tuple[str, ...]) -> tuple[float, float]:
    """The bounds a profile sets on the figure at ``path`` (its ge and le)."""
    low, high = -math.inf, math.inf
    for meta in _figure_class(path).model_fields["value"].metadata:
        low = float(getattr(meta, "ge", low))
        high = float(getattr(meta, "le", high))
    return low, high


@st.composite
def edge_values(draw: st.DrawFn, path: tuple[str, ...]) -> float | int:
    """A value the profile accepts for ``path``, mostly at or just inside its bounds."""
    low, high = _bounds(path)
    if _figure_class(path).model_fields["value"].annotation is int:
        return draw(st.sampled_from([int(low), int(high), int(low) + 1, int(high) - 1]) | st.integers(int(low), int(high)))
    near = [low, high, math.nextafter(low, high), math.nextafter(high, low), low + 5e-324, low + 1e-300, (low + high) / 2,
            high / 3, 1.0 if low <= 1 <= high else low]
    return draw(st.sampled_from(near) | st.floats(min_value=low, max_value=high))


EDGE_PATHS = [p for p in FIGURES if not (p[0] in ("category_percentages", "pso_reduction_pct") and p[1] in
                                           ("bestaat_niet", "trede_9"))]


@st.composite
def edge_profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A profile that passes validation with figures at the ends of what it allows: what a careless host may ship."""
    profile = copy.deepcopy(PROFILES[draw(st.sampled_from(sorted(PROFILES)))])
    profile["name"] = "fuzz"
    profile["label"] = f"Beleid {MARK}"
    for path in draw(st.lists(st.sampled_from(EDGE_PATHS), min_size=1, max_size=10, unique=True)):
        _put(profile, path, {"value": draw(edge_values(path)), "source": SRC}, drop=False)
    for key, options in (("authority", ["centraal", "decentraal", "publiekrechtelijk"]),
                         ("base", ["opdrachtwaarde", "loonsom"]), ("threshold_measure", ["opdrachtwaarde", "loonsom"]),
                         ("threshold_inclusive", [True, False]),
                         ("short_duration_advice", ["toepassen", "overwegen", "niet_toepassen"]),
                         ("below_threshold_advice", ["toepassen", "overwegen", "niet_toepassen"]),
                         ("low_labour_supply_advice", [None, "toepassen", "overwegen", "niet_toepassen"])):
        if draw(st.integers(0, 3)) == 0:
            profile[key] = draw(st.sampled_from(options))
    if draw(st.integers(0, 3)) == 0:  # every weight at one value: all at the top, all tiny, all but one zero
        big = draw(st.sampled_from([1000, 1e-300, 5e-324, 0.001]))
        for i, w in enumerate(("annual_value", "labour_intensive", "multi_year", "sroi_clause", "extension")):
            _put(profile, ("shortlist", "weights", w), {"value": big if i == 0 or draw(st.booleans()) else 0,
                                                        "source": SRC}, drop=False)
    return profile


profile_values = (hostile_profiles() | edge_profiles() | st.sampled_from(["handreiking", "rijksoverheid", "bestaat-niet", ""])
                  | texts | wrong_types)


# --------------------------------------------------------------------------- what must hold

ENGLISH = re.compile(r"Input should|Field required|should be|should have|Value error|Assertion failed|Extra inputs|"
                     r"valid (integer|number|string|date|boolean|dictionary|list)|Unable to|not permitted|Traceback|"
                     r"object has no|Exceeds the limit", re.IGNORECASE)
# A formatted number that is no number: '€ nan', 'inf%', '€ -Infinity'.
NOT_A_NUMBER_TEXT = re.compile(r"€\s?-?(nan|inf)|\b(nan|inf(inity)?)\s?%", re.IGNORECASE)


def _walk(value: Any, path: str = "") -> list[str]:
    """Every path in ``value`` that holds a NaN or infinite number, or text with a formatted one."""
    if isinstance(value, float):
        return [] if math.isfinite(value) else [path]
    if isinstance(value, str):
        return [path] if NOT_A_NUMBER_TEXT.search(value) else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _walk(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _walk(v, f"{path}.{i}")]
    return []


def check(name: str, out: Any) -> None:
    """What every answer of the door must be: see the module's docstring."""
    assert isinstance(out, dict) and isinstance(out.get("ok"), bool), out
    bad = _walk(out)
    assert not bad, f"NaN or Infinity at {bad}"
    json.dumps(out, allow_nan=False)
    if not out["ok"]:
        assert out["errors"], out
        for e in out["errors"]:
            assert set(e) == {"field", "kind", "message"}, e
            assert isinstance(e["field"], str) and e["kind"] and e["message"], e
            assert e["kind"] not in ("internal", "not_finite"), e
            assert not ENGLISH.search(e["message"]), e
        return
    for e in out.get("row_errors", []):
        assert e["message"] and not ENGLISH.search(e["message"]), e
    view = api.render(name, out)
    for part in (view.html, view.text, view.short):
        assert not NOT_A_NUMBER_TEXT.search(part), part
    assert "<fz" not in view.html and "fz\"'" not in view.html, "typed text reached the html unescaped"


# --------------------------------------------------------------------------- the fuzz


@pytest.mark.parametrize("name", api.NAMES)
@fuzz_settings(60)
@given(data=st.data())
def test_hostile_payload_with_a_profile_of_its_own(name: str, data: st.DataObject) -> None:
    """Hostile fields and rows, and a profile in the payload (tools without a profile field refuse it in Dutch)."""
    payload = data.draw(payload_changes(name))
    # Tools without a profile field refuse one: give them one now and then, and hostile fields the rest.
    if data.draw(st.booleans() if "profile" in PATHS_TOP[name] else st.integers(0, 4).map(lambda n: n == 0)):
        payload["profile"] = data.draw(profile_values)
    check(name, api.run(name, payload))


@pytest.mark.parametrize("name", api.NAMES)
@fuzz_settings(40)
@given(data=st.data())
def test_every_valid_hostile_profile_gives_a_finite_answer(name: str, data: st.DataObject) -> None:
    """A site's own profile: refused with a Dutch message naming the field, or every tool answers without NaN."""
    profile = data.draw(edge_profiles() if data.draw(st.integers(0, 3)) else hostile_profiles())
    try:
        profiles = Profiles.with_own(profile)
    except ProfileError as exc:
        message = str(exc)
        assert message.startswith(("Het beleidsprofiel", "De naam")) and not ENGLISH.search(message), message
        return
    payload = data.draw(payload_changes(name)) if data.draw(st.booleans()) else copy.deepcopy(BASE[name])
    check(name, api.run(name, payload, profiles))


@pytest.mark.parametrize("name", api.NAMES)
def test_the_working_payloads_work(name: str) -> None:
    """The fuzz starts from inputs that reach the rules: each works as it stands, and its view escapes typed text."""
    out = api.run(name, copy.deepcopy(BASE[name]))
    assert out["ok"], out
    check(name, out)
