//! Being told, through the running product: the notification centre and
//! its count in the header, mentions, email settings (at once, digest,
//! never), the one-click unsubscribe, new questions for staff, and public
//! profiles that show only what the public reads.

use chrono::Duration;
use diesel::prelude::*;
use tillit::db::schema::{notifications, posts, users};
use tillit::kernel::i18n::Lang;
use tillit::kernel::ids::UserId;
use tillit::mail::SentEmail;

use crate::common::{Client, TestApp};

const PASSWORD: &str = "correct horse battery staple";

struct World {
    app: TestApp,
    karin: UserId,
    mads: UserId,
}

/// Nordlys with Anna on its staff; Karin and Mads, customers.
async fn world() -> World {
    let app = TestApp::new().await;
    let nordlys = app.create_company("Nordlys Energi", "nordlys");
    let anna = app.create_user("anna@nordlys.example", "Anna", PASSWORD, true);
    app.make_staff(anna, nordlys);
    let karin = app.create_user("karin@example.se", "Karin", PASSWORD, true);
    let mads = app.create_user("mads@example.dk", "Mads", PASSWORD, true);
    app.age_account("karin@example.se", 30);
    app.age_account("mads@example.dk", 30);
    World { app, karin, mads }
}

async fn ask(karin: &Client, title: &str, body: &str) -> i64 {
    let resp = karin
        .post(
            "/forum/nordlys/new",
            &[
                ("title", title),
                ("kind", "question"),
                ("body", body),
                ("action", "post"),
            ],
        )
        .await;
    resp.assert_status(303);
    resp.location()
        .trim_start_matches("/threads/")
        .split(['/', '?', '#'])
        .next()
        .and_then(|id| id.parse().ok())
        .expect("thread id")
}

async fn reply(client: &Client, thread: i64, body: &str) {
    client
        .post(
            &format!("/threads/{thread}/reply"),
            &[("body", body), ("action", "post")],
        )
        .await
        .assert_status(303);
}

fn last_post(app: &TestApp, thread: i64) -> i64 {
    app.db(|c| {
        posts::table
            .filter(posts::thread_id.eq(thread))
            .select(posts::id)
            .order(posts::id.desc())
            .first(c)
            .expect("post")
    })
}

/// (id, kind, read) of a person's notifications, oldest first.
fn notifications_of(app: &TestApp, user: UserId) -> Vec<(i64, String, bool)> {
    app.db(|c| {
        notifications::table
            .filter(notifications::user_id.eq(user))
            .order(notifications::id)
            .select((
                notifications::id,
                notifications::kind,
                notifications::read_at.is_not_null(),
            ))
            .load(c)
            .expect("notifications")
    })
}

fn with_subject<'a>(mails: &'a [SentEmail], part: &str) -> Vec<&'a SentEmail> {
    mails.iter().filter(|m| m.subject.contains(part)).collect()
}

