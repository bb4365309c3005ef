//! The enterprise portal: an entity's own page, where it files its annual report (企业信息公示
//! 暂行条例 第八条、第九条) and asks for credit repair (市场监督管理信用修复管理办法), and sees
//! where its requests stand. Open to the enterprise signed in with its own code, and to the
//! office's staff entering a filing on its behalf (帮办) inside their jurisdiction; what may be
//! done is decided in `app`, as for the API.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use shijian_app::credit::Credit;
use shijian_core::credit::annual::{
    AnnualReport, Contact, Count, Figure, FigureKind, OperatingState, ReportForm, Website,
};
use shijian_core::credit::file::CreditFile;
use shijian_core::credit::lists::{AbnormalGround, Cure, EarlyRemovalConditions};
use shijian_core::credit::repair::{PenaltyConditions, RepairFacts, RepairTarget};
use shijian_core::entity::EntityState;
use shijian_core::registry::EntityKind;
use shijian_core::{Code, Error, Lang};

use crate::AppState;
use crate::auth::PageCaller;
use crate::extract::SignedForm;
use crate::form::FieldErrors;
use crate::html::{en_in, switch};
use crate::workbench::render;

/// Every figure an annual report may carry, in the order of the forms.
const FIGURES: [FigureKind; 10] = [
    FigureKind::TotalAssets,
    FigureKind::TotalLiabilities,
    FigureKind::OwnersEquity,
    FigureKind::Revenue,
    FigureKind::MainRevenue,
    FigureKind::TotalProfit,
    FigureKind::NetProfit,
    FigureKind::TaxPaid,
    FigureKind::GuaranteesProvided,
    FigureKind::Surplus,
];

/// The label of a figure on the form: Chinese as the official forms word it, and English.
pub(crate) fn figure_label(kind: FigureKind, form: ReportForm, en: bool) -> &'static str {
    match (kind, en) {
        (FigureKind::TotalAssets, false) => "资产总额（万元）",
        (FigureKind::TotalAssets, true) => "Total assets (10,000 yuan)",
        (FigureKind::TotalLiabilities, false) => "负债总额（万元）",
        (FigureKind::TotalLiabilities, true) => "Total liabilities (10,000 yuan)",
        (FigureKind::GuaranteesProvided, false) => "对外提供保证担保（万元）",
        (FigureKind::GuaranteesProvided, true) => "Guarantees provided (10,000 yuan)",
        (FigureKind::OwnersEquity, false) => "所有者权益合计（万元）",
        (FigureKind::OwnersEquity, true) => "Owners' equity (10,000 yuan)",
        (FigureKind::Revenue, false) if form == ReportForm::IndividualBusiness => "营业额或营业收入（万元）",
        (FigureKind::Revenue, false) => "营业总收入（万元）",
        (FigureKind::Revenue, true) => "Revenue (10,000 yuan)",
        (FigureKind::MainRevenue, false) => "其中：主营业务收入（万元）",
        (FigureKind::MainRevenue, true) => "of which main business (10,000 yuan)",
        (FigureKind::TotalProfit, false) => "利润总额（万元）",
        (FigureKind::TotalProfit, true) => "Total profit (10,000 yuan)",
        (FigureKind::NetProfit, false) => "净利润（万元）",
        (FigureKind::NetProfit, true) => "Net profit (10,000 yuan)",
        (FigureKind::TaxPaid, false) => "纳税总额（万元）",
        (FigureKind::TaxPaid, true) => "Tax paid (10,000 yuan)",
        (FigureKind::Surplus, false) => "盈余总额（万元）",
        (FigureKind::Surplus, true) => "Surplus (10,000 yuan)",
    }
}

struct FigureField {
    kind: FigureKind,
    name: &'static str,
    label: &'static str,
}

/// One list entry the entity may ask to have repaired, with the form's fields for it.
struct RepairOption {
    /// `a<i>` for the i-th abnormal entry, `s<i>` for the i-th serious one.
    key: String,
    label: String,
    /// The abnormal ground is "unreachable": the applicant says how it was cured.
    unreachable: bool,
    serious: bool,
}

struct RequestRow {
    reference: String,
    target: String,
    submitted_on: String,
    status: String,
}

