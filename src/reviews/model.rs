//! Reviews: one per customer per company, with history and labels; the
//! company's one public reply; invitations.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{
    review_helpful, review_invitations, review_labels, review_replies, review_reply_revisions,
    review_revisions, reviews, users,
};
use crate::db::{now, DbConn};
use crate::kernel::ids::CompanyId;
use crate::kernel::ids::{ReviewId, UserId};
use crate::kernel::markdown::SafeHtml;
use chrono::NaiveDate;

pub const REVIEW_TITLE_MIN: usize = 3;
pub const REVIEW_TITLE_MAX: usize = 120;
pub const REVIEW_BODY_MAX: usize = 10_000;
pub const REFERENCE_MAX: usize = 100;
pub const REVIEWS_PER_PAGE: i64 = 20;

/// Labels shown on reviews. Stored as data, one row per label, so later
/// labels (verification) need no schema change.
pub const LABEL_INVITED: &str = "invited";
pub const LABEL_EDITED: &str = "edited";
pub const LABEL_WITHDRAWN: &str = "withdrawn";
pub const LABEL_VERIFICATION_REQUESTED: &str = "pending-verification";
pub const LABEL_VERIFIED: &str = "verified";
pub const LABEL_NOT_VERIFIED: &str = "not-verified";
pub const FILTERABLE_LABELS: [&str; 6] = [
    LABEL_INVITED,
    LABEL_EDITED,
    LABEL_WITHDRAWN,
    LABEL_VERIFICATION_REQUESTED,
    LABEL_VERIFIED,
    LABEL_NOT_VERIFIED,
];

pub fn label_key(label: &str) -> String {
    format!("review-label-{label}")
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reviews)]
pub struct Review {
    pub id: ReviewId,
    pub company_id: CompanyId,
    pub author_id: UserId,
    pub rating: i32,
    pub title: String,
    pub body_source: String,
    pub body_html: SafeHtml,
    pub experience_date: Option<NaiveDate>,
    pub reference: Option<String>,
    pub invitation_id: Option<i64>,
    pub helpful_count: i32,
    pub created_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
    pub withdrawn_at: Option<NaiveDateTime>,
    /// 'visible', 'held' (pending review) or 'hidden' by a moderator.
    pub moderation_state: String,
    pub moderation_clause: Option<i32>,
    pub moderated_at: Option<NaiveDateTime>,
    /// Sum of the suspicion signals' weights (see `verification::signals`).
    pub suspicion_score: i32,
    /// When the company's staff contacted the reviewer privately (a public note).
    pub private_contact_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = review_replies)]
pub struct ReviewReply {
    pub id: i64,
    pub review_id: ReviewId,
    pub company_id: CompanyId,
    pub author_id: UserId,
    pub body_source: String,
    pub body_html: SafeHtml,
    pub created_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = review_revisions)]
pub struct ReviewRevision {
    pub id: i64,
    pub review_id: ReviewId,
    pub rating: i32,
    pub title: String,
    pub body_source: String,
    pub body_html: SafeHtml,
    pub experience_date: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
}

/// A review as a page shows it.
#[derive(Debug, Clone)]
pub struct ReviewView {
    pub review: Review,
    pub author_name: String,
    pub labels: Vec<String>,
    pub reply: Option<ReviewReply>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewSort {
    Newest,
    Oldest,
    Highest,
    Lowest,
    Helpful,
}

impl ReviewSort {
    pub const ALL: [ReviewSort; 5] = [
        ReviewSort::Newest,
        ReviewSort::Oldest,
        ReviewSort::Highest,
        ReviewSort::Lowest,
        ReviewSort::Helpful,
    ];

    pub fn parse(value: &str) -> ReviewSort {
        ReviewSort::ALL
            .into_iter()
            .find(|s| s.as_str() == value)
            .unwrap_or(ReviewSort::Newest)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewSort::Newest => "newest",
            ReviewSort::Oldest => "oldest",
            ReviewSort::Highest => "highest",
            ReviewSort::Lowest => "lowest",
            ReviewSort::Helpful => "helpful",
        }
    }

    pub fn message_key(self) -> &'static str {
        match self {
            ReviewSort::Newest => "reviews-sort-newest",
            ReviewSort::Oldest => "reviews-sort-oldest",
            ReviewSort::Highest => "reviews-sort-highest",
            ReviewSort::Lowest => "reviews-sort-lowest",
            ReviewSort::Helpful => "reviews-sort-helpful",
        }
    }
}

/// Where the next page starts: the sort key and id of the last review shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewCursor {
    pub key: i64,
    pub id: ReviewId,
}

