#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Focused tests of the closing regulation («Закрытие обращения»), one or
//! more per rule ID of `RULES.md`: CLS-R1..R4, CLS-1..7, CLS-S1..S3,
//! CLS-TPL-N, CLS-TPL-D, CLS-CHK, CLS-ERR.
//!
//! Every refusal is checked to the exact list of unmet rules (rule ID, code,
//! field), with both messages present. Times are UTC hours of March 2025
//! (Monday 3 March is day 3); the only calendar assumption is "right after
//! the reminder: too early; ten calendar days later: allowed".

use chrono::Duration;
use serde_json::{json, Value};
use ticketry::checklist::{closing_checklist, ItemStatus};
use ticketry::closure::typed::{AnyTicket, TicketIn};
use ticketry::closure::*;
use ticketry::doc_support::{
    fresh_ticket, meta_at, new_ticket, sample_documentation, sample_ticket,
};
use ticketry::event::Event;
use ticketry::policy::{Locale, Policy, Signature};
use ticketry::state::ReturnSource;
use ticketry::templates::{
    confirmation_request, final_notification, solution_documentation, TemplateId,
};
use ticketry::ticket::{Actor, Direction, LinkKind, MessageKind, Meta, TicketId};
use ticketry::{ApplyError, LogError, Ticket};
use UnmetCode::*;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn policy() -> Policy {
    Policy::default()
}

fn english() -> Policy {
    Policy {
        locale: Locale::En,
        ..Policy::default()
    }
}

