//! Translation between JavaScript values and the core's types.
//!
//! Values cross as the core's JSON: JS values are turned into JSON text with
//! `JSON.stringify` and read by the core's own parsers (which name the field
//! at fault); results are serialised by the core's serde and parsed with
//! `JSON.parse`. Errors are thrown as `{"$ticketry": <the core's error JSON
//! with its code>, "message": <the core's message>}`; the JS layer
//! (`npm/api.js`) turns them into `TicketryError` subclasses.

use chrono::{DateTime, NaiveDate, Utc};
use js_sys::{Object, Reflect, JSON};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use ticketry::ticket::{Actor, Meta, Role};
use ticketry::ApplyError;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `Date.prototype.getTime.call(value)`: the time of a `Date` without
    /// running a subclass's override; throws (caught) for anything else.
    #[wasm_bindgen(catch, js_namespace = ["Date", "prototype", "getTime"], js_name = call)]
    fn date_time(value: &JsValue) -> Result<f64, JsValue>;
}

/// A failure on its way to JavaScript: the core's error JSON (with `code`)
/// and its message.
pub struct Failure {
    json: Map<String, Value>,
    message: String,
    /// The error inside this one (the error of an invalid event), with its message.
    cause: Option<Box<Failure>>,
}

impl Failure {
    /// A failure from an error's serde JSON, its stable code and message.
    pub fn new(json: Value, code: &str, message: String) -> Failure {
        let mut json = match json {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        json.insert("code".into(), Value::String(code.to_owned()));
        Failure {
            json,
            message,
            cause: None,
        }
    }

    fn to_json(&self) -> Value {
        let mut doc = serde_json::json!({"$ticketry": self.json, "message": self.message});
        if let (Some(cause), Value::Object(map)) = (&self.cause, &mut doc) {
            map.insert("cause".into(), cause.to_json());
        }
        doc
    }

    /// The failure with one more field in its JSON and a new full message
    /// (a JSON Lines error: the log's error, and the `line` it is on).
    pub fn with_field(mut self, key: &str, value: Value, message: String) -> Failure {
        self.json.insert(key.to_owned(), value);
        self.message = message;
        self
    }

    /// A failure of the binding itself (a value the core wrote could not be
    /// handed over); never expected, reported rather than trapped.
    pub fn internal(message: impl Into<String>) -> Failure {
        Failure::new(Value::Null, "internal", message.into())
    }
}

impl From<ApplyError> for Failure {
    fn from(e: ApplyError) -> Failure {
        let json = serde_json::to_value(&e).unwrap_or(Value::Null);
        Failure::new(json, e.code(), e.to_string())
    }
}

impl From<ticketry::LogError> for Failure {
    fn from(e: ticketry::LogError) -> Failure {
        let json = serde_json::to_value(&e).unwrap_or(Value::Null);
        let mut failure = Failure::new(json, e.code(), e.to_string());
        if let ticketry::LogError::InvalidEvent { error, .. } = e {
            failure.cause = Some(Box::new(Failure::from(error)));
        }
        failure
    }
}

impl From<ticketry::templates::TemplateError> for Failure {
    fn from(e: ticketry::templates::TemplateError) -> Failure {
        let json = serde_json::to_value(&e).unwrap_or(Value::Null);
        Failure::new(json, e.code(), e.to_string())
    }
}

/// A note for the error of an unknown time zone when `build.sh` filtered
/// chrono-tz's database (`CHRONO_TZ_TIMEZONE_FILTER`, read at compile time):
/// the zone may be a real one this build left out. Empty for an unfiltered build.
pub fn zone_filter_note() -> &'static str {
    match option_env!("CHRONO_TZ_TIMEZONE_FILTER") {
        Some(filter) if !filter.trim().is_empty() => {
            "; this WebAssembly build holds only some time zones (Russia's, the CIS's, Etc/*, UTC): timeZones() lists them"
        }
        _ => "",
    }
}

impl From<ticketry::policy::PolicyError> for Failure {
    fn from(e: ticketry::policy::PolicyError) -> Failure {
        // An unknown zone may be a real one this build left out: say so.
        let note = if e.field() == "time_zone" {
            zone_filter_note()
        } else {
            ""
        };
        let mut json = serde_json::to_value(&e).unwrap_or(Value::Null);
        if let Some(message) = json.get_mut("message") {
            *message = Value::from(format!("{}{note}", e.message()));
        }
        Failure::new(json, e.code(), format!("{e}{note}"))
    }
}

