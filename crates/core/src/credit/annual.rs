//! Annual reports (年度报告) and instant disclosures (即时信息): the filing window, late filing,
//! corrections, the report's content split into what is published and what is not, the reports
//! missing, and when the abnormal listing for a missing report is due.
//!
//! Sources: 企业信息公示暂行条例 (国务院令第654号, 2014; revised by 国务院令第777号 in force
//! 2024-05-01, "条例"); 市场主体登记管理条例实施细则 (总局令第52号, "细则"); 企业经营异常名录
//! 管理暂行办法 (工商总局令第68号, "名录办法"); 个体工商户年度报告暂行办法 and 农民专业合作社
//! 年度报告公示暂行办法 (2014; both reportedly renamed without 暂行 in 2025, content of the
//! revision not verified [M]).
//!
//! Amounts are decimal strings in 万元 (ten thousand yuan), the unit of the report form on
//! 国家企业信用信息公示系统 (practice, not a text of law [M]), with at most four decimals
//! (one yuan), never floats.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Record, reversed, ymd};
use crate::calendar::{Calendar, Deadline};
use crate::error::{Code, Error, Result};
use crate::registry::EntityKind;

// The basis of a report follows the entity's form (`basis_for`); the declarations give an
// enterprise's.
crate::declare_events! {
    /// `credit.annual_report_filed`: the published part of an annual report ([`AnnualReportFiled`]).
    KIND_ANNUAL_REPORT_FILED, ANNUAL_REPORT_FILED = "credit.annual_report_filed",
        basis: "企业信息公示暂行条例 第八条、第九条；市场主体登记管理条例实施细则 第六十三条",
        zh: "年度报告", en: "annual report";
    /// `credit.annual_report_unpublished_filed`: the part the entity chose not to publish
    /// ([`AnnualReportUnpublished`]); restricted.
    KIND_ANNUAL_REPORT_UNPUBLISHED_FILED, ANNUAL_REPORT_UNPUBLISHED_FILED = "credit.annual_report_unpublished_filed",
        basis: "企业信息公示暂行条例 第八条、第九条；市场主体登记管理条例实施细则 第六十三条",
        zh: "年度报告（不公示部分）", en: "annual report (unpublished part)", restricted;
    /// `credit.annual_report_corrected`: a corrected published part ([`AnnualReportCorrected`]).
    /// The record before the correction stays public beside it (条例 第十二条).
    KIND_ANNUAL_REPORT_CORRECTED, ANNUAL_REPORT_CORRECTED = "credit.annual_report_corrected",
        basis: "企业信息公示暂行条例 第十二条", zh: "年度报告更正", en: "annual report corrected";
    /// `credit.annual_report_unpublished_corrected`: a corrected unpublished part
    /// ([`AnnualReportUnpublished`]); restricted.
    KIND_ANNUAL_REPORT_UNPUBLISHED_CORRECTED, ANNUAL_REPORT_UNPUBLISHED_CORRECTED =
        "credit.annual_report_unpublished_corrected",
        basis: "企业信息公示暂行条例 第十二条",
        zh: "年度报告更正（不公示部分）", en: "annual report corrected (unpublished part)", restricted;
    /// `credit.instant_disclosed`: an instant disclosure ([`InstantDisclosed`]).
    KIND_INSTANT_DISCLOSED, INSTANT_DISCLOSED = "credit.instant_disclosed",
        basis: "企业信息公示暂行条例 第十条", zh: "即时信息公示", en: "information disclosed";
    /// `credit.disclosure_ordered`: the authority orders an overdue disclosure within a period
    /// ([`DisclosureOrdered`]).
    KIND_DISCLOSURE_ORDERED, DISCLOSURE_ORDERED = "credit.disclosure_ordered",
        basis: "企业经营异常名录管理暂行办法 第七条；企业信息公示暂行条例 第十条",
        zh: "责令公示", en: "disclosure ordered";
}

/// 条例 第八条; 细则 第六十三条: the report for year Y is filed from 1 January to 30 June of
/// year Y + 1.
pub const REPORT_DEADLINE_MONTH_DAY: (u32, u32) = (6, 30);
/// 名录办法 第六条 [P, secondary]: the abnormal listing for a missing report is decided within
/// 10 workdays of the 30 June deadline.
pub const LISTING_DECISION_WORKDAYS: u32 = 10;
/// 条例 第十条: instant information is published within 20 workdays of its creation.
pub const INSTANT_DISCLOSURE_WORKDAYS: u32 = crate::calendar::deadlines::WORKDAYS_20;
/// 名录办法 第七条 [P, secondary]: the order to publish overdue instant information gives
/// 10 days (calendar days; the article's exact wording not read [M]).
pub const DISCLOSURE_ORDER_DAYS: u32 = 10;

/// The filing window of one year's annual report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportWindow {
    /// The year reported on.
    pub year: i32,
    /// 1 January of the following year.
    pub opens: NaiveDate,
    /// 30 June of the following year: the deadline (条例 第八条) and the last day for
    /// corrections (条例 第十二条).
    pub closes: NaiveDate,
}

/// 条例 第八条 (企业应当于每年1月1日至6月30日，通过企业信用信息公示系统向市场监督管理部门报送
/// 上一年度年度报告); 细则 第六十三条 (all market entities); 个体工商户 and 农民专业合作社 by their
/// own 办法 with the same window.
pub fn report_window(year: i32) -> Result<ReportWindow> {
    let next = year.checked_add(1).ok_or_else(|| Error::new(Code::DateOutOfRange))?;
    let (m, d) = REPORT_DEADLINE_MONTH_DAY;
    Ok(ReportWindow { year, opens: ymd(next, 1, 1)?, closes: ymd(next, m, d)? })
}

/// The first year an entity reports on: the year it was registered. 条例 第八条: 当年设立登记的
/// 企业，自下一年起报送并公示年度报告 — an entity registered in 2023 files its 2023 report in 2024.
pub fn first_report_year(established_on: NaiveDate) -> i32 {
    established_on.year()
}

