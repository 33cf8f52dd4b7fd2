//! The company's one public reply per review: written by its staff,
//! editable with history, and a user-authored item like any other (held,
//! hidden or redacted by moderation, read through the gate).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::review_replies;
use crate::db::{now, DbConn};
use crate::kernel::gate::{self, Facts, Gated, Shown, State};
use crate::kernel::ids::{CompanyId, ReplyId, ReviewId, UserId};
use crate::kernel::item::{self, ItemRef};
use crate::kernel::markdown::SafeHtml;
use crate::kernel::user::CurrentUser;
use crate::reviews::model::reviews::Review;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = review_replies)]
pub struct ReviewReply {
    pub id: ReplyId,
    pub review_id: ReviewId,
    pub company_id: CompanyId,
    pub author_id: UserId,
    /// The words: out of sight, read through `shown` (the gate).
    body_source: String,
    body_html: SafeHtml,
    pub created_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
    pub moderation_state: String,
    pub moderation_clause: Option<i32>,
    pub moderated_at: Option<NaiveDateTime>,
}

/// A company reply's words.
#[derive(Debug, Clone)]
pub struct ReplyText {
    pub source: String,
    pub html: SafeHtml,
}

impl ReviewReply {
    pub fn item(&self) -> ItemRef {
        ItemRef::Reply(self.id)
    }

    /// What the gate needs; the reply lives under its review.
    pub fn facts_in(&self, review: &Review) -> Facts {
        Facts {
            author: self.author_id,
            company: Some(self.company_id),
            state: State::parse(&self.moderation_state),
            clause: self.moderation_clause,
            moderated_at: self.moderated_at,
            withdrawn_at: None,
            container: None,
        }
        .inside(review.facts())
    }

    pub fn shown(&self, review: &Review, viewer: Option<&CurrentUser>) -> Shown<ReplyText> {
        Gated::seal(
            self.facts_in(review),
            ReplyText {
                source: self.body_source.clone(),
                html: self.body_html.clone(),
            },
        )
        .open(viewer)
    }

    /// Whether the public reads this reply as it stands.
    pub fn is_public(&self, review: &Review) -> bool {
        gate::is_public(&self.facts_in(review))
    }
}

/// A company reply as a page shows it to one viewer.
#[derive(Debug, Clone)]
pub struct ReplyView {
    pub reply: ReviewReply,
    pub shown: Shown<ReplyText>,
}

pub fn reply_of(conn: &mut DbConn, review: ReviewId) -> QueryResult<Option<ReviewReply>> {
    review_replies::table
        .filter(review_replies::review_id.eq(review))
        .select(ReviewReply::as_select())
        .first(conn)
        .optional()
}

pub fn replies_of(conn: &mut DbConn, reviews: &[ReviewId]) -> QueryResult<Vec<ReviewReply>> {
    review_replies::table
        .filter(review_replies::review_id.eq_any(reviews))
        .select(ReviewReply::as_select())
        .load(conn)
}

/// The company's one public reply to a review: created, or edited with the
/// previous version kept (the one edit path of every item). Returns the
/// reply and whether it was new.
pub fn save_reply(
    conn: &mut DbConn,
    review: &Review,
    author: UserId,
    source: &str,
    html: &SafeHtml,
) -> QueryResult<(ReplyId, bool)> {
    if let Some(reply) = reply_of(conn, review.id)? {
        item::revise(
            conn,
            reply.item(),
            &item::NewText {
                title: None,
                source,
                html,
            },
        )?;
        diesel::update(review_replies::table.find(reply.id))
            .set(review_replies::author_id.eq(author))
            .execute(conn)?;
        return Ok((reply.id, false));
    }
    diesel::insert_into(review_replies::table)
        .values((
            review_replies::review_id.eq(review.id),
            review_replies::company_id.eq(review.company_id),
            review_replies::author_id.eq(author),
            review_replies::body_source.eq(source),
            review_replies::body_html.eq(html),
            review_replies::created_at.eq(now()),
        ))
        .execute(conn)?;
    let reply = reply_of(conn, review.id)?.ok_or(diesel::result::Error::NotFound)?;
    Ok((reply.id, true))
}
