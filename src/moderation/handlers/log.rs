//! The public moderation log and the transparency figures: what was done,
//! under which clause, how often — without anyone's words or names.

use actix_web::{web, HttpResponse};
use chrono::Duration;

use crate::db::now;
use crate::kernel::error::AppError;
use crate::kernel::ids::{CompanyId, DecisionId};
use crate::moderation::figures;
use crate::moderation::guidelines;
use crate::moderation::handlers::Query;
use crate::moderation::model;
use crate::moderation::views::{
    item_name, LogPage, LogRow, MonthRow, RightsFigures, TransparencyPage,
};
use crate::state::AppState;
use crate::web::layout::{render, Page};

const LOG_PAGE: i64 = 50;

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
                        "reply" => "reply",
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
    let (decisions, flags, clauses, fairness, rights) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let decisions = model::decisions_since(conn, since)?;
            let flags = model::decided_flags_since(conn, since)?;
            let fairness = crate::verification::model::fairness(conn, since)?;
            let rights = RightsFigures {
                notices: model::counts_by_ground(conn, since)?,
                report_appeals: model::report_appeal_counts(conn, since)?,
                measures: model::misuse::measure_counts(conn, since)?,
            };
            Ok((
                decisions,
                flags,
                guidelines::all_clauses(conn)?,
                fairness,
                rights,
            ))
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
    // A decision that acted on the content and on its author counts in both
    // columns.
    let by_action_pairs: Vec<(String, String)> = decisions
        .iter()
        .flat_map(|d| {
            let content = (month(d), d.action.clone());
            let author = d.author_action.clone().map(|a| (month(d), a));
            std::iter::once(content).chain(author)
        })
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
        rights,
        policy: crate::config::policy().clone(),
        ctx,
    })
}

const ACTION_ORDER: [&str; 14] = [
    "hold",
    "release",
    "dismiss",
    "keep",
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
