//! The route sweep: one world with every kind of user-authored item (a
//! thread, a reply, a review, a company's reply) in every state (visible,
//! held by the personal-data guard, held by a word check, hidden, redacted,
//! withdrawn, edited), written by a customer and by a moderator, each
//! carrying a secret marker in its words. Every route of the route table is
//! requested as every actor (anonymous, another customer, the author, staff
//! of the company, staff of another company, a neutral moderator, a
//! moderator who is staff of the company, a moderator who is the author),
//! and every marker found must be one the rules allow that actor to read on
//! that route; where the rules allow it, the item's own page must show it.
//! Then every route that accepts an item is posted to by every actor who may
//! not read it, and must refuse without changing anything; and no email
//! carries a marker its recipient may not read.
//!
//! The rules are written here again, independently of `kernel::gate`, so a
//! wrong rule there is caught too. A route the table has and this file does
//! not classify fails the sweep.

use std::collections::{BTreeSet, HashMap};

use actix_web::http::Method;
use diesel::prelude::*;
use tillit::db::schema::{
    answer_ratings, conversations, faq_entries, flags, moderation_cases, moderation_decisions,
    posts, review_helpful, review_replies, reviews, subscriptions, throttle_events, users,
    verifications,
};
use tillit::kernel::ids::{CompanyId, UserId};

use crate::common::{Client, Resp, TestApp};

const PASSWORD: &str = "correct horse battery staple";
/// A valid Swedish personal number: the guard catches it.
const PERSONAL_NUMBER: &str = "811218-9876";
const THREAT: &str = "I know where you live.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum State {
    Visible,
    HeldGuard,
    HeldWords,
    Hidden,
    Redacted,
    Withdrawn,
    Edited,
}

impl State {
    const ALL: [State; 7] = [
        State::Visible,
        State::HeldGuard,
        State::HeldWords,
        State::Hidden,
        State::Redacted,
        State::Withdrawn,
        State::Edited,
    ];

    fn code(self) -> &'static str {
        match self {
            State::Visible => "vis",
            State::HeldGuard => "hgd",
            State::HeldWords => "hwd",
            State::Hidden => "hid",
            State::Redacted => "red",
            State::Withdrawn => "wdr",
            State::Edited => "edt",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Thread,
    Reply,
    Review,
    CompanyReply,
    /// A visible reply inside a thread that was held after it was written.
    ReplyInHeldThread,
}

impl Kind {
    fn code(self) -> &'static str {
        match self {
            Kind::Thread => "thr",
            Kind::Reply => "rep",
            Kind::Review => "rev",
            Kind::CompanyReply => "cmp",
            Kind::ReplyInHeldThread => "inh",
        }
    }
}

/// One item of the world and where it lives.
#[derive(Debug, Clone)]
struct Item {
    kind: Kind,
    state: State,
    marker: String,
    /// A word in the item's words that is no marker, to search for it.
    find: String,
    author: UserId,
    company: CompanyId,
    company_slug: String,
    thread: Option<i64>,
    post: Option<i64>,
    review: Option<i64>,
    reply: Option<i64>,
    /// For a reply in a held thread: the thread's author.
    container_author: Option<UserId>,
    /// Held from the moment its words were written.
    never_public: bool,
}

impl Item {
    /// An item about to be written in `company`, its markers made from its
    /// kind, state and author; the ids are filled in once it exists.
    fn new(kind: Kind, state: State, author: (&str, UserId), company: (CompanyId, &str)) -> Item {
        Item {
            kind,
            state,
            marker: marker(kind, state, author.0),
            find: find_word(kind, state, author.0),
            author: author.1,
            company: company.0,
            company_slug: company.1.to_string(),
            thread: None,
            post: None,
            review: None,
            reply: None,
            container_author: None,
            never_public: matches!(state, State::HeldGuard | State::HeldWords),
        }
    }
}

/// Someone who requests pages.
struct Actor {
    name: &'static str,
    id: Option<UserId>,
    moderator: bool,
    staff_of: Vec<CompanyId>,
    client: Client,
}

impl Actor {
    fn is(&self, user: UserId) -> bool {
        self.id == Some(user)
    }

    fn neutral_moderator_for(&self, company: CompanyId) -> bool {
        self.moderator && !self.staff_of.contains(&company)
    }

    /// The rules, written out: who reads an item's words in its state.
    fn may_read(&self, item: &Item) -> bool {
        let container = match item.container_author {
            Some(thread_author) => {
                self.is(thread_author) || self.neutral_moderator_for(item.company)
            }
            None => true,
        };
        let own = match item.state {
            State::Visible => true,
            // The words are gone from the item; only the decision keeps them,
            // and only a neutral moderator who is not the author reads it.
            State::Redacted => !self.is(item.author) && self.neutral_moderator_for(item.company),
            _ => self.is(item.author) || self.neutral_moderator_for(item.company),
        };
        container && own
    }

    /// Whether the actor may act on the item as it stands now (post to it).
    fn reads_current(&self, item: &Item) -> bool {
        match item.state {
            State::Visible | State::Redacted | State::Edited => match item.container_author {
                Some(author) => self.is(author) || self.neutral_moderator_for(item.company),
                None => true,
            },
            _ => self.is(item.author) || self.neutral_moderator_for(item.company),
        }
    }
}

/// How a route treats item words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shows {
    /// As the gate allows the viewer.
    Gate,
    /// Only what the public reads, whoever asks (search, the FAQ, the
    /// unsubscribe page).
    Public,
}

struct World {
    app: TestApp,
    items: Vec<Item>,
    actors: Vec<Actor>,
    /// Company slugs, the forum section slugs are the same.
    slugs: Vec<(CompanyId, String)>,
    nils: Client,
    oscar: Client,
    vera: Client,
}

fn marker(kind: Kind, state: State, author: &str) -> String {
    format!("mkx{}{}{}z", kind.code(), state.code(), author)
}

fn find_word(kind: Kind, state: State, author: &str) -> String {
    format!("fnd{}{}{}z", kind.code(), state.code(), author)
}

fn make_moderator(app: &TestApp, user: UserId) {
    app.db(|c| {
        diesel::update(users::table.find(user))
            .set(users::is_moderator.eq(true))
            .execute(c)
            .expect("moderator")
    });
}

/// The sweep posts more than the per-account throttle lets through in two
/// minutes; rate limits are tested elsewhere.
fn forget_throttles(app: &TestApp) {
    app.db(|c| {
        diesel::delete(throttle_events::table)
            .execute(c)
            .expect("clear throttle")
    });
}

