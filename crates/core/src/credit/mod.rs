//! The credit file (信用档案): annual reports and instant disclosures, the abnormal-operations
//! and serious-violation lists, credit commitments, repair and objections, and the A–D credit
//! risk classification.
//!
//! Everything here is pure: dates come in as arguments and deadlines in workdays use the
//! [`Calendar`](crate::Calendar): a deadline in a year whose official schedule is not yet
//! published counts that year's provisional schedule (see `calendar`), and one beyond the
//! provisional years fails with `calendar_year_not_covered` rather than guessing.
//! The decisions are separate from their deadlines: listing, removal or a review step never
//! needs the calendar, only the "due by" functions do.
//!
//! Each decision returns the event kind to record (a `KIND_*` constant, `credit.*`), its legal
//! basis, and the event's `data` as a typed serde struct (dates as `NaiveDate`, amounts as
//! decimal strings). Records that must not be public (the undisclosed part of an annual report,
//! the risk class) have kinds of their own, so the caller can record them as restricted.
//!
//! - [`annual`]: annual reports (年度报告), corrections, instant disclosures (即时信息), the
//!   reports missing and when the abnormal listing for them is due.
//! - [`lists`]: the abnormal-operations list (经营异常名录, and the abnormal marking of individual
//!   businesses) and the serious-violation list (严重违法失信名单) with their effects and the
//!   scheduled moves.
//! - [`objection`]: objections (异议) to a listing or to any credit record.
//! - [`repair`]: credit commitments (信用承诺) and credit repair (信用修复).
//! - [`classify`]: the credit-risk classes A–D (信用风险分类) over a versioned indicator file.
//!
//! Sources are cited at each rule. "[M]" marks a point not confirmed in a primary text.

pub mod annual;
pub mod classify;
pub mod file;
pub mod lists;
pub mod objection;
pub mod repair;

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::error::{Code, Error, Result};

/// A decision about a piece of state: the event to record (its kind, legal basis and data)
/// and the state after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision<S, D> {
    /// The event kind, one of the `KIND_*` constants.
    pub kind: &'static str,
    /// The legal basis to record with the event.
    pub basis: &'static str,
    /// The state after the event.
    pub next: S,
    /// The event's `data`.
    pub data: D,
}

/// An event to record that changes no state kept here (a filed report, a disclosure).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record<D> {
    /// The event kind, one of the `KIND_*` constants.
    pub kind: &'static str,
    pub basis: &'static str,
    pub data: D,
}

/// The event `data` as a JSON value, for `event::NewEvent::data`.
pub fn to_data<D: Serialize>(data: &D) -> Result<serde_json::Value> {
    serde_json::to_value(data).map_err(|e| Error::new(Code::Internal).with("reason", e))
}

impl<S, D: Serialize> Decision<S, D> {
    /// The event `data` as a JSON value.
    pub fn data_json(&self) -> Result<serde_json::Value> {
        to_data(&self.data)
    }
}

impl<D: Serialize> Record<D> {
    /// The event `data` as a JSON value.
    pub fn data_json(&self) -> Result<serde_json::Value> {
        to_data(&self.data)
    }
}

// A decision or record is event data: its kind is one of this module's declarations (the
// `KIND_*` constants are declared with them), its basis the case's.
impl<S, D: Serialize> crate::event::EventData for Decision<S, D> {
    fn kind(&self) -> &'static crate::event::EventKind {
        crate::event::declared_or_undeclared(self.kind)
    }
    fn basis(&self) -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed(self.basis)
    }
    fn data(&self) -> Result<serde_json::Value> {
        to_data(&self.data)
    }
}

impl<D: Serialize> crate::event::EventData for Record<D> {
    fn kind(&self) -> &'static crate::event::EventKind {
        crate::event::declared_or_undeclared(self.kind)
    }
    fn basis(&self) -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed(self.basis)
    }
    fn data(&self) -> Result<serde_json::Value> {
        to_data(&self.data)
    }
}

