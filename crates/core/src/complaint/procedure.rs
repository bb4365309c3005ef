//! The procedure of a complaint or report as a state machine: the data of each `complaint.*`
//! event and how it folds into a [`ComplaintState`]. The deadlines come in the events (the
//! application computes them with the official calendar); the fold checks that each step is
//! allowed where the complaint stands.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Intake, Kind};
use crate::calendar::Calendar;
use crate::division::DivisionCode;
use crate::error::{Code, Error, Result};

/// `complaint.received`: a complaint or report taken in (restricted: personal data).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Received {
    pub id: String,
    pub intake: Intake,
    pub received_on: NaiveDate,
    /// The office that handles it (办法 第九条).
    pub office: DivisionCode,
    /// The credit code of an ODR enterprise the complaint goes to first.
    #[serde(default)]
    pub odr: Option<String>,
    /// The business's credit code, when it was given and is on the register.
    #[serde(default)]
    pub entity: Option<String>,
    /// SHA-256 (hex) of the tracking code given to the complainant (查询码), which they use to
    /// follow and rate the complaint.
    pub tracking: String,
}

/// `complaint.entity_confirmed`: the handler confirms which registered business is meant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityConfirmed {
    pub id: String,
    pub entity: String,
    /// The match score (0–1000) and its reasons, when chosen from the suggestions.
    #[serde(default)]
    pub score: Option<u32>,
    #[serde(default)]
    pub reasons: Vec<String>,
}

/// `complaint.transferred`: sent to the office with jurisdiction; its 7 workdays run from its
/// receipt (办法 第十四条 "自收到投诉之日起").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transferred {
    pub id: String,
    pub from: DivisionCode,
    pub to: DivisionCode,
    pub on: NaiveDate,
    pub reason: String,
}

/// `complaint.transfer_disputed`: the receiving office disputes jurisdiction; the offices
/// negotiate within 7 workdays (办法 第三十条).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferDisputed {
    pub id: String,
    pub office: DivisionCode,
    pub on: NaiveDate,
    pub reason: String,
}

/// `complaint.jurisdiction_designated`: the offices agreed, or their common superior designated
/// the office (办法 第三十条).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Designated {
    pub id: String,
    pub office: DivisionCode,
    pub by: DivisionCode,
    pub on: NaiveDate,
}

/// `complaint.accepted` (办法 第十四条); mediation runs 45 workdays from it (第二十一条第五项).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    pub id: String,
    pub on: NaiveDate,
}

/// The grounds for not accepting a complaint (办法 第十五条).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalGround {
    /// (一) not a matter for market supervision, or this office has no authority.
    NotCompetent,
    /// (二) a court, arbitration body, another authority or a mediation body has taken it up.
    AlreadyHandled,
    /// (三) not bought for everyday consumption, or no dispute with the business shown.
    NotConsumerDispute,
    /// (四) the harm was known more than three years before, unless a law says otherwise.
    TimeBarred,
    /// (五) the materials of 第九条第一款 and 第十条 are missing.
    MaterialsMissing,
    /// (六) other grounds in laws, regulations and rules.
    OtherLaw,
}

impl RefusalGround {
    pub const ALL: &'static [RefusalGround] = &[
        RefusalGround::NotCompetent,
        RefusalGround::AlreadyHandled,
        RefusalGround::NotConsumerDispute,
        RefusalGround::TimeBarred,
        RefusalGround::MaterialsMissing,
        RefusalGround::OtherLaw,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RefusalGround::NotCompetent => "not_competent",
            RefusalGround::AlreadyHandled => "already_handled",
            RefusalGround::NotConsumerDispute => "not_consumer_dispute",
            RefusalGround::TimeBarred => "time_barred",
            RefusalGround::MaterialsMissing => "materials_missing",
            RefusalGround::OtherLaw => "other_law",
        }
    }

    pub fn parse(s: &str) -> Result<RefusalGround> {
        RefusalGround::ALL.iter().copied().find(|g| g.as_str() == s.trim()).ok_or_else(|| super::field("ground", s))
    }

    pub fn zh(self) -> &'static str {
        match self {
            RefusalGround::NotCompetent => "不属于市场监管职责或本部门无处理权限（第十五条第一项）",
            RefusalGround::AlreadyHandled => "已由法院、仲裁机构、行政机关或调解组织受理或处理（第十五条第二项）",
            RefusalGround::NotConsumerDispute => "非生活消费需要或不能证明存在消费者权益争议（第十五条第三项）",
            RefusalGround::TimeBarred => "知道或应当知道权益受侵害之日起超过三年（第十五条第四项）",
            RefusalGround::MaterialsMissing => "未提供规定的材料（第十五条第五项）",
            RefusalGround::OtherLaw => "法律、法规、规章规定不予受理的其他情形（第十五条第六项）",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            RefusalGround::NotCompetent => "not a market-supervision matter, or no authority here (Art. 15(1))",
            RefusalGround::AlreadyHandled => "already taken up by a court, arbitration or another body (Art. 15(2))",
            RefusalGround::NotConsumerDispute => "not everyday consumption, or no dispute shown (Art. 15(3))",
            RefusalGround::TimeBarred => "the harm was known more than three years ago (Art. 15(4))",
            RefusalGround::MaterialsMissing => "required materials missing (Art. 15(5))",
            RefusalGround::OtherLaw => "other grounds in laws, regulations or rules (Art. 15(6))",
        }
    }
}

/// A step of the procedure a handler takes, by the name the API and the forms use
/// (`{"step": "accept"}`, `action=accept`). [`ComplaintState::next_steps`] gives the ones the
/// procedure allows now; the fold decides again when one is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Name the registered business meant.
    ConfirmEntity,
    /// Send to the office with jurisdiction (办法 第九条).
    Transfer,
    /// Dispute the jurisdiction of a transfer received (办法 第三十条).
    Dispute,
    /// Designate the office after a dispute (办法 第三十条).
    Designate,
    /// Accept a complaint (办法 第十四条).
    Accept,
    /// Refuse a complaint on a ground of 办法 第十五条.
    Refuse,
    /// Testing or appraisal starts; the clock stops (办法 第二十一条).
    TestingStarted,
    /// Testing or appraisal ends.
    TestingEnded,
    /// Mediation ends in agreement (办法 第二十条).
    Mediated,
    /// Mediation ends without agreement (办法 第二十一条).
    Terminate,
    /// The parties or the reporter were told the outcome.
    Notified,
    /// A report's check extended by 15 workdays (程序规定 第十八条).
    Extend,
    /// A report's filing decision (程序规定 第十八条).
    DecideFiling,
}

