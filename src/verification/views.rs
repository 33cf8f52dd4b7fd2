//! Template structs of the verification pages.

use askama::Template;

use crate::reviews::model::Review;
use crate::verification::model::{StoredSignal, Verification};
use crate::web::form::FieldErrors;
use crate::web::layout::PageCtx;

/// A queue entry with its review.
pub struct Entry {
    pub verification: Verification,
    pub review: Review,
    /// The review's words as the moderator reads them.
    pub text: Option<crate::reviews::model::ReviewText>,
    pub company_name: String,
    pub company_slug: String,
    pub author_name: String,
    pub author_locale: Option<String>,
    pub signals: Vec<StoredSignal>,
}

/// A signal in words: "new account (2 days old)" and so on.
pub fn signal_text(ctx: &PageCtx, signal: &StoredSignal) -> String {
    ctx.ta(&format!("signal-{}", signal.code), "detail", &signal.detail)
}

pub fn status_key(status: &str) -> String {
    format!("verification-status-{status}")
}

pub fn trigger_key(trigger: &str) -> String {
    format!("verification-trigger-{trigger}")
}

#[derive(Template)]
#[template(path = "verification/queue.html")]
pub struct QueuePage {
    pub ctx: PageCtx,
    pub entries: Vec<Entry>,
}

impl QueuePage {
    pub fn signal(&self, signal: &StoredSignal) -> String {
        signal_text(&self.ctx, signal)
    }
}

#[derive(Debug, Clone, Default)]
pub struct EntryForm {
    pub message: String,
    pub days: String,
    pub outcome: String,
    pub reason: String,
    pub errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "verification/entry.html")]
pub struct EntryPage {
    pub ctx: PageCtx,
    pub entry: Entry,
    pub form: EntryForm,
}

impl EntryPage {
    pub fn signal(&self, signal: &StoredSignal) -> String {
        signal_text(&self.ctx, signal)
    }

    pub fn status(&self) -> String {
        self.ctx.t(&status_key(&self.entry.verification.status))
    }

    pub fn trigger(&self) -> String {
        self.ctx.t(&trigger_key(&self.entry.verification.trigger))
    }

    pub fn is(&self, status: &str) -> bool {
        self.entry.verification.status == status
    }
}

#[derive(Debug, Clone, Default)]
pub struct AnswerForm {
    pub text: String,
    pub reference: String,
    pub errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "verification/answer.html")]
pub struct AnswerPage {
    pub ctx: PageCtx,
    pub verification: Verification,
    pub review: Review,
    /// The reviewer's own words (the link goes to the reviewer only).
    pub text: crate::reviews::model::ReviewText,
    pub company_name: String,
    pub form: AnswerForm,
}

#[derive(Template)]
#[template(path = "verification/offer.html")]
pub struct OfferPage {
    pub ctx: PageCtx,
    pub review: Review,
    /// The reviewer's own words.
    pub text: crate::reviews::model::ReviewText,
    pub form: AnswerForm,
}
