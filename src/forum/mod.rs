//! The customer forum: categories (general ones and one section per
//! company), threads and replies in sanitised Markdown, official replies,
//! accepted answers, ratings, subscriptions, search and the personal-data guard.

pub mod emails;
pub mod handlers;
pub mod model;
pub mod permissions;
pub mod views;

use actix_web::web;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    use handlers::*;
    cfg.route("/forum", web::get().to(index))
        .route("/forum/{slug}", web::get().to(category))
        .route("/forum/{slug}/new", web::get().to(new_thread_form))
        .route("/forum/{slug}/new", web::post().to(create_thread))
        .route("/threads/{id}", web::get().to(show_thread))
        .route("/threads/{id}/reply", web::post().to(reply))
        .route("/threads/{id}/subscription", web::post().to(subscribe))
        .route("/posts/{id}", web::get().to(post_link))
        .route("/posts/{id}/edit", web::get().to(edit_form))
        .route("/posts/{id}/edit", web::post().to(edit))
        .route("/posts/{id}/withdraw", web::post().to(withdraw))
        .route("/posts/{id}/history", web::get().to(history))
        .route("/posts/{id}/accept", web::post().to(accept))
        .route("/posts/{id}/rate", web::post().to(rate))
        .route("/unsubscribe/{token}", web::get().to(unsubscribe_page))
        .route("/unsubscribe/{token}", web::post().to(unsubscribe))
        .route("/search", web::get().to(search));
}
