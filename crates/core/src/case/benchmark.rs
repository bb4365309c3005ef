//! The discretion benchmark (行政处罚裁量基准) as versioned data, and the proposed penalty it
//! gives for a case's facts.
//!
//! A benchmark version is a TOML file (`data/case/benchmark-*.toml`, compiled in): a header
//! (`version`, `effective_from`, `source`, `note`), the band split (`[bands]`) and one
//! `[[violation]]` row per violation: the article that forbids it, the article that punishes it,
//! the statutory penalty types, and the fine as tiers (a fixed range in yuan, or a multiple of
//! the goods value, the illegal gains, the advertising fee or the illegal turnover, each
//! possibly limited to a threshold, to "no illegal gains", to a party or to circumstances such
//! as "拒不改正" or "情节严重"). The file's own header comment lists the keys.
//!
//! Sources and what is not confirmed:
//! - 行政处罚法 (2021) 第三十二条 (从轻或者减轻), 第三十三条 (不予处罚) and 第三十条 (minors) [L]:
//!   the circumstances that lower a penalty or remove it ([`Circumstance`]).
//! - 市场监管总局关于规范市场监督管理行政处罚裁量权的指导意见 (国市监法规〔2022〕2号) [P for the
//!   frame]: the aggravating circumstances listed here follow the kinds commonly named in it and in
//!   provincial rules; its article text was not read [M].
//! - 湖北省市场监督管理行政处罚裁量规则 and 裁量标准 (notice of about 2023-12) [P]: lower bureaus
//!   may refine but not exceed it; every decision explains how it was applied; a departure needs
//!   the principal head's approval or a collective decision ([`check_departure`]). Its numeric
//!   band split and its per-violation amounts were not read [M]: the split is the table's
//!   `[bands]` (30% / 70% of the statutory range, the common provincial practice) so that a new
//!   version can change it, and each row's range is the statute's own.
//!
//! **Versions.** A new version applies to cases filed on or after its `effective_from`; a case
//! keeps the version it was filed under ([`Benchmarks::applicable`], [`Benchmarks::version`]).
//!
//! **Bands.** [`Band::Exempt`] (不予处罚) when an Art. 33 ground holds, whatever else holds;
//! otherwise aggravating and mitigating circumstances together give [`Band::Ordinary`] (they
//! offset: shijian's rule, not confirmed for Hubei [M]); aggravating alone [`Band::Heavier`];
//! two or more mitigating circumstances [`Band::Mitigated`] (减轻), one [`Band::Lighter`] (从轻)
//! (shijian's reading of "应当从轻或者减轻" [M]); none [`Band::Ordinary`]. A circumstance that
//! already chose the fine tier (a tier that `requires` "拒不改正" or "情节严重") is not counted
//! again for the band (no double counting of one fact). Where the statute sets no minimum
//! ("……以下的罚款"), 减轻 cannot go below it and means no fine, a warning instead [M].
//!
//! **Penalty types proposed.** The row's types, less the fine when none applies, less
//! confiscation of illegal gains when none are established, and less suspension, revocation
//! and bars unless "情节严重" is among the facts: the articles shipped attach those to serious
//! circumstances (the few that attach suspension to a refusal to correct, such as 食品安全法
//! 第一百三十二条, leave it to the officer; their rows say so).

use std::collections::HashSet;
use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Code, Error, Result};

/// The shipped versions, oldest first.
const SHIPPED: &[&str] = &[include_str!("../../data/case/benchmark-2024.toml")];

/// 1 yuan in fen.
const FEN: i64 = 100;

/// Multiples are held in basis points: 10,000 = one times the amount.
const BP: i64 = 10_000;

/// The error of a value in the benchmark's data that is not one of its codes.
pub(crate) fn value_error(what: &str, value: &str) -> Error {
    Error::new(Code::CaseBenchmarkValue).with("value", value.to_string()).with("what", what.to_string())
}

labelled_enum! {
    /// The field of law a benchmark row belongs to.
    Field, "field" {
        Food = "food", "食品安全", "food safety";
        Drug = "drug", "药品", "drugs";
        SpecialEquipment = "special_equipment", "特种设备", "special equipment";
        ProductQuality = "product_quality", "产品质量", "product quality";
        Price = "price", "价格", "prices";
        Advertising = "advertising", "广告", "advertising";
        Registration = "registration", "登记注册与信息公示", "registration and disclosure";
        Consumer = "consumer", "消费者权益保护", "consumer rights";
        Metrology = "metrology", "计量", "weights and measures";
        Ecommerce = "ecommerce", "电子商务", "e-commerce";
        Competition = "competition", "反不正当竞争", "unfair competition";
        Trademark = "trademark", "商标", "trademarks";
        Other = "other", "其他", "other";
    }
}

labelled_enum! {
    /// A kind of administrative penalty (行政处罚法 第九条 [L]).
    PenaltyType, "penalty" {
        Warning = "warning", "警告", "warning";
        CirculatedCriticism = "circulated_criticism", "通报批评", "circulated criticism";
        Fine = "fine", "罚款", "fine";
        ConfiscateGains = "confiscate_gains", "没收违法所得", "confiscation of illegal gains";
        ConfiscateGoods = "confiscate_goods", "没收非法财物", "confiscation of illegal goods";
        Suspend = "suspend", "责令停产停业", "suspension of production or business";
        RevokeLicence = "revoke_licence", "吊销许可证件", "revocation of the licence";
        RevokeBusinessLicence = "revoke_business_licence", "吊销营业执照", "revocation of the business licence";
        Bar = "bar", "限制从业", "bar from practice";
    }
}

impl PenaltyType {
    /// Suspension, revocation and bars: they give a right to a hearing (行政处罚法 第六十三条
    /// [L]), keep a penalty's publicity from stopping early (行政处罚信息公示规定 第十四条 [L]),
    /// and are applied only "情节严重" in the rows shipped.
    pub fn is_severe(self) -> bool {
        matches!(
            self,
            PenaltyType::Suspend | PenaltyType::RevokeLicence | PenaltyType::RevokeBusinessLicence | PenaltyType::Bar
        )
    }
}

labelled_enum! {
    /// The discretion band (裁量阶次) a penalty falls in.
    Band, "band" {
        /// 不予处罚: 行政处罚法 第三十三条.
        Exempt = "exempt", "不予处罚", "no penalty";
        /// 减轻: below the statutory minimum (行政处罚法 第三十二条).
        Mitigated = "mitigated", "减轻处罚", "mitigated";
        /// 从轻: the lower part of the statutory range.
        Lighter = "lighter", "从轻处罚", "lighter";
        /// 一般: the middle of the range.
        Ordinary = "ordinary", "一般处罚", "ordinary";
        /// 从重: the upper part of the range.
        Heavier = "heavier", "从重处罚", "heavier";
    }
}

labelled_enum! {
    /// Who the party is; some tiers apply to one kind only.
    Party, "party" {
        NaturalPerson = "natural_person", "自然人", "natural person";
        Organisation = "organisation", "法人或者其他组织", "legal person or other organisation";
    }
}

labelled_enum! {
    /// An amount a fine can be a multiple of, or a threshold can be set on.
    Amount, "amount" {
        /// 货值金额: the value of the goods produced or sold unlawfully.
        GoodsValue = "goods_value", "货值金额", "goods value";
        /// 违法所得.
        IllegalGains = "illegal_gains", "违法所得", "illegal gains";
        /// 广告费用 (广告法).
        AdFee = "ad_fee", "广告费用", "advertising fee";
        /// 违法经营额 (商标法, 反不正当竞争法).
        Turnover = "turnover", "违法经营额", "illegal turnover";
    }
}

/// How a circumstance acts on the band.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CircumstanceKind {
    /// A ground for no penalty (行政处罚法 第三十三条).
    Exempt,
    /// A ground to lighten or mitigate (行政处罚法 第三十条、第三十二条).
    Mitigating,
    /// A ground to aggravate (国市监法规〔2022〕2号 and provincial rules [M]).
    Aggravating,
    /// A fact that decides nothing on its own but an exempt-list situation may need it.
    Evidence,
}

