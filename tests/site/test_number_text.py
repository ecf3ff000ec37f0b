"""Numbers the browser writes into fields (the example, an old link, a file) read back as the same number.

calc-util.js numberNl writes a JSON number the Dutch way (1200000 -> "1.200.000", 12.5 -> "12,5"); the core
reads what is in the field with numbers.parse_number. This test runs the browser's function in Node on many
numbers and asks the core to read every text back to exactly the number it came from, and checks that
whole numbers look as the core itself writes them (fmt.number).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handreiking_tools import fmt
from handreiking_tools.numbers import parse_number

ROOT = Path(__file__).resolve().parents[2]
UTIL = ROOT / "docs" / "assets" / "js" / "calc-util.js"

pytestmark = pytest.mark.skipif(shutil.which("node") is None,
                                reason="Node.js runs the browser module (make setup installs npm packages with it)")


def browser_texts(values: list[float | int], function: str = "numberNl") -> list[str]:
    script = (f"import {{ {function} }} from {json.dumps(UTIL.as_uri())};"
              "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>"
              f"process.stdout.write(JSON.stringify(JSON.parse(s).map((v) => {function}(v)))));")
    proc = subprocess.run(["node", "--input-type=module", "-e", script], input=json.dumps(values),
                          capture_output=True, text=True, check=True, timeout=60)
    return json.loads(proc.stdout)


def test_known_numbers() -> None:
    values = [0, 5, 36, 999, 1000, 1250, 60000, 1200000, 1234567.89, 12.5, 0.5, 25.5, -1500, -0.25, 100000.05]
    assert browser_texts(values) == ["0", "5", "36", "999", "1.000", "1.250", "60.000", "1.200.000", "1.234.567,89",
                                     "12,5", "0,5", "25,5", "-1.500", "-0,25", "100.000,05"]


def test_known_amounts_in_euros() -> None:
    """In a field for euros (amountNl) cents are two digits; more digits than that stay as they are."""
    values = [0, 36, 1200000, 1234000.5, 1234.5, 0.5, 250000.05, 1234567.89, -1500.5, 0.125]
    assert browser_texts(values, "amountNl") == ["0", "36", "1.200.000", "1.234.000,50", "1.234,50", "0,50",
                                                 "250.000,05", "1.234.567,89", "-1.500,50", "0,125"]


amounts = st.one_of(
    st.integers(min_value=-10**15, max_value=10**15),
    st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False, allow_infinity=False).map(float),
)


@settings(max_examples=30, deadline=None)
@given(st.lists(amounts, min_size=1, max_size=200))
def test_every_written_number_reads_back_exactly(values: list[float | int]) -> None:
    for value, text in zip(values, browser_texts(values), strict=True):
        assert parse_number(text) == value, (value, text)
        if isinstance(value, int) or float(value).is_integer():
            assert text == fmt.number(value, 0), (value, text)


@settings(max_examples=30, deadline=None)
@given(st.lists(amounts, min_size=1, max_size=200))
def test_every_written_amount_reads_back_exactly_and_shows_cents_as_the_core_does(values: list[float | int]) -> None:
    """An amount with cents (at most two digits after the comma here) looks as the core writes cents (fmt.number)."""
    for value, text in zip(values, browser_texts(values, "amountNl"), strict=True):
        assert parse_number(text) == value, (value, text)
        whole = isinstance(value, int) or float(value).is_integer()
        assert text == fmt.number(value, 0 if whole else 2), (value, text)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_money_is_bare_for_whole_euros_and_two_decimals_otherwise(euros: int, cents: int) -> None:
    """fmt.money: an amount beside a limit keeps its cents; a whole one reads as eur() always wrote it."""
    value = euros + cents / 100
    text = fmt.money(value)
    assert text == (fmt.eur(euros) if cents == 0 else fmt.eur(value, 2))
    assert parse_number(text.removeprefix("€ ")) == pytest.approx(value, abs=1e-6)
