//! The staff support desk over HTTP: time left in office hours, claiming
//! races, "no answer needed", the after-hours notice, service settings,
//! canned answers, private conversations and their privacy, incidents with
//! the bulk reply, the FAQ and the customer's history.

use chrono::{Datelike, Duration, NaiveDateTime};
use diesel::prelude::*;
use tillit::db::schema::{flags, posts, threads};
use tillit::kernel::ids::{CompanyId, ThreadId, UserId};
use tillit::support::hours::{Opening, Week};

use crate::common::{Client, TestApp};

pub const PASSWORD: &str = "correct horse battery staple";

pub struct World {
    pub app: TestApp,
    pub nordlys: CompanyId,
    pub fjord: CompanyId,
    pub anna: UserId,
    pub erik: UserId,
    pub karin: UserId,
    pub mads: UserId,
}

pub async fn world() -> World {
    let app = TestApp::new().await;
    let nordlys = app.create_company("Nordlys Energi", "nordlys");
    let fjord = app.create_company("Fjordbanken", "fjordbanken");
    let anna = app.create_user("anna@nordlys.example", "Anna", PASSWORD, true);
    let erik = app.create_user("erik@nordlys.example", "Erik", PASSWORD, true);
    let lars = app.create_user("lars@fjordbanken.example", "Lars", PASSWORD, true);
    let karin = app.create_user("karin@example.se", "Karin", PASSWORD, true);
    let mads = app.create_user("mads@example.dk", "Mads", PASSWORD, true);
    app.make_staff(anna, nordlys);
    app.make_staff(erik, nordlys);
    app.make_staff(lars, fjord);
    World {
        app,
        nordlys,
        fjord,
        anna,
        erik,
        karin,
        mads,
    }
}

pub fn now() -> NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

pub fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("time")
}

/// Service settings: UTC, the given week, the given target.
pub fn set_hours(app: &TestApp, company: CompanyId, week: Week, target: i32) {
    app.db(|c| {
        tillit::support::settings::save(c, company, target, chrono_tz::UTC, &week).expect("save")
    });
}

pub fn around_the_clock() -> Week {
    Week(
        [Some(Opening {
            open: 0,
            close: 1440,
        }); 7],
    )
}

/// A question in the company's section, asked at `asked`.
pub fn question(
    app: &TestApp,
    company: CompanyId,
    author: UserId,
    title: &str,
    asked: NaiveDateTime,
) -> ThreadId {
    let section = app.db(|c| {
        tillit::forum::model::company_section(c, company)
            .expect("q")
            .expect("section")
    });
    let html = tillit::kernel::markdown::render("Please help me with this.");
    let new = tillit::forum::model::NewThread {
        category: &section,
        author,
        title,
        kind: tillit::forum::model::ThreadKind::Question,
        body_source: "Please help me with this.",
        body_html: &html,
    };
    let (id, _) = app.db(|c| tillit::forum::model::create_thread(c, &new).expect("thread"));
    app.db(|c| {
        diesel::update(threads::table.find(id))
            .set((
                threads::created_at.eq(asked),
                threads::last_activity_at.eq(asked),
            ))
            .execute(c)
            .expect("backdate");
        diesel::update(posts::table.filter(posts::thread_id.eq(id)))
            .set(posts::created_at.eq(asked))
            .execute(c)
            .expect("backdate post");
    });
    id
}

/// The company's first answer to a thread at `answered`.
pub fn answer(
    app: &TestApp,
    thread: ThreadId,
    staff: UserId,
    company: CompanyId,
    answered: NaiveDateTime,
) -> tillit::kernel::ids::PostId {
    let t = app.db(|c| {
        tillit::forum::model::find_thread(c, thread)
            .expect("q")
            .expect("thread")
    });
    let html = tillit::kernel::markdown::render("Here is how.");
    let reply = tillit::forum::model::NewReply {
        thread: &t,
        author: staff,
        as_company: Some(company),
        quote: None,
        body_source: "Here is how.",
        body_html: &html,
    };
    let post = app.db(|c| tillit::forum::model::add_reply(c, &reply).expect("reply"));
    let waited = (answered - t.created_at).num_seconds();
    app.db(|c| {
        diesel::update(threads::table.find(thread))
            .set((
                threads::first_staff_answer_at.eq(Some(answered)),
                threads::first_response_secs.eq(Some(waited)),
            ))
            .execute(c)
            .expect("answer time");
        diesel::update(posts::table.find(post))
            .set(posts::created_at.eq(answered))
            .execute(c)
            .expect("post time");
    });
    post
}

