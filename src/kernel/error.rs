//! One error type for the web layer. Every kind is a user-facing outcome; the
//! error-page middleware (`web::pages`) turns it into a page in the site's
//! layout, in the visitor's language. Causes are logged, never shown.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

use crate::db::DbError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// Forbidden with a reason the user can act on (a translation key).
    #[error("denied: {0}")]
    Denied(&'static str),
    #[error("login required")]
    LoginRequired,
    #[error("invalid or missing CSRF token")]
    Csrf,
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// A NUL byte or bytes that are not UTF-8 where text was expected.
    #[error("input with characters that cannot be kept")]
    BadInput,
    #[error("rate limited; retry after {retry_after_secs}s")]
    RateLimited { retry_after_secs: u64 },
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("internal: {0}")]
    Internal(String),
}

/// What the error page shows, attached to the response by `AppError` and read
/// by the page renderer: a translation key for the headline and one for the
/// explanation, plus an optional number of seconds to wait.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub title_key: &'static str,
    pub message_key: &'static str,
    pub retry_after_secs: Option<u64>,
}

impl AppError {
    pub fn info(&self) -> ErrorInfo {
        let (title_key, message_key) = match self {
            AppError::NotFound => ("error-404-title", "error-404-text"),
            AppError::Forbidden => ("error-403-title", "error-403-text"),
            AppError::Denied(key) => ("error-403-title", *key),
            AppError::LoginRequired => ("error-403-title", "error-login-required"),
            AppError::Csrf => ("error-403-title", "error-csrf-text"),
            AppError::BadRequest(key) => ("error-400-title", *key),
            AppError::BadInput => ("error-400-title", "error-bad-characters"),
            AppError::RateLimited { .. } => ("error-429-title", "error-429-text"),
            AppError::PayloadTooLarge => ("error-400-title", "error-too-large"),
            AppError::UnsupportedMediaType => ("error-400-title", "error-content-type"),
            AppError::Conflict(key) => ("error-409-title", *key),
            AppError::Internal(_) => ("error-500-title", "error-500-text"),
        };
        let retry_after_secs = match self {
            AppError::RateLimited { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        };
        ErrorInfo {
            title_key,
            message_key,
            retry_after_secs,
        }
    }

    pub fn internal(cause: impl std::fmt::Display) -> AppError {
        AppError::Internal(cause.to_string())
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> AppError {
        AppError::Internal(e.to_string())
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> AppError {
        match e {
            diesel::result::Error::NotFound => AppError::NotFound,
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> AppError {
        AppError::Internal(format!("template: {e}"))
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Denied(_) | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::LoginRequired => StatusCode::UNAUTHORIZED,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::BadInput => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::Internal(cause) = self {
            tracing::error!(%cause, "internal error");
        }
        let mut response = HttpResponse::build(self.status_code());
        if let AppError::RateLimited { retry_after_secs } = self {
            response.insert_header(("Retry-After", retry_after_secs.to_string()));
        }
        let mut response = response.finish();
        response.extensions_mut().insert(self.info());
        response
    }
}
