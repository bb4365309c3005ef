//! The list of violations exempt from penalty (首违不罚、轻微免罚清单) as data, and the
//! situations a case's facts meet.
//!
//! 行政处罚法 第三十三条 [L]: a minor violation corrected promptly that caused no harm is not
//! punished; a first violation with slight harm corrected promptly may go unpunished; a party
//! that proves it had no fault is not punished (unless a law or administrative regulation says
//! otherwise); in every case the party is educated.
//!
//! Hubei's 2025 list (湖北省市场监管领域首违不罚、轻微免罚清单: 170 situations, 36 minor and
//! 134 first) is known only from press reports [P]; its item list was not found [M]. The
//! shipped file (`data/case/exempt-hubei.toml`) holds the examples the reports name and the
//! general kinds of the 2020 list's eight fields, each marked with what is unconfirmed, and
//! each tied to the benchmark row ([`super::benchmark`]) a case under which is checked against
//! it.

use std::collections::HashSet;

use serde::Deserialize;

use super::benchmark::{Benchmark, Circumstance, CircumstanceKind, Facts};
use crate::error::{Code, Error, Result};

const SHIPPED: &str = include_str!("../../data/case/exempt-hubei.toml");

/// Which ground of 行政处罚法 第三十三条 a situation rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// 第三十三条第一款前段: 违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚.
    Minor,
    /// 第三十三条第一款后段: 初次违法且危害后果轻微并及时改正的，可以不予行政处罚.
    First,
    /// 第三十三条第二款: 当事人有证据足以证明没有主观过错的，不予行政处罚.
    NoFault,
}

impl Kind {
    pub const ALL: &'static [Kind] = &[Kind::Minor, Kind::First, Kind::NoFault];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Minor => "minor",
            Kind::First => "first",
            Kind::NoFault => "no_fault",
        }
    }

    pub fn parse(s: &str) -> Result<Kind> {
        Kind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| Error::new(Code::CaseBenchmarkValue).with("value", s).with("what", "exempt kind"))
    }

    pub fn zh(self) -> &'static str {
        match self {
            Kind::Minor => "轻微免罚",
            Kind::First => "首违不罚",
            Kind::NoFault => "无主观过错不予处罚",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Kind::Minor => "minor violation, not punished",
            Kind::First => "first violation, not punished",
            Kind::NoFault => "no fault, not punished",
        }
    }

    /// Whether the office must (true) or may (false) decline to punish.
    pub fn mandatory(self) -> bool {
        !matches!(self, Kind::First)
    }

    /// The conditions every situation of this kind needs at least.
    fn required(self) -> &'static [Condition] {
        match self {
            Kind::Minor => &[Condition::CorrectedPromptly, Condition::NoHarm],
            Kind::First => &[Condition::FirstViolation, Condition::SlightHarm, Condition::CorrectedPromptly],
            Kind::NoFault => &[Condition::NoFault],
        }
    }
}

/// A fact a situation needs, read from the case's circumstances.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Condition {
    /// 初次违法.
    FirstViolation,
    /// 及时改正.
    CorrectedPromptly,
    /// 没有造成危害后果.
    NoHarm,
    /// 危害后果轻微 (no harm is slight harm).
    SlightHarm,
    /// 有证据足以证明没有主观过错.
    NoFault,
    /// 能证明合法取得并如实说明进货来源.
    LawfulSource,
}

