//! Suspicious reviews over HTTP: signals stored with each review, the
//! verification queue, the request → answer → decision path, the deadline
//! job, the score exclusion, staff who cannot decide, and the reference that
//! never reaches a public page.

use diesel::prelude::*;
use tillit::db::schema::{companies, review_signals, reviews, users, verifications};
use tillit::kernel::ids::{CompanyId, ReviewId, UserId};

use crate::common::{link_in, Client, Resp, TestApp};

const PASSWORD: &str = "correct horse battery staple";

struct World {
    app: TestApp,
    nordlys: CompanyId,
}

/// Nordlys (Energy) with staff Anna, who is also a moderator; Fjordkraft
/// (Energy) with staff Lars; neutral moderators Maja and Olle; customers
/// Karin (an old account) and Mads.
async fn world() -> World {
    let app = TestApp::new().await;
    let nordlys = app.create_company("Nordlys Energi", "nordlys");
    let fjordkraft = app.create_company("Fjordkraft", "fjordkraft");
    app.db(|c| {
        diesel::update(companies::table)
            .set(companies::category.eq("Energy"))
            .execute(c)
            .expect("categories")
    });
    let anna = app.create_user("anna@nordlys.example", "Anna", PASSWORD, true);
    app.make_staff(anna, nordlys);
    let lars = app.create_user("lars@fjordkraft.example", "Lars", PASSWORD, true);
    app.make_staff(lars, fjordkraft);
    for (email, name) in [
        ("maja@tillit.example", "Maja"),
        ("olle@tillit.example", "Olle"),
    ] {
        let id = app.create_user(email, name, PASSWORD, true);
        set_moderator(&app, id);
    }
    set_moderator(&app, anna);
    let karin = app.create_user("karin@example.se", "Karin", PASSWORD, true);
    age_account(&app, karin, 400);
    app.create_user("mads@example.dk", "Mads", PASSWORD, true);
    World { app, nordlys }
}

fn set_moderator(app: &TestApp, user: UserId) {
    app.db(|c| {
        diesel::update(users::table.find(user))
            .set(users::is_moderator.eq(true))
            .execute(c)
            .expect("moderator")
    });
}

fn age_account(app: &TestApp, user: UserId, days: i64) {
    app.db(|c| {
        diesel::update(users::table.find(user))
            .set(users::created_at.eq(tillit::db::now() - chrono::Duration::days(days)))
            .execute(c)
            .expect("age")
    });
}

async fn login(app: &TestApp, email: &str) -> Client {
    app.login(email, PASSWORD).await
}

async fn login_at(app: &TestApp, email: &str, ip: &str) -> Client {
    let client = app.client_at(ip);
    client
        .post("/login", &[("email", email), ("password", PASSWORD)])
        .await
        .assert_status(303);
    client
}

async fn review(client: &Client, slug: &str, rating: &str, title: &str, body: &str) -> Resp {
    client
        .post(
            &format!("/companies/{slug}/reviews"),
            &[
                ("rating", rating),
                ("title", title),
                ("body", body),
                ("experience_date", "2026-10-01"),
                ("reference", "ORD-1234"),
                ("action", "post"),
            ],
        )
        .await
}

fn review_of(app: &TestApp, email: &str) -> ReviewId {
    app.db(|c| {
        reviews::table
            .inner_join(users::table)
            .filter(users::email.eq(email))
            .select(reviews::id)
            .first(c)
            .expect("review")
    })
}

fn open_entry(app: &TestApp, review: ReviewId) -> Option<(i64, i32, String)> {
    app.db(|c| {
        verifications::table
            .filter(verifications::review_id.eq(review))
            .order(verifications::id.desc())
            .select((
                verifications::id,
                verifications::lock_version,
                verifications::status,
            ))
            .first(c)
            .optional()
            .expect("entry")
    })
}

fn review_count(app: &TestApp, company: CompanyId) -> i32 {
    app.db(|c| {
        companies::table
            .find(company)
            .select(companies::review_count)
            .first(c)
            .expect("count")
    })
}

