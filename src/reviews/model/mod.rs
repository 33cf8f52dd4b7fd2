//! The reviews' data, a file per concept: reviews, their labels, the
//! company's replies, and invitations.

pub mod invitations;
pub mod labels;
pub mod replies;
pub mod reviews;
pub mod search;

pub use invitations::*;
pub use labels::*;
pub use replies::*;
pub use reviews::*;
