//! Demo threads: questions answered by staff, a hanging complaint, a solved
//! problem with a rated answer, and a general discussion.

use chrono::Duration;
use diesel::prelude::*;

use crate::db::schema::threads;
use crate::db::DbConn;
use crate::forum::model::{self, NewReply, NewThread, ThreadKind};
use crate::kernel::ids::{CompanyId, UserId};
use crate::kernel::item::ItemRef;
use crate::kernel::markdown::{render, render_mentioning};
use crate::kernel::notify::{self, Kind, Notice};

/// Something to tell someone, as the site would have when it happened.
fn told(
    conn: &mut DbConn,
    to: UserId,
    kind: Kind,
    actor: UserId,
    post: crate::kernel::ids::PostId,
    link: String,
) -> QueryResult<()> {
    notify::tell(
        conn,
        &Notice {
            to,
            kind,
            actor: Some(actor),
            item: Some(ItemRef::Post(post)),
            decision: None,
            link,
        },
    )
    .map(|_| ())
}

pub struct People {
    pub anna_staff: UserId,
    pub lars_staff: UserId,
    pub karin: UserId,
    pub mads: UserId,
}

pub(crate) fn thread(
    conn: &mut DbConn,
    section: &model::Category,
    author: UserId,
    kind: ThreadKind,
    title: &str,
    body: &str,
    hours_ago: i64,
) -> QueryResult<model::Thread> {
    let html = render(body);
    let (id, _) = model::create_thread(
        conn,
        &NewThread {
            category: section,
            author,
            title,
            kind,
            body_source: body,
            body_html: &html,
        },
    )?;
    // Demo threads look as if they were asked a while ago.
    let created = crate::db::now() - Duration::hours(hours_ago);
    diesel::update(threads::table.find(id))
        .set((
            threads::created_at.eq(created),
            threads::last_activity_at.eq(created),
        ))
        .execute(conn)?;
    model::find_thread(conn, id)?.ok_or(diesel::result::Error::NotFound)
}

pub(crate) fn reply(
    conn: &mut DbConn,
    thread: &model::Thread,
    author: UserId,
    as_company: Option<CompanyId>,
    body: &str,
) -> QueryResult<crate::kernel::ids::PostId> {
    let html = render_mentioning(body, &model::participants(conn, thread.id)?);
    model::add_reply(
        conn,
        &NewReply {
            thread,
            author,
            as_company,
            quote: None,
            body_source: body,
            body_html: &html,
        },
    )
}

