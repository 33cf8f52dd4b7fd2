//! Typed ids, so that a company id can never be passed where a user id is
//! expected. Each maps to a BIGINT column.

use diesel_derive_newtype::DieselNewType;
use serde::{Deserialize, Serialize};

macro_rules! typed_id {
    ($name:ident) => {
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            PartialOrd,
            Ord,
            DieselNewType,
            Serialize,
            Deserialize,
        )]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse().map($name)
            }
        }
    };
}

typed_id!(UserId);
typed_id!(CompanyId);
typed_id!(CategoryId);
typed_id!(ThreadId);
typed_id!(PostId);
typed_id!(ReviewId);
// A company's public reply to a review.
typed_id!(ReplyId);
typed_id!(ClauseId);
typed_id!(CaseId);
typed_id!(DecisionId);
typed_id!(CannedId);
typed_id!(ConversationId);
typed_id!(IncidentId);
typed_id!(FaqId);
// A logged-in browser (a row of the session table).
typed_id!(SessionId);
