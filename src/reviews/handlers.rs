//! The home page, the company directory and pages, and the administrator's
//! company list.

use std::collections::HashMap;

use actix_session::Session;
use actix_web::{web, HttpResponse};

use crate::accounts::model::audit;
use crate::reviews::model::{self, NewCompany, DESCRIPTION_MAX, NAME_MAX, WEBSITE_MAX};
use crate::reviews::views::*;
use crate::web::error::AppError;
use crate::web::form::{check_length, FieldErrors, FormData};
use crate::web::layout::{redirect, render, render_invalid, Page};
use crate::web::session::{self, Admin, FlashKind};
use crate::AppState;

const DIRECTORY_LIMIT: i64 = 200;

fn search_term(query: &HashMap<String, String>) -> String {
    query
        .get("q")
        .map(|q| q.trim().chars().take(100).collect())
        .unwrap_or_default()
}

pub async fn home(state: web::Data<AppState>, Page(ctx): Page) -> Result<HttpResponse, AppError> {
    let companies = state
        .db
        .run(|conn| model::search_companies(conn, "", 12).map_err(AppError::from))
        .await?;
    render(&HomePage { ctx, companies })
}

/// The company directory, searchable by name.
pub async fn directory(
    state: web::Data<AppState>,
    Page(ctx): Page,
    query: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let term = search_term(&query);
    let filter = term.clone();
    let companies = state
        .db
        .run(move |conn| {
            model::search_companies(conn, &filter, DIRECTORY_LIMIT).map_err(AppError::from)
        })
        .await?;
    render(&DirectoryPage {
        ctx,
        query: term,
        companies,
    })
}

pub async fn company(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let (company, section) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let company = model::find_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let section = crate::forum::model::company_section(conn, company.id)?.map(|c| c.slug);
            Ok((company, section))
        })
        .await?;
    render(&CompanyPage {
        ctx,
        company,
        forum_slug: section,
    })
}

pub async fn admin_companies(
    state: web::Data<AppState>,
    _admin: Admin,
    Page(ctx): Page,
) -> Result<HttpResponse, AppError> {
    let companies = state
        .db
        .run(|conn| model::all_companies(conn).map_err(AppError::from))
        .await?;
    render(&AdminCompaniesPage {
        ctx,
        companies,
        name: String::new(),
        slug: String::new(),
        description: String::new(),
        website: String::new(),
        errors: FieldErrors::default(),
    })
}

pub async fn create_company(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    Page(ctx): Page,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let name = form.text("name");
    let typed_slug = form.text("slug");
    let description = form.text("description");
    let typed_website = form.text("website");
    let mut errors = FieldErrors::default();
    if form.invalid_utf8 {
        errors.add("form", ctx.t("form-invalid-utf8"));
    }
    check_length(&mut errors, ctx.lang, "name", &name, 2, NAME_MAX);
    check_length(
        &mut errors,
        ctx.lang,
        "description",
        &description,
        0,
        DESCRIPTION_MAX,
    );
    let slug = if typed_slug.is_empty() {
        model::slugify(&name)
    } else {
        typed_slug.to_lowercase()
    };
    if !errors.has("name") && !model::is_valid_slug(&slug) {
        errors.add("slug", ctx.t("admin-company-slug-invalid"));
    }
    let website = if typed_website.is_empty() {
        None
    } else {
        let normalized =
            model::normalize_website(&typed_website).filter(|w| w.len() <= WEBSITE_MAX);
        if normalized.is_none() {
            errors.add("website", ctx.t("admin-company-website-invalid"));
        }
        normalized
    };
    let slug_for_check = slug.clone();
    let taken = errors.is_empty()
        && state
            .db
            .run(move |conn| model::find_by_slug(conn, &slug_for_check).map_err(AppError::from))
            .await?
            .is_some();
    if taken {
        errors.add("slug", ctx.t("admin-company-slug-taken"));
    }
    if !errors.is_empty() {
        let companies = state
            .db
            .run(|conn| model::all_companies(conn).map_err(AppError::from))
            .await?;
        return render_invalid(&AdminCompaniesPage {
            ctx,
            companies,
            name,
            slug: typed_slug,
            description,
            website: typed_website,
            errors,
        });
    }
    let created_slug = slug.clone();
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            let new = NewCompany {
                name: &name,
                slug: &slug,
                description: &description,
                website: website.as_deref(),
            };
            let id = model::insert_company(conn, &new)?;
            crate::forum::model::create_company_section(conn, id, &name, &slug)?;
            audit(conn, Some(admin.id), "create_company", &id.to_string())?;
            Ok(())
        })
        .await?;
    session::flash(&session, FlashKind::Success, "admin-company-created");
    Ok(redirect(&format!("/companies/{created_slug}")))
}
