// Opens local HTML files in headless Chromium (puppeteer-core from tools/node_modules, Debian's
// browser) at a given viewport and prints, per file, what a reflow test needs as JSON:
// the viewport and document widths, the elements sticking out past the right edge, and\n// how the first links look when reached with the Tab key.
//
//   node layout_probe.cjs TOOLS_DIR WIDTH HEIGHT TEXT_SPACING(0|1) SCREENSHOT_DIR|- FILE...
//
// TEXT_SPACING=1 applies the WCAG 1.4.12 text-spacing overrides first. Only file: and data: URLs load.
"use strict";
const path = require("node:path");
const { pathToFileURL } = require("node:url");

const [toolsDir, width, height, spacing, shots, ...files] = process.argv.slice(2);
const puppeteer = require(require.resolve("puppeteer-core", { paths: [toolsDir] }));

const SPACING_CSS = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`;

async function probe(browser, file) {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on("request", (r) => (/^(file|data):/.test(r.url()) ? r.continue() : r.abort("blockedbyclient")));
  await page.setViewport({ width: Number(width), height: Number(height), deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  if (spacing === "1") await page.addStyleTag({ content: SPACING_CSS });
  const result = await page.evaluate(() => {
    const root = document.documentElement;
    const limit = root.clientWidth + 0.5;
    const wide = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > limit && getComputedStyle(e).position !== "absolute")
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${e.className ? "." + e.className : ""}`);
    return { viewport: window.innerWidth, client: root.clientWidth, scroll: root.scrollWidth, wide: wide.slice(0, 10) };
  });
  // Keyboard focus: tab through the first links and record how the focused one looks.
  result.focus = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    result.focus.push(await page.evaluate(() => {
      const e = document.activeElement;
      const s = getComputedStyle(e);
      return { tag: e.tagName.toLowerCase(), href: e.getAttribute("href"), background: s.backgroundColor,
        shadow: s.boxShadow, visible: e.matches(":focus-visible") };
    }));
  }
  if (shots !== "-") {
    const name = `${path.basename(file, path.extname(file))}-${width}${spacing === "1" ? "-spacing" : ""}.png`;
    await page.screenshot({ path: path.join(shots, name), fullPage: true });
  }
  await page.close();
  return { file, ...result };
}

(async () => {
  const browser = await puppeteer.launch({ headless: true, executablePath: process.env.PUPPETEER_EXECUTABLE_PATH });
  try {
    const out = [];
    for (const file of files) out.push(await probe(browser, path.resolve(file)));
    process.stdout.write(JSON.stringify(out) + "\n");
  } finally {
    await browser.close();
  }
})().catch((err) => {
  process.stderr.write(`layout_probe: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
