//! Tickets: the core's `Ticket`, its commands, checks, event log, checklists
//! and templates.

use pyo3::prelude::*;
use ticketry::closure::{Command, CommandKind};
use ticketry::event::SCHEMA_VERSION;
use ticketry::ticket::NewTicket;
use ticketry::{checklist, templates, ApplyError, Ticket};

use crate::convert::{self, invalid, to_json, Failure, Res};
use crate::policy::RawPolicy;

/// A ticket (the core's `Ticket`). Wrapped by `ticketry.Ticket`.
#[pyclass(module = "ticketry._ticketry")]
pub struct RawTicket {
    inner: Ticket,
}

/// A command from JSON text.
pub fn command(text: &str) -> Res<Command> {
    Command::from_json(text).map_err(Into::into)
}

/// A command name.
pub fn kind(name: &str) -> Res<CommandKind> {
    name.parse::<CommandKind>()
        .map_err(|e| invalid("command", e.to_string()))
}

/// A new ticket from JSON text.
pub fn new_ticket(text: &str) -> Res<NewTicket> {
    NewTicket::from_json(text).map_err(Into::into)
}

impl RawTicket {
    /// Wraps a core ticket.
    pub fn wrap(inner: Ticket) -> RawTicket {
        RawTicket { inner }
    }

    /// The core ticket.
    pub fn get(&self) -> &Ticket {
        &self.inner
    }
}

/// An unmet rule as a tuple: `(rule, code, field, message_en, message_ru)`.
pub type UnmetRow = (&'static str, &'static str, Option<String>, String, String);

/// Unmet rules as tuples.
pub fn unmet_rows(unmet: Vec<ticketry::closure::Unmet>) -> Vec<UnmetRow> {
    unmet
        .into_iter()
        .map(|u| {
            (
                u.rule.as_str(),
                u.code.as_str(),
                u.field,
                u.message_en,
                u.message_ru,
            )
        })
        .collect()
}

