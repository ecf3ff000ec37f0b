"""Taking a result of "Wat moet ik leveren?" out of the site and a saved input back in.

- ``markdown``: the view's text, which is Markdown (headings, pipe tables, lists) and reads as plain text;
- ``csv_tables``: each table of the result as Dutch Excel CSV (csvcell.py: ``;``, decimal comma, byte order
  mark, safe against formula injection);
- ``read_saved``: the JSON the site downloads ({"rekenhulp", "invoer", "uitkomst"}) back to an input,
  with a Dutch message when it is not a saved input of this tool.
These helpers are shared with the monitoring report (tools/monitoring/io.py).
"""

from __future__ import annotations

from typing import Any

from ...csvcell import csv_text, number_cell
from ...view import View

MAX_SAVED_ROWS = 2000


def read_saved(name: str, data: Any) -> dict[str, Any]:
    """The input in a downloaded JSON of tool ``name``: {"ok": True, "input": {...}} or {"ok": False, "message"}.

    Takes the file as the site writes it ({"rekenhulp", "invoer", "uitkomst"}) or a bare input object.
    The input is checked again by api.run when it is used; this only makes sure it is an input of this tool.
    """
    if not isinstance(data, dict):
        return {"ok": False, "message": "Dit bestand is geen opgeslagen invoer: het moet een JSON-object zijn."}
    if "invoer" in data or "rekenhulp" in data:
        if data.get("rekenhulp") != name:
            return {"ok": False, "message": f"Dit bestand hoort bij een andere rekenhulp ('{data.get('rekenhulp')}'), "
                                            f"niet bij '{name}'."}
        data = data.get("invoer")
        if not isinstance(data, dict):
            return {"ok": False, "message": "In dit bestand staat geen invoer."}
    too_long = [k for k, v in data.items() if isinstance(v, list) and len(v) > MAX_SAVED_ROWS]
    if too_long:
        return {"ok": False, "message": f"Dit bestand heeft meer dan {MAX_SAVED_ROWS} regels bij '{too_long[0]}'."}
    return {"ok": True, "input": data}


def markdown(view: View) -> str:
    """The result as Markdown: the view's text is written as Markdown, so it is the same text."""
    return view.text


def csv_tables(result: dict[str, Any]) -> dict[str, str]:
    """The tables of a result of "Wat moet ik leveren?" as CSV files: {file name: csv text}."""
    files = {"leveren-per-doelgroep.csv": csv_text(
        ["Doelgroep", "Waarde van een baan van 25,5 uur per jaar (€)", "Banen van 25,5 uur voor een jaar", "Uren",
         "Banen per jaar van de looptijd"],
        [[o["label"], number_cell(o["value_per_job_year_eur"]), number_cell(o["job_years"]), number_cell(o["hours"], 0),
          number_cell(o["jobs_per_year"])] for o in result["options"]])}
    mix = result.get("mix")
    if mix:
        files["leveren-kandidaten.csv"] = csv_text(
            ["Kandidaat", "Doelgroep", "Uren per week", "Maanden", "Waarde per voltijd jaar (€)", "Eigen waarde", "Uren",
             "Telt voor (€)"],
            [[m["row"], m["label"], number_cell(m["hours_per_week"]), number_cell(m["months"]),
              number_cell(m["value_per_year_eur"]), "ja" if m["own_value"] else "nee", number_cell(m["hours"], 0),
              number_cell(m["value_eur"])] for m in mix["lines"]])
    return files
