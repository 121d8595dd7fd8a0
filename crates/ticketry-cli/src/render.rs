//! Human-readable output: tables and explanations, styled with ANSI codes
//! that `anstream` strips when stdout is not a terminal or `NO_COLOR` is set.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use ticketry::detection::{Candidate, Decision};

use crate::audit::Audit;
use crate::report::{Figures, Report};
use crate::triage::TicketTriage;

/// The language of labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Russian (the regulation's language).
    Ru,
    /// English.
    En,
}

impl Lang {
    fn t<'a>(self, ru: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const RED: Style = Style::new()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)))
    .bold();
const YELLOW: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
const GREEN: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
const CYAN: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));

fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// A plain table: a header and rows, columns padded to their widest cell;
/// numeric columns (`right[i]`) aligned right.
pub fn table(header: &[&str], rows: &[Vec<String>], right: &[bool]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(width(cell));
            }
        }
    }
    let line = |cells: Vec<String>, style: Option<Style>| {
        let mut s = String::from("  ");
        for (i, cell) in cells.iter().enumerate() {
            let w = widths.get(i).copied().unwrap_or(0);
            let pad = " ".repeat(w.saturating_sub(width(cell)));
            let last = i + 1 == cells.len();
            let text = if right.get(i).copied().unwrap_or(false) {
                format!("{pad}{cell}")
            } else if last {
                cell.clone()
            } else {
                format!("{cell}{pad}")
            };
            match style {
                Some(st) => s.push_str(&paint(st, &text)),
                None => s.push_str(&text),
            }
            if i + 1 < cells.len() {
                s.push_str("  ");
            }
        }
        s.trim_end().to_owned() + "\n"
    };
    let mut out = line(header.iter().map(|h| h.to_string()).collect(), Some(BOLD));
    for row in rows {
        out.push_str(&line(row.clone(), None));
    }
    out
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn decision_style(d: Decision) -> Style {
    match d {
        Decision::LikelyRepeat => RED,
        Decision::PossibleRepeat => YELLOW,
        Decision::NotARepeat => DIM,
    }
}

fn decision_label(d: Decision, lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => d.label_ru(),
        Lang::En => d.label_en(),
    }
}

/// One candidate, explained: score, decision, suggested type and the signals.
pub fn candidate(c: &Candidate, lang: Lang) -> String {
    let s = &c.signals;
    let mut why: Vec<String> = Vec::new();
    if let Some(r) = &s.reference {
        why.push(format!(
            "{} «{}»",
            lang.t("упоминание", "mentioned as"),
            r.text
        ));
    }
    if s.same_client {
        why.push(lang.t("тот же клиент", "same client").into());
    }
    if s.text_similarity > 0.0 {
        let terms = s
            .shared_terms
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        why.push(format!(
            "{} {:.2}{}",
            lang.t("сходство текста", "text similarity"),
            s.text_similarity,
            if terms.is_empty() {
                String::new()
            } else {
                format!(" ({terms})")
            }
        ));
    }
    if s.same_product {
        why.push(lang.t("тот же продукт", "same product").into());
    }
    why.push(format!(
        "{:.0} {}",
        s.days_before,
        lang.t("дн. назад", "days before")
    ));
    let outcome = match lang {
        Lang::Ru => s.outcome.label_ru(),
        Lang::En => s.outcome.label_en(),
    };
    let kind = match lang {
        Lang::Ru => c.suggested_type.label_ru(),
        Lang::En => c.suggested_type.label_en(),
    };
    let rule = c.suggested_type.rule().map(|r| r.as_str()).unwrap_or("");
    let mut out = format!(
        "    {} {}  {}  {} {} ({:.0}%)\n      {}: {}\n      {}: {}\n",
        paint(BOLD, c.id.as_str()),
        paint(
            decision_style(c.decision),
            &format!("{:.2} {}", c.score, decision_label(c.decision, lang))
        ),
        paint(DIM, c.decision.rule().as_str()),
        paint(CYAN, rule),
        kind,
        c.type_confidence * 100.0,
        lang.t("почему", "why"),
        why.join("; "),
        lang.t("итог", "outcome"),
        outcome,
    );
    if let Some(sol) = &c.solution {
        let _ = writeln!(out, "      {}: {}", lang.t("решение", "solution"), sol);
    }
    out
}

