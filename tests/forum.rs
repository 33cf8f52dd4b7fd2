//! The forum over HTTP: threads, official replies, accepted answers,
//! ratings, the hanging queue, pagination, subscriptions, search, the
//! personal-data guard, permissions and XSS.

use chrono::Duration;
use diesel::prelude::*;
use tillit::db::schema::{answer_ratings, post_revisions, posts, search_misses, threads, users};
use tillit::kernel::ids::{CompanyId, ThreadId, UserId};

use crate::common::{assert_inert, link_in, Client, TestApp};

const PASSWORD: &str = "correct horse battery staple";

struct Forum {
    app: TestApp,
    nordlys: CompanyId,
    anna: UserId,
    karin: UserId,
}

/// A company (Nordlys) with a staff member (Anna), another company (Fjord)
/// with its own staff (Lars), and customers Karin and Mads.
async fn forum() -> Forum {
    let app = TestApp::new().await;
    let nordlys = app.create_company("Nordlys Energi", "nordlys");
    let fjord = app.create_company("Fjordbanken", "fjordbanken");
    let anna = app.create_user("anna@nordlys.example", "Anna", PASSWORD, true);
    let lars = app.create_user("lars@fjord.example", "Lars", PASSWORD, true);
    app.make_staff(anna, nordlys);
    app.make_staff(lars, fjord);
    let karin = app.create_user("karin@example.se", "Karin", PASSWORD, true);
    app.create_user("mads@example.dk", "Mads", PASSWORD, true);
    Forum {
        app,
        nordlys,
        anna,
        karin,
    }
}

async fn start_thread(
    client: &Client,
    section: &str,
    title: &str,
    kind: &str,
    body: &str,
) -> ThreadId {
    let path = format!("/forum/{section}/new");
    let resp = client
        .post(
            &path,
            &[
                ("title", title),
                ("kind", kind),
                ("body", body),
                ("action", "post"),
            ],
        )
        .await;
    assert_eq!(resp.status, 303, "thread not created: {}", resp.body);
    resp.location()
        .trim_start_matches("/threads/")
        .parse()
        .expect("thread id in redirect")
}

async fn reply(client: &Client, thread: ThreadId, body: &str) -> crate::common::Resp {
    client
        .post(
            &format!("/threads/{thread}/reply"),
            &[("body", body), ("action", "post")],
        )
        .await
}

/// A thread written straight to the database (no form, no guard, no throttle),
/// for tests that need many.
fn thread_in_database(
    app: &TestApp,
    section: &tillit::forum::model::Category,
    author: UserId,
    title: &str,
    body: &str,
) -> ThreadId {
    let html = tillit::kernel::markdown::render(body);
    let new = tillit::forum::model::NewThread {
        category: section,
        author,
        title,
        kind: tillit::forum::model::ThreadKind::Question,
        body_source: body,
        body_html: &html,
    };
    app.db(|c| {
        tillit::forum::model::create_thread(c, &new)
            .expect("thread")
            .0
    })
}

/// A thread's posts by id: the opening post first, then the replies.
fn post_ids(app: &TestApp, thread: ThreadId) -> Vec<i64> {
    app.db(|c| {
        posts::table
            .filter(posts::thread_id.eq(thread))
            .order(posts::id)
            .select(posts::id)
            .load::<tillit::kernel::ids::PostId>(c)
            .expect("posts")
            .into_iter()
            .map(|p| p.0)
            .collect()
    })
}

fn thread_row(app: &TestApp, id: ThreadId) -> (String, Option<i64>, Option<chrono::NaiveDateTime>) {
    app.db(|c| {
        threads::table
            .find(id)
            .select((
                threads::status,
                threads::first_response_secs,
                threads::first_staff_answer_at,
            ))
            .first(c)
            .expect("thread")
    })
}

