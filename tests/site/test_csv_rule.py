"""The table CSV the browser writes (calc-util.js textCell) follows the one formula rule of csvcell.py.

The contract table's "Exporteer" is drawn in the browser from the cells as typed, so the rule exists twice;
this test runs the browser's function in Node on the same cells and asks for the very same result.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from handreiking_tools.csvcell import text_cell

ROOT = Path(__file__).resolve().parents[2]
UTIL = ROOT / "docs" / "assets" / "js" / "calc-util.js"

# The cases of tests/core/test_csvcell.py and the edges of both rules: signs, spaces before them,
# full-width forms, digits of other scripts, separators in odd places.
CASES = [
    "=1+1", "+31 6 12345678", "@SUM(A1)", "\tTab", "\rCR", "-1+1", "-A1", "-cmd|' /C calc'!A0", "-", "-1e5",
    "-inf", "-1,5+A1", "  =1+1", "\u00a0=1", " \t=1", "\uff1d1+1", "\uff0d5", "\uff205", "-5", "-1234,50",
    "-1.234,50", "-0", "- 5", "-5 ", "-1..2", "-1,", "-,5", "-\u0663\u0664", "-5\n", "Gewoon", "", "a=b",
    " -5", "\u00a0-5", "+5", "5-", "@", " ",
]
ALPHABET = "=+-@\t\r \u00a0\uff1d\uff0b\uff0d\uff20.,0123456789aA;\"\n\u0663"


def _random_cells(count: int) -> list[str]:
    rnd = random.Random(20261201)
    return ["".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 7))) for _ in range(count)]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js runs the browser module (make setup installs npm packages with it)")
def test_the_browser_and_the_core_guard_every_cell_alike() -> None:
    cells = CASES + _random_cells(5000)
    script = (f"import {{ textCell }} from {json.dumps(UTIL.as_uri())};"
              "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>"
              "process.stdout.write(JSON.stringify(JSON.parse(s).map(textCell))));")
    proc = subprocess.run(["node", "--input-type=module", "-e", script], input=json.dumps(cells),
                          capture_output=True, text=True, check=True, timeout=60)
    browser = json.loads(proc.stdout)
    differ = [(c, b, text_cell(c)) for c, b in zip(cells, browser, strict=True) if b != text_cell(c)]
    assert not differ, differ[:10]
    assert browser[CASES.index("-1e5")] == "'-1e5" and browser[CASES.index("-1.234,50")] == "-1.234,50"
