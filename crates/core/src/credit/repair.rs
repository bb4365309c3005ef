//! Credit commitments (信用承诺) and credit repair (信用修复): which records can be repaired
//! and when, and the review of a repair request (submitted → accepted or refused → approved or
//! rejected), each step a decision with its event kind and basis.
//!
//! Sources: 市场监督管理信用修复管理办法 (国市监信规〔2021〕3号, in force 2021-09-01, "修复办法"):
//! 第二条 (what repair covers: removal from the abnormal list, restoring an individual
//! business's normal status, early removal from the serious list, early end of a penalty's
//! publicity) and 第四条 (handled by the department that made the decision) [P]; the other
//! article numbers were not read [M]. 行政处罚信息公示规定 (总局令第45号, "公示规定") 第十三条、
//! 第十四条 [L] for penalties. The processing deadlines (3 workdays to accept, 15 to decide)
//! were **not found** in a primary text [M]; removal from the abnormal list keeps the 5 workdays
//! of 企业经营异常名录管理暂行办法 [P, secondary].
//!
//! Newer texts not yet reflected [M]: 国办发〔2025〕22号 (轻微/一般/严重 classes, 信用中国 as the
//! channel) and 信用修复管理办法 (国家发展改革委令第36号, in force 2026-04-01; minimum term, failure
//! corrected, a public credit commitment). How SAMR aligns its 2021 rules is not known.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::lists::{self, AbnormalGround, Cure, EarlyRemovalConditions, ListState, SeriousGround, SeriousRemoval};
use super::{Decision, Record, add_months, ineligible, reversed, too_early};
use crate::calendar::Calendar;
use crate::error::{Code, Error, Result};

// Repair requests are the applicant's business: restricted. A commitment's basis and
// publicity follow its context, a repair's its target; the declarations give one case.
crate::declare_events! {
    /// `credit.commitment_made` ([`CommitmentMade`]).
    KIND_COMMITMENT_MADE, COMMITMENT_MADE = "credit.commitment_made",
        basis: "国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见（国办发〔2020〕49号）",
        zh: "信用承诺", en: "credit commitment";
    /// `credit.commitment_breached` ([`CommitmentBreached`]).
    KIND_COMMITMENT_BREACHED, COMMITMENT_BREACHED = "credit.commitment_breached",
        basis: "国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见（国办发〔2020〕49号）",
        zh: "违背信用承诺", en: "credit commitment breached";
    /// `credit.repair_requested` ([`RepairRequested`]).
    KIND_REPAIR_REQUESTED, REPAIR_REQUESTED = "credit.repair_requested",
        basis: "市场监督管理信用修复管理办法 第二条、第四条；企业经营异常名录管理暂行办法",
        zh: "信用修复申请", en: "credit repair requested", restricted;
    /// `credit.repair_accepted` ([`RepairAccepted`]).
    KIND_REPAIR_ACCEPTED, REPAIR_ACCEPTED = "credit.repair_accepted",
        basis: "市场监督管理信用修复管理办法 第二条、第四条；企业经营异常名录管理暂行办法",
        zh: "信用修复受理", en: "credit repair accepted", restricted;
    /// `credit.repair_refused` ([`RepairRefused`]).
    KIND_REPAIR_REFUSED, REPAIR_REFUSED = "credit.repair_refused",
        basis: "市场监督管理信用修复管理办法 第二条、第四条；企业经营异常名录管理暂行办法",
        zh: "信用修复不予受理", en: "credit repair refused", restricted;
    /// `credit.repair_approved` ([`RepairApproved`]).
    KIND_REPAIR_APPROVED, REPAIR_APPROVED = "credit.repair_approved",
        basis: "市场监督管理信用修复管理办法 第二条、第四条；企业经营异常名录管理暂行办法",
        zh: "准予信用修复", en: "credit repair approved", restricted;
    /// `credit.repair_rejected` ([`RepairRejected`]).
    KIND_REPAIR_REJECTED, REPAIR_REJECTED = "credit.repair_rejected",
        basis: "市场监督管理信用修复管理办法 第二条、第四条；企业经营异常名录管理暂行办法",
        zh: "不予信用修复", en: "credit repair rejected", restricted;
}

