//! Composing a thread, a reply or an edit: validation, the preview and the
//! personal-data guard, shared by every forum form.

use actix_web::http::StatusCode;

use crate::forum::model::{ThreadKind, BODY_MAX, TITLE_MAX, TITLE_MIN};
use crate::forum::views::Compose;
use crate::kernel::ids::PostId;
use crate::kernel::markdown;
use crate::kernel::pii::{check_personal_data, remove_personal_data};
use crate::web::form::{check_length, FormData};
use crate::web::layout::PageCtx;

// ---- composing: validation, preview and the personal-data guard ----------

pub enum Composed {
    /// Ready to publish: the title (threads) and the body.
    Publish { title: String, body: String },
    /// Show the form again: preview, errors or personal data found.
    Show(Compose, StatusCode),
}

pub fn compose(ctx: &PageCtx, form: &FormData, with_title: bool, with_kind: bool) -> Composed {
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
    let mut state = Compose {
        title,
        kind,
        body,
        quote,
        ..Compose::default()
    };
    if form.invalid_utf8 {
        state.errors.add("form", ctx.t("form-invalid-utf8"));
    }
    if with_title {
        check_length(
            &mut state.errors,
            ctx.lang,
            "title",
            &state.title,
            TITLE_MIN,
            TITLE_MAX,
        );
        if with_kind && ThreadKind::parse(&state.kind).is_none() {
            state.errors.add("kind", ctx.t("forum-kind-invalid"));
        }
    }
    check_length(
        &mut state.errors,
        ctx.lang,
        "body",
        state.body.trim(),
        1,
        BODY_MAX,
    );
    if !state.errors.is_empty() {
        return Composed::Show(state, StatusCode::UNPROCESSABLE_ENTITY);
    }
    if action == "preview" {
        state.preview = Some(markdown::render(&state.body));
        return Composed::Show(state, StatusCode::OK);
    }
    // "Publish anyway" goes ahead; the automatic check then holds the post
    // for a moderator instead of publishing the personal data.
    // "Send privately" takes the text to the company's staff instead.
    let report = (action != "publish_anyway" && action != "send_private")
        .then(|| check_personal_data(&state.title, &state.body))
        .flatten();
    if let Some(report) = report {
        state.pii_kinds = report.kinds;
        state.pii_title = report.title;
        state.pii_body = report.body;
        return Composed::Show(state, StatusCode::UNPROCESSABLE_ENTITY);
    }
    Composed::Publish {
        title: state.title,
        body: state.body,
    }
}
