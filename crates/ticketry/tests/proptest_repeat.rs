//! Property tests of the repeat workflow (REP rules):
//! - REP-3: link validation never accepts a link to the ticket itself, to an
//!   unknown ticket or to a later one, so the links of an archive never form a
//!   cycle; a refused link changes nothing;
//! - REP-2, REP-4, REP-5, REP-7, REP-LINKALL: a closed repeat ticket always
//!   satisfies the REP closing rules, whatever order or omissions the steps
//!   came in (and enough random runs do close for this to mean something).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::HashMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use ticketry::archive::Archive;
use ticketry::closure::*;
use ticketry::repeat::*;
use ticketry::ticket::{Actor, LinkKind, Meta, NewTicket, TicketId};
use ticketry::{Policy, Ticket};

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 3, 6, 0, 0).unwrap() + Duration::minutes(minutes)
}

fn meta(minutes: i64) -> Meta {
    Meta::new(Actor::specialist("anna", "Анна Смирнова"), at(minutes))
}

fn new_ticket(id: &str, client: &str) -> NewTicket {
    NewTicket::from_json(
        &serde_json::json!({
            "id": id, "client_id": client, "contact_name": "Ирина Петрова",
            "product": "PASS24 Шлагбаум", "subject": "Не открывается шлагбаум",
            "description": "Шлагбаум не реагирует на пропуска"
        })
        .to_string(),
    )
    .unwrap()
}

