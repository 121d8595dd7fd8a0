//! The regulation's checklists, evaluated from a ticket.
//!
//! [`closing_checklist`] is CLS-CHK, the 8 items of «Контрольный чек-лист»
//! of the closing regulation; [`repeat_checklist`] is REP-CHK, the 8 items of
//! the repeat regulation's checklist. Each item is done, pending, or not applicable,
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

/// The evaluated rows as checklist items.
fn into_items(
    rows: [(&'static str, RuleId, &'static str, &'static str, Eval); 8],
) -> Vec<ChecklistItem> {
    rows.into_iter()
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

/// CLS-3 as a checklist item: recorded, not stale, complete.
fn documented(state: &TicketState) -> Eval {
    use ItemStatus::*;
    match &state.closure.documentation {
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
    }
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
    let documented = documented(state);
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
    into_items(items)
}

/// Evaluates REP-CHK, the 8-item checklist of the repeat regulation
/// («Контрольный чек-лист»), for a ticket.
///
/// | # | key | rule | done when |
/// |---|---|---|---|
/// | 1 | `repeat_identified` | REP-1 | the decision is recorded (repeat or not) |
/// | 2 | `earlier_analyzed` | REP-2 | every earlier ticket linked as repeated is analysed |
/// | 3 | `linked` | REP-3 | linked to at least one earlier ticket, and to every analysed one |
/// | 4 | `cause_determined` | REP-4 | the cause is determined |
/// | 5 | `solution_applied` | REP-5 | an action is recorded |
/// | 6 | `fully_resolved` | REP-6 | verified, and confirmed (or closed with a mark) |
/// | 7 | `prevention_given` | REP-7 | recommendations given and understood |
/// | 8 | `documented` | CLS-3 | the solution documentation is complete and current |
///
/// For a ticket decided not to be a repeat, items 2–8 do not apply.
///
/// ```
/// use ticketry::checklist::{repeat_checklist, ItemStatus};
/// # let ticket = ticketry::doc_support::repeat_ticket();
/// let list = repeat_checklist(ticket.state(), &ticketry::Policy::default());
/// assert_eq!(list.len(), 8);
/// assert_eq!(list[0].title_ru, "Выявлено повторное обращение");
/// assert!(list.iter().all(|i| i.status == ItemStatus::Done));
///
/// # let fresh = ticketry::doc_support::fresh_ticket();
/// let list = repeat_checklist(fresh.state(), &ticketry::Policy::default());
/// assert!(list.iter().all(|i| i.status == ItemStatus::Pending));
/// ```
pub fn repeat_checklist(state: &TicketState, policy: &Policy) -> Vec<ChecklistItem> {
    use ItemStatus::*;
    let date = |at: &chrono::DateTime<chrono::Utc>| local(at, policy);
    let r = &state.repeat;
    let links: Vec<&crate::ticket::TicketLink> = state.repeats_of().collect();
    let ids = |v: &[&crate::ticket::TicketId]| {
        v.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ")
    };
    let decided_not = !state.is_repeat()
        && r.decision
            .as_ref()
            .is_some_and(|d| d.decision == crate::repeat::RepeatDecision::NotRepeat);
    let identified = match (&r.decision, state.is_repeat()) {
        (_, true) => {
            let earlier: Vec<&crate::ticket::TicketId> = links.iter().map(|l| &l.target).collect();
            if earlier.is_empty() {
                eval(Done, "decided: a repeat", "Решено: обращение повторное")
            } else {
                eval(
                    Done,
                    format!("a repeat of {}", ids(&earlier)),
                    format!("Повторное: {}", ids(&earlier)),
                )
            }
        }
        (Some(d), false) => eval(
            Done,
            format!("not a repeat: {}", d.reason),
            format!("Не повторное: {}", d.reason),
        ),
        (None, false) => eval(
            Pending,
            "not decided yet: check the client's history, similar problems, mentions, keywords",
            "Ещё не решено: проверьте историю клиента, похожие проблемы, упоминания, ключевые слова",
        ),
    };
    let na = || eval(NotApplicable, "not a repeat", "Обращение не повторное");
    let undecided = || {
        eval(
            Pending,
            "decide first whether the ticket is a repeat",
            "Сначала решите, повторное ли обращение",
        )
    };
    let gate = |e: Eval| {
        if decided_not {
            na()
        } else if !state.is_repeat() {
            undecided()
        } else {
            e
        }
    };
    let unanalysed: Vec<&crate::ticket::TicketId> = links
        .iter()
        .map(|l| &l.target)
        .filter(|t| r.analysis_of(t).is_none())
        .collect();
    let analyzed = gate(match (r.analyses.is_empty(), unanalysed.is_empty()) {
        (false, true) => eval(
            Done,
            format!("{} earlier ticket(s) analysed", r.analyses.len()),
            format!(
                "Проанализировано предыдущих обращений: {}",
                r.analyses.len()
            ),
        ),
        (true, true) => eval(Pending, "no analysis recorded", "Анализ не зафиксирован"),
        (_, false) => eval(
            Pending,
            format!("not analysed: {}", ids(&unanalysed)),
            format!("Не проанализированы: {}", ids(&unanalysed)),
        ),
    });
    let unlinked: Vec<&crate::ticket::TicketId> = r
        .analyses
        .iter()
        .map(|a| &a.earlier)
        .filter(|t| !links.iter().any(|l| &l.target == *t))
        .collect();
    let linked = gate(match (links.is_empty(), unlinked.is_empty()) {
        (false, true) => eval(
            Done,
            format!("linked to {} earlier ticket(s)", links.len()),
            format!("Связано с предыдущими обращениями: {}", links.len()),
        ),
        (true, _) => eval(
            Pending,
            "not linked to any earlier ticket",
            "Не связано ни с одним предыдущим обращением",
        ),
        (false, false) => eval(
            Pending,
            format!("analysed but not linked: {}", ids(&unlinked)),
            format!("Проанализированы, но не связаны: {}", ids(&unlinked)),
        ),
    });
    let cause = gate(match &r.cause {
        Some(c) => eval(
            Done,
            c.cause.label_en().to_owned(),
            c.cause.label_ru().to_owned(),
        ),
        None if !r.information_requests.is_empty() => eval(
            Pending,
            "information requested from the client; the cause is not determined yet",
            "У клиента запрошена информация; причина ещё не определена",
        ),
        None => eval(
            Pending,
            "the cause is not determined",
            "Причина не определена",
        ),
    });
    let applied = gate(match r.actions.last() {
        Some(a) => eval(
            Done,
            format!("{} on {}", a.action.label_en(), date(&a.at)),
            format!("{} ({})", a.action.label_ru(), date(&a.at)),
        ),
        None => match crate::repeat::RepeatAction::for_cause(r.determined_cause()) {
            Some(next) => eval(
                Pending,
                format!("to do: {}", next.label_en()),
                format!("Нужно: {}", next.label_ru()),
            ),
            None => eval(
                Pending,
                "no solution applied; determine the cause first",
                "Решение не применено; сначала определите причину",
            ),
        },
    });
    let c = &state.closure;
    let mark = state
        .closing
        .as_ref()
        .is_some_and(|cl| cl.without_confirmation);
    let resolved = gate(match (&c.verification, c.confirmation.is_some() || mark) {
        (Some(_), true) => eval(Done, "verified and confirmed", "Проверено и подтверждено"),
        (Some(_), false) => eval(
            Pending,
            "verified; waiting for the client's confirmation",
            "Проверено; ждём подтверждения клиента",
        ),
        (None, _) => eval(Pending, "not verified yet", "Ещё не проверено"),
    });
    let prevention = gate(match &r.prevention {
        Some(p) if p.understood.is_some() => {
            eval(Done, "given and understood", "Предоставлены, клиент понял")
        }
        Some(_) => eval(
            Pending,
            "given; the client has not confirmed understanding them",
            "Предоставлены; клиент не подтвердил, что понял",
        ),
        None => eval(Pending, "not given", "Не предоставлены"),
    });
    let doc = gate(documented(state));
    let items: [(&str, RuleId, &str, &str, Eval); 8] = [
        (
            "repeat_identified",
            RuleId::Rep1,
            "Выявлено повторное обращение",
            "The repeat is identified",
            identified,
        ),
        (
            "earlier_analyzed",
            RuleId::Rep2,
            "Проанализированы предыдущие обращения",
            "The earlier tickets are analysed",
            analyzed,
        ),
        (
            "linked",
            RuleId::Rep3,
            "Обращения связаны в системе",
            "The tickets are linked",
            linked,
        ),
        (
            "cause_determined",
            RuleId::Rep4,
            "Определена причина повторения",
            "The cause of recurrence is determined",
            cause,
        ),
        (
            "solution_applied",
            RuleId::Rep5,
            "Применено решение",
            "The solution is applied",
            applied,
        ),
        (
            "fully_resolved",
            RuleId::Rep6,
            "Проблема решена полностью",
            "The problem is fully resolved",
            resolved,
        ),
        (
            "prevention_given",
            RuleId::Rep7,
            "Предоставлены рекомендации по предотвращению повторения",
            "Prevention recommendations given",
            prevention,
        ),
        (
            "documented",
            RuleId::RepChk,
            "Обращение задокументировано",
            "The ticket is documented",
            doc,
        ),
    ];
    into_items(items)
}
