// Drives the demo page in Debian's headless Chromium (never a downloaded
// browser): a ticket walked through closing, a refused close, then an allowed
// one. What the page shows is compared with what the package computes in Node
// for the same clicks.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import * as ticketry from "../pkg/node.js";
import { Archive, Detector, Ticket, TransitionRefused, closingChecklist, rules, statuses } from "../pkg/node.js";
import { ARCHIVE, NEW_TICKETS, russianLabels, triageRows } from "../demo/triage-data.mjs";
import {
  ACTOR, CLOSE, ITEM_STATUS_RU, NEW_TICKET, START, STEPS, clickTime, clientHistory, openArchive,
} from "../demo/scenario.js";
import { serve } from "./server.mjs";

const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const shots = fileURLToPath(new URL("../../../target/screenshots/", import.meta.url));
mkdirSync(shots, { recursive: true });
const statusRu = Object.fromEntries(statuses().map((s) => [s.status, s.label_ru]));

// The same clicks, in Node.
const mirror = Ticket.open(NEW_TICKET, { at: START, actor: ACTOR });
let clicks = 0;
let now = START;
function mirrorApply(command) {
  clicks += 1;
  now = clickTime(clicks);
  try {
    mirror.apply(command, { at: now, actor: ACTOR });
    return [];
  } catch (e) {
    assert.ok(e instanceof TransitionRefused, String(e));
    return e.unmet;
  }
}
const lines = (unmet) => unmet.map((u) => `${u.rule} — ${u.message_ru}`);

