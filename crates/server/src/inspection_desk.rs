//! The workbench page of random inspections (`/workbench/inspection`): what each role does
//! on a plan, as forms. Planners (credit officers, administrators) draft plans, publish them
//! once every seed party has committed, draw them, and publish the results recorded; the seed
//! parties (supervisors, auditors) commit and reveal, with a secret made in their own browser
//! (`/static/seed.js`); inspectors record what they found and publish it. The forms post an
//! `action` to `/workbench/inspection/plans`, `…/seed` or `…/results`, one route per role
//! group; what may be done is decided in `app`, as for the API.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Days, NaiveDate};
use shijian_app::access::{Action, permits};
use shijian_app::inspection::{self, Inspections};
use shijian_core::inspection::plan::{MIN_TEAM, PlanStep, Ratios, Scope};
use shijian_core::inspection::task::{ResultCategory, ResultRecorded};
use shijian_core::inspection::{ItemKind, PlanSpec, PlanStatus, TaskStatus};
use shijian_core::registry::EntityKind;
use shijian_core::{Code, DivisionCode, Error, Lang};

use crate::AppState;
use crate::api::today;
use crate::auth::PageCaller;
use crate::extract::SignedForm;
use crate::html::{en_in, switch};
use crate::workbench::render;

/// A plan row of the planner's table.
struct PlanRow {
    id: String,
    title: String,
    status: String,
    window: String,
    /// Seed parties still to commit (drafted) or reveal (published).
    waiting: Vec<String>,
    may_publish: bool,
    may_draw: bool,
    drawn: u64,
    results: u64,
}

/// A plan on which the signed-in seed party acts.
struct PartyRow {
    id: String,
    title: String,
    /// A commitment or a reveal, or nothing.
    owed: Option<PlanStep>,
    reveal_by: String,
}

/// A task on the signed-in inspector's list, or a result awaiting publication.
struct TaskRow {
    plan: String,
    target: String,
    entity: String,
    status: String,
    recorded: bool,
    published: bool,
    due: String,
    late: bool,
    category: String,
}

struct ItemOption {
    code: String,
    label: String,
}

#[derive(Template)]
#[template(path = "inspection_desk.html")]
struct DeskPage {
    en: bool,
    switch: String,
    csrf: String,
    display_name: String,
    /// The caller's opaque pseudonym: the party named in a seed commitment.
    pseudonym: String,
    office: String,
    planner: bool,
    party: bool,
    inspector: bool,
    notice: Option<String>,
    error: Option<String>,
    plans: Vec<PlanRow>,
    to_publish: Vec<TaskRow>,
    owed: Vec<PartyRow>,
    tasks: Vec<TaskRow>,
    items: Vec<ItemOption>,
    categories: Vec<(&'static str, &'static str)>,
    today: String,
    /// What was typed, shown again after a refusal.
    values: HashMap<String, String>,
}

impl PartyRow {
    fn owes(&self, step: PlanStep) -> bool {
        self.owed == Some(step)
    }
}

impl DeskPage {
    fn v(&self, field: &str) -> &str {
        self.values.get(field).map_or("", String::as_str)
    }
}

fn task_status_text(s: TaskStatus, en: bool) -> &'static str {
    match (s, en) {
        (TaskStatus::Unassigned, false) => "未能组成检查组",
        (TaskStatus::Assigned, false) => "待检查",
        (TaskStatus::Recorded, false) => "已录入，待公示",
        (TaskStatus::Published, false) => "已公示",
        (TaskStatus::Unassigned, true) => "no team",
        (TaskStatus::Assigned, true) => "to inspect",
        (TaskStatus::Recorded, true) => "recorded, to publish",
        (TaskStatus::Published, true) => "published",
    }
}

