//! Objections (异议) to a listing or to any credit record: filed, then accepted or refused
//! within 5 workdays, then verified within 20 workdays; an upheld objection ends the listing
//! (or corrects the record).
//!
//! Sources: 企业经营异常名录管理暂行办法 第十五条、第十六条 for listings (the article numbers,
//! and the 30-day period from publication within which the objection is filed, are recalled,
//! not read [M]; the 5 and 20 workdays are [P, secondary]); 企业信息公示暂行条例 第十二条 (a party
//! with evidence that published information is inaccurate may ask the department to correct it)
//! for other records, where shijian applies the same 5 and 20 workdays [M]. Objections to a
//! serious listing follow 名单办法 and 国办发〔2020〕49号 §(八) (objections checked) [P]; their
//! deadlines are not confirmed [M].
//!
//! An objection names its objector and is internal work: record its events as restricted.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::lists::{AbnormalGround, Command as ListCommand, Cure, SeriousGround, SeriousRemoval};
use super::{Decision, reversed};
use crate::calendar::Calendar;
use crate::error::{Code, Error, Result};

// Objections are the applicant's business: restricted. The basis is the objected record's
// (see `ObjectionTarget::basis`); the declarations give a record's.
crate::declare_events! {
    /// `credit.objection_filed` ([`ObjectionFiled`]).
    KIND_OBJECTION_FILED, OBJECTION_FILED = "credit.objection_filed",
        basis: "企业信息公示暂行条例 第十二条", zh: "异议申请", en: "objection filed", restricted;
    /// `credit.objection_accepted` ([`ObjectionAccepted`]).
    KIND_OBJECTION_ACCEPTED, OBJECTION_ACCEPTED = "credit.objection_accepted",
        basis: "企业信息公示暂行条例 第十二条", zh: "异议受理", en: "objection accepted", restricted;
    /// `credit.objection_refused` ([`ObjectionRefused`]).
    KIND_OBJECTION_REFUSED, OBJECTION_REFUSED = "credit.objection_refused",
        basis: "企业信息公示暂行条例 第十二条", zh: "异议不予受理", en: "objection refused", restricted;
    /// `credit.objection_verified` ([`ObjectionVerified`]).
    KIND_OBJECTION_VERIFIED, OBJECTION_VERIFIED = "credit.objection_verified",
        basis: "企业信息公示暂行条例 第十二条", zh: "异议核查结论", en: "objection verified", restricted;
}

/// Accept or refuse within 5 workdays of receipt [P, secondary].
pub const ACCEPT_WORKDAYS: u32 = 5;
/// Verify within 20 workdays of acceptance [P, secondary].
pub const VERIFY_WORKDAYS: u32 = crate::calendar::deadlines::WORKDAYS_20;

/// What the objection is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "target")]
pub enum ObjectionTarget {
    AbnormalListing {
        ground: AbnormalGround,
        report_year: Option<i32>,
    },
    SeriousListing {
        ground: SeriousGround,
        listed_on: NaiveDate,
    },
    /// Any other published credit record, by its event id.
    Record {
        event_id: String,
    },
}

impl ObjectionTarget {
    fn basis(&self) -> &'static str {
        match self {
            ObjectionTarget::AbnormalListing { .. } => "企业经营异常名录管理暂行办法 第十五条",
            ObjectionTarget::SeriousListing { .. } => "市场监督管理严重违法失信名单管理办法；国办发〔2020〕49号",
            ObjectionTarget::Record { .. } => "企业信息公示暂行条例 第十二条",
        }
    }
}

/// Where an objection is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectionStatus {
    Filed,
    Accepted,
    Refused,
    /// Verified: the objection holds.
    Upheld,
    /// Verified: the objection does not hold.
    Dismissed,
}

impl ObjectionStatus {
    pub fn zh(self) -> &'static str {
        match self {
            ObjectionStatus::Filed => "已提出",
            ObjectionStatus::Accepted => "已受理",
            ObjectionStatus::Refused => "不予受理",
            ObjectionStatus::Upheld => "异议成立",
            ObjectionStatus::Dismissed => "异议不成立",
        }
    }
}

/// One objection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objection {
    /// The office's reference number for the matter.
    pub reference: String,
    pub target: ObjectionTarget,
    pub filed_on: NaiveDate,
    pub status: ObjectionStatus,
    pub accepted_on: Option<NaiveDate>,
}

/// Data of `credit.objection_filed`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionFiled {
    pub reference: String,
    #[serde(flatten)]
    pub target: ObjectionTarget,
    pub filed_on: NaiveDate,
    /// The objector's grounds, in their words.
    pub grounds: String,
}

