// Runs the detection vectors of conformance/detection.json through the npm
// package, with the semantics of the Rust runner
// (crates/ticketry/tests/detection.rs; conformance/README.md, "Detection
// vectors"): the detector built from `archive`, `add` and `remove`, the
// policy `{"detection": policy}`, the invariants, then every `expect` key.
import { Detector, Policy, findReferences } from "../pkg/node.js";

const ORDER = ["not_a_repeat", "possible_repeat", "likely_repeat"];
const rankOf = (decision) => {
  const r = ORDER.indexOf(decision);
  if (r < 0) throw new Error(`unknown decision ${JSON.stringify(decision)}`);
  return r;
};
const CANDIDATE_KEYS = [
  "decision_at_least", "decision_at_most", "suggested_type", "suggested_type_in", "same_client",
  "same_product", "reference", "shared_terms_include", "outcome", "rank_at_most",
];
export const VECTOR_KEYS = ["id", "rules", "description", "archive", "add", "remove", "query", "policy", "expect", "known_failure"];

/** The detector a vector runs on, and its documents by id. */
function detectorOf(v, archives) {
  let base = [];
  if (typeof v.archive === "string") {
    base = archives[v.archive];
    if (!base) throw new Error(`unknown archive ${v.archive}`);
  } else if (v.archive !== undefined) base = v.archive;
  const detector = new Detector();
  const docs = new Map();
  for (const doc of [...base, ...(v.add ?? [])]) {
    detector.upsert(doc);
    docs.set(doc.id, doc);
  }
  for (const id of v.remove ?? []) {
    if (!detector.remove(id)) throw new Error(`remove: ${id} is not in the archive`);
    docs.delete(id);
  }
  return { detector, docs };
}

function checkInvariants(found, query, docs, policy) {
  const c = found.candidates;
  if (c.length > policy.max_candidates) return `${c.length} candidates, max_candidates is ${policy.max_candidates}`;
  const seen = new Set();
  const unit = (x) => typeof x === "number" && x >= 0 && x <= 1;
  for (const [i, cand] of c.entries()) {
    if (!unit(cand.score)) return `${cand.id}: score ${cand.score} outside [0, 1]`;
    if (!unit(cand.type_confidence) || !unit(cand.signals.text_similarity)) return `${cand.id}: confidence or similarity outside [0, 1]`;
    if (i > 0 && c[i - 1].score < cand.score) return `not sorted: ${c[i - 1].id} before ${cand.id}`;
    if (seen.has(cand.id)) return `${cand.id} is a candidate twice`;
    seen.add(cand.id);
    if (cand.id === query.id) return `the query ${cand.id} is its own candidate`;
    const doc = docs.get(cand.id);
    if (!doc) return `${cand.id} is not in the archive`;
    if (Date.parse(doc.opened_at) >= Date.parse(query.opened_at)) return `${cand.id} was opened at ${doc.opened_at}, not before the query`;
  }
  const expected = c[0]?.decision ?? "not_a_repeat";
  if (found.decision !== expected) return `decision ${found.decision} is not the best candidate's ${expected}`;
  return null;
}

function checkCandidate(c, rank, e, topLevel) {
  const id = c.id;
  for (const [key, ev] of Object.entries(e)) {
    switch (key) {
      case "decision":
        if (topLevel) throw new Error("decision at the top level is the detection's");
        if (c.decision !== ev) return `${id}: decision ${c.decision}, expected ${ev}`;
        break;
      case "decision_at_least":
        if (rankOf(c.decision) < rankOf(ev)) return `${id}: decision ${c.decision}, expected at least ${ev}`;
        break;
      case "decision_at_most":
        if (rankOf(c.decision) > rankOf(ev)) return `${id}: decision ${c.decision}, expected at most ${ev}`;
        break;
      case "suggested_type":
        if (c.suggested_type !== ev) return `${id}: suggested ${c.suggested_type}, expected ${ev}`;
        break;
      case "suggested_type_in":
        if (!ev.includes(c.suggested_type)) return `${id}: suggested ${c.suggested_type}, expected one of ${ev}`;
        break;
      case "same_client":
        if (c.signals.same_client !== ev) return `${id}: same_client is ${c.signals.same_client}`;
        break;
      case "same_product":
        if (c.signals.same_product !== ev) return `${id}: same_product is ${c.signals.same_product}`;
        break;
      case "outcome":
        if (c.signals.outcome !== ev) return `${id}: outcome ${c.signals.outcome}, expected ${ev}`;
        break;
      case "rank_at_most":
        if (rank + 1 > ev) return `${id}: rank ${rank + 1}, expected at most ${ev}`;
        break;
      case "reference": {
        const r = c.signals.reference;
        if (ev === null) {
          if (r !== null) return `${id}: expected no mention, found ${JSON.stringify(r.text)}`;
          break;
        }
        if (r === null) return `${id}: expected a mention, found none`;
        for (const [k, v] of Object.entries(ev)) {
          if (!["id", "text", "field"].includes(k)) return `expect.reference: unknown key ${k}`;
          if (r[k] !== v) return `${id}: reference.${k} is ${JSON.stringify(r[k])}, expected ${JSON.stringify(v)}`;
        }
        break;
      }
      case "shared_terms_include": {
        const have = c.signals.shared_terms.map((t) => t.toLowerCase());
        for (const w of ev) if (!have.includes(w.toLowerCase())) return `${id}: shared terms ${JSON.stringify(c.signals.shared_terms)} lack ${JSON.stringify(w)}`;
        break;
      }
      default:
        return `unknown candidate expectation ${key}`;
    }
  }
  return null;
}

