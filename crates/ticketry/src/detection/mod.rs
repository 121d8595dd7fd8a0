//! Repeat detection (REP-1): for a new ticket, the earlier tickets it likely
//! repeats, ranked and explained.
//!
//! The regulation asks the specialist to check the client's history, compare
//! with problems solved before, notice an earlier ticket the client mentions,
//! and search by keywords. [`Detector`] does the four at once over an
//! in-memory index of the archive and returns [`Candidate`]s, each with a
//! score in `[0, 1]`, the [`Signals`] that made it, a suggested
//! [`RepeatType`] with a confidence, and a [`Decision`].
//!
//! ## How a candidate is scored
//!
//! Candidates come from three places: tickets sharing terms with the new one
//! (BM25 over the stems of subject and description, see [`text`](mod@text); typos
//! matched through one-edit neighbours in the vocabulary), the client's
//! latest earlier tickets, and tickets the client mentions by number (see
//! [`reference`](mod@reference)). Only tickets opened strictly before the new one count.
//! Each candidate then gets
//!
//! ```text
//! base  = w_text·text + w_client·same_client + w_product·same_product + w_recency·recency
//! score = 1 − (1 − base)·(1 − reference_strength)   if the client mentions it
//!       = base                                       otherwise
//! ```
//!
//! where `text` is the BM25 score divided by the score the new ticket would
//! get against itself (capped at 1), and `recency = 0.5^(days / half_life)`.
//! A ticket of another client and another product that the client does not
//! mention counts its recency times `min(1, text / min_text_for_possible)`:
//! being recent says nothing of a ticket that shares nothing else, and added
//! in full it ranked a two-day-old ticket sharing one common word above an
//! older one sharing the rare words (GitBugs RR@10 0.8615 before, 0.8923
//! after, where every report is its own client; 0.9077 since with 64 query
//! terms, see [`DetectionPolicy::max_query_terms`]).
//! The weights, thresholds and the half-life are in [`DetectionPolicy`]
//! (`Policy::detection`), with these defaults:
//!
//! | field | default | meaning |
//! |---|---|---|
//! | `text_weight` | 0.55 | weight of text similarity |
//! | `same_client_weight` | 0.20 | weight of "the same client" |
//! | `same_product_weight` | 0.10 | weight of "the same product or context" |
//! | `recency_weight` | 0.15 | weight of recency (the four weights sum to 1) |
//! | `recency_half_life_days` | 90 | a ticket this old has recency 0.5 |
//! | `reference_strength` | 0.9 | an explicit mention lifts the score to at least this |
//! | `likely_threshold` | 0.6 | score from which a candidate is a likely repeat (with a mention or text similarity ≥ `same_problem_similarity`: context alone is never "likely")… |
//! | `possible_threshold` | 0.4 | …and a possible one |
//! | `min_text_for_possible` | 0.25 | without a mention, a repeat needs at least this text similarity |
//! | `same_problem_similarity` | 0.35 | text similarity from which the same problem is suggested (REP-T1/T3) |
//! | `related_similarity` | 0.15 | …a related problem (REP-T2); below it, same context (REP-T4) |
//! | `not_fully_resolved_days` | 14 | the same problem again within this many days of the client's own solved ticket suggests REP-T3 |
//! | `max_candidates` | 10 | how many candidates to return |
//! | `client_slots` | 4 | places kept for the client's own best earlier tickets (REP-1: the client's history) |
//! | `max_query_terms` | 64 | the new ticket is searched by at most this many of its most telling terms |
//! | `fuzzy_factor` | 0.7 | weight of a typo match against an exact one |
//! | `bm25_k1`, `bm25_b` | 1.2, 0.75 | BM25's term saturation and length normalisation |
//! | `references` | `T-`, 3–12 digits | the ticket id format mentions are read in |
//!
//! ## Example
//!
//! ```
//! use ticketry::detection::{Decision, DetectionQuery, Detector, DetectionDoc, Outcome};
//! use ticketry::repeat::RepeatType;
//! use ticketry::ticket::{ClientId, TicketId};
//! use chrono::{TimeZone, Utc};
//!
//! let at = |d| Utc.with_ymd_and_hms(2025, 3, d, 9, 0, 0).unwrap();
//! let mut detector = Detector::new();
//! detector.upsert(&DetectionDoc {
//!     id: TicketId::new("T-10234")?,
//!     client_id: ClientId::new("zhk-severny")?,
//!     product: "PASS24 Шлагбаум".into(),
//!     opened_at: at(3),
//!     subject: "Шлагбаум не открывается по номеру".into(),
//!     description: "Камера видит номер, но шлагбаум не поднимается для жителей".into(),
//!     outcome: Outcome::Solved,
//! })?;
//! detector.upsert(&DetectionDoc {
//!     id: TicketId::new("T-10250")?,
//!     client_id: ClientId::new("bc-sever")?,
//!     product: "Гостевые пропуска".into(),
//!     opened_at: at(4),
//!     subject: "Гостевой пропуск не приходит по SMS".into(),
//!     description: "Гости не получают SMS с пропуском".into(),
//!     outcome: Outcome::Solved,
//! })?;
//!
//! let query = DetectionQuery {
//!     id: None,
//!     client_id: ClientId::new("zhk-severny")?,
//!     product: "PASS24 Шлагбаум".into(),
//!     opened_at: at(20),
//!     subject: "Опять шлагбаум не открываеться".into(), // sic
//!     description: "Снова не поднимается шлагбаум по номеру машины, как в обращении №10234".into(),
//! };
//! let found = detector.detect(&query, &Default::default());
//! let best = &found.candidates[0];
//! assert_eq!(best.id.as_str(), "T-10234");
//! assert_eq!(best.decision, Decision::LikelyRepeat);
//! assert_eq!(best.suggested_type, RepeatType::SameProblem);
//! assert!(best.signals.same_client && best.signals.reference.is_some());
//! assert!(best.signals.shared_terms.iter().any(|t| t == "шлагбаум"));
//! assert!(found.candidates.iter().all(|c| c.id.as_str() != "T-10250" || c.decision == Decision::NotARepeat));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod reference;
pub mod stopwords;
pub mod text;

mod index;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::repeat::RepeatType;
use crate::rules::RuleId;
use crate::ticket::{ClientId, NewTicket, TicketId};
use crate::Ticket;
use index::{DocTerms, Index, NewDoc, Scratch};

std::thread_local! {
    /// Per-thread working memory of [`Detector::detect`]: no allocation of a
    /// score per ticket for every query.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}
use reference::{find_references, FoundReference};

/// The ticket id format explicit mentions are read in.
///
/// ```
/// let f = ticketry::detection::ReferenceFormat::default();
/// assert_eq!((f.prefix.as_str(), f.min_digits, f.max_digits), ("T-", 3, 12));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReferenceFormat {
    /// What comes before the digits in a full id (`T-` in `T-10234`); a bare
    /// number after a ticket word gets this prefix.
    pub prefix: String,
    /// The fewest digits of an id.
    pub min_digits: usize,
    /// The most digits of an id.
    pub max_digits: usize,
}

