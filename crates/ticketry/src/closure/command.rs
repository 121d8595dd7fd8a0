//! The payloads of the commands that move a ticket through its lifecycle.
//!
//! Each command is a plain struct; [`Command`](super::Command) wraps them for
//! the dynamic API and for the event log. Their JSON form is the struct's
//! fields plus a `"type"` tag, e.g.
//! `{"type": "record_not_solved", "reason": "Шлагбаум снова не открывается"}`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::repeat::{RecurrenceCause, RepeatType};
use crate::ticket::{Direction, LinkKind, NewTicket, TicketId};

/// Open a ticket: the first event of every log.
///
/// ```
/// use ticketry::closure::{Command, CommandKind};
/// # let new_ticket = ticketry::doc_support::new_ticket("T-1");
/// let cmd = Command::from(new_ticket);
/// assert_eq!(cmd.kind(), CommandKind::Open);
/// ```
pub type Open = NewTicket;

/// Record a message to or from the client in the communication log (CLS-4).
///
/// ```
/// use ticketry::closure::LogMessage;
/// use ticketry::ticket::Direction;
/// let cmd = LogMessage::to_client("Проверяем журнал контроллера");
/// assert_eq!(cmd.direction, Direction::ToClient);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogMessage {
    /// Which way the message went.
    pub direction: Direction,
    /// The text; must not be empty.
    pub text: String,
    /// The channel (e-mail, phone, chat…), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
}

impl LogMessage {
    /// A message support sent to the client.
    ///
    /// ```
    /// let cmd = ticketry::closure::LogMessage::to_client("Добрый день!");
    /// assert_eq!(cmd.text, "Добрый день!");
    /// ```
    pub fn to_client(text: impl Into<String>) -> Self {
        LogMessage {
            direction: Direction::ToClient,
            text: text.into(),
            channel: None,
        }
    }

    /// A message the client sent to support.
    ///
    /// ```
    /// let cmd = ticketry::closure::LogMessage::from_client("Всё ещё не работает");
    /// assert_eq!(cmd.direction, ticketry::ticket::Direction::FromClient);
    /// ```
    pub fn from_client(text: impl Into<String>) -> Self {
        LogMessage {
            direction: Direction::FromClient,
            text: text.into(),
            channel: None,
        }
    }
}

/// Record a diagnostic finding (CLS-4: diagnostic information where it applies).
///
/// ```
/// let cmd = ticketry::closure::AddDiagnostic::new("Контроллер офлайн с 08:12");
/// assert!(cmd.details.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddDiagnostic {
    /// One line: what was found; must not be empty.
    pub summary: String,
    /// Details: log excerpts, versions, settings.
    #[serde(default)]
    pub details: String,
}

impl AddDiagnostic {
    /// A finding without details.
    ///
    /// ```
    /// let cmd = ticketry::closure::AddDiagnostic::new("Прошивка 2.4.1");
    /// assert_eq!(cmd.summary, "Прошивка 2.4.1");
    /// ```
    pub fn new(summary: impl Into<String>) -> Self {
        AddDiagnostic {
            summary: summary.into(),
            details: String::new(),
        }
    }
}

/// Log time spent on the ticket (CLS-4: handling time).
///
/// ```
/// let cmd = ticketry::closure::LogWork::minutes(30, "Разбор журналов");
/// assert_eq!(cmd.minutes, 30);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogWork {
    /// Minutes spent; must be more than zero.
    pub minutes: u32,
    /// What was done.
    #[serde(default)]
    pub note: String,
}

impl LogWork {
    /// Work of `minutes` with a note.
    ///
    /// ```
    /// let cmd = ticketry::closure::LogWork::minutes(5, "");
    /// assert!(cmd.note.is_empty());
    /// ```
    pub fn minutes(minutes: u32, note: impl Into<String>) -> Self {
        LogWork {
            minutes,
            note: note.into(),
        }
    }
}

/// Record a question the client asked (CLS-R4: every question gets an answer).
///
/// Questions are numbered from 1 in the order they are recorded.
///
/// ```
/// let cmd = ticketry::closure::RecordQuestion::new("Нужно ли перезагружать контроллер?");
/// assert!(cmd.text.ends_with('?'));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordQuestion {
    /// The question; must not be empty.
    pub text: String,
}

impl RecordQuestion {
    /// A question with this text.
    ///
    /// ```
    /// assert_eq!(ticketry::closure::RecordQuestion::new("Когда?").text, "Когда?");
    /// ```
    pub fn new(text: impl Into<String>) -> Self {
        RecordQuestion { text: text.into() }
    }
}

