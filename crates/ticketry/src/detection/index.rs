//! The inverted index behind [`Detector`](super::Detector): terms to the
//! tickets that use them, with BM25 weights and typo-tolerant lookups.
//!
//! Layout, chosen for memory (an archive of millions of tickets):
//! - a vocabulary `stem → term id` and, per term, a posting list of `u32`s, each
//!   a ticket slot shifted left by [`TF_BITS`] with the term's weight in the
//!   ticket (capped at 15) in the low bits. Slots only grow, so posting lists
//!   stay sorted and a membership check is a binary search;
//! - per slot, 24 bytes of metadata: opening time, interned client and product,
//!   length, outcome and a liveness flag;
//! - for a long posting list (at least [`SKIP_MIN`] postings), the slot of
//!   every [`SKIP_EVERY`]-th posting again, in a small dense array: a seek
//!   searches that array first and then one block of the list, touching a few
//!   cache lines instead of one per step of a search over the whole list
//!   (about 1/16 of a byte per posting);
//! - removal marks the slot dead; [`Index::compact`] renumbers the live slots
//!   and drops dead postings (done automatically when a quarter is dead).

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::text::{analyze_with, for_each_edit, normalize_word_into};
use super::Outcome;
use crate::ticket::TicketId;

/// Bits of a posting that hold the term's weight in the ticket.
pub(crate) const TF_BITS: u32 = 4;
const TF_MAX: u32 = (1 << TF_BITS) - 1;
/// A long posting list keeps the slot of every this many postings.
pub(crate) const SKIP_EVERY: usize = 64;
/// Posting lists at least this long keep skips.
pub(crate) const SKIP_MIN: usize = 1024;
/// The most slots an index can address.
pub(crate) const MAX_SLOTS: usize = (u32::MAX >> TF_BITS) as usize;

/// Subject words weigh this many description words.
const SUBJECT_WEIGHT: u32 = 3;
/// At most this many one-edit neighbours are looked up per query term.
const MAX_FUZZY: usize = 8;

