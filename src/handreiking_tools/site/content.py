"""Render the site's own content lists (build time): references ("see here" of the guidance) and glossary.

Both live once, as YAML under ``docs/_data/`` (excluded from the built site), and are rendered by the
prepare step into ``docs/_generated/``: the page "Bronnen en verder lezen" includes the reference list,
the glossary page includes the term list, and every page gets the glossary as Markdown abbreviations
(``pymdownx.snippets`` auto_append), so hovering or focusing a term shows its one-sentence meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = "_data"


class ContentDataError(ValueError):
    """A content data file is wrong; the message names the file and the entry."""


@dataclass(frozen=True)
class Reference:
    id: str
    title: str
    publisher: str
    url: str | None
    about: str
    pages: tuple[str, ...]
    checked: str | None = None
    named_as: str | None = None  # without an address: the words the page uses to name the document


@dataclass(frozen=True)
class Term:
    term: str
    meaning: str
    given_forms: tuple[str, ...] = ()  # the words that get the explanation on the pages; default: the term

    @property
    def forms(self) -> tuple[str, ...]:
        """Every spelling the abbreviation extension marks (it matches case-sensitively), each once:
        the given forms, plus each lower-case form with a capital, as at the start of a sentence."""
        out: list[str] = []
        for form in self.given_forms or (self.term,):
            for f in (form, form[:1].upper() + form[1:]):
                if f not in out:
                    out.append(f)
        return tuple(out)


def _load(docs: Path, name: str) -> list[dict]:
    path = Path(docs) / DATA / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ContentDataError(f"{path}: {exc}") from exc
    if not isinstance(data, list):
        raise ContentDataError(f"{path}: verwacht een lijst")
    return data


def load_references(docs: Path) -> list[Reference]:
    out: list[Reference] = []
    for i, raw in enumerate(_load(docs, "references.yml"), 1):
        try:
            ref = Reference(
                id=raw["id"], title=raw["title"], publisher=raw["publisher"], url=raw.get("url"),
                about=raw["about"], pages=tuple(raw["pages"]), checked=raw.get("checked"),
                named_as=raw.get("named_as"),
            )
        except (KeyError, TypeError) as exc:
            raise ContentDataError(f"references.yml, item {i}: {exc!r}") from exc
        if ref.url is not None and not ref.url.startswith("https://"):
            raise ContentDataError(f"references.yml, {ref.id}: adres moet met https:// beginnen")
        if ref.url is not None and not ref.checked:
            raise ContentDataError(f"references.yml, {ref.id}: zeg waar het adres is gecontroleerd (checked)")
        if ref.url is None and not ref.named_as:
            raise ContentDataError(f"references.yml, {ref.id}: zonder adres moet named_as zeggen hoe de pagina het noemt")
        for page in ref.pages:
            if not (Path(docs) / page).is_file():
                raise ContentDataError(f"references.yml, {ref.id}: pagina {page} bestaat niet")
        out.append(ref)
    return out


def load_glossary(docs: Path) -> list[Term]:
    out: list[Term] = []
    seen: set[str] = set()
    for i, raw in enumerate(_load(docs, "glossary.yml"), 1):
        try:
            term = Term(term=raw["term"], meaning=" ".join(raw["meaning"].split()),
                        given_forms=tuple(raw.get("forms") or ()))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ContentDataError(f"glossary.yml, item {i}: {exc!r}") from exc
        key = term.term.lower()
        if key in seen:
            raise ContentDataError(f"glossary.yml: {term.term} staat er twee keer in")
        seen.add(key)
        if not term.meaning.endswith(".") or term.meaning.count(". ") > 0:
            raise ContentDataError(f"glossary.yml, {term.term}: uitleg moet één zin zijn, met een punt aan het eind")
        if '"' in term.meaning or "]" in term.meaning:
            raise ContentDataError(f"glossary.yml, {term.term}: geen \" of ] in de uitleg (Markdown-afkorting)")
        out.append(term)
    return out


def _references_md(refs: list[Reference]) -> str:
    lines = ["| Document | Van | Waarover | Op deze site |", "| --- | --- | --- | --- |"]
    for r in refs:
        doc = f"[{r.title}]({r.url}) ({_host(r.url)})" if r.url else f"{r.title} (geen gecontroleerd adres)"
        used = ", ".join(f"[{_page_label(p)}]({p})" for p in r.pages)
        lines.append(f"| {doc} | {r.publisher} | {r.about} | {used} |")
    return "\n".join(lines) + "\n"


def _page_label(page: str) -> str:
    """'stappen/stap-2a.md' -> 'stap 2A'; other pages by their file name."""
    name = Path(page).stem
    m = re.fullmatch(r"stap-(\d)([ab]?)", name)
    if m:
        return f"stap {m.group(1)}{m.group(2).upper()}"
    return {"index": Path(page).parent.name or "home"}.get(name, name).replace("-", " ")


def _host(url: str) -> str:
    return re.sub(r"^https://(www\.)?", "", url).split("/", 1)[0]


def _glossary_md(terms: list[Term]) -> str:
    lines = []
    for t in sorted(terms, key=lambda t: t.term.lower()):
        lines += [f"{t.term} {{#{_slug(t.term)}}}", f":   {t.meaning}", ""]
    return "\n".join(lines)


def _slug(term: str) -> str:
    return "begrip-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def _abbreviations_md(terms: list[Term]) -> str:
    # Markdown's abbr extension: '*[word]: meaning' marks every occurrence of the word on a page.
    seen: dict[str, str] = {}
    for t in terms:
        for form in t.forms:
            if form in seen:
                raise ContentDataError(f"glossary.yml: '{form}' hoort bij {seen[form]} en bij {t.term}")
            seen[form] = t.term
    return "".join(f"*[{form}]: {t.meaning}\n" for t in terms for form in t.forms)


def render_content(out_dir: Path, docs: Path) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {"verwijzingen.md": _references_md(load_references(docs))}
    glossary_file = Path(docs) / DATA / "glossary.yml"
    if glossary_file.is_file():
        terms = load_glossary(docs)
        files["begrippen.md"] = _glossary_md(terms)
        files["afkortingen.md"] = _abbreviations_md(terms)
    written = []
    for name, text in files.items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
