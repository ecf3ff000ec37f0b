"""The Pyodide bundle: the lock file matches the wheels on disk, our wheel is in it, and a wrong or
missing wheel stops prepare with a message that says which file, both hashes and how to fix it.

Uses the wheel cache of `make wheels` (.cache/wheels); damage is only ever done to temporary copies.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from handreiking_tools.site import bundle, prepare, speed

ROOT = Path(__file__).resolve().parents[2]
PINS = bundle.load_pins()
SITE_NAMES = {bundle.normalize(e["name"]) for e in PINS["site"]}
TEST_NAMES = {bundle.normalize(e["name"]) for e in PINS["test"]}


@pytest.fixture(scope="module")
def cache() -> Path:
    path = ROOT / ".cache" / "wheels"
    missing = [e["file_name"] for g in ("site", "build") for e in PINS[g] if not (path / e["file_name"]).is_file()]
    assert not missing, f"pinned wheels missing from {path}: {missing}; run `make wheels`."
    return path


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, cache: Path) -> bundle.Layout:
    """A throw-away copy of the project (sources, wheel cache; node_modules linked) to assemble into."""
    root = tmp_path_factory.mktemp("project")
    for name in ("pyproject.toml", "README.md", "mkdocs.yml"):
        shutil.copy2(ROOT / name, root / name)
    shutil.copytree(ROOT / "src", root / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    (root / "node_modules").mkdir()
    (root / "node_modules" / "pyodide").symlink_to(ROOT / "node_modules" / "pyodide")
    shutil.copytree(cache, root / ".cache" / "wheels")
    return bundle.Layout(root=root, docs=root / "docs")


@pytest.fixture(scope="module")
def assembled(project: bundle.Layout) -> dict:
    first = bundle.assemble(project)
    second = bundle.assemble(project)
    return {"first": first, "second": second, "lock": json.loads(first["lock"].read_text(encoding="utf-8"))}


def test_lock_lists_every_site_wheel_with_the_hash_of_the_file_on_disk(assembled: dict, project: bundle.Layout) -> None:
    packages = assembled["lock"]["packages"]
    assert SITE_NAMES | {"handreiking-tools"} == set(packages)
    for key, entry in packages.items():
        path = project.out / entry["file_name"]
        assert path.is_file(), f"{key}: {entry['file_name']} not in {project.out}"
        assert bundle.sha256_of(path) == entry["sha256"], key
        assert entry["install_dir"] == "site" and entry["package_type"] == "package"
        assert entry["imports"], key
        for dep in entry["depends"]:
            assert dep in packages, f"{key} depends on {dep}, which the lock does not list"


def test_lock_pins_the_versions_of_wheels_json(assembled: dict) -> None:
    packages = assembled["lock"]["packages"]
    for entry in PINS["site"]:
        got = packages[bundle.normalize(entry["name"])]
        assert (got["version"], got["file_name"], got["sha256"]) == (entry["version"], entry["file_name"], entry["sha256"])
    assert packages["pydantic"]["version"] == "2.14.3"
    assert packages["pydantic-core"]["file_name"].endswith(f"-{PINS['pyodide']['platform_tag']}.whl")


def test_own_wheel_is_in_the_lock_and_holds_the_core_and_its_data(assembled: dict, project: bundle.Layout) -> None:
    own = assembled["lock"]["packages"]["handreiking-tools"]
    assert own["file_name"] == assembled["first"]["own_wheel"]
    assert own["imports"] == ["handreiking_tools"] and "pydantic" in own["depends"]
    with zipfile.ZipFile(project.out / own["file_name"]) as zf:
        names = set(zf.namelist())
    assert "handreiking_tools/api.py" in names
    data_files = sorted(p.name for p in (project.root / "src" / "handreiking_tools" / "data").glob("*.json"))
    assert data_files, "the core ships its reference data as JSON"
    for name in data_files:
        assert f"handreiking_tools/data/{name}" in names


def test_test_only_wheels_stay_out_of_the_site(assembled: dict, project: bundle.Layout) -> None:
    assert not TEST_NAMES & set(assembled["lock"]["packages"])
    shipped = {p.name for p in project.out.glob("*.whl")}
    assert not {e["file_name"] for e in PINS["test"] + PINS["build"]} & shipped


def test_lock_info_is_pyodides_own_and_runtime_files_are_copied(assembled: dict, project: bundle.Layout) -> None:
    theirs = json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert assembled["lock"]["info"] == theirs["info"]
    for name in PINS["pyodide"]["runtime_files"]:
        if name == speed.STDLIB:  # written by the prepare step's speed.compile_stdlib (tests/site/test_speed.py)
            continue
        assert (project.out / name).read_bytes() == (ROOT / "node_modules" / "pyodide" / name).read_bytes(), name


def test_second_assemble_changes_nothing(assembled: dict) -> None:
    assert assembled["first"]["changed"], "the first run into an empty docs/ must write files"
    assert assembled["second"]["changed"] == []
    assert assembled["second"]["own_wheel"] == assembled["first"]["own_wheel"]


def test_changed_source_gives_a_new_wheel_name(project: bundle.Layout, assembled: dict) -> None:
    before = bundle.source_digest(project.root)
    fmt_py = project.root / "src" / "handreiking_tools" / "fmt.py"
    original = fmt_py.read_text(encoding="utf-8")
    try:
        fmt_py.write_text(original + "\n# changed\n", encoding="utf-8")
        assert bundle.source_digest(project.root) != before
    finally:
        fmt_py.write_text(original, encoding="utf-8")
    assert bundle.source_digest(project.root) == before


def _broken_project(tmp_path: Path, cache: Path) -> tuple[Path, Path]:
    root = tmp_path / "proj"
    (root / "node_modules").mkdir(parents=True)
    (root / "node_modules" / "pyodide").symlink_to(ROOT / "node_modules" / "pyodide")
    shutil.copytree(cache, root / ".cache" / "wheels")
    (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    return root, root / ".cache" / "wheels"


def test_wrong_hash_stops_prepare_with_a_clear_message(tmp_path: Path, cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, wheels = _broken_project(tmp_path, cache)
    entry = next(e for e in PINS["site"] if e["name"] == "pydantic")
    damaged = wheels / entry["file_name"]
    damaged.write_bytes(damaged.read_bytes() + b"tampered")
    code = prepare.main(docs=str(root / "docs"), config=str(root / "mkdocs.yml"))
    err = capsys.readouterr().err
    assert code == 1
    assert entry["file_name"] in err
    assert f"verwacht: {entry['sha256']}" in err
    assert f"gevonden: {bundle.sha256_of(damaged)}" in err
    assert "make wheels" in err
    assert not (root / "docs" / "pyodide" / "pyodide-lock.json").exists(), "no lock file may be written from bad wheels"
    # The real cache is untouched.
    assert bundle.sha256_of(cache / entry["file_name"]) == entry["sha256"]


def test_missing_wheel_stops_prepare_and_names_it(tmp_path: Path, cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, wheels = _broken_project(tmp_path, cache)
    entry = next(e for e in PINS["site"] if e["name"] == "pydantic-core")
    (wheels / entry["file_name"]).unlink()
    assert prepare.main(docs=str(root / "docs"), config=str(root / "mkdocs.yml")) == 1
    err = capsys.readouterr().err
    assert entry["file_name"] in err and "ontbreekt" in err and "make wheels" in err


def test_wrong_pyodide_version_in_node_modules_is_refused(tmp_path: Path, cache: Path) -> None:
    root = tmp_path / "proj"
    fake = root / "node_modules" / "pyodide"
    fake.mkdir(parents=True)
    (fake / "package.json").write_text(json.dumps({"name": "pyodide", "version": "0.0.1"}), encoding="utf-8")
    with pytest.raises(bundle.BundleError, match="0.0.1.*314.0.7.*npm ci"):
        bundle.assemble(bundle.Layout(root=root, docs=root / "docs"))


def test_pins_are_complete_and_exact() -> None:
    for group in ("site", "test", "build"):
        for entry in PINS[group]:
            assert len(entry["sha256"]) == 64 and int(entry["sha256"], 16) >= 0, entry["name"]
            assert entry["file_name"].startswith(entry["name"].replace("-", "_")), entry["file_name"]
            assert f"-{entry['version']}-" in entry["file_name"], entry["file_name"]
    versions = {bundle.normalize(e["name"]): e["version"] for e in PINS["site"]}
    major, minor, *_ = (int(x) for x in versions["typing-extensions"].split("."))
    assert (major, minor) >= (4, 16), "pydantic 2.14 needs typing_extensions >= 4.16"
    package_json = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert package_json["dependencies"]["pyodide"] == PINS["pyodide"]["npm_version"]
