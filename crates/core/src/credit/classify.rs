//! Credit-risk classification (信用风险分类) into classes A–D over an indicator system whose
//! weights and class thresholds are a versioned data file.
//!
//! Source: 市场监管总局关于推进企业信用风险分类管理进一步提升监管效能的意见 (国市监信发〔2022〕6号)
//! [P]: four classes — A low, B general, C higher, D high risk — recalculated monthly and
//! applied on top of double-random sampling (A: lower ratio and frequency, "无事不扰"; D: sharply
//! higher). The notice names the kinds of indicator (basic facts, operating behaviour,
//! supervision records, social evaluation); the points in `data/credit-indicators-v1.tsv` are
//! shijian's own first version, not a published weighting [M]. Two hard rules are applied in
//! code: an entity on the serious list is D; one on the abnormal list (or marked abnormal) is at
//! least C — shijian's reading of the lists' effects, not an article of the notice [M].
//!
//! The file (tab-separated, `#` comments, a header row):
//!
//! ```text
//! version row       key            points cap zh        en
//! v1      base      score          100        基础分    base score
//! v1      indicator report_missing -8     -24 …         …
//! v1      class     A              90         低风险    low risk
//! ```
//!
//! `base` is the starting score; each `indicator` adds `points` per occurrence, limited in
//! total to `cap` (same sign, empty for no limit); a `class` row gives the class's lowest score.
//! The score is clamped to 0–100. Every key the code knows ([`Indicator::ALL`]) and all four
//! classes must be present, once; every row has the same version.
//!
//! [`classify`] is built for the whole register (6.39 million entities): no allocation but the
//! reasons vector of at most three entries.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Code, Error, Result};
use crate::registry::{EntityKind, Status};

crate::declare_events! {
    /// `credit.risk_classified` ([`RiskClassified`]). The class steers inspections and is not
    /// published: restricted (whether classes may be disclosed is not confirmed [M]).
    KIND_RISK_CLASSIFIED, RISK_CLASSIFIED = "credit.risk_classified",
        basis: "国家市场监督管理总局关于推进企业信用风险分类管理进一步提升监管效能的意见（国市监信发〔2022〕6号）",
        zh: "信用风险分类", en: "credit risk class", restricted;
}

crate::event_data!(RiskClassified => RISK_CLASSIFIED);

/// The shipped indicator file.
pub const BUILTIN_TSV: &str = include_str!("../../data/credit-indicators-v1.tsv");

/// A risk class, ordered from low to high risk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RiskClass {
    A,
    B,
    C,
    D,
}

impl RiskClass {
    pub const ALL: [RiskClass; 4] = [RiskClass::A, RiskClass::B, RiskClass::C, RiskClass::D];

    pub fn as_str(self) -> &'static str {
        match self {
            RiskClass::A => "A",
            RiskClass::B => "B",
            RiskClass::C => "C",
            RiskClass::D => "D",
        }
    }
}

