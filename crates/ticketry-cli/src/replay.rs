//! An export record replayed through the core.
//!
//! A flat record says which steps happened and when. Each step becomes the
//! core's command (`log_message`, `log_work`, `verify_resolution`,
//! `request_confirmation`, `record_repeat_decision`, `link_ticket`, …, `close`)
//! applied through the [`Archive`], so the core's guards judge every one: a
//! step the regulation forbids is refused, and the refusal, with its rules,
//! is the finding. The CLI writes no rule of its own.
//!
//! Two steps are not in exports and are recorded for every ticket that has
//! the data they check: the REP-1 decision (with the four history checks) for
//! a ticket with `repeat_of`, and the CLS-4 completeness check once the
//! solution is documented (the core refuses it when information is missing).

use chrono::{DateTime, Utc};
use serde::Serialize;
use ticketry::archive::{Archive, ArchiveError};
use ticketry::closure::{
    AddDiagnostic, CheckCompleteness, Close, CloseWithoutConfirmation, Command,
    KnowledgeBaseDecision, LinkTicket, LogMessage, LogWork, RecordConfirmation,
    RecordKnowledgeBaseDecision, RequestConfirmation, SendConfirmationReminder,
    SendFinalNotification, SolutionDocumentation, Unmet, VerifyResolution,
};
use ticketry::repeat::{
    ApplyRepeatSolution, ConfirmRecommendationsUnderstood, DetermineCause,
    GivePreventionRecommendations, HistoryCheck, RecordRepeatAnalysis, RecordRepeatDecision,
    RecurrenceCause, RepeatAction, RepeatType,
};
use ticketry::ticket::{Actor, Meta, NewTicket, Priority, TicketId};
use ticketry::{ApplyError, Policy};

use crate::input::Record;

/// A step of a record the core refused.
#[derive(Debug, Clone, Serialize)]
pub struct Refusal {
    /// The command (`close`, `link_ticket`, `document_solution`…).
    pub command: String,
    /// When it was attempted.
    pub at: DateTime<Utc>,
    /// The error's stable code (`refused`, `invalid_input`, `unknown_ticket`…).
    pub code: String,
    /// The unmet rules, when refused by the regulation.
    pub unmet: Vec<Unmet>,
    /// The error's message (for errors other than a refusal).
    pub message: String,
}

