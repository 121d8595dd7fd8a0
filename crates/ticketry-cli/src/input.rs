//! Reading an archive export: JSON Lines or CSV, one ticket a line.
//!
//! A line is either an **export record** ([`Record`], the flat shape helpdesk
//! exports have; the schema is `schema/record.schema.json`) or, in JSON Lines
//! only, a **ticket event log** as the core writes it
//! (`{"schema_version": 1, "events": [...]}`, see `ticketry::Ticket::to_json`):
//! a line with an `"events"` key is read as a log. A bad line is reported with
//! its number and the field at fault and is counted; nothing is dropped
//! silently.

use std::fmt;
use std::io::BufRead;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use ticketry::detection::{DetectionDoc, Outcome};
use ticketry::repeat::{RecurrenceCause, RepeatType};
use ticketry::ticket::{ClientId, TicketId};
use ticketry::Ticket;

/// One ticket of an export, flat: what a helpdesk export holds. Times are
/// RFC 3339 with an offset (`2025-03-03T09:00:00Z`, `2025-03-03T12:00:00+03:00`).
/// Every time field says that a step happened then; an empty or absent one
/// says it did not happen. Fields not listed here are ignored (exports carry
/// more columns).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "ticketry export record", rename = "Record")]
pub struct Record {
    /// The ticket's id (`T-10234`).
    pub id: String,
    /// The client (an organisation or a residential complex).
    pub client_id: String,
    /// The contact person.
    #[serde(default, deserialize_with = "text")]
    pub contact_name: String,
    /// The product or context (`PASS24 Шлагбаум`, `Мобильное приложение`).
    #[serde(default, deserialize_with = "text")]
    pub product: String,
    /// When the ticket was opened.
    pub opened_at: DateTime<Utc>,
    /// One-line subject.
    #[serde(default, deserialize_with = "text")]
    pub subject: String,
    /// The client's description of the problem.
    #[serde(default, deserialize_with = "text")]
    pub description: String,
    /// When support first wrote to the client (the communication CLS-4 asks for).
    #[serde(default)]
    pub first_reply_at: Option<DateTime<Utc>>,
    /// What the diagnostics found, if any were made.
    #[serde(default, deserialize_with = "opt_text")]
    pub diagnostics: Option<String>,
    /// Handling time logged, in minutes.
    #[serde(default)]
    pub work_minutes: Option<u32>,
    /// When the specialist verified the solution (works, every aspect solved, no related problems: CLS-1).
    #[serde(default)]
    pub resolved_at: Option<DateTime<Utc>>,
    /// When the client was asked to confirm (CLS-2).
    #[serde(default)]
    pub confirmation_requested_at: Option<DateTime<Utc>>,
    /// When the repeated confirmation request was sent (CLS-S1).
    #[serde(default)]
    pub reminder_sent_at: Option<DateTime<Utc>>,
    /// When the client confirmed that the problem is solved (CLS-2).
    #[serde(default)]
    pub confirmed_at: Option<DateTime<Utc>>,
    /// The documented cause of the problem (CLS-3).
    #[serde(default, deserialize_with = "opt_text")]
    pub cause: Option<String>,
    /// The documented solution (CLS-3); a ticket without one is not documented.
    #[serde(default, deserialize_with = "opt_text")]
    pub solution: Option<String>,
    /// The documented recommendations to the client (CLS-3).
    #[serde(default, deserialize_with = "opt_text")]
    pub recommendations: Option<String>,
    /// The resources used (articles, manuals, tickets); in CSV separated by `;`.
    #[serde(default, deserialize_with = "list")]
    pub resources: Vec<String>,
    /// The knowledge-base decision (CLS-5): `article_created`, `article_updated`,
    /// `not_needed_typical` or `not_needed_already_covered`.
    #[serde(default, deserialize_with = "opt_text")]
    #[schemars(schema_with = "kb_decision_schema")]
    pub kb_decision: Option<String>,
    /// The article the knowledge-base decision refers to (`KB-118`).
    #[serde(default, deserialize_with = "opt_text")]
    pub kb_article: Option<String>,
    /// When the final notification was sent to the client (CLS-6).
    #[serde(default)]
    pub final_notification_at: Option<DateTime<Utc>>,
    /// When the ticket was closed; absent while it is open.
    #[serde(default)]
    pub closed_at: Option<DateTime<Utc>>,
    /// Closed "with a mark", without the client's confirmation (CLS-S1).
    #[serde(default, deserialize_with = "flag")]
    pub closed_without_confirmation: bool,
    /// The closing result told to the client.
    #[serde(default, deserialize_with = "opt_text")]
    pub result: Option<String>,
    /// How many times the ticket was reopened after a close (CLS-S3).
    #[serde(default)]
    pub reopens: Option<u32>,
    /// The earlier tickets this one repeats (REP-3); in CSV separated by `;`.
    #[serde(default, deserialize_with = "list")]
    pub repeat_of: Vec<String>,
    /// The repeat type (REP-T1..T4).
    #[serde(default)]
    #[schemars(schema_with = "repeat_type_schema")]
    pub repeat_type: Option<RepeatType>,
    /// The determined cause of recurrence (REP-C1..C4; REP-4).
    #[serde(default)]
    #[schemars(schema_with = "cause_schema")]
    pub recurrence_cause: Option<RecurrenceCause>,
    /// What was done about the repeat (REP-5; the action is the one the
    /// core's decision table gives for the cause).
    #[serde(default, deserialize_with = "opt_text")]
    pub repeat_solution: Option<String>,
    /// The prevention recommendations given (REP-7).
    #[serde(default, deserialize_with = "opt_text")]
    pub prevention: Option<String>,
    /// The client confirmed understanding the recommendations (REP-7).
    #[serde(default, deserialize_with = "flag")]
    pub prevention_understood: bool,
    /// For exports that only say whether a ticket was solved (the synthetic
    /// generator's): used by `triage` for the outcome of a ticket without `closed_at`.
    #[serde(default)]
    pub solved: Option<bool>,
}

