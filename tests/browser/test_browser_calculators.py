"""The calculator pages in Debian's Chromium against the built site on 127.0.0.1.

Each calculator is filled in through its form and the rendered key figures are compared with
``api.run`` on the same input in CPython. Every test records all requests (they must go to the
site's own origin) and console errors (there must be none).
"""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from browser_support import ENGINE_TIMEOUT, Recorder, SiteHandler, dutch, fill_scalars, key_text, serve, set_control

from handreiking_tools import api, fmt
from handreiking_tools.site import speed

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is installed by make setup")

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "test-output" / "screenshots"
PAGES = ("proportionaliteit", "contractselectie", "quotum")
ENGINE_JS = 'globalThis[Symbol.for("handreiking-tools.engine")]'


@pytest.fixture()
def context(browser: Any, site_url: str) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    origin = site_url.rstrip("/")
    rec = Recorder(ctx, origin)
    ctx.recorder = rec
    yield ctx
    ctx.close()
    assert rec.requests, "no request was recorded at all"
    assert rec.foreign() == [], f"requests to another host: {rec.foreign()}"
    assert rec.console_errors == [], f"console errors: {rec.console_errors}"


def new_page(context: Any) -> Any:
    page = context.new_page()
    context.recorder.watch(page)
    return page


def open_calc(context: Any, site_url: str, name: str, query: str = "") -> Any:
    page = new_page(context)
    page.goto(f"{site_url}hulpmiddelen/{name}/{query}")
    page.wait_for_selector(f'.hr-calc[data-calculator="{name}"][data-attached]')
    return page


def wait_result(page: Any) -> None:
    page.wait_for_selector("[data-result-body] [data-key]", timeout=ENGINE_TIMEOUT)


def screenshot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.locator("[data-result]").screenshot(path=str(SHOTS / f"{name}-uitkomst.png"))


def expect_error(page: Any, field: str, message: str) -> None:
    err = page.locator(f'[id="err-{field}"]')
    err.wait_for(state="visible")
    assert err.inner_text().strip() == message
    control = page.locator(f"#f-{field}")
    assert control.get_attribute("aria-invalid") == "true"
    assert f"err-{field}" in (control.get_attribute("aria-describedby") or "").split()


def expect_no_error(page: Any, field: str) -> None:
    page.locator(f'[id="err-{field}"]').wait_for(state="hidden")
    assert page.locator(f"#f-{field}").get_attribute("aria-invalid") is None


def error_comes_and_goes(page: Any, name: str, payload: dict[str, Any], field: str, bad: Any, good: Any) -> None:
    """A bad value shows the core's Dutch message, tied to its field; a good value takes it away again."""
    fill_scalars(page, {field: bad})
    result = api.run(name, {**payload, field: bad})
    expect_error(page, field, next(e["message"] for e in result["errors"] if e["field"] == field))
    fill_scalars(page, {field: good})
    expect_no_error(page, field)


# ---------------------------------------------------------------------------
# Proportionaliteit
# ---------------------------------------------------------------------------

PROP_INPUT = {"contract_value_eur": 480000, "duration_months": 24, "contract_type": "levering",
              "category": "catering", "labour_share_pct": 40}


def check_prop_result(page: Any, payload: dict[str, Any]) -> None:
    expected = api.run("proportionaliteit", payload)
    assert expected["ok"]
    page.wait_for_function(
        "codes => JSON.stringify([...document.querySelectorAll('[data-result-body] [data-list=reasons] li')].map(e => e.dataset.code)) === codes",
        arg=json.dumps([r["code"] for r in expected["reasons"]], separators=(",", ":")),
    )
    page.wait_for_function(
        "t => document.querySelector('[data-result-body] [data-key=summary]')?.textContent === t", arg=expected["summary"]
    )
    assert key_text(page, "advice") == expected["advice_label"]
    if expected["amount_eur"] is not None:
        assert key_text(page, "amount_eur") == fmt.eur(expected["amount_eur"])
        assert key_text(page, "percentage") == fmt.pct(expected["percentage"], 2)
        assert key_text(page, "base") == expected["base_label"]
    else:  # issue 10: no amount where none is asked; at most an indication the buyer decides on
        assert page.locator('[data-result-body] [data-key="amount_eur"]').count() == 0
        if expected["indication_eur"] is not None:
            assert key_text(page, "indication_eur") == fmt.eur(expected["indication_eur"])
    assert key_text(page, "eu_threshold_eur") == fmt.eur(expected["eu_threshold_eur"])
    assert key_text(page, "authority") == expected["authority_label"]
    assert key_text(page, "summary") == expected["summary"]
    codes = page.locator('[data-result-body] [data-list="reasons"] li').evaluate_all("els => els.map(e => e.dataset.code)")
    assert codes == [r["code"] for r in expected["reasons"]]


