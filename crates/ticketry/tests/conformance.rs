//! Runs the shared conformance vectors of `conformance/*.json` (the same files
//! the Python and JavaScript suites run). See `conformance/README.md`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use ticketry::archive::{Archive, ArchiveError};
use ticketry::closure::{Command, CommandKind};
use ticketry::repeat::{RecurrenceCause, RepeatAction};
use ticketry::ticket::{Actor, Meta, NewTicket, TicketId};
use ticketry::{checklist, templates, Policy, Ticket};

fn conformance_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../conformance")
}

fn time(v: &Value) -> DateTime<Utc> {
    v.as_str()
        .expect("time string")
        .parse()
        .expect("RFC 3339 time")
}

struct Suite {
    defaults: Value,
    fixtures: BTreeMap<String, Value>,
    archives: BTreeMap<String, Value>,
}

/// `overrides` shallowly merged over `base` (both objects).
fn merged(base: &Value, overrides: Option<&Value>) -> Value {
    let mut out = base.clone();
    if let (Some(o), Some(over)) = (out.as_object_mut(), overrides.and_then(|v| v.as_object())) {
        for (k, v) in over {
            o.insert(k.clone(), v.clone());
        }
    }
    out
}

impl Suite {
    fn actor(&self, step: &Value) -> Actor {
        let actor = step.get("actor").unwrap_or(&self.defaults["actor"]);
        serde_json::from_value(actor.clone()).expect("actor")
    }

    /// The steps of a fixture, with the ones it extends first.
    fn fixture_steps(&self, name: &str) -> Vec<Value> {
        let fixture = self
            .fixtures
            .get(name)
            .unwrap_or_else(|| panic!("unknown fixture {name}"));
        let mut steps = match fixture.get("extends") {
            Some(parent) => self.fixture_steps(parent.as_str().unwrap()),
            None => Vec::new(),
        };
        steps.extend(fixture["steps"].as_array().unwrap().iter().cloned());
        steps
    }

    /// Opens a ticket spec (`open` merged over the defaults, `opened_at`,
    /// `fixture`, `steps`) in the archive and applies its steps through it.
    fn add_ticket(
        &self,
        id: &str,
        spec: &Value,
        archive: &mut Archive,
        policy: &Policy,
    ) -> TicketId {
        let open = merged(&self.defaults["open"], spec.get("open"));
        let new: NewTicket = NewTicket::from_json(&open.to_string()).expect("open");
        let ticket_id = new.id.clone();
        let opened_at = time(spec.get("opened_at").unwrap_or(&self.defaults["opened_at"]));
        archive
            .open(new, Meta::new(self.actor(spec), opened_at))
            .unwrap_or_else(|e| panic!("{id}: cannot open {ticket_id}: {e}"));
        let mut steps = match spec.get("fixture") {
            Some(name) => self.fixture_steps(name.as_str().unwrap()),
            None => Vec::new(),
        };
        if let Some(extra) = spec.get("steps") {
            steps.extend(extra.as_array().unwrap().iter().cloned());
        }
        for (i, step) in steps.iter().enumerate() {
            let cmd = Command::from_value(step["command"].clone())
                .unwrap_or_else(|e| panic!("{id}: {ticket_id} step {i}: {e}"));
            let meta = Meta::new(self.actor(step), time(&step["at"]));
            archive
                .apply(&ticket_id, cmd, meta, policy)
                .unwrap_or_else(|e| panic!("{id}: {ticket_id} step {i} refused: {e}"));
        }
        ticket_id
    }

    /// The archive a vector starts from (the named `archive`'s tickets, then
    /// the ticket under test), or None for `{"none": true}`.
    fn given(&self, id: &str, given: &Value, policy: &Policy) -> Option<(Archive, TicketId)> {
        if given.get("none").is_some() {
            return None;
        }
        let mut archive = Archive::new();
        if let Some(name) = given.get("archive") {
            let specs = self
                .archives
                .get(name.as_str().unwrap())
                .unwrap_or_else(|| panic!("{id}: unknown archive {name}"));
            for spec in specs.as_array().unwrap() {
                self.add_ticket(id, spec, &mut archive, policy);
            }
        }
        let ticket_id = self.add_ticket(id, given, &mut archive, policy);
        Some((archive, ticket_id))
    }
}

fn ids(tickets: &[&Ticket]) -> Value {
    json!(tickets.iter().map(|t| t.id().as_str()).collect::<Vec<_>>())
}

