"""How a Contractselectie result is drawn: the best contracts for a partnership, the whole ranking, row errors."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from ...fmt import date_nl, money, number
from ...view import Markup, View, h, join, page_url, reason_list, source_note, text_blocks, when


def brainstorm_link(name: str, root: str) -> str:
    """The Brainstormsessie tool, opened with the contract as its title. The name goes after '#', so it never
    reaches a server's log."""
    return f"{page_url('hulpmiddelen/brainstorm/', root)}#{urlencode({'title': name})}"


# The ranking table on the page shows this many contracts, the most promising first, plus the best for a
# partnership when they rank lower (their cards above the table link nothing else to their reasons); the
# CSV download holds them all. (A choice of this site for the page, not a rule of the guidance: 2.000
# contracts drawn in full were 4 MB of html, and the browser took about a second to draw them after every
# change.)
TABLE_ROWS = 100


def _date(value: str | None) -> str:
    return date_nl(value) if value else "—"


def render(r: dict[str, Any], root: str = "../../") -> View:
    """The result of api.run('contractselectie', ...) as html, text and a short line."""
    ranking: list[dict[str, Any]] = r["ranking"]
    top = [c for c in ranking if c["name"] in r["top"] and c["route"] == "2B"][:len(r["top"])]
    # A contract's place among the best for a partnership (1, 2, 3), or 0: the ranking's own place
    # numbers also count contracts for a new tender (step 2A), so "place 4" can be the third best.
    places = {id(c): i for i, c in enumerate(top, start=1)}

    cards = join(h(
        '<li class="hr-top-card" data-top="{n}"><p class="hr-top-rank">{n}</p><div>'
        '<p><strong data-key="top-name">{name}</strong>{supplier}</p>'
        '<p>Score <span data-key="top-score">{score}</span> van 100 · {category} · {value} per jaar</p>'
        "<p>{route}</p>"
        '<p><a href="{link}">Open het format voor de brainstorm over {name}</a></p></div></li>',
        n=i, name=c["name"], supplier=when(c.get("supplier"), h(" — {}", c.get("supplier"))),
        score=number(c["score"]), category=c["category_label"], value=money(c["annual_value_eur"]),
        route=c["route_message"], link=brainstorm_link(c["name"], root),
    ) for i, c in enumerate(top, start=1))

    def row(i: int, c: dict[str, Any], first_below: bool = False) -> Markup:
        place = places.get(id(c), 0)
        # hr-below: the first row after a gap in the places (a partnership's best, ranked below the table's cut)
        classes = " ".join(k for k, on in (("hr-top", place), ("hr-below", first_below)) if on)
        criteria = join(h("<li>{}: {} van {} punten. {} {}</li>", k["label"], number(k["points"]), number(k["max_points"]),
                          k["message"], source_note(k, root)) for k in c["criteria"])
        return h(
            '<tr data-rank="{i}"{top}><td data-label="Plaats">{i}</td>'
            '<td data-label="Contract"><span data-key="name">{name}</span>{mark}'
            '<details><summary>Waarom deze score</summary><ul class="hr-criteria">{criteria}</ul></details></td>'
            '<td data-label="Categorie">{category}</td>'
            '<td class="hr-num" data-label="Jaarwaarde">{value}</td>'
            '<td class="hr-num" data-label="Einddatum">{end}</td>'
            '<td class="hr-num" data-label="Score" data-key="score">{score}</td>'
            '<td data-label="Route" data-key="route">Stap {route}{expired}</td></tr>',
            i=i, top=h(' class="{}"', classes) if classes else Markup(""), name=c["name"],
            mark=when(place, h(' <strong data-key="top-place">(nr. {} voor een partnership)</strong>', place)),
            criteria=criteria, category=c["category_label"], value=money(c["annual_value_eur"]), end=_date(c.get("end_date")),
            score=number(c["score"]), route=c["route"], expired=" (afgelopen)" if c["status"] == "verlopen" else "",
        )

    shown = list(enumerate(ranking[:TABLE_ROWS], start=1))
    below = [(i, c) for i, c in enumerate(ranking, start=1) if i > TABLE_ROWS and id(c) in places]
    rows = join([*(row(i, c) for i, c in shown), *(row(i, c, n == 0) for n, (i, c) in enumerate(below))])
    if len(shown) < len(ranking):
        plus = ", en de beste voor een partnership" if below else ""
        caption = h("De {} kansrijkste van de {} contracten{} (peildatum {})", number(len(shown)), number(len(ranking)),
                    plus, date_nl(r["reference_date"]))
        under = (" Daaronder staan de beste voor een partnership, met hun eigen plaats in de ranglijst."
                 if below else "")
        more = h('<p data-key="table-more">De tabel toont de {} kansrijkste contracten.{} Alle {} staan in de ranglijst '
                 "die je downloadt met de knop <em>Download de ranglijst (CSV)</em>.</p>", number(len(shown)), under,
                 number(len(ranking)))
    else:
        caption = h("Alle contracten, van meest naar minst kansrijk (peildatum {})", date_nl(r["reference_date"]))
        more = Markup("")
    row_errors: list[dict[str, Any]] = r.get("row_errors") or []
    bad_rows = len({e["row"] for e in row_errors})
    errors = Markup("")
    if row_errors:
        lead = ("Eén regel heeft een fout; die regel telt niet mee tot je hem verbetert." if bad_rows == 1 else
                f"{bad_rows} regels hebben een fout; die regels tellen niet mee tot je ze verbetert.")
        errors = h('<p class="hr-invalid" data-key="row-errors">{} Je ziet de fout in de tabel hierboven.</p>'
                   '<ul class="hr-row-errors">{}</ul>', lead,
                   join(h("<li>Regel {}: {}</li>", e["row"], e["message"]) for e in row_errors))
    reasons = reason_list(r["reasons"], "Hoe de rekenhulp telt", root, "reasons")
    heading = "De beste drie" if len(top) == 3 else f"De beste {len(top)}"
    profile = r["profile"]
    html = h(
        '<p data-key="summary">{summary}</p>'
        '<p data-key="profile">Regels: {profile} (versie {version}).</p>'
        "{errors}{cards}"
        '<div class="hr-table-wrap"><table class="hr-ranking">'
        "<caption>{caption}</caption>"
        '<thead><tr><th scope="col">Plaats</th><th scope="col">Contract</th><th scope="col">Categorie</th>'
        '<th scope="col">Jaarwaarde</th><th scope="col">Einddatum</th><th scope="col">Score</th>'
        '<th scope="col">Route</th></tr></thead>'
        "<tbody>{rows}</tbody></table></div>{more}{reasons}",
        summary=r["summary"], profile=profile["label"], version=profile["version"], errors=errors,
        cards=when(top, h('<h3>{} voor een partnership</h3><ol class="hr-top-cards">{}</ol>', heading, cards)),
        caption=caption, rows=rows, more=more, reasons=reasons.html,
    )

    def line(i: int, c: dict[str, Any]) -> str:
        place = places.get(id(c), 0)
        mark = f" (nr. {place} voor een partnership)" if place else ""
        return f"{i}. {c['name']} — score {number(c['score'])} — stap {c['route']}{mark}"

    text = text_blocks(
        f"Rekenhulp contractselectie ({profile['label']})",
        r["summary"],
        "Ranglijst:\n" + "\n".join(line(i, c) for i, c in enumerate(ranking, start=1)),
        "Regels met een fout:\n" + "\n".join(f"- regel {e['row']}: {e['message']}" for e in row_errors) if row_errors else "",
        reasons.text,
    )
    short = f"beste voor een partnership: {', '.join(c['name'] for c in top)}" if top else r["summary"]
    return View(html=html, text=text, short=short)
