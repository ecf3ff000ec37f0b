"""Dutch notation for numbers shown to users: `€ 250.000`, `2,5%`, `1.331`."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def number(value: float | int, decimals: int = 0) -> str:
    """1234567.891 -> '1.234.567,89' (decimals=2); rounds half up like people do."""
    q = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    d = Decimal(str(value)).quantize(q, rounding=ROUND_HALF_UP)
    sign = "-" if d < 0 else ""
    whole, _, frac = f"{abs(d):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + ".".join(groups)
    return f"{out},{frac}" if frac else out


def eur(value: float | int, decimals: int = 0) -> str:
    """250000 -> '€ 250.000'."""
    return f"€ {number(value, decimals)}"


def pct(value: float | int, max_decimals: int = 1) -> str:
    """2.5 -> '2,5%', 5.0 -> '5%' (trailing zeros dropped)."""
    s = number(value, max_decimals)
    if "," in s:
        s = s.rstrip("0").rstrip(",")
    return f"{s}%"
