//! The desk page: hanging threads with waiting time and time left, who has
//! each; claim, assign, release; "no answer needed"; linking threads to an
//! incident in bulk.

use std::collections::HashMap;

use actix_session::Session;
use actix_web::{web, HttpResponse};
use askama::Template;

use crate::companies::model::Company;
use crate::db::now;
use crate::forum::model::{self as forum_model, HangingFilter, Thread};
use crate::kernel::error::AppError;
use crate::kernel::ids::{CompanyId, IncidentId, ThreadId, UserId};
use crate::kernel::item::{self, ItemRef};
use crate::kernel::user::CurrentUser;
use crate::moderation::model::{self as moderation, NewFlag};
use crate::state::AppState;
use crate::support::desk::{self, DeskRow, NOTE_MAX, NO_ANSWER_REASONS};
use crate::support::handlers::{back_to, companies_named};
use crate::support::incidents::{self, Incident};
use crate::support::settings;
use crate::web::form::FormData;
use crate::web::layout::{redirect, render, Page, PageCtx};
use crate::web::session::{self, FlashKind};

/// Threads per desk page: more than anyone works at once, few enough to
/// draw quickly; the rest are a "next" link away.
const QUEUE_LIMIT: i64 = 50;

#[derive(Template)]
#[template(path = "support/desk.html")]
pub struct DeskPage {
    pub ctx: PageCtx,
    pub rows: Vec<DeskRow>,
    pub companies: Vec<Company>,
    pub staff: Vec<(CompanyId, UserId, String)>,
    pub incidents: Vec<Incident>,
    pub company: Option<CompanyId>,
    pub who: String,
    /// The next page of the queue, when there is more.
    pub next: Option<String>,
    pub reasons: [&'static str; 5],
    /// Questions that arrived since this person last opened the desk.
    pub arrived: i64,
}

impl DeskPage {
    /// A thread's title as this staff member may read it.
    pub fn title_of(&self, thread: &Thread) -> String {
        thread
            .title_for(self.ctx.user.as_ref(), self.ctx.lang)
            .unwrap_or_default()
    }

    pub fn colleagues(&self, company: &Option<CompanyId>) -> Vec<(UserId, String)> {
        self.staff
            .iter()
            .filter(|(c, _, _)| Some(*c) == *company)
            .map(|(_, u, n)| (*u, n.clone()))
            .collect()
    }

    pub fn is_mine(&self, thread: &Thread) -> bool {
        self.ctx
            .user
            .as_ref()
            .is_some_and(|u| thread.assigned_to == Some(u.id))
    }

    pub fn reason_key(&self, reason: &&str) -> &'static str {
        desk::reason_key(reason)
    }

    pub fn open_incidents(&self) -> Vec<&Incident> {
        self.incidents
            .iter()
            .filter(|i| i.resolved_at.is_none())
            .collect()
    }

    pub fn overdue_text(&self, row: &DeskRow) -> String {
        self.ctx.duration(&row.overdue_secs())
    }

    pub fn company_selected(&self, id: &CompanyId) -> bool {
        self.company == Some(*id)
    }
}

