//! Throttling kept in the database, so that it holds across several app
//! instances: each attempt is an event row, and the decision counts recent
//! events. The arithmetic is pure and tested below.
//!
//! Counting and recording are one step (`reserve`, `charge`): the count is
//! taken and the attempt written in one transaction, under a lock on the
//! rule and subject, so that forty requests arriving together cannot all
//! read "four so far" and all go ahead. Slow work (a password hash) comes
//! after the reservation; a login that succeeds gives its reservation back.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::throttle_events;
use crate::db::DbConn;

/// A rule: after `free` events within `window`, each further attempt must wait
/// `base` doubled per extra event (capped at `max_wait`) after the latest one.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub kind: &'static str,
    pub free: i64,
    pub window: Duration,
    pub base: Duration,
    pub max_wait: Duration,
}

/// Failed logins for one account (keyed by the normalised address typed,
/// whether or not such an account exists, so the answer reveals nothing).
pub const LOGIN_FAILURES_PER_ACCOUNT: Rule = Rule {
    kind: "login_fail_account",
    free: 5,
    window: Duration::minutes(15),
    base: Duration::seconds(30),
    max_wait: Duration::minutes(15),
};

/// Failed logins from one client address, across accounts.
pub const LOGIN_FAILURES_PER_ADDRESS: Rule = Rule {
    kind: "login_fail_address",
    free: 20,
    window: Duration::minutes(15),
    base: Duration::seconds(30),
    max_wait: Duration::minutes(15),
};

/// Sign-ups from one client address.
pub const SIGNUPS_PER_ADDRESS: Rule = Rule {
    kind: "signup_address",
    free: 10,
    window: Duration::hours(1),
    base: Duration::minutes(5),
    max_wait: Duration::hours(1),
};

/// Emails (verification, reset, "someone tried to sign up") to one address.
pub const EMAILS_PER_ACCOUNT: Rule = Rule {
    kind: "email_account",
    free: 3,
    window: Duration::hours(1),
    base: Duration::hours(1),
    max_wait: Duration::hours(1),
};

/// Password-reset requests from one client address.
pub const RESETS_PER_ADDRESS: Rule = Rule {
    kind: "reset_address",
    free: 10,
    window: Duration::hours(1),
    base: Duration::minutes(5),
    max_wait: Duration::hours(1),
};

/// Legal notices from one client address (anyone may send one, without an
/// account; each sends a confirmation email).
pub const NOTICES_PER_ADDRESS: Rule = Rule {
    kind: "notice_address",
    free: 10,
    window: Duration::hours(1),
    base: Duration::minutes(5),
    max_wait: Duration::hours(1),
};

/// Threads and replies from one account: plenty for a person, a brake for a script.
pub const POSTS_PER_ACCOUNT: Rule = Rule {
    kind: "post_account",
    free: 20,
    window: Duration::minutes(2),
    base: Duration::seconds(15),
    max_wait: Duration::minutes(10),
};

/// Edits of posts and reviews from one account.
pub const EDITS_PER_ACCOUNT: Rule = Rule {
    kind: "edit_account",
    free: 20,
    window: Duration::minutes(2),
    base: Duration::seconds(15),
    max_wait: Duration::minutes(10),
};

/// Previews from one account: rendering costs the server the same as
/// publishing, so they are bounded the same way, a little more loosely.
pub const PREVIEWS_PER_ACCOUNT: Rule = Rule {
    kind: "preview_account",
    free: 30,
    window: Duration::minutes(2),
    base: Duration::seconds(15),
    max_wait: Duration::minutes(10),
};

/// Small toggles from one account: helpful votes, following threads,
/// rating answers. A person clicks a few; a script clicks thousands.
pub const VOTES_PER_ACCOUNT: Rule = Rule {
    kind: "vote_account",
    free: 60,
    window: Duration::minutes(10),
    base: Duration::seconds(15),
    max_wait: Duration::minutes(10),
};

