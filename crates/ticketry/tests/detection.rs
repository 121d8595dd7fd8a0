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

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{json, Map, Value};
use ticketry::archive::Archive;
use ticketry::closure::{
    AddDiagnostic, CheckCompleteness, Close, Command, KnowledgeBaseDecision, LogMessage, LogWork,
    RecordConfirmation, RecordKnowledgeBaseDecision, Reopen, RequestConfirmation,
    SendFinalNotification, VerifyResolution,
};
use ticketry::detection::reference::find_references;
use ticketry::detection::{
    Candidate, Decision, Detection, DetectionDoc, DetectionPolicy, DetectionQuery, Detector,
    IgnoredBecause, Outcome, ReferenceFormat,
};
use ticketry::doc_support::{meta_at, new_ticket, sample_archive, sample_documentation};
use ticketry::repeat::RepeatType;
use ticketry::rules::RuleId;
use ticketry::ticket::{ClientId, TicketId};
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

// ---------------------------------------------------------------------------
// Rust-only tests
// ---------------------------------------------------------------------------

fn pass24() -> Vec<DetectionDoc> {
    serde_json::from_value(vectors_file()["archives"]["pass24"].clone())
        .expect("the pass24 archive")
}

fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .expect("valid time")
}

/// A deterministic stream of plausible tickets (a linear congruential generator
/// over phrase lists), opened every few hours from 2024-01-01.
fn synthetic(n: usize, seed: u64) -> Vec<DetectionDoc> {
    const DEVICES: [&str; 8] = [
        "Шлагбаум",
        "Турникет",
        "Калитка",
        "Камера на въезде",
        "Считыватель",
        "Домофон",
        "Приложение",
        "Контроллер",
    ];
    const SYMPTOMS: [&str; 8] = [
        "не открывается",
        "не закрывается",
        "не реагирует на пропуска",
        "зависает по утрам",
        "не видит карты",
        "теряет связь с сервером",
        "срабатывает с задержкой",
        "пищит без причины",
    ];
    const PLACES: [&str; 6] = [
        "на главном въезде",
        "у второго подъезда",
        "на парковке",
        "в холле",
        "у шлагбаума гостевой стоянки",
        "на проходной",
    ];
    const CLIENTS: [&str; 5] = [
        "zhk-severny",
        "zhk-park",
        "bc-vostok",
        "bc-format",
        "uk-dom",
    ];
    const PRODUCTS: [&str; 4] = [
        "PASS24 Шлагбаум",
        "Турникеты",
        "Мобильное приложение",
        "Распознавание номеров",
    ];
    let mut state = seed;
    let mut next = |m: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % m
    };
    (0..n)
        .map(|i| {
            let (d, s, p) = (DEVICES[next(8)], SYMPTOMS[next(8)], PLACES[next(6)]);
            DetectionDoc {
                id: TicketId::new(format!("T-{}", 50_000 + i)).unwrap(),
                client_id: ClientId::new(CLIENTS[next(5)]).unwrap(),
                product: PRODUCTS[next(4)].into(),
                opened_at: utc(2024, 1, 1, 0) + Duration::hours(3 * i as i64),
                subject: format!("{d} {s}"),
                description: format!("{d} {p} {s}, жители жалуются уже {} дня", 2 + next(5)),
                outcome: [
                    Outcome::Solved,
                    Outcome::Open,
                    Outcome::ClosedWithoutConfirmation,
                    Outcome::Reopened,
                ][next(4)],
            }
        })
        .collect()
}

fn queries() -> Vec<DetectionQuery> {
    let q = |client: &str, product: &str, subject: &str, description: &str| DetectionQuery {
        id: None,
        client_id: ClientId::new(client).unwrap(),
        product: product.into(),
        opened_at: utc(2025, 6, 1, 9),
        subject: subject.into(),
        description: description.into(),
    };
    vec![
        q(
            "zhk-severny",
            "PASS24 Шлагбаум",
            "Шлагбаум не открывается",
            "На главном въезде шлагбаум не реагирует на пропуска",
        ),
        q(
            "bc-format",
            "Турникеты",
            "Турникет не видит карты",
            "В холле турникет не видит карты сотрудников, см. T-10106",
        ),
        q(
            "uk-dom",
            "Мобильное приложение",
            "Приложение зависает",
            "По утрам приложение зависает, тикет 50007",
        ),
        q(
            "bc-vostok",
            "Гостевые пропуска",
            "Гостевой пропуск не приходит по SMS",
            "Гости не получают SMS",
        ),
        q(
            "zhk-park",
            "Распознавание номеров",
            "Камера не распознаёт номера",
            "Камера на въезде теряет связь с сервером",
        ),
    ]
}

