"""The reader's paths (tests/browser/reader_paths.py) in Firefox: Debian's firefox-esr, driven by npm
puppeteer-core over WebDriver BiDi, one browser start for all paths (tests/browser/firefox_paths.mjs)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reader_paths import CSV, failing_site, plan

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FIREFOX = Path("/usr/bin/firefox-esr")
SCRIPT = ROOT / "tests" / "browser" / "firefox_paths.mjs"
PATHS = ("link-proportionaliteit", "link-contractselectie", "link-quotum", "keyboard-proportionaliteit",
         "keyboard-contractselectie", "import-export", "failure-and-retry", "instant-navigation")


@pytest.fixture(scope="module")
def firefox_run(built_site: Path, site_url: str, instant_site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    if not FIREFOX.exists():
        pytest.fail("Debian's firefox-esr is missing at /usr/bin/firefox-esr (make test installs it)")
    assert (ROOT / "node_modules" / "puppeteer-core").is_dir(), "npm puppeteer-core is missing (make setup installs it)"
    csv_path = tmp_path_factory.mktemp("firefox") / "contracten.csv"
    csv_path.write_bytes(CSV)
    with failing_site(built_site) as failing:
        the_plan = plan(site_url, failing, instant_site_url, csv_path)
        proc = subprocess.run([shutil.which("node") or "node", str(SCRIPT), json.dumps(the_plan)], cwd=ROOT,
                              capture_output=True, text=True, timeout=900)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("@@RESULT@@ ")]
    assert lines, f"the Firefox run gave no result (exit {proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    yield json.loads(lines[-1].removeprefix("@@RESULT@@ "))


@pytest.mark.parametrize("path", PATHS)
def test_reader_path_in_firefox(firefox_run: dict[str, Any], path: str) -> None:
    outcome = firefox_run["paths"].get(path)
    assert outcome is not None, f"{path} did not run"
    assert outcome["ok"], outcome.get("detail")


def test_no_console_errors_in_firefox(firefox_run: dict[str, Any]) -> None:
    assert firefox_run["version"].lower().startswith("firefox"), firefox_run["version"]
    assert firefox_run["consoleErrors"] == []
