//! The procedure of one enforcement matter as a state machine: the data of each `case.*` event
//! and how it folds into a [`CaseState`], the steps offered where the matter stands
//! ([`CaseState::next_steps`]) and its clocks on the official calendar ([`CaseState::clocks`]).

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

pub use super::benchmark::{Band, Party as PartyKind, PenaltyType};
use super::{MAX_SHORT_CHARS, MAX_TEXT_CHARS, Thresholds, field, text};
use crate::calendar::Calendar;
use crate::credit::lists::{HeavierPenalty, SeriousGround};
use crate::division::DivisionCode;
use crate::error::{Code, Error, Result};

labelled_enum! {
    /// Where a clue came from (程序规定 第十八条: 监督检查、投诉、举报、其他部门移送、上级交办).
    SourceKind {
        Complaint = "complaint", "投诉举报（诉转案）", "12315 complaint or report";
        Report = "report", "举报", "report";
        Inspection = "inspection", "监督检查", "inspection";
        Referral = "referral", "其他部门或机关移送、上级交办", "referral by another department";
        Manual = "manual", "执法人员发现", "found by an officer";
    }
}

labelled_enum! {
    /// Grounds for not filing (程序规定 第二十条; 处罚法 第三十三条、第三十六条).
    NotFiledGround {
        /// 违法行为轻微并及时改正，没有造成危害后果 (处罚法 第三十三条第一款).
        Minor = "minor", "违法行为轻微并及时改正，没有造成危害后果", "minor, corrected promptly, no harm";
        /// 初次违法且危害后果轻微并及时改正 (第三十三条第一款).
        First = "first", "初次违法且危害后果轻微并及时改正", "first violation, slight harm, corrected promptly";
        /// 当事人有证据足以证明没有主观过错 (第三十三条第二款).
        NoFault = "no_fault", "当事人有证据足以证明没有主观过错", "the party shows it had no fault";
        /// 超过行政处罚时效 (第三十六条).
        TimeBarred = "time_barred", "违法行为超过追责期限", "beyond the limitation period";
        /// 不存在违法事实或者证据不足.
        NoViolation = "no_violation", "违法事实不存在或者证据不足", "no violation or no evidence";
        /// 不属于本部门管辖，已移送.
        NotCompetent = "not_competent", "不属于本部门管辖", "not this office's matter";
    }
}

labelled_enum! {
    /// What stops the decision clock (程序规定 第六十四条: 中止、听证、公告、检测检验检疫鉴定、权利人辨认鉴别、
    /// 责令退还).
    PauseReason {
        Testing = "testing", "检测、检验、检疫、鉴定", "testing or appraisal";
        Identification = "identification", "权利人辨认或者鉴别", "identification by the rights holder";
        Hearing = "hearing", "听证", "hearing";
        PublicNotice = "public_notice", "公告", "public notice";
        Suspension = "suspension", "案件中止", "suspension";
        Refund = "refund", "责令退还", "refund ordered";
    }
}

labelled_enum! {
    /// Evidence kinds (程序规定 第二十一条至第三十四条).
    EvidenceKind {
        Document = "document", "书证、物证、电子数据", "documents, objects, electronic data";
        Inquiry = "inquiry", "询问笔录", "inquiry record";
        Onsite = "onsite", "现场笔录", "on-site record";
        Test = "test", "检测检验报告、鉴定意见", "test report or expert opinion";
        Statement = "statement", "当事人陈述", "party's statement";
    }
}

labelled_enum! {
    /// Compulsory measures and preservation (程序规定 第三十五条、第三十八条).
    MeasureKind {
        Seizure = "seizure", "查封、扣押", "seizure";
        Preservation = "preservation", "先行登记保存", "registration and preservation";
    }
}

labelled_enum! {
    /// The review a standard-procedure case passes before its decision (程序规定 第五十条、第五十二条).
    ReviewKind {
        /// 法制审核: major cases (程序规定 第五十条).
        Legal = "legal", "法制审核", "legal review";
        /// 案件审核: the others (程序规定 第五十二条).
        Case = "case", "案件审核", "case review";
    }
}

labelled_enum! {
    /// The procedure a decision was made under.
    Procedure {
        Standard = "standard", "普通程序", "standard procedure";
        Summary = "summary", "简易程序", "summary procedure";
    }
}

labelled_enum! {
    /// How a document was served (程序规定 第八十一条至第八十六条 [M: article numbers]).
    ServiceMethod {
        Direct = "direct", "直接送达", "in person";
        Retained = "retained", "留置送达", "left at the address";
        Electronic = "electronic", "电子送达", "electronically";
        Post = "post", "邮寄送达", "by post";
        Entrusted = "entrusted", "委托送达", "through another office";
        Public = "public", "公告送达", "by public notice";
    }
}

labelled_enum! {
    /// Who changed a decision afterwards.
    ChangeBy {
        Reconsideration = "reconsideration", "行政复议", "administrative reconsideration";
        Litigation = "litigation", "行政诉讼", "litigation";
        Office = "office", "本机关自行纠正", "the office itself";
    }
}

labelled_enum! {
    /// Why publicity ended before its term.
    PublicityEnd {
        /// 公示规定 第十一条: the decision was revoked or changed.
        Revoked = "revoked", "处罚决定被撤销或变更", "decision revoked or changed";
        /// 公示规定 第十四条 through credit repair.
        Repaired = "repaired", "信用修复提前停止公示", "stopped early by credit repair";
    }
}

labelled_enum! {
    /// The documents of a case (市场监督管理行政处罚文书格式范本).
    DocumentKind {
        FilingApproval = "filing_approval", "立案审批表", "filing approval form";
        NotFiling = "not_filing", "不予立案审批表", "not-filing approval form";
        Inquiry = "inquiry", "询问笔录", "inquiry record";
        PenaltyNotice = "penalty_notice", "行政处罚告知书", "notice of proposed penalty";
        HearingNotice = "hearing_notice", "听证通知书", "hearing notice";
        Decision = "decision", "行政处罚决定书", "penalty decision";
        NoPenaltyDecision = "no_penalty_decision", "不予行政处罚决定书", "decision not to penalise";
        ServiceReceipt = "service_receipt", "送达回证", "proof of service";
        ClosureApproval = "closure_approval", "结案审批表", "closure approval form";
    }
}

labelled_enum! {
    /// Where a matter stands.
    Status {
        Clue = "clue", "线索核查", "clue under check";
        NotFiled = "not_filed", "不予立案", "not filed";
        Investigating = "investigating", "立案调查", "under investigation";
        Transferred = "transferred", "已移送公安机关", "transferred to the police";
        Decided = "decided", "已作出决定", "decided";
        Closed = "closed", "已结案", "closed";
    }
}

labelled_enum! {
    /// How a matter ended, as the monthly statistics name it.
    Outcome {
        Penalty = "penalty", "行政处罚", "penalty";
        NoPenalty = "no_penalty", "不予行政处罚", "no penalty";
        NotFiled = "not_filed", "不予立案", "not filed";
        Transferred = "transferred", "移送司法机关", "transferred to the police";
        Open = "open", "办理中", "open";
    }
}

labelled_enum! {
    /// A step a case officer, reviewer or leader takes, by the name the API and the forms use.
    Step {
        ExtendCheck = "extend_check", "延长核查期限", "extend the check";
        Pause = "pause", "中止计算期限", "stop the clock";
        Resume = "resume", "恢复计算期限", "resume the clock";
        File = "file", "立案", "file the case";
        NotFile = "not_file", "不予立案", "do not file";
        NotifyReporter = "notify_reporter", "告知举报人", "notify the reporter";
        AddEvidence = "add_evidence", "登记证据", "record evidence";
        TakeMeasure = "take_measure", "采取强制措施", "seize or preserve";
        ExtendMeasure = "extend_measure", "延长查封扣押期限", "extend a seizure";
        EndMeasure = "end_measure", "解除或处理强制措施", "end a measure";
        ExtendDecision = "extend_decision", "延长办案期限", "extend the decision limit";
        SubmitReview = "submit_review", "送交审核", "send for review";
        Review = "review", "出具审核意见", "give the review opinion";
        Notice = "notice", "行政处罚告知", "notify the proposed penalty";
        Statement = "statement", "记录陈述申辩", "record a statement";
        RequestHearing = "request_hearing", "记录听证申请", "record a hearing request";
        NotifyHearing = "notify_hearing", "通知听证", "notify the hearing";
        HoldHearing = "hold_hearing", "举行听证", "hold the hearing";
        Collective = "collective", "集体讨论决定", "collective decision";
        Decide = "decide", "作出决定", "decide";
        DecideSummary = "decide_summary", "简易程序当场处罚", "decide under the summary procedure";
        Serve = "serve", "送达", "serve";
        Pay = "pay", "缴纳罚没款", "record payment";
        ApplyEnforcement = "apply_enforcement", "申请强制执行", "apply for court enforcement";
        Transfer = "transfer", "移送公安机关", "transfer to the police";
        AcknowledgeTransfer = "acknowledge_transfer", "记录公安机关接收", "record the police's receipt";
        AnswerTransfer = "answer_transfer", "记录公安机关立案与否", "record the police's decision";
        Publish = "publish", "公示", "publish";
        EndPublicity = "end_publicity", "停止公示", "end publicity";
        ChangeDecision = "change_decision", "记录复议诉讼结果", "record a change or revocation";
        Close = "close", "结案", "close the case";
    }
}

/// The party (当事人): a registered business by its credit code, or a person or unregistered
/// organisation by name. The identity number and the address are never published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub kind: PartyKind,
    pub name: String,
    /// The unified social credit code, when registered.
    #[serde(default)]
    pub entity: Option<String>,
    /// A natural person's identity number (restricted).
    #[serde(default)]
    pub id_number: Option<String>,
    /// Restricted.
    #[serde(default)]
    pub address: Option<String>,
}

impl Party {
    pub fn check(&self) -> Result<()> {
        text("party.name", &self.name, MAX_SHORT_CHARS, true)?;
        if let Some(e) = &self.entity {
            crate::Uscc::parse(e)?;
        }
        if let Some(r) = &self.id_number {
            crate::ResidentId::parse(r)?;
        }
        text("party.address", self.address.as_deref().unwrap_or(""), MAX_SHORT_CHARS, false)
    }
}

/// Where a clue came from, with the id of the record it came from (a 12315 clue or report, an
/// inspection task `plan/target`, the referring body's letter number).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub kind: SourceKind,
    #[serde(default)]
    pub reference: Option<String>,
    /// Whether a named reporter is owed notice of the filing decision.
    #[serde(default)]
    pub reporter_named: bool,
}

/// `case.clue_received`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClueReceived {
    pub id: String,
    pub office: DivisionCode,
    pub received_on: NaiveDate,
    pub source: Source,
    pub party: Party,
    /// What is suspected.
    pub facts: String,
    /// The day the violation was committed or, for a continuing one, ended (处罚法 第三十六条).
    #[serde(default)]
    pub violation_on: Option<NaiveDate>,
    /// Whether life, health or financial safety were harmed (the 5-year limitation).
    #[serde(default)]
    pub harm: bool,
    /// The discretion benchmark's row it seems to fall under.
    #[serde(default)]
    pub row: Option<String>,
    /// The officer in charge (account id).
    #[serde(default)]
    pub officer: Option<String>,
}

/// `case.check_extended`: 15 more workdays with the head's approval (程序规定 第十八条).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckExtended {
    pub id: String,
    pub on: NaiveDate,
    pub approved_by: String,
    pub reason: String,
}

/// `case.paused`: a period the limits do not count starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paused {
    pub id: String,
    pub on: NaiveDate,
    pub reason: PauseReason,
    #[serde(default)]
    pub note: String,
}

/// `case.resumed`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resumed {
    pub id: String,
    pub on: NaiveDate,
}

/// `case.filed` (程序规定 第十九条), approved by the head.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filed {
    pub id: String,
    pub on: NaiveDate,
    pub approved_by: String,
    /// The benchmark version in force on the filing day: the case keeps it.
    pub benchmark: String,
    #[serde(default)]
    pub row: Option<String>,
    /// At least two officers (处罚法 第四十二条).
    pub officers: Vec<String>,
}

/// `case.not_filed` (程序规定 第二十条).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotFiled {
    pub id: String,
    pub on: NaiveDate,
    pub ground: NotFiledGround,
    pub reason: String,
    pub approved_by: String,
}

/// `case.reporter_notified`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReporterNotified {
    pub id: String,
    pub on: NaiveDate,
}

/// `case.evidence_added`: an item stored by content hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceAdded {
    pub id: String,
    pub on: NaiveDate,
    pub kind: EvidenceKind,
    /// SHA-256 (hex) of the stored file.
    pub sha256: String,
    #[serde(default)]
    pub note: String,
}

/// `case.measure_taken`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureTaken {
    pub id: String,
    /// The measure's number within the case, from 1.
    pub measure: u32,
    pub kind: MeasureKind,
    pub on: NaiveDate,
    pub approved_by: String,
    pub items: String,
}

/// `case.measure_extended`: a seizure's 30 more days (程序规定 第三十八条).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureExtended {
    pub id: String,
    pub measure: u32,
    pub on: NaiveDate,
    pub approved_by: String,
}

