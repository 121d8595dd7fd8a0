//! A quick figure for the closure process, without criterion: every
//! measurement is the best of 5 timed runs of N iterations. Prints one line per
//! figure, then, as its last line, one JSON object:
//!
//! ```text
//! {"commands_per_s": …, "typed_commands_per_s": …, "readiness_checks_per_s": …,
//!  "replay_events_per_s": …, "snapshot_json_roundtrip_per_s": …}
//! ```
//!
//! Run it with `cargo run --release -p ticketry-benches --bin closure-bench`.
//! The criterion version, with statistics: `cargo bench -p ticketry-benches --bench closure`.
#![allow(clippy::print_stdout)]

use std::error::Error;
use std::hint::black_box;

use ticketry::closure::CommandKind;
use ticketry::state::TicketState;
use ticketry::{Policy, Ticket};
use ticketry_benches::closure_workload::{
    closed_ticket, dynamic_input, later, ready_and_in_work, run_dynamic, run_typed, typed_input,
    CLOSURE_COMMANDS,
};
use ticketry_benches::timing::{rate, rate_batched};

fn main() -> Result<(), Box<dyn Error>> {
    let policy = Policy::default();
    let n = CLOSURE_COMMANDS as u64;

    // Inputs are built before the clock starts, so a failure there is reported
    // here; inside the timing a refusal is counted and reported after.
    let mut failures = 0usize;
    let commands = rate_batched(
        n,
        2_000,
        || dynamic_input(7),
        |input| match input.and_then(|i| run_dynamic(i, &policy)) {
            Ok(t) => Some(t),
            Err(_) => {
                failures += 1;
                None
            }
        },
    );
    let typed = rate_batched(
        n,
        2_000,
        || typed_input(7),
        |input| match input.and_then(|i| run_typed(i, &policy)) {
            Ok(t) => Some(t),
            Err(_) => {
                failures += 1;
                None
            }
        },
    );

    let (ready, in_work) = ready_and_in_work(&policy)?;
    let at = later()?;
    let readiness = rate(2, 100_000, || {
        (
            ready.why_blocked(black_box(CommandKind::Close), at, &policy),
            in_work.why_blocked(black_box(CommandKind::Close), at, &policy),
        )
    });

    let closed = closed_ticket(&policy)?;
    let events = closed.history().to_vec();
    let event_count = events.len() as u64;
    let replay = rate_batched(
        event_count,
        10_000,
        || events.clone(),
        |events| Ticket::from_events(events).is_ok(),
    );
    let log_json = closed.to_json();
    let from_json = rate(1, 5_000, || Ticket::from_json(black_box(&log_json)).is_ok());
    let log_roundtrip = rate(1, 5_000, || {
        Ticket::from_json(&black_box(&closed).to_json()).is_ok()
    });
    let state = closed.state().clone();
    let snapshot_roundtrip = rate(1, 5_000, || {
        serde_json::to_string(black_box(&state))
            .ok()
            .and_then(|json| serde_json::from_str::<TicketState>(&json).ok())
    });

    if failures > 0 {
        return Err(format!("{failures} closure runs were refused; the workload is broken").into());
    }
    // Sanity: what was timed did what it should.
    if !ready.can_kind(CommandKind::Close, at, &policy)
        || in_work.can_kind(CommandKind::Close, at, &policy)
        || Ticket::from_json(&log_json)? != closed
    {
        return Err("the workload tickets are not in the expected state".into());
    }

    println!(
        "closure of {n} commands on a fresh ticket; stored ticket: {event_count} events, {} bytes as an event log, {} bytes as a state snapshot",
        log_json.len(),
        serde_json::to_string(&state)?.len()
    );
    println!("commands applied per second, dynamic API (Ticket::apply):  {commands:>12.0}");
    println!("commands applied per second, typed API (TicketIn::apply):  {typed:>12.0}");
    println!("close-readiness checks per second (why_blocked(close)):     {readiness:>12.0}");
    println!("events replayed per second (Ticket::from_events):           {replay:>12.0}");
    println!("tickets loaded per second from event-log JSON (from_json):  {from_json:>12.0}");
    println!("tickets per second, event-log JSON round trip (to + from):  {log_roundtrip:>12.0}");
    println!("tickets per second, serde_json state snapshot (to + from):  {snapshot_roundtrip:>12.0}  (the alternative)");
    // The keys in a fixed order; whole operations per second.
    let figures = [
        ("commands_per_s", commands),
        ("typed_commands_per_s", typed),
        ("readiness_checks_per_s", readiness),
        ("replay_events_per_s", replay),
        ("snapshot_json_roundtrip_per_s", snapshot_roundtrip),
    ];
    let fields: Vec<String> = figures
        .iter()
        .map(|(key, value)| {
            format!(
                "{}: {}",
                serde_json::json!(key),
                serde_json::json!(value.round() as u64)
            )
        })
        .collect();
    println!("{{{}}}", fields.join(", "));
    Ok(())
}
