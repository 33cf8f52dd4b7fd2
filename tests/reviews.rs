//! Company review pages over HTTP: the score, the one-review rule (also
//! under concurrent submissions), staff who cannot touch reviews of their
//! company, invitations, replies, sorting and filtering, references.

use diesel::prelude::*;
use tillit::db::schema::{companies, review_labels, reviews};
use tillit::kernel::ids::{CompanyId, ReviewId, UserId};

use crate::common::{link_in, Client, TestApp};

const PASSWORD: &str = "correct horse battery staple";

struct Setup {
    app: TestApp,
    nordlys: CompanyId,
    customers: Vec<UserId>,
}

async fn setup(customers: usize) -> Setup {
    let app = TestApp::new().await;
    let nordlys = app.create_company("Nordlys Energi", "nordlys");
    let fjord = app.create_company("Fjordbanken", "fjordbanken");
    let anna = app.create_user("anna@nordlys.example", "Anna", PASSWORD, true);
    app.make_staff(anna, nordlys);
    let lars = app.create_user("lars@fjord.example", "Lars", PASSWORD, true);
    app.make_staff(lars, fjord);
    let customers = (0..customers)
        .map(|i| {
            app.create_user(
                &format!("c{i}@example.se"),
                &format!("Customer {i}"),
                PASSWORD,
                true,
            )
        })
        .collect();
    Setup {
        app,
        nordlys,
        customers,
    }
}

async fn write_review(
    client: &Client,
    slug: &str,
    rating: &str,
    title: &str,
    body: &str,
) -> crate::common::Resp {
    client
        .post(
            &format!("/companies/{slug}/reviews"),
            &[
                ("rating", rating),
                ("title", title),
                ("body", body),
                ("experience_date", "2026-10-01"),
                ("reference", "ORD-777"),
                ("action", "post"),
            ],
        )
        .await
}

fn review_ids(app: &TestApp) -> Vec<ReviewId> {
    app.db(|c| {
        reviews::table
            .select(reviews::id)
            .order(reviews::id)
            .load(c)
            .expect("ids")
    })
}

#[actix_web::test]
async fn the_score_is_the_bayesian_average_and_withdrawn_reviews_leave_it() {
    let s = setup(3).await;
    // 5, 4 and 1 stars: sum 10, count 3; the prior is 5 reviews of 3.5.
    for (i, rating) in ["5", "4", "1"].iter().enumerate() {
        let client = s.app.login(&format!("c{i}@example.se"), PASSWORD).await;
        assert_eq!(
            write_review(
                &client,
                "nordlys",
                rating,
                "My experience",
                "Text of the review"
            )
            .await
            .status,
            303
        );
    }
    let expected = (5.0 * 3.5 + 10.0) / (5.0 + 3.0);
    let page = s.app.client().get("/companies/nordlys").await;
    page.assert_has(&format!(
        "<span class=\"score-number\">{}</span>",
        tillit::companies::score::display(tillit::kernel::i18n::Lang::En, expected)
    ));
    page.assert_has("based on 3 reviews").assert_has("1 (33%)");
    let stored: (i32, i64, i32, i32) = s.app.db(|c| {
        companies::table
            .find(s.nordlys)
            .select((
                companies::review_count,
                companies::rating_sum,
                companies::stars_1,
                companies::stars_5,
            ))
            .first(c)
            .expect("company")
    });
    assert_eq!(stored, (3, 10, 1, 1));

    // Withdrawing the 1-star review: 5 and 4 remain.
    let one_star = review_ids(&s.app)[2];
    let client = s.app.login("c2@example.se", PASSWORD).await;
    assert_eq!(
        client
            .post(&format!("/reviews/{one_star}/withdraw"), &[])
            .await
            .status,
        303
    );
    let expected = (5.0 * 3.5 + 9.0) / (5.0 + 2.0);
    let page = s.app.client().get("/companies/nordlys").await;
    page.assert_has(&format!(
        "<span class=\"score-number\">{}</span>",
        tillit::companies::score::display(tillit::kernel::i18n::Lang::En, expected)
    ));
    page.assert_has("Withdrawn by its author on")
        .assert_has("It no longer counts in the score.")
        .assert_has("My experience");
    let kept: i64 = s
        .app
        .db(|c| reviews::table.count().get_result(c).expect("count"));
    assert_eq!(kept, 3, "withdrawn reviews are kept");
}

