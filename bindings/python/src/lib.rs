//! Python bindings for ticketry. A thin layer: types and errors are
//! translated, no rule, default or threshold is written here.
//!
//! This crate is the native module `ticketry._ticketry`, a raw layer that
//! speaks the core's JSON; the package's public API is `python/ticketry`,
//! which wraps it in classes, enums, datetimes and exceptions.
#![cfg(not(target_arch = "wasm32"))]

mod archive;
mod convert;
mod detection;
mod policy;
mod ticket;

use pyo3::prelude::*;
use pyo3::types::PyDict;
use ticketry::closure::{Status, TRANSITIONS};
use ticketry::repeat::history::{EscalationTask, SupportAction};
use ticketry::repeat::{HistoryCheck, RecurrenceCause, RepeatAction, RepeatType, TypicalError};
use ticketry::rules::{Regulation, RuleId};

pub use archive::RawArchive;
use convert::{from_json, invalid, to_json};
pub use detection::RawDetector;
pub use policy::{RawCalendar, RawPolicy};
pub use ticket::RawTicket;

/// Every rule of the regulation as a dict: `id`, `regulation`, `title_en`, `title_ru`.
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    RuleId::ALL
        .iter()
        .map(|rule| {
            let d = PyDict::new(py);
            d.set_item("id", rule.as_str())?;
            d.set_item(
                "regulation",
                match rule.regulation() {
                    Regulation::Repeat => "repeat",
                    Regulation::Closing => "closing",
                },
            )?;
            d.set_item("title_en", rule.title_en())?;
            d.set_item("title_ru", rule.title_ru())?;
            Ok(d)
        })
        .collect()
}

/// Every status in lifecycle order: `(name, label_en, label_ru, open)`.
#[pyfunction]
fn statuses() -> Vec<(&'static str, &'static str, &'static str, bool)> {
    Status::ALL
        .iter()
        .map(|s| (s.as_str(), s.label_en(), s.label_ru(), s.is_open()))
        .collect()
}

/// Every command name, in table order.
#[pyfunction]
fn command_names() -> Vec<&'static str> {
    ticketry::closure::CommandKind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect()
}

/// The transition table, one row per command, as the core's JSON.
#[pyfunction]
fn transitions_json() -> PyResult<String> {
    Ok(to_json(TRANSITIONS)?)
}

/// The Mermaid state diagram of the closure process.
#[pyfunction]
fn mermaid_diagram() -> String {
    ticketry::closure::mermaid_diagram()
}

/// One row of a named list of the repeat regulation: value, rule, labels.
type Named = (
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
);

macro_rules! named_rows {
    ($ty:ty) => {
        <$ty>::ALL
            .iter()
            .map(|v| {
                (
                    v.as_str(),
                    v.rule().map(RuleId::as_str),
                    v.label_en(),
                    v.label_ru(),
                )
            })
            .collect::<Vec<Named>>()
    };
}

/// The values of a named list of the repeat regulation (`repeat_type`,
/// `recurrence_cause`, `repeat_action`, `history_check`, `typical_error`,
/// `escalation_task`, `support_action`), in the regulation's order.
#[pyfunction]
fn named_values(list: &str) -> PyResult<Vec<Named>> {
    Ok(match list {
        "repeat_type" => named_rows!(RepeatType),
        "recurrence_cause" => named_rows!(RecurrenceCause),
        "repeat_action" => named_rows!(RepeatAction),
        "history_check" => named_rows!(HistoryCheck),
        "typical_error" => named_rows!(TypicalError),
        "escalation_task" => named_rows!(EscalationTask),
        "support_action" => named_rows!(SupportAction),
        other => return Err(invalid("list", format!("unknown list `{other}`")).into()),
    })
}

/// REP-5: the action a cause calls for (None for `not_yet_known`).
#[pyfunction]
fn recommended_action(cause: &str) -> PyResult<Option<&'static str>> {
    let cause: RecurrenceCause = cause
        .parse()
        .map_err(|e: ticketry::repeat::UnknownRepeatName| invalid("cause", e.to_string()))?;
    Ok(RepeatAction::for_cause(cause).map(RepeatAction::as_str))
}

/// REP-ERR: the typical error an unmet rule (JSON) amounts to, with its
/// cause and remedy in Russian; None when it is none of them.
#[pyfunction]
fn typical_error(unmet_json: &str) -> PyResult<Option<(&'static str, &'static str, &'static str)>> {
    let unmet: ticketry::closure::Unmet = from_json(unmet_json, "unmet")?;
    Ok(TypicalError::of(&unmet).map(|e| (e.as_str(), e.cause_ru(), e.remedy_ru())))
}

