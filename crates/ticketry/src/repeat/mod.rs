//! Repeat tickets: the four repeat types, the causes of recurrence, and the
//! repeat workflow (REP rules) as part of a ticket's lifecycle.
//!
//! A client comes back with a problem seen before. The regulation «Работа с
//! повторными обращениями» asks support to:
//!
//! 1. **REP-1** decide whether the ticket is a repeat, after checking the
//!    client's history, similar solved problems, a mention of an earlier ticket
//!    and a keyword search ([`RecordRepeatDecision`]);
//! 2. **REP-2** analyse each earlier ticket: its description, applied solution,
//!    result, time to resolve, and why it recurred ([`RecordRepeatAnalysis`],
//!    pre-filled from the earlier ticket's documentation by
//!    [`RecordRepeatAnalysis::from_earlier`]);
//! 3. **REP-3** link the ticket to each earlier one, with a comment, the repeat
//!    type and the cause if known ([`LinkTicket`](crate::closure::LinkTicket));
//!    a link to itself, to an unknown or a later ticket, or a duplicate, is refused;
//! 4. **REP-4** determine the cause ([`DetermineCause`]), after asking the client
//!    if needed ([`RequestRepeatInformation`]);
//! 5. **REP-5** act on it: the decision table [`RepeatAction::for_cause`] gives
//!    the action, and [`ApplyRepeatSolution`] records it (REP-S3: an adapted
//!    solution documents what changed);
//! 6. **REP-6** resolve it fully: the closure process of [`closure`](crate::closure);
//! 7. **REP-7** give prevention recommendations ([`GivePreventionRecommendations`])
//!    and record that the client understood them ([`ConfirmRecommendationsUnderstood`]).
//!
//! Closing a repeat ticket additionally needs every earlier ticket linked and
//! analysed, the cause determined, the solution applied and the recommendations
//! given and understood; a refused close lists each missing item with its REP
//! rule beside the CLS ones, and [`TypicalError`] names the regulation's typical
//! error it would be (REP-ERR).
//!
//! Across the history, [`Archive`](crate::archive::Archive) finds chronic problems
//! (REP-S1) and clients who do not apply solutions (REP-S2).
//!
//! ```
//! use ticketry::repeat::{RecurrenceCause, RepeatAction, RepeatType};
//! // REP-5: the cause decides what to do.
//! assert_eq!(RepeatAction::for_cause(RecurrenceCause::NotApplied), Some(RepeatAction::RemindEarlierSolution));
//! assert_eq!(RepeatAction::for_cause(RecurrenceCause::ConditionsChanged), Some(RepeatAction::AdaptSolution));
//! assert_eq!(RepeatAction::for_cause(RecurrenceCause::NotYetKnown), None);
//! assert_eq!(RepeatType::SameProblem.label_ru(), "Повторение той же проблемы");
//! ```

mod command;
pub(crate) mod guards;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use command::*;

use crate::closure::{Unmet, UnmetCode};
use crate::rules::RuleId;
use crate::ticket::TicketId;

/// The text is not the stable name of a repeat type, cause, action or check.
///
/// ```
/// let err = "often".parse::<ticketry::repeat::RepeatType>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown repeat type `often`; one of: same_problem, related_problem, not_fully_resolved, new_problem_same_context");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{name}`; one of: {known}")]
pub struct UnknownRepeatName {
    /// What kind of name it was meant to be.
    pub what: &'static str,
    /// The text given.
    pub name: String,
    /// The known names, comma-separated.
    pub known: String,
}

macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $str:literal, $rule:expr, $en:literal, $ru:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $str)] $variant, )+
        }

        impl $name {
            /// Every value, in the regulation's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable name, as in JSON and in the bindings.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $str,)+ }
            }

            /// The rule of the regulation that defines it, if any.
            pub const fn rule(self) -> Option<$crate::rules::RuleId> {
                match self { $($name::$variant => $rule,)+ }
            }

            /// The label in English.
            pub const fn label_en(self) -> &'static str {
                match self { $($name::$variant => $en,)+ }
            }

            /// The label in Russian, as the regulation words it.
            pub const fn label_ru(self) -> &'static str {
                match self { $($name::$variant => $ru,)+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::repeat::UnknownRepeatName;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s.trim())
                    .ok_or_else(|| $crate::repeat::UnknownRepeatName {
                        what: $what,
                        name: s.to_owned(),
                        known: $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                    })
            }
        }
    };
}

pub mod history;

named_enum! {
    /// The four types of repeat ticket (REP-T1..T4).
    ///
    /// ```
    /// use ticketry::repeat::RepeatType;
    /// assert_eq!(RepeatType::ALL.len(), 4);
    /// assert_eq!(RepeatType::NotFullyResolved.rule().unwrap().as_str(), "REP-T3");
    /// assert_eq!("related_problem".parse::<RepeatType>(), Ok(RepeatType::RelatedProblem));
    /// assert_eq!(serde_json::to_string(&RepeatType::SameProblem).unwrap(), "\"same_problem\"");
    /// assert!(RepeatType::SameProblem.is_same_problem());
    /// assert!(!RepeatType::NewProblemSameContext.is_same_problem());
    /// ```
    pub enum RepeatType ("repeat type") {
        /// REP-T1: the problem was solved before and is reported again.
        SameProblem = "same_problem", Some(RuleId::RepT1),
            "same problem again", "Повторение той же проблемы";
        /// REP-T2: a new problem, related to one solved before.
        RelatedProblem = "related_problem", Some(RuleId::RepT2),
            "related problem", "Связанная проблема";
        /// REP-T3: the previous solution only partly solved it.
        NotFullyResolved = "not_fully_resolved", Some(RuleId::RepT3),
            "problem was not fully resolved", "Проблема не была решена полностью";
        /// REP-T4: the same product or system, a different problem.
        NewProblemSameContext = "new_problem_same_context", Some(RuleId::RepT4),
            "new problem in the same context", "Новая проблема в том же контексте";
    }
}

impl RepeatType {
    /// Whether the type means the earlier problem itself came back (REP-T1,
    /// REP-T3): what counts towards a chronic problem (REP-S1) and what the
    /// REP-5 branch "the problem is the same" covers.
    ///
    /// ```
    /// assert!(ticketry::repeat::RepeatType::NotFullyResolved.is_same_problem());
    /// ```
    pub const fn is_same_problem(self) -> bool {
        matches!(self, RepeatType::SameProblem | RepeatType::NotFullyResolved)
    }
}

named_enum! {
    /// Why a problem recurred (REP-C1..C4), or not yet known (REP-C0).
    ///
    /// "Not yet known" is allowed when linking (REP-3: "the cause, if known"),
    /// never as the determined cause (REP-4).
    ///
    /// ```
    /// use ticketry::repeat::RecurrenceCause;
    /// assert_eq!(RecurrenceCause::default(), RecurrenceCause::NotYetKnown);
    /// assert_eq!(RecurrenceCause::NotApplied.label_ru(), "Решение не было применено клиентом");
    /// assert!(!RecurrenceCause::NotYetKnown.is_known());
    /// assert_eq!(RecurrenceCause::ConditionsChanged.rule().unwrap().as_str(), "REP-C4");
    /// ```
    pub enum RecurrenceCause ("recurrence cause") {
        /// REP-C0: not yet known.
        NotYetKnown = "not_yet_known", Some(RuleId::RepC0),
            "not yet known", "Причина ещё не определена";
        /// REP-C1: the client did not apply the solution.
        NotApplied = "not_applied", Some(RuleId::RepC1),
            "the client did not apply the solution", "Решение не было применено клиентом";
        /// REP-C2: the solution did not solve the problem fully.
        NotFullySolved = "not_fully_solved", Some(RuleId::RepC2),
            "the solution did not solve the problem fully", "Решение не решило проблему полностью";
        /// REP-C3: a new problem arose in the same context.
        NewProblem = "new_problem", Some(RuleId::RepC3),
            "a new problem arose", "Возникла новая проблема";
        /// REP-C4: the conditions of use changed.
        ConditionsChanged = "conditions_changed", Some(RuleId::RepC4),
            "the conditions of use changed", "Изменились условия использования";
    }
}

