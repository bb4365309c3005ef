//! The 12315 pages of the workbench (`/workbench/complaints`) and the enterprise's ODR page
//! (`/enterprise/{uscc}/odr`).
//!
//! Handlers see their offices' worklist with each deadline and the workdays left, open a
//! complaint to see what the consumer wrote, the register entries it may mean (with scores and
//! reasons) and the forms of the steps the procedure allows next; they publish narratives and
//! the consumer warnings the analysis drafts. Case officers see the case clues (诉转案) with
//! their 15-workday checks and record the decision. Supervisors see the analysis. An ODR
//! enterprise sees the complaints sent to it with their 10-workday deadlines and answers them.
//! Forms post an `action` to one route per role group; what may be done is decided in `app`.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use shijian_app::access::{Action, permits};
use shijian_app::complaints::analysis::Analysis;
use shijian_app::complaints::publish::ClueItem;
use shijian_app::complaints::{Complaints, WorkItem, matching};
use shijian_core::complaint::procedure::{RefusalGround, Step, TerminationGround};
use shijian_core::complaint::{Kind, Status, categories};
use shijian_core::event::Actor;
use shijian_core::{Code, DivisionCode, Error, Lang};

use crate::AppState;
use crate::api::today;
use crate::auth::PageCaller;
use crate::complaints::{StepBody, run_step};
use crate::extract::SignedForm;
use crate::html::{en_in, switch};
use crate::workbench::render;

/// A row of the worklist.
struct Row {
    id: String,
    kind: &'static str,
    status: &'static str,
    office: String,
    received_on: String,
    due: String,
    left: String,
    overdue: bool,
    paused: bool,
    business: String,
}

fn row(w: &WorkItem, en: bool) -> Row {
    let s = &w.complaint;
    Row {
        id: s.id.clone(),
        kind: if en { s.kind().as_str() } else { s.kind().zh() },
        status: if en { s.status.en() } else { s.status.zh() },
        office: format!("{} {}", s.office, s.office.name()),
        received_on: s.received_on.to_string(),
        due: w.deadlines.current.map(|d| crate::html::due_text(d, w.deadlines.provisional, en)).unwrap_or_else(|| {
            if w.deadlines.paused {
                if en { "paused (testing)" } else { "检测中，暂停计时" }.to_string()
            } else if let Some(y) = w.deadlines.uncovered {
                if en {
                    format!("unknown ({y} calendar missing)")
                } else {
                    format!("未知（缺{y}年节假日安排）")
                }
            } else {
                String::new()
            }
        }),
        left: w.workdays_left.map(|n| n.to_string()).unwrap_or_default(),
        overdue: w.overdue,
        paused: w.deadlines.paused,
        business: s.intake.business.name.clone(),
    }
}

/// The complaint opened on the page.
struct Open {
    id: String,
    kind: &'static str,
    status: &'static str,
    report: bool,
    received_on: String,
    office: String,
    party: String,
    business: String,
    business_address: String,
    entity: String,
    place: String,
    category: String,
    problem: String,
    amount: String,
    facts: String,
    request: String,
    due: String,
    overdue: bool,
    outcome: String,
    /// Steps the procedure allows now.
    steps: Vec<Step>,
    matches: Vec<matching::Candidate>,
    narrative: Option<String>,
    narrative_on: String,
    consent: bool,
}

impl Open {
    fn may(&self, step: Step) -> bool {
        self.steps.contains(&step)
    }
}

struct AlertRow {
    label: String,
    region: String,
    category: String,
    observed: u64,
    expected: String,
    ratio: String,
    window: String,
    title: String,
    body: String,
}

struct TrendRow {
    name: String,
    /// The monthly counts, for the chart's title.
    counts: String,
    last_year: u64,
    change: String,
    /// Bar width in per cent of the largest.
    bar: u64,
    /// The months as an SVG polyline (120 × 24).
    spark: String,
}

struct ClueRow {
    id: String,
    entity: String,
    /// The business's name in the register (the code alone when it is not there).
    name: String,
    rule: String,
    law: String,
    office: String,
    complaints: usize,
    window: String,
    flagged_on: String,
    due: String,
    overdue: bool,
    decided: String,
    /// The enforcement matter the clue became, when filed.
    case: String,
}

fn clue_row(c: &ClueItem, name: String, en: bool) -> ClueRow {
    let f = &c.clue.flagged;
    ClueRow {
        id: f.id.clone(),
        entity: f.entity.clone(),
        name,
        rule: format!(
            "{}{}",
            if en { c.rule_en } else { c.rule_zh },
            f.problem.as_deref().map(|p| format!("（{}）", categories::label(p, en))).unwrap_or_default()
        ),
        law: c.law.unwrap_or("").to_string(),
        office: f.office.name().to_string(),
        complaints: f.complaints.len(),
        window: format!("{} – {}", f.from, f.to),
        flagged_on: f.on.to_string(),
        due: c.due.map(|d| crate::html::due_text(d, c.due_provisional, en)).unwrap_or_default(),
        overdue: c.overdue,
        decided: c
            .clue
            .decided
            .as_ref()
            .map(|d| match (d.filed, en) {
                (true, false) => format!("已立案：{}", d.reason),
                (false, false) => format!("不予立案：{}", d.reason),
                (true, true) => format!("case opened: {}", d.reason),
                (false, true) => format!("no case: {}", d.reason),
            })
            .unwrap_or_default(),
        case: c.clue.decided.as_ref().and_then(|d| d.case.clone()).unwrap_or_default(),
    }
}

/// The desk's three parts, each its own page: a handler's worklist (and the complaint opened
/// from it), the supervisors' analysis with its draft warnings, and the case officers' clues.
/// One page held all three and grew tens of thousands of pixels tall with a province's data.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Part {
    Worklist,
    Analysis,
    Clues,
}

