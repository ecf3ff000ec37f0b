"""Brainstormsessie (Bijlage III): the fillable format for one tender or contract."""

from ...api import Calculator
from .models import BrainstormInput
from .rules import compute

NAME = "brainstorm"
CALCULATOR = Calculator(name=NAME, title="Brainstormsessie", input_model=BrainstormInput, compute=compute)
