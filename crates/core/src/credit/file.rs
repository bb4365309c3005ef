//! One entity's credit file as the store keeps it: the `credit.*` events folded into the
//! entity's lists, its reports and the counts the classification reads.
//!
//! [`CreditFile::apply`] folds one event; the store keeps the result as a projection, and the
//! classification reads it through [`CreditFile::facts`].

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::annual::{
    self, AnnualReportFiled, InstantDisclosed, KIND_ANNUAL_REPORT_FILED, KIND_DISCLOSURE_ORDERED,
    KIND_INSTANT_DISCLOSED,
};
use super::classify::{Facts, KIND_RISK_CLASSIFIED, RiskClass, RiskClassified};
use super::lists::{
    AbnormalEntry, AbnormalListed, AbnormalRemoved, AbnormalTermReminded, KIND_ABNORMAL_LISTED,
    KIND_ABNORMAL_MARK_REMOVED, KIND_ABNORMAL_MARKED, KIND_ABNORMAL_REMOVED, KIND_ABNORMAL_TERM_REMINDED,
    KIND_SERIOUS_LISTED, KIND_SERIOUS_REMOVED, ListState, SeriousEntry, SeriousListed, SeriousRemoved,
};
use super::objection::{
    KIND_OBJECTION_ACCEPTED, KIND_OBJECTION_FILED, KIND_OBJECTION_REFUSED, KIND_OBJECTION_VERIFIED, Objection,
    ObjectionAccepted, ObjectionFiled, ObjectionStatus, ObjectionVerified,
};
use super::repair::{
    Commitment, CommitmentBreached, CommitmentMade, KIND_COMMITMENT_BREACHED, KIND_COMMITMENT_MADE,
    KIND_REPAIR_ACCEPTED, KIND_REPAIR_APPROVED, KIND_REPAIR_REFUSED, KIND_REPAIR_REJECTED, KIND_REPAIR_REQUESTED,
    RepairAccepted, RepairRefused, RepairRequest, RepairRequested, RepairStatus,
};
use super::{objection, repair};
use crate::calendar::Calendar;
use crate::entity::EntityState;
use crate::error::{Code, Error, Result};
use crate::inspection::KIND_RESULT_PUBLISHED;
use crate::inspection::task::{ResultCategory, ResultPublished};
use crate::registry::EntityKind;

/// An annual report on file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportOnFile {
    pub filed_on: NaiveDate,
    pub late: bool,
}

/// The latest risk class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassOnFile {
    pub class: RiskClass,
    pub score: i32,
    pub as_of: NaiveDate,
    pub model_version: String,
    pub reasons: Vec<super::classify::Indicator>,
}

/// A published random-inspection result (抽查检查结果), as the credit file keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionOnFile {
    pub plan: String,
    /// The entity's code, or `<code>/<local id>` for one of its premises.
    pub target: String,
    pub inspected_on: NaiveDate,
    pub category: ResultCategory,
    pub published_on: NaiveDate,
}

/// An entity's credit file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditFile {
    pub lists: ListState,
    /// Annual reports by report year.
    pub reports: BTreeMap<i32, ReportOnFile>,
    pub instant_late: u16,
    pub disclosure_orders: u16,
    pub abnormal_past: u16,
    pub serious_past: u16,
    pub repairs_completed: u16,
    pub commitments_breached: u16,
    pub class: Option<ClassOnFile>,
    /// Credit repair requests by reference, with where each stands.
    #[serde(default)]
    pub repairs: BTreeMap<String, RepairRequest>,
    /// Objections by reference.
    #[serde(default)]
    pub objections: BTreeMap<String, Objection>,
    /// Credit commitments by reference, with any breach found.
    #[serde(default)]
    pub commitments: BTreeMap<String, Commitment>,
    /// Published random-inspection results, in the order published (`inspection.result_published`,
    /// folded here as well as into the task; 国发〔2019〕5号: results feed the credit file).
    #[serde(default)]
    pub inspections: Vec<InspectionOnFile>,
}