labelled_enum! {
    /// A circumstance (情节) of a case that selects its band.
    Circumstance, "circumstance" {
        /// 行政处罚法 第三十三条第一款: 违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚.
        MinorCorrectedNoHarm = "minor_corrected_no_harm", "违法行为轻微并及时改正，没有造成危害后果", "minor, corrected promptly, no harm caused";
        /// 行政处罚法 第三十三条第一款: 初次违法且危害后果轻微并及时改正的，可以不予行政处罚.
        FirstSlightCorrected = "first_slight_corrected", "初次违法且危害后果轻微并及时改正", "first violation, slight harm, corrected promptly";
        /// 行政处罚法 第三十三条第二款: 当事人有证据足以证明没有主观过错的，不予行政处罚
        /// (unless a law or administrative regulation provides otherwise).
        NoFault = "no_fault", "当事人有证据足以证明没有主观过错", "the party proves it had no fault";
        /// 行政处罚法 第三十二条第一项.
        EliminatedHarm = "eliminated_harm", "主动消除或者减轻违法行为危害后果", "removed or reduced the harm on its own initiative";
        /// 行政处罚法 第三十二条第二项.
        CoercedOrInduced = "coerced_or_induced", "受他人胁迫或者诱骗实施违法行为", "coerced or deceived into the violation";
        /// 行政处罚法 第三十二条第三项.
        Confessed = "confessed", "主动供述行政机关尚未掌握的违法行为", "confessed violations not yet known";
        /// 行政处罚法 第三十二条第四项.
        Meritorious = "meritorious", "配合行政机关查处违法行为有立功表现", "helped the investigation with meritorious conduct";
        /// 行政处罚法 第三十条: a natural person aged 14 to 17.
        Juvenile = "juvenile", "已满十四周岁不满十八周岁的未成年人", "a minor aged 14 to 17";
        /// 行政处罚法 第三十二条第五项.
        OtherStatutoryMitigating = "other_statutory_mitigating", "法律、法规、规章规定其他应当从轻或者减轻行政处罚的情形", "another ground to lighten set by law, regulation or rule";
        /// 国市监法规〔2022〕2号 [M: article not read].
        EndangersHealth = "endangers_health", "危害人身健康和生命安全", "endangered health or life";
        /// 国市监法规〔2022〕2号 [M].
        TargetsVulnerable = "targets_vulnerable", "以未成年人、老年人、残疾人等群体为主要对象", "aimed at minors, the elderly, the disabled or similar groups";
        /// 国市监法规〔2022〕2号 [M].
        DuringEmergency = "during_emergency", "在自然灾害、事故灾难、公共卫生事件或者社会安全事件期间实施", "committed during a natural disaster, accident, public-health or security emergency";
        /// 国市监法规〔2022〕2号 [M]; 商标法 第六十条第二款 [L] for trademarks.
        Repeated = "repeated", "再次实施同一违法行为", "a repeated violation";
        /// Named in many articles ("拒不改正的").
        RefusedToCorrect = "refused_to_correct", "责令改正后拒不改正或者逾期未改正", "did not correct after being ordered to";
        /// 国市监法规〔2022〕2号 [M].
        Obstructed = "obstructed", "拒绝、阻碍或者以暴力威胁执法人员依法执行职务", "obstructed or threatened the officers";
        /// 国市监法规〔2022〕2号 [M].
        DestroyedEvidence = "destroyed_evidence", "伪造、隐匿、毁灭证据", "forged, hid or destroyed evidence";
        /// 国市监法规〔2022〕2号 [M].
        CoercedOthers = "coerced_others", "胁迫、诱骗、教唆他人实施违法行为", "coerced, deceived or incited others";
        /// Named in many articles ("情节严重的").
        Serious = "serious", "情节严重", "serious circumstances";
        /// 商标法 第六十条第二款, 食品安全法 第一百三十六条 [L]: the goods were lawfully
        /// obtained and their supplier is named (如实说明进货来源).
        LawfulSource = "lawful_source", "能证明合法取得并如实说明进货来源", "proves lawful purchase and names the supplier";
    }
}

impl Circumstance {
    pub fn kind(self) -> CircumstanceKind {
        use Circumstance::*;
        match self {
            MinorCorrectedNoHarm | FirstSlightCorrected | NoFault => CircumstanceKind::Exempt,
            EliminatedHarm | CoercedOrInduced | Confessed | Meritorious | Juvenile | OtherStatutoryMitigating => {
                CircumstanceKind::Mitigating
            }
            EndangersHealth | TargetsVulnerable | DuringEmergency | Repeated | RefusedToCorrect | Obstructed
            | DestroyedEvidence | CoercedOthers | Serious => CircumstanceKind::Aggravating,
            LawfulSource => CircumstanceKind::Evidence,
        }
    }
}

/// What a fine tier is measured in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// `min`/`max` in yuan.
    Fixed,
    /// `min`/`max` are multiples (in basis points) of the amount.
    Multiple(Amount),
}

/// One tier of a row's fine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tier {
    pub basis: Basis,
    /// A threshold in yuan on an amount: the tier applies when `from <= amount < below`.
    pub threshold: Option<(Amount, Option<i64>, Option<i64>)>,
    /// The tier applies only when this amount is absent or zero ("没有违法所得的").
    pub when_none: Option<Amount>,
    /// The tier applies only when all of these hold ("拒不改正的", "情节严重的").
    pub requires: Vec<Circumstance>,
    pub party: Option<Party>,
    /// Yuan for a fixed tier, basis points of the amount for a multiple.
    pub min: i64,
    pub max: i64,
    /// An upper limit in yuan on a multiple tier.
    pub cap_yuan: Option<i64>,
}

/// One violation of the benchmark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Stable lower-case kebab code, e.g. `food-expired`.
    pub code: String,
    pub field: Field,
    pub zh: String,
    pub en: String,
    /// The article that forbids the conduct.
    pub forbids: String,
    /// The article that punishes it.
    pub punishes: String,
    pub penalties: Vec<PenaltyType>,
    /// Whether the penalties include suspension or revocation.
    pub severe: bool,
    pub tiers: Vec<Tier>,
    pub source: String,
    /// True only when the articles were read in their text.
    pub confirmed: bool,
    pub note: Option<String>,
}

/// The band split, in percent of the statutory range above its minimum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bands {
    pub lighter: (i64, i64),
    pub ordinary: (i64, i64),
    pub heavier: (i64, i64),
    /// 减轻: from this percent of the statutory minimum up to just below it.
    pub mitigated_from: i64,
    pub note: String,
}

/// One version of the benchmark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Benchmark {
    pub version: String,
    pub effective_from: NaiveDate,
    pub source: String,
    pub note: String,
    pub bands: Bands,
    rows: Vec<Row>,
}

/// The facts of a case that the benchmark reads. Amounts in whole yuan; an absent illegal
/// gains, advertising fee or turnover counts as none ("没有违法所得的"), an absent goods value
/// is an error where a tier needs it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    pub party: Party,
    pub goods_value_yuan: Option<i64>,
    pub illegal_gains_yuan: Option<i64>,
    /// 广告费用, for advertising rows; absent when it cannot be computed or is obviously low
    /// (广告法 第五十五条 "广告费用无法计算或者明显偏低的").
    #[serde(default)]
    pub ad_fee_yuan: Option<i64>,
    /// 违法经营额, for trademark and passing-off rows.
    #[serde(default)]
    pub turnover_yuan: Option<i64>,
    pub circumstances: Vec<Circumstance>,
}

impl Facts {
    /// Facts with no amounts and no circumstances.
    pub fn new(party: Party) -> Facts {
        Facts {
            party,
            goods_value_yuan: None,
            illegal_gains_yuan: None,
            ad_fee_yuan: None,
            turnover_yuan: None,
            circumstances: Vec::new(),
        }
    }

    pub fn amount(&self, a: Amount) -> Option<i64> {
        match a {
            Amount::GoodsValue => self.goods_value_yuan,
            Amount::IllegalGains => self.illegal_gains_yuan,
            Amount::AdFee => self.ad_fee_yuan,
            Amount::Turnover => self.turnover_yuan,
        }
    }

    pub fn has(&self, c: Circumstance) -> bool {
        self.circumstances.contains(&c)
    }
}

/// The penalty the benchmark proposes for a case. Money in fen (1 yuan = 100 fen).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// The benchmark version used.
    pub version: String,
    /// The row's code.
    pub row: String,
    /// The index of the fine tier used; `None` when no fine applies.
    pub tier: Option<usize>,
    pub band: Band,
    /// The circumstances that selected the band.
    pub circumstances: Vec<Circumstance>,
    pub penalties: Vec<PenaltyType>,
    /// The statutory range of the tier (0–0 when no fine applies).
    pub range_min_fen: i64,
    pub range_max_fen: i64,
    pub band_min_fen: i64,
    pub band_max_fen: i64,
    /// The proposed fine: the middle of the band, rounded down to whole yuan.
    pub fine_fen: i64,
    pub explain_zh: String,
    pub explain_en: String,
}

/// Every shipped version, and the one a case is judged under.
#[derive(Clone, Debug)]
pub struct Benchmarks {
    /// Sorted by `effective_from`.
    versions: Vec<Benchmark>,
}

