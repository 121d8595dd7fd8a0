//! The archive: the core's `Archive`, its history queries (REP-1, REP-3),
//! chronic problems (REP-S1), clients not applying solutions (REP-S2) and
//! JSON Lines.

use js_sys::{Array, JsString};
use ticketry::archive::{Archive, ArchiveError};
use ticketry::ticket::{ClientId, TicketId};
use ticketry::Ticket;
use wasm_bindgen::prelude::*;

use crate::convert::{self, invalid, to_js, Failure, JsResult};
use crate::policy::RawPolicy;
use crate::ticket::{self, RawTicket};

/// An archive of tickets (the core's `Archive`). Wrapped by `Archive` in `npm/api.js`.
#[wasm_bindgen]
pub struct RawArchive {
    inner: Archive,
}

impl From<ArchiveError> for Failure {
    fn from(e: ArchiveError) -> Failure {
        match e {
            ArchiveError::Apply(inner) => Failure::from(inner),
            // The error of the log on that line, with the line number.
            ArchiveError::Line { line, error } => {
                let message = format!("line {line}: {error}");
                Failure::from(error).with_field("line", line.into(), message)
            }
            // `duplicate_ticket`, `unknown_ticket` (with the id), and any
            // variant the core adds later (its code and message).
            other => {
                let json = match &other {
                    ArchiveError::DuplicateTicket { id } | ArchiveError::UnknownTicket { id } => {
                        serde_json::json!({ "id": id })
                    }
                    _ => serde_json::json!({}),
                };
                Failure::new(json, other.code(), other.to_string())
            }
        }
    }
}

/// A ticket id from a JS string; `field` names it in errors.
pub fn ticket_id(value: &JsValue, field: &str) -> Result<TicketId, Failure> {
    let text = convert::string(value, field)?;
    TicketId::new(&text).map_err(|e| invalid(field, e.to_string()))
}

pub fn client_id(value: &JsValue, field: &str) -> Result<ClientId, Failure> {
    let text = convert::string(value, field)?;
    ClientId::new(&text).map_err(|e| invalid(field, e.to_string()))
}

/// The ids of tickets, as a JS array of strings.
fn ids<'a>(tickets: impl IntoIterator<Item = &'a Ticket>) -> Array {
    tickets
        .into_iter()
        .map(|t| JsString::from(t.id().as_str()))
        .collect()
}

#[wasm_bindgen]
impl RawArchive {
    /// `Archive::new`: an empty archive.
    pub fn empty() -> RawArchive {
        RawArchive {
            inner: Archive::new(),
        }
    }

    /// `Archive::from_json_lines`: one event log per line; the first bad line
    /// is named in the error (`line`).
    pub fn from_json_lines(text: &JsValue) -> JsResult<RawArchive> {
        let text = convert::string(text, "jsonLines")?;
        let inner = Archive::from_json_lines(&text).map_err(Failure::from)?;
        Ok(RawArchive { inner })
    }

    /// `Archive::to_json_lines`.
    pub fn to_json_lines(&self) -> String {
        self.inner.to_json_lines()
    }

    /// How many tickets it holds.
    pub fn size(&self) -> f64 {
        // Far below 2^53.
        #[allow(clippy::cast_precision_loss)]
        let n = self.inner.len() as f64;
        n
    }

    /// Whether it holds a ticket with this id.
    pub fn has(&self, id: &JsValue) -> JsResult<bool> {
        Ok(self.inner.get(&ticket_id(id, "id")?).is_some())
    }

    /// The ids of every ticket, in the order they were added.
    pub fn ids(&self) -> Array {
        ids(self.inner.iter())
    }

    /// `Archive::get`: a copy of the ticket, or `undefined`.
    pub fn get(&self, id: &JsValue) -> JsResult<Option<RawTicket>> {
        let id = ticket_id(id, "id")?;
        Ok(self.inner.get(&id).cloned().map(RawTicket::wrap))
    }

    /// `Archive::insert`: adds a copy of the ticket (its links are not re-judged).
    pub fn insert(&mut self, ticket: &RawTicket) -> JsResult<()> {
        Ok(self
            .inner
            .insert(ticket.get().clone())
            .map_err(Failure::from)?)
    }

