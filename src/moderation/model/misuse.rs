//! Misuse of reporting (DSA art. 23). A moderator who dismisses a report
//! may find it manifestly unfounded. Whoever sends such reports again and
//! again — a member, or a company's staff reporting content about their own
//! company, counted together as the company — is first warned, then
//! suspended from reporting for a period. Each measure is its own statement
//! of reasons, emailed, and can be appealed once to a neutral moderator.
//! The thresholds are `config::Policy`, shown on the transparency page.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::config::Policy;
use crate::db::schema::{flags, reporting_measures};
use crate::db::DbConn;
use crate::kernel::ids::{CompanyId, UserId};

pub const WARNING: &str = "warning";
pub const SUSPENSION: &str = "suspension";
pub const LIFTED: &str = "lifted";
pub const UPHELD_MEASURE: &str = "upheld";

/// Who reported: a member on their own account, or a company (any of its
/// staff reporting content about it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reporter {
    Member(UserId),
    Company(CompanyId),
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reporting_measures)]
pub struct Measure {
    pub id: i64,
    pub user_id: Option<UserId>,
    pub company_id: Option<CompanyId>,
    pub kind: String,
    pub unfounded: i32,
    pub window_days: i32,
    pub until_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub appeal_text: Option<String>,
    pub appealed_at: Option<NaiveDateTime>,
    pub appeal_outcome: Option<String>,
    pub appeal_reason: Option<String>,
    pub appeal_decided_by: Option<UserId>,
    pub appeal_decided_at: Option<NaiveDateTime>,
}

impl Measure {
    pub fn reporter(&self) -> Option<Reporter> {
        match (self.user_id, self.company_id) {
            (Some(user), _) => Some(Reporter::Member(user)),
            (None, Some(company)) => Some(Reporter::Company(company)),
            (None, None) => None,
        }
    }

    pub fn is_suspension(&self) -> bool {
        self.kind == SUSPENSION
    }

    pub fn is_lifted(&self) -> bool {
        self.appeal_outcome.as_deref() == Some(LIFTED)
    }

    /// Whether it stops reporting at `at`.
    pub fn suspends_at(&self, at: NaiveDateTime) -> bool {
        self.is_suspension() && !self.is_lifted() && self.until_at.is_some_and(|u| u > at)
    }

    pub fn can_appeal(&self) -> bool {
        self.appealed_at.is_none()
    }

    pub fn appeal_pending(&self) -> bool {
        self.appealed_at.is_some() && self.appeal_outcome.is_none()
    }
}

/// What the counts call for, given the last measure still in force.
/// Pure, so the thresholds are unit-tested.
pub fn next_measure(policy: &Policy, last: Option<&str>, unfounded: i64) -> Option<&'static str> {
    match last {
        None if unfounded >= policy.reporting_warn_after => Some(WARNING),
        Some(_) if unfounded >= policy.reporting_suspend_after => Some(SUSPENSION),
        _ => None,
    }
}

fn measures_of(conn: &mut DbConn, reporter: Reporter) -> QueryResult<Vec<Measure>> {
    let query = reporting_measures::table
        .select(Measure::as_select())
        .order(reporting_measures::id.desc())
        .into_boxed();
    match reporter {
        Reporter::Member(user) => query.filter(reporting_measures::user_id.eq(Some(user))),
        Reporter::Company(company) => query
            .filter(reporting_measures::user_id.is_null())
            .filter(reporting_measures::company_id.eq(Some(company))),
    }
    .load(conn)
}

/// The measures about a member, and about the companies they work for.
pub fn measures_about(
    conn: &mut DbConn,
    user: UserId,
    companies: &[CompanyId],
) -> QueryResult<Vec<Measure>> {
    let mut all = measures_of(conn, Reporter::Member(user))?;
    for company in companies {
        all.extend(measures_of(conn, Reporter::Company(*company))?);
    }
    all.sort_by_key(|m| std::cmp::Reverse(m.id));
    Ok(all)
}

pub fn measure_by_id(conn: &mut DbConn, id: i64) -> QueryResult<Option<Measure>> {
    reporting_measures::table
        .find(id)
        .select(Measure::as_select())
        .first(conn)
        .optional()
}

