//! Moderation over HTTP: flags, automatic holds, the queue, every action,
//! the conflict-of-interest rule on every route, optimistic locking,
//! statements with emails, appeals to a different moderator, the public log
//! and the transparency figures. Nothing is ever deleted.

use diesel::prelude::*;
use tillit::db::schema::{
    companies, flags, guideline_clauses, moderation_cases, moderation_decisions, notifications,
    posts, reviews, threads, users,
};
use tillit::kernel::ids::{CompanyId, UserId};

use crate::common::{Client, Resp, TestApp};

const PASSWORD: &str = "correct horse battery staple";

struct World {
    app: TestApp,
    nordlys: CompanyId,
    karin: UserId,
}

/// Nordlys Energi with staff member Anna (who is also a moderator: the
/// conflict case), neutral moderators Maja and Olle, customers Karin and Mads.
async fn world() -> World {
    let app = TestApp::new().await;
    let nordlys = app.create_company("Nordlys Energi", "nordlys");
    let anna = app.create_user("anna@nordlys.example", "Anna", PASSWORD, true);
    app.make_staff(anna, nordlys);
    let maja = app.create_user("maja@tillit.example", "Maja", PASSWORD, true);
    let olle = app.create_user("olle@tillit.example", "Olle", PASSWORD, true);
    for moderator in [anna, maja, olle] {
        make_moderator(&app, moderator);
    }
    let karin = app.create_user("karin@example.se", "Karin", PASSWORD, true);
    app.create_user("mads@example.dk", "Mads", PASSWORD, true);
    World {
        app,
        nordlys,
        karin,
    }
}

fn make_moderator(app: &TestApp, user: UserId) {
    app.db(|c| {
        diesel::update(users::table.find(user))
            .set(users::is_moderator.eq(true))
            .execute(c)
            .expect("moderator")
    });
}

async fn login(app: &TestApp, email: &str) -> Client {
    app.login(email, PASSWORD).await
}

/// Starts a thread in Nordlys's section; returns (thread id, opening post id).
async fn thread(app: &TestApp, client: &Client, title: &str, body: &str) -> (i64, i64) {
    let resp = client
        .post(
            "/forum/nordlys/new",
            &[
                ("title", title),
                ("kind", "complaint"),
                ("body", body),
                ("action", "post"),
            ],
        )
        .await;
    assert_eq!(resp.status, 303, "thread not created: {}", resp.body);
    let id: i64 = resp
        .location()
        .trim_start_matches("/threads/")
        .parse()
        .expect("thread id");
    (id, post_of(app, id)[0])
}

