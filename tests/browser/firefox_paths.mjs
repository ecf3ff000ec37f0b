// The reader's paths in Firefox: Debian's firefox-esr driven by npm puppeteer-core over WebDriver BiDi
// (nothing is downloaded). tests/browser/test_browser_firefox.py builds the plan (tests/browser/reader_paths.py), runs
// this script once (one browser start for every path) and asserts each path's outcome.
//
//   node tests/browser/firefox_paths.mjs '<plan JSON>'   ->   a line "@@RESULT@@ {paths: {name: {ok, detail}}, consoleErrors, version}"

import puppeteer from "puppeteer-core";

const plan = JSON.parse(process.argv[2]);
const TIMEOUT = 90_000; // starting Pyodide on a slow, shared CI machine; no timing is asserted here
const results = {};
const consoleErrors = [];

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: plan.firefox || "/usr/bin/firefox-esr",
  headless: true,
  // This machine (and CI) reaches no Mozilla host: keep Firefox from trying.
  extraPrefsFirefox: {
    "app.update.enabled": false,
    "browser.safebrowsing.malware.enabled": false,
    "browser.safebrowsing.phishing.enabled": false,
    "network.captive-portal-service.enabled": false,
    "network.connectivity-service.enabled": false,
    "datareporting.policy.dataSubmissionEnabled": false,
    "toolkit.telemetry.enabled": false,
    "extensions.update.enabled": false,
  },
});

// A context of its own per page load: empty storage, as on a reader's first visit.
async function newPage(errors = consoleErrors) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 900 }); // wide enough for the side navigation
  page.setDefaultTimeout(TIMEOUT);
  page.on("console", (msg) => { if (msg.type() === "error") errors.push(msg.text()); });
  page.on("pageerror", (err) => errors.push(String(err)));
  return page;
}

async function summaryIs(page, text) {
  try {
    await page.waitForFunction((t) => document.querySelector("[data-result-body] [data-key=summary]")?.textContent === t, {}, text);
  } catch (err) {
    const seen = await page.evaluate(() => document.querySelector("[data-result-body]")?.innerText.slice(0, 400) ?? "(no result)");
    throw new Error(`summary not shown; the page shows: ${seen}`);
  }
}

const RANKING = () => JSON.stringify([...document.querySelectorAll('[data-result-body] tr[data-rank] [data-key="name"]')].map((e) => e.innerText.trim()));

async function rankingIs(page, names) {
  const want = JSON.stringify(names);
  try {
    await page.waitForFunction(`(${RANKING})() === ${JSON.stringify(want)}`);
  } catch (err) {
    throw new Error(`ranking ${await page.evaluate(RANKING)} instead of ${want}`);
  }
}

async function attached(page, name) {
  await page.waitForSelector(`.hr-calc[data-calculator="${name}"][data-attached]`);
}

async function typeInto(page, selector, text) {
  const kind = await page.$eval(selector, (e) => e.type);
  await page.focus(selector);
  await page.keyboard.type(typeof text === "string" ? text : kind === "number" ? text.plain : text.dutch);
}

// Each path runs only when the one before it on the same page passed.
async function path(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results[name] = { ok: true, ms: Date.now() - started };
    return true;
  } catch (err) {
    results[name] = { ok: false, detail: String(err && err.stack ? err.stack : err).slice(0, 2000) };
    return false;
  }
}

// 1. Proportionaliteit from a shared link, then by keyboard after "Wis alles".
{
  const page = await newPage();
  (await path("link-proportionaliteit", async () => {
    await page.goto(plan.links.proportionaliteit.url);
    await attached(page, "proportionaliteit");
    await summaryIs(page, plan.links.proportionaliteit.summary);
  })) && (await path("keyboard-proportionaliteit", async () => {
    const k = plan.keyboard_prop;
    await page.click('[data-action="reset"]');
    for (const [sel, text] of Object.entries(k.type)) await typeInto(page, sel, text);
    for (const [sel, value] of Object.entries(k.select)) await page.select(sel, value);
    await summaryIs(page, k.summary);
  }));
  await page.browserContext().close();
}

