//! Repeat tickets: the core's enums with their labels, the REP-5 decision
//! table, REP-ERR, REP-TPL and REP-CHK.

use js_sys::{Array, JsString, Object};
use ticketry::closure::Unmet;
use ticketry::repeat::history::{EscalationTask, SupportAction};
use ticketry::repeat::{HistoryCheck, RecurrenceCause, RepeatAction, RepeatType, TypicalError};
use ticketry::{checklist, templates};
use wasm_bindgen::prelude::*;

use crate::convert::{self, invalid, object, to_js, Failure, JsResult};
use crate::policy::RawPolicy;
use crate::ticket::RawTicket;

/// One row per value, in the regulation's order: `{name, rule, label_en,
/// label_ru}` and the extra pairs `extra` gives for the value.
macro_rules! rows {
    ($enum:ty, |$v:ident| [$(($key:literal, $value:expr)),*]) => {{
        let out = Array::new();
        for &$v in <$enum>::ALL {
            let rule = $v.rule().map_or(JsValue::NULL, |r| JsString::from(r.as_str()).into());
            let obj: Object = object(&[
                ("name", JsString::from($v.as_str()).into()),
                ("rule", rule),
                ("label_en", JsString::from($v.label_en()).into()),
                ("label_ru", JsString::from($v.label_ru()).into()),
                $(($key, $value),)*
            ])?;
            out.push(&obj);
        }
        Ok(out)
    }};
}

/// The repeat types (REP-T1..T4); `same_problem` tells whether the type
/// counts as the earlier problem coming back (REP-S1, REP-5).
#[wasm_bindgen]
pub fn repeat_types() -> JsResult<Array> {
    rows!(RepeatType, |v| [(
        "same_problem",
        JsValue::from_bool(v.is_same_problem())
    )])
}

/// The causes of recurrence (REP-C0..C4); `known` is false for "not yet known".
#[wasm_bindgen]
pub fn recurrence_causes() -> JsResult<Array> {
    rows!(RecurrenceCause, |v| [(
        "known",
        JsValue::from_bool(v.is_known())
    )])
}

/// The actions of REP-5 (and REP-S3).
#[wasm_bindgen]
pub fn repeat_actions() -> JsResult<Array> {
    rows!(RepeatAction, |v| [])
}

/// The history checks of REP-1.
#[wasm_bindgen]
pub fn history_checks() -> JsResult<Array> {
    rows!(HistoryCheck, |v| [])
}

/// The typical errors (REP-ERR), with their cause and remedy in Russian.
#[wasm_bindgen]
pub fn typical_errors() -> JsResult<Array> {
    rows!(TypicalError, |v| [
        ("cause_ru", JsString::from(v.cause_ru()).into()),
        ("remedy_ru", JsString::from(v.remedy_ru()).into())
    ])
}

/// The escalation tasks of a chronic problem (REP-S1).
#[wasm_bindgen]
pub fn escalation_tasks() -> JsResult<Array> {
    rows!(EscalationTask, |v| [])
}

/// The support actions for a client not applying solutions (REP-S2).
#[wasm_bindgen]
pub fn support_actions() -> JsResult<Array> {
    rows!(SupportAction, |v| [])
}

/// REP-5: `RepeatAction::for_cause`; `null` for "not yet known".
#[wasm_bindgen]
pub fn recommended_action(cause: &JsValue) -> JsResult<JsValue> {
    let name = convert::string(cause, "cause")?;
    let cause: RecurrenceCause = name
        .parse()
        .map_err(|e: ticketry::repeat::UnknownRepeatName| invalid("cause", e.to_string()))?;
    to_js(&RepeatAction::for_cause(cause))
}

/// REP-ERR: `TypicalError::of` an unmet rule (the core's JSON); `null` when
/// it is none of the four.
#[wasm_bindgen]
pub fn typical_error(unmet: &JsValue) -> JsResult<JsValue> {
    let unmet: Unmet = convert::from_js(unmet, "unmet")?;
    to_js(&TypicalError::of(&unmet))
}

/// REP-TPL, the reply to a repeat ticket.
#[wasm_bindgen]
pub fn repeat_reply(
    ticket: &RawTicket,
    specialist_name: &JsValue,
    policy: &RawPolicy,
) -> JsResult<String> {
    let name = convert::string(specialist_name, "specialistName")?;
    Ok(
        templates::repeat_reply(ticket.get().state(), &name, policy.get())
            .map_err(Failure::from)?,
    )
}

/// REP-CHK, the repeat checklist of a ticket.
#[wasm_bindgen]
pub fn repeat_checklist(ticket: &RawTicket, policy: &RawPolicy) -> JsResult<JsValue> {
    to_js(&checklist::repeat_checklist(
        ticket.get().state(),
        policy.get(),
    ))
}
