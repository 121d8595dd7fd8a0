// The JavaScript API: classes, errors, dates, policies, calendars, memory.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import * as t from "../pkg/node.js";
import { initSync } from "../pkg/ticketry.js";

const {
  Ticket, Policy, Calendar, TicketryError, TransitionRefused, InvalidInput, VersionConflict, AlreadyOpened,
  InvalidPolicy, TemplateValueMissing, LogError, MalformedLog, InvalidEvent, EmptyLog, UnsupportedSchemaVersion,
  CalendarError, CalendarMalformedJson, CalendarMalformedXml,
} = t;

const conformance = JSON.parse(readFileSync(new URL("../../../conformance/closing.json", import.meta.url), "utf8"));
const anna = conformance.defaults.actor;
const newTicket = conformance.defaults.open;
const openedAt = conformance.defaults.opened_at;

function steps(name) {
  const f = conformance.fixtures[name];
  return [...(f.extends ? steps(f.extends) : []), ...f.steps];
}

/** A ticket opened from the conformance defaults, with a fixture's steps applied. */
function ticketAt(fixture) {
  const ticket = Ticket.open(newTicket, { at: openedAt, actor: anna });
  for (const s of fixture ? steps(fixture) : []) ticket.apply(s.command, { at: s.at, actor: anna });
  return ticket;
}

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("expected an error");
}

