//! Tasks (检查任务) and their results: the standard result categories of the national publicity
//! system, follow-up, and the 20-workday term for publishing a result.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::error::{Code, Error, Result};

/// 国发〔2019〕5号 [P]: results are published on the national enterprise credit publicity system
/// within 20 workdays of the inspection (谁检查、谁录入、谁公开).
pub const RESULT_PUBLICATION_WORKDAYS: u32 = 20;

/// The day by which a result of an inspection completed on `inspected_on` must be public.
pub fn publication_due(calendar: &Calendar, inspected_on: NaiveDate) -> Result<NaiveDate> {
    calendar.add_workdays(inspected_on, RESULT_PUBLICATION_WORKDAYS)
}

/// `inspection.task_assigned`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskAssigned {
    pub plan: String,
    pub target: String,
    pub rank: u32,
    /// Pseudonyms; empty when no lawful team could be formed.
    pub inspectors: Vec<String>,
    #[serde(default)]
    pub unassigned: Option<String>,
    pub items: Vec<String>,
    /// The plan's last day.
    pub due: NaiveDate,
}

/// The standard result categories (抽查检查结果类型) as the national publicity system shows them
/// [P: the wording varies slightly between provinces].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultCategory {
    /// 未发现问题
    NoProblem,
    /// 未按规定公示应当公示的信息
    NotDisclosed,
    /// 公示信息隐瞒真实情况、弄虚作假
    FalseDisclosure,
    /// 通过登记的住所（经营场所）无法联系
    Unreachable,
    /// 发现问题已责令改正
    OrderedToCorrect,
    /// 发现问题，待后续处理
    FollowUp,
    /// 不配合检查，情节严重
    Uncooperative,
    /// 未发现开展本次抽查涉及的经营活动
    NoActivity,
    /// 已注销或被吊销营业执照
    Ended,
}

impl ResultCategory {
    pub const ALL: &'static [ResultCategory] = &[
        ResultCategory::NoProblem,
        ResultCategory::NotDisclosed,
        ResultCategory::FalseDisclosure,
        ResultCategory::Unreachable,
        ResultCategory::OrderedToCorrect,
        ResultCategory::FollowUp,
        ResultCategory::Uncooperative,
        ResultCategory::NoActivity,
        ResultCategory::Ended,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ResultCategory::NoProblem => "no_problem",
            ResultCategory::NotDisclosed => "not_disclosed",
            ResultCategory::FalseDisclosure => "false_disclosure",
            ResultCategory::Unreachable => "unreachable",
            ResultCategory::OrderedToCorrect => "ordered_to_correct",
            ResultCategory::FollowUp => "follow_up",
            ResultCategory::Uncooperative => "uncooperative",
            ResultCategory::NoActivity => "no_activity",
            ResultCategory::Ended => "ended",
        }
    }

    pub fn parse(s: &str) -> Result<ResultCategory> {
        ResultCategory::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| Error::new(Code::InspectionField).with("field", "category").with("reason", s.to_string()))
    }

    pub fn zh(self) -> &'static str {
        match self {
            ResultCategory::NoProblem => "未发现问题",
            ResultCategory::NotDisclosed => "未按规定公示应当公示的信息",
            ResultCategory::FalseDisclosure => "公示信息隐瞒真实情况、弄虚作假",
            ResultCategory::Unreachable => "通过登记的住所（经营场所）无法联系",
            ResultCategory::OrderedToCorrect => "发现问题已责令改正",
            ResultCategory::FollowUp => "发现问题，待后续处理",
            ResultCategory::Uncooperative => "不配合检查，情节严重",
            ResultCategory::NoActivity => "未发现开展本次抽查涉及的经营活动",
            ResultCategory::Ended => "已注销或被吊销营业执照",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            ResultCategory::NoProblem => "No problem found",
            ResultCategory::NotDisclosed => "Required information not disclosed",
            ResultCategory::FalseDisclosure => "Disclosed information concealed or falsified",
            ResultCategory::Unreachable => "Not reachable at the registered address",
            ResultCategory::OrderedToCorrect => "Problem found, correction ordered",
            ResultCategory::FollowUp => "Problem found, to be followed up",
            ResultCategory::Uncooperative => "Refused to cooperate (serious)",
            ResultCategory::NoActivity => "No activity of the kind inspected",
            ResultCategory::Ended => "Deregistered or licence revoked",
        }
    }

    /// Whether the inspection found a problem, for the credit classification's indicators
    /// `inspection_problem` / `inspection_clean` (`None` when nothing was inspected: the
    /// activity was absent or the entity had ended).
    pub fn found_problem(self) -> Option<bool> {
        match self {
            ResultCategory::NoProblem => Some(false),
            ResultCategory::NoActivity | ResultCategory::Ended => None,
            _ => Some(true),
        }
    }

    /// What the result leads to, for the office to act on.
    pub fn follow_up(self) -> Option<FollowUp> {
        match self {
            // 企业经营异常名录管理办法 第四条第二项 / 第七条: ordered to disclose first.
            ResultCategory::NotDisclosed => Some(FollowUp::OrderDisclosure),
            // 第四条第三项 / 第八条: the abnormal list.
            ResultCategory::FalseDisclosure => Some(FollowUp::AbnormalList),
            // 第四条第四项 / 第九条: the abnormal list.
            ResultCategory::Unreachable => Some(FollowUp::AbnormalList),
            // A suspected violation: a case clue (线索) for the enforcement module.
            ResultCategory::FollowUp | ResultCategory::Uncooperative => Some(FollowUp::CaseClue),
            _ => None,
        }
    }
}

