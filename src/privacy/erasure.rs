//! "Delete my account" (GDPR art. 17). The account's row stays, so that
//! posts, reviews and moderation records keep an author; everything that
//! identified the person goes: email, name, password, sessions, tokens,
//! follows, staff memberships, export archives, the bodies of emails sent to
//! them and the address hashes of their requests. Their texts stay, shown as
//! by "former member" (a review's company reply stays too), unless they ask
//! for them to be withdrawn as well. Moderation decisions keep what the law
//! requires (the action, the clause, the reason) under the anonymous id.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{
    audit_log, company_staff, data_exports, email_tokens, legal_notices, notification_settings,
    notifications, outbox, posts, review_invitations, reviews, sessions, subscriptions,
    thread_reads, throttle_events, users,
};
use crate::db::DbConn;
use crate::kernel::ids::{CompanyId, PostId, ReviewId, UserId};
use crate::kernel::item::{self, ItemRef};

/// The address an erased account keeps (unique, and deliverable nowhere).
pub fn erased_address(user: UserId) -> String {
    format!("erased-{}@erased.invalid", user.0)
}

/// What an erasure did, for the audit log and the page that follows.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Erased {
    pub withdrawn: usize,
    /// Companies whose score changed (their reviews were withdrawn).
    pub companies: Vec<CompanyId>,
}

/// Erases `user`. With `withdraw_texts`, their threads, replies and reviews
/// are withdrawn first (they keep their place with a notice).
pub fn erase(
    conn: &mut DbConn,
    user: UserId,
    withdraw_texts: bool,
    at: NaiveDateTime,
) -> QueryResult<Erased> {
    let mut erased = Erased::default();
    let email: String = users::table.find(user).select(users::email).first(conn)?;
    if withdraw_texts {
        let post_ids: Vec<i64> = posts::table
            .filter(posts::author_id.eq(user))
            .filter(posts::withdrawn_at.is_null())
            .select(posts::id)
            .load(conn)?;
        for id in post_ids {
            erased.withdrawn += usize::from(item::withdraw(conn, ItemRef::Post(PostId(id)))?);
        }
        let review_ids: Vec<(i64, CompanyId)> = reviews::table
            .filter(reviews::author_id.eq(user))
            .filter(reviews::withdrawn_at.is_null())
            .select((reviews::id, reviews::company_id))
            .load(conn)?;
        for (id, company) in review_ids {
            erased.withdrawn += usize::from(item::withdraw(conn, ItemRef::Review(ReviewId(id)))?);
            if !erased.companies.contains(&company) {
                erased.companies.push(company);
            }
        }
    }
    diesel::update(users::table.find(user))
        .set((
            users::email.eq(erased_address(user)),
            users::display_name.eq(""),
            users::password_hash.eq("!erased"),
            users::email_verified_at.eq(None::<NaiveDateTime>),
            users::locale.eq(None::<String>),
            users::is_admin.eq(false),
            users::is_moderator.eq(false),
            users::disabled_at.eq(Some(at)),
            users::erased_at.eq(Some(at)),
            users::bio.eq(None::<String>),
            users::time_zone.eq(None::<String>),
            users::mail_token.eq(None::<String>),
            users::last_digest_at.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    // What the person was told, how they wanted it, and what they read.
    diesel::delete(notifications::table.filter(notifications::user_id.eq(user))).execute(conn)?;
    diesel::delete(notification_settings::table.filter(notification_settings::user_id.eq(user)))
        .execute(conn)?;
    diesel::delete(thread_reads::table.filter(thread_reads::user_id.eq(user))).execute(conn)?;
    diesel::delete(sessions::table.filter(sessions::user_id.eq(user))).execute(conn)?;
    diesel::delete(email_tokens::table.filter(email_tokens::user_id.eq(user))).execute(conn)?;
    diesel::delete(subscriptions::table.filter(subscriptions::user_id.eq(user))).execute(conn)?;
    diesel::delete(company_staff::table.filter(company_staff::user_id.eq(user))).execute(conn)?;
    diesel::update(data_exports::table.filter(data_exports::user_id.eq(user)))
        .set((
            data_exports::archive.eq(None::<Vec<u8>>),
            data_exports::token_hash.eq(None::<String>),
            data_exports::status.eq(crate::privacy::export::EXPIRED),
        ))
        .execute(conn)?;
    // Unsent mail to them is not sent; what was sent keeps no address or body.
    diesel::update(
        outbox::table
            .filter(outbox::to_address.eq(&email))
            .filter(outbox::sent_at.is_null()),
    )
    .set((
        outbox::failed_at.eq(Some(at)),
        outbox::last_error.eq(Some("account erased")),
    ))
    .execute(conn)?;
    diesel::update(outbox::table.filter(outbox::to_address.eq(&email)))
        .set((
            outbox::to_address.eq(erased_address(user)),
            outbox::body_text.eq(""),
            outbox::body_html.eq(""),
        ))
        .execute(conn)?;
    diesel::update(audit_log::table.filter(audit_log::actor_user_id.eq(Some(user))))
        .set(audit_log::address_hash.eq(None::<String>))
        .execute(conn)?;
    diesel::delete(throttle_events::table.filter(throttle_events::subject.eq(&email)))
        .execute(conn)?;
    diesel::update(review_invitations::table.filter(review_invitations::email.eq(Some(&email))))
        .set(review_invitations::email.eq(None::<String>))
        .execute(conn)?;
    diesel::update(legal_notices::table.filter(legal_notices::reporter_email.eq(&email)))
        .set((
            legal_notices::reporter_email.eq(""),
            legal_notices::reporter_name.eq(""),
            legal_notices::anonymised_at.eq(Some(at)),
        ))
        .execute(conn)?;
    Ok(erased)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_erased_address_names_no_one_and_goes_nowhere() {
        let address = erased_address(UserId(42));
        assert_eq!(address, "erased-42@erased.invalid");
        // .invalid is reserved (RFC 2606): no mail can be delivered there.
        assert!(address.ends_with(".invalid"));
    }
}