describe("errors", () => {
  test("a refused close is a TransitionRefused with every unmet rule", () => {
    const ticket = ticketAt("worked");
    const e = thrown(() => ticket.apply({ type: "close", reason: "Решено", result: "Работает" }, { at: "2025-03-03T10:00:00Z", actor: anna }));
    assert.ok(e instanceof TransitionRefused && e instanceof TicketryError && e instanceof Error);
    assert.equal(e.name, "TransitionRefused");
    assert.equal(e.code, "refused");
    assert.equal(e.command, "close");
    assert.ok(e.unmet.length >= 6);
    for (const u of e.unmet) {
      assert.match(u.rule, /^(CLS|REP)-/);
      assert.equal(typeof u.code, "string");
      assert.ok(u.message_en.length > 0 && /[а-яё]/i.test(u.message_ru));
      assert.deepEqual(Object.keys(u).filter((k) => !["rule", "code", "field", "message_en", "message_ru"].includes(k)), []);
    }
    assert.deepEqual(e.unmet.map((u) => u.rule).slice(0, 3), ["CLS-7", "CLS-R1", "CLS-R2"]);
    assert.match(e.message, /^`close` refused: CLS-7/);
    // The error's JSON is the core's, and its fields are the error's properties.
    const json = e.toJSON();
    assert.deepEqual(json, { code: "refused", command: "close", unmet: e.unmet });
    assert.equal(JSON.stringify(e), JSON.stringify(json));
    // Nothing was applied.
    assert.equal(ticket.version, 6);
    assert.equal(ticket.status, "in_work");
  });

  test("malformed, missing and wrongly typed values are InvalidInput naming the field", () => {
    const ticket = ticketAt();
    const at = "2025-03-03T07:00:00Z";
    const cases = [
      [() => ticket.apply({ type: "log_work", minutes: "сорок" }, { at, actor: anna }), "minutes"],
      [() => ticket.apply({ type: "log_work", minutes: 2 ** 32 }, { at, actor: anna }), "minutes"],
      [() => ticket.apply({ type: "log_work" }, { at, actor: anna }), "minutes"],
      [() => ticket.apply({ type: "close_quickly" }, { at, actor: anna }), "type"],
      [() => ticket.apply({ minutes: 5 }, { at, actor: anna }), "type"],
      [() => ticket.apply("log_work", { at, actor: anna }), ""],
      [() => ticket.apply(undefined, { at, actor: anna }), "command"],
      [() => ticket.apply({ type: "log_work", minutes: 5, n: 10n }, { at, actor: anna }), "command"],
      [() => ticket.apply({ type: "log_work", minutes: 5 }, { actor: anna }), "at"],
      [() => ticket.apply({ type: "log_work", minutes: 5 }, { at: 1741000000000, actor: anna }), "at"],
      [() => ticket.apply({ type: "log_work", minutes: 5 }, { at }), "actor"],
      [() => ticket.apply({ type: "log_work", minutes: 5 }, { at, actor: { id: "x", role: "boss" } }), "actor.role"],
      [() => ticket.apply({ type: "log_work", minutes: 5 }, { at, actor: { role: "lead" } }), "actor.id"],
      [() => ticket.apply({ type: "log_work", minutes: 5 }, { at, actor: anna, expectedVersion: 1.5 }), "expectedVersion"],
      [() => ticket.apply({ type: "log_work", minutes: 5 }, { at, actor: anna, expectedVersion: "1" }), "expectedVersion"],
      [() => ticket.apply({ type: "log_work", minutes: 5 }, 42), ""],
      [() => ticket.whyBlocked("fly", at), "command"],
      [() => ticket.whyBlocked(7, at), "command"],
      [() => ticket.available("yesterday"), "at"],
      [() => Ticket.open({ ...newTicket, subject: undefined }, { at, actor: anna }), "subject"],
      [() => Ticket.open({ ...newTicket, id: "T 1" }, { at, actor: anna }), "id"],
      [() => Ticket.open({ ...newTicket, subject: " " }, { at, actor: anna }), "subject"],
      [() => Ticket.open(null, { at, actor: anna }), ""],
      [() => t.closingChecklist({}, undefined), "ticket"],
      [() => t.confirmationRequest(ticket, "yes"), "reminder"],
      [() => t.finalNotification(ticket, 5), "specialistName"],
    ];
    for (const [fn, field] of cases) {
      const e = thrown(fn);
      assert.ok(e instanceof InvalidInput, `${fn}: ${e}`);
      assert.equal(e.code, "invalid_input");
      assert.equal(e.field, field, `${fn}: ${e.message}`);
      assert.equal(typeof e.detail, "string");
      assert.equal(e.toJSON().message, e.detail);
    }
    assert.equal(ticket.version, 1);
  });

  test("version conflicts and a second open", () => {
    const ticket = ticketAt("worked");
    const seen = ticket.version;
    ticket.apply({ type: "log_work", minutes: 5 }, { at: "2025-03-03T09:10:00Z", actor: anna, expectedVersion: seen });
    const e = thrown(() =>
      ticket.apply({ type: "log_work", minutes: 7 }, { at: "2025-03-03T09:20:00Z", actor: anna, expectedVersion: seen }),
    );
    assert.ok(e instanceof VersionConflict);
    assert.deepEqual([e.expected, e.actual], [seen, seen + 1]);
    const again = thrown(() => ticket.apply({ type: "open", ...newTicket }, { at: "2025-03-03T09:30:00Z", actor: anna }));
    assert.ok(again instanceof AlreadyOpened);
    assert.equal(again.code, "already_opened");
  });

  test("event logs: schema, malformed JSON, invalid events with the event's error", () => {
    let e = thrown(() => Ticket.fromJSON({ schema_version: 2, events: [] }));
    assert.ok(e instanceof UnsupportedSchemaVersion && e instanceof LogError);
    assert.deepEqual([e.found, e.supported], [2, 1]);
    e = thrown(() => Ticket.fromJSON("{not json"));
    assert.ok(e instanceof MalformedLog);
    assert.equal(typeof e.path, "string");
    e = thrown(() => Ticket.fromJSON({ schema_version: 1, events: [] }));
    assert.ok(e instanceof EmptyLog);
    assert.equal(e.code, "empty_log");
    const log = ticketAt("verified").toJSON();
    log.events.splice(1, 0, { ...log.events[1], command: { type: "close", reason: "Решено", result: "Работает" } });
    log.events.forEach((ev, i) => (ev.seq = i + 1));
    e = thrown(() => Ticket.fromJSON(log));
    assert.ok(e instanceof InvalidEvent);
    assert.deepEqual([e.index, e.seq], [1, 2]);
    assert.ok(e.error instanceof TransitionRefused);
    assert.equal(e.cause, e.error);
    assert.equal(e.error.command, "close");
    assert.equal(e.toJSON().error.code, "refused");
  });

  test("templates and policies have their own errors", () => {
    const ticket = ticketAt("worked");
    const e = thrown(() => t.finalNotification(ticket, ""));
    assert.ok(e instanceof TemplateValueMissing);
    assert.equal(e.template, "final_notification");
    assert.ok(e.missing.includes("specialist_name"));
    const p = thrown(() => new Policy({ confirmation_wait_business_days: 5 }));
    assert.ok(p instanceof InvalidPolicy);
    assert.equal(p.field, "confirmation_wait_business_days");
    assert.ok(thrown(() => new Policy({ time_zone: "Mars/Olympus" })) instanceof InvalidPolicy);
    assert.ok(thrown(() => new Policy("{")) instanceof InvalidPolicy);
    assert.ok(thrown(() => ticket.available(openedAt, { locale: "de" })) instanceof InvalidPolicy);
  });
});

