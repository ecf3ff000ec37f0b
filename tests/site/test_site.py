"""Site checks of issue 3 on a fresh strict build: privacy, structure, clean text, own words, nav, print.

The strict build itself (fixture `built_site` in conftest.py) already fails on any broken page
link or anchor; these tests look at what the build produced.
"""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
OWN_WORDS = ROOT.parent / "shared" / "tools" / "own-words"

# Scanning errors and extraction damage seen in the source PDFs; none may reach a page.
SCANNING_ERRORS = [
    "geefl",
    "handva7en",
    "proefluin",
    "nu7ige",
    "HRmedewerker",
    "HRadviseur",
    "SROIafspraken",
    "DirectoraatGeneraal",
    "SecretarisGeneraal",
    "socialreturn",
    "exgedetineerden",
    "7stappenplan",
    "⬛",
]
# Anonymised names of the sources: "Xxxx", "XXX", "xxxxxxxxx.xx".
PLACEHOLDER = re.compile(r"\bX[xX]{2,}\b|\bx{4,}\b")

# Attributes by which a tag makes the browser fetch something (a plain <a href> is only a link).
FETCHING_ATTRS = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "frame": ["src"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "input": ["src"],
    "image": ["href", "xlink:href"],
    "use": ["href", "xlink:href"],
}
# <link rel=…> values that only describe, and make the browser fetch nothing.
NON_FETCHING_LINK_RELS = {"canonical", "alternate", "author", "license", "help", "next", "prev", "me"}


def is_external(url: str | None) -> bool:
    """True for a URL that points at another host (absolute http(s) or protocol-relative)."""
    if not url:
        return False
    url = url.strip()
    if url.startswith("//"):
        return True
    parts = urlsplit(url)
    return parts.scheme in {"http", "https", "ftp", "ws", "wss"} and bool(parts.netloc)


