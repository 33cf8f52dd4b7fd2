//! Tillit: a customer community — support forum and company review pages —
//! with moderation that keeps pages clean without silencing criticism.
//!
//! The library builds the whole application from a `Config`; the binary in
//! `main.rs` and every test use the same `app()` builder.

pub mod accounts;
pub mod benchdata;
pub mod community;
pub mod companies;
pub mod config;
pub mod db;
pub mod demo;
pub mod forum;
pub mod jobs;
pub mod kernel;
pub mod mail;
pub mod moderation;
pub mod privacy;
pub mod reviews;
pub mod search;
pub mod state;
pub mod support;
pub mod verification;
pub mod web;

use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::storage::CookieSessionStore;
use actix_session::SessionMiddleware;
use actix_web::body::MessageBody;
use actix_web::cookie::{time::Duration as CookieDuration, SameSite};
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{from_fn, Compress, ErrorHandlers};
use actix_web::{web as aweb, App};

use crate::state::AppState;

/// The state every instance starts with: connected, migrated, and holding
/// the data the application cannot run without (the guidelines, the
/// watched words shipped with it).
pub fn start(
    config: config::Config,
    mailer: mail::Mailer,
    session_key: actix_web::cookie::Key,
) -> Result<AppState, String> {
    AppState::new(config, mailer, session_key, |conn| {
        moderation::guidelines::seed(conn).map_err(|e| format!("seeding the guidelines: {e}"))?;
        moderation::model::watched::seed(conn)
            .map(|_| ())
            .map_err(|e| format!("seeding the watched words: {e}"))
    })
}

/// The capabilities' periodic jobs, run every `jobs::PERIODIC_INTERVAL` in
/// this order by the background runner.
pub static PERIODIC_JOBS: [jobs::Periodic; 9] = [
    jobs::Periodic {
        name: "response-time badges",
        in_write_transaction: false,
        // The count is of companies, every time: nothing to report.
        work: |conn, job| Ok(support::model::recompute(conn, job.at).map(|_| 0)?),
    },
    jobs::Periodic {
        name: "figures rollup",
        in_write_transaction: false,
        work: |conn, job| Ok(support::rollup::refresh(conn, job.at).map(|_| 0)?),
    },
    jobs::Periodic {
        name: "edit deadlines",
        in_write_transaction: true,
        work: |conn, job| Ok(moderation::model::follow_up_edit_requests(conn, job.at)?),
    },
    jobs::Periodic {
        name: "verification deadlines",
        in_write_transaction: true,
        // Unanswered requests end as "not verified", with an automatic
        // statement the reviewer can appeal (in English when they chose no
        // language: a job has no visitor to take one from).
        work: |conn, job| {
            let recipients = verification::model::expire(conn, job.at)?;
            moderation::emails::send(conn, kernel::i18n::Lang::En, &job.base_url, &recipients)?;
            Ok(recipients.len())
        },
    },
    jobs::Periodic {
        name: "text fingerprints retention",
        in_write_transaction: true,
        work: |conn, _| Ok(moderation::model::trust::remove_old_fingerprints(conn)?),
    },
    jobs::Periodic {
        name: "data retention",
        in_write_transaction: true,
        work: |conn, job| Ok(privacy::retention::apply(conn, job.at)?),
    },
    jobs::Periodic {
        name: "data exports",
        in_write_transaction: true,
        // Requests the instance that took them did not finish (a restart).
        work: |conn, job| {
            privacy::handlers::prepare_pending(conn, &job.base_url, kernel::i18n::Lang::En)
        },
    },
    jobs::Periodic {
        name: "review score ageing",
        in_write_transaction: true,
        // Weights halve with age, so scores move with time alone.
        work: |conn, job| Ok(reviews::model::age_scores(conn, job.at)?),
    },
    jobs::Periodic {
        name: "notification digests",
        in_write_transaction: true,
        work: |conn, job| {
            community::digest::send_due(conn, job.at, &job.base_url, kernel::i18n::Lang::En)
        },
    },
];

/// Every capability's routes (see `web::routes` for how they are mounted).
fn route_table() -> web::routes::RouteTable {
    let mut table = web::routes::RouteTable::new();
    web::assets::routes(&mut table);
    accounts::routes(&mut table);
    privacy::routes(&mut table);
    community::routes(&mut table);
    companies::routes(&mut table);
    reviews::routes(&mut table);
    forum::routes(&mut table);
    search::routes(&mut table);
    support::routes(&mut table);
    moderation::routes(&mut table);
    verification::routes(&mut table);
    table
}

/// The method and path of every route the application serves.
pub fn routes() -> Vec<(actix_web::http::Method, &'static str)> {
    route_table().list()
}

/// The cookie with the CSRF token and flash messages lives two weeks after
/// the last visit; logins have their own cookie (`web::session`).
const SESSION_DAYS: i64 = 14;

/// The whole application. Middleware order, outermost first: security
/// headers, compression, request log, session, login cookie, error pages,
/// input guard, CSRF. Error pages sit inside the session so a CSRF token they create is
/// saved, and inside the login cookie's middleware so that a page that
/// ended a session (or found it ended) also clears the cookie.
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
            .cookie_name(web::session::session_cookie_name(secure).to_string())
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
                .error_handler(|_, _| kernel::AppError::BadRequest("error-400-text").into()),
        )
        .app_data(
            aweb::PathConfig::default().error_handler(|_, _| kernel::AppError::NotFound.into()),
        )
        .configure(|cfg| route_table().mount(cfg))
        .wrap(web::csrf::CsrfGuard)
        .wrap(from_fn(web::input::refuse_hostile_bytes))
        .wrap(ErrorHandlers::new().default_handler(web::error_pages::render_error_page))
        .wrap(from_fn(web::session::set_login_cookie))
        .wrap(session)
        .wrap(tracing_actix_web::TracingLogger::<
            web::request_log::RequestSpan,
        >::new())
        .wrap(Compress::default())
        .wrap(web::headers::security_headers(secure))
}
