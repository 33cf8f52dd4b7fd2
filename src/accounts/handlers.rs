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
use crate::kernel::error::AppError;
use crate::kernel::i18n::Lang;
use crate::kernel::user::normalize_email;
use crate::kernel::user::CurrentUser;
use crate::mail::outbox;
use crate::state::AppState;
use crate::web::client::ClientIp;
use crate::web::form::{check_length, FieldErrors, FormData};
use crate::web::layout::{
    redirect, render, render_invalid, render_status, safe_local_path, Page, PageCtx, LANG_COOKIE,
};
use crate::web::notice::notice;
use crate::web::session::{self, FlashKind};
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

    throttle::ensure_allowed(&state.db, &SIGNUPS_PER_ADDRESS, ip.clone()).await?;
    // Hash even when the address is taken, so both answers take as long.
    let hash = password::hash(password).await?;
    let lang = ctx.lang;
    let base_url = state.config.base_url.clone();
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            let at = now();
            throttle::record(conn, &SIGNUPS_PER_ADDRESS, &ip, at)?;
            let may_email = throttle::wait_seconds(conn, &EMAILS_PER_ACCOUNT, &email, at)? == 0;
            match model::find_by_email(conn, &email)? {
                Some(existing) => {
                    if may_email {
                        let lang = lang_of(existing.locale.as_deref(), lang);
                        let message = emails::already_registered(
                            lang,
                            &base_url,
                            &email,
                            &existing.display_name,
                        )?;
                        outbox::enqueue(conn, &message)?;
                        throttle::record(conn, &EMAILS_PER_ACCOUNT, &email, at)?;
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
                    throttle::record(conn, &EMAILS_PER_ACCOUNT, &email, at)?;
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

pub async fn verify_email(
    state: web::Data<AppState>,
    Page(ctx): Page,
    query: Query,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let token = query.get("token").cloned().unwrap_or_default();
    let verified = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            match tokens::consume(conn, Purpose::VerifyEmail, &token)? {
                Some(user) => {
                    model::mark_verified(conn, user)?;
                    Ok(true)
                }
                None => Ok(false),
            }
        })
        .await?;
    if !verified {
        let link = if ctx.user.is_some() {
            ("/account", "nav-account")
        } else {
            ("/login", "nav-login")
        };
        return notice(
            ctx,
            StatusCode::BAD_REQUEST,
            "verify-invalid-title",
            "verify-invalid-text",
            Some(link),
        );
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
            let at = now();
            if throttle::wait_seconds(conn, &EMAILS_PER_ACCOUNT, &user.email, at)? > 0 {
                return Ok(false);
            }
            let token = tokens::create(conn, user.id, Purpose::VerifyEmail)?;
            outbox::enqueue(
                conn,
                &emails::verification(lang, &base_url, &user.email, &user.display_name, &token)?,
            )?;
            throttle::record(conn, &EMAILS_PER_ACCOUNT, &user.email, at)?;
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
    })
}

pub async fn login(
    state: web::Data<AppState>,
    Page(ctx): Page,
    form: FormData,
    ClientIp(ip): ClientIp,
    session: Session,
    req: actix_web::HttpRequest,
) -> Result<HttpResponse, AppError> {
    let typed_email = form.text("email");
    let password = form.get("password").to_string();
    let next = safe_local_path(form.get("next")).unwrap_or("/").to_string();
    // Throttle on what was typed, account or not, so the answer reveals nothing.
    let account_key = normalize_email(&typed_email).unwrap_or_else(|| typed_email.to_lowercase());

    let (key, address) = (account_key.clone(), ip.clone());
    let (wait, user) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let at = now();
            let wait = throttle::wait_seconds(conn, &LOGIN_FAILURES_PER_ACCOUNT, &key, at)?.max(
                throttle::wait_seconds(conn, &LOGIN_FAILURES_PER_ADDRESS, &address, at)?,
            );
            let user = if wait == 0 {
                model::find_by_email(conn, &key)?
            } else {
                None
            };
            Ok((wait, user))
        })
        .await?;
    if wait > 0 {
        let minutes = wait.div_ceil(60) as i64;
        let error = format!(
            "{} {}",
            ctx.t("login-throttled"),
            ctx.tc("error-retry-after", "minutes", &minutes)
        );
        let page = LoginPage {
            ctx,
            email: typed_email,
            next,
            error: Some(error),
        };
        let mut response = render_status(StatusCode::TOO_MANY_REQUESTS, &page)?;
        if let Ok(value) = wait.to_string().parse() {
            response
                .headers_mut()
                .insert(actix_web::http::header::RETRY_AFTER, value);
        }
        return Ok(response);
    }

    let ok = password::verify(password, user.as_ref().map(|u| u.password_hash.clone())).await?;
    let user = match user {
        Some(user) if ok => user,
        _ => {
            state
                .db
                .write(move |conn| -> Result<(), AppError> {
                    let at = now();
                    throttle::record(conn, &LOGIN_FAILURES_PER_ACCOUNT, &account_key, at)?;
                    throttle::record(conn, &LOGIN_FAILURES_PER_ADDRESS, &ip, at)?;
                    Ok(())
                })
                .await?;
            let error = Some(ctx.t("login-failed"));
            return render_invalid(&LoginPage {
                ctx,
                email: typed_email,
                next,
                error,
            });
        }
    };
    state
        .db
        .write(move |conn| {
            throttle::clear(conn, &LOGIN_FAILURES_PER_ACCOUNT, &account_key).map_err(AppError::from)
        })
        .await?;
    session::log_in(&session, user.id, user.session_generation)?;
    let mut response = redirect(&next);
    crate::web::client::ensure_device_cookie(&req, &mut response);
    if let Some(lang) = user.locale.as_deref().and_then(Lang::from_code) {
        let _ = response.add_cookie(&lang_cookie(lang));
    }
    Ok(response)
}

