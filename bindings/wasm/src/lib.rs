//! WebAssembly bindings for ticketry. A thin layer: types and errors are
//! translated, no rule, default or threshold is written here.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect};
use ticketry::rules::{Regulation, RuleId};
use wasm_bindgen::prelude::*;

/// The library's version.
#[wasm_bindgen]
pub fn version() -> String {
    ticketry::VERSION.to_owned()
}

/// Every rule of the regulation: `{id, regulation, title_en, title_ru}`.
#[wasm_bindgen]
pub fn rules() -> Result<Array, JsValue> {
    let out = Array::new();
    for rule in RuleId::ALL {
        let obj = Object::new();
        let regulation = match rule.regulation() {
            Regulation::Repeat => "repeat",
            Regulation::Closing => "closing",
        };
        for (key, value) in [
            ("id", rule.as_str()),
            ("regulation", regulation),
            ("title_en", rule.title_en()),
            ("title_ru", rule.title_ru()),
        ] {
            Reflect::set(&obj, &JsValue::from_str(key), &JsValue::from_str(value))?;
        }
        out.push(&obj);
    }
    Ok(out)
}