#[derive(Debug, Clone, Default)]
pub(crate) struct Interner {
    map: FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Interner {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.map.get(name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.map.insert(name.into(), id);
        self.names.push(name.into());
        id
    }
    pub(crate) fn get(&self, name: &str) -> Option<u32> {
        self.map.get(name).copied()
    }
    fn heap_bytes(&self) -> usize {
        let strings: usize = self.names.iter().map(|n| n.len() * 2).sum();
        strings + self.map.capacity() * 24 + self.names.capacity() * 16
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct DocMeta {
    pub(crate) opened: i64,
    pub(crate) client: u32,
    pub(crate) product: u32,
    pub(crate) len: u16,
    pub(crate) outcome: Outcome,
    pub(crate) alive: bool,
}

/// One query term: the vocabulary terms it matches (itself and typo
/// neighbours, with a factor) and its inverse document frequency.
#[derive(Debug, Clone)]
pub(crate) struct QueryTerm {
    pub(crate) matches: Vec<(u32, f32)>,
    pub(crate) idf: f32,
    pub(crate) weight: f32,
    /// The word as the new ticket wrote it.
    pub(crate) surface: String,
}

/// An index of at most this many slots is compacted after every removal.
const SMALL_INDEX: usize = 4096;

/// At most this many candidates are gathered from posting lists per query.
pub(crate) const CANDIDATE_BUDGET: usize = 50_000;

/// A query term gathers candidates from at most this many of its latest
/// postings before the query (see [`Index::accumulate`]).
///
/// Measured on the synthetic 1M archive (`--bin detection`, 1,000 queries):
/// 4,096 gave recall@10 0.759 (any occurrence 0.917), p50 0.52 ms, p99 1.48
/// ms; 512 gives 0.767 (0.921); 256 gives 0.765 (0.919), p50 0.19 ms, p99
/// 0.51 ms; 128 gives 0.758 (0.913). 256 is kept: against 512 it loses two
/// of the 1,000 labelled repeats and takes 8-14 % off a time-ordered triage
/// of the 1M archive (paired runs, 2026-12-07: 46.6 s against 53.9 s wall),
/// where every ticket is a query. A smaller window keeps the candidates
/// recent (as REP-1's history check and the recency signal want); older
/// tickets still come in by their rarest words, their client or a mention,
/// and every kept candidate gets its complete score. GitBugs figures are the
/// same for 256 to 4,096 (ParaPhraser does not query the index).
pub(crate) const GATHER_WINDOW: usize = 256;

/// Part of a posting list [`Index::accumulate`] did not read: the slots
/// below `below` that use `term` (a match of query term `term_index`, with
/// `factor`) still lack its contribution.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pending {
    pub(crate) term_index: usize,
    pub(crate) term: u32,
    pub(crate) factor: f32,
    pub(crate) below: u32,
}

/// Per-query working memory, reused between queries: a dense score per slot
/// (kept at zero between queries), a bit per slot seen, and the slots touched.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// The score so far; minus infinity for a slot seen and rejected.
    pub(crate) acc: Vec<f32>,
    /// Bit `s % 64` of word `s / 64` set once slot `s` was seen. The first
    /// touch of a slot is decided on these 128 KB per million slots, which
    /// stay in the CPU's cache, not on the scores: a branch on a score would
    /// wait for its cache miss, and it mispredicts a third of the time.
    seen: Vec<u64>,
    pub(crate) touched: Vec<u32>,
    rejected: Vec<u32>,
}

impl Scratch {
    pub(crate) fn reset(&mut self) {
        for s in self.touched.drain(..).chain(self.rejected.drain(..)) {
            if let Some(a) = self.acc.get_mut(s as usize) {
                *a = 0.0;
            }
            if let Some(w) = self.seen.get_mut(s as usize / 64) {
                *w = 0;
            }
        }
    }
    pub(crate) fn score(&self, slot: u32) -> f32 {
        self.acc.get(slot as usize).copied().unwrap_or(0.0).max(0.0)
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    vocab: FxHashMap<Box<str>, u32>,
    postings: Vec<Vec<u32>>,
    /// For each long posting list, the slot of every [`SKIP_EVERY`]-th posting.
    skips: FxHashMap<u32, Vec<u32>>,
    pub(crate) docs: Vec<DocMeta>,
    /// Every slot's length again, dense: the one field the inner loop reads.
    lens: Vec<u16>,
    pub(crate) ids: Vec<TicketId>,
    /// Fx-hashed, as the vocabulary: SipHash was a tenth of an insert.
    by_id: FxHashMap<TicketId, u32>,
    pub(crate) clients: Interner,
    pub(crate) products: Interner,
    /// Per client, its slots in opening order.
    pub(crate) by_client: HashMap<u32, Vec<u32>>,
    live: usize,
    total_len: u64,
    /// Whether some slot opened before the slot added ahead of it. While false
    /// (tickets added in time order, the usual case), the slots opened before
    /// a moment are a prefix of every posting list, and a query stops reading
    /// a list where the later tickets begin.
    unordered: bool,
    /// Each slot's own terms, when kept (see [`Index::keep_ticket_terms`]).
    ticket_terms: Option<TicketTerms>,
}

/// Every slot's terms, the transpose of the posting lists: slot `s` has
/// `entries[starts[s]..starts[s + 1]]`, each entry a term id shifted left by
/// [`TF_BITS`] with the term's weight in the low bits, ascending by term.
/// [`Index::complete_scores`] reads a candidate's few terms here instead of
/// seeking each pending posting list (a cache miss per seek).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, Default)]
struct TicketTerms {
    entries: Vec<u32>,
    starts: Vec<u64>,
}

/// On wasm32 the ticket terms are not compiled in (the npm package's size
/// budget): a type without values, so an index never has them.
#[cfg(target_arch = "wasm32")]
#[derive(Debug, Clone)]
enum TicketTerms {}

#[cfg(target_arch = "wasm32")]
impl TicketTerms {
    fn of(_postings: &[Vec<u32>], _slots: usize) -> Option<TicketTerms> {
        None
    }
    fn push(&mut self, _terms: Vec<u32>) {
        match *self {}
    }
    fn heap_bytes(&self) -> usize {
        match *self {}
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl TicketTerms {
    /// The transpose of `postings`, for `slots` slots (a counting sort: term
    /// ids come out ascending within each slot); `None` when a term id does
    /// not fit in an entry.
    fn of(postings: &[Vec<u32>], slots: usize) -> Option<TicketTerms> {
        if postings.len() > MAX_SLOTS {
            return None;
        }
        let mut starts = vec![0u64; slots + 1];
        for &p in postings.iter().flatten() {
            if let Some(n) = starts.get_mut((p >> TF_BITS) as usize + 1) {
                *n += 1;
            }
        }
        for i in 1..starts.len() {
            let before = starts.get(i - 1).copied().unwrap_or(0);
            if let Some(n) = starts.get_mut(i) {
                *n += before;
            }
        }
        let total = usize::try_from(starts.last().copied().unwrap_or(0)).ok()?;
        let mut entries = vec![0u32; total];
        let mut next: Vec<u64> = starts.clone();
        for (term, list) in postings.iter().enumerate() {
            let term = u32::try_from(term).ok()?;
            for &p in list {
                let Some(at) = next.get_mut((p >> TF_BITS) as usize) else {
                    continue;
                };
                if let Some(e) = usize::try_from(*at).ok().and_then(|i| entries.get_mut(i)) {
                    *e = (term << TF_BITS) | (p & TF_MAX);
                }
                *at += 1;
            }
        }
        Some(TicketTerms { entries, starts })
    }

    /// Appends the next slot's terms (`term << TF_BITS | weight`, any order).
    fn push(&mut self, mut terms: Vec<u32>) {
        terms.sort_unstable();
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.entries.extend_from_slice(&terms);
        self.starts.push(self.entries.len() as u64);
    }

    /// Where a slot's terms are in `entries`.
    fn range_of(&self, slot: u32) -> std::ops::Range<usize> {
        let at = |i: usize| {
            self.starts
                .get(i)
                .and_then(|&s| usize::try_from(s).ok())
                .unwrap_or(0)
        };
        let s = slot as usize;
        at(s)..at(s + 1)
    }

    fn heap_bytes(&self) -> usize {
        self.entries.capacity() * 4 + self.starts.capacity() * 8
    }
}

/// The terms of a ticket with their weights (subject words count double),
/// each stem once, in stem order: see [`WeightedTerms::iter`].
pub(crate) fn weighted_terms(subject: &str, description: &str) -> WeightedTerms {
    let (text, spans) = merged_stems(subject, description, |_, _, _| ());
    WeightedTerms { text, spans }
}

/// A distinct stem of [`merged_stems`]: its bytes in the stem buffer, its
/// summed weight and the `first` payload of its first occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Span<P> {
    start: u32,
    end: u32,
    weight: u32,
    first: P,
}

/// The stems of a ticket's subject (each weighing [`SUBJECT_WEIGHT`]) and
/// description, written one after another into one buffer (indexing
/// allocates per ticket, not per word), and each distinct stem once, in
/// stem order, with its summed weight and `payload(field, start, end)` of
/// its first occurrence (the word's byte span in `field`).
fn merged_stems<'t, P>(
    subject: &'t str,
    description: &'t str,
    payload: impl Fn(&'t str, usize, usize) -> P,
) -> (String, Vec<Span<P>>) {
    // sized for the usual case (a stem is shorter than its word, a word with
    // its space is about 7 bytes long), so that neither grows
    let bytes = subject.len() + description.len();
    let mut text = String::with_capacity(bytes);
    let mut spans: Vec<Span<P>> = Vec::with_capacity(bytes / 6 + 4);
    for (field, weight) in [(subject, SUBJECT_WEIGHT), (description, 1)] {
        analyze_with(field, |stem, s, e| {
            let start = text.len();
            text.push_str(stem);
            if let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(text.len())) {
                spans.push(Span {
                    start,
                    end,
                    weight,
                    first: payload(field, s, e),
                });
            }
        });
    }
    let stem = |span: &Span<P>| {
        text.get(span.start as usize..span.end as usize)
            .unwrap_or_default()
    };
    // Sorted by the stems' first 16 bytes as one number (7 Cyrillic letters,
    // the longest Russian stem, fit), then by the stems: the same order as
    // comparing the stems alone, with most comparisons on the numbers; then
    // by where they were written, so an equal stem's first occurrence leads.
    let prefix = |span: &Span<P>| {
        let mut key = [0u8; 16];
        for (k, b) in key.iter_mut().zip(stem(span).bytes()) {
            *k = b;
        }
        u128::from_be_bytes(key)
    };
    let mut keyed: Vec<(u128, Span<P>)> = spans
        .into_iter()
        .map(|span| (prefix(&span), span))
        .collect();
    keyed.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| stem(&a.1).cmp(stem(&b.1)))
            .then(a.1.start.cmp(&b.1.start))
    });
    let mut merged: Vec<Span<P>> = Vec::with_capacity(keyed.len());
    for (_, span) in keyed {
        match merged.last_mut() {
            Some(last) if stem(last) == stem(&span) => last.weight += span.weight,
            _ => merged.push(span),
        }
    }
    (text, merged)
}

