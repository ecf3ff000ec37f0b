"""An organisation's own policy profile: read from the file mkdocs.yml names, validated, used by default.

Unit tests cover reading and validating a profile file (site/profile.py) and the core's use of a
site's own profile as the default (passed as Profiles, never registered); build tests build the site with each example profile the way a hosting
organisation would (a config that INHERITs mkdocs.yml) and with a broken one; a browser test checks
that the proportionaliteit calculator uses the own profile by default.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser_support import ENGINE_TIMEOUT, Recorder, fill_scalars, key_text, serve
from conftest import ROOT, build_variant

from handreiking_tools import api, fmt
from handreiking_tools import profile as policy
from handreiking_tools.site import profile as site_profile
from handreiking_tools.site.forms import EXAMPLES as FORM_EXAMPLES

EXAMPLES = ROOT / "examples"
GEMEENTE = EXAMPLES / "gemeente-voorbeeldstad.yml"
PROVINCIE = EXAMPLES / "provincie-voorbeeldland.yml"


def read(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def site_profiles(path: Path) -> policy.Profiles:
    """The profiles of a site whose own profile is the file at ``path`` (the default of that site)."""
    return policy.Profiles(own=site_profile.load_file(path, path.name))


# --------------------------------------------------------------------------- reading and validating


def test_gemeente_example_has_what_the_issue_asks() -> None:
    p = site_profile.load_file(GEMEENTE, "gemeente-voorbeeldstad.yml")
    assert p.label == "Gemeente Voorbeeldstad"
    assert (p.percentage_pct.value, p.threshold_eur.value, p.threshold_measure) == (5, 100_000, "opdrachtwaarde")
    assert p.category_percentages["zorg_welzijn"].value > p.percentage_pct.value
    assert p.cost_per_job_year_eur is not None and p.cost_per_job_year_eur.source.section


def test_short_profile_extends_a_shipped_one() -> None:
    raw = read(PROVINCIE)
    assert raw["extends"] == "handreiking" and "percentage_pct" not in raw
    p = site_profile.load_file(PROVINCIE, "provincie-voorbeeldland.yml")
    base = policy.load_profile("handreiking")
    assert p.threshold_eur.value == 250_000 != base.threshold_eur.value
    assert p.percentage_pct == base.percentage_pct  # taken over from the handreiking
    assert p.shortlist.weights.labour_intensive.value == 40 != base.shortlist.weights.labour_intensive.value
    assert p.shortlist.annual_value_eur == base.shortlist.annual_value_eur  # a group merges field by field
    assert p.shortlist.top_n.value == 5


@pytest.mark.parametrize("mutate, line", [
    (lambda d: d["threshold_eur"].update(value=-1), "x.yml: threshold_eur.value: Vul een getal in van minstens 0."),
    (lambda d: d["category_percentages"]["zorg_welzijn"].update(value=120),
     "x.yml: category_percentages.zorg_welzijn.value: Vul een getal in van hoogstens 100."),
    (lambda d: d.update(treshold_eur=5), "x.yml: treshold_eur: Dit veld kennen we niet."),
    (lambda d: d.pop("label"), "x.yml: label: Dit veld is verplicht."),
    (lambda d: d.update(base="omzet"), "x.yml: base: Kies een van deze mogelijkheden: 'opdrachtwaarde' of 'loonsom'."),
    (lambda d: d.update(name="handreiking"), "x.yml: name: De naam 'handreiking' is van een meegeleverd profiel."),
    (lambda d: d.update(extends="onbekend"), "x.yml: extends: Kies een meegeleverd profiel"),
])
def test_bad_field_is_named_with_file_and_path(mutate: Any, line: str) -> None:
    data = copy.deepcopy(read(GEMEENTE))
    mutate(data)
    with pytest.raises(site_profile.ProfileFileError) as exc:
        site_profile.validate(data, "x.yml")
    assert line in str(exc.value)
    assert "Input should" not in str(exc.value)


def test_every_bad_field_gets_its_own_line() -> None:
    data = copy.deepcopy(read(GEMEENTE))
    data["threshold_eur"]["value"] = -5
    data["percentage_pct"]["value"] = "vijf"
    with pytest.raises(site_profile.ProfileFileError) as exc:
        site_profile.validate(data, "x.yml")
    lines = str(exc.value).splitlines()
    assert any(line.startswith("x.yml: threshold_eur.value:") for line in lines)
    assert any(line.startswith("x.yml: percentage_pct.value:") for line in lines)


def test_missing_file_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(site_profile.ProfileFileError, match="bestaat niet"):
        site_profile.load_file(tmp_path / "nee.yml", "nee.yml")
    bad = tmp_path / "kapot.yml"
    bad.write_text("name: [open\n", encoding="utf-8")
    with pytest.raises(site_profile.ProfileFileError, match="kapot.yml: dit is geen geldige YAML"):
        site_profile.load_file(bad, "kapot.yml")


def test_config_key_and_inherit(tmp_path: Path) -> None:
    parent = tmp_path / "base.yml"
    parent.write_text("site_name: x\nextra:\n  handreiking:\n    policy_profile: beleid/a.yml\n", encoding="utf-8")
    child = tmp_path / "child.yml"
    child.write_text("INHERIT: base.yml\nsite_name: y\n", encoding="utf-8")
    assert site_profile.configured_file(site_profile.read_config(child)) == "beleid/a.yml"
    assert site_profile.configured_file({"extra": {}}) is None
    assert site_profile.configured_file({}) is None
    with pytest.raises(site_profile.ProfileFileError, match="bestandsnaam"):
        site_profile.configured_file({"extra": {"handreiking": {"policy_profile": 5}}})


def test_apply_writes_the_profile_and_registers_nothing(tmp_path: Path) -> None:
    (tmp_path / "beleid").mkdir()
    (tmp_path / "beleid" / "g.yml").write_text(GEMEENTE.read_text(encoding="utf-8"), encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nextra:\n  handreiking:\n    policy_profile: beleid/g.yml\n", encoding="utf-8")
    out = tmp_path / "out"
    site = site_profile.apply(config, out)
    assert site is not None and site.file == "beleid/g.yml"
    assert site_profile.profiles_of(site).default_name == "gemeente-voorbeeldstad"
    # Applying registers nothing: a run without the site's profiles still uses the handreiking's rules.
    assert api.run("proportionaliteit", CARE)["profile"]["name"] == policy.DEFAULT
    written = json.loads((out / site_profile.OUT_NAME).read_text(encoding="utf-8"))
    assert written["profile"]["label"] == "Gemeente Voorbeeldstad"
    # The written profile is complete: the core accepts it as it is (the worker uses exactly this).
    assert policy.validate_profile(written["profile"]) == site.profile
    # Naming no profile (e.g. a later `mkdocs serve` rebuild) goes back to the handreiking's rules.
    config.write_text("site_name: x\n", encoding="utf-8")
    assert site_profile.apply(config, out) is None
    assert site_profile.profiles_of(None).default_name == policy.DEFAULT
    assert json.loads((out / site_profile.OUT_NAME).read_text(encoding="utf-8")) == {"profile": None}


# --------------------------------------------------------------------------- the core with a default profile

CARE = {"contract_value_eur": 600000, "duration_months": 24, "contract_type": "dienst", "category": "zorg_welzijn"}


def test_site_default_is_used_when_input_names_none() -> None:
    before = api.run("proportionaliteit", CARE)
    assert before["profile"]["name"] == "handreiking" and before["jobs_estimate"] is None
    profiles = site_profiles(GEMEENTE)
    p = profiles.own
    assert p is not None
    after = api.run("proportionaliteit", CARE, profiles)
    assert after["ok"] and after["profile"] == {"name": p.name, "label": "Gemeente Voorbeeldstad", "version": "2026-01"}
    pct = p.category_percentages["zorg_welzijn"].value
    assert after["percentage"] == pct
    assert after["amount_eur"] == pytest.approx(CARE["contract_value_eur"] * pct / 100)
    # Jobs: the amount spread over the years, divided by the profile's cost per job-year.
    years = CARE["duration_months"] / 12
    # The cost is for a 36-hour year; a job of the banenafspraak is 25,5 hours (issue 10: convert honestly).
    per_job = p.cost_per_job_year_eur.value * 25.5 / p.cost_per_job_hours_per_week.value
    assert after["jobs_estimate"] == pytest.approx(after["amount_eur"] / years / per_job, abs=0.01)
    reason = next(r for r in after["reasons"] if r["code"] == "banen_schatting")
    assert fmt.eur(p.cost_per_job_year_eur.value) in reason["message"]
    assert reason["source"].startswith("Inkoopbeleid Voorbeeldstad 2026")
    # The shipped rules stay one choice away.
    assert api.run("proportionaliteit", {**CARE, "profile": "handreiking"}, profiles)["profile"]["name"] == "handreiking"
    # And a run without the site's profiles is not changed by one with them (no state is left behind).
    assert api.run("proportionaliteit", CARE) == before


def test_schema_offers_the_own_profile_as_default() -> None:
    profiles = site_profiles(PROVINCIE)
    p = profiles.own
    assert p is not None
    for name in ("proportionaliteit", "contractselectie"):
        prop = api.schema(name, profiles)["properties"]["profile"]
        assert prop["default"] == p.name
        assert prop["x-labels"][p.name] == "Provincie Voorbeeldland"
        assert {"handreiking", "rijksoverheid"} <= set(prop["x-labels"])
        assert "Provincie Voorbeeldland" in prop["description"]
    assert api.schema("proportionaliteit")["properties"]["profile"]["default"] == policy.DEFAULT


def test_own_weights_change_the_contract_ranking() -> None:
    payload = FORM_EXAMPLES["contractselectie"]
    base = api.run("contractselectie", payload)
    profiles = site_profiles(PROVINCIE)
    p = profiles.own
    assert p is not None
    own = api.run("contractselectie", payload, profiles)
    assert own["ok"] and own["profile"]["name"] == p.name
    scores = lambda r: {c["name"]: c["score"] for c in r["ranking"]}  # noqa: E731
    assert scores(own) != scores(base)


def test_shipped_names_cannot_be_taken_over() -> None:
    data = policy.load_profile("handreiking").model_dump(mode="json")
    with pytest.raises(policy.ProfileError):
        policy.Profiles.with_own(data)


# --------------------------------------------------------------------------- building the site with a profile


def _config(profile_rel: str) -> str:
    return f"extra:\n  handreiking:\n    policy_profile: {profile_rel}\n"


@pytest.fixture(scope="module", params=["gemeente-voorbeeldstad.yml", "provincie-voorbeeldland.yml"])
def example_build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    built = build_variant(tmp_path_factory.mktemp("own-policy"), _config(f"examples/{request.param}"))
    assert built["prepare"].returncode == 0, built["prepare"].stderr[-3000:]
    assert built["build"].returncode == 0, built["build"].stderr[-3000:]
    built["profile"] = site_profile.load_file(EXAMPLES / request.param, request.param)
    return built


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_example_build_names_the_organisation_in_the_worked_example(example_build: dict[str, Any]) -> None:
    site, p = example_build["site"], example_build["profile"]
    html = (site / "hulpmiddelen" / "proportionaliteit" / "index.html").read_text(encoding="utf-8")
    example = html[html.index('data-example-for="proportionaliteit"'):]
    assert f"Regels: {p.label} (versie {p.version})" in _text(example)
    # The form offers the own profile first choice, selected.
    assert re.search(rf'<option value="{re.escape(p.name)}" selected>', html)
    shortlist = (site / "hulpmiddelen" / "contractselectie" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<option value="{re.escape(p.name)}" selected>', shortlist)
    shortlist_example = _text(shortlist[shortlist.index('data-example-for="contractselectie"'):])
    assert f"Regels: {p.label} (versie {p.version})" in shortlist_example
    expected = api.run("contractselectie", {**FORM_EXAMPLES["contractselectie"], "profile": p.model_dump(mode="json")})
    # The example is drawn by the calculator's own view: the best contracts are marked in the ranking.
    start = shortlist.index('class="hr-ranking"', shortlist.index('data-example-for="contractselectie"'))
    ranking = shortlist[start:shortlist.index("</table>", start)]
    assert ranking.count('data-key="top-place"') == len(expected["top"])
    for i, name in enumerate(expected["top"], start=1):
        assert f"{name}</span> <strong data-key=\"top-place\">(nr. {i} voor een partnership)</strong>" in ranking
    about = _text((site / "over-deze-site" / "index.html").read_text(encoding="utf-8"))
    assert f"het eigen beleid van {p.label} (versie {p.version})" in about


def test_example_build_ships_profile_and_lock(example_build: dict[str, Any]) -> None:
    site, p = example_build["site"], example_build["profile"]
    shipped = json.loads((site / "pyodide" / "site-profile.json").read_text(encoding="utf-8"))
    assert shipped["profile"]["name"] == p.name
    assert policy.validate_profile(shipped["profile"]) == p
    lock = json.loads((site / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert "handreiking-tools" in lock["packages"] and "pydantic" in lock["packages"]
    assert f"beleidsprofiel: {p.label}" in example_build["prepare"].stdout


def test_jobs_show_in_the_example_only_with_a_cost_per_job_year(example_build: dict[str, Any]) -> None:
    p = example_build["profile"]
    html = (example_build["site"] / "hulpmiddelen" / "proportionaliteit" / "index.html").read_text(encoding="utf-8")
    assert ("Banen (schatting)" in html) == (p.cost_per_job_year_eur is not None)


def test_default_build_ships_no_profile(built_site: Path) -> None:
    assert json.loads((built_site / "pyodide" / "site-profile.json").read_text(encoding="utf-8")) == {"profile": None}
    html = (built_site / "hulpmiddelen" / "proportionaliteit" / "index.html").read_text(encoding="utf-8")
    assert '<option value="handreiking" selected>' in html
    assert "Banen (schatting)" not in html


def test_broken_profile_stops_the_build_naming_the_field(tmp_path: Path) -> None:
    data = read(GEMEENTE)
    data["threshold_eur"]["value"] = -100
    bad = tmp_path / "kapot.yml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    built = build_variant(tmp_path / "b", _config("beleid/kapot.yml"), files={"beleid/kapot.yml": bad})
    prep = built["prepare"]
    assert prep.returncode != 0
    assert "beleid/kapot.yml: threshold_eur.value: Vul een getal in van minstens 0." in prep.stderr
    assert "extra.handreiking.policy_profile" in prep.stderr
    assert built["build"] is None and not built["site"].exists()


def test_missing_profile_file_stops_the_build(tmp_path: Path) -> None:
    built = build_variant(tmp_path, _config("beleid/bestaat-niet.yml"))
    assert built["prepare"].returncode != 0
    assert "beleid/bestaat-niet.yml: dit bestand bestaat niet" in built["prepare"].stderr


# --------------------------------------------------------------------------- in the browser



@pytest.fixture(scope="module")
def gemeente_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    built = build_variant(tmp_path_factory.mktemp("own-policy-browser"), _config("examples/gemeente-voorbeeldstad.yml"))
    assert built["build"] is not None and built["build"].returncode == 0, built["prepare"].stderr[-3000:]
    with serve(built["site"]) as url:
        yield url, built["site"]


@pytest.mark.browser
def test_browser_uses_the_own_profile_by_default(browser: Any, gemeente_site: tuple[str, Path]) -> None:
    url, site = gemeente_site
    profile_dict = json.loads((site / "pyodide" / "site-profile.json").read_text(encoding="utf-8"))["profile"]
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    ctx.set_default_timeout(ENGINE_TIMEOUT)
    rec = Recorder(ctx, url.rstrip("/"))
    try:
        page = ctx.new_page()
        rec.watch(page)
        page.goto(f"{url}hulpmiddelen/proportionaliteit/")
        page.wait_for_selector('.hr-calc[data-calculator="proportionaliteit"][data-attached]')
        assert page.input_value("#f-profile") == "gemeente-voorbeeldstad"
        fill_scalars(page, {k: v for k, v in CARE.items()})
        # The same input in CPython, with the profile passed as data: what the browser must show.
        expected = api.run("proportionaliteit", {**CARE, "profile": profile_dict})
        assert expected["ok"] and expected["jobs_estimate"] is not None
        page.wait_for_function(
            "t => document.querySelector('[data-result-body] [data-key=summary]')?.textContent === t",
            arg=expected["summary"],
        )
        assert key_text(page, "percentage") == fmt.pct(expected["percentage"])
        assert key_text(page, "amount_eur") == fmt.eur(expected["amount_eur"])
        assert key_text(page, "jobs_estimate").startswith(
            fmt.jobs(expected["jobs_estimate"]))
        body = page.locator("[data-result-body]").inner_text()
        assert "Regels: Gemeente Voorbeeldstad (versie 2026-01)" in re.sub(r"\s+", " ", body)
        codes = page.locator('[data-result-body] [data-list="reasons"] li').evaluate_all("els => els.map(e => e.dataset.code)")
        assert codes == [r["code"] for r in expected["reasons"]] and "banen_schatting" in codes
    finally:
        ctx.close()
    assert rec.foreign() == [], f"requests to another host: {rec.foreign()}"
    assert rec.console_errors == [], f"console errors: {rec.console_errors}"


# --------------------------------------------------------------------------- bad files stop prepare early (issue 15)


def test_prepare_fails_before_writing_anything(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from handreiking_tools.site.prepare import main as prepare_main

    data = read(GEMEENTE)
    data["shortlist"] = {"top_n": {"value": -1, "source": {"document": "Eigen beleid"}}}
    (tmp_path / "beleid").mkdir()
    (tmp_path / "beleid" / "kapot.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(_config("beleid/kapot.yml"), encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    assert prepare_main(docs=str(docs), config=str(tmp_path / "mkdocs.yml")) == 1
    err = capsys.readouterr().err
    assert "beleid/kapot.yml: shortlist.top_n.value: Vul een getal in van minstens 1." in err
    assert list(docs.iterdir()) == []  # nothing written: no bundle, no generated snippets


def test_profile_file_not_utf8_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "ansi.yml"
    bad.write_bytes("name: gemeente\nlabel: Gemeente Café\n".encode("cp1252"))
    with pytest.raises(site_profile.ProfileFileError, match="ansi.yml: dit bestand is niet in UTF-8"):
        site_profile.load_file(bad, "ansi.yml")


def test_inherit_loop_is_a_dutch_error(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("INHERIT: b.yml\nsite_name: a\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("INHERIT: a.yml\nsite_name: b\n", encoding="utf-8")
    with pytest.raises(site_profile.ProfileFileError, match="INHERIT"):
        site_profile.read_config(tmp_path / "a.yml")
    (tmp_path / "c.yml").write_bytes("site_name: Café\n".encode("cp1252"))
    with pytest.raises(site_profile.ProfileFileError, match="niet in UTF-8"):
        site_profile.read_config(tmp_path / "c.yml")
