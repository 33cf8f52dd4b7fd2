//! Writing, editing and withdrawing a review, its history, and marking it
//! helpful.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;

use crate::db::now;
use crate::kernel::error::AppError;
use crate::kernel::ids::ReviewId;
use crate::kernel::markdown;
use crate::kernel::pii::{check_personal_data, remove_personal_data};
use crate::kernel::user::CurrentUser;
use crate::moderation::hooks::{self, Prepared, Publisher};
use crate::reviews::model::{
    self as model, ReviewInput, ReviewRefusal, REFERENCE_MAX, REVIEW_BODY_MAX, REVIEW_TITLE_MAX,
    REVIEW_TITLE_MIN,
};
use crate::reviews::permissions;
use crate::reviews::views::*;
use crate::state::AppState;
use crate::web::client::set_device_cookie;
use crate::web::form::{check_length, preview, FormData};
use crate::web::items::{after_publishing, Readable};
use crate::web::layout::{redirect, render_status, Page, PageCtx};
use crate::web::notice::notice;
use crate::web::session::{self, FlashKind};
use crate::web::throttle::{self, EDITS_PER_ACCOUNT, POSTS_PER_ACCOUNT, VOTES_PER_ACCOUNT};

use crate::reviews::handlers::{load_company, Query, ReviewOfCompany};

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

async fn check_review_form(
    app: &AppState,
    user: &CurrentUser,
    ctx: &PageCtx,
    form: &FormData,
) -> Result<Checked, AppError> {
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
        return Ok(Checked::Show(state, StatusCode::UNPROCESSABLE_ENTITY));
    };
    // "Publish anyway": the automatic check holds it for a moderator. A
    // preview shows the warning beside the preview.
    let report = (action != "publish_anyway")
        .then(|| check_personal_data(&state.title, &state.body))
        .flatten();
    let found_personal_data = report.is_some();
    if let Some(report) = report {
        state.pii_kinds = report.kinds;
        state.pii_title = report.title;
        state.pii_body = report.body;
    }
    if action == "preview" {
        state.preview = Some(preview(app, user, state.body.clone()).await?);
        return Ok(Checked::Show(state, StatusCode::OK));
    }
    if found_personal_data {
        return Ok(Checked::Show(state, StatusCode::UNPROCESSABLE_ENTITY));
    }
    match hooks::prepare(&app.db, state.title.clone(), state.body.clone()).await? {
        Prepared::Blocked { message } => {
            state.errors.add("body", message);
            return Ok(Checked::Show(state, StatusCode::UNPROCESSABLE_ENTITY));
        }
        Prepared::Publish { body } => state.body = body,
    }
    let reference = Some(state.reference.clone()).filter(|r| !r.is_empty());
    let html = markdown::render_off_thread(state.body.clone()).await?;
    Ok(Checked::Ready(ReviewDraft {
        rating,
        title: state.title,
        body: state.body,
        html,
        date,
        reference,
    }))
}

/// The automatic moderation checks on a review just written or edited.
fn screen_review(
    conn: &mut crate::db::DbConn,
    publisher: &Publisher,
    id: ReviewId,
    draft: &ReviewDraft,
) -> Result<bool, AppError> {
    crate::moderation::hooks::screen(
        conn,
        publisher,
        crate::kernel::item::ItemRef::Review(id),
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
    let draft = match check_review_form(&state, &user, &ctx, &form).await? {
        Checked::Ready(draft) => draft,
        Checked::Show(form, status) => return write_page_again(ctx, company, form, None, status),
    };
    let invitation = Some(form.get("invitation").to_string()).filter(|t| !t.is_empty());
    let (company_id, slug) = (company.id, company.slug.clone());
    let key = user.id.to_string();
    let publisher = Publisher::new(ctx.lang, &state.config.base_url, user.id);
    let new_device = origin.new_device;
    let outcome = state
        .db
        .write(move |conn| -> Result<_, AppError> {
            throttle::charge(conn, &POSTS_PER_ACCOUNT, &key, now())?;
            let input = draft.input();
            let created =
                model::create_review(conn, company_id, user.id, &input, invitation.as_deref())?;
            match created {
                Ok(id) => {
                    let held = screen_review(conn, &publisher, id, &draft)?;
                    crate::verification::model::assess(conn, id, &origin)?;
                    Ok(Ok((id, held)))
                }
                Err(refusal) => Ok(Err(refusal)),
            }
        })
        .await?;
    match outcome {
        Ok((id, held)) => {
            after_publishing(&state, &session, held, Some("review-published"));
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

pub async fn edit_form(
    Page(ctx): Page,
    Readable {
        user,
        item: ReviewOfCompany { review, company },
    }: Readable<ReviewOfCompany>,
) -> Result<HttpResponse, AppError> {
    permissions::can_change(&user, &review)?;
    let form = ReviewForm::from_review(&review, &user).ok_or(AppError::NotFound)?;
    write_page_again(ctx, company, form, Some(review.id), StatusCode::OK)
}

pub async fn edit(
    state: web::Data<AppState>,
    Page(ctx): Page,
    Readable {
        user,
        item: ReviewOfCompany { review, company },
    }: Readable<ReviewOfCompany>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    permissions::can_change(&user, &review)?;
    let draft = match check_review_form(&state, &user, &ctx, &form).await? {
        Checked::Ready(draft) => draft,
        Checked::Show(form, status) => {
            return write_page_again(ctx, company, form, Some(review.id), status)
        }
    };
    let id = review.id;
    let publisher = Publisher::new(ctx.lang, &state.config.base_url, user.id);
    let held = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            throttle::charge(conn, &EDITS_PER_ACCOUNT, &user.id.to_string(), now())?;
            let current = model::find_review(conn, id)?.ok_or(AppError::NotFound)?;
            let input = draft.input();
            model::edit_review(conn, &current, &input)?;
            let held = screen_review(conn, &publisher, id, &draft)?;
            // An edit is scored again; where it was written from stays as first recorded.
            crate::verification::model::assess(conn, id, &Default::default())?;
            Ok(held)
        })
        .await?;
    after_publishing(&state, &session, held, Some("review-saved"));
    Ok(redirect(&format!(
        "/companies/{}#review-{id}",
        company.slug
    )))
}

pub async fn helpful(
    state: web::Data<AppState>,
    Readable {
        user,
        item: ReviewOfCompany { review, company },
    }: Readable<ReviewOfCompany>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    permissions::can_mark_helpful(&user, &review)?;
    let id = review.id;
    let counted = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            throttle::charge(conn, &VOTES_PER_ACCOUNT, &user.id.to_string(), now())?;
            Ok(model::mark_helpful(conn, id, user.id)?)
        })
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
