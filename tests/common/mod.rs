//! The shared test harness: the real `App` on a fresh database per test
//! (a temporary SQLite file, or a fresh PostgreSQL database when
//! `TEST_DATABASE_URL` is set), an in-memory mail transport, and a client
//! that keeps cookies and sends the CSRF token like a browser.

#![allow(dead_code)]

pub mod smtp;

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};

use actix_web::cookie::Key;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::Method;
use actix_web::{test, web};
use diesel::{Connection, RunQueryDsl};
use tillit::config::Config;
use tillit::db::DbConn;
use tillit::kernel::ids::UserId;
use tillit::mail::{outbox, Mailer, SentEmail};
use tillit::state::AppState;

type CallFuture = Pin<Box<dyn Future<Output = Resp>>>;
type Caller = Rc<dyn Fn(actix_http::Request) -> CallFuture>;

/// A response, read completely.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn location(&self) -> &str {
        self.header("location").unwrap_or("")
    }

    pub fn has(&self, text: &str) -> bool {
        self.body.contains(text)
    }

    #[track_caller]
    pub fn assert_status(&self, status: u16) -> &Self {
        assert_eq!(
            self.status, status,
            "unexpected status; body:\n{}",
            self.body
        );
        self
    }

    #[track_caller]
    pub fn assert_has(&self, text: &str) -> &Self {
        assert!(
            self.body.contains(text),
            "expected {text:?} in:\n{}",
            self.body
        );
        self
    }

    #[track_caller]
    pub fn assert_lacks(&self, text: &str) -> &Self {
        assert!(
            !self.body.contains(text),
            "did not expect {text:?} in:\n{}",
            self.body
        );
        self
    }

    /// The value of the first hidden `csrf_token` field on the page.
    pub fn csrf_token(&self) -> Option<String> {
        let marker = "name=\"csrf_token\" value=\"";
        let start = self.body.find(marker)? + marker.len();
        let end = self.body[start..].find('"')? + start;
        Some(self.body[start..end].to_string())
    }
}

struct PgDatabase {
    admin_url: String,
    name: String,
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if let Ok(mut conn) = diesel::PgConnection::establish(&self.admin_url) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut conn);
        }
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A fresh database URL: a PostgreSQL database created for this test when
/// `TEST_DATABASE_URL` names a server, else a SQLite file in `dir`.
fn fresh_database(dir: &std::path::Path) -> (String, Option<PgDatabase>) {
    match std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        Some(admin_url) => {
            let name = format!(
                "tillit_test_{}_{}_{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::SeqCst),
                chrono::Utc::now().timestamp_subsec_nanos()
            );
            let mut conn =
                diesel::PgConnection::establish(&admin_url).expect("connect to TEST_DATABASE_URL");
            diesel::sql_query(format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .expect("create test database");
            let mut url = url::Url::parse(&admin_url).expect("TEST_DATABASE_URL is a URL");
            url.set_path(&name);
            (url.to_string(), Some(PgDatabase { admin_url, name }))
        }
        None => (dir.join("test.db").to_string_lossy().into_owned(), None),
    }
}

pub struct TestApp {
    caller: Caller,
    pub state: web::Data<AppState>,
    key: Key,
    _pg: Option<PgDatabase>,
    pub dir: tempfile::TempDir,
    next_ip: RefCell<u8>,
}

pub fn test_config(dir: &std::path::Path, database_url: String) -> Config {
    Config {
        database_url,
        database_is_default: false,
        bind: "127.0.0.1:0".into(),
        base_url: "http://tillit.test".into(),
        smtp_url: None,
        mail_dir: dir.join("mail"),
        mail_from: "Tillit <no-reply@tillit.test>".into(),
        secret_key_file: dir.join("secret.key"),
        data_dir: dir.to_path_buf(),
        trust_proxy: false,
        trusted_proxies: tillit::config::IpRange::loopback(),
        session_idle_days: 30,
        session_browser_idle_hours: 24,
        session_absolute_days: 90,
        sqlite_synchronous: tillit::config::SqliteSync::Normal,
        instance_name: "test-instance-a".into(),
        smtp_ca_file: None,
        workers: 1,
        db_pool_size: 4,
        page_cache_seconds: 5,
    }
}

impl TestApp {
    pub async fn new() -> TestApp {
        TestApp::build(Mailer::memory(), |c| c).await
    }

    pub async fn with_mailer(mailer: Mailer) -> TestApp {
        TestApp::build(mailer, |c| c).await
    }

    pub async fn with_config(change: impl FnOnce(Config) -> Config) -> TestApp {
        TestApp::build(Mailer::memory(), change).await
    }