impl Benchmarks {
    /// The versions compiled in.
    pub fn shipped() -> &'static Benchmarks {
        static SHIPPED_SET: std::sync::OnceLock<Benchmarks> = std::sync::OnceLock::new();
        SHIPPED_SET.get_or_init(|| {
            let versions = SHIPPED.iter().map(|t| Benchmark::parse(t)).collect::<Result<Vec<_>>>();
            Benchmarks::new(versions.expect("shipped benchmark parses"))
                .expect("shipped benchmark versions are distinct")
        })
    }

    /// A set of versions: names and effective days must be distinct.
    pub fn new(mut versions: Vec<Benchmark>) -> Result<Benchmarks> {
        let bad = |r: String| Error::new(Code::CaseBenchmarkVersions).with("reason", r);
        if versions.is_empty() {
            return Err(bad("no version".into()));
        }
        versions.sort_by_key(|b| b.effective_from);
        for w in versions.windows(2) {
            if w[0].effective_from == w[1].effective_from {
                return Err(bad(format!("{} and {} take effect on the same day", w[0].version, w[1].version)));
            }
        }
        let mut names = HashSet::new();
        if let Some(b) = versions.iter().find(|b| !names.insert(b.version.as_str())) {
            return Err(bad(format!("version {} appears twice", b.version)));
        }
        Ok(Benchmarks { versions })
    }

    pub fn versions(&self) -> &[Benchmark] {
        &self.versions
    }

    /// The version a case filed on `filed_on` is judged under: the latest one in effect on or
    /// before that day. A new version applies to cases filed after it; old cases keep theirs.
    pub fn applicable(&self, filed_on: NaiveDate) -> Result<&Benchmark> {
        self.versions.iter().rev().find(|b| b.effective_from <= filed_on).ok_or_else(|| {
            Error::new(Code::CaseBenchmarkNotEffective)
                .with("date", filed_on)
                .with("earliest", self.versions[0].effective_from)
        })
    }

    /// A version by name: the one a case recorded when it was filed.
    pub fn version(&self, name: &str) -> Option<&Benchmark> {
        self.versions.iter().find(|b| b.version == name)
    }
}

// ---- the file ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: String,
    effective_from: String,
    source: String,
    note: String,
    bands: RawBands,
    #[serde(default)]
    violation: Vec<RawRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBands {
    note: String,
    lighter: [i64; 2],
    ordinary: [i64; 2],
    heavier: [i64; 2],
    mitigated_from: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    code: String,
    field: String,
    zh: String,
    en: String,
    forbids: String,
    punishes: String,
    penalties: Vec<String>,
    severe: bool,
    source: String,
    confirmed: bool,
    note: Option<String>,
    #[serde(default)]
    fine: Vec<RawTier>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTier {
    basis: String,
    on: Option<String>,
    below: Option<i64>,
    from: Option<i64>,
    when_none: Option<String>,
    #[serde(default)]
    requires: Vec<String>,
    party: Option<String>,
    min: f64,
    max: f64,
    cap: Option<i64>,
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// An article citation names a law in 《》 and an article.
fn cites_article(s: &str) -> bool {
    s.contains('《') && s.contains('》') && s.contains('第') && s.contains('条')
}

impl Benchmark {
    /// Reads and checks one version: at least one row, unique kebab codes, both articles
    /// cited, known fields and penalty types, `severe` matching the penalties, well-formed
    /// tiers (min ≤ max, thresholds in order), a note on every unconfirmed row, and a band
    /// split that covers 0–100% in order.
    pub fn parse(text: &str) -> Result<Benchmark> {
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            Error::new(Code::CaseBenchmarkFile).with("version", "?").with("reason", e.message().to_string())
        })?;
        let version = raw.version.trim().to_string();
        let bad = |r: String| Error::new(Code::CaseBenchmarkFile).with("version", version.clone()).with("reason", r);
        if version.is_empty() {
            return Err(bad("the version is empty".into()));
        }
        let effective_from = NaiveDate::parse_from_str(&raw.effective_from, "%Y-%m-%d")
            .map_err(|_| bad(format!("effective_from '{}' is not a date YYYY-MM-DD", raw.effective_from)))?;
        if raw.source.trim().is_empty() || raw.note.trim().is_empty() {
            return Err(bad("the header needs a source and a note".into()));
        }
        let b = &raw.bands;
        let ok_split = b.lighter[0] == 0
            && b.lighter[0] < b.lighter[1]
            && b.lighter[1] == b.ordinary[0]
            && b.ordinary[0] < b.ordinary[1]
            && b.ordinary[1] == b.heavier[0]
            && b.heavier[0] < b.heavier[1]
            && b.heavier[1] == 100;
        if !ok_split {
            return Err(bad("[bands] must split 0-100 in order: lighter, ordinary, heavier".into()));
        }
        if !(0..100).contains(&b.mitigated_from) {
            return Err(bad("[bands] mitigated_from is a percent below 100".into()));
        }
        if b.note.trim().is_empty() {
            return Err(bad("[bands] needs a note".into()));
        }
        let bands = Bands {
            lighter: (b.lighter[0], b.lighter[1]),
            ordinary: (b.ordinary[0], b.ordinary[1]),
            heavier: (b.heavier[0], b.heavier[1]),
            mitigated_from: b.mitigated_from,
            note: b.note.clone(),
        };
        if raw.violation.is_empty() {
            return Err(bad("no [[violation]] rows".into()));
        }
        let mut seen = HashSet::new();
        let mut rows = Vec::with_capacity(raw.violation.len());
        for r in raw.violation {
            let row = parse_row(r).map_err(|(code, reason)| bad(format!("row {code}: {reason}")))?;
            if !seen.insert(row.code.clone()) {
                return Err(bad(format!("row {} appears twice", row.code)));
            }
            rows.push(row);
        }
        Ok(Benchmark { version, effective_from, source: raw.source, note: raw.note, bands, rows })
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// A row by its code.
    pub fn row(&self, code: &str) -> Result<&Row> {
        self.rows.iter().find(|r| r.code == code).ok_or_else(|| {
            Error::new(Code::CaseBenchmarkRowUnknown).with("version", self.version.clone()).with("row", code)
        })
    }

    /// The proposed penalty for a case under row `code` with `facts`: the tier from the
    /// amounts (the first tier whose conditions hold), the band from the circumstances (see the
    /// module doc), the fine in the middle of the band rounded down to whole yuan, and the
    /// explanation naming the row, the articles, the band and the circumstances.
    pub fn propose(&self, code: &str, facts: &Facts) -> Result<Proposal> {
        let row = self.row(code)?;
        check_facts(facts)?;

        // The tier. A case with a ground for no penalty needs no amounts: where the goods
        // value is missing, its statutory range is simply not shown.
        let exempt = facts.circumstances.iter().any(|c| c.kind() == CircumstanceKind::Exempt);
        let mut chosen = None;
        for (i, t) in row.tiers.iter().enumerate() {
            match tier_applies(t, facts) {
                Ok(true) => {
                    chosen = Some(i);
                    break;
                }
                Ok(false) => {}
                Err(_) if exempt => break,
                Err(a) => return Err(missing(row, a)),
            }
        }
        let (range_min, range_max) = match chosen {
            Some(i) => tier_range(&row.tiers[i], facts).map_err(|a| missing(row, a))?,
            None => (0, 0),
        };
        let used: &[Circumstance] = chosen.map(|i| row.tiers[i].requires.as_slice()).unwrap_or(&[]);

        // The band.
        let (band, circumstances) = select_band(facts, used);

        // The amounts.
        let span = range_max - range_min;
        let pct = |p: i64| range_min + span * p / 100;
        let (band_min, band_max) = match (chosen, band) {
            (None, _) | (_, Band::Exempt) => (0, 0),
            (Some(_), Band::Lighter) => (pct(self.bands.lighter.0), pct(self.bands.lighter.1)),
            (Some(_), Band::Ordinary) => (pct(self.bands.ordinary.0), pct(self.bands.ordinary.1)),
            (Some(_), Band::Heavier) => (pct(self.bands.heavier.0), pct(self.bands.heavier.1)),
            // 减轻 where the statute sets no minimum: a lighter kind of penalty (a warning)
            // instead of a fine — shijian's reading of 第三十二条 [M].
            (Some(_), Band::Mitigated) if range_min < FEN => (0, 0),
            (Some(_), Band::Mitigated) => (range_min * self.bands.mitigated_from / 100, range_min - FEN),
        };
        let (band_min, band_max) = (floor_yuan(band_min), floor_yuan(band_max));
        let fine = floor_yuan(band_min + (band_max - band_min) / 2);

        // The penalty types.
        let penalties: Vec<PenaltyType> = match band {
            Band::Exempt => Vec::new(),
            Band::Mitigated if chosen.is_some() && fine == 0 => vec![PenaltyType::Warning],
            _ => row
                .penalties
                .iter()
                .copied()
                .filter(|p| *p != PenaltyType::Fine || fine > 0)
                // Nothing to confiscate when no illegal gains are established.
                .filter(|p| *p != PenaltyType::ConfiscateGains || facts.illegal_gains_yuan.is_some_and(|g| g > 0))
                .filter(|p| !p.is_severe() || facts.has(Circumstance::Serious))
                .collect(),
        };

        let mut p = Proposal {
            version: self.version.clone(),
            row: row.code.clone(),
            tier: chosen,
            band,
            circumstances,
            penalties,
            range_min_fen: range_min,
            range_max_fen: range_max,
            band_min_fen: band_min,
            band_max_fen: band_max,
            fine_fen: fine,
            explain_zh: String::new(),
            explain_en: String::new(),
        };
        p.explain_zh = explain_zh(self, row, facts, &p);
        p.explain_en = explain_en(self, row, facts, &p);
        Ok(p)
    }
}

fn missing(row: &Row, a: Amount) -> Error {
    debug_assert_eq!(a, Amount::GoodsValue);
    Error::new(Code::CaseBenchmarkGoodsValueMissing).with("row", row.code.clone())
}

fn floor_yuan(fen: i64) -> i64 {
    fen.div_euclid(FEN) * FEN
}

fn parse_row(r: RawRow) -> std::result::Result<Row, (String, String)> {
    let code = r.code.trim().to_string();
    let err = |m: String| (code.clone(), m);
    if !is_kebab(&code) {
        return Err(err("the code must be lower-case kebab".into()));
    }
    let field = Field::parse(&r.field).map_err(|_| err(format!("unknown field '{}'", r.field)))?;
    if r.zh.trim().is_empty() || r.en.trim().is_empty() {
        return Err(err("zh and en titles are required".into()));
    }
    if !cites_article(&r.forbids) || !cites_article(&r.punishes) {
        return Err(err("forbids and punishes must each cite 《law》 and an article (第…条)".into()));
    }
    if r.source.trim().is_empty() {
        return Err(err("a source is required".into()));
    }
    if !r.confirmed && r.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
        return Err(err("an unconfirmed row needs a note saying what is unconfirmed".into()));
    }
    let mut penalties = Vec::new();
    for p in &r.penalties {
        let p = PenaltyType::parse(p).map_err(|_| err(format!("unknown penalty '{p}'")))?;
        if penalties.contains(&p) {
            return Err(err(format!("penalty {} listed twice", p.as_str())));
        }
        penalties.push(p);
    }
    if penalties.is_empty() {
        return Err(err("no penalty types".into()));
    }
    if r.severe != penalties.iter().any(|p| p.is_severe()) {
        return Err(err(
            "severe must be true exactly when the penalties include suspension, revocation or a bar".into()
        ));
    }
    let has_fine = penalties.contains(&PenaltyType::Fine);
    if has_fine == r.fine.is_empty() {
        return Err(err("fine tiers are given exactly when the penalties include a fine".into()));
    }
    let mut tiers = Vec::with_capacity(r.fine.len());
    for (i, t) in r.fine.into_iter().enumerate() {
        tiers.push(parse_tier(t).map_err(|m| err(format!("fine tier {}: {m}", i + 1)))?);
    }
    Ok(Row {
        code,
        field,
        zh: r.zh,
        en: r.en,
        forbids: r.forbids,
        punishes: r.punishes,
        penalties,
        severe: r.severe,
        tiers,
        source: r.source,
        confirmed: r.confirmed,
        note: r.note.filter(|n| !n.trim().is_empty()),
    })
}

