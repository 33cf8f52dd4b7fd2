//! Statements of reasons and report outcomes, one page per statement (the
//! notification centre links here), and the author's appeal.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use crate::kernel::error::AppError;
use crate::kernel::ids::DecisionId;
use crate::kernel::user::CurrentUser;
use crate::moderation::model;
use crate::moderation::views::{statement_of, StatementPage};
use crate::state::AppState;
use crate::web::form::{check_length, FieldErrors, FormData};
use crate::web::layout::{redirect, render_status, Page, PageCtx};
use crate::web::session::{self, FlashKind};

async fn statement_page(
    state: &AppState,
    ctx: PageCtx,
    user: &CurrentUser,
    id: DecisionId,
    appeal_text: String,
    errors: FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let me = user.id;
    let moderator = user.is_moderator;
    let staff_of = user.staff_of.clone();
    let (decision, statement, item_link, is_author, reporter_appeal) = state
        .db
        .write(move |conn| -> Result<_, AppError> {
            let decision = model::find_decision(conn, id)?.ok_or(AppError::NotFound)?;
            let is_author = decision.author_id == me;
            let notified = model::was_notified(conn, me, id)?;
            let neutral_moderator =
                moderator && !decision.company_id.is_some_and(|c| staff_of.contains(&c));
            if !is_author && !notified && !neutral_moderator {
                return Err(AppError::NotFound);
            }
            model::mark_read(conn, me, id)?;
            let link = match decision.item() {
                Some(item) => crate::kernel::item::load(conn, item)?.map(|i| i.link),
                None => None,
            }
            .unwrap_or_default();
            let for_flagger = !is_author && notified;
            let statement = statement_of(conn, lang, &decision, for_flagger)?;
            let reporter_appeal = for_flagger
                && model::appealable_report(conn, &decision, model::Addressee::User(me))?.is_some();
            Ok((decision, statement, link, is_author, reporter_appeal))
        })
        .await?;
    let can_appeal = (is_author && decision.is_appealable()) || reporter_appeal;
    render_status(
        status,
        &StatementPage {
            ctx,
            decision,
            statement,
            item_link,
            is_author,
            can_appeal,
            reporter_appeal,
            appeal_text,
            errors,
        },
    )
}

pub async fn show_statement(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<DecisionId>,
) -> Result<HttpResponse, AppError> {
    statement_page(
        &state,
        ctx,
        &user,
        path.into_inner(),
        String::new(),
        FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn appeal(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<DecisionId>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let text = form.text("text");
    let mut errors = FieldErrors::default();
    check_length(&mut errors, ctx.lang, "text", &text, 10, model::APPEAL_MAX);
    if !errors.is_empty() {
        return statement_page(
            &state,
            ctx,
            &user,
            id,
            text,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let me = user.id;
    let accepted = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            let decision = model::find_decision(conn, id)?.ok_or(AppError::NotFound)?;
            if decision.author_id == me {
                return Ok(model::appeal(conn, me, &decision, &text)?);
            }
            // A reporter appeals the dismissal of their report.
            if !model::was_notified(conn, me, id)? {
                return Err(AppError::NotFound);
            }
            let reporter = model::Addressee::User(me);
            Ok(model::appeal_report(conn, &decision, reporter, &text)?)
        })
        .await?;
    if accepted {
        session::flash(&session, FlashKind::Success, "appeal-received");
    } else {
        session::flash(&session, FlashKind::Error, "appeal-not-possible");
    }
    Ok(redirect(&format!("/notifications/{id}")))
}
