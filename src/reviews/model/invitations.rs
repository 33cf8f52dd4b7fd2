//! Single-use review invitations: one address, a pasted list, or a link.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{invitation_refusals, review_invitations};
use crate::db::{now, DbConn};
use crate::kernel::ids::{CompanyId, UserId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = review_invitations)]
pub struct Invitation {
    pub id: i64,
    pub company_id: CompanyId,
    pub created_by: UserId,
    pub email: Option<String>,
    pub token_hash: String,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

pub const INVITATION_DAYS: i64 = 30;

/// Creates a single-use invitation and returns its token for the link.
pub fn create_invitation(
    conn: &mut DbConn,
    company: CompanyId,
    creator: UserId,
    email: Option<&str>,
) -> QueryResult<String> {
    let token = crate::kernel::tokens::random_token();
    let at = now();
    diesel::insert_into(review_invitations::table)
        .values((
            review_invitations::company_id.eq(company),
            review_invitations::created_by.eq(creator),
            review_invitations::email.eq(email),
            review_invitations::token_hash.eq(crate::kernel::tokens::hash_token(&token)),
            review_invitations::expires_at.eq(at + chrono::Duration::days(INVITATION_DAYS)),
            review_invitations::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(token)
}

/// A valid (unused, unexpired) invitation for this token.
pub fn find_invitation(conn: &mut DbConn, token: &str) -> QueryResult<Option<Invitation>> {
    if token.is_empty() || token.len() > 100 {
        return Ok(None);
    }
    review_invitations::table
        .filter(review_invitations::token_hash.eq(crate::kernel::tokens::hash_token(token)))
        .filter(review_invitations::used_at.is_null())
        .filter(review_invitations::expires_at.gt(now()))
        .select(Invitation::as_select())
        .first(conn)
        .optional()
}

/// Whether an address asked for no more invitations.
pub fn refuses_invitations(conn: &mut DbConn, email: &str) -> QueryResult<bool> {
    let n: i64 = invitation_refusals::table
        .find(refusal_hash(email))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// The address an invitation (used or not, expired or not) was sent to,
/// while the retention rules still keep it.
pub fn invited_address(conn: &mut DbConn, token: &str) -> QueryResult<Option<String>> {
    if token.is_empty() || token.len() > 100 {
        return Ok(None);
    }
    let email: Option<Option<String>> = review_invitations::table
        .filter(review_invitations::token_hash.eq(crate::kernel::tokens::hash_token(token)))
        .select(review_invitations::email)
        .first(conn)
        .optional()?;
    Ok(email.flatten().filter(|e| !e.is_empty()))
}

/// Records that an address wants no more invitations, from any company.
pub fn refuse_invitations(conn: &mut DbConn, email: &str) -> QueryResult<()> {
    let hash = refusal_hash(email);
    crate::db::insert_unless_duplicate(conn, |conn| {
        diesel::insert_into(invitation_refusals::table)
            .values((
                invitation_refusals::email_hash.eq(&hash),
                invitation_refusals::created_at.eq(now()),
            ))
            .execute(conn)
    })?;
    Ok(())
}

/// The address as the refusal list keeps it: a hash of its normal form.
fn refusal_hash(email: &str) -> String {
    crate::kernel::tokens::hash_token(&format!(
        "invitation-refusal:{}",
        email.trim().to_lowercase()
    ))
}

/// Uses an invitation for `company`; only the first caller succeeds.
pub(super) fn use_invitation(
    conn: &mut DbConn,
    company: CompanyId,
    token: &str,
) -> QueryResult<Option<i64>> {
    let Some(invitation) = find_invitation(conn, token)?.filter(|i| i.company_id == company) else {
        return Ok(None);
    };
    let updated = diesel::update(
        review_invitations::table
            .find(invitation.id)
            .filter(review_invitations::used_at.is_null()),
    )
    .set(review_invitations::used_at.eq(Some(now())))
    .execute(conn)?;
    Ok((updated == 1).then_some(invitation.id))
}

pub fn recent_invitations(conn: &mut DbConn, company: CompanyId) -> QueryResult<Vec<Invitation>> {
    review_invitations::table
        .filter(review_invitations::company_id.eq(company))
        .select(Invitation::as_select())
        .order(review_invitations::id.desc())
        .limit(50)
        .load(conn)
}
