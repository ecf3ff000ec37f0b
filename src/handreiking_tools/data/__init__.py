"""Reference data shipped with the package (JSON, so the browser needs no YAML parser).

Every figure in these files carries its source. Files are read through importlib.resources
so the same code works from a source checkout, an installed wheel and inside Pyodide.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_json(name: str) -> Any:
    """Parsed content of ``data/<name>.json`` (cached; callers must not mutate it)."""
    text = resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)