/// Accept or refuse a repair request within 3 workdays — **unconfirmed** [M]: no primary text
/// found.
pub const ACCEPT_WORKDAYS: u32 = 3;
/// Decide within 15 workdays of acceptance — **unconfirmed** [M].
pub const DECIDE_WORKDAYS: u32 = 15;
/// Penalty publicity may end early after 6 months [P: county SAMR guide; article M].
pub const PENALTY_MIN_MONTHS: u32 = 6;
/// … after 1 year for food, drugs and special equipment [P; article M].
pub const PENALTY_MIN_MONTHS_SENSITIVE: u32 = 12;

// ----- credit commitments -----

/// Where a credit commitment is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentContext {
    /// 告知承诺制 in licensing and certification (国办发〔2020〕42号).
    NotificationCommitment,
    /// The commitment that comes with a repair request (守信承诺书, 修复办法 [M: article]).
    CreditRepair,
    /// Any other public commitment (e.g. an industry pledge).
    Other,
}

/// A commitment an entity made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    pub reference: String,
    pub context: CommitmentContext,
    pub made_on: NaiveDate,
    pub matter: String,
    /// The day a breach was found, once one was.
    #[serde(default)]
    pub breached_on: Option<NaiveDate>,
}

/// Data of `credit.commitment_made`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentMade {
    pub reference: String,
    pub context: CommitmentContext,
    pub made_on: NaiveDate,
    /// What is committed to.
    pub matter: String,
}

/// Data of `credit.commitment_breached`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentBreached {
    pub reference: String,
    pub made_on: NaiveDate,
    pub breached_on: NaiveDate,
    pub finding: String,
}

fn text(field: &str, t: &str) -> Result<String> {
    let t = t.trim();
    if t.is_empty() {
        return Err(Error::new(Code::EventInvalid).with("field", field).with("reason", "empty"));
    }
    Ok(t.to_string())
}

fn commitment_basis(context: CommitmentContext) -> &'static str {
    match context {
        CommitmentContext::NotificationCommitment => {
            "国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见（国办发〔2020〕42号）"
        }
        CommitmentContext::CreditRepair => "市场监督管理信用修复管理办法",
        CommitmentContext::Other => {
            "国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见（国办发〔2020〕49号）"
        }
    }
}

/// Records a commitment. Entities on the serious list may not use 告知承诺制 (名单办法 [P;
/// article not read M]).
pub fn make_commitment(
    lists: &ListState,
    reference: &str,
    context: CommitmentContext,
    made_on: NaiveDate,
    matter: &str,
) -> Result<Decision<Commitment, CommitmentMade>> {
    if context == CommitmentContext::NotificationCommitment && lists.on_serious_list() {
        return Err(ineligible(
            "列入严重违法失信名单的不适用告知承诺制 / entities on the serious list cannot use notification-and-commitment",
        ));
    }
    let reference = text("reference", reference)?;
    let matter = text("matter", matter)?;
    Ok(Decision {
        kind: KIND_COMMITMENT_MADE,
        basis: commitment_basis(context),
        next: Commitment { reference: reference.clone(), context, made_on, matter: matter.clone(), breached_on: None },
        data: CommitmentMade { reference, context, made_on, matter },
    })
}

/// Records that a commitment was broken (a false commitment or a condition not met), found on
/// `breached_on`. A breach is a credit record of its own (国办发〔2020〕42号: 虚假承诺 are recorded
/// as dishonesty [P; wording not read M]) and counts against the risk class.
pub fn breach(commitment: &Commitment, breached_on: NaiveDate, finding: &str) -> Result<Record<CommitmentBreached>> {
    if let Some(earlier) = commitment.breached_on {
        return Err(Error::new(Code::CreditWorkflow)
            .with("reference", &commitment.reference)
            .with("status", format!("已于{earlier}认定违反承诺 / a breach was already found on {earlier}")));
    }
    if breached_on < commitment.made_on {
        return Err(reversed(commitment.made_on, breached_on));
    }
    Ok(Record {
        kind: KIND_COMMITMENT_BREACHED,
        basis: commitment_basis(commitment.context),
        data: CommitmentBreached {
            reference: commitment.reference.clone(),
            made_on: commitment.made_on,
            breached_on,
            finding: text("finding", finding)?,
        },
    })
}

// ----- credit repair -----

/// How heavy a published penalty is, for repair (公示规定 第二条、第十三条、第十四条).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PenaltyTier {
    /// 警告: not published at all (公示规定 第二条).
    Warning,
    /// 通报批评 or 较低数额罚款: published for 3 months only (第十三条), so no repair is needed.
    ShortTerm,
    /// Other penalties: 3 years, early end possible (第十四条).
    Standard,
    /// 责令停产停业、吊销许可证件 and similar severe penalties: no early end (第十四条).
    Severe,
}

