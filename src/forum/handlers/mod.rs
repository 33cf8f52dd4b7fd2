//! The forum's pages and actions, a file per page family, and what they
//! share: loading a thread or a post for a viewer (through the gate: what
//! the viewer may not see does not exist for them), publishing, and the
//! private channel to a company's staff.

pub mod categories;
pub mod posts;
pub mod subscriptions;
pub mod threads;

use std::collections::HashMap;

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};

use crate::db::{now, DbConn};
use crate::forum::model::{self, CategoryListing, Post, Thread};
use crate::kernel::error::AppError;
use crate::kernel::ids::{CompanyId, PostId, ThreadId};
use crate::kernel::user::{may_publish, CurrentUser};
use crate::state::AppState;
use crate::web::items::LoadForReader;
use crate::web::layout::{redirect, PageCtx};
use crate::web::session::{self};
use crate::web::throttle::{self, POSTS_PER_ACCOUNT};

pub type Query = web::Query<HashMap<String, String>>;

pub fn cursor<T: std::str::FromStr>(query: &HashMap<String, String>, name: &str) -> Option<T> {
    query.get(name).and_then(|v| v.parse().ok())
}

/// A thread and the section it is in, when `viewer` may see the thread at
/// all (a held thread does not exist for others: 404).
pub fn thread_for(
    conn: &mut DbConn,
    id: ThreadId,
    viewer: Option<&CurrentUser>,
) -> Result<(Thread, CategoryListing), AppError> {
    let thread = model::find_thread(conn, id)?
        .filter(|t| t.appears_to(viewer))
        .ok_or(AppError::NotFound)?;
    let category = model::category_by_id(conn, thread.category_id)?;
    let listing = model::find_category(conn, &category.slug)?.ok_or(AppError::NotFound)?;
    Ok((thread, listing))
}

/// A post and its thread, when `viewer` may read the post's words: a post
/// they may not read is not there for them to act on (404).
pub fn readable_post(
    conn: &mut DbConn,
    id: PostId,
    viewer: &CurrentUser,
) -> Result<(Post, Thread), AppError> {
    let post = model::find_post(conn, id)?.ok_or(AppError::NotFound)?;
    let thread = model::find_thread(conn, post.thread_id)?.ok_or(AppError::NotFound)?;
    if !post.sight(&thread, Some(viewer)).shows_text() {
        return Err(AppError::NotFound);
    }
    Ok((post, thread))
}

/// A post with its thread, for handlers that act on a post its user may
/// read (`web::items::Readable<PostInThread>`).
pub struct PostInThread {
    pub post: Post,
    pub thread: Thread,
}

impl LoadForReader for PostInThread {
    type Id = PostId;

    fn load(conn: &mut DbConn, id: PostId, reader: &CurrentUser) -> Result<Self, AppError> {
        let (post, thread) = readable_post(conn, id, reader)?;
        Ok(PostInThread { post, thread })
    }
}

/// A logged-in user who may publish, and the forum section in the path's
/// `{slug}` they are about to start a thread in.
pub struct NewThreadIn {
    pub user: CurrentUser,
    pub listing: CategoryListing,
}

impl FromRequest for NewThreadIn {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let (user, state, slug) = session::user_state_and_id::<String>(&req, "slug").await?;
            may_publish(&user)?;
            let listing = state
                .db
                .run(move |conn| model::find_category(conn, &slug).map_err(AppError::from))
                .await?
                .ok_or(AppError::NotFound)?;
            Ok(NewThreadIn { user, listing })
        })
    }
}

/// The company whose staff can receive the text privately: the section's
/// company, unless the writer is its staff (they have the desk for that).
pub fn private_channel(user: &CurrentUser, listing: &CategoryListing) -> Option<String> {
    let company = listing.category.company_id?;
    if user.is_staff_of(company) {
        return None;
    }
    listing.company_name.clone()
}

/// What the personal-data guard caught, sent to a company's staff as a
/// private conversation instead of being published.
pub struct Private<'a> {
    pub company: CompanyId,
    pub thread: Option<ThreadId>,
    pub subject: &'a str,
    pub body: &'a str,
}

pub async fn send_privately(
    state: &AppState,
    ctx: &PageCtx,
    user: &CurrentUser,
    private: Private<'_>,
) -> Result<HttpResponse, AppError> {
    let (user, subject, body) = (
        user.clone(),
        private.subject.to_string(),
        private.body.to_string(),
    );
    let (company, thread) = (private.company, private.thread);
    let (lang, base_url) = (ctx.lang, state.config.base_url.clone());
    let id = state
        .db
        .write(move |conn| -> Result<_, AppError> {
            throttle::charge(conn, &POSTS_PER_ACCOUNT, &user.id.to_string(), now())?;
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

pub async fn check_post_rate(state: &AppState, user: &CurrentUser) -> Result<(), AppError> {
    throttle::ensure_allowed(&state.db, &POSTS_PER_ACCOUNT, user.id.to_string()).await
}
