//! What the automatic checks' findings do to an item, and the follow-up of
//! requests to edit whose deadline passed. Holding is the strongest thing
//! an automatic check does: nothing is deleted, a moderator decides.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{flags, moderation_decisions};
use crate::db::{now, DbConn};
use crate::kernel::gate::State;
use crate::kernel::item::{self, Item, ItemRef};
use crate::moderation::guidelines::{self, Clause};
use crate::moderation::model::cases::{open_case, CASE_AUTO, OPEN};
use crate::moderation::model::decisions::{
    insert_decision, set_item_state, tell, Decision, NewDecision, Recipient, HOLD, NOTIFY_STATEMENT,
};

/// What the automatic checks did to an item.
#[derive(Debug, Default)]
pub struct Screened {
    /// Whether the item is held for review after the checks.
    pub held: bool,
    /// Who must be emailed a statement.
    pub recipients: Vec<Recipient>,
}

/// Applies the automatic checks' findings to a just-published or edited
/// item: a finding whose effect is to hold holds it (with an automatic
/// decision and a statement to the author) and opens a case at the top of
/// the queue; the others only flag it for a moderator.
pub fn apply_checks(
    conn: &mut DbConn,
    item: ItemRef,
    hits: &[crate::moderation::checks::Hit],
) -> QueryResult<Screened> {
    match item::load(conn, item)? {
        Some(item) => apply_checks_to(conn, &item, hits),
        None => Ok(Screened::default()),
    }
}

/// `apply_checks` for an item the caller has loaded already.
pub fn apply_checks_to(
    conn: &mut DbConn,
    item: &Item,
    hits: &[crate::moderation::checks::Hit],
) -> QueryResult<Screened> {
    use crate::moderation::checks::Effect;
    let mut out = Screened {
        held: item.state() == State::Held,
        ..Screened::default()
    };
    if hits.is_empty() {
        return Ok(out);
    }
    let clauses = guidelines::all_clauses(conn)?;
    let clause_of = |code: &str| clauses.iter().find(|c| c.code == code);
    // A holding finding comes first, then the most severe clause: the
    // first one is the clause the hold cites.
    let mut cited: Vec<(&Clause, String, bool)> = Vec::new();
    for hit in hits {
        if let Some(clause) = clause_of(&hit.clause_code) {
            cited.push((clause, hit.fact(), hit.effect == Effect::Hold));
        }
    }
    cited.sort_by_key(|(c, _, hold)| std::cmp::Reverse((*hold, c.current.severity)));
    let Some((top, _, hold)) = cited.first() else {
        return Ok(out);
    };
    let hold = *hold;
    let facts: Vec<String> = cited.iter().map(|(_, f, _)| f.clone()).collect();
    let facts = facts.join("\n");
    let (kind, id) = (item.item.kind().as_str(), item.item.id());
    let case = open_case(conn, CASE_AUTO, item.item, item.company_id, top, &facts)?;
    for (clause, fact, _) in &cited {
        let open = flags::table
            .filter(flags::item_kind.eq(kind))
            .filter(flags::item_id.eq(id))
            .filter(flags::automatic.eq(true))
            .filter(flags::clause_id.eq(clause.current.clause_id))
            .filter(flags::status.eq(OPEN))
            .count()
            .get_result::<i64>(conn)?;
        if open == 0 {
            diesel::insert_into(flags::table)
                .values((
                    flags::item_kind.eq(kind),
                    flags::item_id.eq(id),
                    flags::company_id.eq(item.company_id),
                    flags::clause_id.eq(clause.current.clause_id),
                    flags::automatic.eq(true),
                    flags::note.eq(fact),
                    flags::status.eq(OPEN),
                    flags::case_id.eq(Some(case)),
                    flags::created_at.eq(now()),
                ))
                .execute(conn)?;
        }
    }
    if hold && item.state() == State::Visible {
        set_item_state(conn, item, State::Held, Some(top.number))?;
        out.held = true;
        let decision = insert_decision(
            conn,
            &NewDecision {
                case: Some(case),
                facts: &facts,
                ..NewDecision::plain(item, None, HOLD, top, "")
            },
        )?;
        tell(
            conn,
            &mut out.recipients,
            item.author_id,
            NOTIFY_STATEMENT,
            decision,
        )?;
    }
    Ok(out)
}

/// Requests to edit whose deadline passed go back to the queue for a
/// moderator to decide: when the author did not edit, and when the item is
/// still held (an edit does not publish a held item; a moderator does).
pub fn follow_up_edit_requests(conn: &mut DbConn, at: NaiveDateTime) -> QueryResult<usize> {
    let due: Vec<Decision> = moderation_decisions::table
        .filter(moderation_decisions::action.eq("ask_edit"))
        .filter(moderation_decisions::followed_up_at.is_null())
        .filter(moderation_decisions::reversed_at.is_null())
        .filter(moderation_decisions::until_at.lt(at))
        .select(Decision::as_select())
        .limit(100)
        .load(conn)?;
    let mut reopened = 0;
    for decision in &due {
        // Claimed one by one, so two instances never follow one up twice.
        let claimed = diesel::update(
            moderation_decisions::table
                .find(decision.id)
                .filter(moderation_decisions::followed_up_at.is_null()),
        )
        .set(moderation_decisions::followed_up_at.eq(Some(at)))
        .execute(conn)?;
        if claimed == 0 {
            continue;
        }
        let Some(item) = decision
            .item()
            .map(|r| item::load(conn, r))
            .transpose()?
            .flatten()
        else {
            continue;
        };
        let edited = item.edited_at.is_some_and(|e| e > decision.created_at);
        let fact = match (edited, item.state()) {
            (true, State::Held) => "fact-edited-while-held|",
            (false, _) => "fact-edit-deadline|",
            (true, _) => continue,
        };
        if let Some(clause) = guidelines::clause_by_id(conn, decision.clause_id.0)? {
            open_case(conn, CASE_AUTO, item.item, item.company_id, &clause, fact)?;
            reopened += 1;
        }
    }
    Ok(reopened)
}
