"""Reference data of the Quotum and the roles matrix: loads, validates, and matches the sources."""

from __future__ import annotations

import copy

import pytest
from pydantic import ValidationError

from handreiking_tools.data import load_json
from handreiking_tools.fmt import round_half_up
from handreiking_tools.roles import ROLE_STEPS, RolesData, load_roles, task, tasks_for
from handreiking_tools.tools.quota.letter import TABLE1_COLUMNS, QuotaLetterData, quota_letter

LETTER = quota_letter()
T1 = LETTER.table_1


def test_letter_data_loads_with_sources():
    assert LETTER.hours_per_job_week.value == 25.5
    assert LETTER.hours_per_job_year.value == 1331
    for fig in (LETTER.hours_per_job_week, LETTER.hours_per_job_year, LETTER.projection_horizon_years):
        assert fig.source.document
    assert "34 352" in LETTER.letter.section and "258" in LETTER.letter.section
    assert T1.source.section and "Tabel 1" in T1.source.section
    assert LETTER.track_3.counts_for_quota is False and LETTER.track_3.source.section


def test_table1_published_total_row():
    t = T1.total
    assert (t.formal_jobs, t.inleen_jobs, t.total_jobs, t.target_jobs, t.realisation_pct) == (2815, 388, 3203, 4674, 69)


def test_table1_has_every_ministry_once():
    assert [r.code for r in T1.rows] == ["AZ", "BZ", "BZK", "EZK", "Fin", "IenW", "JenV", "LNV", "OCW", "SZW", "VWS", "HCvS"]


@pytest.mark.parametrize("column", TABLE1_COLUMNS)
def test_table1_columns_add_up_to_the_published_totals(column):
    # Every cell is rounded to a whole job, so a column of n rows may be off by at most n/2.
    total = getattr(T1.total, column)
    assert abs(T1.column_sum(column) - total) <= len(T1.rows) / 2


def test_table1_target_column_adds_up_exactly():
    assert T1.column_sum("target_jobs") == T1.total.target_jobs


def test_table1_rows_add_up_and_percentages_fit():
    for row in (*T1.rows, T1.total):
        assert abs(row.formal_jobs + row.inleen_jobs - row.total_jobs) <= 1, row.code
        # The published percentage is within what the unrounded figures behind it can give.
        assert abs(row.computed_pct - row.realisation_pct) <= 2.5, row.code


def test_table1_rounding_differences_are_the_known_ones():
    # Checked by hand against the letter: these published figures differ from a recomputation.
    diffs = {(d.code, d.what, d.published) for d in T1.differences()}
    assert diffs == {
        ("AZ", "percentage", 71), ("HCvS", "percentage", 62),
        ("Fin", "totaal", 859), ("OCW", "totaal", 164), ("HCvS", "totaal", 36),
        ("Totaal", "totaal", 2815), ("Totaal", "totaal", 388), ("Totaal", "totaal", 3203),
    }
    for d in T1.differences():
        assert "afronding" in d.message


def test_a_mistyped_table1_cell_is_rejected():
    raw = copy.deepcopy(load_json("quota_letter_2022"))
    raw["table_1"]["rows"][6]["formal_jobs"] = 596  # JenV 569 with two digits swapped
    with pytest.raises(ValidationError):
        QuotaLetterData.model_validate(raw)
    raw = copy.deepcopy(load_json("quota_letter_2022"))
    raw["table_1"]["rows"][0]["realisation_pct"] = 17  # AZ 71 swapped
    with pytest.raises(ValidationError):
        QuotaLetterData.model_validate(raw)


def test_sector_series_2019_2021():
    got = [(y.year, y.realisation_pct, y.target_jobs) for y in LETTER.sector_series.years]
    assert got == [(2019, 59, 3531), (2020, 65, 4072), (2021, 69, 4674)]
    y2021 = LETTER.sector_series.years[-1]
    assert y2021.realised_jobs == T1.total.total_jobs and y2021.target_jobs == T1.total.target_jobs
    assert round_half_up(y2021.realised_jobs / y2021.target_jobs * 100) == y2021.realisation_pct


# Roles matrix (Bijlage II)

ROLES = load_roles()
BIJLAGE_II_ROLES = {"Coördinator social return", "Projectcoördinator", "HR-expert", "Inkoopexpert",
                    "Categoriemanager", "Contractmanager", "Bestuurder", "Interne opdrachtgever", "Opdrachtnemer"}


def test_roles_matrix_covers_every_step_including_2a_2b():
    assert [s.code for s in ROLES.steps] == list(ROLE_STEPS) == ["1", "2A", "2B", "3", "4", "5"]
    assert [row.step for row in ROLES.matrix] == list(ROLE_STEPS)


def test_roles_matrix_covers_every_role_of_bijlage_ii():
    assert {r.label for r in ROLES.roles} == BIJLAGE_II_ROLES
    werkgroep = {r.label for r in ROLES.roles if r.group == "werkgroep"}
    assert werkgroep == {"Projectcoördinator", "HR-expert", "Inkoopexpert", "Categoriemanager", "Contractmanager"}
    for row in ROLES.matrix:
        assert set(row.tasks) == {r.code for r in ROLES.roles}


def test_every_step_has_tasks_and_every_role_has_a_task():
    for row in ROLES.matrix:
        filled = [t for t in row.tasks.values() if t]
        assert len(filled) >= 5, row.step  # Bijlage II fills 5 to 8 of 9 cells per step
    for r in ROLES.roles:
        assert tasks_for(r.code), r.code


def test_cells_that_are_certain_from_the_source():
    # Read directly from Bijlage II: these cells do not depend on how the columns were rebuilt.
    assert task("2A", "project_coordinator") == "Stuurt de werkgroep aan."
    assert "gunningscriterium" in task("2A", "sr_coordinator")
    assert "marktconsultatie" in task("2A", "supplier")
    assert "proeftuin" in task("2B", "supplier")
    assert "beleid" in task("1", "executive") and task("1", "supplier") is None
    assert "HR-beleid" in task("5", "hr_expert")


def test_pages_of_the_steps_exist():
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs"
    for s in ROLES.steps:
        assert (docs / s.page).is_file(), s.page


def test_incomplete_matrix_is_rejected():
    raw = copy.deepcopy(load_json("roles"))
    del raw["matrix"][2]["tasks"]["contract_manager"]
    with pytest.raises(ValidationError):
        RolesData.model_validate(raw)
    raw = copy.deepcopy(load_json("roles"))
    raw["matrix"] = raw["matrix"][:-1]
    with pytest.raises(ValidationError):
        RolesData.model_validate(raw)


def test_sources_name_public_documents_not_our_working_notes():
    # Reason sources are shown to readers; an internal file name ("facts.md") means nothing to them.
    import json
    from importlib import resources

    for f in resources.files("handreiking_tools.data").iterdir():
        if f.name.endswith(".json"):
            text = f.read_text(encoding="utf-8")
            json.loads(text)
            assert "facts.md" not in text, f.name
