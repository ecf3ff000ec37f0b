"""Contract lists in and out: Dutch Excel CSV, plain CSV and .xlsx in; a safe CSV of the ranking out.

Pure functions on bytes and strings (no file system), so the browser can hand over an upload.
Every data row becomes one contract, numbered from 1 like the calculator's row errors. A cell
that cannot be read is passed on unchanged as text, so the calculator reports it in Dutch at
that same row number; nothing the user gave is silently dropped.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from .fmt import number
from .numbers import ReadError, parse_number
from .models import MAX_CONTRACTS, ContractRow, categories

# Normalised column header -> field name. Headers are compared without case, accents,
# punctuation and a trailing unit such as "(€)".
HEADERS: dict[str, str] = {}
for _field, _names in {
    "name": ["naam", "contract", "contractnaam", "naam contract", "omschrijving", "name"],
    "supplier": ["leverancier", "opdrachtnemer", "supplier"],
    "category": ["categorie", "inkoopcategorie", "category"],
    "annual_value_eur": ["jaarwaarde", "waarde per jaar", "jaarbedrag", "annual value eur", "annual value"],
    "start_date": ["startdatum", "begindatum", "ingangsdatum", "start date"],
    "end_date": ["einddatum", "looptijd tot", "end date"],
    "extension_possible": ["verlenging mogelijk", "verlenging", "verlengingsoptie", "extension possible"],
    "has_sroi_clause": ["sroi clausule", "sroi", "social return clausule", "social return", "has sroi clause"],
    "labour_intensive": ["arbeidsintensief", "labour intensive"],
}.items():
    for _n in _names:
        HEADERS[_n] = _field
    HEADERS[_field.replace("_", " ")] = _field

BOOL_FIELDS = {"extension_possible", "has_sroi_clause", "labour_intensive"}
DATE_FIELDS = {"start_date", "end_date"}
TRUE = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "wel"}
FALSE = {"nee", "n", "no", "false", "onwaar", "0", "niet", "geen"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\(.*?\)", " ", text)  # "(€)", "(ja/nee)"
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


# The column titles the calculator's own table shows ("Naam van het contract", "Jaarwaarde (€)"):
# what a reader copies from the page must read back in.
for _field, _info in ContractRow.model_fields.items():
    if _info.title:
        HEADERS.setdefault(_norm(_info.title), _field)


def field_for_header(header: Any) -> str | None:
    """The contract field a column header stands for, or None."""
    return HEADERS.get(_norm(header)) if header is not None else None


def parse_amount(text: str, dutch: bool = True) -> float | None:
    """'€ 1.234.567,50' -> 1234567.5 (numbers.py's one Dutch reading); None if it is not a plain amount.

    ``dutch=False``: the file separates cells with commas, so its numbers use a decimal point
    ('1,234.5' -> 1234.5). An ambiguous cell stays text: the calculator asks about it at its row.
    """
    try:
        return float(parse_number(text, "eur", decimal="," if dutch else "."))
    except ReadError:
        return None


def parse_date(text: str) -> str | None:
    """'31-12-2026', '31/12/2026', '2026-12-31' -> '2026-12-31'; None if it is not a valid date."""
    s = text.strip()
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", s)
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    try:
        if m:
            return date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
    except ValueError:
        return None
    return None


def _category(text: str) -> str:
    key = _norm(text)
    for c in categories().categories:
        if key in (_norm(c.code), _norm(c.label)):
            return c.code
    return text


def convert_cell(field: str, value: Any, dutch: bool = True) -> Any:
    """A cell as the calculator expects it; unreadable text is returned as it is."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat() if field in DATE_FIELDS else value.strftime("%d-%m-%Y")
    if isinstance(value, bool) or (isinstance(value, (int, float)) and field not in ("name", "supplier", "category")):
        return value
    text = str(value).strip()
    if field == "annual_value_eur":
        amount = parse_amount(text, dutch)
        return text if amount is None else amount
    if field in DATE_FIELDS:
        return parse_date(text) or text
    if field in BOOL_FIELDS:
        low = text.lower()
        return True if low in TRUE else False if low in FALSE else text
    if field == "category":
        return _category(text)
    return text


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _rows_from_csv(data: bytes) -> tuple[list[list[Any]], bool]:
    text = _decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first.count)
    if first.count(delimiter) == 0:
        delimiter = ";"
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return rows, delimiter != ","


