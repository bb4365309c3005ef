//! What the public sees of the complaints about a business, on its credit file: counts, how
//! often it responded and how often the dispute was resolved, what the complaints were about,
//! the complainants' ratings, and its ODR scorecard — as the CFPB's database and the 12315
//! platform's disclosures do. No complainant and no complaint's text appears: only numbers.
//!
//! Definitions (over the complaints received in the last three years, the horizon of the credit
//! file's other records):
//! - counted: complaints (not reports, which are leads for the office to check, not disputes)
//!   that were not refused (a refused complaint established no dispute with the business);
//! - closed: counted complaints whose procedure is over;
//! - responded: closed ones where the business took part — it answered through ODR, agreed in
//!   mediation, or mediation ended on a ground other than its refusal or absence
//!   (办法 第二十一条第三项);
//! - resolved: closed ones settled through ODR (and not sent on by the complainant) or by
//!   agreement in mediation;
//! - ODR: of the complaints sent to the business directly, how many it answered, how many within
//!   the 10 workdays, and how many it settled.

use chrono::NaiveDate;
use serde::Serialize;
use shijian_core::complaint::categories;
use shijian_core::complaint::procedure::TerminationGround;
use shijian_core::{Calendar, Result};
use shijian_store::Store;
use shijian_store::complaint::Fact;

/// Years of complaints disclosed.
pub const YEARS: u32 = 3;

/// A rate as a share of a whole, with the numbers it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rate {
    pub part: u64,
    pub whole: u64,
    /// Per mille, rounded; `None` when the whole is zero.
    pub permille: Option<u32>,
}

impl Rate {
    fn new(part: u64, whole: u64) -> Rate {
        let permille = (whole > 0).then(|| ((part * 1000 + whole / 2) / whole) as u32);
        Rate { part, whole, permille }
    }

    /// "66.0%", or "—".
    pub fn percent(&self) -> String {
        self.permille.map_or_else(|| "—".to_string(), |p| format!("{}.{}%", p / 10, p % 10))
    }
}

/// The ODR scorecard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OdrScorecard {
    pub member: bool,
    pub joined_on: Option<NaiveDate>,
    pub received: u64,
    pub answered: Rate,
    pub answered_in_time: Rate,
    pub settled: Rate,
}

/// The public disclosure of complaints about one business.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Disclosure {
    pub uscc: String,
    pub since: NaiveDate,
    pub complaints: u64,
    pub open: u64,
    pub closed: u64,
    pub responded: Rate,
    pub resolved: Rate,
    /// (problem code, Chinese name, count), the most frequent first.
    pub problems: Vec<(String, String, u64)>,
    pub ratings: u64,
    /// The mean rating with one decimal ("4.2").
    pub mean_rating: Option<String>,
    pub odr: Option<OdrScorecard>,
    /// Narratives published with the complainants' consent, the newest first (at most
    /// [`NARRATIVES`]).
    pub narratives: Vec<shijian_core::complaint::publication::NarrativePublished>,
}

/// Narratives shown on the credit file.
pub const NARRATIVES: u32 = 20;

/// The disclosure for `uscc` as of `today`.
pub async fn disclosure(store: &Store, uscc: &str, today: NaiveDate) -> Result<Disclosure> {
    let (facts, member) = tokio::try_join!(store.complaint_facts_of_entity(uscc), store.odr_member(uscc))?;
    if facts.is_empty() {
        // Most businesses have no complaint: nothing to count on the calendar and no
        // narrative (each is about a complaint), so a credit file's page reads no more.
        return Ok(compute(&shijian_core::calendar::Calendar::builtin(), uscc, &facts, member.as_ref(), today));
    }
    let cal = store.calendar().await?;
    let mut d = compute(&cal, uscc, &facts, member.as_ref(), today);
    d.narratives = store
        .complaint_records(shijian_store::complaint::RECORD_NARRATIVE, Some(uscc), false, NARRATIVES)
        .await?
        .iter()
        .map(|r| r.parse())
        .collect::<Result<_>>()?;
    Ok(d)
}

