//! The public portal, rendered on the server (askama): search by name or code, an entity's
//! public credit file, and "verify this record", which checks a record against the public log
//! in the browser with our own small script (`static/verify.js`). Chinese first; `?lang=en`
//! switches to English. No third-party code; no inline script (the CSP forbids it).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use shijian_app::credit::public_file;
use shijian_app::search::Hit;
use shijian_core::{Code, Error, Lang};

use crate::AppState;

/// The page's query string; one that does not parse is taken as empty.
pub(crate) type QueryResult = std::result::Result<Query<LangQuery>, axum::extract::rejection::QueryRejection>;

#[derive(Deserialize, Default)]
pub struct LangQuery {
    lang: Option<String>,
    q: Option<String>,
}

impl LangQuery {
    fn en(&self) -> bool {
        self.lang.as_deref().is_some_and(|l| l.starts_with("en"))
    }
}

/// Whether the page was asked for in English (`?lang=en`).
pub(crate) fn en_of(q: &QueryResult) -> bool {
    q.as_ref().is_ok_and(|Query(q)| q.en())
}

/// Whether a page's query (read as a map) asks for English (`lang=en`).
pub(crate) fn en_in(q: &std::collections::HashMap<String, String>) -> bool {
    q.get("lang").is_some_and(|l| l.starts_with("en"))
}

/// The link to the same page in the other language.
pub(crate) fn switch(uri: &Uri, en: bool) -> String {
    let pairs: Vec<String> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("lang="))
        .map(str::to_string)
        .chain((!en).then(|| "lang=en".to_string()))
        .collect();
    if pairs.is_empty() { uri.path().to_string() } else { format!("{}?{}", uri.path(), pairs.join("&")) }
}

pub(crate) fn page(t: &impl Template) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template");
            (StatusCode::INTERNAL_SERVER_ERROR, "template error").into_response()
        }
    }
}

/// A due day as a page shows it: followed by 暂定 / provisional when it counts a day of a year
/// whose holiday schedule is not yet published (`core::calendar::Deadline`).
pub(crate) fn due_text(date: chrono::NaiveDate, provisional: bool, en: bool) -> String {
    if provisional {
        format!("{date}{}", crate::text::T::new(en).get("deadline.provisional"))
    } else {
        date.to_string()
    }
}

/// An event kind as the page shows it: its declared label, or the code for a kind this build
/// does not know.
pub(crate) fn kind_text(kind: &str, en: bool) -> String {
    match shijian_core::labels::kind_label(kind) {
        Some((zh, en_label)) => (if en { en_label } else { zh }).to_string(),
        None => kind.to_string(),
    }
}

/// A plain error page in the request's language.
fn error_page(e: &Error, en: bool) -> Response {
    let status = crate::error::status_of(e);
    let message = e.message(if en { Lang::En } else { Lang::Zh });
    let body = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"stylesheet\" href=\"/static/site.css\"><title>{}</title></head><body><main><h1>{}</h1><p class=\"error\">{}</p><p><a href=\"/{}\">{}</a></p></main></body></html>",
        if en { "en" } else { "zh-CN" },
        status.as_u16(),
        status.as_u16(),
        askama::filters::escape(&message, askama::filters::Html).map(|m| m.to_string()).unwrap_or_default(),
        if en { "?lang=en" } else { "" },
        if en { "Back to search" } else { "返回查询" },
    );
    (status, Html(body)).into_response()
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    en: bool,
    switch: String,
    status: u16,
    title: String,
    code: &'static str,
    message: String,
    /// Signing in would help (401).
    signin: bool,
}