impl Step {
    pub const ALL: &'static [Step] = &[
        Step::ConfirmEntity,
        Step::Transfer,
        Step::Dispute,
        Step::Designate,
        Step::Accept,
        Step::Refuse,
        Step::TestingStarted,
        Step::TestingEnded,
        Step::Mediated,
        Step::Terminate,
        Step::Notified,
        Step::Extend,
        Step::DecideFiling,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Step::ConfirmEntity => "confirm_entity",
            Step::Transfer => "transfer",
            Step::Dispute => "dispute",
            Step::Designate => "designate",
            Step::Accept => "accept",
            Step::Refuse => "refuse",
            Step::TestingStarted => "testing_started",
            Step::TestingEnded => "testing_ended",
            Step::Mediated => "mediated",
            Step::Terminate => "terminate",
            Step::Notified => "notified",
            Step::Extend => "extend",
            Step::DecideFiling => "decide_filing",
        }
    }

    /// The step of a wire name; an unknown one is `complaint_field` on `step`.
    pub fn parse(s: &str) -> Result<Step> {
        Step::ALL.iter().copied().find(|x| x.as_str() == s.trim()).ok_or_else(|| super::field("step", s))
    }

    pub fn zh(self) -> &'static str {
        match self {
            Step::ConfirmEntity => "确认被投诉主体",
            Step::Transfer => "移送",
            Step::Dispute => "管辖争议",
            Step::Designate => "指定管辖",
            Step::Accept => "受理",
            Step::Refuse => "不予受理",
            Step::TestingStarted => "开始检测鉴定",
            Step::TestingEnded => "检测鉴定结束",
            Step::Mediated => "调解成功",
            Step::Terminate => "终止调解",
            Step::Notified => "告知",
            Step::Extend => "延长核查期限",
            Step::DecideFiling => "立案决定",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Step::ConfirmEntity => "confirm the business",
            Step::Transfer => "transfer",
            Step::Dispute => "dispute jurisdiction",
            Step::Designate => "designate",
            Step::Accept => "accept",
            Step::Refuse => "refuse",
            Step::TestingStarted => "testing starts",
            Step::TestingEnded => "testing ended",
            Step::Mediated => "agreed",
            Step::Terminate => "end mediation",
            Step::Notified => "told",
            Step::Extend => "extend",
            Step::DecideFiling => "filing decision",
        }
    }
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `complaint.refused`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refused {
    pub id: String,
    pub on: NaiveDate,
    pub ground: RefusalGround,
    pub reason: String,
}

/// `complaint.testing_started`: testing, inspection or appraisal; its time does not count
/// (办法 第二十条, 程序规定 第十八条).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestingStarted {
    pub id: String,
    pub on: NaiveDate,
}

/// `complaint.testing_ended`: the deadline moves by the workdays the testing took.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestingEnded {
    pub id: String,
    pub on: NaiveDate,
}

/// `complaint.mediated`: the parties agreed (调解书 or a record of the agreement, 办法 第二十二条).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mediated {
    pub id: String,
    pub on: NaiveDate,
    pub agreement: String,
    /// What the consumer got back, in yuan.
    #[serde(default)]
    pub recovered: Option<String>,
}

/// The grounds for ending mediation (办法 第二十一条第一款).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TerminationGround {
    /// (一) withdrawn, or the parties settled between themselves.
    Withdrawn,
    /// (二) no agreement on the testing body or its cost.
    TestingDisagreement,
    /// (三) a party did not take part without good reason, or the business refused mediation.
    Refused,
    /// (四) a party said no agreement is possible.
    NoAgreement,
    /// (五) no agreement within 45 workdays of acceptance.
    Expired,
    /// (六) a 第十五条 ground found after acceptance.
    RefusalGroundFound,
    /// (七) other grounds in laws, regulations and rules.
    OtherLaw,
}

impl TerminationGround {
    pub const ALL: &'static [TerminationGround] = &[
        TerminationGround::Withdrawn,
        TerminationGround::TestingDisagreement,
        TerminationGround::Refused,
        TerminationGround::NoAgreement,
        TerminationGround::Expired,
        TerminationGround::RefusalGroundFound,
        TerminationGround::OtherLaw,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TerminationGround::Withdrawn => "withdrawn",
            TerminationGround::TestingDisagreement => "testing_disagreement",
            TerminationGround::Refused => "refused",
            TerminationGround::NoAgreement => "no_agreement",
            TerminationGround::Expired => "expired",
            TerminationGround::RefusalGroundFound => "refusal_ground_found",
            TerminationGround::OtherLaw => "other_law",
        }
    }

    pub fn parse(s: &str) -> Result<TerminationGround> {
        TerminationGround::ALL.iter().copied().find(|g| g.as_str() == s.trim()).ok_or_else(|| super::field("ground", s))
    }

    pub fn zh(self) -> &'static str {
        match self {
            TerminationGround::Withdrawn => "投诉人撤回投诉或双方自行和解（第二十一条第一项）",
            TerminationGround::TestingDisagreement => "对检定、检验、检测、鉴定机构或费用无法协商一致（第二项）",
            TerminationGround::Refused => "无正当理由不参加调解或被投诉人明确拒绝调解（第三项）",
            TerminationGround::NoAgreement => "明确表示无法达成调解协议（第四项）",
            TerminationGround::Expired => "自受理之日起四十五个工作日内未能达成调解协议（第五项）",
            TerminationGround::RefusalGroundFound => "受理后发现第十五条规定情形（第六项）",
            TerminationGround::OtherLaw => "法律、法规、规章规定的其他情形（第七项）",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            TerminationGround::Withdrawn => "withdrawn or settled by the parties (Art. 21(1))",
            TerminationGround::TestingDisagreement => "no agreement on testing or its cost (Art. 21(2))",
            TerminationGround::Refused => "a party stayed away or the business refused mediation (Art. 21(3))",
            TerminationGround::NoAgreement => "a party said no agreement is possible (Art. 21(4))",
            TerminationGround::Expired => "no agreement within 45 workdays of acceptance (Art. 21(5))",
            TerminationGround::RefusalGroundFound => "an Art. 15 ground found after acceptance (Art. 21(6))",
            TerminationGround::OtherLaw => "other grounds in laws, regulations or rules (Art. 21(7))",
        }
    }
}

