//! `ticketry audit`: what the closing regulation says about every ticket of an export.
//!
//! - **Closed in breach** (CLS-R1 no verification, CLS-R2 no confirmation and
//!   no mark, CLS-R3 / CLS-3 no documentation, CLS-4, CLS-5 no knowledge-base
//!   decision, CLS-6, REP-4 / REP-5 / REP-7 a repeat closed without its cause,
//!   action or prevention…): the export says closed, and the core refused
//!   the close when the ticket was replayed; the refusal's unmet rules are
//!   the findings, as the core words them.
//! - **Steps refused** on any ticket (a link without a repeat type, REP-3;
//!   documentation with an empty field, CLS-3…).
//! - **Waiting past the deadline** (CLS-S1): open tickets whose confirmation
//!   request, or repeated request, is older than the policy's business-day
//!   wait on the production calendar.
//! - **Ready to close** (CLS-7): open tickets the core would close now
//!   (`Ticket::why_blocked(close)` is empty).

use chrono::{DateTime, Utc};
use serde::Serialize;
use ticketry::closure::{CommandKind, Status, Unmet};
use ticketry::Policy;

use crate::load::Loaded;
use crate::replay::Refusal;

/// The audit of an export.
#[derive(Debug, Clone, Serialize)]
pub struct Audit {
    /// The time the audit judges at.
    pub at: DateTime<Utc>,
    /// How many tickets were audited.
    pub tickets: usize,
    /// Closed tickets whose closing breaks the regulation.
    pub closed_in_breach: Vec<Breach>,
    /// Other steps the core refused.
    pub steps_refused: Vec<StepRefused>,
    /// Open tickets waiting for the client past the deadline.
    pub waiting_past_deadline: Vec<Waiting>,
    /// Open tickets ready to close.
    pub ready_to_close: Vec<Ready>,
}

/// A closed ticket whose closing breaks the regulation.
#[derive(Debug, Clone, Serialize)]
pub struct Breach {
    /// The ticket.
    pub id: String,
    /// The export line.
    pub line: u64,
    /// When it was closed.
    pub closed_at: DateTime<Utc>,
    /// The command the export implies (`close`, or `close_without_confirmation` for a mark).
    pub command: String,
    /// Every unmet rule, as the core gives it.
    pub unmet: Vec<Unmet>,
}

/// A step of a ticket the core refused (other than its close).
#[derive(Debug, Clone, Serialize)]
pub struct StepRefused {
    /// The ticket.
    pub id: String,
    /// The export line.
    pub line: u64,
    /// The refusal.
    #[serde(flatten)]
    pub refusal: Refusal,
}

/// An open ticket waiting for the client's confirmation past the wait (CLS-S1).
#[derive(Debug, Clone, Serialize)]
pub struct Waiting {
    /// The ticket.
    pub id: String,
    /// The ticket's status (`awaiting_confirmation` or `confirmation_reminded`).
    pub status: Status,
    /// When the (repeated) request was sent.
    pub since: DateTime<Utc>,
    /// When the wait ran out.
    pub deadline: DateTime<Utc>,
    /// What to do: `send_confirmation_reminder`, or `close_without_confirmation`.
    pub next: CommandKind,
    /// What still blocks that command, if anything (the core's unmet rules).
    pub blocked_by: Vec<Unmet>,
}

/// An open ticket the core would close now.
#[derive(Debug, Clone, Serialize)]
pub struct Ready {
    /// The ticket.
    pub id: String,
    /// Its status.
    pub status: Status,
}

/// Audits a loaded export at `at`.
pub fn audit(loaded: &Loaded, at: DateTime<Utc>, policy: &Policy) -> Audit {
    let mut out = Audit {
        at,
        tickets: loaded.entries.len(),
        closed_in_breach: Vec::new(),
        steps_refused: Vec::new(),
        waiting_past_deadline: Vec::new(),
        ready_to_close: Vec::new(),
    };
    for entry in &loaded.entries {
        let Some(ticket) = entry.ticket(&loaded.archive) else {
            continue;
        };
        let closing = [
            CommandKind::Close.as_str(),
            CommandKind::CloseWithoutConfirmation.as_str(),
        ];
        // A final notification refused for rules the refused close repeats adds
        // nothing: the close's breach lists them.
        let close_rules: Vec<_> = entry
            .refused
            .iter()
            .filter(|r| closing.contains(&r.command.as_str()))
            .flat_map(|r| r.unmet.iter().map(|u| u.rule))
            .collect();
        for r in &entry.refused {
            if r.command == CommandKind::SendFinalNotification.as_str()
                && !close_rules.is_empty()
                && r.unmet.iter().all(|u| close_rules.contains(&u.rule))
            {
                continue;
            }
            if closing.contains(&r.command.as_str()) {
                out.closed_in_breach.push(Breach {
                    id: entry.id.clone(),
                    line: entry.line,
                    closed_at: r.at,
                    command: r.command.clone(),
                    unmet: r.unmet.clone(),
                });
            } else {
                out.steps_refused.push(StepRefused {
                    id: entry.id.clone(),
                    line: entry.line,
                    refusal: r.clone(),
                });
            }
        }
        if entry.claims_closed(&loaded.archive) {
            continue;
        }
        let state = ticket.state();
        match state.status {
            Status::AwaitingConfirmation => {
                if let Some(req) = &state.closure.confirmation_requested {
                    let deadline = policy.calendar.business_deadline(
                        req.at,
                        policy.confirmation_wait_business_days,
                        policy.time_zone,
                    );
                    if deadline <= at {
                        out.waiting_past_deadline.push(Waiting {
                            id: entry.id.clone(),
                            status: state.status,
                            since: req.at,
                            deadline,
                            next: CommandKind::SendConfirmationReminder,
                            blocked_by: ticket.why_blocked(
                                CommandKind::SendConfirmationReminder,
                                at,
                                policy,
                            ),
                        });
                    }
                }
            }
            Status::ConfirmationReminded => {
                if let (Some(rem), Some(deadline)) = (
                    &state.closure.reminder,
                    ticket.mark_close_possible_from(policy),
                ) {
                    if deadline <= at {
                        out.waiting_past_deadline.push(Waiting {
                            id: entry.id.clone(),
                            status: state.status,
                            since: rem.at,
                            deadline,
                            next: CommandKind::CloseWithoutConfirmation,
                            blocked_by: ticket.why_blocked(
                                CommandKind::CloseWithoutConfirmation,
                                at,
                                policy,
                            ),
                        });
                    }
                }
            }
            _ => {}
        }
        if state.status != Status::Closed
            && ticket
                .why_blocked(CommandKind::Close, at, policy)
                .is_empty()
        {
            out.ready_to_close.push(Ready {
                id: entry.id.clone(),
                status: state.status,
            });
        }
    }
    out
}
