//! The desk: hanging threads with their waiting time and time left to the
//! target (in office hours), who has each one, claiming and assigning (races
//! settled by a conditional update), "no answer needed", and the automatic
//! notice on threads asked outside office hours.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{company_staff, threads, users};
use crate::db::DbConn;
use crate::forum::model::{HangingThread, Thread};
use crate::kernel::ids::{CompanyId, ThreadId, UserId};
use crate::support::settings::ServiceSettings;

/// Why a thread needs no answer. Spam also goes to the moderators; thanks
/// are acknowledged with the company's like.
pub const NO_ANSWER_REASONS: [&str; 5] =
    ["thanks", "spam", "duplicate", "solved-by-customer", "other"];
pub const NOTE_MAX: usize = 500;

pub fn reason_key(reason: &str) -> &'static str {
    match reason {
        "thanks" => "desk-reason-thanks",
        "spam" => "desk-reason-spam",
        "duplicate" => "desk-reason-duplicate",
        "solved-by-customer" => "desk-reason-solved-by-customer",
        _ => "desk-reason-other",
    }
}

/// One row of the desk.
#[derive(Debug, Clone)]
pub struct DeskRow {
    pub hanging: HangingThread,
    pub assignee: Option<String>,
    pub waited_secs: i64,
    /// Office time waited so far.
    pub office_secs: i64,
    /// Office time left to the target; negative when overdue.
    pub left_secs: i64,
    pub due_at: Option<NaiveDateTime>,
    /// The company's time zone: the desk shows its times in it, as the
    /// after-hours notice to the customer does.
    pub tz: chrono_tz::Tz,
}

impl DeskRow {
    pub fn overdue(&self) -> bool {
        self.left_secs < 0
    }

    pub fn overdue_secs(&self) -> i64 {
        -self.left_secs
    }
}

/// Waiting and time left for one thread under its company's settings.
pub fn timing(settings: &ServiceSettings, asked: NaiveDateTime, at: NaiveDateTime) -> (i64, i64) {
    let office = settings.schedule.office_secs_between(asked, at);
    (office, settings.target_secs() - office)
}

pub fn rows(
    hanging: Vec<HangingThread>,
    settings: &[ServiceSettings],
    names: &[(UserId, String)],
    at: NaiveDateTime,
) -> Vec<DeskRow> {
    let defaults = ServiceSettings::defaults(CompanyId(0));
    let settings_of = |company: Option<CompanyId>| {
        settings
            .iter()
            .find(|s| Some(s.company_id) == company)
            .unwrap_or(&defaults)
    };
    // Office time waited, per company in one pass over its threads.
    let mut office = vec![0; hanging.len()];
    let mut companies: Vec<Option<CompanyId>> =
        hanging.iter().map(|h| h.thread.company_id).collect();
    companies.sort();
    companies.dedup();
    for company in companies {
        let of_company: Vec<usize> = (0..hanging.len())
            .filter(|i| hanging[*i].thread.company_id == company)
            .collect();
        let asked: Vec<NaiveDateTime> = of_company
            .iter()
            .map(|i| hanging[*i].thread.created_at)
            .collect();
        let waited = settings_of(company)
            .schedule
            .office_secs_each_until(&asked, at);
        for (i, secs) in of_company.into_iter().zip(waited) {
            office[i] = secs;
        }
    }
    hanging
        .into_iter()
        .zip(office)
        .map(|(h, office_secs)| {
            let asked = h.thread.created_at;
            let settings = settings_of(h.thread.company_id);
            let left_secs = settings.target_secs() - office_secs;
            let assignee = h
                .thread
                .assigned_to
                .and_then(|a| names.iter().find(|(id, _)| *id == a))
                .map(|(_, n)| n.clone());
            DeskRow {
                waited_secs: (at - asked).num_seconds().max(0),
                office_secs,
                left_secs,
                due_at: settings.due_at(asked),
                tz: settings.schedule.tz,
                assignee,
                hanging: h,
            }
        })
        .collect()
}

/// The staff of these companies with their names (for "assign to").
pub fn staff_of(
    conn: &mut DbConn,
    companies: &[CompanyId],
) -> QueryResult<Vec<(CompanyId, UserId, String)>> {
    company_staff::table
        .inner_join(users::table)
        .filter(company_staff::company_id.eq_any(companies))
        .select((company_staff::company_id, users::id, users::display_name))
        .order((company_staff::company_id, users::display_name))
        .load(conn)
}

