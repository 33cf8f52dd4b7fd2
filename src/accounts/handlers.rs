//! Sign-up, email verification, login, logout, password reset and the
//! account settings page.

use std::collections::HashMap;

use actix_session::Session;
use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use crate::accounts::emails;
use crate::accounts::model::{self, NewUser, NAME_MAX, NAME_MIN};
use crate::accounts::password;
use crate::accounts::tokens::{self, Purpose};
use crate::accounts::views::*;
use crate::db::now;
use crate::kernel::audit::AuditContext;
use crate::kernel::error::AppError;
use crate::kernel::i18n::Lang;
use crate::kernel::ids::SessionId;
use crate::kernel::user::normalize_email;
use crate::kernel::user::CurrentUser;
use crate::mail::outbox;
use crate::state::AppState;
use crate::web::client::ClientIp;
use crate::web::form::{check_length, FieldErrors, FormData};
use crate::web::layout::{
    redirect, render, render_invalid, render_status, safe_local_path, Page, PageCtx, LANG_COOKIE,
};
use crate::web::notice::{confirm, notice};
use crate::web::session::{self, store as session_store, FlashKind};
use crate::web::throttle::{
    self, EMAILS_PER_ACCOUNT, LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS,
    RESETS_PER_ADDRESS, SIGNUPS_PER_ADDRESS,
};

type Query = web::Query<HashMap<String, String>>;

fn lang_of(user_locale: Option<&str>, fallback: Lang) -> Lang {
    user_locale.and_then(Lang::from_code).unwrap_or(fallback)
}

fn form_level_errors(ctx: &PageCtx, form: &FormData, errors: &mut FieldErrors) {
    if form.invalid_utf8 {
        errors.add("form", ctx.t("form-invalid-utf8"));
    }
}

fn check_display_name(ctx: &PageCtx, name: &str, errors: &mut FieldErrors) {
    check_length(errors, ctx.lang, "display_name", name, NAME_MIN, NAME_MAX);
    if name.chars().any(char::is_control) {
        errors.add("display_name", ctx.t("form-invalid-characters"));
    }
}

fn check_new_password(
    ctx: &PageCtx,
    field: &'static str,
    password: &str,
    inputs: &[&str],
    errors: &mut FieldErrors,
) {
    if let Err(problem) = password::check_policy(password, inputs) {
        errors.add(field, ctx.t(problem.message_key()));
    }
}

// ---- sign-up -------------------------------------------------------------

pub async fn signup_form(Page(ctx): Page) -> Result<HttpResponse, AppError> {
    if ctx.user.is_some() {
        return Ok(redirect("/account"));
    }
    render(&SignupPage {
        ctx,
        email: String::new(),
        display_name: String::new(),
        errors: FieldErrors::default(),
    })
}