/// One ticket's triage.
pub fn ticket_triage(t: &TicketTriage, subject: &str, lang: Lang) -> String {
    let mut out = format!(
        "{} {}  {}  {}\n",
        paint(BOLD, t.id.as_deref().unwrap_or("(новое)")),
        paint(DIM, &t.opened_at.format("%Y-%m-%d %H:%M").to_string()),
        subject,
        paint(decision_style(t.decision), decision_label(t.decision, lang)),
    );
    if t.candidates.is_empty() {
        let _ = writeln!(
            out,
            "    {}",
            paint(DIM, lang.t("кандидатов нет", "no candidates"))
        );
    }
    for c in &t.candidates {
        out.push_str(&candidate(c, lang));
    }
    out
}

/// The audit.
pub fn audit(a: &Audit, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} ({} {})\n",
        paint(BOLD, lang.t("Аудит закрытия на", "Closing audit at")),
        a.at.format("%Y-%m-%d %H:%M UTC"),
        a.tickets,
        lang.t("обращений", "tickets")
    );
    let head = |out: &mut String, title: &str, n: usize, style: Style| {
        let _ = writeln!(
            out,
            "{} {}",
            paint(style, title),
            paint(BOLD, &format!("({n})"))
        );
    };
    let msg = |u: &ticketry::closure::Unmet| match lang {
        Lang::Ru => u.message_ru.clone(),
        Lang::En => u.message_en.clone(),
    };
    head(
        &mut out,
        lang.t(
            "Закрыты с нарушением регламента",
            "Closed in breach of the regulation",
        ),
        a.closed_in_breach.len(),
        RED,
    );
    for b in &a.closed_in_breach {
        let _ = writeln!(
            out,
            "  {}  {} {}  {}",
            paint(BOLD, &b.id),
            lang.t("закрыто", "closed"),
            b.closed_at.format("%Y-%m-%d"),
            paint(DIM, &format!("({})", b.command))
        );
        for u in &b.unmet {
            let _ = writeln!(out, "    {:<8} {}", paint(RED, u.rule.as_str()), msg(u));
        }
    }
    out.push('\n');
    head(
        &mut out,
        lang.t(
            "Другие шаги, отклонённые регламентом",
            "Other steps the regulation refused",
        ),
        a.steps_refused.len(),
        YELLOW,
    );
    for s in &a.steps_refused {
        let _ = writeln!(out, "  {}  {}", paint(BOLD, &s.id), s.refusal.command);
        if s.refusal.unmet.is_empty() {
            let _ = writeln!(out, "    {}", s.refusal.message);
        }
        for u in &s.refusal.unmet {
            let _ = writeln!(out, "    {:<8} {}", paint(YELLOW, u.rule.as_str()), msg(u));
        }
    }
    out.push('\n');
    head(
        &mut out,
        lang.t(
            "Ждут подтверждения дольше срока (CLS-S1)",
            "Waiting for confirmation past the deadline (CLS-S1)",
        ),
        a.waiting_past_deadline.len(),
        YELLOW,
    );
    let rows: Vec<Vec<String>> = a
        .waiting_past_deadline
        .iter()
        .map(|w| {
            vec![
                w.id.clone(),
                w.status.to_string(),
                w.since.format("%Y-%m-%d %H:%M").to_string(),
                w.deadline.format("%Y-%m-%d %H:%M").to_string(),
                w.next.as_str().to_owned(),
                w.blocked_by
                    .iter()
                    .map(|u| u.rule.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            ]
        })
        .collect();
    if !rows.is_empty() {
        out.push_str(&table(
            &[
                lang.t("обращение", "ticket"),
                lang.t("статус", "status"),
                lang.t("запрос", "requested"),
                lang.t("срок истёк", "deadline"),
                lang.t("дальше", "next"),
                lang.t("ещё мешает", "still blocked by"),
            ],
            &rows,
            &[],
        ));
    }
    out.push('\n');
    head(
        &mut out,
        lang.t("Готовы к закрытию (CLS-7)", "Ready to close (CLS-7)"),
        a.ready_to_close.len(),
        GREEN,
    );
    for r in &a.ready_to_close {
        let _ = writeln!(
            out,
            "  {}  {}",
            paint(BOLD, &r.id),
            paint(DIM, &r.status.to_string())
        );
    }
    out
}

