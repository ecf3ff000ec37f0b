"""Quotum (Wet banenafspraak; letter to parliament of 7 October 2022): how far is an
organisation from its target of jobs for the target group, and when does the trend reach it?
Pure functions; every figure (hours per job, the letter's figures) comes from data.
"""

from __future__ import annotations

from .api import Calculator
from .models import QuotaInput


def compute(inp: QuotaInput):  # placeholder until the rules land; see below
    raise NotImplementedError


CALCULATOR = Calculator(
    name="quotum",
    title="Quotum banenafspraak",
    input_model=QuotaInput,
    compute=compute,
)