def test_proportionaliteit_matches_core_errors_reload_and_share(context: Any, browser: Any, site_url: str) -> None:
    page = open_calc(context, site_url, "proportionaliteit")
    fill_scalars(page, PROP_INPUT)
    check_prop_result(page, PROP_INPUT)
    # A reason links to the guidance section it comes from, as a built URL on this site.
    href = page.locator('[data-result-body] [data-list="reasons"] a').first.get_attribute("href")
    assert href.startswith(site_url + "stappen/stap-2a/#2ac")

    # The Rijk profile: the base becomes the labour cost.
    rijk = {**PROP_INPUT, "profile": "rijksoverheid"}
    fill_scalars(page, {"profile": "rijksoverheid"})
    page.wait_for_function("() => document.querySelector('[data-result-body] [data-key=base]')?.textContent.includes('Loonsom')")
    check_prop_result(page, rijk)
    screenshot(page, "proportionaliteit")

    # Bad input: a field-level Dutch error tied to its input; it goes away when fixed.
    error_comes_and_goes(page, "proportionaliteit", rijk, "duration_months", 0, 24)
    check_prop_result(page, rijk)

    # Reload: the inputs come back from storage (and the URL), and so does the result.
    page.reload()
    page.wait_for_selector(".hr-calc[data-attached]")
    assert page.input_value("#f-contract_value_eur") == "480000"
    assert page.input_value("#f-profile") == "rijksoverheid"
    check_prop_result(page, rijk)

    # The share link reproduces the result in a fresh context (no storage).
    share = page.get_attribute("[data-share-link]", "href")
    assert "contract_value_eur=480000" in share and "profile=rijksoverheid" in share
    fresh = browser.new_context()
    fresh.set_default_timeout(ENGINE_TIMEOUT)
    rec = Recorder(fresh, site_url.rstrip("/"))
    other = fresh.new_page()
    rec.watch(other)
    other.goto(share)
    check_prop_result(other, rijk)
    fresh.close()
    assert rec.foreign() == [] and rec.console_errors == []

    # Reset empties the form and forgets the stored input.
    page.click('[data-action="reset"]')
    assert page.input_value("#f-contract_value_eur") == ""
    page.reload()
    page.wait_for_selector(".hr-calc[data-attached]")
    assert page.input_value("#f-contract_value_eur") == ""


def test_proportionaliteit_exports(context: Any, site_url: str) -> None:
    page = open_calc(context, site_url, "proportionaliteit", "?" + "&".join(f"{k}={v}" for k, v in PROP_INPUT.items()))
    check_prop_result(page, PROP_INPUT)
    with page.expect_download() as info:
        page.click('[data-action="download-json"]')
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data["uitkomst"] == api.run("proportionaliteit", PROP_INPUT)
    # The input goes to the core as typed (text); the core reads it to the same values.
    assert {k: v for k, v in data["invoer"].items() if v is not False} == {k: str(v) for k, v in PROP_INPUT.items()}
    assert api.run("proportionaliteit", data["invoer"]) == data["uitkomst"]


# ---------------------------------------------------------------------------
# Contractselectie
# ---------------------------------------------------------------------------

CONTRACTS = [
    {"name": "Schoonmaak stadhuis", "category": "schoonmaak", "annual_value_eur": 650000, "end_date": "31-12-2028",
     "extension_possible": True},
    {"name": "Koffieautomaten", "category": "leveringen", "annual_value_eur": 40000, "end_date": "30-06-2027"},
    {"name": "Beveiliging", "category": "beveiliging", "annual_value_eur": 300000, "end_date": "31-03-2026"},
    {"name": "Groen", "category": "groenvoorziening", "annual_value_eur": 250000, "end_date": "31-12-2029",
     "has_sroi_clause": True},
]


