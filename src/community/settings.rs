//! How each kind of notification reaches a person by email — at once, in a
//! daily digest, or never — on the account's settings page and, without
//! logging in, from the link at the foot of every such email. The same link
//! with `/stop/{kind}` is the one-click unsubscribe mail programs use
//! (RFC 8058), a POST without a CSRF token: the token in the path is the
//! proof, and stopping emails is all it can do.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use crate::community::views::{EmailSettingsPage, SettingRow};
use crate::kernel::error::AppError;
use crate::kernel::ids::UserId;
use crate::kernel::notify::{self, Delivery, Kind};
use crate::kernel::user::CurrentUser;
use crate::mail::UnsubscribeLinks;
use crate::state::AppState;
use crate::web::form::FormData;
use crate::web::layout::Page;
use crate::web::layout::{redirect, render, PageCtx};
use crate::web::notice::notice;
use crate::web::session::{self, FlashKind};

pub async fn page(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
) -> Result<HttpResponse, AppError> {
    let staff = !user.staff_of.is_empty();
    settings_page(&state, ctx, user.id, staff, "/account/notifications".into()).await
}

pub async fn save(
    state: web::Data<AppState>,
    user: CurrentUser,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    store(&state, user.id, &form).await?;
    session::flash(&session, FlashKind::Success, "notify-settings-saved");
    Ok(redirect("/account/notifications"))
}

pub async fn token_page(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let Some((user, staff)) = owner(&state, &token).await? else {
        return gone(ctx);
    };
    settings_page(&state, ctx, user, staff, format!("/mail-settings/{token}")).await
}

pub async fn token_save(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<String>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let Some((user, _)) = owner(&state, &token).await? else {
        return gone(ctx);
    };
    store(&state, user, &form).await?;
    session::flash(&session, FlashKind::Success, "notify-settings-saved");
    Ok(redirect(&format!("/mail-settings/{token}")))
}

pub async fn one_click_stop(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (token, stop) = path.into_inner();
    // One kind, or every kind that went to the digest.
    let digest = stop == UnsubscribeLinks::DIGEST;
    let kind = Kind::parse(&stop).filter(|k| k.is_configurable());
    if kind.is_none() && !digest {
        return Err(AppError::NotFound);
    }
    let Some((user, _)) = owner(&state, &token).await? else {
        return gone(ctx);
    };
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            for (each, delivery) in notify::settings_of(conn, user)? {
                let stops = match kind {
                    Some(kind) => each == kind,
                    None => delivery == Delivery::Digest,
                };
                if stops {
                    notify::set_delivery(conn, user, each, Delivery::Never)?;
                }
            }
            Ok(())
        })
        .await?;
    notice(
        ctx,
        StatusCode::OK,
        "notify-stopped-title",
        "notify-stopped-text",
        Some((&format!("/mail-settings/{token}"), "notify-settings-link")),
    )
}

/// The person an unsubscribe token was made for, and whether they are staff.
async fn owner(state: &AppState, token: &str) -> Result<Option<(UserId, bool)>, AppError> {
    let token = token.to_string();
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let Some(user) = notify::user_by_mail_token(conn, &token)? else {
                return Ok(None);
            };
            let staff =
                crate::kernel::user::load(conn, user)?.is_some_and(|u| !u.staff_of.is_empty());
            Ok(Some((user, staff)))
        })
        .await
}

fn gone(ctx: PageCtx) -> Result<HttpResponse, AppError> {
    notice(
        ctx,
        StatusCode::NOT_FOUND,
        "notify-token-gone-title",
        "notify-token-gone-text",
        Some(("/login", "nav-login")),
    )
}

async fn settings_page(
    state: &AppState,
    ctx: PageCtx,
    user: UserId,
    staff: bool,
    action: String,
) -> Result<HttpResponse, AppError> {
    let chosen = state
        .db
        .run(move |conn| notify::settings_of(conn, user).map_err(AppError::from))
        .await?;
    let rows = chosen
        .into_iter()
        .filter(|(kind, _)| staff || !kind.is_for_staff())
        .map(|(kind, delivery)| SettingRow { kind, delivery })
        .collect();
    render(&EmailSettingsPage { ctx, rows, action })
}

/// Saves the choices sent; a kind left out or sent with an unknown value
/// keeps what it had.
async fn store(state: &AppState, user: UserId, form: &FormData) -> Result<(), AppError> {
    let choices: Vec<(Kind, Delivery)> = Kind::ALL
        .into_iter()
        .filter(|k| k.is_configurable())
        .filter_map(|kind| {
            Delivery::parse(form.get(&format!("delivery-{}", kind.as_str())))
                .map(|delivery| (kind, delivery))
        })
        .collect();
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            for (kind, delivery) in choices {
                notify::set_delivery(conn, user, kind, delivery)?;
            }
            Ok(())
        })
        .await
}
