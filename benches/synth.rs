//! A synthetic, seeded archive of Russian support tickets of the access-control
//! domain (PASS24.online: barriers, plate cameras, turnstiles, guest passes, the
//! mobile app, the web cabinet, security posts, 1С integration, billing), with
//! injected repeats whose answers are known: the workload of the repeat-ticket
//! detection benchmarks.
//!
//! ```
//! use ticketry_benches::synth::{generate, SynthConfig};
//!
//! let config = SynthConfig { tickets: 1_000, seed: 7, ..SynthConfig::default() };
//! let tickets: Vec<_> = generate(&config).collect();
//! assert_eq!(tickets.len(), 1_000);
//! assert!(tickets.iter().any(|t| t.truth.is_some()));
//! ```
//!
//! # What is generated
//!
//! - **Problems**: a catalogue of more than 60 problem templates over 9 products
//!   (`PASS24 Шлагбаум`, `Распознавание номеров`, `Турникеты`, `Гостевые
//!   пропуска`, `Мобильное приложение`, `Личный кабинет`, `Пост охраны`,
//!   `Интеграция с 1С`, `Оплата и тарифы`). Each has several subjects, several
//!   paraphrases (with inline synonyms: «не открывается / не поднимается / не
//!   срабатывает», «жилец / житель / резидент») and documented solutions. Texts
//!   carry slots (objects such as ЖК «Солнечный», addresses, gate and turnstile
//!   numbers, plates «А123ВС 77», phones «+7 916 123-45-67», flats «кв. 45»,
//!   pass, invoice and contract numbers, app and firmware versions, times), so
//!   different problems share vocabulary: hard negatives.
//! - **Clients**: Zipf-like sizes (a few large management companies with many
//!   tickets, many small ones), each with 1–3 objects, 1–3 contacts and its
//!   own product mix.
//! - **Time**: tickets spread over `span_days` with a weekly rhythm (working
//!   hours Moscow time heavier); ids (`T-1000001`, …) increase with time and
//!   `opened_at` never decreases.
//! - **Repeats**: about `repeat_share` of the tickets repeat one specific
//!   earlier ticket, named in [`RepeatTruth::of`]: mostly of the same client,
//!   sometimes of another client with the same problem (kind `same_problem`,
//!   never mentioning the id). Kinds: `same_problem` ≈ 45 % (another paraphrase,
//!   often with «опять», «снова», «повторно»), `not_fully_resolved` ≈ 20 % (the
//!   earlier ticket was solved; «после вашего исправления всё равно…»),
//!   `related_problem` ≈ 20 % (a related template, same object),
//!   `new_problem_same_context` ≈ 15 % (another problem of the same product on
//!   the same object). About a quarter of the same-client repeats cite the
//!   earlier id («по обращению T-1000234», «заявка №1000234», «тикет 1000234»,
//!   «#1000234», «ticket 1000234», «см. T-1000234», «обращение Т-1000234» with a
//!   Cyrillic Т…); then [`RepeatTruth::mentions_id`] is true and the digits are
//!   in the description.
//! - **Distractor numbers**: tickets also carry numbers that are not ticket ids:
//!   phones, plates, flats, and pass, invoice, contract and personal-account
//!   numbers, a good part of which are on purpose equal to the number of a real
//!   earlier ticket («счёт № 1000123»).
//! - **Noise**: typos at `typo_rate` per Cyrillic word of 3+ letters (swap,
//!   drop, double, neighbouring key of the ЙЦУКЕН layout), ё written as е by
//!   most writers, all-lowercase writers, words in capitals, Latin look-alike
//!   letters inside Cyrillic words («нe» with a Latin e), writers who drop
//!   punctuation, English words (QR, SMS, Wi-Fi, API, push).
//!
//! # What the labels mean
//!
//! Non-repeat tickets are drawn from the same catalogue, so many tickets share a
//! problem without being labelled repeats of each other. [`RepeatTruth::of`]
//! names the one earlier ticket a repeat was made from; it is often one of
//! several equally right answers, which no detector can tell apart: the
//! client's earlier tickets with the same problem on the same object are all
//! earlier occurrences of it (REP-LINKALL links them all), a problem solved
//! before for another client was solved for many, and a new problem in the same
//! context (REP-T4) shares it with every earlier ticket of the client on that
//! object and product. [`RepeatTruth::answers`] states that class by the
//! attributes a right answer has ([`Answers`], the labelled ticket always among
//! them). Measure recall as «a right answer is among the top 10 candidates»,
//! and as «the labelled earlier ticket is» for the stricter figure. For precision,
//! note that a non-repeat ticket avoids the problems its client had in the last
//! 30–60 days (and those of its remembered tickets), so for clients with up to
//! ~50 tickets in the archive a non-repeat almost never (≈ 0.3 % at 100,000
//! tickets, seed 42) shares a problem with a ticket of its client from the last
//! 60 days; the few largest clients (hundreds to thousands of tickets, more
//! than the 63 problems) do have such unlabelled pairs (≈ 30 % of non-repeats of
//! clients with > 200 tickets, ≈ 90 % above 1,000): report precision per client
//! size, or count a hit on an unlabelled earlier ticket of the same client and
//! `problem` as neither right nor wrong. The `problem` field (the template
//! key) is for analysis only: a detector must not read it.
//!
//! # The JSON Lines format (an interface: the Python and JS benchmarks read it)
//!
//! One JSON object per line, UTF-8, fields in this order:
//!
//! | field | type | meaning |
//! |---|---|---|
//! | `id` | string | `"T-1000001"`, increasing with `opened_at` |
//! | `client_id` | string | `"c-00042"` |
//! | `contact_name` | string | Russian first name of the writer |
//! | `product` | string | product / context, e.g. `"PASS24 Шлагбаум"` |
//! | `object` | string | the client's object, e.g. `"ЖК «Солнечный»"` |
//! | `subject` | string | one line |
//! | `description` | string | 1–4 sentences |
//! | `opened_at` | string | RFC 3339 UTC, seconds: `"2024-01-09T06:00:00Z"`, never decreasing |
//! | `solved` | bool | most tickets older than two weeks are solved |
//! | `solution` | string or null | the documented solution when solved |
//! | `problem` | string | template key, for analysis only (not an input of a detector) |
//! | `truth` | object, absent when not a repeat | `{"of": "T-…", "kind": "same_problem" \| "related_problem" \| "not_fully_resolved" \| "new_problem_same_context", "mentions_id": bool, "answers": {…}}` |
//!
//! `answers` holds the attributes of [`Answers`] that are set, by the same
//! names and in the order `client_id`, `object`, `product`, `problem`,
//! `solved`: an earlier ticket whose fields equal all of them is a right answer.
//!
//! A line of `synth --tickets 1000000 --seed 42` (a writer with capitals, «см. T-…» cited):
//!
//! ```text
//! {"id":"T-1001058","client_id":"c-71859","contact_name":"Владимир","product":"Личный кабинет","object":"ТЦ «Солнечный»","subject":"Не могу войти в личный кабинет","description":"ДОБРЫЙ день. Опять то же самое: не приходит письмо для восстановления пароля от личного кабинета. см. T-1000273 Происходит не каждый РАЗ, а примерно через раз.","opened_at":"2024-01-09T13:50:23Z","solved":true,"solution":"Браузер блокировал cookie, дали инструкцию, вход работает.","problem":"cabinet_login","truth":{"of":"T-1000273","kind":"same_problem","mentions_id":true,"answers":{"client_id":"c-71859","object":"ТЦ «Солнечный»","problem":"cabinet_login"}}}
//! ```
//!
//! The same config gives the same lines on the same platform (the generator
//! uses `f64` `powf`/`exp`, whose last bits may differ between platforms'
//! math libraries): share the generated file rather than regenerate it.
//!
//! # Cost
//!
//! [`generate`] streams: it keeps per client a profile and a dozen remembered
//! earlier tickets at geometrically spread ages, and per problem the same, so
//! its memory is O(clients + problems), independent of the number of tickets
//! ([`SynthGen::state_bytes`]). The `synth` binary writes a million tickets
//! (about 740 MB of JSON Lines) in about 5.7 s of CPU with a 40 MB resident set
//! (measured on a shared, loaded 2-core machine; 9–11 s wall there).

use chrono::{DateTime, Datelike, Duration, SecondsFormat, TimeZone, Timelike, Utc};

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/// What to generate.
///
/// ```
/// use ticketry_benches::synth::SynthConfig;
///
/// let config = SynthConfig { tickets: 20_000, seed: 1, ..SynthConfig::default() };
/// assert_eq!(config.clients_or_default(), 2_000);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct SynthConfig {
    /// How many tickets.
    pub tickets: usize,
    /// How many clients; 0 means `tickets / 10` (at least 1).
    pub clients: usize,
    /// The seed: the same config gives the same tickets.
    pub seed: u64,
    /// Share of tickets that repeat a specific earlier ticket (default 0.3).
    pub repeat_share: f64,
    /// Probability of a typo per Cyrillic word of 3+ letters (default 0.03).
    pub typo_rate: f64,
    /// Time of the first ticket's week (default 2024-01-09T06:00Z).
    pub start: DateTime<Utc>,
    /// Days the archive spans (default 730).
    pub span_days: u32,
}

impl Default for SynthConfig {
    /// 100,000 tickets, clients = tickets / 10, seed 42, 30 % repeats, 3 % typos.
    ///
    /// ```
    /// use ticketry_benches::synth::SynthConfig;
    /// assert_eq!(SynthConfig::default().span_days, 730);
    /// ```
    fn default() -> Self {
        SynthConfig {
            tickets: 100_000,
            clients: 0,
            seed: 42,
            repeat_share: 0.3,
            typo_rate: 0.03,
            start: Utc
                .with_ymd_and_hms(2024, 1, 9, 6, 0, 0)
                .single()
                .unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
            span_days: 730,
        }
    }
}

impl SynthConfig {
    /// The number of clients used: `clients`, or `tickets / 10` (at least 1) when 0.
    ///
    /// ```
    /// use ticketry_benches::synth::SynthConfig;
    /// let c = SynthConfig { tickets: 5, ..SynthConfig::default() };
    /// assert_eq!(c.clients_or_default(), 1);
    /// ```
    pub fn clients_or_default(&self) -> usize {
        if self.clients > 0 {
            self.clients
        } else {
            (self.tickets / 10).max(1)
        }
    }
}

/// How an injected repeat relates to the earlier ticket it repeats.
///
/// ```
/// use ticketry_benches::synth::TruthKind;
/// assert_eq!(TruthKind::NotFullyResolved.as_str(), "not_fully_resolved");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TruthKind {
    /// The same problem again (another paraphrase).
    SameProblem,
    /// A related problem (another template linked to the earlier one), same object.
    RelatedProblem,
    /// The earlier ticket was solved but the problem came back or was not fixed.
    NotFullyResolved,
    /// A different problem of the same product on the same object.
    NewProblemSameContext,
}

impl TruthKind {
    /// All kinds, in a fixed order.
    ///
    /// ```
    /// use ticketry_benches::synth::TruthKind;
    /// assert_eq!(TruthKind::ALL.len(), 4);
    /// ```
    pub const ALL: [TruthKind; 4] = [
        TruthKind::SameProblem,
        TruthKind::RelatedProblem,
        TruthKind::NotFullyResolved,
        TruthKind::NewProblemSameContext,
    ];

    /// The snake_case name used in the JSON Lines format.
    ///
    /// ```
    /// use ticketry_benches::synth::TruthKind;
    /// assert_eq!(TruthKind::SameProblem.as_str(), "same_problem");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            TruthKind::SameProblem => "same_problem",
            TruthKind::RelatedProblem => "related_problem",
            TruthKind::NotFullyResolved => "not_fully_resolved",
            TruthKind::NewProblemSameContext => "new_problem_same_context",
        }
    }
}

/// The known answer for an injected repeat.
///
/// ```
/// use ticketry_benches::synth::{Answers, RepeatTruth, TruthKind};
/// let t = RepeatTruth {
///     of: "T-1000001".into(),
///     kind: TruthKind::SameProblem,
///     mentions_id: false,
///     answers: Answers { client_id: Some("c-00001".into()), ..Answers::default() },
/// };
/// assert_eq!(t.kind.as_str(), "same_problem");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepeatTruth {
    /// Id of the earlier ticket the repeat was made from (the labelled one).
    pub of: String,
    /// How it relates to that ticket.
    pub kind: TruthKind,
    /// Whether the description cites the earlier id (its digits appear in it).
    pub mentions_id: bool,
    /// Which earlier tickets are as right an answer as [`RepeatTruth::of`]:
    /// every earlier ticket these attributes admit (the labelled one among
    /// them). See "What the labels mean" in the module docs.
    pub answers: Answers,
}

/// The class of right answers of an injected repeat: an earlier ticket is a
/// right answer when every attribute given here equals the ticket's own
/// (`None` = any value). The generator writes it from what it knows of the
/// repeat it injects:
///
/// | kind | attributes |
/// |---|---|
/// | `same_problem` (REP-T1), same client | `client_id`, `object`, `problem` |
/// | `same_problem`, solved before for another client | `problem`, `solved = true` |
/// | `not_fully_resolved` (REP-T3) | `client_id`, `object`, `problem`, `solved = true` |
/// | `related_problem` (REP-T2) | `client_id`, `object`, `problem` (the one the new ticket relates to) |
/// | `new_problem_same_context` (REP-T4) | `client_id`, `object`, `product` |
///
/// ```
/// use ticketry_benches::synth::{generate, Answers, SynthConfig};
/// let tickets: Vec<_> = generate(&SynthConfig { tickets: 2_000, ..SynthConfig::default() }).collect();
/// let repeat = tickets.iter().find(|t| t.truth.is_some());
/// let truth = repeat.and_then(|t| t.truth.as_ref());
/// let labelled = tickets.iter().find(|t| truth.is_some_and(|r| r.of == t.id));
/// // the labelled earlier ticket is always a right answer
/// assert!(truth.zip(labelled).is_some_and(|(r, e)| r.answers.admits(e)));
/// assert!(Answers::default().admits(&tickets[0]));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    /// The earlier ticket's client.
    pub client_id: Option<String>,
    /// The earlier ticket's object.
    pub object: Option<String>,
    /// The earlier ticket's product.
    pub product: Option<String>,
    /// The earlier ticket's problem template key.
    pub problem: Option<&'static str>,
    /// Whether the earlier ticket is solved.
    pub solved: Option<bool>,
}

impl Answers {
    /// Whether `earlier` is a right answer (the caller checks it is earlier).
    ///
    /// ```
    /// use ticketry_benches::synth::{generate, Answers, SynthConfig};
    /// let t = generate(&SynthConfig { tickets: 1, ..SynthConfig::default() }).next();
    /// let other = Answers { client_id: Some("c-none".into()), ..Answers::default() };
    /// assert_eq!(t.map(|t| other.admits(&t)), Some(false));
    /// ```
    pub fn admits(&self, earlier: &SynthTicket) -> bool {
        self.client_id
            .as_ref()
            .is_none_or(|c| *c == earlier.client_id)
            && self.object.as_ref().is_none_or(|o| *o == earlier.object)
            && self.product.as_ref().is_none_or(|p| *p == earlier.product)
            && self.problem.is_none_or(|p| p == earlier.problem)
            && self.solved.is_none_or(|s| s == earlier.solved)
    }
}

/// One generated ticket.
///
/// ```
/// use ticketry_benches::synth::{generate, SynthConfig};
/// let t = generate(&SynthConfig { tickets: 1, ..SynthConfig::default() }).next();
/// assert_eq!(t.map(|t| t.id), Some("T-1000001".to_string()));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct SynthTicket {
    /// `"T-1000001"`-style, increasing with time.
    pub id: String,
    /// `"c-00042"`-style.
    pub client_id: String,
    /// Russian first name of the writer.
    pub contact_name: String,
    /// Product / context, e.g. `"PASS24 Шлагбаум"`.
    pub product: String,
    /// The client's object the ticket is about, e.g. `"ЖК «Солнечный»"`.
    pub object: String,
    /// One line.
    pub subject: String,
    /// 1–4 sentences.
    pub description: String,
    /// Non-decreasing in id order.
    pub opened_at: DateTime<Utc>,
    /// Whether the ticket is solved (most older tickets are).
    pub solved: bool,
    /// The documented solution when solved.
    pub solution: Option<String>,
    /// Key of the problem template: for analysis only, not a detector input.
    pub problem: &'static str,
    /// `Some` for injected repeats.
    pub truth: Option<RepeatTruth>,
}

/// Streams the tickets of `config`, in id order. Memory is O(clients + problems).
///
/// ```
/// use ticketry_benches::synth::{generate, SynthConfig};
/// let n = generate(&SynthConfig { tickets: 500, ..SynthConfig::default() }).count();
/// assert_eq!(n, 500);
/// ```
pub fn generate(config: &SynthConfig) -> SynthGen {
    SynthGen::new(config)
}

/// One JSON object (no trailing newline) in the format of the module docs.
///
/// ```
/// use ticketry_benches::synth::{generate, to_json_line, SynthConfig};
/// let t = generate(&SynthConfig { tickets: 1, ..SynthConfig::default() }).next();
/// let line = t.map(|t| to_json_line(&t)).unwrap_or_default();
/// assert!(line.starts_with("{\"id\":\"T-1000001\""));
/// ```
pub fn to_json_line(t: &SynthTicket) -> String {
    let mut s = String::with_capacity(256 + t.description.len() * 2);
    s.push_str("{\"id\":");
    json_str(&mut s, &t.id);
    s.push_str(",\"client_id\":");
    json_str(&mut s, &t.client_id);
    s.push_str(",\"contact_name\":");
    json_str(&mut s, &t.contact_name);
    s.push_str(",\"product\":");
    json_str(&mut s, &t.product);
    s.push_str(",\"object\":");
    json_str(&mut s, &t.object);
    s.push_str(",\"subject\":");
    json_str(&mut s, &t.subject);
    s.push_str(",\"description\":");
    json_str(&mut s, &t.description);
    s.push_str(",\"opened_at\":");
    json_str(
        &mut s,
        &t.opened_at.to_rfc3339_opts(SecondsFormat::Secs, true),
    );
    s.push_str(",\"solved\":");
    s.push_str(if t.solved { "true" } else { "false" });
    s.push_str(",\"solution\":");
    match &t.solution {
        Some(sol) => json_str(&mut s, sol),
        None => s.push_str("null"),
    }
    s.push_str(",\"problem\":");
    json_str(&mut s, t.problem);
    if let Some(truth) = &t.truth {
        s.push_str(",\"truth\":{\"of\":");
        json_str(&mut s, &truth.of);
        s.push_str(",\"kind\":\"");
        s.push_str(truth.kind.as_str());
        s.push_str("\",\"mentions_id\":");
        s.push_str(if truth.mentions_id { "true" } else { "false" });
        s.push_str(",\"answers\":{");
        let a = &truth.answers;
        let mut first = true;
        let mut key = |s: &mut String, k: &str| {
            if !first {
                s.push(',');
            }
            first = false;
            s.push('"');
            s.push_str(k);
            s.push_str("\":");
        };
        for (k, v) in [
            ("client_id", &a.client_id),
            ("object", &a.object),
            ("product", &a.product),
        ] {
            if let Some(v) = v {
                key(&mut s, k);
                json_str(&mut s, v);
            }
        }
        if let Some(p) = a.problem {
            key(&mut s, "problem");
            json_str(&mut s, p);
        }
        if let Some(b) = a.solved {
            key(&mut s, "solved");
            s.push_str(if b { "true" } else { "false" });
        }
        s.push_str("}}");
    }
    s.push('}');
    s
}

