//! The home page, the company directory and pages, reviews, company
//! replies, invitations, and the administrator's company list.

use std::collections::HashMap;
use std::sync::Arc;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;

use crate::companies::score;
use crate::db::now;
use crate::kernel::error::AppError;
use crate::kernel::ids::ReviewId;
use crate::kernel::markdown;
use crate::kernel::pii::{check_personal_data, remove_personal_data};
use crate::kernel::user::CurrentUser;
use crate::mail::outbox;
use crate::reviews::emails;
use crate::reviews::model::{
    self as model, ReviewCursor, ReviewFilter, ReviewInput, ReviewRefusal, ReviewSort,
    REFERENCE_MAX, REVIEW_BODY_MAX, REVIEW_TITLE_MAX, REVIEW_TITLE_MIN,
};
use crate::reviews::permissions;
use crate::reviews::views::*;
use crate::state::AppState;
use crate::web::client::set_device_cookie;
use crate::web::form::{check_length, FieldErrors, FormData};
use crate::web::layout::{redirect, render, render_invalid, render_status, Page, PageCtx};
use crate::web::notice::notice;
use crate::web::page_cache;
use crate::web::session::{self, FlashKind};
use crate::web::throttle::{self, INVITATIONS_PER_COMPANY, POSTS_PER_ACCOUNT};

type Query = web::Query<HashMap<String, String>>;

async fn load_company(
    state: &AppState,
    slug: String,
) -> Result<crate::companies::model::Company, AppError> {
    state
        .db
        .run(move |conn| crate::companies::model::find_by_slug(conn, &slug).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)
}

fn write_blocked(
    user: Option<&CurrentUser>,
    company: &crate::companies::model::Company,
) -> Option<&'static str> {
    match user {
        None => Some("review-login-to-write"),
        Some(user) => match permissions::can_review(user, company.id) {
            Ok(()) => None,
            Err(AppError::Denied(key)) => Some(key),
            Err(_) => Some("error-403-text"),
        },
    }
}

pub async fn company(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<String>,
    query: Query,
) -> Result<HttpResponse, AppError> {
    page_cache::public_page(Arc::clone(&state.pages), ctx, |ctx| {
        company_page(state, ctx, path.into_inner(), query)
    })
    .await
}

async fn company_page(
    state: web::Data<AppState>,
    ctx: PageCtx,
    slug: String,
    query: Query,
) -> Result<HttpResponse, AppError> {
    let company = load_company(&state, slug).await?;
    let sort = ReviewSort::parse(query.get("sort").map_or("", String::as_str));
    let stars = query
        .get("stars")
        .and_then(|s| s.parse::<i32>().ok())
        .filter(|s| (1..=5).contains(s));
    let label = query
        .get("label")
        .filter(|l| model::FILTERABLE_LABELS.contains(&l.as_str()))
        .cloned();
    let after = query.get("after").and_then(|a| ReviewCursor::parse(a));
    let filter = ReviewFilter {
        stars,
        label: label.clone(),
    };
    let (company_id, viewer_id) = (company.id, ctx.user.as_ref().map(|u| u.id));
    let sees_reference = permissions::can_see_reference(ctx.user.as_ref(), company.id);
    let (reviews, more, forum_slug, own_review, helpful_voted, response, verification_refs) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let (reviews, more) =
                model::list_reviews(conn, company_id, sort, &filter, after, viewer_id)?;
            let forum_slug =
                crate::forum::model::company_section(conn, company_id)?.map(|c| c.slug);
            let (own, voted) = match viewer_id {
                Some(user) => {
                    let ids: Vec<ReviewId> = reviews.iter().map(|r| r.review.id).collect();
                    (
                        model::own_review(conn, company_id, user)?.map(|r| r.id),
                        model::has_marked_helpful(conn, user, &ids)?,
                    )
                }
                None => (None, Vec::new()),
            };
            let response = (
                crate::support::model::response_time(conn, company_id)?,
                crate::support::incidents::active(conn, company_id)?,
            );
            // References given to verify a review: the company's staff and
            // moderators only, so only loaded for them.
            let verification_refs = if sees_reference {
                let ids: Vec<ReviewId> = reviews.iter().map(|r| r.review.id).collect();
                crate::verification::model::answer_references(conn, &ids)?
            } else {
                Vec::new()
            };
            Ok((
                reviews,
                more,
                forum_slug,
                own,
                voted,
                response,
                verification_refs,
            ))
        })
        .await?;
    let next_cursor = if more {
        reviews
            .last()
            .map(|r| ReviewCursor::of(&r.review, sort).to_string())
    } else {
        None
    };
    let platform_mean = score::PRIOR_MEAN;
    let viewer = ctx.user.clone();
    let (response, incidents) = response;
    let response_time = crate::support::model::badge_text(&ctx, response.as_ref());
    render(&CompanyPage {
        incidents,
        write_blocked: write_blocked(viewer.as_ref(), &company),
        ctx,
        company,
        platform_mean,
        forum_slug,
        reviews,
        next_cursor,
        sort,
        stars,
        label,
        own_review,
        viewer,
        helpful_voted,
        response_time,
        verification_refs,
    })
}

