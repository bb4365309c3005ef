//! `/api/v1`: the public reads — an entity's public credit file, search, name self-check, public
//! events with their receipts, and the change feed — and the signed-in ones. Every handler takes
//! the [`Caller`], so a bad token is refused everywhere rather than taken as anonymous.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use shijian_app::Registry;
use shijian_app::accounts::Accounts;
use shijian_app::credit::{BackEntry, Credit, ObjectionStep, RepairStep, public_file};
use shijian_core::registry::EntityKind;
use shijian_core::{Code, DivisionCode, Error};
use shijian_store::StoredEvent;

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::{ApiJson, Staff};
use crate::wire::register as wire;

pub(crate) type ApiResult<T> = std::result::Result<T, ApiError>;

pub(crate) fn today() -> NaiveDate {
    shijian_core::calendar::legal_date(chrono::Utc::now())
}

/// A query string that does not parse.
pub(crate) fn query<T>(q: std::result::Result<Query<T>, QueryRejection>) -> ApiResult<T> {
    q.map(|Query(t)| t).map_err(|e| ApiError(Error::new(Code::RequestInvalid).with("reason", e.body_text())))
}

pub async fn healthz() -> &'static str {
    "ok\n"
}

/// Ready when the database answers and its schema is this program's.
pub async fn readyz(State(state): State<AppState>) -> Response {
    match state.store().schema_status().await {
        Ok(s) if s.is_current() => (StatusCode::OK, "ready\n").into_response(),
        Ok(_) => ApiError(Error::new(Code::DbMigrationsPending)).into_response(),
        Err(e) => ApiError(e).into_response(),
    }
}

pub async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError(Error::new(Code::RouteUnknown).with("path", uri.path()))
}

/// `GET /api/v1/entities/{uscc}`: the public credit file (国家企业信用信息公示系统's view).
pub async fn entity(State(state): State<AppState>, _caller: Caller, Path(uscc): Path<String>) -> ApiResult<Response> {
    let code = shijian_core::Uscc::parse(uscc.trim())?;
    let file = public_file(state.store(), code.as_str(), today()).await?;
    Ok(Json(wire::CreditFile::from(file)).into_response())
}

#[derive(Deserialize)]
pub struct SearchQuery {
    q: String,
    limit: Option<usize>,
    /// Hits to skip: `next_offset` of the page before.
    offset: Option<usize>,
}

/// `GET /api/v1/search?q=…[&limit=N][&offset=N]`: by a whole code, or by name words (at most
/// 100 hits a page), with how many there are in all.
pub async fn search(
    State(state): State<AppState>,
    _caller: Caller,
    q: std::result::Result<Query<SearchQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let q = query(q)?;
    let limit = q.limit.unwrap_or(20).clamp(1, 100);
    let offset = q.offset.unwrap_or(0);
    let found = shijian_app::search::search_page(state.store(), &q.q, offset, limit).await?;
    let next_offset = (offset + found.hits.len() < found.total && !found.hits.is_empty()).then(|| offset + limit);
    let hits = found.hits.into_iter().map(crate::wire::SearchHit::from).collect();
    let check = found.check.map(|c| crate::wire::CodeCheck {
        typed: c.typed,
        found: c.found,
        expected: c.expected,
        corrected: c.corrected,
    });
    Ok(Json(crate::wire::SearchPage {
        hits,
        total: found.total,
        total_is_lower_bound: found.capped,
        offset,
        next_offset,
        check,
    })
    .into_response())
}

#[derive(Deserialize)]
pub struct NameQuery {
    name: String,
    division: Option<String>,
    kind: Option<String>,
}

/// `GET /api/v1/names/check?name=…[&division=…][&kind=…]`: name self-check (名称自主申报),
/// open to everyone.
pub async fn check_name(
    State(state): State<AppState>,
    _caller: Caller,
    q: std::result::Result<Query<NameQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let q = query(q)?;
    let division = q.division.as_deref().filter(|d| !d.is_empty()).map(DivisionCode::parse).transpose()?;
    let kind = q.kind.as_deref().filter(|k| !k.is_empty()).map(EntityKind::parse).transpose()?;
    let check = Registry::new(state.store()).check_name(&q.name, kind, division, today()).await?;
    Ok(Json(wire::NameCheck::from(check)).into_response())
}