macro_rules! indicators {
    ($( $(#[$doc:meta])* $variant:ident = $key:literal, )*) => {
        /// The indicators the classifier computes from [`Facts`]; the file gives their points.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Indicator {
            $( $(#[$doc])* $variant, )*
        }

        impl Indicator {
            /// Every indicator, in file order.
            pub const ALL: &'static [Indicator] = &[ $( Indicator::$variant, )* ];

            /// The key in the indicator file.
            pub fn key(self) -> &'static str {
                match self { $( Indicator::$variant => $key, )* }
            }
        }
    };
}

indicators! {
    /// Basic facts: registered less than a year before `as_of`.
    AgeUnder1y = "age_under_1y",
    /// Registered one to three years before.
    Age1To3y = "age_1_to_3y",
    /// Registered more than ten years before.
    AgeOver10y = "age_over_10y",
    /// 歇业.
    StatusSuspended = "status_suspended",
    /// 吊销营业执照.
    StatusRevoked = "status_revoked",
    /// Registered capital of 1,000 万元 or more.
    CapitalOver10m = "capital_over_10m",
    /// Operating behaviour: every report due in the last three years filed on time (at least one).
    ReportsAllOnTime = "reports_all_on_time",
    /// Per report filed late.
    ReportLate = "report_late",
    /// Per report not filed.
    ReportMissing = "report_missing",
    /// Per instant disclosure published late (enterprises).
    InstantLate = "instant_late",
    /// Per order to publish instant information.
    DisclosureOrdered = "disclosure_ordered",
    /// Supervision: on the abnormal list now (hard rule: at least C).
    AbnormalCurrent = "abnormal_current",
    /// Per abnormal listing ended in the last three years.
    AbnormalPast = "abnormal_past",
    /// On the serious list now (hard rule: D).
    SeriousCurrent = "serious_current",
    /// Per serious listing ended in the last three years.
    SeriousPast = "serious_past",
    /// Per warning, 通报批评 or lower-amount fine in the last three years.
    PenaltyLight = "penalty_light",
    /// Per other penalty in the last three years.
    PenaltyStandard = "penalty_standard",
    /// Per severe penalty (停产停业, 吊销许可证件 …) in the last three years.
    PenaltySevere = "penalty_severe",
    /// Per inspection that found problems in the last three years.
    InspectionProblem = "inspection_problem",
    /// Per inspection without problems in the last three years.
    InspectionClean = "inspection_clean",
    /// Social evaluation: per complaint in the last twelve months.
    Complaint = "complaint",
    /// Per credit repair completed in the last three years.
    RepairCompleted = "repair_completed",
    /// Per credit commitment broken in the last three years.
    CommitmentBreached = "commitment_breached",
}

const N_INDICATORS: usize = Indicator::ALL.len();

/// What the classifier knows of one entity: a plain struct the store fills. Counts are over
/// the windows named (three years, twelve months) ending on `as_of`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts {
    /// The day of the classification (the monthly run).
    pub as_of: NaiveDate,
    /// Not scored in v1: it decides which facts can occur (individual businesses have no
    /// instant disclosures and are marked rather than listed).
    pub kind: EntityKind,
    pub status: Status,
    pub established_on: NaiveDate,
    /// Registered capital in 万元, rounded down (0 for individual businesses).
    pub registered_capital_wan: u64,
    /// Annual reports due in the last three years: on time, late, not filed.
    pub reports_on_time: u8,
    pub reports_late: u8,
    pub reports_missing: u8,
    pub instant_late: u16,
    pub disclosure_orders: u16,
    pub on_abnormal_list: bool,
    pub abnormal_past: u16,
    pub on_serious_list: bool,
    pub serious_past: u16,
    pub penalties_light: u16,
    pub penalties_standard: u16,
    pub penalties_severe: u16,
    pub inspections_with_problems: u16,
    pub inspections_clean: u16,
    /// Complaints in the last twelve months.
    pub complaints_12m: u32,
    pub repairs_completed: u16,
    pub commitments_breached: u16,
}

impl Facts {
    /// An entity with nothing on file but its registration.
    pub fn new(as_of: NaiveDate, kind: EntityKind, established_on: NaiveDate) -> Facts {
        Facts {
            as_of,
            kind,
            status: Status::Active,
            established_on,
            registered_capital_wan: 0,
            reports_on_time: 0,
            reports_late: 0,
            reports_missing: 0,
            instant_late: 0,
            disclosure_orders: 0,
            on_abnormal_list: false,
            abnormal_past: 0,
            on_serious_list: false,
            serious_past: 0,
            penalties_light: 0,
            penalties_standard: 0,
            penalties_severe: 0,
            inspections_with_problems: 0,
            inspections_clean: 0,
            complaints_12m: 0,
            repairs_completed: 0,
            commitments_breached: 0,
        }
    }

    /// How many times each indicator occurs.
    fn units(&self) -> [i64; N_INDICATORS] {
        let years = self.as_of.years_since(self.established_on).unwrap_or(0);
        let b = |x: bool| i64::from(x);
        let reports_due =
            u16::from(self.reports_on_time) + u16::from(self.reports_late) + u16::from(self.reports_missing);
        let mut u = [0i64; N_INDICATORS];
        for (slot, ind) in u.iter_mut().zip(Indicator::ALL) {
            *slot = match ind {
                Indicator::AgeUnder1y => b(years < 1),
                Indicator::Age1To3y => b((1..3).contains(&years)),
                Indicator::AgeOver10y => b(years >= 10),
                Indicator::StatusSuspended => b(self.status == Status::Suspended),
                Indicator::StatusRevoked => b(self.status == Status::Revoked),
                Indicator::CapitalOver10m => b(self.registered_capital_wan >= 1000),
                Indicator::ReportsAllOnTime => b(reports_due > 0 && u16::from(self.reports_on_time) == reports_due),
                Indicator::ReportLate => i64::from(self.reports_late),
                Indicator::ReportMissing => i64::from(self.reports_missing),
                Indicator::InstantLate => i64::from(self.instant_late),
                Indicator::DisclosureOrdered => i64::from(self.disclosure_orders),
                Indicator::AbnormalCurrent => b(self.on_abnormal_list),
                Indicator::AbnormalPast => i64::from(self.abnormal_past),
                Indicator::SeriousCurrent => b(self.on_serious_list),
                Indicator::SeriousPast => i64::from(self.serious_past),
                Indicator::PenaltyLight => i64::from(self.penalties_light),
                Indicator::PenaltyStandard => i64::from(self.penalties_standard),
                Indicator::PenaltySevere => i64::from(self.penalties_severe),
                Indicator::InspectionProblem => i64::from(self.inspections_with_problems),
                Indicator::InspectionClean => i64::from(self.inspections_clean),
                Indicator::Complaint => i64::from(self.complaints_12m),
                Indicator::RepairCompleted => i64::from(self.repairs_completed),
                Indicator::CommitmentBreached => i64::from(self.commitments_breached),
            };
        }
        u
    }
}

/// One indicator's weight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Weight {
    pub points: i32,
    /// The total limit, same sign as `points`; `None`: no limit.
    pub cap: Option<i32>,
    pub zh: String,
    pub en: String,
}