#[actix_web::test]
async fn one_review_per_customer_per_company_even_when_submissions_race() {
    let s = setup(1).await;
    let tab1 = s.app.login("c0@example.se", PASSWORD).await;
    let tab2 = s.app.login("c0@example.se", PASSWORD).await;
    tab1.csrf().await;
    tab2.csrf().await;
    let (a, b) = futures_util::future::join(
        write_review(&tab1, "nordlys", "2", "First tab", "Text one"),
        write_review(&tab2, "nordlys", "5", "Second tab", "Text two"),
    )
    .await;
    assert_eq!((a.status, b.status), (303, 303));
    assert_eq!(review_ids(&s.app).len(), 1);
    let locations = [a.location().to_string(), b.location().to_string()];
    assert!(
        locations.iter().any(|l| l.contains("/edit")),
        "the second is sent to edit the first: {locations:?}"
    );

    // Two writers racing on separate database connections.
    let other = s
        .app
        .create_user("racer@example.se", "Racer", PASSWORD, true);
    let pool = s.app.state.db.pool().clone();
    let company = s.nordlys;
    let handles: Vec<_> = (0..2)
        .map(|i| {
            let pool = pool.clone();
            std::thread::spawn(move || {
                let mut conn = pool.get().expect("connection");
                let html = tillit::kernel::markdown::render("race");
                let title = format!("Race {i}");
                let input = tillit::reviews::model::ReviewInput {
                    rating: 3,
                    title: &title,
                    body_source: "race",
                    body_html: &html,
                    experience_date: None,
                    reference: None,
                };
                tillit::db::write_transaction(&mut conn, |c| {
                    tillit::reviews::model::create_review(c, company, other, &input, None)
                })
            })
        })
        .collect();
    let outcomes: Vec<_> = handles
        .into_iter()
        .map(|h| h.join().expect("thread"))
        .collect();
    let created = outcomes.iter().filter(|o| matches!(o, Ok(Ok(_)))).count();
    let refused = outcomes
        .iter()
        .filter(|o| {
            matches!(
                o,
                Ok(Err(tillit::reviews::model::ReviewRefusal::AlreadyReviewed(
                    _
                ))) | Err(_)
            )
        })
        .count();
    assert_eq!((created, refused), (1, 1), "{outcomes:?}");
    let rows: i64 = s.app.db(|c| {
        reviews::table
            .filter(reviews::author_id.eq(other))
            .count()
            .get_result(c)
            .expect("count")
    });
    assert_eq!(rows, 1);
}

#[actix_web::test]
async fn staff_cannot_review_their_own_company() {
    let s = setup(0).await;
    let anna = s.app.login("anna@nordlys.example", PASSWORD).await;
    anna.get("/companies/nordlys/review")
        .await
        .assert_status(403)
        .assert_has("staff of this company");
    write_review(&anna, "nordlys", "5", "We are great", "Best company")
        .await
        .assert_status(403);
    assert!(review_ids(&s.app).is_empty());
    // Another company's staff are customers here.
    let lars = s.app.login("lars@fjord.example", PASSWORD).await;
    assert_eq!(
        write_review(&lars, "nordlys", "3", "As a customer", "Fine")
            .await
            .status,
        303
    );
}

type ReviewSnapshot = (
    i32,
    String,
    String,
    Option<chrono::NaiveDateTime>,
    Option<chrono::NaiveDateTime>,
    i32,
);

fn snapshot(app: &TestApp, id: ReviewId) -> (ReviewSnapshot, Vec<String>) {
    app.db(|c| {
        let row = reviews::table
            .find(id)
            .select((
                reviews::rating,
                reviews::title,
                reviews::body_source,
                reviews::edited_at,
                reviews::withdrawn_at,
                reviews::helpful_count,
            ))
            .first(c)
            .expect("review");
        let labels = review_labels::table
            .filter(review_labels::review_id.eq(id))
            .select(review_labels::label)
            .load(c)
            .expect("labels");
        (row, labels)
    })
}

