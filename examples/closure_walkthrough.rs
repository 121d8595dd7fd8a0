#![allow(clippy::print_stdout)]
//! # The closure walkthrough
//!
//! The main example of `ticketry`: the closing regulation of PASS24.online
//! support («Закрытие обращения», rules `CLS-*`) applied to realistic tickets
//! and printed as a story. The narration is in English; every text the
//! library produces for people (refusals, checklist, templates) is printed in
//! Russian, as the support team and the client would see it.
//!
//! 1. **T-10234, ЖК «Северный»: the barrier (шлагбаум) does not open for
//!    residents' passes.** The specialist logs the client's messages and the
//!    replies, a diagnostic, a client question and its answer, the work done;
//!    verifies the solution (CLS-1) and requests confirmation (CLS-2). The
//!    client confirms and asks one more question; the specialist tries to close
//!    at once and is **refused**: every unmet rule (rule ID, code, Russian
//!    message) and the CLS-CHK checklist at that moment. Then the answer
//!    (CLS-R4), the documentation (CLS-3; a placeholder is refused first), the
//!    completeness check (CLS-4), the knowledge-base decision (CLS-5), the final
//!    notification (CLS-6, its CLS-TPL-N text printed) and the close (CLS-7);
//!    then the CLS-TPL-D solution documentation.
//! 2. **T-10391, ЖК «Речной»: the client does not answer (CLS-S1).** The
//!    repeated request goes out on Friday 31 October 2025. On Saturday
//!    1 November (a working Saturday on the Russian production calendar)
//!    closing "with a mark" is refused, with the business-day deadline in the
//!    Russian message: Wednesday 5 November, since 3 and 4 November are days
//!    off (a plain Monday-to-Friday count would have said Tuesday 4 November, a
//!    public holiday). After the wait the ticket is closed without
//!    confirmation. A week later the client writes that the problem is not
//!    solved: the ticket is reopened (CLS-S3: reason, cause of the mistake,
//!    notice to the client) and its reopen counter goes to 1.
//! 3. **T-10480, ЖК «Северный» again: a repeat ticket (REP rules).** Detection
//!    ranks the earlier tickets it likely repeats, with the evidence. In an
//!    [`Archive`] with T-10234 and an earlier related ticket: the client's
//!    history (REP-1), the decision, links to the two earlier tickets with
//!    their repeat types (a link to a later ticket is refused), the analyses
//!    (REP-2, one pre-filled from T-10234's documentation), an information
//!    request and the cause (REP-4), the REP-5 decision table; a close refused
//!    with the missing REP items and their typical errors (REP-ERR); the action,
//!    the prevention recommendations (REP-7), the REP-TPL reply, the close and
//!    the REP-CHK checklist. Then a third occurrence in May makes it a chronic
//!    problem (REP-S1: escalation tasks and re-check dates on the production
//!    calendar) of a client who does not apply solutions (REP-S2).
//! 4. **The typed API** (`TicketIn<S>`): the status is in the type, so a
//!    forbidden transition does not compile.
//! 5. **The event log**: the tickets saved as JSON and replayed
//!    (`Ticket::from_json`, `Ticket::from_events`) into identical state.
//!
//! Every time is written in UTC, as the library takes it, and falls in Moscow
//! working hours; the policy is the regulation's default (`Policy::default()`:
//! wait 2 business days, Europe/Moscow, the Russian production calendar).
//!
//! ```text
//! cargo run --release -p ticketry-examples --example closure_walkthrough
//! ```

use std::error::Error;

use chrono::{DateTime, Datelike, Duration, TimeZone, Utc, Weekday};
use ticketry::archive::{Archive, ArchiveError};
use ticketry::checklist::{closing_checklist, repeat_checklist, ItemStatus};
use ticketry::closure::typed::{AwaitingConfirmation, TicketIn};
use ticketry::closure::{
    AddDiagnostic, AnswerQuestion, CheckCompleteness, Close, CloseWithoutConfirmation, Command,
    CommandKind, KnowledgeBaseDecision, LinkTicket, LogMessage, LogWork, RecordConfirmation,
    RecordKnowledgeBaseDecision, RecordQuestion, Reopen, RequestConfirmation,
    SendConfirmationReminder, SendFinalNotification, SolutionDocumentation, VerifyResolution,
    TRANSITIONS,
};
use ticketry::detection::DetectionQuery;
use ticketry::repeat::{
    ApplyRepeatSolution, ConfirmRecommendationsUnderstood, DetermineCause,
    GivePreventionRecommendations, HistoryCheck, RecordRepeatAnalysis, RecordRepeatDecision,
    RecurrenceCause, RepeatAction, RepeatType, RequestRepeatInformation, TypicalError,
};
use ticketry::ticket::{Actor, ClientId, MessageKind, Meta, NewTicket, Priority, Role, TicketId};
use ticketry::{templates, ApplyError, Policy, Ticket};

type Res<T = ()> = Result<T, Box<dyn Error>>;

/// An instant given in UTC.
fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> Res<DateTime<Utc>> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .ok_or_else(|| format!("no such time {y}-{m}-{d} {h}:{min}").into())
}

fn heading(text: &str) {
    println!("\n{text}\n{}", "=".repeat(text.chars().count()));
}

fn narrate(text: &str) {
    println!("\n  {text}");
}

/// Prints a text the library rendered, framed.
fn framed(text: &str) {
    for line in text.lines() {
        println!("    | {line}");
    }
}

/// The support desk of the story: the policy, the specialist, and the client
/// currently on the line.
struct Desk {
    policy: Policy,
    specialist: Actor,
    client: Actor,
}

