"""The forms and worked examples rendered by site/forms.py follow the calculators' pydantic models."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from handreiking_tools import api, fmt, view
from handreiking_tools.site import forms


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("generated")
    paths = forms.render_forms(out)
    assert {p.name for p in paths} >= {f"{k}-{n}.html" for k in ("form", "example") for n in api.NAMES}
    return {p.stem: p.read_text(encoding="utf-8") for p in paths}


def _control(page: str, field: str) -> str:
    match = re.search(rf'<(input|select|textarea)[^>]*\bid="f-{re.escape(field)}"[^>]*>', page)
    assert match, f"no control for {field}"
    return match.group(0)


@pytest.mark.parametrize("name", api.NAMES)
def test_every_field_of_the_model_has_a_labelled_control_help_and_error_slot(rendered: dict[str, str], name: str) -> None:
    page = rendered[f"form-{name}"]
    schema = api.schema(name)
    for field, spec in schema["properties"].items():
        kind = next(f for f in forms.form_fields(name) if f.name == field).kind
        if kind == "rows":
            assert f'data-rows="{field}"' in page
            continue
        control = _control(page, field)
        assert f'<label for="f-{field}">' in page
        title = spec.get("title") or field
        assert html.escape(title, quote=False) in page
        assert f'id="err-{field}"' in page
        described = re.search(r'aria-describedby="([^"]*)"', control)
        assert described and f"help-{field}" in described.group(1).split()
        if spec.get("description"):
            assert f'id="help-{field}">{html.escape(spec["description"], quote=False)}' in page.replace("&#39;", "'")


def test_bounds_become_min_max_and_step() -> None:
    fields = {f.name: f for f in forms.form_fields("proportionaliteit")}
    schema = api.schema("proportionaliteit")["properties"]
    assert fields["duration_months"].kind == "integer"
    assert fields["duration_months"].minimum == schema["duration_months"]["minimum"]
    assert fields["duration_months"].maximum == schema["duration_months"]["maximum"]
    assert fields["duration_months"].step == "1"
    assert fields["contract_value_eur"].step == "any"


def test_choices_are_selects_with_dutch_labels(rendered: dict[str, str]) -> None:
    from handreiking_tools.reference import categories

    control_page = rendered["form-proportionaliteit"]
    for cat in categories().categories:
        assert f'<option value="{cat.code}">{html.escape(cat.label, quote=False)}</option>' in control_page
    fields = {f.name: f for f in forms.form_fields("proportionaliteit")}
    assert fields["framework_agreement"].kind == "checkbox"
    profile_values = [v for v, _ in fields["profile"].options]
    assert profile_values[:2] == ["handreiking", "rijksoverheid"]
    assert all(label != value for value, label in fields["profile"].options)


def test_contract_rows_are_an_editable_table_from_the_row_model(rendered: dict[str, str]) -> None:
    page = rendered["form-contractselectie"]
    rows = next(f for f in forms.form_fields("contractselectie") if f.name == "contracts")
    assert rows.kind == "rows"
    template = page.split("<template data-row-template>")[1].split("</template>")[0]
    for col in rows.columns:
        assert f'name="{col.name}"' in template
    assert 'data-action="add-row"' in page and 'data-action="remove-row"' in template
    assert 'data-upload' in page and 'data-paste' in page
    # A contract's "labour intensive" may stay empty (follows the category): a three-way choice, not a checkbox.
    assert next(c for c in rows.columns if c.name == "labour_intensive").kind == "tristate"


def test_worked_examples_show_the_core_result_in_dutch_notation(rendered: dict[str, str]) -> None:
    prop = api.run("proportionaliteit", forms.EXAMPLES["proportionaliteit"])
    page = rendered["example-proportionaliteit"]
    assert prop["ok"]
    assert fmt.eur(prop["amount_eur"]) in page and fmt.pct(prop["percentage"]) in page
    assert html.escape(prop["advice_label"], quote=False) in page

    ranking = api.run("contractselectie", forms.EXAMPLES["contractselectie"])
    page = rendered["example-contractselectie"].split('<table class="hr-ranking">')[1]
    positions = [page.index(html.escape(c["name"], quote=False)) for c in ranking["ranking"]]
    assert positions == sorted(positions), "the example lists the contracts in the core's order"

    quota = api.run("quotum", forms.EXAMPLES["quotum"])
    page = rendered["example-quotum"]
    assert quota["ok"] and quota["realisation_pct_display"] in page
    assert html.escape(quota["summary"], quote=False) in page


def _pages(obj: object) -> set[str]:
    """Every non-empty string under a "page" key in a result."""
    if isinstance(obj, dict):
        found = {v for k, v in obj.items() if k == "page" and isinstance(v, str) and v}
        for value in obj.values():
            found |= _pages(value)
        return found
    if isinstance(obj, list):
        return set().union(*(_pages(v) for v in obj)) if obj else set()
    return set()


def test_reason_pages_come_from_data_and_exist() -> None:
    """One mapping from a reason to its page: the rule data in the core. Every page a result names is a
    page of this site, with the anchor it points to; the JS and the build no longer guess from the text."""
    docs = Path(__file__).resolve().parents[2] / "docs"
    pages: set[str] = set()
    for name, example in forms.EXAMPLES.items():
        pages |= _pages(api.run(name, dict(example)))
    pages |= _pages(api.run("proportionaliteit", {"contract_value_eur": 50_000, "duration_months": 24,
                                                   "contract_type": "dienst", "category": "ict"}))
    assert len(pages) >= 4, pages
    for page in pages:
        path, _, anchor = page.partition("#")
        md = docs / path.rstrip("/") / "index.md"
        md = md if md.exists() else docs / (path.rstrip("/") + ".md")
        assert md.exists(), page
        if anchor and anchor != "hoe-rekent-deze-hulp":
            assert "{#" + anchor + "}" in md.read_text(encoding="utf-8"), page
        if anchor == "hoe-rekent-deze-hulp":
            assert "## Hoe rekent deze hulp?" in md.read_text(encoding="utf-8"), page
    # One link rule, in the view kit, for the worked example ("../../") and the live result (the site's URL).
    assert view.page_url("stappen/stap-2a/#2ac", forms.CALCULATOR_PAGE_ROOT) == "../../stappen/stap-2a/#2ac"
    # The browser draws no result itself: no link rule to the guidance and no Dutch number formatting in any module,
    # except the one rule that writes a number from JSON into a field (calc-util.js numberNl), which
    # tests/site/test_number_text.py holds to the core's reading (parse_number) and writing (fmt.number).
    grouping = []
    for path in sorted((docs / "assets" / "js").glob("*.js")):
        js = path.read_text(encoding="utf-8")
        assert "sourcePath" not in js and "stap-" not in js, path.name
        assert "Intl.NumberFormat" not in js and "toLocaleString" not in js, path.name
        grouping += [path.name] * js.count(r"\B(?=(\d{3})")
    assert grouping == ["calc-util.js"]


def test_the_contract_example_ranks_as_an_expert_would() -> None:
    """Issue 10: the page's own example must not put a supply with little labour in a jobs partnership's top 3."""
    from handreiking_tools.reference import categories

    by_code = categories().by_code()
    out = api.run("contractselectie", forms.EXAMPLES["contractselectie"])
    by_name = {r["name"]: r for r in out["ranking"]}
    cats = {r["name"]: r["category"] for r in out["ranking"]}
    assert len(out["top"]) == 3
    assert all(by_code[cats[n]].labour_intensive for n in out["top"])
    assert not any(cats[n] in ("leveringen", "ict") for n in out["top"])
    assert by_name["Beveiliging hoofdgebouw"]["route"] == "2A"  # ends soon without an extension


@pytest.mark.parametrize("name", api.NAMES)
def test_numbers_and_dates_are_text_fields_the_core_reads(rendered: dict[str, str], name: str) -> None:
    """Never type=number or type=date: the browser would drop '1.234.000,50' or choose a date format by its locale."""
    page = rendered[f"form-{name}"]
    assert not re.search(r'(?<![-\w])type="(number|date)"', page)
    for f in forms.form_fields(name):
        if f.kind not in ("number", "integer", "date"):
            continue
        control = _control(page, f.name)
        assert 'type="text"' in control
        if f.kind == "date":
            assert 'placeholder="dd-mm-jjjj"' in control and "inputmode" not in control
        else:
            assert f'inputmode="{"numeric" if f.kind == "integer" else "decimal"}"' in control
        # How the core reads it (fields.ReadAs): the form writes a number from a file or the example the same way.
        assert f.unit is not None and f'data-unit="{f.unit}"' in control, (f.name, control)
        if f.kind != "integer":  # "gelezen als ..." beside it, read out with the field
            assert f'id="read-{f.name}" data-read-for="{f.name}"' in page
            assert f"read-{f.name}" in re.search(r'aria-describedby="([^"]*)"', control).group(1).split()


@pytest.mark.parametrize("name", api.NAMES)
def test_amount_fields_are_marked_as_euros_from_the_model(name: str) -> None:
    """Every field for euros (also in a table) says so from its model (fields.Eur): the form writes cents as two
    digits there (1.234.000,50) and the example shows € before it."""
    fields = [c for f in forms.form_fields(name) for c in (f.columns or [f])]
    for f in fields:
        assert (f.unit == "eur") == f.name.endswith("_eur"), (name, f.name, f.unit)
