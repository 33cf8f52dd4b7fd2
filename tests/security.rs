//! CSRF, security headers, cookies, error pages and bad input.

use crate::common::TestApp;

const PASSWORD: &str = "correct horse battery staple";

#[actix_web::test]
async fn forms_without_a_valid_csrf_token_are_refused_with_a_page() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", PASSWORD, true);
    let browser = app.client();
    browser.get("/login").await;

    let missing = browser
        .post_without_token(
            "/login",
            &[("email", "karin@example.se"), ("password", PASSWORD)],
        )
        .await;
    missing
        .assert_status(403)
        .assert_has("The form had expired")
        .assert_has("<html");
    assert!(browser.get("/account").await.status == 303, "not logged in");

    let wrong = browser
        .post_without_token(
            "/login",
            &[
                ("csrf_token", "forged"),
                ("email", "karin@example.se"),
                ("password", PASSWORD),
            ],
        )
        .await;
    wrong.assert_status(403);

    // A token from another visitor's session does not work either.
    let other = app.client();
    let others_token = other.csrf().await;
    browser
        .post_without_token(
            "/login",
            &[
                ("csrf_token", others_token.as_str()),
                ("email", "karin@example.se"),
                ("password", PASSWORD),
            ],
        )
        .await
        .assert_status(403);

    // Logged in, every state-changing route checks it too.
    let user = app.login("karin@example.se", PASSWORD).await;
    for path in [
        "/logout",
        "/account/logout-everywhere",
        "/account/profile",
        "/account/password",
        "/language",
    ] {
        user.post_without_token(path, &[("display_name", "Mallory")])
            .await
            .assert_status(403);
    }
    user.get("/account")
        .await
        .assert_status(200)
        .assert_has("Karin");
}

#[actix_web::test]
async fn a_header_token_works_for_non_form_requests() {
    let app = TestApp::new().await;
    let browser = app.client();
    let token = browser.csrf().await;
    let resp = browser
        .send(
            actix_web::http::Method::POST,
            "/language",
            Some((b"{}".to_vec(), "application/json")),
            &[("x-csrf-token", token.as_str())],
        )
        .await;
    resp.assert_status(415)
        .assert_has("format this page does not accept");
    let resp = browser
        .send(
            actix_web::http::Method::POST,
            "/language",
            Some((b"{}".to_vec(), "application/json")),
            &[],
        )
        .await;
    resp.assert_status(403);
}

#[actix_web::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::new().await;
    let browser = app.client();
    for path in [
        "/",
        "/login",
        "/does-not-exist",
        "/robots.txt",
        "/healthz",
        "/assets/0.1.0/style.css",
    ] {
        let resp = browser.get(path).await;
        let csp = resp
            .header("content-security-policy")
            .unwrap_or_else(|| panic!("CSP on {path}"));
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(
            resp.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(
            resp.header("referrer-policy"),
            Some("same-origin"),
            "{path}"
        );
    }
    let page = browser.get("/").await;
    assert!(!page.body.contains("<script"), "no inline script anywhere");
    assert!(!page.body.contains("style=\""), "no inline style on pages");
}

#[actix_web::test]
async fn session_cookies_are_http_only_lax_and_secure_over_https() {
    let app = TestApp::new().await;
    let resp = app.client().get("/login").await;
    let cookie = resp.header("set-cookie").expect("session cookie");
    assert!(cookie.starts_with("tillit_session="));
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "plain http in tests");

    let https = TestApp::with_config(|mut c| {
        c.base_url = "https://tillit.example".into();
        c
    })
    .await;
    let resp = https.client().get("/login").await;
    let cookie = resp.header("set-cookie").expect("session cookie");
    assert!(cookie.contains("Secure"), "{cookie}");
    assert!(resp.header("strict-transport-security").is_some());
}

#[actix_web::test]
async fn the_session_is_renewed_at_login() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", PASSWORD, true);
    let browser = app.client();
    browser.get("/login").await;
    let before = browser.cookie("tillit_session").expect("anonymous session");
    let token_before = browser.csrf().await;
    browser
        .post(
            "/login",
            &[("email", "karin@example.se"), ("password", PASSWORD)],
        )
        .await;
    let after = browser.cookie("tillit_session").expect("new session");
    assert_ne!(before, after);
    assert_ne!(
        token_before,
        browser.csrf().await,
        "a new CSRF token after login"
    );
}

#[actix_web::test]
async fn error_pages_use_the_layout_and_never_show_internals() {
    let app = TestApp::new().await;
    let browser = app.client();
    let resp = browser.get("/no/such/page").await;
    resp.assert_status(404)
        .assert_has("Page not found")
        .assert_has("class=\"site-header\"");
    let resp = browser.get("/companies/no-such-company").await;
    resp.assert_status(404).assert_has("Page not found");

    app.create_admin("admin@tillit.example", PASSWORD);
    let admin = app.login("admin@tillit.example", PASSWORD).await;
    admin
        .get("/admin/users/999999")
        .await
        .assert_status(404)
        .assert_has("Page not found");
    admin
        .get("/admin/users/not-a-number")
        .await
        .assert_status(404)
        .assert_has("Page not found");
    // Bytes that are not UTF-8 in a query get the readable 422 page.
    admin
        .get("/admin/users?before=%FF%FE")
        .await
        .assert_status(422)
        .assert_has("characters that cannot be used here")
        .assert_has("class=\"site-header\"");

    browser.accept_language.replace(Some("sv".into()));
    browser
        .get("/nope")
        .await
        .assert_status(404)
        .assert_has("Sidan finns inte");
}

