//! Tickets: who asked, about what, and everything that happened since.
//!
//! A [`Ticket`](crate::Ticket) is built only by applying commands (see
//! [`closure`](crate::closure)); this module holds the plain values it is made
//! of: identifiers, the client's details, the communication log, diagnostic
//! entries, logged work, the client's questions and links to other tickets.
//!
//! ```
//! use ticketry::ticket::{ClientId, TicketId};
//!
//! let id = TicketId::new("T-10234")?;
//! assert_eq!(id.as_str(), "T-10234");
//! // Identifiers are trimmed and must not be empty or contain spaces.
//! assert!(TicketId::new("  ").is_err());
//! assert!(ClientId::new("ЖК Северный").is_err());
//! assert_eq!(ClientId::new(" client-42 ")?.as_str(), "client-42");
//! # Ok::<(), ticketry::ticket::InvalidId>(())
//! ```

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The longest identifier accepted, in characters.
///
/// ```
/// let long = "T".repeat(ticketry::ticket::MAX_ID_CHARS + 1);
/// assert!(ticketry::ticket::TicketId::new(long).is_err());
/// ```
pub const MAX_ID_CHARS: usize = 128;

/// An identifier is empty, too long, or contains whitespace or control characters.
///
/// ```
/// let err = ticketry::ticket::TicketId::new("T 1").unwrap_err();
/// assert_eq!(err.to_string(), "identifier `T 1` contains whitespace or control characters");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidId {
    /// The identifier is empty after trimming.
    #[error("identifier is empty")]
    Empty,
    /// The identifier is longer than [`MAX_ID_CHARS`].
    #[error("identifier is longer than {MAX_ID_CHARS} characters")]
    TooLong,
    /// The identifier contains whitespace or control characters.
    #[error("identifier `{0}` contains whitespace or control characters")]
    BadCharacter(String),
}

fn check_id(raw: &str) -> Result<String, InvalidId> {
    let id = raw.trim();
    if id.is_empty() {
        return Err(InvalidId::Empty);
    }
    if id.chars().count() > MAX_ID_CHARS {
        return Err(InvalidId::TooLong);
    }
    if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(InvalidId::BadCharacter(id.to_owned()));
    }
    Ok(id.to_owned())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $example:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Checks and wraps an identifier: trimmed, not empty, at most
            /// [`MAX_ID_CHARS`] characters, no whitespace or control characters.
            ///
            /// ```
            #[doc = concat!("let id = ticketry::ticket::", stringify!($name), "::new(\"", $example, "\").unwrap();")]
            #[doc = concat!("assert_eq!(id.to_string(), \"", $example, "\");")]
            /// ```
            pub fn new(raw: impl AsRef<str>) -> Result<Self, InvalidId> {
                check_id(raw.as_ref()).map(Self)
            }

            /// The identifier as text.
            ///
            /// ```
            #[doc = concat!("let id = ticketry::ticket::", stringify!($name), "::new(\"", $example, "\").unwrap();")]
            #[doc = concat!("assert_eq!(id.as_str(), \"", $example, "\");")]
            /// ```
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidId;
            fn try_from(raw: String) -> Result<Self, InvalidId> {
                Self::new(raw)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A ticket's identifier, such as `T-10234`.
    TicketId,
    "T-10234"
);
id_type!(
    /// A client's identifier (an organisation or a residential complex in PASS24.online terms).
    ClientId,
    "client-42"
);

/// How urgent a ticket is.
///
/// ```
/// use ticketry::ticket::Priority;
/// assert_eq!(Priority::default(), Priority::Normal);
/// assert_eq!(serde_json::to_string(&Priority::High).unwrap(), "\"high\"");
/// assert!(Priority::Critical > Priority::Low);
/// ```
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Can wait.
    Low,
    /// The usual case.
    #[default]
    Normal,
    /// Hurts the client's work.
    High,
    /// Stops the client's work (for example, nobody can pass the gate).
    Critical,
}

/// What role the person or system acting on a ticket has.
///
/// ```
/// use ticketry::ticket::Role;
/// assert_eq!(serde_json::to_string(&Role::Specialist).unwrap(), "\"specialist\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A support specialist.
    Specialist,
    /// The head of support (руководитель технической поддержки).
    Lead,
    /// The client, acting through a portal.
    Client,
    /// An automated process.
    System,
}

