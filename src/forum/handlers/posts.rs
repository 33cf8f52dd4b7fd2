//! Replies and what is done to a post: its permalink, replying, editing,
//! withdrawing, its history, accepting it as the answer and rating it.
//! Every action first asks the gate whether the actor may read the post.

use actix_session::Session;
use actix_web::{web, HttpResponse};

use crate::db::now;
use crate::forum::compose::{compose, Composed};
use crate::forum::handlers::threads::{load_thread, thread_page, PageOf};
use crate::forum::handlers::{
    check_post_rate, private_channel, send_privately, thread_for, PostInThread, Private,
};
use crate::forum::model::{self, NewReply};
use crate::forum::permissions;
use crate::forum::views::{Compose, EditPostPage};
use crate::kernel::error::AppError;
use crate::kernel::i18n::Lang;
use crate::kernel::ids::{PostId, ThreadId};
use crate::kernel::item::ItemRef;
use crate::kernel::markdown;
use crate::kernel::notify::{Kind, Notice};
use crate::kernel::user::{may_publish, CurrentUser};
use crate::mail::notification::{self, Said};
use crate::moderation::hooks;
use crate::state::AppState;
use crate::web::form::FormData;
use crate::web::items::after_publishing;
use crate::web::items::Readable;
use crate::web::layout::{redirect, render, render_status, Page};
use crate::web::session::{self, FlashKind};
use crate::web::throttle::{self, EDITS_PER_ACCOUNT, POSTS_PER_ACCOUNT, VOTES_PER_ACCOUNT};

/// Permalink of a post: the thread page that shows it (404 for a post the
/// visitor may not see at all).
pub async fn post_link(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<PostId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let viewer = ctx.user.clone();
    let post = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let post = model::find_post(conn, id)?.ok_or(AppError::NotFound)?;
            let thread = model::find_thread(conn, post.thread_id)?.ok_or(AppError::NotFound)?;
            if !post.sight(&thread, viewer.as_ref()).appears() {
                return Err(AppError::NotFound);
            }
            Ok(post)
        })
        .await?;
    let location = if post.is_opening {
        format!("/threads/{}", post.thread_id)
    } else {
        format!(
            "/threads/{}?from={}#post-{}",
            post.thread_id, post.id, post.id
        )
    };
    Ok(redirect(&location))
}

pub async fn reply(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<ThreadId>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    may_publish(&user)?;
    let id = path.into_inner();
    // Replying to a thread one may not read is replying to nothing (404).
    let viewer = user.clone();
    let (thread, listing) = state
        .db
        .run(move |conn| thread_for(conn, id, Some(&viewer)))
        .await?;
    if !thread.sight_for(Some(&user)).shows_text() {
        return Err(AppError::NotFound);
    }
    let body = match compose(&state, &user, &ctx, &form, false, false).await? {
        Composed::Publish { body, .. } => body,
        Composed::Show(mut compose, status) => {
            let data = load_thread(&state, id, Some(&user), PageOf::default()).await?;
            if compose.has_pii() {
                compose.private_to = private_channel(&user, &data.listing);
            }
            return render_status(status, &thread_page(ctx, data, compose));
        }
    };
    check_post_rate(&state, &user).await?;
    if form.get("action") == "send_private" {
        if let (Some(company), Some(_)) = (thread.company_id, private_channel(&user, &listing)) {
            let subject = thread.title_for(Some(&user), ctx.lang).unwrap_or_default();
            let private = Private {
                company,
                thread: Some(id),
                subject: &subject,
                body: &body,
            };
            return send_privately(&state, &ctx, &user, private).await;
        }
    }
    let quote = form.get("quote").parse::<PostId>().ok();
    let html = render_mentioning(&state, id, &body).await?;
    let company_name = listing.company_name.clone();
    let lang = ctx.lang;
    let base_url = state.config.base_url.clone();
    let (post_id, held) = state
        .db
        .write(move |conn| -> Result<(PostId, bool), AppError> {
            let thread = model::find_thread(conn, id)?.ok_or(AppError::NotFound)?;
            if thread.withdrawn_at.is_some() {
                return Err(AppError::Denied("forum-thread-withdrawn"));
            }
            // Only a public post of this thread can be quoted.
            let quote = match quote {
                Some(q) => model::find_post(conn, q)?
                    .filter(|p| p.thread_id == thread.id && p.public_text(&thread).is_some())
                    .map(|p| p.id),
                None => None,
            };
            let as_company = permissions::official_voice(&user, &thread);
            throttle::charge(conn, &POSTS_PER_ACCOUNT, &user.id.to_string(), now())?;
            let reply = NewReply {
                thread: &thread,
                author: user.id,
                as_company,
                quote,
                body_source: &body,
                body_html: &html,
            };
            let post_id = model::add_reply(conn, &reply)?;
            let publisher = hooks::Publisher::new(lang, &base_url, user.id);
            let held = hooks::screen(conn, &publisher, ItemRef::Post(post_id), "", &body)?;
            // An official reply speaks for the section's company.
            let replier = match (as_company, &company_name) {
                (Some(_), Some(name)) => name.clone(),
                _ => user.display_name.clone(),
            };
            // Subscribers hear of it only when the public may read it.
            crate::forum::emails::tell_subscribers(
                conn, lang, &base_url, post_id, &replier, user.id,
            )?;
            Ok((post_id, held))
        })
        .await?;
    after_publishing(&state, &session, held, None);
    Ok(redirect(&format!("/posts/{post_id}")))
}

