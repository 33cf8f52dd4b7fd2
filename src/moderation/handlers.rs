//! Moderation pages: guidelines, flagging, the queue and case pages,
//! restore, notifications with statements and appeals, the public log, the
//! transparency figures, and the admin's clause editor.

use std::collections::HashMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::Duration;

use crate::db::now;
use crate::kernel::error::AppError;
use crate::kernel::i18n::Lang;
use crate::kernel::ids::{CaseId, ClauseId, CompanyId, DecisionId};
use crate::kernel::user::can_administer;
use crate::kernel::user::CurrentUser;
use crate::moderation::guidelines::{self, Clause, ClauseText};
use crate::moderation::model::{self, Choice as DecisionChoice, FlagOutcome, ItemKind, Refusal};
use crate::moderation::permissions::{can_flag, can_moderate, is_moderator};
use crate::moderation::views::*;
use crate::moderation::{emails, figures};
use crate::state::AppState;
use crate::web::form::{check_length, FieldErrors, FormData};
use crate::web::layout::{redirect, render, render_status, Page};
use crate::web::session::{self, FlashKind};
use crate::web::throttle::{self, POSTS_PER_ACCOUNT};

type Query = web::Query<HashMap<String, String>>;

/// The queue shows the most urgent cases; the filters narrow it.
const QUEUE_LIMIT: i64 = 50;
const LOG_PAGE: i64 = 50;

async fn clauses(state: &AppState) -> Result<Vec<Clause>, AppError> {
    state
        .db
        .run(|conn| guidelines::all_clauses(conn).map_err(AppError::from))
        .await
}

pub async fn guidelines_page(
    state: web::Data<AppState>,
    Page(ctx): Page,
) -> Result<HttpResponse, AppError> {
    let clauses = clauses(&state).await?;
    render(&GuidelinesPage { ctx, clauses })
}

// ---- flags ---------------------------------------------------------------

fn item_ref(path: &(String, i64)) -> Result<(ItemKind, i64), AppError> {
    let kind = ItemKind::parse(&path.0).ok_or(AppError::NotFound)?;
    Ok((kind, path.1))
}

