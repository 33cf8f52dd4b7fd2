//! The customer forum: categories (general ones and one section per
//! company), threads and replies in sanitised Markdown, official replies,
//! accepted answers, ratings, subscriptions and the personal-data guard.

pub mod compose;
pub mod emails;
pub mod handlers;
pub mod model;
pub mod permissions;
pub mod views;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    use crate::kernel::item::ItemRef;
    use crate::web::items;
    use handlers::{categories, posts, subscriptions, threads};
    cfg.public("/forum", categories::index_page)
        .public("/latest", categories::latest_page)
        .public("/forum/{slug}", categories::category_page)
        .get("/forum/{slug}/new", threads::new_thread_form)
        .post("/forum/{slug}/new", threads::create_thread)
        .public("/threads/{id}", threads::thread_view)
        .post("/threads/{id}/reply", posts::reply)
        .post("/threads/{id}/subscription", subscriptions::subscribe)
        .get("/posts/{id}", posts::post_link)
        .get("/posts/{id}/edit", posts::edit_form)
        .post("/posts/{id}/edit", posts::edit)
        // Withdrawing a post withdraws its thread too when it opens one
        // (`kernel::item::withdraw`): nothing more to add here.
        .post(
            "/posts/{id}/withdraw",
            items::withdraw_route(ItemRef::Post, items::no_effects, "forum-withdrawn-done"),
        )
        .get("/posts/{id}/history", items::history_route(ItemRef::Post))
        .post("/posts/{id}/accept", posts::accept)
        .post("/posts/{id}/rate", posts::rate)
        .get("/unsubscribe/{token}", subscriptions::unsubscribe_page)
        .post("/unsubscribe/{token}", subscriptions::unsubscribe);
}
