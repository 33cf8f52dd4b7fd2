//! The email of a notification that has no email of its own (a mention, an
//! accepted or rated answer, an official answer, a new question for staff):
//! one line saying what happened, a link to the place, the footer that
//! leads to the person's email settings, and the one-click stop.

use diesel::prelude::*;

use crate::db::schema::users;
use crate::db::DbConn;
use crate::kernel::error::AppError;
use crate::kernel::i18n::{tr, tr_args, Lang};
use crate::kernel::ids::UserId;
use crate::kernel::notify::{self, Delivery, Kind, Notice};
use crate::mail::{outbox, EmailContent, UnsubscribeLinks};

/// Someone an email can go to: a confirmed address on an account that is
/// neither disabled nor erased.
#[derive(Debug, Clone)]
pub struct Reader {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub locale: Option<String>,
}

impl Reader {
    pub fn lang(&self, fallback: Lang) -> Lang {
        self.locale
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or(fallback)
    }
}

pub fn reader(conn: &mut DbConn, user: UserId) -> QueryResult<Option<Reader>> {
    let row: Option<(String, String, Option<String>)> = users::table
        .find(user)
        .filter(users::email_verified_at.is_not_null())
        .filter(users::disabled_at.is_null())
        .filter(users::erased_at.is_null())
        .select((users::email, users::display_name, users::locale))
        .first(conn)
        .optional()?;
    Ok(row.map(|(email, name, locale)| Reader {
        id: user,
        email,
        name,
        locale,
    }))
}

/// What a notification says, in the reader's language: who did what, about
/// which thread or review.
#[derive(Debug, Clone)]
pub struct Said<'a> {
    pub actor: &'a str,
    pub title: &'a str,
}

/// Records `notice` and, when the person wants this kind at once, queues
/// its email. Returns whether an email was queued.
pub fn tell(
    conn: &mut DbConn,
    base_url: &str,
    fallback: Lang,
    notice: &Notice,
    said: &Said,
) -> Result<bool, AppError> {
    if notify::tell(conn, notice)? != Delivery::Immediately {
        return Ok(false);
    }
    let Some(reader) = reader(conn, notice.to)? else {
        return Ok(false);
    };
    let lang = reader.lang(fallback);
    let links = UnsubscribeLinks::of(conn, base_url, reader.id, notice.kind)?;
    let email = email(
        lang,
        &reader,
        notice.kind,
        said,
        &format!("{base_url}{}", notice.link),
        &links,
    )?;
    outbox::enqueue(conn, &email)?;
    Ok(true)
}

fn email(
    lang: Lang,
    reader: &Reader,
    kind: Kind,
    said: &Said,
    url: &str,
    links: &UnsubscribeLinks,
) -> Result<crate::mail::OutgoingEmail, askama::Error> {
    let args = [("actor", said.actor), ("title", said.title)];
    EmailContent::new(
        lang,
        tr_args(lang, &format!("notify-subject-{}", kind.as_str()), &args),
        tr_args(lang, "email-greeting", &[("name", &reader.name)]),
    )
    .paragraph(notify::line(lang, kind, said.actor, said.title))
    .action(tr(lang, "notify-open"), url.to_string())
    .chosen(links)
    .to(&reader.email)
}