/// The event `id` if the public may see it today; restricted events and events whose
/// publicity period has ended are not found.
async fn public_event_by_id(state: &AppState, id: &str) -> ApiResult<StoredEvent> {
    let not_public = || ApiError(Error::new(Code::EventNotPublic).with("id", id));
    let event = match state.store().event_by_id(id).await {
        Ok(e) => e,
        Err(e) if e.code() == Code::EventUnknown => return Err(not_public()),
        Err(e) => return Err(e.into()),
    };
    if !event.is_public_on(today()) {
        return Err(not_public());
    }
    Ok(event)
}

/// `GET /api/v1/events/{id}`: a public event with its record and salt.
pub async fn event(State(state): State<AppState>, _caller: Caller, Path(id): Path<String>) -> ApiResult<Response> {
    let e = public_event_by_id(&state, &id).await?;
    Ok(Json(wire::PublicEvent::from(e)).into_response())
}

/// `GET /api/v1/receipts/{id}`: the C2SP tlog-proof of a public event (`text/plain`): its
/// index, the inclusion proof and the checkpoint it is proved against.
pub async fn receipt(State(state): State<AppState>, _caller: Caller, Path(id): Path<String>) -> ApiResult<Response> {
    let e = public_event_by_id(&state, &id).await?;
    let receipt = state.store().receipt(e.index).await?;
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], receipt.to_text()).into_response())
}

#[derive(Deserialize)]
pub struct FeedQuery {
    after: Option<u64>,
    limit: Option<usize>,
}

/// `GET /api/v1/feed[?after=INDEX][&limit=N]`: public events in log order after the log index
/// `after` (from the start without it), as Companies House's streaming API serves other
/// systems. Restricted events are skipped but the cursor moves past them, so a follower never
/// stalls; `next` is the last index read.
pub async fn feed(
    State(state): State<AppState>,
    _caller: Caller,
    q: std::result::Result<Query<FeedQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let q = query(q)?;
    let limit = q.limit.unwrap_or(100).clamp(1, 1000);
    let from = q.after.map_or(0, |a| a.saturating_add(1));
    // Log indexes are stored as signed 64-bit integers: a cursor past them is past the end
    // (it must not wrap round to the start).
    if from > i64::MAX as u64 {
        return Ok(Json(wire::FeedPage { events: Vec::new(), next: q.after }).into_response());
    }
    let events = state.store().events_from(from, limit).await?;
    let next = events.last().map(|e| e.index).or(q.after);
    let today = today();
    let events = events.into_iter().filter(|e| e.is_public_on(today)).map(wire::PublicEvent::from).collect();
    Ok(Json(wire::FeedPage { events, next }).into_response())
}

#[derive(Deserialize)]
pub struct SignIn {
    username: String,
    password: String,
    /// What the token is for (e.g. the calling system's name).
    label: Option<String>,
}

/// How long an API token lasts.
const TOKEN_DAYS: i64 = 30;

/// `POST /api/v1/tokens` with `{"username", "password"[, "label"]}`: an API token for the
/// account, valid 30 days, shown once.
pub async fn issue_token(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<SignIn>,
) -> ApiResult<Response> {
    state.limiter().check_sign_in_account(&body.username)?;
    let accounts = Accounts::new(state.store());
    let now = chrono::Utc::now();
    let account = accounts.sign_in(&body.username, &body.password, caller.client.as_deref(), now).await?;
    let ttl = chrono::Duration::days(TOKEN_DAYS);
    let label = body.label.as_deref().unwrap_or("api");
    let token = accounts.issue_token(&account, label, Some(ttl), now).await?;
    let expires_at = (now + ttl).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    Ok((StatusCode::CREATED, Json(crate::wire::Issued { token, expires_at })).into_response())
}

/// `GET /api/v1/me`: the signed-in account.
pub async fn me(caller: Caller) -> ApiResult<Response> {
    Ok(Json(crate::wire::Me::from(caller.signed_in()?)).into_response())
}

#[derive(Deserialize)]
pub struct WorklistQuery {
    division: Option<String>,
    on: Option<String>,
}

