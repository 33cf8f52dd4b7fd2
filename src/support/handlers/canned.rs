//! The canned-answer library of a company: list and search, add, edit, delete.

use std::collections::HashMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

use crate::companies::model::Company;
use crate::kernel::error::AppError;
use crate::kernel::ids::CannedId;
use crate::kernel::user::CurrentUser;
use crate::state::AppState;
use crate::support::canned::{self, Canned, BODY_MAX, PLACEHOLDERS, TITLE_MAX};
use crate::support::handlers::staff_company;
use crate::web::form::{check_length, FieldErrors, FormData};
use crate::web::layout::{redirect, render, render_status, Page, PageCtx};
use crate::web::session::{self, FlashKind};

#[derive(Template)]
#[template(path = "support/canned.html")]
pub struct CannedPage {
    pub ctx: PageCtx,
    pub company: Company,
    pub answers: Vec<Canned>,
    pub query: String,
    /// The add form (or the edit form when `editing` is set).
    pub title: String,
    pub body: String,
    pub editing: Option<CannedId>,
    pub errors: FieldErrors,
    pub placeholders: [&'static str; 3],
}

async fn list(state: &AppState, company: &Company, query: String) -> Result<Vec<Canned>, AppError> {
    let id = company.id;
    state
        .db
        .run(move |conn| canned::list(conn, id, &query, canned::LIST_MAX).map_err(AppError::from))
        .await
}

pub async fn page(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<String>,
    query: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let company = staff_company(&state, &user, path.into_inner()).await?;
    let q = query.get("q").cloned().unwrap_or_default();
    let answers = list(&state, &company, q.clone()).await?;
    render(&CannedPage {
        ctx,
        company,
        answers,
        query: q,
        title: String::new(),
        body: String::new(),
        editing: None,
        errors: FieldErrors::default(),
        placeholders: PLACEHOLDERS,
    })
}

pub async fn edit_form(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<(String, CannedId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let company = staff_company(&state, &user, slug).await?;
    let company_id = company.id;
    let answer = state
        .db
        .run(move |conn| canned::find(conn, company_id, id).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)?;
    let answers = list(&state, &company, String::new()).await?;
    render(&CannedPage {
        ctx,
        company,
        answers,
        query: String::new(),
        title: answer.title,
        body: answer.body,
        editing: Some(id),
        errors: FieldErrors::default(),
        placeholders: PLACEHOLDERS,
    })
}

/// Adds (no id) or updates (with id) an answer of the company.
pub async fn save(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<String>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let company = staff_company(&state, &user, path.into_inner()).await?;
    let editing = form.get("id").parse::<CannedId>().ok();
    let title = form.text("title");
    let body = form.markdown("body");
    let mut errors = FieldErrors::default();
    check_length(&mut errors, ctx.lang, "title", &title, 1, TITLE_MAX);
    check_length(&mut errors, ctx.lang, "body", body.trim(), 1, BODY_MAX);
    if !errors.is_empty() {
        let answers = list(&state, &company, String::new()).await?;
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &CannedPage {
                ctx,
                company,
                answers,
                query: String::new(),
                title,
                body,
                editing,
                errors,
                placeholders: PLACEHOLDERS,
            },
        );
    }
    let (company_id, author) = (company.id, user.id);
    let found = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            Ok(match editing {
                Some(id) => canned::update(conn, company_id, id, &title, &body)? == 1,
                None => {
                    canned::create(conn, company_id, author, &title, &body)?;
                    true
                }
            })
        })
        .await?;
    if !found {
        return Err(AppError::NotFound);
    }
    session::flash(&session, FlashKind::Success, "canned-saved");
    Ok(redirect(&format!(
        "/desk/companies/{}/canned",
        company.slug
    )))
}

pub async fn delete(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, CannedId)>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let company = staff_company(&state, &user, slug).await?;
    let company_id = company.id;
    let deleted = state
        .db
        .write(move |conn| canned::delete(conn, company_id, id).map_err(AppError::from))
        .await?;
    if deleted == 0 {
        return Err(AppError::NotFound);
    }
    session::flash(&session, FlashKind::Success, "canned-deleted");
    Ok(redirect(&format!(
        "/desk/companies/{}/canned",
        company.slug
    )))
}