pub async fn page(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    query: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    if user.staff_of.is_empty() {
        return Err(AppError::Denied("desk-staff-only"));
    }
    let company = query
        .get("company")
        .and_then(|c| c.parse::<CompanyId>().ok())
        .filter(|c| user.is_staff_of(*c));
    let who = match query.get("who").map(String::as_str) {
        Some("mine") => "mine",
        Some("unassigned") => "unassigned",
        _ => "all",
    }
    .to_string();
    let scope: Vec<CompanyId> = match company {
        Some(c) => vec![c],
        None => user.staff_of.clone(),
    };
    let all = user.staff_of.clone();
    let filter = HangingFilter {
        assigned_to: (who == "mine").then_some(user.id),
        unassigned: who == "unassigned",
        after: query.get("after").and_then(|a| a.parse().ok()),
    };
    // Opening the desk (its first page) is what "since you last looked" means.
    let arrived = if filter.after.is_none() {
        let me = user.id;
        state
            .db
            .write(move |conn| {
                desk::arrived_since_last_look(conn, me, now()).map_err(AppError::from)
            })
            .await?
    } else {
        0
    };
    let (rows, staff, incidents, companies) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let hanging = forum_model::hanging_threads(conn, &scope, filter, QUEUE_LIMIT)?;
            let settings = settings::load_many(conn, &scope)?;
            let staff = desk::staff_of(conn, &all)?;
            let names: Vec<(UserId, String)> =
                staff.iter().map(|(_, u, n)| (*u, n.clone())).collect();
            let rows = desk::rows(hanging, &settings, &names, now());
            let incidents = incidents::recent(conn, &all, 20)?;
            let companies = companies_named(conn, &all)?;
            Ok((rows, staff, incidents, companies))
        })
        .await?;
    let next = (rows.len() as i64 == QUEUE_LIMIT)
        .then(|| rows.last().map(|r| r.hanging.thread.id))
        .flatten()
        .map(|last| {
            let company = company.map(|c| c.to_string()).unwrap_or_default();
            format!("/desk?company={company}&who={who}&after={last}")
        });
    render(&DeskPage {
        ctx,
        rows,
        companies,
        staff,
        incidents,
        company,
        who,
        next,
        reasons: NO_ANSWER_REASONS,
        arrived,
    })
}

/// The thread behind a desk action, if it is in one of the user's companies.
fn desk_thread(
    conn: &mut crate::db::DbConn,
    user: &CurrentUser,
    id: ThreadId,
) -> Result<(Thread, CompanyId), AppError> {
    let thread = forum_model::find_thread(conn, id)?.ok_or(AppError::NotFound)?;
    match thread.company_id {
        Some(company) if user.is_staff_of(company) => Ok((thread, company)),
        _ => Err(AppError::Denied("desk-staff-only")),
    }
}

fn parse_user(value: &str) -> Result<Option<UserId>, AppError> {
    if value.is_empty() {
        return Ok(None);
    }
    value
        .parse::<UserId>()
        .map(Some)
        .map_err(|_| AppError::BadRequest("error-400-text"))
}

/// Claim ("me"), assign to a colleague, or release (""). The form carries
/// who had the thread when the page was drawn; if that changed meanwhile,
/// nothing moves and the desk says so.
pub async fn assign(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<ThreadId>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let expected = parse_user(form.get("expected"))?;
    let to = match form.get("to") {
        "me" => Some(user.id),
        other => parse_user(other)?,
    };
    let back = back_to(form.get("back"), "/desk");
    let moved = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            let (_, company) = desk_thread(conn, &user, id)?;
            if let Some(to) = to {
                if !desk::is_staff(conn, company, to)? {
                    return Err(AppError::BadRequest("desk-assign-not-staff"));
                }
            }
            Ok(desk::assign(conn, id, expected, to, now())?)
        })
        .await?;
    let (kind, key) = match (moved, to) {
        (true, Some(_)) => (FlashKind::Success, "desk-assigned"),
        (true, None) => (FlashKind::Success, "desk-released"),
        (false, _) => (FlashKind::Error, "desk-assign-conflict"),
    };
    session::flash(&session, kind, key);
    Ok(redirect(&back))
}

