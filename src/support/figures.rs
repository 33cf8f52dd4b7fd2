//! Reading the figures for a set of companies and a period: the rollup's
//! days, the waits behind the medians, new and returning customers, what
//! is waiting now, and the searches that found nothing.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{customer_days, search_misses, support_daily, threads};
use crate::db::DbConn;
use crate::kernel::ids::CompanyId;
use crate::support::kpi::{Customers, Day, Waits};

type DailyRow = (
    NaiveDate,
    i32,
    i32,
    i32,
    i32,
    i64,
    i64,
    i32,
    i32,
    i32,
    i32,
    i64,
    i32,
    i64,
);

/// Every day of the period, summed over the companies (days without rows are zero).
pub fn days(
    conn: &mut DbConn,
    companies: &[CompanyId],
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<(NaiveDate, Day)>> {
    let rows: Vec<DailyRow> = support_daily::table
        .filter(support_daily::company_id.eq_any(companies))
        .filter(support_daily::day.ge(from))
        .filter(support_daily::day.le(to))
        .select((
            support_daily::day,
            support_daily::questions,
            support_daily::answered,
            support_daily::answered_in_target,
            support_daily::no_answer_needed,
            support_daily::response_secs,
            support_daily::response_office_secs,
            support_daily::ratings,
            support_daily::ratings_high,
            support_daily::ratings_low,
            support_daily::reviews,
            support_daily::review_rating_sum,
            support_daily::review_replies,
            support_daily::review_reply_secs,
        ))
        .load(conn)?;
    let mut by_day: BTreeMap<NaiveDate, Day> = BTreeMap::new();
    let mut date = from;
    while date <= to {
        by_day.insert(date, Day::default());
        date += Duration::days(1);
    }
    for r in rows {
        *by_day.entry(r.0).or_default() += Day {
            questions: r.1.into(),
            answered: r.2.into(),
            answered_in_target: r.3.into(),
            no_answer_needed: r.4.into(),
            response_secs: r.5,
            response_office_secs: r.6,
            ratings: r.7.into(),
            ratings_high: r.8.into(),
            ratings_low: r.9.into(),
            reviews: r.10.into(),
            review_rating_sum: r.11,
            review_replies: r.12.into(),
            review_reply_secs: r.13,
        };
    }
    Ok(by_day.into_iter().collect())
}

/// Reviews counted before the period: (number, rating sum), for the score line.
pub fn reviews_before(
    conn: &mut DbConn,
    companies: &[CompanyId],
    from: NaiveDate,
) -> QueryResult<(i64, i64)> {
    let rows: Vec<(i32, i64)> = support_daily::table
        .filter(support_daily::company_id.eq_any(companies))
        .filter(support_daily::day.lt(from))
        .filter(support_daily::reviews.gt(0))
        .select((support_daily::reviews, support_daily::review_rating_sum))
        .load(conn)?;
    Ok(rows
        .iter()
        .fold((0, 0), |(n, s), (r, sum)| (n + i64::from(*r), s + sum)))
}

fn bounds(from: NaiveDate, to: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
    let start = from.and_hms_opt(0, 0, 0).unwrap_or_default();
    (
        start,
        to.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::days(1),
    )
}

/// The waits of the period's answered questions (read from the threads of
/// the period only, through the company-and-creation-time index), and its
/// questions still unanswered at its end.
pub fn waits(
    conn: &mut DbConn,
    companies: &[CompanyId],
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<(Waits, Vec<StillOpen>)> {
    let (start, end) = bounds(from, to);
    let rows: Vec<(Option<i64>, Option<i64>)> = threads::table
        .filter(threads::company_id.eq_any(companies.iter().map(|c| Some(*c)).collect::<Vec<_>>()))
        .filter(threads::created_at.ge(start))
        .filter(threads::created_at.lt(end))
        .filter(threads::withdrawn_at.is_null())
        .filter(threads::moderation_state.eq("visible"))
        .filter(threads::first_response_secs.is_not_null())
        .select((
            threads::first_response_secs,
            threads::first_response_office_secs,
        ))
        .load(conn)?;
    let open = still_open(conn, companies, from, to, crate::db::now())?;
    let waits = Waits {
        wall: rows.iter().filter_map(|r| r.0).collect(),
        office: rows.iter().filter_map(|r| r.1.or(r.0)).collect(),
        open_wall: open.iter().map(|o| o.wall_secs).collect(),
        open_office: open.iter().map(|o| o.office_secs).collect(),
    };
    Ok((waits, open))
}

/// A question asked in the period that is still without a first answer,
/// with its wait so far. (One answered after the period ended has its real
/// wait among the answered ones.)
#[derive(Debug, Clone)]
pub struct StillOpen {
    pub thread: crate::forum::model::Thread,
    pub wall_secs: i64,
    pub office_secs: i64,
}

/// The period's questions still unanswered at `at` (and not set aside
/// within the period), oldest first.
pub fn still_open(
    conn: &mut DbConn,
    companies: &[CompanyId],
    from: NaiveDate,
    to: NaiveDate,
    at: NaiveDateTime,
) -> QueryResult<Vec<StillOpen>> {
    let (start, end) = bounds(from, to);
    let asked: Vec<crate::forum::model::Thread> = threads::table
        .filter(threads::company_id.eq_any(companies.iter().map(|c| Some(*c)).collect::<Vec<_>>()))
        .filter(threads::created_at.ge(start))
        .filter(threads::created_at.lt(end.min(at)))
        .filter(threads::withdrawn_at.is_null())
        .filter(threads::moderation_state.eq("visible"))
        .filter(threads::first_staff_answer_at.is_null())
        .filter(
            threads::no_answer_at
                .is_null()
                .or(threads::no_answer_at.ge(end)),
        )
        .order(threads::created_at)
        .select(crate::forum::model::Thread::as_select())
        .load(conn)?;
    let settings = crate::support::settings::load_many(conn, companies)?;
    let mut open = Vec::with_capacity(asked.len());
    for thread in asked {
        let office_secs = settings
            .iter()
            .find(|s| Some(s.company_id) == thread.company_id)
            .map_or((at - thread.created_at).num_seconds(), |s| {
                s.schedule.office_secs_between(thread.created_at, at)
            });
        open.push(StillOpen {
            wall_secs: (at - thread.created_at).num_seconds().max(0),
            office_secs,
            thread,
        });
    }
    Ok(open)
}

pub fn customers(
    conn: &mut DbConn,
    companies: &[CompanyId],
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Customers> {
    let active: Vec<(CompanyId, crate::kernel::ids::UserId)> = customer_days::table
        .filter(customer_days::company_id.eq_any(companies))
        .filter(customer_days::day.ge(from))
        .filter(customer_days::day.le(to))
        .select((customer_days::company_id, customer_days::user_id))
        .distinct()
        .load(conn)?;
    let earlier: Vec<(CompanyId, crate::kernel::ids::UserId)> = customer_days::table
        .filter(customer_days::company_id.eq_any(companies))
        .filter(customer_days::day.lt(from))
        .filter(customer_days::user_id.eq_any(active.iter().map(|a| a.1).collect::<Vec<_>>()))
        .select((customer_days::company_id, customer_days::user_id))
        .distinct()
        .load(conn)?;
    let new = active.iter().filter(|a| !earlier.contains(a)).count() as i64;
    Ok(Customers {
        active: active.len() as i64,
        new,
    })
}

/// Threads waiting now for a first answer, and since when the oldest waits.
pub fn waiting_now(
    conn: &mut DbConn,
    companies: &[CompanyId],
) -> QueryResult<(i64, Option<NaiveDateTime>)> {
    let waiting = threads::table
        .filter(threads::company_id.eq_any(companies.iter().map(|c| Some(*c)).collect::<Vec<_>>()))
        .filter(threads::first_staff_answer_at.is_null())
        .filter(threads::no_answer_at.is_null())
        .filter(threads::withdrawn_at.is_null())
        .filter(threads::moderation_state.eq("visible"));
    let (count, oldest): (i64, Option<NaiveDateTime>) = waiting
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::min(threads::created_at),
        ))
        .first(conn)?;
    Ok((count, oldest))
}

/// Searches that found nothing in the period, most frequent first: those
/// made from `companies`' pages, and with `site_wide` also those made from
/// no company's page (for administrators).
pub fn search_misses(
    conn: &mut DbConn,
    companies: &[CompanyId],
    site_wide: bool,
    from: NaiveDate,
    to: NaiveDate,
    limit: i64,
) -> QueryResult<Vec<(String, i64)>> {
    let (start, end) = bounds(from, to);
    use diesel::IntoSql;
    let site_wide_too = search_misses::company_id
        .is_null()
        .and(site_wide.into_sql::<diesel::sql_types::Bool>());
    search_misses::table
        .filter(
            search_misses::company_id
                .eq_any(companies.to_vec())
                .or(site_wide_too.nullable()),
        )
        .filter(search_misses::created_at.ge(start))
        .filter(search_misses::created_at.lt(end))
        .group_by(search_misses::query)
        .select((search_misses::query, diesel::dsl::count_star()))
        .order((diesel::dsl::count_star().desc(), search_misses::query))
        .limit(limit)
        .load(conn)
}
