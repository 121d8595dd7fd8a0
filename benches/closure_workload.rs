//! The closure workload: ticket T-10234 of ЖК «Северный», the barrier that does
//! not open for residents' passes, walked from opening to closed.
//!
//! [`CLOSURE_COMMANDS`] commands after `open`, every one accepted:
//! the client's message, a reply, a diagnostic, a client question and its
//! answer, logged work, verification, the confirmation request, the client's
//! confirmation, the documentation, the completeness check, the knowledge-base
//! decision, the final notification (rendered from CLS-TPL-N) and the close.

use std::error::Error;

use chrono::{DateTime, Duration, TimeZone, Utc};
use ticketry::closure::typed::{Closed, InWork, TicketIn};
use ticketry::closure::{
    AddDiagnostic, AnswerQuestion, CheckCompleteness, Close, Command, KnowledgeBaseDecision,
    LogMessage, LogWork, RecordConfirmation, RecordKnowledgeBaseDecision, RecordQuestion,
    RequestConfirmation, SendFinalNotification, SolutionDocumentation, VerifyResolution,
};
use ticketry::ticket::{Actor, ClientId, Meta, NewTicket, Priority, TicketId};
use ticketry::{Policy, Ticket};

/// Any error of building a workload.
pub type Res<T> = Result<T, Box<dyn Error>>;

/// How many commands the closure applies after `open`.
pub const CLOSURE_COMMANDS: usize = 14;

/// How many of them a ticket "in work" has had (up to the logged work, before verification).
pub const IN_WORK_COMMANDS: usize = 6;

/// Monday 3 March 2025, 06:00 UTC: 09:00 in Moscow, a business day.
pub fn start() -> Res<DateTime<Utc>> {
    Utc.with_ymd_and_hms(2025, 3, 3, 6, 0, 0)
        .single()
        .ok_or_else(|| "invalid start time".into())
}

/// The specialist's `Meta`, `minutes` after [`start`].
pub fn meta(minutes: i64) -> Res<Meta> {
    Ok(Meta::new(
        Actor::specialist("anna", "Анна Смирнова"),
        start()? + Duration::minutes(minutes),
    ))
}

/// The new ticket `T-{n}`.
pub fn new_ticket(n: u64) -> Res<NewTicket> {
    Ok(NewTicket {
        id: TicketId::new(format!("T-{n}"))?,
        client_id: ClientId::new("zhk-severny")?,
        contact_name: "Ирина Петрова".into(),
        product: "PASS24 Шлагбаум".into(),
        subject: "Не открывается шлагбаум по пропускам жителей".into(),
        description: "С утра шлагбаум на въезде не реагирует на постоянные пропуска жителей".into(),
        priority: Priority::High,
    })
}

/// The command payloads of the closure, each with its `Meta`, as the typed API takes them.
#[derive(Debug, Clone)]
pub struct ClosurePayloads {
    /// The client writes in.
    pub client_message: (LogMessage, Meta),
    /// The specialist replies.
    pub reply: (LogMessage, Meta),
    /// What diagnostics found.
    pub diagnostic: (AddDiagnostic, Meta),
    /// The client's question.
    pub question: (RecordQuestion, Meta),
    /// Its answer.
    pub answer: (AnswerQuestion, Meta),
    /// The work done.
    pub work: (LogWork, Meta),
    /// CLS-1.
    pub verify: (VerifyResolution, Meta),
    /// CLS-2, the standard request rendered by the library.
    pub request: (RequestConfirmation, Meta),
    /// The client confirms.
    pub confirmation: (RecordConfirmation, Meta),
    /// CLS-3.
    pub documentation: (SolutionDocumentation, Meta),
    /// CLS-4.
    pub completeness: (CheckCompleteness, Meta),
    /// CLS-5.
    pub knowledge_base: (RecordKnowledgeBaseDecision, Meta),
    /// CLS-6, rendered from CLS-TPL-N by the library.
    pub notification: (SendFinalNotification, Meta),
    /// CLS-7.
    pub close: (Close, Meta),
}

/// The closure's payloads, 10 minutes apart from 09:10 Moscow time.
pub fn closure_payloads() -> Res<ClosurePayloads> {
    Ok(ClosurePayloads {
        client_message: (
            LogMessage::from_client("Шлагбаум не открывается по пропускам, машины стоят у въезда"),
            meta(10)?,
        ),
        reply: (
            LogMessage::to_client("Здравствуйте! Проверяем контроллер шлагбаума."),
            meta(20)?,
        ),
        diagnostic: (
            AddDiagnostic::new("Контроллер не на связи с сервером после отключения питания"),
            meta(30)?,
        ),
        question: (
            RecordQuestion::new("Нужно ли заново выдавать пропуска жителям?"),
            meta(40)?,
        ),
        answer: (
            AnswerQuestion::new(1, "Нет, пропуска хранятся на сервере"),
            meta(50)?,
        ),
        work: (
            LogWork::minutes(45, "Перезапуск контроллера и синхронизация пропусков"),
            meta(60)?,
        ),
        verify: (
            VerifyResolution::all_checked("Проезд проверен по трём пропускам"),
            meta(70)?,
        ),
        request: (RequestConfirmation::default(), meta(80)?),
        confirmation: (
            RecordConfirmation::with_note("Да, шлагбаум открывается"),
            meta(90)?,
        ),
        documentation: (
            SolutionDocumentation {
                problem_description: "Шлагбаум не открывался по постоянным пропускам жителей"
                    .into(),
                cause: "После отключения питания контроллер потерял связь с сервером".into(),
                applied_solution: "Перезапустили контроллер и восстановили подключение".into(),
                recommendations: "Подключить контроллер к источнику бесперебойного питания".into(),
                resources: vec!["KB-118: Контроллер шлагбаума не на связи".into()],
                product_update: None,
            },
            meta(100)?,
        ),
        completeness: (
            CheckCompleteness {
                diagnostics_apply: true,
            },
            meta(110)?,
        ),
        knowledge_base: (
            RecordKnowledgeBaseDecision {
                decision: KnowledgeBaseDecision::NotNeededAlreadyCovered {
                    article: "KB-118".into(),
                },
            },
            meta(120)?,
        ),
        notification: (SendFinalNotification::default(), meta(130)?),
        close: (
            Close::new("Проблема решена", "Проезд по пропускам восстановлен"),
            meta(140)?,
        ),
    })
}

