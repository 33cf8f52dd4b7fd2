//! Moderation data: the items moderation acts on (forum posts and reviews),
//! flags, cases in the queue, decisions (each also a statement of reasons),
//! appeals and notifications. Nothing here deletes content: an item's
//! moderation state changes, redacted originals stay in the decision row.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{
    appeals, companies, flags, moderation_cases, moderation_decisions, notifications, posts,
    reviews, threads, users,
};
use crate::db::{now, DbConn};
use crate::kernel::ids::{CaseId, ClauseId, CompanyId, DecisionId, UserId};
use crate::kernel::markdown;
use crate::moderation::guidelines::{self, Action, Clause, SEVERITY_SEVERE};

pub const STATE_VISIBLE: &str = "visible";
pub const STATE_HELD: &str = "held";
pub const STATE_HIDDEN: &str = "hidden";

pub const CASE_FLAG: &str = "flag";
pub const CASE_AUTO: &str = "auto";
pub const CASE_APPEAL: &str = "appeal";
pub const CASE_KINDS: [&str; 3] = [CASE_FLAG, CASE_AUTO, CASE_APPEAL];

pub const OPEN: &str = "open";
pub const DECIDED: &str = "decided";
pub const CLOSED: &str = "closed";

/// Decision actions beyond the clause actions of `guidelines::Action`.
pub const DISMISS: &str = "dismiss";
pub const HOLD: &str = "hold";
pub const RESTORE: &str = "restore";
/// A dismissal that also lets a held item be seen.
pub const RELEASE: &str = "release";
pub const UPHELD: &str = "upheld";
pub const REVERSED: &str = "reversed";

/// Actions an author may appeal: everything that affected them.
pub const APPEALABLE: [&str; 7] = [
    HOLD,
    "redact",
    "hide",
    "ask_edit",
    "warn",
    "suspend",
    NOT_VERIFIED,
];
/// Verification outcomes (the `verification` capability records them).
pub const VERIFIED: &str = "verified";
pub const NOT_VERIFIED: &str = "not_verified";

pub const NOTE_MAX: usize = 1000;
pub const REASON_MAX: usize = 2000;
pub const APPEAL_MAX: usize = 2000;
/// Default and limits for edit deadlines and suspensions, in days.
pub const DEFAULT_DAYS: i64 = 7;
pub const MAX_DAYS: i64 = 365;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Post,
    Review,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Post => "post",
            ItemKind::Review => "review",
        }
    }

    pub fn parse(value: &str) -> Option<ItemKind> {
        match value {
            "post" => Some(ItemKind::Post),
            "review" => Some(ItemKind::Review),
            _ => None,
        }
    }
}

/// What moderation needs to know about a post or a review.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: ItemKind,
    pub id: i64,
    pub author_id: UserId,
    pub author_name: String,
    pub company_id: Option<CompanyId>,
    pub company_name: Option<String>,
    /// The thread's opening post: acting on it acts on the thread.
    pub is_opening: bool,
    /// Thread title, or the review's title.
    pub title: String,
    pub body_source: String,
    pub state: String,
    pub clause: Option<i32>,
    pub edited_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub link: String,
}

impl Item {
    /// "post", "thread" or "review": what the public log calls it.
    pub fn kind_name(&self) -> &'static str {
        match (self.kind, self.is_opening) {
            (ItemKind::Post, true) => "thread",
            (ItemKind::Post, false) => "post",
            (ItemKind::Review, _) => "review",
        }
    }
}

/// A post with what moderation shows of it (one row of a join).
#[derive(Queryable)]
struct PostRow {
    id: i64,
    author_id: UserId,
    author_name: String,
    company_id: Option<CompanyId>,
    is_opening: bool,
    title: String,
    body: String,
    state: String,
    clause: Option<i32>,
    edited_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
}

#[derive(Queryable)]
struct ReviewRow {
    id: i64,
    author_id: UserId,
    author_name: String,
    company_id: CompanyId,
    slug: String,
    title: String,
    body: String,
    state: String,
    clause: Option<i32>,
    edited_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
}

pub fn load_item(conn: &mut DbConn, kind: ItemKind, id: i64) -> QueryResult<Option<Item>> {
    Ok(load_items(conn, &[(kind, id)])?.pop())
}

