"""'Wat moet ik leveren?' and 'Monitoringsrapportage' in Debian's Chromium against the built site.

A reader types Dutch-style by keyboard, the live result (drawn by the tool's Python view in the worker)
matches api.run in CPython, the downloaded JSON holds that same result and its input reads back to it
(the core's read_saved), the shared link after '#' brings the same input back in a fresh page, axe finds
no serious violation, and every request stays on the site's own origin.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import ENGINE_TIMEOUT, Recorder

from handreiking_tools import api
from handreiking_tools.tools.delivery.io import read_saved

pytest.importorskip("playwright.sync_api", reason="playwright is installed by make setup")
pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "test-output" / "screenshots"

# What a reader types, field by field (rows: one dict per row), as text.
TYPED: dict[str, dict[str, Any]] = {
    "leveren": {
        "percentage_pct": "5%",
        "base_amount_eur": "€ 1.200.000",
        "duration_months": "36",
        "candidates": [
            {"group": "banenafspraak", "hours_per_week": "25,5", "months": "12"},
            {"group": "participatiewet", "hours_per_week": "32", "months": "6", "bonuses": "1"},
        ],
    },
    "monitoring": {
        "obligation_eur": "€ 60.000",
        "contract_start": "01-01-2025",
        "contract_end": "31-12-2026",
        "placements": [
            {"year": "2025", "period": "jaar", "code": "P01", "group": "banenafspraak", "hours": "1.331", "costs_eur": "€ 19.500"},
            {"year": "2026", "period": "h1", "code": "P02", "group": "ww", "hours": "640,5", "costs_eur": "7.250"},
        ],
    },
}


@pytest.fixture()
def context(browser: Any, site_url: str) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True)
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    rec = Recorder(ctx, site_url.rstrip("/"))
    ctx.recorder = rec
    yield ctx
    ctx.close()
    assert rec.requests, "no request was recorded at all"
    assert rec.foreign() == [], f"requests to another host: {rec.foreign()}"
    assert rec.console_errors == [], f"console errors: {rec.console_errors}"


def open_tool(context: Any, url: str, name: str) -> Any:
    page = context.new_page()
    context.recorder.watch(page)
    page.goto(url)
    page.wait_for_selector(f'.hr-calc[data-calculator="{name}"][data-attached]')
    return page


def type_into(page: Any, selector: str, value: str) -> None:
    el = page.locator(selector)
    if el.evaluate("e => e.tagName") == "SELECT":
        el.focus()
        el.select_option(value)  # a select is chosen, not typed
        return
    el.click()
    el.press("Control+A")
    el.press("Delete")
    el.press_sequentially(value)


def fill(page: Any, typed: dict[str, Any]) -> None:
    for field, value in typed.items():
        if isinstance(value, list):
            for i, row in enumerate(value):
                if page.locator(f'[data-rows="{field}"] tr[data-row]').count() <= i:
                    page.click(f'[data-rows="{field}"] [data-action="add-row"]')
                for col, cell in row.items():
                    type_into(page, f"#f-{field}-{i}-{col}", cell)
        else:
            type_into(page, f"#f-{field}", value)


def wait_summary(page: Any, summary: str) -> None:
    page.wait_for_function("t => document.querySelector('[data-result-body] [data-key=summary]')?.textContent === t",
                           arg=summary)


@pytest.mark.parametrize("name", list(TYPED))
def test_keyboard_export_reimport_share_axe_same_origin(context: Any, site_url: str, name: str) -> None:
    typed = TYPED[name]
    expected = api.run(name, typed)
    assert expected["ok"], expected
    page = open_tool(context, f"{site_url}hulpmiddelen/{name}/", name)
    fill(page, typed)
    wait_summary(page, expected["summary"])
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    with page.expect_download() as info:
        page.click('[data-action="download-json"]')
    saved = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert saved["rekenhulp"] == name
    back = read_saved(name, saved)
    assert back["ok"]
    again = api.run(name, back["input"])
    for key in ("summary", "per_year", "realisation", "options", "mix"):
        if key in expected:
            assert again[key] == expected[key] == saved["uitkomst"][key]

    # A week later: an empty form, the downloaded file read back in through the page.
    later = open_tool(context, f"{site_url}hulpmiddelen/{name}/", name)
    later.click('[data-action="reset"]')
    first = next(field for field, value in typed.items() if not isinstance(value, list))
    later.wait_for_function("f => document.getElementById('f-' + f).value === ''", arg=first)
    assert later.locator("[data-rows] tr[data-row] input[value]:not([value=''])").count() == 0
    later.set_input_files("[data-import-json]", info.value.path())
    wait_summary(later, expected["summary"])
    for field, value in typed.items():
        if not isinstance(value, list):
            assert later.input_value(f"#f-{field}") == value  # as typed, not as read
    later.close()

    share = page.get_attribute("[data-share-link]", "href")
    assert share.startswith(f"{site_url}hulpmiddelen/{name}/#")  # the input stays after '#', never sent
    fresh = open_tool(context, share, name)
    wait_summary(fresh, expected["summary"])

    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], serious


def test_a_name_in_the_code_field_is_refused_in_the_browser(context: Any, site_url: str) -> None:
    page = open_tool(context, f"{site_url}hulpmiddelen/monitoring/", "monitoring")
    fill(page, {**TYPED["monitoring"], "placements": [{**TYPED["monitoring"]["placements"][0], "code": "Jan Jansen"}]})
    bad = api.run("monitoring", {**TYPED["monitoring"], "placements": [{**TYPED["monitoring"]["placements"][0],
                                                                       "code": "Jan Jansen"}]})
    message = next(e["message"] for e in bad["errors"] if e["field"] == "placements.0.code")
    err = page.locator('[id="err-placements.0.code"]')
    err.wait_for(state="visible")
    assert err.inner_text().strip() == message


def test_the_amount_from_proportionaliteit_opens_leveren_filled_in(context: Any, site_url: str) -> None:
    page = context.new_page()
    context.recorder.watch(page)
    page.goto(f"{site_url}hulpmiddelen/proportionaliteit/")
    page.click('a[href*="/leveren/#obligation_eur="]')  # the page's links are made absolute by the site's scripts
    page.wait_for_selector('.hr-calc[data-calculator="leveren"][data-attached]')
    assert page.input_value("#f-obligation_eur") == "60.000"
    wait_summary(page, api.run("leveren", {"obligation_eur": "60.000"})["summary"])
