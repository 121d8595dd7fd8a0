//! Focused tests of the closing rules beyond the shared conformance vectors:
//! the typed API, whole cycles (update, reopen and close again), event-log
//! integrity, the policy's range and the templates' guarantees.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use ticketry::closure::typed::{AnyTicket, TicketIn};
use ticketry::closure::*;
use ticketry::event::Event;
use ticketry::policy::Locale;
use ticketry::ticket::{Actor, ClientId, MessageKind, Meta, NewTicket, Priority, TicketId};
use ticketry::{templates, ApplyError, LogError, Policy, Ticket};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 3, 6, 0, 0).unwrap()
}

fn at(minutes: i64) -> Meta {
    Meta::new(
        Actor::specialist("anna", "Анна Смирнова"),
        t0() + Duration::minutes(minutes),
    )
}

fn new_ticket(id: &str) -> NewTicket {
    NewTicket {
        id: TicketId::new(id).unwrap(),
        client_id: ClientId::new("zhk-severny").unwrap(),
        contact_name: "Ирина Петрова".into(),
        product: "PASS24 Шлагбаум".into(),
        subject: "Не открывается шлагбаум".into(),
        description: "Шлагбаум на въезде не реагирует на пропуска".into(),
        priority: Priority::High,
    }
}

fn doc(update: Option<&str>) -> SolutionDocumentation {
    SolutionDocumentation {
        problem_description: "Шлагбаум не открывался по пропускам".into(),
        cause: "Ошибка прошивки контроллера".into(),
        applied_solution: "Обновили прошивку контроллера и проверили проезд".into(),
        recommendations: "Не отключать автообновление контроллера".into(),
        resources: vec!["KB-301: Обновление прошивки".into()],
        product_update: update.map(str::to_owned),
    }
}

fn apply(t: &mut Ticket, cmd: impl Into<Command>, minutes: i64, policy: &Policy) {
    let cmd = cmd.into();
    let kind = cmd.kind();
    t.apply(cmd, at(minutes), policy)
        .unwrap_or_else(|e| panic!("{kind} refused: {e}"));
}

/// Works, verifies, gets the confirmation and does the paperwork: ready to close.
fn make_ready(t: &mut Ticket, from: i64, update: Option<&str>, policy: &Policy) {
    apply(t, LogMessage::to_client("Проверяем"), from, policy);
    apply(t, LogWork::minutes(30, "Работа"), from + 1, policy);
    apply(
        t,
        VerifyResolution::all_checked("Проверено"),
        from + 2,
        policy,
    );
    apply(t, RequestConfirmation::default(), from + 3, policy);
    apply(
        t,
        RecordConfirmation::with_note("Работает"),
        from + 4,
        policy,
    );
    apply(t, doc(update), from + 5, policy);
    apply(
        t,
        CheckCompleteness {
            diagnostics_apply: false,
        },
        from + 6,
        policy,
    );
    apply(
        t,
        RecordKnowledgeBaseDecision {
            decision: KnowledgeBaseDecision::NotNeededTypical,
        },
        from + 7,
        policy,
    );
    apply(t, SendFinalNotification::default(), from + 8, policy);
}

#[test]
fn cls_s2_update_cycle_closes_once_the_update_is_confirmed_and_documented() {
    let policy = Policy::default();
    let mut t = Ticket::open(new_ticket("T-1"), at(0)).unwrap();
    apply(
        &mut t,
        RequireProductUpdate {
            update: "Прошивка 2.5.0".into(),
            instructions: "Установите обновление".into(),
        },
        1,
        &policy,
    );
    assert_eq!(t.status(), Status::AwaitingUpdate);
    let last = t.state().messages.last().unwrap();
    assert_eq!(
        (last.kind, last.text.as_str()),
        (MessageKind::UpdateInstructions, "Установите обновление")
    );
    // CLS-S2: no verification while the update is pending.
    assert!(!t.can_kind(CommandKind::VerifyResolution, at(2).at, &policy));
    apply(
        &mut t,
        ConfirmProductUpdate {
            note: "Обновили".into(),
        },
        2,
        &policy,
    );
    assert_eq!(t.status(), Status::InWork);
    make_ready(&mut t, 3, Some("Прошивка контроллера 2.5.0"), &policy);
    apply(
        &mut t,
        Close::new("Проблема решена", "Работает после обновления"),
        20,
        &policy,
    );
    assert_eq!(t.status(), Status::Closed);
    let text = templates::solution_documentation(t.state(), at(20).at, &policy).unwrap();
    assert!(
        text.contains("Потребовалось обновление продукта: Прошивка контроллера 2.5.0"),
        "{text}"
    );
}

