"""An organisation's own look: the example in examples/huisstijl/ built the way the Zelf hosten page says.

The config lines of examples/huisstijl/huisstijl.yml go into a config that INHERITs mkdocs.yml, the
logo and stylesheet are copied to docs/huisstijl/, and the built site must show the name and logo,
link the colours and still link the calculators' own stylesheet. Chromium checks the colour is used.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser_support import serve
from conftest import ROOT, build_variant

HUISSTIJL = ROOT / "examples" / "huisstijl"


@pytest.fixture(scope="module")
def settings() -> dict[str, Any]:
    return yaml.safe_load((HUISSTIJL / "huisstijl.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def branded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = build_variant(
        tmp_path_factory.mktemp("branding"),
        (HUISSTIJL / "huisstijl.yml").read_text(encoding="utf-8"),
        files={"docs/huisstijl/logo.svg": HUISSTIJL / "logo.svg", "docs/huisstijl/huisstijl.css": HUISSTIJL / "huisstijl.css"},
    )
    assert built["prepare"].returncode == 0, built["prepare"].stderr[-3000:]
    assert built["build"].returncode == 0, built["build"].stderr[-3000:]
    return built["site"]


def test_example_settings_are_materials_own(settings: dict[str, Any]) -> None:
    assert set(settings) == {"site_name", "theme", "extra_css"}
    assert set(settings["theme"]) == {"logo", "favicon", "palette"}
    # A list replaces the one in mkdocs.yml: the calculators' stylesheet must stay in it.
    base = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert set(base["extra_css"]) <= set(settings["extra_css"])


def test_name_and_logo_appear(branded: Path, settings: dict[str, Any]) -> None:
    html = (branded / "hulpmiddelen" / "proportionaliteit" / "index.html").read_text(encoding="utf-8")
    name = settings["site_name"]
    assert re.search(rf"<title>[^<]*{re.escape(name)}</title>", html)
    assert re.search(rf'<span class="md-ellipsis">\s*{re.escape(name)}\s*</span>', html)
    logo = re.search(r'class="md-header__button md-logo"[^>]*>\s*<img src="([^"]+)"', html)
    assert logo and logo.group(1) == "../../huisstijl/logo.svg"
    assert re.search(r'<link rel="icon" href="../../huisstijl/logo.svg"', html)
    assert (branded / "huisstijl" / "logo.svg").read_bytes() == (HUISSTIJL / "logo.svg").read_bytes()


def test_colours_css_is_linked_and_calculators_keep_theirs(branded: Path) -> None:
    html = (branded / "index.html").read_text(encoding="utf-8")
    assert 'href="huisstijl/huisstijl.css"' in html
    assert 'href="assets/css/calculators.css"' in html
    assert 'data-md-color-primary="custom"' in html
    css = (branded / "huisstijl" / "huisstijl.css").read_text(encoding="utf-8")
    assert re.search(r"--md-primary-fg-color:\s*#00594f", css)


def test_default_build_keeps_the_plain_look(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "huisstijl" not in html and 'data-md-color-primary="indigo"' in html




@pytest.mark.browser
def test_header_uses_the_own_colour_in_chromium(browser: Any, branded: Path) -> None:
    with serve(branded) as url:
        _check_header(browser, url)


def _check_header(browser: Any, url: str) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = ctx.new_page()
        page.goto(url)
        colour = page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour == "rgb(0, 89, 79)"  # #00594f from huisstijl.css
        assert page.locator(".md-header .md-logo img").evaluate("e => e.naturalWidth > 0")
        shots = ROOT / "test-output" / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "huisstijl.png"))
    finally:
        ctx.close()
