//! Moderation: guidelines as versioned data, flags, automatic checks that
//! hold or flag (never delete), one queue for neutral moderators, decisions
//! with statements of reasons, appeals to a different moderator, a public
//! log and transparency figures. DOMAIN.md principles 1–4.

pub mod checks;
pub mod emails;
pub mod figures;
pub mod guidelines;
pub mod handlers;
pub mod hooks;
pub mod model;
pub mod permissions;
pub mod views;
pub mod visibility;

use actix_web::web;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    use handlers::*;
    cfg.route("/guidelines", web::get().to(guidelines_page))
        .route("/flag/{kind}/{id}", web::get().to(flag_form))
        .route("/flag/{kind}/{id}", web::post().to(flag))
        .route("/moderation", web::get().to(queue))
        .route("/moderation/cases/{id}", web::get().to(show_case))
        .route("/moderation/cases/{id}", web::post().to(decide))
        .route(
            "/moderation/decisions/{id}/restore",
            web::post().to(restore),
        )
        .route("/moderation/log", web::get().to(log))
        .route("/moderation/transparency", web::get().to(transparency))
        .route("/notifications", web::get().to(notifications))
        .route("/notifications/{id}", web::get().to(show_statement))
        .route("/notifications/{id}/appeal", web::post().to(appeal))
        .route("/admin/guidelines", web::get().to(admin_guidelines))
        .route("/admin/guidelines/{id}", web::get().to(admin_clause))
        .route("/admin/guidelines/{id}", web::post().to(save_clause));
}
