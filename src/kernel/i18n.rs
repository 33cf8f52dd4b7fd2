//! The translation layer: Fluent resources for English, Swedish, Danish and
//! Norwegian (bokmål), compiled into the binary. Every user-visible string
//! goes through `tr`.

use std::collections::HashMap;

use chrono::{Datelike, TimeZone, Timelike};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Sv,
    Da,
    Nb,
}

pub const SOURCES: [(Lang, &str); 4] = [
    (Lang::En, include_str!("../../i18n/en.ftl")),
    (Lang::Sv, include_str!("../../i18n/sv.ftl")),
    (Lang::Da, include_str!("../../i18n/da.ftl")),
    (Lang::Nb, include_str!("../../i18n/nb.ftl")),
];

/// Templates hand over references; a language is a plain copy.
impl From<&Lang> for Lang {
    fn from(lang: &Lang) -> Lang {
        *lang
    }
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Sv, Lang::Da, Lang::Nb];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sv => "sv",
            Lang::Da => "da",
            Lang::Nb => "nb",
        }
    }

    /// The language's own name, shown in the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Sv => "Svenska",
            Lang::Da => "Dansk",
            Lang::Nb => "Norsk",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "sv" => Some(Lang::Sv),
            "da" => Some(Lang::Da),
            // Nynorsk readers read bokmål more easily than the others.
            "nb" | "no" | "nn" => Some(Lang::Nb),
            _ => None,
        }
    }

    /// The time zone a reader of the language most likely lives in: times
    /// are shown in it until they choose another. English readers get the
    /// site's home, Stockholm.
    pub fn home_zone(self) -> chrono_tz::Tz {
        match self {
            Lang::En | Lang::Sv => chrono_tz::Europe::Stockholm,
            Lang::Da => chrono_tz::Europe::Copenhagen,
            Lang::Nb => chrono_tz::Europe::Oslo,
        }
    }

    /// Picks the best language from an `Accept-Language` header, by quality.
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in accept_language.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("");
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Lang::from_code(tag) {
                if best.is_none_or(|(q, _)| quality > q) {
                    best = Some((quality, lang));
                }
            }
        }
        best.map_or(Lang::En, |(_, lang)| lang)
    }

    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Sv => 1,
            Lang::Da => 2,
            Lang::Nb => 3,
        }
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static [Bundle; 4] {
    static BUNDLES: OnceLock<[Bundle; 4]> = OnceLock::new();
    BUNDLES.get_or_init(|| SOURCES.map(|(lang, source)| build_bundle(lang, source)))
}

fn build_bundle(lang: Lang, source: &str) -> Bundle {
    let resource =
        FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, errors)| {
            tracing::error!(
                lang = lang.code(),
                ?errors,
                "syntax errors in translation file"
            );
            partial
        });
    let langid = lang.code().parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![langid]);
    // Isolation marks would end up inside attributes and emails as invisible characters.
    bundle.set_use_isolating(false);
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(lang = lang.code(), ?errors, "duplicate translation keys");
    }
    bundle
}

/// Translates `key`, falling back to English and, failing that, to the key itself.
pub fn tr(lang: Lang, key: &str) -> String {
    if let Some(text) = plain_messages()[lang.index()].get(key) {
        return text.clone();
    }
    tr_args(lang, key, &[])
}

/// A person's name as shown: an erased account keeps no name and reads
/// "former member" in the reader's language. Every page and message that
/// shows a person's name goes through this (pages as `ctx.name`).
pub fn person(lang: Lang, name: &str) -> String {
    if name.is_empty() {
        tr(lang, "former-member")
    } else {
        name.to_string()
    }
}

/// The messages that take no arguments, formatted once per language. Most
/// strings on a page are such labels, and a long list (the desk, the
/// moderation queue) asked Fluent for them a thousand times per page.
fn plain_messages() -> &'static [HashMap<String, String>; 4] {
    static PLAIN: OnceLock<[HashMap<String, String>; 4]> = OnceLock::new();
    PLAIN.get_or_init(|| {
        SOURCES.map(|(lang, source)| {
            let bundle = &bundles()[lang.index()];
            message_ids(source)
                .into_iter()
                .filter_map(|id| {
                    let pattern = bundle.get_message(&id)?.value()?;
                    let mut errors = vec![];
                    let text = bundle.format_pattern(pattern, None, &mut errors);
                    // A message that needs an argument reports it missing.
                    errors.is_empty().then(|| (id.clone(), text.into_owned()))
                })
                .collect()
        })
    })
}

