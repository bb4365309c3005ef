//! 12315: complaints (投诉) and reports (举报), and online dispute resolution (ODR).
//!
//! Sources: 市场监督管理投诉举报处理暂行办法 (总局令第20号, 2019-11-30; amended by 总局令第55号,
//! 2022-03-24, and 总局令第61号, 2022-09-29), cited as 办法; 市场监督管理行政处罚程序规定
//! (总局令第2号, amended by 总局令第42号 and 第61号), cited as 程序规定. "[M]" marks what is not
//! confirmed in a primary text.
//!
//! The two procedures differ (办法 第三条):
//! - A **complaint** is a consumer's dispute with a business over goods or services bought for
//!   everyday consumption; the office decides within 7 workdays whether to accept it (第十四条,
//!   refusal grounds in 第十五条) and, with both parties' consent, mediates (第十六条); mediation
//!   ends without agreement after 45 workdays, testing time excluded (第二十条、第二十一条), and the
//!   parties are told of a termination within 7 workdays (第二十一条第二款).
//! - A **report** is a lead on a suspected violation from anyone; it is handled under the penalty
//!   procedure (第三十一条): checked within 15 workdays, extendable by 15, testing time excluded,
//!   and a decision whether to open a case recorded (程序规定 第十八条); a named reporter is told
//!   of it within 5 workdays of the decision (办法 第三十一条 [M: the article of the 5-workday
//!   notice]).
//!
//! Jurisdiction (办法 第九条): the county-level office of the place where the business actually
//! operates or of its domicile; a dispute between offices is negotiated within 7 workdays, and
//! otherwise the common superior office designates one (办法 第三十条 [M: the wording of the
//! designation]).
//!
//! Online dispute resolution: enterprises that join the scheme (在线消费纠纷解决, ODR) receive the
//! complaints about them directly through the 12315 platform and settle them within 10 workdays,
//! recording how; what is not settled goes on to the office [P: 12315 platform rules as the
//! platform and local offices describe them; no article of the 办法].
//!
//! Every step is an event `complaint.*` whose data carries the deadlines it sets, computed with
//! the official calendar by the application, so the record shows the due day that applied and the
//! fold needs no calendar. The complainant's identity and the facts are personal data: every
//! complaint event is restricted but narratives and warnings ([`publication`]); the public sees only aggregates per business and, with the
//! complainant's consent, a narrative from which an officer removed personal data.

pub mod categories;
pub mod clue;
pub mod procedure;
pub mod publication;
pub mod trend;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::division::DivisionCode;
use crate::error::{Code, Error, Result};

pub use categories::{Category, Vocabulary};
pub use procedure::{ComplaintState, OdrMember, Status, Step};

