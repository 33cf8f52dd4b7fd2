//! The logged-in user as every handler sees it, loaded once per request
//! from the session, and the checks that depend on nothing but the user:
//! whether they may publish at all, whether they administer the site.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{company_staff, users};
use crate::db::{now, DbConn};
use crate::kernel::error::AppError;
use crate::kernel::ids::{CompanyId, UserId};

#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub is_admin: bool,
    pub is_moderator: bool,
    pub verified: bool,
    pub locale: Option<String>,
    pub session_generation: i64,
    pub suspended_until: Option<NaiveDateTime>,
    /// Companies this user answers for as staff.
    pub staff_of: Vec<CompanyId>,
}

impl CurrentUser {
    pub fn is_staff_of(&self, company: CompanyId) -> bool {
        self.staff_of.contains(&company)
    }

    /// A moderator with no tie to `company`: the only kind of moderator who
    /// sees held and hidden text about it (DOMAIN.md, principle 3).
    pub fn is_neutral_moderator_for(&self, company: Option<CompanyId>) -> bool {
        self.is_moderator && !company.is_some_and(|c| self.is_staff_of(c))
    }
}

type UserColumns = (
    UserId,
    String,
    String,
    Option<NaiveDateTime>,
    bool,
    bool,
    Option<String>,
    i64,
    Option<NaiveDateTime>,
);

/// The user behind a session, with the companies they are staff of.
pub fn load(conn: &mut DbConn, id: UserId) -> Result<Option<CurrentUser>, AppError> {
    let row: Option<UserColumns> = users::table
        .find(id)
        .select((
            users::id,
            users::email,
            users::display_name,
            users::email_verified_at,
            users::is_admin,
            users::is_moderator,
            users::locale,
            users::session_generation,
            users::suspended_until,
        ))
        .first(conn)
        .optional()?;
    let Some((
        id,
        email,
        display_name,
        verified_at,
        is_admin,
        is_moderator,
        locale,
        generation,
        suspended_until,
    )) = row
    else {
        return Ok(None);
    };
    let staff_of = company_staff::table
        .filter(company_staff::user_id.eq(id))
        .select(company_staff::company_id)
        .order(company_staff::company_id)
        .load(conn)?;
    Ok(Some(CurrentUser {
        id,
        email,
        display_name,
        is_admin,
        is_moderator,
        verified: verified_at.is_some(),
        locale,
        session_generation: generation,
        suspended_until,
        staff_of,
    }))
}

/// Publishing anything (a thread, a reply, a review, a report) needs a
/// confirmed address and no running suspension. The one place that says so.
pub fn may_publish(user: &CurrentUser) -> Result<(), AppError> {
    if !user.verified {
        return Err(AppError::Denied("forum-verify-first"));
    }
    if user.suspended_until.is_some_and(|until| until > now()) {
        return Err(AppError::Denied("forum-suspended"));
    }
    Ok(())
}

pub fn can_administer(user: &CurrentUser) -> Result<(), AppError> {
    if user.is_admin {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