fn parse_tier(t: RawTier) -> std::result::Result<Tier, String> {
    let basis = match t.basis.as_str() {
        "fixed" => Basis::Fixed,
        other => Basis::Multiple(Amount::parse(other).map_err(|_| format!("unknown basis '{other}'"))?),
    };
    let (min, max) = match basis {
        Basis::Fixed => {
            if t.min.fract() != 0.0 || t.max.fract() != 0.0 {
                return Err("a fixed range is in whole yuan".into());
            }
            (t.min as i64, t.max as i64)
        }
        Basis::Multiple(_) => {
            let bp = |x: f64| {
                let v = (x * BP as f64).round();
                if (v - x * BP as f64).abs() > 1e-6 {
                    Err("a multiple has at most four decimals".to_string())
                } else {
                    Ok(v as i64)
                }
            };
            (bp(t.min)?, bp(t.max)?)
        }
    };
    if min < 0 || max <= 0 || min > max {
        return Err(format!("the range {}–{} is not 0 ≤ min ≤ max, max > 0", t.min, t.max));
    }
    let threshold = if t.below.is_some() || t.from.is_some() {
        let on = match (&t.on, basis) {
            (Some(on), _) => Amount::parse(on).map_err(|_| format!("unknown amount '{on}'"))?,
            (None, Basis::Multiple(a)) => a,
            (None, Basis::Fixed) => return Err("a threshold on a fixed tier needs `on`".into()),
        };
        if let (Some(f), Some(b)) = (t.from, t.below)
            && f >= b
        {
            return Err("from must be below `below`".into());
        }
        if t.from.is_some_and(|f| f < 0) || t.below.is_some_and(|b| b <= 0) {
            return Err("thresholds are positive yuan".into());
        }
        Some((on, t.from, t.below))
    } else {
        if t.on.is_some() {
            return Err("`on` without below/from".into());
        }
        None
    };
    let when_none = t.when_none.as_deref().map(Amount::parse).transpose().map_err(|e| format!("when_none: {e}"))?;
    if when_none.is_some() && basis != Basis::Fixed {
        return Err("when_none applies to a fixed tier".into());
    }
    let requires = t
        .requires
        .iter()
        .map(|c| Circumstance::parse(c).map_err(|_| format!("unknown circumstance '{c}'")))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let party = t.party.as_deref().map(Party::parse).transpose().map_err(|e| format!("party: {e}"))?;
    if t.cap.is_some() && basis == Basis::Fixed {
        return Err("cap applies to a multiple tier".into());
    }
    if t.cap.is_some_and(|c| c <= 0) {
        return Err("cap is positive yuan".into());
    }
    Ok(Tier { basis, threshold, when_none, requires, party, min, max, cap_yuan: t.cap })
}

/// An amount's value for a tier's test: an absent goods value is missing (`Err`); the other
/// amounts, absent, count as none.
fn amount_for(facts: &Facts, a: Amount) -> std::result::Result<i64, Amount> {
    match (a, facts.amount(a)) {
        (_, Some(v)) => Ok(v.max(0)),
        (Amount::GoodsValue, None) => Err(Amount::GoodsValue),
        (_, None) => Ok(0),
    }
}

fn tier_applies(t: &Tier, facts: &Facts) -> std::result::Result<bool, Amount> {
    if t.party.is_some_and(|p| p != facts.party) {
        return Ok(false);
    }
    if !t.requires.iter().all(|c| facts.has(*c)) {
        return Ok(false);
    }
    if let Some(a) = t.when_none
        && amount_for(facts, a)? > 0
    {
        return Ok(false);
    }
    if let Some((on, from, below)) = t.threshold {
        let v = amount_for(facts, on)?;
        if from.is_some_and(|f| v < f) || below.is_some_and(|b| v >= b) {
            return Ok(false);
        }
    }
    if let Basis::Multiple(a) = t.basis
        && amount_for(facts, a)? == 0
    {
        // A multiple of nothing: the tier for "no such amount" applies instead.
        return Ok(false);
    }
    Ok(true)
}

/// The tier's statutory range in fen.
fn tier_range(t: &Tier, facts: &Facts) -> std::result::Result<(i64, i64), Amount> {
    Ok(match t.basis {
        Basis::Fixed => (t.min * FEN, t.max * FEN),
        Basis::Multiple(a) => {
            let base = i128::from(amount_for(facts, a)?) * i128::from(FEN);
            let of = |bp: i64| i64::try_from(base * i128::from(bp) / i128::from(BP)).unwrap_or(i64::MAX);
            let mut hi = of(t.max);
            if let Some(cap) = t.cap_yuan {
                hi = hi.min(cap * FEN);
            }
            (of(t.min).min(hi), hi)
        }
    })
}

