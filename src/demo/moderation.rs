//! Demo moderation: a reported reply waiting in the queue, a threat held by
//! the automatic check, and a spam review a moderator has hidden — so the
//! queue, the log and the transparency page show something on a fresh site.

use diesel::prelude::*;

use crate::db::DbConn;
use crate::demo::forum::{reply, thread};
use crate::forum::model::{self as forum, ThreadKind};
use crate::kernel::error::AppError;
use crate::kernel::ids::{CompanyId, UserId};
use crate::kernel::item::{self, ItemRef};
use crate::kernel::markdown::render;
use crate::moderation::model::{self, Choice, ContentAction, NewFlag};
use crate::moderation::{checks, guidelines};
use crate::reviews::model::{self as reviews, ReviewInput};

pub struct Cast {
    pub moderator: UserId,
    pub karin: UserId,
    pub mads: UserId,
}

pub fn seed(
    conn: &mut DbConn,
    cast: &Cast,
    nordlys: CompanyId,
    fjordbanken: CompanyId,
) -> Result<(), AppError> {
    let section = forum::company_section(conn, nordlys)?.ok_or(AppError::NotFound)?;
    let complaint = thread(
        conn,
        &section,
        cast.karin,
        ThreadKind::Complaint,
        "Meter swap took three months",
        "They promised a new meter in two weeks. It took three months and four phone calls.",
        30,
    )?;
    let named = reply(
        conn,
        &complaint,
        cast.mads,
        None,
        "Same for me. Per Olsson in their billing team is a liar and a thief, everybody there knows it. \
         The rest of the staff were polite, just slow.",
    )?;
    let attacks =
        guidelines::clause_by_code(conn, "personal-attacks")?.ok_or(AppError::NotFound)?;
    let item = item::load(conn, ItemRef::Post(named))?.ok_or(AppError::NotFound)?;
    model::flag(
        conn,
        &NewFlag {
            item: &item,
            clause: &attacks,
            flagger: cast.karin,
            from_company_staff: false,
            note: "Names an employee and calls him a thief.",
        },
    )?;
    let threat_text = "If nobody calls me back today, I know where you live.";
    let threat = reply(conn, &complaint, cast.mads, None, threat_text)?;
    model::apply_checks(conn, ItemRef::Post(threat), &demo_screen("", threat_text))?;

    let spam_body = "Cheap loans! https://loans.example https://cash.example https://fast.example";
    let html = render(spam_body);
    let created = reviews::create_review(
        conn,
        fjordbanken,
        cast.mads,
        &ReviewInput {
            rating: 5,
            title: "Best loans",
            body_source: spam_body,
            body_html: &html,
            experience_date: None,
            reference: None,
        },
        None,
    )?;
    if let Ok(review) = created {
        let item = ItemRef::Review(review);
        model::apply_checks(conn, item, &demo_screen("Best loans", spam_body))?;
        let case = moderation_case(conn, item)?;
        let spam = guidelines::clause_by_code(conn, "spam")?.ok_or(AppError::NotFound)?;
        if let Some(case) = case {
            let choice = Choice {
                content: ContentAction::Hide,
                author: None,
                clause: spam,
                reason: "Advertising for a loan site with a list of links, not an experience of the bank.".into(),
                facts: "Three links to unrelated lending sites.".into(),
                redact: String::new(),
                days: model::DEFAULT_DAYS,
                unfounded: false,
            };
            let _ = model::decide(conn, cast.moderator, &case, case.lock_version, &choice)?;
        }
    }
    Ok(())
}

fn moderation_case(conn: &mut DbConn, item: ItemRef) -> Result<Option<model::Case>, AppError> {
    use crate::db::schema::moderation_cases;
    Ok(moderation_cases::table
        .filter(moderation_cases::item_kind.eq(item.kind().as_str()))
        .filter(moderation_cases::item_id.eq(item.id()))
        .filter(moderation_cases::status.eq(model::OPEN))
        .select(model::Case::as_select())
        .first(conn)
        .optional()?)
}

/// The checks as the running site applies them to an established account.
fn demo_screen(title: &str, body: &str) -> Vec<checks::Hit> {
    let list = checks::WatchedList::compile(checks::WatchedList::shipped());
    checks::screen(title, body, &list, &checks::Context::default()).hits
}
