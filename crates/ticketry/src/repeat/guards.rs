//! The REP rules as guards: what the repeat workflow's commands and the close
//! of a repeat ticket must meet, each refusal an [`Unmet`] with its rule.

use chrono::{DateTime, Utc};

use super::{RecurrenceCause, RepeatAction, RepeatDecision};
use crate::closure::{is_placeholder, Command, CommandKind, Unmet, UnmetCode};
use crate::policy::Policy;
use crate::rules::RuleId;
use crate::state::TicketState;
use crate::ticket::{LinkKind, TicketId};

fn required(unmet: &mut Vec<Unmet>, rule: RuleId, field: &str, value: &str, en: &str, ru: &str) {
    if is_placeholder(value) {
        unmet.push(
            Unmet::new(
                rule,
                UnmetCode::FieldRequired,
                format!("{en} is required (`{field}` is empty or a placeholder)"),
                format!("Нужно указать {ru} (поле `{field}` пустое или заполнено заглушкой)"),
            )
            .at_field(field),
        );
    }
}

/// REP-3 link validation of a target: not itself, known, earlier.
/// `opened_at` is what the directory (or the stored event) says.
pub(crate) fn target_unmet(
    state: &TicketState,
    target: &TicketId,
    opened_at: Option<DateTime<Utc>>,
    field: &str,
) -> Option<Unmet> {
    if target == &state.id {
        return Some(
            Unmet::new(
                RuleId::Rep3,
                UnmetCode::SelfLink,
                "a ticket cannot be linked to itself",
                "Обращение нельзя связать с самим собой",
            )
            .at_field(field),
        );
    }
    match opened_at {
        None => Some(
            Unmet::new(
                RuleId::Rep3,
                UnmetCode::UnknownTicket,
                format!("ticket {target} is not known; link only to tickets in the archive"),
                format!("Обращение {target} не найдено; связывать можно только с известными обращениями"),
            )
            .at_field(field),
        ),
        Some(at) if at >= state.created_at => Some(
            Unmet::new(
                RuleId::Rep3,
                UnmetCode::LaterTicket,
                format!(
                    "ticket {target} was opened at {}, not before this one ({}); link a ticket to earlier tickets only",
                    at.to_rfc3339(),
                    state.created_at.to_rfc3339()
                ),
                format!(
                    "Обращение {target} создано не раньше этого; связывать можно только с более ранними обращениями"
                ),
            )
            .at_field(field),
        ),
        Some(_) => None,
    }
}

fn not_a_repeat(state: &TicketState, rule: RuleId) -> Option<Unmet> {
    let decided = state.repeat.decision.as_ref().map(|d| d.decision);
    (decided != Some(RepeatDecision::Repeat)).then(|| {
        Unmet::new(
            rule,
            UnmetCode::NotARepeat,
            "record the REP-1 decision that the ticket is a repeat first",
            "Сначала зафиксируйте, что обращение повторное (шаг 1)",
        )
    })
}

