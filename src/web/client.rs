//! The client's address, for throttling, audit and logs. Behind a reverse
//! proxy (TRUST_PROXY=1) it is the right-most `X-Forwarded-For` entry that
//! is not one of the trusted proxies: every proxy appends the address it
//! saw, so entries to the left of the last untrusted one were written by
//! the client and prove nothing. Otherwise the header is ignored and the
//! address is the socket's, which a client cannot forge.

use std::future::{ready, Ready};
use std::net::IpAddr;

use actix_web::{dev::Payload, web, FromRequest, HttpRequest};

use crate::config::IpRange;
use crate::kernel::audit::AuditContext;
use crate::kernel::error::AppError;
use crate::state::AppState;

#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl FromRequest for ClientIp {
    type Error = AppError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(ClientIp(client_ip(req))))
    }
}

/// The client's address as a string ("unknown" when there is none).
pub fn client_ip(req: &HttpRequest) -> String {
    let peer = req.peer_addr().map(|a| a.ip());
    let forwarded = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    let address = match req.app_data::<web::Data<AppState>>() {
        Some(state) if state.config.trust_proxy => {
            client_behind_proxies(peer, &forwarded, &state.config.trusted_proxies)
        }
        _ => peer,
    };
    address.map_or_else(|| "unknown".to_string(), |ip| ip.to_string())
}

/// The address of the client that reached the first trusted proxy: walking
/// from the socket's peer leftwards through `X-Forwarded-For`, the first
/// address that is not a trusted proxy. A peer that is not itself a trusted
/// proxy is the client, whatever the header says.
pub fn client_behind_proxies(
    peer: Option<IpAddr>,
    forwarded_for: &str,
    trusted: &[IpRange],
) -> Option<IpAddr> {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|range| range.contains(ip));
    let peer = peer?;
    if !is_trusted(peer) {
        return Some(peer);
    }
    let mut last = peer;
    for entry in forwarded_for.rsplit(',') {
        let entry = entry.trim();
        if entry.is_empty() {
            continue;
        }
        let Some(ip) = parse_forwarded_entry(entry) else {
            // Garbage in the chain: the last address we could trust is the answer.
            return Some(last);
        };
        if !is_trusted(ip) {
            return Some(ip);
        }
        last = ip;
    }
    Some(last)
}

/// An `X-Forwarded-For` entry: an address, possibly with a port
/// (`192.0.2.1:4711`, `[2001:db8::1]:4711`).
fn parse_forwarded_entry(entry: &str) -> Option<IpAddr> {
    if let Ok(ip) = entry.parse::<IpAddr>() {
        return Some(ip);
    }
    entry
        .parse::<std::net::SocketAddr>()
        .ok()
        .map(|socket| socket.ip())
}

/// The client's address as the audit trail and the session table keep it:
/// a keyed hash, comparable but not reversible without the server's key.
pub fn address_hash(req: &HttpRequest) -> String {
    let ip = client_ip(req);
    match req.app_data::<web::Data<AppState>>() {
        Some(state) => keyed_hash(&state.session_key, "address", &ip),
        None => String::new(),
    }
}

/// The request's id, as in its log lines (see `web::request_log`).
pub fn request_id(req: &HttpRequest) -> Option<String> {
    use actix_web::HttpMessage;
    req.extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(ToString::to_string)
}

/// Where an audited event came from.
pub fn audit_context(req: &HttpRequest) -> AuditContext {
    AuditContext {
        request_id: request_id(req),
        address_hash: Some(address_hash(req)),
    }
}

impl FromRequest for AuditContext {
    type Error = AppError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(audit_context(req)))
    }
}

/// A random id kept in a long-lived cookie, so that reviews written by
/// several accounts from one browser can be recognised (a suspicion signal).
pub const DEVICE_COOKIE: &str = "tillit_device";

pub fn device_id(req: &HttpRequest) -> Option<String> {
    req.cookie(DEVICE_COOKIE)
        .map(|c| c.value().to_string())
        .filter(|v| {
            v.len() == 43
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// Sets the device cookie on a response when the browser has none yet.
pub fn ensure_device_cookie(req: &HttpRequest, response: &mut actix_web::HttpResponse) {
    if device_id(req).is_some() {
        return;
    }
    let secure = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.config.secure_cookies());
    set_device_cookie(secure, response);
}

/// Sets a new device cookie on a response.
pub fn set_device_cookie(secure: bool, response: &mut actix_web::HttpResponse) {
    let cookie =
        actix_web::cookie::Cookie::build(DEVICE_COOKIE, crate::kernel::tokens::random_token())
            .path("/")
            .http_only(true)
            .secure(secure)
            .same_site(actix_web::cookie::SameSite::Lax)
            .max_age(actix_web::cookie::time::Duration::days(730))
            .finish();
    let _ = response.add_cookie(&cookie);
}

/// A keyed hash of a client address or device id: equal inputs give equal
/// hashes, and without the server's key the input cannot be recovered.
pub fn keyed_hash(key: &actix_web::cookie::Key, kind: &str, value: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(key.signing());
    hasher.update(kind.as_bytes());
    hasher.update([0]);
    hasher.update(value.as_bytes());
    hex::encode(&hasher.finalize()[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> Option<IpAddr> {
        text.parse().ok()
    }

    #[test]
    fn the_client_is_the_right_most_untrusted_entry() {
        let trusted = IpRange::parse_list("127.0.0.0/8,10.0.0.0/8");
        // (peer, X-Forwarded-For, the client we take, why)
        let cases = [
            (
                "127.0.0.1",
                "6.6.6.6, 203.0.113.5",
                "203.0.113.5",
                "the client wrote a fake entry on the left; our proxy appended the real one",
            ),
            (
                "127.0.0.1",
                "6.6.6.6, 203.0.113.5, 10.1.2.3",
                "203.0.113.5",
                "two proxies of ours in the chain",
            ),
            (
                "198.51.100.7",
                "1.2.3.4",
                "198.51.100.7",
                "a peer that is not a trusted proxy is the client, whatever it claims",
            ),
            (
                "127.0.0.1",
                "",
                "127.0.0.1",
                "nothing forwarded: the last address we saw",
            ),
            (
                "127.0.0.1",
                "203.0.113.5, junk, 10.0.0.1",
                "10.0.0.1",
                "garbage stops the walk at the last trustworthy address",
            ),
            (
                "127.0.0.1",
                "[2001:db8::1]:4711",
                "2001:db8::1",
                "a bracketed IPv6 address with a port",
            ),
        ];
        for (peer, forwarded, client, why) in cases {
            assert_eq!(
                client_behind_proxies(ip(peer), forwarded, &trusted),
                ip(client),
                "{why}"
            );
        }
    }
}
