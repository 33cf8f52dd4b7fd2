//! Being told: one store of notifications for everything that happens to a
//! person — an answer in their thread, an official answer, their answer
//! accepted or rated, a company's reply to their review, a private message,
//! a mention, a new question for staff, a moderation decision, a
//! verification request — and each person's choice of how each kind reaches
//! them by email.
//!
//! Every capability writes here through [`tell`], which records the row and
//! answers how the person wants the kind delivered: the caller sends its
//! email only for [`Delivery::Immediately`]; a [`Delivery::Digest`] row
//! waits for the daily digest. A row keeps a reference to the item, never
//! its words: whoever shows the row reads them through the gate then, so a
//! notification never shows what was held or hidden since.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{notification_settings, notifications, users};
use crate::db::{now, DbConn};
use crate::kernel::i18n::{tr_args, Lang};
use crate::kernel::ids::{DecisionId, UserId};
use crate::kernel::item::ItemRef;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An answer or reply in a thread the person started or follows.
    Reply,
    /// A company's official answer in the person's thread.
    OfficialAnswer,
    /// The person's answer was accepted.
    Accepted,
    /// The person's answer was rated helpful or not.
    Rated,
    /// A company replied to the person's review.
    ReviewReply,
    /// A private message in a conversation with a company.
    Message,
    /// Someone wrote `@name` in a thread.
    Mention,
    /// A new question in the section of a company the person is staff of.
    NewQuestion,
    /// A moderation decision about the person's content (a statement of reasons).
    Statement,
    /// The outcome of the person's report.
    ReportOutcome,
    /// A request to show that the person's review rests on a real experience.
    Verification,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Reply,
        Kind::OfficialAnswer,
        Kind::Accepted,
        Kind::Rated,
        Kind::ReviewReply,
        Kind::Message,
        Kind::Mention,
        Kind::NewQuestion,
        Kind::Statement,
        Kind::ReportOutcome,
        Kind::Verification,
    ];

    /// How the kind is stored; moderation's two kinds keep the names their
    /// rows had before the other kinds came.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Reply => "reply",
            Kind::OfficialAnswer => "official-answer",
            Kind::Accepted => "accepted",
            Kind::Rated => "rated",
            Kind::ReviewReply => "reply-to-review",
            Kind::Message => "message",
            Kind::Mention => "mention",
            Kind::NewQuestion => "new-question",
            Kind::Statement => "statement",
            Kind::ReportOutcome => "report-outcome",
            Kind::Verification => "verification",
        }
    }

    pub fn parse(value: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == value)
    }

    /// Moderation decisions, report outcomes and verification requests are
    /// notices the person must get (the law asks for the first two, the
    /// third has a deadline): they are always emailed at once.
    pub fn is_configurable(self) -> bool {
        !matches!(
            self,
            Kind::Statement | Kind::ReportOutcome | Kind::Verification
        )
    }

    /// Only staff get new questions; the settings page shows the kind to them.
    pub fn is_for_staff(self) -> bool {
        self == Kind::NewQuestion
    }

    /// How the kind is delivered until the person chooses: ratings come
    /// often and matter little one by one, so they wait for the digest.
    pub fn default_delivery(self) -> Delivery {
        match self {
            Kind::Rated => Delivery::Digest,
            _ => Delivery::Immediately,
        }
    }
}

/// How a kind reaches a person by email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Immediately,
    Digest,
    Never,
}

impl Delivery {
    pub const ALL: [Delivery; 3] = [Delivery::Immediately, Delivery::Digest, Delivery::Never];

    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Immediately => "immediately",
            Delivery::Digest => "digest",
            Delivery::Never => "never",
        }
    }

    pub fn parse(value: &str) -> Option<Delivery> {
        Delivery::ALL.into_iter().find(|d| d.as_str() == value)
    }
}

/// What a notification says in `lang`: who did what, about which thread
/// or review (`title`, already through the gate; empty when there is none).
pub fn line(lang: Lang, kind: Kind, actor: &str, title: &str) -> String {
    tr_args(
        lang,
        &format!("notify-line-{}", kind.as_str()),
        &[("actor", actor), ("title", title)],
    )
}

/// One thing to tell one person.
#[derive(Debug, Clone)]
pub struct Notice {
    pub to: UserId,
    pub kind: Kind,
    /// Who did it (none for the site's own decisions).
    pub actor: Option<UserId>,
    /// The item it concerns; its words are read through the gate when shown.
    pub item: Option<ItemRef>,
    pub decision: Option<DecisionId>,
    /// Where it is read, a path on this site.
    pub link: String,
}

