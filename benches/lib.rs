//! Shared workloads of the benchmarks: realistic tickets and command sequences.
// A benchmark harness, not library code: fixed valid inputs may be unwrapped.
#![allow(clippy::expect_used)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use ticketry::closure::typed::{Closed, TicketIn};
use ticketry::closure::*;
use ticketry::ticket::{Actor, ClientId, Meta, NewTicket, Priority, TicketId};
use ticketry::{ApplyError, Policy, Ticket};

/// The time the workload starts: Monday 3 March 2025, 09:00 Moscow.
pub fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 3, 6, 0, 0)
        .single()
        .expect("valid time")
}

/// A specialist's `Meta`, `minutes` after [`start`].
pub fn meta(minutes: i64) -> Meta {
    Meta::new(
        Actor::specialist("anna", "Анна Смирнова"),
        start() + Duration::minutes(minutes),
    )
}

/// A new ticket with id `T-{n}`.
pub fn new_ticket(n: u64) -> NewTicket {
    NewTicket {
        id: TicketId::new(format!("T-{n}")).expect("valid id"),
        client_id: ClientId::new("zhk-severny").expect("valid id"),
        contact_name: "Ирина Петрова".into(),
        product: "PASS24 Шлагбаум".into(),
        subject: "Не открывается шлагбаум по пропускам".into(),
        description: "С утра шлагбаум на въезде не реагирует на постоянные пропуска жителей".into(),
        priority: Priority::High,
    }
}

fn documentation() -> SolutionDocumentation {
    SolutionDocumentation {
        problem_description: "Шлагбаум не открывался по постоянным пропускам".into(),
        cause: "После отключения питания контроллер потерял связь с сервером".into(),
        applied_solution: "Перезапустили контроллер и восстановили подключение".into(),
        recommendations: "Подключить контроллер к ИБП".into(),
        resources: vec!["KB-118".into()],
        product_update: None,
    }
}

/// The 14 commands that take a ticket from open to closed, with their times in minutes.
pub fn closure_commands() -> Vec<(Command, i64)> {
    vec![
        (LogMessage::to_client("Проверяем контроллер").into(), 10),
        (AddDiagnostic::new("Контроллер не на связи").into(), 20),
        (
            RecordQuestion::new("Нужно ли перевыпускать пропуска?").into(),
            30,
        ),
        (AnswerQuestion::new(1, "Нет").into(), 40),
        (LogWork::minutes(45, "Перезапуск").into(), 50),
        (VerifyResolution::all_checked("Проверено").into(), 60),
        (RequestConfirmation::default().into(), 70),
        (RecordConfirmation::with_note("Работает").into(), 80),
        (documentation().into(), 90),
        (
            CheckCompleteness {
                diagnostics_apply: true,
            }
            .into(),
            100,
        ),
        (
            RecordKnowledgeBaseDecision {
                decision: KnowledgeBaseDecision::NotNeededTypical,
            }
            .into(),
            110,
        ),
        (SendFinalNotification::default().into(), 120),
        (
            Close::new("Проблема решена", "Проезд восстановлен").into(),
            130,
        ),
        (LogMessage::from_client("Спасибо").into(), 140), // refused: closed tickets take no records
    ]
}

/// Opens ticket `n` and applies [`closure_commands`] with the dynamic API;
/// returns how many commands were accepted.
pub fn run_dynamic(n: u64, policy: &Policy) -> Result<(Ticket, usize), ApplyError> {
    let mut ticket = Ticket::open(new_ticket(n), meta(0))?;
    let mut accepted = 1;
    for (cmd, minutes) in closure_commands() {
        if ticket.apply(cmd, meta(minutes), policy).is_ok() {
            accepted += 1;
        }
    }
    Ok((ticket, accepted))
}

/// The same closure through the typed API.
pub fn run_typed(n: u64, policy: &Policy) -> Result<TicketIn<Closed>, Box<dyn std::error::Error>> {
    let t = TicketIn::open(new_ticket(n), meta(0))?;
    let t = t.apply(
        LogMessage::to_client("Проверяем контроллер"),
        meta(10),
        policy,
    )?;
    let t = t.apply(
        AddDiagnostic::new("Контроллер не на связи"),
        meta(20),
        policy,
    )?;
    let t = t.apply(
        RecordQuestion::new("Нужно ли перевыпускать пропуска?"),
        meta(30),
        policy,
    )?;
    let t = t.apply(AnswerQuestion::new(1, "Нет"), meta(40), policy)?;
    let t = t.apply(LogWork::minutes(45, "Перезапуск"), meta(50), policy)?;
    let t = t.apply(VerifyResolution::all_checked("Проверено"), meta(60), policy)?;
    let t = t.apply(RequestConfirmation::default(), meta(70), policy)?;
    let t = t.apply(RecordConfirmation::with_note("Работает"), meta(80), policy)?;
    let t = t.apply(documentation(), meta(90), policy)?;
    let t = t.apply(
        CheckCompleteness {
            diagnostics_apply: true,
        },
        meta(100),
        policy,
    )?;
    let t = t.apply(
        RecordKnowledgeBaseDecision {
            decision: KnowledgeBaseDecision::NotNeededTypical,
        },
        meta(110),
        policy,
    )?;
    let t = t.apply(SendFinalNotification::default(), meta(120), policy)?;
    Ok(t.apply(
        Close::new("Проблема решена", "Проезд восстановлен"),
        meta(130),
        policy,
    )?)
}

/// A ticket ready to close (everything but the close itself), and one still in work.
pub fn ready_and_in_work(policy: &Policy) -> Result<(Ticket, Ticket), ApplyError> {
    let mut ready = Ticket::open(new_ticket(1), meta(0))?;
    let mut in_work = Ticket::open(new_ticket(2), meta(0))?;
    for (i, (cmd, minutes)) in closure_commands().into_iter().enumerate() {
        if i < 12 {
            ready.apply(cmd.clone(), meta(minutes), policy)?;
        }
        if i < 5 {
            in_work.apply(cmd, meta(minutes), policy)?;
        }
    }
    Ok((ready, in_work))
}
