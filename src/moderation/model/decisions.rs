//! Decisions: each is its own statement of reasons. A moderator's decision
//! says what happens to the content (dismiss, release, keep, redact, hide,
//! ask to edit) and, separately, to its author (warn, suspend), so one
//! decision can hide a reply and suspend its author. A held item is
//! published only by a decision that says so (dismiss, release, or a
//! redaction that publishes the rest). Nothing here deletes content.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{moderation_decisions, users};
use crate::db::{now, DbConn};
use crate::kernel::gate::State;
use crate::kernel::i18n::Lang;
use crate::kernel::ids::{CaseId, ClauseId, CompanyId, DecisionId, ReviewId, UserId};
use crate::kernel::item::{self, Item, ItemRef, Redaction};
use crate::kernel::notify;
use crate::moderation::guidelines::{self, Action, Clause};
use crate::moderation::model::cases::{claim_case, link_decision, Case};
use crate::moderation::model::flags::{close_flags, mark_unfounded};
use crate::moderation::model::report_appeals::{
    close_report_appeals, report_appeals_of_case, CASE_REPORT_APPEAL,
};

/// Recorded actions besides the content actions of [`ContentAction`].
pub const HOLD: &str = "hold";
pub const RESTORE: &str = "restore";
pub const UPHELD: &str = "upheld";
pub const REVERSED: &str = "reversed";
/// Verification outcomes (the `verification` capability records them).
pub const VERIFIED: &str = "verified";
pub const NOT_VERIFIED: &str = "not_verified";

pub const NOTE_MAX: usize = 1000;
pub const REASON_MAX: usize = 2000;
pub const APPEAL_MAX: usize = 2000;
/// Default and limits for edit deadlines and suspensions, in days.
pub const DEFAULT_DAYS: i64 = 7;
pub const MAX_DAYS: i64 = 365;

/// What a decision does to the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentAction {
    /// No breach: the flags are dismissed; a held item is published.
    Dismiss,
    /// Publish a held item as it is (a breach may still cost its author).
    Release,
    /// Leave the content as it is: visible stays visible, held stays held.
    Keep,
    /// Remove the offending words; a held item's rest is published.
    Redact,
    /// Hide the whole item behind a notice naming the clause.
    Hide,
    /// Ask the author to edit by a deadline; the item stays as it is.
    AskEdit,
}

impl ContentAction {
    pub const ALL: [ContentAction; 6] = [
        ContentAction::Dismiss,
        ContentAction::Release,
        ContentAction::Keep,
        ContentAction::Redact,
        ContentAction::Hide,
        ContentAction::AskEdit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ContentAction::Dismiss => "dismiss",
            ContentAction::Release => "release",
            ContentAction::Keep => "keep",
            ContentAction::Redact => "redact",
            ContentAction::Hide => "hide",
            ContentAction::AskEdit => "ask_edit",
        }
    }

    pub fn parse(value: &str) -> Option<ContentAction> {
        ContentAction::ALL.into_iter().find(|a| a.as_str() == value)
    }

    /// The clause action it needs, if any (dismissing, releasing and
    /// keeping need none).
    pub fn clause_action(self) -> Option<Action> {
        match self {
            ContentAction::Redact => Some(Action::Redact),
            ContentAction::Hide => Some(Action::Hide),
            ContentAction::AskEdit => Some(Action::AskEdit),
            _ => None,
        }
    }

    /// Whether this action publishes a held item: only these do, and the
    /// decision form says so before the moderator confirms.
    pub fn publishes_held(self) -> bool {
        matches!(
            self,
            ContentAction::Dismiss | ContentAction::Release | ContentAction::Redact
        )
    }
}

/// What a decision does to the author.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorAction {
    Warn,
    /// No posting for the decision's number of days.
    Suspend,
}

impl AuthorAction {
    pub const ALL: [AuthorAction; 2] = [AuthorAction::Warn, AuthorAction::Suspend];