async fn load_item(state: &AppState, kind: ItemKind, id: i64) -> Result<model::Item, AppError> {
    state
        .db
        .run(move |conn| model::load_item(conn, kind, id).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn flag_form(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, AppError> {
    can_flag(&user)?;
    let (kind, id) = item_ref(&path)?;
    let item = load_item(&state, kind, id).await?;
    let clauses = clauses(&state).await?;
    render(&FlagPage {
        ctx,
        item,
        clauses,
        chosen: None,
        note: String::new(),
        errors: FieldErrors::default(),
    })
}

pub async fn flag(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<(String, i64)>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    can_flag(&user)?;
    let (kind, id) = item_ref(&path)?;
    let item = load_item(&state, kind, id).await?;
    let clauses = clauses(&state).await?;
    let chosen = form.get("clause").parse::<ClauseId>().ok();
    let note = form.text("note");
    let mut errors = FieldErrors::default();
    let clause = chosen.and_then(|c| clauses.iter().find(|x| x.current.clause_id == c.0));
    if clause.is_none() {
        errors.add("clause", ctx.t("flag-clause-required"));
    }
    check_length(&mut errors, ctx.lang, "note", &note, 0, model::NOTE_MAX);
    let Some(clause) = clause.cloned().filter(|_| errors.is_empty()) else {
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &FlagPage {
                ctx,
                item,
                clauses,
                chosen,
                note,
                errors,
            },
        );
    };
    throttle::ensure_allowed(&state.db, &POSTS_PER_ACCOUNT, user.id.to_string()).await?;
    let from_company_staff = item.company_id.is_some_and(|c| user.is_staff_of(c));
    let link = item.link.clone();
    let flagger = user.id;
    let outcome = state
        .db
        .write(move |conn| -> Result<FlagOutcome, AppError> {
            throttle::record(conn, &POSTS_PER_ACCOUNT, &flagger.to_string(), now())?;
            let new = model::NewFlag {
                item: &item,
                clause: &clause,
                flagger,
                from_company_staff,
                note: &note,
            };
            Ok(model::flag(conn, &new)?)
        })
        .await?;
    let key = match outcome {
        FlagOutcome::Opened => "flag-received",
        FlagOutcome::AlreadyOpen => "flag-already-open",
        FlagOutcome::AlreadyReviewed => "flag-already-reviewed",
    };
    session::flash(&session, FlashKind::Success, key);
    Ok(redirect(&link))
}

// ---- the queue -----------------------------------------------------------

pub async fn queue(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    query: Query,
) -> Result<HttpResponse, AppError> {
    is_moderator(&user)?;
    let kind = query
        .get("kind")
        .filter(|k| model::CASE_KINDS.contains(&k.as_str()))
        .cloned()
        .unwrap_or_default();
    let company = query
        .get("company")
        .and_then(|c| c.parse::<CompanyId>().ok());
    let clause = query.get("clause").and_then(|c| c.parse::<ClauseId>().ok());
    let filter = model::QueueFilter {
        kind: (!kind.is_empty()).then(|| kind.clone()),
        company,
        clause,
    };
    let exclude = user.staff_of.clone();
    let lang = ctx.lang;
    let (rows, clauses, companies) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let clauses = guidelines::all_clauses(conn)?;
            let cases = model::queue(conn, &filter, &exclude, QUEUE_LIMIT)?;
            let refs: Vec<(ItemKind, i64)> =
                cases.iter().map(|c| (c.item_kind(), c.item_id)).collect();
            let items = model::load_items(conn, &refs)?;
            let ids: Vec<CaseId> = cases.iter().map(|c| c.id).collect();
            let flags = model::flags_of_cases(conn, &ids)?;
            let at = now();
            let mut rows = Vec::with_capacity(cases.len());
            for case in cases {
                let item = items
                    .iter()
                    .find(|i| i.kind == case.item_kind() && i.id == case.item_id)
                    .cloned();
                let mine = flags.iter().filter(|(c, _, _)| *c == Some(case.id));
                let flag_count = mine.clone().filter(|(_, automatic, _)| !automatic).count();
                let from_company = mine.clone().any(|(_, _, company)| *company);
                let clause = clauses
                    .iter()
                    .find(|c| c.current.clause_id == case.clause_id.0);
                let excerpt = item
                    .as_ref()
                    .map_or(String::new(), |i| excerpt(&i.body_source));
                rows.push(QueueRow {
                    excerpt,
                    clause_number: clause.map_or(0, |c| c.number),
                    clause_title: clause.map_or(String::new(), |c| c.title(lang).to_string()),
                    flag_count,
                    from_company,
                    waited_secs: (at - case.opened_at).num_seconds().max(0),
                    item,
                    case,
                });
            }
            let companies = crate::companies::model::all_company_names(conn)?;
            Ok((rows, clauses, companies))
        })
        .await?;
    render(&QueuePage {
        ctx,
        rows,
        clauses,
        companies,
        kind,
        company,
        clause,
    })
}

/// The first words of a text, for a queue row.
fn excerpt(text: &str) -> String {
    const CHARS: usize = 120;
    let mut out: String = text.chars().take(CHARS).collect();
    if text.chars().count() > CHARS {
        out.push('…');
    }
    out
}

