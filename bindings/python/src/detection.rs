//! Repeat detection (REP-1): the core's `Detector`, its documents, queries
//! and results, crossing as the core's JSON. Batch calls release the GIL.

use pyo3::prelude::*;
use ticketry::detection::{
    reference::find_references as core_find_references, text, DetectionDoc, DetectionQuery,
    Detector, Outcome, ReferenceFormat,
};

use crate::convert::{self, from_json, to_json, Failure, Res};
use crate::policy::RawPolicy;

impl From<ticketry::detection::DetectionError> for Failure {
    fn from(e: ticketry::detection::DetectionError) -> Failure {
        Failure::new(serde_json::Value::Null, e.code(), e.to_string())
    }
}

/// Reads documents (JSON texts); a bad one is named by its position from 0.
fn docs(texts: &[String]) -> Res<Vec<DetectionDoc>> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| from_json(t, &format!("docs[{i}]")))
        .collect()
}

/// Reads JSON Lines of documents (blank lines skipped); a bad one is named by its line from 1.
fn doc_lines(text: &str) -> Res<Vec<DetectionDoc>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| from_json(l, &format!("line {}", i + 1)))
        .collect()
}

/// The detector, for a change: refused with `concurrent_use` while another
/// thread runs one of its GIL-free calls.
fn exclusive<'py>(slf: &Bound<'py, RawDetector>) -> Result<PyRefMut<'py, RawDetector>, Failure> {
    slf.try_borrow_mut().map_err(|_| {
        Failure::new(
            serde_json::Value::Null,
            "concurrent_use",
            "the detector is being read by a call that released the GIL in another thread; \
             change it after that call returns"
                .to_owned(),
        )
    })
}

/// A detection index (the core's `Detector`). Wrapped by `ticketry.Detector`.
#[pyclass(module = "ticketry._ticketry")]
pub struct RawDetector {
    inner: Detector,
}

#[pymethods]
impl RawDetector {
    /// An empty detector.
    #[new]
    fn new() -> RawDetector {
        RawDetector {
            inner: Detector::new(),
        }
    }

    /// `Detector::from_docs` of documents (JSON texts), without the GIL.
    #[staticmethod]
    fn from_docs(py: Python<'_>, docs_json: Vec<String>) -> PyResult<RawDetector> {
        let inner =
            py.detach(move || -> Res<Detector> { Ok(Detector::from_docs(docs(&docs_json)?)?) })?;
        Ok(RawDetector { inner })
    }

    /// `Detector::from_docs` of JSON Lines of documents, without the GIL.
    #[staticmethod]
    fn from_json_lines(py: Python<'_>, text: String) -> PyResult<RawDetector> {
        let inner =
            py.detach(move || -> Res<Detector> { Ok(Detector::from_docs(doc_lines(&text)?)?) })?;
        Ok(RawDetector { inner })
    }

    /// `Detector::upsert` of a document (JSON).
    fn upsert(slf: &Bound<'_, Self>, doc_json: &str) -> PyResult<()> {
        let doc: DetectionDoc = from_json(doc_json, "doc")?;
        exclusive(slf)?.inner.upsert(&doc).map_err(Failure::from)?;
        Ok(())
    }

    /// `Detector::set_outcome`: whether the ticket was there.
    fn set_outcome(slf: &Bound<'_, Self>, id: &str, outcome: &str) -> PyResult<bool> {
        let id = convert::ticket_id(id, "id")?;
        let outcome: Outcome = from_json(&to_json(outcome)?, "outcome")?;
        Ok(exclusive(slf)?.inner.set_outcome(&id, outcome))
    }

    /// `Detector::remove`: whether the ticket was there.
    fn remove(slf: &Bound<'_, Self>, id: &str) -> PyResult<bool> {
        let id = convert::ticket_id(id, "id")?;
        Ok(exclusive(slf)?.inner.remove(&id))
    }

    /// `Detector::contains` (false for a malformed id).
    fn contains(&self, id: &str) -> bool {
        convert::ticket_id(id, "id").is_ok_and(|id| self.inner.contains(&id))
    }

    /// `Detector::len`.
    fn len(&self) -> usize {
        self.inner.len()
    }

    /// `Detector::compact`, without the GIL.
    fn compact(slf: &Bound<'_, Self>, py: Python<'_>) -> PyResult<()> {
        let mut this = exclusive(slf)?;
        let inner = &mut this.inner;
        py.detach(|| inner.compact());
        Ok(())
    }

    /// `Detector::heap_bytes`.
    fn heap_bytes(&self) -> usize {
        self.inner.heap_bytes()
    }

    /// `Detector::text_similarity`.
    fn text_similarity(&self, a: &str, b: &str) -> f64 {
        self.inner.text_similarity(a, b)
    }

    /// `Detector::detect` of a query (JSON) with the policy's detection
    /// settings; the `Detection` as JSON.
    fn detect(&self, py: Python<'_>, query_json: &str, policy: &RawPolicy) -> PyResult<String> {
        let query: DetectionQuery = from_json(query_json, "query")?;
        let (detector, policy) = (&self.inner, &policy.get().detection);
        Ok(py.detach(|| to_json(&detector.detect(&query, policy)))?)
    }

    /// `Detector::detect` of many queries (JSON texts), without the GIL;
    /// one `Detection` JSON per query, in order. A bad query is named by its
    /// position from 0 and nothing is run.
    fn detect_many(
        &self,
        py: Python<'_>,
        queries_json: Vec<String>,
        policy: &RawPolicy,
    ) -> PyResult<Vec<String>> {
        let (detector, policy) = (&self.inner, &policy.get().detection);
        Ok(py.detach(move || -> Res<Vec<String>> {
            let queries: Vec<DetectionQuery> = queries_json
                .iter()
                .enumerate()
                .map(|(i, q)| from_json(q, &format!("queries[{i}]")))
                .collect::<Res<_>>()?;
            queries
                .iter()
                .map(|q| to_json(&detector.detect(q, policy)))
                .collect()
        })?)
    }

    /// A copy of the detector.
    fn copy(&self) -> RawDetector {
        RawDetector {
            inner: self.inner.clone(),
        }
    }
}

impl RawDetector {
    /// Wraps a core detector.
    pub fn wrap(inner: Detector) -> RawDetector {
        RawDetector { inner }
    }
}

/// `reference::find_references` with a format (JSON, the core's
/// `ReferenceFormat`; None: the policy default's); found references as JSON.
#[pyfunction]
#[pyo3(signature = (text, format_json=None))]
pub fn find_references(text: &str, format_json: Option<&str>) -> PyResult<String> {
    let format: ReferenceFormat = match format_json {
        Some(f) => from_json(f, "format")?,
        None => ticketry::Policy::default().detection.references,
    };
    Ok(to_json(&core_find_references(text, &format))?)
}

/// `text::analyze`: `(stem, start, end)` per term, byte offsets.
#[pyfunction]
pub fn analyze(text: &str) -> Vec<(String, usize, usize)> {
    text::analyze(text)
        .into_iter()
        .map(|t| (t.stem, t.start, t.end))
        .collect()
}