// ---- writing and editing reviews ----------------------------------------

enum Checked {
    Ready(ReviewDraft),
    Show(ReviewForm, StatusCode),
}

/// A checked review, ready to store.
struct ReviewDraft {
    rating: i32,
    title: String,
    body: String,
    html: markdown::SafeHtml,
    date: Option<NaiveDate>,
    reference: Option<String>,
}

impl ReviewDraft {
    fn input(&self) -> ReviewInput<'_> {
        ReviewInput {
            rating: self.rating,
            title: &self.title,
            body_source: &self.body,
            body_html: &self.html,
            experience_date: self.date,
            reference: self.reference.as_deref(),
        }
    }
}

/// The write page, first shown or shown again (with a preview, errors or personal data found).
fn write_page_again(
    ctx: PageCtx,
    company: crate::companies::model::Company,
    form: ReviewForm,
    editing: Option<ReviewId>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    render_status(
        status,
        &WritePage {
            ctx,
            company,
            form,
            editing,
            today: today(),
        },
    )
}

fn check_review_form(ctx: &PageCtx, form: &FormData) -> Checked {
    let action = form.get("action");
    let mut state = ReviewForm {
        rating: form.get("rating").to_string(),
        title: form.text("title"),
        body: form
            .get("body")
            .replace("\r\n", "\n")
            .trim_end()
            .to_string(),
        experience_date: form.text("experience_date"),
        reference: form.text("reference"),
        invitation: form.get("invitation").to_string(),
        ..ReviewForm::default()
    };
    if action == "remove_pii" {
        let replacement = ctx.t("pii-removed");
        state.title = remove_personal_data(&state.title, &replacement);
        state.body = remove_personal_data(&state.body, &replacement);
    }
    let errors = &mut state.errors;
    if form.invalid_utf8 {
        errors.add("form", ctx.t("form-invalid-utf8"));
    }
    let rating = state
        .rating
        .parse::<i32>()
        .ok()
        .filter(|r| (1..=5).contains(r));
    if rating.is_none() {
        errors.add("rating", ctx.t("review-rating-required"));
    }
    check_length(
        errors,
        ctx.lang,
        "title",
        &state.title,
        REVIEW_TITLE_MIN,
        REVIEW_TITLE_MAX,
    );
    check_length(
        errors,
        ctx.lang,
        "body",
        state.body.trim(),
        1,
        REVIEW_BODY_MAX,
    );
    check_length(
        errors,
        ctx.lang,
        "reference",
        &state.reference,
        0,
        REFERENCE_MAX,
    );
    let today = now().date();
    let date = if state.experience_date.is_empty() {
        None
    } else {
        match NaiveDate::parse_from_str(&state.experience_date, "%Y-%m-%d") {
            Ok(d) if d > today => {
                errors.add("experience_date", ctx.t("review-date-future"));
                None
            }
            Ok(d) if d < NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or(d) => {
                errors.add("experience_date", ctx.t("review-date-invalid"));
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                errors.add("experience_date", ctx.t("review-date-invalid"));
                None
            }
        }
    };
    let Some(rating) = rating.filter(|_| state.errors.is_empty()) else {
        return Checked::Show(state, StatusCode::UNPROCESSABLE_ENTITY);
    };
    if action == "preview" {
        state.preview = Some(markdown::render(&state.body));
        return Checked::Show(state, StatusCode::OK);
    }
    // "Publish anyway": the automatic check holds it for a moderator.
    let report = (action != "publish_anyway")
        .then(|| check_personal_data(&state.title, &state.body))
        .flatten();
    if let Some(report) = report {
        state.pii_kinds = report.kinds;
        state.pii_title = report.title;
        state.pii_body = report.body;
        return Checked::Show(state, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let reference = Some(state.reference.clone()).filter(|r| !r.is_empty());
    let html = markdown::render(&state.body);
    Checked::Ready(ReviewDraft {
        rating,
        title: state.title,
        body: state.body,
        html,
        date,
        reference,
    })
}

/// The automatic moderation checks on a review just written or edited.
fn screen_review(
    conn: &mut crate::db::DbConn,
    lang: crate::kernel::i18n::Lang,
    base_url: &str,
    author: crate::kernel::ids::UserId,
    id: ReviewId,
    draft: &ReviewDraft,
) -> Result<bool, AppError> {
    let publisher = crate::moderation::hooks::Publisher {
        lang,
        base_url,
        author,
    };
    crate::moderation::hooks::screen(
        conn,
        &publisher,
        crate::moderation::model::ItemKind::Review,
        id.0,
        &draft.title,
        &draft.body,
    )
}

fn today() -> String {
    now().date().to_string()
}

pub async fn write_form(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<String>,
    query: Query,
) -> Result<HttpResponse, AppError> {
    let company = load_company(&state, path.into_inner()).await?;
    permissions::can_review(&user, company.id)?;
    let (company_id, user_id) = (company.id, user.id);
    if let Some(existing) = state
        .db
        .run(move |conn| model::own_review(conn, company_id, user_id).map_err(AppError::from))
        .await?
    {
        return Ok(redirect(&format!("/reviews/{}/edit", existing.id)));
    }
    let form = ReviewForm {
        invitation: query.get("invitation").cloned().unwrap_or_default(),
        ..ReviewForm::default()
    };
    write_page_again(ctx, company, form, None, StatusCode::OK)
}

pub async fn create_review(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<String>,
    form: FormData,
    session: Session,
    origin: crate::verification::model::Origin,
) -> Result<HttpResponse, AppError> {
    let company = load_company(&state, path.into_inner()).await?;
    permissions::can_review(&user, company.id)?;
    let draft = match check_review_form(&ctx, &form) {
        Checked::Ready(draft) => draft,
        Checked::Show(form, status) => return write_page_again(ctx, company, form, None, status),
    };
    let invitation = Some(form.get("invitation").to_string()).filter(|t| !t.is_empty());
    let (company_id, slug) = (company.id, company.slug.clone());
    let key = user.id.to_string();
    let lang = ctx.lang;
    let base_url = state.config.base_url.clone();
    let new_device = origin.new_device;
    let outcome = state
        .db
        .write(move |conn| -> Result<_, AppError> {
            throttle::record(conn, &POSTS_PER_ACCOUNT, &key, now())?;
            let input = draft.input();
            let created =
                model::create_review(conn, company_id, user.id, &input, invitation.as_deref())?;
            match created {
                Ok(id) => {
                    let held = screen_review(conn, lang, &base_url, user.id, id, &draft)?;
                    crate::verification::model::assess(conn, id, &origin)?;
                    Ok(Ok((id, held)))
                }
                Err(refusal) => Ok(Err(refusal)),
            }
        })
        .await?;
    match outcome {
        Ok((id, held)) => {
            state.outbox_signal.notify_one();
            let key = if held {
                "moderation-held-flash"
            } else {
                "review-published"
            };
            session::flash(&session, FlashKind::Success, key);
            let mut response = redirect(&format!("/companies/{slug}#review-{id}"));
            if new_device {
                set_device_cookie(state.config.secure_cookies(), &mut response);
            }
            Ok(response)
        }
        Err(ReviewRefusal::AlreadyReviewed(id)) => {
            session::flash(&session, FlashKind::Info, "review-already");
            Ok(redirect(&format!("/reviews/{id}/edit")))
        }
        Err(ReviewRefusal::InvitationInvalid) => notice(
            ctx,
            StatusCode::BAD_REQUEST,
            "review-invite-invalid-title",
            "review-invite-invalid-text",
            Some((&format!("/companies/{slug}/review"), "review-write-anyway")),
        ),
    }
}

async fn load_review(
    state: &AppState,
    id: ReviewId,
) -> Result<(model::Review, crate::companies::model::Company), AppError> {
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let review = model::find_review(conn, id)?.ok_or(AppError::NotFound)?;
            let company = crate::companies::model::find_company(conn, review.company_id)?
                .ok_or(AppError::NotFound)?;
            Ok((review, company))
        })
        .await
}