fn decision_rows(
    conn: &mut crate::db::DbConn,
    lang: Lang,
    decisions: Vec<model::Decision>,
    clauses: &[Clause],
) -> Result<Vec<DecisionRow>, AppError> {
    let mut rows = Vec::with_capacity(decisions.len());
    for decision in decisions {
        let version = guidelines::version_by_id(conn, decision.guideline_version_id)?
            .ok_or(AppError::NotFound)?;
        let number = clauses
            .iter()
            .find(|c| c.current.clause_id == decision.clause_id.0)
            .map_or(0, |c| c.number);
        let kind = model::load_item(conn, decision.item_kind(), decision.item_id)?
            .map_or("post", |i| i.kind_name());
        let moderator = match decision.moderator_id {
            Some(id) => crate::accounts::model::find_by_id(conn, id)?.map(|u| u.display_name),
            None => None,
        };
        rows.push(DecisionRow {
            statement: statement(lang, &decision, kind, number, &version, false),
            decision,
            moderator,
        });
    }
    Ok(rows)
}

fn revision_rows(
    conn: &mut crate::db::DbConn,
    item: &model::Item,
) -> Result<Vec<RevisionRow>, AppError> {
    Ok(match item.kind {
        ItemKind::Post => {
            crate::forum::model::revisions(conn, crate::kernel::ids::PostId(item.id))?
                .into_iter()
                .map(|r| RevisionRow {
                    created_at: r.created_at,
                    title: r.title,
                    body: r.body_source,
                })
                .collect()
        }
        ItemKind::Review => {
            crate::reviews::model::review_revisions(conn, crate::kernel::ids::ReviewId(item.id))?
                .into_iter()
                .map(|r| RevisionRow {
                    created_at: r.created_at,
                    title: Some(r.title),
                    body: r.body_source,
                })
                .collect()
        }
    })
}

async fn case_page(
    state: &AppState,
    ctx: crate::web::layout::PageCtx,
    user: &CurrentUser,
    id: CaseId,
    form: DecideForm,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let me = user.id;
    let staff_of = user.staff_of.clone();
    let page = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let case = model::find_case(conn, id)?.ok_or(AppError::NotFound)?;
            if case.company_id.is_some_and(|c| staff_of.contains(&c)) {
                return Err(AppError::Denied("moderation-conflict-of-interest"));
            }
            let item = model::load_item(conn, case.item_kind(), case.item_id)?
                .ok_or(AppError::NotFound)?;
            let clauses = guidelines::all_clauses(conn)?;
            let clause = clauses
                .iter()
                .find(|c| c.current.clause_id == case.clause_id.0)
                .cloned()
                .ok_or(AppError::NotFound)?;
            let mut flags = Vec::new();
            for flag in model::flags_of_case(conn, case.id)? {
                let flagger = match flag.flagger_id {
                    Some(u) => crate::accounts::model::find_by_id(conn, u)?.map(|u| u.display_name),
                    None => None,
                };
                let clause_number = clauses
                    .iter()
                    .find(|c| c.current.clause_id == flag.clause_id.0)
                    .map_or(0, |c| c.number);
                flags.push(FlagRow {
                    flag,
                    flagger,
                    clause_number,
                });
            }
            let facts = case
                .facts
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| fact_text(lang, l))
                .collect();
            let revisions = revision_rows(conn, &item)?;
            let item_decisions = model::decisions_about_item(conn, item.kind, item.id)?;
            let item_decisions = decision_rows(conn, lang, item_decisions, &clauses)?;
            let author_decisions = model::decisions_about_author(conn, item.author_id)?
                .into_iter()
                .filter(|d| !(d.item_kind == item.kind.as_str() && d.item_id == item.id))
                .collect();
            let author_decisions = decision_rows(conn, lang, author_decisions, &clauses)?;
            let (appealed, appeal_text, own_decision) = match case.appeal_id {
                Some(appeal_id) => {
                    let appeal = model::appeal_by_id(conn, appeal_id)?.ok_or(AppError::NotFound)?;
                    let decision = model::find_decision(conn, appeal.decision_id)?
                        .ok_or(AppError::NotFound)?;
                    let own = decision.moderator_id == Some(me);
                    let row = decision_rows(conn, lang, vec![decision], &clauses)?.pop();
                    (row, appeal.text, own)
                }
                None => (None, String::new(), false),
            };
            let outcome = match case.decision_id {
                Some(d) => {
                    let decision = model::find_decision(conn, d)?.ok_or(AppError::NotFound)?;
                    decision_rows(conn, lang, vec![decision], &clauses)?.pop()
                }
                None => None,
            };
            Ok((
                case,
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
            ))
        })
        .await?;
    let (
        case,
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
    ) = page;
    render_status(
        status,
        &CasePage {
            ctx,
            case,
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
            form,
        },
    )
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