fn json_str(out: &mut String, v: &str) {
    out.push('"');
    // Most strings need no escape: a branch-free scan, then one copy.
    let needs = v.bytes().fold(false, |acc, b| {
        acc | (b == b'"') | (b == b'\\') | (b < 0x20)
    });
    if !needs {
        out.push_str(v);
        out.push('"');
        return;
    }
    // Escapes are ASCII bytes, so the runs between them are whole UTF-8 text.
    let mut from = 0;
    for (i, b) in v.bytes().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(v.get(from..i).unwrap_or(""));
        if esc.is_empty() {
            out.push_str(&format!("\\u{b:04x}"));
        } else {
            out.push_str(esc);
        }
        from = i + 1;
    }
    out.push_str(v.get(from..).unwrap_or(""));
    out.push('"');
}

/// The number of problem templates in the catalogue.
///
/// ```
/// assert!(ticketry_benches::synth::problem_count() >= 60);
/// ```
pub fn problem_count() -> usize {
    PROBLEMS.len()
}

// ---------------------------------------------------------------------------
// Randomness: SplitMix64 (tiny, no dependency, good enough for synthetic data)
// ---------------------------------------------------------------------------

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn hash2(a: u64, b: u64) -> u64 {
    mix(a ^ mix(b.wrapping_add(0x9E37_79B9_7F4A_7C15)))
}

#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(mix(seed ^ 0x5851_F42D_4C95_7F2D))
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
    /// Uniform in `0..n` (0 when n is 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
    fn range(&mut self, lo: u64, hi_incl: u64) -> u64 {
        lo + self.below((hi_incl - lo + 1) as usize) as u64
    }
    fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
    fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }
    fn pick<'a>(&mut self, s: &[&'a str]) -> &'a str {
        s.get(self.below(s.len())).copied().unwrap_or("")
    }
}

// ---------------------------------------------------------------------------
// Vocabulary for slots
// ---------------------------------------------------------------------------

const PRODUCTS: [&str; 9] = [
    "PASS24 Шлагбаум",
    "Распознавание номеров",
    "Турникеты",
    "Гостевые пропуска",
    "Мобильное приложение",
    "Личный кабинет",
    "Пост охраны",
    "Интеграция с 1С",
    "Оплата и тарифы",
];

/// Object kinds: abbreviation, names, product weights (same order as PRODUCTS).
struct ObjKind {
    abbr: &'static str,
    names: &'static [&'static str],
    products: [u32; 9],
}

const OBJ_KINDS: [ObjKind; 5] = [
    ObjKind {
        abbr: "ЖК",
        names: &[
            "Солнечный",
            "Северный парк",
            "Лесная поляна",
            "Новые горизонты",
            "Зелёный квартал",
            "Ривьера",
            "Береговой",
            "Парковый",
            "Символ",
            "Династия",
            "Светлый мир",
            "Олимп",
            "Южная долина",
            "Царицыно",
            "Невские паруса",
            "Садовый квартал",
            "Времена года",
            "Лазурный",
            "Весна",
            "Акварели",
            "Кленовый",
            "Северное сияние",
            "Мир",
            "Москва А101",
        ],
        products: [5, 3, 1, 4, 5, 2, 2, 2, 1],
    },
    ObjKind {
        abbr: "БЦ",
        names: &[
            "Северная башня",
            "Альфа",
            "Меридиан",
            "Сити Плаза",
            "Невский",
            "Октябрь",
            "Технопарк",
            "Башня Восток",
            "Красная роза",
            "Лотос",
            "Аврора",
            "Гранит",
            "Солнечный",
            "Парковый",
        ],
        products: [2, 2, 5, 4, 2, 2, 3, 2, 1],
    },
    ObjKind {
        abbr: "КП",
        names: &[
            "Лесное",
            "Сосновый бор",
            "Речной",
            "Береговой",
            "Зелёная долина",
            "Солнечный",
            "Озёрный край",
            "Княжье",
            "Весна",
            "Горки",
        ],
        products: [5, 4, 0, 3, 4, 1, 2, 1, 1],
    },
    ObjKind {
        abbr: "БП",
        names: &[
            "Северный",
            "Восток",
            "Меридиан",
            "Технопарк",
            "Кольцевой",
            "Южный порт",
        ],
        products: [4, 3, 3, 2, 1, 2, 3, 2, 1],
    },
    ObjKind {
        abbr: "ТЦ",
        names: &[
            "Галерея",
            "Мега",
            "Радуга",
            "Солнечный",
            "Европа",
            "Октябрь",
        ],
        products: [3, 3, 2, 2, 1, 2, 2, 1, 1],
    },
];

const CITIES: &[&str] = &[
    "Москва",
    "Москва",
    "Москва",
    "Санкт-Петербург",
    "Санкт-Петербург",
    "Казань",
    "Екатеринбург",
    "Краснодар",
    "Новосибирск",
    "Нижний Новгород",
    "Красногорск",
    "Химки",
    "Мытищи",
    "Сочи",
    "Тюмень",
];

const STREETS: &[&str] = &[
    "ул. Лесная",
    "ул. Садовая",
    "ул. Ленина",
    "пр-т Мира",
    "Ленинградское ш.",
    "ул. Советская",
    "ул. Профсоюзная",
    "ул. Заречная",
    "ул. Молодёжная",
    "Береговой пр-д",
    "ул. Парковая",
    "ул. Строителей",
    "ул. Солнечная",
    "пр-т Победы",
    "ул. Центральная",
    "ул. Набережная",
    "Кутузовский пр-т",
    "ул. Северная",
    "ул. Школьная",
    "ул. Гагарина",
];

const NAMES: &[&str] = &[
    "Ирина",
    "Анна",
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Светлана",
    "Мария",
    "Юлия",
    "Екатерина",
    "Дарья",
    "Алёна",
    "Ксения",
    "Марина",
    "Людмила",
    "Галина",
    "Александр",
    "Сергей",
    "Андрей",
    "Дмитрий",
    "Алексей",
    "Михаил",
    "Игорь",
    "Владимир",
    "Николай",
    "Павел",
    "Артём",
    "Максим",
    "Евгений",
    "Роман",
    "Олег",
    "Виктор",
    "Денис",
    "Фёдор",
    "Пётр",
    "Григорий",
    "Надежда",
    "Вера",
    "Любовь",
    "Оксана",
];

const PLATE_LETTERS: [char; 12] = ['А', 'В', 'Е', 'К', 'М', 'Н', 'О', 'Р', 'С', 'Т', 'У', 'Х'];
const PLATE_LATIN: [char; 12] = ['A', 'B', 'E', 'K', 'M', 'H', 'O', 'P', 'C', 'T', 'Y', 'X'];
const REGIONS: &[&str] = &[
    "77", "97", "99", "177", "197", "199", "777", "799", "50", "750", "190", "78", "178", "98",
    "16", "116", "66", "196", "23", "123", "54", "154", "52", "72",
];
const PHONE_CODES: &[&str] = &[
    "916", "926", "903", "905", "915", "925", "977", "985", "999", "921", "911", "962", "967",
];
const OPERATORS: &[&str] = &["МТС", "Билайн", "МегаФон", "Теле2", "Yota"];
const OS: &[&str] = &[
    "Android 14",
    "Android 13",
    "Android 12",
    "iOS 17",
    "iOS 16",
    "iPhone 12",
    "iPhone 14",
    "Xiaomi Redmi Note 12",
    "Samsung A52",
    "Honor 90",
    "Huawei P40",
];
const MONTHS: &[&str] = &[
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];
const SINCE: &[&str] = &[
    "со вчерашнего дня",
    "с утра",
    "с понедельника",
    "с прошлой недели",
    "уже два дня",
    "с выходных",
    "после обеда",
    "третий день",
];
const DAYS: &[&str] = &[
    "вчера",
    "сегодня утром",
    "в понедельник",
    "позавчера",
    "на прошлой неделе",
    "в пятницу",
];

// ---------------------------------------------------------------------------
// Repeat markers, mentions, details, greetings
// ---------------------------------------------------------------------------

const SAME_MARKERS: &[&str] = &[
    "Опять",
    "Снова",
    "Повторно обращаемся.",
    "Та же проблема, что и раньше.",
    "Проблема повторилась.",
    "Опять то же самое:",
    "Снова эта ситуация.",
    "И снова",
    "Повторяется старая история:",
    "Уже обращались с этим.",
];
const NFR_MARKERS: &[&str] = &[
    "После вашего исправления всё равно",
    "Вы закрыли заявку, но проблема не решена.",
    "Помогло только на пару дней, потом всё вернулось.",
    "Проблема решена не до конца.",
    "После прошлого ремонта ситуация повторяется.",
    "Заявку закрыли, а ничего не поменялось.",
    "Вы ответили, что всё исправлено, но",
    "Исправление не помогло:",
    "Через пару дней после вашего решения опять",
];
const RELATED_MARKERS: &[&str] = &[
    "Возможно, это связано с прошлой проблемой.",
    "После прошлой неисправности теперь другое.",
    "Похоже, из-за того же, что было в прошлый раз.",
    "Это продолжение прошлой истории.",
];
const NEW_CONTEXT_MARKERS: &[&str] = &[
    "У нас другая проблема на том же объекте.",
    "Ещё один вопрос по {obj}.",
    "Теперь новая проблема.",
];
/// Forms citing an earlier ticket: `%` stands for the number.
const MENTIONS: &[&str] = &[
    "По обращению T-%:",
    "Ранее была заявка №%.",
    "Ранее была заявка № %.",
    "Ссылаюсь на тикет %.",
    "(см. T-%)",
    "Предыдущее обращение #%.",
    "Ref: ticket %.",
    "Номер прошлой заявки %.",
    "Это по обращению Т-%.",
    "По заявке № % проблема вернулась.",
    "см. T-%",
    "Прошлый тикет: T-%.",
    "В продолжение обращения %.",
];
/// Sentences of context without numbers, common to all problems.
const CONTEXTS: &[&str] = &[
    "Раньше всё работало нормально.",
    "Проблема у нескольких [жильцов|жителей|резидентов] сразу.",
    "Жалоб уже много, люди звонят в диспетчерскую.",
    "Ничего в настройках не меняли.",
    "На прошлой неделе приезжал ваш монтажник.",
    "Проверили питание и интернет, всё в порядке.",
    "Скриншот прикладываю.",
    "Прошу срочно посмотреть, утром будет очередь.",
    "Перезагружать пробовали, не помогло.",
    "Охрана не знает, что делать.",
    "Уточните, пожалуйста, это у нас или у вас сбой?",
    "Происходит не каждый раз, а примерно через раз.",
    "Председатель ТСЖ просит решить до выходных.",
    "[Арендаторы|Жильцы|Собственники] недовольны.",
    "Видео с камеры могу прислать.",
    "Проблема плавающая, то есть, то нет.",
    "Инструкцию читали, не помогло.",
    "Наш администратор в отпуске, пишу за него.",
    "Диспетчер УК подтверждает.",
    "Можно ли как-то решить удалённо?",
    "Если нужно, дадим удалённый доступ.",
    "Очень ждём, ситуация критичная.",
];
const DETAILS: &[&str] = &[
    "Телефон для связи {phone}.",
    "Контактный номер {phone}, {contact}.",
    "Машина {plate}.",
    "{Flat}, подъезд {n}.",
    "Пропуск № {pass}.",
    "Счёт № {inv} оплачен.",
    "Договор № {contract}.",
    "Это по счёту № {inv}.",
    "Лицевой счёт {ls}.",
    "Версия приложения {ver}.",
    "Прошивка контроллера {fw}.",
    "Время события {time}.",
    "Наш адрес: {addr}.",
    "Перезвоните, пожалуйста, на {phone}.",
    "Пропуск {pass} на {time}.",
    "Номер договора {contract}.",
    "[Жилец|Житель] {flat}, тел. {phone}.",
    "Пропуск #{pass}.",
    "Заказ #{inv}.",
];
const GREETINGS: &[&str] = &[
    "Здравствуйте!",
    "Добрый день.",
    "Добрый день!",
    "Доброе утро.",
    "Здравствуйте.",
    "Коллеги, добрый день.",
    "Добрый вечер.",
    "Приветствую.",
    "",
    "",
    "",
    "",
];
const CLOSINGS: &[&str] = &[
    "Спасибо.",
    "Прошу помочь.",
    "Срочно!",
    "Жду ответа.",
    "{contact}, {phone}",
    "Заранее спасибо!",
    "Помогите, пожалуйста.",
    "Прошу разобраться.",
    "",
    "",
    "",
    "",
];
const REPEAT_SUBJECT: &[&str] = &["Повторно: ", "Опять: ", "Снова: ", "Re: ", "ПОВТОРНО ", ""];

// ---------------------------------------------------------------------------
// The problem catalogue
// ---------------------------------------------------------------------------

/// One problem template. Texts: `[a|b]` picks one alternative (nestable),
/// `{slot}` fills a slot (a capitalised slot name capitalises the value).
struct Problem {
    key: &'static str,
    product: usize,
    weight: u32,
    related: &'static [&'static str],
    subjects: &'static [&'static str],
    texts: &'static [&'static str],
    solutions: &'static [&'static str],
}

macro_rules! problem {
    ($key:literal, $product:expr, $weight:expr, [$($rel:literal),*], [$($subj:literal),+ $(,)?], [$($text:literal),+ $(,)?], [$($sol:literal),+ $(,)?] $(,)?) => {
        Problem {
            key: $key,
            product: $product,
            weight: $weight,
            related: &[$($rel),*],
            subjects: &[$($subj),+],
            texts: &[$($text),+],
            solutions: &[$($sol),+],
        }
    };
}

const BARRIER: usize = 0;
const LPR: usize = 1;
const TURNSTILE: usize = 2;
const GUEST: usize = 3;
const APP: usize = 4;
const CABINET: usize = 5;
const GUARD: usize = 6;
const INTEGRATION: usize = 7;
const BILLING: usize = 8;

