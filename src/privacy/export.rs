//! "Download my data" (GDPR art. 15 and 20): everything Tillit holds about
//! a person, gathered into one JSON document (the format is documented in
//! docs/privacy.md) and a readable HTML page of the same, zipped. A request
//! is a row; a job prepares it and emails a single-use link; the retention
//! job removes the archive when the link expires.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde_json::{json, Map, Value};

use crate::db::schema::{
    answer_ratings, appeals, companies, company_staff, conversation_messages, conversations,
    data_exports, flags, moderation_decisions, outbox, post_revisions, posts, reporting_measures,
    review_helpful, review_replies, review_revisions, reviews, sessions, subscriptions, threads,
    users,
};
use crate::db::DbConn;
use crate::kernel::ids::UserId;
use crate::kernel::tokens::{hash_token, random_token};
use crate::privacy::zip;

pub const PENDING: &str = "pending";
pub const READY: &str = "ready";
pub const DOWNLOADED: &str = "downloaded";
pub const EXPIRED: &str = "expired";
/// How long the emailed link works.
pub const LINK_DAYS: i64 = 7;
pub const FORMAT: &str = "tillit-export/1";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = data_exports)]
pub struct Export {
    pub id: i64,
    pub user_id: UserId,
    pub status: String,
    pub size_bytes: i64,
    pub created_at: NaiveDateTime,
    pub ready_at: Option<NaiveDateTime>,
    pub expires_at: Option<NaiveDateTime>,
    pub downloaded_at: Option<NaiveDateTime>,
}

/// The person's latest request, for the account page.
pub fn latest(conn: &mut DbConn, user: UserId) -> QueryResult<Option<Export>> {
    data_exports::table
        .filter(data_exports::user_id.eq(user))
        .order(data_exports::id.desc())
        .select(Export::as_select())
        .first(conn)
        .optional()
}

