//! The abnormal-operations list (经营异常名录), the abnormal marking of individual businesses
//! (标记经营异常状态), and the serious-violation list (严重违法失信名单): one entity's list
//! state, the decisions that change it, their management effects, and the moves the scheduled
//! job makes (the reminder before the 3-year mark, the move to the serious list, the automatic
//! end of a serious listing).
//!
//! Sources: 企业经营异常名录管理暂行办法 (工商总局令第68号, 2014, "名录办法"; reportedly amended
//! in 2025 and renamed without 暂行, content not verified [M]); 企业信息公示暂行条例 (2014,
//! "条例"; revised 2024); 市场监督管理严重违法失信名单管理办法 (总局令第44号, in force
//! 2021-09-01, "名单办法"); 个体工商户年度报告暂行办法 (for the marking); 市场主体登记管理条例
//! 实施细则 第四十八条第一项 (no simple deregistration).
//!
//! Article numbers of 名录办法 beyond 第四条、第六条至第九条 (removal 第十一条至第十四条, the
//! 5-workday removal decision, the 10-workday listing decision) come from secondary sources
//! [P, secondary; article numbers M]. The articles of 名单办法 for each field (第五条至第十条),
//! for the end of the term and for early removal were not read [M], so the recorded basis
//! names the 办法 and 第二条 only.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Decision, add_years, ineligible, next_day, reversed, too_early};
use crate::calendar::Calendar;
use crate::division::Tier;
use crate::error::{Code, Error, Result};
use crate::registry::EntityKind;

// The lists are public (企业信息公示暂行条例 第十七条). The basis depends on the ground and the
// cure; the declarations give the commonest case, the decisions the case's own.
crate::declare_events! {
    /// `credit.abnormal_listed` ([`AbnormalListed`]).
    KIND_ABNORMAL_LISTED, ABNORMAL_LISTED = "credit.abnormal_listed",
        basis: "企业经营异常名录管理暂行办法 第四条第一项、第六条；企业信息公示暂行条例 第八条",
        zh: "列入经营异常名录", en: "put on the abnormal operations list";
    /// `credit.abnormal_removed` ([`AbnormalRemoved`]).
    KIND_ABNORMAL_REMOVED, ABNORMAL_REMOVED = "credit.abnormal_removed",
        basis: "企业经营异常名录管理暂行办法 第十一条",
        zh: "移出经营异常名录", en: "removed from the abnormal operations list";
    /// `credit.abnormal_marked`: an individual business marked abnormal ([`AbnormalListed`]).
    KIND_ABNORMAL_MARKED, ABNORMAL_MARKED = "credit.abnormal_marked",
        basis: "个体工商户年度报告暂行办法；市场主体登记管理条例实施细则 第六十三条",
        zh: "标记为经营异常状态", en: "marked abnormal";
    /// `credit.abnormal_mark_removed`: its normal status restored ([`AbnormalRemoved`]).
    KIND_ABNORMAL_MARK_REMOVED, ABNORMAL_MARK_REMOVED = "credit.abnormal_mark_removed",
        basis: "个体工商户年度报告暂行办法；市场监督管理信用修复管理办法 第二条",
        zh: "恢复正常记载状态", en: "abnormal marking removed";
    /// `credit.abnormal_term_reminded`: the public reminder before the 3-year mark
    /// ([`AbnormalTermReminded`]).
    KIND_ABNORMAL_TERM_REMINDED, ABNORMAL_TERM_REMINDED = "credit.abnormal_term_reminded",
        basis: "企业信息公示暂行条例（2014年）第十七条",
        zh: "异常名录届满提醒", en: "reminder before the abnormal list's term ends";
    /// `credit.serious_listed` ([`SeriousListed`]).
    KIND_SERIOUS_LISTED, SERIOUS_LISTED = "credit.serious_listed",
        basis: "市场监督管理严重违法失信名单管理办法 第二条、第五条至第十条",
        zh: "列入严重违法失信名单", en: "put on the serious violations list";
    /// `credit.serious_removed` ([`SeriousRemoved`]). The article of the removal after the
    /// term is not confirmed [M]; the declaration names the early removal's.
    KIND_SERIOUS_REMOVED, SERIOUS_REMOVED = "credit.serious_removed",
        basis: "市场监督管理严重违法失信名单管理办法；市场监督管理信用修复管理办法 第二条",
        zh: "移出严重违法失信名单", en: "removed from the serious violations list";
}

/// 条例 (2014) 第十七条: still listed as abnormal after 3 years → the serious list.
pub const ABNORMAL_TERM_YEARS: u32 = 3;
/// The public reminder is issued within the 60 days before the 3-year mark [P: SAIC press
/// conference, 2014].
pub const REMINDER_DAYS: u64 = 60;
/// 名单办法: a serious listing lasts 3 years and ends automatically [M: not found in a primary
/// text; consistent with the national maximum of 3 years for 严重 information, 国办发〔2025〕22号].
/// 条例 (2014) 第十七条 said 5 years for entities moved from the abnormal list; which term applies
/// to them since 名单办法 is not confirmed [M] — shijian uses 3 for every ground. Longer
/// restrictions imposed by other laws run their own length and are not modelled here.
pub const SERIOUS_TERM_YEARS: u32 = 3;
/// Early removal from the serious list may be requested after at least 1 year [P].
pub const SERIOUS_EARLY_REMOVAL_YEARS: u32 = 1;
/// 名录办法 第六条至第九条 [P, secondary]: the listing decision within 10 workdays of the report
/// deadline, the end of the ordered period, or the verification.
pub const LISTING_DECISION_WORKDAYS: u32 = 10;
/// 名录办法 第十一条至第十四条 [P, secondary; article numbers M]: removal decided within 5
/// workdays of the application.
pub const REMOVAL_DECISION_WORKDAYS: u32 = 5;

/// The four grounds of the abnormal list (名录办法 第四条).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AbnormalGround {
    /// 未按照规定期限公示年度报告 (第四条第一项, 第六条).
    AnnualReportMissing,
    /// 未在责令的期限内公示有关企业信息 (第四条第二项, 第七条).
    InstantNotDisclosed,
    /// 公示企业信息隐瞒真实情况、弄虚作假 (第四条第三项, 第八条).
    Concealment,
    /// 通过登记的住所或者经营场所无法联系 (第四条第四项, 第九条).
    Unreachable,
}

