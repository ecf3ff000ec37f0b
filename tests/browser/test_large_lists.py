"""Large lists stay usable (issue 15): 2.000 contracts (the accepted maximum) imported through the file
input, 300 contracts saved in this browser loaded again, and typing in a 2.000-row table.

Before the rows were built in one pass, 400 imported rows took 100 s, 2.000 never finished and 300 saved
rows took 46 s to load. Then 2.000 rows took 31 s to reach the screen and each key typed in them 7 to 31 s
to show, because the browser laid out and painted all 18.000 controls on every change. Now a long table
draws only the rows near the view (calc-rows.js, content-visibility) and every figure is measured in the
page itself. The limits below are generous for a busy 2-core machine and still fail on the old code; the
measured values are printed (pytest -s) for the record. Every expected figure comes from ``api.run`` in
CPython on the same rows."""

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
from handreiking_tools.tools.shortlist.view import TABLE_ROWS

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

pytest.importorskip("playwright.sync_api", reason="playwright is installed by make setup")
pytestmark = pytest.mark.browser

# Generous for a busy 2-core machine (the core alone needs about 1,4 s for 2.000 contracts in CPython and
# several times that in Pyodide); rows in the table and the page's own work are measured on their own.
IMPORT_LIMIT_S = 300
# From choosing the file until the 2.000 rows are drawn, measured in the page (the CSV read by Python in the
# worker, the rows made, the first frame drawn). Issue 15 asks for 2 s; on an idle machine it is about that,
# with three other test runs on the same 2 cores 5 to 8 s (before: 31 s). The bound catches the old behaviour
# without failing on a loaded machine.
ROWS_LIMIT_S = 20
LOAD_LIMIT_S = 30  # before: 46 s
TYPING_LIMIT_S = 20  # 11 keys, 150 ms apart: 1,65 s of typing
# Per key, from keydown until the next frame is drawn with the character in the cell (before: 7 to 31 s).
KEY_MEDIAN_LIMIT_MS = 1000
KEY_MAX_LIMIT_MS = 3000
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


# In the page: the time from the file's "change" event until the rows are in the table and the frame
# after that is drawn (a task after requestAnimationFrame runs once the frame is done).
WATCH_ROWS = """n => {
  const t = window.__rows = {};
  document.addEventListener('change', (e) => { if (e.target.matches('[data-upload]')) t.change = performance.now(); }, true);
  const body = document.querySelector('[data-rows-body]');
  new MutationObserver((_, obs) => {
    if (body.querySelectorAll('tr[data-row]').length < n) return;
    obs.disconnect();
    t.inTable = performance.now();
    requestAnimationFrame(() => setTimeout(() => { t.drawn = performance.now(); }, 0));
  }).observe(body, {childList: true});
}"""


def import_2000(page: Any, tmp_path: Path) -> tuple[str, float]:
    """Choose a 2.000-row CSV in the file input; returns the CSV and the seconds, measured in the page, from
    the file's change event until the rows were drawn."""
    csv = csv_rows(2000)
    path = tmp_path / "contracten.csv"
    path.write_text(csv, encoding="utf-8")
    page.locator("#f-reference_date").press_sequentially("01-03-2026")
    page.evaluate(WATCH_ROWS, 2000)
    page.set_input_files("[data-upload]", str(path))
    page.wait_for_function("() => window.__rows.drawn", timeout=IMPORT_LIMIT_S * 1000, polling=250)
    t = page.evaluate("() => window.__rows")
    print(f"2.000 rows: in the table after {(t['inTable'] - t['change']) / 1000:.2f} s, drawn after {(t['drawn'] - t['change']) / 1000:.2f} s")
    return csv, (t["drawn"] - t["change"]) / 1000


def wait_imported(page: Any) -> None:
    page.wait_for_function("() => document.querySelector('[data-import-note]').textContent.startsWith('2000 regels ingelezen')",
                           timeout=IMPORT_LIMIT_S * 1000, polling=500)


# The rows in view after scrolling: what is drawn at points down the middle of the screen, and whether the
# header's columns line up with the row's cells.
IN_VIEW = """() => {
  const table = document.querySelector('.hr-rows-table');
  const wrap = table.closest('.hr-table-wrap').getBoundingClientRect();
  const heads = [...table.tHead.rows[0].cells].map((th) => Math.round(th.getBoundingClientRect().left));
  const body = table.tBodies[0].getBoundingClientRect();
  const out = [];
  for (let y = Math.max(100, body.top + 5); y < Math.min(innerHeight - 100, body.bottom - 5); y += 40) {
    const el = document.elementFromPoint(wrap.left + 60, y);
    const tr = el && el.closest('tr[data-row]');
    if (!tr) { out.push({y, hit: el ? el.tagName + '.' + el.className : null}); continue; }
    const input = tr.querySelector('[name=name]');
    out.push({y, row: Number(tr.dataset.index), height: Math.round(tr.getBoundingClientRect().height),
              value: input.value, lefts: [...tr.cells].map((td) => Math.round(td.getBoundingClientRect().left))});
  }
  return {heads, rows: out};
}"""


