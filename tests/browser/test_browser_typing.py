"""What a person types is what the calculator uses: Dutch numbers and dates typed by keyboard and pasted,
in Chromium with an English and a Dutch locale; private links; nothing lost on import.

Every expected figure comes from ``api.run`` in CPython on the same text, and the value read is
asserted exactly, so a misreading in the browser cannot pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import pytest
from browser_support import ENGINE_TIMEOUT, Recorder, SiteHandler, key_text, serve

from handreiking_tools import api, fmt
from handreiking_tools.numbers import parse_number

pytest.importorskip("playwright.sync_api", reason="playwright is installed by make setup")
pytestmark = pytest.mark.browser

LOCALES = ("en-US", "nl-NL")


class LoggingHandler(SiteHandler):
    """The static server, keeping every request line and Referer, as a web server's access log would."""

    log: list[str] = []

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        self.log.append(f"{self.requestline} referer={self.headers.get('Referer', '')}")


@pytest.fixture(scope="module")
def logged_site(built_site: Path) -> Iterator[tuple[str, list[str]]]:
    handler = type("Logged", (LoggingHandler,), {"log": []})
    with serve(built_site, handler) as url:
        yield url, handler.log


@pytest.fixture(params=LOCALES)
def context(request: Any, browser: Any, site_url: str) -> Iterator[Any]:
    ctx = browser.new_context(locale=request.param, viewport={"width": 1366, "height": 768},
                              permissions=["clipboard-read", "clipboard-write"])
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    rec = Recorder(ctx, site_url.rstrip("/"))
    ctx.recorder = rec
    yield ctx
    ctx.close()
    assert rec.foreign() == [] and rec.console_errors == [], (rec.foreign(), rec.console_errors)


def open_calc(context: Any, url: str, name: str, tail: str = "") -> Any:
    page = context.new_page()
    context.recorder.watch(page) if hasattr(context, "recorder") else None
    page.goto(f"{url}hulpmiddelen/{name}/{tail}")
    page.wait_for_selector(f'.hr-calc[data-calculator="{name}"][data-attached]')
    return page


def type_into(page: Any, selector: str, text: str) -> None:
    """Empty a field and type ``text`` key by key, as a person does."""
    field = page.locator(selector)
    field.click()
    field.press("Control+A")
    field.press("Delete")
    field.press_sequentially(text, delay=5)


def wait_key(page: Any, key: str, text: str) -> None:
    page.wait_for_function(
        "([k, t]) => document.querySelector(`[data-result-body] [data-key=${k}]`)?.textContent.trim() === t",
        arg=[key, text])


def wait_read(page: Any, field: str, text: str) -> None:
    page.wait_for_function("([f, t]) => { const e = document.getElementById('read-' + f); return e && !e.hidden && e.textContent === t; }",
                           arg=[field, text])


def used_text(page: Any, field: str) -> str:
    return page.locator(f'[data-result-body] [data-used="{field}"]').inner_text().strip()


# --------------------------------------------------------------------------- proportionaliteit


