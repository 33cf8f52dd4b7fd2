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
    /// The time zone they chose (an IANA name), if any.
    pub time_zone: Option<String>,
    pub suspended_until: Option<NaiveDateTime>,
    /// Companies this user answers for as staff.
    pub staff_of: Vec<CompanyId>,
    /// Notifications not yet read (the header shows the count).
    pub unread_notifications: i64,
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
    Option<String>,
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
            users::time_zone,
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
        time_zone,
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
    let unread_notifications = crate::kernel::notify::unread_count(conn, id)?;
    Ok(Some(CurrentUser {
        id,
        email,
        display_name,
        is_admin,
        is_moderator,
        verified: verified_at.is_some(),
        locale,
        time_zone,
        suspended_until,
        staff_of,
        unread_notifications,
    }))
}

pub const EMAIL_MAX: usize = 254;

/// Lower-cases and trims an address and checks its shape. Returns `None`
/// for anything that cannot be an address we could deliver to.
pub fn normalize_email(input: &str) -> Option<String> {
    let email = input.trim().to_lowercase();
    if email.is_empty() || email.len() > EMAIL_MAX {
        return None;
    }
    let (local, domain) = email.rsplit_once('@')?;
    let valid_local = !local.is_empty()
        && local.len() <= 64
        && !local.contains('@')
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let valid_domain = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    let no_bad_chars = !email
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>(),;:\"[]\\".contains(c));
    (valid_local && valid_domain && no_bad_chars).then_some(email)
}

/// A user's display name (for "in reply to", a case's flaggers…).
pub fn display_name(conn: &mut DbConn, id: UserId) -> QueryResult<Option<String>> {
    users::table
        .find(id)
        .select(users::display_name)
        .first(conn)
        .optional()
}

/// Where and in which language to write to a user.
#[derive(Debug, Clone)]
pub struct Contact {
    pub email: String,
    pub display_name: String,
    pub locale: Option<String>,
}

pub fn contact(conn: &mut DbConn, id: UserId) -> QueryResult<Option<Contact>> {
    let row: Option<(String, String, Option<String>)> = users::table
        .find(id)
        .select((users::email, users::display_name, users::locale))
        .first(conn)
        .optional()?;
    Ok(row.map(|(email, display_name, locale)| Contact {
        email,
        display_name,
        locale,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_trimmed_and_lower_cased() {
        assert_eq!(
            normalize_email("  Karin.Svensson@Example.SE "),
            Some("karin.svensson@example.se".into())
        );
        assert_eq!(
            normalize_email("mads+tillit@post.dk"),
            Some("mads+tillit@post.dk".into())
        );
        assert_eq!(
            normalize_email("björn@exempel.se"),
            Some("björn@exempel.se".into())
        );
    }

    #[test]
    fn malformed_addresses_are_rejected() {
        for bad in [
            "",
            "karin",
            "karin@",
            "@example.se",
            "karin@example",
            "ka rin@example.se",
            "karin@@example.se",
            "karin@example..se",
            ".karin@example.se",
            "<x>@example.se",
        ] {
            assert_eq!(normalize_email(bad), None, "{bad:?} should be rejected");
        }
        let long = format!("{}@example.se", "a".repeat(250));
        assert_eq!(normalize_email(&long), None);
    }
}