impl Default for ReferenceFormat {
    fn default() -> Self {
        ReferenceFormat {
            prefix: "T-".into(),
            min_digits: 3,
            max_digits: 12,
        }
    }
}

/// The weights and thresholds of detection. See the [module docs](self) for
/// the formula and the defaults.
///
/// ```
/// let p = ticketry::Policy::from_json(r#"{"detection": {"likely_threshold": 0.7}}"#)?;
/// assert_eq!(p.detection.likely_threshold, 0.7);
/// assert_eq!(p.detection.possible_threshold, 0.4);
/// let err = ticketry::Policy::from_json(r#"{"detection": {"text_weight": 0.9}}"#).unwrap_err();
/// assert_eq!(err.field(), "detection.text_weight");
/// # Ok::<(), ticketry::policy::PolicyError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DetectionPolicy {
    /// Weight of text similarity.
    pub text_weight: f64,
    /// Weight of "the same client".
    pub same_client_weight: f64,
    /// Weight of "the same product or context".
    pub same_product_weight: f64,
    /// Weight of recency; for a ticket of another client and product that
    /// is not mentioned, scaled by `min(1, text / min_text_for_possible)`.
    pub recency_weight: f64,
    /// Days after which recency is one half.
    pub recency_half_life_days: f64,
    /// The least score of a ticket the client mentions.
    pub reference_strength: f64,
    /// Score from which a candidate is a likely repeat.
    pub likely_threshold: f64,
    /// Score from which a candidate is a possible repeat.
    pub possible_threshold: f64,
    /// Text similarity a repeat needs when the client does not mention it.
    pub min_text_for_possible: f64,
    /// Text similarity from which the same problem is suggested (REP-T1/T3).
    pub same_problem_similarity: f64,
    /// Text similarity from which a related problem is suggested (REP-T2).
    pub related_similarity: f64,
    /// The same problem again within this many days of the client's own
    /// solved ticket suggests REP-T3 (another client's: REP-T1).
    pub not_fully_resolved_days: f64,
    /// How many candidates to return.
    pub max_candidates: usize,
    /// Places of the list kept for the client's own earlier tickets (REP-1:
    /// the client's history), when they would otherwise fall below other
    /// clients' look-alikes; 0 turns it off (at most `max_candidates` are kept).
    pub client_slots: usize,
    /// A new ticket is searched by at most this many of its terms, the most
    /// telling ones (rare, in the subject): a pasted log does not drown the
    /// problem, and the work of a query stays bounded.
    ///
    /// 64 by default. On GitBugs (`--bin detection-quality`, 2026-12-08)
    /// every cap from 36 to 128 gave RR@10 0.9077 (RR@1 0.6308), and 32, the
    /// default before, 0.8923: a long report's 33rd to 64th terms still
    /// find duplicates. A short ticket has fewer terms than that (the
    /// synthetic archive's recall is the same); a query of about 80 terms on
    /// a million tickets takes p50 0.40 ms instead of 0.23, p99 0.75 ms
    /// instead of 0.36.
    pub max_query_terms: usize,
    /// Weight of a one-edit (typo) match against an exact one; 0 turns typo
    /// tolerance off.
    pub fuzzy_factor: f64,
    /// BM25 term saturation.
    pub bm25_k1: f64,
    /// BM25 length normalisation.
    pub bm25_b: f64,
    /// The ticket id format.
    pub references: ReferenceFormat,
}

impl Default for DetectionPolicy {
    fn default() -> Self {
        DetectionPolicy {
            text_weight: 0.55,
            same_client_weight: 0.20,
            same_product_weight: 0.10,
            recency_weight: 0.15,
            recency_half_life_days: 90.0,
            reference_strength: 0.9,
            likely_threshold: 0.6,
            possible_threshold: 0.4,
            min_text_for_possible: 0.25,
            same_problem_similarity: 0.35,
            related_similarity: 0.15,
            not_fully_resolved_days: 14.0,
            max_candidates: 10,
            max_query_terms: 64,
            client_slots: 4,
            fuzzy_factor: 0.7,
            bm25_k1: 1.2,
            bm25_b: 0.75,
            references: ReferenceFormat::default(),
        }
    }
}

impl DetectionPolicy {
    /// Checks ranges; the error names the field (`detection.…`).
    ///
    /// ```
    /// let mut p = ticketry::detection::DetectionPolicy::default();
    /// assert!(p.validate().is_ok());
    /// p.possible_threshold = 0.9;
    /// assert_eq!(p.validate().unwrap_err().0, "detection.possible_threshold");
    /// ```
    pub fn validate(&self) -> Result<(), (String, String)> {
        let unit = [
            ("text_weight", self.text_weight),
            ("same_client_weight", self.same_client_weight),
            ("same_product_weight", self.same_product_weight),
            ("recency_weight", self.recency_weight),
            ("reference_strength", self.reference_strength),
            ("likely_threshold", self.likely_threshold),
            ("possible_threshold", self.possible_threshold),
            ("min_text_for_possible", self.min_text_for_possible),
            ("same_problem_similarity", self.same_problem_similarity),
            ("related_similarity", self.related_similarity),
            ("fuzzy_factor", self.fuzzy_factor),
            ("bm25_b", self.bm25_b),
        ];
        let fail = |f: &str, m: String| Err((format!("detection.{f}"), m));
        for (field, v) in unit {
            if !(0.0..=1.0).contains(&v) {
                return fail(field, format!("{v} is outside 0..=1"));
            }
        }
        let sum = self.text_weight
            + self.same_client_weight
            + self.same_product_weight
            + self.recency_weight;
        if (sum - 1.0).abs() > 1e-6 {
            return fail(
                "text_weight",
                format!("the four weights must sum to 1, they sum to {sum}"),
            );
        }
        if self.possible_threshold > self.likely_threshold {
            return fail(
                "possible_threshold",
                "must not be above likely_threshold".into(),
            );
        }
        if self.related_similarity > self.same_problem_similarity {
            return fail(
                "related_similarity",
                "must not be above same_problem_similarity".into(),
            );
        }
        for (field, v) in [
            ("recency_half_life_days", self.recency_half_life_days),
            ("not_fully_resolved_days", self.not_fully_resolved_days),
            ("bm25_k1", self.bm25_k1),
        ] {
            if !(v > 0.0 && v <= 36_600.0) {
                return fail(field, format!("{v} is outside (0, 36600]"));
            }
        }
        if self.client_slots > 1000 {
            return fail(
                "client_slots",
                format!("{} is above 1000", self.client_slots),
            );
        }
        if !(1..=1000).contains(&self.max_query_terms) {
            return fail(
                "max_query_terms",
                format!("{} is outside 1..=1000", self.max_query_terms),
            );
        }
        if !(1..=1000).contains(&self.max_candidates) {
            return fail(
                "max_candidates",
                format!("{} is outside 1..=1000", self.max_candidates),
            );
        }
        let r = &self.references;
        if r.min_digits == 0 || r.min_digits > r.max_digits || r.max_digits > 18 {
            return fail(
                "references.min_digits",
                format!(
                    "{}..={} digits is not a usable id length (1..=18)",
                    r.min_digits, r.max_digits
                ),
            );
        }
        if r.prefix.chars().any(char::is_whitespace) || r.prefix.chars().count() > 16 {
            return fail(
                "references.prefix",
                "must be at most 16 characters without spaces".into(),
            );
        }
        Ok(())
    }
}

