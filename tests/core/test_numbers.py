"""The one Dutch reading of numbers and dates (numbers.py), and how api.run uses it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handreiking_tools import api
from handreiking_tools.fmt import date_nl, eur, number, pct
from handreiking_tools.numbers import ReadError, parse_date, parse_number

AS_TYPED = [
    ("1.234.000", "eur", 1234000),
    ("1.234.000,50", "eur", 1234000.5),
    ("€ 1.234.000", "eur", 1234000),
    ("€1.234.000,-", "eur", 1234000),
    ("EUR 250.000", "eur", 250000),
    ("1234000", "eur", 1234000),
    ("1234000,50", "eur", 1234000.5),
    ("1 234 000", "eur", 1234000),
    ("1\u00a0234\u00a0000,50", "eur", 1234000.5),
    ("€\u00a01.234.000", "eur", 1234000),
    ("  250.000  ", "eur", 250000),
    ("14,5", "count", 14.5),
    ("1.500", "count", 1500),
    ("0,25", "count", 0.25),
    (",5", "count", 0.5),
    ("72,5", "pct", 72.5),
    ("72,5%", "pct", 72.5),
    ("72,5 %", "pct", 72.5),
    ("36", "int", 36),
]


@pytest.mark.parametrize("text,unit,expected", AS_TYPED)
def test_reads_what_a_dutch_person_types(text, unit, expected):
    got = parse_number(text, unit)
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize("text,unit,suggestion", [
    ("1,234.50", "eur", "Bedoel je 1.234,50?"),
    ("1,234,567", "eur", "Bedoel je 1.234.567?"),
    ("14.5", "count", "Bedoel je 14,5?"),
    ("72.5", "pct", "Bedoel je 72,5?"),
    ("1,500", "eur", "Bedoel je 1.500 of 1,50?"),
])
def test_english_looking_numbers_are_asked_about_never_guessed(text, unit, suggestion):
    with pytest.raises(ReadError) as err:
        parse_number(text, unit)
    assert err.value.kind == "ambiguous_number"
    assert err.value.message.startswith(suggestion)


@pytest.mark.parametrize("text", ["abc", "1.23.4", "12,3,4", "1e6", "€", "1,2.3,4", "--5", "5 kilo"])
def test_no_number_is_not_a_number(text):
    with pytest.raises(ReadError) as err:
        parse_number(text, "eur")
    assert err.value.kind == "not_a_number"


def test_a_file_with_a_decimal_point_is_read_its_own_way():
    assert parse_number("1,234.50", "eur", decimal=".") == 1234.5
    assert parse_number("1234.5", "eur", decimal=".") == 1234.5


@pytest.mark.parametrize("text,expected", [
    ("01-03-2026", date(2026, 3, 1)), ("1-3-2026", date(2026, 3, 1)), ("1/3/2026", date(2026, 3, 1)),
    ("01.03.2026", date(2026, 3, 1)), ("2026-03-01", date(2026, 3, 1)), (" 31-12-2027 ", date(2027, 12, 31)),
])
def test_reads_dutch_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31-02-2026", "1-3-26", "03/2026", "maart", "2026-13-01", "1-3/2026"])
def test_no_date_is_not_a_date(text):
    with pytest.raises(ReadError) as err:
        parse_date(text)
    assert err.value.kind == "not_a_date"


# ---- properties


amounts = st.decimals(min_value=0, max_value=Decimal("999999999999"), places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(value=amounts, euro=st.booleans(), nbsp=st.booleans())
def test_written_the_dutch_way_reads_back_the_same(value, euro, nbsp):
    text = eur(value, 2) if euro else number(value, 2)
    if nbsp:
        text = text.replace(" ", "\u00a0")
    assert Decimal(str(parse_number(text, "eur"))) == value


@settings(max_examples=200, deadline=None)
@given(value=st.decimals(min_value=0, max_value=100, places=1))
def test_percentages_read_back(value):
    assert Decimal(str(parse_number(pct(value), "pct"))) == value


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_dates_written_the_dutch_way_read_back(day):
    assert parse_date(date_nl(day)) == day
    assert parse_date(f"{day.day}-{day.month}-{day.year}") == day


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("0123456789.,€ %-+eE\u00a0a"), max_size=24) | st.text(max_size=24),
       unit=st.sampled_from(["eur", "pct", "count", "int"]))
def test_no_input_raises_anything_but_a_read_error(text, unit):
    try:
        got = parse_number(text, unit)
    except ReadError as err:
        assert err.kind in {"missing", "not_a_number", "ambiguous_number", "too_large"} and err.message
    else:
        assert isinstance(got, (int, float))


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=16))
def test_no_date_input_raises_anything_but_a_read_error(text):
    try:
        parse_date(text)
    except ReadError as err:
        assert err.kind in {"missing", "not_a_date"}


# ---- through api.run


def test_api_takes_the_text_as_typed_and_says_what_it_read():
    out = api.run("proportionaliteit", {"contract_value_eur": "1.234.000", "duration_months": "36",
                                        "contract_type": "dienst", "category": "schoonmaak"})
    typed = api.run("proportionaliteit", {"contract_value_eur": 1234000, "duration_months": 36,
                                          "contract_type": "dienst", "category": "schoonmaak"})
    assert out["ok"] and out["amount_eur"] == typed["amount_eur"]
    assert out["read"]["contract_value_eur"] == "€ 1.234.000"
    used = {u["field"]: u["text"] for u in out["used"]}
    assert used["contract_value_eur"] == "€ 1.234.000" and used["duration_months"] == "36"
    assert used["contract_type"] == "Dienst"


def test_api_errors_carry_a_kind():
    out = api.run("proportionaliteit", {"contract_value_eur": "1,234.50", "duration_months": "36,5",
                                        "contract_type": "dienst", "category": "schoonmaak", "labour_share_pct": "725"})
    kinds = {e["field"]: e["kind"] for e in out["errors"]}
    assert kinds == {"contract_value_eur": "ambiguous_number", "duration_months": "not_a_whole_number",
                     "labour_share_pct": "too_large"}
    assert api.run("proportionaliteit", {})["errors"][0]["kind"] == "missing"
    assert api.run("nope", {})["errors"][0]["kind"] == "unknown_calculator"


def test_quota_reads_hired_in_jobs_with_a_comma():
    out = api.run("quotum", {"inleen_jobs": "14,5", "target_jobs": "22"})
    assert out["ok"] and out["inleen_jobs"] == 14.5 and out["read"]["inleen_jobs"] == "14,5"
    assert api.run("quotum", {"inleen_jobs": "", "formal_jobs": "3", "target_jobs": "22"})["ok"]


def test_rows_are_read_the_same_way():
    out = api.run("contractselectie", {"reference_date": "01-03-2026", "contracts": [
        {"name": "A", "category": "schoonmaak", "annual_value_eur": "€ 250.000", "end_date": "31-12-2027"},
        {"name": "B", "category": "schoonmaak", "annual_value_eur": "250.000,5.0"}]})
    assert out["ok"]
    assert out["read"]["reference_date"] == "1 maart 2026"
    assert out["read"]["contracts.0.annual_value_eur"] == "€ 250.000"
    assert out["ranking"][0]["annual_value_eur"] == 250000
    assert [(e["row"], e["field"], e["kind"]) for e in out["row_errors"]] == [(2, "annual_value_eur", "not_a_number")]


@pytest.mark.parametrize(("value", "text"), [
    (1_000_000.005, "1.000.000,01"),  # the browser's old float rounding said 1.000.000,00 here
    (2_500_000.125, "2.500.000,13"),
    (1_234_567.895, "1.234.567,90"),
    (-1_000_000.005, "-1.000.000,01"),
])
def test_two_decimal_ties_round_half_up_on_the_printed_number(value: float, text: str) -> None:
    """One formatter (fmt.py) for every result: a tie rounds up on the number as it is written."""
    assert number(value, 2) == text
    assert eur(value, 2) == "€ " + text


@pytest.mark.parametrize(("value", "text"), [(3203, "3.203"), (12.25, "12,3"), (12.0, "12"), (0.04, "0"), (135.05, "135,1")])
def test_jobs_have_at_most_one_decimal(value: float, text: str) -> None:
    from handreiking_tools.fmt import jobs

    assert jobs(value) == text


@pytest.mark.parametrize(("value", "decimals", "text"), [
    (1e28, 2, "10.000.000.000.000.000.000.000.000.000,00"),  # more digits than Decimal's default 28
    (1e30, 0, "1.000.000.000.000.000.000.000.000.000.000"),
    (10**40, 0, "10.000.000.000.000.000.000.000.000.000.000.000.000.000"),
])
def test_numbers_beyond_28_digits_are_written_not_refused(value: float, decimals: int, text: str) -> None:
    """The one formatter writes every finite number; rounding used to raise decimal.InvalidOperation from 1e28 on."""
    assert number(value, decimals) == text


@given(st.floats(allow_nan=False, allow_infinity=False), st.integers(min_value=0, max_value=3))
def test_every_finite_float_can_be_written(value: float, decimals: int) -> None:
    text = number(value, decimals)
    assert Decimal(text.replace(".", "").replace(",", ".")) == Decimal(str(value)).quantize(
        Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP", context=__import__("decimal").Context(prec=400))


@pytest.mark.parametrize(("day", "text"), [(date(1, 1, 1), "01-01-0001"), (date(999, 12, 31), "31-12-0999"),
                                           (date(9999, 12, 31), "31-12-9999"), ("0001-02-03", "03-02-0001")])
def test_dates_before_1000_keep_four_year_digits(day: date | str, text: str) -> None:
    """strftime's %Y writes year 1 as '1' with glibc: a date written that way could not be read back as dd-mm-jjjj."""
    assert date_nl(day) == text
    assert parse_date(text) == (day if isinstance(day, date) else date.fromisoformat(day))
