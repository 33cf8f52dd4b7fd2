//! Suspicious reviews: a suspicion score from signals stored with each
//! review, a verification queue for neutral moderators, requests emailed
//! with a single-use link, the reviewer's answer, and the outcome as a
//! label. Nothing is taken down (DOMAIN.md, principle 5).

pub mod emails;
pub mod handlers;
pub mod model;
pub mod signals;
pub mod views;

use actix_web::web;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    use handlers::*;
    cfg.route("/verification", web::get().to(queue))
        .route("/verification/{id}", web::get().to(show))
        .route("/verification/{id}/request", web::post().to(request))
        .route("/verification/{id}/dismiss", web::post().to(dismiss))
        .route("/verification/{id}/decide", web::post().to(decide))
        .route(
            "/reviews/{id}/ask-verification",
            web::post().to(company_asks),
        )
        .route("/reviews/{id}/verify", web::get().to(offer_form))
        .route("/reviews/{id}/verify", web::post().to(offer))
        .route("/verify-review/{token}", web::get().to(answer_form))
        .route("/verify-review/{token}", web::post().to(answer));
}
