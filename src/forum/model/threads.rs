//! Threads: what they are about, their status, listing a category's
//! threads, starting one, and the accepted answer. A thread's title is the
//! words of its opening post's item and is read through the gate.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{posts, threads, users};
use crate::db::{now, DbConn};
use crate::forum::model::categories::Category;
use crate::kernel::gate::{self, Facts, Sight, State};
use crate::kernel::i18n::Lang;
use crate::kernel::ids::{CategoryId, CompanyId, IncidentId, PostId, ThreadId, UserId};
use crate::kernel::item;
use crate::kernel::markdown::SafeHtml;
use crate::kernel::user::CurrentUser;

pub const TITLE_MIN: usize = 5;
pub const TITLE_MAX: usize = 150;

pub const THREADS_PER_PAGE: i64 = 30;

/// What a thread is about; decides its place in the staff's queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreadKind {
    Question,
    Problem,
    Complaint,
    Praise,
    Suggestion,
    Discussion,
}

impl ThreadKind {
    pub const ALL: [ThreadKind; 6] = [
        ThreadKind::Question,
        ThreadKind::Problem,
        ThreadKind::Complaint,
        ThreadKind::Praise,
        ThreadKind::Suggestion,
        ThreadKind::Discussion,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ThreadKind::Question => "question",
            ThreadKind::Problem => "problem",
            ThreadKind::Complaint => "complaint",
            ThreadKind::Praise => "praise",
            ThreadKind::Suggestion => "suggestion",
            ThreadKind::Discussion => "discussion",
        }
    }

    pub fn parse(value: &str) -> Option<ThreadKind> {
        ThreadKind::ALL.into_iter().find(|k| k.as_str() == value)
    }

    /// Problems and complaints first, then questions, then praise and suggestions.
    pub fn priority(self) -> i32 {
        match self {
            ThreadKind::Problem | ThreadKind::Complaint => 0,
            ThreadKind::Question | ThreadKind::Discussion => 1,
            ThreadKind::Praise | ThreadKind::Suggestion => 2,
        }
    }

    pub fn message_key(self) -> &'static str {
        match self {
            ThreadKind::Question => "thread-kind-question",
            ThreadKind::Problem => "thread-kind-problem",
            ThreadKind::Complaint => "thread-kind-complaint",
            ThreadKind::Praise => "thread-kind-praise",
            ThreadKind::Suggestion => "thread-kind-suggestion",
            ThreadKind::Discussion => "thread-kind-discussion",
        }
    }
}

pub const STATUS_OPEN: &str = "open";
pub const STATUS_ANSWERED: &str = "answered";
pub const STATUS_SOLVED: &str = "solved";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = threads)]
pub struct Thread {
    pub id: ThreadId,
    pub category_id: CategoryId,
    pub company_id: Option<CompanyId>,
    pub author_id: UserId,
    /// Out of sight: read through `title_for` or `public_title` (the gate).
    title: String,
    pub kind: String,
    pub priority: i32,
    pub status: String,
    pub accepted_post_id: Option<PostId>,
    pub first_staff_answer_at: Option<NaiveDateTime>,
    pub first_response_secs: Option<i64>,
    pub reply_count: i32,
    pub last_activity_at: NaiveDateTime,
    pub withdrawn_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub moderation_state: String,
    pub moderation_clause: Option<i32>,
    /// The staff member who has the thread on the desk.
    pub assigned_to: Option<UserId>,
    pub assigned_at: Option<NaiveDateTime>,
    pub no_answer_reason: Option<String>,
    pub no_answer_note: Option<String>,
    pub no_answer_at: Option<NaiveDateTime>,
    pub company_liked_at: Option<NaiveDateTime>,
    /// Set when the thread was asked outside office hours: the automatic notice.
    pub after_hours_opens_at: Option<NaiveDateTime>,
    pub after_hours_due_at: Option<NaiveDateTime>,
    pub incident_id: Option<IncidentId>,
    pub first_response_office_secs: Option<i64>,
    pub private_contact_at: Option<NaiveDateTime>,
}

impl Thread {
    /// What the gate needs: the opening post's state is mirrored here.
    pub fn facts(&self) -> Facts {
        item::thread_facts(
            self.author_id,
            self.company_id,
            &self.moderation_state,
            self.moderation_clause,
            self.withdrawn_at,
        )
    }

    pub fn sight_for(&self, viewer: Option<&CurrentUser>) -> Sight {
        gate::sight(viewer, &self.facts())
    }

    /// Whether `viewer` may see the thread at all (a held thread does not
    /// exist for others).
    pub fn appears_to(&self, viewer: Option<&CurrentUser>) -> bool {
        gate::sight(viewer, &self.facts()).appears()
    }

    /// The title as `viewer` may read it: the words, or the notice standing
    /// in their place; `None` when the thread does not exist for them.
    pub fn title_for(&self, viewer: Option<&CurrentUser>, lang: Lang) -> Option<String> {
        match gate::sight(viewer, &self.facts()) {
            Sight::Text(_) => Some(self.title.clone()),
            Sight::NoticeOnly(notice) => Some(notice.title(lang)),
            Sight::Nothing => None,
        }
    }

    /// The title as the public reads it, if it does (emails, search, the FAQ).
    pub fn public_title(&self) -> Option<String> {
        gate::is_public(&self.facts()).then(|| self.title.clone())
    }

    pub fn kind(&self) -> ThreadKind {
        ThreadKind::parse(&self.kind).unwrap_or(ThreadKind::Discussion)
    }

    pub fn status_key(&self) -> &'static str {
        match self.status.as_str() {
            STATUS_SOLVED => "thread-status-solved",
            STATUS_ANSWERED => "thread-status-answered",
            _ => "thread-status-open",
        }
    }
}

