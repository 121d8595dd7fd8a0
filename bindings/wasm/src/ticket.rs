//! Tickets: the core's `Ticket`, its commands, checks and event log.

use serde::Serialize;
use ticketry::closure::{Command, CommandKind, SolutionDocumentation};
use ticketry::detection::{DetectionDoc, DetectionQuery};
use ticketry::event::SCHEMA_VERSION;
use ticketry::repeat::RecordRepeatAnalysis;
use ticketry::ticket::{ClientQuestion, NewTicket, TicketLink};
use ticketry::Ticket;
use wasm_bindgen::prelude::*;

use crate::convert::{self, invalid, to_js, Failure, JsResult};
use crate::policy::RawPolicy;

/// A ticket (the core's `Ticket`). Wrapped by `Ticket` in `npm/api.js`.
#[wasm_bindgen]
pub struct RawTicket {
    inner: Ticket,
}

/// What the core derives from a ticket: `RawTicket::derived`.
#[derive(Serialize)]
struct Derived<'a> {
    handling_minutes: u64,
    reopen_count: u32,
    /// `time_to_resolve` in whole milliseconds.
    time_to_resolve_ms: Option<i64>,
    is_repeat: bool,
    repeats_of: Vec<&'a TicketLink>,
    has_communication: bool,
    unanswered_questions: Vec<&'a ClientQuestion>,
    documentation: Option<&'a SolutionDocumentation>,
    detection_doc: DetectionDoc,
    detection_query: DetectionQuery,
    /// A `record_repeat_analysis` command.
    repeat_analysis: Command,
}

/// A command from a JS value (the core's command JSON).
pub fn command(value: &JsValue) -> Result<Command, Failure> {
    let text = convert::stringify(value, "command")?;
    Ok(Command::from_json(&text)?)
}

/// A new ticket from a JS value (the core's JSON).
pub fn new_ticket(value: &JsValue) -> Result<NewTicket, Failure> {
    let text = convert::stringify(value, "new_ticket")?;
    Ok(NewTicket::from_json(&text)?)
}

fn kind(value: &JsValue) -> Result<CommandKind, Failure> {
    let name = convert::string(value, "command")?;
    name.parse::<CommandKind>()
        .map_err(|e| invalid("command", e.to_string()))
}

#[wasm_bindgen]
impl RawTicket {
    /// `Ticket::open`: `options` is `{at, actor}`.
    pub fn open(new_ticket: &JsValue, options: &JsValue) -> JsResult<RawTicket> {
        let new = self::new_ticket(new_ticket)?;
        let meta = convert::meta(options)?;
        let inner = Ticket::open(new, meta).map_err(Failure::from)?;
        Ok(RawTicket { inner })
    }

    /// `Ticket::from_json`: the event log as JSON text or as a value.
    pub fn from_log(log: &JsValue) -> JsResult<RawTicket> {
        let text = convert::text_or_json(log, "log")?;
        let inner = Ticket::from_json(&text).map_err(Failure::from)?;
        Ok(RawTicket { inner })
    }

    /// `Ticket::from_events`: the events as an array; read as a log of the
    /// schema version this library writes.
    pub fn from_events(events: &JsValue) -> JsResult<RawTicket> {
        let events = convert::stringify(events, "events")?;
        let text = format!("{{\"schema_version\":{SCHEMA_VERSION},\"events\":{events}}}");
        let inner = Ticket::from_json(&text).map_err(Failure::from)?;
        Ok(RawTicket { inner })
    }

    /// `Ticket::apply` (or `apply_expecting` with `options.expectedVersion`);
    /// returns the event.
    pub fn apply(
        &mut self,
        command_value: &JsValue,
        options: &JsValue,
        policy: &RawPolicy,
    ) -> JsResult<JsValue> {
        let cmd = command(command_value)?;
        let meta = convert::meta(options)?;
        let expected = convert::option(options, "expectedVersion")?;
        let event = if expected.is_undefined() || expected.is_null() {
            self.inner.apply(cmd, meta, policy.get())
        } else {
            let expected = convert::uint64(&expected, "expectedVersion")?;
            self.inner
                .apply_expecting(expected, cmd, meta, policy.get())
        };
        to_js(event.map_err(Failure::from)?)
    }

    /// `Ticket::check`: throws the refusal, returns nothing when the command would be accepted.
    pub fn check(
        &self,
        command_value: &JsValue,
        options: &JsValue,
        policy: &RawPolicy,
    ) -> JsResult<()> {
        let cmd = command(command_value)?;
        let meta = convert::meta(options)?;
        Ok(self
            .inner
            .check(&cmd, &meta, policy.get())
            .map_err(Failure::from)?)
    }