/// Asks for an export; one pending request at a time.
pub fn request(conn: &mut DbConn, user: UserId, at: NaiveDateTime) -> QueryResult<bool> {
    if latest(conn, user)?.is_some_and(|e| e.status == PENDING) {
        return Ok(false);
    }
    diesel::insert_into(data_exports::table)
        .values((
            data_exports::user_id.eq(user),
            data_exports::status.eq(PENDING),
            data_exports::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(true)
}

/// The pending requests, oldest first.
pub fn pending(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<Export>> {
    data_exports::table
        .filter(data_exports::status.eq(PENDING))
        .order(data_exports::id)
        .limit(limit)
        .select(Export::as_select())
        .load(conn)
}

/// Stores a prepared archive and returns the token of its link (only the
/// hash is kept). `None` if another instance prepared it first.
pub fn store(
    conn: &mut DbConn,
    export: i64,
    archive: &[u8],
    at: NaiveDateTime,
) -> QueryResult<Option<String>> {
    let token = random_token();
    let changed = diesel::update(
        data_exports::table
            .find(export)
            .filter(data_exports::status.eq(PENDING)),
    )
    .set((
        data_exports::status.eq(READY),
        data_exports::archive.eq(Some(archive)),
        data_exports::size_bytes.eq(i64::try_from(archive.len()).unwrap_or(i64::MAX)),
        data_exports::token_hash.eq(Some(hash_token(&token))),
        data_exports::ready_at.eq(Some(at)),
        data_exports::expires_at.eq(Some(at + Duration::days(LINK_DAYS))),
    ))
    .execute(conn)?;
    Ok((changed == 1).then_some(token))
}

/// Takes the archive behind a link, once, for its owner: the row keeps
/// that it was downloaded, the bytes go.
pub fn take(
    conn: &mut DbConn,
    user: UserId,
    token: &str,
    at: NaiveDateTime,
) -> QueryResult<Option<Vec<u8>>> {
    let found: Option<(i64, Option<Vec<u8>>)> = data_exports::table
        .filter(data_exports::token_hash.eq(Some(hash_token(token))))
        .filter(data_exports::user_id.eq(user))
        .filter(data_exports::status.eq(READY))
        .filter(data_exports::expires_at.gt(Some(at)))
        .select((data_exports::id, data_exports::archive))
        .first(conn)
        .optional()?;
    let Some((id, Some(archive))) = found else {
        return Ok(None);
    };
    let claimed = diesel::update(
        data_exports::table
            .find(id)
            .filter(data_exports::status.eq(READY)),
    )
    .set((
        data_exports::status.eq(DOWNLOADED),
        data_exports::downloaded_at.eq(Some(at)),
        data_exports::archive.eq(None::<Vec<u8>>),
        data_exports::token_hash.eq(None::<String>),
    ))
    .execute(conn)?;
    Ok((claimed == 1).then_some(archive))
}

/// Everything held about `user`, as the JSON document of the archive.
pub fn gather(conn: &mut DbConn, user: UserId, at: NaiveDateTime) -> QueryResult<Value> {
    let profile: (
        String,
        String,
        Option<String>,
        NaiveDateTime,
        Option<NaiveDateTime>,
        bool,
        bool,
    ) = users::table
        .find(user)
        .select((
            users::email,
            users::display_name,
            users::locale,
            users::created_at,
            users::email_verified_at,
            users::is_moderator,
            users::is_admin,
        ))
        .first(conn)?;
    let (bio, time_zone): (Option<String>, Option<String>) = users::table
        .find(user)
        .select((users::bio, users::time_zone))
        .first(conn)?;
    let staff_of: Vec<String> = company_staff::table
        .inner_join(companies::table)
        .filter(company_staff::user_id.eq(user))
        .select(companies::name)
        .load(conn)?;
    let mut doc = Map::new();
    doc.insert("format".into(), json!(FORMAT));
    doc.insert("exported_at".into(), json!(at));
    doc.insert(
        "profile".into(),
        json!({
            "id": user.0,
            "email": profile.0,
            "display_name": profile.1,
            "language": profile.2,
            "member_since": profile.3,
            "email_confirmed_at": profile.4,
            "moderator": profile.5,
            "administrator": profile.6,
            "staff_of": staff_of,
            "bio": bio,
            "time_zone": time_zone,
            "email_settings": crate::kernel::notify::settings_of(conn, user)?
                .into_iter()
                .map(|(kind, delivery)| (kind.as_str().to_string(), json!(delivery.as_str())))
                .collect::<Map<String, Value>>(),
        }),
    );
    doc.insert("threads".into(), threads_of(conn, user)?);
    doc.insert("posts".into(), posts_of(conn, user)?);
    doc.insert("reviews".into(), reviews_of(conn, user)?);
    doc.insert("company_replies".into(), replies_of(conn, user)?);
    doc.insert("ratings".into(), ratings_of(conn, user)?);
    doc.insert("reports".into(), reports_of(conn, user)?);
    doc.insert("decisions".into(), decisions_about(conn, user)?);
    doc.insert("conversations".into(), conversations_of(conn, user)?);
    doc.insert("sessions".into(), sessions_of(conn, user)?);
    doc.insert("emails".into(), emails_to(conn, &profile.0)?);
    Ok(Value::Object(doc))
}

fn threads_of(conn: &mut DbConn, user: UserId) -> QueryResult<Value> {
    let rows: Vec<(i64, String, String, NaiveDateTime, Option<NaiveDateTime>)> = threads::table
        .filter(threads::author_id.eq(user))
        .select((
            threads::id,
            threads::title,
            threads::kind,
            threads::created_at,
            threads::withdrawn_at,
        ))
        .order(threads::id)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, title, kind, created, withdrawn)| {
            json!({"id": id, "title": title, "kind": kind, "created_at": created, "withdrawn_at": withdrawn})
        })
        .collect())
}

type PostRow = (
    i64,
    i64,
    String,
    NaiveDateTime,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    String,
);

