//! Synthetic random-inspection history, deterministic from the province's seed: the staff of
//! each office (inspectors with and without an enforcement certificate, the credit officer
//! who plans, the supervisor and auditor who hold the seed's secrets), each year's plans, and
//! what each inspection found.
//!
//! This module only decides; the binary's `synth` runs the decisions through the application
//! (draft, commit, publish, reveal, draw, record, publish), so the history is the journal's.
//!
//! - **Staff**: one inspector per 2,000 entities registered with an office, at least 2 and at
//!   most 80, about 85% certified (执法证); 6,390,000 entities give about 3,200 inspectors.
//! - **Plans**: one a year per prefecture-level office (Hubei's 17), checking disclosures and
//!   registered particulars (SC-01, SC-02) in one visit, with sampling ratios rising with risk
//!   (class A only on a trigger, so 0), teams of two, inspectors from another county where the
//!   office has more than one (异地交叉检查).
//! - **Results**: inspected on a workday between the plan's start and its end; the categories
//!   in roughly the shares provinces report (about four in five without problems); published
//!   within the 20-workday term, 3% late. About one plan in eight has a seed party who does not
//!   reveal, so the documented fallback (the reveal day passes, the part counts as absent) shows.

use chrono::{Datelike, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use shijian_core::DivisionCode;
use shijian_core::inspection::ResultCategory;
use shijian_core::inspection::plan::Ratios;

use crate::{GIVEN, SURNAMES, fingerprint};

/// Entities per inspector.
pub const ENTITIES_PER_INSPECTOR: u64 = 2_000;
/// The fewest and the most inspectors an office has.
pub const OFFICE_INSPECTORS: (u64, u64) = (2, 80);
/// The items every synthetic plan checks.
pub const PLAN_ITEMS: &[&str] = &["SC-01", "SC-02"];
/// The department of those items.
pub const DEPARTMENT: &str = "市场监管";
/// The sampling ratios of synthetic plans, in basis points: A 0 (no trigger), B 2%, C 4%,
/// D 15%, unclassified 3%: under the items' 5% cap for the province's mix of classes.
pub const RATIOS: Ratios = Ratios { a: 0, b: 200, c: 400, d: 1_500, u: 300 };

/// A member of staff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Staff {
    pub username: String,
    pub display_name: String,
    pub office: DivisionCode,
    pub duty: Duty,
    /// Holds an enforcement certificate (inspectors).
    pub certified: bool,
}

/// What a member of staff does in the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Duty {
    Inspector,
    /// Drafts and publishes the office's plans (a credit officer).
    Planner,
    /// A seed party: the discipline-inspection officer (a supervisor account).
    Supervisor,
    /// A seed party: the auditor.
    Auditor,
}

fn rng(seed: u64, parts: &[&str]) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed ^ fingerprint(parts))
}

fn person(rng: &mut ChaCha8Rng) -> String {
    let s: Vec<char> = SURNAMES.chars().collect();
    let g: Vec<char> = GIVEN.chars().collect();
    let mut name = s[rng.random_range(0..s.len())].to_string();
    for _ in 0..rng.random_range(1..=2) {
        name.push(g[rng.random_range(0..g.len())]);
    }
    name
}

/// How many inspectors an office with `entities` registered has.
pub fn inspectors_for(entities: u64) -> u64 {
    (entities / ENTITIES_PER_INSPECTOR).clamp(OFFICE_INSPECTORS.0, OFFICE_INSPECTORS.1)
}

/// The staff of a planning office (`office`, a prefecture-level unit) and of the offices below
/// it that register entities: `offices` lists each such office (the planning office included)
/// with the entities registered there.
pub fn staff(seed: u64, office: DivisionCode, offices: &[(DivisionCode, u64)]) -> Vec<Staff> {
    let code = office.to_string();
    let mut r = rng(seed, &["staff", &code]);
    let mut out = vec![
        Staff {
            username: format!("credit.{code}"),
            display_name: person(&mut r),
            office,
            duty: Duty::Planner,
            certified: false,
        },
        Staff {
            username: format!("jijian.{code}"),
            display_name: person(&mut r),
            office,
            duty: Duty::Supervisor,
            certified: false,
        },
        Staff {
            username: format!("audit.{code}"),
            display_name: person(&mut r),
            office,
            duty: Duty::Auditor,
            certified: false,
        },
    ];
    for (o, entities) in offices {
        let oc = o.to_string();
        let mut r = rng(seed, &["inspectors", &oc]);
        for n in 1..=inspectors_for(*entities) {
            out.push(Staff {
                username: format!("insp.{oc}.{n:02}"),
                display_name: person(&mut r),
                office: *o,
                duty: Duty::Inspector,
                // The first of each office is certified, so every office can lead a team.
                certified: n == 1 || r.random_bool(0.85),
            });
        }
    }
    out
}

/// A seed party's secret for a plan.
pub fn secret(seed: u64, plan: &str, party: &str) -> [u8; 32] {
    let mut r = rng(seed, &["secret", plan, party]);
    let mut s = [0u8; 32];
    r.fill(&mut s);
    s
}

