//! The company's FAQ: solved threads promoted by staff into a knowledge
//! page per company, found by the forum search too.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::accounts::model::contains_pattern;
use crate::companies::model::lower;
use crate::db::schema::{companies, faq_entries};
use crate::db::{now, DbConn};
use crate::forum::model::{find_post, Thread};
use crate::kernel::ids::{CompanyId, FaqId, ThreadId, UserId};
use crate::kernel::markdown::SafeHtml;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = faq_entries)]
pub struct FaqEntry {
    pub id: FaqId,
    pub company_id: CompanyId,
    pub thread_id: ThreadId,
    pub question: String,
    pub answer_html: SafeHtml,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Promotion {
    Promoted,
    AlreadyInFaq,
    /// Only a thread with an accepted answer can become an FAQ entry.
    NotSolved,
}

/// Copies the thread's title and accepted answer into the company's FAQ.
pub fn promote(conn: &mut DbConn, thread: &Thread, by: UserId) -> QueryResult<Promotion> {
    let (Some(company), Some(accepted)) = (thread.company_id, thread.accepted_post_id) else {
        return Ok(Promotion::NotSolved);
    };
    let Some(answer) = find_post(conn, accepted)?.filter(|p| p.withdrawn_at.is_none()) else {
        return Ok(Promotion::NotSolved);
    };
    let inserted = crate::db::insert_unless_duplicate(conn, |conn| {
        diesel::insert_into(faq_entries::table)
            .values((
                faq_entries::company_id.eq(company),
                faq_entries::thread_id.eq(thread.id),
                faq_entries::question.eq(&thread.title),
                faq_entries::answer_source.eq(&answer.body_source),
                faq_entries::answer_html.eq(&answer.body_html),
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

pub fn list(conn: &mut DbConn, company: CompanyId) -> QueryResult<Vec<FaqEntry>> {
    faq_entries::table
        .filter(faq_entries::company_id.eq(company))
        .order(faq_entries::id)
        .select(FaqEntry::as_select())
        .load(conn)
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
/// company's name and slug. The FAQ is small, so a LIKE scan is cheap.
pub fn search(conn: &mut DbConn, terms: &[String]) -> QueryResult<Vec<(FaqEntry, String, String)>> {
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let mut query = faq_entries::table
        .inner_join(companies::table)
        .select((FaqEntry::as_select(), companies::name, companies::slug))
        .order(faq_entries::id.desc())
        .limit(5)
        .into_boxed();
    for term in terms {
        let pattern = contains_pattern(term);
        query = query.filter(
            lower(faq_entries::question)
                .like(pattern.clone())
                .escape('\\')
                .or(lower(faq_entries::answer_source).like(pattern).escape('\\')),
        );
    }
    query.load(conn)
}