/// A ticket's stems with their weights, held in one buffer (see
/// [`weighted_terms`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct WeightedTerms {
    /// The stems, one after another (repeated ones too).
    text: String,
    /// Each distinct stem's place in `text` and its weight, in stem order.
    spans: Vec<Span<()>>,
}

impl WeightedTerms {
    /// Each distinct stem and its weight, in stem order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        self.spans.iter().map(|span| {
            let stem = self.text.get(span.start as usize..span.end as usize);
            (stem.unwrap_or_default(), span.weight)
        })
    }
}

/// The normalised form products are compared by.
pub(crate) fn product_key(product: &str) -> String {
    let mut key = String::with_capacity(product.len());
    for word in super::text::words(product).filter_map(|(s, e)| product.get(s..e)) {
        if !key.is_empty() {
            key.push(' ');
        }
        normalize_word_into(word, &mut key);
    }
    key
}

/// What the index keeps of a ticket's text: its weighted stems and its
/// product's key. Made without the index, so on any thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocTerms {
    pub(crate) terms: WeightedTerms,
    pub(crate) product: String,
}

impl DocTerms {
    pub(crate) fn of(subject: &str, description: &str, product: &str) -> DocTerms {
        DocTerms {
            terms: weighted_terms(subject, description),
            product: product_key(product),
        }
    }
}

pub(crate) struct NewDoc<'a> {
    pub(crate) id: &'a TicketId,
    pub(crate) client: &'a str,
    pub(crate) opened: i64,
    pub(crate) outcome: Outcome,
    pub(crate) text: &'a DocTerms,
}

impl Index {
    pub(crate) fn len(&self) -> usize {
        self.live
    }

    pub(crate) fn slot_of(&self, id: &TicketId) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    pub(crate) fn doc(&self, slot: u32) -> Option<&DocMeta> {
        self.docs.get(slot as usize)
    }

    pub(crate) fn id(&self, slot: u32) -> Option<&TicketId> {
        self.ids.get(slot as usize)
    }

    pub(crate) fn avg_len(&self) -> f32 {
        if self.live == 0 {
            1.0
        } else {
            (self.total_len as f32 / self.live as f32).max(1.0)
        }
    }

