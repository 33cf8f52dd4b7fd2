//! The account emails, written in the recipient's language.

use crate::kernel::i18n::{tr, tr_args, Lang};
use crate::mail::{EmailContent, OutgoingEmail};

fn greeting(lang: Lang, name: &str) -> String {
    tr_args(lang, "email-greeting", &[("name", name)])
}

pub fn verification(
    lang: Lang,
    base_url: &str,
    to: &str,
    name: &str,
    token: &str,
) -> Result<OutgoingEmail, askama::Error> {
    EmailContent::new(lang, tr(lang, "email-verify-subject"), greeting(lang, name))
        .paragraph(tr(lang, "email-verify-body"))
        .action(
            tr(lang, "email-verify-action"),
            format!("{base_url}/verify-email?token={token}"),
        )
        .paragraph(tr(lang, "email-verify-expiry"))
        .paragraph(tr(lang, "email-not-you"))
        .to(to)
}

/// Sent instead of a verification when someone signs up with an address
/// that already has an account: the page says the same in both cases.
pub fn already_registered(
    lang: Lang,
    base_url: &str,
    to: &str,
    name: &str,
) -> Result<OutgoingEmail, askama::Error> {
    EmailContent::new(lang, tr(lang, "email-exists-subject"), greeting(lang, name))
        .paragraph(tr(lang, "email-exists-body"))
        .action(
            tr(lang, "email-exists-action"),
            format!("{base_url}/password-reset"),
        )
        .paragraph(tr(lang, "email-not-you"))
        .to(to)
}

pub fn password_reset(
    lang: Lang,
    base_url: &str,
    to: &str,
    name: &str,
    token: &str,
) -> Result<OutgoingEmail, askama::Error> {
    EmailContent::new(lang, tr(lang, "email-reset-subject"), greeting(lang, name))
        .paragraph(tr(lang, "email-reset-body"))
        .action(
            tr(lang, "email-reset-action"),
            format!("{base_url}/password-reset/confirm?token={token}"),
        )
        .paragraph(tr(lang, "email-reset-expiry"))
        .paragraph(tr(lang, "email-not-you"))
        .to(to)
}

pub fn password_changed(
    lang: Lang,
    base_url: &str,
    to: &str,
    name: &str,
) -> Result<OutgoingEmail, askama::Error> {
    EmailContent::new(
        lang,
        tr(lang, "email-changed-subject"),
        greeting(lang, name),
    )
    .paragraph(tr(lang, "email-changed-body"))
    .action(
        tr(lang, "email-changed-action"),
        format!("{base_url}/password-reset"),
    )
    .to(to)
}