/// Many items at once (the queue page): a query per kind, not per item.
pub fn load_items(conn: &mut DbConn, refs: &[(ItemKind, i64)]) -> QueryResult<Vec<Item>> {
    let post_ids: Vec<i64> = refs
        .iter()
        .filter(|(k, _)| *k == ItemKind::Post)
        .map(|(_, id)| *id)
        .collect();
    let review_ids: Vec<i64> = refs
        .iter()
        .filter(|(k, _)| *k == ItemKind::Review)
        .map(|(_, id)| *id)
        .collect();
    let posts: Vec<PostRow> = if post_ids.is_empty() {
        Vec::new()
    } else {
        posts::table
            .inner_join(threads::table)
            .inner_join(users::table)
            .filter(posts::id.eq_any(&post_ids))
            .select((
                posts::id,
                posts::author_id,
                users::display_name,
                threads::company_id,
                posts::is_opening,
                threads::title,
                posts::body_source,
                posts::moderation_state,
                posts::moderation_clause,
                posts::edited_at,
                posts::created_at,
            ))
            .load(conn)?
    };
    let reviews: Vec<ReviewRow> = if review_ids.is_empty() {
        Vec::new()
    } else {
        reviews::table
            .inner_join(users::table)
            .inner_join(companies::table)
            .filter(reviews::id.eq_any(&review_ids))
            .select((
                reviews::id,
                reviews::author_id,
                users::display_name,
                reviews::company_id,
                companies::slug,
                reviews::title,
                reviews::body_source,
                reviews::moderation_state,
                reviews::moderation_clause,
                reviews::edited_at,
                reviews::created_at,
            ))
            .load(conn)?
    };
    let mut company_ids: Vec<CompanyId> = posts.iter().filter_map(|p| p.company_id).collect();
    company_ids.extend(reviews.iter().map(|r| r.company_id));
    let names = company_names(conn, &company_ids)?;
    let name_of = |id: Option<CompanyId>| {
        id.and_then(|c| {
            names
                .iter()
                .find(|(n, _)| *n == c)
                .map(|(_, name)| name.clone())
        })
    };
    let mut items: Vec<Item> = posts
        .into_iter()
        .map(|row| Item {
            kind: ItemKind::Post,
            id: row.id,
            author_id: row.author_id,
            author_name: row.author_name,
            company_name: name_of(row.company_id),
            company_id: row.company_id,
            is_opening: row.is_opening,
            title: row.title,
            body_source: row.body,
            state: row.state,
            clause: row.clause,
            edited_at: row.edited_at,
            created_at: row.created_at,
            link: format!("/posts/{}", row.id),
        })
        .collect();
    items.extend(reviews.into_iter().map(|row| Item {
        kind: ItemKind::Review,
        id: row.id,
        author_id: row.author_id,
        author_name: row.author_name,
        company_name: name_of(Some(row.company_id)),
        company_id: Some(row.company_id),
        is_opening: false,
        title: row.title,
        body_source: row.body,
        state: row.state,
        clause: row.clause,
        edited_at: row.edited_at,
        created_at: row.created_at,
        link: format!("/companies/{}#review-{}", row.slug, row.id),
    }));
    Ok(items)
}

/// The flags of many cases: (case, automatic, from the company's staff).
pub fn flags_of_cases(
    conn: &mut DbConn,
    cases: &[CaseId],
) -> QueryResult<Vec<(Option<CaseId>, bool, bool)>> {
    if cases.is_empty() {
        return Ok(Vec::new());
    }
    flags::table
        .filter(flags::case_id.eq_any(cases.iter().map(|c| Some(*c)).collect::<Vec<_>>()))
        .select((flags::case_id, flags::automatic, flags::from_company_staff))
        .load(conn)
}

/// Sets an item's moderation state; the opening post carries its thread
/// along, a review's company score is recomputed (held and hidden reviews
/// do not count).
pub fn set_state(
    conn: &mut DbConn,
    item: &Item,
    state: &str,
    clause: Option<i32>,
) -> QueryResult<()> {
    let at = now();
    match item.kind {
        ItemKind::Post => {
            diesel::update(posts::table.find(item.id))
                .set((
                    posts::moderation_state.eq(state),
                    posts::moderation_clause.eq(clause),
                    posts::moderated_at.eq(Some(at)),
                ))
                .execute(conn)?;
            if item.is_opening {
                let thread: i64 = posts::table
                    .find(item.id)
                    .select(posts::thread_id)
                    .first(conn)?;
                diesel::update(threads::table.find(thread))
                    .set((
                        threads::moderation_state.eq(state),
                        threads::moderation_clause.eq(clause),
                    ))
                    .execute(conn)?;
            }
        }
        ItemKind::Review => {
            diesel::update(reviews::table.find(item.id))
                .set((
                    reviews::moderation_state.eq(state),
                    reviews::moderation_clause.eq(clause),
                    reviews::moderated_at.eq(Some(at)),
                ))
                .execute(conn)?;
            if let Some(company) = item.company_id {
                crate::reviews::model::recompute_totals(conn, company)?;
            }
        }
    }
    Ok(())
}