fn post_of(app: &TestApp, thread: i64) -> Vec<i64> {
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

async fn reply(client: &Client, thread: i64, body: &str) -> Resp {
    client
        .post(
            &format!("/threads/{thread}/reply"),
            &[("body", body), ("action", "post")],
        )
        .await
}

pub(crate) fn clause_id(app: &TestApp, number: i32) -> String {
    app.db(|c| {
        guideline_clauses::table
            .filter(guideline_clauses::number.eq(number))
            .select(guideline_clauses::id)
            .first::<i64>(c)
            .expect("clause")
            .to_string()
    })
}

async fn flag(client: &Client, kind: &str, id: i64, clause: &str, note: &str) -> Resp {
    client
        .post(
            &format!("/flag/{kind}/{id}"),
            &[("clause", clause), ("note", note)],
        )
        .await
}

/// The open case about an item: (case id, lock version).
fn open_case(app: &TestApp, kind: &str, id: i64) -> Option<(i64, i32)> {
    app.open_case(kind, id)
}

pub(crate) async fn decide(
    client: &Client,
    case: (i64, i32),
    action: &str,
    clause: &str,
    extra: &[(&str, &str)],
) -> Resp {
    let version = case.1.to_string();
    let mut fields = vec![
        ("lock_version", version.as_str()),
        ("action", action),
        ("clause", clause),
        ("reason", "Names a person and accuses them of a crime."),
    ];
    fields.extend_from_slice(extra);
    client
        .post(&format!("/moderation/cases/{}", case.0), &fields)
        .await
}

fn decisions(app: &TestApp, kind: &str, id: i64) -> Vec<(i64, String, bool)> {
    app.db(|c| {
        moderation_decisions::table
            .filter(moderation_decisions::item_kind.eq(kind))
            .filter(moderation_decisions::item_id.eq(id))
            .order(moderation_decisions::id)
            .select((
                moderation_decisions::id,
                moderation_decisions::action,
                moderation_decisions::automatic,
            ))
            .load(c)
            .expect("decisions")
    })
}

fn post_row(app: &TestApp, id: i64) -> (String, String) {
    app.db(|c| {
        posts::table
            .find(id)
            .select((posts::body_source, posts::moderation_state))
            .first(c)
            .expect("post row")
    })
}

/// Karin's thread with one reply by Mads naming a person; Karin flags it.
async fn flagged_reply(w: &World) -> (i64, i64, Client, Client) {
    let karin = login(&w.app, "karin@example.se").await;
    let mads = login(&w.app, "mads@example.dk").await;
    let (thread_id, _) = thread(
        &w.app,
        &karin,
        "Billing is broken",
        "I was billed twice in October.",
    )
    .await;
    reply(
        &mads,
        thread_id,
        "Same here. Per Olsson in their billing team steals from customers, the rest of the staff were fine.",
    )
    .await
    .assert_status(303);
    let reply_id = *post_of(&w.app, thread_id).last().expect("reply");
    flag(
        &karin,
        "post",
        reply_id,
        &clause_id(&w.app, 1),
        "Accuses a named employee",
    )
    .await
    .assert_status(303);
    (thread_id, reply_id, karin, mads)
}

#[actix_web::test]
async fn no_action_without_a_clause_and_no_clause_for_criticism() {
    let w = world().await;
    let (_, reply_id, _, _) = flagged_reply(&w).await;
    let case = open_case(&w.app, "post", reply_id).expect("case opened by the flag");
    let maja = login(&w.app, "maja@tillit.example").await;
    for clause in ["", "negative", "999999"] {
        let resp = decide(&maja, case, "hide", clause, &[]).await;
        resp.assert_status(422)
            .assert_has("Without a clause there is no action");
    }
    assert_eq!(post_row(&w.app, reply_id).1, "visible");
    assert!(decisions(&w.app, "post", reply_id).is_empty());
    assert!(open_case(&w.app, "post", reply_id).is_some());
    // Flagging without a clause is refused too, keeping the note.
    let karin = login(&w.app, "karin@example.se").await;
    flag(&karin, "post", reply_id, "", "my note")
        .await
        .assert_status(422)
        .assert_has("my note");
    // The guidelines offer no clause for negativity.
    let page = w.app.client().get("/guidelines").await;
    page.assert_status(200).assert_has("Criticism stays");
    for word in ["Negative content", "Unfair", "Hurts our business"] {
        page.assert_lacks(word);
    }
}

#[actix_web::test]
async fn staff_cannot_moderate_their_own_company_on_any_route() {
    let w = world().await;
    let (_, reply_id, _, _) = flagged_reply(&w).await;
    let case = open_case(&w.app, "post", reply_id).expect("case");
    let anna = login(&w.app, "anna@nordlys.example").await;
    // The queue leaves the case out; the case page and the decision refuse.
    anna.get("/moderation")
        .await
        .assert_status(200)
        .assert_lacks(&format!("/moderation/cases/{}\"", case.0));
    anna.get(&format!("/moderation/cases/{}", case.0))
        .await
        .assert_status(403);
    decide(&anna, case, "hide", &clause_id(&w.app, 1), &[])
        .await
        .assert_status(403);
    assert_eq!(post_row(&w.app, reply_id).1, "visible");
    // A neutral moderator hides it; Anna may not restore it either.
    let maja = login(&w.app, "maja@tillit.example").await;
    decide(&maja, case, "hide", &clause_id(&w.app, 1), &[])
        .await
        .assert_status(303);
    let hide = decisions(&w.app, "post", reply_id)[0].0;
    anna.post(
        &format!("/moderation/decisions/{hide}/restore"),
        &[("reason", "Our customer is right")],
    )
    .await
    .assert_status(403);
    assert_eq!(post_row(&w.app, reply_id).1, "hidden");
    // The author appeals; the appeal case is also closed to Anna.
    let mads = login(&w.app, "mads@example.dk").await;
    mads.post(
        &format!("/notifications/{hide}/appeal"),
        &[("text", "Per really did take my money, I have the receipts.")],
    )
    .await
    .assert_status(303);
    let appeal = w.app.db(|c| {
        moderation_cases::table
            .filter(moderation_cases::kind.eq("appeal"))
            .select((moderation_cases::id, moderation_cases::lock_version))
            .first::<(i64, i32)>(c)
            .expect("appeal case")
    });
    anna.get(&format!("/moderation/cases/{}", appeal.0))
        .await
        .assert_status(403);
    decide(&anna, appeal, "reverse", "", &[])
        .await
        .assert_status(403);
    // A customer is no moderator at all.
    let karin = login(&w.app, "karin@example.se").await;
    karin.get("/moderation").await.assert_status(403);
    decide(&karin, appeal, "reverse", "", &[])
        .await
        .assert_status(403);
}

#[actix_web::test]
async fn redaction_removes_only_the_words_and_keeps_the_original() {
    let w = world().await;
    let (thread_id, reply_id, _, mads) = flagged_reply(&w).await;
    let case = open_case(&w.app, "post", reply_id).expect("case");
    let maja = login(&w.app, "maja@tillit.example").await;
    // Words that are not in the text are refused, keeping what was typed.
    decide(
        &maja,
        case,
        "redact",
        &clause_id(&w.app, 1),
        &[("redact", "Lisa")],
    )
    .await
    .assert_status(422)
    .assert_has("not in the text");
    decide(
        &maja,
        case,
        "redact",
        &clause_id(&w.app, 1),
        &[(
            "redact",
            "Per Olsson in their billing team steals from customers",
        )],
    )
    .await
    .assert_status(303);
    let page = w.app.client().get(&format!("/threads/{thread_id}")).await;
    page.assert_has("[removed: clause 1]")
        .assert_has("Same here.")
        .assert_has("the rest of the staff were fine")
        .assert_lacks("Per Olsson");
    let (body, state) = post_row(&w.app, reply_id);
    assert_eq!(state, "visible");
    assert!(!body.contains("Per Olsson"));
    let original: Option<String> = w.app.db(|c| {
        moderation_decisions::table
            .filter(moderation_decisions::action.eq("redact"))
            .select(moderation_decisions::original_source)
            .first(c)
            .expect("decision")
    });
    assert!(original
        .is_some_and(|o| o.contains("Per Olsson in their billing team steals from customers")));
    // Search and the public history no longer carry the words.
    w.app
        .client()
        .get("/search?q=Olsson")
        .await
        .assert_lacks("Per Olsson");
    // A redaction keeps no earlier version: neither the public nor the
    // author finds the words in the history.
    for reader in [&w.app.client(), &mads] {
        reader
            .get(&format!("/posts/{reply_id}/history"))
            .await
            .assert_lacks("Per Olsson");
    }
    // Moderators still see the original on the case page.
    maja.get(&format!("/moderation/cases/{}", case.0))
        .await
        .assert_has("Per Olsson in their billing team steals from customers");
    // Restoring puts the words back.
    let redaction = decisions(&w.app, "post", reply_id)[0].0;
    let olle = login(&w.app, "olle@tillit.example").await;
    olle.post(
        &format!("/moderation/decisions/{redaction}/restore"),
        &[(
            "reason",
            "He is the company's public spokesperson, named in the press.",
        )],
    )
    .await
    .assert_status(303);
    assert!(post_row(&w.app, reply_id).0.contains("Per Olsson"));
}

#[actix_web::test]
async fn hiding_keeps_the_row_and_restore_brings_it_back() {
    let w = world().await;
    // An established account: its spam is flagged, not held (a new
    // account's would wait for approval: `trust_levels.rs`).
    w.app.age_account("mads@example.dk", 30);
    let mads = login(&w.app, "mads@example.dk").await;
    mads.post(
        "/companies/nordlys/reviews",
        &[
            ("rating", "1"),
            ("title", "Buy cheap watches"),
            (
                "body",
                "Best prices at https://a.example https://b.example https://c.example now",
            ),
            ("action", "post"),
        ],
    )
    .await
    .assert_status(303);
    let review: i64 = w.app.db(|c| {
        reviews::table
            .select(reviews::id)
            .first::<tillit::kernel::ids::ReviewId>(c)
            .expect("review")
            .0
    });
    // Spam from an established account is flagged automatically, not held.
    let case = open_case(&w.app, "review", review).expect("automatic spam case");
    let company = w.app.client().get("/companies/nordlys").await;
    company.assert_has("Buy cheap watches");
    let maja = login(&w.app, "maja@tillit.example").await;
    decide(&maja, case, "hide", &clause_id(&w.app, 5), &[])
        .await
        .assert_status(303);
    let company = w.app.client().get("/companies/nordlys").await;
    company
        .assert_has("breach of guideline clause 5")
        .assert_has("[hidden: guideline clause 5]")
        .assert_lacks("Buy cheap watches");
    let (count, state, body): (i32, String, String) = w.app.db(|c| {
        let count = companies::table
            .find(w.nordlys)
            .select(companies::review_count)
            .first(c)
            .expect("count");
        let (state, body) = reviews::table
            .find(tillit::kernel::ids::ReviewId(review))
            .select((reviews::moderation_state, reviews::body_source))
            .first(c)
            .expect("row kept");
        (count, state, body)
    });
    assert_eq!((count, state.as_str()), (0, "hidden"));
    assert!(body.contains("https://a.example"), "the text is kept");
    let hide = decisions(&w.app, "review", review)[0].0;
    maja.post(
        &format!("/moderation/decisions/{hide}/restore"),
        &[("reason", "Looked again: it is a real customer's link list.")],
    )
    .await
    .assert_status(303);
    w.app
        .client()
        .get("/companies/nordlys")
        .await
        .assert_has("Buy cheap watches");
    let count: i32 = w.app.db(|c| {
        companies::table
            .find(w.nordlys)
            .select(companies::review_count)
            .first(c)
            .expect("count")
    });
    assert_eq!(count, 1);
    let actions: Vec<String> = decisions(&w.app, "review", review)
        .into_iter()
        .map(|d| d.1)
        .collect();
    assert_eq!(actions, vec!["hide", "restore"]);
}

#[actix_web::test]
async fn appeals_are_decided_once_by_a_different_moderator() {
    let w = world().await;
    let (thread_id, reply_id, _, mads) = flagged_reply(&w).await;
    let case = open_case(&w.app, "post", reply_id).expect("case");
    let maja = login(&w.app, "maja@tillit.example").await;
    decide(&maja, case, "hide", &clause_id(&w.app, 1), &[])
        .await
        .assert_status(303);
    let hide = decisions(&w.app, "post", reply_id)[0].0;
    let statement = mads.get(&format!("/notifications/{hide}")).await;
    statement
        .assert_status(200)
        .assert_has("Guideline clause 1 (version 1)")
        .assert_has("decided by a moderator")
        .assert_has("You can appeal once");
    // Too short an appeal is refused, keeping the text.
    mads.post(&format!("/notifications/{hide}/appeal"), &[("text", "No")])
        .await
        .assert_status(422);
    mads.post(
        &format!("/notifications/{hide}/appeal"),
        &[("text", "I only said what happened; please look again.")],
    )
    .await
    .assert_status(303);
    // Only once.
    let again = mads
        .post_follow(
            &format!("/notifications/{hide}/appeal"),
            &[("text", "Second try at the same appeal here.")],
        )
        .await;
    again.assert_has("cannot be appealed");
    let appeal = open_case(&w.app, "post", reply_id).expect("appeal case");
    // Maja made the decision: she may not decide the appeal.
    maja.get(&format!("/moderation/cases/{}", appeal.0))
        .await
        .assert_has("a different moderator must decide");
    decide(&maja, appeal, "reverse", "", &[])
        .await
        .assert_status(422);
    assert_eq!(post_row(&w.app, reply_id).1, "hidden");
    let olle = login(&w.app, "olle@tillit.example").await;
    decide(&olle, appeal, "reverse", "", &[])
        .await
        .assert_status(303);
    assert_eq!(post_row(&w.app, reply_id).1, "visible");
    w.app
        .client()
        .get(&format!("/threads/{thread_id}"))
        .await
        .assert_has("Per Olsson");
    let appeal_status: Option<String> = w.app.db(|c| {
        moderation_decisions::table
            .find(hide)
            .select(moderation_decisions::appeal_status)
            .first(c)
            .expect("decision")
    });
    assert_eq!(appeal_status.as_deref(), Some("reversed"));
    // The author got the outcome in the app and by email.
    mads.get("/notifications").await.assert_has("was reversed");
    let mails = w.app.emails_to("mads@example.dk").await;
    assert!(mails.iter().any(|m| m.text.contains("was reversed")));
}

#[actix_web::test]
async fn two_moderators_deciding_at_once_make_one_decision() {
    let w = world().await;
    let (_, reply_id, _, _) = flagged_reply(&w).await;
    let case = open_case(&w.app, "post", reply_id).expect("case");
    let maja = login(&w.app, "maja@tillit.example").await;
    let olle = login(&w.app, "olle@tillit.example").await;
    let clause = clause_id(&w.app, 1);
    // Both loaded the case at lock version 0 and both submit.
    let (first, second) = futures_util::future::join(
        decide(&maja, case, "hide", &clause, &[]),
        decide(&olle, case, "warn", &clause, &[]),
    )
    .await;
    let mut outcomes = vec![first.location().to_string(), second.location().to_string()];
    outcomes.sort();
    assert_eq!(
        outcomes,
        vec![
            "/moderation".to_string(),
            format!("/moderation/cases/{}", case.0)
        ]
    );
    assert_eq!(decisions(&w.app, "post", reply_id).len(), 1);
    // The late one is told on the case page.
    let late = if first.location() == "/moderation" {
        &olle
    } else {
        &maja
    };
    late.get(&format!("/moderation/cases/{}", case.0))
        .await
        .assert_has("Another moderator decided this case");
}

#[actix_web::test]
async fn automatic_checks_hold_hate_threats_and_personal_data_but_not_criticism() {
    let w = world().await;
    let karin = login(&w.app, "karin@example.se").await;
    let mads = login(&w.app, "mads@example.dk").await;
    let (thread_id, _) = thread(
        &w.app,
        &karin,
        "Invoice question",
        "Why is my invoice so high?",
    )
    .await;
    // Harsh criticism goes straight through.
    for text in [
        "Worst service ever, the staff lied to me and I want my money back.",
        "Sämsta bolaget, de ljuger och lurar sina kunder.",
        "Elendig kundeservice, de er nogle svindlere.",
    ] {
        reply(&mads, thread_id, text).await.assert_status(303);
    }
    // A threat is held: the author sees it with a notice, nobody else does.
    let resp = reply(&mads, thread_id, "Fix it or I know where you live.").await;
    resp.assert_status(303);
    let posts = post_of(&w.app, thread_id);
    let threat = *posts.last().expect("post");
    assert_eq!(post_row(&w.app, threat).1, "held");
    mads.get(&format!("/threads/{thread_id}"))
        .await
        .assert_has("I know where you live")
        .assert_has("Held for review");
    let public = w.app.client().get(&format!("/threads/{thread_id}")).await;
    public
        .assert_lacks("I know where you live")
        .assert_has("Worst service ever")
        .assert_has("Sämsta bolaget")
        .assert_has("svindlere");
    // Personal data published anyway is held too.
    mads.post(
        &format!("/threads/{thread_id}/reply"),
        &[
            ("body", "Call me on 070-123 45 67 about it."),
            ("action", "publish_anyway"),
        ],
    )
    .await
    .assert_status(303);
    let pii = *post_of(&w.app, thread_id).last().expect("post");
    assert_eq!(post_row(&w.app, pii).1, "held");
    // Hate in a new thread holds the whole thread.
    let (hate_thread, hate_post) = thread(
        &w.app,
        &mads,
        "Support staff",
        "Another n1gger in customer service.",
    )
    .await;
    assert_eq!(post_row(&w.app, hate_post).1, "held");
    w.app
        .client()
        .get(&format!("/threads/{hate_thread}"))
        .await
        .assert_status(404);
    w.app
        .client()
        .get("/forum/nordlys")
        .await
        .assert_lacks("Support staff");
    // Each hold is an automatic decision with a statement and an email.
    for post in [threat, pii, hate_post] {
        let d = decisions(&w.app, "post", post);
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].1.as_str(), d[0].2), ("hold", true));
    }
    let mails = w.app.emails_to("mads@example.dk").await;
    assert_eq!(
        mails
            .iter()
            .filter(|m| m.text.contains("held for review"))
            .count(),
        3
    );
    // The centre names the decisions; each statement says it was automatic.
    let centre = mads.get("/notifications").await;
    let statements: Vec<i64> = w.app.db(|c| {
        tillit::db::schema::notifications::table
            .filter(tillit::db::schema::notifications::kind.eq("statement"))
            .select(tillit::db::schema::notifications::id)
            .load(c)
            .expect("notifications")
    });
    assert_eq!(statements.len(), 3);
    for id in statements {
        assert!(centre.body.contains(&format!("/notifications/open/{id}")));
        let opened = mads.post(&format!("/notifications/open/{id}"), &[]).await;
        mads.get(opened.location())
            .await
            .assert_has("done automatically");
    }
    // The queue puts the severe automatic cases first.
    let maja = login(&w.app, "maja@tillit.example").await;
    let queue = maja.get("/moderation?kind=auto").await;
    queue.assert_has("Automatic check").assert_has("Severe");
    // Criticism opened no case at all.
    let cases: i64 = w.app.db(|c| {
        moderation_cases::table
            .count()
            .get_result(c)
            .expect("count")
    });
    assert_eq!(cases, 3);
    // Releasing the threat after review shows it again (dismiss = release).
    let case = open_case(&w.app, "post", pii).expect("case");
    decide(&maja, case, "dismiss", &clause_id(&w.app, 4), &[])
        .await
        .assert_status(303);
    assert_eq!(post_row(&w.app, pii).1, "visible");
}

