"""The finder for the standard library's second zip (site/stdlib_rest.py), run in CPython on two small zips
laid out as compile_stdlib lays them out: a package split over both, a module only in the second."""

from __future__ import annotations

import shutil
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from handreiking_tools.site import stdlib_rest


@pytest.fixture()
def zips(tmp_path: Path) -> Iterator[tuple[Path, Path, Path]]:
    """(first zip, second zip, where the finder expects the second) with the first on sys.path; the
    second is not in place until the finder's fetch puts it there."""
    first, made, place = tmp_path / "first.zip", tmp_path / "made.zip", tmp_path / "lib" / "rest.zip"
    rest = {"hrpkg/later.py": "VALUE = 'later'\n", "hrsolo.py": "VALUE = 'solo'\n",
            "hrwhole/__init__.py": "from . import inner\n", "hrwhole/inner.py": "VALUE = 'inner'\n"}
    with zipfile.ZipFile(first, "w") as zf:
        zf.writestr("hrpkg/__init__.py", "VALUE = 'first'\n")
        zf.writestr(stdlib_rest.LISTING, "\n".join(rest) + "\n")
    with zipfile.ZipFile(made, "w") as zf:
        for name, text in rest.items():
            zf.writestr(name, text)
    place.parent.mkdir()
    sys.path.insert(0, str(first))
    meta = list(sys.meta_path)
    try:
        yield first, made, place
    finally:
        sys.path.remove(str(first))
        sys.meta_path[:] = meta
        for name in [m for m in sys.modules if m.split(".")[0] in ("hrpkg", "hrsolo", "hrwhole", "hrnowhere")]:
            del sys.modules[name]
        sys.path_importer_cache.pop(str(first), None)


def test_a_listed_module_is_fetched_once_and_imported_from_the_second_zip(zips: tuple[Path, Path, Path]) -> None:
    first, made, place = zips
    asked: list[int] = []

    def fetch() -> bool:
        asked.append(1)
        shutil.copy(made, place)
        return True

    stdlib_rest.install(str(place), fetch, first=str(first))
    import hrpkg  # in the first zip: the finder is not asked

    assert hrpkg.VALUE == "first" and asked == []
    import hrpkg.later  # the package is in the first zip, this module only in the second

    assert hrpkg.later.VALUE == "later" and asked == [1]
    import hrsolo
    import hrwhole  # a whole package in the second zip: its own modules come from there as usual

    assert (hrsolo.VALUE, hrwhole.inner.VALUE) == ("solo", "inner")
    assert asked == [1]


def test_a_name_not_listed_never_fetches(zips: tuple[Path, Path, Path]) -> None:
    """A module Pyodide lacks (tarfile tries pwd at its import) must not cost a 1,7 MB download."""
    first, _made, place = zips
    asked: list[int] = []
    stdlib_rest.install(str(place), lambda: bool(asked.append(1)), first=str(first))
    with pytest.raises(ModuleNotFoundError):
        import hrnowhere  # noqa: F401
    assert asked == []


def test_when_the_fetch_fails_the_import_fails_as_without_the_finder(zips: tuple[Path, Path, Path]) -> None:
    first, made, place = zips
    tries: list[int] = []
    stdlib_rest.install(str(place), lambda: bool(tries.append(1)), first=str(first))
    with pytest.raises(ModuleNotFoundError):
        import hrsolo
    shutil.copy(made, place)  # a later try (the background fetch came in meanwhile) works
    import hrsolo

    assert hrsolo.VALUE == "solo" and tries == [1]


def test_a_first_zip_without_a_listing_finds_nothing(tmp_path: Path) -> None:
    """A build without the split (Pyodide's own zip, whole) has no listing: the finder stays out of the way."""
    first = tmp_path / "whole.zip"
    with zipfile.ZipFile(first, "w") as zf:
        zf.writestr("hrsolo.py", "VALUE = 1\n")
    finder = stdlib_rest.StdlibRest(str(first), str(tmp_path / "rest.zip"), lambda: pytest.fail("fetched"))
    assert finder.find_spec("hrsolo") is None and finder.listed() == frozenset()


def test_install_puts_the_finder_right_after_the_path_finder(zips: tuple[Path, Path, Path]) -> None:
    from importlib.machinery import PathFinder

    first, _made, place = zips
    finder = stdlib_rest.install(str(place), lambda: False, first=str(first))
    assert sys.meta_path.index(finder) == sys.meta_path.index(PathFinder) + 1