    /// `Archive::open`: `options` is `{at, actor}`; returns a copy of the new ticket.
    pub fn open(&mut self, new_ticket: &JsValue, options: &JsValue) -> JsResult<RawTicket> {
        let new = ticket::new_ticket(new_ticket)?;
        let meta = convert::meta(options)?;
        let ticket = self.inner.open(new, meta).map_err(Failure::from)?;
        Ok(RawTicket::wrap(ticket.clone()))
    }

    /// `Archive::apply` (or `apply_expecting` with `options.expectedVersion`);
    /// links are checked against the archive. Returns the event.
    pub fn apply(
        &mut self,
        id: &JsValue,
        command_value: &JsValue,
        options: &JsValue,
        policy: &RawPolicy,
    ) -> JsResult<JsValue> {
        let id = ticket_id(id, "id")?;
        let cmd = ticket::command(command_value)?;
        let meta = convert::meta(options)?;
        let expected = convert::option(options, "expectedVersion")?;
        let event = if expected.is_undefined() || expected.is_null() {
            self.inner.apply(&id, cmd, meta, policy.get())
        } else {
            let expected = convert::uint64(&expected, "expectedVersion")?;
            self.inner
                .apply_expecting(&id, expected, cmd, meta, policy.get())
        };
        to_js(event.map_err(Failure::from)?)
    }

    /// `Archive::client_history`: the client's ticket ids, oldest first.
    pub fn client_history(&self, client: &JsValue) -> JsResult<Array> {
        let client = client_id(client, "clientId")?;
        Ok(ids(self.inner.client_history(&client)))
    }

    /// `Archive::earlier_client_tickets`: ids, newest first.
    pub fn earlier_client_tickets(&self, id: &JsValue) -> JsResult<Array> {
        let id = ticket_id(id, "id")?;
        Ok(ids(self.inner.earlier_client_tickets(&id)))
    }

    /// `Archive::linked_from`: ids, oldest first.
    pub fn linked_from(&self, id: &JsValue) -> JsResult<Array> {
        let id = ticket_id(id, "id")?;
        Ok(ids(self.inner.linked_from(&id)))
    }

    /// `Archive::repeat_chain`: ids, oldest first.
    pub fn repeat_chain(&self, id: &JsValue) -> JsResult<Array> {
        let id = ticket_id(id, "id")?;
        Ok(ids(self.inner.repeat_chain(&id)))
    }

    /// `Archive::dangling_links`: `[{ticket, target}]`.
    pub fn dangling_links(&self) -> JsResult<JsValue> {
        let pairs: Vec<_> = self
            .inner
            .dangling_links()
            .into_iter()
            .map(|(ticket, target)| serde_json::json!({"ticket": ticket, "target": target}))
            .collect();
        to_js(&pairs)
    }

    /// `Archive::chronic_problems` (REP-S1), as the core's JSON.
    pub fn chronic_problems(&self, at: &JsValue, policy: &RawPolicy) -> JsResult<JsValue> {
        let at = convert::time(at, "at")?;
        to_js(&self.inner.chronic_problems(at, policy.get()))
    }

    /// `Archive::chronic_problem_of` (REP-S1): the core's JSON, or `null`.
    pub fn chronic_problem_of(
        &self,
        id: &JsValue,
        at: &JsValue,
        policy: &RawPolicy,
    ) -> JsResult<JsValue> {
        let id = ticket_id(id, "id")?;
        let at = convert::time(at, "at")?;
        to_js(&self.inner.chronic_problem_of(&id, at, policy.get()))
    }

    /// `Archive::clients_not_applying_solutions` (REP-S2), as the core's JSON.
    pub fn clients_not_applying_solutions(
        &self,
        at: &JsValue,
        policy: &RawPolicy,
    ) -> JsResult<JsValue> {
        let at = convert::time(at, "at")?;
        to_js(&self.inner.clients_not_applying_solutions(at, policy.get()))
    }

    /// `Archive::detect` (REP-1): the core's `Detection` JSON, each candidate
    /// with how its ticket was solved (`solution`) when the archive knows it.
    pub fn detect(&self, query: &JsValue, policy: &RawPolicy) -> JsResult<JsValue> {
        let q = crate::detection::query(query)?;
        to_js(&self.inner.detect(&q, policy.get()))
    }

    /// A copy of the archive.
    pub fn copy(&self) -> RawArchive {
        RawArchive {
            inner: self.inner.clone(),
        }
    }
}
