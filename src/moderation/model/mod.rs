//! Moderation's data, a file per concept: cases and the queue, decisions
//! (each its own statement of reasons), flags, appeals, notifications, what
//! the automatic checks do, and what the public log reads. Nothing here
//! deletes content: an item's state changes, redacted originals stay in the
//! decision row.

pub mod appeals;
pub mod cases;
pub mod decisions;
pub mod flags;
pub mod log;
pub mod misuse;
pub mod notices;
pub mod notifications;
pub mod report_appeals;
pub mod screening;
pub mod trust;
pub mod watched;

pub use appeals::*;
pub use cases::*;
pub use decisions::*;
pub use flags::*;
pub use log::*;
pub use notices::*;
pub use notifications::*;
pub use report_appeals::*;
pub use screening::*;
