//! Text analysis: from a ticket's words to the terms detection compares.
//!
//! Every text, archived or new, goes through the same steps, so that the
//! same problem written differently meets on the same terms (REP-1: "similarity
//! to problems solved before", "keyword search"):
//!
//! 1. **Words**: runs of letters and digits; a `camelCase` or `PascalCase`
//!    Latin word also gives its parts (`getFileStatus` → `get`, `file`,
//!    `status`), as code identifiers in bug reports need.
//! 2. **Unicode**: compatibility forms folded (full-width letters, ligatures,
//!    a `й` or `ё` typed as a letter plus a combining mark: the part of NFKC
//!    support texts need, see [`normalize_word`]), stress marks dropped, lower
//!    case, `ё` folded to `е` (the Russian stemmer does not fold it: `костылём`
//!    would stay unstemmed).
//! 3. **Look-alike letters**: in a word mixing Cyrillic and Latin letters, the
//!    minority script's look-alikes (`a c e o p x y k m t b h`) are folded to the
//!    majority script, so `нe` typed with a Latin `e` is `не`.
//! 4. **Stop words**: Russian and English function words and support
//!    courtesies ([`stopwords`](super::stopwords)) are dropped, as are
//!    one-letter words. Numbers stay:
//!    a gate, an error code, a version or a pass number is telling (measured:
//!    keeping them raised RR@1 on the GitBugs duplicates from 0.60 to 0.65).
//! 5. **Stemming**: Snowball, Russian for Cyrillic words and English for Latin
//!    ones (`rust-stemmers`); mixed words (`а123вс`) are kept as they are.
//!
//! Typos are handled at query time, not here: see [`for_each_edit`].
//!
//! ```
//! use ticketry::detection::text::analyze;
//! let stems: Vec<String> = analyze("Шлагбаум нe открывается, ёлки!").into_iter().map(|t| t.stem).collect();
//! assert_eq!(stems, ["шлагбау", "не·открыва", "елк"]);
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// One analysed word: its stem and where it stands in the original text.
///
/// ```
/// let terms = ticketry::detection::text::analyze("Турникеты не пускают");
/// assert_eq!(terms[0].stem, "турнике");
/// assert_eq!(&"Турникеты не пускают"[terms[0].start..terms[0].end], "Турникеты");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The normalised, stemmed form compared between tickets.
    pub stem: String,
    /// Byte offset of the word's first byte in the analysed text.
    pub start: usize,
    /// Byte offset just past the word.
    pub end: usize,
}

/// The writing system of a normalised word.
///
/// ```
/// use ticketry::detection::text::{script_of, Script};
/// assert_eq!(script_of("пропуск"), Script::Cyrillic);
/// assert_eq!(script_of("gate"), Script::Latin);
/// assert_eq!(script_of("а123вс"), Script::Mixed);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Only Cyrillic letters.
    Cyrillic,
    /// Only Latin letters.
    Latin,
    /// Digits, other scripts, or several scripts together.
    Mixed,
}

/// Which script a word is written in.
///
/// ```
/// assert_eq!(ticketry::detection::text::script_of("1с"), ticketry::detection::text::Script::Mixed);
/// ```
pub fn script_of(word: &str) -> Script {
    let (mut cyr, mut lat, mut other) = (false, false, false);
    for c in word.chars() {
        if is_cyrillic(c) {
            cyr = true;
        } else if c.is_ascii_alphabetic() {
            lat = true;
        } else {
            other = true;
        }
    }
    match (cyr, lat, other) {
        (true, false, false) => Script::Cyrillic,
        (false, true, false) => Script::Latin,
        _ => Script::Mixed,
    }
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// Latin lower-case letters that look like Cyrillic ones (upper or lower case).
pub(super) const LOOKALIKES: [(char, char); 12] = [
    ('a', 'а'),
    ('b', 'в'),
    ('c', 'с'),
    ('e', 'е'),
    ('h', 'н'),
    ('k', 'к'),
    ('m', 'м'),
    ('o', 'о'),
    ('p', 'р'),
    ('t', 'т'),
    ('x', 'х'),
    ('y', 'у'),
];

struct Analyzer {
    russian: Stemmer,
    english: Stemmer,
}

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| Analyzer {
        russian: Stemmer::create(Algorithm::Russian),
        english: Stemmer::create(Algorithm::English),
    })
}