impl Part {
    fn path(self) -> &'static str {
        match self {
            Part::Worklist => "/workbench/complaints",
            Part::Analysis => "/workbench/complaints/analysis",
            Part::Clues => "/workbench/complaints/clues",
        }
    }
}

/// Rows a page of the worklist shows.
const PAGE_ROWS: usize = 50;

/// Clues a page shows: each row carries its decision form, so fewer fit a screen.
const CLUE_ROWS: usize = 20;

/// A choice of a filter's `<select>`: the value sent and its label in the page's language.
struct Choice {
    value: String,
    label: String,
}

/// The filters of a part as typed (query fields), shown again in the filter form and carried
/// by the page links.
#[derive(Default)]
struct Filters {
    status: String,
    kind: String,
    office: String,
    from: String,
    to: String,
    page: usize,
}

impl Filters {
    fn of(q: &HashMap<String, String>) -> Filters {
        let get = |k: &str| q.get(k).map(|v| v.trim().to_string()).unwrap_or_default();
        Filters {
            status: get("status"),
            kind: get("kind"),
            office: get("office"),
            from: get("from"),
            to: get("to"),
            page: get("page").parse::<usize>().unwrap_or(1).max(1),
        }
    }

    /// The office chosen, when it is a division inside `scope`; any other value is ignored (a
    /// link from another office's page shows this office's whole list).
    fn office_in(&self, scope: DivisionCode) -> Option<DivisionCode> {
        DivisionCode::parse(&self.office).ok().filter(|d| scope.contains(*d))
    }

    /// Whether `day` lies within the dates chosen (either may be blank).
    fn dated(&self, day: chrono::NaiveDate) -> bool {
        let from = shijian_core::parse_date(&self.from).ok();
        let to = shijian_core::parse_date(&self.to).ok();
        from.is_none_or(|f| day >= f) && to.is_none_or(|t| day <= t)
    }

    /// The link to page `n` of `part` with these filters, in the page's language.
    fn link(&self, part: Part, n: usize, en: bool) -> String {
        let mut q: Vec<(&str, String)> = Vec::new();
        for (k, v) in [
            ("status", &self.status),
            ("kind", &self.kind),
            ("office", &self.office),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if !v.is_empty() {
                q.push((k, v.clone()));
            }
        }
        if n > 1 {
            q.push(("page", n.to_string()));
        }
        if en {
            q.push(("lang", "en".into()));
        }
        let query = serde_html_form::to_string(&q).unwrap_or_default();
        if query.is_empty() { part.path().to_string() } else { format!("{}?{query}", part.path()) }
    }
}

/// Page `page` (from 1) of `items`, and the links to the pages before and after it.
fn paged<X>(items: Vec<X>, f: &Filters, part: Part, en: bool) -> (Vec<X>, Option<String>, Option<String>, usize) {
    let per = if part == Part::Clues { CLUE_ROWS } else { PAGE_ROWS };
    let pages = items.len().div_ceil(per).max(1);
    let page = f.page.min(pages);
    let prev = (page > 1).then(|| f.link(part, page - 1, en));
    let next = (page < pages).then(|| f.link(part, page + 1, en));
    let rows = items.into_iter().skip((page - 1) * per).take(per).collect();
    (rows, prev, next, page)
}

/// The offices in `offices` (with their names), in code order, for a filter's choices.
fn office_choices(offices: impl Iterator<Item = DivisionCode>) -> Vec<Choice> {
    let set: std::collections::BTreeSet<DivisionCode> = offices.collect();
    set.into_iter().map(|d| Choice { value: d.to_string(), label: d.name().to_string() }).collect()
}

#[derive(Template)]
#[template(path = "complaint_desk.html")]
struct DeskPage {
    en: bool,
    switch: String,
    csrf: String,
    display_name: String,
    office: String,
    /// The part shown.
    part: Part,
    handler: bool,
    case_officer: bool,
    analyst: bool,
    notice: Option<String>,
    error: Option<String>,
    /// The filters as typed, for the filter form.
    status: String,
    kind: String,
    office_filter: String,
    from: String,
    to: String,
    statuses: Vec<Choice>,
    kinds: Vec<Choice>,
    offices: Vec<Choice>,
    /// How many rows match the filters (all pages), and the page shown.
    found: usize,
    page: usize,
    prev: Option<String>,
    next: Option<String>,
    rows: Vec<Row>,
    overdue: usize,
    open: Option<Open>,
    refusal_grounds: Vec<(&'static str, &'static str)>,
    termination_grounds: Vec<(&'static str, &'static str)>,
    first_month: String,
    last_month: String,
    categories: Vec<TrendRow>,
    regions: Vec<TrendRow>,
    alerts: Vec<AlertRow>,
    analysed: String,
    clues: Vec<ClueRow>,
    /// The clue whose decision form was refused, and the refusal of its `filed` field (shown
    /// beside the field).
    clue_refused: String,
    filed_error: String,
    values: HashMap<String, String>,
}

impl DeskPage {
    fn v(&self, field: &str) -> &str {
        self.values.get(field).map_or("", String::as_str)
    }

    /// The link to `part` in the page's language.
    fn tab(&self, part: Part) -> String {
        crate::text::T::new(self.en).link(part.path())
    }
}

