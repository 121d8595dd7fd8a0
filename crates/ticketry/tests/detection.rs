//! Repeat detection (REP-1): the shared vectors of `conformance/detection.json`
//! (the same file the Python and JavaScript suites run, see
//! `conformance/README.md`), and Rust-only tests of the detector: reference
//! precision and recall, incremental updates, `Archive::detect`, and the
//! invariants every detection keeps.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stdout
)]

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use serde_json::{json, Map, Value};
use ticketry::detection::reference::find_references;
use ticketry::detection::{
    Candidate, Decision, Detection, DetectionDoc, DetectionPolicy, DetectionQuery, Detector,
    Outcome, ReferenceFormat,
};
use ticketry::repeat::RepeatType;
use ticketry::rules::RuleId;
use ticketry::ticket::TicketId;
use ticketry::Policy;

// ---------------------------------------------------------------------------
// The shared vectors
// ---------------------------------------------------------------------------

fn vectors_file() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../conformance/detection.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// How a section's vectors went: failures fail the test; known failures are
/// printed; a known failure that passes fails the test too (remove the mark).
#[derive(Default)]
struct Tally {
    passed: usize,
    failures: Vec<String>,
    known: Vec<String>,
    fixed: Vec<String>,
}

impl Tally {
    fn record(&mut self, id: &str, known_failure: Option<&str>, result: Result<(), String>) {
        match (result, known_failure) {
            (Ok(()), None) => self.passed += 1,
            (Ok(()), Some(why)) => self.fixed.push(format!(
                "{id}: marked known_failure ({why}) but passes now: remove the mark"
            )),
            (Err(msg), None) => self.failures.push(format!("{id}: {msg}")),
            (Err(msg), Some(why)) => self.known.push(format!("{id} [{why}]: {msg}")),
        }
    }

    fn finish(self, section: &str) {
        println!(
            "{section}: {} passed, {} known failures, {} failed, {} known failures now pass",
            self.passed,
            self.known.len(),
            self.failures.len(),
            self.fixed.len()
        );
        for k in &self.known {
            println!("  KNOWN FAILURE {k}");
        }
        let mut bad = self.failures;
        bad.extend(self.fixed);
        assert!(
            bad.is_empty(),
            "{section}: {} vectors failed:\n{}",
            bad.len(),
            bad.join("\n")
        );
    }
}

fn known_failure(v: &Value) -> Option<&str> {
    v.get("known_failure").map(|k| {
        let why = k.as_str().unwrap_or("");
        assert!(
            !why.trim().is_empty(),
            "{}: known_failure must say why",
            v["id"]
        );
        why
    })
}

fn docs_of(v: &Value, what: &str) -> Result<Vec<DetectionDoc>, String> {
    serde_json::from_value(v.clone())
        .map_err(|e| format!("{what}: not a list of DetectionDoc: {e}"))
}

/// The detector a vector runs on: `archive` (a name from `archives`, or a
/// list of documents), then `add` upserted, then `remove` removed.
fn detector_of(
    v: &Value,
    archives: &Map<String, Value>,
) -> Result<(Detector, BTreeMap<TicketId, DetectionDoc>), String> {
    let base = match v.get("archive") {
        None => Vec::new(),
        Some(Value::String(name)) => docs_of(
            archives
                .get(name)
                .ok_or(format!("unknown archive {name}"))?,
            name,
        )?,
        Some(list) => docs_of(list, "archive")?,
    };
    let add = match v.get("add") {
        Some(list) => docs_of(list, "add")?,
        None => Vec::new(),
    };
    let mut detector = Detector::new();
    let mut docs = BTreeMap::new();
    for doc in base.into_iter().chain(add) {
        detector.upsert(&doc).map_err(|e| e.to_string())?;
        docs.insert(doc.id.clone(), doc);
    }
    if let Some(remove) = v.get("remove") {
        let ids: Vec<TicketId> =
            serde_json::from_value(remove.clone()).map_err(|e| format!("remove: {e}"))?;
        for id in ids {
            if !detector.remove(&id) {
                return Err(format!("remove: {id} is not in the archive"));
            }
            docs.remove(&id);
        }
    }
    Ok((detector, docs))
}

