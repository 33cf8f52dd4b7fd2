//! The automatic checks through the running product: the labelled test
//! half posted by customers over HTTP, trust levels for new accounts,
//! the administrators' watched words, the guard on preview, and the
//! explanation a moderator reads in the queue.

use diesel::prelude::*;
use tillit::db::schema::{flags, guideline_clauses, posts, watched_words};
use tillit::kernel::ids::{PostId, ThreadId};

use crate::common::{Client, TestApp};

const PASSWORD: &str = "correct horse battery staple";

/// The half of `tests/data/moderation/` no rule was tuned on.
const TEST_HALF: &str = include_str!("data/moderation/test.tsv");
/// Texts one account posts, below the per-account posting limit.
const POSTS_PER_ACCOUNT: usize = 15;

struct World {
    app: TestApp,
    thread: i64,
}

async fn world() -> World {
    let app = TestApp::new().await;
    let nordlys = app.create_company("Nordlys Energi", "nordlys");
    let anna = app.create_user("anna@nordlys.example", "Anna", PASSWORD, true);
    app.make_staff(anna, nordlys);
    let maja = app.create_user("maja@tillit.example", "Maja", PASSWORD, true);
    app.db(|c| {
        diesel::update(tillit::db::schema::users::table.find(maja))
            .set(tillit::db::schema::users::is_moderator.eq(true))
            .execute(c)
            .expect("moderator")
    });
    app.create_admin("admin@tillit.example", PASSWORD);
    app.create_user("host@example.se", "Host", PASSWORD, true);
    app.age_account("host@example.se", 30);
    let host = app.login("host@example.se", PASSWORD).await;
    let resp = host
        .post(
            "/forum/nordlys/new",
            &[
                ("title", "Billing this autumn"),
                ("kind", "complaint"),
                ("body", "How has billing been for everyone this autumn?"),
                ("action", "post"),
            ],
        )
        .await;
    let thread = resp
        .location()
        .trim_start_matches("/threads/")
        .split(['/', '?', '#'])
        .next()
        .and_then(|id| id.parse().ok())
        .expect("thread id");
    World { app, thread }
}

fn last_post(app: &TestApp, thread: i64) -> i64 {
    app.db(|c| {
        posts::table
            .filter(posts::thread_id.eq(ThreadId(thread)))
            .order(posts::id.desc())
            .select(posts::id)
            .first::<PostId>(c)
            .expect("post")
            .0
    })
}

/// Whether a post is out of sight for a new account: held, or flagged by a
/// check whose flag holds a new account's post (spam).
fn held_for_new_account(app: &TestApp, post: i64) -> bool {
    app.db(|c| {
        let state: String = posts::table
            .find(PostId(post))
            .select(posts::moderation_state)
            .first(c)
            .expect("state");
        let spam: i64 = guideline_clauses::table
            .filter(guideline_clauses::code.eq("spam"))
            .select(guideline_clauses::id)
            .first(c)
            .expect("spam clause");
        let spam_flags: i64 = flags::table
            .filter(flags::item_kind.eq("post"))
            .filter(flags::item_id.eq(post))
            .filter(flags::automatic.eq(true))
            .filter(flags::clause_id.eq(spam))
            .count()
            .get_result(c)
            .expect("flags");
        state == "held" || spam_flags > 0
    })
}

/// Posts a reply as a customer would: when the personal-data guard stops
/// it, the customer publishes it anyway.
async fn post_reply(client: &Client, thread: i64, body: &str) {
    let path = format!("/threads/{thread}/reply");
    let resp = client
        .post(&path, &[("body", body), ("action", "post")])
        .await;
    if resp.status == 422 {
        client
            .post(&path, &[("body", body), ("action", "publish_anyway")])
            .await
            .assert_status(303);
    } else {
        resp.assert_status(303);
    }
}

#[derive(Default, Debug)]
struct Tally {
    harmful: (u32, u32),
    criticism: (u32, u32),
    tricky: (u32, u32),
    by_category: Vec<(String, u32, u32)>,
}

fn count(pair: &mut (u32, u32), held: bool) {
    pair.0 += u32::from(held);
    pair.1 += 1;
}