impl ReviewCursor {
    pub fn parse(value: &str) -> Option<ReviewCursor> {
        let (key, id) = value.split_once('_')?;
        Some(ReviewCursor {
            key: key.parse().ok()?,
            id: id.parse().ok()?,
        })
    }

    pub fn of(review: &Review, sort: ReviewSort) -> ReviewCursor {
        let key = match sort {
            ReviewSort::Newest | ReviewSort::Oldest => review.id.0,
            ReviewSort::Highest | ReviewSort::Lowest => i64::from(review.rating),
            ReviewSort::Helpful => i64::from(review.helpful_count),
        };
        ReviewCursor { key, id: review.id }
    }
}

impl std::fmt::Display for ReviewCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}_{}", self.key, self.id)
    }
}

#[derive(Debug, Clone, Default)]
pub struct ReviewFilter {
    pub stars: Option<i32>,
    pub label: Option<String>,
}

/// One page of a company's reviews, sorted and filtered, after a cursor
/// (keyset paging: no OFFSET, each page costs the same).
pub fn list_reviews(
    conn: &mut DbConn,
    company: CompanyId,
    sort: ReviewSort,
    filter: &ReviewFilter,
    after: Option<ReviewCursor>,
    viewer: Option<UserId>,
) -> QueryResult<(Vec<ReviewView>, bool)> {
    let mut q = reviews::table
        .inner_join(users::table)
        .filter(reviews::company_id.eq(company))
        // A review held for moderation shows only to its author.
        .filter(
            reviews::moderation_state
                .ne("held")
                .or(reviews::author_id.eq(viewer.unwrap_or(UserId(0)))),
        )
        .select((Review::as_select(), users::display_name))
        .limit(REVIEWS_PER_PAGE + 1)
        .into_boxed();
    if let Some(stars) = filter.stars {
        q = q.filter(reviews::rating.eq(stars));
    }
    if let Some(label) = &filter.label {
        let labelled = review_labels::table
            .filter(review_labels::label.eq(label.clone()))
            .select(review_labels::review_id);
        q = q.filter(reviews::id.eq_any(labelled));
    }
    q = match sort {
        ReviewSort::Newest => q.order(reviews::id.desc()),
        ReviewSort::Oldest => q.order(reviews::id.asc()),
        ReviewSort::Highest => q.order((reviews::rating.desc(), reviews::id.desc())),
        ReviewSort::Lowest => q.order((reviews::rating.asc(), reviews::id.desc())),
        ReviewSort::Helpful => q.order((reviews::helpful_count.desc(), reviews::id.desc())),
    };
    if let Some(c) = after {
        let key32 = i32::try_from(c.key).unwrap_or(i32::MAX);
        q = match sort {
            ReviewSort::Newest => q.filter(reviews::id.lt(c.id)),
            ReviewSort::Oldest => q.filter(reviews::id.gt(c.id)),
            ReviewSort::Highest => q.filter(
                reviews::rating
                    .lt(key32)
                    .or(reviews::rating.eq(key32).and(reviews::id.lt(c.id))),
            ),
            ReviewSort::Lowest => q.filter(
                reviews::rating
                    .gt(key32)
                    .or(reviews::rating.eq(key32).and(reviews::id.lt(c.id))),
            ),
            ReviewSort::Helpful => q.filter(
                reviews::helpful_count
                    .lt(key32)
                    .or(reviews::helpful_count.eq(key32).and(reviews::id.lt(c.id))),
            ),
        };
    }
    let mut rows: Vec<(Review, String)> = q.load(conn)?;
    let more = rows.len() as i64 > REVIEWS_PER_PAGE;
    rows.truncate(REVIEWS_PER_PAGE as usize);
    Ok((review_views(conn, rows)?, more))
}

fn review_views(conn: &mut DbConn, rows: Vec<(Review, String)>) -> QueryResult<Vec<ReviewView>> {
    let ids: Vec<ReviewId> = rows.iter().map(|(r, _)| r.id).collect();
    let labels: Vec<(ReviewId, String)> = review_labels::table
        .filter(review_labels::review_id.eq_any(&ids))
        .select((review_labels::review_id, review_labels::label))
        .order(review_labels::id)
        .load(conn)?;
    let replies: Vec<ReviewReply> = review_replies::table
        .filter(review_replies::review_id.eq_any(&ids))
        .select(ReviewReply::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(review, author_name)| ReviewView {
            labels: labels
                .iter()
                .filter(|(id, _)| *id == review.id)
                .map(|(_, l)| l.clone())
                .collect(),
            reply: replies.iter().find(|r| r.review_id == review.id).cloned(),
            review,
            author_name,
        })
        .collect())
}

