//! Review invitations: one address, a pasted list, or a link; and the
//! page an invitation link opens.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use crate::db::now;
use crate::kernel::error::AppError;
use crate::kernel::user::CurrentUser;
use crate::mail::outbox;
use crate::reviews::emails;
use crate::reviews::model::{self as model};
use crate::reviews::permissions;
use crate::reviews::views::*;
use crate::state::AppState;
use crate::web::form::{FieldErrors, FormData};
use crate::web::layout::{redirect, render, render_status, Page, PageCtx};
use crate::web::notice::notice;
use crate::web::session::{self, FlashKind};
use crate::web::throttle::{self, INVITATIONS_PER_COMPANY};

use crate::reviews::handlers::load_company;

pub async fn invitations(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let company = load_company(&state, path.into_inner()).await?;
    permissions::can_invite(&user, company.id)?;
    invitations_page(
        &state,
        ctx,
        company,
        String::new(),
        FieldErrors::default(),
        None,
    )
    .await
}

/// The invitations page with the company's recent invitations: first shown,
/// shown again with errors (the addresses as typed), or with a new link.
async fn invitations_page(
    state: &AppState,
    ctx: PageCtx,
    company: crate::companies::model::Company,
    emails: String,
    errors: FieldErrors,
    new_link: Option<String>,
) -> Result<HttpResponse, AppError> {
    let id = company.id;
    let invitations = state
        .db
        .run(move |conn| model::recent_invitations(conn, id).map_err(AppError::from))
        .await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render_status(
        status,
        &InvitationsPage {
            ctx,
            company,
            invitations,
            emails,
            errors,
            new_link,
        },
    )
}

/// Addresses from a pasted list or CSV: split on commas, semicolons and lines.
pub fn parse_address_list(text: &str) -> (Vec<String>, Vec<String>) {
    let mut valid = Vec::new();
    let mut invalid = Vec::new();
    for item in text
        .split([',', ';', '\n', '\r', '\t'])
        .map(|s| s.trim().trim_matches('"'))
        .filter(|s| !s.is_empty())
    {
        match crate::kernel::user::normalize_email(item) {
            Some(email) if !valid.contains(&email) => valid.push(email),
            Some(_) => {}
            None => invalid.push(item.to_string()),
        }
    }
    (valid, invalid)
}

pub const INVITATIONS_PER_BATCH: usize = 500;

pub async fn send_invitations(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<String>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let company = load_company(&state, path.into_inner()).await?;
    permissions::can_invite(&user, company.id)?;
    let (company_id, creator) = (company.id, user.id);
    if form.get("action") == "link" {
        let token = state
            .db
            .write(move |conn| {
                model::create_invitation(conn, company_id, creator, None).map_err(AppError::from)
            })
            .await?;
        let new_link = Some(format!("{}/invite/{token}", state.config.base_url));
        return invitations_page(
            &state,
            ctx,
            company,
            String::new(),
            FieldErrors::default(),
            new_link,
        )
        .await;
    }
    let text = form.get("emails").to_string();
    let (valid, invalid) = parse_address_list(&text);
    let mut errors = FieldErrors::default();
    if !invalid.is_empty() {
        errors.add(
            "emails",
            ctx.ta("review-invite-bad-addresses", "list", invalid.join(", ")),
        );
    } else if valid.is_empty() {
        errors.add("emails", ctx.t("review-invite-none"));
    } else if valid.len() > INVITATIONS_PER_BATCH {
        errors.add(
            "emails",
            ctx.tc(
                "review-invite-too-many",
                "max",
                &(INVITATIONS_PER_BATCH as i64),
            ),
        );
    }
    if !errors.is_empty() {
        return invitations_page(&state, ctx, company, text, errors, None).await;
    }
    let (lang, base_url, name, slug) = (
        ctx.lang,
        state.config.base_url.clone(),
        company.name.clone(),
        company.slug.clone(),
    );
    let company_key = company_id.to_string();
    let over_limit = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            let at = now();
            if throttle::wait_seconds(conn, &INVITATIONS_PER_COMPANY, &company_key, at)? > 0 {
                return Ok(true);
            }
            for email in &valid {
                // Someone who asked for no more invitations gets none.
                if model::refuses_invitations(conn, email)? {
                    continue;
                }
                let token = model::create_invitation(conn, company_id, creator, Some(email))?;
                outbox::enqueue(
                    conn,
                    &emails::invitation(lang, &base_url, email, &name, &token)?,
                )?;
                throttle::charge(conn, &INVITATIONS_PER_COMPANY, &company_key, at)?;
            }
            Ok(false)
        })
        .await?;
    if over_limit {
        return Err(AppError::RateLimited {
            retry_after_secs: 3600,
        });
    }
    state.outbox_signal.notify_one();
    session::flash(&session, FlashKind::Success, "review-invite-sent");
    Ok(redirect(&format!("/companies/{slug}/invitations")))
}

pub async fn invite_landing(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let probe = token.clone();
    let found = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            match model::find_invitation(conn, &probe)? {
                Some(invitation) => Ok(crate::companies::model::find_company(
                    conn,
                    invitation.company_id,
                )?),
                None => Ok(None),
            }
        })
        .await?;
    match found {
        Some(company) => render(&InviteLandingPage {
            ctx,
            company,
            token,
        }),
        None => notice(
            ctx,
            StatusCode::NOT_FOUND,
            "review-invite-invalid-title",
            "review-invite-invalid-text",
            Some(("/companies", "nav-companies")),
        ),
    }
}

/// The page the link at the foot of an invitation opens: one button stops
/// every invitation to the address, from any company.
pub async fn stop_page(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let probe = token.clone();
    let known = state
        .db
        .run(move |conn| model::invited_address(conn, &probe).map_err(AppError::from))
        .await?
        .is_some();
    if !known {
        return stop_gone(ctx);
    }
    render(&InviteStopPage { ctx, token })
}

/// Stops invitations to the address; also the one-click unsubscribe mail
/// programs post (RFC 8058), without a CSRF token: the token is the proof.
pub async fn stop(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let stopped = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            let Some(email) = model::invited_address(conn, &token)? else {
                return Ok(false);
            };
            model::refuse_invitations(conn, &email)?;
            Ok(true)
        })
        .await?;
    if !stopped {
        return stop_gone(ctx);
    }
    notice(
        ctx,
        StatusCode::OK,
        "review-invite-stopped-title",
        "review-invite-stopped-text",
        Some(("/", "error-home-link")),
    )
}

fn stop_gone(ctx: crate::web::layout::PageCtx) -> Result<HttpResponse, AppError> {
    notice(
        ctx,
        StatusCode::NOT_FOUND,
        "review-invite-invalid-title",
        "review-invite-stop-gone",
        Some(("/", "error-home-link")),
    )
}
