//! The outbox: every email is a row written in the same transaction as the
//! action that caused it; a worker sends due rows, retrying with backoff, so
//! nothing is lost while the mail server is down. Rows are claimed with a
//! lease (`locked_until`, `locked_by`) so several instances never send the
//! same message at once.
//!
//! Delivery is at least once: an instance that dies between handing a
//! message to the mail server and recording it as sent will send it again
//! (after its restart, which releases the leases its last run held, or
//! when the lease runs out, if another instance picks it up). A sent
//! message keeps its metadata but not its body: bodies carry live reset,
//! verification and invitation links.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::outbox;
use crate::db::{now, write_transaction, Db, DbConn, DbError};
use crate::mail::{Mailer, OutgoingEmail};

/// After this many failed attempts (about two days with the backoff below) a
/// message is marked failed and left for an operator.
pub const MAX_ATTEMPTS: i32 = 60;
const LEASE: Duration = Duration::minutes(2);
const BATCH: i64 = 20;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub attempts: i32,
    pub list_unsubscribe: Option<String>,
}

/// Queues a message. Call it inside the transaction of the action it reports.
pub fn enqueue(conn: &mut DbConn, email: &OutgoingEmail) -> QueryResult<()> {
    let at = now();
    diesel::insert_into(outbox::table)
        .values((
            outbox::to_address.eq(&email.to),
            outbox::subject.eq(&email.subject),
            outbox::body_text.eq(&email.text),
            outbox::body_html.eq(&email.html),
            outbox::list_unsubscribe.eq(&email.list_unsubscribe),
            outbox::created_at.eq(at),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Wait before the next try after `attempts` failures: 10 s doubling, at most an hour.
pub fn backoff(attempts: i32) -> Duration {
    let doublings = attempts.clamp(1, 20) as u32 - 1;
    Duration::seconds(10)
        .checked_mul(2i32.pow(doublings))
        .unwrap_or(Duration::hours(1))
        .min(Duration::hours(1))
}

/// Takes a lease on up to `BATCH` due messages and returns them.
pub fn claim_due(
    conn: &mut DbConn,
    at: NaiveDateTime,
    instance: &str,
) -> QueryResult<Vec<OutboxRow>> {
    write_transaction(conn, |conn| {
        // The same query for both backends; PostgreSQL also skips rows another
        // instance has locked, SQLite has one writer at a time anyway.
        macro_rules! due {
            () => {
                outbox::table
                    .filter(outbox::sent_at.is_null())
                    .filter(outbox::failed_at.is_null())
                    .filter(outbox::next_attempt_at.le(at))
                    .filter(
                        outbox::locked_until
                            .is_null()
                            .or(outbox::locked_until.lt(at)),
                    )
                    .order(outbox::id)
                    .limit(BATCH)
                    .select(OutboxRow::as_select())
            };
        }
        let rows = match conn {
            DbConn::Pg(pg) => due!().for_update().skip_locked().load(pg)?,
            DbConn::Sqlite(sqlite) => due!().load(sqlite)?,
        };
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)))
            .set((
                outbox::locked_until.eq(at + LEASE),
                outbox::locked_by.eq(instance),
                outbox::attempts.eq(outbox::attempts + 1),
            ))
            .execute(conn)?;
        Ok(rows)
    })
}