describe("times and dates", () => {
  test("a Date and an RFC 3339 string are the same instant; times come back as UTC strings", () => {
    const a = ticketAt();
    const b = ticketAt();
    const viaDate = a.apply({ type: "log_work", minutes: 5 }, { at: new Date(Date.UTC(2025, 2, 3, 7, 30)), actor: anna });
    const viaText = b.apply({ type: "log_work", minutes: 5 }, { at: "2025-03-03T10:30:00+03:00", actor: anna });
    assert.equal(viaDate.at, "2025-03-03T07:30:00Z");
    assert.equal(viaText.at, "2025-03-03T07:30:00Z");
    assert.ok(a.equals(b));
    assert.equal(new Date(a.state.updated_at).getTime(), Date.UTC(2025, 2, 3, 7, 30));
  });

  test("invalid instants are refused", () => {
    const ticket = ticketAt();
    for (const at of [new Date(NaN), new Date(8.64e15), "2025-03-03", "2025-03-03 07:00", "вчера", "", null, {}]) {
      const e = thrown(() => ticket.whyBlocked("close", at));
      assert.ok(e instanceof InvalidInput, String(at));
      assert.equal(e.field, "at");
    }
  });

  test("the CLS-S1 deadline is a time string from the core", () => {
    const ticket = ticketAt("reminded_friday");
    const from = ticket.markClosePossibleFrom();
    assert.match(from, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(new Date(from) > new Date("2025-03-07T09:00:00Z"));
    assert.equal(ticketAt("worked").markClosePossibleFrom(), undefined);
    // A shorter wait in the policy, a sooner deadline.
    assert.ok(new Date(ticket.markClosePossibleFrom({ confirmation_wait_business_days: 1 })) < new Date(from));
  });
});

describe("policy", () => {
  test("defaults come from the core, and a plain object works like a Policy", () => {
    const defaults = Policy.default().toJSON();
    assert.deepEqual(new Policy().toJSON(), defaults);
    assert.deepEqual(new Policy({}).toJSON(), defaults);
    assert.deepEqual(Policy.fromJSON(JSON.stringify(defaults)).toJSON(), defaults);
    const one = new Policy({ confirmation_wait_business_days: 1 });
    assert.equal(one.toJSON().confirmation_wait_business_days, 1);
    const ticket = ticketAt("reminded_friday");
    assert.equal(ticket.markClosePossibleFrom(one), ticket.markClosePossibleFrom({ confirmation_wait_business_days: 1 }));
    assert.deepEqual(one.calendar.years(), Calendar.russia().years());
  });

  test("a Calendar inside a policy object is written as its JSON", () => {
    const plain = new Policy({ calendar: Calendar.weekendsOnly() });
    assert.deepEqual(plain.toJSON().calendar, Calendar.weekendsOnly().toJSON());
    assert.equal(plain.calendar.isWorkingDay("2025-01-07"), true);
    assert.equal(Policy.default().calendar.isWorkingDay("2025-01-07"), false);
  });

  test("the English locale renders English texts", () => {
    const ticket = ticketAt("ready_to_close");
    assert.match(t.finalNotification(ticket, "Anna", { locale: "en" }), /^Hello, /);
    assert.match(t.finalNotification(ticket, "Анна"), /^Здравствуйте, /);
    assert.match(t.confirmationRequest(ticket, false), /T-10234/);
    assert.notEqual(t.confirmationRequest(ticket, true), t.confirmationRequest(ticket, false));
  });
});

describe("time zones (the build keeps Russia's, the CIS's, Etc/*, UTC)", () => {
  // Every zone of Russia, from Kaliningrad (UTC+2) to Kamchatka (UTC+12).
  const russia = [
    "Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk", "Asia/Novosibirsk",
    "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok", "Asia/Magadan", "Asia/Kamchatka",
  ];

  test("every Russian zone, the CIS's and UTC are there; the list is sorted", () => {
    const zones = t.timeZones();
    assert.deepEqual([...zones].sort(), zones);
    for (const zone of [...russia, "Europe/Minsk", "Europe/Kyiv", "Asia/Almaty", "Asia/Tashkent", "Asia/Tbilisi", "UTC", "Etc/GMT-3"]) {
      assert.ok(zones.includes(zone), zone);
      assert.equal(new Policy({ time_zone: zone }).toJSON().time_zone, zone);
    }
  });

  test("the zones are real: deadlines move with the zone's offset", () => {
    const cal = Calendar.weekendsOnly();
    // Friday 20:00 UTC: already Saturday in Vladivostok (UTC+10), still Friday in Moscow.
    const moscow = cal.businessDeadline("2025-03-07T20:00:00Z", 1, "Europe/Moscow");
    const vladivostok = cal.businessDeadline("2025-03-07T20:00:00Z", 1, "Asia/Vladivostok");
    assert.notEqual(moscow, vladivostok);
  });

  test("a zone outside the build is a clear error naming the filter", () => {
    for (const zone of ["America/New_York", "Europe/Berlin", "Asia/Tokyo"]) assert.ok(!t.timeZones().includes(zone), zone);
    const e = thrown(() => new Policy({ time_zone: "America/New_York" }));
    assert.ok(e instanceof InvalidPolicy);
    assert.equal(e.field, "time_zone");
    assert.match(e.message, /America\/New_York/);
    assert.match(e.message, /this WebAssembly build holds only some time zones .*timeZones\(\) lists them/);
    const d = thrown(() => Calendar.weekendsOnly().businessDeadline("2025-03-07T20:00:00Z", 1, "America/New_York"));
    assert.ok(d instanceof InvalidInput);
    assert.equal(d.field, "timeZone");
    assert.match(d.message, /holds only some time zones/);
    // A zone that is not a zone at all gets the same error.
    assert.equal(thrown(() => new Policy({ time_zone: "Mars/Olympus" })).field, "time_zone");
  });
});

describe("calendar", () => {
  test("business days from the bundled Russian calendar", () => {
    const ru = Calendar.russia();
    assert.equal(ru.dayKind("2025-01-07"), "holiday");
    assert.equal(ru.holidayName("2025-01-07"), "Рождество Христово");
    assert.equal(ru.holidayName("2025-03-04"), undefined);
    assert.equal(ru.dayKind(new Date(Date.UTC(2025, 4, 2))), "transferred_day_off");
    assert.equal(ru.addBusinessDays("2025-04-30", 1), "2025-05-05");
    assert.equal(ru.businessDaysBetween("2025-04-30", "2025-05-05"), 1);
    assert.equal(ru.nextWorkingDay("2025-05-01"), "2025-05-05");
    assert.equal(ru.businessDeadline("2025-12-30T07:00:00Z", 2, "Europe/Moscow"), "2026-01-13T07:00:00Z");
    assert.ok(ru.covers(2025) && !ru.covers(2027));
    assert.ok(ru.days().some((d) => d.date === "2025-01-07" && d.kind === "holiday"));
    assert.deepEqual(Calendar.fromJSON(ru.toJSON()).toJSON(), ru.toJSON());
    assert.deepEqual(Calendar.fromJSON(JSON.stringify(ru)).years(), ru.years());
  });

  test("bad calendars and bad arguments", () => {
    const ru = Calendar.russia();
    let e = thrown(() => Calendar.fromJSON({ years: [2028], days: [{ date: "2028-01-01" }] }));
    assert.ok(e instanceof CalendarMalformedJson && e instanceof CalendarError);
    assert.equal(e.path, "days[0].kind");
    e = thrown(() => Calendar.fromXmlcalendar("<calendar>"));
    assert.ok(e instanceof CalendarMalformedXml);
    assert.equal(typeof e.line, "number");
    for (const [fn, field] of [
      [() => ru.isWorkingDay("2025-02-30"), "date"],
      [() => ru.isWorkingDay(20250101), "date"],
      [() => ru.addBusinessDays("2025-01-01", -1), "n"],
      [() => ru.addBusinessDays("2025-01-01", 1.5), "n"],
      [() => ru.covers("2025"), "year"],
      [() => ru.businessDeadline("2025-12-30T07:00:00Z", 2, "Mars/Olympus"), "timeZone"],
      [() => ru.merge({}), "other"],
    ]) {
      const err = thrown(fn);
      assert.ok(err instanceof InvalidInput, String(fn));
      assert.equal(err.field, field);
    }
    // Far dates do not trap.
    assert.equal(typeof ru.addBusinessDays("2025-01-01", 2 ** 32 - 1), "string");
  });
});

describe("tickets", () => {
  test("state and history are fresh plain copies", () => {
    const ticket = ticketAt("worked");
    const state = ticket.state;
    state.messages.length = 0;
    state.status = "closed";
    assert.equal(ticket.state.messages.length, 1);
    assert.equal(ticket.status, "in_work");
    assert.equal(ticket.history.length, ticket.version);
    assert.equal(ticket.id, "T-10234");
  });

  test("can, check, whyBlocked and available agree", () => {
    const ticket = ticketAt("ready_to_close");
    const at = "2025-03-04T07:20:00Z";
    const close = { type: "close", reason: "Проблема решена", result: "Проезд восстановлен" };
    assert.equal(ticket.can(close, { at, actor: anna }), true);
    assert.equal(ticket.can("close", { at }), true);
    assert.equal(ticket.check(close, { at, actor: anna }), undefined);
    assert.deepEqual(ticket.whyBlocked("close", at), []);
    assert.equal(ticket.can({ ...close, reason: "" }, { at, actor: anna }), false);
    assert.ok(thrown(() => ticket.check({ ...close, reason: "" }, { at, actor: anna })) instanceof TransitionRefused);
    const list = ticket.available(at);
    assert.ok(list.find((a) => a.command === "close").allowed);
    assert.deepEqual(list.find((a) => a.command === "reopen"), undefined);
    ticket.apply(close, { at, actor: anna });
    assert.equal(ticket.status, "closed");
    assert.deepEqual(ticket.available(at).map((a) => a.command), ["reopen"]);
  });

  test("event logs round-trip through JSON.stringify, text and events", () => {
    const ticket = ticketAt("closed");
    assert.ok(Ticket.fromJSON(JSON.stringify(ticket)).equals(ticket));
    assert.ok(Ticket.fromJSON(ticket.toJSONString()).equals(ticket));
    assert.ok(Ticket.fromJSON(ticket.toJSON()).equals(ticket));
    assert.ok(Ticket.fromEvents(ticket.history).equals(ticket));
    assert.ok(ticket.clone().equals(ticket));
    assert.ok(!ticketAt("worked").equals(ticket));
  });

  test("the constructor is not public", () => {
    assert.throws(() => new Ticket(), TypeError);
    assert.throws(() => new Calendar(), TypeError);
  });
});

describe("tables", () => {
  const dts = readFileSync(new URL("../npm/index.d.ts", import.meta.url), "utf8");
  const union = (name) => {
    const m = dts.match(new RegExp(`export type ${name} =([^;]+);`));
    assert.ok(m, name);
    return [...m[1].matchAll(/"([a-z_]+)"/g)].map((x) => x[1]);
  };

  test("the types name every command and status of the core, in order", () => {
    assert.deepEqual(union("CommandName"), t.transitions().map((r) => r.command));
    assert.deepEqual(union("Status"), t.statuses().map((s) => s.status));
  });

  test("the types have no `any`", () => {
    assert.doesNotMatch(dts.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, ""), /\bany\b/);
  });

  test("transitions, statuses and the diagram come from the core's table", () => {
    const rows = t.transitions();
    const close = rows.find((r) => r.command === "close");
    assert.deepEqual(close.from, ["confirmed"]);
    assert.deepEqual(close.to, { status: "closed" });
    assert.ok(close.rules.includes("CLS-R2"));
    assert.equal(rows.find((r) => r.command === "log_work").to, "same");
    assert.equal(t.statuses().find((s) => s.status === "closed").open, false);
    const diagram = t.mermaidDiagram();
    assert.match(diagram, /^stateDiagram-v2/);
    assert.match(diagram, /confirmed --> closed : close/);
  });

  test("the closing checklist is the core's CLS-CHK", () => {
    const list = t.closingChecklist(ticketAt("worked"));
    assert.equal(list.length, 8);
    assert.equal(list[0].key, "solved_and_verified");
    assert.equal(list[0].title_ru, "Проблема полностью решена и проверена");
    assert.ok(list.every((i) => ["done", "pending", "not_applicable"].includes(i.status)));
  });
});

