//! Sign-up, verification, login, logout, sessions, password reset, profile
//! and language — each on a fresh database.

use diesel::prelude::*;
use tillit::db::schema::{email_tokens, users};

use crate::common::{link_in, TestApp};

const GOOD_PASSWORD: &str = "correct horse battery staple";
const OTHER_PASSWORD: &str = "lingonberry kayak thunder 7";

/// The page with everything that differs between two requests (tokens) removed.
fn without_tokens(body: &str) -> String {
    body.lines()
        .filter(|l| !l.contains("csrf_token"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[actix_web::test]
async fn sign_up_verify_and_log_in() {
    let app = TestApp::new().await;
    let browser = app.client();
    browser
        .get("/signup")
        .await
        .assert_status(200)
        .assert_has("Create an account");

    let resp = browser
        .post(
            "/signup",
            &[
                ("email", "  Karin@Example.SE "),
                ("display_name", "Karin"),
                ("password", GOOD_PASSWORD),
            ],
        )
        .await;
    resp.assert_status(200).assert_has("Check your inbox");

    let stored: (String, Option<chrono::NaiveDateTime>) = app.db(|c| {
        users::table
            .select((users::email, users::email_verified_at))
            .first(c)
            .expect("user row")
    });
    assert_eq!(stored.0, "karin@example.se", "address stored normalised");
    assert!(
        stored.1.is_none(),
        "not verified before the link is followed"
    );

    let mails = app.emails_to("karin@example.se").await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].subject.contains("Confirm"));
    let link =
        link_in(&mails[0].text, "/verify-email?token=").expect("verification link in text part");
    assert!(
        mails[0].html.contains("/verify-email?token="),
        "HTML part carries the link too"
    );

    // Following the link shows a button and changes nothing: mail scanners
    // fetch links, and a GET that verified would spend the token.
    let unverified = || {
        app.db(|c| {
            users::table
                .select(users::email_verified_at)
                .first::<Option<chrono::NaiveDateTime>>(c)
                .expect("user row")
        })
    };
    app.client()
        .get(&link)
        .await
        .assert_status(200)
        .assert_has("Confirm my address");
    browser.get(&link).await.assert_status(200);
    assert!(unverified().is_none(), "a GET verified the address");
    let token = link.split("token=").nth(1).expect("token in link");
    let after = browser.post("/verify-email", &[("token", token)]).await;
    assert_eq!(after.status, 303);
    assert_eq!(after.location(), "/login");
    browser
        .get("/login")
        .await
        .assert_has("Your email address is confirmed");

    let verified: Option<chrono::NaiveDateTime> = app.db(|c| {
        users::table
            .select(users::email_verified_at)
            .first(c)
            .expect("user row")
    });
    assert!(verified.is_some());

    // The link is single-use.
    app.client()
        .get(&link)
        .await
        .assert_status(400)
        .assert_has("This link does not work");

    let resp = browser
        .post(
            "/login",
            &[("email", "karin@example.se"), ("password", GOOD_PASSWORD)],
        )
        .await;
    assert_eq!(resp.status, 303);
    let account = browser.get("/account").await;
    account
        .assert_status(200)
        .assert_has("karin@example.se")
        .assert_lacks("Confirm your email address");
}

#[actix_web::test]
async fn sign_up_answers_the_same_for_a_taken_address() {
    let app = TestApp::new().await;
    app.create_user("mads@example.dk", "Mads", GOOD_PASSWORD, true);

    let fresh = app
        .client()
        .post(
            "/signup",
            &[
                ("email", "new@example.dk"),
                ("display_name", "New"),
                ("password", OTHER_PASSWORD),
            ],
        )
        .await;
    let taken = app
        .client()
        .post(
            "/signup",
            &[
                ("email", "MADS@example.dk"),
                ("display_name", "Other"),
                ("password", OTHER_PASSWORD),
            ],
        )
        .await;
    assert_eq!(fresh.status, taken.status);
    assert_eq!(without_tokens(&fresh.body), without_tokens(&taken.body));

    let count: i64 = app.db(|c| users::table.count().get_result(c).expect("count"));
    assert_eq!(count, 2, "no second account for the taken address");
    let mails = app.emails_to("mads@example.dk").await;
    assert_eq!(mails.len(), 1);
    assert!(
        mails[0].subject.contains("tried to sign up"),
        "{}",
        mails[0].subject
    );
    // The owner's password is unchanged.
    app.login("mads@example.dk", GOOD_PASSWORD).await;
}

#[actix_web::test]
async fn sign_up_errors_keep_what_was_typed() {
    let app = TestApp::new().await;
    let browser = app.client();
    let resp = browser
        .post(
            "/signup",
            &[
                ("email", "not-an-address"),
                ("display_name", "K"),
                ("password", "password1234"),
            ],
        )
        .await;
    resp.assert_status(422)
        .assert_has("value=\"not-an-address\"")
        .assert_has("value=\"K\"")
        .assert_has("Enter an email address like name@example.com.")
        .assert_has("Enter at least 2 characters.")
        .assert_has("one of the most common passwords");

    let resp = browser
        .post(
            "/signup",
            &[
                ("email", "ok@example.se"),
                ("display_name", "Karin Svensson"),
                ("password", "short"),
            ],
        )
        .await;
    resp.assert_status(422)
        .assert_has("at least 12 characters")
        .assert_has("value=\"ok@example.se\"");

    let long_name = "x".repeat(51);
    let resp = browser
        .post(
            "/signup",
            &[
                ("email", "ok@example.se"),
                ("display_name", long_name.as_str()),
                ("password", GOOD_PASSWORD),
            ],
        )
        .await;
    resp.assert_status(422)
        .assert_has("Enter at most 50 characters.")
        .assert_has(&long_name);

    let count: i64 = app.db(|c| users::table.count().get_result(c).expect("count"));
    assert_eq!(count, 0);
}

#[actix_web::test]
async fn invalid_utf8_in_a_form_is_reported_and_kept() {
    let app = TestApp::new().await;
    let browser = app.client();
    let token = browser.csrf().await;
    let body =
        format!("csrf_token={token}&email=bj%F6rn%40example.se&display_name=Bj%F6rn&password=x");
    let resp = browser
        .post_raw(
            "/signup",
            body.into_bytes(),
            "application/x-www-form-urlencoded",
        )
        .await;
    resp.assert_status(422)
        .assert_has("could not be read")
        .assert_has("Bj\u{FFFD}rn");
}

#[actix_web::test]
async fn wrong_password_and_unknown_account_look_the_same() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", GOOD_PASSWORD, true);
    let wrong = app
        .client()
        .post(
            "/login",
            &[
                ("email", "karin@example.se"),
                ("password", "wrong password here"),
            ],
        )
        .await;
    let unknown = app
        .client()
        .post(
            "/login",
            &[
                ("email", "nobody@example.se"),
                ("password", "wrong password here"),
            ],
        )
        .await;
    wrong
        .assert_status(422)
        .assert_has("The email address or password is wrong.");
    assert_eq!(unknown.status, wrong.status);
    let strip = |b: &str| {
        without_tokens(b)
            .replace("nobody@example.se", "X")
            .replace("karin@example.se", "X")
    };
    assert_eq!(strip(&wrong.body), strip(&unknown.body));
    assert!(
        wrong.has("value=\"karin@example.se\""),
        "the typed address is kept"
    );
}

