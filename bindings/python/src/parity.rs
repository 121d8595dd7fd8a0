//! The core's error codes, for the parity tests: one instance of every error
//! variant the core can return, each named by its own `code()`. The
//! exhaustive matches make a variant added to the core fail to compile here
//! until it is listed.

use pyo3::prelude::*;
use ticketry::archive::ArchiveError;
use ticketry::calendar::CalendarError;
use ticketry::closure::CommandKind;
use ticketry::detection::DetectionError;
use ticketry::templates::{TemplateError, TemplateId};
use ticketry::{ApplyError, LogError, Policy};

use crate::convert::Failure;

fn apply_errors() -> Vec<ApplyError> {
    #[allow(dead_code)]
    fn exhaustive(e: &ApplyError) {
        match e {
            ApplyError::Refused { .. }
            | ApplyError::InvalidInput { .. }
            | ApplyError::VersionConflict { .. }
            | ApplyError::AlreadyOpened => (),
        }
    }
    vec![
        ApplyError::Refused {
            command: CommandKind::Close,
            unmet: Vec::new(),
        },
        ApplyError::InvalidInput {
            field: "f".into(),
            message: "m".into(),
        },
        ApplyError::VersionConflict {
            expected: 1,
            actual: 2,
        },
        ApplyError::AlreadyOpened,
    ]
}

fn log_errors() -> Vec<LogError> {
    #[allow(dead_code)]
    fn exhaustive(e: &LogError) {
        match e {
            LogError::UnsupportedSchemaVersion { .. }
            | LogError::MalformedLog { .. }
            | LogError::InvalidEvent { .. }
            | LogError::Empty => (),
        }
    }
    vec![
        LogError::UnsupportedSchemaVersion {
            found: 0,
            supported: 1,
        },
        LogError::MalformedLog {
            path: ".".into(),
            message: "m".into(),
        },
        LogError::InvalidEvent {
            index: 0,
            seq: 1,
            error: ApplyError::AlreadyOpened,
        },
        LogError::Empty,
    ]
}

fn calendar_errors() -> Vec<CalendarError> {
    #[allow(dead_code)]
    fn exhaustive(e: &CalendarError) {
        match e {
            CalendarError::MalformedJson { .. }
            | CalendarError::MalformedXml { .. }
            | CalendarError::InvalidDay { .. } => (),
        }
    }
    vec![
        CalendarError::MalformedJson {
            path: ".".into(),
            message: "m".into(),
        },
        CalendarError::MalformedXml {
            line: 1,
            message: "m".into(),
        },
        CalendarError::InvalidDay {
            date: "2025-01-01".into(),
            location: "l".into(),
            message: "m".into(),
        },
    ]
}

/// Every failure the core can hand the binding, one per variant, through
/// the binding's own conversions (`From<…> for Failure`).
fn failures() -> Vec<(&'static str, Failure)> {
    let mut out: Vec<(&'static str, Failure)> = Vec::new();
    for e in apply_errors() {
        out.push((e.code(), e.into()));
    }
    for e in log_errors() {
        out.push((e.code(), e.into()));
    }
    for e in calendar_errors() {
        out.push((e.code(), e.into()));
    }
    let template = TemplateError {
        template: TemplateId::FinalNotification,
        missing: vec!["name"],
    };
    out.push((template.code(), template.into()));
    // `PolicyError`'s fields are private: the core's own refusal of a bad value.
    let policy = Policy {
        confirmation_wait_business_days: 0,
        ..Policy::default()
    };
    if let Err(e) = policy.validate() {
        out.push((e.code(), e.into()));
    }
    #[allow(dead_code)]
    fn exhaustive_archive(e: &ArchiveError) {
        match e {
            ArchiveError::DuplicateTicket { .. }
            | ArchiveError::UnknownTicket { .. }
            | ArchiveError::Apply(_)
            | ArchiveError::Detection(_)
            | ArchiveError::Line { .. } => (),
        }
    }
    #[allow(dead_code)]
    fn exhaustive_detection(e: &DetectionError) {
        match e {
            DetectionError::Full => (),
        }
    }
    let mut archive_errors = vec![ArchiveError::Detection(DetectionError::Full)];
    if let Ok(id) = ticketry::ticket::TicketId::new("T-1") {
        archive_errors.insert(0, ArchiveError::UnknownTicket { id: id.clone() });
        archive_errors.insert(0, ArchiveError::DuplicateTicket { id });
    }
    for e in archive_errors {
        out.push((e.code(), e.into()));
    }
    out
}

/// Every error code the core can emit (one per error variant), in order.
#[pyfunction]
pub fn core_error_codes() -> Vec<&'static str> {
    failures().into_iter().map(|(code, _)| code).collect()
}

/// Raises the exception the binding makes of the core's error `i` of
/// `core_error_codes()` (for the tests of the exception classes).
#[pyfunction]
pub fn raise_core_error(i: usize) -> PyResult<()> {
    match failures().into_iter().nth(i) {
        Some((_, failure)) => Err(failure.into()),
        None => Ok(()),
    }
}
