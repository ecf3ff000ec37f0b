"""The one way this site writes a spreadsheet file: formula-safe cells, Dutch numbers, Excel's CSV.

- ``text_cell``: a cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return, also after spaces) gets a leading apostrophe, so it shows as the text it is
  (OWASP, "CSV Injection"). A plain negative number (``-5``, ``-1234,50``) is a number, not a formula, and
  stays as it is; ``-1+1``, ``-A1`` or ``-cmd|...`` do not.
- ``number_cell``: a number as a Dutch spreadsheet reads it: no thousands separator, a decimal comma, rounded
  half up like every other number the site writes (fmt.py), trailing zeros dropped.
- ``csv_text``: a table as Dutch Excel CSV: ``;`` between cells, CRLF, a byte order mark so Excel reads UTF-8.

The tools' io modules (tools/*/io.py) write every CSV with these, so the rules cannot drift apart.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable
from typing import Any

from .fmt import rounded

# What makes a spreadsheet read a cell as a formula (OWASP), and the full-width forms of the signs, to be safe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# A negative number as this site or a person writes it: "-5", "-1234,50", "-1.234,50". No operator, no
# reference, no function: nothing in it can run.
_PLAIN_NEGATIVE = re.compile(r"-\d+(?:[.,]\d+)*")


def text_cell(value: Any) -> str:
    """``value`` as a cell that a spreadsheet shows as written, never runs: '=1+1' -> "'=1+1"; None -> ''."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START[4:6]):
        return "'" + text
    head = text.lstrip(" \u00a0")
    if head.startswith(FORMULA_START) and not _PLAIN_NEGATIVE.fullmatch(head):
        return "'" + text
    return text


def number_cell(value: float | None, decimals: int = 2) -> str:
    """A number for a spreadsheet: 1234.5 -> '1234,5', -0.004 -> '0'; None -> ''. Raises ValueError for NaN
    or infinity (a result is never either: api.run refuses it)."""
    if value is None:
        return ""
    if not math.isfinite(value):
        raise ValueError(f"geen getal voor een spreadsheet: {value}")
    text = f"{rounded(value, decimals):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace(".", ",")


def csv_text(head: Iterable[Any], rows: Iterable[Iterable[Any]]) -> str:
    """A table as Dutch Excel CSV, every cell through ``text_cell``: numbers go in as ``number_cell`` text."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([text_cell(h) for h in head])
    for row in rows:
        writer.writerow([text_cell(v) for v in row])
    return "\ufeff" + out.getvalue()