describe("memory", () => {
  test("a freed object says so; free twice and Symbol.dispose are harmless", () => {
    for (const make of [() => ticketAt(), () => Policy.default(), () => Calendar.russia()]) {
      const obj = make();
      obj.free();
      obj.free();
      const e = thrown(() => obj.toJSON());
      assert.ok(e instanceof TicketryError);
      assert.equal(e.code, "freed");
      const other = make();
      other[Symbol.dispose]();
      assert.equal(thrown(() => other.toJSON()).code, "freed");
    }
    const ticket = ticketAt();
    const freed = ticketAt();
    freed.free();
    assert.equal(thrown(() => t.closingChecklist(freed)).code, "freed");
    assert.equal(thrown(() => ticket.equals(freed)).code, "freed");
    assert.equal(thrown(() => ticket.available(openedAt, (() => { const p = Policy.default(); p.free(); return p; })())).code, "freed");
  });

  const memory = () => initSync().memory.buffer.byteLength;

  test("free() gives the memory back: opening and freeing does not grow it", () => {
    const round = () => {
      for (let i = 0; i < 300; i++) ticketAt("worked").free();
    };
    round();
    const after = memory();
    for (let k = 0; k < 10; k++) round();
    assert.equal(memory(), after);
  });

  test("unfreed tickets are released when garbage-collected (FinalizationRegistry)", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc");
    const round = async () => {
      for (let i = 0; i < 300; i++) ticketAt("worked");
      gc();
      await new Promise((r) => setTimeout(r, 10));
      gc();
      await new Promise((r) => setTimeout(r, 10));
    };
    for (let k = 0; k < 3; k++) await round();
    const after = memory();
    for (let k = 0; k < 10; k++) await round();
    assert.equal(memory(), after);
  });
});