/// Where an earlier ticket stands: whether it was solved, and how.
///
/// ```
/// assert_eq!(serde_json::to_string(&ticketry::detection::Outcome::ClosedWithoutConfirmation).unwrap(), "\"closed_without_confirmation\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Still being worked on.
    #[default]
    Open,
    /// Closed with the client's confirmation (CLS-2).
    Solved,
    /// Closed with a mark, without the client's confirmation (CLS-S1).
    ClosedWithoutConfirmation,
    /// Reopened after a close, and not closed again.
    Reopened,
}

impl Outcome {
    /// In Russian.
    ///
    /// ```
    /// assert_eq!(ticketry::detection::Outcome::Solved.label_ru(), "решено, клиент подтвердил");
    /// ```
    pub fn label_ru(self) -> &'static str {
        match self {
            Outcome::Open => "в работе",
            Outcome::Solved => "решено, клиент подтвердил",
            Outcome::ClosedWithoutConfirmation => "закрыто без подтверждения клиента",
            Outcome::Reopened => "открыто повторно",
        }
    }

    /// In English.
    ///
    /// ```
    /// assert_eq!(ticketry::detection::Outcome::Reopened.label_en(), "reopened");
    /// ```
    pub fn label_en(self) -> &'static str {
        match self {
            Outcome::Open => "open",
            Outcome::Solved => "solved, confirmed by the client",
            Outcome::ClosedWithoutConfirmation => "closed without the client's confirmation",
            Outcome::Reopened => "reopened",
        }
    }

    /// The outcome of a ticket in the archive.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// assert_eq!(ticketry::detection::Outcome::of(&ticket), ticketry::detection::Outcome::Solved);
    /// ```
    pub fn of(ticket: &Ticket) -> Outcome {
        let state = ticket.state();
        match &state.closing {
            Some(c) if c.without_confirmation => Outcome::ClosedWithoutConfirmation,
            Some(_) => Outcome::Solved,
            None if !state.reopens.is_empty() => Outcome::Reopened,
            None => Outcome::Open,
        }
    }

    /// Whether the ticket was closed as solved (with or without confirmation).
    ///
    /// ```
    /// assert!(ticketry::detection::Outcome::Solved.is_closed());
    /// assert!(!ticketry::detection::Outcome::Reopened.is_closed());
    /// ```
    pub fn is_closed(self) -> bool {
        matches!(self, Outcome::Solved | Outcome::ClosedWithoutConfirmation)
    }
}

/// What the detector indexes of an earlier ticket.
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// let doc = ticketry::detection::DetectionDoc::from_ticket(&ticket);
/// assert_eq!(doc.id, *ticket.id());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetectionDoc {
    /// The ticket.
    pub id: TicketId,
    /// Its client.
    pub client_id: ClientId,
    /// Its product or context.
    pub product: String,
    /// When it was opened.
    pub opened_at: DateTime<Utc>,
    /// Its subject.
    pub subject: String,
    /// The client's description.
    pub description: String,
    /// Whether and how it was solved.
    #[serde(default)]
    pub outcome: Outcome,
}

impl DetectionDoc {
    /// The summary of a ticket: its opening data and outcome.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// let doc = ticketry::detection::DetectionDoc::from_ticket(&ticket);
    /// assert_eq!(doc.subject, ticket.state().subject);
    /// ```
    pub fn from_ticket(ticket: &Ticket) -> DetectionDoc {
        let s = ticket.state();
        DetectionDoc {
            id: s.id.clone(),
            client_id: s.client_id.clone(),
            product: s.product.clone(),
            opened_at: s.created_at,
            subject: s.subject.clone(),
            description: s.description.clone(),
            outcome: Outcome::of(ticket),
        }
    }
}

/// The new ticket detection looks for repeats of.
///
/// ```
/// # use chrono::{TimeZone, Utc};
/// let new = ticketry::doc_support::new_ticket("T-2000");
/// let q = ticketry::detection::DetectionQuery::from_new(&new, Utc.with_ymd_and_hms(2025, 5, 5, 9, 0, 0).unwrap());
/// assert_eq!(q.id.as_ref().map(|i| i.as_str()), Some("T-2000"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetectionQuery {
    /// Its id, when it has one (it is never its own candidate).
    #[serde(default)]
    pub id: Option<TicketId>,
    /// The client.
    pub client_id: ClientId,
    /// The product or context.
    #[serde(default)]
    pub product: String,
    /// When it was opened; only tickets opened before count.
    pub opened_at: DateTime<Utc>,
    /// Its subject.
    #[serde(default)]
    pub subject: String,
    /// The client's description.
    #[serde(default)]
    pub description: String,
}

impl DetectionQuery {
    /// A query for a ticket being opened at `at`.
    ///
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// # let new = ticketry::doc_support::new_ticket("T-2000");
    /// let q = ticketry::detection::DetectionQuery::from_new(&new, Utc.with_ymd_and_hms(2025, 5, 5, 9, 0, 0).unwrap());
    /// assert_eq!(q.subject, new.subject);
    /// ```
    pub fn from_new(new: &NewTicket, at: DateTime<Utc>) -> DetectionQuery {
        DetectionQuery {
            id: Some(new.id.clone()),
            client_id: new.client_id.clone(),
            product: new.product.clone(),
            opened_at: at,
            subject: new.subject.clone(),
            description: new.description.clone(),
        }
    }

    /// A query for a ticket already opened (it sees only earlier tickets).
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// let q = ticketry::detection::DetectionQuery::from_ticket(&ticket);
    /// assert_eq!(q.opened_at, ticket.state().created_at);
    /// ```
    pub fn from_ticket(ticket: &Ticket) -> DetectionQuery {
        let s = ticket.state();
        DetectionQuery {
            id: Some(s.id.clone()),
            client_id: s.client_id.clone(),
            product: s.product.clone(),
            opened_at: s.created_at,
            subject: s.subject.clone(),
            description: s.description.clone(),
        }
    }
}

/// Which field of the new ticket a mention was found in.
///
/// ```
/// assert_eq!(serde_json::to_string(&ticketry::detection::Field::Description).unwrap(), "\"description\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The subject.
    Subject,
    /// The description.
    Description,
}

/// A ticket the client mentions, with the words that mention it.
///
/// ```
/// # use ticketry::detection::{Field, Reference};
/// # let r = Reference { id: ticketry::ticket::TicketId::new("T-1").unwrap(), field: Field::Subject, start: 0, end: 5, text: "#1".into() };
/// assert_eq!(r.field, Field::Subject);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// The mentioned ticket.
    pub id: TicketId,
    /// The field the mention is in.
    pub field: Field,
    /// Byte offset of the mention in that field.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// The mention as written.
    pub text: String,
}

/// Why a mentioned id does not count.
///
/// ```
/// assert_eq!(serde_json::to_string(&ticketry::detection::IgnoredBecause::NotEarlier).unwrap(), "\"not_earlier\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IgnoredBecause {
    /// No such ticket in the archive.
    Unknown,
    /// The ticket was opened at the same time or after the new one.
    NotEarlier,
    /// The new ticket mentions itself.
    Itself,
}

