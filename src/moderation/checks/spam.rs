//! Spam: links that exist to sell or to move the conversation elsewhere.
//! A shortener or a messaging link, a link to an unknown domain beside
//! promotion, a domain or an email address spelled out to slip past link
//! filters, a request to text or call, many links in little text, and text
//! repeated line after line. Repeats across posts are counted by the caller.

use super::patterns::Lexicon;
use super::rules::LANGUAGES;
use super::text::Sentence;

/// Links that make a short text an advertisement: at least this many links…
const MIN_LINKS: usize = 3;
/// …with fewer than this many words of text per link.
const WORDS_PER_LINK: usize = 20;
/// A line repeated this often in one text is spam.
const REPEATED_LINES: usize = 3;

/// Hosts that only forward to somewhere else.
const SHORTENERS: &[&str] = &[
    "bit.ly",
    "tinyurl.com",
    "goo.gl",
    "cutt.ly",
    "t.co",
    "ow.ly",
    "is.gd",
    "buff.ly",
    "rebrand.ly",
    "shorturl.at",
    "tiny.cc",
    "rb.gy",
    "s.id",
    "v.gd",
];
/// Hosts that take the conversation to a private channel.
const MESSAGING: &[&str] = &[
    "t.me",
    "telegram.me",
    "wa.me",
    "chat.whatsapp.com",
    "api.whatsapp.com",
    "m.me",
    "discord.gg",
    "signal.me",
];
/// Domains people link to in ordinary help: not promotion by themselves.
const KNOWN: &[&str] = &[
    "wikipedia.org",
    "github.com",
    "youtube.com",
    "youtu.be",
    "microsoft.com",
    "apple.com",
    "google.com",
    "support.google.com",
    "konsumentverket.se",
    "hallakonsument.se",
    "arn.se",
    "forbrug.dk",
    "forbrugerombudsmanden.dk",
    "naevneneshus.dk",
    "forbrukertilsynet.no",
    "europa.eu",
    "tillit.example",
];
/// Top-level domains a bare `name.tld` is read as a link with.
const TLDS: &[&str] = &[
    "com", "net", "org", "se", "dk", "no", "fi", "eu", "io", "biz", "info", "shop", "store", "me",
    "co", "uk", "xyz", "live", "win", "bet", "click", "travel", "agency", "online", "site", "ly",
    "gl", "gg", "ru", "top", "app", "nu", "de",
];

/// What the spam check found, as a fact key and its detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpamFound {
    pub fact_key: &'static str,
    pub detail: String,
}

/// A link's host, if a whitespace-separated word is a link.
fn link_host(word: &str) -> Option<String> {
    let word = word.trim_matches(|c: char| "()[]<>\"'.,!?;:".contains(c));
    if word.contains('@') {
        return None;
    }
    let lower = word.to_lowercase();
    let rest = lower
        .split_once("://")
        .map_or(lower.as_str(), |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    let is_link = lower.contains("://") || lower.starts_with("www.");
    let labels: Vec<&str> = host.split('.').collect();
    let plausible = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| TLDS.contains(tld) || (is_link && tld.len() >= 2));
    (plausible && labels.iter().any(|l| l.chars().any(char::is_alphabetic)))
        .then(|| host.to_string())
}

fn hosts(text: &str) -> Vec<String> {
    text.split_whitespace().filter_map(link_host).collect()
}

/// How many links a text holds, as the spam check reads them (also bare
/// `name.tld` words): what trust levels count for a new account.
pub fn link_count(text: &str) -> usize {
    text.split_whitespace().filter_map(link_host).count()
}

fn is_listed(host: &str, list: &[&str]) -> bool {
    list.iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")))
}

fn count_in<'a>(lexicon: &'a Lexicon, section: &str, sentences: &[Sentence]) -> Vec<&'a str> {
    let mut found: Vec<&str> = sentences
        .iter()
        .flat_map(|s| lexicon.find_all(section, &s.tokens))
        .map(|span| span.pattern.source.as_str())
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// The spam patterns of one text. `own_hosts` are the site's and the
/// companies' own domains, never promotion.
/// `has_contact` says whether the personal-data guard found a phone number
/// or an address in the text (it has already read it).
pub fn find(
    text: &str,
    sentences: &[Sentence],
    own_hosts: &[String],
    has_contact: bool,
) -> Vec<SpamFound> {
    let mut found = Vec::new();
    let hosts = hosts(text);
    let unknown: Vec<&String> = hosts
        .iter()
        .filter(|h| !is_listed(h, KNOWN) && !own_hosts.iter().any(|o| is_listed(h, &[o])))
        .collect();
    let mut add = |fact_key, detail: String| found.push(SpamFound { fact_key, detail });
    if let Some(host) = hosts
        .iter()
        .find(|h| is_listed(h, SHORTENERS) || is_listed(h, MESSAGING))
    {
        add("fact-spam-redirect", host.clone());
    } else if let Some(host) = unknown.first() {
        let promotion = promotion_words(sentences);
        if !promotion.is_empty() {
            add(
                "fact-spam-promotion",
                format!("{host} · {}", promotion.join(", ")),
            );
        }
    }
    let spelled = spelled_out(text, sentences);
    if let Some(words) = spelled {
        add("fact-spam-spelled", words);
    }
    if let Some(words) = solicitation(text, sentences, has_contact) {
        add("fact-spam-solicitation", words);
    }
    let words = text
        .split_whitespace()
        .filter(|w| link_host(w).is_none())
        .count();
    if hosts.len() >= MIN_LINKS && words < hosts.len() * WORDS_PER_LINK {
        add("fact-links", hosts.len().to_string());
    }
    let repeated = most_repeated_line(text);
    if repeated >= REPEATED_LINES {
        add("fact-repeated-lines", repeated.to_string());
    }
    found
}