/// Normalises one word: compatibility forms folded (full-width letters and
/// digits, ligatures, a decomposed `й` or `ё`), stress and other combining
/// marks dropped, lower case, `ё` → `е`, and look-alike letters folded to the
/// word's majority script.
///
/// This is the part of Unicode NFKC that support texts need, written out:
/// the full NFKC tables would add 62 KB (gzipped) to the browser package.
///
/// ```
/// use ticketry::detection::text::normalize_word;
/// assert_eq!(normalize_word("Ёлка"), "елка");
/// assert_eq!(normalize_word("Cервер"), "сервер"); // Latin C in a Cyrillic word
/// assert_eq!(normalize_word("ｇａｔｅ"), "gate"); // full-width
/// assert_eq!(normalize_word("зво\u{301}нит"), "звонит"); // stress mark
/// assert_eq!(normalize_word("вои\u{306}ти"), "войти"); // decomposed й
/// assert_eq!(normalize_word("ﬁle"), "file"); // ligature
/// ```
pub fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_word_into(word, &mut out);
    out
}

/// [`normalize_word`] appended to `out`: a plain word (Latin or Cyrillic
/// letters and digits, most of any text) costs no allocation, so a caller
/// that normalises every word of a text reuses one buffer.
pub(crate) fn normalize_word_into(word: &str, out: &mut String) {
    // Latin and Cyrillic letters and digits are already NFKC: skip the
    // normaliser for the words nearly every ticket is made of.
    let from = out.len();
    // whether the word mixes Latin and Cyrillic letters, on the way
    let (mut latin, mut cyrillic, mut plain) = (false, false, true);
    let mut at = 0;
    while let Some((c, len)) = char_at(word, at) {
        at += len;
        let lower = match c {
            '0'..='9' | 'a'..='z' | 'а'..='я' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            'А'..='Я' => char::from_u32(u32::from(c) + 32).unwrap_or(c),
            'Ё' | 'ё' => 'е',
            _ => {
                plain = false;
                break;
            }
        };
        latin |= lower.is_ascii_alphabetic();
        cyrillic |= !lower.is_ascii();
        out.push(lower);
    }
    if plain {
        if latin && cyrillic {
            let folded = fold_lookalikes(out.get(from..).unwrap_or_default().to_owned());
            out.truncate(from);
            out.push_str(&folded);
        }
        return;
    }
    out.truncate(from);
    let mut folded = String::with_capacity(word.len());
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        // a decomposed й (и + breve) or ё (е + diaeresis) is one letter
        let c = match (c, chars.peek()) {
            ('и', Some('\u{0306}')) => {
                chars.next();
                'й'
            }
            ('И', Some('\u{0306}')) => {
                chars.next();
                'Й'
            }
            ('е' | 'Е', Some('\u{0308}')) => {
                chars.next();
                'е'
            }
            _ => c,
        };
        match c {
            // stress and other combining marks
            '\u{0300}'..='\u{036F}' => {}
            // full-width Latin letters and digits
            '\u{FF01}'..='\u{FF5E}' => {
                if let Some(ascii) = char::from_u32(u32::from(c) - 0xFEE0) {
                    folded.push(ascii.to_ascii_lowercase());
                }
            }
            'ﬀ' => folded.push_str("ff"),
            'ﬁ' => folded.push_str("fi"),
            'ﬂ' => folded.push_str("fl"),
            'ﬃ' => folded.push_str("ffi"),
            'ﬄ' => folded.push_str("ffl"),
            _ => {
                for l in c.to_lowercase() {
                    folded.push(if l == 'ё' { 'е' } else { l });
                }
            }
        }
    }
    out.push_str(&fold_lookalikes(folded));
}

fn fold_lookalikes(word: String) -> String {
    let cyr = word.chars().filter(|&c| is_cyrillic(c)).count();
    let lat = word.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if cyr == 0 || lat == 0 {
        return word;
    }
    let to_cyrillic = cyr >= lat;
    word.chars()
        .map(|c| {
            LOOKALIKES
                .iter()
                .find(|&&(l, r)| if to_cyrillic { c == l } else { c == r })
                .map_or(c, |&(l, r)| if to_cyrillic { r } else { l })
        })
        .collect()
}