/// Manifestly unfounded reports by `reporter` closed since `since`.
fn unfounded_since(
    conn: &mut DbConn,
    reporter: Reporter,
    since: NaiveDateTime,
) -> QueryResult<i64> {
    let query = flags::table
        .filter(flags::manifestly_unfounded.eq(true))
        .filter(flags::outcome.eq(Some("dismissed")))
        .filter(flags::closed_at.ge(since))
        .into_boxed();
    match reporter {
        Reporter::Member(user) => query
            .filter(flags::flagger_id.eq(Some(user)))
            .filter(flags::from_company_staff.eq(false)),
        Reporter::Company(company) => query
            .filter(flags::from_company_staff.eq(true))
            .filter(flags::company_id.eq(Some(company))),
    }
    .count()
    .get_result(conn)
}

/// After reports were found manifestly unfounded: takes the measure the
/// counts call for, if any. Returns it, for the caller to email.
pub fn review_reporter(
    conn: &mut DbConn,
    policy: &Policy,
    reporter: Reporter,
    at: NaiveDateTime,
) -> QueryResult<Option<Measure>> {
    let window = at - Duration::days(policy.reporting_window_days);
    let recent: Vec<Measure> = measures_of(conn, reporter)?
        .into_iter()
        .filter(|m| m.created_at >= window)
        .collect();
    let in_force = recent.iter().find(|m| !m.is_lifted());
    if in_force.is_some_and(|m| m.suspends_at(at)) {
        return Ok(None);
    }
    // Counted afresh after each measure, lifted ones too: the reports that
    // led to a measure were answered by it (or by its appeal).
    let since = recent
        .first()
        .map_or(window, |m| m.until_at.unwrap_or(m.created_at).max(window));
    let unfounded = unfounded_since(conn, reporter, since)?;
    let Some(kind) = next_measure(
        policy,
        in_force.as_ref().map(|m| m.kind.as_str()),
        unfounded,
    ) else {
        return Ok(None);
    };
    let until = (kind == SUSPENSION).then(|| at + Duration::days(policy.reporting_suspend_days));
    let (user, company) = match reporter {
        Reporter::Member(user) => (Some(user), None),
        Reporter::Company(company) => (None, Some(company)),
    };
    let id: i64 = diesel::insert_into(reporting_measures::table)
        .values((
            reporting_measures::user_id.eq(user),
            reporting_measures::company_id.eq(company),
            reporting_measures::kind.eq(kind),
            reporting_measures::unfounded.eq(i32::try_from(unfounded).unwrap_or(i32::MAX)),
            reporting_measures::window_days
                .eq(i32::try_from(policy.reporting_window_days).unwrap_or(i32::MAX)),
            reporting_measures::until_at.eq(until),
            reporting_measures::created_at.eq(at),
        ))
        .returning(reporting_measures::id)
        .get_result(conn)?;
    measure_by_id(conn, id)
}

/// After a decision that found reports manifestly unfounded: reviews each
/// reporter behind them and returns the measures taken.
pub fn review_reporters_of(
    conn: &mut DbConn,
    policy: &Policy,
    decision: crate::kernel::ids::DecisionId,
    at: NaiveDateTime,
) -> QueryResult<Vec<Measure>> {
    let rows: Vec<(Option<UserId>, bool, Option<CompanyId>)> = flags::table
        .filter(flags::decision_id.eq(Some(decision)))
        .filter(flags::manifestly_unfounded.eq(true))
        .select((
            flags::flagger_id,
            flags::from_company_staff,
            flags::company_id,
        ))
        .load(conn)?;
    let mut reporters: Vec<Reporter> = Vec::new();
    for row in rows {
        let reporter = match row {
            (_, true, Some(company)) => Reporter::Company(company),
            (Some(user), _, _) => Reporter::Member(user),
            _ => continue,
        };
        if !reporters.contains(&reporter) {
            reporters.push(reporter);
        }
    }
    let mut taken = Vec::new();
    for reporter in reporters {
        taken.extend(review_reporter(conn, policy, reporter, at)?);
    }
    Ok(taken)
}

