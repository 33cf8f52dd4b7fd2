//! Companies: the directory, the home page, the score a company page
//! shows, and the administrator's company list. Reviews, the forum sections
//! and the support desk hang off a company.

pub mod handlers;
pub mod model;
pub mod score;
pub mod views;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    use handlers::*;
    cfg.public("/", home_page)
        .get("/companies", directory)
        .get("/admin/companies", admin_companies)
        .post("/admin/companies", create_company);
}
