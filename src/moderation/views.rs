//! Moderation pages and the statement of reasons, written once for the page
//! and the email.

use askama::Template;
use chrono::NaiveDateTime;

use crate::db::DbConn;
use crate::kernel::error::AppError;
use crate::kernel::gate::State;
use crate::kernel::i18n::{tr, tr_args, Lang};
use crate::kernel::ids::{ClauseId, CompanyId};
use crate::kernel::item::{Item, ItemText};
use crate::moderation::guidelines::{self, Clause, ClauseVersion};
use crate::moderation::model::{AuthorAction, Case, ContentAction, Decision, Flag};
use crate::web::form::Choice;
use crate::web::form::FieldErrors;
use crate::web::layout::PageCtx;

/// One decision told in words: what was done, under which clause and why,
/// whether automatically, the facts, and how to appeal.
#[derive(Debug, Clone)]
pub struct Statement {
    /// What happened to the content.
    pub headline: String,
    /// What happened to the author, when the decision acted on them too.
    pub author: Option<String>,
    pub clause: String,
    pub reason: String,
    pub how: String,
    pub facts: Vec<String>,
    pub until: Option<String>,
    pub appeal: String,
}

/// A stored fact (`key|detail` from an automatic check, or a moderator's
/// own words) in the reader's language.
pub fn fact_text(lang: impl Into<Lang>, fact: &str) -> String {
    let lang = lang.into();
    match fact.split_once('|') {
        Some((key, detail)) if key.starts_with("fact-") => {
            let detail = if detail.starts_with("pii-") {
                tr(lang, detail)
            } else {
                detail.to_string()
            };
            tr_args(lang, key, &[("detail", &detail)])
        }
        _ => fact.to_string(),
    }
}

pub fn clause_line(lang: Lang, number: i32, version: &ClauseVersion) -> String {
    tr_args(
        lang,
        "statement-clause",
        &[
            ("number", &number.to_string()),
            ("version", &version.version.to_string()),
            ("title", version.title(lang)),
        ],
    )
}

pub fn item_name(lang: Lang, kind: &str) -> String {
    tr(lang, &format!("item-{kind}"))
}

pub fn statement(
    lang: Lang,
    decision: &Decision,
    item_kind: &str,
    number: i32,
    version: &ClauseVersion,
    for_flagger: bool,
) -> Statement {
    let item = item_name(lang, item_kind);
    let author_action = decision.author_action();
    let headline = if for_flagger {
        let no_breach =
            matches!(decision.action.as_str(), "dismiss" | "release") && author_action.is_none();
        let outcome = if no_breach {
            "flag-outcome-dismissed"
        } else {
            "flag-outcome-upheld"
        };
        tr_args(lang, outcome, &[("item", &item)])
    } else {
        // A decision recorded before content and author were separate
        // says what happened to the author in its headline.
        let mut headline = tr_args(
            lang,
            &format!("decision-{}", decision.action),
            &[("item", &item)],
        );
        if decision.released && decision.action != "release" {
            headline.push(' ');
            headline.push_str(&tr(lang, "decision-released-too"));
        }
        headline
    };
    let author = (!for_flagger && decision.author_action.is_some())
        .then_some(author_action)
        .flatten()
        .map(|a| {
            tr_args(
                lang,
                &format!("decision-author-{}", a.as_str()),
                &[("item", &item)],
            )
        });
    let how = if decision.automatic {
        tr(lang, "statement-automatic")
    } else {
        tr(lang, "statement-by-moderator")
    };
    let facts = decision
        .facts
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| fact_text(lang, l))
        .collect();
    let until = match (decision.suspended_until(), decision.until_at) {
        (Some(at), _) => Some(tr_args(
            lang,
            "statement-suspended-until",
            &[("date", &format_time(at))],
        )),
        (None, Some(at)) => Some(tr_args(
            lang,
            "statement-edit-by",
            &[("date", &format_time(at))],
        )),
        (None, None) => None,
    };
    let appeal = if for_flagger {
        let dismissed = matches!(decision.action.as_str(), "dismiss" | "release")
            && decision.author_action.is_none();
        if dismissed && !decision.automatic {
            tr(lang, "statement-reporter-appeal-how")
        } else {
            String::new()
        }
    } else if decision.is_appealable() {
        tr(lang, "statement-appeal-how")
    } else {
        match decision.appeal_status.as_deref() {
            Some("pending") => tr(lang, "statement-appeal-pending"),
            Some("upheld") => tr(lang, "statement-appeal-upheld"),
            Some("reversed") => tr(lang, "statement-appeal-reversed"),
            _ => String::new(),
        }
    };
    Statement {
        headline,
        author,
        clause: clause_line(lang, number, version),
        reason: decision.reason.clone(),
        how,
        facts,
        until,
        appeal,
    }
}