/// The figures in docs/moderation.md, measured through the product: every
/// text of the test half posted by an established customer, counted as
/// held when a new account's post would be out of sight.
#[actix_web::test]
async fn the_test_half_through_the_product() {
    let w = world().await;
    let rows: Vec<Vec<&str>> = TEST_HALF
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.splitn(4, '\t').collect())
        .collect();
    let mut tally = Tally::default();
    let mut client = None;
    for (n, row) in rows.iter().enumerate() {
        let [lang, label, category, text] = row[..] else {
            panic!("bad row {row:?}");
        };
        if n % POSTS_PER_ACCOUNT == 0 {
            let email = format!("customer{n}@example.se");
            w.app
                .create_user(&email, &format!("Customer {n}"), PASSWORD, true);
            w.app.age_account(&email, 30);
            client = Some(w.app.login(&email, PASSWORD).await);
        }
        let Some(client) = client.as_ref() else {
            panic!("no client");
        };
        post_reply(client, w.thread, text).await;
        let held = held_for_new_account(&w.app, last_post(&w.app, w.thread));
        match (label, category) {
            ("hold", _) => count(&mut tally.harmful, held),
            (_, "criticism") => count(&mut tally.criticism, held),
            (_, "hyperbole" | "scunthorpe" | "quoted") => count(&mut tally.tricky, held),
            _ => {}
        }
        let key = format!("{lang} {category}");
        match tally.by_category.iter_mut().find(|(k, _, _)| *k == key) {
            Some(entry) => {
                entry.1 += u32::from(held);
                entry.2 += 1;
            }
            None => tally.by_category.push((key, u32::from(held), 1)),
        }
    }
    tally.by_category.sort();
    for (key, held, total) in &tally.by_category {
        println!("{key:24} held {held:3} of {total:3}");
    }
    println!(
        "harmful held {:?}, criticism held {:?}, tricky held {:?}",
        tally.harmful, tally.criticism, tally.tricky
    );
    assert_eq!(tally.criticism.0, 0, "harsh criticism was held");
    assert!(tally.tricky.0 <= 3, "tricky texts held: {:?}", tally.tricky);
    let (held, total) = tally.harmful;
    assert!(total >= 250);
    assert!(
        f64::from(held) >= 0.6 * f64::from(total),
        "recall {held} of {total}"
    );
}

#[actix_web::test]
async fn a_new_accounts_links_wait_for_approval_until_it_has_a_track_record() {
    let w = world().await;
    w.app.create_user("nina@example.se", "Nina", PASSWORD, true);
    let nina = w.app.login("nina@example.se", PASSWORD).await;
    let link = "The outage map is at https://status.nordlys.example/map for anyone wondering.";
    post_reply(&nina, w.thread, link).await;
    let post = last_post(&w.app, w.thread);
    let visitor = w.app.client();
    let page = visitor.get(&format!("/threads/{}", w.thread)).await;
    page.assert_lacks("status.nordlys.example");
    // The moderator reads why.
    let maja = w.app.login("maja@tillit.example", PASSWORD).await;
    let case = open_case(&w.app, post).expect("a case for the moderator");
    maja.get(&format!("/moderation/cases/{case}"))
        .await
        .assert_status(200)
        .assert_has("A new account&#39;s post with 1 link(s): waits for approval");
    // Spam from a new account is held, not just flagged.
    post_reply(
        &nina,
        w.thread,
        "Cheap loans today only, apply now at quickcash-nordic.biz",
    )
    .await;
    assert!(held_state(&w.app, last_post(&w.app, w.thread)));
    // After a few published posts the limit lifts.
    for n in 0..3 {
        post_reply(
            &nina,
            w.thread,
            &format!("Thanks, my bill number {n} was right after all."),
        )
        .await;
        assert!(!held_state(&w.app, last_post(&w.app, w.thread)));
    }
    post_reply(&nina, w.thread, link).await;
    assert!(!held_state(&w.app, last_post(&w.app, w.thread)));
    // An established account's spam is flagged for a moderator, not held.
    post_reply(
        &nina,
        w.thread,
        "Cheap loans today only, apply now at quickcash-nordic.biz",
    )
    .await;
    let spam = last_post(&w.app, w.thread);
    assert!(!held_state(&w.app, spam));
    assert!(open_case(&w.app, spam).is_some());
}