/// Whether events of `kind` change a credit file.
pub fn folds(kind: &str) -> bool {
    matches!(
        kind,
        KIND_ABNORMAL_LISTED
            | KIND_ABNORMAL_MARKED
            | KIND_ABNORMAL_REMOVED
            | KIND_ABNORMAL_MARK_REMOVED
            | KIND_ABNORMAL_TERM_REMINDED
            | KIND_SERIOUS_LISTED
            | KIND_SERIOUS_REMOVED
            | KIND_ANNUAL_REPORT_FILED
            | KIND_INSTANT_DISCLOSED
            | KIND_DISCLOSURE_ORDERED
            | KIND_REPAIR_APPROVED
            | KIND_COMMITMENT_MADE
            | KIND_COMMITMENT_BREACHED
            | KIND_RISK_CLASSIFIED
            | KIND_REPAIR_REQUESTED
            | KIND_REPAIR_ACCEPTED
            | KIND_REPAIR_REFUSED
            | KIND_REPAIR_REJECTED
            | KIND_OBJECTION_FILED
            | KIND_OBJECTION_ACCEPTED
            | KIND_OBJECTION_REFUSED
            | KIND_OBJECTION_VERIFIED
    )
}

fn de<T: serde::de::DeserializeOwned>(data: &Value) -> Result<T> {
    T::deserialize(data).map_err(|e| Error::new(Code::EventInvalid).with("field", "data").with("reason", e))
}

fn no_entry(kind: &str) -> Error {
    Error::new(Code::CreditListTransition).with("action", kind.to_string()).with("reason", "no such entry / 无此记录")
}

/// A reference already on the file: a second request or objection under it does not fold.
fn reference_in_use(reference: &str) -> Error {
    Error::new(Code::CreditWorkflow)
        .with("status", "编号已使用 / reference in use")
        .with("action", format!("reference {reference}"))
}

/// The fold re-runs the transition of a repair request's step (修复办法 第九条至第十一条: accept
/// or refuse a submitted request; decide on an accepted one): a step on a request no longer
/// in the status it needs fails the append, so the journal never holds two decisions on one
/// request, however they were decided (the same rule as [`repair::accept`] and the others).
fn repair_step(r: &RepairRequest, from: RepairStatus, action: &str) -> Result<()> {
    if r.status == from { Ok(()) } else { Err(repair::workflow(r.status, action)) }
}

/// As [`repair_step`], for an objection (名录办法 第十五条: accept or refuse a filed objection;
/// verify an accepted one).
fn objection_step(o: &Objection, from: ObjectionStatus, action: &str) -> Result<()> {
    if o.status == from { Ok(()) } else { Err(objection::workflow(o.status, action)) }
}

impl CreditFile {
    pub fn new(kind: EntityKind) -> CreditFile {
        CreditFile {
            lists: ListState::empty(kind),
            reports: BTreeMap::new(),
            instant_late: 0,
            disclosure_orders: 0,
            abnormal_past: 0,
            serious_past: 0,
            repairs_completed: 0,
            commitments_breached: 0,
            class: None,
            repairs: BTreeMap::new(),
            objections: BTreeMap::new(),
            commitments: BTreeMap::new(),
            inspections: Vec::new(),
        }
    }

