//! [`Ticket`]: the dynamic API of the closure process.
//!
//! `apply` a [`Command`] and get an [`Event`] or an [`ApplyError`]; ask `can`,
//! `why_blocked` and `available_commands` before acting. The typed API in
//! [`closure::typed`](crate::closure::typed) wraps this one and consults the
//! same transition table.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::archive::{NoTickets, TicketDirectory};
use crate::closure::guards::{check_input, kind_unmet, payload_unmet, state_unmet};
use crate::closure::{Command, CommandKind, Status, Unmet, UnmetCode};
use crate::error::{ApplyError, LogError};
use crate::event::{Event, EventLog, SCHEMA_VERSION};
use crate::policy::Policy;
use crate::repeat::guards::fill_cause;
use crate::repeat::{
    ActionRecord, AnalysisRecord, CauseRecord, DecisionRecord, InformationRequest,
    PreventionRecord, RepeatWork,
};
use crate::rules::RuleId;
use crate::state::*;
use crate::templates;
use crate::ticket::*;

/// A ticket: its state and the events it is the fold of.
///
/// The only ways to get one are [`Ticket::open`] and replaying a log
/// ([`Ticket::from_events`], [`Ticket::from_json`]); the only way to change one
/// is [`Ticket::apply`]. So every ticket went through the regulation's
/// transitions, and its history says who did what and when.
///
/// ```
/// use ticketry::closure::{Close, CommandKind, LogMessage, Status};
/// use ticketry::{Policy, Ticket};
/// # use ticketry::doc_support::{meta_at, new_ticket};
/// let policy = Policy::default();
/// let mut ticket = Ticket::open(new_ticket("T-1"), meta_at(2025, 3, 3, 9))?;
/// ticket.apply(LogMessage::to_client("Проверяем контроллер").into(), meta_at(2025, 3, 3, 10), &policy)?;
/// assert_eq!(ticket.status(), Status::InWork);
/// assert_eq!(ticket.version(), 2);
///
/// // Closing now is refused, and the refusal lists every unmet rule.
/// let unmet = ticket.why_blocked(CommandKind::Close, meta_at(2025, 3, 3, 10).at, &policy);
/// let rules: Vec<&str> = unmet.iter().map(|u| u.rule.as_str()).collect();
/// assert!(rules.contains(&"CLS-R1") && rules.contains(&"CLS-R2") && rules.contains(&"CLS-R3"));
/// assert!(!ticket.can(&Close::new("Решено", "Работает").into(), &meta_at(2025, 3, 3, 11), &policy));
/// # Ok::<(), ticketry::ApplyError>(())
/// ```
///
/// With serde, a ticket is its [`EventLog`]: serialising writes the log, and
/// deserialising replays it with every check of [`Ticket::from_log`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(into = "EventLog", try_from = "EventLog")]
pub struct Ticket {
    state: TicketState,
    history: Vec<Event>,
}

impl From<Ticket> for EventLog {
    fn from(ticket: Ticket) -> EventLog {
        EventLog {
            schema_version: SCHEMA_VERSION,
            events: ticket.history,
        }
    }
}

impl TryFrom<EventLog> for Ticket {
    type Error = LogError;
    fn try_from(log: EventLog) -> Result<Ticket, LogError> {
        Ticket::from_log(log)
    }
}

/// Whether a command is possible now, and if not, why.
///
/// ```
/// use ticketry::closure::CommandKind;
/// # let ticket = ticketry::doc_support::fresh_ticket();
/// # let policy = ticketry::Policy::default();
/// let list = ticket.available_commands(ticket.state().updated_at, &policy);
/// let verify = list.iter().find(|a| a.command == CommandKind::VerifyResolution).unwrap();
/// assert!(verify.allowed);
/// assert!(list.iter().all(|a| a.command != CommandKind::Close));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Availability {
    /// The command.
    pub command: CommandKind,
    /// Whether it is possible now (its payload may still be refused).
    pub allowed: bool,
    /// Why not, when it is not.
    pub unmet: Vec<Unmet>,
}

fn fail_open(field: &str, message: &str) -> ApplyError {
    ApplyError::invalid(field, message)
}

fn initial_state(new: &NewTicket, meta: &Meta) -> TicketState {
    TicketState {
        id: new.id.clone(),
        client_id: new.client_id.clone(),
        contact_name: new.contact_name.trim().to_owned(),
        product: new.product.trim().to_owned(),
        subject: new.subject.trim().to_owned(),
        description: new.description.clone(),
        priority: new.priority,
        created_at: meta.at,
        created_by: meta.actor.id.clone(),
        status: Status::InWork,
        version: 1,
        updated_at: meta.at,
        messages: Vec::new(),
        diagnostics: Vec::new(),
        work_log: Vec::new(),
        questions: Vec::new(),
        links: Vec::new(),
        product_updates: Vec::new(),
        returns_to_work: Vec::new(),
        closure: ClosureProgress::default(),
        closing: None,
        reopens: Vec::new(),
        repeat: RepeatWork::default(),
    }
}