/// Who acted: recorded on every event.
///
/// ```
/// use ticketry::ticket::{Actor, Role};
/// let anna = Actor::specialist("anna", "Анна Смирнова");
/// assert_eq!(anna.role, Role::Specialist);
/// assert_eq!(anna.display_name(), "Анна Смирнова");
/// assert_eq!(Actor::system("importer").display_name(), "importer");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    /// A stable identifier (login, e-mail, service name).
    pub id: String,
    /// The actor's role.
    pub role: Role,
    /// A human-readable name, used in templates (the specialist's signature).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Actor {
    /// A support specialist with a display name.
    ///
    /// ```
    /// let a = ticketry::ticket::Actor::specialist("anna", "Анна");
    /// assert_eq!(a.name.as_deref(), Some("Анна"));
    /// ```
    pub fn specialist(id: impl Into<String>, name: impl Into<String>) -> Self {
        Actor {
            id: id.into(),
            role: Role::Specialist,
            name: Some(name.into()),
        }
    }

    /// An automated process, without a display name.
    ///
    /// ```
    /// let a = ticketry::ticket::Actor::system("mail-gateway");
    /// assert!(a.name.is_none());
    /// ```
    pub fn system(id: impl Into<String>) -> Self {
        Actor {
            id: id.into(),
            role: Role::System,
            name: None,
        }
    }

    /// The name to show: the display name when there is one, else the id.
    ///
    /// ```
    /// let a = ticketry::ticket::Actor::system("bot");
    /// assert_eq!(a.display_name(), "bot");
    /// ```
    pub fn display_name(&self) -> &str {
        match &self.name {
            Some(n) if !n.trim().is_empty() => n,
            _ => &self.id,
        }
    }
}

/// Who acted and when: passed with every command, stored on every event.
///
/// The core never reads a clock: time always comes in through `Meta`.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use ticketry::ticket::{Actor, Meta};
/// let meta = Meta::new(Actor::system("import"), Utc.with_ymd_and_hms(2025, 3, 3, 9, 0, 0).unwrap());
/// assert_eq!(meta.at.to_rfc3339(), "2025-03-03T09:00:00+00:00");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Who acted.
    pub actor: Actor,
    /// When.
    pub at: DateTime<Utc>,
}

impl Meta {
    /// Bundles an actor and a time.
    ///
    /// ```
    /// # use chrono::Utc;
    /// let meta = ticketry::ticket::Meta::new(ticketry::ticket::Actor::system("x"), chrono::DateTime::<Utc>::UNIX_EPOCH);
    /// assert_eq!(meta.actor.id, "x");
    /// ```
    pub fn new(actor: Actor, at: DateTime<Utc>) -> Self {
        Meta { actor, at }
    }
}

/// Which way a message went.
///
/// ```
/// use ticketry::ticket::Direction;
/// assert_eq!(serde_json::to_string(&Direction::FromClient).unwrap(), "\"from_client\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Support wrote to the client.
    ToClient,
    /// The client wrote to support.
    FromClient,
}

/// What a message in the communication log was for.
///
/// Messages the closure process sends on its own (a confirmation request, the
/// final notification…) carry their kind, so a reader of the log sees the
/// regulation's steps in it.
///
/// ```
/// use ticketry::ticket::MessageKind;
/// assert_eq!(serde_json::to_string(&MessageKind::FinalNotification).unwrap(), "\"final_notification\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// An ordinary message.
    Regular,
    /// Product update instructions (CLS-S2).
    UpdateInstructions,
    /// A request to confirm the solution (CLS-2).
    ConfirmationRequest,
    /// The repeated confirmation request (CLS-S1).
    ConfirmationReminder,
    /// The client's confirmation (CLS-2).
    Confirmation,
    /// The client says the problem is not solved (CLS-2, CLS-S1).
    NotSolved,
    /// A request for information on why the problem recurred (REP-4).
    InformationRequest,
    /// The final notification (CLS-6).
    FinalNotification,
    /// The notice that work continues after a reopen (CLS-S3).
    ReopenNotice,
}

/// One message of the communication log.
///
/// ```
/// use ticketry::ticket::{Direction, MessageKind};
/// # let ticket = ticketry::doc_support::sample_ticket();
/// let first = &ticket.state().messages[0];
/// assert_eq!(first.direction, Direction::ToClient);
/// assert_eq!(first.kind, MessageKind::Regular);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// When it was sent or received.
    pub at: DateTime<Utc>,
    /// Who recorded it (actor id).
    pub by: String,
    /// Which way it went.
    pub direction: Direction,
    /// What it was for.
    pub kind: MessageKind,
    /// The text.
    pub text: String,
    /// The channel (e-mail, phone, chat…), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
}

/// A diagnostic finding: logs read, settings checked, tests run (CLS-4).
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// assert!(ticket.state().diagnostics[0].summary.contains("не на связи"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiagnosticEntry {
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// Who recorded it (actor id).
    pub by: String,
    /// One line: what was found.
    pub summary: String,
    /// Details: log excerpts, versions, settings.
    #[serde(default)]
    pub details: String,
}