async fn build(
    state: &AppState,
    uri: &Uri,
    page: &PageCaller,
    en: bool,
    notice: Option<String>,
    error: Option<String>,
    values: HashMap<String, String>,
) -> Result<DeskPage, Error> {
    let account = page.caller.account.as_ref().ok_or_else(|| Error::new(Code::SignInRequired))?;
    let actor = &page.caller.actor;
    let me = Inspections::new(state.store());
    let today = today();
    let planner = permits(account.role, Action::Plan);
    let party = permits(account.role, Action::SeedParty);
    let inspector = permits(account.role, Action::RecordResult);
    let mut p = DeskPage {
        en,
        switch: switch(uri, en),
        csrf: page.csrf.clone().unwrap_or_default(),
        display_name: account.display_name.clone(),
        pseudonym: actor.pseudonym.clone().unwrap_or_default(),
        office: account.office.map(|o| format!("{o} {}", o.full_name())).unwrap_or_default(),
        planner,
        party,
        inspector,
        notice,
        error,
        plans: Vec::new(),
        to_publish: Vec::new(),
        owed: Vec::new(),
        tasks: Vec::new(),
        items: Vec::new(),
        categories: ResultCategory::ALL.iter().map(|c| (c.as_str(), if en { c.en() } else { c.zh() })).collect(),
        today: today.to_string(),
        values,
    };
    if planner {
        for s in me.plans(account.office, None, 50).await?.items {
            let waiting = match s.status {
                PlanStatus::Drafted => {
                    s.spec.parties.iter().filter(|x| !s.commitments.contains_key(*x)).cloned().collect()
                }
                PlanStatus::Published => {
                    s.spec.parties.iter().filter(|x| !s.reveals.contains_key(*x)).cloned().collect()
                }
                PlanStatus::Drawn => Vec::new(),
            };
            // Results recorded and not yet published, for plans still within reach of the
            // 20-workday term.
            if s.status == PlanStatus::Drawn && s.spec.ends_on + Days::new(45) >= today && p.to_publish.len() < 100 {
                let calendar = state.store().calendar().await?;
                for (t, due, late) in me.unpublished(actor, &s.spec.id, today).await? {
                    let inspected_on = t.recorded.as_ref().map_or(due, |r| r.inspected_on);
                    let due_shown = crate::html::due_text(due, calendar.counts_provisional(inspected_on, due), en);
                    p.to_publish.push(TaskRow {
                        plan: s.spec.id.clone(),
                        entity: inspection::target_entity(&t.assigned.target).to_string(),
                        target: t.assigned.target.clone(),
                        status: task_status_text(t.status, en).to_string(),
                        recorded: true,
                        published: false,
                        due: due_shown,
                        late,
                        category: t
                            .recorded
                            .as_ref()
                            .map(|r| if en { r.category.en() } else { r.category.zh() }.to_string())
                            .unwrap_or_default(),
                    });
                }
            }
            p.plans.push(PlanRow {
                id: s.spec.id.clone(),
                title: s.spec.title.clone(),
                status: crate::inspection::status_text(s.status.as_str(), en),
                window: format!("{} – {}", s.spec.starts_on, s.spec.ends_on),
                waiting,
                may_publish: s.status == PlanStatus::Drafted && s.all_committed(),
                may_draw: s.status == PlanStatus::Published && s.may_draw(today),
                drawn: s.draw.as_ref().map_or(0, |d| d.drawn),
                results: s.results,
            });
        }
        p.items = inspection::item_list(state.store())
            .await?
            .into_iter()
            .map(|i| {
                let kind = match (i.kind, en) {
                    (ItemKind::Key, false) => "重点".to_string(),
                    (ItemKind::Key, true) => "key".to_string(),
                    (ItemKind::Ordinary, _) => {
                        format!("≤{}%", f64::from(i.cap_bp.unwrap_or(10_000)) / 100.0)
                    }
                };
                let name = if en { &i.name_en } else { &i.name_zh };
                ItemOption { label: format!("{} {name}（{} · {kind}）", i.code, i.department), code: i.code }
            })
            .collect();
    }
    if party {
        let name = actor.pseudonym.clone().unwrap_or_default();
        for s in me.plans(None, None, 200).await?.items {
            if !s.spec.parties.contains(&name) || s.status == PlanStatus::Drawn {
                continue;
            }
            let owed = s.owed_by(&name);
            p.owed.push(PartyRow {
                id: s.spec.id.clone(),
                title: s.spec.title.clone(),
                owed,
                reveal_by: s.spec.reveal_by.to_string(),
            });
        }
    }
    if inspector {
        let calendar = state.store().calendar().await?;
        for t in me.my_tasks(actor, 100).await? {
            let (due, late) = match &t.recorded {
                Some(r) if t.status == TaskStatus::Recorded => {
                    let due = shijian_core::inspection::task::publication_due(&calendar, r.inspected_on)?;
                    let provisional = calendar.counts_provisional(r.inspected_on, due);
                    (crate::html::due_text(due, provisional, en), t.late(&calendar, today)?)
                }
                _ => (t.assigned.due.to_string(), t.status == TaskStatus::Assigned && t.assigned.due < today),
            };
            p.tasks.push(TaskRow {
                plan: t.assigned.plan.clone(),
                entity: inspection::target_entity(&t.assigned.target).to_string(),
                target: t.assigned.target.clone(),
                status: task_status_text(t.status, en).to_string(),
                recorded: t.status == TaskStatus::Recorded,
                published: t.status == TaskStatus::Published,
                due,
                late,
                category: t
                    .recorded
                    .as_ref()
                    .map(|r| if en { r.category.en() } else { r.category.zh() }.to_string())
                    .unwrap_or_default(),
            });
        }
    }
    Ok(p)
}

