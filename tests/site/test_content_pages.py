"""The guidance pages as a reader meets them in the built site (issue 16).

Links: every "see here" of the guidance's PDF can be followed from the page that uses it (an address
where one was checked, else the document named), every address leaves the site only as a plain https
<a>, and no page loads anything from another host. No inline event handler breaks the strict CSP.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handreiking_tools.site import content

ROOT = Path(__file__).resolve().parents[2]
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
        self.abbrs: list[tuple[str, str]] = []  # (title, text)
        self.dt_ids: list[str] = []
        self._in_script = False
        self._abbr: list[str] | None = None
        self._abbr_title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for name, value in attrs:
            if name in URL_ATTRS and value:
                self.urls.append((tag, name, value))
            if name.startswith("on"):
                self.handlers.append((tag, name))
        if tag == "abbr":
            self._abbr, self._abbr_title = [], a.get("title") or ""
        if tag == "dt" and a.get("id"):
            self.dt_ids.append(a["id"])
        if tag == "script":
            self._in_script = True
            if not a.get("src") and a.get("type") not in ("application/json", "application/ld+json"):
                self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        if tag == "abbr" and self._abbr is not None:
            self.abbrs.append((self._abbr_title, "".join(self._abbr)))
            self._abbr = None

    def handle_data(self, data: str) -> None:
        if not self._in_script:
            self.text.append(data)
        if self._abbr is not None:
            self._abbr.append(data)


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


# Pages that describe the site itself rather than the guidance; each with its reason.
NO_PERIOD = {
    "zelf-hosten.md": "how to host this site; owned by the hosting work (issue 14), not a period of the guidance",
}


def docs_pages() -> list[str]:
    return sorted(str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")
                  if not p.relative_to(DOCS).parts[0].startswith("_"))


@pytest.mark.parametrize("rel", [r for r in docs_pages() if r not in NO_PERIOD])
def test_every_page_says_what_period_it_describes(built_site: Path, rel: str) -> None:
    html = built_page(built_site, rel).read_text(encoding="utf-8")
    m = re.search(r"</h1>\s*<p class=\"hr-stand\"><strong>Stand van zaken:</strong> ([^<]+)</p>", html)
    assert m, f"{rel}: no 'Stand van zaken' line straight under the title"
    period = m.group(1)
    # a period names a year
    assert re.search(r"\b(19|20)\d\d\b", period), period
    assert html.count('class="hr-stand"') == 1


# ---------------------------------------------------------------------------------------------------
# Accessibility on every page (issue 15): axe-core, and no invisible Tab stop
# ---------------------------------------------------------------------------------------------------

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Known failures owned elsewhere, each with its reason (none today: zelf-hosten's code colours were fixed).
AXE_EXPECTED_FAILURES: dict[str, str] = {}


def _axe_params() -> list:
    out = []
    for rel in docs_pages():
        marks = [pytest.mark.browser]
        if rel in AXE_EXPECTED_FAILURES:
            marks.append(pytest.mark.xfail(reason=AXE_EXPECTED_FAILURES[rel], strict=False))
        out.append(pytest.param(rel, marks=marks, id=rel))
    return out


def page_url(site_url: str, rel: str) -> str:
    p = Path(rel)
    path = "" if rel == "index.md" else (f"{p.parent}/" if p.stem == "index" else f"{p.with_suffix('')}/")
    return site_url + path


@pytest.fixture(scope="module")
def reader(browser) -> Iterator:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = ctx.new_page()
    yield page
    ctx.close()


@pytest.mark.parametrize("rel", _axe_params())
def test_axe_finds_no_serious_violation_on_any_page(reader, site_url: str, rel: str) -> None:
    reader.goto(page_url(site_url, rel))
    reader.wait_for_load_state("load")
    reader.add_script_tag(path=str(AXE))
    result = reader.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], serious


@pytest.mark.browser
@pytest.mark.parametrize("rel", ["index.md", "bijlagen/rollen.md", "bijlagen/brainstormformat.md"])
def test_every_tab_stop_is_visible(reader, site_url: str, rel: str) -> None:
    """Tab from the top through the page: no stop lands on something 0 px wide or high."""
    reader.goto(page_url(site_url, rel))
    reader.wait_for_load_state("load")
    reader.evaluate("() => document.activeElement && document.activeElement.blur()")
    hidden, seen = [], 0
    for _ in range(80):
        reader.keyboard.press("Tab")
        info = reader.evaluate(
            "() => { const e = document.activeElement; if (!e || e === document.body) return null;"
            " const r = e.getBoundingClientRect();"
            " return {tag: e.tagName, id: e.id, cls: String(e.className), w: r.width, h: r.height}; }")
        if info is None:
            continue
        seen += 1
        if info["w"] < 1 or info["h"] < 1:
            hidden.append(info)
    assert seen > 10
    assert hidden == [], hidden


# ---------------------------------------------------------------------------------------------------
# Glossary: one data file, each term one sentence, defined once on the Begrippen page, used on the site
# ---------------------------------------------------------------------------------------------------

ISSUE_TERMS = ("SROI", "social return", "banenafspraak", "doelgroepregister", "doelgroepverklaring", "quotumwet",
               "loonsom", "PSO", "SW-bedrijf", "UWV", "werkgeversservicepunt", "minicompetitie", "SMART", "inleen",
               "Wmo", "bouwblokkenmethode")


def test_glossary_has_the_terms_a_first_time_reader_meets() -> None:
    terms = {t.term for t in content.load_glossary(DOCS)}
    assert set(ISSUE_TERMS) <= terms
    assert len(terms) >= 40


def test_glossary_terms_are_defined_once_and_each_is_used(built_site: Path) -> None:
    terms = content.load_glossary(DOCS)
    glossary = parse(built_page(built_site, "begrippen.md"))
    ids = glossary.dt_ids
    assert len(ids) == len(set(ids)) == len(terms), "one definition per term on the Begrippen page"
    used: dict[str, set[str]] = {}
    for path in html_pages(built_site):
        if path == built_page(built_site, "begrippen.md"):
            continue
        for title, text in parse(path).abbrs:
            used.setdefault(title, set()).add(text)
    for t in terms:
        assert f"begrip-{re.sub(r'[^a-z0-9]+', '-', t.term.lower()).strip('-')}" in ids, t.term
        forms = used.get(t.meaning, set())
        assert forms and forms <= set(t.forms), f"{t.term}: not explained on any page ({forms})"
    # Every explanation on the site comes from the glossary: no second definition anywhere.
    assert set(used) <= {t.meaning for t in terms}


def test_glossary_refuses_a_term_twice_and_a_second_sentence(tmp_path: Path) -> None:
    (tmp_path / content.DATA).mkdir()
    f = tmp_path / content.DATA / "glossary.yml"
    f.write_text("- {term: UWV, meaning: Een.}\n- {term: uwv, meaning: Twee.}\n", encoding="utf-8")
    with pytest.raises(content.ContentDataError, match="twee keer"):
        content.load_glossary(tmp_path)
    f.write_text("- {term: UWV, meaning: Een zin. En nog een.}\n", encoding="utf-8")
    with pytest.raises(content.ContentDataError, match="één zin"):
        content.load_glossary(tmp_path)