#[actix_web::test]
async fn every_decision_writes_a_statement_and_an_email() {
    let w = world().await;
    let maja = login(&w.app, "maja@tillit.example").await;
    let karin = login(&w.app, "karin@example.se").await;
    let mads = login(&w.app, "mads@example.dk").await;
    let (thread_id, _) = thread(
        &w.app,
        &karin,
        "Meter readings",
        "My meter reading is wrong.",
    )
    .await;
    let clause = clause_id(&w.app, 1);
    let mut expected = 0;
    for (action, extra, headline) in [
        ("warn", vec![], "warns you"),
        ("ask_edit", vec![("days", "3")], "asks you to edit"),
        ("suspend", vec![("days", "2")], "may not post for a period"),
    ] {
        reply(
            &mads,
            thread_id,
            &format!("Reply to be {action}ed: Jonas at the desk cheats everyone."),
        )
        .await
        .assert_status(303);
        let post = *post_of(&w.app, thread_id).last().expect("post");
        flag(&karin, "post", post, &clause, "")
            .await
            .assert_status(303);
        let case = open_case(&w.app, "post", post).expect("case");
        decide(&maja, case, action, &clause, &extra)
            .await
            .assert_status(303);
        expected += 1;
        let mails: Vec<_> = w
            .app
            .emails_to("mads@example.dk")
            .await
            .into_iter()
            .filter(|m| m.subject == "A moderation decision about your content")
            .collect();
        assert_eq!(mails.len(), expected, "one statement per decision");
        let last = mails.last().expect("mail");
        assert!(last.text.contains(headline), "{}", last.text);
        assert!(last.text.contains("Guideline clause 1"));
        assert!(last.text.contains("/notifications/"));
        // The flagger hears the outcome.
        let told: Vec<_> = w
            .app
            .emails_to("karin@example.se")
            .await
            .into_iter()
            .filter(|m| m.subject == "The outcome of your report")
            .collect();
        assert_eq!(told.len(), expected);
        assert!(told.last().is_some_and(|m| m.text.contains("acted on it")));
        if action == "suspend" {
            // Suspended: the next reply is refused.
            reply(&mads, thread_id, "Trying to post while suspended.")
                .await
                .assert_status(403);
        }
    }
    let notes: i64 = w.app.db(|c| {
        notifications::table
            .filter(
                notifications::user_id.eq(UserId(
                    users::table
                        .filter(users::email.eq("mads@example.dk"))
                        .select(users::id)
                        .first::<UserId>(c)
                        .expect("mads")
                        .0,
                )),
            )
            .count()
            .get_result(c)
            .expect("count")
    });
    assert_eq!(notes, 3);
    assert!(w.karin.0 > 0);
}

