//! The company's FAQ page, promoting a solved thread into it, removing an entry.

use actix_session::Session;
use actix_web::{web, HttpResponse};
use askama::Template;

use crate::companies::model::Company;
use crate::forum::model as forum_model;
use crate::kernel::error::AppError;
use crate::kernel::ids::{FaqId, ThreadId};
use crate::kernel::user::CurrentUser;
use crate::state::AppState;
use crate::support::faq::{self, FaqEntry, Promotion};
use crate::support::handlers::staff_company;
use crate::web::layout::{redirect, render, Page, PageCtx};
use crate::web::session::{self, FlashKind};

#[derive(Template)]
#[template(path = "support/faq.html")]
pub struct FaqPage {
    pub ctx: PageCtx,
    pub company: Company,
    pub entries: Vec<FaqEntry>,
    pub is_staff: bool,
}

pub async fn page(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let (company, entries) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let company =
                crate::companies::model::find_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let entries = faq::list(conn, company.id)?;
            Ok((company, entries))
        })
        .await?;
    let is_staff = ctx.user.as_ref().is_some_and(|u| u.is_staff_of(company.id));
    render(&FaqPage {
        ctx,
        company,
        entries,
        is_staff,
    })
}

pub async fn promote(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<ThreadId>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let outcome = state
        .db
        .write(move |conn| -> Result<Promotion, AppError> {
            // A thread the staff member may not read is not there to promote.
            let thread = forum_model::find_thread(conn, id)?
                .filter(|t| t.sight_for(Some(&user)).shows_text())
                .ok_or(AppError::NotFound)?;
            match thread.company_id {
                Some(company) if user.is_staff_of(company) => {}
                _ => return Err(AppError::Denied("desk-staff-only")),
            }
            Ok(faq::promote(conn, &thread, user.id)?)
        })
        .await?;
    let (kind, key) = match outcome {
        Promotion::Promoted => (FlashKind::Success, "faq-promoted"),
        Promotion::AlreadyInFaq => (FlashKind::Info, "faq-already"),
        Promotion::NotSolved => (FlashKind::Error, "faq-not-solved"),
    };
    session::flash(&session, kind, key);
    Ok(redirect(&format!("/threads/{id}")))
}

pub async fn remove(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, FaqId)>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let company = staff_company(&state, &user, slug).await?;
    let company_id = company.id;
    state
        .db
        .write(move |conn| faq::remove(conn, company_id, id).map_err(AppError::from))
        .await?;
    session::flash(&session, FlashKind::Success, "faq-removed");
    Ok(redirect(&format!("/companies/{}/faq", company.slug)))
}
