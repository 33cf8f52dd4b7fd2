//! What each person has read: the thread lists mark a thread new or
//! updated until they open it. A visit writes only when the thread has
//! moved since the last one, so reading an unchanged thread costs no write.

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::thread_reads;
use crate::db::DbConn;
use crate::kernel::ids::{ThreadId, UserId};

/// A thread nobody has opened counts as new for this long after it last moved.
pub fn new_for() -> Duration {
    Duration::days(14)
}

/// When `user` last read each of `threads` (those they have read).
pub fn read_at(
    conn: &mut DbConn,
    user: UserId,
    threads: &[ThreadId],
) -> QueryResult<HashMap<ThreadId, NaiveDateTime>> {
    if threads.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(thread_reads::table
        .filter(thread_reads::user_id.eq(user))
        .filter(thread_reads::thread_id.eq_any(threads))
        .select((thread_reads::thread_id, thread_reads::read_at))
        .load::<(ThreadId, NaiveDateTime)>(conn)?
        .into_iter()
        .collect())
}

/// Records that `user` read `thread` as it stood at `activity` (its last
/// activity), unless that is already known.
pub fn mark_read(
    conn: &mut DbConn,
    user: UserId,
    thread: ThreadId,
    activity: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(thread_reads::table.find((user, thread))).execute(conn)?;
    diesel::insert_into(thread_reads::table)
        .values((
            thread_reads::user_id.eq(user),
            thread_reads::thread_id.eq(thread),
            thread_reads::read_at.eq(activity),
        ))
        .execute(conn)?;
    Ok(())
}

/// How a thread stands for a reader in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unread {
    /// Never opened, and it moved recently.
    New,
    /// Opened, and it moved since.
    Updated,
}

impl Unread {
    pub fn of(
        last_activity: NaiveDateTime,
        read: Option<NaiveDateTime>,
        at: NaiveDateTime,
    ) -> Option<Unread> {
        match read {
            Some(read) if last_activity > read => Some(Unread::Updated),
            Some(_) => None,
            None if at - last_activity < new_for() => Some(Unread::New),
            None => None,
        }
    }

    pub fn message_key(self) -> &'static str {
        match self {
            Unread::New => "forum-unread-new",
            Unread::Updated => "forum-unread-updated",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thread_is_new_until_opened_and_updated_when_it_moves_after() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .expect("time");
        let hour = Duration::hours(1);
        assert_eq!(Unread::of(at - hour, None, at), Some(Unread::New));
        assert_eq!(Unread::of(at - Duration::days(30), None, at), None);
        assert_eq!(Unread::of(at - hour, Some(at - hour), at), None);
        assert_eq!(
            Unread::of(at - hour, Some(at - hour * 2), at),
            Some(Unread::Updated)
        );
    }
}
