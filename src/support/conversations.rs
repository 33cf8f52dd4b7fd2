//! Private conversations between a company's staff and one customer, for
//! order numbers and personal details that do not belong in public. Only
//! the customer and that company's staff can read one; every route checks
//! `can_read` on the conversation it loads.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{
    companies, company_staff, conversation_messages, conversations, reviews, threads, users,
};
use crate::db::{now, DbConn};
use crate::kernel::i18n::{tr, tr_args, Lang};
use crate::kernel::ids::{CompanyId, ConversationId, ReviewId, ThreadId, UserId};
use crate::kernel::markdown::{self, SafeHtml};
use crate::kernel::user::CurrentUser;
use crate::mail::{outbox, EmailContent};

pub const SUBJECT_MAX: usize = 150;
pub const MESSAGE_MAX: usize = 10_000;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = conversations)]
pub struct Conversation {
    pub id: ConversationId,
    pub company_id: CompanyId,
    pub customer_id: UserId,
    pub thread_id: Option<ThreadId>,
    pub review_id: Option<ReviewId>,
    pub subject: String,
    pub started_by: UserId,
    pub created_at: NaiveDateTime,
    pub last_message_at: NaiveDateTime,
}

/// The two sides: the customer, and the company's staff.
pub fn can_read(user: &CurrentUser, conversation: &Conversation) -> bool {
    user.id == conversation.customer_id || user.is_staff_of(conversation.company_id)
}

#[derive(Debug, Clone, Queryable)]
pub struct Message {
    pub id: i64,
    pub author_name: String,
    pub from_company: bool,
    pub body_html: SafeHtml,
    pub created_at: NaiveDateTime,
}

/// Where a conversation started and with whom.
pub struct Start<'a> {
    pub company: CompanyId,
    pub customer: UserId,
    pub thread: Option<ThreadId>,
    pub review: Option<ReviewId>,
    pub subject: &'a str,
    pub author: UserId,
    pub from_company: bool,
    pub body: &'a str,
}

/// Opens a conversation with its first message. When staff open it from a
/// public thread or review, that item gets the public "contacted privately" note.
pub fn start(conn: &mut DbConn, start: &Start) -> QueryResult<ConversationId> {
    let at = now();
    diesel::insert_into(conversations::table)
        .values((
            conversations::company_id.eq(start.company),
            conversations::customer_id.eq(start.customer),
            conversations::thread_id.eq(start.thread),
            conversations::review_id.eq(start.review),
            conversations::subject.eq(start.subject),
            conversations::started_by.eq(start.author),
            conversations::created_at.eq(at),
            conversations::last_message_at.eq(at),
        ))
        .execute(conn)?;
    let id: ConversationId = conversations::table
        .filter(conversations::started_by.eq(start.author))
        .select(conversations::id)
        .order(conversations::id.desc())
        .first(conn)?;
    add_message(conn, id, start.author, start.from_company, start.body)?;
    if start.from_company {
        if let Some(thread) = start.thread {
            diesel::update(
                threads::table
                    .find(thread)
                    .filter(threads::private_contact_at.is_null()),
            )
            .set(threads::private_contact_at.eq(Some(at)))
            .execute(conn)?;
        }
        if let Some(review) = start.review {
            diesel::update(
                reviews::table
                    .find(review)
                    .filter(reviews::private_contact_at.is_null()),
            )
            .set(reviews::private_contact_at.eq(Some(at)))
            .execute(conn)?;
        }
    }
    Ok(id)
}

pub fn add_message(
    conn: &mut DbConn,
    id: ConversationId,
    author: UserId,
    from_company: bool,
    body: &str,
) -> QueryResult<()> {
    let at = now();
    diesel::insert_into(conversation_messages::table)
        .values((
            conversation_messages::conversation_id.eq(id),
            conversation_messages::author_id.eq(author),
            conversation_messages::from_company.eq(from_company),
            conversation_messages::body_source.eq(body),
            conversation_messages::body_html.eq(markdown::render(body)),
            conversation_messages::created_at.eq(at),
        ))
        .execute(conn)?;
    diesel::update(conversations::table.find(id))
        .set(conversations::last_message_at.eq(at))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConn, id: ConversationId) -> QueryResult<Option<Conversation>> {
    conversations::table
        .find(id)
        .select(Conversation::as_select())
        .first(conn)
        .optional()
}

