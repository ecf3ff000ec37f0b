"""`handreiking-tools prepare`: render data-driven snippets and assemble the browser bundle under docs/.

Everything written here is generated and git-ignored: ``docs/_generated/`` (snippets the pages
include) and ``docs/pyodide/`` (runtime, wheels, lock file). The step works offline; the pinned
wheels are downloaded beforehand by ``make wheels``. Each part only rewrites files whose content
changed, so running it before every build and serve is cheap.
"""

from __future__ import annotations

import functools
import importlib
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .bundle import BundleError, Layout, assemble


def _optional_step(module: str, func: str) -> Callable[..., list[Path]] | None:
    """A renderer from a sibling module, or None while that module has not been written yet."""
    full = f"{__package__}.{module}"
    try:
        mod = importlib.import_module(full)
    except ModuleNotFoundError as exc:
        if exc.name == full:
            return None
        raise
    step: Callable[..., list[Path]] = getattr(mod, func)
    return step


def _render_synced(step: Callable[..., list[Path]], out: Path) -> tuple[int, int]:
    """Render into a scratch folder, then copy over only the files whose content changed.

    Unchanged snippets keep their mtime, so `mkdocs serve` does not rebuild in a loop.
    Returns (files rendered, files changed).
    """
    with tempfile.TemporaryDirectory(prefix="prepare-") as tmp:
        scratch = Path(tmp)
        step(scratch)
        rendered = changed = 0
        for src in sorted(p for p in scratch.rglob("*") if p.is_file()):
            rendered += 1
            dst = out / src.relative_to(scratch)
            if dst.is_file() and dst.read_bytes() == src.read_bytes():
                continue
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
            changed += 1
    return rendered, changed


def checkout_problem(root: Path, config: Path) -> str | None:
    """A Dutch explanation when there is no site to prepare (no mkdocs.yml: not a source checkout), else None.
    The bundle step names a missing src/ or pyproject.toml itself."""
    if config.is_file():
        return None
    return (
        f"`handreiking-tools prepare` maakt de site uit de broncode, maar in {root} ontbreekt {config.name}.\n"
        "Het pakket alleen (pip install) is genoeg om te rekenen (`handreiking-tools run`), niet om de site te bouwen.\n"
        "Haal de broncode op (git clone), ga naar die map en draai daar `make prepare` of `make site`."
    )


def main(docs: str = "docs", config: str = "mkdocs.yml") -> int:
    root = Path(config).resolve().parent
    problem = checkout_problem(root, Path(config).resolve())
    if problem:
        print(f"FOUT: {problem}", file=sys.stderr)
        return 1
    docs_dir = Path(docs).resolve()
    out = docs_dir / "_generated"

    # The site's own policy profile is checked before anything is written: a bad one stops the build
    # with the file and the field, and leaves the previous build's files as they were.
    from . import profile as site_profile

    try:
        site_profile.load(Path(config).resolve())
    except site_profile.ProfileFileError as exc:
        print(f"FOUT in het beleidsprofiel (policy profile error):\n{exc}\n"
              f"Verbeter het bestand dat mkdocs.yml noemt onder {site_profile.CONFIG_KEY_TEXT}.", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)

    # The bundle first: it is what the browser needs, and it fails with the clearest messages.
    try:
        summary = assemble(Layout(root=root, docs=docs_dir))
    except BundleError as exc:
        print(f"FOUT bij het voorbereiden van Pyodide:\n{exc}", file=sys.stderr)
        return 1
    print(f"prepare: pyodide-bundel klaar ({summary['own_wheel']}, {len(summary['changed'])} bestanden bijgewerkt)")

    # The organisation's own policy profile (mkdocs.yml extra.handreiking.policy_profile) next: the steps
    # below get it (as the default of the site's profiles) to compute the worked examples with.
    try:
        own = site_profile.apply(Path(config).resolve(), docs_dir / "pyodide")
    except site_profile.ProfileFileError as exc:
        print(f"FOUT in het beleidsprofiel (policy profile error):\n{exc}\n"
              f"Verbeter het bestand dat mkdocs.yml noemt onder {site_profile.CONFIG_KEY_TEXT}.", file=sys.stderr)
        return 1
    print(f"prepare: beleidsprofiel: {own.profile.label} ({own.file})" if own else "prepare: beleidsprofiel: standaard (handreiking)")
    profiles = site_profile.profiles_of(own)

    for module, func in (("forms", "render_forms"), ("tables", "render_tables"), ("about", "render_about"),
                         ("content", "render_content"), ("explain", "render_explain")):
        step = _optional_step(module, func)
        if step is None:
            print(f"prepare: site/{module}.py bestaat nog niet, overgeslagen")
            continue
        if module in ("forms", "about", "explain"):  # compute or describe with the site's own profile
            step = functools.partial(step, profiles=profiles)
        if module == "about":  # reads the lock files of the project, not of the current directory
            step = functools.partial(step, root=root)
        if module == "content":  # references and glossary are data beside the pages (docs/_data/)
            step = functools.partial(step, docs=docs_dir)
        rendered, changed = _render_synced(step, out)
        print(f"prepare: {module}: {rendered} bestanden ({changed} bijgewerkt)")

    # Last, once every file under docs/pyodide/ is final: the start-up snapshot and the .gz/.br copies.
    from . import speed

    layout = Layout(root=root, docs=docs_dir)
    for line in speed.run(layout.out, layout.node_pyodide / speed.STDLIB, layout.cache):
        print(f"prepare: {line}")
    return 0