def fill_row(page: Any, index: int, row: dict[str, Any]) -> None:
    for col, value in row.items():
        set_control(page.locator(f"#f-contracts-{index}-{col}"), value)


def check_ranking(page: Any, payload: dict[str, Any]) -> dict[str, Any]:
    expected = api.run("contractselectie", payload)
    assert expected["ok"]
    want = [[c["name"] for c in expected["ranking"]], [fmt.number(c["score"]) for c in expected["ranking"]], expected["top"]]
    # Wait for exactly the state that is read next (names, scores and top together), not for a row
    # count that an earlier ranking may share; on a timeout the asserts below show the difference.
    # JSON.stringify writes no spaces: compare with the same separators.
    try:
        page.wait_for_function(RANKING_JS + " === want", arg=json.dumps(want, ensure_ascii=False, separators=(",", ":")),
                               timeout=30_000)
    except playwright_api.TimeoutError:
        pass  # the asserts below show the difference
    names, scores, top = json.loads(page.evaluate(RANKING_JS))
    assert names == want[0]
    assert scores == want[1]
    assert top == want[2]
    return expected


RANKING_JS = """(want) => JSON.stringify(['[data-result-body] tr[data-rank] [data-key="name"]',
  '[data-result-body] tr[data-rank] [data-key="score"]', '[data-result-body] [data-key="top-name"]']
  .map((sel) => [...document.querySelectorAll(sel)].map((e) => e.innerText.trim())))"""


def test_contractselectie_table_matches_core_errors_reload_and_share(context: Any, browser: Any, site_url: str) -> None:
    page = open_calc(context, site_url, "contractselectie")
    fill_scalars(page, {"reference_date": "2026-01-01"})
    for i, row in enumerate(CONTRACTS):
        if i:
            page.click('[data-action="add-row"]')
        fill_row(page, i, row)
    payload = {"reference_date": "2026-01-01", "contracts": CONTRACTS}
    check_ranking(page, payload)
    # The top three link to the brainstorm format for that contract.
    link = page.locator("[data-result-body] .hr-top-card a").first
    assert "hulpmiddelen/brainstorm/#title=" in link.get_attribute("href")
    screenshot(page, "contractselectie")

    # A bad cell: marked at its row and cell, the row is kept, the others are still ranked.
    fill_row(page, 1, {"annual_value_eur": "veel"})
    bad = api.run("contractselectie", {**payload, "contracts": [CONTRACTS[0], {**CONTRACTS[1], "annual_value_eur": "veel"}, *CONTRACTS[2:]]})
    err = next(e for e in bad["row_errors"] if e["row"] == 2)
    cell_err = page.locator(f'[id="err-contracts.1.{err["field"]}"]')
    cell_err.wait_for(state="visible")
    assert cell_err.inner_text().strip() == err["message"]
    bad_cell = page.locator(f'#f-contracts-1-{err["field"]}')
    assert bad_cell.get_attribute("aria-invalid") == "true"
    assert f'err-contracts.1.{err["field"]}' in (bad_cell.get_attribute("aria-describedby") or "").split()
    assert page.locator('tr[data-row][data-index="1"]').get_attribute("class") == "hr-row-error"
    assert page.locator("#f-contracts-1-annual_value_eur").input_value() == "veel"
    page.wait_for_function("n => document.querySelectorAll('[data-result-body] tr[data-rank]').length === n", arg=len(bad["ranking"]))
    fill_row(page, 1, {"annual_value_eur": "40000"})
    cell_err.wait_for(state="hidden")
    check_ranking(page, payload)

    page.reload()
    page.wait_for_selector(".hr-calc[data-attached]")
    assert page.locator("[data-rows-body] tr[data-row]").count() == len(CONTRACTS)
    assert page.input_value("#f-contracts-0-name") == "Schoonmaak stadhuis"
    check_ranking(page, payload)

    share = page.get_attribute("[data-share-link]", "href")
    fresh = browser.new_context()
    fresh.set_default_timeout(ENGINE_TIMEOUT)
    other = fresh.new_page()
    other.goto(share)
    check_ranking(other, payload)
    fresh.close()


