//! Public pages kept for the requests that repeat them.
//!
//! The portal's pages are the same for every anonymous reader until the projections they are
//! made from change: the lists' first pages, the inspection plans, the 12315 form and warnings,
//! a popular search or credit file. [`CACHED`] names, in one place, the public pages kept and
//! the projections each is made from. A kept page is served again while none of those
//! projections has changed in this process ([`shijian_store::Store::generation`], read before the page
//! is made, so a change made while it was being made drops it) and for at most [`MAX_AGE`]:
//! writes by another process to the same database (a second server on PostgreSQL, a command
//! run beside the server) and the turn of the day show within that second.
//!
//! Only anonymous requests (no session cookie, no bearer token) are kept and served, only `200`
//! answers without cookies, and the memory held is bounded (`Limits::page_cache_bytes`, least
//! recently used first out). A request for a page not kept costs what it cost before, so the
//! cache changes how often pages are made, not what any one request may cost.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use shijian_store::Projection;

/// How long a kept page may be served, whatever this process has seen.
pub(crate) const MAX_AGE: Duration = Duration::from_secs(1);

/// The public pages kept, by route, with the projections each is made from.
pub(crate) const CACHED: &[(&str, &[Projection])] = &[
    ("/", &[Projection::Register]),
    ("/search", &[Projection::Register]),
    (
        "/entities/{uscc}",
        &[
            Projection::Register,
            Projection::Credit,
            Projection::Publicity,
            Projection::Inspection,
            Projection::Complaint,
            Projection::Case,
        ],
    ),
    ("/names/check", &[Projection::Register]),
    ("/lists/{list}", &[Projection::Register, Projection::Credit]),
    ("/inspection", &[Projection::Inspection]),
    ("/inspection/plans/{id}", &[Projection::Inspection, Projection::Register]),
    ("/inspection/plans/{id}/verify", &[Projection::Inspection]),
    ("/12315", &[]),
    ("/12315/track", &[]),
    ("/12315/warnings", &[Projection::Complaint]),
    ("/penalties", &[Projection::Case]),
    ("/penalties/{id}", &[Projection::Case]),
];

/// The projections the `GET` route `path` is made from, when its pages are kept.
pub(crate) fn parts_of(method: &str, path: &str) -> Option<&'static [Projection]> {
    if method != "GET" {
        return None;
    }
    CACHED.iter().find(|(p, _)| *p == path).map(|(_, parts)| *parts)
}

/// A page kept.
struct Kept {
    generation: u64,
    made: Instant,
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Clone)]
struct Weight;

impl quick_cache::Weighter<String, Arc<Kept>> for Weight {
    fn weight(&self, key: &String, page: &Arc<Kept>) -> u64 {
        // The headers are a few hundred bytes; counted roughly with the key.
        (key.len() + page.body.len() + 512) as u64
    }
}

/// The pages kept, at most a given number of bytes.
pub(crate) struct PageCache {
    pages: Option<quick_cache::sync::Cache<String, Arc<Kept>, Weight>>,
}

impl PageCache {
    /// A cache holding at most `bytes` of pages (`0`: none are kept).
    pub(crate) fn new(bytes: u64) -> PageCache {
        // Pages are a few to twenty kilobytes: about one entry per 8 KiB.
        let pages = (bytes > 0)
            .then(|| quick_cache::sync::Cache::with_weighter(((bytes / 8192) as usize).max(16), bytes, Weight));
        PageCache { pages }
    }
}

/// What the middleware needs: the server's state and the route's projections.
#[derive(Clone)]
pub(crate) struct Route {
    pub state: crate::AppState,
    pub parts: &'static [Projection],
}

/// Whether the request comes from someone signed in (a session cookie or a bearer token): their
/// pages may differ, and are neither kept nor served from the cache.
fn signed_in(headers: &HeaderMap) -> bool {
    headers.contains_key(header::AUTHORIZATION) || crate::auth::cookie(headers, crate::auth::SESSION_COOKIE).is_some()
}

/// The middleware of a kept route: the kept page if it is current, else the page made and kept.
pub(crate) async fn serve(State(route): State<Route>, request: Request, next: Next) -> Response {
    let Some(pages) = route.state.0.pages.pages.as_ref() else { return next.run(request).await };
    if signed_in(request.headers()) {
        return next.run(request).await;
    }
    let key = request.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or_default();
    let generation = route.state.store().generation(route.parts);
    if let Some(kept) = pages.get(&key)
        && kept.generation == generation
        && kept.made.elapsed() < MAX_AGE
    {
        let mut response = answer(&kept);
        // Served from the cache (RFC 9111 §5.1): seconds since the page was made.
        let age = axum::http::HeaderValue::from(kept.made.elapsed().as_secs());
        response.headers_mut().insert(header::AGE, age);
        return response;
    }
    let made = Instant::now();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return response;
    }
    let (parts, body) = response.into_parts();
    // Pages are made in memory; the bound only guards against a page far larger than any made.
    let body = match axum::body::to_bytes(body, 4 << 20).await {
        Ok(b) => b,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let kept = Arc::new(Kept { generation, made, headers: parts.headers, body });
    pages.insert(key, kept.clone());
    answer(&kept)
}

fn answer(kept: &Kept) -> Response {
    let mut response = Response::new(Body::from(kept.body.clone()));
    *response.headers_mut() = kept.headers.clone();
    response
}
