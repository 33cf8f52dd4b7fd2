//! Reporting an item under a clause. Only what the public reads can be
//! reported (there is nothing to report about what nobody sees), never
//! one's own, and the form shows the words as the public reads them.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use crate::db::now;
use crate::kernel::error::AppError;
use crate::kernel::ids::ClauseId;
use crate::kernel::item::{self, Item, ItemRef};
use crate::kernel::user::CurrentUser;
use crate::moderation::handlers::clauses;
use crate::moderation::model::misuse::{self, Reporter};
use crate::moderation::model::{self, FlagOutcome};
use crate::moderation::permissions::can_flag;
use crate::moderation::views::FlagPage;
use crate::state::AppState;
use crate::web::form::{check_length, FieldErrors, FormData};
use crate::web::layout::{redirect, render, render_status, Page};
use crate::web::session::{self, FlashKind};
use crate::web::throttle::{self, POSTS_PER_ACCOUNT};

/// The item a report is about, if `user` may report it: 404 when they may
/// not read it, refused when it is their own or not public.
async fn reportable(
    state: &AppState,
    user: &CurrentUser,
    path: &(String, i64),
) -> Result<Item, AppError> {
    let item = ItemRef::parse(&path.0, path.1).ok_or(AppError::NotFound)?;
    let item = state
        .db
        .run(move |conn| item::load(conn, item).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)?;
    if !item.shown(Some(user)).sight.shows_text() {
        return Err(AppError::NotFound);
    }
    if item.author_id == user.id || item.public_text().is_none() {
        return Err(AppError::Denied("flag-not-possible"));
    }
    // Staff reporting content about their own company report as the company.
    let reporter = match item.company_id {
        Some(company) if user.is_staff_of(company) => Reporter::Company(company),
        _ => Reporter::Member(user.id),
    };
    let suspended = state
        .db
        .run(move |conn| misuse::suspension_of(conn, reporter, now()).map_err(AppError::from))
        .await?;
    if suspended.is_some() {
        return Err(AppError::Denied("measure-reporting-suspended"));
    }
    Ok(item)
}

fn flag_page(
    ctx: crate::web::layout::PageCtx,
    item: Item,
    clauses: Vec<crate::moderation::guidelines::Clause>,
    chosen: Option<ClauseId>,
    note: String,
    errors: FieldErrors,
) -> FlagPage {
    FlagPage {
        text: item.public_text(),
        item,
        ctx,
        clauses,
        chosen,
        note,
        errors,
    }
}

pub async fn flag_form(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, AppError> {
    can_flag(&user)?;
    let item = reportable(&state, &user, &path).await?;
    let clauses = clauses(&state).await?;
    render(&flag_page(
        ctx,
        item,
        clauses,
        None,
        String::new(),
        FieldErrors::default(),
    ))
}

pub async fn flag(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<(String, i64)>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    can_flag(&user)?;
    let item = reportable(&state, &user, &path).await?;
    let clauses = clauses(&state).await?;
    let chosen = form.get("clause").parse::<ClauseId>().ok();
    let note = form.text("note");
    let mut errors = FieldErrors::default();
    let clause = chosen.and_then(|c| clauses.iter().find(|x| x.current.clause_id == c.0));
    if clause.is_none() {
        errors.add("clause", ctx.t("flag-clause-required"));
    }
    check_length(&mut errors, ctx.lang, "note", &note, 0, model::NOTE_MAX);
    let Some(clause) = clause.cloned().filter(|_| errors.is_empty()) else {
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &flag_page(ctx, item, clauses, chosen, note, errors),
        );
    };
    throttle::ensure_allowed(&state.db, &POSTS_PER_ACCOUNT, user.id.to_string()).await?;
    let from_company_staff = item.company_id.is_some_and(|c| user.is_staff_of(c));
    let link = item.link.clone();
    let flagger = user.id;
    let outcome = state
        .db
        .write(move |conn| -> Result<FlagOutcome, AppError> {
            throttle::charge(conn, &POSTS_PER_ACCOUNT, &flagger.to_string(), now())?;
            let new = model::NewFlag {
                item: &item,
                clause: &clause,
                flagger,
                from_company_staff,
                note: &note,
            };
            Ok(model::flag(conn, &new)?)
        })
        .await?;
    let key = match outcome {
        FlagOutcome::Opened => "flag-received",
        FlagOutcome::AlreadyOpen => "flag-already-open",
        FlagOutcome::AlreadyReviewed => "flag-already-reviewed",
    };
    session::flash(&session, FlashKind::Success, key);
    Ok(redirect(&link))
}