/// Splits a text into words (runs of letters, digits and combining marks),
/// with byte spans.
///
/// ```
/// let words: Vec<&str> = ticketry::detection::text::words("QR-код, кв.45").map(|(s, e)| &"QR-код, кв.45"[s..e]).collect();
/// assert_eq!(words, ["QR", "код", "кв", "45"]);
/// ```
pub fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = loop {
            let (c, len) = char_at(text, at)?;
            if is_word_char(c) {
                break at;
            }
            at += len;
        };
        while let Some((c, len)) = char_at(text, at) {
            if !is_word_char(c) {
                break;
            }
            at += len;
        }
        Some((start, at))
    })
}

/// The char starting at byte `at` of `text` (a char boundary) and its
/// length in bytes, `None` at the end. ASCII and two-byte letters (Cyrillic
/// among them, most of a Russian text) are decoded here, the rest by `str`:
/// a size build of the WebAssembly package does not inline the general
/// decoder, and splitting the words was a sixth of its indexing time.
fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let bytes = text.as_bytes();
    let b0 = *bytes.get(at)?;
    if b0 < 0x80 {
        return Some((char::from(b0), 1));
    }
    if let (0xC2..=0xDF, Some(&b1)) = (b0, bytes.get(at + 1)) {
        if b1 & 0xC0 == 0x80 {
            let code = (u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F);
            if let Some(c) = char::from_u32(code) {
                return Some((c, 2));
            }
        }
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Russian letters first: the general Unicode lookup is the slow path.
    matches!(c, 'А'..='я' | 'Ё' | 'ё')
        || c.is_alphanumeric()
        || matches!(c, '\u{0300}'..='\u{036F}')
}

/// Byte spans of a Latin word's camel-case parts, or nothing when it has one
/// part.
fn camel_parts(word: &str) -> Vec<(usize, usize)> {
    if !word.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Vec::new();
    }
    let bytes = word.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 1..bytes.len() {
        let (Some(&prev), Some(&cur)) = (bytes.get(i - 1), bytes.get(i)) else {
            continue;
        };
        let next_lower = bytes.get(i + 1).is_some_and(|b| b.is_ascii_lowercase());
        let boundary = (prev.is_ascii_lowercase() && cur.is_ascii_uppercase())
            || (prev.is_ascii_uppercase() && cur.is_ascii_uppercase() && next_lower)
            || (prev.is_ascii_alphabetic() != cur.is_ascii_alphabetic());
        if boundary {
            parts.push((start, i));
            start = i;
        }
    }
    if parts.is_empty() {
        return parts;
    }
    parts.push((start, bytes.len()));
    parts
}

/// Russian stems longer than this many letters are cut to it.
pub const MAX_CYRILLIC_STEM: usize = 7;

/// The stem of one normalised word, or `None` for a stop word or a
/// one-letter word.
///
/// ```
/// use ticketry::detection::text::stem_word;
/// assert_eq!(stem_word("открывается").as_deref(), Some("открыва"));
/// assert_eq!(stem_word("barriers").as_deref(), Some("barrier"));
/// assert_eq!(stem_word("спасибо"), None);
/// assert_eq!(stem_word("403").as_deref(), Some("403"));
/// assert_eq!(stem_word("смс"), stem_word("sms")); // see ACRONYMS
/// ```
pub fn stem_word(normalized: &str) -> Option<String> {
    let mut stem = String::new();
    stem_word_into(normalized, &mut stem).then_some(stem)
}