fn id(i: usize) -> TicketId {
    TicketId::new(format!("T-{i}")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// REP-3: whatever links are attempted between tickets opened at random
    /// (sometimes equal) times, only links to known, strictly earlier tickets
    /// are accepted; hence the link graph is acyclic.
    #[test]
    fn rep_3_links_point_back_in_time_and_never_form_a_cycle(
        opened in prop::collection::vec(0i64..6, 2..8),
        attempts in prop::collection::vec((0usize..9, 0usize..9, 0u8..3, any::<bool>()), 1..30),
    ) {
        let policy = Policy::default();
        let mut archive = Archive::new();
        for (i, &day) in opened.iter().enumerate() {
            archive.open(new_ticket(&format!("T-{i}"), "c-1"), meta(day * 1440)).unwrap();
        }
        let n = opened.len();
        let opened_at: HashMap<TicketId, DateTime<Utc>> =
            (0..n).map(|i| (id(i), at(opened[i] * 1440))).collect();
        for (step, &(from, to, kind, repeat)) in attempts.iter().enumerate() {
            let from = id(from % n);
            // Index n and above name tickets that are not in the archive.
            let target = id(to);
            let kind = [LinkKind::RepeatOf, LinkKind::RelatedTo, LinkKind::ContinuationOf][usize::from(kind)];
            if kind == LinkKind::RepeatOf && repeat {
                let _ = archive.apply(&from, RecordRepeatDecision::repeat(HistoryCheck::ALL, "").into(), meta(10_000 + step as i64), &policy);
            }
            let mut link = LinkTicket::of_kind(target.clone(), kind, "связь");
            if kind == LinkKind::RepeatOf {
                link.repeat_type = Some(RepeatType::SameProblem);
            }
            let before = archive.get(&from).unwrap().clone();
            let result = archive
                .apply(&from, link.into(), meta(10_000 + step as i64), &policy)
                .map(|_| ());
            let after = archive.get(&from).unwrap();
            match result {
                Ok(_) => {
                    prop_assert_ne!(&target, &from);
                    let target_at = opened_at.get(&target).copied();
                    prop_assert!(target_at.is_some(), "accepted a link to unknown {}", target);
                    prop_assert!(target_at.unwrap() < after.state().created_at, "accepted a link to a later ticket");
                }
                Err(_) => prop_assert_eq!(&before, after, "a refused link changed the ticket"),
            }
        }
        // Every stored link points strictly back in time: no cycle is possible,
        // and none exists (a walk along links always ends).
        for t in archive.iter() {
            for l in &t.state().links {
                prop_assert!(l.target_opened_at < t.state().created_at);
                prop_assert_eq!(Some(l.target_opened_at), opened_at.get(&l.target).copied());
            }
        }
        for t in archive.iter() {
            let mut stack: Vec<TicketId> = t.state().links.iter().map(|l| l.target.clone()).collect();
            let mut seen = std::collections::HashSet::new();
            while let Some(cur) = stack.pop() {
                prop_assert_ne!(&cur, t.id(), "a cycle through {}", t.id());
                if seen.insert(cur.clone()) {
                    if let Some(c) = archive.get(&cur) {
                        stack.extend(c.state().links.iter().map(|l| l.target.clone()));
                    }
                }
            }
        }
    }
}

/// The steps of a careful specialist on a repeat of T-1 and T-2, then the
/// closure process and the close. A run drops and swaps some of them.
fn full_flow(cause: RecurrenceCause, archive: &Archive) -> Vec<Command> {
    let analysis = |i: usize| {
        let mut a = RecordRepeatAnalysis::from_earlier(archive.get(&id(i)).unwrap().state());
        a.applied_solution = "Перезапуск контроллера".into();
        a.result = "Проезд восстановлен".into();
        Command::from(a)
    };
    let action = RepeatAction::for_cause(cause).unwrap();
    let mut apply = ApplyRepeatSolution::new(action, "Сделали то, что требует причина");
    if action == RepeatAction::AdaptSolution {
        apply.conditions_change = Some(ConditionsChange {
            what_changed: "Заменили роутер".into(),
            adapted_solution: "Статический адрес контроллера".into(),
        });
    }
    vec![
        RecordRepeatDecision::repeat(HistoryCheck::ALL, "Клиент ссылается на прошлые обращения")
            .into(),
        LinkTicket::repeat_of(id(1), RepeatType::SameProblem, "снова").into(),
        LinkTicket::repeat_of(id(2), RepeatType::NotFullyResolved, "и это").into(),
        analysis(1),
        analysis(2),
        DetermineCause::new(cause, "Выяснили у клиента").into(),
        apply.into(),
        GivePreventionRecommendations {
            how_to_avoid: "Подключить ИБП".into(),
            if_it_recurs: "Написать нам".into(),
            additional: String::new(),
        }
        .into(),
        ConfirmRecommendationsUnderstood {
            note: "понятно".into(),
        }
        .into(),
        LogMessage::to_client("Здравствуйте! Проверяем.").into(),
        LogWork::minutes(30, "Диагностика").into(),
        VerifyResolution::all_checked("Проверено").into(),
        RequestConfirmation::default().into(),
        RecordConfirmation::with_note("Работает").into(),
        SolutionDocumentation {
            problem_description: "Шлагбаум".into(),
            cause: "Питание".into(),
            applied_solution: "Перезапуск".into(),
            recommendations: "ИБП".into(),
            resources: vec!["KB-1".into()],
            product_update: None,
        }
        .into(),
        CheckCompleteness {
            diagnostics_apply: false,
        }
        .into(),
        RecordKnowledgeBaseDecision {
            decision: KnowledgeBaseDecision::NotNeededTypical,
        }
        .into(),
        SendFinalNotification::default().into(),
        Close::new("Решено", "Работает").into(),
    ]
}

fn assert_rep_closing_rules(t: &Ticket) -> Result<(), TestCaseError> {
    let s = t.state();
    let r = &s.repeat;
    let links: Vec<_> = s.repeats_of().collect();
    prop_assert!(!links.is_empty(), "REP-3: closed without a repeat link");
    for l in &links {
        prop_assert!(
            r.analysis_of(&l.target).is_some(),
            "REP-2: {} not analysed",
            l.target
        );
        prop_assert!(l.cause.is_known(), "REP-4: link cause unknown");
    }
    for a in &r.analyses {
        prop_assert!(
            links.iter().any(|l| l.target == a.earlier),
            "REP-LINKALL: {} not linked",
            a.earlier
        );
    }
    prop_assert!(
        r.determined_cause().is_known(),
        "REP-4: cause not determined"
    );
    prop_assert!(!r.actions.is_empty(), "REP-5: no action");
    let last = r.actions.last().unwrap();
    prop_assert_eq!(
        Some(last.action),
        RepeatAction::for_cause(r.determined_cause())
    );
    let p = r.prevention.as_ref();
    prop_assert!(
        p.is_some_and(|p| p.understood.is_some()),
        "REP-7: recommendations not given and understood"
    );
    prop_assert!(
        s.closure.verification.is_some() && s.closure.confirmation.is_some(),
        "REP-6: not verified and confirmed"
    );
    Ok(())
}

fn run_flow(
    cause_pick: usize,
    drops: &[bool],
    swaps: &[usize],
) -> Result<Option<Ticket>, TestCaseError> {
    let policy = Policy::default();
    let mut archive = Archive::new();
    archive.open(new_ticket("T-1", "c-1"), meta(-3000)).unwrap();
    archive.open(new_ticket("T-2", "c-1"), meta(-2000)).unwrap();
    archive.open(new_ticket("T-3", "c-1"), meta(0)).unwrap();
    let cause = RecurrenceCause::ALL[1 + cause_pick % 4];
    let mut steps = full_flow(cause, &archive);
    for &s in swaps {
        let i = s % (steps.len() - 1);
        steps.swap(i, i + 1);
    }
    let target = id(3);
    for (i, cmd) in steps.into_iter().enumerate() {
        if drops.get(i).copied().unwrap_or(false) {
            continue;
        }
        let before = archive.get(&target).unwrap().clone();
        if archive
            .apply(&target, cmd, meta(10 + i as i64 * 5), &policy)
            .is_err()
        {
            prop_assert_eq!(
                &before,
                archive.get(&target).unwrap(),
                "a refusal changed the ticket"
            );
        }
    }
    let t = archive.get(&target).unwrap().clone();
    Ok((t.status() == Status::Closed).then_some(t))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Whatever the order and omissions, a repeat ticket that closed meets
    /// every REP closing rule.
    #[test]
    fn a_closed_repeat_ticket_meets_every_rep_closing_rule(
        cause in 0usize..4,
        drops in prop::collection::vec(prop::bool::weighted(0.06), 19),
        swaps in prop::collection::vec(0usize..18, 0..3),
    ) {
        if let Some(t) = run_flow(cause, &drops, &swaps)? {
            if t.state().is_repeat() {
                assert_rep_closing_rules(&t)?;
            } else {
                // Without the REP-1 decision no repeat step could be taken.
                prop_assert!(t.state().links.is_empty() && t.state().repeat == RepeatWork::default());
            }
        }
    }
}

/// The property above is not vacuous: a fair share of random runs close, and
/// runs that drop a REP step do not.
#[test]
fn random_repeat_flows_do_close_and_dropping_a_rep_step_blocks_it() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = (
        0usize..4,
        prop::collection::vec(prop::bool::weighted(0.06), 19),
        prop::collection::vec(0usize..18, 0..3),
    );
    let (mut closed, mut runs) = (0, 0);
    for _ in 0..300 {
        let (cause, drops, swaps) = strategy.new_tree(&mut runner).unwrap().current();
        runs += 1;
        if run_flow(cause, &drops, &swaps).unwrap().is_some() {
            closed += 1;
        }
    }
    assert!(
        closed * 5 >= runs,
        "only {closed} of {runs} random runs closed"
    );
    // Dropping any one REP step after the decision (links, analyses, cause,
    // action, recommendations, understanding) keeps the ticket open.
    for step in 1..9 {
        let mut drops = vec![false; 19];
        drops[step] = true;
        assert!(
            run_flow(0, &drops, &[]).unwrap().is_none(),
            "closed without REP step {step}"
        );
    }
    assert!(run_flow(0, &[false; 19], &[]).unwrap().is_some());
    // Without the decision nothing marks the ticket a repeat, and it closes as
    // an ordinary ticket: the typical error "repeat not detected" (REP-ERR),
    // which a policy with `require_decision_to_close` prevents (conformance:
    // policy-requires-decision-to-close).
    let mut drops = vec![false; 19];
    drops[0] = true;
    let t = run_flow(0, &drops, &[])
        .unwrap()
        .expect("closes as an ordinary ticket");
    assert!(!t.state().is_repeat());
}
