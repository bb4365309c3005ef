//! Random inspections over HTTP: the four public notices (四公开: the item list, plans, the
//! lists drawn, results) as pages and JSON, and the steps of a plan for staff and the seed
//! parties.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use shijian_app::inspection::{self, Inspections};
use shijian_core::DivisionCode;
use shijian_core::inspection::pool::InspectorRecord;
use shijian_core::inspection::task::{ResultCategory, ResultRecorded};
use shijian_core::inspection::{PlanSpec, PlanState, Stratum, TaskStatus};

use crate::AppState;
use crate::api::{ApiResult, appended, query, today};
use crate::auth::{Caller, PageCaller};
use crate::error::ApiError;
use crate::extract::{ApiJson, Staff};
use crate::html::switch;
use crate::wire::inspection as wire;
use crate::workbench::render;

/// `GET /api/v1/inspection/items`: the item list in force (随机抽查事项清单).
pub async fn items(State(state): State<AppState>) -> ApiResult<Response> {
    let items = inspection::item_list(state.store()).await?;
    Ok(crate::wire::sorted(crate::wire::Items::of(items, wire::InspectionItem::from)))
}

#[derive(Deserialize)]
pub struct PageQuery {
    division: Option<String>,
    after: Option<String>,
    limit: Option<usize>,
}

/// `GET /api/v1/inspection/plans?[division=…][&after=…][&limit=N]`: plans, newest id first.
pub async fn plans(
    State(state): State<AppState>,
    q: std::result::Result<Query<PageQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let q = query(q)?;
    let division = q.division.as_deref().filter(|d| !d.is_empty()).map(DivisionCode::parse).transpose()?;
    let page = Inspections::new(state.store())
        .plans(division, q.after.as_deref().filter(|a| !a.is_empty()), q.limit.unwrap_or(50))
        .await?;
    let items = page.items.into_iter().map(wire::Plan::from).collect();
    Ok(Json(crate::wire::Page { items, next: page.next }).into_response())
}

