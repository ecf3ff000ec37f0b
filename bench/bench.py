"""`make bench`: how fast the calculators are, against a plain Pyodide setup measured in the same run.

Serves the site as `make site` builds it for a host (content names, the service worker and its offline
copy), and a baseline page built in a temporary folder, on 127.0.0.1 with a server that compresses like
a normal host (bench/server.py), drives Debian's Chromium with Playwright, and
prints one table. Each page figure is the median and min-max over --runs runs (default 5), with its
ratio to the baseline's figure, so results from different machines compare.

Each calculator run (and each baseline run, so the ratios stay fair) uses a fresh on-disk browser
profile, like a returning reader's normal window: Chromium keeps its HTTP cache on disk there and
keeps compiled WebAssembly code between visits. A private window (Playwright's new_context) keeps its
cache in memory only, holds no response over about 6 MB and keeps no compiled code; it gets its own row.

Figures per page:
  form      time from navigation until the form can compute (engine ready)
  cold      time until the first result, empty browser cache (first visit in a new profile, once the freshly
            launched browser is idle: bench/slowdown.py, wait_until_idle)
  warm      the same, second visit in the same profile (disk cache filled; the bench waits after the first
            visit until the service worker is active, so this visit is answered from its offline copy)
  warm_private   the same as warm, but in a private window (new_context, in-memory cache)
  KB first  body bytes (compressed as sent) of the responses the browser had whole when the first result
            showed, empty cache: counted in the browser (resource timing of the page and its workers),
            since the server finishes writing a response to the socket well before a slow line delivers it
  KB cold / KB warm   body bytes the server sent (compressed as sent), per visit; on a cold visit
            the bench waits until the start-up snapshot's parts are sent (the worker may fetch them
            after the first result, for the next visit), so "all" includes them
  recalc    median time from a changed input (submit) to the new result in the page, 50 changes
  input     what a person feels: from an input event on a field to the updated result in the page, median
            and p90 over 120 changes, beside the engine's own round trip (engine.run) in the same page
  lists     contractselectie with 2.000 contracts chosen in the file input: seconds until the rows are in
            the table and until the result is drawn, then one amount changed until the new result (median
            of 10); 300 contracts saved in the browser: reload to result
For the content page: time to the load event, bytes, and the number of Pyodide/wheel requests (must be 0).
Also: the second calculator's first result after instant navigation from the first one (a second after
the first calculator's result; link and example clicked in the page itself, so Playwright's own delay of
about 0,1 s per click does not count), the site
build time, and one api.run call in CPython and inside Pyodide (under Node, same runtime).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baseline
import peer
import server
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from slowdown import DutyCycle, wait_until_idle

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
CALCS = ("proportionaliteit", "contractselectie", "quotum")
CONTENT = "stappen/stap-1/"
ENGINE = 'globalThis[Symbol.for("handreiking-tools.engine")]'
TIMEOUT = 120_000
# What changes in each calculator for the recalculation figure (a valid value each time).
RECALC_FIELD = {
    "proportionaliteit": ('[name="contract_value_eur"]', 1_200_000, 1000),
    "contractselectie": ('[data-rows-body] tr[data-row] [name="annual_value_eur"]', 850_000, 1000),
    "quotum": ('[name="formal_jobs"]', 120, 1),
}
RUNTIME_HINTS = ("/pyodide/", ".whl", "pyodide.asm", "python_stdlib")
SLOW = 4  # the whole browser slowed down this many times (bench/slowdown.py)
# The slow line of the targets: 1,5 MB/s down (and up), 40 ms added to each request (CDP units: bytes/s, ms).
NETWORK = {"offline": False, "latency": 40, "downloadThroughput": 1_500_000, "uploadThroughput": 1_500_000}

# Runs in every page before its own scripts: stamps the moment the shared engine reports "ready", and
# the moment the page creates its first Worker (the calculators' engine; engine.js has no mark of its own).
READY_PROBE = f"""
(() => {{
  const W = window.Worker;
  if (W) window.Worker = class extends W {{
    constructor(...args) {{ super(...args); if (window.__workerAt === undefined) window.__workerAt = performance.now(); }}
  }};
  // Poll until the engine exists, then listen: its status callback stamps "ready" the moment it comes.
  const t = setInterval(() => {{
    const e = {ENGINE};
    if (!e || !e.onStatus) return;
    clearInterval(t);
    e.onStatus((s) => {{ if (s.state === "ready" && window.__readyAt === undefined) window.__readyAt = performance.now(); }});
  }}, 5);
  setTimeout(() => clearInterval(t), 60000);  // pages without the engine (the floor, the peer) stop polling
}})();
"""

RECALC_JS = """
async ([selector, base, step, n]) => {
  const input = document.querySelector(selector);
  const form = input.form;
  const body = document.querySelector("[data-result-body]");
  const times = [];
  for (let i = 1; i <= n; i++) {
    const before = body.innerHTML;
    const changed = new Promise((resolve, reject) => {
      const obs = new MutationObserver(() => {
        if (body.innerHTML !== before) { obs.disconnect(); resolve(); }
      });
      obs.observe(body, { childList: true, subtree: true, characterData: true, attributes: true });
      setTimeout(() => { obs.disconnect(); reject(new Error("recalc: the result did not change within 20 s")); }, 20000);
    });
    const t = performance.now();
    input.value = String(base + i * step);
    // An input event first, as typing gives: contractselectie reads a row's values again only after one.
    input.dispatchEvent(new Event("input", { bubbles: true }));
    form.requestSubmit();
    await changed;
    times.push(performance.now() - t);
  }
  return times;
}
"""

# Per change: a new value and an input event, as typing makes; the time until the result in the page changed.
INPUT_JS = """
async ([selector, base, step, n]) => {
  const input = document.querySelector(selector);
  const body = document.querySelector("[data-result-body]");
  const times = [];
  for (let i = 1; i <= n; i++) {
    const before = body.innerHTML;
    const changed = new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (body.innerHTML !== before) { obs.disconnect(); resolve(performance.now()); }
      });
      obs.observe(body, { childList: true, subtree: true, characterData: true, attributes: true });
    });
    input.value = String(base + i * step);
    const t = performance.now();
    input.dispatchEvent(new Event("input", { bubbles: true }));
    times.push((await changed) - t);
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 20)); // a person's next key comes a little later
  }
  return times;
}
"""

# The engine's own round trip for the same kind of change (no form, no drawing).
ENGINE_JS = """
async ([name, n]) => {
  const engine = globalThis[Symbol.for("handreiking-tools.engine")];
  const form = document.querySelector(".hr-calc").hrCalculator;
  const payload = form.payload();
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await engine.run(name, payload);
    times.push(performance.now() - t);
  }
  return times;
}
"""


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def input_lag(browser: Any, url: str, name: str, changes: int = 120) -> dict[str, Any]:
    """Input event -> updated result in the page, and the engine's round trip, in one warm page."""
    ctx = browser.new_context(locale="nl-NL")
    page = ctx.new_page()
    page.goto(url + f"hulpmiddelen/{name}/")
    page.wait_for_selector(f'.hr-calc[data-calculator="{name}"][data-attached]', timeout=TIMEOUT)
    page.click('[data-action="example"]')
    wait_time(page, "document.querySelector('[data-result-body] [data-key=summary]')?.textContent === arg", expected_summary(name))
    wait_for_offline_copy(page)
    selector, base, step = RECALC_FIELD[name]
    times = page.evaluate(INPUT_JS, [selector, base, step, changes])
    engine = page.evaluate(ENGINE_JS, [name, changes])
    ctx.close()
    return {"input": times, "engine": engine}


