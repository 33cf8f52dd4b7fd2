//! User Markdown → sanitised HTML. `SafeHtml` can only be made here (or
//! read back from the database, where only this renderer wrote it), and it
//! is the only thing templates print without escaping.

use std::collections::HashSet;
use std::fmt;

use diesel_derive_newtype::DieselNewType;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::kernel::mention::{self, Mentionable};

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

/// Sources longer than this are cut before rendering. Every form caps its
/// text well below it; this only bounds what any caller can make us do.
pub const MAX_SOURCE_BYTES: usize = 64 * 1024;

/// Elements nest at most this deep in the output; deeper ones are dropped
/// and their contents kept. Nesting is what makes rendering expensive: the
/// sanitiser's HTML parser checks the open elements at each new one, so a
/// body of 20 000 `>` (that many nested quotes) took over a second where an
/// ordinary body of the same length takes a millisecond or two.
pub const MAX_NESTING: usize = 12;

/// What rendering a source costs, counted rather than timed. The
/// sanitiser's work grows with the bytes and the elements it is handed, and
/// per element with the number of elements open around it; with the depth
/// bounded, bytes and elements bound the whole.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderCost {
    pub html_bytes: usize,
    pub elements: usize,
    pub deepest: usize,
}

/// Renders Markdown: raw HTML in the source is shown as text, images from
/// other hosts become links (we host none, and remote images leak readers'
/// addresses), and ammonia removes anything that could run or track.
pub fn render(source: &str) -> SafeHtml {
    render_with_cost(source).0
}

/// `render`, with `@mentions` of `people` made links to their profiles
/// (outside code and other links). Mentions of anyone else stay text.
pub fn render_mentioning(source: &str, people: &[Mentionable]) -> SafeHtml {
    render_events(source, people).0
}

/// `render_mentioning` on the blocking pool.
pub async fn render_mentioning_off_thread(
    source: String,
    people: Vec<Mentionable>,
) -> Result<SafeHtml, crate::kernel::error::AppError> {
    actix_web::web::block(move || render_mentioning(&source, &people))
        .await
        .map_err(crate::kernel::error::AppError::internal)
}

/// `render` on the blocking pool, for handlers: an async worker must not
/// spend a long body's rendering while other requests wait on it.
pub async fn render_off_thread(source: String) -> Result<SafeHtml, crate::kernel::error::AppError> {
    actix_web::web::block(move || render(&source))
        .await
        .map_err(crate::kernel::error::AppError::internal)
}

/// `render`, and what it cost (for the test that bounds the worst case).
pub fn render_with_cost(source: &str) -> (SafeHtml, RenderCost) {
    render_events(source, &[])
}