fn mark_sent(conn: &mut DbConn, id: i64, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::sent_at.eq(Some(at)),
            outbox::locked_until.eq(None::<NaiveDateTime>),
            outbox::locked_by.eq(None::<String>),
            outbox::body_text.eq(""),
            outbox::body_html.eq(""),
            outbox::list_unsubscribe.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Releases the leases `instance` holds: called at start-up, when whatever
/// its previous run was sending is known not to be in progress any more.
pub fn release_leases(conn: &mut DbConn, instance: &str) -> QueryResult<usize> {
    diesel::update(
        outbox::table
            .filter(outbox::locked_by.eq(instance))
            .filter(outbox::sent_at.is_null()),
    )
    .set((
        outbox::locked_until.eq(None::<NaiveDateTime>),
        outbox::locked_by.eq(None::<String>),
    ))
    .execute(conn)
}

fn mark_failed(
    conn: &mut DbConn,
    row: &OutboxRow,
    error: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let attempts = row.attempts + 1;
    let gave_up = (attempts >= MAX_ATTEMPTS).then_some(at);
    diesel::update(outbox::table.find(row.id))
        .set((
            outbox::next_attempt_at.eq(at + backoff(attempts)),
            outbox::locked_until.eq(None::<NaiveDateTime>),
            outbox::locked_by.eq(None::<String>),
            outbox::last_error.eq(Some(error.chars().take(500).collect::<String>())),
            outbox::failed_at.eq(gave_up),
        ))
        .execute(conn)?;
    if gave_up.is_some() {
        // Never sent now: its links are of no use to anyone but a reader of the table.
        diesel::update(outbox::table.find(row.id))
            .set((
                outbox::body_text.eq(""),
                outbox::body_html.eq(""),
                outbox::list_unsubscribe.eq(None::<String>),
            ))
            .execute(conn)?;
    }
    Ok(())
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: usize,
    pub failed: usize,
}

/// Sends every message that is due now. Safe to run from several instances.
pub async fn deliver_due(
    db: &Db,
    mailer: &Mailer,
    from: &str,
    instance: &str,
) -> Result<DeliveryReport, DbError> {
    let mut report = DeliveryReport::default();
    loop {
        let claimer = instance.to_string();
        let rows = db
            .run(move |conn| claim_due(conn, now(), &claimer).map_err(DbError::from))
            .await?;
        if rows.is_empty() {
            return Ok(report);
        }
        for row in rows {
            let mailer = mailer.clone();
            let from = from.to_string();
            let email = OutgoingEmail {
                to: row.to_address.clone(),
                subject: row.subject.clone(),
                text: row.body_text.clone(),
                html: row.body_html.clone(),
                list_unsubscribe: row.list_unsubscribe.clone(),
            };
            let id = row.id;
            let result = actix_web::web::block(move || mailer.send_blocking(&from, id, &email))
                .await
                .unwrap_or_else(|e| Err(e.to_string()));
            match result {
                Ok(()) => {
                    db.run(move |conn| mark_sent(conn, id, now()).map_err(DbError::from))
                        .await?;
                    report.sent += 1;
                }
                Err(error) => {
                    tracing::warn!(outbox_id = id, %error, "email not sent; will retry");
                    db.run(move |conn| {
                        mark_failed(conn, &row, &error, now()).map_err(DbError::from)
                    })
                    .await?;
                    report.failed += 1;
                }
            }
        }
        if report.failed > 0 {
            // The server is likely down: leave the rest for the next round.
            return Ok(report);
        }
    }
}

/// How many messages are waiting to be sent (for /healthz-style checks and tests).
pub fn pending_count(conn: &mut DbConn) -> QueryResult<i64> {
    outbox::table
        .filter(outbox::sent_at.is_null())
        .filter(outbox::failed_at.is_null())
        .count()
        .get_result(conn)
}

/// Makes every waiting message due now (used after a mail server comes back,
/// and by tests that do not want to wait out the backoff).
pub fn retry_now(conn: &mut DbConn) -> QueryResult<usize> {
    diesel::update(
        outbox::table
            .filter(outbox::sent_at.is_null())
            .filter(outbox::failed_at.is_null()),
    )
    .set(outbox::next_attempt_at.eq(now()))
    .execute(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(1), Duration::seconds(10));
        assert_eq!(backoff(2), Duration::seconds(20));
        assert_eq!(backoff(5), Duration::seconds(160));
        assert_eq!(backoff(30), Duration::hours(1));
    }
}
