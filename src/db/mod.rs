//! Database plumbing shared by every capability: the connection type that
//! speaks to SQLite or PostgreSQL, the pool, migrations and the write
//! transaction helper.

pub mod schema;

use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::sqlite::SqliteConnection;
use diesel::RunQueryDsl;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::config::SqliteSync;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// One connection type for both backends. Queries written against it run on
/// either; where a backend needs its own SQL, `match` on the variant.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

pub type DbPool = Pool<ConnectionManager<DbConn>>;
pub type PooledConn = PooledConnection<ConnectionManager<DbConn>>;

/// Everything that can go wrong below the web layer.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database pool: {0}")]
    Pool(#[from] r2d2::Error),
    #[error("database query: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("database migration: {0}")]
    Migration(String),
    #[error("blocking task was cancelled")]
    Cancelled,
}

pub type DbResult<T> = Result<T, DbError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// SQLite needs these on every connection, not once per file: WAL so readers
/// never wait for the writer, a busy timeout so writers queue instead of
/// failing, and foreign keys, which SQLite leaves off by default.
///
/// `synchronous` is NORMAL unless configured FULL: in WAL mode NORMAL
/// survives a crash of the process (kill -9 under load lost nothing) but
/// may lose the last commits when the machine loses power; FULL syncs the
/// log at every commit (docs/operations.md, measured in bench/).
#[derive(Debug)]
struct SqlitePragmas {
    synchronous: SqliteSync,
}

impl CustomizeConnection<DbConn, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut DbConn) -> Result<(), diesel::r2d2::Error> {
        if let DbConn::Sqlite(c) = conn {
            c.batch_execute(&format!(
                "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
                 PRAGMA foreign_keys = ON; PRAGMA synchronous = {};",
                self.synchronous.pragma()
            ))
            .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

#[derive(diesel::QueryableByName)]
struct Setting {
    #[diesel(sql_type = diesel::sql_types::Text)]
    value: String,
}

/// What an operator should hear at start-up about durability: on
/// PostgreSQL, `fsync` or `synchronous_commit` turned off means an
/// acknowledged write can be lost in a crash.
pub fn durability_warnings(conn: &mut DbConn) -> Vec<String> {
    let DbConn::Pg(pg) = conn else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    for name in ["fsync", "synchronous_commit"] {
        let value = diesel::sql_query("SELECT current_setting($1) AS value")
            .bind::<diesel::sql_types::Text, _>(name)
            .get_result::<Setting>(pg)
            .map(|s| s.value);
        match value {
            Ok(value) if value == "off" => warnings.push(format!(
                "PostgreSQL has {name} = off: a crash or power loss can lose writes \
                 the site has already confirmed to its users"
            )),
            Ok(_) => {}
            Err(error) => warnings.push(format!("could not read PostgreSQL's {name}: {error}")),
        }
    }
    warnings
}

/// Process-wide SQLite settings; call once at start-up, before any thread
/// opens a connection. Turns off SQLite's allocation statistics: with them
/// on, every allocation inside SQLite takes one global lock, and ten pool
/// connections running full-text searches spent more time waiting on it
/// than searching (a third of the CPU samples were lock hand-overs).
pub fn configure_sqlite() {
    // SAFETY: sqlite3_config must run before sqlite3_initialize and while no
    // other thread uses SQLite; main calls this first thing, single-threaded.
    // After initialisation it would only return SQLITE_MISUSE.
    unsafe {
        libsqlite3_sys::sqlite3_config(
            libsqlite3_sys::SQLITE_CONFIG_MEMSTATUS,
            0 as std::os::raw::c_int,
        );
    }
}

/// Strips an optional `sqlite://` prefix so both `data/x.db` and
/// `sqlite://data/x.db` name the same file.
pub fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://").unwrap_or(url)
}

pub fn build_pool(url: &str, max_size: u32, synchronous: SqliteSync) -> DbResult<DbPool> {
    let backend = Backend::of_url(url);
    let target = match backend {
        Backend::Postgres => url.to_string(),
        Backend::Sqlite => sqlite_path(url).to_string(),
    };
    let manager = ConnectionManager::<DbConn>::new(target);
    let builder = Pool::builder()
        .max_size(max_size)
        .connection_timeout(Duration::from_secs(10));
    let builder = match backend {
        Backend::Sqlite => builder.connection_customizer(Box::new(SqlitePragmas { synchronous })),
        Backend::Postgres => builder,
    };
    Ok(builder.build(manager)?)
}

pub fn run_migrations(conn: &mut DbConn) -> DbResult<()> {
    let result = match conn {
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|_| ()),
        DbConn::Pg(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|_| ()),
    };
    result.map_err(|e| DbError::Migration(e.to_string()))
}