fn thread_row(app: &TestApp, id: ThreadId) -> tillit::forum::model::Thread {
    app.db(|c| {
        tillit::forum::model::find_thread(c, id)
            .expect("q")
            .expect("thread")
    })
}

async fn login(app: &TestApp, email: &str) -> Client {
    app.login(email, PASSWORD).await
}

#[actix_web::test]
async fn the_desk_counts_the_target_in_office_hours_and_marks_overdue_threads() {
    let w = world().await;
    set_hours(&w.app, w.nordlys, around_the_clock(), 30);
    question(
        &w.app,
        w.nordlys,
        w.karin,
        "Overdue question here",
        now() - Duration::minutes(40),
    );
    question(
        &w.app,
        w.nordlys,
        w.mads,
        "Fresh question here",
        now() - Duration::minutes(5),
    );
    question(&w.app, w.fjord, w.mads, "A bank question here", now());
    let anna = login(&w.app, "anna@nordlys.example").await;
    let desk = anna.get("/desk").await;
    desk.assert_status(200)
        .assert_has("Overdue question here")
        .assert_has("Overdue by 10 min")
        .assert_has("Fresh question here")
        .assert_has("25 min left to the target")
        // Another company's thread is not on this desk.
        .assert_lacks("A bank question here");
    // Closed all week: nothing counts, so nothing is overdue.
    set_hours(&w.app, w.nordlys, Week([None; 7]), 30);
    anna.get("/desk")
        .await
        .assert_lacks("Overdue by")
        .assert_has("30 min left to the target");
    // Customers have no desk.
    let karin = login(&w.app, "karin@example.se").await;
    karin.get("/desk").await.assert_status(403);
}

#[actix_web::test]
async fn two_colleagues_claiming_at_once_leave_one_owner() {
    let w = world().await;
    let id = question(&w.app, w.nordlys, w.karin, "Who takes this one?", now());
    // Two connections race on the conditional update: exactly one wins.
    let pool = w.app.state.db.pool().clone();
    let racers: Vec<_> = [w.anna, w.erik]
        .into_iter()
        .map(|user| {
            let pool = pool.clone();
            std::thread::spawn(move || {
                let mut conn = pool.get().expect("connection");
                tillit::support::desk::assign(&mut conn, id, None, Some(user), now())
                    .expect("assign")
            })
        })
        .collect();
    let won: Vec<bool> = racers
        .into_iter()
        .map(|r| r.join().expect("racer"))
        .collect();
    assert_eq!(won.iter().filter(|w| **w).count(), 1, "{won:?}");
    let owner = thread_row(&w.app, id).assigned_to.expect("owner");

    // Over HTTP: the loser's claim changes nothing and says so.
    let (winner, loser) = if owner == w.anna {
        ("anna@nordlys.example", "erik@nordlys.example")
    } else {
        ("erik@nordlys.example", "anna@nordlys.example")
    };
    let loser = login(&w.app, loser).await;
    let path = format!("/desk/threads/{id}/assign");
    loser
        .post_follow(&path, &[("expected", ""), ("to", "me")])
        .await
        .assert_has("Someone else changed who has this thread");
    assert_eq!(thread_row(&w.app, id).assigned_to, Some(owner));
    // The owner gives it to the colleague, naming who had it.
    let winner = login(&w.app, winner).await;
    let other = if owner == w.anna { w.erik } else { w.anna };
    let owner_text = owner.to_string();
    let other_text = other.to_string();
    winner
        .post_follow(&path, &[("expected", &owner_text), ("to", &other_text)])
        .await
        .assert_has("The thread is assigned.");
    assert_eq!(thread_row(&w.app, id).assigned_to, Some(other));
    // Only staff of the company can be given the thread, and only its staff may assign.
    let karin_id = w.karin.to_string();
    winner
        .post(&path, &[("expected", &other_text), ("to", &karin_id)])
        .await
        .assert_status(400);
    let lars = login(&w.app, "lars@fjordbanken.example").await;
    lars.post(&path, &[("expected", &other_text), ("to", "me")])
        .await
        .assert_status(403);
    assert_eq!(thread_row(&w.app, id).assigned_to, Some(other));
    // The desk shows who has it.
    winner
        .get("/desk?who=unassigned")
        .await
        .assert_lacks("Who takes this one?");
}