impl IgnoredBecause {
    /// In Russian.
    ///
    /// ```
    /// assert_eq!(ticketry::detection::IgnoredBecause::Unknown.label_ru(), "такого обращения нет");
    /// ```
    pub fn label_ru(self) -> &'static str {
        match self {
            IgnoredBecause::Unknown => "такого обращения нет",
            IgnoredBecause::NotEarlier => "обращение создано не раньше нового",
            IgnoredBecause::Itself => "это то же обращение",
        }
    }

    /// In English.
    ///
    /// ```
    /// assert_eq!(ticketry::detection::IgnoredBecause::Itself.label_en(), "the ticket itself");
    /// ```
    pub fn label_en(self) -> &'static str {
        match self {
            IgnoredBecause::Unknown => "no such ticket",
            IgnoredBecause::NotEarlier => "opened at the same time or later",
            IgnoredBecause::Itself => "the ticket itself",
        }
    }
}

/// The evidence behind a candidate, signal by signal.
///
/// ```
/// # let s = ticketry::detection::Signals::default();
/// assert!(!s.same_client && s.shared_terms.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Signals {
    /// The earlier ticket is the same client's (REP-1: the client's history).
    pub same_client: bool,
    /// The client mentions it (REP-1: a mention of an earlier ticket).
    pub reference: Option<Reference>,
    /// Text similarity in `[0, 1]` (REP-1: similar problems solved before).
    pub text_similarity: f64,
    /// The new ticket's words found in it, most telling first (REP-1: keyword search).
    pub shared_terms: Vec<String>,
    /// Same product or context.
    pub same_product: bool,
    /// Days between the two openings.
    pub days_before: f64,
    /// `0.5^(days / half_life)`.
    pub recency: f64,
    /// Whether and how the earlier ticket was solved.
    pub outcome: Outcome,
}

/// How much each signal added to the score.
///
/// ```
/// # let c = ticketry::detection::Contributions::default();
/// assert_eq!(c.text + c.same_client + c.same_product + c.recency + c.reference, 0.0);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Contributions {
    /// From text similarity.
    pub text: f64,
    /// From the same client.
    pub same_client: f64,
    /// From the same product.
    pub same_product: f64,
    /// From recency (scaled down for an unrelated ticket: see [`DetectionPolicy::recency_weight`]).
    pub recency: f64,
    /// Added by an explicit mention.
    pub reference: f64,
}

/// Whether a candidate is a repeat, by the policy's thresholds.
///
/// ```
/// assert_eq!(serde_json::to_string(&ticketry::detection::Decision::LikelyRepeat).unwrap(), "\"likely_repeat\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Below the possible threshold (or too little in common).
    NotARepeat,
    /// Worth a look.
    PossibleRepeat,
    /// Almost certainly a repeat.
    LikelyRepeat,
}

impl Decision {
    /// In Russian, as a support specialist reads it.
    ///
    /// ```
    /// assert_eq!(ticketry::detection::Decision::LikelyRepeat.label_ru(), "вероятный повтор");
    /// ```
    pub fn label_ru(self) -> &'static str {
        match self {
            Decision::NotARepeat => "не повтор",
            Decision::PossibleRepeat => "возможный повтор",
            Decision::LikelyRepeat => "вероятный повтор",
        }
    }

    /// In English.
    ///
    /// ```
    /// assert_eq!(ticketry::detection::Decision::NotARepeat.label_en(), "not a repeat");
    /// ```
    pub fn label_en(self) -> &'static str {
        match self {
            Decision::NotARepeat => "not a repeat",
            Decision::PossibleRepeat => "possible repeat",
            Decision::LikelyRepeat => "likely repeat",
        }
    }

    /// The stable name, as in JSON.
    ///
    /// ```
    /// assert_eq!(ticketry::detection::Decision::PossibleRepeat.as_str(), "possible_repeat");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::NotARepeat => "not_a_repeat",
            Decision::PossibleRepeat => "possible_repeat",
            Decision::LikelyRepeat => "likely_repeat",
        }
    }

    /// The rule it serves (REP-1).
    ///
    /// ```
    /// assert_eq!(ticketry::detection::Decision::LikelyRepeat.rule().as_str(), "REP-1");
    /// ```
    pub fn rule(self) -> RuleId {
        RuleId::Rep1
    }
}

/// An earlier ticket the new one may repeat.
///
/// ```
/// # use chrono::{TimeZone, Utc};
/// # let archive = ticketry::doc_support::sample_archive();
/// # let q = ticketry::detection::DetectionQuery::from_ticket(archive.get(&ticketry::ticket::TicketId::new("T-1001").unwrap()).unwrap());
/// let found = archive.detect(&q, &ticketry::Policy::default());
/// for c in &found.candidates {
///     assert!((0.0..=1.0).contains(&c.score));
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// The earlier ticket.
    pub id: TicketId,
    /// In `[0, 1]`.
    pub score: f64,
    /// By the policy's thresholds.
    pub decision: Decision,
    /// The evidence.
    pub signals: Signals,
    /// What each signal added.
    pub contributions: Contributions,
    /// The repeat type the evidence suggests (REP-T1..T4).
    pub suggested_type: RepeatType,
    /// How sure the suggestion is, in `[0, 1]`.
    pub type_confidence: f64,
    /// How the earlier ticket was solved (its documented solution or closing
    /// result), when [`Archive::detect`](crate::archive::Archive::detect) knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solution: Option<String>,
}

/// What detection found for one new ticket.
///
/// ```
/// # let d = ticketry::detection::Detection::default();
/// assert_eq!(d.decision, ticketry::detection::Decision::NotARepeat);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    /// Best first, at most `max_candidates`.
    pub candidates: Vec<Candidate>,
    /// The best candidate's decision (not a repeat without candidates).
    pub decision: Decision,
    /// Mentioned ids that do not count, and why.
    pub ignored_references: Vec<(Reference, IgnoredBecause)>,
    /// What the client's words say: "again", "the solution did not hold"
    /// (these also steer the suggested type towards REP-T1 or REP-T3).
    #[serde(default)]
    pub markers: text::RepeatMarkers,
}

impl Default for Detection {
    fn default() -> Self {
        Detection {
            candidates: Vec::new(),
            decision: Decision::NotARepeat,
            ignored_references: Vec::new(),
            markers: text::RepeatMarkers::default(),
        }
    }
}

/// A detection input is unusable.
///
/// ```
/// let err = ticketry::detection::DetectionError::Full;
/// assert_eq!(err.code(), "index_full");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DetectionError {
    /// The index holds as many tickets as it can address.
    #[error("the detection index is full ({} tickets)", index::MAX_SLOTS)]
    Full,
}

impl DetectionError {
    /// The stable code.
    ///
    /// ```
    /// assert_eq!(ticketry::detection::DetectionError::Full.code(), "index_full");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            DetectionError::Full => "index_full",
        }
    }
}