    /// `Ticket::can` for a command, `Ticket::can_kind` for a command name
    /// (then only `options.at` is read).
    pub fn can(
        &self,
        command_value: &JsValue,
        options: &JsValue,
        policy: &RawPolicy,
    ) -> JsResult<bool> {
        if command_value.is_string() {
            let at = convert::time(&convert::option(options, "at")?, "at")?;
            return Ok(self.inner.can_kind(kind(command_value)?, at, policy.get()));
        }
        let cmd = command(command_value)?;
        let meta = convert::meta(options)?;
        Ok(self.inner.can(&cmd, &meta, policy.get()))
    }

    /// `Ticket::why_blocked`: every unmet rule.
    pub fn why_blocked(
        &self,
        name: &JsValue,
        at: &JsValue,
        policy: &RawPolicy,
    ) -> JsResult<JsValue> {
        let at = convert::time(at, "at")?;
        to_js(&self.inner.why_blocked(kind(name)?, at, policy.get()))
    }

    /// `Ticket::available_commands`.
    pub fn available(&self, at: &JsValue, policy: &RawPolicy) -> JsResult<JsValue> {
        let at = convert::time(at, "at")?;
        to_js(&self.inner.available_commands(at, policy.get()))
    }

    /// `Ticket::mark_close_possible_from`: an RFC 3339 time, or `undefined`.
    pub fn mark_close_possible_from(&self, policy: &RawPolicy) -> JsResult<JsValue> {
        match self.inner.mark_close_possible_from(policy.get()) {
            Some(at) => to_js(&at),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The state, as the core's JSON.
    pub fn state(&self) -> JsResult<JsValue> {
        to_js(self.inner.state())
    }

    /// Every value the core derives from the ticket, in one object (one
    /// export rather than one a value: the size budget): the `TicketState`
    /// methods `handling_minutes`, `reopen_count`, `time_to_resolve` (in
    /// milliseconds), `is_repeat`, `repeats_of`, `has_communication`,
    /// `unanswered_questions`, `documentation`; `DetectionDoc::from_ticket`,
    /// `DetectionQuery::from_ticket`, and `RecordRepeatAnalysis::from_earlier`
    /// as a command. `npm/api.js` gives each its own name.
    pub fn derived(&self) -> JsResult<JsValue> {
        let t = &self.inner;
        let s = t.state();
        to_js(&Derived {
            handling_minutes: s.handling_minutes(),
            reopen_count: s.reopen_count(),
            time_to_resolve_ms: s.time_to_resolve().map(|d| d.num_milliseconds()),
            is_repeat: s.is_repeat(),
            repeats_of: s.repeats_of().collect(),
            has_communication: s.has_communication(),
            unanswered_questions: s.unanswered_questions().collect(),
            documentation: s.documentation(),
            detection_doc: DetectionDoc::from_ticket(t),
            detection_query: DetectionQuery::from_ticket(t),
            repeat_analysis: Command::RecordRepeatAnalysis(RecordRepeatAnalysis::from_earlier(s)),
        })
    }

    /// The status name.
    pub fn status(&self) -> String {
        self.inner.status().as_str().to_owned()
    }

    /// The ticket's identifier.
    pub fn id(&self) -> String {
        self.inner.id().as_str().to_owned()
    }

    /// The version (events applied).
    pub fn version(&self) -> f64 {
        // Versions count events: far below 2^53.
        #[allow(clippy::cast_precision_loss)]
        let v = self.inner.version() as f64;
        v
    }

    /// Every event, oldest first.
    pub fn history(&self) -> JsResult<JsValue> {
        to_js(self.inner.history())
    }

    /// The event log `{schema_version, events}`, as a value.
    pub fn to_log(&self) -> JsResult<JsValue> {
        convert::json_text_to_js(&self.inner.to_json())
    }

    /// The event log as JSON text.
    pub fn to_json_text(&self) -> String {
        self.inner.to_json()
    }

    /// A copy of the ticket.
    pub fn copy(&self) -> RawTicket {
        RawTicket {
            inner: self.inner.clone(),
        }
    }

    /// Whether two tickets are equal (state and history). A ticket is the fold
    /// of its event log, so two are equal exactly when their logs are: their
    /// JSON is compared (the derived comparison of every state field costs
    /// about 5 KB of the module).
    pub fn equals(&self, other: &RawTicket) -> bool {
        self.inner.to_json() == other.inner.to_json()
    }
}

impl RawTicket {
    /// Wraps a core ticket.
    pub fn wrap(inner: Ticket) -> RawTicket {
        RawTicket { inner }
    }

    /// The core's ticket.
    pub fn get(&self) -> &Ticket {
        &self.inner
    }
}
