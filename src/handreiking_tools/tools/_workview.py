"""Small drawing helpers shared by the working tools (actieplan, brainstorm, mijn rol).

A result is drawn once, in Python: ``View.html`` goes into the page (worked example at build time and
the live result in the browser), ``View.text`` is Markdown (copied as text and downloaded as .md),
``View.short`` is the one line in the bar beside the form. Every value is escaped with ``h``.
"""

from __future__ import annotations

from datetime import date

from ..fmt import date_long
from ..view import View, escape

__all__ = ["View", "day", "h", "md", "md_block", "md_table", "page_href", "para"]


def h(value: object) -> str:
    """A value as text in HTML, escaped by the view kit (text and attributes)."""
    return escape(value)


def md(value: object) -> str:
    """A value as one line of Markdown text: no line breaks, no table pipes, no leading markup."""
    text = " ".join(("" if value is None else str(value)).split())
    return text.replace("|", "\\|")


def md_block(value: object) -> str:
    """A multi-line text for Markdown: lines kept, each trimmed."""
    lines = [line.strip() for line in ("" if value is None else str(value)).splitlines()]
    return "\n".join(lines).strip()


def para(value: str | None) -> str:
    """A typed multi-line text as HTML paragraphs (line breaks kept), or '' when empty."""
    if not value:
        return ""
    blocks = [b for b in value.replace("\r", "").split("\n\n") if b.strip()]
    return "".join("<p>" + "<br>".join(h(line) for line in b.strip().split("\n")) + "</p>" for b in blocks)


def day(value: date | None) -> str:
    return date_long(value) if value else ""


def page_href(page: str, prefix: str = "../../") -> str:
    """URL (relative to a page under hulpmiddelen/) of a site page: 'stappen/stap-1/#1d' or, as the roles data
    names them, 'stappen/stap-1.md'."""
    if not page:
        return ""
    path, _, anchor = page.partition("#")
    if path.endswith(".md"):
        path = path[:-3] + "/"
    return prefix + path + (f"#{anchor}" if anchor else "")


def md_table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(md(c) for c in head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(md(c) or "—" for c in row) + " |" for row in rows]
    return "\n".join(lines)