/// An error as a page in the site's layout (for browsers; the API answers JSON).
pub(crate) fn error_html(e: &Error, status: StatusCode, en: bool, switch: String) -> String {
    let title = match (status, en) {
        (StatusCode::NOT_FOUND, false) => "页面不存在".to_string(),
        (StatusCode::NOT_FOUND, true) => "Not found".to_string(),
        (StatusCode::UNAUTHORIZED, false) => "请先登录".to_string(),
        (StatusCode::UNAUTHORIZED, true) => "Sign in first".to_string(),
        (StatusCode::FORBIDDEN, false) => "无权访问".to_string(),
        (StatusCode::FORBIDDEN, true) => "Access denied".to_string(),
        (StatusCode::TOO_MANY_REQUESTS, false) => "请求过于频繁".to_string(),
        (StatusCode::TOO_MANY_REQUESTS, true) => "Too many requests".to_string(),
        (s, _) => s.as_u16().to_string(),
    };
    let page = ErrorPage {
        en,
        switch,
        status: status.as_u16(),
        title,
        code: e.code().as_str(),
        message: e.message(if en { Lang::En } else { Lang::Zh }),
        signin: status == StatusCode::UNAUTHORIZED,
    };
    page.render().unwrap_or_else(|err| {
        tracing::error!(error = %err, "template");
        format!("<!doctype html><title>{}</title><p>{}</p>", status.as_u16(), status.as_u16())
    })
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    en: bool,
    switch: String,
    q: String,
    searched: bool,
    hits: Vec<Hit>,
    error: Option<String>,
}

/// `GET /` and `GET /search?q=…`.
pub async fn search(State(state): State<AppState>, uri: Uri, q: QueryResult) -> Response {
    let q = q.map(|Query(q)| q).unwrap_or_default();
    let en = q.en();
    let text = q.q.clone().unwrap_or_default();
    let mut p =
        SearchPage { en, switch: switch(&uri, en), q: text.clone(), searched: false, hits: Vec::new(), error: None };
    if !text.trim().is_empty() {
        p.searched = true;
        match shijian_app::search::search(state.store(), &text, 50).await {
            Ok(hits) => p.hits = hits,
            Err(e) => {
                p.searched = false;
                p.error = Some(e.message(if en { Lang::En } else { Lang::Zh }));
            }
        }
    }
    page(&p)
}

/// One row of the record.
pub struct Row {
    pub day: String,
    pub kind: String,
    pub basis: String,
    pub id: String,
}

#[derive(Template)]
#[template(path = "entity.html")]
struct EntityPage {
    en: bool,
    switch: String,
    name: String,
    uscc: String,
    facts: Vec<(String, String)>,
    abnormal: Vec<String>,
    serious: Vec<String>,
    reports: Vec<String>,
    inspections: Vec<InspectionRow>,
    /// 12315 complaints disclosed (numbers only), when there are any or the entity is in ODR.
    complaints: Option<shijian_app::complaints::disclosure::Disclosure>,
    history: Vec<Row>,
}

/// A published inspection result on the public credit file.
struct InspectionRow {
    plan: String,
    day: String,
    category: String,
}

/// One list entry or removal: its day, what happened and on which ground, in the page's language.
fn summary(v: &serde_json::Value, en: bool) -> String {
    let kind = kind_text(v["kind"].as_str().unwrap_or_default(), en);
    let data = &v["data"];
    let day = ["listed_on", "removed_on", "marked_on", "on"].iter().find_map(|k| data[*k].as_str()).unwrap_or_default();
    let code = data["ground"].as_str().or_else(|| data["cause"]["kind"].as_str()).unwrap_or_default();
    format!("{day} {kind} {}", ground_text(code, en)).trim().to_string()
}

/// A list's ground as the page shows it: in Chinese the words of the rules, in English the
/// code in words.
pub(crate) fn ground_text(code: &str, en: bool) -> String {
    use shijian_core::credit::lists::{AbnormalGround, SeriousGround};
    match (serde_json::from_value::<AbnormalGround>(code.into()), serde_json::from_value::<SeriousGround>(code.into()))
    {
        (Ok(g), _) if !en => g.zh().to_string(),
        (_, Ok(g)) if !en => g.zh().to_string(),
        _ => code.replace('_', " "),
    }
}

