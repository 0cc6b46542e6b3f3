// Opens local HTML/XHTML files in headless Chromium (puppeteer-core from tools/node_modules, Debian's
// browser) and prints, per file, Chromium's full accessibility tree as screen readers get it
// (CDP Accessibility.getFullAXTree): one {role, name} per node that is not ignored, depth first.
//
//   node ax_tree.cjs TOOLS_DIR FILE...
//
// Only file: and data: URLs load; everything else is aborted.
"use strict";
const path = require("node:path");
const { pathToFileURL } = require("node:url");

const [toolsDir, ...files] = process.argv.slice(2);
const puppeteer = require(require.resolve("puppeteer-core", { paths: [toolsDir] }));

async function tree(browser, file) {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on("request", (r) => (/^(file|data):/.test(r.url()) ? r.continue() : r.abort("blockedbyclient")));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  const client = await page.createCDPSession();
  const { nodes } = await client.send("Accessibility.getFullAXTree");
  // Depth first from the root, as a screen reader's virtual buffer reads it (the CDP list is not in that order).
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const out = [];
  const walk = (n) => {
    if (!n.ignored) out.push({ role: n.role ? n.role.value : "", name: n.name ? n.name.value : "" });
    for (const id of n.childIds || []) if (byId.has(id)) walk(byId.get(id));
  };
  walk(nodes[0]);
  // Which fonts each text node was drawn with (CSS.getPlatformFontsForNode), and whether that font came
  // from the page's @font-face rules (isCustomFont) or from the host; text inside code/pre/kbd/samp is
  // keyed apart, since no monospace face is bundled.
  await client.send("DOM.enable");
  await client.send("CSS.enable");
  const { root } = await client.send("DOM.getDocument", { depth: -1 });
  const fonts = {};
  const MONO = new Set(["CODE", "PRE", "KBD", "SAMP"]);
  const visit = async (node, mono) => {
    if (node.nodeType === 3 && node.nodeValue.trim()) {
      const used = await client.send("CSS.getPlatformFontsForNode", { nodeId: node.nodeId });
      for (const f of used.fonts) {
        const key = `${f.familyName}|${f.isCustomFont}|${mono}`;
        fonts[key] = (fonts[key] || 0) + f.glyphCount;
      }
    }
    for (const child of node.children || []) await visit(child, mono || MONO.has(node.nodeName));
  };
  await visit(root, false);
  await page.close();
  return { file, nodes: out, fonts };
}

(async () => {
  const browser = await puppeteer.launch({ headless: true, executablePath: process.env.PUPPETEER_EXECUTABLE_PATH });
  try {
    const out = [];
    for (const file of files) out.push(await tree(browser, path.resolve(file)));
    process.stdout.write(JSON.stringify(out) + "\n");
  } finally {
    await browser.close();
  }
})().catch((err) => {
  process.stderr.write(`ax_tree: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
