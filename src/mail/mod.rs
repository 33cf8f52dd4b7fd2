//! Email: what a message is, how it is written (translated text and HTML
//! parts from templates) and how it leaves (SMTP, `.eml` files, or memory
//! for tests). Nothing sends directly: everything goes through the outbox.

pub mod notification;
pub mod outbox;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use askama::Template;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport};

use crate::config::is_loopback_host;
use crate::kernel::i18n::{tr, Lang};
use crate::kernel::notify;

/// A message ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The one-click address that stops this kind of email (RFC 8058): sent
    /// as `List-Unsubscribe` with `List-Unsubscribe-Post`. Security emails
    /// and required notices have none.
    pub list_unsubscribe: Option<String>,
}

/// A message as the memory transport recorded it (tests read these).
#[derive(Debug, Clone)]
pub struct SentEmail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub list_unsubscribe: Option<String>,
}

#[derive(Clone)]
pub enum Mailer {
    Smtp(Arc<SmtpTransport>),
    File(PathBuf),
    Memory(Arc<Mutex<Vec<SentEmail>>>),
}

impl Mailer {
    /// SMTP when a URL is configured (see `smtp_transport` for the forms),
    /// otherwise `.eml` files in `mail_dir`.
    pub fn from_config(
        smtp_url: Option<&str>,
        ca_file: Option<&Path>,
        mail_dir: PathBuf,
    ) -> Result<Mailer, String> {
        match smtp_url {
            Some(url) => Ok(Mailer::Smtp(Arc::new(smtp_transport(url, ca_file)?))),
            None => Ok(Mailer::File(mail_dir)),
        }
    }

    pub fn memory() -> Mailer {
        Mailer::Memory(Arc::new(Mutex::new(Vec::new())))
    }