/// Data of `credit.objection_accepted`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionAccepted {
    pub reference: String,
    pub accepted_on: NaiveDate,
}

/// Data of `credit.objection_refused`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionRefused {
    pub reference: String,
    pub refused_on: NaiveDate,
    pub reason: String,
}

/// Data of `credit.objection_verified`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionVerified {
    pub reference: String,
    pub verified_on: NaiveDate,
    pub upheld: bool,
    pub finding: String,
}

pub(crate) fn workflow(status: ObjectionStatus, action: &str) -> Error {
    Error::new(Code::CreditWorkflow).with("status", status.zh()).with("action", action)
}

fn require_text(field: &str, text: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::new(Code::EventInvalid).with("field", field).with("reason", "empty"));
    }
    Ok(t.to_string())
}

/// Files an objection.
pub fn file(
    reference: &str,
    target: ObjectionTarget,
    filed_on: NaiveDate,
    grounds: &str,
) -> Result<Decision<Objection, ObjectionFiled>> {
    let reference = require_text("reference", reference)?;
    let grounds = require_text("grounds", grounds)?;
    Ok(Decision {
        kind: KIND_OBJECTION_FILED,
        basis: target.basis(),
        next: Objection {
            reference: reference.clone(),
            target: target.clone(),
            filed_on,
            status: ObjectionStatus::Filed,
            accepted_on: None,
        },
        data: ObjectionFiled { reference, target, filed_on, grounds },
    })
}

/// Accepts a filed objection (within 5 workdays, [`accept_due`]).
pub fn accept(objection: &Objection, on: NaiveDate) -> Result<Decision<Objection, ObjectionAccepted>> {
    if objection.status != ObjectionStatus::Filed {
        return Err(workflow(objection.status, "accept"));
    }
    if on < objection.filed_on {
        return Err(reversed(objection.filed_on, on));
    }
    let mut next = objection.clone();
    next.status = ObjectionStatus::Accepted;
    next.accepted_on = Some(on);
    Ok(Decision {
        kind: KIND_OBJECTION_ACCEPTED,
        basis: objection.target.basis(),
        next,
        data: ObjectionAccepted { reference: objection.reference.clone(), accepted_on: on },
    })
}

/// Refuses a filed objection, with the reason told to the objector.
pub fn refuse(objection: &Objection, on: NaiveDate, reason: &str) -> Result<Decision<Objection, ObjectionRefused>> {
    if objection.status != ObjectionStatus::Filed {
        return Err(workflow(objection.status, "refuse"));
    }
    if on < objection.filed_on {
        return Err(reversed(objection.filed_on, on));
    }
    let reason = require_text("reason", reason)?;
    let mut next = objection.clone();
    next.status = ObjectionStatus::Refused;
    Ok(Decision {
        kind: KIND_OBJECTION_REFUSED,
        basis: objection.target.basis(),
        next,
        data: ObjectionRefused { reference: objection.reference.clone(), refused_on: on, reason },
    })
}

/// Records the verification of an accepted objection (within 20 workdays, [`verify_due`]).
pub fn verify(
    objection: &Objection,
    on: NaiveDate,
    upheld: bool,
    finding: &str,
) -> Result<Decision<Objection, ObjectionVerified>> {
    let (ObjectionStatus::Accepted, Some(accepted_on)) = (objection.status, objection.accepted_on) else {
        return Err(workflow(objection.status, "verify"));
    };
    if on < accepted_on {
        return Err(reversed(accepted_on, on));
    }
    let finding = require_text("finding", finding)?;
    let mut next = objection.clone();
    next.status = if upheld { ObjectionStatus::Upheld } else { ObjectionStatus::Dismissed };
    Ok(Decision {
        kind: KIND_OBJECTION_VERIFIED,
        basis: objection.target.basis(),
        next,
        data: ObjectionVerified { reference: objection.reference.clone(), verified_on: on, upheld, finding },
    })
}

/// What an upheld objection to a listing leads to: the listing ends as wrong (名录办法 第十六条:
/// a wrong listing is corrected within 5 workdays of being found [M]). `None` for other
/// outcomes and for records (their correction is the publishing department's own event).
pub fn follow_up(objection: &Objection, on: NaiveDate) -> Option<ListCommand> {
    if objection.status != ObjectionStatus::Upheld {
        return None;
    }
    match &objection.target {
        ObjectionTarget::AbnormalListing { ground, report_year } => Some(ListCommand::RemoveAbnormal {
            ground: *ground,
            report_year: *report_year,
            on,
            cure: Cure::ListingWrong,
        }),
        ObjectionTarget::SeriousListing { ground, listed_on } => Some(ListCommand::RemoveSerious {
            ground: *ground,
            listed_on: *listed_on,
            on,
            removal: SeriousRemoval::ListingWrong,
        }),
        ObjectionTarget::Record { .. } => None,
    }
}

