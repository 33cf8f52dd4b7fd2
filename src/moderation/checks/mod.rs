//! The automatic checks run when something is published, edited or
//! previewed: the personal-data detector, patterns for threats, personal
//! attacks and hate in English, Swedish and Danish (`rules.rs`, data in
//! `lexicon/`), the watched words administrators manage (`watched.rs`), and
//! spam (`spam.rs`). They only report; the caller holds or flags the item —
//! nothing is ever deleted. Every text is normalised first (`text.rs`).
//!
//! Each finding says what it rests on, so the moderator reads "threat:
//! “kill” aimed at “you”" in the queue, not just "threat".

mod patterns;
mod rules;
mod spam;
mod text;
pub mod watched;

use crate::kernel::pii;

pub use watched::{WatchAction, WatchedList, WatchedWord};

/// What a check found, named by the guideline clause it concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckKind {
    PersonalData,
    Hate,
    Threat,
    PersonalAttack,
    Spam,
    /// A watched word an administrator added; cites the word's own clause.
    Watched,
}

/// What a finding does to the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Held for a moderator before anyone else sees it.
    Hold,
    /// Reported to a moderator; held while the author is new (trust levels).
    Flag,
    /// Reported to a moderator and published, whoever the author: a slur
    /// or a threat the author quotes to report it.
    Report,
}

/// One finding with the fact it rests on, as a translation key and a
/// detail (the words matched, at whom, the kind of personal data…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: CheckKind,
    pub effect: Effect,
    /// The `code` of the guideline clause the finding cites.
    pub clause_code: String,
    pub fact_key: &'static str,
    pub fact_arg: String,
}

impl Hit {
    fn new(kind: CheckKind, effect: Effect, fact_key: &'static str, fact_arg: String) -> Hit {
        let clause_code = match kind {
            CheckKind::PersonalData => "personal-data",
            CheckKind::Hate => "hate",
            CheckKind::Threat => "threats",
            CheckKind::PersonalAttack => "personal-attacks",
            CheckKind::Spam | CheckKind::Watched => "spam",
        };
        Hit {
            kind,
            effect,
            clause_code: clause_code.to_string(),
            fact_key,
            fact_arg,
        }
    }

    /// Stored form of the fact: `key|detail`, rendered in the reader's
    /// language when shown.
    pub fn fact(&self) -> String {
        format!("{}|{}", self.fact_key, self.fact_arg)
    }
}

/// What the checks need to know besides the text.
#[derive(Debug, Default, Clone)]
pub struct Context {
    /// Words of company names: capitalised, but not a person.
    pub not_names: Vec<String>,
    /// The site's and the companies' own domains: links to them are not promotion.
    pub own_hosts: Vec<String>,
}

impl Context {
    pub fn new(company_names: &[String], own_hosts: Vec<String>) -> Context {
        let not_names = company_names.iter().flat_map(|n| text::words(n)).collect();
        Context {
            not_names,
            own_hosts,
        }
    }
}

/// Everything the checks found in a title and a body.
#[derive(Debug, Default)]
pub struct Screening {
    pub hits: Vec<Hit>,
    /// A watched word that refuses the text, with its message.
    pub blocked: Option<String>,
    /// The body with watched words marked "replace" replaced.
    pub replaced_body: Option<String>,
    /// Links in the text (trust levels hold a new account's links).
    pub links: usize,
}

/// Every check over a title and a body.
pub fn screen(title: &str, body: &str, watched: &WatchedList, context: &Context) -> Screening {
    let text = if title.is_empty() {
        body.to_string()
    } else {
        format!("{title}\n{body}")
    };
    let sentences = text::sentences(&text);
    let personal_data = pii::scan(&text);
    let mut out = Screening {
        hits: personal_data_hits(&personal_data),
        ..Screening::default()
    };
    out.hits.extend(rule_hits(&sentences, context));
    watched_hits(&mut out, &watched.find(&sentences));
    let before = before_publish(title, body, watched);
    out.blocked = before.blocked;
    out.replaced_body = before.replaced_body;
    let spam = spam::find(
        &text,
        &sentences,
        &context.own_hosts,
        !personal_data.is_empty(),
    );
    out.hits.extend(
        spam.into_iter()
            .map(|s| Hit::new(CheckKind::Spam, Effect::Flag, s.fact_key, s.detail)),
    );
    out.hits = strongest_per_kind(std::mem::take(&mut out.hits));
    out.links = spam::link_count(&text);
    out
}