test("the README's examples run", async () => {
  const readme = readFileSync(new URL("../npm/README.md", import.meta.url), "utf8");
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.equal(blocks.length, 3);
  const run = async (code) => {
    const logged = [];
    const log = console.log;
    console.log = (...args) => logged.push(args);
    try {
      const module = code.replace('from "ticketry"', `from ${JSON.stringify(new URL("../pkg/node.js", import.meta.url).href)}`);
      await import(`data:text/javascript,${encodeURIComponent(module)}`);
    } finally {
      console.log = log;
    }
    return logged;
  };
  const closing = await run(blocks[0]);
  assert.equal(closing[0][0], "CLS-7");
  assert.ok(closing.some(([rule, message]) => rule === "CLS-R2" && message === "Клиент не подтвердил решение"));
  // What the archive example prints is what its comments say.
  const repeat = await run(blocks[1]);
  assert.deepEqual(repeat, [[["T-900"]], [["T-900", "T-950"]], ["remind_earlier_solution"], [["T-900", "T-950"]]]);
  // The detection example prints what its comments say.
  const detection = await run(blocks[2]);
  assert.deepEqual(detection[0].filter((_, i) => i !== 2), ["likely_repeat", "T-10101", "same_problem"]);
  assert.equal(detection[1][0], true);
  assert.ok(detection[1][1].includes("открываеться"), "the typo as typed is a shared term");
  assert.equal(detection[1][2], "обращении №10101");
  assert.deepEqual(detection[2], ["T-10234"]);
  assert.notEqual(detection[3][0], "likely_repeat", "a stricter likely_threshold");
});
