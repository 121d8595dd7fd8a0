//! Repeat rules (REP) at the edges the conformance vectors do not reach:
//! replaying tampered logs, a lone ticket, the archive's indexes and errors,
//! policy validation, English templates, the typed API.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::HashMap;

use serde_json::Value;
use ticketry::archive::{Archive, ArchiveError};
use ticketry::closure::typed::{InWork, TicketIn};
use ticketry::closure::*;
use ticketry::doc_support::{fresh_ticket, meta_at, new_ticket, repeat_ticket, sample_archive};
use ticketry::policy::Locale;
use ticketry::repeat::*;
use ticketry::templates::repeat_reply;
use ticketry::ticket::{LinkKind, TicketId};
use ticketry::{ApplyError, LogError, Policy, Ticket};

fn tid(s: &str) -> TicketId {
    TicketId::new(s).unwrap()
}

fn unmet_codes(e: &ApplyError) -> Vec<&'static str> {
    e.unmet().iter().map(|u| u.code.as_str()).collect()
}

/// The repeat ticket's log with the `link_ticket` event edited by `edit`.
fn tampered(edit: impl Fn(&mut Value)) -> Result<Ticket, LogError> {
    let mut log: Value = serde_json::from_str(&repeat_ticket().to_json()).unwrap();
    let events = log["events"].as_array_mut().unwrap();
    let link = events
        .iter_mut()
        .find(|e| e["command"]["type"] == "link_ticket")
        .unwrap();
    edit(&mut link["command"]);
    Ticket::from_json(&log.to_string())
}

#[test]
fn rep_3_replay_keeps_the_links_target_time() {
    let t = tampered(|_| {}).unwrap();
    assert_eq!(t, repeat_ticket());
    assert_eq!(
        t.state().links[0].target_opened_at,
        sample_archive()
            .get(&tid("T-900"))
            .unwrap()
            .state()
            .created_at
    );
}

