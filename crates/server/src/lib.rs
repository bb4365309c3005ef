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
mod complaint_desk;
mod complaints;
mod enterprise;
pub mod error;
mod extract;
mod html;
mod inspection;
mod inspection_desk;
mod listing;
mod log;
pub mod ratelimit;
mod register;
mod text;
mod wire;
mod workbench;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::{MethodRouter, get};
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
    /// Group commit for complaints taken in (started with the state, on its runtime).
    intake: shijian_app::complaints::IntakeQueue,
    /// The complaint analyses computed lately: by scope and day, with when they were made.
    analyses: tokio::sync::Mutex<AnalysisCache>,
    /// The rate limits' counts ([`ratelimit`]).
    limiter: ratelimit::Limiter,
    /// 12315 attachments no complaint lists yet.
    uploads: complaints::Uploads,
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
        AppState(Arc::new(Inner {
            store,
            config,
            intake,
            analyses: Default::default(),
            limiter,
            uploads: Default::default(),
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
        || ["/12315", "/workbench", "/enterprise", "/signin", "/api/v1/me", "/api/v1/complaints"]
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

/// The route table: what [`router`] serves, what the authorisation tests walk, and what the
/// OpenAPI document describes.
pub fn routes() -> Vec<Route> {
    use axum::routing::post;
    type Query = &'static [(&'static str, bool)];
    let r =
        |method, path, access, summary, query: Query, handler| Route { method, path, access, summary, query, handler };
    vec![
        r("GET", "/healthz", Access::Public, "存活 / alive", &[], || get(api::healthz)),
        r("GET", "/readyz", Access::Public, "就绪 / ready", &[], || get(api::readyz)),
        r("GET", "/", Access::Public, "公示门户 / the public portal", &[("lang", false)], || get(html::search)),
        r("GET", "/search", Access::Public, "查询页面 / search page", &[("q", false), ("lang", false)], || {
            get(html::search)
        }),
        r(
            "GET",
            "/entities/{uscc}",
            Access::Public,
            "信用档案页面 / credit file page",
            &[("lang", false)],
            || get(html::entity),
        ),
        r(
            "GET",
            "/verify/{id}",
            Access::Public,
            "验证记录页面 / verify-a-record page",
            &[("lang", false)],
            || get(html::verify),
        ),
        r("GET", "/static/{name}", Access::Public, "样式与脚本 / stylesheet and script", &[], || get(html::asset)),
        r(
            "GET",
            "/names/check",
            Access::Public,
            "名称自主申报查重页面 / name self-check page",
            &[("name", false), ("lang", false)],
            || get(html::names),
        ),
        r("GET", "/signin", Access::Public, "登录页面 / sign-in page", &[("lang", false)], || {
            get(workbench::signin_page)
        }),
        r("POST", "/signin", Access::Public, "登录 / sign in (session cookie)", &[("lang", false)], || {
            axum::routing::post(workbench::signin)
        }),
        r("POST", "/signout", Access::SignedIn, "退出 / sign out", &[], || axum::routing::post(workbench::signout)),
        r("GET", "/workbench", Access::SignedIn, "工作台 / the workbench", &[("lang", false)], || {
            get(workbench::workbench)
        }),
        r(
            "POST",
            "/workbench/step",
            Access::Action(Action::CreditRecord),
            "信用修复或异议的办理环节 / a review step on a repair request or objection",
            &[],
            || axum::routing::post(workbench::step),
        ),
        r(
            "GET",
            "/workbench/inspection",
            Access::SignedIn,
            "双随机抽查工作页面 / random inspections on the workbench (page)",
            &[("lang", false), ("done", false)],
            || get(inspection_desk::page),
        ),
        r(
            "POST",
            "/workbench/inspection/plans",
            Access::Action(Action::Plan),
            "抽查计划的制定、公示、抽取与结果公示（表单）/ draft, publish, draw a plan, publish a result (form)",
            &[("lang", false)],
            || post(inspection_desk::plans),
        ),
        r(
            "POST",
            "/workbench/inspection/seed",
            Access::Action(Action::SeedParty),
            "随机数承诺与揭示（表单）/ a seed party commits or reveals (form)",
            &[("lang", false)],
            || post(inspection_desk::seed),
        ),
        r(
            "POST",
            "/workbench/inspection/results",
            Access::Action(Action::RecordResult),
            "检查结果的录入与公示（表单）/ an inspector records or publishes a result (form)",
            &[("lang", false)],
            || post(inspection_desk::results),
        ),
        r(
            "GET",
            "/workbench/complaints",
            Access::SignedIn,
            "12315投诉举报工作页面：待办、办理、分析、诉转案 / 12315 on the workbench (page)",
            &[("lang", false), ("done", false), ("id", false)],
            || get(complaint_desk::page),
        ),
        r(
            "POST",
            "/workbench/complaints/steps",
            Access::Action(Action::HandleComplaint),
            "投诉举报办理环节与公开投诉内容（表单）/ a step on a complaint, or its narrative (form)",
            &[("lang", false)],
            || post(complaint_desk::steps),
        ),
        r(
            "POST",
            "/workbench/complaints/warnings",
            Access::Action(Action::HandleComplaint),
            "发布消费警示（表单）/ publish a consumer warning (form)",
            &[("lang", false)],
            || post(complaint_desk::warnings),
        ),
        r(
            "POST",
            "/workbench/complaints/clues",
            Access::Action(Action::DecideClue),
            "诉转案线索核查结果（表单）/ the check of a case clue (form)",
            &[("lang", false)],
            || post(complaint_desk::clues),
        ),
        r(
            "GET",
            "/enterprise/{uscc}/odr",
            Access::Action(Action::ManageOdr),
            "企业在线消费纠纷解决（ODR）页面 / the enterprise's ODR page",
            &[("lang", false), ("done", false)],
            || get(complaint_desk::odr_page),
        ),
        r(
            "POST",
            "/enterprise/{uscc}/odr",
            Access::Action(Action::ManageOdr),
            "加入、退出ODR与答复投诉（表单）/ join, leave, answer (form)",
            &[("lang", false)],
            || post(complaint_desk::odr_act),
        ),
        r(
            "GET",
            "/workbench/register",
            Access::Action(Action::ReadRegister),
            "辖区市场主体名录页面 / the register inside the jurisdiction (page)",
            &[("division", false), ("after", false), ("lang", false)],
            || get(listing::register),
        ),
        r(
            "GET",
            "/workbench/entities/{uscc}",
            Access::Action(Action::Register),
            "登记员办理页面：变更、歇业、注销等 / the registrar's page for an entity",
            &[("lang", false), ("done", false)],
            || get(register::page),
        ),
        r(
            "POST",
            "/workbench/entities/{uscc}/change",
            Access::Action(Action::Register),
            "变更登记（表单）/ register a change (form)",
            &[("lang", false)],
            || post(register::change),
        ),
        r(
            "POST",
            "/workbench/entities/{uscc}/lifecycle",
            Access::Action(Action::Register),
            "歇业、注销等（表单）/ a lifecycle step (form)",
            &[("lang", false)],
            || post(register::lifecycle),
        ),
        r(
            "GET",
            "/lists/{list}",
            Access::Public,
            "公示名单页面 / a public credit list (page)",
            &[("division", false), ("after", false), ("lang", false)],
            || get(listing::public_list),
        ),
        r(
            "GET",
            "/enterprise/{uscc}",
            Access::Action(Action::FileReport),
            "企业办事页面：年度报告与信用修复 / the enterprise's page: annual report and credit repair",
            &[("lang", false), ("done", false)],
            || get(enterprise::page),
        ),
        r(
            "POST",
            "/enterprise/{uscc}/annual-report",
            Access::Action(Action::FileReport),
            "报送年度报告（表单）/ file the annual report (form)",
            &[("lang", false)],
            || post(enterprise::annual_report),
        ),
        r(
            "POST",
            "/enterprise/{uscc}/repair",
            Access::Action(Action::FileReport),
            "申请信用修复（表单）/ ask for credit repair (form)",
            &[("lang", false)],
            || post(enterprise::repair),
        ),
        r(
            "GET",
            "/api/v1/openapi.json",
            Access::Public,
            "本接口的 OpenAPI 文档 / this API's OpenAPI document",
            &[],
            || get(api::openapi),
        ),
        r("GET", "/api/v1/entities/{uscc}", Access::Public, "公示信用档案 / the public credit file", &[], || {
            get(api::entity)
        }),
        r(
            "GET",
            "/api/v1/search",
            Access::Public,
            "按代码或名称查询市场主体 / entities by code or name words",
            &[("q", true), ("limit", false)],
            || get(api::search),
        ),
        r(
            "GET",
            "/api/v1/names/check",
            Access::Public,
            "名称自主申报查重 / name self-check",
            &[("name", true), ("division", false), ("kind", false)],
            || get(api::check_name),
        ),
        r(
            "GET",
            "/api/v1/events/{id}",
            Access::Public,
            "公开事件及其记录与盐值 / a public event, record and salt",
            &[],
            || get(api::event),
        ),
        r(
            "GET",
            "/api/v1/receipts/{id}",
            Access::Public,
            "事件收据（C2SP tlog-proof）/ an event's receipt",
            &[],
            || get(api::receipt),
        ),
        r(
            "GET",
            "/api/v1/feed",
            Access::Public,
            "公开事件变更订阅 / the change feed of public events",
            &[("after", false), ("limit", false)],
            || get(api::feed),
        ),
        r("POST", "/api/v1/tokens", Access::Public, "登录换取访问令牌 / sign in for an API token", &[], || {
            post(api::issue_token)
        }),
        r(
            "POST",
            "/api/v1/entities/{uscc}/annual-reports",
            Access::Action(Action::FileReport),
            "报送年度报告 / file an annual report",
            &[],
            || post(api::file_annual_report),
        ),
        r(
            "POST",
            "/api/v1/entities/{uscc}/repairs",
            Access::Action(Action::FileReport),
            "申请信用修复 / request credit repair",
            &[],
            || post(api::request_repair),
        ),
        r(
            "POST",
            "/api/v1/entities/{uscc}/objections",
            Access::Action(Action::FileReport),
            "提出异议 / file an objection",
            &[],
            || post(api::file_objection),
        ),
        r(
            "POST",
            "/api/v1/entities/{uscc}/{matter}/{reference}/steps",
            Access::Action(Action::CreditRecord),
            "信用修复与异议的办理环节 / a review step on a repair request or objection",
            &[],
            || post(api::review),
        ),
        r(
            "POST",
            "/api/v1/entities",
            Access::Action(Action::Register),
            "设立登记 / register an entity",
            &[],
            || post(api::register_entity),
        ),
        r(
            "POST",
            "/api/v1/entities/{uscc}/changes",
            Access::Action(Action::Register),
            "变更登记 / register a change",
            &[],
            || post(api::change_entity),
        ),
        r(
            "POST",
            "/api/v1/entities/{uscc}/lifecycle",
            Access::Action(Action::Register),
            "歇业、恢复营业、注销、吊销等 / suspension, resumption, deregistration and the rest of the lifecycle",
            &[],
            || post(api::lifecycle),
        ),
        r(
            "GET",
            "/api/v1/lists/{list}",
            Access::Public,
            "公示名单（经营异常名录 abnormal、严重违法失信名单 serious），分页 / a public credit list, a page at a time",
            &[("division", false), ("after", false), ("limit", false)],
            || get(api::list),
        ),
        r(
            "GET",
            "/api/v1/register",
            Access::Action(Action::ReadRegister),
            "辖区内市场主体名录，分页 / the register inside the jurisdiction, a page at a time",
            &[("division", false), ("after", false), ("limit", false)],
            || get(api::register),
        ),
        r("GET", "/api/v1/me", Access::SignedIn, "当前账户 / the signed-in account", &[], || get(api::me)),
        r(
            "GET",
            "/api/v1/credit/worklist",
            Access::Action(Action::CreditRecord),
            "信用修复与异议待办 / the credit office's worklist",
            &[("division", false), ("on", false)],
            || get(api::worklist),
        ),
        r(
            "GET",
            "/inspection",
            Access::Public,
            "双随机、一公开：抽查事项与计划页面 / random inspections: items and plans (page)",
            &[("after", false), ("lang", false)],
            || get(inspection::index),
        ),
        r(
            "GET",
            "/inspection/plans/{id}",
            Access::Public,
            "抽查计划、抽查对象名单与检查结果页面 / a plan, the targets drawn and the results (page)",
            &[("after", false), ("lang", false)],
            || get(inspection::plan_page),
        ),
        r(
            "GET",
            "/api/v1/inspection/items",
            Access::Public,
            "随机抽查事项清单 / the inspection item list",
            &[],
            || get(inspection::items),
        ),
        r(
            "GET",
            "/api/v1/inspection/plans",
            Access::Public,
            "抽查计划，新者在前，分页 / inspection plans, newest first, a page at a time",
            &[("division", false), ("after", false), ("limit", false)],
            || get(inspection::plans),
        ),
        r(
            "POST",
            "/api/v1/inspection/plans",
            Access::Action(Action::Plan),
            "制定抽查计划 / draft an inspection plan",
            &[],
            || post(inspection::draft),
        ),
        r(
            "GET",
            "/api/v1/inspection/plans/{id}",
            Access::Public,
            "抽查计划及其抽取的复核方法 / a plan, its draw and how to repeat it",
            &[],
            || get(inspection::plan),
        ),
        r(
            "GET",
            "/api/v1/inspection/plans/{id}/tasks",
            Access::Public,
            "抽查对象名单及检查结果，分页 / the targets drawn and the results, a page at a time",
            &[("after", false), ("limit", false)],
            || get(inspection::tasks),
        ),
        r(
            "POST",
            "/api/v1/inspection/plans/{id}/commitments",
            Access::Action(Action::SeedParty),
            "随机数参与方提交承诺 / a seed party's commitment",
            &[],
            || post(inspection::commit),
        ),
        r(
            "POST",
            "/api/v1/inspection/plans/{id}/publication",
            Access::Action(Action::Plan),
            "公示计划并固定名录库 / publish the plan and fix its pools",
            &[],
            || post(inspection::publish),
        ),
        r(
            "POST",
            "/api/v1/inspection/plans/{id}/reveals",
            Access::Action(Action::SeedParty),
            "随机数参与方公开随机数 / a seed party's reveal",
            &[],
            || post(inspection::reveal),
        ),
        r(
            "POST",
            "/api/v1/inspection/plans/{id}/draw",
            Access::Action(Action::Plan),
            "抽取检查对象并选派检查人员 / draw the targets and assign the inspectors",
            &[],
            || post(inspection::draw),
        ),
        r(
            "POST",
            "/api/v1/inspection/plans/{id}/tasks/{target}/result",
            Access::Action(Action::RecordResult),
            "检查组录入检查结果 / the team records the result",
            &[],
            || post(inspection::record),
        ),
        r(
            "POST",
            "/api/v1/inspection/plans/{id}/tasks/{target}/publication",
            Access::Action(Action::PublishResult),
            "公示检查结果 / publish a result",
            &[],
            || post(inspection::publish_result),
        ),
        r(
            "GET",
            "/api/v1/inspection/tasks/mine",
            Access::SignedIn,
            "本人的检查任务 / the caller's inspection tasks",
            &[],
            || get(inspection::mine),
        ),
        r(
            "POST",
            "/api/v1/inspection/inspectors",
            Access::Action(Action::ManageInspection),
            "执法检查人员名录库：录入或变更 / enrol an inspector or change their record",
            &[],
            || post(inspection::enroll),
        ),
        r(
            "POST",
            "/api/v1/inspection/plans/{id}/tasks/{target}/evidence",
            Access::Action(Action::RecordResult),
            "上传检查证据（JPEG、PNG、PDF，≤8 MiB）/ upload a piece of evidence (the file as the body)",
            &[],
            || {
                post(inspection::add_evidence)
                    .layer(axum::extract::DefaultBodyLimit::max(shijian_app::inspection::MAX_EVIDENCE_BYTES))
            },
        ),
        r(
            "GET",
            "/api/v1/inspection/plans/{id}/tasks/{target}/evidence/{sha256}",
            Access::Action(Action::PublishResult),
            "检查证据文件 / a piece of evidence a result lists",
            &[],
            || get(inspection::evidence),
        ),
        r(
            "POST",
            "/api/v1/inspection/objects",
            Access::Action(Action::ManageInspection),
            "检查对象名录库：产品与经营场所 / register products or premises for pools",
            &[],
            || post(inspection::objects),
        ),
        r(
            "POST",
            "/api/v1/inspection/conflicts",
            Access::Action(Action::Inspect),
            "申报回避 / declare a conflict of interest",
            &[],
            || post(inspection::conflict),
        ),
        r(
            "GET",
            "/12315",
            Access::Public,
            "12315投诉举报表单 / the 12315 form (page)",
            &[("lang", false)],
            || get(complaints::form),
        ),
        r(
            "POST",
            "/12315",
            Access::Public,
            "提交投诉举报（表单，可附文件）/ file a complaint or report (form, with attachments)",
            &[("lang", false)],
            || post(complaints::submit).layer(axum::extract::DefaultBodyLimit::max(complaints::FORM_BYTES)),
        ),
        r(
            "GET",
            "/12315/track",
            Access::Public,
            "投诉举报查询页面 / follow a complaint (page)",
            &[("lang", false)],
            || get(complaints::track_page),
        ),
        r(
            "POST",
            "/12315/track",
            Access::Public,
            "查询、评价或转交（表单）/ follow, rate or send on a complaint (form)",
            &[("lang", false)],
            || post(complaints::track_submit),
        ),
        r(
            "POST",
            "/api/v1/complaints",
            Access::Public,
            "投诉举报登记（网站无需账号；热线、平台、来信来访需处理人员令牌）/ file a complaint or report",
            &[],
            || post(complaints::file),
        ),
        r(
            "POST",
            "/api/v1/complaints/attachments",
            Access::Public,
            "上传附件（JPEG、PNG、PDF，≤8 MiB）/ upload an attachment (the file as the body)",
            &[],
            || {
                post(complaints::attach)
                    .layer(axum::extract::DefaultBodyLimit::max(shijian_core::complaint::MAX_ATTACHMENT_BYTES))
            },
        ),
        r(
            "POST",
            "/api/v1/complaints/track",
            Access::Public,
            "凭编号和查询码查询进度 / follow a complaint with its number and tracking code",
            &[],
            || post(complaints::track),
        ),
        r(
            "GET",
            "/api/v1/complaints/worklist",
            Access::Action(Action::HandleComplaint),
            "投诉举报待办及期限 / open complaints and reports with their deadlines",
            &[("division", false)],
            || get(complaints::worklist),
        ),
        r(
            "GET",
            "/api/v1/complaints/{id}",
            Access::Action(Action::ReadComplaint),
            "投诉举报详情（处理人员；ODR企业仅限其收到的投诉）/ a complaint or report",
            &[],
            || get(complaints::get_one),
        ),
        r(
            "GET",
            "/api/v1/complaints/{id}/matches",
            Access::Action(Action::HandleComplaint),
            "被投诉经营者的候选主体及评分 / the registered businesses the complainant may mean, scored",
            &[],
            || get(complaints::matches),
        ),
        r(
            "POST",
            "/api/v1/complaints/{id}/steps",
            Access::Action(Action::HandleComplaint),
            "办理环节：受理、不予受理、移送、调解、终止、立案决定等 / a step of the procedure",
            &[],
            || post(complaints::step),
        ),
        r(
            "POST",
            "/api/v1/complaints/{id}/rating",
            Access::Public,
            "投诉人评价（凭查询码）/ the complainant's rating (with the tracking code)",
            &[],
            || post(complaints::rate),
        ),
        r(
            "POST",
            "/api/v1/complaints/{id}/escalation",
            Access::Public,
            "投诉人不认可企业和解，转交监管部门（凭查询码）/ the complainant sends an ODR settlement on to the office",
            &[],
            || post(complaints::escalate),
        ),
        r(
            "POST",
            "/api/v1/complaints/{id}/odr-answer",
            Access::Action(Action::AnswerOdr),
            "ODR企业答复 / the ODR enterprise's answer",
            &[],
            || post(complaints::odr_answer),
        ),
        r(
            "POST",
            "/api/v1/odr/{uscc}",
            Access::Action(Action::ManageOdr),
            "加入或退出在线消费纠纷解决（ODR）/ join or leave online dispute resolution",
            &[],
            || post(complaints::odr_membership),
        ),
        r(
            "GET",
            "/api/v1/odr/{uscc}/complaints",
            Access::Action(Action::ReadComplaint),
            "ODR企业收到的投诉 / the complaints an ODR enterprise received",
            &[],
            || get(complaints::odr_inbox),
        ),
        r(
            "GET",
            "/api/v1/complaints/analysis",
            Access::Action(Action::AnalyseComplaints),
            "投诉举报趋势、异常上升与消费警示草稿 / trends, unusual rises and draft warnings",
            &[("division", false)],
            || get(complaints::analysis),
        ),
        r(
            "GET",
            "/api/v1/complaints/clues",
            Access::Action(Action::CheckClue),
            "诉转案线索及核查期限 / case clues from complaints, with their checks' due days",
            &[("division", false), ("all", false)],
            || get(complaints::clues),
        ),
        r(
            "POST",
            "/api/v1/complaints/clues/{id}/decision",
            Access::Action(Action::DecideClue),
            "诉转案线索核查结果 / the check of a case clue",
            &[],
            || post(complaints::clue_decision),
        ),
        r(
            "GET",
            "/api/v1/complaints/{id}/narrative",
            Access::Action(Action::HandleComplaint),
            "拟公开的投诉内容（已去除个人信息）/ the draft narrative, personal data masked",
            &[],
            || get(complaints::narrative_draft),
        ),
        r(
            "POST",
            "/api/v1/complaints/{id}/narrative",
            Access::Action(Action::HandleComplaint),
            "公开投诉内容（经投诉人同意）/ publish the narrative (with consent)",
            &[],
            || post(complaints::narrative),
        ),
        r("GET", "/api/v1/warnings", Access::Public, "消费警示 / consumer warnings", &[], || {
            get(complaints::warnings)
        }),
        r(
            "POST",
            "/api/v1/warnings",
            Access::Action(Action::HandleComplaint),
            "发布消费警示 / publish a consumer warning",
            &[],
            || post(complaints::publish_warning),
        ),
        r(
            "GET",
            "/12315/warnings",
            Access::Public,
            "消费警示页面 / consumer warnings (page)",
            &[("lang", false)],
            || get(complaints::warnings_page),
        ),
        r(
            "GET",
            "/api/v1/entities/{uscc}/complaints",
            Access::Public,
            "投诉信息公示：数量、响应率、解决率、ODR评分 / complaints disclosed: counts, response and resolution rates, ODR scorecard",
            &[],
            || get(complaints::disclosure),
        ),
        r("GET", "/log/checkpoint", Access::Public, "日志检查点 / the log's checkpoint", &[], || {
            get(log::checkpoint)
        }),
        r("GET", "/log/key", Access::Public, "日志验证公钥 / the log's verifier key", &[], || get(log::key)),
        r("GET", "/log/tile/{*path}", Access::Public, "日志瓦片（C2SP tlog-tiles）/ log tiles", &[], || {
            get(log::tile)
        }),
    ]
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
        let handler = (route.handler)()
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