/// Answer a recorded question (CLS-R4).
///
/// ```
/// let cmd = ticketry::closure::AnswerQuestion::new(1, "Нет, не нужно");
/// assert_eq!(cmd.question_id, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerQuestion {
    /// The number of the question, from 1.
    pub question_id: u32,
    /// The answer; must not be empty.
    pub answer: String,
}

impl AnswerQuestion {
    /// Answer question `question_id`.
    ///
    /// ```
    /// assert_eq!(ticketry::closure::AnswerQuestion::new(2, "Да").answer, "Да");
    /// ```
    pub fn new(question_id: u32, answer: impl Into<String>) -> Self {
        AnswerQuestion {
            question_id,
            answer: answer.into(),
        }
    }
}

/// Link this ticket to an earlier one (REP-3, REP-LINKALL; CLS-S3 for a continuation).
///
/// The target must be a known ticket opened before this one: links always
/// point back in time, so they can never form a cycle. A link to the ticket
/// itself, to an unknown or a later ticket, or a second link of the same kind
/// to the same ticket is refused. A `repeat_of` link needs the
/// [`RepeatType`] and follows a "repeat" decision (REP-1); its cause may be
/// "not yet known" and takes the determined cause later (REP-4).
/// `target_opened_at` is filled in by ticketry from the directory of known
/// tickets ([`Archive`](crate::archive::Archive) or any
/// [`TicketDirectory`](crate::archive::TicketDirectory)); a value given is replaced.
///
/// ```
/// use ticketry::closure::LinkTicket;
/// use ticketry::repeat::{RecurrenceCause, RepeatType};
/// use ticketry::ticket::{LinkKind, TicketId};
/// let related = LinkTicket::related(TicketId::new("T-9")?, "тот же контроллер");
/// assert_eq!(related.kind, LinkKind::RelatedTo);
/// let repeat = LinkTicket::repeat_of(TicketId::new("T-9")?, RepeatType::SameProblem, "снова шлагбаум");
/// assert_eq!(repeat.repeat_type, Some(RepeatType::SameProblem));
/// assert_eq!(repeat.cause, RecurrenceCause::NotYetKnown);
/// # Ok::<(), ticketry::ticket::InvalidId>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkTicket {
    /// The other, earlier ticket.
    pub target: TicketId,
    /// How they relate.
    pub kind: LinkKind,
    /// Why they are linked; must not be empty.
    pub comment: String,
    /// The repeat type; required for `repeat_of`, not allowed otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_type: Option<RepeatType>,
    /// Why the problem recurred, if known (only for `repeat_of`).
    #[serde(default, skip_serializing_if = "RecurrenceCause::is_not_yet_known")]
    pub cause: RecurrenceCause,
    /// When the target was opened; filled in from the directory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_opened_at: Option<DateTime<Utc>>,
}

impl LinkTicket {
    /// A `related_to` link.
    ///
    /// ```
    /// let link = ticketry::closure::LinkTicket::related(ticketry::ticket::TicketId::new("T-1")?, "тот же объект");
    /// assert!(link.repeat_type.is_none());
    /// # Ok::<(), ticketry::ticket::InvalidId>(())
    /// ```
    pub fn related(target: TicketId, comment: impl Into<String>) -> Self {
        LinkTicket::of_kind(target, LinkKind::RelatedTo, comment)
    }

    /// A link of any kind, without repeat type or cause.
    ///
    /// ```
    /// use ticketry::ticket::LinkKind;
    /// let link = ticketry::closure::LinkTicket::of_kind(ticketry::ticket::TicketId::new("T-1")?, LinkKind::ContinuationOf, "продолжение");
    /// assert_eq!(link.kind, LinkKind::ContinuationOf);
    /// # Ok::<(), ticketry::ticket::InvalidId>(())
    /// ```
    pub fn of_kind(target: TicketId, kind: LinkKind, comment: impl Into<String>) -> Self {
        LinkTicket {
            target,
            kind,
            comment: comment.into(),
            repeat_type: None,
            cause: RecurrenceCause::NotYetKnown,
            target_opened_at: None,
        }
    }