impl From<ticketry::calendar::CalendarError> for Failure {
    fn from(e: ticketry::calendar::CalendarError) -> Failure {
        let json = serde_json::to_value(&e).unwrap_or(Value::Null);
        Failure::new(json, e.code(), e.to_string())
    }
}

impl From<Failure> for JsValue {
    fn from(f: Failure) -> JsValue {
        let parsed = serde_json::to_string(&f.to_json())
            .ok()
            .and_then(|text| JSON::parse(&text).ok());
        parsed.unwrap_or_else(|| JsValue::from_str(&f.message))
    }
}

/// The result of every exported function: a value, or a failure thrown to JS.
pub type JsResult<T> = Result<T, JsValue>;

/// An `invalid_input` failure on `field`.
pub fn invalid(field: &str, message: impl Into<String>) -> Failure {
    Failure::from(ApplyError::InvalidInput {
        field: field.to_owned(),
        message: message.into(),
    })
}

/// A value the core serialises, as a plain JS value (objects, arrays, strings…).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsResult<JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|e| Failure::internal(format!("cannot serialise a result: {e}")))?;
    json_text_to_js(&text)
}

/// JSON text the core wrote, as a plain JS value.
pub fn json_text_to_js(text: &str) -> JsResult<JsValue> {
    JSON::parse(text)
        .map_err(|_| Failure::internal("the core wrote JSON that JSON.parse rejects").into())
}

/// A JS value as JSON text (`JSON.stringify`); `field` names it in errors.
pub fn stringify(value: &JsValue, field: &str) -> Result<String, Failure> {
    if value.is_undefined() {
        return Err(invalid(field, "missing"));
    }
    let text = JSON::stringify(value).map_err(|e| {
        let why = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_default();
        invalid(field, format!("cannot be written as JSON: {why}"))
    })?;
    text.as_string().ok_or_else(|| {
        invalid(
            field,
            "cannot be written as JSON (a function, a symbol or undefined)",
        )
    })
}

/// JSON text given as a string, or any other JS value written as JSON.
pub fn text_or_json(value: &JsValue, field: &str) -> Result<String, Failure> {
    match value.as_string() {
        Some(text) => Ok(text),
        None => stringify(value, field),
    }
}

/// Reads a JS value into a core type by serde (`serde_json`, without a
/// path tracker: one costs kilobytes of the size budget per type); the error
/// is `invalid_input` on `field` with serde's message, which names the
/// missing or bad field.
pub fn from_js<T: DeserializeOwned>(value: &JsValue, field: &str) -> Result<T, Failure> {
    let text = stringify(value, field)?;
    serde_json::from_str(&text).map_err(|e| invalid(field, e.to_string()))
}

/// A property of an options object; `undefined` when absent.
pub fn option(options: &JsValue, key: &str) -> Result<JsValue, Failure> {
    if options.is_undefined() || options.is_null() {
        return Ok(JsValue::UNDEFINED);
    }
    if !options.is_object() {
        return Err(invalid("", "options must be an object"));
    }
    Reflect::get(options, &JsValue::from_str(key))
        .map_err(|_| invalid(key, "cannot be read from the options"))
}

/// An instant: a `Date` or an RFC 3339 string.
pub fn time(value: &JsValue, field: &str) -> Result<DateTime<Utc>, Failure> {
    if let Some(text) = value.as_string() {
        return DateTime::parse_from_rfc3339(text.trim())
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                invalid(
                    field,
                    format!("`{text}` is not an RFC 3339 time such as 2025-03-03T09:00:00Z: {e}"),
                )
            });
    }
    if value.dyn_ref::<js_sys::Date>().is_some() {
        let ms = date_time(value).map_err(|_| invalid(field, "the Date cannot be read"))?;
        if !ms.is_finite() {
            return Err(invalid(field, "the Date is invalid"));
        }
        // Dates hold whole milliseconds within ±8.64e15: the cast is exact.
        #[allow(clippy::cast_possible_truncation)]
        let ms = ms as i64;
        return DateTime::from_timestamp_millis(ms)
            .ok_or_else(|| invalid(field, "the Date is out of the supported range"));
    }
    if value.is_undefined() {
        return Err(invalid(field, "missing: a Date or an RFC 3339 string"));
    }
    Err(invalid(field, "must be a Date or an RFC 3339 string"))
}

