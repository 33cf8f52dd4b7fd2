//! Suspicious reviews: a suspicion score from signals stored with each
//! review, a verification queue for neutral moderators, requests emailed
//! with a single-use link, the reviewer's answer, and the outcome as a
//! label. Nothing is taken down (DOMAIN.md, principle 5).

pub mod emails;
pub mod handlers;
pub mod model;
pub mod signals;
pub mod views;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    use handlers::*;
    cfg.get("/verification", queue)
        .get("/verification/{id}", show)
        .post("/verification/{id}/request", request)
        .post("/verification/{id}/dismiss", dismiss)
        .post("/verification/{id}/decide", decide)
        .post("/reviews/{id}/ask-verification", company_asks)
        .get("/reviews/{id}/verify", offer_form)
        .post("/reviews/{id}/verify", offer)
        .get("/verify-review/{token}", answer_form)
        .post("/verify-review/{token}", answer);
}
