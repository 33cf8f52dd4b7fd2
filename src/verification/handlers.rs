//! Verification pages: the moderators' queue and entry page, the company's
//! "ask for verification", the reviewer's answer page behind the emailed
//! link, and the reviewer's own offer to verify.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use crate::db::DbConn;
use crate::kernel::error::AppError;
use crate::kernel::i18n::{tr_args, Lang};
use crate::kernel::ids::ReviewId;
use crate::kernel::user::CurrentUser;
use crate::moderation::emails as statements;
use crate::moderation::permissions::{can_decide, is_moderator};
use crate::reviews::model::{self as review_model, Review};
use crate::state::AppState;
use crate::verification::model::{self, Refusal, Verification};
use crate::verification::{emails, views::*};
use crate::web::form::{check_length, FieldErrors, FormData};
use crate::web::layout::{redirect, render, render_status, Page, PageCtx};
use crate::web::session::{self, FlashKind};

const QUEUE_LIMIT: i64 = 100;

fn entry(conn: &mut DbConn, v: Verification, moderator: &CurrentUser) -> Result<Entry, AppError> {
    let review = review_model::find_review(conn, v.review_id)?.ok_or(AppError::NotFound)?;
    let company = crate::companies::model::find_company(conn, review.company_id)?
        .ok_or(AppError::NotFound)?;
    let author = crate::kernel::user::contact(conn, review.author_id)?.ok_or(AppError::NotFound)?;
    let signals = model::signals_of(conn, review.id)?;
    Ok(Entry {
        verification: v,
        text: review.shown(Some(moderator)).text,
        review,
        company_name: company.name,
        company_slug: company.slug,
        author_name: author.display_name,
        author_locale: author.locale,
        signals,
    })
}

pub async fn queue(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
) -> Result<HttpResponse, AppError> {
    is_moderator(&user)?;
    let moderator = user.clone();
    let entries = state
        .db
        .run(move |conn| -> Result<Vec<Entry>, AppError> {
            let entries: Result<Vec<Entry>, AppError> =
                model::open_queue(conn, &moderator.staff_of, QUEUE_LIMIT)?
                    .into_iter()
                    .map(|v| entry(conn, v, &moderator))
                    .collect();
            // A moderator never decides about their own review.
            Ok(entries?
                .into_iter()
                .filter(|e| e.review.author_id != moderator.id)
                .collect())
        })
        .await?;
    render(&QueuePage { ctx, entries })
}

/// An entry for a moderator who may act on it: a moderator, and not staff
/// of the reviewed company (checked on every route).
async fn load_for(state: &AppState, user: &CurrentUser, id: i64) -> Result<Entry, AppError> {
    is_moderator(user)?;
    let moderator = user.clone();
    let entry = state
        .db
        .run(move |conn| -> Result<Entry, AppError> {
            let v = model::find(conn, id)?.ok_or(AppError::NotFound)?;
            entry(conn, v, &moderator)
        })
        .await?;
    can_decide(
        user,
        Some(entry.verification.company_id),
        entry.review.author_id,
    )?;
    Ok(entry)
}

/// The request text offered to the moderator, in the reviewer's language.
fn template_message(lang: Lang, entry: &Entry) -> String {
    tr_args(
        lang,
        "verification-message-template",
        &[("company", &entry.company_name)],
    )
}

fn reviewer_lang(entry: &Entry, fallback: Lang) -> Lang {
    entry
        .author_locale
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(fallback)
}

fn entry_page(ctx: PageCtx, entry: Entry, form: EntryForm) -> EntryPage {
    EntryPage { ctx, entry, form }
}

pub async fn show(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let entry = load_for(&state, &user, path.into_inner()).await?;
    let form = EntryForm {
        message: template_message(reviewer_lang(&entry, ctx.lang), &entry),
        ..EntryForm::default()
    };
    render(&entry_page(ctx, entry, form))
}

fn refused(session: &Session, refusal: &Refusal, id: i64) -> HttpResponse {
    let key = match refusal {
        Refusal::AlreadyDone => "verification-already-done",
        Refusal::LinkInvalid => "verification-link-invalid",
    };
    session::flash(session, FlashKind::Error, key);
    redirect(&format!("/verification/{id}"))
}

