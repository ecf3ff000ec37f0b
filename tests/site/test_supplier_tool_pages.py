"""The pages of 'Wat moet ik leveren?' and 'Monitoringsrapportage' in the built site: the generated form,
the worked example drawn by the tool's own view, and the links that lead a reader to them."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from handreiking_tools import api
from handreiking_tools.site import forms

TOOLS = {"leveren": "Wat moet ik leveren?", "monitoring": "Monitoringsrapportage"}


def _page(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8")


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


@pytest.mark.parametrize("name", TOOLS)
def test_page_carries_the_generated_form_and_the_example_of_the_same_core(built_site: Path, name: str) -> None:
    page = _page(built_site, f"hulpmiddelen/{name}")
    assert f'data-calculator="{name}"' in page
    for f in forms.form_fields(name):
        if f.kind == "rows":
            assert f'data-rows="{f.name}"' in page
        else:
            assert f'id="f-{f.name}"' in page and f'id="err-{f.name}"' in page
    example = re.search(rf'<div class="hr-example" data-example-for="{name}">(.*?)</div>\s*<h2', page, re.S)
    assert example, "no worked example on the page"
    view = api.render(name, api.run(name, forms.EXAMPLES[name]))
    assert _text(view.html) in _text(example.group(1))
    # The two opening sentences say what the tool is for and which step it belongs to.
    intro = re.search(r"</h1>(?:\s*<p class=\"hr-stand\">.*?</p>)?\s*<p>(.*?)</p>", page, re.S)
    assert intro and "stap" in _text(intro.group(1)).lower()


def test_worked_examples_show_the_key_figures(built_site: Path) -> None:
    leveren = _text(_page(built_site, "hulpmiddelen/leveren"))
    assert "5% van de opdrachtwaarde van € 1.200.000 is € 60.000." in leveren
    assert "eigen voorbeeld" in leveren
    monitoring = _text(_page(built_site, "hulpmiddelen/monitoring"))
    assert "Afgesproken € 60.000, gerealiseerd € 55.000" in monitoring
    assert "Per plaatsing (alleen codes, geen namen)" in monitoring


def test_the_tools_are_linked_from_nav_index_steps_and_the_suppliers_page(built_site: Path) -> None:
    index = _page(built_site, "hulpmiddelen")
    for name, title in TOOLS.items():
        assert f'<a href="{name}/">{title}</a>' in index, f"{name} missing from the table of tools"
        assert re.search(rf'<a href="{name}/" class="md-nav__link">\s*<span class="md-ellipsis">\s*{re.escape(title)}\s*</span>',
                         index), f"{name} missing from the navigation"
    suppliers = _page(built_site, "opdrachtnemers")
    assert 'href="../hulpmiddelen/leveren/"' in suppliers and 'href="../hulpmiddelen/monitoring/"' in suppliers
    assert 'href="../../hulpmiddelen/monitoring/"' in _page(built_site, "stappen/stap-4")
    assert 'href="../../hulpmiddelen/leveren/"' in _page(built_site, "stappen/stap-2a")


def test_proportionaliteit_hands_its_amount_to_leveren_after_the_hash(built_site: Path) -> None:
    result = api.run("proportionaliteit", forms.EXAMPLES["proportionaliteit"])
    page = _page(built_site, "hulpmiddelen/proportionaliteit")
    link = re.search(r'href="\.\./\.\./hulpmiddelen/leveren/#obligation_eur=([^"]+)"', page)
    assert link, "no link to leveren"
    typed = unquote(link.group(1))
    assert typed == "60.000"  # Dutch notation, as a reader would type it (never '60000.0', which the core asks about)
    assert api.run("leveren", {"obligation_eur": typed})["obligation_eur"] == pytest.approx(result["amount_eur"], abs=0.01)