#[actix_web::test]
async fn the_first_staff_reply_answers_the_thread_and_times_it() {
    let f = forum().await;
    let karin = f.app.login("karin@example.se", PASSWORD).await;
    let id = start_thread(
        &karin,
        "nordlys",
        "Twice the usual bill",
        "problem",
        "Why is my bill so high?",
    )
    .await;
    assert_eq!(thread_row(&f.app, id).0, "open");

    // The question was asked ten minutes ago.
    let asked = chrono::Utc::now().naive_utc() - Duration::minutes(10);
    f.app.db(|c| {
        diesel::update(threads::table.find(id))
            .set(threads::created_at.eq(asked))
            .execute(c)
            .expect("backdate")
    });

    // A customer's reply does not answer for the company.
    let mads = f.app.login("mads@example.dk", PASSWORD).await;
    assert_eq!(reply(&mads, id, "Same here!").await.status, 303);
    assert_eq!(thread_row(&f.app, id).0, "open");

    let anna = f.app.login("anna@nordlys.example", PASSWORD).await;
    assert_eq!(
        reply(&anna, id, "We are looking into it.").await.status,
        303
    );
    let (status, secs, at) = thread_row(&f.app, id);
    assert_eq!(status, "answered");
    let secs = secs.expect("time to first answer stored");
    assert!((600..700).contains(&secs), "about ten minutes, got {secs}s");
    assert!(at.is_some());

    // A second staff reply does not move the first-answer time.
    reply(&anna, id, "Fixed now.").await;
    assert_eq!(thread_row(&f.app, id).1, Some(secs));

    let page = karin.get(&format!("/threads/{id}")).await;
    page.assert_status(200)
        .assert_has("Nordlys Energi</strong> <span class=\"badge staff\">staff</span> · Anna");
    page.assert_has("answered by the company");
    let official: Vec<Option<i64>> = f.app.db(|c| {
        posts::table
            .filter(posts::thread_id.eq(id))
            .order(posts::id)
            .select(posts::as_company_id.nullable().assume_not_null().nullable())
            .load(c)
            .expect("posts")
    });
    assert_eq!(
        official,
        vec![None, None, Some(f.nordlys.0), Some(f.nordlys.0)]
    );
}

#[actix_web::test]
async fn staff_of_another_company_write_as_themselves() {
    let f = forum().await;
    let karin = f.app.login("karin@example.se", PASSWORD).await;
    let id = start_thread(
        &karin,
        "nordlys",
        "Question about heating",
        "question",
        "How does district heating work?",
    )
    .await;
    let lars = f.app.login("lars@fjord.example", PASSWORD).await;
    assert_eq!(
        reply(&lars, id, "I think it is hot water in pipes.")
            .await
            .status,
        303
    );
    assert_eq!(thread_row(&f.app, id).0, "open", "not an official answer");
    let page = karin.get(&format!("/threads/{id}")).await;
    page.assert_lacks("Fjordbanken</strong>")
        .assert_lacks("badge staff");
    let company: Option<i64> = f.app.db(|c| {
        posts::table
            .filter(posts::thread_id.eq(id))
            .filter(posts::is_opening.eq(false))
            .select(posts::as_company_id)
            .first::<Option<CompanyId>>(c)
            .expect("reply")
            .map(|c| c.0)
    });
    assert_eq!(company, None);
}

#[actix_web::test]
async fn accepted_answers_and_ratings() {
    let f = forum().await;
    let karin = f.app.login("karin@example.se", PASSWORD).await;
    let id = start_thread(
        &karin,
        "nordlys",
        "Meter reading question",
        "question",
        "Where do I send the reading?",
    )
    .await;
    let anna = f.app.login("anna@nordlys.example", PASSWORD).await;
    reply(&anna, id, "Through My pages → Meter reading.").await;
    let mads = f.app.login("mads@example.dk", PASSWORD).await;
    reply(&mads, id, "I used the app.").await;
    let ids = post_ids(&f.app, id);
    let (staff_post, mads_post) = (ids[1], ids[2]);

    // Mads is neither the asker nor staff.
    mads.post(&format!("/posts/{mads_post}/accept"), &[])
        .await
        .assert_status(403);
    // The asker rates the official answer; others cannot.
    mads.post(&format!("/posts/{staff_post}/rate"), &[("rating", "1")])
        .await
        .assert_status(403);
    karin
        .post(&format!("/posts/{staff_post}/rate"), &[("rating", "9")])
        .await
        .assert_status(400);
    karin
        .post(&format!("/posts/{mads_post}/rate"), &[("rating", "4")])
        .await
        .assert_status(400);
    assert_eq!(
        karin
            .post(&format!("/posts/{staff_post}/rate"), &[("rating", "2")])
            .await
            .status,
        303
    );
    assert_eq!(
        karin
            .post(&format!("/posts/{staff_post}/rate"), &[("rating", "5")])
            .await
            .status,
        303
    );
    let ratings: Vec<i32> = f.app.db(|c| {
        answer_ratings::table
            .select(answer_ratings::rating)
            .load(c)
            .expect("ratings")
    });
    assert_eq!(ratings, vec![5], "one rating per answer, the latest");

    // The asker accepts a customer's answer; it is shown under the question.
    assert_eq!(
        karin
            .post(&format!("/posts/{mads_post}/accept"), &[])
            .await
            .status,
        303
    );
    assert_eq!(thread_row(&f.app, id).0, "solved");
    let page = karin.get(&format!("/threads/{id}")).await;
    let question = page
        .body
        .find("Where do I send the reading?")
        .expect("question");
    let accepted = page.body.find("Accepted answer").expect("accepted box");
    let replies = page.body.find("I used the app.").expect("answer");
    assert!(
        question < accepted && accepted < replies,
        "accepted answer right under the question"
    );
    // Now the accepted customer answer can be rated too.
    assert_eq!(
        karin
            .post(&format!("/posts/{mads_post}/rate"), &[("rating", "4")])
            .await
            .status,
        303
    );
    // Staff may accept as well.
    assert_eq!(
        anna.post(&format!("/posts/{staff_post}/accept"), &[])
            .await
            .status,
        303
    );
}