pub async fn request(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<i64>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let entry = load_for(&state, &user, id).await?;
    let mut input = EntryForm {
        message: form.get("message").replace("\r\n", "\n").trim().to_string(),
        days: form.get("days").trim().to_string(),
        ..EntryForm::default()
    };
    check_length(
        &mut input.errors,
        ctx.lang,
        "message",
        &input.message,
        20,
        model::MESSAGE_MAX,
    );
    let days = if input.days.is_empty() {
        model::DEADLINE_DAYS
    } else {
        match input.days.parse::<i64>() {
            Ok(d) if (1..=60).contains(&d) => d,
            _ => {
                input.errors.add("days", ctx.t("verification-days-invalid"));
                model::DEADLINE_DAYS
            }
        }
    };
    if !input.errors.is_empty() {
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &entry_page(ctx, entry, input),
        );
    }
    let lock = form.get("lock_version").parse::<i32>().unwrap_or(-1);
    let moderator = user.id;
    let lang = reviewer_lang(&entry, ctx.lang);
    let base_url = state.config.base_url.clone();
    let message = input.message;
    let result = state
        .db
        .write(move |conn| -> Result<Result<(), Refusal>, AppError> {
            let v = model::find(conn, id)?.ok_or(AppError::NotFound)?;
            let token = match model::send_request(conn, &v, lock, moderator, &message, days)? {
                Ok(token) => token,
                Err(refusal) => return Ok(Err(refusal)),
            };
            let v = model::find(conn, id)?.ok_or(AppError::NotFound)?;
            emails::request(conn, lang, &base_url, &v, &message, &token)?;
            Ok(Ok(()))
        })
        .await?;
    match result {
        Ok(()) => {
            state.outbox_signal.notify_one();
            session::flash(&session, FlashKind::Success, "verification-requested-done");
            Ok(redirect("/verification"))
        }
        Err(refusal) => Ok(refused(&session, &refusal, id)),
    }
}

pub async fn dismiss(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    // Checks the role and the conflict of interest before anything changes.
    load_for(&state, &user, id).await?;
    let lock = form.get("lock_version").parse::<i32>().unwrap_or(-1);
    let moderator = user.id;
    let result = state
        .db
        .write(move |conn| -> Result<_, AppError> {
            let v = model::find(conn, id)?.ok_or(AppError::NotFound)?;
            Ok(model::dismiss(conn, &v, lock, moderator)?)
        })
        .await?;
    match result {
        Ok(()) => {
            session::flash(&session, FlashKind::Success, "verification-dismissed-done");
            Ok(redirect("/verification"))
        }
        Err(refusal) => Ok(refused(&session, &refusal, id)),
    }
}

pub async fn decide(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<i64>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let entry = load_for(&state, &user, id).await?;
    let outcome = form.get("outcome").to_string();
    let mut input = EntryForm {
        outcome: outcome.clone(),
        reason: form.text("reason"),
        ..EntryForm::default()
    };
    if outcome != "verified" && outcome != "not-verified" {
        input
            .errors
            .add("outcome", ctx.t("verification-outcome-required"));
    }
    if outcome == "not-verified" && input.reason.trim().is_empty() {
        input
            .errors
            .add("reason", ctx.t("moderation-reason-required"));
    }
    check_length(
        &mut input.errors,
        ctx.lang,
        "reason",
        &input.reason,
        0,
        crate::moderation::model::REASON_MAX,
    );
    if !input.errors.is_empty() {
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &entry_page(ctx, entry, input),
        );
    }
    let lock = form.get("lock_version").parse::<i32>().unwrap_or(-1);
    let moderator = user.id;
    let lang = ctx.lang;
    let base_url = state.config.base_url.clone();
    let reason = input.reason;
    let result = state
        .db
        .write(move |conn| -> Result<Result<(), Refusal>, AppError> {
            let v = model::find(conn, id)?.ok_or(AppError::NotFound)?;
            let verified = outcome == "verified";
            match model::decide(conn, &v, lock, Some(moderator), verified, &reason, "")? {
                Ok(recipients) => {
                    statements::send(conn, lang, &base_url, &recipients)?;
                    Ok(Ok(()))
                }
                Err(refusal) => Ok(Err(refusal)),
            }
        })
        .await?;
    match result {
        Ok(()) => {
            state.outbox_signal.notify_one();
            session::flash(&session, FlashKind::Success, "verification-decided-done");
            Ok(redirect("/verification"))
        }
        Err(refusal) => Ok(refused(&session, &refusal, id)),
    }
}

// ---- the company asks ----------------------------------------------------

/// Staff of the reviewed company ask for verification ("not a genuine
/// customer"): the review joins the queue; a neutral moderator decides.
pub async fn company_asks(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<ReviewId>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (review, slug) = load_review(&state, id).await?;
    // A review the staff may not read is not there for them to question.
    if !review.sight(Some(&user)).shows_text() {
        return Err(AppError::NotFound);
    }
    if !user.is_staff_of(review.company_id) {
        return Err(AppError::Denied("verification-staff-only"));
    }
    let by = user.id;
    let queued = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            Ok(model::enqueue(
                conn,
                &review,
                model::TRIGGER_COMPANY,
                Some(by),
            )?)
        })
        .await?;
    let key = if queued {
        "verification-asked-done"
    } else {
        "verification-already-queued"
    };
    session::flash(&session, FlashKind::Success, key);
    Ok(redirect(&format!("/companies/{slug}#review-{id}")))
}