#[actix_web::test]
async fn a_cleared_item_is_not_reopened_by_the_same_flag_unless_edited() {
    let w = world().await;
    let (_, reply_id, karin, mads) = flagged_reply(&w).await;
    let case = open_case(&w.app, "post", reply_id).expect("case");
    let maja = login(&w.app, "maja@tillit.example").await;
    decide(&maja, case, "dismiss", &clause_id(&w.app, 1), &[])
        .await
        .assert_status(303);
    // Karin was told; flagging again on the same clause does not reopen it.
    assert!(w
        .app
        .emails_to("karin@example.se")
        .await
        .iter()
        .any(|m| m.text.contains("found no breach")));
    let clause = clause_id(&w.app, 1);
    karin
        .post_follow(
            &format!("/flag/post/{reply_id}"),
            &[("clause", clause.as_str()), ("note", "still bad")],
        )
        .await
        .assert_has("already reviewed this");
    assert!(open_case(&w.app, "post", reply_id).is_none());
    // A different clause opens a case; so does the same one after an edit.
    w.app
        .create_user("tomas@example.se", "Tomas", PASSWORD, true);
    let tomas = login(&w.app, "tomas@example.se").await;
    flag(&tomas, "post", reply_id, &clause_id(&w.app, 1), "")
        .await
        .assert_status(303);
    assert!(open_case(&w.app, "post", reply_id).is_none());
    mads.post(
        &format!("/posts/{reply_id}/edit"),
        &[
            ("body", "Edited: Per Olsson steals and lies to customers."),
            ("action", "post"),
        ],
    )
    .await
    .assert_status(303);
    let third = login(&w.app, "anna@nordlys.example").await;
    flag(&third, "post", reply_id, &clause_id(&w.app, 1), "")
        .await
        .assert_status(303);
    assert!(open_case(&w.app, "post", reply_id).is_some());
    let from_staff: bool = w.app.db(|c| {
        flags::table
            .order(flags::id.desc())
            .select(flags::from_company_staff)
            .first(c)
            .expect("flag")
    });
    assert!(
        from_staff,
        "Anna's flag is marked as coming from the company"
    );
}

