//! Forum pages and actions: categories, threads, replies, edits, accepted
//! answers, ratings, subscriptions and search.

use std::collections::HashMap;
use std::sync::Arc;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use crate::db::now;
use crate::forum::emails;
use crate::forum::model::{
    self, NewReply, NewThread, Thread, ThreadKind, BODY_MAX, THREADS_PER_PAGE, TITLE_MAX, TITLE_MIN,
};
use crate::forum::permissions;
use crate::forum::views::*;
use crate::kernel::error::AppError;
use crate::kernel::ids::{PostId, ThreadId};
use crate::kernel::markdown;
use crate::kernel::pii::{check_personal_data, remove_personal_data};
use crate::kernel::user::may_publish;
use crate::kernel::user::CurrentUser;
use crate::mail::outbox;
use crate::moderation::hooks;
use crate::moderation::model::ItemKind;
use crate::state::AppState;
use crate::web::form::{check_length, FormData};
use crate::web::layout::{redirect, render, render_status, Page, PageCtx};
use crate::web::notice::notice;
use crate::web::page_cache;
use crate::web::session::{self, FlashKind};
use crate::web::throttle::{self, POSTS_PER_ACCOUNT};

type Query = web::Query<HashMap<String, String>>;

fn cursor<T: std::str::FromStr>(query: &Query, name: &str) -> Option<T> {
    query.get(name).and_then(|v| v.parse().ok())
}

// ---- composing: validation, preview and the personal-data guard ----------

enum Composed {
    /// Ready to publish: the title (threads) and the body.
    Publish { title: String, body: String },
    /// Show the form again: preview, errors or personal data found.
    Show(Compose, StatusCode),
}

fn compose(ctx: &PageCtx, form: &FormData, with_title: bool, with_kind: bool) -> Composed {
    let mut title = if with_title {
        form.text("title")
    } else {
        String::new()
    };
    let kind = form.get("kind").to_string();
    let mut body = form.markdown("body");
    let quote = form.get("quote").parse::<PostId>().ok();
    let action = form.get("action");
    if action == "remove_pii" {
        let replacement = ctx.t("pii-removed");
        title = remove_personal_data(&title, &replacement);
        body = remove_personal_data(&body, &replacement);
    }
    let mut state = Compose {
        title,
        kind,
        body,
        quote,
        ..Compose::default()
    };
    if form.invalid_utf8 {
        state.errors.add("form", ctx.t("form-invalid-utf8"));
    }
    if with_title {
        check_length(
            &mut state.errors,
            ctx.lang,
            "title",
            &state.title,
            TITLE_MIN,
            TITLE_MAX,
        );
        if with_kind && ThreadKind::parse(&state.kind).is_none() {
            state.errors.add("kind", ctx.t("forum-kind-invalid"));
        }
    }
    check_length(
        &mut state.errors,
        ctx.lang,
        "body",
        state.body.trim(),
        1,
        BODY_MAX,
    );
    if !state.errors.is_empty() {
        return Composed::Show(state, StatusCode::UNPROCESSABLE_ENTITY);
    }
    if action == "preview" {
        state.preview = Some(markdown::render(&state.body));
        return Composed::Show(state, StatusCode::OK);
    }
    // "Publish anyway" goes ahead; the automatic check then holds the post
    // for a moderator instead of publishing the personal data.
    // "Send privately" takes the text to the company's staff instead.
    let report = (action != "publish_anyway" && action != "send_private")
        .then(|| check_personal_data(&state.title, &state.body))
        .flatten();
    if let Some(report) = report {
        state.pii_kinds = report.kinds;
        state.pii_title = report.title;
        state.pii_body = report.body;
        return Composed::Show(state, StatusCode::UNPROCESSABLE_ENTITY);
    }
    Composed::Publish {
        title: state.title,
        body: state.body,
    }
}

/// After publishing: wake the outbox (statements, reply emails) and tell an
/// author whose text the automatic checks held what happens next.
fn after_publish(state: &AppState, session: &Session, held: bool) {
    state.outbox_signal.notify_one();
    if held {
        session::flash(session, FlashKind::Info, "moderation-held-flash");
    }
}

/// The company whose staff can receive the text privately: the section's
/// company, unless the writer is its staff (they have the desk for that).
fn private_channel(user: &CurrentUser, listing: &model::CategoryListing) -> Option<String> {
    let company = listing.category.company_id?;
    if user.is_staff_of(company) {
        return None;
    }
    listing.company_name.clone()
}

