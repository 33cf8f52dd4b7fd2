//! Legal notices (DSA art. 16): anyone — with an account or without —
//! reports an item as illegal, giving a legal ground, an explanation, their
//! name and email address and a statement of good faith. The address is
//! confirmed by an emailed link before the notice enters the queue; there it
//! is a flag without a flagger, in a case like any other, marked as a legal
//! notice. The reporter is told the decision and its reasons by email and
//! may appeal a dismissal once through the same link.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{flags, legal_notices, posts};
use crate::db::{now, DbConn};
use crate::kernel::ids::{CompanyId, DecisionId, PostId, ReviewId};
use crate::kernel::item::{Item, ItemRef};
use crate::kernel::tokens::{hash_token, random_token};
use crate::moderation::guidelines::{self, Clause};
use crate::moderation::model::cases::{open_case, CASE_FLAG, OPEN};

pub const EXPLANATION_MAX: usize = 4000;
pub const NAME_MAX: usize = 120;

/// The legal grounds a notice can cite, each read first under the clause
/// that covers it (the moderator may decide under another).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ground {
    Defamation,
    PersonalData,
    HateOrThreats,
    IntellectualProperty,
    Other,
}

impl Ground {
    pub const ALL: [Ground; 5] = [
        Ground::Defamation,
        Ground::PersonalData,
        Ground::HateOrThreats,
        Ground::IntellectualProperty,
        Ground::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Ground::Defamation => "defamation",
            Ground::PersonalData => "personal-data",
            Ground::HateOrThreats => "hate-threats",
            Ground::IntellectualProperty => "intellectual-property",
            Ground::Other => "other",
        }
    }

    pub fn parse(value: &str) -> Option<Ground> {
        Ground::ALL.into_iter().find(|g| g.as_str() == value)
    }

    /// The translation key of its name.
    pub fn label_key(self) -> String {
        format!("notice-ground-{}", self.as_str())
    }

    /// The guideline clause a notice on this ground is filed under.
    pub fn clause_code(self) -> &'static str {
        match self {
            Ground::Defamation => "personal-attacks",
            Ground::PersonalData => "personal-data",
            Ground::HateOrThreats => "threats",
            Ground::IntellectualProperty | Ground::Other => "unlawful",
        }
    }
}

/// What an address typed by the reporter points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pointed {
    Item(ItemRef),
    /// A thread's page: the notice is about its opening post.
    Thread(i64),
}

/// Reads an address of this site (absolute or not) as the item it shows:
/// `/posts/12`, `/threads/3#post-12`, `/threads/3`,
/// `/companies/acme#review-7`. Anything else is `None`.
pub fn parse_address(text: &str) -> Option<Pointed> {
    let text = text.trim();
    let path = match text.find("://") {
        Some(at) => {
            let rest = &text[at + 3..];
            &rest[rest.find('/')?..]
        }
        None => text,
    };
    let (path, fragment) = match path.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (path, None),
    };
    let path = path.split('?').next().unwrap_or(path).trim_end_matches('/');
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let number = |s: &str| s.parse::<i64>().ok().filter(|n| *n > 0);
    let anchored = |prefix: &str| {
        fragment
            .and_then(|f| f.strip_prefix(prefix))
            .and_then(number)
    };
    match segments.as_slice() {
        ["posts", id] => number(id).map(|id| Pointed::Item(ItemRef::Post(PostId(id)))),
        ["threads", id] => match anchored("post-") {
            Some(post) => Some(Pointed::Item(ItemRef::Post(PostId(post)))),
            None => number(id).map(Pointed::Thread),
        },
        ["companies", _] => {
            anchored("review-").map(|id| Pointed::Item(ItemRef::Review(ReviewId(id))))
        }
        _ => None,
    }
}

