"""Shared fixtures: the built site (plain `mkdocs build --strict`, after the prepare step)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh strict build of the site into a temporary folder (prepare has run via make)."""
    out = tmp_path_factory.mktemp("site")
    bin_dir = Path(sys.executable).parent
    proc = subprocess.run(
        [str(bin_dir / "mkdocs"), "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stderr[-4000:]}"
    return out