    pub fn as_str(self) -> &'static str {
        match self {
            AuthorAction::Warn => "warn",
            AuthorAction::Suspend => "suspend",
        }
    }

    pub fn parse(value: &str) -> Option<AuthorAction> {
        AuthorAction::ALL.into_iter().find(|a| a.as_str() == value)
    }

    pub fn clause_action(self) -> Action {
        match self {
            AuthorAction::Warn => Action::Warn,
            AuthorAction::Suspend => Action::Suspend,
        }
    }
}

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
    /// What happened to the content (or, in decisions recorded before
    /// content and author were separate, "warn" or "suspend").
    pub action: String,
    pub clause_id: ClauseId,
    pub guideline_version_id: i64,
    pub reason: String,
    pub facts: String,
    pub redacted_text: Option<String>,
    pub original_source: Option<String>,
    pub redacted_source: Option<String>,
    /// The edit deadline (ask to edit), or a legacy suspension's end.
    pub until_at: Option<NaiveDateTime>,
    pub concerns_decision_id: Option<DecisionId>,
    pub appeal_status: Option<String>,
    pub reversed_at: Option<NaiveDateTime>,
    pub followed_up_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    /// What happened to the author: "warn" or "suspend".
    pub author_action: Option<String>,
    /// The end of the author's suspension.
    pub author_until: Option<NaiveDateTime>,
    /// The decision published a held item.
    pub released: bool,
}

impl Decision {
    pub fn item(&self) -> Option<ItemRef> {
        ItemRef::parse(&self.item_kind, self.item_id)
    }

    /// Whether the author may appeal: everything that affected them, once.
    pub fn is_appealable(&self) -> bool {
        let affects = matches!(
            self.action.as_str(),
            HOLD | "redact" | "hide" | "ask_edit" | "keep" | "warn" | "suspend" | NOT_VERIFIED
        ) || self.author_action.is_some();
        affects && self.appeal_status.is_none() && self.reversed_at.is_none()
    }

    pub fn is_restorable(&self) -> bool {
        matches!(self.action.as_str(), "hide" | "redact") && self.reversed_at.is_none()
    }

    /// The author action, also for decisions recorded before the split.
    pub fn author_action(&self) -> Option<AuthorAction> {
        self.author_action
            .as_deref()
            .and_then(AuthorAction::parse)
            .or_else(|| AuthorAction::parse(&self.action))
    }

    /// When the author's suspension ends, if the decision suspended them.
    pub fn suspended_until(&self) -> Option<NaiveDateTime> {
        match self.author_action()? {
            AuthorAction::Suspend => self.author_until.or(self.until_at),
            AuthorAction::Warn => None,
        }
    }

    pub fn redaction(&self) -> Option<Redaction> {
        Some(Redaction {
            words: self.redacted_text.clone()?,
            original: self.original_source.clone()?,
            redacted: self.redacted_source.clone()?,
        })
    }
}

pub fn find_decision(conn: &mut DbConn, id: DecisionId) -> QueryResult<Option<Decision>> {
    moderation_decisions::table
        .find(id)
        .select(Decision::as_select())
        .first(conn)
        .optional()
}

pub fn decisions_about_item(conn: &mut DbConn, item: ItemRef) -> QueryResult<Vec<Decision>> {
    moderation_decisions::table
        .filter(moderation_decisions::item_kind.eq(item.kind().as_str()))
        .filter(moderation_decisions::item_id.eq(item.id()))
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

pub(super) struct NewDecision<'a> {
    pub case: Option<CaseId>,
    pub item: &'a Item,
    pub moderator: Option<UserId>,
    pub action: &'a str,
    pub clause: &'a Clause,
    pub reason: &'a str,
    pub facts: &'a str,
    pub redaction: Option<&'a Redaction>,
    pub until: Option<NaiveDateTime>,
    pub author_action: Option<AuthorAction>,
    pub author_until: Option<NaiveDateTime>,
    pub released: bool,
    pub concerns: Option<DecisionId>,
}

impl<'a> NewDecision<'a> {
    /// A decision with nothing but its action and clause.
    pub fn plain(
        item: &'a Item,
        moderator: Option<UserId>,
        action: &'a str,
        clause: &'a Clause,
        reason: &'a str,
    ) -> NewDecision<'a> {
        NewDecision {
            case: None,
            item,
            moderator,
            action,
            clause,
            reason,
            facts: "",
            redaction: None,
            until: None,
            author_action: None,
            author_until: None,
            released: false,
            concerns: None,
        }
    }
}

