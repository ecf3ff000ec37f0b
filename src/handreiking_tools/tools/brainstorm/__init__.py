"""Brainstormsessie (Bijlage III): the fillable format for one tender or contract."""

from .. import Tool
from .models import BrainstormInput
from .rules import compute
from .view import render

NAME = "brainstorm"
TOOL = Tool(name=NAME, title="Brainstormsessie", input_model=BrainstormInput, compute=compute, render=render)

__all__ = ["TOOL"]
