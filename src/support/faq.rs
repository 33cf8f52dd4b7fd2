//! The company's FAQ: solved threads promoted by staff into a knowledge
//! page per company, found by the forum search too. An entry points at the
//! thread and its accepted answer rather than copying them, and is shown
//! only while the public reads both: a later hold, hide or withdrawal takes
//! it out of the FAQ, a restore puts it back.

use diesel::prelude::*;

use crate::db::contains_pattern;
use crate::db::lower;
use crate::db::schema::{companies, faq_entries, posts, threads};
use crate::db::{now, DbConn};
use crate::forum::model::{find_post, Post, Thread};
use crate::kernel::gate::State;
use crate::kernel::ids::{CompanyId, FaqId, ThreadId, UserId};
use crate::kernel::markdown::SafeHtml;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = faq_entries)]
struct EntryRow {
    id: FaqId,
}

/// An FAQ entry as the public reads it: the thread's title and its
/// accepted answer, as they stand now.
#[derive(Debug, Clone)]
pub struct FaqEntry {
    pub id: FaqId,
    pub thread_id: ThreadId,
    pub question: String,
    pub answer_html: SafeHtml,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Promotion {
    Promoted,
    AlreadyInFaq,
    /// Only a thread with an accepted answer, both read by the public, can
    /// become an FAQ entry.
    NotSolved,
}

/// The entry a thread and its accepted answer make, if the public reads both.
fn public_entry(id: FaqId, thread: &Thread, answer: Option<&Post>) -> Option<FaqEntry> {
    let answer =
        answer.filter(|a| Some(a.id) == thread.accepted_post_id && a.thread_id == thread.id)?;
    let text = answer.public_text(thread)?;
    Some(FaqEntry {
        id,
        thread_id: thread.id,
        question: thread.public_title()?,
        answer_html: text.html,
    })
}

/// Adds a solved thread to its company's FAQ.
pub fn promote(conn: &mut DbConn, thread: &Thread, by: UserId) -> QueryResult<Promotion> {
    let (Some(company), Some(accepted)) = (thread.company_id, thread.accepted_post_id) else {
        return Ok(Promotion::NotSolved);
    };
    let answer = find_post(conn, accepted)?;
    if public_entry(FaqId(0), thread, answer.as_ref()).is_none() {
        return Ok(Promotion::NotSolved);
    }
    let inserted = crate::db::insert_unless_duplicate(conn, |conn| {
        diesel::insert_into(faq_entries::table)
            .values((
                faq_entries::company_id.eq(company),
                faq_entries::thread_id.eq(thread.id),
                faq_entries::promoted_by.eq(by),
                faq_entries::created_at.eq(now()),
            ))
            .execute(conn)
    })?;
    Ok(if inserted {
        Promotion::Promoted
    } else {
        Promotion::AlreadyInFaq
    })
}

/// The answers of `threads` (their accepted posts), in one query.
fn accepted_answers(conn: &mut DbConn, threads: &[&Thread]) -> QueryResult<Vec<Post>> {
    let ids: Vec<_> = threads.iter().filter_map(|t| t.accepted_post_id).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    posts::table
        .filter(posts::id.eq_any(ids))
        .select(Post::as_select())
        .load(conn)
}

fn entries_of(conn: &mut DbConn, rows: Vec<(EntryRow, Thread)>) -> QueryResult<Vec<FaqEntry>> {
    let answers = accepted_answers(conn, &rows.iter().map(|(_, t)| t).collect::<Vec<_>>())?;
    Ok(rows
        .iter()
        .filter_map(|(row, thread)| {
            let answer = answers
                .iter()
                .find(|a| Some(a.id) == thread.accepted_post_id);
            public_entry(row.id, thread, answer)
        })
        .collect())
}

/// A company's FAQ as the public reads it.
pub fn list(conn: &mut DbConn, company: CompanyId) -> QueryResult<Vec<FaqEntry>> {
    let rows: Vec<(EntryRow, Thread)> = faq_entries::table
        .inner_join(threads::table.on(threads::id.eq(faq_entries::thread_id)))
        .filter(faq_entries::company_id.eq(company))
        .order(faq_entries::id)
        .select((EntryRow::as_select(), Thread::as_select()))
        .load(conn)?;
    entries_of(conn, rows)
}

pub fn is_in_faq(conn: &mut DbConn, thread: ThreadId) -> QueryResult<bool> {
    let n: i64 = faq_entries::table
        .filter(faq_entries::thread_id.eq(thread))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub fn remove(conn: &mut DbConn, company: CompanyId, id: FaqId) -> QueryResult<usize> {
    diesel::delete(
        faq_entries::table
            .filter(faq_entries::id.eq(id))
            .filter(faq_entries::company_id.eq(company)),
    )
    .execute(conn)
}

/// FAQ entries whose question or answer contains every term, with the
/// company's name and slug, as the public reads them. The FAQ is small, so
/// a LIKE scan is cheap.
pub fn search(conn: &mut DbConn, terms: &[String]) -> QueryResult<Vec<(FaqEntry, String, String)>> {
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let mut query = faq_entries::table
        .inner_join(threads::table.on(threads::id.eq(faq_entries::thread_id)))
        .inner_join(posts::table.on(threads::accepted_post_id.eq(posts::id.nullable())))
        .inner_join(companies::table.on(companies::id.eq(faq_entries::company_id)))
        // The public rule in SQL so the five come from public entries; the
        // gate still decides below.
        .filter(threads::moderation_state.eq(State::Visible.as_str()))
        .filter(threads::withdrawn_at.is_null())
        .filter(posts::moderation_state.eq(State::Visible.as_str()))
        .filter(posts::withdrawn_at.is_null())
        .select((
            EntryRow::as_select(),
            Thread::as_select(),
            companies::name,
            companies::slug,
        ))
        .order(faq_entries::id.desc())
        .limit(5)
        .into_boxed();
    for term in terms {
        let pattern = contains_pattern(term);
        query = query.filter(
            lower(threads::title)
                .like(pattern.clone())
                .escape('\\')
                .or(lower(posts::body_source).like(pattern).escape('\\')),
        );
    }
    let rows: Vec<(EntryRow, Thread, String, String)> = query.load(conn)?;
    let names: Vec<(ThreadId, String, String)> = rows
        .iter()
        .map(|(_, t, name, slug)| (t.id, name.clone(), slug.clone()))
        .collect();
    let entries = entries_of(
        conn,
        rows.into_iter()
            .map(|(row, thread, ..)| (row, thread))
            .collect(),
    )?;
    Ok(entries
        .into_iter()
        .filter_map(|entry| {
            let (_, name, slug) = names.iter().find(|(t, ..)| *t == entry.thread_id)?;
            Some((entry, name.clone(), slug.clone()))
        })
        .collect())
}
