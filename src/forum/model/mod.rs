//! The forum's data: a file per concept. The capability's other modules
//! (and other capabilities) use these through the re-exports below.

pub mod categories;
pub mod hanging;
pub mod posts;
pub mod reads;
pub mod search;
pub mod subscriptions;
pub mod threads;

pub use categories::*;
pub use hanging::*;
pub use posts::*;
pub use search::*;
pub use subscriptions::*;
pub use threads::*;