/// `GET /workbench/inspection[?done=ACTION]`.
pub async fn page(
    State(state): State<AppState>,
    uri: Uri,
    page: PageCaller,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let en = en_in(&q);
    if page.caller.account.is_none() {
        return Redirect::to(if en { "/signin?lang=en" } else { "/signin" }).into_response();
    }
    let notice = q.get("done").map(|d| done_text(d, en)).filter(|t| !t.is_empty());
    match build(&state, &uri, &page, en, notice, None, HashMap::new()).await {
        Ok(p) => render(&p, StatusCode::OK),
        Err(e) => crate::error::ApiError(e).into_response(),
    }
}

fn done_text(action: &str, en: bool) -> String {
    match (action, en) {
        ("draft", false) => "抽查计划已制定，待随机数承诺。",
        ("commit", false) => "承诺已记录。请妥善保存您的随机数，公示后揭示。",
        ("publish", false) => "计划已公示，检查对象名录已固定。",
        ("reveal", false) => "随机数已揭示。",
        ("draw", false) => "已抽取检查对象并分派检查人员。",
        ("record", false) => "检查结果已录入。",
        ("publish_result", false) => "检查结果已公示。",
        ("draft", true) => "The plan is drafted; the seed parties commit next.",
        ("commit", true) => "Commitment recorded. Keep your secret; reveal it after publication.",
        ("publish", true) => "The plan is published and its pool fixed.",
        ("reveal", true) => "Secret revealed.",
        ("draw", true) => "Targets drawn and inspectors assigned.",
        ("record", true) => "Result recorded.",
        ("publish_result", true) => "Result published.",
        _ => "",
    }
    .to_string()
}

fn field_error(field: &str, reason: &str) -> Error {
    Error::new(Code::InspectionField).with("field", field).with("reason", reason.to_string())
}

/// A percentage as typed ("3", "0.5") in basis points.
fn basis_points(f: &HashMap<String, String>, name: &str) -> Result<u32, Error> {
    let v = crate::enterprise::get(f, name);
    if v.is_empty() {
        return Ok(0);
    }
    let pct: f64 = v.parse().map_err(|_| field_error(name, "a percentage"))?;
    if !(0.0..=100.0).contains(&pct) {
        return Err(field_error(name, "0–100"));
    }
    Ok((pct * 100.0).round() as u32)
}

fn date(f: &HashMap<String, String>, name: &str) -> Result<NaiveDate, Error> {
    shijian_core::parse_date(crate::enterprise::get(f, name)).map_err(|_| field_error(name, "a date"))
}

