//! Repeat detection (REP-1): the core's `Detector`, `find_references`, and
//! `Archive::detect` (in `archive.rs`). Documents, queries and detections
//! cross as the core's JSON; weights and thresholds come from the policy.

use chrono::{DateTime, Utc};
use js_sys::{Array, JsString, Reflect};
use ticketry::detection::reference::find_references as core_find_references;
use ticketry::detection::{
    Decision, DetectionDoc, DetectionError, DetectionQuery, Detector, IgnoredBecause, Outcome,
};
use ticketry::ticket::ClientId;
use wasm_bindgen::prelude::*;

use crate::archive::{self, ticket_id};
use crate::convert::{self, invalid, to_js, Failure, JsResult};
use crate::policy::RawPolicy;

impl From<DetectionError> for Failure {
    fn from(e: DetectionError) -> Failure {
        Failure::new(serde_json::Value::Null, e.code(), e.to_string())
    }
}

/// A property of a document or query object (`undefined` when absent).
fn prop(obj: &JsValue, key: &str, what: &str) -> Result<(JsValue, String), Failure> {
    let field = format!("{what}.{key}");
    if !obj.is_object() {
        return Err(invalid(what, "must be an object"));
    }
    let value = Reflect::get(obj, &JsValue::from_str(key))
        .map_err(|_| invalid(&field, "cannot be read"))?;
    Ok((value, field))
}

/// A string property; absent reads as the empty string where the core's
/// serde shape has `#[serde(default)]` (`optional`).
fn text(obj: &JsValue, key: &str, what: &str, optional: bool) -> Result<String, Failure> {
    let (value, field) = prop(obj, key, what)?;
    if optional && (value.is_undefined() || value.is_null()) {
        return Ok(String::new());
    }
    convert::string(&value, &field)
}

fn client(obj: &JsValue, what: &str) -> Result<ClientId, Failure> {
    let (value, field) = prop(obj, "client_id", what)?;
    archive::client_id(&value, &field)
}

fn opened(obj: &JsValue, what: &str) -> Result<DateTime<Utc>, Failure> {
    let (value, field) = prop(obj, "opened_at", what)?;
    convert::time(&value, &field)
}

// Documents and queries are read property by property rather than by serde:
// the same shapes and names (`DetectionDoc`, `DetectionQuery`), at a few
// kilobytes less of the size budget.

/// A `DetectionQuery` (the core's JSON shape).
pub fn query(value: &JsValue) -> Result<DetectionQuery, Failure> {
    let what = "query";
    let (id, field) = prop(value, "id", what)?;
    let id = if id.is_undefined() || id.is_null() {
        None
    } else {
        Some(ticket_id(&id, &field)?)
    };
    Ok(DetectionQuery {
        id,
        client_id: client(value, what)?,
        product: text(value, "product", what, true)?,
        opened_at: opened(value, what)?,
        subject: text(value, "subject", what, true)?,
        description: text(value, "description", what, true)?,
    })
}

/// An `Outcome` by its JSON name (`"solved"`).
fn outcome(value: &JsValue, field: &str) -> Result<Outcome, Failure> {
    let name = convert::string(value, field)?;
    serde_json::from_value(serde_json::Value::String(name))
        .map_err(|e| invalid(field, e.to_string()))
}

/// A `DetectionDoc` (the core's JSON shape); `what` names it in errors.
fn read_doc(value: &JsValue, what: &str) -> Result<DetectionDoc, Failure> {
    let (id, field) = prop(value, "id", what)?;
    let (found, outcome_field) = prop(value, "outcome", what)?;
    let outcome = if found.is_undefined() || found.is_null() {
        Outcome::default()
    } else {
        outcome(&found, &outcome_field)?
    };
    Ok(DetectionDoc {
        id: ticket_id(&id, &field)?,
        client_id: client(value, what)?,
        product: text(value, "product", what, false)?,
        opened_at: opened(value, what)?,
        subject: text(value, "subject", what, false)?,
        description: text(value, "description", what, false)?,
        outcome,
    })
}

/// The incremental detection index (the core's `Detector`). Wrapped by
/// `Detector` in `npm/api.js`.
#[wasm_bindgen]
pub struct RawDetector {
    inner: Detector,
}

#[wasm_bindgen]
impl RawDetector {
    /// `Detector::new`.
    pub fn empty() -> RawDetector {
        RawDetector {
            inner: Detector::new(),
        }
    }

    /// `Detector::from_docs`: an array of `DetectionDoc`s.
    /// `Detector::upsert`: adds a `DetectionDoc`, or replaces the one with its
    /// id. (`Detector.fromDocs` in `npm/api.js` upserts each document.)
    pub fn upsert(&mut self, doc: &JsValue) -> JsResult<()> {
        let doc = read_doc(doc, "doc")?;
        Ok(self.inner.upsert(&doc).map_err(Failure::from)?)
    }

