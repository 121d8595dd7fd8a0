// The npm package in Node: it loads and speaks the core's rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { rules, version } from "../pkg/node.js";

const repo = new URL("../../../", import.meta.url);
const cargoVersion = readFileSync(new URL("Cargo.toml", repo), "utf8").match(/^version = "([^"]+)"/m)[1];
// The numbered digest of the regulation, beside the repository (as the core's tests read it).
const rulesMd = new URL("../shared/regulations/RULES.md", repo);

test("version is the workspace version, in the code and in package.json", () => {
  assert.equal(version(), cargoVersion);
  const pkg = JSON.parse(readFileSync(new URL("../pkg/package.json", import.meta.url), "utf8"));
  assert.equal(pkg.version, cargoVersion);
});

test("rules are plain objects with four string fields", () => {
  const list = rules();
  assert.ok(Array.isArray(list) && list.length > 0);
  for (const r of list) {
    assert.equal(Object.getPrototypeOf(r), Object.prototype, r.id);
    assert.deepEqual(Object.keys(r).sort(), ["id", "regulation", "title_en", "title_ru"]);
    for (const value of Object.values(r)) {
      assert.ok(typeof value === "string" && value.length > 0, r.id);
    }
    assert.match(r.id, /^(REP|CLS)-[A-Z0-9-]+$/);
    assert.equal(r.regulation, r.id.startsWith("REP-") ? "repeat" : "closing", r.id);
    assert.match(r.title_ru, /[а-яё]/i, r.id);
  }
});

test("rules have unique IDs, CLS-R1 and REP-T1 included", () => {
  const list = rules();
  const ids = list.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const known of ["REP-T1", "REP-3", "REP-LINKALL", "CLS-R1", "CLS-R2", "CLS-S1", "CLS-TPL-N"]) {
    assert.ok(ids.includes(known), known);
  }
  const byId = Object.fromEntries(list.map((r) => [r.id, r]));
  assert.equal(byId["CLS-R2"].title_ru, "Клиент подтвердил решение");
  assert.equal(byId["CLS-R2"].title_en, "the client confirmed the solution");
});

test("rules are every ID of RULES.md", { skip: !existsSync(rulesMd) && "RULES.md not found" }, () => {
  const text = readFileSync(rulesMd, "utf8");
  const fromMd = new Set(
    text
      .split("**")
      .filter((_, i) => i % 2 === 1)
      .map((chunk) => chunk.trim().split(/\s+/)[0])
      .filter((id) => id.startsWith("REP-") || id.startsWith("CLS-")),
  );
  assert.deepEqual(new Set(rules().map((r) => r.id)), fromMd);
});

test("rules() returns a fresh array each call", () => {
  const first = rules();
  first.length = 0;
  assert.ok(rules().length > 0);
});
