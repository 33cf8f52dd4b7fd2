//! Accounts: sign-up, email verification, login, password reset, roles and
//! the profile.

pub mod admin;
pub mod emails;
pub mod handlers;
pub mod model;
pub mod password;
pub mod tokens;
pub mod views;

use actix_web::web;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    use handlers::*;
    cfg.route("/signup", web::get().to(signup_form))
        .route("/signup", web::post().to(signup))
        .route("/verify-email", web::get().to(verify_email))
        .route("/account/verify-email", web::post().to(resend_verification))
        .route("/login", web::get().to(login_form))
        .route("/login", web::post().to(login))
        .route("/logout", web::post().to(logout))
        .route("/password-reset", web::get().to(reset_form))
        .route("/password-reset", web::post().to(reset_request))
        .route("/password-reset/confirm", web::get().to(reset_confirm_form))
        .route("/password-reset/confirm", web::post().to(reset_confirm))
        .route("/account", web::get().to(account))
        .route("/account/profile", web::post().to(update_profile))
        .route("/account/password", web::post().to(change_password))
        .route(
            "/account/logout-everywhere",
            web::post().to(logout_everywhere),
        )
        .route("/language", web::post().to(choose_language))
        .route(
            "/admin",
            web::get().to(|| async { crate::web::layout::redirect("/admin/users") }),
        )
        .route("/admin/users", web::get().to(admin::users))
        .route("/admin/users/{id}", web::get().to(admin::user))
        .route(
            "/admin/users/{id}/moderator",
            web::post().to(admin::set_moderator),
        )
        .route("/admin/users/{id}/staff", web::post().to(admin::add_staff))
        .route(
            "/admin/users/{id}/staff/remove",
            web::post().to(admin::remove_staff),
        );
}
