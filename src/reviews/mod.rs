//! Companies and their review pages: the directory, the score, reviews with
//! their history and labels, the company's replies, and invitations.

pub mod demo;
pub mod emails;
pub mod handlers;
pub mod model;
pub mod permissions;
pub mod score;
pub mod views;

use actix_web::web;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    use handlers::*;
    cfg.route("/", web::get().to(home))
        .route("/companies", web::get().to(directory))
        .route("/companies/{slug}", web::get().to(company))
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
        .route("/about/reviews", web::get().to(about))
        .route("/admin/companies", web::get().to(admin_companies))
        .route("/admin/companies", web::post().to(create_company));
}