/// Whether a report is on time or late.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timeliness {
    OnTime,
    /// Filed after 30 June: accepted (补报), but late; the entity may already be listed
    /// (名录办法 第六条、第十一条).
    Late,
}

/// Whether a report for `year` filed on `filed_on` is on time. Filing before the window opens
/// is refused (`credit_report_not_open`); filing late is allowed and late (条例 第八条).
pub fn filing_timeliness(year: i32, filed_on: NaiveDate) -> Result<Timeliness> {
    let w = report_window(year)?;
    if filed_on < w.opens {
        return Err(Error::new(Code::CreditReportNotOpen).with("year", year).with("opens", w.opens));
    }
    Ok(if filed_on <= w.closes { Timeliness::OnTime } else { Timeliness::Late })
}

/// The years whose report is missing on `today`: every year from the year of registration
/// whose deadline has passed (条例 第八条) and that is not in `filed_years`. The caller stops
/// the count at deregistration; 歇业 does not stop it (细则 第六十三条 requires suspended entities
/// to report too).
pub fn missing_reports(established_on: NaiveDate, filed_years: &[i32], today: NaiveDate) -> Result<Vec<i32>> {
    let mut out = Vec::new();
    for year in first_report_year(established_on)..today.year() {
        if today > report_window(year)?.closes && !filed_years.contains(&year) {
            out.push(year);
        }
    }
    Ok(out)
}

/// When the abnormal listing for a missing report of `year` is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingDue {
    pub year: i32,
    /// 30 June of year + 1 (条例 第八条).
    pub deadline: NaiveDate,
    /// The first day the entity can be listed: the day after the deadline.
    pub list_from: NaiveDate,
    /// 名录办法 第六条 [P, secondary]: the decision within 10 workdays of the deadline.
    pub decide_by: NaiveDate,
    /// Whether `decide_by` counts a day of a year whose holiday schedule is provisional (暂定,
    /// [`crate::calendar::Deadline::provisional`]): it may move when that year is imported.
    pub provisional: bool,
}

/// When the automatic listing for a missing report is due (名录办法 第六条; the 10 workdays are
/// [P, secondary]). For the 2026 report the deadline is in 2027, counted on its provisional
/// schedule until an administrator imports the published one.
pub fn listing_due(cal: &Calendar, year: i32) -> Result<ListingDue> {
    let w = report_window(year)?;
    let list_from = super::next_day(w.closes)?;
    let decide_by = cal.workday_deadline(w.closes, LISTING_DECISION_WORKDAYS)?;
    Ok(ListingDue {
        year,
        deadline: w.closes,
        list_from,
        decide_by: decide_by.date,
        provisional: decide_by.provisional,
    })
}

/// Which report form applies: enterprises (条例 第九条), individual businesses (个体工商户年度报告
/// 暂行办法) and farmers' cooperatives (农民专业合作社年度报告公示暂行办法).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportForm {
    Enterprise,
    IndividualBusiness,
    FarmerCooperative,
}

impl ReportForm {
    pub fn for_kind(kind: EntityKind) -> ReportForm {
        match kind {
            EntityKind::IndividualBusiness => ReportForm::IndividualBusiness,
            EntityKind::FarmerCooperative => ReportForm::FarmerCooperative,
            _ => ReportForm::Enterprise,
        }
    }
}

/// 存续状态 (条例 第九条第二项).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperatingState {
    /// 开业
    Operating,
    /// 歇业
    Suspended,
    /// 清算
    Liquidating,
}

/// Contact details (条例 第九条第一项): published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// 通信地址
    pub address: String,
    /// 邮政编码: six digits.
    pub postcode: String,
    /// 联系电话
    pub phone: String,
    /// 电子邮箱
    pub email: Option<String>,
}

/// 网站或网店 (条例 第九条第六项): published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Website {
    /// A shop on a platform (网店) rather than a site of its own (网站).
    pub shop: bool,
    pub name: String,
    pub url: String,
}

/// 对外投资设立企业、购买股权 (条例 第九条第三项): published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Investment {
    /// The enterprise invested in.
    pub name: String,
    /// Its credit code, when known.
    pub uscc: Option<String>,
}

/// A shareholder's or promoter's subscribed and paid contributions (条例 第九条第四项: companies
/// only): published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    /// 股东（发起人）
    pub investor: String,
    /// 认缴出资额 (万元)
    pub subscribed: String,
    /// 认缴出资时间
    pub subscribed_on: Option<NaiveDate>,
    /// 认缴出资方式 (货币, 实物, 知识产权 …)
    pub subscribed_form: String,
    /// 实缴出资额 (万元)
    pub paid: String,
    /// 实缴出资时间
    pub paid_on: Option<NaiveDate>,
    /// 实缴出资方式
    pub paid_form: String,
}

/// An equity transfer (条例 第九条第五项: 有限责任公司): published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EquityTransfer {
    pub shareholder: String,
    /// 变更前股权比例 (%), a decimal string from 0 to 100.
    pub share_before: String,
    /// 变更后股权比例 (%)
    pub share_after: String,
    pub changed_on: NaiveDate,
}

/// The figures of 条例 第九条第七项 (and the simpler forms' figures), which the entity chooses
/// to publish or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// 资产总额
    TotalAssets,
    /// 负债总额
    TotalLiabilities,
    /// 对外提供保证担保
    GuaranteesProvided,
    /// 所有者权益合计 (may be negative)
    OwnersEquity,
    /// 营业总收入 (个体工商户: 营业额或营业收入; 合作社: 营业总收入/销售额)
    Revenue,
    /// 主营业务收入
    MainRevenue,
    /// 利润总额 (may be negative)
    TotalProfit,
    /// 净利润 (may be negative)
    NetProfit,
    /// 纳税总额
    TaxPaid,
    /// 盈余总额 (合作社; may be negative)
    Surplus,
}

