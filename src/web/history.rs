//! The history page of any user-authored item — a thread, a reply, a review,
//! a company's reply — one page for every kind. The public sees that the
//! item was edited and when; the words it had before only its author and
//! neutral moderators (an author may have edited out what should never have
//! been public).

use actix_web::HttpResponse;
use askama::Template;
use chrono::NaiveDateTime;

use crate::kernel::error::AppError;
use crate::kernel::gate::Shown;
use crate::kernel::item::{self, ItemRef, ItemText, Version};
use crate::state::AppState;
use crate::web::layout::{render, Page, PageCtx};

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

pub async fn page(
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
