//! Email through the outbox: a real SMTP server on loopback, delivery
//! after an outage, the file transport and the background worker.

use std::time::Duration;

use tillit::mail::{outbox, Mailer};

use crate::common::{smtp, TestApp};

const PASSWORD: &str = "correct horse battery staple";

async fn sign_up(app: &TestApp, email: &str) {
    app.client()
        .post(
            "/signup",
            &[
                ("email", email),
                ("display_name", "Karin"),
                ("password", PASSWORD),
            ],
        )
        .await
        .assert_status(200);
}

fn smtp_mailer(port: u16) -> Mailer {
    Mailer::from_config(
        Some(&format!("smtp://127.0.0.1:{port}")),
        None,
        "unused".into(),
    )
    .expect("SMTP mailer")
}

#[actix_web::test]
async fn mail_is_delivered_through_a_real_smtp_server() {
    let port = smtp::free_port();
    let received = smtp::start(port);
    let app = TestApp::with_mailer(smtp_mailer(port)).await;
    sign_up(&app, "karin@example.se").await;
    let report = app.deliver().await;
    assert_eq!(report.sent, 1);
    let messages = received.messages();
    assert_eq!(messages.len(), 1);
    assert!(
        messages[0].contains("To: karin@example.se"),
        "{}",
        messages[0]
    );
    assert!(
        messages[0].contains("Subject: Confirm your email address for Tillit"),
        "{}",
        messages[0]
    );
    assert!(messages[0].contains("/verify-email?token="));
    assert_eq!(app.db(|c| outbox::pending_count(c).expect("count")), 0);
}

#[actix_web::test]
async fn mail_queued_while_the_server_is_down_is_delivered_when_it_returns() {
    let port = smtp::free_port();
    let app = TestApp::with_mailer(smtp_mailer(port)).await;
    sign_up(&app, "karin@example.se").await;

    let report = app.deliver().await;
    assert_eq!((report.sent, report.failed), (0, 1), "nothing listens yet");
    assert_eq!(
        app.db(|c| outbox::pending_count(c).expect("count")),
        1,
        "the message waits in the outbox"
    );
    assert_eq!(app.deliver().await.sent, 0, "backoff: not retried at once");

    let received = smtp::start(port);
    app.db(|c| outbox::retry_now(c).expect("make due"));
    let report = app.deliver().await;
    assert_eq!(report.sent, 1);
    assert_eq!(received.messages().len(), 1);
    assert_eq!(app.db(|c| outbox::pending_count(c).expect("count")), 0);
    assert_eq!(app.deliver().await.sent, 0, "sent exactly once");
}

/// An app whose mail goes to `url` (trusting `ca`), after Karin has signed
/// up: one verification email waits in the outbox.
async fn karin_signed_up_mailing_to(url: &str, ca: Option<&std::path::Path>) -> TestApp {
    let mailer = Mailer::from_config(Some(url), ca, "unused".into()).expect("SMTP mailer");
    let app = TestApp::with_mailer(mailer).await;
    sign_up(&app, "karin@example.se").await;
    app
}

/// The certificate's PEM in a file, as an operator gives it in `SMTP_CA_FILE`.
fn ca_file(cert: &smtp::TestCertificate) -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().expect("CA file");
    std::fs::write(file.path(), &cert.pem).expect("write CA");
    file
}

#[actix_web::test]
async fn mail_goes_over_starttls_with_a_login_to_a_server_with_a_private_ca() {
    let cert = smtp::test_certificate();
    let port = smtp::free_port();
    let received = smtp::start_with(port, smtp::Mode::StartTls(cert.server.clone()));
    let ca = ca_file(&cert);
    let app = karin_signed_up_mailing_to(
        &format!("smtp://tillit%40example.se:s3cret%20pass@127.0.0.1:{port}?tls=starttls"),
        Some(ca.path()),
    )
    .await;
    let report = app.deliver().await;
    assert_eq!((report.sent, report.failed), (1, 0));
    // The sink refuses AUTH and MAIL before STARTTLS, so both came encrypted.
    assert_eq!(received.logins(), vec!["tillit@example.se:s3cret pass"]);
    let messages = received.messages();
    assert_eq!(messages.len(), 1);
    assert!(messages[0].contains("/verify-email?token="));
}