fn id_after(resp: &Resp, prefix: &str) -> i64 {
    assert_eq!(resp.status, 303, "expected a redirect: {}", resp.body);
    let location = resp.location();
    let rest = location
        .split(prefix)
        .nth(1)
        .unwrap_or_else(|| panic!("{location} has no {prefix}"));
    rest.chars()
        .take_while(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .expect("id")
}

fn last_post(app: &TestApp, thread: i64) -> i64 {
    app.db(|c| {
        posts::table
            .filter(posts::thread_id.eq(thread))
            .order(posts::id.desc())
            .select(posts::id)
            .first::<tillit::kernel::ids::PostId>(c)
            .expect("post")
            .0
    })
}

fn opening_post(app: &TestApp, thread: i64) -> i64 {
    app.db(|c| {
        posts::table
            .filter(posts::thread_id.eq(thread))
            .filter(posts::is_opening.eq(true))
            .select(posts::id)
            .first::<tillit::kernel::ids::PostId>(c)
            .expect("opening post")
            .0
    })
}

fn review_of(app: &TestApp, company: CompanyId, author: UserId) -> i64 {
    app.db(|c| {
        reviews::table
            .filter(reviews::company_id.eq(company))
            .filter(reviews::author_id.eq(author))
            .select(reviews::id)
            .first::<tillit::kernel::ids::ReviewId>(c)
            .expect("review")
            .0
    })
}

fn reply_of(app: &TestApp, review: i64) -> i64 {
    app.db(|c| {
        review_replies::table
            .filter(review_replies::review_id.eq(tillit::kernel::ids::ReviewId(review)))
            .select(review_replies::id)
            .first::<tillit::kernel::ids::ReplyId>(c)
            .expect("company reply")
            .0
    })
}

fn open_case(app: &TestApp, kind: &str, id: i64) -> (i64, i32) {
    app.open_case(kind, id).expect("open case")
}

fn clause_one(app: &TestApp) -> String {
    use tillit::db::schema::guideline_clauses;
    app.db(|c| {
        guideline_clauses::table
            .filter(guideline_clauses::number.eq(1))
            .select(guideline_clauses::id)
            .first::<i64>(c)
            .expect("clause 1")
            .to_string()
    })
}

/// The words an item is written with in its state: the guard's states carry
/// what the checks hold.
fn words(state: State, marker: &str, find: &str) -> String {
    match state {
        State::HeldGuard => format!("My number is {PERSONAL_NUMBER}. {marker} {find}"),
        State::HeldWords => format!("{THREAT} {marker} {find}"),
        _ => format!("About my bill: {marker} and {find} too."),
    }
}

/// What a thread, reply or review is posted with for its state.
fn publish_action(state: State) -> &'static str {
    if state == State::HeldGuard {
        "publish_anyway"
    } else {
        "post"
    }
}

/// A report under clause 1 by Oscar, then Nils's decision: hide it, or
/// remove the marker.
async fn moderate(w: &World, kind: &str, id: i64, state: State, marker: &str) {
    let clause = clause_one(&w.app);
    w.oscar
        .post(
            &format!("/flag/{kind}/{id}"),
            &[("clause", clause.as_str()), ("note", "Names someone")],
        )
        .await
        .assert_status(303);
    let (case, lock) = open_case(&w.app, kind, id);
    let lock = lock.to_string();
    let action = if state == State::Hidden {
        "hide"
    } else {
        "redact"
    };
    w.nils
        .post(
            &format!("/moderation/cases/{case}"),
            &[
                ("lock_version", lock.as_str()),
                ("action", action),
                ("clause", clause.as_str()),
                ("redact", marker),
                ("reason", "Names and accuses a person."),
            ],
        )
        .await
        .assert_status(303);
}

