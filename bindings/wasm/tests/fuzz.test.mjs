// Random and mutated inputs, in a loop: every call returns or throws a
// TicketryError with a code of the core (never `internal`), and no panic text
// or WebAssembly trap reaches the caller.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as t from "../pkg/node.js";

const { Ticket, Policy, Calendar, TicketryError } = t;
const conformance = JSON.parse(readFileSync(new URL("../../../conformance/closing.json", import.meta.url), "utf8"));
const SEED = Number(process.env.TICKETRY_FUZZ_SEED ?? 20250303);
const ROUNDS = Number(process.env.TICKETRY_FUZZ_ROUNDS ?? 4000);

function mulberry32(a) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(SEED);
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];

// Every command the conformance file holds, as material to mutate.
const commands = [];
const collect = (v) => {
  if (Array.isArray(v)) v.forEach(collect);
  else if (v && typeof v === "object") {
    if (typeof v.type === "string") commands.push(v);
    Object.values(v).forEach(collect);
  }
};
collect(conformance);
const names = t.transitions().map((r) => r.command);
const keys = [...new Set(commands.flatMap((c) => Object.keys(c)))];

const { proxy: revoked, revoke } = Proxy.revocable({}, {});
revoke();
class EvilDate extends Date {
  getTime() {
    throw new Error("getTime trap");
  }
  toISOString() {
    throw new Error("toISOString trap");
  }
}
const cyclic = {};
cyclic.self = cyclic;
const oddValues = () => [
  undefined, null, true, false, 0, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 32, 2 ** 53, -0, 1e308,
  "", " ", "x", "close", "2025-13-01", "2025-03-03T25:00:00Z", "2025-03-03T07:00:00Z", "2025-03-03", "\u0000",
  "😀".repeat(50), "[Имя клиента]", "{client_name}", new Date(NaN), new Date(8.64e15), new Date(-8.64e15), new Date(0),
  10n, Symbol("s"), () => 1, [], [1, "a"], {}, { type: 5 }, { type: "close" }, cyclic, Object.create(null),
  new Proxy({}, { get() { throw new Error("getter trap"); } }),
  { toJSON() { throw new Error("toJSON trap"); } },
  revoked, new EvilDate(), Object.create(Date.prototype),
  pick(names), pick(commands), structuredClone(conformance.defaults.actor), conformance.defaults.open,
];
const odd = () => pick(oddValues());
const json = (v) => {
  try {
    return JSON.stringify(v) ?? "";
  } catch {
    return "{";
  }
};
const text = (v) => {
  try {
    return String(v);
  } catch {
    return "?";
  }
};

function mutate(value, depth = 0) {
  if (depth > 3 || random() < 0.2) return odd();
  if (Array.isArray(value)) {
    const copy = value.map((x) => (random() < 0.3 ? mutate(x, depth + 1) : x));
    if (random() < 0.3) copy.splice(int(copy.length + 1), 0, odd());
    if (random() < 0.3) copy.splice(int(copy.length), 1);
    return copy;
  }
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const copy = { ...value };
    const ks = Object.keys(copy);
    switch (int(5)) {
      case 0: if (ks.length) delete copy[pick(ks)]; break;
      case 1: copy[pick([...ks, ...keys])] = odd(); break;
      case 2: if (ks.length) { const k = pick(ks); copy[k] = mutate(copy[k], depth + 1); } break;
      case 3: copy.type = pick(names); break;
      default: copy[pick(keys)] = mutate(pick(commands), depth + 1);
    }
    return copy;
  }
  return odd();
}

const times = ["2025-03-03T06:00:00Z", "2025-03-04T07:20:00Z", "2025-03-12T09:00:00Z", "2030-01-01T00:00:00+03:00"];
const at = () => (random() < 0.8 ? pick(times) : odd());
const actor = () => (random() < 0.8 ? conformance.defaults.actor : mutate(conformance.defaults.actor));
const policy = () => pick([undefined, undefined, { confirmation_wait_business_days: 1 }, () => mutate({ locale: "en", confirmation_wait_business_days: 2 }), odd]);
const policyArg = () => { const p = policy(); return typeof p === "function" ? p() : p; };

function fixtureSteps(name) {
  const f = conformance.fixtures[name];
  return [...(f.extends ? fixtureSteps(f.extends) : []), ...f.steps];
}
const fixtures = Object.keys(conformance.fixtures);
function ticket() {
  const tk = Ticket.open(conformance.defaults.open, { at: conformance.defaults.opened_at, actor: conformance.defaults.actor });
  for (const s of fixtureSteps(pick(fixtures))) tk.apply(s.command, { at: s.at, actor: conformance.defaults.actor });
  return tk;
}

const KNOWN = new Set([
  "refused", "invalid_input", "version_conflict", "already_opened", "invalid_policy", "template_value_missing",
  "unsupported_schema_version", "malformed_log", "invalid_event", "empty_log", "calendar_malformed_json",
  "calendar_malformed_xml", "calendar_invalid_day", "duplicate_ticket", "unknown_ticket",
]);

