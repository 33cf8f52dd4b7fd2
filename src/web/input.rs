//! Input no page accepts, refused in one place before routing: a NUL byte
//! or bytes that are not UTF-8 in the path or the query string. Nothing we
//! store can hold a NUL (PostgreSQL's text cannot), and no link we make
//! contains either, so such a request gets the readable 422 page instead of
//! reaching a handler (or the database) at all. Form bodies are checked
//! where they are read, by the CSRF middleware.

use std::future::{ready, Ready};
use std::rc::Rc;

use actix_web::body::EitherBody;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::Error;
use futures_util::future::LocalBoxFuture;
use percent_encoding::percent_decode;

use crate::kernel::error::AppError;

/// Whether percent-encoded `raw` decodes to text we can keep: UTF-8
/// without a NUL (`+` is a space in a query and changes nothing here).
pub fn acceptable(raw: &str) -> bool {
    let decoded: Vec<u8> = percent_decode(raw.as_bytes()).collect();
    !decoded.contains(&0) && std::str::from_utf8(&decoded).is_ok()
}

pub struct InputGuard;

impl<S, B> Transform<S, ServiceRequest> for InputGuard
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Transform = InputGuardMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(InputGuardMiddleware {
            service: Rc::new(service),
        }))
    }
}

pub struct InputGuardMiddleware<S> {
    service: Rc<S>,
}

impl<S, B> Service<ServiceRequest> for InputGuardMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Future = LocalBoxFuture<'static, Result<Self::Response, Self::Error>>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let uri = req.uri();
        let fine = acceptable(uri.path()) && uri.query().is_none_or(acceptable);
        if !fine {
            return Box::pin(async move {
                Ok(req.error_response(AppError::BadInput).map_into_right_body())
            });
        }
        let service = Rc::clone(&self.service);
        Box::pin(async move {
            service
                .call(req)
                .await
                .map(ServiceResponse::map_into_left_body)
        })
    }
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
