//! Notifications in the app: statements of reasons and report outcomes,
//! read and unread.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{moderation_decisions, notifications};
use crate::db::{now, DbConn};
use crate::kernel::ids::{DecisionId, UserId};
use crate::moderation::model::decisions::Decision;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = notifications)]
pub struct Notification {
    pub id: i64,
    pub user_id: UserId,
    pub kind: String,
    pub decision_id: DecisionId,
    pub created_at: NaiveDateTime,
    pub read_at: Option<NaiveDateTime>,
}

pub fn notifications_of(
    conn: &mut DbConn,
    user: UserId,
) -> QueryResult<Vec<(Notification, Decision)>> {
    notifications::table
        .inner_join(
            moderation_decisions::table.on(moderation_decisions::id.eq(notifications::decision_id)),
        )
        .filter(notifications::user_id.eq(user))
        .select((Notification::as_select(), Decision::as_select()))
        .order(notifications::id.desc())
        .limit(100)
        .load(conn)
}

pub fn unread_count(conn: &mut DbConn, user: UserId) -> QueryResult<i64> {
    notifications::table
        .filter(notifications::user_id.eq(user))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)
}

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