#[actix_web::test]
async fn failed_logins_slow_down_per_account() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", GOOD_PASSWORD, true);
    for i in 0..5 {
        // From different addresses: the account limit must not depend on the address.
        let resp = app
            .client()
            .post(
                "/login",
                &[
                    ("email", "karin@example.se"),
                    ("password", "wrong password"),
                ],
            )
            .await;
        assert_eq!(resp.status, 422, "attempt {i}");
    }
    let blocked = app
        .client()
        .post(
            "/login",
            &[("email", "karin@example.se"), ("password", GOOD_PASSWORD)],
        )
        .await;
    blocked
        .assert_status(429)
        .assert_has("Too many failed attempts");
    assert!(blocked.header("retry-after").is_some());
    // An unknown account is throttled the same way, so throttling reveals nothing.
    for _ in 0..5 {
        app.client()
            .post(
                "/login",
                &[
                    ("email", "ghost@example.se"),
                    ("password", "wrong password"),
                ],
            )
            .await;
    }
    app.client()
        .post(
            "/login",
            &[
                ("email", "ghost@example.se"),
                ("password", "wrong password"),
            ],
        )
        .await
        .assert_status(429);
    // Other accounts are not affected.
    app.create_user("mads@example.dk", "Mads", GOOD_PASSWORD, true);
    app.login("mads@example.dk", GOOD_PASSWORD).await;
}

