"""Shape checks on the Markdown of the home, about, supplier and step 1/2A/2B pages (issue 3).

These read the page sources directly, so they run without a build: each step page keeps the
agreed shape (h1, "Na deze stap", linked list of sub-steps with stable ids, a next step), the
home page shows the route as an accessible picture plus the same route as links, and the facts
the issue names are on the page in Dutch notation.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
SVG_NS = "{http://www.w3.org/2000/svg}"

STEP_PAGES = {
    "stappen/stap-1.md": ("Stap 1", ["1a", "1b", "1c", "1d", "1e"]),
    "stappen/stap-2a.md": ("Stap 2A", ["2aa", "2ab", "2ac", "2ad"]),
    "stappen/stap-2b.md": ("Stap 2B", ["2ba", "2bb"]),
}
HEADING = re.compile(r"^(#{1,6}) (.+?)\s*(?:\{#([\w-]+)\})?\s*$")


def read(rel: str) -> str:
    """The page's Markdown without its front matter (the `stand` of the page, see test_content_pages)."""
    text = (DOCS / rel).read_text(encoding="utf-8")
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1].lstrip("\n")
    return text


def headings(text: str) -> list[tuple[int, str, str | None]]:
    """(level, title, explicit id) of every Markdown heading outside fenced code."""
    out, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        m = HEADING.match(line)
        if m and not fenced:
            out.append((len(m.group(1)), m.group(2), m.group(3)))
    return out


def section(text: str, heading_id: str) -> str:
    """The text from the heading with this explicit id up to the next heading of level 2."""
    start = text.index(f"{{#{heading_id}}}")
    nxt = re.search(r"^## ", text[start:].split("\n", 1)[1], flags=re.M)
    body = text[start:].split("\n", 1)[1]
    return body[: nxt.start()] if nxt else body


@pytest.mark.parametrize("rel", sorted(STEP_PAGES))
def test_step_page_has_the_agreed_shape(rel: str) -> None:
    title, ids = STEP_PAGES[rel]
    text = read(rel)
    hs = headings(text)
    assert [h for h in hs if h[0] == 1] == [(1, hs[0][1], None)], "exactly one h1, first"
    assert hs[0][1].startswith(title + ":")
    # the outcome admonition comes straight after the h1
    after_h1 = text.split("\n", 1)[1].lstrip("\n")
    assert after_h1.startswith('!!! abstract "Na deze stap"')
    # every sub-step is an h2 with its lower-case id, in order, and listed as a link before the first h2
    h2_ids = [h[2] for h in hs if h[0] == 2 and h[2]]
    assert h2_ids == ids
    intro = text[: text.index("\n## ")]
    assert re.findall(r"\]\(#([\w-]+)\)", intro) == ids
    # no skipped heading levels
    levels = [h[0] for h in hs]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    # ends with a next step that links to another step page
    assert [h[1] for h in hs if h[0] == 2][-1] == "Volgende stap"
    tail = text[text.rindex("## Volgende stap") :]
    assert re.search(r"\]\(stap-[1-5][ab]?\.md", tail)


def test_every_in_page_anchor_of_a_step_page_exists() -> None:
    for rel in STEP_PAGES:
        text = read(rel)
        ids = {h[2] for h in headings(text) if h[2]}
        for target in re.findall(r"\]\(#([\w-]+)\)", text):
            assert target in ids, f"{rel}: #{target} has no heading"


def test_sub_steps_link_to_their_calculators() -> None:
    assert "../hulpmiddelen/proportionaliteit.md" in section(read("stappen/stap-2a.md"), "2ac")
    assert "../hulpmiddelen/contractselectie.md" in section(read("stappen/stap-2b.md"), "2ba")
    assert "hulpmiddelen/proportionaliteit.md" in read("opdrachtnemers.md")


def test_tables_have_a_header_row() -> None:
    for rel in [*STEP_PAGES, "index.md", "over-de-handreiking.md", "opdrachtnemers.md"]:
        lines = read(rel).splitlines()
        for i, line in enumerate(lines):
            if line.startswith("|") and (i == 0 or not lines[i - 1].startswith("|")):
                assert i + 1 < len(lines) and re.fullmatch(r"\|( ?:?-+:? ?\|)+", lines[i + 1]), (
                    f"{rel}:{i + 1}: table without header separator"
                )


