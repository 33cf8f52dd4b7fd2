//! The verification request email, through the outbox. The outcome is a
//! moderation statement (`moderation::emails`).

use diesel::prelude::*;

use crate::db::schema::{companies, users};
use crate::db::DbConn;
use crate::kernel::error::AppError;
use crate::kernel::i18n::{tr, tr_args, Lang};
use crate::kernel::item::ItemRef;
use crate::kernel::notify;
use crate::mail::{outbox, EmailContent};
use crate::verification::model::Verification;

pub fn request(
    conn: &mut DbConn,
    lang: Lang,
    base_url: &str,
    v: &Verification,
    message: &str,
    token: &str,
) -> Result<(), AppError> {
    let review =
        crate::reviews::model::find_review(conn, v.review_id)?.ok_or(AppError::NotFound)?;
    let slug: String = companies::table
        .find(review.company_id)
        .select(companies::slug)
        .first(conn)?;
    // In the notification centre too; always emailed (it has a deadline).
    notify::tell(
        conn,
        &notify::Notice {
            to: review.author_id,
            kind: notify::Kind::Verification,
            actor: None,
            item: Some(ItemRef::Review(review.id)),
            decision: None,
            link: format!("/companies/{slug}#review-{}", review.id),
        },
    )?;
    let (email, name): (String, String) = users::table
        .find(review.author_id)
        .select((users::email, users::display_name))
        .first(conn)?;
    let deadline = v
        .deadline_at
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let mut content = EmailContent::new(
        lang,
        tr(lang, "email-verification-subject"),
        tr_args(lang, "email-greeting", &[("name", &name)]),
    );
    for paragraph in message.split("\n\n").filter(|p| !p.trim().is_empty()) {
        content = content.paragraph(paragraph.trim().to_string());
    }
    let outgoing = content
        .paragraph(tr_args(
            lang,
            "email-verification-deadline",
            &[("date", &deadline), ("title", &review.author_text().title)],
        ))
        .action(
            tr(lang, "email-verification-action"),
            format!("{base_url}/verify-review/{token}"),
        )
        .paragraph(tr(lang, "email-verification-stays"))
        .required_notice()
        .to(&email)?;
    outbox::enqueue(conn, &outgoing)?;
    Ok(())
}