fn posts_of(conn: &mut DbConn, user: UserId) -> QueryResult<Value> {
    let rows: Vec<PostRow> = posts::table
        .filter(posts::author_id.eq(user))
        .select((
            posts::id,
            posts::thread_id,
            posts::body_source,
            posts::created_at,
            posts::edited_at,
            posts::withdrawn_at,
            posts::moderation_state,
        ))
        .order(posts::id)
        .load(conn)?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, thread, body, created, edited, withdrawn, state) in rows {
        let versions: Vec<(NaiveDateTime, Option<String>, String)> = post_revisions::table
            .filter(post_revisions::post_id.eq(id))
            .select((
                post_revisions::created_at,
                post_revisions::title,
                post_revisions::body_source,
            ))
            .order(post_revisions::id)
            .load(conn)?;
        out.push(json!({
            "id": id, "thread_id": thread, "text": body, "created_at": created,
            "edited_at": edited, "withdrawn_at": withdrawn, "moderation_state": state,
            "earlier_versions": versions.into_iter().map(|(at, title, text)| json!({"replaced_at": at, "title": title, "text": text})).collect::<Vec<_>>(),
        }));
    }
    Ok(Value::Array(out))
}

type ReviewRow = (
    i64,
    String,
    i32,
    String,
    String,
    NaiveDateTime,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    String,
);

fn reviews_of(conn: &mut DbConn, user: UserId) -> QueryResult<Value> {
    let rows: Vec<ReviewRow> = reviews::table
        .inner_join(companies::table)
        .filter(reviews::author_id.eq(user))
        .select((
            reviews::id,
            companies::name,
            reviews::rating,
            reviews::title,
            reviews::body_source,
            reviews::created_at,
            reviews::edited_at,
            reviews::withdrawn_at,
            reviews::moderation_state,
        ))
        .order(reviews::id)
        .load(conn)?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, company, rating, title, body, created, edited, withdrawn, state) in rows {
        let versions: Vec<(NaiveDateTime, i32, String, String)> = review_revisions::table
            .filter(review_revisions::review_id.eq(id))
            .select((
                review_revisions::created_at,
                review_revisions::rating,
                review_revisions::title,
                review_revisions::body_source,
            ))
            .order(review_revisions::id)
            .load(conn)?;
        out.push(json!({
            "id": id, "company": company, "rating": rating, "title": title, "text": body,
            "created_at": created, "edited_at": edited, "withdrawn_at": withdrawn,
            "moderation_state": state,
            "earlier_versions": versions.into_iter().map(|(at, rating, title, text)| json!({"replaced_at": at, "rating": rating, "title": title, "text": text})).collect::<Vec<_>>(),
        }));
    }
    Ok(Value::Array(out))
}

fn replies_of(conn: &mut DbConn, user: UserId) -> QueryResult<Value> {
    let rows: Vec<(i64, i64, String, NaiveDateTime)> = review_replies::table
        .filter(review_replies::author_id.eq(user))
        .select((
            review_replies::id,
            review_replies::review_id,
            review_replies::body_source,
            review_replies::created_at,
        ))
        .order(review_replies::id)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, review, text, at)| json!({"id": id, "review_id": review, "text": text, "created_at": at}))
        .collect())
}

fn ratings_of(conn: &mut DbConn, user: UserId) -> QueryResult<Value> {
    let answers: Vec<(i64, i32, NaiveDateTime)> = answer_ratings::table
        .filter(answer_ratings::rater_id.eq(user))
        .select((
            answer_ratings::post_id,
            answer_ratings::rating,
            answer_ratings::created_at,
        ))
        .load(conn)?;
    let helpful: Vec<(i64, NaiveDateTime)> = review_helpful::table
        .filter(review_helpful::user_id.eq(user))
        .select((review_helpful::review_id, review_helpful::created_at))
        .load(conn)?;
    let followed: Vec<(i64, NaiveDateTime)> = subscriptions::table
        .filter(subscriptions::user_id.eq(user))
        .select((subscriptions::thread_id, subscriptions::created_at))
        .load(conn)?;
    Ok(json!({
        "answers_rated": answers.into_iter().map(|(post, rating, at)| json!({"post_id": post, "rating": rating, "at": at})).collect::<Vec<_>>(),
        "reviews_marked_helpful": helpful.into_iter().map(|(review, at)| json!({"review_id": review, "at": at})).collect::<Vec<_>>(),
        "threads_followed": followed.into_iter().map(|(thread, at)| json!({"thread_id": thread, "at": at})).collect::<Vec<_>>(),
    }))
}

