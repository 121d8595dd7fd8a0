//! The archive: many tickets, indexed by id, by client and by link.
//!
//! An [`Archive`] holds [`Ticket`]s and answers the questions of the repeat
//! regulation across the history: the client's earlier tickets (REP-1), the
//! tickets that link to one, the chain of repeats a ticket belongs to, chronic
//! problems (REP-S1) and clients who keep not applying solutions (REP-S2).
//! Commands applied through the archive see every ticket in it, so a link to
//! an unknown or a later ticket is refused (REP-3).
//!
//! Lookups by id and by client are hash-map lookups; the indexes cost a few
//! machine words per ticket and link, so an archive of a million tickets is
//! bounded by the tickets themselves.
//!
//! ```
//! use ticketry::closure::LinkTicket;
//! use ticketry::repeat::{HistoryCheck, RecordRepeatDecision, RepeatType};
//! use ticketry::ticket::TicketId;
//! use ticketry::archive::Archive;
//! # use ticketry::doc_support::{meta_at, new_ticket};
//! let policy = ticketry::Policy::default();
//! let mut archive = Archive::new();
//! archive.open(new_ticket("T-1"), meta_at(2025, 2, 3, 9))?;
//! archive.open(new_ticket("T-2"), meta_at(2025, 3, 3, 9))?;
//! let t2 = TicketId::new("T-2")?;
//! archive.apply(&t2, RecordRepeatDecision::repeat(&[HistoryCheck::ClientHistory], "").into(), meta_at(2025, 3, 3, 10), &policy)?;
//! archive.apply(&t2, LinkTicket::repeat_of(TicketId::new("T-1")?, RepeatType::SameProblem, "снова шлагбаум").into(), meta_at(2025, 3, 3, 10), &policy)?;
//!
//! let chain: Vec<&str> = archive.repeat_chain(&t2).iter().map(|t| t.id().as_str()).collect();
//! assert_eq!(chain, ["T-1", "T-2"]);
//!
//! // A link to a ticket opened later is refused.
//! let err = archive.apply(&TicketId::new("T-1")?, LinkTicket::related(t2.clone(), "x").into(), meta_at(2025, 3, 3, 11), &policy).unwrap_err();
//! assert_eq!(err.code(), "refused");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};

use crate::closure::Command;
use crate::detection::{
    Detection, DetectionDoc, DetectionError, DetectionQuery, Detector, Outcome,
};
use crate::error::{ApplyError, LogError};
use crate::event::Event;
use crate::lifecycle::Ticket;
use crate::policy::Policy;
use crate::repeat::history::{self, ChronicProblem, ClientNotApplying};
use crate::ticket::{ClientId, LinkKind, Meta, NewTicket, TicketId};

/// What a ticket needs to know of other tickets to link to them (REP-3):
/// whether they exist, and when they were opened.
///
/// [`Archive`] implements it, and so do maps from [`TicketId`] to the opening
/// time, for callers who keep their tickets elsewhere.
///
/// ```
/// use std::collections::BTreeMap;
/// use ticketry::archive::TicketDirectory;
/// use ticketry::ticket::TicketId;
/// # use ticketry::doc_support::meta_at;
/// let known: BTreeMap<TicketId, _> = [(TicketId::new("T-1")?, meta_at(2025, 1, 9, 9).at)].into();
/// assert!(known.opened_at(&TicketId::new("T-1")?).is_some());
/// assert!(known.opened_at(&TicketId::new("T-2")?).is_none());
/// # Ok::<(), ticketry::ticket::InvalidId>(())
/// ```
pub trait TicketDirectory {
    /// When the ticket was opened, or `None` if it is not known.
    fn opened_at(&self, id: &TicketId) -> Option<DateTime<Utc>>;
}

/// A directory that knows no tickets: what a lone [`Ticket`] sees.
///
/// ```
/// use ticketry::archive::{NoTickets, TicketDirectory};
/// assert!(NoTickets.opened_at(&ticketry::ticket::TicketId::new("T-1")?).is_none());
/// # Ok::<(), ticketry::ticket::InvalidId>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoTickets;