    async fn build(mailer: Mailer, change: impl FnOnce(Config) -> Config) -> TestApp {
        let dir = tempfile::tempdir().expect("temporary directory");
        let (url, pg) = fresh_database(dir.path());
        let config = change(test_config(dir.path(), url));
        let key = Key::generate();
        let state = web::Data::new(tillit::start(config, mailer, key.clone()).expect("app state"));
        let caller = TestApp::caller(state.clone()).await;
        TestApp {
            caller,
            state,
            key,
            _pg: pg,
            dir,
            next_ip: RefCell::new(10),
        }
    }

    async fn caller(state: web::Data<AppState>) -> Caller {
        let service = Rc::new(test::init_service(tillit::app(state)).await);
        Rc::new(move |req| {
            let service = Rc::clone(&service);
            Box::pin(async move {
                match service.call(req).await {
                    Ok(res) => read(res).await,
                    Err(e) => {
                        let res = e.error_response();
                        Resp {
                            status: res.status().as_u16(),
                            headers: vec![],
                            body: String::new(),
                        }
                    }
                }
            })
        })
    }

    /// A second application instance on the same database with the same
    /// secret key and its own pool and mailer, as when several servers run
    /// behind a load balancer.
    pub async fn another_instance(&self, mailer: Mailer) -> Instance {
        let config = tillit::config::Config {
            instance_name: "test-instance-b".into(),
            ..(*self.state.config).clone()
        };
        let state = web::Data::new(
            tillit::start(config, mailer, self.key.clone()).expect("second instance"),
        );
        Instance {
            caller: TestApp::caller(state.clone()).await,
            state,
        }
    }

    /// A browser talking to `instance`, carrying over this client's cookies.
    pub fn same_browser_on(&self, client: &Client, instance: &Instance) -> Client {
        let moved = Client::new(instance.caller.clone(), client.ip.clone());
        *moved.cookies.borrow_mut() = client.cookies.borrow().clone();
        moved
    }

    pub fn is_postgres(&self) -> bool {
        self._pg.is_some()
    }

    /// A browser with its own cookies and its own client address.
    pub fn client(&self) -> Client {
        let mut n = self.next_ip.borrow_mut();
        *n = n.wrapping_add(1);
        Client::new(self.caller.clone(), format!("10.0.0.{n}"))
    }

    pub fn client_at(&self, ip: &str) -> Client {
        Client::new(self.caller.clone(), ip.to_string())
    }

    /// Runs a closure on a database connection.
    pub fn db<T>(&self, f: impl FnOnce(&mut DbConn) -> T) -> T {
        let mut conn = self.state.db.pool().get().expect("pooled connection");
        f(&mut conn)
    }

    /// Creates a user directly (no email round trip).
    pub fn create_user(&self, email: &str, name: &str, password: &str, verified: bool) -> UserId {
        let hash = tillit::accounts::password::hash_now(password).expect("hash");
        self.db(|conn| {
            let new = tillit::accounts::model::NewUser {
                email,
                display_name: name,
                password_hash: &hash,
                locale: None,
                verified,
                is_admin: false,
                is_moderator: false,
            };
            tillit::accounts::model::insert_user(conn, &new).expect("insert user")
        })
    }

    /// The open moderation case about an item, with its lock version.
    pub fn open_case(&self, kind: &str, id: i64) -> Option<(i64, i32)> {
        use diesel::prelude::*;
        use tillit::db::schema::moderation_cases;
        self.db(|c| {
            moderation_cases::table
                .filter(moderation_cases::item_kind.eq(kind))
                .filter(moderation_cases::item_id.eq(id))
                .filter(moderation_cases::status.eq("open"))
                .select((moderation_cases::id, moderation_cases::lock_version))
                .first(c)
                .optional()
                .expect("case")
        })
    }

    /// Makes an account `days` old: past the new-account trust limit.
    pub fn age_account(&self, email: &str, days: i64) -> UserId {
        use diesel::prelude::*;
        use tillit::db::schema::users;
        self.db(|conn| {
            let id = users::table
                .filter(users::email.eq(email))
                .select(users::id)
                .first::<UserId>(conn)
                .expect("user");
            diesel::update(users::table.find(id))
                .set(users::created_at.eq(tillit::db::now() - chrono::Duration::days(days)))
                .execute(conn)
                .expect("age the account");
            id
        })
    }

    pub fn create_admin(&self, email: &str, password: &str) -> UserId {
        let id = self.create_user(email, "Admin", password, true);
        self.db(|conn| tillit::accounts::model::set_admin(conn, id, true).expect("make admin"));
        id
    }

    /// A company with its forum section, as the admin page creates it.
    pub fn create_company(&self, name: &str, slug: &str) -> tillit::kernel::ids::CompanyId {
        self.db(|conn| {
            let new = tillit::companies::model::NewCompany {
                name,
                slug,
                description: "",
                website: None,
                category: "",
            };
            let id = tillit::companies::model::insert_company(conn, &new).expect("insert company");
            tillit::forum::model::create_company_section(conn, id, name, slug)
                .expect("forum section");
            id
        })
    }