/// A [`DetectionDoc`] with its text analysed (normalised, split into words,
/// stop words dropped, stemmed, weighted), ready for
/// [`Detector::upsert_analyzed`].
///
/// The analysis is most of what indexing a ticket costs and needs no
/// detector, so a loader can analyse on several threads and insert on one.
///
/// ```
/// # let ticket = ticketry::doc_support::sample_ticket();
/// use ticketry::detection::{AnalyzedDoc, DetectionDoc};
/// let doc = DetectionDoc::from_ticket(&ticket);
/// let analyzed = AnalyzedDoc::new(doc.clone());
/// assert_eq!(analyzed.doc(), &doc);
/// assert_eq!(analyzed.into_doc(), doc);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedDoc {
    doc: DetectionDoc,
    text: DocTerms,
}

impl AnalyzedDoc {
    /// Analyses a ticket's subject, description and product.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// let a = ticketry::detection::AnalyzedDoc::new(ticketry::detection::DetectionDoc::from_ticket(&ticket));
    /// assert_eq!(a.doc().id, *ticket.id());
    /// ```
    pub fn new(doc: DetectionDoc) -> AnalyzedDoc {
        let text = DocTerms::of(&doc.subject, &doc.description, &doc.product);
        AnalyzedDoc { doc, text }
    }

    /// The ticket's summary.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// let a = ticketry::detection::AnalyzedDoc::new(ticketry::detection::DetectionDoc::from_ticket(&ticket));
    /// assert_eq!(a.doc().subject, ticket.state().subject);
    /// ```
    pub fn doc(&self) -> &DetectionDoc {
        &self.doc
    }

    /// The ticket's summary, given back.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// let doc = ticketry::detection::DetectionDoc::from_ticket(&ticket);
    /// assert_eq!(ticketry::detection::AnalyzedDoc::new(doc.clone()).into_doc(), doc);
    /// ```
    pub fn into_doc(self) -> DetectionDoc {
        self.doc
    }
}

/// The incremental in-memory index detection runs on. See the [module docs](self).
///
/// ```
/// # use ticketry::detection::{Detector, DetectionDoc};
/// # let ticket = ticketry::doc_support::sample_ticket();
/// let mut detector = Detector::new();
/// detector.upsert(&DetectionDoc::from_ticket(&ticket))?;
/// assert_eq!(detector.len(), 1);
/// assert!(detector.remove(ticket.id()));
/// assert!(detector.is_empty());
/// # Ok::<(), ticketry::detection::DetectionError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Detector {
    index: Index,
}

