//! The response-time badge as an image for a company's own site, in the
//! language the page asks for (`?lang=sv`) or the browser's.

use actix_web::http::header;
use actix_web::{web, HttpResponse};

use crate::kernel::error::AppError;
use crate::state::AppState;
use crate::support::{badge, model};
use crate::web::layout::Page;

pub async fn image(
    state: web::Data<AppState>,
    Page(mut ctx): Page,
    path: web::Path<String>,
    query: web::Query<std::collections::HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    if let Some(lang) = query
        .get("lang")
        .and_then(|l| crate::kernel::i18n::Lang::from_code(l))
    {
        ctx.lang = lang;
        ctx.tz = lang.home_zone();
    }
    let stored = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let company =
                crate::companies::model::find_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            Ok(model::response_time(conn, company.id)?)
        })
        .await?;
    let text = model::badge_text(&ctx, stored.as_ref());
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml; charset=utf-8")
        // Other sites show it: it may be cached a little while, anywhere.
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .insert_header(("Cross-Origin-Resource-Policy", "cross-origin"))
        .body(badge::svg(&text)))
}