fn check_new(new: &NewTicket, meta: &Meta) -> Result<(), ApplyError> {
    if meta.actor.id.trim().is_empty() {
        return Err(fail_open("actor.id", "must not be empty"));
    }
    if new.subject.trim().is_empty() {
        return Err(fail_open("subject", "a ticket needs a subject"));
    }
    if new.description.trim().is_empty() {
        return Err(fail_open(
            "description",
            "a ticket needs the client's description of the problem",
        ));
    }
    Ok(())
}

fn message(
    state: &mut TicketState,
    meta: &Meta,
    direction: Direction,
    kind: MessageKind,
    text: &str,
) {
    state.messages.push(Message {
        at: meta.at,
        by: meta.actor.id.clone(),
        direction,
        kind,
        text: text.to_owned(),
        channel: None,
    });
}

fn step(meta: &Meta, note: &str) -> Option<StepRecord> {
    Some(StepRecord {
        at: meta.at,
        by: meta.actor.id.clone(),
        note: note.to_owned(),
    })
}

/// A closure step that sends a message to the client: the message goes into
/// the communication log, and the step's record is returned.
fn sent(
    state: &mut TicketState,
    meta: &Meta,
    kind: MessageKind,
    text: Option<&str>,
) -> Option<StepRecord> {
    message(
        state,
        meta,
        Direction::ToClient,
        kind,
        text.unwrap_or_default(),
    );
    step(meta, "")
}

/// Back to `in_work`: the closure steps of this round are void.
fn return_to_work(state: &mut TicketState, meta: &Meta, source: ReturnSource, reason: &str) {
    state.returns_to_work.push(ReturnToWork {
        at: meta.at,
        by: meta.actor.id.clone(),
        from: state.status,
        source,
        reason: reason.to_owned(),
    });
    let c = &mut state.closure;
    c.verification = None;
    c.confirmation_requested = None;
    c.reminder = None;
    c.confirmation = None;
    c.completeness = None;
    c.final_notification = None;
    if let Some(doc) = c.documentation.as_mut() {
        doc.stale = true;
    }
}