#[actix_web::test]
async fn the_hanging_queue_puts_problems_first_then_waiting_time() {
    let f = forum().await;
    let karin = f.app.login("karin@example.se", PASSWORD).await;
    let mk = |title: &'static str, kind: &'static str| (title, kind);
    let specs = [
        mk("Praise for the new app", "praise"),
        mk("A question about tariffs", "question"),
        mk("Complaint about the invoice", "complaint"),
        mk("Power cut problem here", "problem"),
        mk("Already answered question", "question"),
        mk("Withdrawn question here", "question"),
    ];
    let mut ids = Vec::new();
    for (i, (title, kind)) in specs.iter().enumerate() {
        let id = start_thread(&karin, "nordlys", title, kind, "Please help.").await;
        // Oldest first: the first thread waited longest.
        let at = chrono::Utc::now().naive_utc() - Duration::minutes(60 - i as i64 * 5);
        f.app.db(|c| {
            diesel::update(threads::table.find(id))
                .set(threads::created_at.eq(at))
                .execute(c)
                .expect("backdate")
        });
        ids.push(id);
    }
    let anna = f.app.login("anna@nordlys.example", PASSWORD).await;
    reply(&anna, ids[4], "Here is the answer.").await;
    let opening = post_ids(&f.app, ids[5])[0];
    karin.post(&format!("/posts/{opening}/withdraw"), &[]).await;
    // A thread in another company's section is not Anna's.
    start_thread(
        &karin,
        "fjordbanken",
        "Bank question here",
        "problem",
        "Hello?",
    )
    .await;

    let page = anna.get("/desk").await;
    page.assert_status(200);
    let order: Vec<usize> = [
        "Complaint about the invoice",
        "Power cut problem here",
        "A question about tariffs",
        "Praise for the new app",
    ]
    .iter()
    .map(|t| {
        page.body
            .find(t)
            .unwrap_or_else(|| panic!("{t} missing from the queue"))
    })
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "queue order {order:?}"
    );
    page.assert_lacks("Already answered question")
        .assert_lacks("Withdrawn question here")
        .assert_lacks("Bank question here");
    page.assert_has("min");
    // Customers do not see the desk.
    karin.get("/desk").await.assert_status(403);
}

