"""Dutch notation for numbers shown to users: `€ 250.000`, `2,5%`, `1.331`.

The writing lives in numbers.py, beside the reading, so the two cannot drift apart; this module
keeps the short import the views and tables use.
"""

from __future__ import annotations

from .numbers import date_nl, eur, jobs, number, pct

__all__ = ["date_nl", "eur", "jobs", "number", "pct"]
