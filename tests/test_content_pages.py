"""The guidance pages as a reader meets them in the built site (issue 16).

Links: every "see here" of the guidance's PDF can be followed from the page that uses it (an address
where one was checked, else the document named), every address leaves the site only as a plain https
<a>, and no page loads anything from another host. No inline event handler breaks the strict CSP.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handreiking_tools.site import content

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# Attributes through which a browser fetches or navigates.
URL_ATTRS = {"href", "src", "srcset", "data", "poster", "action", "formaction", "background", "manifest"}


class Collect(HTMLParser):
    """Every (tag, attribute, value) with a URL-like attribute, inline handlers, and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []
        self.handlers: list[tuple[str, str]] = []
        self.inline_scripts = 0
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for name, value in attrs:
            if name in URL_ATTRS and value:
                self.urls.append((tag, name, value))
            if name.startswith("on"):
                self.handlers.append((tag, name))
        if tag == "script":
            self._in_script = True
            if not a.get("src") and a.get("type") not in ("application/json", "application/ld+json"):
                self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if not self._in_script:
            self.text.append(data)


def parse(path: Path) -> Collect:
    c = Collect()
    c.feed(path.read_text(encoding="utf-8"))
    return c


def built_page(site: Path, rel: str) -> Path:
    """docs/stappen/stap-1.md -> site/stappen/stap-1/index.html (directory URLs)."""
    rel_path = Path(rel)
    if rel_path.stem == "index":
        return site / rel_path.parent / "index.html"
    return site / rel_path.with_suffix("") / "index.html"


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pyodide" not in p.parts)


def test_reference_data_is_valid() -> None:
    refs = content.load_references(DOCS)
    assert len({r.id for r in refs}) == len(refs)
    # The "see here" items of the PDF named in issue 16 are all in the list.
    ids = {r.id for r in refs}
    for needed in ("handreiking", "kamerbrief-2022", "awvn-praatplaat", "awvn-verschil", "pianoo-marktanalyse",
                   "voorwaarden-voorbehouden", "pianoo-percelenregeling", "pso-nederland", "pianoo-social-return",
                   "pianoo-marktconsultatie", "szw-verslag", "toolbox-inclusief", "dji-inkoopbeleid"):
        assert needed in ids


def test_reference_data_refuses_an_http_address(tmp_path: Path) -> None:
    (tmp_path / content.DATA).mkdir()
    (tmp_path / "p.md").write_text("x", encoding="utf-8")
    (tmp_path / content.DATA / "references.yml").write_text(
        "- {id: a, title: T, publisher: P, url: 'http://example.org/', about: A, checked: x, pages: [p.md]}\n",
        encoding="utf-8")
    with pytest.raises(content.ContentDataError, match="https"):
        content.load_references(tmp_path)


def test_each_reference_can_be_followed_from_its_pages(built_site: Path) -> None:
    listing = parse(built_page(built_site, "verder-lezen.md"))
    listed = {v for t, a, v in listing.urls if t == "a"}
    for ref in content.load_references(DOCS):
        for rel in ref.pages:
            page = parse(built_page(built_site, rel))
            if ref.url:
                anchors = {v for t, a, v in page.urls if t == "a" and a == "href"}
                assert ref.url in anchors, f"{rel} does not link to {ref.id}"
            else:
                text = " ".join(" ".join(page.text).split())
                assert ref.named_as in text, f"{rel} does not name {ref.id} ({ref.named_as!r})"
        if ref.url:
            assert ref.url in listed, f"Bronnen en verder lezen lacks {ref.id}"


def test_external_addresses_are_https_links_and_nothing_loads_from_another_host(built_site: Path) -> None:
    external_links = 0
    problems = []
    for path in html_pages(built_site):
        page = parse(path)
        for tag, attr, value in page.urls:
            for v in (value.split(",") if attr == "srcset" else [value]):
                v = v.strip().split(" ")[0]
                if not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", v, re.I) or v.startswith(("data:", "mailto:", "#")):
                    continue
                if tag == "a" and attr == "href" and v.startswith("https://"):
                    external_links += 1
                    continue
                problems.append(f"{path.relative_to(built_site)}: <{tag} {attr}={v}>")
    assert problems == []
    assert external_links >= 10, "the checked addresses of the guidance's references are on the pages"


def test_no_page_has_an_inline_script_or_event_handler(built_site: Path) -> None:
    offenders = []
    for path in html_pages(built_site):
        page = parse(path)
        if page.handlers or page.inline_scripts:
            offenders.append((str(path.relative_to(built_site)), page.handlers[:3], page.inline_scripts))
    assert offenders == [], "a strict CSP (script-src 'self') blocks these"
