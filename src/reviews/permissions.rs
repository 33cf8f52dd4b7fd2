//! Who may do what with reviews. The rule of this capability: nothing a
//! company's staff can reach changes, hides or removes a review of their
//! company. Staff reply, invite, and read references — nothing else.

use crate::kernel::error::AppError;
use crate::kernel::ids::CompanyId;
use crate::kernel::user::CurrentUser;
use crate::reviews::model::Review;

/// A customer with a confirmed address, not suspended, not staff of the company.
pub fn can_review(user: &CurrentUser, company: CompanyId) -> Result<(), AppError> {
    crate::kernel::user::may_publish(user)?;
    if user.is_staff_of(company) {
        return Err(AppError::Denied("review-own-company"));
    }
    Ok(())
}

/// Only the reviewer edits or withdraws a review.
pub fn can_change(user: &CurrentUser, review: &Review) -> Result<(), AppError> {
    if review.author_id != user.id {
        return Err(AppError::Denied("review-only-author"));
    }
    if review.withdrawn_at.is_some() {
        return Err(AppError::Denied("review-withdrawn"));
    }
    Ok(())
}

/// Staff of the reviewed company write its one public reply.
pub fn can_reply(user: &CurrentUser, review: &Review) -> Result<(), AppError> {
    if !user.is_staff_of(review.company_id) {
        return Err(AppError::Denied("review-reply-staff-only"));
    }
    Ok(())
}

/// Anyone logged in but the reviewer and the reviewed company's staff.
pub fn can_mark_helpful(user: &CurrentUser, review: &Review) -> Result<(), AppError> {
    if review.author_id == user.id
        || user.is_staff_of(review.company_id)
        || review.withdrawn_at.is_some()
    {
        return Err(AppError::Denied("review-helpful-denied"));
    }
    Ok(())
}

/// The private reference is for the company's staff and moderators.
pub fn can_see_reference(user: Option<&CurrentUser>, company: CompanyId) -> bool {
    user.is_some_and(|u| u.is_moderator || u.is_staff_of(company))
}

pub fn can_invite(user: &CurrentUser, company: CompanyId) -> Result<(), AppError> {
    if !user.is_staff_of(company) {
        return Err(AppError::Denied("review-invite-staff-only"));
    }
    Ok(())
}
