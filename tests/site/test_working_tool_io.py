"""Export (Markdown, CSV) and import (the downloaded JSON) of both working tools, through the core.

Lives with the site tests because it uses the worked examples of the build layer (site/forms.py), which
are not in the browser's wheel; the core's own tests under tests/tools/ also run inside Pyodide.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from handreiking_tools import api, csvcell
from handreiking_tools.site.forms import EXAMPLES
from handreiking_tools.tools.delivery import io as delivery_io
from handreiking_tools.tools.monitoring import io as monitoring_io


def _rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_monitoring_csv_per_year_and_per_placement_hold_codes_and_spreadsheet_numbers() -> None:
    result = api.run("monitoring", EXAMPLES["monitoring"])
    files = monitoring_io.csv_tables(result)
    per_year = _rows(files["monitoring-per-jaar.csv"])
    assert per_year[0][:3] == ["Jaar", "Plaatsingen", "Verloonde uren"]
    assert per_year[1][:4] == ["2025", "2", "1890", "1,42"]
    per_placement = _rows(files["monitoring-per-plaatsing.csv"])
    assert [r[0] for r in per_placement[1:]] == ["P01", "P02", "P03"]
    realisation = _rows(files["monitoring-realisatie.csv"])
    assert realisation[1] == ["Bedrag (€)", "60000", "55000", "91,7", "5000", "5000"]


def test_delivery_csv_and_a_formula_is_never_a_formula() -> None:
    result = api.run("leveren", EXAMPLES["leveren"])
    files = delivery_io.csv_tables(result)
    assert set(files) == {"leveren-per-doelgroep.csv", "leveren-kandidaten.csv"}
    assert _rows(files["leveren-per-doelgroep.csv"])[1][0].startswith("Doelgroep banenafspraak")
    assert _rows(csvcell.csv_text(["a"], [["=SUM(A1)"], ["-5"], ["@x"]]))[1:] == [["'=SUM(A1)"], ["-5"], ["'@x"]]


@pytest.mark.parametrize("name", ["leveren", "monitoring"])
def test_markdown_is_the_views_text_with_pipe_tables(name: str) -> None:
    result = api.run(name, EXAMPLES[name])
    md = delivery_io.markdown(api.render(name, result))
    assert md.startswith("# ")
    tables = [block for block in md.split("\n\n") if block.startswith("| ")]
    assert tables
    for table in tables:
        lines = table.splitlines()
        assert set(lines[1].replace("|", "").split()) <= {"---", "---:"}
        assert len({line.count(" | ") for line in lines}) == 1  # every row has as many cells as the header


@pytest.mark.parametrize("name", ["leveren", "monitoring"])
def test_the_downloaded_json_reads_back_to_the_same_result(name: str) -> None:
    payload = EXAMPLES[name]
    saved = json.loads(json.dumps({"rekenhulp": name, "invoer": payload, "uitkomst": api.run(name, payload)}))
    back = delivery_io.read_saved(name, saved)
    assert back["ok"] and api.run(name, back["input"]) == saved["uitkomst"]
    other = delivery_io.read_saved("monitoring" if name == "leveren" else "leveren", saved)
    assert other["ok"] is False and "andere rekenhulp" in other["message"]


def test_read_saved_refuses_what_is_not_a_saved_input() -> None:
    assert delivery_io.read_saved("monitoring", [1, 2])["ok"] is False
    assert delivery_io.read_saved("monitoring", {"rekenhulp": "monitoring", "invoer": 3})["ok"] is False
    too_many = {"placements": [{}] * (delivery_io.MAX_SAVED_ROWS + 1)}
    assert "meer dan" in delivery_io.read_saved("monitoring", too_many)["message"]
    assert delivery_io.read_saved("monitoring", {"obligation_eur": "1.000"}) == {"ok": True, "input": {"obligation_eur": "1.000"}}