/// The parts of a detection a caller sees, with scores rounded (f32 sums may
/// differ in the last bits when postings are visited in another order).
fn fingerprint(found: &Detection) -> Vec<(String, i64, Decision, RepeatType, Vec<String>)> {
    found
        .candidates
        .iter()
        .map(|c| {
            (
                c.id.as_str().to_owned(),
                (c.score * 1e6).round() as i64,
                c.decision,
                c.suggested_type,
                c.signals.shared_terms.clone(),
            )
        })
        .collect()
}

fn same_results(a: &Detector, b: &Detector, what: &str) -> Result<(), String> {
    let policy = DetectionPolicy::default();
    for q in queries() {
        let (fa, fb) = (a.detect(&q, &policy), b.detect(&q, &policy));
        if fingerprint(&fa) != fingerprint(&fb) || fa.ignored_references != fb.ignored_references {
            return Err(format!(
                "{what}: «{}» differs:\n  {}\n  {}",
                q.subject,
                summary(&fa),
                summary(&fb)
            ));
        }
    }
    Ok(())
}

#[test]
fn rep_1_upsert_replaces_a_ticket() {
    let docs = pass24();
    let mut d = Detector::from_docs(docs.clone()).unwrap();
    let n = d.len();
    let mut changed = docs
        .iter()
        .find(|x| x.id.as_str() == "T-10106")
        .unwrap()
        .clone();
    let q = &queries()[1];
    let policy = DetectionPolicy::default();
    let before = d.detect(q, &policy);
    assert!(before
        .candidates
        .iter()
        .any(|c| c.id == changed.id && !c.signals.shared_terms.is_empty()));

    changed.subject = "Не выгружается отчёт о посещениях".into();
    changed.description = "Кнопка экспорта в личном кабинете не работает".into();
    changed.client_id = ClientId::new("bc-other").unwrap();
    d.upsert(&changed).unwrap();
    assert_eq!(
        d.len(),
        n,
        "an upsert of a known id replaces, it does not add"
    );
    let after = d.detect(q, &policy);
    // The old words are gone: no shared term, no text similarity, not the client's any more.
    if let Some(c) = after.candidates.iter().find(|c| c.id == changed.id) {
        assert!(
            c.signals.shared_terms.is_empty(),
            "old terms still match: {:?}",
            c.signals.shared_terms
        );
        assert_eq!(c.signals.text_similarity, 0.0);
        assert!(!c.signals.same_client);
        assert!(
            c.signals.reference.is_some(),
            "the query still mentions T-10106"
        );
    }
    // ...and the new text finds it.
    let by_new = DetectionQuery {
        subject: "Отчёт о посещениях не выгружается".into(),
        description: String::new(),
        ..q.clone()
    };
    assert_eq!(d.detect(&by_new, &policy).candidates[0].id, changed.id);
    let fresh = Detector::from_docs(docs.iter().map(|x| {
        if x.id == changed.id {
            changed.clone()
        } else {
            x.clone()
        }
    }))
    .unwrap();
    // Replacing should be the same as having indexed the new version only.
    if let Err(msg) = same_results(&d, &fresh, "after an upsert") {
        panic!("rep_1_upsert_equals_fresh_index: {msg}");
    }
}

#[test]
fn rep_1_remove_forgets_a_ticket() {
    let docs = pass24();
    let mut d = Detector::from_docs(docs.clone()).unwrap();
    let id = TicketId::new("T-10106").unwrap();
    assert!(d.contains(&id));
    assert!(d.remove(&id));
    assert!(!d.contains(&id));
    assert!(!d.remove(&id), "a second remove finds nothing");
    assert_eq!(d.len(), docs.len() - 1);
    let policy = DetectionPolicy::default();
    for q in queries() {
        let found = d.detect(&q, &policy);
        assert!(
            found.candidates.iter().all(|c| c.id != id),
            "{}: removed ticket returned",
            q.subject
        );
    }
    // The mention of the removed ticket is now a mention of an unknown one.
    let found = d.detect(&queries()[1], &policy);
    assert!(
        found
            .ignored_references
            .iter()
            .any(|(r, why)| r.id == id && *why == IgnoredBecause::Unknown),
        "{:?}",
        found.ignored_references
    );
    // An explicit compaction gives what a fresh index gives.
    d.compact();
    let fresh = Detector::from_docs(docs.into_iter().filter(|x| x.id != id)).unwrap();
    same_results(&d, &fresh, "after remove + compact").unwrap();
}

#[test]
fn rep_1_remove_without_compaction_equals_fresh_index() {
    // A small archive never compacts by itself (it waits for 1024 dead
    // tickets): its results after removals should still be those of an
    // index that never had the removed tickets.
    let mut docs = pass24();
    docs.extend(synthetic(300, 7));
    let mut d = Detector::from_docs(docs.clone()).unwrap();
    let removed: HashSet<TicketId> = docs
        .iter()
        .skip(20)
        .step_by(2)
        .map(|x| x.id.clone())
        .collect();
    for id in &removed {
        assert!(d.remove(id));
    }
    let fresh = Detector::from_docs(docs.into_iter().filter(|x| !removed.contains(&x.id))).unwrap();
    // A small index is compacted after every removal, so rarity never drifts.
    if let Err(msg) = same_results(&d, &fresh, "after 150 removals") {
        panic!("rep_1_remove_equals_fresh_index: {msg}");
    }
}