/// Refuses negative amounts and circumstances that cannot hold together.
fn check_facts(facts: &Facts) -> Result<()> {
    use Circumstance::*;
    for a in Amount::ALL {
        if let Some(v) = facts.amount(*a).filter(|v| *v < 0) {
            return Err(Error::new(Code::CaseBenchmarkValue).with("value", v).with("what", a.zh()));
        }
    }
    let conflict = |r: &str| Err(Error::new(Code::CaseBenchmarkCircumstanceConflict).with("reason", r.to_string()));
    let exempt_by_correction = facts.has(MinorCorrectedNoHarm) || facts.has(FirstSlightCorrected);
    if facts.has(FirstSlightCorrected) && facts.has(Repeated) {
        return conflict("初次违法 / 再次违法");
    }
    if exempt_by_correction && facts.has(RefusedToCorrect) {
        return conflict("及时改正 / 拒不改正");
    }
    if facts.has(MinorCorrectedNoHarm) && facts.has(EndangersHealth) {
        return conflict("没有造成危害后果 / 危害人身健康");
    }
    if facts.has(Juvenile) && facts.party != Party::NaturalPerson {
        return conflict("未成年人 / 单位");
    }
    Ok(())
}

/// The band and the circumstances that selected it; `used` already chose the tier and is not
/// counted again.
fn select_band(facts: &Facts, used: &[Circumstance]) -> (Band, Vec<Circumstance>) {
    let mut seen = HashSet::new();
    let cs: Vec<Circumstance> =
        facts.circumstances.iter().copied().filter(|c| !used.contains(c) && seen.insert(*c)).collect();
    let of = |k: CircumstanceKind| cs.iter().copied().filter(|c| c.kind() == k).collect::<Vec<_>>();
    let (exempt, mitigating, aggravating) =
        (of(CircumstanceKind::Exempt), of(CircumstanceKind::Mitigating), of(CircumstanceKind::Aggravating));
    if !exempt.is_empty() {
        return (Band::Exempt, exempt);
    }
    match (mitigating.len(), aggravating.len()) {
        (0, 0) => (Band::Ordinary, Vec::new()),
        (_, 1..) if !mitigating.is_empty() => (Band::Ordinary, [mitigating, aggravating].concat()),
        (0, _) => (Band::Heavier, aggravating),
        (1, _) => (Band::Lighter, mitigating),
        _ => (Band::Mitigated, mitigating),
    }
}

// ---- explanations ----

/// Yuan with thousands separators, and fen only when there are any: `5000000` → `50,000`.
pub fn format_yuan(fen: i64) -> String {
    let neg = fen < 0;
    let fen = fen.unsigned_abs();
    let (yuan, cents) = (fen / 100, fen % 100);
    let digits = yuan.to_string();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if cents != 0 {
        let _ = write!(out, ".{cents:02}");
    }
    out
}

fn format_multiple(bp: i64) -> String {
    if bp % BP == 0 {
        (bp / BP).to_string()
    } else {
        let s = format!("{:.4}", bp as f64 / BP as f64);
        s.trim_end_matches('0').to_string()
    }
}

fn quoted_zh(cs: &[Circumstance]) -> String {
    cs.iter().map(|c| format!("“{}”", c.zh())).collect::<Vec<_>>().join("")
}

fn quoted_en(cs: &[Circumstance]) -> String {
    cs.iter().map(|c| format!("\"{}\"", c.en())).collect::<Vec<_>>().join(", ")
}

fn explain_zh(b: &Benchmark, row: &Row, facts: &Facts, p: &Proposal) -> String {
    let mut s = format!(
        "违法行为“{}”（{}起施行的裁量基准）：违反{}，依据{}",
        row.zh, b.effective_from, row.forbids, row.punishes
    );
    match p.tier.map(|i| &row.tiers[i]) {
        None if p.band == Band::Exempt => {}
        None => {
            let needs: Vec<Circumstance> = row.tiers.iter().flat_map(|t| t.requires.iter().copied()).collect();
            if needs.is_empty() {
                s.push_str("，本案不具备罚款条件，不处罚款");
            } else {
                let _ = write!(s, "，本案不具有{}情节，不处罚款", quoted_zh(&dedup(needs)));
            }
        }
        Some(t) => {
            let mut conds = Vec::new();
            if !t.requires.is_empty() {
                conds.push(format!("具有{}情节", quoted_zh(&t.requires)));
            }
            if let Some(a) = t.when_none {
                conds.push(format!("没有{}", a.zh()));
            }
            if let Some((on, from, below)) = t.threshold {
                let v = facts.amount(on).unwrap_or(0);
                if let Some(bl) = below {
                    conds.push(format!("{}{}元不足{}元", on.zh(), format_yuan(v * FEN), format_yuan(bl * FEN)));
                } else if let Some(f) = from {
                    conds.push(format!("{}{}元在{}元以上", on.zh(), format_yuan(v * FEN), format_yuan(f * FEN)));
                }
            }
            if let Basis::Multiple(a) = t.basis {
                let v = facts.amount(a).unwrap_or(0);
                conds.push(if t.min == 0 {
                    format!("按{}{}元的{}倍以下计", a.zh(), format_yuan(v * FEN), format_multiple(t.max))
                } else {
                    format!(
                        "按{}{}元的{}倍至{}倍计",
                        a.zh(),
                        format_yuan(v * FEN),
                        format_multiple(t.min),
                        format_multiple(t.max)
                    )
                });
                if let Some(cap) = t.cap_yuan {
                    conds.push(format!("最高不超过{}元", format_yuan(cap * FEN)));
                }
            }
            for c in conds {
                s.push('，');
                s.push_str(&c);
            }
            let _ = write!(s, "，罚款幅度{}元至{}元", format_yuan(p.range_min_fen), format_yuan(p.range_max_fen));
        }
    }
    s.push('；');
    match p.band {
        Band::Exempt => {
            let may = p.circumstances == [Circumstance::FirstSlightCorrected];
            let _ = write!(
                s,
                "具有{}情形，依据《中华人民共和国行政处罚法》第三十三条{}不予行政处罚，并应当对当事人进行教育。",
                quoted_zh(&p.circumstances),
                if may { "可以" } else { "" }
            );
            return s;
        }
        Band::Ordinary if p.circumstances.is_empty() => s.push_str("无从轻、减轻或者从重情节，适用一般档"),
        Band::Ordinary => {
            let _ = write!(s, "同时具有从轻情节与从重情节{}，相互抵消，适用一般档", quoted_zh(&p.circumstances));
        }
        band => {
            let _ = write!(s, "具有{}情节，适用{}档", quoted_zh(&p.circumstances), band_word_zh(band));
        }
    }
    if p.tier.is_some() && p.fine_fen > 0 {
        let _ = write!(
            s,
            "（{}元至{}元），拟罚款{}元",
            format_yuan(p.band_min_fen),
            format_yuan(p.band_max_fen),
            format_yuan(p.fine_fen)
        );
    } else if p.tier.is_some() {
        s.push_str("，法定罚款无下限，减轻为不处罚款");
    }
    let others: Vec<&str> = p.penalties.iter().filter(|t| **t != PenaltyType::Fine).map(|t| t.zh()).collect();
    if !others.is_empty() {
        let _ = write!(s, "；{}{}", if p.fine_fen > 0 { "并处" } else { "给予" }, others.join("、"));
    }
    s.push('。');
    s
}

fn band_word_zh(b: Band) -> &'static str {
    match b {
        Band::Exempt => "不予处罚",
        Band::Mitigated => "减轻",
        Band::Lighter => "从轻",
        Band::Ordinary => "一般",
        Band::Heavier => "从重",
    }
}

fn dedup(v: Vec<Circumstance>) -> Vec<Circumstance> {
    let mut seen = HashSet::new();
    v.into_iter().filter(|c| seen.insert(*c)).collect()
}

