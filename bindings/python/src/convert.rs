//! Translation between Python and the core's types.
//!
//! Values cross as the core's JSON: the Python layer (`python/ticketry`)
//! writes dicts, enums and aware datetimes as JSON text, the core's own
//! parsers read it (and name the field at fault), and results go back as the
//! JSON the core's serde writes. A failure becomes an exception of
//! `ticketry._errors` built from the core's error JSON (with its stable
//! `code`) and message.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use pyo3::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value};
use ticketry::ticket::{Actor, Meta, TicketId};
use ticketry::ApplyError;

/// A failure on its way to Python: the core's error JSON (with `code`) and its message.
pub struct Failure {
    json: Map<String, Value>,
    message: String,
}

impl Failure {
    /// A failure from an error's serde JSON, its stable code and message.
    pub fn new(json: Value, code: &str, message: String) -> Failure {
        let mut json = match json {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        json.insert("code".into(), Value::String(code.to_owned()));
        Failure { json, message }
    }

    /// A failure of the binding itself (a value the core wrote could not be
    /// handed over); never expected, reported rather than panicking.
    pub fn internal(message: impl Into<String>) -> Failure {
        Failure::new(Value::Null, "internal", message.into())
    }

    /// The exception: `ticketry._errors._from_core(json, message)`.
    fn into_pyerr(self, py: Python<'_>) -> PyErr {
        let json = Value::Object(self.json).to_string();
        let built = py
            .import("ticketry._errors")
            .and_then(|m| m.getattr("_from_core"))
            .and_then(|f| f.call1((json, self.message.as_str())));
        match built {
            Ok(exc) => PyErr::from_value(exc),
            Err(e) => e,
        }
    }
}

impl From<Failure> for PyErr {
    fn from(f: Failure) -> PyErr {
        Python::attach(|py| f.into_pyerr(py))
    }
}

/// The serde JSON of an error, or null.
fn json_of<T: Serialize>(e: &T) -> Value {
    serde_json::to_value(e).unwrap_or(Value::Null)
}

impl From<ApplyError> for Failure {
    fn from(e: ApplyError) -> Failure {
        Failure::new(json_of(&e), e.code(), e.to_string())
    }
}

impl From<ticketry::LogError> for Failure {
    fn from(e: ticketry::LogError) -> Failure {
        Failure::new(json_of(&e), e.code(), e.to_string())
    }
}

impl From<ticketry::templates::TemplateError> for Failure {
    fn from(e: ticketry::templates::TemplateError) -> Failure {
        Failure::new(json_of(&e), e.code(), e.to_string())
    }
}

impl From<ticketry::policy::PolicyError> for Failure {
    fn from(e: ticketry::policy::PolicyError) -> Failure {
        Failure::new(json_of(&e), e.code(), e.to_string())
    }
}

impl From<ticketry::calendar::CalendarError> for Failure {
    fn from(e: ticketry::calendar::CalendarError) -> Failure {
        Failure::new(json_of(&e), e.code(), e.to_string())
    }
}

impl From<ticketry::archive::ArchiveError> for Failure {
    fn from(e: ticketry::archive::ArchiveError) -> Failure {
        use ticketry::archive::ArchiveError as E;
        let code = e.code();
        let message = e.to_string();
        let id = match &e {
            E::DuplicateTicket { id } | E::UnknownTicket { id } => serde_json::json!({"id": id}),
            _ => Value::Null,
        };
        match e {
            E::Apply(inner) => Failure::from(inner),
            E::Line { line, error } => {
                let mut failure = Failure::from(error);
                failure.json.insert("line".into(), Value::from(line));
                failure.message = message;
                failure
            }
            // `duplicate_ticket`, `unknown_ticket` (with the id), and any
            // other archive error by its code (the detection index's
            // `index_full` on main).
            _ => Failure::new(id, code, message),
        }
    }
}

/// The result of the binding's functions.
pub type Res<T> = Result<T, Failure>;

/// An `invalid_input` failure on `field`.
pub fn invalid(field: &str, message: impl Into<String>) -> Failure {
    Failure::from(ApplyError::InvalidInput {
        field: field.to_owned(),
        message: message.into(),
    })
}

/// A value the core serialises, as JSON text.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Res<String> {
    serde_json::to_string(value)
        .map_err(|e| Failure::internal(format!("cannot serialise a result: {e}")))
}

/// Reads JSON text into a core type by serde, naming the path of a bad
/// field under `field` (`actor.role`).
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str, field: &str) -> Res<T> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next());
        let path = match (path.as_str(), missing) {
            (".", Some(name)) => format!("{field}.{name}"),
            (".", None) => field.to_owned(),
            (p, Some(name)) => format!("{field}.{p}.{name}"),
            (p, None) => format!("{field}.{p}"),
        };
        invalid(&path, message)
    })
}

/// An instant from RFC 3339 text (the Python layer writes aware datetimes so).
pub fn time(text: &str, field: &str) -> Res<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| invalid(field, format!("`{text}` is not an RFC 3339 time: {e}")))
}

/// A calendar day from `YYYY-MM-DD` text.
pub fn date(text: &str, field: &str) -> Res<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|e| invalid(field, format!("`{text}` is not a YYYY-MM-DD date: {e}")))
}

/// A ticket id.
pub fn ticket_id(text: &str, field: &str) -> Res<TicketId> {
    TicketId::new(text).map_err(|e| invalid(field, e.to_string()))
}

/// A directory of other tickets (what a lone ticket may link to, REP-3):
/// JSON `{ticket id: opening time}`.
pub fn directory(text: &str) -> Res<BTreeMap<TicketId, DateTime<Utc>>> {
    from_json(text, "directory")
}

/// The actor (JSON text) and time of a command, as the core's `Meta`.
pub fn meta(actor: &str, at: &str) -> Res<Meta> {
    let at = time(at, "at")?;
    let actor: Actor = from_json(actor, "actor")?;
    Ok(Meta::new(actor, at))
}
