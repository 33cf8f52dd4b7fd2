//! Several application instances against one database: sessions work on any
//! instance, revocation reaches all of them, throttling is shared, and the
//! outbox sends each message exactly once.

use tillit::mail::{outbox, Mailer};

use crate::common::TestApp;

const PASSWORD: &str = "correct horse battery staple";

#[actix_web::test]
async fn sessions_and_revocation_span_instances() {
    let a = TestApp::new().await;
    let b = a.another_instance(Mailer::memory()).await;
    a.create_user("karin@example.se", "Karin", PASSWORD, true);

    let on_a = a.login("karin@example.se", PASSWORD).await;
    let on_b = a.same_browser_on(&on_a, &b);
    on_b.get("/account")
        .await
        .assert_status(200)
        .assert_has("karin@example.se");

    let other_on_a = a.login("karin@example.se", PASSWORD).await;
    on_b.post("/account/logout-everywhere", &[])
        .await
        .assert_status(200);
    assert_eq!(
        other_on_a.get("/account").await.status,
        303,
        "revoked on the other instance too"
    );
}

#[actix_web::test]
async fn login_throttling_is_shared_between_instances() {
    let a = TestApp::new().await;
    let b = a.another_instance(Mailer::memory()).await;
    a.create_user("karin@example.se", "Karin", PASSWORD, true);
    for _ in 0..5 {
        a.client()
            .post(
                "/login",
                &[
                    ("email", "karin@example.se"),
                    ("password", "wrong password"),
                ],
            )
            .await;
    }
    let browser = a.client();
    let on_b = a.same_browser_on(&browser, &b);
    on_b.post(
        "/login",
        &[("email", "karin@example.se"), ("password", PASSWORD)],
    )
    .await
    .assert_status(429);
}

#[actix_web::test]
async fn two_instances_deliver_each_message_once() {
    let a = TestApp::new().await;
    let b = a.another_instance(Mailer::memory()).await;
    for i in 0..30 {
        let email = format!("person{i}@example.se");
        a.client_at(&format!("10.1.0.{i}"))
            .post(
                "/signup",
                &[
                    ("email", email.as_str()),
                    ("display_name", "Person"),
                    ("password", PASSWORD),
                ],
            )
            .await
            .assert_status(200);
    }
    let from = a.state.config.mail_from.clone();
    let (ra, rb) = futures_util::future::join(
        outbox::deliver_due(&a.state.db, &a.state.mailer, &from, "a"),
        outbox::deliver_due(&b.state.db, &b.state.mailer, &from, "b"),
    )
    .await;
    let (ra, rb) = (ra.expect("delivery a"), rb.expect("delivery b"));
    assert_eq!(ra.sent + rb.sent, 30);
    let mut recipients: Vec<String> = a
        .state
        .mailer
        .sent()
        .into_iter()
        .chain(b.state.mailer.sent())
        .map(|m| m.to)
        .collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), 30, "every message exactly once");
    assert_eq!(a.db(|c| outbox::pending_count(c).expect("count")), 0);
}