#[actix_web::test]
async fn no_answer_needed_takes_threads_off_the_desk_and_spam_goes_to_moderation() {
    let w = world().await;
    let thanks = question(&w.app, w.nordlys, w.karin, "Thank you all so much", now());
    let spam = question(&w.app, w.nordlys, w.mads, "Cheap watches here now", now());
    let anna = login(&w.app, "anna@nordlys.example").await;
    anna.post_follow(
        &format!("/desk/threads/{thanks}/no-answer"),
        &[("reason", "thanks"), ("note", "")],
    )
    .await
    .assert_has("The thread is off the desk.")
    .assert_lacks("Thank you all so much");
    // Visitors see the company's like instead of an answer.
    w.app
        .client()
        .get(&format!("/threads/{thanks}"))
        .await
        .assert_has("Nordlys Energi liked this.");
    // "Other" needs a note; an unknown reason is refused.
    anna.post_follow(
        &format!("/desk/threads/{spam}/no-answer"),
        &[("reason", "other"), ("note", "")],
    )
    .await
    .assert_has("Say in the note why no answer is needed.");
    anna.post(
        &format!("/desk/threads/{spam}/no-answer"),
        &[("reason", "ignore"), ("note", "")],
    )
    .await
    .assert_status(400);
    anna.post_follow(
        &format!("/desk/threads/{spam}/no-answer"),
        &[("reason", "spam"), ("note", "watch adverts")],
    )
    .await
    .assert_lacks("Cheap watches here now");
    // The spam report is the moderators' to decide, marked as from the company.
    let (count, from_staff): (i64, bool) = w.app.db(|c| {
        let rows: Vec<bool> = flags::table
            .select(flags::from_company_staff)
            .load(c)
            .expect("flags");
        (rows.len() as i64, rows.iter().all(|f| *f))
    });
    assert_eq!((count, from_staff), (1, true));
    // Nothing was deleted: the thread is still there, counted as set aside.
    let row = thread_row(&w.app, spam);
    assert_eq!(row.no_answer_reason.as_deref(), Some("spam"));
    assert!(row.first_staff_answer_at.is_none());
    // Put back on the desk when set aside by mistake.
    anna.post_follow(&format!("/desk/threads/{spam}/reopen"), &[])
        .await
        .assert_has("Cheap watches here now");
    // Another company's staff cannot touch it.
    let lars = login(&w.app, "lars@fjordbanken.example").await;
    lars.post(
        &format!("/desk/threads/{spam}/no-answer"),
        &[("reason", "duplicate"), ("note", "")],
    )
    .await
    .assert_status(403);
}

#[actix_web::test]
async fn a_question_asked_outside_office_hours_gets_one_automatic_notice() {
    let w = world().await;
    // Open only the day after tomorrow (UTC), 08:00–17:00: closed now.
    let open_day = (now().weekday().num_days_from_monday() as usize + 2) % 7;
    let mut week = Week([None; 7]);
    week.0[open_day] = Some(Opening {
        open: 8 * 60,
        close: 17 * 60,
    });
    set_hours(&w.app, w.nordlys, week, 30);
    let karin = login(&w.app, "karin@example.se").await;
    let resp = karin
        .post(
            "/forum/nordlys/new",
            &[
                ("title", "Asked in the middle of the night"),
                ("kind", "question"),
                ("body", "When do you open?"),
                ("action", "post"),
            ],
        )
        .await;
    assert_eq!(resp.status, 303, "{}", resp.body);
    // Karin reads the times in her zone (her language's: Stockholm), named.
    let day = (now() + Duration::days(2)).date();
    let at = |h, m| {
        tillit::kernel::i18n::datetime(
            tillit::kernel::i18n::Lang::En,
            chrono_tz::Europe::Stockholm,
            day.and_hms_opt(h, m, 0).expect("time"),
        )
    };
    let page = karin.get_follow(resp.location()).await;
    page.assert_has("Automatic notice:")
        .assert_has(&format!("opens again {}", at(8, 0)))
        .assert_has(&format!("Expect an answer by {}", at(8, 30)));
    assert!(at(8, 0).ends_with(" CET") || at(8, 0).ends_with(" CEST"));
    assert_eq!(page.body.matches("Automatic notice:").count(), 1);
    // Open around the clock: no notice.
    set_hours(&w.app, w.nordlys, around_the_clock(), 30);
    let resp = karin
        .post(
            "/forum/nordlys/new",
            &[
                ("title", "Asked while the desk is open"),
                ("kind", "question"),
                ("body", "Another question."),
                ("action", "post"),
            ],
        )
        .await;
    karin
        .get_follow(resp.location())
        .await
        .assert_lacks("Automatic notice:");
}