#[actix_web::test]
async fn failed_logins_slow_down_per_address() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", GOOD_PASSWORD, true);
    let attacker = app.client_at("192.0.2.7");
    for i in 0..20 {
        let email = format!("user{i}@example.se");
        let resp = attacker
            .post(
                "/login",
                &[("email", email.as_str()), ("password", "wrong password")],
            )
            .await;
        assert_eq!(resp.status, 422, "attempt {i}");
    }
    attacker
        .post(
            "/login",
            &[("email", "karin@example.se"), ("password", GOOD_PASSWORD)],
        )
        .await
        .assert_status(429);
    // The same account from another address still works.
    app.login("karin@example.se", GOOD_PASSWORD).await;
}

#[actix_web::test]
async fn logout_ends_the_session() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", GOOD_PASSWORD, true);
    let browser = app.login("karin@example.se", GOOD_PASSWORD).await;
    browser.get("/account").await.assert_status(200);
    let resp = browser.post("/logout", &[]).await;
    assert_eq!(resp.status, 303);
    let resp = browser.get("/account").await;
    assert_eq!(resp.status, 303);
    assert!(
        resp.location().starts_with("/login?next="),
        "{}",
        resp.location()
    );
}

#[actix_web::test]
async fn a_stolen_cookie_stops_working_after_logout_everywhere() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", GOOD_PASSWORD, true);
    let phone = app.login("karin@example.se", GOOD_PASSWORD).await;
    let laptop = app.login("karin@example.se", GOOD_PASSWORD).await;
    let stolen = phone.cookie("tillit_session").expect("session cookie");

    laptop
        .post("/account/logout-everywhere", &[])
        .await
        .assert_status(200)
        .assert_has("Logged out everywhere");
    assert_eq!(
        phone.get("/account").await.status,
        303,
        "the other session is revoked"
    );
    assert_eq!(laptop.get("/account").await.status, 303, "this session too");

    let thief = app.client();
    thief.set_cookie("tillit_session", &stolen);
    assert_eq!(
        thief.get("/account").await.status,
        303,
        "a copied cookie is revoked as well"
    );
}

#[actix_web::test]
async fn changing_the_password_revokes_other_sessions_only() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", GOOD_PASSWORD, true);
    let here = app.login("karin@example.se", GOOD_PASSWORD).await;
    let elsewhere = app.login("karin@example.se", GOOD_PASSWORD).await;

    let resp = here
        .post(
            "/account/password",
            &[
                ("current_password", "not my password"),
                ("new_password", OTHER_PASSWORD),
            ],
        )
        .await;
    resp.assert_status(422)
        .assert_has("The current password is wrong.");
    let resp = here
        .post(
            "/account/password",
            &[
                ("current_password", GOOD_PASSWORD),
                ("new_password", "qwertyuiop12"),
            ],
        )
        .await;
    resp.assert_status(422)
        .assert_has("too close to a commonly used password");

    let resp = here
        .post_follow(
            "/account/password",
            &[
                ("current_password", GOOD_PASSWORD),
                ("new_password", OTHER_PASSWORD),
            ],
        )
        .await;
    resp.assert_status(200)
        .assert_has("Your password has been changed");
    assert_eq!(
        elsewhere.get("/account").await.status,
        303,
        "other session revoked"
    );
    here.get("/account").await.assert_status(200);

    let mails = app.emails_to("karin@example.se").await;
    assert!(mails
        .iter()
        .any(|m| m.subject.contains("password was changed")));
    app.client()
        .post(
            "/login",
            &[("email", "karin@example.se"), ("password", GOOD_PASSWORD)],
        )
        .await
        .assert_status(422);
    app.login("karin@example.se", OTHER_PASSWORD).await;
}

