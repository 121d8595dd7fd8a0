//! Errors, as values with stable codes.
//!
//! | type | code | when |
//! |---|---|---|
//! | [`ApplyError::Refused`] | `refused` | the regulation forbids the command now; carries every [`Unmet`] rule |
//! | [`ApplyError::InvalidInput`] | `invalid_input` | a field of the command is malformed (names the field) |
//! | [`ApplyError::VersionConflict`] | `version_conflict` | the ticket changed since the caller read it |
//! | [`ApplyError::AlreadyOpened`] | `already_opened` | `open` applied to an existing ticket |
//! | [`LogError`] | `unsupported_schema_version`, `malformed_log`, `invalid_event` | a serialised event log cannot be loaded; nothing is applied |
//! | [`PolicyError`](crate::policy::PolicyError) | `invalid_policy` | a policy value is out of range |

use serde::Serialize;

use crate::closure::{CommandKind, Unmet};

/// Why a command was not applied. Nothing of the command is applied when it fails.
///
/// ```
/// use ticketry::closure::{CommandKind, Close};
/// use ticketry::ApplyError;
/// # let mut ticket = ticketry::doc_support::fresh_ticket();
/// # let policy = ticketry::Policy::default();
/// # let meta = ticketry::doc_support::meta_at(2025, 3, 3, 12);
/// let err = ticket.apply(Close::new("Решено", "Работает").into(), meta, &policy).unwrap_err();
/// assert_eq!(err.code(), "refused");
/// match err {
///     ApplyError::Refused { command, unmet } => {
///         assert_eq!(command, CommandKind::Close);
///         // All unmet rules at once, each with its rule ID.
///         assert!(unmet.len() >= 6);
///     }
///     other => panic!("unexpected {other}"),
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ApplyError {
    /// The regulation does not allow the command now; `unmet` lists every reason.
    #[error("`{command}` refused: {}", list(unmet))]
    Refused {
        /// The refused command.
        command: CommandKind,
        /// Every unmet rule, each with its rule ID and messages.
        unmet: Vec<Unmet>,
    },
    /// A field of the command is malformed.
    #[error("invalid input in `{field}`: {message}")]
    InvalidInput {
        /// The field, as a path (`question_id`, `at`, `target`).
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// The caller expected another version: someone else changed the ticket.
    #[error("version conflict: expected version {expected}, the ticket is at version {actual}")]
    VersionConflict {
        /// The version the caller read.
        expected: u64,
        /// The ticket's version now.
        actual: u64,
    },
    /// `open` was applied to a ticket that already exists.
    #[error("ticket is already opened; `open` starts a new ticket")]
    AlreadyOpened,
}

fn list(unmet: &[Unmet]) -> String {
    unmet
        .iter()
        .map(|u| u.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

impl ApplyError {
    /// The error's stable code.
    ///
    /// ```
    /// let err = ticketry::ApplyError::VersionConflict { expected: 3, actual: 4 };
    /// assert_eq!(err.code(), "version_conflict");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            ApplyError::Refused { .. } => "refused",
            ApplyError::InvalidInput { .. } => "invalid_input",
            ApplyError::VersionConflict { .. } => "version_conflict",
            ApplyError::AlreadyOpened => "already_opened",
        }
    }

    /// The unmet rules of a refusal; empty for other errors.
    ///
    /// ```
    /// let err = ticketry::ApplyError::AlreadyOpened;
    /// assert!(err.unmet().is_empty());
    /// ```
    pub fn unmet(&self) -> &[Unmet] {
        match self {
            ApplyError::Refused { unmet, .. } => unmet,
            _ => &[],
        }
    }

    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApplyError::InvalidInput {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Why a serialised event log could not be loaded. Nothing is applied.
///
/// ```
/// let err = ticketry::Ticket::from_json(r#"{"schema_version": 99, "events": []}"#).unwrap_err();
/// assert_eq!(err.code(), "unsupported_schema_version");
/// assert_eq!(err.to_string(), "event log schema version 99 is not supported (this library reads version 1)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum LogError {
    /// The log's `schema_version` is not one this library reads.
    #[error("event log schema version {found} is not supported (this library reads version {supported})")]
    UnsupportedSchemaVersion {
        /// The version in the log.
        found: u64,
        /// The version this library reads.
        supported: u64,
    },
    /// The JSON is malformed or a field has the wrong shape.
    #[error("malformed event log at `{path}`: {message}")]
    MalformedLog {
        /// Where in the document (`events[3].command.reason`).
        path: String,
        /// What is wrong.
        message: String,
    },
    /// An event cannot follow the ones before it (wrong sequence number, a
    /// transition the table does not allow, a reference to nothing).
    #[error("event {index} (seq {seq}) is invalid: {error}")]
    InvalidEvent {
        /// The event's position in the log, from 0.
        index: usize,
        /// The event's sequence number.
        seq: u64,
        /// Why.
        error: ApplyError,
    },
    /// The log has no events; a ticket starts with `open`.
    #[error("event log is empty: a ticket starts with an `open` event")]
    Empty,
}

impl LogError {
    /// The error's stable code.
    ///
    /// ```
    /// assert_eq!(ticketry::LogError::Empty.code(), "empty_log");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            LogError::UnsupportedSchemaVersion { .. } => "unsupported_schema_version",
            LogError::MalformedLog { .. } => "malformed_log",
            LogError::InvalidEvent { .. } => "invalid_event",
            LogError::Empty => "empty_log",
        }
    }
}
