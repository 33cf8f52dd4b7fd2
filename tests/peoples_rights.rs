//! People's rights through the running product: legal notices from anyone,
//! appeals by reporters, measures against misuse of reporting, the data
//! export, erasure, retention and the age-weighted score.

use chrono::Duration;
use diesel::prelude::*;
use tillit::db::schema::{
    companies, data_exports, email_tokens, flags, legal_notices, moderation_cases, outbox,
    reporting_measures, reviews, search_misses, sessions, users,
};
use tillit::kernel::ids::UserId;

use crate::common::{link_in, Client, Resp, TestApp};
use crate::moderation::{clause_id, decide};

const PASSWORD: &str = "correct horse battery staple";

struct World {
    app: TestApp,
    thread: i64,
    opening: i64,
}

/// Nordlys with Anna on its staff, two neutral moderators, Karin who
/// opened a thread about her bill.
async fn world() -> World {
    let app = TestApp::new().await;
    let nordlys = app.create_company("Nordlys Energi", "nordlys");
    let anna = app.create_user("anna@nordlys.example", "Anna", PASSWORD, true);
    app.make_staff(anna, nordlys);
    for (email, name) in [
        ("maja@tillit.example", "Maja"),
        ("olle@tillit.example", "Olle"),
    ] {
        let id = app.create_user(email, name, PASSWORD, true);
        app.db(|c| {
            diesel::update(users::table.find(id))
                .set(users::is_moderator.eq(true))
                .execute(c)
                .expect("moderator")
        });
    }
    app.create_user("karin@example.se", "Karin", PASSWORD, true);
    app.age_account("karin@example.se", 30);
    let karin = app.login("karin@example.se", PASSWORD).await;
    let resp = karin
        .post(
            "/forum/nordlys/new",
            &[
                ("title", "Charged twice in October"),
                ("kind", "complaint"),
                (
                    "body",
                    "Nordlys charged me twice for October and nobody answers.",
                ),
                ("action", "post"),
            ],
        )
        .await;
    let thread: i64 = resp
        .location()
        .trim_start_matches("/threads/")
        .split(['/', '?', '#'])
        .next()
        .and_then(|id| id.parse().ok())
        .expect("thread id");
    let opening = app.db(|c| {
        tillit::db::schema::posts::table
            .filter(tillit::db::schema::posts::thread_id.eq(thread))
            .select(tillit::db::schema::posts::id)
            .first::<i64>(c)
            .expect("opening post")
    });
    World {
        app,
        thread,
        opening,
    }
}

/// The open case of a kind about an item: (id, lock version).
fn open_case_of(app: &TestApp, kind: &str, item_kind: &str, item: i64) -> Option<(i64, i32)> {
    app.db(|c| {
        moderation_cases::table
            .filter(moderation_cases::kind.eq(kind))
            .filter(moderation_cases::item_kind.eq(item_kind))
            .filter(moderation_cases::item_id.eq(item))
            .filter(moderation_cases::status.eq("open"))
            .select((moderation_cases::id, moderation_cases::lock_version))
            .first(c)
            .optional()
            .expect("case")
    })
}

/// Writes a review of Nordlys.
async fn review(client: &Client, rating: &str, title: &str, body: &str) -> Resp {
    client
        .post(
            "/companies/nordlys/reviews",
            &[
                ("rating", rating),
                ("title", title),
                ("body", body),
                ("action", "post"),
            ],
        )
        .await
}

fn report_appeals(app: &TestApp) -> i64 {
    app.db(|c| {
        tillit::db::schema::report_appeals::table
            .count()
            .get_result(c)
            .expect("appeals")
    })
}

async fn send_notice(client: &Client, item: &str, explanation: &str) -> Resp {
    client
        .post(
            "/notices/new",
            &[
                ("item", item),
                ("ground", "defamation"),
                ("explanation", explanation),
                ("name", "Per Olsson"),
                ("email", "per@example.org"),
                ("good_faith", "yes"),
            ],
        )
        .await
}

