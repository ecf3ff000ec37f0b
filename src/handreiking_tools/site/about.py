"""The 'Over deze site' snippet: versions and licences from the lock files, dates of the figures.

Everything is read at build time from the files that pin what the site ships: ``pyproject.toml``
(the site's version), ``package-lock.json`` with each ``node_modules/*/package.json`` (npm packages
and their licences), ``site/wheels.json`` (the wheels the browser loads, with licences), Pyodide's
own lock file (the CPython version inside it), the installed build tools' metadata, the core's data
files (dates of the figures) and the policy profile in use. Nothing is typed in by hand, so the page
cannot drift from what is really in the site.
"""

from __future__ import annotations

import json
import tomllib
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from ..data import load_json
from ..profile import DEFAULT, SHIPPED_PROFILES, Profiles, load_profile
from .bundle import PINS_FILE, load_pins

OUT_NAME = "over-deze-site.md"
BUILD_TOOLS = (
    ("mkdocs", "MkDocs", "bouwt de pagina's"),
    ("mkdocs-material", "Material for MkDocs", "thema en zoekfunctie"),
    ("pymdown-extensions", "PyMdown Extensions", "extra opmaak in de pagina's"),
    ("jinja2", "Jinja2", "maakt formulieren en tabellen uit de data"),
    ("pyyaml", "PyYAML", "leest mkdocs.yml en het beleidsprofiel"),
)
# Python's own licence; CPython's metadata is not a package we can ask.
CPYTHON_LICENSE = "PSF-2.0"
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")
_CLASSIFIER_LICENSES = {"MIT License": "MIT", "BSD License": "BSD", "Apache Software License": "Apache-2.0",
                        "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0", "Python Software Foundation License": "PSF-2.0"}


