//! The patterns that read what a sentence does, in English, Swedish and
//! Danish (`lexicon/*.txt`): threats aimed at a person, insults aimed at a
//! person, and statements that dehumanise or expel a group. The words alone
//! decide nothing: "kill" aimed at "my battery" passes, "idiots" said of a
//! company's staff as a group passes, and a slur inside quotation marks or
//! after "called me" is reported to a moderator instead of held.

use std::sync::LazyLock;

use super::patterns::Lexicon;
use super::text::{Sentence, Token};

/// A lexicon and whether its language puts the object before the verb in
/// ordinary clauses ("så dödar jag dig", "dig stryper jag").
pub struct Language {
    pub code: &'static str,
    pub lexicon: Lexicon,
    inverted_order: bool,
}

pub static LANGUAGES: LazyLock<Vec<Language>> = LazyLock::new(|| {
    vec![
        Language {
            code: "en",
            lexicon: Lexicon::parse(include_str!("lexicon/en.txt")),
            inverted_order: false,
        },
        Language {
            code: "sv",
            lexicon: Lexicon::parse(include_str!("lexicon/sv.txt")),
            inverted_order: true,
        },
        Language {
            code: "da",
            lexicon: Lexicon::parse(include_str!("lexicon/da.txt")),
            inverted_order: true,
        },
    ]
});

/// What a rule found: the words it rests on and, for threats and attacks,
/// at whom they are aimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub rule: Rule,
    pub evidence: String,
    pub aimed_at: String,
    /// Quoted, or after "called me": the author reports it.
    pub reported: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Threat,
    VeiledThreat,
    SelfHarm,
    Attack,
    Dehumanising,
    HatePhrase,
}

/// Words between a verb and its object (or subject) that do not break the
/// link between them: pronouns, auxiliaries, "every one of".
const GLUE_MAX: usize = 4;
/// How far before a copula the person it describes may stand.
const SUBJECT_WINDOW: usize = 5;
/// How far after a copula the insult may stand.
const PREDICATE_WINDOW: usize = 4;
/// How far a group may stand from what is said of it.
const GROUP_WINDOW: usize = 6;

