//! Companies and their review pages: the directory, the score, reviews with
//! their history and labels, the company's replies, and invitations.

pub mod emails;
pub mod handlers;
pub mod model;
pub mod permissions;
pub mod views;

use actix_web::web;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    use handlers::*;
    cfg.route("/companies/{slug}", web::get().to(company))
        .route("/companies/{slug}/review", web::get().to(write_form))
        .route("/companies/{slug}/reviews", web::post().to(create_review))
        .route("/companies/{slug}/invitations", web::get().to(invitations))
        .route(
            "/companies/{slug}/invitations",
            web::post().to(send_invitations),
        )
        .route("/reviews/{id}/edit", web::get().to(edit_form))
        .route("/reviews/{id}/edit", web::post().to(edit))
        .route("/reviews/{id}/withdraw", web::post().to(withdraw))
        .route("/reviews/{id}/history", web::get().to(history))
        .route("/reviews/{id}/helpful", web::post().to(helpful))
        .route("/reviews/{id}/reply", web::get().to(reply_form))
        .route("/reviews/{id}/reply", web::post().to(reply))
        .route("/invite/{token}", web::get().to(invite_landing))
        .route("/about/reviews", web::get().to(about));
}