fn policy_of(v: &Value) -> Result<Policy, String> {
    match v.get("policy") {
        None => Ok(Policy::default()),
        Some(p) => Policy::from_json(&json!({ "detection": p }).to_string())
            .map_err(|e| format!("policy: {}: {}", e.field(), e.message())),
    }
}

/// What holds for every detection, whatever the vector expects.
fn check_invariants(
    found: &Detection,
    query: &DetectionQuery,
    docs: &BTreeMap<TicketId, DetectionDoc>,
    policy: &DetectionPolicy,
) -> Result<(), String> {
    let c = &found.candidates;
    if c.len() > policy.max_candidates {
        return Err(format!(
            "{} candidates, max_candidates is {}",
            c.len(),
            policy.max_candidates
        ));
    }
    let mut seen = HashSet::new();
    for (i, cand) in c.iter().enumerate() {
        if !(0.0..=1.0).contains(&cand.score) {
            return Err(format!("{}: score {} outside [0, 1]", cand.id, cand.score));
        }
        if !(0.0..=1.0).contains(&cand.type_confidence)
            || !(0.0..=1.0).contains(&cand.signals.text_similarity)
        {
            return Err(format!(
                "{}: confidence or similarity outside [0, 1]",
                cand.id
            ));
        }
        if i > 0 && c[i - 1].score < cand.score {
            return Err(format!(
                "not sorted: {} ({}) before {} ({})",
                c[i - 1].id,
                c[i - 1].score,
                cand.id,
                cand.score
            ));
        }
        if !seen.insert(cand.id.clone()) {
            return Err(format!("{} is a candidate twice", cand.id));
        }
        if Some(&cand.id) == query.id.as_ref() {
            return Err(format!("the query {} is its own candidate", cand.id));
        }
        let doc = docs
            .get(&cand.id)
            .ok_or(format!("{} is not in the archive", cand.id))?;
        if doc.opened_at >= query.opened_at {
            return Err(format!(
                "{} was opened at {}, not before the query",
                cand.id, doc.opened_at
            ));
        }
    }
    let expected = c.first().map_or(Decision::NotARepeat, |b| b.decision);
    if found.decision != expected {
        return Err(format!(
            "decision {:?} is not the best candidate's {:?}",
            found.decision, expected
        ));
    }
    Ok(())
}

fn parse<T: serde::de::DeserializeOwned>(v: &Value, key: &str) -> Result<T, String> {
    serde_json::from_value(v.clone()).map_err(|e| format!("expect.{key}: {e}: {v}"))
}

fn candidate<'a>(found: &'a Detection, id: &str) -> Option<(usize, &'a Candidate)> {
    found
        .candidates
        .iter()
        .enumerate()
        .find(|(_, c)| c.id.as_str() == id)
}

fn summary(found: &Detection) -> String {
    let list: Vec<String> = found
        .candidates
        .iter()
        .map(|c| {
            format!(
                "{} {:.3} {} {} text={:.2}",
                c.id,
                c.score,
                c.decision.as_str(),
                serde_json::to_value(c.suggested_type)
                    .unwrap()
                    .as_str()
                    .unwrap_or("?"),
                c.signals.text_similarity
            )
        })
        .collect();
    format!("[{}]", list.join("; "))
}

/// Keys of a candidate expectation; at the top level they apply to the best candidate.
const CANDIDATE_KEYS: [&str; 10] = [
    "decision_at_least",
    "decision_at_most",
    "suggested_type",
    "suggested_type_in",
    "same_client",
    "same_product",
    "reference",
    "shared_terms_include",
    "outcome",
    "rank_at_most",
];