/// The suspension that stops `reporter` from reporting now, if any.
pub fn suspension_of(
    conn: &mut DbConn,
    reporter: Reporter,
    at: NaiveDateTime,
) -> QueryResult<Option<Measure>> {
    Ok(measures_of(conn, reporter)?
        .into_iter()
        .find(|m| m.suspends_at(at)))
}

/// The reporter appeals a measure, once.
pub fn appeal_measure(
    conn: &mut DbConn,
    measure: i64,
    text: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        reporting_measures::table
            .find(measure)
            .filter(reporting_measures::appealed_at.is_null()),
    )
    .set((
        reporting_measures::appeal_text.eq(Some(text)),
        reporting_measures::appealed_at.eq(Some(at)),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// A neutral moderator decides an appeal: the measure stands or is lifted
/// (a lifted suspension ends now). False when it was decided already.
pub fn decide_measure_appeal(
    conn: &mut DbConn,
    measure: i64,
    moderator: UserId,
    lift: bool,
    reason: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let outcome = if lift { LIFTED } else { UPHELD_MEASURE };
    let changed = diesel::update(
        reporting_measures::table
            .find(measure)
            .filter(reporting_measures::appealed_at.is_not_null())
            .filter(reporting_measures::appeal_outcome.is_null()),
    )
    .set((
        reporting_measures::appeal_outcome.eq(Some(outcome)),
        reporting_measures::appeal_reason.eq(Some(reason)),
        reporting_measures::appeal_decided_by.eq(Some(moderator)),
        reporting_measures::appeal_decided_at.eq(Some(at)),
    ))
    .execute(conn)?;
    if changed == 1 && lift {
        // A lifted suspension ends now.
        diesel::update(
            reporting_measures::table
                .find(measure)
                .filter(reporting_measures::until_at.gt(Some(at))),
        )
        .set(reporting_measures::until_at.eq(Some(at)))
        .execute(conn)?;
    }
    Ok(changed == 1)
}

/// Appeals against measures waiting for a moderator.
pub fn pending_measure_appeals(conn: &mut DbConn) -> QueryResult<Vec<Measure>> {
    reporting_measures::table
        .filter(reporting_measures::appealed_at.is_not_null())
        .filter(reporting_measures::appeal_outcome.is_null())
        .select(Measure::as_select())
        .order(reporting_measures::appealed_at)
        .load(conn)
}

/// How often the measures were applied since `since` (transparency):
/// (warnings, suspensions, lifted on appeal).
pub fn measure_counts(conn: &mut DbConn, since: NaiveDateTime) -> QueryResult<(i64, i64, i64)> {
    let count = |conn: &mut DbConn, kind: &str| -> QueryResult<i64> {
        reporting_measures::table
            .filter(reporting_measures::created_at.ge(since))
            .filter(reporting_measures::kind.eq(kind))
            .count()
            .get_result(conn)
    };
    let warnings = count(conn, WARNING)?;
    let suspensions = count(conn, SUSPENSION)?;
    let lifted = reporting_measures::table
        .filter(reporting_measures::created_at.ge(since))
        .filter(reporting_measures::appeal_outcome.eq(Some(LIFTED)))
        .count()
        .get_result(conn)?;
    Ok((warnings, suspensions, lifted))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy {
            score_half_life_days: 365.0,
            reporting_window_days: 180,
            reporting_warn_after: 5,
            reporting_suspend_after: 3,
            reporting_suspend_days: 30,
        }
    }

    #[test]
    fn a_warning_comes_first_at_its_threshold() {
        let p = policy();
        assert_eq!(next_measure(&p, None, 4), None);
        assert_eq!(next_measure(&p, None, 5), Some(WARNING));
        assert_eq!(next_measure(&p, None, 50), Some(WARNING));
    }

    #[test]
    fn after_a_measure_fewer_further_reports_suspend() {
        let p = policy();
        assert_eq!(next_measure(&p, Some(WARNING), 2), None);
        assert_eq!(next_measure(&p, Some(WARNING), 3), Some(SUSPENSION));
        assert_eq!(next_measure(&p, Some(SUSPENSION), 3), Some(SUSPENSION));
    }
}