#[allow(clippy::too_many_lines)]
async fn world() -> World {
    let app = TestApp::new().await;
    let mut slugs = Vec::new();
    for state in State::ALL {
        let slug = format!("x{}", state.code());
        let id = app.create_company(&format!("Company {}", state.code()), &slug);
        slugs.push((id, slug));
    }
    let other = app.create_company("Other Company", "other");
    slugs.push((other, "other".to_string()));
    let user = |email: &str, name: &str| app.create_user(email, name, PASSWORD, true);
    let cara = user("cara@example.se", "Cara");
    let mona = user("mona@tillit.example", "Mona");
    let oscar = user("oscar@example.dk", "Oscar");
    let vera = user("vera@example.se", "Vera");
    let sven = user("sven@x.example", "Sven");
    let stig = user("stig@x.example", "Stig");
    let yara = user("yara@other.example", "Yara");
    let nils = user("nils@tillit.example", "Nils");
    let mira = user("mira@x.example", "Mira");
    for moderator in [mona, nils, mira] {
        make_moderator(&app, moderator);
    }
    let x_companies: Vec<CompanyId> = slugs[..State::ALL.len()].iter().map(|(c, _)| *c).collect();
    for company in &x_companies {
        for staff in [sven, stig, mira] {
            app.make_staff(staff, *company);
        }
    }
    app.make_staff(yara, other);

    let login = |email: &'static str| app.login(email, PASSWORD);
    let clients = [
        (
            "cara",
            Some(cara),
            false,
            vec![],
            login("cara@example.se").await,
        ),
        (
            "mona",
            Some(mona),
            true,
            vec![],
            login("mona@tillit.example").await,
        ),
        (
            "oscar",
            Some(oscar),
            false,
            vec![],
            login("oscar@example.dk").await,
        ),
        (
            "sven",
            Some(sven),
            false,
            x_companies.clone(),
            login("sven@x.example").await,
        ),
        (
            "stig",
            Some(stig),
            false,
            x_companies.clone(),
            login("stig@x.example").await,
        ),
        (
            "yara",
            Some(yara),
            false,
            vec![other],
            login("yara@other.example").await,
        ),
        (
            "nils",
            Some(nils),
            true,
            vec![],
            login("nils@tillit.example").await,
        ),
        (
            "mira",
            Some(mira),
            true,
            x_companies.clone(),
            login("mira@x.example").await,
        ),
    ];
    let mut actors: Vec<Actor> = vec![Actor {
        name: "anonymous",
        id: None,
        moderator: false,
        staff_of: vec![],
        client: app.client(),
    }];
    for (name, id, moderator, staff_of, client) in clients {
        actors.push(Actor {
            name,
            id,
            moderator,
            staff_of,
            client,
        });
    }
    let w = World {
        nils: app.login("nils@tillit.example", PASSWORD).await,
        oscar: app.login("oscar@example.dk", PASSWORD).await,
        vera: app.login("vera@example.se", PASSWORD).await,
        app,
        items: Vec::new(),
        actors,
        slugs,
    };
    let mut w = w;
    let mut items = Vec::new();
    for (index, state) in State::ALL.into_iter().enumerate() {
        forget_throttles(&w.app);
        let (company, slug) = w.slugs[index].clone();
        // Vera's thread hosts the replies; her and Oscar's reviews get the
        // company's replies.
        let host = id_after(
            &w.vera
                .post(
                    &format!("/forum/{slug}/new"),
                    &[
                        ("title", "A question for the host thread"),
                        ("kind", "question"),
                        // Varied per state: the same text again would be a repeat (spam).
                        ("body", &format!("Who can help me with this ({state:?})?")),
                        ("action", "post"),
                    ],
                )
                .await,
            "/threads/",
        );
        for (reviewer, title) in [(&w.vera, "Host review one"), (&w.oscar, "Host review two")] {
            reviewer
                .post(
                    &format!("/companies/{slug}/reviews"),
                    &[
                        ("rating", "3"),
                        ("title", title),
                        ("body", &format!("An ordinary experience ({state:?}).")),
                        ("action", "post"),
                    ],
                )
                .await
                .assert_status(303);
        }
        let vera_review = review_of(&w.app, company, vera);
        let oscar_review = review_of(&w.app, company, oscar);
        for (author_name, author) in [("cara", cara), ("mona", mona)] {
            let client = &w
                .actors
                .iter()
                .find(|a| a.name == author_name)
                .expect("author")
                .client;
            let at = (company, slug.as_str());
            // A thread.
            let mut item = Item::new(Kind::Thread, state, (author_name, author), at);
            let title = if state == State::Redacted {
                format!("Thread by {author_name} {}", item.find)
            } else {
                format!("Thread {} {}", item.marker, item.find)
            };
            let thread = id_after(
                &client
                    .post(
                        &format!("/forum/{slug}/new"),
                        &[
                            ("title", title.as_str()),
                            ("kind", "complaint"),
                            ("body", words(state, &item.marker, &item.find).as_str()),
                            ("action", publish_action(state)),
                        ],
                    )
                    .await,
                "/threads/",
            );
            item.thread = Some(thread);
            item.post = Some(opening_post(&w.app, thread));
            items.push(item);
            // A reply in Vera's thread.
            let mut item = Item::new(Kind::Reply, state, (author_name, author), at);
            client
                .post(
                    &format!("/threads/{host}/reply"),
                    &[
                        ("body", words(state, &item.marker, &item.find).as_str()),
                        ("action", publish_action(state)),
                    ],
                )
                .await
                .assert_status(303);
            item.thread = Some(host);
            item.post = Some(last_post(&w.app, host));
            items.push(item);
            // A review.
            let mut item = Item::new(Kind::Review, state, (author_name, author), at);
            let title = if state == State::Redacted {
                format!("Review by {author_name}")
            } else {
                format!("Review {}", item.marker)
            };
            client
                .post(
                    &format!("/companies/{slug}/reviews"),
                    &[
                        ("rating", "2"),
                        ("title", title.as_str()),
                        ("body", words(state, &item.marker, &item.find).as_str()),
                        ("action", publish_action(state)),
                    ],
                )
                .await
                .assert_status(303);
            item.review = Some(review_of(&w.app, company, author));
            items.push(item);
        }
        // The company's replies: Stig's to Vera's review, Mira's to Oscar's.
        if state != State::Withdrawn {
            for (author_name, author, review) in
                [("stig", stig, vera_review), ("mira", mira, oscar_review)]
            {
                let client = &w
                    .actors
                    .iter()
                    .find(|a| a.name == author_name)
                    .expect("author")
                    .client;
                let mut item = Item::new(
                    Kind::CompanyReply,
                    state,
                    (author_name, author),
                    (company, slug.as_str()),
                );
                client
                    .post(
                        &format!("/reviews/{review}/reply"),
                        &[("body", words(state, &item.marker, &item.find).as_str())],
                    )
                    .await
                    .assert_status(303);
                item.review = Some(review);
                item.reply = Some(reply_of(&w.app, review));
                items.push(item);
            }
        }
        // The host thread's accepted answer becomes an FAQ entry while it is
        // public; its state then changes like every other item's.
        let cara_reply = items
            .iter()
            .find(|i| i.kind == Kind::Reply && i.state == state && i.author == cara)
            .and_then(|i| i.post)
            .expect("cara's reply");
        if !matches!(state, State::HeldGuard | State::HeldWords) {
            w.vera
                .post(&format!("/posts/{cara_reply}/accept"), &[])
                .await
                .assert_status(303);
            let stig_client = &w
                .actors
                .iter()
                .find(|a| a.name == "stig")
                .expect("stig")
                .client;
            stig_client
                .post(&format!("/threads/{host}/faq"), &[])
                .await
                .assert_status(303);
        }
    }
    // Every item reaches its state.
    forget_throttles(&w.app);
    for item in items.clone() {
        let author_name = w
            .actors
            .iter()
            .find(|a| a.is(item.author))
            .map(|a| a.name)
            .expect("author");
        let client = &w
            .actors
            .iter()
            .find(|a| a.name == author_name)
            .expect("author")
            .client;
        let (kind, id) = match item.kind {
            Kind::Thread | Kind::Reply | Kind::ReplyInHeldThread => ("post", item.post),
            Kind::Review => ("review", item.review),
            Kind::CompanyReply => ("reply", item.reply),
        };
        let id = id.expect("id");
        match item.state {
            State::Hidden | State::Redacted => {
                moderate(&w, kind, id, item.state, &item.marker).await
            }
            State::Withdrawn => {
                let path = match kind {
                    "review" => format!("/reviews/{id}/withdraw"),
                    _ => format!("/posts/{id}/withdraw"),
                };
                client.post(&path, &[]).await.assert_status(303);
            }
            State::Edited => {
                let body = format!("Edited: {} remains.", item.find);
                let resp = match item.kind {
                    Kind::Thread => {
                        let title = format!("Edited thread {}", item.find);
                        client
                            .post(
                                &format!("/posts/{id}/edit"),
                                &[
                                    ("title", title.as_str()),
                                    ("body", body.as_str()),
                                    ("action", "post"),
                                ],
                            )
                            .await
                    }
                    Kind::Reply => {
                        client
                            .post(
                                &format!("/posts/{id}/edit"),
                                &[("body", body.as_str()), ("action", "post")],
                            )
                            .await
                    }
                    Kind::Review => {
                        client
                            .post(
                                &format!("/reviews/{id}/edit"),
                                &[
                                    ("rating", "2"),
                                    ("title", "Review, edited"),
                                    ("body", body.as_str()),
                                    ("action", "post"),
                                ],
                            )
                            .await
                    }
                    Kind::CompanyReply | Kind::ReplyInHeldThread => {
                        let review = item.review.expect("review");
                        client
                            .post(
                                &format!("/reviews/{review}/reply"),
                                &[("body", body.as_str())],
                            )
                            .await
                    }
                };
                resp.assert_status(303);
            }
            _ => {}
        }
    }
    // A thread held after people replied to it and followed it: Oscar's
    // reply inside it is out of sight with it, and a later reply by its
    // author tells no follower who may not read it.
    forget_throttles(&w.app);
    let (company, slug) = w.slugs[0].clone();
    let cara_client = &w
        .actors
        .iter()
        .find(|a| a.name == "cara")
        .expect("cara")
        .client;
    let held_later = id_after(
        &cara_client
            .post(
                &format!("/forum/{slug}/new"),
                &[
                    ("title", "A thread held later fndheldlaterz"),
                    ("kind", "question"),
                    ("body", "Nothing wrong yet."),
                    ("action", "post"),
                ],
            )
            .await,
        "/threads/",
    );
    let at = (company, slug.as_str());
    let mut theirs = Item::new(
        Kind::ReplyInHeldThread,
        State::Visible,
        ("oscar", oscar),
        at,
    );
    w.oscar
        .post(
            &format!("/threads/{held_later}/reply"),
            &[
                (
                    "body",
                    format!("Me too: {} {}", theirs.marker, theirs.find).as_str(),
                ),
                ("action", "post"),
            ],
        )
        .await
        .assert_status(303);
    theirs.thread = Some(held_later);
    theirs.post = Some(last_post(&w.app, held_later));
    theirs.container_author = Some(cara);
    items.push(theirs);
    w.oscar
        .post(
            &format!("/threads/{held_later}/subscription"),
            &[("subscribe", "1")],
        )
        .await
        .assert_status(303);
    // The edit holds the thread: its new words were never public.
    let mut held = Item::new(Kind::Thread, State::HeldWords, ("later", cara), at);
    held.find = "fndheldlaterz".into();
    let opening = opening_post(&w.app, held_later);
    cara_client
        .post(
            &format!("/posts/{opening}/edit"),
            &[
                ("title", format!("Now held {}", held.marker).as_str()),
                (
                    "body",
                    format!("{THREAT} {} {}", held.marker, held.find).as_str(),
                ),
                ("action", "post"),
            ],
        )
        .await
        .assert_status(303);
    held.thread = Some(held_later);
    held.post = Some(opening);
    items.push(held);
    // Its author's reply after the hold: never public either.
    let mut update = Item::new(Kind::ReplyInHeldThread, State::Visible, ("cara", cara), at);
    cara_client
        .post(
            &format!("/threads/{held_later}/reply"),
            &[
                (
                    "body",
                    format!("An update: {} {}", update.marker, update.find).as_str(),
                ),
                ("action", "post"),
            ],
        )
        .await
        .assert_status(303);
    update.thread = Some(held_later);
    update.post = Some(last_post(&w.app, held_later));
    update.container_author = Some(cara);
    update.never_public = true;
    items.push(update);
    // The pages cached for anonymous visitors are rebuilt after writes; the
    // sweep reads them fresh.
    w.app.state.pages.invalidate();
    w.items = items;
    w
}

