//! `ticketry triage`: the earlier tickets a ticket likely repeats (REP-1), by the
//! core's [`Detector`].
//!
//! The whole archive is indexed once; every ticket is then asked, in time
//! order, against that index. The detector only returns tickets opened
//! strictly before the query, so each ticket sees only earlier ones. One
//! thing is not "as of then": term rarity (BM25's document frequencies) is
//! counted over the whole archive, later tickets included, so a word that
//! became common later weighs a little less than it did at the time. The
//! queries run on several threads (`Detector::detect` takes `&self`); the
//! output keeps the time order.

use std::io::Write;

use rustc_hash::FxHashMap;
use serde::Serialize;
use ticketry::detection::{
    AnalyzedDoc, Candidate, Decision, DetectionDoc, DetectionQuery, Detector,
};
use ticketry::Policy;

/// What triage holds of the archive: the index, the documents in time order
/// and the solutions candidates show.
#[derive(Debug, Default)]
pub struct Triage {
    /// The detection index over every ticket.
    pub detector: Detector,
    /// Every ticket, oldest first.
    pub docs: Vec<DetectionDoc>,
    /// The solution of each ticket that records one, by ticket id (Fx-hashed:
    /// every kept candidate of every query looks its ticket up here).
    solutions: FxHashMap<String, String>,
}

/// One ticket's triage.
#[derive(Debug, Clone, Serialize)]
pub struct TicketTriage {
    /// The ticket (absent for a new ticket without an id).
    pub id: Option<String>,
    /// When it was opened.
    pub opened_at: chrono::DateTime<chrono::Utc>,
    /// The overall decision (REP-1).
    pub decision: Decision,
    /// The candidates: by default the likely and possible repeats only.
    pub candidates: Vec<Candidate>,
}

impl Triage {
    /// Indexes tickets given with their solutions; a duplicate id is returned
    /// as an error with its position, and not indexed.
    ///
    /// The tickets are indexed in time order. Their text is analysed on
    /// worker threads (the larger part of indexing), in batches, while this
    /// thread inserts the batches before, in order
    /// ([`crate::parallel::map_in_order`]).
    pub fn build(
        items: impl IntoIterator<Item = (u64, DetectionDoc, Option<String>)>,
        mut on_duplicate: impl FnMut(u64, &DetectionDoc),
        mut on_progress: impl FnMut(),
    ) -> Result<Triage, ticketry::detection::DetectionError> {
        const BATCH: usize = 2048;
        type Item = (u64, DetectionDoc, Option<String>);
        let mut t = Triage::default();
        // every ticket is asked against the index: worth ~140 B per ticket
        t.detector.keep_ticket_terms(true);
        let mut docs: Vec<Item> = items.into_iter().collect();
        docs.sort_by(|a, b| (a.1.opened_at, &a.1.id, a.0).cmp(&(b.1.opened_at, &b.1.id, b.0)));
        t.docs.reserve(docs.len());
        let mut rest = docs.into_iter();
        let batches = std::iter::from_fn(|| {
            let batch: Vec<Item> = rest.by_ref().take(BATCH).collect();
            (!batch.is_empty()).then_some(Ok(batch))
        });
        crate::parallel::map_in_order(
            batches,
            |(line, doc, solution): Item| (line, AnalyzedDoc::new(doc), solution),
            |batch| {
                for (line, analyzed, solution) in batch {
                    if t.detector.contains(&analyzed.doc().id) {
                        on_duplicate(line, analyzed.doc());
                        continue;
                    }
                    t.detector.upsert_analyzed(&analyzed)?;
                    let doc = analyzed.into_doc();
                    if let Some(s) = solution {
                        t.solutions.insert(doc.id.as_str().to_owned(), s);
                    }
                    t.docs.push(doc);
                    on_progress();
                }
                Ok(true)
            },
        )?;
        t.docs.shrink_to_fit();
        Ok(t)
    }

    /// Triage of one query.
    pub fn triage(
        &self,
        query: &DetectionQuery,
        policy: &Policy,
        all_candidates: bool,
    ) -> TicketTriage {
        let mut found = self.detector.detect(query, &policy.detection);
        if !all_candidates {
            found
                .candidates
                .retain(|c| c.decision != Decision::NotARepeat);
        }
        for c in &mut found.candidates {
            c.solution = self.solutions.get(c.id.as_str()).cloned();
        }
        TicketTriage {
            id: query.id.as_ref().map(|i| i.as_str().to_owned()),
            opened_at: query.opened_at,
            decision: found.decision,
            candidates: found.candidates,
        }
    }