#[actix_web::test]
async fn service_settings_are_checked_kept_and_only_for_the_company_staff() {
    let w = world().await;
    let anna = login(&w.app, "anna@nordlys.example").await;
    anna.get("/desk/companies/nordlys/settings")
        .await
        .assert_status(200)
        .assert_has("Europe/Stockholm");
    let mut fields: Vec<(String, String)> = vec![
        ("target".into(), "45".into()),
        ("time_zone".into(), "Mars/Olympus".into()),
    ];
    for day in 0..7 {
        fields.push((format!("open{day}"), "09:00".into()));
        fields.push((
            format!("close{day}"),
            if day == 2 { "08:00" } else { "18:00" }.into(),
        ));
    }
    fields.push(("closed6".into(), "1".into()));
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let bad = anna
        .post("/desk/companies/nordlys/settings", &borrowed)
        .await;
    bad.assert_status(422)
        .assert_has("This is not a time zone we know.")
        .assert_has("opening before closing")
        // What was typed is still there.
        .assert_has("value=\"Mars/Olympus\"")
        .assert_has("value=\"45\"");
    fields[1].1 = "Europe/Copenhagen".into();
    fields.iter_mut().for_each(|f| {
        if f.0 == "close2" {
            f.1 = "18:00".into();
        }
    });
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    anna.post_follow("/desk/companies/nordlys/settings", &borrowed)
        .await
        .assert_has("The service settings are saved.");
    let stored = w
        .app
        .db(|c| tillit::support::settings::load(c, w.nordlys).expect("load"));
    assert_eq!(stored.target_minutes, 45);
    assert_eq!(stored.time_zone(), "Europe/Copenhagen");
    assert_eq!(stored.schedule.week.0[6], None);
    assert_eq!(
        stored.schedule.week.0[0],
        Some(Opening {
            open: 540,
            close: 1080
        })
    );
    // A date in the coming weeks, so the test does not age out of the window.
    let day_off = (now() + Duration::days(20)).format("%Y-%m-%d").to_string();
    anna.post_follow(
        "/desk/companies/nordlys/holidays",
        &[("day", day_off.as_str()), ("name", "Julafton")],
    )
    .await
    .assert_has("The holiday is added.")
    .assert_has("Julafton");
    for day in ["24/12", "9999-12-24", "1900-01-01"] {
        anna.post_follow(
            "/desk/companies/nordlys/holidays",
            &[("day", day), ("name", "")],
        )
        .await
        .assert_has("Give the date as YYYY-MM-DD, within a year back and five years ahead.");
    }
    let stored = w
        .app
        .db(|c| tillit::support::settings::holidays(c, w.nordlys).expect("holidays"));
    assert_eq!(
        stored.len(),
        1,
        "only the valid holiday is kept: {stored:?}"
    );
    // Another company's staff and customers are turned away.
    let lars = login(&w.app, "lars@fjordbanken.example").await;
    lars.get("/desk/companies/nordlys/settings")
        .await
        .assert_status(403);
    lars.post("/desk/companies/nordlys/settings", &borrowed)
        .await
        .assert_status(403);
    let karin = login(&w.app, "karin@example.se").await;
    karin
        .get("/desk/companies/nordlys/settings")
        .await
        .assert_status(403);
}

