"""The one JSON-in/JSON-out door to the calculators, used by the browser, the CLI and the tests.

``run(name, payload)`` never raises. Fields may hold text as a person typed it ("1.234.000,50",
"72,5%", "01-03-2026"); the core reads it the Dutch way (numbers.py). Bad input comes back as
``{"ok": False, "errors": [{"field": "<dotted path>", "kind": "<kind>", "message": "<Dutch>"}], "read": {...}}``;
a result carries ``read`` (each typed number or date as the core read it, e.g. "€ 1.234.000,50")
and ``used`` (the inputs the result rests on, as label and Dutch text).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any, get_args

from annotated_types import MaxLen
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from . import tools
from .errors import translate
from .fields import ReadAs, RowsOf
from .fmt import date_long, date_nl
from .numbers import ReadError, parse_date, parse_number, read_text
from .profile import SHIPPED_PROFILES, ProfiledInput, Profiles
from .tools import Tool
from .view import View

# Every tool, calculators and working tools alike (tools.PACKAGES holds the list).
NAMES: tuple[str, ...] = tools.NAMES


def calculator(name: str) -> Tool:
    """The tool called ``name``; KeyError with a Dutch message if there is none.

    Each tool is imported on first use (tools.load), so a fault in one tool shows up as that
    tool's error and leaves the others working.
    """
    if name not in tools.PACKAGES:
        raise KeyError(f"Onbekende rekenhulp '{name}'. Kies uit: {', '.join(NAMES)}.")
    try:
        return tools.load(name)
    except Exception as exc:
        raise KeyError(f"De rekenhulp '{name}' is nu niet beschikbaar ({type(exc).__name__}).") from exc


def warm_up(examples: Mapping[str, Any] | None = None) -> None:
    """Import every tool now (and so build its pydantic models), not on the reader's first input.

    The browser worker calls this once at start-up, and the build-time Pyodide snapshot
    (site/snapshot.mjs) calls it before it saves the interpreter's memory, so a restored worker
    finds it done. A broken tool is skipped here: it reports itself through run(), in Dutch.

    ``examples`` (tool name -> input; the snapshot passes each calculator's worked example) are run and
    drawn once as well: a tool's first answer reads and checks its data files (thresholds, sources,
    roles) and compiles its patterns, work a snapshot can hold but a normal start would only move.
    """
    for name in NAMES:
        try:
            calculator(name)
        except KeyError:
            pass
    # The contract import (the worker's "parse"): its modules imported and its lookup tables made, so the
    # first file a reader chooses is read at once (in a restored browser worker it cost as much as the read).
    from .tools.shortlist import io as contracts_io

    contracts_io.parse_contracts(b"Naam;Categorie;Jaarwaarde\r\nA;schoonmaak;1\r\n", "warm-up.csv")
    for name, payload in (examples or {}).items():
        run_and_render(name, payload)


def _error(field: str, kind: str, message: str) -> dict[str, Any]:
    return {"ok": False, "errors": [{"field": field, "kind": kind, "message": message}]}


def run(name: str, payload: Any, profiles: Profiles | None = None) -> dict[str, Any]:
    """Validate ``payload`` for tool ``name``, compute, and return a JSON-ready dict.

    ``profiles``: the policy profiles of the site (its own one is the default); the shipped ones if None.
    """
    try:
        calc = calculator(name) if isinstance(name, str) else None
    except KeyError as exc:
        return _error("", "unknown_calculator", exc.args[0])
    if calc is None:
        return _error("", "unknown_calculator", f"Onbekende rekenhulp. Kies uit: {', '.join(NAMES)}.")
    if not isinstance(payload, dict):
        return _error("", "not_an_object", "De invoer moet een groep velden zijn (een JSON-object).")
    read = read_back(calc.input_model, payload)
    try:
        inp = calc.input_model.model_validate(payload, context={"profiles": profiles or SHIPPED_PROFILES})
    except ValidationError as exc:
        # Rows that rules check one by one (RowsOf) are named now too: a reader who imports a list before the
        # Peildatum sees the bad rows marked at once, not only once the date is there.
        rows = _row_errors(calc.input_model, payload)
        return {"ok": False, "errors": translate(exc), "read": read, **({"row_errors": rows} if rows else {})}
    try:
        result = calc.compute(inp)
    except ValidationError as exc:  # a rule found the combination of inputs invalid
        return {"ok": False, "errors": translate(exc), "read": read}
    except Exception as exc:  # noqa: BLE001 - the door never raises; the fault is reported, not hidden
        return _error("", "internal", f"Er ging iets mis bij het rekenen ({type(exc).__name__}). Meld dit aan de beheerder van de site.")
    out = {"ok": True, "calculator": name, **result.model_dump(mode="json"), "read": read, "used": used_inputs(inp)}
    bad = None if _all_finite(out) else _not_finite(out)  # the common case without building paths
    if bad is not None:  # a result is never NaN or Infinity (that is no JSON, and no answer either)
        return _error("", "not_finite", f"Deze invoer geeft een uitkomst die geen gewoon getal is ({bad}). Controleer de getallen "
                      "in de invoer en in het beleidsprofiel.")
    return out


def render(name: str, result: dict[str, Any], root: str = "../../") -> View:
    """The result of ``run(name, ...)`` drawn by the tool's view: html, plain text and a short line.

    ``root`` is the site root as seen from the page (a relative path at build time, the absolute URL
    in the browser); the links to the pages that explain a reason start from it.
    """
    tool = calculator(name)
    if tool.render is None:
        raise KeyError(f"De rekenhulp '{name}' heeft geen weergave.")
    return tool.render(result, root)


def run_and_render(name: str, payload: Any, profiles: Profiles | None = None, root: str = "../../") -> dict[str, Any]:
    """``run`` plus, for a result, its ``view`` ({html, text, short}): the browser's one round trip."""
    out = run(name, payload, profiles)
    if out.get("ok"):
        try:
            out["view"] = render(name, out, root).as_dict()
        except Exception as exc:  # noqa: BLE001 - the door never raises; a broken view is reported, not hidden
            return _error("", "internal", f"Er ging iets mis bij het tonen van de uitkomst ({type(exc).__name__}). "
                          "Meld dit aan de beheerder van de site.")
    return out


