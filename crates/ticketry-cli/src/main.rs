//! `ticketry`: repeat triage, closing audit and repeat reports over a support
//! archive export, by the PASS24.online regulation (the `ticketry` core).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{BufRead, BufReader, Write};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use ticketry::detection::DetectionQuery;
use ticketry::Policy;
use ticketry_cli::input::{self, InputFormat, Item, Rejected};

/// mimalloc instead of the system allocator: triage builds and drops many
/// small strings and vectors per ticket (candidates, analysed terms).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use ticketry_cli::render::{self, Lang};
use ticketry_cli::triage::{self, Triage};
use ticketry_cli::{audit, load, report};

const AFTER_HELP: &str = "\
INPUT
  ARCHIVE is a file of tickets, one a line: JSON Lines (.jsonl, or `-` for stdin) or CSV
  (.csv, a header line naming the fields). Without ARCHIVE the bundled sample export is used
  (64 tickets of a PASS24.online support desk, in Russian).

  A line is an export record: the flat shape of a helpdesk export, whose JSON Schema
  `ticketry schema` prints (id, client_id, product, opened_at, subject, description, and
  the time of each step: first_reply_at, resolved_at, confirmation_requested_at,
  reminder_sent_at, confirmed_at, final_notification_at, closed_at; solution, cause,
  kb_decision, repeat_of, repeat_type, recurrence_cause, prevention…). In JSON Lines a line
  may also be a ticket event log as the ticketry library writes it ({\"schema_version\":1,
  \"events\":[…]}).

  A bad line is reported on stderr with its number and field, and counted; the run goes
  on and the exit code is 1. With --strict the run stops at the first bad line (exit 2).

HOW THE RULES ARE APPLIED
  Every step a record attests is replayed as a command through the ticketry core, which
  accepts or refuses it by the regulation: the CLI has no rule of its own. A closed record
  whose close the core refuses is a closing in breach, with every unmet rule (CLS-R1..R4,
  CLS-1..7, REP-2..7) named. Thresholds (the confirmation wait, REP-S1 / REP-S2 windows,
  detection weights) are the core's Policy defaults, or --policy FILE.json.

EXAMPLES
  ticketry report                              the bundled sample
  ticketry audit export.csv --format json
  ticketry triage export.jsonl > candidates.txt
  ticketry triage export.jsonl --ticket new.json
  ticketry schema > record.schema.json";

/// Repeat triage, closing audit and repeat reports over a support archive
/// export, by the PASS24.online support regulation.
#[derive(Debug, Parser)]
#[command(name = "ticketry", version, about, long_about = None, after_long_help = AFTER_HELP,
          after_help = "Run `ticketry --help` for the input format and examples.")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Tables and explanations for people (colour on a terminal, unless NO_COLOR is set).
    Human,
    /// JSON for machines (triage of a whole archive: JSON Lines, one ticket a line).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, clap::Args)]
struct Common {
    /// The export: a .jsonl or .csv file, or `-` for JSON Lines on stdin. Default: the bundled sample.
    archive: Option<String>,
    /// The input format (default: by the file name; `.csv` is CSV).
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
    /// Stop at the first bad line (exit code 2) instead of reporting it and going on.
    #[arg(long)]
    strict: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Language of the labels and the regulation's messages.
    #[arg(long, value_enum, default_value_t = Lang::Ru)]
    lang: Lang,
    /// Colour.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// A policy JSON (ticketry's Policy: every field optional; the defaults are the regulation's).
    #[arg(long, value_name = "FILE.json")]
    policy: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Repeat candidates (REP-1): for one new ticket, or for every ticket of the archive in
    /// time order, each seeing only the tickets opened before it; each candidate explained.
    #[command(
        long_about = "Repeat candidates (REP-1), by the ticketry core's detector: for one new \
ticket (--ticket), or for every ticket of the archive in time order, each seeing only the tickets \
opened before it. Each candidate comes with its score, the decision (likely / possible repeat), the \
suggested repeat type (REP-T1..T4) and why: the client's mention of the ticket, the same client, the \
shared words, the same product, how long before, how it was solved.\n\nThe archive is indexed once; \
term rarity is counted over the whole archive (later tickets included). Human output lists the \
tickets with candidates; --format json writes one JSON line per ticket."
    )]
    Triage {
        #[command(flatten)]
        common: Common,
        /// A new ticket (a JSON export record; `id` and `opened_at` optional, default now): triage only it.
        #[arg(long, value_name = "NEW.json")]
        ticket: Option<String>,
        /// Show the candidates judged not a repeat too.
        #[arg(long)]
        all_candidates: bool,
        /// Threads for the queries (default: the machine's cores).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Closing audit: tickets closed in breach of the regulation (CLS-R1..R4, CLS-1..7, REP-4..7),
    /// steps refused, tickets waiting for confirmation past the deadline (CLS-S1), tickets ready to close.
    Audit {
        #[command(flatten)]
        common: Common,
        /// Judge at this time (RFC 3339); default: the latest time in the export.
        #[arg(long)]
        at: Option<DateTime<Utc>>,
    },
    /// Repeat rate, reopen rate, closed-without-confirmation share and repeat causes, by month and
    /// by product; chronic problems (REP-S1) and clients not applying solutions (REP-S2).
    Report {
        #[command(flatten)]
        common: Common,
        /// The end of the REP-S1 / REP-S2 windows (RFC 3339); default: the latest time in the export.
        #[arg(long)]
        at: Option<DateTime<Utc>>,
    },
    /// Print the JSON Schema of an export record.
    Schema,
}

