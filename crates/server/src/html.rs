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
    /// The page of search hits, from 1.
    page: Option<String>,
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

/// An error as a page in the site's layout, in the page's language.
fn error_page(e: &Error, en: bool) -> Response {
    let status = crate::error::status_of(e);
    let switch = if en { "/" } else { "/?lang=en" }.to_string();
    (status, Html(error_html(e, status, en, switch, None))).into_response()
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
    /// Signing in would help (401): the sign-in page, which leads back to the page asked for.
    signin: Option<String>,
    /// The address asked for, when it is the error (404): shown as the literal it is.
    path: Option<String>,
}

/// An error as a page in the site's layout (for browsers; the API answers JSON); `asked`, the
/// page the browser asked for, is where its sign-in link leads back to.
pub(crate) fn error_html(e: &Error, status: StatusCode, en: bool, switch: String, asked: Option<&str>) -> String {
    let t = crate::text::T::new(en);
    let title = match status {
        StatusCode::NOT_FOUND => t.get("error.title_not_found"),
        StatusCode::UNAUTHORIZED => t.get("error.title_sign_in"),
        StatusCode::FORBIDDEN => t.get("error.title_denied"),
        StatusCode::CONFLICT => t.get("error.title_conflict"),
        StatusCode::TOO_MANY_REQUESTS => t.get("error.title_too_many"),
        StatusCode::PAYLOAD_TOO_LARGE => t.get("error.title_too_large"),
        StatusCode::SERVICE_UNAVAILABLE => t.get("error.title_unavailable"),
        s if s.is_server_error() => t.get("error.title_server"),
        _ => t.get("error.title_bad_request"),
    }
    .to_string();
    let page = ErrorPage {
        en,
        switch,
        status: status.as_u16(),
        title,
        code: e.code().as_str(),
        // An unknown address is said in words, the address itself shown apart as typed.
        message: match e.code() {
            shijian_core::Code::RouteUnknown => t.get("error.no_such_address").to_string(),
            // The refusal's details (role and action codes) are for the record, not the reader.
            shijian_core::Code::AccessDenied => t.get("error.access_denied").to_string(),
            _ => e.message(if en { Lang::En } else { Lang::Zh }),
        },
        path: e.detail("path").filter(|_| e.code() == shijian_core::Code::RouteUnknown).map(str::to_string),
        signin: (status == StatusCode::UNAUTHORIZED).then(|| {
            let mut query = Vec::new();
            if let Some(next) = asked.and_then(crate::workbench::safe_next) {
                query.push(("next", next));
            }
            if en {
                query.push(("lang", "en"));
            }
            let query = serde_html_form::to_string(&query).unwrap_or_default();
            if query.is_empty() { "/signin".to_string() } else { format!("/signin?{query}") }
        }),
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
    hits: Vec<HitRow>,
    /// How many were found in all, and whether more match than were counted.
    total: usize,
    capped: bool,
    /// The rank of the first hit shown (from 1), for the list's numbering.
    first: usize,
    pages: Vec<PageLink>,
    prev: Option<String>,
    next: Option<String>,
    check: Option<shijian_app::search::CheckHint>,
    error: Option<String>,
}

/// A hit with its status in the page's language.
struct HitRow {
    hit: Hit,
    status: String,
}

/// A link to one page of hits; `current` for the page shown.
pub(crate) struct PageLink {
    pub number: usize,
    pub href: String,
    pub current: bool,
}

/// A status code (`active`, …) in the page's language, by its label in core.
pub(crate) fn status_label(code: &str, en: bool) -> String {
    use shijian_core::registry::Status;
    match Status::ALL.iter().find(|s| s.as_str() == code) {
        Some(s) if en => s.en().to_string(),
        Some(s) => s.zh().to_string(),
        None => code.replace('_', " "),
    }
}

/// Hits a page of the portal's search shows.
const SEARCH_PAGE: usize = 20;

/// The links to the pages of `n_pages` around `current` (the first, the last and two either
/// side), `link` making each page's address.
pub(crate) fn page_links(current: usize, n_pages: usize, link: impl Fn(usize) -> String) -> Vec<PageLink> {
    (1..=n_pages)
        .filter(|&n| n == 1 || n == n_pages || n.abs_diff(current) <= 2)
        .map(|n| PageLink { number: n, href: link(n), current: n == current })
        .collect()
}

/// `GET /` and `GET /search?q=…[&page=N]`.
pub async fn search(State(state): State<AppState>, uri: Uri, q: QueryResult) -> Response {
    let q = q.map(|Query(q)| q).unwrap_or_default();
    let en = q.en();
    let text = q.q.clone().unwrap_or_default();
    let current = q.page.as_deref().and_then(|p| p.trim().parse::<usize>().ok()).filter(|&p| p >= 1).unwrap_or(1);
    let mut p = SearchPage {
        en,
        switch: switch(&uri, en),
        q: text.clone(),
        searched: false,
        hits: Vec::new(),
        total: 0,
        capped: false,
        first: 1,
        pages: Vec::new(),
        prev: None,
        next: None,
        check: None,
        error: None,
    };
    if !text.trim().is_empty() {
        p.searched = true;
        let offset = (current - 1).saturating_mul(SEARCH_PAGE);
        match shijian_app::search::search_page(state.store(), &text, offset, SEARCH_PAGE).await {
            Ok(found) => {
                let link = |n: usize| {
                    let mut href =
                        format!("/search?{}", serde_html_form::to_string([("q", &text)]).unwrap_or_default());
                    if n > 1 {
                        href.push_str(&format!("&page={n}"));
                    }
                    if en {
                        href.push_str("&lang=en");
                    }
                    href
                };
                let n_pages = found.total.div_ceil(SEARCH_PAGE);
                p.first = offset + 1;
                p.prev = (current > 1 && current <= n_pages + 1).then(|| link(current - 1));
                p.next = (current < n_pages).then(|| link(current + 1));
                if n_pages > 1 {
                    p.pages = page_links(current, n_pages, link);
                }
                p.total = found.total;
                p.capped = found.capped;
                p.hits =
                    found.hits.into_iter().map(|h| HitRow { status: status_label(h.status, en), hit: h }).collect();
                p.check = found.check;
            }
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
    facts: Vec<(String, String, bool)>,
    former_names: Vec<(String, String)>,
    abnormal: Vec<ListEntryRow>,
    serious: Vec<ListEntryRow>,
    reports: Vec<ReportView>,
    changes: Vec<ChangeRow>,
    inspections: Vec<InspectionRow>,
    penalties: Vec<PenaltyRow>,
    /// 12315 complaints disclosed (numbers only), when there are any or the entity is in ODR.
    complaints: Option<shijian_app::complaints::disclosure::Disclosure>,
    history: Vec<Row>,
}

/// An administrative penalty on the public credit file (行政处罚信息).
struct PenaltyRow {
    id: String,
    number: String,
    violation: String,
    penalty: String,
    office: String,
    decided_on: String,
}

/// A published inspection result on the public credit file.
struct InspectionRow {
    plan: String,
    day: String,
    category: String,
}

/// One entry of a list as the publicity system shows it (列入原因、列入日期、移出原因、移出日期):
/// the listing and, once it ended, the removal, each with its own day and its own record.
pub(crate) struct ListEntryRow {
    ground: String,
    listed_on: String,
    listed_id: String,
    removal: String,
    removed_on: String,
    removed_id: String,
}

/// One item of a change of registration (变更事项、变更前、变更后、变更日期).
struct ChangeRow {
    item: String,
    before: String,
    after: String,
    on: String,
    id: String,
}

/// The published part of one year's annual report, as the enterprise chose to publish it
/// (企业信息公示暂行条例 第九条).
struct ReportView {
    year: String,
    filed: String,
    facts: Vec<(String, String)>,
    figures: Vec<(String, String)>,
    lines: Vec<(String, Vec<String>)>,
}

/// A list's ground as the page shows it: in Chinese the words of the rules, in English the
/// code in words.
pub(crate) fn ground_text(code: &str, en: bool) -> String {
    use shijian_core::credit::lists::{AbnormalGround, SeriousGround};
    match (serde_json::from_value::<AbnormalGround>(code.into()), serde_json::from_value::<SeriousGround>(code.into()))
    {
        (Ok(g), _) if !en => g.zh().to_string(),
        (_, Ok(g)) if !en => g.zh().to_string(),
        (Ok(g), _) => g.en().to_string(),
        (_, Ok(g)) => g.en().to_string(),
        _ => code.to_string(),
    }
}

/// Why an entry ended, from the removal's `cure` (abnormal list) or `removal` (serious list).
fn removal_text(data: &serde_json::Value, en: bool) -> String {
    let tag = data["cure"].as_str().or_else(|| data["removal"].as_str()).unwrap_or_default();
    let (zh, english) = match tag {
        "report_filed" => ("补报未报年份的年度报告并公示", "the missing annual report was filed and published"),
        "information_published" => ("已履行即时信息公示义务", "the information was published"),
        "information_corrected" => ("已更正公示信息", "the published information was corrected"),
        "address_changed" => ("已办理住所或经营场所变更登记", "the address was changed by registration"),
        "contact_restored" => ("通过登记的住所或经营场所可以重新取得联系", "reachable again at the registered address"),
        "listing_wrong" => ("列入依据错误或被撤销", "the listing was wrong or was revoked"),
        "moved_to_serious" => ("列入严重违法失信名单", "moved to the serious violations list"),
        "term_ended" => ("列入期满", "the term ended"),
        "early" => ("信用修复，提前移出", "removed early after credit repair"),
        _ => ("移出", "removed"),
    };
    (if en { english } else { zh }).to_string()
}

/// The entries of one list, oldest first: each listing paired with its removal (by ground and
/// listing day). The removal is dated with its own `removed_on`, never the listing's day.
fn list_rows(events: &[serde_json::Value], en: bool) -> Vec<ListEntryRow> {
    let mut rows: Vec<ListEntryRow> = Vec::new();
    let mut keys: Vec<(serde_json::Value, serde_json::Value)> = Vec::new();
    for v in events {
        let data = &v["data"];
        let kind = v["kind"].as_str().unwrap_or_default();
        let key = (data["ground"].clone(), data["listed_on"].clone());
        let text = |k: &str| data[k].as_str().unwrap_or_default().to_string();
        let id = v["id"].as_str().unwrap_or_default().to_string();
        if kind.ends_with("_removed") {
            let row = ListEntryRow {
                ground: ground_text(data["ground"].as_str().unwrap_or_default(), en),
                listed_on: text("listed_on"),
                listed_id: String::new(),
                removal: removal_text(data, en),
                removed_on: text("removed_on"),
                removed_id: id,
            };
            match keys.iter().rposition(|k| *k == key) {
                Some(i) if rows[i].removed_on.is_empty() => {
                    rows[i].removal = row.removal;
                    rows[i].removed_on = row.removed_on;
                    rows[i].removed_id = row.removed_id;
                }
                _ => {
                    rows.push(row);
                    keys.push(key);
                }
            }
        } else {
            rows.push(ListEntryRow {
                ground: ground_text(data["ground"].as_str().unwrap_or_default(), en),
                listed_on: text("listed_on"),
                listed_id: id,
                removal: String::new(),
                removed_on: String::new(),
                removed_id: String::new(),
            });
            keys.push(key);
        }
    }
    rows
}

/// 注册资本 as the publicity system writes it: the amount in 万元 followed by the currency in
/// words (`50万元人民币`); in English the whole amount (`CNY 500,000`).
pub(crate) fn capital_text(amount: &str, currency: &str, en: bool) -> String {
    if en {
        return match whole_amount(amount) {
            Some(whole) => format!("{currency} {whole}"),
            None => format!("{currency} {amount} × 10,000"),
        };
    }
    let words = match currency {
        "CNY" => "人民币",
        "USD" => "美元",
        "HKD" => "港元",
        "EUR" => "欧元",
        "JPY" => "日元",
        "GBP" => "英镑",
        "MOP" => "澳门元",
        "TWD" => "新台币",
        "AUD" => "澳大利亚元",
        "CAD" => "加拿大元",
        "SGD" => "新加坡元",
        "CHF" => "瑞士法郎",
        other => other,
    };
    format!("{amount}万元{words}")
}

/// An amount in units of 10,000 as a whole amount with thousands separators (`50` →
/// `500,000`, `12.345` → `123,450`); `None` when it is not a plain decimal.
fn whole_amount(amount: &str) -> Option<String> {
    let (int, frac) = amount.split_once('.').unwrap_or((amount, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) {
        return None;
    }
    let frac4 = format!("{frac:0<4}");
    let (shifted, rest) = frac4.split_at(4);
    let whole = format!("{int}{shifted}").trim_start_matches('0').to_string();
    let whole = if whole.is_empty() { "0".to_string() } else { whole };
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let rest = rest.trim_end_matches('0');
    Some(if rest.is_empty() { grouped } else { format!("{grouped}.{rest}") })
}

/// The name of the market-supervision administration of a division, as the publicity system
/// names the 登记机关: a district under its city (武汉市洪山区市场监督管理局), a county or a
/// county-level city under its own name (孝昌县市场监督管理局), a city or the province alone.
pub(crate) fn authority_name(division: shijian_core::DivisionCode, en: bool) -> String {
    if en {
        format!("Market Supervision Administration of {} ({division})", division.authority_place())
    } else {
        division.authority_name()
    }
}

/// A changed item's name as the page shows it.
fn item_text(item: &str, en: bool) -> String {
    let (zh, english) = match item {
        "name" => ("名称", "Name"),
        "address" => ("住所", "Address"),
        "representative" => ("法定代表人（负责人）", "Legal representative"),
        "capital" => ("注册资本", "Registered capital"),
        "scope_text" | "scope" => ("经营范围", "Business scope"),
        "industry" => ("行业", "Industry"),
        other => (other, other),
    };
    (if en { english } else { zh }).to_string()
}

/// The published part of each year's report: a correction replaces what it corrects (条例
/// 第十二条), and says when it was made.
fn report_views(reports: &[serde_json::Value], kind: shijian_core::registry::EntityKind, en: bool) -> Vec<ReportView> {
    use shijian_core::credit::annual::{ReportForm, ReportPublic};
    let l = |zh: &str, english: &str| if en { english.to_string() } else { zh.to_string() };
    let mut by_year: Vec<(i32, String, bool, Option<String>, ReportPublic)> = Vec::new();
    for r in reports {
        let Ok(report) = serde_json::from_value::<ReportPublic>(r["report"].clone()) else { continue };
        let year = report.year;
        if let Some(corrected) = r["corrected_on"].as_str() {
            if let Some(entry) = by_year.iter_mut().find(|e| e.0 == year) {
                entry.3 = Some(corrected.to_string());
                entry.4 = report;
            }
        } else {
            by_year.push((
                year,
                r["filed_on"].as_str().unwrap_or_default().to_string(),
                r["late"] == true,
                None,
                report,
            ));
        }
    }
    by_year.sort_by_key(|e| std::cmp::Reverse(e.0));
    let form = ReportForm::for_kind(kind);
    by_year
        .into_iter()
        .map(|(year, filed_on, late, corrected, r)| {
            let mut filed = if en { format!("filed {filed_on}") } else { format!("{filed_on}报送") };
            if late {
                filed.push_str(&l("（补报）", " (late)"));
            }
            if let Some(c) = corrected {
                filed.push_str(&if en { format!(", corrected {c}") } else { format!("，{c}更正") });
            }
            let state = match r.state {
                shijian_core::credit::annual::OperatingState::Operating => l("开业", "operating"),
                shijian_core::credit::annual::OperatingState::Suspended => l("歇业", "suspended"),
                shijian_core::credit::annual::OperatingState::Liquidating => l("清算", "liquidating"),
            };
            let mut facts = vec![
                (l("通信地址", "Postal address"), r.contact.address.clone()),
                (l("邮政编码", "Postcode"), r.contact.postcode.clone()),
                (l("联系电话", "Telephone"), r.contact.phone.clone()),
            ];
            if let Some(email) = &r.contact.email {
                facts.push((l("电子邮箱", "Email"), email.clone()));
            }
            facts.push((l("经营状态", "Operating state"), state));
            if let Some(n) = r.employees {
                facts.push((l("从业人数", "Employees"), n.to_string()));
            }
            if let Some(n) = r.members {
                facts.push((l("成员人数", "Members"), n.to_string()));
            }
            let figures = r
                .figures
                .iter()
                .map(|f| (crate::enterprise::figure_label(f.kind, form, en).to_string(), f.amount.clone()))
                .collect();
            let mut lines = Vec::new();
            if !r.websites.is_empty() {
                lines.push((
                    l("网站或网店", "Websites and shops"),
                    r.websites.iter().map(|w| format!("{} {}", w.name, w.url)).collect(),
                ));
            }
            if !r.investments.is_empty() {
                lines.push((
                    l("对外投资", "Investments"),
                    r.investments
                        .iter()
                        .map(|i| format!("{} {}", i.name, i.uscc.clone().unwrap_or_default()))
                        .collect(),
                ));
            }
            if !r.contributions.is_empty() {
                lines.push((
                    l("股东及出资（认缴 / 实缴，万元）", "Contributions (subscribed / paid, 10,000)"),
                    r.contributions
                        .iter()
                        .map(|c| {
                            let on = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
                            format!(
                                "{}：{} {} {} / {} {} {}",
                                c.investor,
                                c.subscribed,
                                on(c.subscribed_on),
                                c.subscribed_form,
                                c.paid,
                                on(c.paid_on),
                                c.paid_form
                            )
                        })
                        .collect(),
                ));
            }
            if !r.equity_transfers.is_empty() {
                lines.push((
                    l("股权变更", "Equity transfers"),
                    r.equity_transfers
                        .iter()
                        .map(|t| format!("{} {} → {} ({})", t.shareholder, t.share_before, t.share_after, t.changed_on))
                        .collect(),
                ));
            }
            ReportView { year: year.to_string(), filed, facts, figures, lines }
        })
        .collect()
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
    // The third member tells a value that is data in the language it was registered in
    // (a name, an address) from one in the page's language.
    let mut facts = vec![
        (l("主体类型", "Kind"), if en { e.kind.en().to_string() } else { e.kind.zh().to_string() }, false),
        (
            l("登记状态", "Status"),
            if en { file.entity.status.en().to_string() } else { file.entity.status.zh().to_string() },
            false,
        ),
        (l("法定代表人（负责人、经营者）", "Legal representative"), e.representative.clone(), true),
    ];
    if let Some(capital) = &e.capital {
        facts.push((l("注册资本", "Registered capital"), capital_text(capital, &e.currency, en), false));
    }
    facts.extend([
        (l("成立日期", "Established"), e.established_on.to_string(), false),
        // The office's name is data: on an English page its place name stays in Chinese.
        (l("登记机关", "Registration authority"), authority_name(e.authority, en), true),
        (l("住所", "Address"), e.address.clone(), true),
        (l("经营范围", "Business scope"), e.scope_text.clone(), true),
    ]);
    // Newest first by the day it happened (the log's order is the order of recording).
    let mut history: Vec<Row> = file
        .history
        .iter()
        .rev()
        .map(|h| Row { day: h.day.clone(), kind: kind_text(&h.kind, en), basis: h.basis.clone(), id: h.id.clone() })
        .collect();
    history.sort_by(|a, b| b.day.cmp(&a.day));
    let changes = file
        .changes
        .iter()
        .rev()
        .flat_map(|c| {
            c.items.iter().map(move |i| {
                let (before, after) = if i.item == "capital" {
                    (capital_text(&i.before, &e.currency, en), capital_text(&i.after, &e.currency, en))
                } else {
                    (i.before.clone(), i.after.clone())
                };
                ChangeRow { item: item_text(i.item, en), before, after, on: c.on.to_string(), id: c.id.clone() }
            })
        })
        .collect();
    let p = EntityPage {
        en,
        switch: switch(&uri, en),
        name: e.name.clone(),
        uscc: e.uscc.to_string(),
        facts,
        former_names: file.entity.former_names.iter().map(|f| (f.name.clone(), f.until.to_string())).collect(),
        abnormal: list_rows(&file.abnormal, en),
        serious: list_rows(&file.serious, en),
        reports: report_views(&file.annual_reports, e.kind, en),
        changes,
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
        penalties: file
            .penalties
            .iter()
            .map(|p| PenaltyRow {
                id: p.id.clone(),
                number: p.number.clone(),
                violation: p.violation.clone(),
                penalty: crate::penalties::penalty_words(&p.types, p.fine_fen, p.confiscated_fen, en),
                office: p.office.authority_name(),
                decided_on: p.decided_on.to_string(),
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
        "complaint.js" => (include_str!("../static/complaint.js"), "text/javascript; charset=utf-8"),
        "register.js" => (include_str!("../static/register.js"), "text/javascript; charset=utf-8"),
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
                p.verdict = if en { c.verdict.en().to_string() } else { c.verdict.zh().to_string() };
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
        route(
            "GET",
            "/search",
            Access::Public,
            "查询页面 / search page",
            &[("q", false), ("page", false), ("lang", false)],
            || get(search),
        ),
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