/// The rules a repeat-workflow or link command's payload must meet, or
/// `None` when the command is not one of them.
pub(crate) fn payload_unmet(state: &TicketState, cmd: &Command) -> Option<Vec<Unmet>> {
    let mut unmet = Vec::new();
    match cmd {
        Command::LinkTicket(link) => {
            unmet.extend(target_unmet(
                state,
                &link.target,
                link.target_opened_at,
                "target",
            ));
            if state
                .links
                .iter()
                .any(|l| l.target == link.target && l.kind == link.kind)
            {
                unmet.push(
                    Unmet::new(
                        RuleId::Rep3,
                        UnmetCode::DuplicateLink,
                        format!("the ticket is already linked to {} this way", link.target),
                        format!("Связь с обращением {} уже есть", link.target),
                    )
                    .at_field("target"),
                );
            }
            if link.kind == LinkKind::RepeatOf {
                unmet.extend(not_a_repeat(state, RuleId::Rep1).map(|u| u.at_field("kind")));
                if link.repeat_type.is_none() {
                    unmet.push(
                        Unmet::new(
                            RuleId::Rep3,
                            UnmetCode::RepeatTypeRequired,
                            "a repeat link needs its repeat type (same_problem, related_problem, not_fully_resolved, new_problem_same_context)",
                            "Для связи с повторным обращением укажите тип повторения",
                        )
                        .at_field("repeat_type"),
                    );
                }
            }
            required(
                &mut unmet,
                RuleId::Rep3,
                "comment",
                &link.comment,
                "a comment on the link",
                "комментарий к связи",
            );
        }
        Command::RemoveLink(r) => {
            if !state
                .links
                .iter()
                .any(|l| l.target == r.target && l.kind == r.kind)
            {
                unmet.push(
                    Unmet::new(
                        RuleId::Rep3,
                        UnmetCode::LinkNotFound,
                        format!("there is no {} link to {}", kind_name(r.kind), r.target),
                        format!("Связи с обращением {} такого вида нет", r.target),
                    )
                    .at_field("target"),
                );
            }
            required(
                &mut unmet,
                RuleId::Rep3,
                "reason",
                &r.reason,
                "the reason to remove the link",
                "причину удаления связи",
            );
        }
        Command::RecordRepeatDecision(d) => {
            let missing: Vec<_> = super::HistoryCheck::ALL
                .iter()
                .filter(|c| !d.checked.contains(c))
                .filter(|c| {
                    d.decision == RepeatDecision::NotRepeat
                        || **c == super::HistoryCheck::ClientHistory
                })
                .collect();
            for check in missing {
                unmet.push(
                    Unmet::new(
                        RuleId::Rep1,
                        UnmetCode::HistoryNotChecked,
                        format!(
                            "check {} before deciding{}",
                            check.label_en(),
                            if d.decision == RepeatDecision::NotRepeat {
                                " that the ticket is not a repeat"
                            } else {
                                ""
                            }
                        ),
                        format!("Перед решением нужно проверить: {}", check.label_ru()),
                    )
                    .at_field("checked"),
                );
            }
            if d.decision == RepeatDecision::NotRepeat {
                required(
                    &mut unmet,
                    RuleId::Rep1,
                    "reason",
                    &d.reason,
                    "the reason the ticket is not a repeat",
                    "почему обращение не повторное",
                );
                if let Some(link) = state.links.iter().find(|l| l.kind == LinkKind::RepeatOf) {
                    unmet.push(
                        Unmet::new(
                            RuleId::Rep1,
                            UnmetCode::RepeatLinksExist,
                            format!(
                                "the ticket is linked as a repeat of {}; remove the repeat links first",
                                link.target
                            ),
                            format!(
                                "Обращение связано как повторное с {}; сначала удалите эти связи",
                                link.target
                            ),
                        )
                        .at_field("decision"),
                    );
                }
            }
        }
        Command::RecordRepeatAnalysis(a) => {
            unmet.extend(target_unmet(
                state,
                &a.earlier,
                a.earlier_opened_at,
                "earlier",
            ));
            required(
                &mut unmet,
                RuleId::Rep2,
                "problem_description",
                &a.problem_description,
                "the earlier problem's description",
                "описание проблемы предыдущего обращения",
            );
            required(
                &mut unmet,
                RuleId::Rep2,
                "applied_solution",
                &a.applied_solution,
                "the solution applied then",
                "применённое решение",
            );
            required(
                &mut unmet,
                RuleId::Rep2,
                "result",
                &a.result,
                "the result of that solution",
                "результат решения",
            );
        }
        Command::RequestRepeatInformation(r) => {
            required(
                &mut unmet,
                RuleId::Rep4,
                "question",
                &r.question,
                "the question to the client",
                "вопрос клиенту",
            );
        }
        Command::DetermineCause(c) => {
            if !c.cause.is_known() {
                unmet.push(
                    Unmet::new(
                        RuleId::Rep4,
                        UnmetCode::CauseNotDetermined,
                        "the determined cause cannot be `not_yet_known`; ask the client for more information first if needed",
                        "Причина не может быть «ещё не определена»; при необходимости сначала запросите у клиента информацию",
                    )
                    .at_field("cause"),
                );
            }
            required(
                &mut unmet,
                RuleId::Rep4,
                "explanation",
                &c.explanation,
                "how the cause was established",
                "как установлена причина",
            );
        }
        Command::ApplyRepeatSolution(a) => {
            let cause = state.repeat.determined_cause();
            match RepeatAction::for_cause(cause) {
                None => {}
                Some(expected) if expected != a.action => unmet.push(
                    Unmet::new(
                        RuleId::Rep5,
                        UnmetCode::ActionDoesNotMatchCause,
                        format!(
                            "the cause «{}» calls for «{}» ({}), not «{}»",
                            cause.label_en(),
                            expected.label_en(),
                            expected.as_str(),
                            a.action.label_en()
                        ),
                        format!(
                            "Причина «{}» требует действия «{}», а не «{}»",
                            cause.label_ru(),
                            expected.label_ru(),
                            a.action.label_ru()
                        ),
                    )
                    .at_field("action"),
                ),
                Some(_) => {}
            }
            required(
                &mut unmet,
                RuleId::Rep5,
                "description",
                &a.description,
                "what was done (the solution or the plan)",
                "что сделано (решение или план действий)",
            );
            if a.action == RepeatAction::AdaptSolution {
                match &a.conditions_change {
                    None => unmet.push(
                        Unmet::new(
                            RuleId::RepS3,
                            UnmetCode::ConditionsChangeNotDocumented,
                            "an adapted solution must document what changed and the adapted solution",
                            "Для адаптированного решения нужно описать, что изменилось, и само адаптированное решение",
                        )
                        .at_field("conditions_change"),
                    ),
                    Some(change) => {
                        for (field, value, en, ru) in [
                            (
                                "conditions_change.what_changed",
                                &change.what_changed,
                                "what changed in the conditions",
                                "что изменилось в условиях",
                            ),
                            (
                                "conditions_change.adapted_solution",
                                &change.adapted_solution,
                                "the adapted solution",
                                "адаптированное решение",
                            ),
                        ] {
                            if is_placeholder(value) {
                                unmet.push(
                                    Unmet::new(
                                        RuleId::RepS3,
                                        UnmetCode::ConditionsChangeNotDocumented,
                                        format!("{en} is required (`{field}` is empty or a placeholder)"),
                                        format!("Нужно указать {ru} (поле `{field}`)"),
                                    )
                                    .at_field(field),
                                );
                            }
                        }
                    }
                }
            }
        }
        Command::GivePreventionRecommendations(p) => {
            required(
                &mut unmet,
                RuleId::Rep7,
                "how_to_avoid",
                &p.how_to_avoid,
                "how to avoid the problem",
                "как избежать повторения проблемы",
            );
            required(
                &mut unmet,
                RuleId::Rep7,
                "if_it_recurs",
                &p.if_it_recurs,
                "what to do if it recurs",
                "что делать, если проблема повторится",
            );
        }
        Command::ConfirmRecommendationsUnderstood(_) => {}
        _ => return None,
    }
    Some(unmet)
}

