//! Demo content for the desk: Nordlys's service settings with a holiday,
//! canned answers, an open incident, an FAQ entry from the solved bill
//! thread, a private conversation, and a month of answered questions
//! and ratings so that the figures have something to show.

use chrono::{Duration, NaiveDate};
use diesel::prelude::*;

use crate::db::schema::{answer_ratings, posts, threads};
use crate::db::{now, DbConn};
use crate::demo::forum::{reply, thread};
use crate::forum::model::{self, ThreadKind};
use crate::kernel::ids::{CompanyId, UserId};
use crate::support::conversations::{self, Start};
use crate::support::hours::Week;
use crate::support::{canned, faq, incidents, settings};

pub struct Desk {
    pub staff: UserId,
    pub colleague: UserId,
    pub customers: [UserId; 2],
}

const QUESTIONS: [(&str, i64); 12] = [
    ("How do I read my smart meter?", 12),
    ("Moving house: how do I move my contract?", 25),
    ("Why did my monthly fee change?", 40),
    ("Can I get the bill by email instead of post?", 8),
    ("Direct debit failed this month", 95),
    ("Is there a discount for heat pumps?", 30),
    ("What does the network fee pay for?", 18),
    ("My app shows yesterday's usage only", 55),
    ("How do I add my partner to the contract?", 22),
    ("Solar panels: can I sell electricity back?", 140),
    ("Where do I find my customer number?", 5),
    ("Can I pause district heating in summer?", 35),
];

pub fn seed(conn: &mut DbConn, desk: &Desk, nordlys: CompanyId) -> QueryResult<()> {
    settings::save(
        conn,
        nordlys,
        30,
        chrono_tz::Europe::Stockholm,
        &Week::default(),
    )?;
    let year = now().date().format("%Y").to_string();
    if let Ok(eve) = NaiveDate::parse_from_str(&format!("{year}-12-24"), "%Y-%m-%d") {
        settings::add_holiday(conn, nordlys, eve, "Christmas Eve")?;
    }
    canned::create(
        conn,
        nordlys,
        desk.staff,
        "Estimated meter reading",
        "Hi {customer}, thank you for writing. The bill used an *estimated* reading: send us the reading from your meter under **My pages → Meter reading** and we correct the bill within two working days.\n\n{agent}, {company}",
    )?;
    canned::create(
        conn,
        nordlys,
        desk.staff,
        "Moving house",
        "Hi {customer}, you can move your contract under **My pages → Moving**. Tell us the date at least two weeks ahead.\n\n{agent}, {company}",
    )?;
    let outage = incidents::create(
        conn,
        nordlys,
        desk.staff,
        "Power outage in Västerås north",
        "identified",
        "A damaged cable cut the power to about 2 000 homes in Västerås north this morning. Crews are on site.",
    )?;
    if let Some(incident) = incidents::find(conn, outage)? {
        incidents::add_update(
            conn,
            &incident,
            desk.staff,
            "identified",
            "The cable is being replaced; we expect power back by 18:00.",
        )?;
    }
    let section = model::company_section(conn, nordlys)?.ok_or(diesel::result::Error::NotFound)?;
    if let Some(bill) = threads::table
        .filter(threads::company_id.eq(Some(nordlys)))
        .filter(threads::accepted_post_id.is_not_null())
        .select(model::Thread::as_select())
        .first(conn)
        .optional()?
    {
        faq::promote(conn, &bill, desk.staff)?;
        conversations::start(
            conn,
            &Start {
                company: nordlys,
                customer: bill.author_id,
                thread: Some(bill.id),
                review: None,
                subject: "Your corrected November bill",
                author: desk.staff,
                from_company: true,
                body: "Hi Karin, to credit the difference we need your customer number. Could you send it here? It stays between you and us.",
            },
        )?;
    }
    history(conn, desk, nordlys, &section)
}

/// A month of answered questions with ratings, so the figures and charts
/// have a past to compare with.
fn history(
    conn: &mut DbConn,
    desk: &Desk,
    nordlys: CompanyId,
    section: &model::Category,
) -> QueryResult<()> {
    let at = now();
    for (i, (title, minutes)) in QUESTIONS.iter().enumerate() {
        let customer = desk.customers[i % 2];
        let days_ago = 2 + (i as i64 * 5) % 40;
        let asked = at - Duration::days(days_ago) + Duration::hours(9 - (i as i64 % 3));
        let question = thread(
            conn,
            section,
            customer,
            ThreadKind::Question,
            title,
            "Could someone from Nordlys help me with this?",
            0,
        )?;
        let answerer = if i % 3 == 0 {
            desk.colleague
        } else {
            desk.staff
        };
        let answer = reply(
            conn,
            &question,
            answerer,
            Some(nordlys),
            "Thank you for asking! Here is how it works: you find it under **My pages**; write again if anything is unclear.",
        )?;
        let answered = asked + Duration::minutes(*minutes);
        diesel::update(threads::table.find(question.id))
            .set((
                threads::created_at.eq(asked),
                threads::last_activity_at.eq(answered),
                threads::first_staff_answer_at.eq(Some(answered)),
                threads::first_response_secs.eq(Some(minutes * 60)),
            ))
            .execute(conn)?;
        diesel::update(posts::table.filter(posts::thread_id.eq(question.id)))
            .set(posts::created_at.eq(asked))
            .execute(conn)?;
        diesel::update(posts::table.find(answer))
            .set(posts::created_at.eq(answered))
            .execute(conn)?;
        if i % 4 != 3 {
            let rating = [5, 4, 2, 5, 3, 4][i % 6];
            model::rate_answer(conn, question.id, answer, customer, rating)?;
            diesel::update(answer_ratings::table.filter(answer_ratings::post_id.eq(answer)))
                .set(answer_ratings::created_at.eq(answered + Duration::hours(1)))
                .execute(conn)?;
        }
    }
    Ok(())
}