impl FigureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::TotalAssets => "total_assets",
            FigureKind::TotalLiabilities => "total_liabilities",
            FigureKind::GuaranteesProvided => "guarantees_provided",
            FigureKind::OwnersEquity => "owners_equity",
            FigureKind::Revenue => "revenue",
            FigureKind::MainRevenue => "main_revenue",
            FigureKind::TotalProfit => "total_profit",
            FigureKind::NetProfit => "net_profit",
            FigureKind::TaxPaid => "tax_paid",
            FigureKind::Surplus => "surplus",
        }
    }

    fn may_be_negative(self) -> bool {
        matches!(self, FigureKind::OwnersEquity | FigureKind::TotalProfit | FigureKind::NetProfit | FigureKind::Surplus)
    }

    /// Which figures each form has. Enterprises: 条例 第九条第七项. Individual businesses:
    /// 营业额 and 纳税额 (个体工商户年度报告暂行办法, article not read [M]). Cooperatives: assets,
    /// liabilities, revenue, surplus and tax (农民专业合作社年度报告公示暂行办法, article and exact
    /// list not read [M]).
    pub fn allowed(self, form: ReportForm) -> bool {
        match form {
            ReportForm::Enterprise => self != FigureKind::Surplus,
            ReportForm::IndividualBusiness => matches!(self, FigureKind::Revenue | FigureKind::TaxPaid),
            ReportForm::FarmerCooperative => matches!(
                self,
                FigureKind::TotalAssets
                    | FigureKind::TotalLiabilities
                    | FigureKind::Revenue
                    | FigureKind::Surplus
                    | FigureKind::TaxPaid
            ),
        }
    }
}

/// One figure with the entity's choice to publish it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub kind: FigureKind,
    /// 万元, a decimal string.
    pub amount: String,
    /// 条例 第九条: the entity chooses whether to publish the 第七项 figures.
    pub published: bool,
}

/// A figure as recorded, without the choice (the event it is in says which part it belongs to).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureValue {
    pub kind: FigureKind,
    pub amount: String,
}

/// A count with the entity's choice to publish it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub value: u32,
    pub published: bool,
}

/// An annual report as the entity files it. [`AnnualReport::check`] checks it against the form
/// of the entity's kind; [`AnnualReport::split`] separates the published part from the part the
/// entity chose not to publish, which the caller records as a restricted event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualReport {
    /// The year reported on.
    pub year: i32,
    pub contact: Contact,
    pub state: OperatingState,
    pub websites: Vec<Website>,
    /// Enterprises only.
    pub investments: Vec<Investment>,
    /// Companies only (条例 第九条第四项).
    pub contributions: Vec<Contribution>,
    /// Limited companies only (条例 第九条第五项).
    pub equity_transfers: Vec<EquityTransfer>,
    /// 从业人数 (条例 第九条第七项: the entity may choose not to publish it).
    pub employees: Option<Count>,
    /// 成员人数 (cooperatives only; published [M]).
    pub members: Option<u32>,
    pub figures: Vec<Figure>,
}

/// The published part of an annual report (条例 第九条第一项至第六项, and what the entity chose
/// to publish of 第七项): what 国家企业信用信息公示系统 shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPublic {
    pub year: i32,
    pub form: ReportForm,
    pub contact: Contact,
    pub state: OperatingState,
    pub websites: Vec<Website>,
    pub investments: Vec<Investment>,
    pub contributions: Vec<Contribution>,
    pub equity_transfers: Vec<EquityTransfer>,
    pub employees: Option<u32>,
    pub members: Option<u32>,
    pub figures: Vec<FigureValue>,
}

/// The part the entity chose not to publish. 条例 第九条: others may see it only with the
/// entity's consent, so it is recorded as a restricted event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportUnpublished {
    pub year: i32,
    pub employees: Option<u32>,
    pub figures: Vec<FigureValue>,
}

impl ReportUnpublished {
    pub fn is_empty(&self) -> bool {
        self.employees.is_none() && self.figures.is_empty()
    }
}

/// A website's address as it is published (条例 第九条第六项) and shown as a link: `http://`
/// or `https://`, a host, and no spaces, quotes or angle brackets. Anything else (`javascript:`,
/// `data:`, a scheme-relative `//host`) would run or load something in the reader's browser.
fn web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let bad = |c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\'' | '`' | '\\');
    !host.is_empty() && !host.starts_with('@') && !url.chars().any(bad)
}

fn field_error(field: &str, reason: &str) -> Error {
    Error::new(Code::CreditReportField).with("field", field).with("reason", reason)
}

/// Checks a decimal amount: an optional `-` (where allowed), digits without leading zeros, and
/// at most four decimals (万元 to the yuan).
pub fn check_amount(field: &str, value: &str, allow_negative: bool) -> Result<()> {
    let bad = || Error::new(Code::CreditAmount).with("field", field).with("value", value);
    let unsigned = match value.strip_prefix('-') {
        Some(rest) if allow_negative => rest,
        Some(_) => return Err(bad()),
        None => value,
    };
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || (int.len() > 1 && int.starts_with('0')) || int.len() > 15 {
        return Err(bad());
    }
    if let Some(f) = frac
        && (!digits(f) || f.len() > 4)
    {
        return Err(bad());
    }
    Ok(())
}

fn check_percent(field: &str, value: &str) -> Result<()> {
    check_amount(field, value, false)?;
    let int: u32 = value.split('.').next().and_then(|i| i.parse().ok()).unwrap_or(u32::MAX);
    let frac_zero = value.split_once('.').is_none_or(|(_, f)| f.bytes().all(|b| b == b'0'));
    if int > 100 || (int == 100 && !frac_zero) {
        return Err(field_error(field, "比例应在0至100之间 / a share is between 0 and 100"));
    }
    Ok(())
}

