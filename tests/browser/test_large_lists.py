"""Large lists stay usable (issue 15): 2.000 contracts (the accepted maximum) imported through the file
input, 300 contracts saved in this browser loaded again, and typing in a 2.000-row table.

Before the rows were built in one pass, 400 imported rows took 100 s, 2.000 never finished and 300 saved
rows took 46 s to load. The limits below are generous for a busy 2-core machine and still fail on that.
Every expected figure comes from ``api.run`` in CPython on the same rows."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import ENGINE_TIMEOUT, Recorder

from handreiking_tools import api
from handreiking_tools.tools.shortlist import io as contracts_io

pytest.importorskip("playwright.sync_api", reason="playwright is installed by make setup")
pytestmark = pytest.mark.browser

# Generous for a busy 2-core machine (the core alone needs about 1,4 s for 2.000 contracts in CPython and
# several times that in Pyodide); rows in the table and the page's own work are measured on their own.
IMPORT_LIMIT_S = 300
ROWS_LIMIT_S = 90  # from choosing the file until all 2.000 rows are in the table (before: never)
LOAD_LIMIT_S = 30  # before: 46 s
TYPING_LIMIT_S = 20  # 11 keys, 150 ms apart: 1,65 s of typing
CATEGORIES = ("schoonmaak", "catering", "beveiliging", "groenvoorziening", "leveringen", "ict")
ENGINE = 'globalThis[Symbol.for("handreiking-tools.engine")]'


def csv_rows(n: int) -> str:
    """``n`` contracts as a Dutch Excel CSV, with the column titles the table shows."""
    lines = ["Naam van het contract;Leverancier;Categorie;Jaarwaarde (€);Startdatum;Einddatum;Verlenging mogelijk"]
    for i in range(1, n + 1):
        value = f"€ {(i * 7919) % 900_000 + 10_000:,}".replace(",", ".")
        end = f"{(i % 28) + 1:02d}-{(i % 12) + 1:02d}-{2026 + i % 5}"
        lines.append(f"Contract {i};Leverancier {i % 37};{CATEGORIES[i % len(CATEGORIES)]};{value};01-01-2024;{end};{'ja' if i % 3 else 'nee'}")
    return "\r\n".join(lines) + "\r\n"


def expected(csv: str, reference_date: str, changes: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
    contracts, errors = contracts_io.parse_contracts(csv.encode("utf-8"), "contracten.csv")
    assert errors == []
    for i, change in (changes or {}).items():
        contracts[i] = {**contracts[i], **change}
    out = api.run("contractselectie", {"reference_date": reference_date, "contracts": contracts})
    assert out["ok"] and not out["row_errors"]
    return out


@pytest.fixture()
def context(browser: Any, site_url: str) -> Iterator[Any]:
    ctx = browser.new_context(locale="nl-NL", viewport={"width": 1366, "height": 900})
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    rec = Recorder(ctx, site_url.rstrip("/"))
    yield ctx
    ctx.close()
    assert rec.foreign() == [] and rec.console_errors == [], (rec.foreign(), rec.console_errors)


def open_ready(ctx: Any, site_url: str) -> Any:
    page = ctx.new_page()
    page.goto(f"{site_url}hulpmiddelen/contractselectie/")
    page.wait_for_selector('.hr-calc[data-calculator="contractselectie"][data-attached]')
    page.wait_for_function(f"() => {ENGINE}?.status.state === 'ready'")
    return page


def top_names(page: Any) -> list[str]:
    return page.locator('[data-result-body] .hr-top-card [data-key="top-name"]').all_inner_texts()


def check_rows(page: Any, n: int) -> None:
    """Every row numbered once and right: number, ids and labels follow its place."""
    rows = page.evaluate("""() => [...document.querySelectorAll('[data-rows-body] tr[data-row]')].map((tr) => [
        tr.querySelector('[data-rownum]').textContent, tr.dataset.index,
        tr.querySelector('[name=annual_value_eur]').id, tr.querySelector('[name=annual_value_eur]').getAttribute('aria-label')])""")
    assert len(rows) == n
    for i in (0, 1, n // 2, n - 1):
        assert rows[i] == [str(i + 1), str(i), f"f-contracts-{i}-annual_value_eur", f"Jaarwaarde (€), regel {i + 1}"], rows[i]
    assert len({r[2] for r in rows}) == n


def import_2000(page: Any, tmp_path: Path) -> tuple[str, float]:
    """Choose a 2.000-row CSV in the file input; returns the CSV and the seconds until its rows were in the table."""
    csv = csv_rows(2000)
    path = tmp_path / "contracten.csv"
    path.write_text(csv, encoding="utf-8")
    page.locator("#f-reference_date").press_sequentially("01-03-2026")
    started = time.monotonic()
    page.set_input_files("[data-upload]", str(path))
    page.wait_for_function("() => document.querySelectorAll('[data-rows-body] tr[data-row]').length === 2000",
                           timeout=ROWS_LIMIT_S * 1000, polling=100)
    return csv, time.monotonic() - started


def test_2000_rows_import_and_render(context: Any, site_url: str, tmp_path: Path) -> None:
    page = open_ready(context, site_url)
    started = time.monotonic()
    csv, in_table = import_2000(page, tmp_path)
    print(f"2.000 rows: in the table after {in_table:.2f} s")
    assert in_table < ROWS_LIMIT_S, f"2.000 rows took {in_table:.1f} s to reach the table"
    page.wait_for_function("() => document.querySelector('[data-import-note]').textContent.startsWith('2000 regels ingelezen')",
                           timeout=IMPORT_LIMIT_S * 1000)
    want = expected(csv, "01-03-2026")
    page.wait_for_function("n => document.querySelectorAll('[data-result-body] tr[data-rank]').length === n", arg=2000)
    took = time.monotonic() - started
    print(f"2.000 rows: imported and the result drawn in {took:.2f} s")
    assert took < IMPORT_LIMIT_S, f"2.000 rows took {took:.1f} s"
    check_rows(page, 2000)
    best = [c["name"] for c in want["ranking"] if c["name"] in want["top"] and c["route"] == "2B"][:len(want["top"])]
    assert top_names(page) == best


@pytest.mark.xfail(strict=True, reason="issue 15, not done: in a table of 2.000 rows (18.000 live form controls) each key "
                   "waits for the browser's layout of the whole table (8-20 s per layout on the busy 2-core test machine); "
                   "a table that draws only the rows in view is the next step. Strict: this fails the suite once it passes.")
def test_typing_in_2000_rows_stays_responsive(context: Any, site_url: str, tmp_path: Path) -> None:
    page = open_ready(context, site_url)
    csv, _ = import_2000(page, tmp_path)
    page.wait_for_function("() => document.querySelector('[data-import-note]').textContent.startsWith('2000 regels ingelezen')",
                           timeout=IMPORT_LIMIT_S * 1000)
    cell = page.locator("#f-contracts-1499-annual_value_eur")
    cell.click()
    cell.press("Control+A")
    cell.press("Delete")
    typed = "€ 9.876.543"
    started = time.monotonic()
    cell.press_sequentially(typed, delay=150, timeout=TYPING_LIMIT_S * 1000)
    assert time.monotonic() - started < TYPING_LIMIT_S
    assert cell.input_value() == typed  # every key landed in the cell
    changed = expected(csv, "01-03-2026", {1499: {"annual_value_eur": 9876543}})
    row = next(c for c in changed["ranking"] if c["name"] == "Contract 1500")
    page.wait_for_function(
        """([name, score]) => [...document.querySelectorAll('[data-result-body] tr[data-rank]')].some((tr) =>
             tr.querySelector('[data-key=name]').textContent === name && tr.querySelector('[data-key=score]').textContent.trim() === score)""",
        arg=["Contract 1500", _score(row["score"])], timeout=IMPORT_LIMIT_S * 1000)


def _score(score: float) -> str:
    from handreiking_tools import fmt

    return fmt.number(score)


def test_300_saved_rows_load_quickly(context: Any, site_url: str) -> None:
    csv = csv_rows(300)
    contracts, _ = contracts_io.parse_contracts(csv.encode("utf-8"), "contracten.csv")
    # As the form saves them: the text in each control (a number with a decimal comma, as controlText writes it).
    texts = [{k: ("true" if v is True else "false" if v is False else str(v).replace(".", ",")) for k, v in c.items() if v is not None}
             for c in contracts]
    saved = {"scalars": {"reference_date": "01-03-2026"}, "rows": {"contracts": texts}}
    page = open_ready(context, site_url)
    page.evaluate("s => localStorage.setItem('handreiking:contractselectie', s)", json.dumps(saved))
    started = time.monotonic()
    page.reload()
    page.wait_for_function("n => document.querySelectorAll('[data-result-body] tr[data-rank]').length === n", arg=300)
    took = time.monotonic() - started
    print(f"300 saved rows: loaded and drawn in {took:.2f} s")
    assert took < LOAD_LIMIT_S, f"300 saved rows took {took:.1f} s"
    check_rows(page, 300)
    want = expected(csv, "01-03-2026")
    assert top_names(page) == [c["name"] for c in want["ranking"] if c["name"] in want["top"] and c["route"] == "2B"][:len(want["top"])]
