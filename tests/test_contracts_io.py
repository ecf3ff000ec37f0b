"""Contract import (Dutch Excel CSV, plain CSV, xlsx) and the safe CSV export."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest

from handreiking_tools import api
from handreiking_tools.contracts_io import export_ranking_csv, parse_amount, parse_contracts, parse_date

DUTCH = (
    "Naam;Leverancier;Categorie;Jaarwaarde;Startdatum;Einddatum;Verlenging mogelijk;SROI-clausule\r\n"
    "Schoonmaak kantoren;Schoon & Zo BV;Schoonmaak;€ 1.234.567,50;01-01-2024;31-12-2027;ja;nee\r\n"
    "Café-inrichting;Müller;catering;250.000;1-7-2025;30-06-2026;nee;ja\r\n"
    ";;;;;;;\r\n"
    "ICT beheer;;ICT-diensten;veel;31-02-2026;;;\r\n"
)


@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b"")])
def test_dutch_excel_csv(encoding, bom):
    contracts, errors = parse_contracts(bom + DUTCH.encode(encoding), "contracten.csv")
    assert errors == []
    assert len(contracts) == 3  # the blank line is not a row
    first, second, third = contracts
    assert first == {"name": "Schoonmaak kantoren", "supplier": "Schoon & Zo BV", "category": "schoonmaak",
                     "annual_value_eur": 1234567.5, "start_date": "2024-01-01", "end_date": "2027-12-31",
                     "extension_possible": True, "has_sroi_clause": False}
    assert second["supplier"] == "Müller" and second["name"] == "Café-inrichting"
    assert second["annual_value_eur"] == 250000 and second["start_date"] == "2025-07-01"
    assert third["category"] == "ict"  # the Dutch label maps to the code
    # unreadable cells pass on as text, and the calculator reports them at the same row number
    out = api.run("contractselectie", {"reference_date": "2026-01-01", "contracts": contracts})
    assert {(e["row"], e["field"]) for e in out["row_errors"]} == {(3, "annual_value_eur"), (3, "start_date")}
    assert len(out["ranking"]) == 2


def test_plain_comma_csv():
    data = b'name,category,annual_value_eur,end_date,has_sroi_clause\nA,schoonmaak,"1,234,567.5",2027-12-31,true\nB,ict,1234.5,,0\n'
    contracts, errors = parse_contracts(data, "x.csv")
    assert errors == []
    assert contracts[0]["annual_value_eur"] == 1234567.5 and contracts[0]["has_sroi_clause"] is True
    assert contracts[1]["annual_value_eur"] == 1234.5 and contracts[1]["has_sroi_clause"] is False
    assert "end_date" not in contracts[1]


def test_missing_and_unknown_columns():
    contracts, errors = parse_contracts(b"Naam;Kleur\nA;rood\n", "a.csv")
    assert contracts == []
    assert any("ontbreken" in e["message"] and "Categorie" in e["message"] for e in errors)
    assert any(e["field"] == "Kleur" for e in errors)


def test_empty_and_broken_files():
    assert parse_contracts(b"", "a.csv")[1][0]["message"] == "Het bestand is leeg."
    contracts, errors = parse_contracts(b"not a zip", "a.xlsx")
    assert contracts == [] and errors[0]["row"] == 0


def test_too_many_rows_reported():
    body = "Naam;Categorie;Jaarwaarde\n" + "A;ict;1\n" * 2001
    contracts, errors = parse_contracts(body.encode(), "a.csv")
    assert len(contracts) == 2000 and "2.001" in errors[0]["message"]


@pytest.mark.parametrize("text, value", [
    ("€ 1.234.567", 1234567), ("1.234.567,89", 1234567.89), ("1234,5", 1234.5), ("€ 250.000,-", 250000),
    ("12", 12), ("abc", None), ("1.2.3,4,5", None), ("-5", -5),
    # English-looking amounts in a Dutch file are not guessed: they stay text and the calculator asks.
    ("1,234,567.89", None), ("1234.567", None), ("1,500", None),
])
def test_parse_amount(text, value):
    assert parse_amount(text) == value


def test_parse_amount_plain_decimal_point():
    assert parse_amount("1234.567", dutch=False) == pytest.approx(1234.567)
    assert parse_amount("1,234,567.89", dutch=False) == pytest.approx(1234567.89)
    assert parse_amount("1.234.567", dutch=True) == 1234567


@pytest.mark.parametrize("text, iso", [("31-12-2026", "2026-12-31"), ("1/2/2026", "2026-02-01"), ("2026-02-01", "2026-02-01"),
                                       ("29-02-2025", None), ("morgen", None)])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_xlsx():
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is optional; installed by make setup")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Naam", "Leverancier", "Categorie", "Jaarwaarde (€)", "Einddatum", "Verlenging mogelijk"])
    ws.append(["Groen", None, "Groenvoorziening", 300000, datetime(2028, 1, 31), "Ja"])
    ws.append(["Beveiliging", "Wacht BV", "beveiliging", "€ 1.000,50", "31-12-2026", None])
    buf = io.BytesIO()
    wb.save(buf)
    contracts, errors = parse_contracts(buf.getvalue(), "lijst.XLSX")
    assert errors == []
    assert contracts == [
        {"name": "Groen", "category": "groenvoorziening", "annual_value_eur": 300000, "end_date": "2028-01-31",
         "extension_possible": True},
        {"name": "Beveiliging", "supplier": "Wacht BV", "category": "beveiliging", "annual_value_eur": 1000.5,
         "end_date": "2026-12-31"},
    ]
    assert date.fromisoformat(contracts[0]["end_date"]).year == 2028


def test_export_is_dutch_and_safe():
    rows = [{"name": n, "category": "schoonmaak", "annual_value_eur": 1234.5, "supplier": s, "end_date": "2030-01-31"}
            for n, s in [("=HYPERLINK(\"x\")", "+31 BV"), ("-min", "@home"), ("Gewoon", "Ook; gewoon")]]
    result = api.run("contractselectie", {"reference_date": "2026-01-01", "contracts": rows})
    text = export_ranking_csv(result)
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    header, body = table[0], table[1:]
    assert header[:8] == ["Positie", "Naam", "Leverancier", "Categorie", "Jaarwaarde (€)", "Einddatum", "Route", "Score"]
    assert len(body) == 3
    for row in body:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    names = {r[1] for r in body}
    assert {"'=HYPERLINK(\"x\")", "'-min", "Gewoon"} == names
    assert {r[2] for r in body} >= {"'+31 BV", "'@home", "Ook; gewoon"}
    assert body[0][4] == "1234,50" and body[0][5] == "31-01-2030"
    assert "," in body[0][7]


def test_export_escapes_tab_and_carriage_return():
    # the input model trims text, so build the result by hand to reach these cases
    row = {"name": "\tTab", "supplier": "\rCR", "category_label": "ICT", "annual_value_eur": 1.0, "end_date": None,
           "route": "2B", "score": 0.0, "criteria": [], "route_message": "=1+1"}
    text = export_ranking_csv({"ranking": [row]})
    body = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))[1]
    assert body[1] == "'\tTab" and body[2] == "'\rCR" and body[-1] == "'=1+1"


def test_export_accepts_model():
    from handreiking_tools.models import ShortlistInput
    from handreiking_tools.shortlist import compute

    res = compute(ShortlistInput(reference_date=date(2026, 1, 1), contracts=[{"name": "A", "category": "ict", "annual_value_eur": 5}]))
    assert export_ranking_csv(res) == export_ranking_csv(res.model_dump(mode="json"))
