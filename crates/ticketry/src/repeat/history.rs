//! Across the history: chronic problems (REP-S1) and clients who keep not
//! applying solutions (REP-S2), found in an [`Archive`].
//!
//! The regulation gives no numbers ("many times", "keeps not applying"); the
//! thresholds and windows are [`RepeatPolicy`](crate::policy::RepeatPolicy)
//! values with documented defaults.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::RecurrenceCause;
use crate::archive::Archive;
use crate::policy::Policy;
use crate::rules::RuleId;
use crate::ticket::{ClientId, LinkKind, TicketId, TicketLink};
use crate::Ticket;

named_enum! {
    /// What REP-S1 asks for a chronic problem, in the regulation's order.
    ///
    /// ```
    /// use ticketry::repeat::history::EscalationTask;
    /// assert_eq!(EscalationTask::ALL.len(), 5);
    /// assert_eq!(EscalationTask::DeepAnalysis.label_ru(), "Провести глубокий анализ причин повторения");
    /// ```
    pub enum EscalationTask ("escalation task") {
        /// Analyse the causes of recurrence in depth.
        DeepAnalysis = "deep_analysis", Some(RuleId::RepS1),
            "analyse the causes of recurrence in depth", "Провести глубокий анализ причин повторения";
        /// Look for a systemic problem.
        SystemicReview = "systemic_review", Some(RuleId::RepS1),
            "look for a systemic problem", "Рассмотреть системные проблемы";
        /// Escalate when needed.
        Escalate = "escalate", Some(RuleId::RepS1),
            "escalate the issue when needed", "При необходимости эскалировать вопрос";
        /// Propose a comprehensive solution.
        ComprehensiveSolution = "comprehensive_solution", Some(RuleId::RepS1),
            "propose a comprehensive solution", "Предложить комплексное решение";
        /// Re-check regularly that it has not recurred.
        RegularRechecks = "regular_rechecks", Some(RuleId::RepS1),
            "re-check regularly that the problem has not recurred", "Регулярно проверять, не повторилась ли проблема";
    }
}

named_enum! {
    /// What REP-S2 asks for a client who keeps not applying solutions.
    ///
    /// ```
    /// use ticketry::repeat::history::SupportAction;
    /// assert_eq!(SupportAction::TrainClient.label_ru(), "При необходимости провести обучение клиента");
    /// ```
    pub enum SupportAction ("support action") {
        /// Find out why the solutions are not applied.
        FindOutWhy = "find_out_why", Some(RuleId::RepS2),
            "find out why the solutions are not applied", "Выяснить причину неприменения решений";
        /// Give clearer instructions.
        ClearerInstructions = "clearer_instructions", Some(RuleId::RepS2),
            "give clearer instructions", "Предоставить более понятные инструкции";
        /// Offer help applying the solution.
        OfferHelp = "offer_help", Some(RuleId::RepS2),
            "offer help applying the solution", "Предложить помощь в применении решения";
        /// Train the client, when needed.
        TrainClient = "train_client", Some(RuleId::RepS2),
            "train the client when needed", "При необходимости провести обучение клиента";
    }
}

/// The escalation recommended for a chronic problem (REP-S1).
///
/// ```
/// # let archive = ticketry::doc_support::sample_archive();
/// # let at = ticketry::doc_support::meta_at(2025, 6, 2, 9).at;
/// let e = &archive.chronic_problems(at, &ticketry::Policy::default())[0].escalation;
/// assert_eq!(e.tasks, ticketry::repeat::history::EscalationTask::ALL);
/// assert!(e.rechecks.windows(2).all(|w| w[0] < w[1]));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Escalation {
    /// The tasks, in order.
    pub tasks: Vec<EscalationTask>,
    /// When to re-check that the problem has not recurred: every
    /// `recheck_interval_business_days` business days from the analysis time.
    pub rechecks: Vec<DateTime<Utc>>,
}

/// A chronic problem: one problem that recurred many times (REP-S1).
///
/// ```
/// # let archive = ticketry::doc_support::sample_archive();
/// # let at = ticketry::doc_support::meta_at(2025, 6, 2, 9).at;
/// let p = &archive.chronic_problems(at, &ticketry::Policy::default())[0];
/// assert_eq!(p.recent.len(), 3);
/// assert_eq!(p.subject, "Не открывается шлагбаум по пропускам");
/// assert_eq!(p.clients.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChronicProblem {
    /// Every ticket of the problem (the chain of same-problem repeats), oldest first.
    pub tickets: Vec<TicketId>,
    /// Those opened within the window.
    pub recent: Vec<TicketId>,
    /// Those still open.
    pub open: Vec<TicketId>,
    /// The clients concerned.
    pub clients: Vec<ClientId>,
    /// The products concerned.
    pub products: Vec<String>,
    /// The subject of the first ticket.
    pub subject: String,
    /// When the first ticket was opened.
    pub first_opened_at: DateTime<Utc>,
    /// When the latest ticket was opened.
    pub last_opened_at: DateTime<Utc>,
    /// What to do.
    pub escalation: Escalation,
}

/// A client who keeps not applying solutions (REP-S2).
///
/// ```
/// # let archive = ticketry::doc_support::sample_archive();
/// # let at = ticketry::doc_support::meta_at(2025, 6, 2, 9).at;
/// let c = &archive.clients_not_applying_solutions(at, &ticketry::Policy::default())[0];
/// let ids: Vec<&str> = c.tickets.iter().map(|t| t.as_str()).collect();
/// assert_eq!(ids, ["T-950", "T-990"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientNotApplying {
    /// The client.
    pub client_id: ClientId,
    /// Their tickets within the window whose cause was "not applied", oldest first.
    pub tickets: Vec<TicketId>,
    /// What to do, in order.
    pub actions: Vec<SupportAction>,
}