const PROBLEMS: &[Problem] = &[
    // ---- PASS24 Шлагбаум ----
    problem!("barrier_plate_no_open", BARRIER, 8,
        ["camera_night", "barrier_controller_offline", "plate_not_found"],
        ["[Шлагбаум|Шлагбаум №{g}] не открывается по номеру", "Не [поднимается|открывается] шлагбаум для [жильцов|жителей|резидентов]", "Не срабатывает въезд по номеру {plate}"],
        ["[Шлагбаум|Шлагбаум №{g}] на {obj} не [открывается|поднимается|срабатывает] по номеру машины {plate}. Номер в системе есть, [жилец|житель|резидент] стоит перед въездом и ждёт.",
         "{Since} машина {plate} не может заехать: камера номер видит, а шлагбаум [не поднимается|не открывается]. Приходится открывать вручную с поста.",
         "Автомобиль {plate} ([жилец|житель] {flat}) добавлен в список, но въезд по номеру не срабатывает. Объект {obj}, {addr}.",
         "Не [открывается|поднимается] [шлагбаум|въездной шлагбаум] по распознанному номеру {plate}: в журнале событие есть, а команды на открытие нет."],
        ["Номер был внесён латинскими буквами, исправили на кириллицу, въезд работает.", "Перезагрузили контроллер шлагбаума, обновили прошивку до {fw}.", "Срок действия постоянного пропуска истёк, продлили до конца года."]),
    problem!("barrier_app_button", BARRIER, 6,
        ["barrier_controller_offline", "app_crash_login", "app_bluetooth_open"],
        ["Не открывается шлагбаум из приложения", "Кнопка «Открыть» в приложении не работает", "Шлагбаум не реагирует на приложение"],
        ["[Жильцы|Жители|Резиденты] жалуются, что шлагбаум не открывается из мобильного приложения: нажимают кнопку «Открыть», крутится загрузка, потом ошибка.",
         "В приложении кнопка открытия шлагбаума №{g} не срабатывает, [жилец|житель] {flat}, телефон {phone}.",
         "Из приложения PASS24 [не поднимается|не открывается] шлагбаум на {obj}, по звонку открывается нормально.",
         "{Since} кнопка «Открыть шлагбаум» в приложении выдаёт «Устройство недоступно»."],
        ["Контроллер потерял связь с сервером после смены IP, перенастроили подключение.", "Пользователь не был привязан к шлагбауму №{g}, добавили доступ в личном кабинете."]),
    problem!("barrier_controller_offline", BARRIER, 7,
        ["barrier_app_button", "barrier_plate_no_open", "barrier_call_open"],
        ["Контроллер шлагбаума не в сети", "Шлагбаум №{g} [оффлайн|офлайн]", "Нет связи с контроллером [шлагбаума|въезда]"],
        ["В личном кабинете контроллер шлагбаума №{g} на {obj} отображается [не в сети|оффлайн] с {time}. Интернет на объекте есть.",
         "Пропала связь с контроллером [шлагбаума|въезда], статус серый. Перезагрузку по питанию делали, не помогло.",
         "Шлагбаум на {addr} не отвечает на команды, контроллер оффлайн, GSM-модуль мигает красным.",
         "Контроллер въезда №{g} постоянно уходит в оффлайн на [несколько минут|5–10 минут], потом возвращается."],
        ["Закончились деньги на SIM-карте GSM-модуля, клиент пополнил баланс, связь восстановилась.", "Заменили блок питания контроллера, обновили прошивку до {fw}.", "Роутер на объекте блокировал порт, открыли порт, контроллер в сети."]),
    problem!("barrier_call_open", BARRIER, 5,
        ["barrier_controller_offline", "barrier_app_button"],
        ["Не открывается по звонку", "Шлагбаум не реагирует на звонок с телефона", "Не работает открытие [шлагбаума|ворот] звонком"],
        ["При звонке на номер шлагбаума идёт вызов, но [шлагбаум|ворота] не [открываются|поднимается]. Телефон {phone} есть в списке.",
         "[Жилец|Житель] {flat} звонит на шлагбаум №{g}, звонок сбрасывается, а открытия нет.",
         "Перестало работать открытие по звонку на {obj}, у всех [жильцов|жителей] одно и то же {since}.",
         "Открытие шлагбаума звонком не срабатывает для номера {phone}, с других номеров открывается."],
        ["Номер телефона был записан без +7, привели номера к единому формату.", "Оператор заблокировал входящие на SIM-карте GSM-модуля, клиент сменил тариф.", "Очистили переполненную память номеров в GSM-модуле, перезагрузили."]),
    problem!("barrier_stays_open", BARRIER, 4,
        ["barrier_controller_offline", "gate_sliding_stops"],
        ["Шлагбаум не закрывается", "Шлагбаум сам открывается ночью", "Шлагбаум №{g} стоит открытым"],
        ["Шлагбаум №{g} [после проезда машины|после заезда] не опускается, стоит открытым, за ним проезжают все подряд.",
         "Ночью около {time} шлагбаум на {obj} сам открывается, в журнале событий записей нет.",
         "После [грозы|отключения электричества] шлагбаум остаётся поднятым, закрыть можно только вручную с пульта.",
         "Въездной шлагбаум не закрывается автоматически, таймер закрытия вроде стоит на {n} сек."],
        ["Сбились настройки автозакрытия, выставили таймер 10 секунд.", "Неисправен фотоэлемент безопасности, заменили, шлагбаум закрывается.", "Залипало реле на контроллере, заменили контроллер."]),
    problem!("barrier_slow_open", BARRIER, 3,
        ["barrier_controller_offline", "camera_slow"],
        ["Шлагбаум открывается с большой задержкой", "Долго открывается въезд", "Очередь на въезд из-за задержки"],
        ["Шлагбаум [открывается|поднимается] с задержкой в {n} сек. после распознавания номера, на въезде собирается очередь.",
         "Утром в часы пик въезд на {obj} работает очень медленно: между звонком и открытием проходит [почти минута|секунд 30].",
         "Задержка открытия шлагбаума №{g} из приложения стала больше {n} секунд, раньше открывался сразу."],
        ["Слабый сигнал GSM, перенесли антенну модуля выше.", "Перевели контроллер с GSM на проводной интернет, задержка ушла."]),
    problem!("barrier_schedule", BARRIER, 3,
        ["cabinet_settings_not_saved", "barrier_plate_no_open"],
        ["Не работает расписание доступа", "Шлагбаум пропускает вне разрешённого времени"],
        ["Настроили расписание: [грузовые машины|грузовой транспорт] только с 8 до 20, но шлагбаум пропускает и ночью, например в {time}.",
         "Для [арендаторов|сотрудников] доступ по расписанию, а в выходные шлагбаум не открывается даже в разрешённое время.",
         "Расписание доступа на въезде №{g} не применяется: изменения в личном кабинете сохраняются, а до шлагбаума не доходят."],
        ["На контроллере был неверный часовой пояс, выставили МСК.", "Расписание не было привязано к группе доступа, привязали."]),
    problem!("gate_sliding_stops", BARRIER, 3,
        ["barrier_stays_open"],
        ["Откатные ворота не закрываются до конца", "Ворота останавливаются на середине"],
        ["Откатные ворота на {addr} [останавливаются на середине|не закрываются до конца], потом снова открываются.",
         "Ворота на въезде №{g} при закрытии доходят до половины и едут обратно.",
         "{Since} [откатные ворота|ворота] на {obj} закрываются рывками и встают на полпути."],
        ["Сбились концевые выключатели привода, отрегулировали.", "Мешал снег на направляющей, рекомендовали очистку и подогрев."]),
    // ---- Распознавание номеров ----
    problem!("camera_night", LPR, 7,
        ["barrier_plate_no_open", "camera_weather", "camera_wrong_symbols"],
        ["Камера не распознаёт номера в темноте", "Ночью не читаются номера", "Плохое распознавание номеров вечером"],
        ["Камера №{cam} на въезде [плохо распознаёт|не распознаёт] номера в тёмное время суток, днём всё нормально.",
         "Вечером после {time} камера [перестаёт видеть|не видит] номера машин, приходится открывать шлагбаум вручную.",
         "Ночью распознавание номеров не работает: в журнале вместо номера пусто или «не распознан». Объект {obj}.",
         "Как темнеет, камера распознавания на {addr} путает символы, например {plate} читает с ошибками."],
        ["Включили ИК-подсветку и настроили выдержку камеры для ночного режима.", "Подсветку номера заслонял козырёк, камеру перенесли и перенастроили угол.", "Обновили прошивку камеры до {fw} и профиль ночной съёмки."]),
    problem!("camera_wrong_symbols", LPR, 5,
        ["camera_night", "barrier_plate_no_open", "plate_not_found"],
        ["Номер распознаётся неправильно", "Камера путает буквы в номере"],
        ["Камера распознаёт номер {plate} [с ошибкой|неправильно]: вместо буквы О ставит ноль, поэтому шлагбаум не открывается.",
         "В журнале проездов номер машины [жильца|жителя] записан неверно, путаются В и 8.",
         "Распознавание номеров ошибается на одну-две буквы, особенно у номеров с трёхзначным регионом, например {plate}."],
        ["Включили нечёткое сравнение номеров с допуском в один символ.", "Номер {plate} в базе был введён латиницей, исправили."]),
    problem!("camera_weather", LPR, 3,
        ["camera_night"],
        ["Камера не видит номера после снегопада", "Плохое распознавание в дождь"],
        ["После снегопада камера №{cam} почти не распознаёт номера, объектив, похоже, залеплен.",
         "В дождь распознавание номеров на въезде падает, машины стоят по {n} мин.",
         "Зимой грязные номера камера вообще не видит, что можно настроить на {obj}?"],
        ["Рекомендовали кожух с подогревом, настроили чувствительность.", "Клиент очистил объектив, распознавание восстановилось, дали памятку по обслуживанию."]),
    problem!("camera_offline", LPR, 4,
        ["barrier_controller_offline", "camera_night"],
        ["Камера распознавания не в сети", "Нет изображения с камеры №{cam}"],
        ["Камера распознавания номеров №{cam} пропала из системы, в личном кабинете статус «нет связи».",
         "{Since} нет изображения с камеры на въезде, номера не распознаются, шлагбаум открываем с поста.",
         "Камера на {obj} то появляется, то пропадает из сети, видео в кабинете не грузится."],
        ["Камера получила новый IP по DHCP, закрепили статический адрес.", "Вышел из строя PoE-инжектор, заменили."]),
    problem!("camera_slow", LPR, 3,
        ["barrier_slow_open", "camera_offline"],
        ["Долгое распознавание номера", "Камера распознаёт номер с задержкой"],
        ["Камера распознаёт номер, только когда машина почти упёрлась в шлагбаум, задержка {n} сек.",
         "Распознавание стало медленным: машина стоит, а номер появляется в журнале через [полминуты|секунд 20].",
         "На въезде №{g} номер {plate} распознался только через {n} сек., сзади сигналили."],
        ["Уменьшили зону распознавания и разрешение потока, задержка ушла.", "Сервер распознавания был перегружен, перенесли обработку на другой узел."]),
    problem!("plate_not_found", LPR, 5,
        ["barrier_plate_no_open", "camera_wrong_symbols", "import_excel"],
        ["Номер есть в базе, но «не найден»", "Пишет «нет в списке» для машины {plate}"],
        ["Машина {plate} точно есть в списке [жильца|жителя] {flat}, но при въезде система пишет «номер не найден».",
         "После импорта списка автомобилей часть номеров не находится, хотя в личном кабинете они отображаются.",
         "У [жильца|резидента] два автомобиля, второй номер {plate} система не видит, первый работает."],
        ["В номерах были латинские буквы и пробелы, нормализовали все номера при импорте.", "Превышен лимит автомобилей на квартиру, увеличили лимит до 3."]),
    problem!("camera_guest_car", LPR, 4,
        ["guest_pass_not_in_journal", "barrier_plate_no_open"],
        ["Гость на машине не может заехать", "Не пускает по гостевому пропуску на авто"],
        ["Оформили гостевой пропуск на машину {plate}, гость приехал, а шлагбаум не открывается, хотя камера номер распознала.",
         "[Жилец|Житель] {flat} заказал пропуск для такси {plate}, машину не пустили, охрана пропуск не видит.",
         "Разовый пропуск на автомобиль не срабатывает на въезде: номер распознан, но написано «нет доступа»."],
        ["Пропуск был оформлен на другую дату, разъяснили жильцу.", "Исправили ошибку синхронизации гостевых пропусков с камерой в версии {ver}."]),
    problem!("camera_stoplist", LPR, 2,
        ["camera_wrong_symbols", "barrier_plate_no_open"],
        ["Проехала машина из чёрного списка", "Не работает стоп-лист номеров"],
        ["Машину {plate} внесли в стоп-лист, но шлагбаум её пропустил в {time}.",
         "Стоп-лист номеров не применяется, заблокированные машины заезжают на {obj} как обычно.",
         "Добавили номер {plate} в чёрный список, а камера всё равно открывает ему шлагбаум №{g}."],
        ["Стоп-лист был настроен только для въезда №1, применили ко всем въездам.", "Номер в стоп-листе был с пробелом, нормализовали."]),
    // ---- Турникеты ----
    problem!("qr_turnstile", TURNSTILE, 7,
        ["guest_link_invalid", "turnstile_offline", "app_qr_not_shown"],
        ["Не считывается QR-код на турникете", "Турникет не читает QR", "Не работает проход по QR"],
        ["На турникете №{tn} в {obj} не считывается QR-код [гостевого пропуска|из приложения], считыватель пищит и горит красным.",
         "Сотрудники не могут пройти по QR: турникет не реагирует на код с экрана телефона.",
         "QR-код из письма гостю турникет не читает, приходится пропускать вручную на ресепшене.",
         "{Since} [QR коды|QR-коды] на входе не срабатывают, в журнале попытки есть с ошибкой «код недействителен»."],
        ["Считыватель не справлялся с яркостью экрана, обновили прошивку сканера до {fw}.", "На сервере было неверное время, QR-коды считались просроченными, синхронизировали время.", "Заменили неисправный сканер QR на турникете №{tn}."]),
    problem!("turnstile_offline", TURNSTILE, 4,
        ["barrier_controller_offline", "qr_turnstile"],
        ["Турникет не в сети", "Нет связи с турникетом №{tn}"],
        ["Турникет №{tn} в личном кабинете отображается [не в сети|оффлайн], проход по картам работает только локально.",
         "Пропала связь с турникетами в {obj}, новые пропуска на них не загружаются.",
         "Контроллер турникета на {addr} не отвечает, статус серый с {time}."],
        ["Сетевой кабель турникета был повреждён при ремонте, восстановили.", "Перезапустили службу шлюза, обновили прошивку контроллера до {fw}."]),
    problem!("turnstile_card_denied", TURNSTILE, 5,
        ["pass_revoked_still_works", "turnstile_offline"],
        ["Турникет не пропускает по карте", "Пропуск-карта не работает"],
        ["Карта сотрудника (пропуск № {pass}) не срабатывает на турникете, пишет «доступ запрещён».",
         "Новым сотрудникам выдали карты, но турникет их не пропускает, старые карты работают.",
         "После перевыпуска пропуска карта не открывает турникет №{tn} в {obj}."],
        ["Карта не была привязана к группе доступа «Офис», привязали.", "У перевыпущенной карты был тот же номер, очистили старую запись в контроллере."]),
    problem!("turnstile_antipassback", TURNSTILE, 2,
        ["guest_double_charge", "qr_turnstile"],
        ["Не работает антипассбэк", "Турникет пускает по одному пропуску дважды"],
        ["По одному QR-коду проходят два человека подряд, антипассбэк включён в настройках.",
         "Турникет №{tn} повторно пропускает по той же карте, хотя выход не зарегистрирован.",
         "На {obj} по одному пропуску № {pass} прошли дважды за минуту."],
        ["Антипассбэк был включён только на вход, включили на выходе.", "Исправили конфигурацию зон, проверили на тестовой карте."]),
    problem!("turnstile_blocked", TURNSTILE, 3,
        ["turnstile_offline"],
        ["Турникет заблокирован", "Турникет не проворачивается"],
        ["Турникет №{tn} [горит красным и не проворачивается|заблокирован], даже охрана не может открыть его с пульта.",
         "После отключения света турникеты на входе в {obj} остались в режиме блокировки.",
         "Планка турникета не проворачивается после прохода, люди ходят через калитку."],
        ["Сработал режим аварийной блокировки, сбросили с пульта и обновили прошивку до {fw}.", "Выездной инженер заменил электромагнит."]),
    problem!("turnstile_guest_exit", TURNSTILE, 2,
        ["turnstile_card_denied", "guest_pass_not_in_journal"],
        ["Картоприёмник не забирает гостевые карты", "Гость не может выйти через турникет"],
        ["Картоприёмник на выходе не забирает гостевые карты, гости зовут охрану, чтобы выйти.",
         "Гость с разовым пропуском не может выйти: турникет на выход не открывается, пишет «пропуск использован».",
         "На турникете №{tn} гостевые карты застревают в картоприёмнике."],
        ["Разовый пропуск блокировался после входа, включили разрешение на выход.", "Почистили механизм картоприёмника, проверили датчик."]),
    problem!("turnstile_face", TURNSTILE, 2,
        ["turnstile_card_denied"],
        ["Терминал не распознаёт лицо", "Не работает проход по лицу"],
        ["Терминал распознавания лиц на турникете №{tn} не узнаёт сотрудников в очках и масках.",
         "Проход по лицу перестал работать у новых сотрудников, фото загружены в личный кабинет.",
         "Биометрический терминал в {obj} пропускает через раз, приходится прикладывать карту."],
        ["Фотографии не прошли проверку качества, попросили загрузить заново.", "Понизили порог совпадения и обновили прошивку терминала до {fw}."]),
    // ---- Гостевые пропуска ----
    problem!("guest_sms", GUEST, 8,
        ["guest_link_invalid", "billing_sms_package"],
        ["Гостевой пропуск не приходит по SMS", "Гостю не пришла SMS с пропуском", "Не доходят SMS с пропусками"],
        ["Оформляю гостевой пропуск, а SMS гостю на номер {phone} не приходит.",
         "Гости не получают SMS со ссылкой на пропуск, [жильцы|жители] жалуются {since}.",
         "[Жилец|Житель|Резидент] {flat} заказал пропуск гостю, СМС так и не пришло, гость стоит у входа.",
         "Не доходят SMS с гостевыми пропусками на номера {operator}."],
        ["Провайдер SMS блокировал отправку из-за слова в шаблоне, изменили текст сообщения.", "Номер гостя был в чёрном списке оператора, отправили пропуск через мессенджер.", "Закончился пакет SMS на тарифе, клиент докупил пакет."]),
    problem!("guest_pass_not_in_journal", GUEST, 7,
        ["guard_journal_stale", "guest_wrong_date", "qr_turnstile"],
        ["Охрана не видит гостевой пропуск", "Пропуск выдан, а на посту его нет", "Заявки на пропуск нет у охраны"],
        ["Пропуск № {pass} выдан, статус «активен», но охрана на посту не видит его в журнале.",
         "Гостевой пропуск [жильца|жителя] {flat} есть в приложении, а в журнале поста охраны его нет, гостя не пускают.",
         "Оформили заявку на пропуск для курьера, на посту охраны она не отображается.",
         "Охранник говорит, что пропуска на {time} нет, хотя в личном кабинете он создан."],
        ["Приложение поста охраны не обновлялось, обновили до {ver}, пропуска отображаются.", "Пропуск был создан на другой объект, перенесли на нужный.", "Задержка синхронизации из-за сбоя очереди на сервере, очередь перезапустили."]),
    problem!("guest_link_invalid", GUEST, 4,
        ["guest_sms", "qr_turnstile"],
        ["Ссылка на пропуск не открывается", "QR-код гостевого пропуска недействителен"],
        ["Гость открывает ссылку из SMS, а там «пропуск не найден».",
         "Ссылка на гостевой пропуск ведёт на пустую страницу, QR-код не показывается.",
         "QR-код гостевого пропуска пишет «недействителен», хотя пропуск на сегодня, гость у входа в {obj}."],
        ["Ссылки истекали через час, увеличили срок жизни ссылки до суток.", "Исправили ошибку формирования ссылок в версии {ver}."]),
    problem!("guest_wrong_date", GUEST, 3,
        ["guest_pass_not_in_journal", "barrier_schedule"],
        ["Пропуск создаётся не на ту дату", "Сдвигается время гостевого пропуска"],
        ["Заказываю пропуск на сегодня, а в системе он появляется на завтра.",
         "Время действия гостевого пропуска сдвигается на 3 часа, гостя не пускают в {time}.",
         "Разовые пропуска на вечер создаются с датой следующего дня, [жильцы|жители] {obj} недовольны."],
        ["В профиле объекта был часовой пояс UTC, поменяли на Europe/Moscow.", "Исправили ошибку выбора даты в приложении, версия {ver}."]),
    problem!("guest_limit", GUEST, 3,
        ["guest_double_charge", "cabinet_settings_not_saved"],
        ["Превышен лимит гостевых пропусков", "Не создаётся гостевой пропуск"],
        ["При оформлении пропуска пишет «превышен лимит», хотя сегодня мы заказали только {n}.",
         "[Жилец|Житель] {flat} не может заказать пропуск для гостя, ошибка «лимит исчерпан».",
         "Не получается создать гостевой пропуск: кнопка неактивна и надпись про лимит."],
        ["Лимит был настроен на квартиру, а не на жильца, изменили настройку.", "Увеличили лимит разовых пропусков до 10 в сутки."]),
    problem!("guest_double_charge", GUEST, 4,
        ["billing_double_invoice", "turnstile_antipassback", "guest_limit"],
        ["Двойное списание разовых пропусков", "Списалось два пропуска вместо одного"],
        ["За один проезд гостя списалось два разовых пропуска, баланс уменьшился на два.",
         "При заказе разового пропуска деньги списываются дважды, счёт № {inv}.",
         "У [жильцов|жителей] {obj} разовые пропуска списываются повторно при выезде."],
        ["Выезд ошибочно считался вторым проходом, исправили правило списания и вернули пропуска.", "Вернули ошибочно списанные пропуска, исправили настройку тарифа."]),
    problem!("guest_bulk_event", GUEST, 2,
        ["import_excel"],
        ["Нужно оформить много пропусков сразу", "Массовая загрузка гостей"],
        ["Проводим мероприятие, нужно оформить {n}0 гостевых пропусков, по одному очень долго, можно загрузить списком?",
         "Загрузка списка гостей из Excel выдаёт ошибку на строке {n}.",
         "Как сделать групповой пропуск на мероприятие в {obj}?"],
        ["Объяснили загрузку через шаблон Excel, исправили формат телефонов в файле.", "Включили функцию группового пропуска для мероприятия."]),
    problem!("guest_cancel", GUEST, 2,
        ["guest_pass_not_in_journal", "pass_revoked_still_works"],
        ["Не отменяется гостевой пропуск", "Отменённый пропуск продолжает действовать"],
        ["Отменили гостевой пропуск № {pass}, а гость всё равно прошёл по нему.",
         "Кнопка «Отменить пропуск» в приложении не работает, пропуск остаётся активным.",
         "[Жилец|Житель] {flat} отменил заявку на пропуск, но машина {plate} всё равно заехала."],
        ["Отмена не доходила до турникетов из-за задержки синхронизации, исправили в {ver}.", "Пропуск был постоянным, а не разовым, объяснили, как его деактивировать."]),
    // ---- Мобильное приложение ----
    problem!("app_crash_login", APP, 7,
        ["app_sms_code", "app_push"],
        ["Приложение вылетает при входе", "Не запускается приложение PASS24", "Вылетает приложение"],
        ["Мобильное приложение вылетает сразу после ввода кода из SMS, телефон {os}.",
         "После обновления до версии {ver} приложение закрывается при входе в аккаунт.",
         "[Жильцы|Жители] жалуются, что приложение PASS24 падает на экране авторизации, у всех {os}.",
         "Приложение [вылетает|крашится] при запуске, переустановка не помогла, {os}."],
        ["Исправлена ошибка в версии {ver}, попросили обновить приложение.", "Очистили кэш приложения и переустановили, проблема была в старой версии."]),
    problem!("app_sms_code", APP, 5,
        ["guest_sms", "app_crash_login"],
        ["Не приходит код для входа", "Нет SMS с кодом подтверждения"],
        ["При входе в приложение код подтверждения по SMS не приходит, номер {phone}.",
         "[Жилец|Житель] {flat} не может войти: SMS с кодом не приходит уже {n}-й раз.",
         "Не приходит код авторизации в приложении у абонентов {operator}."],
        ["Номер был заблокирован после частых запросов кода, сняли блокировку.", "Оператор задерживал сервисные SMS, переключили на резервного провайдера."]),
    problem!("app_push", APP, 4,
        ["app_crash_login"],
        ["Не приходят уведомления", "Нет push-уведомлений о гостях"],
        ["Перестали приходить push-уведомления о прибытии гостя, в настройках всё включено.",
         "Уведомления о заявках в приложении приходят с опозданием на [час|полчаса] или не приходят вовсе.",
         "На {os} нет push-уведомлений от PASS24 после обновления."],
        ["Телефон ограничивал фоновую работу приложения, дали инструкцию по настройке энергосбережения.", "Обновили ключи push-сервиса, уведомления приходят."]),
    problem!("app_qr_not_shown", APP, 4,
        ["qr_turnstile", "app_crash_login"],
        ["Не отображается QR-код в приложении", "Пустой экран вместо QR"],
        ["В приложении вместо QR-кода для прохода белый квадрат.",
         "QR-код постоянного пропуска не загружается без Wi-Fi, на мобильном интернете крутится загрузка.",
         "После обновления {ver} пропал раздел с QR-кодом, телефон {os}."],
        ["QR не кэшировался офлайн, включили офлайн-режим пропуска в {ver}.", "У пользователя была отключена роль «Сотрудник», вернули роль."]),
    problem!("app_no_object", APP, 5,
        ["sync_1c_residents", "cabinet_resident_requests"],
        ["[Жилец|Житель] не видит свой дом в приложении", "Нет объекта в приложении"],
        ["[Жилец|Житель|Резидент] {flat} зарегистрировался в приложении, но объект {obj} не отображается.",
         "После переезда в новую квартиру в приложении остался старый адрес, нового нет.",
         "Новые [жильцы|жители] не могут выбрать наш дом на {addr} в приложении, его нет в списке."],
        ["Жилец не был подтверждён администратором УК, подтвердили заявку.", "Номер телефона в карточке жильца отличался на одну цифру, исправили."]),
    problem!("app_bluetooth_open", APP, 2,
        ["barrier_app_button"],
        ["Не работает открытие по Bluetooth", "Ворота не открываются при подъезде"],
        ["Функция открытия ворот при подъезде (Bluetooth) не срабатывает, приходится открывать кнопкой.",
         "Открытие калитки через Bluetooth в приложении работает через раз, телефон {os}.",
         "На {obj} калитка по Bluetooth перестала открываться {since}."],
        ["Приложению не было выдано разрешение на Bluetooth в фоне, дали инструкцию.", "Заменили батарейку в Bluetooth-метке у калитки."]),
    problem!("app_family", APP, 3,
        ["app_no_object", "app_sms_code"],
        ["Не добавляется член семьи", "Ошибка при добавлении [жильца|жителя] в квартиру"],
        ["Пытаюсь добавить жену в приложении как [жильца|жительницу] ({flat}), выдаёт ошибку «пользователь уже существует».",
         "Не получается пригласить членов семьи, приглашение на номер {phone} не приходит.",
         "Кнопка «Добавить [жильца|жителя]» в приложении ничего не делает, {os}."],
        ["Номер уже был зарегистрирован на другой квартире, объединили учётные записи.", "Исправили ошибку приглашений в версии {ver}."]),
    problem!("app_history_wrong", APP, 2,
        ["app_qr_not_shown", "plate_not_found"],
        ["Неверная история проездов в приложении", "В приложении чужие проезды"],
        ["В истории проездов в приложении [жилец|житель] {flat} видит машины, которые ему не принадлежат.",
         "История гостевых пропусков в приложении пустая, хотя пропуска заказывали {day}.",
         "В приложении в истории въездов нет проезда машины {plate}, хотя она заезжала {day}."],
        ["Номер {plate} был ошибочно привязан к двум квартирам, отвязали лишний.", "История не загружалась из-за ошибки в версии {ver}, исправлено."]),
    // ---- Личный кабинет ----
    problem!("cabinet_login", CABINET, 4,
        ["cabinet_slow"],
        ["Не могу войти в личный кабинет", "Ошибка входа в ЛК"],
        ["Администратор УК не может войти в личный кабинет, пишет «неверный логин или пароль», пароль сбрасывали.",
         "Вход в личный кабинет PASS24 не работает: после ввода пароля снова страница входа.",
         "Не приходит письмо для восстановления пароля от личного кабинета."],
        ["Учётная запись была заблокирована после 5 неудачных попыток, разблокировали.", "Браузер блокировал cookie, дали инструкцию, вход работает."]),
    problem!("cabinet_settings_not_saved", CABINET, 4,
        ["barrier_schedule", "guest_limit"],
        ["Не сохраняются настройки", "Изменения в ЛК не применяются"],
        ["Меняю настройки доступа для группы «Арендаторы», нажимаю «Сохранить», после обновления страницы всё по-старому.",
         "В личном кабинете не сохраняется расписание работы шлагбаума №{g}.",
         "Изменения лимитов пропусков не применяются, при сохранении ошибка 500."],
        ["Исправили ошибку сохранения в версии {ver} личного кабинета.", "У роли администратора не было прав на изменение настроек, выдали права."]),
    problem!("cabinet_report_export", CABINET, 3,
        ["guard_journal_stale", "cabinet_slow"],
        ["Не выгружается отчёт о проездах", "Ошибка выгрузки журнала в Excel"],
        ["Отчёт о проездах за месяц не выгружается в Excel, долго грузится и выдаёт ошибку.",
         "В выгрузке журнала событий, которую делали {day}, нет половины записей.",
         "Отчёт по гостевым пропускам по {obj} выгружается пустым."],
        ["Отчёт за длинный период превышал таймаут, добавили фоновую выгрузку.", "Фильтр по объекту был сохранён неверно, сбросили фильтр."]),
    problem!("cabinet_slow", CABINET, 2,
        ["cabinet_report_export", "cabinet_login"],
        ["Медленно работает личный кабинет", "ЛК очень долго грузится"],
        ["Личный кабинет открывается по минуте, список [жильцов|жителей] не грузится.",
         "Страница журнала событий в ЛК грузится бесконечно, у нас десятки тысяч записей.",
         "{Since} личный кабинет тормозит, любое действие занимает секунд 20."],
        ["Добавили постраничную загрузку журнала, скорость нормальная.", "Проблема была на стороне провайдера клиента, проверили трассировку."]),
    problem!("cabinet_resident_requests", CABINET, 3,
        ["app_no_object", "sync_1c_residents"],
        ["Не приходят заявки [жильцов|жителей] на подтверждение", "Не подтверждается регистрация [жильца|жителя]"],
        ["Заявки [жильцов|жителей] на регистрацию не появляются в личном кабинете, хотя люди их отправляют из приложения.",
         "Нажимаю «Подтвердить» на заявке [жильца|жителя] {flat}, ничего не происходит.",
         "В ЛК висят заявки на регистрацию, отправленные {day}, подтвердить их не получается."],
        ["Заявки уходили на другой объект из-за дубля адреса, объединили объекты.", "Исправили ошибку кнопки подтверждения в версии {ver}."]),
    problem!("cabinet_roles", CABINET, 2,
        ["cabinet_settings_not_saved", "guard_login"],
        ["Диспетчер не видит раздел пропусков", "Не работают права пользователей"],
        ["Создали учётную запись диспетчеру, но ей не доступен раздел гостевых пропусков.",
         "У охранника в личном кабинете видны настройки, которые ему не положены.",
         "Новому администратору {obj} не даёт редактировать [жильцов|жителей], прав не хватает."],
        ["Диспетчеру назначили роль «Оператор пропусков».", "Исправили набор прав роли «Охрана»."]),
    problem!("pass_revoked_still_works", CABINET, 3,
        ["turnstile_card_denied", "sync_1c_residents"],
        ["У бывшего [жильца|жителя] остался доступ", "Уволенный сотрудник проходит по пропуску"],
        ["[Жилец|Житель] {flat} выехал, мы его удалили, но он продолжает открывать шлагбаум из приложения.",
         "Уволенный сотрудник до сих пор проходит через турникет по своей карте, в ЛК его уже нет.",
         "Удалённый пропуск № {pass} всё ещё открывает въезд на {obj}."],
        ["Удаление не дошло до контроллера, выполнили принудительную синхронизацию.", "Карта осталась в локальной памяти турникета, удалили её вручную."]),
    // ---- Пост охраны ----
    problem!("guard_journal_stale", GUARD, 5,
        ["guest_pass_not_in_journal", "cabinet_report_export"],
        ["Не обновляется журнал на посту охраны", "Пустой журнал событий у охраны"],
        ["В приложении поста охраны журнал событий не обновляется с {time}, новые проезды не появляются.",
         "Охрана жалуется, что журнал пустой, хотя машины проезжают.",
         "На планшете охраны в {obj} не отображаются события с камеры №{cam}."],
        ["Планшет потерял Wi-Fi, переподключили и включили автообновление.", "Обновили приложение поста охраны до {ver}."]),
    problem!("guard_manual_open", GUARD, 4,
        ["barrier_controller_offline", "barrier_app_button"],
        ["Охрана не может открыть шлагбаум с планшета", "Не работает кнопка открытия на посту"],
        ["Кнопка ручного открытия шлагбаума на посту охраны не работает, охранник открывает ключом.",
         "С планшета охраны не открывается въезд №{g}, пишет «нет ответа от устройства».",
         "Охранник на {obj} не может [поднять|открыть] шлагбаум из приложения поста, только с пульта."],
        ["Планшет охраны был привязан к старому контроллеру, перепривязали.", "Восстановили связь с контроллером, обновили прошивку до {fw}."]),
    problem!("guard_login", GUARD, 3,
        ["cabinet_roles"],
        ["Охранник не может войти в приложение поста", "Ошибка авторизации на планшете охраны"],
        ["Новый охранник не может войти в приложение поста охраны, пишет «нет доступа к объекту».",
         "После смены пароля планшет поста охраны выкинуло из аккаунта, войти не получается.",
         "На посту {obj} приложение охраны просит код, а SMS на {phone} не приходит."],
        ["Учётной записи охранника не был назначен объект, назначили.", "Сбросили пароль и выдали новый, охранник вошёл."]),
    problem!("guard_document_scan", GUARD, 2,
        ["guest_pass_not_in_journal"],
        ["Не работает сканер документов", "Не распознаётся паспорт посетителя"],
        ["На ресепшене сканер документов не распознаёт паспорт посетителя, поля приходится заполнять вручную.",
         "При регистрации посетителя в {obj} сканирование паспорта выдаёт ошибку.",
         "Сканер паспортов на посту {since} не видится приложением."],
        ["Обновили драйвер сканера и модуль распознавания документов.", "Сканер был подключён через USB-хаб без питания, подключили напрямую."]),
    problem!("guard_intercom_call", GUARD, 3,
        ["guard_manual_open"],
        ["Вызов с калитки не приходит на пост", "Не работает переговорное устройство"],
        ["Гость звонит с вызывной панели у калитки, а на посту охраны вызов не приходит.",
         "Переговорное устройство на въезде №{g} не соединяет с охраной: идёт вызов и сброс.",
         "На {obj} вызовы с домофона на пост охраны проходят через раз."],
        ["Переназначили вызов панели на планшет поста охраны.", "Заменили SIP-учётную запись панели, вызовы проходят."]),
    problem!("guard_offline_mode", GUARD, 2,
        ["guard_journal_stale", "barrier_controller_offline"],
        ["Без интернета пост охраны не работает", "Офлайн-режим поста охраны"],
        ["Когда на объекте пропадает интернет, охрана не видит ни пропусков, ни списка машин.",
         "Вчера с {time} не было интернета, на посту не работало ничего, как быть в таких случаях?",
         "На посту {obj} при обрыве связи приложение охраны показывает пустой список пропусков."],
        ["Включили офлайн-кэш пропусков в приложении поста охраны {ver}.", "Рекомендовали резервный канал через LTE-модем, настроили."]),
    // ---- Интеграция с 1С ----
    problem!("sync_1c_residents", INTEGRATION, 6,
        ["import_excel", "app_no_object", "pass_revoked_still_works"],
        ["Не синхронизируются [жильцы|жители] из 1С", "Ошибка обмена с 1С", "Не работает обмен с 1C"],
        ["Новые [жильцы|жители] из 1С не появляются в PASS24, последний обмен был {day}.",
         "Синхронизация с 1С падает с ошибкой, список [собственников|жильцов] не обновляется.",
         "После обновления конфигурации 1С перестали выгружаться [жильцы|резиденты] в PASS24.",
         "Из 1С:Учёт в управляющих компаниях не приходят изменения по {flat}."],
        ["Истёк токен API интеграции, выпустили новый и перенастроили обмен.", "Изменился формат выгрузки после обновления 1С, обновили модуль обмена.", "В 1С были дубли лицевых счетов, обмен останавливался на них, почистили дубли."]),
    problem!("sync_1c_debtors", INTEGRATION, 3,
        ["sync_1c_residents", "guest_limit"],
        ["Не работает блокировка должников из 1С", "Должники продолжают заказывать пропуска"],
        ["Из 1С приходит список должников, но гостевые пропуска им всё равно оформляются.",
         "[Жилец|Житель] {flat} оплатил долг, в 1С долг закрыт, а в PASS24 пропуска до сих пор заблокированы.",
         "Блокировка должников по лицевому счёту {ls} не снимается после оплаты."],
        ["Сняли устаревший флаг блокировки и настроили ежечасную синхронизацию долгов.", "Поле «Долг» в выгрузке было в другом формате, обновили сопоставление полей."]),
    problem!("api_webhooks", INTEGRATION, 3,
        ["sync_1c_residents"],
        ["API возвращает 401", "Не приходят вебхуки о проездах"],
        ["Наша система получает от API PASS24 ошибку 401, ключ не меняли.",
         "Перестали приходить вебхуки о проездах на наш сервер, последний был {day}.",
         "Интеграция через API с нашей CRM отдаёт ошибку при создании пропуска."],
        ["Ключ API был перевыпущен администратором, выдали новый.", "Сервер клиента отвечал с ошибкой сертификата, вебхуки отключились; после исправления включили."]),
    problem!("import_excel", INTEGRATION, 4,
        ["plate_not_found", "sync_1c_residents", "guest_bulk_event"],
        ["Ошибка импорта [жильцов|жителей] из Excel", "Не загружается файл с [жильцами|жителями]"],
        ["При загрузке файла с [жильцами|жителями] выдаёт ошибку на строке {n}, формат вроде правильный.",
         "Импорт списка автомобилей из Excel загрузил только половину номеров.",
         "Загружаем базу [жильцов|собственников] для {obj}, импорт зависает."],
        ["В файле были объединённые ячейки и телефоны без +7, исправили шаблон.", "Файл превышал лимит строк, разбили на части."]),
    problem!("sync_1c_employees", INTEGRATION, 2,
        ["pass_revoked_still_works", "sync_1c_residents"],
        ["Не выгружаются сотрудники из 1С:ЗУП", "Уволенные в 1С не блокируются"],
        ["Новые сотрудники из 1С:ЗУП не попадают в PASS24, карты им выдать не можем.",
         "Уволенные в 1С сотрудники остаются активными в системе пропусков.",
         "Обмен с 1С ЗУП для {obj} не работает {since}."],
        ["Обмен с ЗУП был выключен после обновления, включили по расписанию.", "Настроили выгрузку статуса увольнения в модуле обмена."]),
    problem!("sync_duplicates", INTEGRATION, 2,
        ["sync_1c_residents"],
        ["Дубли [жильцов|жителей] после синхронизации", "[Жильцы|Жители] задвоились"],
        ["После обмена с 1С у многих [жильцов|жителей] появились дубли, у {flat} теперь четыре записи.",
         "Синхронизация создаёт повторные карточки резидентов вместо обновления.",
         "В списке [жильцов|жителей] {obj} все записи задвоились после выгрузки из 1С."],
        ["Ключом сопоставления было ФИО, переключили на лицевой счёт, дубли объединили.", "Удалили дубли скриптом и исправили правило сопоставления."]),
    // ---- Оплата и тарифы ----
    problem!("billing_double_invoice", BILLING, 3,
        ["guest_double_charge", "billing_blocked"],
        ["Двойное списание по счёту", "Оплата прошла дважды"],
        ["Оплатили счёт № {inv}, а деньги списались два раза.",
         "Пришли два одинаковых счёта за {month}, оплатили один, теперь висит долг.",
         "С карты списали абонентскую плату дважды, сумма {sum}."],
        ["Второй платёж вернули, счёт закрыт.", "Дубль счёта аннулировали, акт сверки отправили."]),
    problem!("billing_blocked", BILLING, 3,
        ["billing_double_invoice", "barrier_controller_offline"],
        ["Заблокирован доступ за неоплату, хотя оплатили", "Сервис отключён, оплата есть"],
        ["Нас отключили за неоплату, хотя счёт № {inv} оплачен {day}, платёжку прикладываю.",
         "Сервис на {obj} заблокирован, шлагбаум открывается только вручную, оплата прошла на прошлой неделе.",
         "В ЛК висит «доступ ограничен», хотя по договору № {contract} всё оплачено."],
        ["Оплата пришла с неверным назначением платежа, разнесли вручную и разблокировали.", "Продлили доступ до поступления оплаты, платёж нашли."]),
    problem!("billing_sms_package", BILLING, 3,
        ["guest_sms"],
        ["Закончился пакет SMS", "Как подключить дополнительный пакет SMS"],
        ["Пришло уведомление, что пакет SMS закончился, как докупить?",
         "SMS для гостей перестали отправляться, в ЛК написано «лимит тарифа исчерпан».",
         "На {obj} кончились SMS по тарифу, гости не получают пропуска."],
        ["Подключили дополнительный пакет на 1000 SMS, выставлен счёт № {inv}.", "Перевели клиента на тариф с безлимитными уведомлениями."]),
    problem!("billing_documents", BILLING, 2,
        ["billing_double_invoice"],
        ["Не пришли закрывающие документы", "Нужен акт сверки"],
        ["Не получили закрывающие документы за {month} по договору № {contract}.",
         "Бухгалтерия просит акт сверки за прошлый квартал и счёт-фактуру по счёту № {inv}.",
         "Где найти акты за {month}? В ЛК раздел документов пустой."],
        ["Отправили документы через ЭДО повторно.", "Сформировали акт сверки и отправили на почту бухгалтерии."]),
    problem!("billing_tariff", BILLING, 2,
        ["billing_double_invoice"],
        ["Смена тарифа", "Добавить ещё один объект в договор"],
        ["Хотим подключить второй въезд на {obj}, какой тариф нужен и сколько будет стоить?",
         "Тариф считает оплату за все шлагбаумы, а часть из них у нас не работает.",
         "Просим пересчитать абонентскую плату по договору № {contract}, часть устройств отключена."],
        ["Пересчитали тариф по фактическому числу устройств, выставили корректировочный счёт.", "Подключили второй объект по дополнительному соглашению."]),
];