/// Applies a validated event. Infallible: everything it relies on was checked.
fn fold(state: &mut TicketState, event: &Event) {
    let meta = event.meta();
    let by = meta.actor.id.clone();
    let at = meta.at;
    let next_status = event.command.kind().definition().target_from(state.status);
    match &event.command {
        Command::Open(_) => {}
        Command::LogMessage(m) => state.messages.push(Message {
            at,
            by,
            direction: m.direction,
            kind: MessageKind::Regular,
            text: m.text.clone(),
            channel: m.channel.clone(),
        }),
        Command::AddDiagnostic(d) => state.diagnostics.push(DiagnosticEntry {
            at,
            by,
            summary: d.summary.clone(),
            details: d.details.clone(),
        }),
        Command::LogWork(w) => state.work_log.push(WorkEntry {
            at,
            by,
            minutes: w.minutes,
            note: w.note.clone(),
        }),
        Command::RecordQuestion(q) => {
            let id = u32::try_from(state.questions.len())
                .unwrap_or(u32::MAX)
                .saturating_add(1);
            state.questions.push(ClientQuestion {
                id,
                asked_at: at,
                text: q.text.clone(),
                answer: None,
            });
        }
        Command::AnswerQuestion(a) => {
            if let Some(q) = state.questions.iter_mut().find(|q| q.id == a.question_id) {
                q.answer = Some(Answer {
                    at,
                    by,
                    text: a.answer.clone(),
                });
            }
        }
        Command::LinkTicket(l) => {
            let mut cause = l.cause;
            fill_cause(&mut cause, state.repeat.determined_cause());
            state.links.push(TicketLink {
                target: l.target.clone(),
                kind: l.kind,
                comment: l.comment.clone(),
                repeat_type: l.repeat_type,
                cause,
                target_opened_at: l.target_opened_at.unwrap_or(at),
                at,
                by,
            })
        }
        Command::RemoveLink(r) => state
            .links
            .retain(|l| !(l.target == r.target && l.kind == r.kind)),
        Command::RecordRepeatDecision(d) => {
            state.repeat.decision = Some(DecisionRecord {
                at,
                by,
                decision: d.decision,
                checked: d.checked.clone(),
                reason: d.reason.clone(),
            })
        }
        Command::RecordRepeatAnalysis(a) => {
            let mut cause = a.cause;
            fill_cause(&mut cause, state.repeat.determined_cause());
            let record = AnalysisRecord {
                at,
                by,
                earlier: a.earlier.clone(),
                problem_description: a.problem_description.clone(),
                applied_solution: a.applied_solution.clone(),
                result: a.result.clone(),
                time_to_resolve_minutes: a.time_to_resolve_minutes,
                cause,
                notes: a.notes.clone(),
            };
            let analyses = &mut state.repeat.analyses;
            match analyses.iter_mut().find(|x| x.earlier == a.earlier) {
                Some(existing) => *existing = record,
                None => analyses.push(record),
            }
        }
        Command::RequestRepeatInformation(r) => {
            message(
                state,
                &meta,
                Direction::ToClient,
                MessageKind::InformationRequest,
                &r.question,
            );
            state.repeat.information_requests.push(InformationRequest {
                at,
                by,
                question: r.question.clone(),
            });
        }
        Command::DetermineCause(c) => {
            state.repeat.cause = Some(CauseRecord {
                at,
                by,
                cause: c.cause,
                explanation: c.explanation.clone(),
            });
            for link in state
                .links
                .iter_mut()
                .filter(|l| l.kind == LinkKind::RepeatOf)
            {
                fill_cause(&mut link.cause, c.cause);
            }
            for analysis in &mut state.repeat.analyses {
                fill_cause(&mut analysis.cause, c.cause);
            }
        }
        Command::ApplyRepeatSolution(a) => state.repeat.actions.push(ActionRecord {
            at,
            by,
            action: a.action,
            description: a.description.clone(),
            conditions_change: a.conditions_change.clone(),
        }),
        Command::GivePreventionRecommendations(p) => {
            state.repeat.prevention = Some(PreventionRecord {
                at,
                by,
                how_to_avoid: p.how_to_avoid.clone(),
                if_it_recurs: p.if_it_recurs.clone(),
                additional: p.additional.clone(),
                understood: None,
            })
        }
        Command::ConfirmRecommendationsUnderstood(c) => {
            if let Some(p) = state.repeat.prevention.as_mut() {
                p.understood = step(&meta, &c.note);
            }
        }
        Command::RecordDocumentation(doc) => {
            state.closure.documentation = Some(DocumentationRecord {
                at,
                by,
                documentation: doc.clone(),
                stale: false,
            })
        }
        Command::CheckCompleteness(c) => {
            state.closure.completeness = Some(CompletenessRecord {
                at,
                by,
                diagnostics_apply: c.diagnostics_apply,
            })
        }
        Command::RecordKnowledgeBaseDecision(d) => {
            state.closure.knowledge_base = Some(KnowledgeBaseRecord {
                at,
                by,
                decision: d.decision.clone(),
            })
        }
        Command::RequireProductUpdate(u) => {
            state.product_updates.push(ProductUpdate {
                requested_at: at,
                update: u.update.clone(),
                instructions: u.instructions.clone(),
                confirmed: None,
            });
            message(
                state,
                &meta,
                Direction::ToClient,
                MessageKind::UpdateInstructions,
                &u.instructions,
            );
        }
        Command::ConfirmProductUpdate(c) => {
            if let Some(u) = state
                .product_updates
                .iter_mut()
                .rev()
                .find(|u| u.confirmed.is_none())
            {
                u.confirmed = step(&meta, &c.note);
            }
        }
        Command::VerifyResolution(v) => state.closure.verification = step(&meta, &v.note),
        Command::ResumeWork(r) => return_to_work(state, &meta, ReturnSource::Specialist, &r.reason),
        Command::RequestConfirmation(r) => {
            state.closure.confirmation_requested = sent(
                state,
                &meta,
                MessageKind::ConfirmationRequest,
                r.message.as_deref(),
            )
        }
        Command::SendConfirmationReminder(r) => {
            state.closure.reminder = sent(
                state,
                &meta,
                MessageKind::ConfirmationReminder,
                r.message.as_deref(),
            )
        }
        Command::RecordConfirmation(c) => {
            state.closure.confirmation = step(&meta, &c.note);
            if !c.note.trim().is_empty() {
                message(
                    state,
                    &meta,
                    Direction::FromClient,
                    MessageKind::Confirmation,
                    &c.note,
                );
            }
            for text in &c.further_questions {
                let id = u32::try_from(state.questions.len())
                    .unwrap_or(u32::MAX)
                    .saturating_add(1);
                state.questions.push(ClientQuestion {
                    id,
                    asked_at: at,
                    text: text.clone(),
                    answer: None,
                });
            }
        }
        Command::RecordNotSolved(r) => {
            message(
                state,
                &meta,
                Direction::FromClient,
                MessageKind::NotSolved,
                &r.reason,
            );
            return_to_work(state, &meta, ReturnSource::ClientNotSolved, &r.reason);
        }
        Command::SendFinalNotification(n) => {
            state.closure.final_notification = sent(
                state,
                &meta,
                MessageKind::FinalNotification,
                n.text.as_deref(),
            )
        }
        Command::Close(c) => {
            state.closing = Some(ClosingRecord {
                at,
                by,
                reason: c.reason.clone(),
                result: c.result.clone(),
                without_confirmation: false,
            })
        }
        Command::CloseWithoutConfirmation(c) => {
            state.closing = Some(ClosingRecord {
                at,
                by,
                reason: c.reason.clone(),
                result: c.result.clone(),
                without_confirmation: true,
            })
        }
        Command::Reopen(r) => {
            if let Some(closing) = state.closing.take() {
                state.reopens.push(ReopenRecord {
                    at,
                    by,
                    reason: r.reason.clone(),
                    mistake_cause: r.mistake_cause.clone(),
                    client_notice: r.client_notice.clone(),
                    reported_by_client: r.reported_by_client,
                    undone_closing: closing,
                });
            }
            message(
                state,
                &meta,
                Direction::ToClient,
                MessageKind::ReopenNotice,
                &r.client_notice,
            );
            return_to_work(state, &meta, ReturnSource::Reopen, &r.reason);
        }
    }
    state.status = next_status;
    state.version = event.seq;
    state.updated_at = at;
}

