//! Bad input never panics: random and mutated JSON given to every entry point
//! that reads it returns a value or an error with a stable code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use ticketry::calendar::Calendar;
use ticketry::closure::Command;
use ticketry::ticket::NewTicket;
use ticketry::{Policy, Ticket};

fn sample_log() -> String {
    ticketry::doc_support::sample_ticket().to_json()
}

fn repeat_log() -> String {
    ticketry::doc_support::repeat_ticket().to_json()
}

/// Every reader, on any text: never a panic, always a known error code.
fn read_everything(text: &str) {
    if let Err(e) = Ticket::from_json(text) {
        assert!([
            "unsupported_schema_version",
            "malformed_log",
            "invalid_event",
            "empty_log"
        ]
        .contains(&e.code()));
    }
    if let Err(e) = Command::from_json(text) {
        assert_eq!(e.code(), "invalid_input");
    }
    if let Err(e) = NewTicket::from_json(text) {
        assert_eq!(e.code(), "invalid_input");
    }
    if let Err(e) = Policy::from_json(text) {
        assert_eq!(e.code(), "invalid_policy");
    }
    if let Err(e) = Calendar::from_json(text) {
        assert!(e.code().starts_with("calendar_"));
    }
    if let Err(e) = Calendar::from_xmlcalendar(text) {
        assert!(e.code().starts_with("calendar_"));
    }
    if let Err(e) = ticketry::archive::Archive::from_json_lines(text) {
        assert!([
            "unsupported_schema_version",
            "malformed_log",
            "invalid_event",
            "empty_log",
            "duplicate_ticket"
        ]
        .contains(&e.code()));
    }
}

proptest! {
    #[test]
    fn random_text_never_panics(text in ".{0,200}") {
        read_everything(&text);
    }

    /// A valid log with one byte range cut out or replaced: loads or fails cleanly,
    /// and a log that loads replays to the state its own JSON gives.
    #[test]
    fn mutated_event_logs_fail_cleanly(start in 0usize..6000, len in 0usize..40, junk in "[0-9a-z\"{}\\[\\],:-]{0,8}") {
        let log = sample_log();
        let start = start.min(log.len());
        let end = (start + len).min(log.len());
        if !log.is_char_boundary(start) || !log.is_char_boundary(end) {
            return Ok(());
        }
        let mutated = format!("{}{}{}", &log[..start], junk, &log[end..]);
        read_everything(&mutated);
        if let Ok(ticket) = Ticket::from_json(&mutated) {
            prop_assert_eq!(Ticket::from_json(&ticket.to_json()).unwrap(), ticket);
        }
    }

    /// The same for a repeat ticket's log (decision, links, analysis, cause,
    /// action, recommendations): a mutation loads or fails cleanly.
    #[test]
    fn mutated_repeat_logs_fail_cleanly(start in 0usize..9000, len in 0usize..40, junk in "[0-9a-z\"{}\\[\\],:_-]{0,8}") {
        let log = repeat_log();
        let start = start.min(log.len());
        let end = (start + len).min(log.len());
        if !log.is_char_boundary(start) || !log.is_char_boundary(end) {
            return Ok(());
        }
        let mutated = format!("{}{}{}", &log[..start], junk, &log[end..]);
        read_everything(&mutated);
        if let Ok(ticket) = Ticket::from_json(&mutated) {
            prop_assert_eq!(Ticket::from_json(&ticket.to_json()).unwrap(), ticket);
        }
    }

    /// Commands with a field of the wrong type name the field.
    #[test]
    fn wrong_field_types_are_named(value in prop_oneof![Just(serde_json::json!(1)), Just(serde_json::json!("x")), Just(serde_json::json!([])), Just(serde_json::json!(null))]) {
        for (kind, field) in [("log_work", "minutes"), ("answer_question", "question_id"), ("close", "reason"), ("check_completeness", "diagnostics_apply")] {
            let mut cmd = serde_json::json!({"type": kind, "minutes": 5, "question_id": 1, "answer": "a", "reason": "r", "result": "x", "diagnostics_apply": true});
            cmd[field] = value.clone();
            // Keep only the fields the command has, so that the wrong one is the only problem.
            let keep: &[&str] = match kind {
                "log_work" => &["type", "minutes"],
                "answer_question" => &["type", "question_id", "answer"],
                "close" => &["type", "reason", "result"],
                _ => &["type", "diagnostics_apply"],
            };
            cmd.as_object_mut().unwrap().retain(|k, _| keep.contains(&k.as_str()));
            match Command::from_value(cmd) {
                Ok(_) => {
                    let right_type = (value.is_string() && field == "reason")
                        || (value.is_u64() && (field == "minutes" || field == "question_id"));
                    prop_assert!(right_type, "{} accepted {}", field, value);
                }
                Err(e) => prop_assert!(e.to_string().starts_with(&format!("invalid input in `{field}`")), "{}", e),
            }
        }
    }
}
