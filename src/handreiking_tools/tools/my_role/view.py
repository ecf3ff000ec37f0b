"""Mijn rol drawn once: HTML for the page, Markdown for copy and download, one short line."""

from __future__ import annotations

from typing import Any

from .._workview import View, h, md, page_href
from .models import Cell, MyRoleResult

INFERRED_TEXT = "plaats afgeleid"


def _mark(c: Cell, prefix: str) -> str:
    if not c.inferred:
        return ""
    return (f' <a class="hr-inferred" href="{h(page_href("bijlagen/rollen/#plaats-afgeleid", prefix))}" '
            f'data-inferred>({INFERRED_TEXT})</a>')


def _task_html(c: Cell, prefix: str) -> str:
    if c.task is None:
        return '<span class="hr-none">Geen taak in het overzicht.</span>'
    return h(c.task) + _mark(c, prefix)


def _task_md(c: Cell) -> str:
    if c.task is None:
        return "Geen taak in het overzicht."
    return md(c.task) + (f" ({INFERRED_TEXT})" if c.inferred else "")


def render(result: MyRoleResult | dict[str, Any], prefix: str = "../../") -> View:
    """The view of a result (the model, or the dict api.run returns); links relative to a page under hulpmiddelen/."""
    r = result if isinstance(result, MyRoleResult) else MyRoleResult.model_validate(
        {k: v for k, v in result.items() if k in MyRoleResult.model_fields})
    parts: list[str] = [f'<p data-key="summary">{h(r.summary)}</p>']
    text: list[str] = [md(r.summary), ""]
    if r.cell is not None and r.role and r.step:
        parts.append(f'<div class="hr-key" data-key="cell"><p><strong>{h(r.role.label)} in stap {h(r.step.code)}</strong> '
                     f'({h(r.step.title)}): {_task_html(r.cell, prefix)}</p></div>')
        text += [f"## {md(r.role.label)} in stap {md(r.step.code)}", "", _task_md(r.cell), ""]
    if r.role:
        note = f" ({h(r.role.note)})" if r.role.note else ""
        group = " Deze rol hoort bij de werkgroep." if r.role.group == "werkgroep" else ""
        parts.append(f'<h3>Wat doet de {h(r.role.label.lower())}{note}?</h3><p>{h(group.strip())}</p>' if group else
                     f'<h3>Wat doet de {h(r.role.label.lower())}{note}?</h3>')
        rows = "".join(
            f'<tr data-step="{h(c.step)}"{" data-inferred" if c.inferred else ""}><th scope="row">'
            f'<a href="{h(page_href(c.step_page, prefix))}">Stap {h(c.step)}</a>: {h(c.step_title)}</th>'
            f"<td>{_task_html(c, prefix)}</td></tr>" for c in r.by_step)
        parts.append(f'<table class="hr-role-table" data-list="by_step"><thead><tr><th scope="col">Stap</th>'
                     f'<th scope="col">Taak</th></tr></thead><tbody>{rows}</tbody></table>')
        text += [f"## Wat doet de {md(r.role.label.lower())}?", "", "| Stap | Taak |", "| --- | --- |"]
        text += [f"| Stap {md(c.step)}: {md(c.step_title)} | {_task_md(c)} |" for c in r.by_step]
        text.append("")
    if r.step:
        parts.append(f'<h3>Wie doet wat in <a href="{h(page_href(r.step.page, prefix))}">stap {h(r.step.code)}</a> '
                     f"({h(r.step.title)})?</h3>")
        rows = "".join(
            f'<tr data-role="{h(c.role)}"{" data-inferred" if c.inferred else ""}><th scope="row">{h(c.role_label)}</th>'
            f"<td>{_task_html(c, prefix)}</td></tr>" for c in r.by_role)
        parts.append(f'<table class="hr-role-table" data-list="by_role"><thead><tr><th scope="col">Rol</th>'
                     f'<th scope="col">Taak</th></tr></thead><tbody>{rows}</tbody></table>')
        text += [f"## Wie doet wat in stap {md(r.step.code)} ({md(r.step.title)})?", "", "| Rol | Taak |", "| --- | --- |"]
        text += [f"| {md(c.role_label)} | {_task_md(c)} |" for c in r.by_role]
        text.append("")
    if r.any_inferred:
        parts.append(f'<p class="hr-note" data-key="inferred-note">Bij taken met "{INFERRED_TEXT}" is niet zeker bij welke '
                     f"rol ze horen: de tekst van de handreiking die deze site gebruikt, liet de kolommen van de tabel "
                     f'niet zien. <a href="{h(page_href(r.inferred_page, prefix))}">Lees waarom</a>.</p>')
        text += [f'Bij taken met "{INFERRED_TEXT}" is niet zeker bij welke rol ze horen (zie de uitleg bij bijlage II).', ""]
    parts.append(f'<p class="hr-source">Bron: {h(r.source)}.</p>')
    text.append(f"Bron: {md(r.source)}.")
    return View(html="".join(parts), text="\n".join(["# Mijn rol", "", *text]).strip() + "\n", short=r.summary)
