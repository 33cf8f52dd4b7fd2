//! How an item in a moderation state shows to a viewer. Pure rules, shared
//! by the forum and the review pages:
//! - visible: to everyone;
//! - held (pending review): its author and moderators see it with a notice;
//!   everyone else does not see it at all;
//! - hidden: everyone sees a notice naming the clause and the date in its
//!   place (the page keeps its shape); moderators also see the original.

use chrono::NaiveDateTime;

use crate::kernel::i18n::{tr, tr_args, Lang};
use crate::moderation::model::{STATE_HELD, STATE_HIDDEN};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    pub is_author: bool,
    pub is_moderator: bool,
}

/// Whether the item appears at all (a held item is absent for the public).
pub fn appears(state: &str, viewer: Viewer) -> bool {
    state != STATE_HELD || viewer.is_author || viewer.is_moderator
}

/// Whether the item's own words are shown.
pub fn shows_text(state: &str, viewer: Viewer) -> bool {
    match state {
        STATE_HIDDEN => viewer.is_moderator,
        STATE_HELD => viewer.is_author || viewer.is_moderator,
        _ => true,
    }
}

/// The notice shown with (or instead of) the item, if any.
pub fn notice(
    lang: Lang,
    state: &str,
    clause: Option<i32>,
    at: Option<NaiveDateTime>,
) -> Option<String> {
    match state {
        STATE_HIDDEN => Some(tr_args(
            lang,
            "moderation-hidden-notice",
            &[
                ("number", &clause.unwrap_or(0).to_string()),
                (
                    "date",
                    &at.map(|a| a.format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                ),
            ],
        )),
        STATE_HELD => Some(tr(lang, "moderation-held-notice")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUBLIC: Viewer = Viewer {
        is_author: false,
        is_moderator: false,
    };
    const AUTHOR: Viewer = Viewer {
        is_author: true,
        is_moderator: false,
    };
    const MODERATOR: Viewer = Viewer {
        is_author: false,
        is_moderator: true,
    };

    #[test]
    fn held_items_are_for_their_author_and_moderators() {
        assert!(!appears("held", PUBLIC));
        assert!(appears("held", AUTHOR));
        assert!(appears("held", MODERATOR));
        assert!(shows_text("held", AUTHOR));
        assert!(!shows_text("held", PUBLIC));
    }

    #[test]
    fn hidden_items_keep_their_place_with_a_notice() {
        assert!(appears("hidden", PUBLIC));
        assert!(!shows_text("hidden", PUBLIC));
        assert!(!shows_text("hidden", AUTHOR));
        assert!(shows_text("hidden", MODERATOR));
        let text = notice(Lang::En, "hidden", Some(2), None).unwrap_or_default();
        assert!(text.contains('2'), "{text}");
        assert_eq!(notice(Lang::En, "visible", None, None), None);
    }
}
