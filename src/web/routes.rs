//! The route table. Each capability lists its routes with their full paths;
//! the application mounts them grouped by their first path segment, one
//! scope per segment.
//!
//! Why: actix tries the registered resources one after another, and every
//! path with a `{parameter}` is a regular expression run on the request's
//! path. With a hundred routes in one flat list, reaching `/threads/{id}`
//! ran some thirty expressions and took a fifth of the time it takes to
//! serve a cached page. A scope is matched by comparing its prefix, so a
//! request now runs only the expressions of its own first segment.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;

use actix_web::http::Method;
use actix_web::{web, FromRequest, Handler, HttpResponse, Responder, Route};
use serde::de::DeserializeOwned;

use crate::kernel::error::AppError;
use crate::state::AppState;
use crate::web::layout::{Page, PageCtx};
use crate::web::page_cache;

/// What a public page is drawn from: its path parameters and its query.
pub struct PageRequest<P> {
    pub path: P,
    pub query: HashMap<String, String>,
}

/// Every route of the application with its method and path, kept so the
/// application can list them (the route sweep test derives its cases from
/// this list, so a new route cannot be left out of it).
#[derive(Default)]
pub struct RouteTable {
    routes: Vec<(Method, &'static str, Route)>,
}

impl RouteTable {
    pub fn new() -> RouteTable {
        RouteTable::default()
    }

    pub fn get<F, Args>(&mut self, path: &'static str, handler: F) -> &mut RouteTable
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.routes
            .push((Method::GET, path, web::get().to(handler)));
        self
    }

    pub fn post<F, Args>(&mut self, path: &'static str, handler: F) -> &mut RouteTable
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.routes
            .push((Method::POST, path, web::post().to(handler)));
        self
    }

    /// A public page: anonymous visitors get it from the page cache, anyone
    /// else (and a miss) gets it drawn by `render` (see `web::page_cache`).
    pub fn public<P, Fut>(
        &mut self,
        path: &'static str,
        render: fn(web::Data<AppState>, PageCtx, PageRequest<P>) -> Fut,
    ) -> &mut RouteTable
    where
        P: DeserializeOwned + 'static,
        Fut: Future<Output = Result<HttpResponse, AppError>> + 'static,
    {
        self.get(
            path,
            move |state: web::Data<AppState>,
                  Page(ctx): Page,
                  params: web::Path<P>,
                  query: web::Query<HashMap<String, String>>| async move {
                let request = PageRequest {
                    path: params.into_inner(),
                    query: query.into_inner(),
                };
                page_cache::public_page(Arc::clone(&state.pages), ctx, |ctx| {
                    render(state, ctx, request)
                })
                .await
            },
        )
    }

    /// The method and path of every route, in the order they were added.
    pub fn list(&self) -> Vec<(Method, &'static str)> {
        self.routes
            .iter()
            .map(|(method, path, _)| (method.clone(), *path))
            .collect()
    }

    /// Registers every route, a scope per first segment, in the order the
    /// segments first appear.
    pub fn mount(self, cfg: &mut web::ServiceConfig) {
        let mut groups: Vec<(&'static str, Vec<(&'static str, Route)>)> = Vec::new();
        for (_, path, route) in self.routes {
            let (prefix, rest) = split_first_segment(path);
            match groups.iter_mut().find(|(p, _)| *p == prefix) {
                Some((_, routes)) => routes.push((rest, route)),
                None => groups.push((prefix, vec![(rest, route)])),
            }
        }
        for (prefix, routes) in groups {
            if prefix.is_empty() {
                for (rest, route) in routes {
                    cfg.route(rest, route);
                }
                continue;
            }
            let scope = routes
                .into_iter()
                .fold(web::scope(prefix), |scope, (rest, route)| {
                    scope.route(rest, route)
                });
            cfg.service(scope);
        }
    }
}

/// `/threads/{id}/reply` → (`/threads`, `/{id}/reply`); `/login` →
/// (`/login`, ``); the root `/` stays outside any scope.
fn split_first_segment(path: &'static str) -> (&'static str, &'static str) {
    if path == "/" {
        return ("", "/");
    }
    match path.get(1..).and_then(|tail| tail.find('/')) {
        Some(at) => path.split_at(at + 1),
        None => (path, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::split_first_segment;

    #[test]
    fn paths_split_after_their_first_segment() {
        assert_eq!(
            split_first_segment("/threads/{id}/reply"),
            ("/threads", "/{id}/reply")
        );
        assert_eq!(split_first_segment("/login"), ("/login", ""));
        assert_eq!(split_first_segment("/"), ("", "/"));
        assert_eq!(
            split_first_segment("/figures/export.csv"),
            ("/figures", "/export.csv")
        );
    }
}