fn enum_schema(names: Vec<&'static str>, nullable: bool) -> schemars::Schema {
    let mut values: Vec<serde_json::Value> = names.into_iter().map(Into::into).collect();
    if nullable {
        values.push(serde_json::Value::Null);
    }
    let mut map = serde_json::Map::new();
    map.insert("enum".into(), serde_json::Value::Array(values));
    schemars::Schema::from(map)
}

fn kb_decision_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    enum_schema(KB_DECISIONS.to_vec(), true)
}

fn repeat_type_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    enum_schema(RepeatType::ALL.iter().map(|t| t.as_str()).collect(), true)
}

fn cause_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    enum_schema(
        RecurrenceCause::ALL.iter().map(|c| c.as_str()).collect(),
        true,
    )
}

/// The knowledge-base decisions of `kb_decision`, as the core's
/// `KnowledgeBaseDecision` names them.
pub const KB_DECISIONS: [&str; 4] = [
    "article_created",
    "article_updated",
    "not_needed_typical",
    "not_needed_already_covered",
];

/// The JSON Schema of [`Record`], as committed in `schema/record.schema.json`.
pub fn record_schema() -> String {
    let schema = schemars::schema_for!(Record);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

impl Record {
    /// The outcome triage shows for the ticket: closed without a confirmation
    /// time counts as closed without the client's confirmation (with the mark or not).
    pub fn outcome(&self) -> Outcome {
        match (
            self.closed_at,
            self.closed_without_confirmation || self.confirmed_at.is_none(),
        ) {
            (Some(_), true) => Outcome::ClosedWithoutConfirmation,
            (Some(_), false) => Outcome::Solved,
            (None, _) if self.reopens.unwrap_or(0) > 0 => Outcome::Reopened,
            (None, _) if self.solved == Some(true) => Outcome::Solved,
            (None, _) => Outcome::Open,
        }
    }

    /// What detection indexes of it.
    pub fn detection_doc(&self) -> Result<DetectionDoc, LineError> {
        Ok(DetectionDoc {
            id: ticket_id(&self.id, "id")?,
            client_id: client_id(&self.client_id)?,
            product: self.product.clone(),
            opened_at: self.opened_at,
            subject: self.subject.clone(),
            description: self.description.clone(),
            outcome: self.outcome(),
        })
    }

    /// The latest time the record mentions.
    pub fn latest_time(&self) -> DateTime<Utc> {
        [
            self.first_reply_at,
            self.resolved_at,
            self.confirmation_requested_at,
            self.reminder_sent_at,
            self.confirmed_at,
            self.final_notification_at,
            self.closed_at,
        ]
        .into_iter()
        .flatten()
        .fold(self.opened_at, DateTime::max)
    }

    /// Checks what serde cannot: the ids are valid, the repeat links name ids.
    fn validate(&self) -> Result<(), LineError> {
        ticket_id(&self.id, "id")?;
        client_id(&self.client_id)?;
        for (i, r) in self.repeat_of.iter().enumerate() {
            ticket_id(r, &format!("repeat_of[{i}]"))?;
        }
        if let Some(kb) = &self.kb_decision {
            if !KB_DECISIONS.contains(&kb.as_str()) {
                return Err(LineError::field(
                    "kb_decision",
                    format!(
                        "unknown decision `{kb}`; expected one of {}",
                        KB_DECISIONS.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// A ticket id, or the line error naming `field`.
pub fn ticket_id(raw: &str, field: &str) -> Result<TicketId, LineError> {
    TicketId::new(raw).map_err(|e| LineError::field(field, e.to_string()))
}

fn client_id(raw: &str) -> Result<ClientId, LineError> {
    ClientId::new(raw).map_err(|e| LineError::field("client_id", e.to_string()))
}

/// What a line holds.
#[derive(Debug, Clone)]
pub enum Item {
    /// A flat export record.
    Record(Box<Record>),
    /// A full ticket, from its event log.
    Ticket(Box<Ticket>),
}

impl Item {
    /// The ticket's id.
    pub fn id(&self) -> &str {
        match self {
            Item::Record(r) => &r.id,
            Item::Ticket(t) => t.id().as_str(),
        }
    }

    /// When it was opened.
    pub fn opened_at(&self) -> DateTime<Utc> {
        match self {
            Item::Record(r) => r.opened_at,
            Item::Ticket(t) => t.state().created_at,
        }
    }

    /// What detection indexes of it.
    pub fn detection_doc(&self) -> Result<DetectionDoc, LineError> {
        match self {
            Item::Record(r) => r.detection_doc(),
            Item::Ticket(t) => Ok(DetectionDoc::from_ticket(t)),
        }
    }

    /// The solution the ticket records, if any.
    pub fn solution(&self) -> Option<String> {
        match self {
            Item::Record(r) => r.solution.clone().or_else(|| r.result.clone()),
            Item::Ticket(t) => {
                let s = t.state();
                s.documentation()
                    .map(|d| d.applied_solution.clone())
                    .filter(|x| !x.trim().is_empty())
                    .or_else(|| s.closing.as_ref().map(|c| c.result.clone()))
            }
        }
    }
}

/// What is wrong with a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineError {
    /// The field at fault, when known (`opened_at`, `repeat_of[1]`, `events[3].at`).
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl LineError {
    fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        LineError {
            field: Some(field.into()),
            message: message.into(),
        }
    }
}

/// A rejected line: its number (from 1; in CSV the header is line 1) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    /// The line number, from 1.
    pub line: u64,
    /// The field at fault, when known.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "line {}: field `{}`: {}", self.line, field, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// The format of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// JSON Lines: one JSON object a line (an export record or a ticket event log).
    Jsonl,
    /// CSV with a header line naming the record's fields.
    Csv,
}

impl InputFormat {
    /// The format a file name suggests: `.csv` is CSV, anything else JSON Lines.
    pub fn guess(path: &str) -> InputFormat {
        if path.to_ascii_lowercase().ends_with(".csv") {
            InputFormat::Csv
        } else {
            InputFormat::Jsonl
        }
    }
}

/// Reads a JSON Lines line.
pub fn parse_json_line(line: &str) -> Result<Item, LineError> {
    if is_event_log(line) {
        return Ticket::from_json(line)
            .map(|t| Item::Ticket(Box::new(t)))
            .map_err(|e| LineError {
                field: Some("events".into()),
                message: e.to_string(),
            });
    }
    let mut de = serde_json::Deserializer::from_str(line);
    let record: Record = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = inner.to_string();
        let field = match path.as_str() {
            "." => missing_field(&message),
            "?" => None,
            _ => Some(path),
        };
        // serde_json counts the line as line 1: keep the column only.
        let message = match message.rsplit_once(" at line 1 column ") {
            Some((m, col)) => format!("{m} (column {col})"),
            None => message,
        };
        LineError { field, message }
    })?;
    record.validate()?;
    Ok(Item::Record(Box::new(record)))
}

/// `missing field `opened_at`` names the field.
fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split('`').next().map(str::to_owned)
}

/// Whether a JSON line is a ticket event log: it has an `"events"` key (an
/// export record has no nested objects, so the key cannot be inside one).
fn is_event_log(line: &str) -> bool {
    line.contains("\"events\":") || line.contains("\"events\" :")
}

/// The JSON Lines branch of [`read_items`]: lines are read here and parsed on
/// worker threads, in batches, handed back in order
/// ([`crate::parallel::map_in_order`]). After a bad line in `strict` mode, the
/// lines parsed ahead are dropped unseen.
fn read_json_lines(
    reader: impl BufRead,
    strict: bool,
    on_item: &mut impl FnMut(u64, Item),
    on_rejected: &mut impl FnMut(Rejected),
) -> Result<u64, std::io::Error> {
    const BATCH: usize = 1024;
    let mut lines = reader.lines().enumerate();
    // the next non-blank lines, with their numbers
    let batches = std::iter::from_fn(|| {
        let mut batch = Vec::with_capacity(BATCH);
        for (i, line) in lines.by_ref() {
            match line {
                Err(e) => return Some(Err(e)),
                Ok(line) if !line.trim().is_empty() => {
                    batch.push((i as u64 + 1, line));
                    if batch.len() == BATCH {
                        break;
                    }
                }
                Ok(_) => {}
            }
        }
        (!batch.is_empty()).then_some(Ok(batch))
    });
    let mut read = 0u64;
    crate::parallel::map_in_order(
        batches,
        |(number, line): (u64, String)| (number, parse_json_line(&line)),
        |parsed| {
            for (number, item) in parsed {
                read += 1;
                match item {
                    Ok(item) => on_item(number, item),
                    Err(e) => {
                        on_rejected(Rejected {
                            line: number,
                            field: e.field,
                            message: e.message,
                        });
                        if strict {
                            return Ok(false);
                        }
                    }
                }
            }
            Ok(true)
        },
    )?;
    Ok(read)
}

/// Reads every line of an input, calling `on_item` with each good one and
/// `on_rejected` with each bad one; stops at the first bad one when `strict`.
/// Returns how many lines were read (blank JSON lines are not counted).
pub fn read_items(
    reader: impl BufRead,
    format: InputFormat,
    strict: bool,
    mut on_item: impl FnMut(u64, Item),
    mut on_rejected: impl FnMut(Rejected),
) -> Result<u64, std::io::Error> {
    let mut read = 0u64;
    match format {
        InputFormat::Jsonl => {
            read = read_json_lines(reader, strict, &mut on_item, &mut on_rejected)?;
        }
        InputFormat::Csv => {
            let mut csv = csv::ReaderBuilder::new()
                .flexible(false)
                .from_reader(reader);
            let headers = csv.headers().map_err(csv_io)?.clone();
            let mut row = csv::StringRecord::new();
            loop {
                let number_hint = csv.position().line() + 1;
                match csv.read_record(&mut row) {
                    Ok(false) => break,
                    Ok(true) => {
                        read += 1;
                        let number = row.position().map_or(number_hint, |p| p.line());
                        match parse_csv_row(&row, &headers) {
                            Ok(item) => on_item(number, item),
                            Err(e) => {
                                on_rejected(Rejected {
                                    line: number,
                                    field: e.field,
                                    message: e.message,
                                });
                                if strict {
                                    break;
                                }
                            }
                        }
                    }
                    Err(e) => {
                        read += 1;
                        let number = e.position().map_or(number_hint, |p| p.line());
                        if let csv::ErrorKind::Io(_) = e.kind() {
                            return Err(csv_io(e));
                        }
                        on_rejected(Rejected {
                            line: number,
                            field: None,
                            message: e.to_string(),
                        });
                        if strict {
                            break;
                        }
                    }
                }
            }
        }
    }
    Ok(read)
}

fn csv_io(e: csv::Error) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

fn parse_csv_row(row: &csv::StringRecord, headers: &csv::StringRecord) -> Result<Item, LineError> {
    let record: Record = row.deserialize(Some(headers)).map_err(|e| {
        let (field, message) = match e.kind() {
            csv::ErrorKind::Deserialize { err, .. } => {
                let field = err
                    .field()
                    .and_then(|i| headers.get(i as usize))
                    .map(str::to_owned)
                    .or_else(|| missing_field(&err.to_string()));
                (field, err.to_string())
            }
            _ => (None, e.to_string()),
        };
        LineError { field, message }
    })?;
    record.validate()?;
    Ok(Item::Record(Box::new(record)))
}

// ------------------------------------------------------------ field readers

/// A text; CSV's empty field and JSON's null are "".
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// An optional text; empty or blank is absent.
fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.filter(|s| !s.trim().is_empty()))
}

/// A flag: a JSON bool, or in CSV `true`/`false`/`1`/`0`/`yes`/`no`/`да`/`нет`/empty.
fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Text(String),
    }
    match Option::<Flag>::deserialize(d)? {
        None => Ok(false),
        Some(Flag::Bool(b)) => Ok(b),
        Some(Flag::Text(s)) => match s.trim().to_lowercase().as_str() {
            "" | "false" | "0" | "no" | "нет" => Ok(false),
            "true" | "1" | "yes" | "да" => Ok(true),
            other => Err(serde::de::Error::custom(format!(
                "`{other}` is not a flag; expected true or false"
            ))),
        },
    }
}

