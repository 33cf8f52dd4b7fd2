//! The user-authored item — a thread (its opening post), a reply, a review,
//! a company's reply to a review — as one concept: a typed reference, the
//! columns every kind shares (author, text, moderation state, withdrawal,
//! earlier versions), and the writes that act on them the same way for every
//! kind (a moderation state, a redaction, an edit that keeps the previous
//! version, a withdrawal).
//!
//! The forum and the reviews own everything else about their rows (a
//! thread's status, a review's rating and labels); what an item's words
//! are and who may read them is decided here and in `kernel::gate`.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{
    companies, post_revisions, posts, review_replies, review_reply_revisions, review_revisions,
    reviews, threads, users,
};
use crate::db::{now, DbConn};
use crate::kernel::gate::{self, Facts, Gated, Shown, State};
use crate::kernel::ids::{CompanyId, PostId, ReplyId, ReviewId, ThreadId, UserId};
use crate::kernel::markdown::{self, SafeHtml};
use crate::kernel::user::CurrentUser;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    Post,
    Review,
    Reply,
}

impl ItemKind {
    pub const ALL: [ItemKind; 3] = [ItemKind::Post, ItemKind::Review, ItemKind::Reply];

    /// How the kind is stored (cases, flags, decisions) and written in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Post => "post",
            ItemKind::Review => "review",
            ItemKind::Reply => "reply",
        }
    }

    pub fn parse(value: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.as_str() == value)
    }
}

/// A reference to one item: its kind and its typed id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemRef {
    Post(PostId),
    Review(ReviewId),
    Reply(ReplyId),
}

impl ItemRef {
    pub fn kind(self) -> ItemKind {
        match self {
            ItemRef::Post(_) => ItemKind::Post,
            ItemRef::Review(_) => ItemKind::Review,
            ItemRef::Reply(_) => ItemKind::Reply,
        }
    }

    /// The id as stored beside the kind.
    pub fn id(self) -> i64 {
        match self {
            ItemRef::Post(id) => id.0,
            ItemRef::Review(id) => id.0,
            ItemRef::Reply(id) => id.0,
        }
    }

    pub fn of(kind: ItemKind, id: i64) -> ItemRef {
        match kind {
            ItemKind::Post => ItemRef::Post(PostId(id)),
            ItemKind::Review => ItemRef::Review(ReviewId(id)),
            ItemKind::Reply => ItemRef::Reply(ReplyId(id)),
        }
    }

    /// A stored (kind, id) pair; `None` for a kind this version does not know.
    pub fn parse(kind: &str, id: i64) -> Option<ItemRef> {
        ItemKind::parse(kind).map(|k| ItemRef::of(k, id))
    }
}

impl std::fmt::Display for ItemRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.kind().as_str(), self.id())
    }
}

/// An item's words: its title (a thread's or a review's; empty for replies),
/// its Markdown source and the sanitised HTML made from it.
#[derive(Debug, Clone)]
pub struct ItemText {
    pub title: String,
    pub source: String,
    pub html: SafeHtml,
}

/// An item as moderation, the flag form and the history page see it. Its
/// words come out through the gate only.
#[derive(Debug, Clone)]
pub struct Item {
    pub item: ItemRef,
    pub author_id: UserId,
    pub author_name: String,
    pub company_id: Option<CompanyId>,
    pub company_name: Option<String>,
    /// A thread's opening post: acting on it acts on the thread.
    pub is_opening: bool,
    pub thread: Option<ThreadId>,
    /// The review a company's reply answers.
    pub review: Option<ReviewId>,
    pub created_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
    /// Where the item is read in context.
    pub link: String,
    text: Gated<ItemText>,
    /// The title of what the item stands in (a reply's thread, a company
    /// reply's review), gated by that item's own facts.
    context_title: Option<Gated<String>>,
}

impl Item {
    pub fn facts(&self) -> &Facts {
        self.text.facts()
    }

    pub fn state(&self) -> State {
        self.facts().state
    }

    pub fn withdrawn_at(&self) -> Option<NaiveDateTime> {
        self.facts().withdrawn_at
    }