fn refusal_key(refusal: &Refusal) -> &'static str {
    match refusal {
        Refusal::AlreadyDecided => "moderation-already-decided",
        Refusal::NotAllowed => "moderation-action-not-allowed",
        Refusal::RedactionNotFound => "moderation-redaction-not-found",
        Refusal::OwnDecision => "moderation-appeal-own-decision",
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
    let case = state
        .db
        .run(move |conn| model::find_case(conn, id).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)?;
    can_moderate(&user, case.company_id)?;
    let lock_version = form.get("lock_version").parse::<i32>().unwrap_or(-1);
    let clauses = clauses(&state).await?;
    let mut input = DecideForm {
        action: form.get("action").to_string(),
        clause: form.get("clause").parse::<ClauseId>().ok(),
        reason: form.text("reason"),
        facts: form.get("facts").trim().to_string(),
        redact: form.get("redact").to_string(),
        days: form.get("days").trim().to_string(),
        errors: FieldErrors::default(),
    };
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
    let is_appeal = case.kind == model::CASE_APPEAL;
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
    let valid_action = if is_appeal {
        matches!(input.action.as_str(), "uphold" | "reverse")
    } else {
        input.action == model::DISMISS || guidelines::Action::parse(&input.action).is_some()
    };
    if !valid_action {
        input
            .errors
            .add("action", ctx.t("moderation-action-required"));
    }
    if is_appeal && input.reason.trim().is_empty() {
        input
            .errors
            .add("reason", ctx.t("moderation-reason-required"));
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
    let choice = clause.map(|clause| DecisionChoice {
        action: input.action.clone(),
        clause,
        reason: input.reason.clone(),
        facts: input.facts.clone(),
        redact: input.redact.clone(),
        days,
    });
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
                            model::decide(conn, moderator, &case, lock_version, choice)?
                        }
                        None => return Err(AppError::BadRequest("clause")),
                    }
                };
                match decided {
                    Ok((decision, recipients)) => {
                        emails::send(conn, lang, &base_url, &recipients)?;
                        Ok(Ok(decision))
                    }
                    Err(refusal) => Ok(Err(refusal)),
                }
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
    can_moderate(&user, decision.company_id)?;
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
                match model::restore(conn, moderator, &decision, &reason)? {
                    Ok((restored, recipients)) => {
                        emails::send(conn, lang, &base_url, &recipients)?;
                        Ok(Ok(restored))
                    }
                    Err(refusal) => Ok(Err(refusal)),
                }
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

// ---- notifications, statements, appeals ----------------------------------

pub async fn notifications(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let me = user.id;
    let rows = state
        .db
        .run(move |conn| -> Result<Vec<NotificationRow>, AppError> {
            let clauses = guidelines::all_clauses(conn)?;
            let mut rows = Vec::new();
            for (notification, decision) in model::notifications_of(conn, me)? {
                let version = guidelines::version_by_id(conn, decision.guideline_version_id)?
                    .ok_or(AppError::NotFound)?;
                let number = clauses
                    .iter()
                    .find(|c| c.current.clause_id == decision.clause_id.0)
                    .map_or(0, |c| c.number);
                let kind = model::load_item(conn, decision.item_kind(), decision.item_id)?
                    .map_or("post", |i| i.kind_name());
                let for_flagger = notification.kind == model::NOTIFY_FLAG_OUTCOME;
                rows.push(NotificationRow {
                    decision_id: decision.id.0,
                    unread: notification.read_at.is_none(),
                    created_at: notification.created_at,
                    statement: statement(lang, &decision, kind, number, &version, for_flagger),
                });
            }
            Ok(rows)
        })
        .await?;
    render(&NotificationsPage { ctx, rows })
}