def test_home_shows_the_route_as_picture_with_alt_text_and_as_links() -> None:
    text = read("index.md")
    m = re.search(r"!\[([^\]]*)\]\(assets/route\.svg\)", text)
    assert m and len(m.group(1)) > 40, "the route picture needs a describing alt text"
    for step in ("2A", "2B", "3", "4", "5"):
        assert f"stap {step.lower()}" in m.group(1).lower()
    linked = re.findall(r"\]\(stappen/(stap-[1-5][ab]?)\.md\)", text)
    # the text route names every step, in the order of the picture
    order = ["stap-1", "stap-2a", "stap-2b", "stap-3", "stap-4", "stap-5"]
    assert [s for s in dict.fromkeys(linked)] == order
    for calc in ("proportionaliteit", "contractselectie", "quotum"):
        assert f"hulpmiddelen/{calc}.md" in text
    assert "](opdrachtnemers.md)" in text


def _hex_luminance(colour: str) -> float:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_hex_luminance(a), _hex_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_helper_matches_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_route_svg_is_accessible_and_readable() -> None:
    raw = (DOCS / "assets" / "route.svg").read_text(encoding="utf-8")
    root = ET.fromstring(raw)
    assert root.get("role") == "img"
    title, desc = root.find(SVG_NS + "title"), root.find(SVG_NS + "desc")
    assert title is not None and title.text and desc is not None and desc.text
    assert set(root.get("aria-labelledby", "").split()) == {title.get("id"), desc.get("id")}
    # the description tells the whole route, not just the title
    for step in ("stap 1", "stap 2A", "stap 2B", "stap 3", "stap 4", "stap 5"):
        assert step.lower() in desc.text.lower()
    # nothing is fetched from elsewhere
    assert "http://" not in raw.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in raw and "@import" not in raw and "<image" not in raw
    # text colours against their box (or the white page) meet WCAG AA for normal text
    style = root.find(SVG_NS + "style").text
    rules = dict(re.findall(r"(\.[\w]+(?: \w+)?)\s*\{([^}]*)\}", style))

    def fill(selector: str) -> str:
        return re.search(r"fill:\s*(#[0-9a-fA-F]{3,6})", rules[selector]).group(1)

    pairs = [(fill(".main text"), fill(".main rect")), (fill(".route text"), fill(".route rect")), (fill(".or"), "#ffffff")]
    for fg, bg in pairs:
        assert contrast(fg, bg) >= 4.5, (fg, bg)
    # font sizes are readable once scaled into the page
    sizes = [int(s) for s in re.findall(r"font-size:\s*(\d+)px", style)]
    assert sizes and min(sizes) >= 14


def test_about_page_keeps_the_facts_of_the_source() -> None:
    text = read("over-de-handreiking.md")
    for fact in (
        "najaar van 2018",
        "15 proeftuinen",
        "5 tot 10%",
        "juli 2019",
        "125.000",
        "25.000",
        "100.000",
        "oktober 2018",
        "april 2019",
        "90 miljard",
        "PIANOo",
        "De Normaalste Zaak",
        "Maatwerk voor Mensen",
        "Partnership en inkoopkracht",
    ):
        assert fact in text, fact
    ids = {h[2] for h in headings(text) if h[2]}
    assert {"uitgangspunten", "leeswijzer", "samen-verantwoordelijk", "social-return"} <= ids


def test_amounts_use_dutch_notation() -> None:
    for rel in [*STEP_PAGES, "index.md", "over-de-handreiking.md", "opdrachtnemers.md"]:
        text = read(rel)
        assert not re.search(r"€\d", text), f"{rel}: write '€ 100.000' with a space"
        assert not re.search(r"\b\d{1,3},\d{3}\b(?!,)", text), f"{rel}: thousands take a dot, not a comma"
        assert not re.search(r"\d\.\d+%", text), f"{rel}: decimals take a comma"
