"""The tools: one package per calculator or working tool, each with its models, rules and view together.

A tool package exports ``TOOL`` (a :class:`Tool`) from its ``__init__.py``. The registry below only
names the packages; each is imported on first use, so a fault in one tool shows up as that tool's
error and leaves the others working. A new tool is a new package here plus one line in ``PACKAGES``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..view import View


@dataclass(frozen=True)
class Tool:
    name: str  # the public name (api.NAMES, the page, the worker)
    title: str
    input_model: type[BaseModel]
    compute: Callable[[Any], BaseModel]
    # (result dict as api.run returns it, the site root as seen from the page) -> the drawn result
    render: Callable[[dict[str, Any], str], View] | None = None


# Public name -> package under tools/, in the order the site lists them.
PACKAGES: dict[str, str] = {
    "proportionaliteit": "proportionality",
    "contractselectie": "shortlist",
    "quotum": "quota",
    "actieplan": "action_plan",
    "brainstorm": "brainstorm",
    "mijn-rol": "my_role",
    "leveren": "delivery",
    "monitoring": "monitoring",
}
NAMES: tuple[str, ...] = tuple(PACKAGES)


def load(name: str) -> Tool:
    """The tool called ``name``, imported on first use (KeyError for an unknown name)."""
    module = importlib.import_module(f".{PACKAGES[name]}", __name__)
    tool: Tool = module.TOOL
    return tool
