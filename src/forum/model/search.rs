//! Full-text search over threads and replies (SQLite FTS5 or PostgreSQL
//! `tsvector` behind one function), and the searches that found nothing.
//! Search is a public index: only what the public may read is listed.

use diesel::prelude::*;

use crate::db::schema::{posts, search_misses, threads, users};
use crate::db::{now, DbConn};
use crate::forum::model::posts::Post;
use crate::forum::model::threads::Thread;
use crate::kernel::gate::State;
use crate::kernel::ids::CompanyId;
use crate::kernel::ids::{PostId, ThreadId};

/// One search result: a post, its thread, and a snippet whose matching
/// words are marked with \u{2} … \u{3} (the view turns them into <mark>).
#[derive(Debug, Clone)]
pub struct SearchHit {
    pub post_id: PostId,
    pub thread_id: ThreadId,
    /// The thread's title as the public reads it.
    pub title: String,
    pub snippet: String,
    pub author: String,
    pub is_opening: bool,
    /// The thread's kind (question, complaint, …), as stored.
    pub kind: String,
    pub company_id: Option<CompanyId>,
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

pub fn is_prefix_term(term: &str) -> bool {
    term.chars().count() >= PREFIX_MIN_CHARS
}

/// How the terms of a query match words in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matching {
    WholeWords,
    /// Terms of `PREFIX_MIN_CHARS` or more also match longer words.
    Prefixes,
}

/// The query in FTS5's syntax: every term quoted (so none is an operator).
pub fn fts5_query(terms: &[String], matching: Matching) -> String {
    full_text_query(
        terms,
        matching,
        |t| format!("\"{t}\""),
        |t| format!("\"{t}\"*"),
        " ",
    )
}

/// The query in PostgreSQL's `tsquery` syntax (terms are letters and digits).
pub fn tsquery(terms: &[String], matching: Matching) -> String {
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
    words_then_prefixes(
        &terms,
        SEARCH_LIMIT as usize,
        |matching| search_matching(conn, &terms, matching),
        |a, b| a.post_id == b.post_id,
    )
}

/// Whole-word matches first; then, when they do not fill `limit` and a
/// term is long enough, the matches of words that start with a term, each
/// once (`same`). Shared by every full-text search (posts, reviews).
pub fn words_then_prefixes<T>(
    terms: &[String],
    limit: usize,
    mut find: impl FnMut(Matching) -> QueryResult<Vec<T>>,
    same: impl Fn(&T, &T) -> bool,
) -> QueryResult<Vec<T>> {
    let mut hits = find(Matching::WholeWords)?;
    if hits.len() < limit && terms.iter().any(|t| is_prefix_term(t)) {
        for hit in find(Matching::Prefixes)? {
            if hits.len() >= limit {
                break;
            }
            if !hits.iter().any(|h| same(h, &hit)) {
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
        DbConn::Pg(c) => {
            // The conditions repeat the gate's public rule in SQL so the
            // page fills from the index; `public_hits` still decides.
            let candidates: Vec<Candidate> = diesel::sql_query(
                "SELECT p.id AS rowid, \
                 ts_headline('simple', p.body_source, q, 'StartSel=\u{2}, StopSel=\u{3}, MaxWords=30, MinWords=12') AS snippet \
                 FROM posts p JOIN threads t ON t.id = p.thread_id, to_tsquery('simple', $1) q \
                 WHERE p.search_vector @@ q AND t.withdrawn_at IS NULL AND p.withdrawn_at IS NULL \
                 AND p.moderation_state = 'visible' AND t.moderation_state = 'visible' \
                 ORDER BY p.id DESC LIMIT $2",
            )
            .bind::<diesel::sql_types::Text, _>(tsquery(terms, matching))
            .bind::<diesel::sql_types::BigInt, _>(SEARCH_LIMIT)
            .load(c)?;
            public_hits(conn, candidates)
        }
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
        hits.extend(public_hits(conn, candidates)?);
        if exhausted || hits.len() >= SEARCH_LIMIT as usize {
            break;
        }
    }
    hits.truncate(SEARCH_LIMIT as usize);
    Ok(hits)
}

/// The candidates the public may read, post and thread alike, newest
/// first: search is a public index, so it lists only public text whoever
/// searches. The query's own conditions only spare the gate most of the
/// work (one join, on the candidates' ids).
fn public_hits(conn: &mut DbConn, candidates: Vec<Candidate>) -> QueryResult<Vec<SearchHit>> {
    let ids: Vec<PostId> = candidates.iter().map(|c| PostId(c.rowid)).collect();
    let rows: Vec<(Post, Thread, String)> = posts::table
        .inner_join(threads::table)
        .inner_join(users::table)
        .filter(posts::id.eq_any(&ids))
        .filter(posts::withdrawn_at.is_null())
        .filter(threads::withdrawn_at.is_null())
        .filter(posts::moderation_state.eq(State::Visible.as_str()))
        .filter(threads::moderation_state.eq(State::Visible.as_str()))
        .select((Post::as_select(), Thread::as_select(), users::display_name))
        .load(conn)?;
    Ok(candidates
        .into_iter()
        .filter_map(|candidate| {
            let (post, thread, author) = rows.iter().find(|(p, ..)| p.id.0 == candidate.rowid)?;
            post.public_text(thread)?;
            Some(SearchHit {
                post_id: post.id,
                thread_id: thread.id,
                title: thread.public_title()?,
                snippet: candidate.snippet,
                author: author.clone(),
                is_opening: post.is_opening,
                kind: thread.kind.clone(),
                company_id: thread.company_id,
            })
        })
        .collect())
}

/// What stands in a remembered search for personal data that was typed.
pub const MASK: &str = "[…]";

/// Remembers a search that found nothing (the holes in the self-help
/// content), for the company whose pages it was made from, or site-wide.
/// Company staff read these: personal data people typed (an address, a
/// phone number, a personal number) is masked before it is stored.
pub fn record_search_miss(
    conn: &mut DbConn,
    query: &str,
    company: Option<CompanyId>,
) -> QueryResult<()> {
    let query: String = query.trim().chars().take(200).collect();
    let masked = crate::kernel::pii::remove_personal_data(&query, MASK);
    diesel::insert_into(search_misses::table)
        .values((
            search_misses::query.eq(masked),
            search_misses::created_at.eq(now()),
            search_misses::company_id.eq(company),
        ))
        .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
