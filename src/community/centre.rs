//! The notification centre: a person's latest notifications, unread ones
//! marked; opening one (a POST: reading a page never changes anything)
//! marks it read and goes to the place; "mark all read".

use actix_web::{web, HttpResponse};

use crate::community::lines::lines;
use crate::community::views::NotificationsPage;
use crate::kernel::error::AppError;
use crate::kernel::notify;
use crate::kernel::user::CurrentUser;
use crate::state::AppState;
use crate::web::layout::{redirect, render, safe_local_path, Page};

/// How many notifications the centre shows.
const SHOWN: i64 = 100;

pub async fn page(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let viewer = user.clone();
    let lines = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let rows = notify::latest(conn, viewer.id, SHOWN)?;
            lines(conn, Some(&viewer), lang, &rows)
        })
        .await?;
    render(&NotificationsPage { ctx, lines })
}

pub async fn open(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let link = state
        .db
        .write(move |conn| -> Result<String, AppError> {
            let row = notify::find(conn, user.id, id)?.ok_or(AppError::NotFound)?;
            notify::mark_read(conn, user.id, id)?;
            Ok(row.link)
        })
        .await?;
    // A stored link is a path on this site; anything else goes to the centre.
    Ok(redirect(safe_local_path(&link).unwrap_or("/notifications")))
}

pub async fn read_all(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    state
        .db
        .write(move |conn| notify::mark_all_read(conn, user.id).map_err(AppError::from))
        .await?;
    Ok(redirect("/notifications"))
}
