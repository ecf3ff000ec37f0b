"""Wide tables that fit (issue 11): on the contractselectie page at 1366×768 the key columns of the
contract table and the ranking are in view without sideways scrolling; on a phone (390×844) the
ranking (worked example and live result) is a stack of cards with no sideways page scroll.
Screenshots land in test-output/screenshots/ to be looked at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_support import ENGINE_TIMEOUT, Recorder

pytest.importorskip("playwright.sync_api", reason="playwright is installed by make setup")
pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The contract table's columns a reader needs first, and the ranking's.
KEY_INPUT_CELLS = ("name", "category", "annual_value_eur", "end_date")
KEY_RANKING_CELLS = ('[data-label="Contract"]', '[data-key="score"]', '[data-key="route"]')

# Right edges (page scroll at 0) of the first row's key cells and of the ranking's key cells.
RIGHT_EDGES = """([inputCells, rankCells]) => {
  const row = document.querySelector('[data-rows-body] tr[data-row]');
  const rank = document.querySelector('[data-result-body] tr[data-rank]');
  const edge = (el) => el ? el.getBoundingClientRect().right : null;
  // What is in view: the viewport, and the scroll box the table sits in.
  const wrap = (el) => el.closest('.hr-table-wrap').getBoundingClientRect().right;
  return {
    width: Math.min(document.documentElement.clientWidth, wrap(row), wrap(rank)),
    scrollX: window.scrollX,
    input: Object.fromEntries(inputCells.map((c) => [c, edge(row.querySelector(`[data-cell="${c}"]`))])),
    ranking: Object.fromEntries(rankCells.map((c) => [c, edge(rank.querySelector(c))])),
  };
}"""

# Per ranked row: its display, box, and whether name, score and route are in its box and on screen.
CARDS = """(rows) => ({
  pageWidth: document.documentElement.scrollWidth,
  viewport: document.documentElement.clientWidth,
  cards: [...document.querySelectorAll(rows)].map((tr) => {
    const box = tr.getBoundingClientRect();
    const part = (sel) => {
      const el = tr.querySelector(sel);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { text: el.textContent.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom,
               visible: r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' };
    };
    return { display: getComputedStyle(tr).display, left: box.left, right: box.right, top: box.top,
             bottom: box.bottom, name: part('[data-label="Contract"]'), score: part('[data-label="Score"]'),
             route: part('[data-label="Route"]') };
  }),
})"""


def _open(browser: Any, site_url: str, width: int, height: int) -> tuple[Any, Any, Recorder]:
    ctx = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    rec = Recorder(ctx, site_url.rstrip("/"))
    page = ctx.new_page()
    rec.watch(page)
    page.goto(f"{site_url}hulpmiddelen/contractselectie/")
    page.wait_for_selector('.hr-calc[data-calculator="contractselectie"][data-attached]')
    page.click('[data-action="example"]')
    page.wait_for_selector("[data-result-body] tr[data-rank]")
    return ctx, page, rec


def test_key_columns_fit_at_1366(browser: Any, site_url: str) -> None:
    ctx, page, rec = _open(browser, site_url, 1366, 768)
    page.evaluate("() => window.scrollTo(0, 0)")
    m = page.evaluate(RIGHT_EDGES, [list(KEY_INPUT_CELLS), list(KEY_RANKING_CELLS)])
    assert m["scrollX"] == 0
    for part in ("input", "ranking"):
        for cell, right in m[part].items():
            assert right is not None, f"{part}: no cell {cell}"
            assert right <= m["width"], f"{part}: {cell} ends at {right}px, beyond the {m['width']}px in view"
    # The page itself does not scroll sideways either; only a table's own box may.
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".hr-rows-table").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "contractselectie-tables-1366-input.png"))
    page.locator("[data-result-body] .hr-ranking").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "contractselectie-tables-1366-ranking.png"))
    ctx.close()
    assert rec.foreign() == [] and rec.console_errors == [], (rec.foreign(), rec.console_errors)


@pytest.mark.parametrize("where", ["example", "live"])
def test_ranking_is_cards_on_a_phone(browser: Any, site_url: str, where: str) -> None:
    ctx, page, rec = _open(browser, site_url, 390, 844)
    rows = ".hr-example .hr-ranking tbody tr" if where == "example" else "[data-result-body] .hr-ranking tbody tr"
    m = page.evaluate(CARDS, rows)
    assert m["pageWidth"] <= m["viewport"], f"page scrolls sideways: {m['pageWidth']} > {m['viewport']}"
    assert len(m["cards"]) >= 3, m
    previous_bottom = None
    for card in m["cards"]:
        assert card["display"] == "block", card
        assert 0 <= card["left"] and card["right"] <= m["viewport"], card
        # One card per contract: stacked, not side by side.
        if previous_bottom is not None:
            assert card["top"] >= previous_bottom, card
        previous_bottom = card["bottom"]
        for key in ("name", "score", "route"):
            part = card[key]
            assert part and part["visible"] and part["text"], (key, card)
            assert card["left"] <= part["left"] and part["right"] <= card["right"] <= m["viewport"], (key, card)
            assert card["top"] <= part["top"] and part["bottom"] <= card["bottom"], (key, card)
        assert "Stap" in card["route"]["text"], card
    # The labels are drawn by CSS from the column names.
    label = page.evaluate(f"() => getComputedStyle(document.querySelector('{rows} [data-label=\"Score\"]'), '::before').content")
    assert "Score" in label, label
    # The cards keep axe clean (the page-wide axe test runs at desktop width).
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(rows).first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"contractselectie-cards-390-{where}.png"))
    ctx.close()
    assert rec.foreign() == [] and rec.console_errors == [], (rec.foreign(), rec.console_errors)
