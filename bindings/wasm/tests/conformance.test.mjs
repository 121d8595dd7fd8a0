// The shared conformance vectors (conformance/*.json, the files the Rust
// tests read), run through the npm package.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runVector, suiteOf, checkSubset } from "./conformance-runner.mjs";

/** The suites this runner runs; a listed file that is missing fails. */
export const SUITES = ["closing", "repeat"];

const dir = new URL("../../../conformance/", import.meta.url);

for (const name of SUITES) {
  const file = new URL(`${name}.json`, dir);
  describe(`conformance: ${name}`, () => {
    if (!existsSync(file)) {
      test(`${fileURLToPath(file)} exists`, () => assert.fail(`conformance suite ${name} is listed but missing`));
      return;
    }
    const doc = JSON.parse(readFileSync(file, "utf8"));
    const suite = suiteOf(doc);

    test("is a ticketry-conformance/1 suite with cited rules and unique ids", () => {
      assert.equal(doc.schema, "ticketry-conformance/1");
      assert.equal(doc.suite, name);
      assert.ok(Array.isArray(doc.vectors) && doc.vectors.length > 0);
      const ids = doc.vectors.map((v) => v.id);
      assert.equal(new Set(ids).size, ids.length);
      for (const v of doc.vectors) assert.ok(v.rules?.length > 0, `vector ${v.id} cites no rule`);
    });

    for (const v of doc.vectors) {
      test(v.id, () => {
        const failure = runVector(suite, v);
        assert.equal(failure, null, failure ?? "");
      });
    }
  });
}

// The runner itself must be able to fail: a vector with a wrong expectation
// is reported, and an unknown operation throws.
describe("conformance runner", () => {
  const doc = JSON.parse(readFileSync(new URL("closing.json", dir), "utf8"));
  const suite = suiteOf(doc);
  const pick = (op, pred = () => true) => structuredClone(doc.vectors.find((v) => v.when.op === op && pred(v)));

  test("a wrong status is reported", () => {
    const v = pick("apply", (v) => v.then.status !== undefined);
    v.then.status = "awaiting_update";
    assert.match(runVector(suite, v), /result\.status: expected "awaiting_update"/);
  });

  test("a missing, extra or reordered unmet rule is reported", () => {
    const v = pick("apply", (v) => (v.then.error?.unmet?.length ?? 0) > 1);
    v.then.error.unmet.reverse();
    assert.match(runVector(suite, v), /unmet rules differ/);
    v.then.error.unmet.pop();
    assert.match(runVector(suite, v), /unmet rules differ/);
  });

  test("an expected error that does not happen is reported", () => {
    const v = pick("apply", (v) => v.then.error === undefined);
    v.then = { error: { code: "refused" } };
    assert.match(runVector(suite, v), /expected error/);
  });

  test("a wrong error field is reported", () => {
    const v = pick("load_log", (v) => v.then.error?.path !== undefined);
    v.then.error.path = "events[9]";
    assert.match(runVector(suite, v), /error\.path/);
  });

  test("an unknown op throws", () => {
    const v = pick("state");
    v.when.op = "teleport";
    assert.throws(() => runVector(suite, v), /unknown op teleport/);
  });

  test("subset comparison: absent keys are null, arrays need equal length", () => {
    assert.equal(checkSubset({ a: null }, {}, "r"), null);
    assert.match(checkSubset({ a: [1] }, { a: [1, 2] }, "r"), /expected 1 items, found 2/);
    assert.match(checkSubset({ a: 1 }, { a: "1" }, "r"), /r\.a: expected 1/);
    assert.match(checkSubset({ a: [1] }, { a: 1 }, "r"), /r\.a/);
  });
});

// The same for the archive operations of the repeat suite.
describe("conformance runner: archives", () => {
  const doc = JSON.parse(readFileSync(new URL("repeat.json", dir), "utf8"));
  const suite = suiteOf(doc);
  const pick = (op, pred = () => true) => {
    const v = doc.vectors.find((v) => v.when.op === op && pred(v));
    assert.ok(v, `repeat.json has a vector with op ${op}`);
    return structuredClone(v);
  };

  test("a wrong history is reported", () => {
    const v = pick("history");
    v.then.earlier_client_tickets = [...v.then.earlier_client_tickets].reverse();
    assert.match(runVector(suite, v), /result\.earlier_client_tickets\[0\]/);
  });

  test("a chronic problem with a ticket too few is reported", () => {
    const v = pick("chronic", (v) => v.then.chronic?.length > 0 && v.then.chronic[0].tickets !== undefined);
    v.then.chronic[0].tickets.pop();
    assert.match(runVector(suite, v), /result\.chronic\[0\]\.tickets: expected \d+ items/);
  });

  test("a wrong REP-S2 client is reported", () => {
    const v = pick("not_applying", (v) => v.then.clients?.length > 0);
    v.then.clients[0].client_id = "someone-else";
    assert.match(runVector(suite, v), /client_id: expected "someone-else"/);
  });

  test("a wrong REP-5 action is reported", () => {
    const v = pick("recommended_action", (v) => v.then.action !== null);
    v.then.action = v.then.action === "handle_as_new" ? "find_alternative" : "handle_as_new";
    assert.match(runVector(suite, v), /result\.action/);
  });

  test("a wrong repeat checklist item is reported", () => {
    const v = pick("checklist", (v) => v.when.checklist === "repeat");
    const [key, status] = Object.entries(v.then.checklist)[0];
    v.then.checklist[key] = status === "done" ? "pending" : "done";
    assert.match(runVector(suite, v), new RegExp(`result\\.checklist\\.${key}`));
  });

  test("a refused link (REP-3) that is expected to pass is reported", () => {
    const v = pick("apply", (v) => v.when.command.type === "link_ticket" && v.then.error?.code === "refused");
    v.then = { status: "in_work" };
    assert.match(runVector(suite, v), /unexpected error: .*"refused"/);
  });

  test("an unknown archive, checklist or template throws", () => {
    const v = pick("history");
    v.given.archive = "nowhere";
    assert.throws(() => runVector(suite, v), /unknown archive nowhere/);
    const c = pick("checklist", (v) => v.when.checklist === "repeat");
    c.when.checklist = "weekly";
    assert.throws(() => runVector(suite, c), /unknown checklist weekly/);
    const r = pick("render");
    r.when.template = "poem";
    assert.throws(() => runVector(suite, r), /unknown template poem/);
  });
});