pub fn find_review(conn: &mut DbConn, id: ReviewId) -> QueryResult<Option<Review>> {
    reviews::table
        .find(id)
        .select(Review::as_select())
        .first(conn)
        .optional()
}

pub fn review_view(conn: &mut DbConn, id: ReviewId) -> QueryResult<Option<ReviewView>> {
    let row: Option<(Review, String)> = reviews::table
        .inner_join(users::table)
        .filter(reviews::id.eq(id))
        .select((Review::as_select(), users::display_name))
        .first(conn)
        .optional()?;
    Ok(review_views(conn, row.into_iter().collect())?.pop())
}

pub fn own_review(
    conn: &mut DbConn,
    company: CompanyId,
    author: UserId,
) -> QueryResult<Option<Review>> {
    reviews::table
        .filter(reviews::company_id.eq(company))
        .filter(reviews::author_id.eq(author))
        .select(Review::as_select())
        .first(conn)
        .optional()
}

/// Recomputes a company's stored totals from its reviews that count
/// (withdrawn ones do not, nor those held or hidden by moderation). One
/// grouped query on the company's index.
pub fn recompute_totals(conn: &mut DbConn, company: CompanyId) -> QueryResult<()> {
    let counts: Vec<(i32, i64)> = reviews::table
        .filter(reviews::company_id.eq(company))
        .filter(reviews::withdrawn_at.is_null())
        .filter(reviews::moderation_state.eq("visible"))
        // Reviews a moderator found not verified stay visible, uncounted.
        .filter(
            reviews::id.ne_all(
                review_labels::table
                    .filter(review_labels::label.eq(LABEL_NOT_VERIFIED))
                    .select(review_labels::review_id),
            ),
        )
        .group_by(reviews::rating)
        .select((reviews::rating, diesel::dsl::count_star()))
        .load(conn)?;
    crate::companies::model::set_totals(conn, company, &counts)
}

pub fn add_label(conn: &mut DbConn, review: ReviewId, label: &str) -> QueryResult<()> {
    crate::db::insert_unless_duplicate(conn, |conn| {
        diesel::insert_into(review_labels::table)
            .values((
                review_labels::review_id.eq(review),
                review_labels::label.eq(label),
                review_labels::created_at.eq(now()),
            ))
            .execute(conn)
    })?;
    Ok(())
}

/// Takes a label off (labels are state, not content: "verification
/// requested" gives way to the outcome).
pub fn remove_label(conn: &mut DbConn, review: ReviewId, label: &str) -> QueryResult<()> {
    diesel::delete(
        review_labels::table
            .filter(review_labels::review_id.eq(review))
            .filter(review_labels::label.eq(label)),
    )
    .execute(conn)?;
    Ok(())
}

pub struct ReviewInput<'a> {
    pub rating: i32,
    pub title: &'a str,
    pub body_source: &'a str,
    pub body_html: &'a SafeHtml,
    pub experience_date: Option<NaiveDate>,
    pub reference: Option<&'a str>,
}

/// Why a review could not be written.
#[derive(Debug, PartialEq, Eq)]
pub enum ReviewRefusal {
    AlreadyReviewed(ReviewId),
    InvitationInvalid,
}

/// Writes a review (and uses its invitation). The unique index backs the
/// one-review rule when two submissions race.
pub fn create_review(
    conn: &mut DbConn,
    company: CompanyId,
    author: UserId,
    input: &ReviewInput,
    invitation: Option<&str>,
) -> QueryResult<Result<ReviewId, ReviewRefusal>> {
    if let Some(existing) = own_review(conn, company, author)? {
        return Ok(Err(ReviewRefusal::AlreadyReviewed(existing.id)));
    }
    let invitation_id = match invitation {
        Some(token) => match use_invitation(conn, company, token)? {
            Some(id) => Some(id),
            None => return Ok(Err(ReviewRefusal::InvitationInvalid)),
        },
        None => None,
    };
    let inserted = crate::db::insert_unless_duplicate(conn, |conn| {
        diesel::insert_into(reviews::table)
            .values((
                reviews::company_id.eq(company),
                reviews::author_id.eq(author),
                reviews::rating.eq(input.rating),
                reviews::title.eq(input.title),
                reviews::body_source.eq(input.body_source),
                reviews::body_html.eq(input.body_html),
                reviews::experience_date.eq(input.experience_date),
                reviews::reference.eq(input.reference),
                reviews::invitation_id.eq(invitation_id),
                reviews::helpful_count.eq(0),
                reviews::created_at.eq(now()),
            ))
            .execute(conn)
    })?;
    if !inserted {
        // Lost a race with another submission by the same person.
        let existing = own_review(conn, company, author)?.map_or(ReviewId(0), |r| r.id);
        return Ok(Err(ReviewRefusal::AlreadyReviewed(existing)));
    }
    let id = own_review(conn, company, author)?
        .ok_or(diesel::result::Error::NotFound)?
        .id;
    if invitation_id.is_some() {
        add_label(conn, id, LABEL_INVITED)?;
    }
    recompute_totals(conn, company)?;
    Ok(Ok(id))
}