def test_contract_value_typed_the_dutch_way(context: Any, site_url: str) -> None:
    page = open_calc(context, site_url, "proportionaliteit")
    assert page.locator("#f-contract_value_eur").get_attribute("type") == "text"
    assert page.locator("#f-contract_value_eur").get_attribute("inputmode") == "decimal"
    assert page.locator("#f-duration_months").get_attribute("inputmode") == "numeric"
    assert page.locator(".hr-calc input[type=number], .hr-calc input[type=date]").count() == 0
    page.select_option("#f-contract_type", "dienst")
    page.select_option("#f-category", "schoonmaak")
    type_into(page, "#f-duration_months", "36")
    base = {"duration_months": "36", "contract_type": "dienst", "category": "schoonmaak"}

    # 1.234.000 is read as exactly 1234000; the result is the core's for that value.
    assert parse_number("1.234.000", "eur") == 1234000
    type_into(page, "#f-contract_value_eur", "1.234.000")
    expected = api.run("proportionaliteit", {**base, "contract_value_eur": "1.234.000"})
    assert expected["ok"] and expected == {**api.run("proportionaliteit", {**base, "contract_value_eur": 1234000}),
                                           "read": expected["read"], "used": expected["used"]}
    wait_read(page, "contract_value_eur", "gelezen als € 1.234.000")
    wait_key(page, "amount_eur", fmt.eur(expected["amount_eur"]))
    assert used_text(page, "contract_value_eur") == "€ 1.234.000"
    print("1.234.000 dienst schoonmaak 36 maanden:", fmt.eur(expected["amount_eur"]))  # 61.700 with the current rules

    # With a euro sign and spaces: the same value.
    type_into(page, "#f-contract_value_eur", "€ 1.234.000")
    wait_read(page, "contract_value_eur", "gelezen als € 1.234.000")
    wait_key(page, "amount_eur", fmt.eur(expected["amount_eur"]))

    # Cents after a comma.
    type_into(page, "#f-contract_value_eur", "1.234.000,50")
    cents = api.run("proportionaliteit", {**base, "contract_value_eur": "1.234.000,50"})
    wait_read(page, "contract_value_eur", "gelezen als € 1.234.000,50")
    wait_key(page, "amount_eur", fmt.eur(cents["amount_eur"]))
    assert used_text(page, "contract_value_eur") == "€ 1.234.000,50"

    # 72,5 as labour share is 72,5%.
    type_into(page, "#f-labour_share_pct", "72,5")
    share = api.run("proportionaliteit", {**base, "contract_value_eur": "1.234.000,50", "labour_share_pct": "72,5"})
    assert share["labour_share_pct"] == 72.5
    wait_read(page, "labour_share_pct", "gelezen als 72,5%")
    wait_key(page, "labour_share_pct", "72,5%")

    # An English-looking amount is asked about at its field, never guessed.
    type_into(page, "#f-contract_value_eur", "1,234.50")
    bad = api.run("proportionaliteit", {**base, "contract_value_eur": "1,234.50"})
    err = next(e for e in bad["errors"] if e["field"] == "contract_value_eur")
    assert err["kind"] == "ambiguous_number"
    page.wait_for_function("t => document.getElementById('err-contract_value_eur')?.textContent === t", arg=err["message"])
    assert page.locator("#f-contract_value_eur").get_attribute("aria-invalid") == "true"
    assert page.locator("#read-contract_value_eur").is_hidden()


# --------------------------------------------------------------------------- quotum


def test_hired_in_jobs_with_a_comma(context: Any, site_url: str) -> None:
    page = open_calc(context, site_url, "quotum")
    type_into(page, "#f-inleen_jobs", "14,5")
    type_into(page, "#f-target_jobs", "22")
    expected = api.run("quotum", {"inleen_jobs": "14,5", "target_jobs": "22"})
    assert expected["ok"] and expected["inleen_jobs"] == 14.5 and expected["realised_jobs"] == 14.5
    wait_read(page, "inleen_jobs", "gelezen als 14,5")
    wait_key(page, "realisation_pct", expected["realisation_pct_display"])
    assert key_text(page, "realised_jobs") == f"{expected['realised_jobs_display']} banen"
    assert used_text(page, "inleen_jobs") == "14,5"


# --------------------------------------------------------------------------- contractselectie


