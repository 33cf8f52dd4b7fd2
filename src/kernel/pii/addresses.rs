//! Street addresses of persons: a street, a number, a postal code and a
//! town ("Storgatan 12, 123 45 Stockholm", "Vestergade 4, 8000 Aarhus C",
//! "Storgata 1, 0155 Oslo"). Shown to the author as a warning: a shop's
//! address is often what a customer means to share, so it never holds a post.

use super::{Finding, PiiKind};

/// Endings of street names in Swedish, Danish, Norwegian and English.
const STREET_ENDINGS: &[&str] = &[
    "gatan", "gata", "vägen", "väg", "gränd", "stigen", "backe", "backen", "torget", "allén",
    "gade", "vej", "vejen", "allé", "stræde", "plads", "gate", "gaten", "veien", "vegen", "street",
    "road", "avenue", "lane", "way",
];

fn is_street(word: &str) -> bool {
    let lower = word.to_lowercase();
    lower.chars().count() > 4
        && word.chars().next().is_some_and(char::is_uppercase)
        && STREET_ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// A house number: digits with perhaps a letter ("12", "4B", "12,").
fn is_house_number(word: &str) -> bool {
    let w = word.trim_end_matches(',');
    let digits = w.chars().take_while(char::is_ascii_digit).count();
    (1..=4).contains(&digits) && w.chars().skip(digits).count() <= 1
}

/// A postal code: 123 45 or 12345 (Sweden), 1234 (Denmark, Norway).
fn postal_code(words: &[&str]) -> Option<usize> {
    let all_digits = |w: &str, n: usize| w.len() == n && w.chars().all(|c| c.is_ascii_digit());
    match words {
        [a, b, ..] if all_digits(a, 3) && all_digits(b.trim_end_matches(','), 2) => Some(2),
        [a, ..]
            if all_digits(a.trim_end_matches(','), 5) || all_digits(a.trim_end_matches(','), 4) =>
        {
            Some(1)
        }
        _ => None,
    }
}

pub fn find(text: &str) -> Vec<Finding> {
    let spans: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    let words: Vec<&str> = spans.iter().map(|(_, w)| *w).collect();
    let mut found = Vec::new();
    for i in 0..words.len() {
        if !is_street(words[i]) || !words.get(i + 1).is_some_and(|w| is_house_number(w)) {
            continue;
        }
        let Some(code_len) = postal_code(&words[i + 2..]) else {
            continue;
        };
        let town = i + 2 + code_len;
        let Some(town_word) = words
            .get(town)
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        else {
            continue;
        };
        let (start, end) = (
            spans[i].0,
            spans[town].0 + town_word.trim_end_matches(['.', ',']).len(),
        );
        found.push(Finding {
            kind: PiiKind::Address,
            start,
            end,
        });
    }
    found
}
