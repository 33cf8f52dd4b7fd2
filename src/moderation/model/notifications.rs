//! Moderation's part of the notification store (`kernel::notify`): which
//! decisions a person was told about, and reading them.

use diesel::prelude::*;

use crate::db::schema::notifications;
use crate::db::{now, DbConn};
use crate::kernel::ids::{DecisionId, UserId};

/// Opening a statement marks the notifications that carry it as read.
pub fn mark_read(conn: &mut DbConn, user: UserId, decision: DecisionId) -> QueryResult<usize> {
    diesel::update(
        notifications::table
            .filter(notifications::user_id.eq(user))
            .filter(notifications::decision_id.eq(decision))
            .filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(Some(now())))
    .execute(conn)
}

/// Whether a user was told about a decision (as author or flagger).
pub fn was_notified(conn: &mut DbConn, user: UserId, decision: DecisionId) -> QueryResult<bool> {
    let n: i64 = notifications::table
        .filter(notifications::user_id.eq(user))
        .filter(notifications::decision_id.eq(decision))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}