    /// Triage of every ticket in time order on `threads` threads.
    ///
    /// The workers take chunks of tickets in turn, triage them and pass each
    /// result through `render` (so the output is formatted in parallel too);
    /// `emit` gets the rendered results in time order on the calling thread,
    /// and `progress` the count done. A worker that fails ends the run with
    /// an error, after the results before it were emitted.
    pub fn triage_all<T: Send>(
        &self,
        policy: &Policy,
        all_candidates: bool,
        threads: usize,
        render: impl Fn(TicketTriage) -> T + Sync,
        mut emit: impl FnMut(T) -> std::io::Result<()>,
        mut progress: impl FnMut(u64),
    ) -> std::io::Result<()> {
        use std::collections::BTreeMap;
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        const CHUNK: usize = 256;
        let threads = threads.max(1);
        let chunks: Vec<&[DetectionDoc]> = self.docs.chunks(CHUNK).collect();
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Vec<T>)>(threads * 4);
        std::thread::scope(|s| {
            let mut workers = Vec::with_capacity(threads);
            for _ in 0..threads {
                let tx = tx.clone();
                let (chunks, next, stop, render) = (&chunks, &next, &stop, &render);
                workers.push(s.spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(part) = chunks.get(i) else { break };
                        let done: Vec<T> = part
                            .iter()
                            .map(|d| render(self.triage(&query_of(d), policy, all_candidates)))
                            .collect();
                        if tx.send((i, done)).is_err() {
                            break;
                        }
                    }
                }));
            }
            drop(tx);
            // results arrive in any order: emit them in time order
            let mut waiting: BTreeMap<usize, Vec<T>> = BTreeMap::new();
            let mut want = 0usize;
            let mut result = Ok(());
            'receive: for (i, done) in rx.iter() {
                waiting.insert(i, done);
                while let Some(done) = waiting.remove(&want) {
                    let n = done.len() as u64;
                    for r in done {
                        if let Err(e) = emit(r) {
                            result = Err(e);
                            break 'receive;
                        }
                    }
                    progress(n);
                    want += 1;
                }
            }
            // unblock and join the workers (a panicked one is an error, not a panic here)
            stop.store(true, Ordering::Relaxed);
            drop(rx);
            let failed = workers.into_iter().any(|w| w.join().is_err());
            if result.is_ok() && (failed || want != chunks.len()) {
                result = Err(std::io::Error::other("a triage thread failed"));
            }
            result
        })
    }
}

/// The query of an indexed ticket: it sees only tickets opened before it.
pub fn query_of(d: &DetectionDoc) -> DetectionQuery {
    DetectionQuery {
        id: Some(d.id.clone()),
        client_id: d.client_id.clone(),
        product: d.product.clone(),
        opened_at: d.opened_at,
        subject: d.subject.clone(),
        description: d.description.clone(),
    }
}

/// Writes one triage as a JSON line.
pub fn write_json_line(out: &mut impl Write, t: &TicketTriage) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, t)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use ticketry::detection::Outcome;
    use ticketry::ticket::{ClientId, TicketId};

    /// 1,000 tickets: four chunks of work, so the workers finish out of order.
    fn archive() -> Triage {
        let words = ["турникет", "пропуск", "шлагбаум", "контроллер", "камера"];
        let docs = (0..1000u32).map(|i| {
            let doc = DetectionDoc {
                id: TicketId::new(format!("T-{i}")).unwrap_or_else(|e| panic!("{e}")),
                client_id: ClientId::new(format!("C-{}", i % 37)).unwrap_or_else(|e| panic!("{e}")),
                product: String::new(),
                opened_at: chrono::Utc
                    .timestamp_opt(1_700_000_000 + i64::from(i) * 3600, 0)
                    .single()
                    .unwrap_or_default(),
                subject: format!("не работает {}", words[(i % 5) as usize]),
                description: format!("{} {} этаж {}", words[(i % 3) as usize], i % 7, i % 11),
                outcome: Outcome::Solved,
            };
            (u64::from(i), doc, None)
        });
        Triage::build(docs, |_, _| {}, || {}).unwrap_or_else(|e| panic!("{e}"))
    }

    fn run(t: &Triage, threads: usize) -> Vec<(Option<String>, usize)> {
        let mut seen = Vec::new();
        t.triage_all(
            &Policy::default(),
            true,
            threads,
            |r| (r.id, r.candidates.len()),
            |r| {
                seen.push(r);
                Ok(())
            },
            |_| {},
        )
        .unwrap_or_else(|e| panic!("{e}"));
        seen
    }

    #[test]
    fn results_come_in_time_order_whatever_the_threads() {
        let t = archive();
        let one = run(&t, 1);
        let ids: Vec<Option<String>> = t.docs.iter().map(|d| Some(d.id.as_str().into())).collect();
        assert_eq!(one.iter().map(|r| r.0.clone()).collect::<Vec<_>>(), ids);
        assert!(one.iter().skip(10).all(|r| r.1 > 0));
        assert_eq!(run(&t, 3), one);
        assert_eq!(run(&t, 8), one);
    }

    #[test]
    fn a_write_error_stops_the_run_without_hanging() {
        let t = archive();
        let mut written = 0;
        let mut reported = 0;
        let err = t.triage_all(
            &Policy::default(),
            false,
            4,
            |r| r.id,
            |_| {
                written += 1;
                if written == 300 {
                    Err(std::io::Error::other("disk full"))
                } else {
                    Ok(())
                }
            },
            |n| reported += n,
        );
        assert_eq!(err.map_err(|e| e.to_string()), Err("disk full".into()));
        assert_eq!(written, 300);
        assert_eq!(reported, 256);
    }
}
