//! Word patterns: how the lexicons in `lexicon/` and the watched words are
//! written and matched.
//!
//! A pattern is one line: words separated by spaces, matched against
//! consecutive words of one sentence. In a word, `a|b` gives alternatives;
//! a word ending in `*` also matches with the language's inflection endings
//! (`[endings]`), and nothing longer, so "kill*" never matches "killer"
//! unless "er" is listed; a word ending in `+` also matches as the first
//! part of a compound with an abusive ending (`[compound-tails]`). A word
//! `_` stands for any one word, `~` for up to two words.

use std::collections::HashMap;

use super::text::{normalise_word, Token};

#[derive(Debug, Clone, PartialEq, Eq)]
struct WordPattern {
    word: String,
    inflect: bool,
    compound: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    Words(Vec<WordPattern>),
    AnyWord,
    Gap,
}

/// Words a gap (`~`) may skip.
const GAP_MAX: usize = 2;

/// One compiled pattern and the line it was written as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    slots: Vec<Slot>,
    pub source: String,
    /// The bytes a first word can start with (a bit each), so that most
    /// patterns are passed over at a glance; `None` when it starts with `_` or `~`.
    first_bytes: Option<[u64; 4]>,
}

impl Pattern {
    fn could_start_at(&self, token: Option<&Token>) -> bool {
        let (Some(bits), Some(token)) = (self.first_bytes, token) else {
            return true;
        };
        token
            .word
            .bytes()
            .next()
            .is_some_and(|b| b == b'*' || bits[usize::from(b / 64)] & (1 << (b % 64)) != 0)
    }
}

fn first_bytes(slots: &[Slot]) -> Option<[u64; 4]> {
    let Some(Slot::Words(alternatives)) = slots.first() else {
        return None;
    };
    let mut bits = [0u64; 4];
    for b in alternatives.iter().filter_map(|w| w.word.bytes().next()) {
        bits[usize::from(b / 64)] |= 1 << (b % 64);
    }
    Some(bits)
}

impl Pattern {
    /// Compiles one line; `None` for a line without a word.
    pub fn parse(line: &str) -> Option<Pattern> {
        let slots: Vec<Slot> = line
            .split_whitespace()
            .filter_map(|word| match word {
                "_" => Some(Slot::AnyWord),
                "~" => Some(Slot::Gap),
                _ => {
                    let alternatives: Vec<WordPattern> =
                        word.split('|').filter_map(parse_word).collect();
                    (!alternatives.is_empty()).then_some(Slot::Words(alternatives))
                }
            })
            .collect();
        slots
            .iter()
            .any(|s| matches!(s, Slot::Words(_)))
            .then(|| Pattern {
                first_bytes: first_bytes(&slots),
                slots,
                source: line.trim().to_string(),
            })
    }
}

fn parse_word(raw: &str) -> Option<WordPattern> {
    let compound = raw.ends_with('+');
    let raw = raw.trim_end_matches('+');
    let inflect = raw.ends_with('*');
    let word = normalise_word(raw.trim_end_matches('*'));
    (!word.is_empty()).then_some(WordPattern {
        word,
        inflect,
        compound,
    })
}

/// What the matcher needs to know of a language besides the patterns.
#[derive(Debug, Default)]
pub struct Morphology {
    pub endings: Vec<String>,
    pub compound_tails: Vec<String>,
}

/// Whether `text` spells `pattern`: the same letters in order, each
/// repeated at least as often ("kiiill" spells "kill"); `*` in the text
/// stands for one letter. Byte-wise: words are folded to ASCII before
/// matching, and the few that are not compare equal byte for byte.
fn spells(text: &[u8], pattern: &[u8]) -> bool {
    let Some(&c) = pattern.first() else {
        return text.is_empty();
    };
    let Some(&t) = text.first() else {
        return false;
    };
    if t == b'*' {
        return spells(&text[1..], &pattern[1..]);
    }
    if t != c {
        return false;
    }
    let run = |s: &[u8]| s.iter().take_while(|x| **x == c).count();
    let (in_pattern, in_text) = (run(pattern), run(text));
    let used = in_pattern.min(in_text);
    spells(&text[in_text..], &pattern[used..])
}

fn spells_str(text: &str, pattern: &str) -> bool {
    spells(text.as_bytes(), pattern.as_bytes())
}

impl WordPattern {
    fn matches(&self, word: &str, morphology: &Morphology) -> bool {
        if spells_str(word, &self.word) {
            return true;
        }
        let with_ending = |endings: &[String]| {
            endings.iter().any(|e| {
                word.len() > e.len()
                    && word.ends_with(e.as_str())
                    && word.is_char_boundary(word.len() - e.len())
                    && spells_str(&word[..word.len() - e.len()], &self.word)
            })
        };
        (self.inflect && with_ending(&morphology.endings))
            || (self.compound && with_ending(&morphology.compound_tails))
    }
}

/// Tries a pattern at `at`; returns where the match ends (exclusive).
pub fn match_at(
    tokens: &[Token],
    at: usize,
    pattern: &Pattern,
    morphology: &Morphology,
) -> Option<usize> {
    if !pattern.could_start_at(tokens.get(at)) {
        return None;
    }
    match_slots(tokens, at, &pattern.slots, morphology)
}

