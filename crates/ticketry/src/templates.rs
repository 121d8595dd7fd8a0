//! The regulation's templates, rendered from a ticket.
//!
//! - CLS-TPL-N: the final notification to the client ([`final_notification`]);
//! - CLS-TPL-D: the solution documentation ([`solution_documentation`]);
//! - the standard confirmation request and reminder (CLS-2, CLS-S1);
//! - REP-TPL: the reply to a repeat ticket ([`repeat_reply`]).
//!
//! Each renders in Russian (the regulation's text, word for word) or English.
//! A template is never rendered with a value missing: the error names every
//! missing value at once, so a raw placeholder like `[Имя клиента]` can never
//! reach a client.
//!
//! ```
//! use ticketry::templates::final_notification;
//! # let ticket = ticketry::doc_support::sample_ticket();
//! let text = final_notification(ticket.state(), "Анна Смирнова", &ticketry::Policy::default())?;
//! assert!(text.starts_with("Здравствуйте, Ирина Петрова!"));
//! assert!(text.contains("Обращение T-10234 закрыто."));
//! assert!(text.ends_with("Служба технической поддержки PASS24.online"));
//! # Ok::<(), ticketry::templates::TemplateError>(())
//! ```

use std::fmt;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::closure::is_placeholder;
use crate::policy::{Locale, Policy};
use crate::rules::RuleId;
use crate::state::TicketState;

/// Which template.
///
/// ```
/// use ticketry::templates::TemplateId;
/// assert_eq!(TemplateId::FinalNotification.rule().unwrap().as_str(), "CLS-TPL-N");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateId {
    /// CLS-TPL-N.
    FinalNotification,
    /// CLS-TPL-D.
    SolutionDocumentation,
    /// The standard confirmation request (CLS-2).
    ConfirmationRequest,
    /// The standard repeated request (CLS-S1).
    ConfirmationReminder,
    /// REP-TPL: the reply to a repeat ticket.
    RepeatReply,
}

impl TemplateId {
    /// The rule that defines the template, when the regulation gives one.
    ///
    /// ```
    /// use ticketry::templates::TemplateId;
    /// assert!(TemplateId::ConfirmationRequest.rule().is_some());
    /// ```
    pub fn rule(self) -> Option<RuleId> {
        Some(match self {
            TemplateId::FinalNotification => RuleId::ClsTplN,
            TemplateId::SolutionDocumentation => RuleId::ClsTplD,
            TemplateId::ConfirmationRequest => RuleId::Cls2,
            TemplateId::ConfirmationReminder => RuleId::ClsS1,
            TemplateId::RepeatReply => RuleId::RepTpl,
        })
    }
}

impl fmt::Display for TemplateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TemplateId::FinalNotification => "final notification (CLS-TPL-N)",
            TemplateId::SolutionDocumentation => "solution documentation (CLS-TPL-D)",
            TemplateId::ConfirmationRequest => "confirmation request",
            TemplateId::ConfirmationReminder => "confirmation reminder",
            TemplateId::RepeatReply => "repeat ticket reply (REP-TPL)",
        })
    }
}

/// A template could not be rendered: these values are missing.
///
/// ```
/// use ticketry::templates::final_notification;
/// # let ticket = ticketry::doc_support::sample_ticket();
/// let err = final_notification(ticket.state(), " ", &ticketry::Policy::default()).unwrap_err();
/// assert_eq!(err.missing, vec!["specialist_name"]);
/// assert_eq!(err.code(), "template_value_missing");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("cannot render the {template}: missing {}", missing.join(", "))]
pub struct TemplateError {
    /// The template.
    pub template: TemplateId,
    /// Every missing value, by name.
    pub missing: Vec<&'static str>,
}

impl TemplateError {
    /// The stable code, `template_value_missing`.
    ///
    /// ```
    /// let e = ticketry::templates::TemplateError { template: ticketry::templates::TemplateId::FinalNotification, missing: vec!["x"] };
    /// assert_eq!(e.code(), "template_value_missing");
    /// ```
    pub fn code(&self) -> &'static str {
        "template_value_missing"
    }
}