/// The field of a penalty: food, drugs and special equipment wait longer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PenaltyField {
    /// 食品、药品、特种设备
    FoodDrugsSpecialEquipment,
    Other,
}

/// The conditions of 公示规定 第十四条 for an early end of a penalty's publicity (all must hold;
/// not being on a list is checked from the [`ListState`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PenaltyConditions {
    /// 已经自觉履行行政处罚决定中规定的义务
    pub obligations_fulfilled: bool,
    /// 已经主动消除危害后果和不良影响
    pub harm_removed: bool,
    /// 未因同一类违法行为再次受到市场监督管理部门行政处罚
    pub no_repeat: bool,
}

/// What a repair request is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "target")]
pub enum RepairTarget {
    /// Removal from the abnormal list, or the end of an individual business's marking.
    AbnormalListing { ground: AbnormalGround, report_year: Option<i32> },
    /// Early removal from the serious list.
    SeriousListing { ground: SeriousGround, listed_on: NaiveDate },
    /// Early end of a penalty's publicity.
    PenaltyPublicity { decision: String, published_on: NaiveDate, tier: PenaltyTier, field: PenaltyField },
}

impl RepairTarget {
    fn basis(&self) -> &'static str {
        match self {
            RepairTarget::AbnormalListing { .. } => {
                "市场监督管理信用修复管理办法 第二条、第四条；企业经营异常名录管理暂行办法"
            }
            RepairTarget::SeriousListing { .. } => {
                "市场监督管理信用修复管理办法 第二条、第四条；市场监督管理严重违法失信名单管理办法"
            }
            RepairTarget::PenaltyPublicity { .. } => {
                "市场监督管理信用修复管理办法 第二条、第四条；行政处罚信息公示规定 第十四条"
            }
        }
    }
}

/// What the applicant shows and the office checks. Only the part for the request's target is
/// looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepairFacts {
    /// A credit commitment (守信承诺书) comes with the request (修复办法 [M: article]; required
    /// by 国家发展改革委令第36号 from 2026-04-01).
    pub commitment: bool,
    /// For the abnormal list: how the ground was cured.
    pub cure: Option<Cure>,
    /// For the serious list.
    pub early: Option<EarlyRemovalConditions>,
    /// For penalty publicity.
    pub penalty: Option<PenaltyConditions>,
}

fn not_available(reason: &str) -> Error {
    Error::new(Code::CreditRepairNotAvailable).with("reason", reason)
}

/// Whether `target` can be repaired on `on`, given the entity's lists and the facts shown.
/// Checks, by target:
/// - abnormal list: the entry exists and the cure matches its ground (修复办法 第二条;
///   名录办法 第十一条至第十四条 [P, secondary]);
/// - serious list: listed at least 1 year, penalty obligations fulfilled, harm removed, no new
///   heavier penalty [P];
/// - penalty publicity: not a warning (never published), not a short-term penalty (3 months,
///   ends by itself), not a severe one (公示规定 第十四条); published at least 6 months, or 1
///   year for food, drugs and special equipment [P]; the 第十四条 conditions; and not on either
///   list (第十四条).
pub fn check_repairable(lists: &ListState, target: &RepairTarget, facts: &RepairFacts, on: NaiveDate) -> Result<()> {
    if !facts.commitment {
        return Err(ineligible("申请信用修复须作出信用承诺 / a credit commitment must come with the request"));
    }
    match target {
        RepairTarget::AbnormalListing { ground, report_year } => {
            let entry = lists
                .abnormal
                .iter()
                .find(|e| e.ground == *ground && e.report_year == *report_year)
                .ok_or_else(|| not_available("未列入该事由的经营异常名录 / no such abnormal entry"))?;
            match facts.cure {
                Some(cure) if !matches!(cure, Cure::MovedToSerious | Cure::ListingWrong) && cure.cures(entry) => Ok(()),
                _ => Err(ineligible("尚未纠正列入事由 / the ground of the listing is not cured")),
            }
        }
        RepairTarget::SeriousListing { ground, listed_on } => {
            let entry = lists
                .serious
                .iter()
                .find(|e| e.ground == *ground && e.listed_on == *listed_on)
                .ok_or_else(|| not_available("未列入该严重违法失信名单 / no such serious entry"))?;
            let from = super::add_years(entry.listed_on, lists::SERIOUS_EARLY_REMOVAL_YEARS)?;
            if on < from {
                return Err(too_early(from, "列入满1年方可申请提前移出 / early removal after one year"));
            }
            match facts.early {
                Some(c) if c.all() => Ok(()),
                _ => Err(ineligible(
                    "须已履行处罚义务、消除危害后果且未再受较重行政处罚 / obligations fulfilled, harm removed and no new heavier penalty",
                )),
            }
        }
        RepairTarget::PenaltyPublicity { published_on, tier, field, .. } => {
            match tier {
                PenaltyTier::Warning => return Err(not_available("警告不予公示 / warnings are not published")),
                PenaltyTier::ShortTerm => {
                    return Err(not_available("公示期3个月，期满自动停止 / published for three months only"));
                }
                PenaltyTier::Severe => {
                    return Err(not_available(
                        "责令停产停业、吊销许可证件等不得提前停止公示 / severe penalties cannot end early",
                    ));
                }
                PenaltyTier::Standard => {}
            }
            let months = match field {
                PenaltyField::FoodDrugsSpecialEquipment => PENALTY_MIN_MONTHS_SENSITIVE,
                PenaltyField::Other => PENALTY_MIN_MONTHS,
            };
            let from = add_months(*published_on, months)?;
            if on < from {
                return Err(too_early(from, "公示期满最短期限 / after the minimum publicity period"));
            }
            if lists.on_abnormal_list() || lists.on_serious_list() {
                return Err(ineligible(
                    "列入经营异常名录或严重违法失信名单的不得提前停止公示 / not while on a list (公示规定 第十四条)",
                ));
            }
            match facts.penalty {
                Some(c) if c.obligations_fulfilled && c.harm_removed && c.no_repeat => Ok(()),
                _ => Err(ineligible(
                    "须已履行义务、消除危害后果且未再犯同类违法行为 / obligations fulfilled, harm removed, no repeat",
                )),
            }
        }
    }
}

