//! Template structs of the company and review pages.

use askama::Template;

use crate::companies::model::Company;
use crate::companies::score;
use crate::kernel::ids::ReviewId;
use crate::kernel::markdown::SafeHtml;
use crate::kernel::pii::PiiKind;
use crate::kernel::pii::Segment;
use crate::kernel::user::CurrentUser;
use crate::reviews::model::{
    label_key, Invitation, Review, ReviewSort, ReviewView, FILTERABLE_LABELS,
    LABEL_VERIFICATION_REQUESTED, LABEL_VERIFIED,
};
use crate::reviews::permissions;
use crate::web::form::{Choice, FieldErrors};
use crate::web::layout::PageCtx;

/// The review form's state (write and edit). Field names match the forum's
/// compose form so the personal-data box serves both.
#[derive(Debug, Clone, Default)]
pub struct ReviewForm {
    pub rating: String,
    pub title: String,
    pub body: String,
    pub experience_date: String,
    pub reference: String,
    pub invitation: String,
    pub errors: FieldErrors,
    pub preview: Option<SafeHtml>,
    pub pii_kinds: Vec<PiiKind>,
    pub pii_title: Vec<Segment>,
    pub pii_body: Vec<Segment>,
    /// Reviews are public by nature: the private channel is offered on
    /// forum threads, so this stays empty here.
    pub private_to: Option<String>,
}

impl ReviewForm {
    pub fn has_pii(&self) -> bool {
        !self.pii_kinds.is_empty()
    }

    pub fn rating_choices(&self, ctx: &PageCtx) -> Vec<Choice> {
        (1..=5)
            .map(|n: i32| Choice {
                value: n.to_string(),
                label: ctx.tc("review-stars", "count", &i64::from(n)),
                selected: self.rating == n.to_string(),
            })
            .collect()
    }

    /// The form filled with a review as its author reads it.
    pub fn from_review(review: &Review, author: &CurrentUser) -> Option<ReviewForm> {
        let text = review.shown(Some(author)).text?;
        Some(ReviewForm {
            rating: review.rating.to_string(),
            title: text.title,
            body: text.source,
            experience_date: review
                .experience_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
            reference: review.reference.clone().unwrap_or_default(),
            ..ReviewForm::default()
        })
    }
}

/// One bar of the star distribution.
#[derive(Debug, Clone)]
pub struct DistributionRow {
    pub stars: i32,
    pub label: String,
    pub count: i32,
    pub percent: i32,
    /// The bar's width class, in steps of 5 %.
    pub bar: i32,
}

#[derive(Template)]
#[template(path = "reviews/company.html")]
pub struct CompanyPage {
    pub ctx: PageCtx,
    pub company: Company,
    pub platform_mean: f64,
    /// The company's forum section.
    pub forum_slug: Option<String>,
    pub reviews: Vec<ReviewView>,
    pub next_cursor: Option<String>,
    pub sort: ReviewSort,
    pub stars: Option<i32>,
    pub label: Option<String>,
    pub own_review: Option<ReviewId>,
    /// Why the visitor cannot write a review (a translation key), if they cannot.
    pub write_blocked: Option<&'static str>,
    pub viewer: Option<CurrentUser>,
    pub helpful_voted: Vec<ReviewId>,
    /// "Usually answers within 35 minutes", from the badge job.
    pub response_time: String,
    /// Where the badge image is, for the code staff copy to their own site.
    pub badge_url: String,
    /// Unresolved incidents of the company: the banner.
    pub incidents: Vec<crate::support::incidents::Incident>,
    /// References reviewers gave when verifying (shown to staff and moderators).
    pub verification_refs: Vec<(ReviewId, String)>,
}

impl CompanyPage {
    pub fn score(&self) -> String {
        score::display(self.ctx.lang, self.company.score(self.platform_mean))
    }

    /// The score as the share of five stars filled, in percent.
    pub fn score_percent(&self) -> i32 {
        (self.company.score(self.platform_mean) / 5.0 * 100.0)
            .round()
            .clamp(0.0, 100.0) as i32
    }

    pub fn mean(&self) -> String {
        score::display(self.ctx.lang, self.platform_mean)
    }

    pub fn sort_choices(&self) -> Vec<Choice> {
        ReviewSort::ALL
            .iter()
            .map(|s| Choice {
                value: s.as_str().into(),
                label: self.ctx.t(s.message_key()),
                selected: *s == self.sort,
            })
            .collect()
    }

    pub fn star_choices(&self) -> Vec<Choice> {
        (1..=5)
            .rev()
            .map(|n| Choice {
                value: n.to_string(),
                label: self.ctx.tc("review-stars", "count", &i64::from(n)),
                selected: self.stars == Some(n),
            })
            .collect()
    }

    pub fn label_choices(&self) -> Vec<Choice> {
        FILTERABLE_LABELS
            .iter()
            .map(|l| Choice {
                value: (*l).into(),
                label: self.ctx.t(&label_key(l)),
                selected: self.label.as_deref() == Some(*l),
            })
            .collect()
    }

    pub fn label_name(&self, label: &str) -> String {
        self.ctx.t(&label_key(label))
    }