#[test]
fn rep_3_replay_refuses_a_stored_link_to_a_later_ticket() {
    let err = tampered(|c| c["target_opened_at"] = "2030-01-01T00:00:00Z".into()).unwrap_err();
    let LogError::InvalidEvent { error, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(unmet_codes(error), ["later_ticket"]);
}

#[test]
fn rep_3_replay_refuses_a_stored_link_without_the_targets_time() {
    let err = tampered(|c| {
        c.as_object_mut().unwrap().remove("target_opened_at");
    })
    .unwrap_err();
    assert_eq!(err.code(), "invalid_event");
    let LogError::InvalidEvent { error, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(unmet_codes(error), ["unknown_ticket"]);
}

#[test]
fn rep_3_a_lone_ticket_links_only_to_tickets_a_directory_knows() {
    let policy = Policy::default();
    let mut t = fresh_ticket();
    let link = LinkTicket::related(tid("T-1"), "тот же объект");
    let err = t
        .apply(link.clone().into(), meta_at(2025, 3, 3, 10), &policy)
        .unwrap_err();
    assert_eq!(unmet_codes(&err), ["unknown_ticket"]);
    assert_eq!(t.version(), 1);
    let known: HashMap<TicketId, _> = [(tid("T-1"), meta_at(2025, 1, 9, 9).at)].into();
    t.apply_in(link.into(), meta_at(2025, 3, 3, 10), &policy, &known)
        .unwrap();
    assert_eq!(
        t.state().links[0].target_opened_at,
        meta_at(2025, 1, 9, 9).at
    );
}

#[test]
fn rep_3_remove_link_updates_the_archives_reverse_index() {
    let policy = Policy::default();
    let mut a = sample_archive();
    let before: Vec<String> = a
        .linked_from(&tid("T-900"))
        .iter()
        .map(|t| t.id().to_string())
        .collect();
    assert_eq!(before, ["T-950", "T-990"]);
    let remove = RemoveLink {
        target: tid("T-900"),
        kind: LinkKind::RepeatOf,
        reason: "Связали по ошибке".into(),
    };
    a.apply(
        &tid("T-990"),
        remove.into(),
        meta_at(2025, 5, 27, 9),
        &policy,
    )
    .unwrap();
    let after: Vec<String> = a
        .linked_from(&tid("T-900"))
        .iter()
        .map(|t| t.id().to_string())
        .collect();
    assert_eq!(after, ["T-950"]);
    assert_eq!(a.repeat_chain(&tid("T-990")).len(), 1);
    // The removal is in the history: the link event is still there.
    let history = a.get(&tid("T-990")).unwrap().history();
    assert!(history
        .iter()
        .any(|e| e.command.kind() == CommandKind::LinkTicket));
}

#[test]
fn rep_3_archive_errors_have_codes() {
    let policy = Policy::default();
    let mut a = sample_archive();
    let err = a
        .apply(
            &tid("T-404"),
            LogWork::minutes(5, "").into(),
            meta_at(2025, 6, 1, 9),
            &policy,
        )
        .unwrap_err();
    assert_eq!(err.code(), "unknown_ticket");
    assert_eq!(err.to_string(), "the archive holds no ticket T-404");
    let err = a
        .open(new_ticket("T-900"), meta_at(2025, 6, 1, 9))
        .unwrap_err();
    assert!(matches!(err, ArchiveError::DuplicateTicket { .. }));
    assert_eq!(a.len(), 5);
}

#[test]
fn rep_3_archive_json_lines_round_trip_and_bad_lines() {
    let a = sample_archive();
    let text = a.to_json_lines();
    let back = Archive::from_json_lines(&text).unwrap();
    for t in a.iter() {
        assert_eq!(back.get(t.id()), Some(t));
    }
    assert_eq!(back.linked_from(&tid("T-900")).len(), 2);
    let mut lines: Vec<&str> = text.lines().collect();
    lines.push(lines[0]);
    let err = Archive::from_json_lines(&lines.join("\n")).unwrap_err();
    assert_eq!(err.code(), "duplicate_ticket");
    let broken = text.replacen("\"schema_version\":1", "\"schema_version\":9", 2);
    let err = Archive::from_json_lines(&broken).unwrap_err();
    assert_eq!(err.code(), "unsupported_schema_version");
    assert!(err.to_string().starts_with("line 1:"));
}

#[test]
fn rep_s1_repeat_policy_values_are_validated() {
    for (json, field) in [
        (
            r#"{"repeat": {"chronic_min_tickets": 1}}"#,
            "repeat.chronic_min_tickets",
        ),
        (
            r#"{"repeat": {"chronic_window_days": 0}}"#,
            "repeat.chronic_window_days",
        ),
        (
            r#"{"repeat": {"recheck_interval_business_days": 0}}"#,
            "repeat.recheck_interval_business_days",
        ),
        (
            r#"{"repeat": {"recheck_count": 99}}"#,
            "repeat.recheck_count",
        ),
        (
            r#"{"repeat": {"not_applying_min_tickets": 0}}"#,
            "repeat.not_applying_min_tickets",
        ),
        (
            r#"{"repeat": {"not_applying_window_days": 99999}}"#,
            "repeat.not_applying_window_days",
        ),
        (r#"{"repeat": {"chronic_min": 3}}"#, "repeat.chronic_min"),
    ] {
        let err = Policy::from_json(json).unwrap_err();
        assert_eq!(err.code(), "invalid_policy");
        assert!(
            err.field().starts_with(field) || err.field() == "repeat",
            "{json}: {}",
            err.field()
        );
    }
    // A policy edited in code is refused at use, with REP-S1 cited.
    let mut policy = Policy::default();
    policy.repeat.chronic_min_tickets = 1;
    let mut t = fresh_ticket();
    let err = t
        .apply(
            LogWork::minutes(5, "").into(),
            meta_at(2025, 3, 3, 10),
            &policy,
        )
        .unwrap_err();
    assert_eq!(err.unmet()[0].rule.as_str(), "REP-S1");
    assert_eq!(
        err.unmet()[0].field.as_deref(),
        Some("policy.repeat.chronic_min_tickets")
    );
}

#[test]
fn rep_s1_a_ticket_outside_any_chain_is_not_chronic() {
    let a = sample_archive();
    let policy = Policy::default();
    let at = meta_at(2025, 6, 2, 9).at;
    assert!(a.chronic_problem_of(&tid("T-1001"), at, &policy).is_none());
    let p = a.chronic_problem_of(&tid("T-990"), at, &policy).unwrap();
    assert_eq!(p.open, [tid("T-990")]);
    // A year later nothing is recent.
    assert!(a
        .chronic_problems(meta_at(2026, 6, 2, 9).at, &policy)
        .is_empty());
}

#[test]
fn rep_2_analysis_from_an_undocumented_ticket_uses_its_description() {
    let t = fresh_ticket();
    let a = RecordRepeatAnalysis::from_earlier(t.state());
    assert!(a
        .problem_description
        .starts_with("Не открывается шлагбаум по пропускам. С утра"));
    assert_eq!(a.applied_solution, "");
    assert_eq!(a.time_to_resolve_minutes, None);
}

#[test]
fn rep_1_a_new_decision_replaces_the_old_one() {
    let policy = Policy::default();
    let mut a = sample_archive();
    let id = tid("T-970");
    a.apply(
        &id,
        RecordRepeatDecision::repeat(&[HistoryCheck::ClientHistory], "Всё же повтор").into(),
        meta_at(2025, 4, 22, 9),
        &policy,
    )
    .unwrap();
    let d = a.get(&id).unwrap().state().repeat.decision.clone().unwrap();
    assert_eq!(d.decision, RepeatDecision::Repeat);
    assert!(a.get(&id).unwrap().state().is_repeat());
}

#[test]
fn rep_tpl_english_reply() {
    let t = repeat_ticket();
    let policy = Policy {
        locale: Locale::En,
        ..Policy::default()
    };
    let text = repeat_reply(t.state(), "Anna Smirnova", &policy).unwrap();
    assert!(text.starts_with(
        "Hello, Ирина Петрова!\n\nRegarding ticket T-950, we see that it is related to the earlier ticket T-900."
    ));
    assert!(text.contains("Why it recurred: the client did not apply the solution."));
    assert!(text.ends_with("Anna Smirnova\nPASS24.online Technical Support"));
}

#[test]
fn rep_5_typed_api_keeps_the_status_for_repeat_steps() {
    let policy = Policy::default();
    let t: TicketIn<InWork> = TicketIn::open(new_ticket("T-1"), meta_at(2025, 3, 3, 9)).unwrap();
    let t: TicketIn<InWork> = t
        .apply(
            RecordRepeatDecision::repeat(HistoryCheck::ALL, ""),
            meta_at(2025, 3, 3, 10),
            &policy,
        )
        .unwrap();
    // Refused (no cause yet): the value comes back unchanged, as the same type.
    let rejected = t
        .apply(
            ApplyRepeatSolution::new(RepeatAction::FindAlternative, "Замена считывателя"),
            meta_at(2025, 3, 3, 11),
            &policy,
        )
        .unwrap_err();
    assert_eq!(
        rejected.error.unmet()[0].code,
        UnmetCode::CauseNotDetermined
    );
    assert_eq!(rejected.ticket.ticket().version(), 2);
}

#[test]
fn rep_err_typical_errors_name_the_regulations_table() {
    let policy = Policy::default();
    let mut a = sample_archive();
    let id = tid("T-990");
    let unmet =
        a.get(&id)
            .unwrap()
            .why_blocked(CommandKind::Close, meta_at(2025, 5, 27, 9).at, &policy);
    let typical: Vec<TypicalError> = unmet.iter().filter_map(TypicalError::of).collect();
    assert_eq!(typical, [TypicalError::NoRecommendations]);
    // Removing the link makes it "not linked" as well.
    let remove = RemoveLink {
        target: tid("T-900"),
        kind: LinkKind::RepeatOf,
        reason: "проверка".into(),
    };
    a.apply(&id, remove.into(), meta_at(2025, 5, 27, 9), &policy)
        .unwrap();
    let unmet =
        a.get(&id)
            .unwrap()
            .why_blocked(CommandKind::Close, meta_at(2025, 5, 27, 9).at, &policy);
    let typical: Vec<TypicalError> = unmet.iter().filter_map(TypicalError::of).collect();
    assert_eq!(
        typical,
        [
            TypicalError::NotLinked,
            TypicalError::NotLinked,
            TypicalError::NoRecommendations
        ]
    );
}
