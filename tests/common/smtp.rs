//! A small SMTP sink on 127.0.0.1 for the mail tests: it speaks enough of
//! the protocol for lettre (EHLO, STARTTLS, AUTH PLAIN/LOGIN, MAIL, RCPT,
//! DATA) and keeps every message and every login it receives. It can run
//! in plain text, with STARTTLS required, or with TLS from the first byte,
//! using a self-signed certificate made for the test.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use base64::Engine;

#[derive(Clone, Default)]
pub struct Received {
    messages: Arc<Mutex<Vec<String>>>,
    logins: Arc<Mutex<Vec<String>>>,
}

impl Received {
    pub fn messages(&self) -> Vec<String> {
        self.messages.lock().map(|m| m.clone()).unwrap_or_default()
    }

    /// Every `user:password` the client authenticated with.
    pub fn logins(&self) -> Vec<String> {
        self.logins.lock().map(|m| m.clone()).unwrap_or_default()
    }
}

/// How the sink protects its connections.
#[derive(Clone)]
pub enum Mode {
    Plain,
    /// Plain greeting; STARTTLS offered, and required before AUTH or MAIL.
    StartTls(Arc<rustls::ServerConfig>),
    /// TLS from the first byte (what `smtps://` expects).
    Implicit(Arc<rustls::ServerConfig>),
}

/// A certificate for 127.0.0.1 and localhost, its PEM text for the client
/// to trust, and the server configuration that presents it.
pub struct TestCertificate {
    pub pem: String,
    pub server: Arc<rustls::ServerConfig>,
}

pub fn test_certificate() -> TestCertificate {
    let certified =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string(), "localhost".to_string()])
            .expect("self-signed certificate");
    let cert_der = certified.cert.der().clone();
    let key_der =
        rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
    // ring, as lettre's client uses; rustls now steers new code to aws-lc-rs
    // for post-quantum key exchange, which a loopback test does not need.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let server = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_single_cert(vec![cert_der], key_der)
        .expect("server certificate");
    TestCertificate {
        pem: certified.cert.pem(),
        server: Arc::new(server),
    }
}

/// A free port on loopback (bound, then released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// Starts a plain-text sink on `port` and returns what it receives.
pub fn start(port: u16) -> Received {
    start_with(port, Mode::Plain)
}

/// Starts the sink on `port` in a thread of its own, one thread per
/// connection, and returns what it receives.
pub fn start_with(port: u16, mode: Mode) -> Received {
    let received = Received::default();
    let store = received.clone();
    let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind SMTP sink");
    std::thread::spawn(move || {
        for socket in listener.incoming().flatten() {
            let store = store.clone();
            let mode = mode.clone();
            std::thread::spawn(move || {
                let _ = serve(socket, mode, store);
            });
        }
    });
    received
}

trait Stream: Read + Write + Send {}
impl<T: Read + Write + Send> Stream for T {}

fn tls(socket: TcpStream, config: Arc<rustls::ServerConfig>) -> std::io::Result<Box<dyn Stream>> {
    let connection = rustls::ServerConnection::new(config).map_err(std::io::Error::other)?;
    Ok(Box::new(rustls::StreamOwned::new(connection, socket)))
}

fn serve(socket: TcpStream, mode: Mode, store: Received) -> std::io::Result<()> {
    socket.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    let (stream, upgrade): (Box<dyn Stream>, _) = match mode {
        Mode::Plain => (Box::new(socket), None),
        Mode::StartTls(config) => (Box::new(socket), Some(config)),
        Mode::Implicit(config) => (tls(socket, config)?, None),
    };
    session(stream, upgrade, store, true)
}

