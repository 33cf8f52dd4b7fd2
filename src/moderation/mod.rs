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

use actix_web::web;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    use handlers::{cases, flags, guidelines, log, notifications, queue};
    cfg.route("/guidelines", web::get().to(guidelines::guidelines_page))
        .route("/flag/{kind}/{id}", web::get().to(flags::flag_form))
        .route("/flag/{kind}/{id}", web::post().to(flags::flag))
        .route("/moderation", web::get().to(queue::queue))
        .route("/moderation/cases/{id}", web::get().to(cases::show_case))
        .route("/moderation/cases/{id}", web::post().to(cases::decide))
        .route(
            "/moderation/decisions/{id}/restore",
            web::post().to(cases::restore),
        )
        .route("/moderation/log", web::get().to(log::log))
        .route("/moderation/transparency", web::get().to(log::transparency))
        .route(
            "/notifications",
            web::get().to(notifications::notifications),
        )
        .route(
            "/notifications/{id}",
            web::get().to(notifications::show_statement),
        )
        .route(
            "/notifications/{id}/appeal",
            web::post().to(notifications::appeal),
        )
        .route(
            "/admin/guidelines",
            web::get().to(guidelines::admin_guidelines),
        )
        .route(
            "/admin/guidelines/{id}",
            web::get().to(guidelines::admin_clause),
        )
        .route(
            "/admin/guidelines/{id}",
            web::post().to(guidelines::save_clause),
        );
}
