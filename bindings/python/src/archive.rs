//! The archive: many tickets, indexed by id, by client and by link. The
//! heavy calls (loading, writing, REP-S1/S2 passes) release the GIL.

use pyo3::prelude::*;
use ticketry::archive::Archive;
use ticketry::Ticket;

use crate::convert::{self, to_json, Failure, Res};
use crate::detection::RawDetector;
use crate::policy::RawPolicy;
use crate::ticket::{command, new_ticket, RawTicket};

/// An archive (the core's `Archive`). Wrapped by `ticketry.Archive`.
#[pyclass(module = "ticketry._ticketry")]
pub struct RawArchive {
    inner: Archive,
}

/// The ids of tickets, as JSON.
fn ids(tickets: &[&Ticket]) -> Vec<String> {
    tickets.iter().map(|t| t.id().as_str().to_owned()).collect()
}

/// Reads every event log (JSON text) and builds an archive; the first bad
/// log is named by its position from 1, as `line`.
fn from_logs(logs: &[String]) -> Res<Archive> {
    let mut archive = Archive::new();
    for (i, text) in logs.iter().enumerate() {
        let ticket = Ticket::from_json(text).map_err(|error| {
            Failure::from(ticketry::archive::ArchiveError::Line { line: i + 1, error })
        })?;
        archive.insert(ticket).map_err(Failure::from)?;
    }
    Ok(archive)
}

/// The archive, for a change: refused with `concurrent_use` while another
/// thread runs one of its GIL-free calls (rather than waiting for it).
fn exclusive<'py>(slf: &Bound<'py, RawArchive>) -> Result<PyRefMut<'py, RawArchive>, Failure> {
    slf.try_borrow_mut().map_err(|_| {
        Failure::new(
            serde_json::Value::Null,
            "concurrent_use",
            "the archive is being read by a call that released the GIL in another thread; \
             change it after that call returns"
                .to_owned(),
        )
    })
}

#[pymethods]
impl RawArchive {
    /// An empty archive.
    #[new]
    fn new() -> RawArchive {
        RawArchive {
            inner: Archive::new(),
        }
    }

    /// `Archive::from_json_lines`, without the GIL.
    #[staticmethod]
    fn from_json_lines(py: Python<'_>, text: String) -> PyResult<RawArchive> {
        let inner = py
            .detach(move || Archive::from_json_lines(&text))
            .map_err(Failure::from)?;
        Ok(RawArchive { inner })
    }

    /// An archive from event logs (JSON texts), without the GIL.
    #[staticmethod]
    fn from_logs(py: Python<'_>, logs: Vec<String>) -> PyResult<RawArchive> {
        let inner = py.detach(move || from_logs(&logs))?;
        Ok(RawArchive { inner })
    }

    /// `Archive::to_json_lines`, without the GIL.
    fn to_json_lines(&self, py: Python<'_>) -> String {
        let archive = &self.inner;
        py.detach(|| archive.to_json_lines())
    }

    /// How many tickets it holds.
    fn len(&self) -> usize {
        self.inner.len()
    }

    /// The ids of its tickets, in insertion order.
    fn ids(&self) -> Vec<String> {
        self.inner
            .iter()
            .map(|t| t.id().as_str().to_owned())
            .collect()
    }

    /// Whether it holds the ticket.
    fn contains(&self, id: &str) -> bool {
        convert::ticket_id(id, "id").is_ok_and(|id| self.inner.get(&id).is_some())
    }

    /// A copy of the ticket, or None.
    fn get(&self, id: &str) -> PyResult<Option<RawTicket>> {
        let id = convert::ticket_id(id, "id")?;
        Ok(self.inner.get(&id).cloned().map(RawTicket::wrap))
    }

    /// `Archive::insert` of a copy of the ticket.
    fn insert(slf: &Bound<'_, Self>, ticket: &RawTicket) -> PyResult<()> {
        exclusive(slf)?
            .inner
            .insert(ticket.get().clone())
            .map_err(Failure::from)?;
        Ok(())
    }

    /// `Archive::open`.
    fn open(
        slf: &Bound<'_, Self>,
        new_ticket_json: &str,
        actor_json: &str,
        at: &str,
    ) -> PyResult<()> {
        let new = new_ticket(new_ticket_json)?;
        let meta = convert::meta(actor_json, at)?;
        exclusive(slf)?
            .inner
            .open(new, meta)
            .map_err(Failure::from)?;
        Ok(())
    }

