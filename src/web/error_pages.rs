//! Turns every error response into a page in the site's layout: errors from
//! handlers (`AppError`), from actix itself (unknown route, bad path
//! parameter, payload errors) and from middleware. Responses that already are
//! complete pages (a form shown again with a 422) pass through untouched.

use actix_web::dev::ServiceResponse;
use actix_web::http::{header, StatusCode};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpResponse, Result};
use askama::Template;

use crate::kernel::error::ErrorInfo;
use crate::web::layout::{redirect, FullPage, PageCtx};
use crate::web::session::loaded_user;

#[derive(Template)]
#[template(path = "web/error.html")]
pub struct ErrorTemplate {
    pub ctx: PageCtx,
    pub status: u16,
    pub title: String,
    pub message: String,
    /// For a server error: the short id support finds the log lines by.
    pub reference: Option<String>,
}

fn generic_info(status: StatusCode) -> ErrorInfo {
    let (title_key, message_key) = match status.as_u16() {
        404 | 405 => ("error-404-title", "error-404-text"),
        403 => ("error-403-title", "error-403-text"),
        413 => ("error-400-title", "error-too-large"),
        415 => ("error-400-title", "error-content-type"),
        429 => ("error-429-title", "error-429-text"),
        400..=499 => ("error-400-title", "error-400-text"),
        _ => ("error-500-title", "error-500-text"),
    };
    ErrorInfo {
        title_key,
        message_key,
        retry_after_secs: None,
    }
}

pub fn render_error_page<B>(res: ServiceResponse<B>) -> Result<ErrorHandlerResponse<B>> {
    if res.response().extensions().get::<FullPage>().is_some() {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let info = res
        .response()
        .extensions()
        .get::<ErrorInfo>()
        .cloned()
        .unwrap_or_else(|| generic_info(status));
    let retry_after = res.response().headers().get(header::RETRY_AFTER).cloned();
    let (req, _) = res.into_parts();

    // A page that needs a login sends the visitor to the login form and back.
    if status == StatusCode::UNAUTHORIZED {
        let next = req.uri().path_and_query().map_or("/", |pq| pq.as_str());
        let next = if req.method().is_safe() { next } else { "/" };
        let location = format!("/login?next={}", urlencode(next));
        let response = redirect(&location);
        return Ok(ErrorHandlerResponse::Response(
            ServiceResponse::new(req, response).map_into_right_body(),
        ));
    }

    let reference = status.is_server_error().then(|| {
        let reference = crate::web::client::request_id(&req)
            .map(|id| crate::web::request_log::short_reference(&id))
            .unwrap_or_default();
        tracing::error!(%reference, status = status.as_u16(), "server error page shown");
        reference
    });
    let ctx = PageCtx::build(&req, loaded_user(&req));
    let mut message = ctx.t(info.message_key);
    if let Some(secs) = info.retry_after_secs {
        let minutes = secs.div_ceil(60).max(1) as i64;
        message = format!(
            "{message} {}",
            ctx.tc("error-retry-after", "minutes", &minutes)
        );
    }
    let template = ErrorTemplate {
        status: status.as_u16(),
        title: ctx.t(info.title_key),
        message,
        reference,
        ctx,
    };
    let body = template.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "error page template failed");
        "<!doctype html><title>Error</title><p>Something went wrong.</p>".to_string()
    });
    let mut builder = HttpResponse::build(status);
    builder
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"));
    if let Some(value) = retry_after {
        builder.insert_header((header::RETRY_AFTER, value));
    }
    let response = builder.body(body);
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_right_body(),
    ))
}

pub fn urlencode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}
