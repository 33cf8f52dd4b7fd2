//! The forum's index and a category's page of threads.

use actix_web::{web, HttpResponse};

use crate::forum::handlers::cursor;
use crate::forum::model::{self, THREADS_PER_PAGE};
use crate::forum::views::{category_name, CategoryPage, ForumIndexPage};
use crate::kernel::error::AppError;
use crate::kernel::ids::ThreadId;
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
