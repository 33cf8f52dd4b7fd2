//! The administrator's user list and role changes (moderator, company staff).

use std::collections::HashMap;

use actix_session::Session;
use actix_web::{web, HttpResponse};

use crate::accounts::model::{self, USER_PAGE};
use crate::accounts::views::{AdminUserPage, AdminUsersPage};
use crate::kernel::audit::AuditContext;
use crate::kernel::error::AppError;
use crate::kernel::ids::{CompanyId, UserId};
use crate::state::AppState;
use crate::web::form::FormData;
use crate::web::layout::{redirect, render, Page};
use crate::web::session::{self, Admin, FlashKind};

pub async fn users(
    state: web::Data<AppState>,
    _admin: Admin,
    Page(ctx): Page,
    query: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let search: String = query
        .get("q")
        .map(|q| q.trim().chars().take(100).collect())
        .unwrap_or_default();
    let before = query.get("before").and_then(|b| b.parse::<UserId>().ok());
    let filter = search.clone();
    let users = state
        .db
        .run(move |conn| model::list_users(conn, &filter, before).map_err(AppError::from))
        .await?;
    let next_cursor = (users.len() as i64 == USER_PAGE)
        .then(|| users.last().map(|u| u.user.id.to_string()))
        .flatten();
    render(&AdminUsersPage {
        ctx,
        query: search,
        users,
        next_cursor,
    })
}

pub async fn user(
    state: web::Data<AppState>,
    _admin: Admin,
    Page(ctx): Page,
    path: web::Path<UserId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (user, staff_of, companies) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let user = model::find_by_id(conn, id)?.ok_or(AppError::NotFound)?;
            let staff_ids = model::staff_companies(conn, id)?;
            let companies = crate::companies::model::all_companies(conn)?;
            let staff_of = companies
                .iter()
                .filter(|c| staff_ids.contains(&c.id))
                .cloned()
                .collect();
            Ok((user, staff_of, companies))
        })
        .await?;
    render(&AdminUserPage {
        ctx,
        user,
        staff_of,
        companies,
    })
}

pub async fn set_moderator(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    path: web::Path<UserId>,
    form: FormData,
    session: Session,
    audit: AuditContext,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let value = form.get("value") == "1";
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            if model::set_moderator(conn, id, value)? == 0 {
                return Err(AppError::NotFound);
            }
            let action = if value {
                "grant_moderator"
            } else {
                "revoke_moderator"
            };
            audit.record(conn, Some(admin.id), action, &id.to_string())?;
            Ok(())
        })
        .await?;
    session::flash(&session, FlashKind::Success, "admin-roles-saved");
    Ok(redirect(&format!("/admin/users/{id}")))
}

fn company_field(form: &FormData) -> Result<CompanyId, AppError> {
    form.get("company_id")
        .parse()
        .map_err(|_| AppError::BadRequest("admin-company-missing"))
}

pub async fn add_staff(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    path: web::Path<UserId>,
    form: FormData,
    session: Session,
    audit: AuditContext,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let company = company_field(&form)?;
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            model::find_by_id(conn, id)?.ok_or(AppError::NotFound)?;
            crate::companies::model::find_company(conn, company)?
                .ok_or(AppError::BadRequest("admin-company-missing"))?;
            if model::add_staff(conn, id, company)? {
                audit.record(
                    conn,
                    Some(admin.id),
                    "grant_staff",
                    &format!("user {id} company {company}"),
                )?;
            }
            Ok(())
        })
        .await?;
    session::flash(&session, FlashKind::Success, "admin-roles-saved");
    Ok(redirect(&format!("/admin/users/{id}")))
}

pub async fn remove_staff(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    path: web::Path<UserId>,
    form: FormData,
    session: Session,
    audit: AuditContext,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let company = company_field(&form)?;
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            if model::remove_staff(conn, id, company)? {
                audit.record(
                    conn,
                    Some(admin.id),
                    "revoke_staff",
                    &format!("user {id} company {company}"),
                )?;
            }
            Ok(())
        })
        .await?;
    session::flash(&session, FlashKind::Success, "admin-roles-saved");
    Ok(redirect(&format!("/admin/users/{id}")))
}

/// Suspends a whole account (no login, every session ended at once) or
/// reinstates it. Different from a moderator's suspension, which only
/// stops publishing and leaves the author able to read and appeal.
pub async fn set_disabled(
    state: web::Data<AppState>,
    Admin(admin): Admin,
    path: web::Path<UserId>,
    form: FormData,
    session: Session,
    audit: AuditContext,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    if id == admin.id {
        return Err(AppError::Denied("admin-cannot-suspend-self"));
    }
    let disable = form.get("value") == "1";
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            model::find_by_id(conn, id)?.ok_or(AppError::NotFound)?;
            let ended = model::set_disabled(conn, id, disable)?;
            let (action, subject) = if disable {
                (
                    "suspend_account",
                    format!("user {id}; {ended} sessions ended"),
                )
            } else {
                ("reinstate_account", format!("user {id}"))
            };
            audit.record(conn, Some(admin.id), action, &subject)?;
            Ok(())
        })
        .await?;
    let flash = if disable {
        "admin-account-suspended"
    } else {
        "admin-account-reinstated"
    };
    session::flash(&session, FlashKind::Success, flash);
    Ok(redirect(&format!("/admin/users/{id}")))
}