fn trend_rows(trends: &[shijian_app::complaints::analysis::Trend], en: bool, n: usize) -> Vec<TrendRow> {
    let max = trends.iter().map(|t| t.last_year).max().unwrap_or(1).max(1);
    trends
        .iter()
        .take(n)
        .map(|t| TrendRow {
            name: if en { t.en.clone() } else { t.zh.clone() },
            counts: t.counts.iter().map(u64::to_string).collect::<Vec<_>>().join(" "),
            last_year: t.last_year,
            change: t
                .change_permille()
                .map(|p| format!("{}{}.{}%", if p < 0 { "−" } else { "+" }, p.abs() / 10, p.abs() % 10))
                .unwrap_or_default(),
            bar: t.last_year * 100 / max,
            spark: {
                let top = t.counts.iter().copied().max().unwrap_or(1).max(1) as f64;
                let step = 120.0 / (t.counts.len().max(2) - 1) as f64;
                t.counts
                    .iter()
                    .enumerate()
                    .map(|(i, n)| format!("{:.1},{:.1}", i as f64 * step, 22.0 - 20.0 * *n as f64 / top))
                    .collect::<Vec<_>>()
                    .join(" ")
            },
        })
        .collect()
}

/// The analysis of `scope` today, kept for ten minutes.
async fn analysis(state: &AppState, scope: DivisionCode) -> Result<std::sync::Arc<Analysis>, Error> {
    state.analysis(scope, today()).await
}

/// What a page of the desk is built from besides the caller: the part, its filters (query
/// fields), the complaint opened, and what a refused form left to show.
struct Ask<'a> {
    part: Part,
    q: &'a HashMap<String, String>,
    id: Option<&'a str>,
    notice: Option<String>,
    error: Option<String>,
    values: HashMap<String, String>,
    clue_refused: String,
    filed_error: String,
}

async fn build(state: &AppState, uri: &Uri, page: &PageCaller, en: bool, ask: Ask<'_>) -> Result<DeskPage, Error> {
    let account = page.caller.account.as_ref().ok_or_else(|| Error::new(Code::SignInRequired))?;
    let actor = &page.caller.actor;
    let me = Complaints::new(state.store());
    let today = today();
    let office = account.office.unwrap_or(DivisionCode::parse("420000")?);
    let handler = permits(account.role, Action::HandleComplaint);
    let case_officer = permits(account.role, Action::CheckClue);
    let analyst = permits(account.role, Action::AnalyseComplaints);
    let f = Filters::of(ask.q);
    let t = crate::text::T::new(en);
    let mut p = DeskPage {
        en,
        switch: switch(uri, en),
        csrf: page.csrf.clone().unwrap_or_default(),
        display_name: account.display_name.clone(),
        office: office.full_name(),
        part: ask.part,
        handler,
        case_officer,
        analyst,
        notice: ask.notice,
        error: ask.error,
        status: f.status.clone(),
        kind: f.kind.clone(),
        office_filter: f.office.clone(),
        from: f.from.clone(),
        to: f.to.clone(),
        statuses: Vec::new(),
        kinds: Vec::new(),
        offices: Vec::new(),
        found: 0,
        page: 1,
        prev: None,
        next: None,
        rows: Vec::new(),
        overdue: 0,
        open: None,
        refusal_grounds: RefusalGround::ALL.iter().map(|g| (g.as_str(), if en { g.en() } else { g.zh() })).collect(),
        termination_grounds: TerminationGround::ALL
            .iter()
            .map(|g| (g.as_str(), if en { g.en() } else { g.zh() }))
            .collect(),
        first_month: String::new(),
        last_month: String::new(),
        categories: Vec::new(),
        regions: Vec::new(),
        alerts: Vec::new(),
        analysed: String::new(),
        clues: Vec::new(),
        clue_refused: ask.clue_refused,
        filed_error: ask.filed_error,
        values: ask.values,
    };
    match ask.part {
        Part::Worklist if handler => {
            let items = me.worklist(actor, office, today).await?;
            p.statuses = Status::ALL
                .iter()
                .filter(|s| items.iter().any(|w| w.complaint.status == **s))
                .map(|s| Choice { value: s.as_str().into(), label: (if en { s.en() } else { s.zh() }).into() })
                .collect();
            p.kinds = [Kind::Complaint, Kind::Report]
                .iter()
                .map(|k| Choice { value: k.as_str().into(), label: (if en { k.as_str() } else { k.zh() }).into() })
                .collect();
            p.offices = office_choices(items.iter().map(|w| w.complaint.office));
            let chosen = f.office_in(office);
            let items: Vec<WorkItem> = items
                .into_iter()
                .filter(|w| {
                    let s = &w.complaint;
                    (f.status.is_empty() || s.status.as_str() == f.status)
                        && (f.kind.is_empty() || s.kind().as_str() == f.kind)
                        && chosen.is_none_or(|o| o.contains(s.office))
                        && f.dated(s.received_on)
                })
                .collect();
            p.found = items.len();
            p.overdue = items.iter().filter(|w| w.overdue).count();
            let (rows, prev, next, n) = paged(items, &f, Part::Worklist, en);
            (p.rows, p.prev, p.next, p.page) = (rows.iter().map(|w| row(w, en)).collect(), prev, next, n);
            if let Some(id) = ask.id.filter(|i| !i.is_empty()) {
                p.open = Some(open(&me, actor, id, today, en).await?);
            }
        }
        Part::Analysis if analyst => {
            // The scope: the caller's office, or a region inside it chosen from the analysis's
            // own list of regions.
            let whole = analysis(state, office).await?;
            p.offices = whole
                .by_region
                .iter()
                .filter_map(|r| DivisionCode::parse(&r.key).ok())
                .filter(|d| *d != office && office.contains(*d))
                .map(|d| Choice { value: d.to_string(), label: d.name().to_string() })
                .collect();
            let a = match f.office_in(office).filter(|d| *d != office) {
                Some(region) => analysis(state, region).await?,
                None => whole,
            };
            p.first_month = a.months.first().cloned().unwrap_or_default();
            p.last_month = a.months.last().cloned().unwrap_or_default();
            p.categories = trend_rows(&a.by_category, en, 12);
            p.regions = trend_rows(&a.by_region, en, 20);
            p.analysed = format!("{} – {} · {}", a.window.0, a.window.1, a.read);
            p.alerts = a
                .alerts
                .iter()
                .map(|x| AlertRow {
                    label: x.label.clone(),
                    region: x.series.region.to_string(),
                    category: x.series.category.clone().unwrap_or_default(),
                    observed: x.verdict.observed,
                    expected: format!("{:.1}", x.verdict.expected),
                    ratio: format!("{:.1}", x.verdict.ratio),
                    window: format!("{}/{}", x.window.0, x.window.1),
                    title: x.draft.title.clone(),
                    body: x.draft.body.clone(),
                })
                .collect();
        }
        Part::Clues if case_officer => {
            let all = me.clues(actor, office, false, today).await?;
            p.statuses = [("open", "complaint_desk.clue_open"), ("decided", "complaint_desk.clue_decided")]
                .iter()
                .map(|(v, k)| Choice { value: (*v).into(), label: t.get(k).into() })
                .collect();
            p.offices = office_choices(all.iter().map(|c| c.clue.flagged.office));
            let chosen = f.office_in(office);
            let items: Vec<ClueItem> = all
                .into_iter()
                .filter(|c| {
                    let flagged = &c.clue.flagged;
                    let state_ok = match f.status.as_str() {
                        "open" => c.clue.decided.is_none(),
                        "decided" => c.clue.decided.is_some(),
                        _ => true,
                    };
                    state_ok && chosen.is_none_or(|o| o.contains(flagged.office)) && f.dated(flagged.on)
                })
                .collect();
            p.found = items.len();
            p.overdue = items.iter().filter(|c| c.overdue).count();
            let (rows, prev, next, n) = paged(items, &f, Part::Clues, en);
            (p.prev, p.next, p.page) = (prev, next, n);
            for c in &rows {
                let name = clue_business(state, c).await?;
                p.clues.push(clue_row(c, name, en));
            }
        }
        _ => {}
    }
    Ok(p)
}

