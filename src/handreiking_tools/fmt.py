"""The one Dutch formatter: numbers, amounts, percentages, jobs and dates as a Dutch reader writes them.

``€ 250.000``, ``2,5%``, ``1.331``, ``12,5`` banen, ``01-03-2026``. Every rounding is Decimal half up on
the number as Python prints it (1.000.000,005 -> ``1.000.000,01``), so results, tables and views agree.
The reading side is numbers.py.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")
# Enough digits for every float (the largest has 309 before the point) and its decimals: the default
# context's 28 would make rounding 1e28 fail instead of writing it.
_WIDE = Context(prec=400)


def rounded(value: float | int | Decimal, decimals: int = 0) -> Decimal:
    """``value`` rounded half up on the number as Python prints it: 0.125 -> Decimal('0.13') (decimals=2)."""
    q = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    return (value if isinstance(value, Decimal) else Decimal(str(value))).quantize(q, rounding=ROUND_HALF_UP, context=_WIDE)


def number(value: float | int | Decimal, decimals: int = 0) -> str:
    """1234567.891 -> '1.234.567,89' (decimals=2); rounds half up like people do."""
    d = rounded(value, decimals)
    sign = "-" if d < 0 else ""
    whole, _, frac = f"{d.copy_abs():f}".partition(".")  # abs() would round to the default 28 digits
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + ".".join(groups)
    return f"{out},{frac}" if frac else out


def eur(value: float | int | Decimal, decimals: int = 0) -> str:
    """250000 -> '€ 250.000'."""
    return f"€ {number(value, decimals)}"


def money(value: float | int) -> str:
    """An amount as people write money: whole euros bare, else with its cents. 250000 -> '€ 250.000',
    215999.5 -> '€ 215.999,50'. For an amount set beside a limit: whole euros alone would show 215999.5
    as '€ 216.000' next to the words "below € 216.000"."""
    d = rounded(value, 2)
    return eur(d, 0 if d == d.to_integral_value() else 2)


def pct(value: float | int, max_decimals: int = 1) -> str:
    """2.5 -> '2,5%', 5.0 -> '5%' (trailing zeros dropped)."""
    s = number(value, max_decimals)
    if "," in s:
        s = s.rstrip("0").rstrip(",")
    return f"{s}%"


def jobs(value: float | int) -> str:
    """Jobs (or hours) with at most one decimal: 3203 -> '3.203', 12.25 -> '12,3', 12.0 -> '12'."""
    return number(value, 1).removesuffix(",0")


def exact(value: float | int) -> str:
    """A number as read, with every decimal it has and none it has not: 14.5 -> '14,5', 1234000 -> '1.234.000'."""
    d = Decimal(str(value))
    if d == d.to_integral_value():
        return number(d, 0)
    exponent = d.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # a finite number (not NaN or infinity) has a whole exponent
    return number(d, max(0, -exponent))


MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


def date_nl(value: date | str) -> str:
    """date(2026, 3, 1) or '2026-03-01' (ISO, as a result's JSON holds it) -> '01-03-2026'."""
    if isinstance(value, str):
        if not _ISO.match(value):
            return value
        value = date.fromisoformat(value[:10])
    # Not strftime: its %Y writes year 1 as "1" on some platforms and "0001" on others.
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"


def date_long(value: date) -> str:
    """date(2026, 3, 1) -> '1 maart 2026': no doubt about which is the day and which the month."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def round_half_up(value: float, decimals: int = 0) -> float:
    """Round like people (and the letter's tables) do: 68.5 -> 69, not banker's rounding."""
    return float(rounded(value, decimals))