/// `complaint.terminated`: mediation ended without agreement; the parties are told within 7
/// workdays (办法 第二十一条第二款).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terminated {
    pub id: String,
    pub on: NaiveDate,
    pub ground: TerminationGround,
    pub reason: String,
}

/// `complaint.parties_notified` (of a termination) and `complaint.reporter_notified` (of the
/// filing decision).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notified {
    pub id: String,
    pub on: NaiveDate,
}

/// `complaint.odr_answered`: the ODR enterprise's answer: settled or not, and how.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OdrAnswered {
    pub id: String,
    pub on: NaiveDate,
    pub settled: bool,
    /// How: refund, replacement, repair, compensation, explanation…
    pub method: String,
    pub answer: String,
}

/// `complaint.escalated`: an ODR complaint goes on to the office: not answered in time, or the
/// complainant does not accept the enterprise's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Escalated {
    pub id: String,
    pub on: NaiveDate,
    pub reason: String,
}

/// `complaint.rated`: the complainant's rating of how it was handled, 1 (very dissatisfied) to
/// 5 (very satisfied), once the complaint is closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rated {
    pub id: String,
    pub on: NaiveDate,
    pub score: u8,
}

/// `complaint.verification_extended`: a report's check extended once by 15 workdays with the
/// head's approval (程序规定 第十八条).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationExtended {
    pub id: String,
    pub on: NaiveDate,
    pub reason: String,
}

/// `complaint.filing_decided`: whether the report leads to a case (立案, 程序规定 第十八条、
/// 第十九条、第二十条).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilingDecided {
    pub id: String,
    pub on: NaiveDate,
    pub filed: bool,
    pub reason: String,
}

/// `complaint.odr_joined` and `complaint.odr_left` (subject: the credit code).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OdrMembership {
    pub entity: String,
    pub on: NaiveDate,
    /// The office of the entity (who supervises its ODR work).
    pub office: DivisionCode,
}

/// An enterprise in the ODR scheme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OdrMember {
    pub entity: String,
    pub office: DivisionCode,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
}

impl OdrMember {
    pub fn active(&self) -> bool {
        self.left_on.is_none()
    }
}

/// Where a complaint or report stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// With the ODR enterprise.
    Odr,
    /// Waiting for the office: accept or refuse (complaints), check and decide (reports).
    Received,
    /// Offices dispute jurisdiction.
    Disputed,
    /// Accepted; in mediation.
    Mediating,
    /// Not accepted (closed).
    Refused,
    /// Agreement reached (closed).
    Mediated,
    /// Mediation ended without agreement (closed).
    Terminated,
    /// Settled by the ODR enterprise (closed).
    SettledOdr,
    /// A report that led to a case (closed).
    Filed,
    /// A report that did not lead to a case (closed).
    NotFiled,
}

impl Status {
    pub const ALL: &'static [Status] = &[
        Status::Odr,
        Status::Received,
        Status::Disputed,
        Status::Mediating,
        Status::Refused,
        Status::Mediated,
        Status::Terminated,
        Status::SettledOdr,
        Status::Filed,
        Status::NotFiled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Odr => "odr",
            Status::Received => "received",
            Status::Disputed => "disputed",
            Status::Mediating => "mediating",
            Status::Refused => "refused",
            Status::Mediated => "mediated",
            Status::Terminated => "terminated",
            Status::SettledOdr => "settled_odr",
            Status::Filed => "filed",
            Status::NotFiled => "not_filed",
        }
    }

    pub fn parse(s: &str) -> Result<Status> {
        Status::ALL.iter().copied().find(|x| x.as_str() == s).ok_or_else(|| super::field("status", s))
    }

    pub fn zh(self) -> &'static str {
        match self {
            Status::Odr => "企业处理中（ODR）",
            Status::Received => "待受理",
            Status::Disputed => "管辖争议",
            Status::Mediating => "调解中",
            Status::Refused => "不予受理",
            Status::Mediated => "调解成功",
            Status::Terminated => "终止调解",
            Status::SettledOdr => "企业已和解",
            Status::Filed => "已立案",
            Status::NotFiled => "不予立案",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Status::Odr => "with the business (ODR)",
            Status::Received => "awaiting decision",
            Status::Disputed => "jurisdiction disputed",
            Status::Mediating => "in mediation",
            Status::Refused => "not accepted",
            Status::Mediated => "agreement reached",
            Status::Terminated => "mediation ended",
            Status::SettledOdr => "settled by the business",
            Status::Filed => "case opened",
            Status::NotFiled => "no case opened",
        }
    }

    /// Whether the procedure is over (a notice may still be due).
    pub fn closed(self) -> bool {
        !matches!(self, Status::Odr | Status::Received | Status::Disputed | Status::Mediating)
    }
}

/// A transfer in the complaint's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    pub from: DivisionCode,
    pub to: DivisionCode,
    pub on: NaiveDate,
    pub reason: String,
}

/// A period of testing, inspection or appraisal, whose workdays do not count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Testing {
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
}

/// A complaint or report: the fold of its events. Deadlines are not stored: they are periods
/// counted from the days recorded here ([`ComplaintState::deadlines`]), so a holiday schedule
/// imported later (a year published after the complaint arrived) applies at once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintState {
    pub id: String,
    pub intake: Intake,
    pub received_on: NaiveDate,
    pub status: Status,
    pub office: DivisionCode,
    /// The registered business, once known (given at intake or confirmed by the handler).
    pub entity: Option<String>,
    pub tracking: String,
    /// The day the current office's period started: receipt, transfer, designation, or the
    /// day the complaint left the ODR enterprise.
    pub clock_from: NaiveDate,
    pub accepted_on: Option<NaiveDate>,
    /// A report's check extended by 15 workdays.
    pub extended: bool,
    pub testing: Vec<Testing>,
    pub closed_on: Option<NaiveDate>,
    pub refusal: Option<RefusalGround>,
    pub termination: Option<TerminationGround>,
    pub notified_on: Option<NaiveDate>,
    pub odr: Option<OdrWork>,
    pub dispute: Option<Dispute>,
    pub transfers: Vec<Transfer>,
    pub agreement: Option<String>,
    pub recovered: Option<String>,
    pub rating: Option<u8>,
    /// The last step's explanation (refusal, termination, filing decision).
    pub reason: Option<String>,
    /// The day a narrative of it was published ([`super::publication`]).
    #[serde(default)]
    pub narrative_on: Option<NaiveDate>,
}

