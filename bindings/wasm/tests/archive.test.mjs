// The archive and the repeat workflow from JavaScript: links checked against
// the archive, history queries, JSON Lines, errors, copies and memory.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import * as t from "../pkg/node.js";
import { initSync } from "../pkg/ticketry.js";

const {
  Archive, Ticket, Policy, TicketryError, ArchiveError, DuplicateTicket, UnknownTicket, InvalidInput, InvalidPolicy,
  TransitionRefused, VersionConflict, LogError, MalformedLog, InvalidEvent, TemplateValueMissing,
} = t;

const anna = { id: "anna", role: "specialist", name: "Анна Смирнова" };
const opening = (id, client = "zhk-severny") => ({
  id,
  client_id: client,
  contact_name: "Ирина Петрова",
  product: "PASS24 Шлагбаум",
  subject: `Не открывается шлагбаум (${id})`,
  description: "Шлагбаум не реагирует на пропуска",
  priority: "high",
});
const day = (d, h = 9) => `2025-03-${String(d).padStart(2, "0")}T${String(h).padStart(2, "0")}:00:00Z`;
const act = (at) => ({ at, actor: anna });
const decide = { type: "record_repeat_decision", decision: "repeat", checked: ["client_history"], reason: "Клиент пишет снова" };
const repeatOf = (target, repeat_type = "same_problem") => ({
  type: "link_ticket", target, kind: "repeat_of", repeat_type, comment: "Снова не открывается шлагбаум",
});

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("expected an error");
}

/**
 * T-1 (zhk-severny, 1 March), T-2 (bc-vostok, 2 March), T-3 (zhk-severny,
 * 3 March, a repeat of T-1), T-4 (zhk-severny, 4 March, a repeat of T-3).
 */
function sample() {
  const archive = new Archive();
  archive.open(opening("T-1"), act(day(1))).free();
  archive.open(opening("T-2", "bc-vostok"), act(day(2))).free();
  archive.open(opening("T-3"), act(day(3))).free();
  archive.apply("T-3", decide, act(day(3, 10)));
  archive.apply("T-3", repeatOf("T-1"), act(day(3, 11)));
  archive.open(opening("T-4"), act(day(4))).free();
  archive.apply("T-4", decide, act(day(4, 10)));
  archive.apply("T-4", repeatOf("T-3", "not_fully_resolved"), act(day(4, 11)));
  return archive;
}

describe("archive: tickets in and out", () => {
  test("open, size, ids, has, get and iteration in the order of adding", () => {
    const archive = sample();
    assert.equal(archive.size, 4);
    assert.deepEqual(archive.ids(), ["T-1", "T-2", "T-3", "T-4"]);
    assert.ok(archive.has("T-2") && !archive.has("T-9"));
    const t3 = archive.get("T-3");
    assert.ok(t3 instanceof Ticket);
    assert.equal(t3.version, 3);
    assert.deepEqual(t3.state.links.map((l) => [l.target, l.kind, l.repeat_type]), [["T-1", "repeat_of", "same_problem"]]);
    assert.equal(archive.get("T-9"), undefined);
    assert.deepEqual([...archive].map((tk) => tk.id), archive.ids());
    archive.free();
  });

  test("get gives a copy: changing it does not change the archive", () => {
    const archive = sample();
    const copy = archive.get("T-2");
    copy.apply({ type: "log_work", minutes: 10, note: "" }, act(day(2, 10)));
    assert.equal(copy.version, 2);
    assert.equal(archive.get("T-2").version, 1);
    // …and the archive's changes do not reach the copy either.
    archive.apply("T-2", { type: "log_work", minutes: 5, note: "" }, act(day(2, 11)));
    assert.equal(archive.get("T-2").state.work_log[0].minutes, 5);
    assert.equal(copy.state.work_log[0].minutes, 10);
    archive.free();
  });

  test("fromTickets and insert take copies; a duplicate id is refused", () => {
    const lone = Ticket.open(opening("T-7"), act(day(1)));
    const archive = Archive.fromTickets([lone]);
    lone.apply({ type: "log_work", minutes: 10, note: "" }, act(day(1, 10)));
    assert.equal(archive.get("T-7").version, 1);
    const e = thrown(() => archive.insert(lone));
    assert.ok(e instanceof DuplicateTicket && e instanceof ArchiveError && e instanceof TicketryError);
    assert.equal(e.code, "duplicate_ticket");
    assert.equal(e.id, "T-7");
    assert.equal(e.message, "the archive already holds ticket T-7");
    assert.deepEqual(e.toJSON(), { code: "duplicate_ticket", id: "T-7" });
    assert.ok(thrown(() => archive.open(opening("T-7"), act(day(2)))) instanceof DuplicateTicket);
    assert.ok(thrown(() => Archive.fromTickets([lone, lone.clone()])) instanceof DuplicateTicket);
    assert.equal(archive.insert(Ticket.open(opening("T-8"), act(day(1)))), archive);
    assert.deepEqual(archive.ids(), ["T-7", "T-8"]);
    archive.free();
  });

  test("apply through the archive: the event, expectedVersion, unknown ids", () => {
    const archive = sample();
    const event = archive.apply("T-2", { type: "log_work", minutes: 30, note: "Проверка" }, act(day(2, 10)));
    assert.equal(event.seq, 2);
    assert.equal(event.command.type, "log_work");
    const conflict = thrown(() => archive.apply("T-2", { type: "log_work", minutes: 5 }, { ...act(day(2, 11)), expectedVersion: 1 }));
    assert.ok(conflict instanceof VersionConflict);
    assert.deepEqual([conflict.expected, conflict.actual], [1, 2]);
    archive.apply("T-2", { type: "log_work", minutes: 5 }, { ...act(day(2, 11)), expectedVersion: 2 });
    const unknown = thrown(() => archive.apply("T-404", { type: "log_work", minutes: 5 }, act(day(2, 11))));
    assert.ok(unknown instanceof UnknownTicket);
    assert.equal(unknown.code, "unknown_ticket");
    assert.equal(unknown.id, "T-404");
    assert.deepEqual(archive.ids(), ["T-1", "T-2", "T-3", "T-4"]);
    archive.free();
  });
});

