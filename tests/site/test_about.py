"""The 'Over deze site' page: generated from the lock files, so it names what the site really ships."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT

from handreiking_tools.data import load_json
from handreiking_tools.site import about
from handreiking_tools.site.bundle import load_pins


@pytest.fixture(scope="module")
def page() -> str:
    return about.render(ROOT)


def rows(markdown: str) -> dict[str, list[str]]:
    """First cell -> the other cells, for every table row of the snippet."""
    out = {}
    for line in markdown.splitlines():
        if line.startswith("| ") and not line.startswith("| ---"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            out[cells[0]] = cells[1:]
    return out


def test_site_and_pyodide_versions_come_from_the_project_files(page: str) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pyodide = lock["packages"]["node_modules/pyodide"]["version"]
    assert f"Versie van deze site: **{version}**" in page
    assert f"Pyodide {pyodide}" in page
    r = rows(page)
    assert r["Pyodide"][:2] == [pyodide, "MPL-2.0"]
    assert r["CPython"][1] == "PSF-2.0"
    python = json.loads((ROOT / "node_modules/pyodide/pyodide-lock.json").read_text(encoding="utf-8"))["info"]["python"]
    assert r["CPython"][0] == python


def test_every_bundled_wheel_is_listed_with_its_licence(page: str) -> None:
    r = rows(page)
    pins = load_pins()
    for wheel in pins["site"]:
        assert r[wheel["name"]][:2] == [wheel["version"], wheel["license"]], wheel["name"]
    assert r["pydantic"][1] == "MIT"


def test_every_npm_package_is_listed_with_the_licence_from_its_package_json(page: str) -> None:
    r = rows(page)
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    names = [k.removeprefix("node_modules/") for k in lock["packages"] if k.startswith("node_modules/")]
    assert names
    for name in names:
        own = json.loads((ROOT / "node_modules" / name / "package.json").read_text(encoding="utf-8"))
        assert r[name][:2] == [own["version"], own["license"]], name


def test_build_tools_with_their_licences(page: str) -> None:
    r = rows(page)
    assert r["MkDocs"][1] == "BSD-2-Clause"
    assert r["Material for MkDocs"][1] == "MIT"
    req = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    assert f"mkdocs=={r['MkDocs'][0]}" in req and f"mkdocs-material=={r['Material for MkDocs'][0]}" in req


def test_dates_of_the_figures(page: str) -> None:
    text = re.sub(r"\s+", " ", page)
    assert "7 oktober 2022" in text  # the 2022 letter to parliament
    assert "oktober 2020" in text  # the guidance
    assert "geldig 2026–2027" in text  # the EU thresholds in the data
    period = load_json("procurement")["eu_thresholds"]["period"]
    assert period == "2026-2027"


def test_default_profile_is_named(page: str) -> None:
    assert "vuistregels van de handreiking" in page and "geen eigen beleidsprofiel" in page
    assert "Rijksoverheid (standaard social return)" in page


@pytest.mark.parametrize("text, expected", [
    ("2022-10-07", "7 oktober 2022"), ("2020-10", "oktober 2020"), ("2026-2027", "2026–2027"), ("los", "los"),
])
def test_dutch_date(text: str, expected: str) -> None:
    assert about.dutch_date(text) == expected


def test_page_follows_the_files_not_a_fixed_list(tmp_path: Path) -> None:
    """Another project root with other versions and packages gives another page."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "9.8.7"\nlicense = "EUPL-1.2"\n')
    (tmp_path / "package-lock.json").write_text(json.dumps({"packages": {
        "": {}, "node_modules/pyodide": {"version": "1.2.3", "license": "MPL-2.0"},
        "node_modules/klein-pakket": {"version": "0.0.1", "license": "lock-licentie", "dev": True}}}))
    (tmp_path / "node_modules" / "klein-pakket").mkdir(parents=True)
    (tmp_path / "node_modules" / "klein-pakket" / "package.json").write_text(json.dumps({"license": "ISC"}))
    text = about.render(tmp_path)
    r = rows(text)
    assert "Versie van deze site: **9.8.7**" in text and "Pyodide 1.2.3" in text
    assert r["klein-pakket"] == ["0.0.1", "ISC", "alleen voor de tests"]
    assert r["pyodide"][:2] == ["1.2.3", "MPL-2.0"]


def test_built_page_is_in_the_nav_and_shows_the_tables(built_site: Path) -> None:
    html = (built_site / "over-deze-site" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in html and "Over deze site" in html
    assert html.count("<table") >= 4
    assert "MPL-2.0" in html and "PSF-2.0" in html and "BSD-2-Clause" in html
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="over-deze-site/"' in home  # in the navigation of every page
