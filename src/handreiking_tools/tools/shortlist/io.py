"""Contract lists in and out: Dutch Excel CSV, plain CSV and .xlsx in; a safe CSV of the ranking out.

Pure functions on bytes and strings (no file system), so the browser can hand over an upload.
Every data row becomes one contract, numbered from 1 like the calculator's row errors. A cell
that cannot be read is passed on unchanged as text, so the calculator reports it at that row;
the import itself reports it too, with the row and column as the spreadsheet shows them. Nothing
the user gave is dropped without such a message: extra or double columns, cells without a column
heading, a quote left open, a formula without an outcome, a cell or file too large, rows past the
cap. Reading stops at the caps below, so a zip bomb costs seconds, not minutes.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from ...csvcell import csv_text, number_cell
from ...errors import translate
from ...fmt import date_nl, number
from ...numbers import ReadError, parse_number
from ...reference import categories
from .models import MAX_CONTRACTS, ContractRow

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


_BRACKETED = re.compile(r"\(.*?\)")  # "(€)", "(ja/nee)"
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return " ".join(_NOT_WORD.sub(" ", _BRACKETED.sub(" ", text)).split())


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


@functools.cache
def _category_keys() -> dict[str, str]:
    """Each category's code and label, as _norm reads them, to its code (the first category wins)."""
    keys: dict[str, str] = {}
    for c in categories().categories:
        keys.setdefault(_norm(c.code), c.code)
        keys.setdefault(_norm(c.label), c.code)
    return keys


def _category(text: str) -> str:
    return _category_keys().get(_norm(text), text)


def convert_cell(field: str, value: Any, dutch: bool = True) -> Any:
    """A cell as the calculator expects it; unreadable text is returned as it is."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat() if field in DATE_FIELDS else date_nl(value)
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


# Limits that keep a hostile or mistaken upload from tying up the browser tab: the file itself, one
# cell, the rows looked at (blank ones included) and the unpacked size of one part of an .xlsx file.
MAX_FILE_BYTES = 20_000_000
MAX_CELL_CHARS = 10_000
MAX_SCANNED_ROWS = MAX_CONTRACTS + 20_000
MAX_XLSX_PART_BYTES = 32_000_000
MAX_XLSX_PARTS = 10_000
MAX_MESSAGES = 25  # row messages listed one by one; the rest is counted

LABELS = {"name": "Naam", "supplier": "Leverancier", "category": "Categorie", "annual_value_eur": "Jaarwaarde",
          "start_date": "Startdatum", "end_date": "Einddatum", "extension_possible": "Verlenging mogelijk",
          "has_sroi_clause": "SROI-clausule", "labour_intensive": "Arbeidsintensief"}


class _TooBig(Exception):
    """A part of an .xlsx file unpacks to more than MAX_XLSX_PART_BYTES."""


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA': the column as a spreadsheet names it."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


class _Report:
    """The import's messages, each with the row as the spreadsheet numbers it and the column."""

    def __init__(self) -> None:
        self.errors: list[dict[str, Any]] = []
        self.row_messages = 0

    def file(self, message: str, field: str = "") -> None:
        self.errors.append({"row": 0, "field": field, "message": message, "sheet_row": None, "column": ""})

    def cell(self, sheet_row: int, col: int | None, message: str, header: Any = None, field: str = "") -> None:
        self.row_messages += 1
        if self.row_messages > MAX_MESSAGES:
            return
        where = f"Rij {number(sheet_row)}"
        if col is not None:
            where += f", kolom {column_letter(col)}"
            if not _blank(header):
                where += f" ({str(header).strip()[:60]})"
        self.errors.append({"row": 0, "field": field, "message": f"{where}: {message}", "sheet_row": sheet_row,
                            "column": column_letter(col) if col is not None else ""})

    def finish(self) -> list[dict[str, Any]]:
        extra = self.row_messages - MAX_MESSAGES
        if extra > 0:
            self.file(f"En nog {number(extra)} {'melding' if extra == 1 else 'meldingen'} over andere cellen.")
        return self.errors


# ---- CSV (and Excel's "Unicode text") ----

def _decode(data: bytes, report: _Report) -> str:
    """Text of a CSV file. UTF-16 (Excel's "Unicode text") by its byte order mark or its zero bytes;
    otherwise each line on its own as UTF-8, or as Windows-1252 when it is no UTF-8 (Excel on Windows),
    so one odd line does not garble the rest."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    sample = data[:4000]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4 and sample[0::2].count(0) == 0:
        return data.decode("utf-16-le", errors="replace")
    if len(sample) >= 4 and sample[0::2].count(0) > len(sample) // 4 and sample[1::2].count(0) == 0:
        return data.decode("utf-16-be", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    out = []
    for line in data.splitlines(keepends=True):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode("cp1252", errors="replace"))
    return "".join(out)


class _FieldLimit:
    """csv's cell limit (131.072 characters) raised for one read: long cells are reported per cell."""

    def __enter__(self) -> None:
        self.old = csv.field_size_limit(MAX_FILE_BYTES + 1)

    def __exit__(self, *exc: Any) -> None:
        csv.field_size_limit(self.old)