async fn statement_page(
    state: &AppState,
    ctx: crate::web::layout::PageCtx,
    user: &CurrentUser,
    id: DecisionId,
    appeal_text: String,
    errors: FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let me = user.id;
    let moderator = user.is_moderator;
    let staff_of = user.staff_of.clone();
    let (decision, statement, item_link, is_author) = state
        .db
        .write(move |conn| -> Result<_, AppError> {
            let decision = model::find_decision(conn, id)?.ok_or(AppError::NotFound)?;
            let is_author = decision.author_id == me;
            let notified = model::was_notified(conn, me, id)?;
            let neutral_moderator =
                moderator && !decision.company_id.is_some_and(|c| staff_of.contains(&c));
            if !is_author && !notified && !neutral_moderator {
                return Err(AppError::NotFound);
            }
            model::mark_read(conn, me, id)?;
            let version = guidelines::version_by_id(conn, decision.guideline_version_id)?
                .ok_or(AppError::NotFound)?;
            let number =
                guidelines::clause_by_id(conn, decision.clause_id.0)?.map_or(0, |c| c.number);
            let item = model::load_item(conn, decision.item_kind(), decision.item_id)?;
            let kind = item.as_ref().map_or("post", |i| i.kind_name());
            let link = item.as_ref().map_or(String::new(), |i| i.link.clone());
            let for_flagger = !is_author && notified;
            let statement = statement(lang, &decision, kind, number, &version, for_flagger);
            Ok((decision, statement, link, is_author))
        })
        .await?;
    let can_appeal = is_author && decision.is_appealable();
    render_status(
        status,
        &StatementPage {
            ctx,
            decision,
            statement,
            item_link,
            is_author,
            can_appeal,
            appeal_text,
            errors,
        },
    )
}

pub async fn show_statement(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<DecisionId>,
) -> Result<HttpResponse, AppError> {
    statement_page(
        &state,
        ctx,
        &user,
        path.into_inner(),
        String::new(),
        FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn appeal(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<DecisionId>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let text = form.text("text");
    let mut errors = FieldErrors::default();
    check_length(&mut errors, ctx.lang, "text", &text, 10, model::APPEAL_MAX);
    if !errors.is_empty() {
        return statement_page(
            &state,
            ctx,
            &user,
            id,
            text,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let me = user.id;
    let accepted = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            let decision = model::find_decision(conn, id)?.ok_or(AppError::NotFound)?;
            if decision.author_id != me {
                return Err(AppError::NotFound);
            }
            Ok(model::appeal(conn, me, &decision, &text)?)
        })
        .await?;
    if accepted {
        session::flash(&session, FlashKind::Success, "appeal-received");
    } else {
        session::flash(&session, FlashKind::Error, "appeal-not-possible");
    }
    Ok(redirect(&format!("/notifications/{id}")))
}

// ---- the public log and the transparency page -----------------------------

pub async fn log(
    state: web::Data<AppState>,
    Page(ctx): Page,
    query: Query,
) -> Result<HttpResponse, AppError> {
    let before = query
        .get("before")
        .and_then(|b| b.parse::<DecisionId>().ok());
    let lang = ctx.lang;
    let (rows, next) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let decisions = model::log_page(conn, before, LOG_PAGE + 1)?;
            let clauses = guidelines::all_clauses(conn)?;
            let company_ids: Vec<CompanyId> =
                decisions.iter().filter_map(|d| d.company_id).collect();
            let names = model::company_names(conn, &company_ids)?;
            let post_ids: Vec<i64> = decisions
                .iter()
                .filter(|d| d.item_kind == "post")
                .map(|d| d.item_id)
                .collect();
            let openings = model::opening_posts(conn, &post_ids)?;
            let next = (decisions.len() as i64 > LOG_PAGE)
                .then(|| decisions.get(LOG_PAGE as usize - 1).map(|d| d.id.0))
                .flatten();
            let rows = decisions
                .into_iter()
                .take(LOG_PAGE as usize)
                .map(|d| {
                    let kind = match d.item_kind.as_str() {
                        "post" if openings.contains(&d.item_id) => "thread",
                        "post" => "post",
                        _ => "review",
                    };
                    let clause = clauses
                        .iter()
                        .find(|c| c.current.clause_id == d.clause_id.0)
                        .map_or(String::new(), |c| {
                            format!("{}. {}", c.number, c.title(lang))
                        });
                    LogRow {
                        date: d.created_at,
                        item: item_name(lang, kind),
                        company: d
                            .company_id
                            .and_then(|c| names.iter().find(|(id, _)| *id == c))
                            .map_or(String::new(), |(_, n)| n.clone()),
                        clause,
                        action: crate::kernel::i18n::tr(lang, &format!("action-{}", d.action)),
                        automatic: d.automatic,
                        appeal: d.appeal_status.as_deref().map_or(String::new(), |s| {
                            crate::kernel::i18n::tr(lang, &format!("appeal-status-{s}"))
                        }),
                    }
                })
                .collect::<Vec<_>>();
            Ok((rows, next))
        })
        .await?;
    render(&LogPage { ctx, rows, next })
}