pub async fn signup(
    state: web::Data<AppState>,
    Page(ctx): Page,
    form: FormData,
    ClientIp(ip): ClientIp,
) -> Result<HttpResponse, AppError> {
    if ctx.user.is_some() {
        return Ok(redirect("/account"));
    }
    let typed_email = form.text("email");
    let display_name = form.text("display_name");
    let password = form.get("password").to_string();
    let mut errors = FieldErrors::default();
    form_level_errors(&ctx, &form, &mut errors);
    let email = normalize_email(&typed_email);
    if email.is_none() {
        errors.add("email", ctx.t("form-email-invalid"));
    }
    check_display_name(&ctx, &display_name, &mut errors);
    check_new_password(
        &ctx,
        "password",
        &password,
        &[&typed_email, &display_name],
        &mut errors,
    );
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return render_invalid(&SignupPage {
            ctx,
            email: typed_email,
            display_name,
            errors,
        });
    };

    // Counted before the slow hash, so a burst cannot outrun the limit.
    throttle::reserve_or_refuse(&state.db, vec![(&SIGNUPS_PER_ADDRESS, ip)]).await?;
    // Hash even when the address is taken, so both answers take as long.
    let hash = password::hash(password).await?;
    let lang = ctx.lang;
    let base_url = state.config.base_url.clone();
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            let at = now();
            match model::find_by_email(conn, &email)? {
                Some(existing) => {
                    if throttle::try_charge(conn, &EMAILS_PER_ACCOUNT, &email, at)? {
                        let lang = lang_of(existing.locale.as_deref(), lang);
                        let message = emails::already_registered(
                            lang,
                            &base_url,
                            &email,
                            &existing.display_name,
                        )?;
                        outbox::enqueue(conn, &message)?;
                    }
                }
                None => {
                    let new_user = NewUser {
                        email: &email,
                        display_name: &display_name,
                        password_hash: &hash,
                        locale: Some(lang.code()),
                        verified: false,
                        is_admin: false,
                        is_moderator: false,
                    };
                    let id = model::insert_user(conn, &new_user)?;
                    let token = tokens::create(conn, id, Purpose::VerifyEmail)?;
                    let message =
                        emails::verification(lang, &base_url, &email, &display_name, &token)?;
                    outbox::enqueue(conn, &message)?;
                    throttle::try_charge(conn, &EMAILS_PER_ACCOUNT, &email, at)?;
                }
            }
            Ok(())
        })
        .await?;
    state.outbox_signal.notify_one();
    notice(
        ctx,
        StatusCode::OK,
        "signup-done-title",
        "signup-done-text",
        Some(("/login", "nav-login")),
    )
}

// ---- email verification --------------------------------------------------

/// The emailed link. It only shows a button: mail scanners fetch links to
/// check them, and a GET that verified would spend the token before its
/// owner ever clicked.
pub async fn verify_email_form(
    state: web::Data<AppState>,
    Page(ctx): Page,
    query: Query,
) -> Result<HttpResponse, AppError> {
    let token = query.get("token").cloned().unwrap_or_default();
    let probe = token.clone();
    let valid = state
        .db
        .run(move |conn| {
            tokens::peek(conn, Purpose::VerifyEmail, &probe, now()).map_err(AppError::from)
        })
        .await?;
    if valid.is_none() {
        return verify_link_invalid(ctx);
    }
    confirm(
        ctx,
        "verify-confirm-title",
        "verify-confirm-text",
        "/verify-email",
        vec![("token".to_string(), token)],
        "verify-confirm-button",
    )
}

fn verify_link_invalid(ctx: PageCtx) -> Result<HttpResponse, AppError> {
    let link = if ctx.user.is_some() {
        ("/account", "nav-account")
    } else {
        ("/login", "nav-login")
    };
    notice(
        ctx,
        StatusCode::BAD_REQUEST,
        "verify-invalid-title",
        "verify-invalid-text",
        Some(link),
    )
}

pub async fn verify_email(
    state: web::Data<AppState>,
    Page(ctx): Page,
    form: FormData,
    session: Session,
    audit: AuditContext,
) -> Result<HttpResponse, AppError> {
    let token = form.get("token").to_string();
    let verified = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            match tokens::consume(conn, Purpose::VerifyEmail, &token)? {
                Some(user) => {
                    model::mark_verified(conn, user)?;
                    audit.record(conn, Some(user), "email_verified", &user.to_string())?;
                    Ok(true)
                }
                None => Ok(false),
            }
        })
        .await?;
    if !verified {
        return verify_link_invalid(ctx);
    }
    session::flash(&session, FlashKind::Success, "verify-done");
    Ok(redirect(if ctx.user.is_some() {
        "/account"
    } else {
        "/login"
    }))
}

