"""The Actieplan drawn once: HTML for the page, Markdown for copy and download, one short line."""

from __future__ import annotations

from typing import Any

from .._workview import View, day, h, md, md_block, md_table, page_href, para
from ..my_role.view import INFERRED_TEXT
from .models import ActionPlanResult


def _or_dash(value: object) -> str:
    return h(value) if value else "—"


def render(result: ActionPlanResult | dict[str, Any], prefix: str = "../../") -> View:
    """The view of a result (the model, or the dict api.run returns); links relative to a page under hulpmiddelen/."""
    r = result if isinstance(result, ActionPlanResult) else ActionPlanResult.model_validate(
        {k: v for k, v in result.items() if k in ActionPlanResult.model_fields})
    inferred_href = page_href("bijlagen/rollen/#plaats-afgeleid", prefix)
    parts_html = "".join(f'<li data-part="{h(p.code)}" data-done="{str(p.done).lower()}">'
                         f'{"✓" if p.done else "○"} {h(p.label)}<span class="hr-sr-only">: '
                         f'{"ingevuld" if p.done else "nog niet ingevuld"}</span></li>' for p in r.parts)
    html = [f'<div class="hr-key"><p><strong data-key="title">{h(r.title)}</strong></p>'
            f'<p data-key="summary">{h(r.summary)}</p></div>',
            f'<h3>Wat staat er in het plan?</h3><ul class="hr-parts" data-list="parts">{parts_html}</ul>']
    text = [f"# {md(r.title)}", "", md(r.summary), "", "## Onderdelen (stap 1d)", ""]
    text += [f"- [{'x' if p.done else ' '}] {md(p.label)}" for p in r.parts] + [""]

    if r.warnings:
        items = "".join(f'<li data-code="{h(w.code)}" data-field="{h(w.field)}">{h(w.message)} <span class="hr-source">'
                        f'(Bron: <a href="{h(page_href(w.page, prefix))}">{h(w.source)}</a>)</span></li>' for w in r.warnings)
        html.append(f'<h3>Let op</h3><ul class="hr-reasons" data-list="warnings">{items}</ul>')
        text += ["## Let op", ""] + [f"- {md(w.message)} (Bron: {md(w.source)})" for w in r.warnings] + [""]

    html.append("<h3>Doel en beleidsbesluit</h3>")
    html.append(f'<div data-key="objective"><p><strong>Doel</strong></p>{para(r.objective) or "<p>—</p>"}</div>')
    decided = f" (besluit van {h(day(r.decision_date))})" if r.decision_date else ""
    html.append(f'<div data-key="policy_decision"><p><strong>Beleidsbesluit</strong>{decided}</p>'
                f'{para(r.policy_decision) or "<p>—</p>"}</div>')
    text += ["## Doel en beleidsbesluit", "", "**Doel**", "", md_block(r.objective) or "—", "",
             "**Beleidsbesluit**" + (f" (besluit van {day(r.decision_date)})" if r.decision_date else ""), "",
             md_block(r.policy_decision) or "—", ""]

    html.append("<h3>Werkgroep</h3>")
    text += ["## Werkgroep", ""]
    if not r.members:
        html.append("<p>—</p>")
        text += ["—", ""]
    for i, m in enumerate(r.members):
        dept = f", {h(m.department)}" if m.department else ""
        tasks = "".join(
            f'<li data-step="{h(c.step)}"{" data-inferred" if c.inferred else ""}><a href="{h(page_href(c.step_page, prefix))}">'
            f"Stap {h(c.step)}</a>: {h(c.task)}"
            + (f' <a class="hr-inferred" href="{h(inferred_href)}">({INFERRED_TEXT})</a>' if c.inferred else "")
            + "</li>" for c in m.tasks)
        # A heading, not <details>: a printout shows every member with the tasks of the role.
        html.append(f'<div class="hr-member" data-member="{i}"><h4>{h(m.name)}: {h(m.role_label)}{dept}</h4>'
                    f"<ul>{tasks}</ul></div>")
        text += [f"### {md(m.name)}: {md(m.role_label)}{', ' + md(m.department) if m.department else ''}", ""]
        text += [f"- Stap {md(c.step)}: {md(c.task)}" + (f" ({INFERRED_TEXT})" if c.inferred else "") for c in m.tasks]
        text.append("")
    if r.any_inferred:
        html.append(f'<p class="hr-note">Taken met "{INFERRED_TEXT}": niet zeker bij welke rol ze horen. '
                    f'<a href="{h(inferred_href)}">Lees waarom</a>.</p>')
        text += [f'Taken met "{INFERRED_TEXT}": niet zeker bij welke rol ze horen (zie de uitleg bij bijlage II).', ""]

    html.append("<h3>Projecten en acties</h3>")
    text += ["## Projecten en acties", ""]
    if r.actions:
        rows = "".join(
            f'<tr data-row="{a.row}"{" data-overdue" if a.overdue else ""}><td>{_or_dash(a.project)}</td><td>{h(a.action)}</td>'
            f"<td>{_or_dash(a.owner) if a.owner else '<strong>geen eigenaar</strong>'}</td>"
            f"<td>{h(day(a.deadline)) if a.deadline else '<strong>geen einddatum</strong>'}"
            f"{' <strong>(voorbij)</strong>' if a.overdue else ''}</td><td>{h(a.status_label)}</td></tr>"
            for a in r.actions)
        html.append('<div class="hr-table-wrap"><table data-list="actions"><thead><tr><th scope="col">Project</th>'
                    '<th scope="col">Actie</th><th scope="col">Eigenaar</th><th scope="col">Einddatum</th>'
                    f'<th scope="col">Stand</th></tr></thead><tbody>{rows}</tbody></table></div>')
        text += [md_table(["Project", "Actie", "Eigenaar", "Einddatum", "Stand"],
                          [[a.project or "", a.action, a.owner or "geen eigenaar",
                            (day(a.deadline) + (" (voorbij)" if a.overdue else "")) if a.deadline else "geen einddatum",
                            a.status_label] for a in r.actions]), ""]
    else:
        html.append("<p>—</p>")
        text += ["—", ""]

    html.append("<h3>Vergaderingen en overleg</h3>")
    text += ["## Vergaderingen en overleg", ""]
    if r.meetings:
        rows = "".join(f"<tr><td>{h(m.meeting)}</td><td>{_or_dash(m.frequency)}</td><td>{_or_dash(m.participants)}</td>"
                       f"<td>{h(day(m.next_date)) if m.next_date else '—'}</td></tr>" for m in r.meetings)
        html.append('<div class="hr-table-wrap"><table data-list="meetings"><thead><tr><th scope="col">Overleg</th>'
                    '<th scope="col">Hoe vaak</th><th scope="col">Wie</th><th scope="col">Volgende keer</th></tr></thead>'
                    f"<tbody>{rows}</tbody></table></div>")
        text += [md_table(["Overleg", "Hoe vaak", "Wie", "Volgende keer"],
                          [[m.meeting, m.frequency or "", m.participants or "", day(m.next_date)] for m in r.meetings]), ""]
    else:
        html.append("<p>—</p>")
        text += ["—", ""]

    html.append("<h3>Organisaties van buiten</h3>")
    text += ["## Organisaties van buiten", ""]
    if r.partners:
        items = "".join(f'<li data-kind="{h(p.kind)}"><strong>{h(p.name or p.kind_label)}</strong>'
                        f'{" (" + h(p.kind_label) + ")" if p.name else ""}{": " + h(p.purpose) if p.purpose else ""}</li>'
                        for p in r.partners)
        html.append(f'<ul data-list="partners">{items}</ul>')
        text += [f"- **{md(p.name or p.kind_label)}**{' (' + md(p.kind_label) + ')' if p.name else ''}"
                 f"{': ' + md(p.purpose) if p.purpose else ''}" for p in r.partners] + [""]
    else:
        html.append("<p>—</p>")
        text += ["—", ""]
    html.append(f'<p class="hr-source">Peildatum {h(day(r.reference_date))}. Onderdelen volgens de handreiking, '
                f'<a href="{h(page_href("stappen/stap-1/#1d", prefix))}">stap 1d</a>; taken per rol uit '
                f'<a href="{h(page_href("bijlagen/rollen/", prefix))}">bijlage II</a>.</p>')
    text.append(f"Peildatum {day(r.reference_date)}. Onderdelen volgens de handreiking, stap 1d; taken per rol uit bijlage II.")
    return View(html="".join(html), text="\n".join(text).strip() + "\n", short=r.summary)
