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
use serde::Deserialize;
use shijian_app::access::{Action, permits};
use shijian_app::inspection::{self, Inspections, MAX_EVIDENCE_BYTES};
use shijian_core::inspection::plan::{MIN_TEAM, PlanStep, Ratios, Scope};
use shijian_core::inspection::task::{ResultCategory, ResultRecorded};
use shijian_core::inspection::{ItemKind, PlanSpec, PlanStatus, TaskStatus};
use shijian_core::registry::EntityKind;
use shijian_core::{Code, DivisionCode, Error};

use crate::AppState;
use crate::api::today;
use crate::auth::PageCaller;
use crate::extract::{SignedForm, SignedUpload};
use crate::form::FieldErrors;
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
    /// The evidence the recorded result lists: the start of each file's SHA-256.
    evidence: Vec<String>,
    /// The enforcement clue a published result raised: its number, its status in words, and
    /// the case page's address for those who may open it.
    case: Option<(String, &'static str, Option<String>)>,
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
    /// What was typed, shown again after a refusal (the defaults at first).
    values: DeskForm,
    /// Each field's error, after a refusal of the draft.
    errors: FieldErrors,
}

impl PartyRow {
    fn owes(&self, step: PlanStep) -> bool {
        self.owed == Some(step)
    }
}

impl DeskPage {
    /// The error beside `field` of the draft form, if any.
    fn err(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }

    /// What a ratio field shows: what was typed, or the class's default percentage (a blank
    /// takes the default, so the form shows it rather than an empty field read as 0%).
    fn ratio(&self, class: &str) -> String {
        let (typed, default) = match class {
            "a" => (&self.values.ratio_a, Ratios::DEFAULT.a),
            "b" => (&self.values.ratio_b, Ratios::DEFAULT.b),
            "c" => (&self.values.ratio_c, Ratios::DEFAULT.c),
            "d" => (&self.values.ratio_d, Ratios::DEFAULT.d),
            _ => (&self.values.ratio_u, Ratios::DEFAULT.u),
        };
        if typed.trim().is_empty() { percent(default) } else { typed.clone() }
    }

    /// The error beside `field` of the form of the row `plan`, `target` for `step` (a seed
    /// party's commitment or secret), when that form was the one refused.
    fn row_err(&self, step: PlanStep, plan: &str, target: &str, field: &str) -> Option<&str> {
        self.refused(step, plan, target).then(|| self.errors.get(field)).flatten()
    }

    /// Whether the form of the row `plan`, `target` for `step` is the one refused, shown
    /// again with what was typed.
    fn refused(&self, step: PlanStep, plan: &str, target: &str) -> bool {
        self.values.action == Some(step) && self.values.plan == plan && self.values.target == target
    }

    /// What the form of the row shows in `field`: what was typed when it is the form refused,
    /// else `fresh`.
    fn kept<'a>(&'a self, step: PlanStep, plan: &str, target: &str, field: &str, fresh: &'a str) -> &'a str {
        if !self.refused(step, plan, target) {
            return fresh;
        }
        match field {
            "commitment" => &self.values.commitment,
            "secret" => &self.values.secret,
            _ => fresh,
        }
    }

    /// Whether the result form of task `k` is the one refused, so that it shows what was typed
    /// and its errors.
    fn here(&self, k: &TaskRow) -> bool {
        self.values.action == Some(PlanStep::Record) && self.values.plan == k.plan && self.values.target == k.target
    }

    /// The error beside `field` of task `k`'s result form.
    fn record_err(&self, k: &TaskRow, field: &str) -> Option<&str> {
        if self.here(k) { self.errors.get(field) } else { None }
    }

    /// The inspection day task `k`'s result form shows: as typed, or today.
    fn inspected_on(&self, k: &TaskRow) -> &str {
        if self.here(k) { &self.values.inspected_on } else { &self.today }
    }

    /// The findings task `k`'s result form shows.
    fn findings(&self, k: &TaskRow) -> &str {
        if self.here(k) { &self.values.findings } else { "" }
    }