fn template_unmet(err: &templates::TemplateError, rule: RuleId) -> Vec<Unmet> {
    err.missing
        .iter()
        .map(|field| {
            Unmet::new(
                rule,
                UnmetCode::TemplateValueMissing,
                format!(
                    "the {} cannot be rendered: `{field}` is missing",
                    err.template
                ),
                format!("Нельзя сформировать текст по шаблону: не заполнено `{field}`"),
            )
            .at_field(*field)
        })
        .collect()
}

impl Ticket {
    /// Opens a ticket: the first event of its log.
    ///
    /// The subject and the description are required (`InvalidInput` naming
    /// the field otherwise).
    ///
    /// ```
    /// use ticketry::Ticket;
    /// # use ticketry::doc_support::{meta_at, new_ticket};
    /// let ticket = Ticket::open(new_ticket("T-7"), meta_at(2025, 3, 3, 9))?;
    /// assert_eq!(ticket.id().as_str(), "T-7");
    /// assert_eq!(ticket.history().len(), 1);
    ///
    /// let mut empty = new_ticket("T-8");
    /// empty.description = "  ".into();
    /// let err = Ticket::open(empty, meta_at(2025, 3, 3, 9)).unwrap_err();
    /// assert_eq!(err.to_string(), "invalid input in `description`: a ticket needs the client's description of the problem");
    /// # Ok::<(), ticketry::ApplyError>(())
    /// ```
    pub fn open(new: NewTicket, meta: Meta) -> Result<Ticket, ApplyError> {
        check_new(&new, &meta)?;
        let state = initial_state(&new, &meta);
        let event = Event {
            seq: 1,
            at: meta.at,
            actor: meta.actor,
            command: Command::Open(new),
        };
        Ok(Ticket {
            state,
            history: vec![event],
        })
    }

    /// The ticket's current state.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// assert_eq!(ticket.state().contact_name, "Ирина Петрова");
    /// ```
    pub fn state(&self) -> &TicketState {
        &self.state
    }

    /// Every event, oldest first.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// assert_eq!(ticket.history().last().unwrap().command.kind(), ticketry::closure::CommandKind::Close);
    /// ```
    pub fn history(&self) -> &[Event] {
        &self.history
    }

    /// The ticket's identifier.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// assert_eq!(ticket.id().as_str(), "T-10234");
    /// ```
    pub fn id(&self) -> &TicketId {
        &self.state.id
    }

    /// The ticket's status.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// assert_eq!(ticket.status(), ticketry::closure::Status::Closed);
    /// ```
    pub fn status(&self) -> Status {
        self.state.status
    }

    /// The number of events applied: pass it to [`Ticket::apply_expecting`].
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::fresh_ticket();
    /// assert_eq!(ticket.version(), 1);
    /// ```
    pub fn version(&self) -> u64 {
        self.state.version
    }