    pub fn make_staff(&self, user: UserId, company: tillit::kernel::ids::CompanyId) {
        self.db(|conn| tillit::accounts::model::add_staff(conn, user, company).expect("add staff"));
    }

    /// A client logged in as an existing user.
    pub async fn login(&self, email: &str, password: &str) -> Client {
        let client = self.client();
        let resp = client
            .post("/login", &[("email", email), ("password", password)])
            .await;
        assert_eq!(resp.status, 303, "login failed for {email}: {}", resp.body);
        client
    }

    /// Delivers the outbox through the configured mailer and returns what
    /// the memory transport holds.
    pub async fn emails(&self) -> Vec<SentEmail> {
        self.deliver().await;
        self.state.mailer.sent()
    }

    pub async fn deliver(&self) -> outbox::DeliveryReport {
        outbox::deliver_due(
            &self.state.db,
            &self.state.mailer,
            &self.state.config.mail_from,
            &self.state.config.instance_name,
        )
        .await
        .expect("outbox delivery")
    }

    pub async fn emails_to(&self, address: &str) -> Vec<SentEmail> {
        self.emails()
            .await
            .into_iter()
            .filter(|e| e.to == address)
            .collect()
    }
}

/// Asserts that a page contains no live markup a user could have injected:
/// only the tags and attributes our templates and the Markdown sanitiser
/// produce, no event handlers, no script URLs.
#[track_caller]
pub fn assert_inert(html: &str) {
    const TAGS: &[&str] = &[
        "details",
        "summary",
        "svg",
        "path",
        "g",
        "img",
        "html",
        "head",
        "meta",
        "title",
        "link",
        "body",
        "a",
        "header",
        "div",
        "form",
        "label",
        "input",
        "button",
        "nav",
        "span",
        "main",
        "p",
        "section",
        "aside",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "article",
        "footer",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "code",
        "pre",
        "table",
        "caption",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "mark",
        "time",
        "select",
        "option",
        "textarea",
        "fieldset",
        "legend",
        "blockquote",
        "br",
        "hr",
        "del",
        "dl",
        "dt",
        "dd",
        "sup",
        "sub",
    ];
    let bytes = html.as_bytes();
    for (i, _) in html.match_indices('<') {
        let rest = &html[i + 1..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        if rest.starts_with('!') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            panic!(
                "a bare '<' in markup at byte {i}: {}",
                &html[i..(i + 60).min(html.len())]
            );
        }
        assert!(
            TAGS.contains(&name.as_str()),
            "unexpected <{name}> at byte {i}: {}",
            &html[i..(i + 80).min(html.len())]
        );
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = rest[..end].to_ascii_lowercase();
        // Attribute names: a space then letters then '='. Values are quoted by
        // askama and ammonia, so an event handler would have to appear here.
        for (j, _) in tag.match_indices(' ') {
            let attr: String = tag[j + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            let in_value = tag[..j].matches('"').count() % 2 == 1;
            if !in_value {
                assert!(
                    !attr.starts_with("on"),
                    "event handler attribute in <{}>",
                    &tag[..tag.len().min(120)]
                );
                if attr == "href" || attr == "src" || attr == "action" {
                    let value = tag[j + 1 + attr.len()..]
                        .trim_start_matches('=')
                        .trim_start_matches('"');
                    assert!(
                        !value.starts_with("javascript:")
                            && !value.starts_with("data:")
                            && !value.starts_with("vbscript:"),
                        "script URL in <{tag}>"
                    );
                }
            }
        }
        let _ = bytes;
    }
}

pub struct Instance {
    caller: Caller,
    pub state: web::Data<AppState>,
}

/// The site-relative path of the first link in `text` under the test base URL.
pub fn link_in(text: &str, path_prefix: &str) -> Option<String> {
    let needle = format!("http://tillit.test{path_prefix}");
    let start = text.find(&needle)? + "http://tillit.test".len();
    let end = text[start..]
        .find(|c: char| c.is_whitespace() || c == '"' || c == '<')
        .map_or(text.len(), |e| e + start);
    Some(text[start..end].to_string())
}

async fn read<B: actix_web::body::MessageBody>(res: ServiceResponse<B>) -> Resp {
    let status = res.status().as_u16();
    let headers = res
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let bytes = test::read_body(res).await;
    Resp {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub struct Client {
    caller: Caller,
    ip: String,
    cookies: RefCell<HashMap<String, String>>,
    csrf: RefCell<Option<String>>,
    pub accept_language: RefCell<Option<String>>,
}

impl Client {
    fn new(caller: Caller, ip: String) -> Client {
        Client {
            caller,
            ip,
            cookies: RefCell::new(HashMap::new()),
            csrf: RefCell::new(None),
            accept_language: RefCell::new(None),
        }
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.borrow().get(name).cloned()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies
            .borrow_mut()
            .insert(name.to_string(), value.to_string());
    }

    /// Forgets the cached CSRF token (e.g. to send a request without one).
    pub fn forget_csrf(&self) {
        *self.csrf.borrow_mut() = None;
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .borrow()
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn store(&self, resp: &Resp) {
        for (name, value) in &resp.headers {
            if !name.eq_ignore_ascii_case("set-cookie") {
                continue;
            }
            let pair = value.split(';').next().unwrap_or("");
            let Some((cookie, content)) = pair.split_once('=') else {
                continue;
            };
            let removed = content.is_empty() || value.to_ascii_lowercase().contains("max-age=0");
            if removed {
                self.cookies.borrow_mut().remove(cookie.trim());
            } else {
                self.cookies
                    .borrow_mut()
                    .insert(cookie.trim().to_string(), content.to_string());
            }
            if cookie.trim() == "tillit_session" {
                // A new session may carry a new token.
                *self.csrf.borrow_mut() = None;
            }
        }
        if let Some(token) = resp.csrf_token() {
            *self.csrf.borrow_mut() = Some(token);
        }
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<(Vec<u8>, &str)>,
        headers: &[(&str, &str)],
    ) -> Resp {
        let mut req = test::TestRequest::default()
            .method(method)
            .uri(path)
            .peer_addr(
                format!("{}:40000", self.ip)
                    .parse()
                    .expect("socket address"),
            );
        let cookies = self.cookie_header();
        if !cookies.is_empty() {
            req = req.insert_header(("cookie", cookies));
        }
        if let Some(lang) = self.accept_language.borrow().as_deref() {
            req = req.insert_header(("accept-language", lang.to_string()));
        }
        for (name, value) in headers {
            req = req.insert_header((name.to_string(), value.to_string()));
        }
        if let Some((bytes, content_type)) = body {
            req = req
                .insert_header(("content-type", content_type.to_string()))
                .set_payload(bytes);
        }
        let resp = (self.caller)(req.to_request()).await;
        self.store(&resp);
        resp
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(Method::GET, path, None, &[]).await
    }

    /// GET, then follow redirects (at most five).
    pub async fn get_follow(&self, path: &str) -> Resp {
        let mut resp = self.get(path).await;
        for _ in 0..5 {
            if !(300..400).contains(&resp.status) {
                break;
            }
            let next = resp.location().to_string();
            resp = self.get(&next).await;
        }
        resp
    }

    /// The session's current CSRF token, fetched from a page when not known.
    pub async fn csrf(&self) -> String {
        if let Some(token) = self.csrf.borrow().clone() {
            return token;
        }
        let page = self.get("/").await;
        page.csrf_token()
            .or_else(|| self.csrf.borrow().clone())
            .expect("a page with a CSRF token")
    }

    /// Posts a form the way a browser would, with the session's CSRF token.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_without_token(path, &all).await
    }

    pub async fn post_without_token(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let body = serde_urlencoded::to_string(fields).expect("form encoding");
        self.post_raw(path, body.into_bytes(), "application/x-www-form-urlencoded")
            .await
    }

    pub async fn post_raw(&self, path: &str, body: Vec<u8>, content_type: &str) -> Resp {
        self.send(Method::POST, path, Some((body, content_type)), &[])
            .await
    }

    /// Posts and follows the redirect, returning the page shown after.
    pub async fn post_follow(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let resp = self.post(path, fields).await;
        if (300..400).contains(&resp.status) {
            let next = resp.location().to_string();
            return self.get_follow(&next).await;
        }
        resp
    }
}

/// Everything the application logs while the tests run, as text: a
/// process-wide subscriber installed by the first test that asks. Tests
/// look for lines carrying their own unique markers.
pub fn captured_logs() -> String {
    use std::sync::{Arc, Mutex, OnceLock};
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();

    #[derive(Clone)]
    struct Capture(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Capture {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if let Ok(mut logs) = self.0.lock() {
                logs.extend_from_slice(buf);
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Capture {
        type Writer = Capture;
        fn make_writer(&'a self) -> Capture {
            self.clone()
        }
    }

    let logs = LOGS.get_or_init(|| {
        let logs = Arc::new(Mutex::new(Vec::new()));
        // Span closings too: each request's span, with its fields, is a line.
        let subscriber = tracing_subscriber::fmt()
            .with_writer(Capture(Arc::clone(&logs)))
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
            .with_ansi(false)
            .with_max_level(tracing::Level::INFO)
            .finish();
        let _ = tracing::subscriber::set_global_default(subscriber);
        logs
    });
    logs.lock()
        .map(|l| String::from_utf8_lossy(&l).into_owned())
        .unwrap_or_default()
}