impl AbnormalGround {
    pub fn as_str(self) -> &'static str {
        match self {
            AbnormalGround::AnnualReportMissing => "annual_report_missing",
            AbnormalGround::InstantNotDisclosed => "instant_not_disclosed",
            AbnormalGround::Concealment => "concealment",
            AbnormalGround::Unreachable => "unreachable",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            AbnormalGround::AnnualReportMissing => "未按照规定期限公示年度报告",
            AbnormalGround::InstantNotDisclosed => "未在责令的期限内公示有关企业信息",
            AbnormalGround::Concealment => "公示企业信息隐瞒真实情况、弄虚作假",
            AbnormalGround::Unreachable => "通过登记的住所或者经营场所无法联系",
        }
    }

    /// The ground in English, as the English pages show it.
    pub fn en(self) -> &'static str {
        match self {
            AbnormalGround::AnnualReportMissing => "annual report not published in time",
            AbnormalGround::InstantNotDisclosed => "information not published within the time ordered",
            AbnormalGround::Concealment => "published information concealed the truth or was falsified",
            AbnormalGround::Unreachable => "cannot be reached at its registered address",
        }
    }

    /// The basis of a listing on this ground (名录办法 第四条 and the ground's own article).
    pub fn listing_basis(self) -> &'static str {
        match self {
            AbnormalGround::AnnualReportMissing => {
                "企业经营异常名录管理暂行办法 第四条第一项、第六条；企业信息公示暂行条例 第八条"
            }
            AbnormalGround::InstantNotDisclosed => {
                "企业经营异常名录管理暂行办法 第四条第二项、第七条；企业信息公示暂行条例 第十条"
            }
            AbnormalGround::Concealment => "企业经营异常名录管理暂行办法 第四条第三项、第八条",
            AbnormalGround::Unreachable => "企业经营异常名录管理暂行办法 第四条第四项、第九条",
        }
    }

    /// The basis of a removal on this ground, after the matching cure (名录办法 第十一条至
    /// 第十四条, one per ground [P, secondary; article numbers M]).
    pub fn removal_basis(self) -> &'static str {
        match self {
            AbnormalGround::AnnualReportMissing => "企业经营异常名录管理暂行办法 第十一条",
            AbnormalGround::InstantNotDisclosed => "企业经营异常名录管理暂行办法 第十二条",
            AbnormalGround::Concealment => "企业经营异常名录管理暂行办法 第十三条",
            AbnormalGround::Unreachable => "企业经营异常名录管理暂行办法 第十四条",
        }
    }
}

/// The facts a listing rests on, one per ground.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "ground")]
pub enum AbnormalCause {
    /// The report of `year` was not filed by 30 June of `year + 1`.
    AnnualReportMissing { year: i32 },
    /// An order to publish ([`super::annual::order_disclosure`]) whose period ended on `due_on`.
    InstantNotDisclosed { ordered_on: NaiveDate, due_on: NaiveDate },
    /// Concealment or falsification found on `verified_on` (企业公示信息抽查).
    Concealment { verified_on: NaiveDate },
    /// Unreachable at the registered address, verified on `verified_on`.
    Unreachable { verified_on: NaiveDate },
}

impl AbnormalCause {
    pub fn ground(self) -> AbnormalGround {
        match self {
            AbnormalCause::AnnualReportMissing { .. } => AbnormalGround::AnnualReportMissing,
            AbnormalCause::InstantNotDisclosed { .. } => AbnormalGround::InstantNotDisclosed,
            AbnormalCause::Concealment { .. } => AbnormalGround::Concealment,
            AbnormalCause::Unreachable { .. } => AbnormalGround::Unreachable,
        }
    }

    pub fn report_year(self) -> Option<i32> {
        match self {
            AbnormalCause::AnnualReportMissing { year } => Some(year),
            _ => None,
        }
    }

    /// The day the 10-workday listing period runs from: the report deadline, the end of the
    /// ordered period, or the verification.
    pub fn trigger_on(self) -> Result<NaiveDate> {
        Ok(match self {
            AbnormalCause::AnnualReportMissing { year } => super::annual::report_window(year)?.closes,
            AbnormalCause::InstantNotDisclosed { due_on, .. } => due_on,
            AbnormalCause::Concealment { verified_on } | AbnormalCause::Unreachable { verified_on } => verified_on,
        })
    }
}

/// One current entry of the abnormal list (or abnormal marking).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbnormalEntry {
    pub ground: AbnormalGround,
    /// The report year, for [`AbnormalGround::AnnualReportMissing`].
    pub report_year: Option<i32>,
    pub listed_on: NaiveDate,
    /// An individual business's abnormal marking rather than a listing.
    pub marked: bool,
    /// When the reminder before the 3-year mark was issued.
    pub reminded_on: Option<NaiveDate>,
}

impl AbnormalEntry {
    /// The last day of the 3-year term (条例 (2014) 第十七条; 民法典 第二百零二条).
    pub fn term_ends_on(&self) -> Result<NaiveDate> {
        add_years(self.listed_on, ABNORMAL_TERM_YEARS)
    }

    /// The first day of the reminder window: 60 days before the end of the term.
    pub fn reminder_from(&self) -> Result<NaiveDate> {
        self.term_ends_on()?.checked_sub_days(Days::new(REMINDER_DAYS)).ok_or_else(|| Error::new(Code::DateOutOfRange))
    }

    fn is(&self, ground: AbnormalGround, report_year: Option<i32>) -> bool {
        self.ground == ground && self.report_year == report_year
    }
}

/// The kind of heavier penalty (较重行政处罚) a serious listing needs (名单办法 第二条).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeavierPenalty {
    /// 依照行政处罚裁量基准，按照从重处罚原则处以罚款
    AggravatedFine,
    /// 降低资质等级，吊销许可证件、营业执照
    LicenceRevokedOrDowngraded,
    /// 限制开展生产经营活动、责令停产停业、责令关闭、限制从业
    OperationsRestricted,
    /// 法律、行政法规和部门规章规定的其他较重行政处罚
    Other,
}

impl HeavierPenalty {
    pub const ALL: [HeavierPenalty; 4] = [
        HeavierPenalty::AggravatedFine,
        HeavierPenalty::LicenceRevokedOrDowngraded,
        HeavierPenalty::OperationsRestricted,
        HeavierPenalty::Other,
    ];