describe("archive: links are checked against it (REP-3)", () => {
  test("a link to a ticket the archive does not hold is refused, and changes nothing", () => {
    const archive = sample();
    const before = archive.get("T-4");
    const e = thrown(() => archive.apply("T-4", repeatOf("T-404"), act(day(4, 12))));
    assert.ok(e instanceof TransitionRefused);
    assert.equal(e.command, "link_ticket");
    assert.ok(e.unmet.some((u) => u.code === "unknown_ticket" && u.rule === "REP-3"), JSON.stringify(e.unmet));
    assert.ok(archive.get("T-4").equals(before));
    archive.free();
  });

  test("a link to a later ticket is refused; the same link on a lone ticket is refused too (no directory)", () => {
    const archive = sample();
    const e = thrown(() => archive.apply("T-1", { type: "link_ticket", target: "T-4", kind: "related_to", comment: "x" }, act(day(5))));
    assert.ok(e instanceof TransitionRefused);
    assert.deepEqual(e.unmet.map((u) => [u.rule, u.code, u.field]), [["REP-3", "later_ticket", "target"]]);
    const lone = archive.get("T-2");
    assert.ok(thrown(() => lone.apply({ type: "link_ticket", target: "T-1", kind: "related_to", comment: "x" }, act(day(5)))) instanceof TransitionRefused);
    // Through the archive, the earlier T-1 is known: the link is accepted.
    archive.apply("T-2", { type: "link_ticket", target: "T-1", kind: "related_to", comment: "x" }, act(day(5)));
    assert.deepEqual(archive.linkedFrom("T-1"), ["T-2", "T-3"]);
    archive.free();
  });
});

