//! Background work: tokio tasks on the server's runtime. Each task polls on
//! its own schedule and claims its work in the database, so several
//! instances can run side by side.
//!
//! This runner is plumbing: it knows the outbox, the throttle and session
//! tables, and runs whatever periodic jobs the application hands it
//! (`PERIODIC_JOBS` in `lib.rs` names the capabilities' jobs), so it
//! imports no capability.

use std::time::Duration;

use actix_web::web;
use chrono::NaiveDateTime;

use crate::db::{now, DbConn, DbError};
use crate::kernel::error::AppError;
use crate::mail::outbox;
use crate::state::AppState;
use crate::web::session::store as session_store;
use crate::web::throttle;

/// What a periodic job is given besides its connection.
pub struct JobContext {
    pub at: NaiveDateTime,
    /// For links in the emails a job queues.
    pub base_url: String,
}

/// A job run on the periodic schedule. It returns how many things it did;
/// a job that did something may have queued email, so the outbox is woken.
pub struct Periodic {
    pub name: &'static str,
    /// Run inside one write transaction (it writes); else on a plain connection
    /// (it manages its own transactions).
    pub in_write_transaction: bool,
    pub work: fn(&mut DbConn, &JobContext) -> Result<usize, AppError>,
}

/// The periodic jobs run this often.
pub const PERIODIC_INTERVAL: Duration = Duration::from_secs(300);

/// Starts every background task. Call once per process, after the server is built.
pub fn spawn_all(state: web::Data<AppState>, periodic: &'static [Periodic]) {
    let mail_state = state.clone();
    actix_web::rt::spawn(async move {
        loop {
            deliver_mail(&mail_state).await;
            // Wake at the next tick or as soon as something was queued.
            let _ =
                tokio::time::timeout(Duration::from_secs(5), mail_state.outbox_signal.notified())
                    .await;
        }
    });

    let periodic_state = state.clone();
    actix_web::rt::spawn(async move {
        loop {
            for job in periodic {
                run_periodic(&periodic_state, job).await;
            }
            // Badges, labels and cases changed underneath the public pages.
            periodic_state.pages.invalidate();
            tokio::time::sleep(PERIODIC_INTERVAL).await;
        }
    });

    actix_web::rt::spawn(async move {
        let lifetimes = state.config.session_lifetimes();
        loop {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            let pruned = state
                .db
                .run(move |conn| {
                    throttle::prune(conn, now())?;
                    session_store::prune(conn, &lifetimes, now())?;
                    Ok::<_, DbError>(())
                })
                .await;
            if let Err(error) = pruned {
                tracing::warn!(%error, "pruning throttle events and ended sessions failed");
            }
        }
    });
}

/// Runs one periodic job now and logs what it did.
pub async fn run_periodic(state: &AppState, job: &'static Periodic) {
    let context = JobContext {
        at: now(),
        base_url: state.config.base_url.clone(),
    };
    let work = move |conn: &mut DbConn| (job.work)(conn, &context);
    let result = if job.in_write_transaction {
        state.db.write(work).await
    } else {
        state.db.run(work).await
    };
    match result {
        Ok(0) => {}
        Ok(done) => {
            tracing::info!(job = job.name, done, "periodic job");
            state.outbox_signal.notify_one();
        }
        Err(error) => tracing::warn!(job = job.name, %error, "periodic job failed"),
    }
}

async fn deliver_mail(state: &AppState) {
    match outbox::deliver_due(
        &state.db,
        &state.mailer,
        &state.config.mail_from,
        &state.config.instance_name,
    )
    .await
    {
        Ok(report) if report.sent + report.failed > 0 => {
            tracing::info!(
                sent = report.sent,
                failed = report.failed,
                "outbox delivery"
            );
        }
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "outbox delivery failed"),
    }
}