pub(super) fn insert_decision(conn: &mut DbConn, new: &NewDecision) -> QueryResult<DecisionId> {
    let redaction = new.redaction;
    diesel::insert_into(moderation_decisions::table)
        .values((
            moderation_decisions::case_id.eq(new.case),
            moderation_decisions::item_kind.eq(new.item.item.kind().as_str()),
            moderation_decisions::item_id.eq(new.item.item.id()),
            moderation_decisions::company_id.eq(new.item.company_id),
            moderation_decisions::author_id.eq(new.item.author_id),
            moderation_decisions::moderator_id.eq(new.moderator),
            moderation_decisions::automatic.eq(new.moderator.is_none()),
            moderation_decisions::action.eq(new.action),
            moderation_decisions::clause_id.eq(new.clause.current.clause_id),
            moderation_decisions::guideline_version_id.eq(new.clause.current.id),
            moderation_decisions::reason.eq(new.reason),
            moderation_decisions::facts.eq(new.facts),
            moderation_decisions::redacted_text.eq(redaction.map(|r| r.words.as_str())),
            moderation_decisions::original_source.eq(redaction.map(|r| r.original.as_str())),
            moderation_decisions::redacted_source.eq(redaction.map(|r| r.redacted.as_str())),
            moderation_decisions::until_at.eq(new.until),
            moderation_decisions::author_action.eq(new.author_action.map(AuthorAction::as_str)),
            moderation_decisions::author_until.eq(new.author_until),
            moderation_decisions::released.eq(new.released),
            moderation_decisions::concerns_decision_id.eq(new.concerns),
            moderation_decisions::created_at.eq(now()),
        ))
        .returning(moderation_decisions::id)
        .get_result(conn)
}

pub const NOTIFY_STATEMENT: notify::Kind = notify::Kind::Statement;
pub const NOTIFY_FLAG_OUTCOME: notify::Kind = notify::Kind::ReportOutcome;

/// Someone a decision must be told to: the author (statement of reasons) or
/// a reporter (outcome of their report). The caller emails them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub to: Addressee,
    pub kind: notify::Kind,
    pub decision: DecisionId,
}

/// Who a recipient is: an account, or the sender of a legal notice (who
/// may have none and is written to at the address they confirmed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Addressee {
    User(UserId),
    Notice(i64),
}

/// Notifies `user` in the app and adds them to those to email (decisions
/// are always emailed: see `notify::Kind::is_configurable`).
pub(super) fn tell(
    conn: &mut DbConn,
    out: &mut Vec<Recipient>,
    user: UserId,
    kind: notify::Kind,
    decision: DecisionId,
) -> QueryResult<()> {
    notify::tell(
        conn,
        &notify::Notice {
            to: user,
            kind,
            actor: None,
            item: None,
            decision: Some(decision),
            link: format!("/notifications/{decision}"),
        },
    )?;
    out.push(Recipient {
        to: Addressee::User(user),
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
            facts,
            ..NewDecision::plain(item, moderator, action, clause, reason)
        },
    )?;
    let mut out = Vec::new();
    tell(conn, &mut out, item.author_id, NOTIFY_STATEMENT, id)?;
    Ok((id, out))
}

/// Sets an item's moderation state; a review's place in its company's score
/// follows (held and hidden reviews do not count).
pub(super) fn set_item_state(
    conn: &mut DbConn,
    item: &Item,
    state: State,
    clause: Option<i32>,
) -> QueryResult<()> {
    item::set_state(conn, item.item, state, clause)?;
    if let (ItemRef::Review(_), Some(company)) = (item.item, item.company_id) {
        crate::reviews::model::recompute_totals(conn, company)?;
    }
    Ok(())
}

