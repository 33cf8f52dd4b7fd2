//! "Report illegal content" (DSA art. 16), open to anyone: the form, the
//! emailed link that confirms the sender's address, and the notice's own
//! page, where its sender reads how it stands and appeals a dismissal.
//! Only what the public reads can be reported; the form shows those words.

use std::collections::HashMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use crate::kernel::error::AppError;
use crate::kernel::i18n::{tr, tr_args, Lang};
use crate::kernel::item::{self, Item, ItemRef};
use crate::kernel::user::normalize_email;
use crate::mail::{outbox, EmailContent};
use crate::moderation::model::{self, Addressee, Ground, NoticeStatus};
use crate::moderation::views::{statement_of, NoticeFormPage, NoticeStatusPage};
use crate::state::AppState;
use crate::web::client::ClientIp;
use crate::web::form::{check_length, FieldErrors, FormData};
use crate::web::layout::{redirect, render, render_status, Page, PageCtx};
use crate::web::notice::notice;
use crate::web::session::{self, FlashKind};
use crate::web::throttle::{self, NOTICES_PER_ADDRESS};

/// `post-12`, as the item links write it.
fn item_from_param(value: &str) -> Option<ItemRef> {
    let (kind, id) = value.split_once('-')?;
    ItemRef::parse(kind, id.parse().ok()?)
}

/// The item, if the public can read it (nothing else can be reported).
async fn public_item(state: &AppState, item: ItemRef) -> Result<Option<Item>, AppError> {
    let item = state
        .db
        .run(move |conn| item::load(conn, item).map_err(AppError::from))
        .await?;
    Ok(item.filter(|i| i.public_text().is_some()))
}

pub async fn notice_form(
    state: web::Data<AppState>,
    Page(ctx): Page,
    query: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let item = match query.get("item").and_then(|v| item_from_param(v)) {
        Some(item) => Some(public_item(&state, item).await?.ok_or(AppError::NotFound)?),
        None => None,
    };
    let mut page = NoticeFormPage::empty(ctx, item);
    if let Some(user) = page.ctx.user.clone() {
        page.name = user.display_name;
        page.email = user.email;
    }
    render(&page)
}

pub async fn send_notice(
    state: web::Data<AppState>,
    Page(ctx): Page,
    form: FormData,
    ClientIp(ip): ClientIp,
) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::default();
    let address = form.text("address");
    let pointed = match item_from_param(form.get("item")) {
        Some(item) => Some(item),
        None => {
            let pointed = model::parse_address(&address);
            match pointed {
                Some(p) => {
                    state
                        .db
                        .run(move |conn| model::resolve(conn, p).map_err(AppError::from))
                        .await?
                }
                None => None,
            }
        }
    };
    let item = match pointed {
        Some(item) => public_item(&state, item).await?,
        None => None,
    };
    // The link on an item names it: if the public cannot read it, it is
    // not there (as on the form).
    if item.is_none() && !form.get("item").is_empty() {
        return Err(AppError::NotFound);
    }
    if item.is_none() {
        errors.add("address", ctx.t("notice-address-unknown"));
    }
    let ground = Ground::parse(form.get("ground"));
    if ground.is_none() {
        errors.add("ground", ctx.t("notice-ground-required"));
    }
    let explanation = form.text("explanation");
    check_length(
        &mut errors,
        ctx.lang,
        "explanation",
        &explanation,
        20,
        model::EXPLANATION_MAX,
    );
    let name = form.text("name").trim().to_string();
    check_length(&mut errors, ctx.lang, "name", &name, 2, model::NAME_MAX);
    let email = normalize_email(form.get("email"));
    if email.is_none() {
        errors.add("email", ctx.t("form-email-invalid"));
    }
    let good_faith = form.get("good_faith") == "yes";
    if !good_faith {
        errors.add("good_faith", ctx.t("notice-good-faith-required"));
    }
    let (Some(item), Some(ground), Some(email), true) =
        (item.clone(), ground, email, errors.is_empty())
    else {
        let mut page = NoticeFormPage::empty(ctx, item);
        page.address = address;
        page.ground = form.get("ground").to_string();
        page.explanation = explanation;
        page.name = name;
        page.email = form.text("email");
        page.good_faith = good_faith;
        page.errors = errors;
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
    };
    throttle::reserve_or_refuse(&state.db, vec![(&NOTICES_PER_ADDRESS, ip)]).await?;
    let lang = ctx.lang;
    let base_url = state.config.base_url.clone();
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            let new = model::NewNotice {
                item: &item,
                ground,
                explanation: &explanation,
                name: &name,
                email: &email,
                locale: lang.code(),
            };
            let token = model::create_notice(conn, &new)?;
            let message = EmailContent::new(
                lang,
                tr(lang, "notice-confirm-subject"),
                tr_args(lang, "email-greeting", &[("name", &name)]),
            )
            .paragraph(tr(lang, "notice-confirm-email"))
            .action(
                tr(lang, "notice-confirm-action"),
                format!("{base_url}/notices/{token}"),
            )
            .required_notice()
            .to(&email)?;
            outbox::enqueue(conn, &message)?;
            Ok(())
        })
        .await?;
    state.outbox_signal.notify_one();
    notice(
        ctx,
        StatusCode::OK,
        "notice-sent-title",
        "notice-sent-text",
        None,
    )
}