async fn load_review(state: &AppState, id: ReviewId) -> Result<(Review, String), AppError> {
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let review = review_model::find_review(conn, id)?.ok_or(AppError::NotFound)?;
            let company = crate::companies::model::find_company(conn, review.company_id)?
                .ok_or(AppError::NotFound)?;
            Ok((review, company.slug))
        })
        .await
}

// ---- the reviewer answers ------------------------------------------------

fn answer_input(ctx: &PageCtx, form: &FormData) -> AnswerForm {
    let mut input = AnswerForm {
        text: form.get("text").replace("\r\n", "\n").trim().to_string(),
        reference: form.text("reference"),
        errors: FieldErrors::default(),
    };
    check_length(
        &mut input.errors,
        ctx.lang,
        "text",
        &input.text,
        10,
        model::ANSWER_MAX,
    );
    check_length(
        &mut input.errors,
        ctx.lang,
        "reference",
        &input.reference,
        0,
        model::REFERENCE_MAX,
    );
    input
}

pub async fn answer_form(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let found = open_request(&state, token).await?;
    match found {
        Some((verification, review, company_name)) => render(&AnswerPage {
            ctx,
            verification,
            text: review.author_text(),
            review,
            company_name,
            form: AnswerForm::default(),
        }),
        None => link_invalid(ctx),
    }
}

/// The request behind a link, with its review and the company's name, if
/// the link still works.
async fn open_request(
    state: &AppState,
    token: String,
) -> Result<Option<(Verification, Review, String)>, AppError> {
    state
        .db
        .run(
            move |conn| -> Result<Option<(Verification, Review, String)>, AppError> {
                let Some(v) = model::by_token(conn, &token)? else {
                    return Ok(None);
                };
                let review =
                    review_model::find_review(conn, v.review_id)?.ok_or(AppError::NotFound)?;
                let company = crate::companies::model::find_company(conn, review.company_id)?
                    .ok_or(AppError::NotFound)?;
                Ok(Some((v, review, company.name)))
            },
        )
        .await
}

fn link_invalid(ctx: PageCtx) -> Result<HttpResponse, AppError> {
    crate::web::notice::notice(
        ctx,
        StatusCode::NOT_FOUND,
        "verification-link-invalid-title",
        "verification-link-invalid",
        None,
    )
}

pub async fn answer(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let input = answer_input(&ctx, &form);
    if !input.errors.is_empty() {
        let found = open_request(&state, token.clone()).await?;
        return match found {
            Some((verification, review, company_name)) => render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &AnswerPage {
                    ctx,
                    verification,
                    text: review.author_text(),
                    review,
                    company_name,
                    form: input,
                },
            ),
            None => link_invalid(ctx),
        };
    }
    let text = input.text;
    let reference = Some(input.reference).filter(|r| !r.is_empty());
    let answered = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            Ok(model::answer(conn, &token, &text, reference.as_deref())?.is_ok())
        })
        .await?;
    if !answered {
        return link_invalid(ctx);
    }
    crate::web::notice::notice(
        ctx,
        StatusCode::OK,
        "verification-thanks-title",
        "verification-thanks",
        None,
    )
}

// ---- the reviewer offers -------------------------------------------------

pub async fn offer_form(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<ReviewId>,
) -> Result<HttpResponse, AppError> {
    let (review, _) = load_review(&state, path.into_inner()).await?;
    if review.author_id != user.id {
        return Err(AppError::Denied("review-only-author"));
    }
    render(&OfferPage {
        ctx,
        text: review.author_text(),
        review,
        form: AnswerForm::default(),
    })
}

pub async fn offer(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<ReviewId>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (review, slug) = load_review(&state, path.into_inner()).await?;
    if review.author_id != user.id {
        return Err(AppError::Denied("review-only-author"));
    }
    let input = answer_input(&ctx, &form);
    if !input.errors.is_empty() {
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &OfferPage {
                ctx,
                text: review.author_text(),
                review,
                form: input,
            },
        );
    }
    let id = review.id;
    let text = input.text;
    let reference = Some(input.reference).filter(|r| !r.is_empty());
    let accepted = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            Ok(model::offer(conn, &review, &text, reference.as_deref())?)
        })
        .await?;
    let key = if accepted {
        "verification-offer-received"
    } else {
        "verification-offer-not-possible"
    };
    session::flash(&session, FlashKind::Success, key);
    Ok(redirect(&format!("/companies/{slug}#review-{id}")))
}