fn match_slots(
    tokens: &[Token],
    at: usize,
    slots: &[Slot],
    morphology: &Morphology,
) -> Option<usize> {
    let Some((slot, rest)) = slots.split_first() else {
        return Some(at);
    };
    match slot {
        Slot::AnyWord => tokens
            .get(at)
            .and_then(|_| match_slots(tokens, at + 1, rest, morphology)),
        Slot::Gap => (0..=GAP_MAX)
            .filter(|skip| at + skip <= tokens.len())
            .find_map(|skip| match_slots(tokens, at + skip, rest, morphology)),
        Slot::Words(alternatives) => {
            let token = tokens.get(at)?;
            alternatives
                .iter()
                .any(|w| w.matches(&token.word, morphology))
                .then(|| match_slots(tokens, at + 1, rest, morphology))
                .flatten()
        }
    }
}

/// A span of tokens a pattern matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span<'p> {
    pub start: usize,
    pub end: usize,
    pub pattern: &'p Pattern,
}

/// Every place where one of `patterns` matches, longest first at each place.
pub fn find_all<'p>(
    tokens: &[Token],
    patterns: &'p [Pattern],
    morphology: &Morphology,
) -> Vec<Span<'p>> {
    let mut found = Vec::new();
    for start in 0..tokens.len() {
        let mut best: Option<Span<'p>> = None;
        for pattern in patterns {
            if let Some(end) = match_at(tokens, start, pattern, morphology) {
                if end > start && best.is_none_or(|b| end > b.end) {
                    best = Some(Span {
                        start,
                        end,
                        pattern,
                    });
                }
            }
        }
        found.extend(best);
    }
    found
}

/// A lexicon file: named sections of patterns.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub morphology: Morphology,
    sections: HashMap<String, Vec<Pattern>>,
}

impl Lexicon {
    pub fn parse(source: &str) -> Lexicon {
        let mut lexicon = Lexicon::default();
        let mut section = String::new();
        for line in source.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name.to_string();
                continue;
            }
            match section.as_str() {
                "endings" => lexicon
                    .morphology
                    .endings
                    .extend(line.split_whitespace().map(normalise_word)),
                "compound-tails" => lexicon.morphology.compound_tails.push(normalise_word(line)),
                _ => lexicon
                    .sections
                    .entry(section.clone())
                    .or_default()
                    .extend(Pattern::parse(line)),
            }
        }
        lexicon
    }

    pub fn section(&self, name: &str) -> &[Pattern] {
        self.sections.get(name).map_or(&[], Vec::as_slice)
    }

    /// The longest match of a section's patterns starting at `at`.
    pub fn match_at(&self, section: &str, tokens: &[Token], at: usize) -> Option<usize> {
        self.section(section)
            .iter()
            .filter_map(|p| match_at(tokens, at, p, &self.morphology))
            .filter(|end| *end > at)
            .max()
    }

    pub fn find_all<'p>(&'p self, section: &str, tokens: &[Token]) -> Vec<Span<'p>> {
        find_all(tokens, self.section(section), &self.morphology)
    }

    /// Whether a word is one of a section's one-word patterns.
    pub fn is_one(&self, section: &str, token: &Token) -> bool {
        self.section(section).iter().any(|p| {
            p.slots.len() == 1
                && match_at(std::slice::from_ref(token), 0, p, &self.morphology) == Some(1)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::sentences;
    use super::*;

    fn tokens(text: &str) -> Vec<Token> {
        sentences(text).into_iter().flat_map(|s| s.tokens).collect()
    }

    fn morphology() -> Morphology {
        Morphology {
            endings: vec!["s".into(), "es".into()],
            compound_tails: vec!["svin".into()],
        }
    }

    fn matches(pattern: &str, text: &str) -> bool {
        let pattern = Pattern::parse(pattern).expect("pattern");
        let tokens = tokens(text);
        !find_all(&tokens, std::slice::from_ref(&pattern), &morphology()).is_empty()
    }

    #[test]
    fn letters_repeat_but_do_not_go_missing() {
        assert!(spells_str("kiiiill", "kill"));
        assert!(!spells_str("kil", "kill"));
        assert!(!spells_str("niger", "nigger"));
        assert!(spells_str("n****r", "nigger"));
        assert!(spells_str("f*ck", "fuck"));
        assert!(!spells_str("killer", "kill"));
    }

    #[test]
    fn endings_are_listed_not_open() {
        assert!(matches("nigger*", "those n1ggers"));
        assert!(!matches("niger*", "the Nigeria branch"));
        assert!(!matches("kill*", "a killer offer"));
        assert!(matches("perker+", "skide perkersvin"));
        assert!(!matches("perker", "skide perkersvin"));
        assert!(!matches("neger+", "negerbollar"));
    }

    #[test]
    fn alternatives_any_word_and_gaps() {
        assert!(matches("know where you live|work", "I know where you work"));
        assert!(matches("slå|slår ~ ihjäl", "så slår jag dig ihjäl"));
        assert!(matches(
            "put a bullet in|through _ head",
            "put a bullet through his head"
        ));
        assert!(!matches("slå ~ ihjäl", "slå tre fyra fem ihjäl"));
    }
}
