//! The administrators' watched words: add a word or pattern with a
//! language, an action and the clause it cites; edit it (a new version:
//! the old row retires and is named by the new one); retire it; and test
//! a text against every automatic check as they stand now.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use crate::kernel::error::AppError;
use crate::kernel::pii::check_personal_data;
use crate::kernel::user::{can_administer, CurrentUser};
use crate::moderation::checks::watched::{valid_pattern, WATCH_LANGS};
use crate::moderation::checks::{self, Context, WatchAction};
use crate::moderation::handlers::clauses;
use crate::moderation::model::watched::{self, WatchedInput, WatchedRow};
use crate::moderation::views::{TestedText, WatchedForm, WatchedWordPage, WatchedWordsPage};
use crate::state::AppState;
use crate::web::form::{check_length, FieldErrors, FormData};
use crate::web::layout::{redirect, render_status, Page, PageCtx};
use crate::web::session::{self, FlashKind};

/// The longest text the test box reads.
const TEST_TEXT_MAX: usize = 10_000;
const MESSAGE_MAX: usize = 300;

fn form_of(row: &WatchedRow) -> WatchedForm {
    WatchedForm {
        pattern: row.pattern.clone(),
        lang: row.lang.clone(),
        action: row.action.clone(),
        clause_code: row.clause_code.clone(),
        message: row.message.clone(),
    }
}

/// The list page, with what the add form and the test box hold.
async fn list_page(
    state: &AppState,
    ctx: PageCtx,
    form: WatchedForm,
    errors: FieldErrors,
    test: Option<TestedText>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let clauses = clauses(state).await?;
    let (active, history) = state
        .db
        .run(|conn| -> Result<_, AppError> {
            Ok((watched::active(conn)?, watched::retired(conn, 50)?))
        })
        .await?;
    render_status(
        status,
        &WatchedWordsPage {
            ctx,
            active,
            history,
            clauses,
            form,
            errors,
            test,
        },
    )
}

pub async fn watched_words(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
) -> Result<HttpResponse, AppError> {
    can_administer(&user)?;
    let (form, errors) = (empty_form(), FieldErrors::default());
    list_page(&state, ctx, form, errors, None, StatusCode::OK).await
}

/// The add form as it first stands: a slur to hold under the hate clause.
fn empty_form() -> WatchedForm {
    WatchedForm {
        action: "hold".into(),
        clause_code: "hate".into(),
        ..WatchedForm::default()
    }
}

/// Reads and checks the add or edit form.
fn read_form(
    form: &FormData,
    ctx: &PageCtx,
    clause_codes: &[String],
) -> (WatchedForm, FieldErrors) {
    let submitted = WatchedForm {
        pattern: form.text("pattern"),
        lang: form.get("lang").to_string(),
        action: form.get("action").to_string(),
        clause_code: form.get("clause").to_string(),
        message: form.text("message"),
    };
    let mut errors = FieldErrors::default();
    if form.invalid_utf8 {
        errors.add("form", ctx.t("form-invalid-utf8"));
    }
    if !valid_pattern(&submitted.pattern) {
        errors.add("pattern", ctx.t("watched-pattern-invalid"));
    }
    if !submitted.lang.is_empty() && !WATCH_LANGS.contains(&submitted.lang.as_str()) {
        errors.add("lang", ctx.t("watched-lang-invalid"));
    }
    let action = WatchAction::parse(&submitted.action);
    if action.is_none() {
        errors.add("action", ctx.t("watched-action-invalid"));
    }
    if !clause_codes.contains(&submitted.clause_code) {
        errors.add("clause", ctx.t("watched-clause-invalid"));
    }
    let needs_message = matches!(action, Some(WatchAction::Block | WatchAction::Replace));
    check_length(
        &mut errors,
        ctx.lang,
        "message",
        &submitted.message,
        usize::from(needs_message),
        MESSAGE_MAX,
    );
    (submitted, errors)
}

/// The submitted form, its errors, and the word to store when there are none.
async fn checked(
    state: &AppState,
    form: &FormData,
    ctx: &PageCtx,
) -> Result<(WatchedForm, FieldErrors, Option<WatchedInput>), AppError> {
    let codes: Vec<String> = clauses(state).await?.into_iter().map(|c| c.code).collect();
    let (submitted, errors) = read_form(form, ctx, &codes);
    let input = input_of(&submitted).filter(|_| errors.is_empty());
    Ok((submitted, errors, input))
}

fn input_of(form: &WatchedForm) -> Option<WatchedInput> {
    Some(WatchedInput {
        lang: form.lang.clone(),
        pattern: form.pattern.clone(),
        action: WatchAction::parse(&form.action)?,
        clause_code: form.clause_code.clone(),
        message: form.message.clone(),
    })
}

