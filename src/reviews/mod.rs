//! Companies and their review pages: the directory, the score, reviews with
//! their history and labels, the company's replies, and invitations.

pub mod emails;
pub mod handlers;
pub mod model;
pub mod permissions;
pub mod views;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    use handlers::{company_page, invitations, replies, write};
    cfg.public("/companies/{slug}", company_page::company_page)
        .get("/companies/{slug}/review", write::write_form)
        .post("/companies/{slug}/reviews", write::create_review)
        .get("/companies/{slug}/invitations", invitations::invitations)
        .post(
            "/companies/{slug}/invitations",
            invitations::send_invitations,
        )
        .get("/reviews/{id}/edit", write::edit_form)
        .post("/reviews/{id}/edit", write::edit)
        .post("/reviews/{id}/withdraw", write::withdraw)
        .get("/reviews/{id}/history", write::history)
        .post("/reviews/{id}/helpful", write::helpful)
        .get("/reviews/{id}/reply", replies::reply_form)
        .post("/reviews/{id}/reply", replies::reply)
        .get("/replies/{id}/history", replies::history)
        .get("/invite/{token}", invitations::invite_landing)
        .get("/about/reviews", company_page::about);
}
