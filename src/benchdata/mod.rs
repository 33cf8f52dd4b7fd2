//! `tillit bench-data`: fills an empty database with a realistic, seeded
//! (repeatable) dataset for the load harness in `bench/`: companies with
//! their forum sections and staff, customers, threads in three languages
//! with Markdown, staff answers on most company threads, reviews, and some
//! flags and moderation decisions.
//!
//! Rows go in as multi-row INSERT statements, 500 rows each, committed in
//! large transactions: the same SQL on SQLite and PostgreSQL. Triggers
//! (full-text search) stay on, so the search index is the one the site keeps.

pub mod text;

use std::time::Instant;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::Serialize;

use crate::db::schema::{categories, guideline_clauses, users};
use crate::db::{now, DbConn};
use crate::forum::model::{ThreadKind, STATUS_ANSWERED, STATUS_OPEN, STATUS_SOLVED};

/// The password of every generated account (one hash, computed once).
pub const PASSWORD: &str = "bench-password-2026";
const ROWS_PER_STATEMENT: usize = 500;
const STATEMENTS_PER_TRANSACTION: usize = 200;

#[derive(Debug, Clone)]
pub struct Sizes {
    pub companies: usize,
    pub users: usize,
    pub threads: usize,
    pub posts: usize,
    pub reviews: usize,
    pub seed: u64,
}

/// What the load harness needs to know about the generated data.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub sizes: SizesOut,
    pub rows: u64,
    pub seconds: f64,
    pub rows_per_second: f64,
    pub password: &'static str,
    /// Threads with exactly 50 replies.
    pub threads_with_50_replies: Vec<i64>,
    /// A company section and a company page with at least 20 reviews.
    pub category_slug: String,
    pub company_slug: String,
    pub search_term: String,
    pub moderator_email: String,
    pub staff_email: String,
    pub customer_emails: Vec<String>,
    /// Threads to reply to in the write benchmark.
    pub reply_threads: Vec<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SizesOut {
    pub companies: usize,
    pub users: usize,
    pub threads: usize,
    pub posts: usize,
    pub reviews: usize,
    pub seed: u64,
}

/// Collects rows of one table into multi-row INSERT statements.
struct Writer<'a, F: FnMut(&str, u64)> {
    conn: &'a mut DbConn,
    table: &'static str,
    head: String,
    rows: Vec<String>,
    statements: usize,
    in_transaction: bool,
    written: u64,
    progress: &'a mut F,
}

