//! Stored response-time badges and the job that recomputes them.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::company_response_times;
use crate::db::{write_transaction, DbConn};
use crate::kernel::ids::CompanyId;
use crate::support::badge::{self, Badge, Window};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = company_response_times)]
pub struct ResponseTime {
    pub company_id: CompanyId,
    pub average_secs: Option<i64>,
    pub answered_threads: i32,
    pub window_hours: i32,
    pub updated_at: NaiveDateTime,
}

#[derive(QueryableByName)]
struct WindowRow {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    company_id: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    answered: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    total_secs: i64,
}

/// Per company: threads whose first official answer came after `since`.
fn answered_since(conn: &mut DbConn, since: NaiveDateTime) -> QueryResult<Vec<WindowRow>> {
    // SUM of a BIGINT is NUMERIC on PostgreSQL: cast so both backends agree.
    let sql = "SELECT company_id, CAST(COUNT(*) AS BIGINT) AS answered, \
               CAST(COALESCE(SUM(first_response_secs), 0) AS BIGINT) AS total_secs \
               FROM threads WHERE company_id IS NOT NULL AND first_staff_answer_at > ";
    match conn {
        DbConn::Sqlite(c) => diesel::sql_query(format!("{sql} ? GROUP BY company_id"))
            .bind::<diesel::sql_types::Timestamp, _>(since)
            .load(c),
        DbConn::Pg(c) => diesel::sql_query(format!("{sql} $1 GROUP BY company_id"))
            .bind::<diesel::sql_types::Timestamp, _>(since)
            .load(c),
    }
}

/// Recomputes every company's badge. Cheap: two grouped queries over the
/// index on the first-answer time, one write per company.
pub fn recompute(conn: &mut DbConn, at: NaiveDateTime) -> QueryResult<usize> {
    let hour = answered_since(conn, at - Duration::hours(1))?;
    let day = answered_since(conn, at - Duration::hours(24))?;
    let companies: Vec<CompanyId> = crate::companies::model::all_companies(conn)?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let window = |rows: &[WindowRow], company: CompanyId| {
        rows.iter()
            .find(|r| r.company_id == company.0)
            .map_or(Window::default(), |r| Window {
                answered: r.answered,
                total_secs: r.total_secs,
            })
    };
    write_transaction(conn, |conn| {
        for company in &companies {
            let (average, answered, hours) =
                match badge::choose(window(&hour, *company), window(&day, *company)) {
                    Badge::Average {
                        secs,
                        answered,
                        window_hours,
                    } => (Some(secs), answered as i32, window_hours),
                    Badge::NotEnoughData => (None, 0, 24),
                };
            diesel::delete(company_response_times::table.find(company)).execute(conn)?;
            diesel::insert_into(company_response_times::table)
                .values((
                    company_response_times::company_id.eq(company),
                    company_response_times::average_secs.eq(average),
                    company_response_times::answered_threads.eq(answered),
                    company_response_times::window_hours.eq(hours),
                    company_response_times::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
        Ok(companies.len())
    })
}

/// The stored badge of a company, if the job has run since it was created.
pub fn response_time(conn: &mut DbConn, company: CompanyId) -> QueryResult<Option<ResponseTime>> {
    company_response_times::table
        .find(company)
        .select(ResponseTime::as_select())
        .first(conn)
        .optional()
}

/// The badge in words, for the company page and the forum section: as a
/// person would say it ("usually answers within 35 minutes"), with the
/// period it covers and when it was worked out.
pub fn badge_text(ctx: &crate::web::layout::PageCtx, stored: Option<&ResponseTime>) -> String {
    let Some(stored) = stored else {
        return ctx.t("badge-not-measured");
    };
    let updated = ctx.time_of_day(&stored.updated_at);
    match stored.average_secs {
        Some(secs) => {
            let key = if stored.window_hours <= 1 {
                "badge-within-hour"
            } else {
                "badge-within-day"
            };
            crate::kernel::i18n::tr_args(
                ctx.lang,
                key,
                &[
                    (
                        "duration",
                        &crate::kernel::i18n::spoken_duration(ctx.lang, secs),
                    ),
                    ("updated", &updated),
                ],
            )
        }
        None => ctx.ta("badge-not-enough", "updated", updated),
    }
}
