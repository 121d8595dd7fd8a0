//! The words detection ignores: Russian and English function words, and the
//! courtesies every support message carries («здравствуйте», «спасибо»).
//!
//! Written for ticketry (lower case, `ё` folded to `е`). Negations («не»,
//! "not", "no") are not here: [`analyze`](super::text::analyze) keeps them on
//! the next word. Repeat markers («опять», «снова», "again") are here: they say
//! a ticket is a repeat, not what the problem is, so they must not make two
//! texts look different.
//!
//! ```
//! assert!(ticketry::detection::stopwords::is_stop_word("которые"));
//! assert!(!ticketry::detection::stopwords::is_stop_word("шлагбаум"));
//! ```

/// Russian function words, pronouns, particles and support courtesies.
pub const RUSSIAN: &[&str] = &[
    "а",
    "без",
    "более",
    "больше",
    "будет",
    "будто",
    "бы",
    "был",
    "была",
    "были",
    "было",
    "быть",
    "в",
    "вам",
    "вас",
    "ваш",
    "ваша",
    "ваше",
    "вашей",
    "ваши",
    "вдруг",
    "ведь",
    "во",
    "вот",
    "впрочем",
    "все",
    "всегда",
    "всего",
    "всех",
    "всю",
    "вы",
    "где",
    "да",
    "даже",
    "два",
    "день",
    "для",
    "до",
    "доброго",
    "доброе",
    "добрый",
    "другой",
    "его",
    "ее",
    "ей",
    "ему",
    "если",
    "есть",
    "еще",
    "ж",
    "же",
    "за",
    "зачем",
    "здесь",
    "здравствуйте",
    "и",
    "из",
    "или",
    "им",
    "иногда",
    "их",
    "к",
    "как",
    "какая",
    "какой",
    "когда",
    "конечно",
    "которая",
    "которое",
    "которые",
    "который",
    "кто",
    "куда",
    "ли",
    "лучше",
    "между",
    "меня",
    "мне",
    "много",
    "может",
    "можно",
    "мой",
    "моя",
    "мы",
    "на",
    "над",
    "надо",
    "наконец",
    "нам",
    "нас",
    "наш",
    "наша",
    "наше",
    "наши",
    "него",
    "нее",
    "ней",
    "нельзя",
    "ни",
    "нибудь",
    "никогда",
    "ним",
    "них",
    "ничего",
    "но",
    "ну",
    "о",
    "об",
    "один",
    "однако",
    "он",
    "она",
    "они",
    "оно",
    "опять",
    "от",
    "очень",
    "перед",
    "по",
    "под",
    "пожалуйста",
    "после",
    "потом",
    "потому",
    "почти",
    "при",
    "приветствую",
    "про",
    "раз",
    "разве",
    "с",
    "сам",
    "свой",
    "свою",
    "себе",
    "себя",
    "сейчас",
    "снова",
    "со",
    "совсем",
    "спасибо",
    "так",
    "также",
    "такой",
    "там",
    "тебя",
    "тем",
    "теперь",
    "то",
    "тогда",
    "того",
    "тоже",
    "только",
    "том",
    "тот",
    "три",
    "тут",
    "ты",
    "у",
    "уж",
    "уже",
    "утро",
    "хорошо",
    "хоть",
    "чего",
    "чем",
    "через",
    "что",
    "чтоб",
    "чтобы",
    "чуть",
    "эта",
    "эти",
    "это",
    "этого",
    "этой",
    "этом",
    "этот",
    "эту",
    "я",
];

/// English function words and courtesies.
pub const ENGLISH: &[&str] = &[
    "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as",
    "at", "be", "been", "before", "being", "below", "both", "but", "by", "can", "could", "did",
    "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has",
    "have", "having", "he", "hello", "her", "here", "hers", "him", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "just", "me", "more", "most", "my", "now", "of", "off", "on",
    "once", "only", "or", "other", "our", "ours", "out", "over", "own", "please", "same", "she",
    "should", "so", "some", "such", "than", "thank", "thanks", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
    "up", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "whom", "why", "will", "with", "would", "you", "your", "yours",
];

/// Whether a normalised word is a stop word.
///
/// ```
/// use ticketry::detection::stopwords::is_stop_word;
/// assert!(is_stop_word("the") && is_stop_word("спасибо"));
/// assert!(!is_stop_word("не"), "negations are kept");
/// ```
pub fn is_stop_word(word: &str) -> bool {
    RUSSIAN.binary_search(&word).is_ok() || ENGLISH.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_folded_and_without_negations() {
        for list in [RUSSIAN, ENGLISH] {
            assert!(
                list.windows(2).all(|w| w[0] < w[1]),
                "sorted, no duplicates"
            );
            for w in list {
                assert!(!w.contains('ё') && *w == w.to_lowercase(), "{w}");
                assert!(!["не", "not", "no"].contains(w), "{w}");
            }
        }
    }
}