def test_date_typed_and_rows_pasted_from_a_spreadsheet(context: Any, site_url: str) -> None:
    from handreiking_tools.tools.shortlist import io as contracts_io

    page = open_calc(context, site_url, "contractselectie")
    type_into(page, "#f-reference_date", "01-03-2026")
    wait_read(page, "reference_date", "gelezen als 1 maart 2026")
    cells = [["Naam van het contract", "Categorie", "Jaarwaarde (€)", "Einddatum"],
             ["Schoonmaak", "Schoonmaak", "€ 1.234.000,50", "31-12-2028"],
             ["Catering", "Catering", "300.000", "30-6-2027"]]
    tsv = "\n".join("\t".join(r) for r in cells)
    # Copied from Excel: on the clipboard as tab-separated text, pasted with the keyboard.
    page.evaluate("t => navigator.clipboard.writeText(t)", tsv)
    page.locator("[data-paste]").click()
    page.keyboard.press("Control+V")
    assert page.input_value("[data-paste]") == tsv
    page.click('[data-action="paste"]')
    contracts, errors = contracts_io.parse_contracts("\n".join(";".join(r) for r in cells).encode(), "geplakt.csv")
    assert errors == []
    expected = api.run("contractselectie", {"reference_date": "01-03-2026", "contracts": contracts})
    assert expected["ok"] and not expected["row_errors"]
    page.wait_for_function("n => document.querySelectorAll('[data-result-body] tr[data-rank]').length === n", arg=2)
    values = {c["name"]: c["annual_value_eur"] for c in expected["ranking"]}
    assert values == {"Schoonmaak": 1234000.5, "Catering": 300000}
    names = page.locator('[data-result-body] tr[data-rank] [data-key="name"]').all_inner_texts()
    assert names == [c["name"] for c in expected["ranking"]]
    assert page.locator("[data-rows-body] tr[data-row]").count() == 2


def test_a_bad_import_leaves_the_table_as_it_was_and_a_good_one_can_be_undone(context: Any, site_url: str, tmp_path: Path) -> None:
    page = open_calc(context, site_url, "contractselectie")
    page.click('[data-action="example"]')
    page.wait_for_function("() => document.querySelectorAll('[data-result-body] tr[data-rank]').length > 0")
    before = page.evaluate("() => [...document.querySelectorAll('[data-rows-body] [name]')].map(e => e.type === 'checkbox' ? e.checked : e.value)")
    assert len(before) > 5
    bad = tmp_path / "kapot.csv"
    bad.write_text("Iets;Anders\nx;y\n", encoding="utf-8")
    page.set_input_files("[data-upload]", str(bad))
    page.wait_for_function("() => document.querySelector('[data-import-note]').textContent.includes('niet veranderd')")
    after = page.evaluate("() => [...document.querySelectorAll('[data-rows-body] [name]')].map(e => e.type === 'checkbox' ? e.checked : e.value)")
    assert after == before

    good = tmp_path / "goed.csv"
    good.write_text("Naam van het contract;Categorie;Jaarwaarde (€)\nNieuw;Schoonmaak;€ 500.000\n", encoding="utf-8")
    page.set_input_files("[data-upload]", str(good))
    page.wait_for_function("() => document.querySelectorAll('[data-rows-body] tr[data-row]').length === 1")
    page.click('[data-action="undo"]')
    page.wait_for_function("n => document.querySelectorAll('[data-rows-body] [name]').length === n", arg=len(before))
    restored = page.evaluate("() => [...document.querySelectorAll('[data-rows-body] [name]')].map(e => e.type === 'checkbox' ? e.checked : e.value)")
    assert restored == before


def test_an_import_before_the_reference_date_marks_its_bad_rows_at_once(context: Any, site_url: str, tmp_path: Path) -> None:
    """A reader who imports first and fills in the Peildatum after: the bad row is marked and counted in the note at
    once (not only once the date is there), the date is asked for, and the row stays marked after the date."""
    page = open_calc(context, site_url, "contractselectie")
    listing = tmp_path / "contracten.csv"
    listing.write_text("Naam van het contract;Categorie;Jaarwaarde (€)\nGoed;Schoonmaak;€ 500.000\nKapot;Catering;veel\n",
                       encoding="utf-8")
    page.set_input_files("[data-upload]", str(listing))
    note = page.locator("[data-import-note]")
    page.wait_for_function("() => document.querySelector('[data-import-note]').textContent.includes('ingelezen')")
    assert "1 regel heeft een fout" in note.inner_text(), note.inner_text()
    expected = api.run("contractselectie", {"reference_date": "", "contracts": [
        {"name": "Goed", "category": "schoonmaak", "annual_value_eur": "€ 500.000"},
        {"name": "Kapot", "category": "catering", "annual_value_eur": "veel"}]})
    assert [e["field"] for e in expected["errors"]] == ["reference_date"]
    err = next(e for e in expected["row_errors"] if e["row"] == 2)
    cell_err = page.locator(f'[id="err-contracts.1.{err["field"]}"]')
    cell_err.wait_for(state="visible")
    assert cell_err.inner_text().strip() == err["message"]
    assert page.locator(f'#f-contracts-1-{err["field"]}').get_attribute("aria-invalid") == "true"
    assert page.locator("#f-reference_date").get_attribute("aria-invalid") == "true"  # the date is asked for too
    assert page.locator('tr[data-row][data-index="0"]').get_attribute("class") != "hr-row-error"

    type_into(page, "#f-reference_date", "01-03-2026")
    page.wait_for_function("() => document.querySelectorAll('[data-result-body] tr[data-rank]').length === 1")
    assert page.locator("#f-reference_date").get_attribute("aria-invalid") is None
    cell_err.wait_for(state="visible")
    assert page.locator("#f-contracts-1-annual_value_eur").input_value() == "veel"


