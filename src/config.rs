//! Configuration from environment variables, with defaults that work on a
//! fresh machine. README.md lists every variable.

use std::net::IpAddr;

use chrono::{Duration, NaiveDateTime};
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
    /// The proxies whose `X-Forwarded-For` entries are skipped when finding
    /// the client (`TRUSTED_PROXIES`, default the loopback ranges).
    pub trusted_proxies: Vec<IpRange>,
    /// Idle limit of a "remember me" session, in days.
    pub session_idle_days: i64,
    /// Idle limit of a session that ends with the browser, in hours.
    pub session_browser_idle_hours: i64,
    /// No session lives longer than this, in days.
    pub session_absolute_days: i64,
    /// SQLite's `synchronous` setting: `normal` survives a crash of the
    /// process, `full` also a loss of power (docs/operations.md).
    pub sqlite_synchronous: SqliteSync,
    /// This instance's name in the outbox's leases: a restarted instance
    /// releases the leases its previous run left behind.
    pub instance_name: String,
    /// Extra root certificate (PEM) trusted for SMTP over TLS, for a mail
    /// server with a private certificate authority.
    pub smtp_ca_file: Option<PathBuf>,
    pub workers: usize,
    pub db_pool_size: u32,
    /// How long anonymous visitors may be served a rendered public page
    /// (see `web::page_cache`); 0 turns the cache off.
    pub page_cache_seconds: u64,
}

/// Rules of the product an operator may tune, read once from the
/// environment; shown on the pages they govern (the score's method, the
/// transparency report).
#[derive(Debug, Clone)]
pub struct Policy {
    /// A review's weight in the score halves every this many days.
    pub score_half_life_days: f64,
    /// Reports counted for misuse of reporting look back this far.
    pub reporting_window_days: i64,
    /// Manifestly unfounded reports in the window that earn a warning.
    pub reporting_warn_after: i64,
    /// Further ones, after a warning, that suspend reporting.
    pub reporting_suspend_after: i64,
    pub reporting_suspend_days: i64,
}

impl Policy {
    pub fn from_env() -> Policy {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        Policy {
            score_half_life_days: var("SCORE_HALF_LIFE_DAYS")
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|d| *d >= 1.0)
                .unwrap_or(365.0),
            reporting_window_days: number(var("REPORTING_WINDOW_DAYS"), 180).max(1),
            reporting_warn_after: number(var("REPORTING_WARN_AFTER"), 5).max(1),
            reporting_suspend_after: number(var("REPORTING_SUSPEND_AFTER"), 3).max(1),
            reporting_suspend_days: number(var("REPORTING_SUSPEND_DAYS"), 30).max(1),
        }
    }
}

/// The policy, read from the environment the first time it is needed.
pub fn policy() -> &'static Policy {
    static POLICY: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();
    POLICY.get_or_init(Policy::from_env)
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
        let instance_name = var("INSTANCE_NAME").unwrap_or_else(|| default_instance_name(&bind));
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
            trusted_proxies: var("TRUSTED_PROXIES")
                .map_or_else(IpRange::loopback, |list| IpRange::parse_list(&list)),
            session_idle_days: number(var("SESSION_IDLE_DAYS"), 30),
            session_browser_idle_hours: number(var("SESSION_BROWSER_IDLE_HOURS"), 24),
            session_absolute_days: number(var("SESSION_ABSOLUTE_DAYS"), 90),
            sqlite_synchronous: var("SQLITE_SYNCHRONOUS")
                .map_or(SqliteSync::Normal, |v| SqliteSync::parse(&v)),
            instance_name,
            smtp_ca_file: var("SMTP_CA_FILE").map(PathBuf::from),
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

    pub fn session_lifetimes(&self) -> Lifetimes {
        Lifetimes {
            idle_remembered: Duration::days(self.session_idle_days.clamp(1, 3650)),
            idle_browser: Duration::hours(self.session_browser_idle_hours.clamp(1, 24 * 3650)),
            absolute: Duration::days(self.session_absolute_days.clamp(1, 3650)),
        }
    }

    /// Whether the server listens on a loopback address only: then it is
    /// somebody trying Tillit on their own machine, and demo data with
    /// published passwords harms nobody.
    pub fn binds_loopback(&self) -> bool {
        let host = self
            .bind
            .rsplit_once(':')
            .map_or(self.bind.as_str(), |(host, _)| host);
        is_loopback_host(host)
    }
}

/// How long sessions last (`Config::session_lifetimes`; enforced by
/// `web::session::store`).
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    /// Idle limit for a "remember me" session.
    pub idle_remembered: Duration,
    /// Idle limit for a session whose cookie ends with the browser.
    pub idle_browser: Duration,
    /// No session lives longer than this from its login.
    pub absolute: Duration,
}

