//! An item's earlier versions: kept by every edit, read by its author and
//! neutral moderators only (`gate::sees_history`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{post_revisions, review_reply_revisions, review_revisions};
use crate::db::DbConn;
use crate::kernel::gate;
use crate::kernel::item::{Item, ItemRef};
use crate::kernel::markdown::SafeHtml;
use crate::kernel::user::CurrentUser;

/// An earlier version of an item's words.
#[derive(Debug, Clone)]
pub struct Version {
    pub replaced_at: NaiveDateTime,
    pub title: Option<String>,
    /// A review's stars in that version.
    pub rating: Option<i32>,
    pub html: SafeHtml,
    pub source: String,
}

/// The earlier versions of an item, newest first, for a viewer who may read
/// them (`gate::sees_history`); anyone else gets none.
pub fn versions(
    conn: &mut DbConn,
    item: &Item,
    viewer: Option<&CurrentUser>,
) -> QueryResult<Vec<Version>> {
    if !gate::sees_history(viewer, item.facts()) {
        return Ok(Vec::new());
    }
    stored_versions(conn, item.item)
}

fn stored_versions(conn: &mut DbConn, item: ItemRef) -> QueryResult<Vec<Version>> {
    Ok(match item {
        ItemRef::Post(id) => post_revisions::table
            .filter(post_revisions::post_id.eq(id))
            .select((
                post_revisions::created_at,
                post_revisions::title,
                post_revisions::body_html,
                post_revisions::body_source,
            ))
            .order(post_revisions::id.desc())
            .load::<(NaiveDateTime, Option<String>, SafeHtml, String)>(conn)?
            .into_iter()
            .map(|(replaced_at, title, html, source)| Version {
                replaced_at,
                title,
                rating: None,
                html,
                source,
            })
            .collect(),
        ItemRef::Review(id) => review_revisions::table
            .filter(review_revisions::review_id.eq(id))
            .select((
                review_revisions::created_at,
                review_revisions::title,
                review_revisions::rating,
                review_revisions::body_html,
                review_revisions::body_source,
            ))
            .order(review_revisions::id.desc())
            .load::<(NaiveDateTime, String, i32, SafeHtml, String)>(conn)?
            .into_iter()
            .map(|(replaced_at, title, rating, html, source)| Version {
                replaced_at,
                title: Some(title),
                rating: Some(rating),
                html,
                source,
            })
            .collect(),
        ItemRef::Reply(id) => review_reply_revisions::table
            .filter(review_reply_revisions::reply_id.eq(id))
            .select((
                review_reply_revisions::created_at,
                review_reply_revisions::body_html,
                review_reply_revisions::body_source,
            ))
            .order(review_reply_revisions::id.desc())
            .load::<(NaiveDateTime, SafeHtml, String)>(conn)?
            .into_iter()
            .map(|(replaced_at, html, source)| Version {
                replaced_at,
                title: None,
                rating: None,
                html,
                source,
            })
            .collect(),
    })
}

/// The earlier versions for moderation's case page, whose caller has
/// checked that the reader is a neutral moderator.
pub fn versions_for_moderation(
    conn: &mut DbConn,
    item: &Item,
    moderator: &CurrentUser,
) -> QueryResult<Vec<Version>> {
    versions(conn, item, Some(moderator))
}
