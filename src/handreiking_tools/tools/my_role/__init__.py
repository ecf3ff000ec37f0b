"""Mijn rol (Bijlage II): choose a role and see its task per step, or a step and see who does what."""

from .. import Tool
from .models import MyRoleInput
from .rules import compute
from .view import render

NAME = "mijn-rol"
TOOL = Tool(name=NAME, title="Mijn rol", input_model=MyRoleInput, compute=compute, render=render)

__all__ = ["TOOL"]
