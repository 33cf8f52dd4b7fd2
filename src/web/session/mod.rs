//! The session. Two cookies: the login cookie holds the random token of a
//! row in the session table (`store`), so that the server decides which
//! sessions are open and ending one ends it everywhere the cookie was copied
//! to; the signed and encrypted `tillit_session` cookie holds only the CSRF
//! token and flash messages, for visitors and users alike.
//!
//! Handlers log in and out through `log_in` and `log_out`; the cookie they
//! set or remove rides in the request's extensions until the `set_login_cookie`
//! middleware puts it on the response.

pub mod store;

use std::future::Future;
use std::pin::Pin;

use actix_session::{Session, SessionExt};
use actix_web::body::MessageBody;
use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{dev::Payload, web, FromRequest, HttpMessage, HttpRequest};

use crate::kernel::error::AppError;
use crate::kernel::ids::{SessionId, UserId};
use crate::kernel::tokens::random_token;
use crate::kernel::user::{self, CurrentUser};
use crate::state::AppState;
use crate::web::client;

const CSRF_KEY: &str = "csrf";
const FLASH_KEY: &str = "flash";

/// The cookies' names. Over https they carry the `__Host-` prefix, which
/// browsers accept only from a secure origin, for the whole site (`Path=/`)
/// and with no `Domain`: a neighbouring subdomain cannot plant or widen them.
pub fn login_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-tillit_login"
    } else {
        "tillit_login"
    }
}

pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-tillit_session"
    } else {
        "tillit_session"
    }
}

/// The user behind this request and the session it came with, loaded once
/// and kept in the request's extensions for every later extractor and the
/// error pages.
#[derive(Clone)]
struct LoadedUser(Option<(CurrentUser, SessionId)>);

/// A change to the login cookie, made by a handler and applied to the
/// response by `set_login_cookie`.
#[derive(Clone)]
enum LoginCookieChange {
    Set { token: String, remember: bool },
    Clear,
}

/// The session's CSRF token, created on first use.
pub fn csrf_token(session: &Session) -> String {
    match session.get::<String>(CSRF_KEY) {
        Ok(Some(token)) => token,
        _ => {
            let token = random_token();
            // A failed insert only means the next form post is rejected with a readable page.
            let _ = session.insert(CSRF_KEY, &token);
            token
        }
    }
}

pub fn stored_csrf_token(session: &Session) -> Option<String> {
    session.get::<String>(CSRF_KEY).ok().flatten()
}

fn app_state(req: &HttpRequest) -> Result<web::Data<AppState>, AppError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::internal("application state missing"))
}

/// Opens a session for `user_id` on this browser: a new row, a new login
/// cookie (kept across browser restarts only with `remember`), and a fresh
/// CSRF token.
pub async fn log_in(
    req: &HttpRequest,
    user_id: UserId,
    remember: bool,
) -> Result<SessionId, AppError> {
    let state = app_state(req)?;
    let user_agent = req
        .headers()
        .get(actix_web::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let address_hash = client::address_hash(req);
    let lifetimes = state.config.session_lifetimes();
    let (id, token) = state
        .db
        .write(move |conn| {
            let new = store::NewSession {
                user: user_id,
                remember,
                user_agent: &user_agent,
                address_hash: &address_hash,
            };
            store::create(conn, &new, &lifetimes, crate::db::now()).map_err(AppError::from)
        })
        .await?;
    let session = req.get_session();
    session.renew();
    session.remove(FLASH_KEY);
    session
        .insert(CSRF_KEY, random_token())
        .map_err(AppError::internal)?;
    req.extensions_mut()
        .insert(LoginCookieChange::Set { token, remember });
    Ok(id)
}

/// Ends this browser's session: its row goes, so the cookie opens nothing
/// even where it was copied to; the browser forgets both cookies.
pub async fn log_out(req: &HttpRequest) -> Result<Option<(UserId, SessionId)>, AppError> {
    let ended = current_user(req)
        .await?
        .map(|user| (user.id, current_session_id(req)));
    if let Some((_, Some(id))) = ended {
        let state = app_state(req)?;
        state
            .db
            .write(move |conn| store::end(conn, id).map_err(AppError::from))
            .await?;
    }
    forget(req);
    Ok(ended.and_then(|(user, id)| id.map(|id| (user, id))))
}

/// Makes this browser forget its session without touching the table (the
/// row is gone already, e.g. after "log out everywhere").
pub fn forget(req: &HttpRequest) {
    req.get_session().purge();
    req.extensions_mut().insert(LoginCookieChange::Clear);
    req.extensions_mut().insert(LoadedUser(None));
}

/// The session this request came with, if it belongs to a logged-in user.
pub fn current_session_id(req: &HttpRequest) -> Option<SessionId> {
    req.extensions()
        .get::<LoadedUser>()
        .and_then(|loaded| loaded.0.as_ref().map(|(_, id)| *id))
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Flash {
    pub kind: FlashKind,
    pub key: String,
}

#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub enum FlashKind {
    Success,
    Info,
    Error,
}

impl FlashKind {
    pub fn css(self) -> &'static str {
        match self {
            FlashKind::Success => "flash flash-success",
            FlashKind::Info => "flash flash-info",
            FlashKind::Error => "flash flash-error",
        }
    }
}

