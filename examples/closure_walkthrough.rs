//! The closure process of PASS24.online's support regulation, walked through
//! on realistic tickets:
//!
//! 1. a barrier that does not open for residents' passes: worked on, verified,
//!    confirmed; a close refused with every unmet rule and the CLS-CHK
//!    checklist; then documented, checked, notified (CLS-TPL-N) and closed,
//!    with the CLS-TPL-D documentation;
//! 2. a client who does not answer: the repeated request goes out before the
//!    May holidays, closing "with a mark" is refused until the business-day
//!    wait has passed, then allowed; the client comes back: reopen;
//! 3. the typed API, where a forbidden transition does not compile, and the
//!    event log's JSON round trip.
//!
//! Run it with `cargo run --release -p ticketry-examples --example closure_walkthrough`.
#![allow(clippy::print_stdout)]

use std::error::Error;

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Europe::Moscow;
use ticketry::checklist::{closing_checklist, ItemStatus};
use ticketry::closure::typed::TicketIn;
use ticketry::closure::*;
use ticketry::ticket::{Actor, ClientId, MessageKind, Meta, NewTicket, Priority, TicketId};
use ticketry::{templates, ApplyError, Policy, Ticket};

/// A Moscow wall-clock time, as the core wants it: in UTC.
fn msk(y: i32, m: u32, d: u32, h: u32, min: u32) -> Result<DateTime<Utc>, Box<dyn Error>> {
    let local = Moscow
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .ok_or("no such Moscow time")?;
    Ok(local.with_timezone(&Utc))
}

fn heading(text: &str) {
    println!("\n{}\n{}", text, "=".repeat(text.chars().count()));
}

fn print_refusal(err: &ApplyError) {
    println!("  refused ({}):", err.code());
    for u in err.unmet() {
        let field = u
            .field
            .as_deref()
            .map(|f| format!(" [{f}]"))
            .unwrap_or_default();
        println!(
            "    {:<9} {:<32}{} {}",
            u.rule.as_str(),
            u.code.as_str(),
            field,
            u.message_ru
        );
    }
}

fn print_checklist(ticket: &Ticket) {
    println!("  CLS-CHK:");
    for item in closing_checklist(ticket.state(), &Policy::default()) {
        let mark = match item.status {
            ItemStatus::Done => "[x]",
            ItemStatus::Pending => "[ ]",
            ItemStatus::NotApplicable => "[-]",
        };
        println!("    {mark} {:<42} {}", item.title_ru, item.explanation_ru);
    }
}

fn apply(
    ticket: &mut Ticket,
    cmd: impl Into<Command>,
    meta: Meta,
    policy: &Policy,
) -> Result<(), Box<dyn Error>> {
    let cmd = cmd.into();
    let kind = cmd.kind();
    let at = meta.at.with_timezone(&Moscow).format("%d.%m %H:%M");
    ticket.apply(cmd, meta, policy)?;
    println!(
        "  {at}  {:<32} -> {}",
        kind.as_str(),
        ticket.status().label_ru()
    );
    Ok(())
}