#[actix_web::test]
async fn a_visitor_without_an_account_sends_a_legal_notice_and_appeals_its_dismissal() {
    let w = world().await;
    let visitor = w.app.client();
    // The link is on the item and in the footer, for anyone.
    let thread_page = visitor.get(&format!("/threads/{}", w.thread)).await;
    thread_page.assert_has(&format!("/notices/new?item=post-{}", w.opening));
    thread_page.assert_has("href=\"/notices/new\"");
    let item = format!("post-{}", w.opening);
    visitor
        .get(&format!("/notices/new?item={item}"))
        .await
        .assert_status(200)
        .assert_has("Nordlys charged me twice");
    // Missing parts are named; nothing typed is lost.
    let refused = visitor
        .post(
            "/notices/new",
            &[
                ("item", item.as_str()),
                (
                    "explanation",
                    "It names me and says I stole money from them.",
                ),
                ("name", "Per Olsson"),
                ("email", "not an address"),
            ],
        )
        .await;
    refused
        .assert_status(422)
        .assert_has("Choose the legal ground")
        .assert_has("Confirm that you send the notice in good faith")
        .assert_has("It names me and says I stole money from them.");
    // An address typed by hand is read as the item it shows.
    let typed = visitor
        .post(
            "/notices/new",
            &[
                ("address", "https://elsewhere.example/companies/none"),
                ("ground", "other"),
                ("explanation", "Twenty characters at the very least."),
                ("name", "Per Olsson"),
                ("email", "per@example.org"),
                ("good_faith", "yes"),
            ],
        )
        .await;
    typed
        .assert_status(422)
        .assert_has("We found no public thread");

    send_notice(
        &visitor,
        &item,
        "It says I stole money from them, which is false.",
    )
    .await
    .assert_status(200)
    .assert_has("Check your email");
    // Unconfirmed, it is not in the queue.
    assert_eq!(open_case_of(&w.app, "flag", "post", w.opening), None);
    let mail = w.app.emails_to("per@example.org").await;
    assert_eq!(mail.len(), 1, "one confirmation email");
    let link = link_in(&mail[0].text, "/notices/").expect("notice link");
    // Following the link changes nothing (mail scanners fetch links).
    visitor
        .get(&link)
        .await
        .assert_status(200)
        .assert_has("Confirm my notice");
    assert_eq!(open_case_of(&w.app, "flag", "post", w.opening), None);
    visitor
        .post(&format!("{link}/confirm"), &[])
        .await
        .assert_status(303);
    let case = open_case_of(&w.app, "flag", "post", w.opening).expect("in the queue");
    let reporter: Option<i64> = w.app.db(|c| {
        flags::table
            .filter(flags::case_id.eq(Some(case.0)))
            .select(flags::flagger_id)
            .first(c)
            .expect("flag")
    });
    assert_eq!(reporter, None, "a notice is a report without an account");
    let acknowledged = w.app.emails_to("per@example.org").await;
    assert!(acknowledged[1]
        .text
        .contains("your notice (Defamation of a person) is confirmed"));

    let maja = w.app.login("maja@tillit.example", PASSWORD).await;
    maja.get("/moderation").await.assert_has("Legal notice");
    maja.get(&format!("/moderation/cases/{}", case.0))
        .await
        .assert_has("Legal notice")
        .assert_has("per@example.org")
        .assert_has("It says I stole money from them");
    decide(&maja, case, "dismiss", &clause_id(&w.app, 1), &[])
        .await
        .assert_status(303);
    // The decision and its reasons reach the sender, with a link to appeal.
    let decided = w.app.emails_to("per@example.org").await;
    assert_eq!(decided.len(), 3);
    assert!(decided[2]
        .text
        .contains("Names a person and accuses them of a crime."));
    let status_link = link_in(&decided[2].text, "/notices/").expect("status link");
    let status = visitor.get(&status_link).await;
    status
        .assert_status(200)
        .assert_has("The decision")
        .assert_has("you can appeal once");
    visitor
        .post(
            &format!("{status_link}/appeal"),
            &[(
                "text",
                "Karin's post accuses me by name; please read it again.",
            )],
        )
        .await
        .assert_status(303);
    let appeal_case =
        open_case_of(&w.app, "report-appeal", "post", w.opening).expect("reporter's appeal case");
    // Once only.
    visitor
        .post(
            &format!("{status_link}/appeal"),
            &[("text", "A second appeal about the same report.")],
        )
        .await;
    assert_eq!(report_appeals(&w.app), 1);
    // Not by the moderator who dismissed it.
    let own = decide(&maja, appeal_case, "dismiss", &clause_id(&w.app, 1), &[]).await;
    own.assert_status(422);
    assert!(open_case_of(&w.app, "report-appeal", "post", w.opening).is_some());
    let olle = w.app.login("olle@tillit.example", PASSWORD).await;
    olle.get(&format!("/moderation/cases/{}", appeal_case.0))
        .await
        .assert_has("The dismissal the reporter appeals")
        .assert_has("please read it again");
    decide(&olle, appeal_case, "keep", &clause_id(&w.app, 1), &[])
        .await
        .assert_status(303);
    // The statement goes to both the reporter and the author, and offers
    // no second appeal.
    let per = w.app.emails_to("per@example.org").await;
    assert_eq!(per.len(), 4);
    assert!(!per[3].text.contains("appeal once"), "{}", per[3].text);
    visitor
        .get(&status_link)
        .await
        .assert_lacks("you can appeal once");
    let karin_mail = w.app.emails_to("karin@example.se").await;
    assert!(
        karin_mail.iter().any(|m| m
            .text
            .contains("Names a person and accuses them of a crime.")),
        "the author is told too"
    );
    let transparency = w.app.client().get("/moderation/transparency").await;
    transparency
        .assert_has("Legal notices")
        .assert_has("Appeals against a dismissed report")
        .assert_lacks("Per Olsson")
        .assert_lacks("per@example.org");
}

