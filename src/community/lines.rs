//! What a notification says: one line in the reader's language, naming who
//! did what and the thread or review it concerns. The item's title is read
//! through the gate when the line is made, so a line never shows what has
//! been held or hidden since; a moderation decision reads as its statement's
//! headline.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::users;
use crate::db::DbConn;
use crate::kernel::error::AppError;
use crate::kernel::i18n::{person, Lang};
use crate::kernel::ids::UserId;
use crate::kernel::item::{self, Item, ItemRef};
use crate::kernel::notify::{self, Kind, Notification};
use crate::kernel::user::CurrentUser;
use crate::moderation::{model as moderation, views::statement_of};

/// A notification as people read it.
#[derive(Debug, Clone)]
pub struct Line {
    pub id: i64,
    pub kind: Kind,
    pub text: String,
    pub link: String,
    pub unread: bool,
    pub created_at: NaiveDateTime,
}

/// The lines for `rows`, as `viewer` may read them (`None`: as the public
/// does, for what leaves the site by email). Rows of kinds this version
/// does not know are left out.
pub fn lines(
    conn: &mut DbConn,
    viewer: Option<&CurrentUser>,
    lang: Lang,
    rows: &[Notification],
) -> Result<Vec<Line>, AppError> {
    let mut actor_ids: Vec<UserId> = rows.iter().filter_map(|r| r.actor_id).collect();
    actor_ids.sort();
    actor_ids.dedup();
    let names: HashMap<UserId, String> = users::table
        .filter(users::id.eq_any(&actor_ids))
        .select((users::id, users::display_name))
        .load::<(UserId, String)>(conn)?
        .into_iter()
        .collect();
    let mut refs: Vec<ItemRef> = rows.iter().filter_map(Notification::item).collect();
    refs.sort_by_key(|r| (r.kind().as_str(), r.id()));
    refs.dedup();
    let items: HashMap<ItemRef, Item> = item::load_many(conn, &refs)?
        .into_iter()
        .map(|i| (i.item, i))
        .collect();
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(kind) = row.kind() else {
            continue;
        };
        let text = match (kind, row.decision_id) {
            (Kind::Statement | Kind::ReportOutcome, Some(id)) => {
                let Some(decision) = moderation::find_decision(conn, id)? else {
                    continue;
                };
                statement_of(conn, lang, &decision, kind == Kind::ReportOutcome)?.headline
            }
            _ => {
                let item = row.item().and_then(|r| items.get(&r));
                let title = item.map_or(String::new(), |i| i.headline(viewer, lang));
                // A company's answer and reply speak for the company.
                let company = item
                    .filter(|_| matches!(kind, Kind::OfficialAnswer | Kind::ReviewReply))
                    .and_then(|i| i.company_name.clone());
                let actor = company.unwrap_or_else(|| {
                    row.actor_id
                        .and_then(|a| names.get(&a))
                        .map_or(String::new(), |name| person(lang, name))
                });
                notify::line(lang, kind, &actor, &title)
            }
        };
        lines.push(Line {
            id: row.id,
            kind,
            text,
            link: row.link.clone(),
            unread: row.is_unread(),
            created_at: row.created_at,
        });
    }
    Ok(lines)
}