impl AnnualReport {
    /// Checks the report against the form of `kind`: contact details (条例 第九条第一项),
    /// contributions only for companies (第四项), equity transfers only for limited companies
    /// (第五项), investments and guarantees only for enterprises, figures the form has, each at
    /// most once, amounts as decimal strings. Foreign-invested entities are treated as
    /// companies here (they are mostly companies; a foreign-invested partnership's report is
    /// not distinguished [M]).
    pub fn check(&self, kind: EntityKind) -> Result<()> {
        let form = ReportForm::for_kind(kind);
        let c = &self.contact;
        if c.address.trim().is_empty() {
            return Err(field_error("contact.address", "不能为空 / empty"));
        }
        if c.postcode.len() != 6 || !c.postcode.bytes().all(|b| b.is_ascii_digit()) {
            return Err(field_error("contact.postcode", "邮政编码为6位数字 / a postcode is six digits"));
        }
        let phone_ok = |p: &str| {
            let n = p.bytes().filter(u8::is_ascii_digit).count();
            (5..=20).contains(&n) && p.bytes().all(|b| b.is_ascii_digit() || b"-+ ()".contains(&b))
        };
        if !phone_ok(&c.phone) {
            return Err(field_error("contact.phone", "电话号码格式有误 / not a telephone number"));
        }
        if let Some(email) = &c.email {
            let ok = email.split_once('@').is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !b.contains('@'));
            if !ok {
                return Err(field_error("contact.email", "电子邮箱格式有误 / not an e-mail address"));
            }
        }
        for w in &self.websites {
            if w.name.trim().is_empty() || w.url.trim().is_empty() {
                return Err(field_error("websites", "名称和网址不能为空 / name and address are required"));
            }
            if !web_address(w.url.trim()) {
                return Err(field_error(
                    "websites",
                    "网址应以 http:// 或 https:// 开头 / an address starts http:// or https://",
                ));
            }
        }
        let companies =
            matches!(kind, EntityKind::LimitedCompany | EntityKind::JointStockCompany | EntityKind::ForeignInvested);
        let limited = matches!(kind, EntityKind::LimitedCompany | EntityKind::ForeignInvested);
        if !self.contributions.is_empty() && !companies {
            return Err(field_error("contributions", "仅公司报送股东出资信息 / only companies report contributions"));
        }
        if !self.equity_transfers.is_empty() && !limited {
            return Err(field_error(
                "equity_transfers",
                "仅有限责任公司报送股权转让信息 / only limited companies report equity transfers",
            ));
        }
        if !self.investments.is_empty() && form != ReportForm::Enterprise {
            return Err(field_error("investments", "仅企业报送对外投资信息 / only enterprises report investments"));
        }
        if self.members.is_some() && form != ReportForm::FarmerCooperative {
            return Err(field_error("members", "仅农民专业合作社报送成员人数 / only cooperatives report members"));
        }
        for ct in &self.contributions {
            if ct.investor.trim().is_empty() {
                return Err(field_error("contributions.investor", "不能为空 / empty"));
            }
            check_amount("contributions.subscribed", &ct.subscribed, false)?;
            check_amount("contributions.paid", &ct.paid, false)?;
        }
        for t in &self.equity_transfers {
            if t.shareholder.trim().is_empty() {
                return Err(field_error("equity_transfers.shareholder", "不能为空 / empty"));
            }
            check_percent("equity_transfers.share_before", &t.share_before)?;
            check_percent("equity_transfers.share_after", &t.share_after)?;
        }
        let mut seen: Vec<FigureKind> = Vec::with_capacity(self.figures.len());
        for f in &self.figures {
            if !f.kind.allowed(form) {
                return Err(field_error(f.kind.as_str(), "该类主体的年度报告无此项 / not part of this form"));
            }
            if seen.contains(&f.kind) {
                return Err(field_error(f.kind.as_str(), "重复填报 / reported twice"));
            }
            seen.push(f.kind);
            check_amount(f.kind.as_str(), &f.amount, f.kind.may_be_negative())?;
        }
        Ok(())
    }

    /// Splits the report into the published part and the part the entity chose not to publish
    /// (条例 第九条第二款: 第一项至第六项 public, 第七项 at the entity's choice).
    pub fn split(&self, kind: EntityKind) -> (ReportPublic, ReportUnpublished) {
        let form = ReportForm::for_kind(kind);
        let value = |f: &Figure| FigureValue { kind: f.kind, amount: f.amount.clone() };
        let public = ReportPublic {
            year: self.year,
            form,
            contact: self.contact.clone(),
            state: self.state,
            websites: self.websites.clone(),
            investments: self.investments.clone(),
            contributions: self.contributions.clone(),
            equity_transfers: self.equity_transfers.clone(),
            employees: self.employees.filter(|c| c.published).map(|c| c.value),
            members: self.members,
            figures: self.figures.iter().filter(|f| f.published).map(value).collect(),
        };
        let unpublished = ReportUnpublished {
            year: self.year,
            employees: self.employees.filter(|c| !c.published).map(|c| c.value),
            figures: self.figures.iter().filter(|f| !f.published).map(value).collect(),
        };
        (public, unpublished)
    }
}

/// Data of `credit.annual_report_filed`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualReportFiled {
    pub year: i32,
    pub filed_on: NaiveDate,
    /// Filed after 30 June (补报).
    pub late: bool,
    pub report: ReportPublic,
}

/// Data of `credit.annual_report_corrected`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualReportCorrected {
    pub year: i32,
    pub corrected_on: NaiveDate,
    pub report: ReportPublic,
}

/// Data of `credit.annual_report_unpublished_filed` and
/// `credit.annual_report_unpublished_corrected` (restricted).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualReportUnpublished {
    pub year: i32,
    /// The day it was filed or corrected.
    pub on: NaiveDate,
    pub part: ReportUnpublished,
}

/// What to record for a filed or corrected report: the public event, and the restricted one
/// when the entity withheld anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filing<P> {
    pub public: Record<P>,
    /// Record as `Publicity::Restricted`.
    pub restricted: Option<Record<AnnualReportUnpublished>>,
}