impl Detector {
    /// An empty detector.
    ///
    /// ```
    /// assert!(ticketry::detection::Detector::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Detector::default()
    }

    /// A detector over every ticket of an iterator of summaries.
    ///
    /// ```
    /// # let archive = ticketry::doc_support::sample_archive();
    /// let d = ticketry::detection::Detector::from_docs(archive.iter().map(ticketry::detection::DetectionDoc::from_ticket))?;
    /// assert_eq!(d.len(), archive.len());
    /// # Ok::<(), ticketry::detection::DetectionError>(())
    /// ```
    pub fn from_docs(docs: impl IntoIterator<Item = DetectionDoc>) -> Result<Self, DetectionError> {
        let mut d = Detector::new();
        for doc in docs {
            d.upsert(&doc)?;
        }
        Ok(d)
    }

    /// How many tickets it indexes.
    ///
    /// ```
    /// assert_eq!(ticketry::detection::Detector::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether it indexes nothing.
    ///
    /// ```
    /// assert!(ticketry::detection::Detector::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.index.len() == 0
    }

    /// Whether it indexes this ticket.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// # let mut d = ticketry::detection::Detector::new();
    /// d.upsert(&ticketry::detection::DetectionDoc::from_ticket(&ticket))?;
    /// assert!(d.contains(ticket.id()));
    /// # Ok::<(), ticketry::detection::DetectionError>(())
    /// ```
    pub fn contains(&self, id: &TicketId) -> bool {
        self.index.slot_of(id).is_some()
    }

    /// Adds a ticket, or replaces the one with the same id.
    ///
    /// ```
    /// # use ticketry::detection::{Detector, DetectionDoc};
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// let mut d = Detector::new();
    /// let mut doc = DetectionDoc::from_ticket(&ticket);
    /// d.upsert(&doc)?;
    /// doc.subject = "Другая тема".into();
    /// d.upsert(&doc)?;
    /// assert_eq!(d.len(), 1);
    /// # Ok::<(), ticketry::detection::DetectionError>(())
    /// ```
    pub fn upsert(&mut self, doc: &DetectionDoc) -> Result<(), DetectionError> {
        self.insert(
            doc,
            &DocTerms::of(&doc.subject, &doc.description, &doc.product),
        )
    }

    /// [`Detector::upsert`] of a ticket whose text was analysed beforehand
    /// (see [`AnalyzedDoc`]): the same index, with the analysis, most of an
    /// insertion's time, done elsewhere (on other threads, say).
    ///
    /// ```
    /// # use ticketry::detection::{AnalyzedDoc, Detector, DetectionDoc};
    /// # let archive = ticketry::doc_support::sample_archive();
    /// let docs: Vec<DetectionDoc> = archive.iter().map(DetectionDoc::from_ticket).collect();
    /// // the analysis needs no detector: it can run on any thread
    /// let analyzed: Vec<AnalyzedDoc> = docs.iter().cloned().map(AnalyzedDoc::new).collect();
    /// let mut d = Detector::new();
    /// for a in &analyzed {
    ///     d.upsert_analyzed(a)?;
    /// }
    /// assert_eq!(d.len(), docs.len());
    /// # Ok::<(), ticketry::detection::DetectionError>(())
    /// ```
    pub fn upsert_analyzed(&mut self, doc: &AnalyzedDoc) -> Result<(), DetectionError> {
        self.insert(&doc.doc, &doc.text)
    }

    fn insert(&mut self, doc: &DetectionDoc, text: &DocTerms) -> Result<(), DetectionError> {
        let added = self.index.upsert(NewDoc {
            id: &doc.id,
            client: doc.client_id.as_str(),
            opened: doc.opened_at.timestamp(),
            outcome: doc.outcome,
            text,
        });
        if added {
            Ok(())
        } else {
            Err(DetectionError::Full)
        }
    }

    /// Updates a ticket's outcome (after a close or a reopen) without
    /// re-indexing its text; false when the ticket is not indexed.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// # let mut d = ticketry::detection::Detector::new();
    /// # d.upsert(&ticketry::detection::DetectionDoc::from_ticket(&ticket))?;
    /// assert!(d.set_outcome(ticket.id(), ticketry::detection::Outcome::Solved));
    /// # Ok::<(), ticketry::detection::DetectionError>(())
    /// ```
    pub fn set_outcome(&mut self, id: &TicketId, outcome: Outcome) -> bool {
        self.index.set_outcome(id, outcome)
    }

    /// Removes a ticket; false when it was not indexed.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// let mut d = ticketry::detection::Detector::new();
    /// assert!(!d.remove(ticket.id()));
    /// ```
    pub fn remove(&mut self, id: &TicketId) -> bool {
        self.index.remove(id)
    }

    /// Drops what removed tickets left behind (done by itself when a quarter
    /// of the index is dead).
    ///
    /// ```
    /// let mut d = ticketry::detection::Detector::new();
    /// d.compact();
    /// assert!(d.is_empty());
    /// ```
    pub fn compact(&mut self) {
        self.index.compact();
    }

    /// Keeps (or drops) each ticket's own term list besides the posting
    /// lists: the same results, faster on a large archive, for more memory.
    ///
    /// A query reads only the latest part of a common word's posting list
    /// (see the module docs); the few candidates it keeps then get that word's
    /// weight too, so their scores are exact. Without ticket terms that is a
    /// seek in the posting list per candidate and word (a cache miss each, a
    /// third of a query's time on a million tickets); with them, one read of
    /// the candidate's own short list. It costs 4 bytes per distinct word of
    /// a ticket and 8 per ticket (on the synthetic archive of a million
    /// tickets, `heap_bytes` grew by 143 bytes per ticket, spare capacity
    /// included, and query p50 fell from 0.22 to 0.15 ms), which is why it is
    /// off by default; the `ticketry triage` command, which asks a whole archive
    /// against itself, switches it on. Switching it on for a filled detector
    /// builds the lists from the index at once. Results are identical either
    /// way, to the bit. On wasm32 the lists are not compiled in (the npm
    /// package's size budget): there this does nothing and
    /// [`Detector::keeps_ticket_terms`] stays false.
    ///
    /// ```
    /// # let archive = ticketry::doc_support::sample_archive();
    /// use ticketry::detection::{DetectionQuery, Detector, DetectionDoc};
    /// let plain = Detector::from_docs(archive.iter().map(DetectionDoc::from_ticket))?;
    /// let mut fast = plain.clone();
    /// let before = fast.heap_bytes();
    /// fast.keep_ticket_terms(true);
    /// assert!(fast.keeps_ticket_terms() && fast.heap_bytes() > before);
    /// let t = archive.get(&ticketry::ticket::TicketId::new("T-950").unwrap()).unwrap();
    /// let q = DetectionQuery::from_ticket(t);
    /// assert_eq!(fast.detect(&q, &Default::default()), plain.detect(&q, &Default::default()));
    /// # Ok::<(), ticketry::detection::DetectionError>(())
    /// ```
    pub fn keep_ticket_terms(&mut self, on: bool) {
        self.index.keep_ticket_terms(on);
    }

    /// Whether each ticket's own term list is kept (see
    /// [`Detector::keep_ticket_terms`]); off for a new detector.
    ///
    /// ```
    /// let mut d = ticketry::detection::Detector::new();
    /// assert!(!d.keeps_ticket_terms());
    /// d.keep_ticket_terms(true);
    /// assert!(d.keeps_ticket_terms());
    /// ```
    pub fn keeps_ticket_terms(&self) -> bool {
        self.index.keeps_ticket_terms()
    }

    /// An estimate of the heap memory the index uses, in bytes.
    ///
    /// ```
    /// assert!(ticketry::detection::Detector::new().heap_bytes() < 1024);
    /// ```
    pub fn heap_bytes(&self) -> usize {
        self.index.heap_bytes()
    }

    /// Text similarity of two texts in `[0, 1]`: 25 % a cosine over stems
    /// weighted by how rare each is in this index (a typo match, or two stems
    /// sharing their first five letters, «открыт» and «открыва», counts
    /// [`DetectionPolicy::fuzzy_factor`]), 75 % a cosine over character
    /// trigrams ([`text::char_ngram_cosine`], each word's trigrams weighted by
    /// its stem's rarity), which sees through morphology the stemmer misses.
    /// In both, a word after «не» is marked negated: «не открывается» and
    /// «открывается» are different stems and start with different trigrams.
    ///
    /// ```
    /// let d = ticketry::detection::Detector::new();
    /// let same = d.text_similarity("Шлагбаум не открывается", "шлагбаум не открываеться");
    /// let other = d.text_similarity("Шлагбаум не открывается", "Не приходит SMS с пропуском");
    /// assert!(same > 0.8 && other < 0.1, "{same} {other}");
    /// ```
    pub fn text_similarity(&self, a: &str, b: &str) -> f64 {
        let ta = index::weighted_terms("", a);
        let tb = index::weighted_terms("", b);
        let fuzzy = DetectionPolicy::default().fuzzy_factor as f32;
        let weight = |stem: &str| self.index.stem_idf(stem);
        let wa: Vec<(&str, f32)> = ta
            .iter()
            .map(|(s, tf)| (s, weight(s) * (tf as f32).sqrt()))
            .collect();
        let wb: Vec<(&str, f32)> = tb
            .iter()
            .map(|(s, tf)| (s, weight(s) * (tf as f32).sqrt()))
            .collect();
        let norm = |v: &[(&str, f32)]| v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        let (na, nb) = (norm(&wa), norm(&wb));
        if na == 0.0 || nb == 0.0 {
            return 0.0;
        }
        let mut dot = 0.0f32;
        for (sa, xa) in &wa {
            let mut best = 0.0f32;
            for (sb, xb) in &wb {
                let f = if sa == sb {
                    1.0
                } else if one_edit_apart(sa, sb) || same_start(sa, sb) {
                    fuzzy
                } else {
                    0.0
                };
                best = best.max(f * xa * xb);
            }
            dot += best;
        }
        let stems = f64::from((dot / (na * nb)).clamp(0.0, 1.0));
        let grams = text::char_ngram_cosine_by(a, b, &|word| {
            text::stem_word(word).map_or(1.0, |stem| f64::from(self.index.stem_idf(&stem)))
        });
        (1.0 - CHAR_NGRAM_SHARE) * stems + CHAR_NGRAM_SHARE * grams
    }

    /// The earlier tickets the query likely repeats, best first, explained.
    /// See the [module docs](self) for the scoring.
    ///
    /// ```
    /// # let archive = ticketry::doc_support::sample_archive();
    /// let detector = archive.detector();
    /// let t = archive.get(&ticketry::ticket::TicketId::new("T-950").unwrap()).unwrap();
    /// let found = detector.detect(&ticketry::detection::DetectionQuery::from_ticket(t), &Default::default());
    /// assert!(found.candidates.iter().all(|c| c.id.as_str() != "T-950"));
    /// ```
    pub fn detect(&self, query: &DetectionQuery, policy: &DetectionPolicy) -> Detection {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                let found = self.rank(query, policy, &mut scratch);
                scratch.reset();
                found
            }
            Err(_) => self.rank(query, policy, &mut Scratch::default()),
        })
    }

    fn rank(
        &self,
        query: &DetectionQuery,
        policy: &DetectionPolicy,
        scratch: &mut Scratch,
    ) -> Detection {
        let ix = &self.index;
        let opened = query.opened_at.timestamp();
        let own_slot = query.id.as_ref().and_then(|id| ix.slot_of(id));
        let earlier = |slot: u32| ix.is_earlier(slot, opened, own_slot);

        // explicit references
        let mut refs: Vec<(u32, Reference)> = Vec::new();
        let mut ignored = Vec::new();
        for (field, text) in [
            (Field::Subject, &query.subject),
            (Field::Description, &query.description),
        ] {
            for FoundReference {
                id,
                start,
                end,
                text,
            } in find_references(text, &policy.references)
            {
                let reference = Reference {
                    id: id.clone(),
                    field,
                    start,
                    end,
                    text,
                };
                let why = match ix.slot_of(&id) {
                    _ if Some(&id) == query.id.as_ref() => Some(IgnoredBecause::Itself),
                    None => Some(IgnoredBecause::Unknown),
                    Some(slot) if !earlier(slot) => Some(IgnoredBecause::NotEarlier),
                    Some(slot) => {
                        if !refs.iter().any(|(s, _)| *s == slot) {
                            refs.push((slot, reference.clone()));
                        }
                        None
                    }
                };
                if let Some(why) = why {
                    if !ignored.iter().any(|(r, w): &(Reference, IgnoredBecause)| {
                        r.id == reference.id && *w == why
                    }) {
                        ignored.push((reference, why));
                    }
                }
            }
        }

        // text
        let k1 = policy.bm25_k1 as f32;
        let b = policy.bm25_b as f32;
        let terms = ix.query_terms(
            &query.subject,
            &query.description,
            policy.fuzzy_factor as f32,
            policy.max_query_terms,
        );
        let terms = &terms[..];
        let self_score = ix.self_score(terms, k1, b);
        let slot_end = ix.slots_before(opened);
        let pending = ix.accumulate(terms, k1, b, slot_end, opened, own_slot, scratch);

        // the pool: best by text, the client's best by text and latest, the mentioned ones
        let want = policy.max_candidates;
        let pool_size = (want * 8).max(64);
        let client = ix.clients.get(query.client_id.as_str());
        let mut pool: Vec<u32> = if scratch.touched.len() > pool_size {
            best_by_score(&scratch.touched, pool_size, scratch)
        } else {
            scratch.touched.clone()
        };
        if let Some(c) = client {
            let client_list = ix.by_client.get(&c).map_or(&[][..], Vec::as_slice);
            // the client's tickets with a text score: walk the shorter list
            let mut own: Vec<u32> = if client_list.len() < scratch.touched.len() {
                client_list
                    .iter()
                    .copied()
                    .filter(|&s| scratch.score(s) > 0.0)
                    .collect()
            } else {
                scratch
                    .touched
                    .iter()
                    .copied()
                    .filter(|&s| ix.doc(s).is_some_and(|m| m.client == c))
                    .collect()
            };
            if own.len() > want * 2 {
                own = best_by_score(&own, want * 2, scratch);
            }
            pool.extend(own);
            if let Some(list) = ix.by_client.get(&c) {
                // in opening order: the latest earlier ones end before `opened`
                let end = list.partition_point(|&s| ix.doc(s).is_some_and(|m| m.opened < opened));
                let before = list.get(..end).unwrap_or_default();
                pool.extend(
                    before
                        .iter()
                        .rev()
                        .copied()
                        .filter(|&s| earlier(s))
                        .take(want),
                );
            }
        }
        pool.extend(refs.iter().map(|(s, _)| *s));
        pool.sort_unstable();
        pool.dedup();
        let common = ix.complete_scores(terms, &pending, &pool, k1, b);
        let text_of = |i: usize, slot: u32| -> f64 {
            let raw = scratch.score(slot) + common.get(i).copied().unwrap_or(0.0);
            if self_score > 0.0 {
                f64::from((raw / self_score).min(1.0))
            } else {
                0.0
            }
        };

        let markers = text::repeat_markers(&format!("{}\n{}", query.subject, query.description));
        let product = ix.products.get(&index::product_key(&query.product));
        // First a light record per pool member (score and what the order and
        // the client's reserved places need); the full candidate is built only
        // for the few that are kept.
        struct Light<'a> {
            score: f64,
            days: f64,
            text: f64,
            recency: f64,
            same_client: bool,
            same_product: bool,
            reference: Option<&'a Reference>,
            contributions: Contributions,
            slot: u32,
            id: &'a TicketId,
            meta: &'a index::DocMeta,
        }
        // The pool's metadata are cache misses: read them ahead.
        index::read_ahead(
            pool.iter()
                .map(|&slot| ix.doc(slot).map_or(0, |m| m.client)),
        );
        let mut lights: Vec<Light<'_>> = pool
            .iter()
            .enumerate()
            .filter_map(|(i, &slot)| {
                let meta = ix.doc(slot)?;
                let id = ix.id(slot)?;
                let text = text_of(i, slot);
                let same_client = client == Some(meta.client);
                let same_product =
                    product == Some(meta.product) && !query.product.trim().is_empty();
                let days = (opened - meta.opened) as f64 / 86_400.0;
                let recency = 0.5f64.powf(days / policy.recency_half_life_days);
                let reference = refs.iter().find(|(s, _)| *s == slot).map(|(_, r)| r);
                // recency speaks for a ticket only with something in common:
                // without the client, the product or a mention, it is
                // scaled by how close the texts are
                let recency_share = if same_client || same_product || reference.is_some() {
                    1.0
                } else {
                    (text / policy.min_text_for_possible).min(1.0)
                };
                let mut c = Contributions {
                    text: policy.text_weight * text,
                    same_client: if same_client {
                        policy.same_client_weight
                    } else {
                        0.0
                    },
                    same_product: if same_product {
                        policy.same_product_weight
                    } else {
                        0.0
                    },
                    recency: policy.recency_weight * recency * recency_share,
                    reference: 0.0,
                };
                let base = c.text + c.same_client + c.same_product + c.recency;
                let score = if reference.is_some() {
                    let s = 1.0 - (1.0 - base) * (1.0 - policy.reference_strength);
                    c.reference = s - base;
                    s
                } else {
                    base
                }
                .clamp(0.0, 1.0);
                Some(Light {
                    score,
                    days,
                    text,
                    recency,
                    same_client,
                    same_product,
                    reference,
                    contributions: c,
                    slot,
                    id,
                    meta,
                })
            })
            .collect();
        // Ties: the later ticket first, then by id, whatever the slots (ids
        // are unique: the order is total, so a stable sort is not needed).
        lights.sort_unstable_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.days.total_cmp(&b.days))
                .then_with(|| a.id.cmp(b.id))
        });
        // REP-1 checks the client's history first: the client's best earlier
        // tickets keep up to `client_slots` places in the list, even when other
        // clients' look-alikes score higher.
        let own_in_top = lights.iter().take(want).filter(|c| c.same_client).count();
        let reserve = policy.client_slots.min(want);
        if own_in_top < reserve && lights.len() > want {
            let extra: Vec<usize> = lights
                .iter()
                .enumerate()
                .skip(want)
                .filter(|(_, c)| c.same_client)
                .map(|(i, _)| i)
                .take(reserve - own_in_top)
                .collect();
            let mut keep: Vec<bool> = (0..lights.len()).map(|i| i < want).collect();
            let mut drop_from = want;
            for &i in &extra {
                // drop the lowest other-client candidate still kept
                while drop_from > 0 {
                    drop_from -= 1;
                    if lights.get(drop_from).is_some_and(|c| !c.same_client) {
                        if let Some(k) = keep.get_mut(drop_from) {
                            *k = false;
                        }
                        if let Some(k) = keep.get_mut(i) {
                            *k = true;
                        }
                        break;
                    }
                }
            }
            let mut flags = keep.into_iter();
            lights.retain(|_| flags.next().unwrap_or(false));
        }
        lights.truncate(want);
        let candidates: Vec<Candidate> = lights
            .into_iter()
            .map(|l| {
                let text = l.text;
                let score = l.score;
                let decision = if l.reference.is_none() && text < policy.min_text_for_possible {
                    Decision::NotARepeat
                } else if score >= policy.likely_threshold
                    && (l.reference.is_some() || text >= policy.same_problem_similarity)
                {
                    // "likely" needs the words or a mention, not context alone
                    Decision::LikelyRepeat
                } else if score >= policy.possible_threshold {
                    Decision::PossibleRepeat
                } else {
                    Decision::NotARepeat
                };
                let (suggested_type, type_confidence) = suggest_type(
                    text,
                    l.reference.is_some(),
                    l.meta.outcome,
                    l.days,
                    Context {
                        client: l.same_client,
                        product: l.same_product,
                    },
                    markers,
                    policy,
                );
                let shared_terms = terms
                    .iter()
                    .filter(|qt| ix.contains(qt, l.slot))
                    .map(|qt| qt.surface.clone())
                    .take(8)
                    .collect();
                Candidate {
                    id: l.id.clone(),
                    score,
                    decision,
                    signals: Signals {
                        same_client: l.same_client,
                        reference: l.reference.cloned(),
                        text_similarity: text,
                        shared_terms,
                        same_product: l.same_product,
                        days_before: l.days,
                        recency: l.recency,
                        outcome: l.meta.outcome,
                    },
                    contributions: l.contributions,
                    suggested_type,
                    type_confidence,
                    solution: None,
                }
            })
            .collect();
        let decision = candidates
            .first()
            .map_or(Decision::NotARepeat, |c| c.decision);
        Detection {
            candidates,
            decision,
            ignored_references: ignored,
            markers,
        }
    }
}

