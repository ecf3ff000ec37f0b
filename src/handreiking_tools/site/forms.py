"""Render each calculator's form and worked example into HTML snippets (build time, Jinja2).

The form is derived from the calculator's pydantic input model (via its JSON schema): labels are
the field titles, help texts the descriptions, bounds become min/max/step, choices become selects,
booleans checkboxes and lists of records an editable table. So the form and the validation in the
core cannot drift apart. The worked example is computed here with the same ``api.run`` the browser
uses and drawn by the same view as the live result (tools/<tool>/view.py), so it is readable without
JavaScript and looks like the result the reader gets.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .. import api, fmt
from ..profile import SHIPPED_PROFILES, Profiles
from ..tools.shortlist import io as contracts_io

TEMPLATES = Path(__file__).parent / "templates"
# The calculator pages are hulpmiddelen/<name>/: the site root, where the links of a view start, seen from there.
CALCULATOR_PAGE_ROOT = "../../"

# The worked example of each calculator: one realistic input, computed at build time.
# (Inputs only; every threshold and percentage applied to them comes from the core's data.)
EXAMPLES: dict[str, dict[str, Any]] = {
    "proportionaliteit": {
        "contract_value_eur": 1200000,
        "duration_months": 36,
        "contract_type": "dienst",
        "category": "schoonmaak",
    },
    "contractselectie": {
        "reference_date": "2026-01-01",
        "contracts": [
            {"name": "Schoonmaak kantoren", "supplier": "Schoon BV", "category": "schoonmaak", "annual_value_eur": 850000,
             "start_date": "2024-01-01", "end_date": "2028-12-31", "extension_possible": True, "has_sroi_clause": False},
            {"name": "Bedrijfsrestaurant", "supplier": "Smaak BV", "category": "catering", "annual_value_eur": 420000,
             "start_date": "2023-04-01", "end_date": "2027-03-31", "extension_possible": True, "has_sroi_clause": True},
            {"name": "Groenonderhoud terreinen", "supplier": "Groen & Co", "category": "groenvoorziening", "annual_value_eur": 150000,
             "start_date": "2025-01-01", "end_date": "2029-12-31", "extension_possible": False, "has_sroi_clause": False},
            {"name": "Beveiliging hoofdgebouw", "supplier": "Waakzaam BV", "category": "beveiliging", "annual_value_eur": 300000,
             "start_date": "2022-01-01", "end_date": "2026-03-31", "extension_possible": False, "has_sroi_clause": False},
            {"name": "Kantoorartikelen", "supplier": "Papier & Pen BV", "category": "leveringen", "annual_value_eur": 600000,
             "start_date": "2024-06-01", "end_date": "2027-05-31", "extension_possible": True, "has_sroi_clause": False},
        ],
    },
    "quotum": {
        "formal_jobs": 120,
        "inleen_jobs": 15,
        "target_jobs": 200,
        "history": [
            {"year": 2023, "realised_jobs": 95, "target_jobs": 190},
            {"year": 2024, "realised_jobs": 110, "target_jobs": 195},
            {"year": 2025, "realised_jobs": 124, "target_jobs": 198},
        ],
        "sroi_jobs": 6,
    },
    # The working tools' examples: an invented organisation, no names from the sources.
    "actieplan": {
        "title": "Actieplan partnerships 2027",
        "objective": "In twee jaar tien extra banen voor de banenafspraak, samen met twee opdrachtnemers.",
        "policy_decision": "De directie geeft de werkgroep een jaar de ruimte om een proeftuin te starten in een lopend "
                           "contract, met een klein budget voor begeleiding.",
        "decision_date": "2027-01-15",
        "reference_date": "2027-04-01",
        "members": [
            {"name": "Fenna de Wit", "role": "project_coordinator", "department": "HR"},
            {"name": "Omar Bakker", "role": "procurement_expert", "department": "Inkoop"},
            {"name": "Lotte Verhoef", "role": "contract_manager", "department": "Facilitair"},
        ],
        "actions": [
            {"project": "Proeftuin schoonmaak", "action": "Gesprek met de schoonmaakleverancier plannen",
             "owner": "Lotte Verhoef", "deadline": "2027-03-15", "status": "klaar"},
            {"project": "Proeftuin schoonmaak", "action": "Werkplekken in kaart brengen", "owner": "Fenna de Wit",
             "deadline": "2027-03-31", "status": "bezig"},
            {"project": "Aanbesteding catering", "action": "Marktconsultatie voorbereiden", "deadline": "2027-06-30"},
        ],
        "meetings": [{"meeting": "Werkgroep", "frequency": "elke twee weken", "participants": "alle leden",
                      "next_date": "2027-04-08"}],
        "partners": [{"kind": "wsp", "name": "Werkgeversservicepunt van de regio",
                      "purpose": "kandidaten voordragen en begeleiden"}],
    },
    "brainstorm": {
        "title": "Schoonmaak kantoren",
        "description": "Dagelijkse schoonmaak van drie kantoorpanden. Leverancier: Schoon BV.",
        "assignment_kind": "bestaand_zonder_sr",
        "contract_type": "dienst",
        "labour_component": "Ongeveer twintig schoonmakers, bijna allemaal uitvoerend werk, vooral in de vroege ochtend.",
        "who": "De contractmanager, HR en de leverancier. De leverancier heeft al ervaring met sw-medewerkers; we "
               "schatten de kans dat hij meedoet hoog in.",
        "possibilities": "Twee of drie vaste plekken in een schoonmaakploeg, met een vaste begeleider.",
        "needs": "Een vaste begeleider en ruimte in de planning. Navragen bij het werkgeversservicepunt.",
        "approach": "Gesprek met de leverancier in maart; daarna een proeftuin van een halfjaar.",
        "stage": "potentie",
    },
    "mijn-rol": {"role": "category_manager"},
    "leveren": {
        "percentage_pct": 5,
        "base_amount_eur": 1200000,
        "base": "opdrachtwaarde",
        "duration_months": 36,
        "candidates": [
            {"group": "banenafspraak", "hours_per_week": 25.5, "months": 12},
            {"group": "participatiewet", "hours_per_week": 32, "months": 12, "bonuses": 1},
            {"group": "jongere", "hours_per_week": 20, "months": 6},
        ],
    },
    "monitoring": {
        "obligation_eur": 60000,
        "contract_start": "2025-01-01",
        "contract_end": "2027-12-31",
        "report_date": "2026-12-31",
        "placements": [
            {"year": 2025, "period": "jaar", "code": "P01", "group": "banenafspraak", "hours": 1250, "costs_eur": 19000},
            {"year": 2025, "period": "h2", "code": "P02", "group": "participatiewet", "hours": 640, "costs_eur": 8000},
            {"year": 2026, "period": "jaar", "code": "P01", "group": "banenafspraak", "hours": 1331, "costs_eur": 20500},
            {"year": 2026, "period": "h1", "code": "P03", "group": "jongere", "hours": 400, "costs_eur": 3500},
        ],
        "purchases": [{"year": 2026, "description": "Catering bij een sociale onderneming", "amount_eur": 4000}],
    },
}

# Profiles offered in the proportionaliteit form when the model does not list them itself.
PROFILE_LABELS = {"handreiking": "Handreiking (standaard)", "rijksoverheid": "Rijksoverheid (standaard social return)"}
TRISTATE_LABELS = (("", "Automatisch (volgt uit de categorie)"), ("true", "Ja"), ("false", "Nee"))


@dataclass
class FormField:
    """One control of a form, as the templates need it."""

    name: str
    title: str
    description: str
    kind: str  # number | integer | text | textarea | date | select | checkbox | tristate | rows
    unit: str | None = None  # how the core reads it (fields.ReadAs: eur | pct | count | int | date), if it does
    required: bool = False
    default: Any = None
    minimum: float | None = None
    maximum: float | None = None
    step: str | None = None
    options: list[tuple[str, str]] = field(default_factory=list)
    columns: list[FormField] = field(default_factory=list)
    max_items: int | None = None

    @property
    def default_text(self) -> str:
        if self.default is None or self.kind in ("rows", "checkbox"):
            return ""
        if isinstance(self.default, bool):
            return "true" if self.default else "false"
        return str(self.default)


def _humanise(value: str) -> str:
    text = str(value).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _category_labels() -> dict[str, str]:
    """Dutch labels of the contract categories, when the core's data gives them."""
    try:
        from ..data import load_json

        raw = load_json("categories")
    except Exception:  # noqa: BLE001 - labels are a nicety; fall back to the humanised value
        return {}
    items = raw.get("categories", raw) if isinstance(raw, dict) else raw
    out: dict[str, str] = {}
    if isinstance(items, dict):
        items = [{"id": k, **(v if isinstance(v, dict) else {"label": v})} for k, v in items.items()]
    for item in items or []:
        if not isinstance(item, dict):
            continue
        key = item.get("id") or item.get("key") or item.get("code") or item.get("name")
        label = item.get("label") or item.get("title") or item.get("name_nl") or item.get("naam")
        if key and label:
            out[str(key)] = str(label)
    return out


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref:
        target = schema["$defs"][ref.rsplit("/", 1)[-1]]
        merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return _resolve(schema, merged)
    return node


