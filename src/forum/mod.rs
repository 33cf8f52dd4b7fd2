//! The customer forum: categories (general ones and one section per
//! company), threads and replies in sanitised Markdown, official replies,
//! accepted answers, ratings, subscriptions, search and the personal-data guard.

pub mod compose;
pub mod emails;
pub mod handlers;
pub mod model;
pub mod permissions;
pub mod views;

use actix_web::web;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    use handlers::{categories, posts, search, subscriptions, threads};
    cfg.route("/forum", web::get().to(categories::index))
        .route("/forum/{slug}", web::get().to(categories::category))
        .route("/forum/{slug}/new", web::get().to(threads::new_thread_form))
        .route("/forum/{slug}/new", web::post().to(threads::create_thread))
        .route("/threads/{id}", web::get().to(threads::show_thread))
        .route("/threads/{id}/reply", web::post().to(posts::reply))
        .route(
            "/threads/{id}/subscription",
            web::post().to(subscriptions::subscribe),
        )
        .route("/posts/{id}", web::get().to(posts::post_link))
        .route("/posts/{id}/edit", web::get().to(posts::edit_form))
        .route("/posts/{id}/edit", web::post().to(posts::edit))
        .route("/posts/{id}/withdraw", web::post().to(posts::withdraw))
        .route("/posts/{id}/history", web::get().to(posts::history))
        .route("/posts/{id}/accept", web::post().to(posts::accept))
        .route("/posts/{id}/rate", web::post().to(posts::rate))
        .route(
            "/unsubscribe/{token}",
            web::get().to(subscriptions::unsubscribe_page),
        )
        .route(
            "/unsubscribe/{token}",
            web::post().to(subscriptions::unsubscribe),
        )
        .route("/search", web::get().to(search::search));
}