    /// "thread", "post", "review" or "reply": what statements and the log call it.
    pub fn kind_name(&self) -> &'static str {
        match (self.item.kind(), self.is_opening) {
            (ItemKind::Post, true) => "thread",
            (ItemKind::Post, false) => "post",
            (ItemKind::Review, _) => "review",
            (ItemKind::Reply, _) => "reply",
        }
    }

    /// What `viewer` sees of the item's words.
    pub fn shown(&self, viewer: Option<&CurrentUser>) -> Shown<ItemText> {
        self.text.open(viewer)
    }

    /// The words as the public reads them, if it does.
    pub fn public_text(&self) -> Option<ItemText> {
        self.text.public()
    }

    /// A headline for the item in `lang`: its own title or its context's,
    /// as `viewer` may see them, else a notice.
    pub fn headline(
        &self,
        viewer: Option<&CurrentUser>,
        lang: impl Into<crate::kernel::i18n::Lang>,
    ) -> String {
        let lang = lang.into();
        let gated = match &self.context_title {
            Some(context) => context.open(viewer),
            None => {
                let shown = self.text.open(viewer);
                Shown {
                    sight: shown.sight,
                    text: shown.text.map(|t| t.title),
                }
            }
        };
        match (gated.text, gated.sight.notice()) {
            (Some(title), _) if !title.is_empty() => title,
            (_, Some(notice)) => notice.title(lang),
            _ => self.company_name.clone().unwrap_or_default(),
        }
    }
}

type PostColumns = (
    PostId,
    UserId,
    String,
    Option<CompanyId>,
    bool,
    ThreadId,
    (String, String, SafeHtml),
    (
        String,
        Option<i32>,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
    ),
    (NaiveDateTime, Option<NaiveDateTime>),
    // The thread: author, state, clause, withdrawn.
    (UserId, String, Option<i32>, Option<NaiveDateTime>),
);

type ReviewColumns = (
    ReviewId,
    UserId,
    String,
    CompanyId,
    String,
    String,
    (String, String, SafeHtml),
    (
        String,
        Option<i32>,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
    ),
    (NaiveDateTime, Option<NaiveDateTime>),
);

type ReplyColumns = (
    ReplyId,
    UserId,
    String,
    CompanyId,
    ReviewId,
    (String, SafeHtml),
    (String, Option<i32>, Option<NaiveDateTime>),
    (NaiveDateTime, Option<NaiveDateTime>),
    // The review: author, title, state, clause, moderated, withdrawn.
    (
        UserId,
        String,
        String,
        Option<i32>,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
    ),
);

pub fn load(conn: &mut DbConn, item: ItemRef) -> QueryResult<Option<Item>> {
    Ok(load_many(conn, &[item])?.pop())
}

/// Facts of a thread as its columns hold them: the opening post's state is
/// mirrored on the thread.
pub fn thread_facts(
    author: UserId,
    company: Option<CompanyId>,
    state: &str,
    clause: Option<i32>,
    withdrawn_at: Option<NaiveDateTime>,
) -> Facts {
    Facts {
        author,
        company,
        state: State::parse(state),
        clause,
        moderated_at: None,
        withdrawn_at,
        container: None,
    }
}

/// Facts of a review as its columns hold them.
pub fn review_facts(
    author: UserId,
    company: CompanyId,
    state: &str,
    clause: Option<i32>,
    moderated_at: Option<NaiveDateTime>,
    withdrawn_at: Option<NaiveDateTime>,
) -> Facts {
    Facts {
        author,
        company: Some(company),
        state: State::parse(state),
        clause,
        moderated_at,
        withdrawn_at,
        container: None,
    }
}