/// A list: a JSON array of strings, or a text separated by `;` (CSV).
fn list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum List {
        Items(Vec<String>),
        Text(String),
    }
    Ok(match Option::<List>::deserialize(d)? {
        None => Vec::new(),
        Some(List::Items(v)) => v,
        Some(List::Text(s)) => s
            .split(';')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::to_owned)
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    /// A JSON Lines export of `n` lines (about half of them records, with
    /// blank lines and bad lines among them), spanning many parser batches.
    fn export(n: u64, bad: &[u64]) -> String {
        let sample: Vec<&str> = crate::SAMPLE_ARCHIVE.lines().collect();
        let mut out = String::new();
        for i in 1..=n {
            if bad.contains(&i) {
                out.push_str("{\"id\": \"T-1\", \"subject\": \n");
            } else if i % 7 == 0 {
                out.push_str("   \n");
            } else {
                out.push_str(sample.get(i as usize % sample.len()).unwrap_or(&"{}"));
                out.push('\n');
            }
        }
        out
    }

    fn read(text: &str, strict: bool) -> (u64, Vec<u64>, Vec<u64>) {
        let (mut items, mut bad) = (Vec::new(), Vec::new());
        let read = read_items(
            text.as_bytes(),
            InputFormat::Jsonl,
            strict,
            |n, _| items.push(n),
            |r| bad.push(r.line),
        )
        .unwrap();
        (read, items, bad)
    }

    #[test]
    fn json_lines_parsed_on_threads_come_back_in_order_with_every_bad_line() {
        let bad = [1500, 3100, 4999, 5000];
        let text = export(5000, &bad);
        let (read, items, rejected) = read(&text, false);
        let blank = (1..=5000u64)
            .filter(|i| i % 7 == 0 && !bad.contains(i))
            .count() as u64;
        assert_eq!(rejected, bad);
        assert_eq!(read, 5000 - blank);
        assert_eq!(items.len() as u64 + rejected.len() as u64, read);
        assert!(items.windows(2).all(|w| w[0] < w[1]), "items out of order");
        assert!(items.iter().all(|i| i % 7 != 0 && !bad.contains(i)));
    }

    #[test]
    fn strict_json_lines_stop_at_the_first_bad_line_whatever_was_parsed_ahead() {
        let text = export(5000, &[1500, 3100]);
        let (read, items, rejected) = read(&text, true);
        assert_eq!(rejected, vec![1500]);
        let blank = (1..=1500u64).filter(|i| i % 7 == 0).count() as u64;
        assert_eq!(read, 1500 - blank);
        assert_eq!(items.last().copied(), Some(1499));
        assert_eq!(items.len() as u64, read - 1);
    }
}