    /// Folds one event (of a kind for which [`folds`] holds; others change nothing).
    pub fn apply(&mut self, kind: &str, data: &Value) -> Result<()> {
        match kind {
            KIND_ABNORMAL_LISTED | KIND_ABNORMAL_MARKED => {
                let d: AbnormalListed = de(data)?;
                self.lists.abnormal.push(AbnormalEntry {
                    ground: d.ground,
                    report_year: d.report_year,
                    listed_on: d.listed_on,
                    marked: d.marked,
                    reminded_on: None,
                });
            }
            KIND_ABNORMAL_REMOVED | KIND_ABNORMAL_MARK_REMOVED => {
                let d: AbnormalRemoved = de(data)?;
                let at = self
                    .lists
                    .abnormal
                    .iter()
                    .position(|e| e.ground == d.ground && e.report_year == d.report_year)
                    .ok_or_else(|| no_entry(kind))?;
                self.lists.abnormal.remove(at);
                self.abnormal_past += 1;
            }
            KIND_ABNORMAL_TERM_REMINDED => {
                let d: AbnormalTermReminded = de(data)?;
                if let Some(e) =
                    self.lists.abnormal.iter_mut().find(|e| e.ground == d.ground && e.report_year == d.report_year)
                {
                    e.reminded_on = Some(d.reminded_on);
                }
            }
            KIND_SERIOUS_LISTED => {
                let d: SeriousListed = de(data)?;
                self.lists.serious.push(SeriousEntry {
                    ground: d.ground,
                    listed_on: d.listed_on,
                    ends_on: d.ends_on,
                    penalty: d.penalty,
                    decision: d.decision,
                });
            }
            KIND_SERIOUS_REMOVED => {
                let d: SeriousRemoved = de(data)?;
                let at = self
                    .lists
                    .serious
                    .iter()
                    .position(|e| e.ground == d.ground && e.listed_on == d.listed_on)
                    .ok_or_else(|| no_entry(kind))?;
                self.lists.serious.remove(at);
                self.serious_past += 1;
            }
            KIND_ANNUAL_REPORT_FILED => {
                let d: AnnualReportFiled = de(data)?;
                self.reports.insert(d.year, ReportOnFile { filed_on: d.filed_on, late: d.late });
            }
            KIND_INSTANT_DISCLOSED => {
                let d: InstantDisclosed = de(data)?;
                if d.late {
                    self.instant_late += 1;
                }
            }
            KIND_DISCLOSURE_ORDERED => self.disclosure_orders += 1,
            KIND_REPAIR_REQUESTED => {
                let d: RepairRequested = de(data)?;
                if self.repairs.contains_key(&d.reference) {
                    return Err(reference_in_use(&d.reference));
                }
                self.repairs.insert(
                    d.reference.clone(),
                    RepairRequest {
                        reference: d.reference,
                        target: d.target,
                        submitted_on: d.submitted_on,
                        status: RepairStatus::Submitted,
                        accepted_on: None,
                    },
                );
            }
            KIND_REPAIR_ACCEPTED => {
                let d: RepairAccepted = de(data)?;
                let r = self.repairs.get_mut(&d.reference).ok_or_else(|| no_entry(kind))?;
                repair_step(r, RepairStatus::Submitted, "accept")?;
                r.status = RepairStatus::Accepted;
                r.accepted_on = Some(d.accepted_on);
            }
            KIND_REPAIR_REFUSED | KIND_REPAIR_REJECTED => {
                let d: RepairRefused = de(data)?;
                let r = self.repairs.get_mut(&d.reference).ok_or_else(|| no_entry(kind))?;
                if kind == KIND_REPAIR_REFUSED {
                    repair_step(r, RepairStatus::Submitted, "refuse")?;
                } else {
                    repair_step(r, RepairStatus::Accepted, "reject")?;
                }
                r.status = if kind == KIND_REPAIR_REFUSED { RepairStatus::Refused } else { RepairStatus::Rejected };
            }
            KIND_REPAIR_APPROVED => {
                if let Some(reference) = data.get("reference").and_then(Value::as_str)
                    && let Some(r) = self.repairs.get_mut(reference)
                {
                    repair_step(r, RepairStatus::Accepted, "approve")?;
                    r.status = RepairStatus::Approved;
                }
                self.repairs_completed += 1;
            }
            KIND_OBJECTION_FILED => {
                let d: ObjectionFiled = de(data)?;
                if self.objections.contains_key(&d.reference) {
                    return Err(reference_in_use(&d.reference));
                }
                self.objections.insert(
                    d.reference.clone(),
                    Objection {
                        reference: d.reference,
                        target: d.target,
                        filed_on: d.filed_on,
                        status: ObjectionStatus::Filed,
                        accepted_on: None,
                    },
                );
            }
            KIND_OBJECTION_ACCEPTED => {
                let d: ObjectionAccepted = de(data)?;
                let o = self.objections.get_mut(&d.reference).ok_or_else(|| no_entry(kind))?;
                objection_step(o, ObjectionStatus::Filed, "accept")?;
                o.status = ObjectionStatus::Accepted;
                o.accepted_on = Some(d.accepted_on);
            }
            KIND_OBJECTION_REFUSED => {
                let reference = data.get("reference").and_then(Value::as_str).unwrap_or_default();
                let o = self.objections.get_mut(reference).ok_or_else(|| no_entry(kind))?;
                objection_step(o, ObjectionStatus::Filed, "refuse")?;
                o.status = ObjectionStatus::Refused;
            }
            KIND_OBJECTION_VERIFIED => {
                let d: ObjectionVerified = de(data)?;
                let o = self.objections.get_mut(&d.reference).ok_or_else(|| no_entry(kind))?;
                objection_step(o, ObjectionStatus::Accepted, "verify")?;
                o.status = if d.upheld { ObjectionStatus::Upheld } else { ObjectionStatus::Dismissed };
            }
            KIND_COMMITMENT_MADE => {
                let d: CommitmentMade = de(data)?;
                self.commitments.insert(
                    d.reference.clone(),
                    Commitment {
                        reference: d.reference,
                        context: d.context,
                        made_on: d.made_on,
                        matter: d.matter,
                        breached_on: None,
                    },
                );
            }
            KIND_COMMITMENT_BREACHED => {
                self.commitments_breached += 1;
                let d: CommitmentBreached = de(data)?;
                if let Some(c) = self.commitments.get_mut(&d.reference) {
                    c.breached_on = Some(d.breached_on);
                }
            }
            KIND_RESULT_PUBLISHED => {
                let d: ResultPublished = de(data)?;
                self.inspections.retain(|i| i.plan != d.plan || i.target != d.target);
                self.inspections.push(InspectionOnFile {
                    plan: d.plan,
                    target: d.target,
                    inspected_on: d.inspected_on,
                    category: d.category,
                    published_on: d.published_on,
                });
            }
            KIND_RISK_CLASSIFIED => {
                let d: RiskClassified = de(data)?;
                self.class = Some(ClassOnFile {
                    class: d.class,
                    score: d.score,
                    as_of: d.as_of,
                    model_version: d.model_version,
                    reasons: d.reasons,
                });
            }
            _ => {}
        }
        Ok(())
    }

