//! A case page and deciding it: what happens to the content and what to its
//! author, in one decision; appeals decided by a different moderator; a
//! hide or a redaction restored. No moderator decides a case, an appeal or a
//! restore about their own content or about a company they work for.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use crate::kernel::error::AppError;
use crate::kernel::ids::{CaseId, ClauseId, DecisionId};
use crate::kernel::item;
use crate::kernel::user::CurrentUser;
use crate::moderation::emails;
use crate::moderation::guidelines;
use crate::moderation::handlers::{clauses, decision_rows, refusal_key};
use crate::moderation::model::{
    self, AuthorAction, Choice as DecisionChoice, ContentAction, Refusal,
};
use crate::moderation::permissions::{can_decide, is_moderator};
use crate::moderation::views::{fact_text, CasePage, DecideForm, FlagRow, RevisionRow};
use crate::state::AppState;
use crate::web::form::{check_length, FieldErrors, FormData};
use crate::web::layout::{redirect, render_status, Page, PageCtx};
use crate::web::session::{self, FlashKind};

/// The case and its item, when `user` may decide about it.
fn decidable(
    conn: &mut crate::db::DbConn,
    user: &CurrentUser,
    id: CaseId,
) -> Result<(model::Case, item::Item), AppError> {
    let case = model::find_case(conn, id)?.ok_or(AppError::NotFound)?;
    let item = case
        .item()
        .map(|r| item::load(conn, r))
        .transpose()?
        .flatten()
        .ok_or(AppError::NotFound)?;
    can_decide(user, case.company_id, item.author_id)?;
    Ok((case, item))
}

/// What the case page shows, read in one go.
struct CaseData {
    case: model::Case,
    item: item::Item,
    text: Option<item::ItemText>,
    clause: guidelines::Clause,
    clauses: Vec<guidelines::Clause>,
    flags: Vec<FlagRow>,
    facts: Vec<String>,
    revisions: Vec<RevisionRow>,
    item_decisions: Vec<crate::moderation::views::DecisionRow>,
    author_decisions: Vec<crate::moderation::views::DecisionRow>,
    appealed: Option<crate::moderation::views::DecisionRow>,
    appeal_text: String,
    own_decision: bool,
    outcome: Option<crate::moderation::views::DecisionRow>,
}

impl CaseData {
    fn into_page(self, ctx: PageCtx, form: DecideForm) -> CasePage {
        CasePage {
            ctx,
            case: self.case,
            item: self.item,
            text: self.text,
            clause: self.clause,
            clauses: self.clauses,
            flags: self.flags,
            facts: self.facts,
            revisions: self.revisions,
            item_decisions: self.item_decisions,
            author_decisions: self.author_decisions,
            appealed: self.appealed,
            appeal_text: self.appeal_text,
            own_decision: self.own_decision,
            outcome: self.outcome,
            form,
        }
    }
}