/// One class's threshold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Threshold {
    pub min_score: i32,
    pub zh: String,
    pub en: String,
}

/// A version of the indicator system.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Model {
    pub version: String,
    pub base: i32,
    weights: Vec<Weight>,
    thresholds: Vec<Threshold>,
}

const HEADER: [&str; 7] = ["version", "row", "key", "points", "cap", "zh", "en"];

fn row_error(line: usize, reason: impl std::fmt::Display) -> Error {
    Error::new(Code::CreditModelRow).with("line", line).with("reason", reason)
}

impl Model {
    /// The shipped version (`data/credit-indicators-v1.tsv`; a test checks it parses).
    pub fn builtin() -> Result<Model> {
        Model::parse(BUILTIN_TSV)
    }

    /// Parses an indicator file (see the module documentation). The whole file is checked
    /// before a model is returned; errors name the line.
    pub fn parse(tsv: &str) -> Result<Model> {
        let mut version: Option<String> = None;
        let mut header_seen = false;
        let mut base: Option<i32> = None;
        let mut weights: Vec<Option<Weight>> = vec![None; N_INDICATORS];
        let mut thresholds: Vec<Option<(usize, Threshold)>> = vec![None; 4];
        for (i, raw) in tsv.lines().enumerate() {
            let line = i + 1;
            let raw = raw.trim_end_matches('\r');
            if raw.trim().is_empty() || raw.starts_with('#') {
                continue;
            }
            let cells: Vec<&str> = raw.split('\t').map(str::trim).collect();
            if !header_seen {
                if cells != HEADER {
                    return Err(Error::new(Code::FileHeader)
                        .with("expected", HEADER.join(" "))
                        .with("found", cells.join(" "))
                        .with("line", line));
                }
                header_seen = true;
                continue;
            }
            if cells.len() != HEADER.len() {
                return Err(Error::new(Code::FileRowShape)
                    .with("line", line)
                    .with("expected", HEADER.len())
                    .with("found", cells.len()));
            }
            let [v, row, key, points, cap, zh, en] =
                [cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6]];
            if v.is_empty() {
                return Err(row_error(line, "版本为空 / empty version"));
            }
            match &version {
                None => version = Some(v.to_string()),
                Some(first) if first != v => {
                    return Err(row_error(
                        line,
                        format!("版本“{v}”与“{first}”不一致 / version {v} differs from {first}"),
                    ));
                }
                Some(_) => {}
            }
            let points: i32 = points
                .parse()
                .map_err(|_| row_error(line, format!("分值“{points}”不是整数 / points '{points}' not an integer")))?;
            if zh.is_empty() || en.is_empty() {
                return Err(row_error(line, "缺少中文或英文说明 / zh and en texts are required"));
            }
            match row {
                "base" => {
                    if key != "score" || !cap.is_empty() {
                        return Err(row_error(line, "base 行的键为 score 且无上限 / a base row is key score, no cap"));
                    }
                    if base.replace(points).is_some() {
                        return Err(row_error(line, "base 行重复 / base given twice"));
                    }
                }
                "indicator" => {
                    let idx = Indicator::ALL
                        .iter()
                        .position(|ind| ind.key() == key)
                        .ok_or_else(|| row_error(line, format!("未知指标“{key}” / unknown indicator '{key}'")))?;
                    let cap = if cap.is_empty() {
                        None
                    } else {
                        let c: i32 = cap.parse().map_err(|_| {
                            row_error(line, format!("上限“{cap}”不是整数 / cap '{cap}' not an integer"))
                        })?;
                        if c.signum() != points.signum() || c.abs() < points.abs() {
                            return Err(row_error(
                                line,
                                "上限应与分值同号且不小于分值 / a cap has the sign of the points and is at least as large",
                            ));
                        }
                        Some(c)
                    };
                    if points == 0 {
                        return Err(row_error(line, "分值不能为0 / points must not be 0"));
                    }
                    let slot = &mut weights[idx];
                    if slot.is_some() {
                        return Err(row_error(line, format!("指标“{key}”重复 / indicator '{key}' given twice")));
                    }
                    *slot = Some(Weight { points, cap, zh: zh.to_string(), en: en.to_string() });
                }
                "class" => {
                    let idx = RiskClass::ALL
                        .iter()
                        .position(|c| c.as_str() == key)
                        .ok_or_else(|| row_error(line, format!("未知类别“{key}” / unknown class '{key}'")))?;
                    if !cap.is_empty() {
                        return Err(row_error(line, "class 行无上限 / a class row has no cap"));
                    }
                    let slot = &mut thresholds[idx];
                    if slot.is_some() {
                        return Err(row_error(line, format!("类别“{key}”重复 / class '{key}' given twice")));
                    }
                    *slot = Some((line, Threshold { min_score: points, zh: zh.to_string(), en: en.to_string() }));
                }
                other => {
                    return Err(row_error(line, format!("未知行类型“{other}” / unknown row '{other}'")));
                }
            }
        }
        if !header_seen {
            return Err(Error::new(Code::FileEmpty));
        }
        let version = version.ok_or_else(|| Error::new(Code::FileEmpty))?;
        let base = base.ok_or_else(|| Error::new(Code::CreditModelIncomplete).with("item", "base score"))?;
        let mut ws = Vec::with_capacity(N_INDICATORS);
        for (ind, w) in Indicator::ALL.iter().zip(weights) {
            ws.push(w.ok_or_else(|| Error::new(Code::CreditModelIncomplete).with("item", ind.key()))?);
        }
        let mut ts: Vec<Threshold> = Vec::with_capacity(4);
        let mut previous: Option<i32> = None;
        for (class, t) in RiskClass::ALL.iter().zip(thresholds) {
            let (line, t) = t.ok_or_else(|| Error::new(Code::CreditModelIncomplete).with("item", class.as_str()))?;
            if previous.is_some_and(|p| t.min_score >= p) {
                return Err(row_error(line, "类别下限应自A至D递减 / class minimums fall from A to D"));
            }
            previous = Some(t.min_score);
            ts.push(t);
        }
        Ok(Model { version, base, weights: ws, thresholds: ts })
    }

    pub fn weight(&self, indicator: Indicator) -> &Weight {
        // `weights` has one entry per indicator, in `Indicator::ALL` order (checked in parse).
        &self.weights[indicator as usize]
    }

    pub fn threshold(&self, class: RiskClass) -> &Threshold {
        &self.thresholds[class as usize]
    }

    fn class_of(&self, score: i32) -> RiskClass {
        for class in [RiskClass::A, RiskClass::B, RiskClass::C] {
            if score >= self.threshold(class).min_score {
                return class;
            }
        }
        RiskClass::D
    }
}