def _unwrap_optional(schema: dict[str, Any], node: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """anyOf [X, null] -> (X merged with the outer title/description/default, True)."""
    variants = node.get("anyOf")
    if not variants:
        return _resolve(schema, node), False
    non_null = [v for v in variants if v.get("type") != "null"]
    nullable = len(non_null) < len(variants)
    base = _resolve(schema, non_null[0]) if len(non_null) == 1 else {"type": "string"}
    outer = {k: v for k, v in node.items() if k != "anyOf"}
    return {**base, **outer}, nullable


def _choice_labels(name: str, node: dict[str, Any]) -> dict[str, str]:
    labels = dict(node.get("labels") or node.get("x-labels") or {})
    if name == "category":
        labels = {**_category_labels(), **labels}
    if name == "profile":
        labels = {**PROFILE_LABELS, **labels}
    return labels


def _field(schema: dict[str, Any], name: str, raw: dict[str, Any], required: bool) -> FormField:
    node, nullable = _unwrap_optional(schema, raw)
    title = node.get("title") or _humanise(name)
    desc = node.get("description") or ""
    default = node.get("default")
    f = FormField(name=name, title=title, description=desc, kind="text", required=required and not nullable, default=default,
                  unit=node.get("x-unit"))
    values = node.get("enum") or ([node["const"]] if "const" in node else None)
    typ = node.get("type")
    if values is None and name == "profile" and typ == "string":
        values = list(node.get("x-labels") or PROFILE_LABELS)  # includes a registered own profile
    if values is not None:
        labels = _choice_labels(name, node)
        f.kind = "select"
        f.options = [(str(v), labels.get(str(v), _humanise(str(v)))) for v in values]
        return f
    if typ == "boolean":
        f.kind = "tristate" if nullable and default is None else "checkbox"
        if f.kind == "tristate":
            f.options = list(TRISTATE_LABELS)
        return f
    if typ in ("integer", "number"):
        f.kind = typ
        lo = node.get("minimum", node.get("exclusiveMinimum"))
        hi = node.get("maximum", node.get("exclusiveMaximum"))
        f.minimum, f.maximum = lo, hi
        f.step = "1" if typ == "integer" else "any"
        return f
    if typ == "string" and node.get("format") == "date":
        f.kind = "date"
        return f
    if typ == "string" and node.get("x-widget") == "textarea":
        f.kind = "textarea"  # a long answer in the model's own words (json_schema_extra {"x-widget": "textarea"})
        return f
    if typ == "array":
        items = _resolve(schema, node.get("items", {}))
        if items.get("type") == "object" or "properties" in items:
            f.kind = "rows"
            req = set(items.get("required", []))
            f.columns = [_field(schema, k, v, k in req) for k, v in items.get("properties", {}).items()]
            f.max_items = node.get("maxItems")
            return f
    return f


def form_fields(name: str, profiles: Profiles = SHIPPED_PROFILES) -> list[FormField]:
    """The controls of calculator ``name``, in the order of its input model."""
    schema = api.schema(name, profiles)
    req = set(schema.get("required", []))
    return [_field(schema, k, v, k in req) for k, v in schema.get("properties", {}).items()]


# ---------------------------------------------------------------------------
# Jinja2 environment with Dutch notation filters
# ---------------------------------------------------------------------------


def _date_nl(value: Any) -> str:
    if not value:
        return ""
    try:
        return date.fromisoformat(str(value)).strftime("%d-%m-%Y")
    except ValueError:
        return str(value)


def _value_nl(value: Any, f: FormField | None = None) -> str:
    """An input value as a reader would write it."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if value is None or value == "":
        return "—"
    if f is not None and f.kind == "select":
        return dict(f.options).get(str(value), str(value))
    if f is not None and f.kind == "date":
        return _date_nl(value)
    if isinstance(value, (int, float)):
        if f is not None and f.unit == "eur":
            return fmt.eur(value)
        if f is not None and f.unit == "pct":
            return fmt.pct(value)
        return fmt.number(value, 0 if float(value).is_integer() else 2)
    return str(value)


def _num(value: Any, decimals: int = 0) -> str:
    return "—" if value is None else fmt.number(value, decimals)


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        pct=lambda v, d=1: "—" if v is None else fmt.pct(v, d),
        num=_num,
        date_nl=_date_nl,
        value_nl=_value_nl,
        tojson_attr=lambda v: json.dumps(v, ensure_ascii=False),
        humanise=_humanise,
    )
    return env


def _compact(html: str) -> str:
    """No blank lines: Python-Markdown then keeps the snippet as one raw HTML block."""
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"


def _write_if_changed(path: Path, text: str) -> None:
    # Unchanged files keep their timestamp, so `mkdocs serve` does not rebuild for nothing.
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def render_forms(out_dir: Path, profiles: Profiles = SHIPPED_PROFILES) -> list[Path]:
    """Write form-<name>.html and example-<name>.html for every calculator; return the paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    env = environment()
    written: list[Path] = []
    for name in api.NAMES:
        calc = api.calculator(name)
        fields = form_fields(name, profiles)
        by_name = {f.name: f for f in fields}
        example_input = EXAMPLES[name]
        result = api.run(name, example_input, profiles)
        if not result.get("ok"):
            # Loud, but the page still builds: a calculator being reworked must not stop the site.
            # tests/browser/test_browser_calculators.py fails while any example is missing.
            print(
                f"WAARSCHUWING: het rekenvoorbeeld van '{name}' geeft geen uitkomst "
                f"(werk EXAMPLES in site/forms.py bij): {result.get('errors')}",
                file=sys.stderr,
            )
        ctx = {
            "name": name,
            "title": calc.title,
            "fields": fields,
            "by_name": by_name,
            "example_input": example_input,
            "example_json": json.dumps(example_input, ensure_ascii=False),  # autoescaped into an attribute
            "result": result,
            # The largest import file the core reads: the browser refuses a larger one before reading it.
            "max_import_bytes": contracts_io.MAX_FILE_BYTES,
            "max_import_label": fmt.exact(contracts_io.MAX_FILE_BYTES / 1_000_000) + " MB",
        }
        path = out_dir / f"form-{name}.html"
        _write_if_changed(path, _compact(env.get_template(f"form-{name}.html.j2").render(**ctx)))
        written.append(path)
        # The worked example: its input, then the result drawn by the tool's own view (the one the browser shows).
        path = out_dir / f"example-{name}.html"
        if result.get("ok"):
            html = env.get_template("example.html.j2").render(
                **ctx, view=Markup(api.render(name, result, CALCULATOR_PAGE_ROOT).html))
        else:
            html = '<p class="hr-example-missing">Het rekenvoorbeeld is nu niet beschikbaar.</p>'
        _write_if_changed(path, _compact(html))
        written.append(path)
    # The ministries of Table 1 of the 2022 letter, as a reference beside the Quotum calculator.
    from ..data import load_json

    table = load_json("quota_letter_2022")["table_1"]
    path = out_dir / "example-quotum-tabel-1.html"
    _write_if_changed(path, _compact(env.get_template("example-quotum-tabel-1.html.j2").render(t=table)))
    written.append(path)
    return written
