"""The page 'Zelf hosten' on real servers: Debian's nginx and Apache (installed by `make test`), run as
test instances on free localhost ports with the configs taken from the page's own code blocks, serving
`make dist` zips at the root and under /handreiking/.

Checked over HTTP: MIME types, compression (also the precompressed copies), the CSP and other headers,
the cache rules, 304 on revalidation, the 404 page, the redirect without a slash, and no warnings from
`nginx -t` / `apache2 -t`. Checked in Chromium: a calculator computes what the core computes with no CSP
violation; a revisit reaches the server only for 304s; after an update to a build with a changed core
constant the same page shows the new result, with no request for a file that no longer exists.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from browser_support import ENGINE_TIMEOUT
from playwright.sync_api import expect

from handreiking_tools import api
from handreiking_tools.site import versioning

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "zelf-hosten.md"
NGINX = "/usr/sbin/nginx"
APACHE = "/usr/sbin/apache2"
DOCROOT_ON_PAGE = "/var/www/handreiking"
PREFIX = "/handreiking/"
# What Debian enables in Apache after installing it (a2query -m on a fresh install); the page's
# `a2enmod` line adds the rest, so a module the page forgets is missing here too.
APACHE_DEBIAN_DEFAULT = ("mpm_event", "authz_core", "authz_host", "authn_core", "alias", "dir", "mime", "deflate",
                         "filter", "env", "setenvif", "negotiation", "reqtimeout")
IMMUTABLE = "public, max-age=31536000, immutable"
PAYLOAD = {"contract_value_eur": 1200000, "duration_months": 36, "contract_type": "dienst", "category": "schoonmaak"}


def _installed() -> None:
    missing = [p for p in (NGINX, APACHE) if not Path(p).exists()]
    if missing:
        pytest.fail(f"{missing} missing: `make test` installs Debian's nginx and apache2 (make servers)")


# --- the page's code blocks -------------------------------------------------------------------------


def page_block(lang: str, title: str) -> str:
    match = re.search(rf'```{lang} title="{re.escape(title)}"\n(.*?)\n```', PAGE.read_text("utf-8"), re.S)
    assert match, f"'Zelf hosten' has no {lang} block titled {title!r}"
    return match.group(1)


def page_csp() -> str:
    return page_block("text", "Content-Security-Policy").strip()


NGINX_ROOT = ("nginx", "/etc/nginx/conf.d/handreiking.conf")
NGINX_SUB = ("nginx", "/etc/nginx/conf.d/handreiking.conf (site in /handreiking/)")
APACHE_SUB = ("apache", "/etc/apache2/conf-available/handreiking.conf")


def apache_modules() -> list[str]:
    """The modules the page's `a2enmod` line switches on."""
    lines = [line for line in page_block("sh", "Modules en instellingen aanzetten").splitlines() if line.startswith("a2enmod ")]
    assert len(lines) == 1
    return lines[0].split()[1:]


def apache_root_variant(conf: str) -> str:
    """The page's words for a site at the root of its own virtual host: no Alias, DocumentRoot, '/'."""
    lines = [line for line in conf.splitlines() if not line.startswith("Alias ")]
    out = "\n".join(lines).replace("ErrorDocument 404 /handreiking/404.html", "ErrorDocument 404 /404.html")
    out = out.replace('RewriteBase "/handreiking/"', 'RewriteBase "/"')
    return f'DocumentRoot "{DOCROOT_ON_PAGE}"\n{out}'


# --- two releases -----------------------------------------------------------------------------------


def extract(zip_path: Path, dest: Path) -> None:
    """Unpack as `unzip` does: the zip's dates become the files' dates (read as local time)."""
    with zipfile.ZipFile(zip_path) as zf:
        for info in zf.infolist():
            target = dest / info.filename
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(zf.read(info))
            os.chmod(target, 0o644)
            stamp = time.mktime((*info.date_time, 0, 0, -1))
            os.utime(target, (stamp, stamp))
    for d in [dest, *(p for p in dest.rglob("*") if p.is_dir())]:
        os.chmod(d, 0o755)


