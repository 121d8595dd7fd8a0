//! The guards: every rule a command must meet, evaluated as data.
//!
//! Three layers, each returning every problem at once:
//! - [`check_input`]: the command's data is well-formed (`InvalidInput`);
//! - [`kind_unmet`]: what the ticket's state must satisfy for this kind of
//!   command, whatever its payload (the readiness rules of closing live here);
//! - [`payload_unmet`]: what the payload must satisfy (required texts…).

use chrono::{DateTime, Utc};

use super::command::*;
use super::table::{Command, CommandKind, Status};
use super::unmet::{Unmet, UnmetCode};
use crate::error::ApplyError;
use crate::policy::Policy;
use crate::rules::RuleId;
use crate::state::TicketState;
use crate::ticket::Meta;

/// Which way a ticket is being closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClosePath {
    /// The client confirmed (CLS-R2).
    Confirmed,
    /// With a mark, after the wait (CLS-S1).
    WithMark,
}

fn required(
    unmet: &mut Vec<Unmet>,
    rule: RuleId,
    field: &str,
    value: &str,
    what_en: &str,
    what_ru: &str,
) {
    if is_placeholder(value) {
        unmet.push(
            Unmet::new(
                rule,
                UnmetCode::FieldRequired,
                format!("{what_en} is required (`{field}` is empty or a placeholder)"),
                format!("Нужно указать {what_ru} (поле `{field}` пустое или заполнено заглушкой)"),
            )
            .at_field(field),
        );
    }
}