/// What a result leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUp {
    /// Order the entity to disclose within a period (企业信息公示暂行条例 第十八条 [M: article]).
    OrderDisclosure,
    /// A decision on the abnormal-operations list (名录办法 第四条).
    AbnormalList,
    /// A case clue for enforcement (市场监督管理行政处罚程序规定 第十八条).
    CaseClue,
}

impl FollowUp {
    pub fn as_str(self) -> &'static str {
        match self {
            FollowUp::OrderDisclosure => "order_disclosure",
            FollowUp::AbnormalList => "abnormal_list",
            FollowUp::CaseClue => "case_clue",
        }
    }
}

/// `inspection.result_recorded`: the inspectors' record (restricted until published).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultRecorded {
    pub plan: String,
    pub target: String,
    pub inspected_on: NaiveDate,
    pub category: ResultCategory,
    /// What was found, for the file.
    pub findings: String,
    /// SHA-256 (hex) of each piece of evidence (photographs, records), kept outside the journal.
    #[serde(default)]
    pub evidence: Vec<String>,
}

/// `inspection.result_published`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultPublished {
    pub plan: String,
    pub target: String,
    pub inspected_on: NaiveDate,
    pub category: ResultCategory,
    pub published_on: NaiveDate,
    /// The 20-workday term ([`publication_due`]).
    pub due: NaiveDate,
}

/// Where a task stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Drawn without a team: the office must act.
    Unassigned,
    /// Assigned, not inspected yet.
    Assigned,
    /// Inspected; the result waits for publication.
    Recorded,
    /// The result is public.
    Published,
}

impl TaskStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Unassigned => "unassigned",
            TaskStatus::Assigned => "assigned",
            TaskStatus::Recorded => "recorded",
            TaskStatus::Published => "published",
        }
    }
}

/// A task's state: the fold of its events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskState {
    pub assigned: TaskAssigned,
    pub status: TaskStatus,
    pub recorded: Option<ResultRecorded>,
    pub published: Option<ResultPublished>,
}

impl TaskState {
    pub fn new(a: TaskAssigned) -> TaskState {
        let status = if a.unassigned.is_some() { TaskStatus::Unassigned } else { TaskStatus::Assigned };
        TaskState { assigned: a, status, recorded: None, published: None }
    }