/// Karin reviews; Anna (the company) asks; Maja opens the entry: (review,
/// entry, lock, Karin, Maja, the entry's page).
async fn asked(w: &World) -> (ReviewId, i64, i32, Client, Client, Resp) {
    let karin = login(&w.app, "karin@example.se").await;
    review(
        &karin,
        "nordlys",
        "1",
        "Never again",
        "They cut the power by mistake for two days.",
    )
    .await
    .assert_status(303);
    let id = review_of(&w.app, "karin@example.se");
    let anna = login(&w.app, "anna@nordlys.example").await;
    anna.post(&format!("/reviews/{id}/ask-verification"), &[])
        .await
        .assert_status(303);
    let (entry, lock, status) = open_entry(&w.app, id).expect("queued by the company");
    assert_eq!(status, "queued");
    let maja = login(&w.app, "maja@tillit.example").await;
    let page = maja.get(&format!("/verification/{entry}")).await;
    (id, entry, lock, karin, maja, page)
}

/// Karin reviews; Anna (the company) asks; Maja sends the request.
async fn requested(w: &World) -> (ReviewId, i64, Client, Client) {
    let (id, entry, lock, karin, maja, page) = asked(w).await;
    // The text offered is the request itself: the email adds the greeting.
    page.assert_status(200)
        .assert_has("the company asked")
        .assert_has("Thank you for your review of Nordlys")
        .assert_lacks("Hello Karin");
    let lock = lock.to_string();
    maja.post(
        &format!("/verification/{entry}/request"),
        &[
            ("lock_version", lock.as_str()),
            (
                "message",
                "Hello Karin, could you tell us when this happened and give your customer number?",
            ),
            ("days", "14"),
        ],
    )
    .await
    .assert_status(303);
    (id, entry, karin, maja)
}

async fn answer_link(app: &TestApp) -> String {
    let mails = app.emails_to("karin@example.se").await;
    let mail = mails
        .iter()
        .rev()
        .find(|m| m.subject == "Please verify your review")
        .expect("request email");
    assert!(mail.text.contains("could you tell us when this happened"));
    link_in(&mail.text, "/verify-review/").expect("link")
}

fn lock_of(app: &TestApp, entry: i64) -> String {
    app.db(|c| {
        verifications::table
            .find(entry)
            .select(verifications::lock_version)
            .first::<i32>(c)
            .expect("lock")
            .to_string()
    })
}