    /// A `repeat_of` link with its type; the cause is "not yet known".
    ///
    /// ```
    /// use ticketry::repeat::{RecurrenceCause, RepeatType};
    /// let link = ticketry::closure::LinkTicket::repeat_of(ticketry::ticket::TicketId::new("T-1")?, RepeatType::NotFullyResolved, "снова")
    ///     .with_cause(RecurrenceCause::NotFullySolved);
    /// assert_eq!(link.cause, RecurrenceCause::NotFullySolved);
    /// # Ok::<(), ticketry::ticket::InvalidId>(())
    /// ```
    pub fn repeat_of(
        target: TicketId,
        repeat_type: RepeatType,
        comment: impl Into<String>,
    ) -> Self {
        LinkTicket {
            repeat_type: Some(repeat_type),
            ..LinkTicket::of_kind(target, LinkKind::RepeatOf, comment)
        }
    }

    /// The same link with a known cause.
    ///
    /// ```
    /// use ticketry::repeat::{RecurrenceCause, RepeatType};
    /// let link = ticketry::closure::LinkTicket::repeat_of(ticketry::ticket::TicketId::new("T-1")?, RepeatType::SameProblem, "снова")
    ///     .with_cause(RecurrenceCause::NotApplied);
    /// assert!(link.cause.is_known());
    /// # Ok::<(), ticketry::ticket::InvalidId>(())
    /// ```
    pub fn with_cause(mut self, cause: RecurrenceCause) -> Self {
        self.cause = cause;
        self
    }
}

/// Remove a link made by mistake (REP-3: "make sure the link is correct").
/// The reason is required; the link stays in the ticket's history.
///
/// ```
/// use ticketry::closure::RemoveLink;
/// use ticketry::ticket::{LinkKind, TicketId};
/// let cmd = RemoveLink { target: TicketId::new("T-9")?, kind: LinkKind::RepeatOf, reason: "другой объект".into() };
/// assert_eq!(cmd.kind, LinkKind::RepeatOf);
/// # Ok::<(), ticketry::ticket::InvalidId>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoveLink {
    /// The linked ticket.
    pub target: TicketId,
    /// The kind of the link to remove.
    pub kind: LinkKind,
    /// Why it was wrong.
    pub reason: String,
}

/// The solution documentation (CLS-3), the body of the CLS-TPL-D template.
///
/// Every text field is required, and a placeholder (`TODO`, `-`, `[Описание]`,
/// `н/д`…) counts as missing; see [`is_placeholder`](crate::closure::is_placeholder).
/// The time to resolve is not typed in: it is computed from the ticket (from
/// creation to the verified resolution).
///
/// ```
/// # let doc = ticketry::doc_support::sample_documentation();
/// assert!(!doc.resources.is_empty());
/// assert!(doc.product_update.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SolutionDocumentation {
    /// What the problem was (Описание проблемы).
    pub problem_description: String,
    /// Why it happened (Причина проблемы).
    pub cause: String,
    /// What was done (Решение / Примененное решение).
    pub applied_solution: String,
    /// Advice to the client (Дополнительные рекомендации).
    pub recommendations: String,
    /// Links to the resources used (Использованные ресурсы): articles, manuals, tickets.
    pub resources: Vec<String>,
    /// The product update the solution needed, when it needed one (CLS-S2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_update: Option<String>,
}

/// Record that the completeness of the ticket's information was checked (CLS-4).
///
/// The check is refused while anything is missing, and the refusal names each
/// missing item. `diagnostics_apply` says whether diagnostic information is
/// expected for this ticket (the regulation: "where it applies").
///
/// ```
/// let cmd = ticketry::closure::CheckCompleteness { diagnostics_apply: true };
/// assert!(cmd.diagnostics_apply);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckCompleteness {
    /// Whether diagnostic entries are expected for this ticket.
    pub diagnostics_apply: bool,
}

/// What was decided about the knowledge base (CLS-5). The decision is recorded either way.
///
/// ```
/// use ticketry::closure::KnowledgeBaseDecision;
/// let d = KnowledgeBaseDecision::ArticleCreated { article: "KB-231".into() };
/// assert_eq!(serde_json::to_value(&d).unwrap()["kind"], "article_created");
/// assert_eq!(d.article(), Some("KB-231"));
/// assert_eq!(KnowledgeBaseDecision::NotNeededTypical.article(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum KnowledgeBaseDecision {
    /// A new article was written; `article` is its reference (id or URL).
    ArticleCreated {
        /// The article's reference.
        article: String,
    },
    /// An existing article was updated.
    ArticleUpdated {
        /// The article's reference.
        article: String,
    },
    /// Not needed: the solution is typical.
    NotNeededTypical,
    /// Not needed: the knowledge base already covers it, in `article`.
    NotNeededAlreadyCovered {
        /// The article that covers it.
        article: String,
    },
}

