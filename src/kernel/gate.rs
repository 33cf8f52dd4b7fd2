//! The visibility gate: the one function that decides what a viewer may see
//! of a user-authored item (a thread, a reply, a review, a company's reply)
//! — its text, a notice in its place, or nothing at all (DOMAIN.md,
//! principle 2).
//!
//! - A visible item is text for everyone.
//! - Held (an automatic check or a moderator holds it for review): its author
//!   and neutral moderators see the text with a notice; for everyone else it
//!   does not exist.
//! - Hidden (removed under a clause): its author and neutral moderators see
//!   the text with a notice; everyone else sees the notice in its place.
//! - Withdrawn by its author: the same as hidden, with a notice naming the
//!   date.
//! - An item inside another (a reply in a thread, a company's reply under a
//!   review) does not exist for a viewer for whom its container does not.
//!
//! A neutral moderator is a moderator who is not staff of the company the
//! item is about: a moderator who works for the company sees its hidden
//! originals as its other staff do, not at all.
//!
//! Texts that leave the page a viewer asked for — search results, quotes,
//! FAQ entries, emails, the accepted answer — carry only what the public
//! sees (`Gated::public`), whoever asked.
//!
//! Readers never hold an item's words directly: the types that carry them
//! keep them in a [`Gated`], whose only doors are [`Gated::open`] and
//! [`Gated::public`].

use chrono::NaiveDateTime;

use crate::kernel::i18n::{tr, tr_args, Lang};
use crate::kernel::ids::{CompanyId, UserId};
use crate::kernel::user::CurrentUser;

/// An item's moderation state, as stored in its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Visible,
    /// Held for review: out of sight until a moderator decides.
    Held,
    /// Removed under a clause: a notice in its place.
    Hidden,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Visible => "visible",
            State::Held => "held",
            State::Hidden => "hidden",
        }
    }

    /// A stored state; anything unknown counts as held (out of sight), so a
    /// bad row can never publish text.
    pub fn parse(value: &str) -> State {
        match value {
            "visible" => State::Visible,
            "hidden" => State::Hidden,
            _ => State::Held,
        }
    }
}

/// What the gate needs to know about an item: whose it is, which company it
/// is about, its moderation state and whether its author withdrew it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub author: UserId,
    pub company: Option<CompanyId>,
    pub state: State,
    /// The clause a hidden item was removed under.
    pub clause: Option<i32>,
    pub moderated_at: Option<NaiveDateTime>,
    pub withdrawn_at: Option<NaiveDateTime>,
    /// The item this one is shown inside, when that one decides too.
    pub container: Option<Box<Facts>>,
}

impl Facts {
    /// The same facts, shown inside `container`.
    pub fn inside(mut self, container: Facts) -> Facts {
        self.container = Some(Box::new(container));
        self
    }
}

/// What stands in an item's place, or above its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Held for review (shown to those who may see it anyway).
    Held,
    /// Removed under clause `clause`.
    Removed {
        clause: i32,
        on: Option<NaiveDateTime>,
    },
    /// Taken back by its author.
    Withdrawn { on: NaiveDateTime },
}

impl Notice {
    /// The notice in a sentence, for a page or an email.
    pub fn text(&self, lang: impl Into<Lang>) -> String {
        let lang = lang.into();
        match self {
            Notice::Held => tr(lang, "moderation-held-notice"),
            Notice::Removed { clause, on } => tr_args(
                lang,
                "moderation-hidden-notice",
                &[
                    ("number", &clause.to_string()),
                    (
                        "date",
                        &on.map(|a| a.format("%Y-%m-%d").to_string())
                            .unwrap_or_default(),
                    ),
                ],
            ),
            Notice::Withdrawn { on } => tr_args(
                lang,
                "item-withdrawn-notice",
                &[("date", &on.format("%Y-%m-%d").to_string())],
            ),
        }
    }

    /// A short stand-in for a title (a thread's or a review's headline).
    pub fn title(&self, lang: impl Into<Lang>) -> String {
        let lang = lang.into();
        match self {
            Notice::Held => tr(lang, "moderation-held-title"),
            Notice::Removed { clause, .. } => tr_args(
                lang,
                "moderation-hidden-title",
                &[("number", &clause.to_string())],
            ),
            Notice::Withdrawn { .. } => tr(lang, "item-withdrawn-title"),
        }
    }

    pub fn is_withdrawn(&self) -> bool {
        matches!(self, Notice::Withdrawn { .. })
    }
}