/// [`stem_word`] appended to `out`; false (and `out` unchanged) for a stop
/// word or a one-letter word. A word the stem cache holds costs no
/// allocation: indexing stems every word of every ticket.
pub(crate) fn stem_word_into(normalized: &str, out: &mut String) -> bool {
    let word = normalized.as_bytes();
    let uncached = |out: &mut String| match stem_checked(normalized) {
        Some(stem) => {
            out.push_str(&stem);
            true
        }
        None => false,
    };
    if word.is_empty() || word.len() > CACHED_BYTES {
        return uncached(out);
    }
    STEMS.with(|cell| {
        let Ok(mut cache) = cell.try_borrow_mut() else {
            return uncached(out);
        };
        if cache.is_empty() {
            cache.resize(STEM_CACHE_SLOTS, CachedStem::EMPTY);
        }
        let mut hasher = rustc_hash::FxHasher::default();
        std::hash::Hasher::write(&mut hasher, word);
        let at = std::hash::Hasher::finish(&hasher) as usize % STEM_CACHE_SLOTS;
        let Some(slot) = cache.get_mut(at) else {
            return uncached(out);
        };
        if let Some(stem) = slot.stem_of(word) {
            return stem.map(|stem| out.push_str(stem)).is_some();
        }
        let stem = stem_checked(normalized);
        *slot = CachedStem::new(word, stem.as_deref());
        stem.map(|stem| out.push_str(&stem)).is_some()
    })
}

fn stem_checked(normalized: &str) -> Option<String> {
    if normalized.chars().nth(1).is_none() || super::stopwords::is_stop_word(normalized) {
        return None;
    }
    if let Some(&(_, latin)) = ACRONYMS.iter().find(|(cyr, _)| *cyr == normalized) {
        return Some(latin.to_owned());
    }
    Some(stem_uncached(analyzer(), normalized))
}

/// Technical acronyms clients write in Cyrillic letters, and their Latin
/// spelling: «смс» is SMS.
pub const ACRONYMS: [(&str, &str); 9] = [
    ("смс", "sms"),
    ("смски", "sms"),
    ("смска", "sms"),
    ("смсок", "sms"),
    ("ммс", "mms"),
    ("пуш", "push"),
    ("вайфай", "wifi"),
    ("кьюар", "qr"),
    ("айпи", "ip"),
];

/// Slots of the per-thread stem cache, 16,384 lines of 64 bytes (1 MiB):
/// Snowball is the costly step of indexing, and a support archive repeats
/// its words. 4,096 and 65,536 slots both indexed slower.
const STEM_CACHE_SLOTS: usize = 1 << 14;

/// The longest word (and stem), in UTF-8 bytes, the cache keeps: 15
/// Cyrillic letters. A longer word is stemmed every time.
const CACHED_BYTES: usize = 31;

/// `stem_len` of a cached word that has no stem (a stop word).
const NO_STEM: u8 = u8::MAX;

/// One word of the stem cache and its stem, inline in one cache line.
///
/// The cache is direct-mapped: a word has one slot (by its hash) and takes
/// it over from whatever word was there. A look-up reads one line; the map
/// of boxed strings it replaces read three (its table, the key, the value)
/// and took 7 % of a 300,000-ticket triage.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct CachedStem {
    /// 0 for an empty slot (no word is empty).
    word_len: u8,
    /// [`NO_STEM`] for a stop word.
    stem_len: u8,
    word: [u8; CACHED_BYTES],
    stem: [u8; CACHED_BYTES],
}

impl CachedStem {
    const EMPTY: CachedStem = CachedStem {
        word_len: 0,
        stem_len: 0,
        word: [0; CACHED_BYTES],
        stem: [0; CACHED_BYTES],
    };

    /// The slot for `word` and `stem`; an empty one when either is too long
    /// to keep.
    fn new(word: &[u8], stem: Option<&str>) -> CachedStem {
        let mut slot = CachedStem::EMPTY;
        let stem_bytes = stem.map_or(&[][..], str::as_bytes);
        let (Some(w), Some(s)) = (
            slot.word.get_mut(..word.len()),
            slot.stem.get_mut(..stem_bytes.len()),
        ) else {
            return CachedStem::EMPTY;
        };
        w.copy_from_slice(word);
        s.copy_from_slice(stem_bytes);
        slot.word_len = word.len() as u8;
        slot.stem_len = if stem.is_some() {
            stem_bytes.len() as u8
        } else {
            NO_STEM
        };
        slot
    }

