//! What the forum and the reviews call around a write: before it, the
//! watched words that refuse a text or replace words in it; after it,
//! inside the same write transaction, the automatic checks, the trust
//! levels, and the statement email when they hold the item.

use diesel::prelude::*;

use crate::db::schema::companies;
use crate::db::{Db, DbConn};
use crate::kernel::error::AppError;
use crate::kernel::i18n::Lang;
use crate::kernel::ids::{CompanyId, UserId};
use crate::kernel::item::{self, ItemRef};
use crate::moderation::checks::{self, Context, Effect};
use crate::moderation::emails;
use crate::moderation::model::{self, trust, watched};

/// Repeats shorter than this ("Thanks!") are not spam.
const REPEAT_MIN_CHARS: usize = 20;
/// Texts shorter than this ("Thanks, that solved it!") are often written
/// alike by different people: not spam.
const REPEAT_ACROSS_MIN_WORDS: usize = 12;

/// Who publishes, and what the statement email needs if the checks hold
/// the item: built once per request, moved into the write transaction.
pub struct Publisher {
    pub lang: Lang,
    pub base_url: String,
    pub author: UserId,
}

impl Publisher {
    pub fn new(lang: Lang, base_url: &str, author: UserId) -> Publisher {
        Publisher {
            lang,
            base_url: base_url.to_string(),
            author,
        }
    }
}

/// A text as it may be published, or the message of a watched word that
/// refuses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prepared {
    Publish { body: String },
    Blocked { message: String },
}

/// The watched words' say before a write: "block" refuses the text with the
/// word's message (the form keeps what the author typed), "replace"
/// replaces the words. Every form that publishes words calls this.
pub async fn prepare(db: &Db, title: String, body: String) -> Result<Prepared, AppError> {
    db.run(move |conn| prepare_with(conn, &title, &body)).await
}

fn prepare_with(conn: &mut DbConn, title: &str, body: &str) -> Result<Prepared, AppError> {
    let list = watched::current(conn)?;
    let before = checks::before_publish(title, body, &list);
    Ok(match before.blocked {
        Some(message) => Prepared::Blocked { message },
        None => Prepared::Publish {
            body: before.replaced_body.unwrap_or_else(|| body.to_string()),
        },
    })
}

/// What the checks read besides the text: the company's name (not a
/// person) and the site's and the company's own domains (not promotion).
fn context(
    conn: &mut DbConn,
    company: Option<CompanyId>,
    base_url: &str,
) -> Result<Context, AppError> {
    let mut hosts: Vec<String> = url::Url::parse(base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .into_iter()
        .collect();
    let mut names = Vec::new();
    if let Some(company) = company {
        let (name, website) = companies::table
            .find(company)
            .select((companies::name, companies::website))
            .first::<(String, Option<String>)>(conn)?;
        names.push(name);
        hosts.extend(
            website
                .and_then(|w| url::Url::parse(&w).ok())
                .and_then(|u| {
                    u.host_str()
                        .map(|h| h.trim_start_matches("www.").to_string())
                }),
        );
    }
    Ok(Context::new(&names, hosts))
}

/// The same text again: by the same author within a day, or in the forum
/// by several new accounts. Only new accounts' texts are fingerprinted:
/// spam campaigns come from them, and an established account's write stays
/// one insert lighter. Reviews are left to verification (DOMAIN.md
/// principle 5: a near-duplicate review stays up, labelled, while its
/// author is asked to verify it).
fn repeats(
    conn: &mut DbConn,
    item: ItemRef,
    author: UserId,
    body: &str,
    trusted: bool,
) -> Result<Vec<checks::Hit>, AppError> {
    let mut hits = Vec::new();
    if body.chars().count() >= REPEAT_MIN_CHARS {
        let copies = item::recent_copies(conn, item, author, body)?;
        if copies > 0 {
            hits.push(checks::repeated_content_hit(copies + 1, false));
        }
    }
    let long_enough = body.split_whitespace().count() >= REPEAT_ACROSS_MIN_WORDS;
    if !trusted && long_enough && !matches!(item, ItemRef::Review(_)) {
        let others = trust::record_and_count_others(conn, item, author, body)?;
        if others > 0 {
            hits.push(checks::repeated_content_hit(others + 1, true));
        }
    }
    Ok(hits)
}

/// Trust levels: a new account's flagged posts, and its links, wait for a
/// moderator's approval.
fn hold_for_new_account(hits: &mut Vec<checks::Hit>, links: usize) {
    for hit in hits.iter_mut() {
        if hit.effect == Effect::Flag {
            hit.effect = Effect::Hold;
        }
    }
    if links > 0 && !hits.iter().any(|h| h.effect == Effect::Hold) {
        hits.push(checks::new_account_hit(links));
    }
}

/// Screens an item just written. Returns whether it is now held for review
/// (the author sees it with a notice; nobody else does).
pub fn screen(
    conn: &mut DbConn,
    publisher: &Publisher,
    item: ItemRef,
    title: &str,
    body: &str,
) -> Result<bool, AppError> {
    let Some(loaded) = item::load(conn, item)? else {
        return Ok(false);
    };
    let company = loaded.company_id;
    let list = watched::current(conn)?;
    let context = context(conn, company, &publisher.base_url)?;
    let screening = checks::screen(title, body, &list, &context);
    let mut hits = screening.hits;
    let trusted = trust::is_trusted(conn, publisher.author, company)?;
    hits.extend(repeats(conn, item, publisher.author, body, trusted)?);
    if !trusted {
        hold_for_new_account(&mut hits, screening.links);
    }
    let screened = model::apply_checks_to(conn, &loaded, &hits)?;
    emails::send(
        conn,
        publisher.lang,
        &publisher.base_url,
        &screened.recipients,
    )?;
    Ok(screened.held)
}