/// Sends what the personal-data guard caught to the company's staff as a
/// private conversation instead of publishing it.
async fn send_privately(
    state: &AppState,
    ctx: &PageCtx,
    user: &CurrentUser,
    company: crate::kernel::ids::CompanyId,
    thread: Option<ThreadId>,
    subject: &str,
    body: &str,
) -> Result<HttpResponse, AppError> {
    let (user, subject, body) = (user.clone(), subject.to_string(), body.to_string());
    let (lang, base_url) = (ctx.lang, state.config.base_url.clone());
    let id = state
        .db
        .write(move |conn| -> Result<_, AppError> {
            throttle::record(conn, &POSTS_PER_ACCOUNT, &user.id.to_string(), now())?;
            crate::support::handlers::conversations::send_privately(
                conn,
                &user,
                company,
                &crate::support::handlers::conversations::PrivateText {
                    thread,
                    subject: &subject,
                    body: &body,
                },
                lang,
                &base_url,
            )
        })
        .await?;
    state.outbox_signal.notify_one();
    Ok(redirect(&format!("/conversations/{id}")))
}

async fn check_post_rate(state: &AppState, user: &CurrentUser) -> Result<(), AppError> {
    throttle::ensure_allowed(&state.db, &POSTS_PER_ACCOUNT, user.id.to_string()).await
}

// ---- categories ----------------------------------------------------------

pub async fn index(state: web::Data<AppState>, Page(ctx): Page) -> Result<HttpResponse, AppError> {
    page_cache::public_page(Arc::clone(&state.pages), ctx, |ctx| index_page(state, ctx)).await
}

async fn index_page(state: web::Data<AppState>, ctx: PageCtx) -> Result<HttpResponse, AppError> {
    let all = state
        .db
        .run(|conn| model::list_categories(conn).map_err(AppError::from))
        .await?;
    let (companies, general) = all
        .into_iter()
        .partition(|c| c.category.company_id.is_some());
    render(&ForumIndexPage {
        ctx,
        general,
        companies,
    })
}

async fn load_category(state: &AppState, slug: String) -> Result<model::CategoryListing, AppError> {
    state
        .db
        .run(move |conn| model::find_category(conn, &slug).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn category(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<String>,
    query: Query,
) -> Result<HttpResponse, AppError> {
    page_cache::public_page(Arc::clone(&state.pages), ctx, |ctx| {
        category_page(state, ctx, path.into_inner(), query)
    })
    .await
}

async fn category_page(
    state: web::Data<AppState>,
    ctx: PageCtx,
    slug: String,
    query: Query,
) -> Result<HttpResponse, AppError> {
    let listing = load_category(&state, slug).await?;
    let unanswered = query.get("filter").is_some_and(|f| f == "unanswered");
    let before = cursor::<ThreadId>(&query, "before");
    let (category, company) = (listing.category.id, listing.category.company_id);
    let (threads, response, incidents) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let threads = model::list_threads(conn, category, unanswered, before)?;
            let (response, incidents) = match company {
                Some(company) => (
                    Some(crate::support::model::response_time(conn, company)?),
                    crate::support::incidents::active(conn, company)?,
                ),
                None => (None, Vec::new()),
            };
            Ok((threads, response, incidents))
        })
        .await?;
    let next_cursor = (threads.len() as i64 == THREADS_PER_PAGE)
        .then(|| threads.last().map(|t| t.thread.id))
        .flatten();
    let name = category_name(&ctx, &listing);
    let response_time =
        response.map(|stored| crate::support::model::badge_text(&ctx, stored.as_ref()));
    render(&CategoryPage {
        ctx,
        listing,
        name,
        threads,
        unanswered,
        next_cursor,
        response_time,
        incidents,
    })
}

// ---- new threads ---------------------------------------------------------

