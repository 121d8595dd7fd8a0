// Repeat detection in Node through the npm package, against the native
// benchmark on the same data, in one run:
//
//   node bindings/wasm/bench/detection.mjs [--tickets 100000] [--queries 1000] [--seed 42]
//
// 1. The synthetic archive (benches/synth.rs, JSON Lines) is read from
//    target/synth-100k.jsonl (target/synth-<N>.jsonl for other sizes),
//    generated first with `cargo run --release -p ticketry-benches --bin
//    synth` when absent.
// 2. Every ticket is upserted into a Detector (timed: index_tickets_per_s).
// 3. After a warm-up (200 other tickets run as queries, untimed, as in the
//    native benchmark), injected repeats (lines with `truth`), picked evenly over the archive as
//    the native benchmark picks them, run as new tickets with their own id
//    and opening time, so each sees only earlier tickets: query p50/p99 ms,
//    recall@10 (a right answer among the first ten: an earlier ticket whose
//    fields equal every attribute of the line's `truth.answers`, the labelled
//    `truth.of` among them; see synth::Answers) and recall_at_10_labelled
//    (`truth.of` itself among the first ten).
// 4. The native benchmark (`--bin detection`, same size, seed and queries)
//    runs as a child process; its last line is its JSON.
//
// Prints one JSON line last: the wasm figures, the native ones, and
// ratio_query_p50 = wasm / native, ratio_index = native / wasm (1 is parity;
// the target is within 2).
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Detector } from "../pkg/node.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(String(args[i + 1]).replaceAll("_", ""));
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} needs a whole number`);
  return n;
};
const tickets = arg("--tickets", 100_000);
const queries = arg("--queries", 1000);
const seed = arg("--seed", 42);
const cargo = (bin, ...rest) =>
  execFileSync("cargo", ["run", "-q", "--release", "-p", "ticketry-benches", "--bin", bin, "--", ...rest], {
    cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 30,
  });

// 1. The data.
mkdirSync(`${root}target`, { recursive: true });
const name = tickets === 100_000 && seed === 42 ? "synth-100k.jsonl" : `synth-${tickets}-seed${seed}.jsonl`;
const file = `${root}target/${name}`;
if (!existsSync(file)) {
  console.error(`generating ${file}…`);
  cargo("synth", "--tickets", String(tickets), "--seed", String(seed), "--out", file);
}
const lines = [];
for await (const line of createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity })) {
  if (line.trim()) lines.push(JSON.parse(line));
}
if (lines.length !== tickets) throw new Error(`${file} holds ${lines.length} tickets, expected ${tickets}`);
if (lines.some((t) => t.truth && !t.truth.answers)) {
  throw new Error(`${file} was written by an older generator (no truth.answers): delete it and run again`);
}
const position = new Map(lines.map((t, i) => [t.id, i]));
// A right answer: earlier than the query, with every attribute of the answer class.
const right = (truth, i, id) => {
  const k = position.get(id);
  return id === truth.of || (k !== undefined && k < i
    && Object.entries(truth.answers).every(([field, value]) => lines[k][field] === value));
};
const doc = (t) => ({
  id: t.id, client_id: t.client_id, product: t.product, opened_at: t.opened_at,
  subject: t.subject, description: t.description, outcome: t.solved ? "solved" : "open",
});

// 2. Indexing.
const detector = new Detector();
let t0 = process.hrtime.bigint();
for (const t of lines) detector.upsert(doc(t));
const indexS = Number(process.hrtime.bigint() - t0) / 1e9;
console.error(`wasm: indexed ${tickets} tickets in ${indexS.toFixed(2)} s`);

// Warm-up, untimed and the same in the native benchmark: 200 tickets that are
// not injected repeats, spread over the archive, run as queries first (the JS
// engine compiles the hot paths on them, not on the measured queries).
const others = lines.flatMap((t, i) => (t.truth ? [] : [i]));
for (let k = 0; k < Math.min(200, others.length); k++) {
  const t = lines[others[Math.floor((k * others.length) / Math.min(200, others.length))]];
  detector.detect({ id: t.id, client_id: t.client_id, product: t.product, opened_at: t.opened_at, subject: t.subject, description: t.description });
}

// 3. Queries: up to `queries` injected repeats spread evenly (the native pick).
const repeats = lines.flatMap((t, i) => (t.truth ? [i] : []));
const step = Math.max(repeats.length / Math.max(queries, 1), 1);
const picked = [];
for (let k = 0; k < Math.min(queries, repeats.length); k++) picked.push(repeats[Math.floor(k * step)]);
const latencies = [];
let hits = 0;
let labelledHits = 0;
for (const i of picked) {
  const t = lines[i];
  const query = { id: t.id, client_id: t.client_id, product: t.product, opened_at: t.opened_at, subject: t.subject, description: t.description };
  t0 = process.hrtime.bigint();
  const found = detector.detect(query);
  latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  const top = found.candidates.slice(0, 10);
  if (top.some((c) => right(t.truth, i, c.id))) hits += 1;
  if (top.some((c) => c.id === t.truth.of)) labelledHits += 1;
}
detector.free();
latencies.sort((a, b) => a - b);
const pct = (p) => (latencies.length ? latencies[Math.round((latencies.length - 1) * p)] : 0);
const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;
const wasm = {
  index_tickets_per_s: round(tickets / indexS, 0),
  query_p50_ms: round(pct(0.5), 3),
  query_p99_ms: round(pct(0.99), 3),
  recall_at_10: round(hits / Math.max(picked.length, 1), 4),
  recall_at_10_labelled: round(labelledHits / Math.max(picked.length, 1), 4),
  queries: picked.length,
};
console.error(`wasm: ${JSON.stringify(wasm)}`);

// 4. The native benchmark on the same data (the generator is seeded).
console.error("native: cargo run --release -p ticketry-benches --bin detection …");
const out = cargo("detection", "--tickets", String(tickets), "--queries", String(queries), "--seed", String(seed),
  "--scan-tickets", String(Math.min(tickets, 2000)), "--scan-queries", "2");
const native = JSON.parse(out.trim().split("\n").at(-1));
console.log(JSON.stringify({
  bench: "detection-wasm",
  tickets,
  wasm,
  native: {
    index_tickets_per_s: native.index_tickets_per_s,
    query_p50_ms: native.query_p50_ms,
    query_p99_ms: native.query_p99_ms,
    recall_at_10: native.recall_at_10,
    recall_at_10_labelled: native.recall_at_10_labelled,
  },
  ratio_query_p50: round(wasm.query_p50_ms / native.query_p50_ms, 2),
  ratio_index: round(native.index_tickets_per_s / wasm.index_tickets_per_s, 2),
  recall_equal: wasm.recall_at_10 === native.recall_at_10 && wasm.recall_at_10_labelled === native.recall_at_10_labelled,
}));
