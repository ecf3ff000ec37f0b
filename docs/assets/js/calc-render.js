// Result renderers, one per calculator: each returns {html, text} (text is what "Kopieer als tekst"
// copies) and may draw into the result after it is in the page. Numbers in Dutch notation.
// Key figures carry data-key attributes so tests can compare them with api.run in Python.

import { number, eur, pct, dateNl, escapeHtml as h } from "./calc-format.js";

// A reason's source, linked to the page the core names for it (r.page, from the rule data); no link without one.
function sourceLink(r, siteRoot) {
  if (!r.page) return h(r.source);
  return `<a href="${h(new URL(r.page, siteRoot).href)}">${h(r.source)}</a>`;
}

function reasonList(items, heading, siteRoot, key) {
  if (!items || !items.length) return { html: "", text: "" };
  const html = `<h3>${h(heading)}</h3><ul class="hr-reasons" data-list="${key}">` +
    items.map((r) => `<li data-code="${h(r.code)}">${h(r.message)} <span class="hr-source">(Bron: ${sourceLink(r, siteRoot)})</span></li>`).join("") +
    "</ul>";
  const text = `${heading}:\n` + items.map((r) => `- ${r.message} (Bron: ${r.source})`).join("\n");
  return { html, text };
}

const proportionaliteit = {
  render(r, { siteRoot }) {
    const reasons = reasonList(r.reasons, "Waarom dit advies", siteRoot, "reasons");
    const instruments = reasonList(r.instruments, "Instrumenten die passen", siteRoot, "instruments");
    const warnings = reasonList(r.warnings, "Let op", siteRoot, "warnings");
    // An amount only when social return is advised; "overwegen" shows at most an indication.
    const applied = r.amount_eur !== null && r.amount_eur !== undefined;
    const indicated = !applied && r.indication_eur !== null && r.indication_eur !== undefined;
    const figures = !applied && !indicated ? "" : applied ? `
      <dl class="hr-figures">
        <div><dt>Percentage</dt><dd data-key="percentage">${h(pct(r.percentage, 2))}</dd></div>
        <div><dt>Grondslag</dt><dd data-key="base">${h(r.base_label)}</dd></div>
        <div><dt>Bedrag voor social return</dt><dd data-key="amount_eur">${h(eur(r.amount_eur))}</dd></div>
        ${r.jobs_estimate !== null && r.jobs_estimate !== undefined ? `<div><dt>Banen (schatting)</dt><dd data-key="jobs_estimate">${h(number(r.jobs_estimate, 1).replace(/,0$/, ""))} per jaar</dd></div>` : ""}
      </dl>` : `
      <dl class="hr-figures">
        <div><dt>Indicatie (jij beslist)</dt><dd data-key="indication_eur">${h(eur(r.indication_eur))}</dd></div>
      </dl>`;
    const html = `
      <div class="hr-key">
        <p class="hr-advice hr-advice--${h(r.advice)}"><strong data-key="advice" data-value="${h(r.advice)}">${h(r.advice_label)}</strong></p>
        ${figures}
      </div>
      <p data-key="summary">${h(r.summary)}</p>
      <p>Arbeidsaandeel: <span data-key="labour_share_pct">${h(pct(r.labour_share_pct))}</span>${r.labour_share_from_category ? " (schatting bij de categorie)" : ""};
         loonkosten: <span data-key="labour_cost_eur">${h(eur(r.labour_cost_eur))}</span>.
         Regels: ${h(r.profile.label)} (versie ${h(r.profile.version)}); de drempel van het beleid telt op de
         <span data-key="threshold_measure">${h(String(r.threshold_measure_label).toLowerCase())}</span>.
         Aanbestedende dienst: <span data-key="authority">${h(r.authority_label)}</span>; Europese drempel:
         <span data-key="eu_threshold_eur">${h(eur(r.eu_threshold_eur))}</span>.</p>
      ${r.alternative ? `<p data-key="alternative">Andere berekening: ${h(r.alternative.message)}</p>` : ""}
      ${reasons.html}${instruments.html}${warnings.html}`;
    const text = [
      `Rekenhulp proportionaliteit (${r.profile.label})`,
      `Advies: ${r.advice_label}`,
      applied ? `Percentage: ${pct(r.percentage, 2)} van de ${String(r.base_label).toLowerCase()}` : "",
      applied ? `Bedrag: ${eur(r.amount_eur)}` : "",
      indicated ? `Indicatie (jij beslist): ${eur(r.indication_eur)}` : "",
      `Aanbestedende dienst: ${r.authority_label}; Europese drempel: ${eur(r.eu_threshold_eur)}`,
      r.jobs_estimate !== null && r.jobs_estimate !== undefined ? `Banen (schatting): ${number(r.jobs_estimate, 1).replace(/,0$/, "")} per jaar` : "",
      r.summary,
      r.alternative ? `Andere berekening: ${r.alternative.message}` : "",
      reasons.text, instruments.text, warnings.text,
    ].filter(Boolean).join("\n\n");
    const short = r.amount_eur !== null && r.amount_eur !== undefined ? `${r.advice_label}, ${eur(r.amount_eur)} (${pct(r.percentage)})` : r.advice_label;
    return { html, text, short };
  },
};