/// Queues a message (a translation key) for the next page this browser sees.
pub fn flash(session: &Session, kind: FlashKind, key: &str) {
    let mut flashes = session
        .get::<Vec<Flash>>(FLASH_KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    flashes.push(Flash {
        kind,
        key: key.to_string(),
    });
    let _ = session.insert(FLASH_KEY, flashes);
}

pub fn has_flashes(session: &Session) -> bool {
    session
        .get::<Vec<Flash>>(FLASH_KEY)
        .ok()
        .flatten()
        .is_some_and(|f| !f.is_empty())
}

pub fn take_flashes(session: &Session) -> Vec<Flash> {
    session
        .remove_as::<Vec<Flash>>(FLASH_KEY)
        .and_then(Result::ok)
        .unwrap_or_default()
}

/// Loads the session's user (once per request): the login cookie's token
/// must name an open session of an account that is not suspended.
pub async fn current_user(req: &HttpRequest) -> Result<Option<CurrentUser>, AppError> {
    if let Some(LoadedUser(loaded)) = req.extensions().get::<LoadedUser>() {
        return Ok(loaded.as_ref().map(|(user, _)| user.clone()));
    }
    let state = app_state(req)?;
    let secure = state.config.secure_cookies();
    let Some(token) = req
        .cookie(login_cookie_name(secure))
        .map(|c| c.value().to_string())
    else {
        req.extensions_mut().insert(LoadedUser(None));
        return Ok(None);
    };
    let lifetimes = state.config.session_lifetimes();
    let loaded = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let Some(session) = store::find_live(conn, &token, &lifetimes, crate::db::now())?
            else {
                return Ok(None);
            };
            Ok(user::load(conn, session.user_id)?.map(|user| (user, session.id)))
        })
        .await?;
    if loaded.is_none() {
        // Ended, expired or unknown: the browser forgets the cookie.
        req.extensions_mut().insert(LoginCookieChange::Clear);
    }
    let user = loaded.as_ref().map(|(user, _)| user.clone());
    req.extensions_mut().insert(LoadedUser(loaded));
    Ok(user)
}

/// The user, if the request carries one that was already loaded. Used by the
/// error pages, which cannot wait on the database.
pub fn loaded_user(req: &HttpRequest) -> Option<CurrentUser> {
    req.extensions()
        .get::<LoadedUser>()
        .and_then(|loaded| loaded.0.as_ref().map(|(user, _)| user.clone()))
}

/// Extractor: any visitor, logged in or not.
pub struct MaybeUser(pub Option<CurrentUser>);

impl FromRequest for MaybeUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(MaybeUser(current_user(&req).await?)) })
    }
}

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { current_user(&req).await?.ok_or(AppError::LoginRequired) })
    }
}

/// Extractor: a logged-in administrator, else 403 (or the login page).
pub struct Admin(pub CurrentUser);

impl FromRequest for Admin {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let user = current_user(&req).await?.ok_or(AppError::LoginRequired)?;
            user::can_administer(&user)?;
            Ok(Admin(user))
        })
    }
}

/// The logged-in user for an extractor of its own (`LoginRequired` for a
/// visitor), with the application state and a typed path parameter: what
/// the extractors that load an item for its user need.
pub async fn user_state_and_id<T: std::str::FromStr>(
    req: &HttpRequest,
    name: &str,
) -> Result<(CurrentUser, web::Data<AppState>, T), AppError> {
    let user = current_user(req).await?.ok_or(AppError::LoginRequired)?;
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::internal("the application state is missing"))?;
    let id = req
        .match_info()
        .get(name)
        .and_then(|v| v.parse().ok())
        .ok_or(AppError::NotFound)?;
    Ok((user, state, id))
}

/// The middleware (`middleware::from_fn(set_login_cookie)`) that puts a
/// login or logout's cookie change on the response.
pub async fn set_login_cookie(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut res = next.call(req).await?;
    let change = res
        .request()
        .extensions()
        .get::<LoginCookieChange>()
        .cloned();
    let Some(change) = change else {
        return Ok(res);
    };
    let state = res.request().app_data::<web::Data<AppState>>().cloned();
    let secure = state.as_ref().is_some_and(|s| s.config.secure_cookies());
    let lifetime = state.as_ref().map_or(chrono::Duration::days(90), |s| {
        s.config.session_lifetimes().absolute
    });
    let cookie = login_cookie(secure, lifetime, &change);
    res.response_mut()
        .add_cookie(&cookie)
        .map_err(actix_web::error::ErrorInternalServerError)?;
    Ok(res)
}

fn login_cookie(
    secure: bool,
    lifetime: chrono::Duration,
    change: &LoginCookieChange,
) -> Cookie<'static> {
    let (value, max_age) = match change {
        LoginCookieChange::Set { token, remember } => (
            token.clone(),
            remember.then(|| CookieDuration::seconds(lifetime.num_seconds())),
        ),
        LoginCookieChange::Clear => (String::new(), Some(CookieDuration::ZERO)),
    };
    let mut cookie = Cookie::build(login_cookie_name(secure), value)
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .finish();
    if let Some(max_age) = max_age {
        cookie.set_max_age(max_age);
    }
    cookie
}
