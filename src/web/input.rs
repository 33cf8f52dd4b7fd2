//! Input no page accepts, refused in one place before routing: a NUL byte
//! or bytes that are not UTF-8 in the path or the query string. Nothing we
//! store can hold a NUL (PostgreSQL's text cannot), and no link we make
//! contains either, so such a request gets the readable 422 page instead of
//! reaching a handler (or the database) at all. Form bodies are checked
//! where they are read, by the CSRF middleware.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::Error;
use percent_encoding::percent_decode;

use crate::kernel::error::AppError;

/// Whether percent-encoded `raw` decodes to text we can keep: UTF-8
/// without a NUL (`+` is a space in a query and changes nothing here).
pub fn acceptable(raw: &str) -> bool {
    let decoded: Vec<u8> = percent_decode(raw.as_bytes()).collect();
    !decoded.contains(&0) && std::str::from_utf8(&decoded).is_ok()
}

/// The middleware (`middleware::from_fn(refuse_hostile_bytes)`): a request
/// whose path or query cannot be kept gets the 422 page; the rest pass.
pub async fn refuse_hostile_bytes(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let uri = req.uri();
    if acceptable(uri.path()) && uri.query().is_none_or(acceptable) {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    Ok(req.error_response(AppError::BadInput).map_into_right_body())
}

#[cfg(test)]
mod tests {
    use super::acceptable;

    #[test]
    fn nul_and_broken_utf8_are_refused() {
        assert!(acceptable("/threads/12"));
        assert!(acceptable("q=caf%C3%A9+au+lait&page=2"));
        assert!(!acceptable("q=a%00b"));
        assert!(!acceptable("/companies/a%00"));
        assert!(!acceptable("q=%ED%A0%80"), "a lone surrogate");
        assert!(!acceptable("q=%C0%AF"), "overlong UTF-8");
        assert!(!acceptable("q=%FF"));
    }
}
