"""Every keystroke is answered at once (issue 13): no debounce, at most one request in flight per
calculator, changes made meanwhile folded into the next request, and an older answer never drawn over a
newer one. Typed by keyboard, Dutch style; every expected state comes from ``api.run`` in CPython."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import ENGINE_TIMEOUT, Recorder

from handreiking_tools import api

pytest.importorskip("playwright.sync_api", reason="playwright is installed by make setup")
pytestmark = pytest.mark.browser

ENGINE = 'globalThis[Symbol.for("handreiking-tools.engine")]'
FIELD = "contract_value_eur"
BASE = {"duration_months": "36", "contract_type": "dienst", "category": "schoonmaak"}

# What the page shows for the amount, after every change of the result: the value the core used, or the
# message at the field. Consecutive equal states are kept once; the status region is logged beside it.
WATCH = """(field) => {
  const body = document.querySelector('[data-result-body]');
  const err = document.getElementById('err-' + field);
  const status = document.querySelector('[data-status]');
  const state = () => {
    const used = body.querySelector(`[data-used="${field}"]`);
    if (used) return 'used:' + used.textContent.trim();
    if (!err.hidden && err.textContent) return 'err:' + err.textContent.trim();
    return null;
  };
  window.__shown = [];
  window.__status = [];
  const note = () => {
    const s = state();
    if (s !== null && s !== window.__shown[window.__shown.length - 1]) window.__shown.push(s);
  };
  new MutationObserver(note).observe(body, { childList: true, subtree: true, characterData: true });
  new MutationObserver(note).observe(err, { childList: true, subtree: true, characterData: true, attributes: true });
  new MutationObserver(() => window.__status.push(status.textContent)).observe(status, { childList: true, subtree: true, characterData: true });
}"""

# Count the engine's calls and how many are on their way at once; `delay` ms (random up to it) makes
# the engine slower than the typing, so that changes must be folded together.
SLOW_ENGINE = ENGINE + """;
(() => {
  const engine = %s;
  const run = engine.run.bind(engine);
  window.__calls = 0; window.__inFlight = 0; window.__maxInFlight = 0;
  engine.run = async (name, payload) => {
    window.__calls++; window.__inFlight++;
    window.__maxInFlight = Math.max(window.__maxInFlight, window.__inFlight);
    try {
      await new Promise((r) => setTimeout(r, 20 + Math.random() * window.__delay));
      return await run(name, payload);
    } finally { window.__inFlight--; }
  };
})()"""


def expected_state(value: str) -> str | None:
    out = api.run("proportionaliteit", {**BASE, FIELD: value})
    if out["ok"]:
        return "used:" + next(u["text"] for u in out["used"] if u["field"] == FIELD)
    messages = [e["message"] for e in out["errors"] if e["field"] == FIELD]
    return "err:" + " ".join(messages) if messages else None


def collapse(states: list[str | None]) -> list[str]:
    out: list[str] = []
    for s in states:
        if s is not None and (not out or out[-1] != s):
            out.append(s)
    return out


@pytest.fixture()
def page(browser: Any, site_url: str) -> Iterator[Any]:
    ctx = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    rec = Recorder(ctx, site_url.rstrip("/"))
    p = ctx.new_page()
    rec.watch(p)
    p.goto(f"{site_url}hulpmiddelen/proportionaliteit/")
    p.wait_for_function(f"() => {ENGINE}?.status.state === 'ready'")
    p.wait_for_selector('.hr-calc[data-calculator="proportionaliteit"][data-attached]')
    p.select_option("#f-contract_type", "dienst")
    p.select_option("#f-category", "schoonmaak")
    p.locator("#f-duration_months").press_sequentially("36")
    p.wait_for_function("() => document.querySelector('[data-result-body] [data-pending], [data-result-body] [data-invalid]')")
    p.locator(f"#f-{FIELD}").click()
    p.evaluate(WATCH, FIELD)
    yield p
    ctx.close()
    assert rec.foreign() == [] and rec.console_errors == [], (rec.foreign(), rec.console_errors)


def test_the_result_follows_every_keystroke(page: Any) -> None:
    typed = "1.234.000,50"
    # A person's pace (5 keys a second): each key's own answer must be on the page before the next key.
    page.locator(f"#f-{FIELD}").press_sequentially(typed, delay=200)
    want = collapse([expected_state(typed[:i]) for i in range(1, len(typed) + 1)])
    assert len(want) >= 6, want  # the prefixes differ enough to tell a skipped answer
    page.wait_for_function("w => window.__shown[window.__shown.length - 1] === w", arg=want[-1])
    shown = page.evaluate("() => window.__shown")
    assert shown == want, "an answer was skipped or came out of order"
    assert page.input_value(f"#f-{FIELD}") == typed
    assert expected_state(typed) == "used:€ 1.234.000,50"


def test_fast_typing_never_shows_a_stale_answer(page: Any) -> None:
    page.evaluate("d => { window.__delay = d; }", 40)
    page.evaluate(SLOW_ENGINE % ENGINE)
    typed = "€ 12.345.678,90"
    page.locator(f"#f-{FIELD}").press_sequentially(typed)  # as fast as the keyboard events go
    final = expected_state(typed)
    assert final == "used:€ 12.345.678,90"
    page.wait_for_function("w => window.__shown[window.__shown.length - 1] === w", arg=final)
    page.wait_for_timeout(800)  # a late answer would land now
    shown, calls, most = page.evaluate("() => [window.__shown, window.__calls, window.__maxInFlight]")
    assert shown[-1] == final and page.input_value(f"#f-{FIELD}") == typed
    assert most == 1, f"{most} requests were on their way at once"
    assert 1 <= calls < len(typed), f"{calls} requests for {len(typed)} keys: changes were not folded together"
    # Never back to an older input: each state shown belongs to a later (or the same) prefix than the one before.
    states = [expected_state(typed[:i]) for i in range(1, len(typed) + 1)]
    at = 0
    for s in shown:
        later = [i for i in range(at, len(states)) if states[i] == s]
        assert later, f"{s!r} was shown after the answer for {typed[:at + 1]!r}: a stale answer"
        at = later[0]
    # The screen reader hears the result once, after the pause, not on every key.
    page.wait_for_function("t => document.querySelector('[data-status]').textContent.startsWith(t)", arg="Klaar. Uitkomst:")
    statuses = page.evaluate("() => window.__status")
    assert len(statuses) <= 2 and statuses[-1].startswith("Klaar. Uitkomst:"), statuses


# At every change of the result: whether it shows a result, and the status text a sighted reader sees (the
# status elements on screen: not hidden, not only for screen readers).
SEEN_STATUS = """() => {
  const body = document.querySelector('[data-result-body]');
  window.__seen = [];
  const seen = () => [...document.querySelectorAll('.hr-calc .hr-status')]
    .filter((el) => !el.hidden && !el.classList.contains('hr-sr-only') && el.getClientRects().length)
    .map((el) => el.textContent.trim()).join(' | ');
  new MutationObserver(() => window.__seen.push([!!body.querySelector('[data-key=summary]'), seen()]))
    .observe(body, { childList: true, subtree: true, characterData: true });
}"""


def test_a_mended_mistake_never_leaves_its_message_beside_the_result(page: Any) -> None:
    field = page.locator(f"#f-{FIELD}")
    field.press_sequentially("veel")
    page.wait_for_function("() => document.querySelector('[data-result-body] [data-invalid]')")
    page.wait_for_timeout(1700)  # the reader looks at the message: the status region has said it by now
    page.evaluate(SEEN_STATUS)
    field.press("Control+a")
    field.press_sequentially("€ 250.000")
    want = expected_state("€ 250.000")
    assert want == "used:€ 250.000"
    page.wait_for_function("w => window.__shown[window.__shown.length - 1] === w", arg=want)
    seen = page.evaluate("() => window.__seen")
    with_result = [text for has_result, text in seen if has_result]
    assert with_result, seen
    # What a sighted reader sees next to a result: never the message of the mistake just mended, from the
    # first moment the result is there; and one short line that does not change with the amount typed.
    assert all("Er klopt nog iets niet" not in text for text in with_result), with_result
    assert set(with_result) == {"Klaar. De uitkomst is bijgewerkt."}, with_result
    # A screen reader still hears the result once, after the pause, through the (visually hidden) status region.
    page.wait_for_function("() => document.querySelector('[data-status]').textContent.startsWith('Klaar. Uitkomst:')")
    assert page.evaluate("() => document.querySelector('[data-status]').classList.contains('hr-sr-only')")
    assert page.text_content("[data-status-line]") == "Klaar. De uitkomst is bijgewerkt."  # also after the pause
    assert page.get_attribute("[data-status-line]", "aria-hidden") == "true"