/// `case.measure_ended`: released, confiscated, or (preservation) decided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureEnded {
    pub id: String,
    pub measure: u32,
    pub on: NaiveDate,
    pub outcome: String,
}

/// `case.decision_extended`: 30 more days with the head's approval, or a period set by the
/// leadership's collective decision after that (程序规定 第六十四条).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionExtended {
    pub id: String,
    pub on: NaiveDate,
    pub approved_by: String,
    pub reason: String,
    /// The new last day set collectively, for an extension beyond the 30 days.
    #[serde(default)]
    pub until: Option<NaiveDate>,
}

/// `case.review_submitted`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSubmitted {
    pub id: String,
    pub on: NaiveDate,
    pub kind: ReviewKind,
}

/// `case.reviewed`: the reviewer's opinion; a disagreement sends the case back to the officers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reviewed {
    pub id: String,
    pub on: NaiveDate,
    pub agreed: bool,
    pub opinion: String,
    pub reviewer: String,
}

/// The penalty proposed or decided, and how the discretion benchmark produced it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Penalty {
    pub types: Vec<PenaltyType>,
    /// The fine in fen (0 when there is none).
    #[serde(default)]
    pub fine_fen: i64,
    /// Illegal gains and goods confiscated, valued in fen.
    #[serde(default)]
    pub confiscated_fen: i64,
    /// The benchmark row, its version and the band that produced the proposal.
    pub row: String,
    pub benchmark: String,
    pub band: Band,
    /// The proposal's fine in fen, when the decision departs from it.
    #[serde(default)]
    pub proposed_fine_fen: Option<i64>,
    /// The explanation of the proposal (the row, band and circumstances in words).
    #[serde(default)]
    pub explanation: String,
    /// A departure from the proposal: its reason and who approved it (the principal head or the
    /// collective decision; 湖北省市场监督管理行政处罚裁量规则 [P]).
    #[serde(default)]
    pub departure: Option<Departure>,
    /// The facts and the legal basis as the decision states them.
    #[serde(default)]
    pub facts: String,
    #[serde(default)]
    pub basis: String,
    /// Whether the field is food, drugs or special equipment (a year before publicity may end).
    #[serde(default)]
    pub sensitive: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Departure {
    pub reason: String,
    pub approved_by: String,
}

impl Penalty {
    pub fn check(&self) -> Result<()> {
        if self.types.is_empty() {
            return Err(field("penalty.types", "必填 / required"));
        }
        if self.fine_fen < 0 || self.confiscated_fen < 0 {
            return Err(field("penalty.fine", "negative"));
        }
        if self.types.contains(&PenaltyType::Fine) != (self.fine_fen > 0) {
            return Err(field("penalty.fine", "罚款种类与金额不一致 / a fine needs an amount and an amount a fine"));
        }
        text("penalty.row", &self.row, MAX_SHORT_CHARS, true)?;
        text("penalty.facts", &self.facts, MAX_TEXT_CHARS, false)?;
        text("penalty.basis", &self.basis, MAX_TEXT_CHARS, false)?;
        if let Some(p) = self.proposed_fine_fen
            && p != self.fine_fen
        {
            let Some(d) = &self.departure else {
                return Err(Error::new(Code::CaseDeparture));
            };
            if d.reason.trim().is_empty() || d.approved_by.trim().is_empty() {
                return Err(Error::new(Code::CaseDeparture));
            }
        }
        Ok(())
    }

    pub fn severe(&self) -> bool {
        self.types.iter().any(|t| t.is_severe())
    }

    /// Only a warning (or a warning and public criticism): not published (公示规定 第二条).
    pub fn warning_only(&self) -> bool {
        self.types.iter().all(|t| *t == PenaltyType::Warning)
    }

    /// Whether the party may ask for a hearing (处罚法 第六十三条; 听证办法 第五条): the severe
    /// types, or a fine or confiscation at or above the province's amounts.
    pub fn hearing_offered(&self, party: PartyKind, t: &Thresholds) -> bool {
        let limit = match party {
            PartyKind::NaturalPerson => t.hearing_fen_natural,
            PartyKind::Organisation => t.hearing_fen_organisation,
        };
        self.severe() || self.fine_fen >= limit || self.confiscated_fen >= limit
    }

    /// How long the decision stays public (公示规定 第十三条): 3 months for public criticism
    /// and fines below the province's lower amount, 3 years otherwise; `None` when it is not
    /// published at all (a warning).
    pub fn publicity_months(&self, party: PartyKind, t: &Thresholds) -> Option<u32> {
        if self.warning_only() {
            return None;
        }
        let lower = match party {
            PartyKind::NaturalPerson => t.lower_fen_natural,
            PartyKind::Organisation => t.lower_fen_organisation,
        };
        let light = self
            .types
            .iter()
            .all(|x| matches!(x, PenaltyType::Warning | PenaltyType::CirculatedCriticism | PenaltyType::Fine))
            && self.fine_fen < lower
            && self.confiscated_fen == 0;
        Some(if light { 3 } else { 36 })
    }
}

/// `case.noticed`: the notice of the proposed penalty and of the party's rights, served on `on`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Noticed {
    pub id: String,
    pub on: NaiveDate,
    pub penalty: Penalty,
    /// Whether the notice offers a hearing ([`Penalty::hearing_offered`], decided when the notice
    /// is given).
    pub hearing_offered: bool,
}

/// `case.statement_received`: statements or defences, or an express waiver.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementReceived {
    pub id: String,
    pub on: NaiveDate,
    pub summary: String,
    /// The party waived statements and a hearing.
    #[serde(default)]
    pub waived: bool,
}

/// `case.hearing_requested`: within 5 workdays of the notice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingRequested {
    pub id: String,
    pub on: NaiveDate,
    /// The last day of the request period as the application counted it on the calendar (the
    /// record shows the limit that applied).
    #[serde(default)]
    pub limit: Option<NaiveDate>,
}

/// `case.hearing_notified`: the hearing's day, notified at least 7 days ahead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingNotified {
    pub id: String,
    pub on: NaiveDate,
    pub hearing_on: NaiveDate,
    pub place: String,
}

/// `case.hearing_held`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingHeld {
    pub id: String,
    pub on: NaiveDate,
    pub summary: String,
}

/// `case.collective_decided`: the leadership's collective discussion of a major case
/// (处罚法 第五十七条第二款; 程序规定 第六十条).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollectiveDecided {
    pub id: String,
    pub on: NaiveDate,
    pub members: u32,
    pub resolution: String,
}

/// `case.decided`: a penalty (standard or summary procedure) or no penalty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decided {
    pub id: String,
    pub on: NaiveDate,
    pub procedure: Procedure,
    /// The decision's number (文号), e.g. 鄂武市监处罚〔2026〕123号.
    pub number: String,
    /// The penalty; `None` for a decision not to penalise.
    #[serde(default)]
    pub penalty: Option<Penalty>,
    /// For no penalty: the ground of 处罚法 第三十三条.
    #[serde(default)]
    pub ground: Option<NotFiledGround>,
    /// The education given (程序规定 第六十一条: required with every exemption).
    #[serde(default)]
    pub education: Option<String>,
    pub approved_by: String,
    /// The last day of the statement period as the application counted it (程序规定 第五十七条),
    /// recorded so that the fold decides without a calendar.
    #[serde(default)]
    pub statement_due: Option<NaiveDate>,
}

/// `case.served`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Served {
    pub id: String,
    pub on: NaiveDate,
    pub method: ServiceMethod,
}

/// `case.paid`: the fine and any late fee.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paid {
    pub id: String,
    pub on: NaiveDate,
    pub fine_fen: i64,
    #[serde(default)]
    pub late_fee_fen: i64,
}

/// `case.enforcement_applied`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnforcementApplied {
    pub id: String,
    pub on: NaiveDate,
    pub court: String,
}

/// `case.transferred`: to the police when the facts meet a criminal threshold (移送规定 第三条),
/// decided by the principal head (第五条).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transferred {
    pub id: String,
    pub on: NaiveDate,
    pub police: String,
    pub approved_by: String,
    pub reason: String,
}

/// `case.transfer_acknowledged`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferAcknowledged {
    pub id: String,
    pub on: NaiveDate,
}

/// `case.transfer_answered`: the police filed a criminal case, or not (then the office goes on
/// administratively, 移送规定 第十条).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferAnswered {
    pub id: String,
    pub on: NaiveDate,
    pub accepted: bool,
    #[serde(default)]
    pub note: String,
}

/// `case.decision_changed`: after reconsideration, litigation or the office's own correction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionChanged {
    pub id: String,
    pub on: NaiveDate,
    pub by: ChangeBy,
    /// `None`: revoked; otherwise the penalty as changed.
    #[serde(default)]
    pub penalty: Option<Penalty>,
    pub reference: String,
}

/// `case.closed` (程序规定 第七十七条).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closed {
    pub id: String,
    pub on: NaiveDate,
    pub approved_by: String,
}

/// `case.document_issued`: a document generated, with the SHA-256 of its file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentIssued {
    pub id: String,
    pub on: NaiveDate,
    pub kind: DocumentKind,
    #[serde(default)]
    pub number: Option<String>,
    pub sha256: String,
}

/// `case.published` (public): what 公示规定 第六条 lists, and never a natural person's identity
/// number or address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    pub id: String,
    pub on: NaiveDate,
    /// The last day it is shown (公示规定 第十三条).
    pub until: NaiveDate,
    pub number: String,
    pub party: String,
    pub party_kind: PartyKind,
    #[serde(default)]
    pub entity: Option<String>,
    pub office: DivisionCode,
    pub decided_on: NaiveDate,
    pub violation: String,
    pub facts: String,
    pub basis: String,
    pub types: Vec<PenaltyType>,
    pub fine_fen: i64,
    #[serde(default)]
    pub confiscated_fen: i64,
    /// SHA-256 of the decision document as issued, so a printed copy can be checked.
    #[serde(default)]
    pub document_sha256: Option<String>,
}

/// `case.publicity_ended` (public).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicityEnded {
    pub id: String,
    pub on: NaiveDate,
    pub reason: PublicityEnd,
}

/// A period the limits do not count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub reason: PauseReason,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    pub kind: MeasureKind,
    pub since: NaiveDate,
    pub extended: bool,
    pub ended_on: Option<NaiveDate>,
    pub items: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub served_on: NaiveDate,
    pub penalty: Penalty,
    pub hearing_offered: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hearing {
    pub requested_on: Option<NaiveDate>,
    pub notified_on: Option<NaiveDate>,
    pub hearing_on: Option<NaiveDate>,
    pub held_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub kind: ReviewKind,
    pub submitted_on: NaiveDate,
    pub done_on: Option<NaiveDate>,
    pub agreed: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub on: NaiveDate,
    pub procedure: Procedure,
    pub number: String,
    pub penalty: Option<Penalty>,
    pub ground: Option<NotFiledGround>,
    pub education: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferRecord {
    pub on: NaiveDate,
    pub police: String,
    pub acknowledged_on: Option<NaiveDate>,
    pub answered: Option<(NaiveDate, bool)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publicity {
    pub on: NaiveDate,
    pub until: NaiveDate,
    pub ended: Option<(NaiveDate, PublicityEnd)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub kind: DocumentKind,
    pub on: NaiveDate,
    pub number: Option<String>,
    pub sha256: String,
}

/// The weight of a penalty among the risk classification's indicators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PenaltyWeight {
    Light,
    Standard,
    Severe,
}

/// An enforcement matter: the fold of its events. Limits are not stored but counted from the
/// days recorded here ([`CaseState::clocks`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseState {
    pub id: String,
    pub office: DivisionCode,
    pub status: Status,
    pub received_on: NaiveDate,
    pub source: Source,
    pub party: Party,
    pub facts: String,
    pub violation_on: Option<NaiveDate>,
    pub harm: bool,
    pub row: Option<String>,
    pub officers: Vec<String>,
    /// The account (pseudonym) that received the clue and is in charge of the matter: whose
    /// desk lists it as theirs.
    #[serde(default)]
    pub in_charge: Option<String>,
    pub check_extended: bool,
    pub pauses: Vec<Pause>,
    pub filed_on: Option<NaiveDate>,
    pub benchmark: Option<String>,
    pub not_filed: Option<(NaiveDate, NotFiledGround)>,
    pub reporter_notified_on: Option<NaiveDate>,
    pub evidence: Vec<EvidenceAdded>,
    pub measures: Vec<Measure>,
    pub decision_extended: bool,
    pub decision_until: Option<NaiveDate>,
    pub review: Option<Review>,
    pub notice: Option<Notice>,
    pub statement_on: Option<NaiveDate>,
    pub waived: bool,
    pub hearing: Hearing,
    pub collective_on: Option<NaiveDate>,
    pub decision: Option<Decision>,
    pub served: Option<(NaiveDate, ServiceMethod)>,
    pub paid: Option<Paid>,
    pub enforcement_on: Option<NaiveDate>,
    pub transfer: Option<TransferRecord>,
    pub changes: Vec<DecisionChanged>,
    pub publicity: Option<Publicity>,
    pub closed_on: Option<NaiveDate>,
    pub documents: Vec<Document>,
}