impl TicketDirectory for NoTickets {
    fn opened_at(&self, _: &TicketId) -> Option<DateTime<Utc>> {
        None
    }
}

impl<S: std::hash::BuildHasher> TicketDirectory for HashMap<TicketId, DateTime<Utc>, S> {
    fn opened_at(&self, id: &TicketId) -> Option<DateTime<Utc>> {
        self.get(id).copied()
    }
}

impl TicketDirectory for BTreeMap<TicketId, DateTime<Utc>> {
    fn opened_at(&self, id: &TicketId) -> Option<DateTime<Utc>> {
        self.get(id).copied()
    }
}

/// Why an archive operation failed.
///
/// ```
/// use ticketry::archive::{Archive, ArchiveError};
/// # use ticketry::doc_support::{meta_at, new_ticket};
/// let mut archive = Archive::new();
/// archive.open(new_ticket("T-1"), meta_at(2025, 2, 3, 9))?;
/// let err = archive.open(new_ticket("T-1"), meta_at(2025, 2, 3, 9)).unwrap_err();
/// assert_eq!(err.code(), "duplicate_ticket");
/// assert_eq!(err.to_string(), "the archive already holds ticket T-1");
/// # Ok::<(), ArchiveError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArchiveError {
    /// A ticket with this id is already in the archive.
    #[error("the archive already holds ticket {id}")]
    DuplicateTicket {
        /// The id.
        id: TicketId,
    },
    /// No ticket with this id is in the archive.
    #[error("the archive holds no ticket {id}")]
    UnknownTicket {
        /// The id.
        id: TicketId,
    },
    /// The command was refused or malformed.
    #[error(transparent)]
    Apply(#[from] ApplyError),
    /// The detection index cannot take more tickets.
    #[error(transparent)]
    Detection(#[from] DetectionError),
    /// A line of a JSON Lines archive is not a valid ticket log.
    #[error("line {line}: {error}")]
    Line {
        /// The line number, from 1.
        line: usize,
        /// What is wrong with it.
        error: LogError,
    },
}

impl ArchiveError {
    /// The stable code: `duplicate_ticket`, `unknown_ticket`, or the code of
    /// the inner error (`refused`, `invalid_input`, `malformed_log`…).
    ///
    /// ```
    /// let err = ticketry::archive::ArchiveError::UnknownTicket { id: ticketry::ticket::TicketId::new("T-5")? };
    /// assert_eq!(err.code(), "unknown_ticket");
    /// # Ok::<(), ticketry::ticket::InvalidId>(())
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            ArchiveError::DuplicateTicket { .. } => "duplicate_ticket",
            ArchiveError::UnknownTicket { .. } => "unknown_ticket",
            ArchiveError::Apply(e) => e.code(),
            ArchiveError::Detection(e) => e.code(),
            ArchiveError::Line { error, .. } => error.code(),
        }
    }
}

/// Many tickets, indexed by id, by client (in time order) and by link.
///
/// See the [module docs](self).
#[derive(Debug, Clone, Default)]
pub struct Archive {
    tickets: Vec<Ticket>,
    by_id: HashMap<TicketId, usize>,
    /// Per client, indices sorted by (opening time, index).
    by_client: HashMap<ClientId, Vec<usize>>,
    /// Per linked ticket id, the indices of the tickets linking to it.
    linked_from: HashMap<TicketId, Vec<usize>>,
    /// The repeat-detection index over every ticket (REP-1).
    detector: Detector,
}

