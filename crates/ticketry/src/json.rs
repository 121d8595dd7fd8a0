//! JSON input helpers shared by the library and its bindings.

use serde::de::DeserializeOwned;

use crate::error::ApplyError;

/// Deserialises a value, reporting a failure as `InvalidInput` on the path of
/// the field at fault (`decision.article`, `resources[2]`).
pub(crate) fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApplyError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        let message = e.into_inner().to_string();
        // serde names a missing field only in its message; put it in the path.
        let path = match (path.is_empty(), message.strip_prefix("missing field `")) {
            (true, Some(rest)) => rest.split('`').next().unwrap_or_default().to_owned(),
            (false, Some(rest)) => format!("{path}.{}", rest.split('`').next().unwrap_or_default()),
            _ => path,
        };
        ApplyError::invalid(path, message)
    })
}

/// Deserialises JSON text; see [`from_value`].
pub(crate) fn from_str<T: DeserializeOwned>(json: &str) -> Result<T, ApplyError> {
    let value: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| ApplyError::invalid("", format!("not valid JSON: {e}")))?;
    from_value(value)
}