// The events of 12315 work: restricted (personal data) but ODR membership, narratives and
// warnings, which are public.
crate::declare_events! {
    KIND_RECEIVED, RECEIVED = "complaint.received",
        basis: BASIS_INTAKE, zh: "投诉举报登记", en: "complaint or report received", restricted;
    KIND_ENTITY_CONFIRMED, ENTITY_CONFIRMED = "complaint.entity_confirmed",
        basis: BASIS_INTAKE, zh: "被投诉举报主体确认", en: "business confirmed", restricted;
    KIND_TRANSFERRED, TRANSFERRED = "complaint.transferred",
        basis: BASIS_JURISDICTION, zh: "移送管辖", en: "transferred to another office", restricted;
    KIND_TRANSFER_DISPUTED, TRANSFER_DISPUTED = "complaint.transfer_disputed",
        basis: BASIS_JURISDICTION, zh: "管辖争议", en: "jurisdiction disputed", restricted;
    KIND_JURISDICTION_DESIGNATED, JURISDICTION_DESIGNATED = "complaint.jurisdiction_designated",
        basis: BASIS_JURISDICTION, zh: "指定管辖", en: "jurisdiction designated", restricted;
    KIND_ACCEPTED, ACCEPTED = "complaint.accepted",
        basis: BASIS_INTAKE, zh: "投诉受理", en: "complaint accepted", restricted;
    KIND_REFUSED, REFUSED = "complaint.refused",
        basis: BASIS_REFUSAL, zh: "投诉不予受理", en: "complaint not accepted", restricted;
    KIND_TESTING_STARTED, TESTING_STARTED = "complaint.testing_started",
        basis: BASIS_MEDIATION, zh: "检验检测鉴定开始", en: "testing started", restricted;
    KIND_TESTING_ENDED, TESTING_ENDED = "complaint.testing_ended",
        basis: BASIS_MEDIATION, zh: "检验检测鉴定结束", en: "testing ended", restricted;
    KIND_MEDIATED, MEDIATED = "complaint.mediated",
        basis: BASIS_MEDIATION, zh: "调解成功", en: "agreement reached in mediation", restricted;
    KIND_TERMINATED, TERMINATED = "complaint.terminated",
        basis: BASIS_MEDIATION, zh: "终止调解", en: "mediation ended", restricted;
    KIND_PARTIES_NOTIFIED, PARTIES_NOTIFIED = "complaint.parties_notified",
        basis: BASIS_MEDIATION, zh: "告知当事人", en: "parties notified", restricted;
    KIND_ODR_ANSWERED, ODR_ANSWERED = "complaint.odr_answered",
        basis: BASIS_ODR, zh: "ODR企业处理反馈", en: "answered by the business (ODR)", restricted;
    KIND_ESCALATED, ESCALATED = "complaint.escalated",
        basis: BASIS_ODR, zh: "转市场监管部门处理", en: "sent on to the office", restricted;
    KIND_RATED, RATED = "complaint.rated",
        basis: BASIS_INTAKE, zh: "满意度评价", en: "satisfaction rated", restricted;
    KIND_VERIFICATION_EXTENDED, VERIFICATION_EXTENDED = "complaint.verification_extended",
        basis: BASIS_REPORT, zh: "举报核查延期", en: "report check extended", restricted;
    KIND_FILING_DECIDED, FILING_DECIDED = "complaint.filing_decided",
        basis: BASIS_REPORT, zh: "举报立案决定", en: "decision whether to open a case", restricted;
    KIND_REPORTER_NOTIFIED, REPORTER_NOTIFIED = "complaint.reporter_notified",
        basis: BASIS_REPORT, zh: "告知举报人", en: "reporter notified", restricted;
    KIND_ODR_JOINED, ODR_JOINED = "complaint.odr_joined",
        basis: BASIS_ODR, zh: "加入在线消费纠纷解决（ODR）", en: "joined online dispute resolution (ODR)";
    KIND_ODR_LEFT, ODR_LEFT = "complaint.odr_left",
        basis: BASIS_ODR, zh: "退出在线消费纠纷解决（ODR）", en: "left online dispute resolution (ODR)";
    /// Public: a complainant's narrative, with personal data removed ([`publication`]).
    KIND_NARRATIVE_PUBLISHED, NARRATIVE_PUBLISHED = "complaint.narrative_published",
        basis: publication::BASIS_NARRATIVE, zh: "消费投诉信息公示", en: "complaint narrative published";
    /// Case clues from repeated complaints (诉转案, [`clue`]) and their check.
    KIND_CLUE_FLAGGED, CLUE_FLAGGED = "complaint.clue_flagged",
        basis: clue::BASIS_CLUE, zh: "诉转案线索", en: "case clue flagged", restricted;
    KIND_CLUE_DECIDED, CLUE_DECIDED = "complaint.clue_decided",
        basis: clue::BASIS_CLUE, zh: "诉转案线索核查结论", en: "case clue decided", restricted;
    /// Public: a consumer warning (消费警示, [`publication`]).
    KIND_WARNING_PUBLISHED, WARNING_PUBLISHED = "complaint.warning_published",
        basis: publication::BASIS_WARNING, zh: "消费警示", en: "consumer warning published";
}

