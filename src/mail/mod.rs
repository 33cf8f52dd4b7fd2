//! Email: what a message is, how it is written (translated text and HTML
//! parts from templates) and how it leaves (SMTP, `.eml` files, or memory
//! for tests). Nothing sends directly: everything goes through the outbox.

pub mod outbox;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use askama::Template;
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::{Message, SmtpTransport, Transport};

use crate::kernel::i18n::{tr, Lang};

/// A message ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A message as the memory transport recorded it (tests read these).
#[derive(Debug, Clone)]
pub struct SentEmail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Clone)]
pub enum Mailer {
    Smtp(Arc<SmtpTransport>),
    File(PathBuf),
    Memory(Arc<Mutex<Vec<SentEmail>>>),
}

impl Mailer {
    /// SMTP when a URL is configured (`smtp://host:port`, with optional
    /// `user:password@`), otherwise `.eml` files in `mail_dir`.
    pub fn from_config(smtp_url: Option<&str>, mail_dir: PathBuf) -> Result<Mailer, String> {
        match smtp_url {
            Some(url) => Ok(Mailer::Smtp(Arc::new(smtp_transport(url)?))),
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

/// Builds a plain SMTP transport from `smtp://[user:password@]host[:port]`.
/// The build carries no TLS library: use a local relay (or a TLS-terminating
/// one) for mail servers that require encryption.
fn smtp_transport(url: &str) -> Result<SmtpTransport, String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("SMTP_URL {url:?}: {e}"))?;
    if parsed.scheme() != "smtp" {
        return Err(format!(
            "SMTP_URL {url:?}: only smtp:// is supported (no TLS in this build)"
        ));
    }
    let host = parsed
        .host_str()
        .ok_or_else(|| format!("SMTP_URL {url:?}: no host"))?;
    let mut builder = SmtpTransport::builder_dangerous(host)
        .port(parsed.port().unwrap_or(25))
        .timeout(Some(Duration::from_secs(15)));
    if !parsed.username().is_empty() {
        let user = percent_encoding::percent_decode_str(parsed.username())
            .decode_utf8_lossy()
            .into_owned();
        let password = percent_encoding::percent_decode_str(parsed.password().unwrap_or(""))
            .decode_utf8_lossy()
            .into_owned();
        builder = builder.credentials(lettre::transport::smtp::authentication::Credentials::new(
            user, password,
        ));
    }
    Ok(builder.build())
}

fn build_message(from: &str, email: &OutgoingEmail) -> Result<Message, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("MAIL_FROM: {e}"))?;
    let to: Mailbox = email
        .to
        .parse()
        .map_err(|e| format!("recipient {:?}: {e}", email.to))?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone())
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
/// link, and a footer. Written once, rendered as text and as HTML.
#[derive(Debug, Clone)]
pub struct EmailContent {
    pub lang: Lang,
    pub subject: String,
    pub greeting: String,
    pub paragraphs: Vec<String>,
    pub action: Option<(String, String)>,
    pub footer: String,
    pub unsubscribe_url: Option<String>,
}

impl EmailContent {
    pub fn new(lang: Lang, subject: String, greeting: String) -> EmailContent {
        EmailContent {
            lang,
            subject,
            greeting,
            paragraphs: Vec::new(),
            action: None,
            footer: tr(lang, "email-footer-transactional"),
            unsubscribe_url: None,
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

    /// Marks the email as non-transactional: the footer says why it came
    /// and links to a page that stops it without logging in.
    pub fn unsubscribe(mut self, url: String) -> Self {
        self.footer = tr(self.lang, "email-footer-unsubscribe");
        self.unsubscribe_url = Some(url);
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
        })
    }
}