    /// Adds or replaces a ticket; false when the index is full.
    pub(crate) fn upsert(&mut self, doc: NewDoc<'_>) -> bool {
        self.remove(doc.id);
        if self.docs.len() >= MAX_SLOTS {
            self.compact();
            if self.docs.len() >= MAX_SLOTS {
                return false;
            }
        }
        let slot = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
        if self
            .docs
            .last()
            .is_some_and(|last| doc.opened < last.opened)
        {
            self.unordered = true;
        }
        let mut own: Vec<u32> = Vec::new();
        let mut len: u32 = 0;
        for (stem, w) in doc.text.terms.iter() {
            let term = match self.vocab.get(stem) {
                Some(&t) => t,
                None => {
                    let next = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
                    self.vocab.insert(stem.into(), next);
                    self.postings.push(Vec::new());
                    next
                }
            };
            if let Some(list) = self.postings.get_mut(term as usize) {
                list.push((slot << TF_BITS) | w.min(TF_MAX));
                let at = list.len() - 1;
                if at % SKIP_EVERY == 0 && list.len() > SKIP_MIN {
                    match self.skips.get_mut(&term) {
                        Some(skip) => skip.push(slot),
                        None => {
                            self.skips.insert(term, skips_of(list));
                        }
                    }
                }
            }
            if self.ticket_terms.is_some() {
                own.push((term << TF_BITS) | w.min(TF_MAX));
                if term as usize > MAX_SLOTS {
                    self.ticket_terms = None; // a term id no entry can hold
                }
            }
            len += w;
        }
        if let Some(tt) = self.ticket_terms.as_mut() {
            tt.push(own);
        }
        let client = self.clients.intern(doc.client);
        let product = self.products.intern(&doc.text.product);
        let len = u16::try_from(len).unwrap_or(u16::MAX);
        self.docs.push(DocMeta {
            opened: doc.opened,
            client,
            product,
            len,
            outcome: doc.outcome,
            alive: true,
        });
        self.lens.push(len);
        self.ids.push(doc.id.clone());
        self.by_id.insert(doc.id.clone(), slot);
        // Kept in opening order (appending, for time-ordered input).
        let list = self.by_client.entry(client).or_default();
        let docs = &self.docs;
        let opened = |s: &u32| docs.get(*s as usize).map_or(i64::MIN, |m| m.opened);
        let pos = list.partition_point(|s| opened(s) <= doc.opened);
        list.insert(pos, slot);
        self.live += 1;
        self.total_len += u64::from(len);
        true
    }

    /// Updates a ticket's outcome without re-indexing its text.
    pub(crate) fn set_outcome(&mut self, id: &TicketId, outcome: Outcome) -> bool {
        let Some(slot) = self.slot_of(id) else {
            return false;
        };
        match self.docs.get_mut(slot as usize) {
            Some(meta) => {
                meta.outcome = outcome;
                true
            }
            None => false,
        }
    }

    pub(crate) fn remove(&mut self, id: &TicketId) -> bool {
        let Some(slot) = self.by_id.remove(id) else {
            return false;
        };
        let Some(meta) = self.docs.get_mut(slot as usize) else {
            return false;
        };
        meta.alive = false;
        self.live -= 1;
        self.total_len -= u64::from(meta.len);
        if let Some(list) = self.by_client.get_mut(&meta.client) {
            list.retain(|&s| s != slot);
        }
        let dead = self.docs.len() - self.live;
        // Dead postings still count in term rarity: a small index is
        // compacted at once (cheap), a large one when a quarter is dead.
        if self.docs.len() <= SMALL_INDEX || (dead > 1024 && dead * 4 > self.docs.len()) {
            self.compact();
        }
        true
    }

    /// Renumbers live slots and drops dead postings and unused terms.
    pub(crate) fn compact(&mut self) {
        let mut remap: Vec<u32> = Vec::with_capacity(self.docs.len());
        let mut docs = Vec::with_capacity(self.live);
        let mut ids = Vec::with_capacity(self.live);
        for (meta, id) in self.docs.iter().zip(&self.ids) {
            if meta.alive {
                remap.push(u32::try_from(docs.len()).unwrap_or(u32::MAX));
                docs.push(*meta);
                ids.push(id.clone());
            } else {
                remap.push(u32::MAX);
            }
        }
        let mut vocab = FxHashMap::default();
        vocab.reserve(self.vocab.len());
        let mut postings = Vec::with_capacity(self.postings.len());
        for (stem, &term) in &self.vocab {
            let Some(list) = self.postings.get(term as usize) else {
                continue;
            };
            let kept: Vec<u32> = list
                .iter()
                .filter_map(|&p| {
                    let new = *remap.get((p >> TF_BITS) as usize)?;
                    (new != u32::MAX).then_some((new << TF_BITS) | (p & TF_MAX))
                })
                .collect();
            if !kept.is_empty() {
                vocab.insert(
                    stem.clone(),
                    u32::try_from(postings.len()).unwrap_or(u32::MAX),
                );
                postings.push(kept);
            }
        }
        for list in self.by_client.values_mut() {
            for s in list.iter_mut() {
                *s = remap.get(*s as usize).copied().unwrap_or(u32::MAX);
            }
            list.retain(|&s| s != u32::MAX);
        }
        self.by_client.retain(|_, l| !l.is_empty());
        self.by_id = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        self.lens = docs.iter().map(|d| d.len).collect();
        self.unordered = docs.windows(2).any(|w| match w {
            [a, b] => b.opened < a.opened,
            _ => false,
        });
        self.docs = docs;
        self.ids = ids;
        self.vocab = vocab;
        self.skips = postings
            .iter()
            .enumerate()
            .filter(|(_, l)| l.len() > SKIP_MIN)
            .map(|(t, l)| (u32::try_from(t).unwrap_or(u32::MAX), skips_of(l)))
            .collect();
        self.postings = postings;
        if self.ticket_terms.is_some() {
            self.ticket_terms = TicketTerms::of(&self.postings, self.docs.len());
        }
    }

    /// Keeps (or drops) each slot's own terms, for [`Index::complete_scores`]
    /// to read instead of seeking posting lists; built at once from the
    /// posting lists when switched on.
    pub(crate) fn keep_ticket_terms(&mut self, on: bool) {
        self.ticket_terms = if on {
            self.ticket_terms
                .take()
                .or_else(|| TicketTerms::of(&self.postings, self.docs.len()))
        } else {
            None
        };
    }

    /// Whether each slot's own terms are kept.
    pub(crate) fn keeps_ticket_terms(&self) -> bool {
        self.ticket_terms.is_some()
    }

    /// The first position at or after `from` in `term`'s posting `list`
    /// whose slot is at least `slot` (`list.len()` if none), by its skips
    /// when it has them.
    fn seek(&self, term: u32, list: &[u32], from: usize, slot: u32) -> usize {
        seek_in(list, self.skips.get(&term).map(Vec::as_slice), from, slot)
    }