#[test]
fn cls_s3_reopen_twice_counts_and_needs_a_fresh_round() {
    let policy = Policy::default();
    let mut t = Ticket::open(new_ticket("T-2"), at(0)).unwrap();
    make_ready(&mut t, 1, None, &policy);
    apply(&mut t, Close::new("Решено", "Работает"), 10, &policy);
    for round in 1..=2u32 {
        let base = i64::from(round) * 100;
        apply(
            &mut t,
            Reopen {
                reason: format!("Клиент сообщил о проблеме, раз {round}"),
                mistake_cause: "Проверили не все пропуска".into(),
                client_notice: "Продолжаем работу".into(),
                reported_by_client: true,
            },
            base,
            &policy,
        );
        assert_eq!(t.state().reopen_count(), round);
        assert_eq!(t.status(), Status::InWork);
        assert!(t.state().closing.is_none());
        let notice = t.state().messages.last().unwrap();
        assert_eq!(notice.kind, MessageKind::ReopenNotice);
        // CLS-S3 then CLS-1..6 again: the old round does not count.
        let unmet = t.why_blocked(CommandKind::Close, at(base + 1).at, &policy);
        let codes: Vec<UnmetCode> = unmet.iter().map(|u| u.code).collect();
        assert!(
            codes.contains(&UnmetCode::NotVerified)
                && codes.contains(&UnmetCode::DocumentationStale),
            "{codes:?}"
        );
        make_ready(&mut t, base + 2, None, &policy);
        apply(&mut t, Close::new("Решено", "Работает"), base + 20, &policy);
    }
    assert_eq!(t.state().reopens[1].undone_closing.reason, "Решено");
    assert_eq!(Ticket::from_events(t.history().to_vec()).unwrap(), t);
}

#[test]
fn cls_r3_typed_api_refusal_gives_the_ticket_back_unchanged() {
    let policy = Policy::default();
    let t = TicketIn::open(new_ticket("T-3"), at(0)).unwrap();
    let t = t
        .apply(LogMessage::to_client("Проверяем"), at(1), &policy)
        .unwrap();
    let t = t
        .apply(VerifyResolution::all_checked(""), at(2), &policy)
        .unwrap();
    let t = t
        .apply(RequestConfirmation::default(), at(3), &policy)
        .unwrap();
    let t = t
        .apply(RecordConfirmation::default(), at(4), &policy)
        .unwrap();
    let before = t.clone();
    let rejected = t
        .apply(Close::new("Решено", "Работает"), at(5), &policy)
        .unwrap_err();
    assert_eq!(rejected.ticket, before);
    let rules: Vec<&str> = rejected
        .error
        .unmet()
        .iter()
        .map(|u| u.rule.as_str())
        .collect();
    assert_eq!(rules, ["CLS-R3", "CLS-4", "CLS-5", "CLS-6"]);
    assert!(matches!(
        AnyTicket::from(rejected.ticket.into_ticket()),
        AnyTicket::Confirmed(_)
    ));
}

#[test]
fn cls_err_every_typical_closing_error_is_refused() {
    let policy = Policy::default();
    // Closed before solved (CLS-R1), without confirmation (CLS-R2), not documented (CLS-R3).
    let mut t = Ticket::open(new_ticket("T-4"), at(0)).unwrap();
    let err = t
        .apply(Close::new("Решено", "Работает").into(), at(1), &policy)
        .unwrap_err();
    let rules: Vec<&str> = err.unmet().iter().map(|u| u.rule.as_str()).collect();
    for rule in ["CLS-R1", "CLS-R2", "CLS-R3"] {
        assert!(rules.contains(&rule), "{rule} missing from {rules:?}");
    }
    // Documentation incomplete (CLS-3): refused when recorded, naming the field.
    let mut incomplete = doc(None);
    incomplete.recommendations = "н/д".into();
    let err = t.apply(incomplete.into(), at(2), &policy).unwrap_err();
    assert_eq!(err.unmet()[0].field.as_deref(), Some("recommendations"));
    assert_eq!(err.unmet()[0].rule.as_str(), "CLS-3");
}