impl Condition {
    pub const ALL: &'static [Condition] = &[
        Condition::FirstViolation,
        Condition::CorrectedPromptly,
        Condition::NoHarm,
        Condition::SlightHarm,
        Condition::NoFault,
        Condition::LawfulSource,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Condition::FirstViolation => "first_violation",
            Condition::CorrectedPromptly => "corrected_promptly",
            Condition::NoHarm => "no_harm",
            Condition::SlightHarm => "slight_harm",
            Condition::NoFault => "no_fault",
            Condition::LawfulSource => "lawful_source",
        }
    }

    pub fn parse(s: &str) -> Result<Condition> {
        Condition::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| Error::new(Code::CaseBenchmarkValue).with("value", s).with("what", "exempt condition"))
    }

    pub fn zh(self) -> &'static str {
        match self {
            Condition::FirstViolation => "初次违法",
            Condition::CorrectedPromptly => "及时改正",
            Condition::NoHarm => "没有造成危害后果",
            Condition::SlightHarm => "危害后果轻微",
            Condition::NoFault => "有证据足以证明没有主观过错",
            Condition::LawfulSource => "能证明合法取得并如实说明进货来源",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Condition::FirstViolation => "first violation",
            Condition::CorrectedPromptly => "corrected promptly",
            Condition::NoHarm => "no harm caused",
            Condition::SlightHarm => "slight harm",
            Condition::NoFault => "proof of no fault",
            Condition::LawfulSource => "lawful purchase and supplier named",
        }
    }

    /// Whether the facts establish the condition. The circumstances of 第三十三条 carry their
    /// parts: "轻微并及时改正，没有造成危害后果" gives corrected, no harm and slight harm;
    /// "初次违法且危害后果轻微并及时改正" gives first, slight harm and corrected.
    pub fn holds(self, facts: &Facts) -> bool {
        use Circumstance as C;
        match self {
            Condition::FirstViolation => facts.has(C::FirstSlightCorrected),
            Condition::CorrectedPromptly => facts.has(C::MinorCorrectedNoHarm) || facts.has(C::FirstSlightCorrected),
            Condition::NoHarm => facts.has(C::MinorCorrectedNoHarm),
            Condition::SlightHarm => facts.has(C::MinorCorrectedNoHarm) || facts.has(C::FirstSlightCorrected),
            Condition::NoFault => facts.has(C::NoFault),
            Condition::LawfulSource => facts.has(C::LawfulSource),
        }
    }
}

/// One listed situation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Situation {
    /// Stable lower-case kebab id.
    pub id: String,
    pub kind: Kind,
    /// The code of the benchmark row a case under which is checked against this situation.
    pub code: String,
    pub situation_zh: String,
    pub situation_en: String,
    pub conditions: Vec<Condition>,
    pub source: String,
    pub confirmed: bool,
    pub note: Option<String>,
}

impl Situation {
    /// A case that ends without a penalty still needs an education record: 行政处罚法
    /// 第三十三条第三款 (对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行教育) [L] and
    /// 市场监督管理行政处罚程序规定 第六十一条 [L]. Always true.
    pub fn requires_education(&self) -> bool {
        true
    }

    /// Whether the facts meet every condition. A minor or first situation also needs the case
    /// to have no aggravating circumstance (a repeat, a refusal, harm to health, "情节严重"…):
    /// they contradict "轻微" and "初次"; proof of no fault stands on its own.
    pub fn met_by(&self, facts: &Facts) -> bool {
        if self.kind != Kind::NoFault && facts.circumstances.iter().any(|c| c.kind() == CircumstanceKind::Aggravating) {
            return false;
        }
        self.conditions.iter().all(|c| c.holds(facts))
    }
}

