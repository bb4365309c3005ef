//! Rate limits for the public: anonymous API calls are limited per client address (the
//! national publicity system is scraped heavily), answered 429 with `Retry-After` when over.
//! Signed-in callers are not limited here. Behind a reverse proxy, set
//! [`RateLimit::trust_forwarded_for`] so the client is the first `X-Forwarded-For` address.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use shijian_core::{Code, Error};

use crate::error::ApiError;

/// The public's limits.
#[derive(Clone, Copy, Debug)]
pub struct RateLimit {
    /// Anonymous requests per minute per client; 0 turns the limit off.
    pub per_minute: u32,
    /// How many may come at once before the rate applies.
    pub burst: u32,
    /// Take the client from `X-Forwarded-For` (only behind a proxy that sets it).
    pub trust_forwarded_for: bool,
}

impl Default for RateLimit {
    fn default() -> RateLimit {
        RateLimit { per_minute: 600, burst: 60, trust_forwarded_for: false }
    }
}

/// The limiter shared by the server's requests.
#[derive(Clone)]
pub struct Limiter {
    config: RateLimit,
    keyed: Option<Arc<DefaultKeyedRateLimiter<IpAddr>>>,
    seen: Arc<AtomicU64>,
}

impl Limiter {
    pub fn new(config: RateLimit) -> Limiter {
        let keyed = NonZeroU32::new(config.per_minute).map(|rate| {
            let burst = NonZeroU32::new(config.burst).unwrap_or(rate);
            Arc::new(DefaultKeyedRateLimiter::keyed(Quota::per_minute(rate).allow_burst(burst)))
        });
        Limiter { config, keyed, seen: Arc::new(AtomicU64::new(0)) }
    }
}

fn client(request: &Request, trust_forwarded_for: bool) -> Option<IpAddr> {
    if trust_forwarded_for
        && let Some(ip) = request
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|v| v.trim().parse().ok())
    {
        return Some(ip);
    }
    request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())
}

/// Middleware for `/api`: counts anonymous requests per client.
pub async fn limit(State(limiter): State<Limiter>, request: Request, next: Next) -> Response {
    let Some(keyed) = &limiter.keyed else { return next.run(request).await };
    if request.headers().contains_key(header::AUTHORIZATION) {
        return next.run(request).await;
    }
    let Some(ip) = client(&request, limiter.config.trust_forwarded_for) else { return next.run(request).await };
    // Forget clients that have been quiet, now and then, so the table stays small.
    if limiter.seen.fetch_add(1, Ordering::Relaxed) % 10_000 == 9_999 {
        keyed.retain_recent();
    }
    match keyed.check_key(&ip) {
        Ok(()) => next.run(request).await,
        Err(not_until) => {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let mut response =
                ApiError(Error::new(Code::RateLimited).with("retry_after", seconds.max(1))).into_response();
            if let Ok(v) = HeaderValue::from_str(&seconds.max(1).to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            response
        }
    }
}