def contracts_csv(n: int) -> str:
    """``n`` contracts as a Dutch Excel CSV with the table's column titles."""
    cats = ("schoonmaak", "catering", "beveiliging", "groenvoorziening", "leveringen", "ict")
    lines = ["Naam van het contract;Leverancier;Categorie;Jaarwaarde (€);Startdatum;Einddatum;Verlenging mogelijk"]
    for i in range(1, n + 1):
        value = f"€ {(i * 7919) % 900_000 + 10_000:,}".replace(",", ".")
        lines.append(f"Contract {i};Leverancier {i % 37};{cats[i % len(cats)]};{value};01-01-2024;"
                     f"{(i % 28) + 1:02d}-{(i % 12) + 1:02d}-{2026 + i % 5};{'ja' if i % 3 else 'nee'}")
    return "\r\n".join(lines) + "\r\n"


def large_lists(browser: Any, url: str, tmpdir: Path) -> dict[str, float]:
    """2.000 contracts through the file input; 300 saved contracts loaded again (seconds). The result's
    ranking table shows the most promising TABLE_ROWS of them (the download holds all)."""
    from handreiking_tools.tools.shortlist.view import TABLE_ROWS

    path = tmpdir / "contracten-2000.csv"
    path.write_text(contracts_csv(2000), encoding="utf-8")
    ctx = browser.new_context(locale="nl-NL")
    page = ctx.new_page()
    page.goto(url + "hulpmiddelen/contractselectie/")
    page.wait_for_function(f"() => {ENGINE}?.status.state === 'ready'", timeout=TIMEOUT)
    wait_for_offline_copy(page)
    page.fill("#f-reference_date", "01-03-2026")
    t = time.monotonic()
    page.set_input_files("[data-upload]", str(path))
    page.wait_for_function("() => document.querySelectorAll('[data-rows-body] tr[data-row]').length === 2000", timeout=600_000, polling=100)
    rows = time.monotonic() - t
    page.wait_for_function("n => document.querySelectorAll('[data-result-body] tr[data-rank]').length === n",
                           arg=min(2000, TABLE_ROWS), timeout=600_000, polling=100)
    result = time.monotonic() - t
    # A change in the long list as a person feels it: row 1.501's amount changed (it stays among the
    # contracts the table shows), from the input event until the new result is in the page; 10 changes.
    page.wait_for_timeout(1000)
    change_ms = page.evaluate(INPUT_JS, ["#f-contracts-1500-annual_value_eur", 9_876_000, 1000, 10])
    # 300 of them, saved as the form saves them, then a reload.
    page.evaluate("""() => {
      const key = 'handreiking:contractselectie';
      const state = JSON.parse(localStorage.getItem(key));
      state.rows.contracts = state.rows.contracts.slice(0, 300);
      localStorage.setItem(key, JSON.stringify(state));
    }""")
    t = time.monotonic()
    page.reload()
    page.wait_for_function("n => document.querySelectorAll('[data-result-body] tr[data-rank]').length === n",
                           arg=min(300, TABLE_ROWS), timeout=600_000, polling=100)
    saved = time.monotonic() - t
    ctx.close()
    return {"rows_2000": rows, "result_2000": result, "change_2000": statistics.median(change_ms) / 1000, "saved_300": saved}


def list_rows(lists: dict[str, float]) -> list[list[str]]:
    return [["contractselectie, 2.000 contracts from a file: rows in the table", f"{lists['rows_2000']:.1f} s", "target 2 s"],
            ["  the same, until the result is drawn (includes the core)", f"{lists['result_2000']:.1f} s", "-"],
            *([["  then a change in row 1.501 until the new result (median of 10)", f"{lists['change_2000']:.1f} s", "-"]]
              if "change_2000" in lists else []),
            ["  300 saved contracts: reload until the result", f"{lists['saved_300']:.1f} s", "-"]]