/// Replaces an item's text (a redaction or its reversal), HTML re-rendered.
fn set_body(conn: &mut DbConn, item: &Item, source: &str) -> QueryResult<()> {
    let html = markdown::render(source);
    match item.kind {
        ItemKind::Post => diesel::update(posts::table.find(item.id))
            .set((posts::body_source.eq(source), posts::body_html.eq(&html)))
            .execute(conn)?,
        ItemKind::Review => diesel::update(reviews::table.find(item.id))
            .set((
                reviews::body_source.eq(source),
                reviews::body_html.eq(&html),
            ))
            .execute(conn)?,
    };
    Ok(())
}

// ---- cases ---------------------------------------------------------------

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
    pub fn item_kind(&self) -> ItemKind {
        ItemKind::parse(&self.item_kind).unwrap_or(ItemKind::Post)
    }

    pub fn is_open(&self) -> bool {
        self.status == OPEN
    }
}

pub fn find_case(conn: &mut DbConn, id: CaseId) -> QueryResult<Option<Case>> {
    moderation_cases::table
        .find(id)
        .select(Case::as_select())
        .first(conn)
        .optional()
}

fn open_case_of(conn: &mut DbConn, item: &Item, kind: &str) -> QueryResult<Option<Case>> {
    moderation_cases::table
        .filter(moderation_cases::item_kind.eq(item.kind.as_str()))
        .filter(moderation_cases::item_id.eq(item.id))
        .filter(moderation_cases::kind.eq(kind))
        .filter(moderation_cases::status.eq(OPEN))
        .select(Case::as_select())
        .first(conn)
        .optional()
}

/// Opens a case for an item, or joins the open one of the same kind: the
/// more severe clause wins, facts accumulate.
fn open_case(
    conn: &mut DbConn,
    kind: &str,
    item: &Item,
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
                    moderation_cases::item_kind.eq(item.kind.as_str()),
                    moderation_cases::item_id.eq(item.id),
                    moderation_cases::company_id.eq(item.company_id),
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
fn claim_case(conn: &mut DbConn, case: CaseId, lock_version: i32) -> QueryResult<bool> {
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

fn link_decision(conn: &mut DbConn, case: CaseId, decision: DecisionId) -> QueryResult<()> {
    diesel::update(moderation_cases::table.find(case))
        .set(moderation_cases::decision_id.eq(Some(decision)))
        .execute(conn)?;
    Ok(())
}

// ---- decisions -----------------------------------------------------------

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = moderation_decisions)]
pub struct Decision {
    pub id: DecisionId,
    pub case_id: Option<CaseId>,
    pub item_kind: String,
    pub item_id: i64,
    pub company_id: Option<CompanyId>,
    pub author_id: UserId,
    pub moderator_id: Option<UserId>,
    pub automatic: bool,
    pub action: String,
    pub clause_id: ClauseId,
    pub guideline_version_id: i64,
    pub reason: String,
    pub facts: String,
    pub redacted_text: Option<String>,
    pub original_source: Option<String>,
    pub redacted_source: Option<String>,
    pub until_at: Option<NaiveDateTime>,
    pub concerns_decision_id: Option<DecisionId>,
    pub appeal_status: Option<String>,
    pub reversed_at: Option<NaiveDateTime>,
    pub followed_up_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

impl Decision {
    pub fn item_kind(&self) -> ItemKind {
        ItemKind::parse(&self.item_kind).unwrap_or(ItemKind::Post)
    }

    pub fn is_appealable(&self) -> bool {
        APPEALABLE.contains(&self.action.as_str())
            && self.appeal_status.is_none()
            && self.reversed_at.is_none()
    }

