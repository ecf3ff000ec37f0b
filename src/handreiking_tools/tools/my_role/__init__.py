"""Mijn rol (Bijlage II): choose a role and see its task per step, or a step and see who does what."""

from ...api import Calculator
from .models import MyRoleInput
from .rules import compute

NAME = "mijn-rol"
CALCULATOR = Calculator(name=NAME, title="Mijn rol", input_model=MyRoleInput, compute=compute)