impl Archive {
    /// An empty archive.
    ///
    /// ```
    /// assert!(ticketry::archive::Archive::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Archive::default()
    }

    /// An archive built from tickets; fails on a duplicate id.
    ///
    /// ```
    /// # let a = ticketry::doc_support::sample_ticket();
    /// let archive = ticketry::archive::Archive::from_tickets([a])?;
    /// assert_eq!(archive.len(), 1);
    /// # Ok::<(), ticketry::archive::ArchiveError>(())
    /// ```
    pub fn from_tickets(tickets: impl IntoIterator<Item = Ticket>) -> Result<Self, ArchiveError> {
        let mut archive = Archive::new();
        for ticket in tickets {
            archive.insert(ticket)?;
        }
        Ok(archive)
    }

    /// How many tickets it holds.
    ///
    /// ```
    /// # let archive = ticketry::doc_support::sample_archive();
    /// assert_eq!(archive.len(), 5);
    /// ```
    pub fn len(&self) -> usize {
        self.tickets.len()
    }

    /// Whether it holds no ticket.
    ///
    /// ```
    /// # let archive = ticketry::doc_support::sample_archive();
    /// assert!(!archive.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.tickets.is_empty()
    }

    /// The ticket with this id.
    ///
    /// ```
    /// # let archive = ticketry::doc_support::sample_archive();
    /// let t = archive.get(&ticketry::ticket::TicketId::new("T-900")?).unwrap();
    /// assert_eq!(t.status(), ticketry::closure::Status::Closed);
    /// # Ok::<(), ticketry::ticket::InvalidId>(())
    /// ```
    pub fn get(&self, id: &TicketId) -> Option<&Ticket> {
        self.by_id.get(id).and_then(|&i| self.tickets.get(i))
    }

    /// Every ticket, in the order they were added.
    ///
    /// ```
    /// # let archive = ticketry::doc_support::sample_archive();
    /// assert_eq!(archive.iter().count(), archive.len());
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &Ticket> {
        self.tickets.iter()
    }

    /// Adds a ticket (with its history). Its links are facts and are not
    /// re-judged; see [`Archive::dangling_links`].
    ///
    /// ```
    /// let mut archive = ticketry::archive::Archive::new();
    /// archive.insert(ticketry::doc_support::sample_ticket())?;
    /// assert_eq!(archive.insert(ticketry::doc_support::sample_ticket()).unwrap_err().code(), "duplicate_ticket");
    /// # Ok::<(), ticketry::archive::ArchiveError>(())
    /// ```
    pub fn insert(&mut self, ticket: Ticket) -> Result<(), ArchiveError> {
        let id = ticket.id().clone();
        if self.by_id.contains_key(&id) {
            return Err(ArchiveError::DuplicateTicket { id });
        }
        self.detector.upsert(&DetectionDoc::from_ticket(&ticket))?;
        let index = self.tickets.len();
        let state = ticket.state();
        let opened = state.created_at;
        let client = self.by_client.entry(state.client_id.clone()).or_default();
        let tickets = &self.tickets;
        let key = |i: usize| tickets.get(i).map(|t| t.state().created_at);
        let pos = client.partition_point(|&i| key(i).is_some_and(|at| at <= opened));
        client.insert(pos, index);
        for link in &state.links {
            self.linked_from
                .entry(link.target.clone())
                .or_default()
                .push(index);
        }
        self.by_id.insert(id, index);
        self.tickets.push(ticket);
        Ok(())
    }

    /// Opens a new ticket in the archive.
    ///
    /// ```
    /// # use ticketry::doc_support::{meta_at, new_ticket};
    /// let mut archive = ticketry::archive::Archive::new();
    /// let t = archive.open(new_ticket("T-1"), meta_at(2025, 2, 3, 9))?;
    /// assert_eq!(t.version(), 1);
    /// # Ok::<(), ticketry::archive::ArchiveError>(())
    /// ```
    pub fn open(&mut self, new: NewTicket, meta: Meta) -> Result<&Ticket, ArchiveError> {
        if self.by_id.contains_key(&new.id) {
            return Err(ArchiveError::DuplicateTicket { id: new.id });
        }
        let ticket = Ticket::open(new, meta)?;
        let id = ticket.id().clone();
        self.insert(ticket)?;
        self.get(&id).ok_or(ArchiveError::UnknownTicket { id })
    }

    /// Applies a command to a ticket of the archive; links and analyses are
    /// checked against the archive (REP-3). Refused commands change nothing.
    ///
    /// ```
    /// use ticketry::closure::LinkTicket;
    /// use ticketry::ticket::TicketId;
    /// # use ticketry::doc_support::meta_at;
    /// # let mut archive = ticketry::doc_support::sample_archive();
    /// let policy = ticketry::Policy::default();
    /// let err = archive.apply(&TicketId::new("T-990")?, LinkTicket::related(TicketId::new("T-404")?, "x").into(), meta_at(2025, 6, 1, 9), &policy).unwrap_err();
    /// assert_eq!(err.code(), "refused");
    /// let ticketry::archive::ArchiveError::Apply(e) = err else { unreachable!() };
    /// assert_eq!(e.unmet()[0].code.as_str(), "unknown_ticket");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(
        &mut self,
        id: &TicketId,
        cmd: Command,
        meta: Meta,
        policy: &Policy,
    ) -> Result<&Event, ArchiveError> {
        self.apply_inner(id, None, cmd, meta, policy)
    }

    /// [`Archive::apply`], only if the ticket is still at `expected_version`.
    ///
    /// ```
    /// use ticketry::closure::LogWork;
    /// # use ticketry::doc_support::meta_at;
    /// # let mut archive = ticketry::doc_support::sample_archive();
    /// let id = ticketry::ticket::TicketId::new("T-990")?;
    /// let err = archive.apply_expecting(&id, 1, LogWork::minutes(5, "").into(), meta_at(2025, 6, 1, 9), &ticketry::Policy::default()).unwrap_err();
    /// assert_eq!(err.code(), "version_conflict");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_expecting(
        &mut self,
        id: &TicketId,
        expected_version: u64,
        cmd: Command,
        meta: Meta,
        policy: &Policy,
    ) -> Result<&Event, ArchiveError> {
        self.apply_inner(id, Some(expected_version), cmd, meta, policy)
    }

    fn apply_inner(
        &mut self,
        id: &TicketId,
        expected: Option<u64>,
        cmd: Command,
        meta: Meta,
        policy: &Policy,
    ) -> Result<&Event, ArchiveError> {
        let index = *self
            .by_id
            .get(id)
            .ok_or_else(|| ArchiveError::UnknownTicket { id: id.clone() })?;
        // The one ticket the command may name, looked up before borrowing mutably.
        let named = match &cmd {
            Command::LinkTicket(l) => Some(&l.target),
            Command::RecordRepeatAnalysis(a) => Some(&a.earlier),
            _ => None,
        };
        let directory: BTreeMap<TicketId, DateTime<Utc>> = named
            .and_then(|t| self.opened_at(t).map(|at| (t.clone(), at)))
            .into_iter()
            .collect();
        let link_change = match &cmd {
            Command::LinkTicket(l) => Some((l.target.clone(), true)),
            Command::RemoveLink(r) => Some((r.target.clone(), false)),
            _ => None,
        };
        let ticket = self
            .tickets
            .get_mut(index)
            .ok_or_else(|| ArchiveError::UnknownTicket { id: id.clone() })?;
        if let Some(expected) = expected {
            if expected != ticket.version() {
                return Err(ApplyError::VersionConflict {
                    expected,
                    actual: ticket.version(),
                }
                .into());
            }
        }
        let outcome = Outcome::of(ticket);
        ticket.apply_in(cmd, meta, policy, &directory)?;
        let new_outcome = Outcome::of(ticket);
        if new_outcome != outcome {
            self.detector.set_outcome(id, new_outcome);
        }
        if let Some((target, _)) = link_change {
            // Keep the reverse index equal to the links the ticket now has.
            let still_linked = ticket.state().links.iter().any(|l| l.target == target);
            let from = self.linked_from.entry(target).or_default();
            from.retain(|&i| i != index);
            if still_linked {
                from.push(index);
            }
        }
        self.tickets
            .get(index)
            .and_then(|t| t.history().last())
            .ok_or_else(|| ArchiveError::UnknownTicket { id: id.clone() })
    }

    /// The detection index over the archive, kept up to date by
    /// [`insert`](Archive::insert), [`open`](Archive::open) and
    /// [`apply`](Archive::apply).
    ///
    /// ```
    /// # let archive = ticketry::doc_support::sample_archive();
    /// assert_eq!(archive.detector().len(), archive.len());
    /// ```
    pub fn detector(&self) -> &Detector {
        &self.detector
    }

    /// The earlier tickets a new ticket likely repeats (REP-1), with the
    /// policy's detection settings; each candidate also tells how its ticket
    /// was solved (the documented solution, or the closing result). See
    /// [`detection`](crate::detection).
    ///
    /// ```
    /// use ticketry::detection::{Decision, DetectionQuery};
    /// # use chrono::{TimeZone, Utc};
    /// # let archive = ticketry::doc_support::sample_archive();
    /// let mut new = ticketry::doc_support::new_ticket("T-2000");
    /// new.client_id = ticketry::ticket::ClientId::new("zhk-severny")?;
    /// new.subject = "Снова не открывается шлагбаум".into();
    /// new.description = "Шлагбаум опять не поднимается по номеру, как в обращении T-900".into();
    /// let at = Utc.with_ymd_and_hms(2025, 9, 1, 9, 0, 0).unwrap();
    /// let found = archive.detect(&DetectionQuery::from_new(&new, at), &ticketry::Policy::default());
    /// assert_eq!(found.candidates[0].id.as_str(), "T-900");
    /// assert_eq!(found.decision, Decision::LikelyRepeat);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn detect(&self, query: &DetectionQuery, policy: &Policy) -> Detection {
        let mut found = self.detector.detect(query, &policy.detection);
        for c in &mut found.candidates {
            c.solution = self.get(&c.id).and_then(|t| {
                let s = t.state();
                s.closure
                    .documentation
                    .as_ref()
                    .map(|d| d.documentation.applied_solution.clone())
                    .filter(|x| !x.trim().is_empty())
                    .or_else(|| s.closing.as_ref().map(|c| c.result.clone()))
            });
        }
        found
    }

    /// The client's tickets, oldest first.
    ///
    /// ```
    /// # let archive = ticketry::doc_support::sample_archive();
    /// let client = ticketry::ticket::ClientId::new("zhk-severny")?;
    /// let ids: Vec<&str> = archive.client_history(&client).map(|t| t.id().as_str()).collect();
    /// assert_eq!(ids, ["T-900", "T-950", "T-970", "T-990"]);
    /// # Ok::<(), ticketry::ticket::InvalidId>(())
    /// ```
    pub fn client_history<'a>(
        &'a self,
        client: &ClientId,
    ) -> impl DoubleEndedIterator<Item = &'a Ticket> + 'a {
        self.by_client
            .get(client)
            .map(|v| v.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|&i| self.tickets.get(i))
    }

    /// The same client's tickets opened before this one, newest first: the
    /// first place REP-1 looks.
    ///
    /// ```
    /// # let archive = ticketry::doc_support::sample_archive();
    /// let earlier = archive.earlier_client_tickets(&ticketry::ticket::TicketId::new("T-970")?);
    /// let ids: Vec<&str> = earlier.iter().map(|t| t.id().as_str()).collect();
    /// assert_eq!(ids, ["T-950", "T-900"]);
    /// # Ok::<(), ticketry::ticket::InvalidId>(())
    /// ```
    pub fn earlier_client_tickets(&self, id: &TicketId) -> Vec<&Ticket> {
        let Some(ticket) = self.get(id) else {
            return Vec::new();
        };
        let opened = ticket.state().created_at;
        self.client_history(&ticket.state().client_id)
            .rev()
            .filter(|t| t.state().created_at < opened)
            .collect()
    }

    /// The tickets that link to this one (any kind of link), oldest first.
    ///
    /// ```
    /// # let archive = ticketry::doc_support::sample_archive();
    /// let from: Vec<&str> = archive.linked_from(&ticketry::ticket::TicketId::new("T-900")?).iter().map(|t| t.id().as_str()).collect();
    /// assert_eq!(from, ["T-950", "T-990"]);
    /// # Ok::<(), ticketry::ticket::InvalidId>(())
    /// ```
    pub fn linked_from(&self, id: &TicketId) -> Vec<&Ticket> {
        let mut out: Vec<&Ticket> = self
            .linked_from
            .get(id)
            .map(|v| v.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|&i| self.tickets.get(i))
            .collect();
        out.sort_by(|a, b| (a.state().created_at, a.id()).cmp(&(b.state().created_at, b.id())));
        out
    }

    /// The chain of repeats this ticket belongs to: every ticket connected to
    /// it by `repeat_of` links, either way, oldest first (the ticket itself
    /// included). Links to tickets outside the archive are ignored.
    ///
    /// ```
    /// # let archive = ticketry::doc_support::sample_archive();
    /// let chain: Vec<&str> = archive.repeat_chain(&ticketry::ticket::TicketId::new("T-950")?).iter().map(|t| t.id().as_str()).collect();
    /// assert_eq!(chain, ["T-900", "T-950", "T-990"]);
    /// # Ok::<(), ticketry::ticket::InvalidId>(())
    /// ```
    pub fn repeat_chain(&self, id: &TicketId) -> Vec<&Ticket> {
        self.component(id, |_| true)
    }

    /// The connected component of `id` over `repeat_of` links accepted by `keep`.
    pub(crate) fn component(
        &self,
        id: &TicketId,
        keep: impl Fn(&crate::ticket::TicketLink) -> bool,
    ) -> Vec<&Ticket> {
        let Some(&start) = self.by_id.get(id) else {
            return Vec::new();
        };
        let mut seen = vec![start];
        let mut visited: std::collections::HashSet<usize> = [start].into();
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            let Some(ticket) = self.tickets.get(i) else {
                continue;
            };
            // Backward: the earlier tickets this one repeats.
            let back = ticket
                .state()
                .links
                .iter()
                .filter(|l| l.kind == LinkKind::RepeatOf && keep(l))
                .filter_map(|l| self.by_id.get(&l.target).copied());
            // Forward: the later tickets that repeat this one.
            let forward = self
                .linked_from
                .get(ticket.id())
                .map(|v| v.as_slice())
                .unwrap_or_default()
                .iter()
                .copied()
                .filter(|&j| {
                    self.tickets.get(j).is_some_and(|t| {
                        t.state().links.iter().any(|l| {
                            l.kind == LinkKind::RepeatOf && &l.target == ticket.id() && keep(l)
                        })
                    })
                });
            let next: Vec<usize> = back.chain(forward).collect();
            for j in next {
                if visited.insert(j) {
                    seen.push(j);
                    stack.push(j);
                }
            }
        }
        let mut out: Vec<&Ticket> = seen.iter().filter_map(|&i| self.tickets.get(i)).collect();
        out.sort_by(|a, b| (a.state().created_at, a.id()).cmp(&(b.state().created_at, b.id())));
        out
    }

    /// Links whose target is not in the archive: `(ticket, target)` pairs.
    ///
    /// ```
    /// # let archive = ticketry::doc_support::sample_archive();
    /// assert!(archive.dangling_links().is_empty());
    /// ```
    pub fn dangling_links(&self) -> Vec<(&TicketId, &TicketId)> {
        self.tickets
            .iter()
            .flat_map(|t| {
                t.state()
                    .links
                    .iter()
                    .filter(|l| !self.by_id.contains_key(&l.target))
                    .map(move |l| (t.id(), &l.target))
            })
            .collect()
    }

    /// REP-S1: the problems that recurred at least
    /// `policy.repeat.chronic_min_tickets` times within the last
    /// `chronic_window_days` before `at`, each with an escalation
    /// recommendation and a re-check schedule in business days from `at`.
    /// A problem is a chain of `repeat_of` links of the "same problem" types
    /// (REP-T1, REP-T3). Most recent first.
    ///
    /// ```
    /// # let archive = ticketry::doc_support::sample_archive();
    /// # use ticketry::doc_support::meta_at;
    /// let chronic = archive.chronic_problems(meta_at(2025, 6, 2, 9).at, &ticketry::Policy::default());
    /// assert_eq!(chronic.len(), 1);
    /// let ids: Vec<&str> = chronic[0].tickets.iter().map(|t| t.as_str()).collect();
    /// assert_eq!(ids, ["T-900", "T-950", "T-990"]);
    /// assert_eq!(chronic[0].escalation.rechecks.len(), 4);
    /// ```
    pub fn chronic_problems(&self, at: DateTime<Utc>, policy: &Policy) -> Vec<ChronicProblem> {
        history::chronic_problems(self, at, policy)
    }

    /// REP-S1 for one ticket: the chronic problem it belongs to, if any.
    ///
    /// ```
    /// # let archive = ticketry::doc_support::sample_archive();
    /// # use ticketry::doc_support::meta_at;
    /// let policy = ticketry::Policy::default();
    /// let id = ticketry::ticket::TicketId::new("T-970")?;
    /// assert!(archive.chronic_problem_of(&id, meta_at(2025, 6, 2, 9).at, &policy).is_none());
    /// # Ok::<(), ticketry::ticket::InvalidId>(())
    /// ```
    pub fn chronic_problem_of(
        &self,
        id: &TicketId,
        at: DateTime<Utc>,
        policy: &Policy,
    ) -> Option<ChronicProblem> {
        history::chronic_problem_of(self, id, at, policy)
    }

    /// REP-S2: clients with at least `policy.repeat.not_applying_min_tickets`
    /// tickets whose determined cause was "the client did not apply the
    /// solution" within the last `not_applying_window_days` before `at`.
    ///
    /// ```
    /// # let archive = ticketry::doc_support::sample_archive();
    /// # use ticketry::doc_support::meta_at;
    /// let clients = archive.clients_not_applying_solutions(meta_at(2025, 6, 2, 9).at, &ticketry::Policy::default());
    /// assert_eq!(clients.len(), 1);
    /// assert_eq!(clients[0].client_id.as_str(), "zhk-severny");
    /// assert_eq!(clients[0].actions.len(), 4);
    /// ```
    pub fn clients_not_applying_solutions(
        &self,
        at: DateTime<Utc>,
        policy: &Policy,
    ) -> Vec<ClientNotApplying> {
        history::clients_not_applying(self, at, policy)
    }

    /// Reads an archive from JSON Lines: one ticket event log
    /// (`{"schema_version": 1, "events": [...]}`) per line; blank lines are
    /// skipped. The first bad line stops the read, named by its number.
    ///
    /// ```
    /// # let archive = ticketry::doc_support::sample_archive();
    /// let text = archive.to_json_lines();
    /// let back = ticketry::archive::Archive::from_json_lines(&text)?;
    /// assert_eq!(back.len(), archive.len());
    ///
    /// let err = ticketry::archive::Archive::from_json_lines("\n{}").unwrap_err();
    /// assert_eq!(err.code(), "malformed_log");
    /// assert!(err.to_string().starts_with("line 2:"));
    /// # Ok::<(), ticketry::archive::ArchiveError>(())
    /// ```
    pub fn from_json_lines(text: &str) -> Result<Archive, ArchiveError> {
        let mut archive = Archive::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let ticket = Ticket::from_json(line)
                .map_err(|error| ArchiveError::Line { line: i + 1, error })?;
            archive.insert(ticket)?;
        }
        Ok(archive)
    }

    /// The archive as JSON Lines, one ticket event log per line, in the order
    /// the tickets were added.
    ///
    /// ```
    /// # let archive = ticketry::doc_support::sample_archive();
    /// assert_eq!(archive.to_json_lines().lines().count(), archive.len());
    /// ```
    pub fn to_json_lines(&self) -> String {
        let mut out = String::new();
        for t in &self.tickets {
            out.push_str(&t.to_json());
            out.push('\n');
        }
        out
    }

    /// Tickets opened within `window` before `at` (inclusive of `at`).
    pub(crate) fn within(opened: DateTime<Utc>, at: DateTime<Utc>, window: Duration) -> bool {
        opened <= at && opened > at - window
    }
}

impl TicketDirectory for Archive {
    fn opened_at(&self, id: &TicketId) -> Option<DateTime<Utc>> {
        self.get(id).map(|t| t.state().created_at)
    }
}
