// The demo page: lists the regulation's rules from the WebAssembly package.
import { rules, version } from "../pkg/browser.js";

const body = document.querySelector("#rules tbody");
for (const rule of rules()) {
  const row = document.createElement("tr");
  row.dataset.rule = rule.id;
  for (const text of [rule.id, rule.title_ru, rule.title_en]) {
    const cell = document.createElement("td");
    cell.textContent = text;
    row.append(cell);
  }
  body.append(row);
}
document.querySelector("#status").textContent = `ticketry ${version()}, правил: ${body.rows.length}`;