function checkExpect(found, expect) {
  const rank = (id) => {
    const i = found.candidates.findIndex((c) => c.id === id);
    return i < 0 ? undefined : i;
  };
  const top = {};
  for (const [key, ev] of Object.entries(expect)) {
    let failure = null;
    switch (key) {
      case "decision":
        if (found.decision !== ev) failure = `decision ${found.decision}, expected ${ev}`;
        break;
      case "top_decision": {
        const first = found.candidates[0];
        if (!first) failure = "no candidates";
        else if (first.decision !== ev) failure = `top decision ${first.decision}, expected ${ev}`;
        break;
      }
      case "top": {
        const first = found.candidates[0];
        if (!first) failure = `no candidates, expected ${ev} first`;
        else if (first.id !== ev) failure = `${first.id} ranks first, expected ${ev}`;
        break;
      }
      case "in_top":
        for (const id of ev.ids) if (!(rank(id) < ev.k)) failure ??= `${id} is not in the top ${ev.k}`;
        break;
      case "not_in_top":
        for (const id of ev.ids) if (rank(id) < ev.k) failure ??= `${id} is in the top ${ev.k}`;
        break;
      case "absent":
        for (const id of ev) if (rank(id) !== undefined) failure ??= `${id} is a candidate`;
        break;
      case "not_repeat":
        for (const id of ev) {
          const c = found.candidates.find((x) => x.id === id);
          if (c && c.decision !== "not_a_repeat") failure ??= `${id} is a ${c.decision}, expected not a repeat`;
        }
        break;
      case "ranked_before":
        for (const [a, b] of ev) {
          const ra = rank(a);
          if (ra === undefined) failure ??= `${a} is not a candidate (expected before ${b})`;
          else if (rank(b) !== undefined && rank(b) < ra) failure ??= `${b} ranks before ${a}`;
        }
        break;
      case "count_at_most":
        if (found.candidates.length > ev) failure = `${found.candidates.length} candidates, expected at most ${ev}`;
        break;
      case "ignored_references": {
        const have = found.ignored_references.map(([r, because]) => ({ id: r.id, because }));
        if (JSON.stringify(have) !== JSON.stringify(ev)) failure = `ignored references ${JSON.stringify(have)}, expected ${JSON.stringify(ev)}`;
        break;
      }
      case "candidates":
        for (const [id, e] of Object.entries(ev)) {
          const r = rank(id);
          if (r === undefined) failure ??= `${id} is not a candidate`;
          else failure ??= checkCandidate(found.candidates[r], r, e, false);
        }
        break;
      default:
        if (CANDIDATE_KEYS.includes(key)) top[key] = ev;
        else failure = `unknown expectation ${key}`;
    }
    if (failure) return failure;
  }
  if (Object.keys(top).length > 0) {
    const first = found.candidates[0];
    if (!first) return "no candidates";
    return checkCandidate(first, 0, top, true);
  }
  return null;
}

function summary(found) {
  return `[${found.candidates
    .map((c) => `${c.id} ${c.score.toFixed(3)} ${c.decision} ${c.suggested_type} text=${c.signals.text_similarity.toFixed(2)}`)
    .join("; ")}]`;
}

/** Runs one detection vector: null when it holds, else what failed. */
export function runDetectionVector(v, archives) {
  for (const key of Object.keys(v)) if (!VECTOR_KEYS.includes(key)) return `unknown key ${key}`;
  const { detector, docs } = detectorOf(v, archives);
  const policy = new Policy({ detection: v.policy ?? {} });
  try {
    const found = detector.detect(v.query, policy);
    const failure = checkInvariants(found, v.query, docs, policy.toJSON().detection) ?? checkExpect(found, v.expect);
    return failure === null ? null : `${failure}\n    found: ${summary(found)}`;
  } finally {
    policy.free();
    detector.free();
  }
}

/** Runs one reference case: the ids found and null, or what failed. */
export function runReferenceCase(c) {
  const found = findReferences(c.text);
  const bytes = Buffer.from(c.text, "utf8");
  for (const r of found) {
    if (bytes.subarray(r.start, r.end).toString("utf8") !== r.text) return { got: [], failure: `span ${r.start}..${r.end} is not ${r.text}` };
  }
  const got = found.map((r) => r.id);
  return { got, failure: JSON.stringify(got) === JSON.stringify(c.ids) ? null : `found ${JSON.stringify(got)}, expected ${JSON.stringify(c.ids)}` };
}

/**
 * The outcome of a vector given its `known_failure` mark: "pass",
 * "known" (marked and failing: reported, not a failure), or an error message
 * (failing unmarked, or marked but passing: the mark must be removed).
 */
export function judge(id, knownFailure, failure) {
  if (knownFailure !== undefined && (typeof knownFailure !== "string" || knownFailure.trim() === "")) {
    return `${id}: known_failure must say why`;
  }
  if (failure === null) return knownFailure === undefined ? "pass" : `${id}: marked known_failure (${knownFailure}) but passes now: remove the mark`;
  return knownFailure === undefined ? `${id}: ${failure}` : "known";
}