/// `GET /api/v1/credit/worklist[?division=…][&on=YYYY-MM-DD]`: the credit office's waiting
/// repairs and objections inside the caller's jurisdiction.
pub async fn worklist(
    State(state): State<AppState>,
    caller: Staff,
    q: std::result::Result<Query<WorklistQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let q = query(q)?;
    let division = q.division.as_deref().filter(|d| !d.is_empty()).map(DivisionCode::parse).transpose()?;
    let on = q.on.as_deref().map(shijian_core::parse_date).transpose()?.unwrap_or_else(today);
    let items = match Credit::new(state.store()).worklist(&caller.actor, division, on).await {
        Ok(items) => items,
        Err(e) => return Err(e.into()),
    };
    Ok(crate::wire::sorted(crate::wire::Items::of(items, wire::CreditWork::from)))
}

#[derive(Deserialize)]
pub struct PageQuery {
    division: Option<String>,
    after: Option<String>,
    limit: Option<usize>,
}

impl PageQuery {
    fn division(&self) -> ApiResult<Option<DivisionCode>> {
        Ok(self.division.as_deref().filter(|d| !d.is_empty()).map(DivisionCode::parse).transpose()?)
    }

    fn after(&self) -> Option<&str> {
        self.after.as_deref().filter(|a| !a.is_empty())
    }
}

/// `GET /api/v1/lists/{list}?[division=…][&after=…][&limit=N]`: the entities now on the
/// abnormal operations list (`abnormal`) or the serious violations list (`serious`), newest first (by the day of the latest entry, then by code),
/// with their entries; `next` is the cursor of the next page (at most 500 a page, 50 unless told).
pub async fn list(
    State(state): State<AppState>,
    _caller: Caller,
    Path(list): Path<String>,
    q: std::result::Result<Query<PageQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let q = query(q)?;
    let list = match list.as_str() {
        "abnormal" => shijian_app::lists::List::Abnormal,
        "serious" => shijian_app::lists::List::Serious,
        other => return Err(ApiError(Error::new(Code::RouteUnknown).with("list", other))),
    };
    let page = shijian_app::lists::listed(state.store(), list, q.division()?, q.after(), q.limit.unwrap_or(50)).await?;
    let items = page.items.into_iter().map(wire::Listed::from).collect();
    Ok(Json(crate::wire::Page { items, next: page.next }).into_response())
}

