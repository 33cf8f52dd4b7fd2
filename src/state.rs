//! What every handler can reach (`AppState`), assembled once at start-up:
//! the database pool, the configuration, the mailer, the outbox's wake-up
//! signal, the session key and the page cache. Plumbing: it imports `db`,
//! `mail`, `web` and the guidelines seed, nothing else.

use std::path::Path;
use std::sync::Arc;

use actix_web::cookie::Key;
use tokio::sync::Notify;

use crate::config::Config;
use crate::db::{self, Backend, Db};
use crate::mail::Mailer;
use crate::web;

/// What every handler can reach.
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub mailer: Mailer,
    /// Wakes the outbox worker as soon as a message is queued.
    pub outbox_signal: Arc<Notify>,
    pub session_key: Key,
    /// Rendered public pages for anonymous visitors.
    pub pages: Arc<web::page_cache::PageCache>,
}

/// Memory the page cache may use (a page is 20–60 kB).
const PAGE_CACHE_BYTES: usize = 32 * 1024 * 1024;

impl AppState {
    /// Connects, migrates, runs `seed` on the migrated database (the
    /// application passes the data every instance needs, such as the
    /// guidelines), and assembles the state.
    pub fn new(
        config: Config,
        mailer: Mailer,
        session_key: Key,
        seed: fn(&mut db::DbConn) -> Result<(), String>,
    ) -> Result<AppState, String> {
        let backend = Backend::of_url(&config.database_url);
        let pool = db::build_pool(
            &config.database_url,
            config.db_pool_size,
            config.sqlite_synchronous,
        )
        .map_err(|e| e.to_string())?;
        {
            let mut conn = pool
                .get()
                .map_err(|e| format!("connecting to the database: {e}"))?;
            db::run_migrations(&mut conn).map_err(|e| e.to_string())?;
            seed(&mut conn)?;
            for warning in db::durability_warnings(&mut conn) {
                tracing::warn!("{warning}");
                eprintln!("tillit: warning: {warning}");
            }
            // Messages this instance's previous run was sending when it
            // stopped go out again now, not when their lease runs out.
            let released = crate::mail::outbox::release_leases(&mut conn, &config.instance_name)
                .map_err(|e| format!("releasing outbox leases: {e}"))?;
            if released > 0 {
                tracing::info!(
                    released,
                    "released the outbox leases of this instance's last run"
                );
            }
        }
        let pages = web::page_cache::PageCache::new(
            std::time::Duration::from_secs(config.page_cache_seconds),
            PAGE_CACHE_BYTES,
        );
        Ok(AppState {
            pages: Arc::new(pages),
            db: Db::new(pool, backend),
            config: Arc::new(config),
            mailer,
            outbox_signal: Arc::new(Notify::new()),
            session_key,
        })
    }
}

/// Reads the session key from `path`, creating it (64 random bytes, hex,
/// readable by the owner only) on first start.
pub fn load_or_create_key(path: &Path) -> Result<Key, String> {
    if let Ok(text) = std::fs::read_to_string(path) {
        let bytes =
            hex::decode(text.trim()).map_err(|e| format!("{}: not hex: {e}", path.display()))?;
        return Key::try_from(bytes.as_slice()).map_err(|e| format!("{}: {e}", path.display()));
    }
    let key = Key::generate();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    }
    std::fs::write(path, hex::encode(key.master()))
        .map_err(|e| format!("writing {}: {e}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    Ok(key)
}