// Data types of one kind each; `Notified` and `OdrMembership` serve two kinds, so their
// events name the kind ([`crate::event::Declared`]).
crate::event_data!(
    procedure::Received => RECEIVED,
    procedure::EntityConfirmed => ENTITY_CONFIRMED,
    procedure::Transferred => TRANSFERRED,
    procedure::TransferDisputed => TRANSFER_DISPUTED,
    procedure::Designated => JURISDICTION_DESIGNATED,
    procedure::Accepted => ACCEPTED,
    procedure::Refused => REFUSED,
    procedure::TestingStarted => TESTING_STARTED,
    procedure::TestingEnded => TESTING_ENDED,
    procedure::Mediated => MEDIATED,
    procedure::Terminated => TERMINATED,
    procedure::OdrAnswered => ODR_ANSWERED,
    procedure::Escalated => ESCALATED,
    procedure::Rated => RATED,
    procedure::VerificationExtended => VERIFICATION_EXTENDED,
    procedure::FilingDecided => FILING_DECIDED,
    publication::NarrativePublished => NARRATIVE_PUBLISHED,
    clue::ClueFlagged => CLUE_FLAGGED,
    clue::ClueDecided => CLUE_DECIDED,
    publication::WarningPublished => WARNING_PUBLISHED,
);

/// Every kind above.
pub const KINDS: &[&str] = &[
    KIND_RECEIVED,
    KIND_ENTITY_CONFIRMED,
    KIND_TRANSFERRED,
    KIND_TRANSFER_DISPUTED,
    KIND_JURISDICTION_DESIGNATED,
    KIND_ACCEPTED,
    KIND_REFUSED,
    KIND_TESTING_STARTED,
    KIND_TESTING_ENDED,
    KIND_MEDIATED,
    KIND_TERMINATED,
    KIND_PARTIES_NOTIFIED,
    KIND_ODR_ANSWERED,
    KIND_ESCALATED,
    KIND_RATED,
    KIND_VERIFICATION_EXTENDED,
    KIND_FILING_DECIDED,
    KIND_REPORTER_NOTIFIED,
    KIND_ODR_JOINED,
    KIND_ODR_LEFT,
    KIND_NARRATIVE_PUBLISHED,
    KIND_CLUE_FLAGGED,
    KIND_CLUE_DECIDED,
    KIND_WARNING_PUBLISHED,
];

/// Whether `kind` is a 12315 event.
pub fn is_kind(kind: &str) -> bool {
    KINDS.contains(&kind)
}

/// The legal basis of intake, acceptance and refusal.
pub const BASIS_INTAKE: &str = "市场监督管理投诉举报处理暂行办法 第九条、第十条、第十四条";
pub const BASIS_REFUSAL: &str = "市场监督管理投诉举报处理暂行办法 第十五条";
pub const BASIS_MEDIATION: &str = "市场监督管理投诉举报处理暂行办法 第十六条、第二十条、第二十一条";
pub const BASIS_JURISDICTION: &str = "市场监督管理投诉举报处理暂行办法 第九条、第三十条";
pub const BASIS_REPORT: &str = "市场监督管理投诉举报处理暂行办法 第三十一条；市场监督管理行政处罚程序规定 第十八条";
pub const BASIS_ODR: &str = "12315平台在线消费纠纷解决（ODR）规则";

/// Workdays to decide whether to accept a complaint (办法 第十四条).
pub const ACCEPT_WORKDAYS: u32 = 7;
/// Workdays of mediation after acceptance before it ends without agreement (办法 第二十一条第五项).
pub const MEDIATION_WORKDAYS: u32 = 45;
/// Workdays to tell the parties of a termination (办法 第二十一条第二款).
pub const TERMINATION_NOTICE_WORKDAYS: u32 = 7;
/// Workdays to check a report and decide on filing, and the one extension (程序规定 第十八条).
pub const VERIFY_WORKDAYS: u32 = 15;
pub const VERIFY_EXTENSION_WORKDAYS: u32 = 15;
/// Workdays to tell a named reporter of the filing decision [M: article].
pub const REPORTER_NOTICE_WORKDAYS: u32 = 5;
/// Workdays to negotiate a jurisdiction dispute (办法 第三十条).
pub const DISPUTE_WORKDAYS: u32 = 7;
/// Workdays an ODR enterprise has to settle a complaint it received directly [P].
pub const ODR_WORKDAYS: u32 = 10;
/// Years after which a complaint is refused unless a law says otherwise (办法 第十五条第四项).
pub const TIME_BAR_YEARS: u32 = 3;

