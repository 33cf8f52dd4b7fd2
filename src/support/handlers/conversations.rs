//! Private conversations: the list, one conversation, replying, and staff
//! opening one from a thread or a review. Every route loads the
//! conversation and checks `can_read`; a conversation the viewer may not
//! read does not exist for them (404).

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;

use crate::forum::model as forum_model;
use crate::kernel::error::AppError;
use crate::kernel::ids::{ConversationId, ReviewId, ThreadId, UserId};
use crate::kernel::user::display_name;
use crate::kernel::user::CurrentUser;
use crate::reviews::model as reviews_model;
use crate::state::AppState;
use crate::support::conversations::{
    self, can_read, Conversation, Listed, Message, Start, MESSAGE_MAX, SUBJECT_MAX,
};
use crate::web::form::{check_length, FieldErrors, FormData};
use crate::web::layout::{redirect, render, render_status, Page, PageCtx};
use crate::web::throttle::{self, POSTS_PER_ACCOUNT};

#[derive(Template)]
#[template(path = "support/conversations.html")]
pub struct ListPage {
    pub ctx: PageCtx,
    pub conversations: Vec<Listed>,
}

#[derive(Template)]
#[template(path = "support/conversation.html")]
pub struct ConversationPage {
    pub ctx: PageCtx,
    pub conversation: Conversation,
    pub company_name: String,
    pub customer_name: String,
    pub messages: Vec<Message>,
    pub body: String,
    pub errors: FieldErrors,
}

/// Staff opening a conversation with the author of a thread or review.
#[derive(Template)]
#[template(path = "support/private_new.html")]
pub struct StartPage {
    pub ctx: PageCtx,
    pub action: String,
    pub about: String,
    pub customer_name: String,
    pub subject: String,
    pub body: String,
    pub errors: FieldErrors,
}

pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
) -> Result<HttpResponse, AppError> {
    let viewer = user.clone();
    let conversations = state
        .db
        .run(move |conn| conversations::list_for(conn, &viewer).map_err(AppError::from))
        .await?;
    render(&ListPage { ctx, conversations })
}

struct Loaded {
    conversation: Conversation,
    company_name: String,
    customer_name: String,
    messages: Vec<Message>,
}

async fn load(
    state: &AppState,
    user: &CurrentUser,
    id: ConversationId,
) -> Result<Loaded, AppError> {
    let viewer = user.clone();
    state
        .db
        .run(move |conn| -> Result<Loaded, AppError> {
            let conversation = conversations::find(conn, id)?
                .filter(|c| can_read(&viewer, c))
                .ok_or(AppError::NotFound)?;
            let company_name =
                crate::companies::model::find_company(conn, conversation.company_id)?
                    .map(|c| c.name)
                    .unwrap_or_default();
            let customer_name = display_name(conn, conversation.customer_id)?.unwrap_or_default();
            let messages = conversations::messages(conn, id)?;
            Ok(Loaded {
                conversation,
                company_name,
                customer_name,
                messages,
            })
        })
        .await
}

fn page_of(ctx: PageCtx, loaded: Loaded, body: String, errors: FieldErrors) -> ConversationPage {
    ConversationPage {
        ctx,
        conversation: loaded.conversation,
        company_name: loaded.company_name,
        customer_name: loaded.customer_name,
        messages: loaded.messages,
        body,
        errors,
    }
}

pub async fn show(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<ConversationId>,
) -> Result<HttpResponse, AppError> {
    let loaded = load(&state, &user, path.into_inner()).await?;
    let company = loaded.conversation.company_id;
    let ctx = if user.is_staff_of(company) {
        super::in_company_zone(&state, ctx, company).await?
    } else {
        ctx
    };
    render(&page_of(ctx, loaded, String::new(), FieldErrors::default()))
}

fn message_body(form: &FormData) -> String {
    form.markdown("body")
}

