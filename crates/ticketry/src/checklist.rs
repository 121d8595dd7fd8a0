//! The regulation's checklists, evaluated from a ticket.
//!
//! [`closing_checklist`] is CLS-CHK, the 8 items of «Контрольный чек-лист»
//! of the closing regulation. Each item is done, pending, or not applicable,
//! with an explanation in Russian and English.
//!
//! ```
//! use ticketry::checklist::{closing_checklist, ItemStatus};
//! # let ticket = ticketry::doc_support::sample_ticket();
//! let list = closing_checklist(ticket.state(), &ticketry::Policy::default());
//! assert_eq!(list.len(), 8);
//! assert_eq!(list[0].title_ru, "Проблема полностью решена и проверена");
//! // The sample ticket was closed after a KB decision "already covered":
//! assert_eq!(list[4].status, ItemStatus::NotApplicable);
//! assert!(list.iter().all(|i| i.status != ItemStatus::Pending));
//! ```

use serde::Serialize;

use crate::closure::guards::{completeness_unmet, documentation_unmet, update_documentation_unmet};
use crate::policy::Policy;
use crate::rules::RuleId;
use crate::state::TicketState;

/// Where a checklist item stands.
///
/// ```
/// use ticketry::checklist::ItemStatus;
/// assert_eq!(serde_json::to_string(&ItemStatus::NotApplicable).unwrap(), "\"not_applicable\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Done.
    Done,
    /// Still to do.
    Pending,
    /// Does not apply to this ticket.
    NotApplicable,
}

/// One evaluated checklist item.
///
/// ```
/// # let ticket = ticketry::doc_support::fresh_ticket();
/// let item = &ticketry::checklist::closing_checklist(ticket.state(), &ticketry::Policy::default())[1];
/// assert_eq!(item.key, "client_confirmed");
/// assert_eq!(item.status, ticketry::checklist::ItemStatus::Pending);
/// assert_eq!(item.rule.as_str(), "CLS-R2");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    /// A stable key.
    pub key: &'static str,
    /// The rule behind the item.
    pub rule: RuleId,
    /// The item as the regulation words it.
    pub title_ru: &'static str,
    /// The item in English.
    pub title_en: &'static str,
    /// Where it stands.
    pub status: ItemStatus,
    /// Why, in Russian.
    pub explanation_ru: String,
    /// Why, in English.
    pub explanation_en: String,
}

struct Eval {
    status: ItemStatus,
    en: String,
    ru: String,
}

fn eval(status: ItemStatus, en: impl Into<String>, ru: impl Into<String>) -> Eval {
    Eval {
        status,
        en: en.into(),
        ru: ru.into(),
    }
}

/// A time as people at the policy's time zone read it: `04.03.2025 10:05`.
fn local(at: &chrono::DateTime<chrono::Utc>, policy: &Policy) -> String {
    at.with_timezone(&policy.time_zone)
        .format("%d.%m.%Y %H:%M")
        .to_string()
}