#[actix_web::test]
async fn replies_answers_and_mentions_reach_the_centre_and_the_header_count() {
    let w = world().await;
    let karin = w.app.login("karin@example.se", PASSWORD).await;
    let mads = w.app.login("mads@example.dk", PASSWORD).await;
    let anna = w.app.login("anna@nordlys.example", PASSWORD).await;
    let thread = ask(
        &karin,
        "Charged twice in October",
        "Nordlys charged me twice.",
    )
    .await;

    // The company's staff hear of the new question at once.
    let anna_mail = w.app.emails_to("anna@nordlys.example").await;
    let question = with_subject(&anna_mail, "New question: Charged twice in October");
    assert_eq!(question.len(), 1, "{anna_mail:?}");
    assert!(question[0].text.contains("Karin asked"));
    assert!(question[0].list_unsubscribe.is_some());

    // Mads follows the thread and mentions Karin (and someone who is not there).
    mads.post(
        &format!("/threads/{thread}/subscription"),
        &[("subscribe", "1")],
    )
    .await
    .assert_status(303);
    reply(
        &mads,
        thread,
        "Same here, @Karin. Did you ask @Sven at the office?",
    )
    .await;
    let mention = last_post(&w.app, thread);
    let page = karin.get(&format!("/threads/{thread}")).await;
    assert!(
        page.body
            .contains(&format!("href=\"/people/{}\"", w.karin.0)),
        "the mention links to Karin's profile"
    );
    page.assert_has("@Sven");
    assert!(!page.body.contains("/people/0"));

    // Anna answers for the company: Karin's question is answered officially,
    // Mads (who follows) hears of a reply.
    reply(&anna, thread, "We have refunded the second charge today.").await;
    let kinds: Vec<String> = notifications_of(&w.app, w.karin)
        .into_iter()
        .map(|(_, kind, _)| kind)
        .collect();
    assert_eq!(kinds, ["mention", "official-answer"]);
    let mads_kinds: Vec<String> = notifications_of(&w.app, w.mads)
        .into_iter()
        .map(|(_, kind, _)| kind)
        .collect();
    assert_eq!(mads_kinds, ["reply"]);

    // Karin's header counts two unread; the centre names who did what.
    let home = karin.get("/forum").await;
    home.assert_has("Notifications, 2 unread");
    let centre = karin.get("/notifications").await;
    centre
        .assert_has("Mads mentioned you in “Charged twice in October”.")
        .assert_has("Nordlys Energi answered your question “Charged twice in October”.");
    // Reading the centre is not reading the notifications.
    karin
        .get("/forum")
        .await
        .assert_has("Notifications, 2 unread");

    // Opening one (a POST) marks it read and goes to the place.
    let (first, _, _) = notifications_of(&w.app, w.karin)[0].clone();
    let opened = karin
        .post(&format!("/notifications/open/{first}"), &[])
        .await;
    opened.assert_status(303);
    assert_eq!(opened.location(), format!("/posts/{mention}"));
    karin
        .get("/forum")
        .await
        .assert_has("Notifications, 1 unread");
    // Someone else's notification cannot be opened.
    mads.post(&format!("/notifications/open/{first}"), &[])
        .await
        .assert_status(404);
    karin
        .post("/notifications/read", &[])
        .await
        .assert_status(303);
    assert!(notifications_of(&w.app, w.karin)
        .iter()
        .all(|(_, _, read)| *read));
    karin.get("/forum").await.assert_lacks("unread");

    // Emails: the mention and the official answer, each with the one-click stop.
    let mails = w.app.emails_to("karin@example.se").await;
    let mentioned = with_subject(&mails, "Mads mentioned you");
    let answered = with_subject(&mails, "Nordlys Energi answered your question");
    assert_eq!((mentioned.len(), answered.len()), (1, 1), "{mails:?}");
    for mail in [mentioned[0], answered[0]] {
        let stop = mail.list_unsubscribe.as_deref().expect("List-Unsubscribe");
        assert!(
            stop.starts_with("http://tillit.test/mail-settings/"),
            "{stop}"
        );
        assert!(!mail.text.contains("security"), "{}", mail.text);
    }
    // Mads got the ordinary reply email, not a mention of himself.
    let mads_mail = w.app.emails_to("mads@example.dk").await;
    assert_eq!(
        with_subject(&mads_mail, "New reply: Charged twice").len(),
        1
    );
}

#[actix_web::test]
async fn accepting_and_rating_an_answer_tells_its_author_once() {
    let w = world().await;
    let karin = w.app.login("karin@example.se", PASSWORD).await;
    let mads = w.app.login("mads@example.dk", PASSWORD).await;
    let thread = ask(&karin, "Meter swap", "When is the meter swapped?").await;
    reply(&mads, thread, "Mine was swapped in the second week.").await;
    let answer = last_post(&w.app, thread);
    karin
        .post(&format!("/posts/{answer}/accept"), &[])
        .await
        .assert_status(303);
    karin
        .post(&format!("/posts/{answer}/rate"), &[("rating", "5")])
        .await
        .assert_status(303);
    // Changing one's rating is not news.
    karin
        .post(&format!("/posts/{answer}/rate"), &[("rating", "4")])
        .await
        .assert_status(303);
    let kinds: Vec<String> = notifications_of(&w.app, w.mads)
        .into_iter()
        .map(|(_, kind, _)| kind)
        .collect();
    assert_eq!(kinds, ["accepted", "rated"]);
    // Accepted is emailed at once; ratings wait for the digest by default.
    let mails = w.app.emails_to("mads@example.dk").await;
    assert_eq!(with_subject(&mails, "Your answer was accepted").len(), 1);
    assert!(with_subject(&mails, "rated").is_empty());
    mads.get("/notifications")
        .await
        .assert_has("Karin accepted your answer in “Meter swap”.")
        .assert_has("Karin rated your answer in “Meter swap”.");
}