impl KnowledgeBaseDecision {
    /// The article the decision refers to, if any.
    ///
    /// ```
    /// use ticketry::closure::KnowledgeBaseDecision;
    /// let d = KnowledgeBaseDecision::NotNeededAlreadyCovered { article: "KB-7".into() };
    /// assert_eq!(d.article(), Some("KB-7"));
    /// ```
    pub fn article(&self) -> Option<&str> {
        match self {
            KnowledgeBaseDecision::ArticleCreated { article }
            | KnowledgeBaseDecision::ArticleUpdated { article }
            | KnowledgeBaseDecision::NotNeededAlreadyCovered { article } => Some(article),
            KnowledgeBaseDecision::NotNeededTypical => None,
        }
    }

    /// Whether the knowledge base was changed (an article created or updated).
    ///
    /// ```
    /// use ticketry::closure::KnowledgeBaseDecision;
    /// assert!(!KnowledgeBaseDecision::NotNeededTypical.changed_knowledge_base());
    /// ```
    pub fn changed_knowledge_base(&self) -> bool {
        matches!(
            self,
            KnowledgeBaseDecision::ArticleCreated { .. }
                | KnowledgeBaseDecision::ArticleUpdated { .. }
        )
    }
}

/// Record the knowledge-base decision (CLS-5).
///
/// ```
/// use ticketry::closure::{KnowledgeBaseDecision, RecordKnowledgeBaseDecision};
/// let cmd = RecordKnowledgeBaseDecision { decision: KnowledgeBaseDecision::NotNeededTypical };
/// assert!(cmd.decision.article().is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordKnowledgeBaseDecision {
    /// The decision.
    pub decision: KnowledgeBaseDecision,
}

/// The solution needs a product update: tell the client how to update (CLS-S2).
///
/// The ticket waits in `awaiting_update` until the update is confirmed.
///
/// ```
/// let cmd = ticketry::closure::RequireProductUpdate {
///     update: "Прошивка контроллера 2.5.0".into(),
///     instructions: "Откройте «Настройки → Обновление» и нажмите «Установить»".into(),
/// };
/// assert!(cmd.update.contains("2.5.0"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequireProductUpdate {
    /// Which update is needed (product and version).
    pub update: String,
    /// The update instructions sent to the client.
    pub instructions: String,
}

/// The client confirmed the product update is installed (CLS-S2).
///
/// ```
/// let cmd = ticketry::closure::ConfirmProductUpdate::default();
/// assert!(cmd.note.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmProductUpdate {
    /// The client's words or what was checked.
    #[serde(default)]
    pub note: String,
}

/// Record that the solution was verified (CLS-1): the system works, every
/// aspect of the problem is solved, and there are no related problems.
///
/// A `false` in any check refuses the command and names the check.
///
/// ```
/// let cmd = ticketry::closure::VerifyResolution::all_checked("Проход по пропуску работает");
/// assert!(cmd.system_works && cmd.all_aspects_solved && cmd.no_related_problems);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifyResolution {
    /// The system works (Проверить работоспособность системы).
    pub system_works: bool,
    /// Every aspect of the problem is solved.
    pub all_aspects_solved: bool,
    /// No related problems remain.
    pub no_related_problems: bool,
    /// How it was verified.
    #[serde(default)]
    pub note: String,
}

impl VerifyResolution {
    /// All three checks passed.
    ///
    /// ```
    /// let cmd = ticketry::closure::VerifyResolution::all_checked("");
    /// assert!(cmd.system_works);
    /// ```
    pub fn all_checked(note: impl Into<String>) -> Self {
        VerifyResolution {
            system_works: true,
            all_aspects_solved: true,
            no_related_problems: true,
            note: note.into(),
        }
    }
}

/// Support goes back to work before closing (CLS-1: not fully solved after all).
///
/// ```
/// let cmd = ticketry::closure::ResumeWork::because("Нашли вторую неисправную камеру");
/// assert!(!cmd.reason.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResumeWork {
    /// Why work continues; required.
    pub reason: String,
}

impl ResumeWork {
    /// Resume work for this reason.
    ///
    /// ```
    /// assert_eq!(ticketry::closure::ResumeWork::because("x").reason, "x");
    /// ```
    pub fn because(reason: impl Into<String>) -> Self {
        ResumeWork {
            reason: reason.into(),
        }
    }
}

