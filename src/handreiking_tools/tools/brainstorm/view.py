"""The Brainstormsessie drawn once: HTML for the page, Markdown for copy and download, one short line."""

from __future__ import annotations

from typing import Any

from .._workview import View, h, md, md_block, page_href, para
from .models import BrainstormResult


def render(result: BrainstormResult | dict[str, Any], prefix: str = "../../") -> View:
    """The view of a result (the model, or the dict api.run returns); links relative to a page under hulpmiddelen/."""
    r = result if isinstance(result, BrainstormResult) else BrainstormResult.model_validate(
        {k: v for k, v in result.items() if k in BrainstormResult.model_fields})
    facts = [("Soort opdracht", r.assignment_kind_label, "assignment_kind"),
             ("Werk, dienst of levering", r.contract_type_label, "contract_type"),
             ("Stand", r.stage_label, "stage")]
    dl = "".join(f'<div><dt>{h(k)}</dt><dd data-key="{key}">{h(v) if v else "nog niet ingevuld"}</dd></div>'
                 for k, v, key in facts)
    parts = [f'<div class="hr-key"><p><strong data-key="title">{h(r.title)}</strong></p><dl class="hr-figures">{dl}</dl></div>',
             f'<p data-key="summary">{h(r.summary)}</p>']
    text = [f"# Brainstorm: {md(r.title)}", ""] + [f"- **{k}:** {md(v) if v else 'nog niet ingevuld'}" for k, v, _ in facts] + [""]
    for a in r.answers:
        parts.append(f'<h3>{h(a.question)}</h3><div data-answer="{h(a.field)}">'
                     + (para(a.text) if a.text else '<p class="hr-none">Nog niet ingevuld.</p>') + "</div>")
        text += [f"## {md(a.question)}", "", md_block(a.text) if a.text else "_Nog niet ingevuld._", ""]
    if r.open_questions:
        items = "".join(f"<li>{h(q)}</li>" for q in r.open_questions)
        parts.append(f'<h3>Nog open</h3><ul data-list="open_questions">{items}</ul>')
        text += ["## Nog open", ""] + [f"- {md(q)}" for q in r.open_questions] + [""]
    items = "".join(f'<li data-code="{h(s.code)}">{h(s.message)} <span class="hr-source">(Zie: '
                    f'<a href="{h(page_href(s.page, prefix))}">{h(s.source)}</a>)</span></li>' for s in r.next_steps)
    parts.append(f'<h3>Verder</h3><ul class="hr-reasons" data-list="next_steps">{items}</ul>')
    text += ["## Verder", ""] + [f"- {md(s.message)} (Zie: {md(s.source)})" for s in r.next_steps] + [""]
    parts.append('<p class="hr-source">Vragen uit het format van de handreiking, bijlage III.</p>')
    text.append("Vragen uit het format van de handreiking, bijlage III.")
    return View(html="".join(parts), text="\n".join(text).strip() + "\n", short=r.summary)
