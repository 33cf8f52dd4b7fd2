//! Retention: what has served its purpose is removed on a schedule. The
//! periods are listed, with every personal field the database holds, in
//! docs/privacy.md and on /privacy; a test keeps the three in step.
//! (Throttle events are pruned after a day by the web layer's hourly job,
//! text fingerprints after a week by moderation's.)

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{
    audit_log, data_exports, email_tokens, flags, legal_notices, outbox, review_invitations,
    search_misses,
};
use crate::db::DbConn;

/// A retention rule: the key that names it on /privacy
/// (`privacy-retention-<key>`) and in docs/privacy.md, and its days.
pub type Rule = (&'static str, i64);

pub const THROTTLE: Rule = ("throttle", 1);
pub const FINGERPRINTS: Rule = ("fingerprints", 7);
pub const TOKENS: Rule = ("tokens", 7);
pub const UNANSWERED_SEARCHES: Rule = ("unanswered-searches", 90);
pub const ADDRESS_HASHES: Rule = ("address-hashes", 90);
pub const OUTBOX_BODIES: Rule = ("outbox-bodies", 30);
pub const OUTBOX_ROWS: Rule = ("outbox-rows", 365);
pub const INVITATION_ADDRESSES: Rule = ("invitation-addresses", 30);
pub const EXPORTS: Rule = ("exports", crate::privacy::export::LINK_DAYS);
pub const UNCONFIRMED_NOTICES: Rule = ("unconfirmed-notices", 30);
pub const NOTICE_SENDERS: Rule = ("notice-senders", 365);

/// Every rule, in the order /privacy lists them.
pub const PERIODS: &[Rule] = &[
    THROTTLE,
    FINGERPRINTS,
    TOKENS,
    UNANSWERED_SEARCHES,
    ADDRESS_HASHES,
    OUTBOX_BODIES,
    OUTBOX_ROWS,
    INVITATION_ADDRESSES,
    EXPORTS,
    UNCONFIRMED_NOTICES,
    NOTICE_SENDERS,
];

/// Runs every rule once; returns how many rows it changed or removed.
pub fn apply(conn: &mut DbConn, at: NaiveDateTime) -> QueryResult<usize> {
    let before = |rule: Rule| at - Duration::days(rule.1);
    let mut done = 0;
    done += diesel::delete(
        email_tokens::table.filter(
            email_tokens::expires_at
                .lt(before(TOKENS))
                .or(email_tokens::used_at.lt(before(TOKENS))),
        ),
    )
    .execute(conn)?;
    done += diesel::delete(
        search_misses::table.filter(search_misses::created_at.lt(before(UNANSWERED_SEARCHES))),
    )
    .execute(conn)?;
    done += diesel::update(
        audit_log::table
            .filter(audit_log::created_at.lt(before(ADDRESS_HASHES)))
            .filter(audit_log::address_hash.is_not_null()),
    )
    .set(audit_log::address_hash.eq(None::<String>))
    .execute(conn)?;
    // Delivered or given-up mail: the body goes first, the row later.
    let finished = outbox::sent_at
        .is_not_null()
        .or(outbox::failed_at.is_not_null());
    done += diesel::update(
        outbox::table
            .filter(finished)
            .filter(outbox::created_at.lt(before(OUTBOX_BODIES)))
            .filter(outbox::body_text.ne("")),
    )
    .set((outbox::body_text.eq(""), outbox::body_html.eq("")))
    .execute(conn)?;
    done += diesel::delete(
        outbox::table
            .filter(
                outbox::sent_at
                    .is_not_null()
                    .or(outbox::failed_at.is_not_null()),
            )
            .filter(outbox::created_at.lt(before(OUTBOX_ROWS))),
    )
    .execute(conn)?;
    done += diesel::update(
        review_invitations::table
            .filter(review_invitations::expires_at.lt(before(INVITATION_ADDRESSES)))
            .filter(review_invitations::email.is_not_null()),
    )
    .set(review_invitations::email.eq(None::<String>))
    .execute(conn)?;
    done += diesel::update(
        data_exports::table
            .filter(data_exports::expires_at.lt(Some(at)))
            .filter(data_exports::status.eq(crate::privacy::export::READY)),
    )
    .set((
        data_exports::archive.eq(None::<Vec<u8>>),
        data_exports::token_hash.eq(None::<String>),
        data_exports::status.eq(crate::privacy::export::EXPIRED),
    ))
    .execute(conn)?;
    done += anonymise_notices(conn, at)?;
    Ok(done)
}

/// Legal notices keep their sender's name and address while they may be
/// needed (to confirm, to tell the decision, to hear an appeal); then only
/// the notice itself stays.
fn anonymise_notices(conn: &mut DbConn, at: NaiveDateTime) -> QueryResult<usize> {
    let decided_flags = flags::table
        .filter(flags::closed_at.lt(at - Duration::days(NOTICE_SENDERS.1)))
        .select(flags::id.nullable());
    let blank = (
        legal_notices::reporter_name.eq(""),
        legal_notices::reporter_email.eq(""),
        legal_notices::anonymised_at.eq(Some(at)),
    );
    let decided = diesel::update(
        legal_notices::table
            .filter(legal_notices::anonymised_at.is_null())
            .filter(legal_notices::flag_id.eq_any(decided_flags)),
    )
    .set(blank)
    .execute(conn)?;
    let unconfirmed = diesel::update(
        legal_notices::table
            .filter(legal_notices::anonymised_at.is_null())
            .filter(legal_notices::confirmed_at.is_null())
            .filter(legal_notices::created_at.lt(at - Duration::days(UNCONFIRMED_NOTICES.1))),
    )
    .set(blank)
    .execute(conn)?;
    Ok(decided + unconfirmed)
}
