//! Roles: the admin pages, and that nobody else can reach them.

use diesel::prelude::*;
use tillit::db::schema::{audit_log, companies, company_staff, users};

use crate::common::TestApp;

const PASSWORD: &str = "correct horse battery staple";

#[actix_web::test]
async fn only_admins_reach_the_admin_pages() {
    let app = TestApp::new().await;
    let karin = app.create_user("karin@example.se", "Karin", PASSWORD, true);
    let anonymous = app.client();
    let resp = anonymous.get("/admin/users").await;
    assert_eq!(resp.status, 303);
    assert!(resp.location().starts_with("/login"));

    let customer = app.login("karin@example.se", PASSWORD).await;
    customer
        .get("/admin/users")
        .await
        .assert_status(403)
        .assert_has("Not allowed");
    customer.get("/admin/companies").await.assert_status(403);
    let path = format!("/admin/users/{karin}/moderator");
    customer
        .post(&path, &[("value", "1")])
        .await
        .assert_status(403);
    customer
        .post(
            "/admin/companies",
            &[
                ("name", "Sneaky AB"),
                ("slug", ""),
                ("description", ""),
                ("website", ""),
            ],
        )
        .await
        .assert_status(403);
    let (is_moderator, company_count): (bool, i64) = app.db(|c| {
        (
            users::table
                .find(karin)
                .select(users::is_moderator)
                .first(c)
                .expect("user"),
            companies::table.count().get_result(c).expect("count"),
        )
    });
    assert!(!is_moderator);
    assert_eq!(company_count, 0);
}

#[actix_web::test]
async fn an_admin_creates_companies_and_appoints_staff_and_moderators() {
    let app = TestApp::new().await;
    app.create_admin("admin@tillit.example", PASSWORD);
    let anna = app.create_user("anna@nordlys.example", "Anna", PASSWORD, true);
    let admin = app.login("admin@tillit.example", PASSWORD).await;

    let resp = admin
        .post(
            "/admin/companies",
            &[
                ("name", "Nordlys Energi"),
                ("slug", ""),
                ("description", "Electricity."),
                ("website", "nordlys.example"),
            ],
        )
        .await;
    assert_eq!(resp.status, 303);
    assert_eq!(resp.location(), "/companies/nordlys-energi");
    admin
        .get("/companies/nordlys-energi")
        .await
        .assert_has("Nordlys Energi")
        .assert_has("https://nordlys.example/");

    // Validation keeps what was typed.
    let resp = admin
        .post(
            "/admin/companies",
            &[
                ("name", "Nordlys Energi"),
                ("slug", ""),
                ("description", "Again"),
                ("website", "javascript:alert(1)"),
            ],
        )
        .await;
    resp.assert_status(422)
        .assert_has("Enter a web address")
        .assert_has("value=\"javascript:alert(1)\"")
        .assert_has(">Again</textarea>");
    let resp = admin
        .post(
            "/admin/companies",
            &[
                ("name", "Nordlys Två"),
                ("slug", "nordlys-energi"),
                ("description", ""),
                ("website", ""),
            ],
        )
        .await;
    resp.assert_status(422)
        .assert_has("already uses this address name");

    let company: i64 = app.db(|c| {
        companies::table
            .select(companies::id)
            .first(c)
            .expect("company")
    });
    let user_page = format!("/admin/users/{anna}");
    admin
        .post_follow(
            &format!("{user_page}/staff"),
            &[("company_id", company.to_string().as_str())],
        )
        .await
        .assert_has("The roles have been saved.")
        .assert_has("Remove from Nordlys Energi");
    admin
        .post_follow(&format!("{user_page}/moderator"), &[("value", "1")])
        .await
        .assert_has("Remove moderator role");
    admin
        .get("/admin/users?q=anna")
        .await
        .assert_has("staff of Nordlys Energi")
        .assert_has("moderator");
    admin
        .get("/admin/users?q=nobody")
        .await
        .assert_has("No users found.");

    // Appointing the same person twice is harmless.
    admin
        .post_follow(
            &format!("{user_page}/staff"),
            &[("company_id", company.to_string().as_str())],
        )
        .await
        .assert_status(200);
    let staff_rows: i64 = app.db(|c| company_staff::table.count().get_result(c).expect("count"));
    assert_eq!(staff_rows, 1);
    let audit: Vec<String> = app.db(|c| {
        audit_log::table
            .select(audit_log::action)
            .order(audit_log::id)
            .load(c)
            .expect("audit")
    });
    assert_eq!(
        audit,
        vec!["login", "create_company", "grant_staff", "grant_moderator"]
    );

    // The staff role shows up in Anna's session at once.
    let anna_browser = app.login("anna@nordlys.example", PASSWORD).await;
    anna_browser.get("/account").await.assert_status(200);
    let staff_of = app.db(|c| tillit::accounts::model::staff_companies(c, anna).expect("staff"));
    assert_eq!(staff_of.len(), 1);

    admin
        .post(
            &format!("{user_page}/staff/remove"),
            &[("company_id", company.to_string().as_str())],
        )
        .await;
    admin
        .post(&format!("{user_page}/moderator"), &[("value", "0")])
        .await;
    let (staff_rows, is_moderator): (i64, bool) = app.db(|c| {
        (
            company_staff::table.count().get_result(c).expect("count"),
            users::table
                .find(anna)
                .select(users::is_moderator)
                .first(c)
                .expect("user"),
        )
    });
    assert_eq!(staff_rows, 0);
    assert!(!is_moderator);
    admin
        .post(&format!("{user_page}/staff"), &[("company_id", "999")])
        .await
        .assert_status(400);
}

