//! Companies and (from the review issue on) their review pages.

pub mod handlers;
pub mod model;
pub mod views;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    use handlers::*;
    cfg.route("/", web::get().to(home))
        .route("/companies", web::get().to(directory))
        .route("/companies/{slug}", web::get().to(company))
        .route("/admin/companies", web::get().to(admin_companies))
        .route("/admin/companies", web::post().to(create_company));
}