#[actix_web::test]
async fn category_pages_by_activity_do_not_repeat_or_skip_threads_while_people_post() {
    let f = forum().await;
    let karin = f.app.login("karin@example.se", PASSWORD).await;
    let section = f.app.db(|c| {
        tillit::forum::model::company_section(c, f.nordlys)
            .expect("q")
            .expect("section")
    });
    let mut created = Vec::new();
    for i in 0..70 {
        let title = format!("Thread number {i:03}");
        let id = thread_in_database(&f.app, &section, f.karin, &title, "body");
        created.push(id);
    }
    let ids_on = |body: &str| -> Vec<i64> {
        body.match_indices("<a href=\"/threads/")
            .map(|(i, m)| {
                body[i + m.len()..]
                    .split('"')
                    .next()
                    .unwrap_or("")
                    .parse()
                    .unwrap_or(0)
            })
            .collect()
    };
    let next_of = |body: &str| {
        body.split("href=\"/forum/nordlys?before=")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .map(str::to_string)
    };

    let first = karin.get("/forum/nordlys").await;
    let mut seen = ids_on(&first.body);
    assert_eq!(seen.len(), 30);
    let mut cursor = next_of(&first.body);
    // New threads and replies arrive between page loads.
    start_thread(&karin, "nordlys", "A brand new thread", "question", "New!").await;
    reply(&karin, created[10], "bumping an old thread").await;
    while let Some(c) = cursor {
        let page = karin.get(&format!("/forum/nordlys?before={c}")).await;
        seen.extend(ids_on(&page.body));
        cursor = next_of(&page.body);
        start_thread(&karin, "nordlys", "Another new thread", "question", "New!").await;
    }
    // Sections list by last activity: every thread that did not move comes
    // exactly once, most recent first; the bumped one moved above the pages
    // already read (it is first when the section is opened again), and the
    // threads started meanwhile are there too.
    let bumped = created[10].0;
    let mut expected: Vec<i64> = created
        .iter()
        .map(|t| t.0)
        .filter(|t| *t != bumped)
        .collect();
    expected.reverse();
    assert_eq!(
        seen, expected,
        "every thread that did not move exactly once"
    );
    let again = karin.get("/forum/nordlys").await;
    let top = ids_on(&again.body);
    assert!(top.iter().take(5).any(|t| *t == bumped), "{top:?}");
    assert!(again.has("Another new thread") && again.has("A brand new thread"));
}

#[actix_web::test]
async fn thread_pages_page_through_replies() {
    let f = forum().await;
    let karin = f.app.login("karin@example.se", PASSWORD).await;
    let id = start_thread(
        &karin,
        "nordlys",
        "Long discussion",
        "discussion",
        "Let us talk.",
    )
    .await;
    let thread = f.app.db(|c| {
        tillit::forum::model::find_thread(c, id)
            .expect("q")
            .expect("thread")
    });
    for i in 0..55 {
        let body = format!("Reply number {i:02}");
        let html = tillit::kernel::markdown::render(&body);
        f.app.db(|c| {
            tillit::forum::model::add_reply(
                c,
                &tillit::forum::model::NewReply {
                    thread: &thread,
                    author: f.karin,
                    as_company: None,
                    quote: None,
                    body_source: &body,
                    body_html: &html,
                },
            )
            .expect("reply")
        });
    }
    let page = karin.get(&format!("/threads/{id}")).await;
    page.assert_has("Reply number 00")
        .assert_has("Reply number 49")
        .assert_lacks("Reply number 50");
    let next = page
        .body
        .split("?after=")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("next link")
        .to_string();
    let page2 = karin.get(&format!("/threads/{id}?after={next}")).await;
    page2
        .assert_has("Reply number 50")
        .assert_has("Reply number 54")
        .assert_lacks("Reply number 49")
        .assert_has("Let us talk.");
    // A post's permalink leads to the page that shows it.
    let last: i64 = f.app.db(|c| {
        posts::table
            .select(diesel::dsl::max(posts::id))
            .first::<Option<tillit::kernel::ids::PostId>>(c)
            .expect("max")
            .expect("post")
            .0
    });
    let resp = karin.get(&format!("/posts/{last}")).await;
    assert_eq!(
        resp.location(),
        format!("/threads/{id}?from={last}#post-{last}")
    );
    karin
        .get(&format!("/threads/{id}?from={last}"))
        .await
        .assert_has("Reply number 54");
}

