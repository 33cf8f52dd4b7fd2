//! Moderation's pages, a file per page family: the guidelines, flagging,
//! the queue and case pages (deciding, restoring), notifications with
//! statements and appeals, and the public log and transparency figures.

pub mod cases;
pub mod flags;
pub mod guidelines;
pub mod log;
pub mod notifications;
pub mod queue;

use std::collections::HashMap;

use actix_web::web;

use crate::db::DbConn;
use crate::kernel::error::AppError;
use crate::kernel::i18n::Lang;
use crate::moderation::guidelines::{self as clauses_model, Clause};
use crate::moderation::model::{self, Refusal};
use crate::moderation::views::{statement, DecisionRow};
use crate::state::AppState;

pub type Query = web::Query<HashMap<String, String>>;

pub async fn clauses(state: &AppState) -> Result<Vec<Clause>, AppError> {
    state
        .db
        .run(|conn| clauses_model::all_clauses(conn).map_err(AppError::from))
        .await
}

pub fn refusal_key(refusal: &Refusal) -> &'static str {
    match refusal {
        Refusal::AlreadyDecided => "moderation-already-decided",
        Refusal::NotAllowed => "moderation-action-not-allowed",
        Refusal::DismissWithAuthorAction => "moderation-dismiss-with-author-action",
        Refusal::NotHeld => "moderation-release-not-held",
        Refusal::RedactionNotFound => "moderation-redaction-not-found",
        Refusal::OwnDecision => "moderation-appeal-own-decision",
        Refusal::OwnContent => "moderation-own-content",
    }
}

/// What the statements call an item: "thread", "post", "review", "reply".
pub fn kind_name_of(
    conn: &mut DbConn,
    decision: &model::Decision,
) -> Result<&'static str, AppError> {
    let loaded = match decision.item() {
        Some(item) => crate::kernel::item::load(conn, item)?,
        None => None,
    };
    Ok(loaded.map_or("post", |i| i.kind_name()))
}

pub fn decision_rows(
    conn: &mut DbConn,
    lang: Lang,
    decisions: Vec<model::Decision>,
    clauses: &[Clause],
) -> Result<Vec<DecisionRow>, AppError> {
    let mut rows = Vec::with_capacity(decisions.len());
    for decision in decisions {
        let version = clauses_model::version_by_id(conn, decision.guideline_version_id)?
            .ok_or(AppError::NotFound)?;
        let number = clauses
            .iter()
            .find(|c| c.current.clause_id == decision.clause_id.0)
            .map_or(0, |c| c.number);
        let kind = kind_name_of(conn, &decision)?;
        let moderator = match decision.moderator_id {
            Some(id) => crate::kernel::user::display_name(conn, id)?,
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
