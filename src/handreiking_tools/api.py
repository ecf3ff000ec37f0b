"""The one JSON-in/JSON-out door to the calculators, used by the browser, the CLI and the tests.

``run(name, payload)`` never raises: bad input comes back as
``{"ok": False, "errors": [{"field": "<dotted path>", "message": "<Dutch>"}]}``.
"""

from __future__ import annotations

import importlib
import math
from dataclasses import dataclass
from typing import Any, Callable

from pydantic import BaseModel, ValidationError

from .errors import translate


@dataclass(frozen=True)
class Calculator:
    name: str
    title: str
    input_model: type[BaseModel]
    compute: Callable[[Any], BaseModel]


NAMES = ("proportionaliteit", "contractselectie", "quotum")
_MODULES = {"proportionaliteit": "proportionality", "contractselectie": "shortlist", "quotum": "quota"}


def _load(name: str) -> Calculator:
    # Imported on demand, one module per calculator, so a fault in one calculator module
    # shows up as that calculator's error and leaves the others working.
    module = importlib.import_module(f".{_MODULES[name]}", __package__)
    return module.CALCULATOR


def calculator(name: str) -> Calculator:
    """The calculator called ``name``; KeyError with a Dutch message if there is none."""
    if name not in _MODULES:
        raise KeyError(f"Onbekende rekenhulp '{name}'. Kies uit: {', '.join(NAMES)}.")
    try:
        return _load(name)
    except Exception as exc:  # noqa: BLE001 - reported as a Dutch error by run()
        raise KeyError(f"De rekenhulp '{name}' is nu niet beschikbaar ({type(exc).__name__}).") from exc


def _error(field: str, message: str) -> dict[str, Any]:
    return {"ok": False, "errors": [{"field": field, "message": message}]}


def run(name: str, payload: Any) -> dict[str, Any]:
    """Validate ``payload`` for calculator ``name``, compute, and return a JSON-ready dict."""
    try:
        calc = calculator(name) if isinstance(name, str) else None
    except KeyError as exc:
        return _error("", exc.args[0])
    if calc is None:
        return _error("", f"Onbekende rekenhulp. Kies uit: {', '.join(NAMES)}.")
    if not isinstance(payload, dict):
        return _error("", "De invoer moet een groep velden zijn (een JSON-object).")
    try:
        inp = calc.input_model.model_validate(payload)
    except ValidationError as exc:
        return {"ok": False, "errors": translate(exc)}
    try:
        result = calc.compute(inp)
    except ValidationError as exc:  # a rule found the combination of inputs invalid
        return {"ok": False, "errors": translate(exc)}
    except Exception as exc:  # noqa: BLE001 - the door never raises; the fault is reported, not hidden
        return _error("", f"Er ging iets mis bij het rekenen ({type(exc).__name__}). Meld dit aan de beheerder van de site.")
    out = {"ok": True, "calculator": name, **result.model_dump(mode="json")}
    bad = _not_finite(out)
    if bad is not None:  # a result is never NaN or Infinity (that is no JSON, and no answer either)
        return _error("", f"Deze invoer geeft een uitkomst die geen gewoon getal is ({bad}). Controleer de getallen "
                      "in de invoer en in het beleidsprofiel.")
    return out


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


def schema(name: str) -> dict[str, Any]:
    """JSON schema of the input of calculator ``name`` (Dutch titles and descriptions)."""
    return calculator(name).input_model.model_json_schema()