#[actix_web::test]
async fn canned_answers_are_searched_and_filled_into_the_reply_form() {
    let w = world().await;
    let id = question(
        &w.app,
        w.nordlys,
        w.karin,
        "My meter reading is wrong",
        now(),
    );
    let anna = login(&w.app, "anna@nordlys.example").await;
    anna.post_follow(
        "/desk/companies/nordlys/canned",
        &[("title", ""), ("body", "Hi {customer}")],
    )
    .await
    .assert_status(422)
    .assert_has("Hi {customer}");
    anna.post_follow(
        "/desk/companies/nordlys/canned",
        &[
            ("title", "Meter reading"),
            (
                "body",
                "Hi {customer}, send us the reading. {agent}, {company}",
            ),
        ],
    )
    .await
    .assert_has("The canned answer is saved.");
    anna.post_follow(
        "/desk/companies/nordlys/canned",
        &[("title", "Moving house"), ("body", "Tell us the date.")],
    )
    .await;
    anna.get("/desk/companies/nordlys/canned?q=METER")
        .await
        .assert_has("Meter reading")
        .assert_lacks("Moving house");
    let canned_id: i64 = w.app.db(|c| {
        tillit::support::canned::list(c, w.nordlys, "meter", 10).expect("list")[0]
            .id
            .0
    });
    // On the thread, the staff panel finds it and puts it in the form, filled in.
    anna.get(&format!("/threads/{id}?canned_q=meter"))
        .await
        .assert_has("Insert “Meter reading”");
    anna.get(&format!("/threads/{id}?canned={canned_id}"))
        .await
        .assert_has("Hi Karin, send us the reading. Anna, Nordlys Energi</textarea>");
    // Nobody else can pull a company's canned answer into a form.
    let lars = login(&w.app, "lars@fjordbanken.example").await;
    lars.get(&format!("/threads/{id}?canned={canned_id}"))
        .await
        .assert_lacks("send us the reading");
    lars.get("/desk/companies/nordlys/canned")
        .await
        .assert_status(403);
    lars.post(
        &format!("/desk/companies/fjordbanken/canned/{canned_id}/delete"),
        &[],
    )
    .await
    .assert_status(404);
    anna.post_follow(
        &format!("/desk/companies/nordlys/canned/{canned_id}/delete"),
        &[],
    )
    .await
    .assert_has("The canned answer is deleted.");
}

#[actix_web::test]
async fn private_conversations_are_readable_by_the_two_sides_only() {
    let w = world().await;
    let id = question(
        &w.app,
        w.nordlys,
        w.karin,
        "Wrong amount on my invoice",
        now(),
    );
    let anna = login(&w.app, "anna@nordlys.example").await;
    anna.get(&format!("/threads/{id}"))
        .await
        .assert_has("Contact the customer privately");
    let resp = anna
        .post(
            &format!("/threads/{id}/private"),
            &[
                ("subject", "Your invoice"),
                ("body", "Could you send us your customer number here?"),
            ],
        )
        .await;
    assert_eq!(resp.status, 303, "{}", resp.body);
    let conversation = resp.location().to_string();
    assert!(conversation.starts_with("/conversations/"));
    // The public thread says the company got in touch, not what was said.
    w.app
        .client()
        .get(&format!("/threads/{id}"))
        .await
        .assert_has("Nordlys Energi has contacted the customer privately")
        .assert_lacks("customer number");
    // The customer got an email (through the outbox) without the message text.
    let mails = w.app.emails_to("karin@example.se").await;
    let mail = mails
        .iter()
        .find(|m| m.subject.contains("A private message from Nordlys Energi"))
        .expect("email to the customer");
    assert!(!mail.text.contains("customer number"));
    let karin = login(&w.app, "karin@example.se").await;
    karin
        .get(&conversation)
        .await
        .assert_status(200)
        .assert_has("Could you send us your customer number here?");
    karin
        .post_follow(&conversation, &[("body", "It is 4471-2209.")])
        .await
        .assert_has("It is 4471-2209.");
    // Anna's colleague reads it too; the staff got an email.
    let erik = login(&w.app, "erik@nordlys.example").await;
    erik.get(&conversation).await.assert_has("It is 4471-2209.");
    assert!(w
        .app
        .emails_to("anna@nordlys.example")
        .await
        .iter()
        .any(|m| m.subject.contains("Nordlys Energi")));
    // Nobody else: another customer, another company's staff, visitors.
    let mads = login(&w.app, "mads@example.dk").await;
    mads.get(&conversation).await.assert_status(404);
    mads.post(&conversation, &[("body", "let me in")])
        .await
        .assert_status(404);
    mads.get("/conversations")
        .await
        .assert_lacks("Your invoice");
    let lars = login(&w.app, "lars@fjordbanken.example").await;
    lars.get(&conversation).await.assert_status(404);
    lars.post(&conversation, &[("body", "let me in")])
        .await
        .assert_status(404);
    let visitor = w.app.client();
    let resp = visitor.get(&conversation).await;
    assert_ne!(resp.status, 200);
    assert!(!resp.body.contains("4471-2209"));
    // Only the thread company's staff may open one from the thread.
    lars.post(
        &format!("/threads/{id}/private"),
        &[("subject", "Hello"), ("body", "Bank here")],
    )
    .await
    .assert_status(403);
    mads.get(&format!("/threads/{id}/private"))
        .await
        .assert_status(403);
    karin.get("/conversations").await.assert_has("Your invoice");
}