/// Fills `{name}` placeholders. `{name?}` is optional: when its value is
/// empty, the whole line holding it is dropped ("если применимо"). Every
/// missing required value is reported, none is left in the output.
fn render(
    template: TemplateId,
    text: &str,
    values: &[(&'static str, String)],
) -> Result<String, TemplateError> {
    let mut missing: Vec<&'static str> = Vec::new();
    let mut out = String::with_capacity(text.len() + 256);
    for line in text.split('\n') {
        let mut rendered = String::with_capacity(line.len());
        let mut rest = line;
        let mut drop_line = false;
        while let Some(start) = rest.find('{') {
            let Some(len) = rest.get(start..).and_then(|r| r.find('}')) else {
                break;
            };
            let (before, after) = rest.split_at(start);
            rendered.push_str(before);
            let name = after.get(1..len).unwrap_or_default();
            rest = after.get(len + 1..).unwrap_or_default();
            let (name, optional) = match name.strip_suffix('?') {
                Some(n) => (n, true),
                None => (name, false),
            };
            let value = values
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.as_str());
            match value {
                Some(v) if !is_placeholder(v) => rendered.push_str(v.trim()),
                _ if optional => drop_line = true,
                _ => {
                    if let Some(&(k, _)) = values.iter().find(|(k, _)| *k == name) {
                        if !missing.contains(&k) {
                            missing.push(k);
                        }
                    }
                }
            }
        }
        rendered.push_str(rest);
        if !drop_line {
            out.push_str(&rendered);
            out.push('\n');
        }
    }
    if !missing.is_empty() {
        return Err(TemplateError { template, missing });
    }
    // Collapse the blank lines a dropped optional line leaves behind.
    let mut tidy = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.trim_end().split('\n') {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        tidy.push_str(line);
        tidy.push('\n');
    }
    Ok(tidy.trim_end().to_owned())
}

const FINAL_RU: &str = "Здравствуйте, {client_name}!

Обращение {ticket_id} закрыто.

Проблема решена: {solution_summary}

{recommendations?}

Если у вас возникнут дополнительные вопросы или проблемы, пожалуйста, создайте новое обращение или свяжитесь с нами.

Спасибо за обращение!

С уважением,
{specialist_name}
{signature}";

const FINAL_EN: &str = "Hello, {client_name}!

Ticket {ticket_id} is closed.

The problem is solved: {solution_summary}

{recommendations?}

If you have any further questions or problems, please open a new ticket or contact us.

Thank you for contacting us!

Kind regards,
{specialist_name}
{signature}";

const DOC_RU: &str = "Обращение: {ticket_id}
Дата закрытия: {closing_date}
Время решения: {time_to_resolve}

Описание проблемы:
{problem_description}

Причина проблемы:
{cause}

Решение:
{solution}

Время решения:
{time_to_resolve}

Дополнительные рекомендации:
{recommendations}

Использованные ресурсы:
{resources}

Статус: Решено";

const DOC_EN: &str = "Ticket: {ticket_id}
Closing date: {closing_date}
Time to resolve: {time_to_resolve}

Problem description:
{problem_description}

Cause of the problem:
{cause}

Solution:
{solution}

Time to resolve:
{time_to_resolve}

Additional recommendations:
{recommendations}

Resources used:
{resources}

Status: Resolved";

const REQUEST_RU: &str = "Здравствуйте, {client_name}!

По обращению {ticket_id} мы применили решение. Пожалуйста, проверьте его и подтвердите, что проблема решена. Если остались вопросы, напишите их в ответ.";

const REQUEST_EN: &str = "Hello, {client_name}!

We have applied a solution for ticket {ticket_id}. Please check it and confirm that the problem is solved. If you have any questions left, reply with them.";

const REMINDER_RU: &str = "Здравствуйте, {client_name}!

Напоминаем: по обращению {ticket_id} мы ждём вашего подтверждения, что проблема решена. Если ответа не будет, мы закроем обращение без подтверждения; вы всегда сможете открыть его заново.";

const REMINDER_EN: &str = "Hello, {client_name}!

A reminder: for ticket {ticket_id} we are waiting for your confirmation that the problem is solved. Without an answer we will close the ticket without confirmation; you can always reopen it.";

const REPEAT_RU: &str = "Здравствуйте, {client_name}!

По обращению {ticket_id} мы видим, что это связано с {earlier_phrase} {earlier_ids}.

{analysis}

{solution}

{prevention}

Если у вас возникнут дополнительные вопросы, пожалуйста, сообщите нам.

С уважением,
{specialist_name}
{signature}";

const REPEAT_EN: &str = "Hello, {client_name}!

Regarding ticket {ticket_id}, we see that it is related to {earlier_phrase} {earlier_ids}.

{analysis}

{solution}

{prevention}

If you have any further questions, please let us know.

Kind regards,
{specialist_name}
{signature}";

/// Renders REP-TPL, the reply to a repeat ticket, from the ticket's repeat
/// records: the earlier tickets it is linked to as a repeat, the analysis of
/// each and the determined cause (REP-2, REP-4), the latest action (REP-5,
/// with what changed for an adapted solution, REP-S3) and the prevention
/// recommendations (REP-7), then the specialist's name and the signature.
///
/// Every missing value is named: `earlier_ids` (no repeat link), `analysis`
/// (no analysis or no determined cause), `solution` (no action), `prevention`,
/// `client_name`, `specialist_name`.
///
/// ```
/// # let ticket = ticketry::doc_support::repeat_ticket();
/// let text = ticketry::templates::repeat_reply(ticket.state(), "Анна Смирнова", &ticketry::Policy::default())?;
/// assert!(text.starts_with("Здравствуйте, Ирина Петрова!\n\nПо обращению T-950 мы видим, что это связано с предыдущим обращением T-900."));
/// assert!(text.contains("Причина повторения: решение не было применено клиентом"));
/// assert!(text.ends_with("Анна Смирнова\nСлужба технической поддержки PASS24.online"));
///
/// let fresh = ticketry::doc_support::fresh_ticket();
/// let err = ticketry::templates::repeat_reply(fresh.state(), "Анна", &ticketry::Policy::default()).unwrap_err();
/// assert_eq!(err.missing, ["earlier_ids", "analysis", "solution", "prevention"]);
/// # Ok::<(), ticketry::templates::TemplateError>(())
/// ```
pub fn repeat_reply(
    state: &TicketState,
    specialist_name: &str,
    policy: &Policy,
) -> Result<String, TemplateError> {
    let ru = policy.locale == Locale::Ru;
    let earlier: Vec<&str> = state.repeats_of().map(|l| l.target.as_str()).collect();
    let earlier_phrase = match (ru, earlier.len() > 1) {
        (true, false) => "предыдущим обращением",
        (true, true) => "предыдущими обращениями",
        (false, false) => "the earlier ticket",
        (false, true) => "the earlier tickets",
    };
    let r = &state.repeat;
    let analysis = match (&r.cause, r.analyses.is_empty()) {
        (Some(cause), false) => {
            let mut text = String::new();
            for a in &r.analyses {
                let line = if ru {
                    format!(
                        "Обращение {}: {} Применённое решение: {} Результат: {}\n",
                        a.earlier,
                        sentence(&a.problem_description),
                        sentence(&a.applied_solution),
                        sentence(&a.result)
                    )
                } else {
                    format!(
                        "Ticket {}: {} Applied solution: {} Result: {}\n",
                        a.earlier,
                        sentence(&a.problem_description),
                        sentence(&a.applied_solution),
                        sentence(&a.result)
                    )
                };
                text.push_str(&line);
            }
            let label = if ru {
                lower_first(cause.cause.label_ru())
            } else {
                cause.cause.label_en().to_owned()
            };
            text.push_str(&if ru {
                format!(
                    "Причина повторения: {label}. {}",
                    sentence(&cause.explanation)
                )
            } else {
                format!("Why it recurred: {label}. {}", sentence(&cause.explanation))
            });
            text
        }
        _ => String::new(),
    };
    let solution = r
        .actions
        .last()
        .map(|a| {
            let mut text = sentence(&a.description);
            if let Some(change) = &a.conditions_change {
                text.push_str(&if ru {
                    format!(
                        "\nЧто изменилось: {}\nАдаптированное решение: {}",
                        sentence(&change.what_changed),
                        sentence(&change.adapted_solution)
                    )
                } else {
                    format!(
                        "\nWhat changed: {}\nAdapted solution: {}",
                        sentence(&change.what_changed),
                        sentence(&change.adapted_solution)
                    )
                });
            }
            text
        })
        .unwrap_or_default();
    let prevention = r
        .prevention
        .as_ref()
        .map(|p| {
            let (head, avoid, recurs) = if ru {
                (
                    "Рекомендации по предотвращению повторения:",
                    "Как избежать повторения",
                    "Если проблема повторится",
                )
            } else {
                (
                    "How to prevent it from happening again:",
                    "How to avoid it",
                    "If it happens again",
                )
            };
            let mut text = format!(
                "{head}\n— {avoid}: {}\n— {recurs}: {}",
                sentence(&p.how_to_avoid),
                sentence(&p.if_it_recurs)
            );
            if !is_placeholder(&p.additional) {
                text.push_str(&format!("\n— {}", sentence(&p.additional)));
            }
            text
        })
        .unwrap_or_default();
    render(
        TemplateId::RepeatReply,
        pick(policy.locale, REPEAT_RU, REPEAT_EN),
        &[
            ("client_name", state.contact_name.clone()),
            ("ticket_id", state.id.to_string()),
            ("earlier_phrase", earlier_phrase.to_owned()),
            ("earlier_ids", earlier.join(", ")),
            ("analysis", analysis),
            ("solution", solution),
            ("prevention", prevention),
            ("specialist_name", specialist_name.to_owned()),
            (
                "signature",
                policy.team_signature.get(policy.locale).to_owned(),
            ),
        ],
    )
}

/// The text, trimmed, ending with a full stop unless it ends with punctuation.
fn sentence(text: &str) -> String {
    let t = text.trim();
    match t.chars().last() {
        None => String::new(),
        Some('.' | '!' | '?' | '…' | ':' | ';') => t.to_owned(),
        Some(_) => format!("{t}."),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn pick(locale: Locale, ru: &'static str, en: &'static str) -> &'static str {
    match locale {
        Locale::Ru => ru,
        Locale::En => en,
    }
}

/// Renders CLS-TPL-N, the final notification, from the ticket and its
/// solution documentation.
///
/// Values: the client's name (`contact_name`), the ticket ID, a short
/// description of the solution (`documentation.applied_solution`), the
/// recommendations (optional line), the specialist's name and the team
/// signature from the policy.
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// let mut policy = ticketry::Policy::default();
/// policy.locale = ticketry::policy::Locale::En;
/// let text = ticketry::templates::final_notification(ticket.state(), "Anna Smirnova", &policy)?;
/// assert!(text.starts_with("Hello, Ирина Петрова!\n\nTicket T-10234 is closed."));
/// assert!(text.ends_with("Anna Smirnova\nPASS24.online Technical Support"));
/// # Ok::<(), ticketry::templates::TemplateError>(())
/// ```
pub fn final_notification(
    state: &TicketState,
    specialist_name: &str,
    policy: &Policy,
) -> Result<String, TemplateError> {
    let doc = state.documentation();
    render(
        TemplateId::FinalNotification,
        pick(policy.locale, FINAL_RU, FINAL_EN),
        &[
            ("client_name", state.contact_name.clone()),
            ("ticket_id", state.id.to_string()),
            (
                "solution_summary",
                doc.map(|d| d.applied_solution.clone()).unwrap_or_default(),
            ),
            (
                "recommendations",
                doc.map(|d| d.recommendations.clone()).unwrap_or_default(),
            ),
            ("specialist_name", specialist_name.to_owned()),
            (
                "signature",
                policy.team_signature.get(policy.locale).to_owned(),
            ),
        ],
    )
}

/// Formats a duration the way people read it: `1 д 2 ч 5 мин` / `1 d 2 h 5 min`.
///
/// ```
/// use chrono::Duration;
/// use ticketry::{policy::Locale, templates::format_duration};
/// assert_eq!(format_duration(Duration::minutes(125), Locale::Ru), "2 ч 5 мин");
/// assert_eq!(format_duration(Duration::minutes(60 * 26), Locale::En), "1 d 2 h");
/// assert_eq!(format_duration(Duration::seconds(20), Locale::En), "0 min");
/// ```
pub fn format_duration(d: Duration, locale: Locale) -> String {
    let total = d.num_minutes().max(0);
    let (days, hours, minutes) = (total / 1440, total % 1440 / 60, total % 60);
    let (ud, uh, um) = match locale {
        Locale::Ru => ("д", "ч", "мин"),
        Locale::En => ("d", "h", "min"),
    };
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days} {ud}"));
    }
    if hours > 0 {
        parts.push(format!("{hours} {uh}"));
    }
    if minutes > 0 || parts.is_empty() {
        parts.push(format!("{minutes} {um}"));
    }
    parts.join(" ")
}