/// Karin gives a bio and stops reply emails: what she set about herself.
async fn describe_herself(karin: &Client) {
    karin
        .post(
            "/account/profile",
            &[("display_name", "Karin"), ("bio", "Teacher in Umeå")],
        )
        .await
        .assert_status(303);
    karin
        .post("/account/notifications", &[("delivery-reply", "never")])
        .await
        .assert_status(303);
}

/// Mads reports Karin's opening post under clause 1 and Maja dismisses the
/// report (with `extra` fields): Mads, and the decision.
async fn dismissed_report(w: &World, extra: &[(&str, &str)]) -> (Client, i64) {
    w.app.create_user("mads@example.dk", "Mads", PASSWORD, true);
    let mads = w.app.login("mads@example.dk", PASSWORD).await;
    mads.post(
        &format!("/flag/post/{}", w.opening),
        &[
            ("clause", &clause_id(&w.app, 1)),
            ("note", "Names a person"),
        ],
    )
    .await
    .assert_status(303);
    let case = open_case_of(&w.app, "flag", "post", w.opening).expect("case");
    let maja = w.app.login("maja@tillit.example", PASSWORD).await;
    decide(&maja, case, "dismiss", &clause_id(&w.app, 1), extra)
        .await
        .assert_status(303);
    (mads, flag_decision(&w.app))
}

/// The decision the (one) report now rests on.
fn flag_decision(app: &TestApp) -> i64 {
    app.db(|c| {
        flags::table
            .select(flags::decision_id)
            .first::<Option<i64>>(c)
            .expect("flag")
            .expect("decided")
    })
}

