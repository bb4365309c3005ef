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
mod case;
mod case_desk;
mod complaint_desk;
mod complaints;
mod enterprise;
pub mod error;
mod extract;
mod form;
mod html;
mod inspection;
mod inspection_desk;
mod listing;
mod log;
mod page_cache;
mod penalties;
pub mod ratelimit;
mod register;
mod register_new;
mod text;
mod wire;
mod workbench;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::MethodRouter;
use shijian_app::access::Action;
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
    pub rate: ratelimit::RateLimit,
    /// Session cookies get `Secure` (the site is served over TLS, e.g. by a reverse proxy).
    pub secure_cookies: bool,
}

/// Request limits.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest request body accepted (bytes); larger ones get 413.
    pub body_bytes: usize,
    /// A request taking longer is answered 408.
    pub timeout: Duration,
    /// Memory for public pages kept for repeated anonymous requests (`page_cache`); 0 keeps none.
    pub page_cache_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { body_bytes: 1 << 20, timeout: Duration::from_secs(30), page_cache_bytes: 64 << 20 }
    }
}

/// The state every handler sees.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    store: Store,
    config: ServerConfig,
    /// Group commit for complaints taken in (started with the state, on its runtime).
    intake: shijian_app::complaints::IntakeQueue,
    /// The complaint analyses computed lately: by scope and day, with when they were made.
    analyses: tokio::sync::Mutex<AnalysisCache>,
    /// The rate limits' counts ([`ratelimit`]).
    limiter: ratelimit::Limiter,
    /// 12315 attachments no complaint lists yet.
    uploads: complaints::Uploads,
    /// Public pages kept for repeated requests.
    pages: page_cache::PageCache,
    /// The document renderer, made on first use ([`case::renderer`]).
    renderer: tokio::sync::OnceCell<Arc<shijian_documents::Renderer>>,
}

type AnalysisCache = std::collections::HashMap<
    (shijian_core::DivisionCode, chrono::NaiveDate),
    (std::time::Instant, Arc<shijian_app::complaints::analysis::Analysis>),
>;

/// How long an analysis is served before it is made again.
const ANALYSIS_TTL: std::time::Duration = std::time::Duration::from_secs(600);

impl AppState {
    /// The state of a server on the current tokio runtime.
    pub fn new(store: Store, config: ServerConfig) -> AppState {
        let intake = shijian_app::complaints::IntakeQueue::spawn(store.clone());
        let limiter = ratelimit::Limiter::new(config.rate);
        let pages = page_cache::PageCache::new(config.limits.page_cache_bytes);
        AppState(Arc::new(Inner {
            store,
            config,
            intake,
            analyses: Default::default(),
            limiter,
            uploads: Default::default(),
            pages,
            renderer: tokio::sync::OnceCell::new(),
        }))
    }

    /// The analysis of complaints in `scope` on `day`, made at most [`ANALYSIS_TTL`] ago (one
    /// computation at a time; others wait for it).
    async fn analysis(
        &self,
        scope: shijian_core::DivisionCode,
        day: chrono::NaiveDate,
    ) -> shijian_core::Result<Arc<shijian_app::complaints::analysis::Analysis>> {
        let mut cache = self.0.analyses.lock().await;
        if let Some((made, a)) = cache.get(&(scope, day))
            && made.elapsed() < ANALYSIS_TTL
        {
            return Ok(a.clone());
        }
        let a = Arc::new(shijian_app::complaints::analysis::analyse(&self.0.store, scope, day).await?);
        cache.retain(|_, (made, _)| made.elapsed() < ANALYSIS_TTL);
        cache.insert((scope, day), (std::time::Instant::now(), a.clone()));
        Ok(a)
    }

    fn store(&self) -> &Store {
        &self.0.store
    }

    fn intake(&self) -> &shijian_app::complaints::IntakeQueue {
        &self.0.intake
    }

    fn limiter(&self) -> &ratelimit::Limiter {
        &self.0.limiter
    }

    fn uploads(&self) -> &complaints::Uploads {
        &self.0.uploads
    }
}