    fn workflow(&self, step: &str) -> Error {
        Error::new(Code::InspectionWorkflow)
            .with("plan", format!("{} {}", self.assigned.plan, self.assigned.target))
            .with("status", self.status.as_str())
            .with("step", step.to_string())
    }

    /// Folds the inspectors' record; a record may be replaced until the result is published.
    pub fn record(&mut self, r: &ResultRecorded) -> Result<()> {
        if !matches!(self.status, TaskStatus::Assigned | TaskStatus::Recorded) {
            return Err(self.workflow("record"));
        }
        for e in &r.evidence {
            super::parse_hex32("evidence", e)?;
        }
        self.status = TaskStatus::Recorded;
        self.recorded = Some(r.clone());
        Ok(())
    }

    /// Folds the publication: it must publish what was recorded.
    pub fn publish(&mut self, p: &ResultPublished) -> Result<()> {
        let Some(r) = &self.recorded else { return Err(self.workflow("publish")) };
        if self.status != TaskStatus::Recorded || r.category != p.category || r.inspected_on != p.inspected_on {
            return Err(self.workflow("publish"));
        }
        self.status = TaskStatus::Published;
        self.published = Some(p.clone());
        Ok(())
    }

    /// Whether the result is late on `today`: recorded and not published after the due day,
    /// or published after it.
    pub fn late(&self, calendar: &Calendar, today: NaiveDate) -> Result<bool> {
        match (&self.recorded, &self.published) {
            (_, Some(p)) => Ok(p.published_on > p.due),
            (Some(r), None) => Ok(today > publication_due(calendar, r.inspected_on)?),
            (None, None) => Ok(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn results_are_due_twenty_workdays_after_the_inspection_across_holidays() {
        let cal = Calendar::builtin();
        // Inspected 2026-09-21 (Mon). Shipped schedule: 09-25 (中秋) off, 10-01 to 10-07 off,
        // 10-10 (Sat) worked. Workdays after: 09-22..24 (3), 09-28..30 (6), 10-08, 10-09 (8),
        // 10-10 (9), 10-12..16 (14), 10-19..23 (19), 10-26 (20).
        assert_eq!(publication_due(&cal, d("2026-09-21")).unwrap(), d("2026-10-26"));
        // Without holidays: four calendar weeks.
        assert_eq!(publication_due(&cal, d("2026-11-02")).unwrap(), d("2026-11-30"));
    }

    #[test]
    fn a_task_is_recorded_then_published_and_late_is_computed() {
        let cal = Calendar::builtin();
        let a = TaskAssigned {
            plan: "p".into(),
            target: "t".into(),
            rank: 1,
            inspectors: vec!["a".into(), "b".into()],
            unassigned: None,
            items: vec!["SC-01".into()],
            due: d("2026-11-30"),
        };
        let mut t = TaskState::new(a);
        let rec = ResultRecorded {
            plan: "p".into(),
            target: "t".into(),
            inspected_on: d("2026-11-02"),
            category: ResultCategory::Unreachable,
            findings: "住所无人".into(),
            evidence: vec!["ab".repeat(32)],
        };
        let publ = ResultPublished {
            plan: "p".into(),
            target: "t".into(),
            inspected_on: d("2026-11-02"),
            category: ResultCategory::Unreachable,
            published_on: d("2026-12-01"),
            due: d("2026-11-30"),
        };
        assert_eq!(t.publish(&publ).unwrap_err().code(), Code::InspectionWorkflow);
        t.record(&rec).unwrap();
        assert!(!t.late(&cal, d("2026-11-30")).unwrap());
        assert!(t.late(&cal, d("2026-12-01")).unwrap());
        let mismatched = ResultPublished { category: ResultCategory::NoProblem, ..publ.clone() };
        assert!(t.publish(&mismatched).is_err());
        t.publish(&publ).unwrap();
        assert!(t.late(&cal, d("2026-12-01")).unwrap());
        assert!(t.record(&rec).is_err());
        assert_eq!(ResultCategory::Unreachable.follow_up(), Some(FollowUp::AbnormalList));
    }
}