/// A notice by its link, with its item.
async fn by_token(
    state: &AppState,
    token: String,
) -> Result<(model::Notice, Option<Item>), AppError> {
    state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let notice = model::notice_by_token(conn, &token)?.ok_or(AppError::NotFound)?;
            let item = match notice.item() {
                Some(r) => item::load(conn, r)?,
                None => None,
            };
            Ok((notice, item))
        })
        .await
}

async fn status_page(
    state: &AppState,
    ctx: PageCtx,
    token: String,
    appeal_text: String,
    errors: FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (notice, item) = by_token(state, token.clone()).await?;
    let lang = ctx.lang;
    let id = notice.id;
    let read = notice.clone();
    let (standing, statement, can_appeal) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let standing = model::status_of(conn, &read)?;
            let (statement, can_appeal) = match &standing {
                NoticeStatus::Decided { decision, .. } => {
                    let decision =
                        model::find_decision(conn, *decision)?.ok_or(AppError::NotFound)?;
                    let can_appeal =
                        model::appealable_report(conn, &decision, Addressee::Notice(id))?.is_some();
                    (Some(statement_of(conn, lang, &decision, true)?), can_appeal)
                }
                _ => (None, false),
            };
            Ok((standing, statement, can_appeal))
        })
        .await?;
    render_status(
        status,
        &NoticeStatusPage {
            ctx,
            token,
            text: item.as_ref().and_then(Item::public_text),
            link: item.map(|i| i.link).unwrap_or_default(),
            notice,
            standing,
            statement,
            can_appeal,
            appeal_text,
            errors,
        },
    )
}

pub async fn notice_status(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    status_page(
        &state,
        ctx,
        path.into_inner(),
        String::new(),
        FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

/// The sender confirms their address (a POST: mail scanners fetch links).
/// The notice enters the queue and an acknowledgement is emailed.
pub async fn confirm_notice(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<String>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let (notice, item) = by_token(&state, token.clone()).await?;
    let Some(item) = item.filter(|i| i.public_text().is_some()) else {
        // Removed or withdrawn since: nothing left to decide.
        session::flash(&session, FlashKind::Info, "notice-item-gone");
        return Ok(redirect(&format!("/notices/{token}")));
    };
    let base_url = state.config.base_url.clone();
    let fallback = ctx.lang;
    let link = format!("/notices/{token}");
    let confirmed = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            if !model::confirm(conn, &notice, &item)? {
                return Ok(false);
            }
            let lang = Lang::from_code(&notice.locale).unwrap_or(fallback);
            let message = EmailContent::new(
                lang,
                tr(lang, "notice-received-subject"),
                tr_args(lang, "email-greeting", &[("name", &notice.reporter_name)]),
            )
            .paragraph(tr_args(
                lang,
                "notice-received-email",
                &[("ground", &tr(lang, &notice.ground().label_key()))],
            ))
            .action(
                tr(lang, "notice-status-action"),
                format!("{base_url}/notices/{token}"),
            )
            .required_notice()
            .to(&notice.reporter_email)?;
            outbox::enqueue(conn, &message)?;
            Ok(true)
        })
        .await?;
    if confirmed {
        state.outbox_signal.notify_one();
        session::flash(&session, FlashKind::Success, "notice-confirmed");
    }
    Ok(redirect(&link))
}

/// The sender appeals the dismissal of their notice, once.
pub async fn appeal_notice(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<String>,
    form: FormData,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let text = form.text("text");
    let mut errors = FieldErrors::default();
    check_length(&mut errors, ctx.lang, "text", &text, 10, model::APPEAL_MAX);
    if !errors.is_empty() {
        return status_page(
            &state,
            ctx,
            token,
            text,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let (notice, _) = by_token(&state, token.clone()).await?;
    let accepted = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            let NoticeStatus::Decided { decision, .. } = model::status_of(conn, &notice)? else {
                return Ok(false);
            };
            let decision = model::find_decision(conn, decision)?.ok_or(AppError::NotFound)?;
            Ok(model::appeal_report(
                conn,
                &decision,
                Addressee::Notice(notice.id),
                &text,
            )?)
        })
        .await?;
    let key = if accepted {
        "appeal-received"
    } else {
        "appeal-not-possible"
    };
    let kind = if accepted {
        FlashKind::Success
    } else {
        FlashKind::Error
    };
    session::flash(&session, kind, key);
    Ok(redirect(&format!("/notices/{token}")))
}
