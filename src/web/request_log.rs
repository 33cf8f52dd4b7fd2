//! The span every request's log lines carry: method, route, the target
//! with any token taken out, the client address by the same rule as the
//! throttles (`web::client`), and the request id that the audit trail and
//! the 500 page's reference point to.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::{Error, HttpMessage};
use tracing::field::Empty;
use tracing::Span;
use tracing_actix_web::{DefaultRootSpanBuilder, RequestId, RootSpanBuilder};

use crate::web::client;

pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let request_id = request
            .extensions()
            .get::<RequestId>()
            .map(ToString::to_string)
            .unwrap_or_default();
        let route = request.match_pattern().unwrap_or_else(|| "default".into());
        let target = redacted_target(request.uri().path(), request.uri().query());
        let client_ip = client::client_ip(request.request());
        tracing::info_span!(
            "HTTP request",
            http.method = %request.method(),
            http.route = %route,
            http.target = %target,
            http.client_ip = %client_ip,
            request_id = %request_id,
            http.status_code = Empty,
            otel.status_code = Empty,
            exception.message = Empty,
            exception.details = Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

/// The short form of a request id shown on the 500 page: the first eight
/// characters of the id in the log lines, enough to find them by.
pub fn short_reference(request_id: &str) -> String {
    request_id.chars().take(8).collect()
}

const REDACTED: &str = "[redacted]";

/// Query keys whose values are secrets whatever they look like.
const SECRET_KEYS: [&str; 4] = ["token", "password", "code", "key"];

/// Whether a path segment or query value looks like one of our random
/// tokens (32 bytes, URL-safe base64: 43 characters) or any long opaque
/// string of that alphabet.
fn looks_like_token(value: &str) -> bool {
    value.len() >= 32
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'%' || b == b'=')
}

/// The request's path and query as logged: token-like segments and the
/// values of secret or token-like query parameters replaced.
pub fn redacted_target(path: &str, query: Option<&str>) -> String {
    let path = path
        .split('/')
        .map(|segment| {
            if looks_like_token(segment) {
                REDACTED
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/");
    let Some(query) = query.filter(|q| !q.is_empty()) else {
        return path;
    };
    let query = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, value))
                if SECRET_KEYS.contains(&key.to_ascii_lowercase().as_str())
                    || looks_like_token(value) =>
            {
                format!("{key}={REDACTED}")
            }
            _ => pair.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&");
    format!("{path}?{query}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_never_reach_the_log() {
        let token = crate::kernel::tokens::random_token();
        for (path, query) in [
            ("/verify-email".to_string(), Some(format!("token={token}"))),
            (
                "/password-reset/confirm".to_string(),
                Some(format!("token={token}&x=1")),
            ),
            (format!("/invite/{token}"), None),
            (format!("/unsubscribe/{token}"), None),
            (format!("/mail-settings/{token}/stop/reply"), None),
            (
                format!("/verify-review/{token}"),
                Some("lang=sv".to_string()),
            ),
            ("/search".to_string(), Some(format!("q={token}"))),
        ] {
            let logged = redacted_target(&path, query.as_deref());
            assert!(!logged.contains(&token), "{logged}");
            assert!(logged.contains(REDACTED), "{logged}");
        }
        assert_eq!(
            redacted_target("/verify-email", Some("token=short")),
            "/verify-email?token=[redacted]"
        );
    }

    #[test]
    fn ordinary_targets_are_kept() {
        assert_eq!(
            redacted_target("/threads/42", Some("page=2&sort=new")),
            "/threads/42?page=2&sort=new"
        );
        assert_eq!(
            redacted_target("/companies/nordbank", None),
            "/companies/nordbank"
        );
        assert_eq!(short_reference("0f3c2a91-aaaa-bbbb"), "0f3c2a91");
    }
}