    /// The cached stem of `word` (`Some(None)` for a stop word), or `None`
    /// when the slot holds another word.
    fn stem_of(&self, word: &[u8]) -> Option<Option<&str>> {
        if usize::from(self.word_len) != word.len() || self.word.get(..word.len()) != Some(word) {
            return None;
        }
        if self.stem_len == NO_STEM {
            return Some(None);
        }
        let stem = self.stem.get(..usize::from(self.stem_len))?;
        std::str::from_utf8(stem).ok().map(Some)
    }
}

std::thread_local! {
    static STEMS: std::cell::RefCell<Vec<CachedStem>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn stem_uncached(a: &Analyzer, normalized: &str) -> String {
    match script_of(normalized) {
        Script::Cyrillic => {
            let stem = a.russian.stem(normalized);
            // Russian typos land in endings the stemmer then fails to strip
            // ("открываеться"): a long stem is cut to its first letters.
            match stem.char_indices().nth(MAX_CYRILLIC_STEM) {
                Some((cut, _)) => stem.get(..cut).unwrap_or(&stem).to_owned(),
                None => stem.into_owned(),
            }
        }
        Script::Latin => a.english.stem(normalized).into_owned(),
        Script::Mixed => normalized.to_owned(),
    }
}

/// Words that negate the next one.
const NEGATIONS: [&str; 3] = ["не", "not", "no"];

/// The one rule of negation for every view of a text: a negation word
/// («не», "not", "no") is no term of its own and marks the word after it.
#[derive(Default)]
struct Negation {
    pending: bool,
}

impl Negation {
    /// `None` for a negation word (skip it), else whether it negates `word`.
    fn of(&mut self, normalized: &str) -> Option<bool> {
        if NEGATIONS.contains(&normalized) {
            self.pending = true;
            return None;
        }
        Some(std::mem::take(&mut self.pending))
    }
}

/// Put before the stem of a negated word: «не открывается» gives
/// `не·открыва`, which differs from «открывается» (a hard negative: "does not
/// open" against "opens by itself").
pub const NEGATION_MARK: &str = "не·";

/// Analyses a text into terms: words, normalised, without stop words, stemmed;
/// a word after «не» (or "not", "no") gives its negated stem
/// ([`NEGATION_MARK`]).
///
/// ```
/// let terms = ticketry::detection::text::analyze("Камера не распознаёт номера, getFileStatus");
/// let stems: Vec<&str> = terms.iter().map(|t| t.stem.as_str()).collect();
/// assert_eq!(stems, ["камер", "не·распозн", "номер", "getfilestatus", "get", "file", "status"]);
/// ```
pub fn analyze(text: &str) -> Vec<Term> {
    let mut out = Vec::new();
    analyze_with(text, |stem, start, end| {
        out.push(Term {
            stem: stem.to_owned(),
            start,
            end,
        });
    });
    out
}

/// [`analyze`] without the allocations: `term(stem, start, end)` for each
/// term in order, the stem borrowed from a buffer the next term reuses.
pub(crate) fn analyze_with(text: &str, mut term: impl FnMut(&str, usize, usize)) {
    let mut negation = Negation::default();
    let (mut normalized, mut stem) = (String::new(), String::new());
    for (start, end) in words(text) {
        let Some(word) = text.get(start..end) else {
            continue;
        };
        normalized.clear();
        normalize_word_into(word, &mut normalized);
        let Some(negated) = negation.of(&normalized) else {
            continue;
        };
        stem.clear();
        if negated {
            stem.push_str(NEGATION_MARK);
        }
        if stem_word_into(&normalized, &mut stem) {
            term(&stem, start, end);
        }
        for (s, e) in camel_parts(word) {
            let Some(part) = word.get(s..e) else { continue };
            normalized.clear();
            normalize_word_into(part, &mut normalized);
            stem.clear();
            if stem_word_into(&normalized, &mut stem) {
                term(&stem, start + s, start + e);
            }
        }
    }
}

/// What a client's words say about a problem coming back: "again" («опять»,
/// «снова», «повторно», «уже обращались», «та же проблема») and "the
/// solution did not hold" («не помогло», «всё равно», «проблема не решена»,
/// «после вашего исправления», «после ремонта», «вернулось», «не до конца»,
/// «ничего не поменялось»).
///
/// ```
/// use ticketry::detection::text::repeat_markers;
/// let m = repeat_markers("После вашего исправления всё равно не открывается");
/// assert!(m.not_solved);
/// assert!(repeat_markers("Заявку закрыли, а ничего не поменялось").not_solved);
/// assert!(repeat_markers("После прошлого ремонта ситуация повторяется").not_solved);
/// assert!(repeat_markers("Опять не приходит SMS").again);
/// assert_eq!(repeat_markers("Шлагбаум не открывается"), Default::default());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RepeatMarkers {
    /// The client says it happens again.
    pub again: bool,
    /// The client says the earlier solution did not hold.
    pub not_solved: bool,
}

