// Parity with the core: the npm README's parity table names every public item
// of the core crate, every name it writes as code is exported by the package,
// and every export of the package is in it. The JavaScript twin of
// bindings/python/tests/test_parity.py (the same reading of the core's source).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as ticketry from "../pkg/node.js";

const README = new URL("../npm/README.md", import.meta.url);
const DTS = new URL("../npm/index.d.ts", import.meta.url);
const CORE_SRC = fileURLToPath(new URL("../../../crates/ticketry/src/", import.meta.url));

/** Every `.rs` file under a folder. */
function rustFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? rustFiles(join(dir, e.name)) : e.name.endsWith(".rs") ? [join(dir, e.name)] : [],
  );
}

/**
 * The names of the core's top-level public items (types, consts, free
 * functions, macro-generated enums and ids), read from its source: the
 * regexes of test_parity.py.
 */
function corePublicItems() {
  const names = new Set();
  const add = (src, re) => {
    for (const m of src.matchAll(re)) names.add(m[1]);
  };
  for (const path of rustFiles(CORE_SRC)) {
    if (path.endsWith("/doc_support.rs")) continue;
    const src = readFileSync(path, "utf8");
    add(src, /^pub (?:const fn|fn|struct|enum|const|type|trait|static) ([A-Za-z_][A-Za-z0-9_]*)/gm);
    // Enums and id types written by macros: `named! { pub enum RepeatType ... }`, `id_type!(TicketId, ...)`.
    add(src, /^\s+(?:#\[[^\]]*\]\s*)*pub enum ([A-Z][A-Za-z0-9]*)\s/gm);
    add(src, /^\s*id_type!\(\s*(?:\/\/\/[^\n]*\n\s*)*([A-Z][A-Za-z0-9]*)/gm);
  }
  names.delete("name");
  return names;
}

/** The rows of the README's parity table, as [core, JavaScript] cells. */
function parityTable() {
  const text = readFileSync(README, "utf8");
  const parts = text.split("## Parity with the core");
  assert.equal(parts.length, 2, "the README has one section `## Parity with the core`");
  const section = parts[1].split("\n## ")[0];
  const rows = section.split("\n").filter((line) => line.startsWith("| `"));
  return rows.map((row) => row.trim().replace(/^\||\|$/g, "").split("|").map((c) => c.trim()));
}

/**
 * The names a JavaScript cell writes as code: the leading name of every code
 * span (after an optional `new `) with its first member, if any: `Ticket.apply(…)`
 * gives ["Ticket", "apply"], `version()` ["version", undefined]. Spans holding
 * `::` name the core and spans that start otherwise (`{ expectedVersion }`) are skipped.
 */
function jsNames(cell) {
  const names = [];
  for (const [, span] of cell.matchAll(/`([^`]+)`/g)) {
    if (span.includes("::")) continue;
    const m = span.match(/^(?:new )?([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*))?/);
    if (m) names.push([m[1], m[2]]);
  }
  return names;
}

/**
 * The declarations `index.d.ts` exports: name → the member names of a class
 * or interface body (with those of what it extends), or an empty set.
 */
function dtsDeclarations() {
  const text = readFileSync(DTS, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  const own = new Map();
  const bases = new Map();
  const header = /^export (?:declare )?(class|interface|type|function|const|let|enum) ([A-Za-z_$][\w$]*)([^\n{=;(]*)/gm;
  for (const m of text.matchAll(header)) {
    const [, kind, name, rest] = m;
    const members = own.get(name) ?? new Set();
    own.set(name, members);
    if (kind !== "class" && kind !== "interface") continue;
    const ext = rest.match(/\bextends\s+([^{]*?)(?:\bimplements\b|$)/);
    bases.set(name, ext ? [...ext[1].replace(/<[^>]*>/g, "").matchAll(/[A-Za-z_$][\w$]*/g)].map((x) => x[0]) : []);
    // The body: from its `{` to the matching `}`; nested braces dropped, one member a line.
    const open = text.indexOf("{", m.index + m[0].length);
    let depth = 0;
    let end = open;
    for (; end < text.length; end++) {
      if (text[end] === "{") depth++;
      else if (text[end] === "}" && --depth === 0) break;
    }
    let body = text.slice(open + 1, end);
    while (/\{[^{}]*\}/.test(body)) body = body.replace(/\{[^{}]*\}/g, "");
    for (const line of body.split("\n")) {
      const member = line.match(/^\s*(?:(?:static|readonly|private|protected|public|get|set)\s+)*([A-Za-z_$][\w$]*)\??\s*[(:<]/);
      if (member) members.add(member[1]);
    }
  }
  const all = (name, seen = new Set()) => {
    if (seen.has(name) || !own.has(name)) return new Set();
    seen.add(name);
    return new Set([...own.get(name), ...(bases.get(name) ?? []).flatMap((b) => [...all(b, seen)])]);
  };
  return new Map([...own.keys()].map((name) => [name, all(name)]));
}

const exported = Object.keys(ticketry);
const declared = dtsDeclarations();

/** Whether `member` is a member of the export or declaration `name`: at run time, or declared in `index.d.ts`. */
function hasMember(name, member) {
  const value = Object.hasOwn(ticketry, name) ? ticketry[name] : undefined;
  if (typeof value === "function" && (member in value || (value.prototype && member in value.prototype))) return true;
  return declared.get(name)?.has(member) ?? false;
}

test("the parity table names every public item of the core", { skip: !existsSync(CORE_SRC) && "the core's source is not beside the tests" }, () => {
  const listed = new Set(
    parityTable().flatMap(([core]) =>
      [...core.matchAll(/`([A-Za-z_][A-Za-z0-9_:]*)/g)].flatMap((m) => m[1].split("::")),
    ),
  );
  const items = corePublicItems();
  assert.ok(items.size > 100, `only ${items.size} public items read from ${CORE_SRC}`);
  const missing = [...items].filter((n) => !listed.has(n)).sort();
  assert.deepEqual(missing, [], `core items missing from the README parity table: ${missing}`);
});

test("the parity table's JavaScript names are exported by the package", () => {
  const rows = parityTable();
  assert.ok(rows.length > 20);
  const wrong = [];
  for (const [core, js] of rows) {
    assert.ok(js !== undefined, `a row without a JavaScript cell: ${core}`);
    const names = jsNames(js);
    // A row that names nothing of the package says why.
    if (names.length === 0) assert.match(js, /^not bound: /, `row ${core}`);
    for (const [name, member] of names) {
      if (!exported.includes(name) && !declared.has(name)) wrong.push(`${name} (row ${core.slice(0, 40)})`);
      else if (member !== undefined && !hasMember(name, member)) wrong.push(`${name}.${member} (row ${core.slice(0, 40)})`);
    }
  }
  assert.deepEqual(wrong, [], `names of the parity table the package does not export: ${wrong}`);
});

test("every export of the package is in the parity table", () => {
  const text = parityTable().map(([, js]) => js).join(" ");
  assert.ok(exported.length > 40);
  const escape = (s) => s.replace(/[$]/g, "\\$&");
  const missing = exported.filter((n) => !new RegExp(`\`(?:new )?${escape(n)}(?![\\w$])`).test(text)).sort();
  assert.deepEqual(missing, [], `exports missing from the README parity table: ${missing}`);
});

test("index.d.ts declares every export of the package, and exports nothing else that is a value", () => {
  const text = readFileSync(DTS, "utf8");
  const values = [...text.matchAll(/^export (?:declare )?(?:class|function|const|let) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
  assert.deepEqual([...new Set(values)].sort(), [...exported].sort());
});