/// Whether a party leaves its reveal out (about one plan in eight, the auditor).
pub fn withholds(seed: u64, plan: &str, party: &str) -> bool {
    party.starts_with("audit.") && rng(seed, &["withhold", plan]).random_ratio(1, 8)
}

/// What an inspection found, when, and how many workdays later it was published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub category: ResultCategory,
    pub inspected_on: NaiveDate,
    /// Workdays from the inspection to publication (over 20: late).
    pub published_after: u32,
}

/// The finding of a plan's inspection of a target, on a day in `from..=to` (the caller keeps
/// it to a workday).
pub fn finding(seed: u64, plan: &str, target: &str, from: NaiveDate, to: NaiveDate) -> Finding {
    let mut r = rng(seed, &["finding", plan, target]);
    let span = (to - from).num_days().max(0);
    let inspected_on = from + chrono::Days::new(r.random_range(0..=span) as u64);
    let x = r.random_range(0..1000);
    let category = match x {
        0..800 => ResultCategory::NoProblem,
        800..870 => ResultCategory::OrderedToCorrect,
        870..910 => ResultCategory::NotDisclosed,
        910..950 => ResultCategory::Unreachable,
        950..965 => ResultCategory::FollowUp,
        965..985 => ResultCategory::NoActivity,
        985..990 => ResultCategory::FalseDisclosure,
        990..995 => ResultCategory::Uncooperative,
        _ => ResultCategory::Ended,
    };
    let published_after = if r.random_ratio(3, 100) { r.random_range(21..=30) } else { r.random_range(1..=20) };
    Finding { category, inspected_on, published_after }
}

/// The inspectors' note for a category (the file's findings).
pub fn findings_text(c: ResultCategory) -> &'static str {
    match c {
        ResultCategory::NoProblem => "现场检查，公示信息与实际情况一致，登记事项未见异常。",
        ResultCategory::OrderedToCorrect => "登记住所与实际经营场所不一致，已责令限期改正。",
        ResultCategory::NotDisclosed => "未按规定公示年度报告中的部分信息，已责令公示。",
        ResultCategory::Unreachable => "经实地核查，通过登记的住所无法联系。",
        ResultCategory::FollowUp => "发现涉嫌违法线索，移送办案机构进一步核查。",
        ResultCategory::NoActivity => "未发现开展本次抽查涉及的经营活动。",
        ResultCategory::FalseDisclosure => "年度报告公示的从业人数与实际明显不符。",
        ResultCategory::Uncooperative => "拒不配合检查，拒绝提供相关材料。",
        ResultCategory::Ended => "该主体已注销或被吊销营业执照。",
    }
}

/// A year's plan window: published in late February, inspections from 1 March to 30 November.
pub fn plan_window(year: i32) -> (NaiveDate, NaiveDate, NaiveDate, NaiveDate) {
    let d = |m, day| NaiveDate::from_ymd_opt(year, m, day).expect("a valid date");
    // (drafted, starts, reveal by, ends)
    (d(2, 20), d(3, 1), d(3, 6), d(11, 30))
}

/// The years of history up to `as_of`: the three years ending with `as_of`'s, each once its
/// plans would have been drawn (by 10 March).
pub fn years(as_of: NaiveDate) -> Vec<i32> {
    let y = as_of.year();
    (y - 2..=y).filter(|year| as_of >= plan_window(*year).2 + chrono::Days::new(4)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_scales_with_the_register_and_is_deterministic() {
        let office = DivisionCode::parse("420100").unwrap();
        let offices = [(office, 10_000), (DivisionCode::parse("420102").unwrap(), 1_000_000)];
        let s = staff(42, office, &offices);
        assert_eq!(s, staff(42, office, &offices));
        let inspectors: Vec<&Staff> = s.iter().filter(|m| m.duty == Duty::Inspector).collect();
        assert_eq!(inspectors.len(), 5 + 80);
        assert!(inspectors.iter().filter(|m| m.certified).count() > 60);
        assert!(s.iter().all(|m| m.username.len() <= 32));
        assert_eq!(inspectors_for(0), 2);
        assert_eq!(inspectors_for(6_390_000 / 100), 31);
    }

    #[test]
    fn findings_are_mostly_clean_and_published_on_time() {
        let (from, to) = (NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(), NaiveDate::from_ymd_opt(2025, 11, 30).unwrap());
        let all: Vec<Finding> = (0..10_000).map(|i| finding(7, "p", &i.to_string(), from, to)).collect();
        let clean = all.iter().filter(|f| f.category == ResultCategory::NoProblem).count();
        assert!((7_600..8_400).contains(&clean), "{clean}");
        let late = all.iter().filter(|f| f.published_after > 20).count();
        assert!((200..400).contains(&late), "{late}");
        assert!(all.iter().all(|f| (from..=to).contains(&f.inspected_on)));
        assert_eq!(finding(7, "p", "1", from, to), all[1]);
    }

    #[test]
    fn history_covers_the_three_years_whose_draws_are_past() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(years(d("2026-11-29")), vec![2024, 2025, 2026]);
        assert_eq!(years(d("2026-02-01")), vec![2024, 2025]);
    }
}