#[actix_web::test]
async fn each_kind_is_emailed_at_once_in_the_daily_digest_or_never_as_chosen() {
    let w = world().await;
    let karin = w.app.login("karin@example.se", PASSWORD).await;
    let mads = w.app.login("mads@example.dk", PASSWORD).await;
    let thread = ask(&karin, "Smart meter readings", "The app shows no readings.").await;
    let page = karin.get("/account/notifications").await;
    page.assert_has("Replies in threads you follow")
        .assert_has("Always emailed")
        // Customers are not offered the staff's kind.
        .assert_lacks("New questions for your company");
    karin
        .post(
            "/account/notifications",
            &[
                ("delivery-reply", "digest"),
                ("delivery-mention", "never"),
                // Required notices cannot be turned off.
                ("delivery-statement", "never"),
            ],
        )
        .await
        .assert_status(303);
    reply(
        &mads,
        thread,
        "Mine showed nothing for a week, then all at once.",
    )
    .await;
    reply(&mads, thread, "@Karin did yours come back?").await;
    assert!(w.app.emails_to("karin@example.se").await.is_empty());
    // Both are in the centre all the same.
    assert_eq!(notifications_of(&w.app, w.karin).len(), 2);

    // The digest job sends one email with the reply (not the mention, which is never emailed).
    let base = w.app.state.config.base_url.clone();
    let at = chrono::Utc::now().naive_utc();
    let sent = w
        .app
        .db(|c| tillit::community::digest::send_due(c, at, &base, Lang::En).expect("digest"));
    assert_eq!(sent, 1);
    let mails = w.app.emails_to("karin@example.se").await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    let digest = &mails[0];
    assert!(
        digest.subject.contains("1 new notification"),
        "{}",
        digest.subject
    );
    assert!(digest
        .text
        .contains("Mads replied in “Smart meter readings”."));
    assert!(digest.text.contains("http://tillit.test/posts/"));
    assert!(!digest.text.contains("mentioned"));
    assert!(digest
        .list_unsubscribe
        .as_deref()
        .is_some_and(|u| u.ends_with("/stop/digest")));

    // Not twice a day, and nothing is sent again.
    reply(&mads, thread, "Another reply the same day.").await;
    let sent = w.app.db(|c| {
        tillit::community::digest::send_due(c, at + Duration::hours(1), &base, Lang::En)
            .expect("digest")
    });
    assert_eq!(sent, 0);
    let sent = w.app.db(|c| {
        tillit::community::digest::send_due(c, at + Duration::hours(25), &base, Lang::En)
            .expect("digest")
    });
    assert_eq!(sent, 1);
    let mails = w.app.emails_to("karin@example.se").await;
    assert_eq!(mails.len(), 2);
    assert!(mails[1].text.contains("Mads replied"));
    assert!(!mails[1].text.contains("Mine showed nothing"));
}