def stat(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def expected_summary(name: str) -> str:
    from handreiking_tools import api
    from handreiking_tools.site.forms import EXAMPLES

    return api.run(name, dict(EXAMPLES[name]))["summary"]


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def launch(pw: Any) -> Any:
    return pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


# Seconds each fresh browser took to go idle after its launch (disk_profile), for the report.
SETTLED: list[float] = []


def disk_profile(pw: Any, user_data_dir: Path) -> Any:
    """A normal (not off-the-record) Chromium profile in ``user_data_dir``: HTTP cache on disk, and
    compiled WebAssembly kept between visits, as a returning reader has it."""
    ctx = pw.chromium.launch_persistent_context(str(user_data_dir), executable_path=CHROMIUM, headless=True,
                                                args=CHROMIUM_ARGS, locale="nl-NL")
    ctx.add_init_script(READY_PROBE)
    SETTLED.append(wait_until_idle())  # the first visit comes to a running browser, not to its own start-up
    return ctx


def wait_time(page: Any, condition: str, arg: Any = None) -> float:
    """performance.now() (ms since navigation start) at the moment ``condition`` first holds."""
    fn = f"(arg) => ({condition}) ? performance.now() : false"
    return float(page.wait_for_function(fn, arg=arg, polling=5, timeout=TIMEOUT).json_value())


CACHED_JS = """
async (urls) => {
  const one = (u) => fetch(u, { cache: "only-if-cached", mode: "same-origin" })
    .then((r) => (r.ok ? r.arrayBuffer().then(() => true) : false), () => false);
  return (await Promise.all(urls.map(one))).every(Boolean);
}
"""


# Per response that came over the network (a body-less revalidation and a cache hit bring no body):
# the body's size as sent and the moment it was whole, in ms since the page's or worker's own time origin.
NETWORK_BODIES_JS = """
() => ({
  origin: performance.timeOrigin,
  bodies: [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
    .filter((e) => e.transferSize > e.encodedBodySize)
    .map((e) => [e.encodedBodySize, e.responseEnd]),
})
"""


def bytes_until(page: Any, first_ms: float) -> int:
    """Body bytes, compressed as sent, of the responses the page and its workers (the engine's, the search)
    had whole at ``first_ms`` (ms since the page's navigation). Counted in the browser: the server
    finishes writing a response to the socket long before a slow line brings it in."""
    limit = float(page.evaluate("performance.timeOrigin")) + first_ms
    total = 0
    for scope in (page, *page.workers):
        got = scope.evaluate(NETWORK_BODIES_JS)
        total += sum(int(size) for size, end in got["bodies"] if got["origin"] + end <= limit)
    return total


def wait_for_parts(page: Any, parts: list[str], stats: server.Stats, deadline: float) -> None:
    """Until ``deadline``: wait until the server has sent every snapshot part, then until the browser
    has each one whole in its cache (a part the server wrote out may still be on its way, and closing
    the page then would leave it out of the cache for the next visit)."""
    while not set(parts) <= stats.sent_names():
        if time.monotonic() > deadline:
            return
        page.wait_for_timeout(50)
    with stats.lock:
        urls = sorted({p for p in stats.paths if p.rsplit("/", 1)[-1].split("?")[0] in parts})
    while not page.evaluate(CACHED_JS, urls) and time.monotonic() < deadline:
        page.wait_for_timeout(100)


# The site registers its service worker once the engine is ready, and the worker then stores the offline
# copy (sw.js). A reader's next visit is answered from that copy; the bench waits until it is complete
# (the worker is active), so the next visit in the profile is such a visit and no measurement shares the
# machine with the copy being stored.
OFFLINE_COPY_JS = """
(ms) => Promise.race([
  navigator.serviceWorker.ready.then((r) => !!r.active),
  new Promise((resolve) => setTimeout(() => resolve(false), ms)),
])
"""


def wait_for_offline_copy(page: Any, ms: int = 60_000) -> None:
    if not page.evaluate(OFFLINE_COPY_JS, ms):
        raise SystemExit(f"bench: the service worker was not active {ms // 1000} s after the first visit")


def throttle_network(ctx: Any, page: Any) -> None:
    """The slow line of the targets on ``page`` (CDP; it covers the page's workers' requests as well)."""
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)


def open_page(ctx: Any, kind: str) -> Any:
    page = ctx.new_page()
    if kind == "net":
        throttle_network(ctx, page)
    return page


def site_visit(ctx: Any, kind: str, url: str, name: str, summary: str, stats: server.Stats,
               parts: list[str]) -> dict[str, Any]:
    """One visit of a calculator page: open it, click the example at once, wait for the result.
    ``kind``: cold (empty cache), warm, slow (warm, run under a slow-down) or net (empty cache, slow line)."""
    stats.reset()
    page = open_page(ctx, kind)
    page.goto(url + f"hulpmiddelen/{name}/", wait_until="commit")
    page.wait_for_selector(f'.hr-calc[data-calculator="{name}"][data-attached]', timeout=TIMEOUT)
    page.click('[data-action="example"]')
    first = wait_time(page, "document.querySelector('[data-result-body] [data-key=summary]')?.textContent === arg", summary)
    bytes_first = bytes_until(page, first)
    # stamped by READY_PROBE the moment the engine was ready (the stamp, not the moment this poll sees it)
    form = float(page.wait_for_function("() => window.__readyAt", polling=5, timeout=TIMEOUT).json_value())
    marks = page.evaluate(f"""() => {{
      const s = {ENGINE}?.status || {{}};
      return {{ worker: window.__workerAt ?? null, start: s.start ?? null, copy: s.copy ?? null,
               controlled: !!navigator.serviceWorker?.controller,
               phases: Array.isArray(s.phases) ? s.phases.map((p) => ({{ name: String(p.name), ms: Number(p.ms) }})) : null }};
    }}""")
    # On a first visit the worker fetches the start-up snapshot's parts either before the first result
    # (fast network) or after "ready" in the background, for the next visit. A reader stays on the page
    # that long, so let every part arrive; their bytes count for this visit ("all").
    if kind == "cold" and parts:
        wait_for_parts(page, parts, stats, time.monotonic() + 30)
    if kind == "cold":
        wait_for_offline_copy(page)
    out = {"form": form, "first": first, "bytes": stats.bytes, "bytes_first": bytes_first, **marks}
    page.close()
    return out


def baseline_visit(ctx: Any, kind: str, url: str, stats: server.Stats) -> dict[str, Any]:
    stats.reset()
    page = open_page(ctx, kind)
    page.goto(url, wait_until="commit")
    first = wait_time(page, "window.__bench && window.__bench.first")
    timings = page.evaluate("() => window.__bench")
    out = {"form": timings["ready"], "first": first, "bytes": stats.bytes, "bytes_first": bytes_until(page, first)}
    page.close()
    return out


def peer_visit(ctx: Any, kind: str, url: str, stats: server.Stats) -> dict[str, Any]:
    """The peer's exercise page: click the IDE's run button the moment PMT has Pyodide ready (an earlier
    click is ignored by PMT), then wait until the printed line is in the IDE's terminal."""
    stats.reset()
    page = open_page(ctx, kind)
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(url) and not r.url.startswith("data:") else None)
    page.goto(url, wait_until="commit")
    ready = wait_time(page, "globalThis.CONFIG && CONFIG.pyodideIsReady")
    page.click('button[btn_kind="play"]')
    first = wait_time(page, "document.querySelector('.py_mk_terminal')?.innerText.replace(/\\s+/g, ' ').includes(arg)", peer.OUTPUT)
    out = {"form": ready, "first": first, "bytes": stats.bytes, "bytes_first": bytes_until(page, first), "foreign": foreign}
    page.close()
    return out