fn check_candidate(
    c: &Candidate,
    rank: usize,
    e: &Map<String, Value>,
    top_level: bool,
) -> Result<(), String> {
    let id = &c.id;
    for (key, ev) in e {
        match key.as_str() {
            "decision" if !top_level => {
                let d: Decision = parse(ev, key)?;
                if c.decision != d {
                    return Err(format!(
                        "{id}: decision {}, expected {}",
                        c.decision.as_str(),
                        d.as_str()
                    ));
                }
            }
            "decision_at_least" => {
                let d: Decision = parse(ev, key)?;
                if c.decision < d {
                    return Err(format!(
                        "{id}: decision {}, expected at least {}",
                        c.decision.as_str(),
                        d.as_str()
                    ));
                }
            }
            "decision_at_most" => {
                let d: Decision = parse(ev, key)?;
                if c.decision > d {
                    return Err(format!(
                        "{id}: decision {}, expected at most {}",
                        c.decision.as_str(),
                        d.as_str()
                    ));
                }
            }
            "suggested_type" => {
                let t: RepeatType = parse(ev, key)?;
                if c.suggested_type != t {
                    return Err(format!(
                        "{id}: suggested {:?}, expected {t:?}",
                        c.suggested_type
                    ));
                }
            }
            "suggested_type_in" => {
                let ts: Vec<RepeatType> = parse(ev, key)?;
                if !ts.contains(&c.suggested_type) {
                    return Err(format!(
                        "{id}: suggested {:?}, expected one of {ts:?}",
                        c.suggested_type
                    ));
                }
            }
            "same_client" => {
                if Some(c.signals.same_client) != ev.as_bool() {
                    return Err(format!("{id}: same_client is {}", c.signals.same_client));
                }
            }
            "same_product" => {
                if Some(c.signals.same_product) != ev.as_bool() {
                    return Err(format!("{id}: same_product is {}", c.signals.same_product));
                }
            }
            "outcome" => {
                let o: Outcome = parse(ev, key)?;
                if c.signals.outcome != o {
                    return Err(format!(
                        "{id}: outcome {:?}, expected {o:?}",
                        c.signals.outcome
                    ));
                }
            }
            "rank_at_most" => {
                let r: usize = parse(ev, key)?;
                if rank + 1 > r {
                    return Err(format!("{id}: rank {}, expected at most {r}", rank + 1));
                }
            }
            "reference" => match (ev, &c.signals.reference) {
                (Value::Null, None) => {}
                (Value::Null, Some(r)) => {
                    return Err(format!("{id}: expected no mention, found {:?}", r.text));
                }
                (_, None) => return Err(format!("{id}: expected a mention, found none")),
                (exp, Some(r)) => {
                    let actual = serde_json::to_value(r).unwrap();
                    for (k, v) in exp
                        .as_object()
                        .ok_or("expect.reference: an object or null")?
                    {
                        if !matches!(k.as_str(), "id" | "text" | "field") {
                            return Err(format!("expect.reference: unknown key {k}"));
                        }
                        if actual.get(k) != Some(v) {
                            return Err(format!(
                                "{id}: reference.{k} is {}, expected {v}",
                                actual[k]
                            ));
                        }
                    }
                }
            },
            "shared_terms_include" => {
                let want: Vec<String> = parse(ev, key)?;
                let have: Vec<String> = c
                    .signals
                    .shared_terms
                    .iter()
                    .map(|t| t.to_lowercase())
                    .collect();
                for w in want {
                    if !have.contains(&w.to_lowercase()) {
                        return Err(format!(
                            "{id}: shared terms {:?} lack {w:?}",
                            c.signals.shared_terms
                        ));
                    }
                }
            }
            other => return Err(format!("unknown candidate expectation {other}")),
        }
    }
    Ok(())
}

fn ids_of(v: &Value, key: &str) -> Result<Vec<String>, String> {
    parse(v, key)
}

fn top_k(v: &Value, key: &str) -> Result<(usize, Vec<String>), String> {
    let k: usize = parse(&v["k"], key)?;
    Ok((k, ids_of(&v["ids"], key)?))
}

