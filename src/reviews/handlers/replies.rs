//! The company's one public reply to a review, written by its staff.

use crate::moderation::hooks::{self, Prepared};
use actix_session::Session;
use actix_web::{web, HttpResponse};

use crate::kernel::error::AppError;
use crate::kernel::markdown;
use crate::kernel::notify::{self, Delivery, Kind, Notice};
use crate::mail::notification::reader;
use crate::mail::{outbox, UnsubscribeLinks};
use crate::reviews::emails;
use crate::reviews::model::{self as model, REVIEW_BODY_MAX};
use crate::reviews::permissions;
use crate::reviews::views::*;
use crate::state::AppState;
use crate::web::form::{check_length, FieldErrors, FormData};
use crate::web::items::{after_publishing, Readable};
use crate::web::layout::{redirect, render, render_invalid, Page};
use crate::web::throttle::{self, POSTS_PER_ACCOUNT};

use crate::reviews::handlers::ReviewOfCompany;

/// The company's public reply (one per review, editable with history).
/// The reply form on a page of its own: reached from the company page, and
/// shown again (with the text as typed) when a reply cannot be published.
pub async fn reply_form(
    state: web::Data<AppState>,
    Page(ctx): Page,
    Readable {
        user,
        item: ReviewOfCompany { review, company },
    }: Readable<ReviewOfCompany>,
) -> Result<HttpResponse, AppError> {
    permissions::can_reply(&user, &review)?;
    let (id, viewer) = (review.id, user.clone());
    // The reply as it stands, for editing, as far as this staff member may read it.
    let existing = state
        .db
        .run(move |conn| model::review_view(conn, id, Some(&viewer)).map_err(AppError::from))
        .await?
        .and_then(|view| view.reply)
        .and_then(|reply| reply.shown.text)
        .map(|text| text.source)
        .unwrap_or_default();
    let text = review.shown(Some(&user)).text.ok_or(AppError::NotFound)?;
    render(&ReplyPage {
        ctx,
        company,
        review,
        text,
        body: existing,
        errors: FieldErrors::default(),
    })
}

pub async fn reply(
    state: web::Data<AppState>,
    Page(ctx): Page,
    Readable {
        user,
        item: ReviewOfCompany { review, company },
    }: Readable<ReviewOfCompany>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    permissions::can_reply(&user, &review)?;
    let body = form.get("body").replace("\r\n", "\n").trim().to_string();
    let mut errors = FieldErrors::default();
    if form.invalid_utf8 {
        errors.add("form", ctx.t("form-invalid-utf8"));
    }
    check_length(&mut errors, ctx.lang, "body", &body, 1, REVIEW_BODY_MAX);
    let mut body = body;
    if errors.is_empty() {
        match hooks::prepare(&state.db, String::new(), body.clone()).await? {
            Prepared::Blocked { message } => errors.add("body", message),
            Prepared::Publish { body: prepared } => body = prepared,
        }
    }
    if !errors.is_empty() {
        let text = review.shown(Some(&user)).text.ok_or(AppError::NotFound)?;
        return render_invalid(&ReplyPage {
            ctx,
            company,
            review,
            text,
            body,
            errors,
        });
    }
    let html = markdown::render_off_thread(body.clone()).await?;
    let (id, slug) = (review.id, company.slug.clone());
    let base_url = state.config.base_url.clone();
    let lang = ctx.lang;
    let held = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            throttle::charge(
                conn,
                &POSTS_PER_ACCOUNT,
                &user.id.to_string(),
                crate::db::now(),
            )?;
            let (reply, created) = model::save_reply(conn, &review, user.id, &body, &html)?;
            // A company's reply is checked like any other item.
            let publisher = hooks::Publisher::new(lang, &base_url, user.id);
            let held = hooks::screen(
                conn,
                &publisher,
                crate::kernel::item::ItemRef::Reply(reply),
                "",
                &body,
            )?;
            // The reviewer hears of it when everyone may read it.
            if created && !held {
                let path = format!("/companies/{}#review-{}", company.slug, review.id);
                let notice = Notice {
                    to: review.author_id,
                    kind: Kind::ReviewReply,
                    actor: Some(user.id),
                    item: Some(crate::kernel::item::ItemRef::Reply(reply)),
                    decision: None,
                    link: path.clone(),
                };
                if notify::tell(conn, &notice)? == Delivery::Immediately {
                    if let Some(reader) = reader(conn, review.author_id)? {
                        let links =
                            UnsubscribeLinks::of(conn, &base_url, reader.id, Kind::ReviewReply)?;
                        let excerpt: String = body.chars().take(300).collect();
                        let message = emails::company_replied(
                            reader.lang(lang),
                            &base_url,
                            &reader,
                            &company.name,
                            &path,
                            &excerpt,
                            &links,
                        )?;
                        outbox::enqueue(conn, &message)?;
                    }
                }
            }
            Ok(held)
        })
        .await?;
    after_publishing(&state, &session, held, Some("review-reply-saved"));
    Ok(redirect(&format!("/companies/{slug}#review-{id}")))
}
