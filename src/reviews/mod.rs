//! Companies and their review pages: the directory, the score, reviews with
//! their history and labels, the company's replies, and invitations.

pub mod emails;
pub mod handlers;
pub mod model;
pub mod permissions;
pub mod views;

use actix_web::web;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    use handlers::{company_page, invitations, replies, write};
    cfg.route("/companies/{slug}", web::get().to(company_page::company))
        .route("/companies/{slug}/review", web::get().to(write::write_form))
        .route(
            "/companies/{slug}/reviews",
            web::post().to(write::create_review),
        )
        .route(
            "/companies/{slug}/invitations",
            web::get().to(invitations::invitations),
        )
        .route(
            "/companies/{slug}/invitations",
            web::post().to(invitations::send_invitations),
        )
        .route("/reviews/{id}/edit", web::get().to(write::edit_form))
        .route("/reviews/{id}/edit", web::post().to(write::edit))
        .route("/reviews/{id}/withdraw", web::post().to(write::withdraw))
        .route("/reviews/{id}/history", web::get().to(write::history))
        .route("/reviews/{id}/helpful", web::post().to(write::helpful))
        .route("/reviews/{id}/reply", web::get().to(replies::reply_form))
        .route("/reviews/{id}/reply", web::post().to(replies::reply))
        .route("/replies/{id}/history", web::get().to(replies::history))
        .route(
            "/invite/{token}",
            web::get().to(invitations::invite_landing),
        )
        .route("/about/reviews", web::get().to(company_page::about));
}