impl Lifetimes {
    /// The end a new session is given: its absolute lifetime.
    pub fn expires(&self, created: NaiveDateTime) -> NaiveDateTime {
        created + self.absolute
    }

    fn idle(&self, remember: bool) -> Duration {
        if remember {
            self.idle_remembered
        } else {
            self.idle_browser
        }
    }

    /// Whether a session last seen at `last_seen` and ending at `expires`
    /// is still open at `now`.
    pub fn is_live(
        &self,
        remember: bool,
        last_seen: NaiveDateTime,
        expires: NaiveDateTime,
        now: NaiveDateTime,
    ) -> bool {
        now < expires && now < last_seen + self.idle(remember)
    }
}

fn number(value: Option<String>, default: i64) -> i64 {
    value.and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

fn default_instance_name(bind: &str) -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".into());
    format!("{host}/{bind}")
}

/// SQLite's durability setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqliteSync {
    Normal,
    Full,
}

impl SqliteSync {
    /// `full` (or `2`) asks for it; anything else is the default, `normal`.
    pub fn parse(value: &str) -> SqliteSync {
        match value.trim().to_ascii_lowercase().as_str() {
            "full" | "2" | "extra" | "3" => SqliteSync::Full,
            _ => SqliteSync::Normal,
        }
    }

    pub fn pragma(self) -> &'static str {
        match self {
            SqliteSync::Normal => "NORMAL",
            SqliteSync::Full => "FULL",
        }
    }
}

/// A range of addresses (`10.0.0.0/8`, `::1/128`, or one address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpRange {
    network: IpAddr,
    prefix: u8,
}

impl IpRange {
    pub fn parse(text: &str) -> Option<IpRange> {
        let text = text.trim();
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix.parse::<u8>().ok()?)),
            None => (text, None),
        };
        let network: IpAddr = address.parse().ok()?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        (prefix <= max).then_some(IpRange { network, prefix })
    }

    /// A comma-separated list; entries that do not parse are skipped (and
    /// reported at start-up by `main`).
    pub fn parse_list(text: &str) -> Vec<IpRange> {
        text.split(',')
            .filter(|t| !t.trim().is_empty())
            .filter_map(IpRange::parse)
            .collect()
    }

    pub fn loopback() -> Vec<IpRange> {
        IpRange::parse_list("127.0.0.0/8,::1/128")
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        match (self.network, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// Whether a host name or address (IPv6 with or without brackets) is this
/// machine: `localhost` or a loopback address.
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    match host.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse()
            .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED))
    }

    #[test]
    fn ranges_contain_their_addresses() {
        let ten = IpRange::parse("10.0.0.0/8");
        assert!(ten.is_some_and(|r| r.contains(ip("10.200.3.4"))));
        assert!(ten.is_some_and(|r| !r.contains(ip("11.0.0.1"))));
        let one = IpRange::parse("192.0.2.7");
        assert!(one.is_some_and(|r| r.contains(ip("192.0.2.7"))));
        assert!(one.is_some_and(|r| !r.contains(ip("192.0.2.8"))));
        let all = IpRange::parse("0.0.0.0/0");
        assert!(all.is_some_and(|r| r.contains(ip("203.0.113.9"))));
        let loopback = IpRange::loopback();
        assert!(loopback.iter().any(|r| r.contains(ip("::1"))));
        assert!(loopback.iter().any(|r| r.contains(ip("::ffff:127.0.0.1"))));
        assert!(IpRange::parse("10.0.0.0/33").is_none());
        assert!(IpRange::parse("nonsense").is_none());
    }

    #[test]
    fn loopback_binds_are_recognised() {
        let with = |bind: &str| Config {
            bind: bind.into(),
            ..Config::from_env()
        };
        assert!(with("127.0.0.1:8080").binds_loopback());
        assert!(with("[::1]:8080").binds_loopback());
        assert!(with("localhost:8080").binds_loopback());
        assert!(!with("0.0.0.0:8080").binds_loopback());
        assert!(!with("[::]:8080").binds_loopback());
        assert!(!with("192.0.2.1:80").binds_loopback());
    }

    #[test]
    fn synchronous_defaults_to_normal() {
        assert_eq!(SqliteSync::parse("FULL"), SqliteSync::Full);
        assert_eq!(SqliteSync::parse("normal"), SqliteSync::Normal);
        assert_eq!(SqliteSync::parse("off"), SqliteSync::Normal);
    }
}
