//! Users, roles and their queries.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{audit_log, companies, company_staff, users};
use crate::db::{now, DbConn};
use crate::kernel::ids::{CompanyId, UserId};

pub const EMAIL_MAX: usize = 254;
pub const NAME_MIN: usize = 2;
pub const NAME_MAX: usize = 50;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub email_verified_at: Option<NaiveDateTime>,
    pub is_admin: bool,
    pub is_moderator: bool,
    pub locale: Option<String>,
    pub session_generation: i64,
    pub suspended_until: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

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

pub fn find_by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::email.eq(email))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_id(conn: &mut DbConn, id: UserId) -> QueryResult<Option<UserRow>> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn staff_companies(conn: &mut DbConn, user: UserId) -> QueryResult<Vec<CompanyId>> {
    company_staff::table
        .filter(company_staff::user_id.eq(user))
        .select(company_staff::company_id)
        .order(company_staff::company_id)
        .load(conn)
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub locale: Option<&'a str>,
    pub verified: bool,
    pub is_admin: bool,
    pub is_moderator: bool,
}

pub fn insert_user(conn: &mut DbConn, user: &NewUser) -> QueryResult<UserId> {
    let at = now();
    diesel::insert_into(users::table)
        .values((
            users::email.eq(user.email),
            users::display_name.eq(user.display_name),
            users::password_hash.eq(user.password_hash),
            users::email_verified_at.eq(user.verified.then_some(at)),
            users::is_admin.eq(user.is_admin),
            users::is_moderator.eq(user.is_moderator),
            users::locale.eq(user.locale),
            users::session_generation.eq(0i64),
            users::created_at.eq(at),
        ))
        .execute(conn)?;
    users::table
        .filter(users::email.eq(user.email))
        .select(users::id)
        .first(conn)
}

/// Bumps the session generation, revoking every session issued before.
pub fn bump_generation(conn: &mut DbConn, id: UserId) -> QueryResult<i64> {
    diesel::update(users::table.find(id))
        .set(users::session_generation.eq(users::session_generation + 1))
        .execute(conn)?;
    users::table
        .find(id)
        .select(users::session_generation)
        .first(conn)
}

/// Stores a new password hash and revokes all sessions; returns the new generation.
pub fn set_password(conn: &mut DbConn, id: UserId, hash: &str) -> QueryResult<i64> {
    diesel::update(users::table.find(id))
        .set(users::password_hash.eq(hash))
        .execute(conn)?;
    bump_generation(conn, id)
}

pub fn mark_verified(conn: &mut DbConn, id: UserId) -> QueryResult<()> {
    diesel::update(
        users::table
            .find(id)
            .filter(users::email_verified_at.is_null()),
    )
    .set(users::email_verified_at.eq(Some(now())))
    .execute(conn)?;
    Ok(())
}

pub fn set_display_name(conn: &mut DbConn, id: UserId, name: &str) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::display_name.eq(name))
        .execute(conn)?;
    Ok(())
}

pub fn set_locale(conn: &mut DbConn, id: UserId, locale: &str) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::locale.eq(Some(locale)))
        .execute(conn)?;
    Ok(())
}

pub fn set_moderator(conn: &mut DbConn, id: UserId, value: bool) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set(users::is_moderator.eq(value))
        .execute(conn)
}

pub fn set_admin(conn: &mut DbConn, id: UserId, value: bool) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set(users::is_admin.eq(value))
        .execute(conn)
}

pub fn add_staff(conn: &mut DbConn, user: UserId, company: CompanyId) -> QueryResult<bool> {
    crate::db::insert_unless_duplicate(conn, |conn| {
        diesel::insert_into(company_staff::table)
            .values((
                company_staff::user_id.eq(user),
                company_staff::company_id.eq(company),
                company_staff::created_at.eq(now()),
            ))
            .execute(conn)
    })
}

pub fn remove_staff(conn: &mut DbConn, user: UserId, company: CompanyId) -> QueryResult<bool> {
    let removed = diesel::delete(
        company_staff::table
            .filter(company_staff::user_id.eq(user))
            .filter(company_staff::company_id.eq(company)),
    )
    .execute(conn)?;
    Ok(removed > 0)
}

pub fn count_admins(conn: &mut DbConn) -> QueryResult<i64> {
    users::table
        .filter(users::is_admin.eq(true))
        .count()
        .get_result(conn)
}

/// Records who changed what, for the admin's audit trail.
pub fn audit(
    conn: &mut DbConn,
    actor: Option<UserId>,
    action: &str,
    subject: &str,
) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::actor_user_id.eq(actor),
            audit_log::action.eq(action),
            audit_log::subject.eq(subject),
            audit_log::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// One row of the admin's user list.
#[derive(Debug, Clone)]
pub struct UserListItem {
    pub user: UserRow,
    pub staff_of: Vec<String>,
}

pub const USER_PAGE: i64 = 50;

/// Users by id, newest first, after a cursor (keyset paging: no OFFSET), optionally
/// filtered by a fragment of the address or name.
pub fn list_users(
    conn: &mut DbConn,
    query: &str,
    before: Option<UserId>,
) -> QueryResult<Vec<UserListItem>> {
    let mut q = users::table
        .select(UserRow::as_select())
        .order(users::id.desc())
        .limit(USER_PAGE)
        .into_boxed();
    if !query.is_empty() {
        let pattern = contains_pattern(query);
        q = q.filter(
            users::email
                .like(pattern.clone())
                .escape('\\')
                .or(users::display_name.like(pattern).escape('\\')),
        );
    }
    if let Some(before) = before {
        q = q.filter(users::id.lt(before));
    }
    let rows: Vec<UserRow> = q.load(conn)?;
    let ids: Vec<UserId> = rows.iter().map(|r| r.id).collect();
    let staff: Vec<(UserId, String)> = company_staff::table
        .inner_join(companies::table)
        .filter(company_staff::user_id.eq_any(&ids))
        .select((company_staff::user_id, companies::name))
        .order(companies::name)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|user| {
            let staff_of = staff
                .iter()
                .filter(|(id, _)| *id == user.id)
                .map(|(_, n)| n.clone())
                .collect();
            UserListItem { user, staff_of }
        })
        .collect())
}

/// A LIKE pattern (with `ESCAPE '\'`) matching text that contains `text`,
/// lower-cased for comparing with `lower(column)`.
pub fn contains_pattern(text: &str) -> String {
    format!("%{}%", escape_like(&text.to_lowercase()))
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
pub fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
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

    #[test]
    fn like_patterns_are_escaped() {
        assert_eq!(escape_like("50%_off\\"), "50\\%\\_off\\\\");
    }
}