/// Data-shape checks: a failure is `InvalidInput` naming the field.
pub(crate) fn check_input(
    state: &TicketState,
    cmd: &Command,
    meta: &Meta,
) -> Result<(), ApplyError> {
    if meta.at < state.updated_at {
        return Err(ApplyError::invalid(
            "at",
            format!(
                "{} is earlier than the ticket's latest event at {}; events must not go back in time",
                meta.at.to_rfc3339(),
                state.updated_at.to_rfc3339()
            ),
        ));
    }
    if meta.actor.id.trim().is_empty() {
        return Err(ApplyError::invalid("actor.id", "must not be empty"));
    }
    match cmd {
        Command::Open(_) => return Err(ApplyError::AlreadyOpened),
        Command::LogMessage(m) if m.text.trim().is_empty() => {
            return Err(ApplyError::invalid("text", "a message must not be empty"))
        }
        Command::AddDiagnostic(d) if d.summary.trim().is_empty() => {
            return Err(ApplyError::invalid(
                "summary",
                "a diagnostic entry needs a summary",
            ))
        }
        Command::LogWork(w) if w.minutes == 0 => {
            return Err(ApplyError::invalid(
                "minutes",
                "logged work must be at least one minute",
            ))
        }
        Command::RecordQuestion(q) if q.text.trim().is_empty() => {
            return Err(ApplyError::invalid("text", "a question must not be empty"))
        }
        Command::AnswerQuestion(a) => {
            let Some(q) = state.questions.iter().find(|q| q.id == a.question_id) else {
                return Err(ApplyError::invalid(
                    "question_id",
                    format!(
                        "there is no question {} (the ticket has {})",
                        a.question_id,
                        state.questions.len()
                    ),
                ));
            };
            if q.is_answered() {
                return Err(ApplyError::invalid(
                    "question_id",
                    format!("question {} is already answered", a.question_id),
                ));
            }
            if a.answer.trim().is_empty() {
                return Err(ApplyError::invalid("answer", "an answer must not be empty"));
            }
        }
        Command::RecordConfirmation(c) => {
            if let Some(i) = c.further_questions.iter().position(|q| q.trim().is_empty()) {
                return Err(ApplyError::invalid(
                    format!("further_questions[{i}]"),
                    "a question must not be empty",
                ));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Whether the status allows the kind; if not, the unmet entry saying so.
pub(crate) fn state_unmet(status: Status, kind: CommandKind) -> Option<Unmet> {
    let def = kind.definition();
    if def.allowed_in(status) {
        return None;
    }
    if def.from.is_empty() {
        return Some(Unmet::new(
            RuleId::Cls7,
            UnmetCode::NotAllowedInState,
            format!("`{kind}` starts a new ticket; this one is already open ({status})"),
            format!(
                "«{}»: обращение уже создано (статус: {})",
                def.summary_ru,
                status.label_ru()
            ),
        ));
    }
    let rule = def.rules.first().copied().unwrap_or(RuleId::Cls7);
    let allowed: Vec<&str> = def.from.iter().map(|s| s.as_str()).collect();
    let allowed_ru: Vec<&str> = def.from.iter().map(|s| s.label_ru()).collect();
    Some(Unmet::new(
        rule,
        UnmetCode::NotAllowedInState,
        format!(
            "`{}` is possible only when the ticket is {}; it is {}",
            kind,
            allowed.join(" or "),
            status
        ),
        format!(
            "«{}» возможно только в статусе: {}; сейчас: {}",
            def.summary_ru,
            allowed_ru.join(" / "),
            status.label_ru()
        ),
    ))
}

/// The CLS-3 checks of a documentation value.
pub(crate) fn documentation_unmet(doc: &SolutionDocumentation, prefix: &str) -> Vec<Unmet> {
    let mut unmet = Vec::new();
    let fields: [(&str, &str, &str, &str); 4] = [
        (
            "problem_description",
            &doc.problem_description,
            "the problem description",
            "описание проблемы",
        ),
        (
            "cause",
            &doc.cause,
            "the cause of the problem",
            "причину проблемы",
        ),
        (
            "applied_solution",
            &doc.applied_solution,
            "the applied solution",
            "применённое решение",
        ),
        (
            "recommendations",
            &doc.recommendations,
            "recommendations to the client",
            "рекомендации клиенту",
        ),
    ];
    for (name, value, en, ru) in fields {
        if is_placeholder(value) {
            unmet.push(
                Unmet::new(
                    RuleId::Cls3,
                    UnmetCode::DocumentationFieldMissing,
                    format!("the documentation lacks {en} (`{name}` is empty or a placeholder)"),
                    format!("В документации не указано: {ru} (поле `{name}` пустое или заглушка)"),
                )
                .at_field(format!("{prefix}{name}")),
            );
        }
    }
    if doc.resources.iter().all(|r| is_placeholder(r)) {
        unmet.push(
            Unmet::new(
                RuleId::Cls3,
                UnmetCode::DocumentationFieldMissing,
                "the documentation lacks links to the resources used (`resources` is empty)",
                "В документации нет ссылок на использованные ресурсы (поле `resources` пустое)",
            )
            .at_field(format!("{prefix}resources")),
        );
    } else if let Some(i) = doc.resources.iter().position(|r| is_placeholder(r)) {
        unmet.push(
            Unmet::new(
                RuleId::Cls3,
                UnmetCode::DocumentationFieldMissing,
                format!("resource {} is empty or a placeholder", i + 1),
                format!("Ресурс {} пустой или заглушка", i + 1),
            )
            .at_field(format!("{prefix}resources[{i}]")),
        );
    }
    if let Some(update) = &doc.product_update {
        if is_placeholder(update) {
            unmet.push(
                Unmet::new(
                    RuleId::ClsS2,
                    UnmetCode::ProductUpdateNotDocumented,
                    "`product_update` is given but empty or a placeholder",
                    "Поле `product_update` заполнено заглушкой",
                )
                .at_field(format!("{prefix}product_update")),
            );
        }
    }
    unmet
}

/// The CLS-4 information items missing from the ticket now.
pub(crate) fn completeness_unmet(state: &TicketState, diagnostics_apply: bool) -> Vec<Unmet> {
    let mut unmet = Vec::new();
    let mut missing = |field: &str, en: &str, ru: &str| {
        unmet.push(
            Unmet::new(
                RuleId::Cls4,
                UnmetCode::InformationMissing,
                format!("information missing: {en}"),
                format!("Не хватает информации: {ru}"),
            )
            .at_field(field),
        );
    };
    if is_placeholder(&state.description) {
        missing(
            "description",
            "the problem description",
            "описание проблемы",
        );
    }
    let documented = state
        .closure
        .documentation
        .as_ref()
        .is_some_and(|d| !is_placeholder(&d.documentation.applied_solution));
    if !documented {
        missing("documentation.applied_solution", "the solution", "решение");
    }
    if state.handling_minutes() == 0 {
        missing(
            "work_log",
            "the handling time (no work logged)",
            "время обработки (работа не зафиксирована)",
        );
    }
    if !state.has_communication() {
        missing(
            "messages",
            "the communication with the client (no message to the client)",
            "коммуникация с клиентом (нет сообщений клиенту)",
        );
    }
    if diagnostics_apply && state.diagnostics.is_empty() {
        missing(
            "diagnostics",
            "the diagnostic information",
            "диагностическая информация",
        );
    }
    unmet
}

/// CLS-S2: when a product update was needed, the documentation must state it.
pub(crate) fn update_documentation_unmet(state: &TicketState) -> Option<Unmet> {
    let documented = state
        .documentation()
        .and_then(|d| d.product_update.as_deref())
        .is_some_and(|u| !is_placeholder(u));
    (!state.product_updates.is_empty() && !documented).then(|| {
        Unmet::new(
            RuleId::ClsS2,
            UnmetCode::ProductUpdateNotDocumented,
            "the documentation must state the product update that was needed",
            "В документации нужно указать, что потребовалось обновление продукта",
        )
        .at_field("documentation.product_update")
    })
}

/// Every readiness rule for closing (CLS-R1..R4, CLS-3..6, CLS-S1, CLS-S2).
pub(crate) fn readiness_unmet(
    state: &TicketState,
    path: ClosePath,
    at: DateTime<Utc>,
    policy: Option<&Policy>,
    include_notification: bool,
) -> Vec<Unmet> {
    let mut unmet = Vec::new();
    let c = &state.closure;
    // CLS-R1 / CLS-1
    if c.verification.is_none() {
        unmet.push(Unmet::new(
            RuleId::ClsR1,
            UnmetCode::NotVerified,
            "the solution has not been verified (works, all aspects solved, no related problems)",
            "Решение не проверено: нужно убедиться, что система работает, все аспекты проблемы решены и нет связанных проблем",
        ));
    }
    // CLS-R2 / CLS-2, or CLS-S1 for the close with a mark
    match path {
        ClosePath::Confirmed => {
            if c.confirmation.is_none() {
                unmet.push(Unmet::new(
                    RuleId::ClsR2,
                    UnmetCode::NotConfirmed,
                    "the client has not confirmed the solution",
                    "Клиент не подтвердил решение",
                ));
            }
        }
        ClosePath::WithMark => match &c.reminder {
            None => unmet.push(Unmet::new(
                RuleId::ClsS1,
                UnmetCode::ReminderNotSent,
                "closing without confirmation needs a repeated confirmation request first",
                "Для закрытия без подтверждения сначала нужно отправить повторный запрос",
            )),
            // Without a policy (replaying facts) the wait is not re-judged.
            Some(_) if policy.is_none() => {}
            Some(reminder) => {
                let Some(policy) = policy else { return unmet };
                let wait = policy.confirmation_wait_business_days;
                let deadline =
                    policy
                        .calendar
                        .business_deadline(reminder.at, wait, policy.time_zone);
                if at < deadline {
                    let local = deadline.with_timezone(&policy.time_zone);
                    unmet.push(Unmet::new(
                        RuleId::ClsS1,
                        UnmetCode::ConfirmationWaitNotElapsed,
                        format!(
                            "the client has {wait} business day(s) to answer the repeated request; closing with a mark is possible from {}",
                            local.format("%Y-%m-%d %H:%M %Z")
                        ),
                        format!(
                            "Клиенту даётся {} на ответ на повторный запрос; закрыть с пометкой можно с {}",
                            business_days_ru(wait),
                            local.format("%d.%m.%Y %H:%M")
                        ),
                    ));
                }
            }
        },
    }
    // CLS-R3 / CLS-3
    match &c.documentation {
        None => unmet.push(Unmet::new(
            RuleId::ClsR3,
            UnmetCode::NotDocumented,
            "the solution is not documented",
            "Решение не задокументировано",
        )),
        Some(doc) => {
            if doc.stale {
                unmet.push(Unmet::new(
                    RuleId::Cls3,
                    UnmetCode::DocumentationStale,
                    "the documentation was written before work resumed; review it and record it again",
                    "Документация составлена до возобновления работы: проверьте и зафиксируйте её заново",
                ).at_field("documentation"));
            }
            unmet.extend(documentation_unmet(&doc.documentation, "documentation."));
        }
    }
    // CLS-R4
    for q in state.unanswered_questions() {
        unmet.push(
            Unmet::new(
                RuleId::ClsR4,
                UnmetCode::QuestionUnanswered,
                format!("the client's question {} has no answer: «{}»", q.id, q.text),
                format!("Вопрос клиента {} без ответа: «{}»", q.id, q.text),
            )
            .at_field(format!("questions[{}]", q.id)),
        );
    }
    // CLS-4
    match &c.completeness {
        None => unmet.push(Unmet::new(
            RuleId::Cls4,
            UnmetCode::CompletenessNotChecked,
            "the completeness of the information has not been checked",
            "Полнота информации не проверена",
        )),
        Some(check) => unmet.extend(completeness_unmet(state, check.diagnostics_apply)),
    }
    // CLS-5
    if c.knowledge_base.is_none() {
        unmet.push(Unmet::new(
            RuleId::Cls5,
            UnmetCode::KnowledgeBaseDecisionMissing,
            "no knowledge-base decision is recorded (article created/updated, or not needed)",
            "Не зафиксировано решение по базе знаний (статья создана/обновлена или не требуется)",
        ));
    }
    // CLS-S2
    for (i, update) in state.product_updates.iter().enumerate() {
        if update.confirmed.is_none() {
            unmet.push(
                Unmet::new(
                    RuleId::ClsS2,
                    UnmetCode::ProductUpdateNotConfirmed,
                    format!("the product update «{}» is not confirmed", update.update),
                    format!("Обновление продукта «{}» не подтверждено", update.update),
                )
                .at_field(format!("product_updates[{i}]")),
            );
        }
    }
    unmet.extend(update_documentation_unmet(state));
    // REP-2..7, REP-LINKALL for a repeat ticket; REP-1 when the policy asks for it
    unmet.extend(crate::repeat::guards::readiness_unmet(state, policy));
    // CLS-6
    if include_notification && c.final_notification.is_none() {
        unmet.push(Unmet::new(
            RuleId::Cls6,
            UnmetCode::FinalNotificationNotSent,
            "the final notification has not been sent to the client",
            "Клиенту не отправлено финальное уведомление",
        ));
    }
    unmet
}

/// «1 рабочий день», «2 рабочих дня», «5 рабочих дней».
fn business_days_ru(n: u32) -> String {
    let word = match (n % 10, n % 100) {
        (1, r) if r != 11 => "рабочий день",
        (2..=4, r) if !(12..=14).contains(&r) => "рабочих дня",
        _ => "рабочих дней",
    };
    format!("{n} {word}")
}

/// The rules that depend only on the ticket's state and the kind of command.
pub(crate) fn kind_unmet(
    state: &TicketState,
    kind: CommandKind,
    at: DateTime<Utc>,
    policy: Option<&Policy>,
) -> Vec<Unmet> {
    let mut unmet: Vec<Unmet> = policy.map(policy_unmet).unwrap_or_default();
    unmet.extend(state_unmet(state.status, kind));
    unmet.extend(crate::repeat::guards::kind_unmet(state, kind));
    match kind {
        CommandKind::Close => unmet.extend(readiness_unmet(
            state,
            ClosePath::Confirmed,
            at,
            policy,
            true,
        )),
        CommandKind::CloseWithoutConfirmation => unmet.extend(readiness_unmet(
            state,
            ClosePath::WithMark,
            at,
            policy,
            true,
        )),
        CommandKind::SendFinalNotification => {
            let path = if state.status == Status::ConfirmationReminded {
                ClosePath::WithMark
            } else {
                ClosePath::Confirmed
            };
            unmet.extend(readiness_unmet(state, path, at, policy, false));
        }
        _ => {}
    }
    unmet
}

/// A policy outside the regulation's range refuses every command: with a
/// wait of 0 days a ticket could be closed "with a mark" at the reminder.
fn policy_unmet(policy: &Policy) -> Vec<Unmet> {
    match policy.validate() {
        Ok(()) => Vec::new(),
        Err(e) => {
            let rule = if e.field().starts_with("confirmation_wait") {
                RuleId::ClsS1
            } else if e.field().starts_with("repeat.") {
                RuleId::RepS1
            } else if e.field().starts_with("detection.") {
                RuleId::Rep1
            } else {
                RuleId::ClsTplN
            };
            vec![Unmet::new(
                rule,
                UnmetCode::InvalidPolicy,
                format!("the policy is invalid: {e}"),
                format!(
                    "Политика некорректна: поле `{}`: {}",
                    e.field(),
                    e.message()
                ),
            )
            .at_field(format!("policy.{}", e.field()))]
        }
    }
}

/// A text for the client that still holds a template placeholder.
fn unfilled_text(unmet: &mut Vec<Unmet>, rule: RuleId, field: &str, text: &str) {
    if !is_placeholder(text) && contains_template_placeholder(text) {
        unmet.push(
            Unmet::new(
                rule,
                UnmetCode::TemplateValueMissing,
                format!("`{field}` still holds a template placeholder such as [Имя клиента]; fill it in"),
                format!("В поле `{field}` остался незаполненный шаблон, например [Имя клиента]; заполните его"),
            )
            .at_field(field),
        );
    }
}

/// The rules the payload itself must meet.
pub(crate) fn payload_unmet(state: &TicketState, cmd: &Command) -> Vec<Unmet> {
    if let Some(unmet) = crate::repeat::guards::payload_unmet(state, cmd) {
        return unmet;
    }
    let mut unmet = Vec::new();
    match cmd {
        Command::RecordDocumentation(doc) => unmet.extend(documentation_unmet(doc, "")),
        Command::CheckCompleteness(check) => {
            if state.closure.documentation.is_none() {
                unmet.push(Unmet::new(
                    RuleId::Cls4,
                    UnmetCode::NotDocumented,
                    "document the solution before checking completeness",
                    "Сначала задокументируйте решение, затем проверяйте полноту",
                ));
            }
            unmet.extend(
                completeness_unmet(state, check.diagnostics_apply)
                    .into_iter()
                    .filter(|u| {
                        state.closure.documentation.is_some()
                            || u.field.as_deref() != Some("documentation.applied_solution")
                    }),
            );
        }
        Command::RecordKnowledgeBaseDecision(d) => {
            if let Some(article) = d.decision.article() {
                if is_placeholder(article) {
                    unmet.push(
                        Unmet::new(
                            RuleId::Cls5,
                            UnmetCode::KnowledgeBaseReferenceMissing,
                            "the decision needs the article's reference",
                            "Укажите ссылку на статью базы знаний",
                        )
                        .at_field("decision.article"),
                    );
                }
            }
        }
        Command::RequireProductUpdate(u) => {
            required(
                &mut unmet,
                RuleId::ClsS2,
                "update",
                &u.update,
                "the update needed",
                "необходимое обновление",
            );
            required(
                &mut unmet,
                RuleId::ClsS2,
                "instructions",
                &u.instructions,
                "update instructions",
                "инструкции по обновлению",
            );
        }
        Command::VerifyResolution(v) => {
            let checks = [
                (
                    "system_works",
                    v.system_works,
                    "the system does not work yet",
                    "система ещё не работает",
                ),
                (
                    "all_aspects_solved",
                    v.all_aspects_solved,
                    "not every aspect of the problem is solved",
                    "решены не все аспекты проблемы",
                ),
                (
                    "no_related_problems",
                    v.no_related_problems,
                    "related problems remain",
                    "остались связанные проблемы",
                ),
            ];
            for (field, ok, en, ru) in checks {
                if !ok {
                    unmet.push(
                        Unmet::new(
                            RuleId::Cls1,
                            UnmetCode::VerificationCheckFailed,
                            format!("cannot record the resolution as verified: {en}; keep working"),
                            format!("Нельзя считать решение проверенным: {ru}; продолжайте работу"),
                        )
                        .at_field(field),
                    );
                }
            }
        }
        Command::ResumeWork(r) => required(
            &mut unmet,
            RuleId::Cls1,
            "reason",
            &r.reason,
            "the reason to resume work",
            "причину возобновления работы",
        ),
        Command::RecordNotSolved(r) => required(
            &mut unmet,
            RuleId::Cls2,
            "reason",
            &r.reason,
            "what the client says is not solved",
            "что, по словам клиента, не решено",
        ),
        Command::Close(Close { reason, result })
        | Command::CloseWithoutConfirmation(CloseWithoutConfirmation { reason, result }) => {
            required(
                &mut unmet,
                RuleId::Cls7,
                "reason",
                reason,
                "the closure reason",
                "причину закрытия",
            );
            required(
                &mut unmet,
                RuleId::Cls7,
                "result",
                result,
                "the result of the solution",
                "результат решения",
            );
        }
        Command::Reopen(r) => {
            required(
                &mut unmet,
                RuleId::ClsS3,
                "reason",
                &r.reason,
                "the reason to reopen",
                "причину повторного открытия",
            );
            required(
                &mut unmet,
                RuleId::ClsS3,
                "mistake_cause",
                &r.mistake_cause,
                "the cause of the mistaken close",
                "причину ошибочного закрытия",
            );
            required(
                &mut unmet,
                RuleId::ClsS3,
                "client_notice",
                &r.client_notice,
                "the notice to the client that work continues",
                "уведомление клиента о продолжении работы",
            );
            unfilled_text(&mut unmet, RuleId::ClsS3, "client_notice", &r.client_notice);
        }
        Command::SendFinalNotification(SendFinalNotification { text: Some(text) }) => {
            required(
                &mut unmet,
                RuleId::Cls6,
                "text",
                text,
                "the notification text",
                "текст уведомления",
            );
            unfilled_text(&mut unmet, RuleId::ClsTplN, "text", text);
        }
        Command::RequestConfirmation(RequestConfirmation {
            message: Some(text),
        }) => {
            required(
                &mut unmet,
                RuleId::Cls2,
                "message",
                text,
                "the request text",
                "текст запроса",
            );
            unfilled_text(&mut unmet, RuleId::Cls2, "message", text);
        }
        Command::SendConfirmationReminder(SendConfirmationReminder {
            message: Some(text),
        }) => {
            required(
                &mut unmet,
                RuleId::ClsS1,
                "message",
                text,
                "the reminder text",
                "текст напоминания",
            );
            unfilled_text(&mut unmet, RuleId::ClsS1, "message", text);
        }
        Command::AnswerQuestion(a) => {
            if is_placeholder_answer(&a.answer) {
                unmet.push(
                    Unmet::new(
                        RuleId::ClsR4,
                        UnmetCode::FieldRequired,
                        "an answer is required (`answer` is a placeholder)",
                        "Нужно дать ответ (поле `answer` заполнено заглушкой)",
                    )
                    .at_field("answer"),
                );
            }
        }
        Command::SendFinalNotification(_)
        | Command::RequestConfirmation(_)
        | Command::SendConfirmationReminder(_)
        | Command::Open(_)
        | Command::LogMessage(_)
        | Command::AddDiagnostic(_)
        | Command::LogWork(_)
        | Command::RecordQuestion(_)
        | Command::ConfirmProductUpdate(_)
        | Command::RecordConfirmation(_)
        | Command::LinkTicket(_)
        | Command::RemoveLink(_)
        | Command::RecordRepeatDecision(_)
        | Command::RecordRepeatAnalysis(_)
        | Command::RequestRepeatInformation(_)
        | Command::DetermineCause(_)
        | Command::ApplyRepeatSolution(_)
        | Command::GivePreventionRecommendations(_)
        | Command::ConfirmRecommendationsUnderstood(_) => {}
    }
    unmet
}