/// The author changes the review; the previous version is kept.
pub fn edit_review(conn: &mut DbConn, review: &Review, input: &ReviewInput) -> QueryResult<()> {
    let at = now();
    diesel::insert_into(review_revisions::table)
        .values((
            review_revisions::review_id.eq(review.id),
            review_revisions::rating.eq(review.rating),
            review_revisions::title.eq(&review.title),
            review_revisions::body_source.eq(&review.body_source),
            review_revisions::body_html.eq(&review.body_html),
            review_revisions::experience_date.eq(review.experience_date),
            review_revisions::created_at.eq(at),
        ))
        .execute(conn)?;
    diesel::update(reviews::table.find(review.id))
        .set((
            reviews::rating.eq(input.rating),
            reviews::title.eq(input.title),
            reviews::body_source.eq(input.body_source),
            reviews::body_html.eq(input.body_html),
            reviews::experience_date.eq(input.experience_date),
            reviews::reference.eq(input.reference),
            reviews::edited_at.eq(Some(at)),
        ))
        .execute(conn)?;
    add_label(conn, review.id, LABEL_EDITED)?;
    recompute_totals(conn, review.company_id)
}

/// The author withdraws the review: it stays, labelled, out of the score.
pub fn withdraw_review(conn: &mut DbConn, review: &Review) -> QueryResult<()> {
    diesel::update(
        reviews::table
            .find(review.id)
            .filter(reviews::withdrawn_at.is_null()),
    )
    .set(reviews::withdrawn_at.eq(Some(now())))
    .execute(conn)?;
    add_label(conn, review.id, LABEL_WITHDRAWN)?;
    recompute_totals(conn, review.company_id)
}

pub fn review_revisions(conn: &mut DbConn, review: ReviewId) -> QueryResult<Vec<ReviewRevision>> {
    review_revisions::table
        .filter(review_revisions::review_id.eq(review))
        .select(ReviewRevision::as_select())
        .order(review_revisions::id.desc())
        .load(conn)
}

/// Marks a review helpful for `user`, once. Returns whether it counted.
pub fn mark_helpful(conn: &mut DbConn, review: ReviewId, user: UserId) -> QueryResult<bool> {
    let counted = crate::db::insert_unless_duplicate(conn, |conn| {
        diesel::insert_into(review_helpful::table)
            .values((
                review_helpful::review_id.eq(review),
                review_helpful::user_id.eq(user),
                review_helpful::created_at.eq(now()),
            ))
            .execute(conn)
    })?;
    if counted {
        diesel::update(reviews::table.find(review))
            .set(reviews::helpful_count.eq(reviews::helpful_count + 1))
            .execute(conn)?;
    }
    Ok(counted)
}

pub fn has_marked_helpful(
    conn: &mut DbConn,
    user: UserId,
    ids: &[ReviewId],
) -> QueryResult<Vec<ReviewId>> {
    review_helpful::table
        .filter(review_helpful::user_id.eq(user))
        .filter(review_helpful::review_id.eq_any(ids))
        .select(review_helpful::review_id)
        .load(conn)
}

