//! The desk's pages and actions. Every handler that touches a company's
//! desk data checks that the user is staff of that company (`staff_company`
//! or the item's own company), whatever the URL says.

pub mod badge;
pub mod canned;
pub mod conversations;
pub mod desk;
pub mod faq;
pub mod figures;
pub mod history;
pub mod incidents;
pub mod settings;

use crate::companies::model::Company;
use crate::kernel::error::AppError;
use crate::kernel::user::CurrentUser;
use crate::state::AppState;
use crate::web::layout::safe_local_path;

/// Staff pages show times in their company's zone (the desk, the figures of
/// one company, a customer's history, a conversation), as the after-hours
/// notice and the office hours do.
pub async fn in_company_zone(
    state: &AppState,
    mut ctx: crate::web::layout::PageCtx,
    company: crate::kernel::ids::CompanyId,
) -> Result<crate::web::layout::PageCtx, AppError> {
    ctx.tz = state
        .db
        .run(move |conn| {
            crate::support::settings::load(conn, company)
                .map(|s| s.schedule.tz)
                .map_err(AppError::from)
        })
        .await?;
    Ok(ctx)
}

/// The company behind a desk URL, if the user is on its staff.
pub async fn staff_company(
    state: &AppState,
    user: &CurrentUser,
    slug: String,
) -> Result<Company, AppError> {
    let company = state
        .db
        .run(move |conn| crate::companies::model::find_by_slug(conn, &slug).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)?;
    if !user.is_staff_of(company.id) {
        return Err(AppError::Denied("desk-staff-only"));
    }
    Ok(company)
}

/// These companies, in name order (the staff member's, for the desk).
pub fn companies_named(
    conn: &mut crate::db::DbConn,
    ids: &[crate::kernel::ids::CompanyId],
) -> Result<Vec<Company>, AppError> {
    let mut found = Vec::new();
    for id in ids {
        found.extend(crate::companies::model::find_company(conn, *id)?);
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// Where to go after an action: the form's `back` field when it is a local
/// path, else `fallback`.
pub fn back_to(back: &str, fallback: &str) -> String {
    safe_local_path(back).unwrap_or(fallback).to_string()
}
