//! Companies: the directory, the home page, the score a company page
//! shows, and the administrator's company list. Reviews, the forum sections
//! and the support desk hang off a company.

pub mod handlers;
pub mod model;
pub mod score;
pub mod views;

use actix_web::web;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    use handlers::*;
    cfg.route("/", web::get().to(home))
        .route("/companies", web::get().to(directory))
        .route("/admin/companies", web::get().to(admin_companies))
        .route("/admin/companies", web::post().to(create_company));
}