pub async fn resend_verification(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    session: Session,
) -> Result<HttpResponse, AppError> {
    if user.verified {
        return Ok(redirect("/account"));
    }
    let lang = lang_of(user.locale.as_deref(), ctx.lang);
    let base_url = state.config.base_url.clone();
    let sent = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            if !throttle::try_charge(conn, &EMAILS_PER_ACCOUNT, &user.email, now())? {
                return Ok(false);
            }
            let token = tokens::create(conn, user.id, Purpose::VerifyEmail)?;
            outbox::enqueue(
                conn,
                &emails::verification(lang, &base_url, &user.email, &user.display_name, &token)?,
            )?;
            Ok(true)
        })
        .await?;
    state.outbox_signal.notify_one();
    if sent {
        session::flash(&session, FlashKind::Success, "verify-resent");
    } else {
        session::flash(&session, FlashKind::Error, "verify-resend-limited");
    }
    Ok(redirect("/account"))
}

// ---- login and logout ----------------------------------------------------

pub async fn login_form(Page(ctx): Page, query: Query) -> Result<HttpResponse, AppError> {
    let next = query
        .get("next")
        .and_then(|n| safe_local_path(n))
        .unwrap_or("/")
        .to_string();
    if ctx.user.is_some() {
        return Ok(redirect(&next));
    }
    render(&LoginPage {
        ctx,
        email: String::new(),
        next,
        error: None,
        remember: false,
    })
}

pub async fn login(
    state: web::Data<AppState>,
    Page(ctx): Page,
    form: FormData,
    ClientIp(ip): ClientIp,
    audit: AuditContext,
    req: actix_web::HttpRequest,
) -> Result<HttpResponse, AppError> {
    let typed_email = form.text("email");
    let password = form.get("password").to_string();
    let next = safe_local_path(form.get("next")).unwrap_or("/").to_string();
    let remember = !form.get("remember").is_empty();
    // Throttle on what was typed, account or not, so the answer reveals nothing.
    let account_key = normalize_email(&typed_email).unwrap_or_else(|| typed_email.to_lowercase());

    // Each attempt is counted before the slow hash; a right password gives
    // its count back below.
    let checks = vec![
        (&LOGIN_FAILURES_PER_ACCOUNT, account_key.clone()),
        (&LOGIN_FAILURES_PER_ADDRESS, ip),
    ];
    let reservation = match throttle::reserve_or_refuse(&state.db, checks).await {
        Ok(reservation) => reservation,
        Err(AppError::RateLimited { retry_after_secs }) => {
            let refused = audit.clone();
            state
                .db
                .write(move |conn| {
                    refused
                        .record_failure(conn, None, "login_throttled", "")
                        .map_err(AppError::from)
                })
                .await?;
            return login_throttled(ctx, typed_email, next, retry_after_secs);
        }
        Err(other) => return Err(other),
    };
    let key = account_key.clone();
    let user = state
        .db
        .run(move |conn| model::find_by_email(conn, &key).map_err(AppError::from))
        .await?;
    let verified =
        password::verify_and_upgrade(password, user.as_ref().map(|u| u.password_hash.clone()))
            .await?;
    let user = match user {
        Some(user) if verified.matches => user,
        other => {
            // The failure stays counted. The subject is the account's id,
            // never what was typed (people type passwords into the wrong field).
            let subject = other.map_or_else(|| "unknown account".to_string(), |u| u.id.to_string());
            state
                .db
                .write(move |conn| {
                    audit
                        .record_failure(conn, None, "login", &subject)
                        .map_err(AppError::from)
                })
                .await?;
            let error = Some(ctx.t("login-failed"));
            return render_invalid(&LoginPage {
                ctx,
                email: typed_email,
                next,
                error,
                remember,
            });
        }
    };
    let suspended = user.disabled_at.is_some();
    let (user_id, rehashed) = (user.id, verified.rehashed);
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            throttle::release(conn, &reservation)?;
            if suspended {
                audit.record_failure(conn, Some(user_id), "login", "account suspended")?;
                return Ok(());
            }
            throttle::clear(conn, &LOGIN_FAILURES_PER_ACCOUNT, &account_key)?;
            if let Some(hash) = rehashed {
                model::set_password_hash(conn, user_id, &hash)?;
                audit.record(conn, Some(user_id), "password_rehash", &user_id.to_string())?;
            }
            audit.record(conn, Some(user_id), "login", &user_id.to_string())?;
            Ok(())
        })
        .await?;
    if suspended {
        // The password was right, so saying why is no leak.
        return notice(
            ctx,
            StatusCode::FORBIDDEN,
            "login-suspended-title",
            "login-suspended-text",
            None,
        );
    }
    session::log_in(&req, user.id, remember).await?;
    let mut response = redirect(&next);
    crate::web::client::ensure_device_cookie(&req, &mut response);
    if let Some(lang) = user.locale.as_deref().and_then(Lang::from_code) {
        let _ = response.add_cookie(&lang_cookie(lang));
    }
    Ok(response)
}

