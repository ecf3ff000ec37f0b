"""The typed input fields every tool shares, and the base models of input, result and reference data.

Input as a person types it: numbers and dates are read the Dutch way (numbers.py) before pydantic
checks type and bounds, so api.run takes "1.234.000,50" or "01-03-2026" as typed. Validators raise
Dutch messages (see errors.py); pydantic's English never reaches a user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, JsonValue, ValidationError
from pydantic_core import PydanticCustomError

from .errors import translate
from .numbers import ReadError, Unit, parse_date, parse_number


class InputModel(BaseModel):
    """Base of every calculator input: unknown fields are an error, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


@dataclass(frozen=True)
class ReadAs:
    """Marks a field read by numbers.py, and as what: api.run shows each value back as it read it, and the
    form writes a value it puts into the field (from a file or the example) the same way."""

    unit: str  # eur | pct | count | int | date

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        """The field's JSON schema with ``"x-unit"``: the site's forms take the unit from it (site/forms.py)."""
        out: dict[str, Any] = handler(core_schema)
        out["x-unit"] = self.unit
        return out


@dataclass(frozen=True)
class RowsOf:
    """Marks a list whose rows stay loose in the input and are validated one by one by the tool's rules
    (one bad row never rejects the list); api.run reads each row back with ``model``, and names the bad rows
    also when another field keeps the input from being computed."""

    model: type[BaseModel]
    not_a_row: str  # the message for an entry that is no group of fields

    def check(self, rows: list[Any]) -> tuple[list[tuple[int, Any]], list[dict[str, Any]]]:
        """The valid rows with their number (counted from 1), and {row, field, kind, message} per bad field."""
        valid: list[tuple[int, Any]] = []
        errors: list[dict[str, Any]] = []
        for i, raw in enumerate(rows, start=1):
            if not isinstance(raw, dict):
                errors.append({"row": i, "field": "", "kind": "invalid", "message": self.not_a_row})
                continue
            try:
                valid.append((i, self.model.model_validate(raw)))
            except ValidationError as exc:
                errors += [{"row": i, **e} for e in translate(exc)]
        return valid, errors


def _blank(value: Any) -> bool:
    return isinstance(value, str) and not value.strip(" \t\r\n\u00a0\u202f\u2009")


def _number_reader(unit: Unit, optional: bool) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if _blank(value):
            if optional:
                return None
            raise PydanticCustomError("nl_missing", "Dit veld is verplicht.")
        if not isinstance(value, str):
            return value  # a JSON number; pydantic checks it
        try:
            return parse_number(value, unit)
        except ReadError as exc:
            raise PydanticCustomError(f"nl_{exc.kind}", exc.message) from None

    return read


def _date_reader(optional: bool) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if _blank(value) or value is None:
            if optional:
                return None
            raise PydanticCustomError("nl_missing", "Dit veld is verplicht.")
        try:
            return parse_date(value)
        except ReadError as exc:
            raise PydanticCustomError(f"nl_{exc.kind}", exc.message) from None

    return read


Eur = Annotated[float, BeforeValidator(_number_reader("eur", optional=False)), ReadAs("eur")]
Count = Annotated[float, BeforeValidator(_number_reader("count", optional=False)), ReadAs("count")]
Whole = Annotated[int, BeforeValidator(_number_reader("int", optional=False)), ReadAs("int")]
OptPct = Annotated[float | None, BeforeValidator(_number_reader("pct", optional=True)), ReadAs("pct")]
OptCount = Annotated[float | None, BeforeValidator(_number_reader("count", optional=True)), ReadAs("count")]
OptWhole = Annotated[int | None, BeforeValidator(_number_reader("int", optional=True)), ReadAs("int")]
DutchDate = Annotated[date, BeforeValidator(_date_reader(optional=False)), ReadAs("date")]
OptDate = Annotated[date | None, BeforeValidator(_date_reader(optional=True)), ReadAs("date")]


def labels(choices: dict[str, str]) -> dict[str, JsonValue]:
    """The JSON-schema extra of a choice field: its Dutch label per value (the form's select shows them)."""
    return {"x-labels": dict(choices)}


class ResultModel(BaseModel):
    """Base of every calculator result."""

    model_config = ConfigDict(extra="forbid")


class DataModel(BaseModel):
    """Base of the reference data read from data/*.json: strict about unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)
