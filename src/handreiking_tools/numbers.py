"""The one Dutch reading of numbers, amounts, percentages, job counts and dates.

Reading follows what a Dutch person types or pastes: ``1.234.000``, ``1.234.000,50``, ``€ 1.234.000``,
``1234000,50``, ``14,5``, ``72,5%``, with spaces or non-breaking spaces anywhere. A form that an
English reader could mean differently (``1,234.50``, ``14.5``, ``1,500`` as an amount) is never
guessed: it raises :class:`ReadError` with kind ``ambiguous_number`` and a Dutch question.
Dates: ``dd-mm-jjjj``, ``d-m-jjjj`` (also with ``/`` or ``.``) and ISO ``jjjj-mm-dd``.

Writing lives in fmt.py (the one formatter); ``read_text`` here shows a value back as it was read.
Pure functions, no I/O; the pydantic types that use them live in fields.py.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from .fmt import exact, money, number

Unit = Literal["eur", "pct", "count", "int"]

# Spaces people paste from spreadsheets and word processors: plain, no-break, narrow no-break, thin.
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
_MINUS = "\u2212"  # the typographic minus sign

# Dutch: dots group thousands (in threes), one comma starts the decimals.
_NL_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d*)?")
_NL_PLAIN = re.compile(r"\d*(?:,\d*)?")
# English: commas group thousands, a dot starts the decimals.
_EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_EN_PLAIN = re.compile(r"\d+\.\d+")


# Far above every bound of the calculators; keeps a pasted row of digits from becoming infinity.
MAX_READ = Decimal(10) ** 15


class ReadError(ValueError):
    """Text that is not a number or date as a Dutch reader writes it; ``kind`` says why."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def _clean(text: str, unit: Unit) -> tuple[str, bool]:
    """Strip spaces, the currency or percent sign and a sign; returns (digits and separators, negative)."""
    s = _SPACES.sub("", text).replace(_MINUS, "-")
    if unit == "eur":
        s = re.sub(r"(?i)^(€|euro|eur)|(€|euro|eur)$", "", s)
        s = re.sub(r"[,.]-{1,2}$", "", s)  # "€ 1.000,-"
    if unit == "pct":
        s = s.removesuffix("%")
    negative = s.startswith("-")
    if negative or s.startswith("+"):
        s = s[1:]
    if unit == "eur":
        s = re.sub(r"(?i)^(€|euro|eur)", "", s)  # "-€ 5"
    return s, negative


def _what(unit: Unit) -> str:
    return {"eur": "een bedrag", "pct": "een percentage", "count": "een aantal", "int": "een heel getal"}[unit]


def _example(unit: Unit) -> str:
    return {"eur": "1.234.000 of 1.234.000,50", "pct": "72,5", "count": "14,5", "int": "36"}[unit]


def parse_number(value: Any, unit: Unit = "count", decimal: str = ",") -> float | int:
    """Read ``value`` as a Dutch person means it; raise ReadError (kind + Dutch message) otherwise.

    ``decimal="."`` reads a file that says it uses a decimal point (a comma-separated CSV): then
    ``1,234.50`` is 1234.5. Numbers that are already numbers pass through (JSON input).
    """
    if isinstance(value, bool):
        raise ReadError("not_a_number", f"Vul {_what(unit)} in, bijvoorbeeld {_example(unit)}.")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise ReadError("not_a_number", f"Vul {_what(unit)} in, bijvoorbeeld {_example(unit)}.")
        return value
    if not isinstance(value, str):
        raise ReadError("not_a_number", f"Vul {_what(unit)} in, bijvoorbeeld {_example(unit)}.")
    s, negative = _clean(value, unit)
    if not s or not re.search(r"\d", s):
        if not _SPACES.sub("", value):
            raise ReadError("missing", "Dit veld is leeg.")
        raise ReadError("not_a_number", f"Vul {_what(unit)} in met cijfers, bijvoorbeeld {_example(unit)}.")
    if not re.fullmatch(r"[\d.,]+", s):
        raise ReadError("not_a_number", f"Vul {_what(unit)} in met cijfers, bijvoorbeeld {_example(unit)}.")
    plain = _read_point(s) if decimal == "." else _read_dutch(s, unit)
    read = -Decimal(plain) if negative else Decimal(plain)
    if abs(read) > MAX_READ:
        raise ReadError("too_large", f"Dit getal is te groot. Vul {_what(unit)} in van hoogstens {number(MAX_READ)}.")
    if "." not in plain:
        return int(read)
    return float(read)