/// What the statements call a decision's item: "thread", "post", "review"
/// or "reply".
pub fn kind_name_of(conn: &mut DbConn, decision: &Decision) -> Result<&'static str, AppError> {
    let loaded = match decision.item() {
        Some(item) => crate::kernel::item::load(conn, item)?,
        None => None,
    };
    Ok(loaded.map_or("post", |i| i.kind_name()))
}

/// A stored decision told in words: its clause as cited, what it did, to
/// its author or (`for_flagger`) to someone who reported the item.
pub fn statement_of(
    conn: &mut DbConn,
    lang: Lang,
    decision: &Decision,
    for_flagger: bool,
) -> Result<Statement, AppError> {
    let version = guidelines::version_by_id(conn, decision.guideline_version_id)?
        .ok_or(AppError::NotFound)?;
    let number = guidelines::clause_by_id(conn, decision.clause_id.0)?.map_or(0, |c| c.number);
    let kind = kind_name_of(conn, decision)?;
    let mut told = statement(lang, decision, kind, number, &version, for_flagger);
    // A reporter is offered the one appeal only while it is unused.
    if for_flagger
        && !told.appeal.is_empty()
        && !crate::moderation::model::dismissal_appealable(conn, decision)?
    {
        told.appeal.clear();
    }
    Ok(told)
}