    /// Whether `slot` can be a candidate of a query opened at `opened`: live,
    /// opened before it, and not the query's own slot `exclude`.
    pub(crate) fn is_earlier(&self, slot: u32, opened: i64, exclude: Option<u32>) -> bool {
        Some(slot) != exclude
            && self
                .docs
                .get(slot as usize)
                .is_some_and(|m| m.alive && m.opened < opened)
    }

    /// A slot bound: every slot opened before `opened` is below it (all
    /// slots when they are not in opening order).
    pub(crate) fn slots_before(&self, opened: i64) -> u32 {
        let end = if self.unordered {
            self.docs.len()
        } else {
            self.docs.partition_point(|m| m.opened < opened)
        };
        u32::try_from(end).unwrap_or(u32::MAX)
    }

    fn df(&self, term: u32) -> usize {
        self.postings.get(term as usize).map_or(0, Vec::len)
    }

    pub(crate) fn idf(&self, df: usize) -> f32 {
        let n = self.live.max(1) as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The inverse document frequency of a stem; an unknown stem is as rare
    /// as a term can be.
    pub(crate) fn stem_idf(&self, stem: &str) -> f32 {
        self.idf(self.vocab.get(stem).map_or(0, |&t| self.df(t)))
    }

    /// The query's terms, each with its exact and one-edit matches in the
    /// vocabulary, rarest first.
    pub(crate) fn query_terms(
        &self,
        subject: &str,
        description: &str,
        fuzzy_factor: f32,
        max_terms: usize,
    ) -> Vec<QueryTerm> {
        // one analysis gives the weights and the words as written (a stem
        // shows as its first word)
        let (text, spans) = merged_stems(subject, description, |field, s, e| {
            field.get(s..e).unwrap_or_default()
        });
        let mut out = Vec::new();
        for span in spans {
            let stem = text
                .get(span.start as usize..span.end as usize)
                .unwrap_or_default();
            let (weight, surface) = (span.weight, span.first);
            let mut matches: Vec<(u32, f32)> = Vec::new();
            if let Some(&t) = self.vocab.get(stem) {
                matches.push((t, 1.0));
            }
            // Typos are looked for around rare words only: a word many tickets
            // use is spelled right, and its look-ups would cost the most.
            let exact_df = matches.first().map_or(0, |&(t, _)| self.df(t));
            if fuzzy_factor > 0.0 && exact_df <= self.fuzzy_df() {
                for_each_edit(stem, |edit| {
                    if let Some(&t) = self.vocab.get(edit) {
                        if !matches.iter().any(|&(m, _)| m == t) {
                            matches.push((t, fuzzy_factor));
                        }
                    }
                    matches.len() <= MAX_FUZZY
                });
            }
            // A term the archive does not know still counts in the query's
            // own score (as the rarest term), so text similarity is not
            // inflated by dropping it.
            let df = matches.iter().map(|&(t, _)| self.df(t)).max().unwrap_or(0);
            let surface = surface.to_owned();
            out.push(QueryTerm {
                matches,
                idf: self.idf(df),
                weight: weight as f32,
                surface,
            });
        }
        // A long text (a log, a stack trace) is searched by its most telling terms.
        out.sort_by(|a, b| (b.idf * b.weight.min(3.0)).total_cmp(&(a.idf * a.weight.min(3.0))));
        out.truncate(max_terms);
        out.sort_by(|a, b| b.idf.total_cmp(&a.idf));
        out
    }

    /// BM25 of the slots sharing a rare-enough term with the query, into
    /// `scratch` (its `touched` list holds every slot with a score: live,
    /// opened before `opened` and not `exclude`). Only slots below
    /// `slot_end` (see [`Index::slots_before`]) are read.
    ///
    /// When the index is in opening order with no dead slot (a time-ordered
    /// archive, always so in a replay), every slot below `slot_end` is live
    /// and earlier, and a candidate's metadata is not read at all: that read
    /// was a cache miss per candidate, half the time of this function on a
    /// large archive.
    ///
    /// The work per query is bounded, whatever the archive's size:
    /// - a term used by more than [`Index::common_df`] tickets gathers no
    ///   candidates (its posting list is a long one, and it says little);
    /// - a term gathers from its [`GATHER_WINDOW`] latest postings before
    ///   `slot_end` only, so on a large archive an older ticket is found by
    ///   its rarer words, its client or a mention;
    /// - after [`CANDIDATE_BUDGET`] candidates, new ones are no longer
    ///   gathered, only the ones found get the rest of their score.
    ///
    /// What was not read is returned as [`Pending`] work, for
    /// [`Index::complete_scores`] to add to the few candidates kept, so their
    /// scores are exact.
    #[allow(clippy::too_many_arguments)] // the query's parts, each used once
    pub(crate) fn accumulate(
        &self,
        terms: &[QueryTerm],
        k1: f32,
        b: f32,
        slot_end: u32,
        opened: i64,
        exclude: Option<u32>,
        scratch: &mut Scratch,
    ) -> Vec<Pending> {
        let all_earlier = !self.unordered && self.live == self.docs.len();
        let keep = |slot: u32| {
            if all_earlier {
                Some(slot) != exclude
            } else {
                self.is_earlier(slot, opened, exclude)
            }
        };
        scratch.reset();
        if scratch.acc.len() < self.docs.len() {
            scratch.acc.resize(self.docs.len(), 0.0);
            scratch.seen.resize(self.docs.len().div_ceil(64), 0);
        }
        let avg = self.avg_len();
        let common = self.common_df();
        let mut pending = Vec::new();
        for (i, qt) in terms.iter().enumerate() {
            let deferred = qt.matches.iter().any(|&(t, _)| self.df(t) > common);
            for &(term, factor) in &qt.matches {
                let Some(list) = self.postings.get(term as usize) else {
                    continue;
                };
                let end = self.seek(term, list, 0, slot_end);
                let start = if deferred {
                    end
                } else {
                    end.saturating_sub(GATHER_WINDOW)
                };
                if start > 0 {
                    // slots below the first one read still lack this term
                    let below = list.get(start).map_or(slot_end, |p| p >> TF_BITS);
                    pending.push(Pending {
                        term_index: i,
                        term,
                        factor,
                        below,
                    });
                }
                let w = qt.idf * factor * qt.weight.min(3.0);
                for &p in list.get(start..end).unwrap_or_default() {
                    let slot = p >> TF_BITS;
                    let Some(word) = scratch.seen.get_mut(slot as usize / 64) else {
                        continue;
                    };
                    let bit = 1u64 << (slot % 64);
                    if *word & bit == 0 {
                        if scratch.touched.len() >= CANDIDATE_BUDGET {
                            continue;
                        }
                        *word |= bit;
                        if keep(slot) {
                            scratch.touched.push(slot);
                        } else {
                            if let Some(a) = scratch.acc.get_mut(slot as usize) {
                                *a = f32::NEG_INFINITY;
                            }
                            scratch.rejected.push(slot);
                            continue;
                        }
                    }
                    // a rejected slot stays at minus infinity
                    let Some(a) = scratch.acc.get_mut(slot as usize) else {
                        continue;
                    };
                    let len = self.lens.get(slot as usize).copied().unwrap_or(0);
                    let tf = (p & TF_MAX) as f32;
                    let norm = k1 * (1.0 - b + b * f32::from(len) / avg);
                    *a += w * tf * (k1 + 1.0) / (tf + norm);
                }
            }
        }
        pending
    }

    /// A term used by more tickets than this gathers no candidates.
    pub(crate) fn common_df(&self) -> usize {
        (self.live / 100).max(1000)
    }

    /// A query word used by at most this many tickets is also looked up
    /// with one edit (typo tolerance).
    pub(crate) fn fuzzy_df(&self) -> usize {
        (self.live / 50_000).max(2)
    }

    /// The BM25 contribution of the `pending` work (see
    /// [`Index::accumulate`]) to each of `slots` (sorted ascending), in that
    /// order. Each posting list is walked once, forward, by galloping from
    /// one slot to the next.
    pub(crate) fn complete_scores(
        &self,
        terms: &[QueryTerm],
        pending: &[Pending],
        slots: &[u32],
        k1: f32,
        b: f32,
    ) -> Vec<f32> {
        let mut scores = vec![0.0f32; slots.len()];
        if pending.is_empty() {
            return scores;
        }
        let avg = self.avg_len();
        let norms: Vec<f32> = slots
            .iter()
            .map(|&s| {
                let len = self.lens.get(s as usize).copied().unwrap_or(0);
                k1 * (1.0 - b + b * f32::from(len) / avg)
            })
            .collect();
        let weights: Vec<f32> = pending
            .iter()
            .map(|work| {
                terms
                    .get(work.term_index)
                    .map_or(0.0, |qt| qt.idf * work.factor * qt.weight.min(3.0))
            })
            .collect();
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(tt) = &self.ticket_terms {
            // Each slot's own terms are matched with every pending work of
            // the same term (a term can be pending for two query terms: a
            // typo's neighbour is another query word); the contributions are
            // then added in pending order, as the walk of the posting lists
            // below adds them, so the sums are the same to the bit.
            // A 4,096-bit filter of the pending terms: most of a slot's own
            // terms are not pending, and one bit test turns each away without
            // the mispredicted branches of a sorted merge.
            let mut filter = [0u64; 64];
            for work in pending {
                if let Some(word) = filter.get_mut((work.term as usize >> 6) & 63) {
                    *word |= 1u64 << (work.term & 63);
                }
            }
            // A term that passes the filter finds its pending works by a hash
            // lookup, not by a search of all of them.
            let by_term = PendingByTerm::new(pending, &weights);
            // A slot's contributions, by their order in `pending`.
            let mut hits: Vec<(u32, f32)> = Vec::new();
            // The slots' lists are cache misses: their places are read first,
            // then their first and last entries (a list of 20 entries often
            // spans two cache lines), ahead of the merge.
            let ranges: Vec<std::ops::Range<usize>> =
                slots.iter().map(|&s| tt.range_of(s)).collect();
            read_ahead(ranges.iter().flat_map(|r| {
                let last = r.end.saturating_sub(1).max(r.start);
                [r.start, last].map(|at| tt.entries.get(at).copied().unwrap_or(0))
            }));
            for (((&slot, score), norm), range) in
                slots.iter().zip(scores.iter_mut()).zip(&norms).zip(ranges)
            {
                for &e in tt.entries.get(range).unwrap_or_default() {
                    let term = e >> TF_BITS;
                    let word = filter.get((term as usize >> 6) & 63).copied().unwrap_or(0);
                    if (word >> (term & 63)) & 1 == 0 {
                        continue;
                    }
                    let tf = (e & TF_MAX) as f32;
                    for work in by_term.works_of(term) {
                        if slot < work.below {
                            hits.push((work.order, work.weight * tf * (k1 + 1.0) / (tf + norm)));
                        }
                    }
                }
                // added in pending order, as the walk below adds them
                hits.sort_unstable_by_key(|&(order, _)| order);
                for &(_, f) in &hits {
                    if f != 0.0 {
                        *score += f;
                    }
                }
                hits.clear();
            }
            return scores;
        }
        for (work, &w) in pending.iter().zip(&weights) {
            let Some(list) = self.postings.get(work.term as usize) else {
                continue;
            };
            let skips = self.skips.get(&work.term).map(Vec::as_slice);
            let mut at = 0;
            for ((&slot, score), norm) in slots.iter().zip(scores.iter_mut()).zip(&norms) {
                if slot >= work.below {
                    break;
                }
                at = seek_in(list, skips, at, slot);
                match list.get(at) {
                    Some(&p) if p >> TF_BITS == slot => {
                        let tf = (p & TF_MAX) as f32;
                        *score += w * tf * (k1 + 1.0) / (tf + norm);
                    }
                    Some(_) => {}
                    None => break,
                }
            }
        }
        scores
    }

    /// BM25 of the query against itself: the most any ticket could score.
    pub(crate) fn self_score(&self, terms: &[QueryTerm], k1: f32, b: f32) -> f32 {
        let len: f32 = terms.iter().map(|t| t.weight).sum();
        let norm = k1 * (1.0 - b + b * len / self.avg_len());
        terms
            .iter()
            .map(|t| {
                let tf = t.weight.min(TF_MAX as f32);
                t.idf * t.weight.min(3.0) * tf * (k1 + 1.0) / (tf + norm)
            })
            .sum()
    }

    /// Whether a slot uses one of the query term's matches: the words a
    /// candidate shares with the query, asked for the few candidates kept
    /// only (scoring every gathered slot no longer records them).
    pub(crate) fn contains(&self, qt: &QueryTerm, slot: u32) -> bool {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(tt) = &self.ticket_terms {
            let own = tt.entries.get(tt.range_of(slot)).unwrap_or_default();
            return qt
                .matches
                .iter()
                .any(|&(term, _)| own.binary_search_by(|e| (e >> TF_BITS).cmp(&term)).is_ok());
        }
        qt.matches.iter().any(|&(term, _)| {
            self.postings.get(term as usize).is_some_and(|list| {
                let at = self.seek(term, list, 0, slot);
                list.get(at).is_some_and(|p| p >> TF_BITS == slot)
            })
        })
    }

    /// An estimate of the heap the index uses, in bytes.
    pub(crate) fn heap_bytes(&self) -> usize {
        let vocab: usize =
            self.vocab.keys().map(|k| k.len()).sum::<usize>() + self.vocab.capacity() * 24;
        let postings: usize = self.postings.iter().map(|l| l.capacity() * 4 + 24).sum();
        let ids: usize = self
            .ids
            .iter()
            .map(|i| i.as_str().len() * 2 + 24 * 2)
            .sum::<usize>()
            + self.by_id.capacity() * 8;
        let docs = self.docs.capacity() * std::mem::size_of::<DocMeta>() + self.lens.capacity() * 2;
        let clients: usize = self.by_client.values().map(|l| l.capacity() * 4 + 32).sum();
        let skips: usize = self.skips.values().map(|l| l.capacity() * 4 + 32).sum();
        let ticket_terms = self
            .ticket_terms
            .as_ref()
            .map_or(0, TicketTerms::heap_bytes);
        ticket_terms
            + vocab
            + postings
            + skips
            + ids
            + docs
            + clients
            + self.clients.heap_bytes()
            + self.products.heap_bytes()
    }
}

/// The skips of a posting list: the slot of every [`SKIP_EVERY`]-th posting.
fn skips_of(list: &[u32]) -> Vec<u32> {
    list.iter()
        .step_by(SKIP_EVERY)
        .map(|p| p >> TF_BITS)
        .collect()
}

/// The first position at or after `from` in the posting `list` whose slot
/// is at least `slot` (`list.len()` if none), by the list's `skips` (see
/// [`skips_of`]) when it has them: a search of the skips, then a count in
/// one block of [`SKIP_EVERY`] postings (a branch-free count over a few
/// cache lines beats a binary search's mispredicted steps there).
fn seek_in(list: &[u32], skips: Option<&[u32]>, from: usize, slot: u32) -> usize {
    let Some(skip) = skips else {
        return gallop(list, from, |p| (p >> TF_BITS) < slot);
    };
    // the first block after `from`'s that starts at or after `slot`
    let block = gallop(skip, from / SKIP_EVERY + 1, |&s| s < slot);
    let lo = from
        .max(block.saturating_sub(1) * SKIP_EVERY)
        .min(list.len());
    let hi = (block * SKIP_EVERY).min(list.len());
    let window = list.get(lo..hi).unwrap_or_default();
    lo + window
        .iter()
        .map(|&p| u32::from((p >> TF_BITS) < slot))
        .sum::<u32>() as usize
}

/// A pending work as the ticket-term path of [`Index::complete_scores`]
/// reads it: its term, the slots it still lacks (those below `below`), its
/// place in the query's pending list and its weight.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, Copy)]
struct PendingWork {
    term: u32,
    below: u32,
    order: u32,
    weight: f32,
}

/// A query's pending works by term: sorted by term (then by their order),
/// with a map from a term to where its works are.
#[cfg(not(target_arch = "wasm32"))]
struct PendingByTerm {
    works: Vec<PendingWork>,
    places: FxHashMap<u32, std::ops::Range<usize>>,
}

#[cfg(not(target_arch = "wasm32"))]
impl PendingByTerm {
    fn new(pending: &[Pending], weights: &[f32]) -> PendingByTerm {
        let mut works: Vec<PendingWork> = pending
            .iter()
            .zip(weights)
            .enumerate()
            .map(|(i, (p, &weight))| PendingWork {
                term: p.term,
                below: p.below,
                order: u32::try_from(i).unwrap_or(u32::MAX),
                weight,
            })
            .collect();
        works.sort_unstable_by_key(|w| (w.term, w.order));
        let mut places = FxHashMap::default();
        for (i, w) in works.iter().enumerate() {
            places.entry(w.term).or_insert(i..i).end = i + 1;
        }
        PendingByTerm { works, places }
    }