Visit = Callable[[Any, str], dict[str, Any]]


def run_pages(pw: Any, browser: Any, runs: int, private_runs: int, visit: Visit,
              recalc: Callable[[Any], list[float]] | None, slow: bool = False, net: bool = False) -> dict[str, Any]:
    """``runs`` times: a fresh on-disk profile, a first (empty cache) and a second (warm) visit, and with
    ``slow`` a third (warm) visit with the whole browser slowed down SLOW times; with ``net`` also ``runs``
    first visits over the slow line, each in a new private window; then ``private_runs`` times the two
    visits in a private window, of which only the second counts."""
    rows: dict[str, list[float]] = {k: [] for k in (
        "form", "cold", "warm", "form_warm", "kb_cold", "kb_first", "kb_warm", "warm_slow", "net", "kb_net_first",
        "warm_private", "kb_warm_private")}
    recalc_ms: list[float] = []
    warm_visits: list[dict[str, Any]] = []
    foreign: set[str] = set()
    slowdowns: list[float] = []
    timeouts: dict[str, int] = {}

    def timed_out(ctx: Any, kind: str) -> dict[str, Any] | None:
        """A slowed or slow-line visit that passes the time-out counts as such, and the run goes on."""
        try:
            return visit(ctx, kind)
        except PlaywrightTimeout:
            timeouts[kind] = timeouts.get(kind, 0) + 1
            print(f"bench: a {kind} visit timed out ({TIMEOUT // 1000} s)", file=sys.stderr, flush=True)
            return None
    for i in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-profile-", ignore_cleanup_errors=True) as profile_dir:
            ctx = disk_profile(pw, Path(profile_dir))
            try:
                cold = visit(ctx, "cold")
                warm = visit(ctx, "warm")
                if slow:
                    with DutyCycle(SLOW) as duty:
                        slowed = timed_out(ctx, "slow")
                    if slowed:
                        rows["warm_slow"].append(slowed["first"])
                    if duty.run_fraction:
                        slowdowns.append(1 / duty.run_fraction)
                if recalc and i == 0:
                    recalc_ms = recalc(ctx)
            finally:
                ctx.close()
        warm_visits.append(warm)
        for v in (cold, warm):
            foreign.update(v.get("foreign", []))
        rows["form"].append(cold["form"])
        rows["cold"].append(cold["first"])
        rows["warm"].append(warm["first"])
        rows["form_warm"].append(warm["form"])
        rows["kb_cold"].append(cold["bytes"] / 1024)
        rows["kb_first"].append(cold["bytes_first"] / 1024)
        rows["kb_warm"].append(warm["bytes"] / 1024)
    for _ in range(runs if net else 0):
        ctx = browser.new_context(locale="nl-NL")
        ctx.add_init_script(READY_PROBE)
        try:
            first = timed_out(ctx, "net")
        finally:
            ctx.close()
        if first:
            foreign.update(first.get("foreign", []))
            rows["net"].append(first["first"])
            rows["kb_net_first"].append(first["bytes_first"] / 1024)
    for _ in range(private_runs):
        ctx = browser.new_context(locale="nl-NL")
        ctx.add_init_script(READY_PROBE)
        visit(ctx, "cold")
        warm = visit(ctx, "warm")
        ctx.close()
        rows["warm_private"].append(warm["first"])
        rows["kb_warm_private"].append(warm["bytes"] / 1024)
    out: dict[str, Any] = {k: stat(v) for k, v in rows.items() if v}
    if recalc_ms:
        out["recalc"] = stat(recalc_ms)
    out["warm_visits"] = warm_visits
    out["foreign"] = sorted(foreign)
    out["timeouts"] = timeouts
    if slowdowns:
        out["slowdown_factor"] = statistics.median(slowdowns)
    return out


def site_recalc(url: str, name: str, summary: str) -> Callable[[Any], list[float]]:
    def go(ctx: Any) -> list[float]:
        page = ctx.new_page()
        page.goto(url + f"hulpmiddelen/{name}/")
        page.wait_for_selector(f'.hr-calc[data-calculator="{name}"][data-attached]', timeout=TIMEOUT)
        page.click('[data-action="example"]')
        wait_time(page, "document.querySelector('[data-result-body] [data-key=summary]')?.textContent === arg", summary)
        selector, base, step = RECALC_FIELD[name]
        times = page.evaluate(RECALC_JS, [selector, base, step, 50])
        page.close()
        return times
    return go


def baseline_recalc(url: str) -> Callable[[Any], list[float]]:
    def go(ctx: Any) -> list[float]:
        page = ctx.new_page()
        page.goto(url)
        wait_time(page, "window.__bench && window.__bench.first")
        times = page.evaluate("() => window.__recalc(50)")
        page.close()
        return times
    return go


# Body bytes as sent of a page's navigation and the resources it asked for (not the service worker's).
PAGE_BYTES_JS = """
() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
  .reduce((sum, e) => sum + (e.encodedBodySize || 0), 0)
"""