/// Many items at once (the queue page): a query per kind, not per item.
pub fn load_many(conn: &mut DbConn, refs: &[ItemRef]) -> QueryResult<Vec<Item>> {
    let ids_of = |kind: ItemKind| -> Vec<i64> {
        refs.iter()
            .filter(|r| r.kind() == kind)
            .map(|r| r.id())
            .collect()
    };
    let (post_ids, review_ids, reply_ids) = (
        ids_of(ItemKind::Post),
        ids_of(ItemKind::Review),
        ids_of(ItemKind::Reply),
    );
    let mut items = Vec::with_capacity(refs.len());
    if !post_ids.is_empty() {
        let rows: Vec<PostColumns> = posts::table
            .inner_join(threads::table)
            .inner_join(users::table)
            .filter(posts::id.eq_any(post_ids.iter().map(|i| PostId(*i)).collect::<Vec<_>>()))
            .select((
                posts::id,
                posts::author_id,
                users::display_name,
                threads::company_id,
                posts::is_opening,
                threads::id,
                (threads::title, posts::body_source, posts::body_html),
                (
                    posts::moderation_state,
                    posts::moderation_clause,
                    posts::moderated_at,
                    posts::withdrawn_at,
                ),
                (posts::created_at, posts::edited_at),
                (
                    threads::author_id,
                    threads::moderation_state,
                    threads::moderation_clause,
                    threads::withdrawn_at,
                ),
            ))
            .load(conn)?;
        for (id, author, name, company, opening, thread, words, state, times, of_thread) in rows {
            let (title, source, html) = words;
            let (state, clause, moderated_at, withdrawn_at) = state;
            let mut facts = Facts {
                author,
                company,
                state: State::parse(&state),
                clause,
                moderated_at,
                withdrawn_at,
                container: None,
            };
            let thread_facts =
                thread_facts(of_thread.0, company, &of_thread.1, of_thread.2, of_thread.3);
            let context_title = if opening {
                None
            } else {
                facts = facts.inside(thread_facts.clone());
                Some(Gated::seal(thread_facts, title.clone()))
            };
            items.push(Item {
                item: ItemRef::Post(id),
                author_id: author,
                author_name: name,
                company_id: company,
                company_name: None,
                is_opening: opening,
                thread: Some(thread),
                review: None,
                created_at: times.0,
                edited_at: times.1,
                link: format!("/posts/{id}"),
                text: Gated::seal(
                    facts,
                    ItemText {
                        title: if opening { title } else { String::new() },
                        source,
                        html,
                    },
                ),
                context_title,
            });
        }
    }
    if !review_ids.is_empty() {
        let rows: Vec<ReviewColumns> = reviews::table
            .inner_join(users::table)
            .inner_join(companies::table)
            .filter(reviews::id.eq_any(review_ids.iter().map(|i| ReviewId(*i)).collect::<Vec<_>>()))
            .select((
                reviews::id,
                reviews::author_id,
                users::display_name,
                reviews::company_id,
                companies::name,
                companies::slug,
                (reviews::title, reviews::body_source, reviews::body_html),
                (
                    reviews::moderation_state,
                    reviews::moderation_clause,
                    reviews::moderated_at,
                    reviews::withdrawn_at,
                ),
                (reviews::created_at, reviews::edited_at),
            ))
            .load(conn)?;
        for (id, author, name, company, company_name, slug, words, state, times) in rows {
            let (title, source, html) = words;
            let facts = review_facts(author, company, &state.0, state.1, state.2, state.3);
            items.push(Item {
                item: ItemRef::Review(id),
                author_id: author,
                author_name: name,
                company_id: Some(company),
                company_name: Some(company_name),
                is_opening: false,
                thread: None,
                review: Some(id),
                created_at: times.0,
                edited_at: times.1,
                link: format!("/companies/{slug}#review-{id}"),
                text: Gated::seal(
                    facts,
                    ItemText {
                        title,
                        source,
                        html,
                    },
                ),
                context_title: None,
            });
        }
    }
    if !reply_ids.is_empty() {
        let rows: Vec<ReplyColumns> = review_replies::table
            .inner_join(reviews::table.on(reviews::id.eq(review_replies::review_id)))
            .inner_join(users::table.on(users::id.eq(review_replies::author_id)))
            .filter(
                review_replies::id
                    .eq_any(reply_ids.iter().map(|i| ReplyId(*i)).collect::<Vec<_>>()),
            )
            .select((
                review_replies::id,
                review_replies::author_id,
                users::display_name,
                review_replies::company_id,
                review_replies::review_id,
                (review_replies::body_source, review_replies::body_html),
                (
                    review_replies::moderation_state,
                    review_replies::moderation_clause,
                    review_replies::moderated_at,
                ),
                (review_replies::created_at, review_replies::edited_at),
                (
                    reviews::author_id,
                    reviews::title,
                    reviews::moderation_state,
                    reviews::moderation_clause,
                    reviews::moderated_at,
                    reviews::withdrawn_at,
                ),
            ))
            .load(conn)?;
        for (id, author, name, company, review, words, state, times, of_review) in rows {
            let review_facts = review_facts(
                of_review.0,
                company,
                &of_review.2,
                of_review.3,
                of_review.4,
                of_review.5,
            );
            let facts = Facts {
                author,
                company: Some(company),
                state: State::parse(&state.0),
                clause: state.1,
                moderated_at: state.2,
                withdrawn_at: None,
                container: None,
            }
            .inside(review_facts.clone());
            items.push(Item {
                item: ItemRef::Reply(id),
                author_id: author,
                author_name: name,
                company_id: Some(company),
                company_name: None,
                is_opening: false,
                thread: None,
                review: Some(review),
                created_at: times.0,
                edited_at: times.1,
                link: String::new(),
                text: Gated::seal(
                    facts,
                    ItemText {
                        title: String::new(),
                        source: words.0,
                        html: words.1,
                    },
                ),
                context_title: Some(Gated::seal(review_facts, of_review.1)),
            });
        }
    }
    fill_companies(conn, &mut items)?;
    // In the order asked for.
    let mut ordered = Vec::with_capacity(items.len());
    for r in refs {
        if let Some(at) = items.iter().position(|i| i.item == *r) {
            ordered.push(items.swap_remove(at));
        }
    }
    Ok(ordered)
}

