//! Listings on pages, a page at a time: the public credit lists (`/lists/{list}`) and the
//! register for staff inside their jurisdiction (`/workbench/register`).

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use shijian_app::lists::{self, List};
use shijian_core::{DivisionCode, Error, Lang};

use crate::AppState;
use crate::auth::PageCaller;
use crate::error::ApiError;
use crate::html::switch;
use crate::workbench::render;

/// Rows a page shows.
const PAGE: usize = 50;

pub(crate) struct ListRow {
    uscc: String,
    name: String,
    authority: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "listing.html")]
struct ListingPage {
    en: bool,
    switch: String,
    title: String,
    intro: String,
    path: String,
    division: String,
    detail_heading: String,
    rows: Vec<ListRow>,
    next: Option<String>,
    error: Option<String>,
    /// Rows link to the registrar's page.
    manage: bool,
    /// The public lists are filtered by place, chosen by name; the register by code.
    places: Option<Places>,
    /// The link back to the first page, when this is a later one.
    first: Option<String>,
}

/// One place to choose: its code, its name, and whether it is the one chosen.
pub(crate) struct Place {
    code: String,
    name: String,
    selected: bool,
}

/// The prefecture-level units of the province, and the county-level units of the one chosen.
pub(crate) struct Places {
    prefectures: Vec<Place>,
    counties: Vec<Place>,
}

/// The province the portal serves (湖北省).
fn province() -> Option<DivisionCode> {
    DivisionCode::lookup("420000")
}

/// The choices for `prefecture` and `county` (either may be unchosen), and the division they
/// name: the county when it lies inside the prefecture, else the prefecture.
fn places(prefecture: Option<DivisionCode>, county: Option<DivisionCode>) -> (Places, Option<DivisionCode>) {
    let prefecture = prefecture.filter(|p| province().is_some_and(|pr| p.parent() == Some(pr)));
    let county = county.filter(|c| prefecture.is_some_and(|p| c.parent() == Some(p)));
    let place = |d: DivisionCode, chosen: Option<DivisionCode>| Place {
        code: d.to_string(),
        name: d.name().to_string(),
        selected: chosen == Some(d),
    };
    let prefectures = province().map(|p| p.children()).unwrap_or_default().into_iter().map(|d| place(d, prefecture));
    let counties = prefecture.map(|p| p.children()).unwrap_or_default().into_iter().map(|d| place(d, county));
    (Places { prefectures: prefectures.collect(), counties: counties.collect() }, county.or(prefecture))
}

fn authority_text(code: &str) -> String {
    match DivisionCode::parse(code) {
        Ok(d) => format!("{} {}", d, d.name()),
        Err(_) => code.to_string(),
    }
}

/// The registering authority by its name, as the public lists show it.
fn authority_name_text(code: &str, en: bool) -> String {
    match DivisionCode::parse(code) {
        Ok(d) => crate::html::authority_name(d, en),
        Err(_) => code.to_string(),
    }
}

/// The link to the page after `after` (or the first page), keeping the filter and the language.
fn page_link(path: &str, filter: &[(&str, &str)], after: Option<&str>, en: bool) -> String {
    let mut pairs: Vec<(&str, &str)> = filter.iter().copied().filter(|(_, v)| !v.is_empty()).collect();
    if let Some(a) = after {
        pairs.push(("after", a));
    }
    if en {
        pairs.push(("lang", "en"));
    }
    let query = serde_html_form::to_string(&pairs).unwrap_or_default();
    if query.is_empty() { path.to_string() } else { format!("{path}?{query}") }
}

/// The link to the page after `after`, keeping the division and the language.
fn next_link(path: &str, division: &str, after: Option<String>, en: bool) -> Option<String> {
    after.map(|a| page_link(path, &[("division", division)], Some(&a), en))
}

struct Asked {
    en: bool,
    division: String,
    after: Option<String>,
}

fn asked(q: &HashMap<String, String>) -> (Asked, Result<Option<DivisionCode>, Error>) {
    let en = crate::html::en_in(q);
    let division = q.get("division").map(|d| d.trim().to_string()).unwrap_or_default();
    let parsed = if division.is_empty() { Ok(None) } else { DivisionCode::parse(&division).map(Some) };
    let after = q.get("after").map(|a| a.trim().to_string()).filter(|a| !a.is_empty());
    (Asked { en, division, after }, parsed)
}

fn entries_text(entries: &lists::Entries, en: bool) -> String {
    let listed: Vec<(&str, chrono::NaiveDate)> = match entries {
        lists::Entries::Abnormal(v) => v.iter().map(|e| (e.ground.as_str(), e.listed_on)).collect(),
        lists::Entries::Serious(v) => v.iter().map(|e| (e.ground.as_str(), e.listed_on)).collect(),
    };
    let mut out = Vec::new();
    for (ground, on) in listed {
        let ground = crate::html::ground_text(ground, en);
        out.push(if en { format!("{ground} (listed {on})") } else { format!("{ground}（{on}列入）") });
    }
    out.join("；")
}