    /// The stable code (as serialised).
    pub fn as_str(self) -> &'static str {
        match self {
            HeavierPenalty::AggravatedFine => "aggravated_fine",
            HeavierPenalty::LicenceRevokedOrDowngraded => "licence_revoked_or_downgraded",
            HeavierPenalty::OperationsRestricted => "operations_restricted",
            HeavierPenalty::Other => "other",
        }
    }

    /// In the words of 名单办法 第二条.
    pub fn zh(self) -> &'static str {
        match self {
            HeavierPenalty::AggravatedFine => "依照行政处罚裁量基准按照从重处罚原则处以罚款",
            HeavierPenalty::LicenceRevokedOrDowngraded => "降低资质等级，吊销许可证件、营业执照",
            HeavierPenalty::OperationsRestricted => "限制开展生产经营活动、责令停产停业、责令关闭、限制从业",
            HeavierPenalty::Other => "法律、行政法规和部门规章规定的其他较重行政处罚",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            HeavierPenalty::AggravatedFine => "a fine aggravated under the discretion benchmark",
            HeavierPenalty::LicenceRevokedOrDowngraded => "qualification lowered, licence or business licence revoked",
            HeavierPenalty::OperationsRestricted => "operations restricted, suspended or closed, or practice barred",
            HeavierPenalty::Other => "another heavier penalty under laws, regulations or rules",
        }
    }
}

/// The fields of serious violations (名单办法 第五条至第十条, per-article mapping not read [M];
/// the examples are those SAMR's release names [P]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriousGround {
    /// 食品安全
    FoodSafety,
    /// 药品、医疗器械、化妆品
    DrugsDevicesCosmetics,
    /// 质量安全: 特种设备, 产品质量, 工业产品生产许可
    QualitySafety,
    /// 侵害消费者权益: 预收费用后停业、迁址且无法联系; 虚假广告危害消费者生命健康
    ConsumerRights,
    /// 破坏公平竞争: 侵犯商业秘密、商业诋毁、组织虚假交易
    FairCompetition,
    /// Other violations with a heavier penalty (名单办法 第二条).
    Other,
    /// 列入经营异常名录届满3年仍未履行相关义务 (条例 (2014) 第十七条).
    AbnormalThreeYears,
}

impl SeriousGround {
    pub fn as_str(self) -> &'static str {
        match self {
            SeriousGround::FoodSafety => "food_safety",
            SeriousGround::DrugsDevicesCosmetics => "drugs_devices_cosmetics",
            SeriousGround::QualitySafety => "quality_safety",
            SeriousGround::ConsumerRights => "consumer_rights",
            SeriousGround::FairCompetition => "fair_competition",
            SeriousGround::Other => "other",
            SeriousGround::AbnormalThreeYears => "abnormal_three_years",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            SeriousGround::FoodSafety => "食品安全领域严重违法",
            SeriousGround::DrugsDevicesCosmetics => "药品、医疗器械、化妆品领域严重违法",
            SeriousGround::QualitySafety => "质量安全领域严重违法",
            SeriousGround::ConsumerRights => "侵害消费者权益的严重违法",
            SeriousGround::FairCompetition => "破坏公平竞争秩序的严重违法",
            SeriousGround::Other => "其他严重违法失信行为",
            SeriousGround::AbnormalThreeYears => "列入经营异常名录届满3年仍未履行相关义务",
        }
    }

    /// The ground in English, as the English pages show it.
    pub fn en(self) -> &'static str {
        match self {
            SeriousGround::FoodSafety => "serious violation of food safety",
            SeriousGround::DrugsDevicesCosmetics => "serious violation on drugs, medical devices or cosmetics",
            SeriousGround::QualitySafety => "serious violation of quality and safety",
            SeriousGround::ConsumerRights => "serious violation of consumers' rights",
            SeriousGround::FairCompetition => "serious violation of fair competition",
            SeriousGround::Other => "other serious violation of trust",
            SeriousGround::AbnormalThreeYears => "three years on the abnormal list with its obligations unmet",
        }
    }

    /// The basis of a listing. For [`SeriousGround::AbnormalThreeYears`]: 条例 (2014) 第十七条;
    /// whether the 2024 revision (now 第十八条) keeps the move, and the 名单办法 article for it,
    /// are not confirmed [M].
    pub fn listing_basis(self) -> &'static str {
        match self {
            SeriousGround::AbnormalThreeYears => {
                "企业信息公示暂行条例（2014年）第十七条；市场监督管理严重违法失信名单管理办法"
            }
            _ => "市场监督管理严重违法失信名单管理办法 第二条、第五条至第十条",
        }
    }
}

/// One current entry of the serious list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriousEntry {
    pub ground: SeriousGround,
    pub listed_on: NaiveDate,
    /// The last day of the 3-year term; removed automatically the day after.
    pub ends_on: NaiveDate,
    pub penalty: Option<HeavierPenalty>,
    /// The number of the penalty or listing decision (决定书文号), if any.
    pub decision: Option<String>,
}

/// One entity's lists.
///
/// The serious list is a vector, not an option: an entity can be listed for two separate
/// violations, each with its own 3-year term (a deliberate departure from "one serious entry").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListState {
    pub kind: EntityKind,
    pub abnormal: Vec<AbnormalEntry>,
    pub serious: Vec<SeriousEntry>,
}

impl ListState {
    /// An entity on no list.
    pub fn empty(kind: EntityKind) -> ListState {
        ListState { kind, abnormal: Vec::new(), serious: Vec::new() }
    }

    /// On the abnormal list, or marked abnormal (individual businesses).
    pub fn on_abnormal_list(&self) -> bool {
        !self.abnormal.is_empty()
    }

    pub fn on_serious_list(&self) -> bool {
        !self.serious.is_empty()
    }

    fn marks(&self) -> bool {
        self.kind == EntityKind::IndividualBusiness
    }

    /// Whether an entry of this kind moves to the serious list after 3 years: enterprises
    /// (条例 (2014) 第十七条). Individual businesses are marked, not listed, and do not move;
    /// for farmers' cooperatives no text for the move was found [M], so they do not move either.
    fn moves_after_three_years(&self) -> bool {
        !matches!(self.kind, EntityKind::IndividualBusiness | EntityKind::FarmerCooperative)
    }
}

/// How an abnormal entry's ground was cured (or why it ends).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "cure")]
pub enum Cure {
    /// 补报未报年份的年度报告并公示 (ground 1).
    ReportFiled { year: i32 },
    /// 履行公示义务 (ground 2).
    InformationPublished,
    /// 更正其公示的信息 (ground 3).
    InformationCorrected,
    /// 依法办理住所或者经营场所变更登记 (ground 4).
    AddressChanged,
    /// 通过登记的住所或者经营场所重新取得联系 (ground 4).
    ContactRestored,
    /// The listing was wrong (an objection upheld, 名录办法 第十五条、第十六条 [M]).
    ListingWrong,
    /// Moved to the serious list after 3 years (条例 (2014) 第十七条; the abnormal entry ending
    /// with the move follows the public system's practice [M]).
    MovedToSerious,
}