/// Review invitations one company sends a day: generous for real use, a
/// brake on anyone using the site to mail arbitrary addresses.
pub const INVITATIONS_PER_COMPANY: Rule = Rule {
    kind: "invite_company",
    free: 2000,
    window: Duration::hours(24),
    base: Duration::hours(1),
    max_wait: Duration::hours(24),
};

/// How long the next attempt must wait, given the number of events in the
/// window and the time of the latest one. Zero means go ahead.
pub fn required_wait(
    rule: &Rule,
    events: i64,
    latest: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Duration {
    if events < rule.free {
        return Duration::zero();
    }
    let Some(latest) = latest else {
        return Duration::zero();
    };
    let doublings = (events - rule.free).min(20) as u32;
    let wait = rule
        .base
        .checked_mul(2i32.saturating_pow(doublings))
        .unwrap_or(rule.max_wait);
    let wait = wait.min(rule.max_wait);
    let remaining = latest + wait - now;
    remaining.max(Duration::zero())
}

/// Seconds to wait before `subject` may try again under `rule` (0 = allowed).
pub fn wait_seconds(
    conn: &mut DbConn,
    rule: &Rule,
    subject: &str,
    now: NaiveDateTime,
) -> QueryResult<u64> {
    let since = now - rule.window;
    let (count, latest): (i64, Option<NaiveDateTime>) = throttle_events::table
        .filter(throttle_events::kind.eq(rule.kind))
        .filter(throttle_events::subject.eq(subject))
        .filter(throttle_events::created_at.gt(since))
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::max(throttle_events::created_at),
        ))
        .first(conn)?;
    Ok(required_wait(rule, count, latest, now).num_seconds().max(0) as u64)
}

/// Attempts counted and written before the work they allow; `release`
/// takes them back (a login that turned out right).
#[derive(Debug, Default)]
pub struct Reservation {
    events: Vec<i64>,
}

/// Takes the lock that makes counting and recording one step for
/// `rule`/`subject`. SQLite needs none: a write transaction there holds the
/// database's single write lock from its start (`BEGIN IMMEDIATE`).
fn lock(conn: &mut DbConn, rule: &Rule, subject: &str) -> QueryResult<()> {
    if let DbConn::Pg(pg) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            .bind::<diesel::sql_types::Text, _>(format!("throttle:{}:{subject}", rule.kind))
            .execute(pg)?;
    }
    Ok(())
}

/// Within a write transaction: if every check allows an attempt now, counts
/// one attempt against each and returns the reservation; otherwise writes
/// nothing and returns the longest wait in seconds.
pub fn reserve(
    conn: &mut DbConn,
    checks: &[(&Rule, &str)],
    now: NaiveDateTime,
) -> QueryResult<Result<Reservation, u64>> {
    // Locks in one order everywhere, so two reservations never wait on each other.
    let mut ordered: Vec<&(&Rule, &str)> = checks.iter().collect();
    ordered.sort_by_key(|(rule, subject)| (rule.kind, *subject));
    for (rule, subject) in &ordered {
        lock(conn, rule, subject)?;
    }
    let mut wait = 0;
    for (rule, subject) in checks {
        wait = wait.max(wait_seconds(conn, rule, subject, now)?);
    }
    if wait > 0 {
        return Ok(Err(wait));
    }
    let mut reservation = Reservation::default();
    for (rule, subject) in checks {
        let id = diesel::insert_into(throttle_events::table)
            .values((
                throttle_events::kind.eq(rule.kind),
                throttle_events::subject.eq(subject),
                throttle_events::created_at.eq(now),
            ))
            .returning(throttle_events::id)
            .get_result(conn)?;
        reservation.events.push(id);
    }
    Ok(Ok(reservation))
}

/// Within the write transaction of a counted action: counts it, or refuses
/// with "too many attempts" (and the transaction rolls back).
pub fn charge(
    conn: &mut DbConn,
    rule: &Rule,
    subject: &str,
    now: NaiveDateTime,
) -> Result<(), crate::kernel::error::AppError> {
    match reserve(conn, &[(rule, subject)], now)? {
        Ok(_) => Ok(()),
        Err(wait) => Err(crate::kernel::error::AppError::RateLimited {
            retry_after_secs: wait,
        }),
    }
}

