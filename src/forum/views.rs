//! Template structs of the forum pages, and the compose form they share.

use askama::Template;

use crate::forum::model::reads::Unread;
use crate::forum::model::{CategoryListing, Post, PostView, Thread, ThreadKind, ThreadSummary};
use crate::forum::permissions;
use crate::kernel::ids::{PostId, ThreadId};
use crate::kernel::markdown::SafeHtml;
use crate::kernel::pii::{PiiKind, Segment};
use crate::kernel::user::CurrentUser;
use crate::web::form::FieldErrors;
use crate::web::layout::PageCtx;

/// The state of a thread, reply or edit form.
#[derive(Debug, Clone, Default)]
pub struct Compose {
    pub title: String,
    pub kind: String,
    pub body: String,
    pub quote: Option<PostId>,
    pub errors: FieldErrors,
    pub preview: Option<SafeHtml>,
    /// Personal data found: the kinds (translation keys) and the text with them marked.
    pub pii_kinds: Vec<PiiKind>,
    pub pii_title: Vec<Segment>,
    pub pii_body: Vec<Segment>,
    /// The company whose staff the text can go to privately instead.
    pub private_to: Option<String>,
}

impl Compose {
    pub fn has_pii(&self) -> bool {
        !self.pii_kinds.is_empty()
    }

    pub fn kind_selected(&self, kind: &ThreadKind) -> bool {
        self.kind == kind.as_str() || (self.kind.is_empty() && *kind == ThreadKind::Question)
    }
}

/// A category's display name: built-in ones are translated.
pub fn category_name(ctx: &PageCtx, listing: &CategoryListing) -> String {
    match &listing.category.name_key {
        Some(key) => ctx.t(key),
        None => listing.category.name.clone(),
    }
}

#[derive(Template)]
#[template(path = "forum/index.html")]
pub struct ForumIndexPage {
    pub ctx: PageCtx,
    pub general: Vec<CategoryListing>,
    pub companies: Vec<CategoryListing>,
}

/// A thread in a list (a section, the Latest view) as one reader sees it:
/// its title through the gate, whether it is new or updated for them, and
/// in the Latest view its section (name, slug).
pub struct ListedThread {
    pub summary: ThreadSummary,
    pub title: String,
    pub mark: Option<String>,
    pub section: Option<(String, String)>,
}

impl ListedThread {
    pub fn of(
        ctx: &PageCtx,
        summary: ThreadSummary,
        unread: Option<Unread>,
        section: Option<(String, String)>,
    ) -> ListedThread {
        ListedThread {
            title: summary
                .thread
                .title_for(ctx.user.as_ref(), ctx.lang)
                .unwrap_or_default(),
            mark: unread.map(|mark| ctx.t(mark.message_key())),
            summary,
            section,
        }
    }
}

#[derive(Template)]
#[template(path = "forum/category.html")]
pub struct CategoryPage {
    pub ctx: PageCtx,
    pub listing: CategoryListing,
    pub name: String,
    pub threads: Vec<ListedThread>,
    pub unanswered: bool,
    pub next_cursor: Option<crate::forum::model::ActivityCursor>,
    /// The company's response-time badge, for a company's section.
    pub response_time: Option<String>,
    /// Unresolved incidents of the section's company: the banner.
    pub incidents: Vec<crate::support::incidents::Incident>,
}

#[derive(Template)]
#[template(path = "forum/latest.html")]
pub struct LatestPage {
    pub ctx: PageCtx,
    pub threads: Vec<ListedThread>,
    pub next_cursor: Option<crate::forum::model::ActivityCursor>,
}

#[derive(Template)]
#[template(path = "forum/new_thread.html")]
pub struct NewThreadPage {
    pub ctx: PageCtx,
    pub listing: CategoryListing,
    pub name: String,
    pub compose: Compose,
    pub kinds: [ThreadKind; 6],
}