/// What a moderator chose on the case page.
#[derive(Debug, Clone)]
pub struct Choice {
    pub content: ContentAction,
    pub author: Option<AuthorAction>,
    pub clause: Clause,
    pub reason: String,
    pub facts: String,
    /// For a redaction: the exact words to remove.
    pub redact: String,
    /// For an edit deadline or a suspension.
    pub days: i64,
    /// A dismissal found the reports manifestly unfounded (they count
    /// towards misuse of reporting).
    pub unfounded: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Someone decided the case first (optimistic lock).
    AlreadyDecided,
    /// The clause does not allow the chosen action.
    NotAllowed,
    /// No breach, yet an action against the author.
    DismissWithAuthorAction,
    /// Only a held item can be released.
    NotHeld,
    /// The words to redact are not in the text.
    RedactionNotFound,
    /// Appeals are decided by someone other than the original moderator.
    OwnDecision,
    /// No moderator decides about their own content.
    OwnContent,
}

/// The marker the public sees where words were redacted.
pub fn redaction_marker(lang: Lang, clause: i32) -> String {
    crate::kernel::i18n::tr_args(
        lang,
        "moderation-removed-marker",
        &[("number", &clause.to_string())],
    )
}

fn author_lang(conn: &mut DbConn, user: UserId) -> QueryResult<Lang> {
    let locale: Option<String> = users::table.find(user).select(users::locale).first(conn)?;
    Ok(locale
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(Lang::En))
}

/// Checks a choice against the clause and the item before anything changes.
fn check_choice(
    conn: &mut DbConn,
    item: &Item,
    choice: &Choice,
) -> QueryResult<Result<(), Refusal>> {
    let clause_allows = |action: Action| choice.clause.allows(action);
    if choice
        .content
        .clause_action()
        .is_some_and(|a| !clause_allows(a))
        || choice
            .author
            .is_some_and(|a| !clause_allows(a.clause_action()))
    {
        return Ok(Err(Refusal::NotAllowed));
    }
    if choice.content == ContentAction::Dismiss && choice.author.is_some() {
        return Ok(Err(Refusal::DismissWithAuthorAction));
    }
    if choice.content == ContentAction::Release && item.state() != State::Held {
        return Ok(Err(Refusal::NotHeld));
    }
    if choice.content == ContentAction::Redact
        && !item::contains(conn, item.item, choice.redact.trim())?
    {
        return Ok(Err(Refusal::RedactionNotFound));
    }
    Ok(Ok(()))
}

/// Decides a flag or automatic case. The caller has checked that the
/// moderator is a moderator with no tie to the company; the model refuses
/// a case about the moderator's own content whatever the caller checked.
pub fn decide(
    conn: &mut DbConn,
    moderator: UserId,
    case: &Case,
    lock_version: i32,
    choice: &Choice,
) -> QueryResult<Result<(DecisionId, Vec<Recipient>), Refusal>> {
    if !case.is_open() || case.lock_version != lock_version || case.is_appeal() {
        return Ok(Err(Refusal::AlreadyDecided));
    }
    let item = case
        .item()
        .map(|r| item::load(conn, r))
        .transpose()?
        .flatten()
        .ok_or(diesel::result::Error::NotFound)?;
    if item.author_id == moderator {
        return Ok(Err(Refusal::OwnContent));
    }
    let report_appeal = case.kind == CASE_REPORT_APPEAL;
    if report_appeal && dismissed_by(conn, case.id, moderator)? {
        return Ok(Err(Refusal::OwnDecision));
    }
    if let Err(refusal) = check_choice(conn, &item, choice)? {
        return Ok(Err(refusal));
    }
    if !claim_case(conn, case.id, lock_version)? {
        return Ok(Err(Refusal::AlreadyDecided));
    }
    let at = now();
    let days = Duration::days(choice.days.clamp(1, MAX_DAYS));
    let was_held = item.state() == State::Held;
    let mut redaction = None;
    let mut until = None;
    match choice.content {
        ContentAction::Redact => {
            let marker = redaction_marker(author_lang(conn, item.author_id)?, choice.clause.number);
            redaction = item::redact(conn, item.item, choice.redact.trim(), &marker)?;
        }
        ContentAction::Hide => {
            set_item_state(conn, &item, State::Hidden, Some(choice.clause.number))?;
        }
        ContentAction::AskEdit => until = Some(at + days),
        ContentAction::Dismiss | ContentAction::Release | ContentAction::Keep => {}
    }
    let released = was_held && choice.content.publishes_held();
    if released {
        set_item_state(conn, &item, State::Visible, None)?;
    }
    let author_until = (choice.author == Some(AuthorAction::Suspend)).then_some(at + days);
    if author_until.is_some() {
        diesel::update(users::table.find(item.author_id))
            .set(users::suspended_until.eq(author_until))
            .execute(conn)?;
    }
    let decision = insert_decision(
        conn,
        &NewDecision {
            case: Some(case.id),
            facts: &choice.facts,
            redaction: redaction.as_ref(),
            until,
            author_action: choice.author,
            author_until,
            released,
            ..NewDecision::plain(
                &item,
                Some(moderator),
                choice.content.as_str(),
                &choice.clause,
                &choice.reason,
            )
        },
    )?;
    link_decision(conn, case.id, decision)?;
    let mut out = Vec::new();
    // A dismissal of a visible item changed nothing for its author; after a
    // reporter's appeal the author is told either way.
    if choice.content != ContentAction::Dismiss || was_held || report_appeal {
        tell(conn, &mut out, item.author_id, NOTIFY_STATEMENT, decision)?;
    }
    let no_breach = matches!(
        choice.content,
        ContentAction::Dismiss | ContentAction::Release
    ) && choice.author.is_none();
    let outcome = if no_breach { "dismissed" } else { "upheld" };
    if no_breach && choice.unfounded {
        mark_unfounded(conn, case.id)?;
    }
    close_flags(conn, case.id, outcome, decision, &mut out)?;
    if report_appeal {
        close_report_appeals(conn, case.id, decision)?;
    }
    Ok(Ok((decision, out)))
}

