"""The one spreadsheet cell (csvcell.py): no exported cell starts a formula, numbers read back as written."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handreiking_tools.csvcell import csv_text, number_cell, text_cell

# How a spreadsheet sees a cell (Excel, LibreOffice, Google Sheets): a formula when it starts with one of
# these, also after spaces; a plain negative number is read as a number.
FORMULA = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
NUMBER = re.compile(r"-?\d+(?:[.,]\d+)*")


def runs_as_formula(cell: str) -> bool:
    """Whether a spreadsheet that opens this cell would run it (an apostrophe first makes it text)."""
    if cell.startswith(("\t", "\r")):
        return True
    head = cell.lstrip(" \u00a0")
    return head.startswith(FORMULA) and not NUMBER.fullmatch(head)


def read_back(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


@pytest.mark.parametrize(("value", "cell"), [
    ("=1+1", "'=1+1"), ("+31 6 12345678", "'+31 6 12345678"), ("@SUM(A1)", "'@SUM(A1)"), ("\tTab", "'\tTab"),
    ("\rCR", "'\rCR"), ("-1+1", "'-1+1"), ("-A1", "'-A1"), ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
    ("-", "'-"), ("-1e5", "'-1e5"), ("-inf", "'-inf"), ("-1,5+A1", "'-1,5+A1"), ("  =1+1", "'  =1+1"),
    ("\uff1d1+1", "'\uff1d1+1"),
    # a negative number is a number, not a formula: it stays as it is (the delivery rule)
    ("-5", "-5"), ("-1234,50", "-1234,50"), ("-1.234,50", "-1.234,50"), ("-0", "-0"),
    ("Gewoon", "Gewoon"), ("", ""), (None, ""), (5, "5"), (-5, "-5"), ("a=b", "a=b"),
])
def test_a_cell_that_would_run_gets_an_apostrophe(value: object, cell: str) -> None:
    assert text_cell(value) == cell


@given(st.text() | st.sampled_from(["=", "+", "-", "@", "\t", "\r", " =", "-1", "-1+", "-1,5", "\uff0d"]).flatmap(
    lambda start: st.text(max_size=8).map(lambda rest: start + rest)))
def test_no_exported_cell_starts_a_formula(text: str) -> None:
    """Whatever the text, the cell in the file is never run by a spreadsheet and shows the text unchanged."""
    [[cell]] = read_back(csv_text([], [[text]]))[1:] or [[""]]
    assert not runs_as_formula(cell), repr(cell)
    assert cell in (text, "'" + text) or (not text.strip("\r\n") and not cell.strip("\r\n'"))
    if cell != text:
        assert runs_as_formula(text)


@given(st.floats(allow_nan=False, allow_infinity=False), st.integers(min_value=0, max_value=3))
def test_a_number_cell_is_a_plain_number_rounded_half_up(value: float, decimals: int) -> None:
    cell = number_cell(value, decimals)
    assert NUMBER.fullmatch(cell) and "." not in cell, cell
    assert text_cell(cell) == cell  # a negative number passes the formula guard as a number
    expected = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP",
                                            context=__import__("decimal").Context(prec=400))
    assert Decimal(cell.replace(",", ".")) == expected
    assert cell == "0" or not cell.lstrip("-").startswith("0") or cell.lstrip("-").startswith("0,")


@pytest.mark.parametrize(("value", "decimals", "cell"), [
    (1234.5, 2, "1234,5"), (1890.0, 2, "1890"), (1.4200001, 2, "1,42"), (0.125, 2, "0,13"), (-0.001, 2, "0"),
    (-0.0, 2, "0"), (-1234.567, 2, "-1234,57"), (72.25, 1, "72,3"), (1e28, 0, "10000000000000000000000000000"),
    (None, 2, ""),
])
def test_number_cells(value: float | None, decimals: int, cell: str) -> None:
    """As the view writes it (fmt.py, ties half up: 0,125 -> 0,13), in a spreadsheet's notation."""
    assert number_cell(value, decimals) == cell


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_no_number_cell_for_nan_or_infinity(value: float) -> None:
    with pytest.raises(ValueError):
        number_cell(value)


def test_csv_is_dutch_excel() -> None:
    text = csv_text(["Naam", "Bedrag (€)"], [["Schoon; BV", number_cell(1234.5)], ['Zeg "hoi"', number_cell(-5)]])
    assert text.startswith("\ufeff") and "\r\n" in text
    assert read_back(text) == [["Naam", "Bedrag (€)"], ["Schoon; BV", "1234,5"], ['Zeg "hoi"', "-5"]]