/// Limits of what one intake may carry.
pub const MAX_FACTS_CHARS: usize = 2000;
pub const MAX_REQUEST_CHARS: usize = 500;
pub const MAX_SHORT_CHARS: usize = 100;
pub const MAX_ADDRESS_CHARS: usize = 200;
pub const MAX_ATTACHMENTS: usize = 5;
/// Bytes of one attachment (a photograph, a receipt, a contract page).
pub const MAX_ATTACHMENT_BYTES: usize = 8 << 20;

/// Complaint (投诉) or report (举报): two procedures (办法 第三条).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Complaint,
    Report,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Complaint => "complaint",
            Kind::Report => "report",
        }
    }

    pub fn parse(s: &str) -> Result<Kind> {
        match s.trim() {
            "complaint" | "投诉" => Ok(Kind::Complaint),
            "report" | "举报" => Ok(Kind::Report),
            other => Err(field("kind", other)),
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Kind::Complaint => "投诉",
            Kind::Report => "举报",
        }
    }

    /// The two letters that start an id of this kind.
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::Complaint => "TS",
            Kind::Report => "JB",
        }
    }
}

/// How the complaint arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The public web form.
    Web,
    /// The 12315 hotline, entered by a handler.
    Hotline,
    /// A partner platform or the national 12315 platform, through the API.
    Platform,
    /// A letter or a visit, entered by a handler.
    Counter,
    /// A bulk import of another system's records.
    Import,
}

impl Channel {
    pub const ALL: &'static [Channel] =
        &[Channel::Web, Channel::Hotline, Channel::Platform, Channel::Counter, Channel::Import];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Hotline => "hotline",
            Channel::Platform => "platform",
            Channel::Counter => "counter",
            Channel::Import => "import",
        }
    }

    pub fn parse(s: &str) -> Result<Channel> {
        Channel::ALL.iter().copied().find(|c| c.as_str() == s.trim()).ok_or_else(|| field("channel", s))
    }

    pub fn zh(self) -> &'static str {
        match self {
            Channel::Web => "网站",
            Channel::Hotline => "12315热线",
            Channel::Platform => "平台接口",
            Channel::Counter => "来信来访",
            Channel::Import => "批量导入",
        }
    }
}

/// The complainant or reporter: personal data, never public.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

/// The business as the consumer names it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Business {
    /// Free text: a registered name, a shop sign, an online store's name.
    pub name: String,
    /// The credit code, when the consumer knows it.
    #[serde(default)]
    pub code: Option<String>,
    /// Where the business is, as the consumer describes it.
    #[serde(default)]
    pub address: Option<String>,
}

/// What a complainant or reporter submits (办法 第十条 for complaints, 第二十五条 for reports
/// [M: article numbers of the 2022 text]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intake {
    pub kind: Kind,
    pub channel: Channel,
    pub party: Party,
    pub business: Business,
    /// The county (or prefecture) where the goods were bought or the service given.
    pub place: DivisionCode,
    /// Goods or service category ([`categories`]).
    pub category: String,
    /// Problem category ([`categories`]).
    pub problem: String,
    /// The sum in dispute in yuan, as a decimal string with at most two decimals.
    #[serde(default)]
    pub amount: Option<String>,
    /// The day the consumer knew of the harm (for 第十五条第四项).
    #[serde(default)]
    pub occurred_on: Option<NaiveDate>,
    /// What happened.
    pub facts: String,
    /// What the complainant asks for (complaints).
    #[serde(default)]
    pub request: String,
    /// SHA-256 (hex) of each attachment, stored beside the journal.
    #[serde(default)]
    pub attachments: Vec<String>,
    /// Whether the complainant agrees that the facts, with personal data removed, be published.
    #[serde(default)]
    pub consent_to_publish: bool,
    /// Whether a complaint about an ODR enterprise goes to the enterprise first (the default);
    /// the complainant may send it straight to the office.
    #[serde(default = "yes")]
    pub odr: bool,
}

fn yes() -> bool {
    true
}

