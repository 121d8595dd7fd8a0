//! `synth`: writes a synthetic support archive (see `ticketry_benches::synth`
//! for the JSON Lines format) for the repeat-detection benchmarks.
//!
//! ```text
//! cargo run --release -p ticketry-benches --bin synth -- --tickets 100000 [--seed 42] [--out FILE.jsonl]
//!     [--clients N] [--repeat-share 0.3] [--typo-rate 0.03] [--span-days 730]
//! ```
//!
//! JSON Lines go to stdout, or to `--out`; a one-line summary goes to stderr:
//! tickets, clients, repeats by kind, mentions, seconds.
#![allow(clippy::print_stderr)]

use std::error::Error;
use std::io::{BufWriter, Write};
use std::time::Instant;

use ticketry_benches::synth::{generate, to_json_line, SynthConfig, TruthKind};

type Res<T = ()> = Result<T, Box<dyn Error>>;

const HELP: &str = "synth --tickets N [--seed S] [--out FILE.jsonl] [--clients N] \
[--repeat-share F] [--typo-rate F] [--span-days D]";

/// `Ok(true)` when the reader went away (`synth … | head`): stop quietly.
fn quiet_end(r: std::io::Result<()>) -> Result<bool, std::io::Error> {
    match r {
        Ok(()) => Ok(false),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(true),
        Err(e) => Err(e),
    }
}

fn main() -> Res {
    let mut config = SynthConfig::default();
    let mut out: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--tickets" => config.tickets = value()?.parse()?,
            "--seed" => config.seed = value()?.parse()?,
            "--out" => out = Some(value()?),
            "--clients" => config.clients = value()?.parse()?,
            "--repeat-share" => config.repeat_share = value()?.parse()?,
            "--typo-rate" => config.typo_rate = value()?.parse()?,
            "--span-days" => config.span_days = value()?.parse()?,
            "--help" | "-h" => {
                eprintln!("{HELP}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other}\n{HELP}").into()),
        }
    }
    let sink: Box<dyn Write> = match &out {
        Some(path) => Box::new(std::fs::File::create(path)?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = BufWriter::with_capacity(1 << 20, sink);
    let started = Instant::now();
    let mut tickets = 0usize;
    let mut by_kind = [0usize; 4];
    let mut mentions = 0usize;
    for t in generate(&config) {
        tickets += 1;
        if let Some(truth) = &t.truth {
            let k = TruthKind::ALL
                .iter()
                .position(|&k| k == truth.kind)
                .unwrap_or(0);
            if let Some(slot) = by_kind.get_mut(k) {
                *slot += 1;
            }
            mentions += usize::from(truth.mentions_id);
        }
        let written = w
            .write_all(to_json_line(&t).as_bytes())
            .and_then(|()| w.write_all(b"\n"));
        if quiet_end(written)? {
            return Ok(());
        }
    }
    if quiet_end(w.flush())? {
        return Ok(());
    }
    let secs = started.elapsed().as_secs_f64();
    let repeats: usize = by_kind.iter().sum();
    let kinds: Vec<String> = TruthKind::ALL
        .iter()
        .zip(by_kind)
        .map(|(k, n)| format!("{}={n}", k.as_str()))
        .collect();
    eprintln!(
        "synth: tickets={tickets} clients={} seed={} repeats={repeats} ({}) mentions={mentions} seconds={secs:.2}",
        config.clients_or_default(),
        config.seed,
        kinds.join(" "),
    );
    Ok(())
}
