//! Public pages for anonymous visitors come from the page cache: each
//! visitor still gets their own working CSRF token, a write on the instance
//! shows at once, and logged-in visitors always see the database.

use diesel::prelude::*;
use tillit::db::schema::threads;

use crate::common::TestApp;

const PASSWORD: &str = "correct horse battery";

#[actix_web::test]
async fn anonymous_pages_are_cached_with_each_visitors_own_token() {
    let app = TestApp::new().await;
    app.create_company("Nordlys Energi", "nordlys");
    app.create_user("karin@example.se", "Karin", PASSWORD, true);
    let karin = app.login("karin@example.se", PASSWORD).await;
    let created = karin
        .post(
            "/forum/nordlys/new",
            &[
                ("title", "Cached title"),
                ("kind", "question"),
                ("body", "How long is a page kept?"),
                ("action", "post"),
            ],
        )
        .await;
    created.assert_status(303);
    let path = created.location().to_string();
    let id: i64 = path
        .trim_start_matches("/threads/")
        .parse()
        .expect("thread id");

    let (first, second) = (app.client(), app.client());
    let page_one = first.get(&path).await;
    page_one.assert_status(200).assert_has("Cached title");
    let page_two = second.get(&path).await;
    page_two.assert_status(200).assert_has("Cached title");
    let (one, two) = (
        page_one.csrf_token().expect("a token"),
        page_two.csrf_token().expect("a token"),
    );
    assert_ne!(one, two, "two visitors never share a token");
    assert!(!page_two.body.contains("csrfSlot"));
    assert_eq!(
        page_one.body.replace(&one, "T"),
        page_two.body.replace(&two, "T"),
        "the same page apart from the token"
    );

    // A change made behind the application's back is not seen by anonymous
    // visitors until the page expires or something is written…
    app.db(|c| {
        diesel::update(threads::table.find(id))
            .set(threads::title.eq("Renamed title"))
            .execute(c)
            .expect("rename")
    });
    second.get(&path).await.assert_has("Cached title");
    // …while a logged-in visitor reads the database.
    karin.get(&path).await.assert_has("Renamed title");

    // The token in a cached page is the visitor's own: it logs them in.
    app.create_user("mads@example.dk", "Mads", PASSWORD, true);
    let login = second
        .post_without_token(
            "/login",
            &[
                ("csrf_token", two.as_str()),
                ("email", "mads@example.dk"),
                ("password", PASSWORD),
            ],
        )
        .await;
    login.assert_status(303);

    // That write (a login) invalidated the cache: everybody sees the new title.
    app.client().get(&path).await.assert_has("Renamed title");
}

#[actix_web::test]
async fn a_search_that_finds_nothing_is_counted_every_time() {
    let app = TestApp::new().await;
    let visitor = app.client();
    for _ in 0..3 {
        visitor
            .get("/search?q=zebra")
            .await
            .assert_status(200)
            .assert_has("Nothing found");
    }
    let misses: i64 = app.db(|c| {
        tillit::db::schema::search_misses::table
            .count()
            .get_result(c)
            .expect("misses")
    });
    assert_eq!(misses, 3);
}

/// A post that contains what the cache once used as its token placeholder
/// (or anything else) is shown as written: a viewer's token goes only where
/// the templates print it.
#[actix_web::test]
async fn a_post_cannot_collect_the_viewers_token() {
    let app = TestApp::new().await;
    app.create_company("Nordlys Energi", "nordlys");
    app.create_user("karin@example.se", "Karin", PASSWORD, true);
    let karin = app.login("karin@example.se", PASSWORD).await;
    let bait = "Send me this: csrfPlaceholder7Kq2Zx9Wm4 and csrfSlot";
    let created = karin
        .post(
            "/forum/nordlys/new",
            &[
                ("title", "Token collector"),
                ("kind", "question"),
                ("body", bait),
                ("action", "post"),
            ],
        )
        .await;
    let path = created.location().to_string();
    for visitor in [app.client(), app.client()] {
        let page = visitor.get(&path).await;
        page.assert_status(200).assert_has(bait);
        let token = page.csrf_token().expect("a token");
        let forms = page.body.matches("name=\"csrf_token\"").count();
        assert_eq!(
            page.body.matches(&token).count(),
            forms,
            "the token appears outside the forms' token fields"
        );
    }
}