/// `d` plus whole years; 29 February becomes 28 February in a common year (民法典 第二百零二条:
/// a period in years ends on the corresponding day, and chrono clamps a missing day to the
/// month's last day).
pub(crate) fn add_years(d: NaiveDate, years: u32) -> Result<NaiveDate> {
    d.checked_add_months(Months::new(12 * years)).ok_or_else(|| Error::new(Code::DateOutOfRange))
}

/// `d` plus whole months, clamped like [`add_years`].
pub(crate) fn add_months(d: NaiveDate, months: u32) -> Result<NaiveDate> {
    d.checked_add_months(Months::new(months)).ok_or_else(|| Error::new(Code::DateOutOfRange))
}

pub(crate) fn next_day(d: NaiveDate) -> Result<NaiveDate> {
    d.succ_opt().ok_or_else(|| Error::new(Code::DateOutOfRange))
}

pub(crate) fn ymd(year: i32, month: u32, day: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| Error::new(Code::DateOutOfRange))
}

pub(crate) fn ineligible(reason: &str) -> Error {
    Error::new(Code::CreditIneligible).with("reason", reason)
}

pub(crate) fn too_early(date: NaiveDate, rule: &str) -> Error {
    Error::new(Code::CreditTooEarly).with("date", date).with("rule", rule)
}

pub(crate) fn reversed(from: NaiveDate, to: NaiveDate) -> Error {
    Error::new(Code::DateRangeReversed).with("from", from).with("to", to)
}

#[cfg(test)]
pub(crate) fn d(s: &str) -> NaiveDate {
    crate::parse_date(s).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 民法典 第二百零二条: a period in years ends on the corresponding day.
    #[test]
    fn years_end_on_the_corresponding_day() {
        assert_eq!(add_years(d("2021-07-05"), 3).unwrap(), d("2024-07-05"));
        assert_eq!(add_years(d("2024-02-29"), 1).unwrap(), d("2025-02-28"));
        assert_eq!(add_months(d("2024-08-31"), 6).unwrap(), d("2025-02-28"));
    }

    /// Every kind constant has the `context.name` form that `event::check_kind` accepts.
    #[test]
    fn every_kind_is_well_formed() {
        let kinds = [
            annual::KIND_ANNUAL_REPORT_FILED,
            annual::KIND_ANNUAL_REPORT_UNPUBLISHED_FILED,
            annual::KIND_ANNUAL_REPORT_CORRECTED,
            annual::KIND_ANNUAL_REPORT_UNPUBLISHED_CORRECTED,
            annual::KIND_INSTANT_DISCLOSED,
            annual::KIND_DISCLOSURE_ORDERED,
            lists::KIND_ABNORMAL_LISTED,
            lists::KIND_ABNORMAL_REMOVED,
            lists::KIND_ABNORMAL_MARKED,
            lists::KIND_ABNORMAL_MARK_REMOVED,
            lists::KIND_ABNORMAL_TERM_REMINDED,
            lists::KIND_SERIOUS_LISTED,
            lists::KIND_SERIOUS_REMOVED,
            objection::KIND_OBJECTION_FILED,
            objection::KIND_OBJECTION_ACCEPTED,
            objection::KIND_OBJECTION_REFUSED,
            objection::KIND_OBJECTION_VERIFIED,
            repair::KIND_COMMITMENT_MADE,
            repair::KIND_COMMITMENT_BREACHED,
            repair::KIND_REPAIR_REQUESTED,
            repair::KIND_REPAIR_ACCEPTED,
            repair::KIND_REPAIR_REFUSED,
            repair::KIND_REPAIR_APPROVED,
            repair::KIND_REPAIR_REJECTED,
            classify::KIND_RISK_CLASSIFIED,
        ];
        let mut seen = std::collections::HashSet::new();
        for k in kinds {
            crate::event::check_kind(k).unwrap();
            assert!(k.starts_with("credit."), "{k}");
            assert!(seen.insert(k), "duplicate {k}");
        }
    }
}
