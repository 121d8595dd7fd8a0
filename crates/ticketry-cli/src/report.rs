//! `ticketry report`: repeat and closing figures of an export, by month and by product,
//! with the chronic problems (REP-S1) and the clients who do not apply solutions (REP-S2)
//! as the core's `Archive::chronic_problems` and `Archive::clients_not_applying_solutions`
//! find them.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use ticketry::repeat::history::{ChronicProblem, ClientNotApplying};
use ticketry::repeat::RecurrenceCause;
use ticketry::Policy;

use crate::load::{Facts, Loaded};

/// Counts over a group of tickets.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Figures {
    /// Tickets opened.
    pub tickets: u64,
    /// Of them, repeats of an earlier ticket (REP-3 links).
    pub repeats: u64,
    /// Of them, reopened after a close (CLS-S3).
    pub reopened: u64,
    /// Of them, closed.
    pub closed: u64,
    /// Of the closed, closed without the client's confirmation (CLS-R2 / CLS-S1).
    pub closed_without_confirmation: u64,
    /// `repeats / tickets`.
    pub repeat_rate: f64,
    /// `reopened / tickets`.
    pub reopen_rate: f64,
    /// `closed_without_confirmation / closed`.
    pub closed_without_confirmation_share: f64,
    /// The repeats' determined causes (REP-C1..C4), by name; `not_yet_known` for the rest.
    pub causes: BTreeMap<&'static str, u64>,
}

impl Figures {
    fn add(&mut self, f: &Facts) {
        self.tickets += 1;
        self.repeats += u64::from(f.repeat);
        self.reopened += u64::from(f.reopened);
        self.closed += u64::from(f.closed);
        self.closed_without_confirmation += u64::from(f.closed_unconfirmed);
        if f.repeat {
            let cause = f.cause.unwrap_or(RecurrenceCause::NotYetKnown);
            *self.causes.entry(cause.as_str()).or_default() += 1;
        }
    }

    fn finish(&mut self) {
        let share = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        self.repeat_rate = share(self.repeats, self.tickets);
        self.reopen_rate = share(self.reopened, self.tickets);
        self.closed_without_confirmation_share =
            share(self.closed_without_confirmation, self.closed);
    }
}

/// The report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The time the windows of REP-S1 and REP-S2 end at.
    pub at: DateTime<Utc>,
    /// Over the whole export.
    pub total: Figures,
    /// By the month of opening (`YYYY-MM`, in the policy's time zone).
    pub by_month: BTreeMap<String, Figures>,
    /// By product.
    pub by_product: BTreeMap<String, Figures>,
    /// REP-S1: chronic problems, as the core finds them.
    pub chronic_problems: Vec<ChronicProblem>,
    /// REP-S2: clients who do not apply solutions, as the core finds them.
    pub clients_not_applying_solutions: Vec<ClientNotApplying>,
}

/// The report of a loaded export at `at`.
pub fn report(loaded: &Loaded, at: DateTime<Utc>, policy: &Policy) -> Report {
    let mut total = Figures::default();
    let mut by_month: BTreeMap<String, Figures> = BTreeMap::new();
    let mut by_product: BTreeMap<String, Figures> = BTreeMap::new();
    for facts in loaded
        .entries
        .iter()
        .filter_map(|e| e.facts(&loaded.archive))
    {
        let month = facts
            .opened_at
            .with_timezone(&policy.time_zone)
            .format("%Y-%m")
            .to_string();
        total.add(&facts);
        by_month.entry(month).or_default().add(&facts);
        by_product
            .entry(facts.product.clone())
            .or_default()
            .add(&facts);
    }
    total.finish();
    by_month.values_mut().for_each(Figures::finish);
    by_product.values_mut().for_each(Figures::finish);
    Report {
        at,
        total,
        by_month,
        by_product,
        chronic_problems: loaded.archive.chronic_problems(at, policy),
        clients_not_applying_solutions: loaded.archive.clients_not_applying_solutions(at, policy),
    }
}