fn same_problem(link: &TicketLink) -> bool {
    link.kind == LinkKind::RepeatOf && link.repeat_type.is_some_and(|t| t.is_same_problem())
}

fn days(n: u32) -> Duration {
    Duration::days(i64::from(n))
}

fn rechecks(at: DateTime<Utc>, policy: &Policy) -> Vec<DateTime<Utc>> {
    let r = &policy.repeat;
    (1..=r.recheck_count)
        .map(|k| {
            policy.calendar.business_deadline(
                at,
                k.saturating_mul(r.recheck_interval_business_days),
                policy.time_zone,
            )
        })
        .collect()
}

fn dedup_sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v.dedup();
    v
}

/// A chronic problem from its tickets (oldest first), if enough are recent.
fn chronic_of(tickets: &[&Ticket], at: DateTime<Utc>, policy: &Policy) -> Option<ChronicProblem> {
    let window = days(policy.repeat.chronic_window_days);
    let recent: Vec<TicketId> = tickets
        .iter()
        .filter(|t| Archive::within(t.state().created_at, at, window))
        .map(|t| t.id().clone())
        .collect();
    let min = usize::try_from(policy.repeat.chronic_min_tickets).unwrap_or(usize::MAX);
    if recent.len() < min {
        return None;
    }
    let first = tickets.first()?;
    let last = tickets.last()?;
    Some(ChronicProblem {
        tickets: tickets.iter().map(|t| t.id().clone()).collect(),
        recent,
        open: tickets
            .iter()
            .filter(|t| t.status().is_open())
            .map(|t| t.id().clone())
            .collect(),
        clients: dedup_sorted(
            tickets
                .iter()
                .map(|t| t.state().client_id.clone())
                .collect(),
        ),
        products: dedup_sorted(tickets.iter().map(|t| t.state().product.clone()).collect()),
        subject: first.state().subject.clone(),
        first_opened_at: first.state().created_at,
        last_opened_at: last.state().created_at,
        escalation: Escalation {
            tasks: EscalationTask::ALL.to_vec(),
            rechecks: rechecks(at, policy),
        },
    })
}

/// Union-find over ticket indices.
struct Components {
    parent: Vec<usize>,
}

impl Components {
    fn new(n: usize) -> Self {
        Components {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while let Some(&p) = self.parent.get(x) {
            if p == x {
                break;
            }
            let grand = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(x) {
                *slot = grand;
            }
            x = grand;
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            if let Some(slot) = self.parent.get_mut(ra.max(rb)) {
                *slot = ra.min(rb);
            }
        }
    }
}

pub(crate) fn chronic_problems(
    archive: &Archive,
    at: DateTime<Utc>,
    policy: &Policy,
) -> Vec<ChronicProblem> {
    let tickets: Vec<&Ticket> = archive.iter().collect();
    let index: HashMap<&TicketId, usize> = tickets
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id(), i))
        .collect();
    let mut components = Components::new(tickets.len());
    let mut linked = vec![false; tickets.len()];
    for (i, t) in tickets.iter().enumerate() {
        for link in t.state().links.iter().filter(|l| same_problem(l)) {
            if let Some(&j) = index.get(&link.target) {
                components.union(i, j);
                for k in [i, j] {
                    if let Some(flag) = linked.get_mut(k) {
                        *flag = true;
                    }
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<&Ticket>> = HashMap::new();
    for (i, t) in tickets.iter().enumerate() {
        if linked.get(i).copied().unwrap_or(false) {
            groups.entry(components.find(i)).or_default().push(t);
        }
    }
    let mut out: Vec<ChronicProblem> = groups
        .into_values()
        .filter_map(|mut group| {
            group.sort_by(|a, b| {
                (a.state().created_at, a.id()).cmp(&(b.state().created_at, b.id()))
            });
            chronic_of(&group, at, policy)
        })
        .collect();
    out.sort_by(|a, b| (b.last_opened_at, &b.tickets).cmp(&(a.last_opened_at, &a.tickets)));
    out
}

pub(crate) fn chronic_problem_of(
    archive: &Archive,
    id: &TicketId,
    at: DateTime<Utc>,
    policy: &Policy,
) -> Option<ChronicProblem> {
    let chain = archive.component(id, same_problem);
    if chain.len() < 2 {
        return None;
    }
    chronic_of(&chain, at, policy)
}

pub(crate) fn clients_not_applying(
    archive: &Archive,
    at: DateTime<Utc>,
    policy: &Policy,
) -> Vec<ClientNotApplying> {
    let window = days(policy.repeat.not_applying_window_days);
    let min = usize::try_from(policy.repeat.not_applying_min_tickets).unwrap_or(usize::MAX);
    let mut by_client: HashMap<&ClientId, Vec<&Ticket>> = HashMap::new();
    for t in archive.iter() {
        let s = t.state();
        if s.repeat.determined_cause() == RecurrenceCause::NotApplied
            && Archive::within(s.created_at, at, window)
        {
            by_client.entry(&s.client_id).or_default().push(t);
        }
    }
    let mut out: Vec<ClientNotApplying> = by_client
        .into_iter()
        .filter(|(_, v)| v.len() >= min)
        .map(|(client, mut v)| {
            v.sort_by(|a, b| (a.state().created_at, a.id()).cmp(&(b.state().created_at, b.id())));
            ClientNotApplying {
                client_id: client.clone(),
                tickets: v.iter().map(|t| t.id().clone()).collect(),
                actions: SupportAction::ALL.to_vec(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.tickets
            .len()
            .cmp(&a.tickets.len())
            .then_with(|| a.client_id.cmp(&b.client_id))
    });
    out
}
