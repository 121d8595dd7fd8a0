//! The `ticketry` binary driven on fixtures: help, each subcommand, JSON output,
//! malformed input (line numbers, fields, counts, --strict), CSV, event logs,
//! colour and the JSON Schema sync.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn fixture(name: &str) -> String {
    let p: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", name]
        .iter()
        .collect();
    p.to_string_lossy().into_owned()
}

fn ticketry() -> Command {
    let mut c = Command::cargo_bin("ticketry").unwrap();
    c.env_remove("NO_COLOR");
    c
}

fn json(args: &[&str]) -> Value {
    let out = ticketry()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_owned())
        .collect()
}

fn rules_of(audit: &Value, id: &str) -> Vec<String> {
    audit["closed_in_breach"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["id"] == id)
        .flat_map(|b| b["unmet"].as_array().unwrap().iter())
        .map(|u| u["rule"].as_str().unwrap().to_owned())
        .collect()
}

// ---------------------------------------------------------------- help

#[test]
fn help_teaches_the_input_the_rules_and_examples() {
    ticketry()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("triage"))
        .stdout(predicate::str::contains("audit"))
        .stdout(predicate::str::contains("report"))
        .stdout(predicate::str::contains("INPUT"))
        .stdout(predicate::str::contains("--strict"))
        .stdout(predicate::str::contains("EXAMPLES"));
    ticketry()
        .args(["triage", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("REP-1"))
        .stdout(predicate::str::contains("--ticket"))
        .stdout(predicate::str::contains("opened before"));
    ticketry()
        .args(["audit", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("CLS-S1"));
}

#[test]
fn an_unknown_subcommand_fails() {
    ticketry().arg("frobnicate").assert().failure().code(2);
}

// ---------------------------------------------------------------- schema

#[test]
fn json_schema_file_is_in_sync_with_the_record_type() {
    let generated = ticketry_cli::input::record_schema();
    assert_eq!(
        generated,
        ticketry_cli::RECORD_SCHEMA,
        "schema/record.schema.json is stale: run `cargo run -p ticketry-cli -- schema > crates/ticketry-cli/schema/record.schema.json`"
    );
    ticketry()
        .arg("schema")
        .assert()
        .success()
        .stdout(generated.clone());
    let schema: Value = serde_json::from_str(&generated).unwrap();
    let props = schema["properties"].as_object().unwrap();
    for field in [
        "id",
        "client_id",
        "opened_at",
        "closed_at",
        "repeat_of",
        "recurrence_cause",
        "kb_decision",
    ] {
        assert!(props.contains_key(field), "{field} missing from the schema");
    }
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(required.contains(&"opened_at") && required.contains(&"client_id"));
    // The enums come from the core's names.
    let types = props["repeat_type"]["enum"].as_array().unwrap();
    assert_eq!(types.len(), ticketry::repeat::RepeatType::ALL.len() + 1);
}

#[test]
fn every_line_of_the_bundled_sample_and_the_fixtures_is_a_valid_record() {
    for text in [
        ticketry_cli::SAMPLE_ARCHIVE.to_owned(),
        std::fs::read_to_string(fixture("archive.jsonl")).unwrap(),
    ] {
        for (i, line) in text.lines().enumerate() {
            ticketry_cli::input::parse_json_line(line)
                .unwrap_or_else(|e| panic!("line {}: {e:?}", i + 1));
        }
    }
}

// ---------------------------------------------------------------- audit

#[test]
fn audit_flags_cls_r2_closed_without_confirmation_and_without_mark() {
    let a = json(&["audit", &fixture("archive.jsonl")]);
    let rules = rules_of(&a, "T-102");
    assert!(rules.contains(&"CLS-R2".to_owned()), "{rules:?}");
}

#[test]
fn audit_flags_cls_r3_missing_documentation() {
    let a = json(&["audit", &fixture("archive.jsonl")]);
    let rules = rules_of(&a, "T-103");
    assert!(rules.contains(&"CLS-R3".to_owned()), "{rules:?}");
    assert!(
        !rules.contains(&"CLS-R2".to_owned()),
        "T-103 was confirmed: {rules:?}"
    );
}

#[test]
fn audit_flags_cls_5_no_knowledge_base_decision() {
    let a = json(&["audit", &fixture("archive.jsonl")]);
    assert_eq!(
        rules_of(&a, "T-104").first().map(String::as_str),
        Some("CLS-5")
    );
}

#[test]
fn audit_flags_rep_4_rep_5_rep_7_repeat_closed_without_cause_or_prevention() {
    let a = json(&["audit", &fixture("archive.jsonl")]);
    let rules = rules_of(&a, "T-105");
    for r in ["REP-4", "REP-5", "REP-7"] {
        assert!(rules.contains(&r.to_owned()), "{r} not in {rules:?}");
    }
}

#[test]
fn audit_passes_correctly_closed_tickets() {
    let a = json(&["audit", &fixture("archive.jsonl")]);
    let flagged = ids(&a["closed_in_breach"]);
    for good in ["T-101", "T-106", "T-109"] {
        assert!(
            !flagged.contains(&good.to_owned()),
            "{good} flagged: {flagged:?}"
        );
    }
    assert!(
        a["steps_refused"].as_array().unwrap().is_empty(),
        "{}",
        a["steps_refused"]
    );
    assert_eq!(a["tickets"], 9);
}

#[test]
fn audit_lists_cls_s1_waiting_past_the_business_day_deadline() {
    let a = json(&["audit", &fixture("archive.jsonl")]);
    let waiting = &a["waiting_past_deadline"];
    assert_eq!(ids(waiting), ["T-107"]);
    assert_eq!(waiting[0]["next"], "send_confirmation_reminder");
    // Requested on Tuesday 18 March 2025 at 09:00 UTC: two business days later.
    assert_eq!(waiting[0]["deadline"], "2025-03-20T09:00:00Z");
    // Judged before the deadline, it is not late yet.
    let early = json(&[
        "audit",
        &fixture("archive.jsonl"),
        "--at",
        "2025-03-19T12:00:00Z",
    ]);
    assert!(ids(&early["waiting_past_deadline"]).is_empty());
}

#[test]
fn audit_lists_cls_7_tickets_ready_to_close() {
    let a = json(&["audit", &fixture("archive.jsonl")]);
    assert_eq!(ids(&a["ready_to_close"]), ["T-108"]);
    assert_eq!(a["ready_to_close"][0]["status"], "confirmed");
}

#[test]
fn audit_of_the_bundled_sample_finds_every_kind_of_mistake() {
    let a = json(&["audit"]);
    let flagged = ids(&a["closed_in_breach"]);
    for id in [
        "T-1110", "T-1117", "T-1124", "T-1128", "T-1135", "T-1138", "T-1143",
    ] {
        assert!(
            flagged.contains(&id.to_owned()),
            "{id} not flagged: {flagged:?}"
        );
    }
    assert!(rules_of(&a, "T-1135").contains(&"CLS-S1".to_owned()));
    // T-1130 was closed with the mark after the wait: correct.
    assert!(!flagged.contains(&"T-1130".to_owned()));
    assert_eq!(ids(&a["waiting_past_deadline"]), ["T-1152", "T-1154"]);
    assert_eq!(ids(&a["ready_to_close"]), ["T-1156", "T-1158"]);
}

#[test]
fn audit_human_output_names_rules_and_sections() {
    ticketry()
        .args(["audit", &fixture("archive.jsonl"), "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Closed in breach"))
        .stdout(predicate::str::contains("CLS-R2"))
        .stdout(predicate::str::contains("Ready to close"))
        .stdout(predicate::str::contains("\u{1b}[").not());
}

// ---------------------------------------------------------------- report

#[test]
fn report_counts_rates_and_finds_rep_s1_chronic_and_rep_s2_clients() {
    let r = json(&["report", &fixture("archive.jsonl")]);
    let total = &r["total"];
    assert_eq!(total["tickets"], 9);
    assert_eq!(total["repeats"], 3);
    assert_eq!(total["closed"], 7);
    // T-102 was closed without the client's confirmation.
    assert_eq!(total["closed_without_confirmation"], 1);
    assert!(
        (total["closed_without_confirmation_share"].as_f64().unwrap() - 1.0 / 7.0).abs() < 1e-9
    );
    assert_eq!(total["causes"]["not_applied"], 2);
    assert_eq!(total["causes"]["not_yet_known"], 1);
    assert_eq!(r["by_month"]["2025-03"]["tickets"], 9);
    assert_eq!(r["by_product"]["PASS24 Шлагбаум"]["repeats"], 3);
    let chronic = r["chronic_problems"].as_array().unwrap();
    assert_eq!(chronic.len(), 1);
    let chain: Vec<&str> = chronic[0]["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(chain, ["T-101", "T-105", "T-106", "T-109"]);
    let clients = r["clients_not_applying_solutions"].as_array().unwrap();
    assert_eq!(clients.len(), 1);
    assert_eq!(clients[0]["client_id"], "zhk-severny");
}

#[test]
fn report_without_archive_uses_the_bundled_sample() {
    let out = ticketry().arg("report").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("REP-S1") && text.contains("REP-S2"), "{text}");
    assert!(text.contains("kp-sosnovy-bor"), "{text}");
    let r = json(&["report"]);
    assert_eq!(
        r["total"]["tickets"],
        ticketry_cli::SAMPLE_ARCHIVE.lines().count()
    );
    assert!(r["chronic_problems"].as_array().unwrap().len() >= 2);
    assert!(r["by_month"].as_object().unwrap().len() >= 3);
}

#[test]
fn report_counts_cls_s3_reopens_from_the_reopens_column_without_history() {
    // A flat export that only counts reopens, with no event history: CLS-S3's
    // reopen rate is read from the count, open or closed.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reopens.jsonl");
    let line = |id: &str, opened: &str, extra: &str| {
        format!(
            "{{\"id\": \"{id}\", \"client_id\": \"c-1\", \"product\": \"PASS24 Шлагбаум\", \
             \"opened_at\": \"{opened}\", \"subject\": \"Не открывается шлагбаум\", \
             \"description\": \"Шлагбаум не реагирует на пропуска\"{extra}}}\n"
        )
    };
    let text = [
        line("T-1", "2025-03-03T07:00:00Z", ", \"reopens\": 2, \"resolved_at\": \"2025-03-03T10:00:00Z\", \"closed_at\": \"2025-03-04T10:00:00Z\", \"confirmed_at\": \"2025-03-04T09:00:00Z\""),
        line("T-2", "2025-03-05T07:00:00Z", ", \"reopens\": 1"),
        line("T-3", "2025-03-06T07:00:00Z", ", \"reopens\": 0"),
        line("T-4", "2025-03-07T07:00:00Z", ""),
    ]
    .concat();
    std::fs::write(&path, text).unwrap();
    let r = json(&["report", &path.to_string_lossy()]);
    assert_eq!(r["total"]["tickets"], 4);
    assert_eq!(r["total"]["reopened"], 2, "{r}");
    assert!((r["total"]["reopen_rate"].as_f64().unwrap() - 0.5).abs() < 1e-9);
    // A negative or fractional count is a bad line, named by its field.
    std::fs::write(
        &path,
        line("T-5", "2025-03-07T07:00:00Z", ", \"reopens\": -1"),
    )
    .unwrap();
    ticketry()
        .args(["report", &path.to_string_lossy()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("line 1").and(predicate::str::contains("reopens")));
}

// ---------------------------------------------------------------- triage

#[test]
fn triage_of_the_whole_archive_sees_only_earlier_tickets_in_time_order() {
    let out = ticketry()
        .args([
            "triage",
            &fixture("archive.jsonl"),
            "--format",
            "json",
            "--threads",
            "2",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 9);
    let opened: Vec<&str> = lines
        .iter()
        .map(|l| l["opened_at"].as_str().unwrap())
        .collect();
    assert!(opened.windows(2).all(|w| w[0] <= w[1]), "{opened:?}");
    // The first ticket has nothing earlier.
    assert!(lines[0]["candidates"].as_array().unwrap().is_empty());
    for l in &lines {
        for c in l["candidates"].as_array().unwrap() {
            assert!(c["signals"]["days_before"].as_f64().unwrap() > 0.0, "{l}");
        }
    }
    // T-105 mentions T-101: its best candidate, a likely repeat.
    let t105 = lines.iter().find(|l| l["id"] == "T-105").unwrap();
    assert_eq!(t105["candidates"][0]["id"], "T-101");
    assert_eq!(t105["decision"], "likely_repeat");
    assert!(t105["candidates"][0]["solution"]
        .as_str()
        .unwrap()
        .contains("контроллер"));
}

#[test]
fn triage_is_the_same_on_one_thread_and_on_two() {
    let run = |threads: &str| {
        ticketry()
            .args(["triage", "--format", "json", "--threads", threads])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("1"), run("2"));
}

#[test]
fn triage_of_one_new_ticket_explains_its_candidates() {
    let t = json(&[
        "triage",
        &fixture("archive.jsonl"),
        "--ticket",
        &fixture("new_ticket.json"),
    ]);
    assert!(t["id"].is_null());
    assert_eq!(t["candidates"][0]["id"], "T-109");
    assert!(t["candidates"][0]["signals"]["same_client"]
        .as_bool()
        .unwrap());
    ticketry()
        .args([
            "triage",
            &fixture("archive.jsonl"),
            "--ticket",
            &fixture("new_ticket.json"),
            "--lang",
            "en",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("T-109"))
        .stdout(predicate::str::contains("mentioned as"))
        .stdout(predicate::str::contains("same client"));
}

#[test]
fn triage_human_output_lists_the_bundled_sample_repeats() {
    ticketry()
        .arg("triage")
        .assert()
        .success()
        .stdout(predicate::str::contains("T-1115"))
        .stdout(predicate::str::contains("упоминание «T-1101»"))
        .stdout(predicate::str::contains("tickets triaged"));
}

/// On a terminal, long work shows a progress bar on stderr; piped, stderr
/// stays clean (checked by the other tests, which capture it). `script`
/// (util-linux) gives the run a pseudo-terminal.
#[cfg(target_os = "linux")]
#[test]
fn triage_draws_a_progress_bar_on_stderr_only_on_a_terminal() {
    let bin = assert_cmd::cargo::cargo_bin("ticketry");
    let cmd = format!(
        "'{}' triage '{}' --format json > /dev/null",
        bin.display(),
        fixture("archive.jsonl")
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env_remove("NO_COLOR")
        .output()
        .expect("`script` (util-linux) runs the binary on a pseudo-terminal");
    assert!(out.status.success(), "{out:?}");
    let tty = String::from_utf8_lossy(&out.stdout);
    assert!(tty.contains("indexing ["), "{tty}");
    assert!(tty.contains("triage [") && tty.contains("9/9"), "{tty}");
    // the same run piped: no bar
    let piped = ticketry()
        .args(["triage", &fixture("archive.jsonl"), "--format", "json"])
        .output()
        .unwrap();
    assert!(piped.status.success());
    assert!(
        piped.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&piped.stderr)
    );
}

// ---------------------------------------------------------------- bad input

#[test]
fn malformed_lines_are_reported_with_line_and_field_counted_and_the_run_goes_on() {
    let out = ticketry()
        .args(["audit", &fixture("malformed.jsonl"), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("line 2: field `opened_at`"), "{err}");
    assert!(err.contains("line 4: field `client_id`"), "{err}");
    assert!(err.contains("line 5:"), "{err}");
    assert!(err.contains("line 6: field `repeat_type`"), "{err}");
    assert!(err.contains("4 of 6 lines rejected"), "{err}");
    let a: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(a["tickets"], 2);
}

#[test]
fn strict_stops_at_the_first_bad_line() {
    let out = ticketry()
        .args(["audit", &fixture("malformed.jsonl"), "--strict"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("line 2: field `opened_at`"), "{err}");
    assert!(!err.contains("line 4"), "{err}");
    assert!(out.stdout.is_empty());
    ticketry()
        .args([
            "triage",
            &fixture("malformed.jsonl"),
            "--strict",
            "--format",
            "json",
        ])
        .assert()
        .code(2)
        .stdout("");
    ticketry()
        .args(["audit", &fixture("archive.jsonl"), "--strict"])
        .assert()
        .success();
}

#[test]
fn triage_reports_bad_lines_too() {
    let out = ticketry()
        .args(["triage", &fixture("malformed.jsonl"), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("4 of 6 lines rejected"));
}

#[test]
fn a_duplicate_id_is_rejected_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dup.jsonl");
    let text = std::fs::read_to_string(fixture("archive.jsonl")).unwrap();
    let first = text.lines().next().unwrap();
    std::fs::write(&path, format!("{text}{first}\n")).unwrap();
    let path = path.to_string_lossy().into_owned();
    for cmd in ["audit", "report", "triage"] {
        let out = ticketry()
            .args([cmd, &path, "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("line 10: field `id`"), "{cmd}: {err}");
        assert!(err.contains("1 of 10 lines rejected"), "{cmd}: {err}");
    }
}

#[test]
fn a_missing_file_is_an_error() {
    ticketry()
        .args(["report", "/nonexistent/export.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/export.jsonl"));
}

// ---------------------------------------------------------------- CSV, logs, stdin

#[test]
fn csv_gives_the_same_audit_and_report_as_json_lines() {
    for cmd in ["audit", "report"] {
        let a = json(&[cmd, &fixture("archive.jsonl")]);
        let b = json(&[cmd, &fixture("archive.csv")]);
        assert_eq!(a, b, "{cmd}");
    }
}

#[test]
fn a_bad_csv_row_reports_its_line_and_column() {
    let out = ticketry()
        .args(["report", &fixture("malformed.csv")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("line 3: field `work_minutes`"), "{err}");
    assert!(err.contains("1 of 3 lines rejected"), "{err}");
}

#[test]
fn json_lines_may_hold_ticket_event_logs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("logs.jsonl");
    let ticket = ticketry::doc_support::sample_ticket();
    std::fs::write(&path, format!("{}\n", ticket.to_json())).unwrap();
    let r = json(&["report", &path.to_string_lossy()]);
    assert_eq!(r["total"]["tickets"], 1);
    assert_eq!(r["total"]["closed"], 1);
    assert_eq!(r["total"]["closed_without_confirmation"], 0);
    let a = json(&["audit", &path.to_string_lossy()]);
    assert!(a["closed_in_breach"].as_array().unwrap().is_empty());
    // A broken log is rejected with its line.
    std::fs::write(&path, "{\"schema_version\": 1, \"events\": []}\n").unwrap();
    ticketry()
        .args(["audit", &path.to_string_lossy()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("line 1: field `events`"));
}

#[test]
fn stdin_is_read_with_a_dash() {
    let text = std::fs::read_to_string(fixture("archive.jsonl")).unwrap();
    let out = ticketry()
        .args(["report", "-", "--format", "json"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(out.status.success());
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["total"]["tickets"], 9);
}

// ---------------------------------------------------------------- colour

#[test]
fn colour_only_when_asked_or_on_a_terminal_and_never_with_no_color() {
    let plain = ticketry().args(["report"]).output().unwrap().stdout;
    assert!(!String::from_utf8(plain).unwrap().contains('\u{1b}'));
    let coloured = ticketry()
        .args(["report", "--color", "always"])
        .output()
        .unwrap()
        .stdout;
    assert!(String::from_utf8(coloured).unwrap().contains("\u{1b}["));
    let no_color = ticketry()
        .env("NO_COLOR", "1")
        .args(["report"])
        .output()
        .unwrap()
        .stdout;
    assert!(!String::from_utf8(no_color).unwrap().contains('\u{1b}'));
}
