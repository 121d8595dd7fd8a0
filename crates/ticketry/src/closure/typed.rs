//! The typed API: the ticket's status is part of its type.
//!
//! [`TicketIn<S>`] is a ticket known to be in status `S`. Its `apply` accepts
//! only commands the transition table allows from `S`, and returns a ticket
//! typed with the status the command leads to. So a transition the regulation
//! forbids is a compile error:
//!
//! ```compile_fail
//! use ticketry::closure::{typed::TicketIn, Close};
//! # use ticketry::doc_support::{meta_at, new_ticket};
//! let policy = ticketry::Policy::default();
//! let ticket = TicketIn::open(new_ticket("T-1"), meta_at(2025, 3, 3, 9)).unwrap();
//! // Closing a ticket that is still in work does not compile (CLS-R1, CLS-R2):
//! let closed = ticket.apply(Close::new("Решено", "Работает"), meta_at(2025, 3, 3, 10), &policy);
//! ```
//!
//! ```compile_fail
//! use ticketry::closure::{typed::TicketIn, CloseWithoutConfirmation};
//! # use ticketry::doc_support::{meta_at, new_ticket};
//! # let policy = ticketry::Policy::default();
//! let ticket = TicketIn::open(new_ticket("T-1"), meta_at(2025, 3, 3, 9)).unwrap();
//! // Closing "with a mark" needs the repeated request first (CLS-S1):
//! let closed = ticket.apply(CloseWithoutConfirmation::new("a", "b"), meta_at(2025, 3, 3, 10), &policy);
//! ```
//!
//! ```compile_fail
//! use ticketry::closure::{typed::{Closed, TicketIn}, LogMessage};
//! # fn f(closed: TicketIn<Closed>, meta: ticketry::ticket::Meta, policy: &ticketry::Policy) {
//! // A closed ticket takes no records; it must be reopened first (CLS-S3):
//! let t = closed.apply(LogMessage::to_client("ещё одно"), meta, policy);
//! # }
//! ```
//!
//! The rules that depend on data rather than on the status (is the
//! documentation complete, has the wait passed, is every question answered)
//! are still checked when the command runs, and a refusal gives the ticket
//! back unchanged with the reasons:
//!
//! ```
//! use ticketry::closure::typed::{AnyTicket, TicketIn};
//! use ticketry::closure::{Close, LogWork, RecordConfirmation, RequestConfirmation, VerifyResolution};
//! # use ticketry::doc_support::{meta_at, new_ticket};
//! let policy = ticketry::Policy::default();
//! let ticket = TicketIn::open(new_ticket("T-1"), meta_at(2025, 3, 3, 9))?;
//! let ticket = ticket.apply(LogWork::minutes(30, "Диагностика"), meta_at(2025, 3, 3, 10), &policy)?;
//! let ticket = ticket.apply(VerifyResolution::all_checked("Работает"), meta_at(2025, 3, 3, 11), &policy)?;
//! let ticket = ticket.apply(RequestConfirmation::default(), meta_at(2025, 3, 3, 12), &policy)?;
//! let ticket = ticket.apply(RecordConfirmation::with_note("Да"), meta_at(2025, 3, 3, 13), &policy)?;
//! // The type says it is confirmed; closing compiles, but the data is not ready:
//! let rejected = ticket.apply(Close::new("Решено", "Работает"), meta_at(2025, 3, 3, 14), &policy).unwrap_err();
//! assert!(rejected.error.unmet().iter().any(|u| u.rule.as_str() == "CLS-R3"));
//! let ticket = rejected.ticket; // nothing lost
//! assert!(matches!(AnyTicket::from(ticket.into_ticket()), AnyTicket::Confirmed(_)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::marker::PhantomData;

use super::table::{Command, Status};
use crate::error::ApplyError;
use crate::lifecycle::Ticket;
use crate::policy::Policy;
use crate::state::TicketState;
use crate::ticket::{Meta, NewTicket};

mod sealed {
    pub trait Sealed {}
}

/// A status as a type. Implemented by the marker types of this module only.
///
/// ```
/// use ticketry::closure::{typed::{Confirmed, StateMarker}, Status};
/// assert_eq!(Confirmed::STATUS, Status::Confirmed);
/// ```
pub trait StateMarker: sealed::Sealed {
    /// The status the type stands for.
    const STATUS: Status;
}

