//! `tillit bench-data` on both databases: a small seeded dataset that the
//! real pages read — a thread with 50 replies, search through the index
//! the generator fills, company totals — and sequences that continue after
//! it (a new thread gets a fresh id on PostgreSQL too).

use diesel::prelude::*;
use tillit::benchdata::{generate, Sizes};
use tillit::db::schema::{companies, posts, reviews, threads};

use crate::common::TestApp;

#[actix_web::test]
async fn a_small_dataset_serves_the_benchmarked_pages() {
    let app = TestApp::new().await;
    let sizes = Sizes {
        companies: 3,
        users: 60,
        threads: 20,
        posts: 300,
        reviews: 40,
        seed: 7,
    };
    let manifest = app.db(|c| generate(c, &sizes, |_, _| {}).expect("generated"));
    assert_eq!(manifest.sizes.posts, 300);
    let (post_count, thread_count, review_count): (i64, i64, i64) = app.db(|c| {
        (
            posts::table.count().get_result(c).expect("posts"),
            threads::table.count().get_result(c).expect("threads"),
            reviews::table.count().get_result(c).expect("reviews"),
        )
    });
    assert_eq!((post_count, thread_count, review_count), (300, 20, 40));
    // The same seed gives the same data.
    let totals: i64 = app.db(|c| {
        companies::table
            .select(diesel::dsl::sum(companies::review_count))
            .first::<Option<i64>>(c)
            .expect("totals")
            .unwrap_or(0)
    });
    assert_eq!(totals, 40);

    let visitor = app.client();
    let thread = manifest.threads_with_50_replies[0];
    let page = visitor.get(&format!("/threads/{thread}")).await;
    page.assert_status(200);
    assert_eq!(page.body.matches("<section class=\"post").count(), 51);
    visitor
        .get(&format!("/forum/{}", manifest.category_slug))
        .await
        .assert_status(200);
    visitor
        .get(&format!("/companies/{}", manifest.company_slug))
        .await
        .assert_status(200);
    // Generated accounts log in with the manifest's password.
    let customer = app
        .login(&manifest.customer_emails[0], manifest.password)
        .await;
    let reply = customer
        .post(
            &format!("/threads/{}/reply", manifest.reply_threads[0]),
            &[
                ("body", "A reply after the generated ones."),
                ("action", "post"),
            ],
        )
        .await;
    reply.assert_status(303);
    let moderator = app
        .login(&manifest.moderator_email, manifest.password)
        .await;
    moderator.get("/moderation").await.assert_status(200);
    let staff = app.login(&manifest.staff_email, manifest.password).await;
    staff.get("/desk").await.assert_status(200);
    // Generating into a database that has users is refused.
    let again = app.db(|c| generate(c, &sizes, |_, _| {}));
    assert!(again.is_err());
}