#[actix_web::test]
async fn no_staff_route_changes_a_review_of_their_company() {
    let s = setup(1).await;
    let customer = s.app.login("c0@example.se", PASSWORD).await;
    write_review(
        &customer,
        "nordlys",
        "1",
        "Terrible outage handling",
        "Nobody answered for three days.",
    )
    .await;
    let id = review_ids(&s.app)[0];
    let before = snapshot(&s.app, id);

    let anna = s.app.login("anna@nordlys.example", PASSWORD).await;
    anna.get(&format!("/reviews/{id}/edit"))
        .await
        .assert_status(403);
    let attempts: Vec<(String, Vec<(&str, &str)>)> = vec![
        (
            format!("/reviews/{id}/edit"),
            vec![
                ("rating", "5"),
                ("title", "Great service"),
                ("body", "All good"),
                ("action", "post"),
            ],
        ),
        (
            format!("/reviews/{id}/edit"),
            vec![
                ("rating", "5"),
                ("title", "Great service"),
                ("body", "All good"),
                ("action", "remove_pii"),
            ],
        ),
        (format!("/reviews/{id}/withdraw"), vec![]),
        (format!("/reviews/{id}/helpful"), vec![]),
        (
            format!("/reviews/{id}/reply"),
            vec![("body", "We disagree with this review.")],
        ),
        (
            "/companies/nordlys/reviews".to_string(),
            vec![
                ("rating", "5"),
                ("title", "Counter review"),
                ("body", "We are great"),
                ("action", "post"),
            ],
        ),
        (
            "/companies/nordlys/invitations".to_string(),
            vec![("action", "link")],
        ),
        (
            "/companies/nordlys/invitations".to_string(),
            vec![("emails", "friend@example.se"), ("action", "email")],
        ),
    ];
    for (path, fields) in &attempts {
        let resp = anna.post(path, fields).await;
        assert!(
            resp.status == 303 || resp.status == 200 || resp.status == 403,
            "{path}: {}",
            resp.status
        );
        assert_eq!(snapshot(&s.app, id), before, "{path} changed the review");
    }
    // The one thing staff may do is reply, which leaves the review itself intact.
    s.app
        .client()
        .get("/companies/nordlys")
        .await
        .assert_has("We disagree with this review.")
        .assert_has("Terrible outage handling");
    assert_eq!(
        review_ids(&s.app),
        vec![id],
        "no counter review was created"
    );
}

#[actix_web::test]
async fn the_company_replies_once_editable_and_the_reviewer_is_told() {
    let s = setup(1).await;
    let customer = s.app.login("c0@example.se", PASSWORD).await;
    write_review(&customer, "nordlys", "2", "Slow answers", "It took a week.").await;
    let id = review_ids(&s.app)[0];
    let anna = s.app.login("anna@nordlys.example", PASSWORD).await;
    assert_eq!(
        anna.post(
            &format!("/reviews/{id}/reply"),
            &[("body", "Sorry, we were short-staffed.")]
        )
        .await
        .status,
        303
    );
    assert_eq!(
        anna.post(
            &format!("/reviews/{id}/reply"),
            &[("body", "Sorry, we were short-staffed in October.")]
        )
        .await
        .status,
        303
    );
    let page = s.app.client().get("/companies/nordlys").await;
    page.assert_has("Sorry, we were short-staffed in October.")
        .assert_lacks("short-staffed.</p>")
        .assert_has("Nordlys Energi</strong> <span class=\"badge staff\">staff</span>");
    assert_eq!(
        s.app.db(|c| {
            use tillit::db::schema::{review_replies, review_reply_revisions};
            review_reply_revisions::table
                .inner_join(
                    review_replies::table
                        .on(review_replies::id.eq(review_reply_revisions::reply_id)),
                )
                .filter(review_replies::review_id.eq(id))
                .count()
                .get_result::<i64>(c)
                .expect("count")
        }),
        1
    );
    let mails = s.app.emails_to("c0@example.se").await;
    assert_eq!(mails.len(), 1, "one email for the reply, none for its edit");
    assert!(mails[0]
        .subject
        .contains("Nordlys Energi replied to your review"));

    // A reply that cannot be published comes back with the text as typed.
    let long = "x".repeat(10_001);
    anna.post(&format!("/reviews/{id}/reply"), &[("body", long.as_str())])
        .await
        .assert_status(422)
        .assert_has("Enter at most 10000 characters.")
        .assert_has(&long);
    anna.post(&format!("/reviews/{id}/reply"), &[("body", "   ")])
        .await
        .assert_status(422);
    anna.get(&format!("/reviews/{id}/reply"))
        .await
        .assert_status(200)
        .assert_has("short-staffed in October.");

    // Staff of another company, and customers, cannot reply.
    let lars = s.app.login("lars@fjord.example", PASSWORD).await;
    lars.post(&format!("/reviews/{id}/reply"), &[("body", "Hijack")])
        .await
        .assert_status(403);
    customer
        .post(&format!("/reviews/{id}/reply"), &[("body", "Me too")])
        .await
        .assert_status(403);
}

