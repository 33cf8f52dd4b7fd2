//! What every user-authored item — a thread, a reply, a review, a
//! company's reply — has the same way, one path for every kind: its history
//! page (the public sees that it was edited and when; the words it had
//! before only its author and neutral moderators, since an author may have
//! edited out what should never have been public), and its author taking it
//! back.

use std::future::Future;
use std::pin::Pin;

use actix_session::Session;
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDateTime;
use serde::de::DeserializeOwned;

use crate::db::DbConn;
use crate::kernel::error::AppError;
use crate::kernel::gate::Shown;
use crate::kernel::item::{self, Item, ItemRef, ItemText, Version};
use crate::kernel::user::CurrentUser;
use crate::state::AppState;
use crate::web::layout::{redirect, render, Page, PageCtx};
use crate::web::session::{self, FlashKind};

#[derive(Template)]
#[template(path = "web/history.html")]
pub struct HistoryPage {
    pub ctx: PageCtx,
    /// Where the item is read, and what the breadcrumb calls it.
    pub link: String,
    pub headline: String,
    pub shown: Shown<ItemText>,
    pub edited_at: Option<NaiveDateTime>,
    /// The earlier versions, for those who may read them.
    pub versions: Vec<Version>,
    /// Edited, and the viewer may not read the earlier versions.
    pub withheld: bool,
}

impl HistoryPage {
    pub fn rating_of(&self, rating: &i32) -> String {
        self.ctx.ta("review-rating-of", "rating", rating)
    }
}

/// The history page of an item.
pub async fn history(
    state: &AppState,
    Page(ctx): Page,
    item: ItemRef,
) -> Result<HttpResponse, AppError> {
    let viewer = ctx.user.clone();
    let lang = ctx.lang;
    let (loaded, versions) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let loaded = item::load(conn, item)?
                .filter(|i| i.shown(viewer.as_ref()).appears())
                .ok_or(AppError::NotFound)?;
            let versions = item::versions(conn, &loaded, viewer.as_ref())?;
            Ok((loaded, versions))
        })
        .await?;
    let viewer = ctx.user.as_ref();
    let shown = loaded.shown(viewer);
    let withheld = loaded.edited_at.is_some() && versions.is_empty();
    render(&HistoryPage {
        link: loaded.link.clone(),
        headline: loaded.headline(viewer, lang),
        shown,
        edited_at: loaded.edited_at,
        versions,
        withheld,
        ctx,
    })
}

/// The author takes an item back: it keeps its place with a notice, its
/// words leave public view and search (`item::withdraw`); `effects` does
/// what the item's capability adds in the same transaction (a review leaves
/// the score). Only its author, and only once.
pub async fn withdraw(
    state: &AppState,
    user: &CurrentUser,
    session: &Session,
    item: ItemRef,
    effects: fn(&mut DbConn, &Item) -> Result<(), AppError>,
    done_key: &str,
) -> Result<HttpResponse, AppError> {
    let author = user.clone();
    let link = state
        .db
        .write(move |conn| -> Result<String, AppError> {
            let loaded = item::load(conn, item)?
                .filter(|i| i.shown(Some(&author)).sight.shows_text())
                .ok_or(AppError::NotFound)?;
            if loaded.author_id != author.id {
                return Err(AppError::Denied("item-only-author"));
            }
            if loaded.withdrawn_at().is_some() {
                return Err(AppError::Denied("item-already-withdrawn"));
            }
            if item::withdraw(conn, item)? {
                effects(conn, &loaded)?;
            }
            Ok(loaded.link)
        })
        .await?;
    session::flash(session, FlashKind::Success, done_key);
    Ok(redirect(&link))
}

/// After publishing or editing any item: wake the outbox (a statement, reply
/// emails), and tell the author what happened — held for review by the
/// automatic checks, or `saved` when there is something to say.
pub fn after_publishing(state: &AppState, session: &Session, held: bool, saved: Option<&str>) {
    state.outbox_signal.notify_one();
    if held {
        session::flash(session, FlashKind::Info, "moderation-held-flash");
    } else if let Some(key) = saved {
        session::flash(session, FlashKind::Success, key);
    }
}

/// A handler's answer, boxed so the route helpers below can name it.
type Answer = Pin<Box<dyn Future<Output = Result<HttpResponse, AppError>>>>;

/// What a capability adds to a withdrawal, in the same transaction.
pub type Effects = fn(&mut DbConn, &Item) -> Result<(), AppError>;

/// For a withdrawal that needs nothing more than `item::withdraw`.
pub fn no_effects(_: &mut DbConn, _: &Item) -> Result<(), AppError> {
    Ok(())
}

/// The history route of one kind: `to_item` makes the reference from the
/// path's typed id (`ItemRef::Post`, `ItemRef::Review`, …).
pub fn history_route<I: DeserializeOwned + 'static>(
    to_item: fn(I) -> ItemRef,
) -> impl Fn(web::Data<AppState>, Page, web::Path<I>) -> Answer + Clone + 'static {
    move |state, page, path| {
        Box::pin(async move { history(&state, page, to_item(path.into_inner())).await })
    }
}

/// The withdraw route of one kind, with what its capability adds and the
/// message the author sees.
pub fn withdraw_route<I: DeserializeOwned + 'static>(
    to_item: fn(I) -> ItemRef,
    effects: Effects,
    done_key: &'static str,
) -> impl Fn(web::Data<AppState>, CurrentUser, web::Path<I>, Session) -> Answer + Clone + 'static {
    move |state, user, path, session| {
        Box::pin(async move {
            let item = to_item(path.into_inner());
            withdraw(&state, &user, &session, item, effects, done_key).await
        })
    }
}

/// An item as one reader may act on it, loaded by its capability.
pub trait LoadForReader: Sized + 'static {
    /// The typed id in the path's `{id}`.
    type Id: std::str::FromStr + Send + 'static;
    /// The item with what comes with it, if `reader` may read its words;
    /// `NotFound` otherwise.
    fn load(conn: &mut DbConn, id: Self::Id, reader: &CurrentUser) -> Result<Self, AppError>;
}

/// The logged-in user and an item they may read, from the path's `{id}`.
/// Handlers that act on an item take one, so none can act on an item its
/// user may not read: for them it does not exist (404).
pub struct Readable<T> {
    pub user: CurrentUser,
    pub item: T,
}

impl<T: LoadForReader + Send> FromRequest for Readable<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let (user, state, id) = session::user_state_and_id::<T::Id>(&req, "id").await?;
            let reader = user.clone();
            let item = state.db.run(move |conn| T::load(conn, id, &reader)).await?;
            Ok(Readable { user, item })
        })
    }
}
