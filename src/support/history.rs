//! A customer's whole history with one company, for its staff: threads,
//! replies, reviews, private conversations, the ratings they gave answers,
//! and the moderation decisions about their content there.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{answer_ratings, moderation_decisions, posts, reviews, threads};
use crate::db::DbConn;
use crate::forum::model::{Post, Thread};
use crate::kernel::i18n::Lang;
use crate::kernel::ids::{CompanyId, PostId, ThreadId, UserId};
use crate::kernel::user::CurrentUser;
use crate::moderation::model::Decision;
use crate::reviews::model::Review;
use crate::support::conversations::{self, Conversation};

const LIMIT: i64 = 100;

/// A thread or a review by the customer, titled as the staff member may read it.
#[derive(Debug, Clone)]
pub struct Titled<T> {
    pub item: T,
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct ReplyRow {
    pub post_id: PostId,
    pub thread_id: ThreadId,
    pub thread_title: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone)]
pub struct RatingRow {
    pub thread_id: ThreadId,
    pub thread_title: String,
    pub rating: i32,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone)]
pub struct History {
    pub threads: Vec<Titled<Thread>>,
    pub replies: Vec<ReplyRow>,
    pub reviews: Vec<Titled<Review>>,
    pub conversations: Vec<Conversation>,
    pub ratings: Vec<RatingRow>,
    pub decisions: Vec<Decision>,
}

fn company_filter(company: CompanyId) -> Vec<Option<CompanyId>> {
    vec![Some(company)]
}

/// The customer's history with `company`, as `staff` may see it: what is
/// held does not exist for them, what is hidden or withdrawn shows as a
/// notice (the gate decides, item by item).
pub fn load(
    conn: &mut DbConn,
    company: CompanyId,
    customer: UserId,
    staff: &CurrentUser,
    lang: Lang,
) -> QueryResult<History> {
    let viewer = Some(staff);
    let threads = threads::table
        .filter(threads::company_id.eq_any(company_filter(company)))
        .filter(threads::author_id.eq(customer))
        .order(threads::id.desc())
        .limit(LIMIT)
        .select(Thread::as_select())
        .load(conn)?
        .into_iter()
        .filter_map(|thread| {
            Some(Titled {
                title: thread.title_for(viewer, lang)?,
                item: thread,
            })
        })
        .collect();
    let rows: Vec<(Post, Thread)> = posts::table
        .inner_join(threads::table)
        .filter(threads::company_id.eq_any(company_filter(company)))
        .filter(posts::author_id.eq(customer))
        .filter(posts::is_opening.eq(false))
        .order(posts::id.desc())
        .limit(LIMIT)
        .select((Post::as_select(), Thread::as_select()))
        .load(conn)?;
    let replies = rows
        .into_iter()
        .filter(|(post, thread)| post.sight(thread, viewer).appears())
        .filter_map(|(post, thread)| {
            Some(ReplyRow {
                post_id: post.id,
                thread_id: thread.id,
                thread_title: thread.title_for(viewer, lang)?,
                created_at: post.created_at,
            })
        })
        .collect();
    let reviews = reviews::table
        .filter(reviews::company_id.eq(company))
        .filter(reviews::author_id.eq(customer))
        .select(Review::as_select())
        .load(conn)?
        .into_iter()
        .filter_map(|review| {
            Some(Titled {
                title: review.title_for(viewer, lang)?,
                item: review,
            })
        })
        .collect();
    let conversations = conversations::between(conn, company, customer)?;
    let rated: Vec<(Thread, i32, NaiveDateTime)> = answer_ratings::table
        .inner_join(threads::table.on(threads::id.eq(answer_ratings::thread_id)))
        .filter(threads::company_id.eq_any(company_filter(company)))
        .filter(answer_ratings::rater_id.eq(customer))
        .order(answer_ratings::id.desc())
        .limit(LIMIT)
        .select((
            Thread::as_select(),
            answer_ratings::rating,
            answer_ratings::created_at,
        ))
        .load(conn)?;
    let ratings = rated
        .into_iter()
        .filter_map(|(thread, rating, created_at)| {
            Some(RatingRow {
                thread_id: thread.id,
                thread_title: thread.title_for(viewer, lang)?,
                rating,
                created_at,
            })
        })
        .collect();
    let decisions = moderation_decisions::table
        .filter(moderation_decisions::company_id.eq(company))
        .filter(moderation_decisions::author_id.eq(customer))
        .order(moderation_decisions::id.desc())
        .limit(LIMIT)
        .select(Decision::as_select())
        .load(conn)?;
    Ok(History {
        threads,
        replies,
        reviews,
        conversations,
        ratings,
        decisions,
    })
}