pub async fn logout(session: Session) -> HttpResponse {
    session::log_out(&session);
    redirect("/")
}

pub async fn logout_everywhere(
    state: web::Data<AppState>,
    user: CurrentUser,
    session: Session,
    Page(ctx): Page,
) -> Result<HttpResponse, AppError> {
    state
        .db
        .write(move |conn| model::bump_generation(conn, user.id).map_err(AppError::from))
        .await?;
    session::log_out(&session);
    let ctx = ctx.logged_out();
    notice(
        ctx,
        StatusCode::OK,
        "logout-everywhere-title",
        "logout-everywhere-text",
        Some(("/login", "nav-login")),
    )
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
    throttle::ensure_allowed(&state.db, &RESETS_PER_ADDRESS, ip.clone()).await?;
    let lang = ctx.lang;
    let base_url = state.config.base_url.clone();
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            let at = now();
            throttle::record(conn, &RESETS_PER_ADDRESS, &ip, at)?;
            let Some(user) = model::find_by_email(conn, &email)? else {
                return Ok(());
            };
            if throttle::wait_seconds(conn, &EMAILS_PER_ACCOUNT, &email, at)? > 0 {
                return Ok(());
            }
            tokens::void_all(conn, user.id, Purpose::ResetPassword)?;
            let token = tokens::create(conn, user.id, Purpose::ResetPassword)?;
            let lang = lang_of(user.locale.as_deref(), lang);
            outbox::enqueue(
                conn,
                &emails::password_reset(lang, &base_url, &email, &user.display_name, &token)?,
            )?;
            throttle::record(conn, &EMAILS_PER_ACCOUNT, &email, at)?;
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
    session: Session,
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
            model::set_password(conn, user_id, &hash)?;
            // Following the link proved the mailbox, so the address is verified too.
            model::mark_verified(conn, user_id)?;
            outbox::enqueue(
                conn,
                &emails::password_changed(lang, &base_url, &user.email, &user.display_name)?,
            )?;
            crate::kernel::audit::audit(
                conn,
                Some(user_id),
                "password_reset",
                &user_id.to_string(),
            )?;
            Ok(true)
        })
        .await?;
    if !done {
        return reset_link_invalid(ctx);
    }
    state.outbox_signal.notify_one();
    session::log_out(&session);
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

fn account_page(ctx: PageCtx, user: &CurrentUser) -> AccountPage {
    AccountPage {
        ctx,
        display_name: user.display_name.clone(),
        email: user.email.clone(),
        verified: user.verified,
        profile_errors: FieldErrors::default(),
        password_errors: FieldErrors::default(),
    }
}

pub async fn account(user: CurrentUser, Page(ctx): Page) -> Result<HttpResponse, AppError> {
    render(&account_page(ctx, &user))
}

pub async fn update_profile(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let display_name = form.text("display_name");
    let mut errors = FieldErrors::default();
    form_level_errors(&ctx, &form, &mut errors);
    check_display_name(&ctx, &display_name, &mut errors);
    if !errors.is_empty() {
        let page = AccountPage {
            display_name,
            profile_errors: errors,
            ..account_page(ctx, &user)
        };
        return render_invalid(&page);
    }
    state
        .db
        .write(move |conn| {
            model::set_display_name(conn, user.id, &display_name).map_err(AppError::from)
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
) -> Result<HttpResponse, AppError> {
    let current = form.get("current_password").to_string();
    let new_password = form.get("new_password").to_string();
    throttle::ensure_allowed(&state.db, &LOGIN_FAILURES_PER_ACCOUNT, user.email.clone()).await?;
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
    if !password::verify(current, Some(stored.password_hash)).await? {
        errors.add("current_password", ctx.t("account-current-password-wrong"));
        let key = user.email.clone();
        state
            .db
            .write(move |conn| {
                throttle::record(conn, &LOGIN_FAILURES_PER_ACCOUNT, &key, now())
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
    if !errors.is_empty() {
        let page = AccountPage {
            password_errors: errors,
            ..account_page(ctx, &user)
        };
        return render_invalid(&page);
    }
    let hash = password::hash(new_password).await?;
    let lang = lang_of(user.locale.as_deref(), ctx.lang);
    let base_url = state.config.base_url.clone();
    let generation = state
        .db
        .write(move |conn| -> Result<i64, AppError> {
            let generation = model::set_password(conn, user.id, &hash)?;
            outbox::enqueue(
                conn,
                &emails::password_changed(lang, &base_url, &user.email, &user.display_name)?,
            )?;
            crate::kernel::audit::audit(
                conn,
                Some(user.id),
                "password_change",
                &user.id.to_string(),
            )?;
            Ok(generation)
        })
        .await?;
    state.outbox_signal.notify_one();
    // Every other session is now revoked; this one carries on.
    session::set_generation(&session, generation)?;
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
