"""`make bench`: how fast the calculators are, against a plain Pyodide setup measured in the same run.

Serves the built site (and a baseline page built in a temporary folder) on 127.0.0.1 with a server
that compresses like a normal host (bench/server.py), drives Debian's Chromium with Playwright, and
prints one table. Each page figure is the median and min-max over --runs runs (default 5), with its
ratio to the baseline's figure, so results from different machines compare.

Each calculator run (and each baseline run, so the ratios stay fair) uses a fresh on-disk browser
profile, like a returning reader's normal window: Chromium keeps its HTTP cache on disk there and
keeps compiled WebAssembly code between visits. A private window (Playwright's new_context) keeps its
cache in memory only, holds no response over about 6 MB and keeps no compiled code; it gets its own row.

Figures per page:
  form      time from navigation until the form can compute (engine ready)
  cold      time until the first result, empty browser cache (first visit in a new profile)
  warm      the same, second visit in the same profile (disk cache filled)
  warm_private   the same as warm, but in a private window (new_context, in-memory cache)
  KB first  body bytes the server had finished sending when the first result showed, empty cache
  KB cold / KB warm   body bytes the server sent (compressed as sent), per visit; on a cold visit
            the bench waits until the start-up snapshot's parts are sent (the worker may fetch them
            after the first result, for the next visit), so "all" includes them
  recalc    median time from a changed input (submit) to the new result in the page, 50 changes
  input     what a person feels: from an input event on a field to the updated result in the page, median
            and p90 over 120 changes, beside the engine's own round trip (engine.run) in the same page
  lists     contractselectie with 2.000 contracts chosen in the file input: seconds until the rows are in
            the table and until the result is drawn; 300 contracts saved in the browser: reload to result
For the content page: time to the load event, bytes, and the number of Pyodide/wheel requests (must be 0).
Also: the second calculator's first result after instant navigation from the first one, the site
build time, and one api.run call in CPython and inside Pyodide (under Node, same runtime).
"""

from __future__ import annotations

import argparse
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
import server

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

