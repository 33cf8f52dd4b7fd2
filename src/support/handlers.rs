//! The hanging-threads queue.

use actix_web::{web, HttpResponse};
use askama::Template;

use crate::accounts::model::CurrentUser;
use crate::db::now;
use crate::forum::model::{self, HangingThread};
use crate::web::error::AppError;
use crate::web::layout::{render, Page, PageCtx};
use crate::AppState;

const QUEUE_LIMIT: i64 = 200;

#[derive(Template)]
#[template(path = "support/hanging.html")]
pub struct HangingPage {
    pub ctx: PageCtx,
    pub threads: Vec<(HangingThread, i64)>,
}

/// Staff only: the threads of their companies with no official answer,
/// problems and complaints first, then by how long they have waited.
pub async fn hanging(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
) -> Result<HttpResponse, AppError> {
    if user.staff_of.is_empty() {
        return Err(AppError::Denied("desk-staff-only"));
    }
    let companies = user.staff_of.clone();
    let threads = state
        .db
        .run(move |conn| {
            model::hanging_threads(conn, &companies, QUEUE_LIMIT).map_err(AppError::from)
        })
        .await?;
    let at = now();
    let threads = threads
        .into_iter()
        .map(|h| {
            let waited = (at - h.thread.created_at).num_seconds().max(0);
            (h, waited)
        })
        .collect();
    render(&HangingPage { ctx, threads })
}
