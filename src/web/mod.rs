//! HTTP plumbing every capability uses: the session and its user, CSRF,
//! forms, flash messages, error pages, security headers, the page cache,
//! the route table and the layout. It imports the kernel and `db`, never a
//! capability.

pub mod assets;
pub mod client;
pub mod csrf;
pub mod error_pages;
pub mod form;
pub mod headers;
pub mod input;
pub mod items;
pub mod layout;
pub mod notice;
pub mod page_cache;
pub mod request_log;
pub mod routes;
pub mod session;
pub mod throttle;

pub use layout::{Page, PageCtx};
