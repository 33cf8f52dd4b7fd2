//! Plumbing every capability uses: errors as pages, the session and its
//! user, CSRF, forms, flash messages, translations, security headers and the
//! layout.

pub mod assets;
pub mod client;
pub mod csrf;
pub mod error;
pub mod error_pages;
pub mod form;
pub mod headers;
pub mod i18n;
pub mod layout;
pub mod markdown;
pub mod notice;
pub mod page_cache;
pub mod routes;
pub mod session;
pub mod throttle;

pub use error::AppError;
pub use layout::{Page, PageCtx};
