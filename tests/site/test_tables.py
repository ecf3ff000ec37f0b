"""The generated site tables: roles matrix, roles per role, Table 1 and the sector series."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handreiking_tools.fmt import number
from handreiking_tools.roles import load_roles, tasks_for
from handreiking_tools.site.tables import SNIPPETS, render_tables
from handreiking_tools.tools.quota.letter import quota_letter

ROLES = load_roles()
LETTER = quota_letter()
DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture(scope="module")
def snippets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("generated")
    paths = render_tables(out)
    assert sorted(p.name for p in paths) == sorted(SNIPPETS)
    return {p.name: p.read_text(encoding="utf-8") for p in paths}


def test_matrix_has_header_cells_for_every_role_and_step(snippets):
    html = snippets["rollen-matrix.md"]
    cols = re.findall(r'<th scope="col">(.*?)</th>', html)
    rows = re.findall(r'<th scope="row">(.*?)</th>', html)
    assert len(cols) == len(ROLES.roles) + 1
    for role in ROLES.roles:
        assert any(c.startswith(role.label) for c in cols), role.label
    assert [r.split(".")[0] for r in rows] == [s.code for s in ROLES.steps]
    assert "<caption" in html
    # Every row has one cell per role.
    for body_row in re.findall(r'<th scope="row">.*?</tr>', html, flags=re.S):
        assert body_row.count("<td") == len(ROLES.roles)


def test_matrix_shows_every_task(snippets):
    html = snippets["rollen-matrix.md"]
    for row in ROLES.matrix:
        for text in row.tasks.values():
            if text:
                assert text in html


def test_per_role_section_for_every_role_with_h3_headings(snippets):
    md = snippets["rollen-per-rol.md"]
    headings = re.findall(r"^(#+) (.*)$", md, flags=re.M)
    assert all(level == "###" for level, _ in headings)
    assert len(headings) == len(ROLES.roles)
    assert "### Wat doe ik als contractmanager?" in md
    assert "### Wat doe ik als HR-expert?" in md
    for role in ROLES.roles:
        section = md.split(f"als {role.label[0].lower() + role.label[1:] if not role.label[:2].isupper() else role.label}?")[1]
        section = section.split("\n### ")[0]
        for st in tasks_for(role.code):
            assert st.task in section, (role.code, st.step.code)


def test_per_role_links_point_at_existing_step_pages(snippets):
    md = snippets["rollen-per-rol.md"]
    links = set(re.findall(r"\]\(\.\./([^)]+)\)", md))
    assert links == {s.page for s in ROLES.steps}
    for link in links:
        assert (DOCS / link).is_file(), link


def test_table1_every_ministry_and_total_in_dutch_notation(snippets):
    md = snippets["kamerbrief-tabel-1.md"]
    for row in LETTER.table_1.rows:
        line = next(line for line in md.splitlines() if f"({row.code})" in line)
        assert row.name in line
        assert f"| {number(row.target_jobs)} |" in line and line.rstrip().endswith(f"| {row.realisation_pct:g}% |")
    total = next(line for line in md.splitlines() if line.startswith("| **"))
    for figure in ("**2.815**", "**388**", "**3.203**", "**4.674**", "**69%**"):
        assert figure in total
    assert "1180" not in md and "1.180" in md  # thousands separator is a dot


def test_table1_rounding_note_lists_the_differences(snippets):
    md = snippets["kamerbrief-tabel-1.md"]
    assert "??? note" in md and "afronding" in md.lower()
    assert "73,3%" in md and "de brief noemt 71%" in md  # AZ: decimal comma
    assert "2.814" in md  # the ministries' formal jobs add up to one less than published
    assert "#" not in md  # no headings: the page puts this table under its own h2


def test_sector_series_in_dutch_notation(snippets):
    md = snippets["kamerbrief-sector.md"]
    for year, target, share in ((2019, "3.531", "59%"), (2020, "4.072", "65%"), (2021, "4.674", "69%")):
        line = next(line for line in md.splitlines() if line.startswith(f"| {year} |"))
        assert target in line and line.rstrip().endswith(f"| {share} |")
    assert "3.203" in md and "25,5 uur" in md


def test_no_placeholders_or_english(snippets):
    for name, text in snippets.items():
        assert "Xxx" not in text, name
        assert not re.search(r"\b(the|and|of the|source)\b", text), name


def test_inferred_cells_are_the_ones_the_reconstruction_note_lists():
    # The note for maintainers and the structured list say the same (10 cells in 2A, 3, 4 and 5).
    assert sum(len(v) for v in ROLES.inferred.values()) == 10
    labels = {"procurement_expert": "inkoopexpert", "category_manager": "categoriemanager",
              "internal_client": "interne opdrachtgever", "executive": "bestuurder", "contract_manager": "contractmanager"}
    note = ROLES.reconstruction_note.split("Inferred", 1)[1]
    for step, roles in ROLES.inferred.items():
        part = note.split(f" {step} ", 1)[1].split(";")[0].rstrip(".")
        assert sorted(part.strip().split("/")) == sorted(labels[r] for r in roles), step


def test_matrix_marks_every_inferred_cell_in_words_and_no_other(snippets):
    html = snippets["rollen-matrix.md"]
    marked = re.findall(r'<td class="hr-inferred">(.*?)<br><small class="hr-inferred-mark">\(plaats afgeleid\)</small></td>', html)
    expected = [ROLES.matrix[[s.code for s in ROLES.steps].index(step)].tasks[role]
                for step, roles in ROLES.inferred.items() for role in roles]
    assert sorted(marked) == sorted(t.replace("'", "&#39;") for t in expected)
    assert html.lower().count("plaats afgeleid") == len(expected) + 1  # plus the caption that points to the explanation


def test_per_role_views_mark_the_inferred_tasks(snippets):
    md = snippets["rollen-per-rol.md"]
    for role in ROLES.roles:
        for st in tasks_for(role.code):
            line = next(ln for ln in md.splitlines() if ln.startswith(f"- **[Stap {st.step.code}:") and st.task in ln)
            assert ("plaats afgeleid" in line) == ROLES.is_inferred(st.step.code, role.code), (role.code, st.step.code)


def test_wide_matrix_is_a_keyboard_reachable_named_region(snippets):
    html = snippets["rollen-matrix.md"]
    wrap = re.search(r'<div class="hr-table-wrap hr-roles-wrap" role="region" aria-labelledby="([\w-]+)" tabindex="0">', html)
    assert wrap and f'<caption id="{wrap.group(1)}">' in html
    # Material wraps only tables without a class in its own (unfocusable) scroll box.
    assert '<table class="hr-roles-table">' in html


def test_an_inferred_cell_must_have_a_task():
    from handreiking_tools.roles import RolesData
    raw = ROLES.model_dump()
    raw["inferred"] = {"2A": ["hr_expert"]}  # HR has no task in 2A in the matrix
    with pytest.raises(ValueError, match="Afgeleide cel 2A/hr_expert"):
        RolesData.model_validate(raw)