/// The day acceptance or refusal is due: 5 workdays after filing [P, secondary].
/// `calendar_year_not_covered` past the years the calendar counts (official or provisional).
pub fn accept_due(cal: &Calendar, filed_on: NaiveDate) -> Result<NaiveDate> {
    cal.add_workdays(filed_on, ACCEPT_WORKDAYS)
}

/// The day verification is due: 20 workdays after acceptance [P, secondary].
pub fn verify_due(cal: &Calendar, accepted_on: NaiveDate) -> Result<NaiveDate> {
    cal.add_workdays(accepted_on, VERIFY_WORKDAYS)
}

#[cfg(test)]
mod tests {
    use super::super::d;
    use super::super::lists::{self, AbnormalCause, ListState};
    use super::*;
    use crate::registry::EntityKind;

    fn target() -> ObjectionTarget {
        ObjectionTarget::AbnormalListing { ground: AbnormalGround::Unreachable, report_year: None }
    }

    /// 企业经营异常名录管理暂行办法 第十五条 [P, secondary; article M]: filed → accepted →
    /// verified; an upheld objection removes the listing as wrong.
    #[test]
    fn an_upheld_objection_ends_the_listing() {
        let f = file("异议〔2024〕3号", target(), d("2024-09-10"), "住所可以联系").unwrap();
        assert_eq!((f.kind, f.next.status), (KIND_OBJECTION_FILED, ObjectionStatus::Filed));
        assert_eq!(f.data_json().unwrap()["target"], "abnormal_listing");
        let a = accept(&f.next, d("2024-09-12")).unwrap();
        let v = verify(&a.next, d("2024-10-08"), true, "经实地核查可以联系").unwrap();
        assert_eq!((v.kind, v.next.status), (KIND_OBJECTION_VERIFIED, ObjectionStatus::Upheld));
        let listed = lists::decide(
            &ListState::empty(EntityKind::LimitedCompany),
            &lists::Command::ListAbnormal {
                cause: AbnormalCause::Unreachable { verified_on: d("2024-09-01") },
                on: d("2024-09-02"),
            },
        )
        .unwrap()
        .next;
        let cmd = follow_up(&v.next, d("2024-10-09")).unwrap();
        let removed = lists::decide(&listed, &cmd).unwrap();
        assert_eq!(removed.basis, "企业经营异常名录管理暂行办法 第十五条、第十六条");
        assert!(removed.next.abnormal.is_empty());
        let dismissed = verify(&a.next, d("2024-10-08"), false, "无法联系").unwrap().next;
        assert_eq!(follow_up(&dismissed, d("2024-10-09")), None);
    }

    /// The workflow's order: no verification before acceptance, nothing after refusal.
    #[test]
    fn steps_follow_the_workflow() {
        let f =
            file("异议〔2024〕4号", ObjectionTarget::Record { event_id: "0190".into() }, d("2024-09-10"), "处罚已撤销")
                .unwrap()
                .next;
        assert_eq!(verify(&f, d("2024-09-11"), true, "x").unwrap_err().code(), Code::CreditWorkflow);
        assert_eq!(accept(&f, d("2024-09-09")).unwrap_err().code(), Code::DateRangeReversed);
        let r = refuse(&f, d("2024-09-11"), "超过异议期限").unwrap();
        assert_eq!((r.kind, r.basis), (KIND_OBJECTION_REFUSED, "企业信息公示暂行条例 第十二条"));
        let e = accept(&r.next, d("2024-09-12")).unwrap_err();
        assert_eq!((e.code(), e.detail("status")), (Code::CreditWorkflow, Some("不予受理")));
        assert_eq!(file("", target(), d("2024-09-10"), "x").unwrap_err().code(), Code::EventInvalid);
    }

    /// [P, secondary]: accept within 5 workdays, verify within 20.
    #[test]
    fn objection_deadlines() {
        let cal = Calendar::builtin();
        // Filed Friday 2024-09-27: 30 Sep, then 1–7 Oct off; 29 Sep and 12 Oct worked.
        // 29 Sep (Sun) 1, 30 Sep 2, 8 Oct 3, 9 Oct 4, 10 Oct 5.
        assert_eq!(accept_due(&cal, d("2024-09-27")).unwrap(), d("2024-10-10"));
        assert_eq!(verify_due(&cal, d("2024-11-01")).unwrap(), d("2024-11-29"));
    }
}
