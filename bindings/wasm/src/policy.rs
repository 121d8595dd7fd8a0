//! The policy: the core's `Policy`, with its defaults.

use ticketry::Policy;
use wasm_bindgen::prelude::*;

use crate::calendar::RawCalendar;
use crate::convert::{self, Failure, JsResult};

/// A policy (the core's `Policy`). Wrapped by `Policy` in `npm/api.js`.
#[wasm_bindgen]
pub struct RawPolicy {
    inner: Policy,
}

#[wasm_bindgen]
impl RawPolicy {
    /// The regulation's defaults (`Policy::default`).
    pub fn defaults() -> RawPolicy {
        RawPolicy {
            inner: Policy::default(),
        }
    }

    /// `Policy::from_json`: JSON text or a value; missing fields take the core's defaults.
    pub fn from_value(value: &JsValue) -> JsResult<RawPolicy> {
        let text = if value.is_undefined() || value.is_null() {
            "{}".to_owned()
        } else {
            convert::text_or_json(value, "policy")?
        };
        let inner = Policy::from_json(&text).map_err(Failure::from)?;
        Ok(RawPolicy { inner })
    }

    /// The policy as the core's JSON value.
    pub fn to_value(&self) -> JsResult<JsValue> {
        convert::json_text_to_js(&self.inner.to_json())
    }

    /// A copy of the policy's calendar.
    pub fn calendar(&self) -> RawCalendar {
        RawCalendar::wrap(self.inner.calendar.clone())
    }
}

impl RawPolicy {
    /// The core's policy.
    pub fn get(&self) -> &Policy {
        &self.inner
    }
}
