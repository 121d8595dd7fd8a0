//! The closure process (CLS rules) as a state machine of typed transitions.
//!
//! A ticket moves through these statuses (see [`mermaid_diagram`], generated
//! from the same [`TRANSITIONS`] table the code runs):
//!
//! ```text
//! in_work ──verify_resolution──▶ verified ──request_confirmation──▶ awaiting_confirmation
//!    ▲  │                                                          │            │
//!    │  └─require_product_update─▶ awaiting_update                 │   send_confirmation_reminder
//!    │        (CLS-S2)  ◀─confirm_product_update─┘                 │            ▼
//!    │                                          record_confirmation│   confirmation_reminded
//!    │                                                             ▼            │ (CLS-S1: wait, then)
//!    └── resume_work / record_not_solved / reopen ──────────  confirmed   close_without_confirmation
//!                                                                  │ close      │
//!                                                                  ▼            ▼
//!                                                                 closed ◀──────┘
//! ```
//!
//! Documentation (CLS-3), the completeness check (CLS-4) and the
//! knowledge-base decision (CLS-5) are records that may be made in any order
//! while the ticket is open; the final notification (CLS-6) needs everything
//! else ready; and `close` checks every readiness rule again, refusing with
//! **all** unmet rules at once, each with its rule ID and a message in Russian
//! and English.
//!
//! The same table holds the steps of the repeat workflow (REP rules, see
//! [`repeat`](crate::repeat)): records made while the ticket is open, which a
//! repeat ticket's close requires.
//!
//! Two APIs share the table:
//! - the dynamic one, [`Ticket::apply`](crate::Ticket::apply) with a
//!   [`Command`], plus `can`, `why_blocked` and `available_commands`: for
//!   bindings, UIs and stored commands;
//! - the typed one, [`typed::TicketIn`], where a forbidden transition does not compile.

mod command;
pub(crate) mod guards;
mod table;
pub mod typed;
mod unmet;

pub use command::*;
pub use table::{
    mermaid_diagram, Command, CommandKind, Status, Target, TransitionDef, UnknownName, TRANSITIONS,
};
pub use unmet::{Unmet, UnmetCode};