type FlagRow = (String, i64, String, String, Option<String>, NaiveDateTime);

fn reports_of(conn: &mut DbConn, user: UserId) -> QueryResult<Value> {
    let rows: Vec<FlagRow> = flags::table
        .filter(flags::flagger_id.eq(Some(user)))
        .select((
            flags::item_kind,
            flags::item_id,
            flags::note,
            flags::status,
            flags::outcome,
            flags::created_at,
        ))
        .order(flags::id)
        .load(conn)?;
    let measures: Vec<(String, i32, Option<NaiveDateTime>, NaiveDateTime)> =
        reporting_measures::table
            .filter(reporting_measures::user_id.eq(Some(user)))
            .select((
                reporting_measures::kind,
                reporting_measures::unfounded,
                reporting_measures::until_at,
                reporting_measures::created_at,
            ))
            .load(conn)?;
    Ok(json!({
        "reports": rows.into_iter().map(|(kind, id, note, status, outcome, at)| json!({"item": format!("{kind}/{id}"), "note": note, "status": status, "outcome": outcome, "created_at": at})).collect::<Vec<_>>(),
        "measures_about_reporting": measures.into_iter().map(|(kind, count, until, at)| json!({"kind": kind, "unfounded_reports": count, "until": until, "at": at})).collect::<Vec<_>>(),
    }))
}

type DecisionRow = (
    i64,
    String,
    i64,
    String,
    Option<String>,
    String,
    NaiveDateTime,
    Option<NaiveDateTime>,
);

fn decisions_about(conn: &mut DbConn, user: UserId) -> QueryResult<Value> {
    let rows: Vec<DecisionRow> = moderation_decisions::table
        .filter(moderation_decisions::author_id.eq(user))
        .select((
            moderation_decisions::id,
            moderation_decisions::item_kind,
            moderation_decisions::item_id,
            moderation_decisions::action,
            moderation_decisions::author_action,
            moderation_decisions::reason,
            moderation_decisions::created_at,
            moderation_decisions::reversed_at,
        ))
        .order(moderation_decisions::id)
        .load(conn)?;
    let my_appeals: Vec<(i64, String, NaiveDateTime)> = appeals::table
        .filter(appeals::appellant_id.eq(user))
        .select((appeals::decision_id, appeals::text, appeals::created_at))
        .load(conn)?;
    Ok(json!({
        "decisions": rows.into_iter().map(|(id, kind, item, action, author_action, reason, at, reversed)| json!({"id": id, "item": format!("{kind}/{item}"), "action": action, "about_you": author_action, "reason": reason, "at": at, "reversed_at": reversed})).collect::<Vec<_>>(),
        "appeals": my_appeals.into_iter().map(|(decision, text, at)| json!({"decision_id": decision, "text": text, "at": at})).collect::<Vec<_>>(),
    }))
}

