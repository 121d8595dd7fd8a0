//! The transition table: the one definition that drives the typed API, the
//! dynamic API and the Mermaid diagram.
//!
//! Each row of [`TRANSITIONS`] names a command, the statuses it may be applied
//! in, the status it leads to, and the rules of the regulation it implements.
//! The same macro invocation that builds the table also implements
//! [`Transition`](super::typed::Transition) for each payload type and each
//! allowed source state, so a transition missing from the table does not
//! compile in the typed API, and the dynamic API consults the very same rows.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::command::*;
use crate::repeat::*;
use crate::rules::RuleId;

/// Where a ticket is in its lifecycle.
///
/// ```
/// use ticketry::closure::Status;
/// assert_eq!(Status::AwaitingConfirmation.as_str(), "awaiting_confirmation");
/// assert_eq!("closed".parse::<Status>(), Ok(Status::Closed));
/// assert!(Status::Confirmed.is_open());
/// assert!(!Status::Closed.is_open());
/// assert_eq!(Status::Verified.label_ru(), "Решение проверено");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Support is working on the problem (В работе).
    InWork,
    /// Waiting for the client to install a product update (CLS-S2).
    AwaitingUpdate,
    /// The solution was verified (CLS-1).
    Verified,
    /// Confirmation was requested from the client (CLS-2).
    AwaitingConfirmation,
    /// The client did not answer; the repeated request was sent (CLS-S1).
    ConfirmationReminded,
    /// The client confirmed the solution (CLS-R2).
    Confirmed,
    /// Closed (CLS-7).
    Closed,
}

impl Status {
    /// Every status, in lifecycle order.
    ///
    /// ```
    /// assert_eq!(ticketry::closure::Status::ALL.len(), 7);
    /// ```
    pub const ALL: &'static [Status] = &[
        Status::InWork,
        Status::AwaitingUpdate,
        Status::Verified,
        Status::AwaitingConfirmation,
        Status::ConfirmationReminded,
        Status::Confirmed,
        Status::Closed,
    ];

    /// Every status but `Closed`.
    ///
    /// ```
    /// use ticketry::closure::Status;
    /// assert!(!Status::OPEN.contains(&Status::Closed));
    /// ```
    pub const OPEN: &'static [Status] = &[
        Status::InWork,
        Status::AwaitingUpdate,
        Status::Verified,
        Status::AwaitingConfirmation,
        Status::ConfirmationReminded,
        Status::Confirmed,
    ];

    /// The status's stable name, as in JSON.
    ///
    /// ```
    /// assert_eq!(ticketry::closure::Status::InWork.as_str(), "in_work");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::InWork => "in_work",
            Status::AwaitingUpdate => "awaiting_update",
            Status::Verified => "verified",
            Status::AwaitingConfirmation => "awaiting_confirmation",
            Status::ConfirmationReminded => "confirmation_reminded",
            Status::Confirmed => "confirmed",
            Status::Closed => "closed",
        }
    }

    /// Whether the ticket is still open (anything but `Closed`).
    ///
    /// ```
    /// assert!(ticketry::closure::Status::AwaitingUpdate.is_open());
    /// ```
    pub const fn is_open(self) -> bool {
        !matches!(self, Status::Closed)
    }

    /// The status in Russian, for people.
    ///
    /// ```
    /// assert_eq!(ticketry::closure::Status::Closed.label_ru(), "Закрыто");
    /// ```
    pub const fn label_ru(self) -> &'static str {
        match self {
            Status::InWork => "В работе",
            Status::AwaitingUpdate => "Ожидает обновления продукта",
            Status::Verified => "Решение проверено",
            Status::AwaitingConfirmation => "Ожидает подтверждения клиента",
            Status::ConfirmationReminded => "Отправлен повторный запрос подтверждения",
            Status::Confirmed => "Клиент подтвердил решение",
            Status::Closed => "Закрыто",
        }
    }

    /// The status in English, for people.
    ///
    /// ```
    /// assert_eq!(ticketry::closure::Status::Confirmed.label_en(), "Confirmed by the client");
    /// ```
    pub const fn label_en(self) -> &'static str {
        match self {
            Status::InWork => "In work",
            Status::AwaitingUpdate => "Awaiting a product update",
            Status::Verified => "Solution verified",
            Status::AwaitingConfirmation => "Awaiting the client's confirmation",
            Status::ConfirmationReminded => "Confirmation reminder sent",
            Status::Confirmed => "Confirmed by the client",
            Status::Closed => "Closed",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text is not the name of a [`Status`] or a [`CommandKind`].
///
/// ```
/// let err = "done".parse::<ticketry::closure::Status>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown status `done`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{name}`")]
pub struct UnknownName {
    /// What kind of name it was meant to be ("status" or "command").
    pub what: &'static str,
    /// The text given.
    pub name: String,
}

/// Finds the item of `all` whose stable name is `name` (trimmed).
fn by_name<T: Copy>(
    all: &[T],
    as_str: fn(T) -> &'static str,
    what: &'static str,
    name: &str,
) -> Result<T, UnknownName> {
    all.iter()
        .copied()
        .find(|item| as_str(*item) == name.trim())
        .ok_or_else(|| UnknownName {
            what,
            name: name.to_owned(),
        })
}

impl FromStr for Status {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        by_name(Status::ALL, Status::as_str, "status", s)
    }
}

