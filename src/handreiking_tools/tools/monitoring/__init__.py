"""Monitoringsrapportage (step 4): anonymous placements per period, added up against the obligation."""

from __future__ import annotations

from ...api import Calculator
from .models import MonitoringInput
from .rules import compute
from .view import render

CALCULATOR = Calculator(name="monitoring", title="Monitoringsrapportage", input_model=MonitoringInput, compute=compute)

__all__ = ["CALCULATOR", "compute", "render"]
