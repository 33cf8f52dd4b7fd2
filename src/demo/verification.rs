//! Demo verification: every demo review is scored, and Nordlys's staff ask
//! a moderator to verify the harshest review of the company, so the
//! verification queue has something to show on a fresh site.

use diesel::prelude::*;

use crate::db::schema::reviews;
use crate::db::DbConn;
use crate::kernel::error::AppError;
use crate::kernel::ids::{CompanyId, ReviewId, UserId};
use crate::verification::model::{self, Origin, TRIGGER_COMPANY};

pub fn seed(conn: &mut DbConn, company: CompanyId, staff: UserId) -> Result<(), AppError> {
    let ids: Vec<ReviewId> = reviews::table
        .select(reviews::id)
        .order(reviews::id)
        .load(conn)?;
    for id in ids {
        model::assess(conn, id, &Origin::default())?;
    }
    let harshest: Option<ReviewId> = reviews::table
        .filter(reviews::company_id.eq(company))
        .order((reviews::rating, reviews::id))
        .select(reviews::id)
        .first(conn)
        .optional()?;
    if let Some(id) = harshest {
        if let Some(review) = crate::reviews::model::find_review(conn, id)? {
            model::enqueue(conn, &review, TRIGGER_COMPANY, Some(staff))?;
        }
    }
    Ok(())
}
