//! Fixtures for the documentation examples. Not part of the public API.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{TimeZone, Utc};

use crate::archive::Archive;
use crate::closure::*;
use crate::repeat::*;
use crate::ticket::*;
use crate::{Policy, Ticket};

/// A `Meta` for Anna at the given UTC hour.
pub fn meta_at(y: i32, m: u32, d: u32, h: u32) -> Meta {
    let at = Utc
        .with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .expect("valid time");
    Meta::new(Actor::specialist("anna", "Анна Смирнова"), at)
}

/// A realistic new ticket with the given id.
pub fn new_ticket(id: &str) -> NewTicket {
    NewTicket {
        id: TicketId::new(id).expect("valid id"),
        client_id: ClientId::new("zhk-severny").expect("valid id"),
        contact_name: "Ирина Петрова".into(),
        product: "PASS24 Шлагбаум".into(),
        subject: "Не открывается шлагбаум по пропускам".into(),
        description: "С утра шлагбаум на въезде не реагирует на постоянные пропуска жителей".into(),
        priority: Priority::High,
    }
}

/// A documentation value with every field filled.
pub fn sample_documentation() -> SolutionDocumentation {
    SolutionDocumentation {
        problem_description: "Шлагбаум не открывался по постоянным пропускам".into(),
        cause: "После отключения питания контроллер потерял связь с сервером".into(),
        applied_solution: "Перезапустили контроллер и восстановили подключение к серверу".into(),
        recommendations: "Подключить контроллер к источнику бесперебойного питания".into(),
        resources: vec!["KB-118: Контроллер не на связи".into()],
        product_update: None,
    }
}

/// A ticket just opened on 2025-03-03 09:00 UTC.
pub fn fresh_ticket() -> Ticket {
    Ticket::open(new_ticket("T-10234"), meta_at(2025, 3, 3, 9)).expect("opens")
}

/// A ticket walked through the whole closure process, closed on 2025-03-05.
pub fn sample_ticket() -> Ticket {
    let policy = Policy::default();
    let mut t = fresh_ticket();
    let steps: Vec<(Command, Meta)> = vec![
        (
            LogMessage::to_client("Здравствуйте! Проверяем контроллер шлагбаума.").into(),
            meta_at(2025, 3, 3, 10),
        ),
        (
            AddDiagnostic::new("Контроллер шлагбаума не на связи с 07:40").into(),
            meta_at(2025, 3, 3, 10),
        ),
        (
            RecordQuestion::new("Нужно ли заново выдавать пропуска?").into(),
            meta_at(2025, 3, 3, 11),
        ),
        (
            AnswerQuestion::new(1, "Нет, все пропуска сохранены").into(),
            meta_at(2025, 3, 3, 12),
        ),
        (
            LogWork::minutes(45, "Диагностика и перезапуск контроллера").into(),
            meta_at(2025, 3, 3, 14),
        ),
        (
            VerifyResolution::all_checked("Проезд по трём пропускам проверен").into(),
            meta_at(2025, 3, 3, 15),
        ),
        (
            RequestConfirmation::default().into(),
            meta_at(2025, 3, 3, 15),
        ),
        (
            RecordConfirmation::with_note("Да, всё работает").into(),
            meta_at(2025, 3, 4, 9),
        ),
        (sample_documentation().into(), meta_at(2025, 3, 4, 10)),
        (
            CheckCompleteness {
                diagnostics_apply: true,
            }
            .into(),
            meta_at(2025, 3, 4, 10),
        ),
        (
            RecordKnowledgeBaseDecision {
                decision: KnowledgeBaseDecision::NotNeededAlreadyCovered {
                    article: "KB-118".into(),
                },
            }
            .into(),
            meta_at(2025, 3, 4, 11),
        ),
        (
            SendFinalNotification::default().into(),
            meta_at(2025, 3, 5, 9),
        ),
        (
            Close::new("Проблема решена", "Проезд по пропускам восстановлен").into(),
            meta_at(2025, 3, 5, 9),
        ),
    ];
    for (cmd, meta) in steps {
        t.apply(cmd, meta, &policy).expect("sample step applies");
    }
    t
}

/// The closure steps after the work, from verification to the close, on day `d` of month `m`.
fn closure_steps(m: u32, d: u32) -> Vec<(Command, Meta)> {
    vec![
        (
            LogMessage::to_client("Здравствуйте! Проверяем.").into(),
            meta_at(2025, m, d, 10),
        ),
        (
            AddDiagnostic::new("Контроллер не на связи").into(),
            meta_at(2025, m, d, 10),
        ),
        (
            LogWork::minutes(45, "Диагностика").into(),
            meta_at(2025, m, d, 11),
        ),
        (
            VerifyResolution::all_checked("Проезд проверен").into(),
            meta_at(2025, m, d, 12),
        ),
        (
            RequestConfirmation::default().into(),
            meta_at(2025, m, d, 12),
        ),
        (
            RecordConfirmation::with_note("Да, работает").into(),
            meta_at(2025, m, d, 13),
        ),
        (sample_documentation().into(), meta_at(2025, m, d, 13)),
        (
            CheckCompleteness {
                diagnostics_apply: true,
            }
            .into(),
            meta_at(2025, m, d, 13),
        ),
        (
            RecordKnowledgeBaseDecision {
                decision: KnowledgeBaseDecision::NotNeededAlreadyCovered {
                    article: "KB-118".into(),
                },
            }
            .into(),
            meta_at(2025, m, d, 14),
        ),
        (
            SendFinalNotification::default().into(),
            meta_at(2025, m, d, 14),
        ),
        (
            Close::new("Проблема решена", "Проезд по пропускам восстановлен").into(),
            meta_at(2025, m, d, 15),
        ),
    ]
}

