//! Users, roles and their queries.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{companies, company_staff, users};
use crate::db::{contains_pattern, now, DbConn};
use crate::kernel::ids::{CompanyId, SessionId, UserId};
use crate::web::session::store as session_store;

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
    pub suspended_until: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    /// Suspended by an administrator: no login, no session.
    pub disabled_at: Option<NaiveDateTime>,
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
            users::created_at.eq(at),
        ))
        .execute(conn)?;
    users::table
        .filter(users::email.eq(user.email))
        .select(users::id)
        .first(conn)
}

/// Stores a new password: every session of the account ends except `keep`
/// (the one that made the change, if any), and any open reset link dies.
pub fn set_password(
    conn: &mut DbConn,
    id: UserId,
    hash: &str,
    keep: Option<SessionId>,
) -> QueryResult<usize> {
    set_password_hash(conn, id, hash)?;
    crate::accounts::tokens::void_all(conn, id, crate::accounts::tokens::Purpose::ResetPassword)?;
    session_store::end_all(conn, id, keep)
}

/// Replaces the stored hash only (a rehash with stronger parameters at login).
pub fn set_password_hash(conn: &mut DbConn, id: UserId, hash: &str) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::password_hash.eq(hash))
        .execute(conn)?;
    Ok(())
}

/// An administrator suspends (or reinstates) a whole account; suspending
/// ends every session it has. Returns the number of sessions ended.
pub fn set_disabled(conn: &mut DbConn, id: UserId, disabled: bool) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set(users::disabled_at.eq(disabled.then(now)))
        .execute(conn)?;
    if disabled {
        session_store::end_all(conn, id, None)
    } else {
        Ok(0)
    }
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

/// The longest bio, in characters: a line or two about oneself.
pub const BIO_MAX: usize = 300;

/// Sets the name and the public bio (empty: none).
pub fn set_profile(conn: &mut DbConn, id: UserId, name: &str, bio: &str) -> QueryResult<()> {
    let bio = (!bio.is_empty()).then_some(bio);
    diesel::update(users::table.find(id))
        .set((users::display_name.eq(name), users::bio.eq(bio)))
        .execute(conn)?;
    Ok(())
}

pub fn bio(conn: &mut DbConn, id: UserId) -> QueryResult<String> {
    let bio: Option<Option<String>> = users::table
        .find(id)
        .select(users::bio)
        .first(conn)
        .optional()?;
    Ok(bio.flatten().unwrap_or_default())
}

/// The zones a person may choose: Europe's and UTC.
pub fn time_zones() -> Vec<&'static str> {
    let mut zones: Vec<&'static str> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| tz.name())
        .filter(|name| name.starts_with("Europe/") || *name == "UTC")
        .collect();
    zones.sort_unstable();
    zones
}

pub fn set_time_zone(conn: &mut DbConn, id: UserId, zone: Option<&str>) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::time_zone.eq(zone))
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