// ---------------------------------------------------------------------------
// Clients
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
struct Obj {
    kind: u8,
    name: u8,
    city: u8,
    street: u8,
    house: u16,
    korpus: u8,
}

#[derive(Clone, Copy, Debug, Default)]
struct Prior {
    /// Ticket number (1000001 + index); 0 = empty.
    num: u32,
    /// Seconds since config.start.
    at: u32,
    problem: u16,
    text: u8,
    obj: u8,
    solved: bool,
}

const SLOTS: usize = 12;

/// The window of the per-client «problems seen lately» masks.
const WINDOW_SECS: u32 = 30 * 86_400;

/// The bit of a problem in the 64-bit masks (the catalogue has fewer than 64).
fn problem_bit(problem: usize) -> u64 {
    1u64 << (problem % 64)
}

#[derive(Clone, Debug)]
struct Client {
    objects: Vec<Obj>,
    contacts: Vec<u8>,
    /// Cumulative product weights.
    products: [u32; 9],
    recent: [Prior; SLOTS],
    /// Problems (bit = problem index) of the current and previous 30-day window.
    seen_now: u64,
    seen_prev: u64,
    window: u32,
}

#[derive(Clone, Copy, Debug, Default)]
struct ProblemPrior {
    prior: Prior,
    client: u32,
}

