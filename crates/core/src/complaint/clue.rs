//! 诉转案: complaints that reveal a suspected violation become case clues (案件线索) for
//! enforcement.
//!
//! 办法 第二十三条: a lead on a suspected violation of market-supervision laws found while
//! handling a complaint is checked within 15 workdays of its discovery, extendable by 15 with
//! the head's approval, testing time excluded, and a case is opened or not under the penalty
//! procedure (程序规定 第十八条). Which repeated complaints make a lead is not set by any rule:
//! the thresholds below are shijian's, in one place so an office can see and change them.
//!
//! A clue is flagged when, against one registered business:
//! - [`ClueRule::Repeated`]: [`REPEATED_COUNT`] or more complaints and reports (not refused)
//!   arrived within [`REPEATED_DAYS`] days;
//! - [`ClueRule::Violation`]: [`VIOLATION_COUNT`] or more within [`VIOLATION_DAYS`] days name one
//!   kind of problem that a law punishes (quality, safety, price, measurement, advertising, food
//!   safety, unfair competition, trademarks: [`violation_law`]);
//! - [`ClueRule::Reports`]: [`REPORTS_COUNT`] or more reports (举报) within [`VIOLATION_DAYS`] days.
//!
//! A clue is not flagged again for the same business, rule and problem while an earlier one is
//! open or was flagged within the rule's window.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Kind;
use crate::calendar::{Calendar, Deadline};
use crate::division::DivisionCode;
use crate::error::Result;

pub const BASIS_CLUE: &str = "市场监督管理投诉举报处理暂行办法 第二十三条；市场监督管理行政处罚程序规定 第十八条";

/// Workdays to check a clue, and the one extension (办法 第二十三条).
pub const CHECK_WORKDAYS: u32 = 15;
pub const CHECK_EXTENSION_WORKDAYS: u32 = 15;

pub const REPEATED_COUNT: usize = 5;
pub const REPEATED_DAYS: u64 = 90;
pub const VIOLATION_COUNT: usize = 3;
pub const VIOLATION_DAYS: u64 = 180;
pub const REPORTS_COUNT: usize = 2;

/// Why complaints became a clue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClueRule {
    Repeated,
    Violation,
    Reports,
}

impl ClueRule {
    pub fn as_str(self) -> &'static str {
        match self {
            ClueRule::Repeated => "repeated",
            ClueRule::Violation => "violation",
            ClueRule::Reports => "reports",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            ClueRule::Repeated => "同一经营者短期内被反复投诉",
            ClueRule::Violation => "同一经营者同类违法问题被多次投诉",
            ClueRule::Reports => "同一经营者被多次举报",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            ClueRule::Repeated => "repeated complaints against one business",
            ClueRule::Violation => "repeated complaints of one kind of violation",
            ClueRule::Reports => "repeated reports against one business",
        }
    }

    /// The days the rule looks back.
    pub fn window(self) -> u64 {
        match self {
            ClueRule::Repeated => REPEATED_DAYS,
            ClueRule::Violation | ClueRule::Reports => VIOLATION_DAYS,
        }
    }
}

/// The law a problem kind would breach, for [`ClueRule::Violation`]; `None` for problems that
/// are civil disputes (contracts, after-sales service) rather than violations.
pub fn violation_law(problem: &str) -> Option<&'static str> {
    Some(match problem {
        "P01" => "中华人民共和国产品质量法",
        "P02" => "中华人民共和国产品质量法；中华人民共和国消费者权益保护法 第五十六条",
        "P03" => "中华人民共和国价格法",
        "P04" => "中华人民共和国计量法",
        "P05" => "中华人民共和国广告法",
        "P08" => "中华人民共和国食品安全法",
        "P09" => "中华人民共和国反不正当竞争法",
        "P10" => "中华人民共和国商标法",
        _ => return None,
    })
}

