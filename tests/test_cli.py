"""The command line: JSON on stdin, JSON on stdout; exit 0 when ok, 1 on invalid input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from handreiking_tools import cli

EXE = Path(sys.executable).parent / "handreiking-tools"
EXAMPLE = '{"contract_value_eur": 1200000, "duration_months": 36, "contract_type": "dienst", "category": "schoonmaak"}'


def run_cli(args, stdin, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", __import__("io").StringIO(stdin))
    code = cli.main(args)
    return code, capsys.readouterr().out


@pytest.mark.skipif(not EXE.exists(), reason="the console script is installed by `make setup` (pip install -e)")
def test_issue_example_through_installed_script():
    proc = subprocess.run([str(EXE), "run", "proportionaliteit"], input=EXAMPLE, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["advice"] == "toepassen" and out["base"] == "opdrachtwaarde"
    assert out["percentage"] == 5 and out["amount_eur"] == 60000
    assert out["reasons"] and all(r["source"] for r in out["reasons"])
    assert "€ 60.000" in proc.stdout  # Dutch text is printed as is, not escaped


def test_invalid_input_exit_1(capsys, monkeypatch):
    code, out = run_cli(["run", "proportionaliteit"], '{"contract_value_eur": "veel"}', capsys, monkeypatch)
    assert code == 1
    data = json.loads(out)
    assert data["ok"] is False and {e["field"] for e in data["errors"]} >= {"contract_value_eur", "duration_months"}


def test_not_json_exit_1(capsys, monkeypatch):
    code, out = run_cli(["run", "contractselectie"], "{niet json", capsys, monkeypatch)
    assert code == 1
    assert "geen geldige JSON" in json.loads(out)["errors"][0]["message"]


def test_contractselectie_ok(capsys, monkeypatch):
    payload = {"reference_date": "2026-01-01", "contracts": [{"name": "A", "category": "catering", "annual_value_eur": 300000}]}
    code, out = run_cli(["run", "contractselectie"], json.dumps(payload), capsys, monkeypatch)
    assert code == 0 and json.loads(out)["top"] == ["A"]


@pytest.mark.parametrize("name", ["proportionaliteit", "contractselectie"])
def test_schema(name, capsys, monkeypatch):
    code, out = run_cli(["schema", name], "", capsys, monkeypatch)
    assert code == 0
    assert json.loads(out)["properties"]


def test_unknown_name_rejected(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["run", "bestaat_niet"])
    assert exc.value.code == 2
