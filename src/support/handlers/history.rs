//! The customer's history with a company, for that company's staff.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use askama::Template;

use crate::companies::model::Company;
use crate::kernel::error::AppError;
use crate::kernel::ids::{CompanyId, UserId};
use crate::kernel::user::CurrentUser;
use crate::state::AppState;
use crate::support::history::{self, History};
use crate::web::layout::{render, Page, PageCtx};

#[derive(Template)]
#[template(path = "support/history.html")]
pub struct HistoryPage {
    pub ctx: PageCtx,
    pub company: Company,
    pub customer_name: String,
    pub customer_id: UserId,
    pub history: History,
    /// Clause id → (number, title in the reader's language).
    pub clauses: Vec<(i64, i32, String)>,
}

impl HistoryPage {
    pub fn action_text(&self, action: impl AsRef<str>) -> String {
        self.ctx.t(&format!("action-{}", action.as_ref()))
    }

    pub fn clause(&self, id: &crate::kernel::ids::ClauseId) -> String {
        self.clauses
            .iter()
            .find(|(c, _, _)| *c == id.0)
            .map(|(_, n, title)| format!("{n}. {title}"))
            .unwrap_or_default()
    }
}

pub async fn page(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<UserId>,
    query: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let customer = path.into_inner();
    let company = query
        .get("company")
        .and_then(|c| c.parse::<CompanyId>().ok())
        .ok_or(AppError::BadRequest("error-400-text"))?;
    if !user.is_staff_of(company) {
        return Err(AppError::Denied("desk-staff-only"));
    }
    let ctx = super::in_company_zone(&state, ctx, company).await?;
    let lang = ctx.lang;
    let staff = user.clone();
    let (company, customer_name, history, clauses) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let company =
                crate::companies::model::find_company(conn, company)?.ok_or(AppError::NotFound)?;
            let name =
                crate::kernel::user::display_name(conn, customer)?.ok_or(AppError::NotFound)?;
            let history = history::load(conn, company.id, customer, &staff, lang)?;
            let clauses = crate::moderation::guidelines::all_clauses(conn)?
                .into_iter()
                .map(|c| {
                    (
                        c.current.clause_id,
                        c.number,
                        c.current.title(lang).to_string(),
                    )
                })
                .collect();
            Ok((company, name, history, clauses))
        })
        .await?;
    render(&HistoryPage {
        ctx,
        company,
        customer_name,
        customer_id: customer,
        history,
        clauses,
    })
}
