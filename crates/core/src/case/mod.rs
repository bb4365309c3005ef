//! Enforcement (行政执法): a clue (线索) checked and filed or not, the case investigated,
//! noticed, heard, reviewed, decided, served, paid, published and closed.
//!
//! Sources: 中华人民共和国行政处罚法 (2021), cited as 处罚法; 市场监督管理行政处罚程序规定 (总局令第2号,
//! amended by 总局令第42号, effective 2021-07-15, and 第61号, 2022-09-29), cited as 程序规定;
//! 市场监督管理行政处罚听证办法 (总局令第3号 as amended by 第42号), cited as 听证办法; 市场监督管理
//! 行政处罚信息公示规定 (总局令第45号, effective 2021-09-01), cited as 公示规定; 行政执法机关移送涉嫌
//! 犯罪案件的规定 (国务院令第310号, amended 2020), cited as 移送规定. "[M]" marks what is not
//! confirmed in a primary text.
//!
//! One matter runs from the clue to the closure under one id (`AJ` + the day the clue arrived +
//! six digits): every step is an event `case.*` whose data says what was decided and on which
//! day; the fold ([`procedure::CaseState`]) checks each step against where the matter stands.
//! Periods are not stored: they are counted from the recorded days on the official calendar
//! ([`procedure::CaseState::clocks`]), so a holiday year imported later applies at once, and a
//! year not yet published is counted on the provisional schedule and says so.
//!
//! A case holds personal data (the party, the reporter, inquiry records): every `case.*` event
//! is restricted but the publicity record ([`procedure::Published`]) and its end, which hold
//! only what 公示规定 第六条 lists and never a natural person's identity number or address.

// Amounts in fen are written as yuan and fen: `5_000_00` is 5,000.00 yuan.
#![allow(clippy::inconsistent_digit_grouping)]

