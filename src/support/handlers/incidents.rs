//! Incident notices: staff post them and their status updates; everyone
//! can read one at /incidents/{id}.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

use crate::companies::model::Company;
use crate::kernel::error::AppError;
use crate::kernel::ids::IncidentId;
use crate::kernel::user::CurrentUser;
use crate::state::AppState;
use crate::support::handlers::staff_company;
use crate::support::incidents::{self, Incident, Update, BODY_MAX, STATUSES, TITLE_MAX};
use crate::web::form::{check_length, FieldErrors, FormData};
use crate::web::layout::{redirect, render, render_status, Page, PageCtx};
use crate::web::session::{self, FlashKind};

#[derive(Template)]
#[template(path = "support/incidents.html")]
pub struct IncidentsPage {
    pub ctx: PageCtx,
    pub company: Company,
    pub incidents: Vec<Incident>,
    pub title: String,
    pub status: String,
    pub body: String,
    pub errors: FieldErrors,
    pub statuses: [&'static str; 4],
}

#[derive(Template)]
#[template(path = "support/incident.html")]
pub struct IncidentPage {
    pub ctx: PageCtx,
    pub incident: Incident,
    pub company: Company,
    pub updates: Vec<Update>,
    pub is_staff: bool,
    pub statuses: [&'static str; 4],
    pub body: String,
    pub errors: FieldErrors,
}

impl IncidentsPage {
    pub fn status_key(&self, status: &&str) -> &'static str {
        incidents::status_key(status)
    }
}

impl IncidentPage {
    pub fn status_key(&self, status: &&str) -> &'static str {
        incidents::status_key(status)
    }
}

async fn list_of(state: &AppState, company: &Company) -> Result<Vec<Incident>, AppError> {
    let id = company.id;
    state
        .db
        .run(move |conn| incidents::recent(conn, &[id], 100).map_err(AppError::from))
        .await
}

pub async fn page(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let company = staff_company(&state, &user, path.into_inner()).await?;
    let incidents = list_of(&state, &company).await?;
    render(&IncidentsPage {
        ctx,
        company,
        incidents,
        title: String::new(),
        status: "investigating".into(),
        body: String::new(),
        errors: FieldErrors::default(),
        statuses: STATUSES,
    })
}

fn valid_status(form: &FormData) -> String {
    let status = form.get("status");
    if STATUSES.contains(&status) {
        status.to_string()
    } else {
        "investigating".to_string()
    }
}

pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<String>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let company = staff_company(&state, &user, path.into_inner()).await?;
    let title = form.text("title");
    let status = valid_status(&form);
    let body = form.markdown("body");
    let mut errors = FieldErrors::default();
    check_length(&mut errors, ctx.lang, "title", &title, 3, TITLE_MAX);
    check_length(&mut errors, ctx.lang, "body", body.trim(), 1, BODY_MAX);
    if !errors.is_empty() {
        let incidents = list_of(&state, &company).await?;
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &IncidentsPage {
                ctx,
                company,
                incidents,
                title,
                status,
                body,
                errors,
                statuses: STATUSES,
            },
        );
    }
    let (company_id, author) = (company.id, user.id);
    let id = state
        .db
        .write(move |conn| {
            incidents::create(conn, company_id, author, &title, &status, &body)
                .map_err(AppError::from)
        })
        .await?;
    session::flash(&session, FlashKind::Success, "incident-posted");
    Ok(redirect(&format!("/incidents/{id}")))
}

async fn load(
    state: &AppState,
    id: IncidentId,
) -> Result<(Incident, Company, Vec<Update>), AppError> {
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let incident = incidents::find(conn, id)?.ok_or(AppError::NotFound)?;
            let company = crate::companies::model::find_company(conn, incident.company_id)?
                .ok_or(AppError::NotFound)?;
            let updates = incidents::updates(conn, id)?;
            Ok((incident, company, updates))
        })
        .await
}

pub async fn show(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<IncidentId>,
) -> Result<HttpResponse, AppError> {
    let (incident, company, updates) = load(&state, path.into_inner()).await?;
    let is_staff = ctx.user.as_ref().is_some_and(|u| u.is_staff_of(company.id));
    render(&IncidentPage {
        ctx,
        incident,
        company,
        updates,
        is_staff,
        statuses: STATUSES,
        body: String::new(),
        errors: FieldErrors::default(),
    })
}

pub async fn add_update(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<IncidentId>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (incident, company, updates) = load(&state, id).await?;
    if !user.is_staff_of(company.id) {
        return Err(AppError::Denied("desk-staff-only"));
    }
    let status = valid_status(&form);
    let body = form.markdown("body");
    let mut errors = FieldErrors::default();
    check_length(&mut errors, ctx.lang, "body", body.trim(), 1, BODY_MAX);
    if !errors.is_empty() {
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &IncidentPage {
                ctx,
                incident,
                company,
                updates,
                is_staff: true,
                statuses: STATUSES,
                body,
                errors,
            },
        );
    }
    state
        .db
        .write(move |conn| {
            incidents::add_update(conn, &incident, user.id, &status, &body).map_err(AppError::from)
        })
        .await?;
    session::flash(&session, FlashKind::Success, "incident-updated");
    Ok(redirect(&format!("/incidents/{id}")))
}