#[allow(clippy::derivable_impls)] // the enum is declared by a macro shared with enums without a default
impl Default for RecurrenceCause {
    fn default() -> Self {
        RecurrenceCause::NotYetKnown
    }
}

impl RecurrenceCause {
    /// Whether the cause is determined (anything but [`RecurrenceCause::NotYetKnown`]).
    ///
    /// ```
    /// assert!(ticketry::repeat::RecurrenceCause::NewProblem.is_known());
    /// ```
    pub const fn is_known(self) -> bool {
        !matches!(self, RecurrenceCause::NotYetKnown)
    }

    /// Whether the cause is "not yet known" (for serde's `skip_serializing_if`).
    ///
    /// ```
    /// assert!(ticketry::repeat::RecurrenceCause::NotYetKnown.is_not_yet_known());
    /// ```
    pub fn is_not_yet_known(&self) -> bool {
        !self.is_known()
    }
}

named_enum! {
    /// What to do about a repeat (REP-5), given by its cause through
    /// [`RepeatAction::for_cause`].
    ///
    /// ```
    /// use ticketry::repeat::RepeatAction;
    /// assert_eq!(RepeatAction::FindAlternative.label_ru(), "Найти альтернативное решение");
    /// assert_eq!(RepeatAction::AdaptSolution.rule().unwrap().as_str(), "REP-S3");
    /// ```
    pub enum RepeatAction ("repeat action") {
        /// The earlier solution was not applied: remind the client of it, with
        /// step-by-step instructions and help applying it.
        RemindEarlierSolution = "remind_earlier_solution", Some(RuleId::Rep5),
            "remind the client of the earlier solution", "Напомнить о ранее предоставленном решении";
        /// The earlier solution was applied but did not help: find an alternative.
        FindAlternative = "find_alternative", Some(RuleId::Rep5),
            "find an alternative solution", "Найти альтернативное решение";
        /// A new problem: handle it as a new ticket, with the earlier ones as context.
        HandleAsNew = "handle_as_new", Some(RuleId::Rep5),
            "handle as a new problem, with the earlier tickets as context", "Обработать как новое обращение с учётом контекста предыдущих";
        /// The conditions changed: adapt the solution and document what changed (REP-S3).
        AdaptSolution = "adapt_solution", Some(RuleId::RepS3),
            "adapt the solution to the new conditions", "Адаптировать решение к новым условиям";
    }
}

impl RepeatAction {
    /// The REP-5 decision table: the action a determined cause calls for.
    ///
    /// | cause | action |
    /// |---|---|
    /// | REP-C1 not applied | remind of the earlier solution |
    /// | REP-C2 did not solve it fully | find an alternative |
    /// | REP-C3 a new problem | handle as new, with the earlier tickets as context |
    /// | REP-C4 conditions changed | adapt the solution, document the change (REP-S3) |
    /// | REP-C0 not yet known | none: determine the cause first (REP-4) |
    ///
    /// ```
    /// use ticketry::repeat::{RecurrenceCause, RepeatAction};
    /// assert_eq!(RepeatAction::for_cause(RecurrenceCause::NotFullySolved), Some(RepeatAction::FindAlternative));
    /// assert_eq!(RepeatAction::for_cause(RecurrenceCause::NewProblem), Some(RepeatAction::HandleAsNew));
    /// ```
    pub const fn for_cause(cause: RecurrenceCause) -> Option<RepeatAction> {
        match cause {
            RecurrenceCause::NotYetKnown => None,
            RecurrenceCause::NotApplied => Some(RepeatAction::RemindEarlierSolution),
            RecurrenceCause::NotFullySolved => Some(RepeatAction::FindAlternative),
            RecurrenceCause::NewProblem => Some(RepeatAction::HandleAsNew),
            RecurrenceCause::ConditionsChanged => Some(RepeatAction::AdaptSolution),
        }
    }
}