pub async fn edit_form(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<ReviewId>,
) -> Result<HttpResponse, AppError> {
    let (review, company) = load_review(&state, path.into_inner()).await?;
    permissions::can_change(&user, &review)?;
    let form = ReviewForm::from_review(&review);
    write_page_again(ctx, company, form, Some(review.id), StatusCode::OK)
}

pub async fn edit(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<ReviewId>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (review, company) = load_review(&state, path.into_inner()).await?;
    permissions::can_change(&user, &review)?;
    let draft = match check_review_form(&ctx, &form) {
        Checked::Ready(draft) => draft,
        Checked::Show(form, status) => {
            return write_page_again(ctx, company, form, Some(review.id), status)
        }
    };
    let id = review.id;
    let lang = ctx.lang;
    let base_url = state.config.base_url.clone();
    let author = user.id;
    let held = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            let current = model::find_review(conn, id)?.ok_or(AppError::NotFound)?;
            let input = draft.input();
            model::edit_review(conn, &current, &input)?;
            let held = screen_review(conn, lang, &base_url, author, id, &draft)?;
            // An edit is scored again; where it was written from stays as first recorded.
            crate::verification::model::assess(conn, id, &Default::default())?;
            Ok(held)
        })
        .await?;
    state.outbox_signal.notify_one();
    let key = if held {
        "moderation-held-flash"
    } else {
        "review-saved"
    };
    session::flash(&session, FlashKind::Success, key);
    Ok(redirect(&format!(
        "/companies/{}#review-{id}",
        company.slug
    )))
}