/// The repeat steps for a repeat of `earlier`, with the cause "not applied", on day `d` of month `m`.
fn repeat_steps(
    archive: &Archive,
    earlier: &str,
    m: u32,
    d: u32,
    prevention: bool,
) -> Vec<(Command, Meta)> {
    let earlier_id = TicketId::new(earlier).expect("valid id");
    let analysis = RecordRepeatAnalysis {
        cause: RecurrenceCause::NotApplied,
        ..RecordRepeatAnalysis::from_earlier(
            archive.get(&earlier_id).expect("earlier ticket").state(),
        )
    };
    let mut steps: Vec<(Command, Meta)> = vec![
        (
            RecordRepeatDecision::repeat(HistoryCheck::ALL, "Клиент снова пишет про шлагбаум")
                .into(),
            meta_at(2025, m, d, 9),
        ),
        (
            LinkTicket::repeat_of(
                earlier_id,
                RepeatType::SameProblem,
                "Та же проблема со шлагбаумом",
            )
            .into(),
            meta_at(2025, m, d, 9),
        ),
        (analysis.into(), meta_at(2025, m, d, 9)),
        (
            DetermineCause::new(RecurrenceCause::NotApplied, "ИБП так и не подключили").into(),
            meta_at(2025, m, d, 9),
        ),
        (
            ApplyRepeatSolution::new(
                RepeatAction::RemindEarlierSolution,
                "Напомнили о подключении ИБП, отправили инструкцию",
            )
            .into(),
            meta_at(2025, m, d, 9),
        ),
    ];
    if prevention {
        steps.push((
            GivePreventionRecommendations {
                how_to_avoid: "Подключить контроллер к ИБП".into(),
                if_it_recurs: "Перезагрузить контроллер и сообщить нам номер обращения".into(),
                additional: String::new(),
            }
            .into(),
            meta_at(2025, m, d, 9),
        ));
        steps.push((
            ConfirmRecommendationsUnderstood {
                note: "Клиент: понятно, подключим".into(),
            }
            .into(),
            meta_at(2025, m, d, 9),
        ));
    }
    steps
}

fn open_in(
    archive: &mut Archive,
    id: &str,
    client: &str,
    subject: &str,
    m: u32,
    d: u32,
) -> TicketId {
    let mut new = new_ticket(id);
    new.client_id = ClientId::new(client).expect("valid id");
    new.subject = subject.into();
    archive.open(new, meta_at(2025, m, d, 8)).expect("opens");
    TicketId::new(id).expect("valid id")
}

fn run(archive: &mut Archive, id: &TicketId, steps: Vec<(Command, Meta)>) {
    let policy = Policy::default();
    for (cmd, meta) in steps {
        archive
            .apply(id, cmd, meta, &policy)
            .expect("fixture step applies");
    }
}

/// A small archive of one client's barrier problem recurring:
/// T-900 (2025-03-10, closed), T-950 (2025-04-07, a repeat of T-900, closed),
/// T-970 (2025-04-21, another problem, open), T-990 (2025-05-26, a repeat of
/// T-900, open), and T-1001 (2025-05-12) of another client.
pub fn sample_archive() -> Archive {
    let mut a = Archive::new();
    let barrier = "Не открывается шлагбаум по пропускам";
    let t900 = open_in(&mut a, "T-900", "zhk-severny", barrier, 3, 10);
    run(&mut a, &t900, closure_steps(3, 10));
    let t950 = open_in(&mut a, "T-950", "zhk-severny", barrier, 4, 7);
    let steps = repeat_steps(&a, "T-900", 4, 7, true);
    run(&mut a, &t950, steps);
    run(&mut a, &t950, closure_steps(4, 7));
    let t970 = open_in(
        &mut a,
        "T-970",
        "zhk-severny",
        "Не печатаются гостевые пропуска",
        4,
        21,
    );
    run(
        &mut a,
        &t970,
        vec![(
            RecordRepeatDecision::not_repeat("Другая проблема: печать пропусков").into(),
            meta_at(2025, 4, 21, 9),
        )],
    );
    open_in(
        &mut a,
        "T-1001",
        "bc-vostok",
        "Не работает распознавание номеров",
        5,
        12,
    );
    let t990 = open_in(&mut a, "T-990", "zhk-severny", barrier, 5, 26);
    let steps = repeat_steps(&a, "T-900", 5, 26, false);
    run(&mut a, &t990, steps);
    a
}

/// T-950 of [`sample_archive`]: a repeat ticket walked through the repeat workflow and closed.
pub fn repeat_ticket() -> Ticket {
    sample_archive()
        .get(&TicketId::new("T-950").expect("valid id"))
        .expect("in the archive")
        .clone()
}