#[actix_web::test]
async fn a_member_appeals_the_dismissal_of_their_report_once() {
    let w = world().await;
    let (mads, decision) = dismissed_report(&w, &[("unfounded", "yes")]).await;
    let page = mads.get(&format!("/notifications/{decision}")).await;
    page.assert_status(200)
        .assert_has("ask for your report to be looked at again");
    mads.post(
        &format!("/notifications/{decision}/appeal"),
        &[("text", "It does name a person; please look again.")],
    )
    .await
    .assert_status(303);
    let appeal_case =
        open_case_of(&w.app, "report-appeal", "post", w.opening).expect("appeal case");
    mads.get(&format!("/notifications/{decision}"))
        .await
        .assert_lacks("ask for your report to be looked at again");
    // The author of the item cannot appeal a dismissal in the reporter's place.
    let karin = w.app.login("karin@example.se", PASSWORD).await;
    karin
        .post(
            &format!("/notifications/{decision}/appeal"),
            &[("text", "I would like to appeal this too.")],
        )
        .await;
    assert_eq!(report_appeals(&w.app), 1);
    // Another moderator finds the report right after all: it no longer
    // counts as manifestly unfounded.
    let olle = w.app.login("olle@tillit.example", PASSWORD).await;
    decide(&olle, appeal_case, "keep", &clause_id(&w.app, 1), &[])
        .await
        .assert_status(303);
    let (outcome, unfounded): (Option<String>, bool) = w.app.db(|c| {
        flags::table
            .select((flags::outcome, flags::manifestly_unfounded))
            .first(c)
            .expect("flag")
    });
    assert_eq!(outcome.as_deref(), Some("upheld"));
    assert!(!unfounded, "an upheld report is not unfounded");
}

#[actix_web::test]
async fn a_dismissal_upheld_on_appeal_offers_no_second_appeal() {
    let w = world().await;
    let (mads, decision) = dismissed_report(&w, &[]).await;
    let first = w.app.emails_to("mads@example.dk").await;
    assert!(first.last().expect("outcome").text.contains("appeal once"));
    mads.post(
        &format!("/notifications/{decision}/appeal"),
        &[("text", "It does name a person; please look again.")],
    )
    .await
    .assert_status(303);
    let appeal_case =
        open_case_of(&w.app, "report-appeal", "post", w.opening).expect("appeal case");
    let olle = w.app.login("olle@tillit.example", PASSWORD).await;
    decide(&olle, appeal_case, "dismiss", &clause_id(&w.app, 1), &[])
        .await
        .assert_status(303);
    // The second outcome, by email and on its page, offers no further appeal;
    // nor does the first decision's page any more.
    let mails = w.app.emails_to("mads@example.dk").await;
    assert_eq!(mails.len(), first.len() + 1);
    let last = mails.last().expect("second outcome");
    assert!(!last.text.contains("appeal once"), "{}", last.text);
    let second = flag_decision(&w.app);
    assert_ne!(second, decision);
    for id in [decision, second] {
        mads.get(&format!("/notifications/{id}"))
            .await
            .assert_status(200)
            .assert_lacks("appeal once");
    }
}

