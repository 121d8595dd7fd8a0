//! Property tests of the closure process: random command sequences never
//! produce a closed ticket that breaks the readiness rules CLS-R1..R4 (other
//! than the documented close-with-mark path of CLS-S1), refusals change
//! nothing, replay is deterministic, and serde round-trips.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use ticketry::closure::*;
use ticketry::event::Event;
use ticketry::state::TicketState;
use ticketry::ticket::{Actor, ClientId, Direction, LinkKind, Meta, NewTicket, Priority, TicketId};
use ticketry::{ApplyError, Policy, Ticket};

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 3, 6, 0, 0).unwrap()
}

fn text(choice: u8) -> String {
    match choice % 6 {
        0 => String::new(),
        1 => "TODO".into(),
        2 => "-".into(),
        3 => "[Описание]".into(),
        _ => "Перезапустили контроллер шлагбаума, проезд проверен".into(),
    }
}

/// One random command, with plausible (sometimes empty or placeholder) data.
fn command(kind: usize, a: u8, b: u8, flag: bool) -> Command {
    let good = |c: u8| if c % 4 == 0 { text(c / 4) } else { text(5) };
    match kind % 22 {
        0 => LogMessage {
            direction: if flag {
                Direction::ToClient
            } else {
                Direction::FromClient
            },
            text: good(a),
            channel: None,
        }
        .into(),
        1 => AddDiagnostic {
            summary: good(a),
            details: String::new(),
        }
        .into(),
        2 => LogWork::minutes(u32::from(a % 4) * 15, "работа").into(),
        3 => RecordQuestion::new(good(a)).into(),
        4 => AnswerQuestion::new(u32::from(a % 4), good(b)).into(),
        5 => LinkTicket::of_kind(
            TicketId::new(if flag { "T-1" } else { "T-9" }).unwrap(),
            LinkKind::RelatedTo,
            good(b),
        )
        .into(),
        6 => SolutionDocumentation {
            problem_description: good(a),
            cause: good(b),
            applied_solution: good(a.wrapping_add(b)),
            recommendations: good(b.wrapping_mul(3)),
            resources: if flag {
                vec![good(a.wrapping_mul(5))]
            } else {
                vec![]
            },
            product_update: if a % 3 == 0 { Some(good(b)) } else { None },
        }
        .into(),
        7 => CheckCompleteness {
            diagnostics_apply: flag,
        }
        .into(),
        8 => RecordKnowledgeBaseDecision {
            decision: match a % 4 {
                0 => KnowledgeBaseDecision::ArticleCreated { article: good(b) },
                1 => KnowledgeBaseDecision::ArticleUpdated { article: good(b) },
                2 => KnowledgeBaseDecision::NotNeededTypical,
                _ => KnowledgeBaseDecision::NotNeededAlreadyCovered { article: good(b) },
            },
        }
        .into(),
        9 => RequireProductUpdate {
            update: good(a),
            instructions: good(b),
        }
        .into(),
        10 => ConfirmProductUpdate { note: good(a) }.into(),
        11 => VerifyResolution {
            system_works: a % 5 != 0,
            all_aspects_solved: b % 5 != 0,
            no_related_problems: flag || a % 2 == 0,
            note: String::new(),
        }
        .into(),
        12 => ResumeWork::because(good(a)).into(),
        13 => RequestConfirmation {
            message: if flag { None } else { Some(good(a)) },
        }
        .into(),
        14 => SendConfirmationReminder {
            message: if flag { None } else { Some(good(a)) },
        }
        .into(),
        15 => RecordConfirmation {
            note: good(a),
            further_questions: if b % 7 == 0 { vec![good(a)] } else { vec![] },
        }
        .into(),
        16 => RecordNotSolved::because(good(a)).into(),
        17 => SendFinalNotification {
            text: if flag { None } else { Some(good(a)) },
        }
        .into(),
        18 => Close::new(good(a), good(b)).into(),
        19 => CloseWithoutConfirmation::new(good(a), good(b)).into(),
        20 => Reopen {
            reason: good(a),
            mistake_cause: good(b),
            client_notice: good(a ^ b),
            reported_by_client: flag,
        }
        .into(),
        _ => LogWork::minutes(30, "").into(),
    }
}