#[actix_web::test]
async fn only_the_author_edits_and_every_version_is_kept() {
    let f = forum().await;
    let karin = f.app.login("karin@example.se", PASSWORD).await;
    let id = start_thread(
        &karin,
        "nordlys",
        "Original title",
        "question",
        "Original text",
    )
    .await;
    let post = post_ids(&f.app, id)[0];

    // Staff cannot change a customer's words, nor can other customers.
    let anna = f.app.login("anna@nordlys.example", PASSWORD).await;
    anna.get(&format!("/posts/{post}/edit"))
        .await
        .assert_status(403);
    anna.post(
        &format!("/posts/{post}/edit"),
        &[
            ("title", "Staff title"),
            ("body", "Staff text"),
            ("action", "post"),
        ],
    )
    .await
    .assert_status(403);
    anna.post(&format!("/posts/{post}/withdraw"), &[])
        .await
        .assert_status(403);

    karin
        .get(&format!("/posts/{post}/edit"))
        .await
        .assert_status(200)
        .assert_has("Original text");
    let resp = karin
        .post(
            &format!("/posts/{post}/edit"),
            &[
                ("title", "Better title"),
                ("body", "Better text"),
                ("action", "post"),
            ],
        )
        .await;
    assert_eq!(resp.status, 303, "{}", resp.body);
    let page = karin.get(&format!("/threads/{id}")).await;
    page.assert_has("Better title")
        .assert_has("Better text")
        .assert_has(&format!("/posts/{post}/history\">edited "));
    let history = karin.get(&format!("/posts/{post}/history")).await;
    history
        .assert_has("Better text")
        .assert_has("Original text")
        .assert_has("Original title");
    let revisions: i64 = f
        .app
        .db(|c| post_revisions::table.count().get_result(c).expect("count"));
    assert_eq!(revisions, 1);

    // Withdrawing keeps the post (and its text in the database) in its place.
    assert_eq!(
        karin
            .post(&format!("/posts/{post}/withdraw"), &[])
            .await
            .status,
        303
    );
    // Its words leave public view; its author still reads them, with the notice.
    let page = f.app.client().get(&format!("/threads/{id}")).await;
    page.assert_has("Withdrawn by its author on")
        .assert_lacks("Better text");
    karin
        .get(&format!("/threads/{id}"))
        .await
        .assert_has("Withdrawn by its author on")
        .assert_has("Better text");
    let kept: (String, bool) = f.app.db(|c| {
        posts::table
            .find(tillit::kernel::ids::PostId(post))
            .select((posts::body_source, posts::withdrawn_at.is_not_null()))
            .first(c)
            .expect("row")
    });
    assert_eq!(kept, ("Better text".to_string(), true));
}

#[actix_web::test]
async fn unverified_and_suspended_users_cannot_post() {
    let f = forum().await;
    f.app
        .create_user("new@example.se", "Newbie", PASSWORD, false);
    let newbie = f.app.login("new@example.se", PASSWORD).await;
    newbie
        .get("/forum/nordlys/new")
        .await
        .assert_status(403)
        .assert_has("Confirm your email address");
    newbie
        .post(
            "/forum/nordlys/new",
            &[
                ("title", "Hello there"),
                ("kind", "question"),
                ("body", "Hi"),
                ("action", "post"),
            ],
        )
        .await
        .assert_status(403);

    let karin = f.app.login("karin@example.se", PASSWORD).await;
    let id = start_thread(&karin, "nordlys", "Before suspension", "question", "Hi").await;
    let until = chrono::Utc::now().naive_utc() + Duration::days(3);
    f.app.db(|c| {
        diesel::update(users::table.find(f.karin))
            .set(users::suspended_until.eq(Some(until)))
            .execute(c)
            .expect("suspend")
    });
    reply(&karin, id, "Still here")
        .await
        .assert_status(403)
        .assert_has("suspended");
    let count: i64 = f
        .app
        .db(|c| posts::table.count().get_result(c).expect("count"));
    assert_eq!(count, 1);

    let visitor = f.app.client();
    let resp = visitor
        .post(
            &format!("/threads/{id}/reply"),
            &[("body", "anonymous"), ("action", "post")],
        )
        .await;
    assert_eq!(resp.status, 303, "anonymous visitors are sent to the login");
    visitor
        .get(&format!("/threads/{id}"))
        .await
        .assert_has("Log in to reply.");
}

