//! Telling people about a reply: its thread's followers (the asker hears of
//! a company's answer as an official answer) and whoever it `@mentions`, in
//! the notification centre and, as each chose, by email.

use crate::forum::model::Subscriber;
use crate::kernel::i18n::{tr, tr_args, Lang};
use crate::kernel::item::ItemRef;
use crate::kernel::mention;
use crate::kernel::notify::{self, Delivery, Kind, Notice};
use crate::mail::notification::{self, Said};
use crate::mail::{EmailContent, OutgoingEmail, UnsubscribeLinks};

/// What a follower's email says about one reply.
pub struct ReplyEmail<'a> {
    pub thread_title: &'a str,
    pub replier: &'a str,
    pub excerpt: &'a str,
    pub post_path: &'a str,
    /// A company's answer to the person who asked.
    pub official: bool,
}

pub fn new_reply(
    fallback: Lang,
    base_url: &str,
    subscriber: &Subscriber,
    reply: &ReplyEmail,
    links: &UnsubscribeLinks,
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
    let args = [("author", reply.replier), ("title", reply.thread_title)];
    let (subject, body) = if reply.official {
        ("email-official-subject", "email-official-body")
    } else {
        ("email-reply-subject", "email-reply-body")
    };
    EmailContent::new(lang, tr_args(lang, subject, &args), greeting)
        .paragraph(tr_args(lang, body, &args))
        .action(
            tr(lang, "email-reply-action"),
            format!("{base_url}{}", reply.post_path),
        )
        .paragraph(format!("“{}”", reply.excerpt))
        .unsubscribe(
            format!("{base_url}/unsubscribe/{}", subscriber.token),
            links,
        )
        .to(&subscriber.email)
}

/// Tells a thread's followers (all but `except`, who wrote it) and the
/// people it mentions about a reply just published. A notification and an
/// email carry only what the public reads: nobody is told while the thread
/// or the reply is held, hidden or withdrawn. Returns how many were told.
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
    let path = format!("/posts/{}", post.id);
    let notice = |to, kind| Notice {
        to,
        kind,
        actor: Some(except),
        item: Some(ItemRef::Post(post.id)),
        decision: None,
        link: path.clone(),
    };
    // Someone mentioned hears of the mention, not also of the reply.
    let mentioned: Vec<_> =
        mention::mentioned(&text.source, &model::participants(conn, thread.id)?)
            .into_iter()
            .filter(|person| *person != except)
            .collect();
    let said = Said {
        actor: replier,
        title: &title,
    };
    for person in &mentioned {
        notification::tell(
            conn,
            base_url,
            fallback,
            &notice(*person, Kind::Mention),
            &said,
        )?;
    }
    let excerpt: String = text.source.chars().take(300).collect();
    let subscribers = model::subscribers_except(conn, thread.id, except)?;
    let mut told = mentioned.len();
    for subscriber in subscribers
        .iter()
        .filter(|s| !mentioned.contains(&s.user_id))
    {
        let official = post.as_company_id.is_some() && subscriber.user_id == thread.author_id;
        let kind = if official {
            Kind::OfficialAnswer
        } else {
            Kind::Reply
        };
        told += 1;
        if notify::tell(conn, &notice(subscriber.user_id, kind))? != Delivery::Immediately {
            continue;
        }
        let links = UnsubscribeLinks::of(conn, base_url, subscriber.user_id, kind)?;
        let reply = ReplyEmail {
            thread_title: &title,
            replier,
            excerpt: &excerpt,
            post_path: &path,
            official,
        };
        let email = new_reply(fallback, base_url, subscriber, &reply, &links)?;
        crate::mail::outbox::enqueue(conn, &email)?;
    }
    Ok(told)
}
