//! Fixtures for the documentation examples. Not part of the public API.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{TimeZone, Utc};

use crate::closure::*;
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
