//! 12315 over HTTP: the public form (no account), tracking and rating by number and tracking
//! code, the API other channels and the handlers use, the ODR enterprise's inbox and answers,
//! and each business's disclosure.

use std::collections::HashMap;

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use serde::Deserialize;
use shijian_app::complaints::{Complaints, disclosure};
use shijian_core::complaint::procedure::{RefusalGround, Step, TerminationGround};
use shijian_core::complaint::{
    Business, Channel, Intake, Kind, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, Party, Vocabulary, categories,
};
use shijian_core::{Code, DivisionCode, Error, Lang};

use crate::AppState;
use crate::api::{ApiResult, query, today};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::{ApiJson, Staff};
use crate::html::{page, switch};
use crate::wire::complaint as wire;

fn complaints(state: &AppState) -> Complaints<'_> {
    Complaints::with_queue(state.store(), state.intake())
}

/// `POST /api/v1/complaints`: a complaint or report (JSON [`Intake`]). The web channel needs no
/// account; hotline, platform and counter entries need a handler's token. The attachments it
/// lists are kept from here on ([`Uploads`]).
pub async fn file(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(intake): ApiJson<Intake>,
) -> ApiResult<Response> {
    // A complaint that cannot be taken keeps none of its attachments.
    intake.check()?;
    let mut kept = Vec::new();
    for a in &intake.attachments {
        let hash = shijian_core::inspection::parse_hex32("attachments", a.trim())?;
        if let Some(bytes) = state.uploads().get(&hash) {
            state.store().put_artifact(bytes.to_vec()).await?;
            kept.push(hash);
        }
    }
    match complaints(&state).file(&caller.actor, intake, chrono::Utc::now()).await {
        Ok(filed) => {
            for hash in kept {
                state.uploads().remove(&hash);
            }
            Ok((StatusCode::CREATED, Json(wire::Filed::from(filed))).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /api/v1/complaints/attachments`: an attachment (the file as the body: JPEG, PNG or
/// PDF, ≤ 8 MiB), named by its SHA-256, which the intake then lists. It is held until a
/// complaint lists it, for an hour at most, and a client may have at most
/// [`UPLOAD_BYTES_PER_CLIENT`] waiting ([`Uploads`]).
pub async fn attach(State(state): State<AppState>, caller: Caller, bytes: axum::body::Bytes) -> ApiResult<Response> {
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(ApiError(Error::new(Code::ComplaintAttachment).with("reason", format!("{} bytes", bytes.len()))));
    }
    let Some(kind) = shijian_app::complaints::attachment_type(&bytes) else {
        return Err(ApiError(Error::new(Code::ComplaintAttachment).with("reason", "type")));
    };
    let who = match &caller.account {
        Some(a) => format!("account:{}", a.username),
        None => format!("client:{}", caller.client.as_deref().unwrap_or("-")),
    };
    let hash = state.uploads().stage(who, bytes)?;
    let hex = shijian_core::inspection::hex(&hash);
    Ok((StatusCode::CREATED, Json(wire::Attachment { sha256: hex, media_type: kind })).into_response())
}

/// How long an attachment waits for a complaint to list it.
pub const UPLOAD_TTL: std::time::Duration = std::time::Duration::from_secs(3600);
/// What one client (an address, or an account) may have waiting: three files of the largest size.
pub const UPLOAD_BYTES_PER_CLIENT: usize = 3 * MAX_ATTACHMENT_BYTES;
/// What all clients together may have waiting.
pub const UPLOAD_BYTES_TOTAL: usize = 256 << 20;

/// Attachments uploaded that no complaint lists yet: held in memory, not stored, so that
/// files nobody refers to are not kept for good (they are forgotten after [`UPLOAD_TTL`], or
/// when the server restarts). Bounded per client and in all.
#[derive(Default)]
pub struct Uploads(std::sync::Mutex<Staged>);

#[derive(Default)]
struct Staged {
    files: HashMap<[u8; 32], Upload>,
    total: usize,
}

struct Upload {
    bytes: axum::body::Bytes,
    who: String,
    at: std::time::Instant,
}

impl Uploads {
    fn staged(&self) -> std::sync::MutexGuard<'_, Staged> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Holds `bytes` for `who`; refused when `who` or everyone has too much waiting.
    pub fn stage(&self, who: String, bytes: axum::body::Bytes) -> Result<[u8; 32], Error> {
        use sha2::Digest;
        let hash: [u8; 32] = sha2::Sha256::digest(&bytes).into();
        let mut s = self.staged();
        let now = std::time::Instant::now();
        let expired: Vec<[u8; 32]> =
            s.files.iter().filter(|(_, u)| now.duration_since(u.at) > UPLOAD_TTL).map(|(h, _)| *h).collect();
        for h in expired {
            if let Some(u) = s.files.remove(&h) {
                s.total -= u.bytes.len();
            }
        }
        if s.files.contains_key(&hash) {
            return Ok(hash);
        }
        let mine: usize = s.files.values().filter(|u| u.who == who).map(|u| u.bytes.len()).sum();
        if mine + bytes.len() > UPLOAD_BYTES_PER_CLIENT {
            return Err(Error::new(Code::ComplaintAttachment).with(
                "reason",
                format!(
                    "待提交的附件合计不超过{} MiB / at most {} MiB of attachments waiting for a complaint",
                    UPLOAD_BYTES_PER_CLIENT >> 20,
                    UPLOAD_BYTES_PER_CLIENT >> 20
                ),
            ));
        }
        if s.total + bytes.len() > UPLOAD_BYTES_TOTAL {
            return Err(Error::new(Code::TooBusy).with("retry_after", 60));
        }
        s.total += bytes.len();
        s.files.insert(hash, Upload { bytes, who, at: now });
        Ok(hash)
    }

    fn get(&self, hash: &[u8; 32]) -> Option<axum::body::Bytes> {
        self.staged().files.get(hash).map(|u| u.bytes.clone())
    }

    fn remove(&self, hash: &[u8; 32]) {
        let mut s = self.staged();
        if let Some(u) = s.files.remove(hash) {
            s.total -= u.bytes.len();
        }
    }
}

#[derive(Deserialize)]
pub struct TrackBody {
    #[serde(default)]
    id: String,
    code: String,
    #[serde(default)]
    score: Option<u8>,
    #[serde(default)]
    reason: Option<String>,
}

/// `POST /api/v1/complaints/track` `{id, code}`: where a complaint stands, for its complainant.
pub async fn track(State(state): State<AppState>, ApiJson(b): ApiJson<TrackBody>) -> ApiResult<Response> {
    Ok(Json(wire::Tracked::from(complaints(&state).track(&b.id, &b.code).await?)).into_response())
}

/// `POST /api/v1/complaints/{id}/rating` `{code, score}`: the complainant's rating (1–5).
pub async fn rate(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<TrackBody>,
) -> ApiResult<Response> {
    let score =
        b.score.ok_or_else(|| Error::new(Code::ComplaintField).with("field", "score").with("reason", "required"))?;
    complaints(&state).rate(&id, &b.code, score, chrono::Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /api/v1/complaints/{id}/escalation` `{code, reason}`: the complainant sends an ODR
/// settlement they do not accept on to the office.
pub async fn escalate(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<TrackBody>,
) -> ApiResult<Response> {
    complaints(&state).escalate(&id, &b.code, b.reason.as_deref().unwrap_or(""), chrono::Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Deserialize)]
pub struct DivisionQuery {
    division: Option<String>,
}

/// `GET /api/v1/complaints/worklist?division=…`: the open work with its deadline timers.
pub async fn worklist(
    State(state): State<AppState>,
    caller: Staff,
    q: std::result::Result<Query<DivisionQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let q = query(q)?;
    let division = match q.division.as_deref().filter(|d| !d.is_empty()) {
        Some(d) => DivisionCode::parse(d)?,
        None => shijian_app::access::office(&caller.actor, shijian_app::access::Action::HandleComplaint)?,
    };
    match complaints(&state).worklist(&caller.actor, division, today()).await {
        Ok(items) => Ok(crate::wire::sorted(crate::wire::Items::of(items, wire::WorkItem::from))),
        Err(e) => Err(e.into()),
    }
}

/// `GET /api/v1/complaints/{id}`: the complaint with its deadlines (handlers of its office).
pub async fn get_one(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<Response> {
    caller.signed_in()?;
    let me = complaints(&state);
    match me.get(&caller.actor, &id).await {
        Ok(s) => Ok(Json(wire::WorkItem::from(me.item(s, today()).await?)).into_response()),
        Err(e) => Err(e.into()),
    }
}

/// `GET /api/v1/complaints/{id}/matches`: the registered businesses the complainant may mean.
pub async fn matches(State(state): State<AppState>, caller: Staff, Path(id): Path<String>) -> ApiResult<Response> {
    match complaints(&state).matches(&caller.actor, &id, 10).await {
        Ok(found) => {
            let candidates = found.into_iter().map(wire::Candidate::from).collect();
            Ok(crate::wire::sorted(wire::Matches { candidates }))
        }
        Err(e) => Err(e.into()),
    }
}

/// A step of the procedure, as the API and the workbench's form send it.
#[derive(Deserialize)]
pub struct StepBody {
    /// An unknown step is refused when the body is read (`request_invalid`, naming the steps).
    pub step: Step,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub ground: String,
    #[serde(default)]
    pub office: String,
    #[serde(default)]
    pub entity: String,
    #[serde(default)]
    pub score: Option<u32>,
    #[serde(default)]
    pub agreement: String,
    #[serde(default)]
    pub recovered: String,
    #[serde(default)]
    pub filed: Option<bool>,
}

/// Runs one step for `actor`.
pub(crate) async fn run_step(
    me: &Complaints<'_>,
    actor: &shijian_core::event::Actor,
    id: &str,
    b: &StepBody,
) -> shijian_core::Result<shijian_core::complaint::ComplaintState> {
    let at = chrono::Utc::now();
    let unknown = || Error::new(Code::ComplaintField).with("field", "step").with("reason", b.step.as_str());
    match b.step {
        Step::ConfirmEntity => me.confirm_entity(actor, id, &b.entity, b.score, Vec::new(), at).await,
        Step::Transfer => me.transfer(actor, id, DivisionCode::parse(&b.office)?, &b.reason, at).await,
        Step::Dispute => me.dispute(actor, id, &b.reason, at).await,
        Step::Designate => me.designate(actor, id, DivisionCode::parse(&b.office)?, at).await,
        Step::Accept => me.accept(actor, id, at).await,
        Step::Refuse => me.refuse(actor, id, RefusalGround::parse(&b.ground)?, &b.reason, at).await,
        Step::TestingStarted => me.testing(actor, id, true, at).await,
        Step::TestingEnded => me.testing(actor, id, false, at).await,
        Step::Mediated => {
            let recovered = Some(b.recovered.as_str()).filter(|r| !r.trim().is_empty());
            me.mediate(actor, id, &b.agreement, recovered, at).await
        }
        Step::Terminate => me.terminate(actor, id, TerminationGround::parse(&b.ground)?, &b.reason, at).await,
        Step::Notified => me.notify(actor, id, at).await,
        Step::Extend => me.extend(actor, id, &b.reason, at).await,
        Step::DecideFiling => me.decide_filing(actor, id, b.filed.ok_or_else(unknown)?, &b.reason, at).await,
    }
}

/// `POST /api/v1/complaints/{id}/steps` `{step, …}`: accept, refuse, transfer, mediate…
pub async fn step(
    State(state): State<AppState>,
    caller: Staff,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<StepBody>,
) -> ApiResult<Response> {
    let me = complaints(&state);
    match run_step(&me, &caller.actor, &id, &b).await {
        Ok(s) => Ok(Json(wire::WorkItem::from(me.item(s, today()).await?)).into_response()),
        Err(e) => Err(e.into()),
    }
}

/// `GET /api/v1/entities/{uscc}/complaints`: the public disclosure for a business.
pub async fn disclosure(State(state): State<AppState>, Path(uscc): Path<String>) -> ApiResult<Response> {
    let code = shijian_core::Uscc::parse(&uscc)?;
    if state.store().entity(code.as_str()).await?.is_none() {
        return Err(ApiError(Error::new(Code::RegistryUnknownEntity).with("uscc", code.as_str())));
    }
    let disclosure = disclosure::disclosure(state.store(), code.as_str(), today()).await?;
    Ok(Json(wire::Disclosure::from(disclosure)).into_response())
}

/// `POST /api/v1/odr/{uscc}` `{"join": bool}`: the enterprise joins or leaves the ODR scheme
/// (itself, or the office for it).
pub async fn odr_membership(
    State(state): State<AppState>,
    caller: Caller,
    Path(uscc): Path<String>,
    ApiJson(b): ApiJson<HashMap<String, bool>>,
) -> ApiResult<Response> {
    caller.signed_in()?;
    let me = complaints(&state);
    let at = chrono::Utc::now();
    let r = if b.get("join").copied().unwrap_or(true) {
        me.odr_join(&caller.actor, &uscc, at).await
    } else {
        me.odr_leave(&caller.actor, &uscc, at).await
    };
    match r {
        Ok(()) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(e) => Err(e.into()),
    }
}

/// `GET /api/v1/odr/{uscc}/complaints`: the complaints the ODR enterprise received.
pub async fn odr_inbox(State(state): State<AppState>, caller: Caller, Path(uscc): Path<String>) -> ApiResult<Response> {
    caller.signed_in()?;
    match complaints(&state).odr_inbox(&caller.actor, &uscc, today()).await {
        Ok(items) => Ok(crate::wire::sorted(crate::wire::Items::of(items, wire::WorkItem::from))),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct OdrAnswerBody {
    settled: bool,
    #[serde(default)]
    method: String,
    answer: String,
}

/// `POST /api/v1/complaints/{id}/odr-answer` `{settled, method, answer}`: the ODR enterprise
/// answers a complaint it received.
pub async fn odr_answer(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<OdrAnswerBody>,
) -> ApiResult<Response> {
    caller.signed_in()?;
    let me = complaints(&state);
    match me.odr_answer(&caller.actor, &id, b.settled, &b.method, &b.answer, chrono::Utc::now()).await {
        Ok(s) => Ok(Json(wire::WorkItem::from(me.item(s, today()).await?)).into_response()),
        Err(e) => Err(e.into()),
    }
}

// ----- the public pages -----

/// A category as the form's options show it.
pub struct Choice {
    pub code: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "complaint_form.html")]
struct FormPage {
    en: bool,
    switch: String,
    subjects: Vec<Choice>,
    problems: Vec<Choice>,
    /// The county-level units under their prefecture's name, a group each.
    places: Vec<(String, Vec<Choice>)>,
    /// What was typed, shown again after a refusal (empty at first).
    values: ComplaintForm,
    error: Option<String>,
    /// The attachments' limits, for the page's script and its words.
    max_files: usize,
    max_bytes: usize,
}

/// The fields of the public 12315 form. What the page itself fills in is typed, and a value it
/// never sends is refused, naming the field: the kind, the day the complainant learned of the
/// harm (a date input), the two checkboxes. What the complainant types stays text as typed: the
/// intake's own checks ([`Intake::check`]) refuse it with their messages, and the form is shown
/// again with it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ComplaintForm {
    /// 投诉 or 举报; a complaint when the field is missing.
    kind: Option<Kind>,
    name: String,
    phone: String,
    address: String,
    business_name: String,
    business_code: String,
    business_address: String,
    /// The county where the business is, a division code from the list.
    place: String,
    category: String,
    problem: String,
    amount: String,
    #[serde(deserialize_with = "serde_html_form::de::empty_as_none")]
    occurred_on: Option<chrono::NaiveDate>,
    facts: String,
    request: String,
    /// A checkbox: the facts may be published with the personal data removed.
    consent: Option<String>,
    /// A checkbox: straight to the office, not to the business's ODR first.
    direct: Option<String>,
}

impl ComplaintForm {
    /// Whether the form is a report (举报) rather than a complaint.
    fn report(&self) -> bool {
        self.kind == Some(Kind::Report)
    }

    /// Whether the box "the facts may be published" is ticked (a ticked box sends `on`; a field
    /// sent empty is not a tick).
    fn consents(&self) -> bool {
        self.consent.as_deref().is_some_and(|v| !v.trim().is_empty())
    }

    /// Whether the box "straight to the office" is ticked.
    fn direct(&self) -> bool {
        self.direct.as_deref().is_some_and(|v| !v.trim().is_empty())
    }

    /// The day as the date input shows it, or empty.
    fn occurred_on_text(&self) -> String {
        self.occurred_on.map(|d| d.to_string()).unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "complaint_receipt.html")]
struct ReceiptPage {
    en: bool,
    switch: String,
    id: String,
    tracking_code: String,
    office: String,
    status: String,
    odr: bool,
    due: String,
    /// How many attachments came with the form.
    attachments: usize,
}

#[derive(Template)]
#[template(path = "complaint_track.html")]
struct TrackPage {
    en: bool,
    switch: String,
    id: String,
    code: String,
    tracked: Option<shijian_app::complaints::Tracked>,
    /// The steps of the procedure, done, under way and to come.
    timeline: Vec<TimelineStep>,
    /// The handling office by its name (武汉市洪山区市场监督管理局).
    office: String,
    error: Option<String>,
    notice: Option<String>,
    /// Each field's error (the number, the code, the rating, the reason), beside it.
    errors: crate::form::FieldErrors,
    /// The reason typed into the escalation form, kept after a refusal.
    reason: String,
}

impl TrackPage {
    /// The error beside `field`, if any.
    fn err(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }
}

/// One step of a complaint's way, as the tracking page shows it.
pub(crate) struct TimelineStep {
    title: String,
    /// The day it was done (empty while it is not).
    date: String,
    /// `done`, `current` or `todo`.
    state: &'static str,
    /// For the step under way: what is due by when and under which rule.
    note: String,
}

/// The steps of `k` in the order the procedure takes them (市场监督管理投诉举报处理暂行办法;
/// reports: 市场监督管理行政处罚程序规定), each with its day, and the step under way with its
/// legal deadline in words.
fn timeline(k: &shijian_app::complaints::Tracked, en: bool) -> Vec<TimelineStep> {
    use shijian_core::complaint::procedure::Status as S;
    let l = |zh: &str, english: &str| if en { english.to_string() } else { zh.to_string() };
    let by = |due: Option<chrono::NaiveDate>, zh: &str, english: &str| -> String {
        let provisional = if k.due_provisional { crate::text::T::new(en).get("deadline.provisional") } else { "" };
        match due {
            Some(d) if en => format!("Due by {d}{provisional}: {english}."),
            Some(d) => format!("应于{d}{provisional}前办理：{zh}。"),
            None if en => format!("{english}."),
            None => format!("{zh}。"),
        }
    };
    let done = |title: String, date: Option<chrono::NaiveDate>| TimelineStep {
        title,
        date: date.map(|d| d.to_string()).unwrap_or_default(),
        state: "done",
        note: String::new(),
    };
    let current = |title: String, note: String| TimelineStep { title, date: String::new(), state: "current", note };
    let todo = |title: String| TimelineStep { title, date: String::new(), state: "todo", note: String::new() };
    let status = if en { k.status_en } else { k.status_zh };
    let mut out = Vec::new();
    if k.kind == Kind::Report {
        out.push(done(l("提交举报", "Report received"), Some(k.received_on)));
        let title = l("核查并决定是否立案", "Checked, and a decision whether to open a case");
        out.push(match k.status {
            S::Received => current(
                title,
                by(
                    k.verify_due,
                    "自收到举报之日起15个工作日内核查并决定是否立案，特殊情况可延长15个工作日（《市场监督管理行政处罚程序规定》第十八条）",
                    "the office checks the report and decides whether to open a case within 15 workdays of receiving it, 15 more in special cases (Provisions on Administrative Penalty Procedures, art. 18)",
                ),
            ),
            S::Disputed => current(title, l("有关部门正在协商管辖。", "The offices are settling which of them handles it.")),
            _ => done(format!("{title} · {status}"), k.closed_on),
        });
        return out;
    }
    out.push(done(l("提交投诉", "Complaint received"), Some(k.received_on)));
    if k.odr {
        let title = l("经营者在线处理（ODR）", "The business's own answer (online dispute resolution)");
        out.push(if let Some(on) = k.odr_answered_on {
            done(title, Some(on))
        } else if k.status == S::Odr {
            current(
                title,
                by(
                    k.odr_due,
                    "经营者应自收到投诉之日起10个工作日内与您协商处理（12315平台在线消费纠纷解决规则）",
                    "the business answers within 10 workdays of receiving the complaint (12315 online dispute resolution rules)",
                ),
            )
        } else {
            done(title, None)
        });
        if let Some(on) = k.escalated_on {
            out.push(done(l("转交市场监管部门", "Sent on to the office"), Some(on)));
        }
    }
    if k.status == S::SettledOdr {
        out.push(done(format!("{} · {status}", l("办结", "Closed")), k.closed_on));
    } else {
        let title = l("市场监管部门决定是否受理", "The office decides whether to accept it");
        out.push(match k.status {
            S::Odr => todo(title),
            S::Received => current(
                title,
                by(
                    k.accept_due,
                    "市场监管部门应自收到投诉之日起7个工作日内决定是否受理（《市场监督管理投诉举报处理暂行办法》第十四条）",
                    "the office decides whether to accept the complaint within 7 workdays of receiving it (Interim Measures on Complaints and Reports, art. 14)",
                ),
            ),
            S::Disputed => current(title, l("有关部门正在协商管辖。", "The offices are settling which of them handles it.")),
            S::Refused => done(format!("{title} · {status}"), k.closed_on),
            _ => done(format!("{title} · {}", l("已受理", "accepted")), k.accepted_on),
        });
        if k.status != S::Refused {
            let title = l("调解", "Mediation");
            out.push(match k.status {
                S::Mediating => current(
                    title,
                    by(
                        k.mediation_due,
                        "自受理之日起45个工作日内调解完毕，检测、鉴定期间不计算在内（《市场监督管理投诉举报处理暂行办法》第二十条、第二十一条）",
                        "mediation ends within 45 workdays of acceptance, time for testing not counted (Interim Measures on Complaints and Reports, arts. 20 and 21)",
                    ),
                ),
                S::Mediated | S::Terminated => done(format!("{title} · {status}"), k.closed_on),
                _ => todo(title),
            });
        }
    }
    let title = l("评价处理结果", "Rate how it was handled");
    out.push(match k.rating {
        Some(r) => TimelineStep { title, date: String::new(), state: "done", note: format!("{r} / 5") },
        None if k.can_rate => current(title, l("请在下方为处理结果评价。", "Please rate it below.")),
        None => todo(title),
    });
    out
}

#[derive(Deserialize, Default)]
pub struct LangQuery {
    lang: Option<String>,
}

fn lang_of(q: &std::result::Result<Query<LangQuery>, QueryRejection>) -> bool {
    q.as_ref().ok().and_then(|Query(q)| q.lang.as_deref()).is_some_and(|l| l.starts_with("en"))
}

fn choices(vocabulary: Vocabulary, en: bool) -> Vec<Choice> {
    categories::all()
        .iter()
        .filter(|c| c.vocabulary == vocabulary)
        .map(|c| Choice { code: c.code.clone(), label: if en { c.en.clone() } else { c.zh.clone() } })
        .collect()
}

/// Every county-level unit of the province, grouped under its prefecture (武汉市: 洪山区, …); a
/// prefecture-level unit with none below it (仙桃市) is its own group's one place.
fn places() -> Vec<(String, Vec<Choice>)> {
    let province = DivisionCode::parse("420000").expect("Hubei");
    let mut out = Vec::new();
    for prefecture in province.children() {
        let counties = prefecture.children();
        let choices = if counties.is_empty() {
            vec![Choice { code: prefecture.to_string(), label: prefecture.name().to_string() }]
        } else {
            counties.into_iter().map(|c| Choice { code: c.to_string(), label: c.name().to_string() }).collect()
        };
        out.push((prefecture.name().to_string(), choices));
    }
    out
}

fn form_page(en: bool, uri: &Uri, values: ComplaintForm, error: Option<String>) -> Response {
    page(&FormPage {
        en,
        switch: switch(uri, en),
        subjects: choices(Vocabulary::Subject, en),
        problems: choices(Vocabulary::Problem, en),
        places: places(),
        values,
        error,
        max_files: MAX_ATTACHMENTS,
        max_bytes: MAX_ATTACHMENT_BYTES,
    })
}

/// `GET /12315`: the public form for a complaint or a report.
pub async fn form(uri: Uri, q: std::result::Result<Query<LangQuery>, QueryRejection>) -> Response {
    form_page(lang_of(&q), &uri, ComplaintForm::default(), None)
}

fn intake_of(f: &ComplaintForm) -> shijian_core::Result<Intake> {
    let text = |v: &str| v.trim().to_string();
    let given = |v: &str| Some(text(v)).filter(|v| !v.is_empty());
    Ok(Intake {
        kind: f.kind.unwrap_or(Kind::Complaint),
        channel: Channel::Web,
        party: Party { name: given(&f.name), phone: given(&f.phone), address: given(&f.address) },
        business: Business {
            name: text(&f.business_name),
            code: given(&f.business_code).map(|c| c.to_uppercase()),
            address: given(&f.business_address),
        },
        place: DivisionCode::parse(f.place.trim())
            .map_err(|_| Error::new(Code::ComplaintField).with("field", "place").with("reason", "required"))?,
        category: text(&f.category),
        problem: text(&f.problem),
        amount: given(&f.amount),
        occurred_on: f.occurred_on,
        facts: text(&f.facts),
        request: text(&f.request),
        attachments: Vec::new(),
        consent_to_publish: f.consents(),
        odr: !f.direct(),
    })
}

/// The largest body of the 12315 form: its text and [`MAX_ATTACHMENTS`] attachments.
pub(crate) const FORM_BYTES: usize = MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + (1 << 20);

/// The form's fields and its attachments (`multipart/form-data`, the files under `attachments`,
/// as the page sends them; or `application/x-www-form-urlencoded`, without files). Either way
/// the fields are read as a urlencoded form is ([`crate::extract::form_fields`]: a field that
/// does not fit is `request_invalid`, naming it).
async fn form_of(state: &AppState, request: Request) -> Result<(ComplaintForm, Vec<Vec<u8>>), Error> {
    let content_type =
        request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let bad = |e: &dyn std::fmt::Display| {
        Error::new(Code::ComplaintField).with("field", "form").with("reason", e.to_string())
    };
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let bytes = axum::body::Bytes::from_request(request, state).await.map_err(|e| bad(&e))?;
        return Ok((crate::extract::form_fields(&bytes)?, Vec::new()));
    }
    if !content_type.starts_with("multipart/form-data") {
        return Err(bad(&"multipart/form-data or application/x-www-form-urlencoded"));
    }
    let mut m = Multipart::from_request(request, state).await.map_err(|e| bad(&e))?;
    let (mut fields, mut files) = (Vec::new(), Vec::new());
    while let Some(field) = m.next_field().await.map_err(|e| bad(&e))? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "attachments" {
            let bytes = field.bytes().await.map_err(|e| bad(&e))?;
            // A file input left empty still sends a part, with no file in it.
            if !bytes.is_empty() {
                files.push(bytes.to_vec());
            }
        } else {
            let text = field.text().await.map_err(|e| bad(&e))?;
            fields.push((name, text));
        }
    }
    // The text parts, encoded as the urlencoded form would carry them, so that both encodings
    // are read by one parser with one set of rules.
    let encoded = serde_html_form::to_string(&fields).map_err(|e| bad(&e))?;
    Ok((crate::extract::form_fields(encoded.as_bytes())?, files))
}

/// Files a complaint typed into the form, with its attachments: each is checked (size, type)
/// and the whole intake before any file is stored, so a refused form stores nothing.
async fn file_form(
    state: &AppState,
    caller: &Caller,
    f: &ComplaintForm,
    files: Vec<Vec<u8>>,
) -> shijian_core::Result<shijian_app::complaints::Filed> {
    let mut intake = intake_of(f)?;
    for bytes in &files {
        if bytes.len() > MAX_ATTACHMENT_BYTES {
            return Err(Error::new(Code::ComplaintAttachment).with("reason", format!("{} bytes", bytes.len())));
        }
        if shijian_app::complaints::attachment_type(bytes).is_none() {
            return Err(Error::new(Code::ComplaintAttachment).with("reason", "type"));
        }
        let hash: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(bytes).into();
        intake.attachments.push(shijian_core::inspection::hex(&hash));
    }
    intake.check()?;
    for bytes in files {
        state.store().put_artifact(bytes).await?;
    }
    complaints(state).file(&caller.actor, intake, chrono::Utc::now()).await
}

/// `POST /12315`: files the form, with up to [`MAX_ATTACHMENTS`] attachments (JPEG, PNG or PDF,
/// each ≤ 8 MiB); shows the number and the tracking code once, or the form again with what was
/// typed and the error (files must be chosen again).
pub async fn submit(
    State(state): State<AppState>,
    caller: Caller,
    uri: Uri,
    q: std::result::Result<Query<LangQuery>, QueryRejection>,
    request: Request,
) -> Response {
    let en = lang_of(&q);
    let lang = if en { Lang::En } else { Lang::Zh };
    let (f, files) = match form_of(&state, request).await {
        Ok(form) => form,
        Err(e) => {
            let mut r = form_page(en, &uri, ComplaintForm::default(), Some(e.message(lang)));
            *r.status_mut() = crate::error::status_of(&e);
            return r;
        }
    };
    let attachments = files.len();
    match file_form(&state, &caller, &f, files).await {
        Ok(filed) => page(&ReceiptPage {
            attachments,
            en,
            switch: switch(&uri, en),
            id: filed.id,
            tracking_code: filed.tracking_code,
            office: filed.office_name,
            status: if en { filed.status.en() } else { filed.status.zh() }.to_string(),
            odr: filed.odr.is_some(),
            due: filed.due.map(|d| crate::html::due_text(d, filed.due_provisional, en)).unwrap_or_default(),
        }),
        Err(e) => {
            let mut r = form_page(en, &uri, f, Some(crate::form::labelled(&e, FORM_FIELDS, en)));
            *r.status_mut() = crate::error::status_of(&e);
            r
        }
    }
}

/// The intake's fields by the labels of the public form, for its errors.
const FORM_FIELDS: &[(&str, &str)] = &[
    ("party.name", "complaint_form.name"),
    ("party.phone", "complaint_form.telephone"),
    ("party.address", "complaint_form.postal_address"),
    ("business.name", "complaint_form.name_as_you_know_it"),
    ("business.code", "complaint_form.credit_code_if_you_know"),
    ("business.address", "complaint_form.where_it_is"),
    ("place", "complaint_form.county_or_district"),
    ("category", "complaint_form.goods_or_service"),
    ("problem", "complaint_form.problem"),
    ("amount", "complaint_form.amount_in_dispute_yuan"),
    ("occurred_on", "complaint_form.when_you_learned_of_the"),
    ("facts", "complaint_form.what_happened_2"),
    ("request", "complaint_form.what_you_ask_for_complaints"),
    ("attachments", "complaint_form.attachments_photographs_receipts_jpeg_png"),
];

/// `GET /12315/track`: the tracking form.
pub async fn track_page(uri: Uri, q: std::result::Result<Query<LangQuery>, QueryRejection>) -> Response {
    let en = lang_of(&q);
    page(&TrackPage {
        en,
        switch: switch(&uri, en),
        id: String::new(),
        code: String::new(),
        tracked: None,
        timeline: Vec::new(),
        office: String::new(),
        error: None,
        notice: None,
        errors: crate::form::FieldErrors::default(),
        reason: String::new(),
    })
}

/// The fields of the tracking form: the complaint's number and tracking code, and optionally
/// an `action` (`rate` with a `score`, `escalate` with a `reason`; anything else only looks the
/// complaint up).
#[derive(Deserialize)]
pub struct TrackForm {
    #[serde(default)]
    id: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    score: String,
    #[serde(default)]
    reason: String,
}

/// `POST /12315/track`: where the complaint stands; with `action=rate` or `action=escalate`, the
/// complainant's rating or their refusal of an ODR settlement first.
pub async fn track_submit(
    State(state): State<AppState>,
    uri: Uri,
    q: std::result::Result<Query<LangQuery>, QueryRejection>,
    Form(f): Form<TrackForm>,
) -> Response {
    let en = lang_of(&q);
    let lang = if en { Lang::En } else { Lang::Zh };
    let t = crate::text::T::new(en);
    let (id, code) = (f.id.trim().to_string(), f.code.trim().to_string());
    let me = complaints(&state);
    let at = chrono::Utc::now();
    let mut notice = None;
    let mut error = None;
    let mut errors = crate::form::FieldErrors::default();
    // What is missing is said beside each field at once, before anything is looked up.
    if id.is_empty() {
        errors.add("id", t.get("form.required"));
    }
    if code.is_empty() {
        errors.add("code", t.get("form.required"));
    }
    if f.action.trim() == "escalate" && f.reason.trim().is_empty() {
        errors.add("reason", t.get("form.required"));
    }
    // A number and a code that do not match: the code is what is said to be checked, beside it
    // (which of the two is wrong is not told, so that numbers cannot be probed).
    let no_match = |errors: &mut crate::form::FieldErrors| errors.add("code", t.get("complaint_track.no_match"));
    let done = match f.action.trim() {
        _ if !errors.is_empty() => Ok(None),
        "rate" => match f.score.trim().parse::<u8>() {
            Ok(score) => me
                .rate(&id, &code, score, at)
                .await
                .map(|()| Some((if en { "Thank you for rating." } else { "感谢您的评价。" }).to_string())),
            Err(_) => Err(Error::new(Code::ComplaintField).with("field", "score").with("reason", "1-5")),
        },
        "escalate" => me
            .escalate(&id, &code, f.reason.trim(), at)
            .await
            .map(|()| Some((if en { "Sent on to the office." } else { "已转交市场监管部门处理。" }).to_string())),
        _ => Ok(None),
    };
    match done {
        Ok(n) => notice = n,
        Err(e) if e.code() == Code::ComplaintTracking => no_match(&mut errors),
        Err(e) => {
            if !errors.place(&e, &[("score", "score"), ("reason", "reason")], en) {
                error = Some(e.message(lang));
            }
        }
    }
    let tracked = match errors.get("id").or(errors.get("code")) {
        Some(_) => None,
        None => match me.track(&id, &code).await {
            Ok(t) => Some(t),
            Err(e) if e.code() == Code::ComplaintTracking => {
                no_match(&mut errors);
                None
            }
            Err(e) => {
                error = error.or(Some(e.message(lang)));
                None
            }
        },
    };
    if !errors.is_empty() && error.is_none() {
        error = Some(crate::form::summary(&errors, en));
    }
    let status = match (&tracked, errors.is_empty()) {
        (Some(_), true) => StatusCode::OK,
        (Some(_), false) => StatusCode::BAD_REQUEST,
        (None, _) if errors.get("id").is_some() || errors.get("code") == Some(t.get("form.required")) => {
            StatusCode::BAD_REQUEST
        }
        (None, _) => StatusCode::NOT_FOUND,
    };
    let timeline = tracked.as_ref().map(|k| timeline(k, en)).unwrap_or_default();
    let office = tracked.as_ref().map(|k| crate::html::authority_name(k.office, en)).unwrap_or_default();
    let reason = f.reason.clone();
    let mut r = page(&TrackPage {
        en,
        switch: switch(&uri, en),
        id,
        code,
        tracked,
        timeline,
        office,
        error,
        notice,
        errors,
        reason,
    });
    *r.status_mut() = status;
    r
}

// ----- analysis, case clues, narratives and consumer warnings -----

#[derive(Deserialize)]
pub struct ScopeQuery {
    #[serde(default)]
    division: Option<String>,
    #[serde(default)]
    all: Option<String>,
}

/// The division asked for, or the caller's office.
fn scope(q: &ScopeQuery, caller: &Caller) -> shijian_core::Result<DivisionCode> {
    match q.division.as_deref().filter(|d| !d.is_empty()) {
        Some(d) => DivisionCode::parse(d),
        None => caller.actor.office.map_or_else(|| DivisionCode::parse("420000"), Ok),
    }
}

/// `GET /api/v1/complaints/analysis[?division=]`: trends, unusual rises and draft warnings.
pub async fn analysis(
    State(state): State<AppState>,
    caller: Staff,
    q: std::result::Result<Query<ScopeQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let q = query(q)?;
    let division = scope(&q, &caller)?;
    if let Err(e) =
        shijian_app::access::authorize(&caller.actor, shijian_app::access::Action::AnalyseComplaints, Some(division))
    {
        return Err(e.into());
    }
    Ok(Json(wire::Analysis::from(&*state.analysis(division, today()).await?)).into_response())
}

/// `GET /api/v1/complaints/clues[?division=][&all=1]`: case clues (诉转案) with their check's
/// due day; open ones unless `all`.
pub async fn clues(
    State(state): State<AppState>,
    caller: Staff,
    q: std::result::Result<Query<ScopeQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let q = query(q)?;
    let division = scope(&q, &caller)?;
    match complaints(&state).clues(&caller.actor, division, q.all.is_none(), today()).await {
        Ok(items) => Ok(crate::wire::sorted(crate::wire::Items::of(items, wire::ClueRow::from))),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct DecisionBody {
    filed: bool,
    reason: String,
}

/// `POST /api/v1/complaints/clues/{id}/decision` `{filed, reason}`: the clue's check.
pub async fn clue_decision(
    State(state): State<AppState>,
    caller: Staff,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<DecisionBody>,
) -> ApiResult<Response> {
    match complaints(&state).decide_clue(&caller.actor, &id, b.filed, &b.reason, chrono::Utc::now()).await {
        Ok(clue) => Ok(Json(wire::Clue::from(clue)).into_response()),
        Err(e) => Err(e.into()),
    }
}

/// `GET /api/v1/complaints/{id}/narrative`: the draft of a narrative, personal data masked.
pub async fn narrative_draft(
    State(state): State<AppState>,
    caller: Staff,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    match complaints(&state).narrative_draft(&caller.actor, &id).await {
        Ok(d) => Ok(Json(wire::DraftNarrative::from(d)).into_response()),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct NarrativeBody {
    text: String,
}

/// `POST /api/v1/complaints/{id}/narrative` `{text}`: publishes the narrative (public).
pub async fn narrative(
    State(state): State<AppState>,
    caller: Staff,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<NarrativeBody>,
) -> ApiResult<Response> {
    match complaints(&state).publish_narrative(&caller.actor, &id, &b.text, chrono::Utc::now()).await {
        Ok(n) => Ok((StatusCode::CREATED, Json(wire::Narrative::from(n))).into_response()),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct WarningBody {
    region: String,
    #[serde(default)]
    category: Option<String>,
    title: String,
    body: String,
}

/// `POST /api/v1/warnings` `{region, category?, title, body}`: publishes a consumer warning.
pub async fn publish_warning(
    State(state): State<AppState>,
    caller: Staff,
    ApiJson(b): ApiJson<WarningBody>,
) -> ApiResult<Response> {
    let region = DivisionCode::parse(&b.region)?;
    let at = chrono::Utc::now();
    match complaints(&state).publish_warning(&caller.actor, region, b.category, &b.title, &b.body, None, at).await {
        Ok(w) => Ok((StatusCode::CREATED, Json(wire::Warning::from(w))).into_response()),
        Err(e) => Err(e.into()),
    }
}

/// `GET /api/v1/warnings`: the consumer warnings published, the newest first.
pub async fn warnings(State(state): State<AppState>) -> ApiResult<Response> {
    let warnings = complaints(&state).warnings(200).await?;
    Ok(crate::wire::sorted(crate::wire::Items::of(warnings, wire::Warning::from)))
}

#[derive(Template)]
#[template(path = "warnings.html")]
struct WarningsPage {
    en: bool,
    switch: String,
    warnings: Vec<shijian_core::complaint::publication::WarningPublished>,
}

/// `GET /12315/warnings`: the consumer warnings, for the public.
pub async fn warnings_page(
    State(state): State<AppState>,
    uri: Uri,
    q: std::result::Result<Query<LangQuery>, QueryRejection>,
) -> Response {
    let en = lang_of(&q);
    match complaints(&state).warnings(200).await {
        Ok(warnings) => page(&WarningsPage { en, switch: switch(&uri, en), warnings }),
        Err(e) => ApiError(e).into_response(),
    }
}

/// The routes of this module ([`crate::routes`]).
pub(crate) fn routes() -> Vec<crate::Route> {
    use crate::{Access, route};
    use axum::routing::{get, post};
    use shijian_app::access::Action;
    vec![
        route(
            "GET",
            "/12315",
            Access::Public,
            "12315投诉举报表单 / the 12315 form (page)",
            &[("lang", false)],
            || get(form),
        ),
        route(
            "POST",
            "/12315",
            Access::Public,
            "提交投诉举报（表单，可附文件）/ file a complaint or report (form, with attachments)",
            &[("lang", false)],
            || post(submit).layer(axum::extract::DefaultBodyLimit::max(FORM_BYTES)),
        ),
        route(
            "GET",
            "/12315/track",
            Access::Public,
            "投诉举报查询页面 / follow a complaint (page)",
            &[("lang", false)],
            || get(track_page),
        ),
        route(
            "POST",
            "/12315/track",
            Access::Public,
            "查询、评价或转交（表单）/ follow, rate or send on a complaint (form)",
            &[("lang", false)],
            || post(track_submit),
        ),
        route(
            "POST",
            "/api/v1/complaints",
            Access::Public,
            "投诉举报登记（网站无需账号；热线、平台、来信来访需处理人员令牌）/ file a complaint or report",
            &[],
            || post(file),
        ),
        route(
            "POST",
            "/api/v1/complaints/attachments",
            Access::Public,
            "上传附件（JPEG、PNG、PDF，≤8 MiB）/ upload an attachment (the file as the body)",
            &[],
            || post(attach).layer(axum::extract::DefaultBodyLimit::max(shijian_core::complaint::MAX_ATTACHMENT_BYTES)),
        ),
        route(
            "POST",
            "/api/v1/complaints/track",
            Access::Public,
            "凭编号和查询码查询进度 / follow a complaint with its number and tracking code",
            &[],
            || post(track),
        ),
        route(
            "GET",
            "/api/v1/complaints/worklist",
            Access::Action(Action::HandleComplaint),
            "投诉举报待办及期限 / open complaints and reports with their deadlines",
            &[("division", false)],
            || get(worklist),
        ),
        route(
            "GET",
            "/api/v1/complaints/{id}",
            Access::Action(Action::ReadComplaint),
            "投诉举报详情（处理人员；ODR企业仅限其收到的投诉）/ a complaint or report",
            &[],
            || get(get_one),
        ),
        route(
            "GET",
            "/api/v1/complaints/{id}/matches",
            Access::Action(Action::HandleComplaint),
            "被投诉经营者的候选主体及评分 / the registered businesses the complainant may mean, scored",
            &[],
            || get(matches),
        ),
        route(
            "POST",
            "/api/v1/complaints/{id}/steps",
            Access::Action(Action::HandleComplaint),
            "办理环节：受理、不予受理、移送、调解、终止、立案决定等 / a step of the procedure",
            &[],
            || post(step),
        ),
        route(
            "POST",
            "/api/v1/complaints/{id}/rating",
            Access::Public,
            "投诉人评价（凭查询码）/ the complainant's rating (with the tracking code)",
            &[],
            || post(rate),
        ),
        route(
            "POST",
            "/api/v1/complaints/{id}/escalation",
            Access::Public,
            "投诉人不认可企业和解，转交监管部门（凭查询码）/ the complainant sends an ODR settlement on to the office",
            &[],
            || post(escalate),
        ),
        route(
            "POST",
            "/api/v1/complaints/{id}/odr-answer",
            Access::Action(Action::AnswerOdr),
            "ODR企业答复 / the ODR enterprise's answer",
            &[],
            || post(odr_answer),
        ),
        route(
            "POST",
            "/api/v1/odr/{uscc}",
            Access::Action(Action::ManageOdr),
            "加入或退出在线消费纠纷解决（ODR）/ join or leave online dispute resolution",
            &[],
            || post(odr_membership),
        ),
        route(
            "GET",
            "/api/v1/odr/{uscc}/complaints",
            Access::Action(Action::ReadComplaint),
            "ODR企业收到的投诉 / the complaints an ODR enterprise received",
            &[],
            || get(odr_inbox),
        ),
        route(
            "GET",
            "/api/v1/complaints/analysis",
            Access::Action(Action::AnalyseComplaints),
            "投诉举报趋势、异常上升与消费警示草稿 / trends, unusual rises and draft warnings",
            &[("division", false)],
            || get(analysis),
        ),
        route(
            "GET",
            "/api/v1/complaints/clues",
            Access::Action(Action::CheckClue),
            "诉转案线索及核查期限 / case clues from complaints, with their checks' due days",
            &[("division", false), ("all", false)],
            || get(clues),
        ),
        route(
            "POST",
            "/api/v1/complaints/clues/{id}/decision",
            Access::Action(Action::DecideClue),
            "诉转案线索核查结果 / the check of a case clue",
            &[],
            || post(clue_decision),
        ),
        route(
            "GET",
            "/api/v1/complaints/{id}/narrative",
            Access::Action(Action::HandleComplaint),
            "拟公开的投诉内容（已去除个人信息）/ the draft narrative, personal data masked",
            &[],
            || get(narrative_draft),
        ),
        route(
            "POST",
            "/api/v1/complaints/{id}/narrative",
            Access::Action(Action::HandleComplaint),
            "公开投诉内容（经投诉人同意）/ publish the narrative (with consent)",
            &[],
            || post(narrative),
        ),
        route("GET", "/api/v1/warnings", Access::Public, "消费警示 / consumer warnings", &[], || get(warnings)),
        route(
            "POST",
            "/api/v1/warnings",
            Access::Action(Action::HandleComplaint),
            "发布消费警示 / publish a consumer warning",
            &[],
            || post(publish_warning),
        ),
        route(
            "GET",
            "/12315/warnings",
            Access::Public,
            "消费警示页面 / consumer warnings (page)",
            &[("lang", false)],
            || get(warnings_page),
        ),
        route(
            "GET",
            "/api/v1/entities/{uscc}/complaints",
            Access::Public,
            "投诉信息公示：数量、响应率、解决率、ODR评分 / complaints disclosed: counts, response and resolution rates, ODR scorecard",
            &[],
            || get(disclosure),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORM: &str = "kind=report&name=&phone=&business_name=%E7%BA%A2%E5%85%89%E9%A4%90%E5%8E%85&place=420111\
                        &category=S01&problem=P08&amount=&occurred_on=2026-11-20&facts=%E5%90%8E%E5%8E%A8&consent=on";

    /// The public form reads into its struct: the kind and the day typed, the boxes ticked, an
    /// empty date none; a kind or a date no form sends is refused, naming the field.
    #[test]
    fn the_public_form_is_typed() {
        let f: ComplaintForm = crate::extract::form_fields(FORM.as_bytes()).unwrap();
        let intake = intake_of(&f).unwrap();
        assert_eq!((intake.kind, intake.channel), (Kind::Report, Channel::Web));
        assert_eq!(intake.occurred_on, chrono::NaiveDate::from_ymd_opt(2026, 11, 20));
        assert_eq!((intake.party.name, intake.amount), (None, None));
        assert!(intake.consent_to_publish && intake.odr, "consented, and not sent straight to the office");
        assert_eq!(intake.business.name, "红光餐厅");

        let f: ComplaintForm = crate::extract::form_fields(b"occurred_on=&direct=on").unwrap();
        assert_eq!((f.kind, f.occurred_on, f.direct()), (None, None, true));
        let e = intake_of(&f).unwrap_err();
        assert_eq!(e.detail("field"), Some("place"), "the intake's own message");

        for (wrong, field) in [("occurred_on=yesterday", "occurred_on"), ("kind=praise", "kind")] {
            let e = crate::extract::form_fields::<ComplaintForm>(format!("{FORM}&{wrong}").as_bytes());
            let e = e.err().unwrap_or_else(|| panic!("{wrong} accepted"));
            assert_eq!((e.code(), e.detail("field")), (Code::RequestInvalid, Some(field)), "{wrong}");
        }
    }
}