/// The clocks of a matter on the official calendar. A limit in a year with no schedule (and
/// outside the provisional years) is `None` and its year is in `uncovered`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Clocks {
    /// The filing decision: 15 (+15) workdays from receipt, testing excluded (程序规定 第十八条).
    pub filing_due: Option<NaiveDate>,
    /// The named reporter's notice: 5 workdays from the filing decision.
    pub reporter_due: Option<NaiveDate>,
    /// The decision: 90 (+30) days from filing, excluded periods added (程序规定 第六十四条).
    pub decision_due: Option<NaiveDate>,
    /// Statements and a hearing request: 5 workdays from the notice (程序规定 第五十七条).
    pub statement_due: Option<NaiveDate>,
    /// The review: 10 workdays from submission (程序规定 第五十五条).
    pub review_due: Option<NaiveDate>,
    /// Each open measure's last day: a seizure's 30 (+30) days, a preservation's 7 workdays.
    pub measures_due: Vec<(u32, NaiveDate)>,
    /// Payment: 15 days from service (处罚法 第六十七条).
    pub payment_due: Option<NaiveDate>,
    /// The last day to apply for court enforcement [M: counted from the payment limit].
    pub court_due: Option<NaiveDate>,
    /// Publication: 20 workdays from the decision (公示规定 第九条).
    pub publish_due: Option<NaiveDate>,
    /// Withdrawal: 3 workdays from a revocation (公示规定 第十一条).
    pub withdraw_due: Option<NaiveDate>,
    /// Closure: 15 workdays from completion (程序规定 第七十七条).
    pub close_due: Option<NaiveDate>,
    /// Days excluded from the decision limit so far (closed pauses, and an open one up to
    /// the day asked).
    pub excluded_days: u64,
    /// Whether a pause stops the clocks now.
    pub paused: bool,
    pub uncovered: Option<i32>,
    /// Whether a limit counts a day of a provisional year (暂定).
    pub provisional: bool,
}

impl Clocks {
    /// The limits now running, with their names, for a desk and for overdue flags.
    pub fn running(&self) -> Vec<(&'static str, NaiveDate)> {
        let mut v: Vec<(&'static str, NaiveDate)> = [
            ("filing_due", self.filing_due),
            ("reporter_due", self.reporter_due),
            ("decision_due", self.decision_due),
            ("statement_due", self.statement_due),
            ("review_due", self.review_due),
            ("payment_due", self.payment_due),
            ("publish_due", self.publish_due),
            ("withdraw_due", self.withdraw_due),
            ("close_due", self.close_due),
        ]
        .into_iter()
        .filter_map(|(k, d)| d.map(|d| (k, d)))
        .collect();
        v.extend(self.measures_due.iter().map(|(_, d)| ("measure_due", *d)));
        v
    }
}

/// The late fee on `on` for a fine due on `due` (处罚法 第七十二条第一项): 3 % of the fine for
/// each day after the due day, never more than the fine.
pub fn late_fee(fine_fen: i64, due: NaiveDate, on: NaiveDate) -> i64 {
    let days = (on - due).num_days().max(0);
    (fine_fen * super::LATE_FEE_PERMILLE_PER_DAY * days / 1000).min(fine_fen)
}

/// The last day a violation committed (or ended) on `violation_on` may still be punished
/// (处罚法 第三十六条): 2 years, 5 where life, health or financial safety were harmed.
pub fn limitation_end(violation_on: NaiveDate, harm: bool) -> NaiveDate {
    let years = if harm { super::LIMITATION_YEARS_HARM } else { super::LIMITATION_YEARS };
    violation_on.checked_add_months(Months::new(12 * years)).unwrap_or(NaiveDate::MAX)
}

impl CaseState {
    /// The state of a clue just received.
    pub fn received(c: &ClueReceived) -> Result<CaseState> {
        let day = super::check_id(&c.id)?;
        if day != c.received_on {
            return Err(field("id", &c.id));
        }
        c.party.check()?;
        text("facts", &c.facts, MAX_TEXT_CHARS, true)?;
        if let Some(r) = &c.source.reference {
            text("source.reference", r, MAX_SHORT_CHARS, false)?;
        }
        if c.violation_on.is_some_and(|v| v > c.received_on) {
            return Err(field("violation_on", "晚于线索登记日 / after the clue arrived"));
        }
        Ok(CaseState {
            id: c.id.clone(),
            office: c.office,
            status: Status::Clue,
            received_on: c.received_on,
            source: c.source.clone(),
            party: c.party.clone(),
            facts: c.facts.clone(),
            violation_on: c.violation_on,
            harm: c.harm,
            row: c.row.clone(),
            officers: c.officer.iter().cloned().collect(),
            in_charge: c.officer.clone(),
            check_extended: false,
            pauses: Vec::new(),
            filed_on: None,
            benchmark: None,
            not_filed: None,
            reporter_notified_on: None,
            evidence: Vec::new(),
            measures: Vec::new(),
            decision_extended: false,
            decision_until: None,
            review: None,
            notice: None,
            statement_on: None,
            waived: false,
            hearing: Hearing::default(),
            collective_on: None,
            decision: None,
            served: None,
            paid: None,
            enforcement_on: None,
            transfer: None,
            changes: Vec::new(),
            publicity: None,
            closed_on: None,
            documents: Vec::new(),
        })
    }

    /// How the matter ended, for the statistics.
    pub fn outcome(&self) -> Outcome {
        match self.status {
            Status::NotFiled => Outcome::NotFiled,
            Status::Transferred if self.transfer.as_ref().and_then(|t| t.answered).is_some_and(|(_, a)| a) => {
                Outcome::Transferred
            }
            Status::Decided | Status::Closed => match &self.decision {
                Some(_) if self.current_penalty().is_some() => Outcome::Penalty,
                Some(_) => Outcome::NoPenalty,
                None if self.transfer.is_some() => Outcome::Transferred,
                None => Outcome::Open,
            },
            _ => Outcome::Open,
        }
    }

    /// The penalty as it stands: the decision's, as changed afterwards; `None` when there is
    /// none or it was revoked.
    pub fn current_penalty(&self) -> Option<&Penalty> {
        match self.changes.last() {
            Some(c) => c.penalty.as_ref(),
            None => self.decision.as_ref().and_then(|d| d.penalty.as_ref()),
        }
    }

    /// How the penalty in force counts in the risk classification's indicators on `as_of`
    /// (企业信用风险分类管理 [P]: penalties of the last three years, by weight): severe types
    /// (责令停产停业, 吊销, 限制从业); light ones as the publicity rule draws the line (警告,
    /// 通报批评 and fines below the province's lower amount, 公示规定 第十三条); standard
    /// otherwise. `None` without a penalty in force decided in the window.
    pub fn penalty_weight(&self, t: &Thresholds, as_of: NaiveDate) -> Option<PenaltyWeight> {
        let decided = self.decision.as_ref()?.on;
        let since = as_of.checked_sub_months(Months::new(36))?;
        if decided <= since || decided > as_of {
            return None;
        }
        let p = self.current_penalty()?;
        Some(if p.severe() {
            PenaltyWeight::Severe
        } else if p.warning_only() || p.publicity_months(self.party.kind, t) == Some(3) {
            PenaltyWeight::Light
        } else {
            PenaltyWeight::Standard
        })
    }

    /// The serious-list entry the penalty in force proposes to the credit office (市场监督管理
    /// 严重违法失信名单管理办法 第二条: a heavier penalty — 从重处罚的罚款, 吊销, 责令停产停业,
    /// 限制从业 — in the fields of 第五条至第十条, mapped from the benchmark row's field [P]:
    /// food, drugs, quality safety (special equipment, product quality), consumers' rights
    /// (consumer, advertising) and fair competition). Only for a registered party; the office
    /// decides, after its own notice and the party's statement [P].
    pub fn serious_proposal(&self) -> Option<(SeriousGround, HeavierPenalty)> {
        use super::benchmark::{Benchmarks, Field};
        self.party.entity.as_ref()?;
        let p = self.current_penalty()?;
        let heavier =
            if p.types.iter().any(|t| matches!(t, PenaltyType::RevokeLicence | PenaltyType::RevokeBusinessLicence)) {
                HeavierPenalty::LicenceRevokedOrDowngraded
            } else if p.types.iter().any(|t| matches!(t, PenaltyType::Suspend | PenaltyType::Bar)) {
                HeavierPenalty::OperationsRestricted
            } else if p.band == Band::Heavier {
                HeavierPenalty::AggravatedFine
            } else {
                return None;
            };
        let field = Benchmarks::shipped().version(&p.benchmark)?.row(&p.row).ok()?.field;
        let ground = match field {
            Field::Food => SeriousGround::FoodSafety,
            Field::Drug => SeriousGround::DrugsDevicesCosmetics,
            Field::SpecialEquipment | Field::ProductQuality => SeriousGround::QualitySafety,
            Field::Consumer | Field::Advertising => SeriousGround::ConsumerRights,
            Field::Competition => SeriousGround::FairCompetition,
            _ => return None,
        };
        Some((ground, heavier))
    }

    /// Whether a fine of the penalty in force is still owed: decided, not paid, not revoked.
    /// Simple deregistration waits for it (市场主体登记管理条例实施细则 第四十八条: 简易注销 is
    /// not open to an entity with 罚没款 unpaid [P]).
    pub fn fine_unpaid(&self) -> bool {
        self.current_penalty().is_some_and(|p| p.fine_fen > 0 || p.confiscated_fen > 0) && self.paid.is_none()
    }

    /// The day the decision was revoked, if it was.
    pub fn revoked(&self) -> Option<NaiveDate> {
        self.changes.last().filter(|c| c.penalty.is_none()).map(|c| c.on)
    }

    /// Whether a major case: legal review and a collective decision (程序规定 第五十条): the
    /// review sent was 法制审核, or a hearing was offered.
    pub fn major(&self) -> bool {
        self.review.as_ref().is_some_and(|r| r.kind == ReviewKind::Legal)
            || self.notice.as_ref().is_some_and(|n| n.hearing_offered)
    }

    /// A transfer to the police not yet answered, or answered with a criminal case.
    pub fn transfer_open(&self) -> bool {
        self.transfer.as_ref().is_some_and(|t| t.answered.is_none_or(|(_, accepted)| accepted))
    }

    /// The open pause, if any.
    pub fn paused_since(&self) -> Option<&Pause> {
        self.pauses.last().filter(|p| p.until.is_none())
    }

    /// Whether the record is public on `day` (computed, never stored): published, its term not
    /// over, not withdrawn or ended early.
    pub fn public_on(&self, day: NaiveDate) -> bool {
        self.publicity.as_ref().is_some_and(|p| p.on <= day && day <= p.until && p.ended.is_none())
    }

    /// Whether the work of the case is done (paid, enforced, no penalty, police case) so that
    /// it can be closed; the day it was done.
    pub fn completed_on(&self) -> Option<NaiveDate> {
        if self.status != Status::Decided {
            return None;
        }
        let d = self.decision.as_ref()?;
        match self.current_penalty() {
            None => Some(self.revoked().unwrap_or(d.on).max(self.served.map(|s| s.0).unwrap_or(d.on))),
            Some(p) if p.fine_fen == 0 && p.confiscated_fen == 0 => self.served.map(|s| s.0),
            Some(_) => self.paid.as_ref().map(|p| p.on).or(self.enforcement_on),
        }
    }

