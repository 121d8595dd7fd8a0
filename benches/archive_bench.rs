//! `archive-bench`: an [`Archive`] of many tickets, against the alternative a
//! user would pick (a plain `Vec<Ticket>` scanned per question), in one run.
//!
//! ```text
//! cargo run --release -p ticketry-benches --bin archive-bench -- --tickets 1000000
//! ```
//!
//! Builds an archive of N tickets (10 per client on average, one in three a
//! repeat of an earlier ticket of its client, decided and linked through the
//! archive so every link is validated), then times: the client's earlier
//! tickets (REP-1) by index vs by scanning; the repeat chain; one full
//! REP-S1 chronic-problem pass and one REP-S2 pass. Prints one JSON object as
//! its last line; `rss_bytes_per_ticket` is the growth of the resident set
//! while building, divided by N (Linux only; null elsewhere).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::error::Error;
use std::hint::black_box;
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use ticketry::archive::Archive;
use ticketry::closure::LinkTicket;
use ticketry::repeat::{
    DetermineCause, HistoryCheck, RecordRepeatDecision, RecurrenceCause, RepeatType,
};
use ticketry::ticket::{Actor, ClientId, Meta, NewTicket, Priority, TicketId};
use ticketry::{Policy, Ticket};

type Res<T = ()> = Result<T, Box<dyn Error>>;

fn rss_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// A deterministic pseudo-random sequence (no dependency, no clock).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn main() -> Res {
    let mut n: usize = 200_000;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--tickets" => n = args.next().ok_or("--tickets needs a number")?.parse()?,
            "--help" | "-h" => {
                println!("archive-bench [--tickets N]   (default 200000)");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let policy = Policy::default();
    let clients = (n / 10).max(1);
    let start_time = Utc
        .with_ymd_and_hms(2025, 1, 1, 6, 0, 0)
        .single()
        .ok_or("time")?;
    let actor = Actor::specialist("anna", "Анна Смирнова");
    let minutes_per_ticket = (365 * 24 * 60 / n.max(1)).max(1) as i64;
    let mut rng = Lcg(42);
    let mut last_of_client: Vec<Option<usize>> = vec![None; clients];

    let rss_before = rss_bytes();
    let mut archive = Archive::new();
    let mut repeats = 0usize;
    let build = Instant::now();
    for i in 0..n {
        let c = (rng.next() as usize) % clients;
        let at = start_time + Duration::minutes(i as i64 * minutes_per_ticket);
        let id = TicketId::new(format!("T-{i}"))?;
        archive.open(
            NewTicket {
                id: id.clone(),
                client_id: ClientId::new(format!("client-{c}"))?,
                contact_name: "Ирина Петрова".into(),
                product: "PASS24 Шлагбаум".into(),
                subject: "Не открывается шлагбаум".into(),
                description: "Шлагбаум не реагирует на пропуска жителей".into(),
                priority: Priority::Normal,
            },
            Meta::new(actor.clone(), at),
        )?;
        if let Some(prev) = last_of_client.get(c).copied().flatten() {
            if rng.next() % 3 == 0 {
                let meta = Meta::new(actor.clone(), at + Duration::seconds(30));
                archive.apply(
                    &id,
                    RecordRepeatDecision::repeat(HistoryCheck::ALL, "").into(),
                    meta.clone(),
                    &policy,
                )?;
                let link = LinkTicket::repeat_of(
                    TicketId::new(format!("T-{prev}"))?,
                    RepeatType::SameProblem,
                    "снова",
                );
                archive.apply(&id, link.into(), meta.clone(), &policy)?;
                archive.apply(
                    &id,
                    DetermineCause::new(RecurrenceCause::NotApplied, "не применили").into(),
                    meta,
                    &policy,
                )?;
                repeats += 1;
            }
        }
        if let Some(slot) = last_of_client.get_mut(c) {
            *slot = Some(i);
        }
    }
    let build_s = build.elapsed().as_secs_f64();
    let rss_per_ticket = match (rss_before, rss_bytes()) {
        (Some(a), Some(b)) => Some(b.saturating_sub(a) as f64 / n as f64),
        _ => None,
    };
    eprintln!("built {n} tickets ({repeats} repeats) in {build_s:.2} s");

    // REP-1: the client's earlier tickets, by index vs by scanning a Vec<Ticket>.
    let queries: Vec<TicketId> = (0..1000)
        .map(|k| TicketId::new(format!("T-{}", (k * 7919) % n)))
        .collect::<Result<_, _>>()?;
    let t = Instant::now();
    let mut found = 0usize;
    for _ in 0..20 {
        for q in &queries {
            found += black_box(archive.earlier_client_tickets(q)).len();
        }
    }
    let index_us = t.elapsed().as_secs_f64() * 1e6 / (20.0 * queries.len() as f64);
    let plain: Vec<&Ticket> = archive.iter().collect();
    let scan_count = queries.len().min(if n > 200_000 { 20 } else { 100 });
    let scan_queries = queries.get(..scan_count).unwrap_or(&queries);
    let t = Instant::now();
    let mut scanned = 0usize;
    for q in scan_queries {
        let Some(me) = plain.iter().find(|t| t.id() == q) else {
            continue;
        };
        let (client, opened) = (&me.state().client_id, me.state().created_at);
        let mut earlier: Vec<&&Ticket> = plain
            .iter()
            .filter(|t| &t.state().client_id == client && t.state().created_at < opened)
            .collect();
        earlier.sort_by_key(|t| std::cmp::Reverse(t.state().created_at));
        scanned += black_box(earlier).len();
    }
    let scan_us = t.elapsed().as_secs_f64() * 1e6 / scan_queries.len() as f64;
    eprintln!("client history: {index_us:.2} µs by index, {scan_us:.0} µs by scan ({found} / {scanned} results)");

    let t = Instant::now();
    let mut chain = 0usize;
    for q in &queries {
        chain += black_box(archive.repeat_chain(q)).len();
    }
    let chain_us = t.elapsed().as_secs_f64() * 1e6 / queries.len() as f64;

    let now = start_time + Duration::minutes(n as i64 * minutes_per_ticket);
    let t = Instant::now();
    let chronic = archive.chronic_problems(now, &policy);
    let chronic_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let not_applying = archive.clients_not_applying_solutions(now, &policy);
    let not_applying_ms = t.elapsed().as_secs_f64() * 1e3;
    eprintln!("repeat chain {chain_us:.2} µs (avg length {:.2}); chronic pass {chronic_ms:.0} ms ({} problems); REP-S2 pass {not_applying_ms:.0} ms ({} clients)",
        chain as f64 / queries.len() as f64, chronic.len(), not_applying.len());

    println!(
        "{}",
        serde_json::json!({
            "tickets": n,
            "repeats": repeats,
            "build_tickets_per_s": (n as f64 / build_s).round(),
            "client_history_index_us": (index_us * 100.0).round() / 100.0,
            "client_history_scan_us": scan_us.round(),
            "client_history_speedup": (scan_us / index_us).round(),
            "repeat_chain_us": (chain_us * 100.0).round() / 100.0,
            "chronic_pass_ms": chronic_ms.round(),
            "chronic_problems": chronic.len(),
            "not_applying_pass_ms": not_applying_ms.round(),
            "clients_not_applying": not_applying.len(),
            "rss_bytes_per_ticket": rss_per_ticket.map(|b| b.round()),
        })
    );
    Ok(())
}
