//! What the public log and the transparency figures read: decisions and
//! decided reports, without anyone's words.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{companies, flags, moderation_decisions, posts};
use crate::db::DbConn;
use crate::kernel::ids::{CompanyId, DecisionId, PostId};
use crate::moderation::figures::FlagFact;
use crate::moderation::model::cases::CLOSED;
use crate::moderation::model::decisions::Decision;

pub fn log_page(
    conn: &mut DbConn,
    before: Option<DecisionId>,
    limit: i64,
) -> QueryResult<Vec<Decision>> {
    let mut query = moderation_decisions::table
        .select(Decision::as_select())
        .order(moderation_decisions::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(before) = before {
        query = query.filter(moderation_decisions::id.lt(before));
    }
    query.load(conn)
}

pub fn decisions_since(conn: &mut DbConn, since: NaiveDateTime) -> QueryResult<Vec<Decision>> {
    moderation_decisions::table
        .filter(moderation_decisions::created_at.ge(since))
        .select(Decision::as_select())
        .order(moderation_decisions::id)
        .load(conn)
}

/// User flags decided since a time, as the transparency figures need them.
pub fn decided_flags_since(conn: &mut DbConn, since: NaiveDateTime) -> QueryResult<Vec<FlagFact>> {
    type Row = (
        NaiveDateTime,
        Option<NaiveDateTime>,
        bool,
        String,
        Option<String>,
    );
    let rows: Vec<Row> = flags::table
        .filter(flags::created_at.ge(since))
        .filter(flags::automatic.eq(false))
        .filter(flags::status.eq(CLOSED))
        .select((
            flags::created_at,
            flags::closed_at,
            flags::from_company_staff,
            flags::item_kind,
            flags::outcome,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(created_at, closed_at, from_company_staff, kind, outcome)| FlagFact {
                created_at,
                closed_at,
                from_company_staff,
                about_review: kind == "review",
                outcome,
            },
        )
        .collect())
}

pub fn company_names(
    conn: &mut DbConn,
    ids: &[CompanyId],
) -> QueryResult<Vec<(CompanyId, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    companies::table
        .filter(companies::id.eq_any(ids))
        .select((companies::id, companies::name))
        .load(conn)
}

/// Whether a post is a thread's opening post (the log calls it a thread).
pub fn opening_posts(conn: &mut DbConn, ids: &[i64]) -> QueryResult<Vec<i64>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<PostId> = ids.iter().map(|i| PostId(*i)).collect();
    Ok(posts::table
        .filter(posts::id.eq_any(ids))
        .filter(posts::is_opening.eq(true))
        .select(posts::id)
        .load::<PostId>(conn)?
        .into_iter()
        .map(|p| p.0)
        .collect())
}