#[actix_web::test]
async fn the_one_click_unsubscribe_needs_no_session_and_only_stops_emails() {
    let w = world().await;
    let karin = w.app.login("karin@example.se", PASSWORD).await;
    let mads = w.app.login("mads@example.dk", PASSWORD).await;
    let thread = ask(&karin, "Moving house", "How do I move my contract?").await;
    reply(&mads, thread, "Ask them to move it, @Karin.").await;
    let mails = w.app.emails_to("karin@example.se").await;
    let stop = mails[0].list_unsubscribe.clone().expect("List-Unsubscribe");
    let stop_path = stop.trim_start_matches("http://tillit.test");
    assert!(stop_path.ends_with("/stop/mention"), "{stop_path}");
    let settings_path = stop_path.trim_end_matches("/stop/mention").to_string();

    // A mail program posts from outside any session, with no CSRF token.
    let mail_program = w.app.client();
    let resp = mail_program
        .post_raw(
            stop_path,
            b"List-Unsubscribe=One-Click".to_vec(),
            "application/x-www-form-urlencoded",
        )
        .await;
    resp.assert_status(200).assert_has("Emails stopped");
    let mention: String = w.app.db(|c| {
        tillit::db::schema::notification_settings::table
            .find((w.karin, "mention"))
            .select(tillit::db::schema::notification_settings::delivery)
            .first(c)
            .expect("setting")
    });
    assert_eq!(mention, "never");
    // Only that address goes without a token: the settings form does not.
    mail_program
        .post_without_token(&settings_path, &[("delivery-reply", "never")])
        .await
        .assert_status(403);
    // The settings page opens from the link without logging in, and saves.
    let page = mail_program.get(&settings_path).await;
    page.assert_status(200).assert_has("Email notifications");
    mail_program
        .post(&settings_path, &[("delivery-reply", "never")])
        .await
        .assert_status(303);
    // A made-up token finds nobody.
    mail_program
        .get("/mail-settings/not-a-real-token")
        .await
        .assert_status(404);
    mail_program
        .post_raw(
            "/mail-settings/not-a-real-token/stop/reply",
            b"List-Unsubscribe=One-Click".to_vec(),
            "application/x-www-form-urlencoded",
        )
        .await
        .assert_status(404);
    // Stopped emails, not notifications: the next mention is in the centre, unsent.
    reply(&mads, thread, "@Karin one more thing.").await;
    assert_eq!(notifications_of(&w.app, w.karin).len(), 2);
    assert!(w
        .app
        .emails_to("karin@example.se")
        .await
        .iter()
        .all(|m| !m.text.contains("one more thing")));
}

#[actix_web::test]
async fn a_held_reply_tells_no_one_and_a_profile_shows_only_public_work() {
    let w = world().await;
    let karin = w.app.login("karin@example.se", PASSWORD).await;
    let mads = w.app.login("mads@example.dk", PASSWORD).await;
    let thread = ask(&karin, "Meter swap never came", "They promised October.").await;
    reply(&mads, thread, "Same for me, it took two months.").await;
    reply(
        &mads,
        thread,
        "@Karin call me back today or I know where you live.",
    )
    .await;
    let held = last_post(&w.app, thread);
    let state: String = w.app.db(|c| {
        posts::table
            .find(held)
            .select(posts::moderation_state)
            .first(c)
            .expect("post")
    });
    assert_eq!(state, "held");
    // Karin was not told of the held reply (nor mentioned by it).
    assert!(notifications_of(&w.app, w.karin)
        .iter()
        .all(|(_, kind, _)| kind != "mention"));
    karin
        .post(
            "/account/profile",
            &[
                ("display_name", "Karin"),
                ("bio", "Teacher in Umeå. Asks about bills."),
            ],
        )
        .await
        .assert_status(303);

    let visitor = w.app.client();
    let profile = visitor.get(&format!("/people/{}", w.mads.0)).await;
    profile
        .assert_status(200)
        .assert_has("Mads")
        .assert_has("Member since")
        .assert_has("Answered in")
        .assert_lacks("know where you live")
        .assert_lacks("mads@example.dk");
    // One public answer; the held one does not count.
    assert!(
        profile.body.contains("<dt>Answers</dt><dd>1</dd>"),
        "{}",
        profile.body
    );
    let karin_profile = visitor.get(&format!("/people/{}", w.karin.0)).await;
    karin_profile
        .assert_has("Teacher in Umeå")
        .assert_has("Meter swap never came");
    assert!(karin_profile.body.contains("<dt>Threads</dt><dd>1</dd>"));
    // Staff and moderator badges.
    let anna: UserId = w.app.db(|c| {
        users::table
            .filter(users::email.eq("anna@nordlys.example"))
            .select(users::id)
            .first(c)
            .expect("anna")
    });
    visitor
        .get(&format!("/people/{}", anna.0))
        .await
        .assert_has("Staff of Nordlys Energi");
    // A bio longer than allowed comes back with the text kept.
    let long = "x".repeat(301);
    let resp = karin
        .post(
            "/account/profile",
            &[("display_name", "Karin"), ("bio", &long)],
        )
        .await;
    resp.assert_status(422);
    assert!(resp.body.contains(&long));
    visitor.get("/people/999999").await.assert_status(404);
}

