//! Criterion benchmarks of the closure process, each figure beside its
//! alternative in the same run.
//!
//! ```text
//! cargo bench -p ticketry-benches --bench closure -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! - `apply`: commands applied per second, a 14-command closure applied to a
//!   freshly opened ticket with the dynamic API (`Ticket::apply`) and with the
//!   typed API (`TicketIn::apply`); opening and building the commands are
//!   setup, outside the timing;
//! - `readiness`: close-readiness checks per second, `why_blocked(close)` on a
//!   ticket ready to close and on one in work, `available_commands`, and the
//!   CLS-CHK checklist;
//! - `stored ticket`: loading a closed ticket from its event log
//!   (`Ticket::from_events`, `Ticket::from_json`, and the log's JSON round
//!   trip), against the alternative a user would pick to store a ticket: a
//!   `serde_json` snapshot of its `TicketState`, serialised and read back.
#![allow(missing_docs, clippy::expect_used)] // criterion's macros generate undocumented items

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use ticketry::checklist::closing_checklist;
use ticketry::closure::CommandKind;
use ticketry::state::TicketState;
use ticketry::{Policy, Ticket};
use ticketry_benches::closure_workload::{
    closed_ticket, dynamic_input, later, ready_and_in_work, run_dynamic, run_typed, typed_input,
    CLOSURE_COMMANDS,
};

fn apply(c: &mut Criterion) {
    let policy = Policy::default();
    let mut g = c.benchmark_group("apply");
    g.throughput(Throughput::Elements(CLOSURE_COMMANDS as u64));
    g.bench_function("dynamic Ticket::apply, 14-command closure", |b| {
        b.iter_batched(
            || dynamic_input(7).expect("workload"),
            |input| run_dynamic(input, &policy).expect("every command is accepted"),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("typed TicketIn::apply, 14-command closure", |b| {
        b.iter_batched(
            || typed_input(7).expect("workload"),
            |input| run_typed(input, &policy).expect("every command is accepted"),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

fn readiness(c: &mut Criterion) {
    let policy = Policy::default();
    let (ready, in_work) = ready_and_in_work(&policy).expect("workload");
    let at = later().expect("workload");
    assert!(ready.can_kind(CommandKind::Close, at, &policy));
    assert!(!in_work.can_kind(CommandKind::Close, at, &policy));
    let mut g = c.benchmark_group("readiness");
    g.throughput(Throughput::Elements(1));
    g.bench_function("why_blocked(close), ticket ready to close", |b| {
        b.iter(|| ready.why_blocked(black_box(CommandKind::Close), black_box(at), &policy))
    });
    g.bench_function("why_blocked(close), ticket in work", |b| {
        b.iter(|| in_work.why_blocked(black_box(CommandKind::Close), black_box(at), &policy))
    });
    g.bench_function("available_commands, ticket ready to close", |b| {
        b.iter(|| ready.available_commands(black_box(at), &policy))
    });
    g.bench_function("closing_checklist (CLS-CHK), ticket ready to close", |b| {
        b.iter(|| closing_checklist(black_box(ready.state()), &policy))
    });
    g.finish();
}

fn stored_ticket(c: &mut Criterion) {
    let policy = Policy::default();
    let closed = closed_ticket(&policy).expect("workload");
    let events = closed.history().to_vec();
    let log_json = closed.to_json();
    let state = closed.state().clone();

    // Per event: how fast the log is replayed.
    let mut g = c.benchmark_group("replay");
    g.throughput(Throughput::Elements(events.len() as u64));
    g.bench_function("Ticket::from_events, closed ticket (events/s)", |b| {
        b.iter_batched(
            || events.clone(),
            |events| Ticket::from_events(events).expect("replays"),
            BatchSize::SmallInput,
        )
    });
    g.finish();

    // Per ticket: the event log against a state snapshot, the alternative.
    let mut g = c.benchmark_group("stored ticket");
    g.throughput(Throughput::Elements(1));
    g.bench_function("ticketry: Ticket::from_json (event log)", |b| {
        b.iter(|| Ticket::from_json(black_box(&log_json)).expect("loads"))
    });
    g.bench_function("ticketry: to_json + from_json (event log)", |b| {
        b.iter(|| Ticket::from_json(&black_box(&closed).to_json()).expect("round trip"))
    });
    g.bench_function(
        "alternative: serde_json TicketState snapshot, to + from",
        |b| {
            b.iter(|| {
                let json = serde_json::to_string(black_box(&state)).expect("serialises");
                serde_json::from_str::<TicketState>(&json).expect("loads")
            })
        },
    );
    g.finish();
}

criterion_group!(benches, apply, readiness, stored_ticket);
criterion_main!(benches);