function brainstormLink(name, siteRoot) {
  // After "#": the contract's name never reaches a server's log.
  const url = new URL("bijlagen/brainstormformat/", siteRoot);
  return `${url.href}#${new URLSearchParams({ contract: name })}`;
}

const contractselectie = {
  render(r, { siteRoot }) {
    const top = r.ranking.filter((c) => r.top.includes(c.name) && c.route === "2B").slice(0, r.top.length);
    // A contract's place among the best for a partnership (1, 2, 3), or 0: the ranking's own place
    // numbers also count contracts for a new tender (step 2A), so "place 4" can be the third best.
    const topPlace = (c) => top.indexOf(c) + 1;
    const cards = top.map((c, i) => `
      <li class="hr-top-card" data-top="${i + 1}">
        <p class="hr-top-rank">${i + 1}</p>
        <div>
          <p><strong data-key="top-name">${h(c.name)}</strong>${c.supplier ? ` — ${h(c.supplier)}` : ""}</p>
          <p>Score <span data-key="top-score">${h(number(c.score))}</span> van 100 · ${h(c.category_label)} · ${h(eur(c.annual_value_eur))} per jaar</p>
          <p>${h(c.route_message)}</p>
          <p><a href="${h(brainstormLink(c.name, siteRoot))}">Open het format voor de brainstorm over ${h(c.name)}</a></p>
        </div>
      </li>`).join("");
    const rows = r.ranking.map((c, i) => `
      <tr data-rank="${i + 1}"${topPlace(c) ? ' class="hr-top"' : ""}>
        <td data-label="Plaats">${i + 1}</td>
        <td data-label="Contract"><span data-key="name">${h(c.name)}</span>${topPlace(c) ? ` <strong data-key="top-place">(nr. ${topPlace(c)} voor een partnership)</strong>` : ""}
          <details><summary>Waarom deze score</summary><ul class="hr-criteria">${c.criteria.map((k) =>
            `<li>${h(k.label)}: ${h(number(k.points))} van ${h(number(k.max_points))} punten. ${h(k.message)} <span class="hr-source">(Bron: ${sourceLink(k, siteRoot)})</span></li>`).join("")}</ul></details></td>
        <td data-label="Categorie">${h(c.category_label)}</td>
        <td class="hr-num" data-label="Jaarwaarde">${h(eur(c.annual_value_eur))}</td>
        <td class="hr-num" data-label="Einddatum">${h(c.end_date ? dateNl(c.end_date) : "—")}</td>
        <td class="hr-num" data-label="Score" data-key="score">${h(number(c.score))}</td>
        <td data-label="Route" data-key="route">Stap ${h(c.route)}${c.status === "verlopen" ? " (afgelopen)" : ""}</td>
      </tr>`).join("");
    const badRows = new Set((r.row_errors || []).map((e) => e.row)).size;
    const errors = (r.row_errors || []).length
      ? `<p class="hr-invalid" data-key="row-errors">${badRows === 1 ? "Eén regel heeft een fout; die regel telt niet mee tot je hem verbetert." : `${badRows} regels hebben een fout; die regels tellen niet mee tot je ze verbetert.`} Je ziet de fout in de tabel hierboven.</p>
         <ul class="hr-row-errors">${r.row_errors.map((e) => `<li>Regel ${h(e.row)}: ${h(e.message)}</li>`).join("")}</ul>`
      : "";
    const reasons = reasonList(r.reasons, "Hoe de rekenhulp telt", siteRoot, "reasons");
    const html = `
      <p data-key="summary">${h(r.summary)}</p>
      <p data-key="profile">Regels: ${h(r.profile.label)} (versie ${h(r.profile.version)}).</p>
      ${errors}
      ${cards ? `<h3>${top.length === 3 ? "De beste drie" : `De beste ${top.length}`} voor een partnership</h3><ol class="hr-top-cards">${cards}</ol>` : ""}
      <div class="hr-table-wrap"><table class="hr-ranking">
        <caption>Alle contracten, van meest naar minst kansrijk (peildatum ${h(dateNl(r.reference_date))})</caption>
        <thead><tr><th scope="col">Plaats</th><th scope="col">Contract</th><th scope="col">Categorie</th><th scope="col">Jaarwaarde</th><th scope="col">Einddatum</th><th scope="col">Score</th><th scope="col">Route</th></tr></thead>
        <tbody>${rows}</tbody></table></div>
      ${reasons.html}`;
    const text = [
      `Rekenhulp contractselectie (${r.profile.label})`,
      r.summary,
      "Ranglijst:\n" + r.ranking.map((c, i) => `${i + 1}. ${c.name} — score ${number(c.score)} — stap ${c.route}${topPlace(c) ? ` (nr. ${topPlace(c)} voor een partnership)` : ""}`).join("\n"),
      (r.row_errors || []).length ? "Regels met een fout:\n" + r.row_errors.map((e) => `- regel ${e.row}: ${e.message}`).join("\n") : "",
      reasons.text,
    ].filter(Boolean).join("\n\n");
    const short = top.length ? `beste voor een partnership: ${top.map((c) => c.name).join(", ")}` : r.summary;
    return { html, text, short };
  },
};