    /// Whether `code` is the result category chosen on task `k`'s refused form.
    fn category_chosen(&self, k: &TaskRow, code: &str) -> bool {
        self.here(k) && self.values.category.is_some_and(|c| c.as_str() == code)
    }

    /// Whether the item was ticked in the draft shown again.
    fn ticked(&self, code: &str) -> bool {
        self.values.items.iter().any(|i| i == code)
    }
}

/// The evidence a recorded result lists, each by the first 12 hex digits of its SHA-256.
fn evidence_of(recorded: Option<&ResultRecorded>) -> Vec<String> {
    recorded.map(|r| r.evidence.iter().map(|h| h.chars().take(12).collect()).collect()).unwrap_or_default()
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
    values: DeskForm,
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
        errors: FieldErrors::default(),
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
                        evidence: evidence_of(t.recorded.as_ref()),
                        case: None,
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
                // The department is data, but the administration's own is named in the page's
                // language.
                let department = match (i.department.as_str(), en) {
                    ("市场监管", true) => "market supervision",
                    (d, _) => d,
                };
                let label = if en {
                    format!("{name} ({department} · {kind})")
                } else {
                    format!("{name}（{department} · {kind}）")
                };
                ItemOption { label, code: i.code }
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
                evidence: evidence_of(t.recorded.as_ref()),
                case: raised_case(state, actor, &t, en).await?,
            });
        }
    }
    Ok(p)
}

/// The enforcement clue a published result that calls for a case raised
/// (`Inspections::publish_result`), as the task's row names it.
async fn raised_case(
    state: &AppState,
    actor: &shijian_core::event::Actor,
    t: &shijian_core::inspection::TaskState,
    en: bool,
) -> Result<Option<(String, &'static str, Option<String>)>, Error> {
    let calls_for_case = t
        .recorded
        .as_ref()
        .is_some_and(|r| matches!(r.category, ResultCategory::FollowUp | ResultCategory::Uncooperative));
    if t.status != TaskStatus::Published || !calls_for_case {
        return Ok(None);
    }
    let raised = Inspections::new(state.store()).case_raised(actor, &t.assigned.plan, &t.assigned.target).await?;
    Ok(raised.map(|r| {
        let href = r.readable.then(|| format!("/workbench/cases/{}{}", r.id, if en { "?lang=en" } else { "" }));
        (r.id, if en { r.status.en() } else { r.status.zh() }, href)
    }))
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
        return crate::workbench::to_signin(&uri, en);
    }
    let mut notice = q.get("done").map(|d| done_text(d, en)).filter(|t| !t.is_empty());
    if let (Some("draw"), Some(plan)) = (q.get("done").map(String::as_str), q.get("plan")) {
        match Inspections::new(state.store()).plan(plan).await {
            Ok(s) => notice = s.draw.as_ref().map(|d| staffed_text(d.drawn, d.unassigned, en)).or(notice),
            Err(e) => return crate::error::ApiError(e).into_response(),
        }
    }
    match build(&state, &uri, &page, en, notice, None, DeskForm::fresh()).await {
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

/// What a draw did, in words: a draw that staffed nobody (no eligible inspectors: every task
/// without a team) or only some of its tasks says so, rather than that inspectors were
/// assigned; the office arranges the tasks without a team itself.
fn staffed_text(drawn: u64, unassigned: u64, en: bool) -> String {
    let t = crate::text::T::new(en);
    if drawn == 0 {
        t.get("inspection_desk.drew_nothing").to_string()
    } else if unassigned >= drawn {
        format!("{}{}", t.fill("inspection_desk.drew_n", drawn), t.get("inspection_desk.staffed_none"))
    } else if unassigned > 0 {
        format!("{}{}", t.fill("inspection_desk.drew_n", drawn), t.fill("inspection_desk.staffed_but", unassigned))
    } else {
        format!("{}{}", t.fill("inspection_desk.drew_n", drawn), t.get("inspection_desk.staffed_all"))
    }
}

fn field_error(field: &str, reason: &str) -> Error {
    Error::new(Code::InspectionField).with("field", field).with("reason", reason.to_string())
}

/// The fields of the desk's forms, which post an `action` to one of three routes: the draft's
/// plan, a seed party's commitment or secret, an inspector's result, and the plan and target
/// they act on. A field a form does not have is empty.
///
/// What a person types stays text here (the title, the percentages, the dates, the lists): it
/// is checked in [`spec_of`] and [`act`], which name the field they refuse
/// (`inspection_field`), and a refused draft shows it again as typed. What the page itself
/// fills in (the action, the result category, the numbers of the number inputs) is typed, and
/// a value no page sends is refused before the handler, naming the field.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DeskForm {
    action: Option<PlanStep>,
    plan: String,
    target: String,
    title: String,
    /// The planning office; blank for the planner's own.
    office: String,
    starts_on: String,
    ends_on: String,
    reveal_by: String,
    /// The inspection items ticked, one `items` field per checkbox.
    items: Vec<String>,
    /// Percentages per credit class ("3", "0.5"), blank for none.
    ratio_a: String,
    ratio_b: String,
    ratio_c: String,
    ratio_d: String,
    ratio_u: String,
    trigger: String,
    /// Registering offices, kinds of entity, industry codes and seed parties, separated by
    /// commas or spaces.
    divisions: String,
    kinds: String,
    industries: String,
    parties: String,
    /// Numbers as typed, checked in [`spec_of`].
    team_size: String,
    /// A checkbox: present when ticked.
    forbid_own_office: Option<String>,
    recent_days: String,
    commitment: String,
    secret: String,
    inspected_on: String,
    category: Option<ResultCategory>,
    findings: String,
}