pub async fn edit_form(
    Page(ctx): Page,
    Readable {
        user,
        item: PostInThread { post, thread },
    }: Readable<PostInThread>,
) -> Result<HttpResponse, AppError> {
    permissions::can_edit(&user, &post)?;
    let text = post
        .shown(&thread, Some(&user))
        .text
        .ok_or(AppError::NotFound)?;
    let compose = Compose {
        title: if post.is_opening {
            thread.title_for(Some(&user), ctx.lang).unwrap_or_default()
        } else {
            String::new()
        },
        kind: thread.kind.clone(),
        body: text.source,
        ..Compose::default()
    };
    let title = thread.title_for(Some(&user), ctx.lang).unwrap_or_default();
    render(&EditPostPage {
        ctx,
        post,
        thread,
        title,
        compose,
    })
}

pub async fn edit(
    state: web::Data<AppState>,
    Page(ctx): Page,
    Readable {
        user,
        item: PostInThread { post, thread },
    }: Readable<PostInThread>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    permissions::can_edit(&user, &post)?;
    may_publish(&user)?;
    let (title, body) = match compose(&state, &user, &ctx, &form, post.is_opening, false).await? {
        Composed::Publish { title, body } => (title, body),
        Composed::Show(mut compose, status) => {
            compose.kind = thread.kind.clone();
            let title = thread.title_for(Some(&user), ctx.lang).unwrap_or_default();
            return render_status(
                status,
                &EditPostPage {
                    ctx,
                    post,
                    thread,
                    title,
                    compose,
                },
            );
        }
    };
    let html = render_mentioning(&state, thread.id, &body).await?;
    let post_id = post.id;
    let publisher = hooks::Publisher::new(ctx.lang, &state.config.base_url, user.id);
    let held = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            throttle::charge(conn, &EDITS_PER_ACCOUNT, &user.id.to_string(), now())?;
            // Re-read inside the transaction: the version kept must be what was there.
            let current = model::find_post(conn, post.id)?.ok_or(AppError::NotFound)?;
            let new_title = post.is_opening.then_some(title.as_str());
            model::edit_post(conn, &current, new_title, &body, &html)?;
            hooks::screen(
                conn,
                &publisher,
                ItemRef::Post(post_id),
                new_title.unwrap_or(""),
                &body,
            )
        })
        .await?;
    after_publishing(&state, &session, held, None);
    Ok(redirect(&format!("/posts/{post_id}")))
}

/// Accepting an answer puts it above the replies and lets it into the FAQ,
/// so only a reply the public reads can be accepted.
pub async fn accept(
    state: web::Data<AppState>,
    Readable {
        user,
        item: PostInThread { post, thread },
    }: Readable<PostInThread>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    permissions::can_accept(&user, &thread, &post)?;
    if post.public_text(&thread).is_none() {
        return Err(AppError::BadRequest("forum-accept-not-public"));
    }
    let (thread_id, post_id) = (thread.id, post.id);
    let (lang, base_url) = (user_lang(&user), state.config.base_url.clone());
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            model::accept_answer(conn, thread_id, post_id)?;
            tell_author(conn, &base_url, lang, &user, &thread, &post, Kind::Accepted)
        })
        .await?;
    state.outbox_signal.notify_one();
    session::flash(&session, FlashKind::Success, "forum-accepted-done");
    Ok(redirect(&format!("/threads/{thread_id}")))
}

pub async fn rate(
    state: web::Data<AppState>,
    Readable {
        user,
        item: PostInThread { post, thread },
    }: Readable<PostInThread>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    permissions::can_rate(&user, &thread, &post)?;
    let rating: i32 = form
        .get("rating")
        .parse()
        .map_err(|_| AppError::BadRequest("forum-rate-invalid"))?;
    if !(1..=5).contains(&rating) {
        return Err(AppError::BadRequest("forum-rate-invalid"));
    }
    let (thread_id, post_id) = (thread.id, post.id);
    let (lang, base_url) = (user_lang(&user), state.config.base_url.clone());
    state
        .db
        .write(move |conn| -> Result<_, AppError> {
            throttle::charge(conn, &VOTES_PER_ACCOUNT, &user.id.to_string(), now())?;
            let first = model::rate_answer(conn, thread_id, post_id, user.id, rating)?;
            // A changed rating is not news to the author.
            if first {
                tell_author(conn, &base_url, lang, &user, &thread, &post, Kind::Rated)?;
            }
            Ok(())
        })
        .await?;
    state.outbox_signal.notify_one();
    session::flash(&session, FlashKind::Success, "forum-rated-done");
    Ok(redirect(&format!("/posts/{post_id}")))
}

/// The post's words rendered with `@mentions` of the thread's participants
/// linked to their profiles.
async fn render_mentioning(
    state: &AppState,
    thread: ThreadId,
    body: &str,
) -> Result<markdown::SafeHtml, AppError> {
    let people = state
        .db
        .run(move |conn| model::participants(conn, thread).map_err(AppError::from))
        .await?;
    markdown::render_mentioning_off_thread(body.to_string(), people).await
}

/// The language an email falls back to when its reader chose none.
fn user_lang(user: &CurrentUser) -> Lang {
    user.locale
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(Lang::En)
}

/// Tells a post's author that `actor` accepted or rated it.
fn tell_author(
    conn: &mut crate::db::DbConn,
    base_url: &str,
    fallback: Lang,
    actor: &CurrentUser,
    thread: &crate::forum::model::Thread,
    post: &crate::forum::model::Post,
    kind: Kind,
) -> Result<(), AppError> {
    let title = thread.public_title().unwrap_or_default();
    notification::tell(
        conn,
        base_url,
        fallback,
        &Notice {
            to: post.author_id,
            kind,
            actor: Some(actor.id),
            item: Some(ItemRef::Post(post.id)),
            decision: None,
            link: format!("/posts/{}", post.id),
        },
        &Said {
            actor: &actor.display_name,
            title: &title,
        },
    )?;
    Ok(())
}
