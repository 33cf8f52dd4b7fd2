//! Categories, threads, posts, revisions, ratings, subscriptions and search.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{
    answer_ratings, categories, companies, post_revisions, posts, search_misses, subscriptions,
    threads, users,
};
use crate::db::{now, DbConn};
use crate::kernel::ids::{CategoryId, CompanyId, IncidentId, PostId, ThreadId, UserId};
use crate::kernel::markdown::SafeHtml;

pub const TITLE_MIN: usize = 5;
pub const TITLE_MAX: usize = 150;
pub const BODY_MAX: usize = 20_000;
pub const THREADS_PER_PAGE: i64 = 30;
pub const POSTS_PER_PAGE: i64 = 50;

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
#[diesel(table_name = categories)]
pub struct Category {
    pub id: CategoryId,
    pub company_id: Option<CompanyId>,
    pub slug: String,
    pub name: String,
    pub name_key: Option<String>,
    pub description: String,
    pub position: i32,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = threads)]
pub struct Thread {
    pub id: ThreadId,
    pub category_id: CategoryId,
    pub company_id: Option<CompanyId>,
    pub author_id: UserId,
    pub title: String,
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

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = posts)]
pub struct Post {
    pub id: PostId,
    pub thread_id: ThreadId,
    pub author_id: UserId,
    pub as_company_id: Option<CompanyId>,
    pub is_opening: bool,
    pub quote_post_id: Option<PostId>,
    pub body_source: String,
    pub body_html: SafeHtml,
    pub created_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
    pub withdrawn_at: Option<NaiveDateTime>,
    /// 'visible', 'held' (pending review) or 'hidden' by a moderator.
    pub moderation_state: String,
    pub moderation_clause: Option<i32>,
    pub moderated_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = post_revisions)]
pub struct PostRevision {
    pub id: i64,
    pub post_id: PostId,
    pub title: Option<String>,
    pub body_source: String,
    pub body_html: SafeHtml,
    pub created_at: NaiveDateTime,
}

/// A category with the name of the company that owns it, if any.
#[derive(Debug, Clone)]
pub struct CategoryListing {
    pub category: Category,
    pub company_name: Option<String>,
    pub company_slug: Option<String>,
}

/// A thread as listed on a category page.
#[derive(Debug, Clone)]
pub struct ThreadSummary {
    pub thread: Thread,
    pub author_name: String,
}

/// A post as shown in a thread: with its author and, for an official
/// reply, the company it speaks for.
#[derive(Debug, Clone)]
pub struct PostView {
    pub post: Post,
    pub author_name: String,
    pub company_name: Option<String>,
    pub quoted_author: Option<String>,
    /// The asker's rating of this answer, if any.
    pub rating: Option<i32>,
}

pub fn list_categories(conn: &mut DbConn) -> QueryResult<Vec<CategoryListing>> {
    let rows: Vec<(Category, Option<String>, Option<String>)> = categories::table
        .left_join(companies::table)
        .select((
            Category::as_select(),
            companies::name.nullable(),
            companies::slug.nullable(),
        ))
        .order((categories::position, categories::name, categories::id))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(category, company_name, company_slug)| CategoryListing {
            category,
            company_name,
            company_slug,
        })
        .collect())
}

pub fn find_category(conn: &mut DbConn, slug: &str) -> QueryResult<Option<CategoryListing>> {
    let row: Option<(Category, Option<String>, Option<String>)> = categories::table
        .left_join(companies::table)
        .filter(categories::slug.eq(slug))
        .select((
            Category::as_select(),
            companies::name.nullable(),
            companies::slug.nullable(),
        ))
        .first(conn)
        .optional()?;
    Ok(
        row.map(|(category, company_name, company_slug)| CategoryListing {
            category,
            company_name,
            company_slug,
        }),
    )
}

pub fn category_by_id(conn: &mut DbConn, id: CategoryId) -> QueryResult<Category> {
    categories::table
        .find(id)
        .select(Category::as_select())
        .first(conn)
}

