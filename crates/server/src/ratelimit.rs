//! Rate limits, decided from the verified caller.
//!
//! - Every route but the health checks, the stylesheet and script, and the log's tiles (which
//!   witnesses and monitors fetch, and a proxy may cache) is limited for the public per client
//!   address: pages and API alike (the national publicity system is scraped heavily).
//!   Enterprise accounts are limited the same, per account. Staff, whose token or session
//!   cookie is verified, are not limited here. A token or cookie that does not verify counts as
//!   anonymous (`Bearer not-a-token` lifts nothing).
//! - Signing in (`POST /signin`, `POST /api/v1/tokens`) is throttled per client and per
//!   username, whoever the caller is: a valid token does not lift it.
//! - Anonymous permanent writes (a complaint or report by the web form or the API, an
//!   attachment) are limited per client per hour: each complaint is a permanent log entry.
//!
//! Over a limit the answer is 429 with `Retry-After`. Behind a reverse proxy, set
//! [`RateLimit::trust_forwarded_for`] so the client is the first `X-Forwarded-For` address.

use std::hash::Hash;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use shijian_core::event::Role;
use shijian_core::{Code, Error};

use crate::AppState;
use crate::error::ApiError;

/// The limits.
#[derive(Clone, Copy, Debug)]
pub struct RateLimit {
    /// Anonymous requests per minute per client (enterprise accounts: per account); 0 turns
    /// the limit off.
    pub per_minute: u32,
    /// How many may come at once before the rate applies.
    pub burst: u32,
    /// Take the client from `X-Forwarded-For` (only behind a proxy that sets it).
    pub trust_forwarded_for: bool,
    /// Sign-ins (session or token) per minute per client and per username; 0 turns it off.
    pub sign_in_per_minute: u32,
    pub sign_in_burst: u32,
    /// Anonymous complaints, reports and attachments per hour per client; 0 turns it off.
    pub writes_per_hour: u32,
    pub writes_burst: u32,
}

impl Default for RateLimit {
    fn default() -> RateLimit {
        RateLimit {
            per_minute: 600,
            burst: 60,
            trust_forwarded_for: false,
            sign_in_per_minute: 20,
            sign_in_burst: 20,
            writes_per_hour: 30,
            writes_burst: 10,
        }
    }
}

impl RateLimit {
    /// No limits at all (tests of other things; a server behind a proxy that limits).
    pub fn off() -> RateLimit {
        RateLimit {
            per_minute: 0,
            burst: 0,
            trust_forwarded_for: false,
            sign_in_per_minute: 0,
            sign_in_burst: 0,
            writes_per_hour: 0,
            writes_burst: 0,
        }
    }
}

/// Whom a limit counts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Client(IpAddr),
    Account(String),
}

/// One keyed limit, forgetting quiet keys now and then so that its table stays small.
struct Keyed {
    limiter: DefaultKeyedRateLimiter<Key>,
    seen: AtomicU64,
}

impl Keyed {
    fn new(quota: Option<Quota>) -> Option<Keyed> {
        quota.map(|q| Keyed { limiter: DefaultKeyedRateLimiter::keyed(q), seen: AtomicU64::new(0) })
    }

    fn check(&self, key: &Key) -> Result<(), Error> {
        if self.seen.fetch_add(1, Ordering::Relaxed) % 10_000 == 9_999 {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            Error::new(Code::RateLimited).with("retry_after", seconds.max(1))
        })
    }
}

fn quota(per: fn(NonZeroU32) -> Quota, rate: u32, burst: u32) -> Option<Quota> {
    NonZeroU32::new(rate).map(|rate| per(rate).allow_burst(NonZeroU32::new(burst).unwrap_or(rate)))
}

fn per_hour(rate: NonZeroU32) -> Quota {
    Quota::per_hour(rate)
}

fn per_minute(rate: NonZeroU32) -> Quota {
    Quota::per_minute(rate)
}

/// The limiters shared by the server's requests.
#[derive(Clone)]
pub struct Limiter(Arc<Limiters>);

struct Limiters {
    config: RateLimit,
    public: Option<Keyed>,
    sign_in: Option<Keyed>,
    writes: Option<Keyed>,
}

impl Limiter {
    pub fn new(config: RateLimit) -> Limiter {
        Limiter(Arc::new(Limiters {
            config,
            public: Keyed::new(quota(per_minute, config.per_minute, config.burst)),
            sign_in: Keyed::new(quota(per_minute, config.sign_in_per_minute, config.sign_in_burst)),
            writes: Keyed::new(quota(per_hour, config.writes_per_hour, config.writes_burst)),
        }))
    }

    /// The client's address: the connection's, or the first `X-Forwarded-For` address when
    /// that is trusted.
    pub fn client(&self, headers: &HeaderMap, connection: Option<SocketAddr>) -> Option<IpAddr> {
        if self.0.config.trust_forwarded_for
            && let Some(ip) = headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .and_then(|v| v.trim().parse().ok())
        {
            return Some(ip);
        }
        connection.map(|c| c.ip())
    }

    /// Sign-in attempts for `username` (whatever its case or spaces), counted per username.
    pub fn check_sign_in_account(&self, username: &str) -> Result<(), Error> {
        match &self.0.sign_in {
            Some(k) => k.check(&Key::Account(username.trim().to_lowercase())),
            None => Ok(()),
        }
    }
}

/// Paths no limit applies to: health checks, the stylesheet and script, the log.
fn exempt(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz") || path.starts_with("/static/") || path.starts_with("/log/")
}

fn signs_in(method: &Method, path: &str) -> bool {
    method == Method::POST && matches!(path, "/signin" | "/api/v1/tokens")
}

/// Anonymous writes that stay: a complaint or report, an attachment.
fn writes(method: &Method, path: &str) -> bool {
    method == Method::POST && matches!(path, "/12315" | "/api/v1/complaints" | "/api/v1/complaints/attachments")
}

/// Middleware on every route: decides the caller from its verified credentials, then counts.
pub async fn limit(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let limiter = state.limiter().clone();
    let path = request.uri().path().to_string();
    if exempt(&path) {
        return next.run(request).await;
    }
    let connection = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
    let ip = limiter.client(request.headers(), connection);
    let account = crate::auth::verify(&state, &mut request).await;
    let staff = account.as_ref().is_some_and(|a| a.role != Role::Enterprise);
    let key = match (&account, ip) {
        (Some(a), _) if a.role == Role::Enterprise => Some(Key::Account(a.username.clone())),
        (Some(_), _) => None,
        (None, Some(ip)) => Some(Key::Client(ip)),
        (None, None) => None,
    };
    let method = request.method().clone();
    let mut checks: Vec<(&Keyed, Key)> = Vec::new();
    if let (Some(k), Some(key)) = (&limiter.0.public, &key) {
        checks.push((k, key.clone()));
    }
    if signs_in(&method, &path)
        && let (Some(k), Some(ip)) = (&limiter.0.sign_in, ip)
    {
        checks.push((k, Key::Client(ip)));
    }
    if writes(&method, &path)
        && !staff
        && let (Some(k), Some(key)) = (&limiter.0.writes, &key)
    {
        checks.push((k, key.clone()));
    }
    for (keyed, key) in checks {
        if let Err(e) = keyed.check(&key) {
            return ApiError(e).into_response();
        }
    }
    next.run(request).await
}