pub async fn new_thread_form(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    may_publish(&user)?;
    let listing = load_category(&state, path.into_inner()).await?;
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
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<String>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    may_publish(&user)?;
    let listing = load_category(&state, path.into_inner()).await?;
    let (title, body) = match compose(&ctx, &form, true, true) {
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
            return send_privately(&state, &ctx, &user, company, None, &title, &body).await;
        }
    }
    let kind = ThreadKind::parse(form.get("kind")).unwrap_or(ThreadKind::Question);
    let html = markdown::render(&body);
    let category = listing.category;
    let lang = ctx.lang;
    let base_url = state.config.base_url.clone();
    let (thread_id, held) = state
        .db
        .write(move |conn| -> Result<_, AppError> {
            throttle::record(conn, &POSTS_PER_ACCOUNT, &user.id.to_string(), now())?;
            let new = NewThread {
                category: &category,
                author: user.id,
                title: &title,
                kind,
                body_source: &body,
                body_html: &html,
            };
            let (thread_id, post_id) = model::create_thread(conn, &new)?;
            if let Some(company) = category.company_id {
                let settings = crate::support::settings::load(conn, company)?;
                let thread = model::find_thread(conn, thread_id)?.ok_or(AppError::NotFound)?;
                crate::support::desk::mark_after_hours(conn, &thread, &settings)?;
            }
            let publisher = hooks::Publisher {
                lang,
                base_url: &base_url,
                author: user.id,
            };
            let held = hooks::screen(conn, &publisher, ItemKind::Post, post_id.0, &title, &body)?;
            Ok((thread_id, held))
        })
        .await?;
    after_publish(&state, &session, held);
    Ok(redirect(&format!("/threads/{thread_id}")))
}

// ---- a thread ------------------------------------------------------------

struct ThreadData {
    thread: Thread,
    listing: model::CategoryListing,
    opening: model::PostView,
    accepted: Option<model::PostView>,
    replies: Vec<model::PostView>,
    has_more: bool,
    subscribed: bool,
    support: crate::support::thread_panel::ThreadSupport,
}

/// A thread and the section it is in.
fn thread_and_section(
    conn: &mut crate::db::DbConn,
    id: ThreadId,
) -> Result<(Thread, model::CategoryListing), AppError> {
    let thread = model::find_thread(conn, id)?.ok_or(AppError::NotFound)?;
    let category = model::category_by_id(conn, thread.category_id)?;
    let listing = model::find_category(conn, &category.slug)?.ok_or(AppError::NotFound)?;
    Ok((thread, listing))
}

