"""Quotum (Wet banenafspraak): how far is an organisation from its target, and when does the trend reach it?"""

from .. import Tool
from .models import QuotaInput
from .rules import NAME, compute
from .view import render

TOOL = Tool(
    name=NAME,
    title="Quotum banenafspraak",
    input_model=QuotaInput,
    compute=compute,
    render=render,
)

__all__ = ["TOOL"]
