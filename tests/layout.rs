//! The layout of `docs/layout.md`, kept true: which top-level module may
//! import which, and which files may read the words of user-authored items
//! from the database (everyone else goes through `kernel::item` and the
//! types whose words are read through `kernel::gate`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Plumbing and the kernel import nothing above them.
const PLUMBING: &[(&str, &[&str])] = &[
    ("config", &[]),
    ("db", &["config"]),
    ("kernel", &["db"]),
    ("mail", &["config", "db", "kernel"]),
    ("web", &["config", "db", "kernel", "state"]),
    ("state", &["config", "db", "mail", "web"]),
    ("jobs", &["db", "kernel", "mail", "state", "web"]),
];

/// The capabilities and what each may use besides the kernel and plumbing.
/// Mutual pairs are the documented collaborations of docs/layout.md; a new
/// edge means changing this table and that page together.
const CAPABILITIES: &[(&str, &[&str])] = &[
    ("accounts", &["companies"]),
    ("companies", &["forum"]),
    ("forum", &["moderation", "support"]),
    (
        "reviews",
        &[
            "companies",
            "forum",
            "moderation",
            "support",
            "verification",
        ],
    ),
    ("moderation", &["companies", "reviews", "verification"]),
    ("verification", &["companies", "moderation", "reviews"]),
    ("support", &["companies", "forum", "moderation", "reviews"]),
    ("search", &["companies", "forum", "reviews", "support"]),
    ("privacy", &["accounts", "reviews"]),
    ("community", &["moderation"]),
];

/// Files that read or write item words (titles, bodies, earlier versions)
/// in the database directly, and why.
const ITEM_WORDS: &[(&str, &str)] = &[
    (
        "src/kernel/item/load.rs",
        "the item: loads any kind with its facts",
    ),
    (
        "src/kernel/item/write.rs",
        "the item: redacts, revises, withdraws",
    ),
    (
        "src/kernel/item/history.rs",
        "the item: earlier versions, for those who may read them",
    ),
    (
        "src/forum/model/threads.rs",
        "threads: title private, read through the gate",
    ),
    (
        "src/forum/model/posts.rs",
        "posts: words private, read through the gate",
    ),
    (
        "src/forum/model/search.rs",
        "the full-text index; hits pass the gate",
    ),
    (
        "src/reviews/model/search.rs",
        "the reviews' full-text index; hits pass the gate",
    ),
    (
        "src/reviews/model/reviews.rs",
        "reviews: words private, read through the gate",
    ),
    (
        "src/reviews/model/replies.rs",
        "company replies: words private, read through the gate",
    ),
    (
        "src/support/faq.rs",
        "LIKE over the accepted answer; entries pass the gate",
    ),
    (
        "src/verification/model.rs",
        "near-duplicate checks compare reviews' words, never shown",
    ),
    (
        "src/privacy/export.rs",
        "the person's own words and earlier versions, for their data export",
    ),
    (
        "src/benchdata/mod.rs",
        "the benchmark generator writes rows",
    ),
];

const ITEM_WORD_COLUMNS: &[&str] = &[
    "posts::body_source",
    "posts::body_html",
    "threads::title",
    "reviews::title",
    "reviews::body_source",
    "reviews::body_html",
    "review_replies::body_source",
    "review_replies::body_html",
    "post_revisions::",
    "review_revisions::",
    "review_reply_revisions::",
    "p.body_source",
    "r.body_source",
    "reviews_fts",
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a source file belongs to (`src/forum/model/x.rs`
/// → `forum`, `src/state.rs` → `state`).
fn module_of(root: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(root.join("src")).expect("under src");
    let first = relative
        .components()
        .next()
        .expect("a component")
        .as_os_str()
        .to_string_lossy()
        .to_string();
    first.trim_end_matches(".rs").to_string()
}

/// Code without its comments (a doc comment may name any module).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(at) if !l[..at].contains('"') => &l[..at],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn modules_import_only_what_the_layout_allows() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let top: BTreeSet<String> = files.iter().map(|f| module_of(&root, f)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let from = module_of(&root, file);
        let text = code(&std::fs::read_to_string(file).expect("source"));
        for (at, _) in text.match_indices("crate::") {
            let to: String = text[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if to != from && top.contains(&to) {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    let kernel_and_plumbing: BTreeSet<&str> = PLUMBING.iter().map(|(m, _)| *m).collect();
    let mut problems = Vec::new();
    for (module, allowed) in PLUMBING.iter().chain(CAPABILITIES) {
        let used = edges.remove(*module).unwrap_or_default();
        let is_capability = CAPABILITIES.iter().any(|(m, _)| m == module);
        for to in &used {
            let ok = allowed.contains(&to.as_str())
                || (is_capability && kernel_and_plumbing.contains(to.as_str()));
            if !ok {
                problems.push(format!("{module} imports {to}"));
            }
        }
        for to in allowed.iter() {
            if !used.contains(*to) {
                problems.push(format!(
                    "{module} no longer imports {to}: update the layout"
                ));
            }
        }
    }
    // The tools and the assembly (lib, main, demo, benchdata) may use anything.
    for tool in ["lib", "main", "demo", "benchdata"] {
        edges.remove(tool);
    }
    for (module, used) in edges {
        problems.push(format!(
            "{module} is not in the layout (it imports {used:?})"
        ));
    }
    assert!(
        problems.is_empty(),
        "docs/layout.md no longer holds:\n{}",
        problems.join("\n")
    );
}

#[test]
fn only_the_listed_files_read_item_words_from_the_database() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let mut readers = BTreeSet::new();
    for file in &files {
        let text = code(&std::fs::read_to_string(file).expect("source"));
        if ITEM_WORD_COLUMNS.iter().any(|c| text.contains(c)) {
            let relative = file.strip_prefix(&root).expect("under root");
            readers.insert(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    let listed: BTreeSet<String> = ITEM_WORDS.iter().map(|(f, _)| f.to_string()).collect();
    let unlisted: Vec<&String> = readers.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "these files read item words without the gate (use kernel::item or a gated type): {unlisted:?}"
    );
    let stale: Vec<&String> = listed.difference(&readers).collect();
    assert!(
        stale.is_empty(),
        "no longer read item words, take them off the list: {stale:?}"
    );
}

/// A person's name reaches a page only through `ctx.name`, the one rule
/// that shows an erased account as "former member" (a blank name shown raw
/// would be a person-shaped hole on the page).
#[test]
fn templates_show_names_only_through_the_name_rule() {
    const NAME_SOURCES: &[&str] = &[
        "author_name",
        "customer_name",
        "quoted_author",
        "hit.author",
        "Some(name) = ",
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut files = Vec::new();
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("templates").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    walk(&root, &mut files);
    let mut raw = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("template");
        for (n, line) in text.lines().enumerate() {
            // `m::person` is the macro that shows a name through the rule.
            let through_rule = line.contains("ctx.name(") || line.contains("m::person(");
            if NAME_SOURCES.iter().any(|s| line.contains(s)) && !through_rule {
                raw.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        raw.is_empty(),
        "names shown without ctx.name:\n{}",
        raw.join("\n")
    );
}