#[actix_web::test]
async fn the_log_and_transparency_page_show_figures_without_personal_data() {
    let w = world().await;
    let (_, reply_id, _, _) = flagged_reply(&w).await;
    let case = open_case(&w.app, "post", reply_id).expect("case");
    let maja = login(&w.app, "maja@tillit.example").await;
    decide(
        &maja,
        case,
        "redact",
        &clause_id(&w.app, 1),
        &[("redact", "Per Olsson")],
    )
    .await
    .assert_status(303);
    // A company's staff flags a review of their own company; it is dismissed.
    let karin = login(&w.app, "karin@example.se").await;
    karin
        .post(
            "/companies/nordlys/reviews",
            &[
                ("rating", "1"),
                ("title", "Terrible billing"),
                ("body", "They charged me twice and never answered."),
                ("action", "post"),
            ],
        )
        .await
        .assert_status(303);
    let review: i64 = w.app.db(|c| {
        reviews::table
            .select(reviews::id)
            .first::<tillit::kernel::ids::ReviewId>(c)
            .expect("review")
            .0
    });
    let anna = login(&w.app, "anna@nordlys.example").await;
    flag(
        &anna,
        "review",
        review,
        &clause_id(&w.app, 6),
        "Not a real customer",
    )
    .await
    .assert_status(303);
    let case = open_case(&w.app, "review", review).expect("case");
    let olle = login(&w.app, "olle@tillit.example").await;
    olle.get(&format!("/moderation/cases/{}", case.0))
        .await
        .assert_has("From the company");
    decide(&olle, case, "dismiss", &clause_id(&w.app, 6), &[])
        .await
        .assert_status(303);
    let log = w.app.client().get("/moderation/log").await;
    log.assert_status(200)
        .assert_has("Nordlys Energi")
        .assert_has("Remove the offending words")
        .assert_has("Dismiss: no breach")
        .assert_lacks("Per Olsson")
        .assert_lacks("Mads")
        .assert_lacks("Karin")
        .assert_lacks("Maja");
    let figures = w.app.client().get("/moderation/transparency").await;
    figures
        .assert_status(200)
        .assert_has("Decisions per month by clause")
        .assert_lacks("Per Olsson")
        .assert_lacks("Karin");
    assert!(
        figures.body.contains("<dd>1 / 1</dd>"),
        "one company flag about its own review, dismissed: {}",
        figures.body
    );
}