/// `complaint.clue_flagged` (restricted; subject: the business).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClueFlagged {
    /// `XS` + the day + six digits.
    pub id: String,
    pub on: NaiveDate,
    pub entity: String,
    /// The office that checks it: the one handling the latest of the complaints.
    pub office: DivisionCode,
    pub rule: ClueRule,
    /// The problem kind, for [`ClueRule::Violation`].
    #[serde(default)]
    pub problem: Option<String>,
    pub complaints: Vec<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// `complaint.clue_decided` (restricted): the check's result: a case opened or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClueDecided {
    pub id: String,
    pub on: NaiveDate,
    pub filed: bool,
    pub reason: String,
    /// The enforcement matter received in the same append when filed (诉转案), whose page
    /// shows what became of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
}

/// A clue as the projection keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clue {
    #[serde(flatten)]
    pub flagged: ClueFlagged,
    #[serde(default)]
    pub decided: Option<ClueDecided>,
}

impl Clue {
    /// The day the check is due (15 workdays), with whether a day of a provisional year was
    /// counted (暂定); `None` when the calendar does not cover the year.
    pub fn due(&self, cal: &Calendar) -> Option<Deadline> {
        cal.workday_deadline(self.flagged.on, CHECK_WORKDAYS).ok()
    }
}

pub fn clue_id(day: NaiveDate, number: u32) -> String {
    format!("XS{}{:06}", day.format("%Y%m%d"), number % 1_000_000)
}

pub fn check_clue_id(id: &str) -> Result<()> {
    let ok = id.len() == 16 && id.starts_with("XS") && id.as_bytes()[2..].iter().all(u8::is_ascii_digit);
    if ok { Ok(()) } else { Err(crate::Error::new(crate::Code::ComplaintClueUnknown).with("id", id.to_string())) }
}

/// One complaint as the rules read it.
#[derive(Clone, Debug)]
pub struct Input {
    pub id: String,
    pub kind: Kind,
    pub entity: String,
    pub office: DivisionCode,
    pub problem: String,
    pub received_on: NaiveDate,
    pub refused: bool,
}

/// A clue the rules found (not yet flagged).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub entity: String,
    pub office: DivisionCode,
    pub rule: ClueRule,
    pub problem: Option<String>,
    pub complaints: Vec<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Candidate {
    /// What makes two clues the same: business, rule and problem.
    pub fn key(&self) -> (String, ClueRule, Option<String>) {
        (self.entity.clone(), self.rule, self.problem.clone())
    }
}