#[actix_web::test]
async fn invitations_are_single_use_and_label_the_review() {
    let s = setup(2).await;
    let anna = s.app.login("anna@nordlys.example", PASSWORD).await;
    anna.post(
        "/companies/nordlys/invitations",
        &[
            ("emails", "c0@example.se, not-an-address"),
            ("action", "email"),
        ],
    )
    .await
    .assert_status(422)
    .assert_has("not-an-address")
    .assert_has("c0@example.se, not-an-address");
    let resp = anna
        .post(
            "/companies/nordlys/invitations",
            &[
                ("emails", "email\nc0@example.se\n\"c1@example.se\""),
                ("action", "email"),
            ],
        )
        .await;
    assert_eq!(
        resp.status, 422,
        "the CSV header is not an address: {}",
        resp.status
    );
    let resp = anna
        .post(
            "/companies/nordlys/invitations",
            &[
                ("emails", "c0@example.se\n\"c1@example.se\";c0@example.se"),
                ("action", "email"),
            ],
        )
        .await;
    assert_eq!(resp.status, 303);
    let mail = s.app.emails_to("c0@example.se").await;
    assert_eq!(mail.len(), 1);
    let link = link_in(&mail[0].text, "/invite/").expect("invitation link");
    assert_eq!(s.app.emails_to("c1@example.se").await.len(), 1);

    let c0 = s.app.login("c0@example.se", PASSWORD).await;
    c0.get(&link)
        .await
        .assert_status(200)
        .assert_has("Nordlys Energi invites your review");
    let token = link.trim_start_matches("/invite/").to_string();
    let form = c0
        .get(&format!("/companies/nordlys/review?invitation={token}"))
        .await;
    form.assert_has(&format!("name=\"invitation\" value=\"{token}\""));
    let resp = c0
        .post(
            "/companies/nordlys/reviews",
            &[
                ("rating", "4"),
                ("title", "Invited review"),
                ("body", "Honest text"),
                ("invitation", token.as_str()),
                ("action", "post"),
            ],
        )
        .await;
    assert_eq!(resp.status, 303);
    s.app
        .client()
        .get("/companies/nordlys")
        .await
        .assert_has("invited by the company");

    // The same link a second time: refused, nothing written.
    let c1 = s.app.login("c1@example.se", PASSWORD).await;
    c1.get(&link).await.assert_status(404);
    let resp = c1
        .post(
            "/companies/nordlys/reviews",
            &[
                ("rating", "5"),
                ("title", "Reused link"),
                ("body", "Text"),
                ("invitation", token.as_str()),
                ("action", "post"),
            ],
        )
        .await;
    resp.assert_status(400)
        .assert_has("This invitation does not work");
    assert_eq!(review_ids(&s.app).len(), 1);
    // Customers cannot send invitations.
    c1.get("/companies/nordlys/invitations")
        .await
        .assert_status(403);
}