def _all_finite(value: Any) -> bool:
    """Whether a JSON-ready value holds no NaN or infinite number (the common case, checked without
    building a path for each of the ~130.000 values of a long contract list)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(map(_all_finite, value.values()))
    if isinstance(value, list):
        return all(map(_all_finite, value))
    return True


def _not_finite(value: Any, path: str = "") -> str | None:
    """The dotted path of the first NaN or infinite number in a JSON-ready value, or None."""
    if isinstance(value, float):
        return None if math.isfinite(value) else (path or "uitkomst")
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = _not_finite(item, f"{path}.{key}" if path else str(key))
        if found is not None:
            return found
    return None


def schema(name: str, profiles: Profiles | None = None) -> dict[str, Any]:
    """JSON schema of the input of tool ``name`` (Dutch titles and descriptions), its ``profile`` field
    listing the usable ``profiles`` (the shipped ones if None) with the site's default."""
    out = calculator(name).input_model.model_json_schema()
    field = out.get("properties", {}).get("profile")
    if field is not None:
        field.update((profiles or SHIPPED_PROFILES).schema_extra())
    return out


# --------------------------------------------------------------------------- what was read


def unit_of(info: FieldInfo) -> str | None:
    """eur | pct | count | int | date for a field read by numbers.py (fields.ReadAs), else None."""
    for meta in info.metadata:
        if isinstance(meta, ReadAs):
            return meta.unit
    return None


def _row_model(info: FieldInfo) -> type[BaseModel] | None:
    """The model of one row of a list field: from its type, or from its fields.RowsOf mark (rows that
    compute validates one by one)."""
    for arg in get_args(info.annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return next((m.model for m in info.metadata if isinstance(m, RowsOf)), None)


def _row_errors(model: type[BaseModel], payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The errors of the rows of each RowsOf list in ``payload``, as compute would give them; none for a list
    longer than its field allows (that list is refused whole, and is not read row by row)."""
    out: list[dict[str, Any]] = []
    for name, info in model.model_fields.items():
        mark = next((m for m in info.metadata if isinstance(m, RowsOf)), None)
        value = payload.get(name)
        limit = next((m.max_length for m in info.metadata if isinstance(m, MaxLen)), None)
        if mark is not None and isinstance(value, list) and (limit is None or len(value) <= limit):
            out += mark.check(value)[1]
    return out


def _read_one(value: Any, unit: str) -> str | None:
    if value is None or isinstance(value, bool) or (isinstance(value, str) and not value.strip()):
        return None
    try:
        if unit == "date":
            return date_long(parse_date(value))
        return read_text(parse_number(value, unit), unit)  # type: ignore[arg-type]
    except (ReadError, ValueError, OverflowError, ArithmeticError):
        return None


def read_back(model: type[BaseModel], payload: dict[str, Any]) -> dict[str, str]:
    """Every number or date in ``payload`` that the core can read, as it reads it: {'field': '€ 1.234.000,50'}.

    Rows give 'contracts.0.annual_value_eur'. Fields that cannot be read are left out (their error says why).
    """
    out: dict[str, str] = {}
    for name, info in model.model_fields.items():
        value = payload.get(name)
        unit = unit_of(info)
        if unit:
            text = _read_one(value, unit)
            if text is not None:
                out[name] = text
            continue
        rows = _row_model(info)
        if rows is not None and isinstance(value, list):
            for i, row in enumerate(value[:2000]):
                if isinstance(row, dict):
                    for key, text in read_back(rows, row).items():
                        out[f"{name}.{i}.{key}"] = text
    return out


def _text(value: Any, unit: str | None, info: FieldInfo) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, date):
        return date_nl(value)
    if unit in ("eur", "pct", "count", "int") and isinstance(value, (int, float)):
        return read_text(value, unit)  # type: ignore[arg-type]
    extra = info.json_schema_extra
    labels: dict[str, str] = {}
    if isinstance(extra, dict):
        labels = dict(extra.get("x-labels") or {})  # type: ignore[arg-type]
    elif callable(extra):
        schema: dict[str, Any] = {}
        try:
            extra(schema)
        except Exception:  # noqa: BLE001 - labels are a nicety; the value itself is shown instead
            schema = {}
        labels = dict(schema.get("x-labels") or {})
    if isinstance(value, dict):
        return str(value.get("label") or value.get("name") or "eigen regels")
    return labels.get(str(value), str(value))


def used_inputs(inp: BaseModel) -> list[dict[str, str]]:
    """The inputs a result rests on, in form order: [{'field', 'label', 'text'}], Dutch notation.

    A misreading is visible at a glance: the reader sees '€ 1.234.000' where they typed '1.234.000'.
    """
    out: list[dict[str, str]] = []
    for name, info in type(inp).model_fields.items():
        value = getattr(inp, name)
        if value is None:
            continue
        label = info.title or name
        if name == "profile" and isinstance(inp, ProfiledInput):
            out.append({"field": name, "label": label, "text": inp.policy.label})
            continue
        if isinstance(value, list):
            if value:
                out.append({"field": name, "label": label, "text": f"{len(value)} {'regel' if len(value) == 1 else 'regels'}"})
            continue
        out.append({"field": name, "label": label, "text": _text(value, unit_of(info), info)})
    return out