/// Within a write transaction: counts an attempt if one is allowed and
/// says whether it was (for things skipped quietly, such as a fourth email
/// to one address within the hour).
pub fn try_charge(
    conn: &mut DbConn,
    rule: &Rule,
    subject: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    Ok(reserve(conn, &[(rule, subject)], now)?.is_ok())
}

/// Reserves attempts in a transaction of their own, before slow work;
/// refuses with "too many attempts" when any check says wait.
pub async fn reserve_or_refuse(
    db: &crate::db::Db,
    checks: Vec<(&'static Rule, String)>,
) -> Result<Reservation, crate::kernel::error::AppError> {
    let outcome = db
        .write(move |conn| {
            let borrowed: Vec<(&Rule, &str)> =
                checks.iter().map(|(rule, s)| (*rule, s.as_str())).collect();
            reserve(conn, &borrowed, crate::db::now()).map_err(crate::kernel::error::AppError::from)
        })
        .await?;
    outcome.map_err(|wait| crate::kernel::error::AppError::RateLimited {
        retry_after_secs: wait,
    })
}

/// Gives reserved attempts back.
pub fn release(conn: &mut DbConn, reservation: &Reservation) -> QueryResult<()> {
    diesel::delete(throttle_events::table.filter(throttle_events::id.eq_any(&reservation.events)))
        .execute(conn)?;
    Ok(())
}

/// Refuses with a "too many attempts" page when `subject` must wait under
/// `rule`: a quick check before work that `charge` later counts for real.
pub async fn ensure_allowed(
    db: &crate::db::Db,
    rule: &'static Rule,
    subject: String,
) -> Result<(), crate::kernel::error::AppError> {
    let wait = db
        .run(move |conn| {
            wait_seconds(conn, rule, &subject, crate::db::now())
                .map_err(crate::kernel::error::AppError::from)
        })
        .await?;
    if wait > 0 {
        return Err(crate::kernel::error::AppError::RateLimited {
            retry_after_secs: wait,
        });
    }
    Ok(())
}

/// Forgets a subject's events, e.g. an account's failures after a good login.
pub fn clear(conn: &mut DbConn, rule: &Rule, subject: &str) -> QueryResult<()> {
    diesel::delete(
        throttle_events::table
            .filter(throttle_events::kind.eq(rule.kind))
            .filter(throttle_events::subject.eq(subject)),
    )
    .execute(conn)?;
    Ok(())
}

/// Events older than a day decide nothing any more.
pub fn prune(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(
        throttle_events::table.filter(throttle_events::created_at.lt(now - Duration::days(1))),
    )
    .execute(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> NaiveDateTime {
        chrono::DateTime::from_timestamp(1_800_000_000 + secs, 0)
            .map(|t| t.naive_utc())
            .unwrap_or_default()
    }

    #[test]
    fn free_attempts_need_no_wait() {
        let rule = LOGIN_FAILURES_PER_ACCOUNT;
        assert_eq!(required_wait(&rule, 0, None, at(0)), Duration::zero());
        assert_eq!(
            required_wait(&rule, 4, Some(at(0)), at(0)),
            Duration::zero()
        );
    }

    #[test]
    fn the_wait_doubles_after_the_free_attempts() {
        let rule = LOGIN_FAILURES_PER_ACCOUNT;
        assert_eq!(
            required_wait(&rule, 5, Some(at(0)), at(0)),
            Duration::seconds(30)
        );
        assert_eq!(
            required_wait(&rule, 6, Some(at(0)), at(0)),
            Duration::seconds(60)
        );
        assert_eq!(
            required_wait(&rule, 7, Some(at(0)), at(10)),
            Duration::seconds(110)
        );
    }

    #[test]
    fn the_wait_is_capped_and_expires() {
        let rule = LOGIN_FAILURES_PER_ACCOUNT;
        assert_eq!(
            required_wait(&rule, 40, Some(at(0)), at(0)),
            Duration::minutes(15)
        );
        assert_eq!(
            required_wait(&rule, 5, Some(at(0)), at(31)),
            Duration::zero()
        );
    }
}