    /// The clocks on `cal`, with open pauses counted up to `today`.
    pub fn clocks(&self, cal: &Calendar, today: NaiveDate) -> Clocks {
        let mut c = Clocks::default();
        let uncovered = std::cell::Cell::new(None::<i32>);
        let provisional = std::cell::Cell::new(false);
        let add = |from: NaiveDate, n: u32| -> Option<NaiveDate> {
            match cal.add_workdays(from, n) {
                Ok(x) => {
                    if cal.counts_provisional(from, x) {
                        provisional.set(true);
                    }
                    Some(x)
                }
                Err(e) => {
                    let y = e.detail("year").and_then(|y| y.parse().ok()).unwrap_or(from.year());
                    uncovered.set(uncovered.get().or(Some(y)));
                    None
                }
            }
        };
        // Testing and appraisal workdays after `from`, for the filing check (第十八条): each
        // period's start day does not count, its end day does (民法典 第二百零一条).
        let testing_workdays =
            |from: NaiveDate| -> u32 {
                let mut n = 0;
                for p in self.pauses.iter().filter(|p| {
                    p.since >= from && matches!(p.reason, PauseReason::Testing | PauseReason::Identification)
                }) {
                    let until = p.until.unwrap_or(today).max(p.since);
                    match cal.workdays_between(p.since, until) {
                        Ok(k) => n += k,
                        Err(_) => uncovered.set(uncovered.get().or(Some(until.year()))),
                    }
                }
                n
            };
        c.paused = self.paused_since().is_some();
        if self.filed_on.is_none() && self.status == Status::Clue {
            let n = super::CHECK_WORKDAYS
                + if self.check_extended { super::CHECK_EXTENSION_WORKDAYS } else { 0 }
                + testing_workdays(self.received_on);
            c.filing_due = add(self.received_on, n);
        }
        let decided_filing = self.filed_on.or(self.not_filed.map(|n| n.0));
        if self.source.reporter_named
            && self.reporter_notified_on.is_none()
            && let Some(on) = decided_filing
        {
            c.reporter_due = add(on, super::REPORTER_NOTICE_WORKDAYS);
        }
        if let Some(filed) = self.filed_on {
            // Excluded periods in calendar days: a period from `since` to `until` excludes
            // `until - since` days.
            let excluded: u64 = self
                .pauses
                .iter()
                .filter(|p| p.since >= filed)
                .map(|p| (p.until.unwrap_or(today).max(p.since) - p.since).num_days() as u64)
                .sum();
            c.excluded_days = excluded;
            if self.decision.is_none() && self.status == Status::Investigating {
                let days = super::DECISION_DAYS
                    + if self.decision_extended { super::DECISION_EXTENSION_DAYS } else { 0 }
                    + excluded;
                let due = filed.checked_add_days(Days::new(days));
                c.decision_due = match (self.decision_until, due) {
                    (Some(u), Some(d)) => Some(u.max(d)),
                    (u, d) => u.or(d),
                };
            }
        }
        for (i, m) in self.measures.iter().enumerate() {
            if m.ended_on.is_some() {
                continue;
            }
            let due = match m.kind {
                MeasureKind::Seizure => {
                    m.since.checked_add_days(Days::new(super::SEIZURE_DAYS * if m.extended { 2 } else { 1 }))
                }
                MeasureKind::Preservation => add(m.since, super::PRESERVATION_WORKDAYS),
            };
            if let Some(d) = due {
                c.measures_due.push((i as u32 + 1, d));
            }
        }
        if self.decision.is_none()
            && let Some(n) = &self.notice
            && self.statement_on.is_none()
            && self.hearing.requested_on.is_none()
        {
            c.statement_due = add(n.served_on, super::STATEMENT_WORKDAYS);
        }
        if let Some(r) = &self.review
            && r.done_on.is_none()
        {
            c.review_due = add(r.submitted_on, super::REVIEW_WORKDAYS);
        }
        if let Some(d) = &self.decision {
            if let Some((served, _)) = self.served
                && self.paid.is_none()
                && self.current_penalty().is_some_and(|p| p.fine_fen > 0)
            {
                let due = served.checked_add_days(Days::new(super::PAYMENT_DAYS));
                c.payment_due = due;
                c.court_due = due.and_then(|d| d.checked_add_months(Months::new(super::COURT_MONTHS)));
            }
            if d.procedure == Procedure::Standard
                && self.publicity.is_none()
                && self.revoked().is_none()
                && self.current_penalty().is_some_and(|p| !p.warning_only())
            {
                c.publish_due = add(d.on, super::PUBLISH_WORKDAYS);
            }
            if let Some(revoked) = self.revoked()
                && self.publicity.as_ref().is_some_and(|p| p.ended.is_none())
            {
                c.withdraw_due = add(revoked, super::WITHDRAW_WORKDAYS);
            }
        }
        if self.closed_on.is_none()
            && let Some(done) = self.completed_on()
        {
            c.close_due = add(done, super::CLOSURE_WORKDAYS);
        }
        c.uncovered = uncovered.get();
        c.provisional = provisional.get();
        c
    }

    /// The nearest running limit, for ordering a desk without a day in hand; `None` when no
    /// limit runs (or its year has no schedule) and while the matter is paused: its limits
    /// move later each day the pause lasts and none can be overdue (程序规定 第六十四条), so a
    /// paused matter waits after the running ones. Without an open pause the clocks do not
    /// depend on the day.
    pub fn nearest_limit(&self, cal: &Calendar) -> Option<NaiveDate> {
        if self.paused_since().is_some() {
            return None;
        }
        self.clocks(cal, self.received_on).running().into_iter().map(|(_, d)| d).min()
    }

