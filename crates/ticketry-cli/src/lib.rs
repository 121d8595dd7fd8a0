//! The `ticketry` command line, as a library: reading exports ([`input`]),
//! replaying them through the core ([`replay`], [`load`]), and the three
//! commands ([`triage`], [`audit`], [`report`]) with their human output
//! ([`render`]). Every rule, threshold and default is the core's
//! (`ticketry::Policy`, the closure guards, the detector, the REP-S1/S2
//! passes, the production calendar); this crate parses, orchestrates and prints.
//!
//! See the crate's `README.md` for the input schema.

pub mod audit;
pub mod input;
pub mod load;
pub mod parallel;
pub mod render;
pub mod replay;
pub mod report;
pub mod triage;

/// The bundled sample export (JSON Lines, in Russian): used when no ARCHIVE is given.
pub const SAMPLE_ARCHIVE: &str = include_str!("../sample/archive.jsonl");

/// The committed JSON Schema of an export record (`schema/record.schema.json`).
pub const RECORD_SCHEMA: &str = include_str!("../schema/record.schema.json");