/// `GET /api/v1/inspection/plans/{id}`: a plan, its pool's hash and totals, the seed parties'
/// commitments and reveals, the draw, and how to repeat it. The targets per credit class
/// (`strata`) only for planners and auditors of the plan's office.
pub async fn plan(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Response> {
    let p = Inspections::new(state.store()).plan(&id).await?;
    let strata = staff_strata(&state, &caller, &p).await;
    Ok(crate::wire::sorted(wire::PlanView::new(p, strata)))
}

/// A published plan's targets per credit class when `caller` may see them (planners and
/// auditors of the plan's office, [`Inspections::strata`]); `None` for everyone else, the
/// public first of all.
async fn staff_strata(state: &AppState, caller: &Caller, p: &PlanState) -> Option<BTreeMap<Stratum, u64>> {
    if caller.account.is_none() || p.published.is_none() {
        return None;
    }
    Inspections::new(state.store()).strata(&caller.actor, &p.spec.id).await.ok()
}

#[derive(Deserialize)]
pub struct TasksQuery {
    after: Option<u32>,
    limit: Option<usize>,
}

/// `GET /api/v1/inspection/plans/{id}/tasks?[after=RANK][&limit=N]`: the list drawn, with
/// the inspectors and the published results, in rank order.
pub async fn tasks(
    State(state): State<AppState>,
    Path(id): Path<String>,
    q: std::result::Result<Query<TasksQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let q = query(q)?;
    let page = Inspections::new(state.store()).tasks(&id, q.after.unwrap_or(0), q.limit.unwrap_or(100)).await?;
    let items = page.items.into_iter().map(wire::Task::from).collect();
    Ok(Json(crate::wire::Page { items, next: page.next }).into_response())
}

/// `POST /api/v1/inspection/plans`: drafts a plan (its id is assigned).
pub async fn draft(
    State(state): State<AppState>,
    caller: Staff,
    ApiJson(spec): ApiJson<PlanSpec>,
) -> ApiResult<Response> {
    match Inspections::new(state.store()).draft(&caller.actor, spec, chrono::Utc::now()).await {
        Ok(p) => Ok((StatusCode::CREATED, Json(wire::Plan::from(p))).into_response()),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct CommitBody {
    commitment: String,
}

/// `POST /api/v1/inspection/plans/{id}/commitments`: a seed party's commitment (hex SHA-256).
pub async fn commit(
    State(state): State<AppState>,
    caller: Staff,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<CommitBody>,
) -> ApiResult<Response> {
    match Inspections::new(state.store()).commit(&caller.actor, &id, &b.commitment, chrono::Utc::now()).await {
        Ok(p) => Ok(Json(wire::Plan::from(p)).into_response()),
        Err(e) => Err(e.into()),
    }
}

/// `POST /api/v1/inspection/plans/{id}/publication`: fixes the pools and publishes the plan.
pub async fn publish(State(state): State<AppState>, caller: Staff, Path(id): Path<String>) -> ApiResult<Response> {
    match Inspections::new(state.store()).publish(&caller.actor, &id, today(), chrono::Utc::now()).await {
        Ok(p) => Ok(Json(wire::Published::from(p)).into_response()),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct RevealBody {
    secret: String,
}

/// `POST /api/v1/inspection/plans/{id}/reveals`: a seed party's secret (hex, 32 bytes).
pub async fn reveal(
    State(state): State<AppState>,
    caller: Staff,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<RevealBody>,
) -> ApiResult<Response> {
    match Inspections::new(state.store()).reveal(&caller.actor, &id, &b.secret, chrono::Utc::now()).await {
        Ok(p) => Ok(Json(wire::Plan::from(p)).into_response()),
        Err(e) => Err(e.into()),
    }
}

/// `POST /api/v1/inspection/plans/{id}/draw`: draws the targets and assigns the inspectors.
pub async fn draw(State(state): State<AppState>, caller: Staff, Path(id): Path<String>) -> ApiResult<Response> {
    match Inspections::new(state.store()).draw(&caller.actor, &id, today(), chrono::Utc::now()).await {
        Ok(p) => Ok(Json(wire::Plan::from(p)).into_response()),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct ResultBody {
    inspected_on: NaiveDate,
    category: ResultCategory,
    #[serde(default)]
    findings: String,
    #[serde(default)]
    evidence: Vec<String>,
}

/// `POST /api/v1/inspection/plans/{id}/tasks/{target}/result`: the team records the check.
pub async fn record(
    State(state): State<AppState>,
    caller: Staff,
    Path((id, target)): Path<(String, String)>,
    ApiJson(b): ApiJson<ResultBody>,
) -> ApiResult<Response> {
    let r = ResultRecorded {
        plan: id,
        target,
        inspected_on: b.inspected_on,
        category: b.category,
        findings: b.findings,
        evidence: b.evidence,
    };
    match Inspections::new(state.store()).record_result(&caller.actor, r, chrono::Utc::now()).await {
        Ok(t) => Ok(Json(wire::Task::from(t)).into_response()),
        Err(e) => Err(e.into()),
    }
}

/// `POST /api/v1/inspection/plans/{id}/tasks/{target}/publication`: publishes a recorded result.
pub async fn publish_result(
    State(state): State<AppState>,
    caller: Staff,
    Path((id, target)): Path<(String, String)>,
) -> ApiResult<Response> {
    match Inspections::new(state.store()).publish_result(&caller.actor, &id, &target, today(), chrono::Utc::now()).await
    {
        Ok(t) => Ok(Json(wire::Task::from(t)).into_response()),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct ObjectsBody {
    objects: Vec<shijian_core::inspection::pool::InspectionObject>,
}

/// `POST /api/v1/inspection/objects`: products or premises for product and premises pools
/// (administrators inside each one's division).
pub async fn objects(
    State(state): State<AppState>,
    caller: Staff,
    ApiJson(b): ApiJson<ObjectsBody>,
) -> ApiResult<Response> {
    match Inspections::new(state.store()).register_objects(&caller.actor, &b.objects, chrono::Utc::now()).await {
        Ok(()) => Ok((StatusCode::CREATED, Json(wire::Registered { registered: b.objects.len() })).into_response()),
        Err(e) => Err(e.into()),
    }
}

/// `POST /api/v1/inspection/plans/{id}/tasks/{target}/evidence` (the file as the body: JPEG,
/// PNG or PDF, at most 8 MiB): a member of the team stores a piece of evidence; the answer
/// carries its SHA-256, for the result's `evidence`.
pub async fn add_evidence(
    State(state): State<AppState>,
    caller: Staff,
    Path((id, target)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> ApiResult<Response> {
    match Inspections::new(state.store()).add_evidence(&caller.actor, &id, &target, body.to_vec()).await {
        Ok(hash) => Ok((StatusCode::CREATED, Json(wire::Evidence { sha256: hash })).into_response()),
        Err(e) => Err(e.into()),
    }
}

/// `GET /api/v1/inspection/plans/{id}/tasks/{target}/evidence/{sha256}`: a piece of evidence
/// the result lists (the team and the planning office).
pub async fn evidence(
    State(state): State<AppState>,
    caller: Staff,
    Path((id, target, hash)): Path<(String, String, String)>,
) -> ApiResult<Response> {
    match Inspections::new(state.store()).evidence(&caller.actor, &id, &target, &hash).await {
        Ok((bytes, kind)) => Ok(([(axum::http::header::CONTENT_TYPE, kind)], bytes).into_response()),
        Err(e) => Err(e.into()),
    }
}

/// `GET /api/v1/inspection/tasks/mine`: the signed-in inspector's tasks, most recent first.
pub async fn mine(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    caller.signed_in()?;
    let tasks = Inspections::new(state.store()).my_tasks(&caller.actor, 200).await?;
    Ok(crate::wire::sorted(crate::wire::Items::of(tasks, wire::Task::from)))
}

/// `POST /api/v1/inspection/inspectors`: enrols a member of staff in the inspector pool.
pub async fn enroll(
    State(state): State<AppState>,
    caller: Staff,
    ApiJson(r): ApiJson<InspectorRecord>,
) -> ApiResult<Response> {
    match Inspections::new(state.store()).enroll(&caller.actor, r, chrono::Utc::now()).await {
        Ok(a) => Ok(appended(vec![a])),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct ConflictBody {
    target: String,
    reason: String,
}

/// `POST /api/v1/inspection/conflicts`: the signed-in inspector declares a conflict of interest.
pub async fn conflict(
    State(state): State<AppState>,
    caller: Staff,
    ApiJson(b): ApiJson<ConflictBody>,
) -> ApiResult<Response> {
    match Inspections::new(state.store())
        .declare_conflict(&caller.actor, &b.target, &b.reason, chrono::Utc::now())
        .await
    {
        Ok(a) => Ok(appended(vec![a])),
        Err(e) => Err(e.into()),
    }
}

// ----- pages -----

struct ItemRow {
    code: String,
    department: String,
    name: String,
    kind: String,
    cap: String,
    basis: String,
    checks: String,
}

struct PlanRow {
    id: String,
    title: String,
    office: String,
    period: String,
    status: String,
}

#[derive(Template)]
#[template(path = "inspection.html")]
struct IndexPage {
    en: bool,
    switch: String,
    items: Vec<ItemRow>,
    plans: Vec<PlanRow>,
    next: Option<String>,
}

pub(crate) fn status_text(s: &str, en: bool) -> String {
    match (s, en) {
        ("drafted", false) => "已制定，待随机数承诺",
        ("published", false) => "已公示，待抽取",
        ("drawn", false) => "已抽取",
        ("drafted", true) => "drafted, waiting for the seed commitments",
        ("published", true) => "published, to be drawn",
        ("drawn", true) => "drawn",
        (other, _) => other,
    }
    .to_string()
}

fn office_text(d: DivisionCode) -> String {
    format!("{} {}", d, d.full_name())
}

/// `GET /inspection`: the item list and the plans (四公开: 抽查事项清单、抽查计划).
pub async fn index(State(state): State<AppState>, uri: Uri, Query(q): Query<HashMap<String, String>>) -> Response {
    let en = crate::html::en_in(&q);
    let list = match inspection::item_list(state.store()).await {
        Ok(l) => l,
        Err(e) => return ApiError(e).into_response(),
    };
    let after = q.get("after").map(String::as_str).filter(|a| !a.is_empty());
    let page = match Inspections::new(state.store()).plans(None, after, 50).await {
        Ok(p) => p,
        Err(e) => return ApiError(e).into_response(),
    };
    let p = IndexPage {
        en,
        switch: switch(&uri, en),
        items: list
            .iter()
            .map(|i| ItemRow {
                code: i.code.clone(),
                department: i.department.clone(),
                name: if en { i.name_en.clone() } else { i.name_zh.clone() },
                kind: match (i.kind, en) {
                    (shijian_core::inspection::ItemKind::Key, false) => "重点检查事项".into(),
                    (shijian_core::inspection::ItemKind::Key, true) => "key".into(),
                    (_, false) => "一般检查事项".into(),
                    (_, true) => "ordinary".into(),
                },
                cap: i.cap_bp.map(|c| format!("{}%", f64::from(c) / 100.0)).unwrap_or_else(|| "—".into()),
                basis: i.basis.clone(),
                checks: i.checks.join("；"),
            })
            .collect(),
        plans: page
            .items
            .iter()
            .map(|p| PlanRow {
                id: p.spec.id.clone(),
                title: p.spec.title.clone(),
                office: office_text(p.spec.office),
                period: format!("{} – {}", p.spec.starts_on, p.spec.ends_on),
                status: status_text(p.status.as_str(), en),
            })
            .collect(),
        next: page.next.map(|n| format!("/inspection?after={n}{}", if en { "&lang=en" } else { "" })),
    };
    render(&p, StatusCode::OK)
}

struct TaskRow {
    rank: u32,
    target: String,
    name: String,
    inspectors: String,
    result: String,
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    en: bool,
    switch: String,
    id: String,
    title: String,
    office: String,
    period: String,
    status: String,
    /// The plan's items: code and name in the page's language.
    items: Vec<(String, String)>,
    ratios: Vec<(String, String, String)>,
    /// Whether the ratios carry the counts per class (staff only).
    counts: bool,
    pool_hash: String,
    targets: String,
    quota: String,
    parties: Vec<(String, String, String)>,
    checkpoint: String,
    seed: String,
    drawn: String,
    tasks: Vec<TaskRow>,
    next: Option<String>,
    command: String,
}

/// The page that repeats a plan's draw in the browser (`static/draw-verify.js`).
#[derive(Template)]
#[template(path = "draw_verify.html")]
struct DrawVerifyPage {
    en: bool,
    switch: String,
    id: String,
    title: String,
    /// The seed the script checks: the published one, or one given in the address (to see
    /// that another seed does not reproduce the draw).
    seed: String,
    command: String,
}

/// `GET /inspection/plans/{id}/verify[?seed=HEX]`: anyone repeats the draw in the browser, as
/// "verify this record" checks a record. What the public record settles is recomputed in the
/// page from `/api/v1/inspection/plans/{id}` and its tasks: each reveal against its commitment,
/// the seed, each drawn target's key and the order of the list. The selection within each
/// credit class is not: it needs the pool file, which lists every target's class and is
/// restricted (国市监信发〔2022〕6号 [M]), so the page says so and names the command auditors
/// run with it. Porting the sampling to the browser would need that file, and serving it
/// would publish the classes.
pub async fn draw_verify_page(
    State(state): State<AppState>,
    uri: Uri,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let en = crate::html::en_in(&q);
    let p = match Inspections::new(state.store()).plan(&id).await {
        Ok(p) => p,
        Err(e) => return ApiError(e).into_response(),
    };
    let published = p.draw.as_ref().map(|d| d.seed.clone()).unwrap_or_default();
    let page = DrawVerifyPage {
        en,
        switch: crate::html::switch(&uri, en),
        seed: q.get("seed").map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).unwrap_or(published),
        command: format!("shijian draw verify --plan {}", p.spec.id),
        title: p.spec.title,
        id: p.spec.id,
    };
    crate::workbench::render(&page, StatusCode::OK)
}

/// `GET /inspection/plans/{id}`: one plan: its scope and ratios, the pool's commitment, the
/// seed's inputs, the list drawn and the results (四公开: 抽查计划、抽查对象名单、抽查结果).
pub async fn plan_page(
    State(state): State<AppState>,
    page_caller: PageCaller,
    uri: Uri,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let en = crate::html::en_in(&q);
    let me = Inspections::new(state.store());
    let p = match me.plan(&id).await {
        Ok(p) => p,
        Err(e) => return ApiError(e).into_response(),
    };
    let after: u32 = q.get("after").and_then(|a| a.parse().ok()).unwrap_or(0);
    let item_list = match inspection::item_list(state.store()).await {
        Ok(l) => l,
        Err(e) => return ApiError(e).into_response(),
    };
    let page = match me.tasks(&id, after, 100).await {
        Ok(t) => t,
        Err(e) => return ApiError(e).into_response(),
    };
    // The targets' names in one read of the register's columns.
    let codes: Vec<String> =
        page.items.iter().map(|t| inspection::target_entity(&t.assigned.target).to_string()).collect();
    let names: HashMap<String, String> = match state.store().entity_summaries(&codes).await {
        Ok(found) => found.into_iter().map(|s| (s.uscc, s.name)).collect(),
        Err(e) => return ApiError(e).into_response(),
    };
    let mut tasks = Vec::with_capacity(page.items.len());
    for t in &page.items {
        let name = names.get(inspection::target_entity(&t.assigned.target)).cloned().unwrap_or_default();
        let result = match (&t.recorded, t.status) {
            (Some(r), TaskStatus::Published) => if en { r.category.en() } else { r.category.zh() }.to_string(),
            (_, TaskStatus::Unassigned) => if en {
                "no lawful team: handled by the office"
            } else {
                "无法按规则组成检查组，由机关另行处理"
            }
            .to_string(),
            _ => if en { "not yet published" } else { "尚未公示" }.to_string(),
        };
        tasks.push(TaskRow {
            rank: t.assigned.rank,
            target: t.assigned.target.clone(),
            name,
            inspectors: t.assigned.inspectors.join(if en { ", " } else { "、" }),
            result,
        });
    }
    // The counts per class are restricted: shown to the plan's planners and auditors only.
    let strata = staff_strata(&state, &page_caller.caller, &p).await;
    let ratios = Stratum::ALL
        .iter()
        .map(|s| {
            let bp = p.spec.ratios.of(*s);
            let count = strata.as_ref().map(|m| m.get(s).copied().unwrap_or(0).to_string()).unwrap_or_default();
            (s.as_str().to_string(), format!("{}%", f64::from(bp) / 100.0), count)
        })
        .collect();
    let mut names = p.spec.parties.clone();
    names.sort();
    let parties = names
        .iter()
        .map(|n| {
            let c = p.commitments.get(n).cloned().unwrap_or_else(|| "—".into());
            let r = match (&p.draw, p.reveals.get(n)) {
                (_, Some(s)) => s.clone(),
                (Some(_), None) => {
                    if en { "absent (not revealed by the day)" } else { "未按期公开（按缺席处理）" }.to_string()
                }
                (None, None) => "—".to_string(),
            };
            (n.clone(), c, r)
        })
        .collect();
    let page_view = PlanPage {
        en,
        switch: switch(&uri, en),
        id: p.spec.id.clone(),
        title: p.spec.title.clone(),
        office: office_text(p.spec.office),
        period: format!("{} – {}", p.spec.starts_on, p.spec.ends_on),
        status: status_text(p.status.as_str(), en),
        items: p
            .spec
            .items
            .iter()
            .map(|code| {
                let item = item_list.iter().find(|i| &i.code == code);
                let name = item.map(|i| if en { i.name_en.clone() } else { i.name_zh.clone() });
                (code.clone(), name.unwrap_or_default())
            })
            .collect(),
        ratios,
        counts: strata.is_some(),
        pool_hash: p.published.as_ref().map(|x| x.pool_hash.clone()).unwrap_or_else(|| "—".into()),
        targets: p.published.as_ref().map(|x| x.targets.to_string()).unwrap_or_else(|| "—".into()),
        quota: p.published.as_ref().map(|x| x.quota.to_string()).unwrap_or_else(|| "—".into()),
        parties,
        checkpoint: p
            .draw
            .as_ref()
            .map(|d| format!("{} {}", d.checkpoint_size, d.checkpoint_root))
            .unwrap_or_else(|| "—".into()),
        seed: p.draw.as_ref().map(|d| d.seed.clone()).unwrap_or_else(|| "—".into()),
        drawn: p
            .draw
            .as_ref()
            .map(|d| format!("{} ({})", d.drawn, crate::text::T::new(en).fill("plan.unassigned", d.unassigned)))
            .unwrap_or_else(|| "—".into()),
        tasks,
        next: page
            .next
            .map(|n| format!("/inspection/plans/{}?after={n}{}", p.spec.id, if en { "&lang=en" } else { "" })),
        command: format!("shijian draw verify --plan {}", p.spec.id),
    };
    render(&page_view, StatusCode::OK)
}

/// The routes of this module ([`crate::routes`]).
pub(crate) fn routes() -> Vec<crate::Route> {
    use crate::{Access, route};
    use axum::routing::{get, post};
    use shijian_app::access::Action;
    vec![
        route(
            "GET",
            "/inspection",
            Access::Public,
            "双随机、一公开：抽查事项与计划页面 / random inspections: items and plans (page)",
            &[("after", false), ("lang", false)],
            || get(index),
        ),
        route(
            "GET",
            "/inspection/plans/{id}",
            Access::Public,
            "抽查计划、抽查对象名单与检查结果页面 / a plan, the targets drawn and the results (page)",
            &[("after", false), ("lang", false)],
            || get(plan_page),
        ),
        route(
            "GET",
            "/api/v1/inspection/items",
            Access::Public,
            "随机抽查事项清单 / the inspection item list",
            &[],
            || get(items),
        ),
        route(
            "GET",
            "/api/v1/inspection/plans",
            Access::Public,
            "抽查计划，新者在前，分页 / inspection plans, newest first, a page at a time",
            &[("division", false), ("after", false), ("limit", false)],
            || get(plans),
        ),
        route(
            "POST",
            "/api/v1/inspection/plans",
            Access::Action(Action::Plan),
            "制定抽查计划 / draft an inspection plan",
            &[],
            || post(draft),
        ),
        route(
            "GET",
            "/inspection/plans/{id}/verify",
            Access::Public,
            "在浏览器中复核抽取（页面）/ repeat a plan's draw in the browser (page)",
            &[("lang", false), ("seed", false)],
            || get(draw_verify_page),
        ),
        route(
            "GET",
            "/api/v1/inspection/plans/{id}",
            Access::Public,
            "抽查计划及其抽取的复核方法 / a plan, its draw and how to repeat it",
            &[],
            || get(plan),
        ),
        route(
            "GET",
            "/api/v1/inspection/plans/{id}/tasks",
            Access::Public,
            "抽查对象名单及检查结果，分页 / the targets drawn and the results, a page at a time",
            &[("after", false), ("limit", false)],
            || get(tasks),
        ),
        route(
            "POST",
            "/api/v1/inspection/plans/{id}/commitments",
            Access::Action(Action::SeedParty),
            "随机数参与方提交承诺 / a seed party's commitment",
            &[],
            || post(commit),
        ),
        route(
            "POST",
            "/api/v1/inspection/plans/{id}/publication",
            Access::Action(Action::Plan),
            "公示计划并固定名录库 / publish the plan and fix its pools",
            &[],
            || post(publish),
        ),
        route(
            "POST",
            "/api/v1/inspection/plans/{id}/reveals",
            Access::Action(Action::SeedParty),
            "随机数参与方公开随机数 / a seed party's reveal",
            &[],
            || post(reveal),
        ),
        route(
            "POST",
            "/api/v1/inspection/plans/{id}/draw",
            Access::Action(Action::Plan),
            "抽取检查对象并选派检查人员 / draw the targets and assign the inspectors",
            &[],
            || post(draw),
        ),
        route(
            "POST",
            "/api/v1/inspection/plans/{id}/tasks/{target}/result",
            Access::Action(Action::RecordResult),
            "检查组录入检查结果 / the team records the result",
            &[],
            || post(record),
        ),
        route(
            "POST",
            "/api/v1/inspection/plans/{id}/tasks/{target}/publication",
            Access::Action(Action::PublishResult),
            "公示检查结果 / publish a result",
            &[],
            || post(publish_result),
        ),
        route(
            "GET",
            "/api/v1/inspection/tasks/mine",
            Access::SignedIn,
            "本人的检查任务 / the caller's inspection tasks",
            &[],
            || get(mine),
        ),
        route(
            "POST",
            "/api/v1/inspection/inspectors",
            Access::Action(Action::ManageInspection),
            "执法检查人员名录库：录入或变更 / enrol an inspector or change their record",
            &[],
            || post(enroll),
        ),
        route(
            "POST",
            "/api/v1/inspection/plans/{id}/tasks/{target}/evidence",
            Access::Action(Action::RecordResult),
            "上传检查证据（JPEG、PNG、PDF，≤8 MiB）/ upload a piece of evidence (the file as the body)",
            &[],
            || {
                post(add_evidence)
                    .layer(axum::extract::DefaultBodyLimit::max(shijian_app::inspection::MAX_EVIDENCE_BYTES))
            },
        ),
        route(
            "GET",
            "/api/v1/inspection/plans/{id}/tasks/{target}/evidence/{sha256}",
            Access::Action(Action::PublishResult),
            "检查证据文件 / a piece of evidence a result lists",
            &[],
            || get(evidence),
        ),
        route(
            "POST",
            "/api/v1/inspection/objects",
            Access::Action(Action::ManageInspection),
            "检查对象名录库：产品与经营场所 / register products or premises for pools",
            &[],
            || post(objects),
        ),
        route(
            "POST",
            "/api/v1/inspection/conflicts",
            Access::Action(Action::Inspect),
            "申报回避 / declare a conflict of interest",
            &[],
            || post(conflict),
        ),
    ]
}