def install(zip_path: Path, dest: Path) -> None:
    """Put a release in place as the page says: unpack over the old one, then remove what it no longer has."""
    dest.mkdir(parents=True, exist_ok=True)
    extract(zip_path, dest)
    with zipfile.ZipFile(zip_path) as zf:
        keep = set(zf.namelist())
    for path in sorted(dest.rglob("*"), reverse=True):
        rel = path.relative_to(dest).as_posix()
        if path.is_file() and rel not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def test_two_releases_differ_only_by_content_names(releases: tuple[Path, Path]) -> None:
    with zipfile.ZipFile(releases[0]) as a, zipfile.ZipFile(releases[1]) as b:
        one, two = set(a.namelist()), set(b.namelist())
        assert {i.date_time for i in a.infolist()} != {i.date_time for i in b.infolist()}, "a new release has new dates"
        # Every file a browser keeps for a year and whose content changed has a new name.
        for name in one & two:
            if versioning.VERSIONED_NAME.search(name) or name.endswith(".whl"):
                assert a.read(name) == b.read(name), f"{name} kept its name but changed"
    gone = one - two
    assert any("handreiking_tools-" in n for n in gone) and any("pyodide-lock." in n for n in gone), sorted(gone)[:20]
    assert not any(re.search(r"pyodide/[0-9a-f]{12}/", n) for n in gone), "the Pyodide runtime did not change"
    with zipfile.ZipFile(releases[1]) as b:
        wheel = next(n for n in b.namelist() if "/handreiking_tools-" in n)
        with zipfile.ZipFile(io.BytesIO(b.read(wheel))) as w:
            assert json.loads(w.read("handreiking_tools/data/profile_handreiking.json"))["percentage_pct"]["value"] == 7


# --- servers ----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(port: int, proc: subprocess.Popen[Any], log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server stopped: {log.read_text(errors='replace') if log.exists() else ''}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.1)
    raise AssertionError("server did not start")


@dataclass
class Server:
    kind: str
    base: str  # ends with '/'
    docroot: Path
    access_log: Path
    check_output: str
    proc: subprocess.Popen[Any] = field(repr=False)

    def log_lines(self) -> list[str]:
        return self.access_log.read_text("utf-8", errors="replace").splitlines() if self.access_log.exists() else []

    def settled_log_lines(self, quiet_s: float = 1.0, limit_s: float = 30.0) -> list[str]:
        """The log once no line has been added for ``quiet_s``: a server writes a line after the answer has gone
        out, so on a busy machine the last lines of the service worker's install can land a moment later."""
        lines, since, end = self.log_lines(), time.monotonic(), time.monotonic() + limit_s
        while time.monotonic() - since < quiet_s and time.monotonic() < end:
            time.sleep(0.1)
            now = self.log_lines()
            if len(now) != len(lines):
                lines, since = now, time.monotonic()
        return lines


def _world_readable_dir(prefix: str) -> Path:
    # Servers started as root read files as an unprivileged user: the folder must be readable by all.
    d = Path(tempfile.mkdtemp(prefix=prefix))
    os.chmod(d, 0o755)
    return d