impl Desk {
    /// A time as the people in the story read it: Moscow local time.
    fn when(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&self.policy.time_zone)
            .format("%a %d.%m %H:%M")
            .to_string()
    }

    fn by_specialist(&self, at: DateTime<Utc>) -> Meta {
        Meta::new(self.specialist.clone(), at)
    }

    /// Applies a command the specialist issues; prints the step and any status change.
    fn step(
        &self,
        ticket: &mut Ticket,
        at: DateTime<Utc>,
        what: &str,
        cmd: impl Into<Command>,
    ) -> Res {
        self.step_as(ticket, self.by_specialist(at), what, cmd)
    }

    /// The same, with the client as the actor (a message from the client's portal).
    fn client_step(
        &self,
        ticket: &mut Ticket,
        at: DateTime<Utc>,
        what: &str,
        cmd: impl Into<Command>,
    ) -> Res {
        self.step_as(ticket, Meta::new(self.client.clone(), at), what, cmd)
    }

    fn step_as(&self, ticket: &mut Ticket, meta: Meta, what: &str, cmd: impl Into<Command>) -> Res {
        let cmd = cmd.into();
        let kind = cmd.kind();
        let before = ticket.status();
        let when = self.when(meta.at);
        ticket.apply(cmd, meta, &self.policy)?;
        println!("  {when}  {:<31} {what}", kind.as_str());
        if ticket.status() != before {
            println!(
                "  {:15}  {:<31} status: {} ({})",
                "",
                "",
                ticket.status().label_ru(),
                ticket.status().label_en()
            );
        }
        Ok(())
    }

    /// Applies a command that the regulation must refuse, and prints why.
    fn refused(
        &self,
        ticket: &mut Ticket,
        at: DateTime<Utc>,
        what: &str,
        cmd: impl Into<Command>,
    ) -> Res {
        let version = ticket.version();
        let cmd = cmd.into();
        println!("  {}  {:<31} {what}", self.when(at), cmd.kind().as_str());
        match ticket.apply(cmd, self.by_specialist(at), &self.policy) {
            Ok(_) => Err("the regulation should have refused this command".into()),
            Err(err) => {
                print_refusal(&err);
                if ticket.version() != version {
                    return Err("a refused command changed the ticket".into());
                }
                Ok(())
            }
        }
    }

    fn checklist(&self, ticket: &Ticket) {
        println!(
            "  CLS-CHK «Контрольный чек-лист» for {} ({}):",
            ticket.id(),
            ticket.status().label_ru()
        );
        for item in closing_checklist(ticket.state(), &self.policy) {
            let mark = match item.status {
                ItemStatus::Done => "[x]",
                ItemStatus::Pending => "[ ]",
                ItemStatus::NotApplicable => "[-]",
            };
            println!("    {mark} {:<42} {}", item.title_ru, item.explanation_ru);
        }
    }
}

fn print_refusal(err: &ApplyError) {
    let unmet = err.unmet();
    if unmet.is_empty() {
        println!("    REFUSED [{}] {err}", err.code());
        return;
    }
    println!(
        "    REFUSED [{}]: {} unmet rule(s):",
        err.code(),
        unmet.len()
    );
    for u in unmet {
        let field = u
            .field
            .as_deref()
            .filter(|f| !u.message_ru.contains(&format!("`{f}`")))
            .map(|f| format!("  (поле `{f}`)"))
            .unwrap_or_default();
        println!(
            "      {:<7} {:<32} {}{field}",
            u.rule.as_str(),
            u.code.as_str(),
            u.message_ru
        );
    }
}

/// The latest message of `kind` the ticket holds (a text the library rendered).
fn last_message(ticket: &Ticket, kind: MessageKind) -> Res<String> {
    ticket
        .state()
        .messages
        .iter()
        .rev()
        .find(|m| m.kind == kind)
        .map(|m| m.text.clone())
        .ok_or_else(|| format!("no {kind:?} message").into())
}

