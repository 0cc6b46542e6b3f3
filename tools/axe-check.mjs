#!/usr/bin/env node
// Runs axe-core on local HTML/XHTML files in headless Debian Chromium and prints one JSON object.
//
//   node tools/axe-check.mjs [--tags t1,t2] [--best-practice] [--timeout MS] FILE...
//
// Only file: and data: URLs load; every other request is aborted and listed under "blocked",
// so a page can never reach the network. Exit status: 0 when the files were checked (violations
// or not: the caller reads the JSON), 1 when a file could not be checked, 64 on bad usage.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

// WCAG 2.0/2.1/2.2 A and AA; best-practice is a separate, advisory run.
const DEFAULT_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

function parseArgs(argv) {
  const opts = { tags: DEFAULT_TAGS, bestPractice: false, timeout: 60000, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--tags") opts.tags = argv[++i].split(",").filter(Boolean);
    else if (arg === "--best-practice") opts.bestPractice = true;
    else if (arg === "--timeout") opts.timeout = Number(argv[++i]);
    else if (arg.startsWith("--")) throw new Error(`unknown option ${arg}`);
    else opts.files.push(resolve(arg));
  }
  if (opts.files.length === 0 || !Number.isFinite(opts.timeout)) throw new Error("usage: axe-check.mjs [--tags LIST] [--best-practice] [--timeout MS] FILE...");
  return opts;
}

function summarise(violations) {
  return violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    description: v.description,
    help: v.help,
    helpUrl: v.helpUrl,
    tags: v.tags,
    nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
  }));
}

async function checkFile(browser, file, opts) {
  const page = await browser.newPage();
  const blocked = new Set(); // a Set: Chromium may ask twice for one URL (preload scanner, then parser)
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const url = request.url();
    if (url.startsWith("file:") || url.startsWith("data:")) request.continue();
    else {
      blocked.add(url);
      request.abort("blockedbyclient");
    }
  });
  try {
    try {
      await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: opts.timeout });
    } catch (err) {
      if (!(err && err.name === "TimeoutError")) throw err;
      // A script that never ends holds the page's only thread: nothing more can run in it.
      return { file, error: `the page did not finish loading within ${opts.timeout / 1000} s (a script that never ends?)`,
               violations: [], bestPractice: null, blocked: [...blocked] };
    }
    const run = (values) =>
      page.evaluate(
        (vals) => window.axe.run(document, { runOnly: { type: "tag", values: vals }, resultTypes: ["violations"] }),
        values,
      );
    let wcag, best;
    try {
      await page.evaluate(axeSource);
      wcag = await run(opts.tags);
      best = opts.bestPractice ? await run(["best-practice"]) : null;
    } catch (err) {
      if (!(err && (err.name === "TimeoutError" || err.name === "ProtocolError"))) throw err;
      // Loaded, then a script (a timer, an event) keeps the page's thread busy: axe cannot run.
      return { file, error: `axe could not run within ${opts.timeout / 1000} s: a script keeps the page busy`,
               violations: [], bestPractice: null, blocked: [...blocked] };
    }
    return {
      file,
      violations: summarise(wcag.violations),
      bestPractice: best ? summarise(best.violations) : null,
      blocked: [...blocked],
    };
  } finally {
    await settle(page.close(), 5000); // a page stuck in a script may never confirm that it closed
  }
}

// The promise's outcome, or nothing after `ms` milliseconds; never a rejection.
function settle(promise, ms) {
  return Promise.race([promise.catch(() => undefined), new Promise((done) => setTimeout(done, ms))]);
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    return 64;
  }
  const browser = await puppeteer.launch({
    executablePath: process.env.PUBLISHER_CHROMIUM_LAUNCHER || join(here, "chromium-headless"),
    headless: true,
    timeout: opts.timeout,
    protocolTimeout: opts.timeout,
  });
  try {
    const page = await browser.newPage();
    await page.evaluate(axeSource);
    const axeVersion = await page.evaluate(() => window.axe.version);
    await page.close();
    const results = [];
    for (const file of opts.files) results.push(await checkFile(browser, file, opts));
    const out = { axe: axeVersion, browser: await browser.version(), tags: opts.tags, results };
    process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
    return 0;
  } finally {
    await settle(browser.close(), 5000);
    browser.process()?.kill("SIGKILL"); // gone already, or stuck behind a page that never yields
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`axe-check: ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  },
);
