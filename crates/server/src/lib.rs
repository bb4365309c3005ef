//! shijian over HTTP (axum): the public API under `/api/v1`, the public log exactly per C2SP
//! tlog-tiles under `/log`, receipts, and a change feed of public events.
//!
//! Only this crate knows HTTP and wire formats; what may be done, by whom, is decided in `app`.
//! Errors leave as one vocabulary, `{"code", "message", "details"}`, the message in Chinese or
//! English by `Accept-Language` ([`error`]).
//!
//! Every response carries the security headers of [`security_headers`]; request bodies are
//! limited and requests time out ([`Limits`]).

mod api;
pub mod auth;
pub mod error;
mod log;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::get;
use shijian_store::Store;
use tokio::net::TcpListener;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// What the server needs besides the store.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// The log's verifier key (C2SP signed-note `vkey`), served at `/log/key`.
    pub log_key: String,
    pub limits: Limits,
}

/// Request limits.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest request body accepted (bytes); larger ones get 413.
    pub body_bytes: usize,
    /// A request taking longer is answered 408.
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { body_bytes: 1 << 20, timeout: Duration::from_secs(30) }
    }
}

/// The state every handler sees.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    store: Store,
    config: ServerConfig,
}

impl AppState {
    pub fn new(store: Store, config: ServerConfig) -> AppState {
        AppState(Arc::new(Inner { store, config }))
    }

    fn store(&self) -> &Store {
        &self.0.store
    }
}

/// Content-Security-Policy: nothing from elsewhere, no inline script, no framing.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The headers set on every response (unless a handler set them).
pub fn security_headers() -> Vec<(HeaderName, HeaderValue)> {
    vec![
        (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
        (HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin")),
    ]
}

/// Every route of the service.
pub fn router(state: AppState) -> Router {
    let limits = state.0.config.limits;
    let mut app: Router = Router::new()
        .route("/healthz", get(api::healthz))
        .route("/readyz", get(api::readyz))
        .route("/api/v1/entities/{uscc}", get(api::entity))
        .route("/api/v1/search", get(api::search))
        .route("/api/v1/names/check", get(api::check_name))
        .route("/api/v1/events/{id}", get(api::event))
        .route("/api/v1/receipts/{id}", get(api::receipt))
        .route("/api/v1/feed", get(api::feed))
        .route("/api/v1/tokens", axum::routing::post(api::issue_token))
        .route("/api/v1/me", get(api::me))
        .route("/api/v1/credit/worklist", get(api::worklist))
        .route("/log/checkpoint", get(log::checkpoint))
        .route("/log/key", get(log::key))
        .route("/log/tile/{*path}", get(log::tile))
        .fallback(api::not_found)
        .with_state(state);
    // Inner to outer: errors get their bodies (also those of the limits), then every response
    // its headers.
    app = app
        .layer(RequestBodyLimitLayer::new(limits.body_bytes))
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, limits.timeout))
        .layer(axum::middleware::from_fn(error::localise));
    for (name, value) in security_headers() {
        app = app.layer(SetResponseHeaderLayer::if_not_present(name, value));
    }
    app.layer(TraceLayer::new_for_http())
}

/// Serves `router(state)` on `listener` until `shutdown` completes, then lets the requests in
/// flight finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await
}