/// The name of a clue's business: the register's, or, for a code the register does not hold,
/// the name the first of its complaints gave; blank when neither is known (the page then shows
/// the code alone).
async fn clue_business(state: &AppState, c: &ClueItem) -> Result<String, Error> {
    let f = &c.clue.flagged;
    if let Some(e) = state.store().entity(&f.entity).await? {
        return Ok(e.state.entity.name.clone());
    }
    Ok(match f.complaints.first() {
        Some(id) => state.store().complaint(id).await?.map(|s| s.intake.business.name).unwrap_or_default(),
        None => String::new(),
    })
}

/// The complaint `id` as the handler opens it: what the consumer wrote, the register entries
/// it may mean, and the steps the procedure allows now.
async fn open(me: &Complaints<'_>, actor: &Actor, id: &str, today: chrono::NaiveDate, en: bool) -> Result<Open, Error> {
    let s = me.get(actor, id).await?;
    let w = me.item(s.clone(), today).await?;
    let matches = if s.entity.is_none() { me.matches(actor, id, 5).await? } else { Vec::new() };
    let narrative = if s.intake.consent_to_publish && s.status.closed() && s.narrative_on.is_none() {
        Some(me.narrative_draft(actor, id).await?.text)
    } else {
        None
    };
    let party = &s.intake.party;
    Ok(Open {
        id: s.id.clone(),
        kind: if en { s.kind().as_str() } else { s.kind().zh() },
        status: if en { s.status.en() } else { s.status.zh() },
        report: s.kind() == Kind::Report,
        received_on: s.received_on.to_string(),
        office: s.office.full_name(),
        party: [party.name.clone(), party.phone.clone(), party.address.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · "),
        business: s.intake.business.name.clone(),
        business_address: s.intake.business.address.clone().unwrap_or_default(),
        entity: s.entity.clone().unwrap_or_default(),
        place: s.intake.place.full_name(),
        category: categories::label(&s.intake.category, en).to_string(),
        problem: categories::label(&s.intake.problem, en).to_string(),
        amount: s.intake.amount.clone().unwrap_or_default(),
        facts: s.intake.facts.clone(),
        request: s.intake.request.clone(),
        due: row(&w, en).due,
        overdue: w.overdue,
        outcome: s.outcome(),
        steps: s.next_steps(),
        matches,
        narrative,
        narrative_on: s.narrative_on.map(|d| d.to_string()).unwrap_or_default(),
        consent: s.intake.consent_to_publish,
    })
}

/// A part of the desk as asked by a link: its filters, the complaint opened, the notice of
/// what was just done.
async fn show(state: AppState, uri: Uri, page: PageCaller, q: HashMap<String, String>, part: Part) -> Response {
    let en = en_in(&q);
    if page.caller.account.is_none() {
        return crate::workbench::to_signin(&uri, en);
    }
    let notice = q.get("done").map(|d| done_text(d, en)).filter(|t| !t.is_empty());
    let ask = Ask {
        part,
        q: &q,
        id: q.get("id").map(String::as_str),
        notice,
        error: None,
        values: HashMap::new(),
        clue_refused: String::new(),
        filed_error: String::new(),
    };
    match build(&state, &uri, &page, en, ask).await {
        Ok(p) => render(&p, StatusCode::OK),
        Err(e) => crate::error::ApiError(e).into_response(),
    }
}

/// `GET /workbench/complaints[?status=…][&kind=…][&office=…][&from=D][&to=D][&page=N][&id=ID][&done=ACTION]`:
/// the handler's worklist, filtered and 50 a page, with the complaint `id` opened above it.
pub async fn page(
    State(state): State<AppState>,
    uri: Uri,
    page: PageCaller,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    show(state, uri, page, q, Part::Worklist).await
}

/// `GET /workbench/complaints/analysis[?office=REGION]`: the analysis of the office's
/// complaints (or of a region inside it) with its draft consumer warnings.
pub async fn analysis_page(
    State(state): State<AppState>,
    uri: Uri,
    page: PageCaller,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    show(state, uri, page, q, Part::Analysis).await
}

/// `GET /workbench/complaints/clues[?status=open|decided][&office=…][&from=D][&to=D][&page=N]`:
/// the case clues with their checks, filtered and 20 a page.
pub async fn clues_page(
    State(state): State<AppState>,
    uri: Uri,
    page: PageCaller,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    show(state, uri, page, q, Part::Clues).await
}

fn done_text(action: &str, en: bool) -> String {
    match (action, en) {
        ("warning", false) => "消费警示已发布。",
        ("warning", true) => "The consumer warning is published.",
        ("narrative", false) => "投诉内容已公开（已去除个人信息）。",
        ("narrative", true) => "The narrative is published (personal data removed).",
        ("clue", false) => "线索核查结果已记录。",
        ("clue", true) => "The clue's check is recorded.",
        ("answer", false) => "答复已提交。",
        ("answer", true) => "The answer is sent.",
        ("join", false) => "已加入在线消费纠纷解决（ODR）。",
        ("join", true) => "Joined online dispute resolution.",
        ("leave", false) => "已退出在线消费纠纷解决（ODR）。",
        ("leave", true) => "Left online dispute resolution.",
        (_, false) => "已办理。",
        (_, true) => "Done.",
    }
    .to_string()
}

/// The fields of the step form: the complaint (`id`), the step (`action`: a [`Step`]'s name, or
/// `narrative`) and what the step needs. Kept as text: the step and its fields are checked by
/// the core, which names the field it refuses, and the page is shown again with what was typed.
#[derive(Deserialize)]
pub struct StepsForm {
    #[serde(default)]
    id: String,
    #[serde(default)]
    action: String,
    /// The narrative to publish.
    #[serde(default)]
    text: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    ground: String,
    #[serde(default)]
    office: String,
    #[serde(default)]
    entity: String,
    #[serde(default)]
    score: String,
    #[serde(default)]
    agreement: String,
    #[serde(default)]
    recovered: String,
    /// `yes` or `no` (a case decision), else none.
    #[serde(default)]
    filed: String,
}

/// The fields of the consumer-warning form: where, what, and the figures of the alert it came
/// from (`observed`, `expected`, `window` as `from/to`; all three or none).
#[derive(Deserialize)]
pub struct WarningForm {
    #[serde(default)]
    region: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    observed: String,
    #[serde(default)]
    expected: String,
    #[serde(default)]
    window: String,
}

/// The fields of a clue's decision: the clue, `filed` (`yes`, `no`; anything else is refused
/// as `complaint_field`, as by the API) and the reason.
#[derive(Deserialize)]
pub struct ClueForm {
    #[serde(default)]
    clue: String,
    #[serde(default)]
    filed: String,
    #[serde(default)]
    reason: String,
}

/// `POST /workbench/complaints/steps`: `action` is a step of the procedure (`accept`,
/// `refuse`, `transfer`, `mediated`, `terminate`, `notified`, `confirm_entity`, …) or
/// `narrative`, on the complaint `id`.
pub async fn steps(
    state: State<AppState>,
    uri: Uri,
    q: Query<HashMap<String, String>>,
    SignedForm { page, form }: SignedForm<StepsForm>,
) -> Response {
    act(state, uri, q, page, Posted::Steps(form)).await
}

/// `POST /workbench/complaints/warnings`: `publish` a consumer warning (`region`, `category`,
/// `title`, `body`, and the figures of the alert it came from).
pub async fn warnings(
    state: State<AppState>,
    uri: Uri,
    q: Query<HashMap<String, String>>,
    SignedForm { page, form }: SignedForm<WarningForm>,
) -> Response {
    act(state, uri, q, page, Posted::Warnings(form)).await
}

/// `POST /workbench/complaints/clues`: `decide` a clue (`clue`, `filed`, `reason`).
pub async fn clues(
    state: State<AppState>,
    uri: Uri,
    q: Query<HashMap<String, String>>,
    SignedForm { page, form }: SignedForm<ClueForm>,
) -> Response {
    act(state, uri, q, page, Posted::Clues(form)).await
}

/// What one of the desk's forms posted.
enum Posted {
    Steps(StepsForm),
    Warnings(WarningForm),
    Clues(ClueForm),
}

impl Posted {
    /// The typed values the page shows again after a refusal.
    fn values(&self) -> HashMap<String, String> {
        let pairs: Vec<(&str, &str)> = match self {
            Posted::Steps(f) => {
                vec![("text", &f.text), ("reason", &f.reason), ("agreement", &f.agreement), ("recovered", &f.recovered)]
            }
            Posted::Warnings(_) => Vec::new(),
            Posted::Clues(f) => vec![("reason", &f.reason)],
        };
        pairs.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }
}

async fn act(
    State(state): State<AppState>,
    uri: Uri,
    Query(q): Query<HashMap<String, String>>,
    page: PageCaller,
    posted: Posted,
) -> Response {
    let en = en_in(&q);
    let me = Complaints::new(state.store());
    let actor = &page.caller.actor;
    let now = chrono::Utc::now();
    let id = match &posted {
        Posted::Steps(f) => f.id.trim().to_string(),
        _ => String::new(),
    };
    let done: Result<&'static str, Error> = async {
        match &posted {
            Posted::Steps(f) if f.action.trim() == "narrative" => {
                me.publish_narrative(actor, &id, f.text.trim(), now).await.map(|_| "narrative")
            }
            Posted::Steps(f) => {
                let b = StepBody {
                    step: Step::parse(f.action.trim())?,
                    reason: f.reason.trim().to_string(),
                    ground: f.ground.trim().to_string(),
                    office: f.office.trim().to_string(),
                    entity: f.entity.trim().to_string(),
                    score: f.score.trim().parse().ok(),
                    agreement: f.agreement.trim().to_string(),
                    recovered: f.recovered.trim().to_string(),
                    filed: match f.filed.trim() {
                        "yes" => Some(true),
                        "no" => Some(false),
                        _ => None,
                    },
                };
                run_step(&me, actor, &id, &b).await.map(|_| "step")
            }
            Posted::Warnings(f) => {
                let region = DivisionCode::parse(f.region.trim())?;
                let figures = match (f.observed.trim().parse(), f.expected.trim().parse(), f.window.trim()) {
                    (Ok(o), Ok(e), w) => w.split_once('/').and_then(|(a, b)| {
                        Some((o, e, (shijian_core::parse_date(a).ok()?, shijian_core::parse_date(b).ok()?)))
                    }),
                    _ => None,
                };
                let category = Some(f.category.trim().to_string());
                me.publish_warning(actor, region, category, f.title.trim(), f.body.trim(), figures, now)
                    .await
                    .map(|_| "warning")
            }
            Posted::Clues(f) => {
                // The form offers no default: the officer chooses, and a form sent without a
                // choice is refused here, beside the field.
                let filed = match f.filed.trim() {
                    "yes" => true,
                    "no" => false,
                    other => {
                        return Err(Error::new(Code::ComplaintField).with("field", "filed").with("reason", other));
                    }
                };
                me.decide_clue(actor, f.clue.trim(), filed, f.reason.trim(), now).await.map(|_| "clue")
            }
        }
    }
    .await;
    let part = match posted {
        Posted::Steps(_) => Part::Worklist,
        Posted::Warnings(_) => Part::Analysis,
        Posted::Clues(_) => Part::Clues,
    };
    let lang = if en { "&lang=en" } else { "" };
    match done {
        Ok(what) => {
            let open = if part == Part::Worklist { format!("&id={id}") } else { String::new() };
            Redirect::to(&format!("{}?done={what}{open}{lang}", part.path())).into_response()
        }
        Err(e) => {
            let status = crate::error::status_of(&e);
            let lang_of = if en { Lang::En } else { Lang::Zh };
            // A clue's decision refused for want of a choice says so beside the choice.
            let (clue_refused, filed_error, message) = match &posted {
                Posted::Clues(f) if e.code() == Code::ComplaintField && e.detail("field") == Some("filed") => {
                    let words = crate::text::T::new(en).get("complaint_desk.choose_a_decision").to_string();
                    (f.clue.trim().to_string(), words.clone(), words)
                }
                _ => (String::new(), String::new(), e.message(lang_of)),
            };
            let ask = Ask {
                part,
                q: &q,
                id: (part == Part::Worklist).then_some(id.as_str()),
                notice: None,
                error: Some(message),
                values: posted.values(),
                clue_refused,
                filed_error,
            };
            match build(&state, &uri, &page, en, ask).await {
                Ok(p) => crate::error::noting(render(&p, status), &e),
                Err(e) => crate::error::ApiError(e).into_response(),
            }
        }
    }
}