#[actix_web::test]
async fn mail_goes_over_implicit_tls_with_smtps() {
    let cert = smtp::test_certificate();
    let port = smtp::free_port();
    let received = smtp::start_with(port, smtp::Mode::Implicit(cert.server.clone()));
    let ca = ca_file(&cert);
    let app = karin_signed_up_mailing_to(
        &format!("smtps://mailer:pw@127.0.0.1:{port}"),
        Some(ca.path()),
    )
    .await;
    assert_eq!(app.deliver().await.sent, 1);
    assert_eq!(received.logins(), vec!["mailer:pw"]);
    assert_eq!(received.messages().len(), 1);
}

#[actix_web::test]
async fn an_untrusted_certificate_or_a_missing_starttls_sends_nothing() {
    // A certificate nobody vouches for: the message waits in the outbox.
    let cert = smtp::test_certificate();
    let port = smtp::free_port();
    let received = smtp::start_with(port, smtp::Mode::Implicit(cert.server.clone()));
    let app =
        karin_signed_up_mailing_to(&format!("smtps://mailer:pw@127.0.0.1:{port}"), None).await;
    let report = app.deliver().await;
    assert_eq!((report.sent, report.failed), (0, 1));
    assert!(received.logins().is_empty() && received.messages().is_empty());
    assert_eq!(app.db(|c| outbox::pending_count(c).expect("count")), 1);

    // A server that does not offer STARTTLS gets no password and no mail:
    // there is no quiet fall-back to plain text.
    let port = smtp::free_port();
    let plain = smtp::start(port);
    let app = karin_signed_up_mailing_to(
        &format!("smtp://mailer:pw@127.0.0.1:{port}?tls=starttls"),
        None,
    )
    .await;
    assert_eq!(app.deliver().await.sent, 0);
    assert!(plain.logins().is_empty() && plain.messages().is_empty());
}

#[test]
fn a_password_is_never_configured_to_travel_in_plain_text() {
    let refused = Mailer::from_config(
        Some("smtp://mailer:hunter2@mail.example.net:25"),
        None,
        "unused".into(),
    )
    .err()
    .expect("refused");
    assert!(
        refused.contains("plain text to mail.example.net"),
        "{refused}"
    );
    assert!(!refused.contains("hunter2"), "the error hides the password");
    for bad in [
        "http://mail.example.net",
        "smtp://mail.example.net?tls=maybe",
    ] {
        let refused = Mailer::from_config(Some(bad), None, "unused".into()).err();
        assert!(refused.is_some(), "{bad} refused");
    }
    // On this machine, a relay without TLS may still take a login.
    assert!(Mailer::from_config(Some("smtp://u:p@127.0.0.1:25"), None, "unused".into()).is_ok());
    assert!(Mailer::from_config(
        Some("smtp://u:p@mail.example.net?tls=starttls"),
        None,
        "unused".into()
    )
    .is_ok());
}

#[actix_web::test]
async fn without_smtp_mail_is_written_as_eml_files() {
    let dir = tempfile::tempdir().expect("dir");
    let mailer = Mailer::from_config(None, None, dir.path().join("mail")).expect("file mailer");
    let app = TestApp::with_mailer(mailer).await;
    sign_up(&app, "karin@example.se").await;
    assert_eq!(app.deliver().await.sent, 1);
    let files: Vec<_> = std::fs::read_dir(dir.path().join("mail"))
        .expect("mail dir")
        .flatten()
        .collect();
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(files[0].path()).expect("eml");
    assert!(text.contains("To: karin@example.se"));
    assert!(text.contains("multipart/alternative"));
}