/// Where a repair request is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepairStatus {
    Submitted,
    Accepted,
    Refused,
    Approved,
    Rejected,
}

impl RepairStatus {
    pub fn zh(self) -> &'static str {
        match self {
            RepairStatus::Submitted => "已申请",
            RepairStatus::Accepted => "已受理",
            RepairStatus::Refused => "不予受理",
            RepairStatus::Approved => "准予修复",
            RepairStatus::Rejected => "不予修复",
        }
    }
}

/// One repair request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepairRequest {
    /// The office's reference number for the matter.
    pub reference: String,
    pub target: RepairTarget,
    pub submitted_on: NaiveDate,
    pub status: RepairStatus,
    pub accepted_on: Option<NaiveDate>,
}

/// Data of `credit.repair_requested`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepairRequested {
    pub reference: String,
    #[serde(flatten)]
    pub target: RepairTarget,
    pub submitted_on: NaiveDate,
    pub commitment: bool,
}

/// Data of `credit.repair_accepted`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepairAccepted {
    pub reference: String,
    pub accepted_on: NaiveDate,
}

/// Data of `credit.repair_refused` and `credit.repair_rejected`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepairRefused {
    pub reference: String,
    pub on: NaiveDate,
    pub reason: String,
}

/// Data of `credit.repair_rejected` (the same shape as a refusal).
pub type RepairRejected = RepairRefused;

/// Data of `credit.repair_approved`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepairApproved {
    pub reference: String,
    #[serde(flatten)]
    pub target: RepairTarget,
    pub approved_on: NaiveDate,
}

/// What an approved repair leads to, for the caller to record next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FollowUp {
    /// A list decision ([`lists::decide`]): removal from the abnormal list (or of the marking)
    /// or early removal from the serious list.
    List(lists::Command),
    /// End the publicity of the penalty decision on `on`: a `journal.publicity_changed` event.
    EndPenaltyPublicity { decision: String, on: NaiveDate },
}

/// An approval and what follows from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Approval {
    pub decision: Decision<RepairRequest, RepairApproved>,
    pub follow_up: FollowUp,
}

pub(crate) fn workflow(status: RepairStatus, action: &str) -> Error {
    Error::new(Code::CreditWorkflow).with("status", status.zh()).with("action", action)
}