def _rows_from_xlsx(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook  # optional: the core works without it

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def parse_contracts(data: bytes, filename: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Contracts (one dict per data row) and errors ``{row, field, message}`` about the file itself.

    Row 0 in an error means the file or its header; data rows are counted from 1.
    """
    errors: list[dict[str, Any]] = []
    try:
        if filename.lower().endswith((".xlsx", ".xlsm")):
            rows, dutch = _rows_from_xlsx(data), True
        else:
            rows, dutch = _rows_from_csv(data)
    except ImportError:
        return [], [{"row": 0, "field": "", "message": "Excel-bestanden (.xlsx) kunnen we hier niet lezen. Sla het bestand op als CSV en probeer het opnieuw."}]
    except Exception:  # noqa: BLE001 - a broken upload is reported, never raised
        return [], [{"row": 0, "field": "", "message": "We konden dit bestand niet lezen. Gebruik een CSV- of .xlsx-bestand."}]
    rows = [r for r in rows if not all(_blank(v) for v in r)]
    if not rows:
        return [], [{"row": 0, "field": "", "message": "Het bestand is leeg."}]
    header, body = rows[0], rows[1:]
    columns: list[str | None] = []
    for h in header:
        f = field_for_header(h)
        if f is None and not _blank(h):
            errors.append({"row": 0, "field": str(h), "message": f"De kolom '{h}' kennen we niet; we gebruiken die niet."})
        columns.append(f if f not in columns else None)
    missing = [f for f in ("name", "category", "annual_value_eur") if f not in columns]
    if missing:
        labels = {"name": "Naam", "category": "Categorie", "annual_value_eur": "Jaarwaarde"}
        errors.append({"row": 0, "field": "", "message": "Deze kolommen ontbreken: " + ", ".join(labels[m] for m in missing) + "."})
        return [], errors
    if len(body) > MAX_CONTRACTS:
        errors.append({"row": 0, "field": "", "message": f"Het bestand heeft {number(len(body))} regels; we lezen er hoogstens {number(MAX_CONTRACTS)}."})
        body = body[:MAX_CONTRACTS]
    contracts = []
    for raw in body:
        item: dict[str, Any] = {}
        for col, value in zip(columns, raw):
            if col is not None and not _blank(value):
                item[col] = convert_cell(col, value, dutch)
        contracts.append(item)
    return contracts, errors


def _safe(cell: Any) -> str:
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_START) else text


def _dec(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def export_ranking_csv(result: BaseModel | dict[str, Any]) -> str:
    """The ranking as Dutch Excel CSV (``;``, decimal comma, dd-mm-jjjj), safe against formula injection.

    Starts with a byte order mark so Excel reads it as UTF-8.
    """
    data = result.model_dump(mode="json") if isinstance(result, BaseModel) else result
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    crit_labels: list[tuple[str, str]] = []
    for r in data.get("ranking", []):
        for c in r.get("criteria", []):
            if c["code"] not in [k for k, _ in crit_labels]:
                crit_labels.append((c["code"], c["label"]))
    w.writerow(["Positie", "Naam", "Leverancier", "Categorie", "Jaarwaarde (€)", "Einddatum", "Route", "Score",
                *[f"{label} (punten)" for _, label in crit_labels], "Toelichting"])
    for pos, r in enumerate(data.get("ranking", []), start=1):
        crit = {c["code"]: c for c in r.get("criteria", [])}
        end = r.get("end_date")
        end_text = date.fromisoformat(end).strftime("%d-%m-%Y") if end else ""
        w.writerow([_safe(v) for v in [
            pos, r["name"], r.get("supplier") or "", r.get("category_label", r.get("category", "")),
            _dec(r["annual_value_eur"], 2), end_text, r["route"], _dec(r["score"], 1),
            *[_dec(crit[k]["points"], 1) if k in crit else "" for k, _ in crit_labels],
            r.get("route_message", ""),
        ]])
    return "\ufeff" + out.getvalue()
