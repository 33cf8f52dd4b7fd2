//! Posts: a thread's opening post and its replies, official replies, the
//! thread page's posts as one viewer may see them, editing, withdrawing and
//! the asker's rating. A post's words are read through the gate.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{answer_ratings, companies, posts, threads, users};
use crate::db::{now, DbConn};
use crate::forum::model::threads::{Thread, STATUS_ANSWERED, STATUS_OPEN};
use crate::kernel::gate::{self, Facts, Gated, Shown, Sight, State};
use crate::kernel::ids::{CompanyId, PostId, ThreadId, UserId};
use crate::kernel::item::{self, ItemRef};
use crate::kernel::markdown::SafeHtml;
use crate::kernel::user::CurrentUser;

pub const BODY_MAX: usize = 20_000;

pub const POSTS_PER_PAGE: i64 = 50;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = posts)]
pub struct Post {
    pub id: PostId,
    pub thread_id: ThreadId,
    pub author_id: UserId,
    pub as_company_id: Option<CompanyId>,
    pub is_opening: bool,
    pub quote_post_id: Option<PostId>,
    /// The words: out of sight, read through `shown` or `public_text` (the gate).
    body_source: String,
    body_html: SafeHtml,
    pub created_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
    pub withdrawn_at: Option<NaiveDateTime>,
    /// 'visible', 'held' (pending review) or 'hidden' by a moderator.
    pub moderation_state: String,
    pub moderation_clause: Option<i32>,
    pub moderated_at: Option<NaiveDateTime>,
}

/// A post's words.
#[derive(Debug, Clone)]
pub struct PostText {
    pub source: String,
    pub html: SafeHtml,
}

impl Post {
    /// What the gate needs; a reply lives inside its thread.
    pub fn facts_in(&self, thread: &Thread) -> Facts {
        let facts = Facts {
            author: self.author_id,
            company: thread.company_id,
            state: State::parse(&self.moderation_state),
            clause: self.moderation_clause,
            moderated_at: self.moderated_at,
            withdrawn_at: self.withdrawn_at,
            container: None,
        };
        if self.is_opening {
            facts
        } else {
            facts.inside(thread.facts())
        }
    }

    pub fn item(&self) -> ItemRef {
        ItemRef::Post(self.id)
    }

    pub fn sight(&self, thread: &Thread, viewer: Option<&CurrentUser>) -> Sight {
        gate::sight(viewer, &self.facts_in(thread))
    }

    /// What `viewer` sees of the post's words.
    pub fn shown(&self, thread: &Thread, viewer: Option<&CurrentUser>) -> Shown<PostText> {
        Gated::seal(self.facts_in(thread), self.text()).open(viewer)
    }

    /// The words as the public reads them, if it does (quotes, the FAQ,
    /// emails, search).
    pub fn public_text(&self, thread: &Thread) -> Option<PostText> {
        gate::is_public(&self.facts_in(thread)).then(|| self.text())
    }

    fn text(&self) -> PostText {
        PostText {
            source: self.body_source.clone(),
            html: self.body_html.clone(),
        }
    }
}

/// A post as shown in a thread: with its author and, for an official
/// reply, the company it speaks for.
#[derive(Debug, Clone)]
pub struct PostView {
    pub post: Post,
    pub shown: Shown<PostText>,
    pub author_name: String,
    pub company_name: Option<String>,
    pub quoted_author: Option<String>,
    /// The asker's rating of this answer, if any.
    pub rating: Option<i32>,
}

/// The people who wrote in a thread (erased accounts aside): whom an
/// `@mention` there can reach.
pub fn participants(
    conn: &mut DbConn,
    thread: ThreadId,
) -> QueryResult<Vec<crate::kernel::mention::Mentionable>> {
    let rows: Vec<(UserId, String)> = posts::table
        .inner_join(users::table.on(users::id.eq(posts::author_id)))
        .filter(posts::thread_id.eq(thread))
        .filter(users::erased_at.is_null())
        .select((users::id, users::display_name))
        .distinct()
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|(_, name)| !name.is_empty())
        .map(|(id, name)| crate::kernel::mention::Mentionable { id, name })
        .collect())
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
    viewer: Option<&CurrentUser>,
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
                shown: post.shown(thread, viewer),
                post,
                author_name,
                company_name,
                quoted_author,
                rating,
            }
        })
        .collect())
}

/// What a thread page shows one viewer.
pub struct ThreadPosts {
    pub opening: PostView,
    /// The accepted answer, when the viewer may see it.
    pub accepted: Option<PostView>,
    /// The replies the viewer may see (with their text or a notice).
    pub replies: Vec<PostView>,
    /// The last reply read, for the next page's cursor.
    pub last_read: Option<PostId>,
    pub has_more: bool,
}

/// The opening post, the accepted answer (if any) and one page of replies
/// (those after `after`, exclusive, or from `from`, inclusive, by id), each
/// as the gate lets `viewer` see it.
pub fn thread_page(
    conn: &mut DbConn,
    thread: &Thread,
    viewer: Option<&CurrentUser>,
    after: Option<PostId>,
    from: Option<PostId>,
) -> QueryResult<ThreadPosts> {
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
    let last_read = replies.last().map(|(p, _)| p.id);
    all.extend(replies);
    let mut views = post_views(conn, all, thread, viewer)?;
    // Replies that do not exist for this viewer (held) leave no trace.
    let replies = views
        .split_off(reply_start)
        .into_iter()
        .filter(|v| v.shown.appears())
        .collect();
    let accepted = accepted_index
        .and_then(|_| views.pop())
        .filter(|v| v.shown.appears());
    let opening = views.pop().ok_or(diesel::result::Error::NotFound)?;
    Ok(ThreadPosts {
        opening,
        accepted,
        replies,
        last_read,
        has_more,
    })
}

#[allow(clippy::too_many_arguments)]
pub(super) fn insert_post(
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

/// The author replaces a post's words (and an opening post's thread
/// title); the words it had are kept as an earlier version.
pub fn edit_post(
    conn: &mut DbConn,
    post: &Post,
    title: Option<&str>,
    source: &str,
    html: &SafeHtml,
) -> QueryResult<()> {
    item::revise(
        conn,
        post.item(),
        &item::NewText {
            title,
            source,
            html,
        },
    )
}

pub fn rate_answer(
    conn: &mut DbConn,
    thread: ThreadId,
    post: PostId,
    rater: UserId,
    rating: i32,
) -> QueryResult<bool> {
    let earlier = diesel::delete(
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
    Ok(earlier == 0)
}