def test_numbers_put_into_the_fields_are_written_the_dutch_way(context: Any, site_url: str, tmp_path: Path) -> None:
    """The example and a file put numbers into the fields as a reader writes them: thousands dots in amounts and
    hours, a decimal comma, cents as two digits, a year as it is (2025, not 2.025). The core reads them back to
    the same result."""
    from handreiking_tools.site.forms import EXAMPLES

    page = open_calc(context, site_url, "proportionaliteit")
    page.click('[data-action="example"]')
    expected = api.run("proportionaliteit", EXAMPLES["proportionaliteit"])
    wait_key(page, "amount_eur", fmt.eur(expected["amount_eur"]))
    assert page.locator("#f-contract_value_eur").input_value() == "1.200.000"
    assert page.locator("#f-duration_months").input_value() == "36"
    assert used_text(page, "contract_value_eur") == "€ 1.200.000"

    page = open_calc(context, site_url, "monitoring")
    page.click('[data-action="example"]')
    assert page.locator("#f-obligation_eur").input_value() == "60.000"
    first = {k: page.locator(f"#f-placements-0-{k}").input_value() for k in ("year", "hours", "costs_eur")}
    assert first == {"year": "2025", "hours": "1.250", "costs_eur": "19.000"}
    page.wait_for_function("() => document.querySelector('[data-result-body]')?.textContent.trim().length > 0")
    assert page.locator(".hr-calc [aria-invalid=true]").count() == 0

    page = open_calc(context, site_url, "contractselectie")
    listing = tmp_path / "contracten.csv"
    listing.write_text("Naam van het contract;Categorie;Jaarwaarde (€)\nGroot;Schoonmaak;€ 500.000\nKlein;Catering;1234,5\n"
                       "Precies;Groenvoorziening;€ 1.234.000,5\nCenten;Beveiliging;250000,05\n", encoding="utf-8")
    page.set_input_files("[data-upload]", str(listing))
    page.wait_for_function("() => document.querySelector('[data-import-note]').textContent.includes('ingelezen')")
    cells = [page.locator(f"#f-contracts-{i}-annual_value_eur").input_value() for i in range(4)]
    assert cells == ["500.000", "1.234,50", "1.234.000,50", "250.000,05"]
    type_into(page, "#f-reference_date", "01-03-2026")
    page.wait_for_function("() => document.querySelectorAll('[data-result-body] tr[data-rank]').length === 4")
    assert page.locator(".hr-calc [aria-invalid=true]").count() == 0


def test_the_example_on_an_untouched_form_offers_no_undo_and_on_typed_input_it_does(context: Any, site_url: str) -> None:
    # A select at its first option is not input (contractselectie has selects with a default choice).
    page = open_calc(context, site_url, "contractselectie")
    page.click('[data-action="example"]')
    page.wait_for_function("() => document.querySelectorAll('[data-result-body] tr[data-rank]').length > 0")
    assert page.locator('[data-action="undo"]').count() == 0
    page.click('[data-action="reset"]')
    type_into(page, "#f-reference_date", "01-03-2026")
    page.click('[data-action="example"]')
    page.wait_for_selector('[data-action="undo"]')