impl Cure {
    /// Whether this cure ends `entry` (its ground, and for reports its year).
    pub fn cures(self, entry: &AbnormalEntry) -> bool {
        match (self, entry.ground) {
            (Cure::ReportFiled { year }, AbnormalGround::AnnualReportMissing) => entry.report_year == Some(year),
            (Cure::InformationPublished, AbnormalGround::InstantNotDisclosed)
            | (Cure::InformationCorrected, AbnormalGround::Concealment)
            | (Cure::AddressChanged | Cure::ContactRestored, AbnormalGround::Unreachable)
            | (Cure::ListingWrong | Cure::MovedToSerious, _) => true,
            _ => false,
        }
    }
}

/// The conditions for early removal from the serious list [P; 名单办法 article not read M]:
/// all must hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlyRemovalConditions {
    /// 已经自觉履行行政处罚决定中规定的义务
    pub obligations_fulfilled: bool,
    /// 已经主动消除危害后果和不良影响
    pub harm_removed: bool,
    /// 未再受到市场监督管理部门较重行政处罚
    pub no_new_heavier_penalty: bool,
}

impl EarlyRemovalConditions {
    pub fn all(self) -> bool {
        self.obligations_fulfilled && self.harm_removed && self.no_new_heavier_penalty
    }
}

/// Why a serious entry ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "removal")]
pub enum SeriousRemoval {
    /// The 3-year term ended (automatic).
    TermEnded,
    /// Early removal on application after ≥ 1 year (credit repair).
    Early { conditions: EarlyRemovalConditions },
    /// The listing or the penalty behind it was revoked or found wrong.
    ListingWrong,
}

/// A change to an entity's lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// List as abnormal (or mark, for an individual business) on `on`.
    ListAbnormal { cause: AbnormalCause, on: NaiveDate },
    /// End an abnormal entry: removal after its cure (名录办法 第十一条至第十四条).
    RemoveAbnormal { ground: AbnormalGround, report_year: Option<i32>, on: NaiveDate, cure: Cure },
    /// The public reminder within the 60 days before the 3-year mark.
    RemindAbnormal { ground: AbnormalGround, report_year: Option<i32>, on: NaiveDate },
    /// List on the serious list. `tier` is the deciding department's; below the province the
    /// department one level up must consent [P] (the 2025 revision draft drops this step; not
    /// in force).
    ListSerious {
        ground: SeriousGround,
        penalty: Option<HeavierPenalty>,
        decision: Option<String>,
        on: NaiveDate,
        tier: Tier,
        upper_level_consent: bool,
    },
    /// End a serious entry (identified by ground and listing day).
    RemoveSerious { ground: SeriousGround, listed_on: NaiveDate, on: NaiveDate, removal: SeriousRemoval },
}

/// Data of `credit.abnormal_listed` and `credit.abnormal_marked`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbnormalListed {
    pub ground: AbnormalGround,
    pub report_year: Option<i32>,
    pub listed_on: NaiveDate,
    /// An individual business's marking (标记经营异常状态).
    pub marked: bool,
    /// The report deadline, the end of the ordered period, or the verification day.
    pub trigger_on: NaiveDate,
}

/// Data of `credit.abnormal_removed` and `credit.abnormal_mark_removed`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbnormalRemoved {
    pub ground: AbnormalGround,
    pub report_year: Option<i32>,
    pub listed_on: NaiveDate,
    pub removed_on: NaiveDate,
    pub marked: bool,
    #[serde(flatten)]
    pub cure: Cure,
}

/// Data of `credit.abnormal_term_reminded`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbnormalTermReminded {
    pub ground: AbnormalGround,
    pub report_year: Option<i32>,
    pub listed_on: NaiveDate,
    pub term_ends_on: NaiveDate,
    pub reminded_on: NaiveDate,
}

/// Data of `credit.serious_listed`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriousListed {
    pub ground: SeriousGround,
    pub listed_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub penalty: Option<HeavierPenalty>,
    pub decision: Option<String>,
}

/// Data of `credit.serious_removed`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriousRemoved {
    pub ground: SeriousGround,
    pub listed_on: NaiveDate,
    pub removed_on: NaiveDate,
    #[serde(flatten)]
    pub removal: SeriousRemoval,
}

/// The data of a list event; serialises as the inner struct.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ListEvent {
    AbnormalListed(AbnormalListed),
    AbnormalRemoved(AbnormalRemoved),
    AbnormalTermReminded(AbnormalTermReminded),
    SeriousListed(SeriousListed),
    SeriousRemoved(SeriousRemoved),
}

pub type ListDecision = Decision<ListState, ListEvent>;

fn transition(action: &str, reason: &str) -> Error {
    Error::new(Code::CreditListTransition).with("action", action).with("reason", reason)
}

fn find_abnormal(state: &ListState, ground: AbnormalGround, report_year: Option<i32>, action: &str) -> Result<usize> {
    state
        .abnormal
        .iter()
        .position(|e| e.is(ground, report_year))
        .ok_or_else(|| transition(action, "未列入该事由的经营异常名录 / no such abnormal entry"))
}

