"""Wat moet ik leveren?: a social-return obligation in jobs of 25,5 hours, hours and candidates."""

from __future__ import annotations

from ...api import Calculator
from .models import DeliveryInput
from .rules import compute
from .view import render

CALCULATOR = Calculator(name="leveren", title="Wat moet ik leveren?", input_model=DeliveryInput, compute=compute)

__all__ = ["CALCULATOR", "compute", "render"]