/// Adds a record to the archive as a ticket, replaying its steps; returns the
/// steps the core refused, in order. Fails only when the ticket cannot be
/// opened at all (a duplicate id).
pub fn replay(
    archive: &mut Archive,
    record: &Record,
    policy: &Policy,
) -> Result<Vec<Refusal>, ArchiveError> {
    let id = crate::input::ticket_id(&record.id, "id").map_err(|e| {
        ArchiveError::Apply(ApplyError::InvalidInput {
            field: "id".into(),
            message: e.message,
        })
    })?;
    let new = NewTicket {
        id: id.clone(),
        client_id: ticketry::ticket::ClientId::new(&record.client_id).map_err(|e| {
            ArchiveError::Apply(ApplyError::InvalidInput {
                field: "client_id".into(),
                message: e.to_string(),
            })
        })?,
        contact_name: record.contact_name.clone(),
        product: record.product.clone(),
        subject: record.subject.clone(),
        description: record.description.clone(),
        priority: Priority::Normal,
    };
    archive.open(new, meta(record.opened_at))?;
    let mut steps = Steps {
        archive,
        id: &id,
        policy,
        clock: record.opened_at,
        refused: Vec::new(),
    };
    let import = "Из выгрузки";

    if let Some(at) = record.first_reply_at {
        steps.run(
            at,
            LogMessage::to_client("Здравствуйте! Обращение принято в работу.").into(),
        );
    }
    if let Some(d) = &record.diagnostics {
        steps.run(steps.clock, AddDiagnostic::new(d.clone()).into());
    }
    // The repeat workflow (REP-1..7), when the export links earlier tickets.
    if !record.repeat_of.is_empty() {
        let at = steps.clock;
        steps.run(
            at,
            RecordRepeatDecision::repeat(HistoryCheck::ALL, import).into(),
        );
        let cause = record.recurrence_cause.unwrap_or_default();
        for target in &record.repeat_of {
            let Ok(target) = TicketId::new(target) else {
                continue;
            };
            let link = match record.repeat_type {
                Some(t) => LinkTicket::repeat_of(target.clone(), t, import).with_cause(cause),
                None => {
                    // No type in the export: the core refuses the link (REP-3 needs it).
                    let mut l =
                        LinkTicket::repeat_of(target.clone(), RepeatType::SameProblem, import);
                    l.repeat_type = None;
                    l
                }
            };
            steps.run(at, link.into());
            let analysis = steps.archive.get(&target).map(|t| RecordRepeatAnalysis {
                cause,
                ..RecordRepeatAnalysis::from_earlier(t.state())
            });
            if let Some(a) = analysis {
                steps.run(at, a.into());
            }
        }
        if cause.is_known() {
            steps.run(at, DetermineCause::new(cause, import).into());
            if let (Some(text), Some(action)) =
                (&record.repeat_solution, RepeatAction::for_cause(cause))
            {
                steps.run(at, ApplyRepeatSolution::new(action, text.clone()).into());
            }
        }
        if let Some(p) = &record.prevention {
            steps.run(
                at,
                GivePreventionRecommendations {
                    how_to_avoid: p.clone(),
                    if_it_recurs: "Сообщить нам номер этого обращения".into(),
                    additional: String::new(),
                }
                .into(),
            );
            if record.prevention_understood {
                steps.run(
                    at,
                    ConfirmRecommendationsUnderstood {
                        note: import.into(),
                    }
                    .into(),
                );
            }
        }
    }
    if let Some(m) = record.work_minutes.filter(|&m| m > 0) {
        let at = record.resolved_at.unwrap_or(steps.clock);
        steps.run(at, LogWork::minutes(m, import).into());
    }
    if let Some(at) = record.resolved_at {
        steps.run(at, VerifyResolution::all_checked(import).into());
    }
    if let Some(at) = record.confirmation_requested_at {
        steps.run(at, RequestConfirmation::default().into());
    }
    if let Some(at) = record.reminder_sent_at {
        steps.run(at, SendConfirmationReminder::default().into());
    }
    if let Some(at) = record.confirmed_at {
        steps.run(at, RecordConfirmation::with_note(import).into());
    }
    // The paperwork happens before the notification and the close.
    let paper_at = [record.final_notification_at, record.closed_at]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(steps.clock)
        .max(steps.clock);
    if let Some(solution) = &record.solution {
        let doc = SolutionDocumentation {
            problem_description: format!("{}. {}", record.subject, record.description),
            cause: record.cause.clone().unwrap_or_default(),
            applied_solution: solution.clone(),
            recommendations: record.recommendations.clone().unwrap_or_default(),
            resources: record.resources.clone(),
            product_update: None,
        };
        steps.run(paper_at, doc.into());
        steps.run(
            paper_at,
            CheckCompleteness {
                diagnostics_apply: record.diagnostics.is_some(),
            }
            .into(),
        );
    }
    if let Some(kind) = &record.kb_decision {
        let article = record.kb_article.clone().unwrap_or_default();
        let decision = match kind.as_str() {
            "article_created" => Some(KnowledgeBaseDecision::ArticleCreated { article }),
            "article_updated" => Some(KnowledgeBaseDecision::ArticleUpdated { article }),
            "not_needed_typical" => Some(KnowledgeBaseDecision::NotNeededTypical),
            "not_needed_already_covered" => {
                Some(KnowledgeBaseDecision::NotNeededAlreadyCovered { article })
            }
            _ => None,
        };
        if let Some(decision) = decision {
            steps.run(paper_at, RecordKnowledgeBaseDecision { decision }.into());
        }
    }
    if let Some(at) = record.final_notification_at {
        steps.run(at, SendFinalNotification::default().into());
    }
    if let Some(at) = record.closed_at {
        let result = record
            .result
            .clone()
            .or_else(|| record.solution.clone())
            .unwrap_or_else(|| "Проблема решена".into());
        let cmd: Command = if record.closed_without_confirmation {
            CloseWithoutConfirmation::new("Клиент не ответил на повторный запрос", result).into()
        } else {
            Close::new("Проблема решена", result).into()
        };
        steps.run(at, cmd);
    }
    Ok(steps.refused)
}

fn meta(at: DateTime<Utc>) -> Meta {
    Meta::new(Actor::system("ticketry-cli-import"), at)
}

struct Steps<'a> {
    archive: &'a mut Archive,
    id: &'a TicketId,
    policy: &'a Policy,
    /// The latest time applied: an export's times out of order never go back.
    clock: DateTime<Utc>,
    refused: Vec<Refusal>,
}

impl Steps<'_> {
    fn run(&mut self, at: DateTime<Utc>, cmd: Command) {
        let at = at.max(self.clock);
        let command = cmd.kind().as_str().to_owned();
        match self.archive.apply(self.id, cmd, meta(at), self.policy) {
            Ok(_) => self.clock = at,
            Err(e) => {
                let code = e.code().to_owned();
                let message = e.to_string();
                let unmet = match e {
                    ArchiveError::Apply(a) => a.unmet().to_vec(),
                    _ => Vec::new(),
                };
                self.refused.push(Refusal {
                    command,
                    at,
                    code,
                    unmet,
                    message,
                });
            }
        }
    }
}

/// Whether a cause is one the export can give (anything but "not yet known").
pub fn known_cause(cause: Option<RecurrenceCause>) -> Option<RecurrenceCause> {
    cause.filter(|c| c.is_known())
}
