//! Rendered public pages for anonymous visitors, kept for a few seconds.
//!
//! Most page views come from visitors who are not logged in, and for them a
//! page is the same for everybody who asks in the same language: only the
//! CSRF token in its forms differs. A page is rendered once with a
//! placeholder in the template's token slot and kept split at those
//! places; a hit joins the parts around the visitor's own token, so no two
//! visitors ever share a token.
//!
//! The placeholder is random and new for every render, made after the
//! page's content was written: no post, search query or name can contain
//! it, so the token goes exactly where the templates print it and nowhere a
//! user's text put the same characters (a fixed placeholder let a post
//! containing it receive each viewer's token).
//!
//! Freshness: every write request that reaches a handler on this instance,
//! and every run of the background jobs, starts a new generation and so
//! empties the cache at once; writes made by other instances against the
//! same database (PostgreSQL) show after at most the time to live. While
//! one request renders an out-of-date page, others asking for it in that
//! moment get the previous version rather than all rendering it. Logged-in
//! visitors and visitors with a message waiting are always served fresh.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::http::{header, StatusCode};
use actix_web::web::{Bytes, BytesMut};
use actix_web::HttpResponse;

use crate::kernel::error::AppError;
use crate::kernel::i18n::Lang;
use crate::web::layout::{FullPage, PageCtx};

/// A new stand-in for the CSRF token, for one render: letters and digits
/// only, so escaping leaves it as it is, and 128 random bits, so nothing
/// written before the render can contain it.
fn new_placeholder() -> String {
    let random: String = crate::kernel::tokens::random_token()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(24)
        .collect();
    format!("csrfSlot{random}")
}

/// Pages larger than this are not kept (none of ours come close).
const MAX_PAGE_BYTES: usize = 512 * 1024;

type Key = (Lang, String);

enum Lookup {
    Fresh(Arc<CachedPage>),
    /// Out of date (expired, or rendered before a write) but recent.
    Stale(Arc<CachedPage>),
    Missing,
}

/// One request renders a page that is out of date while the others that ask
/// meanwhile get the previous one, instead of all rendering it at once (at
/// 30 connections a page expiring made thirty renders of a search).
struct RenderClaim<'a> {
    cache: &'a PageCache,
    key: Key,
}

impl Drop for RenderClaim<'_> {
    fn drop(&mut self) {
        if let Ok(mut rendering) = self.cache.rendering.lock() {
            rendering.remove(&self.key);
        }
    }
}

struct CachedPage {
    generation: u64,
    stored_at: Instant,
    /// The page split where the token goes.
    parts: Vec<Bytes>,
}

impl CachedPage {
    fn bytes(&self) -> usize {
        self.parts.iter().map(Bytes::len).sum()
    }

    fn with_token(&self, token: &str) -> Bytes {
        join_around(&self.parts, token)
    }
}

pub struct PageCache {
    ttl: Duration,
    max_bytes: usize,
    generation: AtomicU64,
    pages: Mutex<Pages>,
    rendering: Mutex<HashSet<Key>>,
}

#[derive(Default)]
struct Pages {
    by_key: HashMap<Key, Arc<CachedPage>>,
    bytes: usize,
}

impl PageCache {
    /// A cache keeping pages for `ttl` within `max_bytes`; a zero `ttl`
    /// turns it off.
    pub fn new(ttl: Duration, max_bytes: usize) -> PageCache {
        PageCache {
            ttl,
            max_bytes,
            generation: AtomicU64::new(0),
            pages: Mutex::new(Pages::default()),
            rendering: Mutex::new(HashSet::new()),
        }
    }

    pub fn enabled(&self) -> bool {
        !self.ttl.is_zero()
    }

