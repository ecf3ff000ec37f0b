"""Hosting (issue 6): the GitHub Pages workflow, `make dist`, a build served from a sub-path, and the
Content-Security-Policy that the page 'Zelf hosten' recommends, run in Chromium."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shlex
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from browser_support import ENGINE_TIMEOUT, SiteHandler, serve

from handreiking_tools import api
from handreiking_tools.site import dist

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
PAGE = ROOT / "docs" / "zelf-hosten.md"
SUB_SITE_URL = "https://voorbeeld.github.io/handreiking/"
PREFIX = "/handreiking/"
# The release of each action, its commit (read from the action's own repository) and what it runs on.
# actions/configure-pages is not used: its newest release (v5.0.0) still runs on Node 20, which GitHub's
# runners no longer have; the workflow asks the Pages API for the address itself.
PINNED_ACTIONS = {
    "actions/checkout": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1", "node24"),
    "actions/setup-python": ("5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0", "node24"),
    "actions/setup-node": ("820762786026740c76f36085b0efc47a31fe5020", "v7.0.0", "node24"),
    "actions/upload-pages-artifact": ("fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0", "composite"),
    "actions/deploy-pages": ("cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0", "node24"),
}
OFFICIAL_ACTIONS = set(PINNED_ACTIONS)
CALCULATOR_PAGES = (
    "hulpmiddelen/proportionaliteit/index.html",
    "hulpmiddelen/contractselectie/index.html",
    "hulpmiddelen/quotum/index.html",
)


# --- 1. The GitHub Pages workflow -------------------------------------------------------------------


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text("utf-8"))


def _triggers(wf: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the bare key `on` as the boolean True.
    on = wf.get("on", wf.get(True))
    assert isinstance(on, dict), f"triggers must be a mapping, got {on!r}"
    return on


def _steps(wf: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in wf["jobs"].values() for step in job.get("steps", [])]


def pin_problem(uses: str) -> str | None:
    """Why a `uses:` reference is not acceptable, or None: an official action pinned to a full commit SHA."""
    name, _, ref = uses.partition("@")
    if name not in OFFICIAL_ACTIONS:
        return f"{name} is not one of the official Pages actions"
    if not re.fullmatch(r"[0-9a-f]{40}", ref):
        return f"{uses} is not pinned to a full commit SHA"
    return None


def test_pin_rule_rejects_branches_tags_and_other_actions() -> None:
    assert pin_problem("actions/checkout@main")
    assert pin_problem("actions/checkout@v4")
    assert pin_problem("actions/checkout@11bd719")
    assert pin_problem("someone/checkout@11bd71901bbe5b1630ceea73d27597364c9af683")
    assert pin_problem("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683") is None


def test_workflow_runs_on_push_to_main_and_by_hand_only(workflow: dict[str, Any]) -> None:
    on = _triggers(workflow)
    assert set(on) == {"push", "workflow_dispatch"}, "a pull request must never deploy"
    assert on["push"]["branches"] == ["main"]


def test_workflow_permissions_are_minimal(workflow: dict[str, Any]) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    # Reading the Pages address needs Pages read access in the build job, nothing more.
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    deployers = {name for name, job in jobs.items() if any(v == "write" for v in job.get("permissions", {}).values())}
    assert deployers == {"deploy"}, f"only the deploy job may write: {deployers}"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"


def test_workflow_builds_with_make_site_and_the_pages_sub_path(workflow: dict[str, Any]) -> None:
    build = [s for s in _steps(workflow) if "run" in s and re.search(r"\bmake site\b", s["run"])]
    assert len(build) == 1, "the site is built with the Makefile target a developer uses"
    address = next(s for s in _steps(workflow) if "gh api" in s.get("run", ""))
    assert "repos/${GITHUB_REPOSITORY}/pages" in address["run"] and 'base_url=${url%/}' in address["run"]
    assert address["env"] == {"GH_TOKEN": "${{ github.token }}"}
    assert build[0]["env"]["SITE_URL"] == "${{ steps." + address["id"] + ".outputs.base_url }}/"
    upload = next(s for s in _steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site", "upload the folder `make site` writes"


def test_workflow_tests_before_it_builds_and_caches_pip_and_npm(workflow: dict[str, Any]) -> None:
    steps = workflow["jobs"]["build"]["steps"]
    names = [s.get("name", "") for s in steps]
    tests = next(i for i, s in enumerate(steps) if "pytest" in s.get("run", ""))
    assert 'pytest -m "not browser"' in steps[tests]["run"] and "make prepare servers" in steps[tests]["run"]
    assert tests < next(i for i, s in enumerate(steps) if "make site" in s.get("run", "")), names
    with_ = {s["uses"].partition("@")[0]: s.get("with", {}) for s in steps if "uses" in s}
    assert with_["actions/setup-python"]["cache"] == "pip"
    assert with_["actions/setup-node"]["cache"] == "npm"
    assert int(with_["actions/setup-node"]["node-version"]) >= 20


def test_workflow_uses_only_official_actions_pinned_by_sha(workflow: dict[str, Any]) -> None:
    uses = [s["uses"] for s in _steps(workflow) if "uses" in s]
    assert {u.partition("@")[0] for u in uses} == OFFICIAL_ACTIONS
    for u in uses:
        name, _, sha = u.partition("@")
        assert sha == PINNED_ACTIONS[name][0], f"{u}: not the verified commit of {PINNED_ACTIONS[name][1]}"
        assert PINNED_ACTIONS[name][2] in ("node24", "composite")
    assert [p for p in map(pin_problem, uses) if p] == []
    # Every pin carries its release tag as a comment, so a reader knows which version it is.
    text = WORKFLOW.read_text("utf-8")
    for u in uses:
        assert re.search(re.escape(u) + r" # v\d+\.\d+\.\d+\s*$", text, re.M), f"{u} lacks its version comment"


# --- 2. The Makefile: `make site` with SITE_URL, `make dist` ----------------------------------------


def _make_dry_run(*args: str) -> list[str]:
    if shutil.which("make") is None:
        pytest.fail("make is required (the README's first line)")
    proc = subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


def test_make_site_without_site_url_builds_plain_mkdocs_yml() -> None:
    lines = [line for line in _make_dry_run("site", "SITE_URL=") if "mkdocs build" in line]
    assert lines and all("INHERIT" not in line for line in lines)


def test_make_site_dates_the_build_like_the_zip(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sitemap's lastmod is MkDocs' build date: `make site` sets it from SOURCE_DATE_EPOCH or the last
    commit (as the zip's file dates), so the same commit built twice gives byte-identical files."""
    for site_url in ("", "https://voorbeeld.github.io/handreiking/"):
        lines = [line for line in _make_dry_run("site", f"SITE_URL={site_url}") if "mkdocs build" in line]
        assert len(lines) == 1
        assert lines[0].startswith('epoch="$(.venv/bin/python -m handreiking_tools.site.dist --epoch)" && ')
        assert 'SOURCE_DATE_EPOCH="$epoch" .venv/bin/mkdocs build' in lines[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    proc = subprocess.run([sys.executable, "-m", "handreiking_tools.site.dist", "--epoch"], capture_output=True, text=True)
    assert (proc.returncode, proc.stdout) == (0, "1700000000\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "gisteren")
    proc = subprocess.run([sys.executable, "-m", "handreiking_tools.site.dist", "--epoch"], capture_output=True, text=True)
    assert proc.returncode == 1 and proc.stdout == "" and "SOURCE_DATE_EPOCH" in proc.stderr, "make site stops"


def test_make_dist_zips_the_built_site_with_dist_py() -> None:
    lines = _make_dry_run("dist")
    build = next(i for i, line in enumerate(lines) if "mkdocs build" in line)
    pack = next(i for i, line in enumerate(lines) if "handreiking_tools.site.dist --site-dir" in line)
    assert build < pack, "dist packs what `make site` just built"
    assert "--site-dir site" in lines[pack] and "--out-dir dist" in lines[pack]


# --- 3. make dist: the zip, its checksum, and no outside host ---------------------------------------


def test_external_asset_scan_finds_every_kind() -> None:
    page = """<html><head>
      <link rel="stylesheet" href="https://cdn.example.org/a.css">
      <link rel="icon" href="//cdn.example.org/favicon.png">
      <link rel="canonical" href="https://voorbeeld.nl/">
      <script src="https://cdn.example.org/x.js"></script>
      <style>body { background: url("https://img.example.org/bg.png") }</style>
      <script type="module">import { a } from "https://esm.example.org/a.mjs"; fetch("https://api.example.org/x");</script>
    </head><body>
      <img src="local.png" srcset="a.png 1x, https://img.example.org/b.png 2x">
      <div style="background-image: url(https://img.example.org/c.png)"></div>
      <a href="https://www.rijksoverheid.nl/">a plain link is fine</a>
      <img src="data:image/png;base64,AAAA">
    </body></html>"""
    found = dist.external_assets("index.html", page)
    assert sorted(found) == sorted([
        "https://cdn.example.org/a.css",
        "//cdn.example.org/favicon.png",
        "https://cdn.example.org/x.js",
        "https://img.example.org/bg.png",
        "https://esm.example.org/a.mjs",
        "https://api.example.org/x",
        "https://img.example.org/b.png",
        "https://img.example.org/c.png",
    ])
    assert dist.css_external('@import "https://fonts.example.org/f.css"; a{b:url(../x.svg)}') == ["https://fonts.example.org/f.css"]
    assert dist.css_external("@import url('//fonts.example.org/g.css');") == ["//fonts.example.org/g.css"]
    js = 'import "https://a.example/x.js"; const m = await import("https://b.example/y.mjs"); importScripts("https://c.example/z.js"); new Worker("https://d.example/w.js"); fetch("./local.json")'
    assert dist.js_external(js) == ["https://a.example/x.js", "https://b.example/y.mjs", "https://c.example/z.js", "https://d.example/w.js"]
    lock = json.dumps({"packages": {"a": {"file_name": "a-1.whl"}, "b": {"file_name": "https://cdn.example.org/b-1.whl"}}})
    assert dist.external_assets("pyodide/pyodide-lock.json", lock) == ["https://cdn.example.org/b-1.whl"]


@pytest.fixture(scope="module")
def site_dist(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dist.Dist:
    return dist.build_dist(built_site, tmp_path_factory.mktemp("dist"), "9.9.9-test")


def test_dist_names_zip_and_checksum_after_the_version(site_dist: dist.Dist) -> None:
    assert site_dist.zip_path.name == "handreiking-site-9.9.9-test.zip"
    assert site_dist.sha_path.name == "handreiking-site-9.9.9-test.zip.sha256"


def test_dist_contains_the_home_page_calculators_and_runtime(site_dist: dist.Dist, built_site: Path) -> None:
    with zipfile.ZipFile(site_dist.zip_path) as zf:
        names = set(zf.namelist())
        assert zf.testzip() is None
        assert zf.read("hulpmiddelen/quotum/index.html") == (built_site / "hulpmiddelen/quotum/index.html").read_bytes()
    for required in ("index.html", "404.html", "zelf-hosten/index.html", *CALCULATOR_PAGES,
                     "pyodide/pyodide.mjs", "pyodide/pyodide.asm.wasm", "pyodide/pyodide-lock.json"):
        assert required in names, f"{required} missing from the zip"
    lock = json.loads((built_site / "pyodide" / "pyodide-lock.json").read_text("utf-8"))
    for pkg in lock["packages"].values():
        assert f"pyodide/{pkg['file_name']}" in names, f"wheel {pkg['file_name']} missing from the zip"
    on_disk = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    assert names == on_disk, "the zip holds exactly the built site"


def test_dist_checksum_matches_in_sha256sum_format(site_dist: dist.Dist) -> None:
    digest = hashlib.sha256(site_dist.zip_path.read_bytes()).hexdigest()
    assert site_dist.sha_path.read_text("utf-8") == f"{digest}  {site_dist.zip_path.name}\n"
    if shutil.which("sha256sum"):
        proc = subprocess.run(["sha256sum", "-c", site_dist.sha_path.name], cwd=site_dist.sha_path.parent,
                              capture_output=True, text=True)
        assert proc.returncode == 0 and ": OK" in proc.stdout, proc.stdout + proc.stderr


def test_dist_is_reproducible(site_dist: dist.Dist, built_site: Path, tmp_path: Path) -> None:
    again = dist.build_dist(built_site, tmp_path, "9.9.9-test")
    assert again.sha256 == site_dist.sha256


def test_nothing_in_the_zip_loads_from_another_host(site_dist: dist.Dist) -> None:
    with zipfile.ZipFile(site_dist.zip_path) as zf:
        files = [(n, zf.read(n)) for n in zf.namelist() if Path(n).suffix in dist.SCANNED_SUFFIXES]
    html = [n for n, _ in files if n.endswith(".html")]
    assert len(html) >= 20 and any(n.endswith(".mjs") for n, _ in files), "the scan must see the pages and Pyodide"
    assert dist.scan_files(files) == {}


def test_materials_own_outside_loads_stay_dormant(built_site: Path) -> None:
    # Material's bundle can fetch mermaid and a ResizeObserver polyfill from unpkg.com, and repository
    # facts from api.github.com. None of that may switch on: no mermaid diagram, no repo_url.
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    assert not config.get("repo_url"), "repo_url makes Material call api.github.com from every page"
    with_mermaid = [p for p in built_site.rglob("*.html") if 'class="mermaid"' in p.read_text("utf-8")]
    assert with_mermaid == []


def _fake_site(root: Path, index_html: str) -> Path:
    for pattern in dist.REQUIRED_FILES:
        path = root / pattern.replace("**/", "0123456789ab/").replace("*", "")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<p>ok</p>" if pattern.endswith(".html") else "{}", "utf-8")
    (root / "index.html").write_text(index_html, "utf-8")
    return root


def test_dist_refuses_a_site_that_needs_the_internet(tmp_path: Path) -> None:
    site = _fake_site(tmp_path / "site", '<script src="https://cdn.example.org/x.js"></script>')
    with pytest.raises(dist.DistError, match=r"index\.html: https://cdn\.example\.org/x\.js"):
        dist.build_dist(site, tmp_path / "dist", "1")
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())


def test_dist_refuses_a_missing_or_incomplete_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert dist.main(["--site-dir", str(tmp_path / "nope"), "--out-dir", str(tmp_path / "d")]) == 1
    assert "make site" in capsys.readouterr().err
    site = _fake_site(tmp_path / "site", "<p>ok</p>")
    (site / "hulpmiddelen" / "quotum" / "index.html").unlink()
    with pytest.raises(dist.DistError, match="hulpmiddelen/quotum/index.html"):
        dist.build_dist(site, tmp_path / "d", "1")


def test_dist_main_writes_zip_with_the_project_version(tmp_path: Path) -> None:
    site = _fake_site(tmp_path / "site", "<p>ok</p>")
    assert dist.main(["--site-dir", str(site), "--out-dir", str(tmp_path / "d")]) == 0
    version = dist.project_version()
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", version)
    assert (tmp_path / "d" / f"handreiking-site-{version}.zip").is_file()


# --- 4. A build for a sub-path, served under /handreiking/ ------------------------------------------


class _SubPathHandler(SiteHandler):
    """Serves the site only under PREFIX, and answers a missing file with 404.html, as GitHub Pages does."""

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(PREFIX):
            return str(Path(self.directory) / "__outside-the-sub-path__" / "missing")
        return super().translate_path("/" + clean[len(PREFIX):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def serve_sub_path() -> Iterator[Any]:
    with contextlib.ExitStack() as stack:

        def start(directory: Path) -> str:
            return stack.enter_context(serve(directory, _SubPathHandler)).rstrip("/") + PREFIX

        yield start


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built by the exact command `make site SITE_URL=…` runs, into a temporary folder."""
    out = tmp_path_factory.mktemp("subpath") / "site"
    lines = [line for line in _make_dry_run("site", f"SITE_URL={SUB_SITE_URL}") if "INHERIT" in line]
    assert len(lines) == 1, lines
    command = lines[0].replace(" --site-dir site ", f" --site-dir {shlex.quote(str(out))} ")
    assert str(out) in command
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return out


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for attr in ("href", "src"):
            if tag in ("a", "link", "script", "img", "source") and values.get(attr):
                self.urls.append(values[attr] or "")


def _fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def broken_local_links(page_url: str) -> dict[str, int | str]:
    """{address: status or reason} for every local href/src of a page that does not load under PREFIX."""
    _, body = _fetch(page_url)
    collector = _LinkCollector()
    collector.feed(body.decode("utf-8"))
    broken: dict[str, int | str] = {}
    for raw in collector.urls:
        if raw.startswith("#") or urlparse(raw).scheme in ("http", "https", "mailto", "tel", "data", "blob", "javascript"):
            continue
        target = urljoin(page_url, raw).split("#", 1)[0]
        if not urlparse(target).path.startswith(PREFIX):
            broken[raw] = "outside the sub-path"
            continue
        status, _ = _fetch(target)
        if status != 200:
            broken[raw] = status
    return broken


SUB_PATH_PAGES = ("", "hulpmiddelen/quotum/", "hulpmiddelen/contractselectie/", "stappen/stap-2a/", "zelf-hosten/")


def test_sub_path_server_only_answers_under_the_prefix(sub_path_site: Path, serve_sub_path: Any) -> None:
    base = serve_sub_path(sub_path_site)
    assert _fetch(base)[0] == 200
    assert _fetch(base.replace(PREFIX, "/"))[0] == 404


@pytest.mark.parametrize("page", SUB_PATH_PAGES)
def test_every_local_link_resolves_under_the_sub_path(sub_path_site: Path, serve_sub_path: Any, page: str) -> None:
    base = serve_sub_path(sub_path_site)
    status, body = _fetch(base + page)
    assert status == 200
    assert f'<link rel="canonical" href="{SUB_SITE_URL}{page}"' in body.decode("utf-8")
    assert broken_local_links(base + page) == {}


def test_the_404_page_works_at_any_depth_under_the_sub_path(sub_path_site: Path, serve_sub_path: Any) -> None:
    base = serve_sub_path(sub_path_site)
    missing = base + "bestaat/niet/hier/"
    assert _fetch(missing)[0] == 404
    assert broken_local_links(missing) == {}


def test_without_site_url_the_404_page_breaks_under_a_sub_path(built_site: Path, serve_sub_path: Any) -> None:
    # Why the workflow passes SITE_URL: the plain build's 404 page points at the host's root.
    base = serve_sub_path(built_site)
    broken = broken_local_links(base + "bestaat/niet/hier/")
    assert any(reason == "outside the sub-path" for reason in broken.values()), broken


def test_the_python_runtime_loads_under_the_sub_path(sub_path_site: Path, serve_sub_path: Any) -> None:
    base = serve_sub_path(sub_path_site)
    # engine-worker.js finds Pyodide at ../../pyodide/ from its own address.
    worker = base + "assets/js/engine-worker.js"
    assert _fetch(worker)[0] == 200
    runtime = urljoin(worker, "../../pyodide/")
    assert runtime == base + "pyodide/"
    status, body = _fetch(runtime + "pyodide-lock.json")
    assert status == 200
    files = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]
    files += [pkg["file_name"] for pkg in json.loads(body)["packages"].values()]
    assert {f: s for f in files if (s := _fetch(runtime + f)[0]) != 200} == {}


# --- 5. The page 'Zelf hosten' and its Content-Security-Policy ---------------------------------------


def page_csp() -> str:
    """The policy in the page's code block titled Content-Security-Policy."""
    match = re.search(r'```text title="Content-Security-Policy"\n(.+?)\n```', PAGE.read_text("utf-8"), re.S)
    assert match, "the page shows the policy in a code block titled Content-Security-Policy"
    return match.group(1).strip()


def test_page_csp_is_strict_and_the_server_examples_use_it() -> None:
    csp = page_csp()
    directives = dict((d.split()[0], d.split()[1:]) for d in csp.split("; "))
    assert directives["script-src"] == ["'self'", "'wasm-unsafe-eval'"], "no inline or eval'd scripts"
    assert directives["default-src"] == ["'self'"] and directives["connect-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    text = PAGE.read_text("utf-8")
    for server in ("nginx", "apache", "xml"):
        block = re.search(rf"```{server} title=\"[^\"]+\"\n(.+?)\n```", text, re.S)
        assert block, f"the page has a {server} example"
        assert csp in block.group(1), f"the {server} example sends the same policy"


def test_page_names_the_mime_types_pyodide_needs() -> None:
    text = PAGE.read_text("utf-8")
    for needle in ("`application/wasm`", "`text/javascript`", "`.mjs`", "python3 -m http.server", "make dist",
                   "sha256sum -c", "GitHub Actions", "'wasm-unsafe-eval'"):
        assert needle in text, needle


class _CspHandler(SiteHandler):
    csp = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()


@pytest.mark.browser
def test_site_and_a_calculator_run_under_the_pages_csp(browser: Any, built_site: Path) -> None:
    from playwright.sync_api import expect

    handler = type("Handler", (_CspHandler,), {"csp": page_csp()})
    payload = {"formal_jobs": 80, "inleen_jobs": 12.5, "target_jobs": 150}
    expected = api.run("quotum", payload)
    assert expected["ok"], expected
    problems: list[str] = []
    with serve(built_site, handler) as base:
        page = browser.new_page()
        try:
            page.set_default_timeout(ENGINE_TIMEOUT)
            page.add_init_script(
                "window.__csp=[];document.addEventListener('securitypolicyviolation',"
                "e=>window.__csp.push(e.violatedDirective+' '+e.blockedURI))"
            )
            page.on("console", lambda m: m.type == "error" and problems.append(m.text))
            page.on("pageerror", lambda e: problems.append(str(e)))

            # Material's own scripts run: the search finds the calculator page.
            page.goto(base)
            page.keyboard.press("/")
            page.keyboard.type("quotum")
            page.wait_for_selector(".md-search-result__item")
            problems += page.evaluate("window.__csp")

            # The calculator starts Pyodide (wasm, worker, fetches) and computes what the core computes.
            page.goto(base + "hulpmiddelen/quotum/")
            page.wait_for_selector('.hr-calc[data-calculator="quotum"][data-attached]')
            for field, value in payload.items():
                page.locator(f"#f-{field}").fill(str(value).replace(".", ","))  # typed the Dutch way: 12,5
            summary = page.locator("[data-result-body] [data-key=summary]")
            # expect() polls inside Playwright's own world, which the page's CSP does not govern.
            expect(summary).to_have_text(expected["summary"], timeout=ENGINE_TIMEOUT)
            problems += page.evaluate("window.__csp")
        finally:
            page.close()
    assert problems == [], f"CSP violations or errors under the recommended policy: {problems}"


def test_zip_dates_come_from_source_date_epoch_or_the_last_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    assert dist.source_date_epoch() == (1790000000, "SOURCE_DATE_EPOCH")
    site = _fake_site(tmp_path / "site", "<p>ok</p>")
    one = dist.build_dist(site, tmp_path / "a", "1", 1790000000)
    two = dist.build_dist(site, tmp_path / "b", "1", 1790003600)
    with zipfile.ZipFile(one.zip_path) as a, zipfile.ZipFile(two.zip_path) as b:
        assert {i.date_time for i in a.infolist()} == {(2026, 9, 21, 14, 13, 20)}
        assert {i.date_time for i in b.infolist()} == {(2026, 9, 21, 15, 13, 20)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "gisteren")
    with pytest.raises(dist.DistError, match="SOURCE_DATE_EPOCH"):
        dist.source_date_epoch()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    outside_git = dist.source_date_epoch(tmp_path)
    assert "niet reproduceerbaar" in outside_git[1]


@pytest.mark.browser
def test_zelf_hosten_code_blocks_pass_axe_color_contrast(browser: Any, site_url: str) -> None:
    # Its many code blocks drew comments and variables in Material's grey at 4,47:1 (issue 15). Link
    # underlines (link-in-text-block) on every page are the content work's, checked there.
    page = browser.new_page()
    try:
        page.goto(site_url + "zelf-hosten/")
        page.add_script_tag(content=(ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text("utf-8"))
        found = page.evaluate("axe.run(document, {runOnly: ['color-contrast']}).then(r => r.violations"
                              ".map(v => v.id + ': ' + v.nodes.length))")
    finally:
        page.close()
    assert found == [], found


# --- 6. The package: pip install . ------------------------------------------------------------------


@pytest.fixture(scope="module")
def installed_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`pip install .` (offline, with the pinned setuptools from .cache/wheels) into a target folder."""
    import os
    import sys

    target = tmp_path_factory.mktemp("installed")
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(ROOT / ".cache" / "wheels")}
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(ROOT)],
                          capture_output=True, text=True, env=env, cwd=target)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return target


def test_installed_package_has_its_build_data_and_licence(installed_package: Path) -> None:
    pkg = installed_package / "handreiking_tools"
    for name in ("site/wheels.json", "site/snapshot.mjs", "data/profile_handreiking.json"):
        assert (pkg / name).is_file(), name
    licences = list(installed_package.glob("handreiking_tools-*.dist-info/licenses/LICENSE"))
    assert licences and "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in licences[0].read_text("utf-8")
    meta = next(installed_package.glob("handreiking_tools-*.dist-info/METADATA")).read_text("utf-8")
    assert "License-Expression: EUPL-1.2" in meta and "Project-URL: Licentie," in meta
    assert re.search(r"Requires-Dist: jinja2==[\d.]+; extra == \"build\"", meta), "jinja2 belongs to the build extra"


def test_installed_prepare_outside_a_checkout_says_so_in_dutch(installed_package: Path, tmp_path: Path) -> None:
    import os
    import sys

    env = {**os.environ, "PYTHONPATH": str(installed_package)}
    proc = subprocess.run([sys.executable, "-m", "handreiking_tools.cli", "prepare"], cwd=tmp_path,
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "broncode" in proc.stderr and "git clone" in proc.stderr and "mkdocs.yml" in proc.stderr


def test_browser_wheel_holds_only_the_core() -> None:
    wheel = next((ROOT / "docs" / "pyodide").glob("handreiking_tools-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
    assert "handreiking_tools/api.py" in names and "handreiking_tools/data/profile_handreiking.json" in names
    assert [n for n in names if n.startswith(("handreiking_tools/site/", "handreiking_tools/cli.py"))] == []


def test_the_hashed_lock_pins_what_requirements_and_pyproject_pin() -> None:
    lock = (ROOT / "requirements-dev.lock").read_text("utf-8")
    locked = dict(re.findall(r"^([a-z0-9_.-]+)==(\S+) \\$", lock, re.M))
    assert locked and all(f"{name}=={version} \\\n    --hash=sha256:" in lock for name, version in locked.items())
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    wanted = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", (ROOT / "requirements-dev.txt").read_text("utf-8"), re.M)
    wanted += re.findall(r'"([A-Za-z0-9_.-]+)==([^"]+)"', pyproject.split("[project]")[1].split("[project.scripts]")[0])
    norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()  # noqa: E731
    assert [f"{n}=={v}" for n, v in wanted if locked.get(norm(n)) != v] == [], "run `make lock` after changing a pin"
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "--require-hashes -r requirements-dev.lock" in makefile


# --- 7. Instant navigation in a build without site_url ------------------------------------------------


def test_sitemap_without_site_url_lists_every_page_relative_to_the_root(built_site: Path) -> None:
    locs = re.findall(r"<loc>([^<]*)</loc>", (built_site / "sitemap.xml").read_text("utf-8"))
    assert "" in locs and "hulpmiddelen/quotum/" in locs and "zelf-hosten/" in locs
    pages = {p.parent.relative_to(built_site).as_posix() + "/" for p in built_site.rglob("index.html")} - {"./"}
    assert pages - set(locs) == set(), "every page is in the sitemap"


@pytest.mark.browser
def test_instant_navigation_keeps_the_worker_in_a_build_without_site_url(browser: Any, site_url: str) -> None:
    """The default `make dist` build: moving from one calculator to the next keeps the window and the worker."""
    context = browser.new_context()
    requests: list[str] = []
    workers: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    try:
        page = context.new_page()
        page.on("worker", lambda w: workers.append(w.url))
        page.goto(site_url + "hulpmiddelen/proportionaliteit/")
        page.wait_for_function('() => globalThis[Symbol.for("handreiking-tools.engine")]?.status.state === "ready"',
                               timeout=ENGINE_TIMEOUT)
        page.evaluate("() => { window.__hrSamePage = true; }")
        before = len(requests)
        page.click('nav.md-nav--primary a[href$="quotum/"]')
        page.wait_for_url("**/hulpmiddelen/quotum/")
        page.wait_for_selector('.hr-calc[data-calculator="quotum"][data-attached]')
        assert page.evaluate("() => window.__hrSamePage === true"), "the page was reloaded: no instant navigation"
        assert [u for u in requests[before:] if "/pyodide/" in u] == []
        assert len([w for w in workers if "engine-worker" in w]) == 1, workers
    finally:
        context.close()
