//! Cases: what waits in the moderation queue — an item with the flags and
//! automatic findings about it, or an appeal — and the queue itself.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::moderation_cases;
use crate::db::{now, DbConn};
use crate::kernel::ids::{CaseId, ClauseId, CompanyId, DecisionId};
use crate::kernel::item::ItemRef;
use crate::moderation::guidelines::Clause;

pub const CASE_FLAG: &str = "flag";
pub const CASE_AUTO: &str = "auto";
pub const CASE_APPEAL: &str = "appeal";
pub const CASE_KINDS: [&str; 4] = [
    CASE_FLAG,
    CASE_AUTO,
    CASE_APPEAL,
    crate::moderation::model::report_appeals::CASE_REPORT_APPEAL,
];

pub const OPEN: &str = "open";
pub const DECIDED: &str = "decided";
pub const CLOSED: &str = "closed";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = moderation_cases)]
pub struct Case {
    pub id: CaseId,
    pub kind: String,
    pub item_kind: String,
    pub item_id: i64,
    pub company_id: Option<CompanyId>,
    pub clause_id: ClauseId,
    pub severity: i32,
    pub status: String,
    pub lock_version: i32,
    pub facts: String,
    pub appeal_id: Option<i64>,
    pub decision_id: Option<DecisionId>,
    pub opened_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
}

impl Case {
    /// The item the case is about (`None` only for a kind this version
    /// does not know).
    pub fn item(&self) -> Option<ItemRef> {
        ItemRef::parse(&self.item_kind, self.item_id)
    }

    pub fn is_open(&self) -> bool {
        self.status == OPEN
    }

    pub fn is_appeal(&self) -> bool {
        self.kind == CASE_APPEAL
    }
}

pub fn find_case(conn: &mut DbConn, id: CaseId) -> QueryResult<Option<Case>> {
    moderation_cases::table
        .find(id)
        .select(Case::as_select())
        .first(conn)
        .optional()
}

fn open_case_of(conn: &mut DbConn, item: ItemRef, kind: &str) -> QueryResult<Option<Case>> {
    moderation_cases::table
        .filter(moderation_cases::item_kind.eq(item.kind().as_str()))
        .filter(moderation_cases::item_id.eq(item.id()))
        .filter(moderation_cases::kind.eq(kind))
        .filter(moderation_cases::status.eq(OPEN))
        .select(Case::as_select())
        .first(conn)
        .optional()
}

/// Opens a case for an item, or joins the open one of the same kind: the
/// more severe clause wins, facts accumulate.
pub fn open_case(
    conn: &mut DbConn,
    kind: &str,
    item: ItemRef,
    company: Option<CompanyId>,
    clause: &Clause,
    facts: &str,
) -> QueryResult<CaseId> {
    for _ in 0..2 {
        if let Some(case) = open_case_of(conn, item, kind)? {
            let mut all_facts = case.facts.clone();
            if !facts.is_empty() && !all_facts.contains(facts) {
                if !all_facts.is_empty() {
                    all_facts.push('\n');
                }
                all_facts.push_str(facts);
            }
            let (clause_id, severity) = if clause.current.severity > case.severity {
                (ClauseId(clause.current.clause_id), clause.current.severity)
            } else {
                (case.clause_id, case.severity)
            };
            diesel::update(moderation_cases::table.find(case.id))
                .set((
                    moderation_cases::facts.eq(all_facts),
                    moderation_cases::clause_id.eq(clause_id),
                    moderation_cases::severity.eq(severity),
                ))
                .execute(conn)?;
            return Ok(case.id);
        }
        let inserted = crate::db::insert_unless_duplicate(conn, |conn| {
            diesel::insert_into(moderation_cases::table)
                .values((
                    moderation_cases::kind.eq(kind),
                    moderation_cases::item_kind.eq(item.kind().as_str()),
                    moderation_cases::item_id.eq(item.id()),
                    moderation_cases::company_id.eq(company),
                    moderation_cases::clause_id.eq(clause.current.clause_id),
                    moderation_cases::severity.eq(clause.current.severity),
                    moderation_cases::status.eq(OPEN),
                    moderation_cases::facts.eq(facts),
                    moderation_cases::opened_at.eq(now()),
                ))
                .execute(conn)
        })?;
        if inserted {
            if let Some(case) = open_case_of(conn, item, kind)? {
                return Ok(case.id);
            }
        }
    }
    Err(diesel::result::Error::NotFound)
}

/// Claims a case for a decision if nobody else did since `lock_version`
/// was read: the optimistic lock that keeps two moderators from deciding one
/// case twice. Runs before any effect, so the loser changes nothing.
pub fn claim_case(conn: &mut DbConn, case: CaseId, lock_version: i32) -> QueryResult<bool> {
    let changed = diesel::update(
        moderation_cases::table
            .find(case)
            .filter(moderation_cases::status.eq(OPEN))
            .filter(moderation_cases::lock_version.eq(lock_version)),
    )
    .set((
        moderation_cases::status.eq(DECIDED),
        moderation_cases::lock_version.eq(lock_version + 1),
        moderation_cases::decided_at.eq(Some(now())),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

pub fn link_decision(conn: &mut DbConn, case: CaseId, decision: DecisionId) -> QueryResult<()> {
    diesel::update(moderation_cases::table.find(case))
        .set(moderation_cases::decision_id.eq(Some(decision)))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub kind: Option<String>,
    pub company: Option<CompanyId>,
    pub clause: Option<ClauseId>,
}

/// Open cases, most severe first, then longest waiting; cases about the
/// companies the moderator works for are left out (they may not act on
/// them), and the caller leaves out cases about the moderator's own content.
pub fn queue(
    conn: &mut DbConn,
    filter: &QueueFilter,
    exclude_companies: &[CompanyId],
    limit: i64,
) -> QueryResult<Vec<Case>> {
    let mut query = moderation_cases::table
        .filter(moderation_cases::status.eq(OPEN))
        .select(Case::as_select())
        .order((
            moderation_cases::severity.desc(),
            moderation_cases::opened_at,
            moderation_cases::id,
        ))
        .limit(limit)
        .into_boxed();
    if let Some(kind) = &filter.kind {
        query = query.filter(moderation_cases::kind.eq(kind.clone()));
    }
    if let Some(company) = filter.company {
        query = query.filter(moderation_cases::company_id.eq(Some(company)));
    }
    if let Some(clause) = filter.clause {
        query = query.filter(moderation_cases::clause_id.eq(clause));
    }
    if !exclude_companies.is_empty() {
        query = query.filter(
            moderation_cases::company_id
                .is_null()
                .or(moderation_cases::company_id.ne_all(exclude_companies.to_vec())),
        );
    }
    query.load(conn)
}