describe("archive: history (REP-1), repeat chains, dangling links", () => {
  test("client history, earlier tickets, linked from, repeat chain", () => {
    const archive = sample();
    assert.deepEqual(archive.clientHistory("zhk-severny"), ["T-1", "T-3", "T-4"]);
    assert.deepEqual(archive.clientHistory("bc-vostok"), ["T-2"]);
    assert.deepEqual(archive.earlierClientTickets("T-4"), ["T-3", "T-1"]);
    assert.deepEqual(archive.earlierClientTickets("T-1"), []);
    assert.deepEqual(archive.linkedFrom("T-1"), ["T-3"]);
    assert.deepEqual(archive.linkedFrom("T-3"), ["T-4"]);
    for (const id of ["T-1", "T-3", "T-4"]) assert.deepEqual(archive.repeatChain(id), ["T-1", "T-3", "T-4"]);
    assert.deepEqual(archive.repeatChain("T-2"), ["T-2"]);
    archive.free();
  });

  test("ids the archive does not hold give empty answers, not errors", () => {
    const archive = sample();
    assert.deepEqual(archive.earlierClientTickets("T-404"), []);
    assert.deepEqual(archive.repeatChain("T-404"), []);
    assert.deepEqual(archive.linkedFrom("T-404"), []);
    assert.deepEqual(archive.clientHistory("nobody"), []);
    assert.equal(archive.chronicProblemOf("T-404", day(5)), null);
    archive.free();
  });

  test("a ticket inserted without the ticket it links to has a dangling link", () => {
    const archive = sample();
    assert.deepEqual(archive.danglingLinks(), []);
    const partial = Archive.fromTickets([archive.get("T-4")]);
    assert.deepEqual(partial.danglingLinks(), [{ ticket: "T-4", target: "T-3" }]);
    assert.deepEqual(partial.repeatChain("T-4"), ["T-4"]);
    partial.free();
    archive.free();
  });
});

describe("archive: REP-S1 and REP-S2 with the policy's thresholds", () => {
  test("a chain of three same-problem tickets is chronic by default; the threshold is the policy's", () => {
    const archive = sample();
    const [problem, ...rest] = archive.chronicProblems(day(5));
    assert.deepEqual(rest, []);
    assert.deepEqual(problem.tickets, ["T-1", "T-3", "T-4"]);
    assert.deepEqual(problem.escalation.tasks, t.escalationTasks().map((x) => x.name));
    assert.equal(problem.escalation.rechecks.length, Policy.default().toJSON().repeat.recheck_count);
    assert.deepEqual(archive.chronicProblemOf("T-3", day(5)), problem);
    assert.equal(archive.chronicProblemOf("T-2", day(5)), null);
    const strict = new Policy({ repeat: { chronic_min_tickets: 4 } });
    assert.deepEqual(archive.chronicProblems(day(5), strict), []);
    assert.deepEqual(archive.chronicProblems(day(5), { repeat: { chronic_min_tickets: 4 } }), []);
    const bad = thrown(() => archive.chronicProblems(day(5), { repeat: { chronic_min_tickets: 0 } }));
    assert.ok(bad instanceof InvalidPolicy);
    assert.equal(bad.field, "repeat.chronic_min_tickets");
    strict.free();
    archive.free();
  });

  test("clients not applying solutions: none until causes are determined", () => {
    const archive = sample();
    assert.deepEqual(archive.clientsNotApplyingSolutions(day(5)), []);
    for (const id of ["T-3", "T-4"]) {
      archive.apply(id, { type: "determine_cause", cause: "not_applied", explanation: "Не перезапустили контроллер" }, act(day(4, 15)));
    }
    const [client] = archive.clientsNotApplyingSolutions(day(5));
    assert.equal(client.client_id, "zhk-severny");
    assert.deepEqual(client.tickets, ["T-3", "T-4"]);
    assert.deepEqual(client.actions, t.supportActions().map((x) => x.name));
    assert.deepEqual(archive.clientsNotApplyingSolutions(day(5), { repeat: { not_applying_min_tickets: 3 } }), []);
    archive.free();
  });
});