fn login_throttled(
    ctx: PageCtx,
    email: String,
    next: String,
    wait: u64,
) -> Result<HttpResponse, AppError> {
    let minutes = wait.div_ceil(60) as i64;
    let error = format!(
        "{} {}",
        ctx.t("login-throttled"),
        ctx.tc("error-retry-after", "minutes", &minutes)
    );
    let page = LoginPage {
        ctx,
        email,
        next,
        error: Some(error),
        remember: false,
    };
    let mut response = render_status(StatusCode::TOO_MANY_REQUESTS, &page)?;
    if let Ok(value) = wait.to_string().parse() {
        response
            .headers_mut()
            .insert(actix_web::http::header::RETRY_AFTER, value);
    }
    Ok(response)
}

pub async fn logout(
    state: web::Data<AppState>,
    audit: AuditContext,
    req: actix_web::HttpRequest,
) -> Result<HttpResponse, AppError> {
    if let Some((user, ended)) = session::log_out(&req).await? {
        state
            .db
            .write(move |conn| {
                audit
                    .record(conn, Some(user), "logout", &format!("session {ended}"))
                    .map_err(AppError::from)
            })
            .await?;
    }
    Ok(redirect("/"))
}

pub async fn logout_everywhere(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    audit: AuditContext,
    req: actix_web::HttpRequest,
) -> Result<HttpResponse, AppError> {
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            let ended = session_store::end_all(conn, user.id, None)?;
            audit.record(
                conn,
                Some(user.id),
                "logout_everywhere",
                &format!("{ended} sessions"),
            )?;
            Ok(())
        })
        .await?;
    session::forget(&req);
    let ctx = ctx.logged_out();
    notice(
        ctx,
        StatusCode::OK,
        "logout-everywhere-title",
        "logout-everywhere-text",
        Some(("/login", "nav-login")),
    )
}

/// "Log out this one" on the account page: ends one of the user's own
/// sessions (another browser, or this one).
pub async fn end_session(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<SessionId>,
    session: Session,
    audit: AuditContext,
    req: actix_web::HttpRequest,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let this_one = session::current_session_id(&req) == Some(id);
    let ended = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            let ended = session_store::end_own(conn, user.id, id)?;
            if ended {
                audit.record(
                    conn,
                    Some(user.id),
                    "session_ended",
                    &format!("session {id}"),
                )?;
            }
            Ok(ended)
        })
        .await?;
    if !ended {
        // Not one of theirs (or already over): nothing to say about it.
        return Err(AppError::NotFound);
    }
    if this_one {
        session::forget(&req);
        return Ok(redirect("/login"));
    }
    session::flash(&session, FlashKind::Success, "account-session-ended");
    Ok(redirect("/account"))
}

// ---- password reset ------------------------------------------------------

pub async fn reset_form(Page(ctx): Page) -> Result<HttpResponse, AppError> {
    render(&ResetRequestPage {
        ctx,
        email: String::new(),
        errors: FieldErrors::default(),
    })
}

