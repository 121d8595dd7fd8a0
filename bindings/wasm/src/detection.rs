//! Repeat detection (REP-1): the core's `Detector`, `find_references`, and
//! `Archive::detect` (in `archive.rs`). Documents, queries and detections
//! cross as the core's JSON; weights and thresholds come from the policy.

use chrono::{DateTime, Utc};
use js_sys::Reflect;
use ticketry::detection::reference::find_references as core_find_references;
use ticketry::detection::{DetectionDoc, DetectionError, DetectionQuery, Detector, Outcome};
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

/// A `DetectionDoc` (the core's JSON shape); `what` names it in errors.
fn read_doc(value: &JsValue, what: &str) -> Result<DetectionDoc, Failure> {
    let (id, field) = prop(value, "id", what)?;
    let (outcome, outcome_field) = prop(value, "outcome", what)?;
    let outcome = if outcome.is_undefined() || outcome.is_null() {
        Outcome::default()
    } else {
        let name = convert::string(&outcome, &outcome_field)?;
        serde_json::from_value(serde_json::Value::String(name))
            .map_err(|e| invalid(&outcome_field, e.to_string()))?
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
