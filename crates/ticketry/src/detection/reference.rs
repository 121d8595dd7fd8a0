//! Explicit references: ticket numbers the client mentions (REP-1: "a mention
//! of an earlier ticket by the client").
//!
//! A number counts as a ticket reference only when something says it is one:
//!
//! - the id in its full form, with the team's prefix: `T-10234`, `т-10234`
//!   (a Cyrillic look-alike prefix counts too);
//! - `#10234`, unless a noun with numbers of its own comes right before
//!   («пропуск #558812», «счёт #4471»);
//! - further numbers listed right after a mention («по обращениям №10234 и
//!   №10311», «T-1, T-2»);
//! - a ticket word right before it, optionally followed by `№`, `#`, `N`,
//!   `No`, `номер`, `:` or `-`: «обращение», «заявка», «тикет», «запрос»,
//!   «инцидент», «ticket», «request», «case», «issue», in any case form
//!   («по обращению №10234», «заявке 10234», «тикет: 10234», «ticket #10234»).
//!
//! A bare number (`№ 558812`, `счёт № 4471`, a phone, a car plate, a flat) is
//! never a reference, and neither is a ticket word followed by anything else
//! («заявка на пропуск № 5588» is a pass request). Detection then keeps only
//! the ids that exist in the archive and were opened before the new ticket.
//!
//! ```
//! use ticketry::detection::reference::find_references;
//! use ticketry::detection::ReferenceFormat;
//! let text = "Снова не работает, см. обращение № 10234 и T-10311; пропуск № 558812, тел. +7 916 123-45-67";
//! let found = find_references(text, &ReferenceFormat::default());
//! let ids: Vec<&str> = found.iter().map(|r| r.id.as_str()).collect();
//! assert_eq!(ids, ["T-10234", "T-10311"]);
//! assert_eq!(&text[found[0].start..found[0].end], "обращение № 10234");
//! ```

use serde::{Deserialize, Serialize};

use super::text::{normalize_word, words};
use super::ReferenceFormat;
use crate::ticket::TicketId;

/// A ticket id mentioned in a text, with the span that mentions it.
///
/// ```
/// # use ticketry::detection::{reference::find_references, ReferenceFormat};
/// let r = &find_references("по тикету #770", &ReferenceFormat::default())[0];
/// assert_eq!((r.id.as_str(), r.text.as_str()), ("T-770", "тикету #770"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundReference {
    /// The id it names, in the team's format.
    pub id: TicketId,
    /// Byte offset where the mention starts.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// The mention as written.
    pub text: String,
}

/// Word stems that announce a ticket number (after normalisation).
const TICKET_WORDS: [&str; 10] = [
    "обращени",
    "заявк",
    "тикет",
    "запрос",
    "инцидент",
    "ticket",
    "request",
    "case",
    "issue",
    "тикит",
];

/// Nouns whose `#number` is their own number, not a ticket's («пропуск
/// #558812», «счёт #4471», «кв. #45»).
const OTHER_NUMBERS: [&str; 12] = [
    "пропуск",
    "сч",
    "кв",
    "договор",
    "invoice",
    "pass",
    "тел",
    "карт",
    "заказ",
    "order",
    "машин",
    "авто",
];

/// Words allowed between a ticket word and its number.
const FILLERS: [&str; 5] = ["n", "no", "nr", "номер", "номеру"];

fn is_ticket_word(word: &str) -> bool {
    TICKET_WORDS.iter().any(|w| word.starts_with(w))
}