#[actix_web::test]
async fn a_company_that_flags_every_negative_review_is_warned_then_suspended_and_the_reviews_stay()
{
    let w = world().await;
    let anna = w.app.login("anna@nordlys.example", PASSWORD).await;
    let maja = w.app.login("maja@tillit.example", PASSWORD).await;
    let clause = clause_id(&w.app, 6);
    // Defaults: a warning after 5 manifestly unfounded reports, a
    // suspension after 3 more.
    for n in 0..8 {
        let email = format!("customer{n}@example.se");
        w.app
            .create_user(&email, &format!("Customer {n}"), PASSWORD, true);
        w.app.age_account(&email, 30);
        let customer = w.app.login(&email, PASSWORD).await;
        review(
            &customer,
            "1",
            "Billed twice",
            "They billed me twice and support never answered my emails.",
        )
        .await
        .assert_status(303);
        let written: i64 = w.app.db(|c| {
            reviews::table
                .order(reviews::id.desc())
                .select(reviews::id)
                .first(c)
                .expect("review")
        });
        anna.post(
            &format!("/flag/review/{written}"),
            &[("clause", &clause), ("note", "Not a real customer")],
        )
        .await
        .assert_status(303);
        let case = open_case_of(&w.app, "flag", "review", written).expect("case");
        decide(&maja, case, "dismiss", &clause, &[("unfounded", "yes")])
            .await
            .assert_status(303);
        let measures: Vec<String> = w.app.db(|c| {
            reporting_measures::table
                .order(reporting_measures::id)
                .select(reporting_measures::kind)
                .load(c)
                .expect("measures")
        });
        let expected: &[&str] = match n {
            0..=3 => &[],
            4..=6 => &["warning"],
            _ => &["warning", "suspension"],
        };
        assert_eq!(measures, expected, "after report {}", n + 1);
    }
    // Each measure is a statement of reasons emailed to the company's staff.
    let mail = w.app.emails_to("anna@nordlys.example").await;
    assert!(mail
        .iter()
        .any(|m| m.subject == "A warning about your reports"));
    let suspension = mail
        .iter()
        .find(|m| m.subject == "Reporting suspended")
        .expect("suspension email");
    assert!(suspension.text.contains("Reporting is suspended until"));
    // Suspended: the next report is refused, and every review stays up.
    let last: i64 = w
        .app
        .db(|c| reviews::table.select(reviews::id).first(c).expect("review"));
    let refused = anna
        .post(
            &format!("/flag/review/{last}"),
            &[("clause", &clause), ("note", "Again")],
        )
        .await;
    refused
        .assert_status(403)
        .assert_has("Reporting is suspended");
    let (count, visible): (i32, i64) = w.app.db(|c| {
        let count = companies::table
            .select(companies::review_count)
            .first(c)
            .expect("company");
        let visible = reviews::table
            .filter(reviews::moderation_state.eq("visible"))
            .count()
            .get_result(c)
            .expect("visible");
        (count, visible)
    });
    assert_eq!((count, visible), (8, 8));
    // The company's own customers report as members, unaffected.
    let customer = w.app.login("customer0@example.se", PASSWORD).await;
    customer
        .post(
            &format!("/flag/post/{}", w.opening),
            &[
                ("clause", &clause_id(&w.app, 1)),
                ("note", "Names a person"),
            ],
        )
        .await
        .assert_status(303);
    // The transparency page shows the thresholds and how often they were used.
    let transparency = w.app.client().get("/moderation/transparency").await;
    transparency
        .assert_has("Manifestly unfounded reports before a warning")
        .assert_has("Warnings given</dt><dd>1</dd>")
        .assert_has("Suspensions of reporting</dt><dd>1</dd>");
    // An appeal to a neutral moderator lifts the suspension.
    let measure: i64 = w.app.db(|c| {
        reporting_measures::table
            .filter(reporting_measures::kind.eq("suspension"))
            .select(reporting_measures::id)
            .first(c)
            .expect("suspension")
    });
    anna.get(&format!("/reporting-measures/{measure}"))
        .await
        .assert_status(200)
        .assert_has("Reporting is suspended until");
    anna.post(
        &format!("/reporting-measures/{measure}/appeal"),
        &[(
            "text",
            "We now have a process for checking before we report.",
        )],
    )
    .await
    .assert_status(303);
    // Nobody at the company decides it.
    anna.post(
        &format!("/reporting-measures/{measure}/decide"),
        &[("action", "lift"), ("reason", "Mine")],
    )
    .await
    .assert_status(403);
    maja.get("/moderation")
        .await
        .assert_has(&format!("/reporting-measures/{measure}"));
    maja.post(
        &format!("/reporting-measures/{measure}/decide"),
        &[
            ("action", "lift"),
            ("reason", "A credible process is in place."),
        ],
    )
    .await
    .assert_status(303);
    let spam = clause_id(&w.app, 5);
    anna.post(
        &format!("/flag/review/{last}"),
        &[("clause", &spam), ("note", "Looks copied")],
    )
    .await
    .assert_status(303);
    // Counting starts afresh after the lifted measure: one more unfounded
    // report is not three.
    let case = open_case_of(&w.app, "flag", "review", last).expect("case");
    decide(&maja, case, "dismiss", &spam, &[("unfounded", "yes")])
        .await
        .assert_status(303);
    let measures: i64 = w.app.db(|c| {
        reporting_measures::table
            .count()
            .get_result(c)
            .expect("measures")
    });
    assert_eq!(measures, 2, "no new measure right after a lifted one");
}

fn user_id(app: &TestApp, email: &str) -> UserId {
    app.db(|c| {
        users::table
            .filter(users::email.eq(email))
            .select(users::id)
            .first(c)
            .expect("user")
    })
}

