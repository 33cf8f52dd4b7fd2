//! People's rights over their data (GDPR art. 15, 17, 20): the export of
//! everything held about a person, the erasure of an account, the
//! retention rules that remove what has served its purpose, and the public
//! page that lists them (docs/privacy.md is the same list for operators).

pub mod erasure;
pub mod export;
pub mod handlers;
pub mod retention;
pub mod views;
pub mod zip;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    use handlers::*;
    cfg.get("/privacy", privacy_page)
        .get("/account/data", my_data)
        .post("/account/export", request_export)
        .get("/account/export/{token}", download_export)
        .post("/account/erase", erase_account)
        .post("/admin/users/{id}/erase", admin_erase);
}