/// A percentage as typed ("3", "0.5") in basis points; blank is the class's default
/// (`default`, in basis points), never 0%.
fn basis_points(typed: &str, field: &str, default: u32) -> Result<u32, Error> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(default);
    }
    let pct: f64 = typed.parse().map_err(|_| field_error(field, "a percentage"))?;
    if !(0.0..=100.0).contains(&pct) {
        return Err(field_error(field, "0–100"));
    }
    Ok((pct * 100.0).round() as u32)
}

impl DeskForm {
    /// The draft form as first shown: the defaults a planner usually keeps.
    fn fresh() -> DeskForm {
        DeskForm {
            team_size: MIN_TEAM.to_string(),
            forbid_own_office: Some("on".into()),
            recent_days: "365".into(),
            ..DeskForm::default()
        }
    }
}

fn date(typed: &str, field: &str) -> Result<NaiveDate, Error> {
    shijian_core::parse_date(typed.trim()).map_err(|_| field_error(field, "a date"))
}

fn list(v: &str) -> Vec<String> {
    v.split(|c: char| c == ',' || c == '，' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The percentage a ratio field shows for `bp` basis points ("2", "0.5", "15").
pub(crate) fn percent(bp: u32) -> String {
    let whole = bp / 100;
    match bp % 100 {
        0 => whole.to_string(),
        r if r % 10 == 0 => format!("{whole}.{}", r / 10),
        r => format!("{whole}.{r:02}"),
    }
}

/// The plan a draft form describes, or `None` with every field's error recorded: a planner
/// sees all that is wrong with the draft at once. A ratio left blank takes its default: every
/// class in full when every item ticked is a key item (a key item covers every target), else
/// [`Ratios::DEFAULT`].
fn spec_of(
    f: &DeskForm,
    office: Option<DivisionCode>,
    all_key: bool,
    errors: &mut FieldErrors,
    en: bool,
) -> Option<PlanSpec> {
    let defaults = if all_key { Ratios::ALL } else { Ratios::DEFAULT };
    let title = f.title.trim().to_string();
    if title.is_empty() {
        errors.add("title", crate::text::T::new(en).get("form.required"));
    }
    let office = match f.office.trim() {
        "" => errors.check(office.ok_or(()), "office", "form.division_code", en),
        o => errors.check(DivisionCode::parse(o), "office", "form.division_code", en),
    };
    let divisions = list(&f.divisions).iter().map(|d| DivisionCode::parse(d)).collect::<Result<Vec<_>, _>>();
    let divisions = errors.check(divisions, "divisions", "form.division_codes", en);
    let kinds = list(&f.kinds).iter().map(|k| EntityKind::parse(k)).collect::<Result<Vec<_>, _>>();
    let kinds = errors.check(kinds, "kinds", "form.kinds", en);
    let dates = ["starts_on", "ends_on", "reveal_by"].map(|field| {
        let typed = match field {
            "starts_on" => &f.starts_on,
            "ends_on" => &f.ends_on,
            _ => &f.reveal_by,
        };
        errors.check(date(typed, field), field, "form.date", en)
    });
    let [a, b, c, d, u] = [
        ("ratio_a", &f.ratio_a, defaults.a),
        ("ratio_b", &f.ratio_b, defaults.b),
        ("ratio_c", &f.ratio_c, defaults.c),
        ("ratio_d", &f.ratio_d, defaults.d),
        ("ratio_u", &f.ratio_u, defaults.u),
    ]
    .map(|(field, typed, default)| errors.check(basis_points(typed, field, default), field, "form.percentage", en));
    let number =
        |typed: &str, default: u32| if typed.trim().is_empty() { Ok(default) } else { typed.trim().parse::<u32>() };
    let team_size = errors.check(
        number(&f.team_size, u32::from(MIN_TEAM)).map(|n| u8::try_from(n).unwrap_or(u8::MAX)),
        "team_size",
        "form.invalid",
        en,
    );
    let recent_days = errors.check(number(&f.recent_days, 365), "recent_days", "form.invalid", en);
    let parties = list(&f.parties);
    if parties.is_empty() {
        errors.add("parties", crate::text::T::new(en).get("form.required"));
    }
    if !errors.is_empty() {
        return None;
    }
    let [starts_on, ends_on, reveal_by] = dates;
    Some(PlanSpec {
        id: String::new(),
        title,
        office: office?,
        starts_on: starts_on?,
        ends_on: ends_on?,
        items: f.items.clone(),
        scope: Scope { divisions: divisions?, kinds: kinds?, industries: list(&f.industries), statuses: Vec::new() },
        ratios: Ratios { a: a?, b: b?, c: c?, d: d?, u: u? },
        trigger: Some(f.trigger.trim().to_string()).filter(|t| !t.is_empty()),
        team_size: team_size?,
        forbid_own_office: f.forbid_own_office.is_some(),
        recent_days: recent_days?,
        parties,
        reveal_by: reveal_by?,
    })
}

/// The fields of `app`'s plan errors, by the draft form's names.
const PLAN_FIELDS: &[(&str, &str)] = &[
    ("title", "title"),
    ("spec.title", "title"),
    ("office", "office"),
    ("items", "items"),
    ("spec.items", "items"),
    ("parties", "parties"),
    ("spec.parties", "parties"),
    ("reveal_by", "reveal_by"),
    ("starts_on", "starts_on"),
    ("ends_on", "ends_on"),
    ("team_size", "team_size"),
    ("trigger", "trigger"),
    ("industries", "industries"),
    ("scope.industries", "industries"),
];

/// Whether `typed` is 64 hexadecimal digits (a commitment or a secret), spaces around aside.
fn hex64(typed: &str) -> bool {
    let typed = typed.trim();
    typed.len() == 64 && typed.bytes().all(|b| b.is_ascii_hexdigit())
}

/// What is wrong with a commitment or a secret typed, in words.
fn hex64_text(typed: &str, en: bool) -> String {
    let t = crate::text::T::new(en);
    if typed.trim().is_empty() { t.get("form.required") } else { t.get("form.hex64") }.to_string()
}

/// A draft refused for its ratios (`inspection_cap`: over an item's cap for the pool as it is;
/// `inspection_ratio`: every class over the lowest cap), in words naming the item by its name.
fn over_cap_text(e: &Error, list: &[shijian_core::inspection::Item], en: bool) -> Option<String> {
    let t = crate::text::T::new(en);
    match e.code() {
        Code::InspectionCap => {
            let code = e.detail("item").unwrap_or_default();
            let item = list.iter().find(|i| i.code == code).map_or(code, |i| if en { &i.name_en } else { &i.name_zh });
            Some(
                t.get("inspection_desk.over_cap")
                    .replace("{share}", e.detail("share").unwrap_or_default())
                    .replace("{item}", item)
                    .replace("{cap}", e.detail("cap").unwrap_or_default()),
            )
        }
        Code::InspectionRatio => Some(t.get("inspection_desk.over_lowest_cap").to_string()),
        _ => None,
    }
}

/// `POST /workbench/inspection/plans`: `draft` (the plan's fields), `publish`, `draw` (`plan`),
/// `publish_result` (`plan`, `target`).
pub async fn plans(
    state: State<AppState>,
    uri: Uri,
    q: Query<HashMap<String, String>>,
    form: SignedForm<DeskForm>,
) -> Response {
    act(state, uri, q, form, &[PlanStep::Draft, PlanStep::Publish, PlanStep::Draw, PlanStep::PublishResult]).await
}

/// `POST /workbench/inspection/seed`: `commit` (`plan`, `commitment`), `reveal` (`plan`, `secret`).
pub async fn seed(
    state: State<AppState>,
    uri: Uri,
    q: Query<HashMap<String, String>>,
    form: SignedForm<DeskForm>,
) -> Response {
    act(state, uri, q, form, &[PlanStep::Commit, PlanStep::Reveal]).await
}

/// `POST /workbench/inspection/results`: `record` (`plan`, `target`, `inspected_on`,
/// `category`, `findings`), `publish_result` (`plan`, `target`).
/// The result form is multipart: its `evidence` files (JPEG, PNG or PDF, each at most
/// [`MAX_EVIDENCE_BYTES`], at most [`MAX_EVIDENCE_FILES`]) are stored as the task's evidence and
/// the result recorded with their hashes, in one submission.
pub async fn results(
    state: State<AppState>,
    uri: Uri,
    q: Query<HashMap<String, String>>,
    SignedUpload { page, form, files }: SignedUpload<DeskForm>,
) -> Response {
    act_with(state, uri, q, SignedForm { page, form }, files, &[PlanStep::Record, PlanStep::PublishResult]).await
}

/// The most files one result form takes (each photograph or scan a file).
pub const MAX_EVIDENCE_FILES: usize = 8;

/// The largest body of the result form: its files and its text.
const RESULT_FORM_BYTES: usize = MAX_EVIDENCE_FILES * MAX_EVIDENCE_BYTES + (1 << 20);

/// The result form's files, checked before anything is stored: each error goes beside the
/// evidence field, in words (too many, too large, not a JPEG, PNG or PDF).
fn evidence_files(files: Vec<(String, Vec<u8>)>, errors: &mut FieldErrors, en: bool) -> Vec<Vec<u8>> {
    let t = crate::text::T::new(en);
    let files: Vec<Vec<u8>> = files.into_iter().filter(|(name, _)| name == "evidence").map(|(_, b)| b).collect();
    if files.len() > MAX_EVIDENCE_FILES {
        errors.add("record.evidence", t.fill("inspection_desk.evidence_too_many", MAX_EVIDENCE_FILES));
    }
    if files.iter().any(|b| b.len() > MAX_EVIDENCE_BYTES) {
        errors.add("record.evidence", t.get("inspection_desk.evidence_too_large"));
    }
    if files.iter().any(|b| inspection::evidence_type(b).is_none()) {
        errors.add("record.evidence", t.get("inspection_desk.evidence_wrong_type"));
    }
    files
}

/// One step, by `action`, among those the route takes. Back to the page with a notice, or the
/// page with the refusal and what was typed.
async fn act(
    state: State<AppState>,
    uri: Uri,
    q: Query<HashMap<String, String>>,
    form: SignedForm<DeskForm>,
    allowed: &[PlanStep],
) -> Response {
    act_with(state, uri, q, form, Vec::new(), allowed).await
}

/// [`act`], with the files a result form sent.
async fn act_with(
    State(state): State<AppState>,
    uri: Uri,
    Query(q): Query<HashMap<String, String>>,
    SignedForm { page, form: f }: SignedForm<DeskForm>,
    files: Vec<(String, Vec<u8>)>,
    allowed: &[PlanStep],
) -> Response {
    let en = en_in(&q);
    let me = Inspections::new(state.store());
    let (actor, now, today) = (&page.caller.actor, chrono::Utc::now(), today());
    let (plan, target) = (f.plan.trim(), f.target.trim());
    let mut errors = FieldErrors::default();
    let done: Result<PlanStep, Error> = async {
        let step = match f.action {
            Some(step) if allowed.contains(&step) => step,
            Some(step) => return Err(Error::new(Code::RequestInvalid).with("reason", format!("action {step}"))),
            None => return Err(Error::new(Code::RequestInvalid).with("reason", "action")),
        };
        match step {
            PlanStep::Draft => {
                let list = inspection::item_list(state.store()).await?;
                let all_key = !f.items.is_empty()
                    && f.items.iter().all(|c| list.iter().any(|i| &i.code == c && i.kind == ItemKind::Key));
                match spec_of(&f, actor.office, all_key, &mut errors, en) {
                    Some(spec) => me.draft(actor, spec, now).await.map(drop).inspect_err(|e| {
                        // Ratios over an item's cap are said beside the ratios, naming the item
                        // as the list does.
                        if let Some(m) = over_cap_text(e, &list, en) {
                            errors.add("ratios", m);
                        }
                    }),
                    None => Err(Error::new(Code::InspectionField).with("reason", "fields")),
                }
            }
            // A commitment and a secret are 64 hexadecimal digits: said in words beside the
            // field before anything is asked of `app`.
            PlanStep::Commit if !hex64(&f.commitment) => {
                errors.add("commitment", hex64_text(&f.commitment, en));
                Err(Error::new(Code::InspectionField).with("field", "commitment").with("reason", "64 hex digits"))
            }
            PlanStep::Commit => me.commit(actor, plan, f.commitment.trim(), now).await.map(drop),
            PlanStep::Reveal if !hex64(&f.secret) => {
                errors.add("secret", hex64_text(&f.secret, en));
                Err(Error::new(Code::InspectionField).with("field", "secret").with("reason", "64 hex digits"))
            }
            PlanStep::Publish => me.publish(actor, plan, today, now).await.map(drop),
            PlanStep::Reveal => me.reveal(actor, plan, f.secret.trim(), now).await.map(drop),
            PlanStep::Draw => me.draw(actor, plan, today, now).await.map(drop),
            PlanStep::Record => {
                // Every field checked before any file is stored; each error beside its field.
                let inspected_on = errors.check(
                    shijian_core::parse_date(f.inspected_on.trim()),
                    "record.inspected_on",
                    "form.date",
                    en,
                );
                let category = errors.check(f.category.ok_or(()), "record.category", "form.choose", en);
                let files = evidence_files(files, &mut errors, en);
                let (Some(inspected_on), Some(category), true) = (inspected_on, category, errors.is_empty()) else {
                    return Err(Error::new(Code::InspectionField).with("reason", "fields"));
                };
                let mut evidence = Vec::new();
                for bytes in files {
                    evidence.push(me.add_evidence(actor, plan, target, bytes).await?);
                }
                let r = ResultRecorded {
                    plan: plan.to_string(),
                    target: target.to_string(),
                    inspected_on,
                    category,
                    findings: f.findings.trim().to_string(),
                    evidence,
                };
                me.record_result(actor, r, now).await.map(drop)
            }
            PlanStep::PublishResult => me.publish_result(actor, plan, target, today, now).await.map(drop),
        }
        .map(|()| step)
    }
    .await;
    match done {
        Ok(step) => {
            let lang = if en { "&lang=en" } else { "" };
            // A draw's notice says how many of its tasks have a team, so the plan is named.
            let which = if step == PlanStep::Draw { format!("&plan={plan}") } else { String::new() };
            Redirect::to(&format!("/workbench/inspection?done={step}{which}{lang}")).into_response()
        }
        Err(e) => {
            let status = crate::error::status_of(&e);
            // A form's error of one field goes beside it; the rest above the form.
            if errors.is_empty() {
                match f.action {
                    Some(PlanStep::Draft) => {
                        errors.place(&e, PLAN_FIELDS, en);
                    }
                    Some(PlanStep::Commit) if e.kind() == shijian_core::ErrorKind::InvalidInput => {
                        errors.add("commitment", crate::form::beside(&e, en));
                    }
                    Some(PlanStep::Reveal) if e.code() == Code::InspectionReveal => {
                        errors.add("secret", crate::text::T::new(en).get("inspection_desk.secret_does_not_open"));
                    }
                    Some(PlanStep::Reveal) if e.kind() == shijian_core::ErrorKind::InvalidInput => {
                        errors.add("secret", crate::form::beside(&e, en));
                    }
                    _ => {}
                }
            }
            if f.action == Some(PlanStep::Record) && errors.is_empty() {
                errors.place(&e, RECORD_FIELDS, en);
            }
            let message =
                if errors.is_empty() { crate::form::message(&e, en) } else { crate::form::summary(&errors, en) };
            match build(&state, &uri, &page, en, None, Some(message), f).await {
                Ok(mut p) => {
                    p.errors = errors;
                    crate::error::noting(render(&p, status), &e)
                }
                Err(e) => crate::error::ApiError(e).into_response(),
            }
        }
    }
}

/// The fields of `app`'s result errors, by the result form's names.
const RECORD_FIELDS: &[(&str, &str)] = &[
    ("inspected_on", "record.inspected_on"),
    ("evidence", "record.evidence"),
    ("category", "record.category"),
    ("findings", "record.findings"),
];

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
            &[("lang", false), ("done", false), ("plan", false)],
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
            || post(results).layer(axum::extract::DefaultBodyLimit::max(RESULT_FORM_BYTES)),
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
            evidence: Vec::new(),
            case: None,
        }
    }

    /// The result form's files are checked before any is stored, each problem beside the
    /// evidence field in words: a file that is no JPEG, PNG or PDF, a file over 8 MiB.
    #[test]
    fn evidence_files_are_checked_beside_their_field() {
        let png = b"\x89PNG\r\n\x1a\nrest".to_vec();
        let mut errors = FieldErrors::default();
        let files = vec![("evidence".to_string(), png.clone()), ("other".to_string(), b"x".to_vec())];
        assert_eq!(evidence_files(files, &mut errors, false), vec![png.clone()]);
        assert!(errors.is_empty());
        let files = vec![("evidence".to_string(), b"notes".to_vec())];
        evidence_files(files, &mut errors, false);
        assert_eq!(errors.get("record.evidence"), Some("只能上传JPEG、PNG或PDF文件，请重新选择文件"));
        let mut errors = FieldErrors::default();
        let mut large = png;
        large.resize(MAX_EVIDENCE_BYTES + 1, 0);
        evidence_files(vec![("evidence".to_string(), large)], &mut errors, true);
        assert_eq!(errors.get("record.evidence"), Some("Each file may be at most 8 MiB: choose the files again"));
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
            values: DeskForm::default(),
            errors: FieldErrors::default(),
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

    /// The draft form shows every class's default ratio, and says what a blank means.
    #[test]
    fn the_draft_form_shows_the_default_ratios() {
        let p = DeskPage {
            en: false,
            switch: String::new(),
            csrf: "x".into(),
            display_name: String::new(),
            pseudonym: String::new(),
            office: String::new(),
            planner: true,
            party: false,
            inspector: false,
            notice: None,
            error: None,
            plans: Vec::new(),
            to_publish: Vec::new(),
            owed: Vec::new(),
            tasks: Vec::new(),
            items: Vec::new(),
            categories: Vec::new(),
            today: String::new(),
            values: DeskForm::default(),
            errors: FieldErrors::default(),
        };
        let html = p.render().unwrap();
        for (field, shown) in
            [("ratio_a", "0"), ("ratio_b", "2"), ("ratio_c", "4"), ("ratio_d", "15"), ("ratio_u", "3")]
        {
            assert!(
                html.contains(&format!("name=\"{field}\" inputmode=\"decimal\" value=\"{shown}\"")),
                "{field}: {html}"
            );
        }
        assert!(html.contains("留空即按默认比例，不是0%"), "{html}");
        assert_eq!(
            (percent(50), percent(1_500), percent(1_234)),
            ("0.5".to_string(), "15".to_string(), "12.34".to_string())
        );
    }

    /// A draw that staffed nobody, or only some tasks, says so.
    #[test]
    fn a_draw_says_how_many_tasks_have_a_team() {
        assert!(staffed_text(4, 4, false).contains("全部任务均未组成检查组"));
        assert!(!staffed_text(4, 4, false).contains("并已分派"));
        assert!(staffed_text(4, 1, false).contains("其中1个任务未能组成检查组"));
        assert!(staffed_text(4, 0, false).contains("已抽取4个检查对象，并已分派检查人员"));
        assert!(staffed_text(0, 0, true).contains("no target"));
        assert!(staffed_text(3, 3, true).contains("no task has a team"));
    }

    /// The draft form as a browser sends it, one `items` field per box ticked, reads into the
    /// plan; every field that is wrong (a percentage that is not one, a number that is not one,
    /// a date) is named at once, beside its field, with the form kept; a value no page sends is
    /// refused before, naming it.
    #[test]
    fn the_draft_form_is_typed() {
        let body = "csrf=x&action=draft&title=%E6%8A%BD%E6%9F%A5&office=&starts_on=2026-07-06&ends_on=2026-12-31\
                    &reveal_by=2026-07-10&items=SC-01&items=SC-02&items=SC-03&ratio_b=2&ratio_u=0.5\
                    &team_size=3&recent_days=&forbid_own_office=on&parties=a.hb%EF%BC%8Cb.hb";
        let f: DeskForm = crate::extract::form_fields(body.as_bytes()).unwrap();
        assert_eq!(f.action, Some(PlanStep::Draft));
        let office = DivisionCode::parse("420000").unwrap();
        let spec = spec_of(&f, Some(office), false, &mut FieldErrors::default(), false).unwrap();
        assert_eq!(spec.items, ["SC-01", "SC-02", "SC-03"]);
        assert_eq!((spec.title.as_str(), spec.office), ("抽查", office));
        assert_eq!((spec.ratios.a, spec.ratios.b, spec.ratios.u), (0, 200, 50));
        assert_eq!((spec.team_size, spec.recent_days, spec.forbid_own_office), (3, 365, true));
        assert_eq!(spec.parties, ["a.hb", "b.hb"]);
        assert_eq!(spec.reveal_by, NaiveDate::from_ymd_opt(2026, 7, 10).unwrap());

        // A blank class takes its default, never 0%: C and D were left blank above; with key
        // items only, every class is taken in full.
        assert_eq!((spec.ratios.c, spec.ratios.d), (Ratios::DEFAULT.c, Ratios::DEFAULT.d));
        assert_eq!(spec_of(&f, Some(office), true, &mut FieldErrors::default(), false).unwrap().ratios.c, 10_000);

        let f: DeskForm = crate::extract::form_fields(format!("{body}&ratio_c=lots").as_bytes()).unwrap();
        let mut errors = FieldErrors::default();
        assert!(spec_of(&f, Some(office), false, &mut errors, false).is_none());
        assert_eq!(errors.get("ratio_c"), Some("请填写0到100之间的百分数"));
        assert_eq!(f.ratio_c, "lots", "kept to be shown again");
        let wrong = body.replace("team_size=3", "team_size=many").replace("ends_on=2026-12-31", "ends_on=2026-12-32");
        let f: DeskForm = crate::extract::form_fields(format!("{wrong}&ratio_c=lots").as_bytes()).unwrap();
        let mut errors = FieldErrors::default();
        assert!(spec_of(&f, Some(office), false, &mut errors, true).is_none());
        assert_eq!(errors.len(), 3, "every field's error at once");
        assert_eq!(errors.get("ends_on"), Some("Enter a valid date (year-month-day)"));
        assert!(errors.get("team_size").is_some() && errors.get("ratio_c").is_some());
        assert_eq!(f.team_size, "many", "kept to be shown again");

        for (wrong, field) in [("action=dance", "action"), ("category=fine", "category")] {
            let e = crate::extract::form_fields::<DeskForm>(format!("{body}&{wrong}").as_bytes()).unwrap_err();
            assert_eq!((e.code(), e.detail("field")), (Code::RequestInvalid, Some(field)), "{wrong}");
        }
    }
}