// 2. Contractselectie from a shared link, then a file import, the export, and one more row by keyboard.
{
  const page = await newPage();
  (await path("link-contractselectie", async () => {
    await page.goto(plan.links.contractselectie.url);
    await attached(page, "contractselectie");
    await summaryIs(page, plan.links.contractselectie.summary);
  })) && (await path("import-export", async () => {
    const k = plan.import;
    const input = await page.$("[data-upload]");
    await input.uploadFile(k.file);
    await rankingIs(page, k.names);
    // The download itself is the browser's; what the page hands it is checked here.
    await page.evaluate(() => {
      window.__hrDownloads = [];
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function () {
        if (this.download) window.__hrDownloads.push(fetch(this.href).then((r) => r.arrayBuffer()).then((b) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(b)));
        else click.call(this);
      };
    });
    await page.click('[data-action="download-csv"]');
    await page.waitForFunction(() => window.__hrDownloads.length === 1);
    const csv = await page.evaluate(() => window.__hrDownloads[0]);
    const lines = csv.replace(/^\ufeff/, "").split(/\r?\n/);
    if (!csv.startsWith("\ufeff") || lines[0] !== k.csv_head || !lines[1].startsWith(k.csv_first)) {
      throw new Error(`export: ${JSON.stringify(lines.slice(0, 2))}`);
    }
  })) && (await path("keyboard-contractselectie", async () => {
    const k = plan.keyboard_contract;
    await page.click('[data-action="add-row"]');
    const last = (await page.$$("[data-rows-body] tr[data-row]")).length - 1;
    for (const [col, text] of Object.entries(k.row)) await typeInto(page, `#f-contracts-${last}-${col}`, text);
    await page.select(`#f-contracts-${last}-category`, k.category);
    await rankingIs(page, k.names);
  }));
  await page.browserContext().close();
}

// 3. Quotum from a shared link (instant-navigation build), then on to another calculator without a page load.
{
  const page = await newPage();
  (await path("link-quotum", async () => {
    await page.goto(plan.links.quotum.url);
    await attached(page, "quotum");
    await summaryIs(page, plan.links.quotum.summary);
  })) && (await path("instant-navigation", async () => {
    const k = plan.instant;
    await page.evaluate(() => { window.__hrSamePage = true; });
    await page.click(`nav.md-nav--primary a[href$="${k.target}/"]`);
    await attached(page, k.target);
    if (!(await page.evaluate(() => window.__hrSamePage === true))) throw new Error("the page was loaded again, not swapped");
    await page.click('[data-action="example"]');
    await summaryIs(page, k.summary);
  }));
  await page.browserContext().close();
}

// 4. A runtime file that is missing: the Dutch failure message with "Opnieuw proberen", which then works.
await path("failure-and-retry", async () => {
  const k = plan.failure;
  const page = await newPage([]); // the missing file is expected to show up as an error here
  await fetch(k.on);
  try {
    await page.goto(k.url);
    await page.waitForSelector("[data-engine-error]:not([hidden])", { timeout: 30_000 });
    const text = await page.$eval("[data-engine-error-text]", (e) => e.textContent);
    const retry = await page.$eval('[data-action="retry"]', (e) => e.textContent.trim());
    if (!text.includes("De rekenhulp kon niet worden geladen") || retry !== "Opnieuw proberen") {
      throw new Error(`failure shown as: ${text} / ${retry}`);
    }
  } finally {
    await fetch(k.off);
  }
  await page.click('[data-action="retry"]');
  await page.click('[data-action="example"]');
  await summaryIs(page, k.summary);
  await page.browserContext().close();
});

const version = await browser.version();
await browser.close();
console.log("@@RESULT@@ " + JSON.stringify({ paths: results, consoleErrors, version }));