/// The error of a field that is not valid.
pub fn field(name: &str, reason: impl std::fmt::Display) -> Error {
    Error::new(Code::ComplaintField).with("field", name.to_string()).with("reason", reason.to_string())
}

pub(crate) fn text(name: &str, value: &str, max: usize, required: bool) -> Result<()> {
    let n = value.chars().count();
    if required && value.trim().is_empty() {
        return Err(field(name, "required"));
    }
    if n > max {
        return Err(field(name, format!("{n} > {max} characters")));
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(field(name, "control character"));
    }
    Ok(())
}

/// A phone number as people write it: digits, with `+`, `-`, spaces and parentheses; 7 to 15
/// digits (a fixed line with area code, a mobile number, an international number).
pub fn check_phone(phone: &str) -> Result<()> {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let shaped = phone.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')'));
    if !shaped || !(7..=15).contains(&digits) {
        return Err(field("party.phone", phone));
    }
    Ok(())
}

/// Parses a sum in yuan (`"1299"`, `"1299.5"`, `"1,299.50"`) into fen.
pub fn parse_amount(s: &str) -> Result<i64> {
    let t: String = s.trim().chars().filter(|c| *c != ',' && *c != '，').collect();
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    let ok = !whole.is_empty()
        && whole.len() <= 12
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.len() <= 2
        && frac.bytes().all(|b| b.is_ascii_digit());
    if !ok {
        return Err(field("amount", s));
    }
    let yuan: i64 = whole.parse().map_err(|_| field("amount", s))?;
    let fen: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().map_err(|_| field("amount", s))? };
    Ok(yuan * 100 + fen)
}

/// Writes fen as yuan with two decimals.
pub fn format_amount(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// Checks a SHA-256 written in lower-case hex.
pub fn check_hash(name: &str, s: &str) -> Result<()> {
    if s.len() != 64 || !s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return Err(field(name, s));
    }
    Ok(())
}

impl Intake {
    /// Checks the intake on its own: the fields each procedure requires, their sizes, the
    /// categories. Contact details are required for a complaint (办法 第十条第一项); a report may
    /// be anonymous.
    pub fn check(&self) -> Result<()> {
        let p = &self.party;
        if self.kind == Kind::Complaint {
            text("party.name", p.name.as_deref().unwrap_or(""), MAX_SHORT_CHARS, true)?;
            text("party.phone", p.phone.as_deref().unwrap_or(""), MAX_SHORT_CHARS, true)?;
            text("request", &self.request, MAX_REQUEST_CHARS, true)?;
        } else {
            text("request", &self.request, MAX_REQUEST_CHARS, false)?;
        }
        if let Some(n) = &p.name {
            text("party.name", n, MAX_SHORT_CHARS, false)?;
        }
        if let Some(ph) = &p.phone {
            check_phone(ph)?;
        }
        if let Some(a) = &p.address {
            text("party.address", a, MAX_ADDRESS_CHARS, false)?;
        }
        text("business.name", &self.business.name, MAX_SHORT_CHARS, true)?;
        if let Some(code) = &self.business.code {
            crate::Uscc::parse(code).map_err(|e| field("business.code", e.code().as_str()))?;
        }
        if let Some(a) = &self.business.address {
            text("business.address", a, MAX_ADDRESS_CHARS, false)?;
        }
        text("facts", &self.facts, MAX_FACTS_CHARS, true)?;
        categories::find(Vocabulary::Subject, &self.category).map_err(|_| field("category", &self.category))?;
        categories::find(Vocabulary::Problem, &self.problem).map_err(|_| field("problem", &self.problem))?;
        if let Some(a) = &self.amount {
            parse_amount(a)?;
        }
        if self.attachments.len() > MAX_ATTACHMENTS {
            return Err(field("attachments", format!("{} > {MAX_ATTACHMENTS}", self.attachments.len())));
        }
        for a in &self.attachments {
            check_hash("attachments", a)?;
        }
        Ok(())
    }