    /// The report years missing on `today` (due, i.e. past 30 June of the following year, and
    /// not filed), among the last three.
    pub fn missing_reports(&self, established_on: NaiveDate, today: NaiveDate) -> Result<Vec<i32>> {
        let filed: Vec<i32> = self.reports.keys().copied().collect();
        let mut missing = annual::missing_reports(established_on, &filed, today)?;
        missing.retain(|y| *y >= today.year() - 3);
        Ok(missing)
    }

    /// The facts the classification reads, on `as_of`.
    pub fn facts(&self, state: &EntityState, as_of: NaiveDate) -> Result<Facts> {
        let e = &state.entity;
        let mut f = Facts::new(as_of, e.kind, e.established_on);
        f.status = state.status;
        f.registered_capital_wan =
            e.capital.as_deref().and_then(|c| c.split('.').next()).and_then(|c| c.parse().ok()).unwrap_or(0);
        let first_year = as_of.year() - 3;
        for (year, r) in self.reports.range(first_year..) {
            let _ = year;
            if r.late {
                f.reports_late += 1;
            } else {
                f.reports_on_time += 1;
            }
        }
        f.reports_missing = self.missing_reports(e.established_on, as_of)?.len() as u8;
        f.instant_late = self.instant_late;
        f.disclosure_orders = self.disclosure_orders;
        f.on_abnormal_list = self.lists.on_abnormal_list();
        f.abnormal_past = self.abnormal_past;
        f.on_serious_list = self.lists.on_serious_list();
        f.serious_past = self.serious_past;
        f.repairs_completed = self.repairs_completed;
        f.commitments_breached = self.commitments_breached;
        // Inspections of the last three years (the indicators' window, like the reports').
        let since = as_of.checked_sub_months(chrono::Months::new(36)).unwrap_or(as_of);
        for i in self.inspections.iter().filter(|i| i.inspected_on > since && i.inspected_on <= as_of) {
            match i.category.found_problem() {
                Some(true) => f.inspections_with_problems = f.inspections_with_problems.saturating_add(1),
                Some(false) => f.inspections_clean = f.inspections_clean.saturating_add(1),
                None => {}
            }
        }
        Ok(f)
    }