async fn load_thread(
    state: &AppState,
    id: ThreadId,
    viewer: Option<&CurrentUser>,
    after: Option<PostId>,
    from: Option<PostId>,
    canned_query: Option<String>,
) -> Result<ThreadData, AppError> {
    let viewer_id = viewer.map(|u| u.id);
    let viewer = viewer.cloned();
    state
        .db
        .run(move |conn| -> Result<ThreadData, AppError> {
            let (thread, listing) = thread_and_section(conn, id)?;
            let (opening, accepted, replies, has_more) =
                model::thread_page(conn, &thread, after, from)?;
            let subscribed = match viewer_id {
                Some(user) => model::is_subscribed(conn, thread.id, user)?,
                None => false,
            };
            let support = crate::support::thread_panel::load(
                conn,
                &thread,
                viewer.as_ref(),
                canned_query.as_deref(),
            )?;
            Ok(ThreadData {
                thread,
                listing,
                opening,
                accepted,
                replies,
                has_more,
                subscribed,
                support,
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

fn thread_page(ctx: PageCtx, data: ThreadData, compose: Compose) -> ThreadPage {
    let next_cursor = if data.has_more {
        data.replies.last().map(|p| p.post.id)
    } else {
        None
    };
    let category_name = category_name(&ctx, &data.listing);
    let viewer = ctx.user.clone();
    ThreadPage {
        reply_blocked: reply_blocked(viewer.as_ref()),
        thread: data.thread,
        listing: data.listing,
        category_name,
        opening: data.opening,
        accepted: data.accepted,
        replies: data.replies,
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

pub async fn show_thread(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<ThreadId>,
    query: Query,
) -> Result<HttpResponse, AppError> {
    page_cache::public_page(Arc::clone(&state.pages), ctx, |ctx| {
        thread_view(state, ctx, path.into_inner(), query)
    })
    .await
}

async fn thread_view(
    state: web::Data<AppState>,
    ctx: PageCtx,
    id: ThreadId,
    query: Query,
) -> Result<HttpResponse, AppError> {
    let data = load_thread(
        &state,
        id,
        ctx.user.as_ref(),
        cursor(&query, "after"),
        cursor(&query, "from"),
        query.get("canned_q").cloned(),
    )
    .await?;
    let viewer_may_see = ctx
        .user
        .as_ref()
        .is_some_and(|u| u.is_moderator || u.id == data.thread.author_id);
    if data.thread.moderation_state == crate::moderation::model::STATE_HELD && !viewer_may_see {
        return Err(AppError::NotFound);
    }
    let mut compose = Compose::default();
    if let Some(quote) = cursor::<PostId>(&query, "quote") {
        let quoted = state
            .db
            .run(move |conn| -> Result<_, AppError> {
                let Some(post) = model::find_post(conn, quote)? else {
                    return Ok(None);
                };
                let author = crate::accounts::model::find_by_id(conn, post.author_id)?
                    .map(|u| u.display_name);
                Ok(Some((post, author.unwrap_or_default())))
            })
            .await?;
        if let Some((post, author)) =
            quoted.filter(|(p, _)| p.thread_id == id && p.withdrawn_at.is_none())
        {
            compose.body = quote_source(&author, &post.body_source);
            compose.quote = Some(post.id);
        }
    }
    if let Some(canned) = cursor::<crate::kernel::ids::CannedId>(&query, "canned") {
        compose.body = canned_body(&state, ctx.user.as_ref(), &data, canned).await?;
    }
    render(&thread_page(ctx, data, compose))
}

/// A canned answer of the thread's company with its placeholders filled,
/// for the reply form (staff of that company only; others get nothing).
async fn canned_body(
    state: &AppState,
    viewer: Option<&CurrentUser>,
    data: &ThreadData,
    id: crate::kernel::ids::CannedId,
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
            &data.opening.author_name,
            data.support.company_name.as_deref().unwrap_or(""),
            &user.display_name,
        )
    }))
}

/// Permalink of a post: the thread page that shows it.
pub async fn post_link(
    state: web::Data<AppState>,
    path: web::Path<PostId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let post = state
        .db
        .run(move |conn| model::find_post(conn, id).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)?;
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
    let body = match compose(&ctx, &form, false, false) {
        Composed::Publish { body, .. } => body,
        Composed::Show(mut compose, status) => {
            let data = load_thread(&state, id, Some(&user), None, None, None).await?;
            if compose.has_pii() {
                compose.private_to = private_channel(&user, &data.listing);
            }
            return render_status(status, &thread_page(ctx, data, compose));
        }
    };
    check_post_rate(&state, &user).await?;
    if form.get("action") == "send_private" {
        // Only the thread and its section are needed, not the page.
        let (thread, listing) = state
            .db
            .run(move |conn| thread_and_section(conn, id))
            .await?;
        if let (Some(company), Some(_)) = (thread.company_id, private_channel(&user, &listing)) {
            return send_privately(&state, &ctx, &user, company, Some(id), &thread.title, &body)
                .await;
        }
    }
    let quote = form.get("quote").parse::<PostId>().ok();
    let html = markdown::render(&body);
    let lang = ctx.lang;
    let base_url = state.config.base_url.clone();
    let (post_id, held) = state
        .db
        .write(move |conn| -> Result<(PostId, bool), AppError> {
            let thread = model::find_thread(conn, id)?.ok_or(AppError::NotFound)?;
            if thread.withdrawn_at.is_some() {
                return Err(AppError::Denied("forum-thread-withdrawn"));
            }
            let quote = match quote {
                Some(q) => model::find_post(conn, q)?
                    .filter(|p| p.thread_id == thread.id)
                    .map(|p| p.id),
                None => None,
            };
            let as_company = permissions::official_voice(&user, &thread);
            throttle::record(conn, &POSTS_PER_ACCOUNT, &user.id.to_string(), now())?;
            let reply = NewReply {
                thread: &thread,
                author: user.id,
                as_company,
                quote,
                body_source: &body,
                body_html: &html,
            };
            let post_id = model::add_reply(conn, &reply)?;
            let publisher = hooks::Publisher {
                lang,
                base_url: &base_url,
                author: user.id,
            };
            let held = hooks::screen(conn, &publisher, ItemKind::Post, post_id.0, "", &body)?;
            if held {
                // Subscribers hear of it only if a moderator lets it through.
                return Ok((post_id, true));
            }
            let replier = match as_company {
                Some(company) => crate::companies::model::find_company(conn, company)?
                    .map_or(user.display_name.clone(), |c| c.name),
                None => user.display_name.clone(),
            };
            let excerpt: String = body.chars().take(300).collect();
            let path = format!("/posts/{post_id}");
            for subscriber in model::subscribers_except(conn, thread.id, user.id)? {
                let email = emails::new_reply(
                    lang,
                    &base_url,
                    &subscriber,
                    &thread.title,
                    &replier,
                    &excerpt,
                    &path,
                )?;
                outbox::enqueue(conn, &email)?;
            }
            Ok((post_id, false))
        })
        .await?;
    after_publish(&state, &session, held);
    Ok(redirect(&format!("/posts/{post_id}")))
}

// ---- editing, withdrawing, history ---------------------------------------

async fn load_post(state: &AppState, id: PostId) -> Result<(model::Post, Thread), AppError> {
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let post = model::find_post(conn, id)?.ok_or(AppError::NotFound)?;
            let thread = model::find_thread(conn, post.thread_id)?.ok_or(AppError::NotFound)?;
            Ok((post, thread))
        })
        .await
}

pub async fn edit_form(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<PostId>,
) -> Result<HttpResponse, AppError> {
    let (post, thread) = load_post(&state, path.into_inner()).await?;
    permissions::can_edit(&user, &post)?;
    let compose = Compose {
        title: if post.is_opening {
            thread.title.clone()
        } else {
            String::new()
        },
        kind: thread.kind.clone(),
        body: post.body_source.clone(),
        ..Compose::default()
    };
    render(&EditPostPage {
        ctx,
        post,
        thread,
        compose,
    })
}

pub async fn edit(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<PostId>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (post, thread) = load_post(&state, path.into_inner()).await?;
    permissions::can_edit(&user, &post)?;
    may_publish(&user)?;
    let (title, body) = match compose(&ctx, &form, post.is_opening, false) {
        Composed::Publish { title, body } => (title, body),
        Composed::Show(mut compose, status) => {
            compose.kind = thread.kind.clone();
            return render_status(
                status,
                &EditPostPage {
                    ctx,
                    post,
                    thread,
                    compose,
                },
            );
        }
    };
    let html = markdown::render(&body);
    let post_id = post.id;
    let lang = ctx.lang;
    let base_url = state.config.base_url.clone();
    let author = user.id;
    let held = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            // Re-read inside the transaction: the revision must keep what was there.
            let current = model::find_post(conn, post.id)?.ok_or(AppError::NotFound)?;
            let title_change = post
                .is_opening
                .then_some((thread.title.as_str(), title.as_str()));
            model::edit_post(conn, &current, title_change, &body, &html)?;
            let publisher = hooks::Publisher {
                lang,
                base_url: &base_url,
                author,
            };
            let new_title = if post.is_opening { title.as_str() } else { "" };
            hooks::screen(
                conn,
                &publisher,
                ItemKind::Post,
                post_id.0,
                new_title,
                &body,
            )
        })
        .await?;
    after_publish(&state, &session, held);
    Ok(redirect(&format!("/posts/{post_id}")))
}

