// Drives the demo page in Debian's headless Chromium (never a downloaded browser).
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { rules } from "../pkg/node.js";
import { serve } from "./server.mjs";

const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const shots = fileURLToPath(new URL("../../../target/screenshots/", import.meta.url));
mkdirSync(shots, { recursive: true });

const server = await serve();
const browser = await chromium.launch({
  executablePath,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
  ],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(`${m.text()} (${m.location().url})`));
  await page.goto(`${server.url}/demo/index.html`);
  await page.waitForSelector('tr[data-rule="CLS-R1"]');
  const row = await page.locator('tr[data-rule="CLS-R1"] td').allTextContents();
  assert.deepEqual(row, ["CLS-R1", "Проблема решена", "the problem is fully solved and verified"]);
  // The whole table is the package's rules(), in order.
  const table = await page.locator("#rules tbody tr").evaluateAll((rows) =>
    rows.map((r) => Array.from(r.cells, (c) => c.textContent)),
  );
  assert.deepEqual(table, rules().map((r) => [r.id, r.title_ru, r.title_en]));
  const count = table.length;
  assert.match(await page.locator("#status").textContent(), new RegExp(`^ticketry \\d+\\.\\d+\\.\\d+, правил: ${count}$`));
  assert.deepEqual(errors, []);
  await page.screenshot({ path: join(shots, "demo.png"), fullPage: true });
  console.log(`browser test passed; screenshot in ${join(shots, "demo.png")}`);
} finally {
  await browser.close();
  await server.close();
}