    /// The limits passed on `today` without the step they call for.
    pub fn overdue(&self, cal: &Calendar, today: NaiveDate) -> Vec<&'static str> {
        let c = self.clocks(cal, today);
        if c.paused {
            return Vec::new();
        }
        c.running().into_iter().filter(|(_, d)| today > *d).map(|(k, _)| k).collect()
    }

    /// The steps the procedure allows now (the fold decides again when one is taken).
    pub fn next_steps(&self) -> Vec<Step> {
        use Step::*;
        let mut v = Vec::new();
        let pause = if self.paused_since().is_some() { Resume } else { Pause };
        match self.status {
            Status::Clue => {
                v.extend([File, NotFile, DecideSummary, Transfer]);
                if !self.check_extended {
                    v.push(ExtendCheck);
                }
                v.push(pause);
            }
            Status::NotFiled => {}
            Status::Investigating => {
                v.extend([AddEvidence, TakeMeasure]);
                if self.measures.iter().any(|m| m.ended_on.is_none()) {
                    v.push(EndMeasure);
                }
                if self.measures.iter().any(|m| m.kind == MeasureKind::Seizure && m.ended_on.is_none() && !m.extended) {
                    v.push(ExtendMeasure);
                }
                if !self.decision_extended || self.decision_until.is_none() {
                    v.push(ExtendDecision);
                }
                if self.review.as_ref().is_none_or(|r| r.done_on.is_some()) {
                    v.push(SubmitReview);
                }
                if self.review.as_ref().is_some_and(|r| r.done_on.is_none()) {
                    v.push(Review);
                }
                if self.notice.is_none() {
                    v.push(Notice);
                } else {
                    v.push(Statement);
                    let offered = self.notice.as_ref().is_some_and(|n| n.hearing_offered);
                    if offered && self.hearing.requested_on.is_none() {
                        v.push(RequestHearing);
                    }
                    if self.hearing.requested_on.is_some() && self.hearing.notified_on.is_none() {
                        v.push(NotifyHearing);
                    }
                    if self.hearing.notified_on.is_some() && self.hearing.held_on.is_none() {
                        v.push(HoldHearing);
                    }
                }
                if self.major() && self.collective_on.is_none() {
                    v.push(Collective);
                }
                v.extend([Decide, Transfer, pause]);
            }
            Status::Transferred => {
                let t = self.transfer.as_ref();
                if t.is_some_and(|t| t.acknowledged_on.is_none()) {
                    v.push(AcknowledgeTransfer);
                }
                if t.is_some_and(|t| t.answered.is_none()) {
                    v.push(AnswerTransfer);
                }
                if self.decision.is_none() && t.is_some_and(|t| t.answered.is_some_and(|(_, a)| a)) {
                    v.push(Close);
                }
            }
            Status::Decided => {
                if self.served.is_none() {
                    v.push(Serve);
                }
                if self.served.is_some()
                    && self.paid.is_none()
                    && self.current_penalty().is_some_and(|p| p.fine_fen > 0)
                {
                    v.extend([Pay, ApplyEnforcement]);
                }
                if self.completed_on().is_some() {
                    v.push(Close);
                }
            }
            Status::Closed => {}
        }
        if matches!(self.status, Status::Decided | Status::Closed) {
            let d = self.decision.as_ref();
            if self.publicity.is_none()
                && self.revoked().is_none()
                && d.is_some_and(|d| d.procedure == Procedure::Standard)
                && self.current_penalty().is_some_and(|p| !p.warning_only())
            {
                v.push(Publish);
            }
            if self.publicity.as_ref().is_some_and(|p| p.ended.is_none()) {
                v.push(EndPublicity);
            }
            if d.is_some() && self.revoked().is_none() {
                v.push(ChangeDecision);
            }
        }
        if self.source.reporter_named
            && self.reporter_notified_on.is_none()
            && (self.filed_on.is_some() || self.not_filed.is_some())
        {
            v.push(NotifyReporter);
        }
        v
    }

    fn workflow(&self, step: Step) -> Error {
        Error::new(Code::CaseWorkflow)
            .with("id", self.id.clone())
            .with("status", self.status.zh())
            .with("step", step.zh())
    }

    fn expect(&self, ok: bool, step: Step) -> Result<()> {
        if ok { Ok(()) } else { Err(self.workflow(step)) }
    }

    /// A step dated before the clue arrived, or before the last recorded step, is refused.
    fn not_before(&self, on: NaiveDate, step: Step) -> Result<()> {
        let last = [
            Some(self.received_on),
            self.filed_on,
            self.not_filed.map(|n| n.0),
            self.pauses.last().map(|p| p.until.unwrap_or(p.since)),
            self.notice.as_ref().map(|n| n.served_on),
            self.decision.as_ref().map(|d| d.on),
            self.served.map(|s| s.0),
            self.paid.as_ref().map(|p| p.on),
            self.closed_on,
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(self.received_on);
        if on < last {
            return Err(self.workflow(step).with("on", on.to_string()));
        }
        Ok(())
    }

    pub fn extend_check(&mut self, e: &CheckExtended) -> Result<()> {
        self.expect(self.status == Status::Clue && !self.check_extended, Step::ExtendCheck)?;
        self.not_before(e.on, Step::ExtendCheck)?;
        text("approved_by", &e.approved_by, MAX_SHORT_CHARS, true)?;
        text("reason", &e.reason, MAX_TEXT_CHARS, true)?;
        self.check_extended = true;
        Ok(())
    }

    pub fn pause(&mut self, p: &Paused) -> Result<()> {
        self.expect(
            matches!(self.status, Status::Clue | Status::Investigating) && self.paused_since().is_none(),
            Step::Pause,
        )?;
        self.not_before(p.on, Step::Pause)?;
        text("note", &p.note, MAX_TEXT_CHARS, false)?;
        self.pauses.push(Pause { reason: p.reason, since: p.on, until: None });
        Ok(())
    }

    pub fn resume(&mut self, r: &Resumed) -> Result<()> {
        let Some(since) = self.paused_since().map(|p| p.since) else { return Err(self.workflow(Step::Resume)) };
        self.expect(r.on >= since, Step::Resume)?;
        if let Some(p) = self.pauses.last_mut() {
            p.until = Some(r.on);
        }
        Ok(())
    }

    fn close_pause(&mut self, on: NaiveDate) {
        if let Some(p) = self.pauses.last_mut()
            && p.until.is_none()
        {
            p.until = Some(on.max(p.since));
        }
    }

    /// Filing (程序规定 第十九条); refused beyond the limitation period (处罚法 第三十六条).
    pub fn file(&mut self, f: &Filed) -> Result<()> {
        self.expect(self.status == Status::Clue, Step::File)?;
        self.not_before(f.on, Step::File)?;
        text("approved_by", &f.approved_by, MAX_SHORT_CHARS, true)?;
        text("benchmark", &f.benchmark, MAX_SHORT_CHARS, true)?;
        if f.officers.len() < 2 {
            return Err(field("officers", "至少两名执法人员 / at least two officers (处罚法 第四十二条)"));
        }
        if let Some(v) = self.violation_on {
            let end = limitation_end(v, self.harm);
            if f.on > end {
                return Err(Error::new(Code::CaseTimeBarred)
                    .with("violation_on", v.to_string())
                    .with("end", end.to_string()));
            }
        }
        self.close_pause(f.on);
        self.status = Status::Investigating;
        self.filed_on = Some(f.on);
        self.benchmark = Some(f.benchmark.clone());
        if f.row.is_some() {
            self.row = f.row.clone();
        }
        self.officers = f.officers.clone();
        Ok(())
    }

    pub fn not_file(&mut self, n: &NotFiled) -> Result<()> {
        self.expect(self.status == Status::Clue, Step::NotFile)?;
        self.not_before(n.on, Step::NotFile)?;
        text("reason", &n.reason, MAX_TEXT_CHARS, true)?;
        text("approved_by", &n.approved_by, MAX_SHORT_CHARS, true)?;
        if n.ground == NotFiledGround::TimeBarred
            && self.violation_on.is_none_or(|v| n.on <= limitation_end(v, self.harm))
        {
            return Err(field("ground", "未超过追责期限 / the limitation period has not run"));
        }
        self.close_pause(n.on);
        self.status = Status::NotFiled;
        self.not_filed = Some((n.on, n.ground));
        self.closed_on = Some(n.on);
        Ok(())
    }

    pub fn notify_reporter(&mut self, n: &ReporterNotified) -> Result<()> {
        self.expect(
            self.source.reporter_named
                && self.reporter_notified_on.is_none()
                && (self.filed_on.is_some() || self.not_filed.is_some()),
            Step::NotifyReporter,
        )?;
        let decided = self.filed_on.or(self.not_filed.map(|x| x.0)).unwrap_or(self.received_on);
        self.expect(n.on >= decided, Step::NotifyReporter)?;
        self.reporter_notified_on = Some(n.on);
        Ok(())
    }

    pub fn add_evidence(&mut self, e: &EvidenceAdded) -> Result<()> {
        self.expect(self.status == Status::Investigating, Step::AddEvidence)?;
        crate::complaint::check_hash("sha256", &e.sha256)?;
        text("note", &e.note, MAX_TEXT_CHARS, false)?;
        self.expect(e.on >= self.filed_on.unwrap_or(self.received_on), Step::AddEvidence)?;
        self.evidence.push(e.clone());
        Ok(())
    }

    pub fn take_measure(&mut self, m: &MeasureTaken) -> Result<()> {
        self.expect(self.status == Status::Investigating, Step::TakeMeasure)?;
        self.expect(m.measure as usize == self.measures.len() + 1, Step::TakeMeasure)?;
        self.expect(m.on >= self.filed_on.unwrap_or(self.received_on), Step::TakeMeasure)?;
        text("approved_by", &m.approved_by, MAX_SHORT_CHARS, true)?;
        text("items", &m.items, MAX_TEXT_CHARS, true)?;
        self.measures.push(Measure {
            kind: m.kind,
            since: m.on,
            extended: false,
            ended_on: None,
            items: m.items.clone(),
        });
        Ok(())
    }

    fn measure_mut(&mut self, n: u32, step: Step) -> Result<&mut Measure> {
        let err = self.workflow(step);
        self.measures.get_mut((n as usize).wrapping_sub(1)).filter(|m| m.ended_on.is_none()).ok_or(err)
    }

    pub fn extend_measure(&mut self, e: &MeasureExtended) -> Result<()> {
        text("approved_by", &e.approved_by, MAX_SHORT_CHARS, true)?;
        let err = self.workflow(Step::ExtendMeasure);
        let m = self.measure_mut(e.measure, Step::ExtendMeasure)?;
        if m.kind != MeasureKind::Seizure || m.extended || e.on < m.since {
            return Err(err);
        }
        m.extended = true;
        Ok(())
    }

    pub fn end_measure(&mut self, e: &MeasureEnded) -> Result<()> {
        text("outcome", &e.outcome, MAX_TEXT_CHARS, true)?;
        let err = self.workflow(Step::EndMeasure);
        let m = self.measure_mut(e.measure, Step::EndMeasure)?;
        if e.on < m.since {
            return Err(err);
        }
        m.ended_on = Some(e.on);
        Ok(())
    }

    /// The 30 days once with the head's approval; beyond them only with a day set by the
    /// collective decision (程序规定 第六十四条).
    pub fn extend_decision(&mut self, e: &DecisionExtended) -> Result<()> {
        self.expect(self.status == Status::Investigating, Step::ExtendDecision)?;
        self.not_before(e.on, Step::ExtendDecision)?;
        text("approved_by", &e.approved_by, MAX_SHORT_CHARS, true)?;
        text("reason", &e.reason, MAX_TEXT_CHARS, true)?;
        if !self.decision_extended {
            self.expect(e.until.is_none(), Step::ExtendDecision)?;
            self.decision_extended = true;
        } else {
            let Some(until) = e.until else {
                return Err(field(
                    "until",
                    "再次延长须由集体讨论确定期限 / a further extension needs a day set collectively",
                ));
            };
            self.expect(until > e.on, Step::ExtendDecision)?;
            self.decision_until = Some(until);
        }
        Ok(())
    }

    pub fn submit_review(&mut self, r: &ReviewSubmitted) -> Result<()> {
        self.expect(
            self.status == Status::Investigating && self.review.as_ref().is_none_or(|r| r.done_on.is_some()),
            Step::SubmitReview,
        )?;
        self.not_before(r.on, Step::SubmitReview)?;
        self.review = Some(Review { kind: r.kind, submitted_on: r.on, done_on: None, agreed: None });
        Ok(())
    }

    pub fn reviewed(&mut self, r: &Reviewed) -> Result<()> {
        text("opinion", &r.opinion, MAX_TEXT_CHARS, true)?;
        text("reviewer", &r.reviewer, MAX_SHORT_CHARS, true)?;
        let err = self.workflow(Step::Review);
        let open = self.status == Status::Investigating;
        let Some(rev) = self.review.as_mut().filter(|x| open && x.done_on.is_none() && r.on >= x.submitted_on) else {
            return Err(err);
        };
        rev.done_on = Some(r.on);
        rev.agreed = Some(r.agreed);
        Ok(())
    }

    pub fn notice(&mut self, n: &Noticed) -> Result<()> {
        self.expect(self.status == Status::Investigating && self.notice.is_none(), Step::Notice)?;
        self.not_before(n.on, Step::Notice)?;
        n.penalty.check()?;
        self.notice = Some(Notice { served_on: n.on, penalty: n.penalty.clone(), hearing_offered: n.hearing_offered });
        Ok(())
    }

    pub fn statement(&mut self, s: &StatementReceived) -> Result<()> {
        self.expect(self.status == Status::Investigating && self.notice.is_some(), Step::Statement)?;
        self.not_before(s.on, Step::Statement)?;
        text("summary", &s.summary, MAX_TEXT_CHARS, !s.waived)?;
        self.statement_on = Some(s.on);
        self.waived = s.waived;
        Ok(())
    }

    /// A hearing request within 5 workdays of the notice (程序规定 第五十七条). The calendar is
    /// the application's: it passes the limit it computed.
    pub fn request_hearing(&mut self, h: &HearingRequested) -> Result<()> {
        let limit = h.limit;
        let offered = self.notice.as_ref().is_some_and(|n| n.hearing_offered);
        self.expect(
            self.status == Status::Investigating && offered && self.hearing.requested_on.is_none() && !self.waived,
            Step::RequestHearing,
        )?;
        self.not_before(h.on, Step::RequestHearing)?;
        if let Some(l) = limit
            && h.on > l
        {
            return Err(field("on", format!("超过听证申请期限{l} / after the limit {l}")));
        }
        self.hearing.requested_on = Some(h.on);
        Ok(())
    }

    pub fn notify_hearing(&mut self, h: &HearingNotified) -> Result<()> {
        self.expect(
            self.status == Status::Investigating
                && self.hearing.requested_on.is_some()
                && self.hearing.notified_on.is_none(),
            Step::NotifyHearing,
        )?;
        self.not_before(h.on, Step::NotifyHearing)?;
        text("place", &h.place, MAX_SHORT_CHARS, true)?;
        if h.hearing_on < h.on + Days::new(super::HEARING_NOTICE_DAYS) {
            return Err(field(
                "hearing_on",
                "听证应当在举行七日前通知 / the hearing is notified at least 7 days ahead (处罚法 第六十四条)",
            ));
        }
        self.hearing.notified_on = Some(h.on);
        self.hearing.hearing_on = Some(h.hearing_on);
        Ok(())
    }

    pub fn hold_hearing(&mut self, h: &HearingHeld) -> Result<()> {
        self.expect(
            self.status == Status::Investigating && self.hearing.hearing_on.is_some() && self.hearing.held_on.is_none(),
            Step::HoldHearing,
        )?;
        self.expect(self.hearing.hearing_on.is_some_and(|d| h.on >= d), Step::HoldHearing)?;
        text("summary", &h.summary, MAX_TEXT_CHARS, true)?;
        self.hearing.held_on = Some(h.on);
        Ok(())
    }

    pub fn collective(&mut self, c: &CollectiveDecided) -> Result<()> {
        self.expect(self.status == Status::Investigating && self.collective_on.is_none(), Step::Collective)?;
        self.not_before(c.on, Step::Collective)?;
        text("resolution", &c.resolution, MAX_TEXT_CHARS, true)?;
        if c.members < 3 {
            return Err(field("members", "集体讨论至少三人 / at least three members [M]"));
        }
        self.collective_on = Some(c.on);
        Ok(())
    }

    /// The decision. Under the standard procedure a penalty needs: the review agreed (程序规定
    /// 第五十二条), the notice served and its 5 workdays passed unless the party answered
    /// (第五十七条; `statement_limit` is the application's count of them), a requested hearing
    /// held, a major case's collective decision (第六十条), and no transfer to the police open
    /// (移送规定 第十条). A decision not to penalise names its ground and the education given
    /// (程序规定 第六十一条). The summary procedure is for a warning or a small fine only
    /// (处罚法 第五十一条).
    pub fn decide(&mut self, d: &Decided) -> Result<()> {
        let statement_limit = d.statement_due;
        text("number", &d.number, MAX_SHORT_CHARS, true)?;
        text("approved_by", &d.approved_by, MAX_SHORT_CHARS, true)?;
        match d.procedure {
            Procedure::Summary => {
                self.expect(self.status == Status::Clue, Step::DecideSummary)?;
                self.not_before(d.on, Step::DecideSummary)?;
                let Some(p) = &d.penalty else { return Err(field("penalty", "必填 / required")) };
                p.check()?;
                let max = match self.party.kind {
                    PartyKind::NaturalPerson => super::SUMMARY_MAX_FEN_NATURAL,
                    PartyKind::Organisation => super::SUMMARY_MAX_FEN_ORGANISATION,
                };
                let only = p.types.iter().all(|t| matches!(t, PenaltyType::Warning | PenaltyType::Fine));
                if !only || p.fine_fen > max || p.confiscated_fen > 0 {
                    return Err(Error::new(Code::CaseSummaryLimit)
                        .with("party", self.party.kind.zh())
                        .with("max", super::yuan_text(max)));
                }
            }
            Procedure::Standard => {
                self.expect(self.status == Status::Investigating, Step::Decide)?;
                self.not_before(d.on, Step::Decide)?;
                if self.transfer_open() {
                    return Err(Error::new(Code::CaseTransferOpen).with("id", self.id.clone()));
                }
                match &d.penalty {
                    Some(p) => {
                        p.check()?;
                        let missing = |what: &str| Error::new(Code::CaseNotReady).with("missing", what.to_string());
                        if self.review.as_ref().is_none_or(|r| r.agreed != Some(true)) {
                            return Err(missing("审核通过 / an agreed review"));
                        }
                        let Some(n) = &self.notice else { return Err(missing("行政处罚告知 / the notice")) };
                        let answered = self.statement_on.is_some() || self.hearing.requested_on.is_some();
                        if !answered && statement_limit.is_none_or(|l| d.on <= l) {
                            return Err(missing("陈述申辩期限届满 / the end of the statement period"));
                        }
                        if self.hearing.requested_on.is_some() && self.hearing.held_on.is_none() {
                            return Err(missing("听证 / the hearing"));
                        }
                        if self.major() && self.collective_on.is_none() {
                            return Err(missing("集体讨论决定 / the collective decision"));
                        }
                        // A heavier penalty than the one noticed needs a new notice (处罚法 第四十五条).
                        if p.fine_fen > n.penalty.fine_fen || p.types.iter().any(|t| !n.penalty.types.contains(t)) {
                            return Err(field(
                                "penalty",
                                "重于告知的处罚须重新告知 / heavier than noticed: notify again",
                            ));
                        }
                    }
                    None => {
                        let Some(g) = d.ground else { return Err(field("ground", "必填 / required")) };
                        let exempt =
                            matches!(g, NotFiledGround::Minor | NotFiledGround::First | NotFiledGround::NoFault);
                        if exempt {
                            text("education", d.education.as_deref().unwrap_or(""), MAX_TEXT_CHARS, true)?;
                        }
                    }
                }
            }
        }
        self.close_pause(d.on);
        self.status = Status::Decided;
        if self.filed_on.is_none() {
            self.filed_on = Some(d.on);
        }
        self.decision = Some(Decision {
            on: d.on,
            procedure: d.procedure,
            number: d.number.clone(),
            penalty: d.penalty.clone(),
            ground: d.ground,
            education: d.education.clone(),
        });
        // A summary decision is served on the spot (处罚法 第五十二条).
        if d.procedure == Procedure::Summary {
            self.served = Some((d.on, ServiceMethod::Direct));
        }
        Ok(())
    }

    pub fn serve(&mut self, s: &Served) -> Result<()> {
        self.expect(self.status == Status::Decided && self.served.is_none(), Step::Serve)?;
        self.not_before(s.on, Step::Serve)?;
        self.served = Some((s.on, s.method));
        Ok(())
    }

    /// Payment of the fine and of the late fee due on the day (处罚法 第七十二条).
    pub fn pay(&mut self, p: &Paid) -> Result<()> {
        let fine = self.current_penalty().map_or(0, |x| x.fine_fen);
        self.expect(
            self.status == Status::Decided && self.served.is_some() && self.paid.is_none() && fine > 0,
            Step::Pay,
        )?;
        self.not_before(p.on, Step::Pay)?;
        let served = self.served.map(|s| s.0).unwrap_or(p.on);
        let due = served + Days::new(super::PAYMENT_DAYS);
        let fee = late_fee(fine, due, p.on);
        if p.fine_fen != fine || p.late_fee_fen != fee {
            return Err(Error::new(Code::CasePayment)
                .with("fine", super::yuan_text(fine))
                .with("late_fee", super::yuan_text(fee)));
        }
        self.paid = Some(p.clone());
        Ok(())
    }

    pub fn apply_enforcement(&mut self, e: &EnforcementApplied) -> Result<()> {
        let fine = self.current_penalty().map_or(0, |x| x.fine_fen);
        self.expect(
            self.status == Status::Decided && self.paid.is_none() && fine > 0 && self.enforcement_on.is_none(),
            Step::ApplyEnforcement,
        )?;
        let served = self.served.map(|s| s.0);
        let due = served.map(|s| s + Days::new(super::PAYMENT_DAYS));
        self.expect(due.is_some_and(|d| e.on > d), Step::ApplyEnforcement)?;
        text("court", &e.court, MAX_SHORT_CHARS, true)?;
        self.enforcement_on = Some(e.on);
        Ok(())
    }

    pub fn transfer(&mut self, t: &Transferred) -> Result<()> {
        self.expect(
            matches!(self.status, Status::Clue | Status::Investigating) && !self.transfer_open(),
            Step::Transfer,
        )?;
        self.not_before(t.on, Step::Transfer)?;
        text("police", &t.police, MAX_SHORT_CHARS, true)?;
        text("approved_by", &t.approved_by, MAX_SHORT_CHARS, true)?;
        text("reason", &t.reason, MAX_TEXT_CHARS, true)?;
        self.transfer =
            Some(TransferRecord { on: t.on, police: t.police.clone(), acknowledged_on: None, answered: None });
        self.status = Status::Transferred;
        Ok(())
    }

    pub fn acknowledge_transfer(&mut self, a: &TransferAcknowledged) -> Result<()> {
        let err = self.workflow(Step::AcknowledgeTransfer);
        let ok = self.status == Status::Transferred;
        let t = self.transfer.as_mut().filter(|t| ok && t.acknowledged_on.is_none() && a.on >= t.on).ok_or(err)?;
        t.acknowledged_on = Some(a.on);
        Ok(())
    }

    /// The police's answer: a criminal case ends the administrative one (closed as transferred);
    /// a refusal returns it to the office (移送规定 第十条).
    pub fn answer_transfer(&mut self, a: &TransferAnswered) -> Result<()> {
        let err = self.workflow(Step::AnswerTransfer);
        let ok = self.status == Status::Transferred;
        let t = self.transfer.as_mut().filter(|t| ok && t.answered.is_none() && a.on >= t.on).ok_or(err)?;
        t.answered = Some((a.on, a.accepted));
        if !a.accepted {
            self.status = if self.filed_on.is_some() { Status::Investigating } else { Status::Clue };
        }
        Ok(())
    }

    pub fn change_decision(&mut self, c: &DecisionChanged) -> Result<()> {
        self.expect(
            matches!(self.status, Status::Decided | Status::Closed)
                && self.decision.is_some()
                && self.revoked().is_none(),
            Step::ChangeDecision,
        )?;
        self.expect(self.decision.as_ref().is_some_and(|d| c.on >= d.on), Step::ChangeDecision)?;
        text("reference", &c.reference, MAX_SHORT_CHARS, true)?;
        if let Some(p) = &c.penalty {
            p.check()?;
        }
        self.changes.push(c.clone());
        Ok(())
    }

    pub fn close(&mut self, c: &Closed) -> Result<()> {
        let police = self.status == Status::Transferred
            && self.transfer.as_ref().is_some_and(|t| t.answered.is_some_and(|(_, a)| a));
        self.expect(police || self.completed_on().is_some(), Step::Close)?;
        self.not_before(c.on, Step::Close)?;
        text("approved_by", &c.approved_by, MAX_SHORT_CHARS, true)?;
        self.closed_on = Some(c.on);
        if !police {
            self.status = Status::Closed;
        }
        Ok(())
    }

    pub fn issue_document(&mut self, d: &DocumentIssued) -> Result<()> {
        crate::complaint::check_hash("sha256", &d.sha256)?;
        if let Some(n) = &d.number {
            text("number", n, MAX_SHORT_CHARS, true)?;
        }
        // A document records a step already taken.
        let ready = match d.kind {
            DocumentKind::FilingApproval => self.filed_on.is_some(),
            DocumentKind::NotFiling => self.not_filed.is_some(),
            DocumentKind::Inquiry => self.filed_on.is_some(),
            DocumentKind::PenaltyNotice => self.notice.is_some(),
            DocumentKind::HearingNotice => self.hearing.notified_on.is_some(),
            DocumentKind::Decision => self.decision.as_ref().is_some_and(|x| x.penalty.is_some()),
            DocumentKind::NoPenaltyDecision => self.decision.as_ref().is_some_and(|x| x.penalty.is_none()),
            DocumentKind::ServiceReceipt => self.served.is_some(),
            DocumentKind::ClosureApproval => self.completed_on().is_some() || self.closed_on.is_some(),
        };
        if !ready || d.on < self.received_on {
            return Err(Error::new(Code::CaseWorkflow)
                .with("id", self.id.clone())
                .with("status", self.status.zh())
                .with("step", d.kind.zh()));
        }
        self.documents.push(Document { kind: d.kind, on: d.on, number: d.number.clone(), sha256: d.sha256.clone() });
        Ok(())
    }

    /// Publication (公示规定 第二条、第九条): a standard-procedure penalty other than a warning,
    /// once; the record names what the decision does, never a natural person's identity number
    /// or address.
    pub fn publish(&mut self, p: &Published) -> Result<()> {
        let ok = matches!(self.status, Status::Decided | Status::Closed)
            && self.publicity.is_none()
            && self.revoked().is_none()
            && self.decision.as_ref().is_some_and(|d| d.procedure == Procedure::Standard && p.on >= d.on)
            && self.current_penalty().is_some_and(|x| !x.warning_only());
        self.expect(ok, Step::Publish)?;
        self.expect(p.until > p.on, Step::Publish)?;
        for (name, value) in
            [("facts", &p.facts), ("basis", &p.basis), ("violation", &p.violation), ("party", &p.party)]
        {
            text(name, value, MAX_TEXT_CHARS, name != "facts")?;
            if let Some(id) = &self.party.id_number
                && value.contains(id.as_str())
            {
                return Err(field(name, "含身份证号码 / holds the identity number"));
            }
            if let Some(a) = &self.party.address
                && self.party.kind == PartyKind::NaturalPerson
                && !a.trim().is_empty()
                && value.contains(a.trim())
            {
                return Err(field(name, "含自然人住址 / holds the person's address"));
            }
        }
        self.publicity = Some(Publicity { on: p.on, until: p.until, ended: None });
        Ok(())
    }

    /// The end of publicity before its term: withdrawal after a revocation (公示规定 第十一条) or
    /// an early stop through credit repair (第十四条: never after the severe penalties).
    pub fn end_publicity(&mut self, e: &PublicityEnded) -> Result<()> {
        let revoked = self.revoked().is_some() || self.changes.last().is_some();
        let severe = self.current_penalty().is_some_and(|p| p.severe());
        let err = self.workflow(Step::EndPublicity);
        let ok = match e.reason {
            PublicityEnd::Revoked => revoked,
            PublicityEnd::Repaired => !severe,
        };
        let p = self.publicity.as_mut().filter(|p| ok && p.ended.is_none() && e.on >= p.on).ok_or(err)?;
        p.ended = Some((e.on, e.reason));
        Ok(())
    }
}