#[actix_web::test]
async fn reviews_sort_and_filter() {
    let s = setup(5).await;
    let titles = [
        "One star",
        "Two stars",
        "Three stars",
        "Four stars",
        "Five stars",
    ];
    for (i, title) in titles.iter().enumerate() {
        let client = s.app.login(&format!("c{i}@example.se"), PASSWORD).await;
        let rating = (i + 1).to_string();
        write_review(&client, "nordlys", &rating, title, "Review text here").await;
    }
    let ids = review_ids(&s.app);
    // "Three stars" gets two helpful votes, "One star" one.
    for voter in ["c0", "c1"] {
        let client = s.app.login(&format!("{voter}@example.se"), PASSWORD).await;
        client
            .post(&format!("/reviews/{}/helpful", ids[2]), &[])
            .await;
    }
    let c3 = s.app.login("c3@example.se", PASSWORD).await;
    c3.post(&format!("/reviews/{}/helpful", ids[0]), &[]).await;
    c3.post(&format!("/reviews/{}/helpful", ids[0]), &[]).await;
    let own = s.app.login("c0@example.se", PASSWORD).await;
    own.post(&format!("/reviews/{}/helpful", ids[0]), &[])
        .await
        .assert_status(403);
    let anna = s.app.login("anna@nordlys.example", PASSWORD).await;
    anna.post(&format!("/reviews/{}/helpful", ids[4]), &[])
        .await
        .assert_status(403);

    let order = |body: &str| -> Vec<&'static str> {
        let mut found: Vec<(usize, &'static str)> = titles
            .iter()
            .filter_map(|t| body.find(&format!("<h3>{t}</h3>")).map(|p| (p, *t)))
            .collect();
        found.sort();
        found.into_iter().map(|(_, t)| t).collect()
    };
    let visitor = s.app.client();
    let get = |q: &str| format!("/companies/nordlys?{q}");
    assert_eq!(
        order(&visitor.get(&get("sort=newest")).await.body),
        [
            "Five stars",
            "Four stars",
            "Three stars",
            "Two stars",
            "One star"
        ]
    );
    assert_eq!(
        order(&visitor.get(&get("sort=oldest")).await.body),
        [
            "One star",
            "Two stars",
            "Three stars",
            "Four stars",
            "Five stars"
        ]
    );
    assert_eq!(
        order(&visitor.get(&get("sort=highest")).await.body),
        [
            "Five stars",
            "Four stars",
            "Three stars",
            "Two stars",
            "One star"
        ]
    );
    assert_eq!(
        order(&visitor.get(&get("sort=lowest")).await.body),
        [
            "One star",
            "Two stars",
            "Three stars",
            "Four stars",
            "Five stars"
        ]
    );
    assert_eq!(
        order(&visitor.get(&get("sort=helpful")).await.body),
        [
            "Three stars",
            "One star",
            "Five stars",
            "Four stars",
            "Two stars"
        ]
    );
    assert_eq!(
        order(&visitor.get(&get("stars=2")).await.body),
        ["Two stars"]
    );

    let c4 = s.app.login("c4@example.se", PASSWORD).await;
    let resp = c4
        .post(
            &format!("/reviews/{}/edit", ids[4]),
            &[
                ("rating", "4"),
                ("title", "Five stars"),
                ("body", "Changed my mind"),
                ("action", "post"),
            ],
        )
        .await;
    assert_eq!(resp.status, 303);
    assert_eq!(
        order(&visitor.get(&get("label=edited")).await.body),
        ["Five stars"]
    );
    assert_eq!(
        order(&visitor.get(&get("stars=5")).await.body),
        Vec::<&str>::new()
    );
    // The public sees that it was edited and what it says now; the words it
    // had, only its author.
    visitor
        .get(&format!("/reviews/{}/history", ids[4]))
        .await
        .assert_has("Changed my mind")
        .assert_has("edited")
        .assert_lacks("Review text here");
    c4.get(&format!("/reviews/{}/history", ids[4]))
        .await
        .assert_has("Review text here")
        .assert_has("Changed my mind");
    // Nonsense parameters fall back to the defaults.
    visitor
        .get(&get("sort=evil&stars=9&label=x&after=zz"))
        .await
        .assert_status(200);
}