    /// Whether a repair request or an objection waits for the office.
    pub fn has_open_matters(&self) -> bool {
        self.repairs.values().any(|r| matches!(r.status, RepairStatus::Submitted | RepairStatus::Accepted))
            || self.objections.values().any(|o| matches!(o.status, ObjectionStatus::Filed | ObjectionStatus::Accepted))
    }

    /// The repair requests and objections waiting for the office, each with the step due and
    /// the day it is due on the official calendar: repair acceptance (3 workdays [M]) and
    /// decision (5 workdays for the abnormal list, 名录办法; otherwise 15 [M]); objection
    /// acceptance (5 workdays) and verification (20 workdays) — see [`super::repair`] and
    /// [`super::objection`] for the sources.
    ///
    /// A matter whose due day cannot be counted (a filing day in a year the calendar has no
    /// schedule for, official or provisional) is still listed, with `due` empty and the reason
    /// in `uncounted`: one bad record never hides the others.
    pub fn open_matters(&self, cal: &Calendar) -> Vec<OpenMatter> {
        let mut out = Vec::new();
        let matter = |matter: Matter, reference: &str, step: Step, from: NaiveDate, due: Result<NaiveDate>| {
            let (due, provisional, uncounted) = match due {
                Ok(d) => (Some(d), cal.counts_provisional(from, d), None),
                Err(e) => (None, false, Some(Uncounted::of(&e))),
            };
            OpenMatter { matter, reference: reference.to_string(), step, due, provisional, uncounted }
        };
        for r in self.repairs.values() {
            let (step, from, due) = match r.status {
                RepairStatus::Submitted => (Step::Accept, r.submitted_on, repair::accept_due(cal, r)),
                RepairStatus::Accepted => {
                    (Step::Decide, r.accepted_on.unwrap_or(r.submitted_on), repair::decide_due(cal, r))
                }
                _ => continue,
            };
            out.push(matter(Matter::Repair, &r.reference, step, from, due));
        }
        for o in self.objections.values() {
            let (step, from, due) = match (o.status, o.accepted_on) {
                (ObjectionStatus::Filed, _) => (Step::Accept, o.filed_on, objection::accept_due(cal, o.filed_on)),
                (ObjectionStatus::Accepted, Some(on)) => (Step::Verify, on, objection::verify_due(cal, on)),
                _ => continue,
            };
            out.push(matter(Matter::Objection, &o.reference, step, from, due));
        }
        out.sort_by(OpenMatter::order);
        out
    }
}

/// Why a matter's due day could not be counted: the error's code and, for a year without a
/// schedule, the year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Uncounted {
    pub code: &'static str,
    pub year: Option<i32>,
}

impl Uncounted {
    fn of(e: &crate::error::Error) -> Uncounted {
        Uncounted { code: e.code().as_str(), year: e.detail("year").and_then(|y| y.parse().ok()) }
    }