/// Decides a command against an entity's lists.
pub fn decide(state: &ListState, command: &Command) -> Result<ListDecision> {
    let mut next = state.clone();
    match command {
        Command::ListAbnormal { cause, on } => {
            let ground = cause.ground();
            let report_year = cause.report_year();
            if state.marks() && ground == AbnormalGround::InstantNotDisclosed {
                return Err(ineligible(
                    "个体工商户无即时信息公示义务 / individual businesses have no instant disclosures",
                ));
            }
            let trigger_on = cause.trigger_on()?;
            // A report or an ordered period must have run out (the day after the deadline);
            // a verification may be acted on the same day.
            let earliest = match cause {
                AbnormalCause::AnnualReportMissing { .. } | AbnormalCause::InstantNotDisclosed { .. } => {
                    next_day(trigger_on)?
                }
                _ => trigger_on,
            };
            if *on < earliest {
                return Err(too_early(earliest, ground.listing_basis()));
            }
            if state.abnormal.iter().any(|e| e.is(ground, report_year)) {
                return Err(transition("list_abnormal", "已因同一事由列入 / already listed on this ground"));
            }
            let marked = state.marks();
            next.abnormal.push(AbnormalEntry { ground, report_year, listed_on: *on, marked, reminded_on: None });
            Ok(Decision {
                kind: if marked { KIND_ABNORMAL_MARKED } else { KIND_ABNORMAL_LISTED },
                basis: if marked {
                    "个体工商户年度报告暂行办法；市场主体登记管理条例实施细则 第六十三条"
                } else {
                    ground.listing_basis()
                },
                next,
                data: ListEvent::AbnormalListed(AbnormalListed {
                    ground,
                    report_year,
                    listed_on: *on,
                    marked,
                    trigger_on,
                }),
            })
        }
        Command::RemoveAbnormal { ground, report_year, on, cure } => {
            let idx = find_abnormal(state, *ground, *report_year, "remove_abnormal")?;
            let entry = &state.abnormal[idx];
            if *on < entry.listed_on {
                return Err(reversed(entry.listed_on, *on));
            }
            if !cure.cures(entry) {
                return Err(ineligible("移出理由与列入事由不对应 / the cure does not match the ground of the listing"));
            }
            let basis = match cure {
                Cure::MovedToSerious => {
                    if entry.marked || !state.moves_after_three_years() {
                        return Err(transition(
                            "move_to_serious",
                            "该类主体不转入严重违法失信名单 / this kind does not move",
                        ));
                    }
                    let ends = entry.term_ends_on()?;
                    if *on <= ends {
                        return Err(too_early(
                            next_day(ends)?,
                            "列入经营异常名录届满3年 / three years on the abnormal list",
                        ));
                    }
                    "企业信息公示暂行条例（2014年）第十七条"
                }
                Cure::ListingWrong => "企业经营异常名录管理暂行办法 第十五条、第十六条",
                _ if entry.marked => "个体工商户年度报告暂行办法；市场监督管理信用修复管理办法 第二条",
                _ => ground.removal_basis(),
            };
            let removed = next.abnormal.remove(idx);
            Ok(Decision {
                kind: if removed.marked { KIND_ABNORMAL_MARK_REMOVED } else { KIND_ABNORMAL_REMOVED },
                basis,
                next,
                data: ListEvent::AbnormalRemoved(AbnormalRemoved {
                    ground: *ground,
                    report_year: *report_year,
                    listed_on: removed.listed_on,
                    removed_on: *on,
                    marked: removed.marked,
                    cure: *cure,
                }),
            })
        }
        Command::RemindAbnormal { ground, report_year, on } => {
            let idx = find_abnormal(state, *ground, *report_year, "remind_abnormal")?;
            let entry = &state.abnormal[idx];
            if entry.marked || !state.moves_after_three_years() {
                return Err(transition("remind_abnormal", "该类主体不转入严重违法失信名单 / this kind does not move"));
            }
            if entry.reminded_on.is_some() {
                return Err(transition("remind_abnormal", "已提示 / already reminded"));
            }
            let (from, ends) = (entry.reminder_from()?, entry.term_ends_on()?);
            if *on < from {
                return Err(too_early(from, "届满3年前60日内提示 / within the 60 days before the 3-year mark"));
            }
            if *on > ends {
                return Err(transition("remind_abnormal", "已届满3年 / the three years have passed"));
            }
            next.abnormal[idx].reminded_on = Some(*on);
            Ok(Decision {
                kind: KIND_ABNORMAL_TERM_REMINDED,
                // The reminder is practice announced at the SAIC press conference of 2014 [P];
                // no article is known.
                basis: "企业信息公示暂行条例（2014年）第十七条",
                next,
                data: ListEvent::AbnormalTermReminded(AbnormalTermReminded {
                    ground: *ground,
                    report_year: *report_year,
                    listed_on: entry.listed_on,
                    term_ends_on: ends,
                    reminded_on: *on,
                }),
            })
        }
        Command::ListSerious { ground, penalty, decision, on, tier, upper_level_consent } => {
            if *ground == SeriousGround::AbnormalThreeYears {
                let mut due: Option<NaiveDate> = None;
                for e in state.abnormal.iter().filter(|e| !e.marked) {
                    let ends = e.term_ends_on()?;
                    due = Some(due.map_or(ends, |x| x.min(ends)));
                }
                match due {
                    _ if !state.moves_after_three_years() => {
                        return Err(transition(
                            "list_serious",
                            "该类主体不转入严重违法失信名单 / this kind does not move",
                        ));
                    }
                    None => return Err(transition("list_serious", "未列入经营异常名录 / not on the abnormal list")),
                    Some(ends) if *on <= ends => {
                        return Err(too_early(
                            next_day(ends)?,
                            "列入经营异常名录届满3年 / three years on the abnormal list",
                        ));
                    }
                    Some(_) => {}
                }
            } else {
                if penalty.is_none() {
                    return Err(ineligible(
                        "列入严重违法失信名单须以较重行政处罚为前提 / a serious listing needs a heavier penalty (名单办法 第二条)",
                    ));
                }
                if *tier != Tier::Province && !upper_level_consent {
                    return Err(ineligible(
                        "设区的市级、县级市场监管部门列入须经上一级部门同意 / city and county departments need the consent of the level above",
                    ));
                }
            }
            if state.serious.iter().any(|e| e.ground == *ground && e.listed_on == *on && e.decision == *decision) {
                return Err(transition("list_serious", "已列入 / already listed"));
            }
            let ends_on = add_years(*on, SERIOUS_TERM_YEARS)?;
            next.serious.push(SeriousEntry {
                ground: *ground,
                listed_on: *on,
                ends_on,
                penalty: *penalty,
                decision: decision.clone(),
            });
            Ok(Decision {
                kind: KIND_SERIOUS_LISTED,
                basis: ground.listing_basis(),
                next,
                data: ListEvent::SeriousListed(SeriousListed {
                    ground: *ground,
                    listed_on: *on,
                    ends_on,
                    penalty: *penalty,
                    decision: decision.clone(),
                }),
            })
        }
        Command::RemoveSerious { ground, listed_on, on, removal } => {
            let idx = state
                .serious
                .iter()
                .position(|e| e.ground == *ground && e.listed_on == *listed_on)
                .ok_or_else(|| transition("remove_serious", "未列入该严重违法失信名单 / no such serious entry"))?;
            let entry = &state.serious[idx];
            if *on < entry.listed_on {
                return Err(reversed(entry.listed_on, *on));
            }
            let basis = match removal {
                SeriousRemoval::TermEnded => {
                    if *on <= entry.ends_on {
                        return Err(too_early(
                            next_day(entry.ends_on)?,
                            "列入满3年自动移出 / removed after three years",
                        ));
                    }
                    "市场监督管理严重违法失信名单管理办法"
                }
                SeriousRemoval::Early { conditions } => {
                    let from = add_years(entry.listed_on, SERIOUS_EARLY_REMOVAL_YEARS)?;
                    if *on < from {
                        return Err(too_early(from, "列入满1年方可申请提前移出 / early removal after one year"));
                    }
                    if !conditions.all() {
                        return Err(ineligible(
                            "须已履行处罚义务、消除危害后果且未再受较重行政处罚 / obligations fulfilled, harm removed and no new heavier penalty",
                        ));
                    }
                    "市场监督管理严重违法失信名单管理办法；市场监督管理信用修复管理办法 第二条"
                }
                SeriousRemoval::ListingWrong => "市场监督管理严重违法失信名单管理办法",
            };
            let removed = next.serious.remove(idx);
            Ok(Decision {
                kind: KIND_SERIOUS_REMOVED,
                basis,
                next,
                data: ListEvent::SeriousRemoved(SeriousRemoved {
                    ground: removed.ground,
                    listed_on: removed.listed_on,
                    removed_on: *on,
                    removal: *removal,
                }),
            })
        }
    }
}