/// The item an address points at, as a reference that can be loaded.
pub fn resolve(conn: &mut DbConn, pointed: Pointed) -> QueryResult<Option<ItemRef>> {
    match pointed {
        Pointed::Item(item) => Ok(Some(item)),
        Pointed::Thread(thread) => Ok(posts::table
            .filter(posts::thread_id.eq(thread))
            .filter(posts::is_opening.eq(true))
            .select(posts::id)
            .first::<i64>(conn)
            .optional()?
            .map(|id| ItemRef::Post(PostId(id)))),
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = legal_notices)]
pub struct Notice {
    pub id: i64,
    pub item_kind: String,
    pub item_id: i64,
    pub company_id: Option<CompanyId>,
    pub ground: String,
    pub explanation: String,
    pub reporter_name: String,
    pub reporter_email: String,
    pub locale: String,
    pub confirmed_at: Option<NaiveDateTime>,
    pub flag_id: Option<i64>,
    pub created_at: NaiveDateTime,
}

impl Notice {
    pub fn item(&self) -> Option<ItemRef> {
        ItemRef::parse(&self.item_kind, self.item_id)
    }

    pub fn ground(&self) -> Ground {
        Ground::parse(&self.ground).unwrap_or(Ground::Other)
    }
}

pub struct NewNotice<'a> {
    pub item: &'a Item,
    pub ground: Ground,
    pub explanation: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub locale: &'a str,
}