impl<'a, F: FnMut(&str, u64)> Writer<'a, F> {
    fn new(
        conn: &'a mut DbConn,
        progress: &'a mut F,
        table: &'static str,
        columns: &str,
    ) -> Writer<'a, F> {
        Writer {
            conn,
            table,
            head: format!("INSERT INTO {table} ({columns}) VALUES "),
            rows: Vec::with_capacity(ROWS_PER_STATEMENT),
            statements: 0,
            in_transaction: false,
            written: 0,
            progress,
        }
    }

    fn push(&mut self, row: String) -> Result<(), String> {
        self.rows.push(row);
        if self.rows.len() >= ROWS_PER_STATEMENT {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), String> {
        if self.rows.is_empty() {
            return Ok(());
        }
        if !self.in_transaction {
            exec(self.conn, "BEGIN")?;
            self.in_transaction = true;
        }
        let sql = format!("{}{}", self.head, self.rows.join(","));
        exec(self.conn, &sql)?;
        self.written += self.rows.len() as u64;
        (self.progress)(self.table, self.rows.len() as u64);
        self.rows.clear();
        self.statements += 1;
        if self.statements >= STATEMENTS_PER_TRANSACTION {
            exec(self.conn, "COMMIT")?;
            self.in_transaction = false;
            self.statements = 0;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<u64, String> {
        self.flush()?;
        if self.in_transaction {
            exec(self.conn, "COMMIT")?;
        }
        Ok(self.written)
    }
}

fn exec(conn: &mut DbConn, sql: &str) -> Result<(), String> {
    diesel::sql_query(sql)
        .execute(conn)
        .map(|_| ())
        .map_err(|e| format!("{e} in {}", &sql[..sql.len().min(120)]))
}

/// A SQL string literal.
fn q(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn ts(at: NaiveDateTime) -> String {
    format!("'{}'", at.format("%Y-%m-%d %H:%M:%S%.6f"))
}

fn opt_ts(at: Option<NaiveDateTime>) -> String {
    at.map_or("NULL".to_string(), ts)
}

fn b(value: bool) -> &'static str {
    if value {
        "TRUE"
    } else {
        "FALSE"
    }
}

pub fn email_of(user: usize) -> String {
    format!("user{user}@bench.example")
}

/// One generated thread before it is written.
struct ThreadPlan {
    company: Option<usize>,
    category_id: i64,
    created_at: NaiveDateTime,
    replies: usize,
    staff_answer_secs: Option<i64>,
}

/// Fills the database. `progress` is called after every statement with the
/// table and the number of rows written.
pub fn generate(
    conn: &mut DbConn,
    sizes: &Sizes,
    mut progress: impl FnMut(&str, u64),
) -> Result<Manifest, String> {
    let existing: i64 = users::table
        .count()
        .get_result(conn)
        .map_err(|e| e.to_string())?;
    if existing > 0 {
        return Err(
            "bench-data needs a database without users: point DATABASE_URL at a new one".into(),
        );
    }
    if let DbConn::Sqlite(_) = conn {
        // A throw-away dataset, generated consistent: no fsync per
        // transaction, no journal (every page would be written twice, to the
        // WAL and then to the file) and no foreign-key lookups while loading.
        // An interrupted run leaves a file to delete, never one to use:
        // `bench/run.py` regenerates when the manifest is missing.
        exec(conn, "PRAGMA synchronous = OFF")?;
        // Only possible on the file's one connection (`tillit bench-data`
        // opens one); with others open (the tests) the WAL simply stays.
        exec(conn, "PRAGMA busy_timeout = 0")?;
        let _ = exec(conn, "PRAGMA journal_mode = OFF");
        exec(conn, "PRAGMA busy_timeout = 5000")?;
        exec(conn, "PRAGMA foreign_keys = OFF")?;
        // Index pages stay in memory while a million rows go in.
        exec(conn, "PRAGMA cache_size = -262144")?;
    }
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(sizes.seed);
    let start = now() - Duration::days(720);
    let companies = sizes.companies.max(1);
    let staff_per_company = 2;
    let moderators = 5;
    let staff_total = companies * staff_per_company;
    let users_total = sizes.users.max(staff_total + moderators + 10);
    let customers: Vec<usize> = (staff_total + moderators..users_total).collect();
    let threads_total = sizes.threads.max(1);
    let posts_total = sizes.posts.max(threads_total);
    let hash = crate::accounts::password::hash_now(PASSWORD).map_err(|e| e.to_string())?;
    let mut rows = 0_u64;

    // Companies and their forum sections.
    let category_base: i64 = categories::table
        .select(diesel::dsl::max(categories::id))
        .first::<Option<i64>>(conn)
        .map_err(|e| e.to_string())?
        .unwrap_or(0);
    let general: Vec<i64> = categories::table
        .filter(categories::company_id.is_null())
        .select(categories::id)
        .load(conn)
        .map_err(|e| e.to_string())?;
    let mut slugs = Vec::with_capacity(companies);
    {
        let mut w = Writer::new(
            conn,
            &mut progress,
            "companies",
            "id, name, slug, description, website, category, created_at",
        );
        for c in 0..companies {
            let (name, category) = text::company(c);
            let slug = crate::companies::model::slugify(&name);
            w.push(format!(
                "({}, {}, {}, {}, {}, {}, {})",
                c + 1,
                q(&name),
                q(&slug),
                q(&text::sentence(&mut rng, c, 12)),
                q(&format!("https://{slug}.example/")),
                q(category),
                ts(start)
            ))?;
            slugs.push((name, slug));
        }
        rows += w.finish()?;
    }
    {
        let mut w = Writer::new(
            conn,
            &mut progress,
            "categories",
            "id, company_id, slug, name, name_key, description, position, created_at",
        );
        for (c, (name, slug)) in slugs.iter().enumerate() {
            w.push(format!(
                "({}, {}, {}, {}, NULL, '', 10, {})",
                category_base + 1 + c as i64,
                c + 1,
                q(slug),
                q(name),
                ts(start)
            ))?;
        }
        rows += w.finish()?;
    }

    // Accounts: staff first, then moderators, then customers.
    {
        let mut w = Writer::new(conn, &mut progress, "users", "id, email, display_name, password_hash, email_verified_at, is_admin, is_moderator, locale, created_at");
        for u in 0..users_total {
            let created = start + Duration::minutes(rng.gen_range(0..60 * 24 * 700));
            let locale = ["en", "sv", "da"][u % 3];
            w.push(format!(
                "({}, {}, {}, {}, {}, FALSE, {}, {}, {})",
                u + 1,
                q(&email_of(u)),
                q(&text::person(u)),
                q(&hash),
                ts(created),
                b((staff_total..staff_total + moderators).contains(&u)),
                q(locale),
                ts(created)
            ))?;
        }
        rows += w.finish()?;
    }
    {
        let mut w = Writer::new(
            conn,
            &mut progress,
            "company_staff",
            "user_id, company_id, created_at",
        );
        for s in 0..staff_total {
            w.push(format!(
                "({}, {}, {})",
                s + 1,
                s / staff_per_company + 1,
                ts(start)
            ))?;
        }
        rows += w.finish()?;
    }

    // Threads: 70 % in company sections; reply counts planned up front so
    // that the thread rows carry their counts, times and statuses.
    let replies_total = posts_total - threads_total;
    let fifty = (threads_total / 100).max(1).min(replies_total / 50);
    let mut plans: Vec<ThreadPlan> = (0..threads_total)
        .map(|t| {
            // One big company (the first) has half the company threads, so
            // its forum section and its staff's desk show full pages at
            // every size the benchmark compares.
            let company = rng.gen_bool(0.7).then(|| {
                if rng.gen_bool(0.5) {
                    0
                } else {
                    rng.gen_range(0..companies)
                }
            });
            let category_id = match company {
                Some(c) => category_base + 1 + c as i64,
                None if !general.is_empty() => general[rng.gen_range(0..general.len())],
                None => category_base + 1,
            };
            let minutes = (t as i64 * 60 * 24 * 700) / threads_total as i64;
            ThreadPlan {
                company,
                category_id,
                created_at: start + Duration::minutes(minutes),
                replies: 0,
                staff_answer_secs: None,
            }
        })
        .collect();
    // Every hundredth thread has exactly 50 replies (the benchmark's page).
    let fifty_threads: Vec<usize> = (0..fifty).map(|i| i * (threads_total / fifty)).collect();
    for &t in &fifty_threads {
        plans[t].replies = 50;
    }
    let mut left = replies_total - fifty * 50;
    let others: Vec<usize> = (0..threads_total)
        .filter(|t| plans[*t].replies == 0)
        .collect();
    while left > 0 && !others.is_empty() {
        // Skewed: a few threads get long, most stay short.
        let u: f64 = rng.gen();
        let t = others[((u * u) * others.len() as f64) as usize % others.len()];
        plans[t].replies += 1;
        left -= 1;
    }
    for plan in plans.iter_mut() {
        if plan.company.is_some() && plan.replies > 0 && rng.gen_bool(0.85) {
            plan.staff_answer_secs = Some(rng.gen_range(300..6 * 3600));
        }
    }
    let kinds = ThreadKind::ALL;
    let mut titles = Vec::with_capacity(threads_total);
    {
        let mut w = Writer::new(conn, &mut progress, "threads", "id, category_id, company_id, author_id, title, kind, priority, status, accepted_post_id, first_staff_answer_at, first_response_secs, reply_count, last_activity_at, withdrawn_at, created_at");
        for (t, plan) in plans.iter().enumerate() {
            let author = customers[rng.gen_range(0..customers.len())];
            let kind = kinds[rng.gen_range(0..kinds.len())];
            let title = text::title(&mut rng, t);
            let answered_at = plan
                .staff_answer_secs
                .map(|s| plan.created_at + Duration::seconds(s));
            let status = match answered_at {
                Some(_) if rng.gen_bool(0.3) => STATUS_SOLVED,
                Some(_) => STATUS_ANSWERED,
                None => STATUS_OPEN,
            };
            let last = plan.created_at + Duration::minutes(plan.replies as i64 * 7);
            w.push(format!(
                "({}, {}, {}, {}, {}, {}, {}, {}, NULL, {}, {}, {}, {}, NULL, {})",
                t + 1,
                plan.category_id,
                plan.company.map_or("NULL".into(), |c| (c + 1).to_string()),
                author + 1,
                q(&title),
                q(kind.as_str()),
                kind.priority(),
                q(status),
                opt_ts(answered_at),
                plan.staff_answer_secs
                    .map_or("NULL".into(), |s| s.to_string()),
                plan.replies,
                ts(last),
                ts(plan.created_at)
            ))?;
            titles.push((author, title));
        }
        rows += w.finish()?;
    }
    {
        let mut w = Writer::new(
            conn,
            &mut progress,
            "subscriptions",
            "thread_id, user_id, token, created_at",
        );
        for (t, (author, _)) in titles.iter().enumerate() {
            w.push(format!(
                "({}, {}, {}, {})",
                t + 1,
                author + 1,
                q(&format!("bench-{t}")),
                ts(plans[t].created_at)
            ))?;
        }
        rows += w.finish()?;
    }

    // SQLite: the search index is filled in one statement after the posts
    // rather than by the per-row trigger (the trigger's own SQL is put back
    // unchanged from the schema afterwards).
    let fts_trigger = pause_fts_trigger(conn, "posts_fts_insert")?;

    // Posts: the opening post, then the replies; the first reply of an
    // answered company thread is the company's.
    let mut bodies = text::Bodies::new(&mut rng, 6000);
    let mut post_id = 0_i64;
    {
        let mut w = Writer::new(conn, &mut progress, "posts", "id, thread_id, author_id, as_company_id, is_opening, quote_post_id, body_source, body_html, created_at, edited_at, withdrawn_at");
        for (t, plan) in plans.iter().enumerate() {
            let (author, _) = titles[t];
            let (source, html) = bodies.take();
            post_id += 1;
            w.push(format!(
                "({post_id}, {}, {}, NULL, TRUE, NULL, {}, {}, {}, NULL, NULL)",
                t + 1,
                author + 1,
                q(source),
                q(html),
                ts(plan.created_at)
            ))?;
            for r in 0..plan.replies {
                post_id += 1;
                let (replier, company, at) = match (r, plan.staff_answer_secs, plan.company) {
                    (0, Some(secs), Some(c)) => (
                        c * staff_per_company + rng.gen_range(0..staff_per_company),
                        Some(c + 1),
                        plan.created_at + Duration::seconds(secs),
                    ),
                    _ => (
                        customers[rng.gen_range(0..customers.len())],
                        None,
                        plan.created_at + Duration::minutes(7 * (r as i64 + 1)),
                    ),
                };
                let (source, html) = bodies.take();
                w.push(format!(
                    "({post_id}, {}, {}, {}, FALSE, NULL, {}, {}, {}, NULL, NULL)",
                    t + 1,
                    replier + 1,
                    company.map_or("NULL".into(), |c| c.to_string()),
                    q(source),
                    q(html),
                    ts(at)
                ))?;
            }
        }
        rows += w.finish()?;
    }

    if let Some(trigger) = fts_trigger {
        exec(conn, "BEGIN")?;
        exec(
            conn,
            "INSERT INTO posts_fts (rowid, title, body) \
             SELECT p.id, CASE WHEN p.is_opening THEN t.title ELSE '' END, p.body_source \
             FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.withdrawn_at IS NULL",
        )?;
        exec(conn, &trigger)?;
        exec(conn, "COMMIT")?;
    }

    // Reviews: a few companies get many, each customer reviews a company once.
    let weights: Vec<f64> = (0..companies)
        .map(|c| 1.0 / (1.0 + (c % 20) as f64))
        .collect();
    let weight_sum: f64 = weights.iter().sum();
    let mut per_company: Vec<usize> = weights
        .iter()
        .map(|w| ((w / weight_sum) * sizes.reviews as f64) as usize)
        .map(|n| n.min(customers.len()))
        .collect();
    let assigned: usize = per_company.iter().sum();
    let mut extra = sizes.reviews.saturating_sub(assigned);
    for n in per_company.iter_mut() {
        if extra == 0 {
            break;
        }
        let room = customers.len() - *n;
        let add = room.min(extra);
        *n += add;
        extra -= add;
    }
    let mut reviews_written = Vec::new();
    let review_fts_trigger = pause_fts_trigger(conn, "reviews_fts_insert")?;
    {
        let mut w = Writer::new(conn, &mut progress, "reviews", "id, company_id, author_id, rating, title, body_source, body_html, experience_date, reference, invitation_id, helpful_count, created_at");
        let mut review_id = 0_i64;
        for (c, count) in per_company.iter().enumerate() {
            let offset = rng.gen_range(0..customers.len());
            for k in 0..*count {
                review_id += 1;
                let author = customers[(offset + k) % customers.len()];
                let rating = match rng.gen_range(0..100) {
                    0..=11 => 1,
                    12..=21 => 2,
                    22..=36 => 3,
                    37..=66 => 4,
                    _ => 5,
                };
                let at = start + Duration::minutes(rng.gen_range(0..60 * 24 * 700));
                let (source, html) = bodies.take();
                w.push(format!(
                    "({review_id}, {}, {}, {rating}, {}, {}, {}, {}, {}, NULL, {}, {})",
                    c + 1,
                    author + 1,
                    q(&text::title(&mut rng, k)),
                    q(source),
                    q(html),
                    q(&(at.date() - Duration::days(rng.gen_range(1..30))).to_string()),
                    if rng.gen_bool(0.4) {
                        q(&format!("ORD-{review_id}"))
                    } else {
                        "NULL".into()
                    },
                    rng.gen_range(0..5),
                    ts(at)
                ))?;
            }
            reviews_written.push(*count);
        }
        rows += w.finish()?;
    }
    if let Some(trigger) = review_fts_trigger {
        exec(conn, "BEGIN")?;
        exec(
            conn,
            "INSERT INTO reviews_fts (rowid, title, body) \
             SELECT id, title, body_source FROM reviews WHERE withdrawn_at IS NULL",
        )?;
        exec(conn, &trigger)?;
        exec(conn, "COMMIT")?;
    }
    exec(
        conn,
        "UPDATE companies SET \
         review_count = (SELECT count(*) FROM reviews r WHERE r.company_id = companies.id), \
         rating_sum = (SELECT coalesce(sum(rating), 0) FROM reviews r WHERE r.company_id = companies.id), \
         stars_1 = (SELECT count(*) FROM reviews r WHERE r.company_id = companies.id AND rating = 1), \
         stars_2 = (SELECT count(*) FROM reviews r WHERE r.company_id = companies.id AND rating = 2), \
         stars_3 = (SELECT count(*) FROM reviews r WHERE r.company_id = companies.id AND rating = 3), \
         stars_4 = (SELECT count(*) FROM reviews r WHERE r.company_id = companies.id AND rating = 4), \
         stars_5 = (SELECT count(*) FROM reviews r WHERE r.company_id = companies.id AND rating = 5)",
    )?;

    // Moderation: open cases with flags, and earlier dismissals.
    let (clause, version): (i64, Option<i64>) = guideline_clauses::table
        .filter(guideline_clauses::code.eq("personal-attacks"))
        .select((guideline_clauses::id, guideline_clauses::current_version_id))
        .first(conn)
        .map_err(|e| e.to_string())?;
    let version = version.ok_or("guidelines not seeded")?;
    // At least a full queue page (50) at every size, so the queue's cost is
    // compared showing the same number of cases.
    let flagged = (posts_total / 2000).clamp(100, 500).min(posts_total);
    {
        let mut w = Writer::new(conn, &mut progress, "moderation_cases", "id, kind, item_kind, item_id, company_id, clause_id, severity, status, lock_version, facts, opened_at");
        let step = (post_id / flagged as i64).max(1);
        for i in 0..flagged {
            // Distinct posts: one open case per item.
            let post = 1 + i as i64 * step;
            w.push(format!(
                "({}, 'flag', 'post', {post}, NULL, {clause}, 2, 'open', 0, '', {})",
                i + 1,
                ts(now() - Duration::minutes(rng.gen_range(1..3000)))
            ))?;
        }
        rows += w.finish()?;
    }
    {
        let mut w = Writer::new(conn, &mut progress, "flags", "item_kind, item_id, clause_id, flagger_id, automatic, from_company_staff, note, status, case_id, created_at");
        for i in 0..flagged {
            w.push(format!(
                "('post', (SELECT item_id FROM moderation_cases WHERE id = {}), {clause}, {}, FALSE, FALSE, 'Names a person', 'open', {}, {})",
                i + 1,
                customers[i % customers.len()] + 1,
                i + 1,
                ts(now())
            ))?;
        }
        rows += w.finish()?;
    }
    {
        let mut w = Writer::new(conn, &mut progress, "moderation_decisions", "item_kind, item_id, author_id, moderator_id, automatic, action, clause_id, guideline_version_id, reason, facts, created_at");
        for _ in 0..flagged {
            let post = rng.gen_range(1..=post_id);
            w.push(format!(
                "('post', {post}, (SELECT author_id FROM posts WHERE id = {post}), {}, FALSE, 'dismiss', {clause}, {version}, 'No breach.', '', {})",
                staff_total + 1,
                ts(now() - Duration::days(rng.gen_range(1..300)))
            ))?;
        }
        rows += w.finish()?;
    }
    reset_sequences(conn)?;
    if let DbConn::Sqlite(_) = conn {
        exec(conn, "PRAGMA foreign_keys = ON")?;
        exec(conn, "PRAGMA journal_mode = WAL")?;
        exec(conn, "PRAGMA synchronous = NORMAL")?;
    }

    let seconds = started.elapsed().as_secs_f64();
    let best_company = per_company
        .iter()
        .enumerate()
        .filter(|(_, n)| **n >= 20)
        .min_by_key(|(_, n)| **n)
        .map_or(0, |(c, _)| c);
    let section = 0;
    Ok(Manifest {
        sizes: SizesOut {
            companies,
            users: users_total,
            threads: threads_total,
            posts: post_id as usize,
            reviews: per_company.iter().sum(),
            seed: sizes.seed,
        },
        rows,
        seconds,
        rows_per_second: rows as f64 / seconds.max(0.001),
        password: PASSWORD,
        threads_with_50_replies: fifty_threads.iter().map(|t| *t as i64 + 1).collect(),
        category_slug: slugs[section].1.clone(),
        company_slug: slugs[best_company].1.clone(),
        search_term: text::MODELS[0].to_string(),
        moderator_email: email_of(staff_total),
        staff_email: email_of(0),
        customer_emails: customers.iter().take(400).map(|c| email_of(*c)).collect(),
        reply_threads: (0..threads_total.min(2000))
            .map(|i| (threads_total - i) as i64)
            .collect(),
    })
}

#[derive(QueryableByName)]
struct Sql {
    #[diesel(sql_type = diesel::sql_types::Text)]
    sql: String,
}

/// On SQLite, drops a full-text insert trigger (`posts_fts_insert`,
/// `reviews_fts_insert`) and returns its SQL.
fn pause_fts_trigger(conn: &mut DbConn, name: &str) -> Result<Option<String>, String> {
    let DbConn::Sqlite(_) = conn else {
        return Ok(None);
    };
    let found: Vec<Sql> =
        diesel::sql_query("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?")
            .bind::<diesel::sql_types::Text, _>(name)
            .load(conn)
            .map_err(|e| e.to_string())?;
    let Some(trigger) = found.into_iter().next() else {
        return Ok(None);
    };
    exec(conn, &format!("DROP TRIGGER {name}"))?;
    Ok(Some(trigger.sql))
}

/// PostgreSQL sequences continue after the ids written explicitly.
fn reset_sequences(conn: &mut DbConn) -> Result<(), String> {
    if let DbConn::Pg(_) = conn {
        for table in [
            "companies",
            "categories",
            "users",
            "threads",
            "posts",
            "reviews",
            "subscriptions",
            "moderation_cases",
            "flags",
            "moderation_decisions",
        ] {
            exec(
                conn,
                &format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT coalesce(max(id), 1) FROM {table}))"
                ),
            )?;
        }
    }
    Ok(())
}