fn words(tokens: &[Token]) -> String {
    tokens
        .iter()
        .map(|t| t.word.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every rule over one sentence, in every language.
pub fn read(sentence: &Sentence, not_names: &[String]) -> Vec<Found> {
    let mut found = Vec::new();
    for language in LANGUAGES.iter() {
        let reader = Reader {
            language,
            tokens: &sentence.tokens,
            not_names,
        };
        found.extend(reader.threat());
        found.extend(reader.attack());
        found.extend(reader.hate());
        if !found.is_empty() {
            break;
        }
    }
    found
}

struct Reader<'a> {
    language: &'a Language,
    tokens: &'a [Token],
    not_names: &'a [String],
}

impl Reader<'_> {
    fn lex(&self) -> &Lexicon {
        &self.language.lexicon
    }

    fn found(&self, rule: Rule, start: usize, end: usize, aimed_at: String) -> Found {
        let evidence = &self.tokens[start..end.min(self.tokens.len())];
        Found {
            rule,
            evidence: words(evidence),
            aimed_at,
            reported: evidence.iter().any(|t| t.quoted),
        }
    }

    /// A name: capitalised, not a word the lexicon knows, not the company.
    fn is_name(&self, at: usize) -> bool {
        let token = &self.tokens[at];
        let lex = self.lex();
        token.capitalised
            && token.word.chars().count() >= 3
            && token.word.chars().all(char::is_alphabetic)
            && !self.not_names.contains(&token.word)
            && ![
                "not-names",
                "glue",
                "copula",
                "groups",
                "articles",
                "targets",
            ]
            .iter()
            .any(|s| lex.is_one(s, token))
    }

    /// A person the words can be aimed at, starting at `at`: a target from
    /// the lexicon, an @mention or a name. Returns where it ends.
    fn person_at(&self, section: &str, at: usize) -> Option<usize> {
        let token = self.tokens.get(at)?;
        if token.is_mention() || (at > 0 && self.is_name(at)) {
            return Some(at + 1);
        }
        self.lex().match_at(section, self.tokens, at)
    }

    fn is_glue(&self, at: usize) -> bool {
        self.tokens
            .get(at)
            .is_some_and(|t| self.lex().is_one("glue", t))
    }

    fn negated(&self, at: usize) -> bool {
        // "won't hurt you", "skadar inte dig": right before or after the verb.
        [at.checked_sub(1), Some(at + 1)]
            .into_iter()
            .flatten()
            .filter_map(|i| self.tokens.get(i))
            .any(|t| self.lex().is_one("negation", t))
    }

    /// A person after `from`, past glue words.
    fn person_after(&self, from: usize) -> Option<(usize, usize)> {
        for at in from..=from + GLUE_MAX {
            if let Some(end) = self.person_at("targets", at) {
                return Some((at, end));
            }
            if !self.is_glue(at) {
                return None;
            }
        }
        None
    }

    /// A person (as subject) ending right before `before`, past glue words.
    fn person_before(&self, before: usize, section: &str) -> Option<(usize, usize)> {
        let mut end = before;
        for _ in 0..=GLUE_MAX {
            for start in end.saturating_sub(3)..end {
                if self.person_at(section, start) == Some(end) {
                    return Some((start, end));
                }
            }
            if end == 0 || !self.is_glue(end - 1) {
                return None;
            }
            end -= 1;
        }
        None
    }

    fn threat(&self) -> Option<Found> {
        let lex = self.lex();
        for (section, rule) in [
            ("self-harm", Rule::SelfHarm),
            ("veiled", Rule::VeiledThreat),
        ] {
            if let Some(span) = lex.find_all(section, self.tokens).first() {
                return Some(self.found(rule, span.start, span.end, String::new()));
            }
        }
        for span in lex.find_all("violence", self.tokens) {
            if self.negated(span.start) {
                continue;
            }
            // "slår jeg dig ihjel": the person inside a pattern with a gap.
            let inside = (span.start + 1..span.end).find_map(|at| {
                self.person_at("targets", at)
                    .filter(|end| *end <= span.end)
                    .map(|end| (at, end))
            });
            let target = inside.or_else(|| self.person_after(span.end)).or_else(|| {
                self.language
                    .inverted_order
                    .then(|| self.person_before(span.start, "targets"))
                    .flatten()
            });
            if let Some((start, end)) = target {
                let aimed_at = words(&self.tokens[start..end]);
                return Some(self.found(Rule::Threat, span.start, span.end, aimed_at));
            }
        }
        for span in lex.find_all("violence-passive", self.tokens) {
            if let Some((start, end)) = self.person_before(span.start, "subjects") {
                let aimed_at = words(&self.tokens[start..end]);
                return Some(self.found(Rule::Threat, span.start, span.end, aimed_at));
            }
        }
        None
    }

    /// An insult noun (or adjective, when `adjectives`) within `window`
    /// words after `from`.
    fn insult_after(&self, from: usize, window: usize, adjectives: bool) -> Option<(usize, usize)> {
        let lex = self.lex();
        (from..(from + window + 1).min(self.tokens.len())).find_map(|at| {
            lex.match_at("insult-nouns", self.tokens, at)
                .or_else(|| {
                    adjectives
                        .then(|| lex.match_at("insult-adjectives", self.tokens, at))
                        .flatten()
                })
                .map(|end| (at, end))
        })
    }

    fn attack(&self) -> Option<Found> {
        let lex = self.lex();
        let mentioned = self.tokens.iter().find(|t| t.is_mention());
        for at in 0..self.tokens.len() {
            // "you idiot", "din dumma kossa", "@anna … loser"
            if lex.is_one("address", &self.tokens[at]) || self.tokens[at].is_mention() {
                if let Some((start, end)) = self.insult_after(at + 1, 3, false) {
                    let aimed_at = self.tokens[at].word.clone();
                    return Some(self.found(Rule::Attack, start, end, aimed_at));
                }
            }
            // "Lisa in support is a useless idiot", "are you stupid"
            if let Some(copula_end) = lex.match_at("copula", self.tokens, at) {
                if let Some(found) = self.predicate(at, copula_end) {
                    return Some(found);
                }
            }
        }
        // An @mention and an insult anywhere in the sentence.
        let mention = mentioned?;
        let (start, end) = self.insult_after(0, self.tokens.len(), false)?;
        Some(self.found(Rule::Attack, start, end, mention.word.clone()))
    }

    /// An insult said of a person through a copula at `copula..copula_end`.
    fn predicate(&self, copula: usize, copula_end: usize) -> Option<Found> {
        // The copula itself may carry the subject ("you're").
        let subject_before = (copula.saturating_sub(SUBJECT_WINDOW)..=copula).find(|s| {
            self.person_at("subjects", *s).is_some()
                || (*s == 0 && self.is_name(0) && self.tokens.len() > copula)
        });
        // "are you stupid", "är du dum": the subject follows.
        let subject_after = self
            .lex()
            .match_at("subjects", self.tokens, copula_end)
            .map(|end| (copula_end, end));
        let (subject, from) = match (subject_before, subject_after) {
            (Some(s), _) => (s, copula_end),
            (None, Some((s, end))) => (s, end),
            (None, None) => return None,
        };
        let (start, end) = self.insult_after(from, PREDICATE_WINDOW, true)?;
        let aimed_at = self.tokens[subject].word.clone();
        Some(self.found(Rule::Attack, start, end, aimed_at))
    }

    fn hate(&self) -> Option<Found> {
        let lex = self.lex();
        if let Some(span) = lex.find_all("hate-phrases", self.tokens).first() {
            return Some(self.found(Rule::HatePhrase, span.start, span.end, String::new()));
        }
        if let Some(found) = self.abused_group() {
            return Some(found);
        }
        for group in lex.find_all("groups", self.tokens) {
            let window_end = (group.end + GROUP_WINDOW).min(self.tokens.len());
            let said = (group.end..window_end).find_map(|at| {
                ["dehumanising", "group-verbs", "expel"]
                    .iter()
                    .find_map(|s| lex.match_at(s, self.tokens, at))
                    .map(|end| (at, end))
            });
            // "deport every foreigner", "ut med utlänningarna": before the group.
            let expelled = (group.start.saturating_sub(GROUP_WINDOW)..group.start)
                .find_map(|at| lex.match_at("expel", self.tokens, at).map(|end| (at, end)));
            if let Some((_, end)) = said.or(expelled) {
                let start = group.start.min(end);
                let aimed_at = words(&self.tokens[group.start..group.end]);
                let mut found = self.found(Rule::Dehumanising, start, end.max(group.end), aimed_at);
                found.reported |= self.reported_speech(start);
                return Some(found);
            }
        }
        None
    }

    /// A group named with an abusive word: "dirty jews", "en jävla jude",
    /// or compounded with one ("muslimjävlar", "kineserlorte").
    fn abused_group(&self) -> Option<Found> {
        let lex = self.lex();
        for (at, token) in self.tokens.iter().enumerate() {
            let after_intensifier = at > 0 && lex.is_one("slur-intensifiers", &self.tokens[at - 1]);
            let group = lex.is_one("groups", token);
            let compound = lex.morphology.compound_tails.iter().any(|tail| {
                let stem_len = token.word.len().saturating_sub(tail.len());
                stem_len > 2
                    && token.word.ends_with(tail.as_str())
                    && token.word.is_char_boundary(stem_len)
                    && lex.is_one(
                        "groups",
                        &Token {
                            word: token.word[..stem_len].to_string(),
                            ..token.clone()
                        },
                    )
            });
            if (group && after_intensifier) || compound {
                let start = if compound { at } else { at - 1 };
                let mut found = self.found(Rule::Dehumanising, start, at + 1, token.word.clone());
                found.reported |= self.reported_speech(start);
                return Some(found);
            }
        }
        None
    }

    /// "he called me …", "someone wrote that …": words before `at` that
    /// say the author is reporting what someone else said.
    pub fn reported_speech(&self, at: usize) -> bool {
        !self
            .lex()
            .find_all("quoting", &self.tokens[..at.min(self.tokens.len())])
            .is_empty()
    }
}

/// Whether the words before `at` in a sentence report someone else's words,
/// in any language.
pub fn reported_speech(sentence: &Sentence, at: usize) -> bool {
    LANGUAGES.iter().any(|language| {
        Reader {
            language,
            tokens: &sentence.tokens,
            not_names: &[],
        }
        .reported_speech(at)
    })
}

/// The compound endings of every language (for watched words marked `+`).
pub fn morphology_for(code: &str) -> Option<&'static super::patterns::Morphology> {
    LANGUAGES
        .iter()
        .find(|l| l.code == code)
        .map(|l| &l.lexicon.morphology)
}
