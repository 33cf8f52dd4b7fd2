//! Reviews: one per customer per company, sorted and filtered by keyset,
//! written, edited with history, withdrawn, marked helpful; and the
//! company's totals recomputed from the reviews that count. A review's
//! words are read through the gate.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{review_helpful, review_labels, reviews, users};
use crate::db::{now, DbConn};
use crate::kernel::gate::{self, Facts, Gated, Shown, Sight, State};
use crate::kernel::i18n::Lang;
use crate::kernel::ids::{CompanyId, ReviewId, UserId};
use crate::kernel::item::{self, ItemRef};
use crate::kernel::markdown::SafeHtml;
use crate::kernel::user::CurrentUser;
use crate::reviews::model::invitations::use_invitation;
use crate::reviews::model::labels::{
    add_label, LABEL_EDITED, LABEL_INVITED, LABEL_NOT_VERIFIED, LABEL_WITHDRAWN,
};
use crate::reviews::model::replies::{replies_of, ReplyView};

pub const REVIEW_TITLE_MIN: usize = 3;
pub const REVIEW_TITLE_MAX: usize = 120;
pub const REVIEW_BODY_MAX: usize = 10_000;
pub const REFERENCE_MAX: usize = 100;
pub const REVIEWS_PER_PAGE: i64 = 20;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reviews)]
pub struct Review {
    pub id: ReviewId,
    pub company_id: CompanyId,
    pub author_id: UserId,
    pub rating: i32,
    /// The words: out of sight, read through `shown` or `public_text` (the gate).
    title: String,
    body_source: String,
    body_html: SafeHtml,
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

/// A review's words.
#[derive(Debug, Clone)]
pub struct ReviewText {
    pub title: String,
    pub source: String,
    pub html: SafeHtml,
}

impl Review {
    pub fn item(&self) -> ItemRef {
        ItemRef::Review(self.id)
    }

    /// What the gate needs.
    pub fn facts(&self) -> Facts {
        item::review_facts(
            self.author_id,
            self.company_id,
            &self.moderation_state,
            self.moderation_clause,
            self.moderated_at,
            self.withdrawn_at,
        )
    }

    pub fn sight(&self, viewer: Option<&CurrentUser>) -> Sight {
        gate::sight(viewer, &self.facts())
    }

    /// What `viewer` sees of the review's words.
    pub fn shown(&self, viewer: Option<&CurrentUser>) -> Shown<ReviewText> {
        Gated::seal(self.facts(), self.text()).open(viewer)
    }

    /// The words as the public reads them, if it does (emails, exports).
    pub fn public_text(&self) -> Option<ReviewText> {
        gate::is_public(&self.facts()).then(|| self.text())
    }

    /// The title as `viewer` may read it, else the notice standing in its
    /// place; `None` when the review does not exist for them.
    pub fn title_for(&self, viewer: Option<&CurrentUser>, lang: Lang) -> Option<String> {
        match self.sight(viewer) {
            Sight::Text(_) => Some(self.title.clone()),
            Sight::NoticeOnly(notice) => Some(notice.title(lang)),
            Sight::Nothing => None,
        }
    }

    /// The words for a message to the review's own author (a verification
    /// request): the gate lets an author read their own words in any state.
    pub fn author_text(&self) -> ReviewText {
        self.text()
    }

    /// The words as one string for the automatic checks that compare
    /// reviews (near-duplicates); never shown to anyone.
    pub fn words_for_checks(&self) -> String {
        format!("{}\n{}", self.title, self.body_source)
    }