/// One contributing indicator, with its texts from the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reason<'m> {
    pub indicator: Indicator,
    /// What it added to the score (negative: taken away).
    pub points: i32,
    pub zh: &'m str,
    pub en: &'m str,
}

/// The result of a classification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classification<'m> {
    pub class: RiskClass,
    /// 0–100.
    pub score: i32,
    /// The top contributing indicators, at most three: those that lower the score, largest
    /// first (an indicator behind a hard rule first of all); when none does, those that raise
    /// it.
    pub reasons: Vec<Reason<'m>>,
}

/// Data of `credit.risk_classified`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskClassified {
    pub as_of: NaiveDate,
    pub class: RiskClass,
    pub score: i32,
    pub model_version: String,
    /// The reasons' indicators, most important first.
    pub reasons: Vec<Indicator>,
}

impl Classification<'_> {
    /// The event data recording this classification.
    pub fn to_event(&self, as_of: NaiveDate, model: &Model) -> RiskClassified {
        RiskClassified {
            as_of,
            class: self.class,
            score: self.score,
            model_version: model.version.clone(),
            reasons: self.reasons.iter().map(|r| r.indicator).collect(),
        }
    }
}

/// Classifies one entity (国市监信发〔2022〕6号 [P]; points from `model` [M]). Hard rules: on the
/// serious list → D; on the abnormal list → at least C.
pub fn classify<'m>(facts: &Facts, model: &'m Model) -> Classification<'m> {
    let units = facts.units();
    let mut contributions = [0i32; N_INDICATORS];
    let mut total: i64 = i64::from(model.base);
    for (i, (w, n)) in model.weights.iter().zip(units).enumerate() {
        if n == 0 {
            continue;
        }
        let raw = i64::from(w.points).saturating_mul(n);
        let c = match w.cap {
            Some(cap) if w.points < 0 => raw.max(i64::from(cap)),
            Some(cap) => raw.min(i64::from(cap)),
            None => raw,
        };
        // |c| ≤ |points| · u32::MAX fits in i64; clamp to i32 for the reason.
        contributions[i] = c.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32;
        total += c;
    }
    let score = total.clamp(0, 100) as i32;
    let mut class = model.class_of(score);
    let forced = if facts.on_serious_list {
        class = RiskClass::D;
        Some(Indicator::SeriousCurrent)
    } else if facts.on_abnormal_list {
        class = class.max(RiskClass::C);
        Some(Indicator::AbnormalCurrent)
    } else {
        None
    };
    // The top three by importance, without sorting: a hard-rule indicator ranks first, then the
    // most negative contributions; positive ones only when nothing lowered the score.
    let any_negative = contributions.iter().any(|&c| c < 0);
    let rank = |i: usize| -> Option<i64> {
        let c = contributions[i];
        if Some(Indicator::ALL[i]) == forced {
            Some(i64::MAX)
        } else if any_negative {
            (c < 0).then(|| -i64::from(c))
        } else {
            (c > 0).then(|| i64::from(c))
        }
    };
    let mut top: [Option<(i64, usize)>; 3] = [None; 3];
    for i in 0..N_INDICATORS {
        let Some(r) = rank(i) else { continue };
        // Insert keeping descending rank; equal ranks keep file order.
        let mut item = (r, i);
        for slot in top.iter_mut() {
            match slot {
                None => {
                    *slot = Some(item);
                    break;
                }
                Some(existing) if item.0 > existing.0 => std::mem::swap(existing, &mut item),
                Some(_) => {}
            }
        }
    }
    let mut reasons = Vec::with_capacity(3);
    for (_, i) in top.into_iter().flatten() {
        let w = &model.weights[i];
        reasons.push(Reason { indicator: Indicator::ALL[i], points: contributions[i], zh: &w.zh, en: &w.en });
    }
    Classification { class, score, reasons }
}