const server = await serve();
const browser = await chromium.launch({
  executablePath,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(`${m.text()} (${m.location().url})`));
  await page.goto(`${server.url}/demo/index.html`);
  await page.waitForSelector("body[data-ready=true]");

  /** What the page shows now. */
  const shown = () =>
    page.evaluate(() => {
      const texts = (sel) => Array.from(document.querySelectorAll(sel), (n) => n.textContent);
      return {
        status: document.querySelector("#ticket-status").textContent,
        checklist: Array.from(document.querySelectorAll("#checklist tbody tr"), (r) => Array.from(r.cells, (c) => c.textContent)),
        blockers: texts("#blockers li"),
        refusal: document.querySelector("#refusal").hidden ? null : texts("#refusal-list li"),
        result: document.querySelector("#result").textContent,
        history: document.querySelectorAll("#history li").length,
      };
    });
  /** What the page must show, from the mirror. */
  const expected = (refusal, result = "") => ({
    status: statusRu[mirror.status],
    checklist: closingChecklist(mirror).map((i) => [i.title_ru, ITEM_STATUS_RU[i.status], i.explanation_ru]),
    blockers: lines(mirror.whyBlocked("close", now)),
    refusal: refusal === null ? null : lines(refusal),
    result,
    history: mirror.version,
  });

  // The regulation's rules, as before.
  const row = await page.locator('#rules tr[data-rule="CLS-R1"] td').allTextContents();
  assert.deepEqual(row, ["CLS-R1", "Проблема решена", "the problem is fully solved and verified"]);
  const table = await page.locator("#rules tbody tr").evaluateAll((rows) => rows.map((r) => Array.from(r.cells, (c) => c.textContent)));
  assert.deepEqual(table, rules().map((r) => [r.id, r.title_ru, r.title_en]));
  assert.match(await page.locator("#status").textContent(), new RegExp(`^ticketry \\d+\\.\\d+\\.\\d+, правил: ${table.length}$`));

  // Triage (REP-1): the specialist picks a new ticket, asks for repeats and
  // sees the earlier ticket the story expects at the top, explained; what the
  // table shows is what the package computes in Node for the same query.
  const nodeDetector = Detector.fromDocs(ARCHIVE);
  const triageShown = () =>
    page.locator("#triage tbody tr").evaluateAll((rows) => rows.map((r) => ({ id: r.dataset.id, cells: Array.from(r.cells, (c) => c.textContent) })));
  const triageExpected = (query) => triageRows(nodeDetector.detect(query), query, russianLabels(ticketry)).map(({ id, cells }) => ({ id, cells }));
  assert.deepEqual(await triageShown(), [], "nothing before the first search");
  const preset = NEW_TICKETS.find((n) => n.key === "barrier-again");
  await page.selectOption("#triage-pick", "sms-guests");
  await page.selectOption("#triage-pick", preset.key);
  assert.equal(await page.inputValue("#triage-subject"), preset.ticket.subject);
  await page.click("#triage-run");
  let triage = await triageShown();
  const { id: _id, ...presetQuery } = preset.ticket;
  assert.deepEqual(triage, triageExpected(presetQuery));
  assert.equal(triage[0].id, preset.expect, JSON.stringify(triage));
  const [, , score, decision, type, shared, sameClient, mention, solved] = triage[0].cells;
  assert.equal(decision, "вероятный повтор");
  assert.ok(Number(score) >= 0 && Number(score) <= 1, score);
  assert.match(type, /^Повторение той же проблемы \(\d+%\)$/);
  assert.match(shared, /открываеться/, "the typo as typed is a shared term");
  assert.equal(sameClient, "да");
  assert.equal(mention, "«обращении №10101» (в описании)");
  assert.match(solved, /^решено, клиент подтвердил: Контроллер шлагбаума потерял связь/);
  assert.equal(await page.locator("#triage-mention mark").textContent(), "обращении №10101");
  assert.match(await page.locator("#triage-decision").textContent(), /^Итог: вероятный повтор; первым проверить T-10101/);
  await page.screenshot({ path: join(shots, "demo-triage.png"), fullPage: true });

  // A ticket typed by hand: the client's earlier SMS tickets come first.
  await page.selectOption("#triage-pick", "custom");
  await page.selectOption("#triage-client", "bc-vostok");
  await page.fill("#triage-product", "Гостевые пропуска");
  await page.locator("#triage-subject").pressSequentially("Гостям не приходят смс с пропуском");
  await page.locator("#triage-description").pressSequentially("Посетители опять не получили SMS со ссылкой на гостевой пропуск");
  await page.click("#triage-run");
  triage = await triageShown();
  assert.deepEqual(triage, triageExpected({
    client_id: "bc-vostok", product: "Гостевые пропуска", opened_at: "2025-03-20T10:00:00Z",
    subject: "Гостям не приходят смс с пропуском", description: "Посетители опять не получили SMS со ссылкой на гостевой пропуск",
  }));
  assert.ok(["T-10103", "T-10123"].includes(triage[0].id), JSON.stringify(triage[0]));
  assert.equal(triage[0].cells[6], "да");
  // A bad time is shown as an error naming the field, not a crash.
  await page.fill("#triage-at", "вчера");
  await page.click("#triage-run");
  assert.match(await page.locator("#triage-error").textContent(), /query\.opened_at/);
  nodeDetector.free();

  // The client's history (REP-1): the same client's earlier tickets, newest
  // first, each with its repeat chain, as the package computes them in Node.
  const mirrorArchive = openArchive(Archive);
  const history = clientHistory(mirrorArchive, NEW_TICKET.id, statusRu);
  const shownHistory = async () => ({
    rows: await page.locator("#client-history tbody tr").evaluateAll((rows) => rows.map((r) => Array.from(r.cells, (c) => c.textContent))),
    line: await page.locator("#chain").textContent(),
  });
  assert.deepEqual(await shownHistory(), history);
  // Another client's ticket is not shown; the repeat of T-900 shows its chain.
  assert.deepEqual(history.rows.map((r) => r[0]), ["T-920", "T-900"]);
  assert.deepEqual(history.rows.map((r) => r[4]), ["T-900 → T-920", "T-900 → T-920"]);
  assert.equal(history.rows[1][3], statusRu.closed);
  mirrorArchive.free();

  // A fresh ticket: in work, nothing on the checklist done, close blocked.
  assert.deepEqual(await shown(), expected(null));
  assert.equal((await shown()).status, "В работе");
  assert.ok((await shown()).checklist.every(([, status]) => status === "не выполнено"));

  // A close too early: refused, every reason listed in Russian, nothing changes.
  await page.click("#close");
  let refusal = mirrorApply(CLOSE);
  assert.ok(refusal.length >= 6);
  let page1 = await shown();
  assert.deepEqual(page1, expected(refusal));
  assert.ok(page1.refusal.some((l) => l.startsWith("CLS-R1 — Решение не проверено")), page1.refusal.join("\n"));
  assert.ok(page1.refusal.some((l) => l.startsWith("CLS-R2 — Клиент не подтвердил решение")));
  assert.equal(await page.locator("#refusal-title").textContent(), `Действие «закрыть обращение» отклонено: не выполнено правил — ${refusal.length}`);
  assert.equal(page1.status, "В работе");
  await page.screenshot({ path: join(shots, "demo-refused.png"), fullPage: true });

  // Work, verification and the client's confirmation.
  const click = async (command) => {
    const button = page.locator(`#actions button[data-command="${command}"]`);
    assert.equal(await button.isEnabled(), true, `${command} should be possible`);
    await button.click();
    const payload = STEPS.find(([c]) => c === command)[2];
    assert.deepEqual(mirrorApply({ type: command, ...payload }), []);
    assert.deepEqual(await shown(), expected(null));
  };
  for (const [command] of STEPS.slice(0, 6)) await click(command);
  assert.equal((await shown()).status, "Клиент подтвердил решение");
  // Steps the status no longer allows are disabled.
  assert.equal(await page.locator('#actions button[data-command="verify_resolution"]').isDisabled(), true);

  // Confirmed but not documented: refused again, with what is left.
  await page.click("#close");
  refusal = mirrorApply(CLOSE);
  page1 = await shown();
  assert.deepEqual(page1, expected(refusal));
  assert.deepEqual(refusal.map((u) => u.rule), ["CLS-R3", "CLS-4", "CLS-5", "CLS-6"]);
  assert.ok(page1.refusal[0].startsWith("CLS-R3 — Решение не задокументировано"), page1.refusal[0]);

  // The rest of the regulation, then the close is allowed.
  for (const [command] of STEPS.slice(6)) await click(command);
  assert.deepEqual((await shown()).blockers, []);
  assert.equal(await page.locator("#blockers-none").isVisible(), true);
  await page.click("#close");
  assert.deepEqual(mirrorApply(CLOSE), []);
  const done = await shown();
  assert.deepEqual(done, expected(null, `Обращение T-10234 закрыто: ${CLOSE.reason}`));
  assert.equal(done.status, "Закрыто");
  assert.ok(done.checklist.every(([, status]) => status !== "не выполнено"), JSON.stringify(done.checklist));
  assert.equal(await page.locator("#close").isDisabled(), true);
  // Closing through the archive leaves the client's history as it was.
  assert.deepEqual(await shownHistory(), history);

  assert.deepEqual(errors, []);
  await page.screenshot({ path: join(shots, "demo.png"), fullPage: true });
  console.log(`browser test passed; screenshots in ${shots} (demo-triage.png, demo-refused.png, demo.png)`);
} finally {
  await browser.close();
  await server.close();
}