describe("archive: JSON Lines", () => {
  test("round trip: equal tickets in the same order; blank lines are skipped", () => {
    const archive = sample();
    const text = archive.toJSONLines();
    assert.equal(text.split("\n").filter(Boolean).length, 4);
    const back = Archive.fromJSONLines(`\n${text.replace("\n", "\n\n   \n")}\n`);
    assert.deepEqual(back.ids(), archive.ids());
    for (const id of archive.ids()) assert.ok(back.get(id).equals(archive.get(id)), id);
    assert.deepEqual(back.repeatChain("T-4"), archive.repeatChain("T-4"));
    assert.equal(back.toJSONLines(), text);
    assert.equal(Archive.fromJSONLines("").size, 0);
    back.free();
    archive.free();
  });

  test("a bad line is named: its number, in the error and in its message", () => {
    const lines = sample().toJSONLines().trimEnd().split("\n");
    const bad = [...lines.slice(0, 2), "{not json", ...lines.slice(2)].join("\n");
    const e = thrown(() => Archive.fromJSONLines(bad));
    assert.ok(e instanceof MalformedLog && e instanceof LogError);
    assert.equal(e.line, 3);
    assert.match(e.message, /^line 3: /);
    assert.equal(e.toJSON().line, 3);
    // The line counts blank lines too.
    assert.equal(thrown(() => Archive.fromJSONLines(`\n\n${lines[0]}\n{}`)).line, 4);
  });

  test("an event the rules refuse on replay: InvalidEvent with the line and the event's own error", () => {
    const lines = sample().toJSONLines().trimEnd().split("\n");
    const log = JSON.parse(lines[2]);
    const last = log.events.at(-1);
    log.events.push({ ...last, seq: last.seq + 1, command: { type: "close", reason: "Решено", result: "Работает" } });
    const e = thrown(() => Archive.fromJSONLines([lines[0], lines[1], JSON.stringify(log)].join("\n")));
    assert.ok(e instanceof InvalidEvent && e instanceof LogError, e.name);
    assert.equal(e.line, 3);
    assert.equal(e.seq, last.seq + 1);
    assert.ok(e.error instanceof TransitionRefused);
    assert.equal(e.cause, e.error);
    assert.match(e.message, /^line 3: /);
    // A malformed command is a MalformedLog naming the path, on its line.
    log.events.at(-1).command = { type: "close" };
    const m = thrown(() => Archive.fromJSONLines([lines[0], JSON.stringify(log)].join("\n")));
    assert.ok(m instanceof MalformedLog);
    assert.equal(m.line, 2);
    assert.match(m.path, /^events\[\d+\]\.command/);
  });

  test("a ticket twice in the text is a DuplicateTicket", () => {
    const lines = sample().toJSONLines().trimEnd().split("\n");
    const e = thrown(() => Archive.fromJSONLines([lines[0], lines[1], lines[0]].join("\n")));
    assert.ok(e instanceof DuplicateTicket);
    assert.equal(e.id, "T-1");
  });
});

describe("archive: bad input", () => {
  const archive = sample();
  test("ids must be non-empty strings without spaces", () => {
    for (const id of [undefined, null, 42, {}, "", "  ", "T 1", "x".repeat(129)]) {
      for (const call of [() => archive.get(id), () => archive.has(id), () => archive.repeatChain(id), () => archive.apply(id, decide, act(day(5)))]) {
        const e = thrown(call);
        assert.ok(e instanceof InvalidInput, `${String(id)}: ${e}`);
        assert.equal(e.field, "id");
      }
    }
    assert.equal(thrown(() => archive.clientHistory(7)).field, "clientId");
  });

  test("malformed commands, options, tickets and texts", () => {
    assert.equal(thrown(() => archive.apply("T-2", { type: "log_work", minutes: -5 }, act(day(5)))).code, "invalid_input");
    assert.equal(thrown(() => archive.apply("T-2", { type: "teleport" }, act(day(5)))).code, "invalid_input");
    assert.equal(thrown(() => archive.apply("T-2", decide, { at: "yesterday", actor: anna })).field, "at");
    assert.equal(thrown(() => archive.apply("T-2", decide, { at: day(5), actor: { id: "x", role: "boss" } })).field, "actor.role");
    assert.equal(thrown(() => archive.apply("T-2", decide, { ...act(day(5)), expectedVersion: -1 })).field, "expectedVersion");
    assert.equal(thrown(() => archive.open({ ...opening("T-10"), id: "" }, act(day(5)))).code, "invalid_input");
    assert.equal(thrown(() => archive.insert({ id: "T-11" })).field, "ticket");
    assert.equal(thrown(() => Archive.fromTickets(42)).field, "tickets");
    assert.equal(thrown(() => Archive.fromTickets([archive.get("T-1"), "T-2"])).field, "tickets[1]");
    assert.equal(thrown(() => Archive.fromJSONLines(42)).field, "jsonLines");
    assert.equal(thrown(() => archive.chronicProblems("soon")).field, "at");
    assert.equal(archive.size, 4);
  });
});

