//! Enforcement over `/api/v1`: an office's matters (`/api/v1/cases`) for its case officers,
//! reviewers and auditors, each step of the procedure, the benchmark's proposal, the documents;
//! and the penalties the public may see (`/api/v1/penalties`) while their publicity lasts. What
//! may be done, by whom and where is decided in `app::case`.

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shijian_app::case::{Cases, NewClue, PenaltyInput, PublicPenalties, Queue, StepInput};
use shijian_core::case::procedure::DocumentKind;
use shijian_core::{Code, DivisionCode, Error};

use crate::AppState;
use crate::api::{ApiResult, query, today};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::{ApiJson, Staff};
use crate::wire::case as wire;

/// The work on matters of the server's store, with the province's thresholds.
pub(crate) fn cases(state: &AppState) -> Cases<'_> {
    Cases::new(state.store())
}

#[derive(Deserialize)]
pub struct DeskQuery {
    #[serde(default)]
    division: Option<String>,
    #[serde(default)]
    queue: Option<String>,
    #[serde(default)]
    after: Option<String>,
    #[serde(default)]
    limit: Option<usize>,
}

/// `GET /api/v1/cases[?division=][&queue=open|mine|review|collective][&after=N][&limit=N]`:
/// the open matters of offices inside the division (the caller's office by default), the
/// overdue first, then by the nearest limit; 100 a page by default.
pub async fn desk(
    State(state): State<AppState>,
    caller: Staff,
    q: std::result::Result<Query<DeskQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let q = query(q)?;
    let division = match q.division.as_deref().filter(|d| !d.is_empty()) {
        Some(d) => DivisionCode::parse(d)?,
        None => caller.actor.office.map_or_else(|| DivisionCode::parse("420000"), Ok)?,
    };
    let queue = Queue::parse(q.queue.as_deref().unwrap_or_default())?;
    let skip: usize = match q.after.as_deref().filter(|a| !a.is_empty()) {
        Some(a) => a.parse().map_err(|_| Error::new(Code::RequestInvalid).with("field", "after").with("reason", a))?,
        None => 0,
    };
    let limit = q.limit.unwrap_or(100).clamp(1, 500);
    let desk = cases(&state).desk(&caller.actor, division, queue, skip, limit, today()).await?;
    let page: Vec<wire::CaseRow> = desk.rows.iter().map(wire::CaseRow::from).collect();
    let next = ((skip + page.len()) as u64) < desk.count(queue);
    let next = next.then(|| (skip + page.len()).to_string());
    Ok(Json(crate::wire::Page { items: page, next }).into_response())
}

/// `POST /api/v1/cases` with a clue: received and numbered (`AJ` + the day + a number).
pub async fn receive(
    State(state): State<AppState>,
    caller: Staff,
    ApiJson(clue): ApiJson<NewClue>,
) -> ApiResult<Response> {
    let s = cases(&state).receive(&caller.actor, clue, chrono::Utc::now()).await?;
    let v = cases(&state).view(s, today()).await?;
    Ok((StatusCode::CREATED, Json(wire::Case::from(v))).into_response())
}

/// `GET /api/v1/cases/{id}`: the matter with its clocks and the steps it allows.
pub async fn get(State(state): State<AppState>, caller: Staff, Path(id): Path<String>) -> ApiResult<Response> {
    let v = cases(&state).get(&caller.actor, &id, today()).await?;
    Ok(Json(wire::Case::from(v)).into_response())
}

/// `POST /api/v1/cases/{id}/steps` `{"step": "file", …}`: one step of the procedure (all but
/// the review opinion, which has its own route for reviewers).
pub async fn step(
    State(state): State<AppState>,
    caller: Staff,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<StepInput>,
) -> ApiResult<Response> {
    if matches!(input, StepInput::Review { .. }) {
        return Err(ApiError(Error::new(Code::RequestInvalid).with("field", "step").with("reason", "review")));
    }
    let v = cases(&state).step(&caller.actor, &id, input, chrono::Utc::now()).await?;
    Ok(Json(wire::Case::from(v)).into_response())
}

#[derive(Deserialize)]
pub struct ReviewBody {
    agreed: bool,
    opinion: String,
}

/// `POST /api/v1/cases/{id}/review` `{agreed, opinion}`: the review opinion (法制审核 or 案件审核),
/// by a reviewer who is not one of the case's officers.
pub async fn review(
    State(state): State<AppState>,
    caller: Staff,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<ReviewBody>,
) -> ApiResult<Response> {
    let input = StepInput::Review { agreed: b.agreed, opinion: b.opinion };
    let v = cases(&state).step(&caller.actor, &id, input, chrono::Utc::now()).await?;
    Ok(Json(wire::Case::from(v)).into_response())
}

/// `POST /api/v1/cases/{id}/proposal` with a penalty's facts: what the discretion benchmark
/// proposes for them, and why.
pub async fn proposal(
    State(state): State<AppState>,
    caller: Staff,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<PenaltyInput>,
) -> ApiResult<Response> {
    let p = cases(&state).proposal(&caller.actor, &id, &input, today()).await?;
    Ok(Json(wire::Proposal::from(p)).into_response())
}