pub fn tr_args(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, FluentValue::from(*value));
    }
    format_message(lang, key, &fluent_args)
        .or_else(|| format_message(Lang::En, key, &fluent_args))
        .unwrap_or_else(|| {
            tracing::warn!(key, "missing translation");
            key.to_string()
        })
}

/// Like `tr_args` with one numeric argument, so Fluent can choose the plural form.
pub fn tr_count(lang: Lang, key: &str, name: &str, count: i64) -> String {
    let mut fluent_args = FluentArgs::new();
    fluent_args.set(name, FluentValue::from(count));
    format_message(lang, key, &fluent_args)
        .or_else(|| format_message(Lang::En, key, &fluent_args))
        .unwrap_or_else(|| key.to_string())
}

/// A number with `places` decimals as the language writes it: `3.2` in
/// English, `3,2` in the Nordic languages.
pub fn decimal(lang: Lang, value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    match lang {
        Lang::En => text,
        _ => text.replace('.', ","),
    }
}

/// A whole number with the language's grouping of thousands: `12,400` in
/// English, `12 400` in Swedish and Norwegian (a no-break space), `12.400`
/// in Danish.
pub fn integer(lang: Lang, n: i64) -> String {
    let separator = match lang {
        Lang::En => ",",
        Lang::Da => ".",
        _ => "\u{a0}",
    };
    let digits = n.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push_str(separator);
        }
        grouped.push(digit);
    }
    if n < 0 {
        grouped.insert(0, '-');
    }
    grouped
}

/// A moment as the language writes it, in `tz`, with the zone named:
/// "7 Dec 2026, 09:30 CET", "7 dec. 2026 09:30 CET", "7. dec. 2026 kl. 09.30 CET",
/// "7. des. 2026 kl. 09.30 CET".
pub fn datetime(lang: Lang, tz: chrono_tz::Tz, at: chrono::NaiveDateTime) -> String {
    let local = tz.from_utc_datetime(&at);
    tr_args(
        lang,
        "format-datetime",
        &[
            ("day", &local.day().to_string()),
            ("month", &month(lang, local.month())),
            ("year", &local.year().to_string()),
            ("time", &clock(lang, &local)),
            ("zone", &local.format("%Z").to_string()),
        ],
    )
}

/// The day of a moment in `tz`: "7 Dec 2026", "7 dec. 2026", "7. dec. 2026".
pub fn date(lang: Lang, tz: chrono_tz::Tz, at: chrono::NaiveDateTime) -> String {
    let local = tz.from_utc_datetime(&at);
    tr_args(
        lang,
        "format-date",
        &[
            ("day", &local.day().to_string()),
            ("month", &month(lang, local.month())),
            ("year", &local.year().to_string()),
        ],
    )
}

/// The time of day of a moment in `tz`, with the zone: "09:30 CET".
pub fn time_of_day(lang: Lang, tz: chrono_tz::Tz, at: chrono::NaiveDateTime) -> String {
    let local = tz.from_utc_datetime(&at);
    format!("{} {}", clock(lang, &local), local.format("%Z"))
}

fn month(lang: Lang, number: u32) -> String {
    tr(lang, &format!("month-short-{number}"))
}

/// Hours and minutes: "09:30", in Danish "09.30".
fn clock(lang: Lang, local: &chrono::DateTime<chrono_tz::Tz>) -> String {
    let separator = if matches!(lang, Lang::Da | Lang::Nb) {
        "."
    } else {
        ":"
    };
    format!("{:02}{separator}{:02}", local.hour(), local.minute())
}

/// A length of time as people say it: minutes up to 90, then hours up to
/// two days, then days — "35 minutes", "about 30 hours", "3 days".
pub fn spoken_duration(lang: Lang, secs: i64) -> String {
    let minutes = ((secs.max(0) + 30) / 60).max(1);
    if minutes <= 90 {
        tr_count(lang, "duration-spoken-minutes", "n", minutes)
    } else if minutes < 48 * 60 {
        tr_count(lang, "duration-spoken-hours", "n", (minutes + 30) / 60)
    } else {
        tr_count(lang, "duration-spoken-days", "n", (minutes + 720) / 1440)
    }
}

fn format_message(lang: Lang, key: &str, args: &FluentArgs) -> Option<String> {
    let bundle = &bundles()[lang.index()];
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = vec![];
    let text = bundle.format_pattern(pattern, Some(args), &mut errors);
    if !errors.is_empty() {
        tracing::warn!(key, ?errors, "translation formatting");
    }
    Some(text.into_owned())
}