describe("repeat workflow helpers", () => {
  test("the enums come with labels and rules, in the regulation's order", () => {
    const lists = {
      repeatTypes: t.repeatTypes(), recurrenceCauses: t.recurrenceCauses(), repeatActions: t.repeatActions(),
      historyChecks: t.historyChecks(), typicalErrors: t.typicalErrors(), escalationTasks: t.escalationTasks(),
      supportActions: t.supportActions(),
    };
    for (const [name, list] of Object.entries(lists)) {
      assert.ok(list.length > 0, name);
      assert.equal(new Set(list.map((x) => x.name)).size, list.length, name);
      for (const x of list) {
        assert.match(x.name, /^[a-z_]+$/, name);
        assert.ok(x.label_en.length > 0 && /[а-яё]/i.test(x.label_ru), `${name}.${x.name}`);
        assert.match(x.rule, /^REP-/, `${name}.${x.name}`);
      }
    }
    assert.deepEqual(lists.repeatTypes.map((x) => x.rule), ["REP-T1", "REP-T2", "REP-T3", "REP-T4"]);
    assert.ok(lists.typicalErrors.every((x) => /[а-яё]/i.test(x.cause_ru) && /[а-яё]/i.test(x.remedy_ru)));
  });

  test("REP-5: an action for every determined cause, none before", () => {
    const actions = t.repeatActions().map((a) => a.name);
    for (const cause of t.recurrenceCauses()) {
      const action = t.recommendedAction(cause.name);
      if (cause.known) assert.ok(actions.includes(action), `${cause.name} → ${action}`);
      else assert.equal(action, null);
    }
    assert.equal(thrown(() => t.recommendedAction("bad_luck")).field, "cause");
  });

  test("REP-ERR: the REP items of a refused close are typical errors; CLS items are not", () => {
    const archive = sample();
    const ticket = archive.get("T-4");
    const unmet = ticket.whyBlocked("close", day(5));
    const named = unmet.map((u) => [u.rule, t.typicalError(u)]);
    const names = t.typicalErrors().map((x) => x.name);
    assert.ok(named.some(([, e]) => e !== null), JSON.stringify(named));
    for (const [rule, e] of named) {
      if (e !== null) assert.ok(names.includes(e) && rule.startsWith("REP-"), `${rule} → ${e}`);
    }
    assert.equal(t.typicalError({ ...unmet[0], rule: "CLS-R1", code: "not_verified" }), null);
    assert.equal(thrown(() => t.typicalError({ rule: "REP-3" })).code, "invalid_input");
    archive.free();
  });

  test("REP-TPL names what is missing; REP-CHK lists the repeat items", () => {
    const archive = sample();
    const ticket = archive.get("T-4");
    const e = thrown(() => t.repeatReply(ticket, "Анна Смирнова"));
    assert.ok(e instanceof TemplateValueMissing);
    assert.equal(e.template, "repeat_reply");
    assert.ok(e.missing.includes("analysis") && !e.missing.includes("earlier_ids"), JSON.stringify(e.missing));
    const items = t.repeatChecklist(ticket);
    assert.ok(items.length > 0 && items.every((i) => i.rule.startsWith("REP-")));
    assert.ok(items.some((i) => i.status === "done") && items.some((i) => i.status === "pending"));
    assert.deepEqual(t.repeatChecklist(ticket, { locale: "en" }).map((i) => i.key), items.map((i) => i.key));
    archive.free();
  });
});

describe("archive: memory", () => {
  test("a freed archive says so; free twice and Symbol.dispose are harmless; its tickets stay usable", () => {
    const archive = sample();
    const ticket = archive.get("T-3");
    archive.free();
    archive.free();
    for (const call of [() => archive.size, () => archive.get("T-1"), () => archive.toJSONLines(), () => [...archive]]) {
      const e = thrown(call);
      assert.ok(e instanceof TicketryError);
      assert.equal(e.code, "freed");
    }
    assert.equal(ticket.status, "in_work");
    const other = sample();
    other[Symbol.dispose]();
    assert.equal(thrown(() => other.ids()).code, "freed");
    const freedTicket = Ticket.open(opening("T-5"), act(day(1)));
    freedTicket.free();
    const third = sample();
    assert.equal(thrown(() => third.insert(freedTicket)).code, "freed");
    third.free();
  });

  const memory = () => initSync().memory.buffer.byteLength;

  test("free() gives the memory back: building and freeing archives does not grow it", () => {
    const round = () => {
      for (let i = 0; i < 40; i++) {
        const archive = sample();
        archive.get("T-4").free();
        Archive.fromJSONLines(archive.toJSONLines()).free();
        archive.free();
      }
    };
    round();
    const after = memory();
    for (let k = 0; k < 10; k++) round();
    assert.equal(memory(), after);
  });

  test("unfreed archives and tickets they gave out are released when garbage-collected", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc");
    const round = async () => {
      for (let i = 0; i < 40; i++) [...sample()];
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