#[actix_web::test]
async fn review_pages_page_through_without_repeats() {
    let s = setup(0).await;
    let mut ids = Vec::new();
    for i in 0..45 {
        let user = s
            .app
            .create_user(&format!("p{i}@example.se"), "Person", PASSWORD, true);
        let html = tillit::kernel::markdown::render("text");
        let title = format!("Review {i:02}");
        let rating = (i % 5) + 1;
        let id = s.app.db(|c| {
            let input = tillit::reviews::model::ReviewInput {
                rating,
                title: &title,
                body_source: "text",
                body_html: &html,
                experience_date: None,
                reference: None,
            };
            tillit::reviews::model::create_review(c, s.nordlys, user, &input, None)
                .expect("query")
                .expect("created")
        });
        ids.push(id);
    }
    for sort in ["newest", "oldest", "highest", "lowest", "helpful"] {
        let visitor = s.app.client();
        let mut seen: Vec<String> = Vec::new();
        let mut path = format!("/companies/nordlys?sort={sort}");
        loop {
            let page = visitor.get(&path).await;
            for (i, m) in page.body.match_indices("<h3>Review ") {
                seen.push(page.body[i + m.len()..i + m.len() + 2].to_string());
            }
            match page
                .body
                .split("&amp;after=")
                .nth(1)
                .and_then(|r| r.split('"').next())
            {
                Some(cursor) => path = format!("/companies/nordlys?sort={sort}&after={cursor}"),
                None => break,
            }
        }
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!((seen.len(), unique.len()), (45, 45), "sort {sort}");
    }
}

#[actix_web::test]
async fn the_reference_is_seen_only_by_the_company_and_moderators() {
    let s = setup(1).await;
    let customer = s.app.login("c0@example.se", PASSWORD).await;
    write_review(&customer, "nordlys", "3", "Average", "Okay service").await;
    s.app
        .client()
        .get("/companies/nordlys")
        .await
        .assert_lacks("ORD-777");
    customer
        .get("/companies/nordlys")
        .await
        .assert_lacks("ORD-777");
    s.app
        .login("lars@fjord.example", PASSWORD)
        .await
        .get("/companies/nordlys")
        .await
        .assert_lacks("ORD-777");
    s.app
        .login("anna@nordlys.example", PASSWORD)
        .await
        .get("/companies/nordlys")
        .await
        .assert_has("ORD-777");
    let moderator = s
        .app
        .create_user("mod@tillit.example", "Mod", PASSWORD, true);
    s.app
        .db(|c| tillit::accounts::model::set_moderator(c, moderator, true).expect("moderator"));
    s.app
        .login("mod@tillit.example", PASSWORD)
        .await
        .get("/companies/nordlys")
        .await
        .assert_has("ORD-777");
    s.app
        .client()
        .get("/search?q=ORD")
        .await
        .assert_lacks("ORD-777");
    let _ = &s.customers;
}

#[actix_web::test]
async fn bad_review_input_keeps_the_text() {
    let s = setup(1).await;
    let customer = s.app.login("c0@example.se", PASSWORD).await;
    let resp = customer
        .post(
            "/companies/nordlys/reviews",
            &[
                ("rating", "7"),
                ("title", "Fine title"),
                ("body", "My long text"),
                ("experience_date", "2999-01-01"),
                ("action", "post"),
            ],
        )
        .await;
    resp.assert_status(422)
        .assert_has("Choose from 1 to 5 stars.")
        .assert_has("The date cannot be in the future.")
        .assert_has(">My long text</textarea>")
        .assert_has("value=\"Fine title\"");
    let resp = customer
        .post(
            "/companies/nordlys/reviews",
            &[
                ("rating", "2"),
                ("title", "Call me"),
                ("body", "Ring 070-123 45 67"),
                ("action", "post"),
            ],
        )
        .await;
    resp.assert_status(422)
        .assert_has("<mark>070-123 45 67</mark>");
    assert!(review_ids(&s.app).is_empty());
    // Unverified customers cannot review.
    s.app.create_user("new@example.se", "New", PASSWORD, false);
    let newbie = s.app.login("new@example.se", PASSWORD).await;
    write_review(&newbie, "nordlys", "5", "Hello", "Text")
        .await
        .assert_status(403);
}