fn documentation() -> SolutionDocumentation {
    SolutionDocumentation {
        problem_description: "Шлагбаум на въезде не открывался по постоянным пропускам жителей"
            .into(),
        cause:
            "После отключения электричества контроллер шлагбаума потерял связь с сервером PASS24"
                .into(),
        applied_solution: "Перезапустили контроллер и восстановили подключение к серверу".into(),
        recommendations: "Подключить контроллер к источнику бесперебойного питания".into(),
        resources: vec![
            "KB-118: Контроллер не на связи".into(),
            "Журнал контроллера за 03.03".into(),
        ],
        product_update: None,
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let policy = Policy::default();
    let anna = Actor::specialist("anna", "Анна Смирнова");
    let at = |y, m, d, h, min| -> Result<Meta, Box<dyn Error>> {
        Ok(Meta::new(anna.clone(), msk(y, m, d, h, min)?))
    };

    println!(
        "ticketry {}: the closing regulation of PASS24.online support as code",
        ticketry::VERSION
    );
    println!(
        "policy: wait {} business days after the repeated request, time zone {}, calendar {}",
        policy.confirmation_wait_business_days, policy.time_zone, policy.calendar
    );

    // ------------------------------------------------------------------ 1
    heading("1. A barrier that does not open: from the first message to closing");
    let mut ticket = Ticket::open(
        NewTicket {
            id: TicketId::new("T-10234")?,
            client_id: ClientId::new("zhk-severny")?,
            contact_name: "Ирина Петрова".into(),
            product: "PASS24 Шлагбаум".into(),
            subject: "Не открывается шлагбаум по пропускам жителей".into(),
            description:
                "С утра шлагбаум на въезде в ЖК «Северный» не реагирует на постоянные пропуска"
                    .into(),
            priority: Priority::High,
        },
        at(2025, 3, 3, 9, 5)?,
    )?;
    println!(
        "  opened {} for {} ({})",
        ticket.id(),
        ticket.state().contact_name,
        ticket.state().product
    );
    apply(
        &mut ticket,
        LogMessage::to_client("Здравствуйте! Проверяем контроллер шлагбаума."),
        at(2025, 3, 3, 9, 20)?,
        &policy,
    )?;
    apply(
        &mut ticket,
        AddDiagnostic::new("Контроллер не на связи с 07:40, после отключения питания"),
        at(2025, 3, 3, 9, 40)?,
        &policy,
    )?;
    apply(
        &mut ticket,
        RecordQuestion::new("Нужно ли заново выдавать пропуска жителям?"),
        at(2025, 3, 3, 10, 0)?,
        &policy,
    )?;
    apply(
        &mut ticket,
        AnswerQuestion::new(1, "Нет, все пропуска сохранены на сервере"),
        at(2025, 3, 3, 10, 10)?,
        &policy,
    )?;
    apply(
        &mut ticket,
        LogWork::minutes(45, "Диагностика и перезапуск контроллера"),
        at(2025, 3, 3, 11, 0)?,
        &policy,
    )?;
    apply(
        &mut ticket,
        VerifyResolution::all_checked("Проезд проверен по трём пропускам"),
        at(2025, 3, 3, 11, 30)?,
        &policy,
    )?;
    apply(
        &mut ticket,
        RequestConfirmation::default(),
        at(2025, 3, 3, 11, 35)?,
        &policy,
    )?;
    apply(
        &mut ticket,
        RecordConfirmation::with_note("Да, шлагбаум открывается, спасибо"),
        at(2025, 3, 4, 9, 15)?,
        &policy,
    )?;

    println!("\n  The specialist tries to close right away:");
    let close = Close::new(
        "Проблема решена",
        "Проезд по постоянным пропускам восстановлен",
    );
    match ticket.apply(close.clone().into(), at(2025, 3, 4, 9, 20)?, &policy) {
        Ok(_) => return Err("the close should have been refused".into()),
        Err(err) => print_refusal(&err),
    }
    print_checklist(&ticket);

    println!("\n  The paperwork, in any order; documentation with a placeholder is refused first:");
    let mut sloppy = documentation();
    sloppy.cause = "TODO".into();
    sloppy.resources.clear();
    if let Err(err) = ticket.apply(sloppy.into(), at(2025, 3, 4, 9, 30)?, &policy) {
        print_refusal(&err);
    }
    apply(
        &mut ticket,
        documentation(),
        at(2025, 3, 4, 9, 40)?,
        &policy,
    )?;
    apply(
        &mut ticket,
        CheckCompleteness {
            diagnostics_apply: true,
        },
        at(2025, 3, 4, 9, 45)?,
        &policy,
    )?;
    let kb = KnowledgeBaseDecision::NotNeededAlreadyCovered {
        article: "KB-118".into(),
    };
    apply(
        &mut ticket,
        RecordKnowledgeBaseDecision { decision: kb },
        at(2025, 3, 4, 9, 50)?,
        &policy,
    )?;
    apply(
        &mut ticket,
        SendFinalNotification::default(),
        at(2025, 3, 4, 10, 0)?,
        &policy,
    )?;
    apply(&mut ticket, close, at(2025, 3, 4, 10, 5)?, &policy)?;

    let notification = ticket
        .state()
        .messages
        .iter()
        .rev()
        .find(|m| m.kind == MessageKind::FinalNotification);
    println!("\n  The final notification sent (CLS-TPL-N):\n");
    for line in notification
        .map(|m| m.text.as_str())
        .unwrap_or_default()
        .lines()
    {
        println!("    | {line}");
    }
    let closing_time = ticket
        .state()
        .closing
        .as_ref()
        .map(|c| c.at)
        .ok_or("closed")?;
    println!("\n  The solution documentation (CLS-TPL-D):\n");
    for line in templates::solution_documentation(ticket.state(), closing_time, &policy)?.lines() {
        println!("    | {line}");
    }
    print_checklist(&ticket);

    // ------------------------------------------------------------------ 2
    heading("2. No answer before the May holidays: close with a mark, then a reopen");
    let mut quiet = Ticket::open(
        NewTicket {
            id: TicketId::new("T-10391")?,
            client_id: ClientId::new("bc-neva")?,
            contact_name: "Олег Кузнецов".into(),
            product: "PASS24 Гостевые пропуска".into(),
            subject: "Гостевые пропуска не приходят по SMS".into(),
            description: "Гости не получают SMS с пропуском при заказе через приложение".into(),
            priority: Priority::Normal,
        },
        at(2025, 4, 28, 10, 0)?,
    )?;
    apply(
        &mut quiet,
        LogMessage::to_client("Проверяем отправку SMS по вашему объекту."),
        at(2025, 4, 28, 10, 15)?,
        &policy,
    )?;
    apply(
        &mut quiet,
        AddDiagnostic::new("SMS-шлюз отклонял отправку: истёк токен"),
        at(2025, 4, 28, 10, 40)?,
        &policy,
    )?;
    apply(
        &mut quiet,
        LogWork::minutes(30, "Обновление токена SMS-шлюза"),
        at(2025, 4, 28, 11, 0)?,
        &policy,
    )?;
    apply(
        &mut quiet,
        VerifyResolution::all_checked("Тестовый пропуск пришёл по SMS"),
        at(2025, 4, 28, 11, 10)?,
        &policy,
    )?;
    apply(
        &mut quiet,
        RequestConfirmation::default(),
        at(2025, 4, 28, 11, 15)?,
        &policy,
    )?;
    apply(
        &mut quiet,
        SolutionDocumentation {
            problem_description: "Гостевые пропуска не доставлялись по SMS".into(),
            cause: "Истёк токен доступа к SMS-шлюзу".into(),
            applied_solution: "Обновили токен и проверили доставку тестового пропуска".into(),
            recommendations: "Сообщать нам, если SMS не пришло в течение 5 минут".into(),
            resources: vec!["KB-204: Доставка SMS с пропусками".into()],
            product_update: None,
        },
        at(2025, 4, 28, 11, 30)?,
        &policy,
    )?;
    apply(
        &mut quiet,
        CheckCompleteness {
            diagnostics_apply: true,
        },
        at(2025, 4, 28, 11, 35)?,
        &policy,
    )?;
    apply(
        &mut quiet,
        RecordKnowledgeBaseDecision {
            decision: KnowledgeBaseDecision::NotNeededTypical,
        },
        at(2025, 4, 28, 11, 40)?,
        &policy,
    )?;
    println!("  The client does not answer; the repeated request goes out on Wednesday 30 April (a shortened day):");
    apply(
        &mut quiet,
        SendConfirmationReminder::default(),
        at(2025, 4, 30, 10, 0)?,
        &policy,
    )?;

    let monday = at(2025, 5, 5, 15, 0)?;
    println!("\n  Monday 5 May, 15:00: may the ticket be closed with a mark?");
    for u in quiet.why_blocked(CommandKind::CloseWithoutConfirmation, monday.at, &policy) {
        println!(
            "    {:<9} {:<32} {}",
            u.rule.as_str(),
            u.code.as_str(),
            u.message_ru
        );
    }
    let tuesday = at(2025, 5, 6, 10, 0)?;
    println!("\n  Tuesday 6 May, 10:00 (1-4 May off, two business days passed):");
    apply(
        &mut quiet,
        SendFinalNotification::default(),
        tuesday.clone(),
        &policy,
    )?;
    apply(
        &mut quiet,
        CloseWithoutConfirmation::new(
            "Клиент не ответил на повторный запрос",
            "Доставка SMS восстановлена, проверено",
        ),
        tuesday,
        &policy,
    )?;
    print_checklist(&quiet);

    println!("\n  On 12 May the client writes that SMS still do not arrive for one building:");
    let bad_reopen = Reopen {
        reason: "Клиент сообщил, что SMS не приходят".into(),
        mistake_cause: "".into(),
        client_notice: "-".into(),
        reported_by_client: true,
    };
    if let Err(err) = quiet.apply(bad_reopen.into(), at(2025, 5, 12, 9, 0)?, &policy) {
        print_refusal(&err);
    }
    apply(
        &mut quiet,
        Reopen {
            reason: "Клиент сообщил, что SMS не приходят гостям корпуса Б".into(),
            mistake_cause: "Проверили доставку только для корпуса А".into(),
            client_notice: "Мы продолжаем работу по вашему обращению и сообщим о результате".into(),
            reported_by_client: true,
        },
        at(2025, 5, 12, 9, 5)?,
        &policy,
    )?;
    println!(
        "  reopened {} time(s); the documentation is now stale: {}",
        quiet.state().reopen_count(),
        quiet
            .state()
            .closure
            .documentation
            .as_ref()
            .is_some_and(|d| d.stale)
    );
    println!("  available now:");
    for a in quiet.available_commands(at(2025, 5, 12, 9, 10)?.at, &policy) {
        println!(
            "    {} {}",
            if a.allowed { "+" } else { "-" },
            a.command.as_str()
        );
    }

    // ------------------------------------------------------------------ 3
    heading("3. The typed API and the event log");
    let typed = TicketIn::open(
        NewTicket {
            id: TicketId::new("T-10400")?,
            client_id: ClientId::new("zhk-severny")?,
            contact_name: "Ирина Петрова".into(),
            product: "PASS24 Камеры".into(),
            subject: "Камера не распознаёт номера".into(),
            description: "Камера на въезде перестала распознавать номера автомобилей".into(),
            priority: Priority::Normal,
        },
        at(2025, 6, 2, 10, 0)?,
    )?;
    let typed = typed.apply(
        LogWork::minutes(20, "Калибровка камеры"),
        at(2025, 6, 2, 11, 0)?,
        &policy,
    )?;
    let typed = typed.apply(
        VerifyResolution::all_checked("Номера распознаются"),
        at(2025, 6, 2, 11, 30)?,
        &policy,
    )?;
    // `typed` is a TicketIn<Verified>: `typed.apply(Close::new(..), ..)` would not compile.
    let typed = typed.apply(
        RequestConfirmation::default(),
        at(2025, 6, 2, 11, 35)?,
        &policy,
    )?;
    println!(
        "  typed ticket is in status `{}` (type TicketIn<AwaitingConfirmation>)",
        typed.state().status
    );

    let json = ticket.to_json();
    let replayed = Ticket::from_json(&json)?;
    println!(
        "  {} as an event log: {} events, {} bytes of JSON; replayed state identical: {}",
        ticket.id(),
        ticket.history().len(),
        json.len(),
        replayed == ticket
    );
    let broken = json.replacen("\"schema_version\":1", "\"schema_version\":7", 1);
    if let Err(err) = Ticket::from_json(&broken) {
        println!("  a log from the future is refused: [{}] {err}", err.code());
    }
    println!(
        "\n  The transition table as a Mermaid diagram is in docs/closure.mmd ({} transitions).",
        TRANSITIONS.len()
    );
    Ok(())
}
