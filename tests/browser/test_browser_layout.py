"""Results in view: after a change the compact result is on screen at 1366×768 and 390×844, calculator
pages use the full width (no table of contents), top 3 reads as top 3, and a printout holds inputs and
result but not the worked example. Screenshots land in test-output/screenshots/ to be looked at."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from browser_support import ENGINE_TIMEOUT, Recorder

from handreiking_tools import api
from handreiking_tools.site.forms import EXAMPLES

pytest.importorskip("playwright.sync_api", reason="playwright is installed by make setup")
pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "screenshots"
SIZES = ((1366, 768), (390, 844))
# The field typed into after the example is filled in (near the top of the form), and what is typed.
CHANGE = {"proportionaliteit": ("#f-contract_value_eur", "1.234.000"),
          "contractselectie": ("#f-reference_date", "01-03-2026"),
          "quotum": ("#f-formal_jobs", "121,5")}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(CHANGE))
def test_result_summary_in_view_after_a_change(browser: Any, site_url: str, name: str, size: tuple[int, int]) -> None:
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="nl-NL")
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    rec = Recorder(ctx, site_url.rstrip("/"))
    page = ctx.new_page()
    rec.watch(page)
    page.goto(f"{site_url}hulpmiddelen/{name}/")
    page.wait_for_selector(f'.hr-calc[data-calculator="{name}"][data-attached]')
    # No table of contents column on a calculator page.
    assert page.locator(".md-sidebar--secondary").is_hidden()
    page.click('[data-action="example"]')
    page.wait_for_selector("[data-result-body] [data-key]")
    selector, text = CHANGE[name]
    field = page.locator(selector)
    field.click()
    field.press("Control+A")
    field.press_sequentially(text, delay=5)
    field_name = selector.removeprefix("#f-")
    expected = api.run(name, {**EXAMPLES[name], field_name: text})
    assert expected["ok"], expected
    page.wait_for_function("t => document.querySelector(`[data-used='${t[0]}']`)?.textContent === t[1]",
                           arg=[field_name, next(u["text"] for u in expected["used"] if u["field"] == field_name)])
    summary = page.locator("[data-summary]")
    summary.wait_for(state="visible")
    box = page.evaluate("() => { const r = document.querySelector('[data-summary]').getBoundingClientRect(); return [r.top, r.bottom, innerHeight]; }")
    assert 0 <= box[0] and box[1] <= box[2], f"summary not in view: {box}"
    # The field just typed in is in view too: the summary does not hide what the reader is typing.
    fbox = page.evaluate(f"() => {{ const r = document.querySelector('{selector}').getBoundingClientRect(); return [r.top, r.bottom]; }}")
    assert fbox[1] <= box[0] or fbox[0] >= box[1], (fbox, box)
    # Screen readers hear the result once, after typing stops, through the status region.
    page.wait_for_function("() => document.querySelector('[data-status]').textContent.startsWith('Klaar. Uitkomst:')")
    assert summary.get_attribute("aria-hidden") == "true"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{size[0]}x{size[1]}.png"))
    ctx.close()
    assert rec.foreign() == [] and rec.console_errors == [], (rec.foreign(), rec.console_errors)


def test_top_three_reads_as_top_three(browser: Any, site_url: str) -> None:
    expected = api.run("contractselectie", EXAMPLES["contractselectie"])
    skipped = [c for c in expected["ranking"] if c["route"] == "2A"]
    assert skipped, "the example must hold a contract for step 2A to show the numbering"
    ctx = browser.new_context(viewport={"width": 1366, "height": 768})
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    page = ctx.new_page()
    page.goto(f"{site_url}hulpmiddelen/contractselectie/")
    page.wait_for_selector(".hr-calc[data-attached]")
    page.click('[data-action="example"]')
    page.wait_for_selector("[data-result-body] tr[data-rank]")
    marks = page.locator('[data-result-body] [data-key="top-place"]').all_inner_texts()
    top = [c for c in expected["ranking"] if c["name"] in expected["top"] and c["route"] == "2B"]
    assert marks == [f"(nr. {i} voor een partnership)" for i in range(1, len(top) + 1)]
    assert "(top " not in page.inner_text("[data-result-body] .hr-ranking")
    ctx.close()


def test_print_holds_inputs_and_result_not_the_example(browser: Any, site_url: str) -> None:
    ctx = browser.new_context()
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    page = ctx.new_page()
    page.goto(f"{site_url}hulpmiddelen/proportionaliteit/")
    page.wait_for_selector(".hr-calc[data-attached]")
    page.click('[data-action="example"]')
    page.wait_for_selector("[data-result-body] [data-key=amount_eur]")
    page.emulate_media(media="print")
    assert page.locator("[data-result]").is_visible()
    assert page.locator('[data-result-body] [data-used="contract_value_eur"]').is_visible()
    assert page.locator(".hr-example").is_hidden() and page.locator("#rekenvoorbeeld").is_hidden()
    ctx.close()


@pytest.mark.parametrize("saved", ['{"scalars":"abc"}', "{kapot", '[1,2]', '{"scalars":{"formal_jobs":{"x":1},"target_jobs":"22","onbekend":"1"},"rows":{"history":[5]}}'])
def test_saved_state_that_cannot_be_used_is_set_aside(browser: Any, site_url: str, saved: str) -> None:
    ctx = browser.new_context()
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    rec = Recorder(ctx, site_url.rstrip("/"))
    page = ctx.new_page()
    rec.watch(page)
    page.goto(f"{site_url}hulpmiddelen/quotum/")
    page.evaluate("s => localStorage.setItem('handreiking:quotum', s)", saved)
    page.reload()
    page.wait_for_selector(".hr-calc[data-attached]")
    note = page.locator("[data-storage-note]")
    note.wait_for(state="visible")
    assert "kon de rekenhulp niet gebruiken" in note.inner_text()
    assert page.evaluate("() => localStorage.getItem('handreiking:quotum:apart')") == saved
    # The page works: typing gives a result.
    page.locator("#f-formal_jobs").press_sequentially("10", delay=5)
    page.locator("#f-target_jobs").fill("")
    page.locator("#f-target_jobs").press_sequentially("20", delay=5)
    page.wait_for_selector("[data-result-body] [data-key=realisation_pct]")
    assert page.inner_text("[data-result-body] [data-key=realisation_pct]") == api.run("quotum", {"formal_jobs": "10", "target_jobs": "20"})["realisation_pct_display"]
    ctx.close()
    assert rec.console_errors == [], rec.console_errors


# Counts the pixels of a PNG (base64) that differ from white by more than a trace, drawn on a canvas
# in a blank page (the site's own pages allow no data: images).
NOT_WHITE_JS = """
async (png) => {
  const img = new Image();
  img.src = "data:image/png;base64," + png;
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = img.width;
  canvas.height = img.height;
  const g = canvas.getContext("2d");
  g.drawImage(img, 0, 0);
  const px = g.getImageData(0, 0, img.width, img.height).data;
  let count = 0;
  for (let i = 0; i < px.length; i += 4) if (Math.min(px[i], px[i + 1], px[i + 2]) < 235) count++;
  return count;
}
"""


def test_sidebar_title_hides_the_links_scrolled_under_it(browser: Any, site_url: str) -> None:
    """At 1366×768 the left sidebar's title stays on top while its list scrolls. The links scrolled under it
    showed through just below the title (Material fades its edge), and read as one line written over another."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL")
    page = ctx.new_page()
    blank = ctx.new_page()
    page.goto(f"{site_url}stappen/stap-3/")
    title = page.locator(".md-sidebar--primary .md-nav--primary > .md-nav__title")
    assert title.is_visible()
    page.mouse.move(180, 400)
    showing = []
    for offset in range(0, 241, 6):
        page.evaluate("n => { document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap').scrollTop = n; }", offset)
        box = title.bounding_box()
        assert box is not None
        # The band just below the title, where a link scrolled under it showed through.
        band = {"x": box["x"], "y": box["y"] + box["height"], "width": box["width"], "height": 8}
        png = base64.b64encode(page.screenshot(clip=band)).decode()
        if blank.evaluate(NOT_WHITE_JS, png):
            showing.append(offset)
    if showing:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("n => { document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap').scrollTop = n; }", showing[0])
        page.screenshot(path=str(SHOTS / "sidebar-title-1366x768.png"), clip={"x": 0, "y": 0, "width": 700, "height": 400})
    ctx.close()
    assert showing == [], f"text shows just below the sidebar's title when its list is scrolled by {showing} px"
