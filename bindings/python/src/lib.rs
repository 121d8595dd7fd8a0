//! Python bindings for ticketry. A thin layer: types and errors are
//! translated, no rule, default or threshold is written here.
//!
//! This crate is the native module `ticketry._ticketry`, a raw layer that
//! speaks the core's JSON; the package's public API is `python/ticketry`,
//! which wraps it in classes, enums, datetimes and exceptions.
#![cfg(not(target_arch = "wasm32"))]

mod archive;
mod convert;
mod detection;
mod parity;
mod policy;
mod ticket;

use pyo3::prelude::*;
use pyo3::types::PyDict;
use ticketry::closure::{Status, TRANSITIONS};
use ticketry::repeat::history::{EscalationTask, SupportAction};
use ticketry::repeat::{HistoryCheck, RecurrenceCause, RepeatAction, RepeatType, TypicalError};
use ticketry::rules::{Regulation, RuleId};

pub use archive::RawArchive;
use convert::{from_json, invalid, to_json};
pub use detection::RawDetector;
pub use policy::{RawCalendar, RawPolicy};
pub use ticket::RawTicket;

/// Every rule of the regulation as a dict: `id`, `regulation`, `title_en`, `title_ru`.
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    RuleId::ALL
        .iter()
        .map(|rule| {
            let d = PyDict::new(py);
            d.set_item("id", rule.as_str())?;
            d.set_item(
                "regulation",
                match rule.regulation() {
                    Regulation::Repeat => "repeat",
                    Regulation::Closing => "closing",
                },
            )?;
            d.set_item("title_en", rule.title_en())?;
            d.set_item("title_ru", rule.title_ru())?;
            Ok(d)
        })
        .collect()
}

/// Every status in lifecycle order: `(name, label_en, label_ru, open)`.
#[pyfunction]
fn statuses() -> Vec<(&'static str, &'static str, &'static str, bool)> {
    Status::ALL
        .iter()
        .map(|s| (s.as_str(), s.label_en(), s.label_ru(), s.is_open()))
        .collect()
}

/// Every command name, in table order.
#[pyfunction]
fn command_names() -> Vec<&'static str> {
    ticketry::closure::CommandKind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect()
}

/// The transition table, one row per command, as the core's JSON.
#[pyfunction]
fn transitions_json() -> PyResult<String> {
    Ok(to_json(TRANSITIONS)?)
}

/// The Mermaid state diagram of the closure process.
#[pyfunction]
fn mermaid_diagram() -> String {
    ticketry::closure::mermaid_diagram()
}

/// One row of a named list of the repeat regulation: value, rule, labels.
type Named = (
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
);

macro_rules! named_rows {
    ($ty:ty) => {
        <$ty>::ALL
            .iter()
            .map(|v| {
                (
                    v.as_str(),
                    v.rule().map(RuleId::as_str),
                    v.label_en(),
                    v.label_ru(),
                )
            })
            .collect::<Vec<Named>>()
    };
}

/// The values of a named list of the repeat regulation (`repeat_type`,
/// `recurrence_cause`, `repeat_action`, `history_check`, `typical_error`,
/// `escalation_task`, `support_action`), in the regulation's order.
#[pyfunction]
fn named_values(list: &str) -> PyResult<Vec<Named>> {
    Ok(match list {
        "repeat_type" => named_rows!(RepeatType),
        "recurrence_cause" => named_rows!(RecurrenceCause),
        "repeat_action" => named_rows!(RepeatAction),
        "history_check" => named_rows!(HistoryCheck),
        "typical_error" => named_rows!(TypicalError),
        "escalation_task" => named_rows!(EscalationTask),
        "support_action" => named_rows!(SupportAction),
        other => return Err(invalid("list", format!("unknown list `{other}`")).into()),
    })
}

/// REP-5: the action a cause calls for (None for `not_yet_known`).
#[pyfunction]
fn recommended_action(cause: &str) -> PyResult<Option<&'static str>> {
    let cause: RecurrenceCause = cause
        .parse()
        .map_err(|e: ticketry::repeat::UnknownRepeatName| invalid("cause", e.to_string()))?;
    Ok(RepeatAction::for_cause(cause).map(RepeatAction::as_str))
}

/// REP-ERR: the typical error an unmet rule (JSON) amounts to, with its
/// cause and remedy in Russian; None when it is none of them.
#[pyfunction]
fn typical_error(unmet_json: &str) -> PyResult<Option<(&'static str, &'static str, &'static str)>> {
    let unmet: ticketry::closure::Unmet = from_json(unmet_json, "unmet")?;
    Ok(TypicalError::of(&unmet).map(|e| (e.as_str(), e.cause_ru(), e.remedy_ru())))
}