/// Whether `moderator` made a decision a reporter's appeal in this case is
/// against (appeals go to someone else).
fn dismissed_by(conn: &mut DbConn, case: CaseId, moderator: UserId) -> QueryResult<bool> {
    for appeal in report_appeals_of_case(conn, case)? {
        if find_decision(conn, appeal.decision_id)?.and_then(|d| d.moderator_id) == Some(moderator)
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Undoes a decision's effect: shows a hidden or held item again, puts
/// redacted words back (unless the author rewrote the text since), takes a
/// "not verified" label off, lifts a suspension.
pub(super) fn undo_effect(conn: &mut DbConn, decision: &Decision, item: &Item) -> QueryResult<()> {
    match decision.action.as_str() {
        "hide" | HOLD | "keep" if item.state() != State::Visible => {
            set_item_state(conn, item, State::Visible, None)?;
        }
        "redact" => {
            if let Some(redaction) = decision.redaction() {
                item::put_back(conn, item.item, &redaction)?;
            }
        }
        NOT_VERIFIED => {
            let review = ReviewId(decision.item_id);
            crate::reviews::model::remove_label(
                conn,
                review,
                crate::reviews::model::LABEL_NOT_VERIFIED,
            )?;
            if let Some(company) = decision.company_id {
                crate::reviews::model::recompute_totals(conn, company)?;
            }
        }
        _ => {}
    }
    if let Some(until) = decision.suspended_until() {
        diesel::update(
            users::table
                .find(decision.author_id)
                .filter(users::suspended_until.eq(Some(until))),
        )
        .set(users::suspended_until.eq(None::<NaiveDateTime>))
        .execute(conn)?;
    }
    diesel::update(moderation_decisions::table.find(decision.id))
        .set(moderation_decisions::reversed_at.eq(Some(now())))
        .execute(conn)?;
    Ok(())
}

/// A moderator reverses a hide or a redaction — never about their own content.
pub fn restore(
    conn: &mut DbConn,
    moderator: UserId,
    decision: &Decision,
    reason: &str,
) -> QueryResult<Result<(DecisionId, Vec<Recipient>), Refusal>> {
    if !decision.is_restorable() {
        return Ok(Err(Refusal::AlreadyDecided));
    }
    if decision.author_id == moderator {
        return Ok(Err(Refusal::OwnContent));
    }
    let item = decision
        .item()
        .map(|r| item::load(conn, r))
        .transpose()?
        .flatten()
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
            concerns: Some(decision.id),
            ..NewDecision::plain(&item, Some(moderator), RESTORE, &clause, reason)
        },
    )?;
    let mut out = Vec::new();
    tell(conn, &mut out, item.author_id, NOTIFY_STATEMENT, id)?;
    Ok(Ok((id, out)))
}