impl ClosurePayloads {
    /// The same closure as dynamic commands, in order.
    pub fn into_commands(self) -> Vec<(Command, Meta)> {
        let p = self;
        vec![
            (p.client_message.0.into(), p.client_message.1),
            (p.reply.0.into(), p.reply.1),
            (p.diagnostic.0.into(), p.diagnostic.1),
            (p.question.0.into(), p.question.1),
            (p.answer.0.into(), p.answer.1),
            (p.work.0.into(), p.work.1),
            (p.verify.0.into(), p.verify.1),
            (p.request.0.into(), p.request.1),
            (p.confirmation.0.into(), p.confirmation.1),
            (p.documentation.0.into(), p.documentation.1),
            (p.completeness.0.into(), p.completeness.1),
            (p.knowledge_base.0.into(), p.knowledge_base.1),
            (p.notification.0.into(), p.notification.1),
            (p.close.0.into(), p.close.1),
        ]
    }
}

/// The input of one dynamic run: a freshly opened ticket and the closure's commands.
pub fn dynamic_input(n: u64) -> Res<(Ticket, Vec<(Command, Meta)>)> {
    Ok((
        Ticket::open(new_ticket(n)?, meta(0)?)?,
        closure_payloads()?.into_commands(),
    ))
}

/// Applies the commands with [`Ticket::apply`]; the ticket ends closed.
pub fn run_dynamic(
    (mut ticket, commands): (Ticket, Vec<(Command, Meta)>),
    policy: &Policy,
) -> Res<Ticket> {
    for (cmd, meta) in commands {
        ticket.apply(cmd, meta, policy)?;
    }
    Ok(ticket)
}

/// The input of one typed run: a freshly opened `TicketIn<InWork>` and the payloads.
pub fn typed_input(n: u64) -> Res<(TicketIn<InWork>, ClosurePayloads)> {
    Ok((
        TicketIn::open(new_ticket(n)?, meta(0)?)?,
        closure_payloads()?,
    ))
}

/// Applies the payloads with [`TicketIn::apply`]; every step's status is checked by the compiler.
pub fn run_typed(
    (t, p): (TicketIn<InWork>, ClosurePayloads),
    policy: &Policy,
) -> Res<TicketIn<Closed>> {
    let t = t.apply(p.client_message.0, p.client_message.1, policy)?;
    let t = t.apply(p.reply.0, p.reply.1, policy)?;
    let t = t.apply(p.diagnostic.0, p.diagnostic.1, policy)?;
    let t = t.apply(p.question.0, p.question.1, policy)?;
    let t = t.apply(p.answer.0, p.answer.1, policy)?;
    let t = t.apply(p.work.0, p.work.1, policy)?;
    let t = t.apply(p.verify.0, p.verify.1, policy)?;
    let t = t.apply(p.request.0, p.request.1, policy)?;
    let t = t.apply(p.confirmation.0, p.confirmation.1, policy)?;
    let t = t.apply(p.documentation.0, p.documentation.1, policy)?;
    let t = t.apply(p.completeness.0, p.completeness.1, policy)?;
    let t = t.apply(p.knowledge_base.0, p.knowledge_base.1, policy)?;
    let t = t.apply(p.notification.0, p.notification.1, policy)?;
    Ok(t.apply(p.close.0, p.close.1, policy)?)
}

/// Ticket `T-{n}` after the first `commands` commands of the closure.
pub fn ticket_after(n: u64, commands: usize, policy: &Policy) -> Res<Ticket> {
    let (mut ticket, all) = dynamic_input(n)?;
    for (cmd, meta) in all.into_iter().take(commands) {
        ticket.apply(cmd, meta, policy)?;
    }
    Ok(ticket)
}

/// A ticket ready to close (every command but the close) and one in work
/// ([`IN_WORK_COMMANDS`] commands, not yet verified).
pub fn ready_and_in_work(policy: &Policy) -> Res<(Ticket, Ticket)> {
    Ok((
        ticket_after(1, CLOSURE_COMMANDS - 1, policy)?,
        ticket_after(2, IN_WORK_COMMANDS, policy)?,
    ))
}

/// A closed ticket: [`CLOSURE_COMMANDS`] + 1 events in its log.
pub fn closed_ticket(policy: &Policy) -> Res<Ticket> {
    ticket_after(3, CLOSURE_COMMANDS, policy)
}

/// A time after every event of the workload, to ask readiness questions at.
pub fn later() -> Res<DateTime<Utc>> {
    Ok(meta(24 * 60)?.at)
}
