// The core's fixed limits and small helpers, checked against what the core
// does with them (so a value here that drifted from the core fails).
import { test } from "node:test";
import assert from "node:assert/strict";
import { InvalidInput, InvalidPolicy, Policy, Ticket, limits, outcomes } from "../pkg/node.js";

test("limits() are the bounds the core enforces: max id length, CLS-S1 wait range, log schema", () => {
  const l = limits();
  assert.deepEqual(Object.keys(l).sort(), ["confirmation_wait_days", "max_id_chars", "schema_version"]);
  const [min, max] = l.confirmation_wait_days;
  // CLS-S1: every day inside the range is a valid policy, the days just outside are refused by field
  for (let d = min; d <= max; d += 1) {
    assert.equal(new Policy({ confirmation_wait_business_days: d }).toJSON().confirmation_wait_business_days, d);
  }
  for (const d of [min - 1, max + 1]) {
    assert.throws(() => new Policy({ confirmation_wait_business_days: d }),
      (e) => e instanceof InvalidPolicy && e.field === "confirmation_wait_business_days");
  }
  // an id of max_id_chars is accepted, one more character is an InvalidInput naming the id
  const open = (id) => Ticket.open(
    { id, client_id: "c-1", contact_name: "Ирина Петрова", subject: "Не открывается шлагбаум", description: "Шлагбаум не открывается", product: "PASS24", priority: "high" },
    { at: "2025-03-03T07:00:00Z", actor: { id: "anna", role: "specialist", name: "Анна" } },
  );
  assert.equal(open("T".repeat(l.max_id_chars)).id, "T".repeat(l.max_id_chars));
  assert.throws(() => open("T".repeat(l.max_id_chars + 1)), (e) => e instanceof InvalidInput && /id/.test(e.field));
  // the logs the package writes carry the schema version
  const t = open("T-1");
  assert.equal(t.toJSON().schema_version, l.schema_version);
  assert.notEqual(limits(), limits(), "a fresh object each call");
});

test("outcomes() say which outcomes are closed (Outcome::is_closed)", () => {
  const closed = Object.fromEntries(outcomes().map((o) => [o.name, o.closed]));
  assert.deepEqual(closed, { open: false, solved: true, closed_without_confirmation: true, reopened: false });
});