/// The `k` slots of `slots` with the best scores so far
/// ([`index::Scratch::score`]), ties going to the later ticket (the higher
/// slot), in no particular order.
///
/// Each slot becomes one integer, the score's bits above the slot: the bits
/// of non-negative floats sort as the floats do (`+ 0.0` turns -0 into 0),
/// so the selection compares integers in one array instead of reading two
/// scores at random for every comparison (the pool's selection was 5 % of a
/// large triage). One function for both selections of `rank`: the wasm
/// package carries one copy of the quickselect.
fn best_by_score(slots: &[u32], k: usize, scratch: &index::Scratch) -> Vec<u32> {
    let mut keys: Vec<u64> = slots
        .iter()
        .map(|&s| (u64::from((scratch.score(s) + 0.0).to_bits()) << 32) | u64::from(s))
        .collect();
    if k < keys.len() {
        keys.select_nth_unstable_by(k, |x, y| y.cmp(x));
        keys.truncate(k);
    }
    // the low half is the slot
    #[allow(clippy::cast_possible_truncation)]
    keys.into_iter().map(|key| key as u32).collect()
}

/// What a candidate shares with the new ticket besides its text.
#[derive(Clone, Copy)]
struct Context {
    /// The same client.
    client: bool,
    /// The same product.
    product: bool,
}