#[derive(Template)]
#[template(path = "enterprise.html")]
struct EnterprisePage {
    en: bool,
    switch: String,
    csrf: String,
    uscc: String,
    name: String,
    kind: String,
    status: String,
    own: bool,
    notice: Option<String>,
    error: Option<String>,
    year: i32,
    filed_years: Vec<i32>,
    figures: Vec<FigureField>,
    cooperative: bool,
    options: Vec<RepairOption>,
    requests: Vec<RequestRow>,
    /// What was typed into the annual report, shown again after a refusal (empty at first).
    values: AnnualReportForm,
    /// The year as typed, shown again after a refusal (else the year due, `year`).
    year_typed: String,
    /// Each field's error, after a refusal of the annual report.
    errors: FieldErrors,
}

impl EnterprisePage {
    /// The error beside `field` of the annual report form, if any.
    fn err(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }

    /// The error beside a figure's amount.
    fn fig_err(&self, name: &str) -> Option<&str> {
        self.errors.get(&format!("fig_{name}"))
    }

    /// What the year field shows: what was typed, or the year due.
    fn year_shown(&self) -> String {
        if self.year_typed.trim().is_empty() { self.year.to_string() } else { self.year_typed.clone() }
    }

    /// The amount typed for a figure, or empty.
    fn amount(&self, kind: &FigureKind) -> &str {
        self.values.figures.get(&FigureKey::Amount(*kind)).map_or("", String::as_str)
    }

    /// Whether the figure's box "publish" was ticked.
    fn published(&self, kind: &FigureKind) -> bool {
        self.values.figures.contains_key(&FigureKey::Published(*kind))
    }
}

pub(crate) fn target_label(t: &RepairTarget, en: bool) -> String {
    match (t, en) {
        (RepairTarget::AbnormalListing { ground, report_year }, false) => {
            format!(
                "移出经营异常名录：{}{}",
                ground.zh(),
                report_year.map(|y| format!("（{y}年度）")).unwrap_or_default()
            )
        }
        (RepairTarget::AbnormalListing { ground, report_year }, true) => format!(
            "removal from the abnormal operations list: {}{}",
            ground.en(),
            report_year.map(|y| format!(" ({y})")).unwrap_or_default()
        ),
        (RepairTarget::SeriousListing { ground, listed_on }, false) => {
            format!("提前移出严重违法失信名单：{}（{listed_on}列入）", ground.zh())
        }
        (RepairTarget::SeriousListing { ground, listed_on }, true) => {
            format!("early removal from the serious violations list: {} (listed {listed_on})", ground.en())
        }
        (RepairTarget::PenaltyPublicity { decision, .. }, false) => format!("提前停止公示行政处罚信息：{decision}"),
        (RepairTarget::PenaltyPublicity { decision, .. }, true) => {
            format!("early end of a penalty's publicity: {decision}")
        }
    }
}

fn build_page(
    page: &PageCaller,
    uri: &Uri,
    en: bool,
    state: &EntityState,
    file: &CreditFile,
    today: NaiveDate,
) -> EnterprisePage {
    let e = &state.entity;
    let form = ReportForm::for_kind(e.kind);
    let options = file
        .lists
        .abnormal
        .iter()
        .enumerate()
        .map(|(i, a)| RepairOption {
            key: format!("a{i}"),
            label: target_label(&RepairTarget::AbnormalListing { ground: a.ground, report_year: a.report_year }, en),
            unreachable: a.ground == AbnormalGround::Unreachable,
            serious: false,
        })
        .chain(file.lists.serious.iter().enumerate().map(|(i, s)| RepairOption {
            key: format!("s{i}"),
            label: target_label(&RepairTarget::SeriousListing { ground: s.ground, listed_on: s.listed_on }, en),
            unreachable: false,
            serious: true,
        }))
        .collect();
    let requests = file
        .repairs
        .values()
        .map(|r| RequestRow {
            reference: r.reference.clone(),
            target: target_label(&r.target, en),
            submitted_on: r.submitted_on.to_string(),
            status: if en { format!("{:?}", r.status).to_lowercase() } else { r.status.zh().to_string() },
        })
        .collect();
    EnterprisePage {
        en,
        switch: switch(uri, en),
        csrf: page.csrf.clone().unwrap_or_default(),
        uscc: e.uscc.to_string(),
        name: e.name.clone(),
        kind: if en { e.kind.en().to_string() } else { e.kind.zh().to_string() },
        status: if en { state.status.en().to_string() } else { state.status.zh().to_string() },
        own: page.caller.actor.pseudonym.as_deref() == Some(e.uscc.as_str()),
        notice: None,
        error: None,
        year: today.year() - 1,
        filed_years: file.reports.keys().copied().collect(),
        figures: FIGURES
            .iter()
            .filter(|k| k.allowed(form))
            .map(|k| FigureField { kind: *k, name: k.as_str(), label: figure_label(*k, form, en) })
            .collect(),
        cooperative: form == ReportForm::FarmerCooperative,
        options,
        requests,
        values: AnnualReportForm::default(),
        year_typed: String::new(),
        errors: FieldErrors::default(),
    }
}