/// Phrases as word prefixes, after normalisation.
const AGAIN: &[&[&str]] = &[
    &["опять"],
    &["снова"],
    &["вновь"],
    &["повтор"],
    &["еще", "раз"],
    &["уже", "обращал"],
    &["та", "же", "проблем"],
    &["тоже", "самое"],
    &["то", "же", "самое"],
    &["again"],
];
const NOT_SOLVED: &[&[&str]] = &[
    &["не", "помог"],
    &["не", "решен"],
    &["не", "решил"],
    &["не", "устранен"],
    &["все", "равно"],
    &["после", "вашего"],
    &["помогло", "только"],
    &["вернул"],
    &["не", "до", "конца"],
    &["ничего", "не", "поменял"],
    &["ничего", "не", "изменил"],
    &["после", "ремонт"],
    &["после", "прошлого", "ремонт"],
    &["still"],
    &["not", "fixed"],
];

/// Finds the repeat markers in a text. See [`RepeatMarkers`].
pub fn repeat_markers(text: &str) -> RepeatMarkers {
    // every word normalised into one buffer, word `i` ending at `ends[i]`
    let mut all = String::with_capacity(text.len());
    let mut ends = Vec::new();
    for (s, e) in words(text) {
        normalize_word_into(text.get(s..e).unwrap_or_default(), &mut all);
        ends.push(all.len());
    }
    let word = |i: usize| {
        let start = i
            .checked_sub(1)
            .and_then(|j| ends.get(j))
            .copied()
            .unwrap_or(0);
        ends.get(i).and_then(|&end| all.get(start..end))
    };
    let has = |phrases: &[&[&str]]| {
        (0..ends.len()).any(|i| {
            phrases.iter().any(|p| {
                p.iter()
                    .enumerate()
                    .all(|(k, prefix)| word(i + k).is_some_and(|w| w.starts_with(prefix)))
            })
        })
    };
    RepeatMarkers {
        again: has(AGAIN),
        not_solved: has(NOT_SOLVED),
    }
}

/// Cosine similarity of two texts' character trigrams, taken from each
/// normalised word that is not a stop word, with the word's edges marked
/// (`^шл`, `ум$`): a morphology-blind view of how much two texts share.
/// Each word weighs the same whatever its length (its trigrams count
/// 1/√n each), and a word after «не» starts with a mark (`^¬о`).
///
/// ```
/// use ticketry::detection::text::char_ngram_cosine;
/// assert!(char_ngram_cosine("Турникет покажет", "турникеты показывать") > 0.4);
/// assert_eq!(char_ngram_cosine("шлагбаум", ""), 0.0);
/// let negated = char_ngram_cosine("не открывается", "открывается");
/// assert!(negated > 0.6 && negated < 0.9, "{negated}");
/// ```
pub fn char_ngram_cosine(a: &str, b: &str) -> f64 {
    char_ngram_cosine_by(a, b, &|_| 1.0)
}

