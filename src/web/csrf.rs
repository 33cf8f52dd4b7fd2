//! CSRF protection: every unsafe request must carry the session's token,
//! either as the `csrf_token` form field or in an `X-CSRF-Token` header.
//! The middleware reads the form body once, checks the token, and leaves the
//! parsed form in the request for the handler.

use std::future::{ready, Ready};
use std::rc::Rc;
use std::sync::Arc;

use actix_session::SessionExt;
use actix_web::body::EitherBody;
use actix_web::dev::{Payload, Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{web::BytesMut, Error, HttpMessage};
use futures_util::future::LocalBoxFuture;
use futures_util::StreamExt;

use crate::kernel::error::AppError;
use crate::state::AppState;
use crate::web::form::{FormData, FORM_LIMIT};
use crate::web::session::stored_csrf_token;

pub const FIELD: &str = "csrf_token";
pub const HEADER: &str = "x-csrf-token";

pub struct CsrfGuard;

impl<S, B> Transform<S, ServiceRequest> for CsrfGuard
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Transform = CsrfMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(CsrfMiddleware {
            service: Rc::new(service),
        }))
    }
}

pub struct CsrfMiddleware<S> {
    service: Rc<S>,
}

/// The unsafe requests without a token: a mail program's one-click
/// unsubscribe (RFC 8058), `POST /mail-settings/{token}/stop/{kind}` and
/// `POST /invite/{token}/stop`. They come from outside any session; the
/// secret token in the path is the proof, and all they can do is stop emails.
pub fn is_one_click_unsubscribe(path: &str) -> bool {
    let mut parts = path.trim_start_matches('/').split('/');
    match (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) {
        (Some("mail-settings"), Some(token), Some("stop"), Some(kind), None) => {
            !token.is_empty() && !kind.is_empty()
        }
        // The stop link of a review invitation, to someone with no account.
        (Some("invite"), Some(token), Some("stop"), None, None) => !token.is_empty(),
        _ => false,
    }
}

/// Compares without an early exit, so timing does not reveal a prefix.
fn tokens_match(expected: &str, given: &str) -> bool {
    let (a, b) = (expected.as_bytes(), given.as_bytes());
    if a.len() != b.len() || a.is_empty() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn read_body(payload: &mut Payload) -> Result<actix_web::web::Bytes, AppError> {
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| AppError::BadRequest("error-body-unreadable"))?;
        if body.len() + chunk.len() > FORM_LIMIT {
            return Err(AppError::PayloadTooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

fn payload_from(bytes: actix_web::web::Bytes) -> Payload {
    let (_, mut h1) = actix_http::h1::Payload::create(true);
    h1.unread_data(bytes);
    Payload::from(h1)
}

impl<S, B> Service<ServiceRequest> for CsrfMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Future = LocalBoxFuture<'static, Result<Self::Response, Self::Error>>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, mut req: ServiceRequest) -> Self::Future {
        let service = Rc::clone(&self.service);
        Box::pin(async move {
            if req.method().is_safe() {
                return service
                    .call(req)
                    .await
                    .map(ServiceResponse::map_into_left_body);
            }
            let expected = stored_csrf_token(&req.get_session());
            let header_token = req
                .headers()
                .get(HEADER)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let content_type = req
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            let is_form = content_type.starts_with("application/x-www-form-urlencoded");
            let other_body = !is_form && !content_type.is_empty();

            let mut form_token = None;
            let mut has_nul = false;
            if is_form {
                let mut payload = req.take_payload();
                let body = match read_body(&mut payload).await {
                    Ok(body) => body,
                    Err(e) => return Ok(req.error_response(e).map_into_right_body()),
                };
                let form = FormData::parse(&body);
                form_token = Some(form.get(FIELD).to_string());
                has_nul = form.has_nul;
                req.extensions_mut().insert(form);
                req.set_payload(payload_from(body));
            }
            let given = header_token.or(form_token).unwrap_or_default();
            let valid = expected.as_deref().is_some_and(|e| tokens_match(e, &given))
                || is_one_click_unsubscribe(req.path());
            if !valid {
                return Ok(req.error_response(AppError::Csrf).map_into_right_body());
            }
            if has_nul {
                return Ok(req.error_response(AppError::BadInput).map_into_right_body());
            }
            // Every handler reads forms; anything else would be silently ignored.
            if other_body {
                return Ok(req
                    .error_response(AppError::UnsupportedMediaType)
                    .map_into_right_body());
            }
            // Every write passes here: once it is done, no public page
            // rendered before it may be served from the cache again.
            let pages = req
                .app_data::<actix_web::web::Data<AppState>>()
                .map(|state| Arc::clone(&state.pages));
            let response = service.call(req).await;
            if let Some(pages) = pages {
                pages.invalidate();
            }
            response.map(ServiceResponse::map_into_left_body)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{is_one_click_unsubscribe, tokens_match};

    #[test]
    fn only_the_one_click_unsubscribes_go_without_a_token() {
        assert!(is_one_click_unsubscribe("/mail-settings/abc/stop/reply"));
        assert!(is_one_click_unsubscribe("/invite/abc/stop"));
        assert!(!is_one_click_unsubscribe("/mail-settings/abc"));
        assert!(!is_one_click_unsubscribe("/mail-settings/abc/stop/reply/x"));
        assert!(!is_one_click_unsubscribe("/mail-settings//stop/reply"));
        assert!(!is_one_click_unsubscribe("/invite/abc"));
        assert!(!is_one_click_unsubscribe("/invite//stop"));
        assert!(!is_one_click_unsubscribe("/account/notifications"));
    }

    #[test]
    fn token_comparison() {
        assert!(tokens_match("abc", "abc"));
        assert!(!tokens_match("abc", "abd"));
        assert!(!tokens_match("abc", "ab"));
        assert!(!tokens_match("", ""));
    }
}