/// A failure that ends the run.
struct Fatal(String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Self {
        Fatal(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Fatal(msg)) => {
            eprintln!("ticketry: error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Fatal> {
    match cli.command {
        Cmd::Schema => {
            print!("{}", input::record_schema());
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Triage {
            common,
            ticket,
            all_candidates,
            threads,
        } => {
            setup_color(common.color);
            let policy = policy(&common)?;
            run_triage(&common, &policy, ticket.as_deref(), all_candidates, threads)
        }
        Cmd::Audit { common, at } => {
            setup_color(common.color);
            let policy = policy(&common)?;
            let (loaded, stopped) = load_all(&common, &policy)?;
            let at = at.or(loaded.latest).unwrap_or_else(Utc::now);
            let audit = audit::audit(&loaded, at, &policy);
            if !stopped {
                match common.format {
                    Format::Json => println!("{}", serde_json::to_string_pretty(&audit)?),
                    Format::Human => anstream::print!("{}", render::audit(&audit, common.lang)),
                }
            }
            Ok(finish(&loaded.rejected, loaded.lines, stopped))
        }
        Cmd::Report { common, at } => {
            setup_color(common.color);
            let policy = policy(&common)?;
            let (loaded, stopped) = load_all(&common, &policy)?;
            let at = at.or(loaded.latest).unwrap_or_else(Utc::now);
            let report = report::report(&loaded, at, &policy);
            if !stopped {
                match common.format {
                    Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
                    Format::Human => anstream::print!("{}", render::report(&report, common.lang)),
                }
            }
            Ok(finish(&loaded.rejected, loaded.lines, stopped))
        }
    }
}

fn setup_color(c: Color) {
    let choice = match c {
        Color::Auto => anstream::ColorChoice::Auto,
        Color::Always => anstream::ColorChoice::Always,
        Color::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
}

fn policy(common: &Common) -> Result<Policy, Fatal> {
    match &common.policy {
        None => Ok(Policy::default()),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| Fatal(format!("{path}: {e}")))?;
            Policy::from_json(&text).map_err(|e| Fatal(format!("{path}: {e}")))
        }
    }
}

/// The input's reader and format.
fn open(common: &Common) -> Result<(Box<dyn BufRead>, InputFormat, String), Fatal> {
    match common.archive.as_deref() {
        None => Ok((
            Box::new(ticketry_cli::SAMPLE_ARCHIVE.as_bytes()),
            common.input_format.unwrap_or(InputFormat::Jsonl),
            "the bundled sample".into(),
        )),
        Some("-") => Ok((
            Box::new(BufReader::new(std::io::stdin())),
            common.input_format.unwrap_or(InputFormat::Jsonl),
            "stdin".into(),
        )),
        Some(path) => {
            let file = std::fs::File::open(path).map_err(|e| Fatal(format!("{path}: {e}")))?;
            Ok((
                Box::new(BufReader::with_capacity(1 << 20, file)),
                common
                    .input_format
                    .unwrap_or_else(|| InputFormat::guess(path)),
                path.to_owned(),
            ))
        }
    }
}

fn progress_bar(len: Option<u64>, what: &str) -> ProgressBar {
    let bar = match len {
        Some(n) => ProgressBar::new(n),
        None => ProgressBar::new_spinner(),
    };
    // indicatif draws only when stderr is a terminal.
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    let template = if len.is_some() {
        "{msg} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)"
    } else {
        "{msg} {spinner} {pos} lines ({per_sec})"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_owned());
    bar
}

fn report_rejected(r: &Rejected) {
    anstream::eprintln!(
        "{}ticketry: rejected{} {r}",
        anstyle::Style::new()
            .fg_color(Some(anstyle::AnsiColor::Red.into()))
            .render(),
        anstyle::Reset.render()
    );
}

/// Reads every line; rejected lines are reported as they come. Returns the
/// items, the rejected, the count read and whether --strict stopped the read.
/// What was read: the items with their lines, the rejected lines, the count
/// read, and whether --strict stopped the read.
type ReadAll = (Vec<(u64, Item)>, Vec<Rejected>, u64, bool);

fn read_all(common: &Common) -> Result<ReadAll, Fatal> {
    let (reader, format, name) = open(common)?;
    let bar = progress_bar(None, &format!("reading {name}"));
    let mut items = Vec::new();
    let mut rejected = Vec::new();
    let lines = input::read_items(
        reader,
        format,
        common.strict,
        |n, item| {
            items.push((n, item));
            if n % 4096 == 0 {
                bar.set_position(n);
            }
        },
        |r| {
            bar.suspend(|| report_rejected(&r));
            rejected.push(r);
        },
    )
    .map_err(|e| Fatal(format!("{name}: {e}")))?;
    bar.finish_and_clear();
    let stopped = common.strict && !rejected.is_empty();
    Ok((items, rejected, lines, stopped))
}

fn load_all(common: &Common, policy: &Policy) -> Result<(load::Loaded, bool), Fatal> {
    let (items, rejected, lines, stopped) = read_all(common)?;
    let already = rejected.len();
    let mut loaded = load::load(items, rejected, lines, policy);
    // Tickets the archive refused (duplicate ids) are rejected lines too.
    for r in loaded.rejected.iter().skip(already) {
        report_rejected(r);
    }
    loaded.rejected.sort_by_key(|r| r.line);
    let stopped = stopped || (common.strict && !loaded.rejected.is_empty());
    Ok((loaded, stopped))
}

/// The closing line on stderr and the exit code: 0 when every line was taken,
/// 1 when some were rejected, 2 when --strict stopped the run.
fn finish(rejected: &[Rejected], lines: u64, stopped: bool) -> ExitCode {
    if stopped {
        eprintln!("ticketry: stopped at the first rejected line (--strict)");
        return ExitCode::from(2);
    }
    if rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("ticketry: {} of {lines} lines rejected", rejected.len());
        ExitCode::from(1)
    }
}

fn run_triage(
    common: &Common,
    policy: &Policy,
    ticket: Option<&str>,
    all_candidates: bool,
    threads: Option<usize>,
) -> Result<ExitCode, Fatal> {
    let (reader, format, name) = open(common)?;
    let bar = progress_bar(None, &format!("reading {name}"));
    let mut docs = Vec::new();
    let mut rejected = Vec::new();
    let mut bad_docs = Vec::new();
    let mut subjects_needed = common.format == Format::Human;
    let lines = input::read_items(
        reader,
        format,
        common.strict,
        |n, item| {
            match item.detection_doc() {
                Ok(doc) => {
                    let solution = item.solution();
                    docs.push((n, doc, solution));
                }
                Err(e) => bad_docs.push(Rejected {
                    line: n,
                    field: e.field,
                    message: e.message,
                }),
            }
            if n % 4096 == 0 {
                bar.set_position(n);
            }
        },
        |r| {
            bar.suspend(|| report_rejected(&r));
            rejected.push(r);
        },
    )
    .map_err(|e| Fatal(format!("{name}: {e}")))?;
    bar.finish_and_clear();
    for r in &bad_docs {
        report_rejected(r);
    }
    rejected.extend(bad_docs);
    rejected.sort_by_key(|r| r.line);
    if common.strict && !rejected.is_empty() {
        return Ok(finish(&rejected, lines, true));
    }
    let total = docs.len() as u64;
    let bar = progress_bar(Some(total), "indexing");
    let mut dup = Vec::new();
    let mut indexed = 0u64;
    let index = Triage::build(
        docs,
        |line, doc| {
            dup.push(Rejected {
                line,
                field: Some("id".into()),
                message: format!("duplicate ticket id {}", doc.id),
            })
        },
        || {
            indexed += 1;
            if indexed % 4096 == 0 {
                bar.set_position(indexed);
            }
        },
    )?;
    bar.finish_and_clear();
    for r in &dup {
        report_rejected(r);
    }
    rejected.extend(dup);
    if common.strict && !rejected.is_empty() {
        return Ok(finish(&rejected, lines, true));
    }

    // JSON has no colour to strip: it goes to stdout as is (the stripping
    // stream reads every byte, a tenth of a large triage's time)
    let sink: Box<dyn Write> = match common.format {
        Format::Json => Box::new(std::io::stdout().lock()),
        Format::Human => Box::new(anstream::stdout().lock()),
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, sink);
    if let Some(path) = ticket {
        let text = std::fs::read_to_string(path).map_err(|e| Fatal(format!("{path}: {e}")))?;
        let query = new_query(&text).map_err(|e| Fatal(format!("{path}: {e}")))?;
        let t = index.triage(&query, policy, all_candidates);
        match common.format {
            Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&t)?)?,
            Format::Human => write!(
                out,
                "{}",
                render::ticket_triage(&t, &query.subject, common.lang)
            )?,
        }
        out.flush()?;
        return Ok(finish(&rejected, lines, false));
    }

    let threads = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let bar = progress_bar(Some(total), "triage");
    let subjects: std::collections::HashMap<&str, &str> = if subjects_needed {
        index
            .docs
            .iter()
            .map(|d| (d.id.as_str(), d.subject.as_str()))
            .collect()
    } else {
        Default::default()
    };
    subjects_needed = !subjects.is_empty();
    let (mut likely, mut possible) = (0u64, 0u64);
    let mut done = 0u64;
    let format = common.format;
    let lang = common.lang;
    let subjects = &subjects;
    index.triage_all(
        policy,
        all_candidates,
        threads,
        // formatted on the worker threads
        |t| -> std::io::Result<(ticketry::detection::Decision, Vec<u8>)> {
            let mut bytes = Vec::new();
            match format {
                Format::Json => triage::write_json_line(&mut bytes, &t)?,
                Format::Human if !t.candidates.is_empty() => {
                    let subject = if subjects_needed {
                        t.id.as_deref()
                            .and_then(|i| subjects.get(i))
                            .copied()
                            .unwrap_or("")
                    } else {
                        ""
                    };
                    bytes.extend_from_slice(render::ticket_triage(&t, subject, lang).as_bytes());
                }
                Format::Human => {}
            }
            Ok((t.decision, bytes))
        },
        |rendered| {
            let (decision, bytes) = rendered?;
            match decision {
                ticketry::detection::Decision::LikelyRepeat => likely += 1,
                ticketry::detection::Decision::PossibleRepeat => possible += 1,
                ticketry::detection::Decision::NotARepeat => {}
            }
            out.write_all(&bytes)
        },
        |n| {
            done += n;
            bar.set_position(done);
        },
    )?;
    bar.finish_and_clear();
    if common.format == Format::Human {
        writeln!(
            out,
            "\n{total} tickets triaged: {likely} likely repeats, {possible} possible repeats, {} without candidates",
            total - likely - possible
        )?;
    }
    out.flush()?;
    Ok(finish(&rejected, lines, false))
}

/// The query of `--ticket`: an export record whose `id` and `opened_at` may be absent.
fn new_query(text: &str) -> Result<DetectionQuery, String> {
    let mut value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let obj = value.as_object_mut().ok_or("a ticket is a JSON object")?;
    let has_id = obj.contains_key("id");
    obj.entry("id").or_insert_with(|| "T-000".into());
    obj.entry("opened_at")
        .or_insert_with(|| Utc::now().to_rfc3339().into());
    let line = serde_json::to_string(&value).map_err(|e| e.to_string())?;
    match input::parse_json_line(&line) {
        Ok(Item::Record(r)) => {
            let doc = r.detection_doc().map_err(|e| e.message)?;
            let mut q = triage::query_of(&doc);
            if !has_id {
                q.id = None;
            }
            Ok(q)
        }
        Ok(Item::Ticket(t)) => Ok(DetectionQuery::from_ticket(&t)),
        Err(e) => Err(match e.field {
            Some(f) => format!("field `{f}`: {}", e.message),
            None => e.message,
        }),
    }
}