/// REP-ERR: every typical error with its cause and remedy in Russian.
#[pyfunction]
fn typical_error_texts() -> Vec<(&'static str, &'static str, &'static str)> {
    TypicalError::ALL
        .iter()
        .map(|e| (e.as_str(), e.cause_ru(), e.remedy_ru()))
        .collect()
}

/// `RepeatType::is_same_problem`: whether the type means the earlier problem came back.
#[pyfunction]
fn repeat_type_is_same_problem(value: &str) -> PyResult<bool> {
    let t: RepeatType = value
        .parse()
        .map_err(|e: ticketry::repeat::UnknownRepeatName| invalid("repeat_type", e.to_string()))?;
    Ok(t.is_same_problem())
}

/// `RecurrenceCause::is_known`.
#[pyfunction]
fn cause_is_known(value: &str) -> PyResult<bool> {
    let c: RecurrenceCause = value
        .parse()
        .map_err(|e: ticketry::repeat::UnknownRepeatName| invalid("cause", e.to_string()))?;
    Ok(c.is_known())
}

/// `DayKind::is_working`.
#[pyfunction]
fn day_kind_is_working(value: &str) -> PyResult<bool> {
    let kind: ticketry::calendar::DayKind = from_json(&to_json(value)?, "kind")?;
    Ok(kind.is_working())
}

/// Every variant of a core enum, listed by an exhaustive match: a variant
/// added to the core and not here fails to compile.
macro_rules! variants {
    ($ty:path { $($v:ident),+ $(,)? }) => {{
        use $ty as E;
        #[allow(dead_code)]
        fn exhaustive(x: E) {
            match x {
                $(E::$v => ()),+
            }
        }
        vec![$(E::$v),+]
    }};
}

/// The serde names of a list of core values.
fn serde_names<T: serde::Serialize>(values: &[T]) -> PyResult<Vec<String>> {
    values
        .iter()
        .map(|v| match serde_json::to_value(v) {
            Ok(serde_json::Value::String(s)) => Ok(s),
            _ => Err(convert::Failure::internal("an enum value is not a JSON string").into()),
        })
        .collect()
}

/// The JSON names of every value of a core enum, in the core's order, as the
/// core's serde writes them: `priority`, `role`, `direction`, `message_kind`,
/// `link_kind`, `item_status`, `locale`, `day_kind`, `unmet_code`,
/// `repeat_decision`, `template_id`, `return_source`, `regulation`,
/// `outcome`, `decision`, `field`, `ignored_because`.
#[pyfunction]
fn enum_names(name: &str) -> PyResult<Vec<String>> {
    use ticketry::closure::UnmetCode as U;
    use ticketry::detection as d;
    use ticketry::ticket as t;
    match name {
        "priority" => serde_names(&variants!(t::Priority {
            Low,
            Normal,
            High,
            Critical
        })),
        "role" => serde_names(&variants!(t::Role {
            Specialist,
            Lead,
            Client,
            System
        })),
        "direction" => serde_names(&variants!(t::Direction {
            ToClient,
            FromClient
        })),
        "message_kind" => serde_names(&variants!(t::MessageKind {
            Regular,
            UpdateInstructions,
            ConfirmationRequest,
            ConfirmationReminder,
            Confirmation,
            NotSolved,
            InformationRequest,
            FinalNotification,
            ReopenNotice,
        })),
        "link_kind" => serde_names(&variants!(t::LinkKind {
            RepeatOf,
            RelatedTo,
            ContinuationOf
        })),
        "item_status" => serde_names(&variants!(ticketry::checklist::ItemStatus {
            Done,
            Pending,
            NotApplicable
        })),
        "locale" => serde_names(&variants!(ticketry::policy::Locale { Ru, En })),
        "day_kind" => serde_names(&variants!(ticketry::calendar::DayKind {
            Working,
            Shortened,
            WorkingWeekend,
            Weekend,
            Holiday,
            TransferredDayOff,
        })),
        "unmet_code" => serde_names(&variants!(U {
            NotAllowedInState,
            NotVerified,
            VerificationCheckFailed,
            NotConfirmed,
            ReminderNotSent,
            ConfirmationWaitNotElapsed,
            NotDocumented,
            DocumentationStale,
            DocumentationFieldMissing,
            QuestionUnanswered,
            CompletenessNotChecked,
            InformationMissing,
            KnowledgeBaseDecisionMissing,
            KnowledgeBaseReferenceMissing,
            FinalNotificationNotSent,
            FieldRequired,
            ProductUpdateNotConfirmed,
            ProductUpdateNotDocumented,
            TemplateValueMissing,
            SelfLink,
            InvalidPolicy,
            DuplicateLink,
            UnknownTicket,
            LaterTicket,
            RepeatTypeRequired,
            LinkNotFound,
            RepeatDecisionMissing,
            HistoryNotChecked,
            RepeatLinksExist,
            NotARepeat,
            NotLinked,
            AnalysisMissing,
            AnalysedTicketNotLinked,
            CauseNotDetermined,
            ActionDoesNotMatchCause,
            SolutionNotApplied,
            ConditionsChangeNotDocumented,
            RecommendationsNotGiven,
            RecommendationsNotUnderstood,
        })),
        "repeat_decision" => serde_names(&variants!(ticketry::repeat::RepeatDecision {
            Repeat,
            NotRepeat
        })),
        "template_id" => serde_names(&template_ids()),
        "return_source" => serde_names(&variants!(ticketry::state::ReturnSource {
            Specialist,
            ClientNotSolved,
            Reopen
        })),
        "regulation" => serde_names(&variants!(ticketry::rules::Regulation { Repeat, Closing })),
        "outcome" => serde_names(&outcomes()),
        "decision" => serde_names(&decisions()),
        "field" => serde_names(&variants!(d::Field {
            Subject,
            Description
        })),
        "ignored_because" => serde_names(&ignored_because()),
        other => Err(invalid("enum", format!("unknown enum `{other}`")).into()),
    }
}

