//! Moderation's pages, a file per page family: the guidelines, flagging,
//! the queue and case pages (deciding, restoring), notifications with
//! statements and appeals, the public log and transparency figures, and
//! the administrators' watched words.

pub mod cases;
pub mod flags;
pub mod guidelines;
pub mod log;
pub mod measures;
pub mod notices;
pub mod notifications;
pub mod queue;
pub mod watched;

use std::collections::HashMap;

use actix_web::web;

use crate::db::DbConn;
use crate::kernel::error::AppError;
use crate::kernel::i18n::Lang;
use crate::moderation::guidelines::{self as clauses_model, Clause};
use crate::moderation::model::{self, Refusal};
use crate::moderation::views::{statement_of, DecisionRow};
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

pub fn decision_rows(
    conn: &mut DbConn,
    lang: Lang,
    decisions: Vec<model::Decision>,
) -> Result<Vec<DecisionRow>, AppError> {
    let mut rows = Vec::with_capacity(decisions.len());
    for decision in decisions {
        let moderator = match decision.moderator_id {
            Some(id) => crate::kernel::user::display_name(conn, id)?,
            None => None,
        };
        rows.push(DecisionRow {
            statement: statement_of(conn, lang, &decision, false)?,
            decision,
            moderator,
        });
    }
    Ok(rows)
}
