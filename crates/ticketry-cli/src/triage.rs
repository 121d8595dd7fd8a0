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

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;
use ticketry::detection::{Candidate, Decision, DetectionDoc, DetectionQuery, Detector};
use ticketry::Policy;

/// What triage holds of the archive: the index, the documents in time order
/// and the solutions candidates show.
#[derive(Debug, Default)]
pub struct Triage {
    /// The detection index over every ticket.
    pub detector: Detector,
    /// Every ticket, oldest first.
    pub docs: Vec<DetectionDoc>,
    /// The solution of each ticket that records one, by index in `docs`.
    solutions: HashMap<String, String>,
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
    pub fn build(
        items: impl IntoIterator<Item = (u64, DetectionDoc, Option<String>)>,
        mut on_duplicate: impl FnMut(u64, &DetectionDoc),
        mut on_progress: impl FnMut(),
    ) -> Result<Triage, ticketry::detection::DetectionError> {
        let mut t = Triage::default();
        let mut docs: Vec<(u64, DetectionDoc, Option<String>)> = items.into_iter().collect();
        docs.sort_by(|a, b| (a.1.opened_at, &a.1.id, a.0).cmp(&(b.1.opened_at, &b.1.id, b.0)));
        t.docs.reserve(docs.len());
        for (line, doc, solution) in docs {
            if t.detector.contains(&doc.id) {
                on_duplicate(line, &doc);
                continue;
            }
            t.detector.upsert(&doc)?;
            if let Some(s) = solution {
                t.solutions.insert(doc.id.as_str().to_owned(), s);
            }
            t.docs.push(doc);
            on_progress();
        }
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

    /// Triage of every ticket in time order on `threads` threads; `emit` gets
    /// each result in order (on the calling thread), `progress` the count done.
    pub fn triage_all(
        &self,
        policy: &Policy,
        all_candidates: bool,
        threads: usize,
        mut emit: impl FnMut(&TicketTriage) -> std::io::Result<()>,
        mut progress: impl FnMut(u64),
    ) -> std::io::Result<()> {
        const BLOCK: usize = 4096;
        let threads = threads.max(1);
        for block in self.docs.chunks(BLOCK) {
            let per = block.len().div_ceil(threads).max(1);
            let results: Vec<Vec<TicketTriage>> = std::thread::scope(|s| {
                let handles: Vec<_> = block
                    .chunks(per)
                    .map(|part| {
                        s.spawn(move || {
                            part.iter()
                                .map(|d| self.triage(&query_of(d), policy, all_candidates))
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_default())
                    .collect()
            });
            let mut n = 0u64;
            for r in results.iter().flatten() {
                emit(r)?;
                n += 1;
            }
            if n as usize != block.len() {
                return Err(std::io::Error::other("a triage thread failed"));
            }
            progress(n);
        }
        Ok(())
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