#[actix_web::test]
async fn the_background_worker_sends_queued_mail() {
    let app = TestApp::new().await;
    tillit::jobs::spawn_all(app.state.clone(), &tillit::PERIODIC_JOBS);
    sign_up(&app, "karin@example.se").await;
    let mut waited = 0;
    while app.state.mailer.sent().is_empty() && waited < 100 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += 1;
    }
    let sent = app.state.mailer.sent();
    assert_eq!(sent.len(), 1, "the worker delivered the verification email");
    assert_eq!(sent[0].to, "karin@example.se");
}

#[actix_web::test]
async fn emails_are_written_in_the_recipients_language() {
    let app = TestApp::new().await;
    let browser = app.client();
    browser.accept_language.replace(Some("sv-SE".into()));
    browser
        .post(
            "/signup",
            &[
                ("email", "karin@example.se"),
                ("display_name", "Karin"),
                ("password", PASSWORD),
            ],
        )
        .await
        .assert_has("Titta i din inkorg");
    let mails = app.emails_to("karin@example.se").await;
    assert!(
        mails[0].subject.contains("Bekräfta"),
        "{}",
        mails[0].subject
    );
    assert!(mails[0].text.contains("Hej Karin"));
}

#[actix_web::test]
async fn a_sent_message_keeps_its_metadata_but_not_its_body() {
    use diesel::prelude::*;
    use tillit::db::schema::outbox as table;
    let app = TestApp::new().await;
    sign_up(&app, "karin@example.se").await;
    let before: (String, String) = app.db(|c| {
        table::table
            .select((table::body_text, table::body_html))
            .first(c)
            .expect("queued")
    });
    assert!(
        before.0.contains("/verify-email?token="),
        "the link is there while queued"
    );
    assert_eq!(app.emails().await.len(), 1);
    let after: (String, String, String, Option<chrono::NaiveDateTime>) = app.db(|c| {
        table::table
            .select((
                table::to_address,
                table::body_text,
                table::body_html,
                table::sent_at,
            ))
            .first(c)
            .expect("sent")
    });
    assert_eq!(after.0, "karin@example.se");
    assert!(after.3.is_some());
    assert_eq!(
        (after.1.as_str(), after.2.as_str()),
        ("", ""),
        "the body with its live link is gone"
    );
}

#[actix_web::test]
async fn a_restarted_instance_releases_the_leases_its_last_run_held() {
    use diesel::prelude::*;
    use tillit::db::schema::outbox as table;
    let app = TestApp::new().await;
    sign_up(&app, "karin@example.se").await;
    // The last run claimed the message and died before sending it.
    let name = app.state.config.instance_name.clone();
    let claimed = app.db(|c| outbox::claim_due(c, tillit::db::now(), &name).expect("claim"));
    assert_eq!(claimed.len(), 1);
    assert_eq!(app.deliver().await.sent, 0, "leased: nobody sends it now");

    // Another instance does not take over the lease…
    let other = app.another_instance(Mailer::memory()).await;
    let report = outbox::deliver_due(
        &other.state.db,
        &other.state.mailer,
        "Tillit <no-reply@tillit.test>",
        &other.state.config.instance_name,
    )
    .await
    .expect("delivery");
    assert_eq!(report.sent, 0);
    // …but this instance starting again releases it at once.
    let restarted = tillit::start(
        (*app.state.config).clone(),
        app.state.mailer.clone(),
        app.state.session_key.clone(),
    )
    .expect("restart");
    let lease: Option<chrono::NaiveDateTime> = app.db(|c| {
        table::table
            .select(table::locked_until)
            .first(c)
            .expect("row")
    });
    assert!(lease.is_none(), "the dead run's lease was released");
    let report = outbox::deliver_due(
        &restarted.db,
        &restarted.mailer,
        "Tillit <no-reply@tillit.test>",
        &restarted.config.instance_name,
    )
    .await
    .expect("delivery");
    assert_eq!(report.sent, 1);
}
