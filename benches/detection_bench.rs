//! Repeat detection at scale, against the brute-force scans a user would
//! write instead, in the same run.
//!
//! ```text
//! cargo run --release -p ticketry-benches --bin detection -- --tickets 1000000
//! ```
//!
//! 1. Generates a synthetic Russian archive of `--tickets` tickets
//!    ([`ticketry_benches::synth`]: access-control vocabulary, Zipf-sized
//!    clients, typos, injected repeats with known answers). Generation is not
//!    timed.
//! 2. Indexes every ticket in a [`Detector`] (timed: `index_tickets_per_s`;
//!    with `--ticket-terms`, one that keeps each ticket's term list, see
//!    [`Detector::keep_ticket_terms`]);
//!    `index_bytes_per_ticket` is the index's own heap estimate
//!    ([`Detector::heap_bytes`]), `rss_bytes_per_ticket` the growth of the
//!    process's resident memory while indexing.
//! 3. After a warm-up (200 tickets that are not injected repeats, run as
//!    queries untimed, as the JS benchmark does), runs `--queries` injected
//!    repeats (spread over the archive) as new
//!    tickets: each sees only the tickets opened before it. `recall_at_10` is
//!    the share with a right answer in the top 10: an earlier ticket the
//!    truth's answer class admits ([`ticketry_benches::synth::Answers`]: the
//!    client's earlier tickets with the same problem on the same object, any
//!    solved ticket of a problem solved before for another client, the
//!    client's earlier tickets on the same object and product for a new
//!    problem in the same context), the labelled one among them.
//!    `recall_at_10_labelled` is the stricter share whose labelled earlier
//!    ticket ([`ticketry_benches::synth::RepeatTruth::of`], the one the
//!    generator made the repeat from, often one of several equally right) is
//!    in the top 10;
//!    `query_p50_ms`/`query_p99_ms` their latencies on one core.
//!    `recall_at_10_by_kind` and `recall_at_10_labelled_by_kind`
//!    split both by repeat kind (`same_problem_other_client`:
//!    the labelled ticket is another client's). `suggested_type_accuracy` is
//!    the share of found right answers (the first in the list) whose suggested REP type is the
//!    injected kind, `suggested_type_confusion` the counts "injected ->
//!    suggested".
//! 4. The alternatives, on the first `--scan-tickets` tickets (a scan of a
//!    million costs seconds per query) with `--scan-queries` repeats among
//!    them: every earlier ticket compared with `strsim::normalized_levenshtein`
//!    and with `rapidfuzz::fuzz::RatioBatchComparator` (bit-parallel), best
//!    10 kept, their recall counted as `recall_at_10` is. Their ms per query is scaled linearly to `--tickets`
//!    (`*_extrapolated`; a scan is linear in the archive) for `speedup_vs_best_scan`.
//!
//! The last line is one JSON object with every figure.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::time::Instant;

use ticketry::detection::{DetectionDoc, DetectionPolicy, DetectionQuery, Detector, Outcome};
use ticketry::ticket::{ClientId, TicketId};
use ticketry_benches::synth::{generate, SynthConfig, SynthTicket};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn rss_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

fn arg(args: &[String], name: &str, default: usize) -> Res<usize> {
    match args.iter().position(|a| a == name) {
        Some(i) => Ok(args
            .get(i + 1)
            .ok_or(format!("{name} needs a number"))?
            .replace('_', "")
            .parse()?),
        None => Ok(default),
    }
}

fn doc(t: &SynthTicket) -> Res<DetectionDoc> {
    Ok(DetectionDoc {
        id: TicketId::new(t.id.as_str())?,
        client_id: ClientId::new(t.client_id.as_str())?,
        product: t.product.clone(),
        opened_at: t.opened_at,
        subject: t.subject.clone(),
        description: t.description.clone(),
        outcome: if t.solved {
            Outcome::Solved
        } else {
            Outcome::Open
        },
    })
}

