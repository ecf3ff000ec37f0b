"""`handreiking-tools prepare`: render data-driven snippets and assemble the browser bundle under docs/."""

from __future__ import annotations

from pathlib import Path


def main(docs: str = "docs", config: str = "mkdocs.yml") -> int:
    out = Path(docs) / "_generated"
    out.mkdir(parents=True, exist_ok=True)
    return 0