#[actix_web::test]
async fn my_data_is_prepared_in_the_background_and_fetched_once_by_its_owner() {
    let w = world().await;
    let karin = w.app.login("karin@example.se", PASSWORD).await;
    karin
        .get("/account/data")
        .await
        .assert_status(200)
        .assert_has("Download my data");
    // What she set about herself comes with her data.
    describe_herself(&karin).await;
    karin.post("/account/export", &[]).await.assert_status(303);
    // The request is prepared off the request path: the page shows progress
    // or, if the background task was quick, that it is ready.
    let progress = karin.get("/account/data").await;
    assert!(
        progress.has("Being prepared") || progress.has("Ready: we emailed you the link"),
        "{}",
        progress.body
    );
    // The job prepares what the request left (whoever gets there first).
    w.app.db(|c| {
        tillit::privacy::handlers::prepare_pending(
            c,
            "http://tillit.test",
            tillit::kernel::i18n::Lang::En,
        )
        .expect("prepared")
    });
    let mail = w.app.emails_to("karin@example.se").await;
    let ready = mail
        .iter()
        .find(|m| m.subject == "Your Tillit data is ready")
        .expect("ready email");
    let link = link_in(&ready.text, "/account/export/").expect("download link");
    // Only its owner, logged in.
    w.app.client().get(&link).await.assert_status(303);
    w.app.create_user("mads@example.dk", "Mads", PASSWORD, true);
    let mads = w.app.login("mads@example.dk", PASSWORD).await;
    mads.get(&link).await.assert_status(404);
    let download = karin.get(&link).await;
    download.assert_status(200);
    assert_eq!(download.header("content-type"), Some("application/zip"));
    // The body came back as text; the archive is stored, so its JSON is plain.
    assert!(download.body.contains("\"format\": \"tillit-export/1\""));
    assert!(download
        .body
        .contains("Nordlys charged me twice for October"));
    assert!(download.body.contains("karin@example.se"));
    assert!(download.body.contains("Teacher in Umeå"));
    assert!(download.body.contains("\"reply\": \"never\""));
    assert!(download.body.contains("tillit-data.html"));
    // Once.
    karin.get(&link).await.assert_status(404);
    let stored: Option<Vec<u8>> = w.app.db(|c| {
        data_exports::table
            .select(data_exports::archive)
            .first(c)
            .expect("export")
    });
    assert_eq!(stored, None, "the archive is gone after the download");
}

#[actix_web::test]
async fn an_erased_account_leaves_its_texts_as_a_former_members_and_nothing_that_names_it() {
    let w = world().await;
    let karin = w.app.login("karin@example.se", PASSWORD).await;
    review(
        &karin,
        "2",
        "Slow support",
        "Support took three weeks to answer a simple billing question.",
    )
    .await
    .assert_status(303);
    let id = user_id(&w.app, "karin@example.se");
    // The password is asked again; a wrong one changes nothing.
    karin
        .post("/account/erase", &[("password", "not my password")])
        .await
        .assert_status(422)
        .assert_has("current password is wrong");
    assert!(w.app.db(|c| {
        users::table
            .find(id)
            .select(users::erased_at)
            .first::<Option<chrono::NaiveDateTime>>(c)
            .expect("user")
            .is_none()
    }));
    describe_herself(&karin).await;
    karin
        .post("/account/erase", &[("password", PASSWORD)])
        .await
        .assert_status(200)
        .assert_has("Your account is deleted")
        .assert_lacks("Karin")
        .assert_lacks("Log out");
    let (email, name, sessions_left) = w.app.db(|c| {
        let (email, name): (String, String) = users::table
            .find(id)
            .select((users::email, users::display_name))
            .first(c)
            .expect("user");
        let left: i64 = sessions::table
            .filter(sessions::user_id.eq(id))
            .count()
            .get_result(c)
            .expect("sessions");
        (email, name, left)
    });
    assert_eq!(email, format!("erased-{}@erased.invalid", id.0));
    assert_eq!(name, "");
    assert_eq!(sessions_left, 0);
    // Her bio, email settings and notifications go too.
    let (bio, settings, notified) = w.app.db(|c| {
        let bio: Option<String> = users::table
            .find(id)
            .select(users::bio)
            .first(c)
            .expect("user");
        let settings: i64 = tillit::db::schema::notification_settings::table
            .filter(tillit::db::schema::notification_settings::user_id.eq(id))
            .count()
            .get_result(c)
            .expect("settings");
        let notified: i64 = tillit::db::schema::notifications::table
            .filter(tillit::db::schema::notifications::user_id.eq(id))
            .count()
            .get_result(c)
            .expect("notifications");
        (bio, settings, notified)
    });
    assert_eq!((bio, settings, notified), (None, 0, 0));
    // Logged out, and no way back in.
    karin.get("/account").await.assert_status(303);
    let again = w.app.client();
    let login = again
        .post(
            "/login",
            &[("email", "karin@example.se"), ("password", PASSWORD)],
        )
        .await;
    assert_ne!(login.status, 303, "an erased account cannot log in");
    // The texts stay, by a former member; the score keeps the review.
    let thread = w.app.client().get(&format!("/threads/{}", w.thread)).await;
    thread
        .assert_has("former member")
        .assert_has("Nordlys charged me twice")
        .assert_lacks("Karin");
    w.app
        .client()
        .get("/companies/nordlys")
        .await
        .assert_has("former member")
        .assert_has("three weeks");
}