pub fn messages(conn: &mut DbConn, id: ConversationId) -> QueryResult<Vec<Message>> {
    conversation_messages::table
        .inner_join(users::table)
        .filter(conversation_messages::conversation_id.eq(id))
        .order(conversation_messages::id)
        .select((
            conversation_messages::id,
            users::display_name,
            conversation_messages::from_company,
            conversation_messages::body_html,
            conversation_messages::created_at,
        ))
        .load(conn)
}

/// A conversation in a list, with the customer's and the company's names.
#[derive(Debug, Clone)]
pub struct Listed {
    pub conversation: Conversation,
    pub customer_name: String,
    pub company_name: String,
}

/// The viewer's conversations: as a customer, and as staff of their companies.
pub fn list_for(conn: &mut DbConn, user: &CurrentUser) -> QueryResult<Vec<Listed>> {
    let rows: Vec<(Conversation, String, String)> = conversations::table
        .inner_join(users::table.on(users::id.eq(conversations::customer_id)))
        .inner_join(companies::table.on(companies::id.eq(conversations::company_id)))
        .filter(
            conversations::customer_id
                .eq(user.id)
                .or(conversations::company_id.eq_any(&user.staff_of)),
        )
        .order(conversations::last_message_at.desc())
        .limit(200)
        .select((
            Conversation::as_select(),
            users::display_name,
            companies::name,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(conversation, customer_name, company_name)| Listed {
            conversation,
            customer_name,
            company_name,
        })
        .collect())
}

/// A customer's conversations with one company (for the history page).
pub fn between(
    conn: &mut DbConn,
    company: CompanyId,
    customer: UserId,
) -> QueryResult<Vec<Conversation>> {
    conversations::table
        .filter(conversations::company_id.eq(company))
        .filter(conversations::customer_id.eq(customer))
        .order(conversations::last_message_at.desc())
        .select(Conversation::as_select())
        .load(conn)
}

/// Tells the other side — the customer when staff wrote, the company's
/// staff when the customer wrote — in the notification centre and, as each
/// chose, by email. The message itself stays on the site (it may hold
/// personal details); the email says who wrote and where it is.
pub fn notify(
    conn: &mut DbConn,
    conversation: &Conversation,
    company_name: &str,
    author: UserId,
    from_company: bool,
    fallback: Lang,
    base_url: &str,
) -> Result<(), crate::kernel::error::AppError> {
    use crate::kernel::notify::{self, Delivery, Kind, Notice};
    use crate::mail::notification::reader;
    use crate::mail::UnsubscribeLinks;
    let recipients: Vec<UserId> = if from_company {
        vec![conversation.customer_id]
    } else {
        company_staff::table
            .filter(company_staff::company_id.eq(conversation.company_id))
            .filter(company_staff::user_id.ne(author))
            .select(company_staff::user_id)
            .load(conn)?
    };
    let writer: String = users::table
        .find(author)
        .select(users::display_name)
        .first(conn)?;
    let link = format!("/conversations/{}", conversation.id);
    for to in recipients {
        let notice = Notice {
            to,
            kind: Kind::Message,
            actor: Some(author),
            item: None,
            decision: None,
            link: link.clone(),
        };
        if notify::tell(conn, &notice)? != Delivery::Immediately {
            continue;
        }
        let Some(recipient) = reader(conn, to)? else {
            continue;
        };
        let lang = recipient.lang(fallback);
        let greeting = tr_args(lang, "email-greeting", &[("name", &recipient.name)]);
        let customer = crate::kernel::i18n::person(lang, &writer);
        let args = [
            ("company", company_name),
            ("subject", conversation.subject.as_str()),
            ("customer", customer.as_str()),
        ];
        let (subject, body) = if from_company {
            ("email-private-subject", "email-private-from-company")
        } else {
            (
                "email-private-subject-customer",
                "email-private-from-customer",
            )
        };
        let links = UnsubscribeLinks::of(conn, base_url, to, Kind::Message)?;
        let email = EmailContent::new(lang, tr_args(lang, subject, &args), greeting)
            .paragraph(tr_args(lang, body, &args))
            .action(
                tr(lang, "email-private-action"),
                format!("{base_url}{link}"),
            )
            .chosen(&links)
            .to(&recipient.email)?;
        outbox::enqueue(conn, &email)?;
    }
    Ok(())
}