class PageParser(HTMLParser):
    """Collects what the site tests need from one HTML page, in one pass."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.external_loads: list[str] = []
        self.h1_count = 0
        self.article_headings: list[int] = []
        self.images_without_alt: list[str] = []
        self.tables: list[int] = []  # number of <th> in each table
        self.text_parts: list[str] = []
        self.inline_styles: list[str] = []
        self._article_depth = 0  # >0 while inside the main content <article>
        self._tag_stack: list[str] = []
        self._skip_text = 0  # inside <script>/<style>
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "article" and "md-content__inner" in (a.get("class") or ""):
            self._article_depth = 1
        elif self._article_depth and tag == "article":
            self._article_depth += 1
        for attr in FETCHING_ATTRS.get(tag, []):
            value = a.get(attr)
            urls = [part.strip().split(" ")[0] for part in value.split(",")] if attr == "srcset" and value else [value]
            self.external_loads += [f"<{tag} {attr}={u}>" for u in urls if is_external(u)]
        if tag == "link":
            rels = set((a.get("rel") or "").lower().split())
            if not rels <= NON_FETCHING_LINK_RELS and is_external(a.get("href")):
                self.external_loads.append(f"<link rel={a.get('rel')} href={a.get('href')}>")
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh" and "http" in (a.get("content") or ""):
            self.external_loads.append(f"<meta refresh {a.get('content')}>")
        if a.get("style"):
            self.inline_styles.append(a["style"] or "")
        if tag == "h1":
            self.h1_count += 1
        if self._article_depth and re.fullmatch(r"h[1-6]", tag):
            self.article_headings.append(int(tag[1]))
        if tag == "img":
            alt = (a.get("alt") or "").strip()
            decorative = a.get("role") in {"presentation", "none"} or a.get("aria-hidden") == "true"
            if not alt and not decorative:
                self.images_without_alt.append(a.get("src") or "?")
        if tag == "table":
            self.tables.append(0)
        if tag == "th" and self.tables:
            self.tables[-1] += 1
        if tag in {"script", "style"}:
            self._skip_text += 1
            self._in_style = tag == "style"
        if tag not in {"img", "br", "hr", "input", "meta", "link", "source", "wbr", "col", "area", "base", "track", "embed"}:
            self._tag_stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._article_depth:
            self._article_depth -= 1
        if tag in {"script", "style"} and self._skip_text:
            self._skip_text -= 1
            self._in_style = False
        if tag in self._tag_stack:
            while self._tag_stack and self._tag_stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._skip_text:
            if self._in_style:
                self.inline_styles.append(data)
            return
        self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(self.text_parts)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def content_pages(site: Path) -> list[Path]:
    """Pages of the guidance (not the generated fragments a page may include)."""
    return [p for p in html_pages(site) if p.name in {"index.html", "404.html"}]


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


@pytest.fixture(scope="module")
def parsed_pages(built_site: Path) -> dict[Path, PageParser]:
    pages = {p.relative_to(built_site): parse(p) for p in content_pages(built_site)}
    assert len(pages) > 10, "the build produced too few pages to be the guidance"
    return pages


CSS_EXTERNAL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)
JS_EXTERNAL = re.compile(
    r"""(?:\bimport\s*\(\s*|\bimportScripts\s*\(\s*|\bfetch\s*\(\s*|new\s+(?:Shared)?Worker\s*\(\s*|\bfrom\s+|indexURL\s*:\s*)"""
    r"""['"`]((?:https?:)?//[^'"`]+)""",
)


# (a) Privacy -----------------------------------------------------------------------------


def test_is_external_tells_hosts_apart() -> None:
    assert is_external("https://fonts.googleapis.com/css")
    assert is_external("//cdn.example.org/x.js")
    assert not is_external("../assets/x.js")
    assert not is_external("/assets/x.js")
    assert not is_external("#3a")
    assert not is_external("mailto:info@example.org")


def test_parser_catches_an_external_script_and_font() -> None:
    p = PageParser()
    p.feed(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="//cdn.jsdelivr.net/x.js"></script><a href="https://www.pianoo.nl/">PIANOo</a>'
        '<link rel="canonical" href="https://example.org/page/">'
    )
    assert len(p.external_loads) == 2  # the <a> link and the canonical link fetch nothing


def test_no_page_loads_anything_from_another_host(parsed_pages: dict[Path, PageParser]) -> None:
    offenders = {
        str(path): page.external_loads + [s for s in page.inline_styles if CSS_EXTERNAL.search(s)]
        for path, page in parsed_pages.items()
    }
    offenders = {k: v for k, v in offenders.items() if v}
    assert not offenders, f"pages that load from another host: {offenders}"


def test_no_html_fragment_loads_anything_from_another_host(built_site: Path) -> None:
    fragments = [p for p in html_pages(built_site) if p.name not in {"index.html", "404.html"}]
    offenders = {str(p.relative_to(built_site)): parse(p).external_loads for p in fragments}
    assert not {k: v for k, v in offenders.items() if v}


def test_no_stylesheet_loads_from_another_host(built_site: Path) -> None:
    offenders = []
    for css in built_site.rglob("*.css"):
        offenders += [f"{css.relative_to(built_site)}: {m}" for m in CSS_EXTERNAL.findall(css.read_text("utf-8"))]
    assert not offenders, offenders


def test_no_script_loads_from_another_host(built_site: Path) -> None:
    offenders = []
    for js in [*built_site.rglob("*.js"), *built_site.rglob("*.mjs")]:
        text = js.read_text("utf-8", errors="replace")
        offenders += [f"{js.relative_to(built_site)}: {m}" for m in JS_EXTERNAL.findall(text)]
    assert not offenders, offenders


def test_theme_fonts_are_off() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    assert config["theme"].get("font") is False, "theme.font must be false: no Google Fonts"


# (b) Structure ---------------------------------------------------------------------------


def test_every_page_has_exactly_one_h1(parsed_pages: dict[Path, PageParser]) -> None:
    wrong = {str(p): page.h1_count for p, page in parsed_pages.items() if page.h1_count != 1}
    assert not wrong, f"pages without exactly one <h1>: {wrong}"


def test_no_heading_level_is_skipped(parsed_pages: dict[Path, PageParser]) -> None:
    skipped = {}
    for path, page in parsed_pages.items():
        levels = page.article_headings
        if not levels:
            continue
        jumps = [(a, b) for a, b in zip([1, *levels], levels, strict=False) if b > a + 1]
        if levels[0] != 1 or jumps:
            skipped[str(path)] = levels
    assert not skipped, f"heading levels skip a level (or the page does not start with h1): {skipped}"


def test_every_image_has_alt_text(parsed_pages: dict[Path, PageParser]) -> None:
    missing = {str(p): page.images_without_alt for p, page in parsed_pages.items() if page.images_without_alt}
    assert not missing, f"images without alt text: {missing}"


def test_every_table_has_header_cells(parsed_pages: dict[Path, PageParser]) -> None:
    bare = {str(p): page.tables for p, page in parsed_pages.items() if any(n == 0 for n in page.tables)}
    assert not bare, f"tables without <th> (number of th per table): {bare}"


def test_structure_checks_can_fail() -> None:
    p = PageParser()
    p.feed(
        '<article class="md-content__inner md-typeset"><h1>A</h1><h3>B</h3>'
        '<img src="x.png"><table><tr><td>1</td></tr></table></article>'
    )
    assert p.article_headings == [1, 3]
    assert p.images_without_alt == ["x.png"]
    assert p.tables == [0]


# (c) No placeholders or scanning errors ----------------------------------------------------


def test_placeholder_pattern() -> None:
    assert PLACEHOLDER.search("Met hartelijke groet, Xxxxxx Xxxxxxxxx")
    assert PLACEHOLDER.search("volgens de XXX Xxxxxxxxxx")
    assert not PLACEHOLDER.search("Xavier werkt bij DJI in 2021")


def test_no_placeholders_or_scanning_errors(parsed_pages: dict[Path, PageParser]) -> None:
    found = {}
    for path, page in parsed_pages.items():
        text = page.text
        hits = PLACEHOLDER.findall(text) + [e for e in SCANNING_ERRORS if e in text]
        if hits:
            found[str(path)] = hits
    assert not found, f"placeholders or scanning errors on the site: {found}"


# (d) Own words -----------------------------------------------------------------------------


def test_docs_are_in_our_own_words() -> None:
    if not OWN_WORDS.exists():
        pytest.skip(f"the own-words tool is not present at {OWN_WORDS} (it ships with the shared workspace)")
    proc = subprocess.run([str(OWN_WORDS), "docs"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, f"text copied from the sources:\n{proc.stdout}{proc.stderr}"


# (e) Every page in the nav exists ------------------------------------------------------------


def nav_files(nav: list) -> list[str]:
    files: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            files += nav_files(value)
        elif isinstance(value, str) and not is_external(value):
            files.append(value)
    return files


def test_nav_files_walks_sections() -> None:
    nav = [{"Home": "index.md"}, {"Stappen": [{"Stap 1": "stappen/stap-1.md"}, "hulpmiddelen/index.md"]}]
    assert nav_files(nav) == ["index.md", "stappen/stap-1.md", "hulpmiddelen/index.md"]


def test_every_nav_page_exists_and_is_built(built_site: Path) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    files = nav_files(config["nav"])
    assert len(files) >= 20
    missing = [f for f in files if not (ROOT / "docs" / f).is_file()]
    assert not missing, f"pages in the nav that do not exist: {missing}"
    for f in files:
        stem = f.removesuffix(".md")
        stem = "" if stem == "index" else stem.removesuffix("/index")
        built = built_site / stem / "index.html"
        assert built.is_file(), f"{f} was not built to {built}"


# (f) Print -----------------------------------------------------------------------------------


def print_rules(css: str) -> list[tuple[str, str]]:
    """(selector, declarations) of every rule inside an `@media print` block."""
    rules = []
    for m in re.finditer(r"@media\s+print\s*\{", css):
        depth, i, start = 1, m.end(), m.end()
        while depth and i < len(css):
            depth += {"{": 1, "}": -1}.get(css[i], 0)
            i += 1
        body = css[start : i - 1]
        rules += [(s.strip(), d.strip()) for s, d in re.findall(r"([^{}]+)\{([^{}]*)\}", body)]
    return rules


def test_print_rules_parser() -> None:
    css = "a{color:red}@media print{.md-header{display:none}.x{color:blue}}@media screen{.md-sidebar{display:none}}"
    assert print_rules(css) == [(".md-header", "display:none"), (".x", "color:blue")]


@pytest.mark.parametrize("chrome", [".md-header", ".md-sidebar"])
def test_print_hides_navigation(built_site: Path, chrome: str) -> None:
    css = "\n".join(p.read_text("utf-8") for p in built_site.rglob("*.css"))
    hidden = [
        sel
        for sel, decl in print_rules(css)
        if chrome in [s.strip() for s in sel.split(",")] and re.search(r"display\s*:\s*none", decl)
    ]
    assert hidden, f"no @media print rule hides {chrome}: printed pages would show the navigation"