pub async fn reset_request(
    state: web::Data<AppState>,
    Page(ctx): Page,
    form: FormData,
    ClientIp(ip): ClientIp,
) -> Result<HttpResponse, AppError> {
    let typed_email = form.text("email");
    let mut errors = FieldErrors::default();
    form_level_errors(&ctx, &form, &mut errors);
    let email = normalize_email(&typed_email);
    if email.is_none() {
        errors.add("email", ctx.t("form-email-invalid"));
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return render_invalid(&ResetRequestPage {
            ctx,
            email: typed_email,
            errors,
        });
    };
    throttle::reserve_or_refuse(&state.db, vec![(&RESETS_PER_ADDRESS, ip)]).await?;
    let lang = ctx.lang;
    let base_url = state.config.base_url.clone();
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            let Some(user) = model::find_by_email(conn, &email)? else {
                return Ok(());
            };
            if !throttle::try_charge(conn, &EMAILS_PER_ACCOUNT, &email, now())? {
                return Ok(());
            }
            tokens::void_all(conn, user.id, Purpose::ResetPassword)?;
            let token = tokens::create(conn, user.id, Purpose::ResetPassword)?;
            let lang = lang_of(user.locale.as_deref(), lang);
            outbox::enqueue(
                conn,
                &emails::password_reset(lang, &base_url, &email, &user.display_name, &token)?,
            )?;
            Ok(())
        })
        .await?;
    state.outbox_signal.notify_one();
    notice(
        ctx,
        StatusCode::OK,
        "reset-sent-title",
        "reset-sent-text",
        None,
    )
}

fn reset_link_invalid(ctx: PageCtx) -> Result<HttpResponse, AppError> {
    notice(
        ctx,
        StatusCode::BAD_REQUEST,
        "reset-invalid-title",
        "reset-invalid-text",
        Some(("/password-reset", "reset-request-again")),
    )
}

pub async fn reset_confirm_form(
    state: web::Data<AppState>,
    Page(ctx): Page,
    query: Query,
) -> Result<HttpResponse, AppError> {
    let token = query.get("token").cloned().unwrap_or_default();
    let probe = token.clone();
    let valid = state
        .db
        .run(move |conn| {
            tokens::peek(conn, Purpose::ResetPassword, &probe, now()).map_err(AppError::from)
        })
        .await?;
    if valid.is_none() {
        return reset_link_invalid(ctx);
    }
    render(&ResetConfirmPage {
        ctx,
        token,
        errors: FieldErrors::default(),
    })
}

pub async fn reset_confirm(
    state: web::Data<AppState>,
    Page(ctx): Page,
    form: FormData,
    audit: AuditContext,
    req: actix_web::HttpRequest,
) -> Result<HttpResponse, AppError> {
    let token = form.get("token").to_string();
    let new_password = form.get("password").to_string();
    let probe = token.clone();
    let user = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            match tokens::peek(conn, Purpose::ResetPassword, &probe, now())? {
                Some((_, user_id)) => Ok(model::find_by_id(conn, user_id)?),
                None => Ok(None),
            }
        })
        .await?;
    let Some(user) = user else {
        return reset_link_invalid(ctx);
    };
    let mut errors = FieldErrors::default();
    form_level_errors(&ctx, &form, &mut errors);
    check_new_password(
        &ctx,
        "password",
        &new_password,
        &[&user.email, &user.display_name],
        &mut errors,
    );
    if !errors.is_empty() {
        return render_invalid(&ResetConfirmPage { ctx, token, errors });
    }
    let hash = password::hash(new_password).await?;
    let lang = lang_of(user.locale.as_deref(), ctx.lang);
    let base_url = state.config.base_url.clone();
    let done = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            let Some(user_id) = tokens::consume(conn, Purpose::ResetPassword, &token)? else {
                return Ok(false);
            };
            // Every session ends, this browser's included: whoever reset the
            // password logs in with it.
            model::set_password(conn, user_id, &hash, None)?;
            // Following the link proved the mailbox, so the address is verified too.
            model::mark_verified(conn, user_id)?;
            outbox::enqueue(
                conn,
                &emails::password_changed(lang, &base_url, &user.email, &user.display_name)?,
            )?;
            audit.record(conn, Some(user_id), "password_reset", &user_id.to_string())?;
            Ok(true)
        })
        .await?;
    if !done {
        return reset_link_invalid(ctx);
    }
    state.outbox_signal.notify_one();
    session::forget(&req);
    let ctx = ctx.logged_out();
    notice(
        ctx,
        StatusCode::OK,
        "reset-done-title",
        "reset-done-text",
        Some(("/login", "nav-login")),
    )
}