async fn case_page(
    state: &AppState,
    ctx: PageCtx,
    user: &CurrentUser,
    id: CaseId,
    form: DecideForm,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let moderator = user.clone();
    let loaded = state
        .db
        .run(move |conn| -> Result<CaseData, AppError> {
            let (case, item) = decidable(conn, &moderator, id)?;
            let clauses = guidelines::all_clauses(conn)?;
            let clause = clauses
                .iter()
                .find(|c| c.current.clause_id == case.clause_id.0)
                .cloned()
                .ok_or(AppError::NotFound)?;
            let mut flags = Vec::new();
            let case_flags = model::flags_of_case(conn, case.id)?;
            let flag_ids: Vec<i64> = case_flags.iter().map(|f| f.id).collect();
            let mut notices = model::notices_of_flags(conn, &flag_ids)?;
            for flag in case_flags {
                let flagger = match flag.flagger_id {
                    Some(u) => crate::kernel::user::display_name(conn, u)?,
                    None => None,
                };
                let clause_number = clauses
                    .iter()
                    .find(|c| c.current.clause_id == flag.clause_id.0)
                    .map_or(0, |c| c.number);
                let notice = notices
                    .iter()
                    .position(|n| n.flag_id == Some(flag.id))
                    .map(|at| notices.swap_remove(at));
                flags.push(FlagRow {
                    flag,
                    flagger,
                    clause_number,
                    notice,
                });
            }
            let facts = case
                .facts
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| fact_text(lang, l))
                .collect();
            let revisions = item::versions_for_moderation(conn, &item, &moderator)?
                .into_iter()
                .map(|v| RevisionRow {
                    created_at: v.replaced_at,
                    title: v.title,
                    body: v.source,
                })
                .collect();
            let item_decisions = model::decisions_about_item(conn, item.item)?;
            let item_decisions = decision_rows(conn, lang, item_decisions)?;
            let author_decisions = model::decisions_about_author(conn, item.author_id)?
                .into_iter()
                .filter(|d| d.item() != Some(item.item))
                .collect();
            let author_decisions = decision_rows(conn, lang, author_decisions)?;
            let (appealed, appeal_text, own_decision) = match case.appeal_id {
                Some(appeal_id) => {
                    let appeal = model::appeal_by_id(conn, appeal_id)?.ok_or(AppError::NotFound)?;
                    let decision = model::find_decision(conn, appeal.decision_id)?
                        .ok_or(AppError::NotFound)?;
                    let own = decision.moderator_id == Some(moderator.id);
                    let row = decision_rows(conn, lang, vec![decision])?.pop();
                    (row, appeal.text, own)
                }
                None if case.kind == model::CASE_REPORT_APPEAL => {
                    let appeals = model::report_appeals_of_case(conn, case.id)?;
                    let first = appeals.first().ok_or(AppError::NotFound)?;
                    let decision =
                        model::find_decision(conn, first.decision_id)?.ok_or(AppError::NotFound)?;
                    let own = decision.moderator_id == Some(moderator.id);
                    let row = decision_rows(conn, lang, vec![decision])?.pop();
                    let texts: Vec<String> = appeals.into_iter().map(|a| a.text).collect();
                    (row, texts.join("\n\n"), own)
                }
                None => (None, String::new(), false),
            };
            let outcome = match case.decision_id {
                Some(d) => {
                    let decision = model::find_decision(conn, d)?.ok_or(AppError::NotFound)?;
                    decision_rows(conn, lang, vec![decision])?.pop()
                }
                None => None,
            };
            let text = item.shown(Some(&moderator)).text;
            Ok(CaseData {
                case,
                text,
                item,
                clause,
                clauses,
                flags,
                facts,
                revisions,
                item_decisions,
                author_decisions,
                appealed,
                appeal_text,
                own_decision,
                outcome,
            })
        })
        .await?;
    render_status(status, &loaded.into_page(ctx, form))
}

pub async fn show_case(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<CaseId>,
) -> Result<HttpResponse, AppError> {
    is_moderator(&user)?;
    case_page(
        &state,
        ctx,
        &user,
        path.into_inner(),
        DecideForm::default(),
        StatusCode::OK,
    )
    .await
}

/// The form as sent. "warn" or "suspend" sent as the content action (as
/// forms before the split did) means: leave the content, act on the author.
fn read_form(form: &FormData) -> DecideForm {
    let (action, author_action) = match form.get("action") {
        legacy @ ("warn" | "suspend") => ("keep".to_string(), legacy.to_string()),
        action => (action.to_string(), form.get("author_action").to_string()),
    };
    DecideForm {
        action,
        author_action,
        clause: form.get("clause").parse::<ClauseId>().ok(),
        reason: form.text("reason"),
        facts: form.get("facts").trim().to_string(),
        redact: form.get("redact").to_string(),
        days: form.get("days").trim().to_string(),
        unfounded: form.get("unfounded") == "yes",
        errors: FieldErrors::default(),
    }
}