#[actix_web::test]
async fn staff_are_trusted_in_their_own_companys_section() {
    let w = world().await;
    let anna = w.app.login("anna@nordlys.example", PASSWORD).await;
    post_reply(
        &anna,
        w.thread,
        "Our outage map is at https://status.nordlys.example/map and is updated hourly.",
    )
    .await;
    assert!(!held_state(&w.app, last_post(&w.app, w.thread)));
}

#[actix_web::test]
async fn the_same_text_from_several_new_accounts_is_held_as_spam() {
    let w = world().await;
    let text = "I switched to a far better provider last week and saved a lot, \
                everyone here should look into switching as well";
    for name in ["ola", "per", "siv"] {
        let email = format!("{name}@example.no");
        w.app.create_user(&email, name, PASSWORD, true);
        let client = w.app.login(&email, PASSWORD).await;
        post_reply(&client, w.thread, text).await;
    }
    let held: Vec<bool> = w.app.db(|c| {
        posts::table
            .filter(posts::thread_id.eq(ThreadId(w.thread)))
            .order(posts::id)
            .select(posts::moderation_state)
            .load::<String>(c)
            .expect("states")
            .into_iter()
            .map(|s| s == "held")
            .collect()
    });
    // The opening post and the first copy are up; the copies are held.
    assert_eq!(held, vec![false, false, true, true]);
}

fn held_state(app: &TestApp, post: i64) -> bool {
    app.db(|c| {
        posts::table
            .find(PostId(post))
            .select(posts::moderation_state)
            .first::<String>(c)
            .expect("state")
            == "held"
    })
}

fn open_case(app: &TestApp, post: i64) -> Option<i64> {
    app.open_case("post", post).map(|(case, _)| case)
}

#[actix_web::test]
async fn threats_attacks_and_hate_are_held_and_explained_but_criticism_is_not() {
    let w = world().await;
    w.app.create_user("mads@example.dk", "Mads", PASSWORD, true);
    w.app.age_account("mads@example.dk", 30);
    let mads = w.app.login("mads@example.dk", PASSWORD).await;
    let maja = w.app.login("maja@tillit.example", PASSWORD).await;
    for (text, explanation) in [
        (
            "If the refund is late again I will stab you",
            "Threat: “stab → you”",
        ),
        (
            "Lisa in support is a useless idiot.",
            "Personal attack: “idiot → lisa”",
        ),
        ("Immigrants are vermin.", "Hate against a group"),
    ] {
        post_reply(&mads, w.thread, text).await;
        let post = last_post(&w.app, w.thread);
        assert!(held_state(&w.app, post), "{text}");
        let case = open_case(&w.app, post).expect("case");
        maja.get(&format!("/moderation/cases/{case}"))
            .await
            .assert_has(explanation);
    }
    post_reply(
        &mads,
        w.thread,
        "They are thieves and liars, the worst company I have ever dealt with.",
    )
    .await;
    let post = last_post(&w.app, w.thread);
    assert!(!held_state(&w.app, post));
    assert!(open_case(&w.app, post).is_none());
}

#[actix_web::test]
async fn preview_runs_the_personal_data_guard() {
    let w = world().await;
    w.app.create_user("mads@example.dk", "Mads", PASSWORD, true);
    let mads = w.app.login("mads@example.dk", PASSWORD).await;
    mads.post(
        &format!("/threads/{}/reply", w.thread),
        &[("body", "Ring mig på 20 11 22 33"), ("action", "preview")],
    )
    .await
    .assert_status(200)
    .assert_has("Personal data in your text")
    .assert_has("a phone number");
    mads.post(
        "/companies/nordlys/reviews",
        &[
            ("rating", "2"),
            ("title", "Slow answers"),
            ("body", "Mit CPR-nummer er 150389-1000, skriv til mig"),
            ("action", "preview"),
        ],
    )
    .await
    .assert_status(200)
    .assert_has("Personal data in your text")
    .assert_has("a Danish CPR number");
}

fn watched_id(app: &TestApp, pattern: &str) -> i64 {
    app.db(|c| {
        watched_words::table
            .filter(watched_words::pattern.eq(pattern))
            .filter(watched_words::retired_at.is_null())
            .select(watched_words::id)
            .first(c)
            .expect("watched word")
    })
}

async fn add_word(admin: &Client, pattern: &str, action: &str, clause: &str, message: &str) {
    admin
        .post(
            "/admin/watched-words",
            &[
                ("pattern", pattern),
                ("lang", ""),
                ("action", action),
                ("clause", clause),
                ("message", message),
            ],
        )
        .await
        .assert_status(303);
}