fn remember(slots: &mut [Prior; SLOTS], p: Prior, rng: &mut Rng) {
    // Slot j is replaced with probability 2^-j: slot j holds a ticket about
    // 2^j tickets old, so a dozen slots reach back thousands of tickets.
    let bits = rng.next_u64();
    for (j, s) in slots.iter_mut().enumerate() {
        let keep_mask = (1u64 << j) - 1;
        if bits & keep_mask == 0 || s.num == 0 {
            *s = p;
        }
    }
}

fn remember_pp(slots: &mut [ProblemPrior; SLOTS], p: ProblemPrior, rng: &mut Rng) {
    let bits = rng.next_u64();
    for (j, s) in slots.iter_mut().enumerate() {
        let keep_mask = (1u64 << j) - 1;
        if bits & keep_mask == 0 || s.prior.num == 0 {
            *s = p;
        }
    }
}

// ---------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------

/// The streaming generator [`generate`] returns: an iterator of [`SynthTicket`].
///
/// ```
/// use ticketry_benches::synth::{generate, SynthConfig};
/// let mut g = generate(&SynthConfig { tickets: 10, ..SynthConfig::default() });
/// let before = g.state_bytes();
/// assert_eq!(g.by_ref().count(), 10);
/// assert_eq!(g.state_bytes(), before);
/// ```
#[derive(Clone, Debug)]
pub struct SynthGen {
    cfg: SynthConfig,
    rng: Rng,
    i: usize,
    clients: Vec<Client>,
    /// Client index by Zipf rank, and the cumulative weights of ranks.
    rank_client: Vec<u32>,
    rank_cdf: Vec<f64>,
    by_problem: Vec<[ProblemPrior; SLOTS]>,
    related: Vec<Vec<u16>>,
    /// Per product: problem indices and cumulative weights.
    product_problems: Vec<(Vec<u16>, Vec<u32>)>,
    week_cdf: Vec<f64>,
    weeks: f64,
    span_secs: i64,
    eligible: usize,
    repeats: usize,
    /// Tests only: plan and remember as usual, but write no text (fast in debug).
    labels_only: bool,
}

impl SynthGen {
    fn new(cfg: &SynthConfig) -> Self {
        let mut rng = Rng::new(cfg.seed);
        let n_clients = cfg.clients_or_default();
        let clients: Vec<Client> = (0..n_clients).map(|c| make_client(cfg.seed, c)).collect();
        // Zipf-like ranks, shuffled over client ids.
        let mut rank_client: Vec<u32> = (0..n_clients as u32).collect();
        for k in (1..rank_client.len()).rev() {
            let j = rng.below(k + 1);
            rank_client.swap(k, j);
        }
        let mut acc = 0.0;
        let rank_cdf: Vec<f64> = (0..n_clients)
            .map(|r| {
                acc += 1.0 / ((r + 1) as f64).powf(0.85);
                acc
            })
            .collect();
        let related = PROBLEMS
            .iter()
            .map(|p| {
                p.related
                    .iter()
                    .filter_map(|k| PROBLEMS.iter().position(|q| q.key == *k))
                    .map(|i| i as u16)
                    .collect()
            })
            .collect();
        let product_problems = (0..PRODUCTS.len())
            .map(|prod| {
                let mut idx = Vec::new();
                let mut cum = Vec::new();
                let mut a = 0;
                for (i, p) in PROBLEMS.iter().enumerate() {
                    if p.product == prod {
                        a += p.weight;
                        idx.push(i as u16);
                        cum.push(a);
                    }
                }
                (idx, cum)
            })
            .collect();
        // Weekly rhythm, Moscow time (UTC+3), relative to the start instant.
        let mut week_cdf = Vec::with_capacity(169);
        week_cdf.push(0.0);
        let mut acc = 0.0;
        for h in 0..168i64 {
            let t = cfg.start + Duration::hours(h + 3);
            let wd = t.weekday().num_days_from_monday();
            let hour = t.hour();
            let w = if wd < 5 {
                match hour {
                    9..=17 => 10.0,
                    7..=8 | 18..=21 => 4.0,
                    _ => 1.0,
                }
            } else {
                match hour {
                    9..=20 => 3.0,
                    _ => 1.0,
                }
            };
            acc += w;
            week_cdf.push(acc);
        }
        let weeks = (f64::from(cfg.span_days) / 7.0).max(1.0 / 7.0);
        SynthGen {
            cfg: cfg.clone(),
            rng,
            i: 0,
            clients,
            rank_client,
            rank_cdf,
            by_problem: vec![[ProblemPrior::default(); SLOTS]; PROBLEMS.len()],
            related,
            product_problems,
            week_cdf,
            weeks,
            span_secs: i64::from(cfg.span_days) * 86_400,
            eligible: 0,
            repeats: 0,
            labels_only: false,
        }
    }

    /// Heap and inline bytes the generator holds: depends on clients and
    /// problems, not on how many tickets were generated.
    ///
    /// ```
    /// use ticketry_benches::synth::{generate, SynthConfig};
    /// let g = generate(&SynthConfig { tickets: 1_000, ..SynthConfig::default() });
    /// assert!(g.state_bytes() > 0);
    /// ```
    pub fn state_bytes(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.clients.capacity() * std::mem::size_of::<Client>()
            + self
                .clients
                .iter()
                .map(|c| c.objects.capacity() * std::mem::size_of::<Obj>() + c.contacts.capacity())
                .sum::<usize>()
            + self.rank_client.capacity() * 4
            + self.rank_cdf.capacity() * 8
            + self.by_problem.capacity() * std::mem::size_of::<[ProblemPrior; SLOTS]>()
            + self
                .related
                .iter()
                .map(|r| r.capacity() * 2 + 24)
                .sum::<usize>()
            + self
                .product_problems
                .iter()
                .map(|(a, b)| a.capacity() * 2 + b.capacity() * 4 + 48)
                .sum::<usize>()
            + self.week_cdf.capacity() * 8
    }

    fn time_offset(&mut self, i: usize) -> i64 {
        let u = self.rng.f64();
        let n = self.cfg.tickets.max(1) as f64;
        let x = (i as f64 + u) / n * self.weeks;
        let week = x.floor();
        let frac = x - week;
        let total = self.week_cdf.last().copied().unwrap_or(1.0);
        let target = frac * total;
        let k = self.week_cdf.partition_point(|&c| c <= target).max(1) - 1;
        let lo = self.week_cdf.get(k).copied().unwrap_or(0.0);
        let hi = self.week_cdf.get(k + 1).copied().unwrap_or(total);
        let within = if hi > lo {
            (target - lo) / (hi - lo)
        } else {
            0.0
        };
        (week as i64) * 7 * 86_400 + (k as i64) * 3_600 + (within * 3_600.0) as i64
    }

    fn pick_client(&mut self) -> usize {
        let total = self.rank_cdf.last().copied().unwrap_or(1.0);
        let x = self.rng.f64() * total;
        let r = self.rank_cdf.partition_point(|&c| c <= x);
        self.rank_client.get(r).map(|&c| c as usize).unwrap_or(0)
    }

    fn pick_problem_in(&mut self, product: usize) -> usize {
        let Some((idx, cum)) = self.product_problems.get(product) else {
            return 0;
        };
        let total = cum.last().copied().unwrap_or(1);
        let x = self.rng.below(total as usize) as u32;
        let k = cum.partition_point(|&c| c <= x);
        idx.get(k).map(|&p| p as usize).unwrap_or(0)
    }

    fn pick_product(&mut self, client: usize) -> usize {
        let Some(c) = self.clients.get(client) else {
            return 0;
        };
        let total = c.products.last().copied().unwrap_or(1).max(1);
        let x = self.rng.below(total as usize) as u32;
        c.products
            .partition_point(|&w| w <= x)
            .min(PRODUCTS.len() - 1)
    }

    /// The remembered earlier ticket of `client` whose age is closest to a
    /// sampled gap (days to months); `solved_only` for NotFullyResolved.
    fn pick_prior(&mut self, client: usize, now: u32, solved_only: bool) -> Option<Prior> {
        let gap_days = (self.rng.f64() * 5.2).exp(); // 1 .. ~180 days, log-uniform
        let want = now.saturating_sub((gap_days * 86_400.0) as u32);
        let c = self.clients.get(client)?;
        c.recent
            .iter()
            // «Solved, but…» needs the earlier ticket to be a day old at least.
            .filter(|p| {
                p.num != 0 && (!solved_only || (p.solved && now.saturating_sub(p.at) >= 86_400))
            })
            .min_by_key(|p| p.at.abs_diff(want))
            .copied()
    }

    /// A solved ticket of another client with this problem, a day old at least.
    fn pick_problem_prior(&mut self, problem: usize, client: usize, now: u32) -> Option<Prior> {
        let k = self.rng.below(SLOTS);
        let slots = self.by_problem.get(problem)?;
        (0..SLOTS)
            .filter_map(|d| slots.get((k + d) % SLOTS))
            .find(|pp| {
                pp.prior.num != 0
                    && pp.client as usize != client
                    && pp.prior.solved
                    && now.saturating_sub(pp.prior.at) >= 86_400
            })
            .map(|pp| pp.prior)
    }
}

fn make_client(seed: u64, c: usize) -> Client {
    let mut r = Rng::new(hash2(seed ^ 0x00C1_1E27, c as u64));
    let kind = {
        let x = r.below(100);
        match x {
            0..=54 => 0u8,
            55..=79 => 1,
            80..=89 => 2,
            90..=95 => 3,
            _ => 4,
        }
    };
    let n_obj = 1 + usize::from(r.chance(0.35)) + usize::from(r.chance(0.15));
    let city = r.below(CITIES.len()) as u8;
    let objects = (0..n_obj)
        .map(|k| {
            let okind = if k == 0 || r.chance(0.8) {
                kind
            } else {
                r.below(OBJ_KINDS.len()) as u8
            };
            let names = OBJ_KINDS
                .get(usize::from(okind))
                .map(|o| o.names.len())
                .unwrap_or(1);
            Obj {
                kind: okind,
                name: r.below(names) as u8,
                city: if r.chance(0.8) {
                    city
                } else {
                    r.below(CITIES.len()) as u8
                },
                street: r.below(STREETS.len()) as u8,
                house: r.range(1, 140) as u16,
                korpus: if r.chance(0.4) {
                    r.range(1, 6) as u8
                } else {
                    0
                },
            }
        })
        .collect();
    let contacts = (0..1 + r.below(3))
        .map(|_| r.below(NAMES.len()) as u8)
        .collect();
    let base = OBJ_KINDS
        .get(usize::from(kind))
        .map(|o| o.products)
        .unwrap_or([1; 9]);
    let mut products = [0u32; 9];
    let mut acc = 0;
    for (k, (slot, w)) in products.iter_mut().zip(base).enumerate() {
        // Each client uses its own mix: some products not at all.
        let factor = if k > 0 && r.chance(0.25) {
            0
        } else {
            r.range(2, 18) as u32
        };
        acc += w * factor;
        *slot = acc;
    }
    if acc == 0 {
        products = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    }
    Client {
        objects,
        contacts,
        products,
        recent: [Prior::default(); SLOTS],
        seen_now: 0,
        seen_prev: 0,
        window: 0,
    }
}

/// What a ticket is about, decided before its text is written.
struct Plan {
    client: usize,
    problem: usize,
    text: usize,
    obj: usize,
    truth: Option<(Prior, TruthKind, bool, bool)>, // (prior, kind, mentions, cross_client)
}

impl Iterator for SynthGen {
    type Item = SynthTicket;

    fn next(&mut self) -> Option<SynthTicket> {
        if self.i >= self.cfg.tickets {
            return None;
        }
        let i = self.i;
        self.i += 1;
        let num = 1_000_001 + i as u64;
        let offset = self.time_offset(i);
        let now = offset.clamp(0, i64::from(u32::MAX)) as u32;
        let client = self.pick_client();
        if let Some(c) = self.clients.get_mut(client) {
            let w = now / WINDOW_SECS;
            if w != c.window {
                c.seen_prev = if w == c.window + 1 { c.seen_now } else { 0 };
                c.seen_now = 0;
                c.window = w;
            }
        }
        let plan = self.plan(i, client, now);
        let ticket = self.write(i, num, offset, &plan);
        // Remember.
        let prior = Prior {
            num: num as u32,
            at: now,
            problem: plan.problem as u16,
            text: plan.text as u8,
            obj: plan.obj as u8,
            solved: ticket.solved,
        };
        if let Some(c) = self.clients.get_mut(client) {
            remember(&mut c.recent, prior, &mut self.rng);
            c.seen_now |= problem_bit(plan.problem);
        }
        if let Some(slots) = self.by_problem.get_mut(plan.problem) {
            remember_pp(
                slots,
                ProblemPrior {
                    prior,
                    client: client as u32,
                },
                &mut self.rng,
            );
        }
        Some(ticket)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.cfg.tickets.saturating_sub(self.i);
        (left, Some(left))
    }
}