def _rows_from_csv(data: bytes, report: _Report) -> tuple[list[tuple[int, list[Any]]], bool]:
    """(spreadsheet row number, cells) per record, blank lines counted as rows the way a spreadsheet does."""
    text = _decode(data, report)
    lines = text.splitlines(keepends=True)
    first = next((line for line in lines if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first.count)
    if first.count(delimiter) == 0:
        delimiter = ";"
    rows: list[tuple[int, list[Any]]] = []
    pos = 0  # index of the next physical line to read
    with _FieldLimit():
        while pos < len(lines) and len(rows) < MAX_SCANNED_ROWS:
            reader = csv.reader(lines[pos:], delimiter=delimiter, strict=True)
            consumed = 0
            try:
                for record in reader:
                    rows.append((len(rows) + 1, record))
                    consumed = reader.line_num
                    if any("\n" in c and delimiter in c.split("\n", 1)[1] for c in record):
                        col = next(i for i, c in enumerate(record) if "\n" in c and delimiter in c.split("\n", 1)[1])
                        report.cell(len(rows), col, "deze cel loopt over meer regels van het bestand en bevat "
                                    "scheidingstekens. Kijk of elk aanhalingsteken (\") goed is afgesloten.")
                    if len(rows) >= MAX_SCANNED_ROWS:
                        break
                pos = len(lines)
            except csv.Error:
                # A quote that is not closed (or closed in the wrong place) would swallow the rows after it:
                # read the lines of this record one by one, quotes as plain text, and say so.
                start = pos + consumed
                stop = max(pos + reader.line_num, start + 1)
                row = len(rows) + 1
                report.cell(row, None, "een aanhalingsteken (\") wordt niet goed afgesloten. We lezen "
                            + ("deze rij" if stop - start == 1 else f"de rijen {number(row)} tot en met {number(row + stop - start - 1)}")
                            + " zoals ze er staan, met de aanhalingstekens als gewone tekens. Kijk of ze kloppen.")
                for line in lines[start:stop]:
                    record = next(csv.reader([line], delimiter=delimiter, quoting=csv.QUOTE_NONE), [])
                    rows.append((len(rows) + 1, record))
                pos = stop
    return rows, delimiter != ","


# ---- xlsx ----

class _Bounded(io.RawIOBase):
    """A part of the zip that may unpack to at most MAX_XLSX_PART_BYTES (a zip bomb stops here)."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.left = MAX_XLSX_PART_BYTES

    def readable(self) -> bool:
        return True

    def read(self, n: int | None = -1) -> bytes:
        want = self.left + 1 if n is None or n < 0 or n > self.left else n
        chunk = self.raw.read(want)
        self.left -= len(chunk)
        if self.left < 0:
            raise _TooBig()
        return bytes(chunk)

    def readinto(self, buffer: Any) -> int:
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def close(self) -> None:
        self.raw.close()
        super().close()


def _open_xlsx(data: bytes, data_only: bool) -> Any:
    """openpyxl's read-only workbook on a zip whose every part is unpacked with a size limit."""
    import zipfile

    from openpyxl.reader.excel import ExcelReader  # optional: the core works without it

    class BoundedZip(zipfile.ZipFile):
        def open(self, name: Any, mode: Literal["r", "w"] = "r", *args: Any, **kwargs: Any) -> Any:
            stream = super().open(name, mode, *args, **kwargs)
            return _Bounded(stream) if mode == "r" else stream

    from openpyxl.reader import excel
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class Sheet(ReadOnlyWorksheet):
        # openpyxl reads a sheet's declared size at load, and the whole sheet when it declares none (so a
        # bomb without one would be unpacked in full). We never use that size: rows are read until the cap.
        def _get_size(self) -> None:
            pass

    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=data_only)
    reader.archive.close()
    reader.archive = BoundedZip(io.BytesIO(data))
    excel.ReadOnlyWorksheet = Sheet
    try:
        reader.read()
    finally:
        excel.ReadOnlyWorksheet = ReadOnlyWorksheet
    return reader.wb