/// Records `notice` and answers how the person wants it emailed. Nobody is
/// told about what they did themselves.
pub fn tell(conn: &mut DbConn, notice: &Notice) -> QueryResult<Delivery> {
    if notice.actor == Some(notice.to) {
        return Ok(Delivery::Never);
    }
    let delivery = delivery(conn, notice.to, notice.kind)?;
    diesel::insert_into(notifications::table)
        .values((
            notifications::user_id.eq(notice.to),
            notifications::kind.eq(notice.kind.as_str()),
            notifications::decision_id.eq(notice.decision),
            notifications::item_kind.eq(notice.item.map(|i| i.kind().as_str())),
            notifications::item_id.eq(notice.item.map(|i| i.id())),
            notifications::actor_id.eq(notice.actor),
            notifications::link.eq(&notice.link),
            notifications::created_at.eq(now()),
            notifications::digest_due.eq(delivery == Delivery::Digest),
        ))
        .execute(conn)?;
    Ok(delivery)
}

/// How `user` wants `kind` emailed: their setting, else the kind's default.
pub fn delivery(conn: &mut DbConn, user: UserId, kind: Kind) -> QueryResult<Delivery> {
    if !kind.is_configurable() {
        return Ok(Delivery::Immediately);
    }
    let stored: Option<String> = notification_settings::table
        .find((user, kind.as_str()))
        .select(notification_settings::delivery)
        .first(conn)
        .optional()?;
    Ok(stored
        .as_deref()
        .and_then(Delivery::parse)
        .unwrap_or(kind.default_delivery()))
}

/// Every configurable kind with how `user` has it delivered.
pub fn settings_of(conn: &mut DbConn, user: UserId) -> QueryResult<Vec<(Kind, Delivery)>> {
    let stored: Vec<(String, String)> = notification_settings::table
        .filter(notification_settings::user_id.eq(user))
        .select((notification_settings::kind, notification_settings::delivery))
        .load(conn)?;
    Ok(Kind::ALL
        .into_iter()
        .filter(|k| k.is_configurable())
        .map(|kind| {
            let chosen = stored
                .iter()
                .find(|(k, _)| k == kind.as_str())
                .and_then(|(_, d)| Delivery::parse(d))
                .unwrap_or(kind.default_delivery());
            (kind, chosen)
        })
        .collect())
}

/// Sets how `user` gets `kind` by email; kinds that are always sent stay so.
pub fn set_delivery(
    conn: &mut DbConn,
    user: UserId,
    kind: Kind,
    delivery: Delivery,
) -> QueryResult<()> {
    if !kind.is_configurable() {
        return Ok(());
    }
    diesel::delete(notification_settings::table.find((user, kind.as_str()))).execute(conn)?;
    diesel::insert_into(notification_settings::table)
        .values((
            notification_settings::user_id.eq(user),
            notification_settings::kind.eq(kind.as_str()),
            notification_settings::delivery.eq(delivery.as_str()),
        ))
        .execute(conn)?;
    if delivery != Delivery::Digest {
        // What waited for a digest the person no longer wants stays in the
        // centre, unsent.
        diesel::update(
            notifications::table
                .filter(notifications::user_id.eq(user))
                .filter(notifications::kind.eq(kind.as_str()))
                .filter(notifications::digest_due.eq(true)),
        )
        .set(notifications::digest_due.eq(false))
        .execute(conn)?;
    }
    Ok(())
}

/// A notification as the centre and the digest read it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = notifications)]
pub struct Notification {
    pub id: i64,
    pub user_id: UserId,
    pub kind: String,
    pub decision_id: Option<DecisionId>,
    pub item_kind: Option<String>,
    pub item_id: Option<i64>,
    pub actor_id: Option<UserId>,
    pub link: String,
    pub created_at: NaiveDateTime,
    pub read_at: Option<NaiveDateTime>,
}

impl Notification {
    pub fn kind(&self) -> Option<Kind> {
        Kind::parse(&self.kind)
    }

    pub fn item(&self) -> Option<ItemRef> {
        match (&self.item_kind, self.item_id) {
            (Some(kind), Some(id)) => ItemRef::parse(kind, id),
            _ => None,
        }
    }

    pub fn is_unread(&self) -> bool {
        self.read_at.is_none()
    }
}

/// A person's latest notifications, newest first.
pub fn latest(conn: &mut DbConn, user: UserId, limit: i64) -> QueryResult<Vec<Notification>> {
    notifications::table
        .filter(notifications::user_id.eq(user))
        .order(notifications::id.desc())
        .limit(limit)
        .select(Notification::as_select())
        .load(conn)
}

