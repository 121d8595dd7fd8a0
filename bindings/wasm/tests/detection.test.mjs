// conformance/detection.json (the vectors the Rust and Python suites run)
// through the npm package, and the detection API with bad input.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { judge, runDetectionVector, runReferenceCase } from "./detection-runner.mjs";
import {
  Archive, Detector, InvalidInput, InvalidPolicy, Policy, TicketryError, decisions, findReferences, ignoredReasons,
  outcomes,
} from "../pkg/node.js";

const doc = JSON.parse(readFileSync(new URL("../../../conformance/detection.json", import.meta.url), "utf8"));
const archives = doc.archives ?? {};

describe("conformance: detection", () => {
  test("is a detection suite of format 1 with enough vectors", () => {
    assert.equal(doc.schema, "ticketry-conformance/1");
    assert.equal(doc.suite, "detection");
    assert.equal(doc.format, 1);
    assert.ok(doc.detection.length >= 40, `only ${doc.detection.length} vectors`);
    const ids = doc.detection.map((v) => v.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const v of doc.detection) assert.ok(v.rules?.length > 0, `${v.id} cites no rule`);
  });

  for (const v of doc.detection) {
    test(v.id, (t) => {
      let failure;
      try {
        failure = runDetectionVector(v, archives);
      } catch (e) {
        failure = `threw ${e}`;
      }
      const verdict = judge(v.id, v.known_failure, failure);
      if (verdict === "known") t.diagnostic(`KNOWN FAILURE [${v.known_failure}]: ${failure}`);
      else assert.equal(verdict, "pass", verdict);
    });
  }
});

describe("conformance: detection references", () => {
  for (const c of doc.references) {
    test(c.id, (t) => {
      const { failure } = runReferenceCase(c);
      const verdict = judge(c.id, c.known_failure, failure);
      if (verdict === "known") t.diagnostic(`KNOWN FAILURE [${c.known_failure}]: ${failure}`);
      else assert.equal(verdict, "pass", verdict);
    });
  }
});

// The runner must be able to fail.
describe("detection runner", () => {
  const pick = (pred) => structuredClone(doc.detection.find((v) => v.known_failure === undefined && pred(v)));

  test("a wrong top candidate is reported", () => {
    const v = pick((v) => typeof v.expect.top === "string");
    v.expect.top = "T-0000001";
    assert.match(runDetectionVector(v, archives), /ranks first, expected T-0000001|no candidates/);
  });

  test("a wrong decision and an unknown expectation are reported", () => {
    const v = pick((v) => v.expect.decision === "likely_repeat");
    v.expect.decision = "not_a_repeat";
    assert.match(runDetectionVector(v, archives), /decision likely_repeat, expected not_a_repeat/);
    v.expect = { teleport: true };
    assert.match(runDetectionVector(v, archives), /unknown expectation teleport/);
  });

  test("a wrong candidate expectation is reported", () => {
    const v = pick((v) => typeof v.expect.top === "string");
    v.expect = { candidates: { [v.expect.top]: { same_client: "maybe" } } };
    assert.match(runDetectionVector(v, archives), /same_client is/);
  });

  test("a known failure that passes fails; one that fails is reported; an unmarked failure fails", () => {
    assert.match(judge("x", "not yet", null), /passes now: remove the mark/);
    assert.equal(judge("x", "not yet", "wrong"), "known");
    assert.match(judge("x", undefined, "wrong"), /x: wrong/);
    assert.equal(judge("x", undefined, null), "pass");
    assert.match(judge("x", " ", "wrong"), /must say why/);
  });

  test("a wrong reference case is reported", () => {
    const c = structuredClone(doc.references.find((c) => c.ids.length > 0 && c.known_failure === undefined));
    c.ids = ["T-1"];
    assert.match(runReferenceCase(c).failure, /expected \["T-1"\]/);
  });
});