// ---- account settings ----------------------------------------------------

fn account_page(
    ctx: PageCtx,
    user: &CurrentUser,
    bio: String,
    sessions: Vec<SessionView>,
) -> AccountPage {
    AccountPage {
        ctx,
        display_name: user.display_name.clone(),
        bio,
        user_id: user.id,
        time_zone: user.time_zone.clone().unwrap_or_default(),
        zones: model::time_zones(),
        now: now(),
        email: user.email.clone(),
        verified: user.verified,
        profile_errors: FieldErrors::default(),
        password_errors: FieldErrors::default(),
        sessions,
    }
}

/// The user's open sessions as the account page lists them.
async fn session_views(
    state: &AppState,
    user: &CurrentUser,
    current: Option<SessionId>,
) -> Result<Vec<SessionView>, AppError> {
    let lifetimes = state.config.session_lifetimes();
    let id = user.id;
    let rows = state
        .db
        .run(move |conn| session_store::list(conn, id, &lifetimes, now()).map_err(AppError::from))
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| SessionView::new(row, current))
        .collect())
}

pub async fn account(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    req: actix_web::HttpRequest,
) -> Result<HttpResponse, AppError> {
    let sessions = session_views(&state, &user, session::current_session_id(&req)).await?;
    let bio = stored_bio(&state, &user).await?;
    render(&account_page(ctx, &user, bio, sessions))
}

async fn stored_bio(state: &AppState, user: &CurrentUser) -> Result<String, AppError> {
    let id = user.id;
    state
        .db
        .run(move |conn| model::bio(conn, id).map_err(AppError::from))
        .await
}

/// The zone times are shown in; empty returns to the language's.
pub async fn set_time_zone(
    state: web::Data<AppState>,
    user: CurrentUser,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let chosen = form.get("time_zone").trim().to_string();
    let zone = if chosen.is_empty() {
        None
    } else if model::time_zones().contains(&chosen.as_str()) {
        Some(chosen)
    } else {
        return Err(AppError::BadRequest("account-time-zone-unknown"));
    };
    state
        .db
        .write(move |conn| {
            model::set_time_zone(conn, user.id, zone.as_deref()).map_err(AppError::from)
        })
        .await?;
    session::flash(&session, FlashKind::Success, "account-time-zone-saved");
    Ok(redirect("/account"))
}

pub async fn update_profile(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    form: FormData,
    session: Session,
    req: actix_web::HttpRequest,
) -> Result<HttpResponse, AppError> {
    let display_name = form.text("display_name");
    let bio = form.text("bio");
    let mut errors = FieldErrors::default();
    form_level_errors(&ctx, &form, &mut errors);
    check_display_name(&ctx, &display_name, &mut errors);
    check_length(&mut errors, ctx.lang, "bio", &bio, 0, model::BIO_MAX);
    if bio.chars().any(|c| c.is_control() && c != '\n') {
        errors.add("bio", ctx.t("form-invalid-characters"));
    }
    if !errors.is_empty() {
        let sessions = session_views(&state, &user, session::current_session_id(&req)).await?;
        let page = AccountPage {
            display_name,
            profile_errors: errors,
            ..account_page(ctx, &user, bio, sessions)
        };
        return render_invalid(&page);
    }
    state
        .db
        .write(move |conn| {
            model::set_profile(conn, user.id, &display_name, &bio).map_err(AppError::from)
        })
        .await?;
    session::flash(&session, FlashKind::Success, "account-profile-saved");
    Ok(redirect("/account"))
}