// ----- the enterprise's ODR page -----

struct OdrRow {
    id: String,
    received_on: String,
    category: String,
    problem: String,
    amount: String,
    facts: String,
    request: String,
    due: String,
    overdue: bool,
    answered: String,
    may_answer: bool,
}

#[derive(Template)]
#[template(path = "odr.html")]
struct OdrPage {
    en: bool,
    switch: String,
    csrf: String,
    uscc: String,
    name: String,
    member: bool,
    joined_on: String,
    notice: Option<String>,
    error: Option<String>,
    rows: Vec<OdrRow>,
    scorecard: Option<shijian_app::complaints::disclosure::OdrScorecard>,
    /// An answer refused, as typed, to show again in its complaint's form.
    typed: Option<OdrTyped>,
}

/// What was typed into an answer's form.
struct OdrTyped {
    id: String,
    settled: bool,
    method: String,
    answer: String,
}

impl OdrPage {
    /// What was typed into the answer form of complaint `id`, when its answer was refused.
    fn typed_for(&self, id: &str) -> Option<&OdrTyped> {
        self.typed.as_ref().filter(|t| t.id == id)
    }

    /// Whether the answer form of complaint `id` says settled (so it does at first).
    fn settled(&self, id: &str) -> bool {
        self.typed_for(id).is_none_or(|t| t.settled)
    }
}

