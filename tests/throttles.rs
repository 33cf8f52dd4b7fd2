//! Throttles that hold under concurrency (a burst of parallel requests is
//! counted one by one), and the client address behind a proxy.

use futures_util::future::join_all;

use crate::common::{captured_logs, Client, Resp, TestApp};

const PASSWORD: &str = "correct horse battery staple";

/// Sends `n` requests at once, each from its own browser, and returns the
/// status codes.
async fn burst(
    app: &TestApp,
    n: usize,
    ip: &str,
    path: &str,
    fields: &[(&str, String)],
) -> Vec<u16> {
    let clients: Vec<_> = (0..n).map(|_| app.client_at(ip)).collect();
    for client in &clients {
        client.csrf().await;
    }
    let requests = clients.iter().enumerate().map(|(i, client)| {
        let fields: Vec<(String, String)> = fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.replace("{n}", &i.to_string())))
            .collect();
        async move {
            let borrowed: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            client.post(path, &borrowed).await.status
        }
    });
    join_all(requests).await
}

fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

#[actix_web::test]
async fn forty_parallel_wrong_passwords_check_only_five() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", PASSWORD, true);
    let statuses = burst(
        &app,
        40,
        "10.9.0.1",
        "/login",
        &[
            ("email", "karin@example.se".into()),
            ("password", "wrong guess {n}".into()),
        ],
    )
    .await;
    let checked = count(&statuses, 422);
    let refused = count(&statuses, 429);
    eprintln!("parallel burst: {checked} of 40 wrong passwords checked, {refused} refused");
    assert_eq!(checked, 5, "checked attempts: {statuses:?}");
    assert_eq!(refused, 35);
}

#[actix_web::test]
async fn a_right_password_gives_its_attempt_back() {
    let app = TestApp::new().await;
    app.create_user("karin@example.se", "Karin", PASSWORD, true);
    // Twenty good logins in a row never run into the limit of five.
    for _ in 0..20 {
        app.login("karin@example.se", PASSWORD).await;
    }
    // Four wrong ones and a right one leave the account's count at zero:
    // five more wrong ones are all checked, none refused.
    let wrong_logins = |n: usize| {
        let app = &app;
        async move {
            for _ in 0..n {
                app.client()
                    .post(
                        "/login",
                        &[("email", "karin@example.se"), ("password", "nope nope")],
                    )
                    .await
                    .assert_status(422);
            }
        }
    };
    wrong_logins(4).await;
    app.login("karin@example.se", PASSWORD).await;
    wrong_logins(5).await;
}

#[actix_web::test]
async fn parallel_sign_ups_and_resets_from_one_address_are_counted_one_by_one() {
    let app = TestApp::new().await;
    let signups = burst(
        &app,
        30,
        "10.9.0.2",
        "/signup",
        &[
            ("email", "person{n}@example.se".into()),
            ("display_name", "Person {n}".into()),
            ("password", PASSWORD.into()),
        ],
    )
    .await;
    assert_eq!(count(&signups, 200), 10, "sign-ups accepted: {signups:?}");
    assert_eq!(count(&signups, 429), 20);

    let resets = burst(
        &app,
        30,
        "10.9.0.3",
        "/password-reset",
        &[("email", "person{n}@example.se".into())],
    )
    .await;
    assert_eq!(count(&resets, 200), 10, "resets accepted: {resets:?}");
    assert_eq!(count(&resets, 429), 20);
}

#[actix_web::test]
async fn parallel_posts_are_counted_one_by_one() {
    let app = TestApp::new().await;
    let company = app.create_company("Nordbank", "nordbank");
    let _ = company;
    app.create_user("karin@example.se", "Karin", PASSWORD, true);
    let browser = app.login("karin@example.se", PASSWORD).await;
    let token = browser.csrf().await;
    let requests = (0..30).map(|i| {
        let title = format!("Question number {i} about my card");
        let body = format!("My card stopped working on day {i}, what can I do about it?");
        let token = token.clone();
        let browser = &browser;
        async move {
            browser
                .post_without_token(
                    "/forum/nordbank/new",
                    &[
                        ("csrf_token", token.as_str()),
                        ("title", title.as_str()),
                        ("body", body.as_str()),
                        ("kind", "question"),
                    ],
                )
                .await
                .status
        }
    });
    let statuses = join_all(requests).await;
    assert_eq!(count(&statuses, 303), 20, "threads accepted: {statuses:?}");
    assert_eq!(count(&statuses, 429), 10);
}

/// Posts a form with the client's CSRF token and an `X-Forwarded-For` header.
async fn post_forwarded(
    client: &Client,
    path: &str,
    fields: &[(&str, &str)],
    forwarded: &str,
) -> Resp {
    let token = client.csrf().await;
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    let body = serde_urlencoded::to_string(form).expect("form");
    client
        .send(
            actix_web::http::Method::POST,
            path,
            Some((body.into_bytes(), "application/x-www-form-urlencoded")),
            &[("x-forwarded-for", forwarded)],
        )
        .await
}

#[actix_web::test]
async fn behind_a_proxy_the_client_is_the_right_most_untrusted_address() {
    let app = TestApp::with_config(|c| tillit::config::Config {
        trust_proxy: true,
        ..c
    })
    .await;
    // The proxy (loopback, trusted by default) appends the real client,
    // 203.0.113.5; the client wrote a different address on the left each time.
    let mut statuses = Vec::new();
    for n in 0..11 {
        let forwarded = format!("198.51.100.{n}, 203.0.113.5");
        let email = format!("someone{n}@example.se");
        let resp = post_forwarded(
            &app.client_at("127.0.0.1"),
            "/signup",
            &[
                ("email", &email),
                ("display_name", "Someone"),
                ("password", PASSWORD),
            ],
            &forwarded,
        )
        .await;
        statuses.push(resp.status);
    }
    assert_eq!(statuses[..10], [200; 10]);
    assert_eq!(
        statuses[10], 429,
        "a forged left-most entry escaped the limit"
    );

    // The request log names the same client.
    let marker = "proxy-log-marker@example.se";
    captured_logs();
    post_forwarded(
        &app.client_at("127.0.0.1"),
        "/login",
        &[("email", marker), ("password", "wrong password here")],
        "6.6.6.6, 203.0.113.77",
    )
    .await
    .assert_status(422);
    let logs = captured_logs();
    let line = logs
        .lines()
        .find(|l| l.contains("action=\"login\"") && l.contains("203.0.113.77"))
        .unwrap_or_else(|| panic!("no audit line with the client address in:\n{logs}"));
    assert!(line.contains("http.client_ip=203.0.113.77"), "{line}");
    assert!(!line.contains("6.6.6.6"), "{line}");
}

#[actix_web::test]
async fn without_trust_proxy_the_header_is_ignored() {
    let app = TestApp::new().await;
    let mut statuses = Vec::new();
    for n in 0..11 {
        let email = format!("other{n}@example.se");
        let resp = post_forwarded(
            &app.client_at("10.9.0.9"),
            "/signup",
            &[
                ("email", &email),
                ("display_name", "Someone"),
                ("password", PASSWORD),
            ],
            &format!("198.51.100.{n}"),
        )
        .await;
        statuses.push(resp.status);
    }
    assert_eq!(statuses[10], 429, "{statuses:?}");
}