    /// What the memory transport holds (empty for the others).
    pub fn sent(&self) -> Vec<SentEmail> {
        match self {
            Mailer::Memory(sent) => sent.lock().map(|s| s.clone()).unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// Sends one message; blocking, so call it off the async workers.
    pub fn send_blocking(&self, from: &str, id: i64, email: &OutgoingEmail) -> Result<(), String> {
        match self {
            Mailer::Memory(sent) => {
                let mut sent = sent
                    .lock()
                    .map_err(|_| "memory mailer poisoned".to_string())?;
                sent.push(SentEmail {
                    to: email.to.clone(),
                    subject: email.subject.clone(),
                    text: email.text.clone(),
                    html: email.html.clone(),
                    list_unsubscribe: email.list_unsubscribe.clone(),
                });
                Ok(())
            }
            Mailer::File(dir) => {
                let message = build_message(from, email)?;
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("creating {}: {e}", dir.display()))?;
                let name = format!("{}-{id:06}.eml", chrono::Utc::now().format("%Y%m%dT%H%M%S"));
                let path = dir.join(name);
                std::fs::write(&path, message.formatted())
                    .map_err(|e| format!("writing {}: {e}", path.display()))
            }
            Mailer::Smtp(transport) => {
                let message = build_message(from, email)?;
                transport
                    .send(&message)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// How the connection to the mail server is protected, from the URL's
/// scheme and its `tls` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SmtpSecurity {
    /// `smtp://`: plain text, for a relay on the same machine or network.
    Plain,
    /// `smtp://…?tls=starttls`: plain connection upgraded with STARTTLS,
    /// which the server must offer (no silent fall-back to plain text).
    StartTls,
    /// `smtps://`: TLS from the first byte (port 465).
    Implicit,
}

impl SmtpSecurity {
    fn of(url: &url::Url) -> Result<SmtpSecurity, String> {
        let tls = url
            .query_pairs()
            .find(|(key, _)| key == "tls")
            .map(|(_, value)| value.to_ascii_lowercase());
        match (url.scheme(), tls.as_deref()) {
            ("smtps", None) => Ok(SmtpSecurity::Implicit),
            ("smtp", None | Some("none")) => Ok(SmtpSecurity::Plain),
            ("smtp", Some("starttls" | "required")) => Ok(SmtpSecurity::StartTls),
            (scheme, tls) => Err(format!(
                "the scheme must be smtp:// or smtps:// and tls= starttls or none (got {scheme}:// with tls={})",
                tls.unwrap_or("")
            )),
        }
    }

    fn default_port(self) -> u16 {
        match self {
            SmtpSecurity::Plain => 25,
            SmtpSecurity::StartTls => 587,
            SmtpSecurity::Implicit => 465,
        }
    }
}

/// Builds the SMTP transport from `SMTP_URL`:
/// `smtp://[user:password@]host[:port]` (plain), the same with
/// `?tls=starttls` (STARTTLS required), or `smtps://…` (implicit TLS).
/// Certificates are checked against the Mozilla roots built in, plus the
/// PEM certificates in `ca_file` (a private CA). A password is never sent in
/// plain text to a host other than this machine.
fn smtp_transport(url: &str, ca_file: Option<&Path>) -> Result<SmtpTransport, String> {
    // The URL may hold a password: errors name the host, never the URL.
    let parsed = url::Url::parse(url).map_err(|e| format!("SMTP_URL is not a URL: {e}"))?;
    let security = SmtpSecurity::of(&parsed).map_err(|e| format!("SMTP_URL: {e}"))?;
    let host = parsed
        .host_str()
        .ok_or_else(|| "SMTP_URL: no host".to_string())?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let credentials = credentials_of(&parsed);
    if security == SmtpSecurity::Plain && credentials.is_some() && !is_loopback_host(&host) {
        return Err(format!(
            "SMTP_URL: a password would go in plain text to {host}; use smtps:// or add ?tls=starttls"
        ));
    }
    let mut builder = SmtpTransport::builder_dangerous(host.as_str())
        .port(parsed.port().unwrap_or(security.default_port()))
        .timeout(Some(Duration::from_secs(15)));
    if security != SmtpSecurity::Plain {
        let parameters = tls_parameters(&host, ca_file)?;
        builder = builder.tls(match security {
            SmtpSecurity::Implicit => Tls::Wrapper(parameters),
            _ => Tls::Required(parameters),
        });
    }
    if let Some(credentials) = credentials {
        builder = builder.credentials(credentials);
    }
    Ok(builder.build())
}

fn credentials_of(url: &url::Url) -> Option<Credentials> {
    if url.username().is_empty() {
        return None;
    }
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    Some(Credentials::new(
        decode(url.username()),
        decode(url.password().unwrap_or("")),
    ))
}

fn tls_parameters(host: &str, ca_file: Option<&Path>) -> Result<TlsParameters, String> {
    let mut builder = TlsParameters::builder(host.to_string());
    if let Some(path) = ca_file {
        let pem =
            std::fs::read(path).map_err(|e| format!("SMTP_CA_FILE {}: {e}", path.display()))?;
        let certificate = Certificate::from_pem(&pem)
            .map_err(|e| format!("SMTP_CA_FILE {}: {e}", path.display()))?;
        builder = builder.add_root_certificate(certificate);
    }
    builder
        .build_rustls()
        .map_err(|e| format!("SMTP TLS settings for {host}: {e}"))
}

fn build_message(from: &str, email: &OutgoingEmail) -> Result<Message, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("MAIL_FROM: {e}"))?;
    let to: Mailbox = email
        .to
        .parse()
        .map_err(|e| format!("recipient {:?}: {e}", email.to))?;
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone());
    if let Some(url) = &email.list_unsubscribe {
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_string(),
            ));
    }
    builder
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(email.text.clone()),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(email.html.clone()),
                ),
        )
        .map_err(|e| e.to_string())
}

#[derive(Template)]
#[template(path = "mail/email.txt")]
struct TextBody<'a> {
    content: &'a EmailContent,
}

#[derive(Template)]
#[template(path = "mail/email.html")]
struct HtmlBody<'a> {
    content: &'a EmailContent,
}

/// The parts every email has: a greeting, paragraphs, an optional button
/// link, and a footer that says why the email came. Written once, rendered
/// as text and as HTML.
#[derive(Debug, Clone)]
pub struct EmailContent {
    pub lang: Lang,
    pub subject: String,
    pub greeting: String,
    pub paragraphs: Vec<String>,
    pub action: Option<(String, String)>,
    pub footer: String,
    /// A page that stops or changes this kind of email, shown after the footer.
    pub unsubscribe_url: Option<String>,
    one_click: Option<String>,
}

