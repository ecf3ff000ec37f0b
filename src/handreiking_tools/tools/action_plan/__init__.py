"""Actieplan (step 1d): the working group's plan, with each member's tasks from Bijlage II."""

from .. import Tool
from .models import ActionPlanInput
from .rules import compute
from .view import render

NAME = "actieplan"
TOOL = Tool(name=NAME, title="Actieplan", input_model=ActionPlanInput, compute=compute, render=render)

__all__ = ["TOOL"]