pub async fn add_watched_word(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    form: FormData,
    session: Session,
    audit: crate::kernel::audit::AuditContext,
) -> Result<HttpResponse, AppError> {
    can_administer(&user)?;
    let (submitted, errors, input) = checked(&state, &form, &ctx).await?;
    let Some(input) = input else {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return list_page(&state, ctx, submitted, errors, None, status).await;
    };
    let admin = user.id;
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            let id = watched::add(conn, &input, admin)?;
            audit.record(conn, Some(admin), "add-watched-word", &id.to_string())?;
            Ok(())
        })
        .await?;
    session::flash(&session, FlashKind::Success, "watched-saved");
    Ok(redirect("/admin/watched-words"))
}

async fn word_page(
    state: &AppState,
    ctx: PageCtx,
    id: i64,
    form: Option<WatchedForm>,
    errors: FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let clauses = clauses(state).await?;
    let (word, versions) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let word = watched::find(conn, id)?.ok_or(AppError::NotFound)?;
            let mut versions = Vec::new();
            let mut earlier = word.replaces_id;
            while let Some(previous) = earlier
                .map(|e| watched::find(conn, e))
                .transpose()?
                .flatten()
            {
                earlier = previous.replaces_id;
                versions.push(previous);
            }
            Ok((word, versions))
        })
        .await?;
    let form = form.unwrap_or_else(|| form_of(&word));
    render_status(
        status,
        &WatchedWordPage {
            ctx,
            word,
            versions,
            clauses,
            form,
            errors,
        },
    )
}

pub async fn watched_word(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    can_administer(&user)?;
    let id = path.into_inner();
    word_page(
        &state,
        ctx,
        id,
        None,
        FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn revise_watched_word(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<i64>,
    form: FormData,
    session: Session,
    audit: crate::kernel::audit::AuditContext,
) -> Result<HttpResponse, AppError> {
    can_administer(&user)?;
    let id = path.into_inner();
    let (submitted, errors, input) = checked(&state, &form, &ctx).await?;
    let Some(input) = input else {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return word_page(&state, ctx, id, Some(submitted), errors, status).await;
    };
    let admin = user.id;
    let new_id = state
        .db
        .write(move |conn| -> Result<Option<i64>, AppError> {
            watched::find(conn, id)?.ok_or(AppError::NotFound)?;
            let new_id = watched::revise(conn, id, &input, admin)?;
            if let Some(new_id) = new_id {
                audit.record(conn, Some(admin), "edit-watched-word", &new_id.to_string())?;
            }
            Ok(new_id)
        })
        .await?;
    match new_id {
        Some(new_id) => {
            session::flash(&session, FlashKind::Success, "watched-saved");
            Ok(redirect(&format!("/admin/watched-words/{new_id}")))
        }
        None => {
            session::flash(&session, FlashKind::Error, "watched-already-retired");
            Ok(redirect(&format!("/admin/watched-words/{id}")))
        }
    }
}

pub async fn retire_watched_word(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    session: Session,
    audit: crate::kernel::audit::AuditContext,
) -> Result<HttpResponse, AppError> {
    can_administer(&user)?;
    let id = path.into_inner();
    let admin = user.id;
    let retired = state
        .db
        .write(move |conn| -> Result<bool, AppError> {
            watched::find(conn, id)?.ok_or(AppError::NotFound)?;
            let retired = watched::retire(conn, id, admin)?;
            if retired {
                audit.record(conn, Some(admin), "retire-watched-word", &id.to_string())?;
            }
            Ok(retired)
        })
        .await?;
    let (kind, key) = if retired {
        (FlashKind::Success, "watched-retired")
    } else {
        (FlashKind::Error, "watched-already-retired")
    };
    session::flash(&session, kind, key);
    Ok(redirect("/admin/watched-words"))
}

/// "Test a text": every automatic check as it stands, and why each fires.
pub async fn test_text(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    form: FormData,
) -> Result<HttpResponse, AppError> {
    can_administer(&user)?;
    let text = form.markdown("text");
    let mut errors = FieldErrors::default();
    check_length(&mut errors, ctx.lang, "text", text.trim(), 1, TEST_TEXT_MAX);
    if !errors.is_empty() {
        let tested = TestedText {
            text,
            ..TestedText::default()
        };
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return list_page(&state, ctx, empty_form(), errors, Some(tested), status).await;
    }
    let list = state
        .db
        .run(|conn| watched::current(conn).map_err(AppError::from))
        .await?;
    let screening = checks::screen("", &text, &list, &Context::default());
    let warnings = check_personal_data("", &text)
        .map(|r| r.kinds)
        .unwrap_or_default();
    let tested = TestedText {
        text,
        hits: screening.hits,
        blocked: screening.blocked,
        replaced: screening.replaced_body,
        warnings,
    };
    list_page(
        &state,
        ctx,
        empty_form(),
        errors,
        Some(tested),
        StatusCode::OK,
    )
    .await
}