pub async fn withdraw(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<ReviewId>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (review, company) = load_review(&state, path.into_inner()).await?;
    permissions::can_change(&user, &review)?;
    let id = review.id;
    state
        .db
        .write(move |conn| model::withdraw_review(conn, &review).map_err(AppError::from))
        .await?;
    session::flash(&session, FlashKind::Success, "review-withdrawn-done");
    Ok(redirect(&format!(
        "/companies/{}#review-{id}",
        company.slug
    )))
}

pub async fn history(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<ReviewId>,
) -> Result<HttpResponse, AppError> {
    let (review, company) = load_review(&state, path.into_inner()).await?;
    let id = review.id;
    let moderator = ctx.user.as_ref().is_some_and(|u| u.is_moderator);
    let (revisions, withheld) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let withheld = !moderator
                && crate::moderation::model::history_withheld(
                    conn,
                    crate::moderation::model::ItemKind::Review,
                    id.0,
                )?;
            Ok((model::review_revisions(conn, id)?, withheld))
        })
        .await?;
    render(&ReviewHistoryPage {
        ctx,
        company,
        review,
        revisions,
        withheld,
    })
}

pub async fn helpful(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<ReviewId>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (review, company) = load_review(&state, path.into_inner()).await?;
    permissions::can_mark_helpful(&user, &review)?;
    let id = review.id;
    let counted = state
        .db
        .write(move |conn| model::mark_helpful(conn, id, user.id).map_err(AppError::from))
        .await?;
    session::flash(
        &session,
        FlashKind::Success,
        if counted {
            "review-helpful-done"
        } else {
            "review-helpful-already"
        },
    );
    Ok(redirect(&format!(
        "/companies/{}#review-{id}",
        company.slug
    )))
}

