//! The figures page and its CSV exports: a period compared with the one
//! before it, charts, the daily table, and searches that found nothing.
//! Staff see their companies; admins see any company or all together.

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::{Duration, NaiveDate};

use crate::companies::model::Company;
use crate::db::now;
use crate::kernel::error::AppError;
use crate::kernel::i18n::{decimal, Lang};
use crate::kernel::ids::CompanyId;
use crate::kernel::user::CurrentUser;
use crate::state::AppState;
use crate::support::charts::{Chart, Svg};
use crate::support::figures;
use crate::support::kpi::{self, Day, Summary};
use crate::web::layout::{render, Page, PageCtx};

const DEFAULT_DAYS: i64 = 30;
const MAX_DAYS: i64 = 366;
const MISSES_SHOWN: i64 = 20;
const OPEN_SHOWN: usize = 50;

/// The companies a user may see figures for.
fn visible(user: &CurrentUser, all: &[Company]) -> Vec<Company> {
    all.iter()
        .filter(|c| user.is_admin || user.is_staff_of(c.id))
        .cloned()
        .collect()
}

/// The earliest day a period may start: no figures are older, and dates
/// far outside the calendar the database and chrono share (a year of
/// -262143 parses) would overflow computing the previous period.
fn earliest_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The period asked for, or the last 30 days; and whether the request was
/// bad (not dates, reversed, longer than `MAX_DAYS`, before 2000 or more
/// than a year ahead).
fn period(query: &HashMap<String, String>) -> (NaiveDate, NaiveDate, bool) {
    let today = now().date();
    let sane = |day: &NaiveDate| *day >= earliest_day() && *day <= today + Duration::days(366);
    let parse = |name: &str| {
        query
            .get(name)
            .filter(|v| !v.is_empty())
            .map(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d"))
    };
    match (parse("from"), parse("to")) {
        (None, None) => (today - Duration::days(DEFAULT_DAYS - 1), today, false),
        (Some(Ok(from)), Some(Ok(to)))
            if sane(&from) && sane(&to) && from <= to && (to - from).num_days() < MAX_DAYS =>
        {
            (from, to, false)
        }
        _ => (today - Duration::days(DEFAULT_DAYS - 1), today, true),
    }
}

struct Scope {
    choices: Vec<Company>,
    selected: String,
    companies: Vec<CompanyId>,
    /// An administrator looking at all companies also sees the searches
    /// made from no company's page.
    site_wide: bool,
}

async fn scope(
    state: &AppState,
    user: &CurrentUser,
    query: &HashMap<String, String>,
) -> Result<Scope, AppError> {
    if !user.is_admin && user.staff_of.is_empty() {
        return Err(AppError::Denied("figures-staff-only"));
    }
    let all = state
        .db
        .run(|conn| crate::companies::model::all_companies(conn).map_err(AppError::from))
        .await?;
    let choices = visible(user, &all);
    let asked = query.get("company").cloned().unwrap_or_default();
    let (selected, companies) = match asked.parse::<CompanyId>() {
        Ok(id) if choices.iter().any(|c| c.id == id) => (asked, vec![id]),
        Ok(_) => return Err(AppError::Denied("figures-staff-only")),
        // No choice: everything the user may see (all companies for admins).
        Err(_) => ("all".to_string(), choices.iter().map(|c| c.id).collect()),
    };
    Ok(Scope {
        site_wide: user.is_admin && selected == "all",
        choices,
        selected,
        companies,
    })
}

struct Figures {
    current: Summary,
    previous: Summary,
    /// The period's questions still unanswered at its end.
    open: Vec<figures::StillOpen>,
    days: Vec<(NaiveDate, Day)>,
    score: Vec<(NaiveDate, Option<f64>)>,
    waiting: i64,
    oldest: Option<chrono::NaiveDateTime>,
    misses: Vec<(String, i64)>,
}

async fn compute(
    state: &AppState,
    companies: Vec<CompanyId>,
    site_wide: bool,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Figures, AppError> {
    state
        .db
        .run(move |conn| -> Result<Figures, AppError> {
            let (prev_from, prev_to) = kpi::previous_period(from, to);
            let summary = |conn: &mut crate::db::DbConn, from, to| -> Result<_, AppError> {
                let days = figures::days(conn, &companies, from, to)?;
                let only: Vec<Day> = days.iter().map(|(_, d)| *d).collect();
                let (waits, open) = figures::waits(conn, &companies, from, to)?;
                let customers = figures::customers(conn, &companies, from, to)?;
                Ok((kpi::summarize(&only, &waits, customers), days, open))
            };
            let (current, days, mut open) = summary(conn, from, to)?;
            let (previous, _, _) = summary(conn, prev_from, prev_to)?;
            // The longest waiting first, as many as a page can show.
            open.sort_by_key(|o| std::cmp::Reverse(o.wall_secs));
            open.truncate(OPEN_SHOWN);
            let before = figures::reviews_before(conn, &companies, from)?;
            let score = kpi::score_over_time(before, &days);
            let (waiting, oldest) = figures::waiting_now(conn, &companies)?;
            let misses =
                figures::search_misses(conn, &companies, site_wide, from, to, MISSES_SHOWN)?;
            Ok(Figures {
                current,
                previous,
                open,
                days,
                score,
                waiting,
                oldest,
                misses,
            })
        })
        .await
}

/// One line of the summary table, formatted for people.
pub struct Row {
    pub label: String,
    pub current: String,
    pub previous: String,
}

/// A share as the language writes it ("82 %", with a no-break space).
fn percent(lang: Lang, value: Option<f64>) -> String {
    value.map_or("–".into(), |v| {
        format!("{}\u{a0}%", decimal(lang, v * 100.0, 0))
    })
}

fn rating(lang: Lang, value: Option<f64>) -> String {
    value.map_or("–".into(), |v| decimal(lang, v, 2))
}

fn summary_rows(ctx: &PageCtx, a: &Summary, b: &Summary) -> Vec<Row> {
    let time = |v: Option<f64>| v.map_or("–".into(), |s| ctx.duration(&(s.round() as i64)));
    let count = |v: i64| ctx.number(&v);
    let rows: Vec<(&str, String, String)> = vec![
        ("figures-questions", count(a.questions), count(b.questions)),
        ("figures-answered", count(a.answered), count(b.answered)),
        (
            "figures-unanswered",
            count(a.unanswered),
            count(b.unanswered),
        ),
        (
            "figures-no-answer-needed",
            count(a.no_answer_needed),
            count(b.no_answer_needed),
        ),
        (
            "figures-average-office",
            time(a.average_office_secs),
            time(b.average_office_secs),
        ),
        (
            "figures-average-wall",
            time(a.average_secs),
            time(b.average_secs),
        ),
        (
            "figures-median-office",
            time(a.median_office_secs),
            time(b.median_office_secs),
        ),
        (
            "figures-median-wall",
            time(a.median_secs),
            time(b.median_secs),
        ),
        (
            "figures-p90-office",
            time(a.p90_office_secs),
            time(b.p90_office_secs),
        ),
        ("figures-p90-wall", time(a.p90_secs), time(b.p90_secs)),
        (
            "figures-with-open-median-office",
            time(a.with_open_median_office_secs),
            time(b.with_open_median_office_secs),
        ),
        (
            "figures-with-open-p90-office",
            time(a.with_open_p90_office_secs),
            time(b.with_open_p90_office_secs),
        ),
        (
            "figures-with-open-median-wall",
            time(a.with_open_median_secs),
            time(b.with_open_median_secs),
        ),
        (
            "figures-with-open-p90-wall",
            time(a.with_open_p90_secs),
            time(b.with_open_p90_secs),
        ),
        (
            "figures-in-target",
            percent(ctx.lang, a.in_target_share),
            percent(ctx.lang, b.in_target_share),
        ),
        (
            "figures-new-customers",
            percent(ctx.lang, a.new_share),
            percent(ctx.lang, b.new_share),
        ),
        (
            "figures-returning-customers",
            percent(ctx.lang, a.returning_share),
            percent(ctx.lang, b.returning_share),
        ),
        (
            "figures-high-satisfaction",
            percent(ctx.lang, a.high_share),
            percent(ctx.lang, b.high_share),
        ),
        (
            "figures-low-satisfaction",
            percent(ctx.lang, a.low_share),
            percent(ctx.lang, b.low_share),
        ),
        ("figures-ratings", count(a.ratings), count(b.ratings)),
        ("figures-reviews", count(a.reviews), count(b.reviews)),
        (
            "figures-average-rating",
            rating(ctx.lang, a.average_rating),
            rating(ctx.lang, b.average_rating),
        ),
        (
            "figures-review-replies",
            count(a.review_replies),
            count(b.review_replies),
        ),
        (
            "figures-review-reply-time",
            time(a.average_reply_secs),
            time(b.average_reply_secs),
        ),
    ];
    rows.into_iter()
        .map(|(key, current, previous)| Row {
            label: ctx.t(key),
            current,
            previous,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "support/figures.html")]
pub struct FiguresPage {
    pub ctx: PageCtx,
    pub choices: Vec<Company>,
    pub selected: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub prev_from: NaiveDate,
    pub prev_to: NaiveDate,
    pub bad_period: bool,
    pub rows: Vec<Row>,
    pub waiting: i64,
    pub oldest_secs: Option<i64>,
    pub days: Vec<(NaiveDate, Day)>,
    pub score: Vec<Option<f64>>,
    pub misses: Vec<(String, i64)>,
    /// Each chart with its visible title.
    pub charts: Vec<(String, Svg)>,
    pub query: String,
    /// The period's questions unanswered at its end: (id, title as the
    /// viewer may read it, asked, office wait, clock wait).
    pub open: Vec<OpenRow>,
}

/// A question still unanswered at the end of the period, for its row.
pub struct OpenRow {
    pub thread: i64,
    pub title: String,
    pub asked: chrono::NaiveDateTime,
    pub office_secs: i64,
    pub wall_secs: i64,
}

impl FiguresPage {
    pub fn period_text(&self) -> String {
        format!("{} – {}", self.from, self.to)
    }

    pub fn previous_text(&self) -> String {
        format!("{} – {}", self.prev_from, self.prev_to)
    }

    pub fn average_office(&self, day: &Day) -> String {
        kpi::average(day.response_office_secs, day.answered)
            .map_or("–".into(), |s| self.ctx.duration(&(s.round() as i64)))
    }

    pub fn average_rating(&self, day: &Day) -> String {
        rating(
            self.ctx.lang,
            kpi::average(day.review_rating_sum, day.reviews),
        )
    }

    pub fn score_of(&self, index: &usize) -> String {
        rating(self.ctx.lang, self.score.get(*index).copied().flatten())
    }
}

fn charts(ctx: &PageCtx, f: &Figures) -> Vec<(String, Svg)> {
    let labels: Vec<String> = f
        .days
        .iter()
        .map(|(d, _)| d.format("%m-%d").to_string())
        .collect();
    let minutes: Vec<Option<f64>> = f
        .days
        .iter()
        .map(|(_, d)| kpi::average(d.response_office_secs, d.answered).map(|s| s / 60.0))
        .collect();
    let questions: Vec<Option<f64>> = f
        .days
        .iter()
        .map(|(_, d)| Some(d.questions as f64))
        .collect();
    let score: Vec<Option<f64>> = f.score.iter().map(|(_, s)| *s).collect();
    let answer_title = ctx.t("figures-chart-answer-time");
    let answer_desc = ctx.ta(
        "figures-chart-answer-time-desc",
        "value",
        summary_text(ctx, f.current.average_office_secs),
    );
    let questions_title = ctx.t("figures-chart-questions");
    let questions_desc = ctx.ta("figures-chart-questions-desc", "count", f.current.questions);
    let score_title = ctx.t("figures-chart-score");
    let score_desc = ctx.ta(
        "figures-chart-score-desc",
        "score",
        rating(ctx.lang, score.iter().rev().flatten().next().copied()),
    );
    let minutes_fmt = |v: f64| ctx.decimal(&v, 0);
    let count_fmt = |v: f64| ctx.decimal(&v, 0);
    let score_fmt = |v: f64| ctx.decimal(&v, 1);
    let day = ctx.t("figures-axis-day");
    let (minutes_axis, count_axis, score_axis) = (
        ctx.t("figures-axis-minutes"),
        ctx.t("figures-axis-questions"),
        ctx.t("figures-axis-score"),
    );
    let answer = Chart {
        id: "chart-answer-time",
        title: &answer_title,
        description: &answer_desc,
        labels: &labels,
        values: &minutes,
        format: &minutes_fmt,
        x_label: &day,
        y_label: &minutes_axis,
        legend: &ctx.t("figures-legend-answer-time"),
        top: None,
    }
    .line();
    let asked = Chart {
        id: "chart-questions",
        title: &questions_title,
        description: &questions_desc,
        labels: &labels,
        values: &questions,
        format: &count_fmt,
        x_label: &day,
        y_label: &count_axis,
        legend: &ctx.t("figures-legend-questions"),
        top: None,
    }
    .bars();
    let score_chart = Chart {
        id: "chart-score",
        title: &score_title,
        description: &score_desc,
        labels: &labels,
        values: &score,
        format: &score_fmt,
        x_label: &day,
        y_label: &score_axis,
        legend: &ctx.t("figures-legend-score"),
        top: Some(5.0),
    }
    .line();
    vec![
        (answer_title.clone(), answer),
        (questions_title.clone(), asked),
        (score_title.clone(), score_chart),
    ]
}

fn summary_text(ctx: &PageCtx, secs: Option<f64>) -> String {
    secs.map_or("–".into(), |s| ctx.duration(&(s.round() as i64)))
}

pub async fn page(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    query: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let scope = scope(&state, &user, &query).await?;
    // One company's figures read in its zone; several in the reader's.
    let ctx = match scope.companies.as_slice() {
        [company] => super::in_company_zone(&state, ctx, *company).await?,
        _ => ctx,
    };
    let (from, to, bad_period) = period(&query);
    let (prev_from, prev_to) = kpi::previous_period(from, to);
    let f = compute(&state, scope.companies, scope.site_wide, from, to).await?;
    let charts = charts(&ctx, &f);
    let rows = summary_rows(&ctx, &f.current, &f.previous);
    let at = now();
    let open = f
        .open
        .iter()
        .filter_map(|o| {
            Some(OpenRow {
                thread: o.thread.id.0,
                title: o.thread.title_for(Some(&user), ctx.lang)?,
                asked: o.thread.created_at,
                office_secs: o.office_secs,
                wall_secs: o.wall_secs,
            })
        })
        .collect();
    render(&FiguresPage {
        open,
        query: format!("company={}&from={from}&to={to}", scope.selected),
        choices: scope.choices,
        selected: scope.selected,
        from,
        to,
        prev_from,
        prev_to,
        bad_period,
        rows,
        waiting: f.waiting,
        oldest_secs: f.oldest.map(|o| (at - o).num_seconds().max(0)),
        score: f.score.iter().map(|(_, s)| *s).collect(),
        days: f.days,
        misses: f.misses,
        charts,
        ctx,
    })
}

/// A CSV field: quoted when needed, and never read as a formula by a
/// spreadsheet (search queries are typed by anyone).
pub fn csv_field(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

fn csv_line(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

fn minutes(secs: Option<f64>) -> String {
    secs.map_or(String::new(), |s| format!("{:.1}", s / 60.0))
}

fn fraction(value: Option<f64>) -> String {
    value.map_or(String::new(), |v| format!("{v:.4}"))
}

pub async fn export(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let scope = scope(&state, &user, &query).await?;
    let (from, to, _) = period(&query);
    let table = query.get("table").map(String::as_str).unwrap_or("summary");
    let f = compute(&state, scope.companies, scope.site_wide, from, to).await?;
    let mut out = String::new();
    match table {
        "daily" => {
            out.push_str(&csv_line(
                &[
                    "date",
                    "questions",
                    "answered",
                    "answered_in_target",
                    "no_answer_needed",
                    "average_minutes",
                    "average_office_minutes",
                    "ratings",
                    "ratings_high",
                    "ratings_low",
                    "reviews",
                    "average_rating",
                    "review_replies",
                    "score",
                ]
                .map(String::from),
            ));
            for ((date, d), (_, score)) in f.days.iter().zip(&f.score) {
                out.push_str(&csv_line(&[
                    date.to_string(),
                    d.questions.to_string(),
                    d.answered.to_string(),
                    d.answered_in_target.to_string(),
                    d.no_answer_needed.to_string(),
                    minutes(kpi::average(d.response_secs, d.answered)),
                    minutes(kpi::average(d.response_office_secs, d.answered)),
                    d.ratings.to_string(),
                    d.ratings_high.to_string(),
                    d.ratings_low.to_string(),
                    d.reviews.to_string(),
                    kpi::average(d.review_rating_sum, d.reviews)
                        .map_or(String::new(), |v| format!("{v:.2}")),
                    d.review_replies.to_string(),
                    score.map_or(String::new(), |v| format!("{v:.2}")),
                ]));
            }
        }
        "misses" => {
            out.push_str(&csv_line(&["query".into(), "searches".into()]));
            for (q, n) in &f.misses {
                out.push_str(&csv_line(&[q.clone(), n.to_string()]));
            }
        }
        "summary" => {
            out.push_str(&csv_line(&[
                "metric".into(),
                "period".into(),
                "previous_period".into(),
            ]));
            let (a, b) = (&f.current, &f.previous);
            let lines: Vec<(&str, String, String)> = vec![
                (
                    "questions",
                    a.questions.to_string(),
                    b.questions.to_string(),
                ),
                ("answered", a.answered.to_string(), b.answered.to_string()),
                (
                    "unanswered",
                    a.unanswered.to_string(),
                    b.unanswered.to_string(),
                ),
                (
                    "no_answer_needed",
                    a.no_answer_needed.to_string(),
                    b.no_answer_needed.to_string(),
                ),
                (
                    "average_office_minutes",
                    minutes(a.average_office_secs),
                    minutes(b.average_office_secs),
                ),
                (
                    "average_minutes",
                    minutes(a.average_secs),
                    minutes(b.average_secs),
                ),
                (
                    "median_office_minutes",
                    minutes(a.median_office_secs),
                    minutes(b.median_office_secs),
                ),
                (
                    "median_minutes",
                    minutes(a.median_secs),
                    minutes(b.median_secs),
                ),
                (
                    "p90_office_minutes",
                    minutes(a.p90_office_secs),
                    minutes(b.p90_office_secs),
                ),
                ("p90_minutes", minutes(a.p90_secs), minutes(b.p90_secs)),
                (
                    "median_office_minutes_with_unanswered",
                    minutes(a.with_open_median_office_secs),
                    minutes(b.with_open_median_office_secs),
                ),
                (
                    "p90_office_minutes_with_unanswered",
                    minutes(a.with_open_p90_office_secs),
                    minutes(b.with_open_p90_office_secs),
                ),
                (
                    "median_minutes_with_unanswered",
                    minutes(a.with_open_median_secs),
                    minutes(b.with_open_median_secs),
                ),
                (
                    "p90_minutes_with_unanswered",
                    minutes(a.with_open_p90_secs),
                    minutes(b.with_open_p90_secs),
                ),
                (
                    "share_in_target",
                    fraction(a.in_target_share),
                    fraction(b.in_target_share),
                ),
                (
                    "share_new_customers",
                    fraction(a.new_share),
                    fraction(b.new_share),
                ),
                (
                    "share_returning_customers",
                    fraction(a.returning_share),
                    fraction(b.returning_share),
                ),
                (
                    "share_high_satisfaction",
                    fraction(a.high_share),
                    fraction(b.high_share),
                ),
                (
                    "share_low_satisfaction",
                    fraction(a.low_share),
                    fraction(b.low_share),
                ),
                ("reviews", a.reviews.to_string(), b.reviews.to_string()),
                (
                    "average_rating",
                    fraction(a.average_rating),
                    fraction(b.average_rating),
                ),
                (
                    "review_replies",
                    a.review_replies.to_string(),
                    b.review_replies.to_string(),
                ),
                (
                    "average_review_reply_minutes",
                    minutes(a.average_reply_secs),
                    minutes(b.average_reply_secs),
                ),
                ("waiting_now", f.waiting.to_string(), String::new()),
            ];
            for (metric, x, y) in lines {
                out.push_str(&csv_line(&[metric.to_string(), x, y]));
            }
        }
        _ => return Err(AppError::BadRequest("figures-table-unknown")),
    }
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"tillit-{table}-{from}-{to}.csv\""),
        ))
        .body(out))
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("-1,5"), "\"'-1,5\"");
    }
}
