//! Loading items: one query per kind for any number of items, with the
//! facts the gate needs (a reply's thread, a company reply's review).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{companies, posts, review_replies, reviews, threads, users};
use crate::db::DbConn;
use crate::kernel::gate::{Facts, Gated, State};
use crate::kernel::ids::{CompanyId, PostId, ReplyId, ReviewId, ThreadId, UserId};
use crate::kernel::item::{Item, ItemKind, ItemRef, ItemText};
use crate::kernel::markdown::SafeHtml;

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
