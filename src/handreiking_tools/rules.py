"""The rules each calculator applies, with their sources, as data (data/rules.json).

A rule's source is either given in rules.json or taken from the figure it rests on (a policy
profile field, a procurement-law figure or a quota figure), so a rule and its figure cite one
source. The calculators build their reasons from these sources; the site's "Hoe rekent deze hulp?"
sections are generated from the same data (``explain``), so text and code cannot drift apart.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import Field

from .data import load_json
from .models import DataModel, PolicyProfile, Source, procurement, quota_letter


class Rule(DataModel):
    code: str = Field(pattern=r"^[a-z0-9_]+$")
    text: str = Field(min_length=1)
    source: Source | None = None
    figure: str | None = None  # dotted path in the policy profile
    procurement: str | None = None  # field of data/procurement.json
    quota: str | None = None  # field of data/quota_letter_2022.json


class RulesData(DataModel):
    version: str
    note: str = ""
    calculators: dict[str, list[Rule]]


@lru_cache(maxsize=1)
def rules() -> RulesData:
    return RulesData.model_validate(load_json("rules"))


def rule(calculator: str, code: str) -> Rule:
    for r in rules().calculators[calculator]:
        if r.code == code:
            return r
    raise KeyError(f"{calculator}: no rule {code!r} in data/rules.json")


def _walk(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def figure_of(r: Rule, profile: PolicyProfile) -> Any:
    """The figure (value + source) a rule rests on, or None."""
    if r.figure:
        return _walk(profile, r.figure)
    if r.procurement:
        return getattr(procurement(), r.procurement)
    if r.quota:
        return getattr(quota_letter(), r.quota)
    return None


def source_of(calculator: str, code: str, profile: PolicyProfile | None = None) -> Source:
    """The source of a rule: its own, or that of the figure it rests on."""
    r = rule(calculator, code)
    if r.source is not None:
        return r.source
    fig = figure_of(r, profile) if profile is not None or not r.figure else None
    if isinstance(fig, Source):
        return fig
    src = getattr(fig, "source", None)
    if src is None and fig is not None and hasattr(fig, "works_eur"):  # the EU thresholds group
        src = fig.works_eur.source
    if src is None:
        raise KeyError(f"{calculator}: rule {code!r} has no source")
    return src


def explain(calculator: str, profile: PolicyProfile) -> list[dict[str, Any]]:
    """Every rule of a calculator with the source it rests on under ``profile`` (for the site)."""
    out = []
    for r in rules().calculators[calculator]:
        fig = figure_of(r, profile)
        if fig is None and r.source is None:  # an optional profile figure this profile does not set
            out.append({"code": r.code, "text": r.text, "value": None, "source": None, "estimate": False})
            continue
        src = source_of(calculator, r.code, profile)
        value = getattr(fig, "value", None) if fig is not None and not isinstance(fig, Source) else None
        out.append({"code": r.code, "text": r.text, "value": value, "source": src, "estimate": src.estimate})
    return out
