//! # ticketry
//!
//! The support regulation of PASS24.online as code: tickets, the closure
//! process as a state machine of typed transitions, repeat tickets and their
//! workflow, an archive of tickets, business days, templates and checklists. Every refusal names the rule of the regulation that blocks
//! it (see [`rules`]) and what is missing, in Russian and English.
//!
//! ```
//! use ticketry::closure::{CommandKind, LogWork, VerifyResolution};
//! use ticketry::ticket::{Actor, ClientId, Meta, NewTicket, Priority, TicketId};
//! use ticketry::{Policy, Ticket};
//! use chrono::{TimeZone, Utc};
//!
//! let policy = Policy::default(); // the regulation's defaults: 2 business days, Moscow, RU calendar
//! let anna = Actor::specialist("anna", "Анна Смирнова");
//! let at = |h| Meta::new(anna.clone(), Utc.with_ymd_and_hms(2025, 3, 3, h, 0, 0).unwrap());
//!
//! let mut ticket = Ticket::open(NewTicket {
//!     id: TicketId::new("T-10234")?,
//!     client_id: ClientId::new("zhk-severny")?,
//!     contact_name: "Ирина Петрова".into(),
//!     product: "PASS24 Шлагбаум".into(),
//!     subject: "Не открывается шлагбаум".into(),
//!     description: "Шлагбаум не реагирует на пропуска жителей".into(),
//!     priority: Priority::High,
//! }, at(9))?;
//! ticket.apply(LogWork::minutes(40, "Перезапуск контроллера").into(), at(10), &policy)?;
//! ticket.apply(VerifyResolution::all_checked("Проезд проверен").into(), at(11), &policy)?;
//!
//! // Not yet: the client has not confirmed, nothing is documented…
//! for unmet in ticket.why_blocked(CommandKind::Close, at(12).at, &policy) {
//!     println!("{} {}: {}", unmet.rule, unmet.code, unmet.message_ru);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod archive;
pub mod calendar;
pub mod checklist;
pub mod closure;
pub mod detection;
pub mod error;
pub mod event;
mod json;
mod lifecycle;
pub mod policy;
pub mod repeat;
pub mod rules;
pub mod state;
pub mod templates;
pub mod ticket;

#[doc(hidden)]
pub mod doc_support;

pub use error::{ApplyError, LogError};
pub use lifecycle::{Availability, Ticket};
pub use policy::Policy;

/// The version of this library.
///
/// ```
/// assert!(!ticketry::VERSION.is_empty());
/// ```
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

// The README's Rust examples are compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
