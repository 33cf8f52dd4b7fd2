//! Companies and their review pages: the directory, the score, reviews with
//! their history and labels, the company's replies, and invitations.

pub mod emails;
pub mod handlers;
pub mod model;
pub mod permissions;
pub mod views;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    use crate::kernel::item::ItemRef;
    use crate::web::items;
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
        // A withdrawn review is labelled and leaves the score.
        .post(
            "/reviews/{id}/withdraw",
            items::withdraw_route(
                ItemRef::Review,
                |conn, item| Ok(model::after_withdrawal(conn, item)?),
                "review-withdrawn-done",
            ),
        )
        .get(
            "/reviews/{id}/history",
            items::history_route(ItemRef::Review),
        )
        .post("/reviews/{id}/helpful", write::helpful)
        .get("/reviews/{id}/reply", replies::reply_form)
        .post("/reviews/{id}/reply", replies::reply)
        .get(
            "/replies/{id}/history",
            items::history_route(ItemRef::Reply),
        )
        .get("/invite/{token}", invitations::invite_landing)
        .get("/invite/{token}/stop", invitations::stop_page)
        .post("/invite/{token}/stop", invitations::stop)
        .get("/about/reviews", company_page::about);
}
