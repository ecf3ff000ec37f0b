"""Failures a reader can meet in Chromium: runtime files that are missing or stall, and a reset that
races a pending run. Each ends in a clear state: the Dutch failure message with "Opnieuw proberen"
(and a working retry), or an empty form that stays empty."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from browser_support import ENGINE_TIMEOUT, Recorder, key_text

from handreiking_tools import api

pytest.importorskip("playwright.sync_api", reason="playwright is installed by make setup")

pytestmark = pytest.mark.browser

# engine-worker.js STALL_MS (15 s) / engine.js SILENT_MS (20 s), plus slack for a loaded machine.
FAILURE_WITHIN_MS = 45_000


def _expect_failure_then_retry(ctx: Any, page: Any, pattern: re.Pattern[str], started: float, limit_ms: int) -> None:
    box = page.locator("[data-engine-error]")
    box.wait_for(state="visible", timeout=limit_ms)
    assert (time.monotonic() - started) * 1000 < limit_ms
    text = page.locator("[data-engine-error-text]").inner_text()
    assert "De rekenhulp kon niet worden geladen" in text
    retry = page.locator('[data-action="retry"]')
    assert retry.is_visible() and retry.inner_text().strip() == "Opnieuw proberen"
    ctx.unroute(pattern)
    retry.click()
    page.click('[data-action="example"]')
    expected = api.run("proportionaliteit", _example(page))
    page.wait_for_function("t => document.querySelector('[data-result-body] [data-key=summary]')?.textContent === t",
                           arg=expected["summary"], timeout=ENGINE_TIMEOUT)
    assert key_text(page, "summary") == expected["summary"]
    assert box.is_hidden()


def _example(page: Any) -> dict[str, Any]:
    import json

    return json.loads(page.get_attribute(".hr-calc[data-calculator]", "data-example"))


@pytest.mark.parametrize("name", ["pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.mjs"])
def test_missing_runtime_file_fails_fast_with_retry(browser: Any, site_url: str, name: str) -> None:
    ctx = browser.new_context()
    pattern = re.compile(re.escape(name) + "$")
    ctx.route(pattern, lambda route: route.fulfill(status=404, body="niet gevonden"))
    page = ctx.new_page()
    started = time.monotonic()
    page.goto(f"{site_url}hulpmiddelen/proportionaliteit/")
    _expect_failure_then_retry(ctx, page, pattern, started, 15_000)
    ctx.close()


@pytest.mark.parametrize("name", ["pyodide.asm.wasm", "engine-worker.js"])
def test_stalled_runtime_file_fails_within_a_timeout_with_retry(browser: Any, site_url: str, name: str) -> None:
    ctx = browser.new_context()
    pattern = re.compile(re.escape(name) + "$")
    held: list[Any] = []

    def hang(route: Any) -> None:  # never answered: the server hangs
        held.append(route)

    ctx.route(pattern, hang)
    page = ctx.new_page()
    started = time.monotonic()
    page.goto(f"{site_url}hulpmiddelen/proportionaliteit/")
    page.wait_for_selector('.hr-calc[data-attached]')
    _expect_failure_then_retry(ctx, page, pattern, started, FAILURE_WITHIN_MS)
    ctx.close()


def test_reset_right_after_example_stays_reset(browser: Any, site_url: str) -> None:
    ctx = browser.new_context()
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    rec = Recorder(ctx, site_url.rstrip("/"))
    page = ctx.new_page()
    page.goto(f"{site_url}hulpmiddelen/proportionaliteit/")
    page.wait_for_function('() => globalThis[Symbol.for("handreiking-tools.engine")]?.status.state === "ready"')
    state_js = """() => ({
        stored: localStorage.getItem('handreiking:proportionaliteit'),
        query: location.search,
        status: document.querySelector('[data-status]').textContent,
        resultHidden: document.querySelector('[data-result]').hidden,
        value: document.querySelector('#f-contract_value_eur').value,
    })"""
    page.click('[data-action="reset"]')
    page.wait_for_timeout(1500)
    cleared = page.evaluate(state_js)
    assert cleared["stored"] is None and cleared["status"] == "Alle velden zijn gewist." and cleared["value"] == ""
    for delay in (0, 100, 240):
        # "Rekenvoorbeeld" and then "Wis alles" while the example's run may still be on its way.
        page.evaluate("""async (delay) => {
            document.querySelector('[data-action="example"]').click();
            await new Promise((r) => setTimeout(r, delay));
            document.querySelector('[data-action="reset"]').click();
        }""", delay)
        page.wait_for_timeout(1500)  # past a run in the engine and the announcement of its result
        assert page.evaluate(state_js) == cleared, delay
    ctx.close()
    assert rec.console_errors == [], rec.console_errors


def test_stalled_snapshot_part_falls_back_to_a_normal_start(browser: Any, site_url: str) -> None:
    """A snapshot part that stands still is watched like the runtime files: after the stall timeout the
    engine starts Python the normal way instead of waiting for ever, and the calculator works."""
    ctx = browser.new_context()
    pattern = re.compile(r"python-snapshot-[0-9a-f]+-2\.bin$")
    held: list[Any] = []
    ctx.route(pattern, lambda route: held.append(route))  # never answered: the part hangs
    page = ctx.new_page()
    page.goto(f"{site_url}hulpmiddelen/proportionaliteit/")
    page.wait_for_selector('.hr-calc[data-attached]')
    page.wait_for_function("globalThis[Symbol.for('handreiking-tools.engine')]?.status.state === 'ready'",
                           timeout=FAILURE_WITHIN_MS + ENGINE_TIMEOUT)
    assert held, "the first visit asked for the snapshot's parts (a fast local network)"
    assert page.evaluate("globalThis[Symbol.for('handreiking-tools.engine')].status.start") == "normal"
    page.click('[data-action="example"]')
    expected = api.run("proportionaliteit", _example(page))
    page.wait_for_function("t => document.querySelector('[data-result-body] [data-key=summary]')?.textContent === t",
                           arg=expected["summary"], timeout=ENGINE_TIMEOUT)
    assert page.locator("[data-engine-error]").is_hidden()
    ctx.close()


def test_too_big_import_file_is_refused_before_it_is_read(browser: Any, site_url: str) -> None:
    """A file over the core's limit (contracts_io.MAX_FILE_BYTES) gets a Dutch message under the file field
    and never reaches the Python worker; a file of exactly the limit is passed on."""
    from handreiking_tools.tools.shortlist.io import MAX_FILE_BYTES

    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(f"{site_url}hulpmiddelen/contractselectie/")
    page.wait_for_selector('.hr-calc[data-attached]')
    page.wait_for_function("globalThis[Symbol.for('handreiking-tools.engine')]?.status.state === 'ready'", timeout=ENGINE_TIMEOUT)
    # Record what reaches the worker (and answer "no rows", so a 20 MB file is not parsed for nothing).
    page.evaluate("""() => {
        const engine = globalThis[Symbol.for('handreiking-tools.engine')];
        window.__sent = [];
        engine.parseContracts = (bytes, name) => {
            window.__sent.push([name, bytes.byteLength]);
            return Promise.resolve({contracts: [], row_errors: []});
        };
    }""")
    upload = page.locator("#f-upload")
    limit_mb = f"{MAX_FILE_BYTES // 1_000_000}"
    upload.set_input_files({"name": "te-groot.csv", "mimeType": "text/csv", "buffer": b"a" * (MAX_FILE_BYTES + 1)})
    error = page.locator("#f-upload-error")
    expect_text = f"Dit bestand is te groot. Een bestand mag hoogstens {limit_mb} MB zijn"
    page.wait_for_function("t => document.querySelector('#f-upload-error')?.textContent.includes(t)", arg=expect_text)
    assert error.is_visible()
    assert upload.get_attribute("aria-invalid") == "true"
    assert "f-upload-error" in (upload.get_attribute("aria-describedby") or "").split()
    assert "help-import" in (upload.get_attribute("aria-describedby") or "").split()
    assert page.evaluate("window.__sent") == []
    assert page.locator("[data-import-note]").inner_text() == ""

    upload.set_input_files({"name": "precies.csv", "mimeType": "text/csv", "buffer": b"a" * MAX_FILE_BYTES})
    page.wait_for_function("window.__sent.length === 1")
    assert page.evaluate("window.__sent") == [["precies.csv", MAX_FILE_BYTES]]
    assert error.is_hidden() and upload.get_attribute("aria-invalid") is None
    assert (upload.get_attribute("aria-describedby") or "").split() == ["help-import"]
    ctx.close()