#[actix_web::test]
async fn an_erasure_can_withdraw_the_texts_and_an_admin_erases_on_request() {
    let w = world().await;
    w.app.create_admin("admin@tillit.example", PASSWORD);
    let karin = w.app.login("karin@example.se", PASSWORD).await;
    review(
        &karin,
        "1",
        "Slow support",
        "Support took three weeks to answer a simple billing question.",
    )
    .await
    .assert_status(303);
    let id = user_id(&w.app, "karin@example.se");
    let admin = w.app.login("admin@tillit.example", PASSWORD).await;
    // Without the typed confirmation nothing happens.
    admin
        .post(
            &format!("/admin/users/{}/erase", id.0),
            &[("withdraw", "yes")],
        )
        .await
        .assert_status(303);
    assert_eq!(
        w.app.db(|c| users::table
            .find(id)
            .select(users::display_name)
            .first::<String>(c)
            .expect("user")),
        "Karin"
    );
    admin
        .post(
            &format!("/admin/users/{}/erase", id.0),
            &[("withdraw", "yes"), ("confirm", "erase")],
        )
        .await
        .assert_status(303);
    let thread = w.app.client().get(&format!("/threads/{}", w.thread)).await;
    thread.assert_lacks("Nordlys charged me twice");
    let count: i32 = w.app.db(|c| {
        companies::table
            .select(companies::review_count)
            .first(c)
            .expect("company")
    });
    assert_eq!(count, 0, "a withdrawn review leaves the score");
    // The audit log names who erased whom, by id only.
    let audited: i64 = w.app.db(|c| {
        tillit::db::schema::audit_log::table
            .filter(tillit::db::schema::audit_log::action.eq("erase_account"))
            .count()
            .get_result(c)
            .expect("audit")
    });
    assert_eq!(audited, 1);
}