#[cfg(test)]
mod tests {
    use super::super::d;
    use super::*;

    fn model() -> Model {
        Model::builtin().unwrap()
    }

    fn facts() -> Facts {
        let mut f = Facts::new(d("2025-06-01"), EntityKind::LimitedCompany, d("2019-03-01"));
        f.reports_on_time = 3;
        f
    }

    /// The shipped file parses, knows every indicator, and its classes fall from A to D.
    #[test]
    fn the_builtin_model_parses() {
        let m = model();
        assert_eq!((m.version.as_str(), m.base), ("v1", 100));
        assert_eq!(m.weight(Indicator::ReportMissing).points, -8);
        assert_eq!(m.weight(Indicator::ReportMissing).cap, Some(-24));
        assert_eq!(m.threshold(RiskClass::A).min_score, 90);
        for ind in Indicator::ALL {
            assert!(!m.weight(*ind).zh.is_empty(), "{ind:?}");
        }
    }

    /// 国市监信发〔2022〕6号 [P]: a clean entity is A, with the bonuses as its reasons.
    #[test]
    fn a_clean_entity_is_low_risk() {
        let m = model();
        let c = classify(&facts(), &m);
        assert_eq!((c.class, c.score), (RiskClass::A, 100));
        assert_eq!(c.reasons.iter().map(|r| r.indicator).collect::<Vec<_>>(), vec![Indicator::ReportsAllOnTime]);
        assert_eq!(c.reasons[0].zh, "近3年年报均按时报送");
    }

