//! Durability settings: SQLite's `synchronous` follows the configuration
//! (NORMAL by default, FULL when asked); on PostgreSQL, `fsync` or
//! `synchronous_commit` turned off is reported at start.

use diesel::prelude::*;
use tillit::config::{Config, SqliteSync};
use tillit::db::DbConn;

use crate::common::TestApp;

#[derive(QueryableByName)]
struct Synchronous {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    synchronous: i32,
}

fn sqlite_synchronous(app: &TestApp) -> i32 {
    app.db(|c| {
        diesel::sql_query("PRAGMA synchronous")
            .get_result::<Synchronous>(c)
            .expect("pragma")
            .synchronous
    })
}

#[actix_web::test]
async fn durability_is_as_configured_or_reported() {
    let app = TestApp::new().await;
    if !app.is_postgres() {
        assert_eq!(sqlite_synchronous(&app), 1, "NORMAL by default");
        let full = TestApp::with_config(|c| Config {
            sqlite_synchronous: SqliteSync::Full,
            ..c
        })
        .await;
        assert_eq!(sqlite_synchronous(&full), 2, "FULL when configured");
        assert!(app.db(tillit::db::durability_warnings).is_empty());
        return;
    }
    let url = app.state.config.database_url.clone();
    let fresh = || DbConn::Pg(diesel::PgConnection::establish(&url).expect("connect"));
    assert!(tillit::db::durability_warnings(&mut fresh()).is_empty());
    let name = url.rsplit('/').next().expect("database name").to_string();
    app.db(|c| {
        diesel::sql_query(format!(
            "ALTER DATABASE {name} SET synchronous_commit = off"
        ))
        .execute(c)
        .expect("turn synchronous_commit off")
    });
    let warnings = tillit::db::durability_warnings(&mut fresh());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("synchronous_commit = off"),
        "{warnings:?}"
    );
}