#[actix_web::test]
async fn retention_removes_what_has_served_its_purpose_and_keeps_the_rest() {
    let w = world().await;
    let at = tillit::db::now();
    // Past the 90- and 30-day rules, within the 365-day ones.
    let old = at - Duration::days(100);
    let karin = user_id(&w.app, "karin@example.se");
    w.app.db(|c| {
        for created in [old, at] {
            diesel::insert_into(search_misses::table)
                .values((
                    search_misses::query.eq("heat pump"),
                    search_misses::created_at.eq(created),
                ))
                .execute(c)
                .expect("miss");
            diesel::insert_into(outbox::table)
                .values((
                    outbox::to_address.eq("karin@example.se"),
                    outbox::subject.eq("Old news"),
                    outbox::body_text.eq("Old body"),
                    outbox::body_html.eq("<p>Old body</p>"),
                    outbox::created_at.eq(created),
                    outbox::next_attempt_at.eq(created),
                    outbox::sent_at.eq(Some(created)),
                ))
                .execute(c)
                .expect("outbox");
            diesel::insert_into(email_tokens::table)
                .values((
                    email_tokens::user_id.eq(karin),
                    email_tokens::purpose.eq("verify_email"),
                    email_tokens::token_hash.eq(format!("hash-{created}")),
                    email_tokens::expires_at.eq(created),
                    email_tokens::created_at.eq(created),
                ))
                .execute(c)
                .expect("token");
        }
        let done = tillit::privacy::retention::apply(c, at).expect("retention");
        assert!(done >= 3, "{done}");
        let misses: i64 = search_misses::table.count().get_result(c).expect("misses");
        assert_eq!(misses, 1);
        let bodies: Vec<String> = outbox::table
            .filter(outbox::subject.eq("Old news"))
            .order(outbox::id)
            .select(outbox::body_text)
            .load(c)
            .expect("outbox");
        assert_eq!(
            bodies,
            vec![String::new(), "Old body".to_string()],
            "the old email keeps its record, not its body"
        );
        let tokens: i64 = email_tokens::table
            .filter(email_tokens::token_hash.like("hash-%"))
            .count()
            .get_result(c)
            .expect("tokens");
        // The recent one expires now, not seven days ago: it stays.
        assert_eq!(tokens, 1);
    });
    // An unconfirmed notice loses its sender after its period.
    let visitor = w.app.client();
    send_notice(
        &visitor,
        &format!("post-{}", w.opening),
        "It says I stole money, which is false.",
    )
    .await
    .assert_status(200);
    w.app.db(|c| {
        diesel::update(legal_notices::table)
            .set(legal_notices::created_at.eq(at - Duration::days(31)))
            .execute(c)
            .expect("age the notice");
        tillit::privacy::retention::apply(c, at).expect("retention");
        let (name, email): (String, String) = legal_notices::table
            .select((legal_notices::reporter_name, legal_notices::reporter_email))
            .first(c)
            .expect("notice");
        assert_eq!((name.as_str(), email.as_str()), ("", ""));
    });
}

#[test]
fn the_privacy_page_and_docs_list_every_retention_period() {
    let docs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/privacy.md"),
    )
    .expect("docs/privacy.md");
    for (key, days) in tillit::privacy::retention::PERIODS {
        let row = format!("| `{key}` | {days} |");
        assert!(docs.contains(&row), "docs/privacy.md lacks {row}");
    }
}

#[actix_web::test]
async fn the_score_weighs_a_recent_review_more_than_an_old_one() {
    let w = world().await;
    for (email, rating) in [("old@example.se", "5"), ("new@example.se", "1")] {
        w.app.create_user(email, "Reviewer", PASSWORD, true);
        w.app.age_account(email, 800);
        let client = w.app.login(email, PASSWORD).await;
        review(
            &client,
            rating,
            "My experience",
            "This is what happened to me as a customer of theirs.",
        )
        .await
        .assert_status(303);
    }
    // The 5-star review is a year old (one half-life): it weighs 0.5.
    w.app.db(|c| {
        diesel::update(reviews::table.filter(reviews::rating.eq(5)))
            .set(reviews::created_at.eq(tillit::db::now() - Duration::days(365)))
            .execute(c)
            .expect("age");
        let company = companies::table
            .select(companies::id)
            .first(c)
            .expect("company");
        tillit::reviews::model::recompute_totals(c, company).expect("recompute");
    });
    // (5 × 3.5 + 1 × 1 + 0.5 × 5) / (5 + 1.5) = 21 / 6.5 = 3.23; unweighted
    // it would be (17.5 + 6) / 7 = 3.36.
    let page = w.app.client().get("/companies/nordlys").await;
    page.assert_has(">3.2<").assert_has("halves every 365 days");
    w.app
        .client()
        .get("/about/reviews")
        .await
        .assert_has("halves every 365 days")
        .assert_has("= 3.3");
}