#[actix_web::test]
async fn password_reset_by_email() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", GOOD_PASSWORD, true);
    let old_session = app.login("karin@example.se", GOOD_PASSWORD).await;
    let browser = app.client();

    browser.get("/password-reset").await.assert_status(200);
    browser
        .post("/password-reset", &[("email", "Karin@example.se")])
        .await
        .assert_status(200)
        .assert_has("If an account exists");
    let mails = app.emails_to("karin@example.se").await;
    assert_eq!(mails.len(), 1);
    let link = link_in(&mails[0].text, "/password-reset/confirm?token=").expect("reset link");
    let token = link.split("token=").nth(1).unwrap_or_default().to_string();

    browser
        .get(&link)
        .await
        .assert_status(200)
        .assert_has("Choose a new password");
    browser
        .post(
            "/password-reset/confirm",
            &[("token", token.as_str()), ("password", "karin karin karin")],
        )
        .await
        .assert_status(422)
        .assert_has("your name or email address");
    browser
        .post(
            "/password-reset/confirm",
            &[("token", token.as_str()), ("password", OTHER_PASSWORD)],
        )
        .await
        .assert_status(200)
        .assert_has("Your password has been changed");

    assert_eq!(
        old_session.get("/account").await.status,
        303,
        "sessions revoked by the reset"
    );
    app.login("karin@example.se", OTHER_PASSWORD).await;
    // Single use.
    browser
        .get(&link)
        .await
        .assert_status(400)
        .assert_has("This link does not work");
    browser
        .post(
            "/password-reset/confirm",
            &[
                ("token", token.as_str()),
                ("password", "another fine passphrase 9"),
            ],
        )
        .await
        .assert_status(400);
    app.login("karin@example.se", OTHER_PASSWORD).await;
}

#[actix_web::test]
async fn password_reset_reveals_nothing_about_unknown_addresses() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", GOOD_PASSWORD, true);
    let known = app
        .client()
        .post("/password-reset", &[("email", "karin@example.se")])
        .await;
    let unknown = app
        .client()
        .post("/password-reset", &[("email", "nobody@example.se")])
        .await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(without_tokens(&known.body), without_tokens(&unknown.body));
    let mails = app.emails().await;
    assert_eq!(mails.len(), 1, "only the existing account gets mail");
}

#[actix_web::test]
async fn expired_reset_links_do_not_work() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", GOOD_PASSWORD, true);
    app.client()
        .post("/password-reset", &[("email", "karin@example.se")])
        .await;
    let mails = app.emails_to("karin@example.se").await;
    let link = link_in(&mails[0].text, "/password-reset/confirm?token=").expect("reset link");
    let past = chrono::Utc::now().naive_utc() - chrono::Duration::minutes(1);
    app.db(|c| {
        diesel::update(email_tokens::table)
            .set(email_tokens::expires_at.eq(past))
            .execute(c)
            .expect("expire")
    });
    app.client()
        .get(&link)
        .await
        .assert_status(400)
        .assert_has("has expired");
}

#[actix_web::test]
async fn emails_to_one_address_are_rate_limited() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", GOOD_PASSWORD, true);
    for _ in 0..5 {
        app.client()
            .post("/password-reset", &[("email", "karin@example.se")])
            .await
            .assert_status(200);
    }
    assert_eq!(
        app.emails_to("karin@example.se").await.len(),
        3,
        "at most three emails an hour"
    );
}