/// All message ids of one language's file, for the completeness test.
pub fn message_ids(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|line| line.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|line| line.split_once('=').map(|(id, _)| id.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_the_same_messages() {
        let english = message_ids(SOURCES[0].1);
        assert!(english.len() > 50, "the English file looks empty");
        for (lang, source) in &SOURCES[1..] {
            let mut ids = message_ids(source);
            let mut expected = english.clone();
            ids.sort();
            expected.sort();
            let missing: Vec<_> = expected.iter().filter(|id| !ids.contains(id)).collect();
            let extra: Vec<_> = ids.iter().filter(|id| !expected.contains(id)).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
            assert!(extra.is_empty(), "{} has extra {extra:?}", lang.code());
        }
    }

    #[test]
    fn plain_messages_read_as_fluent_formats_them() {
        for lang in Lang::ALL {
            let plain = &plain_messages()[lang.index()];
            assert!(plain.len() > 50, "{} has few plain messages", lang.code());
            for (key, text) in plain.iter().take(200) {
                assert_eq!(&tr_args(lang, key, &[]), text);
            }
        }
        // Messages with arguments are left to Fluent.
        assert!(!plain_messages()[0].contains_key("desk-waited"));
        assert_eq!(
            tr_args(Lang::En, "desk-waited", &[("time", "5 min")]),
            "Waiting 5 min"
        );
    }

    #[test]
    fn every_file_parses_without_errors() {
        for (lang, source) in SOURCES {
            assert!(
                FluentResource::try_new(source.to_string()).is_ok(),
                "{} has syntax errors",
                lang.code()
            );
        }
    }

    #[test]
    fn negotiation_prefers_the_highest_quality() {
        assert_eq!(Lang::negotiate("da;q=0.5, sv-SE;q=0.9, en;q=0.1"), Lang::Sv);
        assert_eq!(Lang::negotiate("de-DE, da;q=0.8"), Lang::Da);
        assert_eq!(Lang::negotiate("fr"), Lang::En);
        assert_eq!(Lang::negotiate(""), Lang::En);
    }

    /// Every key the code and the templates ask for exists (in English; the
    /// test above makes the other languages follow).
    #[test]
    fn every_key_in_use_is_translated() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let english = message_ids(SOURCES[0].1);
        let mut missing = Vec::new();
        let mut used = Vec::new();
        for text in files_under(&root.join("src")) {
            used.extend(quoted_keys(&text).into_iter().filter(|k| !k.ends_with('-')));
        }
        for text in files_under(&root.join("templates")) {
            // In templates only what goes through the translation calls counts
            // (class names and ids look like keys too).
            for call in [".t(\"", ".ta(\"", ".tc(\""] {
                for piece in text.split(call).skip(1) {
                    used.extend(piece.split('"').next().map(str::to_string));
                }
            }
        }
        for key in used {
            if KEY_PREFIXES.iter().any(|p| key.starts_with(p)) && !english.contains(&key) {
                missing.push(key);
            }
        }
        missing.sort();
        missing.dedup();
        assert!(
            missing.is_empty(),
            "keys used but not in en.ftl: {missing:?}"
        );
    }

    const KEY_PREFIXES: &[&str] = &[
        "nav-",
        "search-",
        "footer-",
        "error-",
        "form-",
        "field-",
        "password-",
        "signup-",
        "verify-",
        "login-",
        "logout-",
        "reset-",
        "account-",
        "admin-",
        "role-",
        "home-",
        "companies-",
        "company-",
        "email-",
        "greeting-",
        "pagination-",
        "forum-",
        "thread-",
        "pii-",
        "desk-",
        "unsubscribe-",
        "category-",
        "duration-",
        "review-",
        "about-",
        "flag-",
        "guidelines-",
        "guideline-",
        "severity-",
        "action-",
        "decision-",
        "statement-",
        "fact-",
        "item-",
        "case-kind-",
        "state-",
        "moderation-",
        "notifications-",
        "notify-",
        "profile-",
        "appeal-",
        "log-",
        "transparency-",
        "verification-",
        "signal-",
        "settings-",
        "weekday-",
        "after-hours-",
        "canned-",
        "conversation",
        "private-",
        "incident",
        "faq-",
        "history-",
        "figures-",
    ];

    fn files_under(dir: &std::path::Path) -> Vec<String> {
        let mut texts = Vec::new();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return texts;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                texts.extend(files_under(&path));
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                texts.push(text);
            }
        }
        texts
    }

    /// Every "double-quoted" run of lower-case letters, digits and hyphens
    /// (looked for at each quote, so escaped quotes elsewhere do not matter).
    fn quoted_keys(text: &str) -> Vec<String> {
        let is_key_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        let mut keys = Vec::new();
        for (i, _) in text.match_indices('"') {
            let rest = &text[i + 1..];
            let len = rest.find(|c: char| !is_key_char(c)).unwrap_or(rest.len());
            let candidate = &rest[..len];
            if candidate.contains('-') && rest[len..].starts_with('"') {
                keys.push(candidate.to_string());
            }
        }
        keys
    }

    #[test]
    fn numbers_are_written_as_each_language_writes_them() {
        assert_eq!(decimal(Lang::En, 3.24, 1), "3.2");
        assert_eq!(decimal(Lang::Sv, 3.24, 1), "3,2");
        assert_eq!(decimal(Lang::Da, 0.5, 2), "0,50");
        assert_eq!(integer(Lang::En, 12_400), "12,400");
        assert_eq!(integer(Lang::Sv, 1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(integer(Lang::Da, 12_400), "12.400");
        assert_eq!(integer(Lang::Nb, 12_400), "12\u{a0}400");
        assert_eq!(decimal(Lang::Nb, 3.24, 1), "3,2");
        assert_eq!(integer(Lang::En, 999), "999");
        assert_eq!(integer(Lang::En, -1_000), "-1,000");
    }

    #[test]
    fn moments_are_written_in_the_readers_zone_and_language_with_the_zone_named() {
        let winter = chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
            .and_then(|d| d.and_hms_micro_opt(8, 30, 12, 345_678))
            .expect("time");
        let summer = chrono::NaiveDate::from_ymd_opt(2026, 7, 1)
            .and_then(|d| d.and_hms_opt(8, 30, 0))
            .expect("time");
        let stockholm = chrono_tz::Europe::Stockholm;
        assert_eq!(
            datetime(Lang::En, stockholm, winter),
            "7 Dec 2026, 09:30 CET"
        );
        assert_eq!(
            datetime(Lang::Sv, stockholm, winter),
            "7 dec. 2026 09:30 CET"
        );
        assert_eq!(
            datetime(Lang::Da, chrono_tz::Europe::Copenhagen, winter),
            "7. dec. 2026 kl. 09.30 CET"
        );
        assert_eq!(
            datetime(Lang::En, stockholm, summer),
            "1 Jul 2026, 10:30 CEST"
        );
        assert_eq!(
            datetime(Lang::En, chrono_tz::UTC, winter),
            "7 Dec 2026, 08:30 UTC"
        );
        assert_eq!(date(Lang::Sv, stockholm, winter), "7 dec. 2026");
        assert_eq!(time_of_day(Lang::En, stockholm, winter), "09:30 CET");
        // Just before midnight UTC is already the next day in Stockholm.
        let late = chrono::NaiveDate::from_ymd_opt(2026, 12, 31)
            .and_then(|d| d.and_hms_opt(23, 30, 0))
            .expect("time");
        assert_eq!(date(Lang::En, stockholm, late), "1 Jan 2027");
    }

    #[test]
    fn durations_are_said_in_minutes_hours_or_days() {
        assert_eq!(spoken_duration(Lang::En, 35 * 60), "35 minutes");
        assert_eq!(spoken_duration(Lang::En, 20), "1 minute");
        assert_eq!(spoken_duration(Lang::En, 90 * 60), "90 minutes");
        assert_eq!(spoken_duration(Lang::En, 1800 * 60), "30 hours");
        assert_eq!(spoken_duration(Lang::En, 95 * 60), "2 hours");
        assert_eq!(spoken_duration(Lang::En, 3 * 86_400), "3 days");
        assert_eq!(spoken_duration(Lang::Sv, 35 * 60), "35 minuter");
        assert_eq!(spoken_duration(Lang::Da, 86_400 * 2), "2 dage");
        assert_eq!(spoken_duration(Lang::Nb, 95 * 60), "2 timer");
    }

    #[test]
    fn arguments_are_substituted() {
        let text = tr_args(Lang::En, "greeting-user", &[("name", "Karin")]);
        assert!(text.contains("Karin"), "{text}");
    }
}
