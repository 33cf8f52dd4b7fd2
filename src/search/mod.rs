//! Search: one page over threads and replies the public reads (the
//! forum's full-text index), reviews (theirs), companies by name, and FAQ
//! entries, narrowed to one kind or one company if asked; a search that
//! finds nothing is remembered (the holes in the self-help content). Its
//! own module because it reads four capabilities and none owns it.

use actix_web::{web, HttpResponse};

use diesel::QueryResult;

use crate::db::DbConn;
use crate::forum::model;
use crate::kernel::error::AppError;
use crate::kernel::ids::{CompanyId, ThreadId};
use crate::kernel::markdown::source_as_text;
use crate::search::views::{highlight_snippet, HitView, ReviewHitView, SearchPage};
use crate::state::AppState;
use crate::web::layout::{render, PageCtx};
use crate::web::routes::PageRequest;

pub mod views;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    cfg.public("/search", search_page);
}

/// What a search looks through: everything, or one kind of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    Forum,
    Reviews,
    Faq,
}

impl Scope {
    pub const ALL: [Scope; 4] = [Scope::All, Scope::Forum, Scope::Reviews, Scope::Faq];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::All => "all",
            Scope::Forum => "forum",
            Scope::Reviews => "reviews",
            Scope::Faq => "faq",
        }
    }

    pub fn parse(value: &str) -> Scope {
        Scope::ALL
            .into_iter()
            .find(|s| s.as_str() == value)
            .unwrap_or(Scope::All)
    }

    fn includes(self, part: Scope) -> bool {
        self == Scope::All || self == part
    }
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
    let scope = Scope::parse(query.get("in").map_or("", String::as_str));
    let company_slug = query.get("company").cloned().unwrap_or_default();
    let all_companies = state
        .db
        .run(|conn| crate::companies::model::all_companies(conn).map_err(AppError::from))
        .await?;
    let company = all_companies
        .iter()
        .find(|c| c.slug == company_slug)
        .map(|c| c.id);
    let mut page = SearchPage {
        ctx,
        query: text.clone(),
        scope,
        company_slug: company.map(|_| company_slug.clone()).unwrap_or_default(),
        all_companies,
        hits: Vec::new(),
        reviews: Vec::new(),
        companies: Vec::new(),
        faq: Vec::new(),
    };
    if text.is_empty() {
        return render(&page);
    }
    let probe = text.clone();
    let faq_slug = page.company_slug.clone();
    let (hits, reviews, companies, faq) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let terms = model::search_terms(&probe);
            let hits = if scope.includes(Scope::Forum) {
                model::search(conn, &probe)?
                    .into_iter()
                    .filter(|h| company.is_none() || h.company_id == company)
                    .collect()
            } else {
                Vec::new()
            };
            let reviews = if scope.includes(Scope::Reviews) {
                crate::reviews::model::search::search_reviews(conn, &terms, company)?
            } else {
                Vec::new()
            };
            let companies = if scope == Scope::All && company.is_none() {
                crate::companies::model::search_companies(conn, &probe, 10)?
            } else {
                Vec::new()
            };
            let faq = if scope.includes(Scope::Faq) {
                crate::support::faq::search(conn, &terms)?
                    .into_iter()
                    .filter(|(_, _, slug)| faq_slug.is_empty() || *slug == faq_slug)
                    .collect()
            } else {
                Vec::new()
            };
            Ok((hits, reviews, companies, faq))
        })
        .await?;
    let missed = hits.is_empty() && reviews.is_empty() && companies.is_empty() && faq.is_empty();
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
    page.hits = hits
        .into_iter()
        .map(|hit| HitView {
            segments: highlight_snippet(&source_as_text(&hit.snippet)),
            hit,
        })
        .collect();
    page.reviews = reviews
        .into_iter()
        .map(|hit| ReviewHitView {
            segments: highlight_snippet(&source_as_text(&hit.snippet)),
            hit,
        })
        .collect();
    page.companies = companies;
    page.faq = faq;
    let mut response = render(&page)?;
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