/// [`char_ngram_cosine`] with each word's trigrams weighted by `weight` of
/// the normalised word (say, the rarity of its stem).
pub(crate) fn char_ngram_cosine_by(a: &str, b: &str, weight: &dyn Fn(&str) -> f64) -> f64 {
    let grams = |text: &str| -> HashMap<[char; 3], f64> {
        let mut out = HashMap::new();
        let mut negation = Negation::default();
        for (s, e) in words(text) {
            let w = normalize_word(text.get(s..e).unwrap_or_default());
            // as in the stems, a negation marks the next word: «не
            // открывается» starts `^¬о`, where «открывается» starts `^от`
            let Some(negated) = negation.of(&w) else {
                continue;
            };
            let mark = negated.then_some('¬');
            if w.chars().nth(1).is_none() || super::stopwords::is_stop_word(&w) {
                continue;
            }
            let chars: Vec<char> = std::iter::once('^')
                .chain(mark)
                .chain(w.chars())
                .chain(std::iter::once('$'))
                .collect();
            // a word of n trigrams gives each weight/√n, so every word
            // carries its own weight in the vector whatever its length
            let trigrams = chars.len().saturating_sub(2).max(1);
            let weight_of_word = weight(&w) / (trigrams as f64).sqrt();
            for win in chars.windows(3) {
                if let [x, y, z] = *win {
                    *out.entry([x, y, z]).or_insert(0.0) += weight_of_word;
                }
            }
        }
        out
    };
    let (ga, gb) = (grams(a), grams(b));
    let dot: f64 = ga
        .iter()
        .map(|(g, x)| x * gb.get(g).copied().unwrap_or(0.0))
        .sum();
    let na: f64 = ga.values().map(|x| x * x).sum::<f64>().sqrt();
    let nb: f64 = gb.values().map(|x| x * x).sum::<f64>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        (dot / (na * nb)).clamp(0.0, 1.0)
    }
}

/// Calls `f` with every string one edit away from `stem` (a deleted,
/// inserted, replaced or swapped letter, letters taken from the stem's
/// script), stopping early when `f` returns `false`.
///
/// This is how detection tolerates typos without an edit-distance scan: a
/// query term's one-edit neighbours are looked up in the index's vocabulary,
/// a few hundred hash lookups instead of a comparison with every ticket.
/// Stems shorter than five letters are not expanded (one edit there changes
/// the word).
///
/// ```
/// let mut found = false;
/// ticketry::detection::text::for_each_edit("шлагбаум", |e| { found |= e == "шлагбам"; true });
/// assert!(found);
/// let mut n = 0;
/// ticketry::detection::text::for_each_edit("код", |_| { n += 1; true });
/// assert_eq!(n, 0);
/// ```
pub fn for_each_edit(stem: &str, mut f: impl FnMut(&str) -> bool) {
    let chars: Vec<char> = stem.chars().collect();
    if chars.len() < 5 {
        return;
    }
    let alphabet: &[char] = match script_of(stem) {
        Script::Cyrillic => &CYRILLIC,
        Script::Latin => &LATIN,
        Script::Mixed => return,
    };
    let mut buf = String::with_capacity(stem.len() + 4);
    let mut emit = |buf: &mut String, parts: &[&[char]], middle: Option<char>| -> bool {
        buf.clear();
        if let Some((first, rest)) = parts.split_first() {
            buf.extend(first.iter());
            buf.extend(middle);
            for p in rest {
                buf.extend(p.iter());
            }
        }
        f(buf)
    };
    let n = chars.len();
    for i in 0..n {
        let (head, tail) = chars.split_at(i);
        let rest = tail.get(1..).unwrap_or(&[]);
        // deletion
        if !emit(&mut buf, &[head, rest], None) {
            return;
        }
        // transposition
        if let (Some(&a), Some(&b)) = (tail.first(), tail.get(1)) {
            if a != b {
                let after = tail.get(2..).unwrap_or(&[]);
                if !emit(&mut buf, &[head, &[b, a], after], None) {
                    return;
                }
            }
        }
        // substitution
        let current = tail.first().copied();
        for &c in alphabet {
            if Some(c) != current && !emit(&mut buf, &[head, rest], Some(c)) {
                return;
            }
        }
    }
    // insertion
    for i in 0..=n {
        let (head, tail) = chars.split_at(i);
        for &c in alphabet {
            if !emit(&mut buf, &[head, tail], Some(c)) {
                return;
            }
        }
    }
}