/// What a viewer may see of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sight {
    /// The item's words, with the notice above them when it is not public.
    Text(Option<Notice>),
    /// A notice in the item's place; the words stay out of sight.
    NoticeOnly(Notice),
    /// Nothing: for this viewer the item does not exist.
    Nothing,
}

impl Sight {
    /// Whether the viewer reads the words (with or without a notice).
    pub fn shows_text(self) -> bool {
        matches!(self, Sight::Text(_))
    }

    /// Whether the item appears at all (its text or a notice).
    pub fn appears(self) -> bool {
        self != Sight::Nothing
    }

    pub fn notice(self) -> Option<Notice> {
        match self {
            Sight::Text(notice) => notice,
            Sight::NoticeOnly(notice) => Some(notice),
            Sight::Nothing => None,
        }
    }
}

/// The notice an item carries for everyone, if any: held, removed or
/// withdrawn (a removal says more than a withdrawal, so it wins).
fn own_notice(facts: &Facts) -> Option<Notice> {
    match facts.state {
        State::Held => Some(Notice::Held),
        State::Hidden => Some(Notice::Removed {
            clause: facts.clause.unwrap_or(0),
            on: facts.moderated_at,
        }),
        State::Visible => facts.withdrawn_at.map(|on| Notice::Withdrawn { on }),
    }
}

/// Whether `viewer` is one of the people who may read this item whatever
/// its state: its author, or a moderator with no tie to its company.
pub fn is_privileged(viewer: Option<&CurrentUser>, facts: &Facts) -> bool {
    viewer.is_some_and(|v| v.id == facts.author || v.is_neutral_moderator_for(facts.company))
}

/// The gate: what `viewer` (`None` for the public) may see of an item.
pub fn sight(viewer: Option<&CurrentUser>, facts: &Facts) -> Sight {
    if let Some(container) = &facts.container {
        if sight(viewer, container) == Sight::Nothing {
            return Sight::Nothing;
        }
    }
    let Some(notice) = own_notice(facts) else {
        return Sight::Text(None);
    };
    if is_privileged(viewer, facts) {
        return Sight::Text(Some(notice));
    }
    match notice {
        Notice::Held => Sight::Nothing,
        other => Sight::NoticeOnly(other),
    }
}

/// Whether the public reads the item's words as they stand (no notice).
pub fn is_public(facts: &Facts) -> bool {
    sight(None, facts) == Sight::Text(None)
}

/// Whether `viewer` may read an item's earlier versions: the public sees
/// that it was edited and when, the words it had only its author and
/// neutral moderators (an author may have edited out what should never
/// have been there).
pub fn sees_history(viewer: Option<&CurrentUser>, facts: &Facts) -> bool {
    sight(viewer, facts).appears() && is_privileged(viewer, facts)
}

/// An item's words, sealed with the facts that decide who may read them.
/// The only ways in are [`Gated::open`] (for the viewer of a page) and
/// [`Gated::public`] (for text that leaves the page: search, quotes, the
/// FAQ, emails).
#[derive(Debug, Clone)]
pub struct Gated<T> {
    facts: Facts,
    words: T,
}

/// What one viewer sees of one item: the notice, and the words if allowed.
#[derive(Debug, Clone)]
pub struct Shown<T> {
    pub sight: Sight,
    pub text: Option<T>,
}

impl<T> Shown<T> {
    pub fn notice(&self) -> Option<Notice> {
        self.sight.notice()
    }

    pub fn appears(&self) -> bool {
        self.sight.appears()
    }
}

impl<T: Clone> Gated<T> {
    pub fn seal(facts: Facts, words: T) -> Gated<T> {
        Gated { facts, words }
    }

    pub fn facts(&self) -> &Facts {
        &self.facts
    }

    pub fn sight(&self, viewer: Option<&CurrentUser>) -> Sight {
        sight(viewer, &self.facts)
    }

    /// What `viewer` sees: the words only when the gate allows them.
    pub fn open(&self, viewer: Option<&CurrentUser>) -> Shown<T> {
        let sight = self.sight(viewer);
        Shown {
            sight,
            text: sight.shows_text().then(|| self.words.clone()),
        }
    }