/// Time spent working on the ticket (handling time, CLS-4).
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// assert_eq!(ticket.state().handling_minutes(), 45);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkEntry {
    /// When the work was logged.
    pub at: DateTime<Utc>,
    /// Who worked (actor id).
    pub by: String,
    /// Minutes spent.
    pub minutes: u32,
    /// What was done.
    #[serde(default)]
    pub note: String,
}

/// An answer to a client's question.
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// let answer = ticket.state().questions[0].answer.as_ref().unwrap();
/// assert!(!answer.text.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// When it was answered.
    pub at: DateTime<Utc>,
    /// Who answered (actor id).
    pub by: String,
    /// The answer.
    pub text: String,
}

/// A question the client asked; every one must be answered before closing (CLS-R4).
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// let q = &ticket.state().questions[0];
/// assert_eq!(q.id, 1);
/// assert!(q.is_answered());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientQuestion {
    /// The question's number within the ticket, from 1.
    pub id: u32,
    /// When it was asked.
    pub asked_at: DateTime<Utc>,
    /// The question.
    pub text: String,
    /// The answer, once given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Answer>,
}

impl ClientQuestion {
    /// Whether the question has an answer.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// assert!(ticket.state().questions.iter().all(|q| q.is_answered()));
    /// ```
    pub fn is_answered(&self) -> bool {
        self.answer.is_some()
    }
}

/// How a ticket relates to another, earlier one.
///
/// A `repeat_of` link also carries the repeat type and the cause (REP-3).
///
/// ```
/// use ticketry::ticket::LinkKind;
/// assert_eq!(serde_json::to_string(&LinkKind::ContinuationOf).unwrap(), "\"continuation_of\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// This ticket repeats the other, earlier one.
    RepeatOf,
    /// The tickets are related.
    RelatedTo,
    /// This ticket continues the other (CLS-S3: a new linked ticket instead of a reopen).
    ContinuationOf,
}

/// A link from this ticket to another.
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// assert!(ticket.state().links.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketLink {
    /// The other ticket.
    pub target: TicketId,
    /// How they relate.
    pub kind: LinkKind,
    /// Why they are linked.
    pub comment: String,
    /// The repeat type, for a `repeat_of` link (REP-T1..T4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_type: Option<crate::repeat::RepeatType>,
    /// Why the problem recurred (REP-C0..C4); "not yet known" until determined.
    #[serde(default)]
    pub cause: crate::repeat::RecurrenceCause,
    /// When the linked ticket was opened (always before this one).
    pub target_opened_at: DateTime<Utc>,
    /// When the link was made.
    pub at: DateTime<Utc>,
    /// Who made it (actor id).
    pub by: String,
}

/// The facts a ticket starts with: what the client asked.
///
/// ```
/// use ticketry::ticket::{ClientId, NewTicket, Priority, TicketId};
/// let new = NewTicket {
///     id: TicketId::new("T-1")?,
///     client_id: ClientId::new("zhk-severny")?,
///     contact_name: "Ирина Петрова".into(),
///     product: "PASS24 Шлагбаум".into(),
///     subject: "Не открывается шлагбаум".into(),
///     description: "С утра шлагбаум не реагирует на пропуска".into(),
///     priority: Priority::High,
/// };
/// assert_eq!(new.priority, Priority::High);
/// # Ok::<(), ticketry::ticket::InvalidId>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTicket {
    /// The ticket's identifier.
    pub id: TicketId,
    /// The client.
    pub client_id: ClientId,
    /// The contact person's name, used to greet them in templates.
    pub contact_name: String,
    /// The product or context (system, module, site) the ticket is about.
    pub product: String,
    /// One-line subject.
    pub subject: String,
    /// The client's description of the problem.
    pub description: String,
    /// How urgent it is.
    #[serde(default)]
    pub priority: Priority,
}

impl NewTicket {
    /// Reads a new ticket from JSON, naming the field at fault when it is malformed.
    ///
    /// ```
    /// let new = ticketry::ticket::NewTicket::from_json(r#"{"id": "T-1", "client_id": "c-1",
    ///     "contact_name": "Ирина", "product": "PASS24", "subject": "Шлагбаум",
    ///     "description": "Не открывается"}"#)?;
    /// assert_eq!(new.priority, ticketry::ticket::Priority::Normal);
    ///
    /// let err = ticketry::ticket::NewTicket::from_json(r#"{"id": "T 1"}"#).unwrap_err();
    /// assert!(err.to_string().starts_with("invalid input in `id`"));
    /// # Ok::<(), ticketry::ApplyError>(())
    /// ```
    pub fn from_json(json: &str) -> Result<NewTicket, crate::ApplyError> {
        crate::json::from_str(json)
    }
}