/// Files the report of `report.year` on `filed_on` for an entity of `kind` registered on
/// `established_on`. Refused when the window has not opened (条例 第八条), when the year is
/// before registration (条例 第八条: 自下一年起报送), when already filed (the entity corrects it
/// instead, 第十二条), or when the report does not fit the form. Late filing is accepted and
/// marked late.
pub fn file_report(
    report: &AnnualReport,
    kind: EntityKind,
    established_on: NaiveDate,
    already_filed: bool,
    filed_on: NaiveDate,
) -> Result<Filing<AnnualReportFiled>> {
    let year = report.year;
    if year < first_report_year(established_on) {
        return Err(Error::new(Code::CreditReportNotDue)
            .with("year", year)
            .with("reason", format!("{established_on}设立 / registered on {established_on}")));
    }
    let timeliness = filing_timeliness(year, filed_on)?;
    if already_filed {
        return Err(Error::new(Code::CreditReportDuplicate).with("year", year));
    }
    report.check(kind)?;
    let (public, unpublished) = report.split(kind);
    let basis = basis_for(ReportForm::for_kind(kind));
    Ok(Filing {
        public: Record {
            kind: KIND_ANNUAL_REPORT_FILED,
            basis,
            data: AnnualReportFiled { year, filed_on, late: timeliness == Timeliness::Late, report: public },
        },
        restricted: (!unpublished.is_empty()).then_some(Record {
            kind: KIND_ANNUAL_REPORT_UNPUBLISHED_FILED,
            basis,
            data: AnnualReportUnpublished { year, on: filed_on, part: unpublished },
        }),
    })
}

/// Corrects a filed report. 条例 第十二条: 企业年度报告公示信息的更正应当在每年6月30日之前完成;
/// 更正前后的信息应当同时公示 (so the correction is a new event beside the original). A report
/// filed late can therefore no longer be corrected by the entity in the same year; applying
/// the same deadline to individual businesses and cooperatives follows their 办法 by analogy
/// [M].
pub fn correct_report(
    report: &AnnualReport,
    kind: EntityKind,
    filed: bool,
    corrected_on: NaiveDate,
) -> Result<Filing<AnnualReportCorrected>> {
    let year = report.year;
    if !filed {
        return Err(Error::new(Code::CreditReportNotFiled).with("year", year));
    }
    let w = report_window(year)?;
    if corrected_on > w.closes {
        return Err(Error::new(Code::CreditCorrectionClosed).with("year", year).with("deadline", w.closes));
    }
    if corrected_on < w.opens {
        return Err(reversed(w.opens, corrected_on));
    }
    report.check(kind)?;
    let (public, unpublished) = report.split(kind);
    Ok(Filing {
        public: Record {
            kind: KIND_ANNUAL_REPORT_CORRECTED,
            basis: "企业信息公示暂行条例 第十二条",
            data: AnnualReportCorrected { year, corrected_on, report: public },
        },
        // A correction restates the whole unpublished part, even when empty, so that a figure
        // moved to the published part does not linger in the restricted record.
        restricted: Some(Record {
            kind: KIND_ANNUAL_REPORT_UNPUBLISHED_CORRECTED,
            basis: "企业信息公示暂行条例 第十二条",
            data: AnnualReportUnpublished { year, on: corrected_on, part: unpublished },
        }),
    })
}

fn basis_for(form: ReportForm) -> &'static str {
    match form {
        ReportForm::Enterprise => "企业信息公示暂行条例 第八条、第九条；市场主体登记管理条例实施细则 第六十三条",
        ReportForm::IndividualBusiness => "个体工商户年度报告暂行办法；市场主体登记管理条例实施细则 第六十三条",
        ReportForm::FarmerCooperative => "农民专业合作社年度报告公示暂行办法；市场主体登记管理条例实施细则 第六十三条",
    }
}

/// The instant information of 条例 第十条.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstantItem {
    /// (一) 股东认缴和实缴的出资额、出资时间、出资方式
    CapitalContribution,
    /// (二) 股权转让等股权变更
    EquityChange,
    /// (三) 行政许可取得、变更、延续
    Licence,
    /// (四) 知识产权出质登记
    IpPledge,
    /// (五) 受到行政处罚
    Penalty,
    /// (六) 其他依法应当公示的信息
    Other,
}

/// 条例 第十条: instant information is published within 20 workdays of its creation
/// (自信息形成之日起20个工作日内). Fails with `calendar_year_not_covered` when the period runs into
/// a year the calendar cannot count (no official schedule and beyond the provisional years).
/// The day is marked provisional (暂定) when a day counted lies in a year whose schedule is not
/// yet published.
pub fn instant_disclosure_due(cal: &Calendar, occurred_on: NaiveDate) -> Result<Deadline> {
    cal.workday_deadline(occurred_on, INSTANT_DISCLOSURE_WORKDAYS)
}

/// Data of `credit.instant_disclosed`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstantDisclosed {
    pub item: InstantItem,
    /// The day the information was created (信息形成之日).
    pub occurred_on: NaiveDate,
    pub disclosed_on: NaiveDate,
    /// 20 workdays after `occurred_on` (条例 第十条).
    pub due_on: NaiveDate,
    /// Whether `due_on` was counted on a provisional schedule (暂定) when the disclosure was
    /// recorded; absent in records made before the flag existed.
    #[serde(default)]
    pub due_provisional: bool,
    pub late: bool,
    /// What is disclosed, as the entity words it.
    pub summary: String,
    /// An amount involved (万元), if any.
    pub amount: Option<String>,
}

/// Records an instant disclosure (条例 第十条). Only enterprises have the duty: the 条例 covers
/// enterprises, and no instant-disclosure duty of individual businesses was found [M].
pub fn disclose_instant(
    cal: &Calendar,
    kind: EntityKind,
    item: InstantItem,
    occurred_on: NaiveDate,
    disclosed_on: NaiveDate,
    summary: &str,
    amount: Option<&str>,
) -> Result<Record<InstantDisclosed>> {
    if kind == EntityKind::IndividualBusiness {
        return Err(super::ineligible(
            "个体工商户无即时信息公示义务 / individual businesses have no instant disclosures",
        ));
    }
    if disclosed_on < occurred_on {
        return Err(reversed(occurred_on, disclosed_on));
    }
    if summary.trim().is_empty() {
        return Err(field_error("summary", "不能为空 / empty"));
    }
    if let Some(a) = amount {
        check_amount("amount", a, false)?;
    }
    let due = instant_disclosure_due(cal, occurred_on)?;
    let due_on = due.date;
    Ok(Record {
        kind: KIND_INSTANT_DISCLOSED,
        basis: "企业信息公示暂行条例 第十条",
        data: InstantDisclosed {
            item,
            occurred_on,
            disclosed_on,
            due_on,
            due_provisional: due.provisional,
            late: disclosed_on > due_on,
            summary: summary.trim().to_string(),
            amount: amount.map(str::to_string),
        },
    })
}

