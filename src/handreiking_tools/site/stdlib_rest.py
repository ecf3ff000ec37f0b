"""The finder for the standard library's second zip, for the browser's Python (not part of our wheel).

The site's ``python_stdlib.zip`` holds only the modules that a start imports; the others are in
``python_stdlib_rest.zip``, which the engine worker fetches after its first reply (site/speed.py). The
prepare step compiles this file into the first zip as ``_stdlib_rest``, and the snapshot run imports it,
so a start does not compile it. The worker calls :func:`install` before Python imports anything else.

:class:`StdlibRest` finds a module that the first zip lists as in the second (``python_stdlib_rest.txt``)
in that second zip; when that zip is not there yet, it asks ``fetch`` to put it in place at once (the
worker then fetches it with a synchronous request), so an import never fails for want of it. Any other
name (a module that Pyodide lacks, such as ``pwd``, which tarfile tries at its import) is left to the
other finders without a fetch. Standard library only: this runs before anything else is there.
"""

import sys
import zipimport
from collections.abc import Callable
from importlib.machinery import ModuleSpec, PathFinder

LISTING = "python_stdlib_rest.txt"  # in the first zip: the second zip's members, one per line


class StdlibRest:
    """A meta path finder for the modules that ``first`` (a zip on sys.path) lists as in ``archive``."""

    def __init__(self, first: str, archive: str, fetch: Callable[[], bool]) -> None:
        self.first, self.archive, self.fetch = first, archive, fetch
        self._listed: frozenset[str] | None = None

    def listed(self) -> frozenset[str]:
        if self._listed is None:
            try:
                data = zipimport.zipimporter(self.first).get_data(LISTING)
            except (OSError, zipimport.ZipImportError):  # a build without the split lists nothing
                data = b""
            self._listed = frozenset(data.decode("utf-8").split())
        return self._listed

    def find_spec(self, name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        stem = name.replace(".", "/")
        if stem + ".py" not in self.listed() and stem + "/__init__.py" not in self.listed():
            return None
        package = name.rpartition(".")[0]
        where = self.archive + "/" + (package.replace(".", "/") + "/" if package else "")
        try:
            importer = zipimport.zipimporter(where)
        except zipimport.ZipImportError:  # the second zip is not here yet
            if not self.fetch():
                return None
            importer = zipimport.zipimporter(where)
        return importer.find_spec(name)


def install(archive: str, fetch: Callable[[], bool], first: str | None = None) -> StdlibRest:
    """Put a :class:`StdlibRest` right after the path finder (before Pyodide's own hook for packages it
    has but did not load). ``first``: the zip that lists the second's members (default: the first zip on
    sys.path, the standard library's)."""
    finder = StdlibRest(first or next(p for p in sys.path if p.endswith(".zip")), archive, fetch)
    at = next((i + 1 for i, f in enumerate(sys.meta_path) if f is PathFinder), len(sys.meta_path))
    sys.meta_path.insert(at, finder)
    return finder
