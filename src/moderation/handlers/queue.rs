//! The moderation queue: open cases, most severe first, then longest
//! waiting — without those about the moderator's own companies or content.

use actix_web::{web, HttpResponse};

use crate::db::now;
use crate::kernel::error::AppError;
use crate::kernel::ids::{CaseId, ClauseId, CompanyId};
use crate::kernel::item::{self, ItemRef};
use crate::kernel::user::CurrentUser;
use crate::moderation::guidelines;
use crate::moderation::handlers::Query;
use crate::moderation::model;
use crate::moderation::permissions::is_moderator;
use crate::moderation::views::{QueuePage, QueueRow};
use crate::state::AppState;
use crate::web::layout::{render, Page};

/// The queue shows the most urgent cases; the filters narrow it.
const QUEUE_LIMIT: i64 = 50;

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
    let lang = ctx.lang;
    let moderator = user.clone();
    let (rows, clauses, companies, measure_appeals) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let clauses = guidelines::all_clauses(conn)?;
            let cases = model::queue(conn, &filter, &moderator.staff_of, QUEUE_LIMIT)?;
            let refs: Vec<ItemRef> = cases.iter().filter_map(model::Case::item).collect();
            let items = item::load_many(conn, &refs)?;
            let ids: Vec<CaseId> = cases.iter().map(|c| c.id).collect();
            let flags = model::flags_of_cases(conn, &ids)?;
            let at = now();
            let mut rows = Vec::with_capacity(cases.len());
            for case in cases {
                let item = items.iter().find(|i| Some(i.item) == case.item()).cloned();
                // A moderator never decides about their own content.
                if item.as_ref().is_some_and(|i| i.author_id == moderator.id) {
                    continue;
                }
                let mine = flags.iter().filter(|f| f.case_id == Some(case.id));
                let flag_count = mine.clone().filter(|f| !f.automatic).count();
                let from_company = mine.clone().any(|f| f.from_company_staff);
                let legal_notice = mine.clone().any(model::FlagSummary::is_legal_notice);
                let clause = clauses
                    .iter()
                    .find(|c| c.current.clause_id == case.clause_id.0);
                let excerpt = item
                    .as_ref()
                    .and_then(|i| i.shown(Some(&moderator)).text)
                    .map_or(String::new(), |t| excerpt(&t.source));
                rows.push(QueueRow {
                    excerpt,
                    clause_number: clause.map_or(0, |c| c.number),
                    clause_title: clause.map_or(String::new(), |c| c.title(lang).to_string()),
                    flag_count,
                    from_company,
                    legal_notice,
                    waited_secs: (at - case.opened_at).num_seconds().max(0),
                    item,
                    case,
                });
            }
            let companies = crate::companies::model::all_company_names(conn)?;
            // Appeals against reporting measures, for moderators with no tie.
            let measure_appeals: Vec<i64> = model::misuse::pending_measure_appeals(conn)?
                .into_iter()
                .filter(|m| !m.company_id.is_some_and(|c| moderator.is_staff_of(c)))
                .filter(|m| m.user_id != Some(moderator.id))
                .map(|m| m.id)
                .collect();
            Ok((rows, clauses, companies, measure_appeals))
        })
        .await?;
    render(&QueuePage {
        ctx,
        rows,
        measure_appeals,
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