// ---- quotum ----

/** An inline SVG line chart of realised jobs against the target per year (the table beside it says the same). */
function trendChart(points) {
  if (!points.length) return "";
  const W = 640, H = 280, L = 56, R = 24, T = 16, B = 40;
  const years = points.map((p) => p.year);
  const maxData = Math.max(1, ...points.flatMap((p) => [p.realised_jobs, p.target_jobs].filter((v) => v !== null && v !== undefined)));
  // Round axis steps (1, 2, 5 × 10^n) so the gridlines carry readable numbers.
  const raw = maxData / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((v) => v >= raw);
  const maxV = step * Math.ceil(maxData / step);
  const x = (yr) => L + (years.length === 1 ? (W - L - R) / 2 : ((yr - years[0]) / (years[years.length - 1] - years[0] || 1)) * (W - L - R));
  const y = (v) => T + (1 - v / maxV) * (H - T - B);
  const line = (key) => points.filter((p) => p[key] !== null && p[key] !== undefined).map((p, i) => `${i ? "L" : "M"}${x(p.year).toFixed(1)},${y(p[key]).toFixed(1)}`).join(" ");
  const ticks = Array.from({ length: Math.round(maxV / step) + 1 }, (_, i) => i * step);
  return `
  <svg class="hr-chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="hr-chart-title" focusable="false">
    <title id="hr-chart-title">Gerealiseerde banen en doel per jaar; de tabel eronder geeft dezelfde cijfers.</title>
    ${ticks.map((v) => `<g class="hr-grid"><line x1="${L}" x2="${W - R}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/><text x="${L - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${number(v, Number.isInteger(v) ? 0 : 1)}</text></g>`).join("")}
    ${points.map((p) => `<text class="hr-axis" x="${x(p.year).toFixed(1)}" y="${H - B + 20}" text-anchor="middle">${p.year}</text>`).join("")}
    <path class="hr-line-target" d="${line("target_jobs")}"/>
    <path class="hr-line-realised" d="${line("realised_jobs")}"/>
    ${points.filter((p) => p.realised_jobs !== null && p.realised_jobs !== undefined).map((p) => `<circle class="hr-dot-realised" cx="${x(p.year).toFixed(1)}" cy="${y(p.realised_jobs).toFixed(1)}" r="4"/>`).join("")}
  </svg>
  <p class="hr-legend"><span class="hr-key-realised"></span> Gerealiseerd <span class="hr-key-target"></span> Doel</p>`;
}

/** Jobs with at most one decimal: 135 -> "135", 12.5 -> "12,5". */
function jobs(value) {
  return number(value, 1).replace(/,0$/, "");
}

const quotum = {
  render(r, { siteRoot }) {
    const points = (r.trend && r.trend.points) || [];
    const table = points.length ? `
      <table class="hr-trend-table">
        <caption>De cijfers van de grafiek</caption>
        <thead><tr><th scope="col">Jaar</th><th scope="col">Gerealiseerd (banen)</th><th scope="col">Doel (banen)</th><th scope="col">Realisatie</th></tr></thead>
        <tbody>${points.map((p) => `<tr${p.current ? ' class="hr-current"' : ""}><td>${p.year}${p.current ? " (nu)" : ""}</td><td class="hr-num">${h(jobs(p.realised_jobs))}</td><td class="hr-num">${h(jobs(p.target_jobs))}</td><td class="hr-num">${h(pct(p.realisation_pct))}</td></tr>`).join("")}</tbody>
      </table>` : "";
    const reasons = reasonList(r.reasons, "Hoe de rekenhulp telt", siteRoot, "reasons");
    const warnings = reasonList(r.warnings, "Let op", siteRoot, "warnings");
    const sroi = r.sroi ? `<h3>${h(r.sroi.title)}</h3><p data-key="sroi">${h(r.sroi.message)} <span class="hr-source">(Bron: ${sourceLink(r.sroi, siteRoot)})</span></p>` : "";
    const sector = (r.sector_reference || []).length
      ? `<h3>Ter vergelijking: het Rijk</h3><ul class="hr-reasons">${r.sector_reference.map((x) => `<li>${h(x.message)} <span class="hr-source">(Bron: ${sourceLink(x, siteRoot)})</span></li>`).join("")}</ul>` : "";
    const html = `
      <div class="hr-key">
        <dl class="hr-figures">
          <div><dt>Gerealiseerd${r.year ? ` (${h(r.year)})` : ""}</dt><dd data-key="realised_jobs">${h(r.realised_jobs_display)} banen</dd></div>
          <div><dt>Doel</dt><dd data-key="target_jobs">${h(jobs(r.target_jobs))} banen</dd></div>
          <div><dt>Realisatie</dt><dd data-key="realisation_pct">${h(r.realisation_pct_display)}</dd></div>
          <div><dt>${r.surplus_jobs > 0 ? "Boven het doel" : "Nog te gaan"}</dt><dd data-key="gap_jobs">${h(jobs(r.surplus_jobs > 0 ? r.surplus_jobs : r.gap_jobs))} banen</dd></div>
        </dl>
      </div>
      <p data-key="summary">${h(r.summary)}</p>
      ${points.length >= 2 ? `<h3>Trend</h3><figure class="hr-figure">${trendChart(points)}</figure>${r.trend.message ? `<p data-key="trend">${h(r.trend.message)}</p>` : ""}${table}` : ""}
      ${sroi}${reasons.html}${warnings.html}${sector}`;
    const text = [
      "Rekenhulp quotum",
      r.summary,
      points.length ? "Per jaar:\n" + points.map((p) => `${p.year}: ${jobs(p.realised_jobs)} van ${jobs(p.target_jobs)} banen (${pct(p.realisation_pct)})`).join("\n") : "",
      r.sroi ? `${r.sroi.title}: ${r.sroi.message}` : "",
      reasons.text, warnings.text,
    ].filter(Boolean).join("\n\n");
    const short = `realisatie ${r.realisation_pct_display}, ${r.realised_jobs_display} van ${jobs(r.target_jobs)} banen`;
    return { html, text, short };
  },
};

export const RENDERERS = { proportionaliteit, contractselectie, quotum };