def content_page(browser: Any, url: str, runs: int, stats: server.Stats) -> dict[str, Any]:
    loads, kbs, runtime_requests = [], [], 0
    for _ in range(runs):
        ctx = browser.new_context(locale="nl-NL")
        stats.reset()
        page = ctx.new_page()
        page.goto(url + CONTENT, wait_until="load")
        page.wait_for_timeout(300)  # give a late worker a chance to show itself
        loads.append(page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd"))
        kbs.append(float(page.evaluate(PAGE_BYTES_JS)) / 1024)
        # What the page and its workers asked for (resource timing). After the load event the service
        # worker starts storing the offline copy, runtime included (by design: the site works offline
        # after one visit); those requests are the service worker's, not the page's.
        asked = [str(n) for scope in (page, *page.workers)
                 for n in scope.evaluate("() => performance.getEntriesByType('resource').map((e) => e.name)")]
        runtime_requests += sum(1 for n in asked if any(h in n for h in RUNTIME_HINTS))
        ctx.close()
    return {"load": stat(loads), "kb_cold": stat(kbs), "runtime_requests": runtime_requests}


# Clicks the link to quotum in the page and, the moment Material has swapped in quotum's form and our
# script has attached it, that form's example button, also in the page: a click through Playwright takes
# about 0,1 s of its own (actionability checks, round trips), which is neither the site's time nor the
# reader's. Returns the click's moment (ms since navigation); window.__nav.form is when the form was there.
NAV_PAUSE_MS = 1000
QUOTUM_SUMMARY = ".hr-calc[data-calculator=quotum] [data-result-body] [data-key=summary]"
INSTANT_NAV_JS = """
() => {
  const nav = (window.__nav = { form: null });
  const observer = new MutationObserver(() => {
    const root = document.querySelector('.hr-calc[data-calculator="quotum"][data-attached]');
    if (!root || nav.form !== null) return;
    nav.form = performance.now();
    observer.disconnect();
    root.querySelector('[data-action="example"]').click();
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-attached"] });
  const start = performance.now();
  document.querySelector('a[href$="hulpmiddelen/quotum/"]').click();
  return start;
}
"""


def instant_nav(browser: Any, url: str, runs: int) -> dict[str, tuple[float, float, float]]:
    """Second calculator's first result after Material's instant navigation from the first: from the click
    on the link to the example's result (``result``), and to the moment the new form was attached (``form``)."""
    summary = expected_summary("quotum")
    results, forms = [], []
    for _ in range(runs):
        ctx = browser.new_context(locale="nl-NL")
        page = ctx.new_page()
        page.goto(url + "hulpmiddelen/proportionaliteit/")
        page.wait_for_selector(".hr-calc[data-attached]", timeout=TIMEOUT)
        page.click('[data-action="example"]')
        wait_time(page, "document.querySelector('[data-result-body] [data-key=summary]') !== null")
        page.evaluate("() => { window.__same = true; }")
        wait_for_offline_copy(page)
        page.wait_for_timeout(NAV_PAUSE_MS)  # a reader looks at the first result before moving on
        t0 = float(page.evaluate(INSTANT_NAV_JS))
        t1 = wait_time(page, f"document.querySelector('{QUOTUM_SUMMARY}')?.textContent === arg", summary)
        if not page.evaluate("() => window.__same === true"):
            raise SystemExit("instant navigation did not keep the window: is site_url set?")
        results.append(t1 - t0)
        forms.append(float(page.evaluate("() => window.__nav.form")) - t0)
        ctx.close()
    return {"result": stat(results), "form": stat(forms)}


def instant_figures(value: Any) -> tuple[tuple[float, float, float], tuple[float, float, float] | None]:
    """(result, form) of instant_nav; a run saved before the form was timed has the result only."""
    if isinstance(value, dict):
        return tuple(value["result"]), tuple(value["form"])  # type: ignore[return-value]
    return tuple(value), None  # type: ignore[return-value]


def cpython_call() -> tuple[float, float, float]:
    from handreiking_tools import api
    from handreiking_tools.site.forms import EXAMPLES

    payload = dict(EXAMPLES["proportionaliteit"])
    api.run("proportionaliteit", payload)
    times = []
    for _ in range(200):
        t = time.perf_counter()
        api.run("proportionaliteit", payload)
        times.append((time.perf_counter() - t) * 1000)
    return stat(times)


def fmt_stat(s: tuple[float, float, float] | None, unit: str, base: tuple[float, float, float] | None = None, digits: int = 0) -> list[str]:
    if s is None:
        return ["-", "-"]
    med, lo, hi = s
    text = f"{med:,.{digits}f} ({lo:,.{digits}f}-{hi:,.{digits}f}) {unit}".replace(",", " ")
    ratio = f"x{med / base[0]:.2f}" if base and base[0] else "-"
    return [text, ratio]


def input_rows(lag: dict[str, dict[str, list[float]]]) -> list[list[str]]:
    """Per calculator: input event -> result in page (median, p90) beside the engine's round trip."""
    rows = [["page / figure", "median (min-max)", "p90"]]
    for name, r in lag.items():
        rows.append([f"{name}: input -> result in page ({len(r['input'])} changes)", fmt_stat(stat(r["input"]), "ms", None, 1)[0],
                     f"{p90(r['input']):.1f} ms"])
        rows.append(["  engine round trip (engine.run), same page", fmt_stat(stat(r["engine"]), "ms", None, 1)[0],
                     f"{p90(r['engine']):.1f} ms"])
    return rows


def table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


CALIBRATE_JS = """
async () => {
  const src = "onmessage = () => { const t = performance.now(); let x = 0; for (let i = 0; i < 1e8; i++) x += i % 7; "
    + "postMessage(performance.now() - t); }";
  const w = new Worker(URL.createObjectURL(new Blob([src], { type: "text/javascript" })));
  const ms = await new Promise((r) => { w.onmessage = (e) => r(e.data); w.postMessage(0); });
  w.terminate();
  return ms;
}
"""


def calibrate(browser: Any) -> dict[str, float]:
    """A fixed loop in a Web Worker, at full speed and slowed down: how much slower the slow-down makes a worker."""
    ctx = browser.new_context()
    page = ctx.new_page()
    page.evaluate(CALIBRATE_JS)  # warm up the JIT
    normal = statistics.median(page.evaluate(CALIBRATE_JS) for _ in range(3))
    with DutyCycle(SLOW) as duty:
        slowed = page.evaluate(CALIBRATE_JS)
    ctx.close()
    return {"normal": normal, "slowed": slowed, "run_fraction": duty.run_fraction or 0.0, "method": duty.describe()}


def machine(version: str) -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{cpu}, {os.cpu_count()} cores ({platform.machine()}), Chromium {version}, load average {load} (1/5/15 min) at the end"


def nl(value: float, digits: int) -> str:
    """A number in Dutch notation: 1.234,5."""
    return f"{value:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def seconds(ms: float | None) -> str:
    return "—" if ms is None else f"{nl(ms / 1000, 2)} s"


def megabytes(kb: float | None) -> str:
    return "—" if kb is None else f"{nl(kb * 1024 / 1e6, 1)} MB"


def med(page: dict[str, Any] | None, key: str) -> float | None:
    if not page or key not in page:
        return None
    return float(page[key][0])


def phase_rows(visits: list[dict[str, Any]]) -> tuple[list[list[str]], bool]:
    """Medians over the warm visits: the page's marks, and the engine's own phases when this build reports them."""
    marks: dict[str, list[float]] = {}
    order: list[str] = []

    def add(name: str, ms: float | None) -> None:
        if ms is None:
            return
        if name not in marks:
            marks[name] = []
            order.append(name)
        marks[name].append(float(ms))

    reported = any(v.get("phases") for v in visits)
    for v in visits:
        add("page: worker created", v.get("worker"))
        for p in v.get("phases") or []:
            add(f"engine: {p['name']}", p["ms"])
        add("page: engine ready", v.get("form"))
        add("page: first result shown", v.get("first"))
    points = sorted(((statistics.median(marks[n]), n) for n in order), key=lambda x: x[0])
    rows = [["Phase (warm start of proportionaliteit)", "ms from navigation (median)", "step (ms)"]]
    prev = 0.0
    for ms, name in points:
        rows.append([name, nl(ms, 0), nl(ms - prev, 0)])
        prev = ms
    return rows, reported


def md_table(rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join(" --- " for _ in rows[0]) + "|"]
    out += ["| " + " | ".join(c.strip() for c in r) + " |" for r in rows[1:]]
    return "\n".join(out)


def target_rows(results: dict[str, Any], peer_note: str | None) -> list[list[str]]:
    """Each target of issue 13 beside what was measured: ours (proportionaliteit unless named), the bare floor, the peer."""
    ours, floor, other = results["proportionaliteit"], results["baseline"], results.get("peer")
    dash = "—" if other is not None or not peer_note else "niet gemeten¹"

    def row(label: str, target: str, key: str, limit: float, fmt: Callable[[float | None], str]) -> list[str]:
        value = med(ours, key)
        met = "—" if value is None else ("ja" if value <= limit else "nee")
        return [label, target, fmt(value), fmt(med(floor, key)), fmt(med(other, key)) if other else dash, met]

    rows = [["Meting", "Doel", "Deze site (Proportionaliteit)", "Kale opzet", "Peer (PMT)", "Gehaald?"],
            row("eerste uitkomst, volle cache", "≤ 0,8 s", "warm", 800, seconds),
            row(f"  idem, hele browser {SLOW}× vertraagd", "≤ 2 s", "warm_slow", 2000, seconds),
            row("eerste uitkomst, lege cache, 127.0.0.1", "≤ 1,5 s", "cold", 1500, seconds),
            row("eerste uitkomst, lege cache, 1,5 MB/s + 40 ms", "≤ 6 s", "net", 6000, seconds),
            row("  overgedragen tot die uitkomst (zoals verstuurd)", "≤ 6 MB", "kb_net_first", 6e6 / 1024, megabytes)]
    lag = results.get("input_lag") or {}
    if lag:
        worst_med = max(lag, key=lambda n: statistics.median(lag[n]["input"]))
        worst_p90 = max(lag, key=lambda n: p90(lag[n]["input"]))
        m, q = statistics.median(lag[worst_med]["input"]), p90(lag[worst_p90]["input"])
        rows.append(["invoer → nieuwe uitkomst in de pagina, mediaan (traagste rekenhulp)", "≤ 50 ms",
                     f"{nl(m, 0)} ms ({worst_med})", "—", "—", "ja" if m <= 50 else "nee"])
        rows.append(["  idem, p90", "≤ 100 ms", f"{nl(q, 0)} ms ({worst_p90})", "—", "—", "ja" if q <= 100 else "nee"])
    if "instant" in results:
        v = instant_figures(results["instant"])[0][0]
        rows.append(["van Proportionaliteit naar Quotum (instant navigation) tot uitkomst", "≤ 0,2 s", seconds(v), "—", "—",
                     "ja" if v <= 200 else "nee"])
    if "content" in results:
        n = results["content"]["runtime_requests"]
        rows.append(["inhoudspagina: verzoeken om Pyodide of een wheel", "0", str(n), "—", "—", "ja" if n == 0 else "nee"])
    return rows


def detail_rows(results: dict[str, Any], pages: list[str]) -> list[list[str]]:
    b = results["baseline"]
    rows = [["page / figure", "median (min-max)", "vs baseline"]]
    labels = {"baseline": "baseline (bare Pyodide + pydantic in a worker)", "peer": "peer (pyodide-mkdocs-theme 5.7.0)"}
    for name in pages:
        r = results[name]
        rows.append([f"{labels.get(name, name)}: form usable", *fmt_stat(r["form"], "ms", b["form"])])
        rows.append(["  first result, empty cache", *fmt_stat(r["cold"], "ms", b["cold"])])
        rows.append(["  first result, warm cache", *fmt_stat(r["warm"], "ms", b["warm"])])
        for key, label, unit in (("warm_slow", f"  first result, warm cache, whole browser {SLOW}x slower", "ms"),
                                 ("net", "  first result, empty cache, 1.5 MB/s + 40 ms", "ms"),
                                 ("kb_net_first", "  transferred until 1st result, 1.5 MB/s", "KB"),
                                 ("warm_private", "  first result, warm cache, private window", "ms")):
            if key in r:
                rows.append([label, *fmt_stat(r[key], unit, b.get(key))])
        for kind, n in (r.get("timeouts") or {}).items():
            rows.append([f"  {kind} visits that timed out ({TIMEOUT // 1000} s), left out of the median", str(n), "-"])
        rows.append(["  transferred until 1st result, empty", *fmt_stat(r["kb_first"], "KB", b["kb_first"])])
        rows.append(["  transferred, empty cache (all)", *fmt_stat(r["kb_cold"], "KB", b["kb_cold"])])
        rows.append(["  transferred, warm cache", *fmt_stat(r["kb_warm"], "KB", b["kb_warm"])])
        if "recalc" in r:
            rows.append(["  recalculation (50 inputs)", *fmt_stat(r.get("recalc"), "ms", b.get("recalc"), 1)])
    return rows


def splice_readme(readme: Path, block: str) -> None:
    """Put ``block`` between the README's bench markers (the speed section's table comes from the last run)."""
    text = readme.read_text(encoding="utf-8")
    begin, end = "<!-- bench:begin (make bench writes this part) -->", "<!-- bench:end -->"
    if begin not in text or end not in text:
        raise SystemExit(f"{readme}: the markers {begin!r} and {end!r} are missing")
    head, rest = text.split(begin, 1)
    tail = rest.split(end, 1)[1]
    readme.write_text(f"{head}{begin}\n{block.strip()}\n{end}{tail}", encoding="utf-8")


def build_site(url: str, site_dir: Path) -> tuple[float, float]:
    """The site as `make site` builds it for a host: content names and the service worker's offline copy
    (site/versioning.py), so the figures are those of the deployed site, not of a plain `mkdocs build`."""
    from handreiking_tools.site import versioning

    t = time.perf_counter()
    subprocess.run([str(BIN / "handreiking-tools"), "prepare"], cwd=ROOT, check=True, capture_output=True)
    prepare_s = time.perf_counter() - t
    # Not --strict: the bench measures speed; `make site` and `make test` are the strict gates.
    t = time.perf_counter()
    proc = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--no-strict", "--site-dir", str(site_dir), "--config-file", "-"],
        input=f'INHERIT: mkdocs.yml\nsite_url: "{url}"\n', cwd=ROOT, capture_output=True, text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-3000:])
    if not versioning.version_site(site_dir)["offline"]:
        raise SystemExit("bench: the built site has no offline copy (service worker); is it switched off in mkdocs.yml?")
    return prepare_s, time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--markdown", type=Path, help="also write the report as Markdown here (make bench: bench/last.md)")
    parser.add_argument("--readme", type=Path, help="put the targets table into this README, between its bench markers")
    parser.add_argument("--only", choices=("all", "start", "input", "lists"), default="all",
                        help="start: only the start figures of proportionaliteit, the bare floor and the peer; "
                             "input: only the input-to-page figures; lists: only the large-list figures")
    parser.add_argument("--no-peer", action="store_true", help="leave the peer out")
    parser.add_argument("--report-from", type=Path, metavar="JSON",
                        help="measure nothing: draw the report again from a run's raw figures (.cache/bench-results.json)")
    args = parser.parse_args(argv)
    if args.report_from:
        return render(json.loads(args.report_from.read_text()), args.markdown, args.readme)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmpdir = Path(tmp)
        site_dir = tmpdir / "site"
        site_dir.mkdir()
        srv, stats, url = server.serve(site_dir)
        prepare_s, build_s = build_site(url, site_dir)

        from handreiking_tools.site.speed import read_manifest

        parts = read_manifest(ROOT / "docs" / "pyodide")  # the start-up snapshot's files; [] when there is none
        base_dir = baseline.build(ROOT / "node_modules" / "pyodide", ROOT / "docs" / "pyodide", tmpdir / "baseline")
        bsrv, bstats, burl = server.serve(base_dir, precompressed=False)
        peer_note = "left out (--no-peer)" if args.no_peer else peer.unavailable()
        if peer_note is None:
            try:
                psrv, pstats, purl = server.serve(peer.build(tmpdir / "peer"), precompressed=False)
            except (RuntimeError, OSError) as exc:
                peer_note = f"the peer could not be built: {exc}"

        call = json.loads(subprocess.run(
            ["node", str(ROOT / "bench" / "pyodide_call.mjs"), str(ROOT / "docs" / "pyodide"), str(base_dir / "pyodide"),
             json.dumps(__import__("handreiking_tools.site.forms", fromlist=["EXAMPLES"]).EXAMPLES["proportionaliteit"])],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1])
        py_site, py_base = stat(call["site"]), stat(call["baseline"])
        cpy = cpython_call()

        start_pages = args.only in ("all", "start")
        calcs = CALCS if args.only == "all" else ("proportionaliteit",) if start_pages else ()
        with sync_playwright() as pw:
            browser = launch(pw)
            version = browser.version
            if start_pages:
                print("bench: calibrating the slow-down...", file=sys.stderr, flush=True)
                results["calibration"] = calibrate(browser)
            lag: dict[str, Any] = {}
            if args.only in ("all", "input"):
                for name in CALCS:
                    print(f"bench: {name}, input to page...", file=sys.stderr, flush=True)
                    lag[name] = input_lag(browser, url, name)
            results["input_lag"] = lag
            if args.only in ("all", "lists"):
                print("bench: 2.000 and 300 contracts...", file=sys.stderr, flush=True)
                results["lists"] = large_lists(browser, url, tmpdir)
            if start_pages:
                print(f"bench: bare floor ({args.runs} runs)...", file=sys.stderr, flush=True)
                results["baseline"] = run_pages(pw, browser, args.runs, args.runs,
                                                lambda ctx, kind: baseline_visit(ctx, kind, burl, bstats), baseline_recalc(burl),
                                                slow=True, net=True)
                if peer_note is None:
                    print(f"bench: peer ({args.runs} runs)...", file=sys.stderr, flush=True)
                    results["peer"] = run_pages(pw, browser, args.runs, 0, lambda ctx, kind: peer_visit(ctx, kind, purl, pstats),
                                                None, slow=True, net=True)
                    if results["peer"]["foreign"]:
                        peer_note = "the peer asked other hosts: " + ", ".join(results["peer"]["foreign"][:5])
            for name in calcs:
                print(f"bench: {name} ({args.runs} runs)...", file=sys.stderr, flush=True)
                summary = expected_summary(name)
                first = name == "proportionaliteit"
                results[name] = run_pages(pw, browser, args.runs, args.runs,
                                          lambda ctx, kind, n=name, s=summary: site_visit(ctx, kind, url, n, s, stats, parts),
                                          site_recalc(url, name, summary), slow=first, net=first)
            if args.only == "all":
                print("bench: content page, instant navigation...", file=sys.stderr, flush=True)
                results["content"] = content_page(browser, url, args.runs, stats)
                results["instant"] = instant_nav(browser, url, args.runs)
            browser.close()
        for s in (srv, bsrv) + ((psrv,) if peer_note is None else ()):
            s.shutdown()

    data = {"results": results, "machine": machine(version), "version": version, "took": time.perf_counter() - started,
            "runs": args.runs, "only": args.only, "peer_note": peer_note, "prepare_s": prepare_s, "build_s": build_s,
            "cpython": cpy, "pyodide": [py_site, py_base], "settled": SETTLED}
    # The raw figures first, so a report that fails to draw loses no run (--report-from draws it again).
    (ROOT / ".cache").mkdir(exist_ok=True)
    (ROOT / ".cache" / "bench-results.json").write_text(json.dumps(data, default=str))
    if args.json:
        args.json.write_text(json.dumps(data, indent=1, default=str))
    return render(data, args.markdown, args.readme)