/// A `case.*` event read from the journal, for the fold.
#[derive(Clone, Debug, PartialEq)]
pub enum CaseEvent {
    ClueReceived(Box<ClueReceived>),
    CheckExtended(Box<CheckExtended>),
    Paused(Box<Paused>),
    Resumed(Box<Resumed>),
    Filed(Box<Filed>),
    NotFiled(Box<NotFiled>),
    ReporterNotified(Box<ReporterNotified>),
    EvidenceAdded(Box<EvidenceAdded>),
    MeasureTaken(Box<MeasureTaken>),
    MeasureExtended(Box<MeasureExtended>),
    MeasureEnded(Box<MeasureEnded>),
    DecisionExtended(Box<DecisionExtended>),
    ReviewSubmitted(Box<ReviewSubmitted>),
    Reviewed(Box<Reviewed>),
    Noticed(Box<Noticed>),
    StatementReceived(Box<StatementReceived>),
    HearingRequested(Box<HearingRequested>),
    HearingNotified(Box<HearingNotified>),
    HearingHeld(Box<HearingHeld>),
    CollectiveDecided(Box<CollectiveDecided>),
    Decided(Box<Decided>),
    Served(Box<Served>),
    Paid(Box<Paid>),
    EnforcementApplied(Box<EnforcementApplied>),
    Transferred(Box<Transferred>),
    TransferAcknowledged(Box<TransferAcknowledged>),
    TransferAnswered(Box<TransferAnswered>),
    DecisionChanged(Box<DecisionChanged>),
    Closed(Box<Closed>),
    DocumentIssued(Box<DocumentIssued>),
    Published(Box<Published>),
    PublicityEnded(Box<PublicityEnded>),
}

impl CaseEvent {
    /// Reads an event's data by its kind.
    pub fn parse(kind: &str, data: &serde_json::Value) -> Result<CaseEvent> {
        fn p<T: serde::de::DeserializeOwned>(data: &serde_json::Value) -> Result<T> {
            serde_json::from_value(data.clone())
                .map_err(|e| Error::new(Code::EventInvalid).with("field", "data").with("reason", e))
        }
        Ok(match kind {
            super::KIND_CLUE_RECEIVED => CaseEvent::ClueReceived(Box::new(p(data)?)),
            super::KIND_CHECK_EXTENDED => CaseEvent::CheckExtended(Box::new(p(data)?)),
            super::KIND_PAUSED => CaseEvent::Paused(Box::new(p(data)?)),
            super::KIND_RESUMED => CaseEvent::Resumed(Box::new(p(data)?)),
            super::KIND_FILED => CaseEvent::Filed(Box::new(p(data)?)),
            super::KIND_NOT_FILED => CaseEvent::NotFiled(Box::new(p(data)?)),
            super::KIND_REPORTER_NOTIFIED => CaseEvent::ReporterNotified(Box::new(p(data)?)),
            super::KIND_EVIDENCE_ADDED => CaseEvent::EvidenceAdded(Box::new(p(data)?)),
            super::KIND_MEASURE_TAKEN => CaseEvent::MeasureTaken(Box::new(p(data)?)),
            super::KIND_MEASURE_EXTENDED => CaseEvent::MeasureExtended(Box::new(p(data)?)),
            super::KIND_MEASURE_ENDED => CaseEvent::MeasureEnded(Box::new(p(data)?)),
            super::KIND_DECISION_EXTENDED => CaseEvent::DecisionExtended(Box::new(p(data)?)),
            super::KIND_REVIEW_SUBMITTED => CaseEvent::ReviewSubmitted(Box::new(p(data)?)),
            super::KIND_REVIEWED => CaseEvent::Reviewed(Box::new(p(data)?)),
            super::KIND_NOTICED => CaseEvent::Noticed(Box::new(p(data)?)),
            super::KIND_STATEMENT_RECEIVED => CaseEvent::StatementReceived(Box::new(p(data)?)),
            super::KIND_HEARING_REQUESTED => CaseEvent::HearingRequested(Box::new(p(data)?)),
            super::KIND_HEARING_NOTIFIED => CaseEvent::HearingNotified(Box::new(p(data)?)),
            super::KIND_HEARING_HELD => CaseEvent::HearingHeld(Box::new(p(data)?)),
            super::KIND_COLLECTIVE_DECIDED => CaseEvent::CollectiveDecided(Box::new(p(data)?)),
            super::KIND_DECIDED => CaseEvent::Decided(Box::new(p(data)?)),
            super::KIND_SERVED => CaseEvent::Served(Box::new(p(data)?)),
            super::KIND_PAID => CaseEvent::Paid(Box::new(p(data)?)),
            super::KIND_ENFORCEMENT_APPLIED => CaseEvent::EnforcementApplied(Box::new(p(data)?)),
            super::KIND_TRANSFERRED => CaseEvent::Transferred(Box::new(p(data)?)),
            super::KIND_TRANSFER_ACKNOWLEDGED => CaseEvent::TransferAcknowledged(Box::new(p(data)?)),
            super::KIND_TRANSFER_ANSWERED => CaseEvent::TransferAnswered(Box::new(p(data)?)),
            super::KIND_DECISION_CHANGED => CaseEvent::DecisionChanged(Box::new(p(data)?)),
            super::KIND_CLOSED => CaseEvent::Closed(Box::new(p(data)?)),
            super::KIND_DOCUMENT_ISSUED => CaseEvent::DocumentIssued(Box::new(p(data)?)),
            super::KIND_PUBLISHED => CaseEvent::Published(Box::new(p(data)?)),
            super::KIND_PUBLICITY_ENDED => CaseEvent::PublicityEnded(Box::new(p(data)?)),
            _ => return Err(Error::new(Code::EventInvalid).with("field", "kind").with("reason", kind)),
        })
    }

    /// The matter the event is about.
    pub fn id(&self) -> &str {
        match self {
            CaseEvent::ClueReceived(e) => &e.id,
            CaseEvent::CheckExtended(e) => &e.id,
            CaseEvent::Paused(e) => &e.id,
            CaseEvent::Resumed(e) => &e.id,
            CaseEvent::Filed(e) => &e.id,
            CaseEvent::NotFiled(e) => &e.id,
            CaseEvent::ReporterNotified(e) => &e.id,
            CaseEvent::EvidenceAdded(e) => &e.id,
            CaseEvent::MeasureTaken(e) => &e.id,
            CaseEvent::MeasureExtended(e) => &e.id,
            CaseEvent::MeasureEnded(e) => &e.id,
            CaseEvent::DecisionExtended(e) => &e.id,
            CaseEvent::ReviewSubmitted(e) => &e.id,
            CaseEvent::Reviewed(e) => &e.id,
            CaseEvent::Noticed(e) => &e.id,
            CaseEvent::StatementReceived(e) => &e.id,
            CaseEvent::HearingRequested(e) => &e.id,
            CaseEvent::HearingNotified(e) => &e.id,
            CaseEvent::HearingHeld(e) => &e.id,
            CaseEvent::CollectiveDecided(e) => &e.id,
            CaseEvent::Decided(e) => &e.id,
            CaseEvent::Served(e) => &e.id,
            CaseEvent::Paid(e) => &e.id,
            CaseEvent::EnforcementApplied(e) => &e.id,
            CaseEvent::Transferred(e) => &e.id,
            CaseEvent::TransferAcknowledged(e) => &e.id,
            CaseEvent::TransferAnswered(e) => &e.id,
            CaseEvent::DecisionChanged(e) => &e.id,
            CaseEvent::Closed(e) => &e.id,
            CaseEvent::DocumentIssued(e) => &e.id,
            CaseEvent::Published(e) => &e.id,
            CaseEvent::PublicityEnded(e) => &e.id,
        }
    }
}

