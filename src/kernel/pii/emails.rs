//! Email addresses, written plainly or spelled out to slip past filters
//! ("karin snabel-a exempel punkt se", "karin [at] example [dot] com").
//! File names with an `@` ("logo@2x.png") are not addresses.

use super::{Finding, PiiKind};

/// Endings of file names, never top-level domains of an address.
const FILE_ENDINGS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "pdf", "txt", "zip", "mp4", "mov", "html", "css",
    "js", "heic", "doc", "docx", "xls", "xlsx", "csv",
];

fn is_local_char(c: char) -> bool {
    c.is_alphanumeric() || "._%+-".contains(c)
}

fn is_domain_char(c: char) -> bool {
    c.is_alphanumeric() || c == '.' || c == '-'
}

fn valid_tld(tld: &str) -> bool {
    tld.chars().count() >= 2
        && tld.chars().all(char::is_alphabetic)
        && !FILE_ENDINGS.contains(&tld.to_lowercase().as_str())
}

pub fn plain(text: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let local_start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_local_char(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let domain_len: usize = text[at + 1..]
            .chars()
            .take_while(|c| is_domain_char(*c))
            .map(char::len_utf8)
            .sum();
        let domain = text[at + 1..at + 1 + domain_len].trim_end_matches('.');
        let valid = local_start < at
            && domain.contains('.')
            && !domain.starts_with('.')
            && domain.rsplit('.').next().is_some_and(valid_tld);
        if valid {
            found.push(Finding {
                kind: PiiKind::Email,
                start: local_start,
                end: at + 1 + domain.len(),
            });
        }
    }
    found
}

/// Words that stand for `@` and for `.` when an address is spelled out.
const AT_WORDS: &[&str] = &[
    "[at]", "(at)", "{at}", "snabel-a", "snabela", "snabel", "at", "@",
];
const DOT_WORDS: &[&str] = &[
    "[dot]", "(dot)", "{dot}", "dot", "punkt", "punktum", "prikk", ".",
];
/// Plain "at" and "dot" are ordinary words: spelled out with them, only
/// these domains count.
const COMMON_TLDS: &[&str] = &[
    "com", "se", "dk", "no", "net", "org", "nu", "io", "me", "eu", "fi",
];

/// Words with their byte ranges.
fn words(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((
                    s,
                    i,
                    text[s..i]
                        .trim_end_matches([',', ';', ':', '!', '?'])
                        .to_lowercase(),
                ));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

/// "name [at] domain [dot] tld", "name snabel-a domain punkt se",
/// "name at gmail dot com".
pub fn spelled_out(text: &str) -> Vec<Finding> {
    let words = words(text);
    let mut found = Vec::new();
    for i in 1..words.len() {
        let at_word = words[i].2.as_str();
        let marker = if at_word == "snabel" && words.get(i + 1).is_some_and(|w| w.2 == "a") {
            2
        } else if AT_WORDS.contains(&at_word) {
            1
        } else {
            continue;
        };
        let plain_words = at_word == "at";
        let local = &words[i - 1].2;
        if !local.chars().any(char::is_alphanumeric) || local.contains('@') {
            continue;
        }
        // The domain: words joined by dot words, ending in a top-level domain.
        let mut j = i + marker;
        let mut labels = 0;
        let mut end = None;
        while let Some(word) = words.get(j) {
            let next_is_dot = words
                .get(j + 1)
                .is_some_and(|w| DOT_WORDS.contains(&w.2.as_str()));
            let label = word.2.trim_end_matches('.');
            if label.split('.').count() > 1
                && labels == 0
                && label.rsplit('.').next().is_some_and(valid_tld)
            {
                end = Some((j, label.rsplit('.').next().unwrap_or("").to_string()));
                break;
            }
            if !label.chars().all(|c| c.is_alphanumeric() || c == '-') || label.is_empty() {
                break;
            }
            labels += 1;
            if next_is_dot {
                j += 2;
            } else {
                if labels >= 2 {
                    end = Some((j, label.to_string()));
                }
                break;
            }
        }
        let Some((last, tld)) = end else {
            continue;
        };
        let tld_ok = valid_tld(&tld) && (!plain_words || COMMON_TLDS.contains(&tld.as_str()));
        if tld_ok {
            found.push(Finding {
                kind: PiiKind::Email,
                start: words[i - 1].0,
                end: words[last].1,
            });
        }
    }
    found
}