/// Finds the ticket ids a text mentions explicitly. See the [module docs](self).
///
/// ```
/// # use ticketry::detection::{reference::find_references, ReferenceFormat};
/// let format = ReferenceFormat::default();
/// assert!(find_references("счёт № 10234 не оплачен, кв. 45", &format).is_empty());
/// assert_eq!(find_references("заявка №10234", &format)[0].id.as_str(), "T-10234");
/// ```
pub fn find_references(text: &str, format: &ReferenceFormat) -> Vec<FoundReference> {
    let spans: Vec<(usize, usize)> = words(text).collect();
    let mut out: Vec<FoundReference> = Vec::new();
    let push = |out: &mut Vec<FoundReference>, start: usize, end: usize, digits: &str| {
        push_reference(out, text, format, start, end, digits);
    };
    let prefix_letters = skeleton(format.prefix.trim_end_matches(['-', ' ', '#']));
    for (k, &(start, end)) in spans.iter().enumerate() {
        let Some(word) = text.get(start..end) else {
            continue;
        };
        let is_number = word.chars().all(|c| c.is_ascii_digit());
        let before = text.get(..start).unwrap_or_default();
        // 1. prefix form: T-10234
        if is_number && !prefix_letters.is_empty() {
            if let Some(&(ps, pe)) = k.checked_sub(1).and_then(|p| spans.get(p)) {
                let between = text.get(pe..start).unwrap_or_default();
                let prev = text.get(ps..pe).unwrap_or_default();
                if skeleton(prev) == prefix_letters
                    && matches!(between.trim(), "-" | "" | "–" | "—")
                    && between.len() <= 5
                    && !word_before_is_number(text, ps)
                {
                    push(&mut out, ps, end, word);
                    continue;
                }
            }
        }
        // 2. #10234 (not part of a longer token)
        if is_number && before.ends_with('#') {
            let hash = start - 1;
            let prior = text.get(..hash).and_then(|s| s.chars().next_back());
            let after_other_noun = k
                .checked_sub(1)
                .and_then(|p| spans.get(p))
                .and_then(|&(s, e)| text.get(s..e))
                .is_some_and(|w| {
                    let w = normalize_word(w);
                    OTHER_NUMBERS.iter().any(|n| w.starts_with(n))
                });
            if prior.is_none_or(|c| !c.is_alphanumeric()) && !after_other_noun {
                // a ticket word before the # widens the span
                let from = ticket_word_start(text, &spans, k).unwrap_or(hash);
                push(&mut out, from, end, word);
                continue;
            }
        }
        // 3. ticket word [filler] number
        if is_number {
            if let Some(from) = ticket_word_start(text, &spans, k) {
                push(&mut out, from, end, word);
                continue;
            }
        }
        // 4. a list after a mention: «по обращениям №10234 и №10311»
        if is_number {
            if let Some(last) = out.last() {
                let gap = text.get(last.end..start).unwrap_or_default();
                let rest: String = gap
                    .chars()
                    .filter(|c| !matches!(c, ' ' | ',' | '№' | '#' | '\u{a0}'))
                    .collect();
                if gap.len() <= 12 && matches!(rest.as_str(), "" | "и" | "and") {
                    push(&mut out, start, end, word);
                }
            }
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// A word normalised, with Cyrillic look-alike letters read as Latin ones, so
/// that `Т-10234` typed with a Cyrillic `Т` matches the prefix `T-`.
fn skeleton(word: &str) -> String {
    normalize_word(word)
        .chars()
        .map(|c| {
            super::text::LOOKALIKES
                .iter()
                .find(|&&(_, cyr)| cyr == c)
                .map_or(c, |&(lat, _)| lat)
        })
        .collect()
}

fn push_reference(
    out: &mut Vec<FoundReference>,
    text: &str,
    format: &ReferenceFormat,
    start: usize,
    end: usize,
    digits: &str,
) {
    let n = digits.chars().count();
    if n < format.min_digits || n > format.max_digits {
        return;
    }
    let Ok(id) = TicketId::new(format!("{}{digits}", format.prefix)) else {
        return;
    };
    if out.iter().any(|r| r.id == id && r.start == start) {
        return;
    }
    out.push(FoundReference {
        id,
        start,
        end,
        text: text.get(start..end).unwrap_or_default().to_owned(),
    });
}

/// Whether the word ending right before `at` (ignoring spaces) is a number:
/// `8 T-800` is not a reference form we trust.
fn word_before_is_number(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default().trim_end();
    before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit())
}

/// When the number at `spans[k]` follows a ticket word (with at most one
/// filler word and only `№ # : -` and spaces between), the ticket word's start.
fn ticket_word_start(text: &str, spans: &[(usize, usize)], k: usize) -> Option<usize> {
    let (num_start, _) = *spans.get(k)?;
    let mut gap_end = num_start;
    let mut j = k.checked_sub(1)?;
    let mut fillers = 0;
    loop {
        let (s, e) = *spans.get(j)?;
        let gap = text.get(e..gap_end)?;
        if !gap
            .chars()
            .all(|c| matches!(c, ' ' | '№' | '#' | ':' | '-' | '\u{a0}' | '.'))
            || gap.len() > 8
        {
            return None;
        }
        let word = normalize_word(text.get(s..e)?);
        if is_ticket_word(&word) {
            return Some(s);
        }
        if fillers == 1 || !FILLERS.contains(&word.as_str()) {
            return None;
        }
        fillers += 1;
        gap_end = s;
        j = j.checked_sub(1)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<String> {
        find_references(text, &ReferenceFormat::default())
            .into_iter()
            .map(|r| r.id.as_str().to_owned())
            .collect()
    }

    #[test]
    fn rep_1_reference_forms_the_client_writes() {
        for (text, id) in [
            ("по обращению T-10234", "T-10234"),
            ("по обращению Т-10234 (кириллица)", "T-10234"),
            ("заявка №10234", "T-10234"),
            ("заявке № 10234", "T-10234"),
            ("тикет 10234", "T-10234"),
            ("Тикет номер 10234", "T-10234"),
            ("#10234", "T-10234"),
            ("ticket 10234", "T-10234"),
            ("Ticket #10234", "T-10234"),
            ("request no. 10234", "T-10234"),
            ("см. t-10234.", "T-10234"),
            ("обращение: 10234", "T-10234"),
        ] {
            assert_eq!(ids(text), [id], "{text}");
        }
    }

    #[test]
    fn rep_1_numbers_that_are_not_ticket_references() {
        for text in [
            "тел. +7 916 123-45-67",
            "звоните 89161234567",
            "машина А123ВС 77, кв. 45",
            "пропуск № 558812 не работает",
            "счёт № 10234 от 01.02",
            "заявка на пропуск № 5588",
            "договор 10234",
            "версия 2.4.10234",
            "ABC#10234",
            "квартира 10234",
        ] {
            assert!(ids(text).is_empty(), "{text}: {:?}", ids(text));
        }
    }

    #[test]
    fn digits_outside_the_configured_length_are_ignored() {
        let format = ReferenceFormat {
            prefix: "REQ-".into(),
            min_digits: 4,
            max_digits: 6,
        };
        let found: Vec<String> =
            find_references("тикет 123, тикет 12345, REQ-1234567, req-5555", &format)
                .into_iter()
                .map(|r| r.id.as_str().to_owned())
                .collect();
        assert_eq!(found, ["REQ-12345", "REQ-5555"]);
    }
}