    /// Points per occurrence, limited by the cap; the largest deductions are the reasons.
    #[test]
    fn deductions_are_capped_and_ranked() {
        let m = model();
        let mut f = facts();
        f.reports_on_time = 0;
        f.reports_missing = 3; // -24 (cap)
        f.complaints_12m = 50; // -10 (cap)
        f.inspections_with_problems = 1; // -4
        let c = classify(&f, &m);
        assert_eq!(c.score, 100 - 24 - 10 - 4);
        assert_eq!(c.class, RiskClass::C);
        let got: Vec<(Indicator, i32)> = c.reasons.iter().map(|r| (r.indicator, r.points)).collect();
        assert_eq!(
            got,
            vec![(Indicator::ReportMissing, -24), (Indicator::Complaint, -10), (Indicator::InspectionProblem, -4)]
        );
    }

    /// Hard rules: the serious list means D (名单办法, key supervision [P]); the abnormal list
    /// at least C — and the rule's indicator is the first reason.
    #[test]
    fn hard_rules_set_the_floor() {
        let m = model();
        let mut f = facts();
        f.on_abnormal_list = true;
        f.penalties_severe = 1;
        let c = classify(&f, &m);
        // 100 + 3 - 15 - 20 = 68: C by score as well.
        assert_eq!((c.class, c.score), (RiskClass::C, 68));
        assert_eq!(c.reasons[0].indicator, Indicator::AbnormalCurrent);
        // Abnormal alone would score 88 (B) but is lifted to C.
        let mut f = facts();
        f.on_abnormal_list = true;
        assert_eq!(classify(&f, &m).class, RiskClass::C);
        // Serious with a high replacement base is still D.
        let mut f = facts();
        f.on_serious_list = true;
        let generous = Model::parse(
            &BUILTIN_TSV.replace("v1\tindicator\tserious_current\t-60", "v1\tindicator\tserious_current\t-1"),
        )
        .unwrap();
        let c = classify(&f, &generous);
        assert_eq!((c.class, c.reasons[0].indicator), (RiskClass::D, Indicator::SeriousCurrent));
        assert_eq!(classify(&f, &m).score, 43);
    }

    /// Basic facts: age and status from the registration.
    #[test]
    fn basic_facts_count() {
        let m = model();
        let mut f = Facts::new(d("2025-06-01"), EntityKind::IndividualBusiness, d("2024-06-02"));
        assert_eq!(classify(&f, &m).reasons[0].indicator, Indicator::AgeUnder1y);
        f.established_on = d("2024-06-01");
        assert_eq!(classify(&f, &m).reasons[0].indicator, Indicator::Age1To3y);
        f.status = Status::Revoked;
        assert_eq!(classify(&f, &m).score, 100 - 2 - 15);
        f.established_on = d("2010-01-01");
        f.status = Status::Active;
        f.registered_capital_wan = 5000;
        assert_eq!(classify(&f, &m).score, 100);
    }

