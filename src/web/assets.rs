//! Static files compiled into the binary (no CDN, nothing to deploy beside
//! it), plus `/robots.txt` and `/healthz`.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use diesel::RunQueryDsl;

use crate::kernel::error::AppError;
use crate::state::AppState;

const STYLE_CSS: &str = include_str!("../../assets/style.css");
const FAVICON_SVG: &str = include_str!("../../assets/favicon.svg");
const MODERATION_JS: &str = include_str!("../../assets/moderation.js");

/// Assets are addressed by a version in the URL, so they can be cached for a
/// year: a hash of their contents, so any change to them is a new address
/// (the crate's version stays the same across many changes).
pub const ASSET_VERSION: u64 =
    fnv1a(STYLE_CSS) ^ fnv1a(MODERATION_JS).rotate_left(21) ^ fnv1a(FAVICON_SVG).rotate_left(42);

/// FNV-1a, at compile time.
const fn fnv1a(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    cfg.get("/assets/{version}/style.css", style)
        .get("/assets/{version}/favicon.svg", favicon)
        .get("/assets/{version}/moderation.js", moderation_js)
        .get("/favicon.ico", favicon)
        .get("/robots.txt", robots)
        .get("/healthz", healthz);
}

fn immutable(content_type: &str, body: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(body)
}

async fn style() -> HttpResponse {
    immutable("text/css; charset=utf-8", STYLE_CSS)
}

async fn moderation_js() -> HttpResponse {
    immutable("text/javascript; charset=utf-8", MODERATION_JS)
}

async fn favicon() -> HttpResponse {
    immutable("image/svg+xml", FAVICON_SVG)
}

async fn robots() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body(
            "User-agent: *\nDisallow: /admin\nDisallow: /account\nDisallow: /moderation/cases\n\
             Disallow: /flag\nDisallow: /notifications\n",
        )
}

async fn healthz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    state
        .db
        .run(|conn| {
            diesel::sql_query("SELECT 1")
                .execute(conn)
                .map_err(AppError::from)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok\n"))
}