    /// The reason as a page shows it.
    pub fn text(&self, en: bool) -> String {
        match (self.year, en) {
            (Some(y), false) => format!("无法计算期限（{y}年无节假日安排）"),
            (Some(y), true) => format!("cannot be counted (no holiday schedule for {y})"),
            (None, false) => format!("无法计算期限（{}）", self.code),
            (None, true) => format!("cannot be counted ({})", self.code),
        }
    }
}

/// A matter waiting for the credit office.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OpenMatter {
    pub matter: Matter,
    pub reference: String,
    /// The step the office owes next.
    pub step: Step,
    /// The last day for it; `None` when it cannot be counted (see `uncounted`).
    pub due: Option<NaiveDate>,
    /// Whether `due` counts a day of a provisional year (暂定).
    pub provisional: bool,
    /// Why `due` could not be counted.
    pub uncounted: Option<Uncounted>,
}

impl OpenMatter {
    /// Due day first, matters that cannot be counted first of all (they need a look).
    pub fn order(a: &OpenMatter, b: &OpenMatter) -> std::cmp::Ordering {
        a.due.cmp(&b.due).then_with(|| a.reference.cmp(&b.reference))
    }
}

/// What kind of matter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Matter {
    /// 信用修复申请
    Repair,
    /// 异议申请
    Objection,
}

impl Matter {
    pub const ALL: &'static [Matter] = &[Matter::Repair, Matter::Objection];

    /// The name the workbench's forms use.
    pub fn as_str(self) -> &'static str {
        match self {
            Matter::Repair => "repair",
            Matter::Objection => "objection",
        }
    }

    pub fn parse(s: &str) -> Result<Matter> {
        Matter::ALL
            .iter()
            .copied()
            .find(|m| m.as_str() == s.trim())
            .ok_or_else(|| Error::new(Code::RequestInvalid).with("reason", format!("matter {s}")))
    }

    pub fn zh(self) -> &'static str {
        match self {
            Matter::Repair => "信用修复",
            Matter::Objection => "异议",
        }
    }
}

/// The step the office owes on a matter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// 受理或不予受理
    Accept,
    /// 作出修复决定
    Decide,
    /// 核查并答复
    Verify,
}

impl Step {
    pub fn zh(self) -> &'static str {
        match self {
            Step::Accept => "受理审查",
            Step::Decide => "作出决定",
            Step::Verify => "核查答复",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Step::Accept => "accept or refuse",
            Step::Decide => "decide",
            Step::Verify => "verify and answer",
        }
    }

    /// What the office may do at this step: the forms of the worklist.
    pub fn actions(self) -> &'static [Action] {
        match self {
            Step::Accept => &[Action::Accept, Action::Refuse],
            Step::Decide => &[Action::Approve, Action::Reject],
            Step::Verify => &[Action::Uphold, Action::Dismiss],
        }
    }
}

/// What the office does on a repair request or an objection, by the name the workbench's
/// forms post (`step=accept`): accept or refuse either, approve or reject a repair, uphold or
/// dismiss an objection after verification. The legal basis of each transition is given where
/// it is decided, in [`super::repair`] and [`super::objection`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Accept,
    Refuse,
    Approve,
    Reject,
    Uphold,
    Dismiss,
}