/// Content-Security-Policy: nothing from elsewhere, no inline script, no framing.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The headers set on every response (unless a handler set them). `Referrer-Policy:
/// same-origin`, not `no-referrer`: under `no-referrer` Chromium sends `Origin: null` with the
/// site's own form posts, which a same-origin check must refuse; other sites still get no
/// referrer.
pub fn security_headers() -> Vec<(HeaderName, HeaderValue)> {
    vec![
        (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (header::REFERRER_POLICY, HeaderValue::from_static("same-origin")),
        (HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin")),
    ]
}

/// `Strict-Transport-Security` when the site is served over TLS: a year, subdomains too.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Middleware: `Cache-Control: no-store` on anything personal, unless the handler said
/// otherwise: answers to requests with credentials (a token, a cookie), answers that set a
/// cookie, anything but GET and HEAD (forms, API writes, 12315 tracking), and the pages of
/// 12315, the workbench and the enterprise (GB/T 35273-2020 个人信息安全规范: personal
/// information is not to linger in shared caches or browser histories).
async fn no_store(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    let personal = request.headers().contains_key(header::AUTHORIZATION)
        || request.headers().contains_key(header::COOKIE)
        || !matches!(*request.method(), axum::http::Method::GET | axum::http::Method::HEAD)
        || ["/12315", "/workbench", "/enterprise", "/signin", "/api/v1/me", "/api/v1/complaints", "/api/v1/cases"]
            .iter()
            .any(|p| request.uri().path().starts_with(p));
    let mut response = next.run(request).await;
    if (personal || response.headers().contains_key(header::SET_COOKIE))
        && !response.headers().contains_key(header::CACHE_CONTROL)
    {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Who may call a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not (anonymous API calls are rate-limited).
    Public,
    /// Any signed-in account.
    SignedIn,
    /// Signed-in callers whose role may perform the action ([`shijian_app::access::ACTIONS`]);
    /// where (jurisdiction, own entity, team) is decided in `app` once the subject is known.
    Action(Action),
}

impl Access {
    /// The roles that may call a route of this access: none listed for `Public` and
    /// `SignedIn`, else the action's from the one table.
    pub fn roles(self) -> Vec<shijian_core::event::Role> {
        match self {
            Access::Public | Access::SignedIn => Vec::new(),
            Access::Action(action) => shijian_app::access::roles(action),
        }
    }
}

/// One route: method, path (axum syntax, which is also OpenAPI's), who may call it, what it
/// does, its query parameters (name, required), and its handler.
pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
    /// 中文 / English.
    pub summary: &'static str,
    pub query: &'static [(&'static str, bool)],
    handler: fn() -> MethodRouter<AppState>,
}

/// One route of a module's list ([`Route`]).
pub(crate) fn route(
    method: &'static str,
    path: &'static str,
    access: Access,
    summary: &'static str,
    query: &'static [(&'static str, bool)],
    handler: fn() -> MethodRouter<AppState>,
) -> Route {
    Route { method, path, access, summary, query, handler }
}