/// The document renderer, made on first use (it finds a CJK font on the system).
pub(crate) async fn renderer(state: &AppState) -> Result<Arc<shijian_documents::Renderer>, Error> {
    state
        .0
        .renderer
        .get_or_try_init(|| async {
            tokio::task::spawn_blocking(shijian_documents::Renderer::from_system)
                .await
                .map_err(|e| Error::new(Code::Internal).with("reason", e))?
                .map(Arc::new)
        })
        .await
        .cloned()
}

/// The public address of a matter's penalty record, where a printed decision's QR code leads:
/// this site as the request reached it.
pub(crate) fn verify_address(state: &AppState, headers: &HeaderMap, id: &str) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?;
    // A host header is the client's word: only a plain host name or address is put on paper.
    if host.is_empty() || !host.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)) {
        return None;
    }
    let scheme = if state.0.config.secure_cookies { "https" } else { "http" };
    Some(format!("{scheme}://{host}/penalties/{id}"))
}

/// Refuses, before any font is looked for, a caller who may not issue the document `kind` on
/// the matter `id`, and a document whose step is not taken.
pub(crate) async fn may_issue(
    state: &AppState,
    actor: &shijian_core::event::Actor,
    id: &str,
    kind: DocumentKind,
) -> Result<(), Error> {
    let v = cases(state).get(actor, id, today()).await?;
    shijian_app::access::authorize(actor, shijian_app::access::Action::HandleCase, Some(v.case.office))?;
    shijian_app::case::document(&v.case, kind, None).map(|_| ())
}

#[derive(Deserialize)]
pub struct IssueBody {
    kind: String,
}

/// `POST /api/v1/cases/{id}/documents` `{kind}`: issues the document (`filing_approval`,
/// `decision`, …) of a step taken: rendered to PDF, kept, and its SHA-256 recorded.
pub async fn issue(
    State(state): State<AppState>,
    caller: Staff,
    headers: HeaderMap,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<IssueBody>,
) -> ApiResult<Response> {
    let kind = DocumentKind::parse(&b.kind)?;
    may_issue(&state, &caller.actor, &id, kind).await?;
    let renderer = renderer(&state).await?;
    let verify = verify_address(&state, &headers, &id);
    let (_, sha256) = cases(&state)
        .issue_document(&caller.actor, &id, kind, &renderer, verify.as_deref(), chrono::Utc::now())
        .await?;
    let s = cases(&state).get(&caller.actor, &id, today()).await?;
    let number = s.case.documents.iter().rev().find(|d| d.sha256 == sha256).and_then(|d| d.number.clone());
    let href = format!("/api/v1/cases/{id}/documents/{sha256}");
    Ok((StatusCode::CREATED, Json(wire::Issued { kind: kind.as_str(), number, sha256, href })).into_response())
}

/// A document's file as a download: `application/pdf`, named by its kind and matter.
pub(crate) fn pdf(kind: DocumentKind, id: &str, bytes: Vec<u8>) -> Response {
    let name = format!("{id}-{}.pdf", kind.as_str());
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response()
}

/// `GET /api/v1/cases/{id}/documents/{sha256}`: a document's PDF as issued.
pub async fn document(
    State(state): State<AppState>,
    caller: Staff,
    Path((id, sha256)): Path<(String, String)>,
) -> ApiResult<Response> {
    let (kind, bytes) = cases(&state).document_file(&caller.actor, &id, &sha256).await?;
    Ok(pdf(kind, &id, bytes))
}

#[derive(Deserialize)]
pub struct PenaltyQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    after: Option<String>,
    #[serde(default)]
    limit: Option<usize>,
}

/// The cursor after a record: its decision day and id.
pub(crate) fn cursor_of(p: &shijian_core::case::procedure::Published) -> String {
    format!("{}~{}", p.decided_on, p.id)
}

/// A cursor as `cursor_of` writes it.
pub(crate) fn parse_cursor(s: &str) -> Result<Option<(String, String)>, Error> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    let bad = || {
        Error::new(Code::RequestInvalid).with("field", "after").with("reason", s.chars().take(40).collect::<String>())
    };
    let (day, id) = s.split_once('~').ok_or_else(bad)?;
    shijian_core::parse_date(day).map_err(|_| bad())?;
    shijian_core::case::check_id(id).map_err(|_| bad())?;
    Ok(Some((day.to_string(), id.to_string())))
}

/// `GET /api/v1/penalties[?q=][&after=][&limit=N]`: penalties public today, by the party's
/// name, the decision's number or the credit code, newest decision first.
pub async fn penalties(
    State(state): State<AppState>,
    _caller: Caller,
    q: std::result::Result<Query<PenaltyQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let q = query(q)?;
    let limit = q.limit.unwrap_or(20).clamp(1, 100);
    let after = parse_cursor(q.after.as_deref().unwrap_or_default())?;
    let found = PublicPenalties { store: state.store() }.search(&q.q, after, limit + 1, today()).await?;
    let more = found.len() > limit;
    let items: Vec<_> = found.into_iter().take(limit).collect();
    let next = if more { items.last().map(cursor_of) } else { None };
    let items = items.into_iter().map(wire::PublicPenalty::from).collect();
    Ok(Json(crate::wire::Page { items, next }).into_response())
}

