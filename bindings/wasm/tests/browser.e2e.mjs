// Drives the demo page in Debian's headless Chromium (never a downloaded browser).
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
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
  await page.goto(`${server.url}/demo/index.html`);
  await page.waitForSelector('tr[data-rule="CLS-R1"]');
  const row = await page.locator('tr[data-rule="CLS-R2"] td').allTextContents();
  assert.deepEqual(row, ["CLS-R2", "Клиент подтвердил решение", "the client confirmed the solution"]);
  assert.equal(await page.locator("#rules tbody tr").count(), 41);
  assert.match(await page.locator("#status").textContent(), /ticketry \d+\.\d+\.\d+, правил: 41/);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: join(shots, "demo.png"), fullPage: true });
  console.log(`browser test passed; screenshot in ${join(shots, "demo.png")}`);
} finally {
  await browser.close();
  await server.close();
}
