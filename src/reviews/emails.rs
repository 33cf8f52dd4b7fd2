//! Review emails: the company's reply to a reviewer, and invitations.

use crate::kernel::i18n::{tr, tr_args, Lang};
use crate::mail::notification::Reader;
use crate::mail::{EmailContent, OutgoingEmail, UnsubscribeLinks};

pub fn company_replied(
    lang: Lang,
    base_url: &str,
    reader: &Reader,
    company: &str,
    review_path: &str,
    excerpt: &str,
    links: &UnsubscribeLinks,
) -> Result<OutgoingEmail, askama::Error> {
    EmailContent::new(
        lang,
        tr_args(lang, "email-review-reply-subject", &[("company", company)]),
        tr_args(lang, "email-greeting", &[("name", &reader.name)]),
    )
    .paragraph(tr_args(
        lang,
        "email-review-reply-body",
        &[("company", company)],
    ))
    .action(
        tr(lang, "email-review-reply-action"),
        format!("{base_url}{review_path}"),
    )
    .paragraph(format!("“{excerpt}”"))
    .chosen(links)
    .to(&reader.email)
}

pub fn invitation(
    lang: Lang,
    base_url: &str,
    to: &str,
    company: &str,
    token: &str,
) -> Result<OutgoingEmail, askama::Error> {
    let mut content = EmailContent::new(
        lang,
        tr_args(lang, "email-invite-subject", &[("company", company)]),
        tr(lang, "email-invite-greeting"),
    )
    .paragraph(tr_args(lang, "email-invite-body", &[("company", company)]))
    .action(
        tr(lang, "email-invite-action"),
        format!("{base_url}/invite/{token}"),
    )
    .paragraph(tr(lang, "email-invite-honest"));
    // The person invited has no account: the link to stop invitations (from
    // every company) is the invitation's own.
    let stop = format!("{base_url}/invite/{token}/stop");
    content = content.stoppable(
        tr_args(lang, "email-invite-footer-stop", &[("company", company)]),
        &UnsubscribeLinks {
            settings: stop.clone(),
            one_click: stop,
        },
    );
    content.to(to)
}
