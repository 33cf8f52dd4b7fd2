//! Hanging threads: those in a company's section still waiting for the
//! company's first answer, the staff's queue (the desk reads it).

use diesel::prelude::*;

use crate::db::schema::{companies, threads, users};
use crate::db::DbConn;
use crate::forum::model::threads::Thread;
use crate::kernel::gate::State;
use crate::kernel::ids::{CompanyId, ThreadId, UserId};

/// A thread waiting for its company's first answer.
#[derive(Debug, Clone)]
pub struct HangingThread {
    pub thread: Thread,
    pub author_name: String,
    pub company_name: String,
}

/// Which hanging threads a desk page shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct HangingFilter {
    /// Only this staff member's threads.
    pub assigned_to: Option<UserId>,
    /// Only threads nobody has claimed.
    pub unassigned: bool,
    /// Continue after this thread (keyset paging in the queue's order).
    pub after: Option<ThreadId>,
}

/// Threads in these companies' sections with no official reply, by
/// priority and then by how long they have waited.
pub fn hanging_threads(
    conn: &mut DbConn,
    companies_of_staff: &[CompanyId],
    filter: HangingFilter,
    limit: i64,
) -> QueryResult<Vec<HangingThread>> {
    let mut query = threads::table
        .inner_join(users::table)
        .inner_join(companies::table.on(threads::company_id.eq(companies::id.nullable())))
        .filter(
            threads::company_id.eq_any(
                companies_of_staff
                    .iter()
                    .map(|c| Some(*c))
                    .collect::<Vec<_>>(),
            ),
        )
        .filter(threads::first_staff_answer_at.is_null())
        .filter(threads::no_answer_at.is_null())
        .filter(threads::withdrawn_at.is_null())
        // Held or hidden threads are the moderators' until they decide.
        .filter(threads::moderation_state.eq(State::Visible.as_str()))
        .select((Thread::as_select(), users::display_name, companies::name))
        .order((threads::priority, threads::created_at, threads::id))
        .limit(limit)
        .into_boxed();
    if let Some(user) = filter.assigned_to {
        query = query.filter(threads::assigned_to.eq(user));
    }
    if filter.unassigned {
        query = query.filter(threads::assigned_to.is_null());
    }
    if let Some(after) = filter
        .after
        .map(|id| super::threads::find_thread(conn, id))
        .transpose()?
        .flatten()
    {
        let (p, c, i) = (after.priority, after.created_at, after.id);
        query = query.filter(
            threads::priority.gt(p).or(threads::priority.eq(p).and(
                threads::created_at
                    .gt(c)
                    .or(threads::created_at.eq(c).and(threads::id.gt(i))),
            )),
        );
    }
    let rows: Vec<(Thread, String, String)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(thread, author_name, company_name)| HangingThread {
            thread,
            author_name,
            company_name,
        })
        .collect())
}