#[actix_web::test]
async fn the_desk_counts_questions_since_staff_last_looked_and_messages_name_the_writer() {
    let w = world().await;
    let karin = w.app.login("karin@example.se", PASSWORD).await;
    let anna = w.app.login("anna@nordlys.example", PASSWORD).await;
    let invoice = ask(&karin, "Invoice is wrong", "The October invoice is wrong.").await;
    ask(&karin, "Meter reading", "Where do I send my reading?").await;
    anna.get("/desk")
        .await
        .assert_has("2 new questions since you last looked.");
    anna.get("/desk")
        .await
        .assert_lacks("since you last looked");
    ask(&karin, "Direct debit", "How do I set it up?").await;
    anna.get("/desk")
        .await
        .assert_has("1 new question since you last looked.");

    // A customer's private message reaches staff with who wrote it.
    karin
        .post(
            &format!("/threads/{invoice}/reply"),
            &[
                ("body", "My phone is 070-123 45 67, please call me."),
                ("action", "send_private"),
            ],
        )
        .await
        .assert_status(303);
    let mails = w.app.emails_to("anna@nordlys.example").await;
    let private = with_subject(
        &mails,
        "Karin wrote privately to Nordlys Energi: Invoice is wrong",
    );
    assert_eq!(
        private.len(),
        1,
        "{:?}",
        mails.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    assert!(private[0].text.contains("Karin has written privately"));
    assert!(
        !private[0].text.contains("070-123"),
        "the message stays on the site"
    );
    anna.get("/notifications")
        .await
        .assert_has("Karin sent you a private message.");
}

/// Where `needle` first appears in `page` (panics when it does not).
fn position(page: &str, needle: &str) -> usize {
    page.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not on the page"))
}

#[actix_web::test]
async fn the_latest_view_orders_by_activity_and_marks_what_the_reader_has_not_seen() {
    let w = world().await;
    let karin = w.app.login("karin@example.se", PASSWORD).await;
    let mads = w.app.login("mads@example.dk", PASSWORD).await;
    let first = ask(&karin, "First question asked", "Asked first.").await;
    let second = ask(&karin, "Second question asked", "Asked second.").await;
    // A reply moves the first thread above the second, in its section and
    // in the Latest view of every section.
    reply(&mads, first, "An answer to the first.").await;
    for path in ["/latest", "/forum/nordlys"] {
        let page = mads.get(path).await;
        assert!(
            position(&page.body, "First question asked")
                < position(&page.body, "Second question asked"),
            "{path} lists by activity"
        );
    }
    // Mads has opened neither: both are new to him.
    let latest = mads.get("/latest").await;
    assert_eq!(latest.body.matches("unread-mark").count(), 2);
    latest.assert_has("Nordlys Energi");
    mads.get(&format!("/threads/{first}"))
        .await
        .assert_status(200);
    let latest = mads.get("/latest").await;
    assert_eq!(latest.body.matches("unread-mark").count(), 1);
    let second_row =
        &latest.body[position(&latest.body, &format!("/threads/{second}\"")).saturating_sub(200)..];
    assert!(second_row.contains(">New<"));
    // Opening it again writes nothing new; a reply after makes it updated.
    mads.get(&format!("/threads/{first}")).await;
    reply(&karin, first, "Thanks, that helped.").await;
    let section = mads.get("/forum/nordlys").await;
    section.assert_has(">Updated<");
    // A visitor sees no marks at all.
    let visitor = w.app.client();
    visitor.get("/latest").await.assert_lacks("unread-mark");
}

#[actix_web::test]
async fn times_are_shown_in_the_readers_zone_with_the_zone_named() {
    let w = world().await;
    let karin = w.app.login("karin@example.se", PASSWORD).await;
    let thread = ask(&karin, "What time is it", "In which zone?").await;
    let page = karin.get(&format!("/threads/{thread}")).await;
    // `<time datetime>` to the second, in UTC, without the microseconds.
    let start = position(&page.body, "<time datetime=\"") + "<time datetime=\"".len();
    let stamp = &page.body[start..start + 21];
    assert_eq!(stamp.len(), 21);
    assert!(stamp.ends_with("Z\""), "{stamp}");
    assert!(!stamp.contains('.'), "{stamp}");
    // Shown in her language's zone (Stockholm), named.
    assert!(page.body.contains(" CET<") || page.body.contains(" CEST<"));
    karin
        .post("/account/time-zone", &[("time_zone", "UTC")])
        .await
        .assert_status(303);
    let page = karin.get(&format!("/threads/{thread}")).await;
    assert!(
        page.body.contains(" UTC</time>"),
        "times in the zone she chose"
    );
    karin
        .post("/account/time-zone", &[("time_zone", "Mars/Olympus")])
        .await
        .assert_status(400)
        .assert_has("not one we know");
    // Back to her language's zone.
    karin
        .post("/account/time-zone", &[("time_zone", "")])
        .await
        .assert_status(303);
    let page = karin.get(&format!("/threads/{thread}")).await;
    assert!(!page.body.contains(" UTC</time>"));
    // Staff read the desk in their company's zone, whatever their own.
    let anna = w.app.login("anna@nordlys.example", PASSWORD).await;
    anna.post("/account/time-zone", &[("time_zone", "UTC")])
        .await
        .assert_status(303);
    let desk = anna.get("/desk").await;
    let due = &desk.body[position(&desk.body, "due ")..];
    let due = &due[..due.find('<').unwrap_or(due.len())];
    assert!(due.ends_with(" CET") || due.ends_with(" CEST"), "{due}");
}

#[actix_web::test]
async fn numbers_are_written_as_each_language_writes_them() {
    let w = world().await;
    let visitor = w.app.client();
    visitor.accept_language.replace(Some("sv".into()));
    visitor.get("/about/reviews").await.assert_has("3,5");
    let english = w.app.client();
    english.get("/about/reviews").await.assert_has("3.5");
}

#[actix_web::test]
async fn norwegian_is_a_fourth_language_with_its_own_zone_and_guidelines() {
    let w = world().await;
    let visitor = w.app.client();
    visitor
        .accept_language
        .replace(Some("nb-NO,nb;q=0.9".into()));
    let forum = visitor.get("/forum").await;
    forum
        .assert_has("<html lang=\"nb\">")
        .assert_has("Siste aktivitet")
        .assert_has(">Norsk<");
    visitor
        .get("/guidelines")
        .await
        .assert_has("Personangrep og ærekrenkelse av enkeltpersoner");
    // Numbers and times as Norwegian writes them, in Oslo's zone.
    visitor.get("/about/reviews").await.assert_has("3,5");
    let karin = w.app.login("karin@example.se", PASSWORD).await;
    karin
        .post("/language", &[("lang", "nb"), ("next", "/forum")])
        .await
        .assert_status(303);
    let thread = ask(&karin, "Hvor er tiden", "Hvilken sone?").await;
    let page = karin.get(&format!("/threads/{thread}")).await;
    page.assert_has(" kl. ");
    assert!(page.body.contains(" CET</time>") || page.body.contains(" CEST</time>"));
}

#[actix_web::test]
async fn search_covers_reviews_and_the_faq_with_filters_and_reads_snippets_as_text() {
    let w = world().await;
    w.app.create_company("Fjordbanken", "fjordbanken");
    let karin = w.app.login("karin@example.se", PASSWORD).await;
    let mads = w.app.login("mads@example.dk", PASSWORD).await;
    karin
        .post(
            "/forum/nordlys/new",
            &[
                ("title", "Wrong meter reading"),
                ("kind", "complaint"),
                (
                    "body",
                    "My **invoice** used a reading that is *far* too high.",
                ),
                ("action", "post"),
            ],
        )
        .await
        .assert_status(303);
    mads.post(
        "/companies/nordlys/reviews",
        &[
            ("rating", "2"),
            ("title", "Slow to fix an invoice"),
            (
                "body",
                "The invoice was wrong for three months before anyone fixed it.",
            ),
            ("experience_date", "2026-10-01"),
            ("action", "post"),
        ],
    )
    .await
    .assert_status(303);
    let visitor = w.app.client();
    let all = visitor.get("/search?q=invoice").await;
    all.assert_has("Wrong meter reading")
        // The thread's real kind, and the snippet as a reader sees it.
        .assert_has(">Complaint<")
        .assert_has("Started by")
        .assert_lacks("**")
        .assert_has("Slow to fix an invoice")
        .assert_has("Review of Nordlys Energi")
        .assert_has("2 stars");
    let reviews_only = visitor.get("/search?q=invoice&in=reviews").await;
    reviews_only
        .assert_has("Slow to fix an invoice")
        .assert_lacks("Wrong meter reading");
    let forum_only = visitor.get("/search?q=invoice&in=forum").await;
    forum_only
        .assert_has("Wrong meter reading")
        .assert_lacks("Slow to fix an invoice");
    // Narrowed to another company: nothing of Nordlys'.
    let elsewhere = visitor.get("/search?q=invoice&company=fjordbanken").await;
    elsewhere
        .assert_lacks("Wrong meter reading")
        .assert_lacks("Slow to fix an invoice")
        .assert_has("Nothing found");
    // A prefix finds the review too; a withdrawn review leaves the index.
    visitor
        .get("/search?q=invoi&in=reviews")
        .await
        .assert_has("Slow to fix an invoice");
    let review: i64 = w.app.db(|c| {
        tillit::db::schema::reviews::table
            .select(tillit::db::schema::reviews::id)
            .first(c)
            .expect("review")
    });
    mads.post(&format!("/reviews/{review}/withdraw"), &[])
        .await
        .assert_status(303);
    visitor
        .get("/search?q=invoice&in=reviews")
        .await
        .assert_lacks("Slow to fix an invoice");
}

#[actix_web::test]
async fn an_invited_address_stops_every_invitation_with_one_click() {
    let w = world().await;
    let bank = w.app.create_company("Fjordbanken", "fjordbanken");
    let lars = w
        .app
        .create_user("lars@fjordbanken.example", "Lars", PASSWORD, true);
    w.app.make_staff(lars, bank);
    let anna = w.app.login("anna@nordlys.example", PASSWORD).await;
    anna.post(
        "/companies/nordlys/invitations",
        &[("emails", "per@example.org"), ("action", "email")],
    )
    .await
    .assert_status(303);
    let mails = w.app.emails_to("per@example.org").await;
    assert_eq!(mails.len(), 1);
    let stop = mails[0]
        .list_unsubscribe
        .clone()
        .expect("an invitation carries List-Unsubscribe");
    let stop_path = stop.trim_start_matches("http://tillit.test").to_string();
    assert!(
        stop_path.starts_with("/invite/") && stop_path.ends_with("/stop"),
        "{stop_path}"
    );
    assert!(mails[0].text.contains(&stop), "the footer links to it too");
    // The page behind the link, then the mail program's one-click POST.
    let outside = w.app.client();
    outside
        .get(&stop_path)
        .await
        .assert_status(200)
        .assert_has("No more review invitations");
    outside
        .post_raw(
            &stop_path,
            b"List-Unsubscribe=One-Click".to_vec(),
            "application/x-www-form-urlencoded",
        )
        .await
        .assert_status(200)
        .assert_has("No company can send");
    // No company invites the address again, however it is written.
    let lars = w.app.login("lars@fjordbanken.example", PASSWORD).await;
    lars.post(
        "/companies/fjordbanken/invitations",
        &[
            ("emails", "Per@Example.org\nola@example.no"),
            ("action", "email"),
        ],
    )
    .await
    .assert_status(303);
    assert_eq!(w.app.emails_to("per@example.org").await.len(), 1);
    assert_eq!(w.app.emails_to("ola@example.no").await.len(), 1);
    // The list keeps no address, only its hash.
    let kept: Vec<String> = w.app.db(|c| {
        tillit::db::schema::invitation_refusals::table
            .select(tillit::db::schema::invitation_refusals::email_hash)
            .load(c)
            .expect("refusals")
    });
    assert_eq!(kept.len(), 1);
    assert!(!kept[0].contains("per"));
    outside
        .get("/invite/not-a-token/stop")
        .await
        .assert_status(404);
}