#[actix_web::test]
async fn admins_edit_clauses_as_new_versions_and_decisions_keep_theirs() {
    let w = world().await;
    w.app.create_admin("admin@tillit.example", PASSWORD);
    let (_, reply_id, _, _) = flagged_reply(&w).await;
    let case = open_case(&w.app, "post", reply_id).expect("case");
    let maja = login(&w.app, "maja@tillit.example").await;
    decide(&maja, case, "warn", &clause_id(&w.app, 1), &[])
        .await
        .assert_status(303);
    let admin = login(&w.app, "admin@tillit.example").await;
    let id = clause_id(&w.app, 1);
    let page = admin.get(&format!("/admin/guidelines/{id}")).await;
    page.assert_status(200);
    let mut fields = vec![
        ("severity", "2"),
        ("actions", "redact"),
        ("actions", "warn"),
    ];
    let titles = [
        ("title_en", "Personal attacks"),
        ("title_sv", "Personangrepp"),
        ("title_da", "Personangreb"),
        ("title_nb", "Personangrep"),
        (
            "explanation_nb",
            "Ikke angrip mennesker, kritiser bedrifter.",
        ),
        (
            "explanation_en",
            "Do not attack people, criticise companies.",
        ),
        (
            "explanation_sv",
            "Angrip inte människor, kritisera företag.",
        ),
        (
            "explanation_da",
            "Angrib ikke mennesker, kritisér virksomheder.",
        ),
        ("examples_en", ""),
        ("examples_sv", ""),
        ("examples_da", ""),
        ("examples_nb", ""),
    ];
    fields.extend_from_slice(&titles);
    // A missing title is refused and what was typed stays.
    let mut broken = fields.clone();
    broken.retain(|(k, _)| *k != "title_da");
    admin
        .post(&format!("/admin/guidelines/{id}"), &broken)
        .await
        .assert_status(422)
        .assert_has("Angrip inte människor");
    admin
        .post(&format!("/admin/guidelines/{id}"), &fields)
        .await
        .assert_status(303);
    w.app
        .client()
        .get("/guidelines")
        .await
        .assert_has("1. Personal attacks")
        .assert_has("version 2");
    // The earlier statement still cites version 1.
    let warn = decisions(&w.app, "post", reply_id)[0].0;
    let mads = login(&w.app, "mads@example.dk").await;
    mads.get(&format!("/notifications/{warn}"))
        .await
        .assert_has("(version 1)");
    // Customers cannot edit guidelines.
    mads.post(&format!("/admin/guidelines/{id}"), &fields)
        .await
        .assert_status(403);
    let threads_left: i64 = w
        .app
        .db(|c| threads::table.count().get_result(c).expect("n"));
    assert_eq!(threads_left, 1, "nothing deleted");
}

#[actix_web::test]
async fn an_unanswered_request_to_edit_returns_to_the_queue_after_its_deadline() {
    let w = world().await;
    let (thread_id, reply_id, karin, mads) = flagged_reply(&w).await;
    let case = open_case(&w.app, "post", reply_id).expect("case");
    let maja = login(&w.app, "maja@tillit.example").await;
    decide(
        &maja,
        case,
        "ask_edit",
        &clause_id(&w.app, 1),
        &[("days", "1")],
    )
    .await
    .assert_status(303);
    // A second reply gets the same request, and its author edits in time.
    reply(
        &mads,
        thread_id,
        "Also: Per Olsson shouted at me on the phone.",
    )
    .await
    .assert_status(303);
    let second = *post_of(&w.app, thread_id).last().expect("post");
    flag(&karin, "post", second, &clause_id(&w.app, 1), "")
        .await
        .assert_status(303);
    let case = open_case(&w.app, "post", second).expect("case");
    decide(
        &maja,
        case,
        "ask_edit",
        &clause_id(&w.app, 1),
        &[("days", "1")],
    )
    .await
    .assert_status(303);
    mads.post(
        &format!("/posts/{second}/edit"),
        &[
            ("body", "Also: someone shouted at me on the phone."),
            ("action", "post"),
        ],
    )
    .await
    .assert_status(303);
    // Before the deadline nothing happens; after it, only the unedited one returns.
    let reopened = w.app.db(|c| {
        tillit::moderation::model::follow_up_edit_requests(c, tillit::db::now()).expect("follow up")
    });
    assert_eq!(reopened, 0);
    let later = tillit::db::now() + chrono::Duration::days(2);
    let reopened = w
        .app
        .db(|c| tillit::moderation::model::follow_up_edit_requests(c, later).expect("follow up"));
    assert_eq!(reopened, 1);
    assert!(open_case(&w.app, "post", reply_id).is_some());
    assert!(open_case(&w.app, "post", second).is_none());
    // Running the job again does not open a second case.
    let again = w
        .app
        .db(|c| tillit::moderation::model::follow_up_edit_requests(c, later).expect("follow up"));
    assert_eq!(again, 0);
    maja.get(&format!(
        "/moderation/cases/{}",
        open_case(&w.app, "post", reply_id).expect("case").0
    ))
    .await
    .assert_has("The deadline to edit passed without an edit.");
}

/// Karin's thread with a threat by Mads, held by the automatic check:
/// (thread, the held reply, its open case).
async fn held_threat(w: &World) -> (i64, i64, (i64, i32)) {
    let karin = login(&w.app, "karin@example.se").await;
    let mads = login(&w.app, "mads@example.dk").await;
    let (thread_id, _) = thread(
        &w.app,
        &karin,
        "Meter swap never came",
        "They promised a new meter in October.",
    )
    .await;
    reply(
        &mads,
        thread_id,
        "Call me back today or I know where you live.",
    )
    .await
    .assert_status(303);
    let held = *post_of(&w.app, thread_id).last().expect("reply");
    assert_eq!(post_row(&w.app, held).1, "held");
    let case = open_case(&w.app, "post", held).expect("automatic case");
    (thread_id, held, case)
}

fn suspended_until(app: &TestApp, email: &str) -> Option<chrono::NaiveDateTime> {
    app.db(|c| {
        users::table
            .filter(users::email.eq(email))
            .select(users::suspended_until)
            .first(c)
            .expect("user")
    })
}

fn decision_row(app: &TestApp, id: i64) -> (String, Option<String>, bool) {
    app.db(|c| {
        moderation_decisions::table
            .filter(moderation_decisions::item_kind.eq("post"))
            .filter(moderation_decisions::item_id.eq(id))
            .filter(moderation_decisions::automatic.eq(false))
            .order(moderation_decisions::id.desc())
            .select((
                moderation_decisions::action,
                moderation_decisions::author_action,
                moderation_decisions::released,
            ))
            .first(c)
            .expect("decision")
    })
}

#[actix_web::test]
async fn one_decision_hides_the_content_and_suspends_its_author() {
    let w = world().await;
    let (thread_id, held, case) = held_threat(&w).await;
    let maja = login(&w.app, "maja@tillit.example").await;
    let threats = clause_id(&w.app, 3);
    decide(
        &maja,
        case,
        "hide",
        &threats,
        &[("author_action", "suspend"), ("days", "5")],
    )
    .await
    .assert_status(303);
    assert_eq!(post_row(&w.app, held).1, "hidden");
    assert!(suspended_until(&w.app, "mads@example.dk").is_some_and(|u| u > tillit::db::now()));
    assert_eq!(
        decision_row(&w.app, held),
        ("hide".to_string(), Some("suspend".to_string()), false)
    );
    // The public sees the notice, not the threat; the statement names both parts.
    w.app
        .client()
        .get(&format!("/threads/{thread_id}"))
        .await
        .assert_has("breach of guideline clause 3")
        .assert_lacks("I know where you live");
    let mails = w.app.emails_to("mads@example.dk").await;
    let statement = mails.last().expect("statement");
    assert!(statement.text.contains("was hidden"), "{}", statement.text);
    assert!(
        statement.text.contains("may not post for a period"),
        "{}",
        statement.text
    );
    let mads = login(&w.app, "mads@example.dk").await;
    reply(&mads, thread_id, "Trying to post while suspended.")
        .await
        .assert_status(403);
}

