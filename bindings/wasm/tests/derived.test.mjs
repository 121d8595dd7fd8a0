// The values the core derives from a ticket (TicketState's methods,
// DetectionDoc/DetectionQuery::from_ticket, DetectionQuery::from_new,
// RecordRepeatAnalysis::from_earlier), against values the core computes for
// the conformance fixtures (closing.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Archive, Detector, InvalidInput, Ticket, detectionQuery } from "../pkg/node.js";

const conformance = JSON.parse(readFileSync(new URL("../../../conformance/closing.json", import.meta.url), "utf8"));
const anna = conformance.defaults.actor;
const newTicket = conformance.defaults.open;
const openedAt = conformance.defaults.opened_at;
const steps = (name) => {
  const f = conformance.fixtures[name];
  return [...(f.extends ? steps(f.extends) : []), ...f.steps];
};
const ticketAt = (fixture) => {
  const ticket = Ticket.open(newTicket, { at: openedAt, actor: anna });
  for (const s of fixture ? steps(fixture) : []) ticket.apply(s.command, { at: s.at, actor: anna });
  return ticket;
};
const documentation = steps("ready_to_close").find((s) => s.command.type === "record_documentation").command;

test("a fresh ticket: nothing logged, nothing resolved", () => {
  const t = ticketAt();
  assert.equal(t.handlingMinutes, 0);
  assert.equal(t.reopenCount, 0);
  assert.equal(t.timeToResolveMs, null);
  assert.equal(t.isRepeat, false);
  assert.deepEqual(t.repeatsOf, []);
  assert.equal(t.hasCommunication, false);
  assert.deepEqual(t.unansweredQuestions, []);
  assert.equal(t.documentation, null);
  t.apply({ type: "record_question", text: "Нужно ли заново выдавать пропуска?" }, { at: "2025-03-03T08:00:00Z", actor: anna });
  assert.deepEqual(t.unansweredQuestions.map((q) => [q.id, q.text]), [[1, "Нужно ли заново выдавать пропуска?"]]);
});

test("a closed ticket: the core's handling time, time to resolve, documentation and outcome", () => {
  const t = ticketAt("closed");
  assert.equal(t.handlingMinutes, 45);
  assert.equal(t.reopenCount, 0);
  assert.equal(t.timeToResolveMs, 4 * 3600 * 1000); // opened 06:00, verified 10:00
  assert.equal(t.hasCommunication, true);
  assert.deepEqual(t.unansweredQuestions, []);
  const { type, ...doc } = documentation;
  assert.equal(type, "record_documentation");
  assert.deepEqual(t.documentation, doc);
  assert.deepEqual(t.detectionDoc(), {
    id: "T-10234", client_id: newTicket.client_id, product: newTicket.product, opened_at: openedAt,
    subject: newTicket.subject, description: newTicket.description, outcome: "solved",
  });
  assert.deepEqual(t.detectionQuery(), {
    id: "T-10234", client_id: newTicket.client_id, product: newTicket.product, opened_at: openedAt,
    subject: newTicket.subject, description: newTicket.description,
  });
  assert.equal(ticketAt("worked").detectionDoc().outcome, "open");
  assert.deepEqual(t.repeatAnalysis(), {
    type: "record_repeat_analysis", earlier: "T-10234", problem_description: doc.problem_description,
    applied_solution: doc.applied_solution, result: "Проезд по пропускам восстановлен", time_to_resolve_minutes: 240,
    cause: "not_yet_known", notes: "", earlier_opened_at: openedAt,
  });
  // Without documentation the problem is the subject and description.
  const open = ticketAt("worked").repeatAnalysis();
  assert.equal(open.problem_description, `${newTicket.subject}. ${newTicket.description}`);
  assert.equal(open.applied_solution, "");
  assert.equal("time_to_resolve_minutes" in open, false);
});

test("a repeat: isRepeat and repeatsOf, and the analysis a later ticket applies", () => {
  const archive = new Archive();
  archive.insert(ticketAt("closed"));
  const later = { ...newTicket, id: "T-10300" };
  archive.open(later, { at: "2025-03-10T06:00:00Z", actor: anna }).free();
  const at = "2025-03-10T07:00:00Z";
  archive.apply("T-10300", { type: "record_repeat_decision", decision: "repeat", checked: ["client_history"] }, { at, actor: anna });
  archive.apply("T-10300", { type: "link_ticket", target: "T-10234", kind: "repeat_of", repeat_type: "same_problem",
    comment: "Снова не открывается шлагбаум" }, { at, actor: anna });
  const t = archive.get("T-10300");
  assert.equal(t.isRepeat, true);
  assert.deepEqual(t.repeatsOf.map((l) => [l.target, l.kind]), [["T-10234", "repeat_of"]]);
  assert.equal(archive.get("T-10234").isRepeat, false);
  const analysis = archive.get("T-10234").repeatAnalysis();
  archive.apply("T-10300", analysis, { at, actor: anna });
  assert.equal(JSON.stringify(archive.get("T-10300").state.repeat).includes("T-10234"), true);
  archive.free();
});

test("detectionQuery(newTicket, at) is the core's DetectionQuery::from_new", () => {
  const q = detectionQuery(newTicket, new Date("2025-03-10T06:00:00Z"));
  assert.deepEqual(q, {
    id: "T-10234", client_id: newTicket.client_id, product: newTicket.product, opened_at: "2025-03-10T06:00:00Z",
    subject: newTicket.subject, description: newTicket.description,
  });
  // The new ticket is checked and normalised by the core.
  assert.equal(detectionQuery({ ...newTicket, id: "  T-1  " }, "2025-03-10T06:00:00Z").id, "T-1");
  assert.throws(() => detectionQuery({ ...newTicket, id: "" }, "2025-03-10T06:00:00Z"), InvalidInput);
  assert.throws(() => detectionQuery(newTicket, "вчера"), (e) => e instanceof InvalidInput && e.field === "at");
  // A document and a query of tickets go into and out of a Detector.
  const detector = Detector.fromDocs([ticketAt("closed").detectionDoc()]);
  assert.equal(detector.size, 1);
  assert.deepEqual(detector.detect(ticketAt().detectionQuery()).candidates, []); // itself, not earlier
  detector.free();
});
