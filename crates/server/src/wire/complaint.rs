//! 12315 bodies of `/api/v1/complaints`, `/api/v1/odr`, `/api/v1/warnings` and an entity's
//! complaint disclosure.

use chrono::NaiveDate;
use serde::Serialize;
use shijian_app::complaints::analysis as app_analysis;
use shijian_app::complaints::disclosure as app_disclosure;
use shijian_app::complaints::publish::{ClueItem, NarrativeDraft};
use shijian_core::complaint::clue as core_clue;
use shijian_core::complaint::procedure as core_procedure;
use shijian_core::complaint::publication::{NarrativePublished, WarningPublished};

/// `POST /api/v1/complaints/attachments`: the attachment's name, by which the intake lists it.
#[derive(Serialize)]
pub struct Attachment {
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// Its media type (`image/jpeg`, `image/png`, `application/pdf`).
    #[serde(rename = "type")]
    pub media_type: &'static str,
}

/// `POST /api/v1/complaints`: the number, the tracking code (shown this once: only its hash is
/// kept), where the complaint went and its first deadline.
#[derive(Serialize)]
pub struct Filed {
    pub id: String,
    pub tracking_code: String,
    /// The handling office's division code.
    pub office: String,
    pub office_name: String,
    /// The status's code (`received`, `odr`, …).
    pub status: &'static str,
    /// The ODR enterprise it went to first (its credit code).
    pub odr: Option<String>,
    pub due: Option<NaiveDate>,
    /// Whether `due` counts a day of a provisional year (暂定).
    pub due_provisional: bool,
    /// The log index of the filing's event.
    pub index: u64,
}

impl From<shijian_app::complaints::Filed> for Filed {
    fn from(f: shijian_app::complaints::Filed) -> Filed {
        Filed {
            id: f.id,
            tracking_code: f.tracking_code,
            office: f.office.to_string(),
            office_name: f.office_name,
            status: f.status.as_str(),
            odr: f.odr,
            due: f.due,
            due_provisional: f.due_provisional,
            index: f.index,
        }
    }
}

/// `POST /api/v1/complaints/track`: where a complaint stands, as its complainant sees it.
#[derive(Serialize)]
pub struct Tracked {
    pub id: String,
    /// `complaint` or `report`.
    pub kind: &'static str,
    pub received_on: NaiveDate,
    pub status: &'static str,
    pub status_zh: &'static str,
    pub status_en: &'static str,
    pub office_name: String,
    pub due: Option<NaiveDate>,
    /// Whether `due` counts a day of a provisional year (暂定).
    pub due_provisional: bool,
    pub accepted_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    /// The outcome in words, once closed.
    pub outcome: String,
    pub reason: Option<String>,
    pub odr_answer: Option<String>,
    pub rating: Option<u8>,
    /// Whether the complainant may rate now.
    pub can_rate: bool,
    /// Whether the complainant may send an ODR settlement on to the office.
    pub can_escalate: bool,
}

impl From<shijian_app::complaints::Tracked> for Tracked {
    fn from(t: shijian_app::complaints::Tracked) -> Tracked {
        Tracked {
            id: t.id,
            kind: t.kind.as_str(),
            received_on: t.received_on,
            status: t.status.as_str(),
            status_zh: t.status_zh,
            status_en: t.status_en,
            office_name: t.office_name,
            due: t.due,
            due_provisional: t.due_provisional,
            accepted_on: t.accepted_on,
            closed_on: t.closed_on,
            outcome: t.outcome,
            reason: t.reason,
            odr_answer: t.odr_answer,
            rating: t.rating,
            can_rate: t.can_rate,
            can_escalate: t.can_escalate,
        }
    }
}

/// A complaint with its deadlines as a handler (or the ODR enterprise) sees it:
/// `GET /api/v1/complaints/{id}`, the answer to a step or an ODR answer, and each item of the
/// worklist and of the ODR inbox.
#[derive(Serialize)]
pub struct WorkItem {
    pub complaint: Complaint,
    pub deadlines: Deadlines,
    pub overdue: bool,
    /// Workdays left to the current deadline (negative when overdue), when known.
    pub workdays_left: Option<i64>,
}

impl From<shijian_app::complaints::WorkItem> for WorkItem {
    fn from(w: shijian_app::complaints::WorkItem) -> WorkItem {
        WorkItem {
            complaint: w.complaint.into(),
            deadlines: w.deadlines.into(),
            overdue: w.overdue,
            workdays_left: w.workdays_left,
        }
    }
}

