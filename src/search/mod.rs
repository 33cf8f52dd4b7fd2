//! Search: one page over threads and replies the public reads (the
//! forum's full-text index), companies by name, and FAQ entries; a search
//! that finds nothing is remembered (the holes in the self-help content).
//! Its own module because it reads three capabilities and none owns it.

use actix_web::{web, HttpResponse};

use crate::forum::model;
use crate::kernel::error::AppError;
use crate::search::views::{highlight_snippet, HitView, SearchPage};
use crate::state::AppState;
use crate::web::layout::{render, PageCtx};
use crate::web::routes::PageRequest;

pub mod views;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    cfg.public("/search", search_page);
}

pub async fn search_page(
    state: web::Data<AppState>,
    ctx: PageCtx,
    request: PageRequest<()>,
) -> Result<HttpResponse, AppError> {
    let query = request.query;
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
        crate::web::page_cache::do_not_keep(&mut response);
    }
    Ok(response)
}
