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

/** Russian names of checklist statuses. */
export const ITEM_STATUS_RU = { done: "выполнено", pending: "не выполнено", not_applicable: "не требуется" };
