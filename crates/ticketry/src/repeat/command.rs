//! The payloads of the repeat workflow's commands (REP-1..7).
//!
//! Each is a row of the one transition table
//! ([`TRANSITIONS`](crate::closure::TRANSITIONS)): a record made while the
//! ticket is open, keeping its status.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{ConditionsChange, HistoryCheck, RecurrenceCause, RepeatAction, RepeatDecision};
use crate::state::TicketState;
use crate::ticket::TicketId;

/// Record the REP-1 decision: a repeat or not, and what was checked.
///
/// The client's history must always be checked; "not a repeat" needs all four
/// checks of REP-1 and a reason. A repeat link (`repeat_of`) is possible only
/// after a "repeat" decision, and "not a repeat" is refused while the ticket
/// has repeat links. Recording again replaces the decision.
///
/// ```
/// use ticketry::repeat::{HistoryCheck, RecordRepeatDecision, RepeatDecision};
/// let cmd = RecordRepeatDecision::repeat(&[HistoryCheck::ClientHistory, HistoryCheck::ClientMention], "Клиент ссылается на T-900");
/// assert_eq!(cmd.decision, RepeatDecision::Repeat);
/// let json = serde_json::to_value(ticketry::closure::Command::from(cmd))?;
/// assert_eq!(json["type"], "record_repeat_decision");
/// assert_eq!(json["checked"][1], "client_mention");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordRepeatDecision {
    /// Repeat or not.
    pub decision: RepeatDecision,
    /// The REP-1 checks that were done.
    pub checked: Vec<HistoryCheck>,
    /// Why; required for "not a repeat".
    #[serde(default)]
    pub reason: String,
}

impl RecordRepeatDecision {
    /// A "repeat" decision.
    ///
    /// ```
    /// let cmd = ticketry::repeat::RecordRepeatDecision::repeat(ticketry::repeat::HistoryCheck::ALL, "");
    /// assert_eq!(cmd.checked.len(), 4);
    /// ```
    pub fn repeat(checked: &[HistoryCheck], reason: impl Into<String>) -> Self {
        RecordRepeatDecision {
            decision: RepeatDecision::Repeat,
            checked: checked.to_vec(),
            reason: reason.into(),
        }
    }

    /// A "not a repeat" decision, after all four checks.
    ///
    /// ```
    /// let cmd = ticketry::repeat::RecordRepeatDecision::not_repeat("Новый объект, обращений не было");
    /// assert_eq!(cmd.checked, ticketry::repeat::HistoryCheck::ALL);
    /// ```
    pub fn not_repeat(reason: impl Into<String>) -> Self {
        RecordRepeatDecision {
            decision: RepeatDecision::NotRepeat,
            checked: HistoryCheck::ALL.to_vec(),
            reason: reason.into(),
        }
    }
}

/// Record the REP-2 analysis of one earlier ticket.
///
/// The earlier ticket must be known and earlier (as for a link); the
/// description, the applied solution and its result are required. Analysing
/// the same ticket again replaces the analysis. Use
/// [`RecordRepeatAnalysis::from_earlier`] to start from that ticket's own
/// documentation. `earlier_opened_at` is filled in by ticketry from the
/// directory of known tickets; a value given is replaced.
///
/// ```
/// use ticketry::repeat::{RecordRepeatAnalysis, RecurrenceCause};
/// # let earlier = ticketry::doc_support::sample_ticket();
/// let cmd = RecordRepeatAnalysis::from_earlier(earlier.state());
/// assert_eq!(cmd.earlier.as_str(), "T-10234");
/// assert!(cmd.applied_solution.contains("контроллер"));
/// assert_eq!(cmd.time_to_resolve_minutes, Some(360));
/// assert_eq!(cmd.cause, RecurrenceCause::NotYetKnown);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordRepeatAnalysis {
    /// The earlier ticket.
    pub earlier: TicketId,
    /// Its problem (Описание проблемы).
    pub problem_description: String,
    /// The solution applied then (Примененное решение).
    pub applied_solution: String,
    /// What it gave (Результат решения).
    pub result: String,
    /// How long it took (Время решения), in minutes, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_to_resolve_minutes: Option<u64>,
    /// Why it recurred, if already clear.
    #[serde(default)]
    pub cause: RecurrenceCause,
    /// Anything else found.
    #[serde(default)]
    pub notes: String,
    /// When the earlier ticket was opened; filled in from the directory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earlier_opened_at: Option<DateTime<Utc>>,
}