named_enum! {
    /// The checks REP-1 asks for before deciding whether a ticket is a repeat.
    ///
    /// ```
    /// use ticketry::repeat::HistoryCheck;
    /// assert_eq!(HistoryCheck::ALL.len(), 4);
    /// assert_eq!(HistoryCheck::ClientMention.label_ru(), "Упоминает ли клиент предыдущее обращение");
    /// ```
    pub enum HistoryCheck ("history check") {
        /// The client's earlier and linked tickets were studied.
        ClientHistory = "client_history", Some(RuleId::Rep1),
            "the client's earlier and linked tickets", "Есть ли связанные обращения у этого клиента";
        /// The problem was compared with problems solved before.
        SimilarSolved = "similar_solved", Some(RuleId::Rep1),
            "similarity to problems solved before", "Похожа ли проблема на ранее решенные";
        /// Whether the client mentions an earlier ticket.
        ClientMention = "client_mention", Some(RuleId::Rep1),
            "a mention of an earlier ticket by the client", "Упоминает ли клиент предыдущее обращение";
        /// A keyword search.
        KeywordSearch = "keyword_search", Some(RuleId::Rep1),
            "a keyword search", "Поиск по ключевым словам";
    }
}

/// The REP-1 decision: a repeat or not.
///
/// ```
/// use ticketry::repeat::RepeatDecision;
/// assert_eq!(serde_json::to_string(&RepeatDecision::NotRepeat).unwrap(), "\"not_repeat\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepeatDecision {
    /// The ticket repeats one or more earlier tickets.
    Repeat,
    /// It is not a repeat (the reason is recorded).
    NotRepeat,
}

named_enum! {
    /// The regulation's typical errors with repeat tickets (REP-ERR), each
    /// with its cause and remedy as the regulation's table words them.
    ///
    /// [`TypicalError::of`] tells which one an unmet rule would be.
    ///
    /// ```
    /// use ticketry::repeat::TypicalError;
    /// assert_eq!(TypicalError::NotLinked.label_ru(), "Не связали обращения");
    /// assert_eq!(TypicalError::NotLinked.remedy_ru(), "Всегда связывать связанные обращения");
    /// ```
    pub enum TypicalError ("typical error") {
        /// The repeat was not detected: the history was not checked.
        NotDetected = "not_detected", Some(RuleId::RepErr),
            "the repeat was not detected", "Не выявили повторное обращение";
        /// The cause of recurrence was not analysed: the solution was rushed.
        CauseNotAnalyzed = "cause_not_analyzed", Some(RuleId::RepErr),
            "the cause of recurrence was not analysed", "Не проанализировали причину повторения";
        /// The tickets were not linked: linking was forgotten.
        NotLinked = "not_linked", Some(RuleId::RepErr),
            "the tickets were not linked", "Не связали обращения";
        /// No prevention recommendations: prevention was forgotten.
        NoRecommendations = "no_recommendations", Some(RuleId::RepErr),
            "no prevention recommendations were given", "Не предоставили рекомендации";
    }
}

