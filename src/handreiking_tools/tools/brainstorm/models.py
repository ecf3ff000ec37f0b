"""Input and result of the Brainstormsessie (Bijlage III): the format filled in for one tender or contract."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic.json_schema import JsonDict
from pydantic_core import PydanticCustomError

from ...fields import InputModel, ResultModel, labels
from ..proportionality.models import CONTRACT_TYPE_LABELS, ContractType

LONG_TEXT = 4000  # characters in one answer: a page of text
TEXTAREA: JsonDict = {"x-widget": "textarea"}

AssignmentKind = Literal["bestaand_met_sr", "bestaand_zonder_sr", "nieuw_kort", "nieuw_lang", "anders"]
ASSIGNMENT_KIND_LABELS: dict[str, str] = {
    "bestaand_met_sr": "Bestaand contract met social return",
    "bestaand_zonder_sr": "Bestaand contract zonder social return",
    "nieuw_kort": "Nieuwe aanbesteding, minder dan 4 maanden voor de uitvraag",
    "nieuw_lang": "Nieuwe aanbesteding, meer dan 4 maanden voor de uitvraag",
    "anders": "Anders",
}
Stage = Literal["in_beeld", "potentie", "vervolg"]
STAGE_LABELS: dict[str, str] = {"in_beeld": "In beeld", "potentie": "Potentie", "vervolg": "Vervolg"}


def _long(title: str, description: str) -> object:
    return Field(default=None, max_length=LONG_TEXT, title=title, description=description, json_schema_extra=TEXTAREA)


class BrainstormInput(InputModel):
    """The questions of the format, in the order of Bijlage III."""

    title: str = Field(min_length=1, max_length=200, title="Titel van de aanbesteding of het contract",
                       description="De naam waaronder iedereen de opdracht kent.")
    description: str | None = _long(  # type: ignore[assignment]
        "Omschrijving van de opdracht en de leveranciers",
        "Waar gaat de opdracht over? Noem de leveranciers als je ze al kent.")
    assignment_kind: AssignmentKind | None = Field(
        default=None, title="Deze opdracht is een",
        description="Loopt er al een contract, of komt er een nieuwe aanbesteding? En hoe lang is het nog tot de uitvraag?",
        json_schema_extra=labels(ASSIGNMENT_KIND_LABELS))
    assignment_kind_other: str | None = Field(
        default=None, max_length=200, title="Anders, namelijk",
        description="Alleen als je hierboven 'Anders' kiest: wat voor opdracht is het?")
    contract_type: ContractType | None = Field(
        default=None, title="Werk, dienst of levering?", description="Het soort opdracht.",
        json_schema_extra=labels(CONTRACT_TYPE_LABELS))
    labour_component: str | None = _long(  # type: ignore[assignment]
        "Het arbeidsdeel van de opdracht",
        "Welk werk zit er in de opdracht, hoeveel mensen doen het en welk deel is uitvoerend werk?")
    who: str | None = _long(  # type: ignore[assignment]
        "Wie hebben we nodig?",
        "Wie hebben jullie nodig, binnen en buiten de organisatie? En hoe groot is de kans dat zij willen meedoen?")
    possibilities: str | None = _long(  # type: ignore[assignment]
        "Welke kansen zijn er?",
        "Welke mogelijkheden zien jullie om meer banen voor de banenafspraak te maken?")
    needs: str | None = _long(  # type: ignore[assignment]
        "Wat hebben we nodig?", "Wat is er nodig om die kansen te benutten, en hoe komen jullie daaraan?")
    approach: str | None = _long(  # type: ignore[assignment]
        "Hoe gaan we het doen?", "Hoe pakken jullie het aan? Wat zijn de volgende stappen, wie doet wat en wanneer?")
    results: str | None = _long(  # type: ignore[assignment]
        "Welke resultaten willen we?", "Wat willen jullie bereiken, en hoe past dat bij de doelen van jullie beleid?")
    stage: Stage | None = Field(
        default=None, title="Stand",
        description="Het format eindigt met drie woorden: in beeld, potentie en vervolg. Kies hoe ver jullie zijn.",
        json_schema_extra=labels(STAGE_LABELS))

    @field_validator("assignment_kind_other")
    @classmethod
    def _other(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value and info.data.get("assignment_kind") not in (None, "anders"):
            raise PydanticCustomError("nl_conflict", "Je vulde 'Anders, namelijk' in, maar koos een andere soort "
                                      "opdracht. Kies 'Anders' of maak dit veld leeg.")
        return value or None


class Answer(ResultModel):
    field: str
    question: str
    text: str | None


class NextStep(ResultModel):
    code: str
    message: str
    page: str
    source: str


class BrainstormResult(ResultModel):
    title: str
    assignment_kind: str | None
    assignment_kind_label: str | None
    contract_type: str | None
    contract_type_label: str | None
    stage: str | None
    stage_label: str | None
    answers: list[Answer]
    open_questions: list[str]
    route: Literal["2A", "2B"] | None
    next_steps: list[NextStep]
    summary: str
