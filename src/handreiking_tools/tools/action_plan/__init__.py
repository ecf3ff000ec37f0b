"""Actieplan (step 1d): the working group's plan, with each member's tasks from Bijlage II."""

from ...api import Calculator
from .models import ActionPlanInput
from .rules import compute

NAME = "actieplan"
CALCULATOR = Calculator(name=NAME, title="Actieplan", input_model=ActionPlanInput, compute=compute)
