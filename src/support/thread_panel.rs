//! What the desk adds to a thread page: public notes (the automatic
//! after-hours notice, the incident the thread is linked to, "contacted
//! privately", the company's like) and, for the company's staff, a panel
//! with canned answers, who has the thread, private contact and the FAQ.

use chrono::NaiveDateTime;
use diesel::QueryResult;

use crate::db::DbConn;
use crate::forum::model::Thread;
use crate::kernel::user::CurrentUser;
use crate::support::canned::{self, Canned};
use crate::support::incidents::{self, Incident};
use crate::support::{desk, faq};

/// Canned answers offered in a thread's staff panel.
const PANEL_CANNED: i64 = 10;

/// Shown to everyone.
#[derive(Debug, Clone, Default)]
pub struct ThreadSupport {
    pub company_name: Option<String>,
    /// When the desk opens again and when an answer is expected, in the
    /// company's local time ("2026-11-30 08:00 CET").
    /// When the desk opens again and when an answer can be expected (the
    /// page writes them in the reader's zone).
    pub after_hours: Option<(NaiveDateTime, Option<NaiveDateTime>)>,
    pub incident: Option<Incident>,
    pub staff: Option<StaffPanel>,
}

/// Shown to the thread company's staff.
#[derive(Debug, Clone, Default)]
pub struct StaffPanel {
    pub canned_query: String,
    pub canned: Vec<Canned>,
    pub assignee: Option<String>,
    pub in_faq: bool,
}

pub fn load(
    conn: &mut DbConn,
    thread: &Thread,
    viewer: Option<&CurrentUser>,
    canned_query: Option<&str>,
) -> QueryResult<ThreadSupport> {
    let Some(company) = thread.company_id else {
        return Ok(ThreadSupport::default());
    };
    let mut support = ThreadSupport::default();
    let is_staff = viewer.is_some_and(|u| u.is_staff_of(company));
    let has_note = thread.after_hours_opens_at.is_some()
        || thread.private_contact_at.is_some()
        || thread.company_liked_at.is_some();
    if has_note || is_staff {
        support.company_name =
            crate::companies::model::find_company(conn, company)?.map(|c| c.name);
    }
    if let Some(opens) = thread.after_hours_opens_at {
        support.after_hours = Some((opens, thread.after_hours_due_at));
    }
    if let Some(incident) = thread.incident_id {
        support.incident = incidents::find(conn, incident)?;
    }
    if is_staff {
        let query = canned_query.unwrap_or("").trim().to_string();
        let canned = canned::list(conn, company, &query, PANEL_CANNED)?;
        let assignee = match thread.assigned_to {
            Some(id) => desk::user_names(conn, &[id])?.pop().map(|(_, n)| n),
            None => None,
        };
        support.staff = Some(StaffPanel {
            canned_query: query,
            canned,
            assignee,
            in_faq: faq::is_in_faq(conn, thread.id)?,
        });
    }
    Ok(support)
}