/// Submits a repair request to the department that made the decision (修复办法 第四条).
/// Refused at once when the record cannot be repaired, or not yet ([`check_repairable`]).
pub fn submit(
    lists: &ListState,
    reference: &str,
    target: RepairTarget,
    facts: &RepairFacts,
    on: NaiveDate,
) -> Result<Decision<RepairRequest, RepairRequested>> {
    let reference = text("reference", reference)?;
    check_repairable(lists, &target, facts, on)?;
    Ok(Decision {
        kind: KIND_REPAIR_REQUESTED,
        basis: target.basis(),
        next: RepairRequest {
            reference: reference.clone(),
            target: target.clone(),
            submitted_on: on,
            status: RepairStatus::Submitted,
            accepted_on: None,
        },
        data: RepairRequested { reference, target, submitted_on: on, commitment: facts.commitment },
    })
}

/// Accepts a submitted request (within 3 workdays [M], [`accept_due`]).
pub fn accept(request: &RepairRequest, on: NaiveDate) -> Result<Decision<RepairRequest, RepairAccepted>> {
    if request.status != RepairStatus::Submitted {
        return Err(workflow(request.status, "accept"));
    }
    if on < request.submitted_on {
        return Err(reversed(request.submitted_on, on));
    }
    let mut next = request.clone();
    next.status = RepairStatus::Accepted;
    next.accepted_on = Some(on);
    Ok(Decision {
        kind: KIND_REPAIR_ACCEPTED,
        basis: request.target.basis(),
        next,
        data: RepairAccepted { reference: request.reference.clone(), accepted_on: on },
    })
}

/// Refuses a submitted request (e.g. materials incomplete, wrong department).
pub fn refuse(request: &RepairRequest, on: NaiveDate, reason: &str) -> Result<Decision<RepairRequest, RepairRefused>> {
    if request.status != RepairStatus::Submitted {
        return Err(workflow(request.status, "refuse"));
    }
    if on < request.submitted_on {
        return Err(reversed(request.submitted_on, on));
    }
    let mut next = request.clone();
    next.status = RepairStatus::Refused;
    Ok(Decision {
        kind: KIND_REPAIR_REFUSED,
        basis: request.target.basis(),
        next,
        data: RepairRefused { reference: request.reference.clone(), on, reason: text("reason", reason)? },
    })
}

/// Approves an accepted request. The conditions are checked again on the day of the decision
/// (a new penalty or listing since the request defeats it). Returns what to record next.
pub fn approve(lists: &ListState, request: &RepairRequest, facts: &RepairFacts, on: NaiveDate) -> Result<Approval> {
    let (RepairStatus::Accepted, Some(accepted_on)) = (request.status, request.accepted_on) else {
        return Err(workflow(request.status, "approve"));
    };
    if on < accepted_on {
        return Err(reversed(accepted_on, on));
    }
    check_repairable(lists, &request.target, facts, on)?;
    let follow_up = match &request.target {
        RepairTarget::AbnormalListing { ground, report_year } => FollowUp::List(lists::Command::RemoveAbnormal {
            ground: *ground,
            report_year: *report_year,
            on,
            // check_repairable has just required a cure.
            cure: facts.cure.ok_or_else(|| ineligible("尚未纠正列入事由 / the ground of the listing is not cured"))?,
        }),
        RepairTarget::SeriousListing { ground, listed_on } => FollowUp::List(lists::Command::RemoveSerious {
            ground: *ground,
            listed_on: *listed_on,
            on,
            removal: SeriousRemoval::Early {
                conditions: facts.early.ok_or_else(|| ineligible("缺少提前移出条件 / conditions missing"))?,
            },
        }),
        RepairTarget::PenaltyPublicity { decision, .. } => {
            FollowUp::EndPenaltyPublicity { decision: decision.clone(), on }
        }
    };
    let mut next = request.clone();
    next.status = RepairStatus::Approved;
    Ok(Approval {
        decision: Decision {
            kind: KIND_REPAIR_APPROVED,
            basis: request.target.basis(),
            next,
            data: RepairApproved {
                reference: request.reference.clone(),
                target: request.target.clone(),
                approved_on: on,
            },
        },
        follow_up,
    })
}

/// Rejects an accepted request after review.
pub fn reject(request: &RepairRequest, on: NaiveDate, reason: &str) -> Result<Decision<RepairRequest, RepairRejected>> {
    let (RepairStatus::Accepted, Some(accepted_on)) = (request.status, request.accepted_on) else {
        return Err(workflow(request.status, "reject"));
    };
    if on < accepted_on {
        return Err(reversed(accepted_on, on));
    }
    let mut next = request.clone();
    next.status = RepairStatus::Rejected;
    Ok(Decision {
        kind: KIND_REPAIR_REJECTED,
        basis: request.target.basis(),
        next,
        data: RepairRefused { reference: request.reference.clone(), on, reason: text("reason", reason)? },
    })
}