    fn text(&self) -> ReviewText {
        ReviewText {
            title: self.title.clone(),
            source: self.body_source.clone(),
            html: self.body_html.clone(),
        }
    }
}

/// A review as a page shows it to one viewer: what the gate lets through
/// of it and of the company's reply.
#[derive(Debug, Clone)]
pub struct ReviewView {
    pub review: Review,
    pub shown: Shown<ReviewText>,
    pub author_name: String,
    pub labels: Vec<String>,
    pub reply: Option<ReplyView>,
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
    viewer: Option<&CurrentUser>,
) -> QueryResult<(Vec<ReviewView>, bool)> {
    let mut q = reviews::table
        .inner_join(users::table)
        .filter(reviews::company_id.eq(company))
        .select((Review::as_select(), users::display_name))
        .limit(REVIEWS_PER_PAGE + 1)
        .into_boxed();
    // A held review exists only for its author and neutral moderators; the
    // query leaves the rest out so the page fills (the gate still decides).
    if !viewer.is_some_and(|v| v.is_neutral_moderator_for(Some(company))) {
        q = q.filter(
            reviews::moderation_state
                .ne(State::Held.as_str())
                .or(reviews::author_id.eq(viewer.map_or(UserId(0), |v| v.id))),
        );
    }
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
    Ok((review_views(conn, rows, viewer)?, more))
}

/// The reviews as `viewer` may see them, with their labels and the
/// company's replies; those that do not exist for the viewer are left out.
fn review_views(
    conn: &mut DbConn,
    rows: Vec<(Review, String)>,
    viewer: Option<&CurrentUser>,
) -> QueryResult<Vec<ReviewView>> {
    let ids: Vec<ReviewId> = rows.iter().map(|(r, _)| r.id).collect();
    let labels: Vec<(ReviewId, String)> = review_labels::table
        .filter(review_labels::review_id.eq_any(&ids))
        .select((review_labels::review_id, review_labels::label))
        .order(review_labels::id)
        .load(conn)?;
    let replies = replies_of(conn, &ids)?;
    Ok(rows
        .into_iter()
        .filter(|(review, _)| review.sight(viewer).appears())
        .map(|(review, author_name)| ReviewView {
            labels: labels
                .iter()
                .filter(|(id, _)| *id == review.id)
                .map(|(_, l)| l.clone())
                .collect(),
            reply: replies
                .iter()
                .find(|r| r.review_id == review.id)
                .map(|reply| ReplyView {
                    shown: reply.shown(&review, viewer),
                    reply: reply.clone(),
                })
                .filter(|v| v.shown.appears()),
            shown: review.shown(viewer),
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

/// Several reviews by id, in no particular order.
pub fn find_reviews(conn: &mut DbConn, ids: &[ReviewId]) -> QueryResult<Vec<Review>> {
    reviews::table
        .filter(reviews::id.eq_any(ids))
        .select(Review::as_select())
        .load(conn)
}

/// One review as `viewer` may see it (`None` when it does not exist for them).
pub fn review_view(
    conn: &mut DbConn,
    id: ReviewId,
    viewer: Option<&CurrentUser>,
) -> QueryResult<Option<ReviewView>> {
    let row: Option<(Review, String)> = reviews::table
        .inner_join(users::table)
        .filter(reviews::id.eq(id))
        .select((Review::as_select(), users::display_name))
        .first(conn)
        .optional()?;
    Ok(review_views(conn, row.into_iter().collect(), viewer)?.pop())
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
    recompute_totals_at(conn, company, crate::db::now())
}

/// The counted reviews' totals and age weights as of `at`.
fn recompute_totals_at(
    conn: &mut DbConn,
    company: CompanyId,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let counted: Vec<(i32, NaiveDateTime)> = reviews::table
        .filter(reviews::company_id.eq(company))
        .filter(reviews::withdrawn_at.is_null())
        .filter(reviews::moderation_state.eq(State::Visible.as_str()))
        // Reviews a moderator found not verified stay visible, uncounted.
        .filter(
            reviews::id.ne_all(
                review_labels::table
                    .filter(review_labels::label.eq(LABEL_NOT_VERIFIED))
                    .select(review_labels::review_id),
            ),
        )
        .select((reviews::rating, reviews::created_at))
        .load(conn)?;
    let mut counts: Vec<(i32, i64)> = (1..=5).map(|r| (r, 0)).collect();
    for (rating, _) in &counted {
        if let Some(slot) = counts.iter_mut().find(|(r, _)| r == rating) {
            slot.1 += 1;
        }
    }
    crate::companies::model::set_totals(conn, company, &counts)?;
    let ages: Vec<(i32, f64)> = counted
        .iter()
        .map(|(rating, written)| (*rating, (at - *written).num_seconds() as f64 / 86_400.0))
        .collect();
    let half_life = crate::config::policy().score_half_life_days;
    let (weight, sum) = crate::companies::score::weigh(&ages, half_life);
    crate::companies::model::set_weights(conn, company, weight, sum)
}

/// Once a day (the job runs more often): every company's weights as of
/// now, since a review's weight falls with time alone.
pub fn age_scores(conn: &mut DbConn, at: NaiveDateTime) -> QueryResult<usize> {
    static LAST_DAY: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(i64::MIN);
    let today = at.and_utc().timestamp() / 86_400;
    if LAST_DAY.swap(today, std::sync::atomic::Ordering::Relaxed) == today {
        return Ok(0);
    }
    let companies: Vec<CompanyId> = crate::db::schema::companies::table
        .filter(crate::db::schema::companies::review_count.gt(0))
        .select(crate::db::schema::companies::id)
        .load(conn)?;
    for company in &companies {
        recompute_totals_at(conn, *company, at)?;
    }
    Ok(0)
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

/// The author changes the review: the words it had are kept as an earlier
/// version (with their rating and date), the new ones replace them.
pub fn edit_review(conn: &mut DbConn, review: &Review, input: &ReviewInput) -> QueryResult<()> {
    item::revise(
        conn,
        review.item(),
        &item::NewText {
            title: Some(input.title),
            source: input.body_source,
            html: input.body_html,
        },
    )?;
    diesel::update(reviews::table.find(review.id))
        .set((
            reviews::rating.eq(input.rating),
            reviews::experience_date.eq(input.experience_date),
            reviews::reference.eq(input.reference),
        ))
        .execute(conn)?;
    add_label(conn, review.id, LABEL_EDITED)?;
    recompute_totals(conn, review.company_id)
}

/// What withdrawing a review adds to the item's withdrawal: the label, and
/// the company's score without it.
pub fn after_withdrawal(conn: &mut DbConn, review: &item::Item) -> QueryResult<()> {
    if let (ItemRef::Review(id), Some(company)) = (review.item, review.company_id) {
        add_label(conn, id, LABEL_WITHDRAWN)?;
        recompute_totals(conn, company)?;
    }
    Ok(())
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