#[actix_web::test]
async fn administrators_manage_watched_words_and_each_action_works() {
    let w = world().await;
    let admin = w.app.login("admin@tillit.example", PASSWORD).await;
    // Seeded from the shipped lists.
    admin
        .get("/admin/watched-words")
        .await
        .assert_status(200)
        .assert_has("perker*+");
    // Only administrators.
    let maja = w.app.login("maja@tillit.example", PASSWORD).await;
    maja.get("/admin/watched-words").await.assert_status(403);
    // A pattern without a word is refused, with what was typed kept.
    admin
        .post(
            "/admin/watched-words",
            &[
                ("pattern", "  ~ _ "),
                ("lang", "en"),
                ("action", "hold"),
                ("clause", "spam"),
                ("message", "kept text"),
            ],
        )
        .await
        .assert_status(422)
        .assert_has("Write at least one word")
        .assert_has("kept text");
    add_word(
        &admin,
        "crapco",
        "block",
        "off-topic",
        "Please call the company by its name.",
    )
    .await;
    add_word(&admin, "darn", "replace", "off-topic", "d**n").await;
    add_word(&admin, "megadeal*", "hold", "spam", "").await;

    w.app.create_user("mads@example.dk", "Mads", PASSWORD, true);
    w.app.age_account("mads@example.dk", 30);
    let mads = w.app.login("mads@example.dk", PASSWORD).await;
    let path = format!("/threads/{}/reply", w.thread);
    // Block: refused with the message; the text stays in the form.
    mads.post(
        &path,
        &[("body", "Crapco billed me twice again"), ("action", "post")],
    )
    .await
    .assert_status(422)
    .assert_has("Please call the company by its name.")
    .assert_has("Crapco billed me twice again");
    // Replace: published with the word replaced.
    post_reply(&mads, w.thread, "Darn, the invoice was wrong again").await;
    let replaced: String = w.app.db(|c| {
        posts::table
            .find(PostId(last_post(&w.app, w.thread)))
            .select(posts::body_source)
            .first(c)
            .expect("body")
    });
    assert_eq!(replaced, "d**n, the invoice was wrong again");
    // Hold.
    post_reply(&mads, w.thread, "Two megadeals this week, both fake").await;
    assert!(held_state(&w.app, last_post(&w.app, w.thread)));
    // The test box names the rule that fires.
    admin
        .post(
            "/admin/watched-words/test",
            &[("text", "megadeal and I will stab you")],
        )
        .await
        .assert_status(200)
        .assert_has("Watched word: megadeal*")
        .assert_has("3. Threats and violence · Threat: “stab → you”");
    admin
        .post(
            "/admin/watched-words/test",
            &[("text", "The invoice was late")],
        )
        .await
        .assert_has("No check fires");
    // Editing makes a new version that names the old one; the old one retires.
    let old = watched_id(&w.app, "megadeal*");
    admin
        .post(
            &format!("/admin/watched-words/{old}"),
            &[
                ("pattern", "megadeal*"),
                ("lang", ""),
                ("action", "flag"),
                ("clause", "spam"),
                ("message", ""),
            ],
        )
        .await
        .assert_status(303);
    let new = watched_id(&w.app, "megadeal*");
    assert_ne!(old, new);
    let replaces: Option<i64> = w.app.db(|c| {
        watched_words::table
            .find(new)
            .select(watched_words::replaces_id)
            .first(c)
            .expect("row")
    });
    assert_eq!(replaces, Some(old));
    admin
        .get(&format!("/admin/watched-words/{new}"))
        .await
        .assert_has("Earlier versions")
        .assert_has("Hold for a moderator");
    // Retiring stops it; the row stays.
    admin
        .post(&format!("/admin/watched-words/{new}/retire"), &[])
        .await
        .assert_status(303);
    post_reply(&mads, w.thread, "Two megadeals this week, both fake, again").await;
    assert!(!held_state(&w.app, last_post(&w.app, w.thread)));
    let rows: i64 = w.app.db(|c| {
        watched_words::table
            .filter(watched_words::pattern.eq("megadeal*"))
            .count()
            .get_result(c)
            .expect("rows")
    });
    assert_eq!(rows, 2);
}
