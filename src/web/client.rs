//! The client's address, for throttling. Behind a reverse proxy (TRUST_PROXY=1)
//! it comes from `X-Forwarded-For`; otherwise from the socket, which a client
//! cannot forge.

use std::future::{ready, Ready};

use actix_web::{dev::Payload, web, FromRequest, HttpRequest};

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
    let trust_proxy = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.config.trust_proxy);
    let address = if trust_proxy {
        req.connection_info().realip_remote_addr().map(|addr| {
            addr.parse::<std::net::SocketAddr>()
                .map_or_else(|_| addr.to_string(), |socket| socket.ip().to_string())
        })
    } else {
        req.peer_addr().map(|a| a.ip().to_string())
    };
    address.unwrap_or_else(|| "unknown".to_string())
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