def _csv_bytes() -> bytes:
    lines = ["Naam;Leverancier;Categorie;Jaarwaarde;Einddatum;Verlenging mogelijk;SROI-clausule",
             "Schoonmaak kantoren;Schoon BV;Schoonmaak;€ 850.000;31-12-2028;ja;nee",
             "Catering;Smaak BV;Catering;€ 420.000;31-03-2027;ja;ja",
             "Kapotte regel;Niemand;Onbekend soort werk;heel veel;31-02-2027;nee;nee",
             "Groen;Groen & Co;Groenvoorziening;€ 150.000;31-12-2029;nee;nee"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _xlsx_bytes() -> bytes:
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl comes with the [xlsx] extra that make setup installs")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Naam", "Categorie", "Jaarwaarde", "Einddatum", "SROI-clausule"])
    ws.append(["Beveiliging", "Beveiliging", 300000, "31-12-2027", "nee"])
    ws.append(["Fout", "Schoonmaak", "onbekend", "31-12-2027", "nee"])
    ws.append(["Glas", "Glasbewassing", 90000, "31-12-2028", "ja"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("filename,maker", [("contracten.csv", _csv_bytes), ("contracten.xlsx", _xlsx_bytes)])
def test_contractselectie_upload_keeps_and_marks_bad_rows(context: Any, site_url: str, tmp_path: Path, filename: str, maker: Any) -> None:
    from handreiking_tools.tools.shortlist import io as contracts_io

    data = maker()
    path = tmp_path / filename
    path.write_bytes(data)
    contracts, _ = contracts_io.parse_contracts(data, filename)
    payload = {"reference_date": "2026-01-01", "contracts": contracts}
    expected = api.run("contractselectie", payload)
    assert expected["ok"] and expected["row_errors"], "the test file must hold a bad row"

    page = open_calc(context, site_url, "contractselectie")
    fill_scalars(page, {"reference_date": "2026-01-01"})
    page.set_input_files("[data-upload]", str(path))
    check_ranking(page, payload)
    # Every row of the file is in the table, the bad ones marked.
    assert page.locator("[data-rows-body] tr[data-row]").count() == len(contracts)
    bad_rows = sorted({e["row"] for e in expected["row_errors"]})
    marked = page.locator("[data-rows-body] tr.hr-row-error").evaluate_all("els => els.map(e => Number(e.dataset.index) + 1)")
    assert marked == bad_rows
    assert "ingelezen" in page.inner_text("[data-import-note]")

    # The ranking downloads as CSV made by the core.
    with page.expect_download() as info:
        page.click('[data-action="download-csv"]')
    csv_text = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    assert csv_text == contracts_io.export_ranking_csv(expected).lstrip("\ufeff")


class StdlibLaterHandler(SiteHandler):
    """Notes when each request for the standard library's second zip arrives and when each wheel was
    sent whole (time.time()); with ``refuse_first`` the first request for the second zip gets a 503."""

    refuse_first = False
    rest_asked: list[float]
    wheels_sent: list[float]
    lock = threading.Lock()

    def do_GET(self) -> None:
        name = self.path.split("?")[0].rsplit("/", 1)[-1]
        if name == speed.STDLIB_REST:
            with self.lock:
                self.rest_asked.append(time.time())
                refuse = self.refuse_first and len(self.rest_asked) == 1
            if refuse:
                self.send_error(503)
                return
        super().do_GET()
        if name.endswith(".whl"):
            self.wheels_sent.append(time.time())


def _stdlib_later(refuse_first: bool) -> type[StdlibLaterHandler]:
    return type("Handler", (StdlibLaterHandler,), {"refuse_first": refuse_first, "rest_asked": [], "wheels_sent": []})


@contextmanager
def _window(browser: Any, url: str) -> Iterator[Any]:
    """A page in a new window on ``url``'s server; no console error in it by the end."""
    ctx = browser.new_context(locale="nl-NL")
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    rec = Recorder(ctx, url.rstrip("/"))
    try:
        page = ctx.new_page()
        rec.watch(page)
        yield page
    finally:
        ctx.close()
    assert rec.console_errors == [], rec.console_errors


def test_first_visit_fetches_the_rest_of_the_standard_library_only_after_its_first_result(browser: Any, built_site: Path) -> None:
    """The standard library's modules that no start imports (about 1,7 MB) wait in a second zip: a first
    visit asks for it once, after its first result (so after every wheel that result needs)."""
    handler = _stdlib_later(refuse_first=False)
    with serve(built_site, handler) as url, _window(browser, url) as page:
        page.goto(url + "hulpmiddelen/proportionaliteit/?" + "&".join(f"{k}={v}" for k, v in PROP_INPUT.items()))
        check_prop_result(page, PROP_INPUT)
        page.wait_for_timeout(1500)
        assert handler.wheels_sent and len(handler.rest_asked) == 1, (handler.wheels_sent, handler.rest_asked)
        assert handler.rest_asked[0] > max(handler.wheels_sent)


def test_a_module_from_the_rest_of_the_standard_library_is_fetched_at_once_when_the_background_fetch_failed(
        browser: Any, built_site: Path, tmp_path: Path) -> None:
    """The background fetch of the second zip fails (503): reading an Excel file (openpyxl imports xml from
    it) fetches the zip there and then, and the contracts come out as the core reads them."""
    from handreiking_tools.tools.shortlist import io as contracts_io

    data = _xlsx_bytes()
    path = tmp_path / "contracten.xlsx"
    path.write_bytes(data)
    contracts, _ = contracts_io.parse_contracts(data, path.name)
    payload = {"reference_date": "2026-01-01", "contracts": contracts}
    handler = _stdlib_later(refuse_first=True)
    with serve(built_site, handler) as url, _window(browser, url) as page:
        page.goto(url + "hulpmiddelen/contractselectie/")
        page.wait_for_selector('.hr-calc[data-calculator="contractselectie"][data-attached]')
        page.wait_for_function(f"() => {ENGINE_JS}?.status.state === 'ready'")
        for _ in range(100):  # the background fetch, refused
            if handler.rest_asked:
                break
            page.wait_for_timeout(100)
        assert len(handler.rest_asked) == 1
        fill_scalars(page, {"reference_date": "2026-01-01"})
        page.set_input_files("[data-upload]", str(path))
        check_ranking(page, payload)
        assert page.locator("[data-rows-body] tr[data-row]").count() == len(contracts)
        assert len(handler.rest_asked) == 2, handler.rest_asked


def test_print_shows_the_result_without_the_form(context: Any, site_url: str) -> None:
    page = open_calc(context, site_url, "proportionaliteit", "?" + "&".join(f"{k}={v}" for k, v in PROP_INPUT.items()))
    check_prop_result(page, PROP_INPUT)
    page.emulate_media(media="print")
    assert page.locator("[data-form]").is_hidden()
    assert page.locator(".hr-export").is_hidden()
    assert page.locator("[data-result]").is_visible()
    assert page.locator(".md-sidebar--primary").is_hidden()


def test_contractselectie_paste_from_spreadsheet(context: Any, site_url: str) -> None:
    from handreiking_tools.tools.shortlist import io as contracts_io

    cells = [["Naam", "Categorie", "Jaarwaarde", "Einddatum"],
             ["Schoonmaak", "Schoonmaak", "€ 700.000", "31-12-2028"],
             ["Rommel", "Schoonmaak", "niets", "31-12-2028"],
             ["Catering", "Catering", "€ 300.000", "30-06-2027"]]
    tsv = "\n".join("\t".join(r) for r in cells)
    contracts, _ = contracts_io.parse_contracts("\n".join(";".join(r) for r in cells).encode("utf-8"), "geplakt.csv")
    payload = {"reference_date": "2026-01-01", "contracts": contracts}
    page = open_calc(context, site_url, "contractselectie")
    fill_scalars(page, {"reference_date": "2026-01-01"})
    page.fill("[data-paste]", tsv)
    page.click('[data-action="paste"]')
    expected = check_ranking(page, payload)
    assert page.locator("[data-rows-body] tr[data-row]").count() == 3
    assert page.locator("[data-rows-body] tr.hr-row-error").count() == len({e["row"] for e in expected["row_errors"]}) == 1


def test_copy_result_as_text(browser: Any, site_url: str) -> None:
    ctx = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    page = ctx.new_page()
    page.goto(f"{site_url}hulpmiddelen/proportionaliteit/?" + "&".join(f"{k}={v}" for k, v in PROP_INPUT.items()))
    check_prop_result(page, PROP_INPUT)
    page.click('[data-action="copy-text"]')
    page.wait_for_function("() => document.querySelector('[data-export-note]').textContent.includes('klembord')")
    text = page.evaluate("() => navigator.clipboard.readText()")
    expected = api.run("proportionaliteit", PROP_INPUT)
    assert expected["advice"] == "overwegen" and expected["amount_eur"] is None
    assert expected["summary"] in text and f"Indicatie (jij beslist): {fmt.eur(expected['indication_eur'])}" in text
    assert "Bedrag:" not in text
    ctx.close()


def test_contract_list_too_long_for_url_stays_in_storage(context: Any, site_url: str) -> None:
    page = open_calc(context, site_url, "contractselectie")
    rows = [{"name": f"Contract nummer {i} met een lange naam", "category": "schoonmaak", "annual_value_eur": 100000 + i}
            for i in range(40)]
    page.evaluate(
        "rows => localStorage.setItem('handreiking:contractselectie', JSON.stringify({scalars: {reference_date: '2026-01-01'}, rows: {contracts: rows}}))",
        [{k: str(v) for k, v in r.items()} for r in rows],
    )
    page.reload()
    wait_result(page)
    page.locator("[data-storage-note]").wait_for(state="visible")
    assert "te lang voor een link" in page.inner_text("[data-storage-note]")
    share = page.get_attribute("[data-share-link]", "href")
    assert "contracts=" not in share and "reference_date=01-01-2026" in share
    # The copy button's own message says the list is not in the link.
    page.click('[data-action="copy-link"]')
    page.wait_for_function("() => document.querySelector('[data-export-note]').textContent.includes('te lang voor een link')")


# ---------------------------------------------------------------------------
# Quotum
# ---------------------------------------------------------------------------

QUOTA_INPUT = {"formal_jobs": 80, "inleen_jobs": 12.5, "target_jobs": 150}
QUOTA_HISTORY = [{"year": 2023, "realised_jobs": 70, "target_jobs": 140}, {"year": 2024, "realised_jobs": 82, "target_jobs": 145}]


def check_quota(page: Any, payload: dict[str, Any]) -> dict[str, Any]:
    expected = api.run("quotum", payload)
    assert expected["ok"], expected
    pct_text = expected["realisation_pct_display"]
    page.wait_for_function(
        "t => document.querySelector('[data-result-body] [data-key=summary]')?.textContent === t", arg=expected["summary"]
    )
    assert key_text(page, "realisation_pct") == pct_text
    assert key_text(page, "realised_jobs") == f"{expected['realised_jobs_display']} banen"
    gap = expected["surplus_jobs"] if expected["surplus_jobs"] > 0 else expected["gap_jobs"]
    assert key_text(page, "gap_jobs") == f"{fmt.jobs(gap)} banen"
    assert key_text(page, "target_jobs") == f"{fmt.jobs(expected['target_jobs'])} banen"
    return expected


def test_quotum_matches_core_errors_reload_share_and_chart(context: Any, browser: Any, site_url: str) -> None:
    page = open_calc(context, site_url, "quotum")
    fill_scalars(page, QUOTA_INPUT)
    check_quota(page, QUOTA_INPUT)
    for i, row in enumerate(QUOTA_HISTORY):
        if i:
            page.click('[data-action="add-row"]')
        for col, value in row.items():
            page.locator(f"#f-history-{i}-{col}").fill(dutch(value))
    payload = {**QUOTA_INPUT, "history": QUOTA_HISTORY}
    check_quota(page, payload)
    # The trend: an SVG with a text alternative and a table with the same figures.
    page.wait_for_selector("[data-result-body] svg.hr-chart")
    assert page.locator("[data-result-body] svg.hr-chart title").text_content().strip()
    # The worked example is drawn by the same view: without JavaScript the reader sees the chart too.
    assert page.locator('[data-example-for="quotum"] svg.hr-chart').count() == 1
    assert page.locator(".hr-trend-table tbody tr").count() >= len(QUOTA_HISTORY)
    # Table 1 of the letter is on the page as a reference.
    assert page.locator('[data-table="kamerbrief-tabel-1"] tbody tr').count() >= 10
    screenshot(page, "quotum")

    error_comes_and_goes(page, "quotum", payload, "target_jobs", -5, 150)
    check_quota(page, payload)

    page.reload()
    page.wait_for_selector(".hr-calc[data-attached]")
    assert page.input_value("#f-inleen_jobs") == "12,5"
    check_quota(page, payload)

    share = page.get_attribute("[data-share-link]", "href")
    fresh = browser.new_context()
    fresh.set_default_timeout(ENGINE_TIMEOUT)
    other = fresh.new_page()
    other.goto(share)
    check_quota(other, payload)
    fresh.close()


# ---------------------------------------------------------------------------
# Every page: example without JS, accessibility, keyboard, arriving by link, failures
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_worked_example_is_in_the_html(built_site: Path, name: str) -> None:
    html = (built_site / "hulpmiddelen" / name / "index.html").read_text(encoding="utf-8")
    assert f'data-example-for="{name}"' in html, "the worked example must be readable without JavaScript"
    assert f'data-calculator="{name}"' in html
    assert "<script>" not in html.split('data-calculator="')[1].split("</section>")[0], "no inline script (strict CSP)"


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_violation(context: Any, site_url: str, name: str) -> None:
    page = open_calc(context, site_url, name)
    page.click('[data-action="example"]')
    wait_result(page)
    # Wide tables scroll in their own box; the page itself never scrolls sideways.
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], json.dumps(serious, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("name", PAGES)
def test_keyboard_alone_reaches_and_uses_every_control(context: Any, site_url: str, name: str) -> None:
    page = open_calc(context, site_url, name)
    controls = page.eval_on_selector_all(
        ".hr-calc[data-calculator] :is(input, select, textarea, button):not([disabled])",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.id || e.dataset.action || e.name)",
    )
    page.focus(".hr-calc [data-form] :is(input, select)")
    reached = set()
    for _ in range(len(controls) * 2 + 20):
        reached.add(page.evaluate("() => document.activeElement.id || document.activeElement.dataset.action || document.activeElement.name"))
        page.keyboard.press("Tab")
    missing = [c for c in controls if c not in reached]
    assert missing == [], f"not reachable by Tab: {missing}"

    # Use the form with the keyboard only: "Voorbeeld invullen" with Enter gives a result.
    page.focus('[data-action="example"]')
    page.keyboard.press("Enter")
    wait_result(page)
    if name == "proportionaliteit":
        page.focus("#f-framework_agreement")
        page.keyboard.press("Space")
        assert page.is_checked("#f-framework_agreement")
        page.focus("#f-duration_months")
        page.keyboard.press("Control+A")
        page.keyboard.type("48")
        check_prop_result(page, {**_example(name), "duration_months": 48, "framework_agreement": True})
    if name == "contractselectie":
        rows = page.locator("[data-rows-body] tr[data-row]")
        count = rows.count()
        page.focus('[data-action="add-row"]')
        page.keyboard.press("Enter")
        assert rows.count() == count + 1
        assert page.evaluate("() => document.activeElement.id") == f"f-contracts-{count}-name"
        page.keyboard.type("Met het toetsenbord")
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.id") == f"f-contracts-{count}-supplier"
        page.focus(f'tr[data-index="{count}"] [data-action="remove-row"]')
        page.keyboard.press("Space")
        assert rows.count() == count


def _example(name: str) -> dict[str, Any]:
    from handreiking_tools.site.forms import EXAMPLES

    return dict(EXAMPLES[name])


@pytest.mark.parametrize("mode", ["page-load", "instant"])
@pytest.mark.parametrize("name", PAGES)
def test_arrive_by_link_from_another_page(browser: Any, request: pytest.FixtureRequest, name: str, mode: str) -> None:
    base = request.getfixturevalue("site_url" if mode == "page-load" else "instant_site_url")
    ctx = browser.new_context()
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    rec = Recorder(ctx, base.rstrip("/"))
    if mode == "page-load":
        # Every build now has instant navigation (overrides/sitemap.xml); with an empty sitemap Material
        # loads the whole page, which is the arrival this case tests.
        empty = '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>'
        ctx.route("**/sitemap.xml", lambda route: route.fulfill(status=200, content_type="application/xml", body=empty))
    page = ctx.new_page()
    rec.watch(page)
    page.goto(f"{base}hulpmiddelen/")
    page.evaluate("() => { window.__hrSamePage = true; }")
    page.click(f'article a[href$="{name}/"]')
    page.wait_for_url(f"**/hulpmiddelen/{name}/")
    page.wait_for_selector(f'.hr-calc[data-calculator="{name}"][data-attached]')
    assert page.evaluate("() => window.__hrSamePage === true") is (mode == "instant")
    page.click('[data-action="example"]')
    wait_result(page)
    assert page.locator("[data-result-body] [data-invalid]").count() == 0
    expected = api.run(name, _example(name))
    assert key_text(page, "summary") == expected["summary"]
    ctx.close()
    assert rec.foreign() == [] and rec.console_errors == [], (rec.foreign(), rec.console_errors)


def test_engine_failure_is_told_apart_and_example_stays(browser: Any, site_url: str) -> None:
    ctx = browser.new_context()
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    ctx.route("**/pyodide/**", lambda route: route.abort())
    page = ctx.new_page()
    page.goto(f"{site_url}hulpmiddelen/proportionaliteit/")
    box = page.locator("[data-engine-error]")
    box.wait_for(state="visible")
    assert page.locator("[data-engine-error-text]").inner_text().strip()
    assert page.locator('[data-action="retry"]').is_visible()
    assert page.locator('[data-example-for="proportionaliteit"]').is_visible()
    # Filling in the form still works and is not mistaken for invalid input.
    fill_scalars(page, PROP_INPUT)
    assert page.locator("[data-result-body] [data-invalid]").count() == 0
    # Once the runtime can be reached again, "Opnieuw proberen" starts it and the result follows.
    ctx.unroute("**/pyodide/**")
    page.click('[data-action="retry"]')
    check_prop_result(page, PROP_INPUT)
    assert page.locator("[data-engine-error]").is_hidden()
    ctx.close()


def test_no_webassembly_says_so(browser: Any, site_url: str) -> None:
    ctx = browser.new_context()
    ctx.add_init_script("delete globalThis.WebAssembly;")
    page = ctx.new_page()
    page.goto(f"{site_url}hulpmiddelen/quotum/")
    page.locator("[data-engine-error]").wait_for(state="visible")
    assert "WebAssembly" in page.inner_text("[data-engine-error-text]")
    assert page.locator('[data-example-for="quotum"]').is_visible()
    ctx.close()


def test_one_engine_lives_on_across_calculator_pages(browser: Any, instant_site_url: str) -> None:
    """With instant navigation, the next calculator re-attaches and reuses the running worker."""
    ctx = browser.new_context()
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    rec = Recorder(ctx, instant_site_url.rstrip("/"))
    ctx.recorder = rec
    page = open_calc(ctx, instant_site_url, "proportionaliteit")
    page.click('[data-action="example"]')
    check_prop_result(page, _example("proportionaliteit"))
    page.evaluate("() => { window.__hrSamePage = true; }")
    before = len(rec.requests)
    page.click('nav.md-nav--primary a[href$="quotum/"]')
    page.wait_for_url("**/hulpmiddelen/quotum/")
    page.wait_for_selector('.hr-calc[data-calculator="quotum"][data-attached]')
    assert page.evaluate("() => window.__hrSamePage === true"), "instant navigation must keep the window"
    page.click('[data-action="example"]')
    check_quota(page, _example("quotum"))
    later = rec.requests[before:]
    assert not [u for u in later if "/pyodide/" in u], f"the runtime was loaded again: {later}"
    # And back again: the first calculator re-attaches too.
    page.go_back()
    page.wait_for_url("**/hulpmiddelen/proportionaliteit/**")
    page.wait_for_selector('.hr-calc[data-calculator="proportionaliteit"][data-attached]')
    page.click('[data-action="example"]')
    check_prop_result(page, _example("proportionaliteit"))
    ctx.close()
    assert rec.foreign() == [] and rec.console_errors == [], (rec.foreign(), rec.console_errors)