/// `GET /enterprise/{uscc}`: the entity's own page.
pub async fn page(
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
    let (entity, file) = match Credit::new(state.store()).filer_view(&page.caller.actor, &uscc).await {
        Ok(v) => v,
        Err(e) => return crate::error::ApiError(e).into_response(),
    };
    let mut p = build_page(&page, &uri, en, &entity, &file, crate::api::today());
    p.notice = match q.get("done").map(String::as_str) {
        Some("report") => {
            Some(if en { "The annual report is filed and published." } else { "年度报告已报送并公示。" })
        }
        Some("repair") => Some(if en {
            "The repair request is submitted to the office."
        } else {
            "信用修复申请已提交登记机关。"
        }),
        _ => None,
    }
    .map(str::to_string);
    render(&p, StatusCode::OK)
}

pub(crate) fn field_error(field: &str) -> Error {
    Error::new(Code::RequestInvalid).with("field", field)
}

/// A figure's field on the annual report form, named after the figure's kind: its amount
/// (`fig_<kind>`) or its box "publish" (`pub_<kind>`). Any other name is refused, naming it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum FigureKey {
    Amount(FigureKind),
    Published(FigureKind),
}

impl<'de> Deserialize<'de> for FigureKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<FigureKey, D::Error> {
        let name = String::deserialize(d)?;
        let unknown = || serde::de::Error::custom(format!("unknown field `{name}`"));
        let (kind, key): (&str, fn(FigureKind) -> FigureKey) = match name.split_at_checked(4) {
            Some(("fig_", kind)) => (kind, FigureKey::Amount),
            Some(("pub_", kind)) => (kind, FigureKey::Published),
            _ => return Err(unknown()),
        };
        FIGURES.iter().find(|k| k.as_str() == kind).map(|k| key(*k)).ok_or_else(unknown)
    }
}

/// The fields of the annual report form.
///
/// The figures' fields are named after their kinds (`fig_total_assets`, `pub_total_assets`),
/// and which of them a form has depends on the entity's form of report, so they are read as a
/// map whose keys are checked ([`FigureKey`]) rather than as one field each. serde reads a
/// flattened map by holding every value as text first, and a number held so no longer parses
/// as a number; so the other fields are text too, and the year and the counts are parsed in
/// [`report_of`], which names the field it refuses and shows the page again with what was typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AnnualReportForm {
    /// Checked by [`SignedForm`] before; named here so that the map below does not take it.
    #[serde(rename = "csrf")]
    _csrf: String,
    year: String,
    address: String,
    postcode: String,
    phone: String,
    email: String,
    /// `operating`, `suspended` or `liquidating`.
    state: String,
    website_name: String,
    website_url: String,
    /// A checkbox: the website is a shop on a platform.
    website_shop: Option<String>,
    employees: String,
    /// A checkbox: the head count is published.
    employees_published: Option<String>,
    /// Farmers' cooperatives only.
    members: String,
    #[serde(flatten)]
    figures: BTreeMap<FigureKey, String>,
}

/// A field's text, trimmed, when something was typed into it.
fn given(typed: &str) -> Option<String> {
    Some(typed.trim().to_string()).filter(|v| !v.is_empty())
}