/// One finding per kind, the one with the strongest effect (the first of
/// equals): the moderator reads why, not the same reason twice.
fn strongest_per_kind(hits: Vec<Hit>) -> Vec<Hit> {
    let rank = |e: Effect| match e {
        Effect::Hold => 2,
        Effect::Flag => 1,
        Effect::Report => 0,
    };
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for hit in hits {
        match out
            .iter_mut()
            .find(|h| h.kind == hit.kind && hit.kind != CheckKind::PersonalData)
        {
            Some(kept) if rank(hit.effect) > rank(kept.effect) => *kept = hit,
            Some(_) => {}
            None => out.push(hit),
        }
    }
    out
}

fn personal_data_hits(found: &[pii::Finding]) -> Vec<Hit> {
    let mut kinds: Vec<pii::PiiKind> = found.iter().map(|f| f.kind).filter(|k| k.holds()).collect();
    kinds.dedup();
    kinds
        .into_iter()
        .map(|kind| {
            Hit::new(
                CheckKind::PersonalData,
                Effect::Hold,
                "fact-personal-data",
                kind.message_key().to_string(),
            )
        })
        .collect()
}

fn rule_hits(sentences: &[text::Sentence], context: &Context) -> Vec<Hit> {
    let mut hits: Vec<Hit> = Vec::new();
    for sentence in sentences {
        for found in rules::read(sentence, &context.not_names) {
            let (kind, key) = match found.rule {
                rules::Rule::Threat => (CheckKind::Threat, "fact-threat"),
                rules::Rule::VeiledThreat => (CheckKind::Threat, "fact-veiled-threat"),
                rules::Rule::SelfHarm => (CheckKind::Threat, "fact-self-harm"),
                rules::Rule::Attack => (CheckKind::PersonalAttack, "fact-attack"),
                rules::Rule::Dehumanising => (CheckKind::Hate, "fact-dehumanising"),
                rules::Rule::HatePhrase => (CheckKind::Hate, "fact-hate-phrase"),
            };
            if hits.iter().any(|h| h.kind == kind) {
                continue;
            }
            let effect = if found.reported {
                Effect::Report
            } else {
                Effect::Hold
            };
            let detail = if found.aimed_at.is_empty() {
                found.evidence
            } else {
                format!("{} → {}", found.evidence, found.aimed_at)
            };
            hits.push(Hit::new(kind, effect, key, detail));
        }
    }
    hits
}

fn watched_hits(out: &mut Screening, found: &[watched::WatchedHit<'_>]) {
    for hit in found {
        let word = hit.word;
        let effect = match (word.action, hit.reported) {
            (WatchAction::Block | WatchAction::Replace, _) => continue,
            (WatchAction::Hold, false) => Effect::Hold,
            (WatchAction::Hold, true) => Effect::Report,
            (WatchAction::Flag, _) => Effect::Flag,
        };
        let kind = if word.clause_code == "hate" {
            CheckKind::Hate
        } else {
            CheckKind::Watched
        };
        let mut h = Hit::new(
            kind,
            effect,
            "fact-watched-word",
            format!("{} (#{})", word.pattern, word.id),
        );
        h.clause_code.clone_from(&word.clause_code);
        out.hits.push(h);
    }
}

/// What the watched words say before a write, and nothing else (the other
/// checks run once, after it): the message of a word that refuses the text,
/// or the body with the words marked "replace" replaced.
pub fn before_publish(title: &str, body: &str, list: &WatchedList) -> BeforePublish {
    let mut out = BeforePublish::default();
    if list.is_empty() {
        return out;
    }
    let in_title = list.find(&text::sentences(title));
    let in_body = list.find(&text::sentences(body));
    out.blocked = in_title
        .iter()
        .chain(&in_body)
        .find(|h| h.word.action == WatchAction::Block)
        .map(|h| h.word.message.clone());
    if in_body
        .iter()
        .any(|h| h.word.action == WatchAction::Replace)
    {
        out.replaced_body = Some(watched::replace(body, &in_body));
    }
    out
}

/// The watched words' say before a write.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BeforePublish {
    pub blocked: Option<String>,
    pub replaced_body: Option<String>,
}

/// The fact that the same text was published again recently: by the same
/// author (`copies` in all), or by other accounts.
pub fn repeated_content_hit(copies: i64, across_accounts: bool) -> Hit {
    let key = if across_accounts {
        "fact-repeated-across-accounts"
    } else {
        "fact-repeated-content"
    };
    Hit::new(CheckKind::Spam, Effect::Flag, key, copies.to_string())
}

/// The fact that a new account's post with links waits for approval.
pub fn new_account_hit(links: usize) -> Hit {
    Hit::new(
        CheckKind::Spam,
        Effect::Hold,
        "fact-new-account-links",
        links.to_string(),
    )
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod measured;