    /// The words, when the public reads them as they stand.
    pub fn public(&self) -> Option<T> {
        is_public(&self.facts).then(|| self.words.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: i64, moderator: bool, staff_of: &[i64]) -> CurrentUser {
        CurrentUser {
            id: UserId(id),
            email: format!("{id}@example.com"),
            display_name: format!("User {id}"),
            is_admin: false,
            is_moderator: moderator,
            verified: true,
            locale: None,
            time_zone: None,
            suspended_until: None,
            staff_of: staff_of.iter().map(|c| CompanyId(*c)).collect(),
            unread_notifications: 0,
        }
    }

    fn facts(state: State, withdrawn: bool) -> Facts {
        Facts {
            author: UserId(1),
            company: Some(CompanyId(7)),
            state,
            clause: Some(3),
            moderated_at: None,
            withdrawn_at: withdrawn.then(crate::db::now),
            container: None,
        }
    }

    /// Every actor of the sweep: who sees the words of a held, hidden or
    /// withdrawn item.
    #[test]
    fn only_the_author_and_neutral_moderators_read_what_is_out_of_sight() {
        let author = user(1, false, &[]);
        let moderator_author = user(1, true, &[]);
        let other = user(2, false, &[]);
        let staff = user(3, false, &[7]);
        let other_staff = user(4, false, &[8]);
        let neutral = user(5, true, &[]);
        let staff_moderator = user(6, true, &[7]);
        for (state, withdrawn) in [
            (State::Held, false),
            (State::Hidden, false),
            (State::Visible, true),
        ] {
            let item = facts(state, withdrawn);
            for reader in [&author, &moderator_author, &neutral] {
                assert!(sight(Some(reader), &item).shows_text(), "{state:?}");
            }
            for outsider in [
                None,
                Some(&other),
                Some(&staff),
                Some(&other_staff),
                Some(&staff_moderator),
            ] {
                assert!(!sight(outsider, &item).shows_text(), "{state:?}");
            }
        }
        let visible = facts(State::Visible, false);
        assert_eq!(sight(None, &visible), Sight::Text(None));
        assert!(is_public(&visible));
    }

    #[test]
    fn held_items_do_not_exist_for_others_and_hidden_ones_leave_a_notice() {
        let held = facts(State::Held, false);
        assert_eq!(sight(None, &held), Sight::Nothing);
        assert_eq!(
            sight(Some(&user(1, false, &[])), &held),
            Sight::Text(Some(Notice::Held))
        );
        let hidden = facts(State::Hidden, true);
        assert!(matches!(
            sight(None, &hidden),
            Sight::NoticeOnly(Notice::Removed { clause: 3, .. })
        ));
        let withdrawn = facts(State::Visible, true);
        assert!(matches!(
            sight(None, &withdrawn),
            Sight::NoticeOnly(Notice::Withdrawn { .. })
        ));
        // Held and withdrawn: still nothing for the public.
        assert_eq!(sight(None, &facts(State::Held, true)), Sight::Nothing);
    }

    #[test]
    fn an_item_inside_a_held_one_is_gone_with_it() {
        let thread = facts(State::Held, false);
        let mut reply = facts(State::Visible, false);
        reply.author = UserId(2);
        let reply = reply.inside(thread);
        assert_eq!(sight(None, &reply), Sight::Nothing);
        // The reply's own author cannot see the thread either.
        assert_eq!(sight(Some(&user(2, false, &[])), &reply), Sight::Nothing);
        assert_eq!(sight(Some(&user(1, false, &[])), &reply), Sight::Text(None));
        // A hidden container leaves its replies readable.
        let in_hidden = facts(State::Visible, false).inside(facts(State::Hidden, false));
        assert_eq!(sight(None, &in_hidden), Sight::Text(None));
    }

    #[test]
    fn history_is_for_the_author_and_neutral_moderators() {
        let edited = facts(State::Visible, false);
        assert!(!sees_history(None, &edited));
        assert!(!sees_history(Some(&user(3, false, &[7])), &edited));
        assert!(!sees_history(Some(&user(6, true, &[7])), &edited));
        assert!(sees_history(Some(&user(1, false, &[])), &edited));
        assert!(sees_history(Some(&user(5, true, &[])), &edited));
    }

    #[test]
    fn the_sealed_words_come_out_only_through_the_gate() {
        let held = Gated::seal(facts(State::Held, false), "secret".to_string());
        assert_eq!(held.public(), None);
        assert_eq!(held.open(None).text, None);
        assert_eq!(
            held.open(Some(&user(1, false, &[]))).text.as_deref(),
            Some("secret")
        );
        let visible = Gated::seal(facts(State::Visible, false), "hello".to_string());
        assert_eq!(visible.public().as_deref(), Some("hello"));
        assert_eq!(State::parse("bogus"), State::Held);
    }
}
