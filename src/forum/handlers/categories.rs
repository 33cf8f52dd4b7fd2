//! The forum's index, a section's threads and the Latest view of every
//! section, both by last activity with what the reader has not seen marked.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};

use crate::forum::handlers::cursor;
use crate::forum::model::reads::{self, Unread};
use crate::forum::model::{self, ActivityCursor, ThreadFilter, ThreadSummary, THREADS_PER_PAGE};
use crate::forum::views::{category_name, CategoryPage, ForumIndexPage, LatestPage, ListedThread};
use crate::kernel::error::AppError;
use crate::kernel::ids::{CategoryId, ThreadId};
use crate::kernel::user::CurrentUser;
use crate::state::AppState;
use crate::web::layout::{render, PageCtx};
use crate::web::routes::PageRequest;

pub async fn index_page(
    state: web::Data<AppState>,
    ctx: PageCtx,
    _: PageRequest<()>,
) -> Result<HttpResponse, AppError> {
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

pub async fn load_category(
    state: &AppState,
    slug: String,
) -> Result<model::CategoryListing, AppError> {
    state
        .db
        .run(move |conn| model::find_category(conn, &slug).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn category_page(
    state: web::Data<AppState>,
    ctx: PageCtx,
    request: PageRequest<String>,
) -> Result<HttpResponse, AppError> {
    let (slug, query) = (request.path, request.query);
    let listing = load_category(&state, slug).await?;
    let unanswered = query.get("filter").is_some_and(|f| f == "unanswered");
    let filter = ThreadFilter {
        category: Some(listing.category.id),
        unanswered_only: unanswered,
        before: cursor::<ActivityCursor>(&query, "before"),
    };
    let company = listing.category.company_id;
    let (threads, response, incidents) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let threads = model::list_threads(conn, filter)?;
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
    let next_cursor = next_cursor(&threads);
    let mut unread = unread_marks(&state, ctx.user.as_ref(), &threads).await?;
    let threads = threads
        .into_iter()
        .map(|t| {
            let mark = unread.remove(&t.thread.id);
            ListedThread::of(&ctx, t, mark, None)
        })
        .collect();
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

/// Every section's threads by last activity.
pub async fn latest_page(
    state: web::Data<AppState>,
    ctx: PageCtx,
    request: PageRequest<()>,
) -> Result<HttpResponse, AppError> {
    let filter = ThreadFilter {
        before: cursor::<ActivityCursor>(&request.query, "before"),
        ..ThreadFilter::default()
    };
    let (threads, sections) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok((
                model::list_threads(conn, filter)?,
                model::list_categories(conn)?,
            ))
        })
        .await?;
    let next_cursor = next_cursor(&threads);
    let unread = unread_marks(&state, ctx.user.as_ref(), &threads).await?;
    let names: HashMap<CategoryId, (String, String)> = sections
        .iter()
        .map(|s| {
            (
                s.category.id,
                (category_name(&ctx, s), s.category.slug.clone()),
            )
        })
        .collect();
    let mut unread = unread;
    let threads = threads
        .into_iter()
        .map(|summary| {
            let section = names.get(&summary.thread.category_id).cloned();
            let mark = unread.remove(&summary.thread.id);
            ListedThread::of(&ctx, summary, mark, section)
        })
        .collect();
    render(&LatestPage {
        ctx,
        threads,
        next_cursor,
    })
}

/// The cursor of the next page, when this one is full.
fn next_cursor(threads: &[ThreadSummary]) -> Option<ActivityCursor> {
    (threads.len() as i64 == THREADS_PER_PAGE)
        .then(|| threads.last())
        .flatten()
        .map(|t| ActivityCursor {
            at: t.thread.last_activity_at,
            id: t.thread.id,
        })
}

/// Which of `threads` a logged-in reader has not seen as they stand now.
async fn unread_marks(
    state: &AppState,
    viewer: Option<&CurrentUser>,
    threads: &[ThreadSummary],
) -> Result<HashMap<ThreadId, Unread>, AppError> {
    let Some(viewer) = viewer else {
        return Ok(HashMap::new());
    };
    let me = viewer.id;
    let ids: Vec<ThreadId> = threads.iter().map(|t| t.thread.id).collect();
    let read = state
        .db
        .run(move |conn| reads::read_at(conn, me, &ids).map_err(AppError::from))
        .await?;
    let at = crate::db::now();
    Ok(threads
        .iter()
        .filter_map(|t| {
            Unread::of(
                t.thread.last_activity_at,
                read.get(&t.thread.id).copied(),
                at,
            )
            .map(|mark| (t.thread.id, mark))
        })
        .collect())
}
