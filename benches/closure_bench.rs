//! A quick figure for the closure process, without criterion: best of 5 runs.
//! The last line is one JSON object.
//!
//! `cargo run --release -p ticketry-benches --bin closure-bench`
#![allow(clippy::print_stdout, clippy::expect_used)]

use std::hint::black_box;
use std::time::Instant;

use ticketry::closure::CommandKind;
use ticketry::state::TicketState;
use ticketry::{Policy, Ticket};
use ticketry_benches::{meta, ready_and_in_work, run_dynamic, run_typed};

/// Operations per second of `f`, which does `ops` operations per call; best of 5.
fn rate(ops: usize, iters: usize, mut f: impl FnMut()) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let t = Instant::now();
        for _ in 0..iters {
            f();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    (ops * iters) as f64 / best
}

fn main() {
    let policy = Policy::default();
    let (closed, accepted) = run_dynamic(1, &policy).expect("workload");
    let commands = rate(accepted + 1, 2_000, || {
        black_box(run_dynamic(black_box(3), &policy).expect("runs"));
    });
    let typed = rate(14, 2_000, || {
        black_box(run_typed(black_box(3), &policy).expect("runs"));
    });
    let (ready, in_work) = ready_and_in_work(&policy).expect("workload");
    let at = meta(200).at;
    let readiness = rate(2, 50_000, || {
        black_box(ready.why_blocked(CommandKind::Close, at, &policy));
        black_box(in_work.why_blocked(CommandKind::Close, at, &policy));
    });
    let events = closed.history().to_vec();
    let replay = rate(events.len(), 5_000, || {
        black_box(Ticket::from_events(events.clone()).expect("replays"));
    });
    let log_json = closed.to_json();
    let from_json = rate(1, 5_000, || {
        black_box(Ticket::from_json(&log_json).expect("loads"));
    });
    let snapshot = serde_json::to_string(closed.state()).expect("serialises");
    let snapshot_rate = rate(1, 5_000, || {
        black_box(serde_json::from_str::<TicketState>(&snapshot).expect("loads"));
    });
    println!("commands applied per second (dynamic API, incl. open): {commands:.0}");
    println!("commands applied per second (typed API):               {typed:.0}");
    println!("close-readiness checks per second:                     {readiness:.0}");
    println!("events replayed per second:                            {replay:.0}");
    println!("tickets loaded from event-log JSON per second:         {from_json:.0}");
    println!("tickets loaded from a state-snapshot JSON per second:  {snapshot_rate:.0} (the alternative)");
    println!(
        "{}",
        serde_json::json!({
            "commands_per_s": commands.round(),
            "typed_commands_per_s": typed.round(),
            "readiness_checks_per_s": readiness.round(),
            "replay_events_per_s": replay.round(),
            "event_log_json_loads_per_s": from_json.round(),
            "snapshot_json_loads_per_s": snapshot_rate.round(),
        })
    );
}
