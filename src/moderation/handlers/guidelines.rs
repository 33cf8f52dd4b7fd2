//! The public guidelines, and the administrator's clause editor (every
//! edit a new version; decisions keep the version they cited).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

use crate::kernel::error::AppError;
use crate::kernel::i18n::Lang;
use crate::kernel::ids::ClauseId;
use crate::kernel::user::{can_administer, CurrentUser};
use crate::moderation::guidelines::{self, Clause, ClauseText};
use crate::moderation::handlers::clauses;
use crate::moderation::views::{AdminClausePage, AdminGuidelinesPage, GuidelinesPage};
use crate::state::AppState;
use crate::web::form::{check_length, FieldErrors, FormData};
use crate::web::layout::{redirect, render, render_status, Page, PageCtx};
use crate::web::session::{self, FlashKind};

pub async fn guidelines_page(
    state: web::Data<AppState>,
    Page(ctx): Page,
) -> Result<HttpResponse, AppError> {
    let clauses = clauses(&state).await?;
    render(&GuidelinesPage { ctx, clauses })
}

pub async fn admin_guidelines(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
) -> Result<HttpResponse, AppError> {
    can_administer(&user)?;
    let clauses = clauses(&state).await?;
    render(&AdminGuidelinesPage { ctx, clauses })
}

fn text_of(clause: &Clause) -> ClauseText {
    let v = &clause.current;
    ClauseText {
        severity: v.severity,
        actions: v.actions.clone(),
        // A version from before Norwegian came is edited from its Danish.
        title: Lang::ALL.map(|l| clause.title(l).to_string()),
        explanation: Lang::ALL.map(|l| clause.explanation(l).to_string()),
        examples: [
            v.examples_en.clone(),
            v.examples_sv.clone(),
            v.examples_da.clone(),
            if v.examples_nb.is_empty() {
                v.examples_da.clone()
            } else {
                v.examples_nb.clone()
            },
        ],
    }
}

async fn clause_page(
    state: &AppState,
    ctx: PageCtx,
    id: ClauseId,
    text: Option<ClauseText>,
    errors: FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (clause, versions) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let clause = guidelines::clause_by_id(conn, id.0)?.ok_or(AppError::NotFound)?;
            let versions = guidelines::versions(conn, id.0)?;
            Ok((clause, versions))
        })
        .await?;
    let text = text.unwrap_or_else(|| text_of(&clause));
    render_status(
        status,
        &AdminClausePage {
            ctx,
            clause,
            text,
            versions,
            errors,
        },
    )
}

pub async fn admin_clause(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<ClauseId>,
) -> Result<HttpResponse, AppError> {
    can_administer(&user)?;
    clause_page(
        &state,
        ctx,
        path.into_inner(),
        None,
        FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn save_clause(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<ClauseId>,
    form: FormData,
    session: Session,
    audit: crate::kernel::audit::AuditContext,
) -> Result<HttpResponse, AppError> {
    can_administer(&user)?;
    let id = path.into_inner();
    let field = |name: &str, lang: Lang| form.text(&format!("{name}_{}", lang.code()));
    let langs = Lang::ALL;
    let actions: Vec<&str> = form
        .all("actions")
        .into_iter()
        .filter(|a| guidelines::Action::parse(a).is_some())
        .collect();
    let text = ClauseText {
        severity: form.get("severity").parse::<i32>().unwrap_or(0),
        actions: actions.join(","),
        title: langs.map(|l| field("title", l)),
        explanation: langs.map(|l| field("explanation", l)),
        examples: langs.map(|l| {
            form.get(&format!("examples_{}", l.code()))
                .trim()
                .to_string()
        }),
    };
    let mut errors = FieldErrors::default();
    if !(1..=3).contains(&text.severity) {
        errors.add("severity", ctx.t("guideline-severity-invalid"));
    }
    if actions.is_empty() {
        errors.add("actions", ctx.t("guideline-actions-required"));
    }
    for (i, lang) in langs.iter().enumerate() {
        let (title, explanation): (&'static str, &'static str) = match lang {
            Lang::En => ("title_en", "explanation_en"),
            Lang::Sv => ("title_sv", "explanation_sv"),
            Lang::Da => ("title_da", "explanation_da"),
            Lang::Nb => ("title_nb", "explanation_nb"),
        };
        check_length(&mut errors, ctx.lang, title, &text.title[i], 3, 200);
        check_length(
            &mut errors,
            ctx.lang,
            explanation,
            &text.explanation[i],
            10,
            4000,
        );
    }
    if !errors.is_empty() {
        return clause_page(
            &state,
            ctx,
            id,
            Some(text),
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let admin = user.id;
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            guidelines::clause_by_id(conn, id.0)?.ok_or(AppError::NotFound)?;
            guidelines::add_version(conn, id.0, &text, Some(admin))?;
            audit.record(conn, Some(admin), "edit-guideline", &id.to_string())?;
            Ok(())
        })
        .await?;
    session::flash(&session, FlashKind::Success, "guideline-saved");
    Ok(redirect(&format!("/admin/guidelines/{id}")))
}
