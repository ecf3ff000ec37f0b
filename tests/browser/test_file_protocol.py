"""A calculator page opened as a file (file://) cannot run Pyodide: the page must say so, not fail silently."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page", ["proportionaliteit", "contractselectie", "quotum"])
def test_opened_from_the_file_system_the_page_explains_why(browser: Any, built_site: Path, page: str) -> None:
    ctx = browser.new_context()
    try:
        tab = ctx.new_page()
        tab.goto((built_site / "hulpmiddelen" / page / "index.html").as_uri())
        status = tab.locator(".hr-calc [data-status]")
        status.wait_for()
        text = status.inner_text()
        assert "als bestand" in text and "webadres" in text, text
        assert status.get_attribute("role") == "status"
        # The worked example, made at build time, stays readable without the engine.
        assert tab.locator("#rekenvoorbeeld").count() == 1
    finally:
        ctx.close()


def test_served_over_http_the_file_notice_stays_away(browser: Any, site_url: str) -> None:
    ctx = browser.new_context()
    try:
        tab = ctx.new_page()
        tab.goto(site_url + "hulpmiddelen/quotum/")
        status = tab.locator(".hr-calc [data-status]")
        status.wait_for()
        tab.wait_for_function("document.querySelector('.hr-calc').dataset.attached === '1'")
        assert "als bestand" not in status.inner_text()
    finally:
        ctx.close()