#[actix_web::test]
async fn the_directory_sorts_by_score_and_by_reviews() {
    let s = setup(7).await;
    s.app.create_company("Small Shop", "small-shop");
    // Nordlys: six 4-star reviews, (5 × 3.5 + 24) / 11 = 3.77.
    // Small Shop: one 5-star review, (5 × 3.5 + 5) / 6 = 3.75.
    for i in 0..6 {
        let c = s.app.login(&format!("c{i}@example.se"), PASSWORD).await;
        write_review(&c, "nordlys", "4", "Good", "Good").await;
    }
    let c = s.app.login("c6@example.se", PASSWORD).await;
    write_review(&c, "small-shop", "5", "Perfect", "Perfect").await;
    let position = |body: &str, name: &str| {
        body.find(&format!(">{name}</a></h2>"))
            .unwrap_or(usize::MAX)
    };
    let by_score = s.app.client().get("/companies?sort=score").await;
    assert!(
        position(&by_score.body, "Nordlys Energi") < position(&by_score.body, "Small Shop"),
        "six 4s outrank one 5"
    );
    let by_count = s.app.client().get("/companies?sort=reviews").await;
    assert!(position(&by_count.body, "Nordlys Energi") < position(&by_count.body, "Small Shop"));
    let by_name = s.app.client().get("/companies?sort=name&q=s").await;
    assert!(
        position(&by_name.body, "Fjordbanken") == usize::MAX
            || position(&by_name.body, "Fjordbanken") < position(&by_name.body, "Small Shop")
    );
    s.app
        .client()
        .get("/about/reviews")
        .await
        .assert_status(200)
        .assert_has("5 imaginary reviews of 3.5 stars");
}

/// Sends the same request until it is refused; returns how many went through.
async fn accepted_before_refusal(client: &Client, path: &str, fields: &[(&str, &str)]) -> usize {
    for n in 0..200 {
        let resp = client.post(path, fields).await;
        if resp.status == 429 {
            return n;
        }
        assert!(resp.status < 400, "{path}: {} {}", resp.status, resp.body);
    }
    panic!("{path} was never refused");
}

#[actix_web::test]
async fn reviews_edits_replies_votes_and_previews_are_rate_limited() {
    let s = setup(2).await;
    let customer = s.app.login("c0@example.se", PASSWORD).await;
    write_review(&customer, "nordlys", "2", "Slow answers", "It took a week.").await;
    let id = review_ids(&s.app)[0];
    let edit = format!("/reviews/{id}/edit");
    let edit_fields = [
        ("rating", "3"),
        ("title", "Slow answers"),
        ("body", "It took a week, then they fixed it."),
        ("experience_date", "2026-10-01"),
        ("action", "post"),
    ];
    assert_eq!(
        accepted_before_refusal(&customer, &edit, &edit_fields).await,
        20
    );

    let preview_fields = [
        ("rating", "3"),
        ("title", "Slow answers"),
        ("body", "A *preview* of my review."),
        ("action", "preview"),
    ];
    assert_eq!(
        accepted_before_refusal(&customer, "/companies/fjordbanken/reviews", &preview_fields).await,
        30
    );

    let anna = s.app.login("anna@nordlys.example", PASSWORD).await;
    let reply = format!("/reviews/{id}/reply");
    assert_eq!(
        accepted_before_refusal(&anna, &reply, &[("body", "We are sorry about the wait.")]).await,
        20
    );

    let other = s.app.login("c1@example.se", PASSWORD).await;
    let helpful = format!("/reviews/{id}/helpful");
    assert_eq!(accepted_before_refusal(&other, &helpful, &[]).await, 60);
}