    /// Something may have changed: no page rendered before now is served again.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::Release);
    }

    fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    fn lookup(&self, key: &Key) -> Lookup {
        let generation = self.generation();
        let Ok(pages) = self.pages.lock() else {
            return Lookup::Missing;
        };
        let Some(page) = pages.by_key.get(key) else {
            return Lookup::Missing;
        };
        let age = page.stored_at.elapsed();
        if page.generation == generation && age < self.ttl {
            Lookup::Fresh(Arc::clone(page))
        } else if age < self.ttl * 2 {
            Lookup::Stale(Arc::clone(page))
        } else {
            Lookup::Missing
        }
    }

    #[cfg(test)]
    fn get(&self, key: &Key) -> Option<Arc<CachedPage>> {
        match self.lookup(key) {
            Lookup::Fresh(page) => Some(page),
            _ => None,
        }
    }

    /// Takes on rendering a page; `None` while another request renders it.
    fn claim(&self, key: &Key) -> Option<RenderClaim<'_>> {
        let mut rendering = self.rendering.lock().ok()?;
        rendering.insert(key.clone()).then(|| RenderClaim {
            cache: self,
            key: key.clone(),
        })
    }

    fn put(&self, key: Key, page: CachedPage) {
        let Ok(mut pages) = self.pages.lock() else {
            return;
        };
        let size = page.bytes();
        if size > MAX_PAGE_BYTES {
            return;
        }
        if pages.bytes + size > self.max_bytes {
            // Over budget: drop what is stale; if that is not enough, start over.
            let (generation, ttl) = (self.generation(), self.ttl);
            pages
                .by_key
                .retain(|_, p| p.generation == generation && p.stored_at.elapsed() < ttl);
            pages.bytes = pages.by_key.values().map(|p| p.bytes()).sum();
            if pages.bytes + size > self.max_bytes {
                pages.by_key.clear();
                pages.bytes = 0;
            }
        }
        if let Some(old) = pages.by_key.insert(key, Arc::new(page)) {
            pages.bytes -= old.bytes();
        }
        pages.bytes += size;
    }
}

/// Serves a public page from the cache to an anonymous visitor, or renders
/// it with `render` (and keeps it when it is an ordinary 200 page).
/// Logged-in visitors, visitors with a message waiting and a disabled cache
/// go straight to `render`.
pub async fn public_page<F, Fut>(
    cache: Arc<PageCache>,
    ctx: PageCtx,
    render: F,
) -> Result<HttpResponse, AppError>
where
    F: FnOnce(PageCtx) -> Fut,
    Fut: Future<Output = Result<HttpResponse, AppError>>,
{
    if !cache.enabled() || ctx.user.is_some() || ctx.has_flashes() {
        return render(ctx).await;
    }
    let key = (ctx.lang, ctx.path.clone());
    let token = ctx.csrf.clone();
    let claim = match cache.lookup(&key) {
        Lookup::Fresh(page) => return Ok(html_response(page.with_token(&token))),
        Lookup::Stale(page) => match cache.claim(&key) {
            Some(claim) => Some(claim),
            None => return Ok(html_response(page.with_token(&token))),
        },
        Lookup::Missing => cache.claim(&key),
    };
    let generation = cache.generation();
    let placeholder = new_placeholder();
    let response = render(ctx.with_csrf(placeholder.clone())).await?;
    let cacheable = response.status() == StatusCode::OK
        && response.extensions().get::<FullPage>().is_some()
        && response.extensions().get::<DoNotKeep>().is_none();
    if !cacheable {
        // Error pages and redirects are rendered again by the error handler
        // with the session's token; anything else goes out as rendered.
        return Ok(restore_token(response, &placeholder, &token));
    }
    let body = match response.into_body().try_into_bytes() {
        Ok(body) => body,
        Err(_) => return Err(AppError::internal("a page body was not complete")),
    };
    let page = CachedPage {
        generation,
        stored_at: Instant::now(),
        parts: split_at_placeholder(&body, &placeholder),
    };
    let out = page.with_token(&token);
    cache.put(key, page);
    drop(claim);
    Ok(html_response(out))
}

/// Marks a rendered page as one to send but not to keep.
pub fn do_not_keep(response: &mut HttpResponse) {
    response.extensions_mut().insert(DoNotKeep);
}

#[derive(Clone, Copy)]
struct DoNotKeep;

fn html_response(body: Bytes) -> HttpResponse {
    let mut response = HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body);
    response.extensions_mut().insert(FullPage);
    response
}

/// A response that is not kept: the placeholder replaced in its body.
fn restore_token(response: HttpResponse, placeholder: &str, token: &str) -> HttpResponse {
    let (head, body) = response.into_parts();
    match body.try_into_bytes() {
        Ok(bytes) => {
            let joined = join_around(&split_at_placeholder(&bytes, placeholder), token);
            head.set_body(joined).map_into_boxed_body()
        }
        Err(body) => head.set_body(body),
    }
}