/// Renders CLS-TPL-D, the solution documentation, as of `closing_time`.
///
/// The time to resolve is computed from the ticket: from opening to the
/// verified resolution (so the ticket must be verified). Dates are shown in
/// the policy's time zone.
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// let closing = ticket.state().closing.as_ref().unwrap().at;
/// let text = ticketry::templates::solution_documentation(ticket.state(), closing, &ticketry::Policy::default())?;
/// assert!(text.starts_with("Обращение: T-10234\nДата закрытия: 05.03.2025\nВремя решения: 6 ч"));
/// assert!(text.ends_with("Статус: Решено"));
/// # Ok::<(), ticketry::templates::TemplateError>(())
/// ```
pub fn solution_documentation(
    state: &TicketState,
    closing_time: DateTime<Utc>,
    policy: &Policy,
) -> Result<String, TemplateError> {
    let doc = state.documentation();
    let text = |f: fn(&crate::closure::SolutionDocumentation) -> &String| {
        doc.map(|d| f(d).clone()).unwrap_or_default()
    };
    let resources = doc
        .map(|d| {
            d.resources
                .iter()
                .filter(|r| !is_placeholder(r))
                .map(|r| format!("- {}", r.trim()))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    let local = closing_time.with_timezone(&policy.time_zone);
    let date = match policy.locale {
        Locale::Ru => local.format("%d.%m.%Y").to_string(),
        Locale::En => local.format("%Y-%m-%d").to_string(),
    };
    let mut solution = text(|d| &d.applied_solution);
    if let Some(update) = doc.and_then(|d| d.product_update.as_ref()) {
        let label = pick(
            policy.locale,
            "Потребовалось обновление продукта",
            "Product update needed",
        );
        solution = format!("{solution}\n{label}: {}", update.trim());
    }
    render(
        TemplateId::SolutionDocumentation,
        pick(policy.locale, DOC_RU, DOC_EN),
        &[
            ("ticket_id", state.id.to_string()),
            ("closing_date", date),
            (
                "time_to_resolve",
                state
                    .time_to_resolve()
                    .map(|d| format_duration(d, policy.locale))
                    .unwrap_or_default(),
            ),
            ("problem_description", text(|d| &d.problem_description)),
            ("cause", text(|d| &d.cause)),
            ("solution", solution),
            ("recommendations", text(|d| &d.recommendations)),
            ("resources", resources),
        ],
    )
}

/// The standard confirmation request (CLS-2), or with `reminder`, the
/// repeated request (CLS-S1).
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// let policy = ticketry::Policy::default();
/// let text = ticketry::templates::confirmation_request(ticket.state(), false, &policy)?;
/// assert!(text.contains("подтвердите, что проблема решена"));
/// let text = ticketry::templates::confirmation_request(ticket.state(), true, &policy)?;
/// assert!(text.starts_with("Здравствуйте, Ирина Петрова!\n\nНапоминаем"));
/// # Ok::<(), ticketry::templates::TemplateError>(())
/// ```
pub fn confirmation_request(
    state: &TicketState,
    reminder: bool,
    policy: &Policy,
) -> Result<String, TemplateError> {
    let (id, text) = if reminder {
        (
            TemplateId::ConfirmationReminder,
            pick(policy.locale, REMINDER_RU, REMINDER_EN),
        )
    } else {
        (
            TemplateId::ConfirmationRequest,
            pick(policy.locale, REQUEST_RU, REQUEST_EN),
        )
    };
    render(
        id,
        text,
        &[
            ("client_name", state.contact_name.clone()),
            ("ticket_id", state.id.to_string()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_reports_every_missing_value_and_leaves_no_placeholder() {
        let err = render(
            TemplateId::FinalNotification,
            "{a} and {b} and {a}",
            &[("a", String::new()), ("b", "[Имя]".into())],
        )
        .unwrap_err();
        assert_eq!(err.missing, vec!["a", "b"]);
        let ok = render(
            TemplateId::FinalNotification,
            "x {a}\n{b?}\nz",
            &[("a", "1".into()), ("b", " ".into())],
        )
        .unwrap();
        assert_eq!(ok, "x 1\nz");
    }
}
