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


VARIANT_LINKS = ("src", "overrides", "node_modules", ".cache", "pyproject.toml", "package.json", "package-lock.json",
                 "examples")


def build_variant(workdir: Path, config_extra: str, files: dict[str, Path] | None = None) -> dict[str, object]:
    """Prepare and build the site as a hosting organisation would, without touching this checkout's docs/.

    A scratch project in ``workdir``: links to the sources, runtime and examples, a copy of docs/ (so the
    generated snippets and bundle land in the copy), ``files`` copied into it (path in the project ->
    source), and a mkdocs.yml that INHERITs ours plus ``config_extra``. Returns the two processes
    (``prepare``, ``build``; build is None when prepare failed) and the ``site`` folder.
    """
    import shutil

    project = workdir / "project"
    project.mkdir(parents=True)
    for name in VARIANT_LINKS:
        (project / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("_generated", "pyodide"))
    for rel, src in (files or {}).items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, project / rel)
    (project / "mkdocs.yml").write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\n{config_extra}", encoding="utf-8")
    bin_dir = Path(sys.executable).parent
    prepare = subprocess.run([str(bin_dir / "handreiking-tools"), "prepare", "--docs", "docs", "--config", "mkdocs.yml"],
                             cwd=project, capture_output=True, text=True)
    site = project / "site"
    build = None
    if prepare.returncode == 0:
        build = subprocess.run([str(bin_dir / "mkdocs"), "build", "--strict", "--site-dir", str(site)],
                               cwd=project, capture_output=True, text=True)
    return {"prepare": prepare, "build": build, "site": site, "project": project}