/// Acceptance due 3 workdays after submission — unconfirmed [M].
pub fn accept_due(cal: &Calendar, request: &RepairRequest) -> Result<NaiveDate> {
    cal.add_workdays(request.submitted_on, ACCEPT_WORKDAYS)
}

/// The decision is due: for the abnormal list 5 workdays after the application (名录办法
/// [P, secondary]); otherwise 15 workdays after acceptance — unconfirmed [M], and only once
/// accepted.
pub fn decide_due(cal: &Calendar, request: &RepairRequest) -> Result<NaiveDate> {
    match (&request.target, request.accepted_on) {
        (RepairTarget::AbnormalListing { .. }, _) => {
            cal.add_workdays(request.submitted_on, lists::REMOVAL_DECISION_WORKDAYS)
        }
        (_, Some(accepted_on)) => cal.add_workdays(accepted_on, DECIDE_WORKDAYS),
        (_, None) => Err(workflow(request.status, "decide_due")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::d;
    use super::super::lists::{AbnormalCause, Command, HeavierPenalty, decide};
    use super::*;
    use crate::division::Tier;
    use crate::registry::EntityKind;

    fn facts() -> RepairFacts {
        RepairFacts { commitment: true, cure: None, early: None, penalty: None }
    }

    fn listed(kind: EntityKind) -> ListState {
        decide(
            &ListState::empty(kind),
            &Command::ListAbnormal { cause: AbnormalCause::AnnualReportMissing { year: 2023 }, on: d("2024-07-02") },
        )
        .unwrap()
        .next
    }

    fn abnormal_target() -> RepairTarget {
        RepairTarget::AbnormalListing { ground: AbnormalGround::AnnualReportMissing, report_year: Some(2023) }
    }

    fn penalty(published_on: &str, tier: PenaltyTier, field: PenaltyField) -> RepairTarget {
        RepairTarget::PenaltyPublicity {
            decision: "鄂市监处罚〔2024〕7号".into(),
            published_on: d(published_on),
            tier,
            field,
        }
    }

    /// 市场监督管理信用修复管理办法 第二条: removal from the abnormal list after the cure; the
    /// whole workflow submitted → accepted → approved, then the list decision.
    #[test]
    fn abnormal_listing_is_repaired_after_the_cure() {
        let lists = listed(EntityKind::LimitedCompany);
        let e = submit(&lists, "修复〔2024〕1号", abnormal_target(), &facts(), d("2024-08-01")).unwrap_err();
        assert_eq!(e.code(), Code::CreditIneligible);
        let f = RepairFacts { cure: Some(Cure::ReportFiled { year: 2023 }), ..facts() };
        let s = submit(&lists, "修复〔2024〕1号", abnormal_target(), &f, d("2024-08-01")).unwrap();
        assert_eq!(s.kind, KIND_REPAIR_REQUESTED);
        assert_eq!(s.data_json().unwrap()["target"], "abnormal_listing");
        let a = accept(&s.next, d("2024-08-02")).unwrap();
        let ok = approve(&lists, &a.next, &f, d("2024-08-05")).unwrap();
        assert_eq!((ok.decision.kind, ok.decision.next.status), (KIND_REPAIR_APPROVED, RepairStatus::Approved));
        let FollowUp::List(cmd) = ok.follow_up else { panic!("expected a list command") };
        let removed = decide(&lists, &cmd).unwrap();
        assert_eq!(removed.kind, lists::KIND_ABNORMAL_REMOVED);
        // No commitment, no request [M].
        let e = submit(&lists, "x", abnormal_target(), &RepairFacts { commitment: false, ..f }, d("2024-08-01"))
            .unwrap_err();
        assert_eq!(e.code(), Code::CreditIneligible);
        // An individual business's marking ends the same way.
        let ib = listed(EntityKind::IndividualBusiness);
        let s = submit(&ib, "修复〔2024〕2号", abnormal_target(), &f, d("2024-08-01")).unwrap().next;
        let a = accept(&s, d("2024-08-01")).unwrap().next;
        let FollowUp::List(cmd) = approve(&ib, &a, &f, d("2024-08-02")).unwrap().follow_up else { panic!() };
        assert_eq!(decide(&ib, &cmd).unwrap().kind, lists::KIND_ABNORMAL_MARK_REMOVED);
    }

    /// 修复办法 第二条 and 名单办法 [P]: early removal from the serious list after ≥ 1 year.
    #[test]
    fn serious_listing_early_removal_after_a_year() {
        let lists = decide(
            &ListState::empty(EntityKind::LimitedCompany),
            &Command::ListSerious {
                ground: SeriousGround::QualitySafety,
                penalty: Some(HeavierPenalty::OperationsRestricted),
                decision: None,
                on: d("2024-03-01"),
                tier: Tier::Province,
                upper_level_consent: false,
            },
        )
        .unwrap()
        .next;
        let target = RepairTarget::SeriousListing { ground: SeriousGround::QualitySafety, listed_on: d("2024-03-01") };
        let all =
            EarlyRemovalConditions { obligations_fulfilled: true, harm_removed: true, no_new_heavier_penalty: true };
        let f = RepairFacts { early: Some(all), ..facts() };
        let e = submit(&lists, "r", target.clone(), &f, d("2025-02-28")).unwrap_err();
        assert_eq!((e.code(), e.detail("date")), (Code::CreditTooEarly, Some("2025-03-01")));
        let bad =
            RepairFacts { early: Some(EarlyRemovalConditions { no_new_heavier_penalty: false, ..all }), ..facts() };
        assert_eq!(
            submit(&lists, "r", target.clone(), &bad, d("2025-03-01")).unwrap_err().code(),
            Code::CreditIneligible
        );
        let s = submit(&lists, "r", target, &f, d("2025-03-01")).unwrap().next;
        let a = accept(&s, d("2025-03-03")).unwrap().next;
        let FollowUp::List(cmd) = approve(&lists, &a, &f, d("2025-03-10")).unwrap().follow_up else { panic!() };
        assert!(decide(&lists, &cmd).unwrap().next.serious.is_empty());
    }

    /// 行政处罚信息公示规定 第二条、第十三条、第十四条; 6 months / 1 year [P]: which penalties can
    /// end their publicity early, and when.
    #[test]
    fn penalty_publicity_ends_early_only_for_standard_penalties() {
        let clean = ListState::empty(EntityKind::LimitedCompany);
        let ok = PenaltyConditions { obligations_fulfilled: true, harm_removed: true, no_repeat: true };
        let f = RepairFacts { penalty: Some(ok), ..facts() };
        for tier in [PenaltyTier::Warning, PenaltyTier::ShortTerm, PenaltyTier::Severe] {
            let e = check_repairable(&clean, &penalty("2024-01-10", tier, PenaltyField::Other), &f, d("2025-06-01"));
            assert_eq!(e.unwrap_err().code(), Code::CreditRepairNotAvailable, "{tier:?}");
        }
        let other = penalty("2024-01-10", PenaltyTier::Standard, PenaltyField::Other);
        let e = check_repairable(&clean, &other, &f, d("2024-07-09")).unwrap_err();
        assert_eq!((e.code(), e.detail("date")), (Code::CreditTooEarly, Some("2024-07-10")));
        assert!(check_repairable(&clean, &other, &f, d("2024-07-10")).is_ok());
        let food = penalty("2024-01-10", PenaltyTier::Standard, PenaltyField::FoodDrugsSpecialEquipment);
        assert_eq!(check_repairable(&clean, &food, &f, d("2024-07-10")).unwrap_err().code(), Code::CreditTooEarly);
        assert!(check_repairable(&clean, &food, &f, d("2025-01-10")).is_ok());
        // Not while on a list; not without the 第十四条 conditions.
        let on_list = listed(EntityKind::LimitedCompany);
        assert_eq!(check_repairable(&on_list, &other, &f, d("2024-08-01")).unwrap_err().code(), Code::CreditIneligible);
        let f2 = RepairFacts { penalty: Some(PenaltyConditions { no_repeat: false, ..ok }), ..facts() };
        assert_eq!(check_repairable(&clean, &other, &f2, d("2024-08-01")).unwrap_err().code(), Code::CreditIneligible);
        // Approval ends the publicity.
        let s = submit(&clean, "r", other, &f, d("2024-08-01")).unwrap().next;
        let a = accept(&s, d("2024-08-01")).unwrap().next;
        let approval = approve(&clean, &a, &f, d("2024-08-02")).unwrap();
        assert_eq!(
            approval.follow_up,
            FollowUp::EndPenaltyPublicity { decision: "鄂市监处罚〔2024〕7号".into(), on: d("2024-08-02") }
        );
    }

    /// The review workflow: each step only from its state; a refusal or rejection ends it.
    #[test]
    fn the_review_workflow() {
        let lists = listed(EntityKind::LimitedCompany);
        let f = RepairFacts { cure: Some(Cure::ReportFiled { year: 2023 }), ..facts() };
        let s = submit(&lists, "r", abnormal_target(), &f, d("2024-08-01")).unwrap().next;
        assert_eq!(approve(&lists, &s, &f, d("2024-08-02")).unwrap_err().code(), Code::CreditWorkflow);
        let r = refuse(&s, d("2024-08-02"), "材料不全").unwrap();
        assert_eq!((r.kind, r.next.status), (KIND_REPAIR_REFUSED, RepairStatus::Refused));
        assert_eq!(accept(&r.next, d("2024-08-03")).unwrap_err().code(), Code::CreditWorkflow);
        let a = accept(&s, d("2024-08-02")).unwrap().next;
        let j = reject(&a, d("2024-08-05"), "未补报").unwrap();
        assert_eq!((j.kind, j.next.status), (KIND_REPAIR_REJECTED, RepairStatus::Rejected));
        let e = approve(&lists, &j.next, &f, d("2024-08-06")).unwrap_err();
        assert_eq!((e.code(), e.detail("status")), (Code::CreditWorkflow, Some("不予修复")));
        // Conditions are checked again at approval: the entry has gone meanwhile.
        let gone = ListState::empty(EntityKind::LimitedCompany);
        assert_eq!(approve(&gone, &a, &f, d("2024-08-05")).unwrap_err().code(), Code::CreditRepairNotAvailable);
    }

    /// Deadlines: 3 and 15 workdays unconfirmed [M]; 5 workdays for the abnormal list
    /// (名录办法 [P, secondary]).
    #[test]
    fn repair_deadlines() {
        let cal = Calendar::builtin();
        let lists = listed(EntityKind::LimitedCompany);
        let f = RepairFacts { cure: Some(Cure::ReportFiled { year: 2023 }), ..facts() };
        // Submitted Friday 2024-08-02.
        let s = submit(&lists, "r", abnormal_target(), &f, d("2024-08-02")).unwrap().next;
        assert_eq!(accept_due(&cal, &s).unwrap(), d("2024-08-07"));
        assert_eq!(decide_due(&cal, &s).unwrap(), d("2024-08-09"));
        let clean = ListState::empty(EntityKind::LimitedCompany);
        let pf = RepairFacts {
            penalty: Some(PenaltyConditions { obligations_fulfilled: true, harm_removed: true, no_repeat: true }),
            ..facts()
        };
        let p = submit(
            &clean,
            "r",
            penalty("2024-01-10", PenaltyTier::Standard, PenaltyField::Other),
            &pf,
            d("2024-08-02"),
        )
        .unwrap()
        .next;
        assert_eq!(decide_due(&cal, &p).unwrap_err().code(), Code::CreditWorkflow);
        let a = accept(&p, d("2024-08-05")).unwrap().next;
        assert_eq!(decide_due(&cal, &a).unwrap(), d("2024-08-26"));
    }

    /// 国办发〔2020〕42号: entities on the serious list cannot use 告知承诺 (名单办法 [P]); a
    /// breach is recorded.
    #[test]
    fn commitments_made_and_breached() {
        let clean = ListState::empty(EntityKind::LimitedCompany);
        let c = make_commitment(
            &clean,
            "承诺〔2024〕9号",
            CommitmentContext::NotificationCommitment,
            d("2024-05-01"),
            "具备食品经营许可条件",
        )
        .unwrap();
        assert_eq!(c.kind, KIND_COMMITMENT_MADE);
        let b = breach(&c.next, d("2024-06-01"), "核查发现不具备条件").unwrap();
        assert_eq!((b.kind, b.data.made_on), (KIND_COMMITMENT_BREACHED, d("2024-05-01")));
        assert_eq!(breach(&c.next, d("2024-04-01"), "x").unwrap_err().code(), Code::DateRangeReversed);
        let mut serious = clean.clone();
        serious.serious.push(lists::SeriousEntry {
            ground: SeriousGround::FoodSafety,
            listed_on: d("2024-01-01"),
            ends_on: d("2027-01-01"),
            penalty: None,
            decision: None,
        });
        let e = make_commitment(&serious, "x", CommitmentContext::NotificationCommitment, d("2024-05-01"), "y")
            .unwrap_err();
        assert_eq!(e.code(), Code::CreditIneligible);
        assert!(make_commitment(&serious, "x", CommitmentContext::CreditRepair, d("2024-05-01"), "y").is_ok());
    }
}