pub async fn decide(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<CaseId>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    is_moderator(&user)?;
    let id = path.into_inner();
    let checker = user.clone();
    let (case, _) = state
        .db
        .run(move |conn| decidable(conn, &checker, id))
        .await?;
    let lock_version = form.get("lock_version").parse::<i32>().unwrap_or(-1);
    let clauses = clauses(&state).await?;
    let mut input = read_form(&form);
    // Without script, choosing another clause and asking for its actions
    // shows the form again with them; nothing is decided.
    if form.get("refresh") == "1" {
        return case_page(&state, ctx, &user, id, input, StatusCode::OK).await;
    }
    check_length(
        &mut input.errors,
        ctx.lang,
        "reason",
        &input.reason,
        0,
        model::REASON_MAX,
    );
    check_length(
        &mut input.errors,
        ctx.lang,
        "facts",
        &input.facts,
        0,
        model::REASON_MAX,
    );
    let is_appeal = case.is_appeal();
    let clause = input
        .clause
        .and_then(|c| clauses.iter().find(|x| x.current.clause_id == c.0))
        .cloned();
    if !is_appeal && clause.is_none() {
        // Principle 1: no clause, no action.
        input
            .errors
            .add("clause", ctx.t("moderation-clause-required"));
    }
    let days = if input.days.is_empty() {
        model::DEFAULT_DAYS
    } else {
        match input.days.parse::<i64>() {
            Ok(d) if (1..=model::MAX_DAYS).contains(&d) => d,
            _ => {
                input.errors.add("days", ctx.t("moderation-days-invalid"));
                model::DEFAULT_DAYS
            }
        }
    };
    let content = ContentAction::parse(&input.action);
    let author = AuthorAction::parse(&input.author_action);
    if is_appeal {
        if !matches!(input.action.as_str(), "uphold" | "reverse") {
            input
                .errors
                .add("action", ctx.t("moderation-action-required"));
        }
        if input.reason.trim().is_empty() {
            input
                .errors
                .add("reason", ctx.t("moderation-reason-required"));
        }
    } else {
        if content.is_none() {
            input
                .errors
                .add("action", ctx.t("moderation-action-required"));
        }
        if author.is_none() && !input.author_action.is_empty() {
            input
                .errors
                .add("author_action", ctx.t("moderation-action-required"));
        }
    }
    if !input.errors.is_empty() {
        return case_page(
            &state,
            ctx,
            &user,
            id,
            input,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let moderator = user.id;
    let lang = ctx.lang;
    let base_url = state.config.base_url.clone();
    let choice = match (clause, content) {
        (Some(clause), Some(content)) => Some(DecisionChoice {
            content,
            author,
            clause,
            reason: input.reason.clone(),
            facts: input.facts.clone(),
            redact: input.redact.clone(),
            days,
            unfounded: input.unfounded,
        }),
        _ => None,
    };
    let reverse = input.action == "reverse";
    let reason = input.reason.clone();
    let result = state
        .db
        .write(
            move |conn| -> Result<Result<DecisionId, Refusal>, AppError> {
                let case = model::find_case(conn, id)?.ok_or(AppError::NotFound)?;
                let decided = if is_appeal {
                    model::decide_appeal(conn, moderator, &case, lock_version, reverse, &reason)?
                } else {
                    match &choice {
                        Some(choice) => {
                            let decided =
                                model::decide(conn, moderator, &case, lock_version, choice)?;
                            if let (Ok((decision, _)), true) = (&decided, choice.unfounded) {
                                let measures = model::misuse::review_reporters_of(
                                    conn,
                                    crate::config::policy(),
                                    *decision,
                                    crate::db::now(),
                                )?;
                                emails::send_measures(conn, lang, &base_url, &measures)?;
                            }
                            decided
                        }
                        None => return Err(AppError::BadRequest("moderation-action-required")),
                    }
                };
                emails::send_outcome(conn, lang, &base_url, decided)
            },
        )
        .await?;
    match result {
        Ok(_) => {
            state.outbox_signal.notify_one();
            session::flash(&session, FlashKind::Success, "moderation-decided");
            Ok(redirect("/moderation"))
        }
        Err(Refusal::AlreadyDecided) => {
            session::flash(&session, FlashKind::Error, "moderation-already-decided");
            Ok(redirect(&format!("/moderation/cases/{id}")))
        }
        Err(refusal) => {
            input.errors.add("action", ctx.t(refusal_key(&refusal)));
            case_page(
                &state,
                ctx,
                &user,
                id,
                input,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

pub async fn restore(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<DecisionId>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    is_moderator(&user)?;
    let id = path.into_inner();
    let decision = state
        .db
        .run(move |conn| model::find_decision(conn, id).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)?;
    can_decide(&user, decision.company_id, decision.author_id)?;
    let reason = form.text("reason");
    if reason.is_empty() || reason.chars().count() > model::REASON_MAX {
        session::flash(&session, FlashKind::Error, "moderation-reason-required");
        return Ok(back_to_case(&decision));
    }
    let moderator = user.id;
    let lang = ctx.lang;
    let base_url = state.config.base_url.clone();
    let back = back_to_case(&decision);
    let result = state
        .db
        .write(
            move |conn| -> Result<Result<DecisionId, Refusal>, AppError> {
                let decision = model::find_decision(conn, id)?.ok_or(AppError::NotFound)?;
                let restored = model::restore(conn, moderator, &decision, &reason)?;
                emails::send_outcome(conn, lang, &base_url, restored)
            },
        )
        .await?;
    match result {
        Ok(_) => {
            state.outbox_signal.notify_one();
            session::flash(&session, FlashKind::Success, "moderation-restored");
        }
        Err(refusal) => session::flash(&session, FlashKind::Error, refusal_key(&refusal)),
    }
    Ok(back)
}

fn back_to_case(decision: &model::Decision) -> HttpResponse {
    match decision.case_id {
        Some(case) => redirect(&format!("/moderation/cases/{case}")),
        None => redirect("/moderation"),
    }
}