/// A calendar day: a `YYYY-MM-DD` string, or a `Date` (its UTC day).
pub fn date(value: &JsValue, field: &str) -> Result<NaiveDate, Failure> {
    if let Some(text) = value.as_string() {
        // `FromStr` reads YYYY-MM-DD, as the core's serde does (and shares its
        // parser: `parse_from_str` would link a second one).
        return text
            .trim()
            .parse::<NaiveDate>()
            .map_err(|e| invalid(field, format!("`{text}` is not a YYYY-MM-DD date: {e}")));
    }
    if value.dyn_ref::<js_sys::Date>().is_some() {
        return time(value, field).map(|t| t.date_naive());
    }
    if value.is_undefined() {
        return Err(invalid(field, "missing: a YYYY-MM-DD string or a Date"));
    }
    Err(invalid(field, "must be a YYYY-MM-DD string or a Date"))
}

/// A whole number within `min..=max`, from a JS number.
fn whole(value: &JsValue, field: &str, min: f64, max: f64) -> Result<f64, Failure> {
    let Some(n) = value.as_f64() else {
        return Err(invalid(field, "must be a number"));
    };
    if !n.is_finite() || n.fract() != 0.0 || n < min || n > max {
        return Err(invalid(
            field,
            format!("must be a whole number from {min} to {max}, got {n}"),
        ));
    }
    Ok(n)
}

/// A `u32` from a JS number.
pub fn uint32(value: &JsValue, field: &str) -> Result<u32, Failure> {
    let n = whole(value, field, 0.0, f64::from(u32::MAX))?;
    // Checked above: a whole number within u32's range.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(n as u32)
}

/// An `i32` from a JS number.
pub fn int32(value: &JsValue, field: &str) -> Result<i32, Failure> {
    let n = whole(value, field, f64::from(i32::MIN), f64::from(i32::MAX))?;
    // Checked above: a whole number within i32's range.
    #[allow(clippy::cast_possible_truncation)]
    Ok(n as i32)
}

/// A `u64` (a version) from a JS number, up to 2^53 - 1.
pub fn uint64(value: &JsValue, field: &str) -> Result<u64, Failure> {
    let n = whole(value, field, 0.0, 9_007_199_254_740_991.0)?;
    // Checked above: a whole number within the exact range of f64.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(n as u64)
}

/// A string from a JS string.
pub fn string(value: &JsValue, field: &str) -> Result<String, Failure> {
    value.as_string().ok_or_else(|| {
        if value.is_undefined() {
            invalid(field, "missing: a string")
        } else {
            invalid(field, "must be a string")
        }
    })
}

/// A boolean from a JS boolean.
pub fn boolean(value: &JsValue, field: &str) -> Result<bool, Failure> {
    value
        .as_bool()
        .ok_or_else(|| invalid(field, "must be a boolean"))
}

/// A string property of an object, `undefined` when absent; `field` names it.
pub fn property(obj: &JsValue, key: &str, field: &str) -> Result<JsValue, Failure> {
    if !obj.is_object() {
        return Err(invalid(field, "must be an object"));
    }
    Reflect::get(obj, &JsValue::from_str(key))
        .map_err(|_| invalid(&format!("{field}.{key}"), "cannot be read"))
}

/// An `Actor` (the core's JSON shape `{id, role, name?}`), read property by
/// property so that a bad field is named (`actor.role`).
fn actor(value: &JsValue) -> Result<Actor, Failure> {
    if value.is_undefined() {
        return Err(invalid("actor", "missing"));
    }
    let id = string(&property(value, "id", "actor")?, "actor.id")?;
    let role = property(value, "role", "actor")?;
    let role: Role = serde_json::from_value(Value::String(string(&role, "actor.role")?))
        .map_err(|e| invalid("actor.role", e.to_string()))?;
    let name = property(value, "name", "actor")?;
    let name = if name.is_undefined() || name.is_null() {
        None
    } else {
        Some(string(&name, "actor.name")?)
    };
    Ok(Actor { id, role, name })
}

/// `{at, actor}` of an options object, as the core's `Meta`.
pub fn meta(options: &JsValue) -> Result<Meta, Failure> {
    let at = time(&option(options, "at")?, "at")?;
    let actor = actor(&option(options, "actor")?)?;
    Ok(Meta::new(actor, at))
}

/// A plain object from string keys and values.
pub fn object(pairs: &[(&str, JsValue)]) -> JsResult<Object> {
    let obj = Object::new();
    for (key, value) in pairs {
        Reflect::set(&obj, &JsValue::from_str(key), value)?;
    }
    Ok(obj)
}
