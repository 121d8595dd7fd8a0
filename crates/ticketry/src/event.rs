//! Events and event logs.
//!
//! Every applied command becomes an [`Event`]: its sequence number, time,
//! actor and the (normalised) command. A ticket's state is the fold of its
//! events, so a log is all that needs storing; [`EventLog`] is its JSON form,
//! with a schema version.
//!
//! ```
//! # let ticket = ticketry::doc_support::sample_ticket();
//! let json = ticket.to_json();
//! let back = ticketry::Ticket::from_json(&json)?;
//! assert_eq!(back, ticket); // replaying the log gives an identical state
//! # Ok::<(), ticketry::LogError>(())
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::closure::Command;
use crate::ticket::{Actor, Meta};

/// The schema version this library writes and reads.
///
/// ```
/// # let ticket = ticketry::doc_support::fresh_ticket();
/// assert!(ticket.to_json().contains(&format!("\"schema_version\":{}", ticketry::event::SCHEMA_VERSION)));
/// ```
pub const SCHEMA_VERSION: u64 = 1;

/// One applied command.
///
/// ```
/// use ticketry::closure::CommandKind;
/// # let ticket = ticketry::doc_support::sample_ticket();
/// let first = &ticket.history()[0];
/// assert_eq!(first.seq, 1);
/// assert_eq!(first.command.kind(), CommandKind::Open);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// The event's number in the ticket's log, from 1; equals the ticket's
    /// version after it.
    pub seq: u64,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who did it.
    pub actor: Actor,
    /// What was done.
    pub command: Command,
}

impl Event {
    /// The actor and time of the event.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// let meta = ticket.history()[0].meta();
    /// assert_eq!(meta.at, ticket.state().created_at);
    /// ```
    pub fn meta(&self) -> Meta {
        Meta {
            actor: self.actor.clone(),
            at: self.at,
        }
    }
}

/// The serialised form of a ticket: its events, with the schema version.
///
/// ```
/// use ticketry::event::{EventLog, SCHEMA_VERSION};
/// # let ticket = ticketry::doc_support::sample_ticket();
/// let log = EventLog::from(&ticket);
/// assert_eq!(log.schema_version, SCHEMA_VERSION);
/// assert_eq!(log.events.len(), ticket.history().len());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventLog {
    /// The schema version; [`SCHEMA_VERSION`] for logs this library writes.
    pub schema_version: u64,
    /// The events, in order.
    pub events: Vec<Event>,
}

impl From<&crate::Ticket> for EventLog {
    fn from(ticket: &crate::Ticket) -> EventLog {
        ticket.to_log()
    }
}