/// An enum of the case module with its stable code, its labels in both languages, `ALL`,
/// `parse` and `Display`. `Name { … }` refuses an unknown code as `case_field` (a step's
/// input); `Name, "what" { … }` as `case_benchmark_value` (the benchmark's data).
macro_rules! labelled_enum {
    ($(#[$m:meta])* $name:ident { $($body:tt)* }) => {
        labelled_enum!(@enum $(#[$m])* $name, |s| $crate::case::field(stringify!($name), s), $($body)*);
    };
    ($(#[$m:meta])* $name:ident, $what:literal { $($body:tt)* }) => {
        labelled_enum!(@enum $(#[$m])* $name, |s| $crate::case::benchmark::value_error($what, s), $($body)*);
    };
    (@enum $(#[$m:meta])* $name:ident, $err:expr, $($(#[$vm:meta])* $v:ident = $s:literal, $zh:literal, $en:literal;)*) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v,)*];

            /// The stable code.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $s,)* }
            }

            /// Reads the stable code.
            pub fn parse(s: &str) -> Result<$name> {
                let s = s.trim();
                let err: fn(&str) -> $crate::error::Error = $err;
                $name::ALL.iter().copied().find(|x| x.as_str() == s).ok_or_else(|| err(s))
            }

            pub fn zh(self) -> &'static str {
                match self { $($name::$v => $zh,)* }
            }

            pub fn en(self) -> &'static str {
                match self { $($name::$v => $en,)* }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub mod benchmark;
pub mod exempt;
pub mod procedure;

use chrono::NaiveDate;

use crate::error::{Code, Error, Result};

pub use procedure::{CaseEvent, CaseState, Clocks, Outcome, Procedure, Status, Step};

/// The queues of an office's desk: every open matter, those the caller is in charge of, those
/// awaiting a review opinion (法制审核 or 案件审核) and the major cases awaiting the leadership's
/// collective decision (集体讨论).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Queue {
    #[default]
    Open,
    Mine,
    Review,
    Collective,
}

impl Queue {
    pub const ALL: [Queue; 4] = [Queue::Open, Queue::Mine, Queue::Review, Queue::Collective];

    /// `open` (or empty), `mine`, `review` or `collective`; `request_invalid` otherwise.
    pub fn parse(s: &str) -> Result<Queue> {
        match s.trim() {
            "" | "open" => Ok(Queue::Open),
            "mine" => Ok(Queue::Mine),
            "review" => Ok(Queue::Review),
            "collective" => Ok(Queue::Collective),
            other => Err(Error::new(Code::RequestInvalid).with("field", "queue").with("reason", other)),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Queue::Open => "open",
            Queue::Mine => "mine",
            Queue::Review => "review",
            Queue::Collective => "collective",
        }
    }

    /// Its place in [`Queue::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether the matter `s` is in this queue for the account `me` (a pseudonym).
    pub fn holds(self, s: &CaseState, me: Option<&str>) -> bool {
        match self {
            Queue::Open => s.closed_on.is_none(),
            Queue::Mine => s.closed_on.is_none() && me.is_some() && s.in_charge.as_deref() == me,
            Queue::Review => s.closed_on.is_none() && s.next_steps().contains(&Step::Review),
            Queue::Collective => s.closed_on.is_none() && s.next_steps().contains(&Step::Collective),
        }
    }
}

/// The legal basis of the clue's check and the filing decision.
pub const BASIS_FILING: &str = "市场监督管理行政处罚程序规定 第十八条、第十九条、第二十条";
/// Investigation and evidence.
pub const BASIS_INVESTIGATION: &str = "市场监督管理行政处罚程序规定 第二十一条至第四十八条";
/// Compulsory measures: seizure (查封、扣押) and registration and preservation (先行登记保存).
pub const BASIS_MEASURES: &str = "市场监督管理行政处罚程序规定 第三十五条、第三十八条";
/// The notice before a decision and the party's statements.
pub const BASIS_NOTICE: &str =
    "中华人民共和国行政处罚法 第四十四条、第四十五条；市场监督管理行政处罚程序规定 第五十七条";
/// The hearing.
pub const BASIS_HEARING: &str = "中华人民共和国行政处罚法 第六十三条、第六十四条；市场监督管理行政处罚听证办法 第五条";
/// The review and the collective decision.
pub const BASIS_REVIEW: &str =
    "中华人民共和国行政处罚法 第五十八条；市场监督管理行政处罚程序规定 第五十条、第五十二条、第五十五条、第六十条";
/// The decision and the 90-day limit.
pub const BASIS_DECISION: &str =
    "中华人民共和国行政处罚法 第五十七条、第六十条；市场监督管理行政处罚程序规定 第六十条、第六十四条";
/// The summary procedure.
pub const BASIS_SUMMARY: &str = "中华人民共和国行政处罚法 第五十一条；市场监督管理行政处罚程序规定 第六十六条";
/// Service, payment, late fees and enforcement.
pub const BASIS_EXECUTION: &str =
    "中华人民共和国行政处罚法 第六十一条、第六十七条、第七十二条；市场监督管理行政处罚程序规定 第七十二条至第七十六条";
/// Closure.
pub const BASIS_CLOSURE: &str = "市场监督管理行政处罚程序规定 第七十七条";
/// Transfer to the police.
pub const BASIS_TRANSFER: &str =
    "中华人民共和国行政处罚法 第二十七条；行政执法机关移送涉嫌犯罪案件的规定 第三条、第五条、第八条、第十条";
/// Publicity.
pub const BASIS_PUBLICITY: &str =
    "市场监督管理行政处罚信息公示规定 第二条、第六条、第九条、第十一条、第十三条、第十四条";
/// Change after reconsideration or litigation.
pub const BASIS_CHANGE: &str =
    "中华人民共和国行政复议法；中华人民共和国行政诉讼法；市场监督管理行政处罚信息公示规定 第十一条";
/// The documents.
pub const BASIS_DOCUMENTS: &str = "市场监督管理行政处罚程序规定 第八十二条；市场监督管理行政处罚文书格式范本";

/// Workdays to check a clue and decide whether to file, and the one extension (程序规定 第十八条).
pub const CHECK_WORKDAYS: u32 = 15;
pub const CHECK_EXTENSION_WORKDAYS: u32 = 15;
/// Workdays to tell a named reporter of the filing decision (投诉举报处理暂行办法 第三十一条 [M: the
/// article of the 5 workdays]).
pub const REPORTER_NOTICE_WORKDAYS: u32 = 5;
/// Days from filing to the decision, and the one extension with the head's approval (程序规定
/// 第六十四条; 处罚法 第六十条).
pub const DECISION_DAYS: u64 = 90;
pub const DECISION_EXTENSION_DAYS: u64 = 30;
/// Seizure: 30 days, once 30 more (程序规定 第三十八条; 行政强制法 第二十五条).
pub const SEIZURE_DAYS: u64 = 30;
/// Registration and preservation: decided within 7 workdays (程序规定 第三十五条).
pub const PRESERVATION_WORKDAYS: u32 = 7;
/// Statements, defences and a hearing request: 5 workdays from service of the notice
/// (程序规定 第五十七条; 处罚法 第六十四条 says 5 days).
pub const STATEMENT_WORKDAYS: u32 = 5;
/// The hearing is notified at least 7 days before it (处罚法 第六十四条第二项; the 听证办法 is
/// read as 7 workdays by some guides [P]: the stricter reading is not enforced).
pub const HEARING_NOTICE_DAYS: u64 = 7;
/// The review: 10 workdays from receipt (程序规定 第五十五条).
pub const REVIEW_WORKDAYS: u32 = 10;
/// Payment: 15 days from receipt of the decision (处罚法 第六十七条).
pub const PAYMENT_DAYS: u64 = 15;
/// Late fee: 3 % of the fine a day, never more than the fine (处罚法 第七十二条第一项).
pub const LATE_FEE_PERMILLE_PER_DAY: i64 = 30;
/// Court enforcement may be applied for within 3 months (程序规定 第七十六条 [P]); counted here from
/// the end of the payment period [M: the rule counts from 10 workdays after a reminder].
pub const COURT_MONTHS: u32 = 3;
/// Closure within 15 workdays of completion (程序规定 第七十七条).
pub const CLOSURE_WORKDAYS: u32 = 15;
/// Publicity within 20 workdays of the decision (公示规定 第九条).
pub const PUBLISH_WORKDAYS: u32 = 20;
/// Withdrawal within 3 workdays of a revocation (公示规定 第十一条).
pub const WITHDRAW_WORKDAYS: u32 = 3;
/// Limitation: 2 years, 5 where life, health or financial safety were harmed (处罚法 第三十六条).
pub const LIMITATION_YEARS: u32 = 2;
pub const LIMITATION_YEARS_HARM: u32 = 5;
/// Summary procedure: a warning, or a fine of at most 200 yuan on a natural person or 3,000 yuan
/// on an organisation (处罚法 第五十一条).
pub const SUMMARY_MAX_FEN_NATURAL: i64 = 200_00;
pub const SUMMARY_MAX_FEN_ORGANISATION: i64 = 3_000_00;
/// Early end of publicity: at least 6 months published, 12 for food, drugs and special
/// equipment (市场监督管理信用修复管理办法 [P], see [`crate::credit::repair`]).
pub const EARLY_END_MONTHS: u32 = 6;
pub const EARLY_END_MONTHS_SENSITIVE: u32 = 12;

/// The amounts a province may set: the hearing thresholds (听证办法 第五条: 10,000 yuan on a
/// natural person, 100,000 yuan on an organisation unless the province sets others; no Hubei
/// figure was found [M]) and the "lower amount" (较低数额罚款) below which a fine is published
/// for 3 months only (公示规定 第十三条: set by the province; no Hubei figure was found [M], the
/// default is Shanghai's and Fujian's 5,000 / 50,000 yuan).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Thresholds {
    pub hearing_fen_natural: i64,
    pub hearing_fen_organisation: i64,
    pub lower_fen_natural: i64,
    pub lower_fen_organisation: i64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            hearing_fen_natural: 10_000_00,
            hearing_fen_organisation: 100_000_00,
            lower_fen_natural: 5_000_00,
            lower_fen_organisation: 50_000_00,
        }
    }
}

crate::declare_events! {
    KIND_CLUE_RECEIVED, CLUE_RECEIVED = "case.clue_received",
        basis: BASIS_FILING, zh: "案件线索登记", en: "case clue received", restricted;
    KIND_CHECK_EXTENDED, CHECK_EXTENDED = "case.check_extended",
        basis: BASIS_FILING, zh: "线索核查延期", en: "clue check extended", restricted;
    KIND_PAUSED, PAUSED = "case.paused",
        basis: BASIS_DECISION, zh: "期限中止（检测、鉴定、听证、公告等）", en: "clock stopped (testing, hearing, notice...)", restricted;
    KIND_RESUMED, RESUMED = "case.resumed",
        basis: BASIS_DECISION, zh: "期限恢复计算", en: "clock resumed", restricted;
    KIND_FILED, FILED = "case.filed",
        basis: BASIS_FILING, zh: "立案", en: "case filed", restricted;
    KIND_NOT_FILED, NOT_FILED = "case.not_filed",
        basis: BASIS_FILING, zh: "不予立案", en: "not filed", restricted;
    KIND_REPORTER_NOTIFIED, REPORTER_NOTIFIED = "case.reporter_notified",
        basis: BASIS_FILING, zh: "告知举报人", en: "reporter notified", restricted;
    KIND_EVIDENCE_ADDED, EVIDENCE_ADDED = "case.evidence_added",
        basis: BASIS_INVESTIGATION, zh: "证据登记", en: "evidence recorded", restricted;
    KIND_MEASURE_TAKEN, MEASURE_TAKEN = "case.measure_taken",
        basis: BASIS_MEASURES, zh: "采取行政强制措施或先行登记保存", en: "seizure or preservation", restricted;
    KIND_MEASURE_EXTENDED, MEASURE_EXTENDED = "case.measure_extended",
        basis: BASIS_MEASURES, zh: "强制措施延期", en: "seizure extended", restricted;
    KIND_MEASURE_ENDED, MEASURE_ENDED = "case.measure_ended",
        basis: BASIS_MEASURES, zh: "强制措施处理决定", en: "measure ended", restricted;
    KIND_DECISION_EXTENDED, DECISION_EXTENDED = "case.decision_extended",
        basis: BASIS_DECISION, zh: "办案期限延长", en: "decision limit extended", restricted;
    KIND_REVIEW_SUBMITTED, REVIEW_SUBMITTED = "case.review_submitted",
        basis: BASIS_REVIEW, zh: "送交审核", en: "sent for review", restricted;
    KIND_REVIEWED, REVIEWED = "case.reviewed",
        basis: BASIS_REVIEW, zh: "审核意见", en: "review opinion", restricted;
    KIND_NOTICED, NOTICED = "case.noticed",
        basis: BASIS_NOTICE, zh: "行政处罚告知", en: "proposed penalty notified", restricted;
    KIND_STATEMENT_RECEIVED, STATEMENT_RECEIVED = "case.statement_received",
        basis: BASIS_NOTICE, zh: "陈述申辩", en: "statement or defence received", restricted;
    KIND_HEARING_REQUESTED, HEARING_REQUESTED = "case.hearing_requested",
        basis: BASIS_HEARING, zh: "申请听证", en: "hearing requested", restricted;
    KIND_HEARING_NOTIFIED, HEARING_NOTIFIED = "case.hearing_notified",
        basis: BASIS_HEARING, zh: "听证通知", en: "hearing notified", restricted;
    KIND_HEARING_HELD, HEARING_HELD = "case.hearing_held",
        basis: BASIS_HEARING, zh: "举行听证", en: "hearing held", restricted;
    KIND_COLLECTIVE_DECIDED, COLLECTIVE_DECIDED = "case.collective_decided",
        basis: BASIS_REVIEW, zh: "集体讨论决定", en: "collective decision of the leadership", restricted;
    KIND_DECIDED, DECIDED = "case.decided",
        basis: BASIS_DECISION, zh: "作出处理决定", en: "decision made", restricted;
    KIND_SERVED, SERVED = "case.served",
        basis: BASIS_EXECUTION, zh: "送达", en: "served", restricted;
    KIND_PAID, PAID = "case.paid",
        basis: BASIS_EXECUTION, zh: "缴纳罚没款", en: "paid", restricted;
    KIND_ENFORCEMENT_APPLIED, ENFORCEMENT_APPLIED = "case.enforcement_applied",
        basis: BASIS_EXECUTION, zh: "申请人民法院强制执行", en: "court enforcement applied for", restricted;
    KIND_TRANSFERRED, TRANSFERRED = "case.transferred",
        basis: BASIS_TRANSFER, zh: "移送公安机关", en: "transferred to the police", restricted;
    KIND_TRANSFER_ACKNOWLEDGED, TRANSFER_ACKNOWLEDGED = "case.transfer_acknowledged",
        basis: BASIS_TRANSFER, zh: "公安机关接收移送", en: "transfer acknowledged", restricted;
    KIND_TRANSFER_ANSWERED, TRANSFER_ANSWERED = "case.transfer_answered",
        basis: BASIS_TRANSFER, zh: "公安机关立案与否", en: "police decision on the transfer", restricted;
    KIND_DECISION_CHANGED, DECISION_CHANGED = "case.decision_changed",
        basis: BASIS_CHANGE, zh: "复议或诉讼后变更、撤销", en: "changed or revoked after review or litigation", restricted;
    KIND_CLOSED, CLOSED = "case.closed",
        basis: BASIS_CLOSURE, zh: "结案", en: "case closed", restricted;
    KIND_DOCUMENT_ISSUED, DOCUMENT_ISSUED = "case.document_issued",
        basis: BASIS_DOCUMENTS, zh: "制作文书", en: "document issued", restricted;
    /// Public: the publicity record of a penalty decision (公示规定 第六条).
    KIND_PUBLISHED, PUBLISHED = "case.published",
        basis: BASIS_PUBLICITY, zh: "行政处罚信息公示", en: "penalty published";
    /// Public: publicity withdrawn (revocation) or stopped early (credit repair).
    KIND_PUBLICITY_ENDED, PUBLICITY_ENDED = "case.publicity_ended",
        basis: BASIS_PUBLICITY, zh: "行政处罚信息停止公示", en: "penalty publicity ended";
}

crate::event_data!(
    procedure::ClueReceived => CLUE_RECEIVED,
    procedure::CheckExtended => CHECK_EXTENDED,
    procedure::Paused => PAUSED,
    procedure::Resumed => RESUMED,
    procedure::Filed => FILED,
    procedure::NotFiled => NOT_FILED,
    procedure::ReporterNotified => REPORTER_NOTIFIED,
    procedure::EvidenceAdded => EVIDENCE_ADDED,
    procedure::MeasureTaken => MEASURE_TAKEN,
    procedure::MeasureExtended => MEASURE_EXTENDED,
    procedure::MeasureEnded => MEASURE_ENDED,
    procedure::DecisionExtended => DECISION_EXTENDED,
    procedure::ReviewSubmitted => REVIEW_SUBMITTED,
    procedure::Reviewed => REVIEWED,
    procedure::Noticed => NOTICED,
    procedure::StatementReceived => STATEMENT_RECEIVED,
    procedure::HearingRequested => HEARING_REQUESTED,
    procedure::HearingNotified => HEARING_NOTIFIED,
    procedure::HearingHeld => HEARING_HELD,
    procedure::CollectiveDecided => COLLECTIVE_DECIDED,
    procedure::Decided => DECIDED,
    procedure::Served => SERVED,
    procedure::Paid => PAID,
    procedure::EnforcementApplied => ENFORCEMENT_APPLIED,
    procedure::Transferred => TRANSFERRED,
    procedure::TransferAcknowledged => TRANSFER_ACKNOWLEDGED,
    procedure::TransferAnswered => TRANSFER_ANSWERED,
    procedure::DecisionChanged => DECISION_CHANGED,
    procedure::Closed => CLOSED,
    procedure::DocumentIssued => DOCUMENT_ISSUED,
    procedure::Published => PUBLISHED,
    procedure::PublicityEnded => PUBLICITY_ENDED,
);

/// Every kind above.
pub fn kinds() -> impl Iterator<Item = &'static str> {
    EVENTS.iter().map(|e| e.kind)
}

/// Whether `kind` is a `case.*` event.
pub fn is_kind(kind: &str) -> bool {
    EVENTS.iter().any(|e| e.kind == kind)
}

/// The error of a field that is not valid.
pub fn field(name: &str, reason: impl std::fmt::Display) -> Error {
    Error::new(Code::CaseField).with("field", name.to_string()).with("reason", reason.to_string())
}

/// Checks a text field: required or not, at most `max` characters, no control characters.
pub(crate) fn text(name: &str, value: &str, max: usize, required: bool) -> Result<()> {
    if required && value.trim().is_empty() {
        return Err(field(name, "必填 / required"));
    }
    let n = value.chars().count();
    if n > max {
        return Err(field(name, format!("{n} > {max}")));
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(field(name, "control character"));
    }
    Ok(())
}

/// The longest free text of a step (facts, opinions, reasons).
pub const MAX_TEXT_CHARS: usize = 4_000;
/// The longest name or short field.
pub const MAX_SHORT_CHARS: usize = 200;

/// Checks a matter's id: `AJ`, the day the clue arrived (`YYYYMMDD`) and six digits.
pub fn check_id(id: &str) -> Result<NaiveDate> {
    let b = id.as_bytes();
    let unknown = || Error::new(Code::CaseUnknown).with("id", id.to_string());
    if b.len() != 16 || &b[..2] != b"AJ" || !b[2..].iter().all(u8::is_ascii_digit) {
        return Err(unknown());
    }
    NaiveDate::parse_from_str(&id[2..10], "%Y%m%d").map_err(|_| unknown())
}

/// The id of the `n`th clue received on `day`.
pub fn make_id(day: NaiveDate, n: u32) -> String {
    format!("AJ{}{:06}", day.format("%Y%m%d"), n)
}

/// A document number (文号) in the form 党政机关公文格式 (GB/T 9704-2012 §7.2.4) gives: the
/// office's series, the year in hexagonal brackets 〔〕 and the number counted up within the
/// series and year with 号, without leading zeros (顺序号不编虚位), e.g. `鄂洪市监处罚〔2026〕12号`.
pub fn document_number(series: &str, year: i32, seq: u32) -> String {
    format!("{series}〔{year}〕{seq}号")
}

/// The parts of a document number written by [`document_number`].
pub fn parse_document_number(number: &str) -> Result<(String, i32, u32)> {
    let bad = || field("number", number);
    let (series, rest) = number.split_once('〔').ok_or_else(bad)?;
    let (year, rest) = rest.split_once('〕').ok_or_else(bad)?;
    let seq = rest.strip_suffix('号').ok_or_else(bad)?;
    if series.trim().is_empty() {
        return Err(bad());
    }
    Ok((series.to_string(), year.parse().map_err(|_| bad())?, seq.parse().map_err(|_| bad())?))
}

/// Writes fen as yuan the way decisions write them: `5,000元`, `1,234.50元`.
pub fn yuan_text(fen: i64) -> String {
    benchmark::format_yuan(fen) + "元"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_carry_the_day_and_a_counter() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let id = make_id(day, 42);
        assert_eq!(id, "AJ20261207000042");
        assert_eq!(check_id(&id).unwrap(), day);
        assert_eq!(check_id("AJ20261307000042").unwrap_err().code(), Code::CaseUnknown);
        assert!(check_id("TS20261207000042").is_err());
    }

    #[test]
    fn document_numbers_round_trip() {
        let n = document_number("鄂洪市监处罚", 2026, 123);
        assert_eq!(n, "鄂洪市监处罚〔2026〕123号");
        assert_eq!(parse_document_number(&n).unwrap(), ("鄂洪市监处罚".to_string(), 2026, 123));
        assert!(parse_document_number("鄂洪市监处罚2026-123").is_err());
    }

    #[test]
    fn yuan_are_written_with_separators() {
        assert_eq!(yuan_text(5_000_00), "5,000元");
        assert_eq!(yuan_text(123_456_789_50), "123,456,789.50元");
        assert_eq!(yuan_text(200_00), "200元");
    }

    #[test]
    fn every_kind_is_declared_once() {
        let mut k: Vec<_> = kinds().collect();
        let n = k.len();
        k.sort();
        k.dedup();
        assert_eq!(k.len(), n);
        assert!(is_kind(KIND_DECIDED) && !is_kind("complaint.received"));
    }
}
