//! The daily rollup behind the figures: one row per company and UTC day,
//! and the days each customer was active with each company. The job
//! rebuilds the last `RECENT_DAYS` days every run (questions count on the
//! day they were asked, so a late answer updates its question's day), and
//! everything when the table is empty. The figures read these rows only.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{
    answer_ratings, customer_days, posts, review_replies, reviews, support_daily, threads,
};
use crate::db::{write_transaction, DbConn};
use crate::kernel::ids::{CompanyId, ThreadId, UserId};
use crate::support::kpi::Day;
use crate::support::settings::{self, ServiceSettings};

pub const RECENT_DAYS: i64 = 8;

fn start_of(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(0, 0, 0).unwrap_or_default()
}

type ThreadFacts = (
    ThreadId,
    Option<CompanyId>,
    UserId,
    NaiveDateTime,
    Option<NaiveDateTime>,
    Option<i64>,
    Option<i64>,
    Option<NaiveDateTime>,
);

/// Rebuilds the rollup for the days `from..=to` (UTC). Returns the number of
/// company-day rows written.
pub fn rebuild(conn: &mut DbConn, from: NaiveDate, to: NaiveDate) -> QueryResult<usize> {
    let (start, end) = (start_of(from), start_of(to) + Duration::days(1));
    let asked: Vec<ThreadFacts> = threads::table
        .filter(threads::company_id.is_not_null())
        .filter(threads::created_at.ge(start))
        .filter(threads::created_at.lt(end))
        .filter(threads::withdrawn_at.is_null())
        .filter(threads::moderation_state.eq("visible"))
        .select((
            threads::id,
            threads::company_id,
            threads::author_id,
            threads::created_at,
            threads::first_staff_answer_at,
            threads::first_response_secs,
            threads::first_response_office_secs,
            threads::no_answer_at,
        ))
        .load(conn)?;
    let companies: Vec<CompanyId> = {
        let set: BTreeSet<CompanyId> = asked.iter().filter_map(|t| t.1).collect();
        set.into_iter().collect()
    };
    let all_settings = settings::load_many(conn, &companies)?;
    let settings_of = |company: CompanyId| {
        all_settings
            .iter()
            .find(|s| s.company_id == company)
            .cloned()
            .unwrap_or_else(|| ServiceSettings::defaults(company))
    };
    let mut days: BTreeMap<(CompanyId, NaiveDate), Day> = BTreeMap::new();
    let mut active: BTreeSet<(CompanyId, UserId, NaiveDate)> = BTreeSet::new();
    let mut office_updates: Vec<(ThreadId, i64)> = Vec::new();
    for (id, company, author, created, answered_at, secs, office, no_answer) in asked {
        let Some(company) = company else { continue };
        let settings = settings_of(company);
        let day = days.entry((company, created.date())).or_default();
        active.insert((company, author, created.date()));
        day.questions += 1;
        match (answered_at, secs) {
            (Some(answered_at), Some(secs)) => {
                let office = office.unwrap_or_else(|| {
                    let computed = settings.schedule.office_secs_between(created, answered_at);
                    office_updates.push((id, computed));
                    computed
                });
                day.answered += 1;
                day.response_secs += secs;
                day.response_office_secs += office;
                if office <= settings.target_secs() {
                    day.answered_in_target += 1;
                }
            }
            _ if no_answer.is_some() => day.no_answer_needed += 1,
            _ => {}
        }
    }
    let ratings: Vec<(Option<CompanyId>, i32, NaiveDateTime)> = answer_ratings::table
        .inner_join(threads::table.on(threads::id.eq(answer_ratings::thread_id)))
        .filter(threads::company_id.is_not_null())
        .filter(answer_ratings::created_at.ge(start))
        .filter(answer_ratings::created_at.lt(end))
        .select((
            threads::company_id,
            answer_ratings::rating,
            answer_ratings::created_at,
        ))
        .load(conn)?;
    for (company, rating, at) in ratings {
        let Some(company) = company else { continue };
        let day = days.entry((company, at.date())).or_default();
        day.ratings += 1;
        day.ratings_high += i64::from(rating >= 4);
        day.ratings_low += i64::from(rating <= 2);
    }
    let received: Vec<(CompanyId, UserId, i32, NaiveDateTime)> = reviews::table
        .filter(reviews::created_at.ge(start))
        .filter(reviews::created_at.lt(end))
        .filter(reviews::moderation_state.ne("held"))
        .select((
            reviews::company_id,
            reviews::author_id,
            reviews::rating,
            reviews::created_at,
        ))
        .load(conn)?;
    for (company, author, rating, at) in received {
        let day = days.entry((company, at.date())).or_default();
        day.reviews += 1;
        day.review_rating_sum += i64::from(rating);
        active.insert((company, author, at.date()));
    }
    let replies: Vec<(CompanyId, NaiveDateTime, NaiveDateTime)> = review_replies::table
        .inner_join(reviews::table)
        .filter(review_replies::created_at.ge(start))
        .filter(review_replies::created_at.lt(end))
        .select((
            review_replies::company_id,
            review_replies::created_at,
            reviews::created_at,
        ))
        .load(conn)?;
    for (company, replied, reviewed) in replies {
        let day = days.entry((company, replied.date())).or_default();
        day.review_replies += 1;
        day.review_reply_secs += (replied - reviewed).num_seconds().max(0);
    }
    // Customers' replies in company sections (staff speaking for the
    // company are not customers of it).
    let customer_posts: Vec<(Option<CompanyId>, UserId, NaiveDateTime)> = posts::table
        .inner_join(threads::table)
        .filter(threads::company_id.is_not_null())
        .filter(posts::as_company_id.is_null())
        .filter(posts::created_at.ge(start))
        .filter(posts::created_at.lt(end))
        .select((threads::company_id, posts::author_id, posts::created_at))
        .load(conn)?;
    for (company, author, at) in customer_posts {
        if let Some(company) = company {
            active.insert((company, author, at.date()));
        }
    }
    write_transaction(conn, |conn| {
        for (id, office) in &office_updates {
            diesel::update(threads::table.find(id))
                .set(threads::first_response_office_secs.eq(Some(*office)))
                .execute(conn)?;
        }
        diesel::delete(
            support_daily::table
                .filter(support_daily::day.ge(from))
                .filter(support_daily::day.le(to)),
        )
        .execute(conn)?;
        // Integers and dates only, so the rows are written as literal
        // multi-row VALUES (the multi-backend connection has no batch insert).
        let rows: Vec<String> = days
            .iter()
            .map(|((company, date), d)| {
                format!(
                    "({}, '{}', {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
                    company.0,
                    date.format("%Y-%m-%d"),
                    d.questions,
                    d.answered,
                    d.answered_in_target,
                    d.no_answer_needed,
                    d.response_secs,
                    d.response_office_secs,
                    d.ratings,
                    d.ratings_high,
                    d.ratings_low,
                    d.reviews,
                    d.review_rating_sum,
                    d.review_replies,
                    d.review_reply_secs
                )
            })
            .collect();
        for chunk in rows.chunks(500) {
            diesel::sql_query(format!(
                "INSERT INTO support_daily (company_id, day, questions, answered, \
                 answered_in_target, no_answer_needed, response_secs, response_office_secs, \
                 ratings, ratings_high, ratings_low, reviews, review_rating_sum, \
                 review_replies, review_reply_secs) VALUES {}",
                chunk.join(", ")
            ))
            .execute(conn)?;
        }
        diesel::delete(
            customer_days::table
                .filter(customer_days::day.ge(from))
                .filter(customer_days::day.le(to)),
        )
        .execute(conn)?;
        let activity: Vec<String> = active
            .iter()
            .map(|(company, user, date)| {
                format!("({}, {}, '{}')", company.0, user.0, date.format("%Y-%m-%d"))
            })
            .collect();
        for chunk in activity.chunks(1000) {
            diesel::sql_query(format!(
                "INSERT INTO customer_days (company_id, user_id, day) VALUES {}",
                chunk.join(", ")
            ))
            .execute(conn)?;
        }
        Ok(days.len())
    })
}

/// How many days one backfill step rebuilds (each in its own transaction,
/// so memory and lock time stay bounded on a large database).
pub const BACKFILL_DAYS: i64 = 31;

/// What the periodic job runs: the recent days, or everything the first
/// time, a month at a time. Returns the number of company-day rows written.
pub fn refresh(conn: &mut DbConn, at: NaiveDateTime) -> QueryResult<usize> {
    let today = at.date();
    let rows: i64 = support_daily::table.count().get_result(conn)?;
    if rows > 0 {
        return rebuild(conn, today - Duration::days(RECENT_DAYS - 1), today);
    }
    let first: Option<NaiveDateTime> = threads::table
        .select(diesel::dsl::min(threads::created_at))
        .first(conn)?;
    let first_review: Option<NaiveDateTime> = reviews::table
        .select(diesel::dsl::min(reviews::created_at))
        .first(conn)?;
    let Some(first) = first.into_iter().chain(first_review).min() else {
        return Ok(0);
    };
    let mut written = 0;
    let mut from = first.date();
    while from <= today {
        let to = (from + Duration::days(BACKFILL_DAYS - 1)).min(today);
        written += rebuild(conn, from, to)?;
        from = to + Duration::days(1);
    }
    Ok(written)
}
