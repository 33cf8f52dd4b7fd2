//! Accounts: sign-up, email verification, login, password reset, roles and
//! the profile.

pub mod admin;
pub mod emails;
pub mod handlers;
pub mod model;
pub mod password;
pub mod tokens;
pub mod views;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    use handlers::*;
    cfg.get("/signup", signup_form)
        .post("/signup", signup)
        .get("/verify-email", verify_email_form)
        .post("/verify-email", verify_email)
        .post("/account/verify-email", resend_verification)
        .get("/login", login_form)
        .post("/login", login)
        .post("/logout", logout)
        .get("/password-reset", reset_form)
        .post("/password-reset", reset_request)
        .get("/password-reset/confirm", reset_confirm_form)
        .post("/password-reset/confirm", reset_confirm)
        .get("/account", account)
        .post("/account/profile", update_profile)
        .post("/account/time-zone", set_time_zone)
        .post("/account/password", change_password)
        .post("/account/logout-everywhere", logout_everywhere)
        .post("/account/sessions/{id}/end", end_session)
        .post("/language", choose_language)
        .get("/admin", || async {
            crate::web::layout::redirect("/admin/users")
        })
        .get("/admin/users", admin::users)
        .get("/admin/users/{id}", admin::user)
        .post("/admin/users/{id}/moderator", admin::set_moderator)
        .post("/admin/users/{id}/suspension", admin::set_disabled)
        .post("/admin/users/{id}/staff", admin::add_staff)
        .post("/admin/users/{id}/staff/remove", admin::remove_staff);
}
