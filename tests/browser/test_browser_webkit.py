"""The reader's paths (tests/browser/reader_paths.py) in WebKit: Debian's WebKitGTK MiniBrowser on an Xvfb display,
driven by Selenium's WebKitGTK driver (WebKitWebDriver), one browser start for all paths.

WebKitGTK's driver offers no console log, so console errors are caught by listeners the test adds once
each page has loaded (errors during the very first parse of a page are not seen here; Chromium and
Firefox check those)."""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from reader_paths import CSV, PAGES, example, failing_site, plan

from handreiking_tools import api
from handreiking_tools.profile import Profiles

pytestmark = pytest.mark.browser

WEBDRIVER = Path("/usr/bin/WebKitWebDriver")
MINIBROWSER = Path("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
TIMEOUT = 90  # s: starting Pyodide on a slow, shared CI machine; no timing is asserted
PATHS = ("link-proportionaliteit", "keyboard-proportionaliteit", "link-contractselectie", "import-export",
         "keyboard-contractselectie", "link-quotum", "instant-navigation", "failure-and-retry")

COLLECT_ERRORS = """
if (!window.__hrErrors) {
  window.__hrErrors = [];
  addEventListener('error', (e) => window.__hrErrors.push(String(e.message || e)));
  addEventListener('unhandledrejection', (e) => window.__hrErrors.push(String(e.reason)));
  const error = console.error;
  console.error = function (...args) { window.__hrErrors.push(args.map(String).join(' ')); return error.apply(this, args); };
}"""
SUMMARY = "return document.querySelector('[data-result-body] [data-key=summary]')?.textContent ?? null"
ENGINE = 'globalThis[Symbol.for("handreiking-tools.engine")]'
RUN = (f"const done = arguments[arguments.length - 1]; {ENGINE}.run(arguments[0], arguments[1])"
       ".then((r) => done(JSON.stringify(r)), (e) => done('failed: ' + e))")
RANKING = ("return [...document.querySelectorAll('[data-result-body] tr[data-rank] [data-key=\"name\"]')]"
           ".map((e) => e.innerText.trim())")


class Driver:
    """The few things the paths do, on Selenium's WebKitGTK driver."""

    def __init__(self, driver: Any) -> None:
        self.d = driver
        self.errors: list[str] = []

    def until(self, check: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
        end = time.monotonic() + timeout
        while True:
            value = check()
            if value:
                return value
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {what}")
            time.sleep(0.1)

    def open(self, url: str, name: str | None = None) -> None:
        self.harvest()
        self.d.get(url)
        if name:
            self.until(lambda: self.d.execute_script(f"return !!document.querySelector('.hr-calc[data-calculator=\"{name}\"][data-attached]')"),
                       f"{name} attached")
        self.d.execute_script(COLLECT_ERRORS)

    def harvest(self) -> None:
        try:
            self.errors += self.d.execute_script("return window.__hrErrors || []")
        except Exception:  # noqa: BLE001 - no page yet
            pass

    def css(self, selector: str) -> Any:
        from selenium.webdriver.common.by import By

        return self.d.find_element(By.CSS_SELECTOR, selector)

    def click(self, selector: str) -> None:
        el = self.css(selector)
        # Out of view or under Material's sticky header, a click would land on something else.
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
        el.click()

    def type(self, selector: str, text: Any) -> None:
        el = self.css(selector)
        kind = el.get_attribute("type")
        el.send_keys(text if isinstance(text, str) else text["plain"] if kind == "number" else text["dutch"])

    def select(self, selector: str, value: str) -> None:
        from selenium.webdriver.support.select import Select

        Select(self.css(selector)).select_by_value(value)

    def summary_is(self, text: str) -> None:
        try:
            self.until(lambda: self.d.execute_script(SUMMARY) == text, "the summary")
        except AssertionError:
            raise AssertionError(f"summary {self.d.execute_script(SUMMARY)!r} instead of {text!r}") from None

    def ranking_is(self, names: list[str]) -> None:
        try:
            self.until(lambda: self.d.execute_script(RANKING) == names, "the ranking")
        except AssertionError:
            raise AssertionError(f"ranking {self.d.execute_script(RANKING)} instead of {names}") from None


@pytest.fixture(scope="module")
def webkit(built_site: Path, site_url: str, instant_site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    for needed in (WEBDRIVER, MINIBROWSER, Path("/usr/bin/Xvfb")):
        if not needed.exists():
            pytest.fail(f"{needed} is missing (make test installs webkit2gtk-driver and xvfb from Debian)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is installed by make setup")
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    # A display of its own (what xvfb-run does): Xvfb picks a free number and writes it to the pipe.
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["/usr/bin/Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    display_bytes = b""
    while not display_bytes.endswith(b"\n"):  # Xvfb writes "N\n" (closing the pipe early would kill it with SIGPIPE)
        chunk = os.read(read_end, 64)
        if not chunk:
            break
        display_bytes += chunk
    display = display_bytes.decode().strip()
    options = Options()
    options.binary_location = str(MINIBROWSER)
    options.add_argument("--automation")
    service = Service(executable_path=str(WEBDRIVER), env={**os.environ, "DISPLAY": f":{display}"})
    driver = None
    try:
        driver = webdriver.WebKitGTK(options=options, service=service)
        driver.set_window_size(1280, 900)
        csv_path = tmp_path_factory.mktemp("webkit") / "contracten.csv"
        csv_path.write_bytes(CSV)
        with failing_site(built_site) as failing:
            yield run_paths(Driver(driver), {**plan(site_url, failing, instant_site_url, csv_path),
                                             "engine": engine_checks(site_url)})
    finally:
        if driver is not None:
            driver.quit()
        xvfb.terminate()
        xvfb.wait(timeout=30)
        os.close(read_end)


def engine_checks(root: str) -> list[tuple[str, dict[str, Any], Any]]:
    """Inputs for the engine, each with what the core in CPython gives (result and view, links from ``root``):
    the examples, an empty form (the Dutch errors), amounts typed the Dutch way, a bad amount and a long list."""
    payloads: list[tuple[str, dict[str, Any]]] = []
    for name in PAGES:
        payloads += [(name, example(name)), (name, {})]
    prop = example("proportionaliteit")
    payloads += [("proportionaliteit", {**prop, "contract_value_eur": text}) for text in ("1.234.000", "€ 250.000", "veel")]
    payloads.append(("quotum", {**example("quotum"), "inleen_jobs": "14,5"}))
    ranking = example("contractselectie")
    payloads.append(("contractselectie", {**ranking, "contracts": (ranking["contracts"] * 100)[:300]}))
    return [(name, payload, json.loads(json.dumps(api.run_and_render(name, payload, Profiles(), root), default=str)))
            for name, payload in payloads]


def run_paths(b: Driver, p: dict[str, Any]) -> dict[str, Any]:
    results: dict[str, Any] = {}
    starts: list[dict[str, Any]] = []
    engine: dict[str, Any] = {}

    def engine_once() -> None:
        """Each start's engine status; the first snapshot start also runs every engine check."""
        status = b.d.execute_script(f"return {ENGINE}.status")
        starts.append({k: status.get(k) for k in ("start", "preloaded", "misfit")})
        if status.get("start") != "snapshot" or engine:
            return
        wrong = []
        for name, payload, expected in p["engine"]:
            got = b.d.execute_async_script(RUN, name, payload)
            if got.startswith("failed: ") or json.loads(got) != expected:
                wrong.append(f"{name} {json.dumps(payload)[:80]}: {got[:300]}")
        engine.update(checked=len(p["engine"]), wrong=wrong)

    def path(name: str, fn: Callable[[], None]) -> bool:
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - reported per path by the tests below
            results[name] = {"ok": False, "detail": f"{type(exc).__name__}: {exc}"[:2000]}
            return False
        results[name] = {"ok": True}
        return True

    def link(name: str) -> Callable[[], None]:
        def go() -> None:
            b.open(p["links"][name]["url"], name)
            b.summary_is(p["links"][name]["summary"])
            engine_once()
        return go

    def keyboard_prop() -> None:
        k = p["keyboard_prop"]
        b.click('[data-action="reset"]')
        for sel, text in k["type"].items():
            b.type(sel, text)
        for sel, value in k["select"].items():
            b.select(sel, value)
        b.summary_is(k["summary"])

    def import_export() -> None:
        k = p["import"]
        b.css("[data-upload]").send_keys(k["file"])
        b.ranking_is(k["names"])
        b.d.execute_script("""
          window.__hrDownloads = [];
          const click = HTMLAnchorElement.prototype.click;
          HTMLAnchorElement.prototype.click = function () {
            if (this.download) fetch(this.href).then((r) => r.arrayBuffer())
              .then((buf) => window.__hrDownloads.push(new TextDecoder('utf-8', {ignoreBOM: true}).decode(buf)));
            else click.call(this);
          };""")
        b.click('[data-action="download-csv"]')
        csv = b.until(lambda: (b.d.execute_script("return window.__hrDownloads") or [None])[0], "the CSV download")
        lines = csv.lstrip("\ufeff").splitlines()
        assert csv.startswith("\ufeff") and lines[0] == k["csv_head"] and lines[1].startswith(k["csv_first"]), lines[:2]

    def keyboard_contract() -> None:
        k = p["keyboard_contract"]
        b.click('[data-action="add-row"]')
        last = b.d.execute_script("return document.querySelectorAll('[data-rows-body] tr[data-row]').length") - 1
        for col, text in k["row"].items():
            b.type(f"#f-contracts-{last}-{col}", text)
        b.select(f"#f-contracts-{last}-category", k["category"])
        b.ranking_is(k["names"])

    def instant() -> None:
        k = p["instant"]
        b.d.execute_script("window.__hrSamePage = true")
        b.click(f'nav.md-nav--primary a[href$="{k["target"]}/"]')
        b.until(lambda: b.d.execute_script(f"return !!document.querySelector('.hr-calc[data-calculator=\"{k['target']}\"][data-attached]')"),
                "the next calculator")
        assert b.d.execute_script("return window.__hrSamePage === true"), "the page was loaded again, not swapped"
        b.click('[data-action="example"]')
        b.summary_is(k["summary"])

    def failure() -> None:
        k = p["failure"]
        urllib.request.urlopen(k["on"]).close()
        try:
            b.open(k["url"])
            b.until(lambda: b.d.execute_script("return !document.querySelector('[data-engine-error]').hidden"),
                    "the failure message", timeout=30)
            text = b.css("[data-engine-error-text]").text
            retry = b.css('[data-action="retry"]').text.strip()
            assert "De rekenhulp kon niet worden geladen" in text and retry == "Opnieuw proberen", (text, retry)
        finally:
            urllib.request.urlopen(k["off"]).close()
        b.d.execute_script("window.__hrErrors = []")  # the missing file was meant to fail
        b.click('[data-action="retry"]')
        b.click('[data-action="example"]')
        b.summary_is(k["summary"])

    path("link-proportionaliteit", link("proportionaliteit")) and path("keyboard-proportionaliteit", keyboard_prop)
    (path("link-contractselectie", link("contractselectie")) and path("import-export", import_export)
     and path("keyboard-contractselectie", keyboard_contract))
    path("link-quotum", link("quotum")) and path("instant-navigation", instant)
    path("failure-and-retry", failure)
    b.harvest()
    return {"paths": results, "starts": starts, "engine": engine, "consoleErrors": b.errors, "version": b.d.capabilities.get("browserVersion")}


@pytest.mark.parametrize("path", PATHS)
def test_reader_path_in_webkit(webkit: dict[str, Any], path: str) -> None:
    outcome = webkit["paths"].get(path)
    assert outcome is not None, f"{path} did not run (a path before it on the same page failed)"
    assert outcome["ok"], outcome.get("detail")


def test_webkit_starts_python_from_the_snapshot_with_the_core_results(webkit: dict[str, Any]) -> None:
    """WebKit hands out a function read from a wasm table as another object than the same function from the
    exports; the worker evens that out (engine-worker.js sameObjects), so the table has the build's layout
    and the snapshot fits. The first visit on 127.0.0.1 starts from the snapshot, unless a busy machine makes
    the line look slow: then a later page does, from the parts fetched after the first. Every check then
    gives what the core gives in CPython: results, views, Dutch errors."""
    starts = webkit["starts"]
    assert any(s["start"] == "snapshot" and s["preloaded"] is True for s in starts), starts
    assert all(s["misfit"] is False for s in starts), starts
    engine = webkit["engine"]
    assert engine["checked"] >= 10 and engine["wrong"] == [], engine


def test_no_console_errors_in_webkit(webkit: dict[str, Any]) -> None:
    assert webkit["version"], webkit
    assert webkit["consoleErrors"] == []