/// The disclosure of `facts`, pure.
pub fn compute(
    cal: &Calendar,
    uscc: &str,
    facts: &[Fact],
    member: Option<&shijian_core::complaint::OdrMember>,
    today: NaiveDate,
) -> Disclosure {
    let since = today.checked_sub_months(chrono::Months::new(12 * YEARS)).unwrap_or(today);
    let since_s = since.to_string();
    let counted: Vec<&Fact> =
        facts.iter().filter(|f| f.kind == "complaint" && f.status != "refused" && f.received_on >= since_s).collect();
    let closed: Vec<&&Fact> = counted
        .iter()
        .filter(|f| !matches!(f.status.as_str(), "odr" | "received" | "disputed" | "mediating"))
        .collect();
    let refused_by_business = format!("terminated:{}", TerminationGround::Refused.as_str());
    let responded = closed
        .iter()
        .filter(|f| {
            f.odr_answered_on.is_some()
                || f.status == "mediated"
                || (f.status == "terminated" && f.outcome != refused_by_business)
        })
        .count() as u64;
    let resolved = closed.iter().filter(|f| matches!(f.status.as_str(), "mediated" | "settled_odr")).count() as u64;
    let mut problems: std::collections::BTreeMap<&str, u64> = std::collections::BTreeMap::new();
    for f in &counted {
        *problems.entry(f.problem.as_str()).or_default() += 1;
    }
    let mut problems: Vec<(String, String, u64)> =
        problems.into_iter().map(|(p, n)| (p.to_string(), categories::zh(p).to_string(), n)).collect();
    problems.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    let rated: Vec<i64> = counted.iter().filter_map(|f| f.rating).collect();
    let mean_rating = (!rated.is_empty()).then(|| {
        let tenths = (rated.iter().sum::<i64>() * 10 + rated.len() as i64 / 2) / rated.len() as i64;
        format!("{}.{}", tenths / 10, tenths % 10)
    });
    let via: Vec<&&Fact> = counted.iter().filter(|f| f.odr_entity.as_deref() == Some(uscc)).collect();
    let odr = (member.is_some() || !via.is_empty()).then(|| {
        let answered: Vec<&&&Fact> = via.iter().filter(|f| f.odr_answered_on.is_some()).collect();
        let due = |f: &Fact| {
            NaiveDate::parse_from_str(&f.received_on, "%Y-%m-%d")
                .ok()
                .and_then(|d| cal.add_workdays(d, shijian_core::complaint::ODR_WORKDAYS).ok())
        };
        let in_time = answered
            .iter()
            .filter(|f| {
                let on = f.odr_answered_on.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                matches!((on, due(f)), (Some(on), Some(due)) if on <= due)
            })
            .count() as u64;
        // Those still with the business and not yet due are not counted against it.
        let decided = via
            .iter()
            .filter(|f| f.odr_answered_on.is_some() || f.status != "odr" || due(f).is_some_and(|d| today > d))
            .count() as u64;
        let settled = via.iter().filter(|f| f.odr_settled == Some(true) && f.status == "settled_odr").count() as u64;
        OdrScorecard {
            member: member.is_some_and(|m| m.active()),
            joined_on: member.map(|m| m.joined_on),
            received: via.len() as u64,
            answered: Rate::new(answered.len() as u64, decided),
            answered_in_time: Rate::new(in_time, decided),
            settled: Rate::new(settled, decided),
        }
    });
    Disclosure {
        uscc: uscc.to_string(),
        since,
        complaints: counted.len() as u64,
        open: (counted.len() - closed.len()) as u64,
        closed: closed.len() as u64,
        responded: Rate::new(responded, closed.len() as u64),
        resolved: Rate::new(resolved, closed.len() as u64),
        problems,
        ratings: rated.len() as u64,
        mean_rating,
        odr,
        narratives: Vec::new(),
    }
}