fn list(v: &str) -> Vec<String> {
    v.split(|c: char| c == ',' || c == '，' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The plan a draft form describes.
fn spec_of(f: &HashMap<String, String>, items: Vec<String>, office: Option<DivisionCode>) -> Result<PlanSpec, Error> {
    let get = |n: &str| crate::enterprise::get(f, n);
    let office = match get("office") {
        "" => office.ok_or_else(|| field_error("office", "empty"))?,
        o => DivisionCode::parse(o)?,
    };
    let divisions = list(get("divisions")).iter().map(|d| DivisionCode::parse(d)).collect::<Result<Vec<_>, _>>()?;
    let kinds = list(get("kinds")).iter().map(|k| EntityKind::parse(k)).collect::<Result<Vec<_>, _>>()?;
    Ok(PlanSpec {
        id: String::new(),
        title: get("title").to_string(),
        office,
        starts_on: date(f, "starts_on")?,
        ends_on: date(f, "ends_on")?,
        items,
        scope: Scope { divisions, kinds, industries: list(get("industries")), statuses: Vec::new() },
        ratios: Ratios {
            a: basis_points(f, "ratio_a")?,
            b: basis_points(f, "ratio_b")?,
            c: basis_points(f, "ratio_c")?,
            d: basis_points(f, "ratio_d")?,
            u: basis_points(f, "ratio_u")?,
        },
        trigger: Some(get("trigger").to_string()).filter(|t| !t.is_empty()),
        team_size: get("team_size").parse().unwrap_or(MIN_TEAM),
        forbid_own_office: f.contains_key("forbid_own_office"),
        recent_days: get("recent_days").parse().unwrap_or(365),
        parties: list(get("parties")),
        reveal_by: date(f, "reveal_by")?,
    })
}

/// `POST /workbench/inspection/plans`: `draft` (the plan's fields), `publish`, `draw` (`plan`),
/// `publish_result` (`plan`, `target`).
pub async fn plans(
    state: State<AppState>,
    uri: Uri,
    q: Query<HashMap<String, String>>,
    form: SignedForm<Vec<(String, String)>>,
) -> Response {
    act(state, uri, q, form, &[PlanStep::Draft, PlanStep::Publish, PlanStep::Draw, PlanStep::PublishResult]).await
}

/// `POST /workbench/inspection/seed`: `commit` (`plan`, `commitment`), `reveal` (`plan`, `secret`).
pub async fn seed(
    state: State<AppState>,
    uri: Uri,
    q: Query<HashMap<String, String>>,
    form: SignedForm<Vec<(String, String)>>,
) -> Response {
    act(state, uri, q, form, &[PlanStep::Commit, PlanStep::Reveal]).await
}

/// `POST /workbench/inspection/results`: `record` (`plan`, `target`, `inspected_on`,
/// `category`, `findings`), `publish_result` (`plan`, `target`).
pub async fn results(
    state: State<AppState>,
    uri: Uri,
    q: Query<HashMap<String, String>>,
    form: SignedForm<Vec<(String, String)>>,
) -> Response {
    act(state, uri, q, form, &[PlanStep::Record, PlanStep::PublishResult]).await
}

/// One step, by `action`, among those the route takes. Back to the page with a notice, or the
/// page with the refusal and what was typed.
///
/// The forms stay pairs rather than a typed struct: the draft form repeats the key `items`
/// (one checkbox per inspection item), which `serde_urlencoded` cannot read into a `Vec`.
async fn act(
    State(state): State<AppState>,
    uri: Uri,
    Query(q): Query<HashMap<String, String>>,
    SignedForm { page, form: pairs }: SignedForm<Vec<(String, String)>>,
    allowed: &[PlanStep],
) -> Response {
    let en = en_in(&q);
    let items: Vec<String> = pairs.iter().filter(|(k, _)| k == "items").map(|(_, v)| v.clone()).collect();
    let f: HashMap<String, String> = pairs.into_iter().filter(|(k, _)| k != "items").collect();
    let get = |n: &str| crate::enterprise::get(&f, n);
    let me = Inspections::new(state.store());
    let (actor, now, today) = (&page.caller.actor, chrono::Utc::now(), today());
    let (plan, target) = (get("plan"), get("target"));
    let action = get("action").to_string();
    let done: Result<(), Error> = async {
        let step = PlanStep::parse(&action)?;
        if !allowed.contains(&step) {
            return Err(Error::new(Code::RequestInvalid).with("reason", format!("action {action}")));
        }
        match step {
            PlanStep::Draft => me.draft(actor, spec_of(&f, items, actor.office)?, now).await.map(drop),
            PlanStep::Commit => me.commit(actor, plan, get("commitment"), now).await.map(drop),
            PlanStep::Publish => me.publish(actor, plan, today, now).await.map(drop),
            PlanStep::Reveal => me.reveal(actor, plan, get("secret"), now).await.map(drop),
            PlanStep::Draw => me.draw(actor, plan, today, now).await.map(drop),
            PlanStep::Record => {
                let r = ResultRecorded {
                    plan: plan.to_string(),
                    target: target.to_string(),
                    inspected_on: date(&f, "inspected_on")?,
                    category: ResultCategory::parse(get("category"))?,
                    findings: get("findings").to_string(),
                    evidence: Vec::new(),
                };
                me.record_result(actor, r, now).await.map(drop)
            }
            PlanStep::PublishResult => me.publish_result(actor, plan, target, today, now).await.map(drop),
        }
    }
    .await;
    match done {
        Ok(()) => {
            let lang = if en { "&lang=en" } else { "" };
            Redirect::to(&format!("/workbench/inspection?done={action}{lang}")).into_response()
        }
        Err(e) => {
            let status = crate::error::status_of(&e);
            let message = e.message(if en { Lang::En } else { Lang::Zh });
            match build(&state, &uri, &page, en, None, Some(message), f).await {
                Ok(p) => crate::error::noting(render(&p, status), &e),
                Err(e) => crate::error::ApiError(e).into_response(),
            }
        }
    }
}

/// This module's entry on the workbench's menu: random inspections, for the roles with a part
/// in them (planners, seed parties, inspectors).
pub(crate) fn workbench() -> Vec<crate::Entry> {
    vec![crate::Entry {
        path: "/workbench/inspection",
        id: "inspection",
        label: "nav.inspection",
        actions: &[Action::Plan, Action::SeedParty, Action::RecordResult],
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
            "/workbench/inspection",
            Access::SignedIn,
            "双随机抽查工作页面 / random inspections on the workbench (page)",
            &[("lang", false), ("done", false)],
            || get(page),
        ),
        route(
            "POST",
            "/workbench/inspection/plans",
            Access::Action(Action::Plan),
            "抽查计划的制定、公示、抽取与结果公示（表单）/ draft, publish, draw a plan, publish a result (form)",
            &[("lang", false)],
            || post(plans),
        ),
        route(
            "POST",
            "/workbench/inspection/seed",
            Access::Action(Action::SeedParty),
            "随机数承诺与揭示（表单）/ a seed party commits or reveals (form)",
            &[("lang", false)],
            || post(seed),
        ),
        route(
            "POST",
            "/workbench/inspection/results",
            Access::Action(Action::RecordResult),
            "检查结果的录入与公示（表单）/ an inspector records or publishes a result (form)",
            &[("lang", false)],
            || post(results),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(recorded: bool) -> TaskRow {
        TaskRow {
            plan: "P1".into(),
            target: "91420111MA0000001X".into(),
            entity: "91420111MA0000001X".into(),
            status: String::new(),
            recorded,
            published: false,
            due: String::new(),
            late: false,
            category: String::new(),
        }
    }

    fn party(owed: Option<PlanStep>) -> PartyRow {
        PartyRow { id: "P1".into(), title: String::new(), owed, reveal_by: String::new() }
    }

    /// Every step a plan, a seed party or a task can owe has its form, posting the step's name,
    /// to the route that takes it.
    #[test]
    fn every_step_owed_has_its_form() {
        let p = DeskPage {
            en: false,
            switch: String::new(),
            csrf: "x".into(),
            display_name: String::new(),
            pseudonym: "p".into(),
            office: String::new(),
            planner: true,
            party: true,
            inspector: true,
            notice: None,
            error: None,
            plans: vec![PlanRow {
                id: "P1".into(),
                title: String::new(),
                status: String::new(),
                window: String::new(),
                waiting: Vec::new(),
                may_publish: true,
                may_draw: true,
                drawn: 0,
                results: 0,
            }],
            to_publish: vec![task(true)],
            owed: vec![party(Some(PlanStep::Commit)), party(Some(PlanStep::Reveal)), party(None)],
            tasks: vec![task(true)],
            items: Vec::new(),
            categories: Vec::new(),
            today: String::new(),
            values: HashMap::new(),
        };
        let html = p.render().unwrap();
        for &step in PlanStep::ALL {
            let route = match step {
                PlanStep::Draft | PlanStep::Publish | PlanStep::Draw => "plans",
                PlanStep::Commit | PlanStep::Reveal => "seed",
                PlanStep::Record | PlanStep::PublishResult => "results",
            };
            let form = html
                .split("<form")
                .filter(|f| f.contains(&format!("name=\"action\" value=\"{step}\"")))
                .collect::<Vec<_>>();
            assert!(!form.is_empty(), "{step}: {html}");
            assert!(
                form.iter().all(|f| f.contains(&format!("/workbench/inspection/{route}")))
                    || step == PlanStep::PublishResult,
                "{step}"
            );
        }
        assert!(html.contains("已完成"), "a party that owes nothing sees it done");
    }
}