/// `expected` is a subset of `actual`: objects by key (a missing key is null),
/// arrays element by element with equal length, scalars equal.
fn check_subset(expected: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), _) => {
            for (k, ev) in e {
                let av = actual.get(k).unwrap_or(&Value::Null);
                check_subset(ev, av, &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!(
                    "{path}: expected {} items, found {}: {}",
                    e.len(),
                    a.len(),
                    actual
                ));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                check_subset(ev, av, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        _ if expected == actual => Ok(()),
        _ => Err(format!("{path}: expected {expected}, found {actual}")),
    }
}

/// Unmet rules compare exactly on rule, code and field, in order.
fn unmet_shape(unmet: &Value) -> Value {
    Value::Array(
        unmet
            .as_array()
            .unwrap()
            .iter()
            .map(|u| json!({"rule": u["rule"], "code": u["code"], "field": u.get("field").cloned().unwrap_or(Value::Null)}))
            .collect(),
    )
}

fn check_error(expected: &Value, actual: Value) -> Result<(), String> {
    let mut expected = expected.clone();
    if let Some(unmet) = expected.as_object_mut().and_then(|o| o.remove("unmet")) {
        let want = unmet_shape(&unmet);
        let got = unmet_shape(&actual["unmet"]);
        if want != got {
            return Err(format!(
                "unmet rules differ\n  expected: {want}\n  found:    {got}"
            ));
        }
        // Every unmet rule carries both messages.
        for u in actual["unmet"].as_array().unwrap() {
            for key in ["message_en", "message_ru"] {
                if u[key].as_str().is_none_or(|m| m.trim().is_empty()) {
                    return Err(format!("unmet rule without {key}: {u}"));
                }
            }
        }
    }
    check_subset(&expected, &actual, "error")
}

fn run_vector(suite: &Suite, v: &Value) -> Result<(), String> {
    let id = v["id"].as_str().unwrap();
    let policy = Policy::from_json(&v.get("policy").cloned().unwrap_or(json!({})).to_string())
        .map_err(|e| e.to_string())?;
    let mut given = suite.given(id, &v["given"], &policy);
    let ticket: Option<&Ticket> = given.as_ref().and_then(|(a, t)| a.get(t));
    let ticket = ticket.cloned();
    let when = &v["when"];
    let then = &v["then"];
    let op = when["op"].as_str().unwrap();
    let actual: Result<Value, Value> = match op {
        "apply" => {
            let (archive, tid) = given.as_mut().expect("apply needs a ticket");
            let before = archive.get(tid).cloned();
            let meta = Meta::new(suite.actor(when), time(&when["at"]));
            let result = Command::from_value(when["command"].clone())
                .map_err(ArchiveError::from)
                .and_then(|cmd| match when.get("expected_version") {
                    Some(ev) => archive
                        .apply_expecting(tid, ev.as_u64().unwrap(), cmd, meta, &policy)
                        .map(|_| ()),
                    None => archive.apply(tid, cmd, meta, &policy).map(|_| ()),
                });
            let t = archive.get(tid).unwrap();
            match result {
                Ok(()) => {
                    Ok(json!({"status": t.status(), "version": t.version(), "state": t.state()}))
                }
                Err(e) => {
                    if Some(t) != before.as_ref() {
                        return Err("a refused command changed the ticket".into());
                    }
                    let mut err = match &e {
                        ArchiveError::Apply(inner) => serde_json::to_value(inner).unwrap(),
                        _ => json!({}),
                    };
                    err["code"] = json!(e.code());
                    Err(err)
                }
            }
        }
        "recommended_action" => {
            let cause: RecurrenceCause =
                serde_json::from_value(when["cause"].clone()).map_err(|e| e.to_string())?;
            Ok(json!({"action": RepeatAction::for_cause(cause)}))
        }
        "chronic" => {
            let (archive, _) = given.as_ref().unwrap();
            Ok(json!({"chronic": archive.chronic_problems(time(&when["at"]), &policy)}))
        }
        "chronic_of" => {
            let (archive, tid) = given.as_ref().unwrap();
            Ok(json!({"chronic": archive.chronic_problem_of(tid, time(&when["at"]), &policy)}))
        }
        "not_applying" => {
            let (archive, _) = given.as_ref().unwrap();
            Ok(
                json!({"clients": archive.clients_not_applying_solutions(time(&when["at"]), &policy)}),
            )
        }
        "history" => {
            let (archive, tid) = given.as_ref().unwrap();
            Ok(json!({
                "earlier_client_tickets": ids(&archive.earlier_client_tickets(tid)),
                "repeat_chain": ids(&archive.repeat_chain(tid)),
                "linked_from": ids(&archive.linked_from(tid)),
            }))
        }
        "why_blocked" => {
            let t = ticket.as_ref().unwrap();
            let kind: CommandKind = when["command"]
                .as_str()
                .unwrap()
                .parse()
                .map_err(|e| format!("{e}"))?;
            Ok(json!({"unmet": t.why_blocked(kind, time(&when["at"]), &policy)}))
        }
        "available" => {
            let t = ticket.as_ref().unwrap();
            let list = t.available_commands(time(&when["at"]), &policy);
            let names = |allowed: bool| -> Vec<&str> {
                list.iter()
                    .filter(|a| a.allowed == allowed)
                    .map(|a| a.command.as_str())
                    .collect()
            };
            Ok(json!({"allowed": names(true), "blocked": names(false)}))
        }
        "checklist" => {
            let state = ticket.as_ref().unwrap().state();
            let items = match when.get("checklist").and_then(|c| c.as_str()) {
                None | Some("closing") => checklist::closing_checklist(state, &policy),
                Some("repeat") => checklist::repeat_checklist(state, &policy),
                Some(other) => return Err(format!("unknown checklist {other}")),
            };
            let map: serde_json::Map<String, Value> = items
                .iter()
                .map(|i| (i.key.to_owned(), json!(i.status)))
                .collect();
            Ok(json!({"checklist": map}))
        }
        "render" => {
            let state = ticket.as_ref().unwrap().state();
            let result = match when["template"].as_str().unwrap() {
                "final_notification" => templates::final_notification(
                    state,
                    when["specialist_name"].as_str().unwrap(),
                    &policy,
                ),
                "solution_documentation" => {
                    templates::solution_documentation(state, time(&when["closing_time"]), &policy)
                }
                "repeat_reply" => templates::repeat_reply(
                    state,
                    when["specialist_name"].as_str().unwrap(),
                    &policy,
                ),
                other => return Err(format!("unknown template {other}")),
            };
            match result {
                Ok(text) => Ok(json!({"text": text})),
                Err(e) => {
                    let mut err = serde_json::to_value(&e).unwrap();
                    err["code"] = json!(e.code());
                    Err(err)
                }
            }
        }
        "state" => Ok(json!({"state": ticket.as_ref().unwrap().state()})),
        "replay" => {
            let t = ticket.as_ref().unwrap();
            let back = Ticket::from_json(&t.to_json()).map_err(|e| e.to_string())?;
            let events = Ticket::from_events(t.history().to_vec()).map_err(|e| e.to_string())?;
            Ok(json!({"identical": back == *t && events == *t}))
        }
        "load_log" => match Ticket::from_json(&when["log"].to_string()) {
            Ok(t) => Ok(json!({"status": t.status(), "version": t.version()})),
            Err(e) => {
                let mut err = serde_json::to_value(&e).unwrap();
                err["code"] = json!(e.code());
                Err(err)
            }
        },
        other => return Err(format!("unknown op {other}")),
    };
    match (then.get("error"), actual) {
        (Some(expected), Err(err)) => check_error(expected, err),
        (Some(expected), Ok(ok)) => Err(format!(
            "expected error {expected}, but it succeeded: {}",
            ok.get("status").unwrap_or(&ok)
        )),
        (None, Err(err)) => Err(format!("unexpected error: {err}")),
        (None, Ok(ok)) => {
            if let Some(unmet) = then.get("unmet") {
                let (want, got) = (unmet_shape(unmet), unmet_shape(&ok["unmet"]));
                if want != got {
                    return Err(format!(
                        "unmet rules differ\n  expected: {want}\n  found:    {got}"
                    ));
                }
                return Ok(());
            }
            check_subset(then, &ok, "result")
        }
    }
}

#[test]
fn conformance_vectors_pass() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(conformance_dir())
        .expect("conformance folder")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no conformance files");
    let mut failures = Vec::new();
    let mut count = 0;
    for file in files {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        assert_eq!(
            doc["schema"],
            "ticketry-conformance/1",
            "{}",
            file.display()
        );
        let suite = Suite {
            defaults: doc["defaults"].clone(),
            fixtures: serde_json::from_value(doc["fixtures"].clone()).unwrap_or_default(),
            archives: serde_json::from_value(doc["archives"].clone()).unwrap_or_default(),
        };
        for v in doc["vectors"].as_array().unwrap() {
            count += 1;
            let rules = v["rules"].as_array().map(|r| r.len()).unwrap_or(0);
            assert!(rules > 0, "vector {} cites no rule", v["id"]);
            let id = v["id"].as_str().unwrap().to_owned();
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_vector(&suite, v)));
            match outcome {
                Ok(Ok(())) => {}
                Ok(Err(msg)) => failures.push(format!("{}: {id}: {msg}", file.display())),
                Err(_) => failures.push(format!("{}: {id}: panicked", file.display())),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{count} conformance vectors passed");
}

#[test]
fn vector_ids_are_unique() {
    let mut seen = std::collections::HashSet::new();
    for entry in std::fs::read_dir(conformance_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let doc: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            for v in doc["vectors"].as_array().unwrap() {
                assert!(
                    seen.insert(v["id"].as_str().unwrap().to_owned()),
                    "duplicate id {}",
                    v["id"]
                );
            }
        }
    }
}
