"""The core's own test suite, run again inside Pyodide under Node with the site's bundle.

The browser runs the wheel and the pinned pydantic from ``docs/pyodide/``; running the same
tests there shows the browser computes what CPython computes. One Node process runs every core
test file (Pyodide starts once); each file then gets its own pytest item here, so a failure
points at the file and shows the tests that failed inside Pyodide.

Needs ``make prepare`` (the bundle) and ``make wheels`` (the test-only wheels); both run as part
of ``make test``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from handreiking_tools.site import bundle

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_DIR = ROOT / "docs" / "pyodide"
RUNNER = ROOT / "tests" / "pyodide" / "run_core_tests.mjs"
# Every test of the core and of the tools, found by folder: a new test file runs in Pyodide without a list
# to keep. A file that cannot run there (the command line is not in the browser's wheel) skips itself with
# a reason at module level.
CORE_TEST_FILES = sorted(p.relative_to(ROOT).as_posix() for folder in ("core", "tools")
                         for p in (ROOT / "tests" / folder).rglob("test_*.py"))
if not CORE_TEST_FILES:
    raise RuntimeError("no core tests found under tests/core/ and tests/tools/: the Pyodide run would test nothing")
PRESENT = CORE_TEST_FILES

pytestmark = pytest.mark.pyodide


@pytest.fixture(scope="module")
def pyodide_run() -> dict:
    """Outcomes of every present core test file, run once inside Pyodide."""
    node = shutil.which("node")
    assert node, "Node.js is needed to run the core tests inside Pyodide (Debian package nodejs)."
    layout = bundle.Layout(root=ROOT, docs=ROOT / "docs")
    # Bring docs/pyodide up to date with the sources (a no-op after `make prepare`), so a stale
    # wheel can never pass or fail these tests.
    bundle.assemble(layout)
    lock_path = PYODIDE_DIR / "pyodide-lock.json"
    # Every wheel of the site's lock must be on disk: Pyodide under Node would otherwise fetch it from its CDN.
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    missing = [p["file_name"] for p in lock["packages"].values() if not (PYODIDE_DIR / p["file_name"]).is_file()]
    assert not missing, f"wheels in the lock but not in {PYODIDE_DIR}: {missing}; run `make prepare`."
    test_wheels = bundle.verify(layout, "test")  # raises with the file, both hashes and the fix

    config = {
        "root": str(ROOT),
        "pyodideDir": str(PYODIDE_DIR),
        "testWheels": [str(p) for p in test_wheels.values()],
        "packages": ["openpyxl"],  # contracts_io reads .xlsx in the browser too
        "files": PRESENT,
        "args": ["-q"],
    }
    proc = subprocess.run([node, str(RUNNER), json.dumps(config)], cwd=ROOT, capture_output=True, text=True, timeout=900)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("@@RESULT@@ ")]
    assert lines, f"the Pyodide run gave no result (exit {proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    result = json.loads(lines[-1].removeprefix("@@RESULT@@ "))
    result["log"] = proc.stdout[-6000:]
    return result


def test_runs_in_pyodide_with_the_site_wheel(pyodide_run: dict) -> None:
    assert pyodide_run["platform"] == "emscripten"
    assert pyodide_run["python"].startswith("3.14")
    # The package under test is the installed wheel from docs/pyodide, not the source tree.
    assert "/site-packages/handreiking_tools/" in pyodide_run["package_file"]


@pytest.mark.parametrize("test_file", PRESENT)
def test_core_file_passes_in_pyodide(pyodide_run: dict, test_file: str) -> None:
    mine = [o for o in pyodide_run["outcomes"] if o["nodeid"].split("::")[0] == test_file]
    failed = [o for o in mine if o["outcome"] == "failed"]
    passed = [o for o in mine if o["outcome"] == "passed"]
    report = "\n\n".join(f"{o['nodeid']} ({o['when']}):\n{o['detail']}" for o in failed)
    assert not failed, f"{len(failed)} failing in Pyodide:\n{report}"
    skipped = [o for o in mine if o["outcome"] == "skipped"]
    whole_file_skipped = [o for o in skipped if o["when"] == "collect"]
    assert passed or whole_file_skipped, f"no test of {test_file} ran in Pyodide:\n{pyodide_run['log']}"
    # A skip inside Pyodide must say why (e.g. "needs subprocess, not available under emscripten").
    unexplained = [o["nodeid"] for o in skipped if not o["detail"].strip()]
    assert not unexplained, f"skipped without a reason: {unexplained}"
