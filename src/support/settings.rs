//! Service settings per company: the target time to first answer, office
//! hours per weekday in the company's time zone, and holidays. A company
//! without a stored row uses the defaults (30 minutes, weekdays 08–17,
//! Stockholm time).

use std::collections::BTreeSet;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use diesel::prelude::*;

use crate::db::schema::{service_holidays, service_settings};
use crate::db::{now, DbConn};
use crate::kernel::ids::CompanyId;
use crate::support::hours::{Schedule, Week};

pub const DEFAULT_TARGET_MINUTES: i32 = 30;
pub const DEFAULT_TIME_ZONE: &str = "Europe/Stockholm";
pub const TARGET_MAX_MINUTES: i32 = 7 * 24 * 60;

/// Zones offered first in the settings form; any IANA name is accepted.
pub const SUGGESTED_ZONES: [&str; 8] = [
    "Europe/Stockholm",
    "Europe/Copenhagen",
    "Europe/Oslo",
    "Europe/Helsinki",
    "Atlantic/Reykjavik",
    "Europe/London",
    "Europe/Berlin",
    "UTC",
];

#[derive(Debug, Clone)]
pub struct ServiceSettings {
    pub company_id: CompanyId,
    pub target_minutes: i32,
    pub schedule: Schedule,
}

impl ServiceSettings {
    pub fn defaults(company_id: CompanyId) -> ServiceSettings {
        ServiceSettings {
            company_id,
            target_minutes: DEFAULT_TARGET_MINUTES,
            schedule: Schedule {
                tz: chrono_tz::Europe::Stockholm,
                week: Week::default(),
                holidays: BTreeSet::new(),
            },
        }
    }

    pub fn target_secs(&self) -> i64 {
        i64::from(self.target_minutes) * 60
    }

    /// When a question asked at `asked` is due, counted in office hours.
    pub fn due_at(&self, asked: NaiveDateTime) -> Option<NaiveDateTime> {
        self.schedule.add_office_secs(asked, self.target_secs())
    }

    pub fn time_zone(&self) -> &'static str {
        self.schedule.tz.name()
    }
}

#[derive(Queryable)]
struct SettingsRow {
    company_id: CompanyId,
    target_minutes: i32,
    time_zone: String,
    weekly_hours: String,
}

#[derive(Debug, Clone, Queryable)]
pub struct Holiday {
    pub id: i64,
    pub day: NaiveDate,
    pub name: String,
}

pub fn holidays(conn: &mut DbConn, company: CompanyId) -> QueryResult<Vec<Holiday>> {
    service_holidays::table
        .filter(service_holidays::company_id.eq(company))
        .order(service_holidays::day)
        .select((
            service_holidays::id,
            service_holidays::day,
            service_holidays::name,
        ))
        .load(conn)
}

/// The settings of several companies at once (one query each table).
pub fn load_many(conn: &mut DbConn, companies: &[CompanyId]) -> QueryResult<Vec<ServiceSettings>> {
    let rows: Vec<SettingsRow> = service_settings::table
        .filter(service_settings::company_id.eq_any(companies))
        .select((
            service_settings::company_id,
            service_settings::target_minutes,
            service_settings::time_zone,
            service_settings::weekly_hours,
        ))
        .load(conn)?;
    let days: Vec<(CompanyId, NaiveDate)> = service_holidays::table
        .filter(service_holidays::company_id.eq_any(companies))
        .select((service_holidays::company_id, service_holidays::day))
        .load(conn)?;
    Ok(companies
        .iter()
        .map(|company| {
            let mut settings = ServiceSettings::defaults(*company);
            if let Some(row) = rows.iter().find(|r| r.company_id == *company) {
                settings.target_minutes = row.target_minutes;
                // A stored value that no longer parses falls back to the default.
                if let Ok(tz) = Tz::from_str(&row.time_zone) {
                    settings.schedule.tz = tz;
                }
                if let Some(week) = Week::parse(&row.weekly_hours) {
                    settings.schedule.week = week;
                }
            }
            settings.schedule.holidays = days
                .iter()
                .filter(|(c, _)| c == company)
                .map(|(_, d)| *d)
                .collect();
            settings
        })
        .collect())
}

pub fn load(conn: &mut DbConn, company: CompanyId) -> QueryResult<ServiceSettings> {
    Ok(load_many(conn, &[company])?
        .pop()
        .unwrap_or_else(|| ServiceSettings::defaults(company)))
}

pub fn save(
    conn: &mut DbConn,
    company: CompanyId,
    target_minutes: i32,
    tz: Tz,
    week: &Week,
) -> QueryResult<()> {
    diesel::delete(service_settings::table.find(company)).execute(conn)?;
    diesel::insert_into(service_settings::table)
        .values((
            service_settings::company_id.eq(company),
            service_settings::target_minutes.eq(target_minutes),
            service_settings::time_zone.eq(tz.name()),
            service_settings::weekly_hours.eq(week.to_stored()),
            service_settings::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Adds a holiday; `false` when the day was already one.
pub fn add_holiday(
    conn: &mut DbConn,
    company: CompanyId,
    day: NaiveDate,
    name: &str,
) -> QueryResult<bool> {
    crate::db::insert_unless_duplicate(conn, |conn| {
        diesel::insert_into(service_holidays::table)
            .values((
                service_holidays::company_id.eq(company),
                service_holidays::day.eq(day),
                service_holidays::name.eq(name),
            ))
            .execute(conn)
    })
}

pub fn remove_holiday(conn: &mut DbConn, company: CompanyId, id: i64) -> QueryResult<usize> {
    diesel::delete(
        service_holidays::table
            .filter(service_holidays::id.eq(id))
            .filter(service_holidays::company_id.eq(company)),
    )
    .execute(conn)
}