async fn odr_build(
    state: &AppState,
    uri: &Uri,
    page: &PageCaller,
    uscc: &str,
    en: bool,
    notice: Option<String>,
    error: Option<String>,
) -> Result<OdrPage, Error> {
    let code = shijian_core::Uscc::parse(uscc)?;
    let actor = &page.caller.actor;
    let row = state
        .store()
        .entity(code.as_str())
        .await?
        .ok_or_else(|| Error::new(Code::RegistryUnknownEntity).with("uscc", code.as_str()))?;
    let me = Complaints::new(state.store());
    let items = me.odr_inbox(actor, code.as_str(), today()).await?;
    let member = state.store().odr_member(code.as_str()).await?.filter(|m| m.active());
    let d = shijian_app::complaints::disclosure::disclosure(state.store(), code.as_str(), today()).await?;
    Ok(OdrPage {
        en,
        switch: switch(uri, en),
        csrf: page.csrf.clone().unwrap_or_default(),
        uscc: code.to_string(),
        name: row.state.entity.name.clone(),
        member: member.is_some(),
        joined_on: member.map(|m| m.joined_on.to_string()).unwrap_or_default(),
        notice,
        error,
        rows: items
            .iter()
            .map(|w| {
                let s = &w.complaint;
                let odr = s.odr.as_ref();
                OdrRow {
                    id: s.id.clone(),
                    received_on: s.received_on.to_string(),
                    category: categories::label(&s.intake.category, en).to_string(),
                    problem: categories::label(&s.intake.problem, en).to_string(),
                    amount: s.intake.amount.clone().unwrap_or_default(),
                    facts: s.intake.facts.clone(),
                    request: s.intake.request.clone(),
                    due: w
                        .deadlines
                        .odr_due
                        .map(|d| crate::html::due_text(d, w.deadlines.provisional, en))
                        .unwrap_or_default(),
                    overdue: w.overdue,
                    answered: odr
                        .and_then(|o| o.answered_on.map(|d| (d, o.settled.unwrap_or(false))))
                        .map(|(d, settled)| match (settled, en) {
                            (true, false) => format!("{d} 已和解"),
                            (false, false) => format!("{d} 未和解"),
                            (true, true) => format!("{d} settled"),
                            (false, true) => format!("{d} not settled"),
                        })
                        .unwrap_or_default(),
                    may_answer: s.status == Status::Odr && odr.is_some_and(|o| o.answered_on.is_none()),
                }
            })
            .collect(),
        scorecard: d.odr,
        typed: None,
    })
}