/// What a plain Monday-to-Friday count would give: `n` weekdays after `from`,
/// in the policy's time zone. Only to contrast with the production calendar.
fn weekdays_only_deadline(from: DateTime<Utc>, n: u32, policy: &Policy) -> String {
    let mut day = from.with_timezone(&policy.time_zone);
    let mut left = n;
    while left > 0 {
        day += Duration::days(1);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    day.format("%a %d.%m %H:%M").to_string()
}

fn barrier_documentation() -> SolutionDocumentation {
    SolutionDocumentation {
        problem_description:
            "Шлагбаум на въезде в ЖК «Северный» не открывался по постоянным пропускам жителей"
                .into(),
        cause: "После ночного отключения электропитания контроллер шлагбаума не восстановил \
                связь с сервером PASS24 и отклонял все пропуска"
            .into(),
        applied_solution:
            "Перезапустили контроллер, восстановили подключение к серверу и синхронизировали \
             список пропусков"
                .into(),
        recommendations: "Подключить контроллер шлагбаума к источнику бесперебойного питания; \
                          при повторении — сообщить в поддержку с указанием времени отключения"
            .into(),
        resources: vec![
            "KB-118: Контроллер шлагбаума не на связи".into(),
            "Журнал контроллера за 03.03.2025".into(),
        ],
        product_update: None,
    }
}

fn main() -> Res {
    let policy = Policy::default();
    println!(
        "ticketry {}: the closing regulation of PASS24.online support, as code",
        ticketry::VERSION
    );
    println!(
        "Policy::default(): wait {} business days after the repeated request; business days in {}; {}",
        policy.confirmation_wait_business_days, policy.time_zone, policy.calendar
    );
    println!("Times below are Moscow local time (the library is given UTC).");

    let mut desk = Desk {
        policy,
        specialist: Actor::specialist("anna", "Анна Смирнова"),
        client: Actor {
            id: "zhk-severny:petrova".into(),
            role: Role::Client,
            name: Some("Ирина Петрова".into()),
        },
    };

    let closed_ticket = barrier_story(&desk)?;

    desk.client = Actor {
        id: "zhk-rechnoy:kuznetsov".into(),
        role: Role::Client,
        name: Some("Олег Кузнецов".into()),
    };
    let reopened_ticket = silent_client_story(&desk)?;

    desk.client = Actor {
        id: "zhk-severny:petrova".into(),
        role: Role::Client,
        name: Some("Ирина Петрова".into()),
    };
    let archive = repeat_story(&desk, &closed_ticket)?;

    typed_api(&desk)?;
    let repeat_ticket = archive
        .get(&TicketId::new("T-10480")?)
        .ok_or("T-10480 is in the archive")?;
    event_log(&[&closed_ticket, &reopened_ticket, repeat_ticket])?;
    Ok(())
}

/// Applies a step to a ticket of the archive and prints it.
fn archive_step(
    desk: &Desk,
    archive: &mut Archive,
    id: &TicketId,
    meta: Meta,
    what: &str,
    cmd: impl Into<Command>,
) -> Res {
    let cmd = cmd.into();
    let kind = cmd.kind();
    let when = desk.when(meta.at);
    archive.apply(id, cmd, meta, &desk.policy)?;
    println!("  {when}  {:<34} {what}", kind.as_str());
    Ok(())
}

/// Ticket 3: the barrier problem comes back (the repeat regulation, REP rules),
/// then a third time: a chronic problem (REP-S1) of a client who does not
/// apply the solution (REP-S2).
fn repeat_story(desk: &Desk, first: &Ticket) -> Res<Archive> {
    heading("3. ЖК «Северный» again: a repeat ticket (REP rules) and a chronic problem");
    let policy = &desk.policy;
    let sp = |y, m, d, h, min| -> Res<Meta> { Ok(desk.by_specialist(utc(y, m, d, h, min)?)) };
    let mut archive = Archive::from_tickets([first.clone()])?;
    // An earlier, related ticket of the same client, from February.
    let gate = TicketId::new("T-10050")?;
    archive.open(
        NewTicket {
            id: gate.clone(),
            client_id: ClientId::new("zhk-severny")?,
            contact_name: "Ирина Петрова".into(),
            product: "PASS24 Шлагбаум".into(),
            subject: "Шлагбаум открывается с задержкой".into(),
            description: "Шлагбаум открывается через 10–15 секунд после поднесения пропуска".into(),
            priority: Priority::Normal,
        },
        sp(2025, 2, 10, 7, 0)?,
    )?;
    let id = TicketId::new("T-10480")?;
    archive.open(
        NewTicket {
            id: id.clone(),
            client_id: ClientId::new("zhk-severny")?,
            contact_name: "Ирина Петрова".into(),
            product: "PASS24 Шлагбаум".into(),
            subject: "Снова не открывается шлагбаум".into(),
            description: "Шлагбаум опять не пускает жителей по пропускам, как в обращении T-10234"
                .into(),
            priority: Priority::High,
        },
        sp(2025, 4, 14, 6, 30)?,
    )?;
    narrate("REP-1: the client's earlier tickets, newest first, and the mention of T-10234:");
    for t in archive.earlier_client_tickets(&id) {
        println!(
            "    {}  {}  {}  ({})",
            t.id(),
            desk.when(t.state().created_at),
            t.state().subject,
            t.status().label_ru()
        );
    }
    narrate("REP-1 detection: what T-10480 likely repeats, ranked and explained:");
    let query = DetectionQuery::from_ticket(archive.get(&id).ok_or("T-10480")?);
    let found = archive.detect(&query, policy);
    for c in &found.candidates {
        let mention = c
            .signals
            .reference
            .as_ref()
            .map(|r| format!("; mentioned: «{}»", r.text))
            .unwrap_or_default();
        let solved = c
            .solution
            .as_ref()
            .map(|s| format!("; solved: {s}"))
            .unwrap_or_default();
        println!(
            "    {}  score {:.2}  {}  suggested {} ({:.0} %)\n      text {:.2}, shared words: {}; same client: {}{mention}{solved}",
            c.id,
            c.score,
            c.decision.as_str(),
            c.suggested_type.label_ru(),
            c.type_confidence * 100.0,
            c.signals.text_similarity,
            c.signals.shared_terms.join(", "),
            if c.signals.same_client { "yes" } else { "no" },
        );
    }
    archive_step(
        desk,
        &mut archive,
        &id,
        sp(2025, 4, 14, 6, 40)?,
        "decided: a repeat",
        RecordRepeatDecision::repeat(
            HistoryCheck::ALL,
            "Клиент ссылается на T-10234; та же проблема со шлагбаумом",
        ),
    )?;
    archive_step(
        desk,
        &mut archive,
        &id,
        sp(2025, 4, 14, 6, 42)?,
        "REP-T1 same problem as T-10234",
        LinkTicket::repeat_of(
            first.id().clone(),
            RepeatType::SameProblem,
            "Шлагбаум снова не открывается по пропускам",
        ),
    )?;
    archive_step(
        desk,
        &mut archive,
        &id,
        sp(2025, 4, 14, 6, 43)?,
        "REP-T2 related to T-10050",
        LinkTicket::repeat_of(
            gate.clone(),
            RepeatType::RelatedProblem,
            "Тот же контроллер, задержка открытия",
        ),
    )?;
    narrate("A link to a ticket opened later is refused (REP-3):");
    let later = LinkTicket::related(id.clone(), "обратная связь");
    match archive.apply(&gate, later.into(), sp(2025, 4, 14, 6, 44)?, policy) {
        Ok(_) => return Err("a link to a later ticket must be refused".into()),
        Err(ArchiveError::Apply(err)) => print_refusal(&err),
        Err(other) => return Err(other.into()),
    }
    let analysis = RecordRepeatAnalysis::from_earlier(
        archive
            .get(first.id())
            .ok_or("T-10234 is in the archive")?
            .state(),
    );
    archive_step(
        desk,
        &mut archive,
        &id,
        sp(2025, 4, 14, 6, 50)?,
        "REP-2 from T-10234's documentation",
        analysis,
    )?;
    archive_step(
        desk,
        &mut archive,
        &id,
        sp(2025, 4, 14, 6, 55)?,
        "REP-2 T-10050",
        RecordRepeatAnalysis {
            earlier: gate.clone(),
            problem_description: "Шлагбаум открывался с задержкой 10–15 секунд".into(),
            applied_solution: "Очистили журнал контроллера по телефону".into(),
            result: "Задержка пропала".into(),
            time_to_resolve_minutes: Some(40),
            cause: RecurrenceCause::NotYetKnown,
            notes: String::new(),
            earlier_opened_at: None,
        },
    )?;
    archive_step(
        desk,
        &mut archive,
        &id,
        sp(2025, 4, 14, 7, 0)?,
        "REP-4: ask the client first",
        RequestRepeatInformation {
            question: "Подключили ли вы контроллер к ИБП после прошлого обращения?".into(),
        },
    )?;
    archive_step(
        desk,
        &mut archive,
        &id,
        Meta::new(desk.client.clone(), utc(2025, 4, 14, 8, 15)?),
        "the client answers",
        LogMessage::from_client("Нет, ИБП так и не поставили"),
    )?;
    archive_step(
        desk,
        &mut archive,
        &id,
        sp(2025, 4, 14, 8, 30)?,
        "REP-4 cause: not applied",
        DetermineCause::new(
            RecurrenceCause::NotApplied,
            "Рекомендацию из T-10234 (ИБП) клиент не выполнил",
        ),
    )?;
    let cause = archive
        .get(&id)
        .ok_or("T-10480")?
        .state()
        .repeat
        .determined_cause();
    if let Some(action) = RepeatAction::for_cause(cause) {
        narrate(&format!(
            "REP-5 decision table: «{}» → «{}»",
            cause.label_ru(),
            action.label_ru()
        ));
    }
    for (h, m, what, cmd) in [
        (
            9,
            0,
            "",
            Command::from(LogMessage::to_client(
                "Здравствуйте! Перезапустили контроллер удалённо.",
            )),
        ),
        (
            9,
            5,
            "",
            LogWork::minutes(30, "Удалённый перезапуск контроллера").into(),
        ),
        (
            9,
            10,
            "",
            AddDiagnostic::new("Контроллер не на связи после отключения питания").into(),
        ),
        (
            9,
            20,
            "",
            VerifyResolution::all_checked("Проезд по пропускам проверен").into(),
        ),
        (9, 25, "", RequestConfirmation::default().into()),
    ] {
        archive_step(desk, &mut archive, &id, sp(2025, 4, 14, h, m)?, what, cmd)?;
    }
    archive_step(
        desk,
        &mut archive,
        &id,
        Meta::new(desk.client.clone(), utc(2025, 4, 15, 6, 0)?),
        "the client confirms",
        RecordConfirmation::with_note("Да, пускает"),
    )?;
    for (m, cmd) in [
        (10, Command::from(barrier_documentation())),
        (
            12,
            CheckCompleteness {
                diagnostics_apply: true,
            }
            .into(),
        ),
        (
            14,
            RecordKnowledgeBaseDecision {
                decision: KnowledgeBaseDecision::NotNeededAlreadyCovered {
                    article: "KB-118".into(),
                },
            }
            .into(),
        ),
    ] {
        archive_step(desk, &mut archive, &id, sp(2025, 4, 15, 7, m)?, "", cmd)?;
    }
    narrate("Close now: refused, the REP items listed beside the CLS one (REP-ERR):");
    let close = Close::new("Проблема решена", "Проезд по пропускам восстановлен");
    match archive.apply(&id, close.clone().into(), sp(2025, 4, 15, 7, 20)?, policy) {
        Ok(_) => return Err("a repeat without prevention must not close".into()),
        Err(ArchiveError::Apply(err)) => {
            print_refusal(&err);
            for u in err.unmet() {
                if let Some(e) = TypicalError::of(u) {
                    println!(
                        "      {} — typical error «{}»: {}",
                        u.rule,
                        e.label_ru(),
                        e.remedy_ru()
                    );
                }
            }
        }
        Err(other) => return Err(other.into()),
    }
    archive_step(
        desk,
        &mut archive,
        &id,
        sp(2025, 4, 15, 7, 30)?,
        "REP-5 remind of the solution",
        ApplyRepeatSolution::new(
            RepeatAction::RemindEarlierSolution,
            "Напомнили о подключении контроллера к ИБП и отправили пошаговую инструкцию",
        ),
    )?;
    archive_step(
        desk,
        &mut archive,
        &id,
        sp(2025, 4, 15, 7, 35)?,
        "REP-7",
        GivePreventionRecommendations {
            how_to_avoid: "Подключить контроллер шлагбаума к источнику бесперебойного питания"
                .into(),
            if_it_recurs: "Перезагрузить контроллер и сообщить нам номер этого обращения".into(),
            additional: "Проверять журнал контроллера раз в месяц".into(),
        },
    )?;
    archive_step(
        desk,
        &mut archive,
        &id,
        Meta::new(desk.client.clone(), utc(2025, 4, 15, 8, 0)?),
        "REP-7 the client understood",
        ConfirmRecommendationsUnderstood {
            note: "Понятно, закажем ИБП".into(),
        },
    )?;
    let reply = templates::repeat_reply(
        archive.get(&id).ok_or("T-10480")?.state(),
        "Анна Смирнова",
        policy,
    )?;
    narrate("REP-TPL, the reply to the repeat ticket:");
    framed(&reply);
    archive_step(
        desk,
        &mut archive,
        &id,
        sp(2025, 4, 15, 8, 10)?,
        "",
        SendFinalNotification::default(),
    )?;
    archive_step(
        desk,
        &mut archive,
        &id,
        sp(2025, 4, 15, 8, 15)?,
        "closed",
        close,
    )?;
    let t = archive.get(&id).ok_or("T-10480")?;
    println!(
        "  REP-CHK «Контрольный чек-лист» for {} ({}):",
        t.id(),
        t.status().label_ru()
    );
    for item in repeat_checklist(t.state(), policy) {
        let mark = match item.status {
            ItemStatus::Done => "[x]",
            ItemStatus::Pending => "[ ]",
            ItemStatus::NotApplicable => "[-]",
        };
        println!("    {mark} {:<58} {}", item.title_ru, item.explanation_ru);
    }

    narrate(
        "May: the barrier again (T-10522). Three times in 90 days is a chronic problem (REP-S1).",
    );
    let third = TicketId::new("T-10522")?;
    archive.open(
        NewTicket {
            id: third.clone(),
            client_id: ClientId::new("zhk-severny")?,
            contact_name: "Ирина Петрова".into(),
            product: "PASS24 Шлагбаум".into(),
            subject: "Шлагбаум не открывается в третий раз".into(),
            description: "После грозы шлагбаум снова не реагирует на пропуска".into(),
            priority: Priority::High,
        },
        sp(2025, 5, 19, 6, 0)?,
    )?;
    archive_step(
        desk,
        &mut archive,
        &third,
        sp(2025, 5, 19, 6, 10)?,
        "",
        RecordRepeatDecision::repeat(HistoryCheck::ALL, "Третий раз"),
    )?;
    archive_step(
        desk,
        &mut archive,
        &third,
        sp(2025, 5, 19, 6, 12)?,
        "",
        LinkTicket::repeat_of(
            id.clone(),
            RepeatType::SameProblem,
            "Снова после отключения питания",
        ),
    )?;
    archive_step(
        desk,
        &mut archive,
        &third,
        sp(2025, 5, 19, 6, 20)?,
        "",
        DetermineCause::new(RecurrenceCause::NotApplied, "ИБП так и не установлен"),
    )?;
    let now = utc(2025, 5, 20, 9, 0)?;
    for p in archive.chronic_problems(now, policy) {
        let ids: Vec<&str> = p.tickets.iter().map(|t| t.as_str()).collect();
        println!(
            "  chronic: {} — {} ({} in the window)",
            p.subject,
            ids.join(" → "),
            p.recent.len()
        );
        for task in &p.escalation.tasks {
            println!("    - {}", task.label_ru());
        }
        let dates: Vec<String> = p
            .escalation
            .rechecks
            .iter()
            .map(|d| desk.when(*d))
            .collect();
        println!(
            "    re-checks every {} business days: {}",
            policy.repeat.recheck_interval_business_days,
            dates.join(", ")
        );
    }
    for c in archive.clients_not_applying_solutions(now, policy) {
        let ids: Vec<&str> = c.tickets.iter().map(|t| t.as_str()).collect();
        println!(
            "  REP-S2: {} did not apply solutions in {}:",
            c.client_id,
            ids.join(", ")
        );
        for a in &c.actions {
            println!("    - {}", a.label_ru());
        }
    }
    Ok(archive)
}

/// Ticket 1: from the first message to a closed ticket.
fn barrier_story(desk: &Desk) -> Res<Ticket> {
    heading("1. ЖК «Северный»: the barrier does not open for residents' passes");
    let policy = &desk.policy;

    // Monday 3 March 2025, 09:05 Moscow (06:05 UTC).
    let mut t = Ticket::open(
        NewTicket {
            id: TicketId::new("T-10234")?,
            client_id: ClientId::new("zhk-severny")?,
            contact_name: "Ирина Петрова".into(),
            product: "PASS24 Шлагбаум".into(),
            subject: "Не открывается шлагбаум по пропускам жителей".into(),
            description: "С утра шлагбаум на въезде в ЖК «Северный» не реагирует на постоянные \
                          пропуска жителей, машины стоят у въезда"
                .into(),
            priority: Priority::High,
        },
        desk.by_specialist(utc(2025, 3, 3, 6, 5)?),
    )?;
    println!(
        "  {}  open                            {} opened for {} ({}), priority {:?}",
        desk.when(t.state().created_at),
        t.id(),
        t.state().contact_name,
        t.state().product,
        t.state().priority
    );
    println!(
        "  {:15}  {:<31} status: {} ({})",
        "",
        "",
        t.status().label_ru(),
        t.status().label_en()
    );

    narrate("The specialist works on it; every message, finding and minute is recorded:");
    desk.step(
        &mut t,
        utc(2025, 3, 3, 6, 12)?,
        "reply to the client",
        LogMessage::to_client(
            "Здравствуйте, Ирина! Проверяем контроллер шлагбаума, вернёмся с ответом в течение 30 минут.",
        ),
    )?;
    desk.step(
        &mut t,
        utc(2025, 3, 3, 6, 30)?,
        "diagnostics",
        AddDiagnostic {
            summary: "Контроллер шлагбаума не на связи с сервером с 04:40".into(),
            details: "Ночью было отключение электропитания; после него контроллер не \
                      переподключился, все пропуска отклоняются локально"
                .into(),
        },
    )?;
    desk.client_step(
        &mut t,
        utc(2025, 3, 3, 6, 41)?,
        "the client asks a question",
        RecordQuestion::new("Нужно ли заново выдавать пропуска жителям?"),
    )?;
    desk.step(
        &mut t,
        utc(2025, 3, 3, 6, 50)?,
        "answer to question 1",
        AnswerQuestion::new(
            1,
            "Нет, все пропуска хранятся на сервере и снова заработают после восстановления связи",
        ),
    )?;
    desk.step(
        &mut t,
        utc(2025, 3, 3, 7, 35)?,
        "45 min of work logged",
        LogWork::minutes(
            45,
            "Удалённый перезапуск контроллера, восстановление подключения, синхронизация пропусков",
        ),
    )?;
    desk.client_step(
        &mut t,
        utc(2025, 3, 3, 7, 40)?,
        "the client writes in",
        LogMessage::from_client("Шлагбаум открылся, жители проезжают"),
    )?;
    desk.step(
        &mut t,
        utc(2025, 3, 3, 7, 55)?,
        "CLS-1: works, all aspects, no related problems",
        VerifyResolution::all_checked(
            "Проверен проезд по трём постоянным и одному гостевому пропуску; связь стабильна",
        ),
    )?;
    desk.step(
        &mut t,
        utc(2025, 3, 3, 8, 0)?,
        "CLS-2: the standard request, rendered by the library",
        RequestConfirmation::default(),
    )?;
    framed(&last_message(&t, MessageKind::ConfirmationRequest)?);

    narrate("Tuesday morning the client confirms, and asks one more question:");
    desk.client_step(
        &mut t,
        utc(2025, 3, 4, 6, 15)?,
        "confirmation with a further question",
        RecordConfirmation {
            note: "Да, шлагбаум открывается, спасибо!".into(),
            further_questions: vec![
                "Можно ли сделать так, чтобы после отключения света он включался сам?".into(),
            ],
        },
    )?;

    narrate("The specialist is tempted to close right away. The regulation refuses, naming every unmet rule:");
    let close = Close::new(
        "Проблема решена, клиент подтвердил",
        "Проезд по постоянным пропускам жителей восстановлен",
    );
    desk.refused(&mut t, utc(2025, 3, 4, 6, 20)?, "close now?", close.clone())?;
    println!();
    desk.checklist(&t);

    narrate("So: the open question is answered, and the paperwork done (any order).");
    desk.step(
        &mut t,
        utc(2025, 3, 4, 6, 30)?,
        "answer to question 2 (CLS-R4)",
        AnswerQuestion::new(
            2,
            "Да: подключите контроллер к источнику бесперебойного питания, инструкция в KB-118",
        ),
    )?;
    let mut sloppy = barrier_documentation();
    sloppy.cause = "TODO".into();
    sloppy.resources.clear();
    desk.refused(
        &mut t,
        utc(2025, 3, 4, 6, 35)?,
        "documentation with a placeholder cause, no resources",
        sloppy,
    )?;
    desk.step(
        &mut t,
        utc(2025, 3, 4, 6, 40)?,
        "CLS-3: the solution documented",
        barrier_documentation(),
    )?;
    desk.step(
        &mut t,
        utc(2025, 3, 4, 6, 45)?,
        "CLS-4: description, solution, time, messages, diagnostics",
        CheckCompleteness {
            diagnostics_apply: true,
        },
    )?;
    desk.step(
        &mut t,
        utc(2025, 3, 4, 6, 50)?,
        "CLS-5: KB-118 updated with the UPS advice",
        RecordKnowledgeBaseDecision {
            decision: KnowledgeBaseDecision::ArticleUpdated {
                article: "KB-118".into(),
            },
        },
    )?;
    desk.step(
        &mut t,
        utc(2025, 3, 4, 7, 0)?,
        "CLS-6: rendered from CLS-TPL-N",
        SendFinalNotification::default(),
    )?;
    println!(
        "  ready to close now? {}",
        t.can_kind(CommandKind::Close, utc(2025, 3, 4, 7, 5)?, policy)
    );
    desk.step(&mut t, utc(2025, 3, 4, 7, 5)?, "CLS-7", close)?;

    narrate("The final notification the client received (CLS-TPL-N):");
    println!();
    framed(&last_message(&t, MessageKind::FinalNotification)?);

    let closing = t.state().closing.as_ref().ok_or("the ticket is closed")?;
    println!(
        "\n  Closed {} by {}: reason «{}», result «{}»; handling time {} min logged.",
        desk.when(closing.at),
        closing.by,
        closing.reason,
        closing.result,
        t.state().handling_minutes()
    );
    narrate("The solution documentation (CLS-TPL-D), rendered from the ticket:");
    println!();
    framed(&templates::solution_documentation(
        t.state(),
        closing.at,
        policy,
    )?);
    println!();
    desk.checklist(&t);
    Ok(t)
}

/// Ticket 2: the client does not answer; closed with a mark after the wait; reopened.
fn silent_client_story(desk: &Desk) -> Res<Ticket> {
    heading("2. ЖК «Речной»: the client does not answer, then comes back");
    let policy = &desk.policy;

    // Thursday 30 October 2025, 10:00 Moscow (07:00 UTC).
    let mut t = Ticket::open(
        NewTicket {
            id: TicketId::new("T-10391")?,
            client_id: ClientId::new("zhk-rechnoy")?,
            contact_name: "Олег Кузнецов".into(),
            product: "PASS24 Гостевые пропуска".into(),
            subject: "Гостям не приходят SMS с пропуском".into(),
            description:
                "Жители заказывают гостевые пропуска в приложении, но гости не получают SMS".into(),
            priority: Priority::Normal,
        },
        desk.by_specialist(utc(2025, 10, 30, 7, 0)?),
    )?;
    println!(
        "  {}  open                            {} opened for {} ({})",
        desk.when(t.state().created_at),
        t.id(),
        t.state().contact_name,
        t.state().product
    );
    println!(
        "  {:15}  {:<31} status: {} ({})",
        "",
        "",
        t.status().label_ru(),
        t.status().label_en()
    );
    desk.step(
        &mut t,
        utc(2025, 10, 30, 7, 10)?,
        "reply to the client",
        LogMessage::to_client("Здравствуйте, Олег! Проверяем отправку SMS по вашему объекту."),
    )?;
    desk.step(
        &mut t,
        utc(2025, 10, 30, 7, 40)?,
        "diagnostics",
        AddDiagnostic::new("SMS-шлюз отклонял отправку: истёк токен доступа"),
    )?;
    desk.step(
        &mut t,
        utc(2025, 10, 30, 8, 10)?,
        "30 min of work logged",
        LogWork::minutes(30, "Обновление токена SMS-шлюза, тестовая отправка"),
    )?;
    desk.step(
        &mut t,
        utc(2025, 10, 30, 8, 20)?,
        "CLS-1",
        VerifyResolution::all_checked("Тестовый гостевой пропуск пришёл по SMS за 20 секунд"),
    )?;
    desk.step(
        &mut t,
        utc(2025, 10, 30, 8, 25)?,
        "CLS-2",
        RequestConfirmation::default(),
    )?;
    desk.step(
        &mut t,
        utc(2025, 10, 30, 8, 40)?,
        "CLS-3",
        SolutionDocumentation {
            problem_description: "Гостевые пропуска не доставлялись гостям по SMS".into(),
            cause: "Истёк токен доступа к SMS-шлюзу".into(),
            applied_solution: "Обновили токен и проверили доставку тестового пропуска".into(),
            recommendations: "Сообщить в поддержку, если SMS не пришло в течение 5 минут".into(),
            resources: vec!["KB-204: Доставка SMS с гостевыми пропусками".into()],
            product_update: None,
        },
    )?;
    desk.step(
        &mut t,
        utc(2025, 10, 30, 8, 45)?,
        "CLS-4",
        CheckCompleteness {
            diagnostics_apply: true,
        },
    )?;
    desk.step(
        &mut t,
        utc(2025, 10, 30, 8, 50)?,
        "CLS-5: a typical fix, no article needed",
        RecordKnowledgeBaseDecision {
            decision: KnowledgeBaseDecision::NotNeededTypical,
        },
    )?;

    narrate("No answer by Friday. CLS-S1: send the repeated request (rendered by the library):");
    let reminder_at = utc(2025, 10, 31, 7, 0)?; // Friday 31 October, 10:00 Moscow
    desk.step(
        &mut t,
        reminder_at,
        "CLS-S1: the repeated request",
        SendConfirmationReminder::default(),
    )?;
    framed(&last_message(&t, MessageKind::ConfirmationReminder)?);

    narrate(
        "Saturday 1 November is a working day in Russia in 2025 (in exchange for Monday 3 November). \
         Still no answer; may the ticket be closed with a mark?",
    );
    let close_with_mark = CloseWithoutConfirmation::new(
        "Клиент не ответил на повторный запрос подтверждения",
        "Доставка SMS восстановлена и проверена тестовой отправкой",
    );
    desk.refused(
        &mut t,
        utc(2025, 11, 1, 12, 0)?,
        "close with a mark?",
        close_with_mark.clone(),
    )?;
    println!(
        "  (Counting Monday to Friday only, the wait would end {} — День народного единства, \
         a public holiday; 3 and 4 November are days off, so the production calendar says Wednesday.)",
        weekdays_only_deadline(reminder_at, policy.confirmation_wait_business_days, policy)
    );
    println!(
        "  The final notification is held back as well: send_final_notification allowed? {}",
        t.can_kind(
            CommandKind::SendFinalNotification,
            utc(2025, 11, 1, 12, 0)?,
            policy
        )
    );

    narrate("Wednesday 5 November, after the wait:");
    desk.step(
        &mut t,
        utc(2025, 11, 5, 7, 30)?,
        "CLS-6",
        SendFinalNotification::default(),
    )?;
    desk.step(
        &mut t,
        utc(2025, 11, 5, 7, 35)?,
        "CLS-S1: closed with a mark",
        close_with_mark,
    )?;
    let closing = t.state().closing.as_ref().ok_or("the ticket is closed")?;
    println!(
        "  closing record: without_confirmation = {}, reason «{}»",
        closing.without_confirmation, closing.reason
    );
    println!();
    desk.checklist(&t);

    narrate("Wednesday 12 November the client writes: guests of building B still get no SMS.");
    println!(
        "  A closed ticket takes no new records, so the client's words go into the reopen itself."
    );
    desk.refused(
        &mut t,
        utc(2025, 11, 12, 6, 20)?,
        "reopen, saying nothing about the mistake",
        Reopen {
            reason: "Клиент сообщил, что проблема не решена".into(),
            mistake_cause: String::new(),
            client_notice: "-".into(),
            reported_by_client: true,
        },
    )?;
    println!("  reopen counter before: {}", t.state().reopen_count());
    desk.step(
        &mut t,
        utc(2025, 11, 12, 6, 25)?,
        "CLS-S3",
        Reopen {
            reason: "Клиент сообщил, что SMS не приходят гостям корпуса Б".into(),
            mistake_cause: "Доставку проверили только для номеров корпуса А; у корпуса Б \
                            отдельный отправитель SMS со своим токеном"
                .into(),
            client_notice: "Олег, мы возобновили работу по обращению T-10391 и сообщим о \
                            результате сегодня до 18:00"
                .into(),
            reported_by_client: true,
        },
    )?;
    println!("  reopen counter after:  {}", t.state().reopen_count());
    desk.client_step(
        &mut t,
        utc(2025, 11, 12, 6, 40)?,
        "the client's details, now that it is open",
        LogMessage::from_client(
            "Не приходят SMS гостям корпуса Б, у корпуса А всё в порядке с 30 октября",
        ),
    )?;
    println!("  the notice sent to the client:");
    framed(&last_message(&t, MessageKind::ReopenNotice)?);
    println!(
        "  verification, confirmation and notification start over; the documentation must be reviewed (stale: {})",
        t.state()
            .closure
            .documentation
            .as_ref()
            .is_some_and(|d| d.stale)
    );
    println!("  why close is blocked now:");
    for u in t.why_blocked(CommandKind::Close, utc(2025, 11, 12, 6, 30)?, policy) {
        println!(
            "      {:<7} {:<32} {}",
            u.rule.as_str(),
            u.code.as_str(),
            u.message_ru
        );
    }
    let allowed: Vec<&str> = t
        .available_commands(utc(2025, 11, 12, 6, 30)?, policy)
        .into_iter()
        .filter(|a| a.allowed)
        .map(|a| a.command.as_str())
        .collect();
    println!("  allowed now: {}", allowed.join(", "));
    Ok(t)
}

/// The typed API: the status is part of the type.
fn typed_api(desk: &Desk) -> Res {
    heading("4. The typed API: TicketIn<Status>");
    let policy = &desk.policy;
    let t = TicketIn::open(
        NewTicket {
            id: TicketId::new("T-10400")?,
            client_id: ClientId::new("zhk-severny")?,
            contact_name: "Ирина Петрова".into(),
            product: "PASS24 Распознавание номеров".into(),
            subject: "Камера не распознаёт номера".into(),
            description: "Камера на въезде перестала распознавать номера автомобилей жителей"
                .into(),
            priority: Priority::Normal,
        },
        desk.by_specialist(utc(2025, 6, 2, 7, 0)?),
    )?;
    let t = t.apply(
        LogWork::minutes(20, "Калибровка камеры после замены объектива"),
        desk.by_specialist(utc(2025, 6, 2, 8, 0)?),
        policy,
    )?;
    // A refusal the type cannot foresee comes back as a value, with the ticket unchanged.
    let not_yet = VerifyResolution {
        system_works: true,
        all_aspects_solved: false,
        no_related_problems: true,
        note: "Номера распознаются только на въезде, на выезде нет".into(),
    };
    let t = match t.apply(not_yet, desk.by_specialist(utc(2025, 6, 2, 8, 10)?), policy) {
        Ok(_) => return Err("a partial fix must not count as verified".into()),
        Err(rejected) => {
            println!(
                "  TicketIn<InWork>::apply(VerifyResolution {{ all_aspects_solved: false, .. }}):"
            );
            print_refusal(&rejected.error);
            println!(
                "    the TicketIn<InWork> comes back unchanged (version {})",
                rejected.ticket.ticket().version()
            );
            rejected.ticket
        }
    };
    let t = t.apply(
        LogWork::minutes(25, "Калибровка камеры на выезде"),
        desk.by_specialist(utc(2025, 6, 2, 8, 40)?),
        policy,
    )?;
    let t = t.apply(
        VerifyResolution::all_checked("Номера распознаются на въезде и выезде"),
        desk.by_specialist(utc(2025, 6, 2, 9, 0)?),
        policy,
    )?;
    // Here `t` is a `TicketIn<Verified>`: `t.apply(Close::new(..), ..)` does not
    // compile, because the transition table has no `close` from `verified`.
    let t: TicketIn<AwaitingConfirmation> = t.apply(
        RequestConfirmation::default(),
        desk.by_specialist(utc(2025, 6, 2, 9, 5)?),
        policy,
    )?;
    println!(
        "  T-10400: open → log_work → (refused verify) → log_work → verify_resolution → \
         request_confirmation;\n  the value now has type TicketIn<AwaitingConfirmation>, status `{}`, version {}.",
        t.state().status,
        t.ticket().version()
    );
    println!(
        "  `close` on a TicketIn<Verified> would not compile: the table has no such transition."
    );
    Ok(())
}

/// The event log: what is stored, and replay.
fn event_log(tickets: &[&Ticket]) -> Res {
    heading("5. The event log: store as JSON, replay");
    for &ticket in tickets {
        let json = ticket.to_json();
        let from_json = Ticket::from_json(&json)?;
        let from_events = Ticket::from_events(ticket.history().to_vec())?;
        println!(
            "  {}: {} events, {} bytes of JSON; replayed from JSON identical: {}; from events identical: {}",
            ticket.id(),
            ticket.history().len(),
            json.len(),
            from_json == *ticket && from_json.state() == ticket.state(),
            from_events == *ticket
        );
        if from_json != *ticket || from_events != *ticket {
            return Err(format!("{}: replay differs from the live ticket", ticket.id()).into());
        }
    }
    if let Some(&first) = tickets.first() {
        if let Some(event) = first.history().get(1) {
            println!("  one stored event: {}", serde_json::to_string(event)?);
        }
        let future = first
            .to_json()
            .replacen("\"schema_version\":1", "\"schema_version\":7", 1);
        match Ticket::from_json(&future) {
            Ok(_) => return Err("a log from a future schema must be refused".into()),
            Err(err) => println!(
                "  a log from a future schema is refused: [{}] {err}",
                err.code()
            ),
        }
    }
    println!(
        "\n  The transition table has {} transitions (docs/closure.mmd draws it).",
        TRANSITIONS.len()
    );
    Ok(())
}