/// A thread as listed on a category page.
#[derive(Debug, Clone)]
pub struct ThreadSummary {
    pub thread: Thread,
    pub author_name: String,
}

/// Where a list of threads by activity stopped: the last thread's last
/// activity and id (ties on the time are broken by the id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActivityCursor {
    pub at: NaiveDateTime,
    pub id: ThreadId,
}

impl std::fmt::Display for ActivityCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}_{}", self.at.and_utc().timestamp_micros(), self.id)
    }
}

impl std::str::FromStr for ActivityCursor {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        let (at, id) = s.split_once('_').ok_or(())?;
        let at = chrono::DateTime::from_timestamp_micros(at.parse().map_err(|_| ())?)
            .ok_or(())?
            .naive_utc();
        Ok(ActivityCursor {
            at,
            id: id.parse().map_err(|_| ())?,
        })
    }
}

/// Which threads a list shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct ThreadFilter {
    /// One section, or every section (the Latest view).
    pub category: Option<CategoryId>,
    pub unanswered_only: bool,
    pub before: Option<ActivityCursor>,
}

/// Threads by their last activity, the most recent first, strictly after
/// the cursor: what people come back to see.
pub fn list_threads(conn: &mut DbConn, filter: ThreadFilter) -> QueryResult<Vec<ThreadSummary>> {
    let mut query = threads::table
        .inner_join(users::table)
        // Held threads wait for a moderator; nobody browses to them (their
        // author and the moderators reach them from their notifications).
        .filter(threads::moderation_state.ne(State::Held.as_str()))
        .select((Thread::as_select(), users::display_name))
        .order((threads::last_activity_at.desc(), threads::id.desc()))
        .limit(THREADS_PER_PAGE)
        .into_boxed();
    if let Some(category) = filter.category {
        query = query.filter(threads::category_id.eq(category));
    }
    if filter.unanswered_only {
        query = query
            .filter(threads::first_staff_answer_at.is_null())
            .filter(threads::withdrawn_at.is_null());
    }
    if let Some(before) = filter.before {
        query = query.filter(
            threads::last_activity_at
                .lt(before.at)
                .or(threads::last_activity_at
                    .eq(before.at)
                    .and(threads::id.lt(before.id))),
        );
    }
    let rows: Vec<(Thread, String)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(thread, author_name)| ThreadSummary {
            thread,
            author_name,
        })
        .collect())
}

pub fn find_thread(conn: &mut DbConn, id: ThreadId) -> QueryResult<Option<Thread>> {
    threads::table
        .find(id)
        .select(Thread::as_select())
        .first(conn)
        .optional()
}

/// The id of a thread's opening post.
pub fn opening_post_id(conn: &mut DbConn, thread: ThreadId) -> QueryResult<PostId> {
    posts::table
        .filter(posts::thread_id.eq(thread))
        .filter(posts::is_opening.eq(true))
        .select(posts::id)
        .first(conn)
}

pub struct NewThread<'a> {
    pub category: &'a Category,
    pub author: UserId,
    pub title: &'a str,
    pub kind: ThreadKind,
    pub body_source: &'a str,
    pub body_html: &'a SafeHtml,
}

/// Creates a thread with its opening post and subscribes the author.
pub fn create_thread(conn: &mut DbConn, new: &NewThread) -> QueryResult<(ThreadId, PostId)> {
    let at = now();
    diesel::insert_into(threads::table)
        .values((
            threads::category_id.eq(new.category.id),
            threads::company_id.eq(new.category.company_id),
            threads::author_id.eq(new.author),
            threads::title.eq(new.title),
            threads::kind.eq(new.kind.as_str()),
            threads::priority.eq(new.kind.priority()),
            threads::status.eq(STATUS_OPEN),
            threads::reply_count.eq(0),
            threads::last_activity_at.eq(at),
            threads::created_at.eq(at),
        ))
        .execute(conn)?;
    let thread_id: ThreadId = threads::table
        .filter(threads::author_id.eq(new.author))
        .select(threads::id)
        .order(threads::id.desc())
        .first(conn)?;
    let post_id = super::posts::insert_post(
        conn,
        thread_id,
        new.author,
        None,
        true,
        None,
        new.body_source,
        new.body_html,
        at,
    )?;
    super::subscriptions::subscribe(conn, thread_id, new.author)?;
    Ok((thread_id, post_id))
}

pub fn accept_answer(conn: &mut DbConn, thread: ThreadId, post: PostId) -> QueryResult<()> {
    diesel::update(threads::table.find(thread))
        .set((
            threads::accepted_post_id.eq(Some(post)),
            threads::status.eq(STATUS_SOLVED),
        ))
        .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_cursors_round_trip() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
            .and_then(|d| d.and_hms_micro_opt(9, 30, 1, 123_456))
            .expect("time");
        let cursor = ActivityCursor {
            at,
            id: ThreadId(42),
        };
        assert_eq!(cursor.to_string().parse::<ActivityCursor>(), Ok(cursor));
        assert!("42".parse::<ActivityCursor>().is_err());
        assert!("x_1".parse::<ActivityCursor>().is_err());
    }

    #[test]
    fn kinds_are_ordered_for_the_queue() {
        assert!(ThreadKind::Problem.priority() < ThreadKind::Question.priority());
        assert_eq!(
            ThreadKind::Complaint.priority(),
            ThreadKind::Problem.priority()
        );
        assert!(ThreadKind::Question.priority() < ThreadKind::Praise.priority());
        assert_eq!(
            ThreadKind::Suggestion.priority(),
            ThreadKind::Praise.priority()
        );
        for kind in ThreadKind::ALL {
            assert_eq!(ThreadKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ThreadKind::parse("spam"), None);
    }
}
