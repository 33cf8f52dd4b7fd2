//! The writes every kind of item shares: its moderation state, a redaction
//! and its reversal, an edit that keeps the earlier version, a withdrawal.

use chrono::{Duration, NaiveDate};
use diesel::prelude::*;

use crate::db::schema::{
    post_revisions, posts, review_replies, review_reply_revisions, review_revisions, reviews,
    threads,
};
use crate::db::{now, DbConn};
use crate::kernel::gate::State;
use crate::kernel::ids::{ThreadId, UserId};
use crate::kernel::item::ItemRef;
use crate::kernel::markdown::{self, SafeHtml};

/// Sets an item's moderation state; a thread's opening post carries its
/// thread along. (A review's place in its company's score is the reviews'
/// to recompute.)
pub fn set_state(
    conn: &mut DbConn,
    item: ItemRef,
    state: State,
    clause: Option<i32>,
) -> QueryResult<()> {
    let at = Some(now());
    let state = state.as_str();
    match item {
        ItemRef::Post(id) => {
            diesel::update(posts::table.find(id))
                .set((
                    posts::moderation_state.eq(state),
                    posts::moderation_clause.eq(clause),
                    posts::moderated_at.eq(at),
                ))
                .execute(conn)?;
            let (thread, opening): (ThreadId, bool) = posts::table
                .find(id)
                .select((posts::thread_id, posts::is_opening))
                .first(conn)?;
            if opening {
                diesel::update(threads::table.find(thread))
                    .set((
                        threads::moderation_state.eq(state),
                        threads::moderation_clause.eq(clause),
                    ))
                    .execute(conn)?;
            }
        }
        ItemRef::Review(id) => {
            diesel::update(reviews::table.find(id))
                .set((
                    reviews::moderation_state.eq(state),
                    reviews::moderation_clause.eq(clause),
                    reviews::moderated_at.eq(at),
                ))
                .execute(conn)?;
        }
        ItemRef::Reply(id) => {
            diesel::update(review_replies::table.find(id))
                .set((
                    review_replies::moderation_state.eq(state),
                    review_replies::moderation_clause.eq(clause),
                    review_replies::moderated_at.eq(at),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// The stored Markdown of an item, for the writes below.
fn stored_source(conn: &mut DbConn, item: ItemRef) -> QueryResult<String> {
    match item {
        ItemRef::Post(id) => posts::table.find(id).select(posts::body_source).first(conn),
        ItemRef::Review(id) => reviews::table
            .find(id)
            .select(reviews::body_source)
            .first(conn),
        ItemRef::Reply(id) => review_replies::table
            .find(id)
            .select(review_replies::body_source)
            .first(conn),
    }
}

/// Replaces an item's Markdown (and its HTML) without keeping a version:
/// what a redaction and its reversal do.
fn set_source(conn: &mut DbConn, item: ItemRef, source: &str) -> QueryResult<()> {
    let html = markdown::render(source);
    match item {
        ItemRef::Post(id) => diesel::update(posts::table.find(id))
            .set((posts::body_source.eq(source), posts::body_html.eq(&html)))
            .execute(conn)?,
        ItemRef::Review(id) => diesel::update(reviews::table.find(id))
            .set((
                reviews::body_source.eq(source),
                reviews::body_html.eq(&html),
            ))
            .execute(conn)?,
        ItemRef::Reply(id) => diesel::update(review_replies::table.find(id))
            .set((
                review_replies::body_source.eq(source),
                review_replies::body_html.eq(&html),
            ))
            .execute(conn)?,
    };
    Ok(())
}

/// A redaction: the words removed, the text before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    pub words: String,
    pub original: String,
    pub redacted: String,
}

/// Replaces every occurrence of `words` with `marker`. `None` when the words
/// are not in the text (nothing changes).
pub fn redact(
    conn: &mut DbConn,
    item: ItemRef,
    words: &str,
    marker: &str,
) -> QueryResult<Option<Redaction>> {
    let original = stored_source(conn, item)?;
    if words.is_empty() || !original.contains(words) {
        return Ok(None);
    }
    let redacted = original.replace(words, marker);
    set_source(conn, item, &redacted)?;
    Ok(Some(Redaction {
        words: words.to_string(),
        original,
        redacted,
    }))
}

/// Whether `words` stand in the item's text as stored.
pub fn contains(conn: &mut DbConn, item: ItemRef, words: &str) -> QueryResult<bool> {
    Ok(!words.is_empty() && stored_source(conn, item)?.contains(words))
}

/// Undoes a redaction, unless the author rewrote the text since.
pub fn put_back(conn: &mut DbConn, item: ItemRef, redaction: &Redaction) -> QueryResult<bool> {
    if stored_source(conn, item)? != redaction.redacted {
        return Ok(false);
    }
    set_source(conn, item, &redaction.original)?;
    Ok(true)
}

/// How often `author` published exactly this text in the last day, other
/// than `except` itself: repeated content is spam.
pub fn recent_copies(
    conn: &mut DbConn,
    except: ItemRef,
    author: UserId,
    source: &str,
) -> QueryResult<i64> {
    let since = now() - Duration::hours(24);
    match except {
        ItemRef::Post(id) => posts::table
            .filter(posts::author_id.eq(author))
            .filter(posts::body_source.eq(source))
            .filter(posts::id.ne(id))
            .filter(posts::created_at.gt(since))
            .count()
            .get_result(conn),
        ItemRef::Review(id) => reviews::table
            .filter(reviews::author_id.eq(author))
            .filter(reviews::body_source.eq(source))
            .filter(reviews::id.ne(id))
            .filter(reviews::created_at.gt(since))
            .count()
            .get_result(conn),
        ItemRef::Reply(id) => review_replies::table
            .filter(review_replies::author_id.eq(author))
            .filter(review_replies::body_source.eq(source))
            .filter(review_replies::id.ne(id))
            .filter(review_replies::created_at.gt(since))
            .count()
            .get_result(conn),
    }
}

/// An item's new words.
pub struct NewText<'a> {
    /// A thread's or a review's title; ignored for replies.
    pub title: Option<&'a str>,
    pub source: &'a str,
    pub html: &'a SafeHtml,
}

/// The one edit path of every kind: the words as they stood become an
/// earlier version, the new ones replace them, and the item is marked
/// edited. (A review's rating and date are kept with its version; the
/// reviews store their new values themselves.)
pub fn revise(conn: &mut DbConn, item: ItemRef, new: &NewText) -> QueryResult<()> {
    let at = now();
    match item {
        ItemRef::Post(id) => {
            let (thread, opening, source, html, title): (ThreadId, bool, String, SafeHtml, String) =
                posts::table
                    .inner_join(threads::table)
                    .filter(posts::id.eq(id))
                    .select((
                        posts::thread_id,
                        posts::is_opening,
                        posts::body_source,
                        posts::body_html,
                        threads::title,
                    ))
                    .first(conn)?;
            let title_change = new.title.filter(|_| opening);
            diesel::insert_into(post_revisions::table)
                .values((
                    post_revisions::post_id.eq(id),
                    post_revisions::title.eq(title_change.map(|_| title)),
                    post_revisions::body_source.eq(source),
                    post_revisions::body_html.eq(html),
                    post_revisions::created_at.eq(at),
                ))
                .execute(conn)?;
            diesel::update(posts::table.find(id))
                .set((
                    posts::body_source.eq(new.source),
                    posts::body_html.eq(new.html),
                    posts::edited_at.eq(Some(at)),
                ))
                .execute(conn)?;
            if let Some(title) = title_change {
                diesel::update(threads::table.find(thread))
                    .set(threads::title.eq(title))
                    .execute(conn)?;
            }
        }
        ItemRef::Review(id) => {
            type Old = (i32, String, String, SafeHtml, Option<NaiveDate>);
            let (rating, title, source, html, date): Old = reviews::table
                .find(id)
                .select((
                    reviews::rating,
                    reviews::title,
                    reviews::body_source,
                    reviews::body_html,
                    reviews::experience_date,
                ))
                .first(conn)?;
            diesel::insert_into(review_revisions::table)
                .values((
                    review_revisions::review_id.eq(id),
                    review_revisions::rating.eq(rating),
                    review_revisions::title.eq(&title),
                    review_revisions::body_source.eq(source),
                    review_revisions::body_html.eq(html),
                    review_revisions::experience_date.eq(date),
                    review_revisions::created_at.eq(at),
                ))
                .execute(conn)?;
            diesel::update(reviews::table.find(id))
                .set((
                    reviews::title.eq(new.title.unwrap_or(&title)),
                    reviews::body_source.eq(new.source),
                    reviews::body_html.eq(new.html),
                    reviews::edited_at.eq(Some(at)),
                ))
                .execute(conn)?;
        }
        ItemRef::Reply(id) => {
            let (source, html): (String, SafeHtml) = review_replies::table
                .find(id)
                .select((review_replies::body_source, review_replies::body_html))
                .first(conn)?;
            diesel::insert_into(review_reply_revisions::table)
                .values((
                    review_reply_revisions::reply_id.eq(id),
                    review_reply_revisions::body_source.eq(source),
                    review_reply_revisions::body_html.eq(html),
                    review_reply_revisions::created_at.eq(at),
                ))
                .execute(conn)?;
            diesel::update(review_replies::table.find(id))
                .set((
                    review_replies::body_source.eq(new.source),
                    review_replies::body_html.eq(new.html),
                    review_replies::edited_at.eq(Some(at)),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// The author takes an item back: it keeps its place with a notice, its
/// words leave public view and search. A thread's opening post withdraws the
/// thread. Returns whether it was withdrawn now (not before).
pub fn withdraw(conn: &mut DbConn, item: ItemRef) -> QueryResult<bool> {
    let at = Some(now());
    let changed = match item {
        ItemRef::Post(id) => {
            let changed =
                diesel::update(posts::table.find(id).filter(posts::withdrawn_at.is_null()))
                    .set(posts::withdrawn_at.eq(at))
                    .execute(conn)?;
            let (thread, opening): (ThreadId, bool) = posts::table
                .find(id)
                .select((posts::thread_id, posts::is_opening))
                .first(conn)?;
            if opening {
                diesel::update(
                    threads::table
                        .find(thread)
                        .filter(threads::withdrawn_at.is_null()),
                )
                .set(threads::withdrawn_at.eq(at))
                .execute(conn)?;
            }
            changed
        }
        ItemRef::Review(id) => diesel::update(
            reviews::table
                .find(id)
                .filter(reviews::withdrawn_at.is_null()),
        )
        .set(reviews::withdrawn_at.eq(at))
        .execute(conn)?,
        // A company's reply is changed, not withdrawn.
        ItemRef::Reply(_) => 0,
    };
    Ok(changed == 1)
}
