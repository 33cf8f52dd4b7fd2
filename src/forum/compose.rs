//! Composing a thread, a reply or an edit: validation, the preview and the
//! personal-data guard, shared by every forum form.

use actix_web::http::StatusCode;

use crate::forum::model::{ThreadKind, BODY_MAX, TITLE_MAX, TITLE_MIN};
use crate::forum::views::Compose;
use crate::kernel::error::AppError;
use crate::kernel::ids::PostId;
use crate::kernel::pii::{check_personal_data, remove_personal_data};
use crate::kernel::user::CurrentUser;
use crate::moderation::hooks::{self, Prepared};
use crate::state::AppState;
use crate::web::form::{check_length, preview, FormData};
use crate::web::layout::PageCtx;

// ---- composing: validation, preview and the personal-data guard ----------

pub enum Composed {
    /// Ready to publish: the title (threads) and the body.
    Publish { title: String, body: String },
    /// Show the form again: preview, errors or personal data found.
    Show(Compose, StatusCode),
}

/// Checks a forum form. A preview is rendered off the async workers and
/// counted against the account like a post.
pub async fn compose(
    state: &AppState,
    user: &CurrentUser,
    ctx: &PageCtx,
    form: &FormData,
    with_title: bool,
    with_kind: bool,
) -> Result<Composed, AppError> {
    let mut title = if with_title {
        form.text("title")
    } else {
        String::new()
    };
    let kind = form.get("kind").to_string();
    let mut body = form.markdown("body");
    let quote = form.get("quote").parse::<PostId>().ok();
    let action = form.get("action");
    if action == "remove_pii" {
        let replacement = ctx.t("pii-removed");
        title = remove_personal_data(&title, &replacement);
        body = remove_personal_data(&body, &replacement);
    }
    let mut compose = Compose {
        title,
        kind,
        body,
        quote,
        ..Compose::default()
    };
    if form.invalid_utf8 {
        compose.errors.add("form", ctx.t("form-invalid-utf8"));
    }
    if with_title {
        check_length(
            &mut compose.errors,
            ctx.lang,
            "title",
            &compose.title,
            TITLE_MIN,
            TITLE_MAX,
        );
        if with_kind && ThreadKind::parse(&compose.kind).is_none() {
            compose.errors.add("kind", ctx.t("forum-kind-invalid"));
        }
    }
    check_length(
        &mut compose.errors,
        ctx.lang,
        "body",
        compose.body.trim(),
        1,
        BODY_MAX,
    );
    if !compose.errors.is_empty() {
        return Ok(Composed::Show(compose, StatusCode::UNPROCESSABLE_ENTITY));
    }
    // "Publish anyway" goes ahead; the automatic check then holds the post
    // for a moderator instead of publishing the personal data.
    // "Send privately" takes the text to the company's staff instead.
    // A preview shows the warning beside the preview.
    let report = (action != "publish_anyway" && action != "send_private")
        .then(|| check_personal_data(&compose.title, &compose.body))
        .flatten();
    let found_personal_data = report.is_some();
    if let Some(report) = report {
        compose.pii_kinds = report.kinds;
        compose.pii_title = report.title;
        compose.pii_body = report.body;
    }
    if action == "preview" {
        compose.preview = Some(preview(state, user, compose.body.clone()).await?);
        return Ok(Composed::Show(compose, StatusCode::OK));
    }
    if found_personal_data {
        return Ok(Composed::Show(compose, StatusCode::UNPROCESSABLE_ENTITY));
    }
    match hooks::prepare(&state.db, compose.title.clone(), compose.body.clone()).await? {
        Prepared::Blocked { message } => {
            compose.errors.add("body", message);
            Ok(Composed::Show(compose, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Prepared::Publish { body } => Ok(Composed::Publish {
            title: compose.title,
            body,
        }),
    }
}