#[test]
fn every_refusal_message_is_bilingual_and_cites_a_rule() {
    let policy = Policy::default();
    let mut t = Ticket::open(new_ticket("T-5"), at(0)).unwrap();
    apply(&mut t, RecordQuestion::new("Когда?"), 1, &policy);
    apply(
        &mut t,
        RequireProductUpdate {
            update: "2.5".into(),
            instructions: "Обновите".into(),
        },
        2,
        &policy,
    );
    for kind in CommandKind::ALL.iter().filter(|k| **k != CommandKind::Open) {
        for u in t.why_blocked(*kind, at(3).at, &policy) {
            assert!(
                !u.message_en.trim().is_empty() && !u.message_ru.trim().is_empty(),
                "{kind}: {u:?}"
            );
            assert!(
                u.message_ru
                    .chars()
                    .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap())),
                "{u:?}"
            );
            assert_eq!(
                u.rule.as_str().parse::<ticketry::rules::RuleId>(),
                Ok(u.rule)
            );
        }
    }
}

#[test]
fn cls_7_event_log_integrity_is_checked_on_load() {
    let policy = Policy::default();
    let mut t = Ticket::open(new_ticket("T-6"), at(0)).unwrap();
    make_ready(&mut t, 1, None, &policy);
    apply(&mut t, Close::new("Решено", "Работает"), 20, &policy);
    let events: Vec<Event> = t.history().to_vec();

    assert_eq!(Ticket::from_events(vec![]).unwrap_err(), LogError::Empty);
    let err = Ticket::from_events(events[1..].to_vec()).unwrap_err();
    assert_eq!(err.code(), "invalid_event");
    let mut gap = events.clone();
    gap.remove(5);
    assert!(matches!(
        Ticket::from_events(gap).unwrap_err(),
        LogError::InvalidEvent { index: 5, .. }
    ));
    let mut backwards = events.clone();
    backwards[3].at = t0() - Duration::days(1);
    let err = Ticket::from_events(backwards).unwrap_err();
    match err {
        LogError::InvalidEvent {
            index: 3,
            error: ApplyError::InvalidInput { field, .. },
            ..
        } => assert_eq!(field, "at"),
        other => panic!("unexpected {other:?}"),
    }
    let mut reopened_twice = events.clone();
    let mut extra = events[1].clone();
    extra.seq = events.len() as u64 + 1;
    reopened_twice.push(extra); // a log_message on a closed ticket
    assert_eq!(
        Ticket::from_events(reopened_twice).unwrap_err().code(),
        "invalid_event"
    );
    assert_eq!(Ticket::from_events(events).unwrap(), t);
}

#[test]
fn cls_s1_policy_wait_is_bounded_by_the_regulation() {
    for (json, ok) in [
        ("{\"confirmation_wait_business_days\": 0}", false),
        ("{\"confirmation_wait_business_days\": 1}", true),
        ("{\"confirmation_wait_business_days\": 3}", false),
    ] {
        assert_eq!(Policy::from_json(json).is_ok(), ok, "{json}");
    }
    let err = Policy::from_json("{\"confirmation_wait_days\": 2}").unwrap_err();
    assert_eq!(err.code(), "invalid_policy");
    assert!(err.message().contains("unknown field"), "{err}");
}

#[test]
fn cls_tpl_n_and_cls_tpl_d_never_leave_a_placeholder() {
    let policy = Policy::default();
    let en = Policy {
        locale: Locale::En,
        ..Policy::default()
    };
    let mut t = Ticket::open(new_ticket("T-7"), at(0)).unwrap();
    make_ready(&mut t, 1, None, &policy);
    for p in [&policy, &en] {
        let n = templates::final_notification(t.state(), "Анна", p).unwrap();
        let d = templates::solution_documentation(t.state(), at(30).at, p).unwrap();
        for text in [&n, &d] {
            assert!(
                !text.contains('[') && !text.contains('{') && !text.contains(']'),
                "{text}"
            );
        }
    }
    let en_doc = templates::solution_documentation(t.state(), at(30).at, &en).unwrap();
    assert!(
        en_doc.starts_with("Ticket: T-7\nClosing date: 2025-03-03\nTime to resolve: 3 min"),
        "{en_doc}"
    );
    assert!(en_doc.ends_with("Status: Resolved"));
    // A custom signature is used, in each language.
    let custom = Policy {
        team_signature: ticketry::policy::Signature {
            ru: "Поддержка ЖК".into(),
            en: "Support".into(),
        },
        ..Policy::default()
    };
    assert!(templates::final_notification(t.state(), "Анна", &custom)
        .unwrap()
        .ends_with("Анна\nПоддержка ЖК"));
}