/// The company's one public reply to a review: created, or edited with the
/// previous version kept. Returns true when it was new.
pub fn save_reply(
    conn: &mut DbConn,
    review: &Review,
    author: UserId,
    source: &str,
    html: &SafeHtml,
) -> QueryResult<bool> {
    let at = now();
    let existing: Option<ReviewReply> = review_replies::table
        .filter(review_replies::review_id.eq(review.id))
        .select(ReviewReply::as_select())
        .first(conn)
        .optional()?;
    match existing {
        Some(reply) => {
            diesel::insert_into(review_reply_revisions::table)
                .values((
                    review_reply_revisions::reply_id.eq(reply.id),
                    review_reply_revisions::body_source.eq(&reply.body_source),
                    review_reply_revisions::body_html.eq(&reply.body_html),
                    review_reply_revisions::created_at.eq(at),
                ))
                .execute(conn)?;
            diesel::update(review_replies::table.find(reply.id))
                .set((
                    review_replies::body_source.eq(source),
                    review_replies::body_html.eq(html),
                    review_replies::author_id.eq(author),
                    review_replies::edited_at.eq(Some(at)),
                ))
                .execute(conn)?;
            Ok(false)
        }
        None => {
            diesel::insert_into(review_replies::table)
                .values((
                    review_replies::review_id.eq(review.id),
                    review_replies::company_id.eq(review.company_id),
                    review_replies::author_id.eq(author),
                    review_replies::body_source.eq(source),
                    review_replies::body_html.eq(html),
                    review_replies::created_at.eq(at),
                ))
                .execute(conn)?;
            Ok(true)
        }
    }
}

pub fn reply_revision_count(conn: &mut DbConn, review: ReviewId) -> QueryResult<i64> {
    review_reply_revisions::table
        .inner_join(
            review_replies::table.on(review_replies::id.eq(review_reply_revisions::reply_id)),
        )
        .filter(review_replies::review_id.eq(review))
        .count()
        .get_result(conn)
}

// ---- invitations -------------------------------------------------------------

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = review_invitations)]
pub struct Invitation {
    pub id: i64,
    pub company_id: CompanyId,
    pub created_by: UserId,
    pub email: Option<String>,
    pub token_hash: String,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

pub const INVITATION_DAYS: i64 = 30;

/// Creates a single-use invitation and returns its token for the link.
pub fn create_invitation(
    conn: &mut DbConn,
    company: CompanyId,
    creator: UserId,
    email: Option<&str>,
) -> QueryResult<String> {
    let token = crate::kernel::tokens::random_token();
    let at = now();
    diesel::insert_into(review_invitations::table)
        .values((
            review_invitations::company_id.eq(company),
            review_invitations::created_by.eq(creator),
            review_invitations::email.eq(email),
            review_invitations::token_hash.eq(crate::kernel::tokens::hash_token(&token)),
            review_invitations::expires_at.eq(at + chrono::Duration::days(INVITATION_DAYS)),
            review_invitations::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(token)
}

/// A valid (unused, unexpired) invitation for this token.
pub fn find_invitation(conn: &mut DbConn, token: &str) -> QueryResult<Option<Invitation>> {
    if token.is_empty() || token.len() > 100 {
        return Ok(None);
    }
    review_invitations::table
        .filter(review_invitations::token_hash.eq(crate::kernel::tokens::hash_token(token)))
        .filter(review_invitations::used_at.is_null())
        .filter(review_invitations::expires_at.gt(now()))
        .select(Invitation::as_select())
        .first(conn)
        .optional()
}

/// Uses an invitation for `company`; only the first caller succeeds.
fn use_invitation(conn: &mut DbConn, company: CompanyId, token: &str) -> QueryResult<Option<i64>> {
    let Some(invitation) = find_invitation(conn, token)?.filter(|i| i.company_id == company) else {
        return Ok(None);
    };
    let updated = diesel::update(
        review_invitations::table
            .find(invitation.id)
            .filter(review_invitations::used_at.is_null()),
    )
    .set(review_invitations::used_at.eq(Some(now())))
    .execute(conn)?;
    Ok((updated == 1).then_some(invitation.id))
}

pub fn recent_invitations(conn: &mut DbConn, company: CompanyId) -> QueryResult<Vec<Invitation>> {
    review_invitations::table
        .filter(review_invitations::company_id.eq(company))
        .select(Invitation::as_select())
        .order(review_invitations::id.desc())
        .limit(50)
        .load(conn)
}

/// The reviewer's address, name and language, for the reply notification.
pub fn reviewer_contact(
    conn: &mut DbConn,
    review: &Review,
) -> QueryResult<(String, String, Option<String>)> {
    users::table
        .find(review.author_id)
        .select((users::email, users::display_name, users::locale))
        .first(conn)
}

#[cfg(test)]
mod review_tests {
    use super::*;

    #[test]
    fn cursors_round_trip() {
        let c = ReviewCursor {
            key: 4,
            id: ReviewId(17),
        };
        assert_eq!(ReviewCursor::parse(&c.to_string()), Some(c));
        assert_eq!(ReviewCursor::parse("x_1"), None);
        assert_eq!(ReviewSort::parse("lowest"), ReviewSort::Lowest);
        assert_eq!(ReviewSort::parse("bogus"), ReviewSort::Newest);
    }
}
