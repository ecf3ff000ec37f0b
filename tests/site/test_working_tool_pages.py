"""The pages of Actieplan, Brainstormsessie and Mijn rol carry the form generated from the tool's model and the
worked example drawn by the tool's own view, and the guidance links to them."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from handreiking_tools import api
from handreiking_tools.site import forms

PAGES = {"actieplan": "actieplan", "brainstorm": "brainstorm", "mijn-rol": "mijn-rol"}
ROOT = Path(__file__).resolve().parents[2]


def _built(built_site: Path, page: str) -> str:
    return (built_site / "hulpmiddelen" / page / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", PAGES)
def test_the_page_carries_the_generated_form_and_the_example_of_the_core(built_site: Path, name: str) -> None:
    page = _built(built_site, PAGES[name])
    assert f'data-calculator="{name}"' in page
    for f in forms.form_fields(name):
        if f.kind == "rows":
            assert f'data-rows="{f.name}"' in page
        else:
            assert re.search(rf'<(input|select|textarea)[^>]*\bid="f-{re.escape(f.name)}"', page), f.name
    example = page.split(f'data-example-for="{name}"', 1)[1]
    result = api.run(name, forms.EXAMPLES[name])
    assert result["ok"]
    assert html.escape(result["summary"], quote=False) in example.replace("&#39;", "'").replace("&quot;", '"')


def test_long_answers_are_textareas_with_their_help(built_site: Path) -> None:
    page = _built(built_site, "brainstorm")
    for field in ("description", "labour_component", "who", "possibilities", "needs", "approach", "results"):
        assert re.search(rf'<textarea id="f-{field}" name="{field}" data-type="string" rows="4" aria-describedby="help-{field}"', page)


def test_the_example_shows_warnings_and_inferred_marks(built_site: Path) -> None:
    page = _built(built_site, "actieplan").split('data-example-for="actieplan"', 1)[1]
    assert 'data-code="no_owner"' in page and 'data-code="overdue"' in page and 'data-code="missing_partners"' not in page
    mine = _built(built_site, "mijn-rol").split('data-example-for="mijn-rol"', 1)[1]
    assert mine.count("(plaats afgeleid)") == 3  # category manager: steps 2A, 3 and 5 are inferred


def test_actieplan_offers_no_link_to_share(built_site: Path) -> None:
    """Member names are personal data: the action plan's page has no share link or copy-link button."""
    page = _built(built_site, "actieplan")
    assert "data-share-link" not in page and 'data-action="copy-link"' not in page
    assert 'data-action="download-json"' in page and "data-import-json" in page
    assert 'data-action="download-md"' in page and page.count('data-action="download-rows-csv"') == 4
    assert "data-share-link" in _built(built_site, "brainstorm")


def test_each_page_says_what_it_is_for_and_the_step_links_to_it(built_site: Path) -> None:
    docs = ROOT / "docs"
    for page, step in (("actieplan", "stap-1.md#1d"), ("brainstorm", "stap-1.md#1d"), ("mijn-rol", "stap-1.md#1b")):
        text = (docs / "hulpmiddelen" / f"{page}.md").read_text(encoding="utf-8")
        intro = text.split("\n---\n", 1)[1].split("\n# ", 1)[1].split("\n\n", 2)[1]
        assert f"../stappen/{step}" in intro or "../bijlagen/" in intro, page
    stap1 = (docs / "stappen" / "stap-1.md").read_text(encoding="utf-8")
    for page in ("actieplan", "brainstorm", "mijn-rol"):
        assert f"../hulpmiddelen/{page}.md" in stap1
    index = (docs / "hulpmiddelen" / "index.md").read_text(encoding="utf-8")
    assert all(f"({p}.md)" in index for p in PAGES.values())
    assert "../hulpmiddelen/brainstorm.md" in (docs / "bijlagen" / "brainstormformat.md").read_text(encoding="utf-8")
    assert "../hulpmiddelen/mijn-rol.md" in (docs / "bijlagen" / "rollen.md").read_text(encoding="utf-8")


def test_the_brainstorm_example_shows_each_long_answer_once(built_site: Path) -> None:
    # The input table of the example leaves long answers out: the view below it shows them whole.
    page = _built(built_site, "brainstorm")
    example = page.split('data-example-for="brainstorm"', 1)[1].split('<h3>Verder</h3>', 1)[0]
    for field in ("labour_component", "possibilities", "needs"):
        answer = html.escape(forms.EXAMPLES["brainstorm"][field], quote=True)
        assert example.count(answer) == 1, field
