// The demo page: a support specialist walks a ticket through closing, in an
// archive that holds the client's earlier tickets. The checklist, every
// refusal and the client's history come from the WebAssembly package, in Russian.
import {
  Archive, TransitionRefused, closingChecklist, rules, statuses, transitions, version,
} from "../pkg/browser.js";
import {
  ACTOR, CLOSE, ITEM_STATUS_RU, NEW_TICKET, START, STEPS, clickTime, clientHistory, openArchive,
} from "./scenario.js";
import "./triage.js";

const $ = (selector) => document.querySelector(selector);
const el = (tag, text, attrs = {}) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
};
const statusRu = Object.fromEntries(statuses().map((s) => [s.status, s.label_ru]));
const commandRu = Object.fromEntries(transitions().map((t) => [t.command, t.summary_ru]));

// Every command goes through the archive; `ticket` is a copy, taken again after each one.
const archive = openArchive(Archive);
let ticket = archive.get(NEW_TICKET.id);
let clicks = 0;
let now = START;

function unmetList(list, unmet) {
  list.replaceChildren(
    ...unmet.map((u) => el("li", `${u.rule} — ${u.message_ru}`, { "data-rule": u.rule, "data-code": u.code })),
  );
}

function render() {
  const state = ticket.state;
  $("#ticket-id").textContent = state.id;
  $("#ticket-subject").textContent = state.subject;
  $("#ticket-client").textContent = `${state.contact_name}, ${state.client_id}`;
  $("#ticket-status").textContent = statusRu[state.status];
  $("#ticket-status").dataset.status = state.status;
  $("#clock").textContent = now;

  // What the status allows now, from the core; the demo knows payloads only.
  const available = new Map(ticket.available(now).map((a) => [a.command, a]));
  $("#actions").replaceChildren(
    ...STEPS.map(([command, label]) => {
      const a = available.get(command);
      const button = el("button", label, { "data-command": command, type: "button" });
      button.disabled = !a?.allowed;
      button.title = a ? a.unmet.map((u) => `${u.rule}: ${u.message_ru}`).join("\n") : "Недоступно в этом статусе";
      button.addEventListener("click", () => act(command));
      return button;
    }),
  );
  $("#close").disabled = state.status === "closed";

  const blockers = ticket.whyBlocked("close", now);
  unmetList($("#blockers"), blockers);
  $("#blockers-none").hidden = blockers.length > 0;

  $("#checklist tbody").replaceChildren(
    ...closingChecklist(ticket).map((item) => {
      const row = el("tr", undefined, { "data-key": item.key, "data-status": item.status });
      row.append(el("td", item.title_ru), el("td", ITEM_STATUS_RU[item.status]), el("td", item.explanation_ru));
      return row;
    }),
  );

  $("#history").replaceChildren(
    ...ticket.history.map((e) => el("li", `${e.at} ${commandRu[e.command.type]}`, { "data-seq": String(e.seq) })),
  );

  const history = clientHistory(archive, ticket.id, statusRu);
  $("#chain").textContent = history.line;
  $("#client-history tbody").replaceChildren(
    ...history.rows.map((cells) => {
      const row = el("tr", undefined, { "data-id": cells[0] });
      row.append(...cells.map((text) => el("td", text)));
      return row;
    }),
  );
}

/** One click: the clock moves on, the command is applied or refused. */
function apply(command) {
  clicks += 1;
  now = clickTime(clicks);
  $("#refusal").hidden = true;
  $("#result").textContent = "";
  try {
    archive.apply(NEW_TICKET.id, command, { at: now, actor: ACTOR });
    ticket.free();
    ticket = archive.get(NEW_TICKET.id);
    return true;
  } catch (e) {
    if (!(e instanceof TransitionRefused)) throw e;
    $("#refusal").hidden = false;
    $("#refusal-title").textContent = `Действие «${commandRu[command.type]}» отклонено: не выполнено правил — ${e.unmet.length}`;
    unmetList($("#refusal-list"), e.unmet);
    return false;
  }
}

function act(name) {
  const step = STEPS.find(([command]) => command === name);
  apply({ type: name, ...step[2] });
  render();
}

$("#close").addEventListener("click", () => {
  if (apply(CLOSE)) $("#result").textContent = `Обращение ${ticket.id} закрыто: ${CLOSE.reason}`;
  render();
});

// The regulation's rules.
const body = $("#rules tbody");
for (const rule of rules()) {
  const row = el("tr", undefined, { "data-rule": rule.id });
  for (const text of [rule.id, rule.title_ru, rule.title_en]) row.append(el("td", text));
  body.append(row);
}
$("#status").textContent = `ticketry ${version()}, правил: ${body.rows.length}`;
render();
document.body.dataset.ready = "true";