test(`random and mutated inputs never trap or leak panic text (seed ${SEED}, ${ROUNDS} rounds)`, () => {
  const counts = { ok: 0 };
  const pool = Array.from({ length: 4 }, ticket);
  const ru = Calendar.russia();
  const log = pool[0].toJSON();
  // An archive: the pool's first ticket, and one more of the same client.
  const archive = t.Archive.fromTickets([pool[0]]);
  archive.open({ ...conformance.defaults.open, id: "T-20000" }, { at: "2025-03-04T06:00:00Z", actor: conformance.defaults.actor }).free();
  const ids = () => (random() < 0.7 ? pick(["T-10234", "T-20000", "T-404"]) : odd());
  const unmet = { rule: "REP-3", code: "not_linked", message_en: "x", message_ru: "y" };
  const causes = t.recurrenceCauses().map((c) => c.name);
  const calls = [
    (tk) => tk.apply(random() < 0.5 ? mutate(pick(commands)) : pick(commands), { at: at(), actor: actor(), policy: policyArg(), expectedVersion: random() < 0.2 ? odd() : undefined }),
    (tk) => tk.can(random() < 0.5 ? pick(names) : mutate(pick(commands)), { at: at(), actor: actor(), policy: policyArg() }),
    (tk) => tk.check(mutate(pick(commands)), random() < 0.9 ? { at: at(), actor: actor() } : odd()),
    (tk) => tk.whyBlocked(random() < 0.7 ? pick(names) : odd(), at(), policyArg()),
    (tk) => tk.available(at(), policyArg()),
    (tk) => tk.markClosePossibleFrom(policyArg()),
    () => Ticket.open(mutate(conformance.defaults.open), { at: at(), actor: actor() }).free(),
    () => Ticket.fromJSON(mutate(log)).free(),
    () => Ticket.fromJSON(JSON.stringify(log).slice(0, int(4000))).free(),
    () => Ticket.fromJSON(json({ schema_version: 1, events: [log.events[0], mutate(log.events[1 + int(3)])] })).free(),
    () => Ticket.fromEvents(mutate(log.events)).free(),
    (tk) => t.closingChecklist(random() < 0.9 ? tk : odd(), policyArg()),
    (tk) => t.finalNotification(tk, random() < 0.5 ? "Анна" : odd(), policyArg()),
    (tk) => t.solutionDocumentation(tk, at(), policyArg()),
    (tk) => t.confirmationRequest(tk, random() < 0.5 ? true : odd(), policyArg()),
    () => new Policy(mutate({ confirmation_wait_business_days: 1, locale: "en", time_zone: "Europe/Moscow", team_signature: { ru: "x", en: "y" } })).free(),
    () => Calendar.fromJSON(mutate(ru.toJSON())).free(),
    () => Calendar.fromXmlcalendar(random() < 0.5 ? odd() : `<?xml version="1.0"?><calendar year="${text(odd())}"><days><day d="${text(odd())}" t="${text(odd())}"/></days></calendar>`).free(),
    () => ru.businessDeadline(at(), random() < 0.5 ? int(40) : odd(), random() < 0.5 ? "Europe/Moscow" : odd()),
    () => ru.addBusinessDays(random() < 0.5 ? "2025-04-30" : odd(), random() < 0.5 ? int(1e6) : odd()),
    () => ru.businessDaysBetween(odd(), random() < 0.5 ? "2026-01-01" : odd()),
    () => ru.dayKind(odd()),
    () => ru.covers(odd()),
    () => archive.apply(ids(), random() < 0.5 ? mutate(pick(commands)) : pick(commands), { at: at(), actor: actor(), policy: policyArg(), expectedVersion: random() < 0.2 ? odd() : undefined }),
    () => archive.get(ids())?.free(),
    () => archive.has(ids()),
    () => archive.repeatChain(ids()),
    () => archive.earlierClientTickets(ids()),
    () => archive.linkedFrom(ids()),
    () => archive.clientHistory(random() < 0.5 ? "zhk-severny" : odd()),
    () => archive.chronicProblems(at(), policyArg()),
    () => archive.chronicProblemOf(ids(), at(), policyArg()),
    () => archive.clientsNotApplyingSolutions(at(), policyArg()),
    (tk) => archive.insert(random() < 0.8 ? tk : odd()),
    () => archive.open(mutate({ ...conformance.defaults.open, id: `T-${int(1e6)}` }), { at: at(), actor: actor() }).free(),
    () => t.Archive.fromJSONLines(random() < 0.5 ? odd() : archive.toJSONLines().slice(0, int(8000))).free(),
    () => t.Archive.fromJSONLines(`${JSON.stringify(log)}\n${json(mutate(log))}`).free(),
    () => t.Archive.fromTickets(random() < 0.5 ? odd() : [pool[0], mutate(pool[1])]).free(),
    () => t.recommendedAction(random() < 0.5 ? pick(causes) : odd()),
    () => t.typicalError(mutate(unmet)),
    (tk) => t.repeatChecklist(random() < 0.9 ? tk : odd(), policyArg()),
    (tk) => t.repeatReply(random() < 0.9 ? tk : odd(), random() < 0.5 ? "Анна" : odd(), policyArg()),
  ];
  for (let round = 0; round < ROUNDS; round++) {
    const i = int(pool.length);
    const call = pick(calls);
    try {
      call(pool[i]);
      counts.ok++;
    } catch (e) {
      assert.ok(e instanceof TicketryError, `round ${round}: ${call}: not a TicketryError: ${e?.stack ?? e}`);
      assert.ok(KNOWN.has(e.code), `round ${round}: ${call}: code ${e.code}: ${e.message} ${e.cause?.stack ?? ""}`);
      assert.doesNotMatch(e.message, /panicked|unreachable|RuntimeError|wasm-bindgen|null pointer/i);
      counts[e.code] = (counts[e.code] ?? 0) + 1;
    }
    // Now and then, a fresh ticket (closed ones take few commands).
    if (random() < 0.02) {
      pool[i].free();
      pool[i] = ticket();
    }
  }
  // The module still works afterwards.
  const after = ticket();
  assert.equal(after.history.length, after.version);
  assert.ok(archive.size >= 2 && archive.ids().every((id) => archive.has(id)));
  archive.free();
  // Both outcomes were exercised.
  assert.ok(counts.ok > ROUNDS / 20 && counts.invalid_input > ROUNDS / 20 && counts.refused > 0, JSON.stringify(counts));
  console.log(`fuzz outcomes: ${JSON.stringify(counts)}`);
});