/// The repeat rules that depend only on the ticket's state and the kind of
/// command: the workflow's order (REP-1 before the rest, REP-4 before REP-5,
/// REP-7 recommendations before their understanding).
pub(crate) fn kind_unmet(state: &TicketState, kind: CommandKind) -> Vec<Unmet> {
    let mut unmet = Vec::new();
    let rule = match kind {
        CommandKind::RecordRepeatAnalysis => RuleId::Rep2,
        CommandKind::RequestRepeatInformation | CommandKind::DetermineCause => RuleId::Rep4,
        CommandKind::ApplyRepeatSolution => RuleId::Rep5,
        CommandKind::GivePreventionRecommendations
        | CommandKind::ConfirmRecommendationsUnderstood => RuleId::Rep7,
        CommandKind::RemoveLink => {
            if state.links.is_empty() {
                unmet.push(Unmet::new(
                    RuleId::Rep3,
                    UnmetCode::LinkNotFound,
                    "the ticket has no links to remove",
                    "У обращения нет связей",
                ));
            }
            return unmet;
        }
        _ => return unmet,
    };
    unmet.extend(not_a_repeat(state, rule));
    if kind == CommandKind::ApplyRepeatSolution && !state.repeat.determined_cause().is_known() {
        unmet.push(cause_not_determined(RuleId::Rep5));
    }
    if kind == CommandKind::ConfirmRecommendationsUnderstood && state.repeat.prevention.is_none() {
        unmet.push(recommendations_not_given());
    }
    unmet
}