/// `GET /lists/{list}`: the abnormal operations list (`abnormal`) or the serious violations
/// list (`serious`), published for everyone, 50 entities a page.
pub async fn public_list(
    State(state): State<AppState>,
    uri: Uri,
    Path(list): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (a, division) = asked(&q);
    let (list, title, intro) = match (list.as_str(), a.en) {
        ("abnormal", false) => {
            (List::Abnormal, "经营异常名录", "依据《企业经营异常名录管理暂行办法》列入、尚未移出的市场主体。")
        }
        ("abnormal", true) => (
            List::Abnormal,
            "Abnormal operations list",
            "Entities put on the list under the Interim Measures on the Abnormal Operations List and not yet removed.",
        ),
        ("serious", false) => (
            List::Serious,
            "严重违法失信名单",
            "依据《市场监督管理严重违法失信名单管理办法》列入、尚未移出的市场主体。",
        ),
        ("serious", true) => (
            List::Serious,
            "Serious violations list",
            "Entities put on the list under the Measures on the Serious Violations List and not yet removed.",
        ),
        _ => return ApiError(Error::new(shijian_core::Code::RouteUnknown)).into_response(),
    };
    let path = uri.path().to_string();
    let code_of = |key: &str| q.get(key).and_then(|v| DivisionCode::lookup(v.trim()));
    let (choices, chosen) = places(code_of("prefecture"), code_of("county"));
    let prefecture = choices.prefectures.iter().find(|p| p.selected).map(|p| p.code.clone()).unwrap_or_default();
    let county = choices.counties.iter().find(|p| p.selected).map(|p| p.code.clone()).unwrap_or_default();
    // A division given by code (links made before places were chosen by name) still filters.
    let division = match (chosen, division) {
        (Some(d), _) => Ok(Some(d)),
        (None, d) => d,
    };
    let filter = [("prefecture", prefecture.as_str()), ("county", county.as_str()), ("division", a.division.as_str())];
    let mut p = ListingPage {
        en: a.en,
        switch: switch(&uri, a.en),
        title: title.to_string(),
        intro: intro.to_string(),
        path: path.clone(),
        division: a.division.clone(),
        detail_heading: if a.en { "Entries (newest first)" } else { "列入情形（最新列入在前）" }.to_string(),
        rows: Vec::new(),
        next: None,
        error: None,
        manage: false,
        places: Some(choices),
        first: a.after.is_some().then(|| page_link(&path, &filter, None, a.en)),
    };
    let found = match division {
        Ok(d) => lists::listed(state.store(), list, d, a.after.as_deref(), PAGE).await,
        Err(e) => Err(e),
    };
    match found {
        Ok(page) => {
            p.rows = page
                .items
                .iter()
                .map(|l| ListRow {
                    uscc: l.uscc.clone(),
                    name: l.name.clone(),
                    authority: authority_name_text(&l.authority, a.en),
                    detail: entries_text(&l.entries, a.en),
                })
                .collect();
            p.next = page.next.map(|after| page_link(&path, &filter, Some(&after), a.en));
            render(&p, StatusCode::OK)
        }
        Err(e) => {
            let status = crate::error::status_of(&e);
            p.error = Some(e.message(if a.en { Lang::En } else { Lang::Zh }));
            render(&p, status)
        }
    }
}

/// `GET /workbench/register`: the register inside the staff member's jurisdiction (or a
/// division inside it), 50 entities a page.
pub async fn register(
    State(state): State<AppState>,
    uri: Uri,
    page: PageCaller,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (a, division) = asked(&q);
    if page.caller.account.is_none() {
        return crate::workbench::to_signin(&uri, a.en);
    }
    let found = match division {
        Ok(d) => lists::register(state.store(), &page.caller.actor, d, a.after.as_deref(), PAGE).await,
        Err(e) => Err(e),
    };
    let found = match found {
        Ok(f) => f,
        Err(e) => return ApiError(e).into_response(),
    };
    let path = uri.path().to_string();
    let p = ListingPage {
        en: a.en,
        switch: switch(&uri, a.en),
        title: if a.en { "The register" } else { "市场主体名录" }.to_string(),
        intro: String::new(),
        path: path.clone(),
        division: a.division.clone(),
        detail_heading: if a.en { "Kind · status · established" } else { "类型 · 状态 · 成立日期" }.to_string(),
        rows: found
            .items
            .iter()
            .map(|s| {
                let e = &s.entity;
                let (kind, status) = if a.en {
                    (e.kind.en().to_string(), s.status.en().to_string())
                } else {
                    (e.kind.zh().to_string(), s.status.zh().to_string())
                };
                ListRow {
                    uscc: e.uscc.to_string(),
                    name: e.name.clone(),
                    authority: authority_text(&e.authority.to_string()),
                    detail: format!("{kind} · {status} · {}", e.established_on),
                }
            })
            .collect(),
        next: next_link(&path, &a.division, found.next, a.en),
        error: None,
        manage: shijian_app::access::permits(page.caller.actor.role, shijian_app::access::Action::Register),
        places: None,
        first: None,
    };
    render(&p, StatusCode::OK)
}

/// This module's entry on the workbench's menu: the register inside the jurisdiction, for every
/// staff role.
pub(crate) fn workbench() -> Vec<crate::Entry> {
    use shijian_app::access::Action;
    vec![crate::Entry {
        path: "/workbench/register",
        id: "register",
        label: "workbench.the_register_in_my_jurisdiction",
        actions: &[Action::ReadRegister],
    }]
}

/// The routes of this module ([`crate::routes`]).
pub(crate) fn routes() -> Vec<crate::Route> {
    use crate::{Access, route};
    use axum::routing::get;
    use shijian_app::access::Action;
    vec![
        route(
            "GET",
            "/workbench/register",
            Access::Action(Action::ReadRegister),
            "辖区市场主体名录页面 / the register inside the jurisdiction (page)",
            &[("division", false), ("after", false), ("lang", false)],
            || get(register),
        ),
        route(
            "GET",
            "/lists/{list}",
            Access::Public,
            "公示名单页面 / a public credit list (page)",
            &[("prefecture", false), ("county", false), ("division", false), ("after", false), ("lang", false)],
            || get(public_list),
        ),
    ]
}