/// `GET /entities/{uscc}`: the public credit file.
pub async fn entity(State(state): State<AppState>, uri: Uri, Path(uscc): Path<String>, q: QueryResult) -> Response {
    let en = en_of(&q);
    let code = match shijian_core::Uscc::parse(uscc.trim()) {
        Ok(c) => c,
        Err(e) => return error_page(&e, en),
    };
    let file = match public_file(state.store(), code.as_str(), crate::api::today()).await {
        Ok(f) => f,
        Err(e) => return error_page(&e, en),
    };
    let e = &file.entity.entity;
    let l = |zh: &str, english: &str| if en { english.to_string() } else { zh.to_string() };
    let mut facts = vec![
        (l("主体类型", "Kind"), if en { e.kind.as_str().to_string() } else { e.kind.zh().to_string() }),
        (
            l("登记状态", "Status"),
            if en { file.entity.status.as_str().to_string() } else { file.entity.status.zh().to_string() },
        ),
        (l("法定代表人（负责人、经营者）", "Legal representative"), e.representative.clone()),
    ];
    if let Some(capital) = &e.capital {
        facts.push((l("注册资本（万元）", "Registered capital (10,000)"), format!("{capital} {}", e.currency)));
    }
    facts.extend([
        (l("成立日期", "Established"), e.established_on.to_string()),
        (l("登记机关", "Registration authority"), format!("{} {}", e.authority, e.authority.name())),
        (l("住所", "Address"), e.address.clone()),
        (l("经营范围", "Business scope"), e.scope_text.clone()),
    ]);
    // Newest first by the day it happened (the log's order is the order of recording).
    let mut history: Vec<Row> = file
        .history
        .iter()
        .rev()
        .map(|h| Row { day: h.day.clone(), kind: kind_text(&h.kind, en), basis: h.basis.clone(), id: h.id.clone() })
        .collect();
    history.sort_by(|a, b| b.day.cmp(&a.day));
    let reports = file
        .annual_reports
        .iter()
        .map(|r| {
            let late = if r["late"] == true { l("（补报）", " (late)") } else { String::new() };
            format!(
                "{} {} {}{late}",
                r["year"],
                l("年度，报送于", "report, filed"),
                r["filed_on"].as_str().unwrap_or_default()
            )
        })
        .collect();
    let p = EntityPage {
        en,
        switch: switch(&uri, en),
        name: e.name.clone(),
        uscc: e.uscc.to_string(),
        facts,
        abnormal: file.abnormal.iter().map(|v| summary(v, en)).collect(),
        serious: file.serious.iter().map(|v| summary(v, en)).collect(),
        reports,
        inspections: file
            .inspections
            .iter()
            .rev()
            .map(|r| InspectionRow {
                plan: r["plan"].as_str().unwrap_or_default().to_string(),
                day: r["inspected_on"].as_str().unwrap_or_default().to_string(),
                category: r["category"]
                    .as_str()
                    .and_then(|c| shijian_core::inspection::ResultCategory::parse(c).ok())
                    .map_or_else(String::new, |c| if en { c.en() } else { c.zh() }.to_string()),
            })
            .collect(),
        complaints: match shijian_app::complaints::disclosure::disclosure(
            state.store(),
            &e.uscc.to_string(),
            crate::api::today(),
        )
        .await
        {
            Ok(d) if d.complaints > 0 || d.odr.is_some() => Some(d),
            _ => None,
        },
        history,
    };
    page(&p)
}

#[derive(Template)]
#[template(path = "verify.html")]
struct VerifyPage {
    en: bool,
    switch: String,
    id: String,
    /// What the record is (its kind's label) and its legal basis, in the page's language.
    kind: String,
    basis: String,
    record: String,
}

/// `GET /verify/{id}`: the record, checked in the browser against the public log.
pub async fn verify(State(state): State<AppState>, uri: Uri, Path(id): Path<String>, q: QueryResult) -> Response {
    let en = en_of(&q);
    let not_public = || Error::new(Code::EventNotPublic).with("id", &id);
    let event = match state.store().event_by_id(&id).await {
        Ok(e) if e.is_public_on(crate::api::today()) => e,
        Ok(_) => return error_page(&not_public(), en),
        Err(e) if e.code() == Code::EventUnknown => return error_page(&not_public(), en),
        Err(e) => return error_page(&e, en),
    };
    let parsed = serde_json::from_str::<serde_json::Value>(&event.record).ok();
    let basis = parsed.as_ref().and_then(|v| v["basis"].as_str()).unwrap_or_default().to_string();
    let record = parsed.and_then(|v| serde_json::to_string_pretty(&v).ok()).unwrap_or(event.record);
    let kind = kind_text(&event.kind, en);
    page(&VerifyPage { en, switch: switch(&uri, en), id: event.id, kind, basis, record })
}