def _check_zip(data: bytes) -> str | None:
    """A Dutch reason to refuse the zip before unpacking anything, from the sizes it declares."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
        if len(infos) > MAX_XLSX_PARTS:
            return "Dit Excel-bestand bestaat uit te veel onderdelen om te lezen."
        for info in infos:
            if info.file_size > MAX_XLSX_PART_BYTES and not info.filename.startswith("xl/worksheets/"):
                return (f"Dit Excel-bestand bevat meer dan {number(MAX_XLSX_PART_BYTES // 1_000_000)} MB aan tekst of "
                        "opmaak; zoveel lezen we niet. Staat er een heel grote cel in? Sla de lijst op als CSV en probeer het opnieuw.")
    return None


def _sheet(wb: Any, report: _Report | None) -> Any:
    """The sheet the file opens on (Excel's active sheet), or the first visible one if that is hidden."""
    sheets = [ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    if not sheets:
        return None
    active = wb.active
    ws = active if active in sheets else sheets[0]
    if report is not None and len(sheets) > 1:
        report.file(f"Dit bestand heeft {number(len(sheets))} werkbladen. We lezen alleen het werkblad '{ws.title}'"
                    " (het blad dat open staat als je het bestand opent).")
    return ws


def _rows_from_xlsx(data: bytes, report: _Report) -> list[tuple[int, list[Any]]]:
    reason = _check_zip(data)
    if reason:
        report.file(reason)
        return []
    values_wb = _open_xlsx(data, data_only=True)
    formulas_wb = _open_xlsx(data, data_only=False)
    try:
        ws, ws_f = _sheet(values_wb, report), _sheet(formulas_wb, None)
        if ws is None:
            return []
        rows: list[tuple[int, list[Any]]] = []
        values, formulas = ws.iter_rows(values_only=True), ws_f.iter_rows(values_only=True)
        try:
            for number_, (row, row_f) in enumerate(zip(values, formulas, strict=False), start=1):
                cells = list(row)
                for i, value in enumerate(cells):
                    if value is None and i < len(row_f) and isinstance(row_f[i], str) and row_f[i].startswith("="):
                        cells[i] = _Formula()
                rows.append((number_, cells))
                if number_ >= MAX_SCANNED_ROWS:
                    break
        except _TooBig:
            report.cell(len(rows) + 1, None, f"vanaf deze rij lezen we het werkblad niet verder: het is meer dan "
                        f"{number(MAX_XLSX_PART_BYTES // 1_000_000)} MB groot. Staat er een heel grote cel in?")
        finally:
            values.close()
            formulas.close()
        return rows
    finally:
        values_wb.close()
        formulas_wb.close()


class _Formula:
    """A formula cell without a stored outcome (the file was not saved by a program that calculates)."""


# ---- both ----

def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _read_rows(data: bytes, filename: str, report: _Report) -> tuple[list[tuple[int, list[Any]]], bool] | None:
    if len(data) > MAX_FILE_BYTES:
        report.file(f"Het bestand is groter dan {number(MAX_FILE_BYTES // 1_000_000)} MB; zo'n groot bestand lezen we niet. "
                    f"Een lijst van {number(MAX_CONTRACTS)} contracten past ruim in een kleiner bestand.")
        return None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        report.file("Oude Excel-bestanden (.xls) kunnen we niet lezen. Sla het bestand op als .xlsx of CSV en probeer het opnieuw.")
        return None
    try:
        if filename.lower().endswith((".xlsx", ".xlsm")) or data.startswith(b"PK\x03\x04"):
            return _rows_from_xlsx(data, report), True
        return _rows_from_csv(data, report)
    except ImportError:
        report.file("Excel-bestanden (.xlsx) kunnen we hier niet lezen. Sla het bestand op als CSV en probeer het opnieuw.")
    except _TooBig:
        report.file(f"Een onderdeel van dit Excel-bestand is groter dan {number(MAX_XLSX_PART_BYTES // 1_000_000)} MB; "
                    "zoveel lezen we niet. Sla de lijst op als CSV en probeer het opnieuw.")
    except Exception:  # noqa: BLE001 - a broken upload is reported, never raised
        report.file("We konden dit bestand niet lezen. Gebruik een CSV- of .xlsx-bestand.")
    return None


def parse_contracts(data: bytes, filename: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Contracts (one dict per data row) and messages ``{row, field, message, sheet_row, column}`` about the file.

    Every message is about the file, so ``row`` is 0 (the calculator's own row errors count the contracts
    from 1); ``sheet_row`` and ``column`` say where in the file, as the spreadsheet numbers its rows and
    names its columns, and the Dutch message says it too. Nothing is left out without such a message.
    """
    report = _Report()
    read = _read_rows(data, filename, report)
    if read is None:
        return [], report.finish()
    rows, dutch = read
    rows = [(n, r) for n, r in rows if not all(_blank(v) for v in r)]
    if not rows:
        if not report.errors:
            report.file("Het bestand is leeg.")
        return [], report.finish()
    (header_row, header), body = rows[0], rows[1:]
    columns: list[str | None] = []
    first_col: dict[str, int] = {}
    for i, h in enumerate(header):
        f = field_for_header(h) if not isinstance(h, _Formula) else None
        if f is None and not _blank(h):
            report.file(f"De kolom '{str(h).strip()[:60]}' (kolom {column_letter(i)}) kennen we niet; we gebruiken die niet.",
                        field=str(h))
        elif f is not None and f in first_col:
            j = first_col[f]
            report.file(f"Kolom {column_letter(i)} ('{str(h).strip()[:60]}') is net als kolom {column_letter(j)} "
                        f"('{str(header[j]).strip()[:60]}') een kolom voor {LABELS[f]}. We gebruiken alleen kolom "
                        f"{column_letter(j)}; kolom {column_letter(i)} laten we weg.", field=str(h))
            f = None
        elif f is not None:
            first_col[f] = i
        columns.append(f)
    missing = [f for f in ("name", "category", "annual_value_eur") if f not in columns]
    if missing:
        report.file("Deze kolommen ontbreken: " + ", ".join(LABELS[m] for m in missing)
                    + f". De kolomkoppen staan in rij {number(header_row)}.")
        return [], report.finish()
    if len(body) > MAX_CONTRACTS:
        last = body[MAX_CONTRACTS - 1][0]
        report.file(f"Het bestand heeft meer dan {number(MAX_CONTRACTS)} contracten; we lezen er hoogstens "
                    f"{number(MAX_CONTRACTS)}: tot en met rij {number(last)}. De rijen daarna laten we weg.")
        body = body[:MAX_CONTRACTS]
    contracts = []
    for sheet_row, raw in body:
        item: dict[str, Any] = {}
        for i, value in enumerate(raw):
            col = columns[i] if i < len(columns) else None
            head = header[i] if i < len(header) else None
            if isinstance(value, _Formula):
                report.cell(sheet_row, i, "deze cel heeft een formule zonder opgeslagen uitkomst. Open het bestand in "
                            "Excel of LibreOffice en sla het opnieuw op, of vul de waarde zelf in.", head, col or "")
                continue
            if _blank(value):
                continue
            if i >= len(columns) or (_blank(head) and col is None):
                report.cell(sheet_row, i, "deze cel staat niet onder een kolomkop; we gebruiken hem niet.", head)
                continue
            if col is None:
                continue  # a column reported above as unknown or double
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                report.cell(sheet_row, i, f"deze cel is te lang ({number(len(value))} tekens; hoogstens "
                            f"{number(MAX_CELL_CHARS)}). We laten hem leeg.", head, col)
                continue
            item[col] = convert_cell(col, value, dutch)
        contracts.append(item)
        _check_row(report, sheet_row, item, columns, header)
    return contracts, report.finish()


def _check_row(report: _Report, sheet_row: int, item: dict[str, Any], columns: list[str | None], header: list[Any]) -> None:
    """What the calculator will say about this row, said now with the row and column of the file."""
    try:
        ContractRow.model_validate(item)
    except ValidationError as exc:
        for e in translate(exc):
            field = e["field"].split(".")[0]
            i = columns.index(field) if field in columns else None
            report.cell(sheet_row, i, e["message"], header[i] if i is not None else LABELS.get(field), field)


def export_ranking_csv(result: BaseModel | dict[str, Any]) -> str:
    """The ranking as Dutch Excel CSV (``;``, decimal comma, dd-mm-jjjj), safe against formula injection.

    Starts with a byte order mark so Excel reads it as UTF-8.
    """
    data = result.model_dump(mode="json") if isinstance(result, BaseModel) else result
    crit_labels: list[tuple[str, str]] = []
    for r in data.get("ranking", []):
        for c in r.get("criteria", []):
            if c["code"] not in [k for k, _ in crit_labels]:
                crit_labels.append((c["code"], c["label"]))
    head = ["Positie", "Naam", "Leverancier", "Categorie", "Jaarwaarde (€)", "Einddatum", "Route", "Score",
            *[f"{label} (punten)" for _, label in crit_labels], "Toelichting"]
    rows = []
    for pos, r in enumerate(data.get("ranking", []), start=1):
        crit = {c["code"]: c for c in r.get("criteria", [])}
        end = r.get("end_date")
        rows.append([
            pos, r["name"], r.get("supplier") or "", r.get("category_label", r.get("category", "")),
            number_cell(r["annual_value_eur"], 2), date_nl(end) if end else "", r["route"], number_cell(r["score"], 1),
            *[number_cell(crit[k]["points"], 1) if k in crit else "" for k, _ in crit_labels],
            r.get("route_message", ""),
        ])
    return csv_text(head, rows)