/// The annual report from the form's fields, or `None` with every field's error recorded
/// beside it: what the form itself reads (the year, the state, the counts) is checked here, the
/// report's own rules are the core's ([`AnnualReport::check`]), asked again after each error
/// with the field it named set aside, so that one submission shows everything to correct.
fn report_of(
    f: &AnnualReportForm,
    kind: EntityKind,
    errors: &mut FieldErrors,
    en: bool,
) -> Result<AnnualReport, Error> {
    let form = ReportForm::for_kind(kind);
    let year = match f.year.trim() {
        "" => {
            errors.add("year", crate::text::T::new(en).get("form.required"));
            None
        }
        y => errors.check(y.parse::<i32>(), "year", "form.year", en),
    };
    let state = match f.state.trim() {
        "operating" => Some(OperatingState::Operating),
        "suspended" => Some(OperatingState::Suspended),
        "liquidating" => Some(OperatingState::Liquidating),
        _ => {
            errors.add("state", crate::text::T::new(en).get("form.choose"));
            None
        }
    };
    let websites = match (given(&f.website_name), given(&f.website_url)) {
        (None, None) => Vec::new(),
        (name, url) => vec![Website {
            shop: f.website_shop.is_some(),
            name: name.unwrap_or_default(),
            url: url.unwrap_or_default(),
        }],
    };
    let employees = given(&f.employees).and_then(|v| {
        let value = errors.check(v.parse(), "employees", "form.count", en)?;
        Some(Count { value, published: f.employees_published.is_some() })
    });
    let members = given(&f.members).and_then(|v| errors.check(v.parse(), "members", "form.count", en));
    let figures = FIGURES
        .iter()
        .filter(|k| k.allowed(form))
        .filter_map(|k| {
            f.figures.get(&FigureKey::Amount(*k)).and_then(|a| given(a)).map(|amount| Figure {
                kind: *k,
                amount,
                published: f.figures.contains_key(&FigureKey::Published(*k)),
            })
        })
        .collect();
    let mut report = AnnualReport {
        year: year.unwrap_or_default(),
        contact: Contact {
            address: f.address.trim().to_string(),
            postcode: f.postcode.trim().to_string(),
            phone: f.phone.trim().to_string(),
            email: given(&f.email),
        },
        state: state.unwrap_or(OperatingState::Operating),
        websites,
        investments: Vec::new(),
        contributions: Vec::new(),
        equity_transfers: Vec::new(),
        employees,
        members,
        figures,
    };
    let checked = report.clone();
    // Each error of the core's check is recorded beside its field, and the field set aside (a
    // value that passes), until the report passes or an error names no field of the form.
    for _ in 0..=FIGURES.len() + 8 {
        let Err(e) = report.check(kind) else { break };
        let field = e.detail("field").unwrap_or_default().to_string();
        if !place(errors, &e, en) {
            return Err(e);
        }
        match field.as_str() {
            "contact.address" => report.contact.address = "-".into(),
            "contact.postcode" => report.contact.postcode = "000000".into(),
            "contact.phone" => report.contact.phone = "00000".into(),
            "contact.email" => report.contact.email = None,
            "websites" => report.websites.clear(),
            "members" => report.members = None,
            figure => report.figures.retain(|f| f.kind.as_str() != figure),
        }
    }
    match errors.is_empty() {
        true => Ok(checked),
        false => Err(Error::new(Code::CreditReportField).with("reason", "fields")),
    }
}

/// Records `e` beside the field of the annual report form it names; `false` when it names none.
fn place(errors: &mut FieldErrors, e: &Error, en: bool) -> bool {
    let owned = report_fields();
    let fields: Vec<(&str, &str)> = owned.iter().map(|(core, form)| (*core, form.as_str())).collect();
    // An amount is said as what to type, the label naming the figure.
    if e.code() == Code::CreditAmount
        && let Some((_, form)) = fields.iter().find(|(core, _)| e.detail("field") == Some(*core))
    {
        errors.add(form, crate::text::T::new(en).get("form.amount"));
        return true;
    }
    errors.place(e, &fields, en)
}

