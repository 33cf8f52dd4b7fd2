//! A simple page with a headline, a paragraph and an optional link, for
//! outcomes that need no form ("check your inbox", "link expired").

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use askama::Template;

use crate::kernel::error::AppError;
use crate::web::layout::{render_status, PageCtx};

#[derive(Template)]
#[template(path = "web/notice.html")]
pub struct NoticePage {
    pub ctx: PageCtx,
    pub title: String,
    pub message: String,
    pub link: Option<(String, String)>,
}

/// Renders a notice from translation keys; `link` is (href, label key).
pub fn notice(
    ctx: PageCtx,
    status: StatusCode,
    title_key: &str,
    message_key: &str,
    link: Option<(&str, &str)>,
) -> Result<HttpResponse, AppError> {
    let page = NoticePage {
        title: ctx.t(title_key),
        message: ctx.t(message_key),
        link: link.map(|(href, label)| (href.to_string(), ctx.t(label))),
        ctx,
    };
    render_status(status, &page)
}

#[derive(Template)]
#[template(path = "web/confirm.html")]
pub struct ConfirmPage {
    pub ctx: PageCtx,
    pub title: String,
    pub message: String,
    pub action: String,
    pub fields: Vec<(String, String)>,
    pub button: String,
}

/// A notice with one button that posts `fields` to `action`: what an
/// emailed link shows before it changes anything, since mail scanners
/// fetch links and a GET must not act.
pub fn confirm(
    ctx: PageCtx,
    title_key: &str,
    message_key: &str,
    action: &str,
    fields: Vec<(String, String)>,
    button_key: &str,
) -> Result<HttpResponse, AppError> {
    let page = ConfirmPage {
        title: ctx.t(title_key),
        message: ctx.t(message_key),
        action: action.to_string(),
        fields,
        button: ctx.t(button_key),
        ctx,
    };
    render_status(StatusCode::OK, &page)
}
