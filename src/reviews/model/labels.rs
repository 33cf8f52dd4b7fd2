//! Labels on reviews: invited, edited, withdrawn, and the verification
//! outcomes. Stored as rows, one per label, so later labels need no schema
//! change.

use diesel::prelude::*;

use crate::db::schema::review_labels;
use crate::db::{now, DbConn};
use crate::kernel::ids::ReviewId;

pub const LABEL_INVITED: &str = "invited";
pub const LABEL_EDITED: &str = "edited";
pub const LABEL_WITHDRAWN: &str = "withdrawn";
pub const LABEL_VERIFICATION_REQUESTED: &str = "pending-verification";
pub const LABEL_VERIFIED: &str = "verified";
pub const LABEL_NOT_VERIFIED: &str = "not-verified";
pub const FILTERABLE_LABELS: [&str; 6] = [
    LABEL_INVITED,
    LABEL_EDITED,
    LABEL_WITHDRAWN,
    LABEL_VERIFICATION_REQUESTED,
    LABEL_VERIFIED,
    LABEL_NOT_VERIFIED,
];

pub fn label_key(label: &str) -> String {
    format!("review-label-{label}")
}

pub fn add_label(conn: &mut DbConn, review: ReviewId, label: &str) -> QueryResult<()> {
    crate::db::insert_unless_duplicate(conn, |conn| {
        diesel::insert_into(review_labels::table)
            .values((
                review_labels::review_id.eq(review),
                review_labels::label.eq(label),
                review_labels::created_at.eq(now()),
            ))
            .execute(conn)
    })?;
    Ok(())
}

/// Takes a label off (labels are state, not content: "verification
/// requested" gives way to the outcome).
pub fn remove_label(conn: &mut DbConn, review: ReviewId, label: &str) -> QueryResult<()> {
    diesel::delete(
        review_labels::table
            .filter(review_labels::review_id.eq(review))
            .filter(review_labels::label.eq(label)),
    )
    .execute(conn)?;
    Ok(())
}