impl SynthGen {
    fn plan(&mut self, i: usize, client: usize, now: u32) -> Plan {
        let has_prior = self
            .clients
            .get(client)
            .is_some_and(|c| c.recent.iter().any(|p| p.num != 0));
        if has_prior {
            self.eligible += 1;
        }
        // Only clients with an earlier ticket can repeat: raise the probability
        // by the share of such tickets so the overall share stays on target.
        let eligible_share = (self.eligible as f64 / (i + 1) as f64).max(0.05);
        let debt = self.cfg.repeat_share * (i + 1) as f64 - self.repeats as f64;
        let p = (self.cfg.repeat_share / eligible_share + debt * 0.01).clamp(0.0, 1.0);
        let n_objects = self
            .clients
            .get(client)
            .map(|c| c.objects.len())
            .unwrap_or(1);
        if has_prior && self.rng.chance(p) {
            if let Some(plan) = self.plan_repeat(client, now, n_objects) {
                self.repeats += 1;
                return plan;
            }
        }
        // A fresh ticket: avoid the problems the client had in the last 30–60
        // days and those of its remembered tickets, so that unlabelled
        // same-client repeats stay rare (big clients may exhaust the retries).
        let mut problem = 0;
        for _ in 0..8 {
            let product = self.pick_product(client);
            problem = self.pick_problem_in(product);
            let bit = problem_bit(problem);
            let seen = self.clients.get(client).is_some_and(|c| {
                (c.seen_now | c.seen_prev) & bit != 0
                    || c.recent
                        .iter()
                        .any(|p| p.num != 0 && usize::from(p.problem) == problem)
            });
            if !seen {
                break;
            }
        }
        let texts = PROBLEMS.get(problem).map(|p| p.texts.len()).unwrap_or(1);
        Plan {
            client,
            problem,
            text: self.rng.below(texts),
            obj: self.rng.below(n_objects),
            truth: None,
        }
    }

    fn plan_repeat(&mut self, client: usize, now: u32, n_objects: usize) -> Option<Plan> {
        let x = self.rng.below(100);
        let kind = match x {
            0..=44 => TruthKind::SameProblem,
            45..=64 => TruthKind::NotFullyResolved,
            65..=84 => TruthKind::RelatedProblem,
            _ => TruthKind::NewProblemSameContext,
        };
        let mentions = self.rng.chance(0.26);
        if kind == TruthKind::SameProblem && self.rng.chance(0.15) {
            // Solved before for someone else: same problem, another client.
            let product = self.pick_product(client);
            let problem = self.pick_problem_in(product);
            if let Some(prior) = self.pick_problem_prior(problem, client, now) {
                let text = self.other_text(problem, usize::from(prior.text));
                return Some(Plan {
                    client,
                    problem,
                    text,
                    obj: self.rng.below(n_objects),
                    truth: Some((prior, kind, false, true)),
                });
            }
        }
        let solved_only = kind == TruthKind::NotFullyResolved;
        let prior = self.pick_prior(client, now, solved_only);
        let (prior, kind) = match prior {
            Some(p) => (p, kind),
            None => (self.pick_prior(client, now, false)?, TruthKind::SameProblem),
        };
        let pp = usize::from(prior.problem);
        let obj = usize::from(prior.obj);
        let (problem, text) = match kind {
            TruthKind::SameProblem | TruthKind::NotFullyResolved => {
                (pp, self.other_text(pp, usize::from(prior.text)))
            }
            TruthKind::RelatedProblem => {
                let rel = self.related.get(pp).cloned().unwrap_or_default();
                let q = rel
                    .get(self.rng.below(rel.len()))
                    .map(|&q| usize::from(q))
                    .unwrap_or(pp);
                (q, self.any_text(q))
            }
            TruthKind::NewProblemSameContext => {
                let product = PROBLEMS.get(pp).map(|p| p.product).unwrap_or(0);
                let rel = self.related.get(pp).cloned().unwrap_or_default();
                let mut q = pp;
                for _ in 0..8 {
                    let c = self.pick_problem_in(product);
                    if c != pp && !rel.iter().any(|&r| usize::from(r) == c) {
                        q = c;
                        break;
                    }
                }
                if q == pp {
                    return None;
                }
                (q, self.any_text(q))
            }
        };
        Some(Plan {
            client,
            problem,
            text,
            obj,
            truth: Some((prior, kind, mentions, false)),
        })
    }

    fn other_text(&mut self, problem: usize, old: usize) -> usize {
        let n = PROBLEMS.get(problem).map(|p| p.texts.len()).unwrap_or(1);
        if n <= 1 {
            return 0;
        }
        (old + 1 + self.rng.below(n - 1)) % n
    }

    fn any_text(&mut self, problem: usize) -> usize {
        let n = PROBLEMS.get(problem).map(|p| p.texts.len()).unwrap_or(1);
        self.rng.below(n)
    }

    fn write(&mut self, i: usize, num: u64, offset: i64, plan: &Plan) -> SynthTicket {
        let seed = self.cfg.seed;
        let client = self.clients.get(plan.client).cloned_light();
        let obj = client
            .objects
            .get(plan.obj)
            .or(client.objects.first())
            .copied()
            .unwrap_or(Obj {
                kind: 0,
                name: 0,
                city: 0,
                street: 0,
                house: 1,
                korpus: 0,
            });
        let contact_k = self.rng.below(client.contacts.len().max(1));
        let contact = client
            .contacts
            .get(contact_k)
            .and_then(|&k| NAMES.get(usize::from(k)))
            .copied()
            .unwrap_or("Анна");
        let problem = PROBLEMS.get(plan.problem).unwrap_or(&FALLBACK);
        let mut cx = Cx {
            seed,
            client: plan.client,
            obj_k: plan.obj,
            obj,
            problem: plan.problem,
            contact,
            contact_k,
            max_num: num.saturating_sub(1),
            rng: &mut self.rng,
        };
        let mut desc = String::with_capacity(400);
        let mut subj = String::with_capacity(80);
        let labels_only = self.labels_only;

        if !labels_only {
            // Subject.
            let subject_t = cx.rng.pick(problem.subjects);
            if let Some((prior, kind, mentions, cross)) = &plan.truth {
                // Another client's problem is new to this client: no «again».
                if matches!(kind, TruthKind::SameProblem | TruthKind::NotFullyResolved)
                    && !cross
                    && cx.rng.chance(0.5)
                {
                    subj.push_str(cx.rng.pick(REPEAT_SUBJECT));
                }
                if *mentions && cx.rng.chance(0.2) {
                    subj.push_str(&format!("T-{} ", prior.num));
                }
            }
            render(subject_t, &mut cx, &mut subj);

            // Description.
            let greeting = cx.rng.pick(GREETINGS);
            push_sentence(&mut desc, greeting);
            let body_t = problem.texts.get(plan.text).copied().unwrap_or("");
            let mut body = String::with_capacity(300);
            render(body_t, &mut cx, &mut body);
            match &plan.truth {
                None => push_sentence(&mut desc, &body),
                Some((prior, kind, mentions, cross)) => {
                    let mention = if *mentions {
                        let form = cx.rng.pick(MENTIONS);
                        Some(form.replace('%', &prior.num.to_string()))
                    } else {
                        None
                    };
                    // A form ending in a colon introduces the text: it goes first.
                    let mention_first =
                        cx.rng.chance(0.5) || mention.as_deref().is_some_and(|m| m.ends_with(':'));
                    if let (Some(m), true) = (&mention, mention_first) {
                        push_sentence(&mut desc, m);
                    }
                    let marker = match kind {
                        TruthKind::SameProblem if !cross && cx.rng.chance(0.7) => {
                            cx.rng.pick(SAME_MARKERS)
                        }
                        TruthKind::NotFullyResolved => cx.rng.pick(NFR_MARKERS),
                        TruthKind::RelatedProblem if cx.rng.chance(0.5) => {
                            cx.rng.pick(RELATED_MARKERS)
                        }
                        TruthKind::NewProblemSameContext if cx.rng.chance(0.3) => {
                            cx.rng.pick(NEW_CONTEXT_MARKERS)
                        }
                        _ => "",
                    };
                    let mut m = String::new();
                    render(marker, &mut cx, &mut m);
                    if m.ends_with(':') {
                        m.push(' ');
                        push_lowered(&mut m, &body);
                        push_sentence(&mut desc, &m);
                    } else if m.ends_with(['.', '!']) || m.is_empty() {
                        push_sentence(&mut desc, &m);
                        push_sentence(&mut desc, &body);
                    } else {
                        // «Опять» + the paraphrase, lowercased where it is safe.
                        m.push(' ');
                        push_lowered(&mut m, &body);
                        push_sentence(&mut desc, &m);
                    }
                    if let (Some(m), false) = (&mention, mention_first) {
                        push_sentence(&mut desc, m);
                    }
                }
            }
            let contexts = if cx.rng.chance(0.6) {
                1 + usize::from(cx.rng.chance(0.3))
            } else {
                0
            };
            for _ in 0..contexts {
                let c = cx.rng.pick(CONTEXTS);
                let mut s = String::new();
                render(c, &mut cx, &mut s);
                push_sentence(&mut desc, &s);
            }
            let details = if cx.rng.chance(0.5) {
                1 + usize::from(cx.rng.chance(0.25))
            } else {
                0
            };
            for _ in 0..details {
                let d = cx.rng.pick(DETAILS);
                let mut s = String::new();
                render(d, &mut cx, &mut s);
                push_sentence(&mut desc, &s);
            }
            let closing = cx.rng.pick(CLOSINGS);
            let mut s = String::new();
            render(closing, &mut cx, &mut s);
            push_sentence(&mut desc, &s);
        }

        // Solved and solution.
        let left_days = (self.span_secs - offset) / 86_400;
        let p_solved = match left_days {
            i64::MIN..=1 => 0.3,
            2..=13 => 0.75,
            _ => 0.95,
        };
        let solved = cx.rng.chance(p_solved);
        let solution = if solved && !labels_only {
            let t = cx.rng.pick(problem.solutions);
            let mut s = String::new();
            render(t, &mut cx, &mut s);
            Some(s)
        } else {
            None
        };
        let object = obj_name(obj);

        // Noise: own streams per ticket, so the clean text does not depend on it.
        let mut typo = Rng::new(hash2(seed ^ 0x7190, i as u64));
        let mut style_rng = Rng::new(hash2(seed ^ 0x5171E, i as u64));
        let style = Style::new(&mut style_rng);
        let (description, subject) = if labels_only {
            (desc, subj)
        } else {
            (
                noisify(&desc, self.cfg.typo_rate, &style, &mut typo, &mut style_rng),
                noisify(&subj, self.cfg.typo_rate, &style, &mut typo, &mut style_rng),
            )
        };

        let client_id = format!("c-{:05}", plan.client + 1);
        let truth = plan
            .truth
            .as_ref()
            .map(|(prior, kind, mentions, cross)| RepeatTruth {
                of: format!("T-{}", prior.num),
                kind: *kind,
                mentions_id: *mentions,
                answers: answers_of(prior, *kind, *cross, &client_id, &object),
            });
        SynthTicket {
            id: format!("T-{num}"),
            client_id,
            contact_name: contact.to_string(),
            product: PRODUCTS
                .get(problem.product)
                .copied()
                .unwrap_or("")
                .to_string(),
            object,
            subject,
            description,
            opened_at: self.cfg.start + Duration::seconds(offset),
            solved,
            solution,
            problem: problem.key,
            truth,
        }
    }
}

/// The right answers of a repeat made from `prior` (see [`Answers`]): for a
/// repeat of the client's own ticket, `client_id` and `object` are the new
/// ticket's, which are the prior's.
fn answers_of(
    prior: &Prior,
    kind: TruthKind,
    cross: bool,
    client_id: &str,
    object: &str,
) -> Answers {
    let earlier = PROBLEMS
        .get(usize::from(prior.problem))
        .unwrap_or(&FALLBACK);
    if cross {
        return Answers {
            problem: Some(earlier.key),
            solved: Some(true),
            ..Answers::default()
        };
    }
    let own = Answers {
        client_id: Some(client_id.to_owned()),
        object: Some(object.to_owned()),
        ..Answers::default()
    };
    match kind {
        TruthKind::SameProblem | TruthKind::RelatedProblem => Answers {
            problem: Some(earlier.key),
            ..own
        },
        TruthKind::NotFullyResolved => Answers {
            problem: Some(earlier.key),
            solved: Some(true),
            ..own
        },
        TruthKind::NewProblemSameContext => Answers {
            product: PRODUCTS.get(earlier.product).map(|p| (*p).to_owned()),
            ..own
        },
    }
}

/// The parts of a client `write` needs, without cloning its memory slots.
struct ClientView {
    objects: Vec<Obj>,
    contacts: Vec<u8>,
}

trait CloneLight {
    fn cloned_light(self) -> ClientView;
}

impl CloneLight for Option<&Client> {
    fn cloned_light(self) -> ClientView {
        match self {
            Some(c) => ClientView {
                objects: c.objects.clone(),
                contacts: c.contacts.clone(),
            },
            None => ClientView {
                objects: Vec::new(),
                contacts: Vec::new(),
            },
        }
    }
}

const FALLBACK: Problem = Problem {
    key: "unknown",
    product: 0,
    weight: 1,
    related: &[],
    subjects: &["Вопрос"],
    texts: &["Вопрос по работе системы."],
    solutions: &["Проконсультировали."],
};

fn push_sentence(out: &mut String, s: &str) {
    let s = s.trim();
    if s.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(s);
}

/// Appends `s` with its first letter lowercased, unless the first word looks
/// like an abbreviation (ЖК, QR, SMS) or a name.
fn push_lowered(out: &mut String, s: &str) {
    let mut chars = s.chars();
    let first = chars.next();
    let second = chars.clone().next();
    match (first, second) {
        (Some(f), Some(sc)) if sc.is_lowercase() && !s.starts_with("PASS") => {
            out.extend(f.to_lowercase());
            out.push_str(chars.as_str());
        }
        _ => out.push_str(s),
    }
}

fn obj_name(o: Obj) -> String {
    let kind = OBJ_KINDS.get(usize::from(o.kind)).unwrap_or(&OBJ_KINDS[0]);
    let name = kind
        .names
        .get(usize::from(o.name))
        .copied()
        .unwrap_or("Солнечный");
    format!("{} «{}»", kind.abbr, name)
}

// ---------------------------------------------------------------------------
// Rendering templates
// ---------------------------------------------------------------------------

struct Cx<'a> {
    seed: u64,
    client: usize,
    obj_k: usize,
    obj: Obj,
    problem: usize,
    contact: &'static str,
    contact_k: usize,
    /// The largest earlier ticket number: colliding distractors are ≤ it.
    max_num: u64,
    rng: &'a mut Rng,
}