pub fn is_staff(conn: &mut DbConn, company: CompanyId, user: UserId) -> QueryResult<bool> {
    let n: i64 = company_staff::table
        .filter(company_staff::company_id.eq(company))
        .filter(company_staff::user_id.eq(user))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Gives the thread to `to` (or nobody) if it is still held by `expected`:
/// two colleagues claiming at once cannot both win. Returns whether it moved.
pub fn assign(
    conn: &mut DbConn,
    thread: ThreadId,
    expected: Option<UserId>,
    to: Option<UserId>,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let target = threads::table.filter(threads::id.eq(thread));
    let set = (
        threads::assigned_to.eq(to),
        threads::assigned_at.eq(to.map(|_| at)),
    );
    let changed = match expected {
        Some(current) => diesel::update(target.filter(threads::assigned_to.eq(current)))
            .set(set)
            .execute(conn)?,
        None => diesel::update(target.filter(threads::assigned_to.is_null()))
            .set(set)
            .execute(conn)?,
    };
    Ok(changed == 1)
}

/// Takes a thread off the queue without an answer; it stays in the figures
/// as "no answer needed". `false` when it was answered or closed meanwhile.
pub fn no_answer_needed(
    conn: &mut DbConn,
    thread: ThreadId,
    reason: &str,
    note: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        threads::table
            .filter(threads::id.eq(thread))
            .filter(threads::first_staff_answer_at.is_null())
            .filter(threads::no_answer_at.is_null()),
    )
    .set((
        threads::no_answer_reason.eq(reason),
        threads::no_answer_note.eq(note),
        threads::no_answer_at.eq(at),
        threads::company_liked_at.eq((reason == "thanks").then_some(at)),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Puts a thread back on the queue (a "no answer needed" set by mistake).
pub fn reopen(conn: &mut DbConn, thread: ThreadId) -> QueryResult<bool> {
    let changed = diesel::update(
        threads::table
            .filter(threads::id.eq(thread))
            .filter(threads::no_answer_at.is_not_null()),
    )
    .set((
        threads::no_answer_reason.eq(None::<String>),
        threads::no_answer_note.eq(None::<String>),
        threads::no_answer_at.eq(None::<NaiveDateTime>),
        threads::company_liked_at.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// The automatic notice for a question asked while the desk is closed:
/// when it opens and when an answer can be expected. One per thread.
pub fn mark_after_hours(
    conn: &mut DbConn,
    thread: &Thread,
    settings: &ServiceSettings,
) -> QueryResult<bool> {
    let asked = thread.created_at;
    if settings.schedule.is_open(asked) {
        return Ok(false);
    }
    let Some(opens) = settings.schedule.next_opening(asked) else {
        return Ok(false);
    };
    let due = settings.due_at(asked);
    diesel::update(
        threads::table
            .filter(threads::id.eq(thread.id))
            .filter(threads::after_hours_opens_at.is_null()),
    )
    .set((
        threads::after_hours_opens_at.eq(Some(opens)),
        threads::after_hours_due_at.eq(due),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// Tells a company's staff (but the asker, if one of them) about a new
/// question in its section, as each chose: a notification, and an email
/// at once, in the digest, or none.
pub fn tell_staff_of_question(
    conn: &mut DbConn,
    base_url: &str,
    fallback: crate::kernel::i18n::Lang,
    company: CompanyId,
    question: &Thread,
    opening: crate::kernel::ids::PostId,
    asker: &str,
) -> Result<(), crate::kernel::error::AppError> {
    use crate::kernel::notify::{Kind, Notice};
    use crate::mail::notification::{self, Said};
    let Some(title) = question.public_title() else {
        return Ok(());
    };
    let staff: Vec<UserId> = company_staff::table
        .filter(company_staff::company_id.eq(company))
        .select(company_staff::user_id)
        .load(conn)?;
    for member in staff {
        let notice = Notice {
            to: member,
            kind: Kind::NewQuestion,
            actor: Some(question.author_id),
            item: Some(crate::kernel::item::ItemRef::Post(opening)),
            decision: None,
            link: format!("/threads/{}", question.id),
        };
        let said = Said {
            actor: asker,
            title: &title,
        };
        notification::tell(conn, base_url, fallback, &notice, &said)?;
    }
    Ok(())
}

/// How many questions arrived in `user`'s companies' sections since they
/// last opened the desk (all of them the first time), and records that
/// they are looking now.
pub fn arrived_since_last_look(
    conn: &mut DbConn,
    user: UserId,
    at: NaiveDateTime,
) -> QueryResult<i64> {
    use crate::db::schema::categories;
    let seen: Vec<(CompanyId, Option<NaiveDateTime>)> = company_staff::table
        .filter(company_staff::user_id.eq(user))
        .select((company_staff::company_id, company_staff::desk_seen_at))
        .load(conn)?;
    let mut arrived = 0;
    for (company, since) in seen {
        let mut query = threads::table
            .inner_join(categories::table)
            .filter(categories::company_id.eq(company))
            .filter(threads::author_id.ne(user))
            .filter(threads::withdrawn_at.is_null())
            .filter(threads::moderation_state.eq(crate::kernel::gate::State::Visible.as_str()))
            .into_boxed();
        if let Some(since) = since {
            query = query.filter(threads::created_at.gt(since));
        }
        arrived += query.count().get_result::<i64>(conn)?;
    }
    diesel::update(company_staff::table.filter(company_staff::user_id.eq(user)))
        .set(company_staff::desk_seen_at.eq(Some(at)))
        .execute(conn)?;
    Ok(arrived)
}

pub fn user_names(conn: &mut DbConn, ids: &[UserId]) -> QueryResult<Vec<(UserId, String)>> {
    users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::display_name))
        .load(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_left_counts_office_hours_only() {
        let settings = ServiceSettings::defaults(CompanyId(1));
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("time");
        // Asked Wednesday 08:10 UTC (09:10 Stockholm), now 08:25: 15 min left.
        assert_eq!(
            timing(&settings, at("2026-11-25 08:10"), at("2026-11-25 08:25")),
            (900, 900)
        );
        // Asked Friday 15:50 UTC, now Monday 07:30 UTC: 10 + 30 office minutes → 10 overdue.
        assert_eq!(
            timing(&settings, at("2026-11-27 15:50"), at("2026-11-30 07:30")),
            (2400, -600)
        );
    }
}
