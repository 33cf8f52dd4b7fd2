//! User Markdown → sanitised HTML. `SafeHtml` can only be made here (or
//! read back from the database, where only this renderer wrote it), and it
//! is the only thing templates print without escaping.

use std::collections::HashSet;
use std::fmt;

use diesel_derive_newtype::DieselNewType;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq, Eq, DieselNewType)]
pub struct SafeHtml(String);

impl SafeHtml {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SafeHtml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

// Templates print it as it is: it was sanitised when it was made.
impl askama::filters::HtmlSafe for SafeHtml {}

/// Renders Markdown: raw HTML in the source is shown as text, images from
/// other hosts become links (we host none, and remote images leak readers'
/// addresses), and ammonia removes anything that could run or track.
pub fn render(source: &str) -> SafeHtml {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TABLES);
    let events = Parser::new_ext(source, options).map(|event| match event {
        Event::Start(Tag::Image {
            dest_url,
            title,
            id,
            ..
        }) => Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url,
            title,
            id,
        }),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut html = String::with_capacity(source.len() + source.len() / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    SafeHtml(sanitize(&html))
}

fn sanitize(html: &str) -> String {
    let schemes: HashSet<&str> = ["http", "https", "mailto"].into_iter().collect();
    ammonia::Builder::default()
        .url_schemes(schemes)
        .link_rel(Some("nofollow ugc noopener"))
        .rm_tags(["img"])
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn markdown_becomes_html() {
        let html = render("**bold** and `code`\n\n```\nlet x = 1;\n```");
        assert!(html.as_str().contains("<strong>bold</strong>"));
        assert!(html.as_str().contains("<code>code</code>"));
        assert!(html.as_str().contains("<pre><code>let x = 1;"));
    }

    #[test]
    fn links_are_marked_user_generated() {
        let html = render("[site](https://example.com)");
        assert!(
            html.as_str().contains("rel=\"nofollow ugc noopener\""),
            "{html}"
        );
    }

    #[test]
    fn script_and_raw_html_are_inert() {
        for source in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
        ] {
            let html = render(source);
            let lower = html.as_str().to_lowercase();
            assert!(!lower.contains("<script"), "{source} -> {html}");
            assert!(!lower.contains("<img"), "{source} -> {html}");
            assert!(!lower.contains("<iframe"), "{source} -> {html}");
            assert!(
                !lower.contains("<a href=\"javascript"),
                "{source} -> {html}"
            );
            assert!(!lower.contains("<a href=\"data"), "{source} -> {html}");
        }
    }

    #[test]
    fn remote_images_become_links() {
        let html = render("![a cat](https://cats.example/cat.png)");
        assert!(!html.as_str().contains("<img"), "{html}");
        assert!(
            html.as_str()
                .contains("<a href=\"https://cats.example/cat.png\""),
            "{html}"
        );
        assert!(html.as_str().contains("a cat"), "{html}");
    }
}