    /// The pending works of `term`, in their order.
    fn works_of(&self, term: u32) -> &[PendingWork] {
        self.places
            .get(&term)
            .and_then(|r| self.works.get(r.clone()))
            .unwrap_or_default()
    }
}

/// Reads `values` in one loop whose loads do not depend on each other, so
/// the memory serves their cache misses together, ahead of the code that
/// needs them (it then finds them in cache). The values are not used.
pub(crate) fn read_ahead(values: impl IntoIterator<Item = u32>) {
    std::hint::black_box(values.into_iter().fold(0u32, |x, v| x ^ v));
}

/// The first position at or after `from` where `before` turns false, in a
/// slice where it holds on a prefix: exponential steps from `from`, then a
/// binary search in the last step. Cheap when the answer is near `from`.
fn gallop<T>(xs: &[T], from: usize, before: impl Fn(&T) -> bool) -> usize {
    let Some(rest) = xs.get(from..) else {
        return xs.len();
    };
    let mut step = 1;
    while rest.get(step - 1).is_some_and(&before) {
        step *= 2;
    }
    let lo = step / 2;
    let hi = step.min(rest.len());
    let window = rest.get(lo..hi).unwrap_or_default();
    from + lo + window.partition_point(&before)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gallop_finds_the_first_position_where_the_prefix_ends() {
        let xs: Vec<u32> = (0..300).map(|i| i * 3).collect();
        for from in [0, 1, 7, 64, 299, 300, 301] {
            for target in [0, 1, 2, 3, 100, 450, 897, 898, 2000] {
                let want = from.min(xs.len())
                    + xs.get(from..)
                        .unwrap_or_default()
                        .partition_point(|&x| x < target);
                assert_eq!(gallop(&xs, from, |&x| x < target), want, "{from} {target}");
            }
        }
        assert_eq!(gallop::<u32>(&[], 0, |_| true), 0);
    }

    #[test]
    fn a_seek_by_skips_finds_what_a_search_of_the_list_finds() {
        // one long list (skips), built by appending and again by compacting
        let mut ix = Index::default();
        let open = |i: i64| 1_700_000_000 + i * 60;
        let ids: Vec<TicketId> = (0..5000)
            .map(|i| TicketId::new(format!("T-{i}")).unwrap_or_else(|e| panic!("{e}")))
            .collect();
        for (i, id) in ids.iter().enumerate() {
            let text = if i % 3 == 0 {
                "турникет пропуск"
            } else {
                "турникет"
            };
            assert!(ix.upsert(NewDoc {
                id,
                client: "C-1",
                opened: open(i as i64),
                outcome: Outcome::Open,
                text: &DocTerms::of(text, "", ""),
            }));
        }
        let check = |ix: &Index| {
            let mut long = 0;
            for (term, list) in ix.postings.iter().enumerate() {
                let term = term as u32;
                assert_eq!(
                    ix.skips.get(&term).map(Vec::len),
                    (list.len() > SKIP_MIN).then(|| list.len().div_ceil(SKIP_EVERY))
                );
                long += usize::from(ix.skips.contains_key(&term));
                for from in [0, 5, 63, 64, 65, 1000, 1663, list.len()] {
                    for slot in [0u32, 1, 64, 999, 1000, 1001, 2500, 4998, 4999, 5000, 9000] {
                        let want = from.min(list.len())
                            + list
                                .get(from..)
                                .unwrap_or_default()
                                .partition_point(|p| (p >> TF_BITS) < slot);
                        assert_eq!(ix.seek(term, list, from, slot), want, "{from} {slot}");
                    }
                }
            }
            assert_eq!(long, 2);
        };
        check(&ix);
        for id in ids.iter().step_by(4) {
            ix.remove(id);
        }
        ix.compact();
        check(&ix);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn rep_1_pending_by_term_finds_every_work_of_a_term_in_order() {
        // a term pending twice (its works apart in `pending`), and absent terms
        let mut pending = Vec::new();
        for i in 0..40u32 {
            pending.push(Pending {
                term_index: i as usize,
                term: (i % 20) * 64,
                factor: 1.0,
                below: i,
            });
        }
        let weights: Vec<f32> = (0..40).map(|i| i as f32).collect();
        let table = PendingByTerm::new(&pending, &weights);
        for t in 0..20u32 {
            let works = table.works_of(t * 64);
            let orders: Vec<u32> = works.iter().map(|w| w.order).collect();
            assert_eq!(orders, vec![t, t + 20], "term {}", t * 64);
            assert!(works.iter().all(|w| w.term == t * 64));
            assert_eq!(
                works.iter().map(|w| w.weight).sum::<f32>(),
                (2 * t + 20) as f32
            );
        }
        for absent in [1u32, 63, 65, 20 * 64, u32::MAX >> TF_BITS] {
            assert!(table.works_of(absent).is_empty(), "{absent}");
        }
        assert!(PendingByTerm::new(&[], &[]).works_of(0).is_empty());
    }
}