def render(data: dict[str, Any], markdown: Path | None, readme: Path | None) -> int:
    """Print the report of one run (``data`` as main saves it), write it as Markdown, splice the README."""
    results, peer_note, runs, only = data["results"], data["peer_note"], data.get("runs", 5), data.get("only", "all")
    cpy, (py_site, py_base) = data["cpython"], data["pyodide"]
    lines = [f"Machine: {data.get('machine') or machine(data['version'])}.",
             f"`bench/bench.py --runs {runs}{'' if only == 'all' else ' --only ' + only}`: medians of {runs} runs, "
             f"each in a fresh on-disk browser profile (as a returning reader has it); site built as `make site` "
             f"(service worker on), on 127.0.0.1, compressed as a host sends it; took {data['took'] / 60:.1f} min."]
    if data.get("settled"):
        lines.append("Fresh browser: before its first visit the bench waits until Chromium's processes are idle (below 10% "
                     f"of a core for 0,5 s; median {statistics.median(data['settled']):.1f} s after launch), as a reader's "
                     "browser is already running when the site opens (WebPageTest also waits for an idle CPU). "
                     "Until 2 December 2026 the first visit came right after the launch, while Chromium set itself up on "
                     "both cores: the empty-cache figures were about 0,3 s higher for that alone.")
    if "calibration" in results:
        c = results["calibration"]
        lines.append(f"Whole browser {SLOW}× slower: {c['method']} (ran {c['run_fraction']:.0%} of the time). "
                     f"Check: a fixed loop in a Web Worker took {c['normal']:.0f} ms, slowed {c['slowed']:.0f} ms "
                     f"(×{c['slowed'] / c['normal']:.1f}; on a busy machine less than ×{SLOW}, since the stopped time "
                     f"goes to other processes and the browser then catches up).")
        lines.append(f"Slow line: CDP Network.emulateNetworkConditions, {NETWORK['downloadThroughput'] / 1e6:.1f} MB/s, "
                     f"{NETWORK['latency']} ms latency, empty cache in a private window.")
        lines.append("Bytes until the first result: counted in the browser (resource timing of the page and its workers: "
                     "each response's body as sent, if it was whole before the result showed).")
    if peer_note:
        lines.append(f"Peer: {peer_note}.")
    else:
        lines.append("Peer: pyodide-mkdocs-theme 5.7.0 (Pyodide 0.25.0 on the page's main thread), one IDE; its CDN files "
                     "(jQuery, lodash, jQuery Terminal, Ace, MathJax, Pyodide) served from local copies; first result = "
                     "Run clicked as soon as PMT has Pyodide ready, until the printed line shows (bench/peer.py).")
    out = ["# make bench", "", *[f"{line}  " for line in lines], ""]
    pages = [p for p in ("baseline", "peer", *CALCS) if p in results]
    if "baseline" in results and "proportionaliteit" in results:
        out += ["## Targets (issue 13)", "", md_table(target_rows(results, peer_note)), ""]
        if peer_note:
            out += [f"¹ {peer_note}", ""]
        prows, reported = phase_rows(results["proportionaliteit"]["warm_visits"])
        visits = results["proportionaliteit"]["warm_visits"]
        starts = sorted({str(v.get("start")) for v in visits})
        controlled = [v for v in visits if v.get("controlled")]
        copies = sorted({str(v.get("copy")) for v in controlled})
        sw = (f"Under the service worker: {len(controlled)} of {len(visits)} warm visits; files the engine read "
              f"straight from its offline copy: {', '.join(copies)}. " if controlled else
              "Not under the service worker (a plain build, or a run saved before the bench built the site as `make site`). ")
        out += ["## Where a warm start goes", "",
                f"Python started from: {', '.join(starts)}. " + sw
                + ("The engine reports its phases (status.phases)." if reported else
                   "Phases inside the worker are not reported by this build (no status.phases); only the page's marks."),
                "", md_table(prows), ""]
    detail = detail_rows(results, pages) if "baseline" in results else [["page / figure", "median (min-max)", "vs baseline"]]
    detail += input_rows(results.get("input_lag") or {})[1:]
    if "lists" in results:
        detail += list_rows(results["lists"])
    if "content" in results:
        c = results["content"]
        detail.append([f"content page {CONTENT}: load", *fmt_stat(c["load"], "ms", results["baseline"]["cold"])])
        detail.append(["  transferred, empty cache", *fmt_stat(c["kb_cold"], "KB", results["baseline"]["kb_cold"])])
        detail.append(["  Pyodide/wheel requests", str(c["runtime_requests"]), "must be 0"])
        nav_result, nav_form = instant_figures(results["instant"])
        detail.append(["quotum after instant nav: first result", *fmt_stat(nav_result, "ms", results["baseline"]["warm"])])
        if nav_form:
            detail.append(["  of which until its form is attached", *fmt_stat(nav_form, "ms", None)])
    detail.append(["api.run, CPython", *fmt_stat(cpy, "ms", None, 3)])
    detail.append(["api.run, Pyodide (Node)", *fmt_stat(py_site, "ms", py_base, 3)])
    detail.append(["  baseline validate, Pyodide", *fmt_stat(py_base, "ms", None, 3)])
    detail.append(["site build: prepare", f"{data['prepare_s'] * 1000:,.0f} ms".replace(",", " "), "-"])
    detail.append(["site build: mkdocs build + content names", f"{data['build_s'] * 1000:,.0f} ms".replace(",", " "), "-"])
    out += ["## All figures", "", "```", table(detail), "```", ""]
    report = "\n".join(out)
    print("\n" + report)
    if markdown:
        markdown.write_text(report, encoding="utf-8")
    if readme and only in ("all", "start"):
        command = f"bench/bench.py --runs {runs}" + ("" if only == "all" else f" --only {only}")
        command = "make bench" if command == "bench/bench.py --runs 5" else command
        when = (f"Laatste meting (`{command}`): {data.get('machine') or machine(data['version'])}; "
                f"mediaan van {runs} keer; duurde {data['took'] / 60:.0f} min.")
        splice_readme(readme, "\n".join([when, "", md_table(target_rows(results, peer_note)), ""]
                                             + ([f"¹ {peer_note}", ""] if peer_note else [])
                                             + ["Alle cijfers, de uitsplitsing van een warme start en hoe er gemeten is: "
                                                "[`bench/last.md`](bench/last.md)."]))
    if "content" in results and results["content"]["runtime_requests"]:
        print("FOUT: de inhoudspagina laadde Pyodide of een wheel", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
