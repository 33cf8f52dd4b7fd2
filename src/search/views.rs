//! The search page's template and its snippets.

use askama::Template;

use crate::companies::model::Company;
use crate::forum::model::{SearchHit, MARK_END, MARK_START};
use crate::kernel::pii::Segment;
use crate::reviews::model::search::ReviewHit;
use crate::search::Scope;
use crate::web::layout::PageCtx;

impl SearchPage {
    pub fn scopes(&self) -> [Scope; 4] {
        Scope::ALL
    }

    pub fn scope_label(&self, scope: &Scope) -> String {
        self.ctx.t(&format!("search-in-{}", scope.as_str()))
    }

    /// What kind of thread a hit is in ("Complaint"), or that it is a reply.
    pub fn hit_kind(&self, hit: &SearchHit) -> String {
        let kind = crate::forum::model::ThreadKind::parse(&hit.kind)
            .unwrap_or(crate::forum::model::ThreadKind::Discussion);
        self.ctx.t(kind.message_key())
    }

    pub fn stars_label(&self, rating: &i32) -> String {
        self.ctx.tc("review-stars", "count", &i64::from(*rating))
    }

    pub fn none_found(&self) -> bool {
        self.hits.is_empty()
            && self.reviews.is_empty()
            && self.companies.is_empty()
            && self.faq.is_empty()
    }
}

/// Splits a search snippet at its \u{2} … \u{3} markers.
pub fn highlight_snippet(snippet: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut marked = false;
    let mut current = String::new();
    for c in snippet.chars() {
        if c == MARK_START || c == MARK_END {
            if !current.is_empty() {
                segments.push(Segment {
                    text: std::mem::take(&mut current),
                    marked,
                });
            }
            marked = c == MARK_START;
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        segments.push(Segment {
            text: current,
            marked,
        });
    }
    segments
}

/// A search result ready for the page.
pub struct HitView {
    pub hit: SearchHit,
    pub segments: Vec<Segment>,
}

/// A review found, ready for the page.
pub struct ReviewHitView {
    pub hit: ReviewHit,
    pub segments: Vec<Segment>,
}

#[derive(Template)]
#[template(path = "search/search.html")]
pub struct SearchPage {
    pub ctx: PageCtx,
    pub query: String,
    pub scope: Scope,
    /// The company the search is narrowed to (empty: every company).
    pub company_slug: String,
    pub all_companies: Vec<Company>,
    pub hits: Vec<HitView>,
    pub reviews: Vec<ReviewHitView>,
    pub companies: Vec<Company>,
    /// FAQ entries matching every word: (entry, company name, company slug).
    pub faq: Vec<(crate::support::faq::FaqEntry, String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_split_at_markers() {
        let segments = highlight_snippet("before \u{2}match\u{3} after");
        let texts: Vec<(&str, bool)> = segments
            .iter()
            .map(|s| (s.text.as_str(), s.marked))
            .collect();
        assert_eq!(
            texts,
            vec![("before ", false), ("match", true), (" after", false)]
        );
    }
}
