//! Flags: reports citing a clause, from people (a company's staff marked
//! as such) or from the automatic checks. A flag opens or joins a case; a
//! clause a moderator dismissed for an unedited item is not reopened.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{flags, moderation_decisions};
use crate::db::{now, DbConn};
use crate::kernel::ids::{CaseId, ClauseId, DecisionId, UserId};
use crate::kernel::item::Item;
use crate::moderation::guidelines::Clause;
use crate::moderation::model::cases::{open_case, CASE_FLAG, CLOSED, OPEN};
use crate::moderation::model::decisions::{
    tell, Addressee, ContentAction, Recipient, NOTIFY_FLAG_OUTCOME,
};
use crate::moderation::model::notices::notices_of_flags;

/// A flag as the queue counts it.
#[derive(Debug, Clone, Queryable)]
pub struct FlagSummary {
    pub case_id: Option<CaseId>,
    pub automatic: bool,
    pub from_company_staff: bool,
    pub flagger_id: Option<UserId>,
}

impl FlagSummary {
    /// A report by a person without a flagger: a legal notice.
    pub fn is_legal_notice(&self) -> bool {
        !self.automatic && self.flagger_id.is_none()
    }
}

/// The flags of many cases.
pub fn flags_of_cases(conn: &mut DbConn, cases: &[CaseId]) -> QueryResult<Vec<FlagSummary>> {
    if cases.is_empty() {
        return Ok(Vec::new());
    }
    flags::table
        .filter(flags::case_id.eq_any(cases.iter().map(|c| Some(*c)).collect::<Vec<_>>()))
        .select((
            flags::case_id,
            flags::automatic,
            flags::from_company_staff,
            flags::flagger_id,
        ))
        .load(conn)
}

/// Sets an item's moderation state; the opening post carries its thread

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagOutcome {
    /// In the queue now.
    Opened,
    /// This user already has an open flag on the item.
    AlreadyOpen,
    /// A moderator cleared the item for this clause and it was not edited
    /// since: recorded, not reopened.
    AlreadyReviewed,
}

pub struct NewFlag<'a> {
    pub item: &'a Item,
    pub clause: &'a Clause,
    pub flagger: UserId,
    pub from_company_staff: bool,
    pub note: &'a str,
}

pub fn flag(conn: &mut DbConn, new: &NewFlag) -> QueryResult<FlagOutcome> {
    let item = new.item;
    let (kind, id) = (item.item.kind().as_str(), item.item.id());
    let cleared_at: Option<NaiveDateTime> = moderation_decisions::table
        .filter(moderation_decisions::item_kind.eq(kind))
        .filter(moderation_decisions::item_id.eq(id))
        .filter(moderation_decisions::clause_id.eq(new.clause.current.clause_id))
        .filter(moderation_decisions::action.eq(ContentAction::Dismiss.as_str()))
        .select(diesel::dsl::max(moderation_decisions::created_at))
        .first(conn)?;
    let already_reviewed =
        cleared_at.is_some_and(|cleared| item.edited_at.is_none_or(|edited| edited < cleared));
    let already_open: i64 = flags::table
        .filter(flags::item_kind.eq(kind))
        .filter(flags::item_id.eq(id))
        .filter(flags::flagger_id.eq(Some(new.flagger)))
        .filter(flags::status.eq(OPEN))
        .count()
        .get_result(conn)?;
    if already_open > 0 {
        return Ok(FlagOutcome::AlreadyOpen);
    }
    let case = if already_reviewed {
        None
    } else {
        Some(open_case(
            conn,
            CASE_FLAG,
            item.item,
            item.company_id,
            new.clause,
            "",
        )?)
    };
    let inserted = crate::db::insert_unless_duplicate(conn, |conn| {
        diesel::insert_into(flags::table)
            .values((
                flags::item_kind.eq(kind),
                flags::item_id.eq(id),
                flags::company_id.eq(item.company_id),
                flags::clause_id.eq(new.clause.current.clause_id),
                flags::flagger_id.eq(Some(new.flagger)),
                flags::from_company_staff.eq(new.from_company_staff),
                flags::note.eq(new.note),
                flags::status.eq(if already_reviewed { CLOSED } else { OPEN }),
                flags::case_id.eq(case),
                flags::outcome.eq(already_reviewed.then_some("already-reviewed")),
                flags::created_at.eq(now()),
                flags::closed_at.eq(already_reviewed.then(now)),
            ))
            .execute(conn)
    })?;
    Ok(match (inserted, already_reviewed) {
        (false, _) => FlagOutcome::AlreadyOpen,
        (true, true) => FlagOutcome::AlreadyReviewed,
        (true, false) => FlagOutcome::Opened,
    })
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = flags)]
pub struct Flag {
    pub id: i64,
    pub clause_id: ClauseId,
    pub flagger_id: Option<UserId>,
    pub automatic: bool,
    pub from_company_staff: bool,
    pub note: String,
    pub status: String,
    pub outcome: Option<String>,
    pub created_at: NaiveDateTime,
}

pub fn flags_of_case(conn: &mut DbConn, case: CaseId) -> QueryResult<Vec<Flag>> {
    flags::table
        .filter(flags::case_id.eq(Some(case)))
        .select(Flag::as_select())
        .order(flags::id)
        .load(conn)
}

/// Marks the open reports of people in a case as manifestly unfounded,
/// before the dismissal closes them.
pub(super) fn mark_unfounded(conn: &mut DbConn, case: CaseId) -> QueryResult<()> {
    diesel::update(
        flags::table
            .filter(flags::case_id.eq(Some(case)))
            .filter(flags::status.eq(OPEN))
            .filter(flags::automatic.eq(false)),
    )
    .set(flags::manifestly_unfounded.eq(true))
    .execute(conn)?;
    Ok(())
}

/// Closes the open flags of a case with an outcome; the people who flagged
/// are told.
pub(super) fn close_flags(
    conn: &mut DbConn,
    case: CaseId,
    outcome: &str,
    decision: DecisionId,
    out: &mut Vec<Recipient>,
) -> QueryResult<()> {
    let closing: Vec<(i64, Option<UserId>)> = flags::table
        .filter(flags::case_id.eq(Some(case)))
        .filter(flags::status.eq(OPEN))
        .select((flags::id, flags::flagger_id))
        .load(conn)?;
    diesel::update(
        flags::table
            .filter(flags::case_id.eq(Some(case)))
            .filter(flags::status.eq(OPEN)),
    )
    .set((
        flags::status.eq(CLOSED),
        flags::outcome.eq(Some(outcome)),
        flags::decision_id.eq(Some(decision)),
        flags::closed_at.eq(Some(now())),
    ))
    .execute(conn)?;
    let mut told: Vec<UserId> = Vec::new();
    for flagger in closing.iter().filter_map(|(_, flagger)| *flagger) {
        if !told.contains(&flagger) {
            tell(conn, out, flagger, NOTIFY_FLAG_OUTCOME, decision)?;
            told.push(flagger);
        }
    }
    // Legal notices have no account to notify: their senders are emailed.
    let flag_ids: Vec<i64> = closing.iter().map(|(id, _)| *id).collect();
    for notice in notices_of_flags(conn, &flag_ids)? {
        out.push(Recipient {
            to: Addressee::Notice(notice.id),
            kind: NOTIFY_FLAG_OUTCOME,
            decision,
        });
    }
    Ok(())
}