impl Action {
    pub const ALL: &'static [Action] =
        &[Action::Accept, Action::Refuse, Action::Approve, Action::Reject, Action::Uphold, Action::Dismiss];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Accept => "accept",
            Action::Refuse => "refuse",
            Action::Approve => "approve",
            Action::Reject => "reject",
            Action::Uphold => "uphold",
            Action::Dismiss => "dismiss",
        }
    }

    pub fn parse(s: &str) -> Result<Action> {
        Action::ALL
            .iter()
            .copied()
            .find(|a| a.as_str() == s.trim())
            .ok_or_else(|| Error::new(Code::RequestInvalid).with("reason", format!("step {s}")))
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::credit::lists::{self, AbnormalCause, AbnormalGround, Command, Cure, ListState};
    use crate::credit::objection::ObjectionTarget;
    use crate::credit::repair::{RepairFacts, RepairTarget};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn fold<T: serde::Serialize>(file: &mut CreditFile, kind: &str, data: &T) -> Result<()> {
        file.apply(kind, &serde_json::to_value(data).unwrap())
    }

    /// Two approvals of one repair request decided on the same state: the fold takes the
    /// first and refuses the second as the transition would, so the journal cannot hold both.
    #[test]
    fn a_second_decision_on_a_repair_request_does_not_fold() {
        let missing =
            Command::ListAbnormal { cause: AbnormalCause::AnnualReportMissing { year: 2023 }, on: d("2024-07-02") };
        let lists = lists::decide(&ListState::empty(EntityKind::LimitedCompany), &missing).unwrap().next;
        let target =
            RepairTarget::AbnormalListing { ground: AbnormalGround::AnnualReportMissing, report_year: Some(2023) };
        let facts =
            RepairFacts { commitment: true, cure: Some(Cure::ReportFiled { year: 2023 }), early: None, penalty: None };
        let mut file = CreditFile::new(EntityKind::LimitedCompany);
        let s = repair::submit(&lists, "修复1", target, &facts, d("2024-08-01")).unwrap();
        fold(&mut file, s.kind, &s.data).unwrap();
        let again = fold(&mut file, s.kind, &s.data).unwrap_err();
        assert_eq!(again.code(), Code::CreditWorkflow);
        let a = repair::accept(&s.next, d("2024-08-02")).unwrap();
        fold(&mut file, a.kind, &a.data).unwrap();
        assert_eq!(fold(&mut file, a.kind, &a.data).unwrap_err().code(), Code::CreditWorkflow);
        // Decided on the accepted request twice: an approval and a rejection, or two approvals.
        let r = repair::reject(&a.next, d("2024-08-03"), "不符合条件").unwrap();
        fold(&mut file, r.kind, &r.data).unwrap();
        assert_eq!(file.repairs["修复1"].status, RepairStatus::Rejected);
        let e = fold(&mut file, r.kind, &r.data).unwrap_err();
        assert_eq!((e.code(), e.detail("action")), (Code::CreditWorkflow, Some("reject")));
        let approved = serde_json::json!({"reference": "修复1", "approved_on": "2024-08-04"});
        let e = file.apply(KIND_REPAIR_APPROVED, &approved).unwrap_err();
        assert_eq!((e.code(), e.detail("action")), (Code::CreditWorkflow, Some("approve")));
        assert_eq!(file.repairs_completed, 0);
    }

    /// The same for objections: a second acceptance or verification does not fold.
    #[test]
    fn a_second_step_on_an_objection_does_not_fold() {
        let target = ObjectionTarget::AbnormalListing { ground: AbnormalGround::Unreachable, report_year: None };
        let mut file = CreditFile::new(EntityKind::LimitedCompany);
        let f = objection::file("异议1", target, d("2024-09-10"), "住所可以联系").unwrap();
        fold(&mut file, f.kind, &f.data).unwrap();
        assert_eq!(fold(&mut file, f.kind, &f.data).unwrap_err().code(), Code::CreditWorkflow);
        let a = objection::accept(&f.next, d("2024-09-12")).unwrap();
        fold(&mut file, a.kind, &a.data).unwrap();
        assert_eq!(fold(&mut file, a.kind, &a.data).unwrap_err().code(), Code::CreditWorkflow);
        let refused = objection::refuse(&f.next, d("2024-09-12"), "逾期").unwrap();
        assert_eq!(fold(&mut file, refused.kind, &refused.data).unwrap_err().code(), Code::CreditWorkflow);
        let v = objection::verify(&a.next, d("2024-10-08"), true, "可以联系").unwrap();
        fold(&mut file, v.kind, &v.data).unwrap();
        let e = fold(&mut file, v.kind, &v.data).unwrap_err();
        assert_eq!((e.code(), e.detail("action")), (Code::CreditWorkflow, Some("verify")));
        assert_eq!(file.objections["异议1"].status, ObjectionStatus::Upheld);
    }
}