#[actix_web::test]
async fn the_personal_data_guard_offers_to_send_privately_to_the_company() {
    let w = world().await;
    let id = question(
        &w.app,
        w.nordlys,
        w.karin,
        "Question about my contract",
        now(),
    );
    let karin = login(&w.app, "karin@example.se").await;
    let text = "My phone is 070-123 45 67, please call me.";
    let shown = karin
        .post(
            &format!("/threads/{id}/reply"),
            &[("body", text), ("action", "post")],
        )
        .await;
    shown
        .assert_status(422)
        .assert_has("Send it privately to Nordlys Energi");
    let resp = karin
        .post(
            &format!("/threads/{id}/reply"),
            &[("body", text), ("action", "send_private")],
        )
        .await;
    assert_eq!(resp.status, 303, "{}", resp.body);
    assert!(resp.location().starts_with("/conversations/"));
    karin.get(resp.location()).await.assert_has("070-123 45 67");
    // Nothing public.
    w.app
        .client()
        .get(&format!("/threads/{id}"))
        .await
        .assert_lacks("070-123");
    let anna = login(&w.app, "anna@nordlys.example").await;
    anna.get(resp.location()).await.assert_has("070-123 45 67");
    assert!(!w.app.emails_to("anna@nordlys.example").await.is_empty());
    // In a section without a company there is no one to send it to.
    let resp = karin
        .post(
            "/forum/general/new",
            &[
                ("title", "A general question"),
                ("kind", "question"),
                ("body", text),
                ("action", "post"),
            ],
        )
        .await;
    resp.assert_status(422).assert_lacks("Send it privately");
}

#[actix_web::test]
async fn staff_contact_a_reviewer_privately_from_the_review() {
    let w = world().await;
    let karin = login(&w.app, "karin@example.se").await;
    karin
        .post(
            "/companies/nordlys/reviews",
            &[
                ("rating", "2"),
                ("title", "Slow to fix my meter"),
                (
                    "body",
                    "It took three weeks and four phone calls to get the meter fixed.",
                ),
                ("action", "post"),
            ],
        )
        .await;
    let review: i64 = w.app.db(|c| {
        tillit::reviews::model::own_review(c, w.nordlys, w.karin)
            .expect("q")
            .expect("review")
            .id
            .0
    });
    let anna = login(&w.app, "anna@nordlys.example").await;
    let resp = anna
        .post(
            &format!("/reviews/{review}/private"),
            &[
                ("subject", "Your meter"),
                ("body", "Which address is the meter at?"),
            ],
        )
        .await;
    assert_eq!(resp.status, 303, "{}", resp.body);
    w.app
        .client()
        .get("/companies/nordlys")
        .await
        .assert_has("Nordlys Energi has contacted the customer privately");
    let lars = login(&w.app, "lars@fjordbanken.example").await;
    lars.get(&format!("/reviews/{review}/private"))
        .await
        .assert_status(403);
    karin
        .get(resp.location())
        .await
        .assert_has("Which address is the meter at?");
}