#[actix_web::test]
async fn the_admin_command_creates_an_administrator() {
    let app = TestApp::new().await;
    let url = app.state.config.database_url.clone();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_tillit"))
        .args([
            "admin",
            "create",
            "--email",
            "Root@Tillit.Example",
            "--name",
            "Root",
        ])
        .env("DATABASE_URL", &url)
        .env("DATA_DIR", app.dir.path())
        .env("TILLIT_ADMIN_PASSWORD", "a sturdy admin passphrase 42")
        .output()
        .expect("run tillit");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("root@tillit.example"));
    let admin = app
        .login("root@tillit.example", "a sturdy admin passphrase 42")
        .await;
    admin
        .get("/admin/users")
        .await
        .assert_status(200)
        .assert_has("root@tillit.example");

    let weak = std::process::Command::new(env!("CARGO_BIN_EXE_tillit"))
        .args(["admin", "create", "--email", "weak@tillit.example"])
        .env("DATABASE_URL", &url)
        .env("DATA_DIR", app.dir.path())
        .env("TILLIT_ADMIN_PASSWORD", "password")
        .output()
        .expect("run tillit");
    assert!(!weak.status.success(), "weak password refused");
}

#[actix_web::test]
async fn the_demo_content_seeds_once_on_either_database() {
    let app = TestApp::new().await;
    assert!(
        app.db(|c| tillit::demo::seed(c).expect("seed")),
        "seeds a fresh database"
    );
    assert!(
        !app.db(|c| tillit::demo::seed(c).expect("seed again")),
        "and only once"
    );
    let admin = app
        .login("admin@tillit.example", tillit::demo::DEMO_PASSWORD)
        .await;
    admin
        .get("/admin/users")
        .await
        .assert_has("karin@example.se");
    let visitor = app.client();
    visitor
        .get("/companies/nordlys-energi")
        .await
        .assert_has("Worst customer service I have had");
    visitor
        .get("/forum/hygge-telecom")
        .await
        .assert_has("Internettet falder ud hver aften");
    visitor
        .get("/search?q=prenumeration")
        .await
        .assert_has("Kan jag pausa min prenumeration");
    let anna = app
        .login("anna@nordlys.example", tillit::demo::DEMO_PASSWORD)
        .await;
    anna.get("/desk")
        .await
        .assert_has("Nobody answers the phone during the outage");
}

/// Starts the real binary on a fresh data directory, waits until it serves
/// (or gives up), stops it and returns what it printed.
fn first_start(bind: &str, dir: &std::path::Path) -> String {
    use std::io::{BufRead, BufReader};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tillit"))
        .env("BIND", bind)
        .env("DATA_DIR", dir)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start tillit");
    let stdout = child.stdout.take().expect("stdout");
    let mut printed = String::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("line");
        printed.push_str(&line);
        printed.push('\n');
        if line.contains("Tillit is running") {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    printed
}

fn demo_accounts_in(dir: &std::path::Path) -> i64 {
    use diesel::prelude::*;
    let mut conn = diesel::SqliteConnection::establish(&dir.join("tillit.db").to_string_lossy())
        .expect("open the database");
    tillit::db::schema::users::table
        .filter(tillit::db::schema::users::email.eq("admin@tillit.example"))
        .count()
        .get_result(&mut conn)
        .expect("count")
}

#[actix_web::test]
async fn demo_data_only_on_a_loopback_address() {
    let port = crate::common::smtp::free_port();
    let local = tempfile::tempdir().expect("dir");
    let printed = first_start(&format!("127.0.0.1:{port}"), local.path());
    assert!(printed.contains("demo content"), "{printed}");
    assert_eq!(demo_accounts_in(local.path()), 1);

    let port = crate::common::smtp::free_port();
    let public = tempfile::tempdir().expect("dir");
    let printed = first_start(&format!("0.0.0.0:{port}"), public.path());
    assert!(printed.contains("not a loopback address"), "{printed}");
    assert!(printed.contains("tillit admin create"), "{printed}");
    assert_eq!(
        demo_accounts_in(public.path()),
        0,
        "no published password on a public address"
    );

    let refused = std::process::Command::new(env!("CARGO_BIN_EXE_tillit"))
        .arg("demo")
        .env("BIND", "0.0.0.0:8080")
        .env("DATA_DIR", public.path())
        .env_remove("DATABASE_URL")
        .output()
        .expect("run tillit demo");
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not a loopback address"));
    assert_eq!(demo_accounts_in(public.path()), 0);
}