    /// `Archive::apply`, or `apply_expecting` with `expected_version`; the event as JSON.
    #[pyo3(signature = (id, command_json, actor_json, at, policy, expected_version=None))]
    fn apply(
        slf: &Bound<'_, Self>,
        id: &str,
        command_json: &str,
        actor_json: &str,
        at: &str,
        policy: &RawPolicy,
        expected_version: Option<u64>,
    ) -> PyResult<String> {
        let id = convert::ticket_id(id, "id")?;
        let cmd = command(command_json)?;
        let meta = convert::meta(actor_json, at)?;
        let mut this = exclusive(slf)?;
        let event = match expected_version {
            Some(v) => this.inner.apply_expecting(&id, v, cmd, meta, policy.get()),
            None => this.inner.apply(&id, cmd, meta, policy.get()),
        }
        .map_err(Failure::from)?;
        Ok(to_json(event)?)
    }

    /// The client's tickets, in opening order.
    fn client_history(&self, client_id: &str) -> PyResult<Vec<String>> {
        let client = ticketry::ticket::ClientId::new(client_id)
            .map_err(|e| convert::invalid("client_id", e.to_string()))?;
        let tickets: Vec<&Ticket> = self.inner.client_history(&client).collect();
        Ok(ids(&tickets))
    }

    /// `Archive::earlier_client_tickets` (REP-1).
    fn earlier_client_tickets(&self, id: &str) -> PyResult<Vec<String>> {
        let id = convert::ticket_id(id, "id")?;
        Ok(ids(&self.inner.earlier_client_tickets(&id)))
    }

    /// `Archive::linked_from`.
    fn linked_from(&self, id: &str) -> PyResult<Vec<String>> {
        let id = convert::ticket_id(id, "id")?;
        Ok(ids(&self.inner.linked_from(&id)))
    }

    /// `Archive::repeat_chain`.
    fn repeat_chain(&self, id: &str) -> PyResult<Vec<String>> {
        let id = convert::ticket_id(id, "id")?;
        Ok(ids(&self.inner.repeat_chain(&id)))
    }

    /// `Archive::dangling_links`: (ticket, target) pairs.
    fn dangling_links(&self) -> Vec<(String, String)> {
        self.inner
            .dangling_links()
            .into_iter()
            .map(|(from, to)| (from.as_str().to_owned(), to.as_str().to_owned()))
            .collect()
    }

    /// `Archive::chronic_problems` (REP-S1) as JSON, without the GIL.
    fn chronic_problems(&self, py: Python<'_>, at: &str, policy: &RawPolicy) -> PyResult<String> {
        let at = convert::time(at, "at")?;
        let (archive, policy) = (&self.inner, policy.get());
        Ok(py.detach(|| to_json(&archive.chronic_problems(at, policy)))?)
    }

    /// `Archive::chronic_problem_of` as JSON (null when none).
    fn chronic_problem_of(
        &self,
        py: Python<'_>,
        id: &str,
        at: &str,
        policy: &RawPolicy,
    ) -> PyResult<String> {
        let id = convert::ticket_id(id, "id")?;
        let at = convert::time(at, "at")?;
        let (archive, policy) = (&self.inner, policy.get());
        Ok(py.detach(|| to_json(&archive.chronic_problem_of(&id, at, policy)))?)
    }

    /// `Archive::clients_not_applying_solutions` (REP-S2) as JSON, without the GIL.
    fn clients_not_applying(
        &self,
        py: Python<'_>,
        at: &str,
        policy: &RawPolicy,
    ) -> PyResult<String> {
        let at = convert::time(at, "at")?;
        let (archive, policy) = (&self.inner, policy.get());
        Ok(py.detach(|| to_json(&archive.clients_not_applying_solutions(at, policy)))?)
    }

    /// `Archive::detect` of a query (JSON) as JSON, without the GIL.
    fn detect(&self, py: Python<'_>, query_json: &str, policy: &RawPolicy) -> PyResult<String> {
        let query: ticketry::detection::DetectionQuery = convert::from_json(query_json, "query")?;
        let (archive, policy) = (&self.inner, policy.get());
        Ok(py.detach(|| to_json(&archive.detect(&query, policy)))?)
    }

    /// A copy of the archive's detection index.
    fn detector(&self) -> RawDetector {
        RawDetector::wrap(self.inner.detector().clone())
    }

    /// A copy of the archive.
    fn copy(&self) -> RawArchive {
        RawArchive {
            inner: self.inner.clone(),
        }
    }
}