/// REP-ERR: every typical error with its cause and remedy in Russian.
#[pyfunction]
fn typical_error_texts() -> Vec<(&'static str, &'static str, &'static str)> {
    TypicalError::ALL
        .iter()
        .map(|e| (e.as_str(), e.cause_ru(), e.remedy_ru()))
        .collect()
}

/// `RepeatType::is_same_problem`: whether the type means the earlier problem came back.
#[pyfunction]
fn repeat_type_is_same_problem(value: &str) -> PyResult<bool> {
    let t: RepeatType = value
        .parse()
        .map_err(|e: ticketry::repeat::UnknownRepeatName| invalid("repeat_type", e.to_string()))?;
    Ok(t.is_same_problem())
}

/// `RecurrenceCause::is_known`.
#[pyfunction]
fn cause_is_known(value: &str) -> PyResult<bool> {
    let c: RecurrenceCause = value
        .parse()
        .map_err(|e: ticketry::repeat::UnknownRepeatName| invalid("cause", e.to_string()))?;
    Ok(c.is_known())
}

/// `DayKind::is_working`.
#[pyfunction]
fn day_kind_is_working(value: &str) -> PyResult<bool> {
    let kind: ticketry::calendar::DayKind = from_json(&to_json(value)?, "kind")?;
    Ok(kind.is_working())
}

/// `Command::from_json`, written back as the core writes it (validated, normalised).
#[pyfunction]
fn normalize_command(command_json: &str) -> PyResult<String> {
    let cmd = ticket::command(command_json)?;
    Ok(to_json(&cmd)?)
}

/// `NewTicket::from_json`, written back as the core writes it.
#[pyfunction]
fn normalize_new_ticket(new_ticket_json: &str) -> PyResult<String> {
    let new = ticket::new_ticket(new_ticket_json)?;
    Ok(to_json(&new)?)
}

/// Whether a text is a placeholder rather than content (`-`, `TBD`, `…`).
#[pyfunction]
fn is_placeholder(text: &str) -> bool {
    ticketry::closure::is_placeholder(text)
}

/// Whether a text still holds a template placeholder (`[описание]`, `{name}`).
#[pyfunction]
fn contains_template_placeholder(text: &str) -> bool {
    ticketry::closure::contains_template_placeholder(text)
}

/// `templates::format_duration` of whole minutes in a locale (`ru`, `en`).
#[pyfunction]
fn format_duration(minutes: i64, locale: &str) -> PyResult<String> {
    let locale: ticketry::policy::Locale = from_json(&to_json(locale)?, "locale")?;
    let d = chrono::Duration::try_minutes(minutes)
        .ok_or_else(|| invalid("duration", "out of range"))?;
    Ok(ticketry::templates::format_duration(d, locale))
}

/// The native module `ticketry._ticketry`.
#[pymodule]
fn _ticketry(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", ticketry::VERSION)?;
    m.add("SCHEMA_VERSION", ticketry::event::SCHEMA_VERSION)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(statuses, m)?)?;
    m.add_function(wrap_pyfunction!(command_names, m)?)?;
    m.add_function(wrap_pyfunction!(transitions_json, m)?)?;
    m.add_function(wrap_pyfunction!(mermaid_diagram, m)?)?;
    m.add_function(wrap_pyfunction!(named_values, m)?)?;
    m.add_function(wrap_pyfunction!(recommended_action, m)?)?;
    m.add_function(wrap_pyfunction!(typical_error, m)?)?;
    m.add_function(wrap_pyfunction!(typical_error_texts, m)?)?;
    m.add_function(wrap_pyfunction!(repeat_type_is_same_problem, m)?)?;
    m.add_function(wrap_pyfunction!(cause_is_known, m)?)?;
    m.add_function(wrap_pyfunction!(day_kind_is_working, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_command, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_new_ticket, m)?)?;
    m.add_function(wrap_pyfunction!(is_placeholder, m)?)?;
    m.add_function(wrap_pyfunction!(contains_template_placeholder, m)?)?;
    m.add_function(wrap_pyfunction!(format_duration, m)?)?;
    m.add_function(wrap_pyfunction!(detection::find_references, m)?)?;
    m.add_function(wrap_pyfunction!(detection::analyze, m)?)?;
    m.add_class::<RawDetector>()?;
    m.add_class::<RawTicket>()?;
    m.add_class::<RawArchive>()?;
    m.add_class::<RawPolicy>()?;
    m.add_class::<RawCalendar>()?;
    Ok(())
}