/// A complaint or report and where its procedure stands.
#[derive(Serialize)]
pub struct Complaint {
    pub id: String,
    pub intake: Intake,
    pub received_on: NaiveDate,
    pub status: &'static str,
    /// The handling office's division code.
    pub office: String,
    /// The registered business's credit code, once known.
    pub entity: Option<String>,
    /// SHA-256 (hex) of the tracking code.
    pub tracking: String,
    /// The day the current office's period started: receipt, transfer, designation, or the
    /// day the complaint left the ODR enterprise.
    pub clock_from: NaiveDate,
    pub accepted_on: Option<NaiveDate>,
    /// A report's check extended by 15 workdays.
    pub extended: bool,
    /// Periods of testing, inspection or appraisal, whose workdays do not count.
    pub testing: Vec<Testing>,
    pub closed_on: Option<NaiveDate>,
    /// The refusal's ground (`not_competent`, …; 市场监督管理投诉举报处理暂行办法 第十五条).
    pub refusal: Option<&'static str>,
    /// The ground mediation ended on (`withdrawn`, …; 第二十一条).
    pub termination: Option<&'static str>,
    pub notified_on: Option<NaiveDate>,
    pub odr: Option<Odr>,
    pub dispute: Option<Dispute>,
    pub transfers: Vec<Transfer>,
    pub agreement: Option<String>,
    /// The sum recovered for the consumer, yuan, two decimals.
    pub recovered: Option<String>,
    pub rating: Option<u8>,
    /// The last step's explanation (refusal, termination, filing decision).
    pub reason: Option<String>,
    /// The day a narrative of it was published.
    pub narrative_on: Option<NaiveDate>,
}

impl From<core_procedure::ComplaintState> for Complaint {
    fn from(s: core_procedure::ComplaintState) -> Complaint {
        Complaint {
            id: s.id,
            intake: s.intake.into(),
            received_on: s.received_on,
            status: s.status.as_str(),
            office: s.office.to_string(),
            entity: s.entity,
            tracking: s.tracking,
            clock_from: s.clock_from,
            accepted_on: s.accepted_on,
            extended: s.extended,
            testing: s.testing.into_iter().map(|t| Testing { since: t.since, until: t.until }).collect(),
            closed_on: s.closed_on,
            refusal: s.refusal.map(|g| g.as_str()),
            termination: s.termination.map(|g| g.as_str()),
            notified_on: s.notified_on,
            odr: s.odr.map(|o| Odr {
                entity: o.entity,
                answered_on: o.answered_on,
                settled: o.settled,
                method: o.method,
                answer: o.answer,
                escalated_on: o.escalated_on,
            }),
            dispute: s.dispute.map(|d| Dispute {
                offices: d.offices.map(|o| o.to_string()),
                since: d.since,
                reason: d.reason,
            }),
            transfers: s
                .transfers
                .into_iter()
                .map(|t| Transfer { from: t.from.to_string(), to: t.to.to_string(), on: t.on, reason: t.reason })
                .collect(),
            agreement: s.agreement,
            recovered: s.recovered,
            rating: s.rating,
            reason: s.reason,
            narrative_on: s.narrative_on,
        }
    }
}

/// What the complainant or reporter submitted.
#[derive(Serialize)]
pub struct Intake {
    /// `complaint` or `report`.
    pub kind: &'static str,
    /// `web`, `hotline`, `platform`, `counter` or `import`.
    pub channel: &'static str,
    pub party: Party,
    pub business: Business,
    /// The division where the goods were bought or the service given.
    pub place: String,
    /// Goods or service category code.
    pub category: String,
    /// Problem category code.
    pub problem: String,
    /// The sum in dispute, yuan.
    pub amount: Option<String>,
    pub occurred_on: Option<NaiveDate>,
    pub facts: String,
    pub request: String,
    /// SHA-256 (hex) of each attachment.
    pub attachments: Vec<String>,
    pub consent_to_publish: bool,
    /// Whether a complaint about an ODR enterprise went to the enterprise first.
    pub odr: bool,
}

