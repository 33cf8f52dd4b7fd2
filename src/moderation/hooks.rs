//! What the forum and the reviews call when something is published or
//! edited: the automatic checks, inside the same write transaction, and the
//! statement email when they hold the item.

use crate::db::DbConn;
use crate::kernel::error::AppError;
use crate::kernel::i18n::Lang;
use crate::kernel::ids::UserId;
use crate::kernel::item::{self, ItemRef};
use crate::moderation::model;
use crate::moderation::{checks, emails};

/// Repeats shorter than this ("Thanks!") are not spam.
const REPEAT_MIN_CHARS: usize = 20;

/// Who publishes, and what the statement email needs if the checks hold
/// the item: built once per request, moved into the write transaction.
pub struct Publisher {
    pub lang: Lang,
    pub base_url: String,
    pub author: UserId,
}

impl Publisher {
    pub fn new(lang: Lang, base_url: &str, author: UserId) -> Publisher {
        Publisher {
            lang,
            base_url: base_url.to_string(),
            author,
        }
    }
}

/// Screens an item just written. Returns whether it is now held for review
/// (the author sees it with a notice; nobody else does).
pub fn screen(
    conn: &mut DbConn,
    publisher: &Publisher,
    item: ItemRef,
    title: &str,
    body: &str,
) -> Result<bool, AppError> {
    let mut hits = checks::screen(title, body);
    if body.chars().count() >= REPEAT_MIN_CHARS {
        let copies = item::recent_copies(conn, item, publisher.author, body)?;
        if copies > 0 {
            hits.push(checks::repeated_content_hit(copies + 1));
        }
    }
    let screened = model::apply_checks(conn, item, &hits)?;
    emails::send(
        conn,
        publisher.lang,
        &publisher.base_url,
        &screened.recipients,
    )?;
    Ok(screened.held)
}
