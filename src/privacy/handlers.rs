//! The person's page about their data (download, delete), the download
//! link, the administrator's erasure on request, and the public privacy
//! page.

use actix_session::Session;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use crate::accounts::{model as accounts, password};
use crate::db::{now, DbConn};
use crate::kernel::audit::AuditContext;
use crate::kernel::error::AppError;
use crate::kernel::i18n::{tr, tr_args, Lang};
use crate::kernel::ids::UserId;
use crate::kernel::user::{can_administer, CurrentUser};
use crate::mail::{outbox, EmailContent};
use crate::privacy::views::{DataPage, PrivacyPage};
use crate::privacy::{erasure, export};
use crate::state::AppState;
use crate::web::form::{FieldErrors, FormData};
use crate::web::layout::{redirect, render, render_status, Page, PageCtx};
use crate::web::notice::notice;
use crate::web::session::{self, Admin, FlashKind};
use crate::web::throttle::{self, LOGIN_FAILURES_PER_ACCOUNT};

async fn data_page(
    state: &AppState,
    ctx: PageCtx,
    user: &CurrentUser,
    errors: FieldErrors,
    withdraw: bool,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let id = user.id;
    let export = state
        .db
        .run(move |conn| export::latest(conn, id).map_err(AppError::from))
        .await?;
    render_status(
        status,
        &DataPage {
            ctx,
            export,
            errors,
            withdraw,
        },
    )
}

pub async fn my_data(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
) -> Result<HttpResponse, AppError> {
    data_page(
        &state,
        ctx,
        &user,
        FieldErrors::default(),
        false,
        StatusCode::OK,
    )
    .await
}

/// Prepares every pending export: gathers, zips, stores, and emails the
/// single-use link. Run right after a request and by the periodic job.
pub fn prepare_pending(
    conn: &mut DbConn,
    base_url: &str,
    fallback: Lang,
) -> Result<usize, AppError> {
    let mut done = 0;
    for request in export::pending(conn, 20)? {
        let at = now();
        let doc = export::gather(conn, request.user_id, at)?;
        let profile: Option<accounts::UserRow> = accounts::find_by_id(conn, request.user_id)?;
        let Some(profile) = profile else { continue };
        let lang = profile
            .locale
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or(fallback);
        let archive = export::archive(&doc, &tr(lang, "export-title"));
        let Some(token) = export::store(conn, request.id, &archive, at)? else {
            continue;
        };
        let message = EmailContent::new(
            lang,
            tr(lang, "export-ready-subject"),
            tr_args(lang, "email-greeting", &[("name", &profile.display_name)]),
        )
        .paragraph(tr_args(
            lang,
            "export-ready-email",
            &[("days", &export::LINK_DAYS.to_string())],
        ))
        .action(
            tr(lang, "export-download"),
            format!("{base_url}/account/export/{token}"),
        )
        .to(&profile.email)?;
        outbox::enqueue(conn, &message)?;
        done += 1;
    }
    Ok(done)
}

pub async fn request_export(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = user.id;
    let requested = state
        .db
        .write(move |conn| export::request(conn, id, now()).map_err(AppError::from))
        .await?;
    if requested {
        // Prepared off the request: the page shows the progress meanwhile.
        let worker = state.clone();
        let fallback = ctx.lang;
        actix_web::rt::spawn(async move {
            let base_url = worker.config.base_url.clone();
            let prepared = worker
                .db
                .write(move |conn| prepare_pending(conn, &base_url, fallback))
                .await;
            match prepared {
                Ok(_) => worker.outbox_signal.notify_one(),
                Err(error) => tracing::warn!(%error, "preparing a data export failed"),
            }
        });
        session::flash(&session, FlashKind::Success, "export-requested");
    }
    Ok(redirect("/account/data"))
}

pub async fn download_export(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (id, token) = (user.id, path.into_inner());
    let archive = state
        .db
        .write(move |conn| export::take(conn, id, &token, now()).map_err(AppError::from))
        .await?;
    let Some(archive) = archive else {
        return notice(
            ctx,
            StatusCode::NOT_FOUND,
            "export-link-gone-title",
            "export-link-gone-text",
            Some(("/account/data", "export-page-link")),
        );
    };
    Ok(HttpResponse::Ok()
        .content_type("application/zip")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename("tillit-data.zip".into())],
        })
        .insert_header(("Cache-Control", "no-store"))
        .body(archive))
}

/// Runs an erasure with what follows it: scores of companies whose reviews
/// were withdrawn, the audit entry.
fn erase_with_effects(
    conn: &mut DbConn,
    audit: &AuditContext,
    actor: UserId,
    user: UserId,
    withdraw: bool,
) -> Result<(), AppError> {
    let erased = erasure::erase(conn, user, withdraw, now())?;
    for company in erased.companies {
        crate::reviews::model::recompute_totals(conn, company)?;
    }
    audit.record(conn, Some(actor), "erase_account", &user.to_string())?;
    Ok(())
}

pub async fn erase_account(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    form: FormData,
    audit: AuditContext,
    req: actix_web::HttpRequest,
) -> Result<HttpResponse, AppError> {
    let withdraw = form.get("withdraw") == "yes";
    let typed = form.get("password").to_string();
    // Re-entering the password is a login in all but name: counted the same way.
    let reservation = throttle::reserve_or_refuse(
        &state.db,
        vec![(&LOGIN_FAILURES_PER_ACCOUNT, user.email.clone())],
    )
    .await?;
    let id = user.id;
    let stored = state
        .db
        .run(move |conn| accounts::find_by_id(conn, id).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)?;
    if !password::verify(typed, Some(stored.password_hash)).await? {
        let mut errors = FieldErrors::default();
        errors.add("password", ctx.t("account-current-password-wrong"));
        return data_page(
            &state,
            ctx,
            &user,
            errors,
            withdraw,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            throttle::release(conn, &reservation)?;
            erase_with_effects(conn, &audit, id, id, withdraw)
        })
        .await?;
    let _ = session::log_out(&req).await;
    state.pages.invalidate();
    // The page that follows is for no one: the account is gone.
    let mut ctx = ctx;
    ctx.user = None;
    notice(
        ctx,
        StatusCode::OK,
        "erase-done-title",
        "erase-done-text",
        Some(("/forum", "nav-forum")),
    )
}

/// An administrator erases an account on the person's request.
pub async fn admin_erase(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    path: web::Path<UserId>,
    form: FormData,
    session: Session,
    audit: AuditContext,
) -> Result<HttpResponse, AppError> {
    can_administer(&admin)?;
    let id = path.into_inner();
    if form.get("confirm") != "erase" {
        session::flash(&session, FlashKind::Error, "admin-erase-confirm-missing");
        return Ok(redirect(&format!("/admin/users/{id}")));
    }
    if id == admin.id {
        return Err(AppError::Denied("admin-erase-self"));
    }
    let withdraw = form.get("withdraw") == "yes";
    state
        .db
        .write(move |conn| erase_with_effects(conn, &audit, admin.id, id, withdraw))
        .await?;
    state.pages.invalidate();
    session::flash(&session, FlashKind::Success, "admin-erased");
    Ok(redirect(&format!("/admin/users/{id}")))
}

pub async fn privacy_page(Page(ctx): Page) -> Result<HttpResponse, AppError> {
    render(&PrivacyPage { ctx })
}