/// Ask the client to confirm the solution (CLS-2).
///
/// Without a `message`, the standard request of the policy's locale is sent
/// (has the client checked the solution, is the problem solved, any more questions).
///
/// ```
/// let cmd = ticketry::closure::RequestConfirmation::default();
/// assert!(cmd.message.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestConfirmation {
    /// The request's text; the standard text when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Send the repeated confirmation request after the client did not answer (CLS-S1).
///
/// The business-day wait before closing with a mark starts from this reminder.
///
/// ```
/// let cmd = ticketry::closure::SendConfirmationReminder::default();
/// assert!(cmd.message.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SendConfirmationReminder {
    /// The reminder's text; the standard text when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The client confirmed the problem is solved (CLS-2, CLS-R2).
///
/// ```
/// let cmd = ticketry::closure::RecordConfirmation::with_note("Да, всё работает, спасибо");
/// assert!(cmd.further_questions.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordConfirmation {
    /// The client's words.
    #[serde(default)]
    pub note: String,
    /// Questions the client asked while confirming; each is recorded and must
    /// be answered before closing (CLS-2 "any more questions?", CLS-R4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub further_questions: Vec<String>,
}

impl RecordConfirmation {
    /// A confirmation with the client's words and no further questions.
    ///
    /// ```
    /// assert_eq!(ticketry::closure::RecordConfirmation::with_note("ok").note, "ok");
    /// ```
    pub fn with_note(note: impl Into<String>) -> Self {
        RecordConfirmation {
            note: note.into(),
            further_questions: Vec::new(),
        }
    }
}

/// The client says the problem is not solved (CLS-2, CLS-S1): back to work, no closing.
///
/// ```
/// let cmd = ticketry::closure::RecordNotSolved::because("Пропуск гостя всё ещё не проходит");
/// assert!(cmd.reason.contains("гостя"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordNotSolved {
    /// What the client says is still wrong; required ("find out why").
    pub reason: String,
}

impl RecordNotSolved {
    /// The client's reason.
    ///
    /// ```
    /// assert_eq!(ticketry::closure::RecordNotSolved::because("x").reason, "x");
    /// ```
    pub fn because(reason: impl Into<String>) -> Self {
        RecordNotSolved {
            reason: reason.into(),
        }
    }
}

/// Send the final notification (CLS-6).
///
/// Without a `text`, the CLS-TPL-N template is rendered in the policy's locale
/// from the ticket and the solution documentation; a missing value refuses the
/// command and names it, so no raw placeholder ever reaches a client.
///
/// ```
/// let cmd = ticketry::closure::SendFinalNotification::default();
/// assert!(cmd.text.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SendFinalNotification {
    /// The notification's text; rendered from CLS-TPL-N when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Close the ticket after the client confirmed (CLS-7).
///
/// ```
/// let cmd = ticketry::closure::Close::new("Проблема решена", "Проход по пропускам восстановлен");
/// assert_eq!(cmd.reason, "Проблема решена");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Close {
    /// The closure reason (причина закрытия); required.
    pub reason: String,
    /// The result of the solution (результат решения); required.
    pub result: String,
}

impl Close {
    /// Close with a reason and a result.
    ///
    /// ```
    /// assert_eq!(ticketry::closure::Close::new("a", "b").result, "b");
    /// ```
    pub fn new(reason: impl Into<String>, result: impl Into<String>) -> Self {
        Close {
            reason: reason.into(),
            result: result.into(),
        }
    }
}

/// Close "with a mark" (closed without confirmation) after the client did not
/// answer the repeated request for the policy's wait in business days (CLS-S1).
///
/// ```
/// let cmd = ticketry::closure::CloseWithoutConfirmation::new(
///     "Клиент не ответил на повторный запрос", "Проход восстановлен, проверено по журналу");
/// assert!(cmd.reason.contains("не ответил"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloseWithoutConfirmation {
    /// The closure reason; required.
    pub reason: String,
    /// The result of the solution; required.
    pub result: String,
}

impl CloseWithoutConfirmation {
    /// Close with a mark, with a reason and a result.
    ///
    /// ```
    /// assert_eq!(ticketry::closure::CloseWithoutConfirmation::new("a", "b").reason, "a");
    /// ```
    pub fn new(reason: impl Into<String>, result: impl Into<String>) -> Self {
        CloseWithoutConfirmation {
            reason: reason.into(),
            result: result.into(),
        }
    }
}