def dutch_date(text: str) -> str:
    """'2022-10-07' -> '7 oktober 2022'; '2020-10' -> 'oktober 2020'; anything else unchanged."""
    parts = str(text).split("-")
    try:
        if len(parts) == 3:
            d = date.fromisoformat(text)
            return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
        if len(parts) == 2 and len(parts[0]) == 4:
            return f"{MONTHS[int(parts[1]) - 1]} {int(parts[0])}"
    except (ValueError, IndexError):
        pass
    return str(text).replace("-", "–") if len(parts) == 2 else str(text)


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(head: tuple[str, ...], rows: list[tuple[Any, ...]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def installed_license(dist: str) -> str:
    """A package's licence from its installed metadata (SPDX expression, short licence or classifier)."""
    try:
        md = metadata.metadata(dist)
    except metadata.PackageNotFoundError:
        return "onbekend"
    expression = md.get_all("License-Expression") or []
    if expression:
        return str(expression[0])
    lic = str((md.get_all("License") or [""])[0]).strip()
    if lic and len(lic) <= 40 and "\n" not in lic:
        return lic
    for classifier in md.get_all("Classifier") or []:
        if classifier.startswith("License ::"):
            tail = classifier.rsplit("::", 1)[-1].strip()
            return _CLASSIFIER_LICENSES.get(tail, tail)
    return "onbekend"


def site_version(root: Path) -> tuple[str, str]:
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lic = project.get("license", "")
    return project["version"], lic if isinstance(lic, str) else lic.get("text", "")


def npm_packages(root: Path) -> list[dict[str, Any]]:
    """Every package of package-lock.json, with its licence from node_modules (or the lock file)."""
    lock = json.loads((root / "package-lock.json").read_text(encoding="utf-8"))
    out = []
    for key, entry in sorted(lock.get("packages", {}).items()):
        if not key.startswith("node_modules/"):
            continue
        name = key.removeprefix("node_modules/")
        lic = entry.get("license")
        pkg_json = root / key / "package.json"
        if pkg_json.is_file():
            lic = json.loads(pkg_json.read_text(encoding="utf-8")).get("license", lic)
        out.append({"name": name, "version": entry.get("version", "?"), "license": lic or "onbekend",
                    "dev": bool(entry.get("dev"))})
    return out


def python_version(root: Path, pins: dict[str, Any]) -> str:
    lock = root / "node_modules" / "pyodide" / "pyodide-lock.json"
    if lock.is_file():
        return json.loads(lock.read_text(encoding="utf-8"))["info"].get("python", pins["pyodide"]["python_version"])
    return pins["pyodide"]["python_version"]


def data_dates() -> list[tuple[str, str, str]]:
    """(what, document, date) of the figures in the core's data."""
    letter = load_json("quota_letter_2022")
    proc = load_json("procurement")
    guide = load_profile(DEFAULT)
    cats = load_json("categories")
    return [
        ("Stappen, vuistregels en rollen", "Handreiking Partnerships voor meer banen", dutch_date(guide.version)),
        ("Cijfers over de banenafspraak bij het Rijk", f"{letter['letter']['document']}, {letter['letter']['section']}",
         dutch_date(letter["version"])),
        ("Europese aanbestedingsdrempels", proc["eu_thresholds"]["works_eur"]["source"]["document"],
         f"geldig {dutch_date(proc['eu_thresholds']['period'])}"),
        ("Geschat arbeidsaandeel per categorie", "eigen schatting van deze site (vervang die door je eigen cijfer)",
         dutch_date(cats["version"])),
    ]


def profile_section(profiles: Profiles) -> str:
    current = profiles.load(None)
    if current.name == DEFAULT:
        first = (f"De rekenhulpen gebruiken standaard de vuistregels van de handreiking "
                 f"(**{current.label}**, versie {current.version}). Deze site heeft geen eigen beleidsprofiel.")
    else:
        first = (f"De rekenhulpen gebruiken standaard het eigen beleid van **{current.label}** "
                 f"(versie {current.version}). Dat beleid is bij het bouwen van de site gecontroleerd.")
        if current.description:
            first += f" {current.description}"
    others = [profiles.load(n) for n in profiles.names() if n != current.name]
    rest = "Je kunt in de rekenhulp ook kiezen voor: " + "; ".join(
        f"{p.label} (versie {p.version})" for p in others) + "." if others else ""
    return "\n\n".join(x for x in (first, rest) if x)


def render(root: Path, profiles: Profiles = SHIPPED_PROFILES) -> str:
    pins = load_pins(PINS_FILE)
    version, own_license = site_version(root)
    npm = npm_packages(root)
    pyodide_npm = next((p for p in npm if p["name"] == "pyodide"), None)
    pyodide_version = pyodide_npm["version"] if pyodide_npm else pins["pyodide"]["npm_version"]
    pyodide_license = pyodide_npm["license"] if pyodide_npm else pins["pyodide"]["license"]

    browser_rows = [
        ("handreiking-tools", version, own_license or "onbekend", "de rekenregels van deze site"),
        ("Pyodide", pyodide_version, pyodide_license, "Python in de browser"),
        ("CPython", python_version(root, pins), CPYTHON_LICENSE, "de taal Python, binnen Pyodide"),
    ]
    purpose = {"pydantic": "controleert de invoer", "pydantic-core": "snelle kern van pydantic",
               "openpyxl": "leest Excel-bestanden (alleen bij uploaden)", "et-xmlfile": "hulp voor openpyxl"}
    browser_rows += [(w["name"], w["version"], w.get("license", "onbekend"), purpose.get(w["name"], "hulp voor pydantic"))
                     for w in pins["site"]]
    def npm_use(p: dict[str, Any]) -> str:
        if p["name"] == "pyodide":
            return "in de site: Python in de browser"
        return "alleen voor de tests" if p["dev"] else "hoort bij het npm-pakket van Pyodide; niet in de site"

    npm_rows = [(p["name"], p["version"], p["license"], npm_use(p)) for p in npm]
    tool_rows = []
    for dist, label, what in BUILD_TOOLS:
        try:
            v = metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
        tool_rows.append((label, v, installed_license(dist), what))

    parts = [
        f"Versie van deze site: **{version}**. De rekenhulpen draaien op **Pyodide {pyodide_version}** "
        f"(Python {python_version(root, pins)}) in je eigen browser, geladen van deze site zelf.",
        "## Welke regels de rekenhulpen gebruiken",
        profile_section(profiles),
        "## Hoe oud de cijfers zijn",
        _table(("Wat", "Bron", "Datum"), data_dates()),
        "## Wat er in je browser draait",
        "Deze onderdelen laadt de browser van deze site als je een rekenhulp gebruikt. "
        "Elk onderdeel is vastgezet op één versie.",
        _table(("Onderdeel", "Versie", "Licentie", "Waarvoor"), browser_rows),
        "## npm-pakketten",
        "Uit `package-lock.json`, met de licentie uit elk pakket zelf.",
        _table(("Pakket", "Versie", "Licentie", "Gebruik"), npm_rows),
        "## Waarmee de site is gebouwd",
        "Deze programma's maken van de tekst en de data een website. Ze draaien niet in je browser.",
        _table(("Programma", "Versie", "Licentie", "Waarvoor"), tool_rows),
    ]
    return "\n\n".join(parts) + "\n"


def render_about(out_dir: Path, root: Path | None = None, profiles: Profiles = SHIPPED_PROFILES) -> list[Path]:
    """Write the snippet that docs/over-deze-site.md includes; return its path."""
    root = Path(root) if root is not None else Path.cwd()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / OUT_NAME
    path.write_text(render(root, profiles), encoding="utf-8")
    return [path]
