//! Trust levels, kept small (Discourse's idea): a new account's posts that
//! contain links, or that a check flags, wait for a moderator's approval.
//! The limit lifts after a few published posts or a few days; staff are
//! trusted in their own company's section, moderators and administrators
//! everywhere. And fingerprints of published texts, to see one text posted
//! by several accounts (spam).

use chrono::Duration;
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::schema::{company_staff, content_fingerprints, posts, reviews, users};
use crate::db::{now, DbConn};
use crate::kernel::ids::{CompanyId, UserId};
use crate::kernel::item::ItemRef;

/// Published (visible) posts and reviews after which an account is trusted.
pub const TRUSTED_AFTER_POSTS: i64 = 3;
/// Days after sign-up after which an account is trusted.
pub const TRUSTED_AFTER_DAYS: i64 = 3;
/// How long a fingerprint counts for repeats across accounts.
const REPEAT_WINDOW_HOURS: i64 = 24;
/// Fingerprints older than this are removed by the retention job.
pub const FINGERPRINT_DAYS: i64 = 7;

/// Whether the author's posts skip the new-account hold in `company`'s section.
pub fn is_trusted(
    conn: &mut DbConn,
    author: UserId,
    company: Option<CompanyId>,
) -> QueryResult<bool> {
    let Some((created_at, is_admin, is_moderator)) = users::table
        .find(author)
        .select((users::created_at, users::is_admin, users::is_moderator))
        .first::<(chrono::NaiveDateTime, bool, bool)>(conn)
        .optional()?
    else {
        return Ok(false);
    };
    if is_admin || is_moderator || created_at < now() - Duration::days(TRUSTED_AFTER_DAYS) {
        return Ok(true);
    }
    if let Some(company) = company {
        let staff = company_staff::table
            .filter(company_staff::user_id.eq(author))
            .filter(company_staff::company_id.eq(company))
            .count()
            .get_result::<i64>(conn)?;
        if staff > 0 {
            return Ok(true);
        }
    }
    let published = posts::table
        .filter(posts::author_id.eq(author))
        .filter(posts::moderation_state.eq("visible"))
        .select(posts::id)
        .limit(TRUSTED_AFTER_POSTS + 1)
        .load::<i64>(conn)?
        .len()
        + reviews::table
            .filter(reviews::author_id.eq(author))
            .filter(reviews::moderation_state.eq("visible"))
            .select(reviews::id)
            .limit(TRUSTED_AFTER_POSTS + 1)
            .load::<i64>(conn)?
            .len();
    // The post being screened is already written (and visible): it does not count.
    Ok(i64::try_from(published).unwrap_or(i64::MAX) > TRUSTED_AFTER_POSTS)
}

/// A hash of a text's words: case, spacing and punctuation do not matter.
pub fn fingerprint(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    hex::encode(&Sha256::digest(words.join(" ").as_bytes())[..16])
}

/// Records a published text's fingerprint and returns how many other
/// accounts published the same text within the window.
pub fn record_and_count_others(
    conn: &mut DbConn,
    item: ItemRef,
    author: UserId,
    text: &str,
) -> QueryResult<i64> {
    let hash = fingerprint(text);
    let at = now();
    diesel::insert_into(content_fingerprints::table)
        .values((
            content_fingerprints::hash.eq(&hash),
            content_fingerprints::item_kind.eq(item.kind().as_str()),
            content_fingerprints::item_id.eq(item.id()),
            content_fingerprints::author_id.eq(author.0),
            content_fingerprints::created_at.eq(at),
        ))
        .execute(conn)?;
    let authors: Vec<i64> = content_fingerprints::table
        .filter(content_fingerprints::hash.eq(&hash))
        .filter(content_fingerprints::created_at.gt(at - Duration::hours(REPEAT_WINDOW_HOURS)))
        .filter(content_fingerprints::author_id.ne(author.0))
        .select(content_fingerprints::author_id)
        .distinct()
        .limit(100)
        .load(conn)?;
    Ok(i64::try_from(authors.len()).unwrap_or(i64::MAX))
}

/// Removes fingerprints past their use (the retention job).
pub fn remove_old_fingerprints(conn: &mut DbConn) -> QueryResult<usize> {
    diesel::delete(
        content_fingerprints::table
            .filter(content_fingerprints::created_at.lt(now() - Duration::days(FINGERPRINT_DAYS))),
    )
    .execute(conn)
}