#[actix_web::test]
async fn a_warning_leaves_a_held_item_held_and_only_a_release_publishes_it() {
    let w = world().await;
    let (thread_id, held, case) = held_threat(&w).await;
    let maja = login(&w.app, "maja@tillit.example").await;
    // The form says which choices publish a held item before anyone confirms.
    maja.get(&format!("/moderation/cases/{}", case.0))
        .await
        .assert_has("unless you dismiss, release or redact it")
        .assert_has("Keep it held: it stays out of sight")
        .assert_has("Release: publish the held item as it is")
        // The choice already made for the moderator publishes nothing.
        .assert_has("value=\"keep\" checked");
    let threats = clause_id(&w.app, 3);
    // "warn" as the action, as older forms sent it: the content stays held.
    decide(&maja, case, "warn", &threats, &[])
        .await
        .assert_status(303);
    assert_eq!(post_row(&w.app, held).1, "held");
    assert_eq!(
        decision_row(&w.app, held),
        ("keep".to_string(), Some("warn".to_string()), false)
    );
    w.app
        .client()
        .get(&format!("/threads/{thread_id}"))
        .await
        .assert_lacks("I know where you live");
    // A later case (the author edits it) is released explicitly.
    let mads = login(&w.app, "mads@example.dk").await;
    mads.post(
        &format!("/posts/{held}/edit"),
        &[("body", "Call me back today, please."), ("action", "post")],
    )
    .await
    .assert_status(303);
    assert_eq!(
        post_row(&w.app, held).1,
        "held",
        "an edit publishes nothing"
    );
    let karin = login(&w.app, "karin@example.se").await;
    flag(&karin, "post", held, &threats, "Still held")
        .await
        .assert_status(404);
    let olle = login(&w.app, "olle@tillit.example").await;
    let clause = guideline_id_of(&w.app, 3);
    let reopened = reopen_auto_case(&w.app, held, clause);
    decide(&olle, reopened, "release", &threats, &[])
        .await
        .assert_status(303);
    assert_eq!(post_row(&w.app, held).1, "visible");
    assert_eq!(
        decision_row(&w.app, held),
        ("release".to_string(), None, true)
    );
    w.app
        .client()
        .get(&format!("/threads/{thread_id}"))
        .await
        .assert_has("Call me back today, please.");
}

fn guideline_id_of(app: &TestApp, number: i32) -> i64 {
    app.db(|c| {
        guideline_clauses::table
            .filter(guideline_clauses::number.eq(number))
            .select(guideline_clauses::id)
            .first(c)
            .expect("clause")
    })
}

/// A new automatic case about an item (what the edit deadline's follow-up
/// opens), as the queue would show it.
fn reopen_auto_case(app: &TestApp, post: i64, clause: i64) -> (i64, i32) {
    app.db(|c| {
        diesel::insert_into(moderation_cases::table)
            .values((
                moderation_cases::kind.eq("auto"),
                moderation_cases::item_kind.eq("post"),
                moderation_cases::item_id.eq(post),
                moderation_cases::clause_id.eq(clause),
                moderation_cases::severity.eq(3),
                moderation_cases::status.eq("open"),
                moderation_cases::facts.eq("fact-edited-while-held|"),
                moderation_cases::opened_at.eq(tillit::db::now()),
            ))
            .execute(c)
            .expect("case")
    });
    open_case(app, "post", post).expect("reopened case")
}

#[actix_web::test]
async fn releasing_needs_a_held_item_and_dismissing_cannot_punish() {
    let w = world().await;
    let (_, reply_id, _, _) = flagged_reply(&w).await;
    let case = open_case(&w.app, "post", reply_id).expect("case");
    let maja = login(&w.app, "maja@tillit.example").await;
    let clause = clause_id(&w.app, 1);
    decide(&maja, case, "release", &clause, &[])
        .await
        .assert_status(422)
        .assert_has("Only an item held for review can be released");
    decide(
        &maja,
        case,
        "dismiss",
        &clause,
        &[("author_action", "warn")],
    )
    .await
    .assert_status(422)
    .assert_has("cannot warn or suspend the author");
    assert!(decisions(&w.app, "post", reply_id).is_empty());
}

#[actix_web::test]
async fn no_moderator_decides_about_their_own_content() {
    let w = world().await;
    // Maja, a moderator, writes a threat: it is held, and the case is not hers.
    let karin = login(&w.app, "karin@example.se").await;
    let maja = login(&w.app, "maja@tillit.example").await;
    let (thread_id, _) = thread(&w.app, &karin, "Outage tonight", "No power since six.").await;
    reply(&maja, thread_id, "Fix it or I know where you live.")
        .await
        .assert_status(303);
    let own = *post_of(&w.app, thread_id).last().expect("reply");
    let case = open_case(&w.app, "post", own).expect("case");
    let threats = clause_id(&w.app, 3);
    maja.get("/moderation")
        .await
        .assert_lacks(&format!("/moderation/cases/{}\"", case.0));
    maja.get(&format!("/moderation/cases/{}", case.0))
        .await
        .assert_status(403)
        .assert_has("your own content");
    decide(&maja, case, "dismiss", &threats, &[])
        .await
        .assert_status(403);
    assert_eq!(post_row(&w.app, own).1, "held");
    // Olle hides it; Maja appeals; she cannot decide her appeal, nor restore.
    let olle = login(&w.app, "olle@tillit.example").await;
    decide(&olle, case, "hide", &threats, &[])
        .await
        .assert_status(303);
    let (decision, _, _) = *decisions(&w.app, "post", own).last().expect("decision");
    maja.post(
        &format!("/notifications/{decision}/appeal"),
        &[("text", "It was a figure of speech, not a threat.")],
    )
    .await
    .assert_status(303);
    let appeal = w
        .app
        .db(|c| {
            moderation_cases::table
                .filter(moderation_cases::kind.eq("appeal"))
                .filter(moderation_cases::item_id.eq(own))
                .select((moderation_cases::id, moderation_cases::lock_version))
                .first::<(i64, i32)>(c)
                .optional()
                .expect("appeal case")
        })
        .expect("appeal opened");
    decide(&maja, appeal, "reverse", "", &[])
        .await
        .assert_status(403);
    maja.post(
        &format!("/moderation/decisions/{decision}/restore"),
        &[("reason", "Restoring my own words")],
    )
    .await
    .assert_status(403);
    assert_eq!(post_row(&w.app, own).1, "hidden");
    // Anna, a moderator who is staff of Nordlys, may not decide the appeal
    // either; a neutral moderator other than Olle does.
    let anna = login(&w.app, "anna@nordlys.example").await;
    decide(&anna, appeal, "reverse", "", &[])
        .await
        .assert_status(403);
}

