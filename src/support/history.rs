//! A customer's whole history with one company, for its staff: threads,
//! replies, reviews, private conversations, the ratings they gave answers,
//! and the moderation decisions about their content there.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{answer_ratings, moderation_decisions, posts, reviews, threads};
use crate::db::DbConn;
use crate::forum::model::Thread;
use crate::kernel::ids::{CompanyId, PostId, ThreadId, UserId};
use crate::moderation::model::Decision;
use crate::reviews::model::Review;
use crate::support::conversations::{self, Conversation};

const LIMIT: i64 = 100;

#[derive(Debug, Clone, Queryable)]
pub struct ReplyRow {
    pub post_id: PostId,
    pub thread_id: ThreadId,
    pub thread_title: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable)]
pub struct RatingRow {
    pub thread_id: ThreadId,
    pub thread_title: String,
    pub rating: i32,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone)]
pub struct History {
    pub threads: Vec<Thread>,
    pub replies: Vec<ReplyRow>,
    pub reviews: Vec<Review>,
    pub conversations: Vec<Conversation>,
    pub ratings: Vec<RatingRow>,
    pub decisions: Vec<Decision>,
}

fn company_filter(company: CompanyId) -> Vec<Option<CompanyId>> {
    vec![Some(company)]
}

pub fn load(conn: &mut DbConn, company: CompanyId, customer: UserId) -> QueryResult<History> {
    let threads = threads::table
        .filter(threads::company_id.eq_any(company_filter(company)))
        .filter(threads::author_id.eq(customer))
        .order(threads::id.desc())
        .limit(LIMIT)
        .select(Thread::as_select())
        .load(conn)?;
    let replies = posts::table
        .inner_join(threads::table)
        .filter(threads::company_id.eq_any(company_filter(company)))
        .filter(posts::author_id.eq(customer))
        .filter(posts::is_opening.eq(false))
        .order(posts::id.desc())
        .limit(LIMIT)
        .select((posts::id, threads::id, threads::title, posts::created_at))
        .load(conn)?;
    let reviews = reviews::table
        .filter(reviews::company_id.eq(company))
        .filter(reviews::author_id.eq(customer))
        .select(Review::as_select())
        .load(conn)?;
    let conversations = conversations::between(conn, company, customer)?;
    let ratings = answer_ratings::table
        .inner_join(threads::table.on(threads::id.eq(answer_ratings::thread_id)))
        .filter(threads::company_id.eq_any(company_filter(company)))
        .filter(answer_ratings::rater_id.eq(customer))
        .order(answer_ratings::id.desc())
        .limit(LIMIT)
        .select((
            threads::id,
            threads::title,
            answer_ratings::rating,
            answer_ratings::created_at,
        ))
        .load(conn)?;
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
