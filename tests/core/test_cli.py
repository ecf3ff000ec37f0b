"""The command line: JSON on stdin, JSON on stdout; exit 0 when ok, 1 on invalid input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

if sys.platform == "emscripten":
    pytest.skip("the command line is not in the browser's wheel, and Pyodide has no subprocess", allow_module_level=True)

from handreiking_tools import api, cli

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


def test_unknown_name_rejected_in_dutch(capsys):
    assert cli.main(["run", "bestaat_niet"]) == 2
    assert capsys.readouterr().err == ("handreiking-tools: fout: onbekende rekenhulp 'bestaat_niet'. "
                                       f"Kies uit: {', '.join(api.NAMES)}.\n")
    assert "proportionaliteit, contractselectie, quotum" in ", ".join(api.NAMES)
    assert cli.main(["schema", "x"]) == 2 and "onbekende rekenhulp 'x'" in capsys.readouterr().err


@pytest.mark.parametrize("args", [[], ["reken"], ["run"], ["prepare", "--onbekend"]])
def test_wrong_command_line_is_dutch(args, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(args)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "de opdracht klopt niet" in err and "invalid" not in err and "usage" not in err


def _script(args, stdin: bytes, encoding: str = "utf-8"):
    """The command in a fresh interpreter, with the console encoding given (as a Windows console may have)."""
    import os

    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"}
    return subprocess.run([sys.executable, "-m", "handreiking_tools.cli", *args], input=stdin, capture_output=True,
                          check=False, env=env, timeout=60)


@pytest.mark.parametrize("stdin, needle", [
    (b"[" * 100_000 + b"]" * 100_000, "te diep genest"),
    (b'{"contract_value_eur": ' + b"9" * 5000 + b"}", "te veel cijfers"),
    ('{"category": "Café"}'.encode("cp1252"), "geen UTF-8"),
], ids=["100000-deep", "5000-digits", "cp1252-bytes"])
def test_hostile_stdin_gives_dutch_json_not_a_traceback(stdin, needle):
    proc = _script(["run", "proportionaliteit"], stdin)
    assert proc.returncode == 1, proc.stderr
    assert b"Traceback" not in proc.stderr
    assert needle in json.loads(proc.stdout)["errors"][0]["message"]


@pytest.mark.parametrize("encoding", ["cp1252", "cp850"])
def test_console_that_cannot_show_every_character_gets_valid_json(encoding):
    # A contract named in Polish (not in cp1252), and euro signs (not in cp850, the old Windows console page).
    payload = {"reference_date": "01-01-2026", "contracts": [{"name": "Łódź ✓", "category": "ict", "annual_value_eur": 300000}]}
    proc = _script(["run", "contractselectie"], json.dumps(payload, ensure_ascii=False).encode("utf-8"), encoding=encoding)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr
    out = json.loads(proc.stdout.decode(encoding))
    assert out["top"] == ["Łódź ✓"] and "€" in json.dumps(out, ensure_ascii=False)