impl From<shijian_core::complaint::Intake> for Intake {
    fn from(i: shijian_core::complaint::Intake) -> Intake {
        Intake {
            kind: i.kind.as_str(),
            channel: i.channel.as_str(),
            party: Party { name: i.party.name, phone: i.party.phone, address: i.party.address },
            business: Business { name: i.business.name, code: i.business.code, address: i.business.address },
            place: i.place.to_string(),
            category: i.category,
            problem: i.problem,
            amount: i.amount,
            occurred_on: i.occurred_on,
            facts: i.facts,
            request: i.request,
            attachments: i.attachments,
            consent_to_publish: i.consent_to_publish,
            odr: i.odr,
        }
    }
}

/// The complainant or reporter (personal data).
#[derive(Serialize)]
pub struct Party {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

/// The business as the consumer named it.
#[derive(Serialize)]
pub struct Business {
    pub name: String,
    /// The credit code, when the consumer gave it.
    pub code: Option<String>,
    pub address: Option<String>,
}

/// A period of testing.
#[derive(Serialize)]
pub struct Testing {
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
}

/// The ODR part of a complaint.
#[derive(Serialize)]
pub struct Odr {
    /// The ODR enterprise's credit code.
    pub entity: String,
    pub answered_on: Option<NaiveDate>,
    pub settled: Option<bool>,
    pub method: Option<String>,
    pub answer: Option<String>,
    /// The day the complainant sent the settlement on to the office.
    pub escalated_on: Option<NaiveDate>,
}

/// A jurisdiction dispute.
#[derive(Serialize)]
pub struct Dispute {
    /// The two offices' division codes.
    pub offices: [String; 2],
    pub since: NaiveDate,
    pub reason: String,
}

/// A transfer to another office.
#[derive(Serialize)]
pub struct Transfer {
    pub from: String,
    pub to: String,
    pub on: NaiveDate,
    pub reason: String,
}

/// The deadlines of a complaint on the official calendar; one in a year the calendar does not
/// cover is `null`, and the year is in `uncovered`.
#[derive(Serialize)]
pub struct Deadlines {
    /// Accept or refuse: 7 workdays (市场监督管理投诉举报处理暂行办法 第十四条).
    pub accept_due: Option<NaiveDate>,
    /// Mediation: 45 workdays from acceptance (第二十条、第二十一条).
    pub mediation_due: Option<NaiveDate>,
    /// A report's check and filing decision: 15 (+15) workdays (市场监督管理行政处罚程序规定
    /// 第十八条).
    pub verify_due: Option<NaiveDate>,
    /// The ODR enterprise's answer: 10 workdays.
    pub odr_due: Option<NaiveDate>,
    /// A jurisdiction dispute: 7 workdays (办法 第三十条).
    pub dispute_due: Option<NaiveDate>,
    /// The notice owed after a termination or a filing decision.
    pub notice_due: Option<NaiveDate>,
    /// The deadline of the step the complaint is at.
    pub current: Option<NaiveDate>,
    /// Whether testing pauses the current period.
    pub paused: bool,
    /// A year whose holiday schedule is needed and cannot be counted.
    pub uncovered: Option<i32>,
    /// Whether some deadline counts a day of a provisional year (暂定).
    pub provisional: bool,
}

impl From<core_procedure::Deadlines> for Deadlines {
    fn from(d: core_procedure::Deadlines) -> Deadlines {
        Deadlines {
            accept_due: d.accept_due,
            mediation_due: d.mediation_due,
            verify_due: d.verify_due,
            odr_due: d.odr_due,
            dispute_due: d.dispute_due,
            notice_due: d.notice_due,
            current: d.current,
            paused: d.paused,
            uncovered: d.uncovered,
            provisional: d.provisional,
        }
    }
}

/// `GET /api/v1/complaints/{id}/matches`: the registered businesses the consumer may mean,
/// the likeliest first.
#[derive(Serialize)]
pub struct Matches {
    pub candidates: Vec<Candidate>,
}

/// A registered business the consumer may mean.
#[derive(Serialize)]
pub struct Candidate {
    pub uscc: String,
    pub name: String,
    /// The entity kind's code.
    pub kind: &'static str,
    /// The status's code.
    pub status: &'static str,
    /// The registering office's division code and name.
    pub division: String,
    pub division_name: String,
    pub address: String,
    /// 0–1000.
    pub score: u32,
    /// Why it was suggested, in words.
    pub reasons: Vec<String>,
}

impl From<shijian_app::complaints::matching::Candidate> for Candidate {
    fn from(c: shijian_app::complaints::matching::Candidate) -> Candidate {
        Candidate {
            uscc: c.uscc,
            name: c.name,
            kind: c.kind,
            status: c.status,
            division: c.division,
            division_name: c.division_name,
            address: c.address,
            score: c.score,
            reasons: c.reasons,
        }
    }
}

/// `GET /api/v1/complaints/{id}/narrative`: the draft of a narrative, personal data masked, and
/// whether it may be published.
#[derive(Serialize)]
pub struct DraftNarrative {
    pub id: String,
    /// Whether the complainant agreed to publication.
    pub consent: bool,
    pub closed: bool,
    pub published_on: Option<NaiveDate>,
    pub text: String,
}

impl From<NarrativeDraft> for DraftNarrative {
    fn from(d: NarrativeDraft) -> DraftNarrative {
        DraftNarrative { id: d.id, consent: d.consent, closed: d.closed, published_on: d.published_on, text: d.text }
    }
}

/// A published narrative (`POST /api/v1/complaints/{id}/narrative`, and in the disclosure).
#[derive(Serialize)]
pub struct Narrative {
    /// The complaint's number.
    pub id: String,
    /// The day it was published.
    pub on: NaiveDate,
    /// The business's credit code, when the complaint was matched to the register.
    pub entity: Option<String>,
    pub category: String,
    pub problem: String,
    pub received_on: NaiveDate,
    /// The outcome's code.
    pub outcome: String,
    pub text: String,
}

impl From<NarrativePublished> for Narrative {
    fn from(n: NarrativePublished) -> Narrative {
        Narrative {
            id: n.id,
            on: n.on,
            entity: n.entity,
            category: n.category,
            problem: n.problem,
            received_on: n.received_on,
            outcome: n.outcome,
            text: n.text,
        }
    }
}

/// A case clue (诉转案) with its check's due day (`GET /api/v1/complaints/clues`).
#[derive(Serialize)]
pub struct ClueRow {
    pub clue: Clue,
    pub rule_zh: &'static str,
    pub rule_en: &'static str,
    /// The law the complaints suggest was broken.
    pub law: Option<&'static str>,
    /// The check's due day (15 workdays).
    pub due: Option<NaiveDate>,
    /// Whether `due` counts a day of a provisional year (暂定).
    pub due_provisional: bool,
    pub overdue: bool,
}

impl From<ClueItem> for ClueRow {
    fn from(c: ClueItem) -> ClueRow {
        ClueRow {
            clue: c.clue.into(),
            rule_zh: c.rule_zh,
            rule_en: c.rule_en,
            law: c.law,
            due: c.due,
            due_provisional: c.due_provisional,
            overdue: c.overdue,
        }
    }
}

/// A case clue: the complaints that made it, and the check's result once decided
/// (`POST /api/v1/complaints/clues/{id}/decision`).
#[derive(Serialize)]
pub struct Clue {
    pub id: String,
    /// The day it was flagged.
    pub on: NaiveDate,
    /// The business's credit code.
    pub entity: String,
    /// The checking office's division code.
    pub office: String,
    /// `repeated`, `violation` or `reports`.
    pub rule: &'static str,
    /// The problem kind, for `violation`.
    pub problem: Option<String>,
    /// The numbers of the complaints and reports.
    pub complaints: Vec<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub decided: Option<ClueDecision>,
}

impl From<core_clue::Clue> for Clue {
    fn from(c: core_clue::Clue) -> Clue {
        let f = c.flagged;
        Clue {
            id: f.id,
            on: f.on,
            entity: f.entity,
            office: f.office.to_string(),
            rule: f.rule.as_str(),
            problem: f.problem,
            complaints: f.complaints,
            from: f.from,
            to: f.to,
            decided: c.decided.map(|d| ClueDecision {
                id: d.id,
                on: d.on,
                filed: d.filed,
                reason: d.reason,
                case: d.case,
            }),
        }
    }
}

/// The check of a clue: a case opened or not.
#[derive(Serialize)]
pub struct ClueDecision {
    pub id: String,
    pub on: NaiveDate,
    pub filed: bool,
    pub reason: String,
    /// The enforcement matter the clue became, when filed (`/api/v1/cases/{id}`).
    pub case: Option<String>,
}

/// A consumer warning (消费警示): `POST /api/v1/warnings`, and each of `GET /api/v1/warnings`.
#[derive(Serialize)]
pub struct Warning {
    pub id: String,
    pub on: NaiveDate,
    /// The publishing office's division code.
    pub office: String,
    /// The division it is about.
    pub region: String,
    /// The goods or service category, when it is about one.
    pub category: Option<String>,
    pub title: String,
    pub body: String,
    /// Complaints in the window that prompted it.
    pub observed: Option<u64>,
    /// What the baseline expected, one decimal.
    pub expected: Option<String>,
    /// The window, `[first day, last day]`.
    pub window: Option<(NaiveDate, NaiveDate)>,
}

impl From<WarningPublished> for Warning {
    fn from(w: WarningPublished) -> Warning {
        Warning {
            id: w.id,
            on: w.on,
            office: w.office.to_string(),
            region: w.region.to_string(),
            category: w.category,
            title: w.title,
            body: w.body,
            observed: w.observed,
            expected: w.expected,
            window: w.window,
        }
    }
}

/// `GET /api/v1/entities/{uscc}/complaints`: the public disclosure of complaints about a
/// business: numbers only, and the narratives published with consent.
#[derive(Serialize)]
pub struct Disclosure {
    pub uscc: String,
    /// The first day counted (three years back).
    pub since: NaiveDate,
    pub complaints: u64,
    pub open: u64,
    pub closed: u64,
    pub responded: Rate,
    pub resolved: Rate,
    /// `[problem code, Chinese name, count]`, the most frequent first.
    pub problems: Vec<(String, String, u64)>,
    pub ratings: u64,
    /// The mean rating, one decimal (`"4.2"`).
    pub mean_rating: Option<String>,
    pub odr: Option<OdrScorecard>,
    /// The newest first.
    pub narratives: Vec<Narrative>,
}

impl From<app_disclosure::Disclosure> for Disclosure {
    fn from(d: app_disclosure::Disclosure) -> Disclosure {
        Disclosure {
            uscc: d.uscc,
            since: d.since,
            complaints: d.complaints,
            open: d.open,
            closed: d.closed,
            responded: d.responded.into(),
            resolved: d.resolved.into(),
            problems: d.problems,
            ratings: d.ratings,
            mean_rating: d.mean_rating,
            odr: d.odr.map(|o| OdrScorecard {
                member: o.member,
                joined_on: o.joined_on,
                received: o.received,
                answered: o.answered.into(),
                answered_in_time: o.answered_in_time.into(),
                settled: o.settled.into(),
            }),
            narratives: d.narratives.into_iter().map(Narrative::from).collect(),
        }
    }
}

/// A share of a whole, with the numbers it comes from.
#[derive(Serialize)]
pub struct Rate {
    pub part: u64,
    pub whole: u64,
    /// Per mille, rounded; `null` when the whole is zero.
    pub permille: Option<u32>,
}

impl From<app_disclosure::Rate> for Rate {
    fn from(r: app_disclosure::Rate) -> Rate {
        Rate { part: r.part, whole: r.whole, permille: r.permille }
    }
}

/// An ODR enterprise's scorecard.
#[derive(Serialize)]
pub struct OdrScorecard {
    pub member: bool,
    pub joined_on: Option<NaiveDate>,
    pub received: u64,
    pub answered: Rate,
    pub answered_in_time: Rate,
    pub settled: Rate,
}

/// `GET /api/v1/complaints/analysis`: trends over 13 months, the busiest businesses, and the
/// unusual rises with their draft warnings.
#[derive(Serialize)]
pub struct Analysis {
    pub as_of: NaiveDate,
    /// The division analysed.
    pub scope: String,
    /// Complaint records read.
    pub read: u64,
    /// The first day with data in the scope.
    pub data_from: Option<NaiveDate>,
    /// `YYYY-MM`, oldest first; the last one is the month of `as_of`, to that day.
    pub months: Vec<String>,
    pub total: Trend,
    pub by_category: Vec<Trend>,
    pub by_region: Vec<Trend>,
    pub by_problem: Vec<Trend>,
    pub top_entities: Vec<EntityTrend>,
    /// The current window, `[first day, last day]`.
    pub window: (NaiveDate, NaiveDate),
    /// The earlier years the baseline used.
    pub baseline_years: u32,
    pub alerts: Vec<Alert>,
}

impl From<&app_analysis::Analysis> for Analysis {
    fn from(a: &app_analysis::Analysis) -> Analysis {
        Analysis {
            as_of: a.as_of,
            scope: a.scope.to_string(),
            read: a.read,
            data_from: a.data_from,
            months: a.months.clone(),
            total: (&a.total).into(),
            by_category: a.by_category.iter().map(Trend::from).collect(),
            by_region: a.by_region.iter().map(Trend::from).collect(),
            by_problem: a.by_problem.iter().map(Trend::from).collect(),
            top_entities: a
                .top_entities
                .iter()
                .map(|e| EntityTrend {
                    uscc: e.uscc.clone(),
                    current: e.current,
                    usual: e.usual,
                    last_year: e.last_year,
                })
                .collect(),
            window: a.window,
            baseline_years: a.baseline_years,
            alerts: a.alerts.iter().map(Alert::from).collect(),
        }
    }
}

/// One series of counts: the total, a category, a region or a problem kind.
#[derive(Serialize)]
pub struct Trend {
    pub key: String,
    pub zh: String,
    pub en: String,
    /// Counts in each of the analysis's `months`.
    pub counts: Vec<u64>,
    /// The last 12 months, and the 12 before them.
    pub last_year: u64,
    pub year_before: u64,
}

impl From<&app_analysis::Trend> for Trend {
    fn from(t: &app_analysis::Trend) -> Trend {
        Trend {
            key: t.key.clone(),
            zh: t.zh.clone(),
            en: t.en.clone(),
            counts: t.counts.clone(),
            last_year: t.last_year,
            year_before: t.year_before,
        }
    }
}

/// A business among the most complained about.
#[derive(Serialize)]
pub struct EntityTrend {
    pub uscc: String,
    /// In the current 28 days.
    pub current: u64,
    /// The mean of the 12 windows of 28 days before.
    pub usual: f64,
    /// In the last 12 months.
    pub last_year: u64,
}

/// An unusual rise, with its draft warning.
#[derive(Serialize)]
pub struct Alert {
    pub series: Series,
    pub label: String,
    /// `[first day, last day]`.
    pub window: (NaiveDate, NaiveDate),
    pub verdict: Verdict,
    /// `[problem code, name, count]`, the most frequent in the window first.
    pub problems: Vec<(String, String, u64)>,
    pub draft: DraftWarning,
}

impl From<&app_analysis::Alert> for Alert {
    fn from(a: &app_analysis::Alert) -> Alert {
        let v = &a.verdict;
        Alert {
            series: Series {
                region: a.series.region.to_string(),
                category: a.series.category.clone(),
                problem: a.series.problem.clone(),
            },
            label: a.label.clone(),
            window: a.window,
            verdict: Verdict {
                observed: v.observed,
                expected: v.expected,
                sd: v.sd,
                limit: v.limit,
                ratio: v.ratio,
                p: v.p,
                unusual: v.unusual,
            },
            problems: a.problems.clone(),
            draft: DraftWarning { title: a.draft.title.clone(), body: a.draft.body.clone() },
        }
    }
}

/// What a series counts: a region, and a category or problem kind within it.
#[derive(Serialize)]
pub struct Series {
    pub region: String,
    pub category: Option<String>,
    pub problem: Option<String>,
}

/// How the window compares with its baseline.
#[derive(Serialize)]
pub struct Verdict {
    pub observed: u64,
    /// μ: what the baseline expects.
    pub expected: f64,
    /// σ (not less than √μ).
    pub sd: f64,
    /// μ + 2σ.
    pub limit: f64,
    /// observed / μ.
    pub ratio: f64,
    /// P(X ≥ observed) for a Poisson count.
    pub p: f64,
    pub unusual: bool,
}

/// The draft of a consumer warning.
#[derive(Serialize)]
pub struct DraftWarning {
    pub title: String,
    pub body: String,
}

#[cfg(test)]
mod tests {
    use shijian_core::complaint::procedure::{RefusalGround, Status, TerminationGround};
    use shijian_core::complaint::{Channel, Kind};

    /// The codes the wire types take from `as_str` are the ones the internal types serialise
    /// to, variant by variant.
    #[test]
    fn codes_are_the_serialised_names() {
        fn same<T: serde::Serialize>(v: T, code: &str) {
            assert_eq!(serde_json::to_value(v).unwrap(), serde_json::json!(code));
        }
        for s in Status::ALL {
            same(s, s.as_str());
        }
        for g in RefusalGround::ALL {
            same(g, g.as_str());
        }
        for g in TerminationGround::ALL {
            same(g, g.as_str());
        }
        for c in Channel::ALL {
            same(c, c.as_str());
        }
        for k in [Kind::Complaint, Kind::Report] {
            same(k, k.as_str());
        }
    }
}