def _read_dutch(s: str, unit: Unit) -> str:
    """'1.234.000,50' -> '1234000.50'; ambiguous or malformed text raises ReadError."""
    if _NL_GROUPED.fullmatch(s) or (_NL_PLAIN.fullmatch(s) and s.count(",") <= 1):
        whole, _, frac = s.replace(".", "").partition(",")
        if unit == "eur" and len(frac) == 3 and len(whole) <= 3 and "." not in s:
            # "1,500" as an amount: one and a half euro, or fifteen hundred written the English way?
            raise ReadError("ambiguous_number", _ask([f"{whole}.{frac}", f"{whole},{frac[:2]}"]))
        if unit == "eur" and len(frac) > 2:
            raise ReadError("not_a_number", "Een bedrag heeft hoogstens twee cijfers achter de komma, bijvoorbeeld 1.234.000,50.")
        return f"{whole or '0'}.{frac}" if frac else (whole or "0")
    if _EN_GROUPED.fullmatch(s) or (_EN_PLAIN.fullmatch(s)) or re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}", s):
        return _ambiguous(s, unit)
    raise ReadError("not_a_number", f"Dit is geen getal zoals we het lezen. Schrijf bijvoorbeeld {_example(unit)}: "
                                    "een punt tussen de duizendtallen, een komma voor de decimalen.")


def _ambiguous(s: str, unit: Unit) -> str:
    """An English-looking number: say how we would write it, never pick a reading."""
    english = Decimal(s.replace(",", ""))
    meant = number(english, _decimals_of(str(english)))
    raise ReadError("ambiguous_number", _ask([meant]))


def _decimals_of(text: str) -> int:
    return len(text.partition(".")[2])


def _ask(options: list[str]) -> str:
    opts = " of ".join(dict.fromkeys(options))
    return (f"Bedoel je {opts}? Schrijf het getal op z'n Nederlands: een punt tussen de duizendtallen, "
            "een komma voor de decimalen.")


def _read_point(s: str) -> str:
    """A number from a file with a decimal point: '1,234.50' -> '1234.50'; '1.234' -> '1.234'."""
    if _EN_GROUPED.fullmatch(s):
        return s.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d*)?|\.\d+", s):
        return s if not s.endswith(".") else s[:-1]
    raise ReadError("not_a_number", "Dit is geen getal zoals we het lezen.")


def parse_date(value: Any) -> date:
    """'01-03-2026', '1-3-2026', '1/3/2026', '2026-03-01' -> date(2026, 3, 1); ReadError otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ReadError("not_a_date", "Vul een datum in als dd-mm-jjjj, bijvoorbeeld 01-03-2026.")
    s = _SPACES.sub("", value)
    if not s:
        raise ReadError("missing", "Dit veld is leeg.")
    nl = re.fullmatch(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})", s)
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if nl:
        d, m, y = int(nl[1]), int(nl[3]), int(nl[4])
    elif iso:
        y, m, d = int(iso[1]), int(iso[2]), int(iso[3])
    elif re.fullmatch(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{2})", s):
        raise ReadError("not_a_date", "Schrijf het jaar met vier cijfers: dd-mm-jjjj, bijvoorbeeld 01-03-2026.")
    else:
        raise ReadError("not_a_date", "Vul een datum in als dd-mm-jjjj, bijvoorbeeld 01-03-2026.")
    try:
        return date(y, m, d)
    except ValueError:
        raise ReadError("not_a_date", "Deze datum bestaat niet. Vul een geldige datum in (dd-mm-jjjj).") from None


# --------------------------------------------------------------------------- showing back what was read


def read_text(value: float | int, unit: Unit) -> str:
    """How a value that was read is shown back: '€ 1.234.000,50', '72,5%', '14,5'."""
    if unit == "eur":
        return money(value)
    text = exact(value)
    if unit == "pct":
        return f"{text}%"
    return text