# Runs in every page before its own scripts: stamps the moment the shared engine reports "ready".
READY_PROBE = f"""
(() => {{
  const t = setInterval(() => {{
    const e = {ENGINE};
    if (e && e.status && e.status.state === "ready") {{ window.__readyAt = performance.now(); clearInterval(t); }}
  }}, 5);
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
    const changed = new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (body.innerHTML !== before) { obs.disconnect(); resolve(); }
      });
      obs.observe(body, { childList: true, subtree: true, characterData: true, attributes: true });
    });
    const t = performance.now();
    input.value = String(base + i * step);
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
    """2.000 contracts through the file input; 300 saved contracts loaded again (seconds)."""
    path = tmpdir / "contracten-2000.csv"
    path.write_text(contracts_csv(2000), encoding="utf-8")
    ctx = browser.new_context(locale="nl-NL")
    page = ctx.new_page()
    page.goto(url + "hulpmiddelen/contractselectie/")
    page.wait_for_function(f"() => {ENGINE}?.status.state === 'ready'", timeout=TIMEOUT)
    page.fill("#f-reference_date", "01-03-2026")
    t = time.monotonic()
    page.set_input_files("[data-upload]", str(path))
    page.wait_for_function("() => document.querySelectorAll('[data-rows-body] tr[data-row]').length === 2000", timeout=600_000, polling=100)
    rows = time.monotonic() - t
    page.wait_for_function("() => document.querySelectorAll('[data-result-body] tr[data-rank]').length === 2000",
                           timeout=600_000, polling=100)
    result = time.monotonic() - t
    # 300 of them, saved as the form saves them, then a reload.
    page.evaluate("""() => {
      const key = 'handreiking:contractselectie';
      const state = JSON.parse(localStorage.getItem(key));
      state.rows.contracts = state.rows.contracts.slice(0, 300);
      localStorage.setItem(key, JSON.stringify(state));
    }""")
    t = time.monotonic()
    page.reload()
    page.wait_for_function("() => document.querySelectorAll('[data-result-body] tr[data-rank]').length === 300",
                           timeout=600_000, polling=100)
    saved = time.monotonic() - t
    ctx.close()
    return {"rows_2000": rows, "result_2000": result, "saved_300": saved}


def list_rows(lists: dict[str, float]) -> list[list[str]]:
    return [["contractselectie, 2.000 contracts from a file: rows in the table", f"{lists['rows_2000']:.1f} s", "target 2 s"],
            ["  the same, until the result is drawn (includes the core)", f"{lists['result_2000']:.1f} s", "-"],
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


def disk_profile(pw: Any, user_data_dir: Path) -> Any:
    """A normal (not off-the-record) Chromium profile in ``user_data_dir``: HTTP cache on disk, and
    compiled WebAssembly kept between visits, as a returning reader has it."""
    ctx = pw.chromium.launch_persistent_context(str(user_data_dir), executable_path=CHROMIUM, headless=True,
                                                args=CHROMIUM_ARGS, locale="nl-NL")
    ctx.add_init_script(READY_PROBE)
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


def site_visit(ctx: Any, cold: bool, url: str, name: str, summary: str, stats: server.Stats,
               parts: list[str]) -> dict[str, float]:
    """One visit of a calculator page: open it, click the example at once, wait for the result."""
    stats.reset()
    page = ctx.new_page()
    page.goto(url + f"hulpmiddelen/{name}/", wait_until="commit")
    page.wait_for_selector(f'.hr-calc[data-calculator="{name}"][data-attached]', timeout=TIMEOUT)
    page.click('[data-action="example"]')
    first = wait_time(page, "document.querySelector('[data-result-body] [data-key=summary]')?.textContent === arg", summary)
    # The wait above returns a little after the page showed the result (polling, the round trip to the
    # browser), so responses that finished in that short gap count as "before the first result": a
    # small overestimate of the bytes needed for it.
    first_at = time.monotonic()
    form = wait_time(page, "window.__readyAt")  # stamped by READY_PROBE the moment the engine was ready
    # On a first visit the worker fetches the start-up snapshot's parts either before the first result
    # (fast network) or after "ready" in the background, for the next visit. A reader stays on the page
    # that long, so let every part arrive; their bytes count for this visit ("all").
    if cold and parts:
        wait_for_parts(page, parts, stats, time.monotonic() + 30)
    out = {"form": form, "first": first, "bytes": stats.bytes, "bytes_first": stats.bytes_until(first_at)}
    page.close()
    return out


def baseline_visit(ctx: Any, cold: bool, url: str, stats: server.Stats) -> dict[str, float]:
    stats.reset()
    page = ctx.new_page()
    page.goto(url, wait_until="commit")
    first = wait_time(page, "window.__bench && window.__bench.first")
    first_at = time.monotonic()  # a little after the result showed: see site_visit
    timings = page.evaluate("() => window.__bench")
    out = {"form": timings["ready"], "first": first, "bytes": stats.bytes, "bytes_first": stats.bytes_until(first_at)}
    page.close()
    return out


def run_pages(pw: Any, browser: Any, runs: int, private_runs: int, visit: Callable[[Any, bool], dict[str, float]],
              recalc: Callable[[Any], list[float]] | None) -> dict[str, Any]:
    """``runs`` times: a fresh on-disk profile, a first (empty cache) and a second (warm) visit; then
    ``private_runs`` times the same two visits in a private window, of which only the second counts."""
    rows: dict[str, list[float]] = {"form": [], "cold": [], "warm": [], "form_warm": [], "kb_cold": [], "kb_first": [],
                                    "kb_warm": [], "warm_private": [], "kb_warm_private": []}
    recalc_ms: list[float] = []
    for i in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-profile-", ignore_cleanup_errors=True) as profile_dir:
            ctx = disk_profile(pw, Path(profile_dir))
            try:
                cold = visit(ctx, True)
                warm = visit(ctx, False)
                if recalc and i == 0:
                    recalc_ms = recalc(ctx)
            finally:
                ctx.close()
        rows["form"].append(cold["form"])
        rows["cold"].append(cold["first"])
        rows["warm"].append(warm["first"])
        rows["form_warm"].append(warm["form"])
        rows["kb_cold"].append(cold["bytes"] / 1024)
        rows["kb_first"].append(cold["bytes_first"] / 1024)
        rows["kb_warm"].append(warm["bytes"] / 1024)
    for _ in range(private_runs):
        ctx = browser.new_context(locale="nl-NL")
        ctx.add_init_script(READY_PROBE)
        visit(ctx, True)
        warm = visit(ctx, False)
        ctx.close()
        rows["warm_private"].append(warm["first"])
        rows["kb_warm_private"].append(warm["bytes"] / 1024)
    out = {k: stat(v) for k, v in rows.items() if v}
    if recalc_ms:
        out["recalc"] = stat(recalc_ms)
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


def content_page(browser: Any, url: str, runs: int, stats: server.Stats) -> dict[str, Any]:
    loads, kbs, runtime_requests = [], [], 0
    for _ in range(runs):
        ctx = browser.new_context(locale="nl-NL")
        stats.reset()
        page = ctx.new_page()
        page.goto(url + CONTENT, wait_until="load")
        page.wait_for_timeout(300)  # give a late worker a chance to show itself
        loads.append(page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd"))
        kbs.append(stats.bytes / 1024)
        runtime_requests += sum(1 for p in stats.paths if any(h in p for h in RUNTIME_HINTS))
        ctx.close()
    return {"load": stat(loads), "kb_cold": stat(kbs), "runtime_requests": runtime_requests}


def instant_nav(browser: Any, url: str, runs: int) -> tuple[float, float, float]:
    """Second calculator's first result after Material's instant navigation from the first."""
    summary = expected_summary("quotum")
    times = []
    for _ in range(runs):
        ctx = browser.new_context(locale="nl-NL")
        page = ctx.new_page()
        page.goto(url + "hulpmiddelen/proportionaliteit/")
        page.wait_for_selector(".hr-calc[data-attached]", timeout=TIMEOUT)
        page.click('[data-action="example"]')
        wait_time(page, "document.querySelector('[data-result-body] [data-key=summary]') !== null")
        page.evaluate("() => { window.__same = true; }")
        t0 = page.evaluate("() => performance.now()")
        page.evaluate("() => document.querySelector('a[href$=\"hulpmiddelen/quotum/\"]').click()")
        page.wait_for_selector('.hr-calc[data-calculator="quotum"][data-attached]', timeout=TIMEOUT)
        page.click('[data-action="example"]')
        t1 = wait_time(page, "document.querySelector('[data-result-body] [data-key=summary]')?.textContent === arg", summary)
        if not page.evaluate("() => window.__same === true"):
            raise SystemExit("instant navigation did not keep the window: is site_url set?")
        times.append(t1 - t0)
        ctx.close()
    return stat(times)


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--only", choices=("all", "input", "lists"), default="all",
                        help="input: only the input-to-page figures; lists: only the large-list figures")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmpdir = Path(tmp)
        site_dir = tmpdir / "site"
        site_dir.mkdir()
        srv, stats, url = server.serve(site_dir)

        t = time.perf_counter()
        subprocess.run([str(BIN / "handreiking-tools"), "prepare"], cwd=ROOT, check=True, capture_output=True)
        prepare_s = time.perf_counter() - t
        # Not --strict: the bench measures speed; `make site` and `make test` are the strict gates.
        t = time.perf_counter()
        proc = subprocess.run(
            [str(BIN / "mkdocs"), "build", "--no-strict", "--site-dir", str(site_dir), "--config-file", "-"],
            input=f'INHERIT: mkdocs.yml\nsite_url: "{url}"\n', cwd=ROOT, capture_output=True, text=True,
        )
        build_s = time.perf_counter() - t
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            return 1

        from handreiking_tools.site.speed import read_manifest

        parts = read_manifest(ROOT / "docs" / "pyodide")  # the start-up snapshot's files; [] when there is none
        base_dir = baseline.build(ROOT / "docs" / "pyodide", tmpdir / "baseline")
        bsrv, bstats, burl = server.serve(base_dir, precompressed=False)

        call = json.loads(subprocess.run(
            ["node", str(ROOT / "bench" / "pyodide_call.mjs"), str(ROOT / "docs" / "pyodide"), str(base_dir / "pyodide"),
             json.dumps(__import__("handreiking_tools.site.forms", fromlist=["EXAMPLES"]).EXAMPLES["proportionaliteit"])],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1])
        py_site, py_base = stat(call["site"]), stat(call["baseline"])
        cpy = cpython_call()

        results: dict[str, Any] = {}
        with sync_playwright() as pw:
            browser = launch(pw)
            version = browser.version
            lag = {}
            if args.only in ("all", "input"):
                for name in CALCS:
                    print(f"bench: {name}, input to page...", file=sys.stderr, flush=True)
                    lag[name] = input_lag(browser, url, name)
            results["input_lag"] = lag
            if args.only in ("all", "lists"):
                print("bench: 2.000 and 300 contracts...", file=sys.stderr, flush=True)
                results["lists"] = large_lists(browser, url, tmpdir)
            if args.only != "all":
                browser.close()
                srv.shutdown()
                bsrv.shutdown()
                print(f"\nMachine: {os.cpu_count()} cores, {platform.machine()}, Chromium {version}")
                print(table(input_rows(lag) + (list_rows(results["lists"]) if "lists" in results else [])))
                print(f"\nbench took {time.perf_counter() - started:.0f} s")
                return 0
            print(f"bench: baseline ({args.runs} runs)...", file=sys.stderr, flush=True)
            results["baseline"] = run_pages(pw, browser, args.runs, args.runs,
                                            lambda ctx, cold: baseline_visit(ctx, cold, burl, bstats), baseline_recalc(burl))
            for name in CALCS:
                print(f"bench: {name} ({args.runs} runs)...", file=sys.stderr, flush=True)
                summary = expected_summary(name)
                results[name] = run_pages(pw, browser, args.runs, args.runs,
                                          lambda ctx, cold, n=name, s=summary: site_visit(ctx, cold, url, n, s, stats, parts),
                                          site_recalc(url, name, summary))
            print("bench: content page, instant navigation...", file=sys.stderr, flush=True)
            results["content"] = content_page(browser, url, args.runs, stats)
            results["instant"] = instant_nav(browser, url, args.runs)
            browser.close()
        srv.shutdown()
        bsrv.shutdown()

    b = results["baseline"]
    rows = [["page / figure", "median (min-max)", "vs baseline"]]
    for name in ("baseline", *CALCS):
        r = results[name]
        label = "baseline (plain Pyodide)" if name == "baseline" else name
        rows.append([f"{label}: form usable", *fmt_stat(r["form"], "ms", b["form"])])
        rows.append(["  first result, empty cache", *fmt_stat(r["cold"], "ms", b["cold"])])
        rows.append(["  first result, warm cache", *fmt_stat(r["warm"], "ms", b["warm"])])
        rows.append(["  first result, warm cache, private window", *fmt_stat(r["warm_private"], "ms", b["warm_private"])])
        rows.append(["  transferred until 1st result, empty", *fmt_stat(r["kb_first"], "KB", b["kb_first"])])
        rows.append(["  transferred, empty cache (all)", *fmt_stat(r["kb_cold"], "KB", b["kb_cold"])])
        rows.append(["  transferred, warm cache", *fmt_stat(r["kb_warm"], "KB", b["kb_warm"])])
        rows.append(["  recalculation (50 inputs)", *fmt_stat(r.get("recalc"), "ms", b.get("recalc"), 1)])
    rows.extend(input_rows(results["input_lag"])[1:])
    rows.extend(list_rows(results["lists"]))
    c = results["content"]
    rows.append([f"content page {CONTENT}: load", *fmt_stat(c["load"], "ms", b["cold"])])
    rows.append(["  transferred, empty cache", *fmt_stat(c["kb_cold"], "KB", b["kb_cold"])])
    rows.append(["  Pyodide/wheel requests", str(c["runtime_requests"]), "must be 0"])
    rows.append(["quotum after instant nav: first result", *fmt_stat(results["instant"], "ms", b["warm"])])
    rows.append(["api.run, CPython", *fmt_stat(cpy, "ms", None, 3)])
    rows.append(["api.run, Pyodide (Node)", *fmt_stat(py_site, "ms", py_base, 3)])
    rows.append(["  baseline validate, Pyodide", *fmt_stat(py_base, "ms", None, 3)])
    rows.append(["site build: prepare", f"{prepare_s * 1000:,.0f} ms".replace(",", " "), "-"])
    rows.append(["site build: mkdocs build", f"{build_s * 1000:,.0f} ms".replace(",", " "), "-"])

    print(f"\nMachine: {os.cpu_count()} cores, {platform.machine()}, Chromium {version}, "
          f"{args.runs} runs per figure, a fresh disk-cache profile per run (private window: own row), "
          f"site on 127.0.0.1 (gzip/br as a host sends them)")
    print(table(rows))
    print(f"\nbench took {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({"results": results, "cpython": cpy, "pyodide": {"site": py_site, "baseline": py_base},
                                         "prepare_s": prepare_s, "build_s": build_s, "chromium": version}, indent=1))
    if c["runtime_requests"]:
        print("FOUT: de inhoudspagina laadde Pyodide of een wheel", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
