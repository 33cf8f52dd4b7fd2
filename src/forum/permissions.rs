//! Who may do what in the forum. Plain functions returning `Result`; every
//! handler calls one before it writes.

use crate::forum::model::{Post, Thread, STATUS_OPEN};
use crate::kernel::error::AppError;
use crate::kernel::ids::CompanyId;
use crate::kernel::user::CurrentUser;

/// The company a reply by `user` in `thread` speaks for: the thread's
/// company, when the user is its staff. Staff of another company write as
/// themselves, without the badge.
pub fn official_voice(user: &CurrentUser, thread: &Thread) -> Option<CompanyId> {
    thread
        .company_id
        .filter(|company| user.is_staff_of(*company))
}

/// Only the author changes a post's words — staff never edit customers' text.
pub fn can_edit(user: &CurrentUser, post: &Post) -> Result<(), AppError> {
    if post.author_id != user.id {
        return Err(AppError::Denied("forum-only-author"));
    }
    if post.withdrawn_at.is_some() {
        return Err(AppError::Denied("forum-post-withdrawn"));
    }
    Ok(())
}

/// The asker, or staff of the thread's company, marks the accepted answer.
pub fn can_accept(user: &CurrentUser, thread: &Thread, post: &Post) -> Result<(), AppError> {
    let allowed = thread.author_id == user.id || official_voice(user, thread).is_some();
    if !allowed {
        return Err(AppError::Denied("forum-accept-denied"));
    }
    if post.thread_id != thread.id || post.is_opening || post.withdrawn_at.is_some() {
        return Err(AppError::BadRequest("forum-accept-invalid"));
    }
    Ok(())
}

/// The asker rates an accepted answer or an official reply, not their own.
pub fn can_rate(user: &CurrentUser, thread: &Thread, post: &Post) -> Result<(), AppError> {
    if thread.author_id != user.id || post.author_id == user.id {
        return Err(AppError::Denied("forum-rate-denied"));
    }
    let rateable = post.thread_id == thread.id
        && !post.is_opening
        && (post.as_company_id.is_some() || thread.accepted_post_id == Some(post.id));
    if !rateable {
        return Err(AppError::BadRequest("forum-rate-invalid"));
    }
    Ok(())
}

/// Whether the thread still waits for its first official answer.
pub fn is_hanging(thread: &Thread) -> bool {
    thread.company_id.is_some()
        && thread.first_staff_answer_at.is_none()
        && thread.withdrawn_at.is_none()
        && thread.status == STATUS_OPEN
}