@contextlib.contextmanager
def run_nginx(conf: str, docroot: Path) -> Iterator[tuple[int, str, Path, subprocess.Popen[Any]]]:
    work = _world_readable_dir("hr-nginx-")
    port = free_port()
    site_conf = conf.replace("listen 80;", f"listen 127.0.0.1:{port};").replace(DOCROOT_ON_PAGE, str(docroot))
    assert site_conf.count(str(docroot)) >= 1 and f":{port};" in site_conf
    (work / "site.conf").write_text(site_conf, "utf-8")
    temp = "\n".join(f"  {k}_temp_path {work}/{k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # The http block of Debian's /etc/nginx/nginx.conf, with files in the test folder.
    (work / "nginx.conf").write_text(f"""
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 256; }}
http {{
  sendfile on;
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  log_format t '$request_method $uri $status';
  access_log {work}/access.log t;
  gzip on;
{temp}
  include {work}/site.conf;
}}
""", "utf-8")
    base = [NGINX, "-p", str(work), "-c", str(work / "nginx.conf")]
    check = subprocess.run([*base, "-t"], capture_output=True, text=True)
    if check.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen([*base, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_port(port, proc, work / "error.log")
        yield port, check.stderr, work / "access.log", proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)


@contextlib.contextmanager
def run_apache(conf: str, docroot: Path) -> Iterator[tuple[int, str, Path, subprocess.Popen[Any]]]:
    work = _world_readable_dir("hr-apache-")
    port = free_port()
    modules = list(dict.fromkeys([*APACHE_DEBIAN_DEFAULT, *apache_modules()]))
    loads = "\n".join(f"LoadModule {m}_module /usr/lib/apache2/modules/mod_{m}.so" for m in modules)
    user = "User www-data\nGroup www-data" if os.geteuid() == 0 else ""
    (work / "site.conf").write_text(conf.replace(DOCROOT_ON_PAGE, str(docroot)), "utf-8")
    (work / "empty").mkdir()
    (work / "apache2.conf").write_text(f"""
ServerRoot "{work}"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile {work}/apache2.pid
DefaultRuntimeDir {work}
Mutex file:{work} default
{user}
{loads}
ErrorLog {work}/error.log
LogLevel warn
LogFormat "%m %U %>s" t
CustomLog {work}/access.log t
TypesConfig /etc/mime.types
AddType application/x-gzip .gz .tgz
<Directory />
    AllowOverride None
    Require all denied
</Directory>
DocumentRoot "{work}/empty"
<Directory "{work}/empty">
    Require all granted
</Directory>
Include {work}/site.conf
""", "utf-8")
    os.chmod(work / "empty", 0o755)
    base = [APACHE, "-d", str(work), "-f", str(work / "apache2.conf")]
    check = subprocess.run([*base, "-t"], capture_output=True, text=True)
    if check.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
    assert check.returncode == 0, check.stderr + check.stdout
    proc = subprocess.Popen([*base, "-DFOREGROUND"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_port(port, proc, work / "error.log")
        yield port, check.stderr + check.stdout, work / "access.log", proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)


CONFIGS = {
    "nginx-root": (NGINX_ROOT, "/"),
    "nginx-sub": (NGINX_SUB, PREFIX),
    "apache-sub": (APACHE_SUB, PREFIX),
    "apache-root": (APACHE_SUB, "/"),
}


@contextlib.contextmanager
def server(name: str, zip_path: Path) -> Iterator[Server]:
    _installed()
    (lang, title), prefix = CONFIGS[name]
    conf = page_block(lang, title)
    if name == "apache-root":
        conf = apache_root_variant(conf)
    www = _world_readable_dir("hr-www-")
    docroot = www / "handreiking"
    install(zip_path, docroot)
    runner = run_nginx if lang == "nginx" else run_apache
    try:
        with runner(conf, docroot) as (port, check, log, proc):
            yield Server(name, f"http://127.0.0.1:{port}{prefix}", docroot, log, check, proc)
    finally:
        shutil.rmtree(www, ignore_errors=True)


# --- HTTP checks ------------------------------------------------------------------------------------


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers=headers or {})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=30) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def site_names(docroot: Path) -> dict[str, str]:
    """Paths (relative to the site) of one file of each kind, as `make site` named them."""
    one = lambda pattern: next(p for p in sorted(docroot.glob(pattern)) if not p.name.endswith((".gz", ".br")))  # noqa: E731
    rel = lambda p: p.relative_to(docroot).as_posix()  # noqa: E731
    return {
        "page": "hulpmiddelen/proportionaliteit/",
        "worker": rel(one("assets/js/engine-worker.*.js")),
        "css": rel(one("assets/css/calculators.*.css")),
        "material": rel(one("assets/javascripts/bundle.*.min.js")),
        "pyodide": rel(one("pyodide/*/pyodide.mjs")),
        "wasm": rel(one("pyodide/*/pyodide.asm.wasm")),
        "stdlib": rel(one("pyodide/*/python_stdlib.zip")),
        "lock": rel(one("pyodide/pyodide-lock.*.json")),
        "wheel": rel(one("pyodide/pydantic-*.whl")),
        "sitemap": "sitemap.xml",
        "sw": "sw.js",  # the service worker: the browser must ask for a new one at every check
    }


SERVER_NAMES = list(CONFIGS)


@pytest.mark.parametrize("name", SERVER_NAMES)
def test_server_config_from_the_page_serves_the_release(name: str, releases: tuple[Path, Path]) -> None:
    with server(name, releases[0]) as srv:
        assert "[warn]" not in srv.check_output and "AH0" not in srv.check_output, srv.check_output
        names = site_names(srv.docroot)
        csp = page_csp()
        expect_type = {"page": "text/html", "worker": "javascript", "css": "text/css", "material": "javascript",
                       "pyodide": "javascript", "wasm": "application/wasm", "stdlib": "application/zip",
                       "lock": "application/json", "wheel": "application/zip", "sitemap": "xml", "sw": "javascript"}
        problems: list[str] = []
        for kind, rel in names.items():
            status, headers, body = get(srv.base + rel, {"Accept-Encoding": "gzip"})
            if status != 200:
                problems.append(f"{rel}: {status}")
                continue
            if expect_type[kind] not in headers.get("content-type", ""):
                problems.append(f"{rel}: Content-Type {headers.get('content-type')}")
            if headers.get("content-security-policy") != csp:
                problems.append(f"{rel}: CSP {headers.get('content-security-policy')}")
            if headers.get("x-content-type-options") != "nosniff":
                problems.append(f"{rel}: no nosniff")
            long_cache = kind not in ("page", "sitemap", "sw")
            want_cache = IMMUTABLE if long_cache else "no-cache"
            if headers.get("cache-control") != want_cache:
                problems.append(f"{rel}: Cache-Control {headers.get('cache-control')!r}, expected {want_cache!r}")
            compressible = kind in ("page", "worker", "css", "material", "pyodide", "wasm", "lock", "sw")
            encoding = headers.get("content-encoding")
            if compressible:
                if encoding != "gzip":
                    problems.append(f"{rel}: Content-Encoding {encoding}")
                elif "accept-encoding" not in headers.get("vary", "").lower():
                    problems.append(f"{rel}: no Vary: Accept-Encoding")
                else:
                    body = gzip.decompress(body)
            elif encoding == "gzip" and kind == "sitemap":  # nginx sends MkDocs' own sitemap.xml.gz
                body = gzip.decompress(body)
            elif encoding:
                problems.append(f"{rel}: compressed again ({encoding})")
            on_disk = srv.docroot / (rel + "index.html" if rel.endswith("/") else rel)
            if body != on_disk.read_bytes():
                problems.append(f"{rel}: body differs from the file")
            # A revisit with the validators it got: 304, also when compressed (Apache's -gzip ETag).
            cond = {"Accept-Encoding": "gzip"}
            if "etag" in headers:
                cond["If-None-Match"] = headers["etag"]
            if "last-modified" in headers:
                cond["If-Modified-Since"] = headers["last-modified"]
            again = get(srv.base + rel, cond)[0]
            if again != 304:
                problems.append(f"{rel}: revalidation gave {again}, not 304")
        # The precompressed copy is sent as it is (gzip_static, the rewrite rule): same bytes as the .gz.
        status, headers, body = get(srv.base + names["wasm"], {"Accept-Encoding": "gzip"})
        if body != (srv.docroot / (names["wasm"] + ".gz")).read_bytes():
            problems.append("pyodide.asm.wasm: not the precompressed copy")
        assert problems == [], problems


@pytest.mark.parametrize("name", SERVER_NAMES)
def test_missing_page_gets_the_sites_404_and_the_address_without_slash_redirects(name: str, releases: tuple[Path, Path]) -> None:
    with server(name, releases[0]) as srv:
        status, headers, body = get(srv.base + "bestaat/niet/")
        assert status == 404
        assert body == (srv.docroot / "404.html").read_bytes(), "the site's own 404 page"
        assert headers.get("content-security-policy") == page_csp()
        if srv.base.endswith(PREFIX):
            status, headers, _ = get(srv.base.rstrip("/"))
            assert status == 301 and headers["location"].endswith(PREFIX), (status, headers.get("location"))


# --- in Chromium ------------------------------------------------------------------------------------


def _calculate(page: Any, url: str, expected: str) -> str:
    page.goto(url)
    page.wait_for_selector('.hr-calc[data-calculator="proportionaliteit"][data-attached]')
    for name, value in (("contract_value_eur", "1200000"), ("duration_months", "36")):
        box = page.locator(f"#f-{name}")
        box.fill("")  # a revisit restores the last input
        box.press_sequentially(value)
    page.locator("#f-contract_type").select_option("dienst")
    page.locator("#f-category").select_option("schoonmaak")
    amount = page.locator('[data-result-body] [data-key="amount_eur"]')
    with contextlib.suppress(AssertionError):
        expect(amount).to_have_text(expected, timeout=ENGINE_TIMEOUT)
    return amount.inner_text().strip()


@pytest.mark.browser
@pytest.mark.parametrize("name", ["nginx-root", "apache-sub"])
def test_calculator_revisit_and_update_on_a_real_server(name: str, releases: tuple[Path, Path], browser: Any) -> None:
    expected = api.run("proportionaliteit", PAYLOAD)
    assert expected["percentage"] == 5
    with server(name, releases[0]) as srv:
        context = browser.new_context()
        responses: list[tuple[int, str]] = []
        errors: list[str] = []
        context.on("response", lambda r: responses.append((r.status, r.url)))
        context.add_init_script("document.addEventListener('securitypolicyviolation',"
                                "e=>console.error('CSP '+e.violatedDirective+' '+e.blockedURI))")
        try:
            page = context.new_page()
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            url = srv.base + "hulpmiddelen/proportionaliteit/"
            first = _calculate(page, url, "€ 60.000")
            assert first == "€ 60.000", first
            # The service worker keeps this release for offline use; wait until its copy is complete.
            assert page.evaluate("navigator.serviceWorker.ready.then(r => r.active.scriptURL)") == srv.base + "sw.js"

            # A revisit reaches the server only to hear "not modified" (the page, and sw.js: is there a new one?).
            seen = len(srv.settled_log_lines())
            assert _calculate(page, url, first) == first
            revisit = srv.log_lines()[seen:]
            assert revisit, "the page itself is revalidated (no-cache)"
            assert [line for line in revisit if not line.endswith(" 304")] == [], revisit

            # Update: release 2 (standard percentage 7) over release 1, old files removed.
            install(releases[1], srv.docroot)
            responses.clear()
            second = _calculate(page, url, "€ 84.000")
            assert second == "€ 84.000", (second, [r for r in responses if "handreiking_tools" in r[1] or "/assets/js/" in r[1]])
            assert [r for r in responses if r[0] >= 400] == [], "a request for a file of the old release"
            assert errors == [], errors
        finally:
            context.close()


@pytest.mark.browser
def test_offline_copy_and_update_notice_on_nginx(releases: tuple[Path, Path], browser: Any) -> None:
    """The service worker on real nginx with the page's config: an update is offered ("Nieuwe versie
    beschikbaar") and taken whole after "Nu bijwerken"; then, with nginx stopped and the browser offline,
    a calculator and a content page still open and the calculator gives the new result."""
    with server("nginx-root", releases[0]) as srv:
        context = browser.new_context()
        responses: list[tuple[int, str]] = []
        errors: list[str] = []
        context.on("response", lambda r: responses.append((r.status, r.url)))
        context.add_init_script("document.addEventListener('securitypolicyviolation',"
                                "e=>console.error('CSP '+e.violatedDirective+' '+e.blockedURI))")
        try:
            page = context.new_page()
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            url = srv.base + "hulpmiddelen/proportionaliteit/"
            assert _calculate(page, url, "€ 60.000") == "€ 60.000"
            page.evaluate("navigator.serviceWorker.ready")
            assert _calculate(page, url, "€ 60.000") == "€ 60.000"  # now under the service worker
            page.evaluate("window.__notReloaded = true")

            install(releases[1], srv.docroot)
            page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
            notice = page.locator(".hr-update[role=status]")
            expect(notice).to_contain_text("Nieuwe versie beschikbaar", timeout=ENGINE_TIMEOUT)
            assert page.evaluate("window.__notReloaded === true"), "no reload without the reader's say"
            notice.get_by_role("button", name="Nu bijwerken").focus()
            with page.expect_navigation():
                page.keyboard.press("Enter")
            page.wait_for_selector('.hr-calc[data-calculator="proportionaliteit"][data-attached]')
            expect(page.locator('[data-result-body] [data-key="amount_eur"]')).to_have_text("€ 84.000", timeout=ENGINE_TIMEOUT)
            assert [r for r in responses if r[0] >= 400] == [], "a request for a file that no longer exists"

            srv.proc.terminate()
            srv.proc.wait(timeout=20)
            context.set_offline(True)
            page.goto(srv.base + "stappen/stap-1/")
            expect(page.locator("h1")).to_contain_text("Stap 1")
            assert _calculate(page, url, "€ 84.000") == "€ 84.000"
            assert errors == [], errors
        finally:
            context.close()