/// The statuses of an open ticket (every one but [`Closed`]).
///
/// Records (messages, work, documentation…) are accepted in any of them:
///
/// ```
/// use ticketry::closure::{typed::{OpenState, TicketIn}, LogWork};
/// fn log_half_hour<S: OpenState>(t: TicketIn<S>, meta: ticketry::ticket::Meta, policy: &ticketry::Policy) -> TicketIn<S> {
///     match t.apply(LogWork::minutes(30, "Разбор"), meta, policy) {
///         Ok(t) => t,
///         Err(rejected) => rejected.ticket,
///     }
/// }
/// ```
pub trait OpenState: StateMarker {}

macro_rules! markers {
    ($($(#[$doc:meta])* $name:ident, $open:tt;)*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq)]
            pub struct $name;
            impl sealed::Sealed for $name {}
            impl StateMarker for $name {
                const STATUS: Status = Status::$name;
            }
            markers!(@open $name $open);
        )*

        /// A ticket of any status, to `match` on after loading one.
        ///
        /// ```
        /// use ticketry::closure::typed::AnyTicket;
        /// # let ticket = ticketry::doc_support::sample_ticket();
        /// match AnyTicket::from(ticket) {
        ///     AnyTicket::Closed(t) => assert_eq!(t.state().reopens.len(), 0),
        ///     _ => unreachable!(),
        /// }
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum AnyTicket {
            $( $(#[$doc])* $name(TicketIn<$name>), )*
        }

        impl From<Ticket> for AnyTicket {
            fn from(ticket: Ticket) -> AnyTicket {
                match ticket.status() {
                    $( Status::$name => AnyTicket::$name(TicketIn::wrap(ticket)), )*
                }
            }
        }

        impl AnyTicket {
            /// The untyped ticket.
            ///
            /// ```
            /// # let ticket = ticketry::doc_support::sample_ticket();
            /// let any = ticketry::closure::typed::AnyTicket::from(ticket.clone());
            /// assert_eq!(any.into_ticket(), ticket);
            /// ```
            pub fn into_ticket(self) -> Ticket {
                match self { $( AnyTicket::$name(t) => t.into_ticket(), )* }
            }
        }
    };
    (@open $name:ident open) => { impl OpenState for $name {} };
    (@open $name:ident closed) => {};
}

markers! {
    /// In work.
    InWork, open;
    /// Waiting for a product update (CLS-S2).
    AwaitingUpdate, open;
    /// The solution is verified (CLS-1).
    Verified, open;
    /// Confirmation requested (CLS-2).
    AwaitingConfirmation, open;
    /// The repeated request was sent (CLS-S1).
    ConfirmationReminded, open;
    /// The client confirmed (CLS-R2).
    Confirmed, open;
    /// Closed (CLS-7).
    Closed, closed;
}

/// A command payload that the transition table allows from status `S`,
/// leading to `Self::To`. Implemented by the table itself; see
/// [`TRANSITIONS`](super::TRANSITIONS).
///
/// ```
/// use ticketry::closure::{typed::{Closed, Confirmed, Transition}, Close};
/// fn leads_to_closed<T: Transition<Confirmed, To = Closed>>() {}
/// leads_to_closed::<Close>();
/// ```
pub trait Transition<S: StateMarker>: Into<Command> {
    /// The status after the command.
    type To: StateMarker;
}

/// A ticket whose status is `S`.
///
/// ```
/// use ticketry::closure::typed::{InWork, TicketIn};
/// # use ticketry::doc_support::{meta_at, new_ticket};
/// let ticket: TicketIn<InWork> = TicketIn::open(new_ticket("T-1"), meta_at(2025, 3, 3, 9))?;
/// assert_eq!(ticket.state().status, ticketry::closure::Status::InWork);
/// # Ok::<(), ticketry::ApplyError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketIn<S> {
    ticket: Ticket,
    _status: PhantomData<S>,
}

/// A command the ticket refused: the ticket, unchanged, and why.
///
/// ```
/// use ticketry::closure::{typed::TicketIn, VerifyResolution};
/// # use ticketry::doc_support::{meta_at, new_ticket};
/// let t = TicketIn::open(new_ticket("T-1"), meta_at(2025, 3, 3, 9))?;
/// let not_yet = VerifyResolution { system_works: true, all_aspects_solved: false, no_related_problems: true, note: String::new() };
/// let rejected = t.apply(not_yet, meta_at(2025, 3, 3, 10), &ticketry::Policy::default()).unwrap_err();
/// assert_eq!(rejected.error.unmet()[0].rule.as_str(), "CLS-1");
/// assert_eq!(rejected.ticket.ticket().version(), 1);
/// # Ok::<(), ticketry::ApplyError>(())
/// ```
pub struct Rejected<S> {
    /// The ticket as it was.
    pub ticket: TicketIn<S>,
    /// Why the command was refused.
    pub error: ApplyError,
}

impl<S> fmt::Debug for Rejected<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rejected")
            .field("ticket", &self.ticket.ticket.id())
            .field("error", &self.error)
            .finish()
    }
}