/// The company's public reply (one per review, editable with history).
/// The reply form on a page of its own: reached from the company page, and
/// shown again (with the text as typed) when a reply cannot be published.
pub async fn reply_form(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<ReviewId>,
) -> Result<HttpResponse, AppError> {
    let (review, company) = load_review(&state, path.into_inner()).await?;
    permissions::can_reply(&user, &review)?;
    let id = review.id;
    let existing = state
        .db
        .run(move |conn| model::review_view(conn, id).map_err(AppError::from))
        .await?
        .and_then(|view| view.reply)
        .map(|reply| reply.body_source)
        .unwrap_or_default();
    render(&ReplyPage {
        ctx,
        company,
        review,
        body: existing,
        errors: FieldErrors::default(),
    })
}

pub async fn reply(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<ReviewId>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (review, company) = load_review(&state, path.into_inner()).await?;
    permissions::can_reply(&user, &review)?;
    let body = form.get("body").replace("\r\n", "\n").trim().to_string();
    let mut errors = FieldErrors::default();
    if form.invalid_utf8 {
        errors.add("form", ctx.t("form-invalid-utf8"));
    }
    check_length(&mut errors, ctx.lang, "body", &body, 1, REVIEW_BODY_MAX);
    if !errors.is_empty() {
        return render_invalid(&ReplyPage {
            ctx,
            company,
            review,
            body,
            errors,
        });
    }
    let html = markdown::render(&body);
    let (id, slug) = (review.id, company.slug.clone());
    let base_url = state.config.base_url.clone();
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            let created = model::save_reply(conn, &review, user.id, &body, &html)?;
            if created {
                let (email, name, locale) = model::reviewer_contact(conn, &review)?;
                let lang = locale
                    .as_deref()
                    .and_then(crate::kernel::i18n::Lang::from_code)
                    .unwrap_or(crate::kernel::i18n::Lang::En);
                let excerpt: String = body.chars().take(300).collect();
                let message = emails::company_replied(
                    lang,
                    &base_url,
                    &email,
                    &name,
                    &company.name,
                    &format!("/companies/{}#review-{}", company.slug, review.id),
                    &excerpt,
                )?;
                outbox::enqueue(conn, &message)?;
            }
            Ok(())
        })
        .await?;
    state.outbox_signal.notify_one();
    session::flash(&session, FlashKind::Success, "review-reply-saved");
    Ok(redirect(&format!("/companies/{slug}#review-{id}")))
}

// ---- invitations -------------------------------------------------------------

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
        match crate::accounts::model::normalize_email(item) {
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
                let token = model::create_invitation(conn, company_id, creator, Some(email))?;
                outbox::enqueue(
                    conn,
                    &emails::invitation(lang, &base_url, email, &name, &token)?,
                )?;
                throttle::record(conn, &INVITATIONS_PER_COMPANY, &company_key, at)?;
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

pub async fn about(Page(ctx): Page) -> Result<HttpResponse, AppError> {
    let mean = score::display(score::PRIOR_MEAN);
    render(&AboutReviewsPage {
        ctx,
        prior_weight: format!("{}", score::PRIOR_WEIGHT as i64),
        mean,
    })
}

// ---- administration ----------------------------------------------------------
