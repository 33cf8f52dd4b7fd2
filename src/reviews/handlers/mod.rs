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
use crate::kernel::error::AppError;
use crate::kernel::ids::ReviewId;
use crate::kernel::user::CurrentUser;
use crate::reviews::model::{self, Review};
use crate::state::AppState;

pub type Query = web::Query<HashMap<String, String>>;

pub async fn load_company(state: &AppState, slug: String) -> Result<Company, AppError> {
    state
        .db
        .run(move |conn| companies::find_by_slug(conn, &slug).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)
}

/// A review and its company, when `viewer` may read the review's words.
pub async fn readable_review(
    state: &AppState,
    id: ReviewId,
    viewer: &CurrentUser,
) -> Result<(Review, Company), AppError> {
    let viewer = viewer.clone();
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let review = model::find_review(conn, id)?
                .filter(|r| r.sight(Some(&viewer)).shows_text())
                .ok_or(AppError::NotFound)?;
            let company =
                companies::find_company(conn, review.company_id)?.ok_or(AppError::NotFound)?;
            Ok((review, company))
        })
        .await
}
