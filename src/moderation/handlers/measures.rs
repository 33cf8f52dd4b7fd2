//! A measure against misuse of reporting: its statement of reasons for
//! those it concerns, their appeal, and the decision on the appeal by a
//! moderator with no tie to them (never staff of the company concerned,
//! never the member concerned).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use crate::db::now;
use crate::kernel::error::AppError;
use crate::kernel::user::CurrentUser;
use crate::moderation::model::misuse::{self, Measure, Reporter};
use crate::moderation::model::{APPEAL_MAX, REASON_MAX};
use crate::moderation::permissions::can_moderate;
use crate::moderation::views::{measure_statement, MeasurePage};
use crate::state::AppState;
use crate::web::form::{check_length, FieldErrors, FormData};
use crate::web::layout::{redirect, render_status, Page, PageCtx};
use crate::web::session::{self, FlashKind};

/// Whether the measure is about `user` (themselves, or a company they are
/// staff of).
fn concerns(measure: &Measure, user: &CurrentUser) -> bool {
    match measure.reporter() {
        Some(Reporter::Member(id)) => id == user.id,
        Some(Reporter::Company(company)) => user.is_staff_of(company),
        None => false,
    }
}

/// A moderator who may decide an appeal about this measure.
fn neutral(measure: &Measure, user: &CurrentUser) -> bool {
    can_moderate(user, measure.company_id).is_ok() && !concerns(measure, user)
}

async fn load(state: &AppState, user: &CurrentUser, id: i64) -> Result<Measure, AppError> {
    let measure = state
        .db
        .run(move |conn| misuse::measure_by_id(conn, id).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)?;
    if !concerns(&measure, user) && !neutral(&measure, user) {
        return Err(AppError::NotFound);
    }
    Ok(measure)
}

/// What the appeal or decision form held when it was sent back.
#[derive(Default)]
struct Sent {
    text: String,
    action: String,
    errors: FieldErrors,
}

async fn page(
    state: &AppState,
    ctx: PageCtx,
    user: &CurrentUser,
    measure: Measure,
    sent: Sent,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let subject = match measure.reporter() {
        Some(Reporter::Company(company)) => {
            let name = state
                .db
                .run(move |conn| {
                    crate::companies::model::all_company_names(conn).map_err(AppError::from)
                })
                .await?
                .into_iter()
                .find(|(id, _)| *id == company)
                .map(|(_, name)| name)
                .unwrap_or_default();
            ctx.ta("measure-company", "company", name)
        }
        _ if concerns(&measure, user) => user.display_name.clone(),
        _ => String::new(),
    };
    render_status(
        status,
        &MeasurePage {
            statement: measure_statement(ctx.lang, &measure),
            can_appeal: concerns(&measure, user) && measure.can_appeal(),
            can_decide: neutral(&measure, user) && measure.appeal_pending(),
            subject,
            measure,
            text: sent.text,
            action: sent.action,
            errors: sent.errors,
            ctx,
        },
    )
}

pub async fn show_measure(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let measure = load(&state, &user, path.into_inner()).await?;
    page(&state, ctx, &user, measure, Sent::default(), StatusCode::OK).await
}

pub async fn appeal_measure(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<i64>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let measure = load(&state, &user, path.into_inner()).await?;
    if !concerns(&measure, &user) {
        return Err(AppError::NotFound);
    }
    let text = form.text("text");
    let mut errors = FieldErrors::default();
    check_length(&mut errors, ctx.lang, "text", &text, 10, APPEAL_MAX);
    if !errors.is_empty() {
        return page(
            &state,
            ctx,
            &user,
            measure,
            Sent {
                text,
                action: String::new(),
                errors,
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let id = measure.id;
    let accepted = state
        .db
        .write(move |conn| misuse::appeal_measure(conn, id, &text, now()).map_err(AppError::from))
        .await?;
    if accepted {
        session::flash(&session, FlashKind::Success, "appeal-received");
    } else {
        session::flash(&session, FlashKind::Error, "appeal-not-possible");
    }
    Ok(redirect(&format!("/reporting-measures/{id}")))
}

pub async fn decide_measure(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<i64>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let measure = load(&state, &user, path.into_inner()).await?;
    if !neutral(&measure, &user) {
        return Err(AppError::Denied("moderation-conflict-of-interest"));
    }
    let action = form.get("action").to_string();
    let reason = form.text("reason");
    let mut errors = FieldErrors::default();
    if !matches!(action.as_str(), "uphold" | "lift") {
        errors.add("action", ctx.t("moderation-action-required"));
    }
    check_length(&mut errors, ctx.lang, "reason", &reason, 1, REASON_MAX);
    if !errors.is_empty() {
        return page(
            &state,
            ctx,
            &user,
            measure,
            Sent {
                text: reason,
                action,
                errors,
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let (id, moderator, lift) = (measure.id, user.id, action == "lift");
    let lang = ctx.lang;
    let base_url = state.config.base_url.clone();
    let decided = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            if !misuse::decide_measure_appeal(conn, id, moderator, lift, &reason, now())? {
                return Ok(false);
            }
            // The statement, with the outcome, goes to those concerned.
            let decided = misuse::measure_by_id(conn, id)?.ok_or(AppError::NotFound)?;
            crate::moderation::emails::send_measures(conn, lang, &base_url, &[decided])?;
            Ok(true)
        })
        .await?;
    if decided {
        state.outbox_signal.notify_one();
        session::flash(&session, FlashKind::Success, "moderation-decided");
    } else {
        session::flash(&session, FlashKind::Error, "moderation-already-decided");
    }
    Ok(redirect(&format!("/reporting-measures/{id}")))
}
