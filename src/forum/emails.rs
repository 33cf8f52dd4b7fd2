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

/// Tells a thread's subscribers (all but `except`, who wrote it) about a
/// reply just published. An email is a copy that leaves the site, so it
/// carries only what the public reads: nothing goes out while the thread or
/// the reply is held, hidden or withdrawn. Returns how many were queued.
pub fn tell_subscribers(
    conn: &mut crate::db::DbConn,
    fallback: Lang,
    base_url: &str,
    post: crate::kernel::ids::PostId,
    replier: &str,
    except: crate::kernel::ids::UserId,
) -> Result<usize, crate::kernel::error::AppError> {
    use crate::forum::model;
    let Some(post) = model::find_post(conn, post)? else {
        return Ok(0);
    };
    let Some(thread) = model::find_thread(conn, post.thread_id)? else {
        return Ok(0);
    };
    let (Some(title), Some(text)) = (thread.public_title(), post.public_text(&thread)) else {
        return Ok(0);
    };
    let excerpt: String = text.source.chars().take(300).collect();
    let path = format!("/posts/{}", post.id);
    let subscribers = model::subscribers_except(conn, thread.id, except)?;
    for subscriber in &subscribers {
        let email = new_reply(
            fallback, base_url, subscriber, &title, replier, &excerpt, &path,
        )?;
        crate::mail::outbox::enqueue(conn, &email)?;
    }
    Ok(subscribers.len())
}
