//! Canned answers: a shared library per company, searchable, with
//! placeholders filled in when an answer is put into the reply form.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::contains_pattern;
use crate::db::lower;
use crate::db::schema::canned_answers;
use crate::db::{now, DbConn};
use crate::kernel::ids::{CannedId, CompanyId, UserId};

pub const TITLE_MAX: usize = 120;
pub const BODY_MAX: usize = 10_000;
pub const PLACEHOLDERS: [&str; 3] = ["{customer}", "{company}", "{agent}"];

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = canned_answers)]
pub struct Canned {
    pub id: CannedId,
    pub company_id: CompanyId,
    pub title: String,
    pub body: String,
    pub created_by: UserId,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Replaces the placeholders; anything else in braces is left alone.
pub fn fill(body: &str, customer: &str, company: &str, agent: &str) -> String {
    body.replace("{customer}", customer)
        .replace("{company}", company)
        .replace("{agent}", agent)
}

/// The library page shows this many answers at most.
pub const LIST_MAX: i64 = 200;

/// The company's answers (at most `limit`), those matching `query` in title
/// or text when given.
pub fn list(
    conn: &mut DbConn,
    company: CompanyId,
    query: &str,
    limit: i64,
) -> QueryResult<Vec<Canned>> {
    let mut q = canned_answers::table
        .filter(canned_answers::company_id.eq(company))
        .select(Canned::as_select())
        .order((canned_answers::title, canned_answers::id))
        .limit(limit)
        .into_boxed();
    let query = query.trim();
    if !query.is_empty() {
        let pattern = contains_pattern(query);
        q = q.filter(
            lower(canned_answers::title)
                .like(pattern.clone())
                .escape('\\')
                .or(lower(canned_answers::body).like(pattern).escape('\\')),
        );
    }
    q.load(conn)
}

/// An answer of this company (never another company's).
pub fn find(conn: &mut DbConn, company: CompanyId, id: CannedId) -> QueryResult<Option<Canned>> {
    canned_answers::table
        .filter(canned_answers::id.eq(id))
        .filter(canned_answers::company_id.eq(company))
        .select(Canned::as_select())
        .first(conn)
        .optional()
}

pub fn create(
    conn: &mut DbConn,
    company: CompanyId,
    author: UserId,
    title: &str,
    body: &str,
) -> QueryResult<()> {
    let at = now();
    diesel::insert_into(canned_answers::table)
        .values((
            canned_answers::company_id.eq(company),
            canned_answers::title.eq(title),
            canned_answers::body.eq(body),
            canned_answers::created_by.eq(author),
            canned_answers::created_at.eq(at),
            canned_answers::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn update(
    conn: &mut DbConn,
    company: CompanyId,
    id: CannedId,
    title: &str,
    body: &str,
) -> QueryResult<usize> {
    diesel::update(
        canned_answers::table
            .filter(canned_answers::id.eq(id))
            .filter(canned_answers::company_id.eq(company)),
    )
    .set((
        canned_answers::title.eq(title),
        canned_answers::body.eq(body),
        canned_answers::updated_at.eq(now()),
    ))
    .execute(conn)
}

pub fn delete(conn: &mut DbConn, company: CompanyId, id: CannedId) -> QueryResult<usize> {
    diesel::delete(
        canned_answers::table
            .filter(canned_answers::id.eq(id))
            .filter(canned_answers::company_id.eq(company)),
    )
    .execute(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_nothing_else() {
        assert_eq!(
            fill(
                "Hej {customer}! {agent} på {company} här. {unknown}",
                "Karin",
                "Nordlys",
                "Erik"
            ),
            "Hej Karin! Erik på Nordlys här. {unknown}"
        );
    }
}