fn promotion_words(sentences: &[Sentence]) -> Vec<&'static str> {
    LANGUAGES
        .iter()
        .map(|l| count_in(&l.lexicon, "promotion", sentences))
        .max_by_key(Vec::len)
        .unwrap_or_default()
}

/// "example dot com", "name at gmail dot com", "snabel-a", "[at] … [dot]".
fn spelled_out(text: &str, sentences: &[Sentence]) -> Option<String> {
    let lower = text.to_lowercase();
    for marker in ["[at]", "(at)", "[dot]", "(dot)", "{at}", "{dot}"] {
        if lower.contains(marker) {
            return Some(marker.to_string());
        }
    }
    LANGUAGES
        .iter()
        .find_map(|l| {
            count_in(&l.lexicon, "spelled-domain", sentences)
                .first()
                .copied()
        })
        .map(str::to_string)
}

/// A request to text, call or message, beside a number or a messenger.
fn solicitation(text: &str, sentences: &[Sentence], has_contact: bool) -> Option<String> {
    let has_number = has_contact
        || text
            .split_whitespace()
            .any(|w| w.chars().filter(char::is_ascii_digit).count() >= 4);
    LANGUAGES.iter().find_map(|l| {
        let asks = count_in(&l.lexicon, "solicitation", sentences);
        let promotion = count_in(&l.lexicon, "promotion", sentences);
        (has_number && !asks.is_empty() && !promotion.is_empty()).then(|| asks.join(", "))
    })
}

fn most_repeated_line(text: &str) -> usize {
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| l.trim().to_lowercase())
        .filter(|l| l.chars().count() >= 10)
        .collect();
    lines.sort();
    lines
        .chunk_by(|a, b| a == b)
        .map(<[String]>::len)
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::super::text::sentences;
    use super::*;

    fn facts(text: &str) -> Vec<&'static str> {
        find(
            text,
            &sentences(text),
            &[],
            !crate::kernel::pii::scan(text).is_empty(),
        )
        .into_iter()
        .map(|f| f.fact_key)
        .collect()
    }

    #[test]
    fn links_are_read_from_words() {
        assert_eq!(
            link_host("https://www.Example.com/x?y=1").as_deref(),
            Some("example.com")
        );
        assert_eq!(link_host("bit.ly/abc").as_deref(), Some("bit.ly"));
        assert_eq!(link_host("logo@2x.png"), None);
        assert_eq!(link_host("2x.png"), None);
        assert_eq!(link_host("k@example.se"), None);
        assert_eq!(link_host("v1.2.3"), None);
    }

    #[test]
    fn redirects_promotion_and_spelled_out_addresses_are_spam() {
        assert_eq!(facts("join us: t.me/pumpgroup"), vec!["fact-spam-redirect"]);
        assert_eq!(
            facts("Cheap watches at replica-watches.net, buy now"),
            vec!["fact-spam-promotion"]
        );
        assert_eq!(
            facts("mail me at hackerpro [at] proton [dot] me"),
            vec!["fact-spam-spelled"]
        );
        assert_eq!(
            facts("WhatsApp me for cheap followers on 070-111 22 33"),
            vec!["fact-spam-solicitation"]
        );
    }

    #[test]
    fn ordinary_links_and_numbers_pass() {
        assert!(facts("The manual is at https://support.google.com/answer/1").is_empty());
        assert!(facts("See https://status.nordlys.example for the outage").is_empty());
        assert!(facts("I called them on 070-123 45 67 twice and got no answer").is_empty());
        assert!(facts("Order 12345678 arrived, thanks").is_empty());
    }

    #[test]
    fn link_heavy_and_repeated_text_is_spam() {
        let ad = "Nice https://a.example https://b.example www.c.example ok";
        assert!(facts(ad).contains(&"fact-links"));
        let repeated = "BUY CHEAP WATCHES\nBUY CHEAP WATCHES\nBUY CHEAP WATCHES";
        assert!(facts(repeated).contains(&"fact-repeated-lines"));
    }
}