#[derive(Template)]
#[template(path = "forum/thread.html")]
pub struct ThreadPage {
    pub ctx: PageCtx,
    pub thread: Thread,
    /// The title as the visitor may read it.
    pub title: String,
    pub listing: CategoryListing,
    pub category_name: String,
    pub opening: PostView,
    pub accepted: Option<PostView>,
    pub replies: Vec<PostView>,
    pub next_cursor: Option<PostId>,
    pub compose: Compose,
    pub subscribed: bool,
    /// Why the visitor cannot reply, when they cannot (a translation key).
    pub reply_blocked: Option<&'static str>,
    pub viewer: Option<CurrentUser>,
    /// The desk's notes and, for the company's staff, its panel.
    pub support: crate::support::thread_panel::ThreadSupport,
}

impl ThreadPage {
    pub fn can_edit(&self, post: &Post) -> bool {
        self.viewer
            .as_ref()
            .is_some_and(|u| permissions::can_edit(u, post).is_ok())
    }

    pub fn can_accept(&self, post: &Post) -> bool {
        self.thread.accepted_post_id != Some(post.id)
            && self
                .viewer
                .as_ref()
                .is_some_and(|u| permissions::can_accept(u, &self.thread, post).is_ok())
    }

    pub fn can_rate(&self, post: &Post) -> bool {
        self.viewer
            .as_ref()
            .is_some_and(|u| permissions::can_rate(u, &self.thread, post).is_ok())
    }

    pub fn is_accepted(&self, post: &Post) -> bool {
        self.thread.accepted_post_id == Some(post.id)
    }

    pub fn kind_key(&self) -> &'static str {
        self.thread.kind().message_key()
    }

    /// Anyone logged in may report someone else's post that the public reads.
    pub fn can_flag(&self, post: &Post) -> bool {
        self.viewer.as_ref().is_some_and(|u| u.id != post.author_id)
            && post.public_text(&self.thread).is_some()
    }

    /// Anyone, with or without an account, may send a legal notice about
    /// what the public reads.
    pub fn can_report_illegal(&self, post: &Post) -> bool {
        post.public_text(&self.thread).is_some()
    }

    /// Quoting republishes words: only public ones.
    pub fn can_quote(&self, post: &Post) -> bool {
        self.reply_blocked.is_none() && post.public_text(&self.thread).is_some()
    }

    fn company(&self) -> &str {
        self.support.company_name.as_deref().unwrap_or("")
    }

    /// The automatic notice on a question asked outside office hours.
    pub fn after_hours_text(&self) -> Option<String> {
        let (opens, due) = self.support.after_hours.as_ref()?;
        let opens = self.ctx.datetime(opens);
        let due = due
            .as_ref()
            .map_or_else(|| opens.clone(), |d| self.ctx.datetime(d));
        let args = [
            ("company", self.company()),
            ("opens", opens.as_str()),
            ("due", due.as_str()),
        ];
        Some(crate::kernel::i18n::tr_args(
            self.ctx.lang,
            "after-hours-notice",
            &args,
        ))
    }

    pub fn private_note(&self) -> String {
        self.ctx
            .ta("thread-contacted-privately", "company", self.company())
    }

    pub fn liked_note(&self) -> String {
        self.ctx
            .ta("thread-company-liked", "company", self.company())
    }
}

#[derive(Template)]
#[template(path = "forum/edit.html")]
pub struct EditPostPage {
    pub ctx: PageCtx,
    pub post: Post,
    pub thread: Thread,
    /// The thread's title as its author reads it.
    pub title: String,
    pub compose: Compose,
}

#[derive(Template)]
#[template(path = "forum/unsubscribe.html")]
pub struct UnsubscribePage {
    pub ctx: PageCtx,
    pub token: String,
    /// The thread's title as the public reads it (a notice, or nothing for
    /// a thread held for review).
    pub title: Option<String>,
    pub thread_id: ThreadId,
}