/// Steps: (command kind, two data choices, a flag, minutes to wait before it).
fn steps() -> impl Strategy<Value = Vec<(usize, u8, u8, bool, u32)>> {
    prop::collection::vec(
        (
            0usize..22,
            any::<u8>(),
            any::<u8>(),
            any::<bool>(),
            prop_oneof![0u32..120, 0u32..(60 * 24 * 6)],
        ),
        1..45,
    )
}

/// A path toward closing (kinds of [`command`]), to be spoiled and interleaved
/// with noise: random sequences alone would rarely reach `closed`.
const CLOSING_PATH: &[usize] = &[0, 1, 2, 3, 4, 11, 13, 15, 6, 7, 8, 17, 18];
const MARK_PATH: &[usize] = &[0, 1, 2, 11, 13, 6, 7, 8, 14, 17, 19, 20, 11, 13, 15];

/// Steps that mostly follow a closing path (with a mark or not), with some
/// steps spoiled (bad data) or replaced, and noise commands in between.
fn guided_steps() -> impl Strategy<Value = Vec<(usize, u8, u8, bool, u32)>> {
    (
        any::<bool>(),
        prop::collection::vec(
            (
                0u8..10,
                0usize..22,
                any::<u8>(),
                any::<u8>(),
                any::<bool>(),
                0u32..(60 * 24 * 4),
            ),
            15..40,
        ),
    )
        .prop_map(|(mark, noise)| {
            let path = if mark { MARK_PATH } else { CLOSING_PATH };
            let mut out = Vec::new();
            let mut next = 0;
            for (roll, kind, a, b, flag, wait) in noise {
                let data = if roll == 0 { a } else { 1 }; // mostly good data
                match roll {
                    0..=6 if next < path.len() => {
                        out.push((
                            path[next],
                            data,
                            if roll == 0 { b } else { 1 },
                            flag || roll > 0,
                            wait,
                        ));
                        next += 1;
                    }
                    _ => out.push((kind, a, b, flag, wait % 240)),
                }
            }
            out
        })
}

fn open() -> Ticket {
    Ticket::open(
        NewTicket {
            id: TicketId::new("T-1").unwrap(),
            client_id: ClientId::new("zhk-severny").unwrap(),
            contact_name: "Ирина Петрова".into(),
            product: "PASS24 Шлагбаум".into(),
            subject: "Не открывается шлагбаум".into(),
            description: "Шлагбаум не реагирует на пропуска".into(),
            priority: Priority::High,
        },
        Meta::new(Actor::specialist("anna", "Анна"), start()),
    )
    .unwrap()
}

