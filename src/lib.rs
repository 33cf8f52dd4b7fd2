//! Tillit: a customer community — support forum and company review pages —
//! with moderation that keeps pages clean without silencing criticism.
//!
//! The library builds the whole application from a `Config`; the binary in
//! `main.rs` and every test use the same `app()` builder.

pub mod accounts;
pub mod benchdata;
pub mod config;
pub mod db;
pub mod demo;
pub mod forum;
pub mod ids;
pub mod jobs;
pub mod mail;
pub mod moderation;
pub mod reviews;
pub mod support;
pub mod verification;
pub mod web;

use std::path::Path;
use std::sync::Arc;

use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::storage::CookieSessionStore;
use actix_session::SessionMiddleware;
use actix_web::body::MessageBody;
use actix_web::cookie::{time::Duration as CookieDuration, Key, SameSite};
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{Compress, ErrorHandlers};
use actix_web::{web as aweb, App};
use tokio::sync::Notify;

use crate::config::Config;
use crate::db::{Backend, Db};
use crate::mail::Mailer;

/// What every handler can reach.
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub mailer: Mailer,
    /// Wakes the outbox worker as soon as a message is queued.
    pub outbox_signal: Arc<Notify>,
    pub session_key: Key,
    /// Rendered public pages for anonymous visitors.
    pub pages: Arc<web::page_cache::PageCache>,
}

/// Memory the page cache may use (a page is 20–60 kB).
const PAGE_CACHE_BYTES: usize = 32 * 1024 * 1024;

impl AppState {
    /// Connects, migrates, and assembles the state.
    pub fn new(config: Config, mailer: Mailer, session_key: Key) -> Result<AppState, String> {
        let backend = Backend::of_url(&config.database_url);
        let pool =
            db::build_pool(&config.database_url, config.db_pool_size).map_err(|e| e.to_string())?;
        {
            let mut conn = pool
                .get()
                .map_err(|e| format!("connecting to the database: {e}"))?;
            db::run_migrations(&mut conn).map_err(|e| e.to_string())?;
            moderation::guidelines::seed(&mut conn)
                .map_err(|e| format!("seeding the guidelines: {e}"))?;
        }
        let pages = web::page_cache::PageCache::new(
            std::time::Duration::from_secs(config.page_cache_seconds),
            PAGE_CACHE_BYTES,
        );
        Ok(AppState {
            pages: Arc::new(pages),
            db: Db::new(pool, backend),
            config: Arc::new(config),
            mailer,
            outbox_signal: Arc::new(Notify::new()),
            session_key,
        })
    }
}

/// Reads the session key from `path`, creating it (64 random bytes, hex,
/// readable by the owner only) on first start.
pub fn load_or_create_key(path: &Path) -> Result<Key, String> {
    if let Ok(text) = std::fs::read_to_string(path) {
        let bytes =
            hex::decode(text.trim()).map_err(|e| format!("{}: not hex: {e}", path.display()))?;
        return Key::try_from(bytes.as_slice()).map_err(|e| format!("{}: {e}", path.display()));
    }
    let key = Key::generate();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    }
    std::fs::write(path, hex::encode(key.master()))
        .map_err(|e| format!("writing {}: {e}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    Ok(key)
}

/// Every capability's routes (see `web::routes` for how they are mounted).
fn route_table() -> web::routes::RouteTable {
    let mut table = web::routes::RouteTable::new();
    web::assets::routes(&mut table);
    accounts::routes(&mut table);
    reviews::routes(&mut table);
    forum::routes(&mut table);
    support::routes(&mut table);
    moderation::routes(&mut table);
    verification::routes(&mut table);
    table
}

/// Session cookies live two weeks after the last visit.
const SESSION_DAYS: i64 = 14;

/// The whole application. Middleware order, outermost first: security
/// headers, compression, request log, session, error pages, CSRF. Error
/// pages sit inside the session so a CSRF token they create is saved.
pub fn app(
    state: aweb::Data<AppState>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let secure = state.config.secure_cookies();
    let session =
        SessionMiddleware::builder(CookieSessionStore::default(), state.session_key.clone())
            .cookie_name("tillit_session".to_string())
            .cookie_content_security(CookieContentSecurity::Private)
            .cookie_http_only(true)
            .cookie_same_site(SameSite::Lax)
            .cookie_secure(secure)
            .session_lifecycle(
                PersistentSession::default().session_ttl(CookieDuration::days(SESSION_DAYS)),
            )
            .build();
    App::new()
        .app_data(state)
        .app_data(
            aweb::QueryConfig::default()
                .error_handler(|_, _| web::AppError::BadRequest("error-400-text").into()),
        )
        .app_data(aweb::PathConfig::default().error_handler(|_, _| web::AppError::NotFound.into()))
        .configure(|cfg| route_table().mount(cfg))
        .wrap(web::csrf::CsrfGuard)
        .wrap(ErrorHandlers::new().default_handler(web::error_pages::render_error_page))
        .wrap(session)
        .wrap(tracing_actix_web::TracingLogger::default())
        .wrap(Compress::default())
        .wrap(web::headers::security_headers(secure))
}
