//! Properties of repeat detection (REP-1) on arbitrary text: nothing panics,
//! spans point at the text, scores stay in [0, 1], only strictly earlier
//! tickets come back, and an incremental index answers like a fresh one.

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use ticketry::detection::reference::find_references;
use ticketry::detection::text::analyze;
use ticketry::detection::{
    DetectionDoc, DetectionPolicy, DetectionQuery, Detector, Outcome, ReferenceFormat,
};
use ticketry::ticket::{ClientId, TicketId};

/// Text made of the pieces support tickets are made of, plus arbitrary
/// Unicode: Cyrillic and Latin words, look-alikes, ё, digits, ticket marks,
/// combining marks, full-width letters, emoji.
fn ticket_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("шлагбаум".to_owned()),
        Just("не".to_owned()),
        Just("открываеться".to_owned()),
        Just("пропуск".to_owned()),
        Just("нe".to_owned()),
        Just("ёлка".to_owned()),
        Just("обращение №".to_owned()),
        Just("заявка".to_owned()),
        Just("T-".to_owned()),
        Just("Т-".to_owned()),
        Just("#".to_owned()),
        Just("\u{301}".to_owned()),
        Just("и\u{306}".to_owned()),
        Just("ｇａｔｅ".to_owned()),
        Just("getFileStatus".to_owned()),
        Just("🚗".to_owned()),
        "[0-9]{1,14}",
        "\\PC{0,12}",
        "[ ,.:;–-]{1,3}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.join(" "))
}

fn at(day: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 1, 9, 0, 0)
        .single()
        .unwrap_or_default()
        + Duration::days(day)
}

#[allow(clippy::unwrap_used)] // test data: the ids are valid by construction
fn doc(i: usize, client: usize, day: i64, subject: String, description: String) -> DetectionDoc {
    DetectionDoc {
        id: TicketId::new(format!("T-{}", 1000 + i)).unwrap(),
        client_id: ClientId::new(format!("c-{client}")).unwrap(),
        product: if client % 2 == 0 {
            "PASS24 Шлагбаум".into()
        } else {
            "Гостевые пропуска".into()
        },
        opened_at: at(day),
        subject,
        description,
        outcome: if i % 3 == 0 {
            Outcome::Solved
        } else {
            Outcome::Open
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn rep_1_analysis_and_references_never_panic_and_spans_fit(text in ticket_text()) {
        for t in analyze(&text) {
            prop_assert!(t.start < t.end && t.end <= text.len());
            prop_assert!(text.get(t.start..t.end).is_some(), "span on char boundaries");
            prop_assert!(!t.stem.is_empty());
        }
        for r in find_references(&text, &ReferenceFormat::default()) {
            prop_assert_eq!(text.get(r.start..r.end), Some(r.text.as_str()));
            prop_assert!(r.id.as_str().starts_with("T-"));
        }
    }

    #[test]
    fn rep_1_detect_returns_only_earlier_tickets_with_scores_in_range(
        tickets in prop::collection::vec((0usize..4, 0i64..60, ticket_text(), ticket_text()), 0..25),
        query in (0usize..4, 0i64..60, ticket_text(), ticket_text()),
    ) {
        let docs: Vec<DetectionDoc> = tickets
            .into_iter()
            .enumerate()
            .map(|(i, (c, d, s, t))| doc(i, c, d, s, t))
            .collect();
        let detector = Detector::from_docs(docs.clone()).unwrap();
        let (c, d, s, t) = query;
        let q = DetectionQuery {
            id: docs.first().map(|x| x.id.clone()),
            client_id: ClientId::new(format!("c-{c}")).unwrap(),
            product: "PASS24 Шлагбаум".into(),
            opened_at: at(d),
            subject: s,
            description: t,
        };
        let found = detector.detect(&q, &DetectionPolicy::default());
        prop_assert!(found.candidates.len() <= DetectionPolicy::default().max_candidates);
        let mut last = f64::INFINITY;
        for cand in &found.candidates {
            prop_assert!((0.0..=1.0).contains(&cand.score), "{}", cand.score);
            prop_assert!((0.0..=1.0).contains(&cand.signals.text_similarity));
            prop_assert!((0.0..=1.0).contains(&cand.type_confidence));
            prop_assert!(Some(&cand.id) != q.id.as_ref(), "never the query itself");
            let earlier = docs.iter().find(|x| x.id == cand.id).unwrap();
            prop_assert!(earlier.opened_at < q.opened_at, "only strictly earlier tickets");
            prop_assert!(cand.score <= last, "sorted best first");
            last = cand.score;
        }
        let sim = detector.text_similarity(&q.subject, &q.description);
        prop_assert!((0.0..=1.0).contains(&sim));
    }

    #[test]
    fn rep_1_removing_and_re_adding_answers_like_a_fresh_index(
        tickets in prop::collection::vec((0usize..3, 0i64..40, ticket_text(), ticket_text()), 1..15),
        remove in prop::collection::vec(any::<prop::sample::Index>(), 0..5),
        query in (ticket_text(), ticket_text()),
    ) {
        let docs: Vec<DetectionDoc> = tickets
            .into_iter()
            .enumerate()
            .map(|(i, (c, d, s, t))| doc(i, c, d, s, t))
            .collect();
        let mut incremental = Detector::from_docs(docs.clone()).unwrap();
        let removed: Vec<TicketId> = remove.iter().map(|ix| ix.get(&docs).id.clone()).collect();
        for id in &removed {
            incremental.remove(id);
        }
        let kept: Vec<DetectionDoc> = docs.iter().filter(|x| !removed.contains(&x.id)).cloned().collect();
        let fresh = Detector::from_docs(kept.clone()).unwrap();
        prop_assert_eq!(incremental.len(), fresh.len());
        let q = DetectionQuery {
            id: None,
            client_id: ClientId::new("c-1").unwrap(),
            product: "Гостевые пропуска".into(),
            opened_at: at(100),
            subject: query.0,
            description: query.1,
        };
        let policy = DetectionPolicy::default();
        let a = incremental.detect(&q, &policy);
        let b = fresh.detect(&q, &policy);
        let ids = |d: &ticketry::detection::Detection| d.candidates.iter().map(|c| (c.id.clone(), (c.score * 1e6).round() as i64)).collect::<Vec<_>>();
        prop_assert_eq!(ids(&a), ids(&b));
    }
}