    /// Checks a command without applying it, and returns it normalised (the
    /// texts it will send filled from templates), or every reason it is refused.
    fn prepare(
        &self,
        mut cmd: Command,
        meta: &Meta,
        policy: &Policy,
        directory: &dyn TicketDirectory,
    ) -> Result<Command, ApplyError> {
        check_input(&self.state, &cmd, meta)?;
        // REP-3: what is known of a linked or analysed ticket comes from the
        // directory, never from the caller.
        match &mut cmd {
            Command::LinkTicket(l) => l.target_opened_at = directory.opened_at(&l.target),
            Command::RecordRepeatAnalysis(a) => {
                a.earlier_opened_at = directory.opened_at(&a.earlier)
            }
            _ => {}
        }
        let kind = cmd.kind();
        let mut unmet = kind_unmet(&self.state, kind, meta.at, Some(policy));
        unmet.extend(payload_unmet(&self.state, &cmd));
        if !unmet.is_empty() {
            return Err(ApplyError::Refused {
                command: kind,
                unmet,
            });
        }
        let refused = |unmet| ApplyError::Refused {
            command: kind,
            unmet,
        };
        Ok(match cmd {
            Command::RequestConfirmation(mut r) if r.message.is_none() => {
                let text = templates::confirmation_request(&self.state, false, policy)
                    .map_err(|e| refused(template_unmet(&e, RuleId::Cls2)))?;
                r.message = Some(text);
                Command::RequestConfirmation(r)
            }
            Command::SendConfirmationReminder(mut r) if r.message.is_none() => {
                let text = templates::confirmation_request(&self.state, true, policy)
                    .map_err(|e| refused(template_unmet(&e, RuleId::ClsS1)))?;
                r.message = Some(text);
                Command::SendConfirmationReminder(r)
            }
            Command::SendFinalNotification(mut n) if n.text.is_none() => {
                let text =
                    templates::final_notification(&self.state, meta.actor.display_name(), policy)
                        .map_err(|e| refused(template_unmet(&e, RuleId::ClsTplN)))?;
                n.text = Some(text);
                Command::SendFinalNotification(n)
            }
            other => other,
        })
    }

    /// Applies a command: checks every rule, records the event, updates the state.
    ///
    /// On refusal nothing changes, and the error lists every unmet rule at once.
    ///
    /// ```
    /// use ticketry::closure::{LogWork, Status, VerifyResolution};
    /// # use ticketry::doc_support::meta_at;
    /// # let mut ticket = ticketry::doc_support::fresh_ticket();
    /// let policy = ticketry::Policy::default();
    /// let event = ticket.apply(LogWork::minutes(20, "Перезапуск службы").into(), meta_at(2025, 3, 3, 11), &policy)?;
    /// assert_eq!(event.seq, 2);
    /// ticket.apply(VerifyResolution::all_checked("Проход работает").into(), meta_at(2025, 3, 3, 12), &policy)?;
    /// assert_eq!(ticket.status(), Status::Verified);
    /// # Ok::<(), ticketry::ApplyError>(())
    /// ```
    ///
    /// A ticket on its own knows no other tickets, so a link
    /// (`link_ticket`) or an analysis of an earlier ticket is refused here as
    /// `unknown_ticket`: apply those through an [`Archive`](crate::archive::Archive)
    /// or with [`Ticket::apply_in`] and a directory of known tickets.
    pub fn apply(
        &mut self,
        cmd: Command,
        meta: Meta,
        policy: &Policy,
    ) -> Result<&Event, ApplyError> {
        self.apply_in(cmd, meta, policy, &NoTickets)
    }

