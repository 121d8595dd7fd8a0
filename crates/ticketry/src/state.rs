//! A ticket's state: the fold of its events.
//!
//! [`TicketState`] is what a [`Ticket`](crate::Ticket) looks like after all its
//! events are applied: the client's facts, the logs, and the records of each
//! closure step. It is a plain, serialisable snapshot (for UIs, caches and
//! reports); the only way to change a ticket is to apply a command, so a
//! `TicketState` cannot be turned back into a `Ticket`.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::closure::{KnowledgeBaseDecision, SolutionDocumentation, Status};
use crate::ticket::{
    ClientId, ClientQuestion, DiagnosticEntry, Direction, Message, Priority, TicketId, TicketLink,
    WorkEntry,
};

/// Who did a closure step, and when.
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// let verified = ticket.state().closure.verification.as_ref().unwrap();
/// assert_eq!(verified.by, "anna");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRecord {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (actor id).
    pub by: String,
    /// A note (how it was verified, the client's words…).
    #[serde(default)]
    pub note: String,
}

/// The recorded solution documentation (CLS-3).
///
/// `stale` becomes true when work resumes after it was recorded: the solution
/// it describes did not hold, so it must be reviewed and recorded again before
/// closing.
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// let doc = ticket.state().closure.documentation.as_ref().unwrap();
/// assert!(!doc.stale);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentationRecord {
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// Who recorded it (actor id).
    pub by: String,
    /// The documentation.
    pub documentation: SolutionDocumentation,
    /// Recorded before the latest return to work.
    #[serde(default)]
    pub stale: bool,
}

/// The recorded completeness check (CLS-4).
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// assert!(ticket.state().closure.completeness.as_ref().unwrap().diagnostics_apply);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletenessRecord {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (actor id).
    pub by: String,
    /// Whether diagnostic information is expected for this ticket.
    pub diagnostics_apply: bool,
}

/// The recorded knowledge-base decision (CLS-5).
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// let kb = ticket.state().closure.knowledge_base.as_ref().unwrap();
/// assert_eq!(kb.decision.article(), Some("KB-118"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnowledgeBaseRecord {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (actor id).
    pub by: String,
    /// The decision.
    pub decision: KnowledgeBaseDecision,
}

/// The progress of the closure steps in the current round of work.
///
/// Going back to work (resume, the client says it is not solved, reopen)
/// clears verification, confirmation, the completeness check and the final
/// notification, and marks the documentation stale; the knowledge-base
/// decision is kept.
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// let c = &ticket.state().closure;
/// assert!(c.verification.is_some() && c.confirmation.is_some() && c.final_notification.is_some());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureProgress {
    /// CLS-1: the verified resolution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<StepRecord>,
    /// CLS-2: when confirmation was requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation_requested: Option<StepRecord>,
    /// CLS-S1: when the repeated request was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminder: Option<StepRecord>,
    /// CLS-2, CLS-R2: the client's confirmation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation: Option<StepRecord>,
    /// CLS-3: the solution documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation: Option<DocumentationRecord>,
    /// CLS-4: the completeness check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completeness: Option<CompletenessRecord>,
    /// CLS-5: the knowledge-base decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knowledge_base: Option<KnowledgeBaseRecord>,
    /// CLS-6: the final notification (its text is in the communication log).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_notification: Option<StepRecord>,
}

/// A product update the solution needed (CLS-S2).
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// assert!(ticket.state().product_updates.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductUpdate {
    /// When the client was told.
    pub requested_at: DateTime<Utc>,
    /// Which update (product and version).
    pub update: String,
    /// The instructions sent.
    pub instructions: String,
    /// When the client confirmed it was installed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<StepRecord>,
}

/// Why work went back from a later step to `in_work`.
///
/// ```
/// use ticketry::state::ReturnSource;
/// assert_eq!(serde_json::to_string(&ReturnSource::ClientNotSolved).unwrap(), "\"client_not_solved\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnSource {
    /// Support found the problem not fully solved (CLS-1).
    Specialist,
    /// The client said it is not solved (CLS-2, CLS-S1).
    ClientNotSolved,
    /// The ticket was reopened after closing (CLS-S3).
    Reopen,
}

/// A return to work, with its reason.
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// assert!(ticket.state().returns_to_work.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnToWork {
    /// When.
    pub at: DateTime<Utc>,
    /// Who recorded it (actor id).
    pub by: String,
    /// The status work went back from.
    pub from: Status,
    /// What caused it.
    pub source: ReturnSource,
    /// Why.
    pub reason: String,
}

/// How a ticket was closed (CLS-7).
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// let closing = ticket.state().closing.as_ref().unwrap();
/// assert!(!closing.without_confirmation);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosingRecord {
    /// The closing time.
    pub at: DateTime<Utc>,
    /// Who closed it (actor id).
    pub by: String,
    /// The closure reason.
    pub reason: String,
    /// The result of the solution.
    pub result: String,
    /// Closed "with a mark": without the client's confirmation (CLS-S1).
    pub without_confirmation: bool,
}