/// `GET /enterprise/{uscc}/odr`: the ODR enterprise's complaints and answers.
pub async fn odr_page(
    State(state): State<AppState>,
    uri: Uri,
    page: PageCaller,
    Path(uscc): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let en = en_in(&q);
    if page.caller.account.is_none() {
        return crate::workbench::to_signin(&uri, en);
    }
    let notice = q.get("done").map(|d| done_text(d, en));
    match odr_build(&state, &uri, &page, &uscc, en, notice, None).await {
        Ok(p) => render(&p, StatusCode::OK),
        Err(e) => crate::error::ApiError(e).into_response(),
    }
}

/// What the ODR page's forms ask.
#[derive(Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OdrAction {
    Join,
    Leave,
    Answer,
}

impl OdrAction {
    fn as_str(self) -> &'static str {
        match self {
            OdrAction::Join => "join",
            OdrAction::Leave => "leave",
            OdrAction::Answer => "answer",
        }
    }
}

/// The fields of the ODR page's forms: the action, and for an answer the complaint (`id`),
/// whether it was settled (`settled=yes`), how, and the answer.
#[derive(Deserialize)]
pub struct OdrForm {
    action: OdrAction,
    #[serde(default)]
    id: String,
    #[serde(default)]
    settled: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    answer: String,
}

/// `POST /enterprise/{uscc}/odr`: `join`, `leave`, or `answer` (`id`, `settled`, `method`,
/// `answer`); another action is a typed 400 (`request_invalid`).
pub async fn odr_act(
    State(state): State<AppState>,
    uri: Uri,
    Path(uscc): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    SignedForm { page, form: f }: SignedForm<OdrForm>,
) -> Response {
    let en = en_in(&q);
    let me = Complaints::new(state.store());
    let actor = &page.caller.actor;
    let now = chrono::Utc::now();
    let action = f.action.as_str();
    let done: Result<(), Error> = async {
        match f.action {
            OdrAction::Join => me.odr_join(actor, &uscc, now).await,
            OdrAction::Leave => me.odr_leave(actor, &uscc, now).await,
            OdrAction::Answer => me
                .odr_answer(actor, f.id.trim(), f.settled.trim() == "yes", f.method.trim(), f.answer.trim(), now)
                .await
                .map(drop),
        }
    }
    .await;
    let lang = if en { "?lang=en&" } else { "?" };
    match done {
        Ok(()) => Redirect::to(&format!("/enterprise/{uscc}/odr{lang}done={action}")).into_response(),
        Err(e) => {
            let status = crate::error::status_of(&e);
            let message = e.message(if en { Lang::En } else { Lang::Zh });
            match odr_build(&state, &uri, &page, &uscc, en, None, Some(message)).await {
                Ok(mut p) => {
                    p.typed = (f.action == OdrAction::Answer).then(|| OdrTyped {
                        id: f.id.trim().to_string(),
                        settled: f.settled.trim() == "yes",
                        method: f.method.clone(),
                        answer: f.answer.clone(),
                    });
                    crate::error::noting(render(&p, status), &e)
                }
                Err(e) => crate::error::ApiError(e).into_response(),
            }
        }
    }
}

/// This module's entry on the workbench's menu: 12315 work, for handlers, case officers and
/// those who read the analysis.
pub(crate) fn workbench() -> Vec<crate::Entry> {
    vec![crate::Entry {
        path: "/workbench/complaints",
        id: "complaints",
        label: "workbench.12315_complaints",
        actions: &[Action::HandleComplaint, Action::CheckClue, Action::AnalyseComplaints],
    }]
}