#[actix_web::test]
async fn an_incident_answers_many_threads_at_once() {
    let w = world().await;
    set_hours(&w.app, w.nordlys, around_the_clock(), 30);
    let first = question(
        &w.app,
        w.nordlys,
        w.karin,
        "No power on my street",
        now() - Duration::minutes(20),
    );
    let second = question(
        &w.app,
        w.nordlys,
        w.mads,
        "Power cut again?",
        now() - Duration::minutes(10),
    );
    let other = question(&w.app, w.fjord, w.mads, "Card not working today", now());
    let anna = login(&w.app, "anna@nordlys.example").await;
    anna.post(
        "/desk/companies/nordlys/incidents",
        &[("title", "X"), ("status", "investigating"), ("body", "")],
    )
    .await
    .assert_status(422);
    let resp = anna
        .post(
            "/desk/companies/nordlys/incidents",
            &[
                ("title", "Power outage in Västerås north"),
                ("status", "investigating"),
                ("body", "A damaged cable; crews are on site."),
            ],
        )
        .await;
    assert_eq!(resp.status, 303, "{}", resp.body);
    let incident_path = resp.location().to_string();
    let incident = incident_path.trim_start_matches("/incidents/").to_string();
    // The banner is on the company page and its forum section.
    let visitor = w.app.client();
    visitor
        .get("/companies/nordlys")
        .await
        .assert_has("Power outage in Västerås north");
    visitor
        .get("/forum/nordlys")
        .await
        .assert_has("Power outage in Västerås north");
    let before = now();
    let (a, b, c) = (first.to_string(), second.to_string(), other.to_string());
    anna.post_follow(
        "/desk/incidents/link",
        &[
            ("incident", incident.as_str()),
            ("thread", a.as_str()),
            ("thread", b.as_str()),
            ("thread", c.as_str()),
        ],
    )
    .await
    .assert_has("The threads are linked to the incident and each got a reply.")
    .assert_lacks("No power on my street")
    .assert_lacks("Power cut again?");
    for id in [first, second] {
        let row = thread_row(&w.app, id);
        let answered = row.first_staff_answer_at.expect("answered by the link");
        assert!(answered >= before - Duration::seconds(1));
        assert_eq!(
            row.incident_id.map(|i| i.to_string()),
            Some(incident.clone())
        );
        let official: i64 = w.app.db(|conn| {
            posts::table
                .filter(posts::thread_id.eq(id))
                .filter(posts::as_company_id.eq(Some(w.nordlys)))
                .count()
                .get_result(conn)
                .expect("count")
        });
        assert_eq!(official, 1);
        visitor
            .get(&format!("/threads/{id}"))
            .await
            .assert_has(&format!("href=\"{incident_path}\""))
            .assert_has("Linked to the known problem");
    }
    // The bank's thread was not touched.
    assert!(thread_row(&w.app, other).incident_id.is_none());
    // Each asker got the reply by email, like any other reply.
    for address in ["karin@example.se", "mads@example.dk"] {
        let mails = w.app.emails_to(address).await;
        assert!(
            mails
                .iter()
                .any(|m| m.subject.contains("answered your question")
                    && m.text.contains("We know about this problem")),
            "{address}: {mails:?}"
        );
    }
    // Linking again replies to nobody twice.
    anna.post_follow(
        "/desk/incidents/link",
        &[("incident", incident.as_str()), ("thread", a.as_str())],
    )
    .await
    .assert_has("No thread was linked");
    // Another company's staff cannot link to or update it.
    let lars = login(&w.app, "lars@fjordbanken.example").await;
    lars.post(
        "/desk/incidents/link",
        &[("incident", incident.as_str()), ("thread", c.as_str())],
    )
    .await
    .assert_status(403);
    lars.post(
        &format!("{incident_path}/updates"),
        &[("status", "resolved"), ("body", "fixed")],
    )
    .await
    .assert_status(403);
    // Resolved: the banner goes, the page stays.
    anna.post_follow(
        &format!("{incident_path}/updates"),
        &[
            ("status", "resolved"),
            ("body", "Power is back for everyone."),
        ],
    )
    .await
    .assert_has("Power is back for everyone.")
    .assert_has("Resolved");
    visitor
        .get("/companies/nordlys")
        .await
        .assert_lacks("Power outage in Västerås north");
}

