//! The user-authored item — a thread (its opening post), a reply, a review,
//! a company's reply to a review — as one concept: a typed reference, the
//! columns every kind shares (author, text, moderation state, withdrawal,
//! earlier versions), and the writes that act on them the same way for every
//! kind (a moderation state, a redaction, an edit that keeps the previous
//! version, a withdrawal).
//!
//! The forum and the reviews own everything else about their rows (a
//! thread's status, a review's rating and labels); what an item's words
//! are and who may read them is decided here and in `kernel::gate`.

mod history;
mod load;
mod write;

pub use history::{versions, versions_for_moderation, Version};
pub use load::{load, load_many, review_facts, thread_facts};
pub use write::{
    contains, put_back, recent_copies, redact, revise, set_state, withdraw, NewText, Redaction,
};

use chrono::NaiveDateTime;

use crate::kernel::gate::{Facts, Gated, Shown, State};
use crate::kernel::ids::{CompanyId, PostId, ReplyId, ReviewId, ThreadId, UserId};
use crate::kernel::markdown::SafeHtml;
use crate::kernel::user::CurrentUser;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    Post,
    Review,
    Reply,
}

impl ItemKind {
    pub const ALL: [ItemKind; 3] = [ItemKind::Post, ItemKind::Review, ItemKind::Reply];

    /// How the kind is stored (cases, flags, decisions) and written in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Post => "post",
            ItemKind::Review => "review",
            ItemKind::Reply => "reply",
        }
    }

    pub fn parse(value: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.as_str() == value)
    }
}

/// A reference to one item: its kind and its typed id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemRef {
    Post(PostId),
    Review(ReviewId),
    Reply(ReplyId),
}

impl ItemRef {
    pub fn kind(self) -> ItemKind {
        match self {
            ItemRef::Post(_) => ItemKind::Post,
            ItemRef::Review(_) => ItemKind::Review,
            ItemRef::Reply(_) => ItemKind::Reply,
        }
    }

    /// The id as stored beside the kind.
    pub fn id(self) -> i64 {
        match self {
            ItemRef::Post(id) => id.0,
            ItemRef::Review(id) => id.0,
            ItemRef::Reply(id) => id.0,
        }
    }

    pub fn of(kind: ItemKind, id: i64) -> ItemRef {
        match kind {
            ItemKind::Post => ItemRef::Post(PostId(id)),
            ItemKind::Review => ItemRef::Review(ReviewId(id)),
            ItemKind::Reply => ItemRef::Reply(ReplyId(id)),
        }
    }

    /// A stored (kind, id) pair; `None` for a kind this version does not know.
    pub fn parse(kind: &str, id: i64) -> Option<ItemRef> {
        ItemKind::parse(kind).map(|k| ItemRef::of(k, id))
    }
}

impl std::fmt::Display for ItemRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.kind().as_str(), self.id())
    }
}

/// An item's words: its title (a thread's or a review's; empty for replies),
/// its Markdown source and the sanitised HTML made from it.
#[derive(Debug, Clone)]
pub struct ItemText {
    pub title: String,
    pub source: String,
    pub html: SafeHtml,
}

/// An item as moderation, the flag form and the history page see it. Its
/// words come out through the gate only.
#[derive(Debug, Clone)]
pub struct Item {
    pub item: ItemRef,
    pub author_id: UserId,
    pub author_name: String,
    pub company_id: Option<CompanyId>,
    pub company_name: Option<String>,
    /// A thread's opening post: acting on it acts on the thread.
    pub is_opening: bool,
    pub thread: Option<ThreadId>,
    /// The review a company's reply answers.
    pub review: Option<ReviewId>,
    pub created_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
    /// Where the item is read in context.
    pub link: String,
    text: Gated<ItemText>,
    /// The title of what the item stands in (a reply's thread, a company
    /// reply's review), gated by that item's own facts.
    context_title: Option<Gated<String>>,
}

impl Item {
    pub fn facts(&self) -> &Facts {
        self.text.facts()
    }

    pub fn state(&self) -> State {
        self.facts().state
    }

    pub fn withdrawn_at(&self) -> Option<NaiveDateTime> {
        self.facts().withdrawn_at
    }

    /// "thread", "post", "review" or "reply": what statements and the log call it.
    pub fn kind_name(&self) -> &'static str {
        match (self.item.kind(), self.is_opening) {
            (ItemKind::Post, true) => "thread",
            (ItemKind::Post, false) => "post",
            (ItemKind::Review, _) => "review",
            (ItemKind::Reply, _) => "reply",
        }
    }

    /// What `viewer` sees of the item's words.
    pub fn shown(&self, viewer: Option<&CurrentUser>) -> Shown<ItemText> {
        self.text.open(viewer)
    }

    /// The words as the public reads them, if it does.
    pub fn public_text(&self) -> Option<ItemText> {
        self.text.public()
    }

    /// A headline for the item in `lang`: its own title or its context's,
    /// as `viewer` may see them, else a notice.
    pub fn headline(
        &self,
        viewer: Option<&CurrentUser>,
        lang: impl Into<crate::kernel::i18n::Lang>,
    ) -> String {
        let lang = lang.into();
        let gated = match &self.context_title {
            Some(context) => context.open(viewer),
            None => {
                let shown = self.text.open(viewer);
                Shown {
                    sight: shown.sight,
                    text: shown.text.map(|t| t.title),
                }
            }
        };
        match (gated.text, gated.sight.notice()) {
            (Some(title), _) if !title.is_empty() => title,
            (_, Some(notice)) => notice.title(lang),
            _ => self.company_name.clone().unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_round_trip_through_their_stored_form() {
        for r in [
            ItemRef::Post(PostId(3)),
            ItemRef::Review(ReviewId(4)),
            ItemRef::Reply(ReplyId(5)),
        ] {
            assert_eq!(ItemRef::parse(r.kind().as_str(), r.id()), Some(r));
        }
        assert_eq!(ItemRef::parse("thread", 1), None);
        assert_eq!(ItemRef::Review(ReviewId(4)).to_string(), "review/4");
    }
}
