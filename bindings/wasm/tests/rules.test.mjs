// The npm package in Node: it loads and speaks the core's rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { rules, version } from "../pkg/node.js";

const cargoVersion = readFileSync(new URL("../../../Cargo.toml", import.meta.url), "utf8")
  .match(/^version = "([^"]+)"/m)[1];

test("version is the workspace version", () => {
  assert.equal(version(), cargoVersion);
});

test("rules cover both regulations, CLS-R1 and REP-T1 included", () => {
  const list = rules();
  const ids = list.map((r) => r.id);
  assert.equal(ids.length, 41);
  assert.equal(new Set(ids).size, ids.length);
  const byId = Object.fromEntries(list.map((r) => [r.id, r]));
  assert.equal(byId["CLS-R2"].title_ru, "Клиент подтвердил решение");
  assert.equal(byId["CLS-R1"].regulation, "closing");
  assert.equal(byId["REP-T1"].regulation, "repeat");
  for (const r of list) {
    assert.ok(r.title_en.length > 0 && r.title_ru.length > 0, r.id);
  }
});
