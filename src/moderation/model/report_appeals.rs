//! A reporter's appeal (DSA art. 20): the person whose report a moderator
//! dismissed — a member, or the sender of a legal notice — appeals once.
//! The report is put back into a case of its own kind, which a different
//! moderator decides like any case (any action the clause allows); the
//! statement goes to the reporter and to the author.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{flags, report_appeals};
use crate::db::{now, DbConn};
use crate::kernel::ids::{CaseId, DecisionId, UserId};
use crate::kernel::item;
use crate::moderation::guidelines;
use crate::moderation::model::cases::{open_case, OPEN};
use crate::moderation::model::decisions::{Addressee, Decision};

/// The kind of case a reporter's appeal opens.
pub const CASE_REPORT_APPEAL: &str = "report-appeal";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = report_appeals)]
pub struct ReportAppeal {
    pub id: i64,
    pub flag_id: i64,
    pub decision_id: DecisionId,
    pub appellant_id: Option<UserId>,
    pub notice_id: Option<i64>,
    pub text: String,
    pub case_id: Option<CaseId>,
    pub outcome_decision_id: Option<DecisionId>,
    pub created_at: NaiveDateTime,
}

/// The report of `reporter` that `decision` dismissed and that has not been
/// appealed: what an appeal would reopen.
pub fn appealable_report(
    conn: &mut DbConn,
    decision: &Decision,
    reporter: Addressee,
) -> QueryResult<Option<i64>> {
    if decision.automatic {
        return Ok(None);
    }
    let mut query = flags::table
        .filter(flags::decision_id.eq(Some(decision.id)))
        .filter(flags::outcome.eq(Some("dismissed")))
        .filter(flags::id.ne_all(report_appeals::table.select(report_appeals::flag_id)))
        .select(flags::id)
        .into_boxed();
    query = match reporter {
        Addressee::User(user) => query.filter(flags::flagger_id.eq(Some(user))),
        Addressee::Notice(notice) => query.filter(
            flags::id.nullable().eq_any(
                crate::db::schema::legal_notices::table
                    .filter(crate::db::schema::legal_notices::id.eq(notice))
                    .select(crate::db::schema::legal_notices::flag_id),
            ),
        ),
    };
    query.first(conn).optional()
}

/// Whether some reporter may still appeal this dismissal: a dismissed
/// report rests on it that was not appealed before. After the one appeal,
/// neither the first decision nor the second offers another.
pub fn dismissal_appealable(conn: &mut DbConn, decision: &Decision) -> QueryResult<bool> {
    if decision.automatic {
        return Ok(false);
    }
    let open: i64 = flags::table
        .filter(flags::decision_id.eq(Some(decision.id)))
        .filter(flags::outcome.eq(Some("dismissed")))
        .filter(flags::id.ne_all(report_appeals::table.select(report_appeals::flag_id)))
        .count()
        .get_result(conn)?;
    Ok(open > 0)
}

/// Records the appeal and puts the report back in the queue, in a case of
/// its own kind. False when this report was appealed before.
pub fn appeal_report(
    conn: &mut DbConn,
    decision: &Decision,
    reporter: Addressee,
    text: &str,
) -> QueryResult<bool> {
    let Some(flag) = appealable_report(conn, decision, reporter)? else {
        return Ok(false);
    };
    let (appellant, notice) = match reporter {
        Addressee::User(user) => (Some(user), None),
        Addressee::Notice(notice) => (None, Some(notice)),
    };
    let inserted = crate::db::insert_unless_duplicate(conn, |conn| {
        diesel::insert_into(report_appeals::table)
            .values((
                report_appeals::flag_id.eq(flag),
                report_appeals::decision_id.eq(decision.id),
                report_appeals::appellant_id.eq(appellant),
                report_appeals::notice_id.eq(notice),
                report_appeals::text.eq(text),
                report_appeals::created_at.eq(now()),
            ))
            .execute(conn)
    })?;
    if !inserted {
        return Ok(false);
    }
    let item = decision
        .item()
        .map(|r| item::load(conn, r))
        .transpose()?
        .flatten()
        .ok_or(diesel::result::Error::NotFound)?;
    let clause = guidelines::clause_by_id(conn, decision.clause_id.0)?
        .ok_or(diesel::result::Error::NotFound)?;
    let case = open_case(
        conn,
        CASE_REPORT_APPEAL,
        item.item,
        item.company_id,
        &clause,
        "",
    )?;
    diesel::update(flags::table.find(flag))
        .set((
            flags::status.eq(OPEN),
            flags::case_id.eq(Some(case)),
            flags::outcome.eq(None::<String>),
            flags::decision_id.eq(None::<DecisionId>),
            flags::closed_at.eq(None::<NaiveDateTime>),
            // Judged afresh: counts towards misuse only if found so again.
            flags::manifestly_unfounded.eq(false),
        ))
        .execute(conn)?;
    diesel::update(report_appeals::table.filter(report_appeals::flag_id.eq(flag)))
        .set(report_appeals::case_id.eq(Some(case)))
        .execute(conn)?;
    Ok(true)
}

pub fn report_appeals_of_case(conn: &mut DbConn, case: CaseId) -> QueryResult<Vec<ReportAppeal>> {
    report_appeals::table
        .filter(report_appeals::case_id.eq(Some(case)))
        .select(ReportAppeal::as_select())
        .order(report_appeals::id)
        .load(conn)
}

/// Records the decision that answered the appeals of a case.
pub(super) fn close_report_appeals(
    conn: &mut DbConn,
    case: CaseId,
    decision: DecisionId,
) -> QueryResult<()> {
    diesel::update(
        report_appeals::table
            .filter(report_appeals::case_id.eq(Some(case)))
            .filter(report_appeals::outcome_decision_id.is_null()),
    )
    .set(report_appeals::outcome_decision_id.eq(Some(decision)))
    .execute(conn)?;
    Ok(())
}

/// Appeals by reporters since `since`: (received, reversed — the new
/// decision found a breach).
pub fn report_appeal_counts(conn: &mut DbConn, since: NaiveDateTime) -> QueryResult<(i64, i64)> {
    let received = report_appeals::table
        .filter(report_appeals::created_at.ge(since))
        .count()
        .get_result(conn)?;
    let reversed = report_appeals::table
        .inner_join(flags::table.on(flags::id.eq(report_appeals::flag_id)))
        .filter(report_appeals::created_at.ge(since))
        .filter(report_appeals::outcome_decision_id.is_not_null())
        .filter(flags::outcome.eq(Some("upheld")))
        .count()
        .get_result(conn)?;
    Ok((received, reversed))
}
