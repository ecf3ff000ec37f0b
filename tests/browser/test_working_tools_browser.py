"""Actieplan, Brainstormsessie and Mijn rol in Chromium, as a working group uses them: filled in by keyboard,
exported as JSON, Markdown and CSV, read back in a week later, checked with axe, and nothing requested from
another host."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import ENGINE_TIMEOUT, Recorder

from handreiking_tools import api
from handreiking_tools.site import forms

pytest.importorskip("playwright.sync_api", reason="playwright is installed by make setup")
pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "test-results"


@pytest.fixture
def context(browser: Any, site_url: str) -> Iterator[Any]:
    ctx = browser.new_context(locale="nl-NL", viewport={"width": 1366, "height": 900}, accept_downloads=True)
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    rec = Recorder(ctx, site_url.rstrip("/"))
    yield ctx
    ctx.close()
    assert rec.foreign() == [], rec.foreign()
    assert rec.console_errors == [], rec.console_errors


def open_tool(context: Any, site_url: str, name: str, tail: str = "") -> Any:
    page = context.new_page()
    page.goto(f"{site_url}hulpmiddelen/{name}/{tail}")
    page.wait_for_selector(f'.hr-calc[data-calculator="{name}"][data-attached]')
    page.wait_for_function("() => /^Klaar/.test(document.querySelector('[data-status]').textContent)")
    return page


def type_into(page: Any, selector: str, text: str) -> None:
    field = page.locator(selector)
    field.click()
    field.press("Control+A")
    field.press("Delete")
    field.press_sequentially(text, delay=2)


def summary(page: Any) -> str:
    return page.locator("[data-result-body] [data-key=summary]").first.inner_text().strip()


def wait_summary(page: Any, text: str) -> None:
    page.wait_for_function(
        "t => document.querySelector('[data-result-body] [data-key=summary]')?.textContent.trim() === t", arg=text)


def add_row(page: Any, field: str) -> None:
    page.locator(f'[data-rows="{field}"] [data-action="add-row"]').press("Enter")


def download(page: Any, action: str) -> Path:
    with page.expect_download() as info:
        page.locator(f'[data-action="{action}"]').first.click()
    return Path(info.value.path())


def form_state(page: Any, name: str) -> dict[str, Any]:
    return page.evaluate(f"() => document.querySelector('.hr-calc[data-calculator=\"{name}\"]').hrCalculator.rawState()")


def without_view(result: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in result.items() if k != "view"}


def export_reset_import(page: Any, name: str, tmp_path: Path) -> dict[str, Any]:
    """Download JSON, wipe the form, read the file back in: the form and the result are as before."""
    before_state = form_state(page, name)
    before_summary = summary(page)
    data = json.loads(download(page, "download-json").read_text(encoding="utf-8"))
    assert data["rekenhulp"] == name
    assert without_view(data["uitkomst"]) == api.run(name, data["invoer"])
    saved = tmp_path / f"{name}.json"
    saved.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    page.locator('[data-action="reset"]').click()
    page.wait_for_function("() => document.querySelector('[data-result]').hidden")
    page.locator("[data-import-json]").set_input_files(str(saved))
    wait_summary(page, before_summary)
    page.wait_for_function("() => /is ingelezen/.test(document.querySelector('[data-import-json-note]').textContent)")
    assert form_state(page, name) == before_state
    return data


def axe_serious(page: Any) -> list[Any]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_actieplan_by_keyboard_export_and_continue_a_week_later(context: Any, site_url: str, tmp_path: Path) -> None:
    page = open_tool(context, site_url, "actieplan")
    type_into(page, "#f-title", "Actieplan banen 2027")
    type_into(page, "#f-objective", "Acht extra banen in twee jaar.\nSamen met twee opdrachtnemers.")
    type_into(page, "#f-policy_decision", "De directie steunt een proeftuin.")
    type_into(page, "#f-reference_date", "01-04-2027")
    type_into(page, "#f-members-0-name", "Iris Jansen")
    page.select_option("#f-members-0-role", "category_manager")
    add_row(page, "members")
    type_into(page, "#f-members-1-name", "Ruben Smit")
    page.select_option("#f-members-1-role", "project_coordinator")
    type_into(page, "#f-actions-0-project", "Proeftuin groen")
    type_into(page, "#f-actions-0-action", "Werkplekken in kaart brengen")
    type_into(page, "#f-actions-0-deadline", "31-03-2027")  # one day before the reference date: past
    add_row(page, "actions")
    type_into(page, "#f-actions-1-action", "Gesprek met de leverancier")
    type_into(page, "#f-actions-1-owner", "Ruben Smit")
    type_into(page, "#f-actions-1-deadline", "01-04-2027")  # on the reference date: not yet past
    type_into(page, "#f-partners-0-purpose", "kandidaten voordragen")
    page.select_option("#f-partners-0-kind", "uwv")
    expected = api.run("actieplan", {
        "title": "Actieplan banen 2027", "objective": "Acht extra banen in twee jaar.\nSamen met twee opdrachtnemers.",
        "policy_decision": "De directie steunt een proeftuin.", "reference_date": "01-04-2027",
        "members": [{"name": "Iris Jansen", "role": "category_manager"}, {"name": "Ruben Smit", "role": "project_coordinator"}],
        "actions": [{"project": "Proeftuin groen", "action": "Werkplekken in kaart brengen", "deadline": "31-03-2027", "status": "open"},
                    {"action": "Gesprek met de leverancier", "owner": "Ruben Smit", "deadline": "01-04-2027", "status": "open"}],
        "partners": [{"kind": "uwv", "purpose": "kandidaten voordragen"}]})
    assert expected["ok"]
    wait_summary(page, expected["summary"])
    body = page.locator("[data-result-body]")
    codes = body.locator('[data-list="warnings"] li').evaluate_all("els => els.map(e => e.dataset.code + ':' + e.dataset.field)")
    assert codes == ["no_owner:actions.0.owner", "overdue:actions.0.deadline", "missing_meetings:meetings"]
    # Iris's role has three tasks whose place in the matrix is inferred: each is marked.
    assert body.locator('[data-member="0"] [data-inferred]').count() == 3
    # Names of people: never in the address, no share link on the page.
    assert page.evaluate("() => location.hash") == "" and page.locator("[data-share-link]").count() == 0
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "actieplan.png"), full_page=True)

    # The printout: the result with every member and their tasks, no form and no worked example.
    page.emulate_media(media="print")
    assert page.locator('[data-result-body] [data-member="1"] h4').is_visible()
    assert page.locator("[data-form]").is_hidden() and page.locator('[data-example-for="actieplan"]').is_hidden()
    page.emulate_media(media="screen")

    md = download(page, "download-md").read_text(encoding="utf-8")
    assert md.startswith("# Actieplan banen 2027\n")
    assert "| Proeftuin groen | Werkplekken in kaart brengen | geen eigenaar | 31 maart 2027 (voorbij) | Nog niet begonnen |" in md
    with page.expect_download() as info:
        page.locator('[data-action="download-rows-csv"][data-rows-field="members"]').click()
    csv = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert csv.splitlines()[1:] == ["Iris Jansen;category_manager;", "Ruben Smit;project_coordinator;"]
    export_reset_import(page, "actieplan", tmp_path)
    assert axe_serious(page) == []


def test_brainstorm_from_the_contract_ranking_link_and_back_from_json(context: Any, site_url: str, tmp_path: Path) -> None:
    # The ranking of contractselectie links to the annex; that link opens the tool with the contract's name.
    page = context.new_page()
    page.goto(f"{site_url}bijlagen/brainstormformat/#contract=Schoonmaak%20Noord")
    page.wait_for_url("**/hulpmiddelen/brainstorm/**")
    page.wait_for_selector('.hr-calc[data-calculator="brainstorm"][data-attached]')
    page.wait_for_function("() => document.querySelector('#f-title').value === 'Schoonmaak Noord'")
    page.wait_for_function("() => /^Klaar/.test(document.querySelector('[data-status]').textContent)")
    page.select_option("#f-assignment_kind", "bestaand_zonder_sr")
    page.select_option("#f-contract_type", "dienst")
    type_into(page, "#f-who", "De contractmanager en HR.\nDe leverancier wil meedoen.")
    type_into(page, "#f-possibilities", "Twee plekken in de ochtendploeg.")
    page.select_option("#f-stage", "potentie")
    wait_summary(page, "Schoonmaak Noord: 2 van de 7 vragen beantwoord, stand: potentie.")
    body = page.locator("[data-result-body]")
    assert body.locator('[data-answer="who"]').inner_html() == "<p>De contractmanager en HR.<br>De leverancier wil meedoen.</p>"
    assert body.locator('[data-list="next_steps"] li').evaluate_all("els => els.map(e => e.dataset.code)") == [
        "route_2b", "contractselectie", "actieplan"]
    md = download(page, "download-md").read_text(encoding="utf-8")
    assert md.startswith("# Brainstorm: Schoonmaak Noord\n") and "- **Stand:** Potentie" in md
    data = export_reset_import(page, "brainstorm", tmp_path)
    assert data["invoer"]["title"] == "Schoonmaak Noord"
    assert axe_serious(page) == []


def test_mijn_rol_by_keyboard_marks_inferred_cells(context: Any, site_url: str, tmp_path: Path) -> None:
    page = open_tool(context, site_url, "mijn-rol")
    page.locator("#f-role").focus()
    page.keyboard.type("Inkoop")  # the select picks the option by its first letters, as a person does
    page.locator("#f-step").focus()
    expected = api.run("mijn-rol", {"role": "procurement_expert"})
    wait_summary(page, expected["summary"])
    rows = page.locator('[data-result-body] [data-list="by_step"] tbody tr')
    assert rows.count() == 6
    assert page.locator('[data-result-body] [data-list="by_step"] tr[data-inferred]').evaluate_all(
        "els => els.map(e => e.dataset.step)") == ["2A", "4"]
    page.select_option("#f-step", "4")
    expected = api.run("mijn-rol", {"role": "procurement_expert", "step": "4"})
    wait_summary(page, expected["summary"])
    assert "mijn-rol" in page.evaluate("() => location.href") and "role=procurement_expert" in page.evaluate("() => location.hash")
    export_reset_import(page, "mijn-rol", tmp_path)
    # A file of another tool, or no JSON at all, leaves the form as it was and says why.
    state = form_state(page, "mijn-rol")
    other = tmp_path / "ander.json"
    other.write_text(json.dumps({"rekenhulp": "actieplan", "invoer": {"title": "x"}}), encoding="utf-8")
    page.locator("[data-import-json]").set_input_files(str(other))
    page.wait_for_function("() => /hoort bij \"actieplan\"/.test(document.querySelector('[data-import-json-note]').textContent)")
    broken = tmp_path / "kapot.json"
    broken.write_text("{niet af", encoding="utf-8")
    page.locator("[data-import-json]").set_input_files(str(broken))
    page.wait_for_function("() => /geen JSON-bestand/.test(document.querySelector('[data-import-json-note]').textContent)")
    assert form_state(page, "mijn-rol") == state
    assert axe_serious(page) == []


@pytest.mark.parametrize("name", ["actieplan", "brainstorm", "mijn-rol"])
def test_on_a_phone_the_page_never_scrolls_sideways(context: Any, site_url: str, name: str) -> None:
    """Long answers and long choices wrap; only the row tables scroll, inside their own box."""
    page = open_tool(context, site_url, name)
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator('[data-action="example"]').click()
    wait_summary(page, api.run(name, forms.EXAMPLES[name])["summary"])
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