/// CLS-R1..R4 (and CLS-3..6, CLS-S1, CLS-S2) hold for a closed ticket.
fn assert_closed_ticket_meets_the_rules(t: &Ticket, policy: &Policy) {
    let s: &TicketState = t.state();
    let closing = s
        .closing
        .as_ref()
        .expect("CLS-7: a closed ticket has its closing record");
    let c = &s.closure;
    assert!(
        c.verification.is_some(),
        "CLS-R1: closed without verification"
    );
    if closing.without_confirmation {
        // CLS-S1: the documented close with a mark.
        let reminder = c
            .reminder
            .as_ref()
            .expect("CLS-S1: a close with a mark needs the reminder");
        let deadline = policy.calendar.business_deadline(
            reminder.at,
            policy.confirmation_wait_business_days,
            policy.time_zone,
        );
        assert!(
            closing.at >= deadline,
            "CLS-S1: closed with a mark before the wait"
        );
        assert!(c.confirmation.is_none());
    } else {
        assert!(
            c.confirmation.is_some(),
            "CLS-R2: closed without confirmation"
        );
    }
    let doc = c
        .documentation
        .as_ref()
        .expect("CLS-R3: closed without documentation");
    assert!(!doc.stale, "CLS-3: closed with stale documentation");
    for field in [
        &doc.documentation.problem_description,
        &doc.documentation.cause,
        &doc.documentation.applied_solution,
        &doc.documentation.recommendations,
    ] {
        assert!(
            !is_placeholder(field),
            "CLS-3: placeholder documented: {field:?}"
        );
    }
    assert!(doc
        .documentation
        .resources
        .iter()
        .any(|r| !is_placeholder(r)));
    assert!(
        s.questions.iter().all(|q| q.is_answered()),
        "CLS-R4: unanswered question"
    );
    assert!(c.completeness.is_some(), "CLS-4");
    assert!(
        s.handling_minutes() > 0 && s.has_communication(),
        "CLS-4: information missing"
    );
    assert!(c.knowledge_base.is_some(), "CLS-5");
    assert!(c.final_notification.is_some(), "CLS-6");
    assert!(
        s.product_updates.iter().all(|u| u.confirmed.is_some()),
        "CLS-S2"
    );
    if !s.product_updates.is_empty() {
        assert!(
            doc.documentation
                .product_update
                .as_deref()
                .is_some_and(|u| !is_placeholder(u)),
            "CLS-S2: update not documented"
        );
    }
}