/// The text a moderator is offered, as the verification page shows it.
fn offered_message(page: &str) -> String {
    let start = page.find("name=\"message\"").expect("message field");
    let open = start + page[start..].find('>').expect("textarea") + 1;
    let close = open + page[open..].find("</textarea>").expect("textarea end");
    page[open..close]
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[actix_web::test]
async fn the_offered_request_emails_one_greeting_and_one_word_on_the_waiting_review() {
    let w = world().await;
    let (_, entry, lock, karin, maja, page) = asked(&w).await;
    let message = offered_message(&page.body);
    let lock = lock.to_string();
    maja.post(
        &format!("/verification/{entry}/request"),
        &[
            ("lock_version", lock.as_str()),
            ("message", &message),
            ("days", "14"),
        ],
    )
    .await
    .assert_status(303);
    let mails = w.app.emails_to("karin@example.se").await;
    let mail = mails
        .iter()
        .find(|m| m.subject == "Please verify your review")
        .expect("request email");
    assert_eq!(mail.text.matches("Hello Karin").count(), 1, "{}", mail.text);
    assert_eq!(
        mail.text.matches("stays published").count(),
        1,
        "{}",
        mail.text
    );
    // A notice with a deadline: it says why it cannot be turned off, without
    // calling itself a security email, and offers no unsubscribe.
    assert!(mail.text.contains("We must tell you"), "{}", mail.text);
    assert!(!mail.text.contains("security"));
    assert!(mail.list_unsubscribe.is_none());
    // It is in Karin's notification centre too.
    karin
        .get("/notifications")
        .await
        .assert_has("Please verify your review “Never again”.");
}

#[actix_web::test]
async fn request_answer_and_verified_label() {
    let w = world().await;
    let (id, entry, karin, maja) = requested(&w).await;
    let public = w.app.client().get("/companies/nordlys").await;
    public
        .assert_has("badge label-pending-verification")
        .assert_has("Never again");
    let link = answer_link(&w.app).await;
    let form = karin.get(&link).await;
    form.assert_status(200).assert_has("Verify your experience");
    // Too short an answer is refused, keeping what was typed.
    karin
        .post(&link, &[("text", "Yes"), ("reference", "CUST-77")])
        .await
        .assert_status(422)
        .assert_has("CUST-77");
    karin
        .post(
            &link,
            &[
                ("text", "It was on 1 October, the whole street lost power."),
                ("reference", "CUST-77"),
            ],
        )
        .await
        .assert_status(200)
        .assert_has("Thank you");
    // Single use.
    karin
        .post(
            &link,
            &[
                ("text", "Trying again with the same link."),
                ("reference", ""),
            ],
        )
        .await
        .assert_status(404);
    // The reference: the company's staff and moderators, never the public.
    w.app
        .client()
        .get("/companies/nordlys")
        .await
        .assert_lacks("CUST-77")
        .assert_lacks("ORD-1234");
    login(&w.app, "mads@example.dk")
        .await
        .get("/companies/nordlys")
        .await
        .assert_lacks("CUST-77");
    login(&w.app, "anna@nordlys.example")
        .await
        .get("/companies/nordlys")
        .await
        .assert_has("CUST-77");
    maja.get(&format!("/verification/{entry}"))
        .await
        .assert_has("CUST-77")
        .assert_has("the whole street lost power");
    for path in [
        "/moderation/log",
        "/moderation/transparency",
        "/search?q=CUST",
    ] {
        w.app.client().get(path).await.assert_lacks("CUST-77");
    }
    let lock = lock_of(&w.app, entry);
    maja.post(
        &format!("/verification/{entry}/decide"),
        &[
            ("lock_version", lock.as_str()),
            ("outcome", "verified"),
            ("reason", ""),
        ],
    )
    .await
    .assert_status(303);
    let page = w.app.client().get("/companies/nordlys").await;
    page.assert_has("badge label-verified\"")
        .assert_lacks("badge label-pending-verification");
    assert_eq!(review_count(&w.app, w.nordlys), 1);
    let told = w.app.emails_to("karin@example.se").await;
    assert!(told
        .iter()
        .any(|m| m.text.contains("verified the experience")));
    assert_eq!(
        open_entry(&w.app, id).map(|e| e.2).as_deref(),
        Some("verified")
    );
}

#[actix_web::test]
async fn not_verified_reviews_stay_visible_out_of_the_score_and_can_be_appealed() {
    let w = world().await;
    let (id, entry, karin, maja) = requested(&w).await;
    assert_eq!(review_count(&w.app, w.nordlys), 1);
    let lock = lock_of(&w.app, entry);
    // A reason is required for "not verified".
    maja.post(
        &format!("/verification/{entry}/decide"),
        &[
            ("lock_version", lock.as_str()),
            ("outcome", "not-verified"),
            ("reason", ""),
        ],
    )
    .await
    .assert_status(422);
    maja.post(
        &format!("/verification/{entry}/decide"),
        &[
            ("lock_version", lock.as_str()),
            ("outcome", "not-verified"),
            ("reason", "The customer number given does not exist."),
        ],
    )
    .await
    .assert_status(303);
    assert_eq!(review_count(&w.app, w.nordlys), 0);
    w.app
        .client()
        .get("/companies/nordlys")
        .await
        .assert_has("Never again")
        .assert_has("badge label-not-verified")
        .assert_has("not counted");
    // The statement can be appealed; a different moderator reverses it.
    let decision: i64 = w.app.db(|c| {
        verifications::table
            .find(entry)
            .select(verifications::decision_id)
            .first::<Option<i64>>(c)
            .expect("decision")
            .expect("decision id")
    });
    karin
        .get(&format!("/notifications/{decision}"))
        .await
        .assert_has("could not be verified")
        .assert_has("You can appeal once");
    karin
        .post(
            &format!("/notifications/{decision}/appeal"),
            &[(
                "text",
                "I sent the wrong number; it is CUST-78, please look again.",
            )],
        )
        .await
        .assert_status(303);
    let (case, case_lock): (i64, i32) = w.app.db(|c| {
        tillit::db::schema::moderation_cases::table
            .filter(tillit::db::schema::moderation_cases::kind.eq("appeal"))
            .select((
                tillit::db::schema::moderation_cases::id,
                tillit::db::schema::moderation_cases::lock_version,
            ))
            .first(c)
            .expect("appeal")
    });
    let case_lock = case_lock.to_string();
    let fields = [
        ("lock_version", case_lock.as_str()),
        ("action", "reverse"),
        ("reason", "The corrected number exists."),
    ];
    maja.post(&format!("/moderation/cases/{case}"), &fields)
        .await
        .assert_status(422);
    let olle = login(&w.app, "olle@tillit.example").await;
    olle.post(&format!("/moderation/cases/{case}"), &fields)
        .await
        .assert_status(303);
    assert_eq!(review_count(&w.app, w.nordlys), 1);
    let _ = id;
}

#[actix_web::test]
async fn unanswered_requests_end_as_not_verified_after_the_deadline() {
    let w = world().await;
    let (id, entry, _, _) = requested(&w).await;
    let nothing = w
        .app
        .db(|c| tillit::verification::model::expire(c, tillit::db::now()).expect("expire"));
    assert!(nothing.is_empty());
    let later = tillit::db::now() + chrono::Duration::days(15);
    let told = w
        .app
        .db(|c| tillit::verification::model::expire(c, later).expect("expire"));
    assert_eq!(told.len(), 1);
    assert_eq!(
        open_entry(&w.app, id).map(|e| e.2).as_deref(),
        Some("not-verified")
    );
    assert_eq!(review_count(&w.app, w.nordlys), 0);
    let automatic: bool = w.app.db(|c| {
        tillit::db::schema::moderation_decisions::table
            .filter(tillit::db::schema::moderation_decisions::action.eq("not_verified"))
            .select(tillit::db::schema::moderation_decisions::automatic)
            .first(c)
            .expect("decision")
    });
    assert!(automatic);
    // The link is dead after the deadline.
    let link = answer_link(&w.app).await;
    w.app.client().get(&link).await.assert_status(404);
    let again = w
        .app
        .db(|c| tillit::verification::model::expire(c, later).expect("expire"));
    assert!(again.is_empty());
    let _ = entry;
}

#[actix_web::test]
async fn company_staff_can_ask_but_never_decide() {
    let w = world().await;
    let (_, entry, _, _) = requested(&w).await;
    let anna = login(&w.app, "anna@nordlys.example").await;
    anna.get("/verification")
        .await
        .assert_status(200)
        .assert_lacks(&format!("/verification/{entry}\""));
    anna.get(&format!("/verification/{entry}"))
        .await
        .assert_status(403);
    let lock = lock_of(&w.app, entry);
    for (path, fields) in [
        (
            format!("/verification/{entry}/decide"),
            vec![
                ("lock_version", lock.as_str()),
                ("outcome", "not-verified"),
                ("reason", "Fake"),
            ],
        ),
        (
            format!("/verification/{entry}/dismiss"),
            vec![("lock_version", lock.as_str())],
        ),
        (
            format!("/verification/{entry}/request"),
            vec![
                ("lock_version", lock.as_str()),
                ("message", "Please prove it, we think you lie."),
            ],
        ),
    ] {
        anna.post(&path, &fields).await.assert_status(403);
    }
    assert_eq!(
        open_entry(&w.app, review_of(&w.app, "karin@example.se"))
            .map(|e| e.2)
            .as_deref(),
        Some("requested")
    );
    // Staff of another company cannot ask about Nordlys's reviews.
    let lars = login(&w.app, "lars@fjordkraft.example").await;
    let id = review_of(&w.app, "karin@example.se");
    lars.post(&format!("/reviews/{id}/ask-verification"), &[])
        .await
        .assert_status(403);
}

#[actix_web::test]
async fn a_burst_of_new_accounts_enters_the_queue_and_a_genuine_review_does_not() {
    let w = world().await;
    // A genuine, angry one-star review from a long-standing customer.
    let karin = login(&w.app, "karin@example.se").await;
    review(
        &karin,
        "nordlys",
        "1",
        "Billing chaos",
        "Three wrong invoices since the summer, each fixed only after a call.",
    )
    .await
    .assert_status(303);
    let genuine = review_of(&w.app, "karin@example.se");
    assert!(open_entry(&w.app, genuine).is_none());
    // Five new accounts, one address, the same words, one evening.
    for n in 0..5 {
        let email = format!("burst{n}@example.com");
        w.app
            .create_user(&email, &format!("Burst {n}"), PASSWORD, true);
        let client = login_at(&w.app, &email, "203.0.113.9").await;
        review(
            &client,
            "nordlys",
            "1",
            "Scam company",
            "Terrible company, avoid them, they steal from every customer they have.",
        )
        .await
        .assert_status(303);
    }
    let queued: Vec<String> = w.app.db(|c| {
        verifications::table
            .inner_join(reviews::table.inner_join(users::table))
            .filter(verifications::trigger.eq("score"))
            .select(users::email)
            .load(c)
            .expect("queued")
    });
    assert!(queued.len() >= 4, "{queued:?}");
    assert!(!queued.contains(&"karin@example.se".to_string()));
    // The signals are stored with the review for the moderator.
    let last = review_of(&w.app, "burst4@example.com");
    let codes: Vec<String> = w.app.db(|c| {
        review_signals::table
            .filter(review_signals::review_id.eq(last))
            .select(review_signals::code)
            .load(c)
            .expect("signals")
    });
    for code in [
        "new-account",
        "first-action",
        "burst",
        "shared-origin",
        "near-duplicate",
    ] {
        assert!(
            codes.iter().any(|c| c == code),
            "{code} missing from {codes:?}"
        );
    }
    let maja = login(&w.app, "maja@tillit.example").await;
    let queue = maja.get("/verification").await;
    queue
        .assert_has("Scam company")
        .assert_has("Part of a burst")
        .assert_has("same address or browser");
    // The page shows them; nothing was hidden.
    let page = w.app.client().get("/companies/nordlys").await;
    assert_eq!(page.body.matches("Scam company").count(), 5);
}

#[actix_web::test]
async fn staff_of_a_competitor_and_fake_praise_are_signals() {
    let w = world().await;
    let lars = login(&w.app, "lars@fjordkraft.example").await;
    review(
        &lars,
        "nordlys",
        "1",
        "Awful",
        "Switch to another supplier, this one is awful.",
    )
    .await
    .assert_status(303);
    let id = review_of(&w.app, "lars@fjordkraft.example");
    let signals: Vec<(String, String)> = w.app.db(|c| {
        review_signals::table
            .filter(review_signals::review_id.eq(id))
            .select((review_signals::code, review_signals::detail))
            .load(c)
            .expect("signals")
    });
    assert!(signals.contains(&("competitor-staff".to_string(), "Fjordkraft".to_string())));
    assert!(
        open_entry(&w.app, id).is_some(),
        "a competitor's review is queued"
    );
    // A reviewer may offer verification without being asked.
    let karin = login(&w.app, "karin@example.se").await;
    review(
        &karin,
        "nordlys",
        "5",
        "Great",
        "Quick help when my meter broke last winter.",
    )
    .await
    .assert_status(303);
    let own = review_of(&w.app, "karin@example.se");
    karin
        .post(
            &format!("/reviews/{own}/verify"),
            &[
                (
                    "text",
                    "Meter replaced on 3 January, job number on the invoice.",
                ),
                ("reference", "JOB-9"),
            ],
        )
        .await
        .assert_status(303);
    assert_eq!(
        open_entry(&w.app, own).map(|e| e.2).as_deref(),
        Some("answered")
    );
    // Others cannot offer on Karin's behalf.
    let mads = login(&w.app, "mads@example.dk").await;
    mads.post(
        &format!("/reviews/{own}/verify"),
        &[
            ("text", "This is not my review at all, sorry."),
            ("reference", ""),
        ],
    )
    .await
    .assert_status(403);
}