fn check_expect(found: &Detection, expect: &Value) -> Result<(), String> {
    let expect = expect.as_object().ok_or("expect must be an object")?;
    let rank = |id: &str| candidate(found, id).map(|(i, _)| i);
    let mut top_checks = Map::new();
    for (key, ev) in expect {
        match key.as_str() {
            "decision" => {
                let d: Decision = parse(ev, key)?;
                if found.decision != d {
                    return Err(format!(
                        "decision {}, expected {}",
                        found.decision.as_str(),
                        d.as_str()
                    ));
                }
            }
            "top_decision" => {
                let d: Decision = parse(ev, key)?;
                let top = found.candidates.first().ok_or("no candidates")?;
                if top.decision != d {
                    return Err(format!(
                        "top decision {}, expected {}",
                        top.decision.as_str(),
                        d.as_str()
                    ));
                }
            }
            "top" => {
                let want = ev.as_str().ok_or("expect.top: an id")?;
                let top = found
                    .candidates
                    .first()
                    .ok_or(format!("no candidates, expected {want} first"))?;
                if top.id.as_str() != want {
                    return Err(format!("{} ranks first, expected {want}", top.id));
                }
            }
            "in_top" => {
                let (k, ids) = top_k(ev, key)?;
                for id in ids {
                    if rank(&id).is_none_or(|r| r >= k) {
                        return Err(format!("{id} is not in the top {k}"));
                    }
                }
            }
            "not_in_top" => {
                let (k, ids) = top_k(ev, key)?;
                for id in ids {
                    if rank(&id).is_some_and(|r| r < k) {
                        return Err(format!("{id} is in the top {k}"));
                    }
                }
            }
            "absent" => {
                for id in ids_of(ev, key)? {
                    if rank(&id).is_some() {
                        return Err(format!("{id} is a candidate"));
                    }
                }
            }
            "not_repeat" => {
                for id in ids_of(ev, key)? {
                    if let Some((_, c)) = candidate(found, &id) {
                        if c.decision != Decision::NotARepeat {
                            return Err(format!(
                                "{id} is a {}, expected not a repeat",
                                c.decision.as_str()
                            ));
                        }
                    }
                }
            }
            "ranked_before" => {
                let pairs: Vec<(String, String)> = parse(ev, key)?;
                for (a, b) in pairs {
                    let ra =
                        rank(&a).ok_or(format!("{a} is not a candidate (expected before {b})"))?;
                    if rank(&b).is_some_and(|rb| rb < ra) {
                        return Err(format!("{b} ranks before {a}"));
                    }
                }
            }
            "count_at_most" => {
                let n: usize = parse(ev, key)?;
                if found.candidates.len() > n {
                    return Err(format!(
                        "{} candidates, expected at most {n}",
                        found.candidates.len()
                    ));
                }
            }
            "ignored_references" => {
                let want: Vec<Value> = parse(ev, key)?;
                let have: Vec<Value> = found
                    .ignored_references
                    .iter()
                    .map(|(r, why)| json!({"id": r.id, "because": why}))
                    .collect();
                if want != have {
                    return Err(format!("ignored references {have:?}, expected {want:?}"));
                }
            }
            "candidates" => {
                for (id, e) in ev.as_object().ok_or("expect.candidates: an object")? {
                    let (r, c) = candidate(found, id).ok_or(format!("{id} is not a candidate"))?;
                    check_candidate(
                        c,
                        r,
                        e.as_object()
                            .ok_or("a candidate expectation is an object")?,
                        false,
                    )?;
                }
            }
            k if CANDIDATE_KEYS.contains(&k) => {
                top_checks.insert(key.clone(), ev.clone());
            }
            other => return Err(format!("unknown expectation {other}")),
        }
    }
    if !top_checks.is_empty() {
        let top = found.candidates.first().ok_or("no candidates")?;
        check_candidate(top, 0, &top_checks, true)?;
    }
    Ok(())
}

fn run_detection_vector(v: &Value, archives: &Map<String, Value>) -> Result<(), String> {
    let (detector, docs) = detector_of(v, archives)?;
    let policy = policy_of(v)?;
    let query: DetectionQuery =
        serde_json::from_value(v["query"].clone()).map_err(|e| format!("query: {e}"))?;
    let found = detector.detect(&query, &policy.detection);
    check_invariants(&found, &query, &docs, &policy.detection)
        .and_then(|()| check_expect(&found, &v["expect"]))
        .map_err(|msg| format!("{msg}\n    found: {}", summary(&found)))
}

const VECTOR_KEYS: [&str; 10] = [
    "id",
    "rules",
    "description",
    "archive",
    "add",
    "remove",
    "query",
    "policy",
    "expect",
    "known_failure",
];