pub fn seed(
    conn: &mut DbConn,
    people: &People,
    nordlys: CompanyId,
    fjordbanken: CompanyId,
) -> QueryResult<()> {
    let nordlys_section =
        model::company_section(conn, nordlys)?.ok_or(diesel::result::Error::NotFound)?;
    let bank_section =
        model::company_section(conn, fjordbanken)?.ok_or(diesel::result::Error::NotFound)?;
    let general = model::find_category(conn, "general")?
        .ok_or(diesel::result::Error::NotFound)?
        .category;

    let bill = thread(
        conn,
        &nordlys_section,
        people.karin,
        ThreadKind::Problem,
        "My November bill is twice as high as usual",
        "Hi! My bill for November is **twice** what I usually pay, although we were away for two weeks.\n\nHas anyone else seen this? The meter reading on the bill does not match what I see on the meter.",
        5,
    )?;
    let answer = reply(
        conn,
        &bill,
        people.anna_staff,
        Some(nordlys),
        "Hi Karin, I'm sorry about this. It looks like the bill used an *estimated* reading. If you send us the reading from your meter through *My pages → Meter reading*, we will correct the bill within two working days.",
    )?;
    reply(
        conn,
        &bill,
        people.karin,
        None,
        "Thank you, I sent the reading and got a corrected bill today!",
    )?;
    model::accept_answer(conn, bill.id, answer)?;
    model::rate_answer(conn, bill.id, answer, people.karin, 5)?;
    told(
        conn,
        people.karin,
        Kind::OfficialAnswer,
        people.anna_staff,
        answer,
        format!("/posts/{answer}"),
    )?;
    told(
        conn,
        people.anna_staff,
        Kind::Accepted,
        people.karin,
        answer,
        format!("/posts/{answer}"),
    )?;

    let outage = thread(
        conn,
        &nordlys_section,
        people.mads,
        ThreadKind::Complaint,
        "Nobody answers the phone during the outage",
        "The power has been out in our street since this morning and the phone line just says to wait. How long will this take?",
        2,
    )?;
    let fixed = thread(
        conn,
        &nordlys_section,
        people.karin,
        ThreadKind::Question,
        "Can I switch to a fixed-price contract mid-year?",
        "We are on a variable price now. Can we switch to a fixed price before the winter, and is there a fee?",
        1,
    )?;
    // Anna, on Nordlys' staff, was told of both new questions.
    for question in [&outage, &fixed] {
        let opening = model::opening_post_id(conn, question.id)?;
        told(
            conn,
            people.anna_staff,
            Kind::NewQuestion,
            question.author_id,
            opening,
            format!("/threads/{}", question.id),
        )?;
    }

    let app = thread(
        conn,
        &bank_section,
        people.mads,
        ThreadKind::Question,
        "The app logs me out every time I switch apps",
        "Since the last update the Fjordbanken app asks me to log in again every time I switch to another app. Is this a setting?",
        30,
    )?;
    let bank_answer = reply(
        conn,
        &app,
        people.lars_staff,
        Some(fjordbanken),
        "Hi Mads, this is a security setting. Under **Settings → Security → Stay logged in** you can choose 5 minutes instead of *immediately*.",
    )?;
    told(
        conn,
        people.mads,
        Kind::OfficialAnswer,
        people.lars_staff,
        bank_answer,
        format!("/posts/{bank_answer}"),
    )?;
    thread(
        conn,
        &bank_section,
        people.karin,
        ThreadKind::Praise,
        "Great help at the Skagen branch",
        "Just wanted to say thank you to the staff at the Skagen branch who helped me set up my account in English.",
        20,
    )?;

    let tips = thread(
        conn,
        &general,
        people.mads,
        ThreadKind::Discussion,
        "How do you keep track of your subscriptions?",
        "I keep finding subscriptions I forgot about. Do you use an app, a spreadsheet, or something else?",
        48,
    )?;
    let tip = reply(conn, &tips, people.karin, None, "@Mads A simple spreadsheet with the renewal date and a calendar reminder a week before works for me.")?;
    told(
        conn,
        people.mads,
        Kind::Mention,
        people.karin,
        tip,
        format!("/posts/{tip}"),
    )?;
    Ok(())
}

/// Threads in Swedish and Danish, in the sections of the Swedish coffee
/// roaster and the Danish telecom company.
pub fn seed_nordic(
    conn: &mut DbConn,
    people: &People,
    kaffe: CompanyId,
    hygge: CompanyId,
) -> QueryResult<()> {
    let kaffe_section =
        model::company_section(conn, kaffe)?.ok_or(diesel::result::Error::NotFound)?;
    let hygge_section =
        model::company_section(conn, hygge)?.ok_or(diesel::result::Error::NotFound)?;
    thread(
        conn,
        &kaffe_section,
        people.karin,
        ThreadKind::Question,
        "Kan jag pausa min prenumeration över sommaren?",
        "Vi är bortresta i juli. Går det att pausa leveranserna en månad utan att säga upp prenumerationen?",
        3,
    )?;
    let fault = thread(
        conn,
        &hygge_section,
        people.mads,
        ThreadKind::Problem,
        "Internettet falder ud hver aften",
        "Siden fredag har forbindelsen været nede mellem kl. 19 og 22 hver aften. Routeren er genstartet flere gange.",
        6,
    )?;
    let same = reply(
        conn,
        &fault,
        people.karin,
        None,
        "Samme problem her i Aarhus. Det hjalp lidt at skifte til 5 GHz-nettet.",
    )?;
    told(
        conn,
        people.mads,
        Kind::Reply,
        people.karin,
        same,
        format!("/posts/{same}"),
    )?;
    Ok(())
}