/// `GET /static/…`: the portal's own stylesheet and script, compiled in.
pub async fn asset(Path(name): Path<String>) -> Response {
    let (body, kind) = match name.as_str() {
        "site.css" => (include_str!("../static/site.css"), "text/css; charset=utf-8"),
        "verify.js" => (include_str!("../static/verify.js"), "text/javascript; charset=utf-8"),
        "seed.js" => (include_str!("../static/seed.js"), "text/javascript; charset=utf-8"),
        "draw-verify.js" => (include_str!("../static/draw-verify.js"), "text/javascript; charset=utf-8"),
        _ => return (StatusCode::NOT_FOUND, "not found").into_response(),
    };
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "public, max-age=3600")], body).into_response()
}

#[derive(Deserialize, Default)]
pub struct NameQuery {
    lang: Option<String>,
    name: Option<String>,
    /// The registering office (default: the division the name states).
    division: Option<String>,
}

#[derive(Template)]
#[template(path = "names.html")]
struct NamesPage {
    en: bool,
    switch: String,
    name: String,
    division: String,
    checked: bool,
    error: Option<String>,
    verdict: String,
    verdict_code: String,
    authority: String,
    trade_name: String,
    industry: String,
    findings: Vec<shijian_app::NameFinding>,
}

/// `GET /names/check[?name=…]`: name self-check (名称自主申报) for anyone, as the API's.
pub async fn names(
    State(state): State<AppState>,
    uri: Uri,
    q: std::result::Result<Query<NameQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let q = q.map(|Query(q)| q).unwrap_or_default();
    let en = q.lang.as_deref().is_some_and(|l| l.starts_with("en"));
    let name = q.name.unwrap_or_default();
    let division = q.division.unwrap_or_default();
    let mut p = NamesPage {
        en,
        switch: switch(&uri, en),
        name: name.clone(),
        division: division.clone(),
        checked: false,
        error: None,
        verdict: String::new(),
        verdict_code: String::new(),
        authority: String::new(),
        trade_name: String::new(),
        industry: String::new(),
        findings: Vec::new(),
    };
    if !name.trim().is_empty() {
        let today = crate::api::today();
        let authority = match division.trim() {
            "" => Ok(None),
            d => shijian_core::DivisionCode::parse(d).map(Some),
        };
        let checked = match authority {
            Ok(authority) => shijian_app::Registry::new(state.store()).check_name(&name, None, authority, today).await,
            Err(e) => Err(e),
        };
        match checked {
            Ok(c) => {
                p.checked = true;
                p.verdict = if en { c.verdict.as_str().to_string() } else { c.verdict.zh().to_string() };
                p.verdict_code = c.verdict.as_str().to_string();
                p.authority = c.authority.map(|a| format!("{a} {}", a.name())).unwrap_or_default();
                p.trade_name = c.parsed.trade_name.clone();
                p.industry = c.parsed.industry_term.clone().unwrap_or_default();
                p.findings = c.findings;
            }
            Err(e) => p.error = Some(e.message(if en { Lang::En } else { Lang::Zh })),
        }
    }
    page(&p)
}

/// The routes of this module ([`crate::routes`]).
pub(crate) fn routes() -> Vec<crate::Route> {
    use crate::{Access, route};
    use axum::routing::get;
    vec![
        route("GET", "/", Access::Public, "公示门户 / the public portal", &[("lang", false)], || get(search)),
        route("GET", "/search", Access::Public, "查询页面 / search page", &[("q", false), ("lang", false)], || {
            get(search)
        }),
        route(
            "GET",
            "/entities/{uscc}",
            Access::Public,
            "信用档案页面 / credit file page",
            &[("lang", false)],
            || get(entity),
        ),
        route(
            "GET",
            "/verify/{id}",
            Access::Public,
            "验证记录页面 / verify-a-record page",
            &[("lang", false)],
            || get(verify),
        ),
        route("GET", "/static/{name}", Access::Public, "样式与脚本 / stylesheet and script", &[], || get(asset)),
        route(
            "GET",
            "/names/check",
            Access::Public,
            "名称自主申报查重页面 / name self-check page",
            &[("name", false), ("lang", false)],
            || get(names),
        ),
    ]
}