impl EmailContent {
    /// An email about the account's security (sign-up, password, address,
    /// erasure): the footer says it cannot be turned off, and why.
    pub fn new(lang: Lang, subject: String, greeting: String) -> EmailContent {
        EmailContent {
            lang,
            subject,
            greeting,
            paragraphs: Vec::new(),
            action: None,
            footer: tr(lang, "email-footer-transactional"),
            unsubscribe_url: None,
            one_click: None,
        }
    }

    pub fn paragraph(mut self, text: String) -> Self {
        self.paragraphs.push(text);
        self
    }

    pub fn action(mut self, label: String, url: String) -> Self {
        self.action = Some((label, url));
        self
    }

    /// A notice the person must get — a moderation decision, the outcome
    /// of a report, a verification request: the footer says why it cannot
    /// be turned off, without claiming it is about security.
    pub fn required_notice(mut self) -> Self {
        self.footer = tr(self.lang, "email-footer-required");
        self
    }

    /// Marks the email as one the person chose: the footer links to their
    /// email settings and the headers carry the one-click stop.
    pub fn chosen(self, links: &UnsubscribeLinks) -> Self {
        let footer = tr(self.lang, "email-footer-notification");
        self.stoppable(footer, links)
    }

    /// An email that can be stopped: `footer` says why it came, then the
    /// page that stops it; the headers carry the one-click stop.
    pub fn stoppable(mut self, footer: String, links: &UnsubscribeLinks) -> Self {
        self.footer = footer;
        self.unsubscribe_url = Some(links.settings.clone());
        self.one_click = Some(links.one_click.clone());
        self
    }

    /// A reply in a thread the person follows: the footer stops following
    /// that thread; the headers stop reply emails altogether.
    pub fn unsubscribe(mut self, url: String, links: &UnsubscribeLinks) -> Self {
        self.footer = tr(self.lang, "email-footer-unsubscribe");
        self.unsubscribe_url = Some(url);
        self.one_click = Some(links.one_click.clone());
        self
    }

    pub fn to(self, address: &str) -> Result<OutgoingEmail, askama::Error> {
        let text = TextBody { content: &self }.render()?;
        let html = HtmlBody { content: &self }.render()?;
        Ok(OutgoingEmail {
            to: address.to_string(),
            subject: self.subject,
            text,
            html,
            list_unsubscribe: self.one_click,
        })
    }
}

/// Where a person changes their email settings without logging in, and the
/// address that stops one kind of email at one click.
#[derive(Debug, Clone)]
pub struct UnsubscribeLinks {
    pub settings: String,
    pub one_click: String,
}

impl UnsubscribeLinks {
    /// The words after `/stop/` in the one-click address: a kind of
    /// notification, or `digest` for the daily digest.
    pub const DIGEST: &'static str = "digest";

    pub fn new(base_url: &str, token: &str, stop: &str) -> UnsubscribeLinks {
        UnsubscribeLinks {
            settings: format!("{base_url}/mail-settings/{token}"),
            one_click: format!("{base_url}/mail-settings/{token}/stop/{stop}"),
        }
    }

    /// The links for one kind of `user`'s emails, making their token the
    /// first time.
    pub fn of(
        conn: &mut crate::db::DbConn,
        base_url: &str,
        user: crate::kernel::ids::UserId,
        kind: notify::Kind,
    ) -> diesel::QueryResult<UnsubscribeLinks> {
        let token = notify::mail_token(conn, user)?;
        Ok(UnsubscribeLinks::new(base_url, &token, kind.as_str()))
    }

    /// The links for `user`'s daily digest.
    pub fn of_digest(
        conn: &mut crate::db::DbConn,
        base_url: &str,
        user: crate::kernel::ids::UserId,
    ) -> diesel::QueryResult<UnsubscribeLinks> {
        let token = notify::mail_token(conn, user)?;
        Ok(UnsubscribeLinks::new(base_url, &token, Self::DIGEST))
    }
}