/// Figures over the last twelve months.
pub async fn transparency(
    state: web::Data<AppState>,
    Page(ctx): Page,
) -> Result<HttpResponse, AppError> {
    let since = now() - Duration::days(366);
    let (decisions, flags, clauses, fairness) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let decisions = model::decisions_since(conn, since)?;
            let flags = model::decided_flags_since(conn, since)?;
            let fairness = crate::verification::model::fairness(conn, since)?;
            Ok((decisions, flags, guidelines::all_clauses(conn)?, fairness))
        })
        .await?;
    let figures = figures::compute(&decisions, &flags);
    let month = |d: &model::Decision| d.created_at.format("%Y-%m").to_string();
    let clause_columns: Vec<String> = clauses.iter().map(|c| c.number.to_string()).collect();
    let number_of = |d: &model::Decision| {
        clauses
            .iter()
            .find(|c| c.current.clause_id == d.clause_id.0)
            .map_or(String::new(), |c| c.number.to_string())
    };
    let by_clause_pairs: Vec<(String, String)> =
        decisions.iter().map(|d| (month(d), number_of(d))).collect();
    let action_columns: Vec<String> = ACTION_ORDER.iter().map(|a| a.to_string()).collect();
    let by_action_pairs: Vec<(String, String)> = decisions
        .iter()
        .map(|d| (month(d), d.action.clone()))
        .collect();
    let rows = |pairs: &[(String, String)], columns: &[String]| {
        figures::tabulate(pairs, columns)
            .into_iter()
            .map(|(month, cells, total)| MonthRow {
                month,
                cells,
                total,
            })
            .collect::<Vec<_>>()
    };
    render(&TransparencyPage {
        by_clause: rows(&by_clause_pairs, &clause_columns),
        by_action: rows(&by_action_pairs, &action_columns),
        clause_headers: clauses
            .iter()
            .map(|c| format!("{}. {}", c.number, c.title(ctx.lang)))
            .collect(),
        action_headers: ACTION_ORDER
            .iter()
            .map(|a| ctx.t(&format!("action-{a}")))
            .collect(),
        figures,
        fairness,
        ctx,
    })
}

const ACTION_ORDER: [&str; 13] = [
    "hold",
    "release",
    "dismiss",
    "redact",
    "hide",
    "ask_edit",
    "warn",
    "suspend",
    "restore",
    "verified",
    "not_verified",
    "upheld",
    "reversed",
];