    pub fn is_restorable(&self) -> bool {
        matches!(self.action.as_str(), "hide" | "redact") && self.reversed_at.is_none()
    }
}

pub fn find_decision(conn: &mut DbConn, id: DecisionId) -> QueryResult<Option<Decision>> {
    moderation_decisions::table
        .find(id)
        .select(Decision::as_select())
        .first(conn)
        .optional()
}

pub fn decisions_about_item(
    conn: &mut DbConn,
    kind: ItemKind,
    id: i64,
) -> QueryResult<Vec<Decision>> {
    moderation_decisions::table
        .filter(moderation_decisions::item_kind.eq(kind.as_str()))
        .filter(moderation_decisions::item_id.eq(id))
        .select(Decision::as_select())
        .order(moderation_decisions::id.desc())
        .load(conn)
}

pub fn decisions_about_author(conn: &mut DbConn, author: UserId) -> QueryResult<Vec<Decision>> {
    moderation_decisions::table
        .filter(moderation_decisions::author_id.eq(author))
        .select(Decision::as_select())
        .order(moderation_decisions::id.desc())
        .limit(50)
        .load(conn)
}

struct NewDecision<'a> {
    case: Option<CaseId>,
    item: &'a Item,
    moderator: Option<UserId>,
    action: &'a str,
    clause: &'a Clause,
    reason: &'a str,
    facts: &'a str,
    redaction: Option<(&'a str, &'a str, &'a str)>,
    until: Option<NaiveDateTime>,
    concerns: Option<DecisionId>,
}

fn insert_decision(conn: &mut DbConn, new: &NewDecision) -> QueryResult<DecisionId> {
    diesel::insert_into(moderation_decisions::table)
        .values((
            moderation_decisions::case_id.eq(new.case),
            moderation_decisions::item_kind.eq(new.item.kind.as_str()),
            moderation_decisions::item_id.eq(new.item.id),
            moderation_decisions::company_id.eq(new.item.company_id),
            moderation_decisions::author_id.eq(new.item.author_id),
            moderation_decisions::moderator_id.eq(new.moderator),
            moderation_decisions::automatic.eq(new.moderator.is_none()),
            moderation_decisions::action.eq(new.action),
            moderation_decisions::clause_id.eq(new.clause.current.clause_id),
            moderation_decisions::guideline_version_id.eq(new.clause.current.id),
            moderation_decisions::reason.eq(new.reason),
            moderation_decisions::facts.eq(new.facts),
            moderation_decisions::redacted_text.eq(new.redaction.map(|r| r.0)),
            moderation_decisions::original_source.eq(new.redaction.map(|r| r.1)),
            moderation_decisions::redacted_source.eq(new.redaction.map(|r| r.2)),
            moderation_decisions::until_at.eq(new.until),
            moderation_decisions::concerns_decision_id.eq(new.concerns),
            moderation_decisions::created_at.eq(now()),
        ))
        .returning(moderation_decisions::id)
        .get_result(conn)
}

fn notify(conn: &mut DbConn, user: UserId, kind: &str, decision: DecisionId) -> QueryResult<()> {
    diesel::insert_into(notifications::table)
        .values((
            notifications::user_id.eq(user),
            notifications::kind.eq(kind),
            notifications::decision_id.eq(decision),
            notifications::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub const NOTIFY_STATEMENT: &str = "statement";
pub const NOTIFY_FLAG_OUTCOME: &str = "report-outcome";

/// Someone a decision must be told to: the author (statement of reasons) or
/// a flagger (outcome of their report). The caller emails them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub user: UserId,
    pub kind: &'static str,
    pub decision: DecisionId,
}

fn tell(
    conn: &mut DbConn,
    out: &mut Vec<Recipient>,
    user: UserId,
    kind: &'static str,
    decision: DecisionId,
) -> QueryResult<()> {
    notify(conn, user, kind, decision)?;
    out.push(Recipient {
        user,
        kind,
        decision,
    });
    Ok(())
}

/// Records a decision taken outside the queue (a verification outcome) and
/// tells the author. Returns who must be emailed.
pub fn record(
    conn: &mut DbConn,
    item: &Item,
    moderator: Option<UserId>,
    action: &str,
    clause: &Clause,
    reason: &str,
    facts: &str,
) -> QueryResult<(DecisionId, Vec<Recipient>)> {
    let id = insert_decision(
        conn,
        &NewDecision {
            case: None,
            item,
            moderator,
            action,
            clause,
            reason,
            facts,
            redaction: None,
            until: None,
            concerns: None,
        },
    )?;
    let mut out = Vec::new();
    tell(conn, &mut out, item.author_id, NOTIFY_STATEMENT, id)?;
    Ok((id, out))
}

// ---- automatic checks ----------------------------------------------------

/// What the automatic checks did to an item.
#[derive(Debug, Default)]
pub struct Screened {
    /// Whether the item is held for review after the checks.
    pub held: bool,
    /// Who must be emailed a statement.
    pub recipients: Vec<Recipient>,
}

/// Applies the automatic checks' findings to a just-published or edited
/// item: a hit on a severe clause holds it (with an automatic decision and
/// a statement to the author) and opens a case at the top of the queue; a
/// milder hit only flags it.
pub fn apply_checks(
    conn: &mut DbConn,
    kind: ItemKind,
    id: i64,
    hits: &[crate::moderation::checks::Hit],
) -> QueryResult<Screened> {
    let mut out = Screened::default();
    if hits.is_empty() {
        return Ok(out);
    }
    let Some(item) = load_item(conn, kind, id)? else {
        return Ok(out);
    };
    out.held = item.state == STATE_HELD;
    let clauses = guidelines::all_clauses(conn)?;
    let clause_of = |code: &str| clauses.iter().find(|c| c.code == code);
    // The most severe clause hit decides whether the item is held.
    let mut cited: Vec<(&Clause, String)> = Vec::new();
    for hit in hits {
        if let Some(clause) = clause_of(hit.kind.clause_code()) {
            cited.push((clause, hit.fact()));
        }
    }
    cited.sort_by_key(|(c, _)| std::cmp::Reverse(c.current.severity));
    let Some((top, _)) = cited.first() else {
        return Ok(out);
    };
    let facts: Vec<String> = cited.iter().map(|(_, f)| f.clone()).collect();
    let facts = facts.join("\n");
    let case = open_case(conn, CASE_AUTO, &item, top, &facts)?;
    for (clause, fact) in &cited {
        let open = flags::table
            .filter(flags::item_kind.eq(item.kind.as_str()))
            .filter(flags::item_id.eq(item.id))
            .filter(flags::automatic.eq(true))
            .filter(flags::clause_id.eq(clause.current.clause_id))
            .filter(flags::status.eq(OPEN))
            .count()
            .get_result::<i64>(conn)?;
        if open == 0 {
            diesel::insert_into(flags::table)
                .values((
                    flags::item_kind.eq(item.kind.as_str()),
                    flags::item_id.eq(item.id),
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
    if top.current.severity >= SEVERITY_SEVERE && item.state == STATE_VISIBLE {
        set_state(conn, &item, STATE_HELD, Some(top.number))?;
        out.held = true;
        let decision = insert_decision(
            conn,
            &NewDecision {
                case: Some(case),
                item: &item,
                moderator: None,
                action: HOLD,
                clause: top,
                reason: "",
                facts: &facts,
                redaction: None,
                until: None,
                concerns: None,
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

/// How often the same author published exactly this text in the last day
/// (other than the item itself): repeated content is spam.
pub fn recent_copies(
    conn: &mut DbConn,
    kind: ItemKind,
    author: UserId,
    source: &str,
    except: i64,
) -> QueryResult<i64> {
    let since = now() - Duration::hours(24);
    match kind {
        ItemKind::Post => posts::table
            .filter(posts::author_id.eq(author))
            .filter(posts::body_source.eq(source))
            .filter(posts::id.ne(except))
            .filter(posts::created_at.gt(since))
            .count()
            .get_result(conn),
        ItemKind::Review => reviews::table
            .filter(reviews::author_id.eq(author))
            .filter(reviews::body_source.eq(source))
            .filter(reviews::id.ne(except))
            .filter(reviews::created_at.gt(since))
            .count()
            .get_result(conn),
    }
}

// ---- flags ---------------------------------------------------------------

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
    let cleared_at: Option<NaiveDateTime> = moderation_decisions::table
        .filter(moderation_decisions::item_kind.eq(item.kind.as_str()))
        .filter(moderation_decisions::item_id.eq(item.id))
        .filter(moderation_decisions::clause_id.eq(new.clause.current.clause_id))
        .filter(moderation_decisions::action.eq(DISMISS))
        .select(diesel::dsl::max(moderation_decisions::created_at))
        .first(conn)?;
    let already_reviewed =
        cleared_at.is_some_and(|cleared| item.edited_at.is_none_or(|edited| edited < cleared));
    let already_open: i64 = flags::table
        .filter(flags::item_kind.eq(item.kind.as_str()))
        .filter(flags::item_id.eq(item.id))
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
        Some(open_case(conn, CASE_FLAG, item, new.clause, "")?)
    };
    let inserted = crate::db::insert_unless_duplicate(conn, |conn| {
        diesel::insert_into(flags::table)
            .values((
                flags::item_kind.eq(item.kind.as_str()),
                flags::item_id.eq(item.id),
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

/// Closes the open flags of a case with an outcome; the people who flagged
/// are told.
fn close_flags(
    conn: &mut DbConn,
    case: CaseId,
    outcome: &str,
    decision: DecisionId,
    out: &mut Vec<Recipient>,
) -> QueryResult<()> {
    let flaggers: Vec<Option<UserId>> = flags::table
        .filter(flags::case_id.eq(Some(case)))
        .filter(flags::status.eq(OPEN))
        .select(flags::flagger_id)
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
    for flagger in flaggers.into_iter().flatten() {
        if !told.contains(&flagger) {
            tell(conn, out, flagger, NOTIFY_FLAG_OUTCOME, decision)?;
            told.push(flagger);
        }
    }
    Ok(())
}

// ---- deciding ------------------------------------------------------------

/// What a moderator chose on the case page.
#[derive(Debug, Clone)]
pub struct Choice {
    /// "dismiss" or a clause action.
    pub action: String,
    pub clause: Clause,
    pub reason: String,
    pub facts: String,
    /// For a redaction: the exact words to remove.
    pub redact: String,
    /// For an edit deadline or a suspension.
    pub days: i64,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Someone decided the case first (optimistic lock).
    AlreadyDecided,
    /// The clause does not allow the chosen action.
    NotAllowed,
    /// The words to redact are not in the text.
    RedactionNotFound,
    /// Appeals are decided by someone other than the original moderator.
    OwnDecision,
}

/// The marker the public sees where words were redacted.
pub fn redaction_marker(lang: crate::kernel::i18n::Lang, clause: i32) -> String {
    crate::kernel::i18n::tr_args(
        lang,
        "moderation-removed-marker",
        &[("number", &clause.to_string())],
    )
}

fn author_lang(conn: &mut DbConn, user: UserId) -> QueryResult<crate::kernel::i18n::Lang> {
    let locale: Option<String> = users::table.find(user).select(users::locale).first(conn)?;
    Ok(locale
        .as_deref()
        .and_then(crate::kernel::i18n::Lang::from_code)
        .unwrap_or(crate::kernel::i18n::Lang::En))
}

/// Decides a flag or automatic case. The caller has checked that the
/// moderator is a moderator and has no conflict of interest.
pub fn decide(
    conn: &mut DbConn,
    moderator: UserId,
    case: &Case,
    lock_version: i32,
    choice: &Choice,
) -> QueryResult<Result<(DecisionId, Vec<Recipient>), Refusal>> {
    if !case.is_open() || case.lock_version != lock_version || case.kind == CASE_APPEAL {
        return Ok(Err(Refusal::AlreadyDecided));
    }
    let item =
        load_item(conn, case.item_kind(), case.item_id)?.ok_or(diesel::result::Error::NotFound)?;
    let action = choice.action.as_str();
    if action != DISMISS {
        match Action::parse(action) {
            Some(a) if choice.clause.allows(a) => {}
            _ => return Ok(Err(Refusal::NotAllowed)),
        }
    }
    let words = choice.redact.trim();
    if action == "redact" && (words.is_empty() || !item.body_source.contains(words)) {
        return Ok(Err(Refusal::RedactionNotFound));
    }
    if !claim_case(conn, case.id, lock_version)? {
        return Ok(Err(Refusal::AlreadyDecided));
    }
    let mut out = Vec::new();
    let mut redaction = None;
    let mut until = None;
    let was_held = item.state == STATE_HELD;
    match action {
        "redact" => {
            let marker = redaction_marker(author_lang(conn, item.author_id)?, choice.clause.number);
            let redacted = item.body_source.replace(words, &marker);
            set_body(conn, &item, &redacted)?;
            redaction = Some((words.to_string(), item.body_source.clone(), redacted));
        }
        "hide" => set_state(conn, &item, STATE_HIDDEN, Some(choice.clause.number))?,
        "ask_edit" | "suspend" => {
            until = Some(now() + Duration::days(choice.days.clamp(1, MAX_DAYS)));
        }
        _ => {}
    }
    // Everything but hiding releases a held item: the moderator decided
    // that the rest may be seen.
    if was_held && action != "hide" {
        set_state(conn, &item, STATE_VISIBLE, None)?;
    }
    if action == "suspend" {
        diesel::update(users::table.find(item.author_id))
            .set(users::suspended_until.eq(until))
            .execute(conn)?;
    }
    let recorded = if action == DISMISS && was_held {
        RELEASE
    } else {
        action
    };
    let decision = insert_decision(
        conn,
        &NewDecision {
            case: Some(case.id),
            item: &item,
            moderator: Some(moderator),
            action: recorded,
            clause: &choice.clause,
            reason: &choice.reason,
            facts: &choice.facts,
            redaction: redaction
                .as_ref()
                .map(|(w, o, r)| (w.as_str(), o.as_str(), r.as_str())),
            until,
            concerns: None,
        },
    )?;
    link_decision(conn, case.id, decision)?;
    if action != DISMISS || was_held {
        tell(conn, &mut out, item.author_id, NOTIFY_STATEMENT, decision)?;
    }
    let outcome = if action == DISMISS {
        "dismissed"
    } else {
        "upheld"
    };
    close_flags(conn, case.id, outcome, decision, &mut out)?;
    Ok(Ok((decision, out)))
}

/// Undoes a decision's effect on the item: shows a hidden or held item
/// again, puts redacted words back (unless the author rewrote the text
/// since), lifts a suspension.
fn undo_effect(conn: &mut DbConn, decision: &Decision, item: &Item) -> QueryResult<()> {
    match decision.action.as_str() {
        "hide" | HOLD if item.state != STATE_VISIBLE => {
            set_state(conn, item, STATE_VISIBLE, None)?;
        }
        "redact" => {
            if let (Some(original), Some(redacted)) =
                (&decision.original_source, &decision.redacted_source)
            {
                if &item.body_source == redacted {
                    set_body(conn, item, original)?;
                }
            }
        }
        NOT_VERIFIED => {
            let review = crate::kernel::ids::ReviewId(decision.item_id);
            crate::reviews::model::remove_label(
                conn,
                review,
                crate::reviews::model::LABEL_NOT_VERIFIED,
            )?;
            if let Some(company) = decision.company_id {
                crate::reviews::model::recompute_totals(conn, company)?;
            }
        }
        "suspend" => {
            diesel::update(
                users::table
                    .find(decision.author_id)
                    .filter(users::suspended_until.eq(decision.until_at)),
            )
            .set(users::suspended_until.eq(None::<NaiveDateTime>))
            .execute(conn)?;
        }
        _ => {}
    }
    diesel::update(moderation_decisions::table.find(decision.id))
        .set(moderation_decisions::reversed_at.eq(Some(now())))
        .execute(conn)?;
    Ok(())
}

/// A moderator reverses their own or someone's hide or redaction.
pub fn restore(
    conn: &mut DbConn,
    moderator: UserId,
    decision: &Decision,
    reason: &str,
) -> QueryResult<Result<(DecisionId, Vec<Recipient>), Refusal>> {
    if !decision.is_restorable() {
        return Ok(Err(Refusal::AlreadyDecided));
    }
    let item = load_item(conn, decision.item_kind(), decision.item_id)?
        .ok_or(diesel::result::Error::NotFound)?;
    let clause = guidelines::clause_by_id(conn, decision.clause_id.0)?
        .ok_or(diesel::result::Error::NotFound)?;
    // Claims the decision first, so two restores cannot both run.
    let claimed = diesel::update(
        moderation_decisions::table
            .find(decision.id)
            .filter(moderation_decisions::reversed_at.is_null()),
    )
    .set(moderation_decisions::reversed_at.eq(Some(now())))
    .execute(conn)?;
    if claimed == 0 {
        return Ok(Err(Refusal::AlreadyDecided));
    }
    undo_effect(conn, decision, &item)?;
    let id = insert_decision(
        conn,
        &NewDecision {
            case: None,
            item: &item,
            moderator: Some(moderator),
            action: RESTORE,
            clause: &clause,
            reason,
            facts: "",
            redaction: None,
            until: None,
            concerns: Some(decision.id),
        },
    )?;
    let mut out = Vec::new();
    tell(conn, &mut out, item.author_id, NOTIFY_STATEMENT, id)?;
    Ok(Ok((id, out)))
}

// ---- appeals -------------------------------------------------------------

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
    if !case.is_open() || case.lock_version != lock_version || case.kind != CASE_APPEAL {
        return Ok(Err(Refusal::AlreadyDecided));
    }
    let appeal = appeal_by_id(conn, case.appeal_id.unwrap_or_default())?
        .ok_or(diesel::result::Error::NotFound)?;
    let original =
        find_decision(conn, appeal.decision_id)?.ok_or(diesel::result::Error::NotFound)?;
    if original.moderator_id == Some(moderator) {
        return Ok(Err(Refusal::OwnDecision));
    }
    let item = load_item(conn, original.item_kind(), original.item_id)?
        .ok_or(diesel::result::Error::NotFound)?;
    let clause = guidelines::clause_by_id(conn, original.clause_id.0)?
        .ok_or(diesel::result::Error::NotFound)?;
    if !claim_case(conn, case.id, lock_version)? {
        return Ok(Err(Refusal::AlreadyDecided));
    }
    if reverse && original.reversed_at.is_none() {
        undo_effect(conn, &original, &item)?;
    }
    let id = insert_decision(
        conn,
        &NewDecision {
            case: Some(case.id),
            item: &item,
            moderator: Some(moderator),
            action: if reverse { REVERSED } else { UPHELD },
            clause: &clause,
            reason,
            facts: "",
            redaction: None,
            until: None,
            concerns: Some(original.id),
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

// ---- edit deadlines ------------------------------------------------------

/// Requests to edit whose deadline passed: edited since → done; not edited
/// → a case goes back to the queue for a moderator to decide.
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
        let Some(item) = load_item(conn, decision.item_kind(), decision.item_id)? else {
            continue;
        };
        if item.edited_at.is_some_and(|e| e > decision.created_at) {
            continue;
        }
        if let Some(clause) = guidelines::clause_by_id(conn, decision.clause_id.0)? {
            open_case(conn, CASE_AUTO, &item, &clause, "fact-edit-deadline|")?;
            reopened += 1;
        }
    }
    Ok(reopened)
}

// ---- the queue -----------------------------------------------------------

#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub kind: Option<String>,
    pub company: Option<CompanyId>,
    pub clause: Option<ClauseId>,
}

/// Open cases, most severe first, then longest waiting; cases about the
/// companies the moderator works for are left out (they may not act on them).
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

// ---- notifications -------------------------------------------------------

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = notifications)]
pub struct Notification {
    pub id: i64,
    pub user_id: UserId,
    pub kind: String,
    pub decision_id: DecisionId,
    pub created_at: NaiveDateTime,
    pub read_at: Option<NaiveDateTime>,
}

pub fn notifications_of(
    conn: &mut DbConn,
    user: UserId,
) -> QueryResult<Vec<(Notification, Decision)>> {
    notifications::table
        .inner_join(
            moderation_decisions::table.on(moderation_decisions::id.eq(notifications::decision_id)),
        )
        .filter(notifications::user_id.eq(user))
        .select((Notification::as_select(), Decision::as_select()))
        .order(notifications::id.desc())
        .limit(100)
        .load(conn)
}

pub fn unread_count(conn: &mut DbConn, user: UserId) -> QueryResult<i64> {
    notifications::table
        .filter(notifications::user_id.eq(user))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)
}

pub fn mark_read(conn: &mut DbConn, user: UserId, decision: DecisionId) -> QueryResult<usize> {
    diesel::update(
        notifications::table
            .filter(notifications::user_id.eq(user))
            .filter(notifications::decision_id.eq(decision))
            .filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(Some(now())))
    .execute(conn)
}

/// Whether a user was told about a decision (as author or flagger).
pub fn was_notified(conn: &mut DbConn, user: UserId, decision: DecisionId) -> QueryResult<bool> {
    let n: i64 = notifications::table
        .filter(notifications::user_id.eq(user))
        .filter(notifications::decision_id.eq(decision))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Whether an item's text history must stay from the public: a moderator
/// (or an automatic check) holds, hides or redacted it and that stands.
pub fn history_withheld(conn: &mut DbConn, kind: ItemKind, id: i64) -> QueryResult<bool> {
    let state: Option<String> = match kind {
        ItemKind::Post => posts::table
            .find(id)
            .select(posts::moderation_state)
            .first(conn)
            .optional()?,
        ItemKind::Review => reviews::table
            .find(id)
            .select(reviews::moderation_state)
            .first(conn)
            .optional()?,
    };
    if state.is_some_and(|s| s != STATE_VISIBLE) {
        return Ok(true);
    }
    let standing: i64 = moderation_decisions::table
        .filter(moderation_decisions::item_kind.eq(kind.as_str()))
        .filter(moderation_decisions::item_id.eq(id))
        .filter(moderation_decisions::action.eq_any(["redact", "hide", HOLD]))
        .filter(moderation_decisions::reversed_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(standing > 0)
}

// ---- the public log and the figures --------------------------------------

pub fn log_page(
    conn: &mut DbConn,
    before: Option<DecisionId>,
    limit: i64,
) -> QueryResult<Vec<Decision>> {
    let mut query = moderation_decisions::table
        .select(Decision::as_select())
        .order(moderation_decisions::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(before) = before {
        query = query.filter(moderation_decisions::id.lt(before));
    }
    query.load(conn)
}

pub fn decisions_since(conn: &mut DbConn, since: NaiveDateTime) -> QueryResult<Vec<Decision>> {
    moderation_decisions::table
        .filter(moderation_decisions::created_at.ge(since))
        .select(Decision::as_select())
        .order(moderation_decisions::id)
        .load(conn)
}

/// User flags decided since a time, as the transparency figures need them.
pub fn decided_flags_since(
    conn: &mut DbConn,
    since: NaiveDateTime,
) -> QueryResult<Vec<crate::moderation::figures::FlagFact>> {
    type Row = (
        NaiveDateTime,
        Option<NaiveDateTime>,
        bool,
        String,
        Option<String>,
    );
    let rows: Vec<Row> = flags::table
        .filter(flags::created_at.ge(since))
        .filter(flags::automatic.eq(false))
        .filter(flags::status.eq(CLOSED))
        .select((
            flags::created_at,
            flags::closed_at,
            flags::from_company_staff,
            flags::item_kind,
            flags::outcome,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(created_at, closed_at, from_company_staff, kind, outcome)| {
                crate::moderation::figures::FlagFact {
                    created_at,
                    closed_at,
                    from_company_staff,
                    about_review: kind == "review",
                    outcome,
                }
            },
        )
        .collect())
}

pub fn company_names(
    conn: &mut DbConn,
    ids: &[CompanyId],
) -> QueryResult<Vec<(CompanyId, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    companies::table
        .filter(companies::id.eq_any(ids))
        .select((companies::id, companies::name))
        .load(conn)
}

/// Whether a post is a thread's opening post (the log calls it a thread).
pub fn opening_posts(conn: &mut DbConn, ids: &[i64]) -> QueryResult<Vec<i64>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    posts::table
        .filter(posts::id.eq_any(ids))
        .filter(posts::is_opening.eq(true))
        .select(posts::id)
        .load(conn)
}