    /// Applies a command, looking up the tickets it links to or analyses in
    /// `directory` (REP-3: the target must be known and opened before this
    /// ticket). Otherwise as [`Ticket::apply`].
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use ticketry::closure::LinkTicket;
    /// use ticketry::ticket::TicketId;
    /// # use ticketry::doc_support::meta_at;
    /// # let mut ticket = ticketry::doc_support::fresh_ticket();
    /// let policy = ticketry::Policy::default();
    /// // What the caller's own store knows: ticket ids and when they were opened.
    /// let known: HashMap<TicketId, _> = [(TicketId::new("T-1")?, meta_at(2025, 2, 1, 9).at)].into();
    /// let link = LinkTicket::related(TicketId::new("T-1")?, "тот же объект");
    /// ticket.apply_in(link.clone().into(), meta_at(2025, 3, 3, 10), &policy, &known)?;
    /// assert_eq!(ticket.state().links.len(), 1);
    ///
    /// // Unknown to the directory: refused.
    /// let err = ticket.apply_in(LinkTicket::related(TicketId::new("T-2")?, "x").into(), meta_at(2025, 3, 3, 10), &policy, &known).unwrap_err();
    /// assert_eq!(err.unmet()[0].code.as_str(), "unknown_ticket");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_in(
        &mut self,
        cmd: Command,
        meta: Meta,
        policy: &Policy,
        directory: &dyn TicketDirectory,
    ) -> Result<&Event, ApplyError> {
        let command = self.prepare(cmd, &meta, policy, directory)?;
        let event = Event {
            seq: self.state.version + 1,
            at: meta.at,
            actor: meta.actor,
            command,
        };
        fold(&mut self.state, &event);
        self.history.push(event);
        self.history.last().ok_or(ApplyError::AlreadyOpened)
    }

    /// Applies a command only if the ticket is still at `expected_version`:
    /// two people working on one ticket never overwrite each other.
    ///
    /// ```
    /// use ticketry::closure::LogWork;
    /// use ticketry::ApplyError;
    /// # use ticketry::doc_support::meta_at;
    /// # let mut ticket = ticketry::doc_support::fresh_ticket();
    /// # let policy = ticketry::Policy::default();
    /// let seen = ticket.version();
    /// ticket.apply_expecting(seen, LogWork::minutes(5, "").into(), meta_at(2025, 3, 3, 10), &policy)?;
    /// // A second writer who also read `seen` is stopped.
    /// let err = ticket.apply_expecting(seen, LogWork::minutes(7, "").into(), meta_at(2025, 3, 3, 10), &policy).unwrap_err();
    /// assert_eq!(err, ApplyError::VersionConflict { expected: 1, actual: 2 });
    /// # Ok::<(), ApplyError>(())
    /// ```
    pub fn apply_expecting(
        &mut self,
        expected_version: u64,
        cmd: Command,
        meta: Meta,
        policy: &Policy,
    ) -> Result<&Event, ApplyError> {
        if expected_version != self.state.version {
            return Err(ApplyError::VersionConflict {
                expected: expected_version,
                actual: self.state.version,
            });
        }
        self.apply(cmd, meta, policy)
    }

    /// Checks a command as [`Ticket::apply`] would, without applying it.
    ///
    /// ```
    /// use ticketry::closure::AnswerQuestion;
    /// # use ticketry::doc_support::meta_at;
    /// # let ticket = ticketry::doc_support::fresh_ticket();
    /// let err = ticket.check(&AnswerQuestion::new(3, "Да").into(), &meta_at(2025, 3, 3, 10), &ticketry::Policy::default()).unwrap_err();
    /// assert_eq!(err.code(), "invalid_input");
    /// ```
    pub fn check(&self, cmd: &Command, meta: &Meta, policy: &Policy) -> Result<(), ApplyError> {
        self.check_in(cmd, meta, policy, &NoTickets)
    }

    /// Checks a command as [`Ticket::apply_in`] would, without applying it.
    ///
    /// ```
    /// use ticketry::closure::LinkTicket;
    /// use ticketry::ticket::TicketId;
    /// # use ticketry::doc_support::meta_at;
    /// # let ticket = ticketry::doc_support::fresh_ticket();
    /// let later: std::collections::HashMap<TicketId, _> = [(TicketId::new("T-99")?, meta_at(2025, 4, 1, 9).at)].into();
    /// let err = ticket.check_in(&LinkTicket::related(TicketId::new("T-99")?, "x").into(), &meta_at(2025, 3, 3, 10), &ticketry::Policy::default(), &later).unwrap_err();
    /// assert_eq!(err.unmet()[0].code.as_str(), "later_ticket");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_in(
        &self,
        cmd: &Command,
        meta: &Meta,
        policy: &Policy,
        directory: &dyn TicketDirectory,
    ) -> Result<(), ApplyError> {
        self.prepare(cmd.clone(), meta, policy, directory)
            .map(|_| ())
    }

    /// Whether [`Ticket::apply`] would accept the command.
    ///
    /// ```
    /// use ticketry::closure::Reopen;
    /// # use ticketry::doc_support::meta_at;
    /// # let ticket = ticketry::doc_support::fresh_ticket();
    /// let reopen = Reopen { reason: "x".into(), mistake_cause: "y".into(), client_notice: "z".into(), reported_by_client: false };
    /// assert!(!ticket.can(&reopen.into(), &meta_at(2025, 3, 3, 10), &ticketry::Policy::default()));
    /// ```
    pub fn can(&self, cmd: &Command, meta: &Meta, policy: &Policy) -> bool {
        self.check(cmd, meta, policy).is_ok()
    }

    /// Whether a kind of command is possible at `at`, whatever its payload
    /// (a payload may still be refused for its own content).
    ///
    /// ```
    /// use ticketry::closure::CommandKind;
    /// # let ticket = ticketry::doc_support::fresh_ticket();
    /// # let policy = ticketry::Policy::default();
    /// assert!(ticket.can_kind(CommandKind::VerifyResolution, ticket.state().updated_at, &policy));
    /// assert!(!ticket.can_kind(CommandKind::Close, ticket.state().updated_at, &policy));
    /// ```
    pub fn can_kind(&self, kind: CommandKind, at: DateTime<Utc>, policy: &Policy) -> bool {
        self.why_blocked(kind, at, policy).is_empty()
    }

    /// Why a kind of command is not possible at `at`: every unmet rule
    /// (empty when it is possible). For `close`, this is the full readiness list.
    ///
    /// ```
    /// use ticketry::closure::{CommandKind, UnmetCode};
    /// # let ticket = ticketry::doc_support::fresh_ticket();
    /// # let policy = ticketry::Policy::default();
    /// let unmet = ticket.why_blocked(CommandKind::Close, ticket.state().updated_at, &policy);
    /// let codes: Vec<UnmetCode> = unmet.iter().map(|u| u.code).collect();
    /// assert_eq!(codes, [
    ///     UnmetCode::NotAllowedInState, UnmetCode::NotVerified, UnmetCode::NotConfirmed,
    ///     UnmetCode::NotDocumented, UnmetCode::CompletenessNotChecked,
    ///     UnmetCode::KnowledgeBaseDecisionMissing, UnmetCode::FinalNotificationNotSent,
    /// ]);
    /// ```
    pub fn why_blocked(&self, kind: CommandKind, at: DateTime<Utc>, policy: &Policy) -> Vec<Unmet> {
        if kind == CommandKind::Open {
            return state_unmet(self.state.status, kind).into_iter().collect();
        }
        kind_unmet(&self.state, kind, at, Some(policy))
    }

    /// When closing "with a mark" becomes possible (CLS-S1): the policy's
    /// business-day wait after the repeated confirmation request, or `None`
    /// while no reminder was sent in this round.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// // The sample ticket was confirmed without a reminder.
    /// assert_eq!(ticket.mark_close_possible_from(&ticketry::Policy::default()), None);
    /// ```
    pub fn mark_close_possible_from(&self, policy: &Policy) -> Option<DateTime<Utc>> {
        let reminder = self.state.closure.reminder.as_ref()?;
        Some(policy.calendar.business_deadline(
            reminder.at,
            policy.confirmation_wait_business_days,
            policy.time_zone,
        ))
    }

    /// The commands the ticket's status allows, each with whether it is
    /// possible at `at` and, if not, why.
    ///
    /// ```
    /// use ticketry::closure::CommandKind;
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// # let policy = ticketry::Policy::default();
    /// let list = ticket.available_commands(ticket.state().updated_at, &policy);
    /// // A closed ticket can only be reopened.
    /// assert_eq!(list.len(), 1);
    /// assert_eq!(list[0].command, CommandKind::Reopen);
    /// ```
    pub fn available_commands(&self, at: DateTime<Utc>, policy: &Policy) -> Vec<Availability> {
        CommandKind::ALL
            .iter()
            .filter(|k| k.definition().allowed_in(self.state.status))
            .map(|&command| {
                let unmet = self.why_blocked(command, at, policy);
                Availability {
                    command,
                    allowed: unmet.is_empty(),
                    unmet,
                }
            })
            .collect()
    }

    /// Rebuilds a ticket from its events (the first must be `open`).
    ///
    /// Events are facts: the rules that depend on the policy (the CLS-S1 wait,
    /// the policy's range) are not re-judged, so a log stays valid when the
    /// policy changes. Every other rule is checked again: each event must be a
    /// transition the table allows from the state before it, meet the
    /// readiness rules of closing and its payload's rules, hold well-formed
    /// data, consecutive sequence numbers and times that do not go back.
    /// Nothing is returned unless every event is valid.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// let copy = ticketry::Ticket::from_events(ticket.history().to_vec())?;
    /// assert_eq!(copy.state(), ticket.state());
    ///
    /// let mut broken = ticket.history().to_vec();
    /// broken.remove(3);
    /// let err = ticketry::Ticket::from_events(broken).unwrap_err();
    /// assert_eq!(err.code(), "invalid_event");
    /// # Ok::<(), ticketry::LogError>(())
    /// ```
    pub fn from_events(events: Vec<Event>) -> Result<Ticket, LogError> {
        let mut iter = events.into_iter().enumerate();
        let Some((_, first)) = iter.next() else {
            return Err(LogError::Empty);
        };
        let invalid = |index: usize, seq: u64, error: ApplyError| LogError::InvalidEvent {
            index,
            seq,
            error,
        };
        let Command::Open(new) = &first.command else {
            return Err(invalid(
                0,
                first.seq,
                ApplyError::invalid("command", "the first event of a log must be `open`"),
            ));
        };
        if first.seq != 1 {
            return Err(invalid(
                0,
                first.seq,
                ApplyError::invalid("seq", "the first event must have seq 1"),
            ));
        }
        let meta = first.meta();
        check_new(new, &meta).map_err(|e| invalid(0, first.seq, e))?;
        let mut ticket = Ticket {
            state: initial_state(new, &meta),
            history: vec![first],
        };
        for (index, event) in iter {
            let expected = ticket.state.version + 1;
            if event.seq != expected {
                return Err(invalid(
                    index,
                    event.seq,
                    ApplyError::invalid(
                        "seq",
                        format!("expected seq {expected}, found {}", event.seq),
                    ),
                ));
            }
            let meta = event.meta();
            check_input(&ticket.state, &event.command, &meta)
                .map_err(|e| invalid(index, event.seq, e))?;
            // Every rule that does not depend on the policy is checked again:
            // the table, the readiness rules, the payload's required texts.
            let kind = event.command.kind();
            let mut unmet = kind_unmet(&ticket.state, kind, event.at, None);
            unmet.extend(payload_unmet(&ticket.state, &event.command));
            if !unmet.is_empty() {
                return Err(invalid(
                    index,
                    event.seq,
                    ApplyError::Refused {
                        command: kind,
                        unmet,
                    },
                ));
            }
            // A stored event holds the text that was sent, never an empty slot.
            let unsent = match &event.command {
                Command::RequestConfirmation(r) => r.message.is_none().then_some("message"),
                Command::SendConfirmationReminder(r) => r.message.is_none().then_some("message"),
                Command::SendFinalNotification(n) => n.text.is_none().then_some("text"),
                _ => None,
            };
            if let Some(field) = unsent {
                let error =
                    ApplyError::invalid(field, "a stored event must hold the text that was sent");
                return Err(invalid(index, event.seq, error));
            }
            fold(&mut ticket.state, &event);
            ticket.history.push(event);
        }
        Ok(ticket)
    }

    /// The ticket's event log, ready to serialise.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// assert_eq!(ticket.to_log().schema_version, ticketry::event::SCHEMA_VERSION);
    /// ```
    pub fn to_log(&self) -> EventLog {
        EventLog {
            schema_version: SCHEMA_VERSION,
            events: self.history.clone(),
        }
    }

    /// Rebuilds a ticket from an [`EventLog`], checking its schema version.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::sample_ticket();
    /// let copy = ticketry::Ticket::from_log(ticket.to_log())?;
    /// assert_eq!(copy, ticket);
    /// # Ok::<(), ticketry::LogError>(())
    /// ```
    pub fn from_log(log: EventLog) -> Result<Ticket, LogError> {
        if log.schema_version != SCHEMA_VERSION {
            return Err(LogError::UnsupportedSchemaVersion {
                found: log.schema_version,
                supported: SCHEMA_VERSION,
            });
        }
        Ticket::from_events(log.events)
    }

    /// The ticket's event log as JSON: `{"schema_version": 1, "events": [...]}`.
    ///
    /// ```
    /// # let ticket = ticketry::doc_support::fresh_ticket();
    /// assert!(ticket.to_json().starts_with(r#"{"schema_version":1,"events":[{"seq":1,"#));
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.to_log()).unwrap_or_default()
    }

    /// Reads a ticket from its JSON event log. The schema version is checked
    /// before anything else; a malformed event names its path
    /// (`events[2].command.reason`). Nothing is applied unless all is valid.
    ///
    /// ```
    /// let err = ticketry::Ticket::from_json(r#"{"schema_version": 1, "events": [{"seq": 1}]}"#).unwrap_err();
    /// assert_eq!(err.code(), "malformed_log");
    /// assert!(err.to_string().contains("events[0]"));
    /// ```
    pub fn from_json(json: &str) -> Result<Ticket, LogError> {
        #[derive(serde::Deserialize)]
        struct VersionOnly {
            schema_version: Option<u64>,
        }
        // Fast path: a well-formed log parses straight into events.
        if let Ok(log) = serde_json::from_str::<EventLog>(json) {
            return Ticket::from_log(log);
        }
        // Otherwise find out precisely what is wrong, for the error.
        let malformed = |path: String, message: String| LogError::MalformedLog { path, message };
        let version: VersionOnly =
            serde_json::from_str(json).map_err(|e| malformed(".".into(), e.to_string()))?;
        match version.schema_version {
            None => {
                return Err(malformed(
                    "schema_version".into(),
                    "missing field `schema_version`".into(),
                ))
            }
            Some(v) if v != SCHEMA_VERSION => {
                return Err(LogError::UnsupportedSchemaVersion {
                    found: v,
                    supported: SCHEMA_VERSION,
                })
            }
            Some(_) => {}
        }
        // Events are read with their command as a raw value first, so that a
        // malformed command names its field (`events[2].command.reason`).
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RawEvent {
            seq: u64,
            at: DateTime<Utc>,
            actor: Actor,
            command: serde_json::Value,
        }
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RawLog {
            schema_version: u64,
            events: Vec<RawEvent>,
        }
        let de = &mut serde_json::Deserializer::from_str(json);
        let raw: RawLog = serde_path_to_error::deserialize(de)
            .map_err(|e| malformed(e.path().to_string(), e.into_inner().to_string()))?;
        let mut events = Vec::with_capacity(raw.events.len());
        for (i, e) in raw.events.into_iter().enumerate() {
            let command = Command::from_value(e.command).map_err(|err| match err {
                ApplyError::InvalidInput { field, message } => {
                    let path = if field.is_empty() {
                        format!("events[{i}].command")
                    } else {
                        format!("events[{i}].command.{field}")
                    };
                    malformed(path, message)
                }
                other => malformed(format!("events[{i}].command"), other.to_string()),
            })?;
            events.push(Event {
                seq: e.seq,
                at: e.at,
                actor: e.actor,
                command,
            });
        }
        Ticket::from_log(EventLog {
            schema_version: raw.schema_version,
            events,
        })
    }
}
