// The demo's data: a realistic PASS24.online ticket and what the specialist
// records at each step. Data only: every rule comes from the package.
// Shared by the page (demo.js) and its browser test.

export const ACTOR = { id: "anna", role: "specialist", name: "Анна Смирнова" };

export const NEW_TICKET = {
  id: "T-10234",
  client_id: "zhk-severny",
  contact_name: "Ирина Петрова",
  product: "PASS24 Шлагбаум",
  subject: "Не открывается шлагбаум по пропускам",
  description: "С утра шлагбаум на въезде не реагирует на постоянные пропуска жителей",
  priority: "high",
};

/** The demo's clock: the ticket opens at START; every click is STEP_MINUTES later. */
export const START = "2025-03-03T06:00:00Z";
export const STEP_MINUTES = 10;

/** The time of the `n`-th click (from 1). */
export function clickTime(n) {
  return new Date(Date.parse(START) + n * STEP_MINUTES * 60_000).toISOString();
}

/** What the specialist records, by command, in the order of the walk through closing. */
export const STEPS = [
  ["log_message", "Написать клиенту", { direction: "to_client", text: "Здравствуйте! Проверяем контроллер шлагбаума." }],
  ["add_diagnostic", "Записать диагностику", { summary: "Контроллер шлагбаума не на связи с 07:40", details: "ping 10.0.0.12: timeout" }],
  ["log_work", "Учесть время работы", { minutes: 45, note: "Диагностика и перезапуск контроллера" }],
  ["verify_resolution", "Проверить решение", { system_works: true, all_aspects_solved: true, no_related_problems: true, note: "Проезд по трём пропускам проверен" }],
  ["request_confirmation", "Запросить подтверждение", {}],
  ["record_confirmation", "Клиент подтвердил", { note: "Да, всё работает" }],
  ["record_documentation", "Задокументировать решение", {
    problem_description: "Шлагбаум не открывался по постоянным пропускам",
    cause: "После отключения питания контроллер потерял связь с сервером",
    applied_solution: "Перезапустили контроллер и восстановили подключение к серверу",
    recommendations: "Подключить контроллер к источнику бесперебойного питания",
    resources: ["KB-118: Контроллер не на связи"],
  }],
  ["check_completeness", "Проверить полноту информации", { diagnostics_apply: true }],
  ["record_knowledge_base_decision", "Решение по базе знаний", { decision: { kind: "not_needed_already_covered", article: "KB-118" } }],
  ["send_final_notification", "Отправить финальное уведомление", {}],
];

export const CLOSE = { type: "close", reason: "Проблема решена", result: "Проезд по пропускам восстановлен" };

/**
 * The archive the ticket is opened in: earlier tickets, oldest first, so the
 * history panel has something to show (REP-1). T-900 is the same problem,
 * walked through closing like the demo ticket; T-920 came back after it and
 * was linked as its repeat (REP-3); T-930 is another client's.
 */
export const EARLIER = [
  { open: { id: "T-900" }, at: "2025-02-10T06:00:00Z", closed: true },
  {
    open: { id: "T-920", subject: "Шлагбаум снова не открывается после отключения питания" },
    at: "2025-02-24T06:00:00Z",
    repeatOf: { target: "T-900", repeat_type: "same_problem", comment: "Снова контроллер не на связи после отключения питания" },
  },
  {
    open: { id: "T-930", client_id: "bc-vostok", contact_name: "Олег Кузнецов", product: "PASS24 Гостевые пропуска", subject: "Не приходят уведомления о гостях" },
    at: "2025-02-26T06:00:00Z",
  },
];

/**
 * An archive (the package's `Archive` class, from the browser or the Node
 * entry) with the EARLIER tickets and the demo ticket opened at START.
 */
export function openArchive(Archive) {
  const archive = new Archive();
  for (const spec of EARLIER) {
    const id = spec.open.id;
    let n = 0;
    const next = () => ({ at: new Date(Date.parse(spec.at) + ++n * STEP_MINUTES * 60_000).toISOString(), actor: ACTOR });
    archive.open({ ...NEW_TICKET, ...spec.open }, { at: spec.at, actor: ACTOR }).free();
    if (spec.closed) {
      for (const [type, , payload] of STEPS) archive.apply(id, { type, ...payload }, next());
      archive.apply(id, CLOSE, next());
    }
    if (spec.repeatOf) {
      archive.apply(id, { type: "record_repeat_decision", decision: "repeat", checked: ["client_history"], reason: "Клиент пишет о той же проблеме" }, next());
      archive.apply(id, { type: "link_ticket", kind: "repeat_of", ...spec.repeatOf }, next());
    }
  }
  archive.open(NEW_TICKET, { at: START, actor: ACTOR }).free();
  return archive;
}

/** The client's history as the page shows it: the rows of its table and the line about the ticket. */
export function clientHistory(archive, id, statusRu) {
  const rows = archive.earlierClientTickets(id).map((earlier) => {
    const ticket = archive.get(earlier);
    const state = ticket.state;
    ticket.free();
    return [earlier, state.created_at.slice(0, 10), state.subject, statusRu[state.status], archive.repeatChain(earlier).join(" → ")];
  });
  const linked = archive.linkedFrom(id);
  const line = `Цепочка повторов ${id}: ${archive.repeatChain(id).join(" → ")}. ` +
    `Ссылаются на ${id}: ${linked.length ? linked.join(", ") : "нет"}. Ранее обращений клиента: ${rows.length}.`;
  return { rows, line };
}

/** Russian names of checklist statuses. */
export const ITEM_STATUS_RU = { done: "выполнено", pending: "не выполнено", not_applicable: "не требуется" };