def check_drawn_around(page: Any, row: int, removed: int = 10**6) -> None:
    """Scrolled to `row`, every point down the screen is a drawn row of the table, with its own values and
    its cells under the header's columns: no blank gap. Row index `removed` was taken out."""
    page.locator(f"#f-contracts-{row}-name").evaluate("el => el.scrollIntoView({block: 'center'})")
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    seen = page.evaluate(IN_VIEW)
    rows = [p for p in seen["rows"] if "row" in p]
    assert len(rows) >= 5 and len(rows) == len(seen["rows"]), seen["rows"]
    for p in rows:
        assert p["value"] == f"Contract {p['row'] + (2 if p['row'] >= removed else 1)}", p
        assert p["height"] > 10, p
        assert p["lefts"] == seen["heads"], (p, seen["heads"])


def test_2000_rows_import_and_render(context: Any, site_url: str, tmp_path: Path) -> None:
    page = open_ready(context, site_url)
    started = time.monotonic()
    csv, drawn = import_2000(page, tmp_path)
    assert drawn < ROWS_LIMIT_S, f"2.000 rows took {drawn:.1f} s to be drawn"
    wait_imported(page)
    want = expected(csv, "01-03-2026")
    # The ranking table shows the most promising TABLE_ROWS and says where all 2.000 are.
    page.wait_for_function("n => document.querySelectorAll('[data-result-body] tr[data-rank]').length === n", arg=TABLE_ROWS)
    took = time.monotonic() - started
    assert "Alle 2.000 staan in de ranglijst" in page.inner_text('[data-result-body] [data-key="table-more"]')
    assert page.locator('[data-result-body] tr[data-rank] [data-key="name"]').all_inner_texts() == [
        c["name"] for c in want["ranking"][:TABLE_ROWS]]
    print(f"2.000 rows: imported and the result drawn in {took:.2f} s")
    assert took < IMPORT_LIMIT_S, f"2.000 rows took {took:.1f} s"
    check_rows(page, 2000)
    best = [c["name"] for c in want["ranking"] if c["name"] in want["top"] and c["route"] == "2B"][:len(want["top"])]
    assert top_names(page) == best
    # Drawn as a long table, and wherever the reader scrolls to, the rows are there.
    assert page.evaluate("() => document.querySelector('.hr-rows-table').classList.contains('hr-rows-long')")
    for row in (0, 999, 1999):
        check_drawn_around(page, row)
    check_titles_on_first_row(page)


def check_titles_on_first_row(page: Any) -> None:
    """The long table's column titles sit on the line just above row 1, with no empty band in between, and
    do not look sortable: Material draws a pointer and a sort icon (which took room, and in a narrow column
    an extra line) on every th with role="columnheader", which the long table gives its titles."""
    got = page.evaluate("""() => {
      const table = document.querySelector('.hr-rows-table');
      const first = table.tBodies[0].rows[0].getBoundingClientRect().top;
      // (The last column's title is for screen readers only.)
      return [...table.tHead.rows[0].cells].filter((th) => th.textContent.trim() && !th.querySelector('.hr-sr-only')).map((th) => {
        const text = document.createRange();
        text.selectNodeContents(th);
        const style = getComputedStyle(th);
        return { title: th.textContent.trim(), gap: first - text.getBoundingClientRect().bottom,
                 cursor: style.cursor, icon: getComputedStyle(th, '::after').content };
      });
    }""")
    assert got, "the long table has column titles"
    for title in got:
        # Between a title's last line and row 1: the cell's padding and a border, not another line.
        assert 0 <= title["gap"] < 12, title
        assert title["cursor"] != "pointer" and title["icon"] in ("none", "normal"), title


