//! Statements of reasons and flag outcomes by email, through the outbox.
//! They are notices about the reader's own content or report, so they carry
//! no unsubscribe link; the same text is on the notifications page.

use diesel::prelude::*;

use crate::db::schema::users;
use crate::db::DbConn;
use crate::kernel::error::AppError;
use crate::kernel::i18n::{tr, tr_args, Lang};
use crate::kernel::ids::DecisionId;
use crate::mail::{outbox, EmailContent};
use crate::moderation::model::{self, Recipient, Refusal, NOTIFY_FLAG_OUTCOME};
use crate::moderation::views;

/// A decision just taken, or why it was refused: the emails it owes are
/// queued (in the same transaction), the refusal passed on.
pub fn send_outcome(
    conn: &mut DbConn,
    fallback: Lang,
    base_url: &str,
    outcome: Result<(DecisionId, Vec<Recipient>), Refusal>,
) -> Result<Result<DecisionId, Refusal>, AppError> {
    match outcome {
        Ok((decision, recipients)) => {
            send(conn, fallback, base_url, &recipients)?;
            Ok(Ok(decision))
        }
        Err(refusal) => Ok(Err(refusal)),
    }
}

/// Queues one email per recipient of a decision.
pub fn send(
    conn: &mut DbConn,
    fallback: Lang,
    base_url: &str,
    recipients: &[Recipient],
) -> Result<(), AppError> {
    for recipient in recipients {
        let (email, name, locale): (String, String, Option<String>) = users::table
            .find(recipient.user)
            .select((users::email, users::display_name, users::locale))
            .first(conn)?;
        let lang = locale
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or(fallback);
        let decision = model::find_decision(conn, recipient.decision)?.ok_or(AppError::NotFound)?;
        let for_flagger = recipient.kind == NOTIFY_FLAG_OUTCOME;
        let statement = views::statement_of(conn, lang, &decision, for_flagger)?;
        let subject = if for_flagger {
            tr(lang, "email-flag-outcome-subject")
        } else {
            tr(lang, "email-statement-subject")
        };
        let mut content = EmailContent::new(
            lang,
            subject,
            tr_args(lang, "email-greeting", &[("name", &name)]),
        )
        .paragraph(statement.headline.clone());
        if let Some(author) = &statement.author {
            content = content.paragraph(author.clone());
        }
        content = content.paragraph(statement.clause.clone());
        if !statement.reason.is_empty() {
            content = content.paragraph(statement.reason.clone());
        }
        content = content.paragraph(statement.how.clone());
        for fact in &statement.facts {
            content = content.paragraph(fact.clone());
        }
        if let Some(until) = &statement.until {
            content = content.paragraph(until.clone());
        }
        if !statement.appeal.is_empty() {
            content = content.paragraph(statement.appeal.clone());
        }
        let message = content
            .action(
                tr(lang, "email-statement-action"),
                format!("{base_url}/notifications/{}", decision.id),
            )
            .to(&email)?;
        outbox::enqueue(conn, &message)?;
    }
    Ok(())
}