impl CaseState {
    /// Applies one event of the matter (the fold); a clue received again is refused.
    pub fn apply(&mut self, e: &CaseEvent) -> Result<()> {
        match e {
            CaseEvent::ClueReceived(_) => Err(self.workflow(Step::File).with("step", "登记线索 / receive the clue")),
            CaseEvent::CheckExtended(e) => self.extend_check(e),
            CaseEvent::Paused(e) => self.pause(e),
            CaseEvent::Resumed(e) => self.resume(e),
            CaseEvent::Filed(e) => self.file(e),
            CaseEvent::NotFiled(e) => self.not_file(e),
            CaseEvent::ReporterNotified(e) => self.notify_reporter(e),
            CaseEvent::EvidenceAdded(e) => self.add_evidence(e),
            CaseEvent::MeasureTaken(e) => self.take_measure(e),
            CaseEvent::MeasureExtended(e) => self.extend_measure(e),
            CaseEvent::MeasureEnded(e) => self.end_measure(e),
            CaseEvent::DecisionExtended(e) => self.extend_decision(e),
            CaseEvent::ReviewSubmitted(e) => self.submit_review(e),
            CaseEvent::Reviewed(e) => self.reviewed(e),
            CaseEvent::Noticed(e) => self.notice(e),
            CaseEvent::StatementReceived(e) => self.statement(e),
            CaseEvent::HearingRequested(e) => self.request_hearing(e),
            CaseEvent::HearingNotified(e) => self.notify_hearing(e),
            CaseEvent::HearingHeld(e) => self.hold_hearing(e),
            CaseEvent::CollectiveDecided(e) => self.collective(e),
            CaseEvent::Decided(e) => self.decide(e),
            CaseEvent::Served(e) => self.serve(e),
            CaseEvent::Paid(e) => self.pay(e),
            CaseEvent::EnforcementApplied(e) => self.apply_enforcement(e),
            CaseEvent::Transferred(e) => self.transfer(e),
            CaseEvent::TransferAcknowledged(e) => self.acknowledge_transfer(e),
            CaseEvent::TransferAnswered(e) => self.answer_transfer(e),
            CaseEvent::DecisionChanged(e) => self.change_decision(e),
            CaseEvent::Closed(e) => self.close(e),
            CaseEvent::DocumentIssued(e) => self.issue_document(e),
            CaseEvent::Published(e) => self.publish(e),
            CaseEvent::PublicityEnded(e) => self.end_publicity(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn office() -> DivisionCode {
        DivisionCode::parse("420111").unwrap()
    }

    fn clue(on: &str) -> ClueReceived {
        ClueReceived {
            id: super::super::make_id(d(on), 1),
            office: office(),
            received_on: d(on),
            source: Source {
                kind: SourceKind::Report,
                reference: Some("JB202609300000000001".into()),
                reporter_named: true,
            },
            party: Party {
                kind: PartyKind::Organisation,
                name: "武汉市洪山区示例食品店".into(),
                entity: None,
                id_number: None,
                address: None,
            },
            facts: "销售超过保质期的食品".into(),
            violation_on: Some(d("2026-09-20")),
            harm: false,
            row: Some("food-expired".into()),
            officer: Some("officer1".into()),
        }
    }

    fn penalty(fine_yuan: i64) -> Penalty {
        Penalty {
            types: vec![PenaltyType::Fine, PenaltyType::ConfiscateGains],
            fine_fen: fine_yuan * 100,
            confiscated_fen: 0,
            row: "food-expired".into(),
            benchmark: "hubei-2024".into(),
            band: Band::Ordinary,
            proposed_fine_fen: None,
            explanation: String::new(),
            departure: None,
            facts: "经查，当事人销售超过保质期的食品。".into(),
            basis: "《中华人民共和国食品安全法》第一百二十四条".into(),
            sensitive: true,
        }
    }

    fn filed(s: &mut CaseState, on: &str) {
        s.file(&Filed {
            id: s.id.clone(),
            on: d(on),
            approved_by: "head".into(),
            benchmark: "hubei-2024".into(),
            row: None,
            officers: vec!["a".into(), "b".into()],
        })
        .unwrap();
    }

    #[test]
    fn the_filing_check_counts_workdays_across_the_national_day_and_its_make_up_saturday() {
        let cal = Calendar::builtin();
        // Received on 2026-09-30: 1–7 October are holidays, 2026-10-10 (Saturday) is a make-up
        // workday [2026 schedule]; the 15th workday is 2026-10-27 (it would be 2026-10-21
        // without the holidays, 2026-10-28 without the make-up Saturday).
        let s = CaseState::received(&clue("2026-09-30")).unwrap();
        let c = s.clocks(&cal, d("2026-10-01"));
        assert_eq!(c.filing_due, Some(d("2026-10-27")));
        assert!(!c.provisional);
        assert_eq!(s.next_steps()[0], Step::File);
    }

    #[test]
    fn testing_stops_the_filing_clock_and_an_extension_adds_fifteen_workdays() {
        let cal = Calendar::builtin();
        let mut s = CaseState::received(&clue("2026-11-02")).unwrap();
        let base = s.clocks(&cal, d("2026-11-02")).filing_due.unwrap();
        s.pause(&Paused { id: s.id.clone(), on: d("2026-11-04"), reason: PauseReason::Testing, note: String::new() })
            .unwrap();
        s.resume(&Resumed { id: s.id.clone(), on: d("2026-11-11") }).unwrap();
        let after = s.clocks(&cal, d("2026-11-12")).filing_due.unwrap();
        assert_eq!(cal.workdays_between(base, after).unwrap(), 5);
        s.extend_check(&CheckExtended {
            id: s.id.clone(),
            on: d("2026-11-12"),
            approved_by: "head".into(),
            reason: "r".into(),
        })
        .unwrap();
        let ext = s.clocks(&cal, d("2026-11-12")).filing_due.unwrap();
        assert_eq!(cal.workdays_between(after, ext).unwrap(), 15);
        assert!(
            s.extend_check(&CheckExtended {
                id: s.id.clone(),
                on: d("2026-11-12"),
                approved_by: "h".into(),
                reason: "r".into()
            })
            .is_err()
        );
    }

    #[test]
    fn a_limit_in_a_year_not_yet_published_is_provisional() {
        let cal = Calendar::builtin();
        let s = CaseState::received(&clue("2026-12-28")).unwrap();
        let c = s.clocks(&cal, d("2026-12-28"));
        assert!(c.filing_due.is_some());
        assert!(c.provisional, "2027 has no official schedule shipped");
    }

    #[test]
    fn filing_beyond_the_limitation_period_is_refused() {
        let mut c = clue("2026-11-02");
        c.violation_on = Some(d("2024-10-01"));
        let mut s = CaseState::received(&c).unwrap();
        let f = Filed {
            id: s.id.clone(),
            on: d("2026-11-03"),
            approved_by: "head".into(),
            benchmark: "hubei-2024".into(),
            row: None,
            officers: vec!["a".into(), "b".into()],
        };
        assert_eq!(s.clone().file(&f).unwrap_err().code(), Code::CaseTimeBarred);
        // Five years where health was harmed.
        s.harm = true;
        s.file(&f).unwrap();
        assert_eq!(limitation_end(d("2024-10-01"), false), d("2026-10-01"));
    }

    #[test]
    fn the_decision_limit_is_ninety_days_plus_extension_plus_excluded_periods() {
        let cal = Calendar::builtin();
        let mut s = CaseState::received(&clue("2026-10-09")).unwrap();
        filed(&mut s, "2026-10-12");
        assert_eq!(s.clocks(&cal, d("2026-10-12")).decision_due, Some(d("2027-01-10")));
        s.pause(&Paused { id: s.id.clone(), on: d("2026-10-20"), reason: PauseReason::Testing, note: String::new() })
            .unwrap();
        // An open pause counts up to today.
        assert_eq!(s.clocks(&cal, d("2026-10-25")).decision_due, Some(d("2027-01-15")));
        assert!(s.overdue(&cal, d("2027-03-01")).is_empty(), "a paused clock is not overdue");
        s.resume(&Resumed { id: s.id.clone(), on: d("2026-10-30") }).unwrap();
        s.extend_decision(&DecisionExtended {
            id: s.id.clone(),
            on: d("2026-12-01"),
            approved_by: "head".into(),
            reason: "complex".into(),
            until: None,
        })
        .unwrap();
        let c = s.clocks(&cal, d("2026-12-01"));
        assert_eq!(c.excluded_days, 10);
        assert_eq!(c.decision_due, Some(d("2027-02-19")));
        assert_eq!(s.overdue(&cal, d("2027-02-20")), vec!["reporter_due", "decision_due"]);
        // A second extension needs the day set collectively.
        let again = DecisionExtended {
            id: s.id.clone(),
            on: d("2027-02-01"),
            approved_by: "leaders".into(),
            reason: "r".into(),
            until: None,
        };
        assert!(s.clone().extend_decision(&again).is_err());
        s.extend_decision(&DecisionExtended { until: Some(d("2027-04-30")), ..again }).unwrap();
        assert_eq!(s.clocks(&cal, d("2027-02-02")).decision_due, Some(d("2027-04-30")));
    }

    /// The whole standard procedure: filed, evidence, seizure, review, notice, hearing,
    /// collective decision, decision, service, late payment, publicity, closure.
    #[test]
    fn a_clue_becomes_a_heard_penalty_that_is_paid_published_and_closed() {
        let cal = Calendar::builtin();
        let mut s = CaseState::received(&clue("2026-09-30")).unwrap();
        let id = s.id.clone();
        filed(&mut s, "2026-10-09");
        assert!(s.next_steps().contains(&Step::NotifyReporter));
        s.notify_reporter(&ReporterNotified { id: id.clone(), on: d("2026-10-12") }).unwrap();
        s.add_evidence(&EvidenceAdded {
            id: id.clone(),
            on: d("2026-10-12"),
            kind: EvidenceKind::Inquiry,
            sha256: "a".repeat(64),
            note: String::new(),
        })
        .unwrap();
        s.take_measure(&MeasureTaken {
            id: id.clone(),
            measure: 1,
            kind: MeasureKind::Seizure,
            on: d("2026-10-12"),
            approved_by: "head".into(),
            items: "过期食品12箱".into(),
        })
        .unwrap();
        assert_eq!(s.clocks(&cal, d("2026-10-12")).measures_due, vec![(1, d("2026-11-11"))]);
        s.extend_measure(&MeasureExtended {
            id: id.clone(),
            measure: 1,
            on: d("2026-11-05"),
            approved_by: "head".into(),
        })
        .unwrap();
        assert_eq!(s.clocks(&cal, d("2026-11-05")).measures_due, vec![(1, d("2026-12-11"))]);
        s.end_measure(&MeasureEnded { id: id.clone(), measure: 1, on: d("2026-11-06"), outcome: "没收".into() })
            .unwrap();
        let p = penalty(150_000);
        assert!(p.hearing_offered(PartyKind::Organisation, &Thresholds::default()));
        s.submit_review(&ReviewSubmitted { id: id.clone(), on: d("2026-11-06"), kind: ReviewKind::Legal }).unwrap();
        assert!(s.clocks(&cal, d("2026-11-06")).review_due.is_some());
        s.reviewed(&Reviewed {
            id: id.clone(),
            on: d("2026-11-09"),
            agreed: true,
            opinion: "同意".into(),
            reviewer: "legal".into(),
        })
        .unwrap();
        s.notice(&Noticed { id: id.clone(), on: d("2026-11-10"), penalty: p.clone(), hearing_offered: true }).unwrap();
        let c = s.clocks(&cal, d("2026-11-10"));
        assert_eq!(c.statement_due, Some(d("2026-11-17")));
        let decided = Decided {
            id: id.clone(),
            on: d("2026-11-20"),
            procedure: Procedure::Standard,
            number: "鄂洪市监处罚〔2026〕12号".into(),
            penalty: Some(p.clone()),
            ground: None,
            education: None,
            approved_by: "head".into(),
            statement_due: c.statement_due,
        };
        s.request_hearing(&HearingRequested { id: id.clone(), on: d("2026-11-13"), limit: c.statement_due }).unwrap();
        assert_eq!(s.clone().decide(&decided).unwrap_err().code(), Code::CaseNotReady);
        let late = HearingNotified {
            id: id.clone(),
            on: d("2026-11-16"),
            hearing_on: d("2026-11-20"),
            place: "听证室".into(),
        };
        assert!(s.clone().notify_hearing(&late).is_err(), "less than 7 days ahead");
        s.notify_hearing(&HearingNotified { hearing_on: d("2026-11-24"), ..late }).unwrap();
        s.hold_hearing(&HearingHeld { id: id.clone(), on: d("2026-11-24"), summary: "当事人陈述".into() }).unwrap();
        let decided = Decided { on: d("2026-11-30"), ..decided };
        assert_eq!(s.clone().decide(&decided).unwrap_err().code(), Code::CaseNotReady, "collective decision first");
        s.collective(&CollectiveDecided {
            id: id.clone(), on: d("2026-11-27"), members: 5, resolution: "同意".into()
        })
        .unwrap();
        let heavier = Decided { penalty: Some(penalty(200_000)), ..decided.clone() };
        assert!(s.clone().decide(&heavier).is_err(), "heavier than noticed");
        s.decide(&decided).unwrap();
        assert_eq!(s.clocks(&cal, d("2026-11-30")).publish_due, Some(d("2026-12-28")));
        s.serve(&Served { id: id.clone(), on: d("2026-12-01"), method: ServiceMethod::Direct }).unwrap();
        assert_eq!(s.clocks(&cal, d("2026-12-01")).payment_due, Some(d("2026-12-16")));
        // Paid 2 days late: 6 % of the fine.
        let fee = late_fee(150_000_00, d("2026-12-16"), d("2026-12-18"));
        assert_eq!(fee, 9_000_00);
        assert_eq!(
            s.clone()
                .pay(&Paid { id: id.clone(), on: d("2026-12-18"), fine_fen: 150_000_00, late_fee_fen: 0 })
                .unwrap_err()
                .code(),
            Code::CasePayment
        );
        s.pay(&Paid { id: id.clone(), on: d("2026-12-18"), fine_fen: 150_000_00, late_fee_fen: fee }).unwrap();
        let published = Published {
            id: id.clone(),
            on: d("2026-12-18"),
            until: d("2029-12-18"),
            number: "鄂洪市监处罚〔2026〕12号".into(),
            party: "武汉市洪山区示例食品店".into(),
            party_kind: PartyKind::Organisation,
            entity: None,
            office: office(),
            decided_on: d("2026-11-30"),
            violation: "销售超过保质期的食品".into(),
            facts: p.facts.clone(),
            basis: p.basis.clone(),
            types: p.types.clone(),
            fine_fen: p.fine_fen,
            confiscated_fen: 0,
            document_sha256: Some("b".repeat(64)),
        };
        s.publish(&published).unwrap();
        assert!(s.public_on(d("2027-06-01")) && !s.public_on(d("2029-12-19")));
        // 15 workdays over New Year's Day 2027 (provisional schedule).
        let close = s.clocks(&cal, d("2026-12-18"));
        assert_eq!(close.close_due, Some(d("2027-01-11")));
        assert!(close.provisional);
        s.close(&Closed { id: id.clone(), on: d("2026-12-21"), approved_by: "head".into() }).unwrap();
        assert_eq!(s.outcome(), Outcome::Penalty);
        // Credit repair stops it early; a revocation would withdraw it.
        s.end_publicity(&PublicityEnded { id: id.clone(), on: d("2027-12-20"), reason: PublicityEnd::Repaired })
            .unwrap();
        assert!(!s.public_on(d("2028-01-01")));
    }

    #[test]
    fn a_penalty_is_not_decided_while_a_transfer_to_the_police_is_open() {
        let mut s = CaseState::received(&clue("2026-10-09")).unwrap();
        let id = s.id.clone();
        filed(&mut s, "2026-10-12");
        s.transfer(&Transferred {
            id: id.clone(),
            on: d("2026-10-15"),
            police: "洪山区公安分局".into(),
            approved_by: "head".into(),
            reason: "涉嫌生产销售不符合安全标准的食品罪".into(),
        })
        .unwrap();
        assert_eq!(s.status, Status::Transferred);
        let dec = Decided {
            id: id.clone(),
            on: d("2026-10-20"),
            procedure: Procedure::Standard,
            number: "n".into(),
            penalty: Some(penalty(1000)),
            ground: None,
            education: None,
            approved_by: "head".into(),
            statement_due: None,
        };
        assert!(s.clone().decide(&dec).is_err());
        s.acknowledge_transfer(&TransferAcknowledged { id: id.clone(), on: d("2026-10-16") }).unwrap();
        // The police do not file: back to the office, which goes on administratively.
        let mut back = s.clone();
        back.answer_transfer(&TransferAnswered {
            id: id.clone(),
            on: d("2026-10-19"),
            accepted: false,
            note: String::new(),
        })
        .unwrap();
        assert_eq!(back.status, Status::Investigating);
        assert!(!back.transfer_open());
        s.answer_transfer(&TransferAnswered {
            id: id.clone(),
            on: d("2026-10-19"),
            accepted: true,
            note: String::new(),
        })
        .unwrap();
        assert_eq!(s.clone().decide(&dec).unwrap_err().code(), Code::CaseWorkflow);
        s.close(&Closed { id, on: d("2026-10-20"), approved_by: "head".into() }).unwrap();
        assert_eq!(s.outcome(), Outcome::Transferred);
    }

    #[test]
    fn a_first_minor_violation_ends_without_penalty_and_with_education() {
        let mut s = CaseState::received(&clue("2026-10-09")).unwrap();
        let id = s.id.clone();
        filed(&mut s, "2026-10-12");
        let mut dec = Decided {
            id: id.clone(),
            on: d("2026-10-20"),
            procedure: Procedure::Standard,
            number: "鄂洪市监不罚〔2026〕3号".into(),
            penalty: None,
            ground: Some(NotFiledGround::First),
            education: None,
            approved_by: "head".into(),
            statement_due: None,
        };
        assert_eq!(s.clone().decide(&dec).unwrap_err().code(), Code::CaseField);
        dec.education = Some("当场宣讲《食品安全法》有关规定，当事人已下架并销毁过期食品".into());
        s.decide(&dec).unwrap();
        assert!(!s.next_steps().contains(&Step::Publish));
        s.serve(&Served { id: id.clone(), on: d("2026-10-21"), method: ServiceMethod::Electronic }).unwrap();
        s.close(&Closed { id, on: d("2026-10-22"), approved_by: "head".into() }).unwrap();
        assert_eq!(s.outcome(), Outcome::NoPenalty);
    }

    #[test]
    fn the_summary_procedure_is_for_warnings_and_small_fines() {
        let mut s = CaseState::received(&clue("2026-10-09")).unwrap();
        let mut p = penalty(3_001);
        p.types = vec![PenaltyType::Fine];
        let dec = Decided {
            id: s.id.clone(),
            on: d("2026-10-09"),
            procedure: Procedure::Summary,
            number: "n".into(),
            penalty: Some(p.clone()),
            ground: None,
            education: None,
            approved_by: "officer".into(),
            statement_due: None,
        };
        assert_eq!(s.clone().decide(&dec).unwrap_err().code(), Code::CaseSummaryLimit);
        p.fine_fen = 3_000_00;
        s.decide(&Decided { penalty: Some(p), ..dec }).unwrap();
        assert!(!s.next_steps().contains(&Step::Publish), "summary decisions are not published");
        assert!(s.next_steps().contains(&Step::Pay));
    }

    #[test]
    fn a_penalty_weighs_in_the_risk_class_for_three_years_and_is_owed_until_paid() {
        let t = Thresholds::default();
        let mut s = CaseState::received(&clue("2026-10-09")).unwrap();
        assert_eq!(s.penalty_weight(&t, d("2026-10-10")), None);
        let mut p = penalty(3_000);
        p.types = vec![PenaltyType::Fine];
        let dec = Decided {
            id: s.id.clone(),
            on: d("2026-10-09"),
            procedure: Procedure::Summary,
            number: "n".into(),
            penalty: Some(p.clone()),
            ground: None,
            education: None,
            approved_by: "officer".into(),
            statement_due: None,
        };
        let mut light = s.clone();
        light.decide(&dec).unwrap();
        // 3,000 yuan on an organisation: below the lower amount, a light penalty.
        assert_eq!(light.penalty_weight(&t, d("2026-10-09")), Some(PenaltyWeight::Light));
        assert_eq!(light.penalty_weight(&t, d("2029-10-08")), Some(PenaltyWeight::Light));
        assert_eq!(light.penalty_weight(&t, d("2029-10-09")), None, "three years on, it no longer counts");
        assert_eq!(light.penalty_weight(&t, d("2026-10-08")), None, "not before it was decided");
        assert!(light.fine_unpaid());
        light.pay(&Paid { id: s.id.clone(), on: d("2026-10-09"), fine_fen: 3_000_00, late_fee_fen: 0 }).unwrap();
        assert!(!light.fine_unpaid());
        // Standard and severe, in the standard procedure.
        filed(&mut s, "2026-10-10");
        let mut heavy = penalty(80_000);
        s.decision = Some(Decision {
            on: d("2026-12-01"),
            procedure: Procedure::Standard,
            number: "n".into(),
            penalty: Some(heavy.clone()),
            ground: None,
            education: None,
        });
        assert_eq!(s.penalty_weight(&t, d("2026-12-01")), Some(PenaltyWeight::Standard));
        heavy.types.push(PenaltyType::RevokeLicence);
        s.decision.as_mut().unwrap().penalty = Some(heavy);
        assert_eq!(s.penalty_weight(&t, d("2026-12-01")), Some(PenaltyWeight::Severe));
    }

    #[test]
    fn publicity_terms_and_what_the_record_may_hold() {
        let t = Thresholds::default();
        let mut p = penalty(6_000);
        p.types = vec![PenaltyType::Fine];
        assert_eq!(p.publicity_months(PartyKind::NaturalPerson, &t), Some(36));
        assert_eq!(p.publicity_months(PartyKind::Organisation, &t), Some(3));
        p.types.push(PenaltyType::RevokeLicence);
        assert_eq!(p.publicity_months(PartyKind::Organisation, &t), Some(36));
        p.types = vec![PenaltyType::Fine];
        p.types = vec![PenaltyType::Warning];
        p.fine_fen = 0;
        assert_eq!(p.publicity_months(PartyKind::Organisation, &t), None);
        // A natural person's identity number never goes into the public record.
        let mut c = clue("2026-10-09");
        c.party = Party {
            kind: PartyKind::NaturalPerson,
            name: "张三".into(),
            entity: None,
            id_number: Some("11010519491231002X".into()),
            address: Some("洪山区示例路1号".into()),
        };
        let mut s = CaseState::received(&c).unwrap();
        let id = s.id.clone();
        filed(&mut s, "2026-10-12");
        let p = Penalty { types: vec![PenaltyType::Fine], fine_fen: 6_000_00, ..penalty(1) };
        s.submit_review(&ReviewSubmitted { id: id.clone(), on: d("2026-10-13"), kind: ReviewKind::Case }).unwrap();
        s.reviewed(&Reviewed {
            id: id.clone(),
            on: d("2026-10-14"),
            agreed: true,
            opinion: "同意".into(),
            reviewer: "r".into(),
        })
        .unwrap();
        s.notice(&Noticed { id: id.clone(), on: d("2026-10-15"), penalty: p.clone(), hearing_offered: false }).unwrap();
        s.statement(&StatementReceived { id: id.clone(), on: d("2026-10-16"), summary: String::new(), waived: true })
            .unwrap();
        s.decide(&Decided {
            id: id.clone(),
            on: d("2026-10-19"),
            procedure: Procedure::Standard,
            number: "鄂洪市监处罚〔2026〕13号".into(),
            penalty: Some(p.clone()),
            ground: None,
            education: None,
            approved_by: "head".into(),
            statement_due: None,
        })
        .unwrap();
        let record = Published {
            id: id.clone(),
            on: d("2026-10-20"),
            until: d("2029-10-20"),
            number: "鄂洪市监处罚〔2026〕13号".into(),
            party: "张三".into(),
            party_kind: PartyKind::NaturalPerson,
            entity: None,
            office: office(),
            decided_on: d("2026-10-19"),
            violation: "销售超过保质期的食品".into(),
            facts: "当事人张三（身份证号码11010519491231002X）销售过期食品".into(),
            basis: p.basis.clone(),
            types: p.types.clone(),
            fine_fen: p.fine_fen,
            confiscated_fen: 0,
            document_sha256: None,
        };
        assert_eq!(s.clone().publish(&record).unwrap_err().code(), Code::CaseField);
        let at_home =
            Published { facts: "当事人在洪山区示例路1号销售过期食品".into(), ..record.clone() };
        assert_eq!(s.clone().publish(&at_home).unwrap_err().code(), Code::CaseField);
        s.publish(&Published { facts: "当事人销售过期食品".into(), ..record }).unwrap();
        assert!(s.public_on(d("2026-10-20")));
        // Revoked after reconsideration: withdrawn within 3 workdays.
        let cal = Calendar::builtin();
        s.change_decision(&DecisionChanged {
            id: id.clone(),
            on: d("2026-12-01"),
            by: ChangeBy::Reconsideration,
            penalty: None,
            reference: "鄂复〔2026〕1号".into(),
        })
        .unwrap();
        assert_eq!(s.clocks(&cal, d("2026-12-01")).withdraw_due, Some(d("2026-12-04")));
        s.end_publicity(&PublicityEnded { id, on: d("2026-12-02"), reason: PublicityEnd::Revoked }).unwrap();
        assert!(!s.public_on(d("2026-12-03")));
        assert_eq!(s.outcome(), Outcome::NoPenalty);
    }
}