/// Applies the steps, ignoring refusals.
fn run(steps: Vec<(usize, u8, u8, bool, u32)>, policy: &Policy) -> (Ticket, DateTime<Utc>) {
    let mut t = open();
    let mut now = start();
    for (kind, a, b, flag, wait) in steps {
        now += Duration::minutes(i64::from(wait));
        let _ = t.apply(
            command(kind, a, b, flag),
            Meta::new(Actor::specialist("anna", "Анна"), now),
            policy,
        );
    }
    (t, now)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// CLS-R1, CLS-R2, CLS-R3, CLS-R4, CLS-S1: whatever the sequence, a closed
    /// ticket met every readiness rule (or the close-with-mark path).
    #[test]
    fn closed_ticket_always_meets_cls_r1_to_r4(steps in prop_oneof![steps(), guided_steps()]) {
        let policy = Policy::default();
        let mut t = open();
        let mut now = start();
        for (kind, a, b, flag, wait) in steps {
            now += Duration::minutes(i64::from(wait));
            let cmd = command(kind, a, b, flag);
            let before = t.clone();
            let meta = Meta::new(Actor::specialist("anna", "Анна"), now);
            let can = t.can(&cmd, &meta, &policy);
            let prev_status = t.status();
            match t.apply(cmd.clone(), meta, &policy) {
                Ok(event) => {
                    prop_assert!(can, "can() said no but apply accepted {:?}", cmd.kind());
                    prop_assert_eq!(event.seq, before.version() + 1);
                    let def = cmd.kind().definition();
                    prop_assert!(def.allowed_in(prev_status), "{:?} accepted from {}", cmd.kind(), prev_status);
                    prop_assert_eq!(t.status(), def.target_from(prev_status));
                    prop_assert_eq!(t.version(), before.version() + 1);
                }
                Err(_) => {
                    prop_assert!(!can, "can() said yes but apply refused {:?}", cmd.kind());
                    // A refusal never half-applies anything.
                    prop_assert_eq!(&t, &before);
                }
            }
            if t.status() == Status::Closed {
                assert_closed_ticket_meets_the_rules(&t, &policy);
            }
        }
    }

    /// Replay is deterministic: events and JSON both give an identical ticket.
    #[test]
    fn replay_is_deterministic_and_json_round_trips(steps in steps()) {
        let (t, _) = run(steps, &Policy::default());
        let from_events = Ticket::from_events(t.history().to_vec()).unwrap();
        prop_assert_eq!(&from_events, &t);
        let from_json = Ticket::from_json(&t.to_json()).unwrap();
        prop_assert_eq!(&from_json, &t);
        let via_serde: Ticket = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        prop_assert_eq!(&via_serde, &t);
        let state: TicketState = serde_json::from_str(&serde_json::to_string(t.state()).unwrap()).unwrap();
        prop_assert_eq!(&state, t.state());
        for e in t.history() {
            let back: Event = serde_json::from_str(&serde_json::to_string(e).unwrap()).unwrap();
            prop_assert_eq!(&back, e);
            let cmd = Command::from_json(&serde_json::to_string(&e.command).unwrap()).unwrap();
            prop_assert_eq!(&cmd, &e.command);
        }
    }

    /// `why_blocked(kind)` is empty exactly when `available_commands` lists the kind as allowed.
    #[test]
    fn why_blocked_agrees_with_available_commands(steps in steps()) {
        let policy = Policy::default();
        let mut t = open();
        let mut now = start();
        for (kind, a, b, flag, wait) in steps {
            now += Duration::minutes(i64::from(wait));
            let _ = t.apply(command(kind, a, b, flag), Meta::new(Actor::specialist("anna", "Анна"), now), &policy);
            let available = t.available_commands(now, &policy);
            for k in CommandKind::ALL {
                let blocked = t.why_blocked(*k, now, &policy);
                match available.iter().find(|a| a.command == *k) {
                    Some(a) => prop_assert_eq!(a.allowed, blocked.is_empty()),
                    None => prop_assert!(!blocked.is_empty(), "{:?} not available but not blocked", k),
                }
            }
        }
    }

    /// A stale expected version is always a conflict, and changes nothing.
    #[test]
    fn stale_version_is_always_a_conflict(steps in steps(), lag in 1u64..5) {
        let policy = Policy::default();
        let (mut t, now) = run(steps, &policy);
        let before = t.clone();
        let stale = t.version().saturating_sub(lag);
        let err = t
            .apply_expecting(stale, LogWork::minutes(5, "").into(), Meta::new(Actor::system("x"), now), &policy)
            .unwrap_err();
        prop_assert_eq!(err, ApplyError::VersionConflict { expected: stale, actual: before.version() });
        prop_assert_eq!(t, before);
    }

    /// The policy serialises and reads back equal.
    #[test]
    fn policy_round_trips(wait in 1u32..=2, en in any::<bool>()) {
        let policy = Policy {
            confirmation_wait_business_days: wait,
            locale: if en { ticketry::policy::Locale::En } else { ticketry::policy::Locale::Ru },
            ..Policy::default()
        };
        prop_assert_eq!(Policy::from_json(&policy.to_json()).unwrap(), policy);
    }
}

/// The closing property is not vacuous: with a fixed seed, a good share of the
/// guided sequences really close, with and without confirmation (CLS-7, CLS-S1).
#[test]
fn guided_sequences_reach_both_closings() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let policy = Policy::default();
    let mut runner = TestRunner::deterministic();
    let (mut closed, mut with_mark, total) = (0, 0, 400);
    for _ in 0..total {
        let steps = guided_steps().new_tree(&mut runner).unwrap().current();
        let mut t = open();
        let mut now = start();
        let mut seen_closed = false;
        for (kind, a, b, flag, wait) in steps {
            now += Duration::minutes(i64::from(wait));
            let _ = t.apply(
                command(kind, a, b, flag),
                Meta::new(Actor::specialist("anna", "Анна"), now),
                &policy,
            );
            if let Some(c) = &t.state().closing {
                seen_closed = true;
                if c.without_confirmation {
                    with_mark += 1;
                    break;
                }
            }
        }
        if seen_closed {
            closed += 1;
        }
    }
    println!("{closed} of {total} guided sequences closed, {with_mark} with a mark");
    assert!(
        closed * 10 >= total,
        "only {closed} of {total} guided sequences closed"
    );
    assert!(
        with_mark * 50 >= total,
        "only {with_mark} of {total} closed with a mark"
    );
}
