//! Demo reviews: praise, harsh criticism, an invited review, a company reply.

use chrono::NaiveDate;
use diesel::QueryResult;

use crate::db::DbConn;
use crate::kernel::ids::{CompanyId, UserId};
use crate::kernel::markdown::render;
use crate::reviews::model::{self, ReviewInput};

fn review(
    conn: &mut DbConn,
    company: CompanyId,
    author: UserId,
    rating: i32,
    title: &str,
    body: &str,
    invitation: Option<&str>,
) -> QueryResult<Option<crate::kernel::ids::ReviewId>> {
    let html = render(body);
    let reference = format!("ORD-{}", 20_000 + company.0 * 100 + author.0);
    let input = ReviewInput {
        rating,
        title,
        body_source: body,
        body_html: &html,
        experience_date: NaiveDate::from_ymd_opt(2026, 10, 14),
        reference: Some(&reference),
    };
    Ok(model::create_review(conn, company, author, &input, invitation)?.ok())
}

pub fn seed(
    conn: &mut DbConn,
    nordlys: CompanyId,
    fjordbanken: CompanyId,
    staff: UserId,
    customers: &[UserId],
) -> QueryResult<()> {
    let harsh = review(
        conn,
        nordlys,
        customers[1],
        1,
        "Worst customer service I have had",
        "Three weeks without an answer about a wrong bill, and the phone queue hangs up on you. The staff promised a call back and lied.",
        None,
    )?;
    if let Some(id) = harsh {
        if let Some(r) = model::find_review(conn, id)? {
            let reply = "We are sorry, Mads. Your bill has been corrected and our customer service manager will call you this week.";
            model::save_reply(conn, &r, staff, reply, &render(reply))?;
        }
    }
    let token = model::create_invitation(conn, nordlys, staff, Some("karin@example.se"))?;
    review(
        conn,
        nordlys,
        customers[0],
        4,
        "Good price, slow bills",
        "The fixed price has been good value. Bills sometimes come late, but the forum answers are quick.",
        Some(&token),
    )?;
    review(
        conn,
        fjordbanken,
        customers[0],
        5,
        "Helpful branch staff",
        "They set up my account in English in twenty minutes.",
        None,
    )?;
    Ok(())
}

/// Reviews in Swedish and Danish.
pub fn seed_nordic(
    conn: &mut DbConn,
    kaffe: CompanyId,
    hygge: CompanyId,
    customers: &[UserId],
) -> QueryResult<()> {
    review(
        conn,
        kaffe,
        customers[0],
        5,
        "Bästa kaffet vi har prenumererat på",
        "Färskrostat, kommer alltid i tid och kundtjänsten svarar samma dag.",
        None,
    )?;
    review(
        conn,
        hygge,
        customers[1],
        2,
        "Billigt, men ustabilt om aftenen",
        "Prisen er god, men forbindelsen falder ud hver aften, og kundeservice har ikke svaret i en uge.",
        None,
    )?;
    Ok(())
}