#[actix_web::test]
async fn personal_data_is_caught_before_publishing_and_nothing_is_lost() {
    let f = forum().await;
    let karin = f.app.login("karin@example.se", PASSWORD).await;
    let body = "Call me on 070-123 45 67, my personnummer is 811218-9876.";
    let resp = karin
        .post(
            "/forum/nordlys/new",
            &[
                ("title", "Please call me back"),
                ("kind", "complaint"),
                ("body", body),
                ("action", "post"),
            ],
        )
        .await;
    resp.assert_status(422)
        .assert_has("Personal data in your text")
        .assert_has("a phone number")
        .assert_has("a Swedish personal identity number")
        .assert_has("<mark>070-123 45 67</mark>")
        .assert_has("<mark>811218-9876</mark>")
        .assert_has(&format!(">{body}</textarea>"))
        .assert_has("value=\"Please call me back\"");
    let count: i64 = f
        .app
        .db(|c| threads::table.count().get_result(c).expect("count"));
    assert_eq!(count, 0, "nothing published");

    let resp = karin
        .post(
            "/forum/nordlys/new",
            &[
                ("title", "Please call me back"),
                ("kind", "complaint"),
                ("body", body),
                ("action", "remove_pii"),
            ],
        )
        .await;
    assert_eq!(resp.status, 303);
    let stored: String = f.app.db(|c| {
        posts::table
            .select(posts::body_source)
            .first(c)
            .expect("post")
    });
    assert_eq!(
        stored,
        "Call me on [removed], my personnummer is [removed]."
    );

    // An invalid check digit is no personal number: it publishes as typed.
    let id = start_thread(
        &karin,
        "nordlys",
        "Order question",
        "question",
        "My order 811218-9875 has not arrived",
    )
    .await;
    karin
        .get(&format!("/threads/{id}"))
        .await
        .assert_has("811218-9875");

    // Replies are guarded too, and a preview shows the rendered text.
    let resp = reply(&karin, id, "Card 4111 1111 1111 1111").await;
    resp.assert_status(422).assert_has("a payment card number");
    let resp = karin
        .post(
            &format!("/threads/{id}/reply"),
            &[("body", "**bold** text"), ("action", "preview")],
        )
        .await;
    resp.assert_status(200)
        .assert_has("<strong>bold</strong> text")
        .assert_has(">**bold** text</textarea>");
}

#[actix_web::test]
async fn subscribers_get_an_email_and_can_stop_it_without_logging_in() {
    let f = forum().await;
    let karin = f.app.login("karin@example.se", PASSWORD).await;
    let id = start_thread(
        &karin,
        "nordlys",
        "Subscription test",
        "question",
        "Anyone?",
    )
    .await;
    let anna = f.app.login("anna@nordlys.example", PASSWORD).await;
    reply(&anna, id, "Hello Karin, we can help.").await;

    let mails = f.app.emails_to("karin@example.se").await;
    assert_eq!(mails.len(), 1, "the asker follows her thread");
    assert!(mails[0].subject.contains("Subscription test"));
    assert!(
        mails[0]
            .text
            .contains("Nordlys Energi answered your question"),
        "{}",
        mails[0].text
    );
    assert!(mails[0].text.contains("Hello Karin, we can help."));
    // Anna heard of the new question (she is Nordlys staff), not of her own reply.
    let anna_mail = f.app.emails_to("anna@nordlys.example").await;
    assert!(
        anna_mail
            .iter()
            .all(|m| m.subject == "New question: Subscription test"),
        "no email about one's own reply: {anna_mail:?}"
    );

    let unsubscribe = link_in(&mails[0].text, "/unsubscribe/").expect("unsubscribe link");
    let stranger = f.app.client();
    stranger
        .get(&unsubscribe)
        .await
        .assert_status(200)
        .assert_has("Subscription test");
    stranger
        .post(&unsubscribe, &[])
        .await
        .assert_status(200)
        .assert_has("no more emails");
    reply(&anna, id, "Any news?").await;
    assert_eq!(
        f.app.emails_to("karin@example.se").await.len(),
        1,
        "no second email"
    );
    stranger.get(&unsubscribe).await.assert_status(404);

    // Following by hand.
    let mads = f.app.login("mads@example.dk", PASSWORD).await;
    mads.post(
        &format!("/threads/{id}/subscription"),
        &[("subscribe", "1")],
    )
    .await;
    reply(&anna, id, "Third reply").await;
    assert_eq!(f.app.emails_to("mads@example.dk").await.len(), 1);
}