/// `GET /api/v1/penalties/{id}`: one penalty while it is public; `case_unknown` once its term
/// is over or it was withdrawn.
pub async fn penalty(State(state): State<AppState>, _caller: Caller, Path(id): Path<String>) -> ApiResult<Response> {
    let p = PublicPenalties { store: state.store() }.get(&id, today()).await?;
    Ok(Json(wire::PublicPenalty::from(p)).into_response())
}

/// `GET /api/v1/credit/serious-proposals[?division=]`: the penalties decided inside the
/// division that propose a serious-list entry and are not yet listed (the credit office's).
pub async fn serious_proposals(
    State(state): State<AppState>,
    caller: Staff,
    q: std::result::Result<Query<DeskQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let q = query(q)?;
    let division = match q.division.as_deref().filter(|d| !d.is_empty()) {
        Some(d) => DivisionCode::parse(d)?,
        None => caller.actor.office.map_or_else(|| DivisionCode::parse("420000"), Ok)?,
    };
    let items = shijian_app::credit::Credit::new(state.store()).serious_proposals(&caller.actor, division).await?;
    Ok(Json(crate::wire::Items::of(items, wire::SeriousProposal::from)).into_response())
}

#[derive(Deserialize)]
pub struct ListingBody {
    #[serde(default)]
    upper_level_consent: bool,
}

/// `POST /api/v1/credit/serious-proposals/{id}` `{"upper_level_consent"}`: the credit office
/// lists the party of case `id` as its penalty proposes.
pub async fn list_serious(
    State(state): State<AppState>,
    caller: Staff,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<ListingBody>,
) -> ApiResult<Response> {
    let credit = shijian_app::credit::Credit::new(state.store());
    let appended = credit.list_serious_from_case(&caller.actor, &id, b.upper_level_consent, chrono::Utc::now()).await?;
    Ok(Json(crate::wire::Written { events: vec![crate::wire::EventRef::from(&appended)] }).into_response())
}

/// The routes of this module ([`crate::routes`]).
pub(crate) fn routes() -> Vec<crate::Route> {
    use crate::{Access, route};
    use axum::routing::{get as get_, post};
    use shijian_app::access::Action;
    vec![
        route(
            "GET",
            "/api/v1/cases",
            Access::Action(Action::ReadCase),
            "案件线索与案件（待办，按期限排序）/ open clues and cases, by their nearest limit",
            &[("division", false), ("queue", false), ("after", false), ("limit", false)],
            || get_(desk),
        ),
        route(
            "POST",
            "/api/v1/cases",
            Access::Action(Action::HandleCase),
            "登记案件线索 / receive a clue",
            &[],
            || post(receive),
        ),
        route("GET", "/api/v1/cases/{id}", Access::Action(Action::ReadCase), "案件 / a case", &[], || get_(get)),
        route(
            "POST",
            "/api/v1/cases/{id}/steps",
            Access::Action(Action::HandleCase),
            "案件办理环节 / a step of the procedure",
            &[],
            || post(step),
        ),
        route(
            "POST",
            "/api/v1/cases/{id}/review",
            Access::Action(Action::ReviewCase),
            "法制审核、案件审核意见 / the review opinion",
            &[],
            || post(review),
        ),
        route(
            "POST",
            "/api/v1/cases/{id}/proposal",
            Access::Action(Action::HandleCase),
            "按裁量基准计算处罚建议 / the discretion benchmark's proposal",
            &[],
            || post(proposal),
        ),
        route(
            "POST",
            "/api/v1/cases/{id}/documents",
            Access::Action(Action::HandleCase),
            "制作执法文书（PDF）/ issue a document (PDF)",
            &[],
            || post(issue),
        ),
        route(
            "GET",
            "/api/v1/cases/{id}/documents/{sha256}",
            Access::Action(Action::ReadCase),
            "下载执法文书 / a document's file",
            &[],
            || get_(document),
        ),
        route(
            "GET",
            "/api/v1/credit/serious-proposals",
            Access::Action(Action::CreditRecord),
            "拟列入严重违法失信名单的行政处罚 / penalties proposing a serious-list entry",
            &[("division", false)],
            || get_(serious_proposals),
        ),
        route(
            "POST",
            "/api/v1/credit/serious-proposals/{id}",
            Access::Action(Action::CreditRecord),
            "依行政处罚列入严重违法失信名单 / list the party of a penalty on the serious list",
            &[],
            || post(list_serious),
        ),
        route(
            "GET",
            "/api/v1/penalties",
            Access::Public,
            "行政处罚信息公示查询 / public penalty records",
            &[("q", false), ("after", false), ("limit", false)],
            || get_(penalties),
        ),
        route(
            "GET",
            "/api/v1/penalties/{id}",
            Access::Public,
            "行政处罚信息 / a public penalty record",
            &[],
            || get_(penalty),
        ),
    ]
}