/// The parts of a page with the token between each two.
fn join_around(parts: &[Bytes], token: &str) -> Bytes {
    let size: usize = parts.iter().map(Bytes::len).sum();
    let mut out = BytesMut::with_capacity(size + token.len() * parts.len());
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(token.as_bytes());
        }
        out.extend_from_slice(part);
    }
    out.freeze()
}

fn split_at_placeholder(body: &Bytes, placeholder: &str) -> Vec<Bytes> {
    let needle = placeholder.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while let Some(found) = find(&body[at..], needle) {
        let pos = at + found;
        parts.push(body.slice(start..pos));
        start = pos + needle.len();
        at = start;
    }
    parts.push(body.slice(start..));
    parts
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLACEHOLDER: &str = "csrfSlotTEST";

    fn page(text: &str, generation: u64) -> CachedPage {
        CachedPage {
            generation,
            stored_at: Instant::now(),
            parts: split_at_placeholder(&Bytes::from(text.to_string()), PLACEHOLDER),
        }
    }

    #[test]
    fn placeholders_are_new_for_every_render() {
        let (a, b) = (new_placeholder(), new_placeholder());
        assert_ne!(a, b);
        assert_eq!(a.len(), "csrfSlot".len() + 24);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
    }

    #[test]
    fn the_token_goes_where_the_placeholder_was() {
        let text = format!("<form><input value=\"{PLACEHOLDER}\"></form><p>{PLACEHOLDER}</p>end");
        let cached = page(&text, 0);
        assert_eq!(cached.parts.len(), 3);
        assert_eq!(
            cached.with_token("TOKEN"),
            Bytes::from("<form><input value=\"TOKEN\"></form><p>TOKEN</p>end")
        );
        assert_eq!(page("no forms", 0).with_token("T"), Bytes::from("no forms"));
    }

    #[test]
    fn a_new_generation_or_age_makes_a_page_stale() {
        let cache = PageCache::new(Duration::from_secs(60), 1 << 20);
        let key = (Lang::En, "/threads/1".to_string());
        cache.put(key.clone(), page("a", cache.generation()));
        assert!(cache.get(&key).is_some());
        cache.invalidate();
        assert!(cache.get(&key).is_none());

        let expired = PageCache::new(Duration::from_millis(1), 1 << 20);
        expired.put(key.clone(), page("a", 0));
        std::thread::sleep(Duration::from_millis(5));
        assert!(expired.get(&key).is_none());
    }

    #[test]
    fn one_request_renders_an_out_of_date_page_while_others_get_the_previous() {
        let cache = PageCache::new(Duration::from_secs(60), 1 << 20);
        let key = (Lang::Da, "/forum".to_string());
        cache.put(key.clone(), page("old", cache.generation()));
        cache.invalidate();
        assert!(matches!(cache.lookup(&key), Lookup::Stale(_)));
        let claim = cache.claim(&key).expect("the first request renders");
        assert!(cache.claim(&key).is_none(), "a second one does not");
        drop(claim);
        assert!(cache.claim(&key).is_some(), "free again once done");

        let old = PageCache::new(Duration::from_millis(1), 1 << 20);
        old.put(key.clone(), page("old", 0));
        std::thread::sleep(Duration::from_millis(5));
        assert!(
            matches!(old.lookup(&key), Lookup::Missing),
            "too old to stand in"
        );
    }

    #[test]
    fn the_cache_stays_within_its_budget() {
        let cache = PageCache::new(Duration::from_secs(60), 10);
        for n in 0..20 {
            cache.put((Lang::Sv, format!("/p/{n}")), page("123456", 0));
            let pages = cache.pages.lock().unwrap();
            assert!(pages.bytes <= 10, "{} bytes kept", pages.bytes);
            assert_eq!(
                pages.bytes,
                pages.by_key.values().map(|p| p.bytes()).sum::<usize>()
            );
        }
        assert!(cache.get(&(Lang::Sv, "/p/19".to_string())).is_some());
        assert!(cache.get(&(Lang::Sv, "/p/0".to_string())).is_none());
    }
}
