"""Brainstormsessie: gather the answers, say which are still open and where the guidance goes next."""

from __future__ import annotations

from .models import ASSIGNMENT_KIND_LABELS, STAGE_LABELS, Answer, BrainstormInput, BrainstormResult, NextStep
from ..proportionality.models import CONTRACT_TYPE_LABELS

SOURCE_FORMAT = "Handreiking, bijlage III"
# The answers of the format in its order: (field, the question as this site asks it).
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("description", "Omschrijving van de opdracht en de leveranciers"),
    ("labour_component", "Het arbeidsdeel van de opdracht"),
    ("who", "Wie hebben we nodig, en willen zij meedoen?"),
    ("possibilities", "Welke kansen zijn er voor meer banen?"),
    ("needs", "Wat hebben we nodig, en hoe komen we eraan?"),
    ("approach", "Hoe gaan we het doen? Volgende stappen"),
    ("results", "Welke resultaten willen we, en past dat bij ons beleid?"),
)


def _next_steps(inp: BrainstormInput) -> tuple[str | None, list[NextStep]]:
    kind = inp.assignment_kind
    steps: list[NextStep] = []
    route: str | None = None
    if kind in ("bestaand_met_sr", "bestaand_zonder_sr"):
        route = "2B"
        steps.append(NextStep(code="route_2b", page="stappen/stap-2b/", source="Handreiking, stap 2B",
                              message="Een lopend contract: ga verder met stap 2B en verken samen met de opdrachtnemer "
                                      "wat er kan."))
        steps.append(NextStep(code="contractselectie", page="hulpmiddelen/contractselectie/", source="Rekenhulp contractselectie",
                              message="Vergelijk dit contract met je andere contracten in de rekenhulp contractselectie."))
    elif kind in ("nieuw_kort", "nieuw_lang"):
        route = "2A"
        steps.append(NextStep(code="route_2a", page="stappen/stap-2a/", source="Handreiking, stap 2A",
                              message="Een nieuwe aanbesteding: ga verder met stap 2A."))
        steps.append(NextStep(code="proportionaliteit", page="hulpmiddelen/proportionaliteit/", source="Rekenhulp proportionaliteit",
                              message="Kijk met de rekenhulp proportionaliteit of social return bij deze opdracht past, en "
                                      "hoeveel."))
    steps.append(NextStep(code="actieplan", page="hulpmiddelen/actieplan/", source="Hulpmiddel actieplan",
                          message="Zet de volgende stappen als acties, met een eigenaar en een einddatum, in het actieplan."))
    return route, steps


def compute(inp: BrainstormInput) -> BrainstormResult:
    # A text of only spaces or control characters is no answer (Python's strip is wider than pydantic's).
    answers = [Answer(field=f, question=q, text=(getattr(inp, f) or "").strip() or None) for f, q in QUESTIONS]
    open_questions: list[str] = []  # in the order of the format
    if inp.assignment_kind is None:
        open_questions.append("Wat voor opdracht is het?")
    elif inp.assignment_kind == "anders" and not inp.assignment_kind_other:
        open_questions.append("Wat voor opdracht is het ('Anders, namelijk')?")
    if inp.contract_type is None:
        open_questions.append("Werk, dienst of levering?")
    open_questions += [a.question for a in answers if not a.text]
    route, steps = _next_steps(inp)
    kind_label = ASSIGNMENT_KIND_LABELS[inp.assignment_kind] if inp.assignment_kind else None
    if inp.assignment_kind == "anders" and inp.assignment_kind_other:
        kind_label = f"Anders: {inp.assignment_kind_other}"
    filled = len(QUESTIONS) - sum(1 for a in answers if not a.text)
    summary = f"{inp.title}: {filled} van de {len(QUESTIONS)} vragen beantwoord"
    summary += f", stand: {STAGE_LABELS[inp.stage].lower()}." if inp.stage else "."
    return BrainstormResult(
        title=inp.title,
        assignment_kind=inp.assignment_kind, assignment_kind_label=kind_label,
        contract_type=inp.contract_type,
        contract_type_label=CONTRACT_TYPE_LABELS[inp.contract_type] if inp.contract_type else None,
        stage=inp.stage, stage_label=STAGE_LABELS[inp.stage] if inp.stage else None,
        answers=answers, open_questions=open_questions, route=route, next_steps=steps, summary=summary,
    )