pub async fn change_password(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    form: FormData,
    session: Session,
    audit: AuditContext,
    req: actix_web::HttpRequest,
) -> Result<HttpResponse, AppError> {
    let current = form.get("current_password").to_string();
    let new_password = form.get("new_password").to_string();
    // The current password is a login in all but name: counted the same way.
    let reservation = throttle::reserve_or_refuse(
        &state.db,
        vec![(&LOGIN_FAILURES_PER_ACCOUNT, user.email.clone())],
    )
    .await?;
    let stored = state
        .db
        .run({
            let id = user.id;
            move |conn| model::find_by_id(conn, id).map_err(AppError::from)
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::default();
    form_level_errors(&ctx, &form, &mut errors);
    let matches = password::verify(current, Some(stored.password_hash)).await?;
    if matches {
        state
            .db
            .write(move |conn| throttle::release(conn, &reservation).map_err(AppError::from))
            .await?;
    } else {
        errors.add("current_password", ctx.t("account-current-password-wrong"));
        let (refused, id) = (audit.clone(), user.id);
        state
            .db
            .write(move |conn| {
                refused
                    .record_failure(conn, Some(id), "password_change", &id.to_string())
                    .map_err(AppError::from)
            })
            .await?;
    }
    check_new_password(
        &ctx,
        "new_password",
        &new_password,
        &[&user.email, &user.display_name],
        &mut errors,
    );
    let this_session = session::current_session_id(&req);
    if !errors.is_empty() {
        let sessions = session_views(&state, &user, this_session).await?;
        let bio = stored_bio(&state, &user).await?;
        let page = AccountPage {
            password_errors: errors,
            ..account_page(ctx, &user, bio, sessions)
        };
        return render_invalid(&page);
    }
    let hash = password::hash(new_password).await?;
    let lang = lang_of(user.locale.as_deref(), ctx.lang);
    let base_url = state.config.base_url.clone();
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            // Every other session ends; this one carries on.
            let ended = model::set_password(conn, user.id, &hash, this_session)?;
            outbox::enqueue(
                conn,
                &emails::password_changed(lang, &base_url, &user.email, &user.display_name)?,
            )?;
            audit.record(
                conn,
                Some(user.id),
                "password_change",
                &format!("{}; {ended} other sessions ended", user.id),
            )?;
            Ok(())
        })
        .await?;
    state.outbox_signal.notify_one();
    session::flash(&session, FlashKind::Success, "account-password-changed");
    Ok(redirect("/account"))
}

fn lang_cookie(lang: Lang) -> Cookie<'static> {
    Cookie::build(LANG_COOKIE, lang.code())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .max_age(CookieDuration::days(365))
        .finish()
}

/// The language switch in the header: remembered in a cookie for everyone
/// and in the account for a logged-in user.
pub async fn choose_language(
    state: web::Data<AppState>,
    Page(ctx): Page,
    form: FormData,
) -> Result<HttpResponse, AppError> {
    let lang = Lang::from_code(form.get("lang")).ok_or(AppError::BadRequest("error-400-text"))?;
    if let Some(user) = ctx.user {
        state
            .db
            .write(move |conn| {
                model::set_locale(conn, user.id, lang.code()).map_err(AppError::from)
            })
            .await?;
    }
    let next = safe_local_path(form.get("next")).unwrap_or("/");
    let mut response = redirect(next);
    response
        .add_cookie(&lang_cookie(lang))
        .map_err(AppError::internal)?;
    Ok(response)
}

/// The headline shown on the home page to a logged-in user.
pub fn greeting(lang: Lang, user: &CurrentUser) -> String {
    crate::kernel::i18n::tr_args(lang, "greeting-user", &[("name", &user.display_name)])
}