/// The moves the daily job makes on `today`, in order, each decided on the state the previous
/// one left: serious entries whose 3-year term ended are removed; abnormal entries of
/// enterprises past their 3-year term move to the serious list (one serious listing on this
/// ground at a time: an entity already serious for it only has the abnormal entry end); those
/// within 60 days of the term's end and not yet reminded get the public reminder.
pub fn due_moves(state: &ListState, today: NaiveDate) -> Result<Vec<ListDecision>> {
    let mut out: Vec<ListDecision> = Vec::new();
    let mut cur = state.clone();
    let mut step = |cur: &mut ListState, command: Command| -> Result<()> {
        let decision = decide(cur, &command)?;
        *cur = decision.next.clone();
        out.push(decision);
        Ok(())
    };
    for e in &state.serious {
        if today > e.ends_on {
            let command = Command::RemoveSerious {
                ground: e.ground,
                listed_on: e.listed_on,
                on: today,
                removal: SeriousRemoval::TermEnded,
            };
            step(&mut cur, command)?;
        }
    }
    if state.moves_after_three_years() {
        for e in state.abnormal.iter().filter(|e| !e.marked) {
            let ends = e.term_ends_on()?;
            if today > ends {
                if !cur.serious.iter().any(|s| s.ground == SeriousGround::AbnormalThreeYears) {
                    let command = Command::ListSerious {
                        ground: SeriousGround::AbnormalThreeYears,
                        penalty: None,
                        decision: None,
                        on: today,
                        tier: Tier::Province,
                        upper_level_consent: true,
                    };
                    step(&mut cur, command)?;
                }
                let command = Command::RemoveAbnormal {
                    ground: e.ground,
                    report_year: e.report_year,
                    on: today,
                    cure: Cure::MovedToSerious,
                };
                step(&mut cur, command)?;
            } else if e.reminded_on.is_none() && today >= e.reminder_from()? {
                step(&mut cur, Command::RemindAbnormal { ground: e.ground, report_year: e.report_year, on: today })?;
            }
        }
    }
    Ok(out)
}

/// The management effects of an entity's lists (信用约束措施).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Effects {
    /// 市场主体登记管理条例实施细则 第四十八条第一项: no simple deregistration while on the
    /// abnormal list (or marked) or the serious list.
    pub no_simple_deregistration: bool,
    /// 名单办法 [P; article not read M]: no 告知承诺制 for entities on the serious list.
    pub no_notification_commitment: bool,
    /// 名单办法 [P]: key supervision, with a higher ratio and frequency of checks.
    pub key_supervision: bool,
    /// 名单办法 [P]: no honours from market supervision.
    pub no_honours: bool,
    /// 名单办法 [P]: an important factor in licensing, qualifications, government procurement
    /// and tendering.
    pub licensing_consideration: bool,
    /// 国市监信发〔2022〕6号 as applied by [`super::classify`]: at least class C on the abnormal
    /// list, class D on the serious list.
    pub minimum_risk_class: Option<super::classify::RiskClass>,
}

/// The effects of the lists an entity is on.
pub fn effects(state: &ListState) -> Effects {
    use super::classify::RiskClass;
    let abnormal = state.on_abnormal_list();
    let serious = state.on_serious_list();
    Effects {
        no_simple_deregistration: abnormal || serious,
        no_notification_commitment: serious,
        key_supervision: serious,
        no_honours: serious,
        licensing_consideration: serious,
        minimum_risk_class: if serious {
            Some(RiskClass::D)
        } else if abnormal {
            Some(RiskClass::C)
        } else {
            None
        },
    }
}

/// 名录办法 第六条至第九条 [P, secondary]: the listing decision is due within 10 workdays of
/// the trigger ([`AbnormalCause::trigger_on`]). `calendar_year_not_covered` past the years the
/// calendar counts (official or provisional).
pub fn listing_decision_due(cal: &Calendar, cause: AbnormalCause) -> Result<NaiveDate> {
    cal.add_workdays(cause.trigger_on()?, LISTING_DECISION_WORKDAYS)
}

/// 名录办法 第十一条至第十四条 [P, secondary; article numbers M]: the removal decision is due
/// within 5 workdays of the application.
pub fn removal_decision_due(cal: &Calendar, applied_on: NaiveDate) -> Result<NaiveDate> {
    cal.add_workdays(applied_on, REMOVAL_DECISION_WORKDAYS)
}

#[cfg(test)]
mod tests {
    use super::super::d;
    use super::*;

    fn company() -> ListState {
        ListState::empty(EntityKind::LimitedCompany)
    }

    fn list(state: &ListState, cause: AbnormalCause, on: &str) -> ListDecision {
        decide(state, &Command::ListAbnormal { cause, on: d(on) }).unwrap()
    }

    fn heavier(on: &str, tier: Tier, consent: bool) -> Command {
        Command::ListSerious {
            ground: SeriousGround::FoodSafety,
            penalty: Some(HeavierPenalty::AggravatedFine),
            decision: Some("鄂市监处罚〔2024〕12号".into()),
            on: d(on),
            tier,
            upper_level_consent: consent,
        }
    }

