"""Render the "Hoe rekent deze hulp?" section of each calculator page from the core's rule data.

The list comes from ``sources.explain`` (data/rules.json plus the figures of the default policy
profile, the procurement data and the quota data): the same sources the calculators cite in their
reasons. A rule that rests on this site's own estimate says "eigen schatting". The pages include
``regels-<calculator>.md`` (pymdownx.snippets), so text and code cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path

from .. import api, fmt
from ..profile import SHIPPED_PROFILES, Profiles
from ..reference import categories, procurement
from ..sources import cite, explain, rules
from ..tools.quota.letter import quota_letter

# Links in snippets are relative to the including page (docs/hulpmiddelen/<name>.md).
PAGE_PREFIX = "../"


def _md_link(page: str) -> str:
    """'stappen/stap-2a/#2ac' -> '../stappen/stap-2a.md#2ac' (a link MkDocs checks)."""
    path, _, anchor = page.partition("#")
    docs = Path(__file__).resolve().parents[3] / "docs"
    path = path.rstrip("/")
    target = PAGE_PREFIX + (f"{path}/index.md" if (docs / path).is_dir() else f"{path}.md")
    return target + (f"#{anchor}" if anchor else "")


def _value(code: str, figure: str | None, value: float | None) -> str:
    if value is None or figure is None:
        return ""
    if figure.endswith("_eur"):
        return fmt.eur(value)
    if figure.endswith("_pct"):
        return fmt.pct(value)
    if figure.endswith("_months"):
        return f"{fmt.number(value)} maanden"
    if code == "gewichten":
        return ""
    if figure.endswith("week"):
        return f"{fmt.jobs(value)} uur per week"
    if figure.endswith("per_job_year"):
        return f"{fmt.number(value)} uur per jaar"
    if figure.endswith("_years"):
        return f"{fmt.number(value)} jaar"
    return fmt.jobs(value)


def render_markdown(name: str, profiles: Profiles = SHIPPED_PROFILES) -> str:
    profile = profiles.load(None)
    by_code = {r.code: r for r in rules().calculators[name]}
    lines = [f"De regels hieronder gelden voor het beleid **{profile.label}** (versie {profile.version}). "
             "Bij elke regel staat waar hij vandaan komt. Staat er *eigen schatting*, dan is het een keuze van deze "
             "site en geen regel uit een bron; de uitkomst zegt dat dan ook.", ""]
    for item in explain(name, profile, procurement(), quota_letter()):
        r = by_code[item["code"]]
        fig = r.figure or r.procurement or r.quota
        val = _value(item["code"], fig, item["value"])
        src = item["source"]
        if src is None:
            lines.append(f"- {r.text} Dit beleid stelt hier geen waarde voor in.")
            continue
        if item["estimate"]:
            origin = "eigen schatting"
            if src.section:
                origin += f" ({src.section})"
        else:
            origin = cite(src)
            if src.page:
                origin = f"[{origin}]({_md_link(src.page)})"
            elif src.url:
                origin = f"[{origin}]({src.url})"
        text = r.text + (f" Waarde: {val}." if val else "")
        if r.code == "gewichten":
            w = profile.shortlist.weights
            parts = [("jaarwaarde", w.annual_value), ("arbeidsintensief", w.labour_intensive),
                     ("looptijd", w.multi_year), ("afspraak over social return", w.sroi_clause),
                     ("verlenging", w.extension)]
            text += " Punten: " + ", ".join(f"{label} {fmt.number(f.value)}" for label, f in parts) + "."
        lines.append(f"- {text} Bron: {origin}.")
    if name == "proportionaliteit":
        lines += ["", "Arbeidsaandeel per categorie als je zelf niets invult (eigen schatting; de handreiking geeft "
                  "zulke cijfers niet):", "", "| Categorie | Arbeidsaandeel |", "| --- | --- |"]
        lines += [f"| {c.label} | {fmt.pct(c.labour_share_pct)} |" for c in categories().categories]
    return "\n".join(lines) + "\n"


def render_explain(out_dir: Path, profiles: Profiles = SHIPPED_PROFILES) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in api.NAMES:
        if name not in rules().calculators:
            continue  # a working tool (actieplan, brainstorm, ...) computes nothing from rule data
        path = out_dir / f"regels-{name}.md"
        path.write_text(render_markdown(name, profiles), encoding="utf-8")
        written.append(path)
    return written