/// Runs `f` in a transaction that takes the write lock up front. On SQLite a
/// deferred transaction that reads first and writes later fails with
/// "database is locked" when another writer got in between, whatever the busy
/// timeout; `BEGIN IMMEDIATE` queues it at the start instead.
pub fn write_transaction<T, E>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    match conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?,
        DbConn::Pg(c) => AnsiTransactionManager::begin_transaction(c)?,
    }
    match f(conn) {
        Ok(value) => match <DbConn as TransactionManager<DbConn>>::commit_transaction(conn) {
            Ok(()) => Ok(value),
            Err(e) => {
                let _ = <DbConn as TransactionManager<DbConn>>::rollback_transaction(conn);
                Err(e.into())
            }
        },
        Err(e) => {
            <DbConn as TransactionManager<DbConn>>::rollback_transaction(conn)?;
            Err(e)
        }
    }
}

/// Runs an insert inside a savepoint and reports a unique-index conflict as
/// `Ok(false)` instead of an error. On PostgreSQL a failed statement aborts
/// the whole transaction; the savepoint keeps the surrounding transaction
/// usable, so a lost race can be answered ("already done") instead of a 500.
pub fn insert_unless_duplicate(
    conn: &mut DbConn,
    insert: impl FnOnce(&mut DbConn) -> diesel::QueryResult<usize>,
) -> diesel::QueryResult<bool> {
    use diesel::result::{DatabaseErrorKind, Error};
    use diesel::Connection;
    match conn.transaction(insert) {
        Ok(_) => Ok(true),
        Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The pool plus the helper that runs blocking database work off the async
/// workers: both `pool.get()` and the query happen inside `web::block`.
#[derive(Clone)]
pub struct Db {
    pool: DbPool,
    backend: Backend,
}

impl Db {
    pub fn new(pool: DbPool, backend: Backend) -> Db {
        Db { pool, backend }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &DbPool {
        &self.pool
    }

    pub async fn run<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let pool = self.pool.clone();
        // The request's span goes along, so that what is logged inside (an
        // audit event, a warning) carries its request id and client address.
        let span = tracing::Span::current();
        match actix_web::web::block(move || {
            let _entered = span.enter();
            let mut conn = pool.get().map_err(DbError::from)?;
            f(&mut conn)
        })
        .await
        {
            Ok(result) => result,
            Err(_) => Err(DbError::Cancelled.into()),
        }
    }

    /// Like `run`, inside one write transaction.
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + From<diesel::result::Error> + Send + 'static,
    {
        self.run(move |conn| write_transaction(conn, f)).await
    }
}

diesel::define_sql_function! {
    /// SQL `lower()`, the same on both backends, for case-insensitive matching.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// A LIKE pattern (with `ESCAPE '\'`) matching text that contains `text`,
/// lower-cased for comparing with `lower(column)`.
pub fn contains_pattern(text: &str) -> String {
    format!("%{}%", escape_like(&text.to_lowercase()))
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
pub fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Current time as stored in the database: UTC, second precision is not
/// enough for ordering, so keep microseconds (both backends store them).
pub fn now() -> chrono::NaiveDateTime {
    let t = chrono::Utc::now().naive_utc();
    use chrono::Timelike;
    t.with_nanosecond(t.nanosecond() / 1000 * 1000).unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_are_escaped() {
        assert_eq!(escape_like("50%_off\\"), "50\\%\\_off\\\\");
        assert_eq!(contains_pattern("Ab%"), "%ab\\%%");
    }
}