    /// 企业经营异常名录管理暂行办法 第四条、第六条至第九条: four grounds, each after its trigger.
    #[test]
    fn the_four_grounds_and_their_triggers() {
        let s = company();
        let e = decide(
            &s,
            &Command::ListAbnormal { cause: AbnormalCause::AnnualReportMissing { year: 2023 }, on: d("2024-06-30") },
        )
        .unwrap_err();
        assert_eq!((e.code(), e.detail("date")), (Code::CreditTooEarly, Some("2024-07-01")));
        let a = list(&s, AbnormalCause::AnnualReportMissing { year: 2023 }, "2024-07-01");
        assert_eq!((a.kind, a.basis), (KIND_ABNORMAL_LISTED, AbnormalGround::AnnualReportMissing.listing_basis()));
        let b = list(
            &a.next,
            AbnormalCause::InstantNotDisclosed { ordered_on: d("2024-08-01"), due_on: d("2024-08-12") },
            "2024-08-13",
        );
        let c = list(&b.next, AbnormalCause::Concealment { verified_on: d("2024-09-02") }, "2024-09-02");
        let u = list(&c.next, AbnormalCause::Unreachable { verified_on: d("2024-09-03") }, "2024-09-04");
        assert_eq!(u.next.abnormal.len(), 4);
        // Same ground twice (same year) is refused; another year is a separate entry.
        let e = decide(
            &u.next,
            &Command::ListAbnormal { cause: AbnormalCause::AnnualReportMissing { year: 2023 }, on: d("2024-10-01") },
        )
        .unwrap_err();
        assert_eq!(e.code(), Code::CreditListTransition);
        assert!(
            decide(
                &u.next,
                &Command::ListAbnormal {
                    cause: AbnormalCause::AnnualReportMissing { year: 2024 },
                    on: d("2025-07-02")
                }
            )
            .is_ok()
        );
        // The event data serialises as the inner struct.
        let json = a.data_json().unwrap();
        assert_eq!(json["ground"], "annual_report_missing");
        assert_eq!(json["trigger_on"], "2024-06-30");
        let back: AbnormalListed = serde_json::from_value(json).unwrap();
        assert_eq!(back.report_year, Some(2023));
    }

    /// 企业经营异常名录管理暂行办法 第十一条至第十四条 [P, secondary; article numbers M]: each
    /// ground is removed by its own cure.
    #[test]
    fn removal_needs_the_matching_cure() {
        let s = list(&company(), AbnormalCause::Unreachable { verified_on: d("2024-09-03") }, "2024-09-03").next;
        let remove = |cure| Command::RemoveAbnormal {
            ground: AbnormalGround::Unreachable,
            report_year: None,
            on: d("2024-10-01"),
            cure,
        };
        let e = decide(&s, &remove(Cure::InformationPublished)).unwrap_err();
        assert_eq!(e.code(), Code::CreditIneligible);
        let r = decide(&s, &remove(Cure::ContactRestored)).unwrap();
        assert_eq!(
            (r.kind, r.basis, r.next.abnormal.len()),
            (KIND_ABNORMAL_REMOVED, "企业经营异常名录管理暂行办法 第十四条", 0)
        );
        assert!(decide(&s, &remove(Cure::AddressChanged)).is_ok());
        assert_eq!(r.data_json().unwrap()["cure"], "contact_restored");
        // The report cure names the year of the entry.
        let s = list(&company(), AbnormalCause::AnnualReportMissing { year: 2022 }, "2023-07-03").next;
        let remove = |year| Command::RemoveAbnormal {
            ground: AbnormalGround::AnnualReportMissing,
            report_year: Some(2022),
            on: d("2023-09-01"),
            cure: Cure::ReportFiled { year },
        };
        assert_eq!(decide(&s, &remove(2023)).unwrap_err().code(), Code::CreditIneligible);
        assert!(decide(&s, &remove(2022)).is_ok());
        // Nothing to remove.
        let e = decide(&company(), &remove(2022)).unwrap_err();
        assert_eq!(e.code(), Code::CreditListTransition);
    }

    /// 个体工商户年度报告暂行办法 [P]: individual businesses are marked, not listed, have no
    /// instant-disclosure ground, and do not move to the serious list.
    #[test]
    fn individual_businesses_are_marked() {
        let s = ListState::empty(EntityKind::IndividualBusiness);
        let m = list(&s, AbnormalCause::AnnualReportMissing { year: 2023 }, "2024-07-01");
        assert_eq!(m.kind, KIND_ABNORMAL_MARKED);
        assert!(m.next.abnormal[0].marked);
        let e = decide(
            &s,
            &Command::ListAbnormal {
                cause: AbnormalCause::InstantNotDisclosed { ordered_on: d("2024-08-01"), due_on: d("2024-08-12") },
                on: d("2024-08-13"),
            },
        );
        assert_eq!(e.unwrap_err().code(), Code::CreditIneligible);
        let r = decide(
            &m.next,
            &Command::RemoveAbnormal {
                ground: AbnormalGround::AnnualReportMissing,
                report_year: Some(2023),
                on: d("2024-08-01"),
                cure: Cure::ReportFiled { year: 2023 },
            },
        )
        .unwrap();
        assert_eq!(r.kind, KIND_ABNORMAL_MARK_REMOVED);
        assert!(due_moves(&m.next, d("2030-01-01")).unwrap().is_empty());
    }

    /// 企业信息公示暂行条例（2014）第十七条 and the 60-day reminder [P]: the job reminds, then
    /// moves the entity to the serious list after 3 years.
    #[test]
    fn three_years_on_the_abnormal_list_lead_to_the_serious_list() {
        let s = list(&company(), AbnormalCause::AnnualReportMissing { year: 2020 }, "2021-07-05").next;
        assert_eq!(s.abnormal[0].term_ends_on().unwrap(), d("2024-07-05"));
        assert_eq!(s.abnormal[0].reminder_from().unwrap(), d("2024-05-06"));
        assert!(due_moves(&s, d("2024-05-05")).unwrap().is_empty());
        let moves = due_moves(&s, d("2024-05-06")).unwrap();
        assert_eq!(moves.len(), 1);
        assert_eq!(moves[0].kind, KIND_ABNORMAL_TERM_REMINDED);
        let s = moves[0].next.clone();
        assert!(due_moves(&s, d("2024-07-05")).unwrap().is_empty());
        let moves = due_moves(&s, d("2024-07-06")).unwrap();
        assert_eq!(moves.iter().map(|m| m.kind).collect::<Vec<_>>(), vec![KIND_SERIOUS_LISTED, KIND_ABNORMAL_REMOVED]);
        let last = &moves[1].next;
        assert!(last.abnormal.is_empty());
        assert_eq!(last.serious[0].ground, SeriousGround::AbnormalThreeYears);
        assert_eq!(last.serious[0].ends_on, d("2027-07-06"));
        // Removing by hand before the term is refused.
        let e = decide(
            &s,
            &Command::RemoveAbnormal {
                ground: AbnormalGround::AnnualReportMissing,
                report_year: Some(2020),
                on: d("2024-07-05"),
                cure: Cure::MovedToSerious,
            },
        )
        .unwrap_err();
        assert_eq!(e.code(), Code::CreditTooEarly);
        // A cooperative does not move [M].
        let mut coop = s.clone();
        coop.kind = EntityKind::FarmerCooperative;
        assert!(due_moves(&coop, d("2024-07-06")).unwrap().is_empty());
    }