/// The ODR part of a complaint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OdrWork {
    pub entity: String,
    pub answered_on: Option<NaiveDate>,
    pub settled: Option<bool>,
    pub method: Option<String>,
    pub answer: Option<String>,
    pub escalated_on: Option<NaiveDate>,
}

/// A jurisdiction dispute.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispute {
    /// The two offices.
    pub offices: [DivisionCode; 2],
    pub since: NaiveDate,
    pub reason: String,
}

/// The deadlines of a complaint on the official calendar. A deadline in a year whose schedule
/// is not loaded is `None` and its year is in `uncovered` (never a guess).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Deadlines {
    /// Accept or refuse: 7 workdays from `clock_from` (办法 第十四条).
    pub accept_due: Option<NaiveDate>,
    /// Mediation: 45 workdays from acceptance, testing excluded (第二十条、第二十一条第五项).
    pub mediation_due: Option<NaiveDate>,
    /// A report's check and filing decision: 15 (+15) workdays, testing excluded
    /// (程序规定 第十八条).
    pub verify_due: Option<NaiveDate>,
    /// The ODR enterprise's answer: 10 workdays from receipt [P].
    pub odr_due: Option<NaiveDate>,
    /// A jurisdiction dispute: 7 workdays of negotiation (办法 第三十条).
    pub dispute_due: Option<NaiveDate>,
    /// The notice owed after a termination (7 workdays) or a filing decision to a named
    /// reporter (5 workdays).
    pub notice_due: Option<NaiveDate>,
    /// The deadline of the step the complaint is at; `None` when nothing is due or testing
    /// pauses it.
    pub current: Option<NaiveDate>,
    /// Whether testing pauses the current period.
    pub paused: bool,
    /// A year whose holiday schedule is needed and cannot be counted (no official schedule and
    /// outside the provisional years).
    pub uncovered: Option<i32>,
    /// Whether some deadline above counts a day of a provisional year (暂定, see
    /// [`crate::calendar::Calendar::is_provisional`]): it may move when the year's official
    /// schedule is imported.
    pub provisional: bool,
}

impl ComplaintState {
    /// The state of a complaint just received.
    pub fn received(r: &Received) -> Result<ComplaintState> {
        let kind = super::check_id(&r.id)?;
        if kind != r.intake.kind {
            return Err(super::field("id", &r.id));
        }
        r.intake.check()?;
        super::check_hash("tracking", &r.tracking)?;
        let (status, odr) = match &r.odr {
            Some(e) if kind == Kind::Complaint => (
                Status::Odr,
                Some(OdrWork {
                    entity: e.clone(),
                    answered_on: None,
                    settled: None,
                    method: None,
                    answer: None,
                    escalated_on: None,
                }),
            ),
            Some(_) => return Err(super::field("odr", "reports do not go to ODR")),
            None => (Status::Received, None),
        };
        Ok(ComplaintState {
            id: r.id.clone(),
            intake: r.intake.clone(),
            received_on: r.received_on,
            status,
            office: r.office,
            entity: r.entity.clone().or_else(|| r.odr.clone()),
            tracking: r.tracking.clone(),
            clock_from: r.received_on,
            accepted_on: None,
            extended: false,
            testing: Vec::new(),
            closed_on: None,
            refusal: None,
            termination: None,
            notified_on: None,
            odr,
            dispute: None,
            transfers: Vec::new(),
            agreement: None,
            recovered: None,
            rating: None,
            reason: None,
            narrative_on: None,
        })
    }

    pub fn kind(&self) -> Kind {
        self.intake.kind
    }

    /// Whether a named reporter or the parties are owed a notice of how it ended.
    fn notice_owed(&self) -> bool {
        match self.status {
            Status::Terminated => true,
            Status::Filed | Status::NotFiled => self.intake.party.name.is_some() || self.intake.party.phone.is_some(),
            _ => false,
        }
    }

    /// Whether work waits for the office or the enterprise (for the worklist).
    pub fn open(&self) -> bool {
        !self.status.closed() || (self.notice_owed() && self.notified_on.is_none())
    }

    /// Testing under way since this day.
    pub fn testing_since(&self) -> Option<NaiveDate> {
        self.testing.last().filter(|t| t.until.is_none()).map(|t| t.since)
    }