    pub fn distribution(&self) -> Vec<DistributionRow> {
        self.company
            .distribution()
            .iter()
            .map(|(stars, count)| {
                let percent = score::percent(*count, self.company.review_count);
                DistributionRow {
                    stars: *stars,
                    label: self.ctx.tc("review-stars", "count", &i64::from(*stars)),
                    count: *count,
                    percent,
                    bar: (percent + 2) / 5 * 5,
                }
            })
            .collect()
    }

    pub fn stars_label(&self, rating: &i32) -> String {
        self.ctx.tc("review-stars", "count", &i64::from(*rating))
    }

    pub fn is_staff(&self) -> bool {
        self.viewer
            .as_ref()
            .is_some_and(|u| u.is_staff_of(self.company.id))
    }

    pub fn verification_ref(&self, review: &Review) -> Option<&str> {
        if !self.sees_reference() {
            return None;
        }
        self.verification_refs
            .iter()
            .find(|(id, _)| *id == review.id)
            .map(|(_, r)| r.as_str())
    }

    /// The reviewer may offer to verify until a moderator has found it verified.
    pub fn can_offer_verification(&self, review: &Review, labels: &[String]) -> bool {
        self.is_own(review)
            && review.withdrawn_at.is_none()
            && !labels
                .iter()
                .any(|l| l == LABEL_VERIFIED || l == LABEL_VERIFICATION_REQUESTED)
    }

    pub fn sees_reference(&self) -> bool {
        permissions::can_see_reference(self.viewer.as_ref(), self.company.id)
    }

    pub fn can_mark_helpful(&self, review: &Review) -> bool {
        !self.helpful_voted.contains(&review.id)
            && self
                .viewer
                .as_ref()
                .is_some_and(|u| permissions::can_mark_helpful(u, review).is_ok())
    }

    pub fn is_own(&self, review: &Review) -> bool {
        self.viewer
            .as_ref()
            .is_some_and(|u| u.id == review.author_id)
    }

    /// Anyone logged in may report a visible review that is not their own —
    /// the company's staff too: their report goes to a neutral moderator,
    /// marked as coming from the company.
    pub fn can_flag(&self, review: &Review) -> bool {
        self.viewer.is_some() && !self.is_own(review) && review.public_text().is_some()
    }

    /// Anyone, with or without an account, may send a legal notice about
    /// what the public reads.
    pub fn can_report_illegal(&self, review: &Review) -> bool {
        review.public_text().is_some()
    }

    pub fn can_report_illegal_reply(&self, view: &ReviewView) -> bool {
        view.reply
            .as_ref()
            .is_some_and(|r| r.reply.is_public(&view.review))
    }

    /// A company's reply can be reported like any item, though not by the
    /// one who wrote it.
    pub fn can_flag_reply(&self, view: &ReviewView) -> bool {
        view.reply.as_ref().is_some_and(|r| {
            self.viewer
                .as_ref()
                .is_some_and(|u| u.id != r.reply.author_id)
                && r.reply.is_public(&view.review)
        })
    }

    /// The query string for the current filters, with another sort.
    pub fn sort_link(&self, sort: &ReviewSort) -> String {
        let mut link = format!("?sort={}", sort.as_str());
        if let Some(stars) = self.stars {
            link.push_str(&format!("&stars={stars}"));
        }
        if let Some(label) = &self.label {
            link.push_str(&format!("&label={label}"));
        }
        link
    }
}

#[derive(Template)]
#[template(path = "reviews/write.html")]
pub struct WritePage {
    pub ctx: PageCtx,
    pub company: Company,
    pub form: ReviewForm,
    /// Editing an existing review (else writing a new one).
    pub editing: Option<ReviewId>,
    pub today: String,
}

#[derive(Template)]
#[template(path = "reviews/invitations.html")]
pub struct InvitationsPage {
    pub ctx: PageCtx,
    pub company: Company,
    pub invitations: Vec<Invitation>,
    pub emails: String,
    pub errors: FieldErrors,
    /// A link just generated, to copy and send by other means.
    pub new_link: Option<String>,
}

#[derive(Template)]
#[template(path = "reviews/invite.html")]
pub struct InviteLandingPage {
    pub ctx: PageCtx,
    pub company: Company,
    pub token: String,
}

impl InviteLandingPage {
    pub fn write_path(&self) -> String {
        format!(
            "/companies/{}/review?invitation={}",
            self.company.slug, self.token
        )
    }
}

#[derive(Template)]
#[template(path = "reviews/about.html")]
pub struct AboutReviewsPage {
    pub ctx: PageCtx,
    pub prior_weight: String,
    pub mean: String,
}
#[derive(Template)]
#[template(path = "reviews/reply.html")]
pub struct ReplyPage {
    pub ctx: PageCtx,
    pub company: Company,
    pub review: Review,
    /// The review's words as the staff member reads them.
    pub text: crate::reviews::model::ReviewText,
    pub body: String,
    pub errors: FieldErrors,
}

/// "No more invitations": the page behind the link in an invitation.
#[derive(Template)]
#[template(path = "reviews/invite_stop.html")]
pub struct InviteStopPage {
    pub ctx: PageCtx,
    pub token: String,
}
