//! The search page's template and its snippets.

use askama::Template;

use crate::companies::model::Company;
use crate::forum::model::{SearchHit, MARK_END, MARK_START};
use crate::kernel::pii::Segment;
use crate::web::layout::PageCtx;

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

#[derive(Template)]
#[template(path = "search/search.html")]
pub struct SearchPage {
    pub ctx: PageCtx,
    pub query: String,
    pub hits: Vec<HitView>,
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