/// Records an unconfirmed notice; returns the token of its link (the only
/// copy, for the confirmation email).
pub fn create_notice(conn: &mut DbConn, new: &NewNotice) -> QueryResult<String> {
    let token = random_token();
    diesel::insert_into(legal_notices::table)
        .values((
            legal_notices::item_kind.eq(new.item.item.kind().as_str()),
            legal_notices::item_id.eq(new.item.item.id()),
            legal_notices::company_id.eq(new.item.company_id),
            legal_notices::ground.eq(new.ground.as_str()),
            legal_notices::explanation.eq(new.explanation),
            legal_notices::reporter_name.eq(new.name),
            legal_notices::reporter_email.eq(new.email),
            legal_notices::locale.eq(new.locale),
            legal_notices::token_hash.eq(hash_token(&token)),
            legal_notices::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(token)
}

pub fn notice_by_token(conn: &mut DbConn, token: &str) -> QueryResult<Option<Notice>> {
    legal_notices::table
        .filter(legal_notices::token_hash.eq(hash_token(token)))
        .select(Notice::as_select())
        .first(conn)
        .optional()
}

pub fn notice_by_id(conn: &mut DbConn, id: i64) -> QueryResult<Option<Notice>> {
    legal_notices::table
        .find(id)
        .select(Notice::as_select())
        .first(conn)
        .optional()
}

/// Gives a notice a new link (for the email that carries the decision;
/// the earlier link stops working) and returns its token.
pub fn renew_link(conn: &mut DbConn, id: i64) -> QueryResult<String> {
    let token = random_token();
    diesel::update(legal_notices::table.find(id))
        .set(legal_notices::token_hash.eq(hash_token(&token)))
        .execute(conn)?;
    Ok(token)
}

/// The notices behind some flags (flag id → notice).
pub fn notices_of_flags(conn: &mut DbConn, flag_ids: &[i64]) -> QueryResult<Vec<Notice>> {
    if flag_ids.is_empty() {
        return Ok(Vec::new());
    }
    legal_notices::table
        .filter(legal_notices::flag_id.eq_any(flag_ids.iter().map(|f| Some(*f))))
        .select(Notice::as_select())
        .load(conn)
}

/// Confirms a notice (once): it becomes a flag without a flagger in the
/// item's open flag case, filed under its ground's clause. Returns false
/// when it was confirmed before.
pub fn confirm(conn: &mut DbConn, notice: &Notice, item: &Item) -> QueryResult<bool> {
    let claimed = diesel::update(
        legal_notices::table
            .find(notice.id)
            .filter(legal_notices::confirmed_at.is_null()),
    )
    .set(legal_notices::confirmed_at.eq(Some(now())))
    .execute(conn)?;
    if claimed == 0 {
        return Ok(false);
    }
    let clause = clause_for(conn, notice.ground())?;
    let case = open_case(conn, CASE_FLAG, item.item, item.company_id, &clause, "")?;
    let flag: i64 = diesel::insert_into(flags::table)
        .values((
            flags::item_kind.eq(item.item.kind().as_str()),
            flags::item_id.eq(item.item.id()),
            flags::company_id.eq(item.company_id),
            flags::clause_id.eq(clause.current.clause_id),
            flags::flagger_id.eq(None::<i64>),
            flags::automatic.eq(false),
            flags::from_company_staff.eq(false),
            flags::note.eq(&notice.explanation),
            flags::status.eq(OPEN),
            flags::case_id.eq(Some(case)),
            flags::created_at.eq(now()),
        ))
        .returning(flags::id)
        .get_result(conn)?;
    diesel::update(legal_notices::table.find(notice.id))
        .set(legal_notices::flag_id.eq(Some(flag)))
        .execute(conn)?;
    Ok(true)
}

fn clause_for(conn: &mut DbConn, ground: Ground) -> QueryResult<Clause> {
    guidelines::clause_by_code(conn, ground.clause_code())?.ok_or(diesel::result::Error::NotFound)
}

/// How a notice stands, for its reporter's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeStatus {
    Unconfirmed,
    /// In the queue.
    Open,
    /// Decided: the decision, and whether the report was dismissed.
    Decided {
        decision: DecisionId,
        dismissed: bool,
    },
}

pub fn status_of(conn: &mut DbConn, notice: &Notice) -> QueryResult<NoticeStatus> {
    let Some(flag) = notice.flag_id else {
        return Ok(NoticeStatus::Unconfirmed);
    };
    let (outcome, decision): (Option<String>, Option<DecisionId>) = flags::table
        .find(flag)
        .select((flags::outcome, flags::decision_id))
        .first(conn)?;
    Ok(match decision {
        Some(decision) => NoticeStatus::Decided {
            decision,
            dismissed: outcome.as_deref() == Some("dismissed"),
        },
        None => NoticeStatus::Open,
    })
}

/// Notices received and confirmed since `since`, by ground (transparency).
pub fn counts_by_ground(
    conn: &mut DbConn,
    since: NaiveDateTime,
) -> QueryResult<Vec<(String, i64)>> {
    legal_notices::table
        .filter(legal_notices::confirmed_at.ge(since))
        .group_by(legal_notices::ground)
        .select((legal_notices::ground, diesel::dsl::count_star()))
        .load(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_of_the_site_point_at_items() {
        let post = |id| Some(Pointed::Item(ItemRef::Post(PostId(id))));
        assert_eq!(parse_address("/posts/12"), post(12));
        assert_eq!(parse_address("https://tillit.example/posts/12/"), post(12));
        assert_eq!(
            parse_address("http://localhost:8080/threads/3#post-12"),
            post(12)
        );
        assert_eq!(parse_address("/threads/3?page=2"), Some(Pointed::Thread(3)));
        assert_eq!(
            parse_address("https://tillit.example/companies/acme#review-7"),
            Some(Pointed::Item(ItemRef::Review(ReviewId(7))))
        );
    }

    #[test]
    fn other_addresses_point_at_nothing() {
        for text in [
            "",
            "/companies/acme",
            "/posts/abc",
            "/posts/-3",
            "/threads/3/reply",
            "https://example.com",
            "not an address",
        ] {
            assert_eq!(parse_address(text), None, "{text}");
        }
    }

    #[test]
    fn every_ground_has_a_clause_and_a_label() {
        for ground in Ground::ALL {
            assert_eq!(Ground::parse(ground.as_str()), Some(ground));
            assert!(!ground.clause_code().is_empty());
            assert!(ground.label_key().starts_with("notice-ground-"));
        }
    }
}
