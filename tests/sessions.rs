//! Sessions kept in the database: logging out ends a session on the
//! server (a copied cookie opens nothing afterwards), the account page
//! lists sessions and ends one, a password change or an administrator's
//! suspension ends exactly the sessions it should, sessions expire when
//! idle or old, and the cookies carry the right attributes.

use diesel::prelude::*;
use tillit::db::schema::{audit_log, sessions};
use tillit::mail::Mailer;

use crate::common::{Client, TestApp};

const PASSWORD: &str = "correct horse battery staple";
const NEW_PASSWORD: &str = "a brand new passphrase 2026";

/// A second browser holding a copy of `client`'s cookies (a stolen cookie).
fn copy_of(app: &TestApp, client: &Client) -> Client {
    let thief = app.client();
    for name in ["tillit_login", "tillit_session"] {
        if let Some(value) = client.cookie(name) {
            thief.set_cookie(name, &value);
        }
    }
    thief
}

fn open_sessions(app: &TestApp) -> i64 {
    app.db(|c| sessions::table.count().get_result(c).expect("count"))
}

fn is_logged_in(resp: &crate::common::Resp) -> bool {
    resp.status == 200 && resp.has("karin@example.se")
}

#[actix_web::test]
async fn a_copied_cookie_opens_nothing_after_logout() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", PASSWORD, true);
    let browser = app.login("karin@example.se", PASSWORD).await;
    let copy = copy_of(&app, &browser);
    assert!(
        is_logged_in(&copy.get("/account").await),
        "the copy works while logged in"
    );

    browser.post("/logout", &[]).await.assert_status(303);
    assert_eq!(open_sessions(&app), 0, "logout deleted the session row");
    let after = copy.get("/account").await;
    assert_eq!(after.status, 303, "copied cookie still opened /account");
    assert!(after.location().starts_with("/login"));
    // The browser that logged out was told to forget its cookie.
    assert!(browser.cookie("tillit_login").is_none());
}

#[actix_web::test]
async fn the_account_page_lists_sessions_and_ends_one() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", PASSWORD, true);
    app.create_user("olle@example.se", "Olle", PASSWORD, true);
    let laptop = app.login("karin@example.se", PASSWORD).await;
    let phone = app.login("karin@example.se", PASSWORD).await;
    let olle = app.login("olle@example.se", PASSWORD).await;

    let page = laptop.get("/account").await;
    page.assert_status(200).assert_has("This browser");
    let forms: Vec<&str> = page
        .body
        .match_indices("/account/sessions/")
        .map(|(i, _)| {
            let rest = &page.body[i..];
            &rest[..rest.find('"').unwrap_or(rest.len())]
        })
        .collect();
    assert_eq!(forms.len(), 2, "two sessions of Karin listed, not Olle's");

    let (laptop_id, phone_id): (i64, i64) = app.db(|c| {
        let ids: Vec<i64> = sessions::table
            .inner_join(tillit::db::schema::users::table)
            .filter(tillit::db::schema::users::email.eq("karin@example.se"))
            .select(sessions::id)
            .order(sessions::id)
            .load(c)
            .expect("sessions");
        (ids[0], ids[1])
    });
    let olle_session: i64 = app.db(|c| {
        sessions::table
            .select(sessions::id)
            .order(sessions::id.desc())
            .first(c)
            .expect("olle's")
    });

    // Someone else's session is not Karin's to end.
    laptop
        .post(&format!("/account/sessions/{olle_session}/end"), &[])
        .await
        .assert_status(404);
    assert!(olle.get("/account").await.has("olle@example.se"));

    laptop
        .post_follow(&format!("/account/sessions/{phone_id}/end"), &[])
        .await
        .assert_has("That session has ended");
    assert_eq!(
        phone.get("/account").await.status,
        303,
        "the phone is logged out"
    );
    assert!(
        is_logged_in(&laptop.get("/account").await),
        "the laptop is not"
    );

    // Ending this browser's own session logs it out.
    let own = laptop
        .post(&format!("/account/sessions/{laptop_id}/end"), &[])
        .await;
    assert_eq!(own.location(), "/login");
    assert_eq!(laptop.get("/account").await.status, 303);
}