/// The route table: what [`router`] serves, what the authorisation tests walk, and what the
/// OpenAPI document describes. Each module declares its own routes (its `routes()`); this is
/// their concatenation, so a new module adds one line here.
pub fn routes() -> Vec<Route> {
    [
        api::routes(),
        html::routes(),
        workbench::routes(),
        inspection_desk::routes(),
        complaint_desk::routes(),
        listing::routes(),
        register_new::routes(),
        register::routes(),
        enterprise::routes(),
        inspection::routes(),
        complaints::routes(),
        case::routes(),
        case_desk::routes(),
        penalties::routes(),
        log::routes(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// One entry of the workbench's menu, contributed by a staff module (its `workbench()`): the
/// page it links to, the element id browsers and tests find it by, the key of its label in
/// [`text`], and the actions whose roles see it (a role sees the entry when it may perform
/// any of them, [`shijian_app::access::permits`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    pub path: &'static str,
    pub id: &'static str,
    pub label: &'static str,
    pub actions: &'static [Action],
}

impl Entry {
    /// Whether `role` sees the entry.
    pub fn shown_to(&self, role: shijian_core::event::Role) -> bool {
        self.actions.iter().any(|a| shijian_app::access::permits(role, *a))
    }
}

/// The workbench's menu, in order: the entries of the staff modules.
pub(crate) fn workbench_entries() -> Vec<Entry> {
    [
        listing::workbench(),
        register_new::workbench(),
        inspection_desk::workbench(),
        complaint_desk::workbench(),
        case_desk::workbench(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The OpenAPI 3.1 document of `/api/v1`, generated from the route table.
pub fn openapi() -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let mut paths: Map<String, Value> = Map::new();
    for route in routes().into_iter().filter(|r| r.path.starts_with("/api/")) {
        let mut parameters: Vec<Value> = Vec::new();
        for segment in route.path.split('/') {
            if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                parameters.push(json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}));
            }
        }
        for (name, required) in route.query {
            parameters.push(json!({"name": name, "in": "query", "required": required, "schema": {"type": "string"}}));
        }
        let mut op = json!({
            "summary": route.summary,
            "parameters": parameters,
            "responses": {
                "200": {"description": "OK"},
                "default": {"$ref": "#/components/responses/Error"}
            }
        });
        match route.access {
            Access::Public => op["security"] = json!([{}, {"bearer": []}]),
            Access::SignedIn => op["security"] = json!([{"bearer": []}]),
            Access::Action(action) => {
                op["security"] = json!([{"bearer": []}]);
                op["x-action"] = json!(action.as_str());
                op["x-roles"] = json!(route.access.roles().iter().map(|r| r.as_str()).collect::<Vec<_>>());
            }
        }
        let entry = paths.entry(route.path.to_string()).or_insert_with(|| json!({}));
        entry[route.method.to_ascii_lowercase()] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "市监 shijian API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "市场监管信息系统接口 / the market-supervision information system's API. \
                Errors: {\"code\", \"message\", \"details\"}, the message in zh-CN or English by Accept-Language."
        },
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "POST /api/v1/tokens"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["code", "message", "details"],
                    "properties": {
                        "code": {"type": "string", "description": "stable error code"},
                        "message": {"type": "string"},
                        "details": {"type": "object", "additionalProperties": {"type": "string"}}
                    }
                }
            },
            "responses": {
                "Error": {
                    "description": "An error in the one vocabulary",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                }
            }
        }
    })
}

/// Every route of the service.
pub fn router(state: AppState) -> Router {
    let limits = state.0.config.limits;
    let mut routes: Router<AppState> = Router::new();
    for route in self::routes() {
        // Every request body is limited; evidence files (photographs, scans) and the 12315 form
        // with its attachments more generously.
        let limit = if route.path.ends_with("/evidence") || route.path.ends_with("/attachments") {
            shijian_app::inspection::MAX_EVIDENCE_BYTES + 1024
        } else if (route.method, route.path) == ("POST", "/12315") {
            complaints::FORM_BYTES
        } else {
            limits.body_bytes
        };
        // Pages and API alike are rate-limited (the limiter itself leaves out health checks,
        // assets and the log); the limit is decided from the verified caller.
        // Who may call it is checked, and every refusal recorded, by the route's guard.
        let guard = auth::Guard { state: state.clone(), access: route.access, route: route.method, path: route.path };
        let mut handler = (route.handler)();
        // Public pages read alike by everyone are kept for repeated anonymous requests.
        if let Some(parts) = page_cache::parts_of(route.method, route.path) {
            let kept = page_cache::Route { state: state.clone(), parts };
            handler = handler.layer(axum::middleware::from_fn_with_state(kept, page_cache::serve));
        }
        let handler = handler
            .layer::<_, std::convert::Infallible>(axum::middleware::from_fn_with_state(guard, auth::guard))
            .layer(RequestBodyLimitLayer::new(limit))
            .layer(axum::middleware::from_fn_with_state(state.clone(), ratelimit::limit));
        routes = routes.route(route.path, handler);
    }
    let secure = state.0.config.secure_cookies;
    let mut app: Router = routes.fallback(api::not_found).with_state(state);
    // Inner to outer: errors get their bodies (also those of the limits), then every response
    // its headers.
    app = app
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, limits.timeout))
        .layer(axum::middleware::from_fn(error::localise))
        .layer(axum::middleware::from_fn(no_store));
    let mut headers = security_headers();
    if secure {
        // Served over TLS (the cookies say so): browsers are to keep to it (RFC 6797).
        headers.push((header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS)));
    }
    for (name, value) in headers {
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
