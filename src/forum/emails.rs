//! Forum emails: new replies to subscribers, with a one-click unsubscribe link.

use crate::forum::model::Subscriber;
use crate::kernel::i18n::{tr, tr_args, Lang};
use crate::mail::{EmailContent, OutgoingEmail};

pub fn new_reply(
    fallback: Lang,
    base_url: &str,
    subscriber: &Subscriber,
    thread_title: &str,
    replier: &str,
    excerpt: &str,
    post_path: &str,
) -> Result<OutgoingEmail, askama::Error> {
    let lang = subscriber
        .locale
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(fallback);
    let greeting = tr_args(
        lang,
        "email-greeting",
        &[("name", &subscriber.display_name)],
    );
    let subject = tr_args(lang, "email-reply-subject", &[("title", thread_title)]);
    EmailContent::new(lang, subject, greeting)
        .paragraph(tr_args(
            lang,
            "email-reply-body",
            &[("author", replier), ("title", thread_title)],
        ))
        .action(
            tr(lang, "email-reply-action"),
            format!("{base_url}{post_path}"),
        )
        .paragraph(format!("“{excerpt}”"))
        .unsubscribe(format!("{base_url}/unsubscribe/{}", subscriber.token))
        .to(&subscriber.email)
}