impl<S> fmt::Display for Rejected<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl<S> std::error::Error for Rejected<S> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl TicketIn<InWork> {
    /// Opens a ticket, in work.
    ///
    /// ```
    /// # use ticketry::doc_support::{meta_at, new_ticket};
    /// let t = ticketry::closure::typed::TicketIn::open(new_ticket("T-2"), meta_at(2025, 3, 3, 9))?;
    /// assert_eq!(t.ticket().version(), 1);
    /// # Ok::<(), ticketry::ApplyError>(())
    /// ```
    pub fn open(new: NewTicket, meta: Meta) -> Result<Self, ApplyError> {
        Ticket::open(new, meta).map(TicketIn::wrap)
    }
}

impl<S> TicketIn<S> {
    fn wrap(ticket: Ticket) -> Self {
        TicketIn {
            ticket,
            _status: PhantomData,
        }
    }

    /// The untyped ticket.
    ///
    /// ```
    /// # use ticketry::doc_support::{meta_at, new_ticket};
    /// let t = ticketry::closure::typed::TicketIn::open(new_ticket("T-2"), meta_at(2025, 3, 3, 9))?;
    /// assert_eq!(t.ticket().id().as_str(), "T-2");
    /// # Ok::<(), ticketry::ApplyError>(())
    /// ```
    pub fn ticket(&self) -> &Ticket {
        &self.ticket
    }

    /// The ticket's state.
    ///
    /// ```
    /// # use ticketry::doc_support::{meta_at, new_ticket};
    /// let t = ticketry::closure::typed::TicketIn::open(new_ticket("T-2"), meta_at(2025, 3, 3, 9))?;
    /// assert!(t.state().messages.is_empty());
    /// # Ok::<(), ticketry::ApplyError>(())
    /// ```
    pub fn state(&self) -> &TicketState {
        self.ticket.state()
    }

    /// Gives up the type and returns the untyped ticket.
    ///
    /// ```
    /// # use ticketry::doc_support::{meta_at, new_ticket};
    /// let t = ticketry::closure::typed::TicketIn::open(new_ticket("T-2"), meta_at(2025, 3, 3, 9))?;
    /// let ticket: ticketry::Ticket = t.into_ticket();
    /// # Ok::<(), ticketry::ApplyError>(())
    /// ```
    pub fn into_ticket(self) -> Ticket {
        self.ticket
    }
}

impl<S: StateMarker> TicketIn<S> {
    /// Applies a command the table allows from `S`; see the [module docs](self).
    ///
    /// ```
    /// use ticketry::closure::{typed::{TicketIn, Verified}, VerifyResolution};
    /// # use ticketry::doc_support::{meta_at, new_ticket};
    /// # let policy = ticketry::Policy::default();
    /// let t = TicketIn::open(new_ticket("T-2"), meta_at(2025, 3, 3, 9))?;
    /// let t: TicketIn<Verified> = t.apply(VerifyResolution::all_checked(""), meta_at(2025, 3, 3, 10), &policy)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply<C: Transition<S>>(
        mut self,
        command: C,
        meta: Meta,
        policy: &Policy,
    ) -> Result<TicketIn<C::To>, Box<Rejected<S>>> {
        match self.ticket.apply(command.into(), meta, policy) {
            Ok(_) => Ok(TicketIn::wrap(self.ticket)),
            Err(error) => Err(Box::new(Rejected {
                ticket: self,
                error,
            })),
        }
    }
}
