//! The public penalty pages (行政处罚信息公示): `/penalties`, a search of the penalties public
//! today by party, decision number or credit code, newest decision first; and
//! `/penalties/{id}`, one record as 行政处罚信息公示规定 第六条 lists it, with the decision's
//! SHA-256 to check a copy against and the link to verify the record in the public log. A
//! record leaves both the day after its term, or when it is withdrawn or its publicity ended
//! early, exactly as if it had never been shown.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use shijian_app::case::PublicPenalties;
use shijian_core::case::procedure::{PenaltyType, Published};

use crate::AppState;
use crate::api::today;
use crate::case::{cursor_of, parse_cursor};
use crate::error::ApiError;
use crate::html::{en_in, page, switch};

/// Records a page of the search shows.
const PAGE: usize = 20;

/// A record as the pages show it.
struct Shown {
    id: String,
    number: String,
    party: String,
    party_kind: &'static str,
    entity: Option<String>,
    office: String,
    decided_on: String,
    violation: String,
    facts: String,
    basis: String,
    penalty: String,
    published_on: String,
    until: String,
    sha256: Option<String>,
}

/// A penalty in words: its types, the fine and the confiscated gains with their amounts (a
/// record's, a notice's or a decision's).
pub(crate) fn penalty_words(types: &[PenaltyType], fine_fen: i64, confiscated_fen: i64, en: bool) -> String {
    let t = crate::text::T::new(en);
    let yuan = shijian_core::case::benchmark::format_yuan;
    types
        .iter()
        .map(|k| match k {
            PenaltyType::Fine => t.fill("case.fine_of", yuan(fine_fen)),
            PenaltyType::ConfiscateGains if confiscated_fen > 0 => t.fill("case.confiscated_of", yuan(confiscated_fen)),
            other => if en { other.en() } else { other.zh() }.to_string(),
        })
        .collect::<Vec<_>>()
        .join(if en { "; " } else { "；" })
}

fn shown(p: Published, en: bool) -> Shown {
    let penalty = penalty_words(&p.types, p.fine_fen, p.confiscated_fen, en);
    Shown {
        office: p.office.authority_name(),
        party_kind: if en { p.party_kind.en() } else { p.party_kind.zh() },
        decided_on: p.decided_on.to_string(),
        published_on: p.on.to_string(),
        until: p.until.to_string(),
        sha256: p.document_sha256,
        id: p.id,
        number: p.number,
        party: p.party,
        entity: p.entity,
        violation: p.violation,
        facts: p.facts,
        basis: p.basis,
        penalty,
    }
}

#[derive(Template)]
#[template(path = "penalties.html")]
struct SearchPage {
    en: bool,
    switch: String,
    q: String,
    records: Vec<Shown>,
    next: Option<String>,
    first: Option<String>,
    error: Option<String>,
}

/// `GET /penalties[?q=][&after=]`: the penalties public today.
pub async fn search(State(state): State<AppState>, uri: Uri, Query(q): Query<HashMap<String, String>>) -> Response {
    let en = en_in(&q);
    let t = crate::text::T::new(en);
    let text = q.get("q").cloned().unwrap_or_default();
    let after = q.get("after").cloned().unwrap_or_default();
    let mut p = SearchPage {
        en,
        switch: switch(&uri, en),
        q: text.clone(),
        records: Vec::new(),
        next: None,
        first: None,
        error: None,
    };
    let found = async {
        let after = parse_cursor(&after)?;
        PublicPenalties { store: state.store() }.search(&text, after, PAGE + 1, today()).await
    }
    .await;
    match found {
        Ok(found) => {
            let more = found.len() > PAGE;
            let link = |after: Option<String>| {
                let mut pairs = Vec::new();
                if !text.trim().is_empty() {
                    pairs.push(("q", text.clone()));
                }
                if let Some(a) = after {
                    pairs.push(("after", a));
                }
                let query = serde_html_form::to_string(&pairs).unwrap_or_default();
                t.link(&if query.is_empty() { "/penalties".to_string() } else { format!("/penalties?{query}") })
            };
            p.next = if more { found.get(PAGE - 1).map(|r| link(Some(cursor_of(r)))) } else { None };
            p.first = (!after.is_empty()).then(|| link(None));
            p.records = found.into_iter().take(PAGE).map(|r| shown(r, en)).collect();
        }
        Err(e) => p.error = Some(crate::form::message(&e, en)),
    }
    page(&p)
}

#[derive(Template)]
#[template(path = "penalty.html")]
struct RecordPage {
    en: bool,
    switch: String,
    r: Shown,
    /// The public log event of the record, to verify.
    event: Option<String>,
}

/// `GET /penalties/{id}`: one penalty while it is public.
pub async fn record(
    State(state): State<AppState>,
    uri: Uri,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let en = en_in(&q);
    let p = match (PublicPenalties { store: state.store() }).get(&id, today()).await {
        Ok(p) => p,
        Err(e) => return ApiError(e).into_response(),
    };
    // The record's event in the public log: the last publication of the matter.
    let event = match state.store().events_of_subject(&p.id).await {
        Ok(events) => events
            .iter()
            .rev()
            .find(|e| e.kind == shijian_core::case::KIND_PUBLISHED && e.is_public_on(today()))
            .map(|e| e.id.clone()),
        Err(e) => return ApiError(e).into_response(),
    };
    page(&RecordPage { en, switch: switch(&uri, en), r: shown(p, en), event })
}

/// The routes of this module ([`crate::routes`]).
pub(crate) fn routes() -> Vec<crate::Route> {
    use crate::{Access, route};
    use axum::routing::get;
    vec![
        route(
            "GET",
            "/penalties",
            Access::Public,
            "行政处罚信息公示（页面）/ public penalty records (page)",
            &[("lang", false), ("q", false), ("after", false)],
            || get(search),
        ),
        route(
            "GET",
            "/penalties/{id}",
            Access::Public,
            "行政处罚信息（页面）/ a public penalty record (page)",
            &[("lang", false)],
            || get(record),
        ),
    ]
}