fn template_ids() -> Vec<ticketry::templates::TemplateId> {
    variants!(ticketry::templates::TemplateId {
        FinalNotification,
        SolutionDocumentation,
        ConfirmationRequest,
        ConfirmationReminder,
        RepeatReply,
    })
}

fn outcomes() -> Vec<ticketry::detection::Outcome> {
    variants!(ticketry::detection::Outcome {
        Open,
        Solved,
        ClosedWithoutConfirmation,
        Reopened
    })
}

fn decisions() -> Vec<ticketry::detection::Decision> {
    variants!(ticketry::detection::Decision {
        NotARepeat,
        PossibleRepeat,
        LikelyRepeat
    })
}

fn ignored_because() -> Vec<ticketry::detection::IgnoredBecause> {
    variants!(ticketry::detection::IgnoredBecause {
        Unknown,
        NotEarlier,
        Itself
    })
}

/// One labelled value of the detection enums: `(name, label_en, label_ru)`.
type Labelled = (String, &'static str, &'static str);

/// The labels of a detection enum (`outcome`, `decision`,
/// `ignored_because`), from the core, in the core's order.
#[pyfunction]
fn detection_labels(name: &str) -> PyResult<Vec<Labelled>> {
    macro_rules! rows {
        ($values:expr) => {{
            let values = $values;
            let names = serde_names(&values)?;
            Ok(names
                .into_iter()
                .zip(values.iter())
                .map(|(n, v)| (n, v.label_en(), v.label_ru()))
                .collect())
        }};
    }
    match name {
        "outcome" => rows!(outcomes()),
        "decision" => rows!(decisions()),
        "ignored_because" => rows!(ignored_because()),
        other => Err(invalid("enum", format!("unknown enum `{other}`")).into()),
    }
}

/// `Decision::rule`: the rule a detection decision serves, by name.
#[pyfunction]
fn decision_rule(name: &str) -> PyResult<&'static str> {
    let d: ticketry::detection::Decision = from_json(&to_json(name)?, "decision")?;
    Ok(d.rule().as_str())
}

/// `Outcome::is_closed`, by name.
#[pyfunction]
fn outcome_is_closed(name: &str) -> PyResult<bool> {
    let o: ticketry::detection::Outcome = from_json(&to_json(name)?, "outcome")?;
    Ok(o.is_closed())
}

/// `TemplateId::rule` and its `Display` text: `(name, rule, description)`
/// for every template, in the core's order.
#[pyfunction]
fn template_ids_info() -> PyResult<Vec<(String, Option<&'static str>, String)>> {
    let ids = template_ids();
    let names = serde_names(&ids)?;
    Ok(names
        .into_iter()
        .zip(ids)
        .map(|(n, id)| (n, id.rule().map(RuleId::as_str), id.to_string()))
        .collect())
}

/// `Actor::display_name` of an actor (JSON).
#[pyfunction]
fn actor_display_name(actor_json: &str) -> PyResult<String> {
    let actor: ticketry::ticket::Actor = from_json(actor_json, "actor")?;
    Ok(actor.display_name().to_owned())
}

