//! Appeals: the author appeals a decision once; a different moderator —
//! never the one who decided, never the author — upholds or reverses it.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{appeals, moderation_cases, moderation_decisions};
use crate::db::{now, DbConn};
use crate::kernel::ids::{CaseId, DecisionId, UserId};
use crate::kernel::item;
use crate::moderation::guidelines;
use crate::moderation::model::cases::{claim_case, link_decision, Case, CASE_APPEAL, OPEN};
use crate::moderation::model::decisions::{
    find_decision, insert_decision, tell, undo_effect, Decision, NewDecision, Recipient, Refusal,
    NOTIFY_STATEMENT, REVERSED, UPHELD,
};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = appeals)]
pub struct Appeal {
    pub id: i64,
    pub decision_id: DecisionId,
    pub appellant_id: UserId,
    pub text: String,
    pub case_id: Option<CaseId>,
    pub outcome_decision_id: Option<DecisionId>,
    pub created_at: NaiveDateTime,
}

pub fn appeal_of(conn: &mut DbConn, decision: DecisionId) -> QueryResult<Option<Appeal>> {
    appeals::table
        .filter(appeals::decision_id.eq(decision))
        .select(Appeal::as_select())
        .first(conn)
        .optional()
}

pub fn appeal_by_id(conn: &mut DbConn, id: i64) -> QueryResult<Option<Appeal>> {
    appeals::table
        .find(id)
        .select(Appeal::as_select())
        .first(conn)
        .optional()
}

/// The author appeals a decision, once; the appeal joins the queue.
pub fn appeal(
    conn: &mut DbConn,
    author: UserId,
    decision: &Decision,
    text: &str,
) -> QueryResult<bool> {
    if decision.author_id != author || !decision.is_appealable() {
        return Ok(false);
    }
    let inserted = crate::db::insert_unless_duplicate(conn, |conn| {
        diesel::insert_into(appeals::table)
            .values((
                appeals::decision_id.eq(decision.id),
                appeals::appellant_id.eq(author),
                appeals::text.eq(text),
                appeals::created_at.eq(now()),
            ))
            .execute(conn)
    })?;
    if !inserted {
        return Ok(false);
    }
    let appeal = appeal_of(conn, decision.id)?.ok_or(diesel::result::Error::NotFound)?;
    let clause = guidelines::clause_by_id(conn, decision.clause_id.0)?
        .ok_or(diesel::result::Error::NotFound)?;
    let case: CaseId = diesel::insert_into(moderation_cases::table)
        .values((
            moderation_cases::kind.eq(CASE_APPEAL),
            moderation_cases::item_kind.eq(&decision.item_kind),
            moderation_cases::item_id.eq(decision.item_id),
            moderation_cases::company_id.eq(decision.company_id),
            moderation_cases::clause_id.eq(decision.clause_id),
            moderation_cases::severity.eq(clause.current.severity),
            moderation_cases::status.eq(OPEN),
            moderation_cases::appeal_id.eq(Some(appeal.id)),
            moderation_cases::opened_at.eq(now()),
        ))
        .returning(moderation_cases::id)
        .get_result(conn)?;
    diesel::update(appeals::table.find(appeal.id))
        .set(appeals::case_id.eq(Some(case)))
        .execute(conn)?;
    diesel::update(moderation_decisions::table.find(decision.id))
        .set(moderation_decisions::appeal_status.eq(Some("pending")))
        .execute(conn)?;
    Ok(true)
}

/// Decides an appeal: upheld (the decision stands) or reversed (its effect
/// is undone). Never by the moderator who made the decision.
pub fn decide_appeal(
    conn: &mut DbConn,
    moderator: UserId,
    case: &Case,
    lock_version: i32,
    reverse: bool,
    reason: &str,
) -> QueryResult<Result<(DecisionId, Vec<Recipient>), Refusal>> {
    if !case.is_open() || case.lock_version != lock_version || !case.is_appeal() {
        return Ok(Err(Refusal::AlreadyDecided));
    }
    let appeal = appeal_by_id(conn, case.appeal_id.unwrap_or_default())?
        .ok_or(diesel::result::Error::NotFound)?;
    let original =
        find_decision(conn, appeal.decision_id)?.ok_or(diesel::result::Error::NotFound)?;
    if original.moderator_id == Some(moderator) {
        return Ok(Err(Refusal::OwnDecision));
    }
    if original.author_id == moderator {
        return Ok(Err(Refusal::OwnContent));
    }
    let item = original
        .item()
        .map(|r| item::load(conn, r))
        .transpose()?
        .flatten()
        .ok_or(diesel::result::Error::NotFound)?;
    let clause = guidelines::clause_by_id(conn, original.clause_id.0)?
        .ok_or(diesel::result::Error::NotFound)?;
    if !claim_case(conn, case.id, lock_version)? {
        return Ok(Err(Refusal::AlreadyDecided));
    }
    if reverse && original.reversed_at.is_none() {
        undo_effect(conn, &original, &item)?;
    }
    let action = if reverse { REVERSED } else { UPHELD };
    let id = insert_decision(
        conn,
        &NewDecision {
            case: Some(case.id),
            concerns: Some(original.id),
            ..NewDecision::plain(&item, Some(moderator), action, &clause, reason)
        },
    )?;
    link_decision(conn, case.id, id)?;
    diesel::update(moderation_decisions::table.find(original.id))
        .set(moderation_decisions::appeal_status.eq(Some(if reverse { REVERSED } else { UPHELD })))
        .execute(conn)?;
    diesel::update(appeals::table.find(appeal.id))
        .set(appeals::outcome_decision_id.eq(Some(id)))
        .execute(conn)?;
    let mut out = Vec::new();
    tell(conn, &mut out, appeal.appellant_id, NOTIFY_STATEMENT, id)?;
    Ok(Ok((id, out)))
}