#[actix_web::test]
async fn a_password_change_ends_the_other_sessions_and_a_reset_ends_all() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", PASSWORD, true);
    let laptop = app.login("karin@example.se", PASSWORD).await;
    let phone = app.login("karin@example.se", PASSWORD).await;
    laptop
        .post_follow(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", NEW_PASSWORD),
            ],
        )
        .await
        .assert_has("Your password has been changed");
    assert!(
        is_logged_in(&laptop.get("/account").await),
        "the changing session stays"
    );
    assert_eq!(
        phone.get("/account").await.status,
        303,
        "the other one ended"
    );
    assert_eq!(open_sessions(&app), 1);

    // A reset link from before the change is dead.
    let stale = app.client();
    stale
        .post("/password-reset", &[("email", "karin@example.se")])
        .await
        .assert_status(200);
    let mail = app.emails_to("karin@example.se").await;
    let link = mail
        .iter()
        .find_map(|m| crate::common::link_in(&m.text, "/password-reset/confirm?token="))
        .expect("reset link");
    laptop
        .post_follow(
            "/account/password",
            &[
                ("current_password", NEW_PASSWORD),
                ("new_password", PASSWORD),
            ],
        )
        .await
        .assert_status(200);
    stale.get(&link).await.assert_status(400);

    // A reset through a fresh link ends every session, this one included.
    stale
        .post("/password-reset", &[("email", "karin@example.se")])
        .await;
    let mail = app.emails_to("karin@example.se").await;
    let link = mail
        .iter()
        .rev()
        .find_map(|m| crate::common::link_in(&m.text, "/password-reset/confirm?token="))
        .expect("second reset link");
    let token = link.split("token=").nth(1).expect("token");
    stale
        .post(
            "/password-reset/confirm",
            &[("token", token), ("password", NEW_PASSWORD)],
        )
        .await
        .assert_status(200);
    assert_eq!(laptop.get("/account").await.status, 303);
    assert_eq!(open_sessions(&app), 0);
}

#[actix_web::test]
async fn an_administrators_suspension_ends_every_session_and_refuses_login() {
    let app = TestApp::new().await;
    app.create_admin("admin@example.se", PASSWORD);
    let karin = app.create_user("karin@example.se", "Karin", PASSWORD, true);
    let admin = app.login("admin@example.se", PASSWORD).await;
    let browser = app.login("karin@example.se", PASSWORD).await;
    let other = app.login("karin@example.se", PASSWORD).await;

    admin
        .post_follow(
            &format!("/admin/users/{karin}/suspension"),
            &[("value", "1")],
        )
        .await
        .assert_has("The account is suspended");
    assert_eq!(browser.get("/account").await.status, 303);
    assert_eq!(other.get("/account").await.status, 303);
    let login = app
        .client()
        .post(
            "/login",
            &[("email", "karin@example.se"), ("password", PASSWORD)],
        )
        .await;
    login
        .assert_status(403)
        .assert_has("This account is suspended");
    // A wrong password says nothing about the suspension.
    app.client()
        .post(
            "/login",
            &[
                ("email", "karin@example.se"),
                ("password", "not the password"),
            ],
        )
        .await
        .assert_status(422)
        .assert_lacks("suspended");
    // An administrator cannot suspend themselves.
    let admin_id: i64 = app.db(|c| {
        tillit::db::schema::users::table
            .filter(tillit::db::schema::users::email.eq("admin@example.se"))
            .select(tillit::db::schema::users::id)
            .first(c)
            .expect("admin")
    });
    admin
        .post(
            &format!("/admin/users/{admin_id}/suspension"),
            &[("value", "1")],
        )
        .await
        .assert_status(403);

    admin
        .post_follow(
            &format!("/admin/users/{karin}/suspension"),
            &[("value", "0")],
        )
        .await
        .assert_has("The account is reinstated");
    app.login("karin@example.se", PASSWORD).await;
    let actions: Vec<String> = app.db(|c| {
        audit_log::table
            .filter(audit_log::action.like("%account"))
            .select(audit_log::action)
            .order(audit_log::id)
            .load(c)
            .expect("audit")
    });
    assert_eq!(actions, vec!["suspend_account", "reinstate_account"]);
}

