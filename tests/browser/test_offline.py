"""Offline after one visit, and updates taken whole (issue 14): the service worker (docs/sw.js), its
registration and update notice (assets/js/offline.js) and the offline manifest that `make site` writes
(site/versioning.py), in Debian's Chromium against `make dist` releases served with the cache rules and
the CSP of the page 'Zelf hosten'."""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import http.server
import json
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import ENGINE_TIMEOUT, SiteHandler
from playwright.sync_api import expect
from test_real_servers import extract, page_block, page_csp

from handreiking_tools import api
from handreiking_tools.site import versioning

ROOT = Path(__file__).resolve().parents[2]
CALC = "hulpmiddelen/proportionaliteit/"
CONTENT = "stappen/stap-1/"
PAYLOAD = {"contract_value_eur": 1200000, "duration_months": 36, "contract_type": "dienst", "category": "schoonmaak"}
IMMUTABLE = "public, max-age=31536000, immutable"


# --- the manifest -----------------------------------------------------------------------------------


def _manifest(site: Path) -> tuple[str, dict[str, Any]]:
    names = list(site.glob("offline.*.json"))
    assert len(names) == 1, names
    return names[0].name, json.loads(names[0].read_text("utf-8"))


@pytest.fixture(scope="module")
def sites(releases: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The two releases, unpacked as a hosting team would."""
    out = []
    for i, zip_path in enumerate(releases, 1):
        d = tmp_path_factory.mktemp(f"release{i}")
        extract(zip_path, d)
        out.append(d)
    return out[0], out[1]


def test_manifest_lists_one_build_with_its_hashes_and_names_the_worker(sites: tuple[Path, Path]) -> None:
    site = sites[0]
    name, manifest = _manifest(site)
    files = manifest["files"]
    assert name == f"offline.{manifest['version']}.json"
    assert f'const MANIFEST = "{name}";' in (site / "sw.js").read_text("utf-8")
    # Every page, by the address a link uses, and what a calculator needs: runtime, lock, wheels, snapshot.
    pages = {p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html")}
    assert pages <= set(files) and "404.html" in files
    needed = [p.relative_to(site).as_posix() for pattern in ("pyodide/*/*", "pyodide/*.whl", "pyodide/*.bin",
                                                             "pyodide/*.json", "assets/js/*.js", "assets/css/*.css")
              for p in site.glob(pattern) if not p.name.endswith((".gz", ".br", ".map"))]
    assert len(needed) > 20 and [n for n in needed if n not in files] == []
    assert not [n for n in files if n.endswith((".gz", ".br", ".map")) or n == "sw.js"]
    # Each hash is the file's, and hashed names are cache-first, pages network-first.
    for rel, entry in files.items():
        data = (site / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)).read_bytes()
        assert entry["integrity"] == "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode(), rel
    assert files[CALC]["kind"] == "fresh" and files["sitemap.xml"]["kind"] == "fresh"
    assert {files[n]["kind"] for n in needed if "/pyodide/" in "/" + n and not n.startswith("pyodide/site")} == {"hashed"}
    assert "const SERVICE_WORKER = true;" in next(site.glob("assets/js/offline.*.js")).read_text("utf-8")
    # The snapshot's parts, in their order: one gzip stream, which the copy keeps unpacked.
    snapshot = json.loads(next((site / "pyodide").glob("snapshot.*.json")).read_text("utf-8"))
    assert manifest["gzip_streams"] == [[f"pyodide/{name}" for name in snapshot["parts"]]]


def test_the_hosting_page_states_the_size_of_the_offline_copy(sites: tuple[Path, Path]) -> None:
    """'Zelf hosten' tells a hosting team how much one visit fetches in the background and how much the
    browser then keeps (the snapshot unpacked): both within 15% of this build."""
    site = sites[0]
    _, manifest = _manifest(site)
    fetched = sum((site / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)).stat().st_size
                  for rel in manifest["files"])
    parts = [site / rel for stream in manifest["gzip_streams"] for rel in stream]
    unpacked = len(gzip.decompress(b"".join(p.read_bytes() for p in parts)))
    kept = fetched - sum(p.stat().st_size for p in parts) + unpacked
    text = (ROOT / "docs" / "zelf-hosten.md").read_text("utf-8")
    said_fetched = re.search(r"samen ongeveer (\d+) MB", text)
    said_kept = re.search(r"neemt die kopie ongeveer (\d+) MB in", text)
    assert said_fetched and said_kept, "the sentences about the copy's size changed: update this test"
    assert abs(int(said_fetched.group(1)) * 1e6 / fetched - 1) < 0.15, (said_fetched.group(0), fetched)
    assert abs(int(said_kept.group(1)) * 1e6 / kept - 1) < 0.15, (said_kept.group(0), kept)


def test_a_new_build_is_a_new_manifest_and_a_new_worker(sites: tuple[Path, Path]) -> None:
    (one, m1), (two, m2) = _manifest(sites[0]), _manifest(sites[1])
    assert one != two and m1["version"] != m2["version"]
    assert (sites[0] / "sw.js").read_bytes() != (sites[1] / "sw.js").read_bytes()


def test_plain_mkdocs_build_registers_no_worker(built_site: Path) -> None:
    """Without `make site`'s step there is no manifest: offline.js stays off and sw.js would remove itself."""
    assert 'const MANIFEST = "";' in (built_site / "sw.js").read_text("utf-8")
    assert "const SERVICE_WORKER = false;" in (built_site / "assets" / "js" / "offline.js").read_text("utf-8")
    assert not list(built_site.glob("offline.*.json"))


# --- a server that can switch from one release to the next ------------------------------------------


class PolicyHandler(SiteHandler):
    """The page's cache rules (a year for content-named files, no-cache for the rest) and its CSP.
    With ``hang`` set (a threading.Event), every request but sw.js waits without an answer until it is cleared."""

    hang: threading.Event | None = None

    def do_GET(self) -> None:
        if self.hang is not None and self.hang.is_set() and not self.path.startswith("/sw.js"):
            while self.hang.is_set():  # a network that accepts the request and then says nothing
                time.sleep(0.05)
        super().do_GET()

    def end_headers(self) -> None:
        path = self.path.split("?")[0]
        hashed = versioning.VERSIONED_NAME.search(path) or versioning.OTHER_VERSIONED.search(path)
        self.send_header("Cache-Control", IMMUTABLE if hashed else "no-cache")
        self.send_header("Content-Security-Policy", page_csp())
        super().end_headers()


@contextlib.contextmanager
def switchable(first: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Serve ``first``; set state["dir"] to serve another folder from the same origin, state["hang"].set()
    to leave requests unanswered, or call state["stop"]() to stop answering (the server is closed)."""
    state: dict[str, Any] = {"dir": first, "hang": threading.Event()}

    def handler(*args: Any, **kwargs: Any) -> PolicyHandler:
        h = type("Handler", (PolicyHandler,), {"hang": state["hang"]})
        return h(*args, directory=str(state["dir"]), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        state["hang"].clear()
        if not state.get("down"):
            state["down"] = True
            server.shutdown()
            server.server_close()

    state["stop"] = stop
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", state
    finally:
        stop()


def _context(browser: Any) -> tuple[Any, Any, list[str], list[tuple[int, str]]]:
    context = browser.new_context()
    # As every browser test: a page on a machine busy with two test runs can take longer than Playwright's
    # 30 s (one navigation did, while the whole suite ran twice side by side); nothing here times a page.
    context.set_default_timeout(ENGINE_TIMEOUT)
    errors: list[str] = []
    responses: list[tuple[int, str]] = []
    context.on("response", lambda r: responses.append((r.status, r.url)))
    context.add_init_script("document.addEventListener('securitypolicyviolation',"
                            "e=>console.error('CSP '+e.violatedDirective+' '+e.blockedURI))")
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and "net::ERR_INTERNET_DISCONNECTED" not in m.text
            and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors, responses


def _type(page: Any, field: str, text: str) -> None:
    box = page.locator(f"#f-{field}")
    box.click()
    box.press("Control+a")
    box.press("Backspace")  # a revisit restores the last input
    box.press_sequentially(text)


def calculate(page: Any, url: str | None, value: str, expected: str) -> None:
    """Open the calculator (unless url is None), type the contract value Dutch style, expect the amount."""
    if url:
        page.goto(url)
    page.wait_for_selector('.hr-calc[data-calculator="proportionaliteit"][data-attached]')
    _type(page, "contract_value_eur", value)
    _type(page, "duration_months", "36")
    page.locator("#f-contract_type").select_option("dienst")
    page.locator("#f-category").select_option("schoonmaak")
    expect(page.locator('[data-result-body] [data-key="amount_eur"]')).to_have_text(expected, timeout=ENGINE_TIMEOUT)


def worker_ready(page: Any) -> str:
    """Wait until this site's service worker is active (its cache is then complete); its script URL."""
    return page.evaluate("navigator.serviceWorker.ready.then(r => r.active.scriptURL)")


def test_expected_results() -> None:
    assert api.run("proportionaliteit", PAYLOAD)["amount_eur"] == 60000
    assert api.run("proportionaliteit", {**PAYLOAD, "contract_value_eur": 1300000})["amount_eur"] == 65000


@pytest.mark.browser
def test_after_one_visit_a_calculator_and_a_page_work_without_network(sites: tuple[Path, Path], browser: Any) -> None:
    with switchable(sites[0]) as (base, state):
        context, page, errors, responses = _context(browser)
        try:
            calculate(page, base + CALC, "1.200.000", "€ 60.000")
            page.goto(base + CONTENT)
            assert worker_ready(page) == base + "sw.js"

            state["stop"]()  # the server is gone, and the browser is offline too
            context.set_offline(True)
            responses.clear()
            calculate(page, base + CALC, "1.300.000", "€ 65.000")
            assert page.evaluate("!!navigator.serviceWorker.controller")
            page.goto(base + CONTENT)
            expect(page.locator("h1")).to_contain_text("Stap 1")
            page.goto(base + "hulpmiddelen/")  # a page not opened before is in the copy too
            expect(page.locator("h1")).to_be_visible()
            assert [r for r in responses if r[0] >= 400] == []
            assert errors == [], errors
        finally:
            context.close()


def _engine_status(page: Any) -> dict[str, Any]:
    page.wait_for_function("globalThis[Symbol.for('handreiking-tools.engine')]?.status.state === 'ready'",
                           timeout=ENGINE_TIMEOUT)
    return page.evaluate("globalThis[Symbol.for('handreiking-tools.engine')].status")


def _worker_names(page: Any) -> list[str]:
    """The names of the page's engine workers (Material's search worker is left out)."""
    return [str(w.evaluate("self.name")) for w in page.workers if "engine-worker" in w.url]


def _image_of(site: Path, parts: list[str]) -> dict[str, Any]:
    """Size and SHA-256 of the memory image the snapshot's parts unpack to."""
    image = gzip.decompress(b"".join((site / "pyodide" / name).read_bytes() for name in parts))
    return {"size": len(image), "sha256": hashlib.sha256(image).hexdigest(), "gzip": image[:2] == b"\x1f\x8b"}


def _copy_of_parts(page: Any, base: str, parts: list[str]) -> dict[str, Any]:
    """The same for the parts as the offline copy keeps them (read in the page, one after the other)."""
    return page.evaluate("""async ([base, parts]) => {
      const bodies = [];
      for (const name of parts) {
        const hit = await caches.match(new URL(`pyodide/${name}`, base).href);
        if (!hit) return { missing: name };
        bodies.push(await hit.blob());
      }
      const image = new Uint8Array(await new Blob(bodies).arrayBuffer());
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", image));
      return { size: image.length, sha256: [...digest].map((b) => b.toString(16).padStart(2, "0")).join(""),
               gzip: image[0] === 0x1f && image[1] === 0x8b };
    }""", [base, parts])


@pytest.mark.browser
def test_a_revisit_reads_the_runtime_straight_from_the_offline_copy(sites: tuple[Path, Path], browser: Any) -> None:
    """Under the service worker, the engine's worker opens the offline copy itself (CacheStorage) for the
    snapshot's parts, the wasm, the standard library and the wheels, instead of asking each through the
    service worker; before the copy exists it fetches as usual. Both visits give the core's amounts."""
    parts = json.loads(next((sites[0] / "pyodide").glob("snapshot.*.json")).read_text("utf-8"))["parts"]
    with switchable(sites[0]) as (base, _state):
        context, page, errors, responses = _context(browser)
        try:
            calculate(page, base + CALC, "1.200.000", "€ 60.000")
            first = _engine_status(page)
            assert first.get("copy") == 0, first  # no copy yet: the service worker registers after "Klaar"
            # and the worker is told so: it does not even ask CacheStorage (that cost a slow line 0,6 s)
            assert _worker_names(page) == ["rekenhulp"]
            worker_ready(page)

            responses.clear()
            calculate(page, base + CALC, "1.300.000", "€ 65.000")  # a new page: a new engine worker
            again = _engine_status(page)
            assert page.evaluate("!!navigator.serviceWorker.controller")
            assert again["start"] == "snapshot", again
            # At least the parts, the wasm and the standard library came from the copy (the JSON files and
            # the wheels too, but how often the worker asks for those is not this test's business).
            assert again.get("copy", 0) >= len(parts) + 2, again
            assert _worker_names(page) == ["rekenhulp (offline-kopie)"]
            assert not [u for s, u in responses if "/pyodide/" in u and u.endswith(".bin")], "parts fetched"
            # The copy keeps the parts unpacked, so a start does not unpack 38 MB again: together they are
            # the memory image itself, byte for byte.
            assert _copy_of_parts(page, base, parts) == _image_of(sites[0], parts), "parts not kept unpacked"
            assert errors == [], errors
        finally:
            context.close()


@pytest.mark.browser
def test_a_network_that_hangs_shows_the_copy_after_a_few_seconds(sites: tuple[Path, Path], browser: Any) -> None:
    """A network that takes the request and never answers (a train, a captive portal): a page in the copy
    appears after the service worker's wait (NETWORK_WAIT_MS), not when the browser gives up minutes later."""
    wait_ms = int(re.search(r"const NETWORK_WAIT_MS = (\d+);", (sites[0] / "sw.js").read_text("utf-8")).group(1))
    with switchable(sites[0]) as (base, state):
        context, page, errors, responses = _context(browser)
        try:
            page.goto(base + CONTENT)
            worker_ready(page)
            page.goto(base + CONTENT)
            assert page.evaluate("!!navigator.serviceWorker.controller")
            state["hang"].set()
            started = time.monotonic()
            page.goto(base + "hulpmiddelen/", wait_until="commit", timeout=wait_ms + 20_000)
            expect(page.locator("h1")).to_be_visible()
            waited = time.monotonic() - started
            assert wait_ms / 1000 - 0.5 <= waited < wait_ms / 1000 + 15, waited
            assert errors == [], errors
        finally:
            state["hang"].clear()
            context.close()


@pytest.mark.browser
def test_update_is_offered_quietly_and_taken_whole(sites: tuple[Path, Path], browser: Any) -> None:
    old, new = sites
    with switchable(old) as (base, state):
        context, page, errors, responses = _context(browser)
        try:
            calculate(page, base + CALC, "1.200.000", "€ 60.000")
            worker_ready(page)
            calculate(page, base + CALC, "1.200.000", "€ 60.000")  # now under the service worker
            assert page.evaluate("!!navigator.serviceWorker.controller")
            page.evaluate("window.__notReloaded = true")
            old_worker = page.evaluate("[...document.scripts].map(s => s.src).find(s => s.includes('/engine.'))")

            state["dir"] = new  # the host puts the next release in place
            page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
            notice = page.locator(".hr-update[role=status]")
            expect(notice).to_contain_text("Nieuwe versie beschikbaar", timeout=ENGINE_TIMEOUT)
            (ROOT / "test-output").mkdir(exist_ok=True)
            page.screenshot(path=str(ROOT / "test-output" / "offline-update-notice.png"))
            # Quiet: no reload; the open page keeps working with its own (old) code, also while typing.
            calculate(page, None, "1.300.000", "€ 65.000")
            assert page.evaluate("window.__notReloaded === true")

            button = notice.get_by_role("button", name="Nu bijwerken")
            button.focus()
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert page.evaluate("window.__notReloaded") is None, "the page was reloaded"
            new_scripts = page.evaluate("[...document.scripts].map(s => s.src).filter(Boolean)")
            assert old_worker not in new_scripts
            for src in new_scripts:  # the new page names only files of the new release
                assert (new / src.removeprefix(base)).is_file(), src
            calculate(page, None, "1.200.000", "€ 84.000")
            name, _ = _manifest(new)
            assert page.evaluate("caches.keys()") == [f"handreiking-offline / {name}"], "old caches deleted"
            assert [r for r in responses if r[0] >= 400] == [], "a request for a file that no longer exists"
            assert errors == [], errors
        finally:
            context.close()


@pytest.mark.browser
def test_an_update_in_one_tab_is_told_in_the_other_tabs_which_reload_only_when_asked(
        sites: tuple[Path, Path], browser: Any) -> None:
    """Two tabs on the old release; "Nu bijwerken" in one removes the old copy under the other, whose page
    still names the old files: the other tab says so, keeps what was typed, and reloads only on its button."""
    old, new = sites
    with switchable(old) as (base, state):
        context, page, errors, responses = _context(browser)
        other = context.new_page()
        other.on("console", lambda m: m.type == "error" and errors.append("other tab: " + m.text))
        other.on("pageerror", lambda e: errors.append("other tab: " + str(e)))
        try:
            page.goto(base + CONTENT)
            worker_ready(page)
            calculate(page, base + CALC, "1.200.000", "€ 60.000")  # under the service worker
            calculate(other, base + CALC, "1.300.000", "€ 65.000")
            assert other.evaluate("!!navigator.serviceWorker.controller")
            other.evaluate("window.__notReloaded = true")

            state["dir"] = new
            page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
            offered = page.locator(".hr-update[role=status]")
            expect(offered).to_contain_text("Nieuwe versie beschikbaar", timeout=ENGINE_TIMEOUT)
            expect(other.locator(".hr-update[role=status]")).to_contain_text("Nieuwe versie beschikbaar")
            with page.expect_navigation():
                offered.get_by_role("button", name="Nu bijwerken").click()

            told = other.locator(".hr-update[role=status]")
            expect(told).to_contain_text("De site is intussen bijgewerkt")
            expect(told.get_by_role("button")).to_have_count(1)  # the old offer is replaced, not added to
            (ROOT / "test-output").mkdir(exist_ok=True)
            other.screenshot(path=str(ROOT / "test-output" / "offline-updated-in-other-tab.png"))
            other.wait_for_timeout(500)
            assert other.evaluate("window.__notReloaded === true"), "the other tab reloaded on its own"

            reload = told.get_by_role("button", name="Pagina herladen")
            reload.focus()
            with other.expect_navigation():
                other.keyboard.press("Enter")
            assert other.evaluate("window.__notReloaded") is None
            for src in other.evaluate("[...document.scripts].map(s => s.src).filter(Boolean)"):
                assert (new / src.removeprefix(base)).is_file(), src  # only files of the new release
            other.wait_for_selector('.hr-calc[data-calculator="proportionaliteit"][data-attached]')
            expect(other.locator("#f-contract_value_eur")).to_have_value("1.300.000")  # nothing typed lost
            expect(other.locator('[data-result-body] [data-key="amount_eur"]')).to_have_text(
                "€ 91.000", timeout=ENGINE_TIMEOUT)  # the new release's rule (1.200.000 gives € 84.000 there)
            assert [r for r in responses if r[0] >= 400] == [], "a request for a file that no longer exists"
            assert errors == [], errors
        finally:
            context.close()


@pytest.mark.browser
def test_opt_out_registers_no_service_worker_and_removes_an_earlier_one(sites: tuple[Path, Path], tmp_path: Path,
                                                                        browser: Any) -> None:
    site = tmp_path / "site"
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--site-dir", str(site), "--config-file", "-"],
        input="INHERIT: mkdocs.yml\n" + page_block("yaml", "mkdocs.yml: geen service worker") + "\n",  # as the page says
        cwd=ROOT, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    done = versioning.version_site(site)
    assert done["offline"] == "" and not list(site.glob("offline.*.json"))
    assert 'const MANIFEST = "";' in (site / "sw.js").read_text("utf-8")  # the worker that removes itself
    assert not re.search(r"offline\.[0-9a-f]{12}\.(?:js|css)", (site / CALC / "index.html").read_text("utf-8"))
    registrations = "navigator.serviceWorker.getRegistrations().then(r => r.length)"

    # A first visit to a site built with the opt-out: nothing is registered.
    with switchable(site) as (base, _state):
        context, page, errors, _responses = _context(browser)
        try:
            calculate(page, base + CALC, "1.200.000", "€ 60.000")
            page.goto(base + CONTENT)
            page.wait_for_timeout(1000)
            assert page.evaluate(registrations) == 0
            assert errors == [], errors
        finally:
            context.close()

    # A reader who had the offline copy: after the switch, the worker removes itself and its cache.
    with switchable(sites[0]) as (base, state):
        context, page, errors, _responses = _context(browser)
        try:
            page.goto(base + CONTENT)
            worker_ready(page)
            assert page.evaluate("caches.keys().then(k => k.length)") == 1
            state["dir"] = site
            calculate(page, base + CALC, "1.200.000", "€ 60.000")
            page.evaluate("navigator.serviceWorker.getRegistration().then(r => r && r.update())")
            page.wait_for_function("navigator.serviceWorker.getRegistrations().then(r => r.length === 0)")
            page.wait_for_function("caches.keys().then(k => k.length === 0)")
            page.goto(base + CONTENT)
            expect(page.locator("h1")).to_contain_text("Stap 1")
            # The old calculator page registers the worker once its engine is ready; when that lands just after
            # the removal (seen once in a long run), the worker it gets is the new one, which removes itself
            # again: what counts is that none stays, and no cache either.
            page.wait_for_function(f"{registrations}.then(n => n === 0)", timeout=30_000)
            page.wait_for_function("caches.keys().then(k => k.length === 0)", timeout=30_000)
            assert errors == [], errors
        finally:
            context.close()
