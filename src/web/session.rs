//! The session: a signed and encrypted cookie holding the user id, the
//! session generation it was issued under, the CSRF token and flash messages.
//! The generation is compared with the database on every request, so "log out
//! everywhere" and a password change revoke every other session even though
//! the servers keep no session state.

use std::future::Future;
use std::pin::Pin;

use actix_session::{Session, SessionExt};
use actix_web::{dev::Payload, web, FromRequest, HttpMessage, HttpRequest};

use crate::kernel::error::AppError;
use crate::kernel::ids::UserId;
use crate::kernel::tokens::random_token;
use crate::kernel::user::{self, CurrentUser};
use crate::state::AppState;

const USER_KEY: &str = "uid";
const GENERATION_KEY: &str = "gen";
const CSRF_KEY: &str = "csrf";
const FLASH_KEY: &str = "flash";

/// The user behind this request, loaded once and kept in the request's
/// extensions for every later extractor and the error pages.
#[derive(Clone)]
struct LoadedUser(Option<CurrentUser>);

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

/// Starts a fresh session for `user_id`: new cookie, new CSRF token.
pub fn log_in(session: &Session, user_id: UserId, generation: i64) -> Result<(), AppError> {
    session.renew();
    session.remove(FLASH_KEY);
    session
        .insert(USER_KEY, user_id.0)
        .map_err(AppError::internal)?;
    session
        .insert(GENERATION_KEY, generation)
        .map_err(AppError::internal)?;
    session
        .insert(CSRF_KEY, random_token())
        .map_err(AppError::internal)?;
    Ok(())
}

/// Keeps the current session valid after its generation was bumped (a
/// password change logs out the others, not the one that made the change).
pub fn set_generation(session: &Session, generation: i64) -> Result<(), AppError> {
    session
        .insert(GENERATION_KEY, generation)
        .map_err(AppError::internal)
}

pub fn log_out(session: &Session) {
    session.purge();
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

/// Loads the session's user (once per request) and checks its generation.
pub async fn current_user(req: &HttpRequest) -> Result<Option<CurrentUser>, AppError> {
    if let Some(LoadedUser(user)) = req.extensions().get::<LoadedUser>() {
        return Ok(user.clone());
    }
    let session = req.get_session();
    let user_id = session.get::<i64>(USER_KEY).ok().flatten();
    let generation = session.get::<i64>(GENERATION_KEY).ok().flatten();
    let user = match (user_id, generation) {
        (Some(id), Some(generation)) => {
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| AppError::internal("application state missing"))?;
            let loaded = state
                .db
                .run(move |conn| user::load(conn, UserId(id)))
                .await?;
            match loaded {
                Some(user) if user.session_generation == generation => Some(user),
                _ => {
                    // Revoked or deleted: forget the identity, keep nothing else either.
                    session.purge();
                    None
                }
            }
        }
        _ => None,
    };
    req.extensions_mut().insert(LoadedUser(user.clone()));
    Ok(user)
}

/// The user, if the request carries one that was already loaded. Used by the
/// error pages, which cannot wait on the database.
pub fn loaded_user(req: &HttpRequest) -> Option<CurrentUser> {
    req.extensions()
        .get::<LoadedUser>()
        .and_then(|loaded| loaded.0.clone())
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