#[actix_web::test]
async fn oversized_and_malformed_requests_get_readable_pages() {
    let app = TestApp::new().await;
    let browser = app.client();
    let token = browser.csrf().await;
    let huge = format!("csrf_token={token}&email={}", "a".repeat(300 * 1024));
    browser
        .post_raw(
            "/signup",
            huge.into_bytes(),
            "application/x-www-form-urlencoded",
        )
        .await
        .assert_status(413)
        .assert_has("too large");

    let long_email = format!("{}@example.se", "a".repeat(300));
    browser
        .post(
            "/signup",
            &[
                ("email", long_email.as_str()),
                ("display_name", "Karin"),
                ("password", PASSWORD),
            ],
        )
        .await
        .assert_status(422)
        .assert_has("Enter an email address")
        .assert_has(&long_email);
}

#[actix_web::test]
async fn login_never_redirects_off_site() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", PASSWORD, true);
    for next in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
    ] {
        let resp = app
            .client()
            .post(
                "/login",
                &[
                    ("email", "karin@example.se"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(resp.status, 303);
        assert_eq!(resp.location(), "/", "next={next}");
    }
    let resp = app
        .client()
        .post(
            "/login",
            &[
                ("email", "karin@example.se"),
                ("password", PASSWORD),
                ("next", "/account"),
            ],
        )
        .await;
    assert_eq!(resp.location(), "/account");
}

#[actix_web::test]
async fn pages_that_need_a_login_send_visitors_to_it_and_back() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", PASSWORD, true);
    let browser = app.client();
    let resp = browser.get("/account").await;
    assert_eq!(resp.status, 303);
    assert_eq!(resp.location(), "/login?next=%2Faccount");
    browser
        .get(resp.location())
        .await
        .assert_has("name=\"next\" value=\"/account\"");
    let resp = browser
        .post(
            "/login",
            &[
                ("email", "karin@example.se"),
                ("password", PASSWORD),
                ("next", "/account"),
            ],
        )
        .await;
    assert_eq!(resp.location(), "/account");
}

#[actix_web::test]
async fn health_and_robots() {
    let app = TestApp::new().await;
    let browser = app.client();
    browser
        .get("/healthz")
        .await
        .assert_status(200)
        .assert_has("ok");
    browser
        .get("/robots.txt")
        .await
        .assert_status(200)
        .assert_has("User-agent: *");
}

#[actix_web::test]
async fn an_internal_error_is_a_page_without_internals() {
    let app = TestApp::new().await;
    app.create_company("Nordlys Energi", "nordlys");
    // Break the database under the running app: the page must still be a page.
    app.db(|c| {
        use diesel::RunQueryDsl;
        diesel::sql_query("DROP TABLE review_reply_revisions")
            .execute(c)
            .expect("drop revisions");
        diesel::sql_query("DROP TABLE review_replies")
            .execute(c)
            .expect("drop");
    });
    let resp = app.client().get("/companies/nordlys").await;
    resp.assert_status(500)
        .assert_has("Something went wrong on our side")
        .assert_has("class=\"site-header\"")
        .assert_lacks("review_replies")
        .assert_lacks("diesel")
        .assert_lacks("panicked");
}

#[actix_web::test]
async fn a_server_error_shows_a_reference_that_is_in_the_log() {
    use diesel::RunQueryDsl;
    let app = TestApp::new().await;
    crate::common::captured_logs();
    // Break the table a search that finds nothing writes to.
    app.db(|c| {
        diesel::sql_query("DROP TABLE search_misses")
            .execute(c)
            .expect("drop")
    });
    let resp = app.client().get("/search?q=zzqqxxnothing").await;
    resp.assert_status(500).assert_has("class=\"site-header\"");
    let marker = "<code class=\"reference\">";
    let start = resp.body.find(marker).expect("a reference on the page") + marker.len();
    let reference = &resp.body[start..start + 8];
    assert!(
        reference.chars().all(|c| c.is_ascii_hexdigit()),
        "{reference}"
    );
    assert!(!resp.has("search_misses"), "no internals on the page");
    let logs = crate::common::captured_logs();
    let line = logs
        .lines()
        .find(|l| l.contains(&format!("reference={reference}")))
        .unwrap_or_else(|| panic!("reference {reference} not in the log"));
    assert!(line.contains("status=500"), "{line}");
    assert!(
        logs.lines()
            .any(|l| l.contains("internal error") && l.contains(&format!("request_id={reference}"))),
        "the cause is logged under the same request id"
    );
}

#[actix_web::test]
async fn tokens_in_links_never_reach_the_log() {
    let app = TestApp::new().await;
    crate::common::captured_logs();
    let token = tillit::kernel::tokens::random_token();
    for path in [
        format!("/verify-email?token={token}"),
        format!("/password-reset/confirm?token={token}"),
        format!("/invite/{token}"),
        format!("/unsubscribe/{token}"),
        format!("/verify-review/{token}"),
    ] {
        app.client().get(&path).await;
    }
    let logs = crate::common::captured_logs();
    assert!(
        logs.contains("http.target=/verify-email?token=[redacted]"),
        "the request was logged"
    );
    assert!(!logs.contains(&token), "a token reached the log");
}