#[actix_web::test]
async fn sessions_end_when_idle_or_old() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", PASSWORD, true);
    let browser = app.login("karin@example.se", PASSWORD).await;
    let age = |hours: i64| tillit::db::now() - chrono::Duration::hours(hours);

    // A browser session idle for 23 hours still works (and is touched).
    app.db(|c| {
        diesel::update(sessions::table)
            .set(sessions::last_seen_at.eq(age(23)))
            .execute(c)
            .expect("age")
    });
    assert!(is_logged_in(&browser.get("/account").await));
    let touched: chrono::NaiveDateTime = app.db(|c| {
        sessions::table
            .select(sessions::last_seen_at)
            .first(c)
            .expect("row")
    });
    assert!(touched > age(1), "last seen was updated");

    // Idle for 25 hours: over the default 24-hour limit of a browser session.
    app.db(|c| {
        diesel::update(sessions::table)
            .set(sessions::last_seen_at.eq(age(25)))
            .execute(c)
            .expect("age")
    });
    assert_eq!(browser.get("/account").await.status, 303);
    assert_eq!(open_sessions(&app), 0, "an expired session is deleted");

    // "Remember me": 25 hours idle is fine, past the absolute lifetime is not.
    let remembered = app.client();
    remembered
        .post(
            "/login",
            &[
                ("email", "karin@example.se"),
                ("password", PASSWORD),
                ("remember", "1"),
            ],
        )
        .await
        .assert_status(303);
    app.db(|c| {
        diesel::update(sessions::table)
            .set(sessions::last_seen_at.eq(age(25)))
            .execute(c)
            .expect("age")
    });
    assert!(is_logged_in(&remembered.get("/account").await));
    app.db(|c| {
        diesel::update(sessions::table)
            .set(sessions::expires_at.eq(age(1)))
            .execute(c)
            .expect("age")
    });
    assert_eq!(remembered.get("/account").await.status, 303);
}

fn set_cookie<'a>(resp: &'a crate::common::Resp, name: &str) -> Option<&'a str> {
    resp.headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, v)| v.as_str())
        .find(|v| v.starts_with(&format!("{name}=")))
}

#[actix_web::test]
async fn remember_me_decides_whether_the_cookie_outlives_the_browser() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", PASSWORD, true);
    let plain = app
        .client()
        .post(
            "/login",
            &[("email", "karin@example.se"), ("password", PASSWORD)],
        )
        .await;
    let cookie = set_cookie(&plain, "tillit_login").expect("login cookie");
    assert!(
        !cookie.contains("Max-Age") && !cookie.contains("Expires"),
        "{cookie}"
    );
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let remembered = app
        .client()
        .post(
            "/login",
            &[
                ("email", "karin@example.se"),
                ("password", PASSWORD),
                ("remember", "1"),
            ],
        )
        .await;
    let cookie = set_cookie(&remembered, "tillit_login").expect("login cookie");
    assert!(
        cookie.contains(&format!("Max-Age={}", 90 * 24 * 3600)),
        "{cookie}"
    );
    // Only the hash of the token is stored.
    let token = cookie
        .split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, v)| v.to_string())
        .expect("value");
    let stored: Vec<String> = app.db(|c| {
        sessions::table
            .select(sessions::token_hash)
            .load(c)
            .expect("rows")
    });
    assert!(!stored.contains(&token));
    assert!(stored.contains(&tillit::kernel::tokens::hash_token(&token)));
}

#[actix_web::test]
async fn over_https_the_cookies_carry_the_host_prefix() {
    let app = TestApp::with_config(|c| tillit::config::Config {
        base_url: "https://tillit.test".into(),
        ..c
    })
    .await;
    app.create_user("karin@example.se", "Karin", PASSWORD, true);
    let browser = app.client();
    let page = browser.get("/login").await;
    let session = set_cookie(&page, "__Host-tillit_session").expect("prefixed session cookie");
    assert!(
        session.contains("Secure") && session.contains("Path=/"),
        "{session}"
    );
    assert!(!session.contains("Domain"), "{session}");
    let login = browser
        .post(
            "/login",
            &[("email", "karin@example.se"), ("password", PASSWORD)],
        )
        .await;
    login.assert_status(303);
    let cookie = set_cookie(&login, "__Host-tillit_login").expect("prefixed login cookie");
    assert!(
        cookie.contains("Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Domain"), "{cookie}");
    assert!(set_cookie(&login, "tillit_login").is_none());
    browser
        .get("/account")
        .await
        .assert_status(200)
        .assert_has("karin@example.se");
}

