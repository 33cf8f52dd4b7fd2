//! The shared kernel: concepts every capability uses and none owns —
//! typed ids, translations, Markdown and the sanitised HTML type, tokens,
//! the personal-data detector, the error type, the current user, and the
//! user-authored item with its visibility gate. The kernel imports plumbing
//! (`db`) and nothing above it.

pub mod audit;
pub mod error;
pub mod gate;
pub mod i18n;
pub mod ids;
pub mod item;
pub mod markdown;
pub mod mention;
pub mod notify;
pub mod pii;
pub mod tokens;
pub mod user;

pub use error::AppError;