#[actix_web::test]
async fn sign_ups_from_one_address_are_rate_limited() {
    let app = TestApp::new().await;
    let browser = app.client_at("198.51.100.4");
    for i in 0..10 {
        let email = format!("person{i}@example.se");
        browser
            .post(
                "/signup",
                &[
                    ("email", email.as_str()),
                    ("display_name", "Person"),
                    ("password", GOOD_PASSWORD),
                ],
            )
            .await
            .assert_status(200);
    }
    browser
        .post(
            "/signup",
            &[
                ("email", "one-more@example.se"),
                ("display_name", "Person"),
                ("password", GOOD_PASSWORD),
            ],
        )
        .await
        .assert_status(429)
        .assert_has("Too many attempts");
    app.client()
        .post(
            "/signup",
            &[
                ("email", "elsewhere@example.se"),
                ("display_name", "Person"),
                ("password", GOOD_PASSWORD),
            ],
        )
        .await
        .assert_status(200);
}

#[actix_web::test]
async fn verification_email_can_be_sent_again() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", GOOD_PASSWORD, false);
    let browser = app.login("karin@example.se", GOOD_PASSWORD).await;
    browser
        .get("/account")
        .await
        .assert_has("Confirm your email address");
    browser
        .post_follow("/account/verify-email", &[])
        .await
        .assert_has("We have sent you a new confirmation email.");
    let mails = app.emails_to("karin@example.se").await;
    let link = link_in(&mails[0].text, "/verify-email?token=").expect("link");
    browser.get(&link).await.assert_has("Confirm my address");
    let token = link.split("token=").nth(1).expect("token in link");
    let resp = browser.post("/verify-email", &[("token", token)]).await;
    assert_eq!(resp.location(), "/account");
    browser
        .get("/account")
        .await
        .assert_lacks("Confirm your email address");
}

#[actix_web::test]
async fn display_name_can_be_changed() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", GOOD_PASSWORD, true);
    let browser = app.login("karin@example.se", GOOD_PASSWORD).await;
    browser
        .post("/account/profile", &[("display_name", "")])
        .await
        .assert_status(422)
        .assert_has("Enter at least 2 characters.");
    browser
        .post_follow("/account/profile", &[("display_name", "Karin S.")])
        .await
        .assert_has("Your profile has been saved.")
        .assert_has("Karin S.");
}

#[actix_web::test]
async fn the_language_follows_the_switch_the_account_and_the_browser() {
    let app = TestApp::new().await;
    let visitor = app.client();
    *visitor.accept_language.borrow_mut() = Some("da-DK,da;q=0.9,en;q=0.5".into());
    visitor
        .get("/login")
        .await
        .assert_has("Log ind")
        .assert_has("lang=\"da\"");

    let resp = visitor
        .post("/language", &[("lang", "sv"), ("next", "/login")])
        .await;
    assert_eq!(resp.status, 303);
    assert_eq!(resp.location(), "/login");
    assert_eq!(visitor.cookie("lang").as_deref(), Some("sv"));
    visitor
        .get("/login")
        .await
        .assert_has("Logga in")
        .assert_has("lang=\"sv\"");

    // A logged-in user's choice is stored with the account and follows them.
    app.create_user("mads@example.dk", "Mads", GOOD_PASSWORD, true);
    let browser = app.login("mads@example.dk", GOOD_PASSWORD).await;
    browser
        .post("/language", &[("lang", "da"), ("next", "/account")])
        .await;
    let elsewhere = app.login("mads@example.dk", GOOD_PASSWORD).await;
    elsewhere.get("/account").await.assert_has("Din konto");

    // Unknown languages and foreign redirect targets are refused.
    visitor
        .post("/language", &[("lang", "xx"), ("next", "/")])
        .await
        .assert_status(400);
    let resp = visitor
        .post("/language", &[("lang", "en"), ("next", "//evil.example/")])
        .await;
    assert_eq!(resp.location(), "/");
}
