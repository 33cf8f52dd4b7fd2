//! Starting a thread, and a thread's page: its posts as the viewer may see
//! them, the reply form (with a quote or a canned answer put in), and the
//! desk's notes and panel.

use actix_session::Session;
use actix_web::{web, HttpResponse};

use crate::db::now;
use crate::forum::compose::{compose, Composed};
use crate::forum::handlers::{
    check_post_rate, cursor, private_channel, send_privately, thread_for, NewThreadIn, Private,
};
use crate::forum::model::{self, CategoryListing, NewThread, Thread, ThreadKind, ThreadPosts};
use crate::forum::views::{category_name, Compose, NewThreadPage, ThreadPage};
use crate::kernel::error::AppError;
use crate::kernel::ids::{CannedId, PostId, ThreadId, UserId};
use crate::kernel::item::ItemRef;
use crate::kernel::markdown;
use crate::kernel::user::{may_publish, CurrentUser};
use crate::moderation::hooks;
use crate::state::AppState;
use crate::web::form::FormData;
use crate::web::items::after_publishing;
use crate::web::layout::{redirect, render, render_status, Page, PageCtx};
use crate::web::routes::PageRequest;
use crate::web::throttle::{self, POSTS_PER_ACCOUNT};

pub async fn new_thread_form(
    Page(ctx): Page,
    NewThreadIn { listing, .. }: NewThreadIn,
) -> Result<HttpResponse, AppError> {
    let name = category_name(&ctx, &listing);
    render(&NewThreadPage {
        ctx,
        listing,
        name,
        compose: Compose::default(),
        kinds: ThreadKind::ALL,
    })
}

pub async fn create_thread(
    state: web::Data<AppState>,
    Page(ctx): Page,
    NewThreadIn { user, listing }: NewThreadIn,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (title, body) = match compose(&state, &user, &ctx, &form, true, true).await? {
        Composed::Publish { title, body } => (title, body),
        Composed::Show(mut compose, status) => {
            if compose.has_pii() {
                compose.private_to = private_channel(&user, &listing);
            }
            let name = category_name(&ctx, &listing);
            return render_status(
                status,
                &NewThreadPage {
                    ctx,
                    listing,
                    name,
                    compose,
                    kinds: ThreadKind::ALL,
                },
            );
        }
    };
    check_post_rate(&state, &user).await?;
    if form.get("action") == "send_private" {
        if let (Some(company), Some(_)) = (
            listing.category.company_id,
            private_channel(&user, &listing),
        ) {
            let body = format!("**{title}**\n\n{body}");
            let private = Private {
                company,
                thread: None,
                subject: &title,
                body: &body,
            };
            return send_privately(&state, &ctx, &user, private).await;
        }
    }
    let kind = ThreadKind::parse(form.get("kind")).unwrap_or(ThreadKind::Question);
    let html = markdown::render_off_thread(body.clone()).await?;
    let category = listing.category;
    let lang = ctx.lang;
    let base_url = state.config.base_url.clone();
    let (thread_id, held) = state
        .db
        .write(move |conn| -> Result<_, AppError> {
            throttle::charge(conn, &POSTS_PER_ACCOUNT, &user.id.to_string(), now())?;
            let new = NewThread {
                category: &category,
                author: user.id,
                title: &title,
                kind,
                body_source: &body,
                body_html: &html,
            };
            let (thread_id, post_id) = model::create_thread(conn, &new)?;
            let publisher = hooks::Publisher::new(lang, &base_url, user.id);
            let held = hooks::screen(conn, &publisher, ItemRef::Post(post_id), &title, &body)?;
            if let Some(company) = category.company_id {
                let settings = crate::support::settings::load(conn, company)?;
                let thread = model::find_thread(conn, thread_id)?.ok_or(AppError::NotFound)?;
                crate::support::desk::mark_after_hours(conn, &thread, &settings)?;
                // Staff hear of the question when the public may read it.
                crate::support::desk::tell_staff_of_question(
                    conn,
                    &base_url,
                    lang,
                    company,
                    &thread,
                    post_id,
                    &user.display_name,
                )?;
            }
            Ok((thread_id, held))
        })
        .await?;
    after_publishing(&state, &session, held, None);
    Ok(redirect(&format!("/threads/{thread_id}")))
}

/// Everything a thread page shows one viewer.
pub struct ThreadData {
    pub thread: Thread,
    pub listing: CategoryListing,
    pub posts: ThreadPosts,
    pub subscribed: bool,
    pub support: crate::support::thread_panel::ThreadSupport,
    /// The logged-in reader has not read the thread as it stands.
    pub unseen: bool,
}

/// Which page of replies, and what the staff panel searched for.
#[derive(Default)]
pub struct PageOf {
    pub after: Option<PostId>,
    pub from: Option<PostId>,
    pub canned_query: Option<String>,
}

