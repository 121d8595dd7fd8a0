//! Unmet rules: why a command is refused, as values.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::rules::RuleId;

/// A stable code for each reason a command can be refused.
///
/// Codes never change meaning; new ones may be added. Match on them in Rust,
/// or compare their snake_case names (`"not_confirmed"`) in Python and JS.
///
/// ```
/// use ticketry::closure::UnmetCode;
/// assert_eq!(UnmetCode::ConfirmationWaitNotElapsed.as_str(), "confirmation_wait_not_elapsed");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnmetCode {
    /// The command is not possible in the ticket's current status.
    NotAllowedInState,
    /// The resolution was not verified (CLS-R1, CLS-1).
    NotVerified,
    /// One of the verification checks failed (CLS-1).
    VerificationCheckFailed,
    /// The client has not confirmed (CLS-R2, CLS-2).
    NotConfirmed,
    /// No repeated confirmation request was sent (CLS-S1).
    ReminderNotSent,
    /// The business-day wait after the repeated request has not passed (CLS-S1).
    ConfirmationWaitNotElapsed,
    /// The solution is not documented (CLS-R3, CLS-3).
    NotDocumented,
    /// The documentation predates the latest return to work (CLS-3).
    DocumentationStale,
    /// A documentation field is empty or a placeholder (CLS-3).
    DocumentationFieldMissing,
    /// A client question has no answer (CLS-R4).
    QuestionUnanswered,
    /// The completeness check was not recorded (CLS-4).
    CompletenessNotChecked,
    /// A piece of information CLS-4 requires is missing.
    InformationMissing,
    /// No knowledge-base decision was recorded (CLS-5).
    KnowledgeBaseDecisionMissing,
    /// A knowledge-base decision lacks its article reference (CLS-5).
    KnowledgeBaseReferenceMissing,
    /// The final notification was not sent (CLS-6).
    FinalNotificationNotSent,
    /// A required text (reason, result, notice…) is empty or a placeholder.
    FieldRequired,
    /// A product update is not yet confirmed (CLS-S2).
    ProductUpdateNotConfirmed,
    /// The documentation does not state the product update that was needed (CLS-S2).
    ProductUpdateNotDocumented,
    /// A template value is missing (CLS-TPL-N, CLS-TPL-D, REP-TPL).
    TemplateValueMissing,
    /// A ticket cannot link to itself (REP-3).
    SelfLink,
    /// The policy is outside the regulation's range (CLS-S1 wait, signatures).
    InvalidPolicy,
    /// The same link already exists (REP-3).
    DuplicateLink,
    /// The linked or analysed ticket is not known (REP-3).
    UnknownTicket,
    /// The linked or analysed ticket was opened after this one (REP-3).
    LaterTicket,
    /// A `repeat_of` link needs its repeat type (REP-3, REP-T1..T4).
    RepeatTypeRequired,
    /// There is no such link to remove (REP-3).
    LinkNotFound,
    /// The REP-1 decision (repeat or not) was not recorded.
    RepeatDecisionMissing,
    /// A REP-1 check was not done before the decision.
    HistoryNotChecked,
    /// "Not a repeat" while the ticket has repeat links (REP-1).
    RepeatLinksExist,
    /// A repeat-workflow step on a ticket not decided to be a repeat (REP-1).
    NotARepeat,
    /// A repeat ticket is not linked to any earlier ticket (REP-3, REP-LINKALL).
    NotLinked,
    /// An earlier ticket was not analysed (REP-2).
    AnalysisMissing,
    /// An analysed earlier ticket is not linked (REP-LINKALL).
    AnalysedTicketNotLinked,
    /// The cause of recurrence is not determined (REP-4).
    CauseNotDetermined,
    /// The action is not the one the REP-5 decision table gives for the cause.
    ActionDoesNotMatchCause,
    /// No REP-5 action was recorded.
    SolutionNotApplied,
    /// An adapted solution does not document what changed (REP-S3).
    ConditionsChangeNotDocumented,
    /// No prevention recommendations were given (REP-7).
    RecommendationsNotGiven,
    /// The client has not confirmed understanding the recommendations (REP-7).
    RecommendationsNotUnderstood,
}