/// The report's fields as the core names them (`field`), by the form's names.
fn report_fields() -> Vec<(&'static str, String)> {
    let mut fields: Vec<(&'static str, String)> = [
        ("year", "year"),
        ("contact.address", "address"),
        ("contact.postcode", "postcode"),
        ("contact.phone", "phone"),
        ("contact.email", "email"),
        ("websites", "website_url"),
        ("employees", "employees"),
        ("members", "members"),
    ]
    .into_iter()
    .map(|(core, form)| (core, form.to_string()))
    .collect();
    fields.extend(FIGURES.iter().map(|k| (k.as_str(), format!("fig_{}", k.as_str()))));
    fields
}

/// Shows the page again with what was typed, each field's error beside it and the rest above.
#[allow(clippy::too_many_arguments)]
async fn again(
    state: &AppState,
    page: &PageCaller,
    uri: &Uri,
    en: bool,
    uscc: &str,
    values: AnnualReportForm,
    mut errors: FieldErrors,
    e: Error,
) -> Response {
    if e.code() == Code::AccessDenied {
        return crate::error::ApiError(e).into_response();
    }
    let (entity, file) = match Credit::new(state.store()).filer_view(&page.caller.actor, uscc).await {
        Ok(v) => v,
        Err(e) => return crate::error::ApiError(e).into_response(),
    };
    let mut p = build_page(page, uri, en, &entity, &file, crate::api::today());
    if errors.is_empty() {
        place(&mut errors, &e, en);
    }
    p.error = Some(if errors.is_empty() {
        e.message(if en { Lang::En } else { Lang::Zh })
    } else {
        crate::form::summary(&errors, en)
    });
    if let Ok(y) = values.year.trim().parse() {
        p.year = y;
    }
    p.year_typed = values.year.clone();
    p.values = values;
    p.errors = errors;
    render(&p, crate::error::status_of(&e))
}

fn done(uscc: &str, what: &str, en: bool) -> Response {
    Redirect::to(&format!("/enterprise/{uscc}?done={what}{}", if en { "&lang=en" } else { "" })).into_response()
}

/// `POST /enterprise/{uscc}/annual-report`: files the annual report typed into the form
/// ([`AnnualReportForm`]); after a refusal the page shows every value typed again.
pub async fn annual_report(
    State(state): State<AppState>,
    uri: Uri,
    Path(uscc): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    SignedForm { page, form: f }: SignedForm<AnnualReportForm>,
) -> Response {
    let en = en_in(&q);
    let credit = Credit::new(state.store());
    let mut errors = FieldErrors::default();
    let filed = async {
        let (entity, _) = credit.filer_view(&page.caller.actor, &uscc).await?;
        let report = report_of(&f, entity.entity.kind, &mut errors, en)?;
        credit.file_annual_report(&page.caller.actor, &uscc, &report, None, chrono::Utc::now()).await
    }
    .await;
    match filed {
        Ok(_) => done(&uscc, "report", en),
        Err(e) => again(&state, &page, &uri, en, &uscc, f, errors, e).await,
    }
}

/// The facts of a repair as a form states them: the credit commitment, how an "unreachable"
/// listing was cured (`cure`: `address_changed`, `contact_restored`; checked against the target,
/// so text), and the conditions ticked for the serious list or a penalty's publicity.
#[derive(Deserialize, Default)]
pub(crate) struct FactsForm {
    #[serde(default)]
    commitment: Option<String>,
    #[serde(default)]
    cure: String,
    #[serde(default)]
    obligations_fulfilled: Option<String>,
    #[serde(default)]
    harm_removed: Option<String>,
    #[serde(default)]
    no_new_heavier_penalty: Option<String>,
    #[serde(default)]
    no_repeat: Option<String>,
}