/// `GET /api/v1/register?[division=…][&after=…][&limit=N]`: the register a page at a time, by
/// code, for staff inside their jurisdiction (their own office's by default).
pub async fn register(
    State(state): State<AppState>,
    caller: Staff,
    q: std::result::Result<Query<PageQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let q = query(q)?;
    let limit = q.limit.unwrap_or(50);
    match shijian_app::lists::register(state.store(), &caller.actor, q.division()?, q.after(), limit).await {
        Ok(page) => {
            let items = page.items.into_iter().map(wire::Entity::from).collect();
            Ok(Json(crate::wire::Page { items, next: page.next }).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct RegisterBody {
    entity: shijian_core::entity::Entity,
    /// The applicant's name reservation, if any (it does not stand in its own way).
    reservation: Option<u64>,
    on: Option<NaiveDate>,
}

/// `POST /api/v1/entities`: 设立登记 (市场主体登记管理条例 第十九条), by a registrar inside the
/// jurisdiction of the registering office the record names.
pub async fn register_entity(
    State(state): State<AppState>,
    caller: Staff,
    ApiJson(b): ApiJson<RegisterBody>,
) -> ApiResult<Response> {
    let registry = shijian_app::Registry::new(state.store());
    match registry.register(&caller.actor, b.entity, b.reservation, day_or_today(b.on), chrono::Utc::now()).await {
        Ok((_, a)) => Ok(appended(vec![a])),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct ChangeBody {
    changes: shijian_core::entity::Changes,
    on: Option<NaiveDate>,
}

/// `POST /api/v1/entities/{uscc}/changes`: 变更登记 (市场主体登记管理条例 第二十四条).
pub async fn change_entity(
    State(state): State<AppState>,
    caller: Staff,
    Path(uscc): Path<String>,
    ApiJson(b): ApiJson<ChangeBody>,
) -> ApiResult<Response> {
    let registry = shijian_app::Registry::new(state.store());
    match registry.change(&caller.actor, &uscc, day_or_today(b.on), b.changes, chrono::Utc::now()).await {
        // A new name's check goes back with the events, so its warnings reach the registrar.
        Ok((Some(check), a)) => {
            let changed = wire::NameChanged { events: vec![(&a).into()], name_check: check.into() };
            Ok((StatusCode::CREATED, crate::wire::sorted(changed)).into_response())
        }
        Ok((None, a)) => Ok(appended(vec![a])),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct LifecycleBody {
    #[serde(flatten)]
    command: shijian_core::registry::Command,
    /// What other systems know stands in the way (investigation, unpaid fine, encumbered
    /// equity); the lists are read from the credit file.
    #[serde(default)]
    under_investigation: bool,
    #[serde(default)]
    unpaid_fine: bool,
    #[serde(default)]
    equity_encumbered: bool,
}

/// `POST /api/v1/entities/{uscc}/lifecycle`: 歇业, 恢复营业, 注销 (simple or ordinary), 吊销,
/// 撤销, 强制注销 and their notices, decided against the entity's state and what encumbers it
/// (市场主体登记管理条例 第三十条至第三十三条、第四十条; 实施细则 第四十一条至第四十九条).
pub async fn lifecycle(
    State(state): State<AppState>,
    caller: Staff,
    Path(uscc): Path<String>,
    ApiJson(b): ApiJson<LifecycleBody>,
) -> ApiResult<Response> {
    let encumbrances = shijian_core::registry::Encumbrances {
        under_investigation: b.under_investigation,
        unpaid_fine: b.unpaid_fine,
        equity_encumbered: b.equity_encumbered,
        ..Default::default()
    };
    let command = b.command;
    let registry = shijian_app::Registry::new(state.store());
    match registry.lifecycle(&caller.actor, &uscc, &command, &encumbrances, chrono::Utc::now()).await {
        Ok(a) => Ok(appended(vec![a])),
        Err(e) => Err(e.into()),
    }
}

/// `GET /api/v1/openapi.json`: generated from the route table.
pub async fn openapi() -> Response {
    Json(crate::openapi()).into_response()
}

/// The appended events' receipts, as the API answers a write.
pub(crate) fn appended(list: Vec<shijian_store::Appended>) -> Response {
    let events = list.iter().map(crate::wire::EventRef::from).collect();
    (StatusCode::CREATED, Json(crate::wire::Written { events })).into_response()
}

fn day_or_today(on: Option<NaiveDate>) -> NaiveDate {
    on.unwrap_or_else(today)
}

/// The filing day of an annual report, objection or repair request is the server's legal day;
/// a body that states one (`on`) is refused. Staff entering a paper filing send
/// `back_entry: {on, reason}` instead, which the event records.
fn filing(on: Option<NaiveDate>, back_entry: &Option<BackEntry>) -> std::result::Result<Option<&BackEntry>, Error> {
    match on {
        Some(_) => Err(Error::new(Code::FilingBackEntry).with("reason", "on")),
        None => Ok(back_entry.as_ref()),
    }
}

#[derive(Deserialize)]
pub struct AnnualReportBody {
    report: shijian_core::credit::annual::AnnualReport,
    /// Refused when given: the filing day is the day the server receives the report.
    on: Option<NaiveDate>,
    /// A paper report entered by staff: the day it was filed and why it is entered now.
    back_entry: Option<BackEntry>,
}

/// `POST /api/v1/entities/{uscc}/annual-reports`: the entity files its annual report
/// (企业信息公示暂行条例 第八条、第九条), or staff enter it; the published part becomes public,
/// the rest restricted.
pub async fn file_annual_report(
    State(state): State<AppState>,
    caller: Caller,
    Path(uscc): Path<String>,
    ApiJson(b): ApiJson<AnnualReportBody>,
) -> ApiResult<Response> {
    caller.signed_in()?;
    let credit = Credit::new(state.store());
    let back_entry = filing(b.on, &b.back_entry)?;
    match credit.file_annual_report(&caller.actor, &uscc, &b.report, back_entry, chrono::Utc::now()).await {
        Ok(list) => Ok(appended(list)),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct RepairBody {
    reference: String,
    target: shijian_core::credit::repair::RepairTarget,
    facts: shijian_core::credit::repair::RepairFacts,
    on: Option<NaiveDate>,
    back_entry: Option<BackEntry>,
}

/// `POST /api/v1/entities/{uscc}/repairs`: a credit repair request (市场监督管理信用修复管理办法).
pub async fn request_repair(
    State(state): State<AppState>,
    caller: Caller,
    Path(uscc): Path<String>,
    ApiJson(b): ApiJson<RepairBody>,
) -> ApiResult<Response> {
    caller.signed_in()?;
    let credit = Credit::new(state.store());
    let back_entry = filing(b.on, &b.back_entry)?;
    match credit
        .request_repair(&caller.actor, &uscc, &b.reference, b.target, &b.facts, back_entry, chrono::Utc::now())
        .await
    {
        Ok(a) => Ok(appended(vec![a])),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct ObjectionBody {
    reference: String,
    target: shijian_core::credit::objection::ObjectionTarget,
    grounds: String,
    on: Option<NaiveDate>,
    back_entry: Option<BackEntry>,
}

/// `POST /api/v1/entities/{uscc}/objections`: an objection to a credit record.
pub async fn file_objection(
    State(state): State<AppState>,
    caller: Caller,
    Path(uscc): Path<String>,
    ApiJson(b): ApiJson<ObjectionBody>,
) -> ApiResult<Response> {
    caller.signed_in()?;
    let credit = Credit::new(state.store());
    let back_entry = filing(b.on, &b.back_entry)?;
    match credit
        .file_objection(&caller.actor, &uscc, &b.reference, b.target, &b.grounds, back_entry, chrono::Utc::now())
        .await
    {
        Ok(a) => Ok(appended(vec![a])),
        Err(e) => Err(e.into()),
    }
}

/// A step of the office on a repair request or an objection.
#[derive(Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum StepBody {
    Accept,
    Refuse { reason: String },
    Reject { reason: String },
    Approve { facts: shijian_core::credit::repair::RepairFacts },
    Verify { upheld: bool, finding: String },
}

#[derive(Deserialize)]
pub struct StepEnvelope {
    #[serde(flatten)]
    step: StepBody,
    /// Refused: the step's day is the server's legal day; see `back_entry`.
    on: Option<NaiveDate>,
    /// A paper decision entered later: its day and why (staff only).
    back_entry: Option<BackEntry>,
}

/// `POST /api/v1/entities/{uscc}/{repairs|objections}/{reference}/steps`: the credit office's
/// review, step by step (accept or refuse; then approve or reject a repair, verify an
/// objection). The step's day is the server's legal day; a paper decision entered later gives
/// `back_entry: {on, reason}` (not before the matter was filed, not after today), recorded in
/// the event. A bare `on` is refused (`filing_back_entry`).
pub async fn review(
    State(state): State<AppState>,
    caller: Staff,
    Path((uscc, matter, reference)): Path<(String, String, String)>,
    ApiJson(b): ApiJson<StepEnvelope>,
) -> ApiResult<Response> {
    let credit = Credit::new(state.store());
    let back_entry = filing(b.on, &b.back_entry)?;
    let (on, at) = (back_entry, chrono::Utc::now());
    let invalid = |why: &str| Error::new(Code::RequestInvalid).with("reason", why);
    let done = match (matter.as_str(), b.step) {
        ("repairs", StepBody::Accept) => {
            credit.review_repair(&caller.actor, &uscc, &reference, RepairStep::Accept, on, at).await
        }
        ("repairs", StepBody::Refuse { reason }) => {
            credit.review_repair(&caller.actor, &uscc, &reference, RepairStep::Refuse { reason }, on, at).await
        }
        ("repairs", StepBody::Reject { reason }) => {
            credit.review_repair(&caller.actor, &uscc, &reference, RepairStep::Reject { reason }, on, at).await
        }
        ("repairs", StepBody::Approve { facts }) => {
            credit.review_repair(&caller.actor, &uscc, &reference, RepairStep::Approve { facts }, on, at).await
        }
        ("objections", StepBody::Accept) => {
            credit.review_objection(&caller.actor, &uscc, &reference, ObjectionStep::Accept, on, at).await
        }
        ("objections", StepBody::Refuse { reason }) => {
            credit.review_objection(&caller.actor, &uscc, &reference, ObjectionStep::Refuse { reason }, on, at).await
        }
        ("objections", StepBody::Verify { upheld, finding }) => {
            let step = ObjectionStep::Verify { upheld, finding };
            credit.review_objection(&caller.actor, &uscc, &reference, step, on, at).await
        }
        ("repairs" | "objections", _) => Err(invalid("这一步不适用于该事项 / step not for this matter")),
        _ => Err(invalid("repairs 或 objections / repairs or objections")),
    };
    match done {
        Ok(list) => Ok(appended(list)),
        Err(e) => Err(e.into()),
    }
}

/// The routes of this module ([`crate::routes`]).
pub(crate) fn routes() -> Vec<crate::Route> {
    use crate::{Access, route};
    use axum::routing::{get, post};
    use shijian_app::access::Action;
    vec![
        route("GET", "/healthz", Access::Public, "存活 / alive", &[], || get(healthz)),
        route("GET", "/readyz", Access::Public, "就绪 / ready", &[], || get(readyz)),
        route(
            "GET",
            "/api/v1/openapi.json",
            Access::Public,
            "本接口的 OpenAPI 文档 / this API's OpenAPI document",
            &[],
            || get(openapi),
        ),
        route(
            "GET",
            "/api/v1/entities/{uscc}",
            Access::Public,
            "公示信用档案 / the public credit file",
            &[],
            || get(entity),
        ),
        route(
            "GET",
            "/api/v1/search",
            Access::Public,
            "按代码或名称查询市场主体 / entities by code or name words",
            &[("q", true), ("limit", false), ("offset", false)],
            || get(search),
        ),
        route(
            "GET",
            "/api/v1/names/check",
            Access::Public,
            "名称自主申报查重 / name self-check",
            &[("name", true), ("division", false), ("kind", false)],
            || get(check_name),
        ),
        route(
            "GET",
            "/api/v1/events/{id}",
            Access::Public,
            "公开事件及其记录与盐值 / a public event, record and salt",
            &[],
            || get(event),
        ),
        route(
            "GET",
            "/api/v1/receipts/{id}",
            Access::Public,
            "事件收据（C2SP tlog-proof）/ an event's receipt",
            &[],
            || get(receipt),
        ),
        route(
            "GET",
            "/api/v1/feed",
            Access::Public,
            "公开事件变更订阅 / the change feed of public events",
            &[("after", false), ("limit", false)],
            || get(feed),
        ),
        route(
            "POST",
            "/api/v1/tokens",
            Access::Public,
            "登录换取访问令牌 / sign in for an API token",
            &[],
            || post(issue_token),
        ),
        route(
            "POST",
            "/api/v1/entities/{uscc}/annual-reports",
            Access::Action(Action::FileReport),
            "报送年度报告 / file an annual report",
            &[],
            || post(file_annual_report),
        ),
        route(
            "POST",
            "/api/v1/entities/{uscc}/repairs",
            Access::Action(Action::FileReport),
            "申请信用修复 / request credit repair",
            &[],
            || post(request_repair),
        ),
        route(
            "POST",
            "/api/v1/entities/{uscc}/objections",
            Access::Action(Action::FileReport),
            "提出异议 / file an objection",
            &[],
            || post(file_objection),
        ),
        route(
            "POST",
            "/api/v1/entities/{uscc}/{matter}/{reference}/steps",
            Access::Action(Action::CreditRecord),
            "信用修复与异议的办理环节 / a review step on a repair request or objection",
            &[],
            || post(review),
        ),
        route(
            "POST",
            "/api/v1/entities",
            Access::Action(Action::Register),
            "设立登记 / register an entity",
            &[],
            || post(register_entity),
        ),
        route(
            "POST",
            "/api/v1/entities/{uscc}/changes",
            Access::Action(Action::Register),
            "变更登记 / register a change",
            &[],
            || post(change_entity),
        ),
        route(
            "POST",
            "/api/v1/entities/{uscc}/lifecycle",
            Access::Action(Action::Register),
            "歇业、恢复营业、注销、吊销等 / suspension, resumption, deregistration and the rest of the lifecycle",
            &[],
            || post(lifecycle),
        ),
        route(
            "GET",
            "/api/v1/lists/{list}",
            Access::Public,
            "公示名单（经营异常名录 abnormal、严重违法失信名单 serious），分页 / a public credit list, a page at a time",
            &[("division", false), ("after", false), ("limit", false)],
            || get(list),
        ),
        route(
            "GET",
            "/api/v1/register",
            Access::Action(Action::ReadRegister),
            "辖区内市场主体名录，分页 / the register inside the jurisdiction, a page at a time",
            &[("division", false), ("after", false), ("limit", false)],
            || get(register),
        ),
        route("GET", "/api/v1/me", Access::SignedIn, "当前账户 / the signed-in account", &[], || get(me)),
        route(
            "GET",
            "/api/v1/credit/worklist",
            Access::Action(Action::CreditRecord),
            "信用修复与异议待办 / the credit office's worklist",
            &[("division", false), ("on", false)],
            || get(worklist),
        ),
    ]
}