fn kind_name(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::RepeatOf => "repeat_of",
        LinkKind::RelatedTo => "related_to",
        LinkKind::ContinuationOf => "continuation_of",
    }
}

fn cause_not_determined(rule: RuleId) -> Unmet {
    Unmet::new(
        rule,
        UnmetCode::CauseNotDetermined,
        "the cause of recurrence is not determined (REP-4)",
        "Не определена причина повторения (шаг 4)",
    )
}

fn recommendations_not_given() -> Unmet {
    Unmet::new(
        RuleId::Rep7,
        UnmetCode::RecommendationsNotGiven,
        "no prevention recommendations were given to the client",
        "Клиенту не предоставлены рекомендации по предотвращению повторения",
    )
}

/// What closing a ticket needs from the repeat workflow: for a repeat
/// ticket, every earlier ticket linked and analysed, the cause determined,
/// the solution applied, the recommendations given and understood. With a
/// policy that requires it, every ticket needs the REP-1 decision.
pub(crate) fn readiness_unmet(state: &TicketState, policy: Option<&Policy>) -> Vec<Unmet> {
    let mut unmet = Vec::new();
    let r = &state.repeat;
    if !state.is_repeat() {
        if r.decision.is_none() && policy.is_some_and(|p| p.repeat.require_decision_to_close) {
            unmet.push(Unmet::new(
                RuleId::Rep1,
                UnmetCode::RepeatDecisionMissing,
                "record whether the ticket is a repeat (REP-1) before closing: the policy requires it",
                "Перед закрытием зафиксируйте, является ли обращение повторным (шаг 1)",
            ));
        }
        return unmet;
    }
    let repeat_links: Vec<_> = state
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::RepeatOf)
        .collect();
    if repeat_links.is_empty() {
        unmet.push(
            Unmet::new(
                RuleId::Rep3,
                UnmetCode::NotLinked,
                "the repeat ticket is not linked to the earlier ticket(s) it repeats",
                "Повторное обращение не связано с предыдущими обращениями",
            )
            .at_field("links"),
        );
    }
    for link in &repeat_links {
        if r.analysis_of(&link.target).is_none() {
            unmet.push(
                Unmet::new(
                    RuleId::Rep2,
                    UnmetCode::AnalysisMissing,
                    format!("the earlier ticket {} has not been analysed", link.target),
                    format!("Не проанализировано предыдущее обращение {}", link.target),
                )
                .at_field(format!("repeat.analyses[{}]", link.target)),
            );
        }
    }
    for analysis in &r.analyses {
        if !repeat_links.iter().any(|l| l.target == analysis.earlier) {
            unmet.push(
                Unmet::new(
                    RuleId::RepLinkAll,
                    UnmetCode::AnalysedTicketNotLinked,
                    format!(
                        "the analysed earlier ticket {} is not linked as repeated",
                        analysis.earlier
                    ),
                    format!(
                        "Проанализированное обращение {} не связано с этим",
                        analysis.earlier
                    ),
                )
                .at_field("links"),
            );
        }
    }
    if !r.determined_cause().is_known() {
        unmet.push(cause_not_determined(RuleId::Rep4).at_field("repeat.cause"));
    }
    if r.actions.is_empty() {
        unmet.push(
            Unmet::new(
                RuleId::Rep5,
                UnmetCode::SolutionNotApplied,
                "no solution was applied for the repeat (REP-5 action)",
                "Не применено решение по повторному обращению (шаг 5)",
            )
            .at_field("repeat.actions"),
        );
    }
    match &r.prevention {
        None => unmet.push(recommendations_not_given().at_field("repeat.prevention")),
        Some(p) if p.understood.is_none() => unmet.push(
            Unmet::new(
                RuleId::Rep7,
                UnmetCode::RecommendationsNotUnderstood,
                "the client has not confirmed understanding the prevention recommendations",
                "Клиент не подтвердил, что понял рекомендации по предотвращению повторения",
            )
            .at_field("repeat.prevention.understood"),
        ),
        Some(_) => {}
    }
    unmet
}

/// Whether a cause value in a link or analysis still waits for the determination.
pub(crate) fn fill_cause(slot: &mut RecurrenceCause, determined: RecurrenceCause) {
    if !slot.is_known() {
        *slot = determined;
    }
}