impl UnmetCode {
    /// The code's stable snake_case name.
    ///
    /// ```
    /// assert_eq!(ticketry::closure::UnmetCode::SelfLink.as_str(), "self_link");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            UnmetCode::NotAllowedInState => "not_allowed_in_state",
            UnmetCode::NotVerified => "not_verified",
            UnmetCode::VerificationCheckFailed => "verification_check_failed",
            UnmetCode::NotConfirmed => "not_confirmed",
            UnmetCode::ReminderNotSent => "reminder_not_sent",
            UnmetCode::ConfirmationWaitNotElapsed => "confirmation_wait_not_elapsed",
            UnmetCode::NotDocumented => "not_documented",
            UnmetCode::DocumentationStale => "documentation_stale",
            UnmetCode::DocumentationFieldMissing => "documentation_field_missing",
            UnmetCode::QuestionUnanswered => "question_unanswered",
            UnmetCode::CompletenessNotChecked => "completeness_not_checked",
            UnmetCode::InformationMissing => "information_missing",
            UnmetCode::KnowledgeBaseDecisionMissing => "knowledge_base_decision_missing",
            UnmetCode::KnowledgeBaseReferenceMissing => "knowledge_base_reference_missing",
            UnmetCode::FinalNotificationNotSent => "final_notification_not_sent",
            UnmetCode::FieldRequired => "field_required",
            UnmetCode::ProductUpdateNotConfirmed => "product_update_not_confirmed",
            UnmetCode::ProductUpdateNotDocumented => "product_update_not_documented",
            UnmetCode::TemplateValueMissing => "template_value_missing",
            UnmetCode::SelfLink => "self_link",
            UnmetCode::InvalidPolicy => "invalid_policy",
            UnmetCode::DuplicateLink => "duplicate_link",
            UnmetCode::UnknownTicket => "unknown_ticket",
            UnmetCode::LaterTicket => "later_ticket",
            UnmetCode::RepeatTypeRequired => "repeat_type_required",
            UnmetCode::LinkNotFound => "link_not_found",
            UnmetCode::RepeatDecisionMissing => "repeat_decision_missing",
            UnmetCode::HistoryNotChecked => "history_not_checked",
            UnmetCode::RepeatLinksExist => "repeat_links_exist",
            UnmetCode::NotARepeat => "not_a_repeat",
            UnmetCode::NotLinked => "not_linked",
            UnmetCode::AnalysisMissing => "analysis_missing",
            UnmetCode::AnalysedTicketNotLinked => "analysed_ticket_not_linked",
            UnmetCode::CauseNotDetermined => "cause_not_determined",
            UnmetCode::ActionDoesNotMatchCause => "action_does_not_match_cause",
            UnmetCode::SolutionNotApplied => "solution_not_applied",
            UnmetCode::ConditionsChangeNotDocumented => "conditions_change_not_documented",
            UnmetCode::RecommendationsNotGiven => "recommendations_not_given",
            UnmetCode::RecommendationsNotUnderstood => "recommendations_not_understood",
        }
    }
}

impl fmt::Display for UnmetCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One unmet rule: which rule, a stable code, the field at fault (when one
/// is), and a message in Russian and in English.
///
/// ```
/// use ticketry::closure::{CommandKind, UnmetCode};
/// use ticketry::rules::RuleId;
/// # let ticket = ticketry::doc_support::fresh_ticket();
/// # let policy = ticketry::Policy::default();
/// let unmet = ticket.why_blocked(CommandKind::Close, ticket.state().updated_at, &policy);
/// let first = unmet.iter().find(|u| u.code == UnmetCode::NotVerified).unwrap();
/// assert_eq!(first.rule, RuleId::ClsR1);
/// assert_eq!(first.message_en, "the solution has not been verified (works, all aspects solved, no related problems)");
/// assert!(first.message_ru.starts_with("Решение не проверено"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unmet {
    /// The rule of the regulation that is not met.
    pub rule: RuleId,
    /// A stable code for the reason.
    pub code: UnmetCode,
    /// The field at fault, as a path (`documentation.cause`, `questions[2]`), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What is missing, in English.
    pub message_en: String,
    /// What is missing, in Russian.
    pub message_ru: String,
}

impl Unmet {
    pub(crate) fn new(
        rule: RuleId,
        code: UnmetCode,
        en: impl Into<String>,
        ru: impl Into<String>,
    ) -> Self {
        Unmet {
            rule,
            code,
            field: None,
            message_en: en.into(),
            message_ru: ru.into(),
        }
    }

    pub(crate) fn at_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl fmt::Display for Unmet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.rule, self.message_en)
    }
}
