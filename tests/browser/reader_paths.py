"""The reader's paths that every browser engine must pass (Firefox and WebKit; Chromium runs the full suite).

One plan, built here from the core (``api.run``) and the site's worked examples, drives both engines:
Firefox through npm ``puppeteer-core`` over WebDriver BiDi (tests/browser/firefox_paths.mjs), WebKit through
Selenium's WebKitGTK driver (tests/browser/test_browser_webkit.py). Each path says what a reader does and what
the page must then show.

When the form or the share link changes, adapt it here:
- ``share_link`` builds the link a reader shares: the input after ``#``, so no server ever sees it.
- ``typed`` is what a reader types: Dutch notation in text fields, plain digits where the field is still
  ``type=number`` (a browser's number field does not take "480.000").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from browser_support import SiteHandler, serve

from handreiking_tools import api
from handreiking_tools.tools.shortlist import io as contracts_io

PAGES = ("proportionaliteit", "contractselectie", "quotum")


def example(name: str) -> dict[str, Any]:
    from handreiking_tools.site.forms import EXAMPLES

    return json.loads(json.dumps(EXAMPLES[name]))


def share_link(base: str, name: str, payload: dict[str, Any]) -> str:
    """The link a reader shares for ``payload`` (as calculators.js writes it: lists as JSON, no false boxes)."""
    params = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else ("true" if v is True else str(v))
              for k, v in payload.items() if v is not None and v is not False}
    return f"{base}hulpmiddelen/{name}/#{urlencode(params)}"


def typed(dutch: str, plain: str) -> dict[str, str]:
    """What to type in a field: ``dutch`` where it takes text, ``plain`` where it is a browser number field."""
    return {"dutch": dutch, "plain": plain}


# The keyboard paths: fields typed key by key (Dutch numbers), choices picked from their list.
KEYBOARD_PROP = {
    "payload": {"contract_value_eur": 480000, "duration_months": 24, "contract_type": "levering", "category": "catering",
                "labour_share_pct": 40},
    "type": {"#f-contract_value_eur": typed("480.000", "480000"), "#f-duration_months": typed("24", "24"),
             "#f-labour_share_pct": typed("40", "40")},
    "select": {"#f-contract_type": "levering", "#f-category": "catering"},
}
KEYBOARD_CONTRACT = {
    "row": {"name": "Schoonmaak stadhuis", "annual_value_eur": "€ 650.000", "end_date": "31-12-2028"},
    "category": "schoonmaak",
}
CSV = ("Naam;Leverancier;Categorie;Jaarwaarde;Einddatum;Verlenging mogelijk;SROI-clausule\n"
       "Schoonmaak kantoren;Schoon BV;Schoonmaak;€ 850.000;31-12-2028;ja;nee\n"
       "Catering;Smaak BV;Catering;€ 420.000;31-03-2027;ja;ja\n"
       "Groen;Groen & Co;Groenvoorziening;€ 150.000;31-12-2029;nee;nee\n").encode()


def plan(site: str, failing: str, instant: str, csv_path: Path) -> dict[str, Any]:
    """Everything an engine's driver needs: URLs, what to do, and what the page must show (from the core).

    Four page loads (each starts Python in the browser): proportionaliteit from a link, then by keyboard;
    contractselectie from a link, then a file import, a typed extra row and the export; quotum from a link on
    the instant-navigation build, then on to proportionaliteit without a page load; the failure and retry.
    """
    links = {}
    for name in PAGES:
        payload = example(name)
        links[name] = {"url": share_link(instant if name == "quotum" else site, name, payload),
                       "summary": api.run(name, payload)["summary"]}
    prop = api.run("proportionaliteit", KEYBOARD_PROP["payload"])
    imported, _ = contracts_io.parse_contracts(CSV, "contracten.csv")
    ranking = api.run("contractselectie", {"reference_date": "2026-01-01", "contracts": imported})
    row = {"name": KEYBOARD_CONTRACT["row"]["name"], "category": KEYBOARD_CONTRACT["category"],
           "annual_value_eur": 650000, "end_date": KEYBOARD_CONTRACT["row"]["end_date"]}
    typed_ranking = api.run("contractselectie", {"reference_date": "2026-01-01", "contracts": [*imported, row]})
    return {
        "links": links,
        "keyboard_prop": {"type": KEYBOARD_PROP["type"], "select": KEYBOARD_PROP["select"], "summary": prop["summary"]},
        "import": {"file": str(csv_path), "names": [r["name"] for r in ranking["ranking"]],
                   "csv_head": contracts_io.export_ranking_csv(ranking).lstrip("\ufeff").splitlines()[0],
                   "csv_first": f"1;{ranking['ranking'][0]['name']};"},
        "keyboard_contract": {"row": KEYBOARD_CONTRACT["row"], "category": KEYBOARD_CONTRACT["category"],
                              "names": [r["name"] for r in typed_ranking["ranking"]]},
        "instant": {"target": "proportionaliteit", "summary": links["proportionaliteit"]["summary"]},
        "failure": {"url": f"{failing}hulpmiddelen/proportionaliteit/", "on": f"{failing}__runtime/off-line",
                    "off": f"{failing}__runtime/on-line", "summary": links["proportionaliteit"]["summary"]},
    }


class FailingHandler(SiteHandler):
    """The site, with a switch that makes the runtime's wasm file missing (404), as a broken upload would."""

    state = {"broken": False}

    def do_GET(self) -> None:
        if self.path.startswith("/__runtime/"):
            self.state["broken"] = self.path.endswith("off-line")
            self.send_response(204)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            return
        if self.state["broken"] and self.path.split("?")[0].endswith("/pyodide.asm.wasm"):
            self.send_error(404)
            return
        super().do_GET()


@contextmanager
def failing_site(directory: Path) -> Iterator[str]:
    handler = type("Failing", (FailingHandler,), {"state": {"broken": False}})
    with serve(directory, handler) as url:
        yield url

