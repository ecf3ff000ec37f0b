"""Wat moet ik leveren?: a social-return obligation in jobs of 25,5 hours, hours and candidates."""

from .. import Tool
from .models import DeliveryInput
from .rules import compute
from .view import render

TOOL = Tool(
    name="leveren",
    title="Wat moet ik leveren?",
    input_model=DeliveryInput,
    compute=compute,
    render=render,
)

__all__ = ["TOOL"]