/// The exempt list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExemptList {
    pub version: String,
    pub source: String,
    pub note: String,
    situations: Vec<Situation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawList {
    version: String,
    source: String,
    note: String,
    #[serde(default)]
    situation: Vec<RawSituation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSituation {
    id: String,
    kind: String,
    code: String,
    situation_zh: String,
    situation_en: String,
    conditions: Vec<String>,
    source: String,
    confirmed: bool,
    note: Option<String>,
}

impl ExemptList {
    /// The shipped list.
    pub fn shipped() -> &'static ExemptList {
        static LIST: std::sync::OnceLock<ExemptList> = std::sync::OnceLock::new();
        LIST.get_or_init(|| ExemptList::parse(SHIPPED).expect("shipped exempt list parses"))
    }

    /// Reads and checks a list: unique kebab ids, known kinds and conditions, each situation
    /// carrying at least the conditions its kind needs under 第三十三条, a source, and a note
    /// where unconfirmed.
    pub fn parse(text: &str) -> Result<ExemptList> {
        let bad = |r: String| Error::new(Code::CaseExemptFile).with("reason", r);
        let raw: RawList = toml::from_str(text).map_err(|e| bad(e.message().to_string()))?;
        if raw.version.trim().is_empty() || raw.source.trim().is_empty() || raw.note.trim().is_empty() {
            return Err(bad("the header needs a version, a source and a note".into()));
        }
        if raw.situation.is_empty() {
            return Err(bad("no [[situation]] entries".into()));
        }
        let mut ids = HashSet::new();
        let mut situations = Vec::with_capacity(raw.situation.len());
        for s in raw.situation {
            let at = |r: &str| bad(format!("situation {}: {r}", s.id));
            let kebab =
                !s.id.is_empty() && s.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !kebab || !ids.insert(s.id.clone()) {
                return Err(at("the id must be lower-case kebab and unique"));
            }
            let kind = Kind::parse(&s.kind).map_err(|_| at("unknown kind"))?;
            let conditions = s
                .conditions
                .iter()
                .map(|c| Condition::parse(c))
                .collect::<Result<Vec<_>>>()
                .map_err(|_| at("unknown condition"))?;
            if let Some(c) = kind.required().iter().find(|c| !conditions.contains(c)) {
                return Err(at(&format!("a {} situation needs the condition {}", kind.as_str(), c.as_str())));
            }
            if s.code.trim().is_empty() || s.situation_zh.trim().is_empty() || s.situation_en.trim().is_empty() {
                return Err(at("code, situation_zh and situation_en are required"));
            }
            if s.source.trim().is_empty() {
                return Err(at("a source is required"));
            }
            if !s.confirmed && s.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
                return Err(at("an unconfirmed situation needs a note"));
            }
            situations.push(Situation {
                id: s.id,
                kind,
                code: s.code,
                situation_zh: s.situation_zh,
                situation_en: s.situation_en,
                conditions,
                source: s.source,
                confirmed: s.confirmed,
                note: s.note.filter(|n| !n.trim().is_empty()),
            });
        }
        Ok(ExemptList { version: raw.version, source: raw.source, note: raw.note, situations })
    }

    pub fn situations(&self) -> &[Situation] {
        &self.situations
    }

    /// The situations for benchmark row `row_code` whose conditions the facts meet.
    pub fn matching(&self, row_code: &str, facts: &Facts) -> Vec<&Situation> {
        self.situations.iter().filter(|s| s.code == row_code && s.met_by(facts)).collect()
    }

    /// Checks that every situation names a row of `benchmark`.
    pub fn check_rows(&self, benchmark: &Benchmark) -> Result<()> {
        match self.situations.iter().find(|s| benchmark.row(&s.code).is_err()) {
            Some(s) => Err(Error::new(Code::CaseExemptFile)
                .with("reason", format!("situation {} names row {}, not in {}", s.id, s.code, benchmark.version))),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::benchmark::{Band, Benchmarks, Party};

    fn facts(cs: &[Circumstance]) -> Facts {
        Facts { circumstances: cs.to_vec(), ..Facts::new(Party::Organisation) }
    }

    #[test]
    fn the_shipped_list_parses_and_names_rows_of_the_benchmark() {
        let list = ExemptList::shipped();
        assert!(list.situations().len() >= 15, "{}", list.situations().len());
        for k in Kind::ALL {
            assert!(list.situations().iter().any(|s| s.kind == *k), "no {} situation", k.as_str());
        }
        for b in Benchmarks::shipped().versions() {
            list.check_rows(b).unwrap();
        }
        assert!(list.situations().iter().all(|s| s.requires_education()));
    }

    #[test]
    fn matching_reads_the_facts() {
        use Circumstance::*;
        let list = ExemptList::shipped();
        let ids = |row: &str, cs: &[Circumstance]| {
            list.matching(row, &facts(cs)).iter().map(|s| s.id.clone()).collect::<Vec<_>>()
        };
        // Extra charges refunded promptly, no harm.
        assert_eq!(ids("price-surcharge", &[MinorCorrectedNoHarm]), vec!["price-surcharge-refunded"]);
        // Not when nothing was corrected, nor under another row.
        assert!(ids("price-surcharge", &[]).is_empty());
        assert!(ids("price-fraud", &[MinorCorrectedNoHarm]).is_empty());
        // A first violation is not minor-without-harm.
        assert!(ids("price-surcharge", &[FirstSlightCorrected]).is_empty());
        assert_eq!(ids("price-unmarked", &[FirstSlightCorrected]), vec!["price-unmarked-first"]);
        // A repeat or an aggravating circumstance rules out minor and first situations.
        assert!(ids("price-unmarked", &[FirstSlightCorrected, Serious]).is_empty());
        // Counterfeits sold unknowingly: no fault and a lawful source, both needed.
        assert_eq!(ids("tm-infringing-sale", &[NoFault, LawfulSource]), vec!["counterfeit-sold-unknowingly"]);
        assert!(ids("tm-infringing-sale", &[NoFault]).is_empty());
        assert!(ids("tm-infringing-sale", &[LawfulSource]).is_empty());
        // Short weight made good needs the source shown too.
        assert!(ids("metro-short-weight-prepackaged", &[FirstSlightCorrected]).is_empty());
        assert_eq!(
            ids("metro-short-weight-prepackaged", &[FirstSlightCorrected, LawfulSource]),
            vec!["short-weight-made-good"]
        );
    }

    #[test]
    fn a_matching_case_is_in_the_exempt_band() {
        use Circumstance::*;
        let b = &Benchmarks::shipped().versions()[0];
        for s in ExemptList::shipped().situations() {
            let cs: Vec<Circumstance> = match s.kind {
                Kind::Minor => vec![MinorCorrectedNoHarm],
                Kind::First => vec![FirstSlightCorrected],
                Kind::NoFault => vec![NoFault],
            };
            let mut f = facts(&cs);
            if s.conditions.contains(&Condition::LawfulSource) {
                f.circumstances.push(LawfulSource);
            }
            f.goods_value_yuan = Some(1_000);
            assert!(s.met_by(&f), "{}", s.id);
            let p = b.propose(&s.code, &f).unwrap();
            assert_eq!(p.band, Band::Exempt, "{}", s.id);
        }
    }

    #[test]
    fn malformed_lists_are_refused() {
        let ok = r#"
version = "t"
source = "s"
note = "n"
[[situation]]
id = "a"
kind = "first"
code = "price-unmarked"
situation_zh = "首次"
situation_en = "first"
conditions = ["first_violation", "slight_harm", "corrected_promptly"]
source = "s"
confirmed = true
"#;
        assert_eq!(ExemptList::parse(ok).unwrap().situations().len(), 1);
        for (from, to) in [
            ("kind = \"first\"", "kind = \"light\""),
            ("\"first_violation\", ", ""),
            ("confirmed = true", "confirmed = false"),
            ("id = \"a\"", "id = \"A b\""),
            ("conditions = [", "conditions = [\"lucky\", "),
        ] {
            let e = ExemptList::parse(&ok.replace(from, to)).unwrap_err();
            assert_eq!(e.code(), Code::CaseExemptFile, "{from} -> {to}");
        }
        let unknown_row = ExemptList::parse(&ok.replace("price-unmarked", "nope")).unwrap();
        assert!(unknown_row.check_rows(&Benchmarks::shipped().versions()[0]).is_err());
        assert_eq!(Kind::parse("x").unwrap_err().code(), Code::CaseBenchmarkValue);
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()).unwrap(), *k);
            assert!(!k.zh().is_empty() && k.en().is_ascii());
        }
        assert!(Kind::Minor.mandatory() && !Kind::First.mandatory() && Kind::NoFault.mandatory());
    }
}
