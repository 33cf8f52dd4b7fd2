//! Search: one page over threads and replies the public reads (the
//! forum's full-text index), companies by name, and FAQ entries; a search
//! that finds nothing is remembered (the holes in the self-help content).
//! Its own module because it reads three capabilities and none owns it.

use actix_web::{web, HttpResponse};

use diesel::QueryResult;

use crate::db::DbConn;
use crate::forum::model;
use crate::kernel::error::AppError;
use crate::kernel::ids::{CompanyId, ThreadId};
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
    let query = &request.query;
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
        let from = request.query.get("from").cloned().unwrap_or_default();
        state
            .db
            .write(move |conn| -> Result<(), AppError> {
                let company = company_of_page(conn, &from)?;
                Ok(model::record_search_miss(conn, &missed, company)?)
            })
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

/// The company whose pages a search was made from (the search form sends
/// the page's path): its home, reviews and FAQ, its forum section and the
/// threads in it, its desk. A miss from anywhere else is site-wide, seen by
/// administrators only.
fn company_of_page(conn: &mut DbConn, path: &str) -> QueryResult<Option<CompanyId>> {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let mut segments = path.trim_start_matches('/').split('/');
    match (segments.next(), segments.next(), segments.next()) {
        (Some("companies"), Some(slug), _) | (Some("desk"), Some("companies"), Some(slug)) => {
            Ok(crate::companies::model::find_by_slug(conn, slug)?.map(|c| c.id))
        }
        (Some("forum"), Some(slug), _) => {
            Ok(model::find_category(conn, slug)?.and_then(|c| c.category.company_id))
        }
        (Some("threads"), Some(id), _) => match id.parse::<ThreadId>() {
            Ok(id) => Ok(model::find_thread(conn, id)?.and_then(|t| t.company_id)),
            Err(_) => Ok(None),
        },
        _ => Ok(None),
    }
}