#[actix_web::test]
async fn search_finds_threads_and_replies_and_records_misses() {
    let f = forum().await;
    let karin = f.app.login("karin@example.se", PASSWORD).await;
    let id = start_thread(
        &karin,
        "nordlys",
        "Elavtal och räkning",
        "question",
        "Hur byter jag elavtal?",
    )
    .await;
    let anna = f.app.login("anna@nordlys.example", PASSWORD).await;
    reply(&anna, id, "Du byter avtal under Mina sidor, fliken Avtal.").await;
    let visitor = f.app.client();

    let page = visitor.get("/search?q=elavtal").await;
    page.assert_status(200)
        .assert_has("Elavtal och räkning")
        .assert_has("<mark>");
    let page = visitor.get("/search?q=fliken").await;
    page.assert_has("/posts/").assert_has("Reply by");
    let page = visitor.get("/search?q=r%C3%A4kn").await;
    page.assert_has("Elavtal och räkning");

    visitor
        .get("/search?q=zebra+crossing")
        .await
        .assert_has("Nothing found");
    visitor
        .get("/search?q=%22OR%22+*+NEAR(")
        .await
        .assert_status(200);
    let misses: Vec<String> = f.app.db(|c| {
        search_misses::table
            .select(search_misses::query)
            .order(search_misses::id)
            .load(c)
            .expect("misses")
    });
    assert!(misses.contains(&"zebra crossing".to_string()), "{misses:?}");

    // Withdrawn threads leave the results.
    let opening = post_ids(&f.app, id)[0];
    karin.post(&format!("/posts/{opening}/withdraw"), &[]).await;
    visitor
        .get("/search?q=elavtal")
        .await
        .assert_lacks("Elavtal och räkning");
}

/// A reply written straight into the database (many at once, in a given
/// moderation state), found by search through the schema's own index triggers.
fn insert_reply(
    c: &mut tillit::db::DbConn,
    thread: ThreadId,
    author: UserId,
    body: &str,
    state: &str,
) {
    diesel::insert_into(posts::table)
        .values((
            posts::thread_id.eq(thread),
            posts::author_id.eq(author),
            posts::body_source.eq(body),
            posts::body_html.eq(format!("<p>{body}</p>")),
            posts::created_at.eq(chrono::Utc::now().naive_utc()),
            posts::moderation_state.eq(state),
        ))
        .execute(c)
        .expect("reply");
}

/// Search reads the index a batch at a time: when the newest matches are
/// all held by moderation, older visible ones still fill the page.
#[actix_web::test]
async fn search_looks_past_a_batch_of_hidden_matches() {
    let f = forum().await;
    let karin = f.app.login("karin@example.se", PASSWORD).await;
    let id = start_thread(
        &karin,
        "nordlys",
        "Mätaren blinkar",
        "problem",
        "Min elmätare blinkar rött.",
    )
    .await;
    let karin_id = f.karin;
    f.app.db(|c| {
        for n in 0..60 {
            let state = if n < 5 { "visible" } else { "held" };
            insert_reply(
                c,
                id,
                karin_id,
                &format!("Reply {n} about the flimmerglas."),
                state,
            );
        }
    });
    let page = f.app.client().get("/search?q=flimmerglas").await;
    page.assert_status(200);
    // The five visible replies are the oldest five; the 55 held ones are newer.
    for n in 0..5 {
        page.assert_has(&format!("Reply {n} about the"));
    }
    page.assert_lacks("Reply 5 about the")
        .assert_lacks("Reply 59 about the");
}

/// Whole-word matches come first; words that only start with the term fill
/// the rest of the page (a prefix over a common word is the slow query).
#[actix_web::test]
async fn whole_words_come_before_longer_words() {
    let f = forum().await;
    let karin = f.app.login("karin@example.se", PASSWORD).await;
    let id = start_thread(
        &karin,
        "nordlys",
        "Kvitton",
        "question",
        "Var hittar jag dem?",
    )
    .await;
    let karin_id = f.karin;
    f.app.db(|c| {
        for body in ["Den gamla blankettkopian.", "Den nya blankettkopians sida."] {
            insert_reply(c, id, karin_id, body, "visible");
        }
    });
    let page = f.app.client().get("/search?q=blankettkopian").await;
    let (whole, longer) = (
        page.body
            .find("Den gamla")
            .expect("the whole word is found"),
        page.body.find("Den nya").expect("the longer word is found"),
    );
    assert!(whole < longer, "the older whole-word match comes first");
}

#[actix_web::test]
async fn quoting_a_reply_prefills_the_form() {
    let f = forum().await;
    let karin = f.app.login("karin@example.se", PASSWORD).await;
    let id = start_thread(
        &karin,
        "nordlys",
        "Quote test thread",
        "question",
        "First post",
    )
    .await;
    let mads = f.app.login("mads@example.dk", PASSWORD).await;
    reply(&mads, id, "A wise remark").await;
    let quoted = post_ids(&f.app, id)[1];
    let page = karin.get(&format!("/threads/{id}?quote={quoted}")).await;
    page.assert_has("&#62; **Mads:**")
        .assert_has("&#62; A wise remark")
        .assert_has(&format!("name=\"quote\" value=\"{quoted}\""));
    let resp = karin
        .post(
            &format!("/threads/{id}/reply"),
            &[
                ("quote", quoted.to_string().as_str()),
                ("body", "> A wise remark\n\nAgreed!"),
                ("action", "post"),
            ],
        )
        .await;
    assert_eq!(resp.status, 303);
    karin
        .get(&format!("/threads/{id}"))
        .await
        .assert_has("In reply to Mads")
        .assert_has("<blockquote>");
}