#[actix_web::test]
async fn a_solved_thread_is_promoted_to_the_faq_and_found_by_search() {
    let w = world().await;
    let id = question(
        &w.app,
        w.nordlys,
        w.karin,
        "How do I read the smart meter",
        now(),
    );
    let anna = login(&w.app, "anna@nordlys.example").await;
    anna.post_follow(&format!("/threads/{id}/faq"), &[])
        .await
        .assert_has("Only a thread with an accepted answer can go into the FAQ.");
    let post = answer(&w.app, id, w.anna, w.nordlys, now());
    w.app
        .db(|c| tillit::forum::model::accept_answer(c, id, post).expect("accept"));
    let lars = login(&w.app, "lars@fjordbanken.example").await;
    lars.post(&format!("/threads/{id}/faq"), &[])
        .await
        .assert_status(403);
    anna.post_follow(&format!("/threads/{id}/faq"), &[])
        .await
        .assert_has("The thread is in the company&#39;s FAQ now.");
    anna.post_follow(&format!("/threads/{id}/faq"), &[])
        .await
        .assert_has("The thread is in the FAQ already.");
    let visitor = w.app.client();
    visitor
        .get("/companies/nordlys/faq")
        .await
        .assert_has("How do I read the smart meter")
        .assert_has("Here is how.");
    visitor
        .get("/search?q=SMART+meter")
        .await
        .assert_has("From the FAQ")
        .assert_has("/companies/nordlys/faq#faq-");
}

#[actix_web::test]
async fn the_customer_history_is_for_the_company_staff() {
    let w = world().await;
    question(
        &w.app,
        w.nordlys,
        w.karin,
        "Karin asks Nordlys something",
        now(),
    );
    question(
        &w.app,
        w.fjord,
        w.karin,
        "Karin asks the bank something",
        now(),
    );
    let anna = login(&w.app, "anna@nordlys.example").await;
    let path = format!("/desk/customers/{}?company={}", w.karin, w.nordlys);
    anna.get(&path)
        .await
        .assert_status(200)
        .assert_has("Karin asks Nordlys something")
        .assert_lacks("Karin asks the bank something");
    let lars = login(&w.app, "lars@fjordbanken.example").await;
    lars.get(&path).await.assert_status(403);
    let mads = login(&w.app, "mads@example.dk").await;
    mads.get(&path).await.assert_status(403);
    let _ = w.mads;
}

#[actix_web::test]
async fn the_desk_pages_through_a_long_queue_without_repeats() {
    let w = world().await;
    let start = now() - Duration::hours(60);
    for i in 0..51 {
        question(
            &w.app,
            w.nordlys,
            w.karin,
            &format!("Queued question number {i:02}"),
            start + Duration::minutes(i),
        );
    }
    let anna = login(&w.app, "anna@nordlys.example").await;
    let first = anna.get("/desk").await;
    assert_eq!(first.body.matches("class=\"desk-item").count(), 50);
    first.assert_has("Next page");
    first
        .assert_has("Queued question number 00")
        .assert_lacks("Queued question number 50");
    // The next link carries the last thread shown (the template escapes the URL).
    let link = first.body.split("Next page").next().unwrap_or("");
    let next: String = link
        .rsplit("after=")
        .next()
        .map(|r| r.chars().take_while(char::is_ascii_digit).collect())
        .expect("a next link");
    let second = anna.get(&format!("/desk?who=all&after={next}")).await;
    assert_eq!(second.body.matches("class=\"desk-item").count(), 1);
    second
        .assert_has("Queued question number 50")
        .assert_lacks("Queued question number 49");
    second.assert_lacks("Next page");
    // "Mine" is filtered in the query, not after the page was cut.
    let last: ThreadId = w.app.db(|c| {
        threads::table
            .filter(threads::title.eq("Queued question number 50"))
            .select(threads::id)
            .first(c)
            .expect("thread")
    });
    w.app
        .db(|c| tillit::support::desk::assign(c, last, None, Some(w.anna), now()).expect("assign"));
    let mine = anna.get("/desk?who=mine").await;
    assert_eq!(mine.body.matches("class=\"desk-item").count(), 1);
    mine.assert_has("Queued question number 50");
}

#[actix_web::test]
async fn holidays_far_from_today_are_refused_readably() {
    let w = world().await;
    let anna = w.app.login("anna@nordlys.example", PASSWORD).await;
    for day in ["-262143-01-01", "262142-12-24", "1999-12-24", "24.12.2026"] {
        anna.post_follow(
            "/desk/companies/nordlys/holidays",
            &[("day", day), ("name", "Christmas Eve")],
        )
        .await
        .assert_status(200)
        .assert_has("within a year back and five years ahead");
    }
    let next_year = (tillit::db::now().date() + chrono::Duration::days(200)).to_string();
    anna.post_follow(
        "/desk/companies/nordlys/holidays",
        &[("day", next_year.as_str()), ("name", "Company day")],
    )
    .await
    .assert_status(200)
    .assert_has("Company day");
}