#[test]
fn cls_2_client_questions_asked_while_confirming_block_the_close_until_answered() {
    let policy = Policy::default();
    let mut t = Ticket::open(new_ticket("T-8"), at(0)).unwrap();
    make_ready(&mut t, 1, None, &policy);
    apply(&mut t, ResumeWork::because("Клиент уточняет"), 10, &policy);
    apply(&mut t, VerifyResolution::all_checked(""), 11, &policy);
    apply(&mut t, RequestConfirmation::default(), 12, &policy);
    let confirm = RecordConfirmation {
        note: "Да".into(),
        further_questions: vec!["А гостевые пропуска?".into()],
    };
    apply(&mut t, confirm, 13, &policy);
    let unmet = t.why_blocked(CommandKind::Close, at(14).at, &policy);
    assert!(
        unmet.iter().any(|u| u.code == UnmetCode::QuestionUnanswered
            && u.field.as_deref() == Some("questions[1]")),
        "{unmet:?}"
    );
    apply(
        &mut t,
        AnswerQuestion::new(1, "Да, тоже работают"),
        14,
        &policy,
    );
    apply(&mut t, doc(None), 15, &policy);
    apply(
        &mut t,
        CheckCompleteness {
            diagnostics_apply: false,
        },
        16,
        &policy,
    );
    apply(&mut t, SendFinalNotification::default(), 17, &policy);
    apply(&mut t, Close::new("Решено", "Работает"), 18, &policy);
    assert_eq!(t.status(), Status::Closed);
}

#[test]
fn cls_chk_reminded_ticket_tells_when_the_mark_close_becomes_possible() {
    let policy = Policy::default();
    let mut t = Ticket::open(new_ticket("T-9"), at(0)).unwrap();
    apply(&mut t, LogMessage::to_client("Проверяем"), 1, &policy);
    apply(&mut t, VerifyResolution::all_checked(""), 2, &policy);
    apply(&mut t, RequestConfirmation::default(), 3, &policy);
    // Friday 7 March 2025, 12:00 Moscow: Saturday 8 March is a holiday, then Sunday.
    let friday = Meta::new(
        Actor::specialist("anna", "Анна"),
        Utc.with_ymd_and_hms(2025, 3, 7, 9, 0, 0).unwrap(),
    );
    t.apply(SendConfirmationReminder::default().into(), friday, &policy)
        .unwrap();
    let list = ticketry::checklist::closing_checklist(t.state(), &policy);
    let confirmed = list.iter().find(|i| i.key == "client_confirmed").unwrap();
    assert_eq!(confirmed.status, ticketry::checklist::ItemStatus::Pending);
    assert!(
        confirmed.explanation_ru.contains("с 11.03.2025 12:00"),
        "{}",
        confirmed.explanation_ru
    );
    assert!(
        confirmed.explanation_en.contains("from 11.03.2025 12:00"),
        "{}",
        confirmed.explanation_en
    );
    let from = Utc.with_ymd_and_hms(2025, 3, 11, 9, 0, 0).unwrap();
    assert_eq!(t.mark_close_possible_from(&policy), Some(from));
    let hour_later = Utc.with_ymd_and_hms(2025, 3, 7, 10, 0, 0).unwrap();
    let unmet = t.why_blocked(CommandKind::CloseWithoutConfirmation, hour_later, &policy);
    assert!(
        unmet[0]
            .message_ru
            .starts_with("Клиенту даётся 2 рабочих дня"),
        "{}",
        unmet[0].message_ru
    );
    let one_day = Policy {
        confirmation_wait_business_days: 1,
        ..Policy::default()
    };
    let unmet = t.why_blocked(CommandKind::CloseWithoutConfirmation, hour_later, &one_day);
    assert!(
        unmet[0]
            .message_ru
            .starts_with("Клиенту даётся 1 рабочий день"),
        "{}",
        unmet[0].message_ru
    );
    let verified = list
        .iter()
        .find(|i| i.key == "solved_and_verified")
        .unwrap();
    assert_eq!(verified.explanation_ru, "Проверено 03.03.2025 09:02");
}

#[test]
fn open_is_never_available_on_an_existing_ticket() {
    let policy = Policy::default();
    let t = Ticket::open(new_ticket("T-10"), at(0)).unwrap();
    let unmet = t.why_blocked(CommandKind::Open, at(1).at, &policy);
    assert_eq!(unmet.len(), 1);
    assert_eq!(
        unmet[0].message_en,
        "`open` starts a new ticket; this one is already open (in_work)"
    );
    assert!(t
        .available_commands(at(1).at, &policy)
        .iter()
        .all(|a| a.command != CommandKind::Open));
    let mut t2 = t.clone();
    let err = t2
        .apply(Command::Open(new_ticket("T-11")), at(1), &policy)
        .unwrap_err();
    assert_eq!(err, ApplyError::AlreadyOpened);
}