// Repeat detection: mutated documents, queries and policies, and random
// Unicode text (digits, «№», ids, combining marks, astral characters) for the
// text functions; a bad input is an error of the core, never a trap.
test("detection: random and mutated input returns or throws a TicketryError", () => {
  const detection = JSON.parse(readFileSync(new URL("../../../conformance/detection.json", import.meta.url), "utf8"));
  const docs = detection.archives.pass24;
  const queries = detection.detection.map((v) => v.query);
  const detector = t.Detector.fromDocs(docs);
  const archive = new t.Archive();
  const alphabet = ["T-", "Т-", "№", "#", " ", "-", "0", "1", "9", "10234", "заявка", "тикет", "шлагбаум", "ё", "Ё",
    "\u0301", "\u200b", "😀", "\ud800", "e\u0301", "ß", "İ", "ǅ", "ﬁ", "\u0000", "\n", "ticket", "issue"];
  const randomText = () => Array.from({ length: int(40) }, () => pick(alphabet)).join(random() < 0.5 ? "" : " ");
  const policyArg = () =>
    random() < 0.5 ? undefined : { detection: random() < 0.5 ? mutate(detection.detection.find((v) => v.policy)?.policy ?? {}) : { max_candidates: int(5) + 1, references: { prefix: pick(["T-", "", "#", "ОБР-"]), min_digits: int(4) + 1, max_digits: int(18) + 1 } } };
  const codes = {};
  const calls = [
    () => detector.upsert(random() < 0.7 ? { ...pick(docs), id: `T-${20000 + int(200)}`, subject: randomText() } : mutate(pick(docs))),
    () => detector.detect(random() < 0.5 ? { ...pick(queries), description: randomText() } : mutate(pick(queries)), policyArg()),
    () => detector.remove(random() < 0.5 ? `T-${20000 + int(200)}` : odd()),
    () => detector.has(random() < 0.5 ? pick(docs).id : odd()),
    () => detector.textSimilarity(randomText(), random() < 0.9 ? randomText() : odd()),
    () => t.findReferences(random() < 0.9 ? randomText() : odd(), policyArg()),
    () => archive.detect(mutate(pick(queries)), policyArg()),
    () => (random() < 0.05 ? detector.compact() : detector.size),
  ];
  for (let round = 0; round < ROUNDS / 2; round++) {
    const call = pick(calls);
    try {
      call();
      codes.ok = (codes.ok ?? 0) + 1;
    } catch (e) {
      assert.ok(e instanceof TicketryError, `round ${round}: ${call}: not a TicketryError: ${e?.stack ?? e}`);
      assert.ok(["invalid_input", "invalid_policy"].includes(e.code), `round ${round}: ${call}: code ${e.code}: ${e.message}`);
      assert.doesNotMatch(e.message, /panicked|unreachable|RuntimeError|wasm-bindgen|null pointer/i);
      codes[e.code] = (codes[e.code] ?? 0) + 1;
    }
  }
  // Still consistent afterwards: every base document is found by its own text.
  for (const doc of docs.slice(0, 3)) {
    const found = detector.detect({ ...doc, id: undefined, opened_at: "2030-01-01T00:00:00Z" });
    assert.ok(found.candidates.some((c) => c.id === doc.id), doc.id);
  }
  assert.ok(codes.ok > ROUNDS / 10 && codes.invalid_input > ROUNDS / 50, JSON.stringify(codes));
  detector.free();
  archive.free();
});