/// What the applicant states, or the office found, for a repair of `target`, from a form's
/// fields: the credit commitment (`commitment`); for the abnormal list, how the ground was cured
/// (implied by the ground, except "unreachable": `cure`); for the serious list and for a
/// penalty's publicity, the conditions ticked.
pub(crate) fn facts_of(target: &RepairTarget, f: &FactsForm) -> Result<RepairFacts, Error> {
    let mut facts = RepairFacts { commitment: f.commitment.is_some(), cure: None, early: None, penalty: None };
    match target {
        RepairTarget::AbnormalListing { ground, report_year } => {
            facts.cure = Some(match ground {
                AbnormalGround::AnnualReportMissing => match report_year {
                    Some(year) => Cure::ReportFiled { year: *year },
                    None => return Err(field_error("entry")),
                },
                AbnormalGround::InstantNotDisclosed => Cure::InformationPublished,
                AbnormalGround::Concealment => Cure::InformationCorrected,
                AbnormalGround::Unreachable => match f.cure.trim() {
                    "address_changed" => Cure::AddressChanged,
                    "contact_restored" => Cure::ContactRestored,
                    _ => return Err(field_error("cure")),
                },
            })
        }
        RepairTarget::SeriousListing { .. } => {
            facts.early = Some(EarlyRemovalConditions {
                obligations_fulfilled: f.obligations_fulfilled.is_some(),
                harm_removed: f.harm_removed.is_some(),
                no_new_heavier_penalty: f.no_new_heavier_penalty.is_some(),
            })
        }
        RepairTarget::PenaltyPublicity { .. } => {
            facts.penalty = Some(PenaltyConditions {
                obligations_fulfilled: f.obligations_fulfilled.is_some(),
                harm_removed: f.harm_removed.is_some(),
                no_repeat: f.no_repeat.is_some(),
            })
        }
    }
    Ok(facts)
}

/// The fields of the repair form: which of the entity's list entries (`entry`: `a<i>` or
/// `s<i>`), and the facts stated ([`FactsForm`]).
#[derive(Deserialize)]
pub struct RepairForm {
    #[serde(default)]
    entry: String,
    #[serde(flatten)]
    facts: FactsForm,
}

/// The target and the facts of a repair request from the form: the list entry, and
/// [`facts_of`].
fn repair_of(f: &RepairForm, file: &CreditFile) -> Result<(RepairTarget, RepairFacts), Error> {
    let key = f.entry.trim();
    let index = key.get(1..).and_then(|i| i.parse::<usize>().ok());
    let target = match (key.chars().next(), index) {
        (Some('a'), Some(i)) => file
            .lists
            .abnormal
            .get(i)
            .map(|a| RepairTarget::AbnormalListing { ground: a.ground, report_year: a.report_year }),
        (Some('s'), Some(i)) => {
            file.lists.serious.get(i).map(|s| RepairTarget::SeriousListing { ground: s.ground, listed_on: s.listed_on })
        }
        _ => None,
    };
    let target = target.ok_or_else(|| field_error("entry"))?;
    let facts = facts_of(&target, &f.facts)?;
    Ok((target, facts))
}

