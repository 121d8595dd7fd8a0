// The triage panel of the demo page: a new ticket and the earlier tickets it
// likely repeats (REP-1), each explained, from the package's Detector over
// the sample archive of triage-data.mjs.
import * as ticketry from "../pkg/browser.js";
import { ARCHIVE, CLIENTS, NEW_TICKETS, byteSlice, russianLabels, triageRows } from "./triage-data.mjs";

const { Detector, TicketryError } = ticketry;

const $ = (selector) => document.querySelector(selector);
const el = (tag, text, attrs = {}) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
};
const ru = russianLabels(ticketry);
const detector = Detector.fromDocs(ARCHIVE);
$("#triage-archive").textContent = `${detector.size} обращений, ${Object.keys(CLIENTS).length} клиентов`;

$("#triage-pick").append(
  ...NEW_TICKETS.map((n) => el("option", n.title, { value: n.key })),
  el("option", "Своё обращение…", { value: "custom" }),
);
$("#triage-client").append(
  ...Object.entries(CLIENTS).map(([id, name]) => el("option", `${name} (${id})`, { value: id })),
  el("option", "Новый клиент (zhk-novyi)", { value: "zhk-novyi" }),
);

function fill(key) {
  const picked = NEW_TICKETS.find((n) => n.key === key);
  const t = picked?.ticket ?? { client_id: "zhk-novyi", product: "", opened_at: "2025-03-20T10:00:00Z", subject: "", description: "" };
  $("#triage-client").value = t.client_id;
  $("#triage-product").value = t.product;
  $("#triage-at").value = t.opened_at;
  $("#triage-subject").value = t.subject;
  $("#triage-description").value = t.description;
}

/** The query from the form. */
export function queryOfForm() {
  return {
    client_id: $("#triage-client").value,
    product: $("#triage-product").value,
    opened_at: $("#triage-at").value.trim(),
    subject: $("#triage-subject").value,
    description: $("#triage-description").value,
  };
}

function run() {
  const query = queryOfForm();
  $("#triage-error").hidden = true;
  let found;
  try {
    found = detector.detect(query);
  } catch (e) {
    if (!(e instanceof TicketryError)) throw e;
    $("#triage-error").hidden = false;
    $("#triage-error").textContent = `Ошибка в поле ${e.field ?? ""}: ${e.message}`;
    $("#triage tbody").replaceChildren();
    return;
  }
  const rows = triageRows(found, query, ru);
  const best = found.candidates[0];
  $("#triage-decision").textContent = best
    ? `Итог: ${ru.decision[found.decision]}; первым проверить ${best.id} (оценка ${best.score.toFixed(2)}).`
    : "Итог: похожих обращений раньше не было.";
  $("#triage-decision").dataset.decision = found.decision;
  const mentioned = found.candidates.find((c) => c.signals.reference);
  $("#triage-mention").replaceChildren();
  if (mentioned) {
    const r = mentioned.signals.reference;
    const [before, mention, after] = byteSlice(query[r.field], r.start, r.end);
    $("#triage-mention").append(`Клиент ссылается на ${r.id}: «${before}`, el("mark", mention), `${after}»`);
  }
  $("#triage-ignored").textContent = found.ignored_references.length
    ? `Не учтены ссылки: ${found.ignored_references.map(([r, why]) => `«${r.text}» — ${ru.ignored[why]}`).join("; ")}`
    : "";
  $("#triage tbody").replaceChildren(
    ...rows.map((row) => {
      const tr = el("tr", undefined, { "data-id": row.id, "data-decision": row.decision });
      tr.append(...row.cells.map((text) => el("td", text)));
      return tr;
    }),
  );
}

$("#triage-pick").addEventListener("change", (e) => fill(e.target.value));
$("#triage-run").addEventListener("click", run);
fill(NEW_TICKETS[0].key);