pub fn format_time(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

// ---- pages ---------------------------------------------------------------

#[derive(Template)]
#[template(path = "moderation/guidelines.html")]
pub struct GuidelinesPage {
    pub ctx: PageCtx,
    pub clauses: Vec<Clause>,
}

impl GuidelinesPage {
    pub fn action_names(&self, clause: &Clause) -> String {
        clause
            .actions()
            .iter()
            .map(|a| self.ctx.t(a.message_key()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Template)]
#[template(path = "moderation/flag.html")]
pub struct FlagPage {
    pub ctx: PageCtx,
    pub item: Item,
    /// The words reported, as the public reads them.
    pub text: Option<ItemText>,
    pub clauses: Vec<Clause>,
    pub chosen: Option<ClauseId>,
    pub note: String,
    pub errors: FieldErrors,
}

impl FlagPage {
    pub fn clause_choices(&self) -> Vec<Choice> {
        self.clauses
            .iter()
            .map(|c| Choice {
                value: c.current.clause_id.to_string(),
                label: format!("{}. {}", c.number, c.title(self.ctx.lang)),
                selected: self.chosen == Some(ClauseId(c.current.clause_id)),
            })
            .collect()
    }
}

/// "Report illegal content": the form, for anyone.
#[derive(Template)]
#[template(path = "moderation/notice_form.html")]
pub struct NoticeFormPage {
    pub ctx: PageCtx,
    /// The item, when the link on it was followed (else an address field).
    pub item: Option<Item>,
    pub address: String,
    pub ground: String,
    pub explanation: String,
    pub name: String,
    pub email: String,
    pub good_faith: bool,
    pub errors: FieldErrors,
}

impl NoticeFormPage {
    pub fn empty(ctx: PageCtx, item: Option<Item>) -> NoticeFormPage {
        NoticeFormPage {
            ctx,
            item,
            address: String::new(),
            ground: String::new(),
            explanation: String::new(),
            name: String::new(),
            email: String::new(),
            good_faith: false,
            errors: FieldErrors::default(),
        }
    }

    /// The words reported, as the public reads them.
    pub fn text(&self) -> Option<ItemText> {
        self.item.as_ref().and_then(Item::public_text)
    }

    pub fn item_param(&self) -> String {
        self.item.as_ref().map_or(String::new(), |i| {
            format!("{}-{}", i.item.kind().as_str(), i.item.id())
        })
    }

    pub fn ground_choices(&self) -> Vec<Choice> {
        crate::moderation::model::Ground::ALL
            .into_iter()
            .map(|g| Choice {
                value: g.as_str().to_string(),
                label: self.ctx.t(&g.label_key()),
                selected: self.ground == g.as_str(),
            })
            .collect()
    }
}

/// A legal notice's own page, reached by the link emailed to its sender.
#[derive(Template)]
#[template(path = "moderation/notice_status.html")]
pub struct NoticeStatusPage {
    pub ctx: PageCtx,
    pub token: String,
    pub notice: crate::moderation::model::Notice,
    /// The words reported as the public reads them now.
    pub text: Option<ItemText>,
    pub link: String,
    pub standing: crate::moderation::model::NoticeStatus,
    pub statement: Option<Statement>,
    pub can_appeal: bool,
    pub appeal_text: String,
    pub errors: FieldErrors,
}

impl NoticeStatusPage {
    pub fn appeal_action(&self) -> String {
        format!("/notices/{}/appeal", self.token)
    }

    pub fn is_unconfirmed(&self) -> bool {
        self.standing == crate::moderation::model::NoticeStatus::Unconfirmed
    }

    pub fn is_open(&self) -> bool {
        self.standing == crate::moderation::model::NoticeStatus::Open
    }
}

/// A measure against misuse of reporting told in words: what, why (the
/// count, the period, the threshold), until when, and how to appeal.
pub fn measure_statement(
    lang: Lang,
    measure: &crate::moderation::model::misuse::Measure,
) -> Vec<String> {
    let policy = crate::config::policy();
    let mut out = vec![tr_args(
        lang,
        &format!("measure-{}-headline", measure.kind),
        &[
            ("count", &measure.unfounded.to_string()),
            ("days", &measure.window_days.to_string()),
        ],
    )];
    out.push(tr_args(
        lang,
        "measure-thresholds",
        &[
            ("warn", &policy.reporting_warn_after.to_string()),
            ("suspend", &policy.reporting_suspend_after.to_string()),
            ("days", &policy.reporting_window_days.to_string()),
        ],
    ));
    if let Some(until) = measure.until_at {
        out.push(tr_args(
            lang,
            "measure-until",
            &[("date", &format_time(until))],
        ));
    }
    out.push(tr(lang, "measure-content-stays"));
    out.push(
        match (measure.appeal_outcome.as_deref(), measure.appealed_at) {
            (Some(crate::moderation::model::misuse::LIFTED), _) => {
                tr(lang, "measure-appeal-lifted")
            }
            (Some(_), _) => tr(lang, "measure-appeal-upheld"),
            (None, Some(_)) => tr(lang, "statement-appeal-pending"),
            (None, None) => tr(lang, "measure-appeal-how"),
        },
    );
    out
}

/// A measure's own page: its statement, the appeal, and for a neutral
/// moderator the decision on the appeal.
#[derive(Template)]
#[template(path = "moderation/measure.html")]
pub struct MeasurePage {
    pub ctx: PageCtx,
    pub measure: crate::moderation::model::misuse::Measure,
    pub statement: Vec<String>,
    /// Whom it concerns, as the page names them.
    pub subject: String,
    pub can_appeal: bool,
    pub can_decide: bool,
    pub text: String,
    pub action: String,
    pub errors: FieldErrors,
}

impl MeasurePage {
    pub fn appeal_action(&self) -> String {
        format!("/reporting-measures/{}/appeal", self.measure.id)
    }

    pub fn title(&self) -> String {
        self.ctx
            .t(&format!("measure-{}-subject", self.measure.kind))
    }
}

/// A case as one row of the queue.
pub struct QueueRow {
    pub case: Case,
    pub item: Option<Item>,
    /// The first words of the item's text.
    pub excerpt: String,
    pub clause_number: i32,
    pub clause_title: String,
    pub flag_count: usize,
    pub from_company: bool,
    /// A legal notice (DSA art. 16) is among the reports.
    pub legal_notice: bool,
    pub waited_secs: i64,
}

#[derive(Template)]
#[template(path = "moderation/queue.html")]
pub struct QueuePage {
    pub ctx: PageCtx,
    pub rows: Vec<QueueRow>,
    /// Measures against misuse of reporting whose appeal waits.
    pub measure_appeals: Vec<i64>,
    pub clauses: Vec<Clause>,
    pub companies: Vec<(CompanyId, String)>,
    pub kind: String,
    pub company: Option<CompanyId>,
    pub clause: Option<ClauseId>,
}

impl QueuePage {
    pub fn kind_choices(&self) -> Vec<Choice> {
        let mut out = vec![Choice {
            value: String::new(),
            label: self.ctx.t("moderation-all"),
            selected: self.kind.is_empty(),
        }];
        for kind in crate::moderation::model::CASE_KINDS {
            out.push(Choice {
                value: kind.to_string(),
                label: self.ctx.t(&format!("case-kind-{kind}")),
                selected: self.kind == kind,
            });
        }
        out
    }

    pub fn company_choices(&self) -> Vec<Choice> {
        let mut out = vec![Choice {
            value: String::new(),
            label: self.ctx.t("moderation-all"),
            selected: self.company.is_none(),
        }];
        out.extend(self.companies.iter().map(|(id, name)| Choice {
            value: id.to_string(),
            label: name.clone(),
            selected: self.company == Some(*id),
        }));
        out
    }

    pub fn clause_choices(&self) -> Vec<Choice> {
        let mut out = vec![Choice {
            value: String::new(),
            label: self.ctx.t("moderation-all"),
            selected: self.clause.is_none(),
        }];
        out.extend(self.clauses.iter().map(|c| Choice {
            value: c.current.clause_id.to_string(),
            label: format!("{}. {}", c.number, c.title(self.ctx.lang)),
            selected: self.clause == Some(ClauseId(c.current.clause_id)),
        }));
        out
    }

    pub fn severity(&self, severity: &i32) -> String {
        self.ctx.t(guidelines::severity_key(*severity))
    }
}

/// A decision as the case page lists it.
pub struct DecisionRow {
    pub decision: Decision,
    pub statement: Statement,
    pub moderator: Option<String>,
}

/// An earlier version of the item's text.
pub struct RevisionRow {
    pub created_at: NaiveDateTime,
    pub title: Option<String>,
    pub body: String,
}

pub struct FlagRow {
    pub flag: Flag,
    pub flagger: Option<String>,
    pub clause_number: i32,
    /// The legal notice behind the flag, if it is one.
    pub notice: Option<crate::moderation::model::Notice>,
}

#[derive(Template)]
#[template(path = "moderation/case.html")]
pub struct CasePage {
    pub ctx: PageCtx,
    pub case: Case,
    pub item: Item,
    /// The item's words, as the (neutral) moderator reads them.
    pub text: Option<ItemText>,
    pub clause: Clause,
    pub clauses: Vec<Clause>,
    pub flags: Vec<FlagRow>,
    pub facts: Vec<String>,
    pub revisions: Vec<RevisionRow>,
    pub item_decisions: Vec<DecisionRow>,
    pub author_decisions: Vec<DecisionRow>,
    /// For an appeal: the decision appealed, the author's text, and whether
    /// this moderator made it (and so may not decide).
    pub appealed: Option<DecisionRow>,
    pub appeal_text: String,
    pub own_decision: bool,
    pub outcome: Option<DecisionRow>,
    pub form: DecideForm,
}

#[derive(Debug, Clone, Default)]
pub struct DecideForm {
    /// What happens to the content (or, for an appeal, uphold or reverse).
    pub action: String,
    /// What happens to the author: "", "warn" or "suspend".
    pub author_action: String,
    pub clause: Option<ClauseId>,
    pub reason: String,
    pub facts: String,
    pub redact: String,
    pub days: String,
    /// Dismissed as manifestly unfounded reports.
    pub unfounded: bool,
    pub errors: FieldErrors,
}

impl CasePage {
    /// Reports by people (members or legal notices) wait in the case.
    pub fn has_reports(&self) -> bool {
        self.flags
            .iter()
            .any(|f| !f.flag.automatic && f.flag.status == crate::moderation::model::OPEN)
    }

    pub fn clause_choices(&self) -> Vec<Choice> {
        let chosen = self
            .form
            .clause
            .unwrap_or(ClauseId(self.clause.current.clause_id));
        self.clauses
            .iter()
            .map(|c| Choice {
                value: c.current.clause_id.to_string(),
                label: format!(
                    "{}. {} — {}",
                    c.number,
                    c.title(self.ctx.lang),
                    c.actions()
                        .iter()
                        .map(|a| self.ctx.t(a.message_key()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                selected: chosen == ClauseId(c.current.clause_id),
            })
            .collect()
    }

    /// Whether the item waits, held, for this decision.
    pub fn is_held(&self) -> bool {
        self.item.state() == State::Held
    }

    /// What can happen to the content. For a held item each choice says
    /// whether it publishes the item; "release" is offered only then.
    /// The clause the form is filled in for: the one chosen, else the case's.
    fn chosen_clause(&self) -> &Clause {
        self.form
            .clause
            .and_then(|id| self.clauses.iter().find(|c| c.current.clause_id == id.0))
            .unwrap_or(&self.clause)
    }

    /// The clause permission an action needs (none for dismissing,
    /// releasing or keeping: those act on no breach).
    pub fn needs(&self, value: &str) -> &'static str {
        match value {
            "redact" => "redact",
            "hide" => "hide",
            "ask_edit" => "ask_edit",
            "warn" => "warn",
            "suspend" => "suspend",
            _ => "",
        }
    }

    /// Whether the chosen clause allows an action (by its form value): the
    /// form shows only those (a script follows a change of clause; without
    /// one, "show this clause's actions" does).
    pub fn allowed(&self, value: &str) -> bool {
        match guidelines::Action::parse(self.needs(value)) {
            Some(action) => self.chosen_clause().allows(action),
            None => true,
        }
    }

    /// Each clause's allowed actions, for the script that narrows the form
    /// as the clause changes.
    pub fn clause_actions(&self, clause_id: &str) -> String {
        self.clauses
            .iter()
            .find(|c| c.current.clause_id.to_string() == clause_id)
            .map(|c| c.current.actions.clone())
            .unwrap_or_default()
    }

    pub fn action_choices(&self) -> Vec<Choice> {
        let held = self.is_held();
        // Nothing a held item's form offers first publishes it.
        let first = if held {
            ContentAction::Keep
        } else {
            ContentAction::Dismiss
        };
        ContentAction::ALL
            .into_iter()
            .filter(|a| held || *a != ContentAction::Release)
            .map(|a| {
                let key = if held {
                    format!("content-held-{}", a.as_str())
                } else {
                    format!("content-{}", a.as_str())
                };
                Choice {
                    value: a.as_str().into(),
                    label: self.ctx.t(&key),
                    selected: self.form.action == a.as_str()
                        || (self.form.action.is_empty() && a == first),
                }
            })
            .collect()
    }

    /// What can happen to the author, besides nothing.
    pub fn author_choices(&self) -> Vec<Choice> {
        let mut out = vec![Choice {
            value: String::new(),
            label: self.ctx.t("author-action-none"),
            selected: self.form.author_action.is_empty(),
        }];
        out.extend(AuthorAction::ALL.into_iter().map(|a| Choice {
            value: a.as_str().into(),
            label: self.ctx.t(&format!("author-action-{}", a.as_str())),
            selected: self.form.author_action == a.as_str(),
        }));
        out
    }

    pub fn severity(&self) -> String {
        self.ctx.t(guidelines::severity_key(self.case.severity))
    }

    pub fn is_appeal(&self) -> bool {
        self.case.kind == crate::moderation::model::CASE_APPEAL
    }

    /// A reporter appeals a dismissal: decided like a report, by someone else.
    pub fn is_report_appeal(&self) -> bool {
        self.case.kind == crate::moderation::model::CASE_REPORT_APPEAL
    }
}

#[derive(Template)]
#[template(path = "moderation/statement.html")]
pub struct StatementPage {
    pub ctx: PageCtx,
    pub decision: Decision,
    pub statement: Statement,
    pub item_link: String,
    pub is_author: bool,
    pub can_appeal: bool,
    /// The appeal offered is a reporter's, against a dismissal.
    pub reporter_appeal: bool,
    pub appeal_text: String,
    pub errors: FieldErrors,
}

impl StatementPage {
    pub fn appeal_action(&self) -> String {
        format!("/notifications/{}/appeal", self.decision.id)
    }
}

pub struct LogRow {
    pub date: NaiveDateTime,
    pub item: String,
    pub company: String,
    pub clause: String,
    pub action: String,
    pub automatic: bool,
    pub appeal: String,
}

#[derive(Template)]
#[template(path = "moderation/log.html")]
pub struct LogPage {
    pub ctx: PageCtx,
    pub rows: Vec<LogRow>,
    pub next: Option<i64>,
}

pub struct MonthRow {
    pub month: String,
    pub cells: Vec<i64>,
    pub total: i64,
}

#[derive(Template)]
#[template(path = "moderation/transparency.html")]
pub struct TransparencyPage {
    pub ctx: PageCtx,
    pub figures: crate::moderation::figures::Figures,
    pub fairness: crate::verification::model::Fairness,
    pub clause_headers: Vec<String>,
    pub action_headers: Vec<String>,
    pub by_clause: Vec<MonthRow>,
    pub by_action: Vec<MonthRow>,
    pub rights: RightsFigures,
    /// The thresholds for misuse of reporting, as applied.
    pub policy: crate::config::Policy,
}

/// Legal notices, reporters' appeals and measures against misuse of
/// reporting over the period.
pub struct RightsFigures {
    /// Confirmed notices by ground.
    pub notices: Vec<(String, i64)>,
    /// Reporters' appeals: (received, the report upheld after all).
    pub report_appeals: (i64, i64),
    /// (warnings, suspensions, lifted on appeal).
    pub measures: (i64, i64, i64),
}

impl TransparencyPage {
    /// (ground, count) for every ground, in the form's order.
    pub fn notices_by_ground(&self) -> Vec<(String, i64)> {
        crate::moderation::model::Ground::ALL
            .into_iter()
            .map(|g| {
                let count = self
                    .rights
                    .notices
                    .iter()
                    .find(|(ground, _)| ground == g.as_str())
                    .map_or(0, |(_, c)| *c);
                (self.ctx.t(&g.label_key()), count)
            })
            .collect()
    }
}

#[derive(Template)]
#[template(path = "moderation/admin_guidelines.html")]
pub struct AdminGuidelinesPage {
    pub ctx: PageCtx,
    pub clauses: Vec<Clause>,
}

#[derive(Template)]
#[template(path = "moderation/admin_clause.html")]
pub struct AdminClausePage {
    pub ctx: PageCtx,
    pub clause: Clause,
    pub text: guidelines::ClauseText,
    pub versions: Vec<ClauseVersion>,
    pub errors: FieldErrors,
}

impl AdminClausePage {
    pub fn severity_choices(&self) -> Vec<Choice> {
        [1, 2, 3]
            .into_iter()
            .map(|s| Choice {
                value: s.to_string(),
                label: self.ctx.t(guidelines::severity_key(s)),
                selected: self.text.severity == s,
            })
            .collect()
    }

    pub fn action_choices(&self) -> Vec<Choice> {
        guidelines::Action::ALL
            .into_iter()
            .map(|a| Choice {
                value: a.as_str().into(),
                label: self.ctx.t(a.message_key()),
                selected: self.text.actions.split(',').any(|x| x == a.as_str()),
            })
            .collect()
    }

    /// (field name suffix, language name, index) for the three languages.
    pub fn languages(&self) -> Vec<(String, String, usize)> {
        Lang::ALL
            .iter()
            .enumerate()
            .map(|(i, l)| (l.code().to_string(), l.native_name().to_string(), i))
            .collect()
    }
}

/// Translation keys for the names of things, for templates.
pub fn item_key(kind: &str) -> &'static str {
    match kind {
        "thread" => "item-thread",
        "review" => "item-review",
        "reply" => "item-reply",
        _ => "item-post",
    }
}

pub fn case_kind_key(kind: &str) -> &'static str {
    match kind {
        "auto" => "case-kind-auto",
        "appeal" => "case-kind-appeal",
        "report-appeal" => "case-kind-report-appeal",
        _ => "case-kind-flag",
    }
}

pub fn state_key(state: &str) -> &'static str {
    match state {
        "held" => "state-held",
        "hidden" => "state-hidden",
        _ => "state-visible",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys built at run time (`decision-{action}` …) exist in every language.
    #[test]
    fn every_composed_key_is_translated() {
        let actions = [
            "dismiss",
            "release",
            "keep",
            "hold",
            "redact",
            "hide",
            "ask_edit",
            "warn",
            "suspend",
            "restore",
            "upheld",
            "reversed",
            "verified",
            "not_verified",
        ];
        let mut keys: Vec<String> = Vec::new();
        for action in actions.iter() {
            keys.push(format!("decision-{action}"));
            keys.push(format!("action-{action}"));
        }
        for action in ContentAction::ALL {
            keys.push(format!("content-{}", action.as_str()));
            keys.push(format!("content-held-{}", action.as_str()));
        }
        for action in AuthorAction::ALL {
            keys.push(format!("decision-author-{}", action.as_str()));
            keys.push(format!("author-action-{}", action.as_str()));
        }
        keys.push("author-action-none".to_string());
        keys.push("decision-released-too".to_string());
        for kind in ["post", "thread", "review", "reply"] {
            keys.push(item_key(kind).to_string());
        }
        for kind in crate::moderation::model::CASE_KINDS {
            keys.push(case_kind_key(kind).to_string());
        }
        for state in ["visible", "held", "hidden"] {
            keys.push(state_key(state).to_string());
        }
        for status in ["pending", "upheld", "reversed"] {
            keys.push(format!("appeal-status-{status}"));
        }
        for fact in [
            "fact-personal-data",
            "fact-word-list",
            "fact-links",
            "fact-repeated-lines",
            "fact-repeated-content",
            "fact-edit-deadline",
            "fact-edited-while-held",
            "fact-no-answer",
            "fact-threat",
            "fact-veiled-threat",
            "fact-self-harm",
            "fact-attack",
            "fact-dehumanising",
            "fact-hate-phrase",
            "fact-watched-word",
            "fact-spam-redirect",
            "fact-spam-promotion",
            "fact-spam-spelled",
            "fact-spam-solicitation",
            "fact-repeated-across-accounts",
            "fact-new-account-links",
            "pii-norwegian-national-number",
            "pii-address",
        ] {
            keys.push(fact.to_string());
        }
        for lang in Lang::ALL {
            for key in &keys {
                assert_ne!(&tr(lang, key), key, "{key} missing in {}", lang.code());
            }
        }
    }

    #[test]
    fn automatic_facts_are_translated_and_free_text_kept() {
        assert_eq!(
            fact_text(Lang::En, "fact-personal-data|pii-phone"),
            format!("Personal data found: {}", tr(Lang::En, "pii-phone"))
        );
        assert_eq!(fact_text(Lang::Sv, "Två anmälningar"), "Två anmälningar");
    }
}

// ---- watched words ------------------------------------------------------

/// What the add or edit form of a watched word holds.
#[derive(Debug, Clone, Default)]
pub struct WatchedForm {
    pub pattern: String,
    pub lang: String,
    pub action: String,
    pub clause_code: String,
    pub message: String,
}

/// A text run through the checks from the "test a text" box.
#[derive(Debug, Clone, Default)]
pub struct TestedText {
    pub text: String,
    pub hits: Vec<crate::moderation::checks::Hit>,
    pub blocked: Option<String>,
    pub replaced: Option<String>,
    pub warnings: Vec<crate::kernel::pii::PiiKind>,
}

impl TestedText {
    pub fn fires(&self) -> bool {
        !self.hits.is_empty()
            || self.blocked.is_some()
            || self.replaced.is_some()
            || !self.warnings.is_empty()
    }
}

/// What a finding does, in words, for the test box.
pub fn effect_key(effect: &crate::moderation::checks::Effect) -> &'static str {
    use crate::moderation::checks::Effect;
    match effect {
        Effect::Hold => "watched-effect-hold",
        Effect::Flag => "watched-effect-flag",
        Effect::Report => "watched-effect-report",
    }
}

fn watched_choices(ctx: &PageCtx, form: &WatchedForm, clauses: &[Clause]) -> WatchedChoices {
    let langs = std::iter::once(("", ctx.t("watched-lang-all")))
        .chain(
            crate::moderation::checks::watched::WATCH_LANGS
                .iter()
                .filter_map(|code| {
                    Lang::from_code(code).map(|l| (*code, l.native_name().to_string()))
                }),
        )
        .map(|(value, label)| Choice {
            selected: form.lang == value,
            value: value.to_string(),
            label,
        })
        .collect();
    let actions = crate::moderation::checks::WatchAction::ALL
        .iter()
        .map(|a| Choice {
            value: a.as_str().to_string(),
            label: ctx.t(&format!("watched-action-{}", a.as_str())),
            selected: form.action == a.as_str(),
        })
        .collect();
    let clauses = clauses
        .iter()
        .map(|c| Choice {
            value: c.code.clone(),
            label: format!("{}. {}", c.number, c.title(ctx.lang)),
            selected: form.clause_code == c.code,
        })
        .collect();
    WatchedChoices {
        langs,
        actions,
        clauses,
    }
}

pub struct WatchedChoices {
    pub langs: Vec<Choice>,
    pub actions: Vec<Choice>,
    pub clauses: Vec<Choice>,
}

/// A clause by its code, as "4. Personal data" (the code itself when unknown).
pub fn clause_label(ctx: &PageCtx, clauses: &[Clause], code: &str) -> String {
    clauses.iter().find(|c| c.code == code).map_or_else(
        || code.to_string(),
        |c| format!("{}. {}", c.number, c.title(ctx.lang)),
    )
}

/// A watched word's language, action and clause in words.
pub fn watched_summary(
    ctx: &PageCtx,
    clauses: &[Clause],
    row: &crate::moderation::model::watched::WatchedRow,
) -> String {
    let lang = Lang::from_code(&row.lang).map_or_else(
        || ctx.t("watched-lang-all"),
        |l| l.native_name().to_string(),
    );
    format!(
        "{} · {} · {}",
        lang,
        ctx.t(&format!("watched-action-{}", row.action)),
        clause_label(ctx, clauses, &row.clause_code)
    )
}

#[derive(Template)]
#[template(path = "moderation/admin_watched_words.html")]
pub struct WatchedWordsPage {
    pub ctx: PageCtx,
    pub active: Vec<crate::moderation::model::watched::WatchedRow>,
    pub history: Vec<crate::moderation::model::watched::WatchedRow>,
    pub clauses: Vec<Clause>,
    pub form: WatchedForm,
    pub errors: FieldErrors,
    pub test: Option<TestedText>,
}

impl WatchedWordsPage {
    pub fn choices(&self) -> WatchedChoices {
        watched_choices(&self.ctx, &self.form, &self.clauses)
    }
}

#[derive(Template)]
#[template(path = "moderation/admin_watched_word.html")]
pub struct WatchedWordPage {
    pub ctx: PageCtx,
    pub word: crate::moderation::model::watched::WatchedRow,
    pub versions: Vec<crate::moderation::model::watched::WatchedRow>,
    pub clauses: Vec<Clause>,
    pub form: WatchedForm,
    pub errors: FieldErrors,
}

impl WatchedWordPage {
    pub fn choices(&self) -> WatchedChoices {
        watched_choices(&self.ctx, &self.form, &self.clauses)
    }
}