pub async fn no_answer(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<ThreadId>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let reason = form.get("reason").to_string();
    if !NO_ANSWER_REASONS.contains(&reason.as_str()) {
        return Err(AppError::BadRequest("desk-reason-invalid"));
    }
    let note: String = form.text("note").chars().take(NOTE_MAX).collect();
    if reason == "other" && note.is_empty() {
        session::flash(&session, FlashKind::Error, "desk-reason-note-needed");
        return Ok(redirect(&back_to(form.get("back"), "/desk")));
    }
    let back = back_to(form.get("back"), "/desk");
    let done = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            let (thread, _) = desk_thread(conn, &user, id)?;
            let done = desk::no_answer_needed(conn, id, &reason, &note, now())?;
            if done && reason == "spam" {
                report_spam(conn, &user, &thread, &note)?;
            }
            Ok(done)
        })
        .await?;
    let key = if done {
        "desk-no-answer-done"
    } else {
        "desk-no-answer-too-late"
    };
    session::flash(&session, FlashKind::Success, key);
    Ok(redirect(&back))
}

/// Spam is the moderators' to decide: the desk files a report, marked as
/// coming from the company's staff, on the thread's opening post.
fn report_spam(
    conn: &mut crate::db::DbConn,
    user: &CurrentUser,
    thread: &Thread,
    note: &str,
) -> Result<(), AppError> {
    let opening = forum_model::opening_post_id(conn, thread.id)?;
    let item = item::load(conn, ItemRef::Post(opening))?.ok_or(AppError::NotFound)?;
    let clause = crate::moderation::guidelines::clause_by_code(conn, "spam")?
        .ok_or_else(|| AppError::internal("the spam clause is missing"))?;
    moderation::flag(
        conn,
        &NewFlag {
            item: &item,
            clause: &clause,
            flagger: user.id,
            from_company_staff: true,
            note,
        },
    )?;
    Ok(())
}

pub async fn reopen(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<ThreadId>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let back = back_to(form.get("back"), "/desk");
    state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            desk_thread(conn, &user, id)?;
            Ok(desk::reopen(conn, id)?)
        })
        .await?;
    session::flash(&session, FlashKind::Success, "desk-reopened");
    Ok(redirect(&back))
}

/// Links the ticked threads to an incident: one official reply each.
pub async fn link_incident(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let incident_id = form
        .get("incident")
        .parse::<IncidentId>()
        .map_err(|_| AppError::BadRequest("desk-link-choose-incident"))?;
    let threads: Vec<ThreadId> = form
        .all("thread")
        .iter()
        .filter_map(|t| t.parse().ok())
        .collect();
    if threads.is_empty() {
        session::flash(&session, FlashKind::Error, "desk-link-choose-threads");
        return Ok(redirect("/desk"));
    }
    let (lang, base_url) = (ctx.lang, state.config.base_url.clone());
    let linked = state
        .db
        .write(move |conn| -> Result<usize, AppError> {
            let incident = incidents::find(conn, incident_id)?.ok_or(AppError::NotFound)?;
            if !user.is_staff_of(incident.company_id) {
                return Err(AppError::Denied("desk-staff-only"));
            }
            let body = incident_reply(lang, &incident);
            let linked = incidents::link_threads(conn, &incident, &threads, user.id, &body)?;
            let company = crate::companies::model::find_company(conn, incident.company_id)?
                .map_or_else(|| user.display_name.clone(), |c| c.name);
            // Each asker hears of the answer like of any other reply.
            for (_, post) in &linked {
                crate::forum::emails::tell_subscribers(
                    conn, lang, &base_url, *post, &company, user.id,
                )?;
            }
            Ok(linked.len())
        })
        .await?;
    state.outbox_signal.notify_one();
    let key = if linked > 0 {
        "desk-linked"
    } else {
        "desk-linked-none"
    };
    session::flash(&session, FlashKind::Success, key);
    Ok(redirect("/desk"))
}

/// The official reply a linked thread gets: the incident's title and link.
pub fn incident_reply(lang: crate::kernel::i18n::Lang, incident: &Incident) -> String {
    // Brackets would end the Markdown link text early.
    let title = incident.title.replace(['[', ']'], "");
    crate::kernel::i18n::tr_args(
        lang,
        "incident-linked-reply",
        &[
            ("title", &title),
            ("url", &format!("/incidents/{}", incident.id)),
        ],
    )
}
