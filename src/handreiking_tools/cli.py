"""Command line: ``handreiking-tools run NAME`` (JSON on stdin and stdout), ``schema NAME``, ``prepare``."""

from __future__ import annotations

import argparse
import json
import sys

from . import api


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handreiking-tools", description="Rekenhulpen bij de handreiking 'Partnerships voor meer banen'.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="Reken: JSON-invoer op stdin, JSON-uitkomst op stdout.")
    p_run.add_argument("name", choices=api.NAMES)
    p_schema = sub.add_parser("schema", help="Toon het JSON-schema van de invoer.")
    p_schema.add_argument("name", choices=api.NAMES)
    p_prep = sub.add_parser("prepare", help="Maak alles wat de site nodig heeft (formulieren, tabellen, Pyodide).")
    p_prep.add_argument("--docs", default="docs", help="De docs-map van de site (standaard: docs)")
    p_prep.add_argument("--config", default="mkdocs.yml", help="Het mkdocs.yml-bestand (standaard: mkdocs.yml)")
    args = parser.parse_args(argv)

    if args.command == "run":
        raw = sys.stdin.read()
        try:
            payload = json.loads(raw)
        except json.JSONDecodeError as exc:
            result = {"ok": False, "errors": [{"field": "", "message": f"De invoer is geen geldige JSON (regel {exc.lineno}, kolom {exc.colno})."}]}
        else:
            result = api.run(args.name, payload)
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0 if result["ok"] else 1
    if args.command == "schema":
        json.dump(api.schema(args.name), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
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
