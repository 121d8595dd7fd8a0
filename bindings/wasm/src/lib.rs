//! WebAssembly bindings for ticketry. A thin layer: types and errors are
//! translated, no rule, default or threshold is written here.
//!
//! The exports are the raw layer; the npm package's public API is
//! `npm/api.js`, which wraps them in classes and turns thrown failures into
//! `TicketryError` subclasses.
#![cfg(target_arch = "wasm32")]

mod archive;
mod calendar;
mod convert;
mod detection;
mod policy;
mod repeat;
mod ticket;

use js_sys::{Array, JsString, Object};
use ticketry::closure::{Status, TRANSITIONS};
use ticketry::detection::DetectionQuery;
use ticketry::rules::{Regulation, RuleId};
use ticketry::{checklist, templates};
use wasm_bindgen::prelude::*;

pub use archive::RawArchive;
pub use calendar::RawCalendar;
use convert::{object, to_js, Failure, JsResult};
pub use detection::RawDetector;
pub use policy::RawPolicy;
pub use ticket::RawTicket;

/// The library's version.
#[wasm_bindgen]
pub fn version() -> String {
    ticketry::VERSION.to_owned()
}

/// Every rule of the regulation: `{id, regulation, title_en, title_ru}`.
#[wasm_bindgen]
pub fn rules() -> JsResult<Array> {
    let out = Array::new();
    for rule in RuleId::ALL {
        let regulation = match rule.regulation() {
            Regulation::Repeat => "repeat",
            Regulation::Closing => "closing",
        };
        let obj = object(&[
            ("id", JsString::from(rule.as_str()).into()),
            ("regulation", JsString::from(regulation).into()),
            ("title_en", JsString::from(rule.title_en()).into()),
            ("title_ru", JsString::from(rule.title_ru()).into()),
        ])?;
        out.push(&obj);
    }
    Ok(out)
}

/// The transition table, one row per command, as the core's JSON.
#[wasm_bindgen]
pub fn transitions() -> JsResult<JsValue> {
    to_js(TRANSITIONS)
}

/// Every status in lifecycle order: `{status, label_en, label_ru, open}`.
#[wasm_bindgen]
pub fn statuses() -> JsResult<Array> {
    let out = Array::new();
    for status in Status::ALL {
        let obj = object(&[
            ("status", JsString::from(status.as_str()).into()),
            ("label_en", JsString::from(status.label_en()).into()),
            ("label_ru", JsString::from(status.label_ru()).into()),
            ("open", JsValue::from_bool(status.is_open())),
        ])?;
        out.push(&obj);
    }
    Ok(out)
}

/// The IANA time zones this build holds (see `build.sh`), sorted.
#[wasm_bindgen]
pub fn time_zones() -> Array {
    let mut names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
    names.sort_unstable();
    names.into_iter().map(JsString::from).collect()
}

/// The Mermaid state diagram of the closure process.
#[wasm_bindgen]
pub fn mermaid_diagram() -> String {
    ticketry::closure::mermaid_diagram()
}

/// CLS-CHK, the closing checklist of a ticket.
#[wasm_bindgen]
pub fn closing_checklist(ticket: &RawTicket, policy: &RawPolicy) -> JsResult<JsValue> {
    to_js(&checklist::closing_checklist(
        ticket.get().state(),
        policy.get(),
    ))
}

/// CLS-TPL-N, the final notification.
#[wasm_bindgen]
pub fn final_notification(
    ticket: &RawTicket,
    specialist_name: &JsValue,
    policy: &RawPolicy,
) -> JsResult<String> {
    let name = convert::string(specialist_name, "specialistName")?;
    Ok(
        templates::final_notification(ticket.get().state(), &name, policy.get())
            .map_err(Failure::from)?,
    )
}

/// CLS-TPL-D, the solution documentation.
#[wasm_bindgen]
pub fn solution_documentation(
    ticket: &RawTicket,
    closing_time: &JsValue,
    policy: &RawPolicy,
) -> JsResult<String> {
    let at = convert::time(closing_time, "closingTime")?;
    Ok(
        templates::solution_documentation(ticket.get().state(), at, policy.get())
            .map_err(Failure::from)?,
    )
}

/// The standard confirmation request (CLS-2), or the repeated one (CLS-S1).
#[wasm_bindgen]
pub fn confirmation_request(
    ticket: &RawTicket,
    reminder: &JsValue,
    policy: &RawPolicy,
) -> JsResult<String> {
    let reminder = convert::boolean(reminder, "reminder")?;
    Ok(
        templates::confirmation_request(ticket.get().state(), reminder, policy.get())
            .map_err(Failure::from)?,
    )
}

/// `DetectionQuery::from_new`: the query for a ticket being opened at `at`.
#[wasm_bindgen]
pub fn detection_query_from_new(new_ticket: &JsValue, at: &JsValue) -> JsResult<JsValue> {
    let new = ticket::new_ticket(new_ticket)?;
    let at = convert::time(at, "at")?;
    to_js(&DetectionQuery::from_new(&new, at))
}

/// The core's fixed limits: `{schema_version, max_id_chars,
/// confirmation_wait_days: [min, max]}` (`event::SCHEMA_VERSION`,
/// `ticket::MAX_ID_CHARS`, `policy::CONFIRMATION_WAIT_RANGE`).
#[wasm_bindgen]
pub fn limits() -> JsResult<Object> {
    let wait = &ticketry::policy::CONFIRMATION_WAIT_RANGE;
    let days: Array = [*wait.start(), *wait.end()]
        .into_iter()
        .map(|d| JsValue::from_f64(f64::from(d)))
        .collect();
    object(&[
        (
            "schema_version",
            JsValue::from_f64(ticketry::event::SCHEMA_VERSION as f64),
        ),
        (
            "max_id_chars",
            JsValue::from_f64(ticketry::ticket::MAX_ID_CHARS as f64),
        ),
        ("confirmation_wait_days", days.into()),
    ])
}