# --------------------------------------------------------------------------- private links


def test_typed_values_never_reach_the_server(browser: Any, logged_site: tuple[str, list[str]]) -> None:
    url, log = logged_site
    ctx = browser.new_context(locale="nl-NL")
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    page = open_calc(ctx, url, "contractselectie")
    type_into(page, "#f-reference_date", "01-03-2026")
    type_into(page, "#f-contracts-0-name", "Geheimcontract Zuid")
    page.select_option("#f-contracts-0-category", "schoonmaak")
    type_into(page, "#f-contracts-0-annual_value_eur", "987.654")
    type_into(page, "#f-contracts-0-end_date", "31-12-2029")
    page.wait_for_selector("[data-result-body] tr[data-rank]")
    share = page.get_attribute("[data-share-link]", "href")
    assert "?" not in share and "Geheimcontract" in unquote_plus(share.split("#", 1)[1])
    # The brainstorm link of a top contract, and the shared link, opened as a reader would.
    page.locator("[data-result-body] .hr-top-card a").first.click()
    page.wait_for_function("() => document.getElementById('f-title')?.value === 'Geheimcontract Zuid'")
    other = ctx.new_page()
    other.goto(share)
    other.wait_for_function("() => document.querySelector('#f-contracts-0-name')?.value === 'Geheimcontract Zuid'")
    other.wait_for_selector("[data-result-body] tr[data-rank]")

    # An old link with the values in the query is read once and rewritten to '#'.
    old = ctx.new_page()
    old.goto(f"{url}hulpmiddelen/proportionaliteit/?contract_value_eur=1234000&duration_months=36&contract_type=dienst&category=schoonmaak")
    old.wait_for_selector("[data-result-body] [data-key=amount_eur]")
    assert old.evaluate("() => location.search") == ""
    assert "contract_value_eur=1234000" in old.evaluate("() => location.hash")
    expected = api.run("proportionaliteit", {"contract_value_eur": "1234000", "duration_months": "36", "contract_type": "dienst", "category": "schoonmaak"})
    wait_key(old, "amount_eur", fmt.eur(expected["amount_eur"]))
    ctx.close()

    assert log, "the server logged no request"
    typed = re.compile(r"Geheim|987654|987\.654|01-03-2026|2026-03-01|reference_date|contract=", re.IGNORECASE)
    leaked = [line for line in log if typed.search(unquote_plus(line))]
    # The one old-style link above was requested by us with its query; nothing else may carry a value.
    assert leaked == [], leaked


def test_the_downloaded_table_reads_back_to_the_same_rows(context: Any, site_url: str, tmp_path: Path) -> None:
    page = open_calc(context, site_url, "contractselectie")
    page.click('[data-action="example"]')
    page.wait_for_selector("[data-result-body] tr[data-rank]")
    type_into(page, "#f-contracts-0-annual_value_eur", "1.234.000,50")
    type_into(page, "#f-contracts-1-supplier", 'Smaak; "De Kok" BV')
    cells = "() => [...document.querySelectorAll('[data-rows-body] [name]')].map(e => e.type === 'checkbox' ? e.checked : e.value)"
    before = page.evaluate(cells)
    with page.expect_download() as info:
        page.click('[data-action="download-table"]')
    path = tmp_path / "contracten.csv"
    path.write_bytes(Path(info.value.path()).read_bytes())
    page.click('[data-action="reset"]')
    assert page.evaluate(cells) != before
    page.set_input_files("[data-upload]", str(path))
    page.wait_for_function("() => document.querySelector('[data-import-note]').textContent.includes('ingelezen')")
    assert "kennen we niet" not in page.inner_text("[data-import-note]")
    after = page.evaluate(cells)
    # The same rows: every cell as it was; an amount may come back in another notation of the same value.
    assert len(after) == len(before)
    for a, b in zip(after, before, strict=True):
        if a != b:
            assert parse_number(a, "eur") == parse_number(b, "eur"), (a, b)
    assert "1.234.000,50" in after  # as typed: thousands dots, and cents as two digits