/// A reopen (CLS-S3).
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// assert_eq!(ticket.state().reopen_count(), 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReopenRecord {
    /// When.
    pub at: DateTime<Utc>,
    /// Who reopened it (actor id).
    pub by: String,
    /// Why.
    pub reason: String,
    /// The cause of the mistaken close.
    pub mistake_cause: String,
    /// The notice sent to the client.
    pub client_notice: String,
    /// Whether the client reported it.
    pub reported_by_client: bool,
    /// The closing that was undone.
    pub undone_closing: ClosingRecord,
}

/// Everything known about a ticket: the fold of its events.
///
/// ```
/// use ticketry::closure::Status;
/// # let ticket = ticketry::doc_support::sample_ticket();
/// let state = ticket.state();
/// assert_eq!(state.status, Status::Closed);
/// assert_eq!(state.id.as_str(), "T-10234");
/// assert_eq!(state.version, ticket.history().len() as u64);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketState {
    /// The ticket's identifier.
    pub id: TicketId,
    /// The client.
    pub client_id: ClientId,
    /// The contact person's name.
    pub contact_name: String,
    /// The product or context.
    pub product: String,
    /// One-line subject.
    pub subject: String,
    /// The client's description of the problem.
    pub description: String,
    /// How urgent.
    pub priority: Priority,
    /// When the ticket was opened.
    pub created_at: DateTime<Utc>,
    /// Who opened it (actor id).
    pub created_by: String,
    /// Where it is in its lifecycle.
    pub status: Status,
    /// How many events were applied; the version for optimistic concurrency.
    pub version: u64,
    /// The time of the latest event.
    pub updated_at: DateTime<Utc>,
    /// The communication log.
    pub messages: Vec<Message>,
    /// Diagnostic entries.
    pub diagnostics: Vec<DiagnosticEntry>,
    /// Logged work.
    pub work_log: Vec<WorkEntry>,
    /// The client's questions.
    pub questions: Vec<ClientQuestion>,
    /// Links to other tickets.
    pub links: Vec<TicketLink>,
    /// Product updates the solution needed.
    pub product_updates: Vec<ProductUpdate>,
    /// Returns to work before closing or after reopening.
    pub returns_to_work: Vec<ReturnToWork>,
    /// The closure steps of the current round.
    pub closure: ClosureProgress,
    /// The closing, while closed.
    pub closing: Option<ClosingRecord>,
    /// Every reopen.
    pub reopens: Vec<ReopenRecord>,
    /// The repeat workflow's records (REP-1..7).
    #[serde(default)]
    pub repeat: crate::repeat::RepeatWork,
}

impl TicketState {
    /// Total handling time, in minutes.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// assert_eq!(ticket.state().handling_minutes(), 45);
    /// ```
    pub fn handling_minutes(&self) -> u64 {
        self.work_log.iter().map(|w| u64::from(w.minutes)).sum()
    }

    /// How many times the ticket was reopened (CLS-S3).
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// assert_eq!(ticket.state().reopen_count(), 0);
    /// ```
    pub fn reopen_count(&self) -> u32 {
        u32::try_from(self.reopens.len()).unwrap_or(u32::MAX)
    }

    /// Questions still waiting for an answer (CLS-R4).
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// assert_eq!(ticket.state().unanswered_questions().count(), 0);
    /// ```
    pub fn unanswered_questions(&self) -> impl Iterator<Item = &ClientQuestion> {
        self.questions.iter().filter(|q| !q.is_answered())
    }

    /// Time to resolve: from opening to the verified resolution of the current round.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// assert_eq!(ticket.state().time_to_resolve().unwrap().num_hours(), 6);
    /// ```
    pub fn time_to_resolve(&self) -> Option<Duration> {
        self.closure
            .verification
            .as_ref()
            .map(|v| v.at - self.created_at)
    }

    /// The solution documentation recorded in this round, if any (CLS-3).
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// assert!(ticket.state().documentation().unwrap().cause.contains("контроллер"));
    /// ```
    pub fn documentation(&self) -> Option<&SolutionDocumentation> {
        self.closure
            .documentation
            .as_ref()
            .map(|d| &d.documentation)
    }

    /// Whether the ticket is a repeat: decided so (REP-1) or linked as a
    /// repeat of an earlier ticket (REP-3).
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::repeat_ticket();
    /// assert!(ticket.state().is_repeat());
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// assert!(!ticket.state().is_repeat());
    /// ```
    pub fn is_repeat(&self) -> bool {
        self.repeat
            .decision
            .as_ref()
            .is_some_and(|d| d.decision == crate::repeat::RepeatDecision::Repeat)
            || self
                .links
                .iter()
                .any(|l| l.kind == crate::ticket::LinkKind::RepeatOf)
    }

    /// The earlier tickets this one is linked to as a repeat, in link order.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::repeat_ticket();
    /// let earlier: Vec<&str> = ticket.state().repeats_of().map(|l| l.target.as_str()).collect();
    /// assert_eq!(earlier, ["T-900"]);
    /// ```
    pub fn repeats_of(&self) -> impl Iterator<Item = &TicketLink> {
        self.links
            .iter()
            .filter(|l| l.kind == crate::ticket::LinkKind::RepeatOf)
    }

    /// Whether support wrote to the client at least once (CLS-4 communication).
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// assert!(ticket.state().has_communication());
    /// ```
    pub fn has_communication(&self) -> bool {
        self.messages
            .iter()
            .any(|m| m.direction == Direction::ToClient)
    }
}