fn query(d: &DetectionDoc) -> DetectionQuery {
    DetectionQuery {
        id: Some(d.id.clone()),
        client_id: d.client_id.clone(),
        product: d.product.clone(),
        opened_at: d.opened_at,
        subject: d.subject.clone(),
        description: d.description.clone(),
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted.get(i).copied().unwrap_or(0.0)
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

/// Indices of up to `n` injected repeats spread evenly over `tickets[..limit]`.
fn pick_queries(tickets: &[SynthTicket], limit: usize, n: usize) -> Vec<usize> {
    let repeats: Vec<usize> = tickets
        .iter()
        .take(limit)
        .enumerate()
        .filter(|(_, t)| t.truth.is_some())
        .map(|(i, _)| i)
        .collect();
    if repeats.is_empty() || n == 0 {
        return Vec::new();
    }
    let step = (repeats.len() as f64 / n as f64).max(1.0);
    (0..n.min(repeats.len()))
        .filter_map(|k| repeats.get((k as f64 * step) as usize).copied())
        .collect()
}

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!(
            "usage: detection [--tickets N=100000] [--queries Q=1000] [--scan-tickets S=20000] [--scan-queries 20] [--seed 42] [--ticket-terms]"
        );
        return Ok(());
    }
    let n = arg(&args, "--tickets", 100_000)?;
    let queries = arg(&args, "--queries", 1000)?;
    let scan_n = arg(&args, "--scan-tickets", 20_000)?.min(n);
    let scan_queries = arg(&args, "--scan-queries", 20)?;
    let seed = arg(&args, "--seed", 42)? as u64;
    // Detector::keep_ticket_terms: faster queries, more memory (off by default)
    let ticket_terms = args.iter().any(|a| a == "--ticket-terms");

    eprintln!("generating {n} tickets…");
    let t0 = Instant::now();
    let tickets: Vec<SynthTicket> = generate(&SynthConfig {
        tickets: n,
        seed,
        ..SynthConfig::default()
    })
    .collect();
    let docs: Vec<DetectionDoc> = tickets.iter().map(doc).collect::<Res<_>>()?;
    eprintln!("  {:.1} s", t0.elapsed().as_secs_f64());

    eprintln!("indexing…");
    let rss0 = rss_bytes();
    let t0 = Instant::now();
    let mut detector = Detector::new();
    detector.keep_ticket_terms(ticket_terms);
    for (i, d) in docs.iter().enumerate() {
        detector.upsert(d)?;
        if (i + 1) % 200_000 == 0 {
            eprintln!("  {} tickets, {:.1} s", i + 1, t0.elapsed().as_secs_f64());
        }
    }
    let index_s = t0.elapsed().as_secs_f64();
    let rss1 = rss_bytes();
    let heap = detector.heap_bytes();
    eprintln!("  {n} tickets in {index_s:.2} s, ≈{} MB", heap / 1_000_000);

    let policy = DetectionPolicy::default();
    // Warm-up, untimed and the same in the JS benchmark: 200 tickets that are
    // not injected repeats, spread over the archive, run as queries first.
    let others: Vec<usize> = (0..tickets.len().min(n))
        .filter(|&i| tickets.get(i).is_some_and(|t| t.truth.is_none()))
        .collect();
    let warm = others.len().min(200);
    for k in 0..warm {
        if let Some(d) = others
            .get(k * others.len() / warm)
            .and_then(|&i| docs.get(i))
        {
            std::hint::black_box(detector.detect(&query(d), &policy));
        }
    }
    let picked = pick_queries(&tickets, n, queries);
    let mut latencies = Vec::with_capacity(picked.len());
    let mut hits = 0usize;
    let explain = arg(&args, "--explain-misses", 0)?;
    let mut shown = 0usize;
    let mut hits_by_kind: std::collections::BTreeMap<&str, (usize, usize, usize)> =
        Default::default();
    let index_of: std::collections::HashMap<&str, usize> = tickets
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut labelled_hits = 0usize;
    let (mut types_seen, mut types_right) = (0usize, 0usize);
    let mut confusion: std::collections::BTreeMap<String, usize> = Default::default();
    for &i in &picked {
        let (Some(t), Some(d)) = (tickets.get(i), docs.get(i)) else {
            continue;
        };
        let q = query(d);
        let start = Instant::now();
        let found = detector.detect(&q, &policy);
        latencies.push(start.elapsed().as_secs_f64() * 1000.0);
        let Some(truth) = &t.truth else { continue };
        // A right answer: an earlier ticket the truth's answer class admits
        // (the labelled one among them, see synth::Answers).
        let right = |c: &&ticketry::detection::Candidate| {
            c.id.as_str() == truth.of
                || index_of.get(c.id.as_str()).is_some_and(|&k| {
                    k < i && tickets.get(k).is_some_and(|e| truth.answers.admits(e))
                })
        };
        let first_right = found.candidates.iter().take(10).find(right);
        let hit = first_right.is_some();
        let labelled_hit = found
            .candidates
            .iter()
            .take(10)
            .any(|c| c.id.as_str() == truth.of);
        if !hit && shown < explain {
            shown += 1;
            let earlier = tickets.iter().find(|e| e.id == truth.of);
            eprintln!(
                "MISS {} ({}, client {}): {} | {}",
                t.id,
                truth.kind.as_str(),
                t.client_id,
                t.subject,
                t.description
            );
            if let Some(e) = earlier {
                // where the labelled ticket ranks in a list of 1,000, and its
                // similarity by text alone
                let wide = DetectionPolicy {
                    max_candidates: 1000,
                    ..policy.clone()
                };
                let rank = detector
                    .detect(&q, &wide)
                    .candidates
                    .iter()
                    .position(|c| c.id.as_str() == truth.of)
                    .map(|r| r + 1);
                let similarity = detector.text_similarity(
                    &format!("{}\n{}", t.subject, t.description),
                    &format!("{}\n{}", e.subject, e.description),
                );
                eprintln!(
                    "  truth {} client {} {} (rank {rank:?} of 1000, text_similarity {similarity:.2}): {} | {}",
                    e.id, e.client_id, e.opened_at, e.subject, e.description
                );
            }
            for c in found.candidates.iter().take(3) {
                let e = tickets.iter().find(|e| e.id == c.id.as_str());
                eprintln!(
                    "  got {} {:.3} text {:.2} client {} : {} | {}",
                    c.id,
                    c.score,
                    c.signals.text_similarity,
                    c.signals.same_client,
                    e.map(|e| e.subject.as_str()).unwrap_or(""),
                    e.map(|e| e.description.as_str()).unwrap_or("")
                );
            }
        }
        hits += usize::from(hit);
        labelled_hits += usize::from(labelled_hit);
        if let Some(c) = first_right {
            types_seen += 1;
            types_right += usize::from(c.suggested_type.as_str() == truth.kind.as_str());
            *confusion
                .entry(format!(
                    "{} -> {}",
                    truth.kind.as_str(),
                    c.suggested_type.as_str()
                ))
                .or_insert(0usize) += 1;
        }
        let cross = index_of
            .get(truth.of.as_str())
            .and_then(|&k| tickets.get(k))
            .is_some_and(|e| e.client_id != t.client_id);
        let e = hits_by_kind
            .entry(if cross {
                "same_problem_other_client"
            } else {
                truth.kind.as_str()
            })
            .or_default();
        e.0 += usize::from(hit);
        e.1 += usize::from(labelled_hit);
        e.2 += 1;
    }
    latencies.sort_by(f64::total_cmp);
    let recall = hits as f64 / picked.len().max(1) as f64;
    let p50 = percentile(&latencies, 0.5);
    let p99 = percentile(&latencies, 0.99);
    eprintln!(
        "detection: {} queries, recall@10 {recall:.3}, p50 {p50:.3} ms, p99 {p99:.3} ms",
        picked.len()
    );
    for (kind, (h, l, t)) in &hits_by_kind {
        eprintln!("  {kind}: {h}/{t} (labelled {l}/{t})");
    }

    // The alternatives: brute-force scans over the first scan_n tickets.
    let scan_picked = pick_queries(&tickets, scan_n, scan_queries);
    let texts: Vec<String> = tickets
        .iter()
        .take(scan_n)
        .map(|t| format!("{} {}", t.subject, t.description).to_lowercase())
        .collect();
    let scan = |name: &str, score: &dyn Fn(&str, &str) -> f64| -> (f64, f64) {
        let t0 = Instant::now();
        let mut hits = 0usize;
        for &i in &scan_picked {
            let (Some(t), Some(q)) = (tickets.get(i), texts.get(i)) else {
                continue;
            };
            let mut best: Vec<(f64, usize)> = texts
                .iter()
                .enumerate()
                .take(i)
                .filter(|(j, _)| tickets.get(*j).is_some_and(|e| e.opened_at < t.opened_at))
                .map(|(j, text)| (score(q, text), j))
                .collect();
            best.sort_by(|a, b| b.0.total_cmp(&a.0));
            let Some(truth) = &t.truth else { continue };
            hits += usize::from(best.iter().take(10).any(|&(_, j)| {
                tickets
                    .get(j)
                    .is_some_and(|e| e.id == truth.of || truth.answers.admits(e))
            }));
        }
        let per = t0.elapsed().as_secs_f64() * 1000.0 / scan_picked.len().max(1) as f64;
        let rec = hits as f64 / scan_picked.len().max(1) as f64;
        eprintln!("scan {name}: {per:.1} ms/query over {scan_n} tickets, recall@10 {rec:.3}");
        (per, rec)
    };
    let (strsim_ms, strsim_recall) = scan("strsim normalized_levenshtein", &|a, b| {
        strsim::normalized_levenshtein(a, b)
    });
    let (rf_ms, rf_recall) = scan("rapidfuzz ratio (batch)", &|a, b| {
        rapidfuzz::fuzz::RatioBatchComparator::new(a.chars()).similarity(b.chars())
    });
    // ticketry on the same scan queries, over the whole index (it filters to earlier tickets).
    let scale = n as f64 / scan_n.max(1) as f64;
    let best_scan = strsim_ms.min(rf_ms) * scale;
    // With no scan queries (`--scan-tickets 0` or `--scan-queries 0`) the scan
    // figures are null, not zeros a reader could take for a measurement.
    let scanned = |x: f64| {
        if scan_picked.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::json!(x)
        }
    };

    // recall by kind: of a right answer, or (`labelled`) of the labelled ticket
    let by_kind = |labelled: bool| {
        hits_by_kind
            .iter()
            .map(|(k, &(h, l, t))| {
                let found = if labelled { l } else { h };
                let share = round(found as f64 / t.max(1) as f64, 4);
                ((*k).to_owned(), serde_json::json!(share))
            })
            .collect::<serde_json::Map<_, _>>()
    };
    let out = serde_json::json!({
        "tickets": n,
        "ticket_terms": ticket_terms,
        "queries": picked.len(),
        "index_seconds": round(index_s, 3),
        "index_tickets_per_s": round(n as f64 / index_s, 0),
        "index_bytes_per_ticket": round(heap as f64 / n.max(1) as f64, 1),
        "rss_bytes_per_ticket": match (rss0, rss1) {
            (Some(a), Some(b)) => serde_json::json!(round(b.saturating_sub(a) as f64 / n.max(1) as f64, 1)),
            _ => serde_json::Value::Null,
        },
        "query_p50_ms": round(p50, 4),
        "query_p99_ms": round(p99, 4),
        "recall_at_10": round(recall, 4),
        "suggested_type_accuracy": round(types_right as f64 / types_seen.max(1) as f64, 4),
        "suggested_type_confusion": confusion,
        "recall_at_10_labelled": round(labelled_hits as f64 / picked.len().max(1) as f64, 4),
        "recall_at_10_by_kind": by_kind(false),
        "recall_at_10_labelled_by_kind": by_kind(true),
        "scan_tickets": scan_n,
        "scan_queries": scan_picked.len(),
        "scan_strsim_ms_per_query": scanned(round(strsim_ms, 2)),
        "scan_strsim_recall_at_10": scanned(round(strsim_recall, 4)),
        "scan_rapidfuzz_ms_per_query": scanned(round(rf_ms, 2)),
        "scan_rapidfuzz_recall_at_10": scanned(round(rf_recall, 4)),
        "scan_best_ms_per_query_extrapolated": scanned(round(best_scan, 1)),
        "speedup_vs_best_scan": scanned(round(best_scan / p50.max(1e-9), 0)),
    });
    println!("{out}");
    Ok(())
}
