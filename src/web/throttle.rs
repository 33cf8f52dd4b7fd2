//! Throttling kept in the database, so that it holds across several app
//! instances: each attempt is an event row, and the decision counts recent
//! events. The arithmetic is pure and tested below.

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

/// Threads and replies from one account: plenty for a person, a brake for a script.
pub const POSTS_PER_ACCOUNT: Rule = Rule {
    kind: "post_account",
    free: 20,
    window: Duration::minutes(2),
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

pub fn record(
    conn: &mut DbConn,
    rule: &Rule,
    subject: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(throttle_events::table)
        .values((
            throttle_events::kind.eq(rule.kind),
            throttle_events::subject.eq(subject),
            throttle_events::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Refuses with a "too many attempts" page when `subject` must wait under `rule`.
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