/// Every marker on a page: "mkx" and the letters and digits after it.
fn markers_in(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in text.match_indices("mkx") {
        let word: String = text[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        found.insert(word);
    }
    found
}

/// The text of the reply box on a thread page (what a quote put there).
fn reply_box(body: &str) -> &str {
    let Some(start) = body.find("<textarea id=\"body\"") else {
        return "";
    };
    let rest = &body[start..];
    let end = rest.find("</textarea>").unwrap_or(rest.len());
    &rest[..end]
}

/// A GET route with its concrete paths, or why it shows no item.
enum Case {
    Get(Shows, Vec<String>),
    Exempt(&'static str),
}

fn uniq<T: Ord + Clone>(values: impl IntoIterator<Item = T>) -> Vec<T> {
    values
        .into_iter()
        .collect::<BTreeSet<T>>()
        .into_iter()
        .collect()
}

/// Every GET route of the route table with the paths the sweep requests.
fn get_paths(w: &World, path: &str) -> Option<Case> {
    let items = &w.items;
    let threads = uniq(items.iter().filter_map(|i| i.thread));
    let posts = uniq(items.iter().filter_map(|i| i.post));
    let reviews = uniq(items.iter().filter_map(|i| i.review));
    let replies = uniq(items.iter().filter_map(|i| i.reply));
    let slugs: Vec<String> = w.slugs.iter().map(|(_, s)| s.clone()).collect();
    let ids = |table: &str| -> Vec<i64> {
        w.app.db(|c| match table {
            "cases" => moderation_cases::table
                .select(moderation_cases::id)
                .load::<tillit::kernel::ids::CaseId>(c)
                .expect("cases")
                .into_iter()
                .map(|i| i.0)
                .collect(),
            "decisions" => moderation_decisions::table
                .select(moderation_decisions::id)
                .load::<tillit::kernel::ids::DecisionId>(c)
                .expect("decisions")
                .into_iter()
                .map(|i| i.0)
                .collect(),
            "verifications" => verifications::table
                .select(verifications::id)
                .load::<i64>(c)
                .expect("verifications"),
            "conversations" => conversations::table
                .select(conversations::id)
                .load::<tillit::kernel::ids::ConversationId>(c)
                .expect("conversations")
                .into_iter()
                .map(|i| i.0)
                .collect(),
            _ => Vec::new(),
        })
    };
    let each = |ids: &[i64], f: &dyn Fn(i64) -> String| ids.iter().map(|i| f(*i)).collect();
    let each_slug = |f: &dyn Fn(&str) -> String| slugs.iter().map(|s| f(s)).collect();
    use Case::{Exempt, Get};
    use Shows::{Gate, Public};
    Some(match path {
        "/"
        | "/companies"
        | "/forum"
        | "/latest"
        | "/moderation"
        | "/moderation/log"
        | "/moderation/transparency"
        | "/notifications"
        | "/desk"
        | "/conversations"
        | "/verification"
        | "/figures"
        | "/figures/export.csv"
        | "/guidelines"
        | "/account"
        | "/account/data"
        | "/account/notifications"
        | "/privacy"
        | "/about/reviews" => Get(Gate, vec![path.to_string()]),
        // A profile lists a person's work as the public reads it, whoever looks.
        "/people/{id}" => {
            let authors = uniq(items.iter().map(|i| i.author.0));
            Get(Public, each(&authors, &|a| format!("/people/{a}")))
        }
        // Email settings from the link in an email: kinds and choices, no item.
        "/mail-settings/{token}" => {
            let authors = uniq(items.iter().map(|i| i.author));
            let tokens: Vec<String> = w.app.db(|c| {
                authors
                    .iter()
                    .map(|a| tillit::kernel::notify::mail_token(c, *a).expect("token"))
                    .collect()
            });
            Get(
                Public,
                tokens
                    .iter()
                    .map(|t| format!("/mail-settings/{t}"))
                    .collect(),
            )
        }
        // The legal-notice form quotes the item as the public reads it.
        "/notices/new" => {
            let mut paths: Vec<String> = each(&posts, &|p| format!("/notices/new?item=post-{p}"));
            paths.extend(
                reviews
                    .iter()
                    .map(|r| format!("/notices/new?item=review-{r}")),
            );
            paths.extend(
                replies
                    .iter()
                    .map(|r| format!("/notices/new?item=reply-{r}")),
            );
            Get(Public, paths)
        }
        "/reporting-measures/{id}" => {
            Exempt("measures against misuse of reporting: counts and dates, no item text")
        }
        "/search" => Get(
            Public,
            items
                .iter()
                .map(|i| format!("/search?q={}", i.find))
                .collect(),
        ),
        "/forum/{slug}" => Get(Gate, each_slug(&|s| format!("/forum/{s}"))),
        "/forum/{slug}/new" => Get(Gate, each_slug(&|s| format!("/forum/{s}/new"))),
        "/threads/{id}" => {
            let mut paths: Vec<String> = each(&threads, &|t| format!("/threads/{t}"));
            // Every post quoted in its thread's reply box.
            paths.extend(
                items
                    .iter()
                    .filter_map(|i| Some(format!("/threads/{}?quote={}", i.thread?, i.post?))),
            );
            Get(Gate, paths)
        }
        "/posts/{id}" => Get(Gate, each(&posts, &|p| format!("/posts/{p}"))),
        "/posts/{id}/edit" => Get(Gate, each(&posts, &|p| format!("/posts/{p}/edit"))),
        "/posts/{id}/history" => Get(Gate, each(&posts, &|p| format!("/posts/{p}/history"))),
        "/flag/{kind}/{id}" => {
            let mut paths: Vec<String> = each(&posts, &|p| format!("/flag/post/{p}"));
            paths.extend(reviews.iter().map(|r| format!("/flag/review/{r}")));
            paths.extend(replies.iter().map(|r| format!("/flag/reply/{r}")));
            Get(Gate, paths)
        }
        "/moderation/cases/{id}" => Get(
            Gate,
            each(&ids("cases"), &|c| format!("/moderation/cases/{c}")),
        ),
        "/notifications/{id}" => Get(
            Gate,
            each(&ids("decisions"), &|d| format!("/notifications/{d}")),
        ),
        "/companies/{slug}" => Get(Gate, each_slug(&|s| format!("/companies/{s}"))),
        "/companies/{slug}/review" => Get(Gate, each_slug(&|s| format!("/companies/{s}/review"))),
        "/companies/{slug}/invitations" => {
            Get(Gate, each_slug(&|s| format!("/companies/{s}/invitations")))
        }
        "/companies/{slug}/faq" => Get(Public, each_slug(&|s| format!("/companies/{s}/faq"))),
        // The response-time badge as an image: the company's figure, as public.
        "/companies/{slug}/badge.svg" => {
            Get(Public, each_slug(&|s| format!("/companies/{s}/badge.svg")))
        }
        "/reviews/{id}/edit" => Get(Gate, each(&reviews, &|r| format!("/reviews/{r}/edit"))),
        "/reviews/{id}/history" => Get(Gate, each(&reviews, &|r| format!("/reviews/{r}/history"))),
        "/reviews/{id}/reply" => Get(Gate, each(&reviews, &|r| format!("/reviews/{r}/reply"))),
        "/reviews/{id}/private" => Get(Gate, each(&reviews, &|r| format!("/reviews/{r}/private"))),
        "/reviews/{id}/verify" => Get(Gate, each(&reviews, &|r| format!("/reviews/{r}/verify"))),
        "/replies/{id}/history" => Get(Gate, each(&replies, &|r| format!("/replies/{r}/history"))),
        "/threads/{id}/private" => Get(Gate, each(&threads, &|t| format!("/threads/{t}/private"))),
        "/desk/customers/{id}" => {
            let authors = uniq(items.iter().map(|i| i.author.0));
            let companies = uniq(w.slugs.iter().map(|(c, _)| c.0));
            Get(
                Gate,
                authors
                    .iter()
                    .flat_map(|a| {
                        companies
                            .iter()
                            .map(move |c| format!("/desk/customers/{a}?company={c}"))
                    })
                    .collect(),
            )
        }
        "/unsubscribe/{token}" => {
            let tokens: Vec<String> = w.app.db(|c| {
                subscriptions::table
                    .select(subscriptions::token)
                    .load(c)
                    .expect("tokens")
            });
            Get(
                Public,
                tokens.iter().map(|t| format!("/unsubscribe/{t}")).collect(),
            )
        }
        "/verification/{id}" => Get(
            Gate,
            each(&ids("verifications"), &|v| format!("/verification/{v}")),
        ),
        "/conversations/{id}" => Get(
            Gate,
            each(&ids("conversations"), &|v| format!("/conversations/{v}")),
        ),
        "/desk/companies/{slug}/settings"
        | "/desk/companies/{slug}/canned"
        | "/desk/companies/{slug}/incidents" => {
            let tail = path.trim_start_matches("/desk/companies/{slug}");
            Get(Gate, each_slug(&|s| format!("/desk/companies/{s}{tail}")))
        }
        "/signup" | "/login" | "/password-reset" | "/password-reset/confirm" | "/verify-email" => {
            Exempt("account forms: no user-authored item")
        }
        "/admin"
        | "/admin/users"
        | "/admin/users/{id}"
        | "/admin/companies"
        | "/admin/guidelines"
        | "/admin/guidelines/{id}"
        | "/admin/watched-words"
        | "/admin/watched-words/{id}" => {
            Exempt("administration: users, companies, clauses and watched words, no item text")
        }
        "/desk/companies/{slug}/canned/{id}/edit" => {
            Exempt("canned answers are the company's templates, not items")
        }
        "/incidents/{id}" => Exempt("incident notices are the company's, not items"),
        "/invite/{token}"
        | "/invite/{token}/stop"
        | "/verify-review/{token}"
        | "/notices/{token}"
        | "/account/export/{token}" => {
            Exempt("token landing pages: the sweep holds no tokens for them")
        }
        p if p.starts_with("/assets/")
            || p == "/robots.txt"
            || p == "/healthz"
            || p == "/favicon.ico" =>
        {
            Exempt("static files and health check")
        }
        _ => return None,
    })
}

/// A request the sweep posts: the path and the form fields.
type Request = (String, Vec<(&'static str, String)>);

/// The POST routes that accept an item, with the form that would act on it;
/// every other POST route and why it accepts no item.
fn post_case(item: &Item, path: &str) -> Option<Result<Vec<Request>, &'static str>> {
    let clause = "1".to_string();
    let form = |fields: &[(&'static str, &str)]| -> Vec<(&'static str, String)> {
        fields.iter().map(|(k, v)| (*k, v.to_string())).collect()
    };
    let post = item.post;
    let thread = item
        .thread
        .filter(|_| matches!(item.kind, Kind::Thread | Kind::ReplyInHeldThread));
    let review = item.review.filter(|_| item.kind == Kind::Review);
    let reply = item.reply;
    let one =
        |target: Option<i64>, f: &dyn Fn(i64) -> String, fields: Vec<(&'static str, String)>| {
            Ok(target.map(|t| (f(t), fields)).into_iter().collect())
        };
    Some(match path {
        "/threads/{id}/reply" => one(
            thread,
            &|t| format!("/threads/{t}/reply"),
            form(&[
                ("body", "A reply to what I cannot read"),
                ("action", "post"),
            ]),
        ),
        "/threads/{id}/subscription" => one(
            thread,
            &|t| format!("/threads/{t}/subscription"),
            form(&[("subscribe", "1")]),
        ),
        "/threads/{id}/faq" => one(thread, &|t| format!("/threads/{t}/faq"), vec![]),
        "/threads/{id}/private" => one(
            thread,
            &|t| format!("/threads/{t}/private"),
            form(&[("subject", "About this"), ("body", "Hello there")]),
        ),
        "/posts/{id}/edit" => one(
            post,
            &|p| format!("/posts/{p}/edit"),
            form(&[
                ("title", "A new title here"),
                ("body", "New words"),
                ("action", "post"),
            ]),
        ),
        "/posts/{id}/withdraw" => one(post, &|p| format!("/posts/{p}/withdraw"), vec![]),
        "/posts/{id}/accept" => one(post, &|p| format!("/posts/{p}/accept"), vec![]),
        "/posts/{id}/rate" => one(
            post,
            &|p| format!("/posts/{p}/rate"),
            form(&[("rating", "5")]),
        ),
        "/flag/{kind}/{id}" => {
            let target = match item.kind {
                Kind::Review => review.map(|r| format!("/flag/review/{r}")),
                Kind::CompanyReply => reply.map(|r| format!("/flag/reply/{r}")),
                _ => post.map(|p| format!("/flag/post/{p}")),
            };
            Ok(target
                .map(|t| {
                    (
                        t,
                        vec![("clause", clause.clone()), ("note", "Report".to_string())],
                    )
                })
                .into_iter()
                .collect())
        }
        "/reviews/{id}/edit" => one(
            review,
            &|r| format!("/reviews/{r}/edit"),
            form(&[
                ("rating", "1"),
                ("title", "A new title"),
                ("body", "New words"),
                ("action", "post"),
            ]),
        ),
        "/reviews/{id}/withdraw" => one(review, &|r| format!("/reviews/{r}/withdraw"), vec![]),
        "/reviews/{id}/helpful" => one(review, &|r| format!("/reviews/{r}/helpful"), vec![]),
        "/reviews/{id}/reply" => one(
            review,
            &|r| format!("/reviews/{r}/reply"),
            form(&[("body", "Our reply")]),
        ),
        "/reviews/{id}/private" => one(
            review,
            &|r| format!("/reviews/{r}/private"),
            form(&[("subject", "About this"), ("body", "Hello there")]),
        ),
        "/reviews/{id}/ask-verification" => one(
            review,
            &|r| format!("/reviews/{r}/ask-verification"),
            vec![],
        ),
        "/reviews/{id}/verify" => one(
            review,
            &|r| format!("/reviews/{r}/verify"),
            form(&[
                ("text", "I was a customer in October."),
                ("reference", "A-1"),
            ]),
        ),
        // Moderation routes are swept by who may decide, below.
        "/moderation/cases/{id}" | "/moderation/decisions/{id}/restore" => Ok(vec![]),
        "/signup"
        | "/login"
        | "/logout"
        | "/password-reset"
        | "/password-reset/confirm"
        | "/account/verify-email"
        | "/account/profile"
        | "/account/time-zone"
        | "/account/password"
        | "/account/logout-everywhere"
        | "/account/sessions/{id}/end"
        | "/verify-email"
        | "/account/export"
        | "/account/erase"
        | "/language" => Err("accounts: no item"),
        "/notifications/read"
        | "/notifications/open/{id}"
        | "/account/notifications"
        | "/mail-settings/{token}"
        | "/mail-settings/{token}/stop/{kind}" => Err("notifications and email settings: no item"),
        "/notices/new" => {
            let param = match item.kind {
                Kind::Review => review.map(|r| format!("review-{r}")),
                Kind::CompanyReply => reply.map(|r| format!("reply-{r}")),
                _ => post.map(|p| format!("post-{p}")),
            };
            Ok(param
                .map(|param| {
                    let fields = form(&[
                        ("item", &param),
                        ("ground", "other"),
                        ("explanation", "This text breaks the law in several ways."),
                        ("name", "Sweep Reporter"),
                        ("email", "sweep@example.com"),
                        ("good_faith", "yes"),
                    ]);
                    ("/notices/new".to_string(), fields)
                })
                .into_iter()
                .collect())
        }
        "/invite/{token}/stop" => {
            Err("stopping invitations acts on a token the sweep does not hold")
        }
        "/notices/{token}/confirm" | "/notices/{token}/appeal" => {
            Err("legal notices act on a token the sweep does not hold")
        }
        "/reporting-measures/{id}/appeal" | "/reporting-measures/{id}/decide" => {
            Err("measures against misuse of reporting: no item")
        }
        "/admin/users/{id}/moderator"
        | "/admin/users/{id}/suspension"
        | "/admin/users/{id}/staff"
        | "/admin/users/{id}/staff/remove"
        | "/admin/users/{id}/erase"
        | "/admin/companies"
        | "/admin/guidelines/{id}"
        | "/admin/watched-words"
        | "/admin/watched-words/{id}"
        | "/admin/watched-words/{id}/retire" => Err("administration: no item"),
        "/admin/watched-words/test" => {
            Err("the test box shows back only the text the administrator typed")
        }
        "/forum/{slug}/new" | "/companies/{slug}/reviews" => Err("writes a new item"),
        "/companies/{slug}/invitations" => Err("invitations: no item"),
        "/notifications/{id}/appeal" => Err("appeals act on a decision, checked by its author"),
        "/unsubscribe/{token}" => Err("one-click unsubscribe: acts on a token, shows nothing"),
        "/desk/threads/{id}/assign"
        | "/desk/threads/{id}/no-answer"
        | "/desk/threads/{id}/reopen"
        | "/desk/incidents/link" => Err("the desk lists public threads only (tested in desk.rs)"),
        "/desk/companies/{slug}/settings"
        | "/desk/companies/{slug}/holidays"
        | "/desk/companies/{slug}/holidays/{id}/remove"
        | "/desk/companies/{slug}/canned"
        | "/desk/companies/{slug}/canned/{id}/delete"
        | "/desk/companies/{slug}/incidents"
        | "/desk/companies/{slug}/faq/{id}/remove"
        | "/incidents/{id}/updates" => Err("the company's own desk data: no item"),
        "/conversations/{id}" => Err("private conversations: checked in desk.rs"),
        "/verification/{id}/request"
        | "/verification/{id}/dismiss"
        | "/verification/{id}/decide" => {
            Err("verification entries: checked by can_decide, swept with the moderation routes")
        }
        "/verify-review/{token}" => Err("the reviewer's token link"),
        _ => return None,
    })
}

/// What is in the database that any accepted POST would change.
fn footprint(app: &TestApp) -> Vec<i64> {
    app.db(|c| {
        vec![
            posts::table.count().get_result(c).expect("posts"),
            posts::table
                .filter(posts::withdrawn_at.is_not_null())
                .count()
                .get_result(c)
                .expect("withdrawn"),
            posts::table
                .filter(posts::edited_at.is_not_null())
                .count()
                .get_result(c)
                .expect("edited"),
            reviews::table
                .filter(
                    reviews::edited_at
                        .is_not_null()
                        .or(reviews::withdrawn_at.is_not_null()),
                )
                .count()
                .get_result(c)
                .expect("reviews"),
            flags::table.count().get_result(c).expect("flags"),
            subscriptions::table
                .count()
                .get_result(c)
                .expect("subscriptions"),
            review_replies::table
                .count()
                .get_result(c)
                .expect("replies"),
            faq_entries::table.count().get_result(c).expect("faq"),
            conversations::table
                .count()
                .get_result(c)
                .expect("conversations"),
            moderation_decisions::table
                .count()
                .get_result(c)
                .expect("decisions"),
            answer_ratings::table
                .count()
                .get_result(c)
                .expect("ratings"),
            review_helpful::table
                .count()
                .get_result(c)
                .expect("helpful"),
            verifications::table
                .count()
                .get_result(c)
                .expect("verifications"),
        ]
    })
}

/// Whether a response refused: not found, forbidden, or the login page.
fn refused(resp: &Resp) -> bool {
    matches!(resp.status, 403 | 404)
        || (resp.status == 303 && resp.location().starts_with("/login"))
}

#[actix_web::test]
async fn every_route_shows_and_accepts_items_only_as_the_rules_allow() {
    let w = world().await;
    let by_marker: HashMap<&str, &Item> = w.items.iter().map(|i| (i.marker.as_str(), i)).collect();
    let routes = tillit::routes();
    let mut unclassified = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    let mut requests = 0usize;
    let mut get_routes = 0usize;
    let mut exempt: BTreeSet<&'static str> = BTreeSet::new();
    let mut gate_routes = BTreeSet::new();

    // ---- pages ----------------------------------------------------------
    for (method, path) in routes.iter().filter(|(m, _)| *m == Method::GET) {
        let Some(case) = get_paths(&w, path) else {
            unclassified.push(format!("{method} {path}"));
            continue;
        };
        let (shows, urls) = match case {
            Case::Get(shows, urls) => (shows, urls),
            Case::Exempt(reason) => {
                exempt.insert(reason);
                continue;
            }
        };
        get_routes += 1;
        for url in &urls {
            for actor in &w.actors {
                let resp = actor.client.get(url).await;
                requests += 1;
                if resp.status >= 500 {
                    failures.push(format!("{} {url}: status {}", actor.name, resp.status));
                }
                let quote = reply_box(&resp.body);
                for found in markers_in(&resp.body) {
                    let Some(item) = by_marker.get(found.as_str()) else {
                        failures.push(format!("{} {url}: unknown marker {found}", actor.name));
                        continue;
                    };
                    gate_routes.insert(*path);
                    let public_only = shows == Shows::Public
                        || (url.contains("?quote=") && quote.contains(found.as_str()));
                    let allowed = if public_only {
                        item.state == State::Visible && item.container_author.is_none()
                    } else {
                        actor.may_read(item)
                    };
                    if !allowed {
                        failures.push(format!(
                            "{} sees {:?} {:?} ({found}) on {url}",
                            actor.name, item.kind, item.state
                        ));
                    }
                }
            }
        }
    }

    // ---- each item where its rules say it shows --------------------------
    for item in &w.items {
        let home = match (item.kind, item.state) {
            (_, State::Redacted) => {
                let kind = match item.kind {
                    Kind::Review => "review",
                    Kind::CompanyReply => "reply",
                    _ => "post",
                };
                let id = match item.kind {
                    Kind::Review => item.review,
                    Kind::CompanyReply => item.reply,
                    _ => item.post,
                }
                .expect("id");
                let case: i64 = w.app.db(|c| {
                    moderation_cases::table
                        .filter(moderation_cases::item_kind.eq(kind))
                        .filter(moderation_cases::item_id.eq(id))
                        .select(moderation_cases::id)
                        .first::<tillit::kernel::ids::CaseId>(c)
                        .expect("case")
                        .0
                });
                format!("/moderation/cases/{case}")
            }
            (Kind::Thread, State::Edited) | (Kind::Reply, State::Edited) => {
                format!("/posts/{}/history", item.post.expect("post"))
            }
            (Kind::Review, State::Edited) => {
                format!("/reviews/{}/history", item.review.expect("review"))
            }
            (Kind::CompanyReply, State::Edited) => {
                format!("/replies/{}/history", item.reply.expect("reply"))
            }
            (Kind::Review | Kind::CompanyReply, _) => format!("/companies/{}", item.company_slug),
            _ => format!("/threads/{}", item.thread.expect("thread")),
        };
        for actor in w.actors.iter().filter(|a| a.may_read(item)) {
            let resp = actor.client.get(&home).await;
            requests += 1;
            if !resp.has(&item.marker) {
                failures.push(format!(
                    "{} does not see {:?} {:?} on {home} though the rules allow it",
                    actor.name, item.kind, item.state
                ));
            }
        }
    }

    // ---- what does not exist for a viewer is not found --------------------
    // A held item (and a reply inside a held thread) does not exist for
    // those who may not read it: its own pages are 404, not an empty shell.
    for item in &w.items {
        let held = matches!(item.state, State::HeldGuard | State::HeldWords)
            || item.container_author.is_some();
        if !held {
            continue;
        }
        let mut own = Vec::new();
        if let Some(post) = item.post {
            own.push(format!("/posts/{post}"));
            own.push(format!("/posts/{post}/history"));
        }
        if item.kind == Kind::Thread {
            own.push(format!("/threads/{}", item.thread.expect("thread")));
        }
        if item.kind == Kind::Review {
            own.push(format!("/reviews/{}/history", item.review.expect("review")));
        }
        if let Some(reply) = item.reply {
            own.push(format!("/replies/{reply}/history"));
        }
        // Where the item would stand among others, it leaves no trace.
        let (home, anchor) = match item.kind {
            Kind::Review => (
                format!("/companies/{}", item.company_slug),
                format!("id=\"review-{}\"", item.review.expect("review")),
            ),
            Kind::CompanyReply => (
                format!("/companies/{}", item.company_slug),
                format!("id=\"reply-{}\"", item.reply.expect("reply")),
            ),
            _ => (
                format!("/threads/{}", item.thread.expect("thread")),
                format!("id=\"post-{}\"", item.post.expect("post")),
            ),
        };
        for actor in w.actors.iter().filter(|a| !a.may_read(item)) {
            let resp = actor.client.get(&home).await;
            requests += 1;
            if resp.has(&anchor) {
                failures.push(format!(
                    "{} finds {anchor} on {home} ({:?} {:?})",
                    actor.name, item.kind, item.state
                ));
            }
            for url in &own {
                let resp = actor.client.get(url).await;
                requests += 1;
                if resp.status != 404 {
                    failures.push(format!(
                        "{} gets {} for {url} ({:?} {:?}), not 404",
                        actor.name, resp.status, item.kind, item.state
                    ));
                }
            }
        }
    }

    // ---- actions on items the actor may not read -------------------------
    let before = footprint(&w.app);
    let mut post_routes = 0usize;
    let mut post_item_routes = BTreeSet::new();
    for (method, path) in routes.iter().filter(|(m, _)| *m == Method::POST) {
        let mut classified = false;
        for item in &w.items {
            let Some(case) = post_case(item, path) else {
                break;
            };
            classified = true;
            let targets = match case {
                Ok(targets) => targets,
                Err(reason) => {
                    exempt.insert(reason);
                    break;
                }
            };
            for (url, fields) in targets {
                post_item_routes.insert(*path);
                for actor in w.actors.iter().filter(|a| !a.reads_current(item)) {
                    let fields: Vec<(&str, &str)> =
                        fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    let resp = actor.client.post(&url, &fields).await;
                    requests += 1;
                    if !refused(&resp) {
                        failures.push(format!(
                            "{} {method} {url} on {:?} {:?} was not refused: {} {}",
                            actor.name,
                            item.kind,
                            item.state,
                            resp.status,
                            resp.location()
                        ));
                    }
                    for found in markers_in(&resp.body) {
                        failures.push(format!("{} {url}: the refusal shows {found}", actor.name));
                    }
                }
            }
        }
        if classified {
            post_routes += 1;
        } else {
            unclassified.push(format!("{method} {path}"));
        }
    }
    // Moderation: only a neutral moderator who is not the author decides.
    let cases: Vec<(i64, i32, String, i64)> = w.app.db(|c| {
        moderation_cases::table
            .filter(moderation_cases::status.eq("open"))
            .select((
                moderation_cases::id,
                moderation_cases::lock_version,
                moderation_cases::item_kind,
                moderation_cases::item_id,
            ))
            .load::<(tillit::kernel::ids::CaseId, i32, String, i64)>(c)
            .expect("cases")
            .into_iter()
            .map(|(id, lock, kind, item)| (id.0, lock, kind, item))
            .collect()
    });
    let clause = clause_one(&w.app);
    for (case, lock, kind, id) in &cases {
        let Some(item) = w.items.iter().find(|i| {
            let own = match kind.as_str() {
                "review" => i.review.filter(|_| i.kind == Kind::Review),
                "reply" => i.reply,
                _ => i.post,
            };
            own == Some(*id)
        }) else {
            continue;
        };
        let lock = lock.to_string();
        for actor in &w.actors {
            let may_decide = actor.moderator
                && !actor.staff_of.contains(&item.company)
                && !actor.is(item.author);
            if may_decide {
                continue;
            }
            let resp = actor
                .client
                .post(
                    &format!("/moderation/cases/{case}"),
                    &[
                        ("lock_version", lock.as_str()),
                        ("action", "dismiss"),
                        ("clause", clause.as_str()),
                    ],
                )
                .await;
            requests += 1;
            if !refused(&resp) {
                failures.push(format!(
                    "{} decided case {case} about {:?} {:?}: {}",
                    actor.name, item.kind, item.state, resp.status
                ));
            }
        }
    }
    let restorable: Vec<(i64, i64)> = w.app.db(|c| {
        moderation_decisions::table
            .filter(moderation_decisions::action.eq_any(["hide", "redact"]))
            .select((moderation_decisions::id, moderation_decisions::author_id))
            .load::<(tillit::kernel::ids::DecisionId, UserId)>(c)
            .expect("decisions")
            .into_iter()
            .map(|(d, a)| (d.0, a.0))
            .collect()
    });
    for (decision, author) in &restorable {
        for actor in w
            .actors
            .iter()
            .filter(|a| !a.moderator || a.is(UserId(*author)) || !a.staff_of.is_empty())
        {
            let resp = actor
                .client
                .post(
                    &format!("/moderation/decisions/{decision}/restore"),
                    &[("reason", "Restoring what I should not")],
                )
                .await;
            requests += 1;
            if !refused(&resp) {
                failures.push(format!(
                    "{} restored {decision}: {}",
                    actor.name, resp.status
                ));
            }
        }
    }
    let after = footprint(&w.app);
    if after != before {
        failures.push(format!(
            "a refused action changed something: {before:?} → {after:?}"
        ));
    }

    // ---- emails -----------------------------------------------------------
    // An email is a copy that leaves the site: words that were never public
    // (held from the start) must be in none, whoever it went to.
    let emails = w.app.emails().await;
    for email in &emails {
        for found in markers_in(&format!(
            "{}\n{}\n{}",
            email.subject, email.text, email.html
        )) {
            if by_marker
                .get(found.as_str())
                .is_some_and(|i| i.never_public)
            {
                failures.push(format!("an email to {} carries {found}", email.to));
            }
        }
    }
    // Oscar follows the thread that was held after he replied: its author's
    // later reply tells him nothing.
    assert!(
        !emails
            .iter()
            .any(|e| e.to == "oscar@example.dk" && e.subject.contains("held")),
        "a reply email about a held thread"
    );

    let states = State::ALL.len();
    eprintln!(
        "route sweep: {} routes in the table; {get_routes} GET routes requested ({} showed a \
         marker to someone), {} POST routes that accept an item posted to by those who may not \
         read it, {} routes classified by {} reasons as showing and accepting no item; {} items \
         in {states} states, {} actors, {requests} requests",
        routes.len(),
        gate_routes.len(),
        post_item_routes.len() + 2,
        routes.len() - get_routes - post_item_routes.len() - 2,
        exempt.len(),
        w.items.len(),
        w.actors.len()
    );
    let _ = post_routes;
    assert!(
        unclassified.is_empty(),
        "routes the sweep does not know — classify them in tests/sweep.rs: {unclassified:#?}"
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