/// The time of a `mark_close_possible_from`-like answer, as RFC 3339 text.
fn rfc3339(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

#[pymethods]
impl RawTicket {
    /// `Ticket::open`.
    #[staticmethod]
    fn open(new_ticket_json: &str, actor_json: &str, at: &str) -> PyResult<RawTicket> {
        let new = new_ticket(new_ticket_json)?;
        let meta = convert::meta(actor_json, at)?;
        Ok(RawTicket::wrap(
            Ticket::open(new, meta).map_err(Failure::from)?,
        ))
    }

    /// `Ticket::from_json`: an event log document.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<RawTicket> {
        Ok(RawTicket::wrap(
            Ticket::from_json(text).map_err(Failure::from)?,
        ))
    }

    /// `Ticket::from_events`: a JSON array of events, read as a log of the
    /// schema version this library writes.
    #[staticmethod]
    fn from_events(events_json: &str) -> PyResult<RawTicket> {
        let text = format!("{{\"schema_version\":{SCHEMA_VERSION},\"events\":{events_json}}}");
        Self::from_json(&text)
    }

    /// `Ticket::apply`, `apply_expecting` with `expected_version`, or
    /// `apply_in` a directory of other tickets (JSON `{id: opened_at}`);
    /// the event as JSON.
    #[pyo3(signature = (command_json, actor_json, at, policy, expected_version=None, directory_json=None))]
    fn apply(
        &mut self,
        command_json: &str,
        actor_json: &str,
        at: &str,
        policy: &RawPolicy,
        expected_version: Option<u64>,
        directory_json: Option<&str>,
    ) -> PyResult<String> {
        let cmd = command(command_json)?;
        let meta = convert::meta(actor_json, at)?;
        let event = match (directory_json, expected_version) {
            (None, Some(v)) => self.inner.apply_expecting(v, cmd, meta, policy.get()),
            (None, None) => self.inner.apply(cmd, meta, policy.get()),
            (Some(directory), expected) => {
                let directory = convert::directory(directory)?;
                // `apply_expecting` has no directory form: the same check, then `apply_in`.
                match expected {
                    Some(v) if v != self.inner.version() => Err(ApplyError::VersionConflict {
                        expected: v,
                        actual: self.inner.version(),
                    }),
                    _ => self.inner.apply_in(cmd, meta, policy.get(), &directory),
                }
            }
        }
        .map_err(Failure::from)?;
        Ok(to_json(event)?)
    }

    /// `Ticket::check` (or `check_in` a directory): raises the refusal;
    /// returns when the command would be accepted.
    #[pyo3(signature = (command_json, actor_json, at, policy, directory_json=None))]
    fn check(
        &self,
        command_json: &str,
        actor_json: &str,
        at: &str,
        policy: &RawPolicy,
        directory_json: Option<&str>,
    ) -> PyResult<()> {
        let cmd = command(command_json)?;
        let meta = convert::meta(actor_json, at)?;
        match directory_json {
            Some(directory) => {
                let directory = convert::directory(directory)?;
                self.inner.check_in(&cmd, &meta, policy.get(), &directory)
            }
            None => self.inner.check(&cmd, &meta, policy.get()),
        }
        .map_err(Failure::from)?;
        Ok(())
    }

    /// `Ticket::can`.
    fn can(
        &self,
        command_json: &str,
        actor_json: &str,
        at: &str,
        policy: &RawPolicy,
    ) -> PyResult<bool> {
        let cmd = command(command_json)?;
        let meta = convert::meta(actor_json, at)?;
        Ok(self.inner.can(&cmd, &meta, policy.get()))
    }

    /// `Ticket::can_kind`.
    fn can_kind(&self, name: &str, at: &str, policy: &RawPolicy) -> PyResult<bool> {
        let kind = kind(name)?;
        let at = convert::time(at, "at")?;
        Ok(self.inner.can_kind(kind, at, policy.get()))
    }

    /// `Ticket::why_blocked`: every unmet rule as a tuple `(rule, code,
    /// field, message_en, message_ru)`, built as Python objects directly
    /// (no JSON text to write and read back).
    fn why_blocked_rows(
        &self,
        name: &str,
        at: &str,
        policy: &RawPolicy,
    ) -> PyResult<Vec<UnmetRow>> {
        let kind = kind(name)?;
        let at = convert::time(at, "at")?;
        Ok(unmet_rows(self.inner.why_blocked(kind, at, policy.get())))
    }

    /// `Ticket::available_commands`: `(command, allowed, unmet rows)` per
    /// command, built as Python objects directly.
    fn available_rows(
        &self,
        at: &str,
        policy: &RawPolicy,
    ) -> PyResult<Vec<(&'static str, bool, Vec<UnmetRow>)>> {
        let at = convert::time(at, "at")?;
        Ok(self
            .inner
            .available_commands(at, policy.get())
            .into_iter()
            .map(|a| (a.command.as_str(), a.allowed, unmet_rows(a.unmet)))
            .collect())
    }

    /// `Ticket::mark_close_possible_from`: RFC 3339 text, or None.
    fn mark_close_possible_from(&self, policy: &RawPolicy) -> Option<String> {
        self.inner
            .mark_close_possible_from(policy.get())
            .map(rfc3339)
    }

    /// The state, as the core's JSON.
    fn state_json(&self) -> PyResult<String> {
        Ok(to_json(self.inner.state())?)
    }

    /// The status name.
    fn status(&self) -> &'static str {
        self.inner.status().as_str()
    }

    /// The ticket's identifier.
    fn id(&self) -> String {
        self.inner.id().as_str().to_owned()
    }

    /// The version (events applied).
    fn version(&self) -> u64 {
        self.inner.version()
    }

    /// `TicketState::handling_minutes`: the minutes of work logged.
    fn handling_minutes(&self) -> u64 {
        self.inner.state().handling_minutes()
    }

    /// `TicketState::reopen_count`.
    fn reopen_count(&self) -> u32 {
        self.inner.state().reopen_count()
    }

    /// `TicketState::time_to_resolve`, in whole seconds.
    fn time_to_resolve_seconds(&self) -> Option<i64> {
        self.inner
            .state()
            .time_to_resolve()
            .map(|d| d.num_seconds())
    }

    /// `TicketState::is_repeat`.
    fn is_repeat(&self) -> bool {
        self.inner.state().is_repeat()
    }

    /// `TicketState::has_communication`.
    fn has_communication(&self) -> bool {
        self.inner.state().has_communication()
    }

    /// `TicketState::unanswered_questions`, as JSON.
    fn unanswered_questions_json(&self) -> PyResult<String> {
        let questions: Vec<_> = self.inner.state().unanswered_questions().collect();
        Ok(to_json(&questions)?)
    }

    /// Every event, oldest first, as JSON.
    fn history_json(&self) -> PyResult<String> {
        Ok(to_json(self.inner.history())?)
    }

    /// The event log as JSON text.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// A copy of the ticket.
    fn copy(&self) -> RawTicket {
        RawTicket::wrap(self.inner.clone())
    }

    /// Whether two tickets are equal (state and history), as the core compares them.
    fn equals(&self, other: &RawTicket) -> bool {
        self.inner == other.inner
    }

    /// CLS-CHK (`closing`) or REP-CHK (`repeat`), as JSON.
    fn checklist(&self, which: &str, policy: &RawPolicy) -> PyResult<String> {
        let state = self.inner.state();
        let items = match which {
            "closing" => checklist::closing_checklist(state, policy.get()),
            "repeat" => checklist::repeat_checklist(state, policy.get()),
            other => {
                return Err(invalid(
                    "checklist",
                    format!("unknown checklist `{other}`; one of: closing, repeat"),
                )
                .into())
            }
        };
        Ok(to_json(&items)?)
    }

    /// CLS-TPL-N, the final notification.
    fn final_notification(&self, specialist_name: &str, policy: &RawPolicy) -> PyResult<String> {
        let state = self.inner.state();
        Ok(
            templates::final_notification(state, specialist_name, policy.get())
                .map_err(Failure::from)?,
        )
    }

    /// REP-TPL, the reply to a repeat ticket.
    fn repeat_reply(&self, specialist_name: &str, policy: &RawPolicy) -> PyResult<String> {
        let state = self.inner.state();
        Ok(templates::repeat_reply(state, specialist_name, policy.get()).map_err(Failure::from)?)
    }

    /// CLS-TPL-D, the solution documentation.
    fn solution_documentation(&self, closing_time: &str, policy: &RawPolicy) -> PyResult<String> {
        let at = convert::time(closing_time, "closing_time")?;
        let state = self.inner.state();
        Ok(templates::solution_documentation(state, at, policy.get()).map_err(Failure::from)?)
    }

    /// The confirmation request (CLS-2), or the repeated one (CLS-S1).
    fn confirmation_request(&self, reminder: bool, policy: &RawPolicy) -> PyResult<String> {
        let state = self.inner.state();
        Ok(
            templates::confirmation_request(state, reminder, policy.get())
                .map_err(Failure::from)?,
        )
    }

    /// `DetectionDoc::from_ticket`: this ticket as a detection document, as JSON.
    fn detection_doc_json(&self) -> PyResult<String> {
        Ok(to_json(&ticketry::detection::DetectionDoc::from_ticket(
            &self.inner,
        ))?)
    }

    /// `DetectionQuery::from_ticket`: the query for this (opened) ticket, as JSON.
    fn detection_query_json(&self) -> PyResult<String> {
        Ok(to_json(&ticketry::detection::DetectionQuery::from_ticket(
            &self.inner,
        ))?)
    }

    /// `RecordRepeatAnalysis::from_earlier`: the analysis command pre-filled
    /// from this (earlier) ticket's documentation, as JSON.
    fn analysis_from(&self) -> PyResult<String> {
        let analysis = ticketry::repeat::RecordRepeatAnalysis::from_earlier(self.inner.state());
        Ok(to_json(&Command::RecordRepeatAnalysis(analysis))?)
    }
}