#[test]
fn rep_1_compaction_after_many_removals_matches_a_fresh_index() {
    let mut docs = pass24();
    docs.extend(synthetic(4000, 42));
    let mut d = Detector::from_docs(docs.clone()).unwrap();
    let heap_full = d.heap_bytes();
    // Remove 2 of every 3 synthetic tickets: well past the automatic
    // compaction point (more than 1024 dead, a quarter of the slots).
    let removed: HashSet<TicketId> = docs
        .iter()
        .enumerate()
        .filter(|(i, x)| x.id.as_str().starts_with("T-5") && i % 3 != 0)
        .map(|(_, x)| x.id.clone())
        .collect();
    assert!(removed.len() > 2000);
    for id in &removed {
        assert!(d.remove(id), "{id}");
    }
    let kept: Vec<DetectionDoc> = docs
        .into_iter()
        .filter(|x| !removed.contains(&x.id))
        .collect();
    assert_eq!(d.len(), kept.len());
    let fresh = Detector::from_docs(kept.clone()).unwrap();
    // Whatever the automatic compaction left, an explicit one must match.
    d.compact();
    same_results(&d, &fresh, "after many removals").unwrap();
    assert!(
        d.heap_bytes() < heap_full,
        "compaction frees memory: {} >= {heap_full}",
        d.heap_bytes()
    );
    // The index keeps working after compaction: add, replace and remove again.
    let mut again = kept.last().unwrap().clone();
    again.id = TicketId::new("T-99001").unwrap();
    let mut fresh = fresh;
    for det in [&mut d, &mut fresh] {
        det.upsert(&again).unwrap();
        assert!(det.remove(&TicketId::new("T-10101").unwrap()));
        det.compact();
    }
    same_results(&d, &fresh, "after compaction, more updates").unwrap();
    // A query with an id of a surviving ticket never returns it.
    let own = kept.iter().rev().nth(5).unwrap();
    let q = DetectionQuery {
        id: Some(own.id.clone()),
        client_id: own.client_id.clone(),
        product: own.product.clone(),
        opened_at: own.opened_at + Duration::days(1),
        subject: own.subject.clone(),
        description: own.description.clone(),
    };
    let found = d.detect(&q, &DetectionPolicy::default());
    assert!(found.candidates.iter().all(|c| c.id != own.id));
}