/// The forum section of a company.
pub fn company_section(conn: &mut DbConn, company: CompanyId) -> QueryResult<Option<Category>> {
    categories::table
        .filter(categories::company_id.eq(company))
        .select(Category::as_select())
        .first(conn)
        .optional()
}

/// Creates a company's forum section; called when the company is created.
pub fn create_company_section(
    conn: &mut DbConn,
    company: CompanyId,
    name: &str,
    slug: &str,
) -> QueryResult<()> {
    let mut slug = slug.to_string();
    let taken: i64 = categories::table
        .filter(categories::slug.eq(&slug))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        slug = format!("{slug}-{company}");
    }
    diesel::insert_into(categories::table)
        .values((
            categories::company_id.eq(Some(company)),
            categories::slug.eq(slug),
            categories::name.eq(name),
            categories::description.eq(""),
            categories::position.eq(10),
            categories::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Threads of a category, newest first, strictly before a cursor. Ordering by
/// creation (not by activity) keeps pages stable while people post: a new
/// thread only ever appears on the first page, so no page repeats or skips one.
pub fn list_threads(
    conn: &mut DbConn,
    category: CategoryId,
    unanswered_only: bool,
    before: Option<ThreadId>,
) -> QueryResult<Vec<ThreadSummary>> {
    let mut query = threads::table
        .inner_join(users::table)
        .filter(threads::category_id.eq(category))
        // Held threads wait for a moderator; nobody browses to them.
        .filter(threads::moderation_state.ne("held"))
        .select((Thread::as_select(), users::display_name))
        .order(threads::id.desc())
        .limit(THREADS_PER_PAGE)
        .into_boxed();
    if unanswered_only {
        query = query
            .filter(threads::first_staff_answer_at.is_null())
            .filter(threads::withdrawn_at.is_null());
    }
    if let Some(before) = before {
        query = query.filter(threads::id.lt(before));
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

pub fn find_post(conn: &mut DbConn, id: PostId) -> QueryResult<Option<Post>> {
    posts::table
        .find(id)
        .select(Post::as_select())
        .first(conn)
        .optional()
}

fn post_views(
    conn: &mut DbConn,
    rows: Vec<(Post, String)>,
    thread: &Thread,
) -> QueryResult<Vec<PostView>> {
    let company_ids: Vec<CompanyId> = rows.iter().filter_map(|(p, _)| p.as_company_id).collect();
    let names: Vec<(CompanyId, String)> = if company_ids.is_empty() {
        Vec::new()
    } else {
        companies::table
            .filter(companies::id.eq_any(&company_ids))
            .select((companies::id, companies::name))
            .load(conn)?
    };
    let quote_ids: Vec<PostId> = rows.iter().filter_map(|(p, _)| p.quote_post_id).collect();
    let quoted: Vec<(PostId, String)> = if quote_ids.is_empty() {
        Vec::new()
    } else {
        posts::table
            .inner_join(users::table)
            .filter(posts::id.eq_any(&quote_ids))
            .select((posts::id, users::display_name))
            .load(conn)?
    };
    let post_ids: Vec<PostId> = rows.iter().map(|(p, _)| p.id).collect();
    let ratings: Vec<(PostId, i32)> = answer_ratings::table
        .filter(answer_ratings::post_id.eq_any(&post_ids))
        .filter(answer_ratings::rater_id.eq(thread.author_id))
        .select((answer_ratings::post_id, answer_ratings::rating))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(post, author_name)| {
            let company_name = post.as_company_id.and_then(|c| {
                names
                    .iter()
                    .find(|(id, _)| *id == c)
                    .map(|(_, n)| n.clone())
            });
            let quoted_author = post.quote_post_id.and_then(|q| {
                quoted
                    .iter()
                    .find(|(id, _)| *id == q)
                    .map(|(_, n)| n.clone())
            });
            let rating = ratings
                .iter()
                .find(|(id, _)| *id == post.id)
                .map(|(_, r)| *r);
            PostView {
                post,
                author_name,
                company_name,
                quoted_author,
                rating,
            }
        })
        .collect())
}

/// The opening post, the accepted answer (if any) and one page of replies:
/// those after `after` (exclusive) or from `from` (inclusive), by id.
pub fn thread_page(
    conn: &mut DbConn,
    thread: &Thread,
    after: Option<PostId>,
    from: Option<PostId>,
) -> QueryResult<(PostView, Option<PostView>, Vec<PostView>, bool)> {
    let opening: (Post, String) = posts::table
        .inner_join(users::table)
        .filter(posts::thread_id.eq(thread.id))
        .filter(posts::is_opening.eq(true))
        .select((Post::as_select(), users::display_name))
        .first(conn)?;
    let mut query = posts::table
        .inner_join(users::table)
        .filter(posts::thread_id.eq(thread.id))
        .filter(posts::is_opening.eq(false))
        .select((Post::as_select(), users::display_name))
        .order(posts::id)
        .limit(POSTS_PER_PAGE + 1)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(posts::id.gt(after));
    } else if let Some(from) = from {
        query = query.filter(posts::id.ge(from));
    }
    let mut replies: Vec<(Post, String)> = query.load(conn)?;
    let has_more = replies.len() as i64 > POSTS_PER_PAGE;
    replies.truncate(POSTS_PER_PAGE as usize);
    let accepted = match thread.accepted_post_id {
        Some(id) => posts::table
            .inner_join(users::table)
            .filter(posts::id.eq(id))
            .select((Post::as_select(), users::display_name))
            .first(conn)
            .optional()?,
        None => None,
    };
    let mut all = vec![opening];
    let accepted_index = accepted.map(|a| {
        all.push(a);
        all.len() - 1
    });
    let reply_start = all.len();
    all.extend(replies);
    let mut views = post_views(conn, all, thread)?;
    let replies = views.split_off(reply_start);
    let accepted = accepted_index.and_then(|_| views.pop());
    let opening = views.pop().ok_or(diesel::result::Error::NotFound)?;
    Ok((opening, accepted, replies, has_more))
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
    let post_id = insert_post(
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
    subscribe(conn, thread_id, new.author)?;
    Ok((thread_id, post_id))
}

#[allow(clippy::too_many_arguments)]
fn insert_post(
    conn: &mut DbConn,
    thread: ThreadId,
    author: UserId,
    as_company: Option<CompanyId>,
    is_opening: bool,
    quote: Option<PostId>,
    source: &str,
    html: &SafeHtml,
    at: NaiveDateTime,
) -> QueryResult<PostId> {
    diesel::insert_into(posts::table)
        .values((
            posts::thread_id.eq(thread),
            posts::author_id.eq(author),
            posts::as_company_id.eq(as_company),
            posts::is_opening.eq(is_opening),
            posts::quote_post_id.eq(quote),
            posts::body_source.eq(source),
            posts::body_html.eq(html),
            posts::created_at.eq(at),
        ))
        .execute(conn)?;
    posts::table
        .filter(posts::thread_id.eq(thread))
        .filter(posts::author_id.eq(author))
        .select(posts::id)
        .order(posts::id.desc())
        .first(conn)
}

pub struct NewReply<'a> {
    pub thread: &'a Thread,
    pub author: UserId,
    /// The company this reply speaks for (staff of the thread's company).
    pub as_company: Option<CompanyId>,
    pub quote: Option<PostId>,
    pub body_source: &'a str,
    pub body_html: &'a SafeHtml,
}

/// Adds a reply. The first official reply marks the thread answered and
/// stores the time to first answer.
pub fn add_reply(conn: &mut DbConn, reply: &NewReply) -> QueryResult<PostId> {
    let at = now();
    let thread = reply.thread;
    let id = insert_post(
        conn,
        thread.id,
        reply.author,
        reply.as_company,
        false,
        reply.quote,
        reply.body_source,
        reply.body_html,
        at,
    )?;
    diesel::update(threads::table.find(thread.id))
        .set((
            threads::reply_count.eq(threads::reply_count + 1),
            threads::last_activity_at.eq(at),
        ))
        .execute(conn)?;
    if reply.as_company.is_some() {
        let waited = (at - thread.created_at).num_seconds().max(0);
        // Only the first official reply counts; the filter makes a race harmless.
        diesel::update(
            threads::table
                .find(thread.id)
                .filter(threads::first_staff_answer_at.is_null()),
        )
        .set((
            threads::first_staff_answer_at.eq(Some(at)),
            threads::first_response_secs.eq(Some(waited)),
        ))
        .execute(conn)?;
        diesel::update(
            threads::table
                .find(thread.id)
                .filter(threads::status.eq(STATUS_OPEN)),
        )
        .set(threads::status.eq(STATUS_ANSWERED))
        .execute(conn)?;
    }
    Ok(id)
}

/// Replaces a post's text, keeping the previous version as a revision.
pub fn edit_post(
    conn: &mut DbConn,
    post: &Post,
    title: Option<(&str, &str)>,
    source: &str,
    html: &SafeHtml,
) -> QueryResult<()> {
    let at = now();
    diesel::insert_into(post_revisions::table)
        .values((
            post_revisions::post_id.eq(post.id),
            post_revisions::title.eq(title.map(|(old, _)| old)),
            post_revisions::body_source.eq(&post.body_source),
            post_revisions::body_html.eq(&post.body_html),
            post_revisions::created_at.eq(at),
        ))
        .execute(conn)?;
    diesel::update(posts::table.find(post.id))
        .set((
            posts::body_source.eq(source),
            posts::body_html.eq(html),
            posts::edited_at.eq(Some(at)),
        ))
        .execute(conn)?;
    if let Some((_, new_title)) = title {
        diesel::update(threads::table.find(post.thread_id))
            .set(threads::title.eq(new_title))
            .execute(conn)?;
    }
    Ok(())
}

pub fn revisions(conn: &mut DbConn, post: PostId) -> QueryResult<Vec<PostRevision>> {
    post_revisions::table
        .filter(post_revisions::post_id.eq(post))
        .select(PostRevision::as_select())
        .order(post_revisions::id.desc())
        .load(conn)
}

/// The author takes a post back: it keeps its place, shown as withdrawn.
/// Withdrawing the opening post withdraws the thread from the staff queue.
pub fn withdraw_post(conn: &mut DbConn, post: &Post) -> QueryResult<()> {
    let at = now();
    diesel::update(
        posts::table
            .find(post.id)
            .filter(posts::withdrawn_at.is_null()),
    )
    .set(posts::withdrawn_at.eq(Some(at)))
    .execute(conn)?;
    if post.is_opening {
        diesel::update(
            threads::table
                .find(post.thread_id)
                .filter(threads::withdrawn_at.is_null()),
        )
        .set(threads::withdrawn_at.eq(Some(at)))
        .execute(conn)?;
    }
    Ok(())
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

/// Records (or changes) the asker's rating of an answer.
pub fn rate_answer(
    conn: &mut DbConn,
    thread: ThreadId,
    post: PostId,
    rater: UserId,
    rating: i32,
) -> QueryResult<()> {
    diesel::delete(
        answer_ratings::table
            .filter(answer_ratings::post_id.eq(post))
            .filter(answer_ratings::rater_id.eq(rater)),
    )
    .execute(conn)?;
    diesel::insert_into(answer_ratings::table)
        .values((
            answer_ratings::post_id.eq(post),
            answer_ratings::thread_id.eq(thread),
            answer_ratings::rater_id.eq(rater),
            answer_ratings::rating.eq(rating),
            answer_ratings::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn is_subscribed(conn: &mut DbConn, thread: ThreadId, user: UserId) -> QueryResult<bool> {
    let n: i64 = subscriptions::table
        .filter(subscriptions::thread_id.eq(thread))
        .filter(subscriptions::user_id.eq(user))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub fn subscribe(conn: &mut DbConn, thread: ThreadId, user: UserId) -> QueryResult<()> {
    crate::db::insert_unless_duplicate(conn, |conn| {
        diesel::insert_into(subscriptions::table)
            .values((
                subscriptions::thread_id.eq(thread),
                subscriptions::user_id.eq(user),
                subscriptions::token.eq(crate::kernel::tokens::random_token()),
                subscriptions::created_at.eq(now()),
            ))
            .execute(conn)
    })?;
    Ok(())
}

pub fn unsubscribe(conn: &mut DbConn, thread: ThreadId, user: UserId) -> QueryResult<usize> {
    diesel::delete(
        subscriptions::table
            .filter(subscriptions::thread_id.eq(thread))
            .filter(subscriptions::user_id.eq(user)),
    )
    .execute(conn)
}

/// The thread a one-click unsubscribe token belongs to, with its title.
pub fn subscription_by_token(
    conn: &mut DbConn,
    token: &str,
) -> QueryResult<Option<(i64, ThreadId, String)>> {
    subscriptions::table
        .inner_join(threads::table)
        .filter(subscriptions::token.eq(token))
        .select((subscriptions::id, threads::id, threads::title))
        .first(conn)
        .optional()
}

pub fn unsubscribe_by_id(conn: &mut DbConn, id: i64) -> QueryResult<usize> {
    diesel::delete(subscriptions::table.find(id)).execute(conn)
}

/// Someone to tell about a new reply.
#[derive(Debug, Clone)]
pub struct Subscriber {
    pub email: String,
    pub display_name: String,
    pub locale: Option<String>,
    pub token: String,
}

pub fn subscribers_except(
    conn: &mut DbConn,
    thread: ThreadId,
    except: UserId,
) -> QueryResult<Vec<Subscriber>> {
    let rows: Vec<(String, String, Option<String>, String)> = subscriptions::table
        .inner_join(users::table)
        .filter(subscriptions::thread_id.eq(thread))
        .filter(subscriptions::user_id.ne(except))
        .filter(users::email_verified_at.is_not_null())
        .select((
            users::email,
            users::display_name,
            users::locale,
            subscriptions::token,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(email, display_name, locale, token)| Subscriber {
            email,
            display_name,
            locale,
            token,
        })
        .collect())
}

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
        .filter(threads::moderation_state.eq("visible"))
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
        .map(|id| find_thread(conn, id))
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

/// One search result: a post, its thread, and a snippet whose matching
/// words are marked with \u{2} … \u{3} (the view turns them into <mark>).
#[derive(Debug, Clone, QueryableByName)]
pub struct SearchHit {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub post_id: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub thread_id: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub title: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub snippet: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub author: String,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    pub is_opening: bool,
}

pub const MARK_START: char = '\u{2}';
pub const MARK_END: char = '\u{3}';
pub const SEARCH_LIMIT: i64 = 30;
/// Matches read from the index at a time: a page and a margin for the
/// hidden and held posts among them (rare, so one batch nearly always fills
/// the page).
const SEARCH_BATCH: i64 = 40;
/// Batches read before giving up on filling the page (200 matches).
const SEARCH_BATCHES: usize = 5;

/// Words this long also match as the start of a longer word ("faktur"
/// finds "fakturan"). Shorter ones match whole words only: "a" as a prefix
/// would read the index of every word starting with an a.
pub const PREFIX_MIN_CHARS: usize = 4;

/// The words of a query, letters and digits only, at most eight.
pub fn search_terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .take(8)
        .collect()
}

fn is_prefix_term(term: &str) -> bool {
    term.chars().count() >= PREFIX_MIN_CHARS
}

/// How the terms of a query match words in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Matching {
    WholeWords,
    /// Terms of `PREFIX_MIN_CHARS` or more also match longer words.
    Prefixes,
}

/// The query in FTS5's syntax: every term quoted (so none is an operator).
fn fts5_query(terms: &[String], matching: Matching) -> String {
    full_text_query(
        terms,
        matching,
        |t| format!("\"{t}\""),
        |t| format!("\"{t}\"*"),
        " ",
    )
}

/// The query in PostgreSQL's `tsquery` syntax (terms are letters and digits).
fn tsquery(terms: &[String], matching: Matching) -> String {
    full_text_query(terms, matching, str::to_string, |t| format!("{t}:*"), " & ")
}

/// Every term required, each written as a whole word or as a prefix.
fn full_text_query(
    terms: &[String],
    matching: Matching,
    word: fn(&str) -> String,
    prefix: fn(&str) -> String,
    and: &str,
) -> String {
    terms
        .iter()
        .map(|t| {
            if matching == Matching::Prefixes && is_prefix_term(t) {
                prefix(t)
            } else {
                word(t)
            }
        })
        .collect::<Vec<_>>()
        .join(and)
}

/// Full-text search over threads and replies: SQLite FTS5 or PostgreSQL
/// `tsvector`, every term required, newest first; whole-word matches
/// first, and words that merely start with a term only when those do not
/// fill the page.
///
/// Newest first rather than by a relevance score: scoring reads every
/// match of every term (a common word is in a third of the posts), while
/// the newest matches come straight off the index, so a search costs the
/// same at ten thousand posts as at a million (docs/decisions.md). Whole
/// words first for the same reason: a prefix makes FTS5 merge the lists of
/// every word it starts, in full ("faktura*" at a million posts: 300 000
/// entries, 200 ms), while a page of a common word's newest matches is
/// found at once.
pub fn search(conn: &mut DbConn, query: &str) -> QueryResult<Vec<SearchHit>> {
    let terms = search_terms(query);
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let mut hits = search_matching(conn, &terms, Matching::WholeWords)?;
    if hits.len() < SEARCH_LIMIT as usize && terms.iter().any(|t| is_prefix_term(t)) {
        for hit in search_matching(conn, &terms, Matching::Prefixes)? {
            if hits.len() >= SEARCH_LIMIT as usize {
                break;
            }
            if !hits.iter().any(|h| h.post_id == hit.post_id) {
                hits.push(hit);
            }
        }
    }
    Ok(hits)
}

fn search_matching(
    conn: &mut DbConn,
    terms: &[String],
    matching: Matching,
) -> QueryResult<Vec<SearchHit>> {
    match conn {
        DbConn::Sqlite(_) => search_sqlite(conn, &fts5_query(terms, matching)),
        DbConn::Pg(c) => diesel::sql_query(
            "SELECT p.id AS post_id, p.thread_id AS thread_id, t.title AS title, \
             ts_headline('simple', p.body_source, q, 'StartSel=\u{2}, StopSel=\u{3}, MaxWords=30, MinWords=12') AS snippet, \
             u.display_name AS author, p.is_opening AS is_opening \
             FROM posts p JOIN threads t ON t.id = p.thread_id JOIN users u ON u.id = p.author_id, \
             to_tsquery('simple', $1) q \
             WHERE p.search_vector @@ q AND t.withdrawn_at IS NULL \
             AND p.moderation_state = 'visible' AND t.moderation_state = 'visible' \
             ORDER BY p.id DESC LIMIT $2",
        )
        .bind::<diesel::sql_types::Text, _>(tsquery(terms, matching))
        .bind::<diesel::sql_types::BigInt, _>(SEARCH_LIMIT)
        .load(c),
    }
}

#[derive(QueryableByName)]
struct Candidate {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    rowid: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    snippet: String,
}

/// SQLite, a batch at a time: the newest matches older than the last batch,
/// with their snippets, from the index alone (FTS5 reads its lists newest
/// first, seeks to the rowid bound and stops at the limit), then the visible
/// ones among them with their threads, until the page is full. A snippet is
/// made for each candidate, so batches are little larger than the page; a
/// snippet for a given list of rows would be slower still (FTS5 cannot
/// combine `MATCH` with `rowid IN`).
fn search_sqlite(conn: &mut DbConn, fts_query: &str) -> QueryResult<Vec<SearchHit>> {
    let mut hits = Vec::new();
    let mut before = i64::MAX;
    for _ in 0..SEARCH_BATCHES {
        let candidates: Vec<Candidate> = diesel::sql_query(
            "SELECT rowid, snippet(posts_fts, 1, char(2), char(3), '…', 16) AS snippet \
             FROM posts_fts WHERE posts_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?",
        )
        .bind::<diesel::sql_types::Text, _>(fts_query)
        .bind::<diesel::sql_types::BigInt, _>(before)
        .bind::<diesel::sql_types::BigInt, _>(SEARCH_BATCH)
        .load(conn)?;
        let Some(last) = candidates.last() else {
            break;
        };
        before = last.rowid;
        let exhausted = (candidates.len() as i64) < SEARCH_BATCH;
        hits.extend(visible_hits(conn, candidates)?);
        if exhausted || hits.len() >= SEARCH_LIMIT as usize {
            break;
        }
    }
    hits.truncate(SEARCH_LIMIT as usize);
    Ok(hits)
}

/// The candidates whose post and thread are visible, newest first.
fn visible_hits(conn: &mut DbConn, candidates: Vec<Candidate>) -> QueryResult<Vec<SearchHit>> {
    let ids: Vec<PostId> = candidates.iter().map(|c| PostId(c.rowid)).collect();
    let rows: Vec<(PostId, ThreadId, String, String, bool)> = posts::table
        .inner_join(threads::table)
        .inner_join(users::table)
        .filter(posts::id.eq_any(&ids))
        .filter(threads::withdrawn_at.is_null())
        .filter(posts::moderation_state.eq("visible"))
        .filter(threads::moderation_state.eq("visible"))
        .select((
            posts::id,
            threads::id,
            threads::title,
            users::display_name,
            posts::is_opening,
        ))
        .load(conn)?;
    Ok(candidates
        .into_iter()
        .filter_map(|candidate| {
            let (post, thread, title, author, is_opening) =
                rows.iter().find(|(p, ..)| p.0 == candidate.rowid)?;
            Some(SearchHit {
                post_id: post.0,
                thread_id: thread.0,
                title: title.clone(),
                snippet: candidate.snippet,
                author: author.clone(),
                is_opening: *is_opening,
            })
        })
        .collect())
}

/// Remembers a search that found nothing: the holes in the self-help content.
pub fn record_search_miss(conn: &mut DbConn, query: &str) -> QueryResult<()> {
    let query: String = query.trim().chars().take(200).collect();
    diesel::insert_into(search_misses::table)
        .values((
            search_misses::query.eq(query),
            search_misses::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn only_longer_words_match_as_prefixes() {
        let terms = search_terms("a zx20 räkn");
        assert_eq!(
            fts5_query(&terms, Matching::Prefixes),
            "\"a\" \"zx20\"* \"räkn\"*"
        );
        assert_eq!(tsquery(&terms, Matching::Prefixes), "a & zx20:* & räkn:*");
        assert_eq!(
            fts5_query(&terms, Matching::WholeWords),
            "\"a\" \"zx20\" \"räkn\""
        );
        assert_eq!(tsquery(&terms, Matching::WholeWords), "a & zx20 & räkn");
        assert_eq!(
            fts5_query(&search_terms("tv"), Matching::Prefixes),
            "\"tv\""
        );
    }

    #[test]
    fn search_terms_are_plain_words() {
        assert_eq!(
            search_terms("Faktura \"OR\" * NEAR(x) -y"),
            vec!["faktura", "or", "near", "x", "y"]
        );
        assert_eq!(search_terms("  "), Vec::<String>::new());
        assert_eq!(search_terms("räkning, elavtal"), vec!["räkning", "elavtal"]);
    }
}