impl TypicalError {
    /// The typical error an unmet rule amounts to, if it is one of the four.
    ///
    /// ```
    /// use ticketry::repeat::TypicalError;
    /// # let ticket = ticketry::doc_support::fresh_ticket();
    /// # let policy = ticketry::Policy::default();
    /// let unmet = ticket.why_blocked(ticketry::closure::CommandKind::Close, ticket.state().updated_at, &policy);
    /// // A ticket that is not a repeat has no REP items to miss.
    /// assert!(unmet.iter().all(|u| TypicalError::of(u).is_none()));
    /// ```
    pub fn of(unmet: &Unmet) -> Option<TypicalError> {
        Some(match unmet.code {
            UnmetCode::RepeatDecisionMissing | UnmetCode::HistoryNotChecked => {
                TypicalError::NotDetected
            }
            UnmetCode::AnalysisMissing | UnmetCode::CauseNotDetermined => {
                TypicalError::CauseNotAnalyzed
            }
            UnmetCode::NotLinked | UnmetCode::AnalysedTicketNotLinked => TypicalError::NotLinked,
            UnmetCode::RecommendationsNotGiven | UnmetCode::RecommendationsNotUnderstood => {
                TypicalError::NoRecommendations
            }
            _ => return None,
        })
    }

    /// The cause of the error, as the regulation's table gives it.
    ///
    /// ```
    /// assert_eq!(ticketry::repeat::TypicalError::NotDetected.cause_ru(), "Не проверили историю");
    /// ```
    pub const fn cause_ru(self) -> &'static str {
        match self {
            TypicalError::NotDetected => "Не проверили историю",
            TypicalError::CauseNotAnalyzed => "Поторопились с решением",
            TypicalError::NotLinked => "Забыли про связывание",
            TypicalError::NoRecommendations => "Забыли про предотвращение",
        }
    }

    /// The remedy, as the regulation's table gives it.
    ///
    /// ```
    /// assert_eq!(ticketry::repeat::TypicalError::NoRecommendations.remedy_ru(), "Всегда предоставлять рекомендации по предотвращению повторения");
    /// ```
    pub const fn remedy_ru(self) -> &'static str {
        match self {
            TypicalError::NotDetected => "Всегда проверять историю обращений клиента",
            TypicalError::CauseNotAnalyzed => "Всегда анализировать причины повторения",
            TypicalError::NotLinked => "Всегда связывать связанные обращения",
            TypicalError::NoRecommendations => {
                "Всегда предоставлять рекомендации по предотвращению повторения"
            }
        }
    }
}

/// The recorded REP-1 decision.
///
/// ```
/// # let ticket = ticketry::doc_support::repeat_ticket();
/// let d = ticket.state().repeat.decision.as_ref().unwrap();
/// assert_eq!(d.decision, ticketry::repeat::RepeatDecision::Repeat);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRecord {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (actor id).
    pub by: String,
    /// Repeat or not.
    pub decision: RepeatDecision,
    /// What was checked.
    pub checked: Vec<HistoryCheck>,
    /// Why (required for "not a repeat").
    pub reason: String,
}

/// The recorded REP-2 analysis of one earlier ticket.
///
/// ```
/// # let ticket = ticketry::doc_support::repeat_ticket();
/// let a = &ticket.state().repeat.analyses[0];
/// assert_eq!(a.earlier.as_str(), "T-900");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalysisRecord {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (actor id).
    pub by: String,
    /// The earlier ticket.
    pub earlier: TicketId,
    /// Its problem description.
    pub problem_description: String,
    /// The solution applied then.
    pub applied_solution: String,
    /// The result of that solution.
    pub result: String,
    /// How long it took to resolve, in minutes, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_to_resolve_minutes: Option<u64>,
    /// Why it recurred; filled in by the determined cause when not yet known.
    pub cause: RecurrenceCause,
    /// Anything else found.
    #[serde(default)]
    pub notes: String,
}

/// A request for more information sent to the client (REP-4).
///
/// ```
/// # let ticket = ticketry::doc_support::repeat_ticket();
/// assert!(ticket.state().repeat.information_requests.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InformationRequest {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (actor id).
    pub by: String,
    /// What was asked.
    pub question: String,
}

