"""Proportionaliteit (guidance step 2Ac): should social return be required in a tender, and how much?"""

from .. import Tool
from .models import ProportionalityInput
from .rules import NAME, compute
from .view import render

TOOL = Tool(
    name=NAME,
    title="Proportionaliteit van social return",
    input_model=ProportionalityInput,
    compute=compute,
    render=render,
)

__all__ = ["TOOL"]