// ---- admin: editing clauses ----------------------------------------------

pub async fn admin_guidelines(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
) -> Result<HttpResponse, AppError> {
    can_administer(&user)?;
    let clauses = clauses(&state).await?;
    render(&AdminGuidelinesPage { ctx, clauses })
}

fn text_of(clause: &Clause) -> ClauseText {
    let v = &clause.current;
    ClauseText {
        severity: v.severity,
        actions: v.actions.clone(),
        title: [v.title_en.clone(), v.title_sv.clone(), v.title_da.clone()],
        explanation: [
            v.explanation_en.clone(),
            v.explanation_sv.clone(),
            v.explanation_da.clone(),
        ],
        examples: [
            v.examples_en.clone(),
            v.examples_sv.clone(),
            v.examples_da.clone(),
        ],
    }
}

async fn clause_page(
    state: &AppState,
    ctx: crate::web::layout::PageCtx,
    id: ClauseId,
    text: Option<ClauseText>,
    errors: FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (clause, versions) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let clause = guidelines::clause_by_id(conn, id.0)?.ok_or(AppError::NotFound)?;
            let versions = guidelines::versions(conn, id.0)?;
            Ok((clause, versions))
        })
        .await?;
    let text = text.unwrap_or_else(|| text_of(&clause));
    render_status(
        status,
        &AdminClausePage {
            ctx,
            clause,
            text,
            versions,
            errors,
        },
    )
}

pub async fn admin_clause(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<ClauseId>,
) -> Result<HttpResponse, AppError> {
    can_administer(&user)?;
    clause_page(
        &state,
        ctx,
        path.into_inner(),
        None,
        FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn save_clause(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<ClauseId>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    can_administer(&user)?;
    let id = path.into_inner();
    let field = |name: &str, lang: Lang| form.text(&format!("{name}_{}", lang.code()));
    let langs = Lang::ALL;
    let actions: Vec<&str> = form
        .all("actions")
        .into_iter()
        .filter(|a| guidelines::Action::parse(a).is_some())
        .collect();
    let text = ClauseText {
        severity: form.get("severity").parse::<i32>().unwrap_or(0),
        actions: actions.join(","),
        title: langs.map(|l| field("title", l)),
        explanation: langs.map(|l| field("explanation", l)),
        examples: langs.map(|l| {
            form.get(&format!("examples_{}", l.code()))
                .trim()
                .to_string()
        }),
    };
    let mut errors = FieldErrors::default();
    if !(1..=3).contains(&text.severity) {
        errors.add("severity", ctx.t("guideline-severity-invalid"));
    }
    if actions.is_empty() {
        errors.add("actions", ctx.t("guideline-actions-required"));
    }
    for (i, lang) in langs.iter().enumerate() {
        let (title, explanation): (&'static str, &'static str) = match lang {
            Lang::En => ("title_en", "explanation_en"),
            Lang::Sv => ("title_sv", "explanation_sv"),
            Lang::Da => ("title_da", "explanation_da"),
        };
        check_length(&mut errors, ctx.lang, title, &text.title[i], 3, 200);
        check_length(
            &mut errors,
            ctx.lang,
            explanation,
            &text.explanation[i],
            10,
            4000,
        );
    }
    if !errors.is_empty() {
        return clause_page(
            &state,
            ctx,
            id,
            Some(text),
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let admin = user.id;
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            guidelines::clause_by_id(conn, id.0)?.ok_or(AppError::NotFound)?;
            guidelines::add_version(conn, id.0, &text, Some(admin))?;
            crate::accounts::model::audit(conn, Some(admin), "edit-guideline", &id.to_string())?;
            Ok(())
        })
        .await?;
    session::flash(&session, FlashKind::Success, "guideline-saved");
    Ok(redirect(&format!("/admin/guidelines/{id}")))
}