/// Evaluates CLS-CHK, the closing checklist, for a ticket. Times in the
/// explanations are in the policy's time zone.
///
/// | # | key | done when |
/// |---|---|---|
/// | 1 | `solved_and_verified` | the resolution of the current round is verified (CLS-1) |
/// | 2 | `client_confirmed` | the client confirmed; not applicable when closed with a mark (CLS-S1) |
/// | 3 | `documented` | the documentation is recorded, complete and not stale (CLS-3) |
/// | 4 | `completeness_checked` | the check is recorded and nothing is missing now (CLS-4) |
/// | 5 | `knowledge_base_updated` | an article was created or updated; not applicable when not needed (CLS-5) |
/// | 6 | `final_notification_sent` | the final notification was sent (CLS-6) |
/// | 7 | `closed_in_system` | closed with a reason, a result and a time (CLS-7) |
/// | 8 | `everything_saved` | closed, and every record above is in the ticket's history |
///
/// ```
/// use ticketry::checklist::{closing_checklist, ItemStatus};
/// # let ticket = ticketry::doc_support::fresh_ticket();
/// let list = closing_checklist(ticket.state(), &ticketry::Policy::default());
/// assert!(list.iter().all(|i| i.status == ItemStatus::Pending));
/// assert!(list[0].explanation_en.contains("not verified"));
/// ```
pub fn closing_checklist(state: &TicketState, policy: &Policy) -> Vec<ChecklistItem> {
    let date = |at: &chrono::DateTime<chrono::Utc>| local(at, policy);
    use ItemStatus::*;
    let c = &state.closure;
    let closed = state.closing.as_ref();
    let solved = match &c.verification {
        Some(v) => eval(
            Done,
            format!("verified on {}", date(&v.at)),
            format!("Проверено {}", date(&v.at)),
        ),
        None => eval(
            Pending,
            "the solution is not verified yet",
            "Решение ещё не проверено",
        ),
    };
    let confirmed = match (&c.confirmation, closed) {
        (Some(v), _) => eval(
            Done,
            format!("confirmed on {}", date(&v.at)),
            format!("Подтверждено {}", date(&v.at)),
        ),
        (None, Some(cl)) if cl.without_confirmation => eval(
            NotApplicable,
            "closed with a mark: the client did not answer the repeated request (CLS-S1)",
            "Закрыто с пометкой: клиент не ответил на повторный запрос (CLS-S1)",
        ),
        (None, _) if c.reminder.is_some() => {
            let reminder = c
                .reminder
                .as_ref()
                .map(|r| r.at)
                .unwrap_or(state.updated_at);
            let wait = policy.confirmation_wait_business_days;
            let from = date(
                &policy
                    .calendar
                    .business_deadline(reminder, wait, policy.time_zone),
            );
            eval(
                Pending,
                format!("repeated request sent; without an answer, closing with a mark is possible from {from} (CLS-S1)"),
                format!("Отправлен повторный запрос; без ответа закрыть с пометкой можно с {from} (CLS-S1)"),
            )
        }
        (None, _) if c.confirmation_requested.is_some() => eval(
            Pending,
            "confirmation requested; waiting for the client",
            "Подтверждение запрошено; ждём ответа клиента",
        ),
        (None, _) => eval(
            Pending,
            "confirmation not requested yet",
            "Подтверждение ещё не запрошено",
        ),
    };
    let documented = match &c.documentation {
        None => eval(
            Pending,
            "the solution is not documented",
            "Решение не задокументировано",
        ),
        Some(d) if d.stale => eval(
            Pending,
            "the documentation predates the latest return to work",
            "Документация составлена до возобновления работы",
        ),
        Some(d) => {
            let mut missing = documentation_unmet(&d.documentation, "");
            missing.extend(update_documentation_unmet(state));
            if missing.is_empty() {
                eval(Done, "documented", "Задокументировано")
            } else {
                let fields: Vec<String> = missing.iter().filter_map(|u| u.field.clone()).collect();
                eval(
                    Pending,
                    format!("documentation incomplete: {}", fields.join(", ")),
                    format!("Документация неполная: {}", fields.join(", ")),
                )
            }
        }
    };
    let complete = match &c.completeness {
        None => eval(
            Pending,
            "completeness not checked",
            "Полнота информации не проверена",
        ),
        Some(check) => {
            let missing = completeness_unmet(state, check.diagnostics_apply);
            if missing.is_empty() {
                eval(
                    Done,
                    "all information recorded",
                    "Вся информация зафиксирована",
                )
            } else {
                let fields: Vec<String> = missing.iter().filter_map(|u| u.field.clone()).collect();
                eval(
                    Pending,
                    format!("information missing: {}", fields.join(", ")),
                    format!("Не хватает информации: {}", fields.join(", ")),
                )
            }
        }
    };
    let kb = match &c.knowledge_base {
        None => eval(
            Pending,
            "no knowledge-base decision recorded",
            "Решение по базе знаний не зафиксировано",
        ),
        Some(k) if k.decision.changed_knowledge_base() => eval(
            Done,
            format!("article {}", k.decision.article().unwrap_or_default()),
            format!("Статья {}", k.decision.article().unwrap_or_default()),
        ),
        Some(k) => match k.decision.article() {
            Some(a) => eval(
                NotApplicable,
                format!("not needed: already covered by {a}"),
                format!("Не требуется: уже есть в базе знаний ({a})"),
            ),
            None => eval(
                NotApplicable,
                "not needed: the solution is typical",
                "Не требуется: решение типовое",
            ),
        },
    };
    let notified = match &c.final_notification {
        Some(n) => eval(
            Done,
            format!("sent on {}", date(&n.at)),
            format!("Отправлено {}", date(&n.at)),
        ),
        None => eval(
            Pending,
            "the final notification is not sent",
            "Финальное уведомление не отправлено",
        ),
    };
    let closed_item = match closed {
        Some(cl) => eval(
            Done,
            format!("closed on {}: {}", date(&cl.at), cl.reason),
            format!("Закрыто {}: {}", date(&cl.at), cl.reason),
        ),
        None => eval(Pending, "the ticket is open", "Обращение открыто"),
    };
    let all_before = [&solved, &confirmed, &documented, &complete, &kb, &notified]
        .iter()
        .all(|e| e.status != Pending);
    let saved = match closed {
        Some(_) if all_before => eval(
            Done,
            "closed with every record in the ticket's history",
            "Закрыто, все записи сохранены в истории обращения",
        ),
        Some(_) => eval(
            Pending,
            "closed, but a record above is missing",
            "Закрыто, но какой-то записи выше не хватает",
        ),
        None => eval(
            Pending,
            "saved when the ticket is closed",
            "Сохраняется при закрытии",
        ),
    };
    let items: [(&str, RuleId, &str, &str, Eval); 8] = [
        (
            "solved_and_verified",
            RuleId::ClsR1,
            "Проблема полностью решена и проверена",
            "The problem is fully solved and verified",
            solved,
        ),
        (
            "client_confirmed",
            RuleId::ClsR2,
            "Получено подтверждение от клиента",
            "The client confirmed",
            confirmed,
        ),
        (
            "documented",
            RuleId::ClsR3,
            "Решение задокументировано",
            "The solution is documented",
            documented,
        ),
        (
            "completeness_checked",
            RuleId::Cls4,
            "Проверена полнота информации",
            "Completeness checked",
            complete,
        ),
        (
            "knowledge_base_updated",
            RuleId::Cls5,
            "База знаний обновлена (если применимо)",
            "Knowledge base updated (where it applies)",
            kb,
        ),
        (
            "final_notification_sent",
            RuleId::Cls6,
            "Отправлено финальное уведомление клиенту",
            "Final notification sent",
            notified,
        ),
        (
            "closed_in_system",
            RuleId::Cls7,
            "Обращение закрыто в системе",
            "Closed in the system",
            closed_item,
        ),
        (
            "everything_saved",
            RuleId::ClsChk,
            "Вся информация сохранена",
            "Everything saved",
            saved,
        ),
    ];
    items
        .into_iter()
        .map(|(key, rule, title_ru, title_en, e)| ChecklistItem {
            key,
            rule,
            title_ru,
            title_en,
            status: e.status,
            explanation_ru: e.ru,
            explanation_en: e.en,
        })
        .collect()
}