    /// The deadlines on `cal` (see [`Deadlines`]).
    pub fn deadlines(&self, cal: &Calendar) -> Deadlines {
        let mut d = Deadlines::default();
        let uncovered = std::cell::Cell::new(None::<i32>);
        let provisional = std::cell::Cell::new(false);
        let year_of =
            |e: &Error, fallback: NaiveDate| e.detail("year").and_then(|y| y.parse().ok()).unwrap_or(fallback.year());
        let add = |from: NaiveDate, n: u32| -> Option<NaiveDate> {
            match cal.add_workdays(from, n) {
                Ok(x) => {
                    if cal.counts_provisional(from, x) {
                        provisional.set(true);
                    }
                    Some(x)
                }
                Err(e) => {
                    uncovered.set(uncovered.get().or(Some(year_of(&e, from))));
                    None
                }
            }
        };
        // Workdays of testing since `from` (each period's start day does not count, its end
        // day does: 民法典 第二百零一条).
        let excluded = |from: NaiveDate| -> std::result::Result<u32, i32> {
            let mut n = 0;
            for t in self.testing.iter().filter(|t| t.since >= from) {
                if let Some(until) = t.until {
                    n += cal.workdays_between(t.since, until).map_err(|e| year_of(&e, until))?;
                }
            }
            Ok(n)
        };
        let paused = self.testing_since().is_some();
        match self.kind() {
            Kind::Complaint => {
                if let Some(odr) = &self.odr {
                    d.odr_due = add(self.received_on, super::ODR_WORKDAYS);
                    if odr.escalated_on.is_none() && self.status == Status::Odr {
                        d.current = d.odr_due;
                    }
                }
                if self.odr.as_ref().is_none_or(|o| o.escalated_on.is_some()) {
                    d.accept_due = add(self.clock_from, super::ACCEPT_WORKDAYS);
                }
                if let Some(on) = self.accepted_on {
                    match excluded(on) {
                        Ok(n) => d.mediation_due = add(on, super::MEDIATION_WORKDAYS + n),
                        Err(y) => uncovered.set(Some(y)),
                    }
                }
            }
            Kind::Report => {
                let n = super::VERIFY_WORKDAYS + if self.extended { super::VERIFY_EXTENSION_WORKDAYS } else { 0 };
                match excluded(self.clock_from) {
                    Ok(x) => d.verify_due = add(self.clock_from, n + x),
                    Err(y) => uncovered.set(Some(y)),
                }
            }
        }
        if let Some(dispute) = &self.dispute {
            d.dispute_due = add(dispute.since, super::DISPUTE_WORKDAYS);
        }
        if self.notice_owed()
            && let Some(closed) = self.closed_on
        {
            let n = if self.status == Status::Terminated {
                super::TERMINATION_NOTICE_WORKDAYS
            } else {
                super::REPORTER_NOTICE_WORKDAYS
            };
            d.notice_due = add(closed, n);
        }
        d.uncovered = uncovered.get();
        d.provisional = provisional.get();
        d.paused = paused && matches!(self.status, Status::Mediating | Status::Received);
        d.current = match self.status {
            Status::Odr => d.current,
            Status::Received if d.paused => None,
            Status::Received => match self.kind() {
                Kind::Complaint => d.accept_due,
                Kind::Report => d.verify_due,
            },
            Status::Disputed => d.dispute_due,
            Status::Mediating if d.paused => None,
            Status::Mediating => d.mediation_due,
            _ if self.notified_on.is_none() => d.notice_due,
            _ => None,
        };
        d
    }

    /// The steps a handler may take now: what the handler's page offers (the fold decides
    /// again when one is taken).
    pub fn next_steps(&self) -> Vec<Step> {
        let testing = if self.testing_since().is_some() { Step::TestingEnded } else { Step::TestingStarted };
        let mut v = Vec::new();
        if self.odr.is_none() || self.entity.is_none() {
            v.push(Step::ConfirmEntity);
        }
        match (self.kind(), self.status) {
            (Kind::Complaint, Status::Received) => {
                v.extend([Step::Accept, Step::Refuse, Step::Transfer, Step::Dispute])
            }
            (Kind::Report, Status::Received) => {
                v.extend([Step::DecideFiling, Step::Transfer, Step::Dispute]);
                if !self.extended {
                    v.push(Step::Extend);
                }
                v.push(testing);
            }
            (_, Status::Disputed) => v.push(Step::Designate),
            (_, Status::Mediating) => v.extend([Step::Mediated, Step::Terminate, testing]),
            _ => {}
        }
        if self.open() && self.status.closed() && self.notified_on.is_none() {
            v.push(Step::Notified);
        }
        v
    }

    /// Whether the current step is late on `today`.
    pub fn overdue(&self, cal: &Calendar, today: NaiveDate) -> bool {
        self.open() && self.deadlines(cal).current.is_some_and(|d| today > d)
    }

    /// The outcome as the monthly reports name it: `refused:<ground>`, `mediated`,
    /// `terminated:<ground>`, `settled_odr`, `filed`, `not_filed`; empty while open.
    pub fn outcome(&self) -> String {
        match self.status {
            Status::Refused => format!("refused:{}", self.refusal.map_or("", |g| g.as_str())),
            Status::Terminated => format!("terminated:{}", self.termination.map_or("", |g| g.as_str())),
            Status::Mediated | Status::SettledOdr | Status::Filed | Status::NotFiled => {
                self.status.as_str().to_string()
            }
            _ => String::new(),
        }
    }

    fn workflow(&self, step: &str) -> Error {
        Error::new(Code::ComplaintWorkflow)
            .with("id", self.id.clone())
            .with("status", self.status.zh())
            .with("step", step.to_string())
    }

    fn expect(&self, ok: bool, step: &str) -> Result<()> {
        if ok { Ok(()) } else { Err(self.workflow(step)) }
    }

