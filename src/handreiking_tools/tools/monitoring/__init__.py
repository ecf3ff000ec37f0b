"""Monitoringsrapportage: anonymous placements per period, added up against the obligation (step 4)."""

from .. import Tool
from .models import MonitoringInput
from .rules import compute
from .view import render

TOOL = Tool(
    name="monitoring",
    title="Monitoringsrapportage",
    input_model=MonitoringInput,
    compute=compute,
    render=render,
)

__all__ = ["TOOL"]
