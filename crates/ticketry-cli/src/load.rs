//! An export loaded into the core's [`Archive`], for `audit` and `report`.

use chrono::{DateTime, Utc};
use ticketry::archive::Archive;
use ticketry::repeat::RecurrenceCause;
use ticketry::Policy;

use crate::input::{Item, Record, Rejected};
use crate::replay::{known_cause, replay, Refusal};

/// What one ticket of the export says and what the core made of it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The ticket's id.
    pub id: String,
    /// The line it came from.
    pub line: u64,
    /// The export record, when the line was one (an event log has none).
    pub record: Option<Box<Record>>,
    /// The steps of the record the core refused, in order.
    pub refused: Vec<Refusal>,
}

impl Entry {
    /// The export says the ticket is closed (a record with `closed_at`, or a
    /// log whose ticket is closed).
    pub fn claims_closed(&self, archive: &Archive) -> bool {
        match &self.record {
            Some(r) => r.closed_at.is_some(),
            None => self
                .ticket(archive)
                .is_some_and(|t| t.state().closing.is_some()),
        }
    }

    /// The ticket in the archive.
    pub fn ticket<'a>(&self, archive: &'a Archive) -> Option<&'a ticketry::Ticket> {
        ticketry::ticket::TicketId::new(&self.id)
            .ok()
            .and_then(|id| archive.get(&id))
    }

    /// The facts the report counts, from the export (or the log).
    pub fn facts(&self, archive: &Archive) -> Option<Facts> {
        let t = self.ticket(archive)?;
        let s = t.state();
        Some(match &self.record {
            Some(r) => Facts {
                opened_at: r.opened_at,
                product: r.product.clone(),
                repeat: !r.repeat_of.is_empty(),
                closed: r.closed_at.is_some(),
                closed_unconfirmed: r.closed_at.is_some() && r.confirmed_at.is_none(),
                reopened: r.reopens.unwrap_or(0) > 0,
                cause: known_cause(r.recurrence_cause),
            },
            None => Facts {
                opened_at: s.created_at,
                product: s.product.clone(),
                repeat: s.is_repeat(),
                closed: s.closing.is_some(),
                closed_unconfirmed: s.closing.as_ref().is_some_and(|c| c.without_confirmation),
                reopened: s.reopen_count() > 0,
                cause: known_cause(Some(s.repeat.determined_cause())),
            },
        })
    }
}

/// The facts of one ticket the report counts.
#[derive(Debug, Clone)]
pub struct Facts {
    /// When it was opened.
    pub opened_at: DateTime<Utc>,
    /// The product.
    pub product: String,
    /// It repeats an earlier ticket.
    pub repeat: bool,
    /// It is closed.
    pub closed: bool,
    /// Closed without the client's confirmation (with a mark or not).
    pub closed_unconfirmed: bool,
    /// It was reopened at least once.
    pub reopened: bool,
    /// The determined cause of recurrence.
    pub cause: Option<RecurrenceCause>,
}

/// An export in the core's archive.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The archive.
    pub archive: Archive,
    /// Every ticket, oldest first.
    pub entries: Vec<Entry>,
    /// Lines that could not be read, or whose ticket could not be added (a duplicate id).
    pub rejected: Vec<Rejected>,
    /// How many lines were read.
    pub lines: u64,
    /// The latest time the export mentions: the default "now" of the audit.
    pub latest: Option<DateTime<Utc>>,
}

/// Loads items (in any order) into an archive, oldest first, so that a
/// repeat's links find their earlier tickets.
pub fn load(
    mut items: Vec<(u64, Item)>,
    rejected: Vec<Rejected>,
    lines: u64,
    policy: &Policy,
) -> Loaded {
    items.sort_by(|(la, a), (lb, b)| (a.opened_at(), a.id(), la).cmp(&(b.opened_at(), b.id(), lb)));
    let mut out = Loaded {
        rejected,
        lines,
        ..Loaded::default()
    };
    for (line, item) in items {
        let latest = match &item {
            Item::Record(r) => r.latest_time(),
            Item::Ticket(t) => t.state().updated_at,
        };
        let id = item.id().to_owned();
        let result = match item {
            Item::Ticket(t) => out.archive.insert(*t).map(|()| (None, Vec::new())),
            Item::Record(r) => {
                replay(&mut out.archive, &r, policy).map(|refused| (Some(r), refused))
            }
        };
        match result {
            Ok((record, refused)) => {
                out.latest = Some(out.latest.map_or(latest, |l| l.max(latest)));
                out.entries.push(Entry {
                    id,
                    line,
                    record,
                    refused,
                });
            }
            Err(e) => out.rejected.push(Rejected {
                line,
                field: Some("id".into()),
                message: e.to_string(),
            }),
        }
    }
    out
}