/// Invariants over many queries and policies: scores in [0, 1], sorted,
/// strictly earlier tickets only, never the query itself.
#[test]
fn rep_1_scores_bounded_sorted_and_only_earlier() {
    let mut docs = pass24();
    docs.extend(synthetic(600, 3));
    let by_id: BTreeMap<TicketId, DetectionDoc> =
        docs.iter().map(|x| (x.id.clone(), x.clone())).collect();
    let d = Detector::from_docs(docs.clone()).unwrap();
    let policies = [
        json!({}),
        json!({"text_weight": 1.0, "same_client_weight": 0.0, "same_product_weight": 0.0, "recency_weight": 0.0}),
        json!({"text_weight": 0.0, "same_client_weight": 0.5, "same_product_weight": 0.25, "recency_weight": 0.25, "reference_strength": 1.0}),
        json!({"likely_threshold": 0.0, "possible_threshold": 0.0, "min_text_for_possible": 0.0, "fuzzy_factor": 1.0, "bm25_b": 1.0, "max_candidates": 1000}),
        json!({"max_query_terms": 1, "max_candidates": 1, "bm25_k1": 0.01, "recency_half_life_days": 0.01}),
    ];
    let mut checked = 0;
    for p in &policies {
        let policy = Policy::from_json(&json!({ "detection": p }).to_string())
            .unwrap()
            .detection;
        for (i, doc) in docs.iter().enumerate().step_by(7) {
            // the ticket itself, at its own opening time, mentioning itself, a later and an earlier ticket
            let later = &docs[(i + 1) % docs.len()].id;
            let earlier = &docs[i / 2].id;
            let q = DetectionQuery {
                id: Some(doc.id.clone()),
                client_id: doc.client_id.clone(),
                product: doc.product.clone(),
                opened_at: doc.opened_at,
                subject: doc.subject.clone(),
                description: format!(
                    "{} (см. {}, {}, {})",
                    doc.description, doc.id, later, earlier
                ),
            };
            let found = d.detect(&q, &policy);
            check_invariants(&found, &q, &by_id, &policy)
                .unwrap_or_else(|e| panic!("{}: {e}", doc.id));
            assert!(found
                .ignored_references
                .iter()
                .any(|(r, why)| r.id == doc.id && *why == IgnoredBecause::Itself));
            for c in &found.candidates {
                let sum = c.contributions.text
                    + c.contributions.same_client
                    + c.contributions.same_product
                    + c.contributions.recency
                    + c.contributions.reference;
                assert!(
                    (sum - c.score).abs() < 1e-9,
                    "{}: contributions {sum} != score {}",
                    c.id,
                    c.score
                );
                assert!(
                    c.signals.recency >= 0.0
                        && c.signals.recency <= 1.0
                        && c.signals.days_before > 0.0
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 400);
}

#[test]
fn rep_1_invalid_detection_policy_is_rejected_naming_the_field() {
    let cases: [(&str, Value); 14] = [
        ("detection.text_weight", json!({"text_weight": 1.5})),
        (
            "detection.same_client_weight",
            json!({"same_client_weight": -0.1}),
        ),
        ("detection.text_weight", json!({"text_weight": 0.9})),
        (
            "detection.possible_threshold",
            json!({"possible_threshold": 0.7, "likely_threshold": 0.6}),
        ),
        (
            "detection.related_similarity",
            json!({"related_similarity": 0.5, "same_problem_similarity": 0.4}),
        ),
        (
            "detection.recency_half_life_days",
            json!({"recency_half_life_days": 0}),
        ),
        (
            "detection.not_fully_resolved_days",
            json!({"not_fully_resolved_days": -3}),
        ),
        ("detection.bm25_k1", json!({"bm25_k1": 0})),
        ("detection.bm25_b", json!({"bm25_b": 1.5})),
        ("detection.max_candidates", json!({"max_candidates": 0})),
        ("detection.max_query_terms", json!({"max_query_terms": 0})),
        (
            "detection.references.min_digits",
            json!({"references": {"min_digits": 0}}),
        ),
        (
            "detection.references.min_digits",
            json!({"references": {"min_digits": 8, "max_digits": 4}}),
        ),
        (
            "detection.references.prefix",
            json!({"references": {"prefix": "T -"}}),
        ),
    ];
    for (field, p) in cases {
        let err = Policy::from_json(&json!({ "detection": p }).to_string())
            .err()
            .unwrap_or_else(|| panic!("{p} accepted"));
        assert_eq!(err.field(), field, "{p}: {}", err.message());
        assert!(!err.message().is_empty());
    }
    // The same through Policy::validate on a policy built in code, NaN included.
    let mut policy = Policy::default();
    policy.detection.reference_strength = f64::NAN;
    assert_eq!(
        policy.validate().unwrap_err().field(),
        "detection.reference_strength"
    );
    let mut policy = Policy::default();
    policy.detection.fuzzy_factor = 2.0;
    assert_eq!(
        policy.validate().unwrap_err().field(),
        "detection.fuzzy_factor"
    );
    let mut policy = Policy::default();
    policy.detection.recency_half_life_days = f64::INFINITY;
    assert_eq!(
        policy.validate().unwrap_err().field(),
        "detection.recency_half_life_days"
    );
    // An unknown detection field is refused, and the error points into detection.
    let err = Policy::from_json(r#"{"detection": {"text_weigth": 0.5}}"#).unwrap_err();
    assert!(err.field().starts_with("detection"), "{}", err.field());
    // The defaults are valid.
    assert!(Policy::default().validate().is_ok());
    assert!(DetectionPolicy::default().validate().is_ok());
}

/// The closure process of `doc_support::sample_ticket`, on day `d` of March 2025.
fn close_steps(d: u32) -> Vec<(Command, ticketry::ticket::Meta)> {
    vec![
        (
            LogMessage::to_client("Здравствуйте! Проверяем контроллер шлагбаума.").into(),
            meta_at(2025, 3, d, 10),
        ),
        (
            AddDiagnostic::new("Контроллер шлагбаума не на связи с 07:40").into(),
            meta_at(2025, 3, d, 10),
        ),
        (
            LogWork::minutes(45, "Диагностика и перезапуск контроллера").into(),
            meta_at(2025, 3, d, 11),
        ),
        (
            VerifyResolution::all_checked("Проезд по трём пропускам проверен").into(),
            meta_at(2025, 3, d, 12),
        ),
        (
            RequestConfirmation::default().into(),
            meta_at(2025, 3, d, 12),
        ),
        (
            RecordConfirmation::with_note("Да, всё работает").into(),
            meta_at(2025, 3, d, 13),
        ),
        (sample_documentation().into(), meta_at(2025, 3, d, 13)),
        (
            CheckCompleteness {
                diagnostics_apply: true,
            }
            .into(),
            meta_at(2025, 3, d, 13),
        ),
        (
            RecordKnowledgeBaseDecision {
                decision: KnowledgeBaseDecision::NotNeededAlreadyCovered {
                    article: "KB-118".into(),
                },
            }
            .into(),
            meta_at(2025, 3, d, 14),
        ),
        (
            SendFinalNotification::default().into(),
            meta_at(2025, 3, d, 14),
        ),
        (
            Close::new("Проблема решена", "Проезд по пропускам восстановлен").into(),
            meta_at(2025, 3, d, 15),
        ),
    ]
}

fn barrier_query(at: DateTime<Utc>) -> DetectionQuery {
    DetectionQuery {
        id: None,
        client_id: ClientId::new("zhk-severny").unwrap(),
        product: "PASS24 Шлагбаум".into(),
        opened_at: at,
        subject: "Снова не открывается шлагбаум по пропускам".into(),
        description: "Шлагбаум на въезде опять не реагирует на пропуска жителей".into(),
    }
}

#[test]
fn rep_1_archive_detect_gives_the_documented_solution() {
    let archive = sample_archive();
    let policy = Policy::default();
    let found = archive.detect(&barrier_query(utc(2025, 9, 1, 9)), &policy);
    let documented = sample_documentation().applied_solution;
    let by_id = |id: &str| found.candidates.iter().find(|c| c.id.as_str() == id);
    // T-900 and T-950 were closed with a documented solution; T-970 and T-990 are open.
    for id in ["T-900", "T-950"] {
        let c = by_id(id).unwrap_or_else(|| panic!("{id} is not a candidate: {}", summary(&found)));
        assert_eq!(c.solution.as_deref(), Some(documented.as_str()), "{id}");
        assert!(
            c.signals.outcome.is_closed(),
            "{id}: {:?}",
            c.signals.outcome
        );
    }
    for id in ["T-970", "T-990"] {
        if let Some(c) = by_id(id) {
            assert_eq!(c.solution, None, "{id} is open and has no solution");
            assert!(!c.signals.outcome.is_closed(), "{id}");
        }
    }
    // The archive's detect is the detector's, plus solutions.
    let plain = archive
        .detector()
        .detect(&barrier_query(utc(2025, 9, 1, 9)), &policy.detection);
    assert_eq!(fingerprint(&plain), fingerprint(&found));
    assert!(plain.candidates.iter().all(|c| c.solution.is_none()));
    // The archive's detector holds every ticket.
    assert_eq!(archive.detector().len(), archive.len());
}

#[test]
fn rep_1_archive_detect_follows_close_and_reopen() {
    let policy = Policy::default();
    let mut archive = Archive::new();
    let mut new = new_ticket("T-2000");
    new.subject = "Шлагбаум не открывается по пропускам".into();
    archive.open(new, meta_at(2025, 3, 3, 9)).unwrap();
    let id = TicketId::new("T-2000").unwrap();
    let query = barrier_query(utc(2025, 3, 25, 9));
    let candidate_of = |archive: &Archive| {
        archive
            .detect(&query, &policy)
            .candidates
            .into_iter()
            .find(|c| c.id == id)
            .expect("T-2000 is a candidate")
    };

    let open = candidate_of(&archive);
    assert_eq!(open.signals.outcome, Outcome::Open);
    assert_eq!(open.solution, None);

    for (cmd, meta) in close_steps(4) {
        archive.apply(&id, cmd, meta, &policy).unwrap();
    }
    let closed = candidate_of(&archive);
    assert_eq!(closed.signals.outcome, Outcome::Solved);
    assert_eq!(
        closed.solution.as_deref(),
        Some(sample_documentation().applied_solution.as_str())
    );
    assert_eq!(
        closed.suggested_type,
        RepeatType::SameProblem,
        "solved 21 days before: REP-T1"
    );

    archive
        .apply(
            &id,
            Reopen {
                reason: "Клиент сообщил, что гостевые пропуска не работают".into(),
                mistake_cause: "Проверили только постоянные пропуска".into(),
                client_notice: "Мы продолжаем работу по вашему обращению T-2000".into(),
                reported_by_client: true,
            }
            .into(),
            meta_at(2025, 3, 10, 9),
            &policy,
        )
        .unwrap();
    let reopened = candidate_of(&archive);
    assert_eq!(reopened.signals.outcome, Outcome::Reopened);
    assert_eq!(
        reopened.suggested_type,
        RepeatType::NotFullyResolved,
        "reopened: REP-T3"
    );
    assert_eq!(Outcome::of(archive.get(&id).unwrap()), Outcome::Reopened);
}

/// REP-1 on an archive where the query's everyday words have hundreds of newer
/// tickets: each of those words gathers candidates from its latest postings
/// only, so the old ticket comes in by its rare words, and then gets its
/// complete score (the everyday words included), which puts it first.
#[test]
fn rep_1_an_old_ticket_is_found_by_its_rare_words_past_hundreds_of_newer_look_alikes() {
    let doc = |id: String, client: String, at: DateTime<Utc>, description: &str| DetectionDoc {
        id: TicketId::new(id).unwrap(),
        client_id: ClientId::new(client).unwrap(),
        product: "PASS24 Шлагбаум".into(),
        opened_at: at,
        subject: "Шлагбаум не открывается утром".into(),
        description: description.into(),
        outcome: Outcome::Solved,
    };
    let mut docs = vec![doc(
        "T-1".into(),
        "c-old".into(),
        utc(2024, 1, 1, 9),
        "Контроллер перезагружается, ошибка калибровки индукционной петли",
    )];
    for i in 0..900 {
        docs.push(doc(
            format!("T-{}", i + 2),
            format!("c-{}", i % 50),
            utc(2024, 2, 1, 9) + Duration::hours(i),
            "Шлагбаум не открывается утром, жители ждут у въезда",
        ));
    }
    let detector = Detector::from_docs(docs).unwrap();
    let query = DetectionQuery {
        id: None,
        client_id: ClientId::new("c-new").unwrap(),
        product: "PASS24 Шлагбаум".into(),
        opened_at: utc(2024, 6, 1, 9),
        subject: "Шлагбаум не открывается утром".into(),
        description: "Снова ошибка калибровки индукционной петли".into(),
    };
    let found = detector.detect(&query, &DetectionPolicy::default());
    let first = found.candidates.first().expect("candidates");
    assert_eq!(first.id.as_str(), "T-1", "{}", summary(&found));
    // its score counts the everyday words too: above any newer look-alike's
    let best_other = found
        .candidates
        .iter()
        .skip(1)
        .map(|c| c.signals.text_similarity)
        .fold(0.0, f64::max);
    assert!(
        first.signals.text_similarity > best_other + 0.2,
        "{} vs {best_other}: {}",
        first.signals.text_similarity,
        summary(&found)
    );
    for surface in ["Шлагбаум", "утром", "калибровки"] {
        assert!(
            first.signals.shared_terms.iter().any(|t| t == surface),
            "{surface} in {:?}",
            first.signals.shared_terms
        );
    }
}

/// REP-1 text similarity: stems sharing their first five letters match as a
/// typo does («открыва» / «открыт»: «открывается» / «открытие»), four shared
/// letters do not («пропуск» / «пропала»), and the negation mark is no letter
/// («не открывается» / «не отвечает» share only «от»).
#[test]
fn rep_1_text_similarity_matches_stems_sharing_five_first_letters_only() {
    use ticketry::detection::text::char_ngram_cosine;
    let d = Detector::new();
    let same = d.text_similarity("Калитка не открывается", "Калитка не открывается");
    assert!((same - 1.0).abs() < 1e-6, "{same}");
    // The score mixes a cosine over stems with a cosine over trigrams, so
    // it rises above the trigram cosine exactly when the stems match better
    // than the trigrams do. The two pairs below share as many trigrams.
    let (five_pair, four_pair) = (("открывается", "открытие"), ("пропуск", "пропала"));
    let grams_five = char_ngram_cosine(five_pair.0, five_pair.1);
    let grams_four = char_ngram_cosine(four_pair.0, four_pair.1);
    assert!(
        (grams_five - grams_four).abs() < 0.01,
        "{grams_five} {grams_four}"
    );
    let five = d.text_similarity(five_pair.0, five_pair.1);
    let four = d.text_similarity(four_pair.0, four_pair.1);
    assert!(
        five > grams_five + 0.05,
        "five letters {five}, trigrams {grams_five}"
    );
    assert!(
        four < grams_four,
        "four letters {four}, trigrams {grams_four}"
    );
    assert!(five > four + 0.15, "five letters {five}, four {four}");
    // a negated stem matches only a negated stem with the same five letters
    let negated_pair = ("не открывается", "не отвечает");
    let negated = d.text_similarity(negated_pair.0, negated_pair.1);
    let grams_negated = char_ngram_cosine(negated_pair.0, negated_pair.1);
    assert!(
        negated < grams_negated,
        "negated {negated}, trigrams {grams_negated}"
    );
    let both = d.text_similarity("не открывается", "не открытие");
    assert!(
        both > char_ngram_cosine("не открывается", "не открытие"),
        "{both}"
    );
    let one = d.text_similarity("не открывается", "открытие");
    assert!(
        one < char_ngram_cosine("не открывается", "открытие"),
        "{one}"
    );
}

/// Detects every query and checks that no removed ticket comes back and that
/// every candidate was opened before its query; returns the candidate count.
fn assert_live_and_earlier(
    d: &Detector,
    removed: &HashSet<TicketId>,
    opened: &BTreeMap<String, DateTime<Utc>>,
    what: &str,
) -> usize {
    let mut seen = 0;
    for q in queries() {
        let found = d.detect(&q, &DetectionPolicy::default());
        for c in &found.candidates {
            assert!(
                !removed.contains(&c.id),
                "{what}: removed {} returned",
                c.id
            );
            let when = opened.get(c.id.as_str()).copied();
            assert!(
                when.is_some_and(|w| w < q.opened_at),
                "{what}: {} is not earlier",
                c.id
            );
        }
        seen += found.candidates.len();
    }
    seen
}

#[test]
fn rep_1_a_large_index_with_removed_and_out_of_order_tickets_returns_only_live_earlier_ones() {
    // Past 4,096 tickets a removal no longer compacts at once: removed
    // tickets stay in the posting lists as dead slots until a quarter is
    // dead. The detector must skip them, and, once a ticket was added out of
    // opening order, check every candidate's opening time.
    let docs = synthetic(6000, 11);
    let mut d = Detector::from_docs(docs.clone()).unwrap();
    let at = utc(2025, 6, 1, 9);
    // the latest tickets before the queries: the ones detection reads first
    let removed: HashSet<TicketId> = docs
        .iter()
        .filter(|x| x.opened_at < at)
        .rev()
        .step_by(3)
        .take(300)
        .map(|x| x.id.clone())
        .collect();
    for id in &removed {
        assert!(d.remove(id));
    }
    assert_eq!(d.len(), 6000 - removed.len());
    let mut opened: BTreeMap<String, DateTime<Utc>> = docs
        .iter()
        .map(|x| (x.id.as_str().to_owned(), x.opened_at))
        .collect();
    assert!(assert_live_and_earlier(&d, &removed, &opened, "in opening order") > 0);
    // Out of opening order, with no removal: a ticket opened after the
    // queries, then one opened long before, added last.
    let mut late = docs[0].clone();
    late.id = TicketId::new("T-LATE").unwrap();
    late.opened_at = at + Duration::days(1);
    late.subject = "Шлагбаум не открывается".into();
    late.description = "На главном въезде шлагбаум не реагирует на пропуска".into();
    let mut early = late.clone();
    early.id = TicketId::new("T-EARLY").unwrap();
    early.opened_at = at - Duration::days(700);
    let mut d = Detector::from_docs(docs.clone()).unwrap();
    d.upsert(&late).unwrap();
    d.upsert(&early).unwrap();
    opened.insert("T-LATE".into(), late.opened_at);
    opened.insert("T-EARLY".into(), early.opened_at);
    let none = HashSet::new();
    assert!(assert_live_and_earlier(&d, &none, &opened, "out of opening order") > 0);
}

#[test]
fn rep_1_ticket_terms_give_the_same_detections_to_the_bit() {
    // With each ticket's own terms kept, the candidates' missing BM25 terms
    // are read from them instead of from the posting lists: every detection
    // must stay equal, scores included, through removals, replacements and
    // compaction, whether the lists were built at once or ticket by ticket.
    let mut docs = synthetic(6000, 23);
    for (i, d) in docs.iter_mut().enumerate().step_by(37) {
        // rare words and a typo, so typo neighbours are matched too
        d.description
            .push_str(&format!(" код ошибки E{} контролер перезагрузка", i % 11));
    }
    let mut plain = Detector::from_docs(docs.clone()).unwrap();
    let mut at_once = plain.clone();
    at_once.keep_ticket_terms(true);
    let mut one_by_one = Detector::new();
    one_by_one.keep_ticket_terms(true);
    for d in &docs {
        one_by_one.upsert(d).unwrap();
    }
    assert!(at_once.heap_bytes() > plain.heap_bytes() + 6000 * 8);
    let mut qs = queries();
    qs.extend(docs.iter().step_by(53).map(|d| DetectionQuery {
        id: Some(d.id.clone()),
        client_id: d.client_id.clone(),
        product: d.product.clone(),
        opened_at: d.opened_at,
        subject: d.subject.clone(),
        // typos of common words: their vocabulary terms are matched twice
        description: format!(
            "{} контроллер перезагрузка шлогбаум турнекет",
            d.description
        ),
    }));
    let same = |plain: &Detector, fast: &[&Detector], what: &str| {
        let mut candidates = 0;
        for q in &qs {
            let want = plain.detect(q, &DetectionPolicy::default());
            candidates += want.candidates.len();
            for f in fast {
                assert!(f.keeps_ticket_terms());
                assert_eq!(
                    f.detect(q, &DetectionPolicy::default()),
                    want,
                    "{what}: {q:?}"
                );
            }
        }
        assert!(candidates > qs.len() * 5, "{what}: {candidates} candidates");
    };
    same(&plain, &[&at_once, &one_by_one], "built");
    // removals past a quarter of the index compact it (term ids renumbered)
    for d in docs.iter().skip(1).step_by(3) {
        for det in [&mut plain, &mut at_once, &mut one_by_one] {
            assert!(det.remove(&d.id));
        }
    }
    same(&plain, &[&at_once, &one_by_one], "after removals");
    // replaced tickets leave dead slots behind until the next compaction
    for d in docs.iter().step_by(7).take(200) {
        let mut d = d.clone();
        d.subject = format!("{} и домофон молчит", d.subject);
        for det in [&mut plain, &mut at_once, &mut one_by_one] {
            det.upsert(&d).unwrap();
        }
    }
    same(&plain, &[&at_once, &one_by_one], "after replacements");
    for det in [&mut plain, &mut at_once, &mut one_by_one] {
        det.compact();
    }
    same(&plain, &[&at_once, &one_by_one], "after compaction");
    let kept = at_once.heap_bytes();
    at_once.keep_ticket_terms(false);
    assert!(!at_once.keeps_ticket_terms());
    assert!(at_once.heap_bytes() + 4000 * 8 < kept);
}

#[test]
fn rep_1_tickets_analysed_beforehand_index_as_upsert_does() {
    // AnalyzedDoc moves the text analysis out of the insertion (to other
    // threads); the index must come out the same.
    let docs = synthetic(3000, 31);
    let plain = Detector::from_docs(docs.clone()).unwrap();
    let analysed: Vec<ticketry::detection::AnalyzedDoc> = std::thread::scope(|s| {
        let half = docs.len() / 2;
        let (a, b) = docs.split_at(half);
        let work = |part: &[DetectionDoc]| {
            part.iter()
                .cloned()
                .map(ticketry::detection::AnalyzedDoc::new)
                .collect::<Vec<_>>()
        };
        let first = s.spawn(move || work(a));
        let mut second = work(b);
        let mut all = first.join().unwrap();
        all.append(&mut second);
        all
    });
    let mut d = Detector::new();
    for a in &analysed {
        d.upsert_analyzed(a).unwrap();
    }
    assert_eq!(d.len(), plain.len());
    assert_eq!(d.heap_bytes(), plain.heap_bytes());
    let mut seen = 0;
    for q in queries() {
        let want = plain.detect(&q, &DetectionPolicy::default());
        seen += want.candidates.len();
        assert_eq!(d.detect(&q, &DetectionPolicy::default()), want);
    }
    assert!(seen > 0);
    // a replaced ticket, analysed again, replaces as upsert does
    let mut changed = docs[10].clone();
    changed.subject = "Домофон молчит".into();
    let mut p = plain.clone();
    p.upsert(&changed).unwrap();
    d.upsert_analyzed(&ticketry::detection::AnalyzedDoc::new(changed))
        .unwrap();
    assert_eq!(d.len(), p.len());
    for q in queries() {
        assert_eq!(
            d.detect(&q, &DetectionPolicy::default()),
            p.detect(&q, &DetectionPolicy::default())
        );
    }
}

#[test]
fn rep_1_recency_counts_for_an_unrelated_ticket_only_as_far_as_the_texts_agree() {
    let at = |day: i64| Utc.with_ymd_and_hms(2025, 1, 1, 9, 0, 0).unwrap() + Duration::days(day);
    let doc = |id: &str, client: &str, product: &str, day: i64, subject: &str| DetectionDoc {
        id: TicketId::new(id).unwrap(),
        client_id: ClientId::new(client).unwrap(),
        product: product.into(),
        opened_at: at(day),
        subject: subject.into(),
        description: String::new(),
        outcome: Outcome::Solved,
    };
    let mut d = Detector::new();
    for x in [
        // two days before the query, another client and product, one shared word
        doc(
            "T-1",
            "bc-vostok",
            "Гостевые пропуска",
            298,
            "Не приходит SMS гостю",
        ),
        // the same, but the query's own client
        doc(
            "T-2",
            "zhk-severny",
            "Гостевые пропуска",
            298,
            "Не приходит SMS гостю",
        ),
        // a year older, another client and product, the query's rare words
        doc(
            "T-3",
            "tsj-lesnaya",
            "QR-пропуска",
            0,
            "Считыватель калитки не читает брелоки",
        ),
    ] {
        d.upsert(&x).unwrap();
    }
    let query = DetectionQuery {
        id: None,
        client_id: ClientId::new("zhk-severny").unwrap(),
        product: "PASS24 Шлагбаум".into(),
        opened_at: at(300),
        subject: "Считыватель калитки не читает брелоки, SMS не помогло".into(),
        description: String::new(),
    };
    let policy = DetectionPolicy::default();
    let found = d.detect(&query, &policy);
    let get = |id: &str| {
        found
            .candidates
            .iter()
            .find(|c| c.id.as_str() == id)
            .unwrap()
    };
    let (stranger, own, old) = (get("T-1"), get("T-2"), get("T-3"));
    assert!(
        stranger.signals.text_similarity < policy.min_text_for_possible,
        "{stranger:?}"
    );
    let scaled = stranger.signals.text_similarity / policy.min_text_for_possible;
    let full = policy.recency_weight * stranger.signals.recency;
    assert!(
        (stranger.contributions.recency - full * scaled).abs() < 1e-9,
        "{stranger:?}"
    );
    // the client's own ticket keeps its recency in full
    assert!((own.contributions.recency - policy.recency_weight * own.signals.recency).abs() < 1e-9);
    // and the old ticket with the rare words outranks the recent stranger
    assert!(
        old.score > stranger.score,
        "{} {}",
        old.score,
        stranger.score
    );
}
