//! The reviews' pages and actions, a file per page family, and what they
//! share: a company by its slug, and a review loaded for someone about to
//! act on it (a review they may not read is not there for them: 404).

pub mod company_page;
pub mod invitations;
pub mod replies;
pub mod write;

use std::collections::HashMap;

use actix_web::web;

use crate::companies::model::{self as companies, Company};
use crate::db::DbConn;
use crate::kernel::error::AppError;
use crate::kernel::ids::ReviewId;
use crate::kernel::user::CurrentUser;
use crate::reviews::model::{self, Review};
use crate::state::AppState;
use crate::web::items::LoadForReader;

pub type Query = web::Query<HashMap<String, String>>;

pub async fn load_company(state: &AppState, slug: String) -> Result<Company, AppError> {
    state
        .db
        .run(move |conn| companies::find_by_slug(conn, &slug).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)
}

/// A review with its company, for handlers that act on a review its user
/// may read (`web::items::Readable<ReviewOfCompany>`).
pub struct ReviewOfCompany {
    pub review: Review,
    pub company: Company,
}

impl LoadForReader for ReviewOfCompany {
    type Id = ReviewId;

    fn load(conn: &mut DbConn, id: ReviewId, reader: &CurrentUser) -> Result<Self, AppError> {
        let review = model::find_review(conn, id)?
            .filter(|r| r.sight(Some(reader)).shows_text())
            .ok_or(AppError::NotFound)?;
        let company =
            companies::find_company(conn, review.company_id)?.ok_or(AppError::NotFound)?;
        Ok(ReviewOfCompany { review, company })
    }
}