fn figures_rows<'a>(groups: impl Iterator<Item = (&'a String, &'a Figures)>) -> Vec<Vec<String>> {
    groups
        .map(|(k, f)| {
            let causes = f
                .causes
                .iter()
                .map(|(c, n)| format!("{c}={n}"))
                .collect::<Vec<_>>()
                .join(" ");
            vec![
                k.clone(),
                f.tickets.to_string(),
                f.repeats.to_string(),
                pct(f.repeat_rate),
                pct(f.reopen_rate),
                f.closed.to_string(),
                pct(f.closed_without_confirmation_share),
                causes,
            ]
        })
        .collect()
}

/// The report.
pub fn report(r: &Report, lang: Lang) -> String {
    let mut out = String::new();
    let header = [
        "",
        lang.t("обращений", "tickets"),
        lang.t("повторов", "repeats"),
        lang.t("доля повт.", "repeat rate"),
        lang.t("переоткр.", "reopened"),
        lang.t("закрыто", "closed"),
        lang.t("без подтв.", "unconfirmed"),
        lang.t("причины повторов", "repeat causes"),
    ];
    let right = [false, true, true, true, true, true, true, false];
    let total = String::from(lang.t("всего", "total"));
    let _ = writeln!(
        out,
        "{} {}\n",
        paint(
            BOLD,
            lang.t(
                "Отчёт по повторным обращениям и закрытию на",
                "Repeat and closing report at"
            )
        ),
        r.at.format("%Y-%m-%d %H:%M UTC")
    );
    out.push_str(&table(
        &header,
        &figures_rows(std::iter::once((&total, &r.total))),
        &right,
    ));
    let _ = writeln!(out, "\n{}", paint(BOLD, lang.t("По месяцам", "By month")));
    out.push_str(&table(&header, &figures_rows(r.by_month.iter()), &right));
    let _ = writeln!(
        out,
        "\n{}",
        paint(BOLD, lang.t("По продуктам", "By product"))
    );
    out.push_str(&table(&header, &figures_rows(r.by_product.iter()), &right));
    let _ = writeln!(
        out,
        "\n{} {}",
        paint(
            RED,
            lang.t("Хронические проблемы (REP-S1)", "Chronic problems (REP-S1)")
        ),
        paint(BOLD, &format!("({})", r.chronic_problems.len()))
    );
    for p in &r.chronic_problems {
        let ids = p
            .tickets
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let clients = p
            .clients
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            out,
            "  «{}»  {} {}: {}\n    {}: {}; {}: {}; {}: {}",
            paint(BOLD, &p.subject),
            p.tickets.len(),
            lang.t("обращений", "tickets"),
            ids,
            lang.t("клиенты", "clients"),
            clients,
            lang.t("открыты", "open"),
            if p.open.is_empty() {
                "—".to_owned()
            } else {
                p.open
                    .iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            lang.t("перепроверки", "re-checks"),
            p.escalation
                .rechecks
                .iter()
                .map(|d| d.format("%Y-%m-%d").to_string())
                .collect::<Vec<_>>()
                .join(", "),
        );
        let tasks = p
            .escalation
            .tasks
            .iter()
            .map(|t| match lang {
                Lang::Ru => t.label_ru(),
                Lang::En => t.label_en(),
            })
            .collect::<Vec<_>>()
            .join("; ");
        let _ = writeln!(out, "    {}: {}", lang.t("эскалация", "escalation"), tasks);
    }
    let _ = writeln!(
        out,
        "\n{} {}",
        paint(
            YELLOW,
            lang.t(
                "Клиенты, не применяющие решения (REP-S2)",
                "Clients not applying solutions (REP-S2)"
            )
        ),
        paint(
            BOLD,
            &format!("({})", r.clients_not_applying_solutions.len())
        )
    );
    for c in &r.clients_not_applying_solutions {
        let actions = c
            .actions
            .iter()
            .map(|a| match lang {
                Lang::Ru => a.label_ru(),
                Lang::En => a.label_en(),
            })
            .collect::<Vec<_>>()
            .join("; ");
        let _ = writeln!(
            out,
            "  {}: {}\n    {}: {}",
            paint(BOLD, c.client_id.as_str()),
            c.tickets
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            lang.t("что делать", "what to do"),
            actions
        );
    }
    out
}