#[actix_web::test]
async fn naughty_strings_come_back_inert() {
    let f = forum().await;
    let karin = f.app.login("karin@example.se", PASSWORD).await;
    let naughty: Vec<String> = serde_json::from_str(include_str!("data/blns.json"))
        .expect("blns.json is a list of strings");
    let mut payloads = naughty;
    payloads.extend(
        [
            "<script>alert(document.cookie)</script>",
            "\"><img src=x onerror=alert(1)>",
            "<svg/onload=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "![x](javascript:alert(1))",
            "<iframe src=//evil.example>",
            "<style>body{display:none}</style>",
            "javascript:alert(1)//",
            "<details open ontoggle=alert(1)>",
            "[x](vbscript:msgbox(1))",
            "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        ]
        .map(str::to_string),
    );
    let section = f.app.db(|c| {
        tillit::forum::model::company_section(c, f.nordlys)
            .expect("q")
            .expect("section")
    });
    let mut thread_ids = Vec::new();
    for (i, text) in payloads.iter().enumerate() {
        let title: String = format!("T{i} {text}").chars().take(150).collect();
        let body = if text.trim().is_empty() {
            format!("empty {i}")
        } else {
            text.clone()
        };
        let id = thread_in_database(&f.app, &section, f.karin, &title, &body);
        thread_ids.push(id);
    }
    for id in &thread_ids {
        let page = karin.get(&format!("/threads/{id}")).await;
        page.assert_status(200);
        assert_inert(&page.body);
    }
    let mut cursor = String::new();
    loop {
        let page = karin.get(&format!("/forum/nordlys{cursor}")).await;
        assert_inert(&page.body);
        match page
            .body
            .split("href=\"/forum/nordlys?before=")
            .nth(1)
            .and_then(|r| r.split('"').next())
        {
            Some(next) => cursor = format!("?before={next}"),
            None => break,
        }
    }
    // Through the real form as well, for a few of the worst.
    for payload in payloads.iter().rev().take(12) {
        let title = format!("Form {payload}");
        let title: String = title.chars().take(150).collect();
        let resp = karin
            .post(
                "/forum/nordlys/new",
                &[
                    ("title", &title),
                    ("kind", "question"),
                    ("body", payload),
                    ("action", "preview"),
                ],
            )
            .await;
        assert_inert(&resp.body);
        let resp = karin
            .post(
                "/forum/nordlys/new",
                &[
                    ("title", &title),
                    ("kind", "question"),
                    ("body", payload),
                    ("action", "post"),
                ],
            )
            .await;
        if resp.status == 303 {
            assert_inert(&karin.get(resp.location()).await.body);
        } else {
            assert_inert(&resp.body);
        }
    }
    assert_inert(&karin.get("/search?q=script").await.body);
    let _ = f.anna;
}

#[actix_web::test]
async fn following_a_thread_is_rate_limited_like_other_clicks() {
    let app = TestApp::new().await;
    app.create_company("Nordbank", "nordbank");
    app.create_user("karin@example.se", "Karin", PASSWORD, true);
    let karin = app.login("karin@example.se", PASSWORD).await;
    let created = karin
        .post(
            "/forum/nordbank/new",
            &[
                ("title", "Card stopped working abroad"),
                ("body", "My card is refused in every shop in Oslo."),
                ("kind", "question"),
            ],
        )
        .await;
    let thread = created.location().to_string();
    let path = format!("{thread}/subscription");
    let mut refused_after = None;
    for n in 0..100 {
        let on = if n % 2 == 0 { "0" } else { "1" };
        let resp = karin.post(&path, &[("subscribe", on)]).await;
        if resp.status == 429 {
            refused_after = Some(n);
            break;
        }
        assert_eq!(resp.status, 303, "{}", resp.body);
    }
    assert_eq!(refused_after, Some(60));
}