/// `Command::from_json`, written back as the core writes it (validated, normalised).
#[pyfunction]
fn normalize_command(command_json: &str) -> PyResult<String> {
    let cmd = ticket::command(command_json)?;
    Ok(to_json(&cmd)?)
}

/// `NewTicket::from_json`, written back as the core writes it.
#[pyfunction]
fn normalize_new_ticket(new_ticket_json: &str) -> PyResult<String> {
    let new = ticket::new_ticket(new_ticket_json)?;
    Ok(to_json(&new)?)
}

/// `DetectionQuery::from_new`: the query for a ticket being opened at `at`, as JSON.
#[pyfunction]
fn detection_query_from_new(new_ticket_json: &str, at: &str) -> PyResult<String> {
    let new = ticket::new_ticket(new_ticket_json)?;
    let at = convert::time(at, "at")?;
    Ok(to_json(&ticketry::detection::DetectionQuery::from_new(
        &new, at,
    ))?)
}

/// Whether a text is a placeholder rather than content (`-`, `TBD`, `…`).
#[pyfunction]
fn is_placeholder(text: &str) -> bool {
    ticketry::closure::is_placeholder(text)
}

/// Whether a text still holds a template placeholder (`[описание]`, `{name}`).
#[pyfunction]
fn contains_template_placeholder(text: &str) -> bool {
    ticketry::closure::contains_template_placeholder(text)
}

/// `templates::format_duration` of whole minutes in a locale (`ru`, `en`).
#[pyfunction]
fn format_duration(minutes: i64, locale: &str) -> PyResult<String> {
    let locale: ticketry::policy::Locale = from_json(&to_json(locale)?, "locale")?;
    let d = chrono::Duration::try_minutes(minutes)
        .ok_or_else(|| invalid("duration", "out of range"))?;
    Ok(ticketry::templates::format_duration(d, locale))
}

/// The native module `ticketry._ticketry`.
#[pymodule]
fn _ticketry(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", ticketry::VERSION)?;
    m.add("SCHEMA_VERSION", ticketry::event::SCHEMA_VERSION)?;
    m.add("MAX_ID_CHARS", ticketry::ticket::MAX_ID_CHARS)?;
    let range = ticketry::policy::CONFIRMATION_WAIT_RANGE;
    m.add("CONFIRMATION_WAIT_RANGE", (*range.start(), *range.end()))?;
    m.add_function(wrap_pyfunction!(enum_names, m)?)?;
    m.add_function(wrap_pyfunction!(detection_query_from_new, m)?)?;
    m.add_function(wrap_pyfunction!(parity::core_error_codes, m)?)?;
    m.add_function(wrap_pyfunction!(parity::raise_core_error, m)?)?;
    m.add_function(wrap_pyfunction!(detection_labels, m)?)?;
    m.add_function(wrap_pyfunction!(decision_rule, m)?)?;
    m.add_function(wrap_pyfunction!(outcome_is_closed, m)?)?;
    m.add_function(wrap_pyfunction!(template_ids_info, m)?)?;
    m.add_function(wrap_pyfunction!(actor_display_name, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(statuses, m)?)?;
    m.add_function(wrap_pyfunction!(command_names, m)?)?;
    m.add_function(wrap_pyfunction!(transitions_json, m)?)?;
    m.add_function(wrap_pyfunction!(mermaid_diagram, m)?)?;
    m.add_function(wrap_pyfunction!(named_values, m)?)?;
    m.add_function(wrap_pyfunction!(recommended_action, m)?)?;
    m.add_function(wrap_pyfunction!(typical_error, m)?)?;
    m.add_function(wrap_pyfunction!(typical_error_texts, m)?)?;
    m.add_function(wrap_pyfunction!(repeat_type_is_same_problem, m)?)?;
    m.add_function(wrap_pyfunction!(cause_is_known, m)?)?;
    m.add_function(wrap_pyfunction!(day_kind_is_working, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_command, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_new_ticket, m)?)?;
    m.add_function(wrap_pyfunction!(is_placeholder, m)?)?;
    m.add_function(wrap_pyfunction!(contains_template_placeholder, m)?)?;
    m.add_function(wrap_pyfunction!(format_duration, m)?)?;
    m.add_function(wrap_pyfunction!(detection::find_references, m)?)?;
    m.add_function(wrap_pyfunction!(detection::analyze, m)?)?;
    m.add_class::<RawDetector>()?;
    m.add_class::<RawTicket>()?;
    m.add_class::<RawArchive>()?;
    m.add_class::<RawPolicy>()?;
    m.add_class::<RawCalendar>()?;
    Ok(())
}