fn explain_en(b: &Benchmark, row: &Row, facts: &Facts, p: &Proposal) -> String {
    let mut s = format!(
        "Violation \"{}\" (the benchmark in force from {}): forbidden by the provision cited ({}), punished under the provision cited ({})",
        row.en, b.effective_from, row.forbids, row.punishes
    );
    match p.tier.map(|i| &row.tiers[i]) {
        None if p.band == Band::Exempt => {}
        None => {
            let needs: Vec<Circumstance> = row.tiers.iter().flat_map(|t| t.requires.iter().copied()).collect();
            if needs.is_empty() {
                s.push_str("; the conditions for a fine are not met, no fine");
            } else {
                let _ = write!(s, "; without {} there is no fine", quoted_en(&dedup(needs)));
            }
        }
        Some(t) => {
            if !t.requires.is_empty() {
                let _ = write!(s, "; with {}", quoted_en(&t.requires));
            }
            if let Some(a) = t.when_none {
                let _ = write!(s, "; no {}", a.en());
            }
            if let Some((on, from, below)) = t.threshold {
                let v = facts.amount(on).unwrap_or(0);
                if let Some(bl) = below {
                    let _ = write!(
                        s,
                        "; {} of {} yuan is below {} yuan",
                        on.en(),
                        format_yuan(v * FEN),
                        format_yuan(bl * FEN)
                    );
                } else if let Some(f) = from {
                    let _ = write!(
                        s,
                        "; {} of {} yuan is {} yuan or more",
                        on.en(),
                        format_yuan(v * FEN),
                        format_yuan(f * FEN)
                    );
                }
            }
            if let Basis::Multiple(a) = t.basis {
                let v = facts.amount(a).unwrap_or(0);
                let times = if t.min == 0 {
                    format!("up to {}", format_multiple(t.max))
                } else {
                    format!("{} to {}", format_multiple(t.min), format_multiple(t.max))
                };
                let _ = write!(s, "; {times} times the {} of {} yuan", a.en(), format_yuan(v * FEN));
                if let Some(cap) = t.cap_yuan {
                    let _ = write!(s, ", at most {} yuan", format_yuan(cap * FEN));
                }
            }
            let _ = write!(
                s,
                "; statutory range {} to {} yuan",
                format_yuan(p.range_min_fen),
                format_yuan(p.range_max_fen)
            );
        }
    }
    match p.band {
        Band::Exempt => {
            let _ = write!(
                s,
                ". With {}, no penalty is imposed (Administrative Penalty Law, Art. 33) and the party must be educated.",
                quoted_en(&p.circumstances)
            );
            return s;
        }
        Band::Ordinary if p.circumstances.is_empty() => {
            s.push_str(". No mitigating or aggravating circumstances: ordinary band")
        }
        Band::Ordinary => {
            let _ = write!(
                s,
                ". Mitigating and aggravating circumstances offset ({}): ordinary band",
                quoted_en(&p.circumstances)
            );
        }
        band => {
            let _ = write!(s, ". With {}: {} band", quoted_en(&p.circumstances), band.en());
        }
    }
    if p.tier.is_some() && p.fine_fen > 0 {
        let _ = write!(
            s,
            " ({} to {} yuan); proposed fine {} yuan",
            format_yuan(p.band_min_fen),
            format_yuan(p.band_max_fen),
            format_yuan(p.fine_fen)
        );
    } else if p.tier.is_some() {
        s.push_str("; the statute sets no minimum fine, so mitigation means no fine");
    }
    let others: Vec<&str> = p.penalties.iter().filter(|t| **t != PenaltyType::Fine).map(|t| t.en()).collect();
    if !others.is_empty() {
        let _ = write!(s, "; {} {}", if p.fine_fen > 0 { "also" } else { "instead" }, others.join(", "));
    }
    s.push('.');
    s
}

// ---- departures ----

/// An officer's departure from the proposal: a different fine, its reason and who approved it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Departure {
    pub fine_fen: i64,
    pub reason: String,
    /// The principal head who approved it, or the collective decision's record.
    pub approved_by: Option<String>,
}

impl Departure {
    pub fn check(&self, proposal: &Proposal) -> Result<()> {
        check_departure(proposal, self.fine_fen, &self.reason, self.approved_by.as_deref())
    }
}

