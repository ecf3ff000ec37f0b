"""The Brainstormsessie keeps every answer as typed, says what is still open and where to go next."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handreiking_tools import api
from handreiking_tools.tools.brainstorm import view
from handreiking_tools.tools.brainstorm.models import ASSIGNMENT_KIND_LABELS, BrainstormResult
from handreiking_tools.tools.brainstorm.rules import QUESTIONS

FIELDS = [f for f, _ in QUESTIONS]


def _model(out: dict) -> BrainstormResult:
    return BrainstormResult.model_validate({k: v for k, v in out.items() if k in BrainstormResult.model_fields})


def test_title_is_required():
    out = api.run("brainstorm", {})
    assert out["ok"] is False and out["errors"] == [{"field": "title", "kind": "missing", "message": "Dit veld is verplicht."}]


@pytest.mark.parametrize("kind, route, codes", [
    ("bestaand_met_sr", "2B", ["route_2b", "contractselectie", "actieplan"]),
    ("bestaand_zonder_sr", "2B", ["route_2b", "contractselectie", "actieplan"]),
    ("nieuw_kort", "2A", ["route_2a", "proportionaliteit", "actieplan"]),
    ("nieuw_lang", "2A", ["route_2a", "proportionaliteit", "actieplan"]),
    ("anders", None, ["actieplan"]),
])
def test_the_kind_of_assignment_picks_the_route(kind, route, codes):
    out = api.run("brainstorm", {"title": "Groenonderhoud", "assignment_kind": kind})
    assert out["ok"] and out["route"] == route and [s["code"] for s in out["next_steps"]] == codes
    assert out["assignment_kind_label"] == ASSIGNMENT_KIND_LABELS[kind]


def test_other_text_only_with_other():
    out = api.run("brainstorm", {"title": "X", "assignment_kind": "nieuw_lang", "assignment_kind_other": "subsidie"})
    assert out["ok"] is False and out["errors"][0]["field"] == "assignment_kind_other"
    assert out["errors"][0]["kind"] == "conflict"
    out = api.run("brainstorm", {"title": "X", "assignment_kind": "anders", "assignment_kind_other": "subsidie"})
    assert out["ok"] and out["assignment_kind_label"] == "Anders: subsidie"
    out = api.run("brainstorm", {"title": "X", "assignment_kind": "anders"})
    assert out["open_questions"][0] == "Wat voor opdracht is het ('Anders, namelijk')?"


def test_too_long_an_answer_is_refused():
    out = api.run("brainstorm", {"title": "X", "who": "a" * 4001})
    assert out["ok"] is False and out["errors"][0] == {"field": "who", "kind": "too_long",
                                                     "message": "Gebruik hoogstens 4.000 tekens."}


answer = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80) | st.none()


@given(answers=st.fixed_dictionaries({f: answer for f in FIELDS}))
@settings(max_examples=80, deadline=None)
def test_each_answer_is_either_kept_or_listed_as_open(answers):
    payload = {"title": "Catering", "assignment_kind": "nieuw_lang", "contract_type": "dienst",
               **{k: v for k, v in answers.items() if v is not None}}
    out = api.run("brainstorm", payload)
    assert out["ok"], out
    by_field = {a["field"]: a for a in out["answers"]}
    questions = dict(QUESTIONS)
    for f in FIELDS:
        typed = (answers[f] or "").strip()
        assert by_field[f]["text"] == (typed or None)
        assert (questions[f] in out["open_questions"]) == (not typed)
    filled = sum(1 for f in FIELDS if (answers[f] or "").strip())
    assert out["summary"] == f"Catering: {filled} van de {len(FIELDS)} vragen beantwoord."
    v = view.render(_model(out))
    assert v.short == out["summary"]


def test_view_escapes_what_was_typed_and_keeps_line_breaks():
    out = api.run("brainstorm", {"title": "<b>Schoonmaak</b>", "who": "HR\nInkoop & <script>", "stage": "vervolg"})
    v = view.render(_model(out))
    assert "<script>" not in v.html and "&lt;script&gt;" in v.html and "<b>Schoonmaak" not in v.html
    assert "HR<br>Inkoop &amp; &lt;script&gt;" in v.html
    assert v.text.startswith("# Brainstorm: <b>Schoonmaak</b>\n")  # Markdown text: the reader's own words
    assert "## Wie hebben we nodig, en willen zij meedoen?\n\nHR\nInkoop & <script>\n" in v.text
    assert "- **Stand:** Vervolg" in v.text