    /// Whether the harm was known more than three years before `received_on`
    /// (办法 第十五条第四项; laws may provide otherwise, so this only informs the handler).
    pub fn time_barred(&self, received_on: NaiveDate) -> bool {
        self.occurred_on
            .and_then(|d| d.checked_add_months(chrono::Months::new(12 * TIME_BAR_YEARS)))
            .is_some_and(|limit| received_on > limit)
    }
}

/// Checks a complaint id: `TS` or `JB`, the day received (`YYYYMMDD`) and ten digits.
pub fn check_id(id: &str) -> Result<Kind> {
    let b = id.as_bytes();
    let kind = match id.get(..2) {
        Some("TS") => Kind::Complaint,
        Some("JB") => Kind::Report,
        _ => return Err(Error::new(Code::ComplaintUnknown).with("id", id.to_string())),
    };
    if b.len() != 20 || !b[2..].iter().all(u8::is_ascii_digit) {
        return Err(Error::new(Code::ComplaintUnknown).with("id", id.to_string()));
    }
    Ok(kind)
}

/// Makes an id from its kind, the day received and a ten-digit number.
pub fn make_id(kind: Kind, day: NaiveDate, number: u64) -> String {
    format!("{}{}{:010}", kind.prefix(), day.format("%Y%m%d"), number % 10_000_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn intake() -> Intake {
        Intake {
            kind: Kind::Complaint,
            channel: Channel::Web,
            party: Party {
                name: Some("张三".into()),
                phone: Some("138 0000 0000".into()),
                address: Some("武汉市洪山区珞喻路1号".into()),
            },
            business: Business { name: "老王烧烤".into(), code: None, address: Some("珞喻路".into()) },
            place: DivisionCode::parse("420111").unwrap(),
            category: "S01".into(),
            problem: "P03".into(),
            amount: Some("128.5".into()),
            occurred_on: None,
            facts: "结账时多收了费用。".into(),
            request: "退还多收的费用".into(),
            attachments: vec![],
            consent_to_publish: false,
            odr: true,
        }
    }

    #[test]
    fn an_intake_is_checked_field_by_field() {
        intake().check().unwrap();
        let mut i = intake();
        i.party.phone = None;
        assert_eq!(i.check().unwrap_err().code(), Code::ComplaintField);
        let mut anonymous_report = intake();
        anonymous_report.kind = Kind::Report;
        anonymous_report.party = Party::default();
        anonymous_report.request.clear();
        anonymous_report.check().unwrap();
        let mut i = intake();
        i.category = "X1".into();
        assert!(i.check().is_err());
        let mut i = intake();
        i.amount = Some("12.345".into());
        assert!(i.check().is_err());
        let mut i = intake();
        i.facts = "长".repeat(MAX_FACTS_CHARS + 1);
        assert!(i.check().is_err());
        let mut i = intake();
        i.business.code = Some("91420100MA4K000000".into());
        assert!(i.check().is_err());
        let mut i = intake();
        i.attachments = vec!["AB".repeat(32)];
        assert!(i.check().is_err());
    }

    #[test]
    fn amounts_are_fen_and_phones_are_digits() {
        assert_eq!(parse_amount("1,299.5").unwrap(), 129_950);
        assert_eq!(parse_amount("0.05").unwrap(), 5);
        assert_eq!(format_amount(129_950), "1299.50");
        assert!(parse_amount("-3").is_err());
        assert!(parse_amount("").is_err());
        check_phone("027-8888 6666").unwrap();
        check_phone("+86 138 0000 0000").unwrap();
        assert!(check_phone("12345").is_err());
        assert!(check_phone("138x0000000").is_err());
    }

    #[test]
    fn three_years_bar_a_complaint() {
        let mut i = intake();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        i.occurred_on = Some(d("2023-11-28"));
        assert!(!i.time_barred(d("2026-11-28")));
        assert!(i.time_barred(d("2026-11-29")));
    }

    #[test]
    fn ids_carry_kind_and_day() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let id = make_id(Kind::Report, d, 42);
        assert_eq!(id, "JB202611290000000042");
        assert_eq!(check_id(&id).unwrap(), Kind::Report);
        assert!(check_id("TS2026").is_err());
        assert!(check_id("XX202611290000000042").is_err());
    }
}