#[test]
fn rep_1_detection_vectors() {
    let file = vectors_file();
    assert_eq!(file["schema"], "ticketry-conformance/1");
    assert_eq!(file["suite"], "detection");
    assert_eq!(file["format"], 1);
    let archives = file["archives"].as_object().cloned().unwrap_or_default();
    let vectors = file["detection"].as_array().expect("a detection list");
    assert!(
        vectors.len() >= 40,
        "only {} detection vectors",
        vectors.len()
    );
    let mut ids = HashSet::new();
    let mut tally = Tally::default();
    for v in vectors {
        let id = v["id"].as_str().expect("every vector has an id");
        assert!(ids.insert(id.to_owned()), "duplicate vector id {id}");
        for key in v.as_object().unwrap().keys() {
            assert!(
                VECTOR_KEYS.contains(&key.as_str()),
                "{id}: unknown key {key}"
            );
        }
        let rules = v["rules"]
            .as_array()
            .unwrap_or_else(|| panic!("{id}: no rules"));
        assert!(!rules.is_empty(), "{id} cites no rule");
        for r in rules {
            let r = r.as_str().unwrap();
            assert!(r.parse::<RuleId>().is_ok(), "{id}: unknown rule {r}");
        }
        assert!(v["expect"].is_object(), "{id}: no expect");
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run_detection_vector(v, &archives)
        }))
        .unwrap_or_else(|_| Err("panicked".into()));
        tally.record(id, known_failure(v), result);
    }
    tally.finish("detection vectors");
}

/// A reference case: its id, the ids expected, the ids found, and its known failure.
struct RefCase {
    id: String,
    want: Vec<String>,
    got: Vec<String>,
    known: Option<String>,
}

/// The reference cases, each with what `find_references` found.
fn reference_cases() -> Vec<RefCase> {
    let file = vectors_file();
    let cases = file["references"].as_array().expect("a references list");
    let format = ReferenceFormat::default();
    cases
        .iter()
        .map(|c| {
            let id = c["id"]
                .as_str()
                .expect("every reference case has an id")
                .to_owned();
            for key in c.as_object().unwrap().keys() {
                assert!(
                    matches!(
                        key.as_str(),
                        "id" | "text" | "ids" | "known_failure" | "note"
                    ),
                    "{id}: unknown key {key}"
                );
            }
            let text = c["text"].as_str().expect("text");
            let want: Vec<String> = serde_json::from_value(c["ids"].clone()).expect("ids");
            let got: Vec<String> = find_references(text, &format)
                .into_iter()
                .map(|r| {
                    assert_eq!(
                        text.get(r.start..r.end),
                        Some(r.text.as_str()),
                        "{id}: span"
                    );
                    r.id.as_str().to_owned()
                })
                .collect();
            RefCase {
                known: known_failure(c).map(str::to_owned),
                id,
                want,
                got,
            }
        })
        .collect()
}

#[test]
fn rep_1_reference_vectors() {
    let cases = reference_cases();
    let positives = cases.iter().filter(|c| !c.want.is_empty()).count();
    assert!(positives >= 20, "only {positives} positive reference cases");
    assert!(
        cases.len() - positives >= 20,
        "only {} negative reference cases",
        cases.len() - positives
    );
    let mut ids = HashSet::new();
    let mut tally = Tally::default();
    for RefCase {
        id,
        want,
        got,
        known,
    } in &cases
    {
        assert!(ids.insert(id.clone()), "duplicate reference case {id}");
        let result = if want == got {
            Ok(())
        } else {
            Err(format!("found {got:?}, expected {want:?}"))
        };
        tally.record(id, known.as_deref(), result);
    }
    tally.finish("reference cases");
}

#[test]
fn rep_1_reference_precision_and_recall() {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for RefCase { want, got, .. } in reference_cases() {
        let mut left = want.clone();
        for g in &got {
            if let Some(i) = left.iter().position(|w| w == g) {
                left.remove(i);
                tp += 1;
            } else {
                fp += 1;
            }
        }
        fn_ += left.len();
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "reference extraction: precision {precision:.3} ({tp}/{}), recall {recall:.3} ({tp}/{})",
        tp + fp,
        tp + fn_
    );
    assert!(tp > 0, "no reference found at all");
    assert!(
        precision >= 0.95,
        "precision {precision:.3} < 0.95 ({fp} false positives)"
    );
    assert!(recall >= 0.95, "recall {recall:.3} < 0.95 ({fn_} missed)");
}