/// `POST /enterprise/{uscc}/repair`: a credit repair request for one of the entity's list
/// entries, with a reference the office's worklist shows (`XF` and the moment of submission).
pub async fn repair(
    State(state): State<AppState>,
    uri: Uri,
    Path(uscc): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    SignedForm { page, form: f }: SignedForm<RepairForm>,
) -> Response {
    let en = en_in(&q);
    let credit = Credit::new(state.store());
    let now = chrono::Utc::now();
    let submitted = async {
        let (_, file) = credit.filer_view(&page.caller.actor, &uscc).await?;
        let (target, facts) = repair_of(&f, &file)?;
        let reference = format!("XF{}", now.format("%Y%m%d%H%M%S%3f"));
        credit.request_repair(&page.caller.actor, &uscc, &reference, target, &facts, None, now).await
    }
    .await;
    match submitted {
        Ok(_) => done(&uscc, "repair", en),
        // The repair form's fields are not shown again (the page lists the entries afresh).
        Err(e) => again(&state, &page, &uri, en, &uscc, AnnualReportForm::default(), FieldErrors::default(), e).await,
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
            "/enterprise/{uscc}",
            Access::Action(Action::FileReport),
            "企业办事页面：年度报告与信用修复 / the enterprise's page: annual report and credit repair",
            &[("lang", false), ("done", false)],
            || get(page),
        ),
        route(
            "POST",
            "/enterprise/{uscc}/annual-report",
            Access::Action(Action::FileReport),
            "报送年度报告（表单）/ file the annual report (form)",
            &[("lang", false)],
            || post(annual_report),
        ),
        route(
            "POST",
            "/enterprise/{uscc}/repair",
            Access::Action(Action::FileReport),
            "申请信用修复（表单）/ ask for credit repair (form)",
            &[("lang", false)],
            || post(repair),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The repair form parses into its struct, the facts flattened beside the entry; the facts
    /// read are those ticked, and a cure the target does not know is refused naming the field.
    #[test]
    fn repair_form_is_typed() {
        let f: RepairForm =
            serde_html_form::from_str("csrf=x&entry=s0&commitment=on&harm_removed=on&no_repeat=on").unwrap();
        assert_eq!(f.entry, "s0");
        let target = RepairTarget::SeriousListing {
            ground: shijian_core::credit::lists::SeriousGround::FoodSafety,
            listed_on: NaiveDate::from_ymd_opt(2025, 1, 2).unwrap(),
        };
        let facts = facts_of(&target, &f.facts).unwrap();
        assert!(facts.commitment);
        let early = facts.early.unwrap();
        assert!(early.harm_removed && !early.obligations_fulfilled && !early.no_new_heavier_penalty);
        let f: RepairForm = serde_html_form::from_str("entry=a0&cure=moved").unwrap();
        let target = RepairTarget::AbnormalListing { ground: AbnormalGround::Unreachable, report_year: None };
        assert_eq!(facts_of(&target, &f.facts).unwrap_err().detail("field"), Some("cure"));
    }

    /// The annual report form reads into its struct, the figures by their keys; the report is
    /// made of the figures the entity's form of report allows; a figure field of no known kind
    /// is refused, naming it.
    #[test]
    fn annual_report_form_is_typed() {
        let body = "csrf=x&year=2025&address=a&postcode=430070&phone=027-87654321&state=operating&employees=12\
                    &fig_total_assets=350.5&pub_total_assets=on&fig_revenue=120&fig_surplus=9&pub_tax_paid=on";
        let f: AnnualReportForm = crate::extract::form_fields(body.as_bytes()).unwrap();
        assert_eq!(f.figures.get(&FigureKey::Amount(FigureKind::TotalAssets)).map(String::as_str), Some("350.5"));
        let report = report_of(&f, EntityKind::LimitedCompany, &mut FieldErrors::default(), false).unwrap();
        assert_eq!(report.year, 2025);
        let figures: Vec<_> = report.figures.iter().map(|x| (x.kind, x.amount.as_str(), x.published)).collect();
        assert_eq!(
            figures,
            [(FigureKind::TotalAssets, "350.5", true), (FigureKind::Revenue, "120", false)],
            "a surplus is a cooperative's figure; a box ticked without an amount is no figure"
        );
        assert_eq!(report.employees.map(|c| (c.value, c.published)), Some((12, false)));

        // Every field that is wrong is named at once, beside it, in words.
        let f: AnnualReportForm = crate::extract::form_fields(
            b"year=last&postcode=4300&phone=call&state=operating&fig_total_assets=lots&employees=x",
        )
        .unwrap();
        let mut errors = FieldErrors::default();
        assert!(report_of(&f, EntityKind::LimitedCompany, &mut errors, false).is_err());
        assert_eq!(errors.get("year"), Some("请填写四位数的年份"));
        assert_eq!(errors.get("address"), Some("不能为空"));
        assert_eq!(errors.get("postcode"), Some("邮政编码为6位数字"));
        assert_eq!(errors.get("phone"), Some("电话号码格式有误"));
        assert_eq!(errors.get("employees"), Some("请填写整数"));
        assert_eq!(errors.get("fig_total_assets"), Some("请填写金额（万元），如 12.50"));
        assert_eq!(errors.len(), 6);
        let e = crate::extract::form_fields::<AnnualReportForm>(format!("{body}&fig_goodwill=1").as_bytes());
        let e = e.unwrap_err();
        assert_eq!(e.code(), Code::RequestInvalid);
        assert!(e.message(Lang::En).contains("fig_goodwill"), "{}", e.message(Lang::En));
    }
}