#[actix_web::test]
async fn logging_out_on_one_instance_ends_the_session_on_the_other() {
    let a = TestApp::new().await;
    let b = a.another_instance(Mailer::memory()).await;
    a.create_user("karin@example.se", "Karin", PASSWORD, true);
    let on_a = a.login("karin@example.se", PASSWORD).await;
    let copy_on_b = a.same_browser_on(&on_a, &b);
    assert!(is_logged_in(&copy_on_b.get("/account").await));
    on_a.post("/logout", &[]).await.assert_status(303);
    assert_eq!(copy_on_b.get("/account").await.status, 303);
}

#[actix_web::test]
async fn logins_and_logouts_leave_an_audit_trail_without_secrets() {
    let app = TestApp::new().await;
    let karin = app.create_user("karin@example.se", "Karin", PASSWORD, true);
    app.client()
        .post(
            "/login",
            &[("email", "karin@example.se"), ("password", "wrong horse")],
        )
        .await
        .assert_status(422);
    app.client()
        .post(
            "/login",
            &[("email", "nobody@example.se"), ("password", "wrong horse")],
        )
        .await;
    let browser = app.login("karin@example.se", PASSWORD).await;
    browser.post("/logout", &[]).await;
    type Row = (
        Option<i64>,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = app.db(|c| {
        audit_log::table
            .select((
                audit_log::actor_user_id,
                audit_log::action,
                audit_log::subject,
                audit_log::outcome,
                audit_log::request_id,
                audit_log::address_hash,
            ))
            .order(audit_log::id)
            .load(c)
            .expect("audit")
    });
    let summary: Vec<(&str, &str)> = rows.iter().map(|r| (r.1.as_str(), r.3.as_str())).collect();
    assert_eq!(
        summary,
        vec![
            ("login", "failure"),
            ("login", "failure"),
            ("login", "success"),
            ("logout", "success"),
        ]
    );
    assert_eq!(
        rows[0].2,
        karin.to_string(),
        "the account's id, not the typed address"
    );
    assert_eq!(rows[1].2, "unknown account");
    assert_eq!(rows[2].0, Some(karin.0));
    for row in &rows {
        let request_id = row.4.as_deref().unwrap_or("");
        assert_eq!(request_id.len(), 36, "a request id: {row:?}");
        let address = row.5.as_deref().unwrap_or("");
        assert_eq!(address.len(), 32, "an address hash: {row:?}");
        assert!(!address.contains("10.0.0."), "the address is hashed");
        let text = format!("{row:?}");
        assert!(!text.contains("wrong horse") && !text.contains("nobody@example.se"));
    }
}

#[actix_web::test]
async fn a_hash_made_with_older_parameters_is_upgraded_at_login() {
    use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
    use tillit::db::schema::users;
    let app = TestApp::new().await;
    let karin = app.create_user("karin@example.se", "Karin", PASSWORD, true);
    let params = argon2::Params::new(8 * 1024, 1, 1, None).expect("params");
    let older = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
        .hash_password(PASSWORD.as_bytes(), &SaltString::generate(&mut OsRng))
        .expect("hash")
        .to_string();
    app.db(|c| {
        diesel::update(users::table.find(karin))
            .set(users::password_hash.eq(&older))
            .execute(c)
            .expect("store the older hash")
    });
    app.login("karin@example.se", PASSWORD).await;
    let stored: String = app.db(|c| {
        users::table
            .find(karin)
            .select(users::password_hash)
            .first(c)
            .expect("row")
    });
    assert!(
        stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{stored}"
    );
    assert!(!tillit::accounts::password::needs_rehash(&stored));
    // The upgraded hash still opens the account, and a wrong password does not upgrade.
    app.login("karin@example.se", PASSWORD).await;
    let rehashes: i64 = app.db(|c| {
        audit_log::table
            .filter(audit_log::action.eq("password_rehash"))
            .count()
            .get_result(c)
            .expect("count")
    });
    assert_eq!(rehashes, 1);
}