pub async fn withdraw(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<PostId>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (post, _) = load_post(&state, path.into_inner()).await?;
    permissions::can_edit(&user, &post)?;
    let post_id = post.id;
    state
        .db
        .write(move |conn| model::withdraw_post(conn, &post).map_err(AppError::from))
        .await?;
    session::flash(&session, FlashKind::Success, "forum-withdrawn-done");
    Ok(redirect(&format!("/posts/{post_id}")))
}

pub async fn history(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<PostId>,
) -> Result<HttpResponse, AppError> {
    let (post, thread) = load_post(&state, path.into_inner()).await?;
    let id = post.id;
    let moderator = ctx.user.as_ref().is_some_and(|u| u.is_moderator);
    let (revisions, withheld) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let withheld = !moderator
                && crate::moderation::model::history_withheld(
                    conn,
                    crate::moderation::model::ItemKind::Post,
                    id.0,
                )?;
            Ok((model::revisions(conn, id)?, withheld))
        })
        .await?;
    render(&HistoryPage {
        ctx,
        thread,
        post,
        revisions,
        withheld,
    })
}

// ---- accepted answers, ratings, subscriptions -----------------------------

pub async fn accept(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<PostId>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (post, thread) = load_post(&state, path.into_inner()).await?;
    permissions::can_accept(&user, &thread, &post)?;
    let (thread_id, post_id) = (thread.id, post.id);
    state
        .db
        .write(move |conn| model::accept_answer(conn, thread_id, post_id).map_err(AppError::from))
        .await?;
    session::flash(&session, FlashKind::Success, "forum-accepted-done");
    Ok(redirect(&format!("/threads/{thread_id}")))
}