/// Checks a fine the officer sets against the proposal. The proposal's own fine needs nothing.
/// A different fine needs a reason and an approval (湖北省市场监督管理行政处罚裁量规则 [P]:
/// a departure from the benchmark is approved by the principal head or decided collectively,
/// and filed in the case's 副卷), and must lie in the statutory range; only in the mitigated
/// band (减轻, 行政处罚法 第三十二条) may it go below the minimum, but not to zero (no penalty at
/// all is 第三十三条's, not a departure). Where no fine tier applies, no fine may be set.
pub fn check_departure(proposal: &Proposal, fine_fen: i64, reason: &str, approved_by: Option<&str>) -> Result<()> {
    if fine_fen == proposal.fine_fen {
        return Ok(());
    }
    if reason.trim().is_empty() {
        return Err(Error::new(Code::CaseBenchmarkDepartureReason));
    }
    if approved_by.is_none_or(|a| a.trim().is_empty()) {
        return Err(Error::new(Code::CaseBenchmarkDepartureApproval));
    }
    // 行政处罚法 第三十三条: "不予行政处罚" is mandatory for a minor violation corrected
    // without harm and for proof of no fault; only a first violation "可以" go unpunished.
    let must_not_punish = proposal.band == Band::Exempt
        && proposal
            .circumstances
            .iter()
            .any(|c| matches!(c, Circumstance::MinorCorrectedNoHarm | Circumstance::NoFault));
    if must_not_punish && fine_fen != 0 {
        return Err(Error::new(Code::CaseBenchmarkDepartureExempt));
    }
    if proposal.tier.is_none() && fine_fen != 0 {
        return Err(Error::new(Code::CaseBenchmarkDepartureNoFine).with("reason", proposal.row.clone()));
    }
    let out_of_range = || {
        Error::new(Code::CaseBenchmarkDepartureRange)
            .with("fine", format_yuan(fine_fen))
            .with("min", format_yuan(proposal.range_min_fen))
            .with("max", format_yuan(proposal.range_max_fen))
    };
    if fine_fen < 0 || fine_fen > proposal.range_max_fen {
        return Err(out_of_range());
    }
    if fine_fen < proposal.range_min_fen {
        return match proposal.band {
            Band::Mitigated if fine_fen == 0 => Err(Error::new(Code::CaseBenchmarkDepartureZero)),
            Band::Mitigated => Ok(()),
            _ => Err(out_of_range()),
        };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> &'static Benchmark {
        &Benchmarks::shipped().versions()[0]
    }

    fn facts(goods: Option<i64>, cs: &[Circumstance]) -> Facts {
        Facts { goods_value_yuan: goods, circumstances: cs.to_vec(), ..Facts::new(Party::Organisation) }
    }

    #[test]
    fn shipped_table_parses_with_at_least_60_rows_each_citing_both_articles_and_a_source() {
        let b = shipped();
        assert_eq!(b.version, "hubei-2024");
        assert!(b.rows().len() >= 60, "{} rows", b.rows().len());
        for r in b.rows() {
            assert!(cites_article(&r.forbids) && cites_article(&r.punishes), "{}", r.code);
            assert!(!r.source.trim().is_empty(), "{}", r.code);
            assert!(r.confirmed || r.note.is_some(), "{}", r.code);
        }
    }

    #[test]
    fn every_row_proposes_in_every_band_within_its_range() {
        use Circumstance::*;
        let b = shipped();
        for r in b.rows() {
            for cs in [
                vec![],
                vec![EliminatedHarm],
                vec![EliminatedHarm, Confessed],
                vec![Repeated],
                vec![NoFault],
                vec![RefusedToCorrect, Serious],
            ] {
                let f = Facts {
                    goods_value_yuan: Some(5_000),
                    illegal_gains_yuan: Some(1_000),
                    ad_fee_yuan: Some(2_000),
                    turnover_yuan: Some(60_000),
                    circumstances: cs.clone(),
                    ..Facts::new(Party::NaturalPerson)
                };
                let p = b.propose(&r.code, &f).unwrap();
                assert!(p.range_min_fen <= p.range_max_fen, "{} {cs:?}", r.code);
                assert!(p.band_min_fen <= p.fine_fen && p.fine_fen <= p.band_max_fen, "{} {cs:?}", r.code);
                if p.band != Band::Mitigated {
                    assert!(
                        p.fine_fen == 0 || (p.range_min_fen..=p.range_max_fen).contains(&p.fine_fen),
                        "{} {cs:?}",
                        r.code
                    );
                } else {
                    assert!(p.fine_fen < p.range_min_fen || p.range_min_fen == 0, "{} {cs:?}", r.code);
                }
                assert!(
                    p.explain_zh.contains(&r.zh) && p.explain_zh.contains(p.band.zh().trim_end_matches("处罚")),
                    "{}",
                    p.explain_zh
                );
                assert!(check_departure(&p, p.fine_fen, "", None).is_ok());
            }
        }
    }

    #[test]
    fn every_field_the_issue_names_has_rows() {
        let b = shipped();
        for f in [
            Field::Food,
            Field::ProductQuality,
            Field::Price,
            Field::Advertising,
            Field::Registration,
            Field::SpecialEquipment,
            Field::Consumer,
            Field::Metrology,
            Field::Ecommerce,
            Field::Competition,
            Field::Trademark,
        ] {
            assert!(b.rows().iter().any(|r| r.field == f), "no rows for {}", f.as_str());
        }
    }

    #[test]
    fn enums_round_trip_and_speak_both_languages() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            s: fn(T) -> &'static str,
            p: fn(&str) -> Result<T>,
            zh: fn(T) -> &'static str,
            en: fn(T) -> &'static str,
        ) {
            for &v in all {
                assert_eq!(p(s(v)).unwrap(), v);
                assert!(zh(v).chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{v:?}");
                assert!(en(v).is_ascii() && !en(v).is_empty(), "{v:?}");
            }
        }
        check(Field::ALL, Field::as_str, Field::parse, Field::zh, Field::en);
        check(PenaltyType::ALL, PenaltyType::as_str, PenaltyType::parse, PenaltyType::zh, PenaltyType::en);
        check(Band::ALL, Band::as_str, Band::parse, Band::zh, Band::en);
        check(Party::ALL, Party::as_str, Party::parse, Party::zh, Party::en);
        check(Circumstance::ALL, Circumstance::as_str, Circumstance::parse, Circumstance::zh, Circumstance::en);
        assert_eq!(Band::parse("lenient").unwrap_err().code(), Code::CaseBenchmarkValue);
    }

    #[test]
    fn the_tier_follows_the_goods_value_threshold() {
        let b = shipped();
        let below = b.propose("food-expired", &facts(Some(8_000), &[])).unwrap();
        assert_eq!((below.range_min_fen, below.range_max_fen), (50_000 * FEN, 100_000 * FEN));
        assert_eq!(below.tier, Some(0));
        let above = b.propose("food-expired", &facts(Some(12_000), &[])).unwrap();
        assert_eq!((above.range_min_fen, above.range_max_fen), (120_000 * FEN, 240_000 * FEN));
        assert_eq!(above.tier, Some(1));
        // Exactly 10,000 is "一万元以上".
        assert_eq!(b.propose("food-expired", &facts(Some(10_000), &[])).unwrap().tier, Some(1));
        let err = b.propose("food-expired", &facts(None, &[])).unwrap_err();
        assert_eq!(err.code(), Code::CaseBenchmarkGoodsValueMissing);
        assert_eq!(err.detail("row"), Some("food-expired"));
    }

    #[test]
    fn the_lighter_band_matches_the_worked_example() {
        let p = shipped().propose("food-expired", &facts(Some(8_000), &[Circumstance::EliminatedHarm])).unwrap();
        assert_eq!(p.band, Band::Lighter);
        assert_eq!((p.band_min_fen, p.band_max_fen), (50_000 * FEN, 65_000 * FEN));
        assert_eq!(p.fine_fen, 57_500 * FEN);
        assert_eq!(p.circumstances, vec![Circumstance::EliminatedHarm]);
        assert!(p.explain_zh.contains("经营超过保质期的食品"), "{}", p.explain_zh);
        assert!(p.explain_zh.contains("第一百二十四条"), "{}", p.explain_zh);
        assert!(p.explain_zh.contains("货值金额8,000元不足10,000元，罚款幅度50,000元至100,000元"), "{}", p.explain_zh);
        assert!(
            p.explain_zh.contains(
                "具有“主动消除或者减轻违法行为危害后果”情节，适用从轻档（50,000元至65,000元），拟罚款57,500元"
            ),
            "{}",
            p.explain_zh
        );
        assert!(
            p.explain_en.contains("Selling food past its shelf life") && p.explain_en.contains("lighter band"),
            "{}",
            p.explain_en
        );
        assert!(p.penalties.contains(&PenaltyType::Fine) && !p.penalties.contains(&PenaltyType::RevokeLicence));
    }

    #[test]
    fn every_band_is_reachable() {
        use Circumstance::*;
        let b = shipped();
        let band = |cs: &[Circumstance]| b.propose("food-expired", &facts(Some(8_000), cs)).unwrap();
        let ordinary = band(&[]);
        assert_eq!(ordinary.band, Band::Ordinary);
        assert_eq!(
            (ordinary.band_min_fen, ordinary.band_max_fen, ordinary.fine_fen),
            (65_000 * FEN, 85_000 * FEN, 75_000 * FEN)
        );
        let heavier = band(&[EndangersHealth]);
        assert_eq!(heavier.band, Band::Heavier);
        assert_eq!(
            (heavier.band_min_fen, heavier.band_max_fen, heavier.fine_fen),
            (85_000 * FEN, 100_000 * FEN, 92_500 * FEN)
        );
        assert!(heavier.explain_zh.contains("适用从重档"), "{}", heavier.explain_zh);
        let mitigated = band(&[EliminatedHarm, Confessed]);
        assert_eq!(mitigated.band, Band::Mitigated);
        assert_eq!((mitigated.band_min_fen, mitigated.band_max_fen), (5_000 * FEN, 49_999 * FEN));
        assert!(mitigated.fine_fen < mitigated.range_min_fen && mitigated.fine_fen > 0);
        assert!(mitigated.explain_zh.contains("适用减轻档"), "{}", mitigated.explain_zh);
        let exempt = band(&[MinorCorrectedNoHarm, Serious]);
        assert_eq!(exempt.band, Band::Exempt);
        assert_eq!(exempt.fine_fen, 0);
        assert!(exempt.penalties.is_empty());
        assert!(
            exempt.explain_zh.contains("不予行政处罚") && exempt.explain_zh.contains("教育"),
            "{}",
            exempt.explain_zh
        );
        let offset = band(&[EliminatedHarm, Repeated]);
        assert_eq!(offset.band, Band::Ordinary);
        assert_eq!(offset.circumstances, vec![EliminatedHarm, Repeated]);
        assert!(offset.explain_zh.contains("相互抵消"), "{}", offset.explain_zh);
    }

    #[test]
    fn a_tier_condition_is_not_counted_again_for_the_band() {
        let b = shipped();
        // 第一百二十六条: a warning; a fine only after a refusal to correct.
        let warned = b.propose("food-no-purchase-inspection", &facts(None, &[])).unwrap();
        assert_eq!(warned.tier, None);
        assert_eq!(warned.fine_fen, 0);
        assert_eq!(warned.penalties, vec![PenaltyType::Warning]);
        assert!(warned.explain_zh.contains("不处罚款"), "{}", warned.explain_zh);
        let refused =
            b.propose("food-no-purchase-inspection", &facts(None, &[Circumstance::RefusedToCorrect])).unwrap();
        assert_eq!(refused.tier, Some(0));
        assert_eq!(refused.band, Band::Ordinary);
        assert_eq!((refused.range_min_fen, refused.range_max_fen), (5_000 * FEN, 50_000 * FEN));
    }

    #[test]
    fn illegal_gains_and_advertising_fee_tiers() {
        let b = shipped();
        let mut f = Facts::new(Party::Organisation);
        let none = b.propose("price-fraud", &f).unwrap();
        assert_eq!((none.range_min_fen, none.range_max_fen), (50_000 * FEN, 500_000 * FEN));
        f.illegal_gains_yuan = Some(3_000);
        let gains = b.propose("price-fraud", &f).unwrap();
        assert_eq!((gains.range_min_fen, gains.range_max_fen), (0, 15_000 * FEN));
        assert!(gains.penalties.contains(&PenaltyType::ConfiscateGains));
        assert!(!none.penalties.contains(&PenaltyType::ConfiscateGains));
        assert!(gains.explain_zh.contains("违法所得3,000元的5倍以下"), "{}", gains.explain_zh);
        let mut ad = Facts::new(Party::Organisation);
        ad.ad_fee_yuan = Some(10_000);
        let p = b.propose("ad-false", &ad).unwrap();
        assert_eq!((p.range_min_fen, p.range_max_fen), (30_000 * FEN, 50_000 * FEN));
        ad.circumstances.push(Circumstance::Serious);
        let serious = b.propose("ad-false", &ad).unwrap();
        assert_eq!((serious.range_min_fen, serious.range_max_fen), (50_000 * FEN, 100_000 * FEN));
        assert!(serious.penalties.contains(&PenaltyType::RevokeBusinessLicence));
        // "情节严重" chose the tier; it does not also make the band heavier.
        assert_eq!(serious.band, Band::Ordinary);
        // A fractional multiple: 产品质量法 第五十条, 50% to 3 times.
        let q = b.propose("pq-adulterated", &facts(Some(1_000), &[])).unwrap();
        assert_eq!((q.range_min_fen, q.range_max_fen), (500 * FEN, 3_000 * FEN));
        assert!(q.explain_zh.contains("0.5倍至3倍"), "{}", q.explain_zh);
        // 认证认可条例 第六十六条: a multiple below 10,000 yuan of goods, a fixed range from it.
        let small = b.propose("pq-ccc-missing", &facts(Some(4_000), &[])).unwrap();
        assert_eq!((small.range_min_fen, small.range_max_fen), (0, 8_000 * FEN));
        let large = b.propose("pq-ccc-missing", &facts(Some(40_000), &[])).unwrap();
        assert_eq!((large.range_min_fen, large.range_max_fen), (50_000 * FEN, 200_000 * FEN));
        // 商标法 第五十二条: 20% of a turnover of 50,000 yuan or more, else up to 10,000 yuan.
        let mut t = Facts::new(Party::NaturalPerson);
        t.turnover_yuan = Some(80_000);
        let p = b.propose("tm-false-registered-claim", &t).unwrap();
        assert_eq!((p.range_min_fen, p.range_max_fen), (0, 16_000 * FEN));
        t.turnover_yuan = None;
        let p = b.propose("tm-false-registered-claim", &t).unwrap();
        assert_eq!((p.range_min_fen, p.range_max_fen), (0, 10_000 * FEN));
    }

    #[test]
    fn contradictory_circumstances_are_refused() {
        use Circumstance::*;
        let b = shipped();
        for cs in [vec![FirstSlightCorrected, Repeated], vec![MinorCorrectedNoHarm, RefusedToCorrect]] {
            let e = b.propose("food-expired", &facts(Some(1), &cs)).unwrap_err();
            assert_eq!(e.code(), Code::CaseBenchmarkCircumstanceConflict);
        }
        let e = b.propose("food-expired", &facts(Some(1), &[Juvenile])).unwrap_err();
        assert_eq!(e.code(), Code::CaseBenchmarkCircumstanceConflict);
        assert_eq!(b.propose("no-such-row", &facts(Some(1), &[])).unwrap_err().code(), Code::CaseBenchmarkRowUnknown);
        assert_eq!(b.propose("food-expired", &facts(Some(-1), &[])).unwrap_err().code(), Code::CaseBenchmarkValue);
    }

    #[test]
    fn departures_need_a_reason_an_approval_and_the_statutory_range() {
        let b = shipped();
        let p = b.propose("food-expired", &facts(Some(8_000), &[])).unwrap();
        assert!(check_departure(&p, p.fine_fen, "", None).is_ok());
        let code =
            |fine: i64, reason: &str, by: Option<&str>| check_departure(&p, fine, reason, by).unwrap_err().code();
        assert_eq!(code(60_000 * FEN, " ", Some("局长")), Code::CaseBenchmarkDepartureReason);
        assert_eq!(code(60_000 * FEN, "当事人经营困难", None), Code::CaseBenchmarkDepartureApproval);
        assert_eq!(code(60_000 * FEN, "当事人经营困难", Some(" ")), Code::CaseBenchmarkDepartureApproval);
        assert!(check_departure(&p, 60_000 * FEN, "当事人经营困难", Some("局长张某")).is_ok());
        assert_eq!(code(40_000 * FEN, "理由", Some("集体讨论")), Code::CaseBenchmarkDepartureRange);
        assert_eq!(code(100_001 * FEN, "理由", Some("集体讨论")), Code::CaseBenchmarkDepartureRange);
        let m = b
            .propose("food-expired", &facts(Some(8_000), &[Circumstance::EliminatedHarm, Circumstance::Confessed]))
            .unwrap();
        assert!(check_departure(&m, 20_000 * FEN, "理由", Some("集体讨论")).is_ok());
        assert_eq!(
            check_departure(&m, 0, "理由", Some("集体讨论")).unwrap_err().code(),
            Code::CaseBenchmarkDepartureZero
        );
        let w = b.propose("food-no-purchase-inspection", &facts(None, &[])).unwrap();
        assert_eq!(
            check_departure(&w, 5_000 * FEN, "理由", Some("局长")).unwrap_err().code(),
            Code::CaseBenchmarkDepartureNoFine
        );
        // A mandatory exemption admits no fine; a first violation's may be departed from.
        let minor = b.propose("food-expired", &facts(Some(8_000), &[Circumstance::MinorCorrectedNoHarm])).unwrap();
        assert_eq!(
            check_departure(&minor, 60_000 * FEN, "理由", Some("局长")).unwrap_err().code(),
            Code::CaseBenchmarkDepartureExempt
        );
        let first = b.propose("food-expired", &facts(Some(8_000), &[Circumstance::FirstSlightCorrected])).unwrap();
        assert!(check_departure(&first, 60_000 * FEN, "理由", Some("局长")).is_ok());
        // Without a goods value an exempt case still gets its proposal.
        let no_value = b.propose("food-expired", &facts(None, &[Circumstance::NoFault])).unwrap();
        assert_eq!((no_value.band, no_value.tier, no_value.fine_fen), (Band::Exempt, None, 0));
        assert!(
            no_value.explain_zh.contains("第五项；具有“当事人有证据足以证明没有主观过错”情形"),
            "{}",
            no_value.explain_zh
        );
        let d = Departure { fine_fen: 70_000 * FEN, reason: "理由".into(), approved_by: Some("局长".into()) };
        assert!(d.check(&p).is_ok());
    }

    const V2: &str = r#"
