//! Incident notices: a known problem told once to everyone. Staff post one
//! with status updates; it is a banner on the company's page and forum
//! section until resolved; threads linked to it from the desk each get one
//! official reply pointing to it and count as answered at the link time.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{incident_updates, incidents, threads, users};
use crate::db::{now, DbConn};
use crate::forum::model::{self, NewReply, Thread};
use crate::kernel::ids::{CompanyId, IncidentId, PostId, ThreadId, UserId};
use crate::kernel::markdown::{self, SafeHtml};

pub const STATUSES: [&str; 4] = ["investigating", "identified", "monitoring", "resolved"];
pub const RESOLVED: &str = "resolved";
pub const TITLE_MAX: usize = 150;
pub const BODY_MAX: usize = 5_000;

pub fn status_key(status: &str) -> &'static str {
    match status {
        "identified" => "incident-status-identified",
        "monitoring" => "incident-status-monitoring",
        "resolved" => "incident-status-resolved",
        _ => "incident-status-investigating",
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = incidents)]
pub struct Incident {
    pub id: IncidentId,
    pub company_id: CompanyId,
    pub title: String,
    pub status: String,
    pub created_by: UserId,
    pub created_at: NaiveDateTime,
    pub resolved_at: Option<NaiveDateTime>,
}

impl Incident {
    pub fn status_key(&self) -> &'static str {
        status_key(&self.status)
    }
}

#[derive(Debug, Clone, Queryable)]
pub struct Update {
    pub status: String,
    pub body_html: SafeHtml,
    pub author_name: String,
    pub created_at: NaiveDateTime,
}

impl Update {
    pub fn status_key(&self) -> &'static str {
        status_key(&self.status)
    }
}

pub fn create(
    conn: &mut DbConn,
    company: CompanyId,
    author: UserId,
    title: &str,
    status: &str,
    body: &str,
) -> QueryResult<IncidentId> {
    let at = now();
    diesel::insert_into(incidents::table)
        .values((
            incidents::company_id.eq(company),
            incidents::title.eq(title),
            incidents::status.eq(status),
            incidents::created_by.eq(author),
            incidents::created_at.eq(at),
            incidents::resolved_at.eq((status == RESOLVED).then_some(at)),
        ))
        .execute(conn)?;
    let id: IncidentId = incidents::table
        .filter(incidents::created_by.eq(author))
        .select(incidents::id)
        .order(incidents::id.desc())
        .first(conn)?;
    insert_update(conn, id, author, status, body, at)?;
    Ok(id)
}

fn insert_update(
    conn: &mut DbConn,
    id: IncidentId,
    author: UserId,
    status: &str,
    body: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(incident_updates::table)
        .values((
            incident_updates::incident_id.eq(id),
            incident_updates::status.eq(status),
            incident_updates::body_source.eq(body),
            incident_updates::body_html.eq(markdown::render(body)),
            incident_updates::author_id.eq(author),
            incident_updates::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// A status update; "resolved" stamps the resolved time, any other status
/// after it reopens the incident.
pub fn add_update(
    conn: &mut DbConn,
    incident: &Incident,
    author: UserId,
    status: &str,
    body: &str,
) -> QueryResult<()> {
    let at = now();
    insert_update(conn, incident.id, author, status, body, at)?;
    diesel::update(incidents::table.find(incident.id))
        .set((
            incidents::status.eq(status),
            incidents::resolved_at.eq((status == RESOLVED).then_some(at)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConn, id: IncidentId) -> QueryResult<Option<Incident>> {
    incidents::table
        .find(id)
        .select(Incident::as_select())
        .first(conn)
        .optional()
}

pub fn updates(conn: &mut DbConn, id: IncidentId) -> QueryResult<Vec<Update>> {
    incident_updates::table
        .inner_join(users::table.on(users::id.eq(incident_updates::author_id)))
        .filter(incident_updates::incident_id.eq(id))
        .order(incident_updates::id.desc())
        .select((
            incident_updates::status,
            incident_updates::body_html,
            users::display_name,
            incident_updates::created_at,
        ))
        .load(conn)
}

/// Unresolved incidents of a company: the banner.
pub fn active(conn: &mut DbConn, company: CompanyId) -> QueryResult<Vec<Incident>> {
    incidents::table
        .filter(incidents::company_id.eq(company))
        .filter(incidents::resolved_at.is_null())
        .order(incidents::id.desc())
        .select(Incident::as_select())
        .load(conn)
}

pub fn recent(
    conn: &mut DbConn,
    companies: &[CompanyId],
    limit: i64,
) -> QueryResult<Vec<Incident>> {
    incidents::table
        .filter(incidents::company_id.eq_any(companies))
        .order(incidents::id.desc())
        .limit(limit)
        .select(Incident::as_select())
        .load(conn)
}

/// Links threads to the incident: each of the incident's company that is
/// not linked yet gets one official reply from `staff` with `reply_body`
/// (which points to the incident) and so counts as answered now. Returns
/// the linked threads with their new reply; threads of other companies are
/// skipped.
pub fn link_threads(
    conn: &mut DbConn,
    incident: &Incident,
    thread_ids: &[ThreadId],
    staff: UserId,
    reply_body: &str,
) -> QueryResult<Vec<(Thread, PostId)>> {
    let html = markdown::render(reply_body);
    let mut linked = Vec::new();
    for id in thread_ids {
        let Some(thread) = model::find_thread(conn, *id)? else {
            continue;
        };
        // Only threads everyone reads: the desk never sees the others.
        if thread.company_id != Some(incident.company_id) || thread.public_title().is_none() {
            continue;
        }
        // The conditional update makes linking twice (two tabs) harmless.
        let claimed = diesel::update(
            threads::table
                .filter(threads::id.eq(thread.id))
                .filter(threads::incident_id.is_null()),
        )
        .set(threads::incident_id.eq(Some(incident.id)))
        .execute(conn)?;
        if claimed == 0 {
            continue;
        }
        let reply = NewReply {
            thread: &thread,
            author: staff,
            as_company: Some(incident.company_id),
            quote: None,
            body_source: reply_body,
            body_html: &html,
        };
        let post = model::add_reply(conn, &reply)?;
        linked.push((thread, post));
    }
    Ok(linked)
}
