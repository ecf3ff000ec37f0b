"""Render the data-driven tables of the site (build time, Jinja2) from the core's reference data.

The roles matrix of Bijlage II and the figures of the 2022 letter live once, in ``data/``; the
pages include these generated Markdown snippets (pymdownx.snippets, ``docs/_generated/``), so the
site cannot drift from the data the calculators use. Headings inside snippets are ``###``: they
sit under an ``h2`` of the including page.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .. import fmt
from ..roles import RolesData, load_roles, tasks_for
from ..sources import cite
from ..tools.quota.letter import TABLE1_LABELS, QuotaLetterData, quota_letter

TEMPLATES = Path(__file__).parent / "templates"

# Snippet -> template. The pages that include them: bijlagen/rollen.md and achtergrond/cijfers.md.
SNIPPETS: dict[str, str] = {
    "rollen-matrix.md": "rollen-matrix.md.j2",
    "rollen-per-rol.md": "rollen-per-rol.md.j2",
    "kamerbrief-tabel-1.md": "kamerbrief-tabel-1.md.j2",
    "kamerbrief-sector.md": "kamerbrief-sector.md.j2",
}
# Links in snippets are relative to the page that includes them (all one folder below docs/).
PAGE_PREFIX = "../"


def _num(value: float | None, dash: str = "–") -> str:
    """Jobs in Dutch notation: 2815 -> '2.815', 12.5 -> '12,5'; None -> a dash."""
    if value is None:
        return dash
    return fmt.jobs(value)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell (no pipes, no line breaks)."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _lower_first(label: str) -> str:
    """'Contractmanager' -> 'contractmanager', but 'HR-expert' stays as it is."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False, default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(num=_num, pct=fmt.pct, cell=_cell, lower_first=_lower_first, cite=cite)
    return env


def roles_context(data: RolesData) -> dict:
    by_step = {row.step: row.tasks for row in data.matrix}
    return {
        "roles_data": data,
        "steps": data.steps,
        "roles": data.roles,
        "cells": by_step,
        "per_role": [(r, tasks_for(r.code, data)) for r in data.roles],
        "prefix": PAGE_PREFIX,
    }


def letter_context(data: QuotaLetterData) -> dict:
    t1 = data.table_1
    return {
        "letter": data,
        "t1": t1,
        "labels": TABLE1_LABELS,
        "differences": t1.differences(),
        "series": data.sector_series,
    }


def render_tables(out_dir: Path) -> list[Path]:
    """Write the roles and letter snippets into ``out_dir``; return the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    env = environment()
    ctx = {**roles_context(load_roles()), **letter_context(quota_letter())}
    written: list[Path] = []
    for name, template in SNIPPETS.items():
        path = out_dir / name
        path.write_text(env.get_template(template).render(**ctx), encoding="utf-8")
        written.append(path)
    return written