/// Company names, and the links of company replies (the review's place on
/// the company's page).
fn fill_companies(conn: &mut DbConn, items: &mut [Item]) -> QueryResult<()> {
    let ids: Vec<CompanyId> = items.iter().filter_map(|i| i.company_id).collect();
    if ids.is_empty() {
        return Ok(());
    }
    let names: Vec<(CompanyId, String, String)> = companies::table
        .filter(companies::id.eq_any(&ids))
        .select((companies::id, companies::name, companies::slug))
        .load(conn)?;
    for item in items.iter_mut() {
        let Some((_, name, slug)) = names.iter().find(|(id, ..)| Some(*id) == item.company_id)
        else {
            continue;
        };
        item.company_name = Some(name.clone());
        if let (ItemRef::Reply(_), Some(review)) = (item.item, item.review) {
            item.link = format!("/companies/{slug}#review-{review}");
        }
    }
    Ok(())
}

// ---- writes every kind shares ---------------------------------------------

/// Sets an item's moderation state; a thread's opening post carries its
/// thread along. (A review's place in its company's score is the reviews'
/// to recompute.)
pub fn set_state(
    conn: &mut DbConn,
    item: ItemRef,
    state: State,
    clause: Option<i32>,
) -> QueryResult<()> {
    let at = Some(now());
    let state = state.as_str();
    match item {
        ItemRef::Post(id) => {
            diesel::update(posts::table.find(id))
                .set((
                    posts::moderation_state.eq(state),
                    posts::moderation_clause.eq(clause),
                    posts::moderated_at.eq(at),
                ))
                .execute(conn)?;
            let (thread, opening): (ThreadId, bool) = posts::table
                .find(id)
                .select((posts::thread_id, posts::is_opening))
                .first(conn)?;
            if opening {
                diesel::update(threads::table.find(thread))
                    .set((
                        threads::moderation_state.eq(state),
                        threads::moderation_clause.eq(clause),
                    ))
                    .execute(conn)?;
            }
        }
        ItemRef::Review(id) => {
            diesel::update(reviews::table.find(id))
                .set((
                    reviews::moderation_state.eq(state),
                    reviews::moderation_clause.eq(clause),
                    reviews::moderated_at.eq(at),
                ))
                .execute(conn)?;
        }
        ItemRef::Reply(id) => {
            diesel::update(review_replies::table.find(id))
                .set((
                    review_replies::moderation_state.eq(state),
                    review_replies::moderation_clause.eq(clause),
                    review_replies::moderated_at.eq(at),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// The stored Markdown of an item, for the writes below.
fn stored_source(conn: &mut DbConn, item: ItemRef) -> QueryResult<String> {
    match item {
        ItemRef::Post(id) => posts::table.find(id).select(posts::body_source).first(conn),
        ItemRef::Review(id) => reviews::table
            .find(id)
            .select(reviews::body_source)
            .first(conn),
        ItemRef::Reply(id) => review_replies::table
            .find(id)
            .select(review_replies::body_source)
            .first(conn),
    }
}

/// Replaces an item's Markdown (and its HTML) without keeping a version:
/// what a redaction and its reversal do.
fn set_source(conn: &mut DbConn, item: ItemRef, source: &str) -> QueryResult<()> {
    let html = markdown::render(source);
    match item {
        ItemRef::Post(id) => diesel::update(posts::table.find(id))
            .set((posts::body_source.eq(source), posts::body_html.eq(&html)))
            .execute(conn)?,
        ItemRef::Review(id) => diesel::update(reviews::table.find(id))
            .set((
                reviews::body_source.eq(source),
                reviews::body_html.eq(&html),
            ))
            .execute(conn)?,
        ItemRef::Reply(id) => diesel::update(review_replies::table.find(id))
            .set((
                review_replies::body_source.eq(source),
                review_replies::body_html.eq(&html),
            ))
            .execute(conn)?,
    };
    Ok(())
}

/// A redaction: the words removed, the text before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    pub words: String,
    pub original: String,
    pub redacted: String,
}

/// Replaces every occurrence of `words` with `marker`. `None` when the words
/// are not in the text (nothing changes).
pub fn redact(
    conn: &mut DbConn,
    item: ItemRef,
    words: &str,
    marker: &str,
) -> QueryResult<Option<Redaction>> {
    let original = stored_source(conn, item)?;
    if words.is_empty() || !original.contains(words) {
        return Ok(None);
    }
    let redacted = original.replace(words, marker);
    set_source(conn, item, &redacted)?;
    Ok(Some(Redaction {
        words: words.to_string(),
        original,
        redacted,
    }))
}

/// Whether `words` stand in the item's text as stored.
pub fn contains(conn: &mut DbConn, item: ItemRef, words: &str) -> QueryResult<bool> {
    Ok(!words.is_empty() && stored_source(conn, item)?.contains(words))
}

/// Undoes a redaction, unless the author rewrote the text since.
pub fn put_back(conn: &mut DbConn, item: ItemRef, redaction: &Redaction) -> QueryResult<bool> {
    if stored_source(conn, item)? != redaction.redacted {
        return Ok(false);
    }
    set_source(conn, item, &redaction.original)?;
    Ok(true)
}

/// How often `author` published exactly this text in the last day, other
/// than `except` itself: repeated content is spam.
pub fn recent_copies(
    conn: &mut DbConn,
    except: ItemRef,
    author: UserId,
    source: &str,
) -> QueryResult<i64> {
    let since = now() - Duration::hours(24);
    match except {
        ItemRef::Post(id) => posts::table
            .filter(posts::author_id.eq(author))
            .filter(posts::body_source.eq(source))
            .filter(posts::id.ne(id))
            .filter(posts::created_at.gt(since))
            .count()
            .get_result(conn),
        ItemRef::Review(id) => reviews::table
            .filter(reviews::author_id.eq(author))
            .filter(reviews::body_source.eq(source))
            .filter(reviews::id.ne(id))
            .filter(reviews::created_at.gt(since))
            .count()
            .get_result(conn),
        ItemRef::Reply(id) => review_replies::table
            .filter(review_replies::author_id.eq(author))
            .filter(review_replies::body_source.eq(source))
            .filter(review_replies::id.ne(id))
            .filter(review_replies::created_at.gt(since))
            .count()
            .get_result(conn),
    }
}

/// An item's new words.
pub struct NewText<'a> {
    /// A thread's or a review's title; ignored for replies.
    pub title: Option<&'a str>,
    pub source: &'a str,
    pub html: &'a SafeHtml,
}

/// The one edit path of every kind: the words as they stood become an
/// earlier version, the new ones replace them, and the item is marked
/// edited. (A review's rating and date are kept with its version; the
/// reviews store their new values themselves.)
pub fn revise(conn: &mut DbConn, item: ItemRef, new: &NewText) -> QueryResult<()> {
    let at = now();
    match item {
        ItemRef::Post(id) => {
            let (thread, opening, source, html, title): (ThreadId, bool, String, SafeHtml, String) =
                posts::table
                    .inner_join(threads::table)
                    .filter(posts::id.eq(id))
                    .select((
                        posts::thread_id,
                        posts::is_opening,
                        posts::body_source,
                        posts::body_html,
                        threads::title,
                    ))
                    .first(conn)?;
            let title_change = new.title.filter(|_| opening);
            diesel::insert_into(post_revisions::table)
                .values((
                    post_revisions::post_id.eq(id),
                    post_revisions::title.eq(title_change.map(|_| title)),
                    post_revisions::body_source.eq(source),
                    post_revisions::body_html.eq(html),
                    post_revisions::created_at.eq(at),
                ))
                .execute(conn)?;
            diesel::update(posts::table.find(id))
                .set((
                    posts::body_source.eq(new.source),
                    posts::body_html.eq(new.html),
                    posts::edited_at.eq(Some(at)),
                ))
                .execute(conn)?;
            if let Some(title) = title_change {
                diesel::update(threads::table.find(thread))
                    .set(threads::title.eq(title))
                    .execute(conn)?;
            }
        }
        ItemRef::Review(id) => {
            type Old = (i32, String, String, SafeHtml, Option<NaiveDate>);
            let (rating, title, source, html, date): Old = reviews::table
                .find(id)
                .select((
                    reviews::rating,
                    reviews::title,
                    reviews::body_source,
                    reviews::body_html,
                    reviews::experience_date,
                ))
                .first(conn)?;
            diesel::insert_into(review_revisions::table)
                .values((
                    review_revisions::review_id.eq(id),
                    review_revisions::rating.eq(rating),
                    review_revisions::title.eq(&title),
                    review_revisions::body_source.eq(source),
                    review_revisions::body_html.eq(html),
                    review_revisions::experience_date.eq(date),
                    review_revisions::created_at.eq(at),
                ))
                .execute(conn)?;
            diesel::update(reviews::table.find(id))
                .set((
                    reviews::title.eq(new.title.unwrap_or(&title)),
                    reviews::body_source.eq(new.source),
                    reviews::body_html.eq(new.html),
                    reviews::edited_at.eq(Some(at)),
                ))
                .execute(conn)?;
        }
        ItemRef::Reply(id) => {
            let (source, html): (String, SafeHtml) = review_replies::table
                .find(id)
                .select((review_replies::body_source, review_replies::body_html))
                .first(conn)?;
            diesel::insert_into(review_reply_revisions::table)
                .values((
                    review_reply_revisions::reply_id.eq(id),
                    review_reply_revisions::body_source.eq(source),
                    review_reply_revisions::body_html.eq(html),
                    review_reply_revisions::created_at.eq(at),
                ))
                .execute(conn)?;
            diesel::update(review_replies::table.find(id))
                .set((
                    review_replies::body_source.eq(new.source),
                    review_replies::body_html.eq(new.html),
                    review_replies::edited_at.eq(Some(at)),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// The author takes an item back: it keeps its place with a notice, its
/// words leave public view and search. A thread's opening post withdraws the
/// thread. Returns whether it was withdrawn now (not before).
pub fn withdraw(conn: &mut DbConn, item: ItemRef) -> QueryResult<bool> {
    let at = Some(now());
    let changed = match item {
        ItemRef::Post(id) => {
            let changed =
                diesel::update(posts::table.find(id).filter(posts::withdrawn_at.is_null()))
                    .set(posts::withdrawn_at.eq(at))
                    .execute(conn)?;
            let (thread, opening): (ThreadId, bool) = posts::table
                .find(id)
                .select((posts::thread_id, posts::is_opening))
                .first(conn)?;
            if opening {
                diesel::update(
                    threads::table
                        .find(thread)
                        .filter(threads::withdrawn_at.is_null()),
                )
                .set(threads::withdrawn_at.eq(at))
                .execute(conn)?;
            }
            changed
        }
        ItemRef::Review(id) => diesel::update(
            reviews::table
                .find(id)
                .filter(reviews::withdrawn_at.is_null()),
        )
        .set(reviews::withdrawn_at.eq(at))
        .execute(conn)?,
        // A company's reply is changed, not withdrawn.
        ItemRef::Reply(_) => 0,
    };
    Ok(changed == 1)
}

/// An earlier version of an item's words.
#[derive(Debug, Clone)]
pub struct Version {
    pub replaced_at: NaiveDateTime,
    pub title: Option<String>,
    /// A review's stars in that version.
    pub rating: Option<i32>,
    pub html: SafeHtml,
    pub source: String,
}

/// The earlier versions of an item, newest first, for a viewer who may read
/// them (`gate::sees_history`); anyone else gets none.
pub fn versions(
    conn: &mut DbConn,
    item: &Item,
    viewer: Option<&CurrentUser>,
) -> QueryResult<Vec<Version>> {
    if !gate::sees_history(viewer, item.facts()) {
        return Ok(Vec::new());
    }
    stored_versions(conn, item.item)
}

fn stored_versions(conn: &mut DbConn, item: ItemRef) -> QueryResult<Vec<Version>> {
    Ok(match item {
        ItemRef::Post(id) => post_revisions::table
            .filter(post_revisions::post_id.eq(id))
            .select((
                post_revisions::created_at,
                post_revisions::title,
                post_revisions::body_html,
                post_revisions::body_source,
            ))
            .order(post_revisions::id.desc())
            .load::<(NaiveDateTime, Option<String>, SafeHtml, String)>(conn)?
            .into_iter()
            .map(|(replaced_at, title, html, source)| Version {
                replaced_at,
                title,
                rating: None,
                html,
                source,
            })
            .collect(),
        ItemRef::Review(id) => review_revisions::table
            .filter(review_revisions::review_id.eq(id))
            .select((
                review_revisions::created_at,
                review_revisions::title,
                review_revisions::rating,
                review_revisions::body_html,
                review_revisions::body_source,
            ))
            .order(review_revisions::id.desc())
            .load::<(NaiveDateTime, String, i32, SafeHtml, String)>(conn)?
            .into_iter()
            .map(|(replaced_at, title, rating, html, source)| Version {
                replaced_at,
                title: Some(title),
                rating: Some(rating),
                html,
                source,
            })
            .collect(),
        ItemRef::Reply(id) => review_reply_revisions::table
            .filter(review_reply_revisions::reply_id.eq(id))
            .select((
                review_reply_revisions::created_at,
                review_reply_revisions::body_html,
                review_reply_revisions::body_source,
            ))
            .order(review_reply_revisions::id.desc())
            .load::<(NaiveDateTime, SafeHtml, String)>(conn)?
            .into_iter()
            .map(|(replaced_at, html, source)| Version {
                replaced_at,
                title: None,
                rating: None,
                html,
                source,
            })
            .collect(),
    })
}

/// The earlier versions for moderation's case page, whose caller has
/// checked that the reader is a neutral moderator.
pub fn versions_for_moderation(
    conn: &mut DbConn,
    item: &Item,
    moderator: &CurrentUser,
) -> QueryResult<Vec<Version>> {
    versions(conn, item, Some(moderator))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_round_trip_through_their_stored_form() {
        for r in [
            ItemRef::Post(PostId(3)),
            ItemRef::Review(ReviewId(4)),
            ItemRef::Reply(ReplyId(5)),
        ] {
            assert_eq!(ItemRef::parse(r.kind().as_str(), r.id()), Some(r));
        }
        assert_eq!(ItemRef::parse("thread", 1), None);
        assert_eq!(ItemRef::Review(ReviewId(4)).to_string(), "review/4");
    }
}
