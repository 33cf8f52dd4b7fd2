//! The home page, the company directory, and the administrator's company
//! list where companies (and their forum sections) are created.

use std::collections::HashMap;

use actix_session::Session;
use actix_web::{web, HttpResponse};

use crate::companies::model::{NewCompany, CATEGORY_MAX, DESCRIPTION_MAX, NAME_MAX, WEBSITE_MAX};
use crate::companies::score;
use crate::companies::views::*;
use crate::kernel::audit::AuditContext;
use crate::kernel::error::AppError;
use crate::state::AppState;
use crate::web::form::{check_length, FieldErrors, FormData};
use crate::web::layout::{redirect, render, render_invalid, Page, PageCtx};
use crate::web::routes::PageRequest;
use crate::web::session::{self, Admin, FlashKind};

type Query = web::Query<HashMap<String, String>>;

const DIRECTORY_LIMIT: i64 = 200;

fn search_term(query: &HashMap<String, String>) -> String {
    query
        .get("q")
        .map(|q| q.trim().chars().take(100).collect())
        .unwrap_or_default()
}

pub async fn home_page(
    state: web::Data<AppState>,
    ctx: PageCtx,
    _: PageRequest<()>,
) -> Result<HttpResponse, AppError> {
    let companies = state
        .db
        .run(|conn| crate::companies::model::search_companies(conn, "", 12).map_err(AppError::from))
        .await?;
    render(&HomePage { ctx, companies })
}

/// The company directory: search by name, sort by name, score or number of reviews.
pub async fn directory(
    state: web::Data<AppState>,
    Page(ctx): Page,
    query: Query,
) -> Result<HttpResponse, AppError> {
    let term = search_term(&query);
    let sort =
        crate::companies::model::DirectorySort::parse(query.get("sort").map_or("", String::as_str));
    let filter = term.clone();
    let companies = state
        .db
        .run(move |conn| {
            crate::companies::model::directory(conn, &filter, sort, DIRECTORY_LIMIT)
                .map_err(AppError::from)
        })
        .await?;
    let platform_mean = score::PRIOR_MEAN;
    render(&DirectoryPage {
        ctx,
        query: term,
        sort,
        companies,
        platform_mean,
    })
}

pub async fn admin_companies(
    state: web::Data<AppState>,
    _admin: Admin,
    Page(ctx): Page,
) -> Result<HttpResponse, AppError> {
    let companies = state
        .db
        .run(|conn| crate::companies::model::all_companies(conn).map_err(AppError::from))
        .await?;
    render(&AdminCompaniesPage {
        ctx,
        companies,
        name: String::new(),
        slug: String::new(),
        description: String::new(),
        website: String::new(),
        category: String::new(),
        errors: FieldErrors::default(),
    })
}

pub async fn create_company(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    Page(ctx): Page,
    form: FormData,
    session: Session,
    audit: AuditContext,
) -> Result<HttpResponse, AppError> {
    let name = form.text("name");
    let typed_slug = form.text("slug");
    let description = form.text("description");
    let typed_website = form.text("website");
    let category = form.text("category");
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
    check_length(
        &mut errors,
        ctx.lang,
        "category",
        &category,
        0,
        CATEGORY_MAX,
    );
    let slug = if typed_slug.is_empty() {
        crate::companies::model::slugify(&name)
    } else {
        typed_slug.to_lowercase()
    };
    if !errors.has("name") && !crate::companies::model::is_valid_slug(&slug) {
        errors.add("slug", ctx.t("admin-company-slug-invalid"));
    }
    let website = if typed_website.is_empty() {
        None
    } else {
        let normalized = crate::companies::model::normalize_website(&typed_website)
            .filter(|w| w.len() <= WEBSITE_MAX);
        if normalized.is_none() {
            errors.add("website", ctx.t("admin-company-website-invalid"));
        }
        normalized
    };
    let slug_for_check = slug.clone();
    let taken = errors.is_empty()
        && state
            .db
            .run(move |conn| {
                crate::companies::model::find_by_slug(conn, &slug_for_check).map_err(AppError::from)
            })
            .await?
            .is_some();
    if taken {
        errors.add("slug", ctx.t("admin-company-slug-taken"));
    }
    if !errors.is_empty() {
        let companies = state
            .db
            .run(|conn| crate::companies::model::all_companies(conn).map_err(AppError::from))
            .await?;
        return render_invalid(&AdminCompaniesPage {
            ctx,
            companies,
            name,
            slug: typed_slug,
            description,
            website: typed_website,
            category,
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
                category: &category,
            };
            let id = crate::companies::model::insert_company(conn, &new)?;
            crate::forum::model::create_company_section(conn, id, &name, &slug)?;
            audit.record(conn, Some(admin.id), "create_company", &id.to_string())?;
            Ok(())
        })
        .await?;
    session::flash(&session, FlashKind::Success, "admin-company-created");
    Ok(redirect(&format!("/companies/{created_slug}")))
}