/// One SMTP conversation. `upgrade` is the TLS configuration while STARTTLS
/// is still to come; a socket that has been upgraded is rebuilt from it.
fn session(
    stream: Box<dyn Stream>,
    upgrade: Option<Arc<rustls::ServerConfig>>,
    store: Received,
    banner: bool,
) -> std::io::Result<()> {
    let mut conn = BufReader::new(stream);
    let must_upgrade = upgrade.is_some();
    if banner {
        conn.get_mut().write_all(b"220 sink.test ESMTP\r\n")?;
        conn.get_mut().flush()?;
    }
    let mut line = String::new();
    loop {
        line.clear();
        if conn.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_string();
        let upper = command.to_ascii_uppercase();
        let out = conn.get_mut();
        if upper.starts_with("EHLO") {
            if must_upgrade {
                out.write_all(b"250-sink.test\r\n250-8BITMIME\r\n250 STARTTLS\r\n")?;
            } else {
                out.write_all(b"250-sink.test\r\n250-8BITMIME\r\n250 AUTH PLAIN LOGIN\r\n")?;
            }
        } else if upper == "STARTTLS" && must_upgrade {
            out.write_all(b"220 go ahead\r\n")?;
            out.flush()?;
            let config = upgrade.clone().expect("STARTTLS configuration");
            return upgrade_and_continue(conn, config, store);
        } else if must_upgrade && (upper.starts_with("AUTH") || upper.starts_with("MAIL")) {
            out.write_all(b"530 Must issue a STARTTLS command first\r\n")?;
        } else if let Some(rest) = upper.strip_prefix("AUTH PLAIN") {
            let encoded = if rest.trim().is_empty() {
                out.write_all(b"334 \r\n")?;
                line.clear();
                conn.read_line(&mut line)?;
                line.trim().to_string()
            } else {
                command["AUTH PLAIN".len()..].trim().to_string()
            };
            let decoded = decode(&encoded);
            let mut parts = decoded.split('\0').skip(1);
            let login = format!(
                "{}:{}",
                parts.next().unwrap_or(""),
                parts.next().unwrap_or("")
            );
            record(&store.logins, login);
            conn.get_mut().write_all(b"235 authenticated\r\n")?;
        } else if upper.starts_with("AUTH LOGIN") {
            out.write_all(b"334 VXNlcm5hbWU6\r\n")?;
            line.clear();
            conn.read_line(&mut line)?;
            let user = decode(line.trim());
            conn.get_mut().write_all(b"334 UGFzc3dvcmQ6\r\n")?;
            line.clear();
            conn.read_line(&mut line)?;
            let password = decode(line.trim());
            record(&store.logins, format!("{user}:{password}"));
            conn.get_mut().write_all(b"235 authenticated\r\n")?;
        } else if upper.starts_with("HELO")
            || upper.starts_with("MAIL")
            || upper.starts_with("RCPT")
            || upper.starts_with("RSET")
            || upper.starts_with("NOOP")
        {
            out.write_all(b"250 OK\r\n")?;
        } else if upper == "DATA" {
            out.write_all(b"354 go ahead\r\n")?;
            let mut message = String::new();
            loop {
                line.clear();
                if conn.read_line(&mut line)? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                message.push_str(&line);
            }
            record(&store.messages, message);
            conn.get_mut().write_all(b"250 queued\r\n")?;
        } else if upper == "QUIT" {
            out.write_all(b"221 bye\r\n")?;
            return Ok(());
        } else {
            out.write_all(b"502 not implemented\r\n")?;
        }
        conn.get_mut().flush()?;
    }
}

/// STARTTLS: the same socket, now encrypted; the client greets again with
/// EHLO and gets no new banner.
fn upgrade_and_continue(
    conn: BufReader<Box<dyn Stream>>,
    config: Arc<rustls::ServerConfig>,
    store: Received,
) -> std::io::Result<()> {
    let plain = conn.into_inner();
    let connection = rustls::ServerConnection::new(config).map_err(std::io::Error::other)?;
    let secured: Box<dyn Stream> = Box::new(rustls::StreamOwned::new(connection, plain));
    session(secured, None, store, false)
}

fn decode(encoded: &str) -> String {
    base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

fn record(list: &Mutex<Vec<String>>, entry: String) {
    if let Ok(mut all) = list.lock() {
        all.push(entry);
    }
}
