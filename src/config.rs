//! Configuration from environment variables, with defaults that work on a
//! fresh machine. README.md lists every variable.

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Config {
    /// `postgres://…` for PostgreSQL, otherwise a SQLite file path.
    pub database_url: String,
    /// True when `DATABASE_URL` was not given and the default file is used.
    pub database_is_default: bool,
    pub bind: String,
    /// Public address of the site, used in links inside emails.
    pub base_url: String,
    pub smtp_url: Option<String>,
    /// Where `.eml` files go when no SMTP server is configured.
    pub mail_dir: PathBuf,
    pub mail_from: String,
    pub secret_key_file: PathBuf,
    pub data_dir: PathBuf,
    /// Trust `X-Forwarded-For` from a reverse proxy for the client address.
    pub trust_proxy: bool,
    pub workers: usize,
    pub db_pool_size: u32,
    /// How long anonymous visitors may be served a rendered public page
    /// (see `web::page_cache`); 0 turns the cache off.
    pub page_cache_seconds: u64,
}

impl Config {
    pub fn from_env() -> Config {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let data_dir = PathBuf::from(var("DATA_DIR").unwrap_or_else(|| "data".into()));
        let explicit_db = var("DATABASE_URL");
        let database_is_default = explicit_db.is_none();
        let database_url = explicit_db
            .unwrap_or_else(|| data_dir.join("tillit.db").to_string_lossy().into_owned());
        let bind = var("BIND").unwrap_or_else(|| "127.0.0.1:8080".into());
        let base_url = var("BASE_URL")
            .unwrap_or_else(|| format!("http://{bind}"))
            .trim_end_matches('/')
            .to_string();
        let workers = var("WORKERS")
            .and_then(|w| w.parse().ok())
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
        Config {
            database_url,
            database_is_default,
            bind,
            base_url,
            smtp_url: var("SMTP_URL"),
            mail_dir: var("MAIL_DIR").map_or_else(|| data_dir.join("mail"), PathBuf::from),
            mail_from: var("MAIL_FROM")
                .unwrap_or_else(|| "Tillit <no-reply@tillit.example>".into()),
            secret_key_file: var("SECRET_KEY_FILE")
                .map_or_else(|| data_dir.join("secret.key"), PathBuf::from),
            trust_proxy: var("TRUST_PROXY").is_some_and(|v| v == "1" || v == "true"),
            workers,
            db_pool_size: var("DB_POOL_SIZE")
                .and_then(|v| v.parse().ok())
                .unwrap_or(10),
            page_cache_seconds: var("PAGE_CACHE_SECONDS")
                .and_then(|v| v.parse().ok())
                .unwrap_or(5),
            data_dir,
        }
    }

    /// Cookies get the `Secure` flag when the site is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}