/// The clues in `inputs` as of `as_of`, sorted by business and rule. `inputs` may hold
/// complaints of any day; those outside a rule's window are ignored.
pub fn find(inputs: &[Input], as_of: NaiveDate) -> Vec<Candidate> {
    let since = |days: u64| as_of.checked_sub_days(Days::new(days - 1)).unwrap_or(as_of);
    let mut groups: HashMap<(String, ClueRule, Option<String>), Vec<&Input>> = HashMap::new();
    for i in inputs.iter().filter(|i| !i.refused && i.received_on <= as_of) {
        if i.received_on >= since(REPEATED_DAYS) {
            groups.entry((i.entity.clone(), ClueRule::Repeated, None)).or_default().push(i);
        }
        if i.received_on >= since(VIOLATION_DAYS) {
            if violation_law(&i.problem).is_some() {
                groups.entry((i.entity.clone(), ClueRule::Violation, Some(i.problem.clone()))).or_default().push(i);
            }
            if i.kind == Kind::Report {
                groups.entry((i.entity.clone(), ClueRule::Reports, None)).or_default().push(i);
            }
        }
    }
    let mut out: Vec<Candidate> = groups
        .into_iter()
        .filter(|((_, rule, _), v)| {
            v.len()
                >= match rule {
                    ClueRule::Repeated => REPEATED_COUNT,
                    ClueRule::Violation => VIOLATION_COUNT,
                    ClueRule::Reports => REPORTS_COUNT,
                }
        })
        .map(|((entity, rule, problem), mut v)| {
            v.sort_by(|a, b| (a.received_on, &a.id).cmp(&(b.received_on, &b.id)));
            let latest = v.last().expect("non-empty group");
            Candidate {
                office: latest.office,
                to: latest.received_on,
                from: v[0].received_on,
                complaints: v.iter().map(|i| i.id.clone()).collect(),
                entity,
                rule,
                problem,
            }
        })
        .collect();
    out.sort_by_key(Candidate::key);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(n: u32, kind: Kind, entity: &str, problem: &str, on: &str) -> Input {
        Input {
            id: format!("{}20260101{n:010}", kind.prefix()),
            kind,
            entity: entity.into(),
            office: DivisionCode::parse("420111").unwrap(),
            problem: problem.into(),
            received_on: NaiveDate::parse_from_str(on, "%Y-%m-%d").unwrap(),
            refused: false,
        }
    }

    #[test]
    fn repeated_complaints_and_violations_become_clues_within_their_windows() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let mut v = vec![
            // Five contract disputes in 90 days: repeated, but not a violation.
            input(1, Kind::Complaint, "A", "P06", "2026-09-01"),
            input(2, Kind::Complaint, "A", "P06", "2026-10-01"),
            input(3, Kind::Complaint, "A", "P06", "2026-10-15"),
            input(4, Kind::Complaint, "A", "P07", "2026-11-01"),
            input(5, Kind::Complaint, "A", "P06", "2026-11-28"),
            // Three price complaints over 180 days: a violation clue.
            input(6, Kind::Complaint, "B", "P03", "2026-06-10"),
            input(7, Kind::Complaint, "B", "P03", "2026-08-10"),
            input(8, Kind::Report, "B", "P03", "2026-11-10"),
            // Two reports, one of them too old.
            input(9, Kind::Report, "C", "P99", "2026-01-10"),
            input(10, Kind::Report, "C", "P99", "2026-11-10"),
        ];
        let found = find(&v, as_of);
        let keys: Vec<_> = found.iter().map(|c| (c.entity.as_str(), c.rule, c.complaints.len())).collect();
        assert_eq!(keys, vec![("A", ClueRule::Repeated, 5), ("B", ClueRule::Violation, 3)]);
        assert_eq!(found[1].problem.as_deref(), Some("P03"));
        assert_eq!(found[1].from, NaiveDate::from_ymd_opt(2026, 6, 10).unwrap());
        // The first of A's is outside 90 days a day later; a refused one does not count.
        assert!(find(&v, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()).iter().all(|c| c.entity != "A"));
        v[5].refused = true;
        assert!(find(&v, as_of).iter().all(|c| c.entity != "B"));
        v.push(input(11, Kind::Report, "C", "P99", "2026-11-20"));
        assert!(find(&v, as_of).iter().any(|c| c.entity == "C" && c.rule == ClueRule::Reports));
    }

    #[test]
    fn a_clue_is_due_fifteen_workdays_after_it_is_flagged() {
        let cal = Calendar::builtin();
        let on = NaiveDate::from_ymd_opt(2026, 9, 28).unwrap();
        let c = Clue {
            flagged: ClueFlagged {
                id: clue_id(on, 1),
                on,
                entity: "A".into(),
                office: DivisionCode::parse("420111").unwrap(),
                rule: ClueRule::Repeated,
                problem: None,
                complaints: vec![],
                from: on,
                to: on,
            },
            decided: None,
        };
        check_clue_id(&c.flagged.id).unwrap();
        // 09-29, 09-30 (2), National Day, 10-08, 10-09 (4), Sat 10-10 worked (5), 10-12..16 (10),
        // 10-19..23 (15).
        let due = c.due(&cal).unwrap();
        assert_eq!((due.date, due.provisional), (NaiveDate::from_ymd_opt(2026, 10, 23).unwrap(), false));
        // Flagged on 2026-12-21: the 15th workday is in January 2027, a provisional year.
        let mut late = c.clone();
        late.flagged.on = NaiveDate::from_ymd_opt(2026, 12, 21).unwrap();
        let due = late.due(&cal).unwrap();
        assert!(due.provisional);
        // 12-22..31 (8), 1 January off, 01-04..08 (13), 01-11, 01-12 (15).
        assert_eq!(due.date, NaiveDate::from_ymd_opt(2027, 1, 12).unwrap());
    }
}
