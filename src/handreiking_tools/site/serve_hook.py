"""MkDocs hook, a convenience for `mkdocs serve` only: re-run the prepare step on every rebuild.

`make` runs the prepare step before every build; this hook only keeps a running `mkdocs serve`
in step with edits to the core (mkdocs.yml `watch:` lists src/handreiking_tools). `mkdocs build`
ignores it, so the build stays plain MkDocs and other builders (ProperDocs, Zensical) need it not.
Prepare runs in a fresh process, because this one has already imported the old core.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from typing import Any

log = logging.getLogger("mkdocs.hooks.handreiking")
_serving = False


# Runs once per process, before any build: remember whether this is `mkdocs serve`.
def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


# Runs before each (re)build: refresh forms, examples and the Pyodide bundle; prepare only rewrites what changed.
def on_pre_build(config: Any) -> None:
    if not _serving:
        return
    proc = subprocess.run(
        [sys.executable, "-m", "handreiking_tools.cli", "prepare", "--docs", config.docs_dir, "--config", config.config_file_path],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        log.warning("prepare failed, the site shows the previous state:\n%s", (proc.stderr or proc.stdout)[-3000:])