describe("detection API", () => {
  const base = {
    id: "T-100", client_id: "zhk-severny", product: "PASS24 Шлагбаум", opened_at: "2025-03-03T09:00:00Z",
    subject: "Не открывается шлагбаум", description: "Шлагбаум не реагирует на пропуска жителей", outcome: "solved",
  };
  const query = {
    client_id: "zhk-severny", product: "PASS24 Шлагбаум", opened_at: "2025-04-01T09:00:00Z",
    subject: "Снова не открываеться шлагбаум", description: "Как в заявке №100, шлагбаум не реагирует",
  };
  const thrown = (fn) => {
    try {
      fn();
    } catch (e) {
      return e;
    }
    assert.fail("expected a throw");
  };

  test("detects, explains, updates and removes", () => {
    const d = Detector.fromDocs([base, { ...base, id: "T-200", client_id: "bc-sever", subject: "SMS не приходит", description: "Гости не получают SMS" }]);
    assert.equal(d.size, 2);
    assert.ok(d.has("T-100") && !d.has("T-300"));
    const found = d.detect(query);
    assert.equal(found.candidates[0].id, "T-100");
    assert.equal(found.decision, found.candidates[0].decision);
    assert.equal(found.candidates[0].signals.reference.id, "T-100");
    assert.ok(found.candidates[0].signals.same_client);
    // A Date works as well as an RFC 3339 string, and a later ticket never counts.
    assert.deepEqual(d.detect({ ...query, opened_at: new Date("2025-04-01T09:00:00Z") }), found);
    assert.equal(d.detect({ ...query, opened_at: "2025-01-01T00:00:00Z" }).candidates.length, 0);
    // The policy is the core's: a stricter threshold changes the decision.
    const strict = d.detect(query, { detection: { likely_threshold: 1, possible_threshold: 1 } });
    assert.equal(strict.decision, "not_a_repeat");
    assert.ok(d.remove("T-100") && !d.remove("T-100"));
    assert.ok(!d.detect(query).candidates.some((c) => c.id === "T-100"));
    assert.equal(d.compact().size, 1);
    const same = d.textSimilarity("Шлагбаум не открывается", "шлагбаум не открываеться");
    const other = d.textSimilarity("Шлагбаум не открывается", "Не приходит SMS");
    assert.ok(same > other && same <= 1 && other >= 0, `${same} ${other}`);
    d.free();
    assert.equal(thrown(() => d.size).code, "freed");
  });

  test("setOutcome updates an indexed ticket's outcome without re-indexing; heapBytes grows", () => {
    const d = new Detector();
    const empty = d.heapBytes();
    d.upsert({ ...base, outcome: "open" });
    assert.ok(d.heapBytes() > empty, `${d.heapBytes()} <= ${empty}`);
    assert.equal(d.detect(query).candidates[0].signals.outcome, "open");
    assert.equal(d.setOutcome("T-100", "reopened"), true);
    assert.equal(d.detect(query).candidates[0].signals.outcome, "reopened");
    assert.equal(d.setOutcome("T-999", "solved"), false);
    const bad = thrown(() => d.setOutcome("T-100", "done"));
    assert.ok(bad instanceof InvalidInput && bad.field === "outcome", String(bad));
    assert.equal(thrown(() => d.setOutcome("", "solved")).field, "id");
    assert.equal(d.detect(query).candidates[0].signals.outcome, "reopened", "a refused update changes nothing");
    d.free();
  });

  test("decisions, outcomes and ignored reasons carry the core's names and labels", () => {
    assert.deepEqual(decisions().map((d) => d.name), ["not_a_repeat", "possible_repeat", "likely_repeat"]);
    assert.deepEqual(outcomes().map((o) => o.name), ["open", "solved", "closed_without_confirmation", "reopened"]);
    assert.deepEqual(ignoredReasons().map((i) => i.name), ["unknown", "not_earlier", "itself"]);
    assert.deepEqual(decisions().at(-1), { name: "likely_repeat", rule: "REP-1", label_en: "likely repeat", label_ru: "вероятный повтор" });
    assert.deepEqual(outcomes()[1], { name: "solved", rule: null, label_en: "solved, confirmed by the client", label_ru: "решено, клиент подтвердил", closed: true });
    assert.equal(ignoredReasons()[0].label_ru, "такого обращения нет");
    for (const row of [...decisions(), ...outcomes(), ...ignoredReasons()]) {
      assert.ok(row.label_en && row.label_ru && row.label_en !== row.label_ru, JSON.stringify(row));
    }
    assert.notEqual(decisions(), decisions(), "a fresh array each call");
  });

  test("the archive's detection gives how the earlier ticket was solved", () => {
    const archive = new Archive();
    const anna = { id: "anna", role: "specialist", name: "Анна" };
    archive.open({ id: "T-100", client_id: "zhk-severny", contact_name: "Ирина", product: "PASS24 Шлагбаум",
      subject: base.subject, description: base.description }, { at: base.opened_at, actor: anna }).free();
    const found = archive.detect(query, new Policy());
    assert.equal(found.candidates[0].id, "T-100");
    assert.equal(found.candidates[0].signals.outcome, "open");
    assert.equal(found.candidates[0].solution, undefined);
    archive.free();
  });

  test("findReferences reads the policy's id format", () => {
    const [r] = findReferences("как в заявке №10234");
    assert.equal(r.id, "T-10234");
    assert.equal(findReferences("как в заявке №10234", { detection: { references: { prefix: "PS-" } } })[0].id, "PS-10234");
    assert.deepEqual(findReferences("кв. 45, тел. 89161234567"), []);
  });

  test("bad documents, queries and policies are InvalidInput / InvalidPolicy naming the field", () => {
    const d = new Detector();
    const cases = [
      [() => d.upsert({ ...base, opened_at: "yesterday" }), "doc.opened_at"],
      [() => d.upsert({ ...base, opened_at: undefined }), "doc.opened_at"],
      [() => d.upsert({ ...base, id: "" }), "doc.id"],
      [() => d.upsert({ ...base, id: 42 }), "doc.id"],
      [() => d.upsert({ ...base, client_id: undefined }), "doc.client_id"],
      [() => d.upsert({ ...base, subject: null }), "doc.subject"],
      [() => d.upsert({ ...base, outcome: "fixed" }), "doc.outcome"],
      [() => d.upsert("T-100"), "doc"],
      [() => d.upsert(null), "doc"],
      [() => Detector.fromDocs(42), "docs"],
      [() => d.detect({ ...query, client_id: "" }), "query.client_id"],
      [() => d.detect({ ...query, opened_at: 1700000000 }), "query.opened_at"],
      [() => d.detect({ ...query, id: {} }), "query.id"],
      [() => d.detect({ ...query, subject: ["a"] }), "query.subject"],
      [() => d.detect(undefined), "query"],
      [() => d.remove(7), "id"],
      [() => d.has(undefined), "id"],
      [() => d.textSimilarity("a", 1), "b"],
      [() => findReferences(undefined), "text"],
    ];
    for (const [fn, field] of cases) {
      const e = thrown(fn);
      assert.ok(e instanceof InvalidInput, `${field}: ${e}`);
      assert.equal(e.code, "invalid_input");
      assert.equal(e.field, field, `${e.message}`);
    }
    assert.equal(d.size, 0, "nothing was added by a bad document");
    const bad = thrown(() => d.detect(query, { detection: { text_weight: 0.9 } }));
    assert.ok(bad instanceof InvalidPolicy);
    assert.equal(bad.field, "detection.text_weight");
    assert.ok(thrown(() => findReferences("x", { detection: { references: { min_digits: 0 } } })) instanceof InvalidPolicy);
    assert.ok(thrown(() => d.detect(query, { detection: { nonsense: 1 } })) instanceof TicketryError);
    d.free();
  });
});
