//! The figures on a hand-computed fixture, through the rollup job and the
//! CSV exports; who may see which company's figures.

use chrono::Duration;
use diesel::prelude::*;
use tillit::db::schema::{answer_ratings, posts, review_replies, reviews, search_misses};
use tillit::support::hours::Week;

use crate::desk::{answer, at, question, set_hours, world, PASSWORD};

/// The week of Monday 2 November 2026, office hours weekdays 08–17 UTC,
/// target 30 minutes:
/// - T1 Mon 09:00, answered 09:10 (10 min; office 10), rated 5;
/// - T2 Mon 10:00, answered 10:20 (20 min; office 20), rated 2;
/// - T3 Fri 16:30, answered Mon 9 Nov 08:30 (3 840 min; office 30 + 30 = 60, over target);
/// - T4 Tue 11:00, "no answer needed";
/// - T5 Wed 12:00, still waiting; Olle replies in it on Wednesday.
///
/// Olle also asked once the week before (the previous period), so of the
/// three active customers (Karin, Mads, Olle) two are new.
/// Reviews: Karin 4 stars on Tuesday, Mads 2 stars on Thursday, the company
/// replies to Karin's two hours later.
#[actix_web::test]
async fn the_figures_match_a_hand_computed_fixture() {
    let w = world().await;
    let app = &w.app;
    let olle = app.create_user("olle@example.se", "Olle", PASSWORD, true);
    set_hours(app, w.nordlys, Week::default(), 30);
    let t1 = question(
        app,
        w.nordlys,
        w.karin,
        "First question",
        at("2026-11-02 09:00"),
    );
    let a1 = answer(app, t1, w.anna, w.nordlys, at("2026-11-02 09:10"));
    let t2 = question(
        app,
        w.nordlys,
        w.mads,
        "Second question",
        at("2026-11-02 10:00"),
    );
    let a2 = answer(app, t2, w.anna, w.nordlys, at("2026-11-02 10:20"));
    let t3 = question(
        app,
        w.nordlys,
        w.karin,
        "Third question",
        at("2026-11-06 16:30"),
    );
    answer(app, t3, w.erik, w.nordlys, at("2026-11-09 08:30"));
    let t4 = question(
        app,
        w.nordlys,
        w.mads,
        "Fourth: thanks",
        at("2026-11-03 11:00"),
    );
    app.db(|c| {
        tillit::support::desk::no_answer_needed(c, t4, "thanks", "", at("2026-11-03 11:05"))
            .expect("set aside")
    });
    let t5 = question(
        app,
        w.nordlys,
        w.karin,
        "Fifth question",
        at("2026-11-04 12:00"),
    );
    question(
        app,
        w.nordlys,
        olle,
        "Olle's earlier question",
        at("2026-10-28 12:00"),
    );
    // Olle's reply in the fifth thread on Wednesday.
    let t5_row = app.db(|c| {
        tillit::forum::model::find_thread(c, t5)
            .expect("q")
            .expect("t5")
    });
    let html = tillit::kernel::markdown::render("Same here.");
    let reply = tillit::forum::model::NewReply {
        thread: &t5_row,
        author: olle,
        as_company: None,
        quote: None,
        body_source: "Same here.",
        body_html: &html,
    };
    let olle_post = app.db(|c| tillit::forum::model::add_reply(c, &reply).expect("reply"));
    app.db(|c| {
        diesel::update(posts::table.find(olle_post))
            .set(posts::created_at.eq(at("2026-11-04 13:00")))
            .execute(c)
            .expect("time");
        tillit::forum::model::rate_answer(c, t1, a1, w.karin, 5).expect("rate");
        tillit::forum::model::rate_answer(c, t2, a2, w.mads, 2).expect("rate");
        diesel::update(answer_ratings::table)
            .set(answer_ratings::created_at.eq(at("2026-11-02 12:00")))
            .execute(c)
            .expect("time");
    });
    for (author, rating, when) in [
        (w.karin, 4, "2026-11-03 09:00"),
        (w.mads, 2, "2026-11-05 09:00"),
    ] {
        let html = tillit::kernel::markdown::render("A review of the service here.");
        let input = tillit::reviews::model::ReviewInput {
            rating,
            title: "A review",
            body_source: "A review of the service here.",
            body_html: &html,
            experience_date: None,
            reference: None,
        };
        let id = app.db(|c| {
            tillit::reviews::model::create_review(c, w.nordlys, author, &input, None)
                .expect("q")
                .expect("review")
        });
        app.db(|c| {
            diesel::update(reviews::table.find(id))
                .set(reviews::created_at.eq(at(when)))
                .execute(c)
                .expect("time")
        });
    }
    let karins = app.db(|c| {
        tillit::reviews::model::own_review(c, w.nordlys, w.karin)
            .expect("q")
            .expect("review")
    });
    let html = tillit::kernel::markdown::render("Thank you!");
    app.db(|c| {
        tillit::reviews::model::save_reply(c, &karins, w.anna, "Thank you!", &html).expect("reply");
        diesel::update(review_replies::table)
            .set(review_replies::created_at.eq(at("2026-11-03 11:00")))
            .execute(c)
            .expect("time");
        for (query, when) in [
            ("gift card", "2026-11-02 10:00"),
            ("refund", "2026-11-03 10:00"),
            ("gift card", "2026-11-04 10:00"),
            ("=cmd|calc", "2026-11-04 11:00"),
        ] {
            diesel::insert_into(search_misses::table)
                .values((
                    search_misses::query.eq(query),
                    search_misses::created_at.eq(at(when)),
                    search_misses::company_id.eq(Some(w.nordlys)),
                ))
                .execute(c)
                .expect("miss");
        }
    });
    let rows = app.db(|c| {
        tillit::support::rollup::rebuild(
            c,
            chrono::NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("date"),
        )
        .expect("rollup")
    });
    assert!(rows >= 5);

    let anna = app.login("anna@nordlys.example", PASSWORD).await;
    let query = format!("company={}&from=2026-11-02&to=2026-11-08", w.nordlys);
    let csv = anna
        .get(&format!("/figures/export.csv?table=summary&{query}"))
        .await;
    csv.assert_status(200);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    let expected = [
        "metric,period,previous_period",
        "questions,5,1",
        "answered,3,0",
        "unanswered,1,1",
        "no_answer_needed,1,0",
        // Office (10 + 20 + 60) / 3 = 30 min; clock (10 + 20 + 3840) / 3 = 1290 min.
        "average_office_minutes,30.0,",
        "average_minutes,1290.0,",
        "median_office_minutes,20.0,",
        "median_minutes,20.0,",
        // The 90th percentile of three is the slowest: T3.
        "p90_office_minutes,60.0,",
        "p90_minutes,3840.0,",
        "share_in_target,0.6667,",
        // Olle was new in the previous period and returns in this one.
        "share_new_customers,0.6667,1.0000",
        "share_returning_customers,0.3333,0.0000",
        "share_high_satisfaction,0.5000,",
        "share_low_satisfaction,0.5000,",
        "reviews,2,0",
        "average_rating,3.0000,",
        "review_replies,1,0",
        "average_review_reply_minutes,120.0,",
    ];
    for line in expected {
        assert!(
            csv.body.lines().any(|l| l == line),
            "missing {line:?} in:\n{}",
            csv.body
        );
    }
    // T5 still waits (weeks by now): counted at its wait so far, it moves
    // the median from 20 to the middle of 10, 20, 60/3840 and its own wait.
    for prefix in [
        "median_office_minutes_with_unanswered,40.0,",
        "median_minutes_with_unanswered,1930.0,",
    ] {
        assert!(
            csv.body.lines().any(|l| l.starts_with(prefix)),
            "missing {prefix:?} in:\n{}",
            csv.body
        );
    }
    let p90_with_open: f64 = csv
        .body
        .lines()
        .find_map(|l| l.strip_prefix("p90_minutes_with_unanswered,"))
        .and_then(|rest| rest.split(',').next())
        .and_then(|v| v.parse().ok())
        .expect("p90 with the unanswered");
    assert!(p90_with_open > 3840.0, "{p90_with_open}");
    // Searches that found nothing, most frequent first, never a formula.
    let misses = anna
        .get(&format!("/figures/export.csv?table=misses&{query}"))
        .await;
    let lines: Vec<&str> = misses.body.lines().collect();
    assert_eq!(lines[1], "gift card,2");
    assert!(lines.contains(&"'=cmd|calc,1"), "{lines:?}");
    // The daily table has every day of the period.
    let daily = anna
        .get(&format!("/figures/export.csv?table=daily&{query}"))
        .await;
    assert_eq!(daily.body.lines().count(), 1 + 7);
    assert!(daily
        .body
        .lines()
        .any(|l| l.starts_with("2026-11-02,2,2,2,0,15.0,15.0,2,1,1,0,,0,")));
    // The page: the same figures, the charts with their text alternatives.
    let page = anna.get(&format!("/figures?{query}")).await;
    page.assert_status(200)
        .assert_has("30 min")
        .assert_has("67\u{a0}%")
        .assert_has("role=\"img\"")
        .assert_has("gift card")
        .assert_has("90th percentile, office hours")
        .assert_has("Asked in the period, still unanswered")
        .assert_has(&format!("<a href=\"/threads/{}\">Fifth question</a>", t5.0));
    // A period that cannot be read says so and shows the default.
    anna.get(&format!(
        "/figures?company={}&from=2026-11-09&to=2026-11-01",
        w.nordlys
    ))
    .await
    .assert_status(200)
    .assert_has("That period could not be used");
    // So does one far outside any calendar (this once overflowed and panicked).
    for (from, to) in [
        ("-262143-01-01", "-262143-01-31"),
        ("262142-12-01", "262142-12-31"),
        ("1900-01-01", "1900-01-31"),
    ] {
        anna.get(&format!(
            "/figures?company={}&from={from}&to={to}",
            w.nordlys
        ))
        .await
        .assert_status(200)
        .assert_has("That period could not be used");
        anna.get(&format!(
            "/figures/export.csv?table=daily&company={}&from={from}&to={to}",
            w.nordlys
        ))
        .await
        .assert_status(200);
    }
    // Other companies' staff and customers cannot see Nordlys's figures.
    let lars = app.login("lars@fjordbanken.example", PASSWORD).await;
    lars.get(&format!("/figures?{query}"))
        .await
        .assert_status(403);
    lars.get(&format!("/figures/export.csv?table=summary&{query}"))
        .await
        .assert_status(403);
    let karin = app.login("karin@example.se", PASSWORD).await;
    karin.get("/figures").await.assert_status(403);
    // Admins see every company, and all together.
    app.create_admin("admin@tillit.example", PASSWORD);
    let admin = app.login("admin@tillit.example", PASSWORD).await;
    let all = admin
        .get("/figures/export.csv?table=summary&company=all&from=2026-11-02&to=2026-11-08")
        .await;
    assert!(
        all.body.lines().any(|l| l == "questions,5,1"),
        "{}",
        all.body
    );
}

