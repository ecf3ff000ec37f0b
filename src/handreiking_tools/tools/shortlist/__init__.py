"""Contractselectie (guidance step 2Ba): which existing contracts are the best start for a partnership?"""

from .. import Tool
from .models import ShortlistInput
from .rules import NAME, compute
from .view import render

TOOL = Tool(
    name=NAME,
    title="Contractselectie voor een partnership",
    input_model=ShortlistInput,
    compute=compute,
    render=render,
)

__all__ = ["TOOL"]
