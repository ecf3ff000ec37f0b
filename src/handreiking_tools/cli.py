"""Command line: ``handreiking-tools run NAME`` (JSON on stdin and stdout), ``schema NAME``, ``prepare``.

Exit codes: 0 ok; 1 invalid input (the JSON answer says why, in Dutch); 2 a wrong command line
(a Dutch message on stderr). Nothing a user can type or pipe in ends in a Python traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, NoReturn

from . import api

USAGE = "Gebruik: handreiking-tools run NAAM < invoer.json | handreiking-tools schema NAAM | handreiking-tools prepare"


class _Parser(argparse.ArgumentParser):
    """argparse with Dutch errors: its own English messages never reach the user."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"handreiking-tools: fout: de opdracht klopt niet. {USAGE}\n")


def _unknown(name: str) -> int:
    sys.stderr.write(f"handreiking-tools: fout: onbekende rekenhulp '{name}'. Kies uit: {', '.join(api.NAMES)}.\n")
    return 2


def _read_payload() -> tuple[Any, str | None]:
    """The JSON on stdin, or a Dutch reason why it cannot be read. Bytes are read as UTF-8 whatever the console uses."""
    stream = getattr(sys.stdin, "buffer", None)
    raw: Any = stream.read() if stream is not None else sys.stdin.read()
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return None, f"De invoer is geen UTF-8-tekst (byte {exc.start + 1}). Sla de JSON op als UTF-8."
    try:
        return json.loads(raw), None
    except json.JSONDecodeError as exc:
        return None, f"De invoer is geen geldige JSON (regel {exc.lineno}, kolom {exc.colno})."
    except RecursionError:
        return None, "De invoer is te diep genest (te veel haakjes in elkaar) om te lezen."
    except ValueError:  # e.g. an integer of more than 4.300 digits
        return None, "De invoer bevat een getal met te veel cijfers."


def _write(data: Any) -> None:
    """JSON on stdout: UTF-8 text as is, or escaped (still valid JSON) on a console that cannot show it."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    try:
        sys.stdout.write(text + "\n")
    except UnicodeEncodeError:
        sys.stdout.write(json.dumps(data, ensure_ascii=True, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="handreiking-tools", description="Rekenhulpen bij de handreiking 'Partnerships voor meer banen'.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p_run = sub.add_parser("run", help="Reken: JSON-invoer op stdin, JSON-uitkomst op stdout.")
    p_run.add_argument("name", metavar="NAAM", help=f"De rekenhulp: {', '.join(api.NAMES)}")
    p_schema = sub.add_parser("schema", help="Toon het JSON-schema van de invoer.")
    p_schema.add_argument("name", metavar="NAAM", help=f"De rekenhulp: {', '.join(api.NAMES)}")
    p_prep = sub.add_parser("prepare", help="Maak alles wat de site nodig heeft (formulieren, tabellen, Pyodide).")
    p_prep.add_argument("--docs", default="docs", help="De docs-map van de site (standaard: docs)")
    p_prep.add_argument("--config", default="mkdocs.yml", help="Het mkdocs.yml-bestand (standaard: mkdocs.yml)")
    args = parser.parse_args(argv)

    if args.command in ("run", "schema") and args.name not in api.NAMES:
        return _unknown(args.name)
    if args.command == "run":
        payload, problem = _read_payload()
        result = {"ok": False, "errors": [{"field": "", "message": problem}]} if problem else api.run(args.name, payload)
        _write(result)
        return 0 if result["ok"] else 1
    if args.command == "schema":
        _write(api.schema(args.name))
        return 0
    # prepare lives in site/ and needs the build-time packages (jinja2); the core does not.
    try:
        from .site.prepare import main as prepare_main

        return prepare_main(docs=args.docs, config=args.config)
    except ModuleNotFoundError as exc:
        if (exc.name or "").startswith("handreiking_tools"):
            raise
        print(f"FOUT: `prepare` heeft het pakket {exc.name} nodig, dat hoort bij het bouwen van de site. "
              "Installeer het met: pip install 'handreiking-tools[build]' (in een kopie van de broncode: make setup).",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