    /// Two entries past the term: one serious listing on that ground, both abnormal entries end.
    #[test]
    fn two_expired_entries_make_one_serious_listing() {
        let s = list(&company(), AbnormalCause::AnnualReportMissing { year: 2020 }, "2021-07-05").next;
        let s = list(&s, AbnormalCause::Unreachable { verified_on: d("2021-08-01") }, "2021-08-02").next;
        let moves = due_moves(&s, d("2024-09-01")).unwrap();
        assert_eq!(
            moves.iter().map(|m| m.kind).collect::<Vec<_>>(),
            vec![KIND_SERIOUS_LISTED, KIND_ABNORMAL_REMOVED, KIND_ABNORMAL_REMOVED]
        );
        let last = &moves.last().unwrap().next;
        assert_eq!((last.abnormal.len(), last.serious.len()), (0, 1));
    }

    /// 市场监督管理严重违法失信名单管理办法 第二条: a heavier penalty, and the consent of the level
    /// above for city and county departments [P].
    #[test]
    fn serious_listing_needs_a_heavier_penalty_and_consent() {
        let s = company();
        let mut c = heavier("2024-03-01", Tier::Province, false);
        if let Command::ListSerious { penalty, .. } = &mut c {
            *penalty = None;
        }
        assert_eq!(decide(&s, &c).unwrap_err().code(), Code::CreditIneligible);
        assert_eq!(decide(&s, &heavier("2024-03-01", Tier::County, false)).unwrap_err().code(), Code::CreditIneligible);
        let l = decide(&s, &heavier("2024-03-01", Tier::County, true)).unwrap();
        assert_eq!((l.kind, l.next.serious[0].ends_on), (KIND_SERIOUS_LISTED, d("2027-03-01")));
        assert!(decide(&s, &heavier("2024-03-01", Tier::Province, false)).is_ok());
        assert_eq!(
            decide(&l.next, &heavier("2024-03-01", Tier::Province, false)).unwrap_err().code(),
            Code::CreditListTransition
        );
        // The move ground needs an abnormal entry past its term.
        let mv = Command::ListSerious {
            ground: SeriousGround::AbnormalThreeYears,
            penalty: None,
            decision: None,
            on: d("2024-03-01"),
            tier: Tier::County,
            upper_level_consent: false,
        };
        assert_eq!(decide(&s, &mv).unwrap_err().code(), Code::CreditListTransition);
    }

    /// 名单办法 [P/M]: 3 years then automatic removal; early removal after ≥ 1 year with all
    /// conditions.
    #[test]
    fn serious_entries_end_after_three_years_or_early_after_one() {
        let s = decide(&company(), &heavier("2024-03-01", Tier::Province, false)).unwrap().next;
        assert!(due_moves(&s, d("2027-03-01")).unwrap().is_empty());
        let moves = due_moves(&s, d("2027-03-02")).unwrap();
        assert_eq!((moves.len(), moves[0].kind), (1, KIND_SERIOUS_REMOVED));
        assert!(moves[0].next.serious.is_empty());
        assert_eq!(moves[0].data_json().unwrap()["removal"], "term_ended");
        let ok =
            EarlyRemovalConditions { obligations_fulfilled: true, harm_removed: true, no_new_heavier_penalty: true };
        let early = |on: &str, conditions| Command::RemoveSerious {
            ground: SeriousGround::FoodSafety,
            listed_on: d("2024-03-01"),
            on: d(on),
            removal: SeriousRemoval::Early { conditions },
        };
        let e = decide(&s, &early("2025-02-28", ok)).unwrap_err();
        assert_eq!((e.code(), e.detail("date")), (Code::CreditTooEarly, Some("2025-03-01")));
        let e = decide(&s, &early("2025-03-01", EarlyRemovalConditions { harm_removed: false, ..ok })).unwrap_err();
        assert_eq!(e.code(), Code::CreditIneligible);
        assert!(decide(&s, &early("2025-03-01", ok)).unwrap().next.serious.is_empty());
    }

    /// 实施细则 第四十八条第一项 (no simple deregistration); 名单办法 [P] (no 告知承诺, key
    /// supervision); 国市监信发〔2022〕6号 as applied (C / D floors).
    #[test]
    fn effects_of_the_lists() {
        assert_eq!(effects(&company()), Effects::default());
        let a = list(&company(), AbnormalCause::Unreachable { verified_on: d("2024-09-03") }, "2024-09-03").next;
        let e = effects(&a);
        assert!(e.no_simple_deregistration && !e.no_notification_commitment && !e.key_supervision);
        assert_eq!(e.minimum_risk_class, Some(super::super::classify::RiskClass::C));
        let s = decide(&a, &heavier("2024-10-01", Tier::Province, false)).unwrap().next;
        let e = effects(&s);
        assert!(e.no_simple_deregistration && e.no_notification_commitment && e.key_supervision && e.no_honours);
        assert_eq!(e.minimum_risk_class, Some(super::super::classify::RiskClass::D));
    }

    /// 名录办法 [P, secondary]: listing within 10 workdays of the trigger, removal within 5 of
    /// the application.
    #[test]
    fn listing_and_removal_deadlines() {
        let cal = Calendar::builtin();
        // 2024-06-30 is a Sunday; 10 workdays: 1–5 July, 8–12 July.
        assert_eq!(
            listing_decision_due(&cal, AbnormalCause::AnnualReportMissing { year: 2023 }).unwrap(),
            d("2024-07-12")
        );
        // Applied Monday 2025-09-29 (30 Sep, then 1–8 Oct off): 30 Sep, 9, 10, 11 (worked Saturday), 13.
        assert_eq!(removal_decision_due(&cal, d("2025-09-29")).unwrap(), d("2025-10-13"));
        // Into 2027, on its provisional schedule (1 January off): 30, 31 Dec, 4, 5, 6 Jan.
        assert_eq!(removal_decision_due(&cal, d("2026-12-29")).unwrap(), d("2027-01-06"));
        assert_eq!(removal_decision_due(&cal, d("2099-12-29")).unwrap_err().code(), Code::CalendarYearNotCovered);
    }
}