/// Where a transition leads.
///
/// ```
/// use ticketry::closure::{CommandKind, Target, Status};
/// assert_eq!(CommandKind::Close.definition().to, Target::Status(Status::Closed));
/// assert_eq!(CommandKind::LogWork.definition().to, Target::Same);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// The status does not change (a record is added).
    Same,
    /// The ticket moves to this status.
    Status(Status),
}

/// One row of the transition table.
///
/// ```
/// use ticketry::closure::{CommandKind, Status};
/// use ticketry::rules::RuleId;
/// let row = CommandKind::CloseWithoutConfirmation.definition();
/// assert_eq!(row.from, &[Status::ConfirmationReminded]);
/// assert!(row.rules.contains(&RuleId::ClsS1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TransitionDef {
    /// The command.
    pub command: CommandKind,
    /// The statuses it may be applied in; empty for `open`, which starts a ticket.
    pub from: &'static [Status],
    /// Where it leads.
    pub to: Target,
    /// The rules of the regulation this transition implements or checks.
    pub rules: &'static [RuleId],
    /// One line on what the command does, in English.
    pub summary_en: &'static str,
    /// One line on what the command does, in Russian.
    pub summary_ru: &'static str,
}

impl TransitionDef {
    /// Whether the command may be applied in `status` (guards aside).
    ///
    /// ```
    /// use ticketry::closure::{CommandKind, Status};
    /// assert!(CommandKind::Reopen.definition().allowed_in(Status::Closed));
    /// assert!(!CommandKind::Reopen.definition().allowed_in(Status::InWork));
    /// ```
    pub fn allowed_in(&self, status: Status) -> bool {
        self.from.contains(&status)
    }

    /// The status the ticket will have after the command, from `status`.
    ///
    /// ```
    /// use ticketry::closure::{CommandKind, Status};
    /// assert_eq!(CommandKind::LogWork.definition().target_from(Status::Verified), Status::Verified);
    /// assert_eq!(CommandKind::Close.definition().target_from(Status::Confirmed), Status::Closed);
    /// ```
    pub fn target_from(&self, status: Status) -> Status {
        match self.to {
            Target::Same => status,
            Target::Status(s) => s,
        }
    }
}

macro_rules! from_list {
    (start) => {
        &[]
    };
    (open) => {
        Status::OPEN
    };
    ([$($s:ident),+]) => {
        &[$(Status::$s),+]
    };
}

macro_rules! target {
    (same) => {
        Target::Same
    };
    ($s:ident) => {
        Target::Status(Status::$s)
    };
}

macro_rules! typed_impls {
    ($payload:ty, start, $to:tt) => {};
    ($payload:ty, open, same) => {
        impl<S: super::typed::OpenState> super::typed::Transition<S> for $payload {
            type To = S;
        }
    };
    ($payload:ty, [$($from:ident),+], same) => {
        $( impl super::typed::Transition<super::typed::$from> for $payload {
            type To = super::typed::$from;
        } )+
    };
    ($payload:ty, [$($from:ident),+], $to:ident) => {
        $( impl super::typed::Transition<super::typed::$from> for $payload {
            type To = super::typed::$to;
        } )+
    };
}

