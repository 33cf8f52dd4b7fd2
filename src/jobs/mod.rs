//! Background work: tokio tasks on the server's runtime. Each task polls on
//! its own schedule and claims its work in the database, so several
//! instances can run side by side.

use std::time::Duration;

use actix_web::web;

use crate::db::{now, DbError};
use crate::mail::outbox;
use crate::web::throttle;
use crate::AppState;

/// Starts every background task. Call once per process, after the server is built.
pub fn spawn_all(state: web::Data<AppState>) {
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

    let badge_state = state.clone();
    actix_web::rt::spawn(async move {
        loop {
            recompute_badges(&badge_state).await;
            roll_up_figures(&badge_state).await;
            follow_up_edit_requests(&badge_state).await;
            expire_verification_requests(&badge_state).await;
            // Badges, labels and cases changed underneath the public pages.
            badge_state.pages.invalidate();
            tokio::time::sleep(BADGE_INTERVAL).await;
        }
    });

    actix_web::rt::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            let pruned = state
                .db
                .run(|conn| throttle::prune(conn, now()).map_err(DbError::from))
                .await;
            if let Err(error) = pruned {
                tracing::warn!(%error, "pruning throttle events failed");
            }
        }
    });
}

/// The response-time badges are recomputed this often.
pub const BADGE_INTERVAL: Duration = Duration::from_secs(300);

async fn recompute_badges(state: &AppState) {
    let result = state
        .db
        .run(|conn| crate::support::model::recompute(conn, now()).map_err(DbError::from))
        .await;
    if let Err(error) = result {
        tracing::warn!(%error, "recomputing response-time badges failed");
    }
}

/// The daily rollup behind the figures (recent days; everything the first time).
async fn roll_up_figures(state: &AppState) {
    let result = state
        .db
        .run(|conn| crate::support::rollup::refresh(conn, now()).map_err(DbError::from))
        .await;
    if let Err(error) = result {
        tracing::warn!(%error, "rolling up the figures failed");
    }
}

/// Requests to edit whose deadline passed go back to the moderation queue
/// when the author did not edit (checked on the badge's schedule).
async fn follow_up_edit_requests(state: &AppState) {
    let result = state
        .db
        .write(|conn| {
            crate::moderation::model::follow_up_edit_requests(conn, now()).map_err(DbError::from)
        })
        .await;
    match result {
        Ok(0) => {}
        Ok(reopened) => tracing::info!(reopened, "edit deadlines passed"),
        Err(error) => tracing::warn!(%error, "following up edit requests failed"),
    }
}

/// Verification requests nobody answered by their deadline end as "not
/// verified", with an automatic statement the reviewer can appeal.
async fn expire_verification_requests(state: &AppState) {
    let lang = crate::web::i18n::Lang::En;
    let base_url = state.config.base_url.clone();
    let result = state
        .db
        .write(move |conn| -> Result<usize, crate::web::error::AppError> {
            let recipients = crate::verification::model::expire(conn, now())?;
            crate::moderation::emails::send(conn, lang, &base_url, &recipients)?;
            Ok(recipients.len())
        })
        .await;
    match result {
        Ok(0) => {}
        Ok(expired) => {
            tracing::info!(expired, "verification deadlines passed");
            state.outbox_signal.notify_one();
        }
        Err(error) => tracing::warn!(%error, "expiring verification requests failed"),
    }
}

async fn deliver_mail(state: &AppState) {
    match outbox::deliver_due(&state.db, &state.mailer, &state.config.mail_from).await {
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
