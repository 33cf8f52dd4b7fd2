//! Full-text search over reviews: SQLite FTS5 or PostgreSQL `tsvector`
//! (kept by triggers, like the posts'), every term required, newest first,
//! whole words before prefixes. Only what the public reads is found: the
//! index's candidates pass the gate before they are listed.

use diesel::prelude::*;

use crate::db::schema::{companies, users};
use crate::db::DbConn;
use crate::forum::model::search::{fts5_query, tsquery, words_then_prefixes, Matching};
use crate::kernel::ids::{CompanyId, ReviewId};
use crate::reviews::model::reviews::{find_reviews, Review};

/// Reviews listed at most on the search page.
pub const REVIEW_HITS: usize = 10;
/// Candidates read from the index at a time.
const BATCH: i64 = 40;

/// A review found, as the public reads it.
#[derive(Debug, Clone)]
pub struct ReviewHit {
    pub review: ReviewId,
    pub rating: i32,
    pub title: String,
    /// From the index, with the matches between `\u{2}` and `\u{3}`.
    pub snippet: String,
    pub author: String,
    pub company: String,
    pub company_slug: String,
}

#[derive(QueryableByName)]
struct Candidate {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    rowid: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    snippet: String,
}

/// The newest public reviews matching every term, of one company or all.
pub fn search_reviews(
    conn: &mut DbConn,
    terms: &[String],
    company: Option<CompanyId>,
) -> QueryResult<Vec<ReviewHit>> {
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    words_then_prefixes(
        terms,
        REVIEW_HITS,
        |how| matching(conn, terms, company, how),
        |a, b| a.review == b.review,
    )
}

fn matching(
    conn: &mut DbConn,
    terms: &[String],
    company: Option<CompanyId>,
    matching: Matching,
) -> QueryResult<Vec<ReviewHit>> {
    let candidates: Vec<Candidate> = match conn {
        DbConn::Sqlite(_) => diesel::sql_query(
            "SELECT rowid, snippet(reviews_fts, 1, char(2), char(3), '…', 16) AS snippet \
             FROM reviews_fts WHERE reviews_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
        )
        .bind::<diesel::sql_types::Text, _>(fts5_query(terms, matching))
        .bind::<diesel::sql_types::BigInt, _>(BATCH)
        .load(conn)?,
        DbConn::Pg(c) => diesel::sql_query(
            "SELECT r.id AS rowid, \
             ts_headline('simple', r.body_source, q, 'StartSel=\u{2}, StopSel=\u{3}, MaxWords=30, MinWords=12') AS snippet \
             FROM reviews r, to_tsquery('simple', $1) q \
             WHERE r.search_vector @@ q AND r.withdrawn_at IS NULL AND r.moderation_state = 'visible' \
             AND ($2 = 0 OR r.company_id = $2) \
             ORDER BY r.id DESC LIMIT $3",
        )
        .bind::<diesel::sql_types::Text, _>(tsquery(terms, matching))
        .bind::<diesel::sql_types::BigInt, _>(company.map_or(0, |c| c.0))
        .bind::<diesel::sql_types::BigInt, _>(BATCH)
        .load(c)?,
    };
    public_hits(conn, candidates, company)
}

/// The candidates the public may read, through the gate, newest first.
fn public_hits(
    conn: &mut DbConn,
    candidates: Vec<Candidate>,
    company: Option<CompanyId>,
) -> QueryResult<Vec<ReviewHit>> {
    let ids: Vec<ReviewId> = candidates.iter().map(|c| ReviewId(c.rowid)).collect();
    let reviews: Vec<Review> = find_reviews(conn, &ids)?;
    let company_ids: Vec<CompanyId> = reviews.iter().map(|r| r.company_id).collect();
    let names: Vec<(CompanyId, String, String)> = companies::table
        .filter(companies::id.eq_any(&company_ids))
        .select((companies::id, companies::name, companies::slug))
        .load(conn)?;
    let author_ids: Vec<crate::kernel::ids::UserId> = reviews.iter().map(|r| r.author_id).collect();
    let authors: Vec<(crate::kernel::ids::UserId, String)> = users::table
        .filter(users::id.eq_any(&author_ids))
        .select((users::id, users::display_name))
        .load(conn)?;
    Ok(candidates
        .into_iter()
        .filter_map(|candidate| {
            let review = reviews.iter().find(|r| r.id.0 == candidate.rowid)?;
            if company.is_some_and(|c| c != review.company_id) {
                return None;
            }
            let text = review.public_text()?;
            let (_, name, slug) = names.iter().find(|(id, ..)| *id == review.company_id)?;
            let author = authors
                .iter()
                .find(|(id, _)| *id == review.author_id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            Some(ReviewHit {
                review: review.id,
                rating: review.rating,
                title: text.title,
                snippet: candidate.snippet,
                author,
                company: name.clone(),
                company_slug: slug.clone(),
            })
        })
        .take(REVIEW_HITS)
        .collect())
}