/// The periodic job fills the rollup the first time from the oldest
/// activity, then keeps the recent days current.
#[actix_web::test]
async fn the_rollup_job_backfills_then_refreshes_recent_days() {
    let w = world().await;
    let app = &w.app;
    let now = chrono::Utc::now().naive_utc();
    let old = question(
        app,
        w.nordlys,
        w.karin,
        "An old question",
        now - Duration::days(60),
    );
    answer(
        app,
        old,
        w.anna,
        w.nordlys,
        now - Duration::days(60) + Duration::minutes(5),
    );
    let written = app.db(|c| tillit::support::rollup::refresh(c, now).expect("refresh"));
    assert_eq!(written, 1);
    let recent = question(
        app,
        w.nordlys,
        w.mads,
        "A recent question",
        now - Duration::hours(1),
    );
    answer(app, recent, w.anna, w.nordlys, now - Duration::minutes(30));
    app.db(|c| tillit::support::rollup::refresh(c, now).expect("refresh"));
    let days: i64 = app.db(|c| {
        tillit::db::schema::support_daily::table
            .count()
            .get_result(c)
            .expect("count")
    });
    assert_eq!(days, 2);
    let office: Option<i64> = app.db(|c| {
        tillit::forum::model::find_thread(c, recent)
            .expect("q")
            .expect("thread")
            .first_response_office_secs
    });
    assert!(office.is_some(), "the job stores the office-hours wait");
}

