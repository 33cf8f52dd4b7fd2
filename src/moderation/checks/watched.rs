//! Watched words: patterns administrators manage (`/admin/watched-words`),
//! each with a language, an action and the clause it cites. Tillit ships
//! the slurs of each language as watched words (`watched/seed_*.txt`); the
//! table is seeded from them on first start. This module compiles and
//! matches them; the table and its versions live in `model::watched`.

use super::patterns::{find_all, Morphology, Pattern};
use super::rules::{morphology_for, reported_speech};
use super::text::Sentence;

/// What a watched word does when a text contains it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchAction {
    /// Held for a moderator (a quoted use is only reported).
    Hold,
    /// Reported to a moderator; held when the author is new.
    Flag,
    /// Refused with the word's message; the author keeps the text to edit.
    Block,
    /// Published with the word replaced by the word's replacement.
    Replace,
}

impl WatchAction {
    pub const ALL: [WatchAction; 4] = [
        WatchAction::Hold,
        WatchAction::Flag,
        WatchAction::Block,
        WatchAction::Replace,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WatchAction::Hold => "hold",
            WatchAction::Flag => "flag",
            WatchAction::Block => "block",
            WatchAction::Replace => "replace",
        }
    }

    pub fn parse(s: &str) -> Option<WatchAction> {
        WatchAction::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// Languages a watched word can be limited to; empty means every language.
pub const WATCH_LANGS: [&str; 3] = ["en", "sv", "da"];

/// One watched word as the checks need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchedWord {
    pub id: i64,
    pub lang: String,
    pub pattern: String,
    pub action: WatchAction,
    pub clause_code: String,
    /// The message of a block, or the replacement of a replace.
    pub message: String,
}

struct Compiled {
    word: WatchedWord,
    pattern: Pattern,
    morphologies: Vec<&'static Morphology>,
}

/// The watched words, compiled.
pub struct WatchedList {
    entries: Vec<Compiled>,
}

/// A watched word found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchedHit<'a> {
    pub word: &'a WatchedWord,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// Quoted, or after "called me": the author reports someone's words.
    pub reported: bool,
}

/// Checks a pattern as an administrator typed it: `None` when it has no word.
pub fn valid_pattern(pattern: &str) -> bool {
    Pattern::parse(pattern).is_some() && pattern.chars().count() <= 200
}

impl WatchedList {
    pub fn compile(words: Vec<WatchedWord>) -> WatchedList {
        let entries = words
            .into_iter()
            .filter_map(|word| {
                let pattern = Pattern::parse(&word.pattern)?;
                let langs: Vec<&str> = if word.lang.is_empty() {
                    WATCH_LANGS.to_vec()
                } else {
                    vec![word.lang.as_str()]
                };
                let morphologies = langs.into_iter().filter_map(morphology_for).collect();
                Some(Compiled {
                    word,
                    pattern,
                    morphologies,
                })
            })
            .collect();
        WatchedList { entries }
    }

    /// The words Tillit ships, as the table is first seeded.
    pub fn shipped() -> Vec<WatchedWord> {
        let mut out = Vec::new();
        for (lang, file) in SEEDS {
            for line in file.lines().map(str::trim) {
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                out.push(WatchedWord {
                    id: 0,
                    lang: (*lang).to_string(),
                    pattern: line.to_string(),
                    action: WatchAction::Hold,
                    clause_code: "hate".to_string(),
                    message: String::new(),
                });
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every watched word found in the sentences of a text.
    pub fn find<'a>(&'a self, sentences: &[Sentence]) -> Vec<WatchedHit<'a>> {
        let mut hits = Vec::new();
        for sentence in sentences {
            for entry in &self.entries {
                let spans = entry.morphologies.iter().find_map(|m| {
                    let spans = find_all(&sentence.tokens, std::slice::from_ref(&entry.pattern), m);
                    (!spans.is_empty()).then_some(spans)
                });
                for span in spans.unwrap_or_default() {
                    let tokens = &sentence.tokens[span.start..span.end];
                    hits.push(WatchedHit {
                        word: &entry.word,
                        start: tokens.first().map_or(0, |t| t.start),
                        end: tokens.last().map_or(0, |t| t.end),
                        reported: tokens.iter().any(|t| t.quoted)
                            || reported_speech(sentence, span.start),
                    });
                }
            }
        }
        hits.sort_by_key(|h| h.start);
        hits
    }
}

const SEEDS: [(&str, &str); 3] = [
    ("en", include_str!("../watched/seed_en.txt")),
    ("sv", include_str!("../watched/seed_sv.txt")),
    ("da", include_str!("../watched/seed_da.txt")),
];

/// The text with every `Replace` hit replaced by its replacement.
pub fn replace(text: &str, hits: &[WatchedHit<'_>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for hit in hits
        .iter()
        .filter(|h| h.word.action == WatchAction::Replace)
    {
        if hit.start < last || hit.end > text.len() {
            continue;
        }
        out.push_str(&text[last..hit.start]);
        out.push_str(&hit.word.message);
        last = hit.end;
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::super::text::sentences;
    use super::*;

    fn word(pattern: &str, action: WatchAction, message: &str) -> WatchedWord {
        WatchedWord {
            id: 1,
            lang: String::new(),
            pattern: pattern.into(),
            action,
            clause_code: "spam".into(),
            message: message.into(),
        }
    }

    #[test]
    fn shipped_words_all_compile() {
        let shipped = WatchedList::shipped();
        assert!(shipped.len() > 50);
        let count = shipped.len();
        assert_eq!(WatchedList::compile(shipped).entries.len(), count);
    }

    #[test]
    fn quoted_and_reported_uses_are_marked() {
        let list = WatchedList::compile(WatchedList::shipped());
        let text = "The driver called me a \"perker\" and laughed.";
        let hits = list.find(&sentences(text));
        assert_eq!(hits.len(), 1);
        assert!(hits[0].reported);
        let hits = list.find(&sentences("skide perkersvin"));
        assert!(!hits[0].reported);
    }

    #[test]
    fn replace_swaps_only_replace_hits() {
        let list = WatchedList::compile(vec![
            word("darn", WatchAction::Replace, "d***"),
            word("heck", WatchAction::Flag, ""),
        ]);
        let text = "Darn it, what the heck. DARN!";
        let hits = list.find(&sentences(text));
        assert_eq!(replace(text, &hits), "d*** it, what the heck. d***!");
    }
}