impl Cx<'_> {
    /// A value stable for (client, object, problem, slot): repeats about the same
    /// thing mention the same plate, flat, gate.
    fn stable(&self, slot: u64) -> Rng {
        let k = hash2(
            hash2(self.seed ^ 0x57AB1E, self.client as u64),
            (self.obj_k as u64) << 32 | (self.problem as u64) << 8 | slot,
        );
        Rng::new(k)
    }

    /// A number that is on purpose, a third of the time, the number of a real
    /// earlier ticket.
    fn maybe_colliding(&mut self, lo: u64, hi: u64) -> u64 {
        if self.max_num >= 1_000_001 && self.rng.chance(0.35) {
            1_000_001 + self.rng.below((self.max_num - 1_000_000) as usize) as u64
        } else {
            self.rng.range(lo, hi)
        }
    }

    fn slot(&mut self, name: &str, out: &mut String) {
        let capitalised = name.chars().next().is_some_and(char::is_uppercase);
        let lowered;
        let lower = if capitalised {
            lowered = name.to_lowercase();
            lowered.as_str()
        } else {
            name
        };
        let start = out.len();
        match lower {
            "obj" => {
                let kind = OBJ_KINDS
                    .get(usize::from(self.obj.kind))
                    .unwrap_or(&OBJ_KINDS[0]);
                let n = kind
                    .names
                    .get(usize::from(self.obj.name))
                    .copied()
                    .unwrap_or("");
                match self.rng.below(6) {
                    0 => out.push_str(&format!("{} {}", kind.abbr, n)),
                    1 => out.push_str(&format!("{} \"{}\"", kind.abbr, n)),
                    2 if self.obj.korpus > 0 => out.push_str(&format!(
                        "{} «{}», корпус {}",
                        kind.abbr, n, self.obj.korpus
                    )),
                    _ => out.push_str(&format!("{} «{}»", kind.abbr, n)),
                }
            }
            "addr" => {
                let city = CITIES
                    .get(usize::from(self.obj.city))
                    .copied()
                    .unwrap_or("");
                let street = STREETS
                    .get(usize::from(self.obj.street))
                    .copied()
                    .unwrap_or("");
                let korp = if self.obj.korpus > 0 {
                    format!(", корп. {}", self.obj.korpus)
                } else {
                    String::new()
                };
                match self.rng.below(3) {
                    0 => out.push_str(&format!("г. {city}, {street}, д. {}{korp}", self.obj.house)),
                    1 => out.push_str(&format!("{street}, {}{korp}", self.obj.house)),
                    _ => out.push_str(&format!("{street}, д. {}", self.obj.house)),
                }
            }
            "g" => out.push_str(&self.stable(1).range(1, 4).to_string()),
            "tn" => out.push_str(&self.stable(2).range(1, 8).to_string()),
            "cam" => out.push_str(&self.stable(3).range(1, 6).to_string()),
            "plate" => {
                let mut r = self.stable(4);
                let l: Vec<usize> = (0..3).map(|_| r.below(PLATE_LETTERS.len())).collect();
                let digits = r.range(1, 999);
                let region = r.pick(REGIONS);
                let latin = self.rng.chance(0.12);
                let lower = self.rng.chance(0.15);
                let table = if latin { &PLATE_LATIN } else { &PLATE_LETTERS };
                let ch = |k: usize| -> String {
                    let c = l.get(k).and_then(|&x| table.get(x)).copied().unwrap_or('А');
                    if lower {
                        c.to_lowercase().collect()
                    } else {
                        c.to_string()
                    }
                };
                match self.rng.below(4) {
                    0 => out.push_str(&format!("{}{digits:03}{}{}{region}", ch(0), ch(1), ch(2))),
                    1 => out.push_str(&format!(
                        "{} {digits:03} {}{} {region}",
                        ch(0),
                        ch(1),
                        ch(2)
                    )),
                    _ => out.push_str(&format!("{}{digits:03}{}{} {region}", ch(0), ch(1), ch(2))),
                }
            }
            "phone" => {
                let mut r = Rng::new(hash2(
                    hash2(self.seed ^ 0xF0E, self.client as u64),
                    self.contact_k as u64,
                ));
                let code = r.pick(PHONE_CODES);
                let a = r.range(100, 999);
                let b = r.range(0, 99);
                let c = r.range(0, 99);
                match self.rng.below(4) {
                    0 => out.push_str(&format!("+7 {code} {a}-{b:02}-{c:02}")),
                    1 => out.push_str(&format!("8 ({code}) {a}-{b:02}-{c:02}")),
                    2 => out.push_str(&format!("8{code}{a}{b:02}{c:02}")),
                    _ => out.push_str(&format!("+7{code}{a}{b:02}{c:02}")),
                }
            }
            "flat" => {
                let n = self.stable(5).range(1, 480);
                // Abbreviations only: they fit any grammatical case.
                let form = self.rng.pick(&["кв. ", "кв. ", "кв ", "кв. №", "кв."]);
                out.push_str(form);
                out.push_str(&n.to_string());
            }
            "pass" => {
                let n = self.maybe_colliding(100_000, 999_999);
                out.push_str(&n.to_string());
            }
            "inv" => {
                let n = self.maybe_colliding(100, 99_999);
                out.push_str(&n.to_string());
            }
            "contract" => {
                if self.rng.chance(0.3) {
                    let y = self.rng.range(2019, 2024);
                    let k = self.rng.range(1, 999);
                    out.push_str(&format!("Д-{y}/{k}"));
                } else {
                    let n = self.maybe_colliding(1_000, 9_999);
                    out.push_str(&n.to_string());
                }
            }
            "ls" => {
                let n = self.maybe_colliding(10_000_000, 99_999_999);
                out.push_str(&n.to_string());
            }
            "ver" => {
                let a = self.rng.range(2, 4);
                let b = self.rng.range(0, 24);
                let c = self.rng.range(0, 9);
                out.push_str(&format!("{a}.{b}.{c}"));
            }
            "fw" => {
                let a = self.rng.range(1, 3);
                let b = self.rng.range(0, 9);
                if self.rng.chance(0.5) {
                    let c = self.rng.range(0, 20);
                    out.push_str(&format!("{a}.{b}.{c}"));
                } else {
                    out.push_str(&format!("{a}.{b}"));
                }
            }
            "time" => {
                let h = self.rng.range(0, 23);
                let m = self.rng.range(0, 59);
                out.push_str(&format!("{h:02}:{m:02}"));
            }
            "n" => out.push_str(&self.rng.range(2, 15).to_string()),
            "os" => out.push_str(self.rng.pick(OS)),
            "operator" => out.push_str(self.rng.pick(OPERATORS)),
            "since" => out.push_str(self.rng.pick(SINCE)),
            "day" => {
                if self.rng.chance(0.3) {
                    let d = self.rng.range(1, 28);
                    let m = self.rng.range(1, 12);
                    out.push_str(&format!("{d:02}.{m:02}"));
                } else {
                    out.push_str(self.rng.pick(DAYS));
                }
            }
            "month" => out.push_str(self.rng.pick(MONTHS)),
            "sum" => {
                let v = self.rng.range(5, 250) * 100;
                out.push_str(&format!("{v} руб."));
            }
            "contact" => out.push_str(self.contact),
            _ => {}
        }
        if capitalised {
            if let Some(rest) = out.get(start..) {
                let mut it = rest.chars();
                if let Some(f) = it.next() {
                    let cap: String = f.to_uppercase().chain(it).collect();
                    out.truncate(start);
                    out.push_str(&cap);
                }
            }
        }
    }
}

/// Renders a template: `[a|b|c]` picks one alternative, `{slot}` fills a slot.
fn render(t: &str, cx: &mut Cx<'_>, out: &mut String) {
    let bytes = t.as_bytes();
    let mut i = 0;
    let mut plain_from = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'[' => {
                out.push_str(t.get(plain_from..i).unwrap_or(""));
                // Find the matching ']' and the top-level '|'.
                let mut depth = 0usize;
                let mut j = i;
                let mut cuts = vec![i + 1];
                while let Some(&c) = bytes.get(j) {
                    match c {
                        b'[' => depth += 1,
                        b']' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        b'|' if depth == 1 => cuts.push(j + 1),
                        _ => {}
                    }
                    j += 1;
                }
                cuts.push(j + 1);
                let k = cx.rng.below(cuts.len() - 1);
                if let (Some(&a), Some(&z)) = (cuts.get(k), cuts.get(k + 1)) {
                    render(t.get(a..z - 1).unwrap_or(""), cx, out);
                }
                i = j + 1;
                plain_from = i;
            }
            b'{' => {
                out.push_str(t.get(plain_from..i).unwrap_or(""));
                let end = t
                    .get(i..)
                    .and_then(|s| s.find('}'))
                    .map(|e| i + e)
                    .unwrap_or(t.len());
                let name = t.get(i + 1..end).unwrap_or("");
                cx.slot(name, out);
                i = end + 1;
                plain_from = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(t.get(plain_from..).unwrap_or(""));
}

// ---------------------------------------------------------------------------
// Noise
// ---------------------------------------------------------------------------

/// A writer's habits, per ticket.
struct Style {
    lowercase: bool,
    no_punct: bool,
    writes_yo: bool,
    latin_rate: f64,
    caps_rate: f64,
}

impl Style {
    fn new(r: &mut Rng) -> Self {
        Style {
            lowercase: r.chance(0.12),
            no_punct: r.chance(0.15),
            writes_yo: r.chance(0.3),
            latin_rate: if r.chance(0.08) { 0.05 } else { 0.002 },
            caps_rate: if r.chance(0.1) { 0.03 } else { 0.0 },
        }
    }
}

const LAYOUT: [&str; 3] = ["йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"];

fn neighbour(c: char, r: &mut Rng) -> Option<char> {
    let lc = c.to_lowercase().next().unwrap_or(c);
    let rows: Vec<Vec<char>> = LAYOUT.iter().map(|s| s.chars().collect()).collect();
    for (ri, row) in rows.iter().enumerate() {
        if let Some(ci) = row.iter().position(|&x| x == lc) {
            let mut cands: Vec<char> = Vec::with_capacity(4);
            if ci > 0 {
                cands.extend(row.get(ci - 1));
            }
            cands.extend(row.get(ci + 1));
            if ri > 0 {
                cands.extend(rows.get(ri - 1).and_then(|r| r.get(ci)));
            }
            cands.extend(rows.get(ri + 1).and_then(|r| r.get(ci)));
            let pick = cands.get(r.below(cands.len())).copied()?;
            return Some(if c.is_uppercase() {
                pick.to_uppercase().next().unwrap_or(pick)
            } else {
                pick
            });
        }
    }
    None
}

/// One typo in `w` (3+ letters); the result always differs from `w`.
fn typo(w: &[char], r: &mut Rng) -> Vec<char> {
    let n = w.len();
    for _ in 0..4 {
        let mut v = w.to_vec();
        match r.below(4) {
            0 => {
                // swap two neighbouring letters
                let k = r.below(n - 1);
                v.swap(k, k + 1);
            }
            1 => {
                let k = r.below(n);
                v.remove(k);
            }
            2 => {
                let k = r.below(n);
                if let Some(&c) = v.get(k) {
                    v.insert(k, c);
                }
            }
            _ => {
                let k = r.below(n);
                if let Some(c) = v.get(k).copied().and_then(|c| neighbour(c, r)) {
                    if let Some(slot) = v.get_mut(k) {
                        *slot = c;
                    }
                }
            }
        }
        if v != w {
            return v;
        }
    }
    let mut v = w.to_vec();
    v.pop();
    v
}

fn lookalike(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'х' => 'x',
        'у' => 'y',
        'А' => 'A',
        'Е' => 'E',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Н' => 'H',
        'К' => 'K',
        'М' => 'M',
        'В' => 'B',
        _ => return None,
    })
}

/// Noise for one Cyrillic word. The style stream gets the same draws whatever
/// the typo stream does, so texts with and without typos differ by typos only.
fn noise_word(
    w: &str,
    rate: f64,
    style: &Style,
    typo_rng: &mut Rng,
    st: &mut Rng,
    out: &mut String,
) {
    // Cyrillic letters are two bytes each in UTF-8.
    let letters = w.len() / 2;
    let mut owned: Option<Vec<char>> = None;
    // ё/е: decided on the clean word, one draw per ё.
    if w.contains(['ё', 'Ё']) {
        let keep = if style.writes_yo { 0.9 } else { 0.05 };
        let mut v: Vec<char> = w.chars().collect();
        for c in v.iter_mut() {
            if (*c == 'ё' || *c == 'Ё') && !st.chance(keep) {
                *c = if *c == 'ё' { 'е' } else { 'Е' };
            }
        }
        owned = Some(v);
    }
    if letters >= 3 && typo_rng.chance(rate) {
        let v = owned.take().unwrap_or_else(|| w.chars().collect());
        owned = Some(typo(&v, typo_rng));
    }
    // Latin look-alike and capitals: one draw per word, split in bit fields.
    let x = st.next_u64();
    let unit = |bits: u64| (bits & 0xF_FFFF) as f64 / f64::from(1u32 << 20);
    let latin = unit(x) < style.latin_rate;
    let caps = unit(x >> 20) < style.caps_rate && letters >= 2;
    let pos = x >> 40;
    if latin || caps {
        let mut v = owned.take().unwrap_or_else(|| w.chars().collect());
        if latin && !v.is_empty() {
            let k = (pos % v.len() as u64) as usize;
            if let Some(c) = v.get_mut(k) {
                if let Some(l) = lookalike(*c) {
                    *c = l;
                }
            }
        }
        if caps {
            for c in v.iter_mut() {
                *c = c.to_uppercase().next().unwrap_or(*c);
            }
        }
        owned = Some(v);
    }
    match owned {
        Some(v) => out.extend(v),
        None => out.push_str(w),
    }
}

/// Whether the two bytes starting a UTF-8 sequence encode а–я, А–Я, ё or Ё.
fn cyr_at(b0: u8, b1: u8) -> bool {
    match b0 {
        0xD0 => (0x90..=0xBF).contains(&b1) || b1 == 0x81,
        0xD1 => (0x80..=0x8F).contains(&b1) || b1 == 0x91,
        _ => false,
    }
}

