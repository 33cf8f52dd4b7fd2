//! The daily digest: everything a person chose to hear of in a digest,
//! gathered in one email at most once a day, through the outbox. What is
//! listed is what the public may read at the time it is sent.

use chrono::{Duration, NaiveDateTime};

use crate::community::lines::lines;
use crate::db::DbConn;
use crate::kernel::error::AppError;
use crate::kernel::i18n::{tr, tr_args, tr_count, Lang};
use crate::kernel::notify;
use crate::mail::notification::reader;
use crate::mail::{outbox, EmailContent, UnsubscribeLinks};

/// At most one digest per person in this time.
pub fn interval() -> Duration {
    Duration::hours(24)
}

/// Sends the digests that are due at `at`. Returns how many went out.
pub fn send_due(
    conn: &mut DbConn,
    at: NaiveDateTime,
    base_url: &str,
    fallback: Lang,
) -> Result<usize, AppError> {
    let mut sent = 0;
    for user in notify::digests_due(conn, at - interval())? {
        let rows = notify::digest_rows(conn, user)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        if let Some(reader) = reader(conn, user)? {
            let lang = reader.lang(fallback);
            let lines = lines(conn, None, lang, &rows)?;
            if !lines.is_empty() {
                let count = lines.len() as i64;
                let mut content = EmailContent::new(
                    lang,
                    tr_count(lang, "notify-digest-subject", "count", count),
                    tr_args(lang, "email-greeting", &[("name", &reader.name)]),
                )
                .paragraph(tr_count(lang, "notify-digest-intro", "count", count))
                .action(
                    tr(lang, "notify-digest-action"),
                    format!("{base_url}/notifications"),
                );
                for line in &lines {
                    content = content.paragraph(format!("{} {base_url}{}", line.text, line.link));
                }
                let links = UnsubscribeLinks::of_digest(conn, base_url, user)?;
                outbox::enqueue(conn, &content.chosen(&links).to(&reader.email)?)?;
                sent += 1;
            }
        }
        // Sent, or nowhere to send it: either way these wait no longer.
        notify::digest_sent(conn, user, &ids)?;
    }
    Ok(sent)
}
