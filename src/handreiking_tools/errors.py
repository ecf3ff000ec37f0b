"""Dutch error messages for pydantic's validation errors.

pydantic's English messages must never reach a user: every error type we can meet gets a
Dutch template here; an unknown type falls back to a generic Dutch sentence (and a test
makes sure the fallback stays rare by exercising the common types).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .fmt import number

# error type -> Dutch template; {name} is filled from the error's ctx.
MESSAGES: dict[str, str] = {
    "missing": "Dit veld is verplicht.",
    "extra_forbidden": "Dit veld kennen we niet.",
    "int_type": "Vul een heel getal in.",
    "int_parsing": "Vul een heel getal in.",
    "int_from_float": "Vul een heel getal in, zonder cijfers achter de komma.",
    "float_type": "Vul een getal in.",
    "float_parsing": "Vul een getal in.",
    "finite_number": "Vul een gewoon getal in.",
    "decimal_type": "Vul een getal in.",
    "decimal_parsing": "Vul een getal in.",
    "bool_type": "Kies ja of nee.",
    "bool_parsing": "Kies ja of nee.",
    "string_type": "Vul tekst in.",
    "string_too_short": "Vul minstens {min_length} teken(s) in.",
    "string_too_long": "Gebruik hoogstens {max_length} tekens.",
    "too_short": "Geef minstens {min_length} regel(s) op.",
    "too_long": "Geef hoogstens {max_length} regels op.",
    "list_type": "Geef een lijst op.",
    "dict_type": "Geef een groep velden op.",
    "model_type": "Geef een groep velden op.",
    "model_attributes_type": "Geef een groep velden op.",
    "greater_than": "Vul een getal in groter dan {gt}.",
    "greater_than_equal": "Vul een getal in van minstens {ge}.",
    "less_than": "Vul een getal in kleiner dan {lt}.",
    "less_than_equal": "Vul een getal in van hoogstens {le}.",
    "multiple_of": "Vul een veelvoud van {multiple_of} in.",
    "enum": "Kies een van deze mogelijkheden: {expected}.",
    "literal_error": "Kies een van deze mogelijkheden: {expected}.",
    "date_type": "Vul een datum in (dd-mm-jjjj).",
    "date_parsing": "Vul een geldige datum in (dd-mm-jjjj).",
    "date_from_datetime_parsing": "Vul een geldige datum in (dd-mm-jjjj).",
    "date_from_datetime_inexact": "Vul een datum in zonder tijd.",
    "datetime_type": "Vul een datum en tijd in.",
    "datetime_parsing": "Vul een geldige datum en tijd in.",
    "union_tag_invalid": "Kies een van deze mogelijkheden: {expected_tags}.",
    "json_invalid": "De invoer is geen geldige JSON.",
    "json_type": "De invoer is geen geldige JSON.",
}
FALLBACK = "Deze waarde klopt niet."

# error type -> machine-readable kind: the browser decides with it (e.g. not to shout "verplicht"
# at a field nobody touched yet), never with the Dutch words. Our own "nl_<kind>" errors carry
# their kind in their type.
KINDS: dict[str, str] = {
    "missing": "missing",
    "extra_forbidden": "unknown_field",
    "int_type": "not_a_number", "int_parsing": "not_a_number", "int_from_float": "not_a_whole_number",
    "float_type": "not_a_number", "float_parsing": "not_a_number", "finite_number": "not_a_number",
    "decimal_type": "not_a_number", "decimal_parsing": "not_a_number",
    "bool_type": "not_a_choice", "bool_parsing": "not_a_choice",
    "string_type": "not_text", "string_too_short": "too_short", "string_too_long": "too_long",
    "too_short": "too_few", "too_long": "too_many",
    "list_type": "not_a_list", "dict_type": "not_an_object", "model_type": "not_an_object",
    "model_attributes_type": "not_an_object",
    "greater_than": "too_small", "greater_than_equal": "too_small",
    "less_than": "too_large", "less_than_equal": "too_large", "multiple_of": "invalid",
    "enum": "not_a_choice", "literal_error": "not_a_choice", "union_tag_invalid": "not_a_choice",
    "date_type": "not_a_date", "date_parsing": "not_a_date", "date_from_datetime_parsing": "not_a_date",
    "date_from_datetime_inexact": "not_a_date", "datetime_type": "not_a_date", "datetime_parsing": "not_a_date",
    "json_invalid": "invalid", "json_type": "invalid",
}
# Older own error types whose name is not yet a kind.
NL_KINDS: dict[str, str] = {
    "nl_date_invalid": "not_a_date",
    "nl_no_realised": "missing", "nl_no_target": "missing", "nl_no_workforce": "missing", "nl_no_quota_pct": "missing",
    "nl_jobs_and_hours": "conflict", "nl_target_twice": "conflict", "nl_year_twice": "conflict",
    "nl_target_too_small": "too_small",
}


def kind_for(err: ErrorDetails) -> str:
    """The machine-readable kind of one pydantic error: missing, not_a_number, too_large, ..."""
    typ = err["type"]
    if typ.startswith("nl_"):
        return NL_KINDS.get(typ, typ.removeprefix("nl_"))
    return KINDS.get(typ, "invalid")


def _ctx_text(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (int, float)):
        return number(value, 2).rstrip("0").rstrip(",") if isinstance(value, float) else number(value)
    # pydantic quotes choices as "'a', 'b' or 'c'": make that Dutch.
    return str(value).replace("' or '", "' of '")


def message_for(err: ErrorDetails) -> str:
    """Dutch text for one pydantic error."""
    if err["type"] in ("value_error", "assertion_error"):
        # Our own validators raise ValueError with a Dutch message; pydantic prefixes it.
        msg = str(err.get("ctx", {}).get("error", err["msg"]))
        return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if err["type"].startswith("nl_"):
        # PydanticCustomError("nl_...", "<Dutch text>") carries its own Dutch message.
        return err["msg"]
    template = MESSAGES.get(err["type"], FALLBACK)
    ctx = {k: _ctx_text(v) for k, v in (err.get("ctx") or {}).items()}
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return FALLBACK


def field_path(loc: tuple[int | str, ...]) -> str:
    """('contracts', 0, 'name') -> 'contracts.0.name'; pydantic's union/function tags are dropped."""
    parts = [str(p) for p in loc if not (isinstance(p, str) and _is_tag(p))]
    return ".".join(parts)


_TYPE_TAGS = {"str", "int", "float", "bool", "bytes", "date", "datetime", "decimal", "list", "dict", "none", "tuple", "set"}


def _is_tag(part: str) -> bool:
    # pydantic names the members of a union in the location ('str', 'constrained-str', 'dict[str,any]', ...)
    return "[" in part or part.startswith(("function-", "constrained-", "lax-", "strict-")) or part in _TYPE_TAGS


def translate(exc: ValidationError) -> list[dict[str, str]]:
    """All errors of a ValidationError as [{'field': dotted path, 'kind': ..., 'message': Dutch}], one per field."""
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for err in exc.errors(include_url=False):
        path = field_path(err["loc"])
        if path in seen:
            continue  # a union yields several errors for one field; one message is enough
        seen.add(path)
        out.append({"field": path, "kind": kind_for(err), "message": message_for(err)})
    return out
