//! Service settings: target time, time zone, weekly hours, holidays.

use std::str::FromStr;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::companies::model::Company;
use crate::kernel::error::AppError;
use crate::kernel::user::CurrentUser;
use crate::state::AppState;
use crate::support::handlers::staff_company;
use crate::support::hours::{format_clock, Opening, Week};
use crate::support::settings::{self, Holiday, SUGGESTED_ZONES, TARGET_MAX_MINUTES};
use crate::web::form::{FieldErrors, FormData};
use crate::web::layout::{redirect, render, render_status, Page, PageCtx};
use crate::web::session::{self, FlashKind};

pub const DAY_KEYS: [&str; 7] = [
    "weekday-mon",
    "weekday-tue",
    "weekday-wed",
    "weekday-thu",
    "weekday-fri",
    "weekday-sat",
    "weekday-sun",
];

/// One weekday row of the form, as typed.
#[derive(Debug, Clone)]
pub struct DayInput {
    pub index: usize,
    pub open: String,
    pub close: String,
    pub closed: bool,
}

#[derive(Template)]
#[template(path = "support/settings.html")]
pub struct SettingsPage {
    pub ctx: PageCtx,
    pub company: Company,
    pub target: String,
    pub time_zone: String,
    pub days: Vec<DayInput>,
    pub holidays: Vec<Holiday>,
    pub errors: FieldErrors,
    pub zones: [&'static str; 8],
}

impl SettingsPage {
    pub fn day_key(&self, index: &usize) -> &'static str {
        DAY_KEYS[*index % 7]
    }

    pub fn day_error(&self, index: &usize) -> Option<&str> {
        self.errors.get(&format!("day{index}"))
    }
}

fn days_of(week: &Week) -> Vec<DayInput> {
    week.0
        .iter()
        .enumerate()
        .map(|(index, d)| DayInput {
            index,
            open: d
                .map(|o| format_clock(o.open))
                .unwrap_or_else(|| "08:00".into()),
            close: d
                .map(|o| format_clock(o.close))
                .unwrap_or_else(|| "17:00".into()),
            closed: d.is_none(),
        })
        .collect()
}

pub async fn form(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let company = staff_company(&state, &user, path.into_inner()).await?;
    let id = company.id;
    let (current, holidays) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            Ok((settings::load(conn, id)?, settings::holidays(conn, id)?))
        })
        .await?;
    render(&SettingsPage {
        target: current.target_minutes.to_string(),
        time_zone: current.time_zone().to_string(),
        days: days_of(&current.schedule.week),
        holidays,
        errors: FieldErrors::default(),
        zones: SUGGESTED_ZONES,
        company,
        ctx,
    })
}

pub async fn save(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<String>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let company = staff_company(&state, &user, path.into_inner()).await?;
    let mut errors = FieldErrors::default();
    let target = form.text("target");
    let minutes = target
        .parse::<i32>()
        .ok()
        .filter(|m| (1..=TARGET_MAX_MINUTES).contains(m));
    if minutes.is_none() {
        errors.add("target", ctx.t("settings-target-invalid"));
    }
    let time_zone = form.text("time_zone");
    let tz = Tz::from_str(&time_zone).ok();
    if tz.is_none() {
        errors.add("time_zone", ctx.t("settings-zone-invalid"));
    }
    let mut days = Vec::new();
    let mut week = Week([None; 7]);
    for index in 0..7 {
        let input = DayInput {
            index,
            open: form.text(&format!("open{index}")),
            close: form.text(&format!("close{index}")),
            closed: form.get(&format!("closed{index}")) == "1",
        };
        if !input.closed {
            match crate::support::hours::parse_opening(&format!("{}-{}", input.open, input.close)) {
                Ok(Some(Opening { open, close })) => week.0[index] = Some(Opening { open, close }),
                _ => errors.add(
                    ["day0", "day1", "day2", "day3", "day4", "day5", "day6"][index],
                    ctx.t("settings-hours-invalid"),
                ),
            }
        }
        days.push(input);
    }
    let (Some(minutes), Some(tz), true) = (minutes, tz, errors.is_empty()) else {
        let id = company.id;
        let holidays = state
            .db
            .run(move |conn| settings::holidays(conn, id).map_err(AppError::from))
            .await?;
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SettingsPage {
                ctx,
                company,
                target,
                time_zone,
                days,
                holidays,
                errors,
                zones: SUGGESTED_ZONES,
            },
        );
    };
    let id = company.id;
    state
        .db
        .write(move |conn| settings::save(conn, id, minutes, tz, &week).map_err(AppError::from))
        .await?;
    session::flash(&session, FlashKind::Success, "settings-saved");
    Ok(redirect(&format!(
        "/desk/companies/{}/settings",
        company.slug
    )))
}

pub async fn add_holiday(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let company = staff_company(&state, &user, path.into_inner()).await?;
    let back = format!("/desk/companies/{}/settings", company.slug);
    // A holiday is a day within a year back and five years ahead; anything
    // else is a typing mistake (or a date no database column can hold).
    let today = crate::db::now().date();
    let Some(day) = NaiveDate::parse_from_str(form.get("day").trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| *d >= today - chrono::Duration::days(366))
        .filter(|d| *d <= today + chrono::Duration::days(5 * 366))
    else {
        session::flash(&session, FlashKind::Error, "settings-holiday-invalid");
        return Ok(redirect(&back));
    };
    let name: String = form.text("name").chars().take(100).collect();
    let id = company.id;
    let added = state
        .db
        .write(move |conn| settings::add_holiday(conn, id, day, &name).map_err(AppError::from))
        .await?;
    let key = if added {
        "settings-holiday-added"
    } else {
        "settings-holiday-exists"
    };
    session::flash(&session, FlashKind::Success, key);
    Ok(redirect(&back))
}

pub async fn remove_holiday(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let (slug, holiday) = path.into_inner();
    let company = staff_company(&state, &user, slug).await?;
    let id = company.id;
    state
        .db
        .write(move |conn| settings::remove_holiday(conn, id, holiday).map_err(AppError::from))
        .await?;
    session::flash(&session, FlashKind::Success, "settings-holiday-removed");
    Ok(redirect(&format!(
        "/desk/companies/{}/settings",
        company.slug
    )))
}