/// The determined cause (REP-4).
///
/// ```
/// # let ticket = ticketry::doc_support::repeat_ticket();
/// let c = ticket.state().repeat.cause.as_ref().unwrap();
/// assert_eq!(c.cause, ticketry::repeat::RecurrenceCause::NotApplied);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CauseRecord {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (actor id).
    pub by: String,
    /// The cause; never "not yet known".
    pub cause: RecurrenceCause,
    /// How it was established.
    pub explanation: String,
}

/// What changed in the conditions of use, and the adapted solution (REP-S3).
///
/// ```
/// let c = ticketry::repeat::ConditionsChange {
///     what_changed: "Заменили роутер на объекте".into(),
///     adapted_solution: "Контроллер переведён на статический IP".into(),
/// };
/// assert!(!c.what_changed.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionsChange {
    /// What changed (the analysis of the new conditions).
    pub what_changed: String,
    /// The solution adapted to them.
    pub adapted_solution: String,
}

/// A recorded REP-5 action.
///
/// ```
/// # let ticket = ticketry::doc_support::repeat_ticket();
/// let a = ticket.state().repeat.actions.last().unwrap();
/// assert_eq!(a.action, ticketry::repeat::RepeatAction::RemindEarlierSolution);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionRecord {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (actor id).
    pub by: String,
    /// The action.
    pub action: RepeatAction,
    /// What was done (the solution or the plan).
    pub description: String,
    /// For an adapted solution, what changed (REP-S3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions_change: Option<ConditionsChange>,
}

/// The prevention recommendations given to the client (REP-7).
///
/// ```
/// # let ticket = ticketry::doc_support::repeat_ticket();
/// let p = ticket.state().repeat.prevention.as_ref().unwrap();
/// assert!(p.understood.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreventionRecord {
    /// When they were given.
    pub at: DateTime<Utc>,
    /// Who gave them (actor id).
    pub by: String,
    /// How to avoid the problem.
    pub how_to_avoid: String,
    /// What to do if it recurs.
    pub if_it_recurs: String,
    /// Anything else.
    #[serde(default)]
    pub additional: String,
    /// When the client confirmed they understood, and their words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub understood: Option<crate::state::StepRecord>,
}

/// The repeat workflow's records on a ticket.
///
/// ```
/// # let ticket = ticketry::doc_support::fresh_ticket();
/// let r = &ticket.state().repeat;
/// assert!(r.decision.is_none() && r.analyses.is_empty() && r.cause.is_none());
/// assert!(!ticket.state().is_repeat());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepeatWork {
    /// REP-1: the latest decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionRecord>,
    /// REP-2: one analysis per earlier ticket (a later one replaces an earlier one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub analyses: Vec<AnalysisRecord>,
    /// REP-4: information requested from the client.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub information_requests: Vec<InformationRequest>,
    /// REP-4: the determined cause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<CauseRecord>,
    /// REP-5: the actions taken, in order (trying an alternative adds one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionRecord>,
    /// REP-7: the prevention recommendations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prevention: Option<PreventionRecord>,
}

impl RepeatWork {
    /// The analysis of an earlier ticket, if recorded.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::repeat_ticket();
    /// let id = ticketry::ticket::TicketId::new("T-900")?;
    /// assert!(ticket.state().repeat.analysis_of(&id).is_some());
    /// # Ok::<(), ticketry::ticket::InvalidId>(())
    /// ```
    pub fn analysis_of(&self, earlier: &TicketId) -> Option<&AnalysisRecord> {
        self.analyses.iter().find(|a| &a.earlier == earlier)
    }

    /// The determined cause, or "not yet known".
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::fresh_ticket();
    /// assert_eq!(ticket.state().repeat.determined_cause(), ticketry::repeat::RecurrenceCause::NotYetKnown);
    /// ```
    pub fn determined_cause(&self) -> RecurrenceCause {
        self.cause
            .as_ref()
            .map(|c| c.cause)
            .unwrap_or(RecurrenceCause::NotYetKnown)
    }
}
