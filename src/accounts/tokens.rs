//! Single-use tokens for links sent by email (address verification,
//! password reset). Only a SHA-256 of the token is stored, with an expiry.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::email_tokens;
use crate::db::{now, DbConn};
use crate::kernel::ids::UserId;
use crate::kernel::tokens::{hash_token, random_token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ResetPassword => "reset_password",
        }
    }

    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::VerifyEmail => Duration::hours(48),
            Purpose::ResetPassword => Duration::hours(1),
        }
    }
}

/// Creates a token and returns it in plain form, for the link.
pub fn create(conn: &mut DbConn, user: UserId, purpose: Purpose) -> QueryResult<String> {
    let token = random_token();
    let at = now();
    diesel::insert_into(email_tokens::table)
        .values((
            email_tokens::user_id.eq(user),
            email_tokens::purpose.eq(purpose.as_str()),
            email_tokens::token_hash.eq(hash_token(&token)),
            email_tokens::expires_at.eq(at + purpose.lifetime()),
            email_tokens::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(token)
}

/// The user a valid (unused, unexpired) token belongs to, without using it.
pub fn peek(
    conn: &mut DbConn,
    purpose: Purpose,
    token: &str,
    at: NaiveDateTime,
) -> QueryResult<Option<(i64, UserId)>> {
    if token.is_empty() || token.len() > 100 {
        return Ok(None);
    }
    email_tokens::table
        .filter(email_tokens::token_hash.eq(hash_token(token)))
        .filter(email_tokens::purpose.eq(purpose.as_str()))
        .filter(email_tokens::used_at.is_null())
        .filter(email_tokens::expires_at.gt(at))
        .select((email_tokens::id, email_tokens::user_id))
        .first(conn)
        .optional()
}

/// Uses a token up. Returns its user only if this call was the one that used
/// it, so two simultaneous clicks cannot both succeed.
pub fn consume(conn: &mut DbConn, purpose: Purpose, token: &str) -> QueryResult<Option<UserId>> {
    let at = now();
    let Some((id, user)) = peek(conn, purpose, token, at)? else {
        return Ok(None);
    };
    let updated = diesel::update(
        email_tokens::table
            .find(id)
            .filter(email_tokens::used_at.is_null()),
    )
    .set(email_tokens::used_at.eq(Some(at)))
    .execute(conn)?;
    Ok((updated == 1).then_some(user))
}

/// Voids a user's other unused tokens of a purpose (a newer reset link
/// replaces the older ones).
pub fn void_all(conn: &mut DbConn, user: UserId, purpose: Purpose) -> QueryResult<usize> {
    diesel::update(
        email_tokens::table
            .filter(email_tokens::user_id.eq(user))
            .filter(email_tokens::purpose.eq(purpose.as_str()))
            .filter(email_tokens::used_at.is_null()),
    )
    .set(email_tokens::used_at.eq(Some(now())))
    .execute(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_hash_is_not_the_token() {
        let token = random_token();
        let hashed = hash_token(&token);
        assert_eq!(hashed.len(), 64);
        assert_ne!(hashed, token);
        assert_eq!(hashed, hash_token(&token));
    }
}
