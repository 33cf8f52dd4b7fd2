//! Following a thread by email, and the one-click unsubscribe page.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use crate::db::now;
use crate::forum::model;
use crate::forum::views::UnsubscribePage;
use crate::kernel::error::AppError;
use crate::kernel::ids::ThreadId;
use crate::kernel::user::CurrentUser;
use crate::state::AppState;
use crate::web::form::FormData;
use crate::web::layout::{redirect, render, Page};
use crate::web::notice::notice;
use crate::web::session::{self, FlashKind};
use crate::web::throttle::{self, VOTES_PER_ACCOUNT};

pub async fn subscribe(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<ThreadId>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let on = form.get("subscribe") == "1";
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            throttle::charge(conn, &VOTES_PER_ACCOUNT, &user.id.to_string(), now())?;
            let thread = model::find_thread(conn, id)?.ok_or(AppError::NotFound)?;
            // Following a thread one may not read would leak it by email.
            if on && !thread.sight_for(Some(&user)).shows_text() {
                return Err(AppError::NotFound);
            }
            if on {
                model::subscribe(conn, id, user.id)?;
            } else {
                model::unsubscribe(conn, id, user.id)?;
            }
            Ok(())
        })
        .await?;
    session::flash(
        &session,
        FlashKind::Success,
        if on {
            "forum-subscribed"
        } else {
            "forum-unsubscribed"
        },
    );
    Ok(redirect(&format!("/threads/{id}")))
}

/// The link in reply emails: works without logging in; the POST does it.
pub async fn unsubscribe_page(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let lookup = token.clone();
    let thread = state
        .db
        .run(move |conn| model::subscription_by_token(conn, &lookup).map_err(AppError::from))
        .await?
        .map(|(_, thread)| thread);
    match thread {
        Some(thread) => render(&UnsubscribePage {
            // The token travels in an email: the page says no more than the
            // public may read.
            title: thread.title_for(None, ctx.lang),
            thread_id: thread.id,
            ctx,
            token,
        }),
        None => notice(
            ctx,
            StatusCode::NOT_FOUND,
            "unsubscribe-gone-title",
            "unsubscribe-gone-text",
            Some(("/", "error-home-link")),
        ),
    }
}

pub async fn unsubscribe(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            if let Some((id, _)) = model::subscription_by_token(conn, &token)? {
                model::unsubscribe_by_id(conn, id)?;
            }
            Ok(())
        })
        .await?;
    notice(
        ctx,
        StatusCode::OK,
        "unsubscribe-done-title",
        "unsubscribe-done-text",
        Some(("/", "error-home-link")),
    )
}