pub async fn reply(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<ConversationId>,
    form: FormData,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let loaded = load(&state, &user, id).await?;
    let body = message_body(&form);
    let mut errors = FieldErrors::default();
    check_length(&mut errors, ctx.lang, "body", body.trim(), 1, MESSAGE_MAX);
    if !errors.is_empty() {
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page_of(ctx, loaded, body, errors),
        );
    }
    throttle::ensure_allowed(&state.db, &POSTS_PER_ACCOUNT, user.id.to_string()).await?;
    let conversation = loaded.conversation;
    let company_name = loaded.company_name;
    // The customer speaks for themself even if they are also staff elsewhere.
    let from_company = user.id != conversation.customer_id;
    let (lang, base_url) = (ctx.lang, state.config.base_url.clone());
    state
        .db
        .write(move |conn| -> Result<(), AppError> {
            throttle::charge(
                conn,
                &POSTS_PER_ACCOUNT,
                &user.id.to_string(),
                crate::db::now(),
            )?;
            conversations::add_message(conn, conversation.id, user.id, from_company, &body)?;
            conversations::notify(
                conn,
                &conversation,
                &company_name,
                user.id,
                from_company,
                lang,
                &base_url,
            )?;
            Ok(())
        })
        .await?;
    state.outbox_signal.notify_one();
    Ok(redirect(&format!("/conversations/{id}#latest")))
}

/// What a staff member opens a conversation about.
enum About {
    Thread(ThreadId),
    Review(ReviewId),
}

struct Target {
    company: crate::kernel::ids::CompanyId,
    customer: UserId,
    customer_name: String,
    title: String,
}

async fn target(state: &AppState, user: &CurrentUser, about: &About) -> Result<Target, AppError> {
    let about = match about {
        About::Thread(id) => About::Thread(*id),
        About::Review(id) => About::Review(*id),
    };
    let viewer = user.clone();
    let target = state
        .db
        .run(move |conn| -> Result<Target, AppError> {
            // What the staff member may not read is not there to write about.
            let viewer = Some(&viewer);
            let (company, customer, title) = match about {
                About::Thread(id) => {
                    let thread = forum_model::find_thread(conn, id)?
                        .filter(|t| t.sight_for(viewer).shows_text())
                        .ok_or(AppError::NotFound)?;
                    let company = thread
                        .company_id
                        .ok_or(AppError::Denied("desk-staff-only"))?;
                    let lang = crate::kernel::i18n::Lang::En;
                    let title = thread.title_for(viewer, lang).unwrap_or_default();
                    (company, thread.author_id, title)
                }
                About::Review(id) => {
                    let review = reviews_model::find_review(conn, id)?.ok_or(AppError::NotFound)?;
                    let text = review.shown(viewer).text.ok_or(AppError::NotFound)?;
                    (review.company_id, review.author_id, text.title)
                }
            };
            let customer_name = display_name(conn, customer)?.unwrap_or_default();
            Ok(Target {
                company,
                customer,
                customer_name,
                title,
            })
        })
        .await?;
    if !user.is_staff_of(target.company) {
        return Err(AppError::Denied("desk-staff-only"));
    }
    if target.customer == user.id {
        return Err(AppError::BadRequest("private-not-with-yourself"));
    }
    Ok(target)
}

fn action_of(about: &About) -> String {
    match about {
        About::Thread(id) => format!("/threads/{id}/private"),
        About::Review(id) => format!("/reviews/{id}/private"),
    }
}

async fn start_form(
    state: web::Data<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    about: About,
) -> Result<HttpResponse, AppError> {
    let target = target(&state, &user, &about).await?;
    render(&StartPage {
        action: action_of(&about),
        subject: target.title.chars().take(SUBJECT_MAX).collect(),
        about: target.title,
        customer_name: target.customer_name,
        body: String::new(),
        errors: FieldErrors::default(),
        ctx,
    })
}