/// The routes of this module ([`crate::routes`]).
pub(crate) fn routes() -> Vec<crate::Route> {
    use crate::{Access, route};
    use axum::routing::{get, post};
    use shijian_app::access::Action;
    vec![
        route(
            "GET",
            "/workbench/complaints",
            Access::SignedIn,
            "12315投诉举报待办与办理（页面）/ the 12315 worklist and a complaint's steps (page)",
            &[
                ("lang", false),
                ("done", false),
                ("id", false),
                ("status", false),
                ("kind", false),
                ("office", false),
                ("from", false),
                ("to", false),
                ("page", false),
            ],
            || get(page),
        ),
        route(
            "GET",
            "/workbench/complaints/analysis",
            Access::SignedIn,
            "12315投诉举报分析与消费警示草稿（页面）/ the 12315 analysis and draft warnings (page)",
            &[("lang", false), ("done", false), ("office", false)],
            || get(analysis_page),
        ),
        route(
            "GET",
            "/workbench/complaints/clues",
            Access::SignedIn,
            "诉转案线索（页面）/ the case clues from complaints (page)",
            &[
                ("lang", false),
                ("done", false),
                ("status", false),
                ("office", false),
                ("from", false),
                ("to", false),
                ("page", false),
            ],
            || get(clues_page),
        ),
        route(
            "POST",
            "/workbench/complaints/steps",
            Access::Action(Action::HandleComplaint),
            "投诉举报办理环节与公开投诉内容（表单）/ a step on a complaint, or its narrative (form)",
            &[("lang", false)],
            || post(steps),
        ),
        route(
            "POST",
            "/workbench/complaints/warnings",
            Access::Action(Action::HandleComplaint),
            "发布消费警示（表单）/ publish a consumer warning (form)",
            &[("lang", false)],
            || post(warnings),
        ),
        route(
            "POST",
            "/workbench/complaints/clues",
            Access::Action(Action::DecideClue),
            "诉转案线索核查结果（表单）/ the check of a case clue (form)",
            &[("lang", false)],
            || post(clues),
        ),
        route(
            "GET",
            "/enterprise/{uscc}/odr",
            Access::Action(Action::ManageOdr),
            "企业在线消费纠纷解决（ODR）页面 / the enterprise's ODR page",
            &[("lang", false), ("done", false)],
            || get(odr_page),
        ),
        route(
            "POST",
            "/enterprise/{uscc}/odr",
            Access::Action(Action::ManageOdr),
            "加入、退出ODR与答复投诉（表单）/ join, leave, answer (form)",
            &[("lang", false)],
            || post(odr_act),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The desk's forms parse into their structs; the ODR action is an enum, so an unknown one
    /// is refused before the handler; after a refusal the page is given back what was typed.
    #[test]
    fn desk_forms_are_typed() {
        let f: OdrForm =
            serde_html_form::from_str("csrf=x&action=answer&id=T1&settled=yes&method=refund&answer=ok").unwrap();
        assert!(matches!(f.action, OdrAction::Answer));
        assert_eq!((f.id.as_str(), f.settled.as_str(), f.method.as_str()), ("T1", "yes", "refund"));
        assert!(serde_html_form::from_str::<OdrForm>("csrf=x&action=dance").is_err());
        assert!(serde_html_form::from_str::<OdrForm>("csrf=x").is_err());
        let s: StepsForm = serde_html_form::from_str("csrf=x&id=T1&action=mediated&agreement=A&recovered=12").unwrap();
        let values = Posted::Steps(s).values();
        assert_eq!(values.get("agreement").map(String::as_str), Some("A"));
        assert_eq!(values.get("recovered").map(String::as_str), Some("12"));
        let c: ClueForm = serde_html_form::from_str("clue=C1&filed=maybe&reason=R").unwrap();
        assert_eq!(Posted::Clues(c).values().get("reason").map(String::as_str), Some("R"));
    }

    fn page(en: bool, steps: Vec<Step>) -> DeskPage {
        let open = Open {
            id: "TS1".into(),
            kind: "投诉",
            status: "已收到",
            report: false,
            received_on: "2026-04-01".into(),
            office: String::new(),
            party: String::new(),
            business: String::new(),
            business_address: String::new(),
            entity: String::new(),
            place: String::new(),
            category: String::new(),
            problem: String::new(),
            amount: String::new(),
            facts: String::new(),
            request: String::new(),
            due: String::new(),
            overdue: false,
            outcome: String::new(),
            steps,
            matches: vec![matching::Candidate {
                uscc: "91420111MA0000001X".into(),
                name: "某某商行".into(),
                kind: "",
                status: "",
                division: "420111".into(),
                division_name: String::new(),
                address: String::new(),
                score: 900,
                reasons: Vec::new(),
            }],
            narrative: None,
            narrative_on: String::new(),
            consent: false,
        };
        DeskPage {
            en,
            switch: String::new(),
            csrf: "x".into(),
            display_name: String::new(),
            office: String::new(),
            part: Part::Worklist,
            handler: true,
            case_officer: false,
            analyst: false,
            notice: None,
            error: None,
            status: String::new(),
            kind: String::new(),
            office_filter: String::new(),
            from: String::new(),
            to: String::new(),
            statuses: Vec::new(),
            kinds: Vec::new(),
            offices: Vec::new(),
            found: 0,
            page: 1,
            prev: None,
            next: None,
            rows: Vec::new(),
            overdue: 0,
            open: Some(open),
            refusal_grounds: Vec::new(),
            termination_grounds: Vec::new(),
            first_month: String::new(),
            last_month: String::new(),
            categories: Vec::new(),
            regions: Vec::new(),
            alerts: Vec::new(),
            analysed: String::new(),
            clues: Vec::new(),
            clue_refused: String::new(),
            filed_error: String::new(),
            values: HashMap::new(),
        }
    }

    /// Every step the procedure can allow has its form on the handler's page, and a step not
    /// allowed has none: the guard and the button name the same `Step`, so neither can drift.
    #[test]
    fn every_step_the_procedure_allows_has_a_form() {
        for en in [false, true] {
            for &step in Step::ALL {
                let html = page(en, vec![step]).render().unwrap();
                let button = format!("name=\"action\" value=\"{step}\"");
                assert_eq!(html.matches(&button).count(), 1, "{step}: {html}");
            }
            let none = page(en, Vec::new()).render().unwrap();
            assert!(!none.contains("name=\"action\" value=\""), "{none}");
        }
    }
}