    /// A step dated before the last one is refused.
    fn not_before(&self, on: NaiveDate, step: &str) -> Result<()> {
        let last = [
            Some(self.clock_from),
            self.accepted_on,
            self.testing.last().map(|t| t.until.unwrap_or(t.since)),
            self.dispute.as_ref().map(|d| d.since),
            self.odr.as_ref().and_then(|o| o.answered_on),
            self.closed_on,
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(self.received_on);
        if on < last {
            return Err(self.workflow(&format!("{step} ({on})")));
        }
        Ok(())
    }

    pub fn confirm_entity(&mut self, e: &EntityConfirmed) -> Result<()> {
        crate::Uscc::parse(&e.entity)?;
        self.expect(self.odr.is_none() || self.entity.as_deref() == Some(&e.entity), "confirm the business")?;
        self.entity = Some(e.entity.clone());
        Ok(())
    }

    pub fn transfer(&mut self, t: &Transferred) -> Result<()> {
        self.expect(self.status == Status::Received && t.from == self.office && t.to != t.from, "transfer")?;
        self.not_before(t.on, "transfer")?;
        self.transfers.push(Transfer { from: t.from, to: t.to, on: t.on, reason: t.reason.clone() });
        self.office = t.to;
        self.clock_from = t.on;
        Ok(())
    }

    pub fn dispute(&mut self, d: &TransferDisputed) -> Result<()> {
        let Some(last) = self.transfers.last() else { return Err(self.workflow("dispute jurisdiction")) };
        self.expect(self.status == Status::Received && d.office == self.office, "dispute jurisdiction")?;
        self.not_before(d.on, "dispute jurisdiction")?;
        self.dispute = Some(Dispute { offices: [last.from, last.to], since: d.on, reason: d.reason.clone() });
        self.status = Status::Disputed;
        Ok(())
    }

    pub fn designate(&mut self, d: &Designated) -> Result<()> {
        let Some(dispute) = &self.dispute else { return Err(self.workflow("designate")) };
        self.expect(self.status == Status::Disputed && dispute.offices.contains(&d.office), "designate")?;
        self.not_before(d.on, "designate")?;
        self.office = d.office;
        self.status = Status::Received;
        self.clock_from = d.on;
        Ok(())
    }

    pub fn accept(&mut self, a: &Accepted) -> Result<()> {
        self.expect(self.status == Status::Received && self.kind() == Kind::Complaint, "accept")?;
        self.not_before(a.on, "accept")?;
        self.status = Status::Mediating;
        self.accepted_on = Some(a.on);
        Ok(())
    }

    pub fn refuse(&mut self, r: &Refused) -> Result<()> {
        self.expect(self.status == Status::Received && self.kind() == Kind::Complaint, "refuse")?;
        self.not_before(r.on, "refuse")?;
        if r.ground == RefusalGround::TimeBarred && !self.intake.time_barred(self.received_on) {
            return Err(Error::new(Code::ComplaintGround)
                .with("ground", r.ground.zh())
                .with("reason", "没有早于收到投诉三年以上的知道受损日期 / no day of knowing the harm more than three years before receipt"));
        }
        self.status = Status::Refused;
        self.refusal = Some(r.ground);
        self.reason = Some(r.reason.clone());
        self.closed_on = Some(r.on);
        Ok(())
    }

    pub fn start_testing(&mut self, t: &TestingStarted) -> Result<()> {
        let running = match self.kind() {
            Kind::Complaint => self.status == Status::Mediating,
            Kind::Report => self.status == Status::Received,
        };
        self.expect(running && self.testing_since().is_none(), "start testing")?;
        self.not_before(t.on, "start testing")?;
        self.testing.push(Testing { since: t.on, until: None });
        Ok(())
    }

    pub fn end_testing(&mut self, t: &TestingEnded) -> Result<()> {
        let Some(since) = self.testing_since() else { return Err(self.workflow("end testing")) };
        self.expect(t.on >= since, "end testing")?;
        if let Some(last) = self.testing.last_mut() {
            last.until = Some(t.on);
        }
        Ok(())
    }

    /// Closes an open testing period on the day the procedure ends.
    fn close_testing(&mut self, on: NaiveDate) {
        if let Some(last) = self.testing.last_mut()
            && last.until.is_none()
        {
            last.until = Some(on);
        }
    }

    pub fn mediate(&mut self, m: &Mediated) -> Result<()> {
        self.expect(self.status == Status::Mediating, "record an agreement")?;
        self.not_before(m.on, "record an agreement")?;
        if let Some(r) = &m.recovered {
            super::parse_amount(r)?;
        }
        self.status = Status::Mediated;
        self.agreement = Some(m.agreement.clone());
        self.recovered = m.recovered.clone();
        self.closed_on = Some(m.on);
        self.close_testing(m.on);
        Ok(())
    }

    /// Ends mediation. Whether the 45 workdays have passed (第二十一条第五项) needs the
    /// calendar: the application checks it before appending.
    pub fn terminate(&mut self, t: &Terminated) -> Result<()> {
        self.expect(self.status == Status::Mediating, "end mediation")?;
        self.not_before(t.on, "end mediation")?;
        self.status = Status::Terminated;
        self.termination = Some(t.ground);
        self.reason = Some(t.reason.clone());
        self.closed_on = Some(t.on);
        self.close_testing(t.on);
        Ok(())
    }

    pub fn notify(&mut self, n: &Notified) -> Result<()> {
        self.expect(self.notice_owed() && self.notified_on.is_none(), "record the notice")?;
        self.not_before(n.on, "record the notice")?;
        self.notified_on = Some(n.on);
        Ok(())
    }

    pub fn odr_answer(&mut self, a: &OdrAnswered) -> Result<()> {
        self.expect(self.status == Status::Odr, "answer (ODR)")?;
        self.not_before(a.on, "answer (ODR)")?;
        let Some(odr) = &mut self.odr else { return Err(self.workflow("answer (ODR)")) };
        odr.answered_on = Some(a.on);
        odr.settled = Some(a.settled);
        odr.method = Some(a.method.clone());
        odr.answer = Some(a.answer.clone());
        if a.settled {
            self.status = Status::SettledOdr;
            self.closed_on = Some(a.on);
        } else {
            // Not settled: on to the office, whose 7 workdays start now.
            odr.escalated_on = Some(a.on);
            self.status = Status::Received;
            self.clock_from = a.on;
        }
        Ok(())
    }

    pub fn escalate(&mut self, e: &Escalated) -> Result<()> {
        let ok = matches!(self.status, Status::Odr | Status::SettledOdr)
            && self.odr.as_ref().is_some_and(|o| o.escalated_on.is_none());
        self.expect(ok, "escalate")?;
        self.not_before(e.on, "escalate")?;
        if let Some(odr) = &mut self.odr {
            odr.escalated_on = Some(e.on);
        }
        self.status = Status::Received;
        self.closed_on = None;
        self.rating = None;
        self.clock_from = e.on;
        Ok(())
    }

    pub fn rate(&mut self, r: &Rated) -> Result<()> {
        self.expect(self.kind() == Kind::Complaint && self.status.closed() && self.rating.is_none(), "rate")?;
        if !(1..=5).contains(&r.score) {
            return Err(super::field("score", r.score));
        }
        self.rating = Some(r.score);
        Ok(())
    }

    pub fn extend_verification(&mut self, v: &VerificationExtended) -> Result<()> {
        self.expect(
            self.kind() == Kind::Report && self.status == Status::Received && !self.extended,
            "extend the check",
        )?;
        self.not_before(v.on, "extend the check")?;
        self.extended = true;
        Ok(())
    }

    /// Publishes a narrative: a closed complaint whose complainant consented, once, with no
    /// personal data left in the text ([`super::publication::check_narrative`]).
    pub fn publish_narrative(&mut self, n: &super::publication::NarrativePublished) -> Result<()> {
        let refuse = |reason: &str| {
            Err(Error::new(Code::ComplaintNoConsent).with("id", self.id.clone()).with("reason", reason.to_string()))
        };
        if !self.intake.consent_to_publish {
            return refuse("投诉人未同意公开 the complainant did not consent");
        }
        if self.kind() != Kind::Complaint || !self.status.closed() || self.status == Status::Refused {
            return refuse("仅公开已办结的投诉 only closed complaints are published");
        }
        if self.narrative_on.is_some() {
            return refuse("已公开 already published");
        }
        if n.entity != self.entity || n.category != self.intake.category || n.problem != self.intake.problem {
            return Err(super::field("narrative", "does not match the complaint"));
        }
        super::publication::check_narrative(&n.text, &self.intake)?;
        self.narrative_on = Some(n.on);
        Ok(())
    }

    pub fn decide_filing(&mut self, f: &FilingDecided) -> Result<()> {
        self.expect(self.kind() == Kind::Report && self.status == Status::Received, "decide on filing")?;
        self.not_before(f.on, "decide on filing")?;
        self.status = if f.filed { Status::Filed } else { Status::NotFiled };
        self.reason = Some(f.reason.clone());
        self.closed_on = Some(f.on);
        self.close_testing(f.on);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaint::tests::intake;

    /// The wire name of each step is its serde name and parses back; an unknown one is a
    /// typed field error, never a silently ignored step.
    #[test]
    fn steps_have_one_wire_name_each() {
        for &step in Step::ALL {
            assert_eq!(Step::parse(step.as_str()).unwrap(), step);
            assert_eq!(serde_json::to_value(step).unwrap(), serde_json::json!(step.as_str()));
            assert!(step.zh().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
            assert!(step.en().is_ascii());
        }
        assert_eq!(Step::parse("acept").unwrap_err().code(), Code::ComplaintField);
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn received(on: &str, odr: Option<&str>) -> Received {
        Received {
            id: "TS202609280000000001".into(),
            intake: intake(),
            received_on: d(on),
            office: DivisionCode::parse("420111").unwrap(),
            odr: odr.map(str::to_string),
            entity: None,
            tracking: "ab".repeat(32),
        }
    }

    #[test]
    fn acceptance_is_due_seven_workdays_later_across_national_day_and_its_adjusted_saturday() {
        let cal = Calendar::builtin();
        // Received Mon 2026-09-28. Workdays after it: 09-29, 09-30 (2); 10-01..07 off;
        // 10-08, 10-09 (4); Sat 10-10 worked (调休, 5); 10-12 (6); 10-13 (7).
        let s = ComplaintState::received(&received("2026-09-28", None)).unwrap();
        let dl = s.deadlines(&cal);
        assert_eq!(dl.accept_due, Some(d("2026-10-13")));
        assert_eq!(dl.current, dl.accept_due);
        assert!(!s.overdue(&cal, d("2026-10-13")));
        assert!(s.overdue(&cal, d("2026-10-14")));
        // Received on the worked Sunday 2026-09-20 (调休): 09-21..24 (4), 09-25 中秋 off,
        // 09-28..30 (7).
        let s = ComplaintState::received(&received("2026-09-20", None)).unwrap();
        assert_eq!(s.deadlines(&cal).accept_due, Some(d("2026-09-30")));
    }

    #[test]
    fn mediation_runs_45_workdays_and_testing_time_is_excluded() {
        let cal = Calendar::builtin();
        let mut s = ComplaintState::received(&received("2026-01-05", None)).unwrap();
        let id = s.id.clone();
        assert!(s.rate(&Rated { id: id.clone(), on: d("2026-01-06"), score: 5 }).is_err());
        assert!(s.next_steps().contains(&Step::Accept) && s.next_steps().contains(&Step::Refuse));
        s.accept(&Accepted { id: id.clone(), on: d("2026-01-07") }).unwrap();
        assert!(s.next_steps().contains(&Step::Mediated) && s.next_steps().contains(&Step::TestingStarted));
        assert!(!s.next_steps().contains(&Step::Accept));
        // 45 workdays after Wed 2026-01-07 across the Spring Festival: 01-08..02-13 (27), Sat
        // 02-14 worked (28), 02-16..20 and 02-23 off, 02-24..27 (32), Sat 02-28 worked (33),
        // 03-02..13 (43), 03-16, 03-17 (45).
        let due = s.deadlines(&cal).mediation_due.unwrap();
        assert_eq!(due, cal.add_workdays(d("2026-01-07"), 45).unwrap());
        assert_eq!(due, d("2026-03-17"));
        s.start_testing(&TestingStarted { id: id.clone(), on: d("2026-02-02") }).unwrap();
        let dl = s.deadlines(&cal);
        assert!(dl.paused && dl.current.is_none());
        // Testing from Mon 02-02 to Fri 02-13: 9 workdays after 02-02 up to 02-13.
        s.end_testing(&TestingEnded { id: id.clone(), on: d("2026-02-13") }).unwrap();
        let dl = s.deadlines(&cal);
        assert_eq!(dl.mediation_due, Some(cal.add_workdays(due, 9).unwrap()));
        assert_eq!(dl.current, dl.mediation_due);
        s.mediate(&Mediated {
            id: id.clone(),
            on: d("2026-02-16"),
            agreement: "退还差价".into(),
            recovered: Some("20".into()),
        })
        .unwrap();
        assert!(s.status.closed() && !s.open());
        assert_eq!(s.outcome(), "mediated");
        assert_eq!(s.deadlines(&cal).current, None);
        assert!(s.next_steps().iter().all(|x| *x == Step::ConfirmEntity), "nothing left but naming the business");
        s.rate(&Rated { id: id.clone(), on: d("2026-02-17"), score: 4 }).unwrap();
        assert!(s.rate(&Rated { id, on: d("2026-02-17"), score: 4 }).is_err());
    }

    #[test]
    fn a_deadline_into_an_unpublished_year_is_provisional_and_beyond_it_not_guessed() {
        let cal = Calendar::builtin();
        let mut s = ComplaintState::received(&received("2026-11-30", None)).unwrap();
        assert!(!s.deadlines(&cal).provisional);
        s.accept(&Accepted { id: s.id.clone(), on: d("2026-12-01") }).unwrap();
        let dl = s.deadlines(&cal);
        // 45 workdays: 22 in December 2026, then 2027's provisional schedule (1 January off).
        assert_eq!((dl.mediation_due, dl.uncovered, dl.provisional), (Some(d("2027-02-03")), None, true));
        assert_eq!(dl.accept_due, Some(d("2026-12-09")));
        // Once 2027 is official, the same complaint's deadline is no longer provisional.
        let official = cal.clone().with_years([crate::calendar::provisional_schedule(2027).unwrap()]);
        assert!(!s.deadlines(&official).provisional);

        let mut s = ComplaintState::received(&received("2099-12-18", None)).unwrap();
        s.accept(&Accepted { id: s.id.clone(), on: d("2099-12-21") }).unwrap();
        let dl = s.deadlines(&cal);
        assert_eq!((dl.mediation_due, dl.uncovered), (None, Some(2100)));
    }

    #[test]
    fn refusal_on_the_time_bar_needs_the_dates() {
        let mut s = ComplaintState::received(&received("2026-09-28", None)).unwrap();
        let r = Refused { id: s.id.clone(), on: d("2026-09-29"), ground: RefusalGround::TimeBarred, reason: "".into() };
        assert_eq!(s.refuse(&r).unwrap_err().code(), Code::ComplaintGround);
        s.intake.occurred_on = Some(d("2023-01-05"));
        s.refuse(&r).unwrap();
        assert_eq!(s.outcome(), "refused:time_barred");
        assert!(!s.open());
    }

    #[test]
    fn termination_owes_a_notice_within_seven_workdays() {
        let cal = Calendar::builtin();
        let mut s = ComplaintState::received(&received("2026-09-28", None)).unwrap();
        let id = s.id.clone();
        s.accept(&Accepted { id: id.clone(), on: d("2026-09-29") }).unwrap();
        let early = Notified { id: id.clone(), on: d("2026-09-30") };
        assert!(s.notify(&early).is_err());
        s.terminate(&Terminated {
            id: id.clone(),
            on: d("2026-09-30"),
            ground: TerminationGround::Refused,
            reason: "商家拒绝调解".into(),
        })
        .unwrap();
        assert!(s.open());
        // 7 workdays after 09-30: 10-08, 10-09, 10-10 (Sat, worked), 10-12..15.
        assert_eq!(s.deadlines(&cal).notice_due, Some(d("2026-10-15")));
        assert!(s.overdue(&cal, d("2026-10-16")));
        s.notify(&Notified { id, on: d("2026-10-09") }).unwrap();
        assert!(!s.open());
    }

    #[test]
    fn odr_settles_or_goes_on_to_the_office() {
        let cal = Calendar::builtin();
        let code = "91420100177682935Y";
        let mut s = ComplaintState::received(&received("2026-09-28", Some(code))).unwrap();
        assert_eq!((s.status, s.entity.as_deref()), (Status::Odr, Some(code)));
        // 10 workdays: 09-29, 09-30, 10-08, 10-09, 10-10, 10-12..16.
        assert_eq!(s.deadlines(&cal).current, Some(d("2026-10-16")));
        assert_eq!(s.deadlines(&cal).accept_due, None);
        let id = s.id.clone();
        s.odr_answer(&OdrAnswered {
            id: id.clone(),
            on: d("2026-10-09"),
            settled: true,
            method: "退款".into(),
            answer: "已退款".into(),
        })
        .unwrap();
        assert_eq!(s.status, Status::SettledOdr);
        s.rate(&Rated { id: id.clone(), on: d("2026-10-09"), score: 1 }).unwrap();
        // The complainant does not accept the settlement: on to the office, 7 workdays from now.
        s.escalate(&Escalated { id: id.clone(), on: d("2026-10-12"), reason: "未退款".into() }).unwrap();
        assert_eq!((s.status, s.rating), (Status::Received, None));
        assert_eq!(s.deadlines(&cal).accept_due, Some(d("2026-10-21")));
        assert!(s.escalate(&Escalated { id, on: d("2026-10-13"), reason: "".into() }).is_err());
    }

    #[test]
    fn transfers_restart_the_clock_and_disputes_are_designated() {
        let cal = Calendar::builtin();
        let mut s = ComplaintState::received(&received("2026-11-02", None)).unwrap();
        let id = s.id.clone();
        let hongshan = DivisionCode::parse("420111").unwrap();
        let wuchang = DivisionCode::parse("420106").unwrap();
        s.transfer(&Transferred {
            id: id.clone(),
            from: hongshan,
            to: wuchang,
            on: d("2026-11-04"),
            reason: "经营地在武昌".into(),
        })
        .unwrap();
        assert_eq!((s.office, s.deadlines(&cal).accept_due), (wuchang, Some(d("2026-11-13"))));
        s.dispute(&TransferDisputed {
            id: id.clone(),
            office: wuchang,
            on: d("2026-11-05"),
            reason: "住所在洪山".into(),
        })
        .unwrap();
        assert_eq!(s.status, Status::Disputed);
        assert_eq!(s.deadlines(&cal).current, Some(d("2026-11-16")));
        assert!(s.accept(&Accepted { id: id.clone(), on: d("2026-11-06") }).is_err());
        s.designate(&Designated {
            id: id.clone(),
            office: hongshan,
            by: DivisionCode::parse("420100").unwrap(),
            on: d("2026-11-17"),
        })
        .unwrap();
        assert_eq!((s.status, s.office), (Status::Received, hongshan));
        assert_eq!(s.deadlines(&cal).current, Some(d("2026-11-26")));
    }

    #[test]
    fn a_report_is_checked_extended_once_and_decided() {
        let cal = Calendar::builtin();
        let mut r = received("2026-11-02", None);
        r.id = "JB202611020000000001".into();
        r.intake.kind = Kind::Report;
        let mut s = ComplaintState::received(&r).unwrap();
        let id = s.id.clone();
        assert_eq!(s.deadlines(&cal).verify_due, Some(d("2026-11-23")));
        assert!(s.accept(&Accepted { id: id.clone(), on: d("2026-11-03") }).is_err());
        let ext = VerificationExtended { id: id.clone(), on: d("2026-11-20"), reason: "需现场核查".into() };
        s.extend_verification(&ext).unwrap();
        assert!(s.extend_verification(&ext).is_err());
        assert_eq!(s.deadlines(&cal).verify_due, Some(d("2026-12-14")));
        s.decide_filing(&FilingDecided {
            id: id.clone(),
            on: d("2026-12-01"),
            filed: true,
            reason: "涉嫌价格违法".into(),
        })
        .unwrap();
        assert_eq!((s.status, s.outcome().as_str()), (Status::Filed, "filed"));
        assert!(s.open());
        // A named reporter is told within 5 workdays.
        assert_eq!(s.deadlines(&cal).notice_due, Some(d("2026-12-08")));
        s.notify(&Notified { id, on: d("2026-12-02") }).unwrap();
        assert!(!s.open());
    }
}