fn utf8_len(b0: u8) -> usize {
    match b0 {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

fn noisify(s: &str, rate: f64, style: &Style, typo_rng: &mut Rng, st: &mut Rng) -> String {
    let lowered;
    let src: &str = if style.lowercase {
        lowered = s.to_lowercase();
        &lowered
    } else {
        s
    };
    let bytes = src.as_bytes();
    let is_cyr_at = |i: usize| match (bytes.get(i), bytes.get(i + 1)) {
        (Some(&a), Some(&b)) => cyr_at(a, b),
        _ => false,
    };
    let mut out = String::with_capacity(src.len() + 8);
    let mut plain_start = 0;
    let mut i = 0;
    while let Some(&b0) = bytes.get(i) {
        if is_cyr_at(i) {
            // A run of Cyrillic letters, two bytes each.
            let mut end = i + 2;
            while is_cyr_at(end) {
                end += 2;
            }
            out.push_str(src.get(plain_start..i).unwrap_or(""));
            noise_word(
                src.get(i..end).unwrap_or(""),
                rate,
                style,
                typo_rng,
                st,
                &mut out,
            );
            plain_start = end;
            i = end;
            continue;
        }
        if style.no_punct && matches!(b0, b',' | b'.' | b'!') {
            let next_space = bytes
                .get(i + 1)
                .is_none_or(|&n| n == b' ' || n == b'\n' || n == b'\t');
            if b0 == b',' || next_space {
                out.push_str(src.get(plain_start..i).unwrap_or(""));
                plain_start = i + 1;
            }
        }
        i += utf8_len(b0);
    }
    out.push_str(src.get(plain_start..).unwrap_or(""));
    out
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};
    use std::sync::OnceLock;

    fn is_cyr(c: char) -> bool {
        matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
    }

    const SLOT_NAMES: &[&str] = &[
        "obj", "addr", "g", "tn", "cam", "plate", "phone", "flat", "pass", "inv", "contract", "ls",
        "ver", "fw", "time", "n", "os", "operator", "since", "day", "month", "sum", "contact",
    ];

    fn cfg(tickets: usize, seed: u64) -> SynthConfig {
        SynthConfig {
            tickets,
            seed,
            ..SynthConfig::default()
        }
    }

    /// 20,000 tickets with the default shares, generated once for the tests.
    fn sample() -> &'static [SynthTicket] {
        &sample_run().0
    }

    /// The 20,000 tickets, and the generator's state bytes before and after.
    fn sample_run() -> &'static (Vec<SynthTicket>, usize, usize) {
        static S: OnceLock<(Vec<SynthTicket>, usize, usize)> = OnceLock::new();
        S.get_or_init(|| {
            let mut g = generate(&cfg(20_000, 7));
            let before = g.state_bytes();
            let v: Vec<SynthTicket> = g.by_ref().collect();
            (v, before, g.state_bytes())
        })
    }

    fn num(id: &str) -> u64 {
        id.trim_start_matches("T-").parse().unwrap()
    }

    #[test]
    fn same_seed_same_output_other_seed_other_output() {
        let a: Vec<String> = generate(&cfg(1_000, 11))
            .map(|t| to_json_line(&t))
            .collect();
        let b: Vec<String> = generate(&cfg(1_000, 11))
            .map(|t| to_json_line(&t))
            .collect();
        let c: Vec<String> = generate(&cfg(1_000, 12))
            .map(|t| to_json_line(&t))
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
        // A shorter run is not a prefix of a longer one (times spread over the
        // span), but each run is deterministic on its own.
        assert_eq!(a.len(), 1_000);
    }

    #[test]
    fn ids_increase_and_times_never_decrease_within_the_span() {
        let s = sample();
        let config = cfg(20_000, 7);
        let end = config.start + Duration::days(i64::from(config.span_days) + 7);
        for (k, w) in s.windows(2).enumerate() {
            assert_eq!(num(&w[1].id), num(&w[0].id) + 1, "at {k}");
            assert!(w[1].opened_at >= w[0].opened_at, "at {k}");
        }
        assert_eq!(s[0].id, "T-1000001");
        assert!(s
            .iter()
            .all(|t| t.opened_at >= config.start && t.opened_at < end));
        // Spread over the whole span, heavier in Moscow working hours.
        let last = s.last().unwrap().opened_at;
        assert!(last > config.start + Duration::days(700), "{last}");
        let work = s
            .iter()
            .filter(|t| {
                let h = (t.opened_at + Duration::hours(3)).hour();
                (9..18).contains(&h)
            })
            .count();
        assert!(work as f64 / s.len() as f64 > 0.5, "{work}");
    }

    #[test]
    fn every_truth_names_an_earlier_ticket_that_fits_its_kind() {
        let s = sample();
        let by_id: HashMap<&str, &SynthTicket> = s.iter().map(|t| (t.id.as_str(), t)).collect();
        let key = |k: &str| PROBLEMS.iter().find(|p| p.key == k).unwrap();
        let mut cross = 0;
        for t in s {
            let Some(truth) = &t.truth else { continue };
            let e = by_id
                .get(truth.of.as_str())
                .unwrap_or_else(|| panic!("{} -> {}", t.id, truth.of));
            assert!(num(&e.id) < num(&t.id));
            assert!(e.opened_at <= t.opened_at);
            let (tp, ep) = (key(t.problem), key(e.problem));
            match truth.kind {
                TruthKind::SameProblem => {
                    assert_eq!(t.problem, e.problem);
                    if t.client_id != e.client_id {
                        cross += 1;
                        assert!(!truth.mentions_id);
                        // Solved before for someone else, and new to this client.
                        assert!(e.solved && t.opened_at - e.opened_at >= Duration::days(1));
                        assert!(
                            !REPEAT_SUBJECT
                                .iter()
                                .any(|p| !p.is_empty() && t.subject.starts_with(p)),
                            "{}",
                            t.subject
                        );
                        assert!(
                            !SAME_MARKERS
                                .iter()
                                .any(|m| m.len() > 12 && t.description.contains(m)),
                            "{}",
                            t.description
                        );
                    }
                }
                TruthKind::NotFullyResolved => {
                    assert_eq!(t.problem, e.problem);
                    assert_eq!(t.client_id, e.client_id);
                    assert!(e.solved && e.solution.is_some(), "{}", e.id);
                    assert!(t.opened_at - e.opened_at >= Duration::days(1), "{}", t.id);
                }
                TruthKind::RelatedProblem => {
                    assert_eq!(t.client_id, e.client_id);
                    assert_eq!(t.object, e.object);
                    assert!(
                        ep.related.contains(&t.problem),
                        "{} not related to {}",
                        t.problem,
                        e.problem
                    );
                }
                TruthKind::NewProblemSameContext => {
                    assert_eq!(t.client_id, e.client_id);
                    assert_eq!(t.object, e.object);
                    assert_ne!(t.problem, e.problem);
                    assert_eq!(tp.product, ep.product);
                    assert!(!ep.related.contains(&t.problem));
                }
            }
        }
        assert!(cross > 50, "cross-client repeats: {cross}");
    }

    #[test]
    fn the_answers_admit_the_labelled_ticket_and_only_tickets_that_fit_the_kind() {
        let s = sample();
        let by_id: HashMap<&str, &SynthTicket> = s.iter().map(|t| (t.id.as_str(), t)).collect();
        let (mut classes, mut wider) = (0usize, 0usize);
        for (i, t) in s.iter().enumerate() {
            let Some(truth) = &t.truth else { continue };
            let e = by_id[truth.of.as_str()];
            assert!(
                truth.answers.admits(e),
                "{} -> {}: {:?}",
                t.id,
                e.id,
                truth.answers
            );
            let cross = e.client_id != t.client_id;
            let admitted: Vec<&SynthTicket> =
                s[..i].iter().filter(|a| truth.answers.admits(a)).collect();
            classes += 1;
            wider += usize::from(admitted.len() > 1);
            for a in admitted {
                // REP-T1/T3 and REP-T2: the labelled ticket's problem; REP-T3
                // and another client's: solved; REP-T4: same product; own
                // repeats: the client's, on the new ticket's object.
                match truth.kind {
                    TruthKind::NewProblemSameContext => assert_eq!(a.product, e.product),
                    _ => assert_eq!(a.problem, e.problem),
                }
                if cross || truth.kind == TruthKind::NotFullyResolved {
                    assert!(a.solved, "{}", a.id);
                }
                if !cross {
                    assert_eq!((&a.client_id, &a.object), (&t.client_id, &t.object));
                }
            }
        }
        // the point of the class: the labelled ticket is often not the only right one
        assert!(wider * 4 > classes, "{wider} of {classes}");
    }

    #[test]
    fn shares_of_repeats_kinds_and_mentions_are_on_target() {
        let s = sample();
        let n = s.len() as f64;
        let repeats: Vec<&RepeatTruth> = s.iter().filter_map(|t| t.truth.as_ref()).collect();
        let r = repeats.len() as f64;
        assert!((r / n - 0.3).abs() < 0.02, "repeat share {}", r / n);
        let share = |k: TruthKind| repeats.iter().filter(|t| t.kind == k).count() as f64 / r;
        for (k, want) in [
            (TruthKind::SameProblem, 0.45),
            (TruthKind::NotFullyResolved, 0.20),
            (TruthKind::RelatedProblem, 0.20),
            (TruthKind::NewProblemSameContext, 0.15),
        ] {
            assert!((share(k) - want).abs() < 0.04, "{k:?}: {}", share(k));
        }
        let m = repeats.iter().filter(|t| t.mentions_id).count() as f64 / r;
        assert!((m - 0.25).abs() < 0.04, "mentions {m}");
        // Another share is honoured too.
        let low = SynthConfig {
            repeat_share: 0.1,
            ..cfg(5_000, 3)
        };
        let k = generate(&low).filter(|t| t.truth.is_some()).count() as f64 / 5_000.0;
        assert!((k - 0.1).abs() < 0.02, "{k}");
    }

    #[test]
    fn repeat_gaps_run_from_days_to_months() {
        let s = sample();
        let at: HashMap<&str, DateTime<Utc>> =
            s.iter().map(|t| (t.id.as_str(), t.opened_at)).collect();
        let mut gaps: Vec<i64> = s
            .iter()
            .filter_map(|t| {
                t.truth
                    .as_ref()
                    .map(|r| (t.opened_at - at[r.of.as_str()]).num_hours())
            })
            .collect();
        gaps.sort_unstable();
        let median = gaps[gaps.len() / 2];
        let p90 = gaps[gaps.len() * 9 / 10];
        assert!((24..=24 * 120).contains(&median), "median {median} h");
        assert!(p90 >= 24 * 30, "p90 {p90} h");
    }

    #[test]
    fn mentions_are_in_the_text_in_varied_forms() {
        let s = sample();
        let mut forms = HashSet::new();
        let mut n = 0;
        for t in s {
            let Some(truth) = &t.truth else { continue };
            if !truth.mentions_id {
                continue;
            }
            n += 1;
            let digits = truth.of.trim_start_matches("T-");
            // A colon form («По обращению T-…:») introduces the problem text.
            if let Some(k) = t.description.find(&format!("{digits}:")) {
                let rest = &t.description[k + digits.len() + 1..];
                assert!(rest.chars().count() >= 45, "{}", t.description);
            }
            let at = t
                .description
                .find(digits)
                .unwrap_or_else(|| panic!("{}: {}", t.id, t.description));
            // The few characters before the digits tell the form.
            let before: String = t.description[..at].chars().rev().take(7).collect();
            forms.insert(before.chars().rev().collect::<String>().to_lowercase());
        }
        assert!(n > 1_000, "{n}");
        assert!(forms.len() >= 8, "{forms:?}");
        // Texts without a mention and not a repeat do not cite their own earlier
        // tickets in a ticket-id form.
        let cited = s
            .iter()
            .filter(|t| t.truth.is_none())
            .filter(|t| t.description.contains("T-10") || t.description.contains("тикет 10"))
            .count();
        assert_eq!(cited, 0);
    }

    #[test]
    fn distractor_numbers_are_there_and_some_equal_real_ticket_numbers() {
        let s = sample();
        let mut colliding = 0;
        let mut phones = 0;
        let mut plates = 0;
        let mut flats = 0;
        for t in s.iter().filter(|t| t.truth.is_none()) {
            let own = num(&t.id);
            let d = &t.description;
            let nums = d
                .split(|c: char| !c.is_ascii_digit())
                .filter(|w| w.len() == 7)
                .filter_map(|w| w.parse::<u64>().ok());
            if nums.into_iter().any(|x| (1_000_001..own).contains(&x)) {
                colliding += 1;
            }
            phones += usize::from(d.contains("+7") || d.contains("8 (") || d.contains(" 89"));
            plates += usize::from(
                d.chars()
                    .any(|c| PLATE_LETTERS.contains(&c) || PLATE_LATIN.contains(&c))
                    && d.contains(" 7"),
            );
            flats += usize::from(d.contains("кв") || d.contains("квартир"));
        }
        let n = s.iter().filter(|t| t.truth.is_none()).count();
        assert!(
            colliding as f64 / n as f64 > 0.02,
            "colliding {colliding} of {n}"
        );
        assert!(phones as f64 / n as f64 > 0.05, "phones {phones}");
        assert!(plates > 200, "plates {plates}");
        assert!(flats as f64 / n as f64 > 0.05, "flats {flats}");
    }

    /// Whitespace tokens of the same ticket generated with and without typos;
    /// returns (changed tokens, Cyrillic words of 3+ letters in the clean text).
    fn typo_diff(rate: f64) -> (usize, usize) {
        let clean = generate(&SynthConfig {
            typo_rate: 0.0,
            ..cfg(1_500, 5)
        });
        let noisy = generate(&SynthConfig {
            typo_rate: rate,
            ..cfg(1_500, 5)
        });
        let (mut changed, mut words) = (0, 0);
        for (a, b) in clean.zip(noisy) {
            for (x, y) in [(&a.description, &b.description), (&a.subject, &b.subject)] {
                let xs: Vec<&str> = x.split_whitespace().collect();
                let ys: Vec<&str> = y.split_whitespace().collect();
                assert_eq!(xs.len(), ys.len(), "{x}\n{y}");
                for (p, q) in xs.iter().zip(&ys) {
                    words += p
                        .split(|c: char| !is_cyr(c))
                        .filter(|w| w.chars().count() >= 3)
                        .count();
                    changed += usize::from(p != q);
                }
            }
            assert_eq!(a.solution, b.solution);
            assert_eq!(a.truth, b.truth);
        }
        (changed, words)
    }

    #[test]
    fn typos_come_at_about_the_configured_rate() {
        let (c0, _) = typo_diff(0.0);
        assert_eq!(c0, 0);
        for rate in [0.03, 0.1] {
            let (c, w) = typo_diff(rate);
            let got = c as f64 / w as f64;
            assert!(
                (got - rate).abs() < rate * 0.2,
                "rate {rate}: got {got} ({c} of {w})"
            );
        }
    }

    #[test]
    fn typo_keeps_letters_cyrillic_and_always_changes_the_word() {
        let mut r = Rng::new(1);
        for w in ["шлагбаум", "пропуск", "жилец", "не", "ещё", "ааа"] {
            let v: Vec<char> = w.chars().collect();
            if v.len() < 3 {
                continue;
            }
            for _ in 0..200 {
                let t = typo(&v, &mut r);
                assert_ne!(t, v);
                assert!(t.iter().all(|&c| is_cyr(c)));
                assert!(t.len() + 1 >= v.len() && t.len() <= v.len() + 1);
            }
        }
    }

    #[test]
    fn other_noise_is_present() {
        let s = &sample()[..8_000];
        let latin_inside = s
            .iter()
            .filter(|t| {
                t.description.split_whitespace().any(|w| {
                    w.chars().any(is_cyr)
                        && w.chars().any(|c| "aeopcxyACEHKMOPTB".contains(c))
                        && !w.contains('-')
                        && !w.chars().any(|c| c.is_ascii_digit())
                })
            })
            .count();
        let lower = s
            .iter()
            .filter(|t| t.description == t.description.to_lowercase())
            .count();
        let yo = s.iter().filter(|t| t.description.contains('ё')).count();
        let e_for_yo = s
            .iter()
            .filter(|t| {
                t.description.contains("все равно")
                    || t.description.contains("Счет")
                    || t.description.contains("счет №")
            })
            .count();
        let english = s
            .iter()
            .filter(|t| {
                ["QR", "SMS", "Wi-Fi", "API", "push"]
                    .iter()
                    .any(|w| t.description.contains(w))
            })
            .count();
        let n = s.len() as f64;
        let share = |k: usize| k as f64 / n;
        assert!(share(latin_inside) > 0.02, "{latin_inside}");
        // 12 % of writers write in lowercase only.
        assert!((0.08..0.16).contains(&share(lower)), "{lower}");
        assert!(
            share(yo) > 0.05 && share(e_for_yo) > 0.01,
            "{yo} {e_for_yo}"
        );
        assert!(share(english) > 0.07, "{english}");
    }

    #[test]
    fn catalogue_is_large_and_well_formed() {
        assert!(PROBLEMS.len() >= 60);
        let keys: HashSet<&str> = PROBLEMS.iter().map(|p| p.key).collect();
        assert_eq!(keys.len(), PROBLEMS.len(), "duplicate keys");
        for p in PROBLEMS {
            assert!(p.product < PRODUCTS.len());
            assert!(p.texts.len() >= 3, "{}", p.key);
            assert!(p.subjects.len() >= 2, "{}", p.key);
            assert!(p.solutions.len() >= 2, "{}", p.key);
            assert!(!p.related.is_empty(), "{}", p.key);
            for r in p.related {
                assert!(keys.contains(r), "{} -> {r}", p.key);
                assert_ne!(*r, p.key);
            }
            for t in p.texts.iter().chain(p.subjects).chain(p.solutions) {
                let (mut depth, mut slot) = (0i32, false);
                for c in t.chars() {
                    match c {
                        '[' => depth += 1,
                        ']' => depth -= 1,
                        '{' => slot = true,
                        '}' => slot = false,
                        _ => {}
                    }
                    assert!(depth >= 0, "{t}");
                }
                assert!(depth == 0 && !slot, "{t}");
                for part in t.split('{').skip(1) {
                    let name = part.split('}').next().unwrap().to_lowercase();
                    assert!(SLOT_NAMES.contains(&name.as_str()), "{}: {name}", p.key);
                }
            }
        }
        for prod in 0..PRODUCTS.len() {
            assert!(
                PROBLEMS.iter().filter(|p| p.product == prod).count() >= 5,
                "{prod}"
            );
        }
    }

    #[test]
    fn every_slot_fills_and_templates_render_without_markup() {
        let mut rng = Rng::new(3);
        let mut cx = Cx {
            seed: 1,
            client: 4,
            obj_k: 0,
            obj: Obj {
                kind: 1,
                name: 2,
                city: 0,
                street: 3,
                house: 12,
                korpus: 2,
            },
            problem: 0,
            contact: "Ирина",
            contact_k: 0,
            max_num: 1_000_500,
            rng: &mut rng,
        };
        for name in SLOT_NAMES {
            let mut out = String::new();
            cx.slot(name, &mut out);
            assert!(!out.is_empty(), "{name}");
        }
        let mut out = String::new();
        cx.slot("Since", &mut out);
        assert!(out.chars().next().unwrap().is_uppercase(), "{out}");
        for p in PROBLEMS {
            for t in p.texts.iter().chain(p.subjects).chain(p.solutions) {
                let mut out = String::new();
                render(t, &mut cx, &mut out);
                assert!(!out.contains(['[', ']', '{', '}', '|']), "{out}");
            }
        }
    }

    #[test]
    fn json_lines_parse_with_the_documented_fields() {
        for t in sample().iter().take(3_000) {
            let line = to_json_line(t);
            assert!(!line.contains('\n'));
            let v: serde_json::Value = serde_json::from_str(&line).unwrap();
            let o = v.as_object().unwrap();
            let keys: Vec<&str> = o.keys().map(String::as_str).collect();
            for k in [
                "id",
                "client_id",
                "contact_name",
                "product",
                "object",
                "subject",
                "description",
                "opened_at",
                "solved",
                "solution",
                "problem",
            ] {
                assert!(keys.contains(&k), "{k}");
            }
            assert_eq!(o["id"], t.id.as_str());
            assert_eq!(o["description"], t.description.as_str());
            let at: DateTime<Utc> = o["opened_at"].as_str().unwrap().parse().unwrap();
            assert_eq!(at, t.opened_at);
            assert_eq!(o["solved"], t.solved);
            assert_eq!(o["solution"].as_str(), t.solution.as_deref());
            match &t.truth {
                None => assert!(!o.contains_key("truth")),
                Some(r) => {
                    assert_eq!(o["truth"]["of"], r.of.as_str());
                    assert_eq!(o["truth"]["kind"], r.kind.as_str());
                    assert_eq!(o["truth"]["mentions_id"], r.mentions_id);
                    let a = o["truth"]["answers"].as_object().unwrap();
                    let field = |k: &str| a.get(k).map(|v| v.as_str().unwrap().to_owned());
                    assert_eq!(field("client_id"), r.answers.client_id);
                    assert_eq!(field("object"), r.answers.object);
                    assert_eq!(field("product"), r.answers.product);
                    assert_eq!(field("problem").as_deref(), r.answers.problem);
                    assert_eq!(
                        a.get("solved").map(|v| v.as_bool().unwrap()),
                        r.answers.solved
                    );
                    assert!(a.len() >= 2, "{a:?}");
                }
            }
        }
        let mut t = sample()[0].clone();
        t.description = "кавычка \" слэш \\ перевод\nстроки \u{1}".into();
        let v: serde_json::Value = serde_json::from_str(&to_json_line(&t)).unwrap();
        assert_eq!(v["description"], t.description.as_str());
    }

    #[test]
    fn texts_are_realistic_in_size_and_spread() {
        let s = sample();
        let mut lens: Vec<usize> = s.iter().map(|t| t.description.chars().count()).collect();
        lens.sort_unstable();
        let (p10, p50, p90) = (
            lens[lens.len() / 10],
            lens[lens.len() / 2],
            lens[lens.len() * 9 / 10],
        );
        assert!(p10 >= 60 && p50 >= 120 && p90 <= 450, "{p10} {p50} {p90}");
        assert!(s
            .iter()
            .all(|t| !t.subject.contains('\n') && !t.subject.is_empty()));
        let problems: HashSet<&str> = s.iter().map(|t| t.problem).collect();
        assert!(problems.len() >= 60);
        let products: HashSet<&str> = s.iter().map(|t| t.product.as_str()).collect();
        assert_eq!(products.len(), PRODUCTS.len());
        // Zipf-like clients: the biggest has far more tickets than the median.
        let mut per: HashMap<&str, usize> = HashMap::new();
        for t in s {
            *per.entry(t.client_id.as_str()).or_default() += 1;
        }
        let mut sizes: Vec<usize> = per.values().copied().collect();
        sizes.sort_unstable();
        let (median, top) = (sizes[sizes.len() / 2], *sizes.last().unwrap());
        assert!(top >= 30 * median.max(1), "top {top} median {median}");
        // Old tickets mostly solved, solved ones carry a solution.
        let old = &s[..s.len() * 9 / 10];
        let solved = old.iter().filter(|t| t.solved).count() as f64 / old.len() as f64;
        assert!(solved > 0.9, "{solved}");
        assert!(s.iter().all(|t| t.solved == t.solution.is_some()));
        // Same words across different problems: hard negatives exist.
        let with = |w: &str| {
            s.iter()
                .filter(|t| t.description.contains(w))
                .map(|t| t.problem)
                .collect::<HashSet<_>>()
                .len()
        };
        assert!(with("шлагбаум") >= 15, "{}", with("шлагбаум"));
        assert!(with("пропуск") >= 20, "{}", with("пропуск"));
    }

    #[test]
    fn edge_configs_work() {
        assert_eq!(generate(&cfg(0, 1)).count(), 0);
        let none = SynthConfig {
            repeat_share: 0.0,
            ..cfg(2_000, 2)
        };
        assert!(generate(&none).all(|t| t.truth.is_none()));
        let all = SynthConfig {
            repeat_share: 1.0,
            clients: 50,
            ..cfg(2_000, 2)
        };
        let r = generate(&all).filter(|t| t.truth.is_some()).count();
        assert!(r > 1_800, "{r}");
        let short = SynthConfig {
            span_days: 0,
            clients: 1,
            ..cfg(300, 2)
        };
        let v: Vec<SynthTicket> = generate(&short).collect();
        assert_eq!(v.len(), 300);
        assert!(v.windows(2).all(|w| w[0].opened_at <= w[1].opened_at));
        assert!(v.iter().all(|t| t.client_id == "c-00001"));
    }

    #[test]
    fn state_does_not_grow_with_the_number_of_tickets() {
        let config = SynthConfig {
            clients: 20_000,
            typo_rate: 0.0,
            ..cfg(200_000, 9)
        };
        let small = generate(&SynthConfig {
            tickets: 1_000,
            ..config.clone()
        });
        // Planning and remembering run as in full generation; only the text
        // writing (local buffers) is skipped, to keep the test fast in debug.
        // Full generation is checked on 20,000 tickets below.
        let mut g = generate(&config);
        g.labels_only = true;
        let before = g.state_bytes();
        assert_eq!(before, small.state_bytes());
        let mut n = 0usize;
        let mut last = String::new();
        for t in g.by_ref() {
            n += 1;
            if n == 200_000 {
                last = t.id;
            }
        }
        assert_eq!(n, 200_000);
        assert_eq!(last, "T-1200000");
        assert_eq!(g.state_bytes(), before);
        // O(clients + problems): a few hundred bytes per client.
        assert!(before < 20_000 * 600, "{before}");
        // Full generation with text: the state does not grow either.
        let (v, full_before, full_after) = sample_run();
        assert_eq!(v.len(), 20_000);
        assert_eq!(full_before, full_after);
    }
}
