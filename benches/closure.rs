//! Criterion benchmarks of the closure process.
//!
//! `cargo bench -p ticketry-benches --bench closure`
//!
//! - commands applied per second, dynamic and typed APIs;
//! - close-readiness checks per second (`why_blocked(close)`), `available_commands`, CLS-CHK;
//! - loading a stored ticket: replaying its event log (from events, from JSON) against the
//!   alternative a user would pick to store tickets, a serde_json snapshot of the state.
#![allow(clippy::expect_used, missing_docs)]

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use ticketry::closure::CommandKind;
use ticketry::state::TicketState;
use ticketry::{checklist, Policy, Ticket};
use ticketry_benches::{meta, ready_and_in_work, run_dynamic, run_typed};

fn commands(c: &mut Criterion) {
    let policy = Policy::default();
    let (_, accepted) = run_dynamic(1, &policy).expect("workload runs");
    let mut g = c.benchmark_group("apply");
    g.throughput(Throughput::Elements(accepted as u64));
    g.bench_function("dynamic: open + 13 commands + 1 refused", |b| {
        b.iter(|| run_dynamic(black_box(7), &policy).expect("runs"))
    });
    g.throughput(Throughput::Elements(14));
    g.bench_function("typed: open + 13 commands", |b| {
        b.iter(|| run_typed(black_box(7), &policy).expect("runs"))
    });
    g.finish();
}

fn readiness(c: &mut Criterion) {
    let policy = Policy::default();
    let (ready, in_work) = ready_and_in_work(&policy).expect("workload");
    let at = meta(200).at;
    let mut g = c.benchmark_group("readiness");
    g.throughput(Throughput::Elements(1));
    g.bench_function("why_blocked(close), ready ticket", |b| {
        b.iter(|| ready.why_blocked(black_box(CommandKind::Close), at, &policy))
    });
    g.bench_function("why_blocked(close), ticket in work", |b| {
        b.iter(|| in_work.why_blocked(black_box(CommandKind::Close), at, &policy))
    });
    g.bench_function("available_commands, ready ticket", |b| {
        b.iter(|| ready.available_commands(at, &policy))
    });
    g.bench_function("closing_checklist, ready ticket", |b| {
        b.iter(|| checklist::closing_checklist(ready.state(), &policy))
    });
    g.finish();
}

fn loading(c: &mut Criterion) {
    let policy = Policy::default();
    let (closed, _) = run_dynamic(1, &policy).expect("workload");
    let events = closed.history().to_vec();
    let log_json = closed.to_json();
    let snapshot_json = serde_json::to_string(closed.state()).expect("serialises");
    let mut g = c.benchmark_group("load a stored ticket");
    g.throughput(Throughput::Elements(1));
    g.bench_function("ticketry: replay events", |b| {
        b.iter(|| Ticket::from_events(black_box(events.clone())).expect("replays"))
    });
    g.bench_function("ticketry: event log from JSON", |b| {
        b.iter(|| Ticket::from_json(black_box(&log_json)).expect("loads"))
    });
    g.bench_function("alternative: serde_json state snapshot", |b| {
        b.iter(|| serde_json::from_str::<TicketState>(black_box(&snapshot_json)).expect("loads"))
    });
    g.finish();
}

criterion_group!(benches, commands, readiness, loading);
criterion_main!(benches);