async fn start(
    state: web::Data<AppState>,
    user: CurrentUser,
    ctx: PageCtx,
    about: About,
    form: FormData,
) -> Result<HttpResponse, AppError> {
    let target = target(&state, &user, &about).await?;
    throttle::ensure_allowed(&state.db, &POSTS_PER_ACCOUNT, user.id.to_string()).await?;
    let subject = form.text("subject");
    let body = message_body(&form);
    let mut errors = FieldErrors::default();
    check_length(&mut errors, ctx.lang, "subject", &subject, 1, SUBJECT_MAX);
    check_length(&mut errors, ctx.lang, "body", body.trim(), 1, MESSAGE_MAX);
    if !errors.is_empty() {
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &StartPage {
                action: action_of(&about),
                about: target.title,
                customer_name: target.customer_name,
                subject,
                body,
                errors,
                ctx,
            },
        );
    }
    let (thread, review) = match about {
        About::Thread(id) => (Some(id), None),
        About::Review(id) => (None, Some(id)),
    };
    let (lang, base_url) = (ctx.lang, state.config.base_url.clone());
    let id = state
        .db
        .write(move |conn| -> Result<ConversationId, AppError> {
            throttle::charge(
                conn,
                &POSTS_PER_ACCOUNT,
                &user.id.to_string(),
                crate::db::now(),
            )?;
            let id = conversations::start(
                conn,
                &Start {
                    company: target.company,
                    customer: target.customer,
                    thread,
                    review,
                    subject: &subject,
                    author: user.id,
                    from_company: true,
                    body: &body,
                },
            )?;
            let conversation = conversations::find(conn, id)?.ok_or(AppError::NotFound)?;
            let company = crate::companies::model::find_company(conn, target.company)?
                .map(|c| c.name)
                .unwrap_or_default();
            conversations::notify(
                conn,
                &conversation,
                &company,
                user.id,
                true,
                lang,
                &base_url,
            )?;
            Ok(id)
        })
        .await?;
    state.outbox_signal.notify_one();
    Ok(redirect(&format!("/conversations/{id}")))
}

pub async fn thread_form(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<ThreadId>,
) -> Result<HttpResponse, AppError> {
    start_form(state, user, ctx, About::Thread(path.into_inner())).await
}

pub async fn thread_start(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<ThreadId>,
    form: FormData,
) -> Result<HttpResponse, AppError> {
    start(state, user, ctx, About::Thread(path.into_inner()), form).await
}

pub async fn review_form(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<ReviewId>,
) -> Result<HttpResponse, AppError> {
    start_form(state, user, ctx, About::Review(path.into_inner())).await
}

pub async fn review_start(
    state: web::Data<AppState>,
    user: CurrentUser,
    Page(ctx): Page,
    path: web::Path<ReviewId>,
    form: FormData,
) -> Result<HttpResponse, AppError> {
    start(state, user, ctx, About::Review(path.into_inner()), form).await
}

/// What a customer sends privately instead of publishing: the thread it
/// belongs to (if any), a subject and the text.
pub struct PrivateText<'a> {
    pub thread: Option<ThreadId>,
    pub subject: &'a str,
    pub body: &'a str,
}

/// A customer sends what the personal-data guard caught to the company's
/// staff privately instead of publishing it. Returns the conversation.
pub fn send_privately(
    conn: &mut crate::db::DbConn,
    customer: &CurrentUser,
    company: crate::kernel::ids::CompanyId,
    text: &PrivateText,
    lang: crate::kernel::i18n::Lang,
    base_url: &str,
) -> Result<ConversationId, AppError> {
    let subject: String = text.subject.chars().take(SUBJECT_MAX).collect();
    let id = conversations::start(
        conn,
        &Start {
            company,
            customer: customer.id,
            thread: text.thread,
            review: None,
            subject: &subject,
            author: customer.id,
            from_company: false,
            body: text.body,
        },
    )?;
    let conversation = conversations::find(conn, id)?.ok_or(AppError::NotFound)?;
    let company_name = crate::companies::model::find_company(conn, company)?
        .map(|c| c.name)
        .unwrap_or_default();
    conversations::notify(
        conn,
        &conversation,
        &company_name,
        customer.id,
        false,
        lang,
        base_url,
    )?;
    Ok(id)
}