/// A thread as `viewer` may see it; 404 when the thread does not exist for
/// them (held, and they are neither its author nor a neutral moderator).
pub async fn load_thread(
    state: &AppState,
    id: ThreadId,
    viewer: Option<&CurrentUser>,
    page: PageOf,
) -> Result<ThreadData, AppError> {
    let viewer = viewer.cloned();
    state
        .db
        .run(move |conn| -> Result<ThreadData, AppError> {
            let viewer = viewer.as_ref();
            let (thread, listing) = thread_for(conn, id, viewer)?;
            let posts = model::thread_page(conn, &thread, viewer, page.after, page.from)?;
            let subscribed = match viewer {
                Some(user) => model::is_subscribed(conn, thread.id, user.id)?,
                None => false,
            };
            // Read in the same round trip: the visit writes only if it moved.
            let unseen = match viewer {
                Some(user) => model::reads::read_at(conn, user.id, &[thread.id])?
                    .get(&thread.id)
                    .is_none_or(|read| *read < thread.last_activity_at),
                None => false,
            };
            let support = crate::support::thread_panel::load(
                conn,
                &thread,
                viewer,
                page.canned_query.as_deref(),
            )?;
            Ok(ThreadData {
                thread,
                listing,
                posts,
                subscribed,
                support,
                unseen,
            })
        })
        .await
}

fn reply_blocked(user: Option<&CurrentUser>) -> Option<&'static str> {
    match user {
        None => Some("forum-login-to-reply"),
        Some(user) => match may_publish(user) {
            Ok(()) => None,
            Err(AppError::Denied(key)) => Some(key),
            Err(_) => Some("error-403-text"),
        },
    }
}

pub fn thread_page(ctx: PageCtx, data: ThreadData, compose: Compose) -> ThreadPage {
    let next_cursor = data
        .posts
        .has_more
        .then_some(data.posts.last_read)
        .flatten();
    let category_name = category_name(&ctx, &data.listing);
    let viewer = ctx.user.clone();
    let title = data
        .thread
        .title_for(viewer.as_ref(), ctx.lang)
        .unwrap_or_default();
    ThreadPage {
        reply_blocked: reply_blocked(viewer.as_ref()),
        title,
        thread: data.thread,
        listing: data.listing,
        category_name,
        opening: data.posts.opening,
        accepted: data.posts.accepted,
        replies: data.posts.replies,
        next_cursor,
        compose,
        subscribed: data.subscribed,
        support: data.support,
        viewer,
        ctx,
    }
}

/// "> " before every line, for quoting a reply.
fn quote_source(author: &str, source: &str) -> String {
    let quoted: Vec<String> = source.lines().map(|l| format!("> {l}")).collect();
    format!("> **{author}:**\n{}\n\n", quoted.join("\n"))
}

pub async fn thread_view(
    state: web::Data<AppState>,
    ctx: PageCtx,
    request: PageRequest<ThreadId>,
) -> Result<HttpResponse, AppError> {
    let (id, query) = (request.path, request.query);
    let page = PageOf {
        after: cursor(&query, "after"),
        from: cursor(&query, "from"),
        canned_query: query.get("canned_q").cloned(),
    };
    let data = load_thread(&state, id, ctx.user.as_ref(), page).await?;
    if let (Some(reader), true) = (ctx.user.as_ref(), data.unseen) {
        mark_seen(&state, reader.id, &data.thread).await?;
    }
    let mut compose = Compose::default();
    if let Some(quote) = cursor::<PostId>(&query, "quote") {
        if let Some(body) = quoted(&state, &data.thread, quote).await? {
            compose.body = body;
            compose.quote = Some(quote);
        }
    }
    if let Some(canned) = cursor::<CannedId>(&query, "canned") {
        compose.body = canned_body(&state, ctx.user.as_ref(), &data, canned).await?;
    }
    render(&thread_page(ctx, data, compose))
}

/// Records that the reader has seen the thread as it stands (called only
/// when it moved since their last visit: `ThreadData::unseen`).
async fn mark_seen(state: &AppState, reader: UserId, thread: &Thread) -> Result<(), AppError> {
    let (id, activity) = (thread.id, thread.last_activity_at);
    state
        .db
        .write(move |conn| {
            model::reads::mark_read(conn, reader, id, activity).map_err(AppError::from)
        })
        .await
}

/// A post of this thread quoted into the reply box. A quote republishes
/// the words, so only words the public reads can be quoted.
async fn quoted(state: &AppState, thread: &Thread, id: PostId) -> Result<Option<String>, AppError> {
    let thread = thread.clone();
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let Some(post) = model::find_post(conn, id)?.filter(|p| p.thread_id == thread.id)
            else {
                return Ok(None);
            };
            let Some(text) = post.public_text(&thread) else {
                return Ok(None);
            };
            let author =
                crate::kernel::user::display_name(conn, post.author_id)?.unwrap_or_default();
            Ok(Some(quote_source(&author, &text.source)))
        })
        .await
}

/// A canned answer of the thread's company with its placeholders filled,
/// for the reply form (staff of that company only; others get nothing).
async fn canned_body(
    state: &AppState,
    viewer: Option<&CurrentUser>,
    data: &ThreadData,
    id: CannedId,
) -> Result<String, AppError> {
    let (Some(user), Some(company)) = (viewer, data.thread.company_id) else {
        return Ok(String::new());
    };
    if !user.is_staff_of(company) {
        return Ok(String::new());
    }
    let answer = state
        .db
        .run(move |conn| crate::support::canned::find(conn, company, id).map_err(AppError::from))
        .await?;
    Ok(answer.map_or(String::new(), |a| {
        crate::support::canned::fill(
            &a.body,
            &data.posts.opening.author_name,
            data.support.company_name.as_deref().unwrap_or(""),
            &user.display_name,
        )
    }))
}
