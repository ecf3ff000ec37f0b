"""Shared fixtures (the built site, plain `mkdocs build --strict` after the prepare step) and markers by folder.

tests/core/ and tests/tools/<tool>/ are the fast core; tests/site/ is marked ``build``, tests/browser/
``browser`` and tests/pyodide/ ``pyodide`` (and ``build``), so ``pytest -m "not browser and not build"``
runs the core in seconds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, SiteHandler, serve

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
MARKERS_BY_FOLDER = {"site": ("build",), "browser": ("browser",), "pyodide": ("pyodide", "build")}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Where a test lives says what it needs: a built site, a browser, Pyodide under Node.
    for item in items:
        try:
            folder = item.path.resolve().relative_to(TESTS).parts[0]
        except ValueError:
            continue
        for marker in MARKERS_BY_FOLDER.get(folder, ()):
            item.add_marker(marker)


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


# --------------------------------------------------------------------------- two releases


def _release(site: Path, out: Path, epoch: int) -> Path:
    # Imported here: this conftest also loads inside Pyodide (tests/pyodide), whose wheel has no build layer.
    from handreiking_tools.site import dist, versioning

    versioning.version_site(site)
    return dist.build_dist(site, out, "test", epoch).zip_path


@pytest.fixture(scope="session")
def releases(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two `make dist` zips (test_real_servers.py, test_offline.py). Release 1: this checkout. Release 2: the
    same with the core's standard percentage 5 -> 7 (a new wheel, lock file and worker), built an hour
    later, as `make dist` would after a new commit."""
    work = tmp_path_factory.mktemp("releases")
    site1 = work / "site1"
    shutil.copytree(built_site, site1)
    zip1 = _release(site1, work / "dist1", 1_790_000_000)

    project = work / "project"
    project.mkdir()
    for name in ("overrides", "node_modules", ".cache", "package.json", "package-lock.json", "examples"):
        (project / name).symlink_to(ROOT / name)
    for name in ("pyproject.toml", "README.md", "mkdocs.yml"):  # copies: prepare finds its root from mkdocs.yml
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("_generated"))
    profile = project / "src" / "handreiking_tools" / "data" / "profile_handreiking.json"
    data = json.loads(profile.read_text("utf-8"))
    assert data["percentage_pct"]["value"] == 5
    data["percentage_pct"]["value"] = 7
    profile.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    for cmd in ([str(bin_dir / "python"), "-m", "handreiking_tools.cli", "prepare", "--docs", "docs", "--config", "mkdocs.yml"],
                [str(bin_dir / "mkdocs"), "build", "--strict", "--site-dir", str(work / "site2")]):
        proc = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env)
        assert proc.returncode == 0, proc.stderr[-3000:]
    zip2 = _release(work / "site2", work / "dist2", 1_790_003_600)
    return zip1, zip2


# --------------------------------------------------------------------------- browser fixtures


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def instant_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built with a site_url equal to where it is served: Material's instant navigation needs
    a sitemap with the pages' URLs (with the default empty site_url, links load whole pages)."""
    import functools
    import http.server
    import threading

    out = tmp_path_factory.mktemp("site-instant")
    # Bound before the build, so the URL baked into the sitemap is the one that answers.
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(out)))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--site-dir", str(out), "--config-file", "-"],
        input=f'INHERIT: mkdocs.yml\nsite_url: "{url}"\n', cwd=ROOT, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright."""
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is installed by make setup")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's Chromium is missing at /usr/bin/chromium (make test installs it)")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()