/// Data of `credit.disclosure_ordered`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisclosureOrdered {
    pub item: InstantItem,
    pub occurred_on: NaiveDate,
    pub ordered_on: NaiveDate,
    /// The end of the ordered period; not publishing by then is the second ground for the
    /// abnormal list (名录办法 第七条).
    pub due_on: NaiveDate,
    /// Whether `due_on` was counted on a provisional schedule (暂定) when the order was
    /// recorded; absent in records made before the flag existed.
    #[serde(default)]
    pub due_provisional: bool,
}

/// The authority orders an overdue instant disclosure (责令限期履行, 名录办法 第四条第二项、
/// 第七条; the 10-day period is [P, secondary], counted in calendar days under 民法典
/// 第二百零一条、第二百零三条). Only after the 20 workdays of 条例 第十条 have passed.
pub fn order_disclosure(
    cal: &Calendar,
    item: InstantItem,
    occurred_on: NaiveDate,
    ordered_on: NaiveDate,
) -> Result<Record<DisclosureOrdered>> {
    let due = instant_disclosure_due(cal, occurred_on)?.date;
    if ordered_on <= due {
        return Err(super::too_early(
            super::next_day(due)?,
            "即时信息公示期限20个工作日届满后 / after the 20 workdays of 条例 第十条",
        ));
    }
    let period = cal.period_deadline(ordered_on, DISCLOSURE_ORDER_DAYS)?;
    Ok(Record {
        kind: KIND_DISCLOSURE_ORDERED,
        basis: "企业经营异常名录管理暂行办法 第七条；企业信息公示暂行条例 第十条",
        data: DisclosureOrdered {
            item,
            occurred_on,
            ordered_on,
            due_on: period.date,
            due_provisional: period.provisional,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::super::d;
    use super::*;

    fn cal() -> Calendar {
        Calendar::builtin()
    }

    fn report(year: i32) -> AnnualReport {
        AnnualReport {
            year,
            contact: Contact {
                address: "湖北省武汉市江岸区沿江大道100号".into(),
                postcode: "430014".into(),
                phone: "027-85551234".into(),
                email: Some("office@example.cn".into()),
            },
            state: OperatingState::Operating,
            websites: vec![Website { shop: false, name: "官网".into(), url: "https://example.cn".into() }],
            investments: vec![],
            contributions: vec![Contribution {
                investor: "张三".into(),
                subscribed: "100".into(),
                subscribed_on: Some(d("2029-12-31")),
                subscribed_form: "货币".into(),
                paid: "20.5".into(),
                paid_on: Some(d("2023-03-01")),
                paid_form: "货币".into(),
            }],
            equity_transfers: vec![],
            employees: Some(Count { value: 12, published: false }),
            members: None,
            figures: vec![
                Figure { kind: FigureKind::TotalAssets, amount: "350.1234".into(), published: true },
                Figure { kind: FigureKind::NetProfit, amount: "-12.5".into(), published: false },
                Figure { kind: FigureKind::TaxPaid, amount: "3".into(), published: false },
            ],
        }
    }

    /// 条例 第九条第六项: a website is published as a link, so only web addresses are taken.
    #[test]
    fn websites_are_web_addresses() {
        for (url, ok) in [
            ("https://example.cn", true),
            ("http://www.例子.中国/shop?id=1", true),
            ("javascript:alert(1)", false),
            ("JavaScript://example.cn/%0aalert(1)", false),
            ("data:text/html,<script>", false),
            ("//example.cn", false),
            ("https://", false),
            ("https://example.cn/\"onmouseover=", false),
        ] {
            assert_eq!(web_address(url), ok, "{url}");
        }
        let mut r = report(2023);
        r.websites = vec![Website { shop: false, name: "官网".into(), url: "javascript:alert(1)".into() }];
        let e = r.check(EntityKind::LimitedCompany).unwrap_err();
        assert_eq!(e.detail("field"), Some("websites"));
    }

    /// 企业信息公示暂行条例 第八条; 实施细则 第六十三条: 1 January – 30 June of the next year.
    #[test]
    fn the_window_is_january_to_june_of_the_next_year() {
        let w = report_window(2024).unwrap();
        assert_eq!((w.opens, w.closes), (d("2025-01-01"), d("2025-06-30")));
        assert_eq!(filing_timeliness(2024, d("2025-01-01")).unwrap(), Timeliness::OnTime);
        assert_eq!(filing_timeliness(2024, d("2025-06-30")).unwrap(), Timeliness::OnTime);
        assert_eq!(filing_timeliness(2024, d("2025-07-01")).unwrap(), Timeliness::Late);
        assert_eq!(filing_timeliness(2024, d("2026-11-01")).unwrap(), Timeliness::Late);
        let e = filing_timeliness(2024, d("2024-12-31")).unwrap_err();
        assert_eq!((e.code(), e.detail("opens")), (Code::CreditReportNotOpen, Some("2025-01-01")));
    }

    /// 企业信息公示暂行条例 第八条: late filing is accepted and marked late; the first report is
    /// for the year of registration, filed the next year; no second filing of the same year.
    #[test]
    fn filing_marks_late_reports_and_refuses_duplicates() {
        let r = report(2023);
        let f = file_report(&r, EntityKind::LimitedCompany, d("2022-05-01"), false, d("2024-03-01")).unwrap();
        assert_eq!((f.public.kind, f.public.data.late), (KIND_ANNUAL_REPORT_FILED, false));
        let f = file_report(&r, EntityKind::LimitedCompany, d("2022-05-01"), false, d("2024-08-01")).unwrap();
        assert!(f.public.data.late);
        let e = file_report(&r, EntityKind::LimitedCompany, d("2022-05-01"), true, d("2024-03-01")).unwrap_err();
        assert_eq!(e.code(), Code::CreditReportDuplicate);
        let e = file_report(&r, EntityKind::LimitedCompany, d("2024-01-05"), false, d("2024-03-01")).unwrap_err();
        assert_eq!(e.code(), Code::CreditReportNotDue);
        // Registered in 2023: the 2023 report is due in 2024.
        assert!(file_report(&r, EntityKind::LimitedCompany, d("2023-12-28"), false, d("2024-03-01")).is_ok());
    }

    /// 企业信息公示暂行条例 第九条: 第一项至第六项 public, 第七项 at the entity's choice; the
    /// withheld part goes to a separate (restricted) event.
    #[test]
    fn the_unpublished_part_is_a_separate_record() {
        let f =
            file_report(&report(2023), EntityKind::LimitedCompany, d("2020-01-01"), false, d("2024-03-01")).unwrap();
        let first = f.public.data.clone();
        let public = &f.public.data.report;
        assert_eq!(public.employees, None);
        assert_eq!(public.figures, vec![FigureValue { kind: FigureKind::TotalAssets, amount: "350.1234".into() }]);
        assert_eq!(public.contributions.len(), 1);
        let restricted = f.restricted.unwrap();
        assert_eq!(restricted.kind, KIND_ANNUAL_REPORT_UNPUBLISHED_FILED);
        assert_eq!(restricted.data.part.employees, Some(12));
        assert_eq!(restricted.data.part.figures.len(), 2);
        // The public JSON carries no trace of the withheld figures, and no fractional numbers.
        let json = f.public.data_json().unwrap();
        let text = crate::event::canonical_json(&json).unwrap();
        assert!(!text.contains("net_profit") && !text.contains("-12.5"), "{text}");
        // Everything published: no restricted record.
        let mut all = report(2023);
        all.employees = Some(Count { value: 3, published: true });
        all.figures.iter_mut().for_each(|f| f.published = true);
        let f = file_report(&all, EntityKind::LimitedCompany, d("2020-01-01"), false, d("2024-03-01")).unwrap();
        assert!(f.restricted.is_none());
        // Round trip of the data type.
        let back: AnnualReportFiled = serde_json::from_value(json).unwrap();
        assert_eq!(back, first);
    }

    /// 企业信息公示暂行条例 第九条第四项、第五项 (companies, limited companies); the simpler forms
    /// of 个体工商户 and 农民专业合作社 ([M] for their exact lists).
    #[test]
    fn the_form_depends_on_the_kind() {
        let r = report(2023);
        assert!(r.check(EntityKind::LimitedCompany).is_ok());
        let e = r.check(EntityKind::GeneralPartnership).unwrap_err();
        assert_eq!((e.code(), e.detail("field")), (Code::CreditReportField, Some("contributions")));
        let mut ib = report(2023);
        ib.contributions.clear();
        assert_eq!(ib.check(EntityKind::IndividualBusiness).unwrap_err().detail("field"), Some("total_assets"));
        ib.figures = vec![
            Figure { kind: FigureKind::Revenue, amount: "12".into(), published: false },
            Figure { kind: FigureKind::TaxPaid, amount: "0.3".into(), published: true },
        ];
        assert!(ib.check(EntityKind::IndividualBusiness).is_ok());
        let mut coop = ib.clone();
        coop.members = Some(8);
        coop.figures.push(Figure { kind: FigureKind::Surplus, amount: "-1".into(), published: true });
        assert!(coop.check(EntityKind::FarmerCooperative).is_ok());
        assert_eq!(coop.check(EntityKind::IndividualBusiness).unwrap_err().detail("field"), Some("members"));
        let mut lp = report(2023);
        lp.contributions.clear();
        lp.equity_transfers.push(EquityTransfer {
            shareholder: "李四".into(),
            share_before: "40".into(),
            share_after: "100.00".into(),
            changed_on: d("2023-05-01"),
        });
        assert!(lp.check(EntityKind::LimitedCompany).is_ok());
        assert_eq!(lp.check(EntityKind::JointStockCompany).unwrap_err().detail("field"), Some("equity_transfers"));
        lp.equity_transfers[0].share_after = "100.5".into();
        assert_eq!(lp.check(EntityKind::LimitedCompany).unwrap_err().code(), Code::CreditReportField);
    }

    /// Amounts are decimal strings, never floats (ARCHITECTURE.md, the canonical record).
    #[test]
    fn amounts_are_checked_decimal_strings() {
        for ok in ["0", "0.5", "12", "12.3456", "100000000"] {
            assert!(check_amount("x", ok, false).is_ok(), "{ok}");
        }
        for bad in ["", "-1", "01", "1.", ".5", "1.23456", "1e3", "1,000", " 1", "NaN"] {
            assert_eq!(check_amount("x", bad, false).unwrap_err().code(), Code::CreditAmount, "{bad}");
        }
        assert!(check_amount("x", "-0.5", true).is_ok());
        let mut r = report(2023);
        r.figures[0].amount = "-1".into();
        assert_eq!(r.check(EntityKind::LimitedCompany).unwrap_err().code(), Code::CreditAmount);
        let mut r = report(2023);
        r.figures.push(Figure { kind: FigureKind::TotalAssets, amount: "1".into(), published: true });
        assert_eq!(
            r.check(EntityKind::LimitedCompany).unwrap_err().detail("reason"),
            Some("重复填报 / reported twice")
        );
        let mut r = report(2023);
        r.contact.postcode = "43001".into();
        assert_eq!(r.check(EntityKind::LimitedCompany).unwrap_err().detail("field"), Some("contact.postcode"));
        let mut r = report(2023);
        r.contact.email = Some("office.example.cn".into());
        assert_eq!(r.check(EntityKind::LimitedCompany).unwrap_err().detail("field"), Some("contact.email"));
    }

    /// 企业信息公示暂行条例 第十二条: corrections until 30 June; both versions stay public.
    #[test]
    fn corrections_until_the_end_of_june() {
        let r = report(2023);
        let c = correct_report(&r, EntityKind::LimitedCompany, true, d("2024-06-30")).unwrap();
        assert_eq!(c.public.kind, KIND_ANNUAL_REPORT_CORRECTED);
        assert_eq!(c.restricted.unwrap().kind, KIND_ANNUAL_REPORT_UNPUBLISHED_CORRECTED);
        let e = correct_report(&r, EntityKind::LimitedCompany, true, d("2024-07-01")).unwrap_err();
        assert_eq!((e.code(), e.detail("deadline")), (Code::CreditCorrectionClosed, Some("2024-06-30")));
        let e = correct_report(&r, EntityKind::LimitedCompany, false, d("2024-05-01")).unwrap_err();
        assert_eq!(e.code(), Code::CreditReportNotFiled);
    }

    /// 企业信息公示暂行条例 第八条: the reports missing once their deadline has passed.
    #[test]
    fn missing_reports_after_the_deadline() {
        let est = d("2021-09-15");
        assert_eq!(missing_reports(est, &[2021], d("2023-06-30")).unwrap(), Vec::<i32>::new());
        assert_eq!(missing_reports(est, &[2021], d("2023-07-01")).unwrap(), vec![2022]);
        assert_eq!(missing_reports(est, &[2022], d("2025-01-10")).unwrap(), vec![2021, 2023]);
        assert_eq!(missing_reports(d("2024-03-01"), &[], d("2024-12-31")).unwrap(), Vec::<i32>::new());
    }

    /// 企业经营异常名录管理暂行办法 第六条 [P, secondary]: listing decided within 10 workdays
    /// of 30 June; beyond the shipped calendar it is an error, not a guess.
    #[test]
    fn listing_is_due_within_ten_workdays_of_the_deadline() {
        let due = listing_due(&cal(), 2024).unwrap();
        assert_eq!((due.deadline, due.list_from), (d("2025-06-30"), d("2025-07-01")));
        // 2025-06-30 is a Monday; 10 workdays later: Monday 14 July.
        assert_eq!((due.decide_by, due.provisional), (d("2025-07-14"), false));
        // 2027-06-30 is on 2027's provisional schedule; 10 workdays later: Wednesday 14 July, 暂定.
        let due = listing_due(&cal(), 2026).unwrap();
        assert_eq!((due.decide_by, due.provisional), (d("2027-07-14"), true));
        assert_eq!(listing_due(&cal(), 2099).unwrap_err().code(), Code::CalendarYearNotCovered);
    }

    /// 企业信息公示暂行条例 第十条: instant information within 20 workdays.
    #[test]
    fn instant_disclosures_are_due_in_twenty_workdays() {
        let c = cal();
        // From Friday 2025-09-19: 22–26 (5), 28 Sep worked Sunday (6), 29–30 (8), 1–8 Oct off,
        // 9–10 (10), 11 Oct worked Saturday (11), 13–17 (16), 20–23 (20).
        assert_eq!(instant_disclosure_due(&c, d("2025-09-19")).unwrap().date, d("2025-10-23"));
        assert!(!instant_disclosure_due(&c, d("2025-09-19")).unwrap().provisional);
        let r = disclose_instant(
            &c,
            EntityKind::LimitedCompany,
            InstantItem::CapitalContribution,
            d("2025-09-19"),
            d("2025-10-24"),
            "股东张三实缴出资20万元",
            Some("20"),
        )
        .unwrap();
        assert_eq!((r.kind, r.data.late, r.data.due_on), (KIND_INSTANT_DISCLOSED, true, d("2025-10-23")));
        let e = disclose_instant(
            &c,
            EntityKind::IndividualBusiness,
            InstantItem::Licence,
            d("2025-09-19"),
            d("2025-09-20"),
            "x",
            None,
        );
        assert_eq!(e.unwrap_err().code(), Code::CreditIneligible);
        assert!(instant_disclosure_due(&c, d("2026-12-10")).unwrap().provisional, "2027 is provisional");
        let r = disclose_instant(
            &c,
            EntityKind::LimitedCompany,
            InstantItem::CapitalContribution,
            d("2026-12-10"),
            d("2026-12-11"),
            "股东李四实缴出资10万元",
            None,
        )
        .unwrap();
        assert!(r.data.due_provisional && !r.data.late);
        assert_eq!(instant_disclosure_due(&c, d("2099-12-10")).unwrap_err().code(), Code::CalendarYearNotCovered);
    }

    /// 企业经营异常名录管理暂行办法 第七条 [P, secondary]: an order with a 10-day period, only
    /// once the 20 workdays have passed.
    #[test]
    fn disclosure_orders_follow_the_missed_period() {
        let c = cal();
        let e = order_disclosure(&c, InstantItem::Penalty, d("2025-09-19"), d("2025-10-23")).unwrap_err();
        assert_eq!((e.code(), e.detail("date")), (Code::CreditTooEarly, Some("2025-10-24")));
        let o = order_disclosure(&c, InstantItem::Penalty, d("2025-09-19"), d("2025-11-03")).unwrap();
        assert_eq!((o.kind, o.data.due_on), (KIND_DISCLOSURE_ORDERED, d("2025-11-13")));
        // Ten days from 2025-11-19 end on Saturday 29 November, so on Monday 1 December.
        let o = order_disclosure(&c, InstantItem::Penalty, d("2025-09-19"), d("2025-11-19")).unwrap();
        assert_eq!((o.data.due_on, o.data.due_provisional), (d("2025-12-01"), false));
        // Ordered on 2027-01-05: the period counts days of provisional 2027.
        let o = order_disclosure(&c, InstantItem::Penalty, d("2026-11-02"), d("2027-01-05")).unwrap();
        assert!(o.data.due_provisional);
    }
}