/// Reopen a closed ticket (CLS-S3): closed by mistake, or the client reports it is not solved.
///
/// All three texts are required: why it is reopened, the cause of the mistake
/// (so it can be prevented), and the notice sent to the client that work continues.
///
/// ```
/// let cmd = ticketry::closure::Reopen {
///     reason: "Клиент сообщил, что гостевые пропуска не работают".into(),
///     mistake_cause: "Проверили только постоянные пропуска".into(),
///     client_notice: "Мы продолжаем работу по вашему обращению".into(),
///     reported_by_client: true,
/// };
/// assert!(cmd.reported_by_client);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reopen {
    /// Why the ticket is reopened.
    pub reason: String,
    /// The cause of the mistaken close.
    pub mistake_cause: String,
    /// The notice sent to the client that work continues.
    pub client_notice: String,
    /// Whether the client reported that the problem is not solved.
    #[serde(default)]
    pub reported_by_client: bool,
}

/// Whether a text is missing in substance: empty, only punctuation, a bracketed
/// template placeholder, or a stock filler such as `TODO`, `TBD`, `n/a`, `н/д`, `нет`.
///
/// The closure process rejects such values in required fields, naming the field.
///
/// ```
/// use ticketry::closure::is_placeholder;
/// assert!(is_placeholder("   "));
/// assert!(is_placeholder("[Описание]"));
/// assert!(is_placeholder("TODO"));
/// assert!(is_placeholder("—"));
/// assert!(is_placeholder("н/д"));
/// assert!(!is_placeholder("Перезапустили службу доступа"));
/// ```
pub fn is_placeholder(text: &str) -> bool {
    is_filler(text, false)
}

/// [`is_placeholder`] for the answer to a client's question, where a plain
/// «нет» / "no" is a real answer.
pub(crate) fn is_placeholder_answer(text: &str) -> bool {
    is_filler(text, true)
}

fn is_filler(text: &str, no_is_an_answer: bool) -> bool {
    let t = text.trim();
    if t.is_empty() || t.chars().all(|c| !c.is_alphanumeric()) {
        return true;
    }
    let bracketed = |open: char, close: char| t.starts_with(open) && t.ends_with(close);
    if bracketed('[', ']') || bracketed('<', '>') || bracketed('{', '}') {
        return true;
    }
    // Every filler below is short: longer texts are real content.
    if t.chars().nth(12).is_some() {
        return false;
    }
    let lower = t.to_lowercase();
    let lower = lower.trim_end_matches(['.', '!', '?']);
    if no_is_an_answer && matches!(lower, "нет" | "no") {
        return false;
    }
    const FILLERS: &[&str] = &[
        "todo",
        "tbd",
        "fixme",
        "xxx",
        "n/a",
        "na",
        "none",
        "null",
        "tba",
        "нет",
        "no",
        "н/д",
        "н/а",
        "нет данных",
        "не указано",
        "заполнить",
        "потом",
        "...",
        "пусто",
        "-",
    ];
    FILLERS.contains(&lower)
}

/// Whether a text written for a client still holds a template placeholder:
/// a bracketed segment of words without digits (`[Имя клиента]`, `[ID]`,
/// `[краткое описание решения]`) or a `{name}` slot. Bracketed references
/// with digits (`[KB-118]`) are content.
///
/// ```
/// use ticketry::closure::contains_template_placeholder;
/// assert!(contains_template_placeholder("Здравствуйте, [Имя клиента]!"));
/// assert!(contains_template_placeholder("Обращение {ticket_id} закрыто"));
/// assert!(!contains_template_placeholder("Решение описано в статье [KB-118]"));
/// assert!(!contains_template_placeholder("Здравствуйте, Ирина!"));
/// ```
pub fn contains_template_placeholder(text: &str) -> bool {
    let segments = |open: char, close: char| {
        text.split(open)
            .skip(1)
            .filter_map(move |rest| rest.split_once(close).map(|(inside, _)| inside))
    };
    let words = |inside: &str| {
        let inside = inside.trim();
        !inside.is_empty()
            && inside.chars().count() <= 60
            && inside.chars().any(char::is_alphabetic)
            && !inside
                .chars()
                .any(|c| c.is_ascii_digit() || c == '[' || c == '{')
    };
    let slot = |inside: &str| {
        !inside.is_empty()
            && inside
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '?')
    };
    segments('[', ']').any(words) || segments('{', '}').any(slot)
}
