//! Template structs of the account pages.

use askama::Template;

use crate::accounts::model::{UserListItem, UserRow};
use crate::companies::model::Company;
use crate::web::form::FieldErrors;
use crate::web::layout::PageCtx;

#[derive(Template)]
#[template(path = "accounts/signup.html")]
pub struct SignupPage {
    pub ctx: PageCtx,
    pub email: String,
    pub display_name: String,
    pub errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "accounts/login.html")]
pub struct LoginPage {
    pub ctx: PageCtx,
    pub email: String,
    pub next: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/reset_request.html")]
pub struct ResetRequestPage {
    pub ctx: PageCtx,
    pub email: String,
    pub errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "accounts/reset_confirm.html")]
pub struct ResetConfirmPage {
    pub ctx: PageCtx,
    pub token: String,
    pub errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "accounts/account.html")]
pub struct AccountPage {
    pub ctx: PageCtx,
    pub display_name: String,
    pub email: String,
    pub verified: bool,
    pub profile_errors: FieldErrors,
    pub password_errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "accounts/admin_users.html")]
pub struct AdminUsersPage {
    pub ctx: PageCtx,
    pub query: String,
    pub users: Vec<UserListItem>,
    pub next_cursor: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/admin_user.html")]
pub struct AdminUserPage {
    pub ctx: PageCtx,
    pub user: UserRow,
    pub staff_of: Vec<Company>,
    pub companies: Vec<Company>,
}