version = "test-2026"
effective_from = "2026-07-01"
source = "test"
note = "a second version for the test"
[bands]
note = "n"
lighter = [0, 20]
ordinary = [20, 80]
heavier = [80, 100]
mitigated_from = 20
[[violation]]
code = "food-expired"
field = "food"
zh = "经营超过保质期的食品"
en = "Selling food past its shelf life"
forbids = "《中华人民共和国食品安全法》第三十四条第十项"
punishes = "《中华人民共和国食品安全法》第一百二十四条第一款第五项"
penalties = ["fine"]
severe = false
source = "test"
confirmed = true
fine = [ { basis = "fixed", min = 50000, max = 100000 } ]
"#;

    #[test]
    fn a_new_version_applies_to_cases_filed_after_it_and_old_cases_keep_theirs() {
        let v1 = shipped().clone();
        let v2 = Benchmark::parse(V2).unwrap();
        let set = Benchmarks::new(vec![v2, v1]).unwrap();
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(set.applicable(day("2026-06-30")).unwrap().version, "hubei-2024");
        assert_eq!(set.applicable(day("2026-07-01")).unwrap().version, "test-2026");
        assert_eq!(set.applicable(day("2023-12-31")).unwrap_err().code(), Code::CaseBenchmarkNotEffective);
        // A case filed under hubei-2024 keeps it.
        let old = set.version("hubei-2024").unwrap();
        let p = old.propose("food-expired", &facts(Some(8_000), &[Circumstance::EliminatedHarm])).unwrap();
        assert_eq!((p.version.as_str(), p.band_max_fen), ("hubei-2024", 65_000 * FEN));
        let new = set.applicable(day("2026-08-01")).unwrap();
        let p = new.propose("food-expired", &facts(None, &[Circumstance::EliminatedHarm])).unwrap();
        assert_eq!((p.version.as_str(), p.band_max_fen), ("test-2026", 60_000 * FEN));
        let again = Benchmarks::new(vec![Benchmark::parse(V2).unwrap(), Benchmark::parse(V2).unwrap()]);
        assert_eq!(again.unwrap_err().code(), Code::CaseBenchmarkVersions);
    }

    #[test]
    fn malformed_tables_are_refused_with_a_reason() {
        let bad = |from: &str, to: &str| {
            let e = Benchmark::parse(&V2.replace(from, to)).unwrap_err();
            assert_eq!(e.code(), Code::CaseBenchmarkFile, "{from} -> {to}");
            e.detail("reason").unwrap_or("").to_string()
        };
        assert!(bad("min = 50000, max = 100000", "min = 100000, max = 50000").contains("min"));
        assert!(bad("severe = false", "severe = true").contains("severe"));
        assert!(bad("code = \"food-expired\"", "code = \"Food_Expired\"").contains("kebab"));
        assert!(bad("forbids = \"《中华人民共和国食品安全法》第三十四条第十项\"", "forbids = \"\"").contains("cite"));
        assert!(bad("confirmed = true", "confirmed = false").contains("note"));
        assert!(bad("field = \"food\"", "field = \"cosmetics\"").contains("field"));
        assert!(bad("heavier = [80, 100]", "heavier = [80, 90]").contains("bands"));
        assert!(bad("{ basis = \"fixed\", min", "{ basis = \"fixed\", below = 5, min").contains("on"));
        let twice = format!("{V2}{}", &V2[V2.find("[[violation]]").unwrap()..]);
        assert!(Benchmark::parse(&twice).unwrap_err().detail("reason").unwrap().contains("twice"));
        let none = &V2[..V2.find("[[violation]]").unwrap()];
        assert!(Benchmark::parse(none).unwrap_err().detail("reason").unwrap().contains("no [[violation]]"));
    }

    #[test]
    fn yuan_are_formatted_with_separators() {
        assert_eq!(format_yuan(5_750_000), "57,500");
        assert_eq!(format_yuan(100), "1");
        assert_eq!(format_yuan(123_456_789), "1,234,567.89");
        assert_eq!(format_multiple(5_000), "0.5");
        assert_eq!(format_multiple(300_000), "30");
    }
}
