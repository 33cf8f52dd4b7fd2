//! Text as the checks read it: sentences of normalised words. Every pattern
//! and every text goes through the same normalisation, so a pattern written
//! "döda" matches "DÖDA", "d0da" and "dоda" with a Cyrillic о alike.
//!
//! - Unicode confusables, homoglyphs, styled letters and combining marks are
//!   folded by `decancer` (a maintained table; ours would fall behind), which
//!   also folds å, ä, ö, æ and ø to Latin letters — harmless, since the
//!   patterns are folded the same way.
//! - Digits and signs that stand in for letters (`k1ll`, `$hit`, `n1gg@`)
//!   are read as letters, in words that have a letter.
//! - Letters spread out with spaces or dots ("k i l l", "k.i.l.l") are joined.
//! - Hyphens, colons and apostrophes inside a word are dropped ("brain-dead",
//!   "vd:n", "you're").
//!
//! Repeated letters are left in place; matching compares runs of letters
//! (`words::same_word`), so "kiiill" matches "kill" but "niger" does not
//! match a pattern spelled with a double g.

/// One word of a text, with what the checks need to know about its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The normalised word; an `@mention` keeps its `@`.
    pub word: String,
    /// Written with a capital first letter (a name, unless the sentence starts with it).
    pub capitalised: bool,
    /// Inside quotation marks.
    pub quoted: bool,
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn is_mention(&self) -> bool {
        self.word.starts_with('@')
    }
}

/// A sentence: the unit every pattern must match within.
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    pub tokens: Vec<Token>,
}

/// Quotation marks in the languages we read; each one opens or closes.
fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‘' | '‚')
}

/// A character that stands in for a letter in obfuscated writing.
fn stand_in(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' | '!' | '|' => 'i',
        '3' | '€' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        '6' | '9' => 'g',
        '8' => 'b',
        _ => return None,
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || stand_in(c).is_some()
        || matches!(c, '*' | '\'' | '’' | '-' | ':' | '_')
        || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(u32::from(c), 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

/// Ends a sentence when followed by white space or the end of the text.
fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '…')
}

/// Folds one raw word: confusables, case, stand-ins, inner punctuation.
pub fn normalise_word(raw: &str) -> String {
    let trimmed =
        raw.trim_matches(|c: char| matches!(c, '!' | '\'' | '’' | '|' | '$' | '-' | ':' | '_'));
    if trimmed.is_empty() {
        return String::new();
    }
    // Plain ASCII has nothing to fold but case (stand-ins are read below).
    let folded = if trimmed.is_ascii() {
        trimmed.to_ascii_lowercase()
    } else {
        decancer::cure(trimmed, decancer::Options::default())
            .map(String::from)
            .unwrap_or_else(|_| trimmed.to_lowercase())
    };
    let has_letter = folded.chars().any(char::is_alphabetic);
    folded
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !matches!(c, '\'' | '’' | '-' | ':' | '_'))
        .map(|c| {
            if has_letter {
                stand_in(c).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// Splits a text into sentences of normalised words.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = vec![Sentence::default()];
    let mut quoted = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_quote_mark(c) {
            quoted = !quoted;
            continue;
        }
        if c == '\n' || (is_sentence_end(c) && chars.peek().is_none_or(|(_, n)| n.is_whitespace()))
        {
            if out.last().is_some_and(|s| !s.tokens.is_empty()) {
                out.push(Sentence::default());
            }
            if c == '\n' {
                quoted = false;
            }
            continue;
        }
        let mention = c == '@' && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if !(is_word_char(c) || mention) {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, n)) = chars.peek() {
            let inner_dot = n == '.' && mention;
            let next_is_end = is_sentence_end(n)
                && text[j + n.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace);
            if (is_word_char(n) || inner_dot) && !(n == '!' && next_is_end) {
                end = j + n.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let raw = &text[i..end];
        let word = if mention {
            format!("@{}", raw[1..].trim_end_matches('.').to_lowercase())
        } else {
            normalise_word(raw)
        };
        if word.is_empty() {
            continue;
        }
        if let Some(sentence) = out.last_mut() {
            sentence.tokens.push(Token {
                word,
                capitalised: raw.chars().next().is_some_and(char::is_uppercase),
                quoted,
                start: i,
                end,
            });
        }
    }
    out.retain(|s| !s.tokens.is_empty());
    for sentence in &mut out {
        join_spread_letters(&mut sentence.tokens);
    }
    out
}

/// Letters spread out ("k i l l", "k.i.l.l") join into one word when three
/// or more single letters stand in a row.
fn join_spread_letters(tokens: &mut Vec<Token>) {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut run: Vec<Token> = Vec::new();
    let flush = |run: &mut Vec<Token>, out: &mut Vec<Token>| {
        if run.len() >= 3 {
            let word: String = run.iter().map(|t| t.word.as_str()).collect();
            let mut joined = run[0].clone();
            joined.word = word;
            joined.end = run[run.len() - 1].end;
            out.push(joined);
        } else {
            out.append(run);
        }
        run.clear();
    };
    for token in tokens.drain(..) {
        let single = token.word.chars().count() == 1 && token.word.chars().all(char::is_alphabetic);
        if single {
            run.push(token);
        } else {
            flush(&mut run, &mut out);
            out.push(token);
        }
    }
    flush(&mut run, &mut out);
    *tokens = out;
}

/// The normalised words of a text, sentence boundaries dropped.
pub fn words(text: &str) -> Vec<String> {
    sentences(text)
        .into_iter()
        .flat_map(|s| s.tokens.into_iter().map(|t| t.word))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_stand_ins_read_as_letters() {
        assert_eq!(words("K.I.L.L you!"), vec!["kill", "you"]);
        assert_eq!(words("k i l l   y o u"), vec!["killyou"]);
        assert_eq!(words("I'll k1ll y0u"), vec!["ill", "kill", "you"]);
        assert_eq!(
            words("order 2024, 100 kr"),
            vec!["order", "2024", "100", "kr"]
        );
        // Cyrillic а and ѕ, € for e, a styled alphabet, combining marks.
        assert_eq!(words("Јаg ѕkа döda dig"), vec!["jag", "ska", "doda", "dig"]);
        assert_eq!(words("€v€ry 𝓴𝓲𝓵𝓵 Ｋｉｌｌ"), vec!["every", "kill", "kill"]);
        assert_eq!(
            words("brain-dead vd:n you're"),
            vec!["braindead", "vdn", "youre"]
        );
    }

    #[test]
    fn sentences_mentions_quotes_and_capitals() {
        let s = sentences("@anna.k you are \"an idiot\". Lisa is nice! ok");
        assert_eq!(s.len(), 3);
        let first: Vec<&str> = s[0].tokens.iter().map(|t| t.word.as_str()).collect();
        assert_eq!(first, vec!["@anna.k", "you", "are", "an", "idiot"]);
        assert!(s[0].tokens[0].is_mention());
        assert!(s[0].tokens[3].quoted && s[0].tokens[4].quoted);
        assert!(!s[0].tokens[2].quoted);
        assert!(s[1].tokens[0].capitalised);
        // Dots inside a word do not end a sentence.
        assert_eq!(sentences("logo@2x.png is k.i.l.l").len(), 1);
    }
}