const CYRILLIC: [char; 32] = [
    'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'й', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т',
    'у', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'ъ', 'ы', 'ь', 'э', 'ю', 'я',
];
const LATIN: [char; 26] = [
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's',
    't', 'u', 'v', 'w', 'x', 'y', 'z',
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn stems(text: &str) -> Vec<String> {
        analyze(text).into_iter().map(|t| t.stem).collect()
    }

    /// REP-1: the stem cache is only a memo. Words that share a slot, words
    /// too long to keep, stop words and words seen again all get what the
    /// stemmer gives.
    #[test]
    fn rep_1_cached_stems_are_the_stemmers_for_every_word() {
        let mut words: Vec<String> = Vec::new();
        for base in [
            "открывается",
            "шлагбаум",
            "barriers",
            "не",
            "и",
            "пропуска",
            "смс",
            "qr",
        ] {
            words.push(base.to_owned());
            // far more words than the cache has slots: they collide
            for i in 0..(STEM_CACHE_SLOTS / 2) {
                words.push(format!("{base}{i}"));
            }
        }
        // 16 Cyrillic letters: one byte over what a slot keeps
        words.push("переподключается".to_owned());
        words.push("abcdefghijklmnopqrstuvwxyzabcdef".to_owned());
        for round in 0..2 {
            for w in words.iter().chain(words.iter().rev()) {
                assert_eq!(stem_word(w), stem_checked(w), "{w} (round {round})");
            }
        }
        assert_eq!(stem_word("и"), None);
        assert_eq!(stem_word("открывается").as_deref(), Some("открыва"));
    }

    #[test]
    fn yo_is_folded_before_stemming() {
        assert_eq!(stems("костылём"), stems("костылем"));
        assert_eq!(stems("костылём"), ["костыл"]);
    }

    #[test]
    fn lookalikes_fold_to_the_majority_script() {
        // "пропуск" with Latin o, p, c inside
        assert_eq!(stems("прoпуcк"), stems("пропуск"));
        // a Latin word with a Cyrillic о stays Latin
        assert_eq!(stems("lоgin"), stems("login"));
        // plates mix letters and digits and stay as they are
        assert_eq!(stems("А123ВС"), ["а123вс"]);
    }

    #[test]
    fn words_split_as_char_by_char_splitting_does() {
        // the reference: char_indices, one char at a time
        fn reference(text: &str) -> Vec<(usize, usize)> {
            let mut out = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices() {
                match (is_word_char(c), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        out.push((s, i));
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(s) = start {
                out.push((s, text.len()));
            }
            out
        }
        let pieces = [
            "Шлагбаум",
            "не",
            "открываеться",
            "ё",
            "Ё",
            "QR-код",
            "кв.45",
            "\u{301}",
            "и\u{306}",
            "ｇａｔｅ",
            "ﬁle",
            "😀",
            "€",
            "日本",
            "é",
            "ß",
            "\u{a0}",
            "—",
            " ",
            ",",
            "\n",
            "1,8",
            "Ⅻ",
            "\u{7ff}",
            "\u{800}",
            "ǅ",
            "",
        ];
        let mut seed = 7u64;
        for _ in 0..2_000 {
            let mut text = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            assert_eq!(
                words(&text).collect::<Vec<_>>(),
                reference(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn spans_point_at_the_original_words() {
        let text = "Ошибка: ТУРНИКЕТ №3 не пускает";
        for t in analyze(text) {
            let word = text.get(t.start..t.end).unwrap_or("");
            assert!(!word.is_empty(), "{t:?}");
        }
        let t = &analyze(text)[1];
        assert_eq!(&text[t.start..t.end], "ТУРНИКЕТ");
    }

    #[test]
    fn edits_cover_the_four_kinds_and_nothing_else() {
        let mut all = HashSet::new();
        for_each_edit("пропуск", |e| {
            all.insert(e.to_owned());
            true
        });
        for typo in ["пропск", "порпуск", "пробуск", "пропусск", "прапуск"]
        {
            assert!(all.contains(typo), "{typo}");
        }
        assert!(!all.contains("пропуск"));
        assert!(!all.contains("прпск"));
        // n deletions + (n-1) swaps + n*31 substitutions + (n+1)*32 insertions, minus duplicates
        assert!(all.len() < 7 + 6 + 7 * 31 + 8 * 32);
    }

    #[test]
    fn edits_stop_when_asked() {
        let mut n = 0;
        for_each_edit("шлагбаум", |_| {
            n += 1;
            n < 3
        });
        assert_eq!(n, 3);
    }
}