    /// `Detector::set_outcome`: false when the ticket was not indexed.
    pub fn set_outcome(&mut self, id: &JsValue, value: &JsValue) -> JsResult<bool> {
        let id = ticket_id(id, "id")?;
        Ok(self.inner.set_outcome(&id, outcome(value, "outcome")?))
    }

    /// `Detector::heap_bytes`: an estimate of the index's memory.
    pub fn heap_bytes(&self) -> f64 {
        // Far below 2^53.
        #[allow(clippy::cast_precision_loss)]
        let n = self.inner.heap_bytes() as f64;
        n
    }

    /// `Detector::remove`: false when the ticket was not indexed.
    pub fn remove(&mut self, id: &JsValue) -> JsResult<bool> {
        Ok(self.inner.remove(&ticket_id(id, "id")?))
    }

    /// `Detector::contains`.
    pub fn has(&self, id: &JsValue) -> JsResult<bool> {
        Ok(self.inner.contains(&ticket_id(id, "id")?))
    }

    /// `Detector::len`.
    pub fn size(&self) -> f64 {
        // Far below 2^53.
        #[allow(clippy::cast_precision_loss)]
        let n = self.inner.len() as f64;
        n
    }

    /// `Detector::compact`.
    pub fn compact(&mut self) {
        self.inner.compact();
    }

    /// `Detector::detect` with the policy's detection settings: the core's
    /// `Detection` JSON.
    pub fn detect(&self, query_value: &JsValue, policy: &RawPolicy) -> JsResult<JsValue> {
        let q = query(query_value)?;
        to_js(&self.inner.detect(&q, &policy.get().detection))
    }

    /// `Detector::text_similarity`, in `[0, 1]`.
    pub fn text_similarity(&self, a: &JsValue, b: &JsValue) -> JsResult<f64> {
        let a = convert::string(a, "a")?;
        let b = convert::string(b, "b")?;
        Ok(self.inner.text_similarity(&a, &b))
    }
}

/// `find_references` with the policy's id format (`detection.references`):
/// the core's `FoundReference` JSON, `{id, start, end, text}` (byte offsets
/// in the UTF-8 text).
#[wasm_bindgen]
pub fn find_references(text: &JsValue, policy: &RawPolicy) -> JsResult<JsValue> {
    let text = convert::string(text, "text")?;
    to_js(&core_find_references(
        &text,
        &policy.get().detection.references,
    ))
}

/// `{name, rule, label_en, label_ru}` rows: the JSON name (by the core's
/// serde) and the core's labels.
fn labelled<T: serde::Serialize>(
    values: &[T],
    rule: Option<&str>,
    en: fn(&T) -> &'static str,
    ru: fn(&T) -> &'static str,
) -> JsResult<Array> {
    let out = Array::new();
    for v in values {
        let rule = rule.map_or(JsValue::NULL, JsValue::from_str);
        let obj = convert::object(&[
            ("name", to_js(v)?),
            ("rule", rule),
            ("label_en", JsString::from(en(v)).into()),
            ("label_ru", JsString::from(ru(v)).into()),
        ])?;
        out.push(&obj);
    }
    Ok(out)
}

/// The decisions of repeat detection (REP-1), weakest first, with the core's labels.
#[wasm_bindgen]
pub fn decisions() -> JsResult<Array> {
    let all = [
        Decision::NotARepeat,
        Decision::PossibleRepeat,
        Decision::LikelyRepeat,
    ];
    labelled(
        &all,
        Some(Decision::NotARepeat.rule().as_str()),
        |d| d.label_en(),
        |d| d.label_ru(),
    )
}

/// The outcomes of an indexed ticket, with the core's labels.
#[wasm_bindgen]
pub fn outcomes() -> JsResult<Array> {
    let all = [
        Outcome::Open,
        Outcome::Solved,
        Outcome::ClosedWithoutConfirmation,
        Outcome::Reopened,
    ];
    let out = labelled(&all, None, |o| o.label_en(), |o| o.label_ru())?;
    for (i, o) in (0u32..).zip(all) {
        Reflect::set(
            &out.get(i),
            &JsValue::from_str("closed"),
            &JsValue::from_bool(o.is_closed()),
        )?;
    }
    Ok(out)
}

/// Why a mentioned id does not count, with the core's labels.
#[wasm_bindgen]
pub fn ignored_reasons() -> JsResult<Array> {
    let all = [
        IgnoredBecause::Unknown,
        IgnoredBecause::NotEarlier,
        IgnoredBecause::Itself,
    ];
    labelled(&all, None, |i| i.label_en(), |i| i.label_ru())
}