#[actix_web::test]
async fn an_faq_entry_leaves_with_its_hidden_answer_and_returns_on_restore() {
    let w = world().await;
    let karin = login(&w.app, "karin@example.se").await;
    let mads = login(&w.app, "mads@example.dk").await;
    let anna = login(&w.app, "anna@nordlys.example").await;
    let (thread_id, _) = thread(
        &w.app,
        &karin,
        "How do I read my meter",
        "Which number counts?",
    )
    .await;
    reply(
        &mads,
        thread_id,
        "The top row counts. Jonas at the desk cheats everyone, by the way.",
    )
    .await
    .assert_status(303);
    let answer = *post_of(&w.app, thread_id).last().expect("answer");
    karin
        .post(&format!("/posts/{answer}/accept"), &[])
        .await
        .assert_status(303);
    anna.post(&format!("/threads/{thread_id}/faq"), &[])
        .await
        .assert_status(303);
    let faq = || async { w.app.client().get("/companies/nordlys/faq").await };
    faq().await.assert_has("The top row counts");
    w.app
        .client()
        .get("/search?q=meter")
        .await
        .assert_has("/companies/nordlys/faq#faq-");
    // Hidden: out of the FAQ and its search.
    flag(
        &karin,
        "post",
        answer,
        &clause_id(&w.app, 1),
        "Calls someone a fraud",
    )
    .await
    .assert_status(303);
    let case = open_case(&w.app, "post", answer).expect("case");
    let maja = login(&w.app, "maja@tillit.example").await;
    decide(&maja, case, "hide", &clause_id(&w.app, 1), &[])
        .await
        .assert_status(303);
    faq()
        .await
        .assert_lacks("The top row counts")
        .assert_lacks("How do I read my meter");
    w.app
        .client()
        .get("/search?q=meter")
        .await
        .assert_lacks("/companies/nordlys/faq#faq-");
    // Restored: back in the FAQ, nothing had to be promoted again.
    let (decision, _, _) = *decisions(&w.app, "post", answer).last().expect("decision");
    let olle = login(&w.app, "olle@tillit.example").await;
    olle.post(
        &format!("/moderation/decisions/{decision}/restore"),
        &[(
            "reason",
            "On reflection the remark is a complaint, not an attack.",
        )],
    )
    .await
    .assert_status(303);
    faq().await.assert_has("The top row counts");
    // Withdrawn by its author: gone again.
    mads.post(&format!("/posts/{answer}/withdraw"), &[])
        .await
        .assert_status(303);
    faq().await.assert_lacks("The top row counts");
}

/// Whether the case form offers an action (its label is not hidden).
fn offers(page: &str, value: &str) -> bool {
    let needle = format!("name=\"action\" value=\"{value}\"");
    let needle = if page.contains(&needle) {
        needle
    } else {
        format!("name=\"author_action\" value=\"{value}\"")
    };
    let Some(at) = page.find(&needle) else {
        return false;
    };
    let label = page[..at].rfind("<label").expect("label");
    !page[label..at].contains(" hidden")
}

#[actix_web::test]
async fn the_case_form_offers_only_what_the_chosen_clause_allows() {
    let w = world().await;
    let karin = login(&w.app, "karin@example.se").await;
    let mads = login(&w.app, "mads@example.dk").await;
    let (_, post) = thread(&w.app, &karin, "Hot words", "Somebody here is awful.").await;
    // Clause 2 (hate) allows redacting, hiding, warning and suspending, but
    // not asking for an edit; clause 1 (personal attacks) allows that too.
    flag(&mads, "post", post, &clause_id(&w.app, 2), "hateful")
        .await
        .assert_status(303);
    let (case, lock) = open_case(&w.app, "post", post).expect("case");
    let maja = login(&w.app, "maja@tillit.example").await;
    let page = maja.get(&format!("/moderation/cases/{case}")).await;
    assert!(offers(&page.body, "hide") && offers(&page.body, "suspend"));
    assert!(
        offers(&page.body, "dismiss"),
        "no clause forbids finding no breach"
    );
    assert!(
        !offers(&page.body, "ask_edit"),
        "clause 2 does not allow asking for an edit"
    );
    // Without script: another clause, then "show this clause's actions".
    let lock = lock.to_string();
    let refreshed = maja
        .post(
            &format!("/moderation/cases/{case}"),
            &[
                ("lock_version", lock.as_str()),
                ("clause", &clause_id(&w.app, 1)),
                ("reason", "Kept as typed"),
                ("refresh", "1"),
            ],
        )
        .await;
    refreshed.assert_status(200).assert_has("Kept as typed");
    assert!(offers(&refreshed.body, "ask_edit"));
    assert!(
        open_case(&w.app, "post", post).is_some(),
        "nothing was decided"
    );
    // And the server refuses what the clause does not allow, whatever is sent.
    maja.post(
        &format!("/moderation/cases/{case}"),
        &[
            ("lock_version", lock.as_str()),
            ("clause", &clause_id(&w.app, 2)),
            ("action", "ask_edit"),
            ("reason", "Please edit"),
        ],
    )
    .await
    .assert_status(422)
    .assert_has("does not allow this action");
}