/// Anna, at `hour`:00 UTC on `day` March 2025.
fn m(day: u32, hour: u32) -> Meta {
    meta_at(2025, 3, day, hour)
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// Every unmet rule has an English and a Russian message.
#[track_caller]
fn assert_bilingual(unmet: &[Unmet]) {
    for u in unmet {
        assert!(
            u.message_en.chars().any(|c| c.is_ascii_alphabetic()),
            "English message missing: {u:?}"
        );
        assert!(
            u.message_ru.chars().any(is_cyrillic),
            "Russian message missing: {u:?}"
        );
        assert_ne!(u.message_en, u.message_ru);
    }
}

/// (rule, code, field) of each unmet rule, in order.
fn summary(unmet: &[Unmet]) -> Vec<(&'static str, UnmetCode, Option<&str>)> {
    unmet
        .iter()
        .map(|u| (u.rule.as_str(), u.code, u.field.as_deref()))
        .collect()
}

#[track_caller]
fn ok(t: &mut Ticket, cmd: impl Into<Command>, meta: Meta) {
    ok_with(t, cmd, meta, &policy());
}

#[track_caller]
fn ok_with(t: &mut Ticket, cmd: impl Into<Command>, meta: Meta, policy: &Policy) {
    let cmd = cmd.into();
    let kind = cmd.kind();
    let version = t.version();
    if let Err(e) = t.apply(cmd, meta, policy) {
        panic!("`{kind}` refused: {e}");
    }
    assert_eq!(t.version(), version + 1);
}

/// Applies a command that must be refused; checks that nothing changed and
/// that `can`/`check` agree, and returns the unmet rules.
#[track_caller]
fn refused(t: &mut Ticket, cmd: impl Into<Command>, meta: Meta) -> Vec<Unmet> {
    refused_with(t, cmd, meta, &policy())
}

#[track_caller]
fn refused_with(
    t: &mut Ticket,
    cmd: impl Into<Command>,
    meta: Meta,
    policy: &Policy,
) -> Vec<Unmet> {
    let cmd = cmd.into();
    let kind = cmd.kind();
    let before = t.clone();
    assert!(!t.can(&cmd, &meta, policy));
    let checked = t.check(&cmd, &meta, policy).unwrap_err();
    let err = t.apply(cmd, meta, policy).map(|_| ()).unwrap_err();
    assert_eq!(err, checked);
    assert_eq!(*t, before, "a refused command changes nothing");
    match err {
        ApplyError::Refused { command, unmet } => {
            assert_eq!(command, kind);
            assert_eq!(err_code(&unmet), "refused");
            assert_bilingual(&unmet);
            unmet
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn err_code(unmet: &[Unmet]) -> &'static str {
    ApplyError::Refused {
        command: CommandKind::Close,
        unmet: unmet.to_vec(),
    }
    .code()
}

/// Applies a command that must be rejected as malformed; returns (field, message).
#[track_caller]
fn invalid(t: &mut Ticket, cmd: impl Into<Command>, meta: Meta) -> (String, String) {
    let before = t.clone();
    let err = t
        .apply(cmd.into(), meta, &policy())
        .map(|_| ())
        .unwrap_err();
    assert_eq!(*t, before);
    assert_eq!(err.code(), "invalid_input");
    assert!(err.unmet().is_empty());
    match err {
        ApplyError::InvalidInput { field, message } => (field, message),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn close_cmd() -> Close {
    Close::new("Проблема решена", "Проезд по пропускам восстановлен")
}

fn mark_cmd() -> CloseWithoutConfirmation {
    CloseWithoutConfirmation::new(
        "Клиент не ответил на повторный запрос",
        "Проезд восстановлен, проверено по журналу контроллера",
    )
}

fn reopen_cmd() -> Reopen {
    Reopen {
        reason: "Клиент сообщил, что гостевые пропуска не работают".into(),
        mistake_cause: "Проверили только постоянные пропуска".into(),
        client_notice: "Мы продолжаем работу по вашему обращению T-10234".into(),
        reported_by_client: true,
    }
}

fn kb_created() -> RecordKnowledgeBaseDecision {
    RecordKnowledgeBaseDecision {
        decision: KnowledgeBaseDecision::ArticleCreated {
            article: "KB-231".into(),
        },
    }
}

/// Opened 3 March 09:00; a message to the client, a diagnostic and 45
/// minutes of work: everything CLS-4 asks for except the documentation.
fn in_work() -> Ticket {
    let mut t = fresh_ticket();
    ok(
        &mut t,
        LogMessage::to_client("Здравствуйте! Проверяем контроллер шлагбаума."),
        m(3, 10),
    );
    ok(
        &mut t,
        AddDiagnostic::new("Контроллер шлагбаума не на связи с 07:40"),
        m(3, 10),
    );
    ok(
        &mut t,
        LogWork::minutes(45, "Диагностика и перезапуск контроллера"),
        m(3, 11),
    );
    t
}

fn verified() -> Ticket {
    let mut t = in_work();
    ok(
        &mut t,
        VerifyResolution::all_checked("Проезд по трём пропускам проверен"),
        m(3, 12),
    );
    t
}

fn awaiting() -> Ticket {
    let mut t = verified();
    ok(&mut t, RequestConfirmation::default(), m(3, 13));
    t
}

fn confirmed() -> Ticket {
    let mut t = awaiting();
    ok(
        &mut t,
        RecordConfirmation::with_note("Да, всё работает"),
        m(4, 9),
    );
    t
}

/// CLS-3, CLS-4, CLS-5 records.
fn record_all(t: &mut Ticket, day: u32, hour: u32) {
    ok(t, sample_documentation(), m(day, hour));
    ok(
        t,
        CheckCompleteness {
            diagnostics_apply: true,
        },
        m(day, hour),
    );
    ok(t, kb_created(), m(day, hour));
}

/// Confirmed, recorded and notified: only `close` is left.
fn ready() -> Ticket {
    let mut t = confirmed();
    record_all(&mut t, 4, 10);
    ok(&mut t, SendFinalNotification::default(), m(4, 11));
    t
}

fn closed() -> Ticket {
    let mut t = ready();
    ok(&mut t, close_cmd(), m(4, 12));
    t
}

/// The client did not answer: the repeated request went out on Tuesday
/// 4 March 09:00 UTC, and every record is made.
fn reminded() -> Ticket {
    let mut t = awaiting();
    ok(&mut t, SendConfirmationReminder::default(), m(4, 9));
    record_all(&mut t, 4, 10);
    t
}

/// Closed with a mark ten days after the reminder.
fn closed_with_mark() -> Ticket {
    let mut t = reminded();
    ok(&mut t, SendFinalNotification::default(), m(14, 9));
    ok(&mut t, mark_cmd(), m(14, 10));
    t
}

fn statuses(t: &Ticket) -> Vec<(&'static str, ItemStatus)> {
    closing_checklist(t.state(), &policy())
        .into_iter()
        .map(|i| (i.key, i.status))
        .collect()
}

const FINAL_RU: &str = "Здравствуйте, Ирина Петрова!

Обращение T-10234 закрыто.

Проблема решена: Перезапустили контроллер и восстановили подключение к серверу

Подключить контроллер к источнику бесперебойного питания

Если у вас возникнут дополнительные вопросы или проблемы, пожалуйста, создайте новое обращение или свяжитесь с нами.

Спасибо за обращение!

С уважением,
Анна Смирнова
Служба технической поддержки PASS24.online";

const FINAL_EN: &str = "Hello, Ирина Петрова!

Ticket T-10234 is closed.

The problem is solved: Перезапустили контроллер и восстановили подключение к серверу

Подключить контроллер к источнику бесперебойного питания

If you have any further questions or problems, please open a new ticket or contact us.

Thank you for contacting us!

Kind regards,
Анна Смирнова
PASS24.online Technical Support";

const DOC_RU: &str = "Обращение: T-10234
Дата закрытия: 05.03.2025
Время решения: 6 ч

Описание проблемы:
Шлагбаум не открывался по постоянным пропускам

Причина проблемы:
После отключения питания контроллер потерял связь с сервером

Решение:
Перезапустили контроллер и восстановили подключение к серверу

Время решения:
6 ч

Дополнительные рекомендации:
Подключить контроллер к источнику бесперебойного питания

Использованные ресурсы:
- KB-118: Контроллер не на связи

Статус: Решено";

const DOC_EN: &str = "Ticket: T-10234
Closing date: 2025-03-05
Time to resolve: 6 h

Problem description:
Шлагбаум не открывался по постоянным пропускам

Cause of the problem:
После отключения питания контроллер потерял связь с сервером

Solution:
Перезапустили контроллер и восстановили подключение к серверу

Time to resolve:
6 h

Additional recommendations:
Подключить контроллер к источнику бесперебойного питания

Resources used:
- KB-118: Контроллер не на связи

Status: Resolved";

// ---------------------------------------------------------------------------
// Readiness: CLS-R1..R4, all unmet rules at once
// ---------------------------------------------------------------------------

#[test]
fn cls_r1_to_r4_refused_close_of_a_fresh_ticket_lists_every_unmet_rule() {
    let mut t = fresh_ticket();
    let unmet = refused(&mut t, close_cmd(), m(3, 10));
    assert_eq!(
        summary(&unmet),
        vec![
            ("CLS-7", NotAllowedInState, None),
            ("CLS-R1", NotVerified, None),
            ("CLS-R2", NotConfirmed, None),
            ("CLS-R3", NotDocumented, None),
            ("CLS-4", CompletenessNotChecked, None),
            ("CLS-5", KnowledgeBaseDecisionMissing, None),
            ("CLS-6", FinalNotificationNotSent, None),
        ]
    );
    assert_eq!(
        unmet[0].message_en,
        "`close` is possible only when the ticket is confirmed; it is in_work"
    );
    assert_eq!(
        unmet[1].message_en,
        "the solution has not been verified (works, all aspects solved, no related problems)"
    );
    assert!(unmet[1].message_ru.starts_with("Решение не проверено"));
    assert_eq!(
        unmet[2].message_en,
        "the client has not confirmed the solution"
    );
    assert_eq!(unmet[2].message_ru, "Клиент не подтвердил решение");
    assert_eq!(unmet[3].message_en, "the solution is not documented");
    assert_eq!(unmet[3].message_ru, "Решение не задокументировано");
    // `why_blocked` gives the same list without trying.
    assert_eq!(
        t.why_blocked(CommandKind::Close, m(3, 10).at, &policy()),
        unmet
    );
}

#[test]
fn cls_r1_to_r4_refusal_also_names_the_payload_fields_at_once() {
    let mut t = fresh_ticket();
    let unmet = refused(&mut t, Close::new("", "TODO"), m(3, 10));
    assert_eq!(
        summary(&unmet),
        vec![
            ("CLS-7", NotAllowedInState, None),
            ("CLS-R1", NotVerified, None),
            ("CLS-R2", NotConfirmed, None),
            ("CLS-R3", NotDocumented, None),
            ("CLS-4", CompletenessNotChecked, None),
            ("CLS-5", KnowledgeBaseDecisionMissing, None),
            ("CLS-6", FinalNotificationNotSent, None),
            ("CLS-7", FieldRequired, Some("reason")),
            ("CLS-7", FieldRequired, Some("result")),
        ]
    );
}

#[test]
fn cls_r1_verification_is_required_and_voided_when_work_resumes() {
    let mut t = verified();
    assert_eq!(t.status(), Status::Verified);
    let v = t.state().closure.verification.clone().unwrap();
    assert_eq!((v.at, v.by.as_str()), (m(3, 12).at, "anna"));
    assert_eq!(v.note, "Проезд по трём пропускам проверен");
    assert_eq!(t.state().time_to_resolve(), Some(Duration::hours(3)));

    ok(
        &mut t,
        ResumeWork::because("Нашли вторую неисправную камеру"),
        m(3, 13),
    );
    assert_eq!(t.status(), Status::InWork);
    assert!(t.state().closure.verification.is_none());
    let back = t.state().returns_to_work.last().unwrap();
    assert_eq!(back.source, ReturnSource::Specialist);
    assert_eq!(back.from, Status::Verified);
    assert_eq!(back.reason, "Нашли вторую неисправную камеру");
    let blocked = t.why_blocked(CommandKind::Close, m(3, 14).at, &policy());
    assert!(summary(&blocked).contains(&("CLS-R1", NotVerified, None)));
}

#[test]
fn cls_r2_close_before_the_client_confirms_is_refused() {
    let mut t = awaiting();
    record_all(&mut t, 3, 14);
    let unmet = refused(&mut t, close_cmd(), m(3, 15));
    assert_eq!(
        summary(&unmet),
        vec![
            ("CLS-7", NotAllowedInState, None),
            ("CLS-R2", NotConfirmed, None),
            ("CLS-6", FinalNotificationNotSent, None),
        ]
    );
    // The final notification is not possible either while waiting.
    let unmet = refused(&mut t, SendFinalNotification::default(), m(3, 15));
    assert_eq!(
        summary(&unmet),
        vec![
            ("CLS-6", NotAllowedInState, None),
            ("CLS-R2", NotConfirmed, None),
        ]
    );
    ok(
        &mut t,
        RecordConfirmation::with_note("Да, работает"),
        m(4, 9),
    );
    ok(&mut t, SendFinalNotification::default(), m(4, 9));
    ok(&mut t, close_cmd(), m(4, 10));
    assert_eq!(t.status(), Status::Closed);
}

#[test]
fn cls_r3_undocumented_solution_blocks_final_notification_and_close() {
    let mut t = confirmed();
    ok(&mut t, kb_created(), m(4, 10));
    assert_eq!(
        summary(&refused(&mut t, close_cmd(), m(4, 11))),
        vec![
            ("CLS-R3", NotDocumented, None),
            ("CLS-4", CompletenessNotChecked, None),
            ("CLS-6", FinalNotificationNotSent, None),
        ]
    );
    assert_eq!(
        summary(&refused(&mut t, SendFinalNotification::default(), m(4, 11))),
        vec![
            ("CLS-R3", NotDocumented, None),
            ("CLS-4", CompletenessNotChecked, None),
        ]
    );
    ok(&mut t, sample_documentation(), m(4, 12));
    assert_eq!(
        t.state().documentation(),
        Some(&sample_documentation()),
        "CLS-R3: the documentation is saved in the ticket"
    );
}

#[test]
fn cls_r4_unanswered_question_blocks_close() {
    let mut t = ready();
    ok(
        &mut t,
        RecordQuestion::new("А гостевые пропуска тоже заработают?"),
        m(4, 12),
    );
    let unmet = refused(&mut t, close_cmd(), m(4, 13));
    assert_eq!(
        summary(&unmet),
        vec![("CLS-R4", QuestionUnanswered, Some("questions[1]"))]
    );
    assert_eq!(
        unmet[0].message_en,
        "the client's question 1 has no answer: «А гостевые пропуска тоже заработают?»"
    );
    assert_eq!(
        unmet[0].message_ru,
        "Вопрос клиента 1 без ответа: «А гостевые пропуска тоже заработают?»"
    );
    ok(
        &mut t,
        AnswerQuestion::new(1, "Да, после перезапуска они тоже работают"),
        m(4, 13),
    );
    let answer = t.state().questions[0].answer.clone().unwrap();
    assert_eq!(answer.text, "Да, после перезапуска они тоже работают");
    ok(&mut t, close_cmd(), m(4, 14));
}

#[test]
fn cls_r4_questions_asked_while_confirming_must_be_answered() {
    let mut t = awaiting();
    ok(
        &mut t,
        RecordConfirmation {
            note: "Да, работает".into(),
            further_questions: vec![
                "Нужно ли перевыпускать пропуска?".into(),
                "Что делать, если снова отключат свет?".into(),
            ],
        },
        m(4, 9),
    );
    assert_eq!(t.status(), Status::Confirmed);
    let ids: Vec<u32> = t.state().unanswered_questions().map(|q| q.id).collect();
    assert_eq!(ids, [1, 2]);
    record_all(&mut t, 4, 10);
    assert_eq!(
        summary(&refused(&mut t, SendFinalNotification::default(), m(4, 11))),
        vec![
            ("CLS-R4", QuestionUnanswered, Some("questions[1]")),
            ("CLS-R4", QuestionUnanswered, Some("questions[2]")),
        ]
    );
    ok(&mut t, AnswerQuestion::new(2, "Подключите ИБП"), m(4, 11));
    assert_eq!(
        summary(&refused(&mut t, SendFinalNotification::default(), m(4, 11))),
        vec![("CLS-R4", QuestionUnanswered, Some("questions[1]"))]
    );
    ok(&mut t, AnswerQuestion::new(1, "Нет, не нужно"), m(4, 12));
    ok(&mut t, SendFinalNotification::default(), m(4, 12));
    ok(&mut t, close_cmd(), m(4, 12));
}

#[test]
fn cls_r4_an_answer_must_name_a_recorded_unanswered_question() {
    let mut t = in_work();
    let (field, message) = invalid(&mut t, AnswerQuestion::new(1, "Да"), m(3, 12));
    assert_eq!(field, "question_id");
    assert_eq!(message, "there is no question 1 (the ticket has 0)");
    let (field, _) = invalid(&mut t, RecordQuestion::new("   "), m(3, 12));
    assert_eq!(field, "text");
    ok(&mut t, RecordQuestion::new("Когда заработает?"), m(3, 12));
    assert_eq!(
        invalid(&mut t, AnswerQuestion::new(0, "Да"), m(3, 12)).0,
        "question_id"
    );
    assert_eq!(
        invalid(&mut t, AnswerQuestion::new(1, " "), m(3, 12)).0,
        "answer"
    );
    ok(&mut t, AnswerQuestion::new(1, "Уже работает"), m(3, 12));
    let (field, message) = invalid(&mut t, AnswerQuestion::new(1, "Ещё раз"), m(3, 12));
    assert_eq!(field, "question_id");
    assert_eq!(message, "question 1 is already answered");
    let (field, _) = invalid(
        &mut t,
        RecordConfirmation {
            note: String::new(),
            further_questions: vec!["Ок?".into(), " ".into()],
        },
        m(3, 12),
    );
    assert_eq!(field, "further_questions[1]");
}

// ---------------------------------------------------------------------------
// Steps CLS-1..CLS-7
// ---------------------------------------------------------------------------

#[test]
fn cls_1_failed_verification_names_each_failed_check() {
    let mut t = in_work();
    let unmet = refused(
        &mut t,
        VerifyResolution {
            system_works: false,
            all_aspects_solved: false,
            no_related_problems: false,
            note: String::new(),
        },
        m(3, 12),
    );
    assert_eq!(
        summary(&unmet),
        vec![
            ("CLS-1", VerificationCheckFailed, Some("system_works")),
            ("CLS-1", VerificationCheckFailed, Some("all_aspects_solved")),
            (
                "CLS-1",
                VerificationCheckFailed,
                Some("no_related_problems")
            ),
        ]
    );
    assert_eq!(
        unmet[0].message_en,
        "cannot record the resolution as verified: the system does not work yet; keep working"
    );
    assert_eq!(
        unmet[0].message_ru,
        "Нельзя считать решение проверенным: система ещё не работает; продолжайте работу"
    );
    for (i, field) in ["system_works", "all_aspects_solved", "no_related_problems"]
        .into_iter()
        .enumerate()
    {
        let mut cmd = VerifyResolution::all_checked("");
        match i {
            0 => cmd.system_works = false,
            1 => cmd.all_aspects_solved = false,
            _ => cmd.no_related_problems = false,
        }
        assert_eq!(
            summary(&refused(&mut t, cmd, m(3, 12))),
            vec![("CLS-1", VerificationCheckFailed, Some(field))]
        );
    }
    assert_eq!(t.status(), Status::InWork, "CLS-1: keep working");
}

#[test]
fn cls_1_verify_only_in_work_and_resume_needs_a_reason() {
    let mut t = verified();
    assert_eq!(
        summary(&refused(
            &mut t,
            VerifyResolution::all_checked(""),
            m(3, 13)
        )),
        vec![("CLS-1", NotAllowedInState, None)]
    );
    let unmet = refused(&mut t, ResumeWork::because("  "), m(3, 13));
    assert_eq!(
        summary(&unmet),
        vec![("CLS-1", FieldRequired, Some("reason"))]
    );
    assert_eq!(
        unmet[0].message_en,
        "the reason to resume work is required (`reason` is empty or a placeholder)"
    );
}

#[test]
fn cls_2_confirmation_request_sends_the_standard_text() {
    let t = awaiting();
    assert_eq!(t.status(), Status::AwaitingConfirmation);
    let requested = t.state().closure.confirmation_requested.clone().unwrap();
    assert_eq!(requested.at, m(3, 13).at);
    let msg = t.state().messages.last().unwrap();
    assert_eq!(msg.kind, MessageKind::ConfirmationRequest);
    assert_eq!(msg.direction, Direction::ToClient);
    assert_eq!(
        msg.text,
        "Здравствуйте, Ирина Петрова!\n\nПо обращению T-10234 мы применили решение. \
         Пожалуйста, проверьте его и подтвердите, что проблема решена. \
         Если остались вопросы, напишите их в ответ."
    );
    assert_eq!(
        confirmation_request(t.state(), false, &english()).unwrap(),
        "Hello, Ирина Петрова!\n\nWe have applied a solution for ticket T-10234. \
         Please check it and confirm that the problem is solved. \
         If you have any questions left, reply with them."
    );
}

#[test]
fn cls_2_client_refusal_returns_to_work_with_the_reason_and_no_closing() {
    for from_confirmed in [false, true] {
        let mut t = if from_confirmed {
            confirmed()
        } else {
            awaiting()
        };
        let from = t.status();
        record_all(&mut t, 4, 10);
        ok(
            &mut t,
            RecordNotSolved::because("Гостевые пропуска всё ещё не проходят"),
            m(4, 11),
        );
        let s = t.state();
        assert_eq!(s.status, Status::InWork);
        assert!(s.closing.is_none());
        assert!(t.history().iter().all(|e| !matches!(
            e.command.kind(),
            CommandKind::Close | CommandKind::CloseWithoutConfirmation
        )));
        let back = s.returns_to_work.last().unwrap();
        assert_eq!(back.source, ReturnSource::ClientNotSolved);
        assert_eq!(back.from, from);
        assert_eq!(back.reason, "Гостевые пропуска всё ещё не проходят");
        let msg = s.messages.last().unwrap();
        assert_eq!(
            (msg.kind, msg.direction, msg.text.as_str()),
            (
                MessageKind::NotSolved,
                Direction::FromClient,
                "Гостевые пропуска всё ещё не проходят"
            )
        );
        // The round is void: verify, confirm, check and notify again.
        let c = &s.closure;
        assert!(c.verification.is_none() && c.confirmation.is_none());
        assert!(c.confirmation_requested.is_none() && c.completeness.is_none());
        assert!(c.documentation.as_ref().unwrap().stale);
        assert!(c.knowledge_base.is_some());
        assert_eq!(
            summary(&t.why_blocked(CommandKind::Close, m(4, 12).at, &policy())),
            vec![
                ("CLS-7", NotAllowedInState, None),
                ("CLS-R1", NotVerified, None),
                ("CLS-R2", NotConfirmed, None),
                ("CLS-3", DocumentationStale, Some("documentation")),
                ("CLS-4", CompletenessNotChecked, None),
                ("CLS-6", FinalNotificationNotSent, None),
            ]
        );
    }
}

#[test]
fn cls_2_texts_are_required_and_the_greeting_needs_a_name() {
    let mut t = awaiting();
    assert_eq!(
        summary(&refused(&mut t, RecordNotSolved::because("н/д"), m(4, 9))),
        vec![("CLS-2", FieldRequired, Some("reason"))]
    );
    let mut t = verified();
    assert_eq!(
        summary(&refused(
            &mut t,
            RequestConfirmation {
                message: Some("[Текст запроса]".into())
            },
            m(3, 13)
        )),
        vec![("CLS-2", FieldRequired, Some("message"))]
    );
    // Without the client's name the standard request cannot be rendered.
    let mut nameless = new_ticket("T-20");
    nameless.contact_name = "  ".into();
    let mut t = Ticket::open(nameless, m(3, 9)).unwrap();
    ok(&mut t, VerifyResolution::all_checked(""), m(3, 10));
    assert_eq!(
        summary(&refused(&mut t, RequestConfirmation::default(), m(3, 11))),
        vec![("CLS-2", TemplateValueMissing, Some("client_name"))]
    );
    ok(
        &mut t,
        RequestConfirmation {
            message: Some("Проверьте, пожалуйста, решение".into()),
        },
        m(3, 11),
    );
}

#[test]
fn cls_3_documentation_names_each_empty_or_placeholder_field() {
    let mut t = in_work();
    let unmet = refused(
        &mut t,
        SolutionDocumentation {
            problem_description: String::new(),
            cause: "TODO".into(),
            applied_solution: "[Решение]".into(),
            recommendations: "-".into(),
            resources: vec![],
            product_update: None,
        },
        m(3, 12),
    );
    assert_eq!(
        summary(&unmet),
        vec![
            (
                "CLS-3",
                DocumentationFieldMissing,
                Some("problem_description")
            ),
            ("CLS-3", DocumentationFieldMissing, Some("cause")),
            ("CLS-3", DocumentationFieldMissing, Some("applied_solution")),
            ("CLS-3", DocumentationFieldMissing, Some("recommendations")),
            ("CLS-3", DocumentationFieldMissing, Some("resources")),
        ]
    );
    assert_eq!(
        unmet[1].message_en,
        "the documentation lacks the cause of the problem (`cause` is empty or a placeholder)"
    );
    assert_eq!(
        unmet[1].message_ru,
        "В документации не указано: причину проблемы (поле `cause` пустое или заглушка)"
    );

    type Edit = fn(&mut SolutionDocumentation);
    let one_at_a_time: [(&str, &str, Edit); 7] = [
        ("CLS-3", "problem_description", |d| {
            d.problem_description = "   ".into()
        }),
        ("CLS-3", "cause", |d| d.cause = "н/д".into()),
        ("CLS-3", "applied_solution", |d| {
            d.applied_solution = "TBD".into()
        }),
        ("CLS-3", "recommendations", |d| {
            d.recommendations = "нет".into()
        }),
        ("CLS-3", "resources", |d| d.resources = vec!["—".into()]),
        ("CLS-3", "resources[1]", |d| {
            d.resources.push("[Ссылка]".into())
        }),
        ("CLS-S2", "product_update", |d| {
            d.product_update = Some("TODO".into())
        }),
    ];
    for (rule, field, edit) in one_at_a_time {
        let mut doc = sample_documentation();
        edit(&mut doc);
        let code = if rule == "CLS-S2" {
            ProductUpdateNotDocumented
        } else {
            DocumentationFieldMissing
        };
        assert_eq!(
            summary(&refused(&mut t, doc, m(3, 12))),
            vec![(rule, code, Some(field))],
            "{field}"
        );
    }
    ok(&mut t, sample_documentation(), m(3, 12));
    let rec = t.state().closure.documentation.clone().unwrap();
    assert_eq!(
        (rec.at, rec.by.as_str(), rec.stale),
        (m(3, 12).at, "anna", false)
    );
    assert_eq!(rec.documentation, sample_documentation());
}

#[test]
fn cls_3_stale_documentation_must_be_recorded_again_before_closing() {
    let mut t = ready();
    ok(
        &mut t,
        ResumeWork::because("Не работает въезд №2"),
        m(4, 12),
    );
    assert!(t.state().closure.documentation.as_ref().unwrap().stale);
    ok(
        &mut t,
        VerifyResolution::all_checked("Оба въезда"),
        m(4, 13),
    );
    ok(&mut t, RequestConfirmation::default(), m(4, 13));
    ok(&mut t, RecordConfirmation::with_note("Да"), m(4, 14));
    let unmet = refused(&mut t, SendFinalNotification::default(), m(4, 14));
    assert_eq!(
        summary(&unmet),
        vec![
            ("CLS-3", DocumentationStale, Some("documentation")),
            ("CLS-4", CompletenessNotChecked, None),
        ]
    );
    assert_eq!(
        unmet[0].message_en,
        "the documentation was written before work resumed; review it and record it again"
    );
    ok(&mut t, sample_documentation(), m(4, 15));
    assert!(!t.state().closure.documentation.as_ref().unwrap().stale);
    ok(
        &mut t,
        CheckCompleteness {
            diagnostics_apply: true,
        },
        m(4, 15),
    );
    ok(&mut t, SendFinalNotification::default(), m(4, 15));
    ok(&mut t, close_cmd(), m(4, 16));
}

#[test]
fn cls_4_completeness_check_names_every_missing_item() {
    let mut t = fresh_ticket();
    let unmet = refused(
        &mut t,
        CheckCompleteness {
            diagnostics_apply: true,
        },
        m(3, 10),
    );
    assert_eq!(
        summary(&unmet),
        vec![
            ("CLS-4", NotDocumented, None),
            ("CLS-4", InformationMissing, Some("work_log")),
            ("CLS-4", InformationMissing, Some("messages")),
            ("CLS-4", InformationMissing, Some("diagnostics")),
        ]
    );
    assert_eq!(
        unmet[1].message_en,
        "information missing: the handling time (no work logged)"
    );
    assert_eq!(
        unmet[1].message_ru,
        "Не хватает информации: время обработки (работа не зафиксирована)"
    );
    ok(&mut t, sample_documentation(), m(3, 10));
    assert_eq!(
        summary(&refused(
            &mut t,
            CheckCompleteness {
                diagnostics_apply: false
            },
            m(3, 10)
        )),
        vec![
            ("CLS-4", InformationMissing, Some("work_log")),
            ("CLS-4", InformationMissing, Some("messages")),
        ]
    );
    ok(&mut t, LogWork::minutes(10, ""), m(3, 11));
    // A message from the client is not communication *with* the client.
    ok(&mut t, LogMessage::from_client("Ждём"), m(3, 11));
    assert_eq!(
        summary(&refused(
            &mut t,
            CheckCompleteness {
                diagnostics_apply: true
            },
            m(3, 11)
        )),
        vec![
            ("CLS-4", InformationMissing, Some("messages")),
            ("CLS-4", InformationMissing, Some("diagnostics")),
        ]
    );
    ok(&mut t, LogMessage::to_client("Проверяем"), m(3, 11));
    // Diagnostics only "where it applies".
    ok(
        &mut t,
        CheckCompleteness {
            diagnostics_apply: false,
        },
        m(3, 12),
    );
    let check = t.state().closure.completeness.clone().unwrap();
    assert!(!check.diagnostics_apply);
    assert_eq!(check.at, m(3, 12).at);
}

#[test]
fn cls_4_placeholder_problem_description_is_missing_information() {
    let mut new = new_ticket("T-30");
    new.description = "TODO".into();
    let mut t = Ticket::open(new, m(3, 9)).unwrap();
    ok(&mut t, sample_documentation(), m(3, 10));
    ok(&mut t, LogWork::minutes(10, ""), m(3, 10));
    ok(&mut t, LogMessage::to_client("Проверяем"), m(3, 10));
    assert_eq!(
        summary(&refused(
            &mut t,
            CheckCompleteness {
                diagnostics_apply: false
            },
            m(3, 11)
        )),
        vec![("CLS-4", InformationMissing, Some("description"))]
    );
}

#[test]
fn cls_5_knowledge_base_decision_is_required_either_way() {
    let mut t = confirmed();
    ok(&mut t, sample_documentation(), m(4, 10));
    ok(
        &mut t,
        CheckCompleteness {
            diagnostics_apply: true,
        },
        m(4, 10),
    );
    let unmet = refused(&mut t, SendFinalNotification::default(), m(4, 11));
    assert_eq!(
        summary(&unmet),
        vec![("CLS-5", KnowledgeBaseDecisionMissing, None)]
    );
    for decision in [
        KnowledgeBaseDecision::ArticleCreated {
            article: " ".into(),
        },
        KnowledgeBaseDecision::ArticleUpdated {
            article: "TODO".into(),
        },
        KnowledgeBaseDecision::NotNeededAlreadyCovered {
            article: "[KB]".into(),
        },
    ] {
        assert_eq!(
            summary(&refused(
                &mut t,
                RecordKnowledgeBaseDecision { decision },
                m(4, 11)
            )),
            vec![(
                "CLS-5",
                KnowledgeBaseReferenceMissing,
                Some("decision.article")
            )]
        );
    }
    // "Not needed: typical" is a decision too, and it is recorded.
    ok(
        &mut t,
        RecordKnowledgeBaseDecision {
            decision: KnowledgeBaseDecision::NotNeededTypical,
        },
        m(4, 11),
    );
    let kb = t.state().closure.knowledge_base.clone().unwrap();
    assert_eq!(kb.decision, KnowledgeBaseDecision::NotNeededTypical);
    ok(&mut t, SendFinalNotification::default(), m(4, 12));
    ok(&mut t, close_cmd(), m(4, 12));
    // The decision survives a reopen (it is about the solution, not the round).
    ok(&mut t, reopen_cmd(), m(5, 9));
    assert!(t.state().closure.knowledge_base.is_some());
}

#[test]
fn cls_6_final_notification_is_required_sent_and_recorded() {
    let mut t = confirmed();
    record_all(&mut t, 4, 10);
    let unmet = refused(&mut t, close_cmd(), m(4, 11));
    assert_eq!(
        summary(&unmet),
        vec![("CLS-6", FinalNotificationNotSent, None)]
    );
    assert_eq!(
        unmet[0].message_en,
        "the final notification has not been sent to the client"
    );
    assert_eq!(
        unmet[0].message_ru,
        "Клиенту не отправлено финальное уведомление"
    );
    assert_eq!(
        summary(&refused(
            &mut t,
            SendFinalNotification {
                text: Some("...".into())
            },
            m(4, 11)
        )),
        vec![("CLS-6", FieldRequired, Some("text"))]
    );
    ok(&mut t, SendFinalNotification::default(), m(4, 11));
    let step = t.state().closure.final_notification.clone().unwrap();
    assert_eq!((step.at, step.by.as_str()), (m(4, 11).at, "anna"));
    let msg = t.state().messages.last().unwrap();
    assert_eq!(msg.kind, MessageKind::FinalNotification);
    assert_eq!(msg.direction, Direction::ToClient);
    assert_eq!(msg.text, FINAL_RU);
    // The event stores the text actually sent, so a replay does not re-render it.
    match &t.history().last().unwrap().command {
        Command::SendFinalNotification(n) => assert_eq!(n.text.as_deref(), Some(FINAL_RU)),
        other => panic!("{other:?}"),
    }
    ok(&mut t, close_cmd(), m(4, 12));
}

#[test]
fn cls_7_close_records_status_reason_result_and_time() {
    let t = closed();
    let s = t.state();
    assert_eq!(s.status, Status::Closed);
    assert_eq!(Status::Closed.label_ru(), "Закрыто");
    let closing = s.closing.clone().unwrap();
    assert_eq!(closing.at, m(4, 12).at);
    assert_eq!(closing.by, "anna");
    assert_eq!(closing.reason, "Проблема решена");
    assert_eq!(closing.result, "Проезд по пропускам восстановлен");
    assert!(!closing.without_confirmation);
    // Everything is saved: the log replays to the same ticket.
    assert_eq!(Ticket::from_json(&t.to_json()).unwrap(), t);
    // A closed ticket can only be reopened.
    let available: Vec<CommandKind> = t
        .available_commands(m(5, 9).at, &policy())
        .into_iter()
        .map(|a| a.command)
        .collect();
    assert_eq!(available, [CommandKind::Reopen]);
}

#[test]
fn cls_7_close_needs_a_reason_and_a_result() {
    let mut t = ready();
    let unmet = refused(&mut t, Close::new("", "н/д"), m(4, 12));
    assert_eq!(
        summary(&unmet),
        vec![
            ("CLS-7", FieldRequired, Some("reason")),
            ("CLS-7", FieldRequired, Some("result")),
        ]
    );
    assert_eq!(
        unmet[0].message_en,
        "the closure reason is required (`reason` is empty or a placeholder)"
    );
    assert_eq!(
        unmet[1].message_ru,
        "Нужно указать результат решения (поле `result` пустое или заполнено заглушкой)"
    );
}

#[test]
fn cls_7_closed_ticket_takes_nothing_but_a_reopen() {
    let mut t = closed();
    assert_eq!(
        summary(&refused(&mut t, LogMessage::to_client("ещё одно"), m(5, 9))),
        vec![("CLS-4", NotAllowedInState, None)]
    );
    assert_eq!(
        summary(&refused(&mut t, close_cmd(), m(5, 9))),
        vec![("CLS-7", NotAllowedInState, None)]
    );
    assert_eq!(
        summary(&refused(&mut t, ResumeWork::because("x y z"), m(5, 9))),
        vec![("CLS-1", NotAllowedInState, None)]
    );
    assert_eq!(
        t.apply(new_ticket("T-10234").into(), m(5, 9), &policy())
            .map(|_| ())
            .unwrap_err(),
        ApplyError::AlreadyOpened
    );
}

#[test]
fn cls_7_refused_close_then_allowed_after_fixing_each_rule() {
    let mut t = confirmed();
    let close_unmet = |t: &mut Ticket| {
        summary(&refused(t, close_cmd(), m(4, 12)))
            .into_iter()
            .map(|(rule, code, _)| (rule, code))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        close_unmet(&mut t),
        [
            ("CLS-R3", NotDocumented),
            ("CLS-4", CompletenessNotChecked),
            ("CLS-5", KnowledgeBaseDecisionMissing),
            ("CLS-6", FinalNotificationNotSent),
        ]
    );
    ok(&mut t, sample_documentation(), m(4, 10));
    assert_eq!(
        close_unmet(&mut t),
        [
            ("CLS-4", CompletenessNotChecked),
            ("CLS-5", KnowledgeBaseDecisionMissing),
            ("CLS-6", FinalNotificationNotSent),
        ]
    );
    ok(
        &mut t,
        CheckCompleteness {
            diagnostics_apply: true,
        },
        m(4, 10),
    );
    assert_eq!(
        close_unmet(&mut t),
        [
            ("CLS-5", KnowledgeBaseDecisionMissing),
            ("CLS-6", FinalNotificationNotSent),
        ]
    );
    ok(&mut t, kb_created(), m(4, 11));
    assert_eq!(close_unmet(&mut t), [("CLS-6", FinalNotificationNotSent)]);
    ok(&mut t, SendFinalNotification::default(), m(4, 11));
    assert!(t
        .why_blocked(CommandKind::Close, m(4, 12).at, &policy())
        .is_empty());
    assert!(t.can(&close_cmd().into(), &m(4, 12), &policy()));
    ok(&mut t, close_cmd(), m(4, 12));
    assert_eq!(t.status(), Status::Closed);
}

#[test]
fn cls_7_stale_version_is_a_conflict_and_changes_nothing() {
    let mut t = in_work();
    assert_eq!(t.version(), 4);
    let seen = t.version();
    t.apply_expecting(seen, LogWork::minutes(5, "").into(), m(3, 12), &policy())
        .unwrap();
    assert_eq!(t.version(), 5);
    let before = t.clone();
    for stale in [seen, 0, 6, 100] {
        let err = t
            .apply_expecting(stale, LogWork::minutes(7, "").into(), m(3, 12), &policy())
            .map(|_| ())
            .unwrap_err();
        assert_eq!(
            err,
            ApplyError::VersionConflict {
                expected: stale,
                actual: 5
            }
        );
        assert_eq!(err.code(), "version_conflict");
        assert_eq!(
            err.to_string(),
            format!("version conflict: expected version {stale}, the ticket is at version 5")
        );
        assert_eq!(t, before);
    }
}

#[test]
fn cls_7_time_going_backwards_is_rejected_on_field_at() {
    let mut t = in_work(); // latest event at 3 March 11:00
    let (field, message) = invalid(&mut t, LogWork::minutes(5, ""), m(3, 10));
    assert_eq!(field, "at");
    assert!(
        message.contains("earlier than the ticket's latest event"),
        "{message}"
    );
    // Equal times are fine.
    ok(&mut t, LogWork::minutes(5, ""), m(3, 11));
    // An empty actor id is refused as well.
    let nobody = Meta::new(Actor::system(" "), m(3, 12).at);
    let (field, _) = invalid(&mut t, LogWork::minutes(5, ""), nobody);
    assert_eq!(field, "actor.id");
}

// ---------------------------------------------------------------------------
// Special cases CLS-S1..S3
// ---------------------------------------------------------------------------

#[test]
fn cls_s1_close_with_mark_refused_before_wait_then_allowed() {
    let mut t = reminded();
    assert_eq!(t.status(), Status::ConfirmationReminded);
    let reminder = t.state().closure.reminder.clone().unwrap();
    assert_eq!(reminder.at, m(4, 9).at);
    let msg = t
        .state()
        .messages
        .iter()
        .rev()
        .find(|m| m.kind == MessageKind::ConfirmationReminder)
        .unwrap();
    assert_eq!(msg.direction, Direction::ToClient);
    assert!(msg
        .text
        .starts_with("Здравствуйте, Ирина Петрова!\n\nНапоминаем"));

    // Right after the reminder: too early, for the notification and the close.
    let unmet = refused(&mut t, SendFinalNotification::default(), m(4, 12));
    assert_eq!(
        summary(&unmet),
        vec![("CLS-S1", ConfirmationWaitNotElapsed, None)]
    );
    assert!(
        unmet[0].message_en.contains("2 business day(s)"),
        "{}",
        unmet[0].message_en
    );
    assert!(
        unmet[0].message_ru.contains("рабочих дня"),
        "{}",
        unmet[0].message_ru
    );
    assert_eq!(
        summary(&refused(&mut t, mark_cmd(), m(4, 12))),
        vec![
            ("CLS-S1", ConfirmationWaitNotElapsed, None),
            ("CLS-6", FinalNotificationNotSent, None),
        ]
    );
    // Ten calendar days later: allowed.
    ok(&mut t, SendFinalNotification::default(), m(14, 9));
    ok(&mut t, mark_cmd(), m(14, 10));
    let closing = t.state().closing.clone().unwrap();
    assert!(closing.without_confirmation, "closed with a mark");
    assert!(t.state().closure.confirmation.is_none());
    assert_eq!(t.status(), Status::Closed);
}

#[test]
fn cls_s1_wait_boundary_is_the_policy_business_deadline() {
    for wait in [1, 2] {
        let policy = Policy {
            confirmation_wait_business_days: wait,
            ..Policy::default()
        };
        let mut t = reminded();
        let reminder = t.state().closure.reminder.clone().unwrap().at;
        let deadline = policy
            .calendar
            .business_deadline(reminder, wait, policy.time_zone);
        assert!(deadline - reminder >= Duration::days(i64::from(wait)));
        let just_before = Meta::new(
            Actor::specialist("anna", "Анна Смирнова"),
            deadline - Duration::minutes(1),
        );
        assert_eq!(
            summary(&refused_with(
                &mut t,
                SendFinalNotification::default(),
                just_before,
                &policy
            )),
            vec![("CLS-S1", ConfirmationWaitNotElapsed, None)]
        );
        let at_deadline = Meta::new(Actor::specialist("anna", "Анна Смирнова"), deadline);
        ok_with(
            &mut t,
            SendFinalNotification::default(),
            at_deadline.clone(),
            &policy,
        );
        ok_with(&mut t, mark_cmd(), at_deadline, &policy);
    }
}

#[test]
fn cls_s1_close_with_mark_needs_the_repeated_request_first() {
    let mut t = awaiting();
    record_all(&mut t, 3, 14);
    let unmet = refused(&mut t, mark_cmd(), m(14, 9));
    assert_eq!(
        summary(&unmet),
        vec![
            ("CLS-7", NotAllowedInState, None),
            ("CLS-S1", ReminderNotSent, None),
            ("CLS-6", FinalNotificationNotSent, None),
        ]
    );
    assert_eq!(
        unmet[1].message_en,
        "closing without confirmation needs a repeated confirmation request first"
    );
}

#[test]
fn cls_s1_plain_close_still_needs_the_confirmation_after_the_wait() {
    let mut t = reminded();
    ok(&mut t, SendFinalNotification::default(), m(14, 9));
    assert_eq!(
        summary(&refused(&mut t, close_cmd(), m(14, 10))),
        vec![
            ("CLS-7", NotAllowedInState, None),
            ("CLS-R2", NotConfirmed, None),
        ]
    );
}

#[test]
fn cls_s1_client_answers_after_the_reminder() {
    // "Not solved": keep working, do not close.
    let mut t = reminded();
    ok(
        &mut t,
        RecordNotSolved::because("Шлагбаум снова не открывается"),
        m(5, 9),
    );
    assert_eq!(t.status(), Status::InWork);
    assert!(t.state().closure.reminder.is_none());
    assert_eq!(
        t.state().returns_to_work.last().unwrap().from,
        Status::ConfirmationReminded
    );
    assert!(!t.can_kind(
        CommandKind::CloseWithoutConfirmation,
        m(20, 9).at,
        &policy()
    ));
    // "Solved": a normal close.
    let mut t = reminded();
    ok(
        &mut t,
        RecordConfirmation::with_note("Да, всё работает"),
        m(5, 9),
    );
    ok(&mut t, SendFinalNotification::default(), m(5, 9));
    ok(&mut t, close_cmd(), m(5, 10));
    assert!(!t.state().closing.as_ref().unwrap().without_confirmation);
}

#[test]
fn cls_s2_update_awaits_confirmation_and_must_be_documented() {
    let mut t = in_work();
    ok(
        &mut t,
        RequireProductUpdate {
            update: "Прошивка контроллера 2.5.0".into(),
            instructions: "Откройте «Настройки → Обновление» и нажмите «Установить»".into(),
        },
        m(3, 12),
    );
    assert_eq!(t.status(), Status::AwaitingUpdate);
    let update = t.state().product_updates[0].clone();
    assert_eq!(update.update, "Прошивка контроллера 2.5.0");
    assert!(update.confirmed.is_none());
    let msg = t.state().messages.last().unwrap();
    assert_eq!(msg.kind, MessageKind::UpdateInstructions);
    assert_eq!(msg.direction, Direction::ToClient);
    assert_eq!(
        msg.text,
        "Откройте «Настройки → Обновление» и нажмите «Установить»"
    );

    // Verification is impossible until the update is confirmed.
    assert_eq!(
        summary(&refused(
            &mut t,
            VerifyResolution::all_checked(""),
            m(3, 13)
        )),
        vec![("CLS-1", NotAllowedInState, None)]
    );
    // Records are still possible while waiting.
    ok(&mut t, sample_documentation(), m(3, 13));
    let blocked = t.why_blocked(CommandKind::Close, m(3, 13).at, &policy());
    let s = summary(&blocked);
    assert!(
        s.contains(&(
            "CLS-S2",
            ProductUpdateNotConfirmed,
            Some("product_updates[0]")
        )),
        "{s:?}"
    );
    assert!(
        s.contains(&(
            "CLS-S2",
            ProductUpdateNotDocumented,
            Some("documentation.product_update")
        )),
        "{s:?}"
    );

    ok(
        &mut t,
        ConfirmProductUpdate {
            note: "Обновили".into(),
        },
        m(4, 9),
    );
    assert_eq!(t.status(), Status::InWork);
    let confirmed = t.state().product_updates[0].confirmed.clone().unwrap();
    assert_eq!(
        (confirmed.at, confirmed.note.as_str()),
        (m(4, 9).at, "Обновили")
    );
    ok(
        &mut t,
        VerifyResolution::all_checked("После обновления работает"),
        m(4, 10),
    );
    ok(&mut t, RequestConfirmation::default(), m(4, 10));
    ok(&mut t, RecordConfirmation::with_note("Да"), m(4, 11));
    ok(
        &mut t,
        CheckCompleteness {
            diagnostics_apply: true,
        },
        m(4, 11),
    );
    ok(&mut t, kb_created(), m(4, 11));
    // The documentation must say that an update was needed.
    let unmet = refused(&mut t, SendFinalNotification::default(), m(4, 12));
    assert_eq!(
        summary(&unmet),
        vec![(
            "CLS-S2",
            ProductUpdateNotDocumented,
            Some("documentation.product_update")
        )]
    );
    assert_eq!(
        unmet[0].message_en,
        "the documentation must state the product update that was needed"
    );
    let doc = SolutionDocumentation {
        product_update: Some("Прошивка контроллера 2.5.0".into()),
        ..sample_documentation()
    };
    ok(&mut t, doc, m(4, 12));
    ok(&mut t, SendFinalNotification::default(), m(4, 12));
    ok(&mut t, close_cmd(), m(4, 13));
    let text = solution_documentation(t.state(), m(4, 13).at, &policy()).unwrap();
    assert!(
        text.contains("Решение:\nПерезапустили контроллер и восстановили подключение к серверу\nПотребовалось обновление продукта: Прошивка контроллера 2.5.0\n"),
        "{text}"
    );
}

#[test]
fn cls_s2_update_needs_its_name_and_instructions_and_only_from_in_work() {
    let mut t = in_work();
    assert_eq!(
        summary(&refused(
            &mut t,
            RequireProductUpdate {
                update: String::new(),
                instructions: "TODO".into()
            },
            m(3, 12)
        )),
        vec![
            ("CLS-S2", FieldRequired, Some("update")),
            ("CLS-S2", FieldRequired, Some("instructions")),
        ]
    );
    let mut t = verified();
    assert_eq!(
        summary(&refused(
            &mut t,
            RequireProductUpdate {
                update: "Прошивка 2.5.0".into(),
                instructions: "Установите обновление".into()
            },
            m(3, 13)
        )),
        vec![("CLS-S2", NotAllowedInState, None)]
    );
}

#[test]
fn cls_s3_reopen_requires_reason_mistake_cause_and_client_notice() {
    let mut t = closed();
    let unmet = refused(
        &mut t,
        Reopen {
            reason: String::new(),
            mistake_cause: "TODO".into(),
            client_notice: "[Уведомление]".into(),
            reported_by_client: false,
        },
        m(5, 9),
    );
    assert_eq!(
        summary(&unmet),
        vec![
            ("CLS-S3", FieldRequired, Some("reason")),
            ("CLS-S3", FieldRequired, Some("mistake_cause")),
            ("CLS-S3", FieldRequired, Some("client_notice")),
        ]
    );
    assert_eq!(
        unmet[2].message_en,
        "the notice to the client that work continues is required (`client_notice` is empty or a placeholder)"
    );
    for field in ["reason", "mistake_cause", "client_notice"] {
        let mut cmd = reopen_cmd();
        match field {
            "reason" => cmd.reason = " ".into(),
            "mistake_cause" => cmd.mistake_cause = "н/д".into(),
            _ => cmd.client_notice = "-".into(),
        }
        assert_eq!(
            summary(&refused(&mut t, cmd, m(5, 9))),
            vec![("CLS-S3", FieldRequired, Some(field))]
        );
    }
    // Only a closed ticket can be reopened.
    let mut open = ready();
    assert_eq!(
        summary(&refused(&mut open, reopen_cmd(), m(4, 12))),
        vec![("CLS-S3", NotAllowedInState, None)]
    );
}

#[test]
fn cls_s3_reopen_records_notifies_the_client_and_counts() {
    let mut t = closed();
    let closing = t.state().closing.clone().unwrap();
    ok(&mut t, reopen_cmd(), m(5, 9));
    let s = t.state();
    assert_eq!(s.status, Status::InWork);
    assert!(s.closing.is_none());
    assert_eq!(s.reopen_count(), 1);
    let r = &s.reopens[0];
    assert_eq!(r.at, m(5, 9).at);
    assert_eq!(r.by, "anna");
    assert_eq!(r.reason, reopen_cmd().reason);
    assert_eq!(r.mistake_cause, reopen_cmd().mistake_cause);
    assert_eq!(r.client_notice, reopen_cmd().client_notice);
    assert!(r.reported_by_client);
    assert_eq!(r.undone_closing, closing);
    let msg = s.messages.last().unwrap();
    assert_eq!(msg.kind, MessageKind::ReopenNotice);
    assert_eq!(msg.direction, Direction::ToClient);
    assert_eq!(msg.text, reopen_cmd().client_notice);
    let back = s.returns_to_work.last().unwrap();
    assert_eq!(
        (back.source, back.from),
        (ReturnSource::Reopen, Status::Closed)
    );
    assert_eq!(back.reason, reopen_cmd().reason);
    let c = &s.closure;
    assert!(c.verification.is_none() && c.confirmation.is_none() && c.final_notification.is_none());
    assert!(c.documentation.as_ref().unwrap().stale);

    // Work continues; a second close and reopen count again.
    ok(
        &mut t,
        VerifyResolution::all_checked("Гостевые пропуска проверены"),
        m(5, 12),
    );
    ok(&mut t, RequestConfirmation::default(), m(5, 12));
    ok(
        &mut t,
        RecordConfirmation::with_note("Теперь всё работает"),
        m(6, 9),
    );
    ok(&mut t, sample_documentation(), m(6, 10));
    ok(
        &mut t,
        CheckCompleteness {
            diagnostics_apply: true,
        },
        m(6, 10),
    );
    ok(&mut t, SendFinalNotification::default(), m(6, 10));
    ok(&mut t, close_cmd(), m(6, 11));
    ok(&mut t, reopen_cmd(), m(7, 9));
    assert_eq!(t.state().reopen_count(), 2);
    assert_eq!(t.state().reopens[1].undone_closing.at, m(6, 11).at);
}

#[test]
fn cls_s3_a_new_linked_ticket_may_continue_a_closed_one() {
    let old = closed();
    let mut archive = ticketry::archive::Archive::from_tickets([old.clone()]).unwrap();
    let new_id = TicketId::new("T-10300").unwrap();
    archive.open(new_ticket("T-10300"), m(5, 9)).unwrap();
    let mut apply = |cmd: LinkTicket, meta: Meta| {
        archive
            .apply(&new_id, cmd.into(), meta, &policy())
            .map(|_| ())
    };
    apply(
        LinkTicket::of_kind(
            old.id().clone(),
            LinkKind::ContinuationOf,
            "Клиент сообщил после закрытия, что гостевые пропуска не работают",
        ),
        m(5, 9),
    )
    .unwrap();
    let dup = LinkTicket::of_kind(old.id().clone(), LinkKind::ContinuationOf, "ещё раз");
    let unmet = |r: Result<(), ticketry::archive::ArchiveError>| match r {
        Err(ticketry::archive::ArchiveError::Apply(e)) => e.unmet().to_vec(),
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert_eq!(
        summary(&unmet(apply(dup, m(5, 10)))),
        vec![("REP-3", DuplicateLink, Some("target"))]
    );
    let self_link = LinkTicket::of_kind(TicketId::new("T-10300").unwrap(), LinkKind::RelatedTo, "");
    assert_eq!(
        summary(&unmet(apply(self_link, m(5, 10)))),
        vec![
            ("REP-3", SelfLink, Some("target")),
            ("REP-3", FieldRequired, Some("comment")),
        ]
    );
    let t = archive.get(&new_id).unwrap();
    let link = &t.state().links[0];
    assert_eq!(
        (link.target.as_str(), link.kind, link.target_opened_at),
        ("T-10234", LinkKind::ContinuationOf, old.state().created_at)
    );
}

// ---------------------------------------------------------------------------
// Templates CLS-TPL-N, CLS-TPL-D
// ---------------------------------------------------------------------------

#[test]
fn cls_tpl_n_russian_text_is_the_regulations_wording() {
    let t = sample_ticket();
    let text = final_notification(t.state(), "Анна Смирнова", &policy()).unwrap();
    assert_eq!(text, FINAL_RU);
    // And that is exactly what the client received.
    let sent = t
        .state()
        .messages
        .iter()
        .find(|m| m.kind == MessageKind::FinalNotification)
        .unwrap();
    assert_eq!(sent.text, FINAL_RU);
    assert_eq!(
        TemplateId::FinalNotification.rule().unwrap().as_str(),
        "CLS-TPL-N"
    );
}

#[test]
fn cls_tpl_n_english_text_and_the_policy_signature() {
    let t = sample_ticket();
    assert_eq!(
        final_notification(t.state(), "Анна Смирнова", &english()).unwrap(),
        FINAL_EN
    );
    let custom = Policy {
        team_signature: Signature {
            ru: "Поддержка PASS24".into(),
            en: "PASS24 Support".into(),
        },
        ..Policy::default()
    };
    let text = final_notification(t.state(), "Анна Смирнова", &custom).unwrap();
    assert!(
        text.ends_with("С уважением,\nАнна Смирнова\nПоддержка PASS24"),
        "{text}"
    );
}

#[test]
fn cls_tpl_n_missing_values_are_named_never_rendered() {
    let t = fresh_ticket();
    let err = final_notification(t.state(), " ", &policy()).unwrap_err();
    assert_eq!(err.template, TemplateId::FinalNotification);
    assert_eq!(err.missing, vec!["solution_summary", "specialist_name"]);
    assert_eq!(err.code(), "template_value_missing");
    assert_eq!(
        err.to_string(),
        "cannot render the final notification (CLS-TPL-N): missing solution_summary, specialist_name"
    );
    // Through `apply`: a ticket without the client's name cannot be greeted.
    let mut nameless = new_ticket("T-40");
    nameless.contact_name = String::new();
    let mut t = Ticket::open(nameless, m(3, 9)).unwrap();
    ok(&mut t, LogMessage::to_client("Проверяем"), m(3, 10));
    ok(&mut t, LogWork::minutes(30, ""), m(3, 10));
    ok(&mut t, VerifyResolution::all_checked(""), m(3, 11));
    ok(
        &mut t,
        RequestConfirmation {
            message: Some("Проверьте решение, пожалуйста".into()),
        },
        m(3, 11),
    );
    ok(&mut t, RecordConfirmation::with_note("Да"), m(3, 12));
    ok(&mut t, sample_documentation(), m(3, 12));
    ok(
        &mut t,
        CheckCompleteness {
            diagnostics_apply: false,
        },
        m(3, 12),
    );
    ok(&mut t, kb_created(), m(3, 12));
    let unmet = refused(&mut t, SendFinalNotification::default(), m(3, 13));
    assert_eq!(
        summary(&unmet),
        vec![("CLS-TPL-N", TemplateValueMissing, Some("client_name"))]
    );
    assert!(unmet[0].message_en.contains("`client_name` is missing"));
}

#[test]
fn cls_tpl_n_no_raw_placeholder_ever() {
    let t = sample_ticket();
    for p in [policy(), english()] {
        let text = final_notification(t.state(), "Анна Смирнова", &p).unwrap();
        for raw in ['[', ']', '{', '}'] {
            assert!(!text.contains(raw), "{raw} in {text}");
        }
    }
    // A placeholder given as the whole custom text is refused.
    let mut t = ready_without_notification();
    for placeholder in ["[Имя клиента]", "{client_name}", "TODO", "  "] {
        assert_eq!(
            summary(&refused(
                &mut t,
                SendFinalNotification {
                    text: Some(placeholder.into())
                },
                m(4, 11)
            )),
            vec![("CLS-6", FieldRequired, Some("text"))],
            "{placeholder}"
        );
    }
}

fn ready_without_notification() -> Ticket {
    let mut t = confirmed();
    record_all(&mut t, 4, 10);
    t
}

/// A custom notification that is the regulation's template copied without
/// filling it in reaches the client with its raw placeholders.
#[test]
fn cls_tpl_n_custom_text_with_unfilled_template_placeholders_is_refused() {
    let mut t = ready_without_notification();
    let unfilled = "Здравствуйте, [Имя клиента]!\n\nОбращение [ID] закрыто.\n\nПроблема решена: [краткое описание решения]";
    let unmet = refused(
        &mut t,
        SendFinalNotification {
            text: Some(unfilled.into()),
        },
        m(4, 11),
    );
    assert!(summary(&unmet)
        .iter()
        .any(|(_, _, field)| *field == Some("text")));
}

#[test]
fn cls_tpl_d_russian_text_is_the_regulations_structure() {
    let t = sample_ticket();
    let closing = t.state().closing.as_ref().unwrap().at;
    assert_eq!(
        solution_documentation(t.state(), closing, &policy()).unwrap(),
        DOC_RU
    );
    assert_eq!(
        TemplateId::SolutionDocumentation.rule().unwrap().as_str(),
        "CLS-TPL-D"
    );
}

#[test]
fn cls_tpl_d_english_text() {
    let t = sample_ticket();
    let closing = t.state().closing.as_ref().unwrap().at;
    assert_eq!(
        solution_documentation(t.state(), closing, &english()).unwrap(),
        DOC_EN
    );
}

#[test]
fn cls_tpl_d_missing_values_are_named() {
    let t = fresh_ticket();
    let err = solution_documentation(t.state(), m(3, 10).at, &policy()).unwrap_err();
    assert_eq!(err.template, TemplateId::SolutionDocumentation);
    assert_eq!(
        err.missing,
        vec![
            "time_to_resolve",
            "problem_description",
            "cause",
            "solution",
            "recommendations",
            "resources"
        ]
    );
    // Documented but not verified: only the time to resolve is missing.
    let mut t = in_work();
    ok(&mut t, sample_documentation(), m(3, 12));
    let err = solution_documentation(t.state(), m(3, 12).at, &policy()).unwrap_err();
    assert_eq!(err.missing, vec!["time_to_resolve"]);
}

// ---------------------------------------------------------------------------
// CLS-CHK: the 8-item checklist
// ---------------------------------------------------------------------------

const KEYS: [&str; 8] = [
    "solved_and_verified",
    "client_confirmed",
    "documented",
    "completeness_checked",
    "knowledge_base_updated",
    "final_notification_sent",
    "closed_in_system",
    "everything_saved",
];

fn with_keys(list: [ItemStatus; 8]) -> Vec<(&'static str, ItemStatus)> {
    KEYS.into_iter().zip(list).collect()
}

#[test]
fn cls_chk_fresh_ticket_has_every_item_pending_in_the_regulations_words() {
    use ItemStatus::*;
    let t = fresh_ticket();
    let list = closing_checklist(t.state(), &policy());
    assert_eq!(statuses(&t), with_keys([Pending; 8]));
    let titles: Vec<&str> = list.iter().map(|i| i.title_ru).collect();
    assert_eq!(
        titles,
        [
            "Проблема полностью решена и проверена",
            "Получено подтверждение от клиента",
            "Решение задокументировано",
            "Проверена полнота информации",
            "База знаний обновлена (если применимо)",
            "Отправлено финальное уведомление клиенту",
            "Обращение закрыто в системе",
            "Вся информация сохранена",
        ]
    );
    let rules: Vec<&str> = list.iter().map(|i| i.rule.as_str()).collect();
    assert_eq!(
        rules,
        ["CLS-R1", "CLS-R2", "CLS-R3", "CLS-4", "CLS-5", "CLS-6", "CLS-7", "CLS-CHK"]
    );
    for item in &list {
        assert!(!item.explanation_en.is_empty() && item.explanation_ru.chars().any(is_cyrillic));
    }
}

#[test]
fn cls_chk_half_done_ticket() {
    use ItemStatus::*;
    let mut t = verified();
    ok(&mut t, sample_documentation(), m(3, 13));
    ok(
        &mut t,
        RecordKnowledgeBaseDecision {
            decision: KnowledgeBaseDecision::NotNeededTypical,
        },
        m(3, 13),
    );
    assert_eq!(
        statuses(&t),
        with_keys([
            Done,
            Pending,
            Done,
            Pending,
            NotApplicable,
            Pending,
            Pending,
            Pending
        ])
    );
    let list = closing_checklist(t.state(), &policy());
    assert_eq!(list[1].explanation_en, "confirmation not requested yet");
    assert_eq!(
        list[4].explanation_en,
        "not needed: the solution is typical"
    );
    // Verified at 12:00 UTC = 15:00 in Moscow.
    assert_eq!(list[0].explanation_ru, "Проверено 03.03.2025 15:00");
}

#[test]
fn cls_chk_closed_ticket_has_everything_done() {
    use ItemStatus::*;
    assert_eq!(statuses(&closed()), with_keys([Done; 8]));
    // The sample was closed with "already covered by KB-118": item 5 does not apply.
    assert_eq!(
        statuses(&sample_ticket()),
        with_keys([Done, Done, Done, Done, NotApplicable, Done, Done, Done])
    );
}

#[test]
fn cls_chk_closed_with_mark_ticket() {
    use ItemStatus::*;
    let t = closed_with_mark();
    assert_eq!(
        statuses(&t),
        with_keys([Done, NotApplicable, Done, Done, Done, Done, Done, Done])
    );
    let item = &closing_checklist(t.state(), &policy())[1];
    assert_eq!(
        item.explanation_en,
        "closed with a mark: the client did not answer the repeated request (CLS-S1)"
    );
    // Before the close, the reminded ticket says it is still pending.
    let reminded = reminded();
    let item = &closing_checklist(reminded.state(), &policy())[1];
    assert_eq!(item.status, Pending);
    assert!(item.explanation_en.contains("(CLS-S1)"));
}

#[test]
fn cls_chk_reopened_ticket_is_pending_again() {
    use ItemStatus::*;
    let mut t = closed();
    ok(&mut t, reopen_cmd(), m(5, 9));
    assert_eq!(
        statuses(&t),
        with_keys([Pending, Pending, Pending, Pending, Done, Pending, Pending, Pending])
    );
}

// ---------------------------------------------------------------------------
// CLS-ERR: the four typical errors are impossible
// ---------------------------------------------------------------------------

#[test]
fn cls_err_closing_before_the_problem_is_solved_is_refused() {
    let mut t = in_work();
    record_all(&mut t, 3, 12);
    let close = refused(&mut t, close_cmd(), m(3, 13));
    assert!(
        summary(&close).contains(&("CLS-R1", NotVerified, None)),
        "{:?}",
        summary(&close)
    );
    let mark = refused(&mut t, mark_cmd(), m(20, 9));
    assert!(
        summary(&mark).contains(&("CLS-R1", NotVerified, None)),
        "{:?}",
        summary(&mark)
    );
    // Nor can an unsolved problem be recorded as verified.
    let v = VerifyResolution {
        all_aspects_solved: false,
        ..VerifyResolution::all_checked("")
    };
    assert_eq!(
        summary(&refused(&mut t, v, m(3, 13))),
        vec![("CLS-1", VerificationCheckFailed, Some("all_aspects_solved"))]
    );
}

#[test]
fn cls_err_closing_without_the_clients_confirmation_is_refused() {
    let mut t = awaiting();
    record_all(&mut t, 3, 14);
    let close = refused(&mut t, close_cmd(), m(3, 15));
    assert!(
        summary(&close).contains(&("CLS-R2", NotConfirmed, None)),
        "{:?}",
        summary(&close)
    );
    // Nor with a mark, without the repeated request and the wait.
    let mark = refused(&mut t, mark_cmd(), m(3, 15));
    assert!(
        summary(&mark).contains(&("CLS-S1", ReminderNotSent, None)),
        "{:?}",
        summary(&mark)
    );
}

#[test]
fn cls_err_closing_an_undocumented_solution_is_refused() {
    let mut t = confirmed();
    ok(&mut t, kb_created(), m(4, 10));
    let close = refused(&mut t, close_cmd(), m(4, 11));
    assert!(
        summary(&close).contains(&("CLS-R3", NotDocumented, None)),
        "{:?}",
        summary(&close)
    );
}

#[test]
fn cls_err_incomplete_documentation_is_refused() {
    let mut t = confirmed();
    let incomplete = SolutionDocumentation {
        cause: "-".into(),
        resources: vec![],
        ..sample_documentation()
    };
    assert_eq!(
        summary(&refused(&mut t, incomplete, m(4, 10))),
        vec![
            ("CLS-3", DocumentationFieldMissing, Some("cause")),
            ("CLS-3", DocumentationFieldMissing, Some("resources")),
        ]
    );
    // Documentation that no longer describes the solution is not enough either.
    let mut t = ready();
    ok(
        &mut t,
        RecordNotSolved::because("Въезд №2 не работает"),
        m(4, 12),
    );
    let close = t.why_blocked(CommandKind::Close, m(4, 13).at, &policy());
    assert!(
        summary(&close).contains(&("CLS-3", DocumentationStale, Some("documentation"))),
        "{:?}",
        summary(&close)
    );
}

// ---------------------------------------------------------------------------
// Event logs (CLS-7: everything saved, and loaded only when valid)
// ---------------------------------------------------------------------------

fn sample_log() -> Value {
    serde_json::from_str(&sample_ticket().to_json()).unwrap()
}

fn load(v: &Value) -> Result<Ticket, LogError> {
    Ticket::from_json(&v.to_string())
}

#[test]
fn cls_7_malformed_or_unknown_version_logs_are_rejected() {
    let t = sample_ticket();
    assert_eq!(load(&sample_log()).unwrap(), t);
    let close_index = t
        .history()
        .iter()
        .position(|e| e.command.kind() == CommandKind::Close)
        .unwrap();

    let mut v = sample_log();
    v["schema_version"] = json!(2);
    let err = load(&v).unwrap_err();
    assert_eq!(
        err,
        LogError::UnsupportedSchemaVersion {
            found: 2,
            supported: 1
        }
    );
    assert_eq!(err.code(), "unsupported_schema_version");

    let mut v = sample_log();
    v.as_object_mut().unwrap().remove("schema_version");
    let err = load(&v).unwrap_err();
    assert_eq!(err.code(), "malformed_log");
    assert!(
        matches!(&err, LogError::MalformedLog { path, .. } if path == "schema_version"),
        "{err}"
    );

    let err = Ticket::from_json("not json").unwrap_err();
    assert!(
        matches!(&err, LogError::MalformedLog { path, .. } if path == "."),
        "{err}"
    );

    let mut v = sample_log();
    v["events"][close_index]["command"]["reason"] = json!(5);
    let err = load(&v).unwrap_err();
    let want = format!("events[{close_index}].command.reason");
    assert!(
        matches!(&err, LogError::MalformedLog { path, .. } if *path == want),
        "{err}"
    );

    let mut v = sample_log();
    v["events"][2]["command"]["type"] = json!("close_quickly");
    let err = load(&v).unwrap_err();
    assert!(
        matches!(&err, LogError::MalformedLog { path, message } if path == "events[2].command.type" && message.contains("unknown command `close_quickly`")),
        "{err}"
    );

    let mut v = sample_log();
    v["events"][1]["extra"] = json!(1);
    let err = load(&v).unwrap_err();
    assert!(
        matches!(&err, LogError::MalformedLog { path, .. } if path.starts_with("events[1]")),
        "{err}"
    );

    let mut v = sample_log();
    v["events"] = json!([]);
    assert_eq!(load(&v).unwrap_err(), LogError::Empty);
    assert_eq!(LogError::Empty.code(), "empty_log");
}

fn renumber(events: &mut [Event]) {
    for (i, e) in events.iter_mut().enumerate() {
        e.seq = i as u64 + 1;
    }
}

#[test]
fn cls_7_logs_with_an_impossible_history_are_rejected() {
    let t = sample_ticket();
    let events = t.history().to_vec();
    let invalid_event = |err: LogError| match err {
        LogError::InvalidEvent { index, seq, error } => (index, seq, error),
        other => panic!("expected invalid_event, got {other:?}"),
    };

    let mut broken = events.clone();
    broken[3].seq = 99;
    let (index, seq, error) = invalid_event(Ticket::from_events(broken).unwrap_err());
    assert_eq!((index, seq), (3, 99));
    assert!(
        matches!(&error, ApplyError::InvalidInput { field, .. } if field == "seq"),
        "{error}"
    );

    let mut broken = events.clone();
    broken[5].at = broken[4].at - Duration::hours(1);
    let (index, _, error) = invalid_event(Ticket::from_events(broken).unwrap_err());
    assert_eq!(index, 5);
    assert!(
        matches!(&error, ApplyError::InvalidInput { field, .. } if field == "at"),
        "{error}"
    );

    let mut broken = events.clone();
    broken.remove(0);
    renumber(&mut broken);
    let (index, _, error) = invalid_event(Ticket::from_events(broken).unwrap_err());
    assert_eq!(index, 0);
    assert!(
        matches!(&error, ApplyError::InvalidInput { field, .. } if field == "command"),
        "{error}"
    );

    // Without the verification, asking for confirmation is not a transition.
    let mut broken = events.clone();
    let verify = broken
        .iter()
        .position(|e| e.command.kind() == CommandKind::VerifyResolution)
        .unwrap();
    broken.remove(verify);
    renumber(&mut broken);
    let (index, _, error) = invalid_event(Ticket::from_events(broken).unwrap_err());
    assert_eq!(index, verify);
    assert_eq!(
        summary(error.unmet()),
        vec![("CLS-2", NotAllowedInState, None)]
    );

    // An answer to a question that was never asked.
    let mut broken = events.clone();
    let ask = broken
        .iter()
        .position(|e| e.command.kind() == CommandKind::RecordQuestion)
        .unwrap();
    broken.remove(ask);
    renumber(&mut broken);
    let (index, _, error) = invalid_event(Ticket::from_events(broken).unwrap_err());
    assert_eq!(index, ask);
    assert!(
        matches!(&error, ApplyError::InvalidInput { field, .. } if field == "question_id"),
        "{error}"
    );

    assert_eq!(Ticket::from_events(vec![]).unwrap_err(), LogError::Empty);
    assert_eq!(Ticket::from_events(events).unwrap(), t);
}

/// A stored log is replayed as facts, but a close the regulation could never
/// have accepted should not load.
#[test]
fn cls_r3_forged_log_closing_an_unready_ticket_is_rejected() {
    let t = confirmed();
    let mut events = t.history().to_vec();
    events.push(Event {
        seq: t.version() + 1,
        at: m(4, 10).at,
        actor: Actor::specialist("anna", "Анна Смирнова"),
        command: Close::new("", "").into(),
    });
    let loaded = Ticket::from_events(events);
    assert!(
        loaded.is_err(),
        "loaded a closed ticket without documentation: {:?}",
        loaded.map(|t| t.state().closure.documentation.is_some())
    );
}

// ---------------------------------------------------------------------------
// Typed API
// ---------------------------------------------------------------------------

#[test]
fn cls_r3_typed_api_refusal_returns_the_ticket_unchanged() {
    let p = policy();
    let t = TicketIn::open(new_ticket("T-1"), m(3, 9)).unwrap();
    // A payload refusal in work: the ticket comes back as it was.
    let before = t.clone();
    let rejected = t
        .apply(
            VerifyResolution {
                no_related_problems: false,
                ..VerifyResolution::all_checked("")
            },
            m(3, 10),
            &p,
        )
        .unwrap_err();
    assert_eq!(rejected.ticket, before);
    assert_eq!(
        summary(rejected.error.unmet()),
        vec![(
            "CLS-1",
            VerificationCheckFailed,
            Some("no_related_problems")
        )]
    );
    let t = rejected.ticket;
    let t = t
        .apply(LogWork::minutes(30, "Диагностика"), m(3, 10), &p)
        .unwrap();
    let t = t
        .apply(VerifyResolution::all_checked("Работает"), m(3, 11), &p)
        .unwrap();
    let t = t
        .apply(RequestConfirmation::default(), m(3, 12), &p)
        .unwrap();
    let t = t
        .apply(RecordConfirmation::with_note("Да"), m(3, 13), &p)
        .unwrap();
    // The type allows `close` from Confirmed; the data is not ready.
    let before = t.clone();
    let rejected = t.apply(close_cmd(), m(3, 14), &p).unwrap_err();
    assert_eq!(rejected.ticket, before);
    assert_eq!(rejected.ticket.ticket().version(), 5);
    assert_eq!(
        summary(rejected.error.unmet()),
        vec![
            ("CLS-R3", NotDocumented, None),
            ("CLS-4", CompletenessNotChecked, None),
            ("CLS-5", KnowledgeBaseDecisionMissing, None),
            ("CLS-6", FinalNotificationNotSent, None),
        ]
    );
    assert!(matches!(
        AnyTicket::from(rejected.ticket.into_ticket()),
        AnyTicket::Confirmed(_)
    ));
}

// ---------------------------------------------------------------------------
// Regressions: gaps these tests found, fixed in the library
// ---------------------------------------------------------------------------

/// CLS-R4: a placeholder is "not filled in" everywhere else in the library
/// (documentation, reasons, notices); an answer "TODO" should not count.
#[test]
fn cls_r4_placeholder_answer_does_not_count_as_an_answer() {
    for placeholder in ["TODO", "н/д", "-", "[Ответ]"] {
        let mut t = in_work();
        ok(
            &mut t,
            RecordQuestion::new("Нужно ли перевыпускать пропуска?"),
            m(3, 12),
        );
        let result = t
            .apply(
                AnswerQuestion::new(1, placeholder).into(),
                m(3, 12),
                &policy(),
            )
            .map(|_| ());
        assert!(result.is_err(), "answer {placeholder:?} was accepted");
    }
}

/// CLS-S1: the regulation allows a wait of 1-2 business days; a policy
/// outside that range (which `Policy::validate` rejects) must not let a
/// ticket be closed with a mark at the very moment of the reminder.
#[test]
fn cls_s1_out_of_range_policy_wait_cannot_skip_the_wait() {
    let no_wait = Policy {
        confirmation_wait_business_days: 0,
        ..Policy::default()
    };
    assert!(no_wait.validate().is_err());
    let mut t = reminded(); // reminder at 4 March 09:00
    let notify = t
        .apply(SendFinalNotification::default().into(), m(4, 10), &no_wait)
        .map(|_| ());
    let close = t.apply(mark_cmd().into(), m(4, 10), &no_wait).map(|_| ());
    assert!(
        notify.is_err() || close.is_err(),
        "closed with a mark one hour after the reminder"
    );
}

/// CLS-CHK item 3 «Решение задокументировано» and CLS-S2 «Задокументировать
/// необходимость обновления»: while the close is refused because the
/// documentation does not state the update, the checklist says "documented".
#[test]
fn cls_chk_documented_item_is_pending_while_the_update_is_undocumented() {
    let mut t = in_work();
    ok(
        &mut t,
        RequireProductUpdate {
            update: "Прошивка контроллера 2.5.0".into(),
            instructions: "Установите обновление из меню «Настройки»".into(),
        },
        m(3, 12),
    );
    ok(&mut t, ConfirmProductUpdate::default(), m(3, 13));
    ok(&mut t, sample_documentation(), m(3, 13));
    let blocked = t.why_blocked(CommandKind::Close, m(3, 14).at, &policy());
    assert!(summary(&blocked).contains(&(
        "CLS-S2",
        ProductUpdateNotDocumented,
        Some("documentation.product_update")
    )));
    assert_eq!(
        closing_checklist(t.state(), &policy())[2].status,
        ItemStatus::Pending
    );
}