#[actix_web::test]
async fn searches_that_find_nothing_belong_to_the_company_they_came_from_and_are_masked() {
    let w = world().await;
    let app = &w.app;
    let visitor = app.client();
    // From Nordlys's page, with an address and a phone number typed in.
    visitor
        .get("/search?q=karin.svensson%40example.se+0701234567+invoice&from=%2Fcompanies%2Fnordlys")
        .await
        .assert_status(200);
    // From Fjordbanken's forum section.
    visitor
        .get("/search?q=zzfjordmiss&from=%2Fforum%2Ffjordbanken")
        .await
        .assert_status(200);
    // From the home page: site-wide.
    visitor
        .get("/search?q=zzsitemiss&from=%2F")
        .await
        .assert_status(200);
    // The search form on a company's page names the page.
    let page = visitor.get("/companies/nordlys").await;
    page.assert_has("name=\"from\" value=\"/companies/nordlys\"");

    let today = tillit::db::now().date();
    let query = |company: &str| {
        format!(
            "/figures?company={company}&from={}&to={today}",
            today - chrono::Duration::days(1)
        )
    };
    let anna = app.login("anna@nordlys.example", PASSWORD).await;
    let nordlys = anna.get(&query(&w.nordlys.to_string())).await;
    nordlys
        .assert_status(200)
        .assert_has("[…] […] invoice")
        .assert_lacks("karin.svensson")
        .assert_lacks("0701234567")
        .assert_lacks("zzfjordmiss")
        .assert_lacks("zzsitemiss");
    let stored: Vec<String> = app.db(|c| {
        search_misses::table
            .select(search_misses::query)
            .load(c)
            .expect("misses")
    });
    assert!(
        stored.iter().all(|q| !q.contains("karin.svensson")),
        "{stored:?}"
    );

    let lars = app.login("lars@fjordbanken.example", PASSWORD).await;
    lars.get(&query(&w.fjord.to_string()))
        .await
        .assert_has("zzfjordmiss")
        .assert_lacks("invoice")
        .assert_lacks("zzsitemiss");

    app.create_admin("admin@tillit.example", PASSWORD);
    let admin = app.login("admin@tillit.example", PASSWORD).await;
    admin
        .get(&query("all"))
        .await
        .assert_has("zzsitemiss")
        .assert_has("zzfjordmiss")
        .assert_has("invoice");
}