macro_rules! transition_table {
    ($(
        $(#[$doc:meta])*
        $kind:ident($payload:ty) = $name:literal: $from:tt => $to:tt,
            rules [$($rule:ident),*], $en:literal, $ru:literal;
    )*) => {
        /// The name of a command, without its payload.
        ///
        /// ```
        /// use ticketry::closure::CommandKind;
        /// assert_eq!(CommandKind::RecordNotSolved.as_str(), "record_not_solved");
        /// assert_eq!("close".parse::<CommandKind>(), Ok(CommandKind::Close));
        /// assert_eq!(CommandKind::ALL.len(), ticketry::closure::TRANSITIONS.len());
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum CommandKind {
            $( $(#[$doc])* #[serde(rename = $name)] $kind, )*
        }

        impl CommandKind {
            /// Every command, in table order.
            ///
            /// ```
            /// assert_eq!(ticketry::closure::CommandKind::ALL[0].as_str(), "open");
            /// ```
            pub const ALL: &'static [CommandKind] = &[ $( CommandKind::$kind, )* ];

            /// The command's stable name, as in JSON and in the bindings.
            ///
            /// ```
            /// assert_eq!(ticketry::closure::CommandKind::SendFinalNotification.as_str(), "send_final_notification");
            /// ```
            pub const fn as_str(self) -> &'static str {
                match self { $( CommandKind::$kind => $name, )* }
            }

            /// The command's row of the transition table.
            ///
            /// ```
            /// use ticketry::closure::{CommandKind, Status};
            /// assert!(CommandKind::VerifyResolution.definition().allowed_in(Status::InWork));
            /// ```
            pub fn definition(self) -> &'static TransitionDef {
                match self {
                    $( CommandKind::$kind => {
                        const ROW: TransitionDef = CommandKind::$kind.row();
                        &ROW
                    } )*
                }
            }

            const fn row(self) -> TransitionDef {
                match self {
                    $( CommandKind::$kind => TransitionDef {
                        command: CommandKind::$kind,
                        from: from_list!($from),
                        to: target!($to),
                        rules: &[$(RuleId::$rule),*],
                        summary_en: $en,
                        summary_ru: $ru,
                    }, )*
                }
            }
        }

        /// A command with its payload: what the dynamic API applies and the event log stores.
        ///
        /// JSON: the payload's fields plus `"type"`, the [`CommandKind`] name.
        ///
        /// ```
        /// use ticketry::closure::{Command, CommandKind, ResumeWork};
        /// let cmd: Command = serde_json::from_str(r#"{"type": "resume_work", "reason": "Не все турникеты"}"#)?;
        /// assert_eq!(cmd.kind(), CommandKind::ResumeWork);
        /// assert_eq!(cmd, Command::from(ResumeWork::because("Не все турникеты")));
        /// # Ok::<(), serde_json::Error>(())
        /// ```
        ///
        /// Deserializing goes through [`Command::from_json`]'s reader, so a
        /// malformed command is refused with the same message whichever way
        /// it is read:
        ///
        /// ```
        /// use ticketry::closure::Command;
        /// let json = r#"{"type": "log_work", "minutes": "сорок"}"#;
        /// let by_serde = serde_json::from_str::<Command>(json).unwrap_err().to_string();
        /// let by_reader = Command::from_json(json).unwrap_err().to_string();
        /// assert!(by_serde.starts_with("invalid input in `minutes`"), "{by_serde}");
        /// assert!(by_serde.starts_with(&by_reader), "{by_serde}");
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        #[serde(tag = "type")]
        pub enum Command {
            $( $(#[$doc])* #[serde(rename = $name)] $kind($payload), )*
        }

        // One reader for commands: the derived one would instantiate every
        // payload's deserializer a second time (about 57 KB of the wasm
        // module) and word its errors differently.
        impl<'de> Deserialize<'de> for Command {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Command, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                Command::from_value(value).map_err(serde::de::Error::custom)
            }
        }

        impl Command {
            /// The command's name.
            ///
            /// ```
            /// use ticketry::closure::{Command, CommandKind, LogWork};
            /// assert_eq!(Command::from(LogWork::minutes(5, "")).kind(), CommandKind::LogWork);
            /// ```
            pub fn kind(&self) -> CommandKind {
                match self { $( Command::$kind(_) => CommandKind::$kind, )* }
            }
        }

        impl Command {
            /// Reads the payload of a command of `kind` (an object without `type`),
            /// naming the path of a malformed field.
            pub(crate) fn payload_from_value(
                kind: CommandKind,
                value: serde_json::Value,
            ) -> Result<Command, crate::ApplyError> {
                match kind {
                    $( CommandKind::$kind => crate::json::from_value::<$payload>(value).map(Command::$kind), )*
                }
            }
        }

        $(
            impl From<$payload> for Command {
                fn from(payload: $payload) -> Command {
                    Command::$kind(payload)
                }
            }
            typed_impls!($payload, $from, $to);
        )*

        /// The transition table: one row per command.
        ///
        /// ```
        /// use ticketry::closure::{CommandKind, TRANSITIONS};
        /// assert!(TRANSITIONS.iter().any(|t| t.command == CommandKind::Reopen));
        /// ```
        pub const TRANSITIONS: &[TransitionDef] = &[ $( CommandKind::$kind.row(), )* ];
    };
}

transition_table! {
    /// Open a ticket; the first event of every log.
    Open(Open) = "open": start => InWork,
        rules [], "open a ticket", "создать обращение";
    /// Record a message in the communication log.
    LogMessage(LogMessage) = "log_message": open => same,
        rules [Cls4], "record a message to or from the client", "зафиксировать сообщение";
    /// Record a diagnostic finding.
    AddDiagnostic(AddDiagnostic) = "add_diagnostic": open => same,
        rules [Cls4], "record diagnostic information", "зафиксировать диагностическую информацию";
    /// Log handling time.
    LogWork(LogWork) = "log_work": open => same,
        rules [Cls4], "log handling time", "зафиксировать время обработки";
    /// Record a client's question.
    RecordQuestion(RecordQuestion) = "record_question": open => same,
        rules [ClsR4], "record a client's question", "зафиксировать вопрос клиента";
    /// Answer a client's question.
    AnswerQuestion(AnswerQuestion) = "answer_question": open => same,
        rules [ClsR4], "answer a client's question", "ответить на вопрос клиента";
    /// Record the repeat decision.
    RecordRepeatDecision(RecordRepeatDecision) = "record_repeat_decision": open => same,
        rules [Rep1], "record whether the ticket is a repeat", "зафиксировать, является ли обращение повторным";
    /// Link to an earlier ticket.
    LinkTicket(LinkTicket) = "link_ticket": open => same,
        rules [Rep3, RepLinkAll, ClsS3], "link to an earlier ticket", "связать с предыдущим обращением";
    /// Remove a wrong link.
    RemoveLink(RemoveLink) = "remove_link": open => same,
        rules [Rep3], "remove a wrong link", "удалить ошибочную связь";
    /// Analyse an earlier ticket.
    RecordRepeatAnalysis(RecordRepeatAnalysis) = "record_repeat_analysis": open => same,
        rules [Rep2], "analyse an earlier ticket", "проанализировать предыдущее обращение";
    /// Ask the client for information on the cause.
    RequestRepeatInformation(RequestRepeatInformation) = "request_repeat_information": open => same,
        rules [Rep4], "ask the client for information on the cause", "запросить у клиента информацию о причине";
    /// Record the cause of recurrence.
    DetermineCause(DetermineCause) = "determine_cause": open => same,
        rules [Rep4], "record the cause of recurrence", "зафиксировать причину повторения";
    /// Record the action taken for the repeat.
    ApplyRepeatSolution(ApplyRepeatSolution) = "apply_repeat_solution": open => same,
        rules [Rep5, RepS3], "apply the solution the cause calls for", "применить решение по причине повторения";
    /// Give prevention recommendations.
    GivePreventionRecommendations(GivePreventionRecommendations) = "give_prevention_recommendations": open => same,
        rules [Rep7], "give prevention recommendations", "предоставить рекомендации по предотвращению";
    /// The client understood the recommendations.
    ConfirmRecommendationsUnderstood(ConfirmRecommendationsUnderstood) = "confirm_recommendations_understood": open => same,
        rules [Rep7], "record that the client understood the recommendations", "зафиксировать, что клиент понял рекомендации";
    /// Record the solution documentation.
    RecordDocumentation(SolutionDocumentation) = "record_documentation": open => same,
        rules [Cls3, ClsR3, ClsTplD], "document the solution", "задокументировать решение";
    /// Record the completeness check.
    CheckCompleteness(CheckCompleteness) = "check_completeness": open => same,
        rules [Cls4], "check the information is complete", "проверить полноту информации";
    /// Record the knowledge-base decision.
    RecordKnowledgeBaseDecision(RecordKnowledgeBaseDecision) = "record_knowledge_base_decision": open => same,
        rules [Cls5], "record the knowledge-base decision", "зафиксировать решение по базе знаний";
    /// The solution needs a product update.
    RequireProductUpdate(RequireProductUpdate) = "require_product_update": [InWork] => AwaitingUpdate,
        rules [ClsS2], "tell the client a product update is needed", "уведомить клиента о необходимости обновления";
    /// The client confirmed the update.
    ConfirmProductUpdate(ConfirmProductUpdate) = "confirm_product_update": [AwaitingUpdate] => InWork,
        rules [ClsS2], "record that the update is installed", "зафиксировать подтверждение обновления";
    /// Record the verified resolution.
    VerifyResolution(VerifyResolution) = "verify_resolution": [InWork] => Verified,
        rules [Cls1, ClsR1], "verify the problem is fully solved", "проверить, что проблема полностью решена";
    /// Go back to work before closing.
    ResumeWork(ResumeWork) = "resume_work": [Verified, AwaitingConfirmation, ConfirmationReminded, Confirmed] => InWork,
        rules [Cls1], "go back to work: not fully solved", "продолжить работу: проблема решена не полностью";
    /// Ask the client to confirm.
    RequestConfirmation(RequestConfirmation) = "request_confirmation": [Verified] => AwaitingConfirmation,
        rules [Cls2], "ask the client to confirm", "запросить подтверждение клиента";
    /// Send the repeated request.
    SendConfirmationReminder(SendConfirmationReminder) = "send_confirmation_reminder": [AwaitingConfirmation] => ConfirmationReminded,
        rules [ClsS1], "send the repeated confirmation request", "отправить повторный запрос";
    /// The client confirmed.
    RecordConfirmation(RecordConfirmation) = "record_confirmation": [AwaitingConfirmation, ConfirmationReminded] => Confirmed,
        rules [Cls2, ClsR2], "record the client's confirmation", "зафиксировать подтверждение клиента";
    /// The client says it is not solved.
    RecordNotSolved(RecordNotSolved) = "record_not_solved": [AwaitingConfirmation, ConfirmationReminded, Confirmed] => InWork,
        rules [Cls2, ClsS1], "the client says it is not solved: back to work", "клиент сообщает, что проблема не решена";
    /// Send the final notification.
    SendFinalNotification(SendFinalNotification) = "send_final_notification": [Confirmed, ConfirmationReminded] => same,
        rules [Cls6, ClsTplN], "send the final notification", "отправить финальное уведомление";
    /// Close after confirmation.
    Close(Close) = "close": [Confirmed] => Closed,
        rules [Cls7, ClsR1, ClsR2, ClsR3, ClsR4, Cls3, Cls4, Cls5, Cls6, ClsS2, Rep6, Rep2, Rep3, Rep4, Rep5, Rep7, RepErr], "close the ticket", "закрыть обращение";
    /// Close with a mark after the wait.
    CloseWithoutConfirmation(CloseWithoutConfirmation) = "close_without_confirmation": [ConfirmationReminded] => Closed,
        rules [Cls7, ClsS1, ClsR1, ClsR3, ClsR4, Cls3, Cls4, Cls5, Cls6, ClsS2, Rep6, Rep2, Rep3, Rep4, Rep5, Rep7, RepErr], "close with a mark: no confirmation after the wait", "закрыть с пометкой: подтверждение не получено";
    /// Reopen a closed ticket.
    Reopen(Reopen) = "reopen": [Closed] => InWork,
        rules [ClsS3], "reopen: closed by mistake or not solved", "открыть заново: закрыто по ошибке";
}

impl fmt::Display for CommandKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CommandKind {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        by_name(CommandKind::ALL, CommandKind::as_str, "command", s)
    }
}

/// The Mermaid state diagram of the closure process, generated from [`TRANSITIONS`].
///
/// Commands that keep the status (recording messages, documentation…) are
/// listed in a note rather than drawn as loops on every state. The committed
/// `docs/closure.mmd` is this text; a test keeps them equal.
///
/// ```
/// let diagram = ticketry::closure::mermaid_diagram();
/// assert!(diagram.starts_with("stateDiagram-v2"));
/// assert!(diagram.contains("confirmed --> closed : close"));
/// ```
pub fn mermaid_diagram() -> String {
    let mut out = String::from("stateDiagram-v2\n");
    for status in Status::ALL {
        out.push_str(&format!(
            "    {} : {}\n",
            status.as_str(),
            status.label_en()
        ));
    }
    let mut records = Vec::new();
    for def in TRANSITIONS {
        let rules: Vec<&str> = def.rules.iter().map(|r| r.as_str()).collect();
        let rules = if rules.is_empty() {
            String::new()
        } else {
            format!(" ({})", rules.join(", "))
        };
        match def.to {
            Target::Same => records.push(format!("{}{}", def.command.as_str(), rules)),
            Target::Status(to) if def.from.is_empty() => {
                out.push_str(&format!(
                    "    [*] --> {} : {}\n",
                    to.as_str(),
                    def.command.as_str()
                ));
            }
            Target::Status(to) => {
                for from in def.from {
                    out.push_str(&format!(
                        "    {} --> {} : {}{}\n",
                        from.as_str(),
                        to.as_str(),
                        def.command.as_str(),
                        rules
                    ));
                }
            }
        }
    }
    out.push_str("    closed --> [*]\n");
    out.push_str("    note right of in_work\n");
    out.push_str("        Status kept, allowed where listed in TRANSITIONS:\n");
    for r in records {
        out.push_str(&format!("        {r}\n"));
    }
    out.push_str("    end note\n");
    out
}

impl Command {
    /// Reads a command from JSON, naming the field at fault when it is malformed.
    ///
    /// A missing or unknown `"type"` is reported on the field `type`, with the
    /// known commands listed; a field of the wrong shape by its path.
    ///
    /// ```
    /// use ticketry::closure::{Command, CommandKind};
    /// let cmd = Command::from_json(r#"{"type": "log_work", "minutes": 30}"#)?;
    /// assert_eq!(cmd.kind(), CommandKind::LogWork);
    ///
    /// let err = Command::from_json(r#"{"type": "log_work", "minutes": "сорок"}"#).unwrap_err();
    /// assert_eq!(err.code(), "invalid_input");
    /// assert!(err.to_string().starts_with("invalid input in `minutes`"));
    ///
    /// let err = Command::from_json(r#"{"type": "close_quickly"}"#).unwrap_err();
    /// assert!(err.to_string().starts_with("invalid input in `type`: unknown command `close_quickly`"));
    /// # Ok::<(), ticketry::ApplyError>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Command, crate::ApplyError> {
        let value: serde_json::Value = serde_json::from_str(json)
            .map_err(|e| crate::ApplyError::invalid("", format!("not valid JSON: {e}")))?;
        Command::from_value(value)
    }

    /// Reads a command from a JSON value; see [`Command::from_json`].
    ///
    /// ```
    /// let value = serde_json::json!({"type": "record_question", "text": "Когда?"});
    /// let cmd = ticketry::closure::Command::from_value(value)?;
    /// assert_eq!(cmd.kind().as_str(), "record_question");
    /// # Ok::<(), ticketry::ApplyError>(())
    /// ```
    pub fn from_value(value: serde_json::Value) -> Result<Command, crate::ApplyError> {
        let known = || {
            CommandKind::ALL
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let Some(object) = value.as_object() else {
            return Err(crate::ApplyError::invalid(
                "",
                "a command must be a JSON object with a `type`",
            ));
        };
        match object.get("type").map(|t| t.as_str()) {
            None => {
                return Err(crate::ApplyError::invalid(
                    "type",
                    format!("missing; one of: {}", known()),
                ))
            }
            Some(None) => return Err(crate::ApplyError::invalid("type", "must be a string")),
            Some(Some(name)) if name.parse::<CommandKind>().is_err() => {
                return Err(crate::ApplyError::invalid(
                    "type",
                    format!("unknown command `{name}`; one of: {}", known()),
                ))
            }
            Some(Some(_)) => {}
        }
        let mut object = object.clone();
        let kind = match object
            .remove("type")
            .as_ref()
            .and_then(|t| t.as_str())
            .map(str::parse::<CommandKind>)
        {
            Some(Ok(kind)) => kind,
            _ => return Err(crate::ApplyError::invalid("type", "unknown command")),
        };
        Command::payload_from_value(kind, serde_json::Value::Object(object))
    }
}