impl RecordRepeatAnalysis {
    /// An analysis pre-filled from the earlier ticket: its documentation
    /// (CLS-3) when recorded, else its subject and description; the result
    /// from its closing; the time to resolve from opening to the verified
    /// resolution (or to the closing).
    ///
    /// ```
    /// # let earlier = ticketry::doc_support::sample_ticket();
    /// let cmd = ticketry::repeat::RecordRepeatAnalysis::from_earlier(earlier.state());
    /// assert_eq!(cmd.result, "Проезд по пропускам восстановлен");
    /// ```
    pub fn from_earlier(earlier: &TicketState) -> Self {
        let doc = earlier.documentation();
        let problem_description = match doc {
            Some(d) if !d.problem_description.trim().is_empty() => d.problem_description.clone(),
            _ => format!("{}. {}", earlier.subject, earlier.description),
        };
        let resolved = earlier
            .time_to_resolve()
            .or_else(|| earlier.closing.as_ref().map(|c| c.at - earlier.created_at));
        RecordRepeatAnalysis {
            earlier: earlier.id.clone(),
            problem_description,
            applied_solution: doc.map(|d| d.applied_solution.clone()).unwrap_or_default(),
            result: earlier
                .closing
                .as_ref()
                .map(|c| c.result.clone())
                .unwrap_or_default(),
            time_to_resolve_minutes: resolved.and_then(|d| u64::try_from(d.num_minutes()).ok()),
            cause: RecurrenceCause::NotYetKnown,
            notes: String::new(),
            earlier_opened_at: Some(earlier.created_at),
        }
    }
}

/// Ask the client for what is needed to determine the cause (REP-4). The
/// question is recorded and sent as a message to the client.
///
/// ```
/// let cmd = ticketry::repeat::RequestRepeatInformation { question: "Меняли ли вы настройки сети?".into() };
/// assert!(cmd.question.ends_with('?'));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestRepeatInformation {
    /// What is asked.
    pub question: String,
}

/// Record the cause of recurrence (REP-4). "Not yet known" is refused; links
/// and analyses still "not yet known" take this cause.
///
/// ```
/// use ticketry::repeat::{DetermineCause, RecurrenceCause};
/// let cmd = DetermineCause::new(RecurrenceCause::NotApplied, "Клиент не обновил прошивку");
/// assert_eq!(cmd.cause, RecurrenceCause::NotApplied);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetermineCause {
    /// The cause.
    pub cause: RecurrenceCause,
    /// How it was established.
    pub explanation: String,
}

impl DetermineCause {
    /// The command.
    ///
    /// ```
    /// let cmd = ticketry::repeat::DetermineCause::new(ticketry::repeat::RecurrenceCause::NewProblem, "Другой модуль");
    /// assert_eq!(cmd.explanation, "Другой модуль");
    /// ```
    pub fn new(cause: RecurrenceCause, explanation: impl Into<String>) -> Self {
        DetermineCause {
            cause,
            explanation: explanation.into(),
        }
    }
}

/// Record the REP-5 action taken. It must be the one the decision table gives
/// for the determined cause ([`RepeatAction::for_cause`]); an adapted solution
/// (REP-S3) must document what changed. Trying an alternative after a failed
/// attempt adds another action.
///
/// ```
/// use ticketry::repeat::{ApplyRepeatSolution, RepeatAction};
/// let cmd = ApplyRepeatSolution::new(RepeatAction::RemindEarlierSolution, "Повторно отправили инструкцию");
/// assert!(cmd.conditions_change.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplyRepeatSolution {
    /// The action.
    pub action: RepeatAction,
    /// What was done: the solution or the plan.
    pub description: String,
    /// What changed and the adapted solution; required for `adapt_solution`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions_change: Option<ConditionsChange>,
}

impl ApplyRepeatSolution {
    /// The command, without a conditions change.
    ///
    /// ```
    /// let cmd = ticketry::repeat::ApplyRepeatSolution::new(ticketry::repeat::RepeatAction::FindAlternative, "Замена считывателя");
    /// assert_eq!(cmd.description, "Замена считывателя");
    /// ```
    pub fn new(action: RepeatAction, description: impl Into<String>) -> Self {
        ApplyRepeatSolution {
            action,
            description: description.into(),
            conditions_change: None,
        }
    }
}

/// Give the client prevention recommendations (REP-7): how to avoid the
/// problem and what to do if it recurs are required. Giving them again
/// replaces them and asks for the client's understanding again.
///
/// ```
/// let cmd = ticketry::repeat::GivePreventionRecommendations {
///     how_to_avoid: "Не отключать контроллер от питания".into(),
///     if_it_recurs: "Перезагрузить контроллер и написать нам".into(),
///     additional: String::new(),
/// };
/// assert!(cmd.additional.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GivePreventionRecommendations {
    /// How to avoid the problem.
    pub how_to_avoid: String,
    /// What to do if it recurs.
    pub if_it_recurs: String,
    /// Anything else.
    #[serde(default)]
    pub additional: String,
}

/// Record that the client understood the recommendations (REP-7).
///
/// ```
/// let cmd = ticketry::repeat::ConfirmRecommendationsUnderstood { note: "Клиент: всё понятно".into() };
/// assert!(!cmd.note.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmRecommendationsUnderstood {
    /// How the client confirmed (their words).
    #[serde(default)]
    pub note: String,
}
