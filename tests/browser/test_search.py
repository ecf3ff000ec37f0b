"""The site's search (Material's; on a calculator's page with its index built once the engine has started:
see docs/assets/javascripts/workers/search-later.js and docs/assets/js/search-wait.js). A reader who types a
query at once, before that, still gets the results, typed key by key."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from browser_support import ENGINE_TIMEOUT, Recorder

ENGINE = "globalThis[Symbol.for('handreiking-tools.engine')]"
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def test_a_calculators_page_points_materials_search_at_the_later_worker(built_site: Path) -> None:
    """Pages with a calculator use search-later.js, the others Material's worker as it is, and the wrapper
    names Material's worker as this Material version ships it: after a Material update this fails until
    MATERIAL_WORKER in search-later.js is set to the new name."""
    workers = built_site / "assets" / "javascripts" / "workers"
    shipped = sorted(p.name for p in workers.glob("search.*.min.js"))
    named = re.search(r'^const MATERIAL_WORKER = "([^"]+)";$', (workers / "search-later.js").read_text("utf-8"), re.M)
    assert named and shipped == [named.group(1)], (shipped, named)
    pages = sorted(built_site.rglob("*.html"))
    later_pages = 0
    for page in pages:
        text = page.read_text("utf-8")
        found = CONFIG.search(text)
        assert found, page
        search = json.loads(found.group(1))["search"]
        if 'class="hr-calc"' in text:
            later_pages += 1
            assert search.endswith("assets/javascripts/workers/search-later.js"), (page, search)
        else:
            assert search.endswith(f"assets/javascripts/workers/{shipped[0]}"), (page, search)
    assert later_pages >= 3 and len(pages) > 20, (later_pages, len(pages))
    # What a reader types stays in the browser: Material's search.highlight would put the search words in
    # the address of the result it opens (?h=...), which the server logs.
    assert "search.highlight" not in json.loads(CONFIG.search(pages[0].read_text("utf-8")).group(1))["features"]


def _results(page: Any, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=30)
    items = page.locator(".md-search-result__item")
    items.first.wait_for(timeout=20_000)
    # The result links carry no search words to the server (no query string; a #fragment is not sent).
    hrefs = page.locator(".md-search-result__item a").evaluate_all("(links) => links.map((a) => a.href)")
    assert hrefs and not [h for h in hrefs if "?" in h], hrefs
    return items.all_inner_texts()


def _search_worker(page: Any) -> Any:
    for _ in range(100):
        found = [w for w in page.workers if "search-later.js" in w.url]
        if found:
            return found[0]
        page.wait_for_timeout(100)
    raise AssertionError("Material's search worker on a calculator's page is not search-later.js")


def _held(worker: Any) -> bool:
    """Whether search-later.js still keeps Material's index unbuilt."""
    return bool(worker.evaluate("held !== null"))


@pytest.mark.browser
@pytest.mark.parametrize("wait_first", [False, True], ids=["typed-at-once", "typed-later"])
def test_a_query_typed_at_once_or_later_finds_the_guidance(site_url: str, browser: Any, wait_first: bool) -> None:
    """On a content page (Material's worker as it is) and on a calculator's page: typed at once (the focus on
    the search box lets the index be built) or once the engine is ready (which lets it be built by itself)."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL")
    rec = Recorder(ctx, site_url.rstrip("/"))
    try:
        page = ctx.new_page()
        page.goto(site_url + "stappen/stap-1/", wait_until="domcontentloaded")
        assert _results(page, "banenafspraak"), "content page"
        assert not [w.url for w in page.workers if "search-later.js" in w.url]
        page.close()
        page = ctx.new_page()
        page.goto(site_url + "hulpmiddelen/proportionaliteit/", wait_until="domcontentloaded")
        worker = _search_worker(page)
        if wait_first:
            page.wait_for_function(f"{ENGINE}?.status.state === 'ready'", timeout=ENGINE_TIMEOUT)
            page.wait_for_timeout(1000)  # AFTER_READY_MS (0,25 s) and the build itself
            assert not _held(worker), "the index was not built once the engine was ready"
        texts = _results(page, "banenafspraak")
        assert texts and any("banenafspraak" in t.lower() for t in texts), texts
        assert not _held(worker)
        assert rec.console_errors == [] and rec.foreign() == [], (rec.console_errors, rec.foreign())
    finally:
        ctx.close()


@pytest.mark.browser
def test_the_index_waits_for_the_engine_or_the_reader(site_url: str, browser: Any) -> None:
    """With the engine's files held back (it keeps starting), the index stays unbuilt; the reader going to the
    search box builds it at once, and the query typed meanwhile gets its results."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL")
    ctx.route("**/pyodide/**", lambda route: None)  # never answered: the engine stays "loading"
    try:
        page = ctx.new_page()
        page.goto(site_url + "hulpmiddelen/proportionaliteit/", wait_until="domcontentloaded")
        worker = _search_worker(page)
        for _ in range(100):  # until Material has sent the index
            if _held(worker):
                break
            page.wait_for_timeout(100)
        page.wait_for_timeout(2500)
        assert _held(worker), "the index was built while the engine was still starting"
        assert page.evaluate(f"{ENGINE}?.status.state") == "loading"
        texts = _results(page, "banenafspraak")
        assert texts and not _held(worker)
    finally:
        ctx.close()