fn render_events(source: &str, people: &[Mentionable]) -> (SafeHtml, RenderCost) {
    let source = cut_at_char_boundary(source, MAX_SOURCE_BYTES);
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
    let mut nesting = Nesting {
        allowed: element_allowance(source.len()),
        ..Nesting::default()
    };
    let events = link_mentions(events, people);
    let events = events.into_iter().filter(|event| nesting.keep(event));
    let mut html = String::with_capacity(source.len() + source.len() / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    let cost = RenderCost {
        html_bytes: html.len(),
        elements: nesting.elements,
        deepest: nesting.deepest,
    };
    (SafeHtml(sanitize(&html)), cost)
}

/// Bodies of about `len` bytes: an ordinary one first, then shapes that
/// stress the parser and the sanitiser (deep quotes and lists, long runs of
/// brackets, emphasis, tables). Used by the cost test below and by
/// `examples/md_cost.rs`, which times them.
pub fn pathological_bodies(len: usize) -> Vec<(&'static str, String)> {
    let fill = |unit: &str| unit.repeat(len / unit.len().max(1));
    let ordinary = fill(
        "We switched banks last spring and the **card** arrived a week late. \
         Support answered on the [forum](https://example.com/help) within a day.\n\n\
         - the app logs out every morning\n- transfers show up *next* day\n\n\
         > Have you tried reinstalling?\n\nYes, twice; it did not help.\n\n",
    );
    let mut nested_lists = String::new();
    for depth in (0..200).cycle() {
        let line = format!("{}- item\n", "  ".repeat(depth));
        if nested_lists.len() + line.len() > len {
            break;
        }
        nested_lists.push_str(&line);
    }
    let half = |unit: &str| unit.repeat(len / 2 / unit.len());
    let third = |unit: &str| unit.repeat(len / 3 / unit.len());
    let emphasis = format!("{}a{}", half("*_"), half("_*"));
    vec![
        ("ordinary", ordinary),
        ("quotes", fill(">")),
        ("quotes spaced", fill("> ")),
        ("quote lines", fill(">\n")),
        ("ordered lists", fill("1. ")),
        ("bullet lists", fill("- ")),
        ("quotes in lists", fill("> - ")),
        ("lists in quotes", fill("- > ")),
        ("indented lists", nested_lists),
        ("brackets", fill("[")),
        ("links", fill("[a](")),
        ("images", fill("![")),
        ("emphasis", fill("*a")),
        ("nested emphasis", emphasis),
        ("strikethrough", fill("~~a")),
        ("backticks", fill("`")),
        ("html", fill("<div>")),
        ("entities", fill("&amp;")),
        ("headings", fill("# a\n")),
        (
            "table",
            format!("{}\n{}\n{}", third("|a"), third("|-"), third("|b")),
        ),
        ("table rows", format!("|a|b|\n|-|-|\n{}", fill("|c|d|\n"))),
        ("autolinks", fill("<http://a.example>")),
    ]
}

fn cut_at_char_boundary(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// How many elements a source of `len` bytes may produce: one per eight
/// bytes and a few hundred more, where ordinary text makes one per fifteen
/// to twenty. Beyond it, further formatting is dropped and the text kept:
/// each element costs the sanitiser far more than a byte of text, so a body
/// made of nothing but `*a*a*a…` or table cells would otherwise cost five
/// to eight times an ordinary one.
fn element_allowance(len: usize) -> usize {
    300 + len / 8
}

/// Drops elements nested deeper than `MAX_NESTING`, and any beyond the
/// source's element allowance, keeping their contents.
#[derive(Default)]
struct Nesting {
    /// For each open element, whether it was kept.
    open: Vec<bool>,
    kept: usize,
    elements: usize,
    allowed: usize,
    deepest: usize,
}

impl Nesting {
    fn keep(&mut self, event: &Event<'_>) -> bool {
        match event {
            Event::Start(_) => {
                let keep = self.kept < MAX_NESTING && self.elements < self.allowed;
                self.open.push(keep);
                if keep {
                    self.elements += 1;
                    self.kept += 1;
                    self.deepest = self.deepest.max(self.kept);
                }
                keep
            }
            Event::End(_) => {
                let keep = self.open.pop().unwrap_or(true);
                if keep {
                    self.kept = self.kept.saturating_sub(1);
                }
                keep
            }
            _ => true,
        }
    }
}

/// A piece of Markdown source (a search snippet) as the text a reader sees:
/// emphasis, code and heading marks dropped, `[text](address)` as its text.
/// Characters it does not know stay, so the search's match markers survive.
pub fn source_as_text(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = if i > 0 { chars[i - 1] } else { ' ' };
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        match c {
            '*' | '`' | '~' => {}
            // An underscore inside a word is part of it (snake_case).
            '_' if !(prev.is_alphanumeric() && next.is_alphanumeric()) => {}
            '#' | '>' if out.trim_end_matches(' ').ends_with('\n') || out.trim().is_empty() => {}
            '[' => {
                // [text](address): keep the text, drop the address.
                let close = chars[i..].iter().position(|&ch| ch == ']').map(|p| p + i);
                match close {
                    Some(end) if chars.get(end + 1) == Some(&'(') => {
                        out.extend(&chars[i + 1..end]);
                        let after = chars[end..].iter().position(|&ch| ch == ')');
                        i = after.map_or(end, |p| end + p);
                    }
                    _ => out.push(c),
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Replaces each mention in running text with a link to the person's
/// profile; text inside links and code is left alone.
fn link_mentions<'a>(
    events: impl Iterator<Item = Event<'a>>,
    people: &[Mentionable],
) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    let mut in_link = 0usize;
    let mut in_code = 0usize;
    for event in events {
        match &event {
            Event::Start(Tag::Link { .. }) => in_link += 1,
            Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Text(text) if in_link == 0 && in_code == 0 && !people.is_empty() => {
                let found = mention::find(text, people);
                if !found.is_empty() {
                    let mut from = 0;
                    for mention in found {
                        if mention.start > from {
                            out.push(Event::Text(text[from..mention.start].to_string().into()));
                        }
                        out.push(Event::Start(Tag::Link {
                            link_type: LinkType::Inline,
                            dest_url: format!("/people/{}", mention.id).into(),
                            title: "".into(),
                            id: "".into(),
                        }));
                        out.push(Event::Text(
                            text[mention.start..mention.end].to_string().into(),
                        ));
                        out.push(Event::End(TagEnd::Link));
                        from = mention.end;
                    }
                    if from < text.len() {
                        out.push(Event::Text(text[from..].to_string().into()));
                    }
                    continue;
                }
            }
            _ => {}
        }
        out.push(event);
    }
    out
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
    use super::*;

    #[test]
    fn snippets_read_as_text_without_markdown_marks() {
        assert_eq!(
            source_as_text(
                "My bill is **twice** what I *usually* pay, see [the page](https://x.example/a)."
            ),
            "My bill is twice what I usually pay, see the page."
        );
        assert_eq!(
            source_as_text("# Heading\n> quoted `code` snake_case"),
            "Heading quoted code snake_case"
        );
        assert_eq!(
            source_as_text("\u{2}bill\u{3} is **high**"),
            "\u{2}bill\u{3} is high"
        );
    }

    #[test]
    fn mentions_become_profile_links_outside_code_and_links() {
        let people = [Mentionable {
            id: crate::kernel::ids::UserId(7),
            name: "Karin".into(),
        }];
        let html = render_mentioning(
            "Hi @Karin! `@Karin` [see @Karin](https://example.se) and @Sven",
            &people,
        );
        let html = html.as_str();
        assert_eq!(html.matches("href=\"/people/7\"").count(), 1, "{html}");
        assert!(html.contains("<code>@Karin</code>"), "{html}");
        assert!(html.contains("@Sven"), "{html}");
        assert!(!render("Hi @Karin").as_str().contains("/people/"));
    }

    /// No shape of body costs much more to render than ordinary text of the
    /// same length (counted: HTML bytes, elements, nesting depth; the timed
    /// figures are in docs/performance.md, from examples/md_cost.rs).
    #[test]
    fn no_shape_costs_much_more_than_ordinary_text() {
        let bodies = pathological_bodies(20_000);
        let (_, ordinary) = render_with_cost(&bodies[0].1);
        for (name, body) in &bodies[1..] {
            let (_, cost) = render_with_cost(body);
            assert!(
                cost.html_bytes <= 4 * ordinary.html_bytes,
                "{name}: {} bytes of HTML against {} for ordinary text",
                cost.html_bytes,
                ordinary.html_bytes
            );
            assert!(
                cost.elements <= 4 * ordinary.elements,
                "{name}: {} elements against {} for ordinary text",
                cost.elements,
                ordinary.elements
            );
            assert!(
                cost.deepest <= MAX_NESTING,
                "{name}: elements nested {} deep",
                cost.deepest
            );
        }
    }

    #[test]
    fn deep_nesting_is_flattened_and_the_text_kept() {
        let source = format!("{}deep words", "> ".repeat(100));
        let html = render(&source);
        assert_eq!(html.as_str().matches("<blockquote>").count(), MAX_NESTING);
        assert!(html.as_str().contains("deep words"));
        let ordinary = render("> quoted\n>\n> > twice\n\n- a\n  - b");
        assert_eq!(ordinary.as_str().matches("<blockquote>").count(), 2);
        assert_eq!(ordinary.as_str().matches("<ul>").count(), 2);
    }

    #[test]
    fn overlong_sources_are_cut_on_a_character_boundary() {
        let source = "å".repeat(MAX_SOURCE_BYTES);
        let html = render(&source);
        assert!(html.as_str().len() < MAX_SOURCE_BYTES + 100);
    }

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