pub async fn rate(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<PostId>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (post, thread) = load_post(&state, path.into_inner()).await?;
    permissions::can_rate(&user, &thread, &post)?;
    let rating: i32 = form
        .get("rating")
        .parse()
        .map_err(|_| AppError::BadRequest("forum-rate-invalid"))?;
    if !(1..=5).contains(&rating) {
        return Err(AppError::BadRequest("forum-rate-invalid"));
    }
    let (thread_id, post_id) = (thread.id, post.id);
    state
        .db
        .write(move |conn| {
            model::rate_answer(conn, thread_id, post_id, user.id, rating).map_err(AppError::from)
        })
        .await?;
    session::flash(&session, FlashKind::Success, "forum-rated-done");
    Ok(redirect(&format!("/posts/{post_id}")))
}

pub async fn subscribe(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<ThreadId>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let on = form.get("subscribe") == "1";
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            model::find_thread(conn, id)?.ok_or(AppError::NotFound)?;
            if on {
                model::subscribe(conn, id, user.id)?;
            } else {
                model::unsubscribe(conn, id, user.id)?;
            }
            Ok(())
        })
        .await?;
    session::flash(
        &session,
        FlashKind::Success,
        if on {
            "forum-subscribed"
        } else {
            "forum-unsubscribed"
        },
    );
    Ok(redirect(&format!("/threads/{id}")))
}

/// The link in reply emails: works without logging in; the POST does it.
pub async fn unsubscribe_page(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let probe = token.clone();
    let found = state
        .db
        .run(move |conn| model::subscription_by_token(conn, &probe).map_err(AppError::from))
        .await?;
    match found {
        Some((_, thread_id, title)) => render(&UnsubscribePage {
            ctx,
            token,
            title,
            thread_id,
        }),
        None => notice(
            ctx,
            StatusCode::NOT_FOUND,
            "unsubscribe-gone-title",
            "unsubscribe-gone-text",
            Some(("/", "error-home-link")),
        ),
    }
}

pub async fn unsubscribe(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            if let Some((id, _, _)) = model::subscription_by_token(conn, &token)? {
                model::unsubscribe_by_id(conn, id)?;
            }
            Ok(())
        })
        .await?;
    notice(
        ctx,
        StatusCode::OK,
        "unsubscribe-done-title",
        "unsubscribe-done-text",
        Some(("/", "error-home-link")),
    )
}

// ---- search --------------------------------------------------------------

pub async fn search(
    state: web::Data<AppState>,
    Page(ctx): Page,
    query: Query,
) -> Result<HttpResponse, AppError> {
    page_cache::public_page(Arc::clone(&state.pages), ctx, |ctx| {
        search_page(state, ctx, query)
    })
    .await
}

async fn search_page(
    state: web::Data<AppState>,
    ctx: PageCtx,
    query: Query,
) -> Result<HttpResponse, AppError> {
    let text: String = query
        .get("q")
        .map(|q| q.trim().chars().take(100).collect())
        .unwrap_or_default();
    if text.is_empty() {
        return render(&SearchPage {
            ctx,
            query: text,
            hits: Vec::new(),
            companies: Vec::new(),
            faq: Vec::new(),
        });
    }
    let probe = text.clone();
    let (hits, companies, faq) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let hits = model::search(conn, &probe)?;
            let companies = crate::companies::model::search_companies(conn, &probe, 10)?;
            let faq = crate::support::faq::search(conn, &model::search_terms(&probe))?;
            Ok((hits, companies, faq))
        })
        .await?;
    let missed = hits.is_empty() && companies.is_empty() && faq.is_empty();
    if missed {
        let missed = text.clone();
        state
            .db
            .write(move |conn| model::record_search_miss(conn, &missed).map_err(AppError::from))
            .await?;
    }
    let hits = hits
        .into_iter()
        .map(|hit| HitView {
            segments: highlight_snippet(&hit.snippet),
            hit,
        })
        .collect();
    let mut response = render(&SearchPage {
        ctx,
        query: text,
        hits,
        companies,
        faq,
    })?;
    if missed {
        // Every search that finds nothing is counted, so it is never served from the cache.
        page_cache::do_not_keep(&mut response);
    }
    Ok(response)
}
