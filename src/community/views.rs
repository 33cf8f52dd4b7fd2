//! The pages of the community capability.

use askama::Template;
use chrono::NaiveDateTime;

use crate::community::lines::Line;
use crate::community::profiles::{Counts, Person};
use crate::kernel::notify::{Delivery, Kind};
use crate::web::layout::PageCtx;

#[derive(Template)]
#[template(path = "community/notifications.html")]
pub struct NotificationsPage {
    pub ctx: PageCtx,
    pub lines: Vec<Line>,
}

impl NotificationsPage {
    pub fn unread(&self) -> i64 {
        self.lines.iter().filter(|l| l.unread).count() as i64
    }
}

/// One kind and how it is emailed now.
pub struct SettingRow {
    pub kind: Kind,
    pub delivery: Delivery,
}

#[derive(Template)]
#[template(path = "community/settings.html")]
pub struct EmailSettingsPage {
    pub ctx: PageCtx,
    pub rows: Vec<SettingRow>,
    /// Where the form goes: the account's page, or the link from an email.
    pub action: String,
}

impl EmailSettingsPage {
    pub fn deliveries(&self) -> [Delivery; 3] {
        Delivery::ALL
    }

    pub fn kind_label(&self, kind: &Kind) -> String {
        self.ctx.t(&format!("notify-kind-{}", kind.as_str()))
    }

    pub fn delivery_label(&self, delivery: &Delivery) -> String {
        self.ctx
            .t(&format!("notify-delivery-{}", delivery.as_str()))
    }

    /// The kinds that are always emailed, named.
    pub fn required(&self) -> Vec<String> {
        Kind::ALL
            .into_iter()
            .filter(|k| !k.is_configurable())
            .map(|k| self.kind_label(&k))
            .collect()
    }
}

/// One of a person's public items on their profile.
pub struct Activity {
    /// "thread", "post", "review" (as `Item::kind_name` says).
    pub kind: &'static str,
    pub title: String,
    pub company: Option<String>,
    pub link: String,
    pub at: NaiveDateTime,
}

#[derive(Template)]
#[template(path = "community/profile.html")]
pub struct ProfilePage {
    pub ctx: PageCtx,
    pub person: Person,
    pub counts: Counts,
    pub recent: Vec<Activity>,
}

impl ProfilePage {
    pub fn activity_label(&self, activity: &Activity) -> String {
        self.ctx.t(&format!("profile-activity-{}", activity.kind))
    }
}
