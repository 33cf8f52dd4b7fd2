//! The session table: one row per logged-in browser. The browser keeps a
//! random token in a cookie; the row keeps only the token's hash, so a copy
//! of the database opens no session. Ending a session deletes its row, and
//! from then on the cookie opens nothing, wherever it was copied to.
//!
//! A session ends by itself when it has been idle too long (the limit is
//! longer for "remember me") or reaches its absolute lifetime, whatever its
//! activity.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

pub use crate::config::Lifetimes;
use crate::db::schema::{sessions, users};
use crate::db::DbConn;
use crate::kernel::ids::{SessionId, UserId};
use crate::kernel::tokens::{hash_token, random_token};

/// A session is touched (its last-seen time written) at most this often,
/// so that reading pages does not turn into a write per request.
pub const TOUCH_EVERY: Duration = Duration::minutes(5);

/// What the account page shows of a session.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id: SessionId,
    pub user_id: UserId,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub remember: bool,
    pub user_agent: String,
}

/// Who is logging in, from where, for how long.
pub struct NewSession<'a> {
    pub user: UserId,
    pub remember: bool,
    pub user_agent: &'a str,
    pub address_hash: &'a str,
}

/// The user agent as kept: printable, at most 200 characters.
fn clean_user_agent(user_agent: &str) -> String {
    user_agent
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect()
}

/// Opens a session and returns the token for the browser's cookie.
pub fn create(
    conn: &mut DbConn,
    new: &NewSession<'_>,
    lifetimes: &Lifetimes,
    now: NaiveDateTime,
) -> QueryResult<(SessionId, String)> {
    let token = random_token();
    let id = diesel::insert_into(sessions::table)
        .values((
            sessions::token_hash.eq(hash_token(&token)),
            sessions::user_id.eq(new.user),
            sessions::created_at.eq(now),
            sessions::last_seen_at.eq(now),
            sessions::expires_at.eq(lifetimes.expires(now)),
            sessions::remember.eq(new.remember),
            sessions::user_agent.eq(clean_user_agent(new.user_agent)),
            sessions::address_hash.eq(new.address_hash),
        ))
        .returning(sessions::id)
        .get_result(conn)?;
    Ok((id, token))
}

/// The open session a cookie's token belongs to, if any: not ended, not
/// idle too long, not past its lifetime, and its account not suspended by
/// an administrator. A session found expired is deleted on the way.
pub fn find_live(
    conn: &mut DbConn,
    token: &str,
    lifetimes: &Lifetimes,
    now: NaiveDateTime,
) -> QueryResult<Option<SessionRow>> {
    let found: Option<(SessionRow, Option<NaiveDateTime>)> = sessions::table
        .inner_join(users::table)
        .filter(sessions::token_hash.eq(hash_token(token)))
        .select((SessionRow::as_select(), users::disabled_at))
        .first(conn)
        .optional()?;
    let Some((row, disabled_at)) = found else {
        return Ok(None);
    };
    if disabled_at.is_some()
        || !lifetimes.is_live(row.remember, row.last_seen_at, row.expires_at, now)
    {
        end(conn, row.id)?;
        return Ok(None);
    }
    if now - row.last_seen_at >= TOUCH_EVERY {
        diesel::update(sessions::table.find(row.id))
            .set(sessions::last_seen_at.eq(now))
            .execute(conn)?;
    }
    Ok(Some(row))
}

/// Ends one session.
pub fn end(conn: &mut DbConn, id: SessionId) -> QueryResult<usize> {
    diesel::delete(sessions::table.find(id)).execute(conn)
}

/// Ends one of `user`'s sessions; `false` when it is not theirs (or gone).
pub fn end_own(conn: &mut DbConn, user: UserId, id: SessionId) -> QueryResult<bool> {
    let ended = diesel::delete(
        sessions::table
            .filter(sessions::id.eq(id))
            .filter(sessions::user_id.eq(user)),
    )
    .execute(conn)?;
    Ok(ended > 0)
}

/// Ends every session of `user` except `keep` (the one making a change).
pub fn end_all(conn: &mut DbConn, user: UserId, keep: Option<SessionId>) -> QueryResult<usize> {
    let all = sessions::table.filter(sessions::user_id.eq(user));
    match keep {
        Some(keep) => diesel::delete(all.filter(sessions::id.ne(keep))).execute(conn),
        None => diesel::delete(all).execute(conn),
    }
}

/// The user's open sessions, most recently used first.
pub fn list(
    conn: &mut DbConn,
    user: UserId,
    lifetimes: &Lifetimes,
    now: NaiveDateTime,
) -> QueryResult<Vec<SessionRow>> {
    let rows: Vec<SessionRow> = sessions::table
        .filter(sessions::user_id.eq(user))
        .order((sessions::last_seen_at.desc(), sessions::id.desc()))
        .select(SessionRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|r| lifetimes.is_live(r.remember, r.last_seen_at, r.expires_at, now))
        .collect())
}

/// Deletes sessions that can no longer be used (a periodic job).
pub fn prune(conn: &mut DbConn, lifetimes: &Lifetimes, now: NaiveDateTime) -> QueryResult<usize> {
    let past_lifetime =
        diesel::delete(sessions::table.filter(sessions::expires_at.le(now))).execute(conn)?;
    let idle_browser = diesel::delete(
        sessions::table
            .filter(sessions::remember.eq(false))
            .filter(sessions::last_seen_at.le(now - lifetimes.idle_browser)),
    )
    .execute(conn)?;
    let idle_remembered = diesel::delete(
        sessions::table
            .filter(sessions::remember.eq(true))
            .filter(sessions::last_seen_at.le(now - lifetimes.idle_remembered)),
    )
    .execute(conn)?;
    Ok(past_lifetime + idle_browser + idle_remembered)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hours: i64) -> NaiveDateTime {
        chrono::DateTime::from_timestamp(1_800_000_000 + hours * 3600, 0)
            .map(|t| t.naive_utc())
            .unwrap_or_default()
    }

    const LIFETIMES: Lifetimes = Lifetimes {
        idle_remembered: Duration::days(30),
        idle_browser: Duration::hours(24),
        absolute: Duration::days(90),
    };

    #[test]
    fn a_session_ends_when_idle_for_its_kind() {
        let expires = LIFETIMES.expires(at(0));
        assert!(LIFETIMES.is_live(false, at(0), expires, at(23)));
        assert!(!LIFETIMES.is_live(false, at(0), expires, at(24)));
        assert!(LIFETIMES.is_live(true, at(0), expires, at(24 * 29)));
        assert!(!LIFETIMES.is_live(true, at(0), expires, at(24 * 30)));
    }

    #[test]
    fn a_session_ends_at_its_lifetime_however_active() {
        let expires = LIFETIMES.expires(at(0));
        let last_seen = at(24 * 90 - 1);
        assert!(LIFETIMES.is_live(true, last_seen, expires, at(24 * 90 - 1)));
        assert!(!LIFETIMES.is_live(true, last_seen, expires, at(24 * 90)));
    }

    #[test]
    fn user_agents_are_kept_printable_and_short() {
        assert_eq!(clean_user_agent("Firefox\u{0}\n/1"), "Firefox/1");
        assert_eq!(clean_user_agent(&"x".repeat(500)).len(), 200);
    }
}