fn conversations_of(conn: &mut DbConn, user: UserId) -> QueryResult<Value> {
    let rows: Vec<(i64, String, String)> = conversations::table
        .inner_join(companies::table.on(companies::id.eq(conversations::company_id)))
        .filter(conversations::customer_id.eq(user))
        .select((conversations::id, companies::name, conversations::subject))
        .order(conversations::id)
        .load(conn)?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, company, subject) in rows {
        let messages: Vec<(bool, String, NaiveDateTime)> = conversation_messages::table
            .filter(conversation_messages::conversation_id.eq(id))
            .select((
                conversation_messages::from_company,
                conversation_messages::body_source,
                conversation_messages::created_at,
            ))
            .order(conversation_messages::id)
            .load(conn)?;
        out.push(json!({
            "company": company, "subject": subject,
            "messages": messages.into_iter().map(|(from_company, text, at)| json!({"from": if from_company { "company" } else { "you" }, "text": text, "at": at})).collect::<Vec<_>>(),
        }));
    }
    Ok(Value::Array(out))
}

fn sessions_of(conn: &mut DbConn, user: UserId) -> QueryResult<Value> {
    let rows: Vec<(NaiveDateTime, NaiveDateTime, NaiveDateTime, String)> = sessions::table
        .filter(sessions::user_id.eq(user))
        .select((
            sessions::created_at,
            sessions::last_seen_at,
            sessions::expires_at,
            sessions::user_agent,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(created, seen, expires, agent)| json!({"signed_in_at": created, "last_seen_at": seen, "expires_at": expires, "browser": agent}))
        .collect())
}

fn emails_to(conn: &mut DbConn, address: &str) -> QueryResult<Value> {
    let rows: Vec<(String, NaiveDateTime, Option<NaiveDateTime>)> = outbox::table
        .filter(outbox::to_address.eq(address))
        .select((outbox::subject, outbox::created_at, outbox::sent_at))
        .order(outbox::id)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(subject, at, sent)| json!({"subject": subject, "queued_at": at, "sent_at": sent}))
        .collect())
}

/// The readable page of the same document: every section a heading, every
/// record a list of its fields. Escaped throughout.
pub fn readable_html(doc: &Value, title: &str) -> String {
    let mut html = String::from("<!doctype html><html><head><meta charset=\"utf-8\"><title>");
    html.push_str(&escape(title));
    html.push_str("</title><style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}dl{margin:0 0 1rem 1rem}dt{font-weight:bold}dd{margin:0 0 .3rem 1rem;white-space:pre-wrap}</style></head><body><h1>");
    html.push_str(&escape(title));
    html.push_str("</h1>");
    if let Value::Object(sections) = doc {
        for (name, value) in sections {
            html.push_str("<h2>");
            html.push_str(&escape(&name.replace('_', " ")));
            html.push_str("</h2>");
            render_value(value, &mut html);
        }
    }
    html.push_str("</body></html>");
    html
}

fn render_value(value: &Value, html: &mut String) {
    match value {
        Value::Object(fields) => {
            html.push_str("<dl>");
            for (name, field) in fields {
                html.push_str("<dt>");
                html.push_str(&escape(&name.replace('_', " ")));
                html.push_str("</dt><dd>");
                render_value(field, html);
                html.push_str("</dd>");
            }
            html.push_str("</dl>");
        }
        Value::Array(items) if items.is_empty() => html.push('—'),
        Value::Array(items) => {
            html.push_str("<ol>");
            for item in items {
                html.push_str("<li>");
                render_value(item, html);
                html.push_str("</li>");
            }
            html.push_str("</ol>");
        }
        Value::Null => html.push('—'),
        Value::String(text) => html.push_str(&escape(text)),
        other => html.push_str(&escape(&other.to_string())),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The archive: `tillit-data.json` and `tillit-data.html`.
pub fn archive(doc: &Value, title: &str) -> Vec<u8> {
    let json = serde_json::to_vec_pretty(doc).unwrap_or_default();
    let html = readable_html(doc, title);
    zip::stored(&[
        ("tillit-data.json", json.as_slice()),
        ("tillit-data.html", html.as_bytes()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readable_page_escapes_what_people_wrote() {
        let doc = json!({"posts": [{"text": "<script>alert(1)</script> & more"}]});
        let html = readable_html(&doc, "Data");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("<h2>posts</h2>"));
    }
}
