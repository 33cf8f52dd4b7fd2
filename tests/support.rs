//! The public response-time badge: the job's arithmetic on a hand-computed
//! fixture, and what the company page and the forum section say.

use chrono::Duration;
use diesel::prelude::*;
use tillit::db::schema::threads;
use tillit::kernel::ids::{CompanyId, UserId};

use crate::common::TestApp;

const PASSWORD: &str = "correct horse battery staple";

/// A thread in `company`'s section answered `answered_ago` minutes ago after
/// a wait of `waited` minutes.
fn answered_thread(
    app: &TestApp,
    company: CompanyId,
    author: UserId,
    waited: i64,
    answered_ago: i64,
) {
    let section = app.db(|c| {
        tillit::forum::model::company_section(c, company)
            .expect("q")
            .expect("section")
    });
    let html = tillit::kernel::markdown::render("question");
    let new = tillit::forum::model::NewThread {
        category: &section,
        author,
        title: "A question here",
        kind: tillit::forum::model::ThreadKind::Question,
        body_source: "question",
        body_html: &html,
    };
    let (id, _) = app.db(|c| tillit::forum::model::create_thread(c, &new).expect("thread"));
    let now = chrono::Utc::now().naive_utc();
    let answered = now - Duration::minutes(answered_ago);
    app.db(|c| {
        diesel::update(threads::table.find(id))
            .set((
                threads::created_at.eq(answered - Duration::minutes(waited)),
                threads::first_staff_answer_at.eq(Some(answered)),
                threads::first_response_secs.eq(Some(waited * 60)),
                threads::status.eq("answered"),
            ))
            .execute(c)
            .expect("answer")
    });
}

#[actix_web::test]
async fn the_badge_averages_the_last_hour_then_the_last_day() {
    let app = TestApp::new().await;
    let nordlys = app.create_company("Nordlys Energi", "nordlys");
    let fjord = app.create_company("Fjordbanken", "fjordbanken");
    app.create_company("Small Shop", "small-shop");
    let karin = app.create_user("karin@example.se", "Karin", PASSWORD, true);

    app.client()
        .get("/companies/nordlys")
        .await
        .assert_has("Typical response time: not measured yet.");

    // Nordlys: 10 and 20 minutes within the last hour, 60 minutes earlier today.
    answered_thread(&app, nordlys, karin, 10, 30);
    answered_thread(&app, nordlys, karin, 20, 10);
    answered_thread(&app, nordlys, karin, 60, 300);
    // Fjordbanken: only 40 minutes, five hours ago; and an old one outside the day.
    answered_thread(&app, fjord, karin, 40, 300);
    answered_thread(&app, fjord, karin, 5, 60 * 30);

    let updated = app.db(|c| {
        tillit::support::model::recompute(c, chrono::Utc::now().naive_utc()).expect("recompute")
    });
    assert_eq!(updated, 3);
    // As the job does after its run: the public pages show the new badges.
    app.state.pages.invalidate();
    let stored = app.db(|c| {
        tillit::support::model::response_time(c, nordlys)
            .expect("q")
            .expect("stored")
    });
    assert_eq!(
        (
            stored.average_secs,
            stored.answered_threads,
            stored.window_hours
        ),
        (Some(900), 2, 1)
    );
    let stored = app.db(|c| {
        tillit::support::model::response_time(c, fjord)
            .expect("q")
            .expect("stored")
    });
    assert_eq!(
        (
            stored.average_secs,
            stored.answered_threads,
            stored.window_hours
        ),
        (Some(2400), 1, 24)
    );

    let visitor = app.client();
    visitor
        .get("/companies/nordlys")
        .await
        .assert_has("Usually answers within 15 minutes (questions answered in the last hour");
    visitor
        .get("/forum/nordlys")
        .await
        .assert_has("Usually answers within 15 minutes");
    visitor
        .get("/companies/fjordbanken")
        .await
        .assert_has("Usually answers within 40 minutes (questions answered in the last 24 hours");
    visitor
        .get("/companies/small-shop")
        .await
        .assert_has("Not enough questions answered");
    visitor.accept_language.replace(Some("sv".into()));
    visitor
        .get("/companies/nordlys")
        .await
        .assert_has("Svarar oftast inom 15 minuter");

    // Recomputing replaces the stored value rather than adding a row.
    app.db(|c| {
        tillit::support::model::recompute(c, chrono::Utc::now().naive_utc()).expect("recompute")
    });
    let rows: i64 = app.db(|c| {
        tillit::db::schema::company_response_times::table
            .count()
            .get_result(c)
            .expect("count")
    });
    assert_eq!(rows, 3);
}