    /// A replacement version parses; malformed files fail with the line and a clear code.
    #[test]
    fn malformed_files_are_refused_with_their_line() {
        let v2 = BUILTIN_TSV.replace("v1\t", "v2\t");
        assert_eq!(Model::parse(&v2).unwrap().version, "v2");
        let err = |text: String| Model::parse(&text).unwrap_err();
        let e = err(BUILTIN_TSV.replacen("v1\tindicator\tcomplaint", "v2\tindicator\tcomplaint", 1));
        assert_eq!(e.code(), Code::CreditModelRow);
        let e = err(BUILTIN_TSV.replace("\t-8\t-24\t", "\t-8.5\t-24\t"));
        assert_eq!(e.code(), Code::CreditModelRow);
        assert!(e.detail("reason").unwrap().contains("-8.5"));
        let e = err(BUILTIN_TSV.replace("\t-8\t-24\t", "\t-8\t24\t"));
        assert_eq!(e.code(), Code::CreditModelRow);
        let e = err(BUILTIN_TSV.replace("indicator\tcomplaint", "indicator\tcomplaints"));
        assert_eq!(e.code(), Code::CreditModelRow);
        let e = err(BUILTIN_TSV.replace("v1\tclass\tB\t75", "v1\tclass\tB\t95"));
        assert_eq!(e.code(), Code::CreditModelRow);
        let e = err(BUILTIN_TSV.lines().filter(|l| !l.contains("\trepair_completed\t")).collect::<Vec<_>>().join("\n"));
        assert_eq!((e.code(), e.detail("item")), (Code::CreditModelIncomplete, Some("repair_completed")));
        let e = err(BUILTIN_TSV.lines().filter(|l| !l.contains("\tclass\tD")).collect::<Vec<_>>().join("\n"));
        assert_eq!((e.code(), e.detail("item")), (Code::CreditModelIncomplete, Some("D")));
        let e = err(BUILTIN_TSV.replace("\t低风险\tlow risk", "\t低风险"));
        assert_eq!(e.code(), Code::FileRowShape);
        let e = err(BUILTIN_TSV.replace("version\trow", "ver\trow"));
        assert_eq!(e.code(), Code::FileHeader);
        let dup = format!("{BUILTIN_TSV}v1\tindicator\tcomplaint\t-1\t\tx\ty\n");
        let e = err(dup);
        assert_eq!(e.code(), Code::CreditModelRow);
        let line = BUILTIN_TSV.lines().count() + 1;
        assert_eq!(e.detail("line"), Some(line.to_string().as_str()));
        assert_eq!(Model::parse("# only a comment\n").unwrap_err().code(), Code::FileEmpty);
    }

    /// The event data names the version and the reasons' indicators.
    #[test]
    fn the_event_records_class_score_version_and_reasons() {
        let m = model();
        let mut f = facts();
        f.on_serious_list = true;
        let c = classify(&f, &m);
        let ev = c.to_event(f.as_of, &m);
        let json = super::super::to_data(&ev).unwrap();
        assert_eq!(json["class"], "D");
        assert_eq!(json["reasons"][0], "serious_current");
        assert_eq!(json["model_version"], "v1");
        let back: RiskClassified = serde_json::from_value(json).unwrap();
        assert_eq!(back, ev);
    }

    /// Fast enough for the whole register: 6.39 million entities must take well under a minute
    /// of CPU. This runs 200,000 varied entities and checks a generous bound, so that a debug
    /// build on a loaded machine passes; the release build is far faster.
    #[test]
    fn classification_is_cheap() {
        let m = model();
        let start = std::time::Instant::now();
        let mut n_d = 0usize;
        for i in 0..200_000u32 {
            let mut f = facts();
            f.complaints_12m = i % 7;
            f.reports_late = (i % 3) as u8;
            f.penalties_standard = (i % 5) as u16;
            f.on_abnormal_list = i % 11 == 0;
            f.on_serious_list = i % 97 == 0;
            let c = classify(&f, &m);
            n_d += usize::from(c.class == RiskClass::D);
        }
        assert!(n_d > 0);
        assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
    }
}
