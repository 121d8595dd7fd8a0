//! Python bindings for ticketry. A thin layer: types and errors are
//! translated, no rule, default or threshold is written here.
#![cfg(not(target_arch = "wasm32"))]

use pyo3::prelude::*;
use pyo3::types::PyDict;
use ticketry::rules::{Regulation, RuleId};

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

/// The native module `ticketry._ticketry`.
#[pymodule]
fn _ticketry(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", ticketry::VERSION)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    Ok(())
}