/// One of a person's notifications (none if it is someone else's).
pub fn find(conn: &mut DbConn, user: UserId, id: i64) -> QueryResult<Option<Notification>> {
    notifications::table
        .find(id)
        .filter(notifications::user_id.eq(user))
        .select(Notification::as_select())
        .first(conn)
        .optional()
}

pub fn unread_count(conn: &mut DbConn, user: UserId) -> QueryResult<i64> {
    notifications::table
        .filter(notifications::user_id.eq(user))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)
}

pub fn mark_read(conn: &mut DbConn, user: UserId, id: i64) -> QueryResult<usize> {
    diesel::update(
        notifications::table
            .find(id)
            .filter(notifications::user_id.eq(user))
            .filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(Some(now())))
    .execute(conn)
}

pub fn mark_all_read(conn: &mut DbConn, user: UserId) -> QueryResult<usize> {
    diesel::update(
        notifications::table
            .filter(notifications::user_id.eq(user))
            .filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(Some(now())))
    .execute(conn)
}

/// The people whose digest is due: something waits for it and their last
/// digest went out before `since` (or never).
pub fn digests_due(conn: &mut DbConn, since: NaiveDateTime) -> QueryResult<Vec<UserId>> {
    notifications::table
        .inner_join(users::table.on(users::id.eq(notifications::user_id)))
        .filter(notifications::digest_due.eq(true))
        .filter(
            users::last_digest_at
                .is_null()
                .or(users::last_digest_at.lt(since)),
        )
        .select(notifications::user_id)
        .distinct()
        .load(conn)
}

/// What waits for `user`'s digest, oldest first.
pub fn digest_rows(conn: &mut DbConn, user: UserId) -> QueryResult<Vec<Notification>> {
    notifications::table
        .filter(notifications::user_id.eq(user))
        .filter(notifications::digest_due.eq(true))
        .order(notifications::id.asc())
        .select(Notification::as_select())
        .load(conn)
}

/// Records that `user`'s digest went out with `ids`.
pub fn digest_sent(conn: &mut DbConn, user: UserId, ids: &[i64]) -> QueryResult<()> {
    diesel::update(notifications::table.filter(notifications::id.eq_any(ids)))
        .set(notifications::digest_due.eq(false))
        .execute(conn)?;
    diesel::update(users::table.find(user))
        .set(users::last_digest_at.eq(Some(now())))
        .execute(conn)?;
    Ok(())
}

/// The token in `user`'s unsubscribe links, made the first time it is needed.
pub fn mail_token(conn: &mut DbConn, user: UserId) -> QueryResult<String> {
    let stored: Option<Option<String>> = users::table
        .find(user)
        .select(users::mail_token)
        .first(conn)
        .optional()?;
    if let Some(Some(token)) = stored {
        return Ok(token);
    }
    let token = crate::kernel::tokens::random_token();
    diesel::update(users::table.find(user))
        .set(users::mail_token.eq(Some(&token)))
        .execute(conn)?;
    Ok(token)
}

/// The person an unsubscribe link was made for.
pub fn user_by_mail_token(conn: &mut DbConn, token: &str) -> QueryResult<Option<UserId>> {
    users::table
        .filter(users::mail_token.eq(token))
        .filter(users::erased_at.is_null())
        .select(users::id)
        .first(conn)
        .optional()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_deliveries_round_trip_through_their_stored_form() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        for delivery in Delivery::ALL {
            assert_eq!(Delivery::parse(delivery.as_str()), Some(delivery));
        }
        assert_eq!(Kind::parse("statement"), Some(Kind::Statement));
        assert_eq!(Kind::parse("nonsense"), None);
    }

    #[test]
    fn every_kind_has_its_words_in_every_language() {
        use crate::kernel::i18n::{message_ids, SOURCES};
        for (lang, source) in SOURCES {
            let ids = message_ids(source);
            for kind in Kind::ALL {
                for key in [
                    format!("notify-line-{}", kind.as_str()),
                    format!("notify-subject-{}", kind.as_str()),
                    format!("notify-kind-{}", kind.as_str()),
                ] {
                    assert!(ids.contains(&key), "{key} missing in {}", lang.code());
                }
            }
        }
    }

    #[test]
    fn required_notices_cannot_be_turned_off() {
        let fixed: Vec<Kind> = Kind::ALL
            .into_iter()
            .filter(|k| !k.is_configurable())
            .collect();
        assert_eq!(
            fixed,
            vec![Kind::Statement, Kind::ReportOutcome, Kind::Verification]
        );
    }
}
