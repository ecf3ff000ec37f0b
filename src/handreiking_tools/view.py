"""The view kit: how every tool draws its result, as safe HTML, as plain text and as a short line.

Each tool's ``view.py`` builds its :class:`View` from the result dict that ``api.run`` returns, with
the pieces here. The same view draws the worked example at build time and the live result in the
browser (the worker calls ``api.render``), so a result is drawn once. Stdlib only: the browser loads
no template engine for it.

Safety: :func:`h` fills a template and escapes every value put in, unless the value is
:class:`Markup` (HTML that was built here, and so already safe). Text from the reader (a contract's
name) can therefore never become markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}


class Markup(str):
    """HTML that is safe to put in a page as it is (built by this kit, never typed by a reader)."""

    __slots__ = ()


def escape(value: Any) -> Markup:
    """``value`` as text in HTML: & < > " ' escaped (None is empty). Markup stays as it is."""
    if isinstance(value, Markup):
        return value
    text = "" if value is None else str(value)
    return Markup("".join(_ESCAPES.get(ch, ch) for ch in text))


def h(template: str, *args: Any, **kwargs: Any) -> Markup:
    """``template.format(...)`` with every argument escaped, unless it is Markup."""
    return Markup(template.format(*(escape(a) for a in args), **{k: escape(v) for k, v in kwargs.items()}))


def join(parts: Iterable[Any], sep: str = "") -> Markup:
    """Pieces of HTML one after the other; plain text among them is escaped."""
    return Markup(sep.join(escape(p) for p in parts))


def when(condition: Any, markup: Markup) -> Markup:
    """``markup`` if ``condition`` holds, else nothing."""
    return markup if condition else Markup("")


@dataclass(frozen=True)
class View:
    """A result as a page shows it: ``html`` (safe), ``text`` (what "Kopieer als tekst" copies) and
    ``short`` (the one line of the summary bar and the status region)."""

    html: str
    text: str
    short: str

    def as_dict(self) -> dict[str, str]:
        return {"html": self.html, "text": self.text, "short": self.short}


def page_url(page: str, root: str) -> str:
    """The link to a page of this site from a page ``root`` below the site root ('../../' or an absolute URL)."""
    return root + page


def source_link(item: Mapping[str, Any], root: str) -> Markup:
    """A reason's source, linked to the page of this site that explains it (no link without one)."""
    if not item.get("page"):
        return escape(item.get("source"))
    return h('<a href="{}">{}</a>', page_url(item["page"], root), item.get("source"))


def source_note(item: Mapping[str, Any], root: str) -> Markup:
    """' (Bron: <link>)' after a reason."""
    return h('<span class="hr-source">(Bron: {})</span>', source_link(item, root))


@dataclass(frozen=True)
class Part:
    """A piece of a view: its html and its plain text (either may be empty)."""

    html: Markup
    text: str


def reason_list(items: list[Mapping[str, Any]] | None, heading: str, root: str, key: str) -> Part:
    """A heading and the reasons under it, each with its source; empty when there are none."""
    if not items:
        return Part(Markup(""), "")
    lis = join(h('<li data-code="{}">{} {}</li>', r["code"], r["message"], source_note(r, root)) for r in items)
    html = h('<h3>{}</h3><ul class="hr-reasons" data-list="{}">{}</ul>', heading, key, lis)
    text = f"{heading}:\n" + "\n".join(f"- {r['message']} (Bron: {r['source']})" for r in items)
    return Part(html, text)


def figure_list(figures: Iterable[tuple[str, str | None, Any]]) -> Markup:
    """The key figures as a definition list: (label, data-key or None, value)."""
    rows = join(h('<div><dt>{}</dt><dd data-key="{}">{}</dd></div>', label, key, value) if key
                else h("<div><dt>{}</dt><dd>{}</dd></div>", label, value) for label, key, value in figures)
    return h('<dl class="hr-figures">{}</dl>', rows)


def text_blocks(*blocks: str) -> str:
    """The plain text of a view: the non-empty blocks with an empty line between them."""
    return "\n\n".join(b for b in blocks if b)
