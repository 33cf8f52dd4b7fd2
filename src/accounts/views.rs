//! Template structs of the account pages.

use askama::Template;
use chrono::NaiveDateTime;

use crate::accounts::model::{UserListItem, UserRow};
use crate::companies::model::Company;
use crate::kernel::ids::SessionId;
use crate::web::form::FieldErrors;
use crate::web::layout::PageCtx;
use crate::web::session::store::SessionRow;

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
    /// "Keep me logged in on this device" was ticked.
    pub remember: bool,
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
    pub bio: String,
    pub user_id: crate::kernel::ids::UserId,
    /// The zone chosen (empty: the language's).
    pub time_zone: String,
    pub zones: Vec<&'static str>,
    pub now: chrono::NaiveDateTime,
    pub email: String,
    pub verified: bool,
    pub profile_errors: FieldErrors,
    pub password_errors: FieldErrors,
    pub sessions: Vec<SessionView>,
}

impl AccountPage {
    pub fn is_zone(&self, zone: &str) -> bool {
        self.time_zone == zone
    }
}

/// One open session on the account page.
pub struct SessionView {
    pub id: SessionId,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    /// Browser and system, read from the user agent ("Firefox on Linux").
    pub device: String,
    pub remember: bool,
    /// The session this page was requested with.
    pub current: bool,
}

impl SessionView {
    pub fn new(row: SessionRow, current: Option<SessionId>) -> SessionView {
        SessionView {
            id: row.id,
            created_at: row.created_at,
            last_seen_at: row.last_seen_at,
            device: describe_user_agent(&row.user_agent),
            remember: row.remember,
            current: current == Some(row.id),
        }
    }
}

/// A short name for a user agent: enough for a person to recognise their
/// own browsers, nothing that needs a database of agents. Empty when
/// nothing is recognised (the template then says "unknown browser").
pub fn describe_user_agent(user_agent: &str) -> String {
    const BROWSERS: [(&str, &str); 7] = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
    ];
    const SYSTEMS: [(&str, &str); 6] = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ];
    let browser = BROWSERS
        .iter()
        .find(|(marker, _)| user_agent.contains(marker))
        .map(|(_, name)| *name);
    let system = SYSTEMS
        .iter()
        .find(|(marker, _)| user_agent.contains(marker))
        .map(|(_, name)| *name);
    match (browser, system) {
        (Some(browser), Some(system)) => format!("{browser} · {system}"),
        (Some(one), None) | (None, Some(one)) => one.to_string(),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::describe_user_agent;

    #[test]
    fn user_agents_get_short_names() {
        assert_eq!(
            describe_user_agent(
                "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
            ),
            "Firefox · Linux"
        );
        assert_eq!(
            describe_user_agent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0"),
            "Edge · Windows"
        );
        assert_eq!(
            describe_user_agent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1"),
            "Safari · iOS"
        );
        assert_eq!(describe_user_agent(""), "");
    }
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

impl AdminUserPage {
    /// The administrator is looking at their own account (no suspending oneself).
    pub fn is_me(&self) -> bool {
        self.ctx
            .user
            .as_ref()
            .is_some_and(|me| me.id == self.user.id)
    }
}