def test_typing_in_2000_rows_stays_responsive(context: Any, site_url: str, tmp_path: Path) -> None:
    page = open_ready(context, site_url)
    csv, _ = import_2000(page, tmp_path)
    wait_imported(page)
    cell = page.locator("#f-contracts-1500-annual_value_eur")
    cell.click()
    cell.press("Control+A")
    cell.press("Delete")
    # Per key, in the page: keydown -> the input event (the character is in the cell) -> the next frame drawn.
    page.evaluate("""() => { const keys = window.__keys = []; const cell = document.activeElement;
      cell.addEventListener('keydown', () => { const k = {t0: performance.now()}; keys.push(k);
        cell.addEventListener('input', () => { k.input = performance.now() - k.t0;
          requestAnimationFrame(() => setTimeout(() => { k.drawn = performance.now() - k.t0; }, 0)); }, {once: true}); }); }""")
    typed = "€ 9.876.543"
    started = time.monotonic()
    cell.press_sequentially(typed, delay=150, timeout=TYPING_LIMIT_S * 1000)
    assert time.monotonic() - started < TYPING_LIMIT_S
    # Playwright types "€" as inserted text, without a keydown: the other ten keys are timed.
    page.wait_for_function("t => document.activeElement.value === t && window.__keys.length >= t.length - 1 "
                           "&& window.__keys.every((k) => k.drawn !== undefined)", arg=typed, timeout=TYPING_LIMIT_S * 1000)
    keys = page.evaluate("() => window.__keys.map((k) => [Math.round(k.input), Math.round(k.drawn)])")
    drawn = sorted(k[1] for k in keys)
    print(f"typing in row 1.501 of 2.000, per key [to the character, to the frame drawn] in ms: {keys}")
    assert drawn[len(drawn) // 2] < KEY_MEDIAN_LIMIT_MS and drawn[-1] < KEY_MAX_LIMIT_MS, keys
    assert cell.input_value() == typed  # every key landed in the cell
    changed = expected(csv, "01-03-2026", {1500: {"annual_value_eur": 9876543}})
    # Row 1.501 moves up into the part of the ranking the page shows (place 27), so its new score is seen there.
    place, row = next((i, c) for i, c in enumerate(changed["ranking"], start=1) if c["name"] == "Contract 1501")
    assert place <= TABLE_ROWS, place
    page.wait_for_function(
        """([name, score]) => [...document.querySelectorAll('[data-result-body] tr[data-rank]')].some((tr) =>
             tr.querySelector('[data-key=name]').textContent === name && tr.querySelector('[data-key=score]').textContent.trim() === score)""",
        arg=["Contract 1501", _score(row["score"])], timeout=IMPORT_LIMIT_S * 1000, polling=500)


def test_2000_rows_by_keyboard_axe_and_screens(context: Any, site_url: str, tmp_path: Path) -> None:
    """The long table by keyboard alone: Tab from cell to cell and from row to row deep in the table,
    remove a row with Enter (the focus moves to the next row, the rows below are numbered again); axe finds
    nothing serious on the form; screenshots at 1366x768 and 390x844 to look at."""
    page = open_ready(context, site_url)
    page.set_viewport_size({"width": 1366, "height": 768})
    import_2000(page, tmp_path)
    wait_imported(page)
    focused = "() => [document.activeElement.id, document.activeElement.getAttribute('aria-label')]"
    page.locator("#f-contracts-1200-labour_intensive").focus()
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == ["", "Verwijder regel 1201"]
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == ["f-contracts-1201-name", "Naam van het contract, regel 1202"]
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == ["f-contracts-1201-supplier", "Leverancier, regel 1202"]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # "Verwijder regel 1201"
    page.wait_for_function("() => document.querySelectorAll('[data-rows-body] tr[data-row]').length === 1999")
    assert page.evaluate(focused) == ["f-contracts-1200-name", "Naam van het contract, regel 1201"]
    assert page.input_value("#f-contracts-1200-name") == "Contract 1202"
    assert page.input_value("#f-contracts-1998-name") == "Contract 2000"
    assert page.get_attribute("#f-contracts-1998-name", "aria-label") == "Naam van het contract, regel 1999"
    check_drawn_around(page, 1200, removed=1200)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "contractselectie-2000-rows-1366.png"))
    page.add_script_tag(path=str(AXE))
    # The rules a long table could break (names, roles, table structure), on the header and the rows around
    # the one removed: axe on all 18.000 controls runs for many minutes. Colours are those of the short table,
    # which axe checks on every page.
    result = page.evaluate("""async () => await axe.run({include: [['.hr-rows-table thead'],
        ...[0, 1, 1199, 1200, 1201, 1998].map((i) => [`[data-rows-body] tr[data-index="${i}"]`])]}, {resultTypes: ['violations'],
      runOnly: {type: 'rule', values: ['label', 'select-name', 'button-name', 'aria-allowed-role', 'aria-required-children',
        'aria-required-parent', 'nested-interactive', 'duplicate-id-aria']}})""")
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    page.set_viewport_size({"width": 390, "height": 844})
    check_drawn_around(page, 1500, removed=1200)
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.screenshot(path=str(SHOTS / "contractselectie-2000-rows-390.png"))


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
    page.wait_for_function("n => document.querySelectorAll('[data-result-body] tr[data-rank]').length === n", arg=min(300, TABLE_ROWS))
    took = time.monotonic() - started
    print(f"300 saved rows: loaded and drawn in {took:.2f} s")
    assert took < LOAD_LIMIT_S, f"300 saved rows took {took:.1f} s"
    check_rows(page, 300)
    want = expected(csv, "01-03-2026")
    assert top_names(page) == [c["name"] for c in want["ranking"] if c["name"] in want["top"] and c["route"] == "2B"][:len(want["top"])]
