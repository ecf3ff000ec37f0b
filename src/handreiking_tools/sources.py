"""Where every figure and rule comes from: Source, Figure, Reason, cite, and the rules of data/rules.json.

A rule's source is either given in rules.json or taken from the figure it rests on (a policy
profile field, a procurement-law figure or a quota figure), so a rule and its figure cite one
source. The tools build their reasons from these sources; the site's "Hoe rekent deze hulp?"
sections are generated from the same data (``explain``), so text and code cannot drift apart.
This module knows no tool and no profile: the data a figure is looked up in is passed in.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import Field

from .data import load_json
from .fields import DataModel, ResultModel


class Source(DataModel):
    """Where a figure or rule comes from."""

    document: str = Field(description="Short name of the source document")
    section: str | None = Field(default=None, description="Step, page, table or article")
    url: str | None = None
    # The page on this site that explains the rule, relative to the site root ("stappen/stap-2a/#2ac").
    page: str | None = Field(default=None, pattern=r"^[a-z0-9/_#.-]+$")
    # True when the figure or rule is this site's own estimate, not something a source says.
    estimate: bool = False


def cite(source: Source) -> str:
    """'Handreiking, stap 2Ac': the short source text a reason carries."""
    return f"{source.document}, {source.section}" if source.section else source.document


ESTIMATE_NOTE = "Dit is een schatting van deze site."


class Reason(ResultModel):
    """One reason behind a result, in Dutch, with where it comes from."""

    code: str
    message: str
    source: str
    # Page on this site that explains the source ("" when there is none), and whether the reason
    # rests on this site's own estimate (then the message says so).
    page: str = ""
    estimate: bool = False

    @classmethod
    def of(cls, code: str, message: str, *sources: Source) -> Reason:
        """A reason resting on ``sources``: cites the first, links its page, flags any estimate."""
        return cls(code=code, **reason_fields(message, *sources))


def reason_fields(message: str, *sources: Source) -> dict[str, Any]:
    """A reason's message, source, page and estimate (Reason.of, without the model: a long contract list
    scores 10.000 criteria, each with these fields)."""
    estimate = any(s.estimate for s in sources)
    if estimate and "schatting van deze site" not in message:
        message = f"{message} {ESTIMATE_NOTE}"
    first = sources[0]
    page = next((s.page for s in sources if s.estimate and s.page), None) if estimate else None
    cited = cite(first) if len(sources) == 1 else "; ".join(dict.fromkeys(map(cite, sources)))
    return {"message": message, "source": cited,
            "page": page or first.page or "", "estimate": estimate}


class Figure(DataModel):
    """One figure of the reference data with where it comes from."""

    value: float = Field(allow_inf_nan=False)
    source: Source

    def cite(self) -> str:
        return cite(self.source)


# --------------------------------------------------------------------------- rules as data


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


def figure_of(r: Rule, profile: Any = None, procurement: Any = None, quota: Any = None) -> Any:
    """The figure (value + source) a rule rests on, looked up in the data given, or None."""
    if r.figure and profile is not None:
        return _walk(profile, r.figure)
    if r.procurement and procurement is not None:
        return getattr(procurement, r.procurement)
    if r.quota and quota is not None:
        return getattr(quota, r.quota)
    return None


def source_of(calculator: str, code: str, profile: Any = None, procurement: Any = None, quota: Any = None) -> Source:
    """The source of a rule: its own, or that of the figure it rests on (in the data given)."""
    r = rule(calculator, code)
    if r.source is not None:
        return r.source
    fig = figure_of(r, profile, procurement, quota)
    if isinstance(fig, Source):
        return fig
    src = getattr(fig, "source", None)
    if src is None and fig is not None and hasattr(fig, "works_eur"):  # the EU thresholds group
        src = fig.works_eur.source
    if not isinstance(src, Source):
        raise KeyError(f"{calculator}: rule {code!r} has no source")
    return src


def explain(calculator: str, profile: Any, procurement: Any, quota: Any) -> list[dict[str, Any]]:
    """Every rule of a calculator with the source it rests on under ``profile`` (for the site)."""
    out: list[dict[str, Any]] = []
    for r in rules().calculators[calculator]:
        fig = figure_of(r, profile, procurement, quota)
        if fig is None and r.source is None:  # an optional profile figure this profile does not set
            out.append({"code": r.code, "text": r.text, "value": None, "source": None, "estimate": False})
            continue
        src = source_of(calculator, r.code, profile, procurement, quota)
        value = getattr(fig, "value", None) if fig is not None and not isinstance(fig, Source) else None
        out.append({"code": r.code, "text": r.text, "value": value, "source": src, "estimate": src.estimate})
    return out
