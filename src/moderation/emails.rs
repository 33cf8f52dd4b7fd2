//! Statements of reasons and flag outcomes by email, through the outbox.
//! They are notices about the reader's own content or report, so they carry
//! no unsubscribe link; the same text is on the notifications page.

use diesel::prelude::*;

use crate::db::schema::{company_staff, users};
use crate::db::DbConn;
use crate::kernel::error::AppError;
use crate::kernel::i18n::{tr, tr_args, Lang};
use crate::kernel::ids::DecisionId;
use crate::mail::{outbox, EmailContent};
use crate::moderation::model::{self, Addressee, Recipient, Refusal, NOTIFY_FLAG_OUTCOME};
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
        let Some(Addressed {
            email,
            name,
            locale,
            link,
        }) = address(conn, base_url, recipient)?
        else {
            continue;
        };
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
            .action(tr(lang, "email-statement-action"), link)
            .required_notice()
            .to(&email)?;
        outbox::enqueue(conn, &message)?;
    }
    Ok(())
}

/// Where a recipient's email goes and the page it links to.
struct Addressed {
    email: String,
    name: String,
    locale: Option<String>,
    link: String,
}

/// An account's address (none once the account is erased), or a legal
/// notice's sender with a fresh link to the notice's page (where a
/// dismissal can be appealed).
fn address(
    conn: &mut DbConn,
    base_url: &str,
    recipient: &Recipient,
) -> Result<Option<Addressed>, AppError> {
    match recipient.to {
        Addressee::User(user) => {
            let row: (
                String,
                String,
                Option<String>,
                Option<chrono::NaiveDateTime>,
            ) = users::table
                .find(user)
                .select((
                    users::email,
                    users::display_name,
                    users::locale,
                    users::erased_at,
                ))
                .first(conn)?;
            let (email, name, locale, erased_at) = row;
            Ok(erased_at.is_none().then(|| Addressed {
                email,
                name,
                locale,
                link: format!("{base_url}/notifications/{}", recipient.decision),
            }))
        }
        Addressee::Notice(id) => {
            let Some(notice) = model::notice_by_id(conn, id)? else {
                return Ok(None);
            };
            if notice.reporter_email.is_empty() {
                return Ok(None);
            }
            let token = model::renew_link(conn, id)?;
            Ok(Some(Addressed {
                email: notice.reporter_email,
                name: notice.reporter_name,
                locale: Some(notice.locale),
                link: format!("{base_url}/notices/{token}"),
            }))
        }
    }
}

/// Emails each measure against misuse of reporting to those it concerns:
/// the member, or every member of the company's staff.
pub fn send_measures(
    conn: &mut DbConn,
    fallback: Lang,
    base_url: &str,
    measures: &[model::misuse::Measure],
) -> Result<(), AppError> {
    for measure in measures {
        let people: Vec<(String, String, Option<String>)> = match measure.reporter() {
            Some(model::misuse::Reporter::Member(user)) => users::table
                .find(user)
                .filter(users::erased_at.is_null())
                .select((users::email, users::display_name, users::locale))
                .load(conn)?,
            Some(model::misuse::Reporter::Company(company)) => users::table
                .inner_join(company_staff::table)
                .filter(company_staff::company_id.eq(company))
                .filter(users::erased_at.is_null())
                .select((users::email, users::display_name, users::locale))
                .load(conn)?,
            None => Vec::new(),
        };
        for (email, name, locale) in people {
            let lang = locale
                .as_deref()
                .and_then(Lang::from_code)
                .unwrap_or(fallback);
            let mut content = EmailContent::new(
                lang,
                tr(lang, &format!("measure-{}-subject", measure.kind)),
                tr_args(lang, "email-greeting", &[("name", &name)]),
            );
            for paragraph in views::measure_statement(lang, measure) {
                content = content.paragraph(paragraph);
            }
            let message = content
                .action(
                    tr(lang, "measure-action"),
                    format!("{base_url}/reporting-measures/{}", measure.id),
                )
                .required_notice()
                .to(&email)?;
            outbox::enqueue(conn, &message)?;
        }
    }
    Ok(())
}