/// The repeat type the evidence points to, with a confidence.
#[allow(clippy::too_many_arguments)]
fn suggest_type(
    text: f64,
    mentioned: bool,
    outcome: Outcome,
    days: f64,
    shared: Context,
    markers: text::RepeatMarkers,
    policy: &DetectionPolicy,
) -> (RepeatType, f64) {
    let same_context = shared.client || shared.product;
    let same = policy.same_problem_similarity;
    let related = policy.related_similarity;
    // The client's own words: "the solution did not hold" about a closed
    // ticket of the same problem is REP-T3; "again" keeps it the same problem.
    let same_problem =
        text >= same || (text >= related && (mentioned || markers.again || markers.not_solved));
    if same_problem {
        let strength = 0.5 + 0.5 * ((text - related) / (1.0 - related).max(1e-9)).clamp(0.0, 1.0);
        if markers.not_solved && (outcome.is_closed() || outcome == Outcome::Reopened) {
            return (RepeatType::NotFullyResolved, strength.max(0.7));
        }
        return match outcome {
            Outcome::ClosedWithoutConfirmation | Outcome::Reopened => {
                (RepeatType::NotFullyResolved, strength.max(0.6))
            }
            // Back within days of the client's own solved ticket, «снова»
            // or not: the solution did not hold (REP-T3). Another client's
            // solution was not this client's: the same problem (REP-T1).
            Outcome::Solved if shared.client && days <= policy.not_fully_resolved_days => {
                (RepeatType::NotFullyResolved, strength * 0.8)
            }
            _ => (RepeatType::SameProblem, strength),
        };
    }
    if text >= related || mentioned {
        let mid = (same + related) / 2.0;
        let conf = 0.6 - (text - mid).abs() / (same - related).max(1e-9) * 0.4;
        return (RepeatType::RelatedProblem, conf.clamp(0.2, 0.6));
    }
    let conf = if same_context {
        0.5 + 0.5 * (1.0 - text / related.max(1e-9))
    } else {
        0.2
    };
    (RepeatType::NewProblemSameContext, conf.clamp(0.0, 1.0))
}

/// The share of character trigrams in [`Detector::text_similarity`].
///
/// ParaPhraser ROC AUC (`--bin detection-quality`): 0.8355 with half plain
/// trigrams and exact or one-edit stems; 0.8401 with trigrams weighted by
/// rarity; 0.8415 adding stems that share five first letters, at a share of
/// 0.4 (2026-12-07). Four letters scored 0.003 more, but would match
/// «пропуск» with «пропал». 0.8488 now (2026-12-08): each word's trigrams
/// divided by √(their count), so a long word weighs no more than a short
/// one, a negated word's trigrams marked, and this share of 0.75; shares of
/// 0.6 to 1.0 scored 0.8479 to 0.8488, and dividing by the count to the
/// power 0.65 or 0.75 instead of 0.5 scored 0.8490 and 0.8478.
const CHAR_NGRAM_SHARE: f64 = 0.75;

/// Letters two stems must share from their start to match as a fuzzy match
/// in [`Detector::text_similarity`] (see [`CHAR_NGRAM_SHARE`]).
const SAME_START_LETTERS: usize = 5;

/// Whether two stems share their first [`SAME_START_LETTERS`] letters, both
/// negated or neither (the [`text::NEGATION_MARK`] is not counted).
fn same_start(a: &str, b: &str) -> bool {
    let (a, b) = match (
        a.strip_prefix(text::NEGATION_MARK),
        b.strip_prefix(text::NEGATION_MARK),
    ) {
        (Some(a), Some(b)) => (a, b),
        (None, None) => (a, b),
        _ => return false,
    };
    a.chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .take(SAME_START_LETTERS)
        .count()
        == SAME_START_LETTERS
}

fn one_edit_apart(a: &str, b: &str) -> bool {
    let mut found = false;
    if a.chars().count() < 5 || b.chars().count() < 5 {
        return false;
    }
    text::for_each_edit(a, |e| {
        found = e == b;
        !found
    });
    found
}
